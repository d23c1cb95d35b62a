//! What each page shows, and fingerprints of it, so `serve` re-renders only the
//! pages a change touches.
//!
//! Every page lists its [`Dep`]s where it is defined (`pages.rs`), next to the code
//! that fills its context. A rebuild fingerprints every list entry, event, source,
//! explainer and tag once ([`Prints`]), combines for each page the fingerprints of
//! what it shows with those of the theme, the configuration and the paths of
//! every page, and renders the page only when the result differs from the last
//! build's.
//!
//! Entities are fingerprinted whole, by destructuring them without `..`: a field
//! added to an `Event` does not compile until it is hashed here too. What a page
//! shows of a source, explainer or tag it links to, and an event's list entry, are
//! fingerprinted through the views the pages read (`views::source_link`,
//! `views::event_item` …), so the fingerprint covers what the view covers.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::views::{self, Views};
use crate::fingerprint::{FxHasher, of_serialized};
use crate::site::{Cited, Claim, Event, Explainer, Site, Source, Tag};

/// Something a page shows.
pub enum Dep<'a> {
    /// An event's list entry (`views.items`): title, date, summary, sources, tags.
    Item(usize),
    /// The list entries of these events, in this order.
    Items(Cow<'a, [usize]>),
    /// Everything about an event, its body and its related lists included.
    Event(usize),
    /// Everything about a source, its claims included.
    Source(usize),
    /// A source as other pages link to it: [`views::SourceLink`].
    SourceLink(usize),
    /// Everything about an explainer, its body and its lists of events included.
    Explainer(usize),
    /// An explainer as other pages link to it: [`views::ExplainerLink`], and where
    /// it is written inline.
    ExplainerLink(usize),
    /// A tag with its lists of events and explainers.
    Tag(usize),
    /// A tag as other pages link to it: [`views::TagLink`].
    TagLink(usize),
    /// The years and months with events, and which events each holds.
    Calendar,
    /// Every source, whole: the sources index.
    AllSources,
    /// Every explainer, whole: the explainers index.
    AllExplainers,
    /// Every tag, whole: the tags index.
    AllTags,
    /// Every correction on the site, with the title and address of what it
    /// corrects: the corrections page.
    Corrections,
    /// Every reading of every figure, with the event and source of each: the
    /// figure pages (SPEC §9.5).
    Figures,
    /// Every account of every open question, with the event and source of each:
    /// the question pages (SPEC §9.6).
    Questions,
    /// When the timeline last changed ([`crate::site::Site::last_updated`]): the timeline's
    /// "Last updated".
    LastUpdated,
}

/// Fingerprints of everything pages show, computed once per rebuild.
pub struct Prints {
    /// The theme, the configuration, the `site` variable and the path of every page.
    pub global: u64,
    items: Vec<u64>,
    events: Vec<u64>,
    sources: Vec<u64>,
    source_links: Vec<u64>,
    explainers: Vec<u64>,
    explainer_links: Vec<u64>,
    tags: Vec<u64>,
    tag_links: Vec<u64>,
    calendar: u64,
    corrections: u64,
    figures: u64,
    questions: u64,
    last_updated: u64,
}

impl Prints {
    /// `views` are the fingerprints of the `site` variable and of every list entry:
    /// see [`Views::prints`].
    pub fn new(
        site: &Site,
        views: &Views,
        (site_view, items): &(u64, Vec<u64>),
        theme: u64,
        paths: &[&str],
    ) -> Prints {
        let global = crate::fingerprint::of(&(
            theme,
            crate::fingerprint::of_debug(&site.config),
            site_view,
            paths,
            // Whether list entries say their language: a site becomes multilingual
            // by one event's front matter, and every list changes.
            site.entry_language(None).is_some(),
        ));
        // Events carry their bodies and sources all their claims: both are large.
        let (events, sources) = rayon::join(
            || site.events.par_iter().map(event).collect(),
            || {
                site.sources
                    .par_iter()
                    .map(|s| source(s, &site.events))
                    .collect()
            },
        );
        Prints {
            global,
            items: items.clone(),
            events,
            sources,
            source_links: (0..site.sources.len())
                .map(|s| of_serialized(&views::source_link(site, s)))
                .collect(),
            explainers: site.explainers.iter().map(explainer).collect(),
            explainer_links: (0..site.explainers.len())
                .map(|x| explainer_link(site, x))
                .collect(),
            tags: site.tags.iter().map(tag).collect(),
            tag_links: (0..site.tags.len())
                .map(|t| of_serialized(&views::tag_link(site, t)))
                .collect(),
            calendar: crate::fingerprint::of(&views.calendar),
            corrections: super::corrections::print(site),
            figures: figures_print(site),
            questions: questions_print(site),
            last_updated: crate::fingerprint::of(&site.last_updated().map(|m| m.machine())),
        }
    }

    /// The fingerprints of what each part of the machine files lists, in the order
    /// of [`machine::PARTS`](super::machine::PARTS). Every part depends on the
    /// configuration and the page paths (`global`).
    pub fn machine(&self, site: &Site) -> [u64; super::machine::PARTS.len()] {
        use super::machine::{PARTS, Part};
        PARTS.map(|part| {
            let mut h = FxHasher::default();
            self.global.hash(&mut h);
            match part {
                // The newest events, whole.
                Part::Feeds => {
                    for i in super::machine::newest(site) {
                        self.events[i].hash(&mut h);
                    }
                }
                // What a search box matches on: the list entries, the names of
                // tags and sources, and the explainers each event is about, with
                // their titles and subjects (SPEC §10).
                Part::Search => {
                    (&self.items, &self.tag_links, &self.source_links).hash(&mut h);
                    self.explainer_links.hash(&mut h);
                    for event in &site.events {
                        event.explainers.hash(&mut h);
                    }
                    for explainer in &site.explainers {
                        explainer.subject.hash(&mut h);
                    }
                }
                // Every page (in `global`), each event's and explainer's with the
                // dates its `<lastmod>` is made from.
                Part::Sitemap => {
                    for event in &site.events {
                        (&event.path, &event.date, &event.updated).hash(&mut h);
                    }
                    for explainer in &site.explainers {
                        (&explainer.id, &explainer.updated).hash(&mut h);
                    }
                }
                // What a slide shows of each event, in the words and dates of its
                // language; the title slide is the configuration's (in `global`,
                // with the theme's words).
                Part::TimelineJs => {
                    for event in &site.events {
                        (
                            &event.id,
                            &event.path,
                            &event.title,
                            &event.date,
                            &event.end,
                            &event.language,
                        )
                            .hash(&mut h);
                        (&event.summary_html, &event.image).hash(&mut h);
                        (event.tags.first())
                            .map(|&t| &site.tags[t].name)
                            .hash(&mut h);
                    }
                }
            }
            h.finish()
        })
    }

    /// The fingerprint of a page: `identity` (its path, template and the like) and
    /// what it shows.
    pub fn page(&self, identity: impl Hash, deps: &[Dep<'_>]) -> u64 {
        let mut h = FxHasher::default();
        (self.global, identity).hash(&mut h);
        let items = |h: &mut FxHasher, list: &[usize]| {
            list.len().hash(h);
            for &i in list {
                (i, self.items[i]).hash(h);
            }
        };
        for dep in deps {
            match dep {
                Dep::Item(i) => (0u8, i, self.items[*i]).hash(&mut h),
                Dep::Items(list) => {
                    1u8.hash(&mut h);
                    items(&mut h, list);
                }
                Dep::Event(i) => (2u8, i, self.events[*i]).hash(&mut h),
                Dep::Source(i) => (3u8, i, self.sources[*i]).hash(&mut h),
                Dep::SourceLink(i) => (4u8, i, self.source_links[*i]).hash(&mut h),
                Dep::Explainer(i) => (5u8, i, self.explainers[*i]).hash(&mut h),
                Dep::ExplainerLink(i) => (6u8, i, self.explainer_links[*i]).hash(&mut h),
                Dep::Tag(i) => (7u8, i, self.tags[*i]).hash(&mut h),
                Dep::TagLink(i) => (8u8, i, self.tag_links[*i]).hash(&mut h),
                Dep::Calendar => (9u8, self.calendar).hash(&mut h),
                Dep::AllSources => (10u8, &self.sources).hash(&mut h),
                Dep::AllExplainers => (11u8, &self.explainers).hash(&mut h),
                Dep::AllTags => (12u8, &self.tags).hash(&mut h),
                Dep::Corrections => (13u8, self.corrections).hash(&mut h),
                Dep::Figures => (14u8, self.figures).hash(&mut h),
                Dep::Questions => (15u8, self.questions).hash(&mut h),
                Dep::LastUpdated => (16u8, self.last_updated).hash(&mut h),
            }
        }
        h.finish()
    }
}

fn event(event: &Event) -> u64 {
    let Event {
        id,
        file,
        slug,
        path,
        title,
        date,
        end,
        place,
        language,
        coordinates,
        citations,
        explainers,
        tags,
        summary,
        summary_html,
        summary_written,
        image,
        updated,
        key,
        draft,
        body_html,
        body_print,
        extra,
        cited,
        reports,
        corrections,
        figures,
        questions,
        references,
        referenced_by,
        related,
        same_day,
    } = event;
    let mut h = FxHasher::default();
    (id, file, slug, path, title, date, end, place, language).hash(&mut h);
    coordinates
        .map(|(a, b)| (a.to_bits(), b.to_bits()))
        .hash(&mut h);
    (
        citations,
        explainers,
        tags,
        summary,
        summary_html,
        summary_written,
    )
        .hash(&mut h);
    image.hash(&mut h);
    (updated, key, draft, reports).hash(&mut h);
    corrections.hash(&mut h);
    if !figures.is_empty() || !questions.is_empty() {
        crate::fingerprint::of_debug(&(figures, questions)).hash(&mut h);
    }
    // A body `serve` remembers is known by what it was made from: hashing that
    // rather than 30 MB of HTML and claims is much of what makes a rebuild quick.
    match body_print {
        0 => (body_html, cited).hash(&mut h),
        print => print.hash(&mut h),
    }
    of_serialized(extra).hash(&mut h);
    (references, referenced_by, related, same_day).hash(&mut h);
    h.finish()
}

/// `events` are the site's: a claim's excerpt and anchor come from its event's
/// body, known by its print when `serve` remembers bodies.
fn source(source: &Source, events: &[Event]) -> u64 {
    let Source {
        id,
        file,
        name,
        short,
        kind,
        url,
        country,
        language,
        aliases,
        body_html,
        extra,
        claims,
        readings,
        accounts,
    } = source;
    let mut h = FxHasher::default();
    (id, file, name, short, kind, url, country, language).hash(&mut h);
    (aliases, body_html, of_serialized(extra)).hash(&mut h);
    // What a page shows of them is in `Dep::Figures` and `Dep::Questions`.
    (readings, accounts).hash(&mut h);
    claims.len().hash(&mut h);
    for claim in claims {
        let Claim { event, cited } = claim;
        let Cited {
            source: _,
            excerpt,
            anchor,
            note,
            named,
            via,
            direct,
            report,
            quoted,
        } = cited;
        // A body's print stands for everything its claims were made from but the
        // role this source plays in them and the report, which front matter sets:
        // the report is hashed whole, as the page shows it, whether or not a
        // body's print stands for it too.
        (event, via, direct, report).hash(&mut h);
        report
            .and_then(|r| events.get(*event)?.reports.get(r))
            .hash(&mut h);
        match events.get(*event).map_or(0, |e| e.body_print) {
            0 => (excerpt, anchor, note, named, quoted).hash(&mut h),
            print => print.hash(&mut h),
        }
    }
    h.finish()
}

/// Every reading of every figure as the figure pages, source pages and event
/// boxes show it: the reading, and its event's title, address and date.
fn figures_print(site: &Site) -> u64 {
    if site.figures.iter().all(|f| f.readings.is_empty()) {
        return 0;
    }
    let mut h = FxHasher::default();
    for event in site.events.iter().filter(|e| !e.figures.is_empty()) {
        crate::fingerprint::of_debug(&event.figures).hash(&mut h);
        (&event.title, &event.path, &event.date).hash(&mut h);
    }
    crate::fingerprint::of_debug(&site.figures).hash(&mut h);
    h.finish()
}

/// Every account of every question, as [`figures_print`] for readings.
fn questions_print(site: &Site) -> u64 {
    if site.questions.is_empty() {
        return 0;
    }
    let mut h = FxHasher::default();
    for event in site.events.iter().filter(|e| !e.questions.is_empty()) {
        crate::fingerprint::of_debug(&event.questions).hash(&mut h);
        (&event.title, &event.path, &event.date).hash(&mut h);
    }
    crate::fingerprint::of_debug(&site.questions).hash(&mut h);
    h.finish()
}

fn explainer(explainer: &Explainer) -> u64 {
    let Explainer {
        id,
        file,
        title,
        subject,
        aliases,
        kind,
        language,
        summary,
        summary_html,
        summary_written,
        draft,
        updated,
        corrections,
        tags,
        image,
        body_html,
        extra,
        defined_in,
        mentioned_in,
        links_to,
    } = explainer;
    let mut h = FxHasher::default();
    (
        id, file, title, subject, aliases, kind, language, summary, updated,
    )
        .hash(&mut h);
    corrections.hash(&mut h);
    (summary_html, summary_written, draft).hash(&mut h);
    (tags, image, body_html, of_serialized(extra)).hash(&mut h);
    (defined_in, mentioned_in, links_to).hash(&mut h);
    h.finish()
}

/// What pages that link to the `x`th explainer show of it: its [link
/// view](views::ExplainerLink), and where it is written inline (an event page
/// leaves out the card of an explainer its own body holds).
fn explainer_link(site: &Site, x: usize) -> u64 {
    let view = of_serialized(&views::explainer_link(site, x));
    crate::fingerprint::of(&(view, site.explainers[x].defined_in))
}

fn tag(tag: &Tag) -> u64 {
    let Tag {
        name,
        slug,
        events,
        explainers,
    } = tag;
    crate::fingerprint::of(&(name, slug, events, explainers))
}
