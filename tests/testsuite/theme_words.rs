//! The built-in theme's words (SPEC §11): every word a template prints comes from
//! the translation tables in `i18n/`, each of the six built-in languages has every
//! entry the templates use, and no English is left written in a template.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The built-in languages, each with a table `i18n/{lang}.toml`.
const LANGUAGES: &[&str] = &["en", "fa", "ar", "fr", "es", "de"];

/// CLDR's plural categories: a table with only these keys is a plural entry.
const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The folder of the built-in theme.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.html` file under `templates/`, as (path relative to it, text).
fn templates() -> Vec<(String, String)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                let name = path.strip_prefix(base).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let base = root().join("templates");
    let mut out = Vec::new();
    walk(&base, &base, &mut out);
    assert!(out.len() > 20, "templates found: {}", out.len());
    out
}

/// The table of `lang`, parsed.
fn table(lang: &str) -> toml::Table {
    let path = root().join("i18n").join(format!("{lang}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `value` is a plural entry: a table whose keys are all CLDR categories.
fn is_plural(value: &toml::Value) -> bool {
    value
        .as_table()
        .is_some_and(|t| !t.is_empty() && t.keys().all(|k| CATEGORIES.contains(&k.as_str())))
}

/// One reference to the table in a template: `t.name`, `t.group.key` (path of
/// two), or `t.group[expression]` (a group chosen by data: `dynamic`).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Reference {
    path: Vec<String>,
    dynamic: bool,
}

/// The references to `t` in `text`: `t.` not preceded by a name's character or a dot.
fn references(text: &str) -> BTreeSet<Reference> {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let name_at = |mut i: usize| {
        let start = i;
        while i < bytes.len() && (ident(bytes[i]) || bytes[i] == b'-') {
            i += 1;
        }
        (text[start..i].to_string(), i)
    };
    let mut out = BTreeSet::new();
    let mut i = 0;
    while let Some(found) = text[i..].find("t.") {
        let at = i + found;
        i = at + 2;
        if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.') {
            continue;
        }
        let (name, end) = name_at(at + 2);
        if name.is_empty() {
            continue;
        }
        let mut path = vec![name];
        let mut dynamic = false;
        if bytes.get(end) == Some(&b'.') {
            let (key, _) = name_at(end + 1);
            path.push(key);
        } else if bytes.get(end) == Some(&b'[') {
            dynamic = true;
        }
        out.insert(Reference { path, dynamic });
    }
    out
}

/// Every reference to the table in the built-in templates names an entry of all six
/// tables; a group chosen by data is a table; a plural entry has `other`.
#[test]
fn every_word_the_templates_use_is_in_every_table() {
    let mut all = BTreeSet::new();
    for (name, text) in templates() {
        for reference in references(&text) {
            all.insert((reference, name.clone()));
        }
    }
    assert!(all.len() > 100, "references found: {}", all.len());
    let mut missing = Vec::new();
    for lang in LANGUAGES {
        let table = table(lang);
        for (reference, template) in &all {
            let mut value = table.get(&reference.path[0]);
            if reference.path.len() == 2 {
                value = value
                    .and_then(toml::Value::as_table)
                    .and_then(|group| group.get(&reference.path[1]));
            }
            // A plural entry's own form (`t.results.one`, for a script) may be absent.
            let optional_form = reference.path.len() == 2
                && CATEGORIES.contains(&reference.path[1].as_str())
                && table.get(&reference.path[0]).is_some_and(is_plural);
            let ok = match value {
                None => optional_form,
                Some(v) if reference.dynamic => v.is_table() && !is_plural(v),
                Some(v) if is_plural(v) => v.get("other").is_some(),
                Some(v) => v.is_str() || v.is_table(),
            };
            if !ok {
                missing.push(format!(
                    "{lang}: t.{} ({template})",
                    reference.path.join(".")
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing or malformed:\n{}",
        missing.join("\n")
    );
}

/// The six tables hold the same entries as English, no more; every plural entry has
/// `other` and only CLDR categories; the groups chosen by content hold every value
/// content may have (SPEC §2.2, §2.3, §9.5, §9.6).
#[test]
fn the_six_tables_match_the_english_one() {
    let english = table("en");
    let groups: &[(&str, &[&str])] = &[
        (
            "source_kind",
            &[
                "news-agency",
                "broadcaster",
                "newspaper",
                "official",
                "ngo",
                "social-media",
                "other",
            ],
        ),
        (
            "explainer_kind",
            &["person", "place", "organization", "topic", "other"],
        ),
        (
            "status",
            &[
                "reported",
                "confirmed",
                "disputed",
                "revised",
                "denied",
                "retracted",
            ],
        ),
        ("question_status", &["settled", "open"]),
    ];
    for lang in LANGUAGES {
        let table = table(lang);
        let keys: BTreeSet<&String> = table.keys().collect();
        let english_keys: BTreeSet<&String> = english.keys().collect();
        assert_eq!(keys, english_keys, "{lang}: entries differ from en.toml");
        for (key, value) in &table {
            match value {
                toml::Value::String(s) => assert!(
                    !s.is_empty() || key.ends_with("_hidden"),
                    "{lang}: {key} is empty"
                ),
                toml::Value::Table(t) if is_plural(value) => {
                    assert!(t.contains_key("other"), "{lang}: {key} has no `other`");
                    for (category, text) in t {
                        assert!(text.is_str(), "{lang}: {key}.{category} is not text");
                    }
                }
                toml::Value::Table(t) => {
                    let english_group = english[key].as_table().unwrap();
                    let a: BTreeSet<&String> = t.keys().collect();
                    let b: BTreeSet<&String> = english_group.keys().collect();
                    assert_eq!(a, b, "{lang}: group {key} differs from en.toml");
                    for (name, entry) in t {
                        let text_or_plural = entry.is_str()
                            || is_plural(entry)
                                && entry.as_table().unwrap().contains_key("other")
                                && entry.as_table().unwrap().values().all(toml::Value::is_str);
                        assert!(
                            text_or_plural,
                            "{lang}: {key}.{name} is neither text nor plural forms with `other`"
                        );
                    }
                }
                other => panic!("{lang}: {key} is neither text nor a table: {other:?}"),
            }
        }
        for (group, values) in groups {
            let t = table[*group].as_table().unwrap();
            let found: Vec<&str> = t.keys().map(String::as_str).collect();
            let mut expected = values.to_vec();
            expected.sort_unstable();
            assert_eq!(found, expected, "{lang}: group {group}");
        }
    }
    // `{n}` in every number, Persian's one/other, Arabic's six categories.
    assert_eq!(english["number"]["other"].as_str(), Some("{n}"));
    let categories = |lang: &str, key: &str| -> Vec<String> {
        table(lang)[key]
            .as_table()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(categories("fa", "events_count"), ["one", "other"]);
    assert_eq!(
        categories("ar", "events_count"),
        ["few", "many", "one", "other", "two", "zero"]
    );
}

/// Attributes whose values a reader reads or hears: they must come from the tables.
const WORD_ATTRIBUTES: &[&str] = &["title", "alt", "aria-label", "placeholder", "label"];

/// `text` with Tera's `{% … %}`, `{{ … }}` and `{# … #}` removed.
fn without_tera(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let next = ["{%", "{{", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = match open {
            "{%" => "%}",
            "{{" => "}}",
            _ => "#}",
        };
        let end = rest[at..].find(close).expect("closed Tera block") + at + 2;
        rest = &rest[end..];
    }
}

/// What a reader of the page would see or hear of `html` (Tera removed): the text
/// between tags, with entities and `<code>` (file paths) left out, and the values of
/// [`WORD_ATTRIBUTES`] and `data-*` attributes other than `data-base`.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut in_code = false;
    while let Some(open) = rest.find('<') {
        if !in_code {
            out.push_str(&rest[..open]);
        }
        out.push(' ');
        let close = rest[open..].find('>').expect("closed tag") + open;
        let tag = &rest[open + 1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        if name == "code" {
            in_code = !tag.starts_with('/');
        }
        // Attributes: name, then `="value"` or `='value'` or nothing.
        let mut attrs = tag[tag.find(&name).unwrap_or(0) + name.len()..].trim_start();
        while !attrs.is_empty() && !attrs.starts_with('/') {
            let end = attrs
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(attrs.len());
            let attr = &attrs[..end];
            attrs = &attrs[end..];
            let mut value = "";
            if let Some(after) = attrs.strip_prefix('=') {
                let quote = after.chars().next().unwrap();
                let body = &after[1..];
                let stop = body.find(quote).expect("closed attribute value");
                value = &body[..stop];
                attrs = &body[stop + 1..];
            }
            let words = WORD_ATTRIBUTES.contains(&attr)
                || (attr.starts_with("data-") && attr != "data-base");
            if words {
                out.push(' ');
                out.push_str(value);
            }
            attrs = attrs.trim_start();
        }
        out.push(' ');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    // Entities: `&nbsp;`, `&amp;`.
    let mut text = String::new();
    let mut chars = out.split('&');
    text.push_str(chars.next().unwrap_or(""));
    for piece in chars {
        match piece.find(';') {
            Some(end)
                if piece[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#') =>
            {
                text.push_str(&piece[end + 1..]);
            }
            _ => {
                text.push('&');
                text.push_str(piece);
            }
        }
    }
    text
}

/// No template writes a word of its own: what a reader sees, once Tera's blocks and
/// expressions, tags, `<code>` paths and entities are left out, holds no run of two
/// ASCII letters.
#[test]
fn no_template_writes_english_of_its_own() {
    let mut found = Vec::new();
    for (name, text) in templates() {
        let readable = readable(&without_tera(&text));
        for word in readable.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 2 {
                found.push(format!("{name}: {word}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "words outside the tables:\n{}",
        found.join("\n")
    );
}

/// The scan itself: Tera's blocks, expressions and comments, tags, entities and
/// `<code>` are dropped; words in text (also between `{% if %}` and `{% endif %}`),
/// in `title` and in `data-*` are seen.
#[test]
fn the_scan_finds_words_in_text_and_attributes() {
    let html = r#"<p class="meta" title="Hello">{% if x == "y" %}Shown{% endif %}{{ t.a }}{# note #} Word&nbsp;<code>content/events/</code> · <span data-key="Key event" data-base="/base/">x</span></p>"#;
    assert_eq!(
        readable(&without_tera(html))
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Hello", "Shown", "Word", "·", "Key", "event", "x"]
    );
    let refs = references(
        "{{ t.claims | plural(n=x) }}{{ t.status[s.status] }}{{ at.x }}{{ t.status.open }}",
    );
    let paths: Vec<String> = refs.iter().map(|r| r.path.join(".")).collect();
    assert_eq!(paths, ["claims", "status", "status.open"]);
}
