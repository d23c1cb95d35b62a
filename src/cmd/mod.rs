//! The command line: one module per subcommand, each an `Args` struct with `run()`.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod shell;

use clap::{Parser, Subcommand};

use crate::messages::{ColorChoice, Verbosity};

/// The command line as parsed: `dateline <COMMAND> [OPTIONS]`. SPEC §6.
#[derive(Parser, Debug)]
#[command(
    name = "dateline",
    version,
    about = "A static site generator for news timelines"
)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
    /// Print errors only: no summary, warning, note or progress line
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print the settings the command runs with, and for build, check and serve
    /// the time each stage takes
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// When to colour messages
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The subcommands, one module each under `cmd/`.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (public/ by default)
    Build(build::BuildArgs),
    /// Build the site into memory and serve it at its production path, rebuilding
    /// and reloading open pages when a file changes
    Serve(serve::ServeArgs),
    /// Check the site without writing anything: every build error, plus warnings
    /// about uncited events, unused sources and unlinked explainers
    Check(check::CheckArgs),
    /// Create a content file with its front matter filled in
    New(new::NewArgs),
    /// Create a small working site, with its GitHub Pages workflow, in a new or
    /// empty folder
    Init(init::InitArgs),
    /// Import a TimelineJS timeline (TimelineJS3 JSON, or the Google Sheets
    /// template as CSV) as one event file per slide
    Import(import::ImportArgs),
    /// Print the completion script for a shell: bash, zsh, fish, elvish or powershell
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff) to standard output
    Man(shell::ManArgs),
}

/// What a command ended with, mapped to the process exit code.
pub enum Outcome {
    /// Done (exit 0).
    Success,
    /// Content or template errors (exit 1).
    ContentErrors,
    /// Arguments that cannot be acted on (exit 2), reported already.
    Usage,
}

impl Cli {
    /// Runs the subcommand. `Err` is a failure outside the content (a folder that cannot
    /// be read or written), which `main` prints as `error: …` with exit code 1; problems
    /// in the content or the arguments are reported already and come back as an
    /// [`Outcome`].
    pub fn run(self) -> anyhow::Result<Outcome> {
        crate::messages::set_color(self.color);
        crate::messages::set_verbosity(if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        });
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Import(args) => args.run(),
            Command::Completions(args) => args.run(),
            Command::Man(args) => args.run(),
        }
    }
}

/// A `--root` that names an existing folder.
pub fn existing_dir(path: &str) -> Result<std::path::PathBuf, String> {
    let path = std::path::PathBuf::from(path);
    if path.is_dir() {
        Ok(path)
    } else if path.exists() {
        Err(format!("`{}` is not a folder", path.display()))
    } else {
        Err(format!("`{}` does not exist", path.display()))
    }
}
