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
use crate::diagnostic::Diagnostic;
use crate::load::raw::{Extra, RawImage};
use crate::resolve::is_absolute_url;
use crate::site::{Event, Site};
use crate::urls;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub language: &'a str,
    pub order: crate::config::Order,
    pub counts: Counts,
    pub nav: Vec<Link>,
    pub years: Vec<YearLink>,
    pub extra: &'a Extra,
}

#[derive(Serialize)]
pub struct Counts {
    pub events: usize,
    pub sources: usize,
    pub explainers: usize,
    pub tags: usize,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: i32,
    pub url: String,
    pub count: usize,
}

/// The `page` variable every template receives.
#[derive(Serialize)]
pub struct PageMeta {
    /// `index`, `event`, `year`, `month`, `on_this_day`, `source`, `sources`,
    /// `explainer`, `explainers`, `tag`, `tags`, `404`: see [`PageKind::as_str`].
    pub kind: PageKind,
    pub title: String,
    pub description: String,
    /// Root-relative, with the base path: `/kerman/2024/`.
    pub url: String,
    /// Absolute when `base_url` is.
    pub permalink: String,
    /// The page's image (an event's or explainer's), absolute, for link previews.
    pub image: Option<String>,
    /// schema.org JSON-LD, ready to embed in a `<script>` (event pages).
    pub json_ld: Option<String>,
}

/// An event as it appears in lists.
#[derive(Serialize)]
pub struct EventItem<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    /// Human date, or span: `3 January 2024`, `4–7 January 2020`.
    pub date: String,
    /// Machine date as precise as written, for `<time datetime>`.
    pub datetime: String,
    pub precision: crate::date::Precision,
    pub place: Option<&'a str>,
    pub summary: &'a str,
    pub sources: Vec<SourceMarker<'a>>,
    pub tags: Vec<TagLink<'a>>,
}

/// A source as every page that links to it shows it (list entries, event pages,
/// JSON-LD): everything those pages read of a source they cite. `serve`
/// re-renders them when this changes (`deps::Dep::SourceLink`).
#[derive(Serialize)]
pub struct SourceLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    /// The source's page, root-relative with the base path.
    pub url: String,
    /// The outlet's own site, from its front matter.
    pub homepage: Option<&'a str>,
}

/// A source cited by an event, as list entries and event pages show it.
#[derive(Serialize)]
pub struct SourceMarker<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub url: String,
    /// How often the event cites it.
    pub count: usize,
}

/// A tag as every page that links to it shows it: its name and page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct ImageView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
}

/// An explainer as every page that links to it shows it: lists of explainers,
/// event pages, tag pages.
#[derive(Serialize)]
pub struct ExplainerLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
}

/// The `event` variable of `event.html`.
#[derive(Serialize)]
pub struct EventPage<'a> {
    pub item: &'a Value,
    pub id: &'a str,
    pub title: &'a str,
    pub date: String,
    pub datetime: String,
    pub start: String,
    pub end: Option<String>,
    pub end_datetime: Option<String>,
    pub updated: Option<String>,
    pub updated_datetime: Option<String>,
    pub timezone: Option<&'a str>,
    pub place: Option<&'a str>,
    pub coordinates: Option<[f64; 2]>,
    pub summary: &'a str,
    pub body: &'a str,
    pub image: Option<ImageView<'a>>,
    pub sources: Vec<SourceMarker<'a>>,
    pub explainers: Vec<ExplainerLink<'a>>,
    pub tags: Vec<TagLink<'a>>,
    pub previous: Option<&'a Value>,
    pub next: Option<&'a Value>,
    pub related: Vec<&'a Value>,
    /// Events whose bodies link to this one.
    pub referenced_by: Vec<&'a Value>,
    pub on_this_day: Vec<&'a Value>,
    pub on_this_day_url: Option<String>,
    pub extra: &'a Extra,
}

/// A month (or the year itself, for events dated only to a year) and its events.
#[derive(Serialize)]
pub struct Group<'a> {
    pub title: String,
    pub anchor: String,
    pub url: Option<String>,
    pub events: Vec<&'a Value>,
}

#[derive(Serialize)]
pub struct YearGroup<'a> {
    pub year: i32,
    pub anchor: String,
    pub url: String,
    pub count: usize,
    pub months: Vec<Group<'a>>,
}

#[derive(Serialize)]
pub struct SourceSummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub kind: Option<&'a str>,
    pub url: String,
    pub homepage: Option<&'a str>,
    pub claims: usize,
}

#[derive(Serialize)]
pub struct SourcePage<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub kind: Option<&'a str>,
    pub homepage: Option<&'a str>,
    pub country: Option<&'a str>,
    pub language: Option<&'a str>,
    pub aliases: &'a [String],
    pub body: &'a str,
    pub claims: Vec<ClaimView<'a>>,
    pub extra: &'a Extra,
}

#[derive(Serialize)]
pub struct ClaimView<'a> {
    pub event: &'a Value,
    /// The citing paragraph as text, when the citation is in the body.
    pub excerpt: Option<&'a str>,
    /// Link to the citing paragraph, or to the event page.
    pub url: String,
}

#[derive(Serialize)]
pub struct ExplainerSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub subject: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub url: String,
    pub summary: &'a str,
    pub mentions: usize,
}

#[derive(Serialize)]
pub struct ExplainerPage<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub subject: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub aliases: &'a [String],
    pub summary: &'a str,
    pub body: &'a str,
    pub image: Option<ImageView<'a>>,
    pub updated: Option<String>,
    pub updated_datetime: Option<String>,
    pub tags: Vec<TagLink<'a>>,
    /// For an explainer written as a section of an event: that event.
    pub defined_in: Option<&'a Value>,
    pub mentioned_in: Vec<&'a Value>,
    pub extra: &'a Extra,
}

#[derive(Serialize)]
pub struct TagSummary<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

/// Views shared across pages, built once per build.
pub struct Views {
    pub site: Value,
    /// One list entry per event, in timeline order.
    pub items: Vec<Value>,
    /// Events by year, then month: see [`Site::calendar`].
    pub calendar:
        std::collections::BTreeMap<i32, std::collections::BTreeMap<Option<u32>, Vec<usize>>>,
    /// Fingerprints of `site` and of each item, when asked for (`serve`). Taken from
    /// the views before they become template values, whose maps have no fixed order.
    pub prints: Option<(u64, Vec<u64>)>,
}

impl Views {
    /// With `memo` (`serve`), the views get their fingerprints, and list entries are
    /// reused from the last build when what they are made from is unchanged.
    ///
    /// Each entry is rendered once here, through `partials/event_item.html` and
    /// `partials/event_item_compact.html`, and lists splice that HTML (`item.html`,
    /// `item.compact_html`) instead of rendering the entry again on every page that
    /// lists the event. A template error there fails with one diagnostic per error,
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
        let nav = [
            ("Timeline", urls::home()),
            ("Sources", urls::sources()),
            ("Explainers", urls::explainers()),
            ("Tags", urls::tags()),
        ]
        .into_iter()
        .map(|(title, path)| Link {
            title: title.to_owned(),
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
        let previous = memo.as_deref();
        // Each entry: its memo key, its value, its fingerprint. The key is made of
        // the entry's own view, so it covers whatever `event_item` reads.
        type Made = Result<(u64, Value, Option<u64>), Vec<Diagnostic>>;
        let made: Vec<Made> = site
            .events
            .par_iter()
            .map(|event| {
                let item = event_item(site, event);
                let print = print(&item);
                let key = salt
                    .zip(print)
                    .map_or(0, |made_with| crate::fingerprint::of(&made_with));
                if let Some(value) = previous.and_then(|memo| memo.0.get(&key)) {
                    return Ok((key, value.clone(), print));
                }
                let value = listed(theme, budget, &site_value, &item)?;
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
        Ok(Views {
            site: site_value,
            items,
            calendar,
            prints,
        })
    }
}

/// An event's list entry as templates see it: the [`EventItem`] and its HTML, in
/// full and compact, rendered by the theme's partials with `item` and `site`.
fn listed(
    theme: &Theme,
    budget: &super::budget::Budget,
    site: &Value,
    item: &EventItem,
) -> Result<Value, Vec<Diagnostic>> {
    #[derive(Serialize)]
    struct Listed<'a> {
        #[serde(flatten)]
        item: &'a EventItem<'a>,
        html: Value,
        compact_html: Value,
    }
    let mut context = tera::Context::new();
    context.insert_value("site", site.clone());
    context.insert("item", item);
    let render = |name: &str| {
        let html = theme.render(name, &context, budget)?;
        Ok::<_, Vec<Diagnostic>>(Value::safe_string(&html))
    };
    Ok(Value::from_serializable(&Listed {
        item,
        html: render(ITEM)?,
        compact_html: render(COMPACT_ITEM)?,
    }))
}

/// The partials that render one list entry.
pub const ITEM: &str = "partials/event_item.html";
pub const COMPACT_ITEM: &str = "partials/event_item_compact.html";

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

pub fn event_item<'a>(site: &'a Site, event: &'a Event) -> EventItem<'a> {
    EventItem {
        id: &event.id,
        title: &event.title,
        url: site.config.link(&event.path),
        date: event_date_text(event),
        datetime: event.date.machine(),
        precision: event.date.precision,
        place: event.place.as_deref(),
        summary: &event.summary,
        sources: source_markers(site, event),
        tags: tag_links(site, &event.tags),
    }
}

fn event_date_text(event: &Event) -> String {
    match &event.end {
        Some(end) => event.date.display_span(end),
        None => event.date.display(),
    }
}

fn source_markers<'a>(site: &'a Site, event: &'a Event) -> Vec<SourceMarker<'a>> {
    event
        .citations
        .iter()
        .map(|c| {
            let source = source_link(site, c.source);
            SourceMarker {
                id: source.id,
                name: source.name,
                short: source.short,
                url: source.url,
                count: c.count,
            }
        })
        .collect()
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

pub fn image_view<'a>(config: &Config, image: Option<&'a RawImage>) -> Option<ImageView<'a>> {
    image.map(|image| ImageView {
        src: if is_absolute_url(&image.src) {
            image.src.clone()
        } else {
            config.link(image.src.trim_start_matches('/'))
        },
        alt: &image.alt,
        caption: image.caption.as_deref(),
        credit: image.credit.as_deref(),
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
    }
}

pub fn event_page<'a>(site: &'a Site, views: &'a Views, i: usize) -> EventPage<'a> {
    let event = &site.events[i];
    let config = &site.config;
    let on_this_day_url = (!event.same_day.is_empty()).then(|| {
        use chrono::Datelike;
        let d = event.date.date();
        config.link(&urls::on_this_day(d.month(), d.day()))
    });
    EventPage {
        item: &views.items[i],
        id: &event.id,
        title: &event.title,
        date: event_date_text(event),
        datetime: event.date.machine(),
        start: event.date.display(),
        end: event.end.as_ref().map(|e| e.display()),
        end_datetime: event.end.as_ref().map(|e| e.machine()),
        updated: event.updated.as_ref().map(|u| u.display()),
        updated_datetime: event.updated.as_ref().map(|u| u.machine()),
        timezone: event.date.zone.as_ref().map(|z| z.name()),
        place: event.place.as_deref(),
        coordinates: event.coordinates.map(|(lat, lon)| [lat, lon]),
        summary: &event.summary,
        body: &event.body_html,
        image: image_view(config, event.image.as_ref()),
        sources: source_markers(site, event),
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
        related: event.related.iter().map(|&j| &views.items[j]).collect(),
        referenced_by: event
            .referenced_by
            .iter()
            .map(|&j| &views.items[j])
            .collect(),
        on_this_day: event.same_day.iter().map(|&j| &views.items[j]).collect(),
        on_this_day_url,
        extra: &event.extra,
    }
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
