//! Content errors and warnings a person can act on.
//!
//! Every stage reports problems in user files as a [`Diagnostic`]: the file, the line
//! and column, what is wrong and how to fix it. Stages collect them and keep going, so
//! one run reports every problem; the command prints them all and fails once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build or check (exit 1); `build` then writes nothing.
    Error,
    /// Reported, and the command goes on; `check --strict` fails on it.
    Warning,
}

/// One problem in a user's file: where, what, and how to fix it. Shown as rustc
/// shows its errors (see [`Diagnostic::render`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it fails the command.
    pub severity: Severity,
    /// Path relative to the site root, as the editor knows it.
    pub path: PathBuf,
    /// 1-based line and column (in characters); 0 when the problem has no position.
    pub line: usize,
    /// 1-based column of the problem, in characters (not bytes) of its line; 0 when
    /// `line` is 0.
    pub col: usize,
    /// What is wrong, on one line: ``unknown source `valley-wyre` ``.
    pub message: String,
    /// How to fix it, shown after `= help:`: ``did you mean `valley-wire`?``.
    pub help: Option<String>,
    /// The offending source line, shown under the position.
    pub excerpt: Option<String>,
    /// How many characters to underline from `col`; 0 underlines the token there.
    /// (Small, so a `Result<_, Diagnostic>` stays small.)
    pub width: u16,
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
            width: 0,
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

    /// Underlines `width` characters instead of the token at the column.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.try_into().unwrap_or(u16::MAX);
        self
    }

    /// Sets the help line; `None` removes it.
    pub fn with_help(mut self, help: Option<impl Into<String>>) -> Self {
        self.help = help.map(Into::into);
        self
    }

    /// Makes it a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether it is an error, which fails the command.
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

impl Diagnostic {
    /// rustc's layout, drawn by `annotate-snippets`: the message, an arrow to the
    /// place, the line with the offending token underlined, then the help. Styled
    /// with ANSI colours when `color` is set.
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = display_path(&self.path);
        let title = level.primary_title(self.message.as_str());
        // annotate-snippets trims long lines around the annotation itself.
        let group = match self.excerpt.as_deref() {
            Some(line) => title.element(
                Snippet::source(line)
                    .line_start(self.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(self.span(line))),
            ),
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        let group = match &self.help {
            Some(help) => group.element(Level::HELP.message(help.as_str())),
            None => group,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

impl Diagnostic {
    fn span(&self, line: &str) -> std::ops::Range<usize> {
        let token = token_span(line, self.col);
        if self.width == 0 {
            return token;
        }
        let end = line[token.start..]
            .char_indices()
            .nth(self.width.into())
            .map_or(line.len(), |(i, _)| token.start + i);
        token.start..end.max(token.end.min(token.start + 1))
    }
}

/// The byte range to underline: the token starting at 1-based character `col`, up to
/// whitespace or YAML punctuation (a trailing `:` marks a key and is left out).
fn token_span(line: &str, col: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = rest
        .find(|c: char| c.is_whitespace() || ",[]{}\"'`".contains(c))
        .unwrap_or(rest.len());
    let token = rest[..len].strip_suffix(':').unwrap_or(&rest[..len]);
    let end = start
        + token
            .len()
            .max(rest.chars().next().map_or(0, char::len_utf8));
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// What a stage found: the diagnostics to report, in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl Diagnostics {
    /// Adds one diagnostic at the end.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds several at the end, in order.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// How many are errors; warnings are not counted.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Whether any is an error, so the command fails.
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
            "error: unknown source `valley-wyre`\n --> content/events/x.md:2:11\n  |\n2 | sources: [valley-wyre]\n  |           ^^^^^^^^^^^\n  |\n  = help: did you mean `valley-wire`?"
        );
        let styled = d.render(true);
        assert!(styled.contains("\x1b["), "{styled:?}");
        assert_eq!(
            Diagnostic::file("content", "no content")
                .warning()
                .to_string(),
            "warning: no content\n --> content"
        );
    }

    #[test]
    fn underlines_the_token_at_the_column() {
        let line = "plase: Kerman, Iran";
        assert_eq!(&line[token_span(line, 1)], "plase");
        assert_eq!(&line[token_span(line, 8)], "Kerman");
        let line = "date: 2024-01-03T14:50 # قاسم";
        assert_eq!(&line[token_span(line, 7)], "2024-01-03T14:50");
        assert_eq!(&line[token_span(line, 26)], "قاسم");
        assert_eq!(token_span(line, 200), line.len()..line.len());
        assert_eq!(&"- x"[token_span("- x", 2)], " ");
    }

    #[test]
    fn keeps_the_column_on_long_lines() {
        let line = format!("{}[[Nope]] end", "word ".repeat(80));
        let d = Diagnostic::at("x.md", &line, 1, 401, "unknown wikilink");
        let text = d.to_string();
        assert!(text.contains("x.md:1:401"), "{text}");
        assert!(text.contains("[[Nope]]"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() < 200), "{text}");
    }
}
