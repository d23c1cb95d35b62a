//! The `dateline` command: parses the command line ([`dateline::cmd::Cli`]) and
//! turns the outcome of the command into the exit code (SPEC §6).

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use dateline::cmd::{Cli, Outcome};

fn main() -> ExitCode {
    // clap prints usage errors and help before `--color` is parsed: it is read
    // first, so they follow it too.
    let matches = Cli::command().color(color_flag()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.run() {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::ContentErrors) => ExitCode::from(1),
        Ok(Outcome::Usage) => ExitCode::from(2),
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The `--color` given before any `--`, for clap's own messages; `auto` (where clap
/// honours `NO_COLOR` and `CLICOLOR_FORCE`) when there is none or it is not valid.
fn color_flag() -> clap::ColorChoice {
    let mut args = std::env::args_os().skip(1);
    let mut value = None;
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        } else if arg == "--color" {
            value = args.next().and_then(|v| v.into_string().ok());
        } else if let Some(v) = arg.strip_prefix("--color=") {
            value = Some(v.to_owned());
        }
    }
    match value.as_deref() {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        dateline::cmd::Cli::command().debug_assert();
    }
}
