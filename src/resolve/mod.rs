//! Stage 2, resolve: turn the loaded corpus into a checked, cross-indexed [`Site`].
//!
//! Here ids become indexes, dates are parsed, URLs are chosen, references between
//! documents are checked, and backlinks, tags, related events and "on this day" are
//! indexed. Every problem is collected; a site is returned only when there are none.
//! Nothing is rendered to templates and nothing is written.

mod bodies;
mod documents;
mod events;
pub mod index;
pub mod links;
pub mod sections;

pub use documents::is_absolute_url;

use std::collections::BTreeMap;

use crate::fingerprint::FastMap as HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::site_files::StaticFiles;
use crate::load::{Corpus, Doc};
use crate::site::{Site, Tag};

/// Id → position lookups for the documents events refer to.
pub(crate) struct Lookup<'a> {
    pub sources: HashMap<&'a str, usize>,
    pub explainers: HashMap<&'a str, usize>,
    pub tags: HashMap<String, usize>,
    pub broken: &'a std::collections::HashSet<String>,
    pub drafts: &'a std::collections::HashSet<String>,
    /// What images may show.
    pub static_files: &'a StaticFiles,
}

/// Checks and links the corpus, images against `static_files` (the list render
/// publishes). Returns the site unless there were errors, and every diagnostic
/// found (warnings come back alongside a site).
pub fn resolve(corpus: &Corpus, static_files: &StaticFiles) -> (Option<Site>, Diagnostics) {
    resolve_with(corpus, static_files, None)
}

/// What `serve` keeps between rebuilds to resolve again quickly: annotated bodies,
/// and related and on-this-day events. Both are reused only when everything they
/// were made from is unchanged.
#[derive(Default)]
pub struct Cache {
    bodies: bodies::Memo,
    neighbours: index::Neighbours,
}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            bodies: bodies::Memo::remembering(),
            neighbours: index::Neighbours::default(),
        }
    }
}

/// [`resolve`], reusing what `cache` kept from the last build.
pub fn resolve_cached(
    corpus: &Corpus,
    static_files: &StaticFiles,
    cache: &mut Cache,
) -> (Option<Site>, Diagnostics) {
    cache.bodies.start();
    let resolved = resolve_with(corpus, static_files, Some(&mut *cache));
    cache.bodies.finish();
    resolved
}

fn resolve_with(
    corpus: &Corpus,
    static_files: &StaticFiles,
    cache: Option<&mut Cache>,
) -> (Option<Site>, Diagnostics) {
    let no_memo = bodies::Memo::default();
    let memo = cache.as_deref().map_or(&no_memo, |c| &c.bodies);
    let mut diagnostics = Diagnostics::default();
    let config = corpus.config.clone();

    let (tags, spellings) = collect_tags(corpus, &mut diagnostics);
    let by_slug: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    // Every spelling met, to its tag: a tag is slugified once, not at each use.
    let tag_lookup: HashMap<String, usize> = spellings
        .into_iter()
        .filter_map(|(name, slug)| Some((name, *by_slug.get(slug.as_str())?)))
        .collect();
    drop(by_slug);
    let (mut sources, source_docs) = documents::sources(&corpus.sources, &mut diagnostics);
    let sections = inline_sections(corpus, &mut diagnostics);
    let (mut explainers, explainer_bodies) = documents::explainers(
        corpus,
        static_files,
        &sections,
        &tag_lookup,
        &mut diagnostics,
    );
    let lookup = Lookup {
        sources: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect(),
        explainers: explainers
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect(),
        tags: tag_lookup,
        broken: &corpus.broken_ids,
        drafts: &corpus.draft_ids,
        static_files,
    };
    let (mut events, event_docs, unresolved) = events::events(corpus, &lookup, &mut diagnostics);
    drop(lookup);

    let mut targets = bodies::targets(
        corpus,
        static_files,
        (&events, &explainers, &sources),
        &unresolved,
    );
    // Explainers first: their rendered summaries fill the background cards of events.
    let event_of_doc: HashMap<usize, usize> = event_docs
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    bodies::explainers(
        corpus,
        (&targets, memo),
        &mut explainers,
        &explainer_bodies,
        |n| event_of_doc.get(&n).copied(),
        &mut diagnostics,
    );
    targets.set_explainer_summaries(explainers.iter().map(|x| x.summary.as_str()));
    bodies::events(
        corpus,
        (&targets, memo),
        &sections,
        &mut events,
        &event_docs,
        &mut diagnostics,
    );
    bodies::unresolved_events(
        corpus,
        (&targets, memo),
        &sections,
        &unresolved,
        &mut diagnostics,
    );
    bodies::sources(
        corpus,
        (&targets, memo),
        &mut sources,
        &source_docs,
        &mut diagnostics,
    );
    drop(targets);

    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let mut site = Site {
        config,
        events,
        sources,
        explainers,
        tags,
        draft_references: corpus.draft_references.clone(),
    };
    index::cross_index(&mut site, cache.map(|c| &mut c.neighbours));
    (Some(site), diagnostics)
}

/// The inline explainer sections of each event file, by position in `corpus.events`.
fn inline_sections(corpus: &Corpus, diagnostics: &mut Diagnostics) -> Vec<Vec<sections::Section>> {
    use rayon::prelude::*;
    let found: Vec<(Vec<sections::Section>, Vec<sections::Misplaced>)> = corpus
        .events
        .par_iter()
        .map(|doc| sections::find(doc.body()))
        .collect();
    found
        .into_iter()
        .zip(&corpus.events)
        .map(|((sections, misplaced), doc)| {
            for m in misplaced {
                diagnostics.push(
                    Diagnostic::at_offset(
                        &doc.path,
                        &doc.text,
                        doc.body_offset + m.offset,
                        m.message,
                    )
                    .with_help(Some(m.help)),
                );
            }
            sections
        })
        .collect()
}

/// Every tag used by an event or explainer, by slug, and the slug of each spelling
/// met. The first spelling met (in file order) names the tag.
fn collect_tags(
    corpus: &Corpus,
    diagnostics: &mut Diagnostics,
) -> (Vec<Tag>, HashMap<String, String>) {
    let mut tags = BTreeMap::new();
    let mut spellings = HashMap::default();
    for doc in &corpus.events {
        add_tags(doc, &doc.raw.tags, &mut tags, &mut spellings, diagnostics);
    }
    for doc in &corpus.explainers {
        add_tags(doc, &doc.raw.tags, &mut tags, &mut spellings, diagnostics);
    }
    let tags = tags
        .into_iter()
        .map(|(slug, name)| Tag {
            name,
            slug,
            events: Vec::new(),
            explainers: Vec::new(),
        })
        .collect();
    (tags, spellings)
}

fn add_tags<T>(
    doc: &Doc<T>,
    names: &[String],
    tags: &mut BTreeMap<String, String>,
    spellings: &mut HashMap<String, String>,
    diagnostics: &mut Diagnostics,
) {
    for name in names {
        let slug = match spellings.get(name) {
            // A spelling met before is a tag already, or was reported as empty.
            Some(slug) if !slug.is_empty() => continue,
            Some(_) => String::new(),
            None => {
                let slug = crate::slug::slugify(name);
                spellings.insert(name.clone(), slug.clone());
                slug
            }
        };
        if slug.is_empty() {
            diagnostics.push(
                doc.error_at_key(
                    "tags",
                    Some(name),
                    format!("the tag `{name}` has no letters or digits"),
                )
                .with_help(Some("tags need at least one letter or digit for their URL")),
            );
            continue;
        }
        tags.entry(slug).or_insert_with(|| name.trim().to_owned());
    }
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

/// Reports documents sharing one id (the same file stem in two folders).
pub(crate) fn check_unique_ids<'a>(
    docs: impl Iterator<Item = (&'a str, &'a std::path::Path)>,
    what: &str,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, &std::path::Path> = HashMap::default();
    for (id, path) in docs {
        if let Some(first) = seen.insert(id, path) {
            diagnostics.push(
                Diagnostic::file(path, format!("two {what}s have the id `{id}`")).with_help(Some(
                    format!(
                        "ids are file names and must be unique; the other is {}; rename one",
                        crate::diagnostic::display_path(first)
                    ),
                )),
            );
        }
    }
}

/// "did you mean …" for an unknown id among `known`.
pub(crate) fn suggest_id<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str>,
    what: &str,
) -> String {
    let known: Vec<&str> = known.collect();
    crate::suggest::did_you_mean(wanted, known.iter().copied()).unwrap_or_else(|| {
        if known.is_empty() {
            format!("there are no {what}s yet; add content/{what}s/{wanted}.md")
        } else {
            format!("known {what}s: {}", list_some(&known))
        }
    })
}

fn list_some(ids: &[&str]) -> String {
    let mut shown: Vec<String> = ids.iter().take(8).map(|id| format!("`{id}`")).collect();
    if ids.len() > 8 {
        shown.push(format!("and {} more", ids.len() - 8));
    }
    shown.join(", ")
}
