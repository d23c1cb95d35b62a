//! Tags: every spelling events and explainers use, grouped into tags, each tag
//! named and given the slug of its page.
//!
//! Spellings that differ only in case, spacing or separators are one tag
//! ([`slug::tag_key`](crate::slug::tag_key)): `Gas explosion`, `gas-explosion`.
//! The spelling used most often names it (on a tie, the first met: events before
//! explainers, each in path order). Its slug is the one `dateline.toml` gives
//! (`[tags."C++"] slug = "cpp"`), else its name slugified. Different tags whose
//! slugs are one (`C++`, `C#`, `C` → `c`) are an error naming both spellings and
//! where they are, never one page under one of their names; so is a slug too long
//! for a URL segment. Events and explainers find their tags with [`tag_indexes`].

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fingerprint::FastMap as HashMap;
use crate::load::{Corpus, Doc};
use crate::site::Tag;

/// Every tag used by an event or explainer, by slug, and the tag of each spelling
/// met, as written. Errors (an empty tag, two tags with one slug, a slug too long)
/// go to `diagnostics`; a spelling in error has no tag.
pub(super) fn collect(
    corpus: &Corpus,
    diagnostics: &mut Diagnostics,
) -> (Vec<Tag>, HashMap<String, usize>) {
    let mut met = Met::default();
    for doc in &corpus.events {
        met.add(doc, &doc.raw.tags, diagnostics);
    }
    for doc in &corpus.explainers {
        met.add(doc, &doc.raw.tags, diagnostics);
    }
    met.into_tags(&corpus.config, diagnostics)
}

/// Tag indexes in the order written, each once. `tags` maps each spelling met to
/// its tag.
pub(crate) fn tag_indexes(tags: &HashMap<String, usize>, names: &[String]) -> Vec<usize> {
    let mut indexes: Vec<usize> = Vec::with_capacity(names.len());
    for name in names {
        if let Some(&i) = tags.get(name)
            && !indexes.contains(&i)
        {
            indexes.push(i);
        }
    }
    indexes
}

/// One spelling of a tag (trimmed), how often it is used, and where first.
struct Spelling {
    text: String,
    uses: usize,
    /// An error at its first use, its message still to write.
    first: Diagnostic,
}

/// Every spelling met so far, grouped by tag key.
#[derive(Default)]
struct Met {
    /// Each name as written to its spelling in `spellings`; `None` when it has no
    /// letters or digits (reported).
    written: HashMap<String, Option<usize>>,
    spellings: Vec<Spelling>,
    by_text: HashMap<String, usize>,
    /// Groups of spellings, one per tag key, in the order met; each group's
    /// spellings in the order met.
    groups: Vec<(String, Vec<usize>)>,
    by_key: HashMap<String, usize>,
}

impl Met {
    fn add<T>(&mut self, doc: &Doc<T>, names: &[String], diagnostics: &mut Diagnostics) {
        for name in names {
            let spelling = match self.written.get(name) {
                Some(known) => *known,
                None => {
                    let spelling = self.spelling(doc, name);
                    self.written.insert(name.clone(), spelling);
                    spelling
                }
            };
            match spelling {
                Some(s) => self.spellings[s].uses += 1,
                None => diagnostics.push(
                    doc.error_at_key(
                        "tags",
                        Some(name),
                        format!("the tag `{name}` has no letters or digits"),
                    )
                    .with_help(Some("tags need at least one letter or digit for their URL")),
                ),
            }
        }
    }

    /// The spelling `name` is, added if new; `None` if it can give no slug.
    fn spelling<T>(&mut self, doc: &Doc<T>, name: &str) -> Option<usize> {
        let text = name.trim();
        if let Some(&s) = self.by_text.get(text) {
            return Some(s);
        }
        if crate::slug::slugify(text).is_empty() {
            return None;
        }
        let s = self.spellings.len();
        self.spellings.push(Spelling {
            text: text.to_owned(),
            uses: 0,
            first: doc.error_at_key("tags", Some(name), String::new()),
        });
        self.by_text.insert(text.to_owned(), s);
        let key = crate::slug::tag_key(text);
        match self.by_key.get(&key) {
            Some(&g) => self.groups[g].1.push(s),
            None => {
                self.by_key.insert(key.clone(), self.groups.len());
                self.groups.push((key, vec![s]));
            }
        }
        Some(s)
    }

    /// The tags, by slug, and each written name's tag.
    fn into_tags(
        self,
        config: &crate::config::Config,
        diagnostics: &mut Diagnostics,
    ) -> (Vec<Tag>, HashMap<String, usize>) {
        // Slug → (group, whether dateline.toml gave it).
        let mut taken: BTreeMap<String, (usize, bool)> = BTreeMap::new();
        let mut group_slug: Vec<Option<String>> = vec![None; self.groups.len()];
        for (g, (key, spellings)) in self.groups.iter().enumerate() {
            let label = self.label(spellings);
            let given = config.tags.get(key).map(|t| t.slug.clone());
            let slug = given
                .clone()
                .unwrap_or_else(|| crate::slug::slugify(&label.text));
            if let Some((message, short)) = crate::urls::segment_too_long("tag slug", &slug) {
                diagnostics.push(self.error(label, message, {
                    format!(
                        "{}: shorten the tag, or give it a shorter slug in dateline.toml: `[tags.{}] slug = \"{short}\"`",
                        crate::urls::SEGMENT_LIMIT,
                        toml_key(&label.text)
                    )
                }));
                continue;
            }
            if let Some(&(other, other_given)) = taken.get(&slug) {
                let first = &self.spellings[spellings[0]];
                let other = self.label(&self.groups[other].1);
                diagnostics.push(self.collision(first, other, &slug, other_given, &taken));
                continue;
            }
            taken.insert(slug.clone(), (g, given.is_some()));
            group_slug[g] = Some(slug);
        }
        let mut tag_of_group = vec![None; self.groups.len()];
        let tags = taken
            .into_iter()
            .enumerate()
            .map(|(t, (slug, (g, _)))| {
                tag_of_group[g] = Some(t);
                Tag {
                    name: self.label(&self.groups[g].1).text.clone(),
                    slug,
                    events: Vec::new(),
                    explainers: Vec::new(),
                }
            })
            .collect();
        let mut group_of_spelling = vec![0; self.spellings.len()];
        for (g, (_, spellings)) in self.groups.iter().enumerate() {
            for &s in spellings {
                group_of_spelling[s] = g;
            }
        }
        let by_name = self
            .written
            .into_iter()
            .filter_map(|(name, s)| Some((name, tag_of_group[group_of_spelling[s?]]?)))
            .collect();
        (tags, by_name)
    }

    /// The spelling that names a tag: the one used most, the first met on a tie.
    fn label(&self, spellings: &[usize]) -> &Spelling {
        let mut best = &self.spellings[spellings[0]];
        for &s in &spellings[1..] {
            if self.spellings[s].uses > best.uses {
                best = &self.spellings[s];
            }
        }
        best
    }

    /// An error at the first use of `spelling`.
    fn error(&self, spelling: &Spelling, message: String, help: String) -> Diagnostic {
        let mut diagnostic = spelling.first.clone();
        diagnostic.message = message;
        diagnostic.help = Some(help);
        diagnostic
    }

    /// Two tags with one slug: reported at the first use of the later one, naming
    /// the earlier one and where it is first used.
    fn collision(
        &self,
        spelling: &Spelling,
        other: &Spelling,
        slug: &str,
        other_given: bool,
        taken: &BTreeMap<String, (usize, bool)>,
    ) -> Diagnostic {
        let given = if other_given {
            " (its slug is set in dateline.toml)"
        } else {
            ""
        };
        let message = format!(
            "the tags `{}` and `{}` would share one page, tags/{slug}/",
            spelling.text, other.text
        );
        let help = format!(
            "`{}` is used at {}{given}; tags that differ in more than case, spacing and separators are different tags: give this one its own slug in dateline.toml, such as `[tags.{}] slug = \"{}\"`, or write both alike if they are one tag",
            other.text,
            other.first.location(),
            toml_key(&spelling.text),
            distinct_slug(&spelling.text, taken),
        );
        self.error(spelling, message, help)
    }
}

/// A slug for `name` that no tag in `taken` has, to suggest: the symbols that make
/// names differ read as words (`C++` → `c-plus-plus`, `C#` → `c-sharp`), else a
/// number added (`c-2`).
fn distinct_slug(name: &str, taken: &BTreeMap<String, (usize, bool)>) -> String {
    let mut words = String::with_capacity(name.len() + 16);
    for c in name.chars() {
        match c {
            '+' => words.push_str(" plus "),
            '#' => words.push_str(" sharp "),
            '&' => words.push_str(" and "),
            '@' => words.push_str(" at "),
            '%' => words.push_str(" percent "),
            _ => words.push(c),
        }
    }
    let slug = crate::slug::slugify(&words);
    let slug = crate::slug::shorten(&slug, crate::slug::SHORT).to_owned();
    if !slug.is_empty() && !taken.contains_key(&slug) {
        return slug;
    }
    let base = if slug.is_empty() {
        "tag".to_owned()
    } else {
        slug
    };
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains_key(candidate))
        .unwrap_or(base)
}

/// `name` as a key of a TOML table: bare when it can be (`Kerman`), else quoted
/// (`"C++"`).
fn toml_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        return name.to_owned();
    }
    let mut quoted = String::with_capacity(name.len() + 2);
    quoted.push('"');
    for c in name.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_slugs_that_read_the_symbols() {
        let mut taken = BTreeMap::new();
        taken.insert("c".to_owned(), (0, false));
        assert_eq!(distinct_slug("C++", &taken), "c-plus-plus");
        assert_eq!(distinct_slug("C#", &taken), "c-sharp");
        assert_eq!(distinct_slug("AT&T", &taken), "at-and-t");
        assert_eq!(distinct_slug("C.", &taken), "c-2");
        taken.insert("c-2".to_owned(), (1, false));
        assert_eq!(distinct_slug("C", &taken), "c-3");
    }

    #[test]
    fn quotes_table_keys_only_when_needed() {
        assert_eq!(toml_key("Kerman"), "Kerman");
        assert_eq!(toml_key("C++"), "\"C++\"");
        assert_eq!(toml_key("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(toml_key("قدس"), "\"قدس\"");
    }
}
