//! The walk over the YAML parser's events: the top-level entries of a front matter,
//! keys given twice at any depth, plain values a comment, tag or anchor cut, and the
//! unquoted values of date keys.

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};

use super::{Entry, code, is_free_text_key, quote};
use crate::load::frontmatter::Problem;
use crate::load::raw::IMAGE_FIELDS;

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) enum Shape {
    /// A mapping, or nothing at all (only comments).
    #[default]
    Map,
    /// A list or a lone value.
    Other,
}

/// What a walk over the parser's events found.
#[derive(Debug, Default)]
pub(super) struct Walk {
    pub(super) entries: Vec<Entry>,
    pub(super) cuts: Vec<Cut>,
    pub(super) duplicates: Vec<Duplicate>,
    /// Unquoted values of date keys, as written, with their line and column.
    pub(super) dates: Vec<(String, String, usize, usize)>,
    pub(super) shape: Shape,
    /// Whether the parser read the whole text.
    pub(super) complete: bool,
}

/// Text that YAML syntax takes out of a free-text value: a comment after it, or a
/// tag or anchor before it.
#[derive(Debug)]
pub(super) struct Cut {
    /// The keys leading to the value (`image`, `caption`), and whether it is an item
    /// of a list under them.
    pub(super) path: Vec<String>,
    pub(super) item: bool,
    /// The value YAML reads, and the text it leaves out.
    pub(super) value: String,
    pub(super) dropped: String,
    pub(super) kind: CutKind,
    /// 1-based line and column of the dropped text; the line as written, and the
    /// column its value starts at, when the value is on one line.
    pub(super) line: usize,
    pub(super) col: usize,
    pub(super) written: Option<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CutKind {
    Comment,
    Tag,
    Anchor,
}

#[derive(Debug)]
pub(super) struct Duplicate {
    pub(super) path: Vec<String>,
    pub(super) key: String,
    pub(super) first_line: usize,
    pub(super) line: usize,
    pub(super) col: usize,
}

impl Walk {
    /// An unquoted date value YAML reads as something else than the date written.
    pub(super) fn misread_problem(&self) -> Option<Problem> {
        self.dates
            .iter()
            .find_map(|(key, text, line, col)| misread_date(key, text, (*line, *col)))
    }
}

impl Cut {
    /// A warning for a cut in a free-text value; `None` for a value whose text cannot
    /// hold what was dropped (ids, dates, zones, numbers).
    pub(super) fn problem(&self) -> Option<Problem> {
        if !is_free_text(&self.path, &self.value) {
            return None;
        }
        let field = match (self.path.as_slice(), self.item) {
            (path, false) => format!("`{}`", path.join(".")),
            (path, true) => format!("this item of `{}`", path.join(".")),
        };
        let (dropped, value) = (code(&self.dropped), code(&self.value));
        let message = match self.kind {
            CutKind::Comment => {
                format!("YAML reads {dropped} as a comment, so {field} is only {value}")
            }
            CutKind::Tag => {
                format!("YAML reads {dropped} as a tag and drops it, so {field} is only {value}")
            }
            CutKind::Anchor => format!(
                "YAML reads {dropped} as an anchor and drops it, so {field} is only {value}"
            ),
        };
        let help = match &self.written {
            Some((line, col)) => {
                let at = line
                    .char_indices()
                    .nth(col - 1)
                    .map_or(line.len(), |(i, _)| i);
                let fixed = format!(
                    "{}{}",
                    line[..at].trim_start(),
                    quote(line[at..].trim_end())
                );
                format!("quote the value to keep all of it: {}", code(&fixed))
            }
            None => "put the whole value in double quotes to keep all of it".to_owned(),
        };
        let width = self.dropped.chars().count();
        Some(
            Problem::error(self.line, self.col, message, Some(help))
                .with_width(width)
                .warning(),
        )
    }
}

/// Values that are free text, which ` #`, `!` or `&` could belong to: titles, names,
/// places, summaries, tags, aliases, the image's text and path, a report's headline,
/// and text under `extra:`. Ids, zones, slugs, kinds, addresses, dates and flags
/// never hold a space, so text after one cannot be theirs.
fn is_free_text(path: &[String], value: &str) -> bool {
    match path {
        [key] => is_free_text_key(key) || matches!(key.as_str(), "tags" | "aliases"),
        [image, field] if image == "image" => {
            IMAGE_FIELDS.contains(&field.as_str()) && !matches!(field.as_str(), "width" | "height")
        }
        [reports, field] if reports == "reports" => field == "title",
        [list, field] if list == "corrections" => field == "text",
        [extra, ..] if extra == "extra" => {
            // Free-form: text as YAML reads it, not a number or a flag.
            matches!(
                serde_saphyr::from_str::<serde_json::Value>(value),
                Ok(serde_json::Value::String(_))
            )
        }
        _ => false,
    }
}

/// Whether the keys `path` lead to a date: `date`, `end` and `updated` at the top
/// level, and the `date` of an entry of `corrections`.
fn is_date_key(path: &[String]) -> bool {
    match path {
        [key] => matches!(key.as_str(), "date" | "end" | "updated"),
        [list, key] => list == "corrections" && key == "date",
        _ => false,
    }
}

/// An unquoted date value YAML reads as something else than the date written, at
/// `line` and `col`: said, with the fix — quoting it when the text is a date.
pub(in crate::load) fn misread_date(
    key: &str,
    text: &str,
    (line, col): (usize, usize),
) -> Option<Problem> {
    let reading = date_misread(text)?;
    let help = if crate::date::Moment::parse(text, None, None).is_ok() {
        format!("quote it: `{key}: \"{text}\"`")
    } else {
        format!("write a date, like `{key}: 2024-01-03`")
    };
    Some(Problem::error(
        line,
        col,
        format!("YAML reads the unquoted `{text}` as {reading}, not as a date"),
        Some(help),
    ))
}

/// How YAML reads an unquoted date value when not as the text written: `0800` as the
/// number 800, `0o17` as 15, `2024.5` as a number, `yes` as true. `None` for text
/// and for a year it reads as the same digits (`2024`).
pub(super) fn date_misread(text: &str) -> Option<String> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') {
        return None;
    }
    match serde_saphyr::from_str::<serde_json::Value>(text).ok()? {
        serde_json::Value::Number(n) if n.to_string() == text && n.is_u64() => None,
        serde_json::Value::Number(n) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("the number {}", f as i64),
            _ => format!("the number {n}"),
        }),
        serde_json::Value::Bool(b) => Some(format!("`{b}`")),
        _ => None,
    }
}

enum Frame {
    /// A mapping: the key whose value is being read (`None` between entries), and
    /// the keys met so far with their lines.
    Map {
        key: Option<String>,
        keys: Vec<(String, usize)>,
    },
    Seq,
}

/// Walks the parser's events over `text`: the top-level entries, duplicate keys at
/// any depth, cut values, and the unquoted values of date keys. Stops at the first
/// syntax error, with `complete` unset.
pub(super) fn walk(text: &str) -> Walk {
    let mut walk = Walk::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = true;
    for next in Parser::new_from_str(text) {
        let Ok((event, span)) = next else {
            return walk;
        };
        let (at, end) = (byte(text, &span.start), byte(text, &span.end));
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) if root => {
                root = false;
                if matches!(event, Event::SequenceStart(..)) {
                    walk.shape = Shape::Other;
                    return walk;
                }
                stack.push(Frame::Map {
                    key: None,
                    keys: Vec::new(),
                });
            }
            Event::Scalar(..) | Event::Alias(..) if root => {
                walk.shape = Shape::Other;
                return walk;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let (line, col) = (span.start.line(), span.start.col() + 1);
                let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                if is_key {
                    walk.key(text, &mut stack, value.into_owned(), (at, line, col));
                    continue;
                }
                if style == ScalarStyle::Plain {
                    let found = Found {
                        path: path(&stack),
                        item: matches!(stack.last(), Some(Frame::Seq)),
                        value: value.into_owned(),
                        line,
                        col,
                    };
                    if let [.., key] = found.path.as_slice()
                        && is_date_key(&found.path)
                        && !found.item
                    {
                        walk.dates
                            .push((key.clone(), found.value.clone(), line, col));
                    }
                    if anchor != 0 || tag.is_some() {
                        walk.cuts
                            .extend(prefix_before(text, &found, at, tag.is_some()));
                    }
                    walk.cuts.extend(comment_after(text, found, (at, end)));
                }
                value_done(&mut stack);
            }
            Event::Alias(_) => value_done(&mut stack),
            Event::MappingStart(..) => stack.push(Frame::Map {
                key: None,
                keys: Vec::new(),
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                // The node that ended was a key (a complex one) or a value.
                if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                    *key = if key.is_none() {
                        Some(String::new())
                    } else {
                        None
                    };
                }
            }
            Event::StreamEnd => walk.complete = true,
            _ => {}
        }
    }
    if let Some(first) = walk.entries.first_mut() {
        (first.start, first.line) = (0, 1);
    }
    let ends: Vec<usize> = walk.entries.iter().skip(1).map(|e| e.start).collect();
    for (entry, end) in walk
        .entries
        .iter_mut()
        .zip(ends.into_iter().chain([text.len()]))
    {
        entry.end = end;
    }
    walk
}

impl Walk {
    /// A key met in the mapping on top of `stack`, at byte `at`, 1-based `line` and
    /// `col`: checked against the keys before it, and a new entry at the top level.
    fn key(
        &mut self,
        text: &str,
        stack: &mut [Frame],
        key: String,
        (at, line, col): (usize, usize, usize),
    ) {
        let depth = stack.len();
        let parents = path(&stack[..depth - 1]);
        let Some(Frame::Map { key: current, keys }) = stack.last_mut() else {
            return;
        };
        if let Some((_, first_line)) = keys.iter().find(|(k, _)| *k == key) {
            self.duplicates.push(Duplicate {
                path: parents,
                key: key.clone(),
                first_line: *first_line,
                line,
                col,
            });
        } else {
            keys.push((key.clone(), line));
        }
        if depth == 1 {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            self.entries.push(Entry {
                key: key.clone(),
                key_line: line,
                key_col: col,
                start,
                end: text.len(),
                line,
            });
        }
        *current = Some(key);
    }
}

/// The keys leading to the node on top of `stack`.
fn path(stack: &[Frame]) -> Vec<String> {
    stack
        .iter()
        .filter_map(|f| match f {
            Frame::Map { key: Some(k), .. } => Some(k.clone()),
            _ => None,
        })
        .collect()
}

/// A value was read: the mapping it belongs to waits for its next key.
fn value_done(stack: &mut [Frame]) {
    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
        *key = None;
    }
}

/// The byte offset of a parser marker in `text`.
fn byte(text: &str, marker: &Marker) -> usize {
    marker.byte_offset().unwrap_or_else(|| {
        text.char_indices()
            .nth(marker.index())
            .map_or(text.len(), |(i, _)| i)
    })
}

/// A plain value met in the walk: the keys leading to it, whether it is a list
/// item, its text as YAML reads it, and the 1-based line and column it starts at.
struct Found {
    path: Vec<String>,
    item: bool,
    value: String,
    line: usize,
    col: usize,
}

/// A comment after the plain value at bytes `at..end`, on its last line: the value
/// has ended where the writer may have meant it to go on.
fn comment_after(text: &str, found: Found, (at, end): (usize, usize)) -> Option<Cut> {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = &text[end..line_end];
    let comment = rest.trim_start_matches([' ', '\t']);
    if comment.len() == rest.len() || !comment.starts_with('#') {
        return None;
    }
    let (line, col) = crate::diagnostic::line_col(text, line_end - comment.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let one_line = !text[at..end].contains('\n');
    Some(Cut {
        path: found.path,
        item: found.item,
        value: found.value,
        dropped: comment.trim_end().to_owned(),
        kind: CutKind::Comment,
        line,
        col,
        written: one_line.then(|| (text[line_start..line_end].to_owned(), found.col)),
    })
}

/// A tag (`!Breaking`) or anchor (`&Kerman`) written before the plain value at byte
/// `at`, on the same line: YAML drops it from the text.
fn prefix_before(text: &str, found: &Found, at: usize, tag: bool) -> Option<Cut> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let mark = before.rfind(if tag { '!' } else { '&' })?;
    // The token starts at the mark, after a separator.
    let start = before[..mark]
        .rfind([' ', '\t', '[', ','])
        .map_or(0, |s| s + 1);
    let dropped = before[start..].trim_end();
    if start != mark || dropped.is_empty() {
        return None;
    }
    let col = before[..start].chars().count() + 1;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Some(Cut {
        path: found.path.clone(),
        item: found.item,
        value: found.value.clone(),
        dropped: dropped.to_owned(),
        kind: if tag { CutKind::Tag } else { CutKind::Anchor },
        line: found.line,
        col,
        written: Some((text[line_start..line_end].to_owned(), col)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_that_cut_plain_values_only() {
        let matter = "title: Death toll #2 rises\nplace: \"Kerman #1\" # quoted\nsources: [afp] # main wire\ntags:\n  - Kerman #1\n# own line\ndate: 2024-01-03 # day\n";
        let walk = walk(matter);
        let cuts: Vec<String> = walk
            .cuts
            .iter()
            .map(|c| {
                let item = if c.item { " item" } else { "" };
                let path = c.path.join(".");
                format!(
                    "{path}{item} {:?} {:?} {}:{}",
                    c.value, c.dropped, c.line, c.col
                )
            })
            .collect();
        assert_eq!(
            cuts,
            [
                "title \"Death toll\" \"#2 rises\" 1:19",
                "tags item \"Kerman\" \"#1\" 5:12",
                "date \"2024-01-03\" \"# day\" 7:18",
            ]
        );
        // The date's comment cuts nothing a date could hold.
        let problems: Vec<Problem> = walk.cuts.iter().filter_map(Cut::problem).collect();
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].message,
            "YAML reads `#2 rises` as a comment, so `title` is only `Death toll`"
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("quote the value to keep all of it: `title: \"Death toll #2 rises\"`")
        );
        assert_eq!(
            problems[1].help.as_deref(),
            Some("quote the value to keep all of it: `- \"Kerman #1\"`")
        );
    }

    #[test]
    fn finds_keys_given_twice_at_any_depth() {
        let walk = walk("title: A\nimage:\n  src: a.jpg\n  alt: x\n  alt: y\ntitle: B\n");
        let found: Vec<(Vec<String>, &str, usize, usize)> = walk
            .duplicates
            .iter()
            .map(|d| (d.path.clone(), d.key.as_str(), d.first_line, d.line))
            .collect();
        assert_eq!(
            found,
            [(vec!["image".into()], "alt", 4, 5), (vec![], "title", 1, 6)]
        );
    }

    #[test]
    fn tells_numbers_from_years_in_dates() {
        assert_eq!(date_misread("2024"), None);
        assert_eq!(date_misread("2024-01-03"), None);
        assert_eq!(date_misread("800"), None);
        assert_eq!(date_misread("0800").as_deref(), Some("the number 800"));
        assert_eq!(date_misread("0o17").as_deref(), Some("the number 15"));
        assert_eq!(date_misread("true").as_deref(), Some("`true`"));
        assert_eq!(date_misread("2024.5").as_deref(), Some("the number 2024.5"));
    }
}
