//! Summaries (SPEC §2.1): an event's or explainer's front matter `summary` read as
//! one paragraph of inline Markdown, as corrections and accounts are, and kept twice
//! over: as inline HTML for the lists and cards that show it, and as plain text for
//! what must stay text — page descriptions, feeds' plain fields, structured data and
//! the search index.
//!
//! Runs once every link target is known, since a summary may link and cite as a
//! body does (a citation in a summary records no claim). A summary not written in
//! front matter is the body's first paragraph, already plain text: its HTML is that
//! text escaped. Inline raw HTML in a summary is the text it is written as (`for
//! <weeks>`), as it was when summaries were plain text, so it is shown escaped;
//! block syntax, images and footnotes are errors at their character. Either way
//! what a list shows can never break the page around it. Nothing here renders
//! pages.

use std::sync::Arc;

use super::corrections::inline_markdown;
use super::documents::BodySource;
use super::links::Targets;
use crate::diagnostic::Diagnostics;
use crate::load::Doc;
use crate::load::locate::Step;
use crate::site::{Event, Explainer};

/// Gives each explainer its summary as HTML and plain text: from front matter when
/// written there (explainer files only), else its first paragraph.
pub(super) fn explainers(
    corpus: &crate::load::Corpus,
    targets: &Targets<'_>,
    (explainers, bodies): (&mut [Explainer], &[BodySource]),
    diagnostics: &mut Diagnostics,
) {
    for (explainer, body) in explainers.iter_mut().zip(bodies) {
        let doc = match body {
            BodySource::File(n) if explainer.summary_written => &corpus.explainers[*n],
            _ => {
                explainer.summary_html = escaped(&explainer.summary);
                continue;
            }
        };
        if let Some((html, text)) = written(doc, &explainer.summary, (targets, &[]), diagnostics) {
            explainer.summary_html = html;
            explainer.summary = text.to_string();
        }
    }
}

/// Gives each event (each with the index of its file in `corpus.events`,
/// `event_docs`) its summary as HTML and plain text: from front matter when
/// written there, else its first paragraph. A summary cites the event's reports
/// as its body does.
pub(super) fn events(
    corpus: &crate::load::Corpus,
    targets: &Targets<'_>,
    (events, event_docs): (&mut [Event], &[usize]),
    diagnostics: &mut Diagnostics,
) {
    for (event, &n) in events.iter_mut().zip(event_docs) {
        if !event.summary_written {
            event.summary_html = escaped(&event.summary);
            continue;
        }
        let doc = &corpus.events[n];
        let reports = std::mem::take(&mut event.reports);
        let found = written(doc, &event.summary, (targets, &reports), diagnostics);
        event.reports = reports;
        if let Some((html, text)) = found {
            event.summary_html = html;
            event.summary = text.to_string();
        }
    }
}

/// A summary written in `doc`'s front matter, `text`, as inline HTML and plain
/// text; `None`, with each problem reported at its character, when it is more than
/// a paragraph of inline Markdown or a link or citation in it is broken. Inline raw
/// HTML is text.
fn written<T>(
    doc: &Doc<T>,
    text: &str,
    (targets, reports): (&Targets<'_>, &[crate::site::Report]),
    diagnostics: &mut Diagnostics,
) -> Option<(Arc<str>, Arc<str>)> {
    let path = [Step::Key("summary")];
    let value = crate::load::locate::place(doc.matter_text(), doc.format(), &path);
    let field = "a `summary`";
    inline_markdown(
        text,
        (targets, reports),
        (field, true),
        |(offset, width), m, h| {
            let at = value.and_then(|v| {
                crate::load::nested::place_in_value(doc.matter_text(), v, text, offset)
            });
            let diagnostic = match at {
                Some(place) => doc.error_in_matter(place, m).with_width(width),
                None => doc.error_at_path(&path, m),
            };
            diagnostics.push(diagnostic.with_help(h));
        },
    )
}

/// Plain text as HTML.
fn escaped(text: &str) -> Arc<str> {
    crate::html::escape(text).into()
}
