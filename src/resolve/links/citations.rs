//! Citations (SPEC §4, §9.1–§9.3): `[@afp]`, `[@afp; @reuters, quoting @irna]` in a
//! body become citation markers linking to the sources, and, in event bodies, claims:
//! the source and report, the anchor of the citing block (paragraph, list item, table
//! cell or heading), the sentences that carry the citations as the excerpt, and the
//! attribution notes (their text is read in `notes.rs`).
//!
//! The `@id`s are looked up in the [`Targets`](super::Targets); the markers' HTML is
//! spelled in `markup.rs`. A citation written as a link
//! (`[as per Reuters](source:reuters)`) is resolved with the other links in
//! `writer.rs` and recorded here by [`Writer::cite`].

use pulldown_cmark::{Alignment, BrokenLink, CowStr, Event, Tag, TagEnd};

use super::markup::{self, BlockKind};
use super::notes::{self, Note};
use super::targets::{TargetKind, unknown_id};
use super::text::{Piece, plain_text_at, sentences_at};
use super::writer::Writer;
use crate::site::{Cited, Named};

/// The forms a citation takes, for the help of an error in one.
const CITATION_FORMS: &str = "write each source as `@id`, several separated by `;`, and an \
     attribution note after a comma: `[@afp; @reuters, quoting @irna]`";

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
/// list item, a table cell or a heading.
struct Block {
    kind: BlockKind,
    /// Position of its start event in the writer's output.
    start: usize,
    /// `claim-N`, or the id the editor gave a heading, once something in it is
    /// cited.
    anchor: Option<String>,
    /// The id the editor gave a heading, which its claims link to.
    given_id: Option<String>,
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
    /// The notes each claim (by position) has been given, to give each once.
    notes: Vec<(usize, String)>,
}

/// The citations written in raw HTML (SPEC §9.1: "a `[@id]` inside a raw HTML
/// block is an error naming its line"): each `[@…]` a reader would see, with its
/// byte offset in `html` — not in comments, nor in `<script>` or `<style>`, which
/// no reader sees. Markdown is not read in raw HTML, so each would be shown raw and
/// cite nothing.
pub(super) fn in_html(html: &str) -> Vec<(usize, &str)> {
    let lower = html.to_ascii_lowercase();
    let mut hidden: Vec<std::ops::Range<usize>> = Vec::new();
    for (open, close) in [
        ("<!--", "-->"),
        ("<script", "</script"),
        ("<style", "</style"),
    ] {
        let mut from = 0;
        while let Some(start) = lower[from..].find(open).map(|s| from + s) {
            let end = lower[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            hidden.push(start..end);
            from = end;
        }
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("[@").map(|at| from + at) {
        let end = html[at..].find([']', '\n']).map_or(html.len(), |e| {
            at + e + usize::from(html[at + e..].starts_with(']'))
        });
        if !hidden.iter().any(|h| h.contains(&at)) {
            found.push((at, &html[at..end]));
        }
        from = end.max(at + 2);
    }
    found
}

/// What to do about a citation in a raw HTML block starting with `html`: an
/// element whose block ends at a blank line gets Markdown back after one; `<pre>`
/// and `<textarea>` run to their closing tags, so the citation must move.
pub(super) fn in_html_help(html: &str) -> &'static str {
    let lower = html.trim_start().to_ascii_lowercase();
    if ["<pre", "<textarea"].iter().any(|t| lower.starts_with(t)) {
        "a `<pre>` or `<textarea>` element is raw HTML up to its closing tag: move the \
         citation out of it"
    } else {
        "leave a blank line after the line that opens the HTML element, so that the text \
         inside is Markdown again (`<div>`, blank line, the text, blank line, `</div>`), or \
         move the citation out of the HTML"
    }
}

impl<'a> Writer<'_, '_, 'a> {
    /// `[@afp]`, `[@afp; @reuters, quoting @kerman-red-crescent]`: markers linking to
    /// the sources, and claims. `ids` is what follows [`CITE`] in the citation's link;
    /// `offset` is the citation's byte offset in the body. Problems are reported at
    /// what is wrong when the bracket's text is found in the body, else at `offset`.
    pub(super) fn citations(&mut self, ids: &str, offset: usize) {
        let base = self.bracket_text(offset, ids);
        let at = |inner: usize| base.map_or(offset, |base| base + inner);
        let mut markers = Vec::new();
        for written in notes::split_citations(ids) {
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
                    at(written.id_at),
                    format!("`{shown}` in a citation is not a source id"),
                    Some(CITATION_FORMS.to_owned()),
                );
                continue;
            };
            if id.contains(char::is_whitespace) {
                self.problem(
                    at(written.id_at),
                    format!("`{}` in a citation is not a source id", written.id),
                    Some(CITATION_FORMS.to_owned()),
                );
                continue;
            }
            let note = written.note.and_then(|n| self.note(n, at(written.note_at)));
            let id_nfc = crate::slug::nfc(id);
            match self.citation_name(&id_nfc) {
                Some((s, _))
                    if note
                        .as_ref()
                        .is_some_and(|n| n.named.iter().any(|(n, _)| n.source == s)) =>
                {
                    self.problem(
                        at(written.note_at),
                        format!("the note of `{}` names the source it is a note of", written.id),
                        Some(
                            "a note says through whom the source had it (`quoting @irna`); \
                             a source's own reporter or office needs no `@`: `quoting its correspondent`"
                                .to_owned(),
                        ),
                    );
                }
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
                    let (message, help) = self.unknown_citation(id);
                    self.problem(at(written.id_at), message, Some(help));
                }
            }
        }
        if !markers.is_empty() {
            self.write_markers(markup::citation_markers(&markers));
        }
    }

    /// Reports the citation `ids` at byte `offset`, written in an image's alt
    /// text (which is its figure's caption): alt text is plain text, and holds no
    /// marker or link.
    pub(super) fn citation_in_image(&mut self, ids: &str, offset: usize) {
        self.problem(
            offset,
            format!("citation `[{ids}]` in an image's description, which cannot hold a link"),
            Some(
                "cite in the text beside the image; its credit (the image's title) names \
                 the photographer or agency as plain text"
                    .to_owned(),
            ),
        );
    }

    /// The byte offset in the body of a citation's bracket text `ids`, the citation
    /// starting at byte `offset`: `[@afp]` has it just after the `[`, `[@afp][]`
    /// too. `None` when it is not written as is (pulldown-cmark gave it otherwise).
    fn bracket_text(&self, offset: usize, ids: &str) -> Option<usize> {
        let rest = self.body.get(offset..)?;
        let window = rest.len().min(ids.len() * 2 + 1024);
        let window = (0..=window).rev().find(|&w| rest.is_char_boundary(w))?;
        rest[..window]
            .match_indices(ids)
            .map(|(at, _)| offset + at)
            .find(|&at| self.body[..at].ends_with('['))
    }

    /// The error for a citation name that names nothing: message and help. With
    /// reports in the event, their ids are among the names suggested.
    pub(super) fn unknown_citation(&self, id: &str) -> (String, String) {
        let reports = (self.mode.reports.iter())
            .filter_map(|r| r.id.as_deref())
            .filter(|id| crate::slug::is_valid(id));
        if self.mode.reports.iter().all(|r| r.id.is_none()) {
            return unknown_id(TargetKind::Source, id, self.targets);
        }
        let mut known: Vec<&str> = (self.targets.source_ids()).chain(reports).collect();
        known.sort_unstable();
        known.dedup();
        let help = crate::suggest::did_you_mean(id, known.iter().copied()).unwrap_or_else(|| {
            let mut listed: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
            if known.len() > 8 {
                listed.push(format!("and {} more", known.len() - 8));
            }
            format!(
                "known sources and reports of this event: {}",
                listed.join(", ")
            )
        });
        (format!("unknown source or report `{id}`"), help)
    }

    /// A link citation (`[as AFP reported](source:afp)`) of `source`: a claim.
    pub(super) fn cite_link(&mut self, source: usize, report: Option<usize>) {
        self.cite(source, report, None, Side::After);
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
    /// with `note`, written next in the output: part of the innermost open block's
    /// claim of the source, made if there is none yet (SPEC §9.1: one claim per
    /// source per block). Each source the note names has its claim in the block too,
    /// `via` the source cited (SPEC §9.2). Only bodies whose mode records claims
    /// (event bodies) have claims.
    fn cite(&mut self, source: usize, report: Option<usize>, note: Option<Note>, side: Side) {
        if !self.mode.claims {
            return;
        }
        let at = (self.out.len(), side);
        let claim = self.claim(source, report, at);
        let cited = &mut self.result.citations[claim];
        cited.direct = true;
        let Some(note) = note else {
            return;
        };
        // A note already given to this claim is not repeated.
        let seen = &mut self.claims.notes;
        let shift = if seen
            .iter()
            .any(|(c, text)| *c == claim && *text == note.text)
        {
            None
        } else {
            seen.push((claim, note.text.clone()));
            Some(cited.note.as_ref().map_or(0, |before| before.len() + 2))
        };
        if let Some(shift) = shift {
            cited.note = Some(match cited.note.take() {
                Some(before) => format!("{before}; {}", note.text).into(),
                None => note.text.as_str().into(),
            });
            for (named, _) in &note.named {
                cited.named.push(Named {
                    source: named.source,
                    name: named.name.start + shift..named.name.end + shift,
                });
            }
        }
        for (named, named_report) in note.named {
            if named.source != source {
                let claim = self.claim(named.source, named_report, at);
                let via = &mut self.result.citations[claim].via;
                if !via.contains(&source) {
                    via.push(source);
                }
            }
        }
    }

    /// The claim of `source` citing `report` in the innermost open block, made if
    /// there is none yet, with the citation at output position `at` added to it;
    /// outside blocks, the body's claim of them with no anchor. Returns its position
    /// in the body's claims.
    fn claim(&mut self, source: usize, report: Option<usize>, at: (usize, Side)) -> usize {
        let claims = &mut self.claims;
        let citations = &mut self.result.citations;
        let quoted = claims.blocks.last().is_some_and(|b| b.quoted);
        let same = |c: &Cited| c.source == source && c.report == report;
        let Some(block) = claims.blocks.last_mut() else {
            if let Some(n) = (citations.iter()).position(|c| same(c) && c.anchor.is_none()) {
                return n;
            }
            citations.push(Cited::new(source, report, None, quoted));
            return citations.len() - 1;
        };
        if let Some(claim) = (block.claims.iter_mut()).find(|c| same(&citations[c.claim])) {
            claim.at.push(at);
            return claim.claim;
        }
        let anchor = block.anchor.get_or_insert_with(|| match &block.given_id {
            Some(id) => id.clone(),
            None => {
                claims.anchors += 1;
                markup::claim_anchor(claims.anchors)
            }
        });
        block.claims.push(BlockClaim {
            claim: citations.len(),
            at: vec![at],
        });
        citations.push(Cited::new(source, report, Some(anchor.clone()), quoted));
        citations.len() - 1
    }

    /// Writes the markers of one citation, remembering where they are so that the
    /// text of the block around them leaves them out.
    fn write_markers(&mut self, html: String) {
        self.markers.push(self.out.len());
        self.out.push(Event::InlineHtml(html.into()));
    }

    /// Opens a paragraph, list item or table cell: `start` is its start event,
    /// written as is unless something in it is cited.
    pub(super) fn open_block(&mut self, kind: BlockKind, start: Event<'a>) {
        let given_id = match &start {
            Event::Start(Tag::Heading { id, attrs, .. }) => id.as_deref().or_else(|| {
                (attrs.iter())
                    .find(|(name, _)| name.eq_ignore_ascii_case("id"))
                    .and_then(|(_, value)| value.as_deref())
            }),
            _ => None,
        };
        self.claims.blocks.push(Block {
            kind,
            start: self.out.len(),
            anchor: None,
            given_id: given_id.map(str::to_owned),
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
            // A block that is only a marker has no words to quote: still anchored.
            self.result.citations[claim.claim].excerpt =
                (!excerpt.is_empty()).then(|| excerpt.into());
        }
        match (block.kind.start(Some(&anchor)), &mut self.out[block.start]) {
            (Some(html), start) => *start = Event::Html(html.into()),
            // A heading keeps its markup: the id the editor gave it, or the anchor.
            (None, Event::Start(Tag::Heading { id, .. })) => {
                if block.given_id.is_none() {
                    *id = Some(anchor.into());
                }
            }
            (None, _) => {}
        }
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
    fn finds_citations_in_raw_html_outside_comments() {
        let html = "<div>\nA [@afp] b <!-- [@no] --> c [@x, note]\n[@open\n<SCRIPT>var a = \"[@no]\";</script><style>[@no]</style></div>";
        let found: Vec<&str> = super::in_html(html).into_iter().map(|(_, c)| c).collect();
        assert_eq!(found, ["[@afp]", "[@x, note]", "[@open"]);
        assert_eq!(super::in_html(html)[0].0, 8);
        assert!(super::in_html("<!-- [@a]").is_empty());
    }
}
