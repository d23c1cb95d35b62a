//! The theme's words per language (SPEC §11): one translation table per language,
//! built in for `en`, `fa`, `ar`, `fr`, `es` and `de` (the repository's `i18n/`
//! folder, embedded in the binary) and overridden or added to by the site's own
//! `i18n/{lang}.toml`.
//!
//! A table is TOML. A key holds a string (`sources_cited = "Sources cited"`), or a
//! table: a plural entry when its keys are CLDR plural categories (`zero`, `one`,
//! `two`, `few`, `many`, `other`; `other` required), else a group of words chosen by
//! data (`[source_kind]` with `news-agency = "News agency"`). `{n}` in a plural entry
//! is the number, `{name}` elsewhere a placeholder the template fills.
//!
//! A language is looked up by its tag as written, lowercased (`pt-br`), then by its
//! primary subtag (`pt`), then falls back to English. Every table is English
//! underneath: a word it lacks reads in English, and `check` warns about it.
//!
//! Templates see the table of the page's language as `t` and the language as `lang`
//! (`tag`, `dir`); the `plural` and `fill` filters put numbers and names into words
//! ([`register`]).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use include_dir::{Dir as Folder, include_dir};
use serde::Serialize;
use tera::Value;

use super::{Dir, direction, primary};
use crate::diagnostic::Diagnostic;

static BUILTIN_TABLES: Folder<'static> = include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// The languages with a built-in table: SPEC §11.
pub const BUILT_IN: [&str; 6] = ["en", "fa", "ar", "fr", "es", "de"];

/// The CLDR plural categories, in CLDR's order (Unicode TR 35, "Language Plural
/// Rules"): the keys of a plural entry.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One language's words: the built-in table of its language (if any) and the
/// site's `i18n/{lang}.toml` over English.
#[derive(Debug)]
pub struct Table {
    /// The tag the table is for, lowercased: `fa`, `pt-br`.
    pub tag: String,
    /// Every word, nested as in the TOML: what templates see as `t`.
    pub value: Value,
    /// Keys (dotted: `source_kind.news-agency`) that fell back to English.
    pub missing: Vec<String>,
}

impl Table {
    /// The word at dotted `key` (`sources_cited`, `source_kind.news-agency`); for a
    /// plural entry, its `other` form. `key` itself when no table has it, so a
    /// missing word shows rather than vanishes.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.value.get_from_path(key) {
            Some(v) if v.is_map() => v
                .get_from_path("other")
                .and_then(Value::as_str)
                .unwrap_or(key),
            Some(v) => v.as_str().unwrap_or(key),
            None => key,
        }
    }

    /// The word at `key` with each `{name}` of `args` filled in: `fill("tagged",
    /// &[("tag", "Kerman")])` → `Tagged: Kerman`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_in(self.text(key), args)
    }

    /// The plural entry at `key` for `n`, in the table's language's digits and by
    /// its CLDR plural rules: `counted("events", 3)` → `3 events`, `۳ رویداد`.
    pub fn counted(&self, key: &str, n: usize) -> String {
        match self.value.get_from_path(key) {
            Some(forms) if forms.is_map() => plural_form(forms, &self.tag, n, &[]),
            _ => self.fill(key, &[("n", &n.to_string())]),
        }
    }
}

/// The theme's words for every language a build uses, made once per build.
#[derive(Debug)]
pub struct Words {
    /// By lowercased tag: the built-in languages and every `i18n/*.toml` of the
    /// site, each complete (English where it has no word of its own).
    tables: BTreeMap<String, Arc<Table>>,
    /// Languages asked for that have no table: English stands in, made per tag so
    /// `lang` still says the language.
    others: Mutex<HashMap<String, Arc<Table>>>,
    /// Where each table came from, for warnings: `i18n/fa.toml` or
    /// `built-in i18n/fa.toml`.
    origins: BTreeMap<String, String>,
}

impl Words {
    /// The built-in tables alone, read once per process.
    pub fn builtin() -> Arc<Words> {
        static BUILTIN: OnceLock<Arc<Words>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(Words::from_files(Vec::new()).0))
            .clone()
    }

    /// The built-in tables with the site's `root/i18n/*.toml` over them, read
    /// inside the site's boundary. Returns the words and every error (a file that
    /// is not TOML, a word that is not text, a plural entry without `other`), each
    /// with its file, line and column.
    pub fn load(root: &Path, config: &crate::config::Config) -> (Words, Vec<Diagnostic>) {
        let boundary = crate::load::boundary::Boundary::new(root, config);
        let mut errors = Vec::new();
        let mut files = Vec::new();
        for (name, path) in crate::load::site_files::site_files(
            root,
            "i18n",
            &boundary,
            crate::load::site_files::Hidden::Skip,
            &mut errors,
        ) {
            let shown = format!("i18n/{name}");
            if !name.ends_with(".toml") || name.contains('/') {
                continue;
            }
            match crate::fsx::read_regular(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_owned()))
            {
                Ok(text) => files.push((name, text)),
                Err(e) => errors.push(Diagnostic::file(
                    shown,
                    format!("cannot read translation table: {e}"),
                )),
            }
        }
        let (words, found) = Words::from_files(files);
        errors.extend(found);
        (words, errors)
    }

    /// The built-in tables with `files` (`(name, text)`: `("fa.toml", "…")`) over
    /// them: see [`Words::load`].
    pub fn from_files(files: Vec<(String, String)>) -> (Words, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mut parsed: BTreeMap<String, (String, toml::Table)> = BTreeMap::new();
        for file in BUILTIN_TABLES.files() {
            let name = crate::diagnostic::display_path(file.path());
            let Some(tag) = name.strip_suffix(".toml") else {
                continue;
            };
            let text = file.contents_utf8().unwrap_or_default();
            let shown = format!("built-in i18n/{name}");
            if let Some(table) = parse(&shown, text, &mut errors) {
                parsed.insert(tag.to_ascii_lowercase(), (shown, table));
            }
        }
        for (name, text) in &files {
            let tag = name.trim_end_matches(".toml").to_ascii_lowercase();
            let shown = format!("i18n/{name}");
            let Some(table) = parse(&shown, text, &mut errors) else {
                continue;
            };
            match parsed.get_mut(&tag) {
                Some((origin, builtin)) => {
                    merge(builtin, table);
                    *origin = shown;
                }
                None => {
                    parsed.insert(tag, (shown, table));
                }
            }
        }
        let english = parsed.get("en").map(|(_, t)| t.clone()).unwrap_or_default();
        let mut tables = BTreeMap::new();
        let mut origins = BTreeMap::new();
        for (tag, (origin, own)) in parsed {
            let mut missing = Vec::new();
            let mut full = english.clone();
            missing_keys(&english, &own, "", &mut missing);
            merge(&mut full, own);
            let value = Value::from_serializable(&full);
            tables.insert(
                tag.clone(),
                Arc::new(Table {
                    tag: tag.clone(),
                    value,
                    missing,
                }),
            );
            origins.insert(tag, origin);
        }
        let words = Words {
            tables,
            others: Mutex::default(),
            origins,
        };
        (words, errors)
    }

    /// The table of language `tag`: its own, else its primary subtag's, else
    /// English under the tag's name.
    pub fn table(&self, tag: &str) -> Arc<Table> {
        let lower = tag.to_ascii_lowercase();
        if let Some(table) = self.tables.get(&lower) {
            return table.clone();
        }
        if let Some(table) = self.tables.get(&primary(&lower)) {
            return table.clone();
        }
        let mut others = self.others.lock().unwrap_or_else(|e| e.into_inner());
        others
            .entry(lower.clone())
            .or_insert_with(|| {
                Arc::new(Table {
                    tag: lower,
                    value: self.english().value.clone(),
                    missing: Vec::new(),
                })
            })
            .clone()
    }

    /// The English table: every word the theme has.
    pub fn english(&self) -> Arc<Table> {
        self.tables.get("en").cloned().unwrap_or_else(|| {
            Arc::new(Table {
                tag: "en".to_owned(),
                value: Value::from_serializable(&BTreeMap::<String, String>::new()),
                missing: Vec::new(),
            })
        })
    }

    /// Warnings for the languages `used` (the site's and its pages'): one per
    /// language without a table of its own, and one per table that falls back to
    /// English for some words, naming them. SPEC §11: a missing word reads in
    /// English with a `check` warning.
    pub fn warnings<'a>(&self, used: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for tag in used {
            let lower = tag.to_ascii_lowercase();
            let found = self
                .tables
                .get_key_value(&lower)
                .or_else(|| self.tables.get_key_value(&primary(&lower)));
            match found {
                None => {
                    if seen.insert(lower.clone()) {
                        out.push(
                            Diagnostic::file(
                                format!("i18n/{lower}.toml"),
                                format!(
                                    "no translation table for language `{tag}`: the theme's words show in English"
                                ),
                            )
                            .with_help(Some(format!(
                                "add i18n/{lower}.toml with the words of the built-in i18n/en.toml translated (see docs/LANGUAGES.md)"
                            )))
                            .warning(),
                        );
                    }
                }
                Some((key, table)) => {
                    if !table.missing.is_empty() && seen.insert(key.clone()) {
                        let origin = &self.origins[key];
                        let shown: Vec<&str> =
                            table.missing.iter().take(8).map(String::as_str).collect();
                        let more = table.missing.len() - shown.len();
                        let list = if more > 0 {
                            format!("{} and {more} more", shown.join(", "))
                        } else {
                            shown.join(", ")
                        };
                        out.push(
                            Diagnostic::file(
                                origin.trim_start_matches("built-in "),
                                format!(
                                    "{} of the theme's words are missing in `{key}` and show in English: {list}",
                                    table.missing.len()
                                ),
                            )
                            .with_help(Some(format!(
                                "add them to i18n/{key}.toml (the English words are in the built-in i18n/en.toml)"
                            )))
                            .warning(),
                        );
                    }
                }
            }
        }
        out
    }

    /// A fingerprint of every table, for incremental builds.
    pub fn fingerprint(&self) -> u64 {
        let texts: Vec<(&String, String)> = self
            .tables
            .iter()
            .map(|(tag, t)| (tag, t.value.to_string()))
            .collect();
        crate::fingerprint::of(&texts)
    }
}

/// `lang`, as templates see it: the page's language and its direction.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Lang {
    /// The BCP 47 tag as written: `fa`, `pt-BR`.
    pub tag: String,
    /// `ltr` or `rtl`, from [`direction`].
    pub dir: Dir,
}

impl Lang {
    /// The language `tag` and its direction.
    pub fn new(tag: &str) -> Lang {
        Lang {
            tag: tag.to_owned(),
            dir: direction(tag),
        }
    }
}

/// What a template context holds of one language: `t` and `lang` as Tera values,
/// made once per language and shared by every page in it.
#[derive(Clone, Debug)]
pub struct PageLanguage {
    /// The language's table ([`Table::value`]): `t`.
    pub t: Value,
    /// [`Lang`]: `lang`.
    pub lang: Value,
}

impl PageLanguage {
    /// The words and language of `tag`.
    pub fn new(words: &Words, tag: &str) -> PageLanguage {
        PageLanguage {
            t: words.table(tag).value.clone(),
            lang: Value::from_serializable(&Lang::new(tag)),
        }
    }

    /// Puts `t` and `lang` into `context`.
    pub fn insert(&self, context: &mut tera::Context) {
        context.insert_value("t", self.t.clone());
        context.insert_value("lang", self.lang.clone());
    }
}

/// Parses one table, reporting what is wrong with it into `errors`.
fn parse(shown: &str, text: &str, errors: &mut Vec<Diagnostic>) -> Option<toml::Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(e) => {
            let (message, offset) = crate::load::frontmatter::toml_error(text, &e, shown);
            errors.push(Diagnostic::at_offset(shown, text, offset, message));
            return None;
        }
    };
    let before = errors.len();
    check(shown, text, &table, "", errors);
    (errors.len() == before).then_some(table)
}

/// Checks that every word of `table` is text and every plural entry has `other`.
fn check(shown: &str, text: &str, table: &toml::Table, prefix: &str, errors: &mut Vec<Diagnostic>) {
    for (key, value) in table {
        let path = format!("{prefix}{key}");
        // Found only for an error: looking up every key would read the file once
        // per key.
        let at = || locate(text, key);
        match value {
            toml::Value::String(_) => {}
            toml::Value::Table(inner) if is_plural(inner) => {
                if !inner.contains_key("other") {
                    errors.push(
                        Diagnostic::at_offset(
                            shown,
                            text,
                            at(),
                            format!("the plural entry `{path}` has no `other` form"),
                        )
                        .with_help(Some(
                            "add `other = \"…\"`: CLDR's rules fall back to it for every number"
                                .to_owned(),
                        )),
                    );
                }
            }
            toml::Value::Table(inner) => check(shown, text, inner, &format!("{path}."), errors),
            other => errors.push(
                Diagnostic::at_offset(
                    shown,
                    text,
                    at(),
                    format!(
                        "`{path}` is not text but {}: a translation is text",
                        other.type_str()
                    ),
                )
                .with_help(Some(format!("write it in quotes: {key} = \"…\""))),
            ),
        }
    }
}

/// Where `key` is first written in `text`, as a byte offset (0 when it cannot be
/// found): for pointing at a bad entry.
fn locate(text: &str, key: &str) -> usize {
    let mut offset = 0;
    let header = format!("[{key}]");
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if bare.starts_with(key) || trimmed.starts_with(&header) {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

/// Whether `table` is a plural entry: every key a CLDR plural category.
fn is_plural(table: &toml::Table) -> bool {
    !table.is_empty() && table.keys().all(|k| CATEGORIES.contains(&k.as_str()))
}

/// `over` merged into `base`: its words replace `base`'s, groups merged key by key,
/// plural entries replaced whole (a language's categories are its own).
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) if !is_plural(&o) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The dotted keys of `english` that `own` lacks, into `missing`.
fn missing_keys(english: &toml::Table, own: &toml::Table, prefix: &str, missing: &mut Vec<String>) {
    for (key, value) in english {
        let path = format!("{prefix}{key}");
        match (value, own.get(key)) {
            (_, None) => missing.push(path),
            (toml::Value::Table(e), Some(toml::Value::Table(o))) if !is_plural(e) => {
                missing_keys(e, o, &format!("{path}."), missing);
            }
            _ => {}
        }
    }
}

/// `text` with every `{name}` of `args` replaced by its value; other braces kept.
pub fn fill_in(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The form of plural entry `forms` for `n` in language `tag`, `{n}` and `args`
/// filled in with numbers in the language's digits.
fn plural_form(forms: &Value, tag: &str, n: usize, args: &[(&str, String)]) -> String {
    let category = plural_category(tag, n);
    let form = forms
        .get_from_path(category)
        .or_else(|| forms.get_from_path("other"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let digits = digits_of(tag);
    let n = digits.apply(&n.to_string());
    let mut all: Vec<(&str, &str)> = vec![("n", n.as_str())];
    all.extend(args.iter().map(|(k, v)| (*k, v.as_str())));
    fill_in(form, &all)
}

/// The CLDR cardinal plural category of `n` in language `tag`: `one`, `other`, …
/// (Unicode TR 35 plural rules, through ICU4X's compiled data). Rules are made
/// once per tag.
pub fn plural_category(tag: &str, n: usize) -> &'static str {
    use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};
    use std::cell::RefCell;
    use std::rc::Rc;
    // Per thread, so that pages rendered side by side do not wait on one lock:
    // every count of every page asks.
    thread_local! {
        static RULES: RefCell<HashMap<String, Rc<PluralRules>>> = RefCell::default();
    }
    // English, the default, by its CLDR rule for whole numbers ("one: i = 1 and
    // v = 0"), which `english_plurals_are_cldrs` checks against ICU4X's: every
    // count of every English page asks.
    if tag == "en" {
        return if n == 1 { "one" } else { "other" };
    }
    let rules = RULES.with_borrow_mut(|cache| {
        if let Some(rules) = cache.get(tag) {
            return rules.clone();
        }
        let locale = super::dates::locale(tag);
        let prefs = PluralRulesPreferences::from(&locale);
        let rules = Rc::new(
            PluralRules::try_new_cardinal(prefs)
                .or_else(|_| PluralRules::try_new_cardinal(Default::default()))
                .expect("compiled data has the root plural rules"),
        );
        cache.insert(tag.to_owned(), rules.clone());
        rules
    });
    match rules.category_for(n) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The digits language `tag` writes numbers with, from its CLDR decimal formatter;
/// found once per tag.
pub fn digits_of(tag: &str) -> super::dates::Digits {
    use std::cell::RefCell;
    // Made once per language for the process (the formatter is kept for it) and
    // copied into each thread's own cache: every number on a page asks, and the
    // threads rendering pages side by side would otherwise wait on one lock.
    static MADE: OnceLock<Mutex<HashMap<String, super::dates::Digits>>> = OnceLock::new();
    thread_local! {
        static DIGITS: RefCell<HashMap<String, super::dates::Digits>> = RefCell::default();
    }
    let english = tag.split(['-', '_']).next().unwrap_or(tag);
    if english.eq_ignore_ascii_case("en") {
        return super::dates::Digits::default();
    }
    DIGITS.with_borrow_mut(|cache| {
        if let Some(digits) = cache.get(tag) {
            return *digits;
        }
        let mut made = MADE
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let digits = *made.entry(tag.to_owned()).or_insert_with(|| {
            let locale = super::dates::locale(tag);
            let prefs = icu_decimal::DecimalFormatterPreferences::from(&locale);
            super::dates::Digits {
                digits: super::dates::digits(&locale),
                numbers: icu_decimal::DecimalFormatter::try_new(prefs, Default::default())
                    .ok()
                    .map(|f| &*Box::leak(Box::new(f))),
            }
        });
        cache.insert(tag.to_owned(), digits);
        digits
    })
}

/// Registers the `plural` and `fill` filters on `tera`.
///
/// - `{{ t.events | plural(n=count) }}`: the form of plural entry `t.events` for
///   `count` by the page language's CLDR rules, `{n}` written in its digits; any
///   other argument fills `{name}` (numbers in the language's digits too). Given a
///   number instead (`{{ count | plural(one="event", other="events") }}`), the
///   English form of earlier themes: `1 event`, `5 events`.
/// - `{{ t.tagged | fill(tag=name) }}`: each `{name}` filled in.
///
/// The page's language is the `lang.tag` of the context (English without one).
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("plural", plural);
    tera.register_filter("fill", fill);
}

/// The `lang.tag` of the page being rendered; `en` when it has none.
fn page_tag(state: &tera::State) -> String {
    state
        .get::<Value>("lang")
        .ok()
        .flatten()
        .and_then(|lang| {
            let tag = lang.as_map()?.get(&tera::value::Key::Str("tag"))?;
            tag.as_str().map(str::to_owned)
        })
        .unwrap_or_else(|| "en".to_owned())
}

/// A template argument as text: strings as they are, numbers in `tag`'s digits.
fn argument(value: &Value, tag: &str) -> String {
    match value.as_str() {
        Some(text) => text.to_owned(),
        None if value.is_number() => digits_of(tag).apply(&value.to_string()),
        None => value.to_string(),
    }
}

fn plural(input: Value, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let count = |v: &Value| {
        v.as_i128()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "the `plural` filter counts whole numbers from 0, not `{v}`"
                ))
            })
    };
    if input.is_map() {
        let n = kwargs.must_get::<Value>("n")?;
        let n = count(&n)?;
        let tag = page_tag(state);
        let args: Vec<(&str, String)> = kwargs
            .iter()
            .filter_map(|(k, v)| {
                let k = k.as_str()?;
                (k != "n").then(|| (k, argument(v, &tag)))
            })
            .collect();
        return Ok(plural_form(&input, &tag, n, &args));
    }
    if input.is_undefined() || input.is_none() {
        return Err(tera::Error::message(
            "the `plural` filter was given a word the translation table does not have: check the key after `t.`",
        ));
    }
    let one = kwargs.must_get::<&str>("one")?;
    let other = kwargs.must_get::<&str>("other")?;
    Ok(crate::messages::counted(count(&input)?, one, other))
}

fn fill(input: Value, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let Some(text) = input.as_str() else {
        return Err(tera::Error::message(format!(
            "the `fill` filter fills in a word of the translation table, not `{input}`"
        )));
    };
    let tag = page_tag(state);
    let args: Vec<(&str, String)> = kwargs
        .iter()
        .filter_map(|(k, v)| Some((k.as_str()?, argument(v, &tag))))
        .collect();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(fill_in(text, &args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_braces_kept() {
        assert_eq!(
            fill_in("Tagged: {tag}", &[("tag", "Kerman")]),
            "Tagged: Kerman"
        );
        assert_eq!(fill_in("{a} of {b}", &[("a", "2"), ("b", "5")]), "2 of 5");
        assert_eq!(fill_in("{x} and {", &[]), "{x} and {");
    }

    #[test]
    fn english_plurals_are_cldrs() {
        // `en-GB` goes through ICU4X's rules, `en` through the shortcut.
        for n in 0..2000 {
            assert_eq!(plural_category("en", n), plural_category("en-GB", n), "{n}");
        }
    }

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("fa", 1), "one");
        assert_eq!(plural_category("fa", 0), "one");
        assert_eq!(plural_category("fa", 2), "other");
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("fr", 1), "one");
        assert_eq!(plural_category("fr", 2), "other");
        assert_eq!(plural_category("fr", 1_000_000), "many");
        assert_eq!(plural_category("de", 0), "other");
        assert_eq!(plural_category("ar", 0), "zero");
        assert_eq!(plural_category("ar", 1), "one");
        assert_eq!(plural_category("ar", 2), "two");
        assert_eq!(plural_category("ar", 3), "few");
        assert_eq!(plural_category("ar", 10), "few");
        assert_eq!(plural_category("ar", 11), "many");
        assert_eq!(plural_category("ar", 99), "many");
        assert_eq!(plural_category("ar", 100), "other");
    }

    #[test]
    fn numbers_are_written_in_the_language_digits() {
        let words = Words::from_files(vec![(
            "fa.toml".to_owned(),
            "[things]\none = \"{n} چیز\"\nother = \"{n} چیز\"\n".to_owned(),
        )])
        .0;
        assert_eq!(words.table("fa").counted("things", 12), "۱۲ چیز");
        let words = Words::from_files(vec![(
            "ar.toml".to_owned(),
            "[things]\nzero = \"لا شيء\"\none = \"شيء واحد\"\ntwo = \"شيئان\"\nfew = \"{n} أشياء\"\nmany = \"{n} شيئًا\"\nother = \"{n} شيء\"\n".to_owned(),
        )])
        .0;
        let ar = words.table("ar");
        assert_eq!(ar.counted("things", 0), "لا شيء");
        assert_eq!(ar.counted("things", 2), "شيئان");
        assert_eq!(ar.counted("things", 3), "٣ أشياء");
        assert_eq!(ar.counted("things", 11), "١١ شيئًا");
        assert_eq!(ar.counted("things", 100), "١٠٠ شيء");
    }

    #[test]
    fn a_site_table_overrides_and_adds_and_the_rest_is_english() {
        let (words, errors) = Words::from_files(vec![
            (
                "en.toml".to_owned(),
                "sources_cited = \"Cited\"\nadded_word = \"Added\"\n".to_owned(),
            ),
            (
                "it.toml".to_owned(),
                "sources_cited = \"Fonti citate\"\n".to_owned(),
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(words.table("en").text("sources_cited"), "Cited");
        assert_eq!(words.table("en").text("added_word"), "Added");
        let it = words.table("it-IT");
        assert_eq!(it.tag, "it");
        assert_eq!(it.text("sources_cited"), "Fonti citate");
        // What Italian lacks reads in (the site's) English, and is named.
        assert_eq!(it.text("added_word"), "Added");
        assert!(
            it.missing.contains(&"added_word".to_owned()),
            "{:?}",
            it.missing
        );
        // A language with no table at all reads in English under its own tag.
        assert_eq!(words.table("xx").text("added_word"), "Added");
        assert_eq!(words.table("xx").tag, "xx");
        let warnings = words.warnings(["it-IT", "en", "xx"]);
        let texts: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("i18n/it.toml") && t.contains("missing in `it`")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("no translation table for language `xx`")),
            "{texts:?}"
        );
        assert_eq!(warnings.len(), 2, "{texts:?}");
    }

    #[test]
    fn bad_tables_are_errors_with_their_place() {
        let (_, errors) = Words::from_files(vec![
            (
                "fa.toml".to_owned(),
                "title = 3\n[events]\none = \"{n}\"\n".to_owned(),
            ),
            ("de.toml".to_owned(), "title = \"unclosed\n".to_owned()),
        ]);
        let texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 3, "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.contains("i18n/fa.toml:1")
                    && t.contains("`title` is not text but integer")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("i18n/fa.toml:2") && t.contains("`events` has no `other`")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("i18n/de.toml:1")),
            "{texts:?}"
        );
    }

    #[test]
    fn every_builtin_table_parses() {
        let (words, errors) = Words::from_files(Vec::new());
        assert!(errors.is_empty(), "{errors:?}");
        for tag in BUILT_IN {
            assert_eq!(words.table(tag).tag, tag);
            assert!(
                words.table(tag).missing.is_empty(),
                "{tag}: {:?}",
                words.table(tag).missing
            );
        }
    }
}
