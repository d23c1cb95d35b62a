//! The search page's index (SPEC §10): a term index split into shards and the
//! events' search documents split into chunks, so that a query fetches the few
//! files it needs instead of an index of the whole archive.
//!
//! The page's script (`static/search.js`) reads a query's words, fetches the shard
//! of each (`search/terms/{k}.json`: every key of the shard with the events that
//! hold it), keeps the events holding every word and every chosen filter, fetches
//! the chunks of the newest of them (`search/docs/{c}.json`), and ranks those with
//! MiniSearch, the maintained search library the theme ships (`static/minisearch.js`,
//! MIT). `search/index.json` says how many shards and chunks there are and lists
//! the values of each filter.
//!
//! Words are normalised the same way here and in the script: NFKC, lower case, the
//! Arabic and Persian forms of the same letter folded together and Persian and
//! Arabic-Indic digits read as ASCII ([`crate::fold`]: kaf, yeh, alef, heh and teh
//! marbuta, hamza seats), Arabic diacritics, tatweel and zero-width (non-)joiners
//! dropped, and Latin diacritics dropped, so that `كرمان` finds `کرمان`, `میرود`
//! finds `می‌رود` and `۱۴۰۲` finds `1402`. Pagefind was measured for this and left out: see
//! docs/PERFORMANCE.md, "Search".

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Output;
use crate::site::{Event, Site};

/// The folder of the index in the output: `search/`.
pub const FOLDER: &str = "search/";

/// Search documents per chunk file: small, so that a query whose matches are
/// spread across the archive fetches little with each chunk.
pub const CHUNK: usize = 32;

/// How many shards the term index of a site of `events` events has: a power of two
/// from 16 to 4,096, about one per 40 events, so a shard stays small as the
/// archive grows.
pub fn shard_count(events: usize) -> usize {
    (events / 40).next_power_of_two().clamp(16, 4096)
}

/// The shard holding `key` among `shards`: `h = (h × 31 + c) mod shards` folded
/// over code points `c` from `h` = 0 — over the first three of a word, so that every
/// word a query of three characters or more begins is in that query's shard, and
/// over the whole of a filter key (one with `:`, which is only ever looked up
/// whole), so the years, tags and sources spread over the shards instead of
/// sharing one. The page's script computes the same.
pub fn shard(key: &str, shards: usize) -> usize {
    let take = if key.contains(':') { usize::MAX } else { 3 };
    let shards = shards as u64;
    (key.chars().take(take)).fold(0, |h, c| (h * 31 + u64::from(c)) % shards) as usize
}

/// `text` normalised for matching, as the page's script does it (see the module
/// docs): `Kermān` → `kerman`, `كرمان` → `کرمان`, `می‌رود` → `میرود`.
pub fn normalise(text: &str) -> String {
    // ASCII is its own NFKC and has no diacritics: most text takes this way.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let folded: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter_map(fold_arabic)
        .collect();
    folded
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .nfc()
        .collect()
}

/// One character of lower-cased NFKC text as matching reads it: `None` for what
/// it ignores, the Persian letter for an Arabic form, the ASCII digit for a Persian
/// or Arabic-Indic one ([`crate::fold::letter`]), and Greek final sigma as sigma.
fn fold_arabic(c: char) -> Option<char> {
    match c {
        // Greek final sigma: lower-casing a word whole gives ς at its end, one
        // letter at a time σ.
        'ς' => Some('σ'),
        other => crate::fold::letter(other),
    }
}

/// The words of `text` for the index: normalised, split at every character that
/// is not a letter or a number, each of two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A search document: what a result shows, and `text`, what MiniSearch scores.
#[derive(Serialize)]
struct Doc<'a> {
    url: String,
    title: &'a str,
    date: String,
    datetime: String,
    /// A span's end, for its own `<time datetime>`: `[start, between, end]` as
    /// `date` shows them (`["4", "–", "7 January 2020"]`), then the end's machine
    /// date. Absent for a single date.
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<[String; 4]>,
    /// Whether it is a key event (`key: true`); left out when not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    key: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    summary: &'a str,
    /// Markers: `[short, url, name]`.
    sources: Vec<[String; 3]>,
    /// What else a ranking scores besides `title` and `summary`: the place, tags,
    /// sources' names and explainers' titles, as plain text.
    text: String,
    /// The `lang` of the title and summary; left out on a site all in one
    /// language ([`Site::entry_language`](crate::site::Site::entry_language)).
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

/// `search/index.json`.
#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    count: usize,
    shards: usize,
    chunk: usize,
    filters: Filters<'a>,
}

/// The values of each filter with their events, as `index.json` lists them.
#[derive(Serialize)]
struct Filters<'a> {
    /// `[year, events]`, ascending.
    year: Vec<(i32, usize)>,
    /// `[slug, name, events]`, by name.
    tag: Vec<(&'a str, &'a str, usize)>,
    /// `[id, name, short, events]`, by name.
    source: Vec<(&'a str, &'a str, &'a str, usize)>,
    /// `[id, title, events]`, by title.
    explainer: Vec<(&'a str, &'a str, usize)>,
    /// `[place, events]`, by place.
    place: Vec<(&'a str, usize)>,
}

/// What event `event` is found by: its words and its filter keys.
fn keys(site: &Site, event: &Event) -> Vec<String> {
    let mut text = format!("{} {}", event.title, event.summary);
    let mut push = |more: &str| {
        text.push(' ');
        text.push_str(more);
    };
    if let Some(place) = &event.place {
        push(place);
    }
    for &t in &event.tags {
        push(&site.tags[t].name);
    }
    for c in &event.citations {
        let source = &site.sources[c.source];
        push(&source.name);
        push(&source.short);
    }
    for &x in &event.explainers {
        let explainer = &site.explainers[x];
        push(&explainer.title);
        if let Some(subject) = &explainer.subject {
            push(subject);
        }
    }
    let mut keys: Vec<String> = words(&text).collect();
    let first = event.date.date();
    let last = event
        .end
        .as_ref()
        .map_or(first, |end| end.last_date().max(first));
    use chrono::Datelike;
    keys.extend((first.year()..=last.year()).map(|y| format!("year:{y}")));
    keys.extend(
        event
            .tags
            .iter()
            .map(|&t| format!("tag:{}", site.tags[t].slug)),
    );
    keys.extend((event.citations.iter()).map(|c| format!("source:{}", site.sources[c.source].id)));
    keys.extend((event.explainers.iter()).map(|&x| format!("explainer:{}", site.explainers[x].id)));
    if let Some(place) = &event.place {
        keys.push(format!("place:{}", normalise(place)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The search document of `event`.
fn doc<'a>(site: &'a Site, event: &'a Event) -> Doc<'a> {
    let config = &site.config;
    let names = (event.tags.iter().map(|&t| site.tags[t].name.as_str()))
        .chain(
            event
                .citations
                .iter()
                .map(|c| site.sources[c.source].name.as_str()),
        )
        .chain(
            event
                .explainers
                .iter()
                .map(|&x| site.explainers[x].title.as_str()),
        );
    let text: Vec<&str> = event.place.as_deref().into_iter().chain(names).collect();
    let text = text.join(" ");
    Doc {
        // Machine-read JSON: URIs, percent-encoded (SPEC §11).
        url: crate::urls::uri(&config.link(&event.path)).into_owned(),
        title: &event.title,
        date: super::views::event_date_text(site.dates(), event),
        datetime: event.date.machine(),
        span: event.end.as_ref().and_then(|end| {
            let shown = site
                .dates()
                .shown(&event.date, Some(end), crate::date::Known::Nothing);
            Some([shown.start, shown.to.to_owned(), shown.end?, end.machine()])
        }),
        key: event.key,
        place: event.place.as_deref(),
        summary: &event.summary,
        sources: (event.citations.iter())
            .map(|c| {
                let source = &site.sources[c.source];
                [
                    source.short.clone(),
                    crate::urls::uri(&config.link(&crate::urls::source(&source.id))).into_owned(),
                    source.name.clone(),
                ]
            })
            .collect(),
        text,
        lang: site.entry_language(event.language.as_deref()),
    }
}

/// The paths of the index files of a site of `events` events, known before they
/// are made: `index.json`, every shard, every chunk.
pub fn paths(events: usize) -> Vec<String> {
    let mut paths = vec![format!("{FOLDER}index.json")];
    paths.extend((0..shard_count(events)).map(|k| format!("{FOLDER}terms/{k}.json")));
    paths.extend((0..events.div_ceil(CHUNK)).map(|c| format!("{FOLDER}docs/{c}.json")));
    paths
}

/// Makes every file of the index of `site` (the files [`paths`] names), handing
/// each to `put` as soon as it is made, from several threads at once.
///
/// # Errors
/// The first error `put` returns.
pub fn each_file(
    site: &Site,
    put: &(dyn Fn(Output) -> anyhow::Result<()> + Sync),
) -> anyhow::Result<()> {
    let events = &site.events;
    let shards = shard_count(events.len());
    // Each key once, with its events ascending: chunks of events indexed in
    // parallel (the normalising is most of the work), their maps merged in order.
    type Postings = std::collections::HashMap<String, Vec<u32>>;
    let maps: Vec<Postings> = (events.par_chunks(1024).enumerate())
        .map(|(c, chunk)| {
            let mut map = Postings::new();
            for (k, event) in chunk.iter().enumerate() {
                let n = (c * 1024 + k) as u32;
                for key in keys(site, event) {
                    map.entry(key).or_default().push(n);
                }
            }
            map
        })
        .collect();
    let mut postings = Postings::new();
    for map in maps {
        for (key, events) in map {
            postings.entry(key).or_default().extend(events);
        }
    }
    // The keys of each shard, in order.
    let mut terms: Vec<Vec<(&str, &[u32])>> = vec![Vec::new(); shards];
    for (key, events) in &postings {
        terms[shard(key, shards)].push((key, events));
    }
    terms
        .par_iter_mut()
        .for_each(|run| run.sort_unstable_by_key(|t| t.0));
    let count = |key: &str| postings.get(key).map_or(0, Vec::len);
    let mut years: Vec<(i32, usize)> = Vec::new();
    if let (Some(first), Some(last)) = (events.first(), events.iter().map(|e| e.date.date()).max())
    {
        use chrono::Datelike;
        for y in first.date.date().year()..=last.year() {
            let n = count(&format!("year:{y}"));
            if n > 0 {
                years.push((y, n));
            }
        }
    }
    let mut filters = Filters {
        year: years,
        tag: (site.tags.iter())
            .map(|t| {
                (
                    t.slug.as_str(),
                    t.name.as_str(),
                    count(&format!("tag:{}", t.slug)),
                )
            })
            .filter(|t| t.2 > 0)
            .collect(),
        source: (site.sources.iter())
            .map(|s| {
                (
                    s.id.as_str(),
                    s.name.as_str(),
                    s.short.as_str(),
                    count(&format!("source:{}", s.id)),
                )
            })
            .filter(|s| s.3 > 0)
            .collect(),
        explainer: (site.explainers.iter())
            .map(|x| {
                (
                    x.id.as_str(),
                    x.title.as_str(),
                    count(&format!("explainer:{}", x.id)),
                )
            })
            .filter(|x| x.2 > 0)
            .collect(),
        place: Vec::new(),
    };
    let mut places: BTreeMap<&str, usize> = BTreeMap::new();
    for place in events.iter().filter_map(|e| e.place.as_deref()) {
        *places.entry(place).or_default() += 1;
    }
    filters.place = places.into_iter().collect();
    filters.tag.sort_by_key(|v| v.1.to_lowercase());
    filters.source.sort_by_key(|v| v.1.to_lowercase());
    filters.explainer.sort_by_key(|v| v.1.to_lowercase());

    let index = Index {
        // 3: digits and more heh forms folded (`crate::fold`).
        version: 3,
        count: events.len(),
        shards,
        chunk: CHUNK,
        filters,
    };
    put(output(format!("{FOLDER}index.json"), json(&index)))?;
    ((0..shards).into_par_iter()).try_for_each(|k| {
        put(output(
            format!("{FOLDER}terms/{k}.json"),
            shard_json(&terms[k]),
        ))
    })?;
    drop(terms);
    drop(postings);
    (events.par_chunks(CHUNK).enumerate()).try_for_each(|(c, chunk)| {
        let docs: Vec<Doc<'_>> = chunk.iter().map(|e| doc(site, e)).collect();
        put(output(format!("{FOLDER}docs/{c}.json"), json(&docs)))
    })
}

fn output(path: String, text: String) -> Output {
    Output {
        path,
        bytes: text.into_bytes(),
    }
}

/// A shard's JSON from its keys in order, each key's events as the first and the
/// differences between each and the one before: events 3, 4, 10 → `{"key":[3,1,6],…}`.
fn shard_json(keys: &[(&str, &[u32])]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(
        keys.iter()
            .map(|k| k.0.len() + k.1.len() * 6 + 4)
            .sum::<usize>()
            + 2,
    );
    out.push('{');
    for (i, (key, events)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json(key));
        out.push(':');
        out.push('[');
        let mut before = 0;
        for (j, &n) in events.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}", n - before);
            before = n;
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// Compact JSON of plain data.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_final_sigma_is_sigma() {
        assert_eq!(normalise("ΑΘΗΝΑΣ"), "αθηνασ");
        assert_eq!(normalise("Αθηνας"), "αθηνασ");
        assert_eq!(words("हिंदी समाचार").collect::<Vec<_>>(), ["हिंदी", "समाचार"]);
    }

    #[test]
    fn arabic_and_persian_forms_of_a_letter_match_and_joiners_do_not_count() {
        assert_eq!(normalise("كرمان"), "کرمان");
        assert_eq!(normalise("کرمان"), "کرمان");
        assert_eq!(normalise("سليماني"), "سلیمانی");
        assert_eq!(normalise("می‌رود"), "میرود");
        assert_eq!(normalise("مـــیرود"), "میرود");
        assert_eq!(normalise("مُحَمَّد"), "محمد");
        assert_eq!(normalise("أحمد إيران آمل"), "احمد ایران امل");
        assert_eq!(normalise("Kermān CAFÉ ﬁre"), "kerman cafe fire");
        assert_eq!(normalise("خانۀ ۱۴۰۲ ٢٠٢٤"), "خانه 1402 2024");
    }

    #[test]
    fn words_are_runs_of_letters_and_numbers_of_two_or_more() {
        let words: Vec<String> =
            words("Two blasts, 84 killed: a 'major' attack — انفجار در کرمان").collect();
        assert_eq!(
            words,
            [
                "two",
                "blasts",
                "84",
                "killed",
                "major",
                "attack",
                "انفجار",
                "در",
                "کرمان"
            ]
        );
    }

    #[test]
    fn shards_are_chosen_by_the_first_three_characters_of_a_word() {
        assert_eq!(shard("kerman", 16), ((107 * 31 + 101) % 16 * 31 + 114) % 16);
        assert_eq!(shard("ker", 4096), ((107 * 31 + 101) * 31 + 114) % 4096);
        assert_eq!(shard("ker", 4096), shard("kerman", 4096));
        assert_eq!(shard("ke", 16), (107 * 31 + 101) % 16);
        assert_eq!(
            shard("کرمان", 4096),
            ((0x6a9 * 31 + 0x631) % 4096 * 31 + 0x645) % 4096
        );
        // Filter keys by the whole key: years apart, in different shards.
        assert_ne!(shard("year:2023", 4096), shard("year:2024", 4096));
        assert_eq!(
            shard("tag:ab", 4096),
            "tag:ab"
                .chars()
                .fold(0, |h, c| (h * 31 + c as usize) % 4096)
        );
        assert_eq!(shard_count(5), 16);
        assert_eq!(shard_count(10_000), 256);
        assert_eq!(shard_count(100_000), 4096);
        assert_eq!(shard_count(10_000_000), 4096);
    }
}
