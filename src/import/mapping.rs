//! A TimelineJS slide turned into the text of a dateline event file, and the title
//! slide into the site's title and description. Pure: what the site has (its zone,
//! language, static files) comes in as [`Settings`]; nothing is read or written.
//!
//! docs/IMPORTING.md gives the whole mapping. In short: the date keeps the
//! precision the slide gives it; a headline becomes the plain-text `title`; HTML
//! text becomes a Markdown body through `htmd`; an image becomes `image`, other
//! media a link at the end of the body; the group a tag. What cannot be carried
//! over — a display date dateline words otherwise, a link relative to the page the
//! timeline was embedded in, a video — is kept where the editor will see it or
//! reported in [`Notes`], never dropped unsaid.

use std::sync::{Arc, Mutex};

use chrono_tz::Tz;

use super::{DateParts, Media, Origin, Problem, Slide};
use crate::date::{Moment, Precision};
use crate::i18n::dates::DateStyle;

/// What the mapping needs to know of the site it imports into.
pub struct Settings<'a> {
    /// The zone TimelineJS's wall-clock times are read in.
    pub zone: Tz,
    /// Whether events with a time name `zone` in their own `timezone:`, because
    /// the site's `dateline.toml` names another zone or none.
    pub zone_per_event: bool,
    /// The site's words for dates: its language and calendar.
    pub dates: &'a DateStyle,
    /// Whether a path (`images/a.jpg`) is a file under the site's `static/`.
    pub is_static: &'a dyn Fn(&str) -> bool,
}

/// One event as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Where it came from.
    pub origin: Origin,
    /// The file stem it asks for (its id): the slide's `unique_id` when that is a
    /// valid id, else `YYYY-MM-DD-` and the headline's slug.
    pub stem: String,
    /// Whether `stem` is the slide's own `unique_id`.
    pub from_unique_id: bool,
    /// Its date, for the year folder.
    pub date: Moment,
    /// The file's text: front matter and body.
    pub text: String,
}

/// What was carried over other than as written, for the summary.
#[derive(Debug, Default)]
pub struct Notes {
    /// Media that are not images, kept as a link at the end of the body.
    pub media_links: Vec<(Origin, String)>,
    /// Embed HTML in place of an address (a post's blockquote, an iframe) whose
    /// first address was kept as a link at the end of the body: that address.
    pub media_embeds: Vec<(Origin, String)>,
    /// Embed HTML with no address in it, left out: its first characters.
    pub media_dropped: Vec<(Origin, String)>,
    /// Frames (`<iframe>`) in the text, kept as a link to what they showed.
    pub frames: Vec<(Origin, String)>,
    /// Slides whose text has a table without a header row, whose cells are kept as
    /// text without the table's layout (one with a header row is kept as a
    /// Markdown table).
    pub tables: Vec<Origin>,
    /// Links (and images) in the text whose address is relative to the page the
    /// timeline was shown on, kept as their text.
    pub relative_links: Vec<(Origin, String)>,
    /// Paragraphs that were only a link to a page relative to where the timeline
    /// was shown ("Full story"), left out.
    pub page_links: Vec<(Origin, String)>,
    /// Slides whose display date differs from dateline's words, noted in the file.
    pub display_dates: Vec<Origin>,
    /// Slides with a time whose display date names a zone (`IRST`, `(-05:00)`)
    /// other than the one the time was read in: the name as written.
    pub other_zones: Vec<(Origin, String)>,
    /// Thumbnails other than the image itself, not imported.
    pub thumbnails: usize,
    /// Slides with a background, not imported.
    pub backgrounds: usize,
    /// `unique_id`s that are not valid ids, as written: the file is named after
    /// the date and headline instead.
    pub replaced_ids: Vec<(Origin, String)>,
    /// `unique_id`s another slide has too, and the name the later one gets
    /// (`` `a` → `a-2` ``).
    pub renamed_ids: Vec<(Origin, String)>,
    /// Images without alt text or caption: written with an empty `alt`.
    pub no_alt: Vec<Origin>,
}

/// The names of a date's parts in the source: the template's columns for a
/// spreadsheet row, the JSON fields otherwise.
fn part_name(origin: &Origin, end: bool, part: &str) -> String {
    if let Origin::Row(_) = origin {
        let column = match part {
            "year" => "Year",
            "month" => "Month",
            "day" => "Day",
            _ => "Time",
        };
        if end {
            format!("End {column}")
        } else {
            column.to_owned()
        }
    } else {
        format!("{}.{part}", if end { "end_date" } else { "start_date" })
    }
}

/// The name of a slide field in the source: `column` for a spreadsheet row,
/// `field` for JSON.
fn field_name(origin: &Origin, column: &str, field: &str) -> String {
    match origin {
        Origin::Row(_) => column.to_owned(),
        _ => field.to_owned(),
    }
}

/// The date written as dateline's front matter writes it: `2024`, `2024-01`,
/// `2024-01-03`, `2024-01-03T14:50` or `2024-01-03T14:50:07`, after checking each
/// part. Problems name the part's column or field.
pub fn date_text(parts: &DateParts, origin: &Origin, end: bool) -> Result<String, Problem> {
    let name = |part: &str| part_name(origin, end, part);
    let year = parts.year;
    if !(1..=9999).contains(&year) {
        let message = if year == 0 {
            "there is no year 0".to_owned()
        } else if year < 0 {
            format!("the year {year} is before year 1")
        } else {
            format!("the year {year} is after 9999")
        };
        return Err(Problem::at(
            origin,
            name("year"),
            message,
            "dateline's years run from 1 to 9999",
        ));
    }
    let mut text = format!("{year:04}");
    let Some(month) = parts.month else {
        if parts.day.is_some() || parts.hour.is_some() {
            return Err(Problem::at(
                origin,
                name("month"),
                "a day or time without a month",
                "fill in the month, or leave the day and time out",
            ));
        }
        return Ok(text);
    };
    if !(1..=12).contains(&month) {
        return Err(Problem::at(
            origin,
            name("month"),
            format!("there is no month {month}"),
            "months run from 1 to 12",
        ));
    }
    text.push_str(&format!("-{month:02}"));
    let Some(day) = parts.day else {
        if parts.hour.is_some() {
            return Err(Problem::at(
                origin,
                name("day"),
                "a time without a day",
                "fill in the day, or leave the time out",
            ));
        }
        return Ok(text);
    };
    let last = (28..=31)
        .rev()
        .find(|&d| chrono::NaiveDate::from_ymd_opt(year as i32, month, d).is_some())
        .unwrap_or(28);
    if !(1..=last).contains(&day) {
        return Err(Problem::at(
            origin,
            name("day"),
            format!(
                "there is no day {day} in {} {year}: it has {last} days",
                crate::date::month_name(month)
            ),
            "check the day of the month",
        ));
    }
    text.push_str(&format!("-{day:02}"));
    let Some(hour) = parts.hour else {
        if parts.minute.is_some() || parts.second.is_some() {
            return Err(Problem::at(
                origin,
                name("hour"),
                "minutes or seconds without an hour",
                "give the hour too, or leave the time out",
            ));
        }
        return Ok(text);
    };
    let (minute, second) = (parts.minute.unwrap_or(0), parts.second.unwrap_or(0));
    for (value, max, part) in [
        (hour, 23, "hour"),
        (minute, 59, "minute"),
        (second, 59, "second"),
    ] {
        if value > max {
            return Err(Problem::at(
                origin,
                name(part),
                format!("the {part} {value} is out of range"),
                format!("the {part} runs from 0 to {max}"),
            ));
        }
    }
    text.push_str(&format!("T{hour:02}:{minute:02}"));
    if second != 0 {
        text.push_str(&format!(":{second:02}"));
    }
    if let Some(offset) = parts.offset {
        let sign = if offset < 0 { '-' } else { '+' };
        let offset = offset.abs();
        text.push_str(&format!(
            "{sign}{:02}:{:02}",
            offset / 3600,
            offset % 3600 / 60
        ));
    }
    Ok(text)
}

/// Reads a date written by [`date_text`] in `zone`, as the build will: a time the
/// zone skips or repeats is a problem at the time's column or field.
///
/// The help says what to write where the time came from: in the sheet's Time cell,
/// the time with the offset meant (`01:30 -04:00`), which the cell takes; JSON has
/// no place for an offset, so there the time is fixed in the written file.
fn moment(text: &str, zone: Tz, origin: &Origin, end: bool) -> Result<Moment, Problem> {
    Moment::parse(text, Some(zone), None).map_err(|e| {
        let help = clock_change_help(text, zone, origin)
            .or(e.help)
            .map(|help| {
                format!(
                    "{help} (times are read in {}; --timezone sets another zone)",
                    zone.name()
                )
            });
        Problem {
            origin: Some(origin.clone()),
            field: Some(part_name(origin, end, "hour")),
            message: e.message,
            help,
        }
    })
}

/// What to write for a time `zone` skips or repeats, as the source can say it;
/// `None` when the time is neither.
fn clock_change_help(text: &str, zone: Tz, origin: &Origin) -> Option<String> {
    use chrono::{LocalResult, Offset, TimeZone};
    let written = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let hm = written.format("%H:%M");
    let offset = |at: &chrono::DateTime<Tz>| {
        let seconds = at.offset().fix().local_minus_utc();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.abs();
        format!("{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
    };
    let label = |at: &chrono::DateTime<Tz>| at.format("%Z").to_string();
    let row = matches!(origin, Origin::Row(_));
    match zone.from_local_datetime(&written) {
        LocalResult::Ambiguous(first, second) if row => Some(format!(
            "write the offset meant after the time in the cell: `{hm} {}` for the first {hm} ({}), `{hm} {}` for the second ({})",
            offset(&first),
            label(&first),
            offset(&second),
            label(&second)
        )),
        LocalResult::Ambiguous(first, second) => Some(format!(
            "TimelineJS3 JSON has no place for an offset: move the time out of the repeated hour in the JSON, import, then write in the new file the offset meant, `date: {}{}` for the first {hm} ({}) or `date: {}{}` for the second ({})",
            written.format("%Y-%m-%dT%H:%M"),
            offset(&first),
            label(&first),
            written.format("%Y-%m-%dT%H:%M"),
            offset(&second),
            label(&second)
        )),
        LocalResult::None => {
            // What a clock not yet put forward showed: later by the change.
            let offset_at = |t: chrono::NaiveDateTime| {
                zone.offset_from_utc_datetime(&t).fix().local_minus_utc()
            };
            let day = chrono::TimeDelta::hours(12);
            let gap = offset_at(written + day) - offset_at(written - day);
            let meant = written + chrono::TimeDelta::seconds(i64::from(gap));
            let at = zone.from_local_datetime(&meant).single()?;
            let cell = if row { "in the cell" } else { "in the JSON" };
            Some(format!(
                "check the time; if a clock not yet put forward showed {hm}, write {cell} `{}` ({}), the same moment",
                meant.format("%H:%M"),
                label(&at)
            ))
        }
        LocalResult::Single(_) => None,
    }
}

/// A date as the file will hold it: its text, and the moment the build will read.
struct Written {
    text: String,
    moment: Moment,
}

/// A slide's start and end, read as the build will read them in `zone`; the end
/// checked against the start.
fn dates(slide: &Slide, zone: Tz) -> Result<(Written, Option<Written>), Vec<Problem>> {
    let origin = &slide.origin;
    let written = |parts: &DateParts, end: bool| -> Result<Written, Problem> {
        let text = date_text(parts, origin, end)?;
        let moment = moment(&text, zone, origin, end)?;
        Ok(Written { text, moment })
    };
    let Some(start) = &slide.start else {
        return Err(vec![Problem::at(
            origin,
            part_name(origin, false, "year"),
            "the slide has no date",
            "fill in the year, and the month, day and time as far as they are known",
        )]);
    };
    let (start, end) = match (
        written(start, false),
        slide.end.as_ref().map(|e| written(e, true)),
    ) {
        (Ok(start), None) => return Ok((start, None)),
        (Ok(start), Some(Ok(end))) => (start, end),
        (start, end) => {
            return Err(start
                .err()
                .into_iter()
                .chain(end.and_then(Result::err))
                .collect());
        }
    };
    let (a, b) = (&start.moment, &end.moment);
    let complaint = if a.ends_before(b) {
        Some((
            format!(
                "the end ({}) is before the start ({})",
                b.machine(),
                a.machine()
            ),
            "a span ends on or after the day it starts; swap the two or fix the year",
        ))
    } else if a.end_is_coarser(b) {
        Some((
            format!(
                "the end ({}) is less precise than the start ({}) and names the period it starts in",
                b.machine(),
                a.machine()
            ),
            "give the end at least the precision of the start, or leave it out (a coarser end in a later period is a span)",
        ))
    } else {
        None
    };
    match complaint {
        Some((message, help)) => Err(vec![Problem::at(
            origin,
            part_name(origin, true, "year"),
            message,
            help,
        )]),
        None => Ok((start, Some(end))),
    }
}

/// One event slide as the text of its file, or every problem with it.
pub fn event(slide: &Slide, settings: &Settings, notes: &mut Notes) -> Result<Event, Vec<Problem>> {
    let origin = &slide.origin;
    let mut problems = Vec::new();
    let title = plain_text(&slide.headline);
    if title.is_empty() {
        problems.push(Problem::at(
            origin,
            field_name(origin, "Headline", "text.headline"),
            "the slide has no headline",
            "every dateline event has a title: write a headline",
        ));
    }
    let dates = dates(slide, settings.zone)
        .map_err(|found| problems.extend(found))
        .ok();
    let image = slide
        .media
        .as_ref()
        .and_then(|media| match media_kind(media, settings) {
            Ok(kind) => Some(kind),
            Err(problem) => {
                problems.push(problem.at_slide(origin));
                None
            }
        });
    let Some((date, end)) = dates.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };

    let mut matter = format!("---\ntitle: {}\n", yaml(&title));
    matter.push_str(&format!("date: {}\n", yaml(&date.text)));
    if let Some(end) = &end {
        matter.push_str(&format!("end: {}\n", yaml(&end.text)));
    }
    let end = end.map(|end| end.moment);
    let date = date.moment;
    let shown = display_notes(slide, &date, end.as_ref(), settings.dates);
    if !shown.is_empty() {
        notes.display_dates.push(origin.clone());
        matter.push_str(&shown);
    }
    if let Some(named) = other_zone(slide, &date, end.as_ref()) {
        notes.other_zones.push((origin.clone(), named));
    }
    let timed = date.precision == Precision::Minute
        || end
            .as_ref()
            .is_some_and(|m| m.precision == Precision::Minute);
    if timed && settings.zone_per_event {
        matter.push_str(&format!("timezone: {}\n", settings.zone.name()));
    }
    if let Some(group) = slide
        .group
        .as_deref()
        .map(plain_text)
        .filter(|g| !g.is_empty())
    {
        matter.push_str(&format!("tags: [{}]\n", yaml(&group)));
    }
    let mut body = html_to_markdown(&slide.text, origin, notes);
    match image {
        Some(MediaKind::Image(src)) => {
            let media = slide.media.clone().unwrap_or_default();
            matter.push_str(&image_matter(&src, &media, origin, notes));
            if media.thumbnail.as_deref().is_some_and(|t| t != media.url) {
                notes.thumbnails += 1;
            }
        }
        Some(MediaKind::Link(url)) => {
            let media = slide.media.clone().unwrap_or_default();
            notes.media_links.push((origin.clone(), url.clone()));
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&media_link(&url, &media));
        }
        Some(MediaKind::Embed(html)) => match embed_address(&html) {
            Some(url) => {
                notes.media_embeds.push((origin.clone(), url.clone()));
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&media_link(&url, &slide.media.clone().unwrap_or_default()));
            }
            None => notes
                .media_dropped
                .push((origin.clone(), html.chars().take(60).collect())),
        },
        None => {}
    }
    if slide.background {
        notes.backgrounds += 1;
    }
    matter.push_str("---\n");
    let text = if body.is_empty() {
        matter
    } else {
        format!("{matter}\n{body}\n")
    };
    let from_unique_id = match slide.unique_id.as_deref() {
        Some(id) if crate::slug::is_valid(id) => true,
        Some(id) => {
            notes.replaced_ids.push((
                origin.clone(),
                serde_json::to_string(id).unwrap_or_default(),
            ));
            false
        }
        None => false,
    };
    Ok(Event {
        origin: origin.clone(),
        stem: stem(slide, &title, &date),
        from_unique_id,
        date,
        text,
    })
}

/// The file stem: the slide's `unique_id` when it is already a plain id, else the
/// date as `dateline new` writes it and the headline's slug.
fn stem(slide: &Slide, title: &str, date: &Moment) -> String {
    if let Some(id) = slide
        .unique_id
        .as_deref()
        .filter(|id| crate::slug::is_valid(id))
    {
        return id.to_owned();
    }
    let slug = crate::cmd::new::short_slug(title);
    let slug = if slug.is_empty() {
        "event".to_owned()
    } else {
        slug
    };
    format!("{}-{slug}", crate::cmd::new::stem_date(date))
}

/// A YAML scalar as `dateline new` writes it.
fn yaml(text: &str) -> String {
    crate::cmd::new::yaml(text)
}

/// The comment lines recording the source's display dates that differ from what
/// dateline shows for the date, so the editor can decide: `# display date in the
/// TimelineJS source: "Early 2020"`. Empty when none differs.
fn display_notes(slide: &Slide, start: &Moment, end: Option<&Moment>, dates: &DateStyle) -> String {
    let same = |a: &str, b: &str| {
        let words = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        words(a) == words(b)
    };
    let mut lines = String::new();
    let mut note = |label: &str, written: &str, ours: String| {
        let written = plain_text(written);
        if !written.is_empty() && !same(&written, &ours) {
            let quoted = serde_json::to_string(&written).unwrap_or_default();
            lines.push_str(&format!(
                "# {label} in the TimelineJS source: {quoted} (dateline shows {})\n",
                serde_json::to_string(&ours).unwrap_or_default()
            ));
        }
    };
    if let Some(shown) = &slide.display_date {
        let ours = match end {
            Some(end) => dates.display_span(start, end),
            None => dates.display(start),
        };
        note("display date", shown, ours);
    }
    if let Some(shown) = slide.start.as_ref().and_then(|d| d.display_date.as_deref()) {
        note("display date of the start", shown, dates.display(start));
    }
    if let (Some(shown), Some(end)) = (
        slide.end.as_ref().and_then(|d| d.display_date.as_deref()),
        end,
    ) {
        note("display date of the end", shown, dates.display(end));
    }
    lines
}

/// The zone a display date names when it is not the one the slide's time was read
/// in: `IRST` in `3 January 2024, 14:50 IRST` read in UTC. Zones are named by an
/// abbreviation (three to five capitals ending in `T`, or `UTC`, `GMT`) or an
/// offset (`-05:00`, `(+0330)`, `UTC+3:30`); `UTC` and `GMT` are the offset 0.
fn other_zone(slide: &Slide, start: &Moment, end: Option<&Moment>) -> Option<String> {
    let shown = [
        (slide.display_date.as_deref(), start),
        (
            slide.start.as_ref().and_then(|d| d.display_date.as_deref()),
            start,
        ),
        (
            slide.end.as_ref().and_then(|d| d.display_date.as_deref()),
            end.unwrap_or(start),
        ),
    ];
    for (text, moment) in shown {
        let (Some(text), Some(offset)) = (text, moment.offset) else {
            continue;
        };
        let label = moment.zone_label();
        let text = plain_text(text);
        for (named, seconds) in zones_named(&text) {
            let same = match seconds {
                Some(seconds) => seconds == offset.local_minus_utc(),
                None => named == label,
            };
            if !same {
                return Some(named);
            }
        }
    }
    None
}

/// The zones a display date names, each with its offset in seconds when the name
/// is an offset (or `UTC`, `GMT`).
fn zones_named(text: &str) -> Vec<(String, Option<i32>)> {
    let mut found = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '[' | ']'))
    {
        if word.is_empty() {
            continue;
        }
        let (letters, rest) = word.split_at(word.find(['+', '-', '−']).unwrap_or(word.len()));
        let utc = matches!(letters, "UTC" | "GMT" | "Z");
        if rest.is_empty() {
            let abbreviation = (3..=5).contains(&letters.len())
                && letters.bytes().all(|b| b.is_ascii_uppercase())
                && letters.ends_with('T');
            if utc {
                found.push((letters.to_owned(), Some(0)));
            } else if abbreviation {
                found.push((letters.to_owned(), None));
            }
        } else if (letters.is_empty() || utc)
            && let Some(seconds) = offset_seconds(rest)
        {
            found.push((word.to_owned(), Some(seconds)));
        }
    }
    found
}

/// `-05:00`, `+0330`, `+3:30`, `+1` as seconds east of UTC; `None` for anything
/// else (`-2021` is no offset: the hour is at most 14).
pub(super) fn offset_seconds(text: &str) -> Option<i32> {
    let mut chars = text.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest = chars.as_str();
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let number = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// What a slide's media becomes.
#[derive(Debug, PartialEq, Eq)]
enum MediaKind {
    /// The event's `image`, with its `src`.
    Image(String),
    /// Not an image: a link at the end of the body.
    Link(String),
    /// Not an address: embed HTML, left out.
    Embed(String),
}

/// A media problem before it knows its slide.
struct MediaProblem(String, String);

impl MediaProblem {
    fn at_slide(self, origin: &Origin) -> Problem {
        Problem::at(
            origin,
            field_name(origin, "Media", "media.url"),
            self.0,
            self.1,
        )
    }
}

/// The first address in embed HTML — a post's `<blockquote>` links to the post, an
/// `<iframe>` shows its `src` — made absolute (`//x` → `https://x`); `None` when
/// it has no absolute one.
fn embed_address(html: &str) -> Option<String> {
    fn find(node: &htmd::Node) -> Option<String> {
        use markup5ever_rcdom::NodeData;
        if let NodeData::Element { attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            for name in ["href", "src"] {
                if let Some(url) = attribute(&attrs, name).filter(|u| is_absolute(u)) {
                    return Some(https(&url));
                }
            }
        }
        node.children.borrow().iter().find_map(|child| find(child))
    }
    let tree = htmd::HtmlToMarkdown::new().html_to_tree(html).ok()?;
    find(&tree)
}

/// A protocol-relative address (`//cdn.example/a.jpg`) as the `https:` one it
/// stands for; any other as it is.
pub fn https(url: &str) -> String {
    match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_owned(),
    }
}

/// Whether an address is absolute: `https:`, `http:` or protocol-relative `//`.
fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("//")
}

/// An image is an address whose file name ends in an image type browsers show
/// (as the viewer decides, by extension); a path is an image only when it is a file
/// under the site's `static/`.
fn media_kind(media: &Media, settings: &Settings) -> Result<MediaKind, MediaProblem> {
    let url = media.url.trim();
    let image = crate::media::of_url(url).is_some_and(|t| t.starts_with("image/"));
    if url.starts_with('<') {
        return Ok(MediaKind::Embed(url.to_owned()));
    }
    if is_absolute(url) {
        let url = https(url);
        return Ok(if image {
            MediaKind::Image(url)
        } else {
            MediaKind::Link(url)
        });
    }
    let path = url.trim_start_matches('/');
    if image && (settings.is_static)(path) {
        return Ok(MediaKind::Image(url.to_owned()));
    }
    if image {
        return Err(MediaProblem(
            format!("the image `{url}` is not in the site's static/ folder"),
            format!("copy it to static/{path}, or give its full address (https://…)"),
        ));
    }
    Err(MediaProblem(
        format!("`{url}` is neither a full address nor an image under static/"),
        "give the media's full address (https://…)".into(),
    ))
}

/// The `image:` lines: `src`, `alt` (the media's alt text, else its caption, which
/// dateline then shows as the caption), `caption` when it differs from the alt
/// text, `credit`; all plain text.
fn image_matter(src: &str, media: &Media, origin: &Origin, notes: &mut Notes) -> String {
    let plain = |text: &Option<String>| text.as_deref().map(plain_text).filter(|t| !t.is_empty());
    let (caption, credit) = (plain(&media.caption), plain(&media.credit));
    let alt = match (plain(&media.alt), &caption) {
        (Some(alt), _) => alt,
        (None, Some(caption)) => caption.clone(),
        (None, None) => {
            notes.no_alt.push(origin.clone());
            String::new()
        }
    };
    let mut lines = format!("image:\n  src: {}\n  alt: {}\n", yaml(src), yaml(&alt));
    if let Some(caption) = caption.filter(|c| *c != alt) {
        lines.push_str(&format!("  caption: {}\n", yaml(&caption)));
    }
    if let Some(credit) = credit {
        lines.push_str(&format!("  credit: {}\n", yaml(&credit)));
    }
    lines
}

/// A media that is not an image as a paragraph: `[caption](<url>) (credit)`, or
/// `<url> (credit)` when there is no caption.
fn media_link(url: &str, media: &Media) -> String {
    // Plain text, shown as written.
    let escape = escape_markdown;
    let url = url.replace('>', "%3E");
    let mut line = match media.caption.as_deref().map(plain_text) {
        Some(caption) if !caption.is_empty() => format!("[{}](<{url}>)", escape(&caption)),
        _ => format!("<{url}>"),
    };
    if let Some(credit) = media
        .credit
        .as_deref()
        .map(plain_text)
        .filter(|c| !c.is_empty())
    {
        line.push_str(&format!(" ({})", escape(&credit)));
    }
    line
}

/// HTML text as Markdown, through `htmd`. Text without tags is taken as written.
/// Links and images whose address is relative (to the page the timeline was shown
/// on, which the import does not know) keep only their text, and are noted; a
/// paragraph that is nothing but such a link ("Full story") is left out, as its
/// text alone says nothing.
pub fn html_to_markdown(html: &str, origin: &Origin, notes: &mut Notes) -> String {
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let html = html.trim();
    if !html.contains('<') {
        return escape_markdown(html);
    }
    // Protocol-relative addresses (`//cdn.example/a.jpg`) as the `https:` ones
    // they stand for: the site may be read over `file:`.
    let html = html
        .replace("=\"//", "=\"https://")
        .replace("='//", "='https://");
    let html = html.as_str();
    // htmd's handlers must be `Send + Sync`, hence a mutex for what they collect.
    let relative = Arc::new(Mutex::new(Vec::<String>::new()));
    let (links, images) = (Arc::clone(&relative), Arc::clone(&relative));
    let dropped = Arc::new(Mutex::new(Vec::<String>::new()));
    let paragraphs = Arc::clone(&dropped);
    let frames = Arc::new(Mutex::new(Vec::<String>::new()));
    let framed = Arc::clone(&frames);
    let tables = Arc::new(Mutex::new(0usize));
    let tabled = Arc::clone(&tables);
    let converter = htmd::HtmlToMarkdown::builder()
        .add_handler(
            vec!["a"],
            move |handlers: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                match attribute(element.attrs, "href") {
                    Some(href)
                        if !is_absolute(&href) && !is_mail(&href) && !href.starts_with('#') =>
                    {
                        if let Ok(mut links) = links.lock() {
                            links.push(href);
                        }
                        Some(handlers.walk_children(element.node))
                    }
                    _ => handlers.fallback(element),
                }
            },
        )
        .add_handler(
            vec!["p"],
            move |handlers: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                match page_link(element.node) {
                    Some(href) => {
                        if let Ok(mut paragraphs) = paragraphs.lock() {
                            paragraphs.push(href);
                        }
                        None
                    }
                    None => handlers.fallback(element),
                }
            },
        )
        .add_handler(
            vec!["img"],
            move |handlers: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                match attribute(element.attrs, "src") {
                    Some(src) if !is_absolute(&src) => {
                        if let Ok(mut images) = images.lock() {
                            images.push(src);
                        }
                        Some(attribute(element.attrs, "alt").unwrap_or_default().into())
                    }
                    _ => handlers.fallback(element),
                }
            },
        )
        // What a script or style holds is no text to show.
        .add_handler(
            vec!["script", "style", "template", "noscript"],
            |_: &dyn htmd::element_handler::Handlers, _: htmd::Element| None,
        )
        // A frame shows another page: kept as a link to it.
        .add_handler(
            vec!["iframe"],
            move |_: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                let src = attribute(element.attrs, "src").filter(|src| is_absolute(src))?;
                if let Ok(mut frames) = framed.lock() {
                    frames.push(src.clone());
                }
                Some(format!("\n\n<{}>\n\n", src.replace('>', "%3E")).into())
            },
        )
        .add_handler(
            vec!["table"],
            move |handlers: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                // htmd writes a table with a header row as a Markdown table, and
                // one without as its cells' text, one paragraph each.
                if !has_header(element.node)
                    && let Ok(mut tables) = tabled.lock()
                {
                    *tables += 1;
                }
                handlers.fallback(element)
            },
        )
        .build();
    let markdown = converter.convert(html).unwrap_or_default();
    if let Ok(mut frames) = frames.lock() {
        for src in frames.drain(..) {
            notes.frames.push((origin.clone(), src));
        }
    }
    if tables.lock().is_ok_and(|n| *n > 0) {
        notes.tables.push(origin.clone());
    }
    if let Ok(mut relative) = relative.lock() {
        for link in relative.drain(..) {
            notes.relative_links.push((origin.clone(), link));
        }
    }
    if let Ok(mut dropped) = dropped.lock() {
        for link in dropped.drain(..) {
            notes.page_links.push((origin.clone(), link));
        }
    }
    markdown.trim().to_owned()
}

/// Whether a table has a header cell (`<th>`, `<thead>`).
fn has_header(node: &htmd::Node) -> bool {
    use markup5ever_rcdom::NodeData;
    node.children
        .borrow()
        .iter()
        .any(|child| match &child.data {
            NodeData::Element { name, .. } if matches!(&*name.local, "th" | "thead") => true,
            _ => has_header(child),
        })
}

/// Plain text (a cell without tags) as Markdown that shows it as written, as the
/// viewer shows it: `*`, `_`, `` ` ``, `[`, `]`, `~`, `|` and `\\` escaped, and a line
/// that would start a heading, quote, list, rule or underline
/// (`#`, `>`, `-`, `+`, `=`, `1.`, `1)`) escaped at its start. Lines keep their
/// breaks, without the spaces around them (the viewer collapses those).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim();
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (j, c) in line.char_indices() {
            let starts_block = j == 0 && matches!(c, '#' | '>' | '-' | '+' | '=');
            let ends_number = digits > 0 && j == digits && matches!(c, '.' | ')');
            if starts_block
                || ends_number
                || matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '~' | '|')
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The address of a paragraph that holds one link with a relative address and
/// nothing else: the "read more on our site" link a timeline's slides often end
/// with (dateline's own `timeline.json` among them).
fn page_link(node: &htmd::Node) -> Option<String> {
    link_paragraph(node)
        .filter(|href| !is_absolute(href) && !is_mail(href) && !href.starts_with('#'))
}

/// The address of a paragraph that holds one link and nothing else.
fn link_paragraph(node: &htmd::Node) -> Option<String> {
    use markup5ever_rcdom::NodeData;
    let mut link = None;
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } if contents.borrow().trim().is_empty() => {}
            NodeData::Element { name, attrs, .. } if &*name.local == "a" && link.is_none() => {
                link = Some(attribute(&attrs.borrow(), "href")?);
            }
            NodeData::Comment { .. } => {}
            _ => return None,
        }
    }
    link
}

fn is_mail(href: &str) -> bool {
    href.to_ascii_lowercase().starts_with("mailto:")
}

/// The value of attribute `name` of an element.
fn attribute(attrs: &[html5ever::Attribute], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.trim().to_owned())
}

/// HTML as plain text: tags dropped, character references decoded, the text of
/// `<script>` and `<style>` left out, white space collapsed to single spaces. Text
/// without `<` or `&` is taken as written (trimmed, white space collapsed).
pub fn plain_text(html: &str) -> String {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    let Ok(tree) = htmd::HtmlToMarkdown::new().html_to_tree(html) else {
        return collapse(html);
    };
    let mut out = String::new();
    collect_text(&tree, &mut out);
    collapse(&out)
}

fn collect_text(node: &htmd::Node, out: &mut String) {
    use markup5ever_rcdom::NodeData;
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Element { name, .. } => {
            let tag = &*name.local;
            if matches!(tag, "script" | "style" | "template")
                || (tag == "p" && page_link(node).is_some())
            {
                return;
            }
            // Block elements and line breaks part words: `<p>a</p><p>b</p>` is `a b`.
            let parts = matches!(
                tag,
                "br" | "p"
                    | "div"
                    | "li"
                    | "ul"
                    | "ol"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "blockquote"
                    | "tr"
                    | "td"
                    | "th"
            );
            if parts {
                out.push(' ');
            }
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
            if parts {
                out.push(' ');
            }
        }
        _ => {
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
        }
    }
}

/// The site's title and description from the title slide: its headline and its
/// text as plain text. Either is `None` when the slide has none.
///
/// A last paragraph that is only a link (dateline's own export ends the title
/// slide with "The full timeline, with sources") is left out of the description:
/// its words say nothing without the link, as in the slides' text.
pub fn title(slide: &Slide) -> (Option<String>, Option<String>) {
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    (
        some(plain_text(&slide.headline)),
        some(description(&slide.text)),
    )
}

/// The title slide's text as plain text, without a last paragraph that is only a
/// link.
fn description(html: &str) -> String {
    use markup5ever_rcdom::NodeData;
    if !html.contains('<') {
        return plain_text(html);
    }
    let Ok(tree) = htmd::HtmlToMarkdown::new().html_to_tree(html) else {
        return plain_text(html);
    };
    fn body(node: &htmd::Node) -> Option<std::rc::Rc<htmd::Node>> {
        node.children
            .borrow()
            .iter()
            .find_map(|child| match &child.data {
                NodeData::Element { name, .. } if &*name.local == "body" => Some(child.clone()),
                _ => body(child),
            })
    }
    let Some(body) = body(&tree) else {
        return plain_text(html);
    };
    let children = body.children.borrow();
    let last = children.iter().rposition(|child| match &child.data {
        NodeData::Text { contents } => !contents.borrow().trim().is_empty(),
        NodeData::Comment { .. } => false,
        _ => true,
    });
    let mut out = String::new();
    for (i, child) in children.iter().enumerate() {
        let is_link = matches!(&child.data, NodeData::Element { name, .. } if &*name.local == "p")
            && link_paragraph(child).is_some();
        if Some(i) == last && is_link && i > 0 {
            continue;
        }
        collect_text(child, &mut out);
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An era as the summary lists it: `Reconstruction (1865 – 1877)`.
pub fn era_line(era: &Slide) -> String {
    let date = |d: &Option<DateParts>| d.as_ref().map(|d| d.year.to_string());
    let headline = plain_text(&era.headline);
    let name = if headline.is_empty() {
        era.origin.to_string()
    } else {
        format!("\"{headline}\"")
    };
    match (date(&era.start), date(&era.end)) {
        (Some(a), Some(b)) if a != b => format!("{name} ({a}–{b})"),
        (Some(a), _) => format!("{name} ({a})"),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(
        year: i64,
        month: Option<u32>,
        day: Option<u32>,
        time: Option<(u32, u32)>,
    ) -> DateParts {
        DateParts {
            year,
            month,
            day,
            hour: time.map(|t| t.0),
            minute: time.map(|t| t.1),
            ..DateParts::default()
        }
    }

    #[test]
    fn writes_dates_at_the_precision_given() {
        let row = Origin::Row(2);
        assert_eq!(
            date_text(&parts(2019, None, None, None), &row, false).unwrap(),
            "2019"
        );
        assert_eq!(
            date_text(&parts(2019, Some(3), None, None), &row, false).unwrap(),
            "2019-03"
        );
        assert_eq!(
            date_text(&parts(2019, Some(3), Some(9), None), &row, false).unwrap(),
            "2019-03-09"
        );
        assert_eq!(
            date_text(&parts(2019, Some(3), Some(9), Some((7, 5))), &row, false).unwrap(),
            "2019-03-09T07:05"
        );
        let seconds = DateParts {
            second: Some(30),
            ..parts(2019, Some(3), Some(9), Some((7, 5)))
        };
        assert_eq!(
            date_text(&seconds, &row, false).unwrap(),
            "2019-03-09T07:05:30"
        );
        assert_eq!(
            date_text(&parts(44, None, None, None), &row, false).unwrap(),
            "0044"
        );
    }

    #[test]
    fn names_the_column_or_field_of_a_bad_date() {
        let line = |parts: DateParts, origin: Origin, end: bool| {
            date_text(&parts, &origin, end)
                .unwrap_err()
                .line(matches!(origin, Origin::Row(_)))
        };
        assert_eq!(
            line(parts(2019, Some(13), None, None), Origin::Row(4), false),
            "row 4, column Month: there is no month 13"
        );
        assert_eq!(
            line(parts(2019, Some(2), Some(30), None), Origin::Row(4), true),
            "row 4, column End Day: there is no day 30 in February 2019: it has 28 days"
        );
        assert_eq!(
            line(parts(0, None, None, None), Origin::Row(5), false),
            "row 5, column Year: there is no year 0"
        );
        assert_eq!(
            line(
                parts(-44, None, None, None),
                Origin::Event(2, "Caesar".into()),
                false
            ),
            "events[2] (\"Caesar\"), start_date.year: the year -44 is before year 1"
        );
        assert_eq!(
            line(parts(2019, None, Some(3), None), Origin::Row(6), false),
            "row 6, column Month: a day or time without a month"
        );
    }

    #[test]
    fn a_coarser_end_is_an_error_only_in_the_start_period() {
        let slide = |end: DateParts| Slide {
            origin: Origin::Row(7),
            start: Some(parts(2024, Some(3), Some(5), None)),
            end: Some(end),
            ..Slide::default()
        };
        let same = dates(&slide(parts(2024, None, None, None)), chrono_tz::UTC).err();
        assert_eq!(
            same.unwrap()
                .iter()
                .map(|p| p.line(true))
                .collect::<Vec<_>>(),
            [
                "row 7, column End Year: the end (2024) is less precise than the start (2024-03-05) and names the period it starts in"
            ]
        );
        let later = dates(&slide(parts(2025, None, None, None)), chrono_tz::UTC);
        assert_eq!(
            later
                .ok()
                .and_then(|(_, end)| end)
                .map(|e| e.text)
                .as_deref(),
            Some("2025")
        );
        let month = dates(&slide(parts(2024, Some(4), None, None)), chrono_tz::UTC);
        assert_eq!(
            month
                .ok()
                .and_then(|(_, end)| end)
                .map(|e| e.text)
                .as_deref(),
            Some("2024-04")
        );
    }

    #[test]
    fn html_becomes_plain_text_or_markdown() {
        assert_eq!(
            plain_text("Gas &amp; <b>fire</b>&nbsp;at <i>Kerman</i>"),
            "Gas & fire at Kerman"
        );
        assert_eq!(plain_text("<p>One</p><p>Two</p>"), "One Two");
        assert_eq!(plain_text("Plain  text"), "Plain text");
        let mut notes = Notes::default();
        let origin = Origin::Row(2);
        assert_eq!(
            html_to_markdown(
                "<p>A <b>bold</b> <a href=\"https://x.org/a\">link</a>.</p><ul><li>one</li><li>two</li></ul>",
                &origin,
                &mut notes
            ),
            "A **bold** [link](https://x.org/a).\n\n*   one\n*   two"
        );
        assert_eq!(
            html_to_markdown("No *tags* here", &origin, &mut notes),
            "No \\*tags\\* here"
        );
        assert_eq!(
            html_to_markdown(
                "<p>See <a href=\"/about/\">our page</a></p>",
                &origin,
                &mut notes
            ),
            "See our page"
        );
        assert_eq!(notes.relative_links, [(origin, "/about/".to_owned())]);
    }

    #[test]
    fn plain_text_shows_as_written() {
        let mut notes = Notes::default();
        let origin = Origin::Row(2);
        let markdown = |text: &str, notes: &mut Notes| html_to_markdown(text, &origin, notes);
        assert_eq!(markdown("# Not a heading", &mut notes), "\\# Not a heading");
        assert_eq!(
            markdown("---\r\ntitle: x\r\n===", &mut notes),
            "\\---\ntitle: x\n\\==="
        );
        assert_eq!(markdown("*Breaking*", &mut notes), "\\*Breaking\\*");
        assert_eq!(markdown("_Breaking_", &mut notes), "\\_Breaking\\_");
        assert_eq!(
            markdown("1. First\n2) Second\n2024. A year", &mut notes),
            "1\\. First\n2\\) Second\n2024\\. A year"
        );
        assert_eq!(
            markdown("> quote\n- dash\n+ plus\n    code", &mut notes),
            "\\> quote\n\\- dash\n\\+ plus\ncode"
        );
        assert_eq!(
            markdown("[link](x) `code` ~~gone~~ a|b \\ 2.5 - 3 # 4", &mut notes),
            "\\[link\\](x) \\`code\\` \\~\\~gone\\~\\~ a\\|b \\\\ 2.5 - 3 # 4"
        );
        assert_eq!(
            markdown("Line one\r\nLine two\rthree", &mut notes),
            "Line one\nLine two\nthree"
        );
        // What HTML becomes is escaped by htmd already.
        assert_eq!(markdown("<p>*Breaking*</p>", &mut notes), "\\*Breaking\\*");
    }

    #[test]
    fn frames_scripts_and_tables_in_html() {
        let mut notes = Notes::default();
        let origin = Origin::Row(3);
        assert_eq!(
            html_to_markdown(
                "<p>Before</p><iframe src=\"//www.youtube.com/embed/abc\"></iframe><script>alert('x')</script><style>p{color:red}</style><noscript>Enable it</noscript><p>After <a href=\"//cdn.example.org/x\">x</a></p>",
                &origin,
                &mut notes
            ),
            "Before\n\n<https://www.youtube.com/embed/abc>\n\nAfter [x](https://cdn.example.org/x)"
        );
        assert_eq!(
            notes.frames,
            [(
                origin.clone(),
                "https://www.youtube.com/embed/abc".to_owned()
            )]
        );
        // A frame without an absolute address shows nothing the site can link to.
        assert_eq!(
            html_to_markdown("<iframe src=\"map.html\"></iframe>", &origin, &mut notes),
            ""
        );
        assert_eq!(notes.frames.len(), 1);
        assert_eq!(
            html_to_markdown(
                "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
                &origin,
                &mut notes
            ),
            "| A | B |\n| - | - |\n| 1 | 2 |"
        );
        assert!(notes.tables.is_empty());
        assert_eq!(
            html_to_markdown(
                "<table><tr><td>1</td><td>2</td></tr></table>",
                &origin,
                &mut notes
            ),
            "1\n\n2"
        );
        assert_eq!(notes.tables, [origin]);
        assert_eq!(
            plain_text("A<script>x()</script> B<style>p{}</style>"),
            "A B"
        );
    }

    #[test]
    fn embed_html_keeps_its_first_address() {
        assert_eq!(
            embed_address(
                "<blockquote class=\"twitter-tweet\"><p>Hi</p>&mdash; AFP <a href=\"https://twitter.com/AFP/status/1742555555555555555?ref_src=twsrc%5Etfw\">January 3, 2024</a></blockquote>"
            )
            .as_deref(),
            Some("https://twitter.com/AFP/status/1742555555555555555?ref_src=twsrc%5Etfw")
        );
        assert_eq!(
            embed_address("<iframe width=\"560\" src=\"//www.youtube.com/embed/abc\"></iframe>")
                .as_deref(),
            Some("https://www.youtube.com/embed/abc")
        );
        assert_eq!(
            embed_address("<div><a href=\"#top\">x</a><img src=\"https://x.org/a.png\"></div>")
                .as_deref(),
            Some("https://x.org/a.png")
        );
        assert_eq!(embed_address("<blockquote>No address</blockquote>"), None);
    }

    #[test]
    fn the_title_slides_last_link_is_not_description() {
        let slide = |text: &str| Slide {
            headline: "Kerman".into(),
            text: text.into(),
            ..Slide::default()
        };
        assert_eq!(
            title(&slide(
                "<p>A sourced timeline.</p><p><a href=\"https://x.org/\">The full timeline, with sources</a></p>"
            )),
            (Some("Kerman".into()), Some("A sourced timeline.".into()))
        );
        assert_eq!(
            title(&slide(
                "<p>A sourced timeline.</p><p><a href=\"/\">The full timeline</a></p>"
            ))
            .1,
            Some("A sourced timeline.".into())
        );
        // A link within the text, or a text that is only a link, is kept.
        assert_eq!(
            title(&slide(
                "<p>Read <a href=\"https://x.org/\">our report</a>.</p>"
            ))
            .1,
            Some("Read our report.".into())
        );
        assert_eq!(
            title(&slide("<p><a href=\"https://x.org/\">Our report</a></p>")).1,
            Some("Our report".into())
        );
        assert_eq!(title(&slide("Plain words")).1, Some("Plain words".into()));
    }

    #[test]
    fn finds_the_zones_a_display_date_names() {
        assert_eq!(
            zones_named("3 January 2024, 14:50 IRST"),
            [("IRST".to_owned(), None)]
        );
        assert_eq!(
            zones_named("5 November 2023, 09:15 (-05:00)"),
            [("-05:00".to_owned(), Some(-18000))]
        );
        assert_eq!(
            zones_named("14:50 UTC, 15:00 GMT+3:30, 16:00 +0100"),
            [
                ("UTC".to_owned(), Some(0)),
                ("GMT+3:30".to_owned(), Some(12600)),
                ("+0100".to_owned(), Some(3600)),
            ]
        );
        // Not zones: a span of years, AM and PM, other capitals.
        assert_eq!(zones_named("2020-2021, 9 AM, AFP, US, 1 -2021"), []);
    }

    #[test]
    fn warns_of_a_display_date_in_another_zone() {
        let slide = |display: &str| Slide {
            display_date: Some(display.into()),
            ..Slide::default()
        };
        let at = |text: &str, zone: Tz| Moment::parse(text, Some(zone), None).unwrap();
        let tehran: Tz = "Asia/Tehran".parse().unwrap();
        let utc = at("2024-01-03T14:50", chrono_tz::UTC);
        assert_eq!(
            other_zone(&slide("3 January 2024, 14:50 IRST"), &utc, None).as_deref(),
            Some("IRST")
        );
        assert_eq!(
            other_zone(
                &slide("3 January 2024, 14:50 IRST"),
                &at("2024-01-03T14:50", tehran),
                None
            ),
            None
        );
        assert_eq!(
            other_zone(
                &slide("14:50 (+03:30)"),
                &at("2024-01-03T14:50", tehran),
                None
            ),
            None
        );
        assert_eq!(other_zone(&slide("14:50 GMT"), &utc, None), None);
        assert_eq!(
            other_zone(&slide("14:50 (-05:00)"), &utc, None).as_deref(),
            Some("-05:00")
        );
        // A date without a time is on no clock.
        assert_eq!(
            other_zone(
                &slide("3 January 2024 IRST"),
                &at("2024-01-03", tehran),
                None
            ),
            None
        );
    }

    #[test]
    fn other_media_become_a_link() {
        let media = |caption: Option<&str>, credit: Option<&str>| Media {
            url: "https://youtu.be/x".into(),
            caption: caption.map(Into::into),
            credit: credit.map(Into::into),
            ..Media::default()
        };
        assert_eq!(
            media_link(
                "https://youtu.be/x",
                &media(Some("The <b>river</b> [live]"), Some("TV"))
            ),
            "[The river \\[live\\]](<https://youtu.be/x>) (TV)"
        );
        assert_eq!(
            media_link(
                "https://youtu.be/x",
                &media(None, Some("<a href=\"https://tv.example\">TV</a>"))
            ),
            "<https://youtu.be/x> (TV)"
        );
        assert_eq!(
            media_link(
                "https://youtu.be/x",
                &media(Some("*Live* from_the river"), Some("- TV"))
            ),
            "[\\*Live\\* from\\_the river](<https://youtu.be/x>) (\\- TV)"
        );
    }

    #[test]
    fn media_are_images_by_extension_and_static_files_by_path() {
        let dates = DateStyle::new("en", crate::i18n::dates::Calendar::Gregorian);
        let is_static = |path: &str| path == "images/dam.png";
        let settings = Settings {
            zone: chrono_tz::UTC,
            zone_per_event: false,
            dates: &dates,
            is_static: &is_static,
        };
        let kind = |url: &str| {
            let media = Media {
                url: url.into(),
                ..Media::default()
            };
            media_kind(&media, &settings).map_err(|p| p.0)
        };
        assert_eq!(
            kind("https://x.org/a.JPG?w=2"),
            Ok(MediaKind::Image("https://x.org/a.JPG?w=2".into()))
        );
        assert_eq!(
            kind("https://www.youtube.com/watch?v=x"),
            Ok(MediaKind::Link("https://www.youtube.com/watch?v=x".into()))
        );
        assert_eq!(
            kind("/images/dam.png"),
            Ok(MediaKind::Image("/images/dam.png".into()))
        );
        assert_eq!(
            kind("images/gone.png"),
            Err("the image `images/gone.png` is not in the site's static/ folder".into())
        );
        assert_eq!(
            kind("<blockquote>x</blockquote>"),
            Ok(MediaKind::Embed("<blockquote>x</blockquote>".into()))
        );
        assert_eq!(
            kind("//cdn.example.org/a.jpg"),
            Ok(MediaKind::Image("https://cdn.example.org/a.jpg".into()))
        );
        assert_eq!(
            kind("//vimeo.com/1"),
            Ok(MediaKind::Link("https://vimeo.com/1".into()))
        );
    }
}
