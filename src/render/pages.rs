//! The list of pages to render: for each, its output path, template, and how to build
//! its context.
//!
//! Listing the pages is cheap and serial; contexts are built lazily, by the render
//! thread that renders the page, and dropped with it. So a build never holds more
//! than a page per thread in template values, whatever the size of the site.

use std::borrow::Cow;
use std::path::PathBuf;

use chrono::Datelike;
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use tera::{Context, Value};

use super::deps::{Dep, Prints};
use super::machine;
use super::overview::Overview;
use super::paging;
use super::views::{self, Group, PageMeta, Views, YearGroup};
use crate::config::{Config, Order};
use crate::i18n::dates::DateStyle;
use crate::resolve::index::calendar_days;
use crate::site::{Event, Site};
use crate::urls;

/// Fills a page's context with its own variable (`event`, `archive`, …), and may add
/// an image and structured data to its `page` variable.
type Fill<'a> = Box<dyn Fn(&mut Context, &mut PageMeta) + Send + Sync + 'a>;

/// One page to render: where it goes, with which template, and how to build its
/// context, which waits until the page is rendered.
pub struct Job<'a> {
    /// Output path: `2024/01/index.html`.
    pub path: String,
    /// The template it is rendered with: [`PageKind::template`].
    pub template: &'static str,
    /// The content file the page comes from, for collision messages.
    pub origin: Option<PathBuf>,
    kind: PageKind,
    title: String,
    description: String,
    /// The site path: `""` for the home page, `2024/` …
    site_path: String,
    fill: Fill<'a>,
    /// What the page shows, besides `site`: see [`Dep`].
    deps: Vec<Dep<'a>>,
    /// Its number in a list split into pages (SPEC §10), from 1; 1 for every
    /// other page.
    number: usize,
    /// The page's own language (an event's or explainer's `language`), when it
    /// has one; else it is in the site's. SPEC §11.
    language: Option<&'a str>,
}

impl Job<'_> {
    /// The page's fingerprint: the same as the last build's means the same page.
    pub fn fingerprint(&self, prints: &Prints) -> u64 {
        let identity = (
            &self.path,
            self.template,
            self.kind.as_str(),
            &self.title,
            &self.description,
            &self.site_path,
            self.language,
        );
        prints.page(identity, &self.deps)
    }

    /// How much the page lists, as a guess at how long it takes to render: the
    /// timeline, big tags and sources first, so no thread is left with one at the end.
    pub fn weight(&self) -> usize {
        let listed = |dep: &Dep| match dep {
            Dep::Items(list) => list.len(),
            _ => 1,
        };
        self.deps.iter().map(listed).sum()
    }

    /// The template context: `site`, `page`, and the page's own variable.
    pub fn context(&self, site: &Site, views: &Views) -> Context {
        let config = &site.config;
        let description = if self.description.is_empty() {
            &config.description
        } else {
            &self.description
        };
        let mut meta = PageMeta {
            kind: self.kind,
            title: self.title.clone(),
            description: description.clone(),
            url: config.link(&self.site_path),
            permalink: config.permalink(&self.site_path),
            image: None,
            image_alt: None,
            own_image: false,
            json_ld: None,
            number: self.number,
        };
        let mut context = Context::new();
        (self.fill)(&mut context, &mut meta);
        if meta.image.is_none() {
            set_image(&mut meta, site, config.image.as_ref());
            meta.own_image = false;
        }
        context.insert_value("site", views.site.clone());
        views.language_of(site, self.language).insert(&mut context);
        context.insert("page", &meta);
        context
    }
}

struct Builder<'a> {
    site: &'a Site,
    views: &'a Views,
    jobs: Vec<Job<'a>>,
}

impl<'a> Builder<'a> {
    /// Adds the page at site path `path` (`""` for the home page, `2024/` …), which
    /// shows `deps` (everything `fill` reads besides `site`: `serve` re-renders the
    /// page when one of them changes) and whose own variables `fill` inserts when
    /// the page is rendered.
    fn page(
        &mut self,
        path: &str,
        kind: PageKind,
        title: String,
        description: &str,
        deps: Vec<Dep<'a>>,
        fill: impl Fn(&mut Context, &mut PageMeta) + Send + Sync + 'a,
    ) -> &mut Job<'a> {
        self.jobs
            .push(Job::new(path, kind, title, description, deps, fill));
        self.jobs.last_mut().expect("just pushed")
    }

    /// Adds `page` of a list split into pages (SPEC §10), as [`Builder::page`]
    /// does: at its path, titled `title` with its number after the first page,
    /// and with its `pagination` in the context besides what `fill` inserts.
    fn list_page(
        &mut self,
        page: &paging::ListPage,
        kind: PageKind,
        title: &str,
        description: &str,
        deps: Vec<Dep<'a>>,
        fill: impl Fn(&mut Context, &mut PageMeta) + Send + Sync + 'a,
    ) -> &mut Job<'a> {
        let pagination = page.pagination.clone();
        let title = paging::title(&self.views.table, title, page.number, pagination.pages);
        let job = self.page(
            &page.path,
            kind,
            title,
            description,
            deps,
            move |context, meta| {
                fill(context, meta);
                insert(context, "pagination", &pagination);
            },
        );
        job.number = page.number;
        job
    }
}

impl<'a> Job<'a> {
    /// The page at site path `path`: see [`Builder::page`].
    fn new(
        path: &str,
        kind: PageKind,
        title: String,
        description: &str,
        deps: Vec<Dep<'a>>,
        fill: impl Fn(&mut Context, &mut PageMeta) + Send + Sync + 'a,
    ) -> Job<'a> {
        let file = if kind == PageKind::NotFound {
            urls::not_found().to_owned()
        } else {
            urls::page_file(path)
        };
        Job {
            path: file,
            template: kind.template(),
            origin: None,
            kind,
            title,
            description: description.to_owned(),
            site_path: path.to_owned(),
            fill: Box::new(fill),
            deps,
            number: 1,
            language: None,
        }
    }
}

/// Sets `image` as the page's image in link previews.
fn set_image(meta: &mut PageMeta, site: &Site, image: Option<&crate::load::raw::RawImage>) {
    meta.image = machine::image_url(site, image);
    meta.image_alt = image
        .map(|image| image.alt.trim())
        .filter(|alt| !alt.is_empty())
        .map(str::to_owned);
    meta.own_image = meta.image.is_some();
}

/// About as long as search engines show a description, in characters.
const DESCRIPTION_LENGTH: usize = 160;

/// The description of a page whose summary is `summary`: as written when its
/// editor wrote it as one (`written`), else (the body's first paragraph) cut at a
/// word to at most [`DESCRIPTION_LENGTH`] characters; `otherwise` when it is empty.
fn description(summary: &str, written: bool, otherwise: impl FnOnce() -> String) -> String {
    if summary.is_empty() {
        otherwise()
    } else if written {
        summary.to_owned()
    } else {
        cut_at_word(summary, DESCRIPTION_LENGTH)
    }
}

/// `text` cut to at most `max` characters at the end of a word, with `…` in place of
/// what was cut; at a character when a single word is longer than that.
fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    // Room for the ellipsis.
    let limit = text
        .char_indices()
        .nth(max - 1)
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..limit];
    // Cut where a space follows a word, or at the limit if the text goes on with a
    // space there.
    let cut = if text[limit..].starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace)
            .map_or(head, |at| &head[..at])
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '—' | '-')
    });
    format!("{}…", if cut.is_empty() { head } else { cut })
}

/// Inserts `value` as `name` in a context.
fn insert<T: Serialize + ?Sized>(context: &mut Context, name: &'static str, value: &T) {
    context.insert(name, value);
}

/// The kinds of page, each rendered with its own template. A new kind does not
/// compile until it has a name and a template; listed in [`PageKind::ALL`], it is in
/// [`TEMPLATES`] and the tests check its template is built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The home page, the timeline: `/`.
    Index,
    /// An event's page: `/2024/01/03/kerman-explosions/`.
    Event,
    /// A year's archive: `/2024/`.
    Year,
    /// A month's archive: `/2024/01/`.
    Month,
    /// A calendar day across the years: `/on-this-day/01-03/`.
    OnThisDay,
    /// Every calendar day that has events, with counts: `/on-this-day/`. SPEC §10.
    OnThisDayIndex,
    /// A source's page and its claims: `/sources/afp/`.
    Source,
    /// The sources index: `/sources/`.
    Sources,
    /// An explainer's page: `/explainers/qasem-soleimani/`.
    Explainer,
    /// The explainers index: `/explainers/`.
    Explainers,
    /// A tag's events and explainers: `/tags/kerman/`.
    Tag,
    /// The tags index: `/tags/`.
    Tags,
    /// Every correction on the site, newest first: `/corrections/`. SPEC §9.4.
    Corrections,
    /// Every figure with its current value: `/figures/`. SPEC §9.5.
    Figures,
    /// A figure's readings and chart: `/figures/killed/`. SPEC §9.5.
    Figure,
    /// Every open question, open ones first: `/questions/`. SPEC §9.6.
    Questions,
    /// A question's accounts: `/questions/cause/`. SPEC §9.6.
    Question,
    /// The search page: `/search/`. SPEC §10.
    Search,
    /// The page shown for a missing path: `/404.html`.
    NotFound,
}

impl PageKind {
    /// Every kind of page.
    pub const ALL: [PageKind; 19] = [
        PageKind::Index,
        PageKind::Event,
        PageKind::Year,
        PageKind::Month,
        PageKind::OnThisDay,
        PageKind::OnThisDayIndex,
        PageKind::Source,
        PageKind::Sources,
        PageKind::Explainer,
        PageKind::Explainers,
        PageKind::Tag,
        PageKind::Tags,
        PageKind::Corrections,
        PageKind::Figures,
        PageKind::Figure,
        PageKind::Questions,
        PageKind::Question,
        PageKind::Search,
        PageKind::NotFound,
    ];

    /// The name templates see as `page.kind`: `index`, `on_this_day`, `404` …
    pub const fn as_str(self) -> &'static str {
        match self {
            PageKind::Index => "index",
            PageKind::Event => "event",
            PageKind::Year => "year",
            PageKind::Month => "month",
            PageKind::OnThisDay => "on_this_day",
            PageKind::OnThisDayIndex => "on_this_day_index",
            PageKind::Source => "source",
            PageKind::Sources => "sources",
            PageKind::Explainer => "explainer",
            PageKind::Explainers => "explainers",
            PageKind::Tag => "tag",
            PageKind::Tags => "tags",
            PageKind::Corrections => "corrections",
            PageKind::Figures => "figures",
            PageKind::Figure => "figure",
            PageKind::Questions => "questions",
            PageKind::Question => "question",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
        }
    }

    /// The template the page is rendered with.
    pub const fn template(self) -> &'static str {
        match self {
            PageKind::Index => "index.html",
            PageKind::Event => "event.html",
            PageKind::Year | PageKind::Month => "archive.html",
            PageKind::OnThisDay => "on_this_day.html",
            PageKind::OnThisDayIndex => "on_this_day_index.html",
            PageKind::Source => "source.html",
            PageKind::Sources => "sources.html",
            PageKind::Explainer => "explainer.html",
            PageKind::Explainers => "explainers.html",
            PageKind::Tag => "tag.html",
            PageKind::Tags => "tags.html",
            PageKind::Corrections => "corrections.html",
            PageKind::Figures => "figures.html",
            PageKind::Figure => "figure.html",
            PageKind::Questions => "questions.html",
            PageKind::Question => "question.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
        }
    }
}

impl Serialize for PageKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The layout every page template extends.
const LAYOUT: &str = "base.html";

/// The built-in templates: the layout, then the template of each [`PageKind`] once,
/// in the order of [`PageKind::ALL`].
pub const TEMPLATES: [&str; template_count()] = {
    let mut names = [LAYOUT; template_count()];
    let (mut n, mut k) = (1, 0);
    while k < PageKind::ALL.len() {
        if !shares_template(k) {
            names[n] = PageKind::ALL[k].template();
            n += 1;
        }
        k += 1;
    }
    names
};

/// How many names [`TEMPLATES`] holds.
const fn template_count() -> usize {
    let (mut n, mut k) = (1, 0);
    while k < PageKind::ALL.len() {
        if !shares_template(k) {
            n += 1;
        }
        k += 1;
    }
    n
}

/// Whether the `k`th kind of [`PageKind::ALL`] has the template of a kind before it.
const fn shares_template(k: usize) -> bool {
    let name = PageKind::ALL[k].template().as_bytes();
    let mut before = 0;
    while before < k {
        let other = PageKind::ALL[before].template().as_bytes();
        if other.len() == name.len() {
            let mut i = 0;
            while i < name.len() && other[i] == name[i] {
                i += 1;
            }
            if i == name.len() {
                return true;
            }
        }
        before += 1;
    }
    false
}

/// Every page of `site`: the timeline and its archives, each event, the on-this-day
/// pages, sources, explainers, tags, and the 404 page last.
pub fn jobs<'a>(site: &'a Site, views: &'a Views) -> Vec<Job<'a>> {
    let mut b = Builder {
        site,
        views,
        jobs: Vec::with_capacity(site.events.len() * 2 + 64),
    };
    timeline_pages(&mut b);
    event_pages(&mut b);
    on_this_day_pages(&mut b);
    source_pages(&mut b);
    explainer_pages(&mut b);
    tag_pages(&mut b);
    corrections_page(&mut b);
    figure_pages(&mut b);
    question_pages(&mut b);
    let words = &*views.table;
    // Its index is a machine file (`search/`, see `super::search`); the page reads
    // it in the browser, so it shows only `site`.
    b.page(
        urls::search_page(),
        PageKind::Search,
        words.text("page_title.search").to_owned(),
        words.text("page_description.search"),
        Vec::new(),
        |_, _| {},
    );
    // Shown at any missing path, so its `page.url` is the home page's.
    let home = urls::home();
    b.page(
        home,
        PageKind::NotFound,
        words.text("page_title.not_found").to_owned(),
        words.text("page_description.not_found"),
        Vec::new(),
        |_, _| {},
    );
    b.jobs
}

#[derive(Serialize)]
struct Timeline<'a> {
    /// This page's events, by year and month.
    years: Vec<YearGroup<'a>>,
    /// Every year of the timeline, linked to where it starts: an anchor on this
    /// page, or the page it starts on.
    year_links: Vec<views::Link>,
    /// Key events (`key: true`), in timeline order, on the first page only and
    /// when `key_events` is on; at most `per_page`.
    key_events: Vec<&'a Value>,
    /// How many key events the site has in all.
    key_count: usize,
    /// The overview (SPEC §10): HTML, on the first page only; empty without
    /// events.
    overview: String,
    /// When the timeline last changed ([`crate::site::Site::last_updated`]), human and machine,
    /// on the first page; absent without events.
    updated: Option<String>,
    updated_datetime: Option<String>,
}

#[derive(Serialize)]
struct Archive<'a> {
    kind: PageKind,
    title: String,
    year: i32,
    month: Option<u32>,
    groups: Vec<Group<'a>>,
    /// Events in the whole year or month, not only on this page.
    count: usize,
    up: Option<&'a views::Link>,
    previous: Option<&'a views::Link>,
    next: Option<&'a views::Link>,
    /// A year's overview (SPEC §10): HTML; empty for a month.
    overview: String,
}

/// An event in a list in timeline order, with the year and month it is listed
/// under (`None` for an event known only to its year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    year: i32,
    month: Option<u32>,
    event: usize,
}

/// A month (or the events of a year known only to the year) in the timeline.
fn group<'v>(
    config: &Config,
    dates: &DateStyle,
    views: &'v Views,
    year: i32,
    month: Option<u32>,
    events: &[usize],
) -> Group<'v> {
    Group {
        title: match month {
            Some(m) => dates.month_heading(year, m),
            None => views
                .table
                .fill("during_year", &[("year", &dates.digits(&year.to_string()))]),
        },
        name: month.map_or_else(String::new, |m| dates.month_under_year(year, m)),
        headed: month.is_some() && events.len() > 1,
        anchor: match month {
            Some(m) => format!("y{year}-{m:02}"),
            None => format!("y{year}"),
        },
        url: month.map(|m| config.link(&urls::month(year, m))),
        events: events.iter().map(|&i| &views.items[i]).collect(),
    }
}

/// The groups (months, or the year itself) of consecutive `slots` of one year.
fn groups<'v>(
    config: &Config,
    dates: &DateStyle,
    views: &'v Views,
    slots: &[Slot],
) -> Vec<Group<'v>> {
    slots
        .chunk_by(|a, b| a.month == b.month)
        .map(|run| {
            let events: Vec<usize> = run.iter().map(|s| s.event).collect();
            group(config, dates, views, run[0].year, run[0].month, &events)
        })
        .collect()
}

/// Every event of the home page in the site's `order`. Newest first reverses the
/// years, the months of each year and the events of each month, but what is known
/// only to a year, month or day still heads it, as in the other order: "During
/// 2024" comes before the months of 2024, an event known only to its month first
/// in the month (see [`Site::newest_first`]).
fn timeline_order(site: &Site, views: &Views) -> Vec<Slot> {
    let newest = site.config.order == Order::NewestFirst;
    // Each event's position in the newest-first order.
    let mut rank = vec![0; site.events.len()];
    if newest {
        for (position, i) in site.newest_first().into_iter().enumerate() {
            rank[i] = position;
        }
    }
    let mut years: Vec<Vec<Slot>> = views
        .calendar
        .iter()
        .map(|(&year, months)| {
            let mut groups: Vec<(Option<u32>, Vec<usize>)> = months
                .iter()
                .map(|(&m, events)| (m, events.clone()))
                .collect();
            if newest {
                // "During {year}" (month `None`) first, then the months backwards.
                groups.sort_by_key(|&(m, _)| (m.is_some(), std::cmp::Reverse(m)));
                for (_, events) in &mut groups {
                    events.sort_by_key(|&i| rank[i]);
                }
            }
            groups
                .into_iter()
                .flat_map(|(month, events)| {
                    events
                        .into_iter()
                        .map(move |event| Slot { year, month, event })
                })
                .collect()
        })
        .collect();
    if newest {
        years.reverse();
    }
    years.concat()
}

/// The home page's years for `slots`, a run of the timeline: each year's count is
/// all its events, wherever they are listed.
fn timeline_years<'v>(site: &Site, views: &'v Views, slots: &[Slot]) -> Vec<YearGroup<'v>> {
    let config = &site.config;
    slots
        .chunk_by(|a, b| a.year == b.year)
        .map(|run| {
            let year = run[0].year;
            YearGroup {
                year,
                anchor: format!("y{year}"),
                url: config.link(&urls::year(year)),
                count: views.calendar[&year].values().map(Vec::len).sum(),
                title: site.dates().year_heading(year),
                months: groups(config, site.dates(), views, run),
            }
        })
        .collect()
}

/// The home page (split at `per_page` events), and an archive page per year and
/// per month (split likewise).
fn timeline_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let calendar = &views.calendar;
    let overview = std::sync::Arc::new(Overview::new(site, calendar, &views.table));
    let (home, title) = (urls::home(), config.title.clone());
    // The site's description, which the page shows, else what the timeline holds.
    let description = if config.description.is_empty() {
        let sources = match site.sources.len() {
            0 => String::new(),
            n => views.table.counted("page_description.citing", n),
        };
        views.table.fill(
            "page_description.timeline",
            &[
                (
                    "events",
                    &views
                        .table
                        .counted("page_description.events", site.events.len()),
                ),
                ("citing", &sources),
            ],
        )
    } else {
        config.description.clone()
    };
    let order = std::sync::Arc::new(timeline_order(site, views));
    let total = order.len();
    // Where each year starts: the page, by the year's first slot.
    let mut starts: Vec<(i32, usize)> = Vec::new();
    for (k, slot) in order.iter().enumerate() {
        if starts.last().is_none_or(|&(y, _)| y != slot.year) {
            starts.push((slot.year, k / config.per_page.max(1) + 1));
        }
    }
    let starts = std::sync::Arc::new(starts);
    let key_events: std::sync::Arc<Vec<usize>> = std::sync::Arc::new(if config.key_events {
        order
            .iter()
            .map(|s| s.event)
            .filter(|&i| site.events[i].key)
            .collect()
    } else {
        Vec::new()
    });
    for page in paging::pages(config, home, total) {
        let (number, range) = (page.number, page.range.clone());
        let (order, starts, key_events) = (order.clone(), starts.clone(), key_events.clone());
        let overview = overview.clone();
        let mut deps = vec![
            Dep::Calendar,
            Dep::Items(
                order[range.clone()]
                    .iter()
                    .map(|s| s.event)
                    .collect::<Vec<_>>()
                    .into(),
            ),
        ];
        if number == 1 {
            deps.push(Dep::LastUpdated);
            // The key events list, and the spans and key events the overview draws.
            deps.push(Dep::Items(
                key_events.iter().copied().collect::<Vec<_>>().into(),
            ));
            if let (Some(&first), Some(&last)) = (calendar.keys().next(), calendar.keys().last()) {
                deps.push(Dep::Items(overview.marked(first, last).into()));
            }
        }
        b.list_page(
            &page,
            PageKind::Index,
            // The site's title is every page's; later pages say where they are.
            if number == 1 {
                &title
            } else {
                views.table.text("page_title.timeline")
            },
            &description,
            deps,
            move |context, _| {
                let years = timeline_years(site, views, &order[range.clone()]);
                let year_links = starts
                    .iter()
                    .map(|&(year, page)| views::Link {
                        title: site.dates().digits(&year.to_string()),
                        url: if page == number {
                            format!("#y{year}")
                        } else {
                            format!("{}#y{year}", config.link(&urls::list_page(home, page)))
                        },
                    })
                    .collect();
                let shown = if number == 1 {
                    &key_events[..key_events.len().min(config.per_page)]
                } else {
                    &[]
                };
                let timeline = Timeline {
                    years,
                    year_links,
                    key_events: shown.iter().map(|&i| &views.items[i]).collect(),
                    key_count: key_events.len(),
                    overview: if number == 1 {
                        overview.timeline()
                    } else {
                        String::new()
                    },
                    updated: site
                        .last_updated()
                        .filter(|_| number == 1)
                        .map(|m| site.dates().display(m)),
                    updated_datetime: (site.last_updated())
                        .filter(|_| number == 1)
                        .map(|m| m.machine()),
                };
                insert(context, "timeline", &timeline);
            },
        );
    }

    let year_links: Vec<views::Link> = calendar
        .keys()
        .map(|&y| views::Link {
            title: site.dates().digits(&y.to_string()),
            url: config.link(&urls::year(y)),
        })
        .collect();
    let year_links = std::sync::Arc::new(year_links);
    for (n, (&year, months)) in calendar.iter().enumerate() {
        let slots: Vec<Slot> = months
            .iter()
            .flat_map(|(&month, events)| {
                events.iter().map(move |&event| Slot { year, month, event })
            })
            .collect();
        let slots = std::sync::Arc::new(slots);
        let first = urls::year(year);
        for page in paging::pages(config, &first, slots.len()) {
            let (number, range) = (page.number, page.range.clone());
            let (links, slots) = (year_links.clone(), slots.clone());
            let overview = overview.clone();
            let events: Vec<usize> = slots[range.clone()].iter().map(|s| s.event).collect();
            b.list_page(
                &page,
                PageKind::Year,
                &site.dates().year_heading(year),
                &views.table.fill(
                    "page_description.year",
                    &[("year", &site.dates().digits(&year.to_string()))],
                ),
                vec![
                    Dep::Calendar,
                    Dep::Items(events.into()),
                    // The spans and key events its overview draws.
                    Dep::Items(if number == 1 {
                        overview.marked(year, year).into()
                    } else {
                        Vec::new().into()
                    }),
                ],
                move |context, _| {
                    let archive = Archive {
                        kind: PageKind::Year,
                        title: site.dates().year_heading(year),
                        year,
                        month: None,
                        groups: groups(config, site.dates(), views, &slots[range.clone()]),
                        count: slots.len(),
                        up: None,
                        previous: n.checked_sub(1).map(|p| &links[p]),
                        next: links.get(n + 1),
                        overview: if number == 1 {
                            overview.year(year)
                        } else {
                            String::new()
                        },
                    };
                    insert(context, "archive", &archive);
                },
            );
        }
    }
    let months: Vec<(usize, i32, u32, views::Link)> = calendar
        .iter()
        .enumerate()
        .flat_map(|(n, (&y, months))| months.keys().flatten().map(move |&m| (n, y, m)))
        .map(|(n, y, m)| {
            let link = views::Link {
                title: site.dates().month_heading(y, m),
                url: config.link(&urls::month(y, m)),
            };
            (n, y, m, link)
        })
        .collect();
    let months = std::sync::Arc::new(months);
    for k in 0..months.len() {
        let (_, year, month, ref link) = months[k];
        let events = &calendar[&year][&Some(month)];
        let first = urls::month(year, month);
        for page in paging::pages(config, &first, events.len()) {
            let (title, all) = (link.title.clone(), months.clone());
            let years = year_links.clone();
            let shown = &events[page.range.clone()];
            let description = views
                .table
                .fill("page_description.month", &[("month", &title)]);
            b.list_page(
                &page,
                PageKind::Month,
                &title.clone(),
                &description,
                vec![Dep::Calendar, Dep::Items(shown.into())],
                move |context, _| {
                    let archive = Archive {
                        kind: PageKind::Month,
                        title: title.clone(),
                        year,
                        month: Some(month),
                        groups: vec![group(config, site.dates(), views, year, Some(month), shown)],
                        count: events.len(),
                        up: Some(&years[all[k].0]),
                        previous: k.checked_sub(1).map(|p| &all[p].3),
                        next: all.get(k + 1).map(|m| &m.3),
                        overview: String::new(),
                    };
                    insert(context, "archive", &archive);
                },
            );
        }
    }
}

fn event_pages<'a>(b: &mut Builder<'a>) {
    let (site, views) = (b.site, b.views);
    // The one kind of page per event: made in parallel.
    let event_job = |(i, event): (usize, &'a Event)| -> Job<'a> {
        // Everything `views::event_page` and `machine::event_json_ld` read.
        let neighbours = [
            i.checked_sub(1),
            Some(i + 1).filter(|&n| n < site.events.len()),
        ];
        let deps = [Dep::Event(i), Dep::Item(i)]
            .into_iter()
            .chain(neighbours.into_iter().flatten().map(Dep::Item))
            .chain([
                Dep::Items(event.related.iter().map(|r| r.event).collect()),
                Dep::Items((&event.referenced_by).into()),
                Dep::Items((&event.same_day).into()),
            ])
            .chain(event.citations.iter().map(|c| Dep::SourceLink(c.source)))
            .chain(event.explainers.iter().map(|&x| Dep::ExplainerLink(x)))
            .chain(event.tags.iter().map(|&t| Dep::TagLink(t)))
            // Its questions box shows each question as the site has it: asked,
            // settled, and how many accounts it has in all.
            .chain((!event.questions.is_empty()).then_some(Dep::Questions))
            .collect();
        let description = description(&event.summary, event.summary_written, || {
            let date = views::event_date_text(site.dates(), event);
            match &event.place {
                Some(place) => format!("{}: {date}, {place}", event.title),
                None => format!("{}: {date}", event.title),
            }
        });
        let mut job = Job::new(
            &event.path,
            PageKind::Event,
            event.title.clone(),
            &description,
            deps,
            move |context, meta| {
                set_image(meta, site, event.image.as_ref());
                meta.json_ld = Some(machine::event_json_ld(site, event));
                insert(context, "event", &views::event_page(site, views, i));
            },
        );
        job.origin = Some(event.file.clone());
        job.language = event.language.as_deref();
        job
    };
    let jobs: Vec<Job<'a>> = site.events.par_iter().enumerate().map(event_job).collect();
    b.jobs.extend(jobs);
}

#[derive(Serialize)]
struct OnThisDay<'a> {
    title: String,
    month: u32,
    day: u32,
    years: Vec<YearEvents<'a>>,
    /// Events of that day across the years, not only on this page.
    count: usize,
}

#[derive(Serialize)]
struct YearEvents<'a> {
    year: i32,
    events: Vec<&'a Value>,
}

#[derive(Serialize)]
struct OnThisDayIndex {
    /// Every month with such days, in calendar order.
    months: Vec<OnThisDayMonth>,
    /// How many calendar days have events.
    days: usize,
    /// How many events those days hold in all.
    events: usize,
}

#[derive(Serialize)]
struct OnThisDayMonth {
    /// `January`, in the site's language.
    name: String,
    month: u32,
    days: Vec<OnThisDayLink>,
}

#[derive(Serialize)]
struct OnThisDayLink {
    day: u32,
    /// `3 January`.
    title: String,
    /// The day's page, root-relative with the base path: `/kerman/on-this-day/01-03/`.
    url: String,
    /// Events known to that day, across the years.
    count: usize,
}

/// `/on-this-day/`, every calendar day that has events with its count (SPEC §10),
/// and `/on-this-day/MM-DD/` for each of those days (split at `per_page` events).
fn on_this_day_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let days = calendar_days(site);
    let all: Vec<usize> = days.values().flat_map(|e| e.iter().copied()).collect();
    let index = std::sync::Arc::new({
        let mut months: Vec<OnThisDayMonth> = Vec::new();
        for ((month, day), events) in &days {
            let link = OnThisDayLink {
                day: *day,
                title: site.dates().day_month(*month, *day),
                url: config.link(&urls::on_this_day(*month, *day)),
                count: events.len(),
            };
            match months.last_mut() {
                Some(last) if last.month == *month => last.days.push(link),
                _ => months.push(OnThisDayMonth {
                    name: site.dates().month_name(*month),
                    month: *month,
                    days: vec![link],
                }),
            }
        }
        OnThisDayIndex {
            months,
            days: days.len(),
            events: all.len(),
        }
    });
    b.page(
        urls::on_this_day_index(),
        PageKind::OnThisDayIndex,
        views.table.text("page_title.on_this_day").to_owned(),
        views.table.text("page_description.on_this_day"),
        vec![Dep::Calendar, Dep::Items(all.into())],
        move |context, _| insert(context, "on_this_day_index", &*index),
    );
    for ((month, day), events) in days {
        let title = site.dates().day_month(month, day);
        let description = views
            .table
            .fill("page_description.on_this_day_date", &[("date", &title)]);
        let first = urls::on_this_day(month, day);
        let events = std::sync::Arc::new(events);
        for page in paging::pages(config, &first, events.len()) {
            let range = page.range.clone();
            let deps = vec![Dep::Items(events[range.clone()].to_vec().into())];
            let (title, events) = (title.clone(), events.clone());
            b.list_page(
                &page,
                PageKind::OnThisDay,
                &views
                    .table
                    .fill("page_title.on_this_day_date", &[("date", &title)]),
                &description,
                deps,
                move |context, _| {
                    let mut years: Vec<YearEvents<'_>> = Vec::new();
                    for &i in &events[range.clone()] {
                        let year = site.events[i].date.date().year();
                        match years.last_mut() {
                            Some(last) if last.year == year => last.events.push(&views.items[i]),
                            _ => years.push(YearEvents {
                                year,
                                events: vec![&views.items[i]],
                            }),
                        }
                    }
                    let page = OnThisDay {
                        title: title.clone(),
                        month,
                        day,
                        years,
                        count: events.len(),
                    };
                    insert(context, "on_this_day", &page);
                },
            );
        }
    }
}

fn source_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    for page in paging::pages(config, urls::sources(), site.sources.len()) {
        let range = page.range.clone();
        b.list_page(
            &page,
            PageKind::Sources,
            views.table.text("page_title.sources"),
            views.table.text("page_description.sources"),
            vec![Dep::AllSources],
            move |context, _| {
                let summaries: Vec<views::SourceSummary<'_>> = site.sources[range.clone()]
                    .iter()
                    .map(|s| views::SourceSummary {
                        id: &s.id,
                        name: &s.name,
                        short: &s.short,
                        kind: s.kind.as_deref(),
                        kind_name: s
                            .kind
                            .as_deref()
                            .map(|k| views::source_kind_name(&views.table, k)),
                        url: config.link(&urls::source(&s.id)),
                        homepage: s.url.as_deref(),
                        claims: s.claim_count(),
                    })
                    .collect();
                insert(context, "sources", &summaries);
            },
        );
    }
    for (s, source) in site.sources.iter().enumerate() {
        let description = views
            .table
            .fill("page_description.source", &[("name", &source.name)]);
        // The sources a claim names or came through, and a report's outlet when it
        // is another source's.
        let mut others: Vec<usize> = (source.claims.iter())
            .flat_map(|claim| {
                let report = claim
                    .cited
                    .report
                    .and_then(|r| site.events[claim.event].reports.get(r))
                    .map(|r| r.source);
                (claim.cited.named.iter().map(|n| n.source))
                    .chain(claim.cited.via.iter().copied())
                    .chain(report)
            })
            .filter(|&other| other != s)
            .collect();
        others.sort_unstable();
        others.dedup();
        let first = urls::source(&source.id);
        // Claims are split into pages; readings and accounts are on the first.
        for page in paging::pages(config, &first, source.claims.len()) {
            let (number, range) = (page.number, page.range.clone());
            let claimed = (source.claims[range.clone()].iter().map(|claim| claim.event))
                .chain(
                    source
                        .readings
                        .iter()
                        .filter(|_| number == 1)
                        .map(|r| r.event),
                )
                .chain(
                    source
                        .accounts
                        .iter()
                        .filter(|_| number == 1)
                        .map(|a| a.event),
                )
                .collect();
            let mut deps = vec![Dep::Source(s), Dep::Items(Cow::Owned(claimed))];
            if number == 1 && !source.readings.is_empty() {
                deps.push(Dep::Figures);
            }
            if number == 1 && !source.accounts.is_empty() {
                deps.push(Dep::Questions);
            }
            deps.extend(others.iter().copied().map(Dep::SourceLink));
            let job = b.list_page(
                &page,
                PageKind::Source,
                &source.name,
                &description,
                deps,
                move |context, _| {
                    let claims = source.claims[range.clone()]
                        .iter()
                        .map(|claim| {
                            let event = &site.events[claim.event];
                            let anchor = claim
                                .cited
                                .anchor
                                .as_deref()
                                .map(|a| format!("#{a}"))
                                .unwrap_or_default();
                            views::ClaimView {
                                event: &views.items[claim.event],
                                excerpt: claim.cited.excerpt.as_deref(),
                                quoted: claim.cited.quoted,
                                note: claim.cited.note.as_deref(),
                                named: (claim.cited.named.iter())
                                    .map(|n| views::source_link(site, n.source))
                                    .collect(),
                                note_parts: claim
                                    .cited
                                    .note
                                    .as_deref()
                                    .map_or_else(Vec::new, |note| {
                                        views::note_parts(site, note, &claim.cited.named)
                                    }),
                                via: (claim.cited.via.iter())
                                    .map(|&v| views::source_link(site, v))
                                    .collect(),
                                direct: claim.cited.direct,
                                anchored: claim.cited.anchor.is_some(),
                                url: format!("{}{anchor}", config.link(&event.path)),
                                report: claim
                                    .cited
                                    .report
                                    .and_then(|r| views::report_view(site, event, r)),
                            }
                        })
                        .collect();
                    let page = views::SourcePage {
                        id: &source.id,
                        name: &source.name,
                        short: &source.short,
                        kind: source.kind.as_deref(),
                        kind_name: source
                            .kind
                            .as_deref()
                            .map(|k| views::source_kind_name(&views.table, k)),
                        homepage: source.url.as_deref(),
                        country: source.country.as_deref(),
                        language: source.language.as_deref(),
                        aliases: &source.aliases,
                        body: &source.body_html,
                        claims,
                        readings: if number == 1 {
                            super::figures::source_readings(site, views, s)
                        } else {
                            Vec::new()
                        },
                        accounts: if number == 1 {
                            super::figures::source_accounts(site, views, s)
                        } else {
                            Vec::new()
                        },
                        count: source.claim_count(),
                        extra: &source.extra,
                    };
                    insert(context, "source", &page);
                },
            );
            job.origin = Some(source.file.clone());
        }
    }
}

fn explainer_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    for page in paging::pages(config, urls::explainers(), site.explainers.len()) {
        let range = page.range.clone();
        b.list_page(
            &page,
            PageKind::Explainers,
            views.table.text("page_title.explainers"),
            views.table.text("page_description.explainers"),
            vec![Dep::AllExplainers],
            move |context, _| {
                let summaries: Vec<views::ExplainerSummary<'_>> = site.explainers[range.clone()]
                    .iter()
                    .map(|x| views::ExplainerSummary {
                        id: &x.id,
                        title: &x.title,
                        subject: x.subject.as_deref(),
                        kind: x.kind.as_deref(),
                        kind_name: x
                            .kind
                            .as_deref()
                            .map(|k| views::explainer_kind_name(&views.table, k)),
                        url: config.link(&urls::explainer(&x.id)),
                        summary: &x.summary,
                        summary_html: &x.summary_html,
                        mentions: x.mentioned_in.len(),
                        draft: x.draft,
                        lang: site.entry_language(x.language.as_deref()),
                    })
                    .collect();
                insert(context, "explainers", &summaries);
            },
        );
    }
    for (x, explainer) in site.explainers.iter().enumerate() {
        let description =
            description(
                &explainer.summary,
                explainer.summary_written,
                || match &explainer.subject {
                    Some(subject) => views
                        .table_of(site, explainer.language.as_deref())
                        .fill("page_description.explainer", &[("subject", subject)]),
                    None => explainer.title.clone(),
                },
            );
        let first = urls::explainer(&explainer.id);
        let mentions = explainer.mentioned_in.len();
        // The mentions are split into pages; the explainer itself is on the first.
        for page in paging::pages(config, &first, mentions) {
            let (number, range) = (page.number, page.range.clone());
            let description = description.clone();
            let job = b.list_page(
                &page,
                PageKind::Explainer,
                &explainer.title,
                &description,
                [
                    Dep::Explainer(x),
                    Dep::Items((&explainer.mentioned_in[range.clone()]).into()),
                ]
                .into_iter()
                .chain(explainer.defined_in.map(Dep::Item))
                .chain(explainer.tags.iter().map(|&t| Dep::TagLink(t)))
                .collect(),
                move |context, meta| {
                    set_image(meta, site, explainer.image.as_ref());
                    let dates = site.page_dates(explainer.language.as_deref());
                    let table = views.table_of(site, explainer.language.as_deref());
                    let page = views::ExplainerPage {
                        id: &explainer.id,
                        title: &explainer.title,
                        subject: explainer.subject.as_deref(),
                        kind: explainer.kind.as_deref(),
                        kind_name: (explainer.kind.as_deref())
                            .map(|k| views::explainer_kind_name(&table, k)),
                        draft: explainer.draft,
                        aliases: &explainer.aliases,
                        summary: &explainer.summary,
                        summary_html: &explainer.summary_html,
                        body: &explainer.body_html,
                        image: views::image_view(config, &table, explainer.image.as_ref()),
                        updated: explainer.updated.as_ref().map(|u| dates.display(u)),
                        updated_datetime: explainer.updated.as_ref().map(|u| u.machine()),
                        tags: views::tag_links(site, &explainer.tags),
                        defined_in: explainer.defined_in.map(|i| &views.items[i]),
                        mentioned_in: explainer.mentioned_in[range.clone()]
                            .iter()
                            .map(|&i| &views.items[i])
                            .collect(),
                        extra: &explainer.extra,
                        corrections: super::corrections::views(&explainer.corrections, &dates),
                    };
                    if number == 1 {
                        meta.json_ld = Some(machine::explainer_json_ld(site, explainer));
                    }
                    insert(context, "explainer", &page);
                },
            );
            job.origin = Some(explainer.file.clone());
            job.language = explainer.language.as_deref();
        }
    }
}

/// `/corrections/`: every correction on the site, newest first. Always published,
/// saying so when there are none, so the link every page has to it never breaks.
/// Split at `per_page` corrections like every long list.
fn corrections_page(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let all = std::sync::Arc::new(super::corrections::site_corrections(site));
    for page in paging::pages(config, urls::corrections(), all.len()) {
        let range = page.range.clone();
        let all = all.clone();
        b.list_page(
            &page,
            PageKind::Corrections,
            views.table.text("page_title.corrections"),
            views.table.text("page_description.corrections"),
            vec![Dep::Corrections],
            move |context, _| {
                insert(context, "corrections", &all[range.clone()]);
            },
        );
    }
}

/// `/figures/` and a page per figure (SPEC §9.5), when `dateline.toml` declares
/// any.
fn figure_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    if site.figures.is_empty() {
        return;
    }
    let sources = |readings: &mut dyn Iterator<Item = &crate::site::ReadingAt>| {
        let mut sources: Vec<usize> = readings
            .map(|at| site.events[at.event].figures[at.figure].readings[at.reading].source)
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources.into_iter().map(Dep::SourceLink)
    };
    let all: Vec<usize> = (site
        .figures
        .iter()
        .flat_map(|f| &f.readings)
        .map(|at| at.event))
    .collect();
    let mut deps = vec![Dep::Figures, Dep::Items(Cow::Owned(all))];
    deps.extend(sources(&mut site.figures.iter().flat_map(|f| &f.readings)));
    b.page(
        urls::figures(),
        PageKind::Figures,
        views.table.text("page_title.figures").to_owned(),
        views.table.text("page_description.figures"),
        deps,
        move |context, _| {
            insert(context, "figures", &super::figures::index(site, views));
        },
    );
    for (n, figure) in site.figures.iter().enumerate() {
        let decl = &site.config.figures[n];
        let description = views
            .table
            .fill("page_description.figure", &[("label", &decl.label)]);
        let first = urls::figure(&decl.name);
        let total = figure.readings.len();
        // The readings table is split into pages; the chart, drawn from every
        // reading, is on the first.
        for page in paging::pages(&site.config, &first, total) {
            let (number, range) = (page.number, page.range.clone());
            let shown = if number == 1 { 0..total } else { range.clone() };
            let events: Vec<usize> = figure.readings[shown.clone()]
                .iter()
                .map(|at| at.event)
                .collect();
            let mut deps = vec![Dep::Figures, Dep::Items(Cow::Owned(events))];
            deps.extend(sources(&mut figure.readings[shown].iter()));
            b.list_page(
                &page,
                PageKind::Figure,
                &decl.label,
                &description,
                deps,
                move |context, meta| {
                    if number == 1 {
                        meta.json_ld = Some(machine::figure_json_ld(site, &views.table, n));
                    }
                    let page = super::figures::page(site, views, n, range.clone());
                    insert(context, "figure", &page);
                },
            );
        }
    }
}

/// `/questions/` and a page per question (SPEC §9.6), when events give any.
fn question_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    if site.questions.is_empty() {
        return;
    }
    let sources = |accounts: &mut dyn Iterator<Item = &crate::site::AccountAt>| {
        let mut sources: Vec<usize> = accounts
            .map(|at| site.events[at.event].questions[at.question].accounts[at.account].source)
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources.into_iter().map(Dep::SourceLink)
    };
    b.page(
        urls::questions(),
        PageKind::Questions,
        views.table.text("page_title.questions").to_owned(),
        views.table.text("page_description.questions"),
        vec![Dep::Questions],
        move |context, _| {
            insert(context, "questions", &super::figures::question_index(site));
        },
    );
    for (q, question) in site.questions.iter().enumerate() {
        let events: Vec<usize> = question.accounts.iter().map(|at| at.event).collect();
        let mut deps = vec![Dep::Questions, Dep::Items(Cow::Owned(events))];
        deps.extend(sources(&mut question.accounts.iter()));
        let description = views
            .table
            .fill("page_description.question", &[("question", &question.ask)]);
        b.page(
            &urls::question(&question.id),
            PageKind::Question,
            question.ask.clone(),
            &description,
            deps,
            move |context, meta| {
                meta.json_ld = Some(machine::question_json_ld(site, q));
                insert(
                    context,
                    "question",
                    &super::figures::question_page(site, views, q),
                );
            },
        );
    }
}

#[derive(Serialize)]
struct TagPage<'a> {
    name: &'a str,
    slug: &'a str,
    /// This page's events.
    events: Vec<&'a Value>,
    /// Events with the tag in all.
    count: usize,
    /// Explainers with the tag, on the first page only.
    explainers: Vec<views::ExplainerLink<'a>>,
    /// Explainers with the tag in all.
    explainer_count: usize,
}

fn tag_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let path = urls::tags();
    for page in paging::pages(config, path, site.tags.len()) {
        let range = page.range.clone();
        b.list_page(
            &page,
            PageKind::Tags,
            views.table.text("page_title.tags"),
            views.table.text("page_description.tags"),
            vec![Dep::AllTags],
            move |context, _| {
                let summaries: Vec<views::TagSummary<'_>> = site.tags[range.clone()]
                    .iter()
                    .map(|t| views::TagSummary {
                        name: &t.name,
                        slug: &t.slug,
                        url: config.link(&urls::tag(&t.slug)),
                        count: t.events.len() + t.explainers.len(),
                        event_count: t.events.len(),
                        explainer_count: t.explainers.len(),
                    })
                    .collect();
                insert(context, "tags", &summaries);
            },
        );
    }
    for (t, tag) in site.tags.iter().enumerate() {
        let description = views
            .table
            .fill("page_description.tag", &[("name", &tag.name)]);
        let first = urls::tag(&tag.slug);
        // The events are split into pages; the explainers are on the first.
        for page in paging::pages(config, &first, tag.events.len()) {
            let (number, range) = (page.number, page.range.clone());
            b.list_page(
                &page,
                PageKind::Tag,
                &views
                    .table
                    .fill("page_title.tagged", &[("name", &tag.name)]),
                &description,
                [Dep::Tag(t), Dep::Items((&tag.events[range.clone()]).into())]
                    .into_iter()
                    .chain(tag.explainers.iter().map(|&x| Dep::ExplainerLink(x)))
                    .collect(),
                move |context, _| {
                    let page = TagPage {
                        name: &tag.name,
                        slug: &tag.slug,
                        events: tag.events[range.clone()]
                            .iter()
                            .map(|&i| &views.items[i])
                            .collect(),
                        count: tag.events.len(),
                        explainers: tag
                            .explainers
                            .iter()
                            .filter(|_| number == 1)
                            .map(|&x| views::explainer_link(site, x))
                            .collect(),
                        explainer_count: tag.explainers.len(),
                    };
                    insert(context, "tag", &page);
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::render::{StaticFiles, Theme};

    #[test]
    fn every_page_kind_has_a_builtin_template() {
        let theme = Theme::load(
            Path::new("/nonexistent"),
            &Default::default(),
            StaticFiles::builtin(),
            crate::i18n::strings::Words::builtin(),
        )
        .unwrap_or_else(|e| {
            let messages: Vec<String> = e.iter().map(|d| d.to_string()).collect();
            panic!("{}", messages.join("\n"))
        });
        for kind in PageKind::ALL {
            let template = kind.template();
            assert!(theme.has_template(template), "{kind:?}: no {template}");
            assert!(
                TEMPLATES.contains(&template),
                "{kind:?}: {template} not listed"
            );
        }
    }

    #[test]
    fn descriptions_are_cut_at_a_word() {
        assert_eq!(cut_at_word("Two blasts.", 160), "Two blasts.");
        assert_eq!(cut_at_word("Two blasts near the grave", 12), "Two blasts…");
        assert_eq!(cut_at_word("Two blasts near", 11), "Two blasts…");
        assert_eq!(cut_at_word("Two blasts, then", 12), "Two blasts…");
        assert_eq!(cut_at_word("Unbreakableword", 8), "Unbreak…");
        assert_eq!(cut_at_word("دو انفجار در کرمان رخ داد", 12), "دو انفجار…");
        let long = "word ".repeat(100);
        let cut = cut_at_word(&long, DESCRIPTION_LENGTH);
        assert!(cut.chars().count() <= DESCRIPTION_LENGTH, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        // A summary its editor wrote is kept whole; an empty one gives way.
        assert_eq!(description(&long, true, String::new), long);
        assert_eq!(description("", false, || "made".to_owned()), "made");
    }

    #[test]
    fn templates_list_the_layout_then_each_kinds_template_once() {
        assert_eq!(
            TEMPLATES,
            [
                "base.html",
                "index.html",
                "event.html",
                "archive.html",
                "on_this_day.html",
                "on_this_day_index.html",
                "source.html",
                "sources.html",
                "explainer.html",
                "explainers.html",
                "tag.html",
                "tags.html",
                "corrections.html",
                "figures.html",
                "figure.html",
                "questions.html",
                "question.html",
                "search.html",
                "404.html",
            ]
        );
    }

    #[test]
    fn templates_see_each_page_kind_by_its_name() {
        let names: Vec<serde_json::Value> = PageKind::ALL
            .iter()
            .map(|kind| serde_json::to_value(kind).unwrap())
            .collect();
        let expected = [
            "index",
            "event",
            "year",
            "month",
            "on_this_day",
            "on_this_day_index",
            "source",
            "sources",
            "explainer",
            "explainers",
            "tag",
            "tags",
            "corrections",
            "figures",
            "figure",
            "questions",
            "question",
            "search",
            "404",
        ];
        assert_eq!(names, expected.map(serde_json::Value::from));
        for (kind, name) in PageKind::ALL.into_iter().zip(expected) {
            assert_eq!(kind.as_str(), name);
        }
    }
}
