//! Annotations in Markdown bodies: citations, explicit links, wikilinks, alias links,
//! inline explainer cards and figures (SPEC §4).
//!
//! [`annotate`] renders one body to HTML while resolving every annotation against the
//! [`Targets`] — the ids, names and URLs of everything a body may point at — and
//! reports what it found: the claims it cited, the explainers and events it mentions,
//! and the problems, each with its byte offset in the body. It never touches other
//! documents; `resolve` turns findings into backlinks and problems into diagnostics.

use rayon::prelude::*;

use crate::fingerprint::{FastMap as HashMap, FastSet as HashSet};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::config::Config;
use crate::html::escape;
use crate::load::site_files::StaticFiles;
use crate::site::Cited;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Event(usize),
    Explainer(usize),
    Source(usize),
}

impl Target {
    /// What kind of thing it points at.
    fn kind(self) -> TargetKind {
        match self {
            Target::Event(_) => TargetKind::Event,
            Target::Explainer(_) => TargetKind::Explainer,
            Target::Source(_) => TargetKind::Source,
        }
    }
}

/// The kinds of thing a link may point at, each with its own ids and link prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TargetKind {
    Event,
    Explainer,
    Source,
}

impl TargetKind {
    /// Every kind, in the order link prefixes are tried.
    const ALL: [TargetKind; 3] = [TargetKind::Event, TargetKind::Explainer, TargetKind::Source];

    /// Its name in links and messages: `event`, `explainer`, `source`.
    fn name(self) -> &'static str {
        match self {
            TargetKind::Event => "event",
            TargetKind::Explainer => "explainer",
            TargetKind::Source => "source",
        }
    }

    /// What starts an explicit link to it: `event:`, `explainer:`, `source:`.
    fn prefix(self) -> &'static str {
        match self {
            TargetKind::Event => "event:",
            TargetKind::Explainer => "explainer:",
            TargetKind::Source => "source:",
        }
    }

    /// The target of this kind at position `i` of its entries.
    fn at(self, i: usize) -> Target {
        match self {
            TargetKind::Event => Target::Event(i),
            TargetKind::Explainer => Target::Explainer(i),
            TargetKind::Source => Target::Source(i),
        }
    }
}

/// Positions of entries by id, a map per kind of target.
struct Ids {
    events: HashMap<String, usize>,
    explainers: HashMap<String, usize>,
    sources: HashMap<String, usize>,
}

impl Ids {
    /// The ids of one kind of target.
    fn of(&self, kind: TargetKind) -> &HashMap<String, usize> {
        match kind {
            TargetKind::Event => &self.events,
            TargetKind::Explainer => &self.explainers,
            TargetKind::Source => &self.sources,
        }
    }
}

/// What a link can point at, with what a reader sees of it.
#[derive(Debug, Clone, Hash)]
pub struct Entry {
    pub id: String,
    /// Root-relative URL with the base path.
    pub url: String,
    /// Title (events, explainers) or name (sources).
    pub title: String,
    /// Sources: the marker text. Explainers: the summary, for background cards.
    pub short: String,
}

/// Everything bodies may refer to. Built once per build, shared by every body.
pub struct Targets<'a> {
    pub config: &'a Config,
    /// The static files the build publishes, which body images may show.
    pub static_files: &'a StaticFiles,
    pub events: Vec<Entry>,
    pub explainers: Vec<Entry>,
    pub sources: Vec<Entry>,
    ids: Ids,
    /// Wikilink names, normalised, to everything they may mean.
    names: HashMap<String, Vec<Target>>,
    /// Alias texts and their explainer, longest first.
    aliases: Vec<(String, usize)>,
    /// Positions in `aliases` by the alias's first word, so a body is scanned once
    /// whatever the number of aliases. Aliases that do not start with a word character
    /// are in `unindexed`, searched for one by one.
    by_first_word: HashMap<String, Vec<usize>>,
    unindexed: Vec<usize>,
    /// First bytes of the indexed aliases: most words are dismissed on it alone.
    first_bytes: [bool; 256],
    /// Ids and wikilink names (normalised) of files that failed to load: references
    /// to them are not reported, the file's own error is.
    broken_ids: std::collections::HashSet<String>,
    broken_names: std::collections::HashSet<String>,
    /// Everything above and the configuration, hashed: two bodies annotated against
    /// targets of one fingerprint come out alike (see `bodies::Memo`).
    fingerprint: u64,
}

/// A name a wikilink may use, for an entry: ids, titles, subjects, aliases.
pub struct Names<'a> {
    pub target: Target,
    pub names: Vec<&'a str>,
}

impl<'a> Targets<'a> {
    pub fn new(
        config: &'a Config,
        static_files: &'a StaticFiles,
        [events, explainers, sources]: [Vec<Entry>; 3],
        names: Vec<Names<'_>>,
        aliases: Vec<(String, usize)>,
    ) -> Targets<'a> {
        let index = |entries: &[Entry]| {
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), i))
                .collect()
        };
        let ids = Ids {
            events: index(&events),
            explainers: index(&explainers),
            sources: index(&sources),
        };
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = crate::fingerprint::FxHasher::default();
            crate::fingerprint::of_debug(config).hash(&mut h);
            static_files.fingerprint().hash(&mut h);
            for entries in [&events, &explainers, &sources] {
                entries.hash(&mut h);
            }
            for entry in &names {
                entry.target.hash(&mut h);
                entry.names.hash(&mut h);
            }
            aliases.hash(&mut h);
            h.finish()
        };
        let normalised: Vec<(String, Target)> = names
            .par_iter()
            .flat_map_iter(|entry| {
                entry
                    .names
                    .iter()
                    .map(|name| (normalise(name), entry.target))
            })
            .collect();
        let mut name_map: HashMap<String, Vec<Target>> = HashMap::default();
        name_map.reserve(normalised.len());
        for (name, target) in normalised {
            let targets = name_map.entry(name).or_default();
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        // Smart punctuation turns ' into ’ in bodies; match aliases written either way.
        let typographic: Vec<(String, usize)> = aliases
            .iter()
            .filter(|(a, _)| a.contains('\''))
            .map(|(a, x)| (a.replace('\'', "’"), *x))
            .collect();
        let mut aliases: Vec<(String, usize)> = aliases
            .into_iter()
            .chain(typographic)
            .filter(|(a, _)| !a.trim().is_empty())
            .collect();
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        aliases.dedup();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::default();
        let mut unindexed = Vec::new();
        let mut first_bytes = [false; 256];
        for (i, (alias, _)) in aliases.iter().enumerate() {
            let word = first_word(alias);
            if word.is_empty() {
                unindexed.push(i);
            } else {
                first_bytes[usize::from(word.as_bytes()[0])] = true;
                by_first_word.entry(word.to_owned()).or_default().push(i);
            }
        }
        Targets {
            config,
            static_files,
            events,
            explainers,
            sources,
            ids,
            names: name_map,
            aliases,
            by_first_word,
            unindexed,
            first_bytes,
            broken_ids: Default::default(),
            broken_names: Default::default(),
            fingerprint,
        }
    }

    /// Keeps quiet about references to what failed to load: `ids` of broken files
    /// (and of what they define), and `names` a wikilink may have used for them.
    pub fn with_broken<'n>(
        mut self,
        ids: &std::collections::HashSet<String>,
        names: impl Iterator<Item = &'n String>,
    ) -> Self {
        self.broken_ids = ids.clone();
        self.broken_names = names.map(|n| normalise(n)).collect();
        let mut sorted: Vec<&String> = self.broken_ids.iter().chain(&self.broken_names).collect();
        sorted.sort_unstable();
        self.fingerprint = crate::fingerprint::of(&(self.fingerprint, sorted));
        self
    }

    /// Whether a wikilink text may have meant something that failed to load.
    fn is_broken_name(&self, text: &str) -> bool {
        let key = normalise(text);
        self.broken_names.contains(&key) || self.broken_ids.contains(&crate::slug::nfc(text.trim()))
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Takes the explainers' summaries, rendered, for background cards.
    pub fn set_explainer_summaries<'s>(&mut self, summaries: impl Iterator<Item = &'s str>) {
        for (entry, summary) in self.explainers.iter_mut().zip(summaries) {
            entry.short = summary.to_owned();
        }
        self.fingerprint = crate::fingerprint::of(&(self.fingerprint, &self.explainers));
    }

    /// The index of the explainer with `id`.
    pub fn explainer_index(&self, id: &str) -> Option<usize> {
        self.lookup(TargetKind::Explainer, id)
    }

    /// The position of the entry of `kind` with `id`.
    fn lookup(&self, kind: TargetKind, id: &str) -> Option<usize> {
        self.ids.of(kind).get(id).copied()
    }

    fn entry(&self, target: Target) -> &Entry {
        match target {
            Target::Event(i) => &self.events[i],
            Target::Explainer(i) => &self.explainers[i],
            Target::Source(i) => &self.sources[i],
        }
    }
}

fn normalise(name: &str) -> String {
    collapse_whitespace(name).to_lowercase()
}

/// A problem in a body, at a byte offset of the text given to [`annotate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Annotated {
    pub html: std::sync::Arc<str>,
    pub first_paragraph: String,
    pub citations: Vec<Cited>,
    /// Explainers linked in any way, in order of first mention.
    pub explainers: Vec<usize>,
    /// Events linked, in order of first mention.
    pub events: Vec<usize>,
    pub problems: Vec<BodyError>,
    /// What the body was annotated from (text, link targets, mode) when `serve`
    /// remembers bodies, else 0: two bodies with one print have the same HTML,
    /// citations and links, so `serve` compares prints, not HTML.
    pub print: u64,
}

/// How a body is annotated.
#[derive(Default)]
pub struct Mode<'s> {
    /// Record claims and anchor citing paragraphs (event bodies).
    pub claims: bool,
    /// Link the first mention of each explainer's subject or alias (event bodies).
    pub autolink: bool,
    /// Inline explainer sections to replace with background cards: body range and
    /// explainer index.
    pub cards: &'s [(Range<usize>, usize)],
}

const CITE: &str = "cite:";

pub fn annotate(body: &str, targets: &Targets<'_>, mode: &Mode<'_>) -> Annotated {
    let mut callback = |link: BrokenLink<'_>| {
        let reference = link.reference.trim();
        reference
            .starts_with('@')
            .then(|| (CowStr::from(format!("{CITE}{reference}")), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(
        body,
        crate::markdown::options(),
        Some(&mut callback),
    );
    let events = merge_text(parser.into_offset_iter().filter(|(_, range)| {
        !mode
            .cards
            .iter()
            .any(|(card, _)| card.contains(&range.start))
    }));
    let mut writer = Writer {
        targets,
        mode,
        out: Vec::with_capacity(events.len() + 16),
        result: Annotated::default(),
        blocks: Vec::new(),
        claim_count: 0,
        linked: prelinked(&events, targets, mode),
    };
    writer.result.first_paragraph = first_paragraph(&events);
    writer.run(events);
    let Writer {
        out, mut result, ..
    } = writer;
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    html::push_html(&mut html, out.into_iter());
    result.html = html.into();
    result
}

/// Joins runs of text events (pulldown-cmark splits text at quotes and entities), so
/// word boundaries and aliases can be seen whole.
fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> =
        Vec::with_capacity(events.size_hint().0.max(64));
    // A run being joined: its text so far and its range.
    let mut run: Option<(String, Range<usize>)> = None;
    for (event, range) in events {
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

/// The first top-level paragraph with readable text (a lone image is skipped), as
/// plain text without citation markers.
fn first_paragraph(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut depth = 0usize;
    let mut start = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => start = Some(i + 1),
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                let text = plain_text(events[start.unwrap_or(i)..i].iter().map(|(e, _)| e));
                if !text.is_empty() {
                    return text;
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    String::new()
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

/// What a link destination means: a target, not an annotation (`Err(None)`), or an
/// error with help.
fn resolve_link(
    link_type: LinkType,
    dest: &str,
    targets: &Targets<'_>,
) -> Result<Target, Option<(String, String)>> {
    if let LinkType::WikiLink { .. } = link_type {
        return resolve_wikilink(dest, targets)
            .map_err(|e| (!targets.is_broken_name(dest)).then_some(e));
    }
    let Some((kind, rest)) = TargetKind::ALL
        .into_iter()
        .find_map(|kind| Some((kind, dest.strip_prefix(kind.prefix())?)))
    else {
        return Err(None);
    };
    let id = &crate::slug::nfc(rest.split('#').next().unwrap_or_default());
    match targets.lookup(kind, id) {
        Some(i) => Ok(kind.at(i)),
        None if targets.broken_ids.contains(id) => Err(None),
        None => Err(Some(unknown_id(kind, id, targets))),
    }
}

fn unknown_id(kind: TargetKind, id: &str, targets: &Targets<'_>) -> (String, String) {
    let what = kind.name();
    let mut known: Vec<&str> = targets.ids.of(kind).keys().map(String::as_str).collect();
    known.sort_unstable();
    (
        format!("unknown {what} `{id}`"),
        super::suggest_id(id, known.into_iter(), what),
    )
}

fn resolve_wikilink(text: &str, targets: &Targets<'_>) -> Result<Target, (String, String)> {
    let key = normalise(text);
    match targets.names.get(&key).map(Vec::as_slice) {
        Some([one]) => Ok(*one),
        Some(many) if !many.is_empty() => {
            let listed: Vec<String> = many.iter().map(|t| describe(*t, targets)).collect();
            let explicit: Vec<String> = many
                .iter()
                .map(|t| format!("`[{text}]({}{})`", t.kind().prefix(), targets.entry(*t).id))
                .collect();
            Err((
                format!(
                    "`[[{text}]]` matches {} things: {}",
                    many.len(),
                    listed.join(", ")
                ),
                format!("link the one you mean by id: {}", explicit.join(" or ")),
            ))
        }
        _ => {
            let mut names: Vec<&str> = targets.names.keys().map(String::as_str).collect();
            names.sort_unstable();
            let help = match crate::suggest::nearest(&key, names.iter().copied()) {
                Some(near) => format!("did you mean `[[{}]]` ({})?", near, describe(targets.names[near][0], targets)),
                None => "a wikilink names an event, explainer or source by id, title, subject, name, short name or alias".to_owned(),
            };
            Err((format!("unknown wikilink `[[{text}]]`"), help))
        }
    }
}

fn describe(target: Target, targets: &Targets<'_>) -> String {
    let entry = targets.entry(target);
    format!(
        "the {} `{}` ({})",
        target.kind().name(),
        entry.id,
        entry.title
    )
}

/// An open paragraph or list item: where its start event sits in the output, and the
/// anchor it gets once something in it is cited.
struct Block {
    item: bool,
    start: usize,
    anchor: Option<String>,
    /// Citations before this one belong to earlier blocks.
    first_citation: usize,
}

struct Writer<'t, 'm, 'a> {
    targets: &'t Targets<'t>,
    mode: &'m Mode<'m>,
    out: Vec<Event<'a>>,
    result: Annotated,
    blocks: Vec<Block>,
    claim_count: usize,
    /// Explainers linked on this page so far (explicitly, by card or by alias);
    /// alias links skip them.
    linked: HashSet<usize>,
}

impl<'a> Writer<'_, '_, 'a> {
    fn run(&mut self, mut events: Vec<(Event<'a>, Range<usize>)>) {
        let mut cards = self.mode.cards.iter().peekable();
        // Whether the open link was written out (a broken wikilink is left as text),
        // and whether its text is replaced (citation markers).
        let mut link_written = false;
        let mut in_link = false;
        let mut skip_link_text = false;
        let mut plain_depth = 0usize; // headings, code blocks, images: no alias links
        let mut in_html_link = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = (
                std::mem::replace(&mut events[i].0, Event::Rule),
                events[i].1.clone(),
            );
            i += 1;
            while let Some((card, x)) = cards.peek() {
                if card.start > range.start {
                    break;
                }
                self.card(*x);
                cards.next();
            }
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_link = true;
                    link_written = true;
                    if let Some(ids) = dest_url.strip_prefix(CITE) {
                        self.citations(ids, range.start);
                        skip_link_text = true;
                        link_written = false;
                        continue;
                    }
                    let dest_url = match self.link(link_type, &dest_url, range.start) {
                        Some(url) => url.into(),
                        None if matches!(link_type, LinkType::WikiLink { .. }) => {
                            link_written = false;
                            continue;
                        }
                        None => dest_url,
                    };
                    self.out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::End(TagEnd::Link) => {
                    in_link = false;
                    skip_link_text = false;
                    if std::mem::take(&mut link_written) {
                        self.out.push(Event::End(TagEnd::Link));
                    }
                }
                _ if skip_link_text => {}
                Event::Start(Tag::Paragraph) => match figure_end(&events, i) {
                    Some(end) => {
                        let figure = self.figure(&events[i..end], range.start);
                        self.out.push(Event::Html(figure.into()));
                        i = end + 1;
                    }
                    None => self.open_block(false, Event::Start(Tag::Paragraph)),
                },
                Event::Start(Tag::Item) => self.open_block(true, Event::Start(Tag::Item)),
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => self.close_block(event),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    plain_depth += 1;
                    let url = self.image_url(&dest_url, range.start);
                    self.out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }));
                }
                Event::Start(tag @ (Tag::Heading { .. } | Tag::CodeBlock(_))) => {
                    plain_depth += 1;
                    self.out.push(Event::Start(tag));
                }
                Event::End(end @ (TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image)) => {
                    plain_depth = plain_depth.saturating_sub(1);
                    self.out.push(Event::End(end));
                }
                // Raw HTML links count as links: no alias link inside them.
                Event::InlineHtml(html)
                    if is_html_link(&html, true) || is_html_link(&html, false) =>
                {
                    in_html_link = is_html_link(&html, true);
                    self.out.push(Event::InlineHtml(html));
                }
                Event::Text(text)
                    if self.mode.autolink && !in_link && !in_html_link && plain_depth == 0 =>
                {
                    self.autolink(text)
                }
                other => self.out.push(other),
            }
        }
        for (_, x) in cards {
            self.card(*x);
        }
    }

    /// `[@afp]`, `[@afp; @reuters]`: markers linking to the sources, and claims.
    fn citations(&mut self, ids: &str, offset: usize) {
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
            match self
                .targets
                .lookup(TargetKind::Source, &crate::slug::nfc(id))
            {
                Some(s) => {
                    let source = &self.targets.sources[s];
                    markers.push(format!(
                        "<a class=\"cite\" href=\"{}\" title=\"{}\">{}</a>",
                        escape(&source.url),
                        escape(&source.title),
                        escape(&source.short)
                    ));
                    self.cite(s);
                }
                None if self.targets.broken_ids.contains(&crate::slug::nfc(id)) => {}
                None => {
                    let (message, help) = unknown_id(TargetKind::Source, id, self.targets);
                    self.problem(offset, message, Some(help));
                }
            }
        }
        if !markers.is_empty() {
            self.out.push(Event::InlineHtml(markers.join(" ").into()));
        }
    }

    /// Resolves an annotated link; returns its URL, or `None` to keep it as written
    /// (a plain link) or drop it (a broken wikilink, reported).
    fn link(&mut self, link_type: LinkType, dest: &str, offset: usize) -> Option<String> {
        match resolve_link(link_type, dest, self.targets) {
            Ok(target) => {
                match target {
                    Target::Event(e) => push_once(&mut self.result.events, e),
                    Target::Explainer(x) => push_once(&mut self.result.explainers, x),
                    Target::Source(s) if !matches!(link_type, LinkType::WikiLink { .. }) => {
                        self.cite(s)
                    }
                    Target::Source(_) => {}
                }
                let fragment = dest
                    .find('#')
                    .filter(|_| !matches!(link_type, LinkType::WikiLink { .. }));
                Some(format!(
                    "{}{}",
                    self.targets.entry(target).url,
                    fragment.map_or("", |f| &dest[f..])
                ))
            }
            Err(Some((message, help))) => {
                self.problem(offset, message, Some(help));
                None
            }
            Err(None) if dest.starts_with('/') && !dest.starts_with("//") => {
                Some(self.targets.config.link(dest.trim_start_matches('/')))
            }
            Err(None) => None,
        }
    }

    fn cite(&mut self, source: usize) {
        if !self.mode.claims {
            return;
        }
        let anchor = self.blocks.last_mut().map(|block| {
            block
                .anchor
                .get_or_insert_with(|| {
                    self.claim_count += 1;
                    format!("claim-{}", self.claim_count)
                })
                .clone()
        });
        self.result.citations.push(Cited {
            source,
            anchor,
            excerpt: None,
        });
    }

    fn open_block(&mut self, item: bool, start: Event<'a>) {
        self.blocks.push(Block {
            item,
            start: self.out.len(),
            anchor: None,
            first_citation: self.result.citations.len(),
        });
        self.out.push(start);
    }

    /// Closes a paragraph or item; if something in it was cited, gives it an id and
    /// fills in the excerpt of its claims.
    fn close_block(&mut self, end: Event<'a>) {
        let Some(block) = self.blocks.pop() else {
            self.out.push(end);
            return;
        };
        let Some(anchor) = block.anchor else {
            self.out.push(end);
            return;
        };
        let excerpt: std::sync::Arc<str> = plain_text(&self.out[block.start + 1..]).into();
        let first = block.first_citation;
        let (open, close) = if block.item {
            ("li", "</li>\n")
        } else {
            ("p", "</p>\n")
        };
        self.out[block.start] = Event::Html(format!("<{open} id=\"{anchor}\">").into());
        self.out.push(Event::Html(close.into()));
        for claim in self.result.citations[first..]
            .iter_mut()
            .filter(|c| c.anchor.as_deref() == Some(anchor.as_str()))
        {
            if claim.excerpt.is_none() {
                claim.excerpt = Some(excerpt.clone());
            }
        }
    }

    /// Links the first whole-word mention of each explainer's subject or aliases.
    fn autolink(&mut self, text: CowStr<'a>) {
        let mut rest: &str = &text;
        let mut pieces: Vec<Event<'a>> = Vec::new();
        while let Some((at, len, x)) = self.next_alias(rest) {
            self.linked.insert(x);
            push_once(&mut self.result.explainers, x);
            let entry = &self.targets.explainers[x];
            if at > 0 {
                pieces.push(Event::Text(rest[..at].to_owned().into()));
            }
            pieces.push(Event::InlineHtml(
                format!("<a class=\"alias\" href=\"{}\">", escape(&entry.url)).into(),
            ));
            pieces.push(Event::Text(rest[at..at + len].to_owned().into()));
            pieces.push(Event::InlineHtml("</a>".into()));
            rest = &rest[at + len..];
        }
        if pieces.is_empty() {
            self.out.push(Event::Text(text));
            return;
        }
        if !rest.is_empty() {
            pieces.push(Event::Text(rest.to_owned().into()));
        }
        self.out.extend(pieces);
    }

    /// The earliest whole-word alias in `text` of an explainer not yet linked; the
    /// longest alias wins at one position.
    ///
    /// One pass over the words of `text`: each word is looked up among the aliases'
    /// first words, so the cost does not grow with the number of explainers.
    fn next_alias(&self, text: &str) -> Option<(usize, usize, usize)> {
        let targets = self.targets;
        let best = self.next_unindexed_alias(text);
        let mut words = Words::new(text);
        while let Some((at, word)) = words.next() {
            if best.is_some_and(|(b, _, _)| b <= at) {
                break;
            }
            if !targets.first_bytes[usize::from(word.as_bytes()[0])] {
                continue;
            }
            let Some(candidates) = targets.by_first_word.get(word) else {
                continue;
            };
            // Longest first, so the first that fits wins at this position.
            let found = candidates.iter().find_map(|&i| {
                let (alias, x) = &targets.aliases[i];
                let fits = !self.linked.contains(x)
                    && text[at..].starts_with(alias.as_str())
                    && is_word_boundary(text, at, at + alias.len());
                fits.then_some((at, alias.len(), *x))
            });
            if found.is_some() {
                return found;
            }
        }
        best
    }

    /// [`Self::next_alias`] for aliases starting with punctuation, searched one by one.
    fn next_unindexed_alias(&self, text: &str) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for &i in &self.targets.unindexed {
            let (alias, x) = &self.targets.aliases[i];
            if self.linked.contains(x) {
                continue;
            }
            let mut from = 0;
            while let Some(found) = text[from..].find(alias.as_str()) {
                let at = from + found;
                if best.is_some_and(|(b, _, _)| b <= at) {
                    break;
                }
                if is_word_boundary(text, at, at + alias.len()) {
                    best = Some((at, alias.len(), *x));
                    break;
                }
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        best
    }

    /// Rewrites a body image's `src`: a file under `static/` becomes its path,
    /// percent-encoded, with the base path; an absolute URL keeps its spelling.
    fn image_url(&mut self, dest: &str, offset: usize) -> String {
        if dest.starts_with("data:") || dest.starts_with('#') {
            return dest.to_owned();
        }
        if dest.contains("://") || dest.starts_with("//") {
            return crate::urls::external(dest).into_owned();
        }
        let path = super::documents::static_image(self.targets.static_files, dest).unwrap_or_else(
            |(message, help)| {
                self.problem(offset, message, Some(help));
                dest.trim_start_matches('/').to_owned()
            },
        );
        self.targets.config.link(&path)
    }

    /// The background card shown in an event in place of an inline explainer section.
    fn card(&mut self, x: usize) {
        push_once(&mut self.result.explainers, x);
        let entry = &self.targets.explainers[x];
        let summary = if entry.short.is_empty() {
            String::new()
        } else {
            format!("  <p dir=\"auto\">{}</p>\n", escape(&entry.short))
        };
        self.out.push(Event::Html(
            format!(
                "<aside class=\"card explainer-card\" aria-label=\"Background\">\n  <p class=\"card-kicker\">Background</p>\n  <h2 class=\"card-title\"><a href=\"{url}\" dir=\"auto\">{title}</a></h2>\n{summary}  <p class=\"more\"><a href=\"{url}\">Read the explainer</a></p>\n</aside>\n",
                url = escape(&entry.url),
                title = escape(&entry.title),
            )
            .into(),
        ));
    }

    fn problem(&mut self, offset: usize, message: String, help: Option<String>) {
        self.result.problems.push(BodyError {
            offset,
            message,
            help,
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

impl Writer<'_, '_, '_> {
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
        let alt = plain_text(events[1..].iter().map(|(e, _)| e));
        let src = self.image_url(dest_url, offset);
        let credit = if title.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"credit\">{}</span>", escape(title))
        };
        let caption = if alt.is_empty() && credit.is_empty() {
            String::new()
        } else {
            format!(
                "<figcaption><span dir=\"auto\">{}</span>{credit}</figcaption>",
                escape(&alt)
            )
        };
        format!(
            "<figure><img src=\"{}\" alt=\"{}\">{caption}</figure>\n",
            escape(&src),
            escape(&alt)
        )
    }
}

fn push_once(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Letters, digits, combining marks and joiners continue a word; anything else ends it.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric()
        || c == '_'
        || matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x200C | 0x200D)
}

/// The leading run of word characters of `text` (empty if it starts with another).
fn first_word(text: &str) -> &str {
    let end = text.find(|c| !is_word_char(c)).unwrap_or(text.len());
    &text[..end]
}

/// The words of a text with their byte offsets: maximal runs of word characters.
struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        Words { text, at: 0 }
    }

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let start = self.at + self.text[self.at..].find(is_word_char)?;
        let word = first_word(&self.text[start..]);
        self.at = start + word.len();
        Some((start, word))
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// The readable text of events, whitespace collapsed: citations (as links or as
/// rendered markers), image alt texts and nested lists are left out.
fn plain_text<'e, 'a: 'e>(events: impl IntoIterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    let mut skip = 0usize; // inside a citation, an image or a nested list
    for event in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE) => {
                text.truncate(text.trim_end().len());
                skip += 1;
            }
            Event::InlineHtml(html) if html.starts_with("<a class=\"cite\"") => {
                text.truncate(text.trim_end().len());
            }
            Event::Start(Tag::Image { .. } | Tag::List(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::List(_)) => skip = skip.saturating_sub(1),
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            _ if skip > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                text.push(' ')
            }
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// `text` with runs of whitespace made one space, and none at either end.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(config: &Config) -> Targets<'_> {
        let entry = |id: &str, url: &str, title: &str, short: &str| Entry {
            id: id.into(),
            url: url.into(),
            title: title.into(),
            short: short.into(),
        };
        static BUILTIN: std::sync::OnceLock<StaticFiles> = std::sync::OnceLock::new();
        Targets::new(
            config,
            BUILTIN.get_or_init(StaticFiles::builtin),
            [
                vec![],
                vec![entry(
                    "kataib",
                    "/explainers/kataib/",
                    "Kata'ib Hezbollah",
                    "",
                )],
                vec![entry("afp", "/sources/afp/", "Agence France-Presse", "AFP")],
            ],
            vec![],
            vec![("Kata'ib Hezbollah".into(), 0)],
        )
    }

    fn event_mode() -> Mode<'static> {
        Mode {
            claims: true,
            autolink: true,
            cards: &[],
        }
    }

    #[test]
    fn summary_skips_a_lone_image_and_citation_markers() {
        let config = Config::default();
        let out = annotate(
            "![Mourners](https://x/a.jpg)\n\nCrowds gather, it says [@afp]. More.\n",
            &targets(&config),
            &event_mode(),
        );
        assert_eq!(out.first_paragraph, "Crowds gather, it says. More.");
        assert!(out.html.contains("<figure>"));
    }

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
    fn links_aliases_typed_with_straight_or_curly_apostrophes_but_not_inside_html_links() {
        let config = Config::default();
        let t = targets(&config);
        let out = annotate(
            "<a href=\"https://x\">Kata'ib Hezbollah</a> and then Kata'ib Hezbollah.\n",
            &t,
            &event_mode(),
        );
        assert_eq!(
            out.html.matches("class=\"alias\"").count(),
            1,
            "{}",
            out.html
        );
        assert!(out.html.contains("then <a class=\"alias\""), "{}", out.html);
    }

    #[test]
    fn reports_an_empty_citation() {
        let config = Config::default();
        let out = annotate("Text [@ ].\n", &targets(&config), &event_mode());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].offset, 5);
    }

    #[test]
    fn each_target_kind_looks_up_its_own_ids() {
        let config = Config::default();
        let entry = |id: &str| Entry {
            id: id.into(),
            url: format!("/{id}/"),
            title: id.into(),
            short: id.into(),
        };
        static BUILTIN: std::sync::OnceLock<StaticFiles> = std::sync::OnceLock::new();
        // `both` is an id of every kind, at a different position in each.
        let t = Targets::new(
            &config,
            BUILTIN.get_or_init(StaticFiles::builtin),
            [
                vec![entry("both"), entry("e")],
                vec![entry("x"), entry("y"), entry("both")],
                vec![entry("s"), entry("both")],
            ],
            vec![],
            vec![],
        );
        let own = [
            (TargetKind::Event, "e", 1),
            (TargetKind::Explainer, "y", 1),
            (TargetKind::Source, "s", 0),
        ];
        for (kind, id, at) in own {
            assert_eq!(t.lookup(kind, id), Some(at), "{kind:?} `{id}`");
            for (other, other_id, _) in own {
                if other != kind {
                    assert_eq!(t.lookup(kind, other_id), None, "{kind:?} `{other_id}`");
                }
            }
        }
        let both = [
            (TargetKind::Event, Target::Event(0)),
            (TargetKind::Explainer, Target::Explainer(2)),
            (TargetKind::Source, Target::Source(1)),
        ];
        for (kind, target) in both {
            let link = format!("{}both", kind.prefix());
            assert_eq!(resolve_link(LinkType::Inline, &link, &t), Ok(target));
            assert_eq!(target.kind(), kind);
            assert_eq!(kind.at(t.lookup(kind, "both").unwrap()), target);
        }
        assert_eq!(t.explainer_index("both"), Some(2));
    }
}
