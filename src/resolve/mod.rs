//! Stage 2, resolve: turn the loaded corpus into a checked, cross-indexed [`Site`].
//!
//! Here ids become indexes, dates are parsed, URLs are chosen, references between
//! documents are checked, and backlinks, tags, related events and "on this day" are
//! indexed. Every problem is collected; a site is returned only when there are none.
//! Nothing is rendered to templates and nothing is written.

mod bodies;
mod corrections;
mod documents;
mod events;
mod figures;
pub mod index;
pub mod links;
mod questions;
mod reports;
pub mod sections;
mod summaries;
mod tags;

pub use documents::is_absolute_url;
pub(crate) use tags::tag_indexes;

use crate::fingerprint::FastMap as HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::strings::Words;
use crate::load::Corpus;
use crate::load::site_files::StaticFiles;
use crate::site::Site;

/// Id → position lookups for the documents events refer to.
pub(crate) struct Lookup<'a> {
    /// Source id → index into the sources being built.
    pub sources: HashMap<&'a str, usize>,
    /// Explainer id → index into the explainers being built, sections included.
    pub explainers: HashMap<&'a str, usize>,
    /// Every tag spelling met, as written → index into the tags.
    pub tags: HashMap<String, usize>,
    /// Ids of files that failed to load (and what they seem to define): references to
    /// them are not reported again.
    pub broken: &'a std::collections::HashSet<String>,
    /// Ids of drafts left out of this build: a reference to one says it is a draft.
    pub drafts: &'a std::collections::HashSet<String>,
    /// What images may show.
    pub static_files: &'a StaticFiles,
}

/// Checks and links the corpus, images against `static_files` (the list render
/// publishes), bodies written with `words` (the words a body puts in of its own,
/// in each page's language). Returns the site unless there were errors, and every
/// diagnostic found (warnings come back alongside a site).
pub fn resolve(
    corpus: &Corpus,
    static_files: &StaticFiles,
    words: &Words,
) -> (Option<Site>, Diagnostics) {
    resolve_with(corpus, (static_files, words), None)
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
    /// An empty cache that remembers, for the next build, the bodies this one
    /// annotates (`Cache::default()` remembers only related and on-this-day lists).
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
    words: &Words,
    cache: &mut Cache,
) -> (Option<Site>, Diagnostics) {
    cache.bodies.start();
    let resolved = resolve_with(corpus, (static_files, words), Some(&mut *cache));
    cache.bodies.finish();
    resolved
}

fn resolve_with(
    corpus: &Corpus,
    (static_files, words): (&StaticFiles, &Words),
    cache: Option<&mut Cache>,
) -> (Option<Site>, Diagnostics) {
    let no_memo = bodies::Memo::default();
    let memo = cache.as_deref().map_or(&no_memo, |c| &c.bodies);
    let mut diagnostics = Diagnostics::default();
    let mut config = corpus.config.clone();
    resolve_config_images(&mut config, static_files, &mut diagnostics);

    // Every spelling met, to its tag: a tag is slugified once, not at each use.
    let (tags, tag_lookup) = tags::collect(corpus, &mut diagnostics);
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
    let (mut events, event_docs, unresolved, reports) =
        events::events(corpus, &lookup, &mut diagnostics);
    drop(lookup);
    let mut written_ids = Vec::new();

    let mut targets = bodies::targets(
        corpus,
        static_files,
        (&events, &explainers, &sources),
        (&unresolved, &reports.lost),
    );
    // Explainers first: their rendered summaries fill the background cards of events.
    let event_of_doc: HashMap<usize, usize> = event_docs
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    bodies::explainers(
        corpus,
        (&targets, memo, words),
        &mut explainers,
        &explainer_bodies,
        |n| event_of_doc.get(&n).copied(),
        (&mut diagnostics, &mut written_ids),
    );
    summaries::explainers(
        corpus,
        &targets,
        (&mut explainers, &explainer_bodies),
        &mut diagnostics,
    );
    targets.set_explainer_summaries(explainers.iter().map(|x| &*x.summary_html));
    bodies::events(
        corpus,
        (&targets, memo, words),
        &sections,
        &mut events,
        &event_docs,
        (&mut diagnostics, &mut written_ids),
    );
    bodies::unresolved_events(
        corpus,
        (&targets, memo, words),
        &sections,
        &unresolved,
        &mut diagnostics,
    );
    bodies::sources(
        corpus,
        (&targets, memo, words),
        &mut sources,
        &source_docs,
        (&mut diagnostics, &mut written_ids),
    );
    summaries::events(
        corpus,
        &targets,
        (&mut events, &event_docs),
        &mut diagnostics,
    );
    corrections::resolve(
        corpus,
        &targets,
        (&mut events, &event_docs),
        (&mut explainers, &explainer_bodies),
        &mut diagnostics,
    );
    let (questions, unsettled) = questions::resolve(
        corpus,
        (&targets, &sources, &reports.lost),
        (&mut events, &event_docs),
        &mut diagnostics,
    );
    drop(targets);
    for event in &mut events {
        if !event.figures.is_empty() || !event.questions.is_empty() {
            figures::count_claims(event);
        }
    }

    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let figures = figures::gather(corpus.config.figures.len(), &events);
    let mut site = Site {
        config,
        events,
        sources,
        explainers,
        tags,
        draft_references: corpus.draft_references.clone(),
        written_ids,
        unarchived: reports.unarchived,
        figures,
        questions,
        unsettled,
        date_styles: Default::default(),
        multilingual: Default::default(),
    };
    index::cross_index(&mut site, cache.map(|c| &mut c.neighbours));
    (Some(site), diagnostics)
}

/// The site's `image` and its publisher's `logo` are absolute URLs or static files
/// the build publishes, like the images of events, and are printed the same way:
/// a static file's path percent-encoded ([`urls::static_file`](crate::urls::static_file)),
/// an absolute URL as written with what no URL may hold escaped.
fn resolve_config_images(
    config: &mut crate::config::Config,
    static_files: &StaticFiles,
    diagnostics: &mut Diagnostics,
) {
    let images = [
        ("image", config.image.as_mut()),
        ("publisher", config.publisher.logo.as_mut()),
    ];
    for (key, image) in images {
        let Some(image) = image else {
            continue;
        };
        match documents::image_src(static_files, &image.src) {
            Ok(path) => image.src = path,
            Err((message, help)) => diagnostics.push(
                Diagnostic::file(
                    crate::config::CONFIG_FILE,
                    format!("`{key}` in dateline.toml: {message}"),
                )
                .with_help(Some(help)),
            ),
        }
    }
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
