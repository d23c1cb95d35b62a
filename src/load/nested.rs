//! Part of stage 1, load: lists of entries in front matter (`reports:`), each a map
//! with keys of its own. Says where a value of one entry is written — for the errors
//! `resolve` finds in it — and, when the list does not read, which entry and which key
//! is wrong, in an editor's words. YAML is located by the parser's events, TOML by
//! the spans of its parser: block lists, flow lists, `[[reports]]` tables and inline
//! tables alike. Pure functions over the front matter's text; positions are its
//! 1-based lines and columns.

use serde_saphyr::granit_parser::{Event, Parser};

use super::frontmatter::{Format, Problem};

/// One step of the way to a value in front matter: a key of a map, or the position of
/// an item in a list (0 for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key.
    Key(&'a str),
    /// The item at this position.
    Index(usize),
}

/// Where the value at `path` starts in front matter `matter`, written in `format`:
/// its 1-based line and column; with `key`, where the last step's key is written
/// instead (the path then ends with a [`Step::Key`]). `None` when nothing is written
/// there, or the text does not read.
pub fn locate(
    matter: &str,
    format: Format,
    path: &[Step<'_>],
    key: bool,
) -> Option<(usize, usize)> {
    match format {
        Format::Yaml => locate_yaml(matter, path, key),
        Format::Toml => {
            let offset = locate_toml(matter, path, key)?;
            Some(crate::diagnostic::line_col(matter, offset))
        }
    }
}

/// A step taken by the YAML walk: owned, as keys are read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owned {
    Key(String),
    Index(usize),
}

impl Owned {
    fn is(&self, step: &Step<'_>) -> bool {
        match (self, step) {
            (Owned::Key(a), Step::Key(b)) => a == b,
            (Owned::Index(a), Step::Index(b)) => a == b,
            _ => false,
        }
    }
}

/// A map or list being read: the step to its child being read.
enum Frame {
    /// The key whose value comes next, `None` while a key is awaited.
    Map(Option<String>),
    /// The position of the next item.
    Seq(usize),
}

fn locate_yaml(matter: &str, path: &[Step<'_>], key: bool) -> Option<(usize, usize)> {
    let mut stack: Vec<Frame> = Vec::new();
    let here = |stack: &[Frame]| -> Vec<Owned> {
        stack
            .iter()
            .filter_map(|frame| match frame {
                Frame::Map(Some(k)) => Some(Owned::Key(k.clone())),
                Frame::Map(None) => None,
                Frame::Seq(n) => Some(Owned::Index(*n)),
            })
            .collect()
    };
    let matches =
        |at: &[Owned]| at.len() == path.len() && at.iter().zip(path).all(|(a, b)| a.is(b));
    let done = |stack: &mut Vec<Frame>| match stack.last_mut() {
        Some(Frame::Map(k)) => *k = None,
        Some(Frame::Seq(n)) => *n += 1,
        None => {}
    };
    for next in Parser::new_from_str(matter) {
        let (event, span) = next.ok()?;
        let place = (span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(value, ..) if matches!(stack.last(), Some(Frame::Map(None))) => {
                if let Some(Frame::Map(k)) = stack.last_mut() {
                    *k = Some(value.into_owned());
                }
                if key && matches(&here(&stack)) {
                    return Some(place);
                }
            }
            Event::Scalar(..) | Event::Alias(..) => {
                if !key && !stack.is_empty() && matches(&here(&stack)) {
                    return Some(place);
                }
                done(&mut stack);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if !key && !stack.is_empty() && matches(&here(&stack)) {
                    return Some(place);
                }
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map(None),
                    _ => Frame::Seq(0),
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                done(&mut stack);
            }
            _ => {}
        }
    }
    None
}

/// The byte offset of the value (or key) at `path` in TOML `matter`.
fn locate_toml(matter: &str, path: &[Step<'_>], key: bool) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let top = DeTable::parse(matter).ok()?;
    let (last, parents) = path.split_last()?;
    let mut value = None;
    for step in parents {
        value = Some(child(top.get_ref(), value, step)?);
    }
    if !key {
        return child(top.get_ref(), value, last).map(|v| v.span().start);
    }
    let Step::Key(name) = last else {
        return None;
    };
    let table = match value.map(toml::Spanned::get_ref) {
        None => top.get_ref(),
        Some(DeValue::Table(table)) => table,
        Some(_) => return None,
    };
    table
        .iter()
        .find(|(k, _)| k.get_ref() == name)
        .map(|(k, _)| k.span().start)
}

/// The value one `step` below `value` (below the top-level table `top` when `None`).
fn child<'v, 'i>(
    top: &'v toml::de::DeTable<'i>,
    value: Option<&'v toml::Spanned<toml::de::DeValue<'i>>>,
    step: &Step<'_>,
) -> Option<&'v toml::Spanned<toml::de::DeValue<'i>>> {
    use toml::de::DeValue;
    match (step, value.map(toml::Spanned::get_ref)) {
        (Step::Key(k), None) => top.get(*k),
        (Step::Key(k), Some(DeValue::Table(t))) => t.get(*k),
        (Step::Index(n), Some(DeValue::Array(items))) => items.get(*n),
        _ => None,
    }
}

/// What the entries of the list under top-level `key` say wrong, when the list does
/// not read: for each entry, keys it cannot have (with the nearest it can), keys it
/// must have and lacks, and values of the wrong kind, each at its place in `matter`.
/// Only for keys that hold a list of entries (`reports`); empty for other keys, and
/// when nothing is found this way (text that does not parse, a key given twice),
/// which the parser's own message then tells.
pub(super) fn explain(matter: &str, format: Format, key: &str) -> Vec<Problem> {
    let Some(shape) = Shape::of(key) else {
        return Vec::new();
    };
    let parsed = match format {
        Format::Yaml => serde_saphyr::from_str::<serde_json::Value>(matter).ok(),
        Format::Toml => toml::from_str::<serde_json::Value>(matter).ok(),
    };
    // No value at all is told as for any other key (`reports` is empty).
    let Some(list) = parsed
        .as_ref()
        .and_then(|v| v.get(key))
        .filter(|v| !v.is_null())
    else {
        return Vec::new();
    };
    let at = |path: &[Step<'_>], key: bool| {
        locate(matter, format, path, key)
            .or_else(|| locate(matter, format, &path[..1], false))
            .unwrap_or((1, 1))
    };
    let Some(items) = list.as_array() else {
        let (line, col) = at(&[Step::Key(key)], false);
        return vec![Problem::error(
            line,
            col,
            format!("`{key}` must be a list of {}s", shape.noun),
            Some(shape.list_help(format)),
        )];
    };
    let mut problems = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let item_path = [Step::Key(key), Step::Index(n)];
        let Some(fields) = item.as_object() else {
            let (line, col) = at(&item_path, false);
            problems.push(Problem::error(
                line,
                col,
                format!(
                    "each entry of `{key}` must be a {} with its own keys",
                    shape.noun
                ),
                Some(shape.list_help(format)),
            ));
            continue;
        };
        for (field, value) in fields {
            let path = [Step::Key(key), Step::Index(n), Step::Key(field)];
            if !shape.fields.contains(&field.as_str()) {
                let (line, col) = at(&path, true);
                let help = crate::suggest::did_you_mean(field, shape.fields.iter().copied())
                    .unwrap_or_else(|| {
                        format!("a {} takes `{}`", shape.noun, shape.fields.join("`, `"))
                    });
                problems.push(Problem::error(
                    line,
                    col,
                    format!("unknown field `{field}` under `{key}`"),
                    Some(help),
                ));
                continue;
            }
            let required = shape.fields[..shape.required].contains(&field.as_str());
            if let Some(expected) = shape.wrong_kind(field, value, format, required) {
                let (line, col) = at(&path, value.is_null());
                problems.push(Problem::error(
                    line,
                    col,
                    format!(
                        "`{field}` of a {} under `{key}` must be {expected}",
                        shape.noun
                    ),
                    None,
                ));
            }
        }
        for field in &shape.fields[..shape.required] {
            if !fields.contains_key(*field) {
                let (line, col) = at(&item_path, false);
                let assign = match format {
                    Format::Yaml => format!("{field}: …"),
                    Format::Toml => format!("{field} = \"…\""),
                };
                problems.push(Problem::error(
                    line,
                    col,
                    format!("a {} under `{key}` has no `{field}`", shape.noun),
                    Some(format!("add `{assign}` to it: {}", shape.required_help)),
                ));
            }
        }
    }
    // The keys of an entry are read in name order: told in the order written.
    problems.sort_by_key(|p| (p.line, p.col));
    problems
}

/// What the entries of a list in front matter hold.
struct Shape {
    /// What one entry is called in messages: `report`.
    noun: &'static str,
    /// Its keys, those it must have first.
    fields: &'static [&'static str],
    /// How many of `fields` it must have.
    required: usize,
    /// Why it must have them.
    required_help: &'static str,
    /// The keys that take a date (SPEC §3).
    dates: &'static [&'static str],
}

impl Shape {
    fn of(key: &str) -> Option<Shape> {
        match key {
            "reports" => Some(Shape {
                noun: "report",
                fields: super::raw::REPORT_FIELDS,
                required: 2,
                required_help: "a report names its source (a source id) and where it was published (its URL)",
                dates: &["published", "retrieved"],
            }),
            _ => None,
        }
    }

    /// An example of the list, in the front matter's language.
    fn list_help(&self, format: Format) -> String {
        match format {
            Format::Yaml => "write each report as `- source: afp` with `url: https://…` on the line below, indented like `source:`".to_owned(),
            Format::Toml => "write each report as a `[[reports]]` table with `source = \"afp\"` and `url = \"https://…\"`".to_owned(),
        }
    }

    /// What `value`, given for `field`, must be instead, when it is of the wrong
    /// kind. YAML reads a plain number or `true` as text where text is wanted; TOML
    /// does not. No value is wrong only for a key an entry must have.
    fn wrong_kind(
        &self,
        field: &str,
        value: &serde_json::Value,
        format: Format,
        required: bool,
    ) -> Option<&'static str> {
        use serde_json::Value;
        let is_date = self.dates.contains(&field);
        let fits = match value {
            Value::Null => !required,
            Value::String(_) => true,
            Value::Number(_) => format == Format::Yaml || (is_date && value.is_u64()),
            Value::Bool(_) => format == Format::Yaml && !is_date,
            // A TOML date or datetime, as the `toml` crate hands it on.
            Value::Object(map) => is_date && map.keys().all(|k| k.starts_with("$__toml")),
            Value::Array(_) => false,
        };
        if fits {
            return None;
        }
        Some(match field {
            "source" | "id" => "an id, like `afp`",
            "url" | "archived" => "a web address, like `https://www.example.com/news/1`",
            _ if is_date => "a date such as `2024-01-03` or `2024-01-03T17:20+03:30`",
            _ => "text; quote it if it looks like a number, list or map",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: A\nreports:\n  - source: afp\n    url: https://x.example/a\n    title: One\n  - { id: afp-toll, source: afp, url: \"https://x.example/b\" }\n";

    #[test]
    fn locates_values_and_keys_of_yaml_entries() {
        let at = |path: &[Step<'_>], key| locate(YAML, Format::Yaml, path, key);
        let report = |n, field| [Step::Key("reports"), Step::Index(n), Step::Key(field)];
        assert_eq!(at(&report(0, "source"), false), Some((3, 13)));
        assert_eq!(at(&report(0, "title"), true), Some((5, 5)));
        assert_eq!(at(&report(0, "title"), false), Some((5, 12)));
        assert_eq!(at(&report(1, "id"), false), Some((6, 11)));
        assert_eq!(at(&report(1, "url"), false), Some((6, 39)));
        assert_eq!(
            at(&[Step::Key("reports"), Step::Index(1)], false),
            Some((6, 5))
        );
        assert_eq!(at(&report(1, "title"), false), None);
        assert_eq!(at(&report(2, "url"), false), None);
        assert_eq!(at(&[Step::Key("title")], false), Some((1, 8)));
    }

    #[test]
    fn locates_values_and_keys_of_toml_entries() {
        let matter = "title = \"A\"\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://x.example/a\"\n\n[[reports]]\nid = \"afp-toll\"\nsource = \"afp\"\npublished = 2024-01-03T21:05:00+03:30\n";
        let at = |path: &[Step<'_>], key| locate(matter, Format::Toml, path, key);
        let report = |n, field| [Step::Key("reports"), Step::Index(n), Step::Key(field)];
        assert_eq!(at(&report(0, "url"), false), Some((5, 7)));
        assert_eq!(at(&report(1, "published"), true), Some((10, 1)));
        assert_eq!(at(&report(1, "published"), false), Some((10, 13)));
        let inline = "title = \"A\"\nreports = [\n  { source = \"afp\", url = \"https://x.example/a\" },\n]\n";
        let at = |path: &[Step<'_>], key| locate(inline, Format::Toml, path, key);
        assert_eq!(at(&report(0, "url"), true), Some((3, 21)));
    }

    #[test]
    fn explains_entries_that_do_not_read() {
        let matter = "reports:\n  - source: afp\n    titel: One\n  - source: [afp]\n    url: https://x.example/b\n    published: [2024]\n";
        let found: Vec<(usize, usize, String, Option<String>)> =
            explain(matter, Format::Yaml, "reports")
                .into_iter()
                .map(|p| (p.line, p.col, p.message, p.help))
                .collect();
        let no_url = "add `url: …` to it: a report names its source (a source id) and where it was published (its URL)";
        let expected = [
            (2, 5, "a report under `reports` has no `url`", Some(no_url)),
            (
                3,
                5,
                "unknown field `titel` under `reports`",
                Some("did you mean `title`?"),
            ),
            (
                4,
                13,
                "`source` of a report under `reports` must be an id, like `afp`",
                None,
            ),
            (
                6,
                16,
                "`published` of a report under `reports` must be a date such as `2024-01-03` or `2024-01-03T17:20+03:30`",
                None,
            ),
        ];
        let expected: Vec<(usize, usize, String, Option<String>)> = expected
            .into_iter()
            .map(|(l, c, m, h)| (l, c, m.to_owned(), h.map(str::to_owned)))
            .collect();
        assert_eq!(found, expected);
        let toml = "[[reports]]\nsource = \"afp\"\nurl = 3\n";
        let found = explain(toml, Format::Toml, "reports");
        assert_eq!((found[0].line, found[0].col), (3, 7));
        assert!(
            explain("reports: 3\n", Format::Yaml, "reports")[0]
                .message
                .contains("must be a list of reports")
        );
        assert!(explain("tags: 3\n", Format::Yaml, "tags").is_empty());
    }
}
