//! Files for machines rather than readers: the Atom and JSON feeds, the sitemap,
//! `robots.txt`, the search index and the TimelineJS3 export (made in
//! [`timelinejs`](super::timelinejs)).
//!
//! Every timestamp comes from the content (an event's `date` or `updated`), never
//! from the clock, so two builds of the same input are byte-identical. URLs are
//! absolute when `base_url` is.

use std::fmt::Write as _;

use serde::Serialize;

use super::Output;
use crate::date::Moment;
use crate::html::escape;
use crate::i18n::strings::Words;
use crate::load::raw::RawImage;
use crate::site::{Event, Site};
use crate::urls;

/// How many of the newest events the feeds carry.
pub const FEED_ENTRIES: usize = 20;
/// The sitemap protocol's limit per file; above it, `sitemap.xml` becomes an index.
const SITEMAP_LIMIT: usize = 50_000;
/// The feeds' `updated` when there are no events at all.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The machine files, in parts that `serve` makes again separately: each
/// lists different things, and a changed summary, say, changes the search index
/// alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The Atom and JSON feeds, and `robots.txt`.
    Feeds,
    /// `search.json`, every event in timeline order for other programs, and the
    /// search page's index under `search/` (see [`super::search`]).
    Search,
    /// `sitemap.xml` (sitemaps.org protocol), or above 50,000 pages an index of
    /// `sitemap-1.xml`, `sitemap-2.xml`, …
    Sitemap,
    /// `timeline.json`, every event in TimelineJS3's JSON format (SPEC §10).
    TimelineJs,
}

/// Every part, in the order files and fingerprints are kept in.
pub const PARTS: [Part; 4] = [Part::Feeds, Part::Search, Part::Sitemap, Part::TimelineJs];

/// The files of one [`Part`] of `site`, whose HTML pages are at `pages` (output
/// paths such as `2024/01/index.html`, the 404 page left out), in the order of
/// [`paths`]. What the files say to readers is in the words of `words`: each
/// event's in its language, the rest in the site's.
pub fn files(site: &Site, words: &Words, pages: &[&str], part: Part) -> Vec<Output> {
    let made = std::sync::Mutex::new(Vec::new());
    each_file((site, words), pages, part, &|file| {
        made.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    })
    .expect("collecting into memory cannot fail");
    let mut made = made.into_inner().unwrap_or_else(|e| e.into_inner());
    let order: std::collections::HashMap<String, usize> = paths(pages.len(), site.events.len())
        .into_iter()
        .enumerate()
        .map(|(n, path)| (path, n))
        .collect();
    made.sort_by_key(|file| order.get(&file.path).copied());
    made
}

/// Makes the files of one [`Part`] of `site`, as [`files`] does, handing each to
/// `put` as soon as it is made — from several threads at once, in no set order —
/// so that a build holds no more of them than it is making: at 100,000 events
/// the search index, `search.json` and `timeline.json` are some 300 MB.
///
/// # Errors
/// The first error `put` returns; the files not yet made are then not made.
pub fn each_file(
    (site, words): (&Site, &Words),
    pages: &[&str],
    part: Part,
    put: &(dyn Fn(Output) -> anyhow::Result<()> + Sync),
) -> anyhow::Result<()> {
    match part {
        Part::Feeds => {
            let newest = newest_events(site);
            put(output(urls::atom_feed(), atom((site, words), &newest)))?;
            put(output(urls::json_feed(), json_feed((site, words), &newest)))?;
            put(output(urls::robots(), robots(site)))
        }
        Part::Search => {
            put(output(urls::search_index(), search_index(site)))?;
            super::search::each_file(site, put)
        }
        Part::Sitemap => sitemaps(site, pages).into_iter().try_for_each(put),
        Part::TimelineJs => put(output(
            urls::timeline_js(),
            super::timelinejs::json(site, words),
        )),
    }
}

/// The paths of the files of every part, in order, for a site of `pages` HTML
/// pages and `events` events, known before any is made: pages link to them, so
/// the link check needs them up front.
pub fn paths(pages: usize, events: usize) -> Vec<String> {
    let mut paths: Vec<String> = [
        urls::atom_feed(),
        urls::json_feed(),
        urls::robots(),
        urls::search_index(),
    ]
    .map(String::from)
    .into();
    paths.extend(super::search::paths(events));
    if pages > SITEMAP_LIMIT {
        paths.extend((1..=pages.div_ceil(SITEMAP_LIMIT)).map(urls::sitemap_part));
    }
    paths.push(urls::sitemap().to_owned());
    paths.push(urls::timeline_js().to_owned());
    paths
}

fn output(path: &str, text: String) -> Output {
    Output {
        path: path.to_owned(),
        bytes: text.into_bytes(),
    }
}

/// The newest events first, in the order of [`Site::newest_first`].
fn newest_events(site: &Site) -> Vec<&Event> {
    newest(site).into_iter().map(|i| &site.events[i]).collect()
}

/// The positions of the [`FEED_ENTRIES`] newest events, newest first, as a
/// newest-first timeline lists them.
pub(super) fn newest(site: &Site) -> Vec<usize> {
    let mut newest = site.newest_first();
    newest.truncate(FEED_ENTRIES);
    newest
}

/// When an event last changed: its `updated`, unless that reads as earlier than its
/// date (see [`Moment::modified_at`]).
fn modified(event: &Event) -> &Moment {
    event.date.modified_at(event.updated.as_ref())
}

/// The latest change among `events`, for a feed's own `updated` (with every event,
/// [`crate::site::Site::last_updated`]).
fn latest(events: &[&Event]) -> String {
    events
        .iter()
        .map(|e| modified(e))
        .max_by(|a, b| a.timeline_cmp(b))
        .map_or_else(|| EPOCH.to_owned(), Moment::rfc3339)
}

/// The absolute address of site path `path` (`2024/01/`), percent-encoded
/// ([`crate::config::Config::permalink`]).
fn permalink(site: &Site, path: &str) -> String {
    site.config.permalink(path)
}

/// An event's body as its feed entry's content: links absolute to its page, no
/// comments, no ids (see [`feed_html`](super::feed_html)). What the build adds
/// to the body is in the words and dates of the event's language, as on its page.
fn entry_content((site, words): (&Site, &Words), event: &Event) -> String {
    let config = &site.config;
    let language = event.language.as_deref().unwrap_or(&config.language);
    let (table, dates) = (words.table(language), site.dates_in(language));
    // An event with corrections opens with its notice, as its page does (SPEC §9.4).
    let notice = super::corrections::feed_notice(&event.corrections, &table, &dates);
    // Its figures and questions follow the body, as they do on its page.
    let after = super::figures::feed_html(site, event, (&table, &dates));
    let html = match (&notice, after.is_empty()) {
        (None, true) => std::borrow::Cow::Borrowed(&*event.body_html),
        _ => std::borrow::Cow::Owned(format!(
            "{}{}{after}",
            notice.as_deref().unwrap_or_default(),
            event.body_html
        )),
    };
    super::feed_html::feed_content(&html, &permalink(site, &event.path), config.origin())
}

/// Who the feeds and structured data name as the author of every event: the
/// site's `author`, else its publisher, with their page.
fn author(site: &Site) -> crate::config::Party {
    let config = &site.config;
    config
        .author
        .clone()
        .unwrap_or_else(|| crate::config::Party {
            name: config.publisher_name().to_owned(),
            url: Some(publisher_url(site)),
        })
}

/// The publisher's page: `[publisher] url`, else the site's home page.
fn publisher_url(site: &Site) -> String {
    let config = &site.config;
    config
        .publisher
        .url
        .clone()
        .unwrap_or_else(|| permalink(site, urls::home()))
}

/// An event's or explainer's image as an absolute URL.
pub fn image_url(site: &Site, image: Option<&RawImage>) -> Option<String> {
    let src = &image?.src;
    Some(if crate::resolve::is_absolute_url(src) {
        src.clone()
    } else {
        permalink(site, src.trim_start_matches('/'))
    })
}

/// HTML's escaping, which is also XML's, after dropping the control characters
/// XML 1.0 forbids (they would break the feed rather than show).
fn xml_escape(text: &str) -> String {
    let allowed = |c: char| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(allowed) {
        escape(text)
    } else {
        escape(&text.chars().filter(|&c| allowed(c)).collect::<String>())
    }
}

/// Atom 1.0 (RFC 4287). Entry ids are the events' permalinks: they stay the same
/// from build to build as long as the site's address does.
fn atom((site, words): (&Site, &Words), events: &[&Event]) -> String {
    let config = &site.config;
    let e = xml_escape;
    let home = permalink(site, urls::home());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"{MEDIA_RSS}\" xml:lang=\"{}\" xml:base=\"{}\">",
        e(&config.language),
        e(&home)
    );
    let _ = writeln!(xml, "  <title>{}</title>", e(&config.title));
    if !config.description.is_empty() {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", e(&config.description));
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        e(&permalink(site, urls::atom_feed()))
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        e(&home)
    );
    let _ = writeln!(xml, "  <id>{}</id>", e(&home));
    let _ = writeln!(xml, "  <updated>{}</updated>", latest(events));
    let _ = writeln!(xml, "  <generator>dateline</generator>");
    let author = author(site);
    let mut author_xml = format!("<author><name>{}</name>", e(&author.name));
    if let Some(url) = &author.url {
        let _ = write!(author_xml, "<uri>{}</uri>", e(url));
    }
    author_xml.push_str("</author>");
    for event in events {
        let url = permalink(site, &event.path);
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", e(&event.title));
        let _ = writeln!(
            xml,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            e(&url)
        );
        let _ = writeln!(xml, "    <id>{}</id>", e(&url));
        let _ = writeln!(xml, "    <published>{}</published>", event.date.rfc3339());
        let _ = writeln!(xml, "    <updated>{}</updated>", modified(event).rfc3339());
        let _ = writeln!(xml, "    {author_xml}");
        if let Some(src) = image_url(site, event.image.as_ref()) {
            atom_image(&mut xml, &src, event.image.as_ref().map_or("", |i| &i.alt));
        }
        if !event.summary.is_empty() {
            // As lists show it, its inline Markdown rendered and links absolute.
            let summary = super::feed_html::feed_content(
                &event.summary_html,
                &permalink(site, &event.path),
                site.config.origin(),
            );
            let _ = writeln!(xml, "    <summary type=\"html\">{}</summary>", e(&summary));
        }
        for &tag in &event.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", e(&site.tags[tag].name));
        }
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>",
            e(&entry_content((site, words), event))
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The Media RSS namespace, for `<media:content>`.
const MEDIA_RSS: &str = "http://search.yahoo.com/mrss/";

/// An entry's image, absolute at `src`, in the two forms feed readers show: an
/// enclosure (RFC 4287 §4.2.7.2), its type from the file's extension and left out
/// when that is unknown, and Media RSS's `<media:content>`, which also carries the
/// alt text.
fn atom_image(xml: &mut String, src: &str, alt: &str) {
    let e = xml_escape;
    let kind = crate::media::of_url(src).filter(|kind| kind.starts_with("image/"));
    let type_attribute = kind.map_or_else(String::new, |kind| format!(" type=\"{kind}\""));
    let _ = writeln!(
        xml,
        "    <link rel=\"enclosure\"{type_attribute} href=\"{}\"/>",
        e(src)
    );
    let _ = write!(
        xml,
        "    <media:content url=\"{}\" medium=\"image\"{type_attribute}",
        e(src)
    );
    if alt.trim().is_empty() {
        xml.push_str("/>\n");
    } else {
        let _ = writeln!(
            xml,
            "><media:description type=\"plain\">{}</media:description></media:content>",
            e(alt)
        );
    }
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [JsonAuthor; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    content_html: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    date_published: String,
    date_modified: String,
    tags: Vec<&'a str>,
}

/// JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), the same entries as Atom.
fn json_feed((site, words): (&Site, &Words), events: &[&Event]) -> String {
    let config = &site.config;
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &config.title,
        home_page_url: permalink(site, urls::home()),
        feed_url: permalink(site, urls::json_feed()),
        description: &config.description,
        language: &config.language,
        authors: [{
            let author = author(site);
            JsonAuthor {
                name: author.name,
                url: author.url,
            }
        }],
        items: events
            .iter()
            .map(|event| JsonItem {
                id: permalink(site, &event.path),
                url: permalink(site, &event.path),
                title: &event.title,
                summary: &event.summary,
                content_html: entry_content((site, words), event),
                image: image_url(site, event.image.as_ref()),
                date_published: event.date.rfc3339(),
                date_modified: modified(event).rfc3339(),
                tags: event
                    .tags
                    .iter()
                    .map(|&t| site.tags[t].name.as_str())
                    .collect(),
            })
            .collect(),
    };
    pretty_json(&feed)
}

fn pretty_json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// schema.org JSON-LD for an event page: a `NewsArticle` about an `Event`, citing
/// its sources. Escaped for a `<script>` element (no `<`, `>` or `&` left).
pub fn event_json_ld(site: &Site, event: &Event) -> String {
    // Fields in the order of their names, as a JSON object with sorted keys would
    // print them; `None` and empty lists are left out.
    #[derive(Serialize)]
    struct Article<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        about: About<'a>,
        author: Organization<'a>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        citation: Vec<Citation<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        correction: Vec<CorrectionComment<'a>>,
        #[serde(rename = "dateModified")]
        date_modified: String,
        #[serde(rename = "datePublished")]
        date_published: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        headline: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<[String; 1]>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        keywords: Vec<&'a str>,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: &'a str,
        publisher: Organization<'a>,
        url: &'a str,
    }
    #[derive(Serialize)]
    struct About<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
        end_date: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        location: Option<Place<'a>>,
        name: &'a str,
        #[serde(rename = "startDate")]
        start_date: String,
    }
    #[derive(Serialize)]
    struct Place<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        geo: Option<Geo>,
        name: &'a str,
    }
    #[derive(Serialize)]
    struct Geo {
        #[serde(rename = "@type")]
        kind: &'static str,
        latitude: f64,
        longitude: f64,
    }
    /// A source the event cites (`CreativeWork`), or one of its reports
    /// (`NewsArticle`, SPEC §9.3).
    #[derive(Serialize)]
    struct Citation<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "archivedAt", skip_serializing_if = "Option::is_none")]
        archived_at: Option<&'a str>,
        #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
        date_published: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        headline: Option<&'a str>,
        name: &'a str,
        publisher: Organization<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    /// An `Organization` or a `Person`.
    #[derive(Serialize)]
    struct Organization<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        logo: Option<Logo>,
        name: std::borrow::Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<std::borrow::Cow<'a, str>>,
    }
    #[derive(Serialize)]
    struct Logo {
        #[serde(rename = "@type")]
        kind: &'static str,
        url: String,
    }

    let config = &site.config;
    let publisher = || Organization {
        kind: "Organization",
        logo: image_url(site, config.publisher.logo.as_ref()).map(|url| Logo {
            kind: "ImageObject",
            url,
        }),
        name: config.publisher_name().into(),
        url: Some(publisher_url(site).into()),
    };
    let url = permalink(site, &event.path);
    let location = event.place.as_deref().map(|name| Place {
        kind: "Place",
        geo: event.coordinates.map(|(latitude, longitude)| Geo {
            kind: "GeoCoordinates",
            latitude,
            longitude,
        }),
        name,
    });
    // Each source cited, or each of its reports when the event lists some.
    let citation = event
        .citations
        .iter()
        .flat_map(|citation| {
            let source = super::views::source_link(site, citation.source);
            let publisher = || Organization {
                kind: "Organization",
                logo: None,
                name: source.name.into(),
                url: source.homepage.map(Into::into),
            };
            let reports: Vec<&crate::site::Report> = (event.reports.iter())
                .filter(|r| r.source == citation.source)
                .collect();
            if reports.is_empty() {
                return vec![Citation {
                    kind: "CreativeWork",
                    archived_at: None,
                    date_published: None,
                    headline: None,
                    name: source.name,
                    publisher: publisher(),
                    url: None,
                }];
            }
            (reports.into_iter())
                .map(|report| Citation {
                    kind: "NewsArticle",
                    archived_at: report.archived.as_deref(),
                    date_published: report.published.as_ref().map(|p| p.machine()),
                    headline: report.title.as_deref(),
                    name: report.title.as_deref().unwrap_or(source.name),
                    publisher: publisher(),
                    url: Some(&report.url),
                })
                .collect()
        })
        .collect();
    let article = Article {
        context: "https://schema.org",
        kind: "NewsArticle",
        about: About {
            kind: "Event",
            end_date: event.end.as_ref().map(|end| end.machine()),
            location,
            name: &event.title,
            start_date: event.date.machine(),
        },
        author: match &config.author {
            Some(author) => Organization {
                kind: "Person",
                logo: None,
                name: author.name.as_str().into(),
                url: author.url.as_deref().map(Into::into),
            },
            None => publisher(),
        },
        citation,
        correction: correction_comments(&event.corrections),
        date_modified: modified(event).rfc3339(),
        date_published: event.date.rfc3339(),
        description: (!event.summary.is_empty()).then_some(event.summary.as_str()),
        headline: &event.title,
        image: image_url(site, event.image.as_ref().or(config.image.as_ref())).map(|image| [image]),
        keywords: event
            .tags
            .iter()
            .map(|&t| super::views::tag_link(site, t).name)
            .collect(),
        main_entity_of_page: &url,
        publisher: publisher(),
        url: &url,
    };
    script_json(&article)
}

/// A figure's page as schema.org JSON-LD (SPEC §9.5): a `Dataset` of its
/// readings — what dataset search engines read for numbers that change over time
/// — naming the figure as `variableMeasured`, the readings' span as
/// `temporalCoverage`, and each source as a `creator`; its description in the
/// words of `table` (`figure_dataset`), the page's language's.
pub fn figure_json_ld(site: &Site, table: &crate::i18n::strings::Table, n: usize) -> String {
    #[derive(Serialize)]
    struct Dataset<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        creator: Vec<Creator<'a>>,
        description: String,
        name: &'a str,
        #[serde(rename = "temporalCoverage", skip_serializing_if = "Option::is_none")]
        temporal_coverage: Option<String>,
        url: String,
        #[serde(rename = "variableMeasured")]
        variable_measured: &'a str,
    }
    #[derive(Serialize)]
    struct Creator<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    let decl = &site.config.figures[n];
    let figure = &site.figures[n];
    let reading = |at: &crate::site::ReadingAt| {
        &site.events[at.event].figures[at.figure].readings[at.reading]
    };
    let mut sources: Vec<usize> = figure
        .readings
        .iter()
        .map(|at| reading(at).source)
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let span = match (figure.readings.first(), figure.readings.last()) {
        (Some(first), Some(last)) => Some(format!(
            "{}/{}",
            reading(first).at.machine(),
            reading(last).at.machine()
        )),
        _ => None,
    };
    let dataset = Dataset {
        context: "https://schema.org",
        kind: "Dataset",
        creator: (sources.into_iter())
            .map(|s| Creator {
                kind: "Organization",
                name: &site.sources[s].name,
                url: site.sources[s].url.as_deref(),
            })
            .collect(),
        description: crate::i18n::strings::fill_in(
            &table.counted("figure_dataset", figure.readings.len()),
            &[("label", &decl.label)],
        ),
        name: &decl.label,
        temporal_coverage: span,
        url: permalink(site, &urls::figure(&decl.name)),
        variable_measured: &decl.label,
    };
    script_json(&dataset)
}

/// A question's page as schema.org JSON-LD (SPEC §9.6): a `Question` whose
/// accounts are its `suggestedAnswer`s, each by its source, and whose confirmed
/// accounts are its `acceptedAnswer`.
pub fn question_json_ld(site: &Site, q: usize) -> String {
    #[derive(Serialize)]
    struct Question<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "acceptedAnswer", skip_serializing_if = "Vec::is_empty")]
        accepted_answer: Vec<Answer<'a>>,
        #[serde(rename = "answerCount")]
        answer_count: usize,
        name: &'a str,
        #[serde(rename = "suggestedAnswer", skip_serializing_if = "Vec::is_empty")]
        suggested_answer: Vec<Answer<'a>>,
        url: String,
    }
    #[derive(Serialize)]
    struct Answer<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        author: Author<'a>,
        #[serde(rename = "dateCreated")]
        date_created: String,
        text: &'a str,
        url: String,
    }
    #[derive(Serialize)]
    struct Author<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    }
    let question = &site.questions[q];
    let (mut accepted, mut suggested) = (Vec::new(), Vec::new());
    for at in &question.accounts {
        let event = &site.events[at.event];
        let account = &event.questions[at.question].accounts[at.account];
        let answer = Answer {
            kind: "Answer",
            author: Author {
                kind: "Organization",
                name: &site.sources[account.source].name,
            },
            date_created: account.at.rfc3339(),
            text: &account.text,
            url: permalink(site, &event.path),
        };
        if account.status == crate::figures::Status::Confirmed {
            accepted.push(answer);
        } else {
            suggested.push(answer);
        }
    }
    let json = Question {
        context: "https://schema.org",
        kind: "Question",
        accepted_answer: accepted,
        answer_count: question.accounts.len(),
        name: &question.ask,
        suggested_answer: suggested,
        url: permalink(site, &urls::question(&question.id)),
    };
    script_json(&json)
}

/// `value` as JSON safe inside a `<script>` element: no `<`, `>` or `&` left, so
/// no `</script>` or `<!--`, whatever the text says.
fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned());
    // Most JSON-LD holds none of the three: copied in runs between them.
    let mut escaped = String::with_capacity(json.len() + 16);
    let mut from = 0;
    for at in memchr::memchr3_iter(b'<', b'>', b'&', json.as_bytes()) {
        escaped.push_str(&json[from..at]);
        escaped.push_str(match json.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        from = at + 1;
    }
    escaped.push_str(&json[from..]);
    escaped
}

/// A correction in schema.org JSON-LD: a `CorrectionComment`, the value of an
/// article's `correction` (SPEC §9.4). Fields in the order of their names.
#[derive(Serialize)]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// At the precision written, as a report's `datePublished`: `2024-01-04`, or
    /// `2024-01-05T09:30+03:30` with its time and offset. Never a midnight that was
    /// not written, which for a correction dated to a day in Tehran would read as
    /// before the event.
    #[serde(rename = "datePublished")]
    date_published: String,
    text: &'a str,
}

/// `corrections` (oldest first) as JSON-LD, in the same order.
fn correction_comments(corrections: &[crate::site::Correction]) -> Vec<CorrectionComment<'_>> {
    corrections
        .iter()
        .map(|c| CorrectionComment {
            kind: "CorrectionComment",
            date_published: c.date.machine(),
            text: &c.text,
        })
        .collect()
}

/// schema.org JSON-LD for an explainer page: an `Article` about its subject, with
/// its tags as keywords, its image (else the site's), the author and publisher,
/// its last update and its corrections (SPEC §9.4). Escaped for a `<script>`
/// element, as an event's.
pub fn explainer_json_ld(site: &Site, explainer: &crate::site::Explainer) -> String {
    // Fields in the order of their names; `None` and empty lists are left out.
    #[derive(Serialize)]
    struct Article<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        about: Thing<'a>,
        author: Party<'a>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        correction: Vec<CorrectionComment<'a>>,
        #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
        date_modified: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        headline: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<[String; 1]>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        keywords: Vec<&'a str>,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: &'a str,
        publisher: Party<'a>,
        url: &'a str,
    }
    #[derive(Serialize)]
    struct Thing<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    }
    /// An `Organization` or a `Person`.
    #[derive(Serialize)]
    struct Party<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        logo: Option<Logo<'a>>,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Logo<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        url: &'a str,
    }

    let config = &site.config;
    let url = permalink(site, &urls::explainer(&explainer.id));
    let publisher_url = publisher_url(site);
    let logo = image_url(site, config.publisher.logo.as_ref());
    let publisher = || Party {
        kind: "Organization",
        logo: logo.as_deref().map(|url| Logo {
            kind: "ImageObject",
            url,
        }),
        name: config.publisher_name(),
        url: Some(&publisher_url),
    };
    let article = Article {
        context: "https://schema.org",
        kind: "Article",
        about: Thing {
            kind: "Thing",
            name: explainer.subject.as_deref().unwrap_or(&explainer.title),
        },
        author: match &config.author {
            Some(author) => Party {
                kind: "Person",
                logo: None,
                name: &author.name,
                url: author.url.as_deref(),
            },
            None => publisher(),
        },
        correction: correction_comments(&explainer.corrections),
        date_modified: explainer.updated.as_ref().map(Moment::rfc3339),
        description: (!explainer.summary.is_empty()).then_some(explainer.summary.as_str()),
        headline: &explainer.title,
        image: image_url(site, explainer.image.as_ref().or(config.image.as_ref()))
            .map(|image| [image]),
        keywords: explainer
            .tags
            .iter()
            .map(|&t| super::views::tag_link(site, t).name)
            .collect(),
        main_entity_of_page: &url,
        publisher: publisher(),
        url: &url,
    };
    script_json(&article)
}

#[derive(Serialize)]
#[serde(bound(serialize = "LazySeq<F>: Serialize"))]
struct SearchIndex<'a, F> {
    version: u32,
    /// Source id → name, so each event lists ids only.
    sources: std::collections::BTreeMap<&'a str, &'a str>,
    /// [`SearchEvent`]s, made as they are written.
    events: LazySeq<F>,
}

#[derive(Serialize)]
struct SearchEvent<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    /// As precise as written: `2024`, `2024-01-03`, `2024-01-03T14:50+03:30`.
    date: String,
    /// As shown on the site: `3 January 2024, 14:50 IRST`.
    date_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    summary: &'a str,
    tags: Vec<&'a str>,
    sources: Vec<&'a str>,
    /// The event's current reading of each figure it gives (SPEC §9.5), by the
    /// figure's name; left out when it gives none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    figures: Vec<SearchFigure<'a>>,
    /// The ids of the open questions it gives accounts of (SPEC §9.6); left out
    /// when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    questions: Vec<&'a str>,
}

/// A figure's current reading in an event of `search.json`: `{"figure": "killed",
/// "value": "more than 70", "lower": 70, "kind": "more_than"}`.
#[derive(Serialize)]
struct SearchFigure<'a> {
    figure: &'a str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upper: Option<f64>,
    kind: crate::figures::Kind,
    source: &'a str,
}

/// `search.json`: every event, in timeline order, with what a search box matches on.
/// Compact (no indentation): it is downloaded whole by the search page.
fn search_index(site: &Site) -> String {
    let index = SearchIndex {
        version: 1,
        sources: site
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect(),
        events: LazySeq(|| {
            site.events.iter().map(|event| SearchEvent {
                id: &event.id,
                url: site.config.link(&event.path),
                title: &event.title,
                date: event.date.machine(),
                date_text: site.dates().display(&event.date),
                place: event.place.as_deref(),
                summary: &event.summary,
                tags: event
                    .tags
                    .iter()
                    .map(|&t| site.tags[t].name.as_str())
                    .collect(),
                sources: event
                    .citations
                    .iter()
                    .map(|c| site.sources[c.source].id.as_str())
                    .collect(),
                figures: (event.figures.iter())
                    .filter_map(|figure| {
                        let reading = &figure.readings[figure.current?];
                        Some(SearchFigure {
                            figure: &site.config.figures[figure.figure].name,
                            value: reading.value.text(),
                            lower: reading.value.lower,
                            upper: reading.value.upper,
                            kind: reading.value.kind,
                            source: &site.sources[reading.source].id,
                        })
                    })
                    .collect(),
                questions: (event.questions.iter())
                    .map(|q| site.questions[q.question].id.as_str())
                    .collect(),
            })
        }),
    };
    large_json(&index)
}

/// A JSON array made as it is written: each element is made from the iterator
/// `.0()` returns, written and dropped before the next, so a list of every event
/// is never held whole beside its JSON ([`large_json`] calls it twice).
pub struct LazySeq<F>(pub F);

impl<F, I> Serialize for LazySeq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `value` as compact JSON and a newline, in a string allocated once at its exact
/// length: the whole-archive files (`search.json`, `timeline.json`) are some 75 MB
/// each at 100,000 events, and a string grown by doubling would hold up to three
/// times that while it grows.
pub fn large_json(value: &impl Serialize) -> String {
    /// Counts the bytes written to it.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    if serde_json::to_writer(&mut count, value).is_err() {
        return "{}\n".to_owned();
    }
    let mut bytes = Vec::with_capacity(count.0 + 1);
    if serde_json::to_writer(&mut bytes, value).is_err() {
        return "{}\n".to_owned();
    }
    bytes.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(bytes).unwrap_or_else(|_| "{}\n".to_owned())
}

/// Allows everything and names the sitemap. Crawlers read `robots.txt` only at a
/// host's root, so under a project sub-path it is there for completeness.
fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        permalink(site, urls::sitemap())
    )
}

/// The `<lastmod>` of each page that has one, by site path: an event's last change
/// (see [`modified`]), and an explainer's `updated` — given, or its latest
/// correction's date (SPEC §9.4). Other pages have no date of their own.
fn lastmods(site: &Site) -> impl Iterator<Item = (String, String)> {
    let events = (site.events.iter()).map(|e| (e.path.clone(), modified(e).rfc3339()));
    let explainers = site.explainers.iter().filter_map(|x| {
        let updated = x.updated.as_ref()?;
        Some((urls::explainer(&x.id), updated.rfc3339()))
    });
    events.chain(explainers)
}

/// `sitemap.xml` listing every page, or, above the protocol's 50,000 URLs, an index
/// of `sitemap-1.xml`, `sitemap-2.xml`, …
fn sitemaps(site: &Site, pages: &[&str]) -> Vec<Output> {
    let lastmod: crate::fingerprint::FastMap<String, String> = lastmods(site).collect();
    let entries: Vec<(String, Option<&String>)> = pages
        .iter()
        .map(|page| {
            let path = urls::page_of_file(page);
            (permalink(site, path), lastmod.get(path))
        })
        .collect();
    if entries.len() <= SITEMAP_LIMIT {
        return vec![output(urls::sitemap(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = urls::sitemap_part(n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&permalink(site, &name))
        );
        files.push(output(&name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(output(urls::sitemap(), index));
    files
}

fn urlset(entries: &[(String, Option<&String>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in entries {
        let _ = write!(xml, "  <url><loc>{}</loc>", xml_escape(url));
        if let Some(lastmod) = lastmod {
            let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&#39;\n"
        );
    }

    /// A site with no content: the machine files list the pages they are given.
    fn empty_site() -> Site {
        Site {
            config: crate::config::Config::default(),
            events: Vec::new(),
            sources: Vec::new(),
            explainers: Vec::new(),
            tags: Vec::new(),
            draft_references: Default::default(),
            written_ids: Vec::new(),
            unarchived: Vec::new(),
            figures: Vec::new(),
            questions: Vec::new(),
            unsettled: Vec::new(),
            date_styles: Default::default(),
            multilingual: Default::default(),
        }
    }

    fn page_names(count: usize) -> Vec<String> {
        (0..count).map(|i| format!("p{i}/index.html")).collect()
    }

    #[test]
    fn splits_large_sitemaps_into_an_index() {
        let site = empty_site();
        let names = page_names(SITEMAP_LIMIT + 1);
        let pages: Vec<&str> = names.iter().map(String::as_str).collect();
        let files = sitemaps(&site, &pages);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>/sitemap-2.xml</loc>"));
        let second = String::from_utf8(files[1].bytes.clone()).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
    }

    #[test]
    fn paths_are_known_before_the_files_are_made() {
        let site = empty_site();
        for count in [
            0,
            3,
            SITEMAP_LIMIT,
            SITEMAP_LIMIT + 1,
            2 * SITEMAP_LIMIT + 1,
        ] {
            let names = page_names(count);
            let pages: Vec<&str> = names.iter().map(String::as_str).collect();
            let made: Vec<String> = PARTS
                .iter()
                .flat_map(|&part| {
                    files(&site, &crate::i18n::strings::Words::builtin(), &pages, part)
                })
                .map(|f| f.path)
                .collect();
            assert_eq!(paths(count, site.events.len()), made, "{count} pages");
        }
    }
}
