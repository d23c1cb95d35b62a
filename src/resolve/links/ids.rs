//! Ids in a body (SPEC §9.1: claim anchors "never collide with heading or footnote
//! ids"): the ids an editor writes — `{#notes}` (or `{id=notes}`) on a heading,
//! `id="notes"` in raw HTML — and those the build gives: claim anchors (`claim-N`,
//! `citations.rs`), footnotes (`fn-N`, here) and, outside the body on the event
//! page, the event's reports (`report-N`, SPEC §9.3).
//!
//! Generated ids follow two patterns no editor id may take, so they cannot collide
//! with what an editor writes, and are numbered, so they cannot collide with each
//! other. An editor id used twice in one body is an error at the second. Whether an
//! editor id is one the page layout uses is known only with the theme: the ids
//! written are handed on in [`Annotated::ids`](super::Annotated), and render checks
//! them against the templates.

use crate::fingerprint::FastMap as HashMap;
use std::ops::Range;

use super::markup;
use super::writer::Writer;

/// The ids of one body: those written by the editor, and the footnotes numbered.
#[derive(Default)]
pub(super) struct BodyIds {
    /// Each id the editor wrote, with the byte offset of its first use.
    written: HashMap<String, usize>,
    /// Footnote labels by number, in order of first reference or definition (as
    /// pulldown-cmark numbers them).
    footnotes: HashMap<String, usize>,
    /// The labels of the footnotes defined so far, with the byte offset of each
    /// definition.
    defined: HashMap<String, usize>,
}

/// What starts the id of a report in the event page's list of reports; its
/// position in the list follows (SPEC §9.3).
const REPORT_ID_PREFIX: &str = "report-";

/// The id of the `n`th (from 1) report of an event in its page's list of reports,
/// which source pages link to: `report-2`.
pub fn report_anchor(n: usize) -> String {
    format!("{REPORT_ID_PREFIX}{n}")
}

/// What the build generates ids for, if `id` has the shape of one of its ids:
/// `claim-`, `fn-` or `report-` followed by digits. Such ids are the build's alone.
pub fn generated_id_kind(id: &str) -> Option<&'static str> {
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    if numbered(markup::CLAIM_ID_PREFIX) {
        Some("claim anchors")
    } else if numbered(markup::FOOTNOTE_ID_PREFIX) {
        Some("footnotes")
    } else if numbered(REPORT_ID_PREFIX) {
        Some("an event's reports")
    } else {
        None
    }
}

impl Writer<'_, '_, '_> {
    /// Records an id the editor wrote at byte `offset`: an error if it has the
    /// shape of a generated id or was used before in this body.
    pub(super) fn written_id(&mut self, id: &str, offset: usize) {
        if let Some(kind) = generated_id_kind(id) {
            self.problem(
                offset,
                format!("id `{id}` has the form the build gives {kind}; choose another"),
                Some(
                    "ids `claim-N` mark citing blocks, `fn-N` footnotes and `report-N` \
                     the reports an event lists: another id of that form would be a second \
                     element with the same id"
                        .to_owned(),
                ),
            );
            return;
        }
        if let Some(&first) = self.ids.written.get(id) {
            self.problem_also(
                offset,
                format!("id `{id}` is used twice on this page; choose another"),
                "an id names one place on a page; the first `{id}` is on line {line}"
                    .replace("{id}", id),
                first,
            );
            return;
        }
        self.ids.written.insert(id.to_owned(), offset);
        self.result.ids.push((id.to_owned(), offset));
    }

    /// Records the ids of the start tags in raw HTML written at byte `offset`.
    pub(super) fn written_html_ids(&mut self, html: &str, offset: usize) {
        for (at, id) in html_ids(html) {
            self.written_id(id, offset + at);
        }
    }

    /// The number of the footnote `label`: its position among the labels met so far,
    /// or the next one.
    pub(super) fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.ids.footnotes.len() + 1;
        *self.ids.footnotes.entry(label.to_owned()).or_insert(next)
    }

    /// Records the definition of footnote `label` at byte `offset`: an error when
    /// it is defined a second time, as its two notes would share one id (`fn-N`)
    /// and its references could lead to only one of them.
    pub(super) fn footnote_defined(&mut self, label: &str, offset: usize) {
        if let Some(&first) = self.ids.defined.get(label) {
            self.problem_also(
                offset,
                format!("footnote `[^{label}]` is defined twice"),
                "the first definition is on line {line}; give this note a label of its own, or keep one"
                    .to_owned(),
                first,
            );
            return;
        }
        self.ids.defined.insert(label.to_owned(), offset);
    }
}

/// Where the id `id` is written in the attributes of the heading that starts at
/// byte `heading` of `body` (`{#id}` or `{id=id}`, on its first line): the byte
/// offset of the `#` or of `id=`, else the heading's start.
pub(super) fn heading_id_offset(body: &str, heading: usize, id: &str) -> usize {
    let line = body
        .get(heading..)
        .and_then(|rest| rest.split('\n').next())
        .unwrap_or_default();
    let Some(open) = line.rfind('{') else {
        return heading;
    };
    let attributes = &line[open..];
    let found = attributes.split_ascii_whitespace().find_map(|attribute| {
        let attribute = attribute.trim_start_matches('{').trim_end_matches('}');
        let written = attribute.strip_prefix('#').or_else(|| {
            attribute
                .get(..3)
                .filter(|name| name.eq_ignore_ascii_case("id="))
                .map(|_| &attribute[3..])
        })?;
        (written == id).then(|| attribute.as_ptr() as usize - line.as_ptr() as usize)
    });
    found.map_or(heading, |at| heading + at)
}

/// The `id` attributes of the start tags in a piece of raw HTML, with their byte
/// offsets: `<h2 id="notes">`, `<a id='x'>`, `<span id=x>`. The piece is read by the
/// one HTML tokenizer ([`crate::html::tokens::scan`]): comments, end tags and the
/// text of raw text elements (`<script>`, `<textarea>` …) hold no ids. A tag cut off
/// by the end of the piece gives the ids read so far; an empty `id` is none.
pub(super) fn html_ids(html: &str) -> Vec<(usize, &str)> {
    /// Collects `id` values with their offsets in the piece.
    struct Ids<'h> {
        html: &'h str,
        found: Vec<(usize, &'h str)>,
    }
    impl<'h> crate::html::tokens::Sink<'h> for Ids<'h> {
        fn attribute(&mut self, name: &'h str, value: &'h str, _span: Range<usize>) {
            if name.eq_ignore_ascii_case("id") && !value.is_empty() {
                let at = value.as_ptr() as usize - self.html.as_ptr() as usize;
                self.found.push((at, value));
            }
        }
    }
    let mut ids = Ids {
        html,
        found: Vec::new(),
    };
    crate::html::tokens::scan(html, &mut ids);
    ids.found
}

#[cfg(test)]
mod tests {
    use super::super::annotate;
    use super::super::fixtures::{event_mode, targets};
    use super::{generated_id_kind, html_ids, report_anchor};
    use crate::config::Config;

    #[test]
    fn reads_id_attributes_of_start_tags_only() {
        let html = "<div id=\"a\" class=x><!-- <p id=no> --><span ID='b'></span><p data-id=c id=d/>\n<a\nid = e>";
        let ids: Vec<&str> = html_ids(html).into_iter().map(|(_, id)| id).collect();
        // An unquoted value runs to whitespace or `>`, slash included, as browsers read it.
        assert_eq!(ids, ["a", "b", "d/", "e"]);
        assert_eq!(html_ids("<b id=\"x"), []);
        assert_eq!(html_ids("<div id=\"x\""), [(9, "x")]);
        for odd in [
            "<",
            "<a",
            "<a id",
            "<a id=",
            "<a id='",
            "<!--",
            "<a =x>",
            "ق<ق id=ق>",
        ] {
            let _ = html_ids(odd);
        }
    }

    #[test]
    fn raw_text_elements_hold_no_ids() {
        let html = "<script>document.write('<span id=\"notes\">x</span>');</script><textarea><b id=\"main\"></b></textarea><p id=kept>";
        assert_eq!(html_ids(html), [(html.len() - 5, "kept")]);
    }

    #[test]
    fn generated_ids_are_claim_footnote_and_report_numbers() {
        assert_eq!(generated_id_kind("claim-2"), Some("claim anchors"));
        assert_eq!(generated_id_kind("fn-10"), Some("footnotes"));
        assert_eq!(generated_id_kind("report-1"), Some("an event's reports"));
        assert_eq!(report_anchor(3), "report-3");
        for free in [
            "claim-",
            "claim-x",
            "claims-1",
            "fn-",
            "fn-notes",
            "main",
            "report-",
            "reports-1",
        ] {
            assert_eq!(generated_id_kind(free), None, "{free}");
        }
    }

    #[test]
    fn footnotes_get_numbered_ids_whatever_their_labels() {
        let config = Config::default();
        let out = annotate(
            "Said so.[^claim-1] Again.[^main] Once more.[^claim-1]\n\n[^main]: Main note.\n\n[^claim-1]: First note [@afp].\n",
            &targets(&config),
            &event_mode(),
        );
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let html = &out.html;
        assert_eq!(html.matches("href=\"#fn-1\"").count(), 2, "{html}");
        assert_eq!(html.matches("href=\"#fn-2\"").count(), 1, "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-2\" dir=\"auto\"><sup class=\"footnote-definition-label\">2</sup>"), "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-1\" dir=\"auto\"><sup class=\"footnote-definition-label\">1</sup>"), "{html}");
        assert!(
            html.contains("<p id=\"claim-1\" dir=\"auto\">First note"),
            "{html}"
        );
        assert!(!html.contains("id=\"main\""), "{html}");
    }

    #[test]
    fn written_ids_are_reported_when_generated_or_repeated() {
        let config = Config::default();
        let body = "## Notes {#notes}\n\n## Claim {#claim-1}\n\n<p id=\"fn-3\">x</p>\n\n## Again {id=notes}\n\nText <span id=\"notes\">y</span>.\n";
        let out = annotate(body, &targets(&config), &event_mode());
        let found: Vec<(usize, &str)> = out
            .problems
            .iter()
            .map(|p| (p.offset, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    29,
                    "id `claim-1` has the form the build gives claim anchors; choose another"
                ),
                (
                    47,
                    "id `fn-3` has the form the build gives footnotes; choose another"
                ),
                (70, "id `notes` is used twice on this page; choose another"),
                (96, "id `notes` is used twice on this page; choose another"),
            ]
        );
        assert_eq!(out.problems[2].also, Some(10));
        assert_eq!(out.ids, [("notes".to_owned(), 10)]);
    }
}
