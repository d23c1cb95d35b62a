//! Corrections (SPEC §9.4): the `corrections` of event and explainer files checked,
//! their texts rendered, and each document's `updated` brought up to its latest
//! correction.
//!
//! Runs once every link target is known, after the bodies, since a correction's
//! text links and cites as a body does. Each problem is reported at the entry,
//! field or character it is about. A correction's text is one paragraph of inline
//! Markdown: block syntax (a heading, a list, a second paragraph …), raw HTML,
//! images and footnotes are errors, so that what a notice, a list of corrections
//! and a feed show is always a run of text that cannot break the page around it.
//! Nothing here renders pages.

use std::sync::Arc;

use chrono_tz::Tz;
use pulldown_cmark::{Event, Parser, Tag};

use super::documents::BodySource;
use super::links::{self, Mode, Targets};
use crate::date::Moment;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::frontmatter::Format;
use crate::load::nested;
use crate::load::raw::{RawCorrection, RawDate};
use crate::load::{Corpus, Doc};
use crate::site::{Correction, Explainer};

/// The front matter key corrections are written under.
const KEY: &str = "corrections";

/// Checks the corrections of every event and explainer file; gives the `events`
/// (each with the index of its file in `corpus.events`, `event_docs`) and the
/// `explainers` (with where their bodies are) their corrections, oldest first; and
/// sets their `updated` to the latest correction when that is later or none is
/// given. The corrections of event files that gave no event are checked too.
pub(super) fn resolve(
    corpus: &Corpus,
    targets: &Targets<'_>,
    (events, event_docs): (&mut [crate::site::Event], &[usize]),
    (explainers, bodies): (&mut [Explainer], &[BodySource]),
    diagnostics: &mut Diagnostics,
) {
    let mut event_of_doc = vec![None; corpus.events.len()];
    for (i, &n) in event_docs.iter().enumerate() {
        event_of_doc[n] = Some(i);
    }
    for (n, doc) in corpus.events.iter().enumerate() {
        if doc.raw.corrections.is_empty() {
            continue;
        }
        // A zone that is wrong or unread has its own error, and dates are not read
        // without it; the texts are checked all the same.
        let read = match doc.raw.timezone.as_deref().map(crate::date::parse_zone) {
            _ if doc.unread("timezone") => None,
            Some(Err(_)) => None,
            Some(Ok(zone)) => Some((Some(zone), Some(zone))),
            None => Some((corpus.config.timezone, None)),
        };
        let event = event_of_doc[n].map(|i| &mut events[i]);
        let published = event.as_ref().map(|e| e.date.clone());
        // Citations in a correction name the event's reports as its body's do.
        let reports = event
            .as_ref()
            .map(|e| e.reports.clone())
            .unwrap_or_default();
        let written = (doc, doc.raw.corrections.as_slice());
        let found = check_all(
            written,
            read,
            published.as_ref(),
            (targets, &reports),
            diagnostics,
        );
        if let Some(event) = event {
            event.updated = latest(event.updated.take(), &found);
            event.corrections = found;
        }
    }
    for (explainer, body) in explainers.iter_mut().zip(bodies) {
        let BodySource::File(n) = body else {
            continue;
        };
        let doc = &corpus.explainers[*n];
        if doc.raw.corrections.is_empty() {
            continue;
        }
        let read = Some((corpus.config.timezone, None));
        let written = (doc, doc.raw.corrections.as_slice());
        let found = check_all(written, read, None, (targets, &[]), diagnostics);
        explainer.updated = latest(explainer.updated.take(), &found);
        explainer.corrections = found;
    }
}

/// The document's `updated` given its corrections (oldest first): the latest
/// correction's date when `updated` is not given or is before it at the coarser of
/// their precisions. A correction is a revision, so a page never says it was last
/// updated before a correction it shows; an `updated` later than every correction,
/// or on the day of the latest, is kept as written.
fn latest(updated: Option<Moment>, corrections: &[Correction]) -> Option<Moment> {
    let Some(last) = corrections.last() else {
        return updated;
    };
    match updated {
        Some(updated) if !last.date.ends_before(&updated) => Some(updated),
        _ => Some(last.date.clone()),
    }
}

/// Every correction of `doc` checked, oldest first (in the order written on equal
/// dates). A time without an offset is read in `read.0`, and shown in `read.1` (the
/// event's `timezone`), and no date is read without them (`None`: the event's zone
/// is wrong); no date may be before `published` (the event's date).
/// Problems go to `out`; a correction with one is left out, as is one whose entry
/// did not read whole, whose fields that read are checked all the same. A field
/// that is missing or empty has been reported by `load`.
fn check_all<T>(
    (doc, raw): (&Doc<T>, &[RawCorrection]),
    read: Option<(Option<Tz>, Option<Tz>)>,
    published: Option<&Moment>,
    targets: (&Targets<'_>, &[crate::site::Report]),
    out: &mut Diagnostics,
) -> Vec<Correction> {
    let mut found = Vec::with_capacity(raw.len());
    for (index, raw) in raw.iter().enumerate() {
        let entry = Entry { doc, index };
        let date = (raw.date.as_ref().zip(read))
            .and_then(|(date, read)| entry.date(date, read, published, out));
        let text = (raw.text.as_deref()).and_then(|text| entry.text(text, targets, out));
        let whole = doc.entry(KEY, index).is_none_or(|e| e.unread.is_none());
        if let (Some(date), Some((html, text)), true) = (date, text, whole) {
            found.push(Correction { date, html, text });
        }
    }
    // Stable: corrections of one date stay in the order written.
    found.sort_by(|a, b| a.date.timeline_cmp(&b.date));
    found
}

/// The `index`th entry (from 0) of `corrections` in `doc`, for reporting.
struct Entry<'d, T> {
    doc: &'d Doc<T>,
    index: usize,
}

impl<T> Entry<'_, T> {
    /// An error at the value of `field` of the entry.
    fn error(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        self.doc
            .entry_error((KEY, self.index), Some(field), message)
    }

    /// How the front matter gives a key its value: `:` in YAML, ` =` in TOML.
    fn assign(&self) -> &'static str {
        match self.doc.format() {
            Format::Yaml => ":",
            Format::Toml => " =",
        }
    }

    /// The correction's date, read in `zone` and shown in `display`, checked not to
    /// be before `published`.
    fn date(
        &self,
        written: &RawDate,
        (zone, display): (Option<Tz>, Option<Tz>),
        published: Option<&Moment>,
        out: &mut Diagnostics,
    ) -> Option<Moment> {
        let date = match Moment::parse(&written.0, zone, display) {
            Ok(date) => date,
            Err(e) => {
                out.push(self.error("date", e.message).with_help(e.help));
                return None;
            }
        };
        if let Some(published) = published
            && published.ends_before(&date)
        {
            out.push(
                self.error(
                    "date",
                    format!(
                        "the correction's `date` ({}) is before the event's `date` ({})",
                        written.0.trim(),
                        published.machine()
                    ),
                )
                .with_help(Some(
                    "a correction is made on or after the day of the event it corrects; check the year",
                )),
            );
            return None;
        }
        Some(date)
    }

    /// The correction's text as inline HTML and as plain text: see
    /// [`Correction::html`].
    fn text(
        &self,
        text: &str,
        (targets, reports): (&Targets<'_>, &[crate::site::Report]),
        out: &mut Diagnostics,
    ) -> Option<(Arc<str>, Arc<str>)> {
        if text.trim().is_empty() {
            let assign = self.assign();
            let example = match self.doc.format() {
                Format::Yaml => "An earlier version gave the toll as 30.",
                Format::Toml => "\"An earlier version gave the toll as 30.\"",
            };
            out.push(
                self.error("text", "the correction's `text` is empty")
                    .with_help(Some(format!(
                        "say what was wrong and what is right: `text{assign} {example}`"
                    ))),
            );
            return None;
        }
        let field = "a correction's `text`";
        inline_markdown(
            text,
            (targets, reports),
            (field, false),
            |(offset, width), message, help| {
                out.push(
                    self.at_char(text, offset, message)
                        .with_width(width)
                        .with_help(help),
                );
            },
        )
    }

    /// An error at byte `offset` of the correction's `text`, read as `text`: at the
    /// character in the file, wherever the value is written — on its line, quoted
    /// with escapes, in a YAML `|` or `>` block, in a TOML `"""` string — or at the
    /// value when the character cannot be found.
    fn at_char(&self, text: &str, offset: usize, message: String) -> Diagnostic {
        let doc = self.doc;
        let value = doc.entry(KEY, self.index).and_then(|e| e.field("text"));
        let place = value
            .and_then(|field| nested::place_in_value(doc.matter_text(), field.value, text, offset));
        match place {
            Some(place) => doc.error_in_matter(place, message),
            None => self.error("text", message),
        }
    }
}

/// `text`, one paragraph of inline Markdown, as inline HTML without a paragraph
/// around it and as plain text: links and wikilinks resolved against `targets`,
/// citations (of `reports` too) shown as markers that record no claim. Each problem
/// goes to `problem` with where it is in `text` (byte offset, and how many
/// characters to underline, 0 for the token there), its message and help; `field`
/// names the value in messages: ``a correction's `text` ``. `None` when there is a
/// problem. A correction's text (SPEC §9.4), an account's `says` (SPEC §9.6), and
/// with `html_as_text` a summary (SPEC §2.1), whose inline raw HTML is read as the
/// text it is written as rather than refused.
pub(super) fn inline_markdown(
    text: &str,
    (targets, reports): (&Targets<'_>, &[crate::site::Report]),
    (field, html_as_text): (&str, bool),
    mut problem: impl FnMut((usize, usize), String, Option<String>),
) -> Option<(Arc<str>, Arc<str>)> {
    let problems = inline_problems(text, html_as_text);
    if !problems.is_empty() {
        for (range, what) in problems {
            let first_line = text[range.clone()].lines().next().unwrap_or_default();
            let width = first_line.trim_end().chars().count();
            let message = format!(
                "{field} is one paragraph of inline Markdown, not {}",
                what.name()
            );
            problem((range.start, width), message, Some(what.help()));
        }
        return None;
    }
    let mode = Mode {
        reports,
        html_as_text,
        ..Mode::default()
    };
    let annotated = links::annotate(text, targets, &mode);
    if !annotated.problems.is_empty() {
        for p in &annotated.problems {
            problem((p.offset, 0), p.message.clone(), p.help.clone());
        }
        return None;
    }
    let html = annotated.html.trim_end();
    let inline = html
        .strip_prefix("<p dir=\"auto\">")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html);
    Some((inline.into(), annotated.first_paragraph.as_str().into()))
}

/// What a correction's text may not hold: see [`inline_problems`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotInline {
    Heading,
    /// A bullet list, with the marker written: `-`, `*` or `+`.
    List(char),
    NumberedList,
    Quote,
    Code,
    Rule,
    Table,
    Paragraph,
    Html,
    Image,
    Footnote,
    Block,
}

impl NotInline {
    /// What it is, after "not".
    fn name(self) -> &'static str {
        match self {
            NotInline::Heading => "a heading",
            NotInline::List(_) => "a list",
            NotInline::NumberedList => "a numbered list",
            NotInline::Quote => "a block quote",
            NotInline::Code => "a code block",
            NotInline::Rule => "a thematic break",
            NotInline::Table => "a table",
            NotInline::Paragraph => "a second paragraph",
            NotInline::Html => "raw HTML",
            NotInline::Image => "an image",
            NotInline::Footnote => "a footnote",
            NotInline::Block => "a block",
        }
    }

    /// How to write it inline.
    fn help(self) -> String {
        let help = match self {
            NotInline::Heading => {
                "a line that starts with `#` and a space is a heading: leave out the `#`, or write `**…**` for emphasis"
            }
            NotInline::List(marker) => {
                return format!(
                    "a line that starts with `{marker}` and a space is a list item: write the items as one sentence"
                );
            }
            NotInline::NumberedList => {
                "a line that starts with a number and `.` or `)` is a numbered list item: to keep it as text, put a backslash before the `.`: `2024\\. …`"
            }
            NotInline::Quote => {
                "a line that starts with `>` is a block quote: quote with quotation marks instead"
            }
            NotInline::Code => "write code inline, between backquotes: `` `like this` ``",
            NotInline::Rule => {
                "a line of `---`, `***` or `___` (or `===` under text) is block syntax: leave it out"
            }
            NotInline::Table => "write what the table says as a sentence",
            NotInline::Paragraph => {
                "a blank line starts a new paragraph: join the paragraphs, or give each its own correction"
            }
            NotInline::Html => {
                "write it in Markdown: `**bold**`, `*italics*`, `[a link](https://…)`; raw HTML could break the page around the text"
            }
            NotInline::Image => "link to the image instead: `[the photo](https://…)`",
            NotInline::Footnote => "put what the note says in the text itself",
            NotInline::Block => "write the correction as one paragraph of text",
        };
        help.to_owned()
    }
}

/// Where `text` (Markdown) is more than one paragraph of inline Markdown, by byte
/// range: each block that is not the first paragraph, and raw HTML, images and
/// footnotes within it (inline raw HTML not, with `html_as_text`). What lies inside
/// a block already reported is not reported again.
fn inline_problems(text: &str, html_as_text: bool) -> Vec<(std::ops::Range<usize>, NotInline)> {
    let mut problems = Vec::new();
    let mut depth = 0usize;
    let mut paragraphs = 0usize;
    // The depth of a block already reported, inside which nothing is reported.
    let mut reported: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        let found = match &event {
            Event::Start(tag) => {
                depth += 1;
                match tag {
                    Tag::Paragraph if depth == 1 => {
                        paragraphs += 1;
                        (paragraphs > 1).then_some(NotInline::Paragraph)
                    }
                    Tag::Image { .. } => Some(NotInline::Image),
                    Tag::Heading { .. } => Some(NotInline::Heading),
                    Tag::List(Some(_)) => Some(NotInline::NumberedList),
                    Tag::List(None) => {
                        let marker = text[range.clone()].trim_start().chars().next();
                        Some(NotInline::List(marker.unwrap_or('-')))
                    }
                    Tag::BlockQuote(_) => Some(NotInline::Quote),
                    Tag::CodeBlock(_) => Some(NotInline::Code),
                    Tag::HtmlBlock => Some(NotInline::Html),
                    Tag::Table(_) => Some(NotInline::Table),
                    Tag::FootnoteDefinition(_) => Some(NotInline::Footnote),
                    _ if depth == 1 => Some(NotInline::Block),
                    _ => None,
                }
            }
            Event::End(_) => {
                if reported == Some(depth) {
                    reported = None;
                }
                depth = depth.saturating_sub(1);
                None
            }
            Event::InlineHtml(_) if html_as_text => None,
            Event::Html(_) | Event::InlineHtml(_) => Some(NotInline::Html),
            Event::FootnoteReference(_) => Some(NotInline::Footnote),
            Event::Rule => Some(NotInline::Rule),
            _ => None,
        };
        let Some(found) = found else {
            continue;
        };
        if reported.is_some() {
            continue;
        }
        problems.push((range, found));
        if matches!(event, Event::Start(_)) {
            reported = Some(depth);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, &'static str)> {
        inline_problems(text, false)
            .into_iter()
            .map(|(at, what)| (at.start, what.name()))
            .collect()
    }

    #[test]
    fn inline_markdown_has_no_problems() {
        for text in [
            "An earlier version gave the toll as 30; state TV said at least 20.",
            "It said **30**, *not* `20`, [per AFP](source:afp) and [[Kerman]].",
            "A line\nthat goes on, with a < b and 3 > 2.",
            "2024 was the year.",
        ] {
            assert_eq!(problems(text), [], "{text}");
        }
    }

    #[test]
    fn block_syntax_raw_html_images_and_footnotes_are_problems() {
        assert_eq!(problems("# Correction"), [(0, "a heading")]);
        assert_eq!(problems("2024. The toll"), [(0, "a numbered list")]);
        assert_eq!(problems("+ one\n+ two"), [(0, "a list")]);
        assert_eq!(
            inline_problems("One.\n\n- two", false).first().map(|p| p.1.help()),
            Some("a line that starts with `-` and a space is a list item: write the items as one sentence".to_owned())
        );
        assert_eq!(problems("> quoted"), [(0, "a block quote")]);
        assert_eq!(problems("One.\n\nTwo."), [(6, "a second paragraph")]);
        assert_eq!(
            problems("Said <b>30</b>."),
            [(5, "raw HTML"), (10, "raw HTML")]
        );
        assert_eq!(problems("<div>x</div>"), [(0, "raw HTML")]);
        assert_eq!(problems("See ![a](b.jpg)."), [(4, "an image")]);
        assert_eq!(problems("One.\n\n---"), [(6, "a thematic break")]);
        // Inside a block already reported, nothing more.
        assert_eq!(problems("# A <b>b</b>"), [(0, "a heading")]);
    }
}
