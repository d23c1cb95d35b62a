//! Markdown bodies, rendered once every link target is known.
//!
//! Builds the [`Targets`] from the checked documents, then annotates every event and
//! explainer body in parallel, and the (few) source bodies in turn, turning problems into diagnostics at their
//! place in the file and merging what event bodies cite and mention into the events.

use crate::fingerprint::FastMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::documents::BodySource;
use super::links::{self, Annotated, BodyWords, Entry, Mode, Names, Target, Targets};
use super::sections::Section;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::strings::Words;
use crate::load::{Corpus, Doc};
use crate::site::{Citation, Cited, Event, Explainer, Report, Source, WrittenId};
use crate::urls;

/// Everything a body may link to or cite, from the checked documents: each event,
/// explainer and source with its URL and the names wikilinks may use, the
/// explainers' subjects and aliases for alias links, and, so that links to them are
/// not reported twice, what failed to load, the `unresolved` event files (by
/// index in `corpus.events`) and the `lost` citation names of reports that could not
/// be checked, whose own errors say what to fix.
pub fn targets<'a>(
    corpus: &'a Corpus,
    static_files: &'a crate::load::site_files::StaticFiles,
    (events, explainers, sources): (&[Event], &[Explainer], &[Source]),
    (unresolved, lost): (&[usize], &[String]),
) -> Targets<'a> {
    let config = &corpus.config;
    let entry = |id: &str, path: &str, title: &str| Entry {
        id: id.to_owned(),
        url: config.link(path),
        title: title.to_owned(),
        marker: String::new(),
        summary: String::new(),
    };
    let entries = [
        events
            .iter()
            .map(|e| entry(&e.id, &e.path, &e.title))
            .collect(),
        explainers
            .iter()
            .map(|x| Entry {
                summary: x.summary.clone(),
                ..entry(&x.id, &urls::explainer(&x.id), &x.title)
            })
            .collect(),
        sources
            .iter()
            .map(|s| Entry {
                marker: s.short.clone(),
                ..entry(&s.id, &urls::source(&s.id), &s.name)
            })
            .collect(),
    ];
    let mut names: Vec<Names<'_>> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        names.push(Names {
            target: Target::Event(i),
            names: vec![&e.id, &e.title],
        });
    }
    for (i, x) in explainers.iter().enumerate() {
        let mut list = vec![x.id.as_str(), x.title.as_str()];
        list.extend(x.subject.as_deref());
        list.extend(x.aliases.iter().map(String::as_str));
        names.push(Names {
            target: Target::Explainer(i),
            names: list,
        });
    }
    for (i, s) in sources.iter().enumerate() {
        let mut list = vec![s.id.as_str(), s.name.as_str(), s.short.as_str()];
        list.extend(s.aliases.iter().map(String::as_str));
        names.push(Names {
            target: Target::Source(i),
            names: list,
        });
    }
    let aliases = explainers
        .iter()
        .enumerate()
        .flat_map(|(i, x)| {
            x.subject
                .iter()
                .chain(&x.aliases)
                .map(move |a| (a.trim().to_owned(), i))
        })
        .collect();
    let unresolved = unresolved.iter().map(|&n| &corpus.events[n]);
    let mut broken_ids = corpus.broken_ids.clone();
    broken_ids.extend(unresolved.clone().map(|doc| doc.id.clone()));
    broken_ids.extend(lost.iter().cloned());
    let titles = unresolved.map(|doc| &doc.raw.title);
    Targets::new(config, static_files, entries, names, aliases)
        .with_broken(&broken_ids, corpus.broken_names.iter().chain(titles))
}

/// Renders the body of each event, merging citations and mentions into it.
pub fn events(
    corpus: &Corpus,
    (targets, memo, words): (&Targets<'_>, &Memo, &Words),
    sections: &[Vec<Section>],
    events: &mut [Event],
    docs: &[usize],
    (diagnostics, written): (&mut Diagnostics, &mut Vec<WrittenId>),
) {
    let found: Vec<Found> = events
        .par_iter_mut()
        .zip(docs)
        .map(|(event, &n)| {
            let (annotated, found) = annotate_event(
                corpus,
                (targets, memo, words),
                sections,
                (n, &event.reports),
            );
            merge(event, annotated);
            found
        })
        .collect();
    for found in found {
        found.add_to(diagnostics, written);
    }
    for (i, event) in events.iter_mut().enumerate() {
        event.references.retain(|&r| r != i);
    }
}

/// Checks the bodies of the event files that gave no event (`unresolved`, by index
/// in `corpus.events`): their errors are reported with the front matter's, in the
/// same run.
pub fn unresolved_events(
    corpus: &Corpus,
    (targets, memo, words): (&Targets<'_>, &Memo, &Words),
    sections: &[Vec<Section>],
    unresolved: &[usize],
    diagnostics: &mut Diagnostics,
) {
    // Only their problems: a file that gave no event has no page to hold its ids.
    let found: Vec<Found> = unresolved
        .par_iter()
        .map(|&n| annotate_event(corpus, (targets, memo, words), sections, (n, &[])).1)
        .collect();
    for found in found {
        diagnostics.extend(found.diagnostics.0);
    }
}

/// Annotates the body of `corpus.events[n]`, its inline explainer sections shown as
/// cards (they are annotated as explainers), its citations naming its `reports`.
fn annotate_event(
    corpus: &Corpus,
    (targets, memo, words): (&Targets<'_>, &Memo, &Words),
    sections: &[Vec<Section>],
    (n, reports): (usize, &[Report]),
) -> (Annotated, Found) {
    let doc = &corpus.events[n];
    let cards: Vec<(Range<usize>, usize)> = sections[n]
        .iter()
        .filter_map(|s| targets.explainer_index(&s.id).map(|x| (s.range.clone(), x)))
        .collect();
    let table = words.table(language(corpus, doc.raw.language.as_deref()));
    let mode = Mode {
        claims: true,
        autolink: corpus.config.autolink,
        cards: &cards,
        reports,
        html_as_text: false,
        words: BodyWords::of(&table),
    };
    annotate_in(doc, doc.body(), doc.body_offset, (targets, memo), &mode)
}

/// The language of a page whose front matter `language` is `own`: its own, else
/// the site's (SPEC §11).
fn language<'a>(corpus: &'a Corpus, own: Option<&'a str>) -> &'a str {
    own.unwrap_or(&corpus.config.language)
}

/// Front matter and body together: sources in order of first mention — cited, or
/// named in an attribution note (SPEC §9.2) — each counted by its claims in the
/// body (once when only listed in front matter); then the sources of reports
/// (SPEC §9.3) neither lists, as if listed in front matter.
fn merge(event: &mut Event, annotated: Annotated) {
    let claims_of = |source: usize| {
        let of = |x: &&Cited| x.source == source;
        annotated.citations.iter().filter(of).count()
    };
    let reported = event.reports.iter().map(|r| r.source);
    for source in annotated.citations.iter().map(|c| c.source).chain(reported) {
        if !event.citations.iter().any(|c| c.source == source) {
            event.citations.push(Citation { source, count: 0 });
        }
    }
    for c in &mut event.citations {
        // Not cited in the body: a claim per report of it, or one (see `index.rs`).
        let reports = event
            .reports
            .iter()
            .filter(|r| r.source == c.source)
            .count();
        c.count = match claims_of(c.source) {
            0 => reports.max(1),
            claims => claims,
        };
    }
    for x in annotated.explainers {
        if !event.explainers.contains(&x) {
            event.explainers.push(x);
        }
    }
    if event.summary.is_empty() {
        event.summary = annotated.first_paragraph;
    }
    event.body_html = annotated.html;
    event.body_print = annotated.print;
    event.cited = annotated.citations;
    event.references = annotated.events;
}

/// Renders explainer bodies: files, and inline sections of events.
pub fn explainers(
    corpus: &Corpus,
    (targets, memo, words): (&Targets<'_>, &Memo, &Words),
    explainers: &mut [Explainer],
    bodies: &[BodySource],
    event_index: impl Fn(usize) -> Option<usize>,
    (diagnostics, written): (&mut Diagnostics, &mut Vec<WrittenId>),
) {
    let found: Vec<Found> = explainers
        .par_iter_mut()
        .zip(bodies)
        .map(|(explainer, body)| {
            let (annotated, found) = match body {
                BodySource::File(n) => {
                    let doc = &corpus.explainers[*n];
                    let table = words.table(language(corpus, doc.raw.language.as_deref()));
                    annotate_in(
                        doc,
                        doc.body(),
                        doc.body_offset,
                        (targets, memo),
                        &Mode {
                            words: BodyWords::of(&table),
                            ..Mode::default()
                        },
                    )
                }
                BodySource::Section(n, section) => {
                    let doc = &corpus.events[*n];
                    let text = &doc.body()[section.content.clone()];
                    let table = words.table(language(corpus, doc.raw.language.as_deref()));
                    annotate_in(
                        doc,
                        text,
                        doc.body_offset + section.content.start,
                        (targets, memo),
                        &Mode {
                            words: BodyWords::of(&table),
                            ..Mode::default()
                        },
                    )
                }
            };
            let summary_given =
                matches!(body, BodySource::File(n) if corpus.explainers[*n].raw.summary.is_some());
            if !summary_given {
                explainer.summary = annotated.first_paragraph;
            }
            explainer.body_html = annotated.html;
            explainer.links_to = annotated.explainers;
            found
        })
        .collect();
    for found in found {
        found.add_to(diagnostics, written);
    }
    for (explainer, body) in explainers.iter_mut().zip(bodies) {
        if let BodySource::Section(n, _) = body {
            explainer.defined_in = event_index(*n);
        }
    }
}

/// Renders source bodies (links resolve; nothing is recorded).
pub fn sources(
    corpus: &Corpus,
    (targets, memo, words): (&Targets<'_>, &Memo, &Words),
    sources: &mut [Source],
    docs: &[usize],
    (diagnostics, written): (&mut Diagnostics, &mut Vec<WrittenId>),
) {
    // A source's page is in the site's language, whatever the source publishes in.
    let table = words.table(&corpus.config.language);
    let mode = Mode {
        words: BodyWords::of(&table),
        ..Mode::default()
    };
    for (source, &n) in sources.iter_mut().zip(docs) {
        let doc = &corpus.sources[n];
        let (annotated, found) =
            annotate_in(doc, doc.body(), doc.body_offset, (targets, memo), &mode);
        found.add_to(diagnostics, written);
        source.body_html = annotated.html;
    }
}

/// Annotated bodies kept by `serve` between rebuilds, by a fingerprint of all they
/// are made from: the text, the mode (with the words of the page's language), and
/// the link targets with the configuration.
/// A body whose fingerprint is unchanged is not annotated again.
#[derive(Default)]
pub struct Memo {
    on: bool,
    previous: FastMap<u64, Arc<Annotated>>,
    next: Mutex<FastMap<u64, Arc<Annotated>>>,
}

impl Memo {
    /// A memo that remembers; the default one does not (`build`, `check`).
    pub fn remembering() -> Memo {
        Memo {
            on: true,
            ..Memo::default()
        }
    }

    /// Starts a build, which may reuse what the last one used.
    pub fn start(&mut self) {
        self.previous = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
    }

    /// Ends a build: bodies it did not use are forgotten.
    pub fn finish(&mut self) {
        self.previous.clear();
    }

    fn annotate(&self, text: &str, targets: &Targets<'_>, mode: &Mode<'_>) -> Annotated {
        if !self.on {
            return links::annotate(text, targets, mode);
        }
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = crate::fingerprint::FxHasher::default();
            (
                targets.fingerprint(),
                text,
                mode.claims,
                mode.autolink,
                mode.html_as_text,
                mode.words,
            )
                .hash(&mut h);
            for (range, x) in mode.cards {
                (range.start, range.end, x).hash(&mut h);
            }
            mode.reports.hash(&mut h);
            h.finish()
        };
        let annotated = match self.previous.get(&key) {
            Some(annotated) => annotated.clone(),
            None => Arc::new(Annotated {
                print: key,
                ..links::annotate(text, targets, mode)
            }),
        };
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.insert(key, annotated.clone());
        drop(next);
        Annotated::clone(&annotated)
    }
}

/// What annotating one body found besides its HTML: its problems as diagnostics,
/// and the ids its editor wrote, with where.
#[derive(Default)]
struct Found {
    diagnostics: Diagnostics,
    ids: Vec<WrittenId>,
}

impl Found {
    fn add_to(self, diagnostics: &mut Diagnostics, written: &mut Vec<WrittenId>) {
        diagnostics.extend(self.diagnostics.0);
        written.extend(self.ids);
    }
}

/// Annotates `text`, found at byte `offset` of `doc`, and turns its problems into
/// diagnostics at their line and column in the file, and the ids it holds into
/// [`WrittenId`]s.
fn annotate_in<T>(
    doc: &Doc<T>,
    text: &str,
    offset: usize,
    (targets, memo): (&Targets<'_>, &Memo),
    mode: &Mode<'_>,
) -> (Annotated, Found) {
    let annotated = memo.annotate(text, targets, mode);
    let mut found = Found::default();
    for problem in &annotated.problems {
        let help = match (&problem.help, problem.also) {
            (Some(help), Some(also)) => {
                let (line, _) = crate::diagnostic::line_col(&doc.text, offset + also);
                Some(help.replace("{line}", &line.to_string()))
            }
            (help, _) => help.clone(),
        };
        let diagnostic = Diagnostic::at_offset(
            &doc.path,
            &doc.text,
            offset + problem.offset,
            problem.message.clone(),
        )
        .with_help(help);
        found.diagnostics.push(if problem.warning {
            diagnostic.warning()
        } else {
            diagnostic
        });
    }
    for (id, at) in &annotated.ids {
        found.ids.push(WrittenId {
            id: id.clone(),
            at: Diagnostic::at_offset(&doc.path, &doc.text, offset + at, String::new()),
        });
    }
    (annotated, found)
}
