//! The data templates see: small serializable views built from the site.
//!
//! Each page gets only what it shows. List entries for events are built once per
//! event ([`Views::items`]) and shared, as cheap reference-counted Tera values, by
//! every page that lists the event.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::Theme;
use super::pages::PageKind;
use crate::config::Config;
use crate::date::Moment;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::FastMap;
use crate::i18n::dates::DateStyle;
use crate::i18n::strings::{PageLanguage, Table};
use crate::load::raw::{Extra, RawImage};
use crate::resolve::is_absolute_url;
use crate::site::{Event, Reason, Related, Site};
use crate::urls;

/// The `site` variable every template receives, and the entry partials with it:
/// the configuration and what every page links to. Built once per build.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// `title` from `dateline.toml` (default `Timeline`): `Kerman, 3 January 2024`.
    pub title: &'a str,
    /// `description` from `dateline.toml`; empty by default.
    pub description: &'a str,
    /// Absolute base URL with a trailing slash (`https://user.github.io/kerman/`),
    /// or `/` when `base_url` is a path; under `serve`, the preview's origin with
    /// that path (`http://127.0.0.1:1111/kerman/`).
    pub base_url: &'a str,
    /// The prefix of every internal link, with a slash at both ends: `/kerman/`,
    /// or `/`. SPEC §5.
    pub base_path: &'a str,
    /// `language` from `dateline.toml`, a BCP 47 tag as written (default `en`), for
    /// `<html lang>`.
    pub language: &'a str,
    /// Timeline order from `dateline.toml`: `oldest-first` or `newest-first`.
    pub order: crate::config::Order,
    /// How many events, sources, explainers and tags the site has, drafts left out
    /// unless built with `--drafts`.
    pub counts: Counts,
    /// The main menu: Timeline, Sources, Explainers and Tags, then Figures and
    /// Questions when the site has them, then Search.
    pub nav: Vec<Link>,
    /// Every year that has an event, earliest first, whatever `order` says.
    pub years: Vec<YearLink>,
    /// `[author]` of `dateline.toml`: `name`, `url`.
    pub author: Option<&'a crate::config::Party>,
    /// The corrections page, root-relative with the base path:
    /// `/kerman/corrections/`. It is always published (saying so when there are
    /// none), so a link to it never breaks. SPEC §9.4.
    pub corrections_url: String,
    /// The `[extra]` table of `dateline.toml`, as written; empty by default.
    pub extra: &'a Extra,
}

/// `site.counts`: how many of each kind of document the site has.
#[derive(Serialize)]
pub struct Counts {
    /// Events published (drafts only with `--drafts`).
    pub events: usize,
    /// Sources: one per file under `content/sources/`.
    pub sources: usize,
    /// Explainers: files and inline sections of events alike.
    pub explainers: usize,
    /// Distinct tags (by slug) used by events and explainers.
    pub tags: usize,
}

/// A titled link: an entry of `site.nav` (`{ title: "Sources", url: "/kerman/sources/" }`)
/// or an archive's `up`, `previous` and `next` (`{ title: "January 2024", url:
/// "/kerman/2024/01/" }`).
#[derive(Serialize, Clone)]
pub struct Link {
    /// The text to show: `Sources`, `2024`, `January 2024`.
    pub title: String,
    /// Root-relative, with the base path: `/kerman/sources/`.
    pub url: String,
}

/// An entry of `site.years`: a year that has events, and its archive.
#[derive(Serialize)]
pub struct YearLink {
    /// As on the calendar: `2024`.
    pub year: i32,
    /// The year's archive, root-relative with the base path: `/kerman/2024/`.
    pub url: String,
    /// How many events are dated in that year, whatever their precision.
    pub count: usize,
}

/// The `page` variable every template receives.
#[derive(Serialize)]
pub struct PageMeta {
    /// `index`, `event`, `year`, `month`, `on_this_day`, `source`, `sources`,
    /// `explainer`, `explainers`, `tag`, `tags`, `404`: see `PageKind::as_str`.
    pub kind: PageKind,
    /// For `<title>` and link previews: the event's title, the source's name, `2024`,
    /// `January 2024`, `On this day: 3 January`, `Tagged: Kerman`, `Page not found`;
    /// the site's title on the home page.
    pub title: String,
    /// The page's own (an event's or explainer's summary, `Events of 2024`), else
    /// the site's `description`; may be empty.
    pub description: String,
    /// Root-relative, with the base path: `/kerman/2024/`.
    pub url: String,
    /// `base_url` followed by the page's path: `https://user.github.io/kerman/2024/`;
    /// absolute when `base_url` is; percent-encoded, as `<link rel="canonical">`
    /// and `og:url` give it ([`crate::config::Config::permalink`]).
    pub permalink: String,
    /// The page's image, absolute, for link previews: an event's or explainer's
    /// own, else the site's `image`.
    pub image: Option<String>,
    /// The text alternative of `image`, when it has one.
    pub image_alt: Option<String>,
    /// Whether `image` is the page's own rather than the site's default, which
    /// link previews show small.
    pub own_image: bool,
    /// schema.org JSON-LD, ready to embed in a `<script>` (event pages).
    pub json_ld: Option<String>,
    /// The page's number in a list split into pages (`tags/kerman/page/2/` is 2),
    /// from 1; 1 for pages that are no list. SPEC §10.
    pub number: usize,
}

/// An event as it appears in lists: the timeline, archives, tag and source pages,
/// and an event page's `item`, `previous`, `next`, `related` and `on_this_day`.
/// Templates see it with its rendered HTML as `details_html` and `compact_html`:
/// see [`Views::items`].
///
/// `S` and `T` are what `sources` and `tags` hold: [`SourceMarker`]s and
/// [`TagLink`]s, or once the entry is kept for the build's pages, the template
/// values of them that every entry shares ([`Shared`], [`EventItem::shared`]).
#[derive(Serialize)]
pub struct EventItem<'a, S = SourceMarker<'a>, T = TagLink<'a>> {
    /// The file stem: `2024-01-03-kerman-explosions`.
    pub id: &'a str,
    /// As written in front matter, trimmed; never empty.
    pub title: &'a str,
    /// The event's page, root-relative with the base path:
    /// `/kerman/2024/01/03/kerman-explosions/`.
    pub url: String,
    /// Human date, or span: `3 January 2024`, `4–7 January 2020`.
    pub date: String,
    /// Machine date as precise as written, for `<time datetime>`: `2024`, `2024-01`,
    /// `2024-01-03`, `2024-01-03T14:50+03:30`.
    pub datetime: String,
    /// Machine end date of a span, as precise as written, for the second `<time
    /// datetime>`; absent without `end`.
    pub end_datetime: Option<String>,
    /// The date as lists show it ([`When`]): in full, or leaving out what the
    /// headings above the entry say.
    pub when: When,
    /// How much of the start date was written: `year`, `month`, `day` or `minute`.
    /// SPEC §3.
    pub precision: crate::date::Precision,
    /// Free text from front matter (`Kerman, Iran`); absent when blank.
    pub place: Option<&'a str>,
    /// The front matter `summary`, else the body's first paragraph as plain text;
    /// empty when there is neither.
    pub summary: &'a str,
    /// The same as inline HTML: front matter's Markdown rendered, links resolved
    /// (the first paragraph's text escaped); output it with `| safe`.
    pub summary_html: &'a str,
    /// The sources the event cites: those listed in front matter, then those only
    /// cited in the body, in order of first citation.
    pub sources: Vec<S>,
    /// The event's tags in the order written, each once.
    pub tags: Vec<T>,
    /// The event's current reading of each figure it gives readings of (SPEC
    /// §9.5), in the order `dateline.toml` declares them; empty when none.
    pub figures: Vec<super::figures::ReadingView<'a>>,
    /// Whether it is a key event (front matter `key: true`). SPEC §10.
    pub key: bool,
    /// Whether it is a draft (`draft: true`), built with `--drafts`: the built-in
    /// entries then have the class `draft` and a "Draft" label.
    pub draft: bool,
    /// The `lang` of the entry's title and summary, a BCP 47 tag; absent on a site
    /// all in one language ([`Site::entry_language`]). SPEC §11.
    pub lang: Option<&'a str>,
}

/// An event's date as lists show it, as HTML: each form a [`Shown`](crate::date::Shown)
/// in `<time>` elements — `<time datetime="2020-01-04">4</time>–<time
/// datetime="2020-01-07">7</time>` — empty when the headings say it all: `full`
/// where no heading gives the date (`4–7 January 2020`), else without what the
/// headings above the entry say — `year` under its year (`4–7 January`), `month`
/// under its month (`4–7`), `day` under its day and year (on on-this-day pages: the
/// time, or `until` the end of a span). Strings, not `{ start, to, end }` maps: a
/// template value's map costs several hundred bytes, and every event carries four.
#[derive(Serialize, Hash)]
pub struct When {
    /// Nothing known: the whole date.
    pub full: String,
    /// Its year known.
    pub year: String,
    /// Its month and year known.
    pub month: String,
    /// Its day known.
    pub day: String,
}

impl When {
    /// `event`'s date in each form, as `style` reads dates (the site's, for lists).
    pub fn of(event: &Event, style: &DateStyle) -> When {
        use crate::date::Known;
        let start = event.date.machine();
        let end = event.end.as_ref().map(crate::date::Moment::machine);
        let html = |known| {
            let shown = style.shown(&event.date, event.end.as_ref(), known);
            let mut html = String::new();
            if !shown.start.is_empty() {
                html += &format!(
                    "<time datetime=\"{start}\">{}</time>",
                    crate::html::escape(&shown.start)
                );
            }
            if let (Some(text), Some(end)) = (shown.end.filter(|e| !e.is_empty()), &end) {
                html += &format!(
                    "{}<time datetime=\"{end}\">{}</time>",
                    crate::html::escape(shown.to),
                    crate::html::escape(&text)
                );
            }
            html
        };
        When {
            full: html(Known::Nothing),
            year: html(Known::Year),
            month: html(Known::Month),
            day: html(Known::Day),
        }
    }
}

/// A source as every page that links to it shows it (list entries, event pages,
/// JSON-LD): everything those pages read of a source they cite. `serve`
/// re-renders them when this changes (`deps::Dep::SourceLink`).
#[derive(Serialize)]
pub struct SourceLink<'a> {
    /// The file stem, which citations use: `afp` for `[@afp]`.
    pub id: &'a str,
    /// Full name from front matter, trimmed: `Agence France-Presse`.
    pub name: &'a str,
    /// Marker text: front matter `short` (`AFP`), else the name.
    pub short: &'a str,
    /// The source's page, root-relative with the base path.
    pub url: String,
    /// The outlet's own site, from its front matter.
    pub homepage: Option<&'a str>,
}

/// A source cited by an event, as list entries and event pages show it: an entry
/// of `item.sources` and `event.sources`.
#[derive(Serialize)]
pub struct SourceMarker<'a> {
    /// The file stem, which citations use: `afp` for `[@afp]`.
    pub id: &'a str,
    /// Full name, for the marker's tooltip: `Agence France-Presse`.
    pub name: &'a str,
    /// The marker's text: front matter `short` (`AFP`), else the name.
    pub short: &'a str,
    /// The source's page, root-relative with the base path: `/kerman/sources/afp/`.
    pub url: String,
    /// Its claims in the event: one per citing block (cited, or named in a note);
    /// when the body does not cite it, one per report of it the event lists, or 1.
    pub count: usize,
}

/// A report an event relies on (SPEC §9.3), as pages show it: an entry of
/// `event.reports`, and the `report` of a claim on a source page.
#[derive(Serialize)]
pub struct ReportView<'a> {
    /// Its id in the event page's list of reports: `report-2`, its position there
    /// from 1. No body may hold an id of that form.
    pub anchor: String,
    /// Its entry on the event page, root-relative with the base path:
    /// `/kerman/2024/01/03/kerman-explosions/#report-2`.
    pub event_url: String,
    /// Its citation name, when given (`afp-toll`, cited as `[@afp-toll]`).
    pub id: Option<&'a str>,
    /// The outlet that published it.
    pub source: SourceLink<'a>,
    /// Where it was published, as written: an `http://` or `https://` URL.
    pub url: &'a str,
    /// Its headline, as written; absent when not given.
    pub title: Option<&'a str>,
    /// Human date of publication, as precise as written, in the event's zone when it
    /// has one: `3 January 2024, 17:20 IRST`; absent when not given.
    pub published: Option<String>,
    /// Machine date of publication, for `<time datetime>`: `2024-01-03T17:20+03:30`.
    pub published_datetime: Option<String>,
    /// A copy kept by an archive, as written (`https://web.archive.org/web/…`);
    /// absent when not given.
    pub archived: Option<&'a str>,
    /// Human date the editor read it; absent when not given.
    pub retrieved: Option<String>,
    /// Machine date the editor read it, for `<time datetime>`.
    pub retrieved_datetime: Option<String>,
}

/// A tag as every page that links to it shows it: its name and page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    /// The first spelling met in the content, trimmed: `US–Iran`.
    pub name: &'a str,
    /// The tag's page, by slug, root-relative with the base path:
    /// `/kerman/tags/us-iran/`.
    pub url: String,
}

/// An event's or explainer's `image`, as its page shows it (`event.image`,
/// `explainer.image`). SPEC §2.1.
#[derive(Serialize)]
pub struct ImageView<'a> {
    /// Ready for `src`: an absolute URL as written, or a file under `static/` made
    /// root-relative with the base path (`images/kerman.jpg` →
    /// `/kerman/images/kerman.jpg`).
    pub src: String,
    /// Alternative text, as written.
    pub alt: &'a str,
    /// The caption to show: `caption` as written, else the alt text (as a figure in a
    /// body has); absent when both are empty.
    pub caption: Option<&'a str>,
    /// Whether `caption` is the alt text (no `caption` was written, or the same text):
    /// the built-in theme then hides it from screen readers, which read the alt text
    /// already.
    pub caption_is_alt: bool,
    /// Who made the image, as written (`Atta Kenare/AFP`); absent when not given.
    pub credit: Option<&'a str>,
    /// The word to put before `credit` in the page's language (`photo_label`:
    /// `Photo`, `عکس`), unless the credit says what it is (`Illustration: …`);
    /// absent then, and without a credit.
    pub credit_label: Option<String>,
    /// Width in pixels, read from a static file or written in front matter; absent
    /// when not known (an absolute URL without `width`).
    pub width: Option<u32>,
    /// Height in pixels, given whenever `width` is.
    pub height: Option<u32>,
}

/// An explainer as every page that links to it shows it: lists of explainers,
/// event pages, tag pages.
#[derive(Serialize)]
pub struct ExplainerLink<'a> {
    /// The file stem, or the `{#id}` of an inline section: `qasem-soleimani`.
    pub id: &'a str,
    /// Front matter `title`, or an inline section's heading text.
    pub title: &'a str,
    /// The explainer's page, root-relative with the base path:
    /// `/kerman/explainers/qasem-soleimani/`.
    pub url: String,
    /// Front matter `summary`, else the body's first paragraph as plain text; may
    /// be empty.
    pub summary: &'a str,
    /// The same as inline HTML: front matter's Markdown rendered, links resolved
    /// (the first paragraph's text escaped); output it with `| safe`.
    pub summary_html: &'a str,
    /// Whether it is a draft (`draft: true`), built with `--drafts`: the built-in
    /// cards then have the class `draft` and a "Draft" label.
    pub draft: bool,
    /// The `lang` of its title and summary, a BCP 47 tag; absent on a site all in
    /// one language ([`Site::entry_language`]). SPEC §11.
    pub lang: Option<&'a str>,
}

/// The `event` variable of `event.html`.
#[derive(Serialize)]
pub struct EventPage<'a> {
    /// The event's own list entry ([`EventItem`] with `html`, `compact_html`).
    pub item: &'a Value,
    /// The file stem: `2024-01-03-kerman-explosions`.
    pub id: &'a str,
    /// As written in front matter, trimmed; never empty.
    pub title: &'a str,
    /// Human date, or span: `3 January 2024`, `4–7 January 2020`.
    pub date: String,
    /// Machine start date as precise as written, for `<time datetime>`:
    /// `2024-01-03T14:50+03:30`.
    pub datetime: String,
    /// Human start date alone, even for a span: `4 January 2020`.
    pub start: String,
    /// Human end date of a span (`7 January 2020`); absent without `end`.
    pub end: Option<String>,
    /// Machine end date, as precise as written; absent without `end`.
    pub end_datetime: Option<String>,
    /// Human date of the last update: front matter `updated`, or the latest
    /// correction's date when that is later or `updated` is not given; absent when
    /// there is neither.
    pub updated: Option<String>,
    /// Machine date of `updated`, as precise as written; absent with it.
    pub updated_datetime: Option<String>,
    /// The IANA zone the time is shown in (`Asia/Tehran`): the event's `timezone`,
    /// or the site's for a time written without an offset. Absent for a date
    /// without a time, and for a time with an offset on an event without a zone.
    pub timezone: Option<&'a str>,
    /// Free text from front matter (`Kerman, Iran`); absent when blank.
    pub place: Option<&'a str>,
    /// `[latitude, longitude]` in degrees, within ±90 and ±180: `[30.28, 57.08]`.
    pub coordinates: Option<[f64; 2]>,
    /// `coordinates` as a reader reads them: `30.28° N, 57.08° E`; absent with them.
    pub coordinates_text: Option<String>,
    /// The place on OpenStreetMap, marked:
    /// `https://www.openstreetmap.org/?mlat=30.28&mlon=57.08#map=14/30.28/57.08`;
    /// absent without `coordinates`.
    pub map_url: Option<String>,
    /// The front matter `summary`, else the body's first paragraph as plain text;
    /// empty when there is neither.
    pub summary: &'a str,
    /// The same as inline HTML: front matter's Markdown rendered, links resolved
    /// (the first paragraph's text escaped); output it with `| safe`.
    pub summary_html: &'a str,
    /// The body as HTML, with citation markers, resolved links and explainer
    /// cards; output it with `| safe`.
    pub body: &'a str,
    /// Front matter `image`, ready to show.
    pub image: Option<ImageView<'a>>,
    /// The sources cited: those listed in front matter, then those only cited in
    /// the body, in order of first citation, then those only some report is from.
    pub sources: Vec<SourceMarker<'a>>,
    /// The reports the event relies on (front matter `reports`, SPEC §9.3), in the
    /// order written.
    pub reports: Vec<ReportView<'a>>,
    /// Explainers the event is about (front matter `explainers`, then those its
    /// body links, in order of first mention), without those written inside it,
    /// which its body shows as cards.
    pub explainers: Vec<ExplainerLink<'a>>,
    /// The event's tags in the order written, each once.
    pub tags: Vec<TagLink<'a>>,
    /// The list entry of the event before it on the timeline (oldest first,
    /// whatever `order` says); absent for the first.
    pub previous: Option<&'a Value>,
    /// The list entry of the event after it on the timeline; absent for the last.
    pub next: Option<&'a Value>,
    /// Up to [`RELATED_LIMIT`](crate::resolve::index::RELATED_LIMIT) events that
    /// share an explainer or tag, in timeline order (newest first with
    /// `order = "newest-first"`): see [`RelatedEntry`]. The most related are
    /// chosen: by shared explainers, then shared tags, then nearness in time.
    pub related: Vec<RelatedEntry<'a>>,
    /// List entries of the events whose bodies link to this one, in timeline order.
    pub referenced_by: Vec<&'a Value>,
    /// List entries of up to [`SAME_DAY_LIMIT`](crate::resolve::index::SAME_DAY_LIMIT)
    /// events of the same calendar day in other years, the nearest years, in
    /// timeline order. Empty unless the date is known to the day.
    pub on_this_day: Vec<&'a Value>,
    /// The day's on-this-day page (`/kerman/on-this-day/01-03/`) when
    /// `on_this_day` is not empty.
    pub on_this_day_url: Option<String>,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: &'a Extra,
    /// Front matter `corrections`, oldest first: the page opens with a notice of the
    /// last and lists them all at its end. Empty when there are none. SPEC §9.4.
    pub corrections: Vec<super::corrections::CorrectionView<'a>>,
    /// The figures it gives readings of (SPEC §9.5), in the order `dateline.toml`
    /// declares them: each with the event's readings, in time order, and its
    /// current one. Empty when there are none.
    pub figures: Vec<super::figures::FigureSummary<'a>>,
    /// The open questions it gives accounts of (SPEC §9.6): each with the event's
    /// accounts. Empty when there are none.
    pub questions: Vec<super::figures::QuestionView<'a>>,
}

/// An event related to the event of the page: an entry of `event.related`.
#[derive(Serialize)]
pub struct RelatedEntry<'a> {
    /// The related event's list entry ([`EventItem`] with `html` and
    /// `compact_html`), shared with every list that shows it.
    pub item: &'a Value,
    /// What it shares with the page's event ([`Reasons`]).
    pub reasons: Option<&'a Value>,
    /// Its `compact_html` with `partials/related_reasons.html` inside, just before
    /// its closing `</li>`: output it as is.
    pub related_html: Value,
}

/// Why an event is related to the event of the page: the `reasons` of an entry of
/// `event.related`, which `partials/related_reasons.html` renders. Never empty: it
/// shares an explainer or a tag.
#[derive(Serialize)]
pub struct Reasons {
    /// The explainers both events are about ([`ExplainerLink`]s), in the order
    /// the page's event lists them.
    pub explainers: Vec<Value>,
    /// The tags both carry ([`TagLink`]s), in the order the page's event lists
    /// them.
    pub tags: Vec<Value>,
    /// Whether the page's event links to the related one in its body.
    pub referenced: bool,
    /// Whether the related event links to the page's in its body.
    pub references: bool,
}

/// A month (or the year itself, for events dated only to a year) and its events:
/// an entry of a year's `months` in `timeline`, and of `archive.groups`.
#[derive(Serialize)]
pub struct Group<'a> {
    /// `January 2024`, or `During 2024` for events dated only to the year.
    pub title: String,
    /// The month alone, as a heading under its year shows it: `January`; empty for
    /// events dated only to the year. In a non-Gregorian display calendar the
    /// month's full heading, whose years are not the Gregorian year above it
    /// ([`DateStyle::month_under_year`]).
    pub name: String,
    /// Whether the list gives the group a heading: a month with two events or more
    /// in the list. A month of one event goes without, its entry giving the month
    /// (`3 March`), and so do events dated only to the year, which need no date
    /// under the year's heading.
    pub headed: bool,
    /// An HTML id for the group: `y2024-01`, or `y2024` for the year itself.
    pub anchor: String,
    /// The month's archive, root-relative with the base path (`/kerman/2024/01/`);
    /// absent for the year itself.
    pub url: Option<String>,
    /// The list entries of its events, in timeline order (reversed on the home
    /// page with `order = "newest-first"`).
    pub events: Vec<&'a Value>,
}

/// A year on the home page: an entry of `timeline.years`.
#[derive(Serialize)]
pub struct YearGroup<'a> {
    /// As on the calendar: `2024`.
    pub year: i32,
    /// The year's heading as readers read it ([`DateStyle::year_heading`]): `2024`
    /// in the site's digits (`۲۰۲۴`), in another calendar its years with the
    /// Gregorian beside them (`۱۴۰۲–۱۴۰۳ (۲۰۲۴)`).
    pub title: String,
    /// An HTML id for the year: `y2024`.
    pub anchor: String,
    /// The year's archive, root-relative with the base path: `/kerman/2024/`.
    pub url: String,
    /// How many events are dated in that year, whatever their precision.
    pub count: usize,
    /// Events dated only to the year first (`During 2024`), then each month with
    /// events, in calendar order (reversed with `order = "newest-first"`).
    pub months: Vec<Group<'a>>,
}

/// A source in the `sources` list of `sources.html`, in the order of
/// [`Site::sources`] (by name).
#[derive(Serialize)]
pub struct SourceSummary<'a> {
    /// The file stem, which citations use: `afp`.
    pub id: &'a str,
    /// Full name from front matter, trimmed: `Agence France-Presse`.
    pub name: &'a str,
    /// Marker text: front matter `short` (`AFP`), else the name.
    pub short: &'a str,
    /// One of `news-agency`, `broadcaster`, `newspaper`, `official`, `ngo`,
    /// `social-media`, `other` (SPEC §2.2); absent when not given.
    pub kind: Option<&'a str>,
    /// `kind` as a reader reads it: `News agency`, `NGO`, `Social media`
    /// ([`source_kind_name`]); absent with it.
    pub kind_name: Option<String>,
    /// The source's page, root-relative with the base path: `/kerman/sources/afp/`.
    pub url: String,
    /// The outlet's own site (an `http://` or `https://` URL), from front matter.
    pub homepage: Option<&'a str>,
    /// How many claims it made: one per citation of it in an event's body, one per
    /// event that only lists it in front matter, and one per reading of a figure
    /// and account of a question it gave. SPEC §9.1, §9.5, §9.6.
    pub claims: usize,
}

/// The `source` variable of `source.html`.
#[derive(Serialize)]
pub struct SourcePage<'a> {
    /// The file stem, which citations use: `afp`.
    pub id: &'a str,
    /// Full name from front matter, trimmed: `Agence France-Presse`.
    pub name: &'a str,
    /// Marker text: front matter `short` (`AFP`), else the name.
    pub short: &'a str,
    /// One of `news-agency`, `broadcaster`, `newspaper`, `official`, `ngo`,
    /// `social-media`, `other` (SPEC §2.2); absent when not given.
    pub kind: Option<&'a str>,
    /// `kind` as a reader reads it: `News agency`, `NGO` ([`source_kind_name`]); absent
    /// with it.
    pub kind_name: Option<String>,
    /// The outlet's own site (an `http://` or `https://` URL), from front matter.
    pub homepage: Option<&'a str>,
    /// Free text from front matter: `France`.
    pub country: Option<&'a str>,
    /// BCP 47 tag from front matter, as written: `fr`.
    pub language: Option<&'a str>,
    /// Other names editors use for it, as written: `Iranian state TV`.
    pub aliases: &'a [String],
    /// The file's body as HTML, links resolved; output it with `| safe`.
    pub body: &'a str,
    /// Every claim it made, in timeline order.
    pub claims: Vec<ClaimView<'a>>,
    /// Every reading of a figure it gave (SPEC §9.5), in timeline order, each with
    /// its `event` and `figure`.
    pub readings: Vec<super::figures::ReadingView<'a>>,
    /// Every account of an open question it gave (SPEC §9.6), in timeline order,
    /// each with its `event` and `question`.
    pub accounts: Vec<super::figures::AccountView<'a>>,
    /// How many claims it made, its readings and accounts included.
    pub count: usize,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: &'a Extra,
}

/// One claim on a source page: an entry of `source.claims`. SPEC §9.1, §9.2.
#[derive(Serialize)]
pub struct ClaimView<'a> {
    /// The list entry of the event that cites the source.
    pub event: &'a Value,
    /// The sentences that carry the citations, as plain text, markers left out;
    /// absent when the source is only listed in front matter, or the citing block
    /// holds nothing but the marker.
    pub excerpt: Option<&'a str>,
    /// Whether the editor quoted the text (the citing block is in a block quote):
    /// show it as a quotation. Otherwise the excerpt is the site's own words.
    pub quoted: bool,
    /// The attribution note, `@id`s written as names: `quoting Kerman Red
    /// Crescent`; absent when there is none, and on the page of a source listed
    /// `via` another.
    pub note: Option<&'a str>,
    /// The sources the note names: on Reuters' page, Kerman Red Crescent for
    /// `[@reuters, quoting @kerman-red-crescent]`.
    pub named: Vec<SourceLink<'a>>,
    /// The note in pieces, to link the names in it: each a `text`, and the
    /// `source` (a [`SourceLink`]) when the text is a source's name the note names.
    pub note_parts: Vec<NotePart<'a>>,
    /// On the page of a source a note names, the sources cited through which it
    /// made the claim: Reuters, shown as "via Reuters"; empty when cited directly
    /// only.
    pub via: Vec<SourceLink<'a>>,
    /// Whether the source is cited itself in the block too, not only `via` others:
    /// "also via Reuters".
    pub direct: bool,
    /// Link to the citing block ("read in context"), or to the event page when
    /// there is none: `/kerman/2024/01/03/kerman-explosions/#claim-2`.
    pub url: String,
    /// Whether `url` leads to the citing block (the claim is made in the body),
    /// rather than to the event page.
    pub anchored: bool,
    /// The report the claim cites (SPEC §9.3): the one its citation names, the
    /// source's only report in the event, or a report of the event no citation
    /// names; absent when there is none.
    pub report: Option<ReportView<'a>>,
}

/// A piece of an attribution note: see [`ClaimView::note_parts`].
#[derive(Serialize)]
pub struct NotePart<'a> {
    /// The text: words of the note, or a source's name.
    pub text: &'a str,
    /// The source named, when `text` is its name.
    pub source: Option<SourceLink<'a>>,
}

/// `note` in pieces, each name of the sources `named` (at the byte ranges they
/// give) a piece of its own with its source.
pub fn note_parts<'a>(
    site: &'a Site,
    note: &'a str,
    named: &[crate::site::Named],
) -> Vec<NotePart<'a>> {
    let mut parts = Vec::new();
    let mut from = 0;
    for n in named {
        let Some(name) = note.get(n.name.clone()).filter(|_| n.name.start >= from) else {
            continue;
        };
        if n.name.start > from {
            parts.push(NotePart {
                text: &note[from..n.name.start],
                source: None,
            });
        }
        parts.push(NotePart {
            text: name,
            source: Some(source_link(site, n.source)),
        });
        from = n.name.end;
    }
    if from < note.len() {
        parts.push(NotePart {
            text: &note[from..],
            source: None,
        });
    }
    parts
}

/// An explainer in the `explainers` list of `explainers.html`, in the order of
/// [`Site::explainers`] (by title).
#[derive(Serialize)]
pub struct ExplainerSummary<'a> {
    /// The file stem, or the `{#id}` of an inline section: `qasem-soleimani`.
    pub id: &'a str,
    /// Front matter `title`, or an inline section's heading text.
    pub title: &'a str,
    /// Front matter `subject`, or what an inline section's heading asks about
    /// (`Who is Qasem Soleimani` → `Qasem Soleimani`).
    pub subject: Option<&'a str>,
    /// One of `person`, `place`, `organization`, `topic`, `other` (SPEC §2.3);
    /// absent when not given, and for inline sections.
    pub kind: Option<&'a str>,
    /// `kind` as a reader reads it: `Person`, `Organisation` ([`explainer_kind_name`]);
    /// absent with it.
    pub kind_name: Option<String>,
    /// The explainer's page, root-relative with the base path:
    /// `/kerman/explainers/qasem-soleimani/`.
    pub url: String,
    /// Front matter `summary`, else the body's first paragraph as plain text; may
    /// be empty.
    pub summary: &'a str,
    /// The same as inline HTML: front matter's Markdown rendered, links resolved
    /// (the first paragraph's text escaped); output it with `| safe`.
    pub summary_html: &'a str,
    /// How many events mention it: list it, link it, or hold it as a section.
    pub mentions: usize,
    /// Whether it is a draft (`draft: true`), built with `--drafts`.
    pub draft: bool,
    /// The `lang` of its title and summary, a BCP 47 tag; absent on a site all in
    /// one language ([`Site::entry_language`]). SPEC §11.
    pub lang: Option<&'a str>,
}

/// The `explainer` variable of `explainer.html`.
#[derive(Serialize)]
pub struct ExplainerPage<'a> {
    /// The file stem, or the `{#id}` of an inline section: `qasem-soleimani`.
    pub id: &'a str,
    /// Front matter `title` (trimmed), or an inline section's heading text.
    pub title: &'a str,
    /// Front matter `subject`, or what an inline section's heading asks about
    /// (`Who is Qasem Soleimani` → `Qasem Soleimani`).
    pub subject: Option<&'a str>,
    /// One of `person`, `place`, `organization`, `topic`, `other` (SPEC §2.3);
    /// absent when not given, and for inline sections.
    pub kind: Option<&'a str>,
    /// `kind` as a reader reads it: `Person`, `Organisation` ([`explainer_kind_name`]);
    /// absent with it.
    pub kind_name: Option<String>,
    /// Whether it is a draft (`draft: true`), built with `--drafts`: the built-in
    /// page then says so.
    pub draft: bool,
    /// Other names events use for it, as written; empty for inline sections.
    pub aliases: &'a [String],
    /// Front matter `summary`, else the body's first paragraph as plain text; may
    /// be empty.
    pub summary: &'a str,
    /// The same as inline HTML: front matter's Markdown rendered, links resolved
    /// (the first paragraph's text escaped); output it with `| safe`.
    pub summary_html: &'a str,
    /// The body (or the section, heading left out) as HTML, links resolved; output
    /// it with `| safe`.
    pub body: &'a str,
    /// Front matter `image`, ready to show; never set for inline sections.
    pub image: Option<ImageView<'a>>,
    /// Human date of the last update: front matter `updated`, or the latest
    /// correction's date when that is later or `updated` is not given; absent when
    /// there is neither.
    pub updated: Option<String>,
    /// Machine date of `updated`, as precise as written; absent with it.
    pub updated_datetime: Option<String>,
    /// Its tags in the order written, each once.
    pub tags: Vec<TagLink<'a>>,
    /// For an explainer written as a section of an event: that event.
    pub defined_in: Option<&'a Value>,
    /// List entries of the events that mention it (list it, link it, or hold it
    /// as a section), in timeline order.
    pub mentioned_in: Vec<&'a Value>,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: &'a Extra,
    /// Front matter `corrections`, oldest first, as `event.corrections`; empty for
    /// inline sections. SPEC §9.4.
    pub corrections: Vec<super::corrections::CorrectionView<'a>>,
}

/// A tag in the `tags` list of `tags.html`, in slug order.
#[derive(Serialize)]
pub struct TagSummary<'a> {
    /// The first spelling met in the content, trimmed: `US–Iran`.
    pub name: &'a str,
    /// Its URL segment: `us-iran`.
    pub slug: &'a str,
    /// The tag's page, root-relative with the base path: `/kerman/tags/us-iran/`.
    pub url: String,
    /// How many events and explainers carry it.
    pub count: usize,
    /// How many events carry it.
    pub event_count: usize,
    /// How many explainers carry it.
    pub explainer_count: usize,
}

/// Views shared across pages, built once per build.
pub struct Views {
    /// The `site` variable ([`SiteView`]), as a Tera value every context shares.
    pub site: Value,
    /// One list entry per event, at its index in [`Site::events`] (timeline order):
    /// the [`EventItem`], with its HTML as `details_html` and `compact_html`.
    pub items: Vec<Value>,
    /// Events by year, then month: see [`Site::calendar`].
    pub calendar:
        std::collections::BTreeMap<i32, std::collections::BTreeMap<Option<u32>, Vec<usize>>>,
    /// Fingerprints of `site` and of each item, when asked for (`serve`). Taken from
    /// the views before they become template values, whose maps have no fixed order.
    pub prints: Option<(u64, Vec<u64>)>,
    /// Each set of reasons an event is related to another for, as templates see
    /// it ([`Reasons`]) and as `partials/related_reasons.html` renders it: made
    /// once per set, however many event pages show it.
    pub reasons: ReasonSets,
    /// Each event's position in the newest-first timeline ([`Site::newest_first`])
    /// when `order = "newest-first"`, else empty: related events follow the
    /// timeline's order.
    pub newest_rank: Vec<usize>,
    /// The theme's words, for pages in a language of their own.
    pub words: std::sync::Arc<crate::i18n::strings::Words>,
    /// `t` and `lang` of the site's language: list entries, and every page
    /// without a language of its own.
    pub language: PageLanguage,
    /// The site's language's table: the words the build itself writes into
    /// pages (titles, descriptions, the overview, charts) in that language.
    pub table: std::sync::Arc<crate::i18n::strings::Table>,
}

impl Views {
    /// `t` and `lang` for a page in language `tag` (its `language` front matter),
    /// or in the site's when `None` or the same.
    pub fn language_of(
        &self,
        site: &Site,
        tag: Option<&str>,
    ) -> std::borrow::Cow<'_, PageLanguage> {
        match tag {
            Some(tag) if tag != site.config.language => {
                std::borrow::Cow::Owned(PageLanguage::new(&self.words, tag))
            }
            _ => std::borrow::Cow::Borrowed(&self.language),
        }
    }

    /// The table of a page in language `tag` (its `language` front matter), or
    /// the site's when `None`: for the words the build writes into that page.
    pub fn table_of(&self, site: &Site, tag: Option<&str>) -> std::sync::Arc<Table> {
        match tag {
            Some(tag) if tag != site.config.language => self.words.table(tag),
            _ => self.table.clone(),
        }
    }
}

/// Sets of reasons two events are related for, each with its [`Reasons`] value and
/// its HTML: see [`Views::reasons`].
pub type ReasonSets = FastMap<Vec<Reason>, (Value, String)>;

/// The [`Reasons`] of each set of reasons the related events of `site` are
/// related for, with their HTML: see [`Views::reasons`].
fn related_reasons(
    site: &Site,
    theme: &Theme,
    budget: &super::budget::Budget,
    (site_value, language): (&Value, &PageLanguage),
) -> Result<ReasonSets, Vec<Diagnostic>> {
    let mut sets: Vec<&[Reason]> = site
        .events
        .iter()
        .flat_map(|e| e.related.iter().map(|r| r.reasons.as_slice()))
        .collect();
    sets.sort_unstable();
    sets.dedup();
    let explainers: Vec<Value> = (0..site.explainers.len())
        .map(|x| Value::from_serializable(&explainer_link(site, x)))
        .collect();
    let tags: Vec<Value> = (0..site.tags.len())
        .map(|t| Value::from_serializable(&tag_link(site, t)))
        .collect();
    type Made = Result<(Vec<Reason>, (Value, String)), Vec<Diagnostic>>;
    let made: Vec<Made> = sets
        .par_iter()
        .map(|&set| {
            let mut reasons = Reasons {
                explainers: Vec::new(),
                tags: Vec::new(),
                referenced: false,
                references: false,
            };
            for reason in set {
                match *reason {
                    Reason::Explainer(x) => reasons.explainers.push(explainers[x].clone()),
                    Reason::Tag(t) => reasons.tags.push(tags[t].clone()),
                    Reason::Referenced => reasons.referenced = true,
                    Reason::References => reasons.references = true,
                }
            }
            let value = Value::from_serializable(&reasons);
            let mut context = tera::Context::new();
            context.insert_value("site", site_value.clone());
            language.insert(&mut context);
            context.insert_value("reasons", value.clone());
            let html = theme.render(REASONS, &context, budget)?;
            Ok((set.to_vec(), (value, html)))
        })
        .collect();
    let mut reasons = ReasonSets::default();
    reasons.reserve(made.len());
    for result in made {
        match result {
            Ok((set, made)) => {
                reasons.insert(set, made);
            }
            // A template error breaks every set alike: one report is enough.
            Err(found) => return Err(found),
        }
    }
    Ok(reasons)
}

impl Views {
    /// With `memo` (`serve`), the views get their fingerprints, and list entries are
    /// reused from the last build when what they are made from is unchanged.
    ///
    /// What follows each entry's headline is rendered once here, through
    /// `partials/event_details.html`, and the compact entry through
    /// `partials/event_item_compact.html`; lists splice that HTML
    /// (`item.details_html`, `item.compact_html`) instead of rendering it again on
    /// every page that lists the event. A template error there fails with one diagnostic per error,
    /// naming the entries it broke.
    pub fn new(
        site: &Site,
        theme: &Theme,
        budget: &super::budget::Budget,
        memo: Option<&mut ItemMemo>,
    ) -> Result<Views, Vec<Diagnostic>> {
        let fingerprint = memo.is_some();
        let config = &site.config;
        let calendar = site.calendar();
        let years = calendar
            .iter()
            .map(|(&year, months)| YearLink {
                year,
                url: config.link(&urls::year(year)),
                count: months.values().map(Vec::len).sum(),
            })
            .collect();
        // Figures and open questions only when the site has them (SPEC §9.5, §9.6).
        let table = theme.words.table(&config.language);
        let figures = (!site.figures.is_empty()).then_some(("nav.figures", urls::figures()));
        let questions =
            (!site.questions.is_empty()).then_some(("nav.questions", urls::questions()));
        let nav = [
            ("nav.timeline", urls::home()),
            ("nav.sources", urls::sources()),
            ("nav.explainers", urls::explainers()),
            ("nav.tags", urls::tags()),
        ]
        .into_iter()
        .chain(figures)
        .chain(questions)
        .chain([("nav.search", urls::search_page())])
        .map(|(key, path)| Link {
            title: table.text(key).to_owned(),
            url: config.link(path),
        })
        .collect();
        let site_view = SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: &config.base_path,
            language: &config.language,
            order: config.order,
            counts: Counts {
                events: site.events.len(),
                sources: site.sources.len(),
                explainers: site.explainers.len(),
                tags: site.tags.len(),
            },
            nav,
            years,
            author: config.author.as_ref(),
            corrections_url: config.link(urls::corrections()),
            extra: &config.extra,
        };
        let print = |value: &dyn erased::Print| fingerprint.then(|| value.print());
        let site_value = Value::from_serializable(&site_view);
        // What an entry's HTML is made with besides its `EventItem`: the theme,
        // the configuration and the `site` variable.
        let salt = fingerprint.then(|| {
            let config = crate::fingerprint::of_debug(config);
            let made_with = (
                theme.fingerprint(),
                crate::fingerprint::of_serialized(&site_view),
            );
            crate::fingerprint::of(&(config, made_with))
        });
        let language = PageLanguage::new(&theme.words, &config.language);
        let previous = memo.as_deref();
        let shared = Shared::new(site);
        // Each entry: its memo key, its value, its fingerprint. The key is made of
        // the entry's own view, so it covers whatever `event_item` reads.
        type Made = Result<(u64, Value, Option<u64>), Vec<Diagnostic>>;
        let made: Vec<Made> = site
            .events
            .par_iter()
            .map(|event| {
                let item = event_item(site, event, &table);
                let print = print(&item);
                let key = salt
                    .zip(print)
                    .map_or(0, |made_with| crate::fingerprint::of(&made_with));
                if let Some(value) = previous.and_then(|memo| memo.0.get(&key)) {
                    return Ok((key, value.clone(), print));
                }
                let value = listed(
                    theme,
                    budget,
                    (&site_value, &language),
                    (item, event, &shared),
                )?;
                Ok((key, value, print))
            })
            .collect();
        let made = template_failures(made, ("the list entry of ", "event"), |n| {
            crate::diagnostic::display_path(&site.events[n].file)
        })?;
        if let Some(memo) = memo {
            memo.0 = made
                .iter()
                .filter(|(_, _, print)| print.is_some())
                .map(|(key, value, _)| (*key, value.clone()))
                .collect();
        }
        let (items, item_prints): (Vec<Value>, Vec<Option<u64>>) = made
            .into_iter()
            .map(|(_, value, print)| (value, print))
            .unzip();
        let prints = print(&site_view).map(|p| (p, item_prints.into_iter().flatten().collect()));
        let reasons = related_reasons(site, theme, budget, (&site_value, &language))?;
        let mut newest_rank = Vec::new();
        if config.order == crate::config::Order::NewestFirst {
            newest_rank = vec![0; site.events.len()];
            for (position, i) in site.newest_first().into_iter().enumerate() {
                newest_rank[i] = position;
            }
        }
        Ok(Views {
            site: site_value,
            items,
            calendar,
            prints,
            reasons,
            newest_rank,
            words: theme.words.clone(),
            language,
            table,
        })
    }
}

/// An event's list entry as templates see it: the [`EventItem`] with what follows
/// its headline — summary, figures, sources — as `details_html`, and the compact
/// entry as `compact_html`, both rendered by the theme's partials with `item` and
/// `site`. The full entry is not kept: each list renders its date line and
/// headline with a heading level and date of its own (`partials/event_item.html`),
/// splicing `details_html` — and an archive of 100,000 events would hold every
/// entry's HTML twice over.
fn listed(
    theme: &Theme,
    budget: &super::budget::Budget,
    (site, language): (&Value, &PageLanguage),
    (item, event, shared): (EventItem, &Event, &Shared),
) -> Result<Value, Vec<Diagnostic>> {
    #[derive(Serialize)]
    struct Detailed<'a> {
        #[serde(flatten)]
        item: &'a EventItem<'a>,
        details_html: &'a Value,
    }
    #[derive(Serialize)]
    struct Listed<'a> {
        #[serde(flatten)]
        item: EventItem<'a, Value, Value>,
        details_html: Value,
        compact_html: Value,
    }
    let mut context = tera::Context::new();
    context.insert_value("site", site.clone());
    language.insert(&mut context);
    context.insert("item", &item);
    let render = |name: &str, context: &tera::Context| {
        let html = theme.render(name, context, budget)?;
        Ok::<_, Vec<Diagnostic>>(Value::safe_string(&html))
    };
    let details_html = render(DETAILS, &context)?;
    context.insert(
        "item",
        &Detailed {
            item: &item,
            details_html: &details_html,
        },
    );
    let compact_html = render(COMPACT_ITEM, &context)?;
    drop(context);
    Ok(Value::from_serializable(&Listed {
        item: item.shared(event, shared),
        compact_html,
        details_html,
    }))
}

/// The partial that renders what follows an entry's headline — summary, figures,
/// sources — once per event: `item.details_html`.
pub const DETAILS: &str = "partials/event_details.html";
/// The partial that renders one list entry without its summary: `item.compact_html`.
pub const COMPACT_ITEM: &str = "partials/event_item_compact.html";
/// The partial that renders what a related event shares with the event of the
/// page, inside its entry's `related_html`.
pub const REASONS: &str = "partials/related_reasons.html";

/// The values of `results`, or the template errors among them, each error reported
/// once however many of them it broke: `cannot render {what}{first} and 3 other
/// {noun}s`, where `name(n)` names the `n`th.
pub fn template_failures<T>(
    results: Vec<Result<T, Vec<Diagnostic>>>,
    (what, noun): (&str, &str),
    name: impl Fn(usize) -> String,
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut failures: std::collections::BTreeMap<String, (Vec<Diagnostic>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    let mut values = Vec::with_capacity(results.len());
    for (n, result) in results.into_iter().enumerate() {
        match result {
            Ok(value) => values.push(value),
            Err(found) => failures
                .entry(found.iter().map(ToString::to_string).collect())
                .or_insert_with(|| (found, Vec::new()))
                .1
                .push(n),
        }
    }
    if failures.is_empty() {
        return Ok(values);
    }
    let mut diagnostics = Vec::new();
    for (_, (found, broke)) in failures {
        let others = match broke.len() {
            1 => String::new(),
            n => format!(
                " and {}",
                crate::messages::plural(n - 1, &format!("other {noun}"))
            ),
        };
        let first = name(broke[0]);
        for mut diagnostic in found {
            diagnostic.message = diagnostic.message.replacen(
                "template error: ",
                &format!("template error: cannot render {what}{first}{others}: "),
                1,
            );
            diagnostics.push(diagnostic);
        }
    }
    Err(diagnostics)
}

/// List entries of the last build, rendered, by the fingerprint of their
/// [`EventItem`] and of what they are rendered with.
#[derive(Default)]
pub struct ItemMemo(crate::fingerprint::FastMap<u64, Value>);

/// The template values list entries share, made once per build: each tag's
/// [`TagLink`], and each source's [`SourceMarker`] for each number of claims an
/// event makes of it. Tera's maps are reference-counted, so an entry holding one
/// holds a pointer; at 100,000 events, each entry's own copies took some 300 MB.
pub struct Shared {
    /// By tag index.
    tags: Vec<Value>,
    /// By source index and count of claims.
    markers: FastMap<(usize, usize), Value>,
}

impl Shared {
    /// The values the entries of `site` need.
    pub fn new(site: &Site) -> Shared {
        let mut cited: Vec<(usize, usize)> = (site.events.iter())
            .flat_map(|e| e.citations.iter().map(|c| (c.source, c.count)))
            .collect();
        cited.sort_unstable();
        cited.dedup();
        let markers = (cited.into_iter())
            .map(|(s, count)| {
                let marker = source_marker(site, s, count);
                ((s, count), Value::from_serializable(&marker))
            })
            .collect();
        Shared {
            tags: (0..site.tags.len())
                .map(|t| Value::from_serializable(&tag_link(site, t)))
                .collect(),
            markers,
        }
    }
}

impl<'a> EventItem<'a> {
    /// The entry of `event` with its sources and tags the values `shared` holds
    /// for them, as [`Views::items`] keeps it.
    pub fn shared(self, event: &Event, shared: &Shared) -> EventItem<'a, Value, Value> {
        EventItem {
            id: self.id,
            title: self.title,
            url: self.url,
            date: self.date,
            datetime: self.datetime,
            end_datetime: self.end_datetime,
            when: self.when,
            precision: self.precision,
            place: self.place,
            summary: self.summary,
            summary_html: self.summary_html,
            sources: (event.citations.iter())
                .map(|c| shared.markers[&(c.source, c.count)].clone())
                .collect(),
            tags: (event.tags.iter())
                .map(|&t| shared.tags[t].clone())
                .collect(),
            figures: self.figures,
            key: self.key,
            draft: self.draft,
            lang: self.lang,
        }
    }
}

/// The list entry of `event`, before it is rendered: see [`Views::items`]. Its
/// words (figure values) are `table`'s, the site's language's.
pub fn event_item<'a>(site: &'a Site, event: &'a Event, table: &Table) -> EventItem<'a> {
    EventItem {
        id: &event.id,
        title: &event.title,
        url: site.config.link(&event.path),
        date: event_date_text(site.dates(), event),
        datetime: event.date.machine(),
        end_datetime: event.end.as_ref().map(crate::date::Moment::machine),
        when: When::of(event, site.dates()),
        precision: event.date.precision,
        place: event.place.as_deref(),
        summary: &event.summary,
        summary_html: &event.summary_html,
        sources: source_markers(site, event),
        tags: tag_links(site, &event.tags),
        figures: super::figures::current_figures(site, event, table),
        key: event.key,
        draft: event.draft,
        lang: site.entry_language(event.language.as_deref()),
    }
}

/// The word a reader reads for a source's `kind` (SPEC §2.2) in `table`'s
/// language, as templates read it too (`source_kind.*`): in English
/// `news-agency` → `News agency`, `ngo` → `NGO`. A kind no source may have (they
/// are checked) reads as `source_kind.other`.
pub fn source_kind_name(table: &Table, kind: &str) -> String {
    kind_word(table, "source_kind", crate::load::raw::SOURCE_KINDS, kind)
}

/// The word a reader reads for an explainer's `kind` (SPEC §2.3) in `table`'s
/// language, as templates read it too (`explainer_kind.*`): in English
/// `organization` → `Organisation`, spelt as the theme's own words are ("people,
/// places and organisations"). A kind no explainer may have reads as
/// `explainer_kind.other`.
pub fn explainer_kind_name(table: &Table, kind: &str) -> String {
    kind_word(
        table,
        "explainer_kind",
        crate::load::raw::EXPLAINER_KINDS,
        kind,
    )
}

/// `group.kind` of `table` when `kind` is one of `kinds`, else `group.other`.
fn kind_word(table: &Table, group: &str, kinds: &[&str], kind: &str) -> String {
    let kind = if kinds.contains(&kind) { kind } else { "other" };
    table.text(&format!("{group}.{kind}")).to_owned()
}

/// Coordinates as a reader reads them in `table`'s language (`coordinates`,
/// `compass.*`): `30.28° N, 57.08° E`, `33.3° S, 70.7° W`, each number as
/// written, in the language's digits.
pub fn coordinates_text(table: &Table, (lat, lon): (f64, f64)) -> String {
    let ns = table.text(if lat < 0.0 {
        "compass.south"
    } else {
        "compass.north"
    });
    let ew = table.text(if lon < 0.0 {
        "compass.west"
    } else {
        "compass.east"
    });
    let digits = crate::i18n::strings::digits_of(&table.tag);
    table.fill(
        "coordinates",
        &[
            ("lat", &digits.number(&lat.abs().to_string())),
            ("ns", ns),
            ("lon", &digits.number(&lon.abs().to_string())),
            ("ew", ew),
        ],
    )
}

/// The address of a point on OpenStreetMap, marked and zoomed to a town's streets.
fn map_url((lat, lon): (f64, f64)) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}")
}

/// An event's date as lists show it, as `style` reads dates: `3 January 2024`, or a
/// span.
pub fn event_date_text(style: &DateStyle, event: &Event) -> String {
    match &event.end {
        Some(end) => style.display_span(&event.date, end),
        None => style.display(&event.date),
    }
}

fn source_markers<'a>(site: &'a Site, event: &'a Event) -> Vec<SourceMarker<'a>> {
    (event.citations.iter())
        .map(|c| source_marker(site, c.source, c.count))
        .collect()
}

/// The `s`th source of `site` as an entry citing it `count` times shows it.
fn source_marker(site: &Site, s: usize, count: usize) -> SourceMarker<'_> {
    let source = source_link(site, s);
    SourceMarker {
        id: source.id,
        name: source.name,
        short: source.short,
        url: source.url,
        count,
    }
}

/// The `s`th source of `site` as pages that cite it show it.
pub fn source_link(site: &Site, s: usize) -> SourceLink<'_> {
    let source = &site.sources[s];
    SourceLink {
        id: &source.id,
        name: &source.name,
        short: &source.short,
        url: site.config.link(&urls::source(&source.id)),
        homepage: source.url.as_deref(),
    }
}

/// The `r`th report (from 0) of `event` as pages show it: see [`ReportView`].
pub fn report_view<'a>(site: &'a Site, event: &'a Event, r: usize) -> Option<ReportView<'a>> {
    let report = event.reports.get(r)?;
    let anchor = crate::resolve::links::report_anchor(r + 1);
    Some(ReportView {
        event_url: format!("{}#{anchor}", site.config.link(&event.path)),
        anchor,
        id: report.id.as_deref(),
        source: source_link(site, report.source),
        url: &report.url,
        title: report.title.as_deref(),
        published: report.published.as_ref().map(|d| site.dates().display(d)),
        published_datetime: report.published.as_ref().map(Moment::machine),
        archived: report.archived.as_deref(),
        retrieved: report.retrieved.as_ref().map(|d| site.dates().display(d)),
        retrieved_datetime: report.retrieved.as_ref().map(Moment::machine),
    })
}

/// The tags numbered `tags` as the pages they are on link to them.
pub fn tag_links<'a>(site: &'a Site, tags: &[usize]) -> Vec<TagLink<'a>> {
    tags.iter().map(|&t| tag_link(site, t)).collect()
}

/// The `t`th tag of `site` as every page that links to it shows it.
pub fn tag_link(site: &Site, t: usize) -> TagLink<'_> {
    TagLink {
        name: &site.tags[t].name,
        url: site.config.link(&urls::tag(&site.tags[t].slug)),
    }
}

/// An `image` from front matter as its page shows it, `src` made ready to use, its
/// credit's label in the words of `table`, the page's language's: see
/// [`ImageView`]. `None` when there is no image.
pub fn image_view<'a>(
    config: &Config,
    table: &Table,
    image: Option<&'a RawImage>,
) -> Option<ImageView<'a>> {
    image.map(|image| ImageView {
        src: if is_absolute_url(&image.src) {
            image.src.clone()
        } else {
            config.link(image.src.trim_start_matches('/'))
        },
        alt: &image.alt,
        caption: image
            .caption
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .or_else(|| Some(image.alt.as_str()).filter(|a| !a.trim().is_empty())),
        caption_is_alt: image
            .caption
            .as_deref()
            .is_none_or(|c| c.trim().is_empty() || c.trim() == image.alt.trim()),
        credit: image.credit.as_deref().filter(|c| !c.trim().is_empty()),
        credit_label: image
            .credit
            .as_deref()
            .filter(|c| !crate::resolve::links::says_what_it_is(c))
            .map(|_| table.text("photo_label").to_owned()),
        width: image.width,
        height: image.height,
    })
}

/// The `x`th explainer of `site` as every page that links to it shows it.
pub fn explainer_link(site: &Site, x: usize) -> ExplainerLink<'_> {
    let explainer = &site.explainers[x];
    ExplainerLink {
        id: &explainer.id,
        title: &explainer.title,
        url: site.config.link(&urls::explainer(&explainer.id)),
        summary: &explainer.summary,
        summary_html: &explainer.summary_html,
        draft: explainer.draft,
        lang: site.entry_language(explainer.language.as_deref()),
    }
}

/// The `event` variable of the page of the `i`th event of [`Site::events`].
pub fn event_page<'a>(site: &'a Site, views: &'a Views, i: usize) -> EventPage<'a> {
    let event = &site.events[i];
    let config = &site.config;
    let dates = &*site.page_dates(event.language.as_deref());
    let table = views.table_of(site, event.language.as_deref());
    let on_this_day_url = (!event.same_day.is_empty()).then(|| {
        use chrono::Datelike;
        let d = event.date.date();
        config.link(&urls::on_this_day(d.month(), d.day()))
    });
    EventPage {
        item: &views.items[i],
        id: &event.id,
        title: &event.title,
        date: event_date_text(dates, event),
        datetime: event.date.machine(),
        start: dates.display(&event.date),
        end: event.end.as_ref().map(|e| dates.display(e)),
        end_datetime: event.end.as_ref().map(|e| e.machine()),
        updated: event.updated.as_ref().map(|u| dates.display(u)),
        updated_datetime: event.updated.as_ref().map(|u| u.machine()),
        timezone: event.date.zone.as_ref().map(|z| z.name()),
        place: event.place.as_deref(),
        coordinates: event.coordinates.map(|(lat, lon)| [lat, lon]),
        coordinates_text: event.coordinates.map(|c| coordinates_text(&table, c)),
        map_url: event.coordinates.map(map_url),
        summary: &event.summary,
        summary_html: &event.summary_html,
        body: &event.body_html,
        image: image_view(config, &table, event.image.as_ref()),
        sources: source_markers(site, event),
        reports: (0..event.reports.len())
            .filter_map(|r| report_view(site, event, r))
            .collect(),
        // Explainers written in this event already show as cards in its body.
        explainers: event
            .explainers
            .iter()
            .filter(|&&x| site.explainers[x].defined_in != Some(i))
            .map(|&x| explainer_link(site, x))
            .collect(),
        tags: tag_links(site, &event.tags),
        previous: i.checked_sub(1).map(|p| &views.items[p]),
        next: views.items.get(i + 1),
        related: related_entries(views, &event.related),
        referenced_by: event
            .referenced_by
            .iter()
            .map(|&j| &views.items[j])
            .collect(),
        on_this_day: event.same_day.iter().map(|&j| &views.items[j]).collect(),
        on_this_day_url,
        extra: &event.extra,
        corrections: super::corrections::views(&event.corrections, dates),
        figures: super::figures::event_figures(site, event, (&table, dates)),
        questions: super::figures::event_questions(site, event, dates),
    }
}

/// An event's related events as its page lists them, in the timeline's `order`: see
/// [`EventPage::related`].
fn related_entries<'v>(views: &'v Views, related: &[Related]) -> Vec<RelatedEntry<'v>> {
    // In timeline order already; newest first as the home page is, where what is
    // known only to a year, month or day still heads its period.
    let mut in_order: Vec<&Related> = related.iter().collect();
    if !views.newest_rank.is_empty() {
        in_order.sort_by_key(|r| views.newest_rank[r.event]);
    }
    in_order
        .into_iter()
        .map(|r| {
            // The entry is shared, not copied: a template value passes through
            // serialization as itself.
            let item = &views.items[r.event];
            let compact = item
                .get_from_path("compact_html")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let (reasons, related_html) = match views.reasons.get(r.reasons.as_slice()) {
                Some((reasons, html)) => (Some(reasons), with_reasons(compact, html)),
                None => (None, compact.to_owned()),
            };
            RelatedEntry {
                item,
                reasons,
                related_html: Value::safe_string(&related_html),
            }
        })
        .collect()
}

/// A list entry's HTML (`compact_html`) with the HTML of its reasons inside, just
/// before its closing `</li>` (at its end, if it has none). The entry is rendered
/// once per build and the reasons once per set of reasons, so an event page lists
/// its related events without rendering their entries again.
fn with_reasons(entry: &str, reasons: &str) -> String {
    let at = entry
        .as_bytes()
        .windows(5)
        .rposition(|w| w.eq_ignore_ascii_case(b"</li>"))
        .unwrap_or(entry.len());
    let mut html = String::with_capacity(entry.len() + reasons.len());
    html.push_str(&entry[..at]);
    html.push_str(reasons);
    html.push_str(&entry[at..]);
    html
}

mod erased {
    /// A view's fingerprint, through a trait object so one closure takes any view.
    pub trait Print {
        fn print(&self) -> u64;
    }

    impl<T: serde::Serialize> Print for T {
        fn print(&self) -> u64 {
            crate::fingerprint::of_serialized(self)
        }
    }
}
