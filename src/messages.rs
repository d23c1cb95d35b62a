//! What dateline tells the person at the terminal: diagnostics as rustc lays them
//! out, numbered and counted, and the counting words (`3 errors, 1 warning`). Every
//! command, `serve` and the pipeline's summaries speak through these.

use crate::diagnostic::Diagnostics;

/// Prints diagnostics to stderr, numbered when there are several.
pub fn report(diagnostics: &Diagnostics) {
    let color = color_stderr();
    let total = diagnostics.0.len();
    for (n, diagnostic) in diagnostics.0.iter().enumerate() {
        let text = diagnostic.render(color);
        if total > 1 {
            errln!("[{}/{total}] {text}\n", n + 1);
        } else {
            errln!("{text}\n");
        }
    }
}

/// Colour only on a terminal. `NO_COLOR` (<https://no-color.org>) turns it off;
/// `CLICOLOR_FORCE` turns it on where stderr is not a terminal (CI logs, pagers).
pub fn color_stderr() -> bool {
    use std::io::IsTerminal;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
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
