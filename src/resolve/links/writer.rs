//! The Markdown rewriter: walks the events of one body once, in order, and writes them
//! out with every annotation resolved (SPEC §4) — links to events, explainers and
//! sources, wikilinks, body images, figures and background cards — handing citations to
//! `citations.rs` and plain text to `alias_links.rs`.
//!
//! What a link points at is decided in `targets.rs`; the HTML written in place of an
//! annotation is spelled in `markup.rs`. Here is the order of things and the state the
//! walk is in: which link is open, and whether text may take alias links.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use super::citations::{CITE, Claims, citation_link};
use super::ids::BodyIds;
use super::markup::{self, BlockKind};
use super::targets::{Target, Targets, resolve_link};
use super::text::{first_paragraph, parsed, plain_text};
use super::{Annotated, BodyError, Mode};
use crate::fingerprint::FastSet as HashSet;
use crate::load::image_size::Size;

/// The events of `body` as the writer reads them: parsed in dateline's dialect with
/// `[@id]` made citation links, without the events of the inline explainer sections
/// `mode` shows as cards, and with runs of text joined. Each comes with its byte
/// range in `body`.
pub(super) fn parse<'a>(body: &'a str, mode: &Mode<'_>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut callback = citation_link;
    let parser = Parser::new_with_broken_link_callback(
        body,
        crate::markdown::options(),
        Some(&mut callback),
    );
    let as_text = mode.html_as_text;
    merge_text(
        parser
            .into_offset_iter()
            .filter(|(_, range)| {
                !mode
                    .cards
                    .iter()
                    .any(|(card, _)| card.contains(&range.start))
            })
            .map(move |(event, range)| match event {
                Event::InlineHtml(html) if as_text => (Event::Text(html), range),
                event => (event, range),
            }),
    )
}

/// Joins runs of text events (pulldown-cmark splits text at quotes, entities and line
/// ends), so word boundaries and aliases can be seen whole, even when a hard-wrapped
/// file breaks a name over two lines. A soft line break joins the run as the `\n` it
/// is written as in HTML; in an image's alt text, where it is written as a space, it
/// stays a break.
fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> =
        Vec::with_capacity(events.size_hint().0.max(64));
    // A run being joined: its text so far and its range.
    let mut run: Option<(String, Range<usize>)> = None;
    let mut images = 0usize;
    for (mut event, range) in events {
        match event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::SoftBreak if images == 0 => event = Event::Text("\n".into()),
            _ => {}
        }
        if let Event::Text(text) = &event {
            match &mut run {
                Some((joined, joined_range)) => {
                    joined.push_str(text);
                    joined_range.end = range.end;
                }
                None if matches!(merged.last(), Some((Event::Text(_), _))) => {
                    let (Event::Text(prev), prev_range) = merged.pop().expect("just matched")
                    else {
                        unreachable!("matched a text event");
                    };
                    run = Some((format!("{prev}{text}"), prev_range.start..range.end));
                }
                None => merged.push((event, range)),
            }
            continue;
        }
        if let Some((joined, joined_range)) = run.take() {
            merged.push((Event::Text(joined.into()), joined_range));
        }
        merged.push((event, range));
    }
    if let Some((joined, joined_range)) = run {
        merged.push((Event::Text(joined.into()), joined_range));
    }
    merged
}

/// Explainers the body links explicitly (or shows as cards): alias links skip them,
/// so no explainer is linked twice on a page.
fn prelinked(
    events: &[(Event<'_>, Range<usize>)],
    targets: &Targets<'_>,
    mode: &Mode<'_>,
) -> HashSet<usize> {
    let mut linked: HashSet<usize> = mode.cards.iter().map(|(_, x)| *x).collect();
    for (event, _) in events {
        if let Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) = event
            && let Ok(Target::Explainer(x)) = resolve_link(*link_type, dest_url, targets)
        {
            linked.insert(x);
        }
    }
    linked
}

/// The Markdown link the writer is in, if any, and what becomes of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum OpenLink {
    /// Not in a link.
    #[default]
    None,
    /// A link written out, start and end: an annotation resolved, or a plain link.
    Written,
    /// A wikilink that names nothing (reported): its text stays, unlinked.
    Dropped,
    /// A citation: its markers were written in its place, and its text is dropped.
    Citation,
    /// A link pulldown-cmark reports inside a citation's text (an autolink, as in
    /// `[a <https://x.org> b][@afp]`): written out, but its text is dropped with the
    /// citation's. Its end ends the citation too: the writer keeps one open link.
    WrittenInCitation,
}

impl OpenLink {
    /// Whether the text of the link is dropped (a citation's, and a link's in it).
    fn drops_text(self) -> bool {
        matches!(self, OpenLink::Citation | OpenLink::WrittenInCitation)
    }

    /// Whether the link's end is written (its start was).
    fn writes_end(self) -> bool {
        matches!(self, OpenLink::Written | OpenLink::WrittenInCitation)
    }
}

/// Where the walk is, as far as rewriting text is concerned.
#[derive(Default)]
struct Place {
    /// The Markdown link open.
    link: OpenLink,
    /// Headings and code blocks open: their text takes no alias links (an image's
    /// alt text is written whole at its start, and takes none either).
    plain_depth: usize,
    /// Whether the last raw HTML `<a …>` or `</a>` opened a link: raw HTML links count
    /// as links, with no alias link inside.
    in_html_link: bool,
}

impl Place {
    /// Whether text here may take alias links: outside links, headings and code.
    fn takes_alias_links(&self) -> bool {
        self.link == OpenLink::None && !self.in_html_link && self.plain_depth == 0
    }
}

/// The state of one body being rewritten, and what has been found in it so far.
pub(super) struct Writer<'t, 'm, 'a> {
    /// What the body's annotations may point at.
    pub(super) targets: &'t Targets<'t>,
    /// What kind of body this is: whether it records claims and links aliases.
    pub(super) mode: &'m Mode<'m>,
    /// The events written so far.
    pub(super) out: Vec<Event<'a>>,
    /// Positions in `out` of the citation markers written, ascending: the text of a
    /// claim leaves them out (`citations.rs`).
    pub(super) markers: Vec<usize>,
    /// What was found so far; its `html` is filled in by [`Writer::finish`].
    pub(super) result: Annotated,
    /// The paragraphs and list items open, for claim anchors and excerpts.
    pub(super) claims: Claims,
    /// Explainers linked on this page so far (explicitly, by card or by alias);
    /// alias links skip them.
    pub(super) linked: HashSet<usize>,
    /// Inline explainer sections not yet shown as cards: body range and explainer, in
    /// body order.
    cards: &'m [(Range<usize>, usize)],
    /// Which link is open, and whether text here may take alias links.
    place: Place,
    /// The ids written so far, and the footnotes numbered.
    pub(super) ids: BodyIds,
    /// The body being written, where problems with what an event says are placed.
    pub(super) body: &'a str,
    /// The raw HTML block being written, if any: its text so far, and where each
    /// of its pieces starts in that text and in the body. Its ids are read once it
    /// ends, so a tag written over several lines is read whole.
    html_block: Option<(String, Vec<(usize, usize)>)>,
}

impl<'t, 'm, 'a> Writer<'t, 'm, 'a> {
    /// A writer for a body of `events` (from [`parse`]); finds the body's first
    /// paragraph and the explainers it links explicitly before anything is written.
    pub(super) fn new(
        body: &'a str,
        (targets, mode): (&'t Targets<'t>, &'m Mode<'m>),
        events: &[(Event<'a>, Range<usize>)],
    ) -> Self {
        Writer {
            targets,
            mode,
            out: Vec::with_capacity(events.len() + 16),
            markers: Vec::new(),
            result: Annotated {
                first_paragraph: first_paragraph(events),
                ..Annotated::default()
            },
            claims: Claims::default(),
            linked: prelinked(events, targets, mode),
            cards: mode.cards,
            place: Place::default(),
            ids: BodyIds::default(),
            body,
            html_block: None,
        }
    }

    /// Writes every event, and the cards of inline explainer sections where the
    /// sections were.
    pub(super) fn run(&mut self, mut events: Vec<(Event<'a>, Range<usize>)>) {
        let mut i = 0;
        while i < events.len() {
            let event = std::mem::replace(&mut events[i].0, Event::Rule);
            let offset = events[i].1.start;
            i += 1;
            self.cards_up_to(offset);
            i = self.write(event, offset, &events, i);
        }
        self.remaining_cards();
    }

    /// The HTML of everything written, with what was found; `capacity` is a guess
    /// of the HTML's length in bytes.
    pub(super) fn finish(self, capacity: usize) -> Annotated {
        let Writer {
            out, mut result, ..
        } = self;
        let mut html = String::with_capacity(capacity);
        html::push_html(&mut html, super::direction::blocks_auto(out));
        result.html = html.into();
        result
    }

    /// Writes one event, found at byte `offset` of the body; the events after it are
    /// `events[next..]`. Returns the position of the next event to write, past those
    /// this one took (a figure's).
    fn write(
        &mut self,
        event: Event<'a>,
        offset: usize,
        events: &[(Event<'a>, Range<usize>)],
        next: usize,
    ) -> usize {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, dest_url, (title, id), offset),
            Event::End(TagEnd::Link) => self.end_link(),
            _ if self.place.link.drops_text() => {}
            Event::Start(Tag::Paragraph) => return self.paragraph(events, next, offset),
            Event::Start(Tag::Item) => self.open_block(BlockKind::Item, Event::Start(Tag::Item)),
            Event::Start(Tag::TableCell) => self.open_cell(event),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.close_block(event),
            Event::End(TagEnd::TableCell) => {
                self.close_block(event);
                self.structure(&Event::End(TagEnd::TableCell));
            }
            Event::Start(Tag::BlockQuote(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow)
            | Event::End(TagEnd::BlockQuote(_) | TagEnd::TableHead) => {
                self.structure(&event);
                self.out.push(event);
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => return self.inline_image((&dest_url, &title), offset, events, next),
            Event::Start(Tag::CodeBlock(kind)) => {
                self.place.plain_depth += 1;
                self.out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading_ids(id.as_deref(), &attrs, offset);
                self.place.plain_depth += 1;
                let start = Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                };
                self.open_block(BlockKind::Heading, Event::Start(start));
            }
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                self.out
                    .push(Event::InlineHtml(markup::footnote_reference(n).into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnote_defined(&label, offset);
                let n = self.footnote_number(&label);
                self.out.push(Event::Html(markup::footnote_start(n).into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.out.push(Event::Html(markup::FOOTNOTE_END.into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some((String::new(), Vec::new()));
                self.out.push(Event::Start(Tag::HtmlBlock));
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.end_html_block();
                self.out.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::Html(html) => {
                match &mut self.html_block {
                    Some((text, starts)) => {
                        starts.push((text.len(), offset));
                        text.push_str(&html);
                    }
                    None => self.written_html_ids(&html, offset),
                }
                self.out.push(Event::Html(html));
            }
            Event::End(end @ TagEnd::Heading(_)) => {
                self.place.plain_depth = self.place.plain_depth.saturating_sub(1);
                self.close_block(Event::End(end));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.place.plain_depth = self.place.plain_depth.saturating_sub(1);
                self.out.push(Event::End(TagEnd::CodeBlock));
            }
            // An image is written whole at its start (`inline_image`, `figure`).
            Event::End(TagEnd::Image) => {}
            Event::InlineHtml(html) => {
                self.written_html_ids(&html, offset);
                if is_html_link(&html, true) || is_html_link(&html, false) {
                    self.place.in_html_link = is_html_link(&html, true);
                }
                self.out.push(Event::InlineHtml(html));
            }
            Event::Text(text) if self.mode.autolink && self.place.takes_alias_links() => {
                self.autolink(text)
            }
            other => self.out.push(other),
        }
        next
    }

    /// Records the ids a heading is given: `{#id}`, and `{id=…}` among its other
    /// attributes, each at its place in the heading, which starts at byte `offset`.
    fn heading_ids(
        &mut self,
        id: Option<&str>,
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        offset: usize,
    ) {
        let attr_ids = attrs
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("id"))
            .filter_map(|(_, value)| value.as_deref());
        for id in id.into_iter().chain(attr_ids) {
            let at = super::ids::heading_id_offset(self.body, offset, id);
            self.written_id(id, at);
        }
    }

    /// A raw HTML block ends: records the ids of its start tags, each at its place
    /// in the body.
    fn end_html_block(&mut self) {
        let Some((text, starts)) = self.html_block.take() else {
            return;
        };
        let in_body = |at: usize| {
            let piece = starts.partition_point(|&(start, _)| start <= at).max(1) - 1;
            starts
                .get(piece)
                .map_or(0, |&(start, body)| body + at - start)
        };
        for (at, id) in super::ids::html_ids(&text) {
            self.written_id(id, in_body(at));
        }
        for (at, citation) in super::citations::in_html(&text) {
            self.problem(
                in_body(at),
                format!("citation `{citation}` in a raw HTML block, which is not read as Markdown"),
                Some(super::citations::in_html_help(&text).to_owned()),
            );
        }
    }

    /// Writes the cards of the inline explainer sections that start at or before
    /// byte `offset` of the body.
    fn cards_up_to(&mut self, offset: usize) {
        while let Some(((card, x), rest)) = self.cards.split_first()
            && card.start <= offset
        {
            self.cards = rest;
            self.card(*x);
        }
    }

    /// Writes the cards of the sections after the last event.
    fn remaining_cards(&mut self) {
        for (_, x) in std::mem::take(&mut self.cards) {
            self.card(*x);
        }
    }

    /// A link opens: a citation is written as its markers, an annotated link with its
    /// target's URL, a wikilink that names nothing not at all, a plain link as it is.
    fn start_link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        (title, id): (CowStr<'a>, CowStr<'a>),
        offset: usize,
    ) {
        let in_citation = self.place.link.drops_text();
        if let Some(ids) = dest_url.strip_prefix(CITE) {
            self.place.link = OpenLink::Citation;
            if matches!(link_type, LinkType::Reference | LinkType::ReferenceUnknown) {
                // `[see][@afp]`, `[@afp][@reuters]`: the first brackets' text would
                // be dropped without a word.
                self.problem(
                    offset,
                    format!("`[…][{ids}]` is read as one citation of `{ids}`, and the text in the first brackets is lost"),
                    Some("write the text before the citation (`see [@afp]`), and several sources in one bracket: `[@afp; @reuters]`".to_owned()),
                );
                return;
            }
            self.citations(ids, offset);
            return;
        }
        let (dest_url, cites) = match self.link(link_type, &dest_url, offset) {
            Some((url, cites)) => (url.into(), cites),
            None if matches!(link_type, LinkType::WikiLink { .. }) => {
                self.place.link = if in_citation {
                    OpenLink::Citation
                } else {
                    OpenLink::Dropped
                };
                return;
            }
            None => (dest_url, None),
        };
        self.place.link = if in_citation {
            OpenLink::WrittenInCitation
        } else {
            OpenLink::Written
        };
        if let Some(source) = cites {
            // A citation in the editor's words: it looks like one. pulldown-cmark
            // ends it with `</a>` like any link.
            let name = &self.targets.entry(Target::Source(source)).title;
            let title = if title.is_empty() { name } else { &*title };
            let start = markup::citation_link_start(&dest_url, title);
            self.out.push(Event::InlineHtml(start.into()));
            return;
        }
        self.out.push(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    /// The open link ends.
    fn end_link(&mut self) {
        if std::mem::take(&mut self.place.link).writes_end() {
            self.out.push(Event::End(TagEnd::Link));
        }
    }

    /// A paragraph opens, its events after it being `events[next..]`: one holding only
    /// an image is written whole as a figure. Returns the position of the next event
    /// to write.
    fn paragraph(
        &mut self,
        events: &[(Event<'a>, Range<usize>)],
        next: usize,
        offset: usize,
    ) -> usize {
        match figure_end(events, next) {
            Some(end) => {
                let figure = self.figure(&events[next..end], offset);
                self.out.push(Event::Html(figure.into()));
                end + 1
            }
            None => {
                self.open_block(BlockKind::Paragraph, Event::Start(Tag::Paragraph));
                next
            }
        }
    }

    /// An image opens (not alone in a paragraph), its alt text and end being
    /// `events[next..]`: written whole, its `src` rewritten, with its size when
    /// known, loaded lazily. Returns the position of the event after its end.
    fn inline_image(
        &mut self,
        (dest, title): (&str, &str),
        offset: usize,
        events: &[(Event<'a>, Range<usize>)],
        next: usize,
    ) -> usize {
        let mut depth = 1usize;
        let end = events[next..]
            .iter()
            .position(|(e, _)| {
                match e {
                    Event::Start(Tag::Image { .. }) => depth += 1,
                    Event::End(TagEnd::Image) => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(events.len(), |at| next + at);
        let inner = &events[next..end];
        self.citations_in_image(inner);
        let alt = plain_text(parsed(inner));
        let (src, size) = self.image_url(dest, offset);
        let image = markup::image(&src, &alt, title, size);
        self.out.push(Event::InlineHtml(image.into()));
        end + 1
    }

    /// Resolves an annotated link; returns its URL, with the source it cites when it
    /// is a citation (`[as per Reuters](source:reuters)`, not a wikilink), or `None`
    /// to keep it as written (a plain link) or drop it (a broken wikilink, reported).
    fn link(
        &mut self,
        link_type: LinkType,
        dest: &str,
        offset: usize,
    ) -> Option<(String, Option<usize>)> {
        // `source:afp-toll` names a report of the event, as `[@afp-toll]` does.
        if let Some(name) = dest.strip_prefix("source:")
            && let Some(r) = (self.mode.reports.iter()).position(|r| r.id.as_deref() == Some(name))
        {
            let source = self.mode.reports[r].source;
            self.cite_link(source, Some(r));
            let url = self.targets.entry(Target::Source(source)).url.clone();
            return Some((url, Some(source)));
        }
        match resolve_link(link_type, dest, self.targets) {
            Ok(target) => {
                let mut cites = None;
                match target {
                    Target::Event(e) => push_once(&mut self.result.events, e),
                    Target::Explainer(x) => push_once(&mut self.result.explainers, x),
                    Target::Source(s) if !matches!(link_type, LinkType::WikiLink { .. }) => {
                        self.cite_link(s, self.only_report(s));
                        cites = Some(s);
                    }
                    Target::Source(_) => {}
                }
                let fragment = dest
                    .find('#')
                    .filter(|_| !matches!(link_type, LinkType::WikiLink { .. }));
                let url = format!(
                    "{}{}",
                    self.targets.entry(target).url,
                    fragment.map_or("", |f| &dest[f..])
                );
                Some((url, cites))
            }
            Err(Some((message, help))) => {
                // `source:afp-tolls` in an event with reports: suggest those too.
                let (message, help) = match dest.strip_prefix("source:") {
                    Some(name) if !self.mode.reports.is_empty() => self.unknown_citation(name),
                    _ => (message, help),
                };
                self.problem(offset, message, Some(help));
                None
            }
            Err(None) if dest.starts_with('/') && !dest.starts_with("//") => {
                Some((self.targets.config.link(dest.trim_start_matches('/')), None))
            }
            Err(None) => None,
        }
    }

    /// Rewrites a body image's `src`: a file under `static/` becomes its path,
    /// percent-encoded, with the base path; an absolute URL keeps its spelling. With
    /// the size of a static file, read from its header (a header that cannot be read
    /// is a warning at `offset`, and the image is shown without a size).
    fn image_url(&mut self, dest: &str, offset: usize) -> (String, Option<Size>) {
        if dest.starts_with("data:") || dest.starts_with('#') {
            return (dest.to_owned(), None);
        }
        if dest.contains("://") || dest.starts_with("//") {
            return (crate::urls::external(dest).into_owned(), None);
        }
        let static_files = self.targets.static_files;
        let path = crate::resolve::documents::static_image(static_files, dest).unwrap_or_else(
            |(message, help)| {
                self.problem(offset, message, Some(help));
                dest.trim_start_matches('/').to_owned()
            },
        );
        let size = crate::resolve::documents::measure(static_files, dest).unwrap_or_else(
            |(message, help)| {
                self.warn(offset, message, help);
                None
            },
        );
        (self.targets.config.link(&path), size)
    }

    /// A paragraph holding only an image becomes a figure: alt text as caption, title
    /// as credit. `events` runs from the image's start to its end.
    fn figure(&mut self, events: &[(Event<'_>, Range<usize>)], offset: usize) -> String {
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            _,
        ) = &events[0]
        else {
            return String::new();
        };
        self.citations_in_image(&events[1..]);
        let alt = plain_text(parsed(&events[1..]));
        let (src, size) = self.image_url(dest_url, offset);
        // Nothing written yet: the body opens with this figure.
        let first = self.out.is_empty();
        markup::figure(
            &src,
            &alt,
            title,
            (size, first),
            self.mode.words.photo_credit,
        )
    }

    /// Reports each citation in an image's alt text (`events`, between its start and
    /// end): alt text is plain text and cannot hold a marker's link.
    fn citations_in_image(&mut self, events: &[(Event<'_>, Range<usize>)]) {
        for (event, range) in events {
            if let Event::Start(Tag::Link { dest_url, .. }) = event
                && let Some(ids) = dest_url.strip_prefix(CITE)
            {
                self.citation_in_image(ids, range.start);
            }
        }
    }

    /// The background card shown in an event in place of an inline explainer section.
    fn card(&mut self, x: usize) {
        push_once(&mut self.result.explainers, x);
        let entry = &self.targets.explainers[x];
        let card =
            markup::explainer_card(&entry.url, &entry.title, &entry.summary, &self.mode.words);
        self.out.push(Event::Html(card.into()));
    }

    /// Reports a problem at byte `offset` of the body.
    pub(super) fn problem(&mut self, offset: usize, message: String, help: Option<String>) {
        self.result.problems.push(BodyError {
            offset,
            message,
            help,
            also: None,
            warning: false,
        });
    }

    /// Warns about something at byte `offset` of the body that does not stop the
    /// page from being built.
    pub(super) fn warn(&mut self, offset: usize, message: String, help: String) {
        self.result.problems.push(BodyError {
            offset,
            message,
            help: Some(help),
            also: None,
            warning: true,
        });
    }

    /// Reports a problem at byte `offset` of the body that involves another place,
    /// at byte `also`: `{line}` in `help` becomes its line.
    pub(super) fn problem_also(
        &mut self,
        offset: usize,
        message: String,
        help: String,
        also: usize,
    ) {
        self.result.problems.push(BodyError {
            offset,
            message,
            help: Some(help),
            also: Some(also),
            warning: false,
        });
    }
}

/// Whether raw inline HTML opens (`open`) or closes an `<a>` element.
fn is_html_link(html: &str, open: bool) -> bool {
    let lower = html.trim_start().to_ascii_lowercase();
    if open {
        lower.starts_with("<a ") || lower.starts_with("<a>")
    } else {
        lower.starts_with("</a")
    }
}

/// If the paragraph opened just before `i` holds only an image, the index of its
/// closing event.
fn figure_end(events: &[(Event<'_>, Range<usize>)], i: usize) -> Option<usize> {
    let (Event::Start(Tag::Image { .. }), _) = events.get(i)? else {
        return None;
    };
    let image_end = i + events[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))?;
    matches!(
        events.get(image_end + 1),
        Some((Event::End(TagEnd::Paragraph), _))
    )
    .then_some(image_end + 1)
}

/// Adds `value` to `list` unless it is there: lists of first mentions.
pub(super) fn push_once(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}
