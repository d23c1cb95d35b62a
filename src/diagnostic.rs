//! Content errors and warnings a person can act on.
//!
//! Every stage reports problems in user files as a [`Diagnostic`]: the file, the line
//! and column, what is wrong and how to fix it. Stages collect them and keep going, so
//! one run reports every problem; the command prints them all and fails once.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, as the editor knows it.
    pub path: PathBuf,
    /// 1-based line and column (in characters); 0 when the problem has no position.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
    /// The offending source line, shown under the position.
    pub excerpt: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (or one that has no better position).
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    /// A problem at a 1-based `line` and `col` of `source` (the whole file's text).
    pub fn at(
        path: impl Into<PathBuf>,
        source: &str,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        let excerpt = line
            .checked_sub(1)
            .and_then(|i| source.lines().nth(i))
            .map(str::to_owned);
        Diagnostic {
            line,
            col: col.max(1),
            excerpt,
            ..Diagnostic::file(path, message)
        }
    }

    /// A problem at byte `offset` of `source`.
    pub fn at_offset(
        path: impl Into<PathBuf>,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = line_col(source, offset);
        Diagnostic::at(path, source, line, col, message)
    }

    pub fn with_help(mut self, help: Option<impl Into<String>>) -> Self {
        self.help = help.map(Into::into);
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or just the path when there is no position.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.col)
        }
    }
}

/// Forward slashes on every platform, so messages and tests read the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// 1-based line and character column of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..offset].chars().count() + 1)
}

impl fmt::Display for Diagnostic {
    /// rustc's layout: the message, an arrow to the place, the line with a caret
    /// under the column, then the help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{label}: {}\n  --> {}\n", self.message, self.location());
        if let Some(excerpt) = &self.excerpt {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = excerpt.chars().take(200).collect();
            let caret_pad: String = shown
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = write!(out, "{pad} |\n{number} | {shown}\n{pad} | {caret_pad}^\n");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        f.write_str(out.trim_end())
    }
}

/// What a stage found: the diagnostics to report, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorts by file, then position, so reports read top to bottom and are the same
    /// from run to run whatever order parallel work finished in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_line_and_character_column() {
        let text = "---\ntitle: قاسم\nx: y\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 1));
        let x = text.find("x:").unwrap();
        assert_eq!(line_col(text, x), (3, 1));
        let after_name = text.find("\nx").unwrap();
        assert_eq!(line_col(text, after_name), (2, 12));
    }

    #[test]
    fn renders_like_rustc() {
        let source = "---\nsources: [valley-wyre]\n---\n";
        let d = Diagnostic::at(
            "content/events/x.md",
            source,
            2,
            11,
            "unknown source `valley-wyre`",
        )
        .with_help(Some("did you mean `valley-wire`?"));
        assert_eq!(
            d.to_string(),
            "error: unknown source `valley-wyre`\n  --> content/events/x.md:2:11\n  |\n2 | sources: [valley-wyre]\n  |           ^\n  = help: did you mean `valley-wire`?"
        );
    }
}
