//! The list of pages to render: for each, its output path, template and context.

use std::path::PathBuf;

use chrono::Datelike;
use serde::Serialize;
use tera::{Context, Value};

use super::machine;
use super::views::{self, Group, PageMeta, Views, YearGroup};
use crate::config::Order;
use crate::date::month_name;
use crate::resolve::index::calendar_days;
use crate::site::Site;

pub struct Job {
    /// Output path: `2024/01/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
    /// The content file the page comes from, for collision messages.
    pub origin: Option<PathBuf>,
}

struct Builder<'a> {
    site: &'a Site,
    views: &'a Views,
    jobs: Vec<Job>,
}

/// What a page adds to its link previews and search results.
#[derive(Default)]
struct Preview {
    image: Option<String>,
    json_ld: Option<String>,
}

impl<'a> Builder<'a> {
    /// Adds the page at site path `path` (`""` for the home page, `2024/` …).
    fn page<T: Serialize + ?Sized>(
        &mut self,
        path: &str,
        kind: &'static str,
        title: String,
        description: &str,
        var: Option<(&'static str, &T)>,
    ) -> &mut Job {
        self.page_with(path, kind, title, description, var, Preview::default())
    }

    /// [`Builder::page`] with an image and structured data for link previews.
    fn page_with<T: Serialize + ?Sized>(
        &mut self,
        path: &str,
        kind: &'static str,
        title: String,
        description: &str,
        var: Option<(&'static str, &T)>,
        preview: Preview,
    ) -> &mut Job {
        let config = &self.site.config;
        let url = config.link(path);
        let permalink = format!("{}{path}", config.base_url);
        let description = if description.is_empty() {
            &config.description
        } else {
            description
        };
        let meta = PageMeta {
            kind,
            title,
            description: description.to_owned(),
            url,
            permalink,
            image: preview.image,
            json_ld: preview.json_ld,
        };
        let mut context = Context::new();
        context.insert_value("site", self.views.site.clone());
        context.insert("page", &meta);
        if let Some((name, value)) = var {
            context.insert(name, value);
        }
        let file = if kind == "404" {
            "404.html".to_owned()
        } else {
            format!("{path}index.html")
        };
        self.jobs.push(Job {
            path: file,
            template: template_for(kind),
            context,
            origin: None,
        });
        self.jobs.last_mut().expect("just pushed")
    }
}

fn template_for(kind: &str) -> &'static str {
    match kind {
        "index" => "index.html",
        "event" => "event.html",
        "year" | "month" => "archive.html",
        "on_this_day" => "on_this_day.html",
        "source" => "source.html",
        "sources" => "sources.html",
        "explainer" => "explainer.html",
        "explainers" => "explainers.html",
        "tag" => "tag.html",
        "tags" => "tags.html",
        _ => "404.html",
    }
}

pub fn jobs(site: &Site, views: &Views) -> Vec<Job> {
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
    b.page::<()>("", "404", "Page not found".to_owned(), "", None);
    b.jobs
}

#[derive(Serialize)]
struct Timeline<'a> {
    years: Vec<YearGroup<'a>>,
}

#[derive(Serialize)]
struct Archive<'a> {
    kind: &'a str,
    title: String,
    year: i32,
    month: Option<u32>,
    groups: Vec<Group<'a>>,
    count: usize,
    up: Option<views::Link>,
    previous: Option<views::Link>,
    next: Option<views::Link>,
}

/// The home page, and an archive page per year and per month.
fn timeline_pages(b: &mut Builder<'_>) {
    let site = b.site;
    let config = &site.config;
    let calendar = site.calendar();
    let group = |year: i32, month: Option<u32>, events: &[usize]| Group {
        title: match month {
            Some(m) => format!("{} {year}", month_name(m)),
            None => format!("During {year}"),
        },
        anchor: match month {
            Some(m) => format!("y{year}-{m:02}"),
            None => format!("y{year}"),
        },
        url: month.map(|m| config.link(&format!("{year:04}/{m:02}/"))),
        events: events.iter().map(|&i| &b.views.items[i]).collect(),
    };
    let mut years: Vec<YearGroup<'_>> = calendar
        .iter()
        .map(|(&year, months)| YearGroup {
            year,
            anchor: format!("y{year}"),
            url: config.link(&format!("{year:04}/")),
            count: months.values().map(Vec::len).sum(),
            months: months
                .iter()
                .map(|(&m, events)| group(year, m, events))
                .collect(),
        })
        .collect();
    if config.order == Order::NewestFirst {
        years.reverse();
        for year in &mut years {
            year.months.reverse();
            for month in &mut year.months {
                month.events.reverse();
            }
        }
    }
    let title = config.title.clone();
    b.page(
        "",
        "index",
        title,
        "",
        Some(("timeline", &Timeline { years })),
    );

    let year_list: Vec<i32> = calendar.keys().copied().collect();
    let year_link = |y: i32| views::Link {
        title: y.to_string(),
        url: config.link(&format!("{y:04}/")),
    };
    for (n, (&year, months)) in calendar.iter().enumerate() {
        let archive = Archive {
            kind: "year",
            title: year.to_string(),
            year,
            month: None,
            groups: months
                .iter()
                .map(|(&m, events)| group(year, m, events))
                .collect(),
            count: months.values().map(Vec::len).sum(),
            up: None,
            previous: n.checked_sub(1).map(|p| year_link(year_list[p])),
            next: year_list.get(n + 1).map(|&y| year_link(y)),
        };
        let description = format!("Events of {year}");
        b.page(
            &format!("{year:04}/"),
            "year",
            year.to_string(),
            &description,
            Some(("archive", &archive)),
        );
    }
    let month_list: Vec<(i32, u32)> = calendar
        .iter()
        .flat_map(|(&y, months)| months.keys().flatten().map(move |&m| (y, m)))
        .collect();
    let month_link = |(y, m): (i32, u32)| views::Link {
        title: format!("{} {y}", month_name(m)),
        url: config.link(&format!("{y:04}/{m:02}/")),
    };
    for (n, &(year, month)) in month_list.iter().enumerate() {
        let events = &calendar[&year][&Some(month)];
        let title = format!("{} {year}", month_name(month));
        let archive = Archive {
            kind: "month",
            title: title.clone(),
            year,
            month: Some(month),
            groups: vec![group(year, Some(month), events)],
            count: events.len(),
            up: Some(year_link(year)),
            previous: n.checked_sub(1).map(|p| month_link(month_list[p])),
            next: month_list.get(n + 1).map(|&ym| month_link(ym)),
        };
        let description = format!("Events of {title}");
        b.page(
            &format!("{year:04}/{month:02}/"),
            "month",
            title,
            &description,
            Some(("archive", &archive)),
        );
    }
}

fn event_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    for (i, event) in site.events.iter().enumerate() {
        let page = views::event_page(site, views, i);
        let preview = Preview {
            image: machine::image_url(site, event.image.as_ref()),
            json_ld: Some(machine::event_json_ld(site, event)),
        };
        let job = b.page_with(
            &event.path,
            "event",
            event.title.clone(),
            &event.summary,
            Some(("event", &page)),
            preview,
        );
        job.origin = Some(event.file.clone());
    }
}

#[derive(Serialize)]
struct OnThisDay<'a> {
    title: String,
    month: u32,
    day: u32,
    years: Vec<YearEvents<'a>>,
}

#[derive(Serialize)]
struct YearEvents<'a> {
    year: i32,
    events: Vec<&'a Value>,
}

/// `/on-this-day/MM-DD/` for every calendar day that has an event known to the day.
fn on_this_day_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    for ((month, day), events) in calendar_days(site) {
        let mut years: Vec<YearEvents<'_>> = Vec::new();
        for i in events {
            let year = site.events[i].date.date().year();
            match years.last_mut() {
                Some(last) if last.year == year => last.events.push(&views.items[i]),
                _ => years.push(YearEvents {
                    year,
                    events: vec![&views.items[i]],
                }),
            }
        }
        let title = format!("{day} {}", month_name(month));
        let description = format!("What happened on {title} across the years");
        let page = OnThisDay {
            title: title.clone(),
            month,
            day,
            years,
        };
        b.page(
            &format!("on-this-day/{month:02}-{day:02}/"),
            "on_this_day",
            format!("On this day: {title}"),
            &description,
            Some(("on_this_day", &page)),
        );
    }
}

fn source_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let summaries: Vec<views::SourceSummary<'_>> = site
        .sources
        .iter()
        .map(|s| views::SourceSummary {
            id: &s.id,
            name: &s.name,
            short: &s.short,
            kind: s.kind.as_deref(),
            url: config.link(&views::source_path(s)),
            homepage: s.url.as_deref(),
            claims: s.claims.len(),
        })
        .collect();
    b.page(
        "sources/",
        "sources",
        "Sources".to_owned(),
        "Every news source cited, with what it reported",
        Some(("sources", &summaries)),
    );
    for source in &site.sources {
        let claims = source
            .claims
            .iter()
            .map(|claim| {
                let event = &site.events[claim.event];
                let anchor = claim
                    .anchor
                    .as_deref()
                    .map(|a| format!("#{a}"))
                    .unwrap_or_default();
                views::ClaimView {
                    event: &views.items[claim.event],
                    excerpt: claim.excerpt.as_deref(),
                    url: format!("{}{anchor}", config.link(&event.path)),
                }
            })
            .collect();
        let page = views::SourcePage {
            id: &source.id,
            name: &source.name,
            short: &source.short,
            kind: source.kind.as_deref(),
            homepage: source.url.as_deref(),
            country: source.country.as_deref(),
            language: source.language.as_deref(),
            aliases: &source.aliases,
            body: &source.body_html,
            claims,
            extra: &source.extra,
        };
        let description = format!("What {} reported", source.name);
        let job = b.page(
            &views::source_path(source),
            "source",
            source.name.clone(),
            &description,
            Some(("source", &page)),
        );
        job.origin = Some(source.file.clone());
    }
}

fn explainer_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let summaries: Vec<views::ExplainerSummary<'_>> = site
        .explainers
        .iter()
        .map(|x| views::ExplainerSummary {
            id: &x.id,
            title: &x.title,
            subject: x.subject.as_deref(),
            kind: x.kind.as_deref(),
            url: config.link(&views::explainer_path(x)),
            summary: &x.summary,
            mentions: x.mentioned_in.len(),
        })
        .collect();
    b.page(
        "explainers/",
        "explainers",
        "Explainers".to_owned(),
        "Background on the people, places and organisations in the timeline",
        Some(("explainers", &summaries)),
    );
    for explainer in &site.explainers {
        let page = views::ExplainerPage {
            id: &explainer.id,
            title: &explainer.title,
            subject: explainer.subject.as_deref(),
            kind: explainer.kind.as_deref(),
            aliases: &explainer.aliases,
            summary: &explainer.summary,
            body: &explainer.body_html,
            image: views::image_view(config, explainer.image.as_ref()),
            updated: explainer.updated.as_ref().map(|u| u.display()),
            updated_datetime: explainer.updated.as_ref().map(|u| u.machine()),
            tags: views::tag_links(site, &explainer.tags),
            defined_in: explainer.defined_in.map(|i| &views.items[i]),
            mentioned_in: explainer
                .mentioned_in
                .iter()
                .map(|&i| &views.items[i])
                .collect(),
            extra: &explainer.extra,
        };
        let preview = Preview {
            image: machine::image_url(site, explainer.image.as_ref()),
            json_ld: None,
        };
        let job = b.page_with(
            &views::explainer_path(explainer),
            "explainer",
            explainer.title.clone(),
            &explainer.summary,
            Some(("explainer", &page)),
            preview,
        );
        job.origin = Some(explainer.file.clone());
    }
}

#[derive(Serialize)]
struct TagPage<'a> {
    name: &'a str,
    slug: &'a str,
    events: Vec<&'a Value>,
    explainers: Vec<views::ExplainerLink<'a>>,
}

fn tag_pages(b: &mut Builder<'_>) {
    let (site, views) = (b.site, b.views);
    let config = &site.config;
    let summaries: Vec<views::TagSummary<'_>> = site
        .tags
        .iter()
        .map(|t| views::TagSummary {
            name: &t.name,
            slug: &t.slug,
            url: config.link(&format!("tags/{}/", t.slug)),
            count: t.events.len() + t.explainers.len(),
        })
        .collect();
    b.page(
        "tags/",
        "tags",
        "Tags".to_owned(),
        "",
        Some(("tags", &summaries)),
    );
    for tag in &site.tags {
        let page = TagPage {
            name: &tag.name,
            slug: &tag.slug,
            events: tag.events.iter().map(|&i| &views.items[i]).collect(),
            explainers: tag
                .explainers
                .iter()
                .map(|&x| views::explainer_link(site, x))
                .collect(),
        };
        let description = format!("Events tagged {}", tag.name);
        b.page(
            &format!("tags/{}/", tag.slug),
            "tag",
            format!("Tagged: {}", tag.name),
            &description,
            Some(("tag", &page)),
        );
    }
}
