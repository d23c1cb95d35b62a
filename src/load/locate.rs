//! Where a value nested in front matter is written: `figures` → `killed` → its
//! second reading → `value`, for an error about it found after load (SPEC §9.5,
//! §9.6). The front matter is read again only when an error asks, through the same
//! parsers that read it (YAML events, TOML spans).

use super::frontmatter::Format;
use super::yaml::list::{Tree, tree};

/// One step down into front matter: a key of a map, or a position (from 0) in a
/// list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key of a map.
    Key(&'a str),
    /// The item at this position of a list.
    Index(usize),
}

/// Where the value at `path` is written in front matter `matter` (delimiter lines
/// left out) of `format`: the 1-based line and column of its first character (of
/// its `{` or first key, for a map), or of the deepest step of `path` that is
/// written. `None` when the front matter does not read, or no step of `path` is
/// written.
pub fn place(matter: &str, format: Format, path: &[Step<'_>]) -> Option<(usize, usize)> {
    match format {
        Format::Yaml => yaml_place(matter, path, false),
        Format::Toml => toml_place(matter, path, false),
    }
}

/// Where the key that ends `path` is written (`sorce` in `{ value: 30, sorce: afp
/// }`), as [`place`] finds a value: at the deepest step written when it is not.
pub fn key_place(matter: &str, format: Format, path: &[Step<'_>]) -> Option<(usize, usize)> {
    match format {
        Format::Yaml => yaml_place(matter, path, true),
        Format::Toml => toml_place(matter, path, true),
    }
}

fn yaml_place(matter: &str, path: &[Step<'_>], key: bool) -> Option<(usize, usize)> {
    let root = tree(matter)?;
    let mut node = &root;
    let mut found = None;
    for (i, step) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let next = match (step, &node.tree) {
            (Step::Key(wanted), Tree::Map(pairs)) => pairs
                .iter()
                .find(|(k, _)| matches!(&k.tree, Tree::Scalar { text, .. } if text == wanted))
                .map(|(k, v)| if key && last { k } else { v }),
            (Step::Index(n), Tree::Seq(items)) => items.get(*n),
            _ => None,
        };
        match next {
            Some(next) => {
                node = next;
                found = Some(node.at);
            }
            None => break,
        }
    }
    found
}

fn toml_place(matter: &str, path: &[Step<'_>], key: bool) -> Option<(usize, usize)> {
    use toml::de::{DeTable, DeValue};
    let top = DeTable::parse(matter).ok()?;
    let mut table = Some(top.get_ref());
    let mut value: Option<&toml::Spanned<DeValue<'_>>> = None;
    let mut found = None;
    for step in path {
        if key
            && std::ptr::eq(step, path.last()?)
            && let (Step::Key(wanted), Some(table)) = (step, table)
            && let Some((name, _)) = table.get_key_value(*wanted)
        {
            return Some(crate::diagnostic::line_col(matter, name.span().start));
        }
        let next = match (step, table, value.map(|v| v.get_ref())) {
            (Step::Key(key), Some(table), _) => table.get(*key),
            (Step::Index(n), _, Some(DeValue::Array(items))) => items.get(*n),
            _ => None,
        };
        let Some(next) = next else { break };
        found = Some(crate::diagnostic::line_col(matter, next.span().start));
        value = Some(next);
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    #[test]
    fn finds_a_nested_value_in_yaml_block_and_flow_style() {
        let yaml = "title: A\nfigures:\n  killed:\n    - { value: at least 20, source: irib }\n    - value: more than 70\n      source: afp\n";
        let at = |path: &[Step<'_>]| place(yaml, Format::Yaml, path);
        assert_eq!(
            at(&[Key("figures"), Key("killed"), Index(0), Key("source")]),
            Some((4, 37))
        );
        assert_eq!(
            at(&[Key("figures"), Key("killed"), Index(1), Key("source")]),
            Some((6, 15))
        );
        assert_eq!(at(&[Key("figures"), Key("killed"), Index(1)]), Some((5, 7)));
        // A step that is not written: the deepest that is.
        assert_eq!(
            at(&[Key("figures"), Key("killed"), Index(1), Key("at")]),
            Some((5, 7))
        );
        assert_eq!(at(&[Key("questions")]), None);
        let key = |path: &[Step<'_>]| key_place(yaml, Format::Yaml, path);
        assert_eq!(
            key(&[Key("figures"), Key("killed"), Index(1), Key("source")]),
            Some((6, 7))
        );
    }

    #[test]
    fn finds_a_nested_value_in_toml_tables_and_inline_tables() {
        let toml = "title = \"A\"\n[figures]\nkilled = [\n  { value = \"at least 20\", source = \"irib\" },\n]\n[[questions.cause.accounts]]\nsays = \"Gas\"\nsource = \"nournews\"\n";
        let at = |path: &[Step<'_>]| place(toml, Format::Toml, path);
        assert_eq!(
            at(&[Key("figures"), Key("killed"), Index(0), Key("source")]),
            Some((4, 37))
        );
        assert_eq!(
            at(&[
                Key("questions"),
                Key("cause"),
                Key("accounts"),
                Index(0),
                Key("source")
            ]),
            Some((8, 10))
        );
        let key = |path: &[Step<'_>]| key_place(toml, Format::Toml, path);
        assert_eq!(
            key(&[Key("figures"), Key("killed"), Index(0), Key("source")]),
            Some((4, 28))
        );
    }
}
