//! The `dateline` command: parses the command line ([`dateline::cmd::Cli`]) and
//! turns the outcome of the command into the exit code (SPEC §6).

use std::process::ExitCode;

use clap::Parser;
use dateline::cmd::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        dateline::cmd::Cli::command().debug_assert();
    }
}
