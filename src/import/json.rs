//! A TimelineJS3 JSON file read into a [`Timeline`].
//!
//! Read from a `serde_json::Value` rather than typed structs, so each value that
//! cannot be read is reported with its place (`events[3] ("Flood"),
//! start_date.month`) and reading goes on. Numbers are taken as numbers or as
//! strings of digits (`"year": "2012"`), as the viewer takes them, and an empty
//! string is no value. Fields the viewer has and dateline does not (`autolink`,
//! `background`, a media's `link` …) are not errors.

use serde_json::Value;

use super::{DateParts, Media, Origin, Problem, Slide, Timeline};

/// Reads the text of a TimelineJS3 JSON file: the slides that could be read, and
/// every problem met (the slides with one left out).
pub fn read(text: &str) -> (Timeline, Vec<Problem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(e) => {
            return (
                Timeline::default(),
                vec![Problem::file(
                    format!("the file is not JSON: {e}"),
                    Some("a TimelineJS3 JSON file is one object with an `events` list".into()),
                )],
            );
        }
    };
    let Some(root) = root.as_object() else {
        return (
            Timeline::default(),
            vec![Problem::file(
                "the file is not a TimelineJS3 timeline: it is not a JSON object",
                Some("a TimelineJS3 JSON file is one object with an `events` list".into()),
            )],
        );
    };
    let mut problems = Vec::new();
    if let Some(scale) = root.get("scale").and_then(Value::as_str)
        && scale != "human"
    {
        problems.push(Problem::file(
            format!("the timeline's scale is `{scale}`"),
            Some("dateline's years run from 1 to 9999 (the `human` scale)".into()),
        ));
    }
    let mut timeline = Timeline::default();
    match root.get("events") {
        Some(Value::Array(events)) => {
            for (index, event) in events.iter().enumerate() {
                let headline = event
                    .pointer("/text/headline")
                    .and_then(Value::as_str)
                    .map(super::mapping::plain_text)
                    .unwrap_or_default();
                let origin = Origin::Event(index, headline);
                if let Some(slide) = slide(event, &origin, true, &mut problems) {
                    timeline.events.push(slide);
                }
            }
        }
        _ => problems.push(Problem::file(
            "the file has no `events` list",
            Some("a TimelineJS3 JSON file is one object with an `events` list".into()),
        )),
    }
    if let Some(title) = root.get("title").filter(|t| !t.is_null()) {
        timeline.title = slide(title, &Origin::Title, false, &mut problems);
    }
    if let Some(Value::Array(eras)) = root.get("eras") {
        for (index, era) in eras.iter().enumerate() {
            // Eras are listed, not imported: one that cannot be read is no reason
            // to refuse the import, and is listed by its place.
            let origin = Origin::Era(index);
            let era = slide(era, &origin, false, &mut Vec::new());
            timeline.eras.push(era.unwrap_or(Slide {
                origin,
                ..Slide::default()
            }));
        }
    }
    (timeline, problems)
}

/// One slide object; `dated` when it must have a `start_date`.
fn slide(
    value: &Value,
    origin: &Origin,
    dated: bool,
    problems: &mut Vec<Problem>,
) -> Option<Slide> {
    let Some(object) = value.as_object() else {
        problems.push(Problem {
            origin: Some(origin.clone()),
            field: None,
            message: "not a slide object".into(),
            help: Some("each slide is an object with `start_date` and `text`".into()),
        });
        return None;
    };
    let before = problems.len();
    let start = match object.get("start_date").filter(|d| !d.is_null()) {
        Some(date_value) => date(date_value, origin, "start_date", problems),
        None if dated => {
            problems.push(Problem::at(
                origin,
                "start_date",
                "the slide has no start date",
                "give it a `start_date` with at least a `year`",
            ));
            None
        }
        None => None,
    };
    let end = object
        .get("end_date")
        .filter(|d| !d.is_null())
        .and_then(|d| date(d, origin, "end_date", problems));
    let mut string = |path: &str| text(value, path, origin, problems);
    let headline = string("/text/headline").unwrap_or_default();
    let body = string("/text/text").unwrap_or_default();
    let display_date = string("/display_date");
    let group = string("/group");
    let unique_id = string("/unique_id");
    let media = string("/media/url").map(|url| Media {
        url,
        caption: string("/media/caption"),
        credit: string("/media/credit"),
        thumbnail: string("/media/thumbnail"),
        alt: string("/media/alt"),
    });
    let background = object
        .get("background")
        .and_then(Value::as_object)
        .is_some_and(|b| !b.is_empty());
    if problems.len() > before {
        return None;
    }
    Some(Slide {
        origin: origin.clone(),
        start,
        end,
        display_date,
        headline,
        text: body,
        media,
        group,
        unique_id,
        background,
    })
}

/// The string at JSON pointer `path` of a slide, trimmed: `None` when absent,
/// `null` or empty; a number is taken as its digits; anything else is a problem.
fn text(value: &Value, path: &str, origin: &Origin, problems: &mut Vec<Problem>) -> Option<String> {
    match value.pointer(path)? {
        Value::Null => None,
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => {
            problems.push(Problem::at(
                origin,
                field_name(path),
                "not a string",
                "write it as a JSON string",
            ));
            None
        }
    }
}

/// `/text/headline` → `text.headline`.
fn field_name(path: &str) -> String {
    path.trim_start_matches('/').replace('/', ".")
}

/// A whole number written as a decimal (`2024.0`, as spreadsheets export numbers):
/// the viewer reads it with `parseInt`.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 1e15).then_some(n as i64)
}

/// A date object at `field` (`start_date`, `end_date`).
fn date(
    value: &Value,
    origin: &Origin,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Option<DateParts> {
    let before = problems.len();
    let mut number = |part: &str, example: &str| -> Option<i64> {
        let found = value.get(part)?;
        let n = match found {
            Value::Null => return None,
            Value::String(s) if s.trim().is_empty() => return None,
            Value::Number(n) => n.as_i64().or_else(|| whole(n.as_f64()?)),
            Value::String(s) => {
                let s = s.trim();
                s.parse::<i64>().ok().or_else(|| whole(s.parse().ok()?))
            }
            _ => None,
        };
        if n.is_none() {
            problems.push(Problem::at(
                origin,
                format!("{field}.{part}"),
                format!("`{found}` is not a whole number"),
                format!("write `{part}` as a number: `\"{part}\": {example}`"),
            ));
        }
        n
    };
    let year = number("year", "2024");
    let [month, day, hour, minute, second] = [
        ("month", "3"),
        ("day", "15"),
        ("hour", "14"),
        ("minute", "50"),
        ("second", "30"),
    ]
    .map(|(part, example)| number(part, example));
    // A value no date part can have is reported here, as written; the mapping
    // checks the others.
    let mut part = |name: &str, n: Option<i64>| -> Option<u32> {
        let n = n?;
        u32::try_from(n)
            .map_err(|_| {
                let (message, help) = match name {
                    "month" => (format!("there is no month {n}"), "months run from 1 to 12"),
                    "day" => (format!("there is no day {n}"), "check the day of the month"),
                    "hour" => (
                        format!("the hour {n} is out of range"),
                        "the hour runs from 0 to 23",
                    ),
                    "minute" => (
                        format!("the minute {n} is out of range"),
                        "the minute runs from 0 to 59",
                    ),
                    _ => (
                        format!("the second {n} is out of range"),
                        "the second runs from 0 to 59",
                    ),
                };
                problems.push(Problem::at(
                    origin,
                    format!("{field}.{name}"),
                    message,
                    help,
                ));
            })
            .ok()
    };
    let (month, day, hour, minute, second) = (
        part("month", month),
        part("day", day),
        part("hour", hour),
        part("minute", minute),
        part("second", second),
    );
    let display_date = text(value, "/display_date", origin, problems);
    if problems.len() > before {
        return None;
    }
    let Some(year) = year else {
        problems.push(Problem::at(
            origin,
            format!("{field}.year"),
            "the date has no year",
            "every TimelineJS date has a `year`",
        ));
        return None;
    };
    Some(DateParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        display_date,
        offset: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_digit_strings() {
        let (timeline, problems) = read(
            r#"{"title": {"text": {"headline": "T", "text": "<p>D</p>"}},
                "events": [{"start_date": {"year": "2012", "month": 3, "day": ""},
                            "text": {"headline": "A <b>year</b>"},
                            "media": {"url": "https://x.org/a.jpg", "credit": "AP"},
                            "group": "G", "unique_id": "a-1"}],
                "eras": [{"start_date": {"year": 2000}, "end_date": {"year": 2001},
                          "text": {"headline": "Era"}}]}"#,
        );
        assert_eq!(problems, []);
        let event = &timeline.events[0];
        assert_eq!(event.origin, Origin::Event(0, "A year".into()));
        assert_eq!(
            event.start,
            Some(DateParts {
                year: 2012,
                month: Some(3),
                ..DateParts::default()
            })
        );
        assert_eq!(event.media.as_ref().unwrap().credit.as_deref(), Some("AP"));
        assert_eq!(event.unique_id.as_deref(), Some("a-1"));
        assert_eq!(timeline.title.unwrap().text, "<p>D</p>");
        assert_eq!(timeline.eras.len(), 1);
    }

    #[test]
    fn reports_each_bad_value_with_its_event_and_field() {
        let (_, problems) = read(
            r#"{"events": [{"start_date": {"year": 2012, "month": "May"}, "text": {"headline": "Flood"}},
                           {"text": {"headline": "No date"}},
                           {"start_date": {"month": 1}, "text": {"headline": 5, "text": ["x"]}}]}"#,
        );
        let lines: Vec<String> = problems.iter().map(|p| p.line(false)).collect();
        assert_eq!(
            lines,
            [
                "events[0] (\"Flood\"), start_date.month: `\"May\"` is not a whole number",
                "events[1] (\"No date\"), start_date: the slide has no start date",
                "events[2], start_date.year: the date has no year",
                "events[2], text.text: not a string",
            ]
        );
    }

    #[test]
    fn reports_values_as_written_and_reads_whole_decimals() {
        let (timeline, problems) = read(
            r#"{"events": [{"start_date": {"year": 2024, "month": -1}, "text": {"headline": "A"}},
                           {"start_date": {"year": 2024, "month": 3, "day": -40, "hour": -2}, "text": {"headline": "B"}},
                           {"start_date": {"year": 2024.0, "month": "3.0", "day": 1.0}, "text": {"headline": "C"}},
                           {"start_date": {"year": 2024.5}, "text": {"headline": "D"}}]}"#,
        );
        let lines: Vec<String> = problems.iter().map(|p| p.line(false)).collect();
        assert_eq!(
            lines,
            [
                "events[0] (\"A\"), start_date.month: there is no month -1",
                "events[1] (\"B\"), start_date.day: there is no day -40",
                "events[1] (\"B\"), start_date.hour: the hour -2 is out of range",
                "events[3] (\"D\"), start_date.year: `2024.5` is not a whole number",
            ]
        );
        assert_eq!(
            problems[3].help.as_deref(),
            Some("write `year` as a number: `\"year\": 2024`")
        );
        assert_eq!(
            timeline.events[0].start,
            Some(DateParts {
                year: 2024,
                month: Some(3),
                day: Some(1),
                ..DateParts::default()
            })
        );
    }

    #[test]
    fn refuses_what_is_not_a_timeline() {
        let lines =
            |text: &str| -> Vec<String> { read(text).1.iter().map(|p| p.line(false)).collect() };
        assert_eq!(
            lines("[1]"),
            ["the file is not a TimelineJS3 timeline: it is not a JSON object"]
        );
        assert_eq!(lines("{}"), ["the file has no `events` list"]);
        assert_eq!(
            lines(r#"{"scale": "cosmological", "events": []}"#),
            ["the timeline's scale is `cosmological`"]
        );
    }
}
