//! What a shell and `man` need of the command line: `dateline completions <shell>`
//! prints a completion script (`clap_complete`), and `dateline man` the manual
//! page (`clap_mangen`, roff), both made from the same definition as `--help`.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, Outcome};

/// `dateline completions <shell>`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Install, for example:\n  \
    bash: dateline completions bash > ~/.local/share/bash-completion/completions/dateline\n  \
    zsh:  dateline completions zsh > ~/.zfunc/_dateline  (with ~/.zfunc on $fpath)\n  \
    fish: dateline completions fish > ~/.config/fish/completions/dateline.fish\n  \
    PowerShell: dateline completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl CompletionsArgs {
    /// Prints the completion script for the shell to standard output.
    pub fn run(self) -> anyhow::Result<Outcome> {
        let mut command = Cli::command();
        let mut out = Vec::new();
        clap_complete::generate(self.shell, &mut command, "dateline", &mut out);
        write_out(&out)
    }
}

/// `dateline man [COMMAND]`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Read it with: dateline man | man -l -\n\
    Install them with: for c in '' build serve check new init import completions man; do \
    dateline man $c > ~/.local/share/man/man1/dateline${c:+-$c}.1; done")]
pub struct ManArgs {
    /// A command's own page (`dateline-build(1)`), which the main page lists;
    /// without it, the main page
    #[arg(value_parser = COMMANDS)]
    pub command: Option<String>,
}

/// The commands with a page of their own.
const COMMANDS: [&str; 8] = [
    "build",
    "serve",
    "check",
    "new",
    "init",
    "import",
    "completions",
    "man",
];

impl ManArgs {
    /// Prints the manual page, section 1, in roff to standard output: `dateline(1)`,
    /// or `dateline-{command}(1)`.
    pub fn run(self) -> anyhow::Result<Outcome> {
        let mut cli = Cli::command();
        cli.build();
        let page = match &self.command {
            None => cli,
            Some(name) => {
                let command = cli
                    .find_subcommand(name)
                    .ok_or_else(|| anyhow::anyhow!("no command `{name}`"))?
                    .clone();
                // clap keeps a command's name as static text; the process prints
                // this one page and ends.
                let title: &'static str = Box::leak(format!("dateline-{name}").into_boxed_str());
                command
                    .name(title)
                    .bin_name(format!("dateline {name}"))
                    .version(env!("CARGO_PKG_VERSION"))
            }
        };
        let mut out = Vec::new();
        clap_mangen::Man::new(page).render(&mut out)?;
        write_out(&out)
    }
}

/// Writes `bytes` to standard output; a reader that closed the pipe early (`|
/// head`) is no failure.
fn write_out(bytes: &[u8]) -> anyhow::Result<Outcome> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Outcome::Success),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_manual_page() {
        let cli = Cli::command();
        let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
        assert_eq!(names, COMMANDS);
    }
}
