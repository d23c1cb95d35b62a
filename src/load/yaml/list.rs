//! A YAML list of entries (`reports:`, `corrections:`) read entry by entry, and the
//! map under `image:` field by field, into the [`Item`]s that `nested` checks. The parser's events give each entry, field and
//! value with its place. When YAML syntax in one entry of a block list stops the
//! parser, each entry is read again on its own, the lines of the others left blank,
//! so that one entry's syntax hides none of the others.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::Entry;
use super::explain::diagnose;
use crate::fingerprint::FastMap;
use crate::load::frontmatter::{Format, Problem};
use crate::load::nested::{Around, Item, Kind, ListReading, RawField, Shape};

/// Reads the list under the top-level key of `entry`, whose lines are `text`,
/// entry by entry, in the document `around` (see [`Around`]): or the map under a
/// key that holds one (`image`), field by field. `None` when it cannot be read that
/// way — no value, or YAML syntax outside the entries of a block list — and the key
/// is read whole, its error told as any other key's; `Err` when the value is not a
/// list.
pub(super) fn read(
    text: &str,
    entry: &Entry,
    around: Around<'_>,
) -> Option<Result<ListReading<String>, Vec<Problem>>> {
    let shape = Shape::of(&entry.key)?;
    let (items, mut problems) = match tree(text) {
        Some(root) => {
            let value = root.get(&entry.key)?;
            match &value.tree {
                Tree::Scalar { text, plain: true } if is_null(text) => return None,
                Tree::Seq(items) if shape.list => (items.iter().map(item).collect(), Vec::new()),
                Tree::Map(_) if !shape.list => (vec![item(value)], Vec::new()),
                // A map that is no map is told as for any other key.
                _ if !shape.list => return None,
                _ => return Some(Err(vec![shape.not_a_list(value.at, Format::Yaml)])),
            }
        }
        None if shape.list => one_by_one(text, entry, around)?,
        None => return None,
    };
    let reading = shape.check(items, Format::Yaml, around);
    problems.extend(reading.problems);
    problems.sort_by_key(|p| (p.line, p.col));
    Some(Ok(ListReading {
        problems,
        ..reading
    }))
}

/// The entries of a block list whose text YAML cannot read as a whole, each read on
/// its own with the lines of the others left blank: the entries, and the problem of
/// each that does not read (said as for a top-level key). `None` when the list is
/// not a block list, or the syntax is outside its entries.
fn one_by_one(
    text: &str,
    entry: &Entry,
    around: Around<'_>,
) -> Option<(Vec<Item<String>>, Vec<Problem>)> {
    let (known, lines_before) = (around.top_level, around.lines_before);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = entry.key_line - 1;
    let spans = block_items(&lines, key_line)?;
    let only = |keep: std::ops::Range<usize>| -> String {
        let kept = lines.iter().enumerate().map(|(i, line)| {
            if i == key_line || keep.contains(&i) {
                *line
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            }
        });
        kept.collect()
    };
    // The key's own line reads without the entries.
    tree(&only(0..0))?;
    let mut items = Vec::with_capacity(spans.len());
    let mut problems = Vec::new();
    for (start, end) in spans {
        let doc = only(start..end);
        let read = tree(&doc).and_then(|root| match &root.get(&entry.key)?.tree {
            Tree::Seq(one) if one.len() == 1 => Some(item(&one[0])),
            _ => None,
        });
        if let Some(read) = read {
            items.push(read);
            continue;
        }
        let e = serde_saphyr::from_str::<serde_json::Value>(&doc).err()?;
        problems.push(diagnose(&doc, entry, &e, (known, lines_before)));
        let first = lines[start];
        let col = first.len() - first.trim_start_matches([' ', '-']).len() + 1;
        items.push(Item {
            at: (start + 1, col),
            fields: None,
            unreadable: Some(loose_values(&lines[start..end])),
        });
    }
    Some((items, problems))
}

/// The entries of a block list under the key on line `key_line` (0-based) of
/// `lines`: for each, its first line and the line after its last. `None` when the
/// key's line holds its value (a flow list), or no `- ` line follows it.
fn block_items(lines: &[&str], key_line: usize) -> Option<Vec<(usize, usize)>> {
    let key = lines.get(key_line)?;
    let after_key = key.split_once(':')?.1.trim();
    if !(after_key.is_empty() || after_key.starts_with('#')) {
        return None;
    }
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let is_item = |line: &str| {
        let content = line.trim_start_matches(' ').trim_end();
        content == "-" || content.starts_with("- ")
    };
    let first = (key_line + 1..lines.len()).find(|&i| is_item(lines[i]))?;
    let width = indent(lines[first]);
    let starts: Vec<usize> = (first..lines.len())
        .filter(|&i| is_item(lines[i]) && indent(lines[i]) == width)
        .collect();
    let ends = starts.iter().skip(1).copied().chain([lines.len()]);
    Some(starts.iter().copied().zip(ends).collect())
}

/// The values written on `lines` as `key: value`, read loosely: what an entry that
/// YAML cannot read may be cited by.
fn loose_values(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|line| line.split([',', '{', '}']))
        .filter_map(|part| {
            let (_, value) = part.split_once(": ")?;
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            (!value.is_empty() && !value.contains(char::is_whitespace))
                .then(|| crate::slug::nfc(value))
        })
        .collect()
}

/// The values that read of the list, as YAML for the front matter's own structs: a
/// flow list of maps of double-quoted text, which is JSON
/// (`reports: [{"source": "afp"}]`), or the one map of a key that holds one
/// (`image: {"src": "…", "alt": "…"}`). `None` when that map lacks a field it must
/// have, and cannot be read.
pub(super) fn values_text(reading: &ListReading<String>) -> Option<String> {
    let (shape, values) = (reading.shape, &reading.values);
    if !values.iter().all(|fields| shape.complete(fields)) {
        return None;
    }
    let quoted = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    let entries: Vec<String> = values
        .iter()
        .map(|fields| {
            let pairs: Vec<String> = fields
                .iter()
                .map(|(name, value)| format!("{}: {}", quoted(name), quoted(value)))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        })
        .collect();
    let key = shape.key;
    Some(match shape.list {
        true => format!("{key}: [{}]\n", entries.join(", ")),
        false => format!("{key}: {}\n", entries.join(", ")),
    })
}

/// An entry of the list as the checks take it.
fn item(node: &Node) -> Item<String> {
    let fields = match &node.tree {
        Tree::Map(pairs) => Some(
            merged(pairs)
                .into_iter()
                .map(|(k, v)| field(k, v))
                .collect(),
        ),
        _ => None,
    };
    Item {
        at: node.at,
        fields,
        unreadable: None,
    }
}

/// The pairs of a map with YAML's merge key read as serde reads it: `<<: *other`
/// (or a list of such maps) gives the keys of the maps it names that the map does
/// not give itself. A `<<` whose value is no map stays, to be said unknown.
fn merged<'n, 'a>(pairs: &'n [(Node<'a>, Node<'a>)]) -> Vec<(&'n Node<'a>, &'n Node<'a>)> {
    fn name<'t>(node: &'t Node<'_>) -> Option<&'t str> {
        match &node.tree {
            Tree::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
    let merges = |(k, v): &&(Node<'_>, Node<'_>)| {
        let plain = matches!(&k.tree, Tree::Scalar { plain: true, .. });
        plain && name(k) == Some("<<") && matches!(v.tree, Tree::Map(_) | Tree::Seq(_))
    };
    let mut found: Vec<(&Node<'a>, &Node<'a>)> = (pairs.iter())
        .filter(|pair| !merges(pair))
        .map(|(k, v)| (k, v))
        .collect();
    let sources = pairs
        .iter()
        .filter(merges)
        .flat_map(|(_, v)| match &v.tree {
            Tree::Seq(maps) => maps.as_slice(),
            _ => std::slice::from_ref(v),
        });
    for source in sources {
        let Tree::Map(theirs) = &source.tree else {
            continue;
        };
        for (k, v) in theirs {
            let given = found
                .iter()
                .any(|(f, _)| name(f).is_some() && name(f) == name(k));
            if !given {
                found.push((k, v));
            }
        }
    }
    found
}

fn field(key: &Node, value: &Node) -> RawField<String> {
    let name = match &key.tree {
        Tree::Scalar { text, .. } => text.to_string(),
        _ => String::new(),
    };
    let (kind, text) = match &value.tree {
        Tree::Scalar { text, plain: true } if is_null(text) => (Kind::Null, None),
        Tree::Scalar { text, plain: true } => (Kind::Plain, Some(text.to_string())),
        Tree::Scalar { text, plain: false } => (Kind::Text, Some(text.to_string())),
        Tree::Seq(_) | Tree::Map(_) => (Kind::Other, None),
    };
    RawField {
        name,
        key: key.at,
        value_at: value.at,
        kind,
        value: text.clone().unwrap_or_default(),
        text,
    }
}

/// YAML's words for no value, unquoted.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A node of YAML as the parser reads it, where it starts (1-based line and
/// column), aliases replaced by what they name.
#[derive(Debug, Clone)]
pub(in crate::load) struct Node<'a> {
    pub(in crate::load) at: (usize, usize),
    pub(in crate::load) tree: Tree<'a>,
}

#[derive(Debug, Clone)]
pub(in crate::load) enum Tree<'a> {
    /// Text as YAML reads it; `plain` when unquoted, untagged and not a block.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The value of `key` in this map.
    pub(in crate::load) fn get(&self, key: &str) -> Option<&Node<'a>> {
        let Tree::Map(pairs) = &self.tree else {
            return None;
        };
        pairs
            .iter()
            .find(|(k, _)| matches!(&k.tree, Tree::Scalar { text, .. } if text == key))
            .map(|(_, v)| v)
    }
}

/// A collection being read: where it starts, its anchor, and its nodes so far.
enum Open<'a> {
    Seq((usize, usize), usize, Vec<Node<'a>>),
    Map(
        (usize, usize),
        usize,
        Vec<(Node<'a>, Node<'a>)>,
        Option<Node<'a>>,
    ),
}

/// The document `text` as nodes, or `None` when YAML cannot read it.
pub(in crate::load) fn tree(text: &str) -> Option<Node<'_>> {
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut anchors: FastMap<usize, Node<'_>> = FastMap::default();
    let mut root = None;
    for next in Parser::new_from_str(text) {
        let (event, span) = next.ok()?;
        let at = (span.start.line(), span.start.col() + 1);
        let (node, anchor) = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain && tag.is_none();
                let tree = Tree::Scalar { text: value, plain };
                (Node { at, tree }, anchor)
            }
            Event::Alias(id) => {
                let mut node = anchors.get(&id)?.clone();
                node.at = at;
                (node, 0)
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Open::Seq(at, anchor, Vec::new()));
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Open::Map(at, anchor, Vec::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Open::Seq(at, anchor, items) => (
                    Node {
                        at,
                        tree: Tree::Seq(items),
                    },
                    anchor,
                ),
                Open::Map(at, anchor, pairs, _) => (
                    Node {
                        at,
                        tree: Tree::Map(pairs),
                    },
                    anchor,
                ),
            },
            _ => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq(_, _, items)) => items.push(node),
            Some(Open::Map(_, _, pairs, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => pairs.push((k, node)),
            },
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around<'a>(top_level: &'a [&'a str]) -> Around<'a> {
        Around {
            top_level,
            ..Around::default()
        }
    }

    fn entry(text: &str, key: &str) -> Entry {
        let line = text
            .lines()
            .position(|l| l.starts_with(key))
            .map_or(1, |i| i + 1);
        Entry {
            key: key.to_owned(),
            key_line: line,
            key_col: 1,
            start: 0,
            end: text.len(),
            line: 1,
        }
    }

    /// Each problem as (line, column, message).
    fn problems(text: &str, key: &str) -> Vec<(usize, usize, String)> {
        let found = match read(text, &entry(text, key), around(&["title", key])).unwrap() {
            Ok(reading) => reading.problems,
            Err(problems) => problems,
        };
        found
            .into_iter()
            .map(|p| (p.line, p.col, p.message))
            .collect()
    }

    #[test]
    fn reads_each_entry_on_its_own_and_keeps_what_reads() {
        let text = "reports:\n  - source: afp\n    url: https://x.example/a\n    titel: One\n  - source: [afp]\n    url: https://x.example/b\n    published: [2024]\n  - { id: afp-toll, source: afp, url: \"https://x.example/c\", published: 0800 }\n";
        let reading = read(text, &entry(text, "reports"), around(&["title"]))
            .unwrap()
            .unwrap();
        let values = values_text(&reading).unwrap();
        let found: Vec<(usize, usize, &str)> = reading
            .problems
            .iter()
            .map(|p| (p.line, p.col, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (4, 5, "unknown field `titel` under `reports`"),
                (
                    5,
                    13,
                    "`source` of a report under `reports` must be an id, like `afp`"
                ),
                (
                    7,
                    16,
                    "`published` of a report under `reports` must be a date such as `2024-01-03` or `2024-01-03T17:20+03:30`"
                ),
                (
                    8,
                    73,
                    "YAML reads the unquoted `0800` as the number 800, not as a date"
                ),
            ]
        );
        assert_eq!(
            values,
            "reports: [{\"source\": \"afp\", \"url\": \"https://x.example/a\"}, {\"url\": \"https://x.example/b\"}, {\"id\": \"afp-toll\", \"source\": \"afp\", \"url\": \"https://x.example/c\"}]\n"
        );
        let read: std::collections::BTreeMap<String, Vec<crate::load::raw::RawReport>> =
            serde_saphyr::from_str(&values).unwrap();
        assert_eq!(read["reports"][2].id.as_deref(), Some("afp-toll"));
        let places: Vec<(usize, usize)> = reading.list.entries.iter().map(|e| e.at).collect();
        assert_eq!(places, [(2, 5), (5, 5), (8, 5)]);
        let url = reading.list.entries[1].field("url").unwrap();
        assert_eq!((url.key, url.value), ((6, 5), (6, 10)));
    }

    #[test]
    fn yaml_syntax_in_one_entry_hides_none_of_the_others() {
        let text = "corrections:\n  - date: 2024-01-04\n    txet: Fine.\n  - date: 2024-01-05\n    text: Toll: 30, not 20.\n  - date: 2024-01-06\n    text: \"Fine.\"\n";
        assert_eq!(
            problems(text, "corrections"),
            [
                (3, 5, "unknown field `txet` under `corrections`".to_owned()),
                (
                    5,
                    11,
                    "the `: ` inside the value of `text` starts a new key in YAML".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn reads_anchors_aliases_and_merge_keys_as_serde_does() {
        let text = "reports:\n  - &r { id: afp-1, source: afp, url: \"https://x.example/1\" }\n  - { <<: *r, id: afp-2 }\n  - <<: [*r]\n    titel: x\n";
        assert_eq!(
            problems(text, "reports"),
            [(5, 5, "unknown field `titel` under `reports`".to_owned())]
        );
        let reading = read(text, &entry(text, "reports"), around(&[]))
            .unwrap()
            .unwrap();
        let values = values_text(&reading).unwrap();
        let read: std::collections::BTreeMap<String, Vec<crate::load::raw::RawReport>> =
            serde_saphyr::from_str(&values).unwrap();
        let ids: Vec<Option<&str>> = read["reports"].iter().map(|r| r.id.as_deref()).collect();
        assert_eq!(ids, [Some("afp-1"), Some("afp-2"), Some("afp-1")]);
        assert!(read["reports"].iter().all(|r| r.url.is_some()));
    }

    #[test]
    fn a_list_that_is_no_list_is_said_and_no_value_is_left_to_the_key() {
        assert_eq!(
            problems("reports: afp\n", "reports"),
            [(1, 10, "`reports` must be a list of reports".to_owned())]
        );
        assert!(read("reports:\n", &entry("reports:\n", "reports"), around(&[])).is_none());
        assert_eq!(
            problems("reports:\n  - afp\n", "reports"),
            [(
                2,
                5,
                "each entry of `reports` must be a report with its own keys".to_owned()
            )]
        );
    }
}
