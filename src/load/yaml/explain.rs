//! A top-level entry that does not read, explained: the real cause in an editor's
//! words — indentation, a key given twice, YAML syntax in a value, a value of the
//! wrong type or none — at its place, with a fix to type there.

use super::walk::{misread_date, walk};
use super::{Entry, code, key_of_line, location, parser_message, quote, takes_text};
use crate::load::frontmatter::{Problem, expected};
use crate::load::raw::fields_under;

/// What went wrong with one entry that does not read, `text` holding its lines: the
/// real cause, in this order — a line indented with a tab or indented under the wrong
/// key, a key given twice, a value YAML reads as syntax or as the wrong type — each
/// at its place with a fix. `lines_before` counts the file's lines before `text`.
pub(super) fn diagnose(
    text: &str,
    entry: &Entry,
    e: &serde_saphyr::Error,
    (known, lines_before): (&[&str], usize),
) -> Problem {
    if let Some(problem) = indentation(text, entry, known) {
        return problem;
    }
    let message = parser_message(e);
    let (line, col) = location(e);
    if message.starts_with("duplicate mapping key")
        && let Some(d) = walk(text).duplicates.into_iter().next()
    {
        let under = match d.path.as_slice() {
            [] => String::new(),
            path => format!(" under `{}`", path.join(".")),
        };
        return Problem::error(
            d.line,
            d.col,
            format!(
                "`{}` is given twice{under}, on lines {} and {}",
                d.key,
                d.first_line + lines_before,
                d.line + lines_before
            ),
            Some("keep one of the two lines".to_owned()),
        );
    }
    let key = entry.key.as_str();
    if message.starts_with("mapping values are not allowed")
        && let Some(problem) = colon_in_field(text, key, line)
    {
        return problem;
    }
    if (message.contains("block scalar") || message.starts_with("unexpected character"))
        && let Some(problem) = sign_starts_value(text, (line, col))
    {
        return problem;
    }
    let value = Value::on_key_line(text, entry);
    syntax(key, &value, &message, (line, col))
        .or_else(|| wrong_type(text, (key, key == known[0]), &value, &message, (line, col)))
        .unwrap_or_else(|| {
            let help =
                (takes_text(key) && !value.text.is_empty()).then(|| text_fix(key, value.text));
            Problem::error(
                line,
                col,
                format!("YAML cannot read the value of `{key}`: {message}"),
                help,
            )
        })
}

/// A value on `line` (1-based) of `text` that starts with `>` or `|` followed by
/// text (`value: >= 20`, `{ value: > 70 }`), which YAML reads as the opening of a
/// block or cannot read: said, with the value quoted. `col` is where the parser
/// stopped, on the line or after it. `None` when the line holds no such value.
fn sign_starts_value(text: &str, (line, col): (usize, usize)) -> Option<Problem> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    // The first `key: >…` or `key: |…` on the line that is not a block's header,
    // at or before where the parser stopped.
    let stop = written
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(written.len(), |(at, _)| at);
    let at = written[..=stop.min(written.len().saturating_sub(1))]
        .match_indices(": ")
        .map(|(at, _)| at + 2)
        .filter(|&at| written[at..].starts_with(['>', '|']))
        .find(|&at| {
            let rest = written[at + 1..].trim_start_matches(['+', '-']).trim();
            !(rest.is_empty() || rest.starts_with('#') || rest.chars().all(|c| c.is_ascii_digit()))
        })?;
    let value = written[at..]
        .split([',', '}', ']'])
        .next()
        .unwrap_or_default()
        .trim();
    let before = written[..at - 2].trim_end();
    let key = before
        .rsplit([' ', ',', '{', '[', '-'])
        .next()
        .unwrap_or(before);
    Some(Problem::error(
        line,
        written[..at].chars().count() + 1,
        format!(
            "YAML reads {} at the start of a value as the opening of a block of text",
            code(&value[..1])
        ),
        Some(format!(
            "quote the value: {}",
            code(&format!("{key}: \"{value}\""))
        )),
    ))
}

/// The value written on an entry's key line, after `key:`, and its 1-based column.
struct Value<'a> {
    text: &'a str,
    line: usize,
    col: usize,
}

impl<'a> Value<'a> {
    fn on_key_line(text: &'a str, entry: &Entry) -> Value<'a> {
        let line = text.lines().nth(entry.key_line - 1).unwrap_or("");
        let after = line
            .match_indices(':')
            .map(|(i, _)| i + 1)
            .find(|&i| line[i..].is_empty() || line[i..].starts_with([' ', '\t']))
            .unwrap_or(line.len());
        let rest = &line[after..];
        let value = rest.trim();
        let start = after + (rest.len() - rest.trim_start().len());
        Value {
            text: value,
            line: entry.key_line,
            col: line[..start].chars().count() + 1,
        }
    }

    /// `null`, `Null`, `NULL` or `~`: YAML's words for no value.
    fn is_null_word(&self) -> bool {
        matches!(self.text, "null" | "Null" | "NULL" | "~")
    }
}

/// How to write the value `v` of text key `key` so that YAML reads it as text:
/// free text quoted as it is; a name, id or address as the kind of text it is.
fn text_fix(key: &str, v: &str) -> String {
    let example = match key {
        "slug" => "kerman-explosions",
        "timezone" => "Asia/Tehran",
        "url" => "https://www.afp.com/",
        "language" => "fa",
        "kind" => "other",
        _ => return format!("quote it: {}", code(&format!("{key}: {}", quote(v)))),
    };
    format!("write it as text, like `{key}: {example}`")
}

/// A line of the entry indented with a tab, or a known key indented under one that
/// cannot hold it: YAML then reads it as part of the key above, and the parser's
/// message speaks of that key.
pub(super) fn indentation(text: &str, entry: &Entry, known: &[&str]) -> Option<Problem> {
    let parent = entry.key.as_str();
    for (i, line) in text.lines().enumerate().skip(entry.key_line) {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        if indent.is_empty() || content.is_empty() || content.starts_with('#') {
            continue;
        }
        let misplaced = key_of_line(content).filter(|k| {
            known.contains(k)
                && parent != "extra"
                && !fields_under(parent).is_some_and(|fields| fields.contains(k))
        });
        if let Some(tab) = indent.find('\t') {
            let help = match misplaced {
                Some(k) => format!("start `{k}:` at the beginning of the line, without the tab"),
                None => "indent it with spaces instead".to_owned(),
            };
            return Some(
                Problem::error(
                    i + 1,
                    indent[..tab].chars().count() + 1,
                    "a tab indents this line, and YAML indents with spaces only",
                    Some(help),
                )
                .with_width(indent.chars().count()),
            );
        }
        if let Some(k) = misplaced {
            return Some(Problem::error(
                i + 1,
                indent.chars().count() + 1,
                format!("`{k}:` is indented, so YAML reads it as part of `{parent}`"),
                Some(format!(
                    "start `{k}:` at the beginning of the line, like `{parent}:`"
                )),
            ));
        }
    }
    None
}

/// A value the parser stopped at because of YAML syntax in it: said in words, with
/// the value quoted (or closed) as the fix.
fn syntax(
    key: &str,
    value: &Value<'_>,
    message: &str,
    (line, col): (usize, usize),
) -> Option<Problem> {
    let v = value.text;
    let (message, help) = if message.starts_with("mapping values are not allowed")
        && line == value.line
        && v.contains(": ")
    {
        (
            format!("the `: ` inside the value of `{key}` starts a new key in YAML"),
            text_fix(key, v),
        )
    } else if message.starts_with("unexpected character") && v.starts_with(['@', '`', '%']) {
        (
            format!(
                "YAML does not allow an unquoted value to start with {}",
                code(&v[..1])
            ),
            text_fix(key, v),
        )
    } else if message.contains("unknown anchor") && v.starts_with('*') {
        let name = v.split_whitespace().next().unwrap_or(v);
        (
            format!(
                "YAML reads {} at the start of a value as a reference to an anchor",
                code(name)
            ),
            text_fix(key, v),
        )
    } else if message.starts_with("invalid trailing content after") && v.starts_with(['"', '\'']) {
        quotes_end_early(key, v)
    } else if message.starts_with("unclosed quote") && v.starts_with(['"', '\'']) {
        (
            format!("the quote that opens the value of `{key}` is never closed"),
            format!(
                "end the value with {}: {}",
                code(&v[..1]),
                code(&format!("{key}: {v}{}", &v[..1]))
            ),
        )
    } else if message.starts_with("unclosed bracket") && v.starts_with(['[', '{']) {
        unclosed_bracket(key, v)
    } else if message.starts_with("block sequence entries are not allowed") && v.starts_with('-') {
        let help = if takes_text(key) {
            text_fix(key, v)
        } else {
            let list = format!("{key}: [{}]", v[1..].trim());
            format!("write the list as {}", code(&list))
        };
        (
            format!(
                "YAML reads the `-` after `{key}:` as a list item, which must start a line of its own"
            ),
            help,
        )
    } else {
        return None;
    };
    Some(Problem::error(line, col, message, Some(help)))
}

/// A `: ` inside the value of a field of `image:` or of an entry of `reports` or
/// `corrections` (`text: Toll: 30, not 20`), on `line` of `text`, which YAML reads as the start of
/// a key: said, with the value quoted.
fn colon_in_field(text: &str, parent: &str, line: usize) -> Option<Problem> {
    fields_under(parent)?;
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let content = written.trim_start_matches([' ', '\t']);
    let content = content
        .strip_prefix('-')
        .map_or(content, |c| c.trim_start_matches([' ', '\t']));
    let (field, value) = content.split_once(": ")?;
    let value = value.trim();
    // The parent's own line holds no field's value.
    if field.trim() == parent || !value.contains(": ") || value.starts_with(['"', '\'', '{', '[']) {
        return None;
    }
    // Where the value starts: after `field: ` and any more spaces.
    let after = &content[field.len() + 2..];
    let at = written.len() - after.trim_start().len();
    let field = field.trim();
    Some(Problem::error(
        line,
        written[..at].chars().count() + 1,
        format!("the `: ` inside the value of `{field}` starts a new key in YAML"),
        Some(format!(
            "quote it: {}",
            code(&format!("{field}: {}", quote(value)))
        )),
    ))
}

/// A quoted value `v` with more after its closing quote (`"Death toll" rises`, or an
/// apostrophe inside single quotes: `'It's over'`): the whole value quoted.
fn quotes_end_early(key: &str, v: &str) -> (String, String) {
    let mark = &v[..1];
    let close = v[1..].find(mark).map_or(v.len(), |i| i + 2);
    let whole = if v.len() > 1 && v.ends_with(mark) && v[1..v.len() - 1].contains(mark) {
        &v[1..v.len() - 1]
    } else {
        v
    };
    (
        format!(
            "the quotes around {} end before the value of `{key}` does",
            code(&v[..close])
        ),
        format!(
            "quote the whole value: {}",
            code(&format!("{key}: {}", quote(whole)))
        ),
    )
}

/// A value `v` that opens a list or map and never closes it: text read as one, a
/// ` #` that hid the closing bracket in a comment, or a bracket left out.
fn unclosed_bracket(key: &str, v: &str) -> (String, String) {
    let (open, close, shape) = if v.starts_with('[') {
        ('[', ']', "a list")
    } else {
        ('{', '}', "a map")
    };
    if takes_text(key) {
        return (
            format!(
                "`{key}` must be text, but YAML reads a value that starts with `{open}` as {shape}"
            ),
            text_fix(key, v),
        );
    }
    if v.contains(" #") {
        // Each item (or map value) that holds the ` #`, quoted.
        let items: Vec<String> = v[1..]
            .trim_end_matches(close)
            .split(',')
            .map(str::trim)
            .map(|item| match item.split_once(": ") {
                _ if !item.contains(" #") => item.to_owned(),
                Some((k, value)) if open == '{' => format!("{k}: {}", quote(value.trim())),
                _ => quote(item),
            })
            .collect();
        let fixed = format!("{key}: {open}{}{close}", items.join(", "));
        return (
            format!(
                "a ` #` inside `{open}…{close}` starts a comment, which hides the rest of the line, `{close}` included"
            ),
            format!("quote the item: {}", code(&fixed)),
        );
    }
    (
        format!("the `{open}` that opens the value of `{key}` is never closed"),
        format!(
            "end it with `{close}`: {}",
            code(&format!("{key}: {v}{close}"))
        ),
    )
}

/// A value YAML reads, but as the wrong type for its key: a list or map where text
/// goes, no value (`null`), a number where a date goes.
fn wrong_type(
    text: &str,
    (key, required): (&str, bool),
    value: &Value<'_>,
    message: &str,
    (line, col): (usize, usize),
) -> Option<Problem> {
    let v = value.text;
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        return Some(Problem::error(
            line,
            col,
            format!("`{key}` has no `{field}`"),
            Some(format!(
                "add `{field}: …` on a line indented under `{key}:`"
            )),
        ));
    }
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split('`').next())
    {
        let fields = fields_under(key).unwrap_or_default();
        let help = crate::suggest::did_you_mean(field, fields.iter().copied())
            .unwrap_or_else(|| format!("`{key}` takes `{}`", fields.join("`, `")));
        return Some(Problem::error(
            line,
            col,
            format!("unknown field `{field}` under `{key}`"),
            Some(help),
        ));
    }
    let no_value = (v.is_empty() && !has_block_value(text, value)) || value.is_null_word();
    if message.contains("null") || (no_value && line == value.line) {
        return Some(null_value(text, key, value, (line, col), required));
    }
    if matches!(key, "date" | "end" | "updated")
        && let Some(problem) = misread_date(key, v, (value.line, value.col))
    {
        return Some(problem);
    }
    // The `date` of a correction, which YAML may read as a number too.
    if key == "corrections"
        && let Some(problem) = walk(text).misread_problem()
    {
        return Some(problem);
    }
    let expected = expected(key)?;
    let shape = if v.starts_with('[') || (v.is_empty() && next_line_is_item(text, value)) {
        Some("a list")
    } else if v.starts_with('{') || v.is_empty() {
        Some("a map")
    } else {
        None
    };
    if takes_text(key)
        && let Some(shape) = shape
    {
        return Some(if v.is_empty() {
            Problem::error(
                line,
                col,
                format!("`{key}` must be text, but the lines under it make it {shape}"),
                Some(format!("write the text on the `{key}:` line")),
            )
        } else {
            Problem::error(
                value.line,
                value.col,
                format!(
                    "`{key}` must be text, but YAML reads a value that starts with `{}` as {shape}",
                    &v[..1]
                ),
                Some(text_fix(key, v)),
            )
        });
    }
    let help = match key {
        "sources" | "explainers" | "tags" | "aliases"
            if !v.is_empty() && !v.starts_with(['[', '{']) =>
        {
            Some(format!("write {}", code(&format!("{key}: [{v}]"))))
        }
        _ => None,
    };
    Some(Problem::error(
        line,
        col,
        format!("`{key}` must be {expected}"),
        help,
    ))
}

/// Whether lines under the key line hold its value: indented, or list items.
fn has_block_value(text: &str, value: &Value<'_>) -> bool {
    text.lines()
        .skip(value.line)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(|l| l.starts_with([' ', '\t', '-']))
}

/// Whether the first line under the key line is a `- ` list item.
fn next_line_is_item(text: &str, value: &Value<'_>) -> bool {
    text.lines()
        .skip(value.line)
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with('-'))
}

/// No value where one is needed: the key's own (`title:`, `title: null`) or an item
/// of its list (`tags: [a, null]`).
fn null_value(
    text: &str,
    key: &str,
    value: &Value<'_>,
    (line, col): (usize, usize),
    required: bool,
) -> Problem {
    let at_key = line == value.line && (value.text.is_empty() || value.is_null_word());
    let or_remove = if required { "" } else { ", or remove the line" };
    if at_key && value.is_null_word() && takes_text(key) {
        let word = value.text;
        return Problem::error(
            value.line,
            value.col,
            format!("YAML reads `{word}` as no value, so `{key}` is empty"),
            Some(format!(
                "to keep `{word}` as text, quote it: `{key}: \"{word}\"`{or_remove}"
            )),
        );
    }
    if at_key && value.is_null_word() {
        let word = value.text;
        return Problem::error(
            value.line,
            value.col,
            format!("YAML reads `{word}` as no value, so `{key}` is empty"),
            Some(format!("write its value after `{key}:`{or_remove}")),
        );
    }
    if at_key {
        return Problem::error(
            value.line,
            value.col.saturating_sub(1).max(1),
            format!("`{key}` is empty"),
            Some(format!("write its value after `{key}:`{or_remove}")),
        );
    }
    let word = text
        .lines()
        .nth(line - 1)
        .and_then(|l| {
            let start = l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i);
            l[start..]
                .split(|c: char| c.is_whitespace() || ",]}".contains(c))
                .next()
        })
        .filter(|w| matches!(*w, "null" | "Null" | "NULL" | "~"));
    match word {
        Some(word) => Problem::error(
            line,
            col,
            format!("YAML reads `{word}` as no value, so an item of `{key}` is empty"),
            Some(format!(
                "to keep `{word}` as text, quote it: `\"{word}\"`; or remove the item"
            )),
        ),
        None => Problem::error(
            line,
            col,
            format!("an item of `{key}` is empty"),
            Some("write the item, or remove it".to_owned()),
        ),
    }
}
