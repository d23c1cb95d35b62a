//! Front matter: splitting it from the body and parsing it into strict raw structs.
//!
//! YAML (`---`) and TOML (`+++`) map to the same structs. When the whole does not
//! read, each top-level key is read on its own, so that every problem of a file is
//! reported in one run and the keys that read are still checked; what YAML reads
//! otherwise than it is written is `yaml`'s to say. Errors carry positions in the
//! whole file — the front matter's own line numbers plus the lines before it — which
//! is where editors look. Pure functions over text; no I/O, and nothing across files.

use serde::de::DeserializeOwned;

use super::nested::{self, List};
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

/// A problem found in front matter, at a 1-based line and column of the front
/// matter itself; [`Problem::diagnostic`] places it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub(super) line: usize,
    pub(super) col: usize,
    /// Characters to underline from `col`; 0 underlines the token there.
    pub(super) width: usize,
    pub(super) message: String,
    pub(super) help: Option<String>,
    pub(super) warning: bool,
}

impl Problem {
    /// An error at 1-based `line` and `col`, with the fix as `help`.
    pub(super) fn error(
        line: usize,
        col: usize,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Problem {
        Problem {
            line,
            col,
            width: 0,
            message: message.into(),
            help,
            warning: false,
        }
    }

    /// Underlines `width` characters instead of the token at the column.
    pub(super) fn with_width(mut self, width: usize) -> Problem {
        self.width = width;
        self
    }

    /// The same problem as a warning: `check --strict` fails on it, `build` does not.
    pub(super) fn warning(mut self) -> Problem {
        self.warning = true;
        self
    }

    /// The same problem found in text that starts `lines` lines into the front matter.
    pub(super) fn shifted(mut self, lines: usize) -> Problem {
        self.line += lines;
        self
    }

    /// The problem at its place in the file `text`, whose front matter starts on
    /// `matter_line`.
    pub(super) fn diagnostic(self, path: &Path, text: &str, matter_line: usize) -> Diagnostic {
        let diagnostic = Diagnostic::at(
            path,
            text,
            self.line + matter_line - 1,
            self.col,
            self.message,
        )
        .with_width(self.width)
        .with_help(self.help);
        if self.warning {
            diagnostic.warning()
        } else {
            diagnostic
        }
    }
}

/// What reading front matter gave, before its problems are placed in the file: as
/// [`Read`], with [`Problem`]s.
#[derive(Debug)]
pub(super) struct Reading<T> {
    pub(super) value: T,
    pub(super) problems: Vec<Problem>,
    pub(super) unread: Vec<String>,
    pub(super) lists: Vec<List>,
}

impl<T: Default> Reading<T> {
    pub(super) fn of(value: T) -> Reading<T> {
        Reading {
            value,
            problems: Vec::new(),
            unread: Vec::new(),
            lists: Vec::new(),
        }
    }

    /// Checks that the top-level `keys` hold the one a document must have,
    /// `known[0]`; `assign` is how a value is written (`:` or ` =`). A key that is
    /// a misspelling of it has its own error, which says so.
    pub(super) fn require(&mut self, keys: &[&str], known: &[&str], assign: &str) {
        let required = known[0];
        if keys.contains(&required) {
            return;
        }
        self.unread.push(required.to_owned());
        let misspelt = keys.iter().any(|k| {
            !known.contains(k)
                && crate::suggest::nearest(k, known.iter().copied()) == Some(required)
        });
        if !misspelt {
            self.problems.push(Problem::error(
                1,
                1,
                format!("the front matter has no `{required}`"),
                Some(format!("add a line `{required}{assign} …`")),
            ));
        }
    }

    /// Nothing could be read: every key is unread, and `problem` says why.
    pub(super) fn nothing(problem: Problem, known: &[&str]) -> Reading<T> {
        Reading {
            value: T::default(),
            problems: vec![problem],
            unread: known.iter().map(|k| (*k).to_owned()).collect(),
            lists: Vec::new(),
        }
    }
}

/// Front matter read into `T`: every field that could be read, the others left at
/// their defaults and named in `unread`, and what was found wrong — errors, and
/// warnings such as a value a YAML comment cut — placed in the file.
#[derive(Debug)]
pub struct Read<T> {
    /// The fields read; those of unread keys, and keys not given, at their defaults.
    pub value: T,
    /// Errors and warnings, at their lines and columns in the file.
    pub found: Vec<Diagnostic>,
    /// Top-level keys whose values could not be read (or, for the one a document
    /// must have, that are missing): what depends on them is not checked, since
    /// their own error says what to fix.
    pub unread: Vec<String>,
    /// The lists of entries read (`reports`, `corrections`), and the `image` map
    /// when it was read field by field: where each entry and field is, in lines and
    /// columns of the front matter, and which entries did not read whole. See
    /// [`List`].
    pub lists: Vec<List>,
}

/// Parses front matter into `T`, reporting every problem in it rather than the first.
/// `known` lists the fields of `T`, the one a document must have first. An empty
/// front matter is the one error that reads nothing at all.
pub fn parse<T: DeserializeOwned + Default>(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    known: &[&str],
) -> Result<Read<T>, Diagnostic> {
    if split.matter.trim().is_empty() {
        return Err(
            Diagnostic::at(path, text, 1, 1, "the front matter is empty").with_help(Some(format!(
                "add at least `{}: …` between the delimiters",
                known[0]
            ))),
        );
    }
    let reading = match split.format {
        Format::Yaml => super::yaml::read::<T>(split.matter, known, split.matter_line - 1),
        Format::Toml => read_toml::<T>(split.matter, known, split.matter_line - 1),
    };
    let mut found: Vec<Diagnostic> = reading
        .problems
        .into_iter()
        .map(|p| p.diagnostic(path, text, split.matter_line))
        .collect();
    if let Err(nul) = no_nul_escape(path, text, split) {
        found.push(nul);
    }
    Ok(Read {
        value: reading.value,
        found,
        unread: reading.unread,
        lists: reading.lists,
    })
}

/// Reads TOML front matter into `T`, each top-level key on its own when the whole
/// does not read, and each entry of a list of entries (`[[reports]]`) on its own.
/// TOML has no comments inside values and quotes all text, so only keys and types
/// can be wrong; a syntax error stops the reading.
fn read_toml<T: DeserializeOwned + Default>(
    matter: &str,
    known: &[&str],
    lines_before: usize,
) -> Reading<T> {
    let table = match toml::from_str::<toml::Table>(matter) {
        Ok(table) => table,
        Err(e) => {
            let (message, offset) = toml_error_in(matter, &e, "the front matter", lines_before);
            let (line, col) = crate::diagnostic::line_col(matter, offset);
            let help = unknown_field_help(&message, known);
            return Reading::nothing(Problem::error(line, col, message, help), known);
        }
    };
    let lists: Vec<(String, ListRead)> = table
        .keys()
        .filter_map(|key| {
            Some((
                key.clone(),
                nested::read_toml(matter, &table, (key, known))?,
            ))
        })
        .collect();
    let whole = lists
        .iter()
        .all(|(_, list)| list.as_ref().is_ok_and(|l| l.problems.is_empty()))
        .then(|| toml::from_str::<T>(matter).ok())
        .flatten();
    let mut reading = match whole {
        Some(value) => Reading::of(value),
        None => read_toml_keys(matter, table.clone(), known, &lists),
    };
    reading.lists = lists
        .into_iter()
        .filter_map(|(_, list)| list.ok().map(|l| l.list))
        .collect();
    let keys: Vec<&str> = table.keys().map(String::as_str).collect();
    reading.require(&keys, known, " =");
    reading
}

/// A TOML list of entries read entry by entry: see [`nested::read_toml`].
type ListRead = Result<nested::ListReading<toml::Value>, Vec<Problem>>;

/// The keys of a TOML `table` read one by one into `T`; the lists of entries among
/// them as `lists` read them.
fn read_toml_keys<T: DeserializeOwned + Default>(
    matter: &str,
    table: toml::Table,
    known: &[&str],
    lists: &[(String, ListRead)],
) -> Reading<T> {
    let mut reading = Reading::of(T::default());
    let mut good = toml::Table::new();
    for (key, value) in table {
        let (line, col) = locate_toml_value(matter, &key);
        if !known.contains(&key.as_str()) {
            let message = format!("unknown field `{key}`");
            let help = unknown_field_help(&message, known);
            reading
                .problems
                .push(Problem::error(line, 1, message, help));
            continue;
        }
        match lists.iter().find(|(k, _)| *k == key).map(|(_, list)| list) {
            Some(Ok(list)) => {
                reading.problems.extend(list.problems.iter().cloned());
                match nested::toml_values(list.shape, list.values.clone()) {
                    Some(values) => {
                        good.insert(key, values);
                    }
                    None => reading.unread.push(key),
                }
                continue;
            }
            Some(Err(problems)) => {
                reading.problems.extend(problems.iter().cloned());
                reading.unread.push(key);
                continue;
            }
            None => {}
        }
        let single = toml::Table::from_iter([(key.clone(), value.clone())]);
        match toml::Value::Table(single).try_into::<T>() {
            Ok(_) => {
                good.insert(key, value);
            }
            Err(e) => {
                let message = e.message();
                let problem = match unknown_field(message) {
                    Some(field) => {
                        let (line, _) = locate_toml_field(matter, &key, field);
                        let fields = super::raw::fields_under(&key).unwrap_or_default();
                        let help = crate::suggest::did_you_mean(field, fields.iter().copied());
                        let message = format!("unknown field `{field}` under `{key}`");
                        Problem::error(line, 1, message, help)
                    }
                    None => Problem::error(line, col, tidy_message(message, Some(&key)), None),
                };
                reading.problems.push(problem);
                reading.unread.push(key);
            }
        }
    }
    if let Ok(value) = toml::Value::Table(good).try_into::<T>() {
        reading.value = value;
    }
    reading
}

/// The 1-based line and column of `field = …` in the TOML table `table` (after its
/// `[table]` header, or in any table of the array `[[table]]`), or of the table.
fn locate_toml_field(matter: &str, table: &str, field: &str) -> (usize, usize) {
    let (header, col) = locate_toml_value(matter, table);
    let rest = matter.lines().skip(header);
    let next_of_array = format!("[[{table}]]");
    for (i, line) in rest.enumerate() {
        if line.trim_start().starts_with('[') {
            if line.trim() == next_of_array {
                continue;
            }
            break;
        }
        if let Some(after) = line.trim_start().strip_prefix(field)
            && after.trim_start().starts_with('=')
        {
            return (header + i + 1, 1);
        }
    }
    (header, col)
}

/// The 1-based line and column of the value of top-level TOML `key` (`key = value`,
/// or the `[key]` header of a table), or (1, 1).
fn locate_toml_value(matter: &str, key: &str) -> (usize, usize) {
    for (i, line) in matter.lines().enumerate() {
        let content = line.trim_start();
        if let Some(rest) = content.strip_prefix(key)
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let start = line.len() - value.trim_start().len();
            return (i + 1, line[..start].chars().count() + 1);
        }
        let header = content.trim_start_matches('[').trim_start();
        if content.starts_with('[')
            && let Some(rest) = header.strip_prefix(key)
            && rest.trim_start().starts_with([']', '.'])
        {
            return (i + 1, 1);
        }
    }
    (1, 1)
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

/// A TOML error's message and byte offset in `text`, where `what` is `the front
/// matter` or `dateline.toml`. Nesting too deep comes back from the parser without
/// a place, or from serde as "recursion limit": it is put in words and placed at the
/// most deeply nested line.
pub fn toml_error(text: &str, e: &toml::de::Error, what: &str) -> (String, usize) {
    toml_error_in(text, e, what, 0)
}

/// [`toml_error`] for `text` that starts after `lines_before` lines of its file.
fn toml_error_in(
    text: &str,
    e: &toml::de::Error,
    what: &str,
    lines_before: usize,
) -> (String, usize) {
    let message = e.message();
    if message == "duplicate key"
        && let Some(span) = e.span()
    {
        // The parser names neither the key nor where it was first given.
        let key = text[span.clone()].trim_matches(|c| c == '"' || c == '\'');
        let line = crate::diagnostic::line_col(text, span.start).0;
        let first = locate_toml_value(text, key).0;
        let message = if first < line {
            let (first, line) = (first + lines_before, line + lines_before);
            format!("`{key}` is given twice, on lines {first} and {line}")
        } else {
            format!("`{key}` is given twice")
        };
        return (message, span.start);
    }
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

/// A TOML type error in an editor's words, naming the `key` whose value is wrong
/// when it is known: serde's messages speak of Rust types.
fn tidy_message(message: &str, key: Option<&str>) -> String {
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
pub(super) fn expected(key: &str) -> Option<&'static str> {
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
            "`src:` and `alt:` lines (with optional `caption:`, `credit:`, `width:` and `height:`), indented under `image:`"
        }
        "extra" => "`name: value` lines, indented under `extra:`",
        "reports" => "a list of reports, each with its `source:` and `url:`",
        "date" | "end" | "updated" => "a date such as `2024`, `2024-01-03` or `2024-01-03T14:50`",
        "corrections" => {
            "a list of corrections, each with a `date` (such as `2024-01-04`) and a `text`"
        }
        _ => return None,
    })
}

/// The name of the field in serde's "unknown field" message, as written.
pub fn unknown_field(message: &str) -> Option<&str> {
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

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[serde(default, deny_unknown_fields)]
    struct Doc {
        title: String,
        tags: Vec<String>,
    }

    /// The first error `parse` finds.
    fn first_error(text: &str) -> Diagnostic {
        let s = split(path(), text).unwrap();
        let read = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap();
        read.found.into_iter().find(Diagnostic::is_error).unwrap()
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
        let read: Read<Doc> = parse(path(), toml, &s, &["title"]).unwrap();
        assert_eq!(read.value.title, "A");
        assert!(read.found.is_empty());
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
        let err = first_error("---\ntitle: A\ntgas: [x]\n---\n");
        assert_eq!(err.message, "unknown field `tgas`");
        assert_eq!((err.line, err.col), (3, 1));
        assert_eq!(err.help.as_deref(), Some("did you mean `tags`?"));

        let err = first_error("+++\ntitle = \"A\"\n\ntgas = []\n+++\n");
        assert_eq!((err.line, err.col), (4, 1));
    }

    #[test]
    fn errors_on_wrong_types_at_the_value() {
        let err = first_error("---\ntitle: A\ntags: 3\n---\n");
        assert_eq!((err.line, err.col), (3, 7));
        let err = first_error("+++\ntitle = \"A\"\ntags = 3\n+++\n");
        assert_eq!((err.line, err.col), (3, 8));
    }

    #[test]
    fn reads_every_key_it_can_and_reports_every_other() {
        let text = "---\ntitle: [A\ntgas: [x]\ntags: [a, b]\n---\n";
        let s = split(path(), text).unwrap();
        let read = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap();
        assert_eq!(read.value.tags, ["a", "b"]);
        assert_eq!(read.unread, ["title"]);
        let places: Vec<(usize, usize)> = read.found.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(places, [(2, 8), (3, 1)]);

        let text = "+++\ntitle = 3\ntgas = []\ntags = [\"a\"]\n+++\n";
        let s = split(path(), text).unwrap();
        let read = parse::<Doc>(path(), text, &s, &["title", "tags"]).unwrap();
        assert_eq!(read.value.tags, ["a"]);
        assert_eq!(read.unread, ["title"]);
        let messages: Vec<&str> = read.found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown field `tgas`",
                "`title` must be text; quote it if it looks like a number, list or map"
            ]
        );
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
