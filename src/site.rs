//! The resolved site: every document checked, dated, addressed and cross-indexed.
//!
//! Documents refer to each other by index into the `Site`'s vectors, never by
//! reference, and every list is in a stable order so output is identical run to run.
//! Built by `resolve`; read by `render`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::date::Moment;
use crate::load::raw::{Extra, RawImage};

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Timeline order: earliest instant, then coarser precision, then id.
    pub events: Vec<Event>,
    /// By name, then id.
    pub sources: Vec<Source>,
    /// By title, then id.
    pub explainers: Vec<Explainer>,
    /// By slug.
    pub tags: Vec<Tag>,
    /// What drafts left out of the build cite or link: see `Corpus::draft_references`.
    pub draft_references: std::collections::HashSet<String>,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub file: PathBuf,
    pub slug: String,
    /// Site path without the base: `2024/01/03/kerman-explosions/`.
    pub path: String,
    pub title: String,
    pub date: Moment,
    pub end: Option<Moment>,
    pub place: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    /// Sources cited, each once, in order of first citation, with how often.
    pub citations: Vec<Citation>,
    /// Explainers this event is about (indexes into `Site::explainers`).
    pub explainers: Vec<usize>,
    /// Indexes into `Site::tags`.
    pub tags: Vec<usize>,
    pub summary: String,
    /// `src` as it is printed: an absolute URL, or the site path of the static
    /// file, percent-encoded ([`urls::static_file`](crate::urls::static_file)).
    pub image: Option<RawImage>,
    pub updated: Option<Moment>,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    /// What `body_html` and `cited` were made from, when `serve` remembers
    /// bodies; else 0. See [`Annotated::print`](crate::resolve::links::Annotated).
    pub body_print: u64,
    pub extra: Extra,
    /// Citations in the body, in order, each a claim with its paragraph.
    pub cited: Vec<Cited>,
    /// Events this one links to.
    pub references: Vec<usize>,
    /// Filled by the cross-indexing pass.
    pub referenced_by: Vec<usize>,
    pub related: Vec<usize>,
    pub same_day: Vec<usize>,
}

#[derive(Debug, Clone, Hash)]
pub struct Citation {
    pub source: usize,
    pub count: usize,
}

#[derive(Debug)]
pub struct Source {
    pub id: String,
    pub file: PathBuf,
    pub name: String,
    pub short: String,
    pub kind: Option<String>,
    pub url: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub aliases: Vec<String>,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    pub extra: Extra,
    /// Every claim, in timeline order.
    pub claims: Vec<Claim>,
}

/// A source cited by an event. With `excerpt`, the paragraph that cites it.
#[derive(Debug, Clone, Hash)]
pub struct Claim {
    pub event: usize,
    pub excerpt: Option<Arc<str>>,
    /// The id of the paragraph in the event page, for a link to the exact place.
    pub anchor: Option<String>,
}

#[derive(Debug)]
pub struct Explainer {
    pub id: String,
    pub file: PathBuf,
    pub title: String,
    pub subject: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub summary: String,
    pub updated: Option<Moment>,
    pub tags: Vec<usize>,
    /// As an event's: `src` spelled for output.
    pub image: Option<RawImage>,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    pub extra: Extra,
    /// For an inline section: the event it is written in.
    pub defined_in: Option<usize>,
    /// Events that mention it, in timeline order.
    pub mentioned_in: Vec<usize>,
    /// Other explainers its body links to.
    pub links_to: Vec<usize>,
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// In timeline order.
    pub events: Vec<usize>,
    /// Explainers with the tag, in title order.
    pub explainers: Vec<usize>,
}

impl Site {
    /// Events grouped by year, then by month; events dated only to a year sit under
    /// month `None`, ahead of the months. Everything in timeline order.
    pub fn calendar(&self) -> BTreeMap<i32, BTreeMap<Option<u32>, Vec<usize>>> {
        use chrono::Datelike;
        let mut years: BTreeMap<i32, BTreeMap<Option<u32>, Vec<usize>>> = BTreeMap::new();
        for (i, event) in self.events.iter().enumerate() {
            let d = event.date.date();
            let month = (event.date.precision > crate::date::Precision::Year).then(|| d.month());
            years
                .entry(d.year())
                .or_default()
                .entry(month)
                .or_default()
                .push(i);
        }
        years
    }
}

/// A citation found in a body: the source cited, and where.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cited {
    /// Index of the source in [`Site::sources`].
    pub source: usize,
    /// The id given to the citing paragraph or list item.
    pub anchor: Option<String>,
    /// The citing paragraph or list item as plain text.
    pub excerpt: Option<std::sync::Arc<str>>,
}
