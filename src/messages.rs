//! What dateline tells the person at the terminal: diagnostics as rustc lays them
//! out, numbered and counted, and the counting words (`3 errors, 1 warning`). Every
//! command, `serve` and the pipeline's summaries speak through these.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::diagnostic::Diagnostics;

/// How much the commands say, from the global `--quiet` and `--verbose` flags.
/// Errors are always printed; the exit code never depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `--quiet`: errors only; no summary, warning, note or progress line.
    Quiet,
    /// The default: errors, warnings, notes and each command's summary.
    Normal,
    /// `--verbose`: also the settings a command ran with and the time each stage
    /// took.
    Verbose,
}

/// When diagnostics are coloured: the global `--color` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` turns it on
    /// elsewhere.
    Auto,
    /// Always, even into a file or a pipe, and whatever `NO_COLOR` says.
    Always,
    /// Never.
    Never,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);
static COLOR: AtomicU8 = AtomicU8::new(ColorChoice::Auto as u8);

/// Sets how much every command says, for the rest of the process.
pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

/// How much the commands say: [`Verbosity::Normal`] unless [`set_verbosity`] said
/// otherwise.
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        2 => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// Whether `--verbose` was given: the stage timings and settings are printed.
pub fn verbose() -> bool {
    verbosity() == Verbosity::Verbose
}

/// `Timings:` and the time of each stage, on stdout (`build --timings`, and
/// `--verbose` for build, check and each build of serve).
pub fn print_timings(timings: &crate::timings::Timings) {
    outln!("Timings:\n{}", timings.table().trim_end());
}

/// Sets when diagnostics are coloured, for the rest of the process.
pub fn set_color(choice: ColorChoice) {
    COLOR.store(choice as u8, Ordering::Relaxed);
}

/// Prints diagnostics to stderr, numbered when there are several. With `--quiet`,
/// only the errors among them.
pub fn report(diagnostics: &Diagnostics) {
    print(diagnostics, verbosity() == Verbosity::Quiet);
}

/// Prints every diagnostic, warnings too, whatever `--quiet` says: for warnings that
/// fail the command (`check --strict`).
pub fn report_all(diagnostics: &Diagnostics) {
    print(diagnostics, false);
}

fn print(diagnostics: &Diagnostics, errors_only: bool) {
    let color = color_stderr();
    let shown: Vec<_> = diagnostics
        .0
        .iter()
        .filter(|d| !errors_only || d.is_error())
        .collect();
    let total = shown.len();
    for (n, diagnostic) in shown.into_iter().enumerate() {
        let text = diagnostic.render(color);
        if total > 1 {
            errln!("[{}/{total}] {text}\n", n + 1);
        } else {
            errln!("{text}\n");
        }
    }
}

/// Whether stderr gets colour. `--color always` and `--color never` decide alone;
/// otherwise (`auto`) colour only on a terminal: `NO_COLOR`
/// (<https://no-color.org>) turns it off, `CLICOLOR_FORCE` turns it on where stderr
/// is not a terminal (CI logs, pagers).
pub fn color_stderr() -> bool {
    use std::io::IsTerminal;
    let choice = COLOR.load(Ordering::Relaxed);
    if choice == ColorChoice::Always as u8 {
        true
    } else if choice == ColorChoice::Never as u8
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    {
        false
    } else {
        std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            || std::io::stderr().is_terminal()
    }
}

/// `3 errors, 1 warning`.
pub fn counts(diagnostics: &Diagnostics) -> String {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.0.len() - errors;
    match (errors, warnings) {
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// `1 event`, `2 events`: `n` and `word`, for the words whose plural adds an `s`.
pub fn plural(n: usize, word: &str) -> String {
    counted(n, word, &format!("{word}s"))
}

/// `n` and the form of a word it takes: `one` (`1 entry`) or `other` (`0 entries`,
/// `2 entries`). The one place a plural is chosen, for the terminal and (through
/// the templates' `plural` filter) for pages, so other languages' rules can take
/// its place in one step.
pub fn counted(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_singular_for_one_alone() {
        assert_eq!(counted(0, "entry", "entries"), "0 entries");
        assert_eq!(counted(1, "entry", "entries"), "1 entry");
        assert_eq!(counted(2, "entry", "entries"), "2 entries");
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(21, "event"), "21 events");
    }
}
