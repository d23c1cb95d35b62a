//! Citations (SPEC §4, §9.1): `[@afp]` and `[@afp; @reuters]` in a body become
//! citation markers linking to the sources, and, in event bodies, claims: the source,
//! the anchor of the citing paragraph or list item, and its text as the excerpt.
//!
//! The `@id`s are looked up in the [`Targets`](super::Targets); the markers' HTML is
//! spelled in `markup.rs`. A citation written as a link
//! (`[as per Reuters](source:reuters)`) is resolved with the other links in
//! `writer.rs` and recorded here by [`Writer::cite`].

use pulldown_cmark::{BrokenLink, CowStr, Event};

use super::markup::{self, BlockKind};
use super::targets::{TargetKind, unknown_id};
use super::text::{Piece, plain_text};
use super::writer::Writer;
use crate::site::Cited;

/// What starts the destination of a citation's link in parsed events: `[@afp]` is
/// parsed as a link to `cite:@afp` (see [`citation_link`]).
pub(super) const CITE: &str = "cite:";

/// The broken-link callback that makes a citation of a bracketed reference starting
/// with `@` (`[@afp]`, `[@afp; @reuters]`): a link to `cite:` and the reference
/// as written, without a title. Other unknown references stay text.
pub(super) fn citation_link<'i>(link: BrokenLink<'i>) -> Option<(CowStr<'i>, CowStr<'i>)> {
    let reference = link.reference.trim();
    reference
        .starts_with('@')
        .then(|| (CowStr::from(format!("{CITE}{reference}")), CowStr::from("")))
}

/// An open paragraph or list item: where its start event sits in the output, and the
/// anchor it gets once something in it is cited.
struct Block {
    kind: BlockKind,
    /// Position of its start event in the writer's output.
    start: usize,
    /// `claim-N`, once something in it is cited.
    anchor: Option<String>,
    /// Citations before this one belong to earlier blocks.
    first_citation: usize,
}

/// The claims of a body being written: the paragraphs and list items open, and how
/// many have an anchor so far.
#[derive(Default)]
pub(super) struct Claims {
    /// Open blocks, innermost last.
    blocks: Vec<Block>,
    /// Anchors given so far: the next is `claim-{anchors + 1}`.
    anchors: usize,
}

impl<'a> Writer<'_, '_, 'a> {
    /// `[@afp]`, `[@afp; @reuters]`: markers linking to the sources, and claims.
    /// `ids` is what follows [`CITE`] in the citation's link (`@afp; @reuters`);
    /// `offset` is the citation's byte offset in the body, where problems are reported.
    pub(super) fn citations(&mut self, ids: &str, offset: usize) {
        let mut markers = Vec::new();
        for id in ids
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let Some(id) = id
                .strip_prefix('@')
                .map(str::trim)
                .filter(|id| !id.is_empty())
            else {
                self.problem(
                    offset,
                    format!("`{id}` in a citation is not a source id"),
                    Some("write each source as `@id` after the `@`: `[@afp; @reuters]`".to_owned()),
                );
                continue;
            };
            let id_nfc = crate::slug::nfc(id);
            match self.citation_name(&id_nfc) {
                Some((s, report)) => {
                    let source = &self.targets.sources[s];
                    markers.push(markup::citation_marker(
                        &source.url,
                        &source.title,
                        &source.marker,
                    ));
                    self.cite(s, report);
                }
                None if self.targets.is_broken_id(&id_nfc) => {}
                None => {
                    let (message, help) = unknown_id(TargetKind::Source, id, self.targets);
                    self.problem(offset, message, Some(help));
                }
            }
        }
        if !markers.is_empty() {
            self.write_markers(markup::citation_markers(&markers));
        }
    }

    /// Writes the markers of one citation, remembering where they are so that the
    /// text of the block around them leaves them out.
    fn write_markers(&mut self, html: String) {
        self.markers.push(self.out.len());
        self.out.push(Event::InlineHtml(html.into()));
    }

    /// What a citation name (`afp`, `afp-toll`, NFC) cites in this body: a report of
    /// the event by its id, else a source by its id (SPEC §9.3). Returns the source and
    /// the report: the named one, or the source's only report in the event.
    pub(super) fn citation_name(&self, name: &str) -> Option<(usize, Option<usize>)> {
        let reports = self.mode.reports;
        if let Some(r) = reports.iter().position(|r| r.id.as_deref() == Some(name)) {
            return Some((reports[r].source, Some(r)));
        }
        let s = self.targets.lookup(TargetKind::Source, name)?;
        Some((s, self.only_report(s)))
    }

    /// The event's report from `source`, if it has exactly one.
    pub(super) fn only_report(&self, source: usize) -> Option<usize> {
        let mut of_source =
            (self.mode.reports.iter().enumerate()).filter(|(_, r)| r.source == source);
        match (of_source.next(), of_source.next()) {
            (Some((r, _)), None) => Some(r),
            _ => None,
        }
    }

    /// Records a claim of `source` (its position in the sources) in the innermost open
    /// block, which gets an anchor if it has none yet; `report` is the report cited.
    /// Only bodies whose mode records claims (event bodies) have claims.
    pub(super) fn cite(&mut self, source: usize, report: Option<usize>) {
        if !self.mode.claims {
            return;
        }
        let claims = &mut self.claims;
        let anchor = claims.blocks.last_mut().map(|block| {
            block
                .anchor
                .get_or_insert_with(|| {
                    claims.anchors += 1;
                    markup::claim_anchor(claims.anchors)
                })
                .clone()
        });
        self.result.citations.push(Cited {
            source,
            anchor,
            excerpt: None,
            note: None,
            named: Vec::new(),
            report,
            quoted: false,
        });
    }

    /// Opens a paragraph or list item: `start` is its start event, written as is
    /// unless something in it is cited.
    pub(super) fn open_block(&mut self, kind: BlockKind, start: Event<'a>) {
        self.claims.blocks.push(Block {
            kind,
            start: self.out.len(),
            anchor: None,
            first_citation: self.result.citations.len(),
        });
        self.out.push(start);
    }

    /// Closes a paragraph or item with its `end` event; if something in it was cited,
    /// gives it an id and fills in the excerpt of its claims.
    pub(super) fn close_block(&mut self, end: Event<'a>) {
        let Some(block) = self.claims.blocks.pop() else {
            self.out.push(end);
            return;
        };
        let Some(anchor) = block.anchor else {
            self.out.push(end);
            return;
        };
        let excerpt: std::sync::Arc<str> = plain_text(self.written_from(block.start + 1)).into();
        let first = block.first_citation;
        self.out[block.start] = Event::Html(block.kind.start(&anchor).into());
        self.out.push(Event::Html(block.kind.end().into()));
        for claim in self.result.citations[first..]
            .iter_mut()
            .filter(|c| c.anchor.as_deref() == Some(anchor.as_str()))
        {
            if claim.excerpt.is_none() {
                claim.excerpt = Some(excerpt.clone());
            }
        }
    }

    /// The events written from position `from` on, with the citation markers among them
    /// told apart by where they were written, not by their HTML.
    fn written_from(&self, from: usize) -> impl Iterator<Item = Piece<'_, 'a>> {
        let first = self.markers.partition_point(|&at| at < from);
        let mut markers = self.markers[first..].iter().copied().peekable();
        self.out[from..].iter().enumerate().map(move |(i, event)| {
            if markers.next_if_eq(&(from + i)).is_some() {
                Piece::Marker
            } else {
                Piece::Event(event)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::annotate;
    use super::super::fixtures::{event_mode, targets};
    use crate::config::Config;

    #[test]
    fn excerpt_of_an_item_leaves_out_nested_lists() {
        let config = Config::default();
        let out = annotate(
            "- outer [@afp]\n  - inner one\n  - inner two\n",
            &targets(&config),
            &event_mode(),
        );
        assert_eq!(out.citations[0].excerpt.as_deref(), Some("outer"));
        assert_eq!(out.citations[0].anchor.as_deref(), Some("claim-1"));
    }

    #[test]
    fn excerpt_leaves_out_the_markers_written_not_raw_html_that_looks_like_one() {
        let config = Config::default();
        let out = annotate(
            "Said <a class=\"cite\" href=\"/x\">so</a> here [@afp].\n",
            &targets(&config),
            &event_mode(),
        );
        assert_eq!(out.citations[0].excerpt.as_deref(), Some("Said so here."));
    }

    #[test]
    fn reports_an_empty_citation() {
        let config = Config::default();
        let out = annotate("Text [@ ].\n", &targets(&config), &event_mode());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].offset, 5);
    }
}
