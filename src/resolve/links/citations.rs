//! Citations (SPEC §4, §9.1): `[@afp]` and `[@afp; @reuters]` in a body become
//! citation markers linking to the sources, and, in event bodies, claims: the source,
//! the anchor of the citing paragraph or list item, and its text as the excerpt.
//!
//! The `@id`s are looked up in the [`Targets`](super::Targets); the markers' HTML is
//! spelled in `markup.rs`. A citation written as a link
//! (`[as per Reuters](source:reuters)`) is resolved with the other links in
//! `writer.rs` and recorded here by [`Writer::cite`].

use pulldown_cmark::{Alignment, BrokenLink, CowStr, Event, Tag, TagEnd};

use super::markup::{self, BlockKind};
use super::targets::{TargetKind, unknown_id};
use super::text::{Piece, plain_text_at, sentences_at};
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

/// Which side of a citation the text it cites is on.
#[derive(Clone, Copy)]
enum Side {
    /// A marker (`[@afp]`): the text before it, up to its sentence's start.
    Before,
    /// A link citation (`[as AFP reported](source:afp)`): its own text onwards.
    After,
}

/// A claim of the block being written: which of the body's claims, and where in the
/// writer's output each of its citations is.
struct BlockClaim {
    /// Position in the body's claims ([`Annotated::citations`](super::Annotated)).
    claim: usize,
    /// Output positions of its citations, each with the side it cites.
    at: Vec<(usize, Side)>,
}

/// An open block of text that claims can be made in (SPEC §9.1): a paragraph, a
/// list item or a table cell.
struct Block {
    kind: BlockKind,
    /// Position of its start event in the writer's output.
    start: usize,
    /// `claim-N`, once something in it is cited.
    anchor: Option<String>,
    /// Whether it is in a block quote: the editor quoted it.
    quoted: bool,
    /// Its claims, one per source, in order of first citation.
    claims: Vec<BlockClaim>,
}

/// The table being written: its column alignments, whether its head row is open,
/// and the number of the next cell in the row.
#[derive(Default)]
pub(super) struct Table {
    alignments: Vec<Alignment>,
    head: bool,
    cell: usize,
}

/// The claims of a body being written: the blocks open, block quotes and tables,
/// and how many blocks have an anchor so far.
#[derive(Default)]
pub(super) struct Claims {
    /// Open blocks, innermost last.
    blocks: Vec<Block>,
    /// Anchors given so far: the next is `claim-{anchors + 1}`.
    anchors: usize,
    /// Block quotes open.
    quotes: usize,
    /// The table open, if any (tables do not nest in Markdown).
    table: Table,
}

/// One citation in a bracket: `@id`, and the attribution note after its comma.
struct Written<'c> {
    id: &'c str,
    note: Option<&'c str>,
}

/// The citations of a bracket's text (`@afp; @reuters, quoting @kerman-red-crescent`):
/// separated by `;`, each an `@id` and, after the first comma, its attribution note
/// (SPEC §9.2). Empty parts are skipped.
fn split_citations(text: &str) -> impl Iterator<Item = Written<'_>> {
    text.split(';')
        .map(|part| match part.split_once(',') {
            Some((id, note)) => Written {
                id: id.trim(),
                note: Some(note.trim()).filter(|n| !n.is_empty()),
            },
            None => Written {
                id: part.trim(),
                note: None,
            },
        })
        .filter(|c| !c.id.is_empty() || c.note.is_some())
}

/// The `@id`s in an attribution note, with their byte offsets in it: an `@` that
/// does not follow a letter or digit (as an e-mail address's does), then letters,
/// digits, `-`, `_` and `.`, less a final `.` or `-`.
fn note_ids(note: &str) -> Vec<(usize, &str)> {
    let is_id_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut ids = Vec::new();
    for (at, _) in note.match_indices('@') {
        if note[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &note[at + 1..];
        let end = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
        let id = rest[..end].trim_end_matches(['.', '-']);
        if !id.is_empty() {
            ids.push((at, id));
        }
    }
    ids
}

/// The citations written in raw HTML (SPEC §9.1: "a `[@id]` inside a raw HTML
/// block is an error naming its line"): each `[@…]` outside HTML comments, with its
/// byte offset in `html`. Markdown is not read there, so each would be shown raw and
/// cite nothing.
pub(super) fn in_html(html: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("[@").map(|at| from + at) {
        if let Some(open) = html[from..at].rfind("<!--").map(|o| from + o)
            && let Some(close) = html[open..]
                .find("-->")
                .map(|c| open + c + 3)
                .or(Some(html.len()))
            && close > at
        {
            from = close;
            continue;
        }
        let end = html[at..].find([']', '\n']).map_or(html.len(), |e| {
            at + e + usize::from(html[at + e..].starts_with(']'))
        });
        found.push((at, &html[at..end]));
        from = end.max(at + 2);
    }
    found
}

/// An attribution note resolved: its text with each `@id` written as the source's
/// name, and the sources it names.
pub(super) struct Note {
    text: String,
    named: Vec<usize>,
}

impl<'a> Writer<'_, '_, 'a> {
    /// `[@afp]`, `[@afp; @reuters, quoting @kerman-red-crescent]`: markers linking to
    /// the sources, and claims. `ids` is what follows [`CITE`] in the citation's link;
    /// `offset` is the citation's byte offset in the body, where problems are reported
    /// (at the id itself when it can be found there).
    pub(super) fn citations(&mut self, ids: &str, offset: usize) {
        let mut markers = Vec::new();
        for written in split_citations(ids) {
            let at = self.offset_of(offset, written.id);
            let Some(id) = written
                .id
                .strip_prefix('@')
                .map(str::trim)
                .filter(|id| !id.is_empty())
            else {
                let shown = if written.id.is_empty() {
                    ","
                } else {
                    written.id
                };
                self.problem(
                    at,
                    format!("`{shown}` in a citation is not a source id"),
                    Some(
                        "write each source as `@id`, several separated by `;`, and an \
                         attribution note after a comma: `[@afp; @reuters, quoting @irna]`"
                            .to_owned(),
                    ),
                );
                continue;
            };
            let note = written.note.and_then(|n| self.note(n, offset));
            let id_nfc = crate::slug::nfc(id);
            match self.citation_name(&id_nfc) {
                Some((s, report)) => {
                    let source = &self.targets.sources[s];
                    markers.push(markup::citation_marker(
                        &source.url,
                        (&source.title, &source.marker),
                        note.as_ref().map(|n| n.text.as_str()),
                    ));
                    self.cite(s, report, note, Side::Before);
                }
                None if self.targets.is_broken_id(&id_nfc) => {}
                None => {
                    let (message, help) = unknown_id(TargetKind::Source, id, self.targets);
                    self.problem(at, message, Some(help));
                }
            }
        }
        if !markers.is_empty() {
            self.write_markers(markup::citation_markers(&markers));
        }
    }

    /// Resolves an attribution note: each `@id` in it must name a source (or a
    /// report of the event), and is written as the source's name. `None` when an
    /// `@id` names nothing (reported at it; the citation is written without its note).
    fn note(&mut self, note: &str, offset: usize) -> Option<Note> {
        let mut text = String::with_capacity(note.len());
        let mut named = Vec::new();
        let mut from = 0;
        let mut broken = false;
        for (at, id) in note_ids(note) {
            text.push_str(&note[from..at]);
            from = at + 1 + id.len();
            let id_nfc = crate::slug::nfc(id);
            match self.citation_name(&id_nfc) {
                Some((s, _)) => {
                    text.push_str(&self.targets.sources[s].title);
                    if !named.contains(&s) {
                        named.push(s);
                    }
                }
                None => {
                    broken = true;
                    if !self.targets.is_broken_id(&id_nfc) {
                        let (message, help) = unknown_id(TargetKind::Source, id, self.targets);
                        let at = self.offset_of(offset, &note[at..from]);
                        self.problem(at, message, Some(help));
                    }
                }
            }
        }
        text.push_str(&note[from..]);
        let text = super::text::collapse_whitespace(&text);
        (!broken).then_some(Note { text, named })
    }

    /// The byte offset in the body of `written`, looked for in the citation starting
    /// at `offset` (up to its closing bracket); `offset` itself when not found there.
    fn offset_of(&self, offset: usize, written: &str) -> usize {
        let rest = self.body.get(offset..).unwrap_or("");
        let end = rest.find(']').unwrap_or(rest.len());
        match rest[..end].find(written) {
            Some(at) if !written.is_empty() => offset + at,
            _ => offset,
        }
    }

    /// Writes the markers of one citation, remembering where they are so that the
    /// text of the block around them leaves them out.
    fn write_markers(&mut self, html: String) {
        self.markers.push(self.out.len());
        self.out.push(Event::InlineHtml(html.into()));
    }

    /// A link citation (`[as AFP reported](source:afp)`) of `source`: a claim.
    pub(super) fn cite_link(&mut self, source: usize) {
        self.cite(source, self.only_report(source), None, Side::After);
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

    /// Records a citation of `source` (its position in the sources) citing `report`
    /// with `note`, written next in the output: a claim of the innermost open block,
    /// which gets an anchor if it has none yet, or part of the block's claim of the
    /// source if it has one (SPEC §9.1: one claim per source per block). Each source
    /// the note names makes a claim too, `via` the source cited (SPEC §9.2). Only
    /// bodies whose mode records claims (event bodies) have claims.
    fn cite(&mut self, source: usize, report: Option<usize>, note: Option<Note>, side: Side) {
        if !self.mode.claims {
            return;
        }
        let at = (self.out.len(), side);
        let claim = self.claim(source, None, at);
        let cited = &mut self.result.citations[claim];
        cited.report = cited.report.or(report);
        let Some(note) = note else {
            return;
        };
        cited.note = Some(match cited.note.take() {
            Some(before) if *before == *note.text => before,
            Some(before) => format!("{before}; {}", note.text).into(),
            None => note.text.into(),
        });
        for &named in &note.named {
            if !cited.named.contains(&named) {
                cited.named.push(named);
            }
        }
        for named in note.named {
            if named != source {
                let claim = self.claim(named, Some(source), at);
                let cited = &mut self.result.citations[claim];
                cited.report = cited.report.or(report);
            }
        }
    }

    /// The claim of `source` (made `via` another, or directly) in the innermost open
    /// block, made if there is none yet, with the citation at output position `at`
    /// added to it; outside blocks, the body's claim of `source` with no anchor.
    /// Returns its position in the body's claims.
    fn claim(&mut self, source: usize, via: Option<usize>, at: (usize, Side)) -> usize {
        let claims = &mut self.claims;
        let citations = &mut self.result.citations;
        let quoted = claims.blocks.last().is_some_and(|b| b.quoted);
        let same = |c: &Cited| c.source == source && c.via == via;
        let Some(block) = claims.blocks.last_mut() else {
            if let Some(n) = (citations.iter()).position(|c| same(c) && c.anchor.is_none()) {
                return n;
            }
            citations.push(Cited::new(source, via, None, quoted));
            return citations.len() - 1;
        };
        if let Some(claim) = block.claims.iter_mut().find(|c| same(&citations[c.claim])) {
            claim.at.push(at);
            return claim.claim;
        }
        let anchor = block.anchor.get_or_insert_with(|| {
            claims.anchors += 1;
            markup::claim_anchor(claims.anchors)
        });
        block.claims.push(BlockClaim {
            claim: citations.len(),
            at: vec![at],
        });
        citations.push(Cited::new(source, via, Some(anchor.clone()), quoted));
        citations.len() - 1
    }

    /// Opens a paragraph, list item or table cell: `start` is its start event,
    /// written as is unless something in it is cited.
    pub(super) fn open_block(&mut self, kind: BlockKind, start: Event<'a>) {
        self.claims.blocks.push(Block {
            kind,
            start: self.out.len(),
            anchor: None,
            quoted: self.claims.quotes > 0,
            claims: Vec::new(),
        });
        self.out.push(start);
    }

    /// Opens a table cell (its start event is `start`), a block claims can be made in.
    pub(super) fn open_cell(&mut self, start: Event<'a>) {
        let table = &self.claims.table;
        let kind = BlockKind::Cell {
            head: table.head,
            alignment: table.alignments.get(table.cell).copied(),
        };
        self.open_block(kind, start);
    }

    /// Notes what tables and block quotes open and close, for the blocks in them.
    pub(super) fn structure(&mut self, event: &Event<'a>) {
        let claims = &mut self.claims;
        match event {
            Event::Start(Tag::BlockQuote(_)) => claims.quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => claims.quotes = claims.quotes.saturating_sub(1),
            Event::Start(Tag::Table(alignments)) => {
                claims.table = Table {
                    alignments: alignments.clone(),
                    ..Table::default()
                }
            }
            Event::Start(Tag::TableHead) => {
                claims.table.head = true;
                claims.table.cell = 0;
            }
            Event::End(TagEnd::TableHead) => claims.table.head = false,
            Event::Start(Tag::TableRow) => claims.table.cell = 0,
            Event::End(TagEnd::TableCell) => claims.table.cell += 1,
            _ => {}
        }
    }

    /// Closes a paragraph, item or cell with its `end` event; if something in it was
    /// cited, gives it an id and fills in the excerpt of each of its claims: the
    /// sentences that carry its citations (SPEC §9.1).
    pub(super) fn close_block(&mut self, end: Event<'a>) {
        let Some(block) = self.claims.blocks.pop() else {
            self.out.push(end);
            return;
        };
        let Some(anchor) = block.anchor else {
            self.out.push(end);
            return;
        };
        let from = block.start + 1;
        let mut places: Vec<usize> = block
            .claims
            .iter()
            .flat_map(|c| c.at.iter().map(|&(at, _)| at - from))
            .collect();
        places.sort_unstable();
        places.dedup();
        let (text, offsets) = plain_text_at(self.written_from(from), &places);
        for claim in &block.claims {
            let at: Vec<(usize, bool)> = claim
                .at
                .iter()
                .map(|&(at, side)| {
                    let place = places.partition_point(|&p| p < at - from);
                    let offset = offsets.get(place).copied().unwrap_or(text.len());
                    (offset, matches!(side, Side::Before))
                })
                .collect();
            let excerpt = sentences_at(&text, &at);
            self.result.citations[claim.claim].excerpt = Some(excerpt.into());
        }
        self.out[block.start] = Event::Html(block.kind.start(&anchor).into());
        match block.kind.end() {
            Some(html) => self.out.push(Event::Html(html.into())),
            None => self.out.push(end),
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
        assert_eq!(out.problems[0].offset, 6);
    }

    #[test]
    fn splits_citations_and_their_notes() {
        let parts: Vec<(&str, Option<&str>)> =
            super::split_citations("@afp; @reuters, quoting @krc, later ; ")
                .map(|c| (c.id, c.note))
                .collect();
        assert_eq!(
            parts,
            [("@afp", None), ("@reuters", Some("quoting @krc, later"))]
        );
    }

    #[test]
    fn finds_the_ids_a_note_names_but_not_e_mail_addresses() {
        assert_eq!(
            super::note_ids("quoting @kerman-red-crescent. Mail desk@afp.com, and @irna."),
            [(8, "kerman-red-crescent"), (53, "irna")]
        );
    }

    #[test]
    fn finds_citations_in_raw_html_outside_comments() {
        let html = "<div>\nA [@afp] b <!-- [@no] --> c [@x, note]\n[@open\n</div>";
        let found: Vec<&str> = super::in_html(html).into_iter().map(|(_, c)| c).collect();
        assert_eq!(found, ["[@afp]", "[@x, note]", "[@open"]);
        assert_eq!(super::in_html(html)[0].0, 8);
        assert!(super::in_html("<!-- [@a]").is_empty());
    }
}
