//! Stage 3, render: `timeline.json`, every event in the JSON format of Knight Lab's
//! TimelineJS3 viewer (SPEC §10), so a newsroom can embed the timeline on a page of
//! its own with that viewer.
//!
//! One slide per event, in timeline order, after a title slide made from the site's
//! title and description. The format is TimelineJS3's documented one
//! (<https://timeline.knightlab.com/docs/json-format.html>) and nothing more: no field
//! the viewer does not read. This module makes the file; it does not know the
//! viewer's options (`start_at_end`, `language` …), which belong to the embedding
//! page (see `docs/PUBLISHING.md`), and it writes no HTML page of its own.
//!
//! What dateline knows and TimelineJS3 does not, and how it is carried over:
//!
//! - **Precision.** A date object holds only the parts the date knows: `year` for
//!   `2024`; `year` and `month` for `2024-01`; `year`, `month` and `day` for a day;
//!   and `hour` and `minute` (and `second` when one was written) for a time.
//! - **Zones.** TimelineJS3 has none: it reads the parts as a wall-clock time in the
//!   reader's zone. A time is given as the wall-clock time of its event's zone (as
//!   the event page shows it), and its `display_date` names the zone
//!   (`3 January 2024, 14:50 IRST`), so readers everywhere see the time the page
//!   gives. Two times of different zones a few hours apart may therefore be drawn
//!   in an order other than their instants'.
//! - **Date text.** A date that is not a plain day — a year, a month, or a time —
//!   has a `display_date` in dateline's own words, in the language of its event's
//!   page (`2024`, `January 2024`, `3 January 2024, 14:50 IRST`; `janvier 2024`):
//!   the viewer's would claim a day it does not know or drop the zone. A day has
//!   none, so the viewer shows it in the language it is embedded with. Both ends
//!   of a span are written alike: when either end needs a `display_date`, both
//!   have one.
//! - **Words.** The links from the slides to the pages are in the words of the
//!   translation tables (SPEC §11): an event's slide in its page's language, the
//!   title slide in the site's.
//! - **Groups.** SPEC §10 makes an event's first tag its `group`, and the viewer
//!   gives each group a row of its own. Past [`MAX_GROUPS`] distinct first tags
//!   the rows push the time line out of an embed of ordinary height (50 tags take
//!   1,536 px), so then no slide has a `group`: one row, all events.
//! - **Key events** (`key: true`) are not marked: TimelineJS3 has no field for
//!   importance.

use chrono::{Datelike, Timelike};
use serde::Serialize;

use crate::date::{Moment, Precision};
use crate::html::escape;
use crate::i18n::dates::DateStyle;
use crate::i18n::strings::Words;
use crate::load::raw::RawImage;
use crate::site::{Event, Site};
use crate::urls;

/// A TimelineJS3 timeline: the title slide, then one slide per event.
#[derive(Serialize)]
#[serde(bound(serialize = "super::machine::LazySeq<F>: Serialize"))]
struct Timeline<'a, F> {
    /// Always `human`: dateline's years run from 1 to 9999.
    scale: &'static str,
    title: Slide<'a>,
    /// The events' [`Slide`]s, made as they are written.
    events: super::machine::LazySeq<F>,
}

/// A slide: an event's, or the title slide, which has no dates or id.
#[derive(Serialize)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media<'a>>,
    /// Plain text, which the viewer strips of markup: the first tag's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    /// The event's id, which the viewer also puts in the address (`#event-{id}`)
    /// when the embedding page asks for `hash_bookmark`.
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
}

/// A date object: numbers, each part left out when the date does not know it.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<u32>,
    /// Plain text, which the viewer shows instead of formatting the parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
}

/// A slide's words, both HTML (the viewer sanitizes them, keeping links).
#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// An image: `url` absolute when the site's `base_url` is; `caption` and `credit`
/// HTML; `alt` plain text. The viewer's time line shows `thumbnail`, the same
/// image.
#[derive(Serialize)]
struct Media<'a> {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    alt: &'a str,
    thumbnail: String,
}

/// `timeline.json`: the title slide and every event of `site`, in timeline order,
/// as one compact JSON object ending in a newline, in the words of `words`. Its
/// links and images are absolute when `base_url` is, as they must be on a page
/// published elsewhere.
pub fn json(site: &Site, words: &Words) -> String {
    let grouped = groups(site) <= MAX_GROUPS;
    let timeline = Timeline {
        scale: "human",
        title: title_slide(site, words),
        events: super::machine::LazySeq(|| {
            (site.events.iter()).map(|e| event_slide(site, words, e, grouped))
        }),
    };
    super::machine::large_json(&timeline)
}

/// The site's title as the headline, its description and a link to its home page
/// (`timelinejs.home_link` in the site's language) as the text, its `image` as the
/// media.
fn title_slide<'a>(site: &'a Site, words: &Words) -> Slide<'a> {
    let config = &site.config;
    let home = config.permalink(urls::home());
    let table = words.table(&config.language);
    Slide {
        start_date: None,
        end_date: None,
        text: Text {
            headline: escape(&config.title),
            text: paragraphs(
                &config.description,
                &home,
                table.text("timelinejs.home_link"),
            ),
        },
        media: media(site, config.image.as_ref()),
        group: None,
        unique_id: None,
    }
}

/// The most distinct first tags whose groups the export keeps: six rows of the
/// viewer's time line fit the 600 px embed its docs show with room for the slides.
pub const MAX_GROUPS: usize = 6;

/// How many distinct first tags the events have.
fn groups(site: &Site) -> usize {
    let mut firsts: Vec<usize> = (site.events.iter())
        .filter_map(|e| e.tags.first().copied())
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts.len()
}

/// An event's slide: its dates, its title as the headline, its summary and a link
/// to its page as the text, its image, its first tag as the group when `grouped`,
/// and its id. Its words and dates are in its page's language.
fn event_slide<'a>(site: &'a Site, words: &Words, event: &'a Event, grouped: bool) -> Slide<'a> {
    let language = event.language.as_deref().unwrap_or(&site.config.language);
    let (table, dates) = (words.table(language), site.dates_in(language));
    // A span's two ends are written alike: both with a `display_date` or neither.
    let worded = needs_words(&event.date) || event.end.as_ref().is_some_and(needs_words);
    let words = worded.then_some(&*dates);
    Slide {
        start_date: Some(date(&event.date, words)),
        end_date: event.end.as_ref().map(|end| date(end, words)),
        text: Text {
            headline: escape(&event.title),
            text: {
                // The summary as its lists show it, its links absolute: the
                // viewer may be embedded on another site.
                let page = site.config.permalink(&event.path);
                let summary = super::feed_html::feed_content(
                    &event.summary_html,
                    &page,
                    site.config.origin(),
                );
                html_paragraphs(&summary, &page, table.text("timelinejs.event_link"))
            },
        },
        media: media(site, event.image.as_ref()),
        group: (event.tags.first())
            .filter(|_| grouped)
            .map(|&t| site.tags[t].name.as_str()),
        unique_id: Some(&event.id),
    }
}

/// `<p>{text}</p><p><a href="{url}">{link}</a></p>`, the first paragraph left out
/// when `text` is empty; `text` and `link` are plain text.
fn paragraphs(text: &str, url: &str, link: &str) -> String {
    html_paragraphs(&escape(text), url, link)
}

/// As [`paragraphs`], `html` being inline HTML.
fn html_paragraphs(html: &str, url: &str, link: &str) -> String {
    let link = format!("<p><a href=\"{}\">{}</a></p>", escape(url), escape(link));
    if html.trim().is_empty() {
        link
    } else {
        format!("<p>{html}</p>{link}")
    }
}

/// `image` as a media object, its URL absolute when `base_url` is.
fn media<'a>(site: &Site, image: Option<&'a RawImage>) -> Option<Media<'a>> {
    let url = super::machine::image_url(site, image)?;
    let image = image?;
    let html = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(escape)
    };
    Some(Media {
        thumbnail: url.clone(),
        url,
        caption: html(&image.caption),
        credit: html(&image.credit),
        alt: image.alt.trim(),
    })
}

/// Whether the viewer would show `moment` as other than the page does: anything
/// but a plain day. A year or a month it would give a day, a time no zone.
fn needs_words(moment: &Moment) -> bool {
    moment.precision != Precision::Day
}

/// `moment` as a date object: the parts it knows of the wall-clock time its page
/// shows, and, when given the page's `dates`, its words for it as `display_date`.
fn date(moment: &Moment, dates: Option<&DateStyle>) -> Date {
    let local = moment.local;
    let precision = moment.precision;
    let time = precision == Precision::Minute;
    Date {
        year: local.year(),
        month: (precision >= Precision::Month).then(|| local.month()),
        day: (precision >= Precision::Day).then(|| local.day()),
        hour: time.then(|| local.hour()),
        minute: time.then(|| local.minute()),
        second: Some(local.second()).filter(|&s| time && s != 0),
        display_date: dates.map(|dates| dates.display(moment)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(text: &str) -> Moment {
        let tehran = Some(chrono_tz::Asia::Tehran);
        Moment::parse(text, tehran, None).unwrap()
    }

    fn parts(text: &str, worded: bool) -> serde_json::Value {
        let english = DateStyle::new("en", crate::i18n::dates::Calendar::Gregorian);
        serde_json::to_value(date(&moment(text), worded.then_some(&english))).unwrap()
    }

    #[test]
    fn dates_hold_only_the_parts_written() {
        assert_eq!(
            parts("2024", true),
            serde_json::json!({"year": 2024, "display_date": "2024"})
        );
        assert_eq!(
            parts("2024-01", true),
            serde_json::json!({"year": 2024, "month": 1, "display_date": "January 2024"})
        );
        assert_eq!(
            parts("2024-01-03", false),
            serde_json::json!({"year": 2024, "month": 1, "day": 3})
        );
        assert_eq!(
            parts("2024-01-03T14:50", true),
            serde_json::json!({
                "year": 2024, "month": 1, "day": 3, "hour": 14, "minute": 50,
                "display_date": "3 January 2024, 14:50 IRST"
            })
        );
        assert_eq!(
            parts("2024-01-03T14:50:07", true)["second"],
            serde_json::json!(7)
        );
    }

    #[test]
    fn a_time_with_an_offset_keeps_its_wall_clock() {
        let at = Moment::parse("2024-01-03T23:30-05:00", None, None).unwrap();
        let english = DateStyle::new("en", crate::i18n::dates::Calendar::Gregorian);
        assert_eq!(
            serde_json::to_value(date(&at, Some(&english))).unwrap(),
            serde_json::json!({
                "year": 2024, "month": 1, "day": 3, "hour": 23, "minute": 30,
                "display_date": "3 January 2024, 23:30 (-05:00)"
            })
        );
    }

    #[test]
    fn only_plain_days_are_left_to_the_viewer() {
        assert!(needs_words(&moment("2024")));
        assert!(needs_words(&moment("2024-01")));
        assert!(!needs_words(&moment("2024-01-03")));
        assert!(needs_words(&moment("2024-01-03T14:50")));
    }

    #[test]
    fn text_is_escaped_html_with_a_link() {
        assert_eq!(
            paragraphs("Gas & <fire>", "https://x.org/a?b=1&c=2", "More"),
            "<p>Gas &amp; &lt;fire&gt;</p><p><a href=\"https://x.org/a?b=1&amp;c=2\">More</a></p>"
        );
        assert_eq!(
            paragraphs(" ", "/a/", "More"),
            "<p><a href=\"/a/\">More</a></p>"
        );
    }
}
