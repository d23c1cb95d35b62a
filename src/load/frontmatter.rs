//! Front matter: splitting it from the body and parsing it into strict raw structs.
//!
//! YAML (`---`) and TOML (`+++`) map to the same structs. Errors carry positions in the
//! whole file — the front matter's own line numbers plus the lines before it — which is
//! where editors look. Pure functions over text; no I/O.

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The front matter's language, told by its opening line. SPEC §2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

/// A file cut into front matter and body. Offsets index the file's text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// Which delimiter opened the front matter.
    pub format: Format,
    /// The front matter's text, between the delimiter lines (both left out).
    pub matter: &'a str,
    /// Byte offset of the front matter in the file's text.
    pub matter_offset: usize,
    /// 1-based line of the first front matter line (after the opening delimiter).
    pub matter_line: usize,
    /// The Markdown after the closing delimiter line, to the end of the file.
    pub body: &'a str,
    /// Byte offset of the body in the file's text.
    pub body_offset: usize,
}

/// Cuts `text` (BOM removed, LF line endings) into front matter and body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (format, delimiter) = match first_line {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            let message = if text.trim().is_empty() {
                "the file is empty"
            } else {
                "the file has no front matter"
            };
            return Err(Diagnostic::at(path, text, 1, 1, message).with_help(Some(
                "start the file with a `---` line, then `title: …` and the other fields, then another `---` line",
            )));
        }
    };
    let matter_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = matter_start;
    for line in text[matter_start..].split_inclusive('\n') {
        if line.trim_end() == delimiter {
            let body_offset = offset + line.len();
            return Ok(Split {
                format,
                matter: &text[matter_start..offset],
                matter_offset: matter_start,
                matter_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::at(path, text, 1, 1, "the front matter is never closed").with_help(Some(
            format!("add a `{delimiter}` line after the last front matter field"),
        )),
    )
}

/// Parses front matter into `T`. `known` lists the fields of `T`, for suggestions.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    known: &[&str],
) -> Result<T, Diagnostic> {
    if split.matter.trim().is_empty() {
        return Err(
            Diagnostic::at(path, text, 1, 1, "the front matter is empty").with_help(Some(format!(
                "add at least `{}: …` between the delimiters",
                known.first().copied().unwrap_or("title")
            ))),
        );
    }
    let (message, line, col) = match split.format {
        Format::Yaml => match serde_saphyr::from_str::<T>(split.matter) {
            Ok(value) => return no_nul_escape(path, text, split).map(|()| value),
            Err(e) => {
                use serde_saphyr::MessageFormatter;
                let inner = e.without_snippet();
                let message = match inner {
                    serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
                    _ if inner.to_string().contains("recursion limit") => {
                        "the front matter is nested too deeply".to_owned()
                    }
                    _ => serde_saphyr::DefaultMessageFormatter
                        .format_message(inner)
                        .into_owned(),
                };
                let (line, col) = inner
                    .location()
                    .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
                (message, line, col)
            }
        },
        Format::Toml => match toml::from_str::<T>(split.matter) {
            Ok(value) => return no_nul_escape(path, text, split).map(|()| value),
            Err(e) => {
                let (message, offset) = toml_error(split.matter, &e, "the front matter");
                let (line, col) = crate::diagnostic::line_col(split.matter, offset);
                (message, line, col)
            }
        },
    };
    let help = unknown_field_help(&message, known);
    let message = tidy_message(&message, key_at(split.matter, line));
    Err(Diagnostic::at(path, text, line + split.matter_line - 1, col, message).with_help(help))
}

/// Refuses front matter that writes a NUL character as an escape (`"\0"`,
/// `"\u0000"`): like a NUL byte in the file, it would reach pages and feeds.
fn no_nul_escape(path: &Path, text: &str, split: &Split<'_>) -> Result<(), Diagnostic> {
    let Some(at) = nul_escape(split.matter, |m| match split.format {
        Format::Yaml => serde_saphyr::from_str::<serde_json::Value>(m).ok(),
        Format::Toml => toml::from_str::<serde_json::Value>(m).ok(),
    }) else {
        return Ok(());
    };
    let (line, col) = crate::diagnostic::line_col(split.matter, at);
    Err(Diagnostic::at(
        path,
        text,
        line + split.matter_line - 1,
        col,
        "the front matter writes a NUL character (U+0000)",
    )
    .with_width(2)
    .with_help(Some(NUL_ESCAPE_HELP)))
}

/// The help for front matter or `dateline.toml` that writes a NUL character as an
/// escape (`"\0"`, `"\u0000"`).
pub const NUL_ESCAPE_HELP: &str = "remove the escape: a NUL character cannot appear in a web page";

/// The byte offset of an escape in `text` that may write a NUL character (`\0`,
/// `\x00`, `\u0000`, `\U00000000`), when `parse` (the generic parse of `text`)
/// confirms a NUL in some string. Escapes are rare, so the second parse is too.
pub fn nul_escape(
    text: &str,
    parse: impl FnOnce(&str) -> Option<serde_json::Value>,
) -> Option<usize> {
    let candidate = text.match_indices('\\').map(|(at, _)| at).find(|&at| {
        let rest = &text[at + 1..];
        let zeros = |prefix: &str, n: usize| {
            rest.strip_prefix(prefix)
                .is_some_and(|r| r.len() >= n && r.as_bytes()[..n].iter().all(|&b| b == b'0'))
        };
        rest.starts_with('0') || zeros("x", 2) || zeros("u", 4) || zeros("U", 8)
    })?;
    fn has_nul(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => s.contains('\0'),
            serde_json::Value::Array(items) => items.iter().any(has_nul),
            serde_json::Value::Object(map) => {
                map.iter().any(|(k, v)| k.contains('\0') || has_nul(v))
            }
            _ => false,
        }
    }
    parse(text).filter(has_nul).map(|_| candidate)
}

/// A YAML resource limit in an editor's words (the parser's own message is Rust's
/// debug text: `budget breached: Nodes { nodes: 250001 }`).
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    // The counts are taken at the breach, one past the limit.
    let over = |n: usize| thousands(n.saturating_sub(1));
    match breach {
        B::Nodes { nodes: n } | B::Events { events: n } => format!(
            "the front matter is too large or too deeply nested: more than {} nodes",
            over(*n)
        ),
        B::Depth { depth } => format!(
            "the front matter is nested too deeply: more than {} levels",
            over(*depth)
        ),
        B::ScalarBytes {
            total_scalar_bytes: n,
        }
        | B::InputBytes { input_bytes: n } => format!(
            "the front matter is too large: more than {} bytes of text",
            over(*n)
        ),
        B::Documents { .. } => {
            "the front matter holds more than one YAML document (a `---` line inside it)".to_owned()
        }
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::MergeKeys { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => {
            "the front matter repeats YAML anchors (`&name`) and aliases (`*name`) too often"
                .to_owned()
        }
        _ => "the front matter is too large or too complex to read".to_owned(),
    }
}

/// `250000` as `250,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A TOML error's message and byte offset in `text`, where `what` is `the front
/// matter` or `dateline.toml`. Nesting too deep comes back from the parser without
/// a place, or from serde as "recursion limit": it is put in words and placed at the
/// most deeply nested line.
pub fn toml_error(text: &str, e: &toml::de::Error, what: &str) -> (String, usize) {
    let message = e.message();
    if !message.contains("recurs") {
        return (message.to_owned(), e.span().map_or(0, |s| s.start));
    }
    let offset = e.span().map_or_else(|| deepest_line(text), |s| s.start);
    (format!("{what} is nested too deeply"), offset)
}

/// The byte offset of the line with the most nesting (`[`, `{` and dotted keys), or
/// where the nesting runs deepest when it spans lines.
fn deepest_line(text: &str) -> usize {
    let (mut depth, mut best, mut at) = (0usize, 0usize, 0usize);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let dots = line
            .split(['=', '#'])
            .next()
            .map_or(0, |k| k.matches('.').count());
        for c in line.chars() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth + dots > best {
            (best, at) = (depth + dots, offset);
        }
        offset += line.len();
    }
    at
}

/// serde's unknown-field message lists every field; the help line names the nearest.
/// Parser messages that speak of Rust types or YAML nodes are put in an editor's
/// words, naming the `key` whose value is wrong when it is known.
fn tidy_message(message: &str, key: Option<&str>) -> String {
    if let Some(field) = unknown_field(message) {
        return format!("unknown field `{field}`");
    }
    if message.contains("DuplicateKeyPolicy") || message.contains("duplicate key") {
        return "a key appears twice; each key may be given once".to_owned();
    }
    if message.contains("Option<") || message.contains("null") {
        return "a value is missing (null); write a value or remove the key".to_owned();
    }
    let type_error = [
        "invalid type",
        "expected",
        "invalid boolean",
        "invalid floating",
        "invalid integer",
        "scalar",
        "sequence",
        "mapping",
    ]
    .iter()
    .any(|m| message.contains(m));
    match key.and_then(|key| Some((key, expected(key)?))) {
        Some((key, expected)) if type_error => format!("`{key}` must be {expected}"),
        _ => message.to_owned(),
    }
}

/// What the value of a front matter key must be, in an editor's words.
fn expected(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" | "place" | "summary" | "slug" | "timezone" | "name" | "short" | "kind" | "url"
        | "country" | "language" | "subject" => {
            "text; quote it if it looks like a number, list or map"
        }
        "draft" => "`true` or `false`",
        "sources" | "explainers" => "a list of ids, like `[afp, reuters]`",
        "tags" => "a list, like `[Attacks, Kerman]`",
        "aliases" => "a list of names, like `[Soleimani, Haj Qasem]`",
        "coordinates" => "a latitude and longitude in degrees, like `[30.28, 57.08]`",
        "image" => {
            "`src:` and `alt:` lines (with optional `caption:` and `credit:`), indented under `image:`"
        }
        "extra" => "`name: value` lines, indented under `extra:`",
        "date" | "end" | "updated" => "a date such as `2024`, `2024-01-03` or `2024-01-03T14:50`",
        _ => return None,
    })
}

/// The top-level key whose value is on 1-based `line` of the front matter.
fn key_at(matter: &str, line: usize) -> Option<&str> {
    matter
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|l| !l.starts_with([' ', '\t', '-', '#']) && l.contains([':', '=']))
        .and_then(|l| l.split([':', '=']).next())
        .map(str::trim)
        .filter(|k| !k.is_empty() && !k.starts_with('['))
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(&rest[..rest.find('`')?])
}

/// "did you mean `title`?" for serde's "unknown field `titel`" messages.
pub fn unknown_field_help(message: &str, known: &[&str]) -> Option<String> {
    let field = unknown_field(message)?;
    Some(
        crate::suggest::did_you_mean(field, known.iter().copied()).unwrap_or_else(|| {
            let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "known fields are {}; put free-form data under `extra`",
                listed.join(", ")
            )
        }),
    )
}

/// The 1-based line and column of a top-level `key` in front matter text (YAML
/// `key:` or TOML `key =`), or (1, 1). Values are found after their key.
pub fn locate_key(matter: &str, key: &str) -> (usize, usize) {
    for (i, line) in matter.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with([':', '='])
        {
            return (i + 1, 1);
        }
    }
    (1, 1)
}

/// The position of `value` written under top-level `key`, falling back to the key.
pub fn locate_value(matter: &str, key: &str, value: &str) -> (usize, usize) {
    let (key_line, _) = locate_key(matter, key);
    let mut lines = matter.lines().enumerate().skip(key_line - 1);
    // The key's own line first (inline value or flow list), then indented lines.
    if let Some((i, line)) = lines.next() {
        let after_key = line.find([':', '=']).map_or(0, |p| p + 1);
        if let Some(col) = find_token(&line[after_key..], value) {
            return (i + 1, line[..after_key + col].chars().count() + 1);
        }
    }
    for (i, line) in lines {
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break;
        }
        if let Some(col) = find_token(line, value) {
            return (i + 1, line[..col].chars().count() + 1);
        }
    }
    (key_line, 1)
}

/// The byte position of `value` in `line` as a whole item, not part of a longer id
/// (`afp` is not found in `afp-arabic`).
fn find_token(line: &str, value: &str) -> Option<usize> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    line.match_indices(value).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().next_back();
        let after = line[at + value.len()..].chars().next();
        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn path() -> &'static Path {
        Path::new("content/events/x.md")
    }

    #[test]
    fn splits_yaml_and_toml() {
        let yaml = "---\ntitle: A\n---\nBody\n";
        let s = split(path(), yaml).unwrap();
        assert_eq!(
            (s.format, s.matter, s.body),
            (Format::Yaml, "title: A\n", "Body\n")
        );
        let toml = "+++\ntitle = \"A\"\n+++\nBody";
        let s = split(path(), toml).unwrap();
        assert_eq!((s.format, s.body), (Format::Toml, "Body"));
        let doc: Doc = parse(path(), toml, &s, &["title"]).unwrap();
        assert_eq!(doc.title, "A");
    }

    #[test]
    fn errors_on_missing_or_unclosed_front_matter() {
        assert!(
            split(path(), "Just text")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        assert!(split(path(), "").unwrap_err().message.contains("empty"));
        let unclosed = split(path(), "---\ntitle: A\nBody").unwrap_err();
        assert!(unclosed.message.contains("never closed"));
    }

    #[test]
    fn errors_on_unknown_key_at_its_line_with_suggestion() {
        let text = "---\ntitle: A\ntgas: [x]\n---\n";
        let s = split(path(), text).unwrap();
        let err = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap_err();
        assert_eq!(err.message, "unknown field `tgas`");
        assert_eq!((err.line, err.col), (3, 1));
        assert_eq!(err.help.as_deref(), Some("did you mean `tags`?"));

        let text = "+++\ntitle = \"A\"\n\ntgas = []\n+++\n";
        let s = split(path(), text).unwrap();
        let err = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap_err();
        assert_eq!((err.line, err.col), (4, 1));
    }

    #[test]
    fn errors_on_wrong_types_at_the_value() {
        let text = "---\ntitle: A\ntags: 3\n---\n";
        let s = split(path(), text).unwrap();
        let err = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn locates_values_in_flow_and_block_lists() {
        let matter = "title: A\nsources: [afp-arabic, reuters, afp]\ntags:\n  - one\n  - two\n";
        assert_eq!(locate_value(matter, "sources", "reuters"), (2, 23));
        assert_eq!(locate_value(matter, "sources", "afp"), (2, 32));
        assert_eq!(locate_value(matter, "tags", "two"), (5, 5));
        assert_eq!(locate_key(matter, "tags"), (3, 1));
    }
}
