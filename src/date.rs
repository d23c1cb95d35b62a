//! Dates with a precision: what an editor wrote, never more.
//!
//! A `Moment` remembers whether it was written as a year, a month, a day or a minute,
//! which wall-clock time and zone it was written in, and the instant it sorts at. This
//! module parses and formats; it does not know about events or files — callers turn a
//! [`DateError`] into a diagnostic with a position.

use std::cmp::Ordering;
use std::fmt::Write as _;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Timelike,
};
use chrono_tz::{OffsetName, Tz};

/// How much of a date the editor wrote. Ordered from coarse to fine, which is also the
/// tie-break order on the timeline: "2024" sorts before "2024-01-01".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `2024`.
    Year,
    /// `2024-01`.
    Month,
    /// `2024-01-03`.
    Day,
    /// `2024-01-03T14:50`, with an offset or read in a zone. Seconds may be written;
    /// only [`Moment::rfc3339`] shows them.
    Minute,
}

/// A parsed date. `local` is the wall-clock reading shown to readers (for coarse
/// precisions, the first instant of the period); `instant` is the UTC second it sorts at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Moment {
    /// How much of the date was written.
    pub precision: Precision,
    /// The wall-clock date and time shown to readers: in `zone` when there is one (a
    /// time written with an offset is converted into it), else as written; for
    /// coarser precisions, midnight on the first day of the period.
    pub local: NaiveDateTime,
    /// The UTC offset in force at `local` (minute precision only).
    pub offset: Option<FixedOffset>,
    /// The zone `local` is shown in (minute precision only).
    pub zone: Option<Tz>,
    /// Seconds since the Unix epoch (UTC) it sorts at; for coarser precisions, `local`
    /// read as UTC.
    pub instant: i64,
}

/// Why a date could not be read, with a hint on how to write it instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, quoting the text:
    /// `` `2024-13` is not a date: there is no month 13 ``.
    pub message: String,
    /// How to write it instead.
    pub help: Option<String>,
}

impl DateError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

const FORMATS_HELP: &str =
    "write `2024`, `2024-01`, `2024-01-03`, `2024-01-03T14:50` or `2024-01-03T14:50+03:30`";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month 1–12.
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

impl Moment {
    /// Parses `text` as written in front matter. `zone` is the zone a time without an
    /// offset is read in (the event's `timezone`, else the site's), and the zone a time
    /// with an offset is shown in when the event names one (`display_zone`).
    pub fn parse(
        text: &str,
        zone: Option<Tz>,
        display_zone: Option<Tz>,
    ) -> Result<Moment, DateError> {
        let text = text.trim();
        let (date_part, time_part) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(text[i + 1..].trim_start())),
            None => (text, None),
        };
        let fields: Vec<&str> = date_part.split('-').collect();
        let well_formed = !fields.is_empty()
            && fields.len() <= 3
            && fields[0].len() == 4
            && fields[1..].iter().all(|f| f.len() == 2)
            && fields.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(DateError::new(
                format!("`{text}` is not a date"),
                FORMATS_HELP,
            ));
        }
        let num = |i: usize| fields.get(i).map(|f| f.parse::<u32>().unwrap_or(0));
        let year = num(0).unwrap_or(0) as i32;
        if year == 0 {
            return Err(DateError::new(
                format!("`{text}` is not a date: there is no year 0"),
                FORMATS_HELP,
            ));
        }
        let month = num(1);
        let day = num(2);
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::new(
                format!("`{text}` is not a date: there is no month {m}"),
                "months run from 01 to 12",
            ));
        }
        let first_day = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
            .ok_or_else(|| {
                let m = month.unwrap_or(1);
                DateError::new(
                    format!(
                        "`{text}` is not a date: {} {year} has {} days",
                        month_name(m),
                        days_in_month(year, m)
                    ),
                    "check the day of the month",
                )
            })?;
        let precision = match (month, day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        };
        match time_part {
            None => {
                let local = first_day.and_time(NaiveTime::MIN);
                Ok(Moment {
                    precision,
                    local,
                    offset: None,
                    zone: None,
                    instant: local.and_utc().timestamp(),
                })
            }
            Some(_) if precision != Precision::Day => Err(DateError::new(
                format!("`{text}` has a time but no day"),
                "a time needs a full date: `2024-01-03T14:50`",
            )),
            Some(time) => parse_time(text, first_day, time, zone, display_zone),
        }
    }

    /// The calendar date as written (in the zone it is shown in).
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// Whether `end` (of a span starting here) comes before this moment: compared as
    /// calendar dates when either is coarser than a minute, as instants otherwise.
    pub fn ends_before(&self, end: &Moment) -> bool {
        if self.precision == Precision::Minute && end.precision == Precision::Minute {
            return end.instant < self.instant;
        }
        let coarsest = self.precision.min(end.precision);
        truncate(self.local.date(), coarsest) > truncate(end.local.date(), coarsest)
    }

    /// Whether `end` (of a span starting here) is less precise than this moment and
    /// names the period it falls in (`2024` for `2024-01-05`): such a span can only
    /// mean the same period or an earlier one, which no editor means.
    pub fn end_is_coarser(&self, end: &Moment) -> bool {
        end.precision < self.precision
            && truncate(self.local.date(), end.precision)
                == truncate(end.local.date(), end.precision)
    }

    /// The last calendar date the moment can mean, in the zone it is shown in:
    /// 31 December for a year, the month's last day for a month, else its own date.
    pub fn last_date(&self) -> NaiveDate {
        let d = self.local.date();
        let last = match self.precision {
            Precision::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31),
            Precision::Month => d.with_day(days_in_month(d.year(), d.month())),
            Precision::Day | Precision::Minute => Some(d),
        };
        last.unwrap_or(d)
    }

    /// Orders moments by earliest instant, then coarser precision first.
    pub fn timeline_cmp(&self, other: &Moment) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then(self.precision.cmp(&other.precision))
    }

    /// When something dated `self` and revised at `updated` last changed, for the
    /// timestamps machines read (`dateModified`, Atom `<updated>`, `<lastmod>`): the
    /// later of the two instants. A coarser `updated` reads as the first moment of
    /// its period, so `updated: 2024-03-05` for a `date` of `2024-03-05T14:50` would
    /// read as hours before the event; the event's own time is given instead. A
    /// modified time is never before the published one.
    pub fn modified_at<'a>(&'a self, updated: Option<&'a Moment>) -> &'a Moment {
        match updated {
            Some(updated) if updated.instant >= self.instant => updated,
            _ => self,
        }
    }

    /// Human reading in English: `2024`, `January 2024`, `3 January 2024`,
    /// `3 January 2024, 14:50 IRST`.
    pub fn display(&self) -> String {
        let mut out = self.display_date();
        if self.precision == Precision::Minute {
            let _ = write!(out, ", {}", self.display_time());
        }
        out
    }

    fn display_date(&self) -> String {
        let d = self.local.date();
        let month = month_name(d.month());
        match self.precision {
            Precision::Year => d.year().to_string(),
            Precision::Month => format!("{month} {}", d.year()),
            Precision::Day | Precision::Minute => format!("{} {month} {}", d.day(), d.year()),
        }
    }

    fn display_time(&self) -> String {
        let hm = format!("{:02}:{:02}", self.local.hour(), self.local.minute());
        let label = self.zone_label();
        if label.is_empty() {
            hm
        } else {
            format!("{hm} {label}")
        }
    }

    /// What follows the time of day to say which clock it is on: the zone's
    /// abbreviation (`IRST`, `CET`) or its offset when it has none (`+0330`), `(UTC)`
    /// or `(+03:30)` for a time written with an offset and no zone; empty for a
    /// coarser date or a time with neither.
    pub fn zone_label(&self) -> String {
        match (self.zone, self.offset) {
            (Some(zone), Some(offset)) => zone_label(zone, offset, self.instant),
            (None, Some(offset)) if offset.local_minus_utc() == 0 => "(UTC)".to_owned(),
            (None, Some(offset)) => format!("({})", format_offset(offset)),
            _ => String::new(),
        }
    }

    /// Machine reading for `<time datetime>` and feeds: as precise as written.
    pub fn machine(&self) -> String {
        let d = self.local.date();
        match self.precision {
            Precision::Year => format!("{:04}", d.year()),
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Day => d.format("%Y-%m-%d").to_string(),
            Precision::Minute => {
                let offset = self.offset.map(format_offset).unwrap_or_default();
                format!("{}{offset}", self.local.format("%Y-%m-%dT%H:%M"))
            }
        }
    }

    /// A full RFC 3339 timestamp, for feeds, sitemaps and metadata: the time as
    /// written with its offset; for a coarser date (or a time without a zone), the
    /// start of the period as written, in UTC, so a feed reader shows the date the
    /// editor wrote. Derived from the content alone, so builds stay reproducible.
    pub fn rfc3339(&self) -> String {
        let local = self.local.format("%Y-%m-%dT%H:%M:%S");
        match (self.precision, self.offset) {
            (Precision::Minute, Some(offset)) => format!("{local}{}", format_offset(offset)),
            _ => format!("{local}Z"),
        }
    }

    /// Human reading of a span from `self` to `end`, sharing what the two have in
    /// common: `4–7 January 2020`, `30 January – 2 February 2020`.
    pub fn display_span(&self, end: &Moment) -> String {
        let (a, b) = (self.local.date(), end.local.date());
        if self.display() == end.display() {
            return self.display();
        }
        let both_days = self.precision == Precision::Day && end.precision == Precision::Day;
        if both_days && a.year() == b.year() {
            if a.month() == b.month() {
                return format!(
                    "{}–{} {} {}",
                    a.day(),
                    b.day(),
                    month_name(a.month()),
                    a.year()
                );
            }
            return format!(
                "{} {} – {} {} {}",
                a.day(),
                month_name(a.month()),
                b.day(),
                month_name(b.month()),
                b.year()
            );
        }
        format!("{} – {}", self.display(), end.display())
    }

    /// This moment as a list shows it under headings that already say `known` of
    /// it: `3 January 2024` with nothing known, `3 January` under its year, `3`
    /// under its month, nothing under its day (only the time, if written). With
    /// `end`, a span: the end leaves out what the start or a heading says (`4–7`
    /// under January 2020), and what the headings say of the start is left out of
    /// the end only when the end shares it. With nothing known, the pieces read as
    /// [`Moment::display_span`] does.
    pub fn shown(&self, end: Option<&Moment>, known: Known) -> Shown {
        self.shown_with(end, known, Moment::display, Moment::part, "until ")
    }

    /// [`Moment::shown`] with another language's readings: `display` gives a full
    /// reading, `part` one without what the headings say (as [`Moment::shown`]
    /// leaves it out), and `until` goes before an end whose start the headings say
    /// all of. The pieces are chosen and joined as in English.
    pub fn shown_with(
        &self,
        end: Option<&Moment>,
        known: Known,
        display: impl Fn(&Moment) -> String,
        part: impl Fn(&Moment, Known) -> String,
        until: &'static str,
    ) -> Shown {
        let Some(end) = end.filter(|end| display(end) != display(self)) else {
            return Shown {
                start: part(self, known),
                to: "",
                end: None,
            };
        };
        let (a, b) = (self.local.date(), end.local.date());
        let shared = if a.year() != b.year() {
            Known::Nothing
        } else if a.month() != b.month() {
            Known::Year
        } else if a != b {
            Known::Month
        } else {
            Known::Day
        };
        let both_days = self.precision == Precision::Day && end.precision == Precision::Day;
        // Under a day's heading the end keeps its month: `until 7 January`.
        let cap = |k: Known| {
            if known == Known::Day {
                k.min(Known::Year)
            } else {
                k
            }
        };
        let (start, end_known) = if both_days && shared >= Known::Year {
            // `4–7 January 2020`, `30 January – 2 February 2020`: the start needs
            // no year, nor a month the end shows.
            let start = part(self, known.max(shared.min(Known::Month)));
            (start, cap(shared.min(known)))
        } else if known == Known::Nothing {
            (display(self), Known::Nothing)
        } else if shared == Known::Day {
            // Two times of one day: the end needs no date of its own.
            (part(self, known), Known::Day)
        } else {
            (part(self, known), cap(shared.min(known)))
        };
        let to = match (start.is_empty(), both_days && shared == Known::Month) {
            (true, _) => until,
            (false, true) => "–",
            (false, false) => " – ",
        };
        Shown {
            start,
            to,
            end: Some(part(end, end_known)),
        }
    }

    /// This moment without what `known` says of it: see [`Moment::shown`].
    fn part(&self, known: Known) -> String {
        let d = self.local.date();
        let month = month_name(d.month());
        let date = match (known, self.precision) {
            (Known::Nothing, _) => return self.display(),
            (Known::Year, Precision::Month) => month.to_owned(),
            (Known::Year, Precision::Day | Precision::Minute) => format!("{} {month}", d.day()),
            (Known::Month, Precision::Day | Precision::Minute) => d.day().to_string(),
            _ => String::new(),
        };
        match (self.precision, date.is_empty()) {
            (Precision::Minute, true) => self.display_time(),
            (Precision::Minute, false) => format!("{date}, {}", self.display_time()),
            _ => date,
        }
    }
}

/// What the headings above a list entry say of its date, which the entry then
/// leaves out: nothing, its year, its month (and year), or its day (on-this-day
/// pages, under the year). Ordered from nothing to the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Known {
    /// No heading says it: `3 January 2024`.
    Nothing,
    /// A heading gives the year: `3 January`.
    Year,
    /// Headings give the month and year: `3`.
    Month,
    /// Headings give the day: nothing, or the time.
    Day,
}

/// A date as a list shows it: see [`Moment::shown`]. Each end goes in a `<time>` of
/// its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Shown {
    /// The start: `4`, `3 January`, `14:50 IRST`; empty when the headings say it
    /// all.
    pub start: String,
    /// What goes between start and end: `–` between days of one month, ` – `
    /// otherwise, `until ` when the start is empty; empty without an end.
    pub to: &'static str,
    /// The end of a span, as much as the start and headings do not say: `7`,
    /// `2 February`, `2 January 2021`.
    pub end: Option<String>,
}

/// Where a date sorts on a timeline, among the other dates on it.
///
/// A time sorts at its instant, whatever the order. A date known only to a year,
/// month or day sorts, oldest first, at the first moment of its period in UTC, or at
/// the earliest date on the timeline within that period when that is earlier (a time
/// east of UTC early on 1 January is in the year, yet before its first UTC moment);
/// newest first, at the latest date within its period. Ties go to the coarser date.
/// So in either order a year, month or day heads the dates within it, as a heading
/// does: `2024` comes before every event of 2024 oldest first and newest first alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placing {
    earliest: i64,
    latest: i64,
    precision: Precision,
}

impl Placing {
    /// The placing of each of `dates` among them all, in the order given.
    pub fn of_all<'a>(dates: impl IntoIterator<Item = &'a Moment>) -> Vec<Placing> {
        let dates: Vec<&Moment> = dates.into_iter().collect();
        // The earliest and latest instant within each year, month and day that a
        // date falls in (as written, in the zone it is shown in). A date falls in the
        // periods at most as fine as its own precision: `2024` is in no month.
        let mut spans: std::collections::HashMap<(Precision, NaiveDate), (i64, i64)> =
            std::collections::HashMap::new();
        for date in &dates {
            for period in [Precision::Year, Precision::Month, Precision::Day] {
                if period > date.precision {
                    break;
                }
                let span = spans
                    .entry((period, truncate(date.date(), period)))
                    .or_insert((date.instant, date.instant));
                span.0 = span.0.min(date.instant);
                span.1 = span.1.max(date.instant);
            }
        }
        dates
            .iter()
            .map(|date| {
                let (earliest, latest) = match date.precision {
                    Precision::Minute => (date.instant, date.instant),
                    coarse => spans
                        .get(&(coarse, truncate(date.date(), coarse)))
                        .copied()
                        .unwrap_or((date.instant, date.instant)),
                };
                Placing {
                    earliest,
                    latest,
                    precision: date.precision,
                }
            })
            .collect()
    }

    /// Oldest first: by the earliest instant, then coarser first.
    pub fn oldest_first(&self, other: &Placing) -> Ordering {
        self.earliest
            .cmp(&other.earliest)
            .then(self.precision.cmp(&other.precision))
    }

    /// Newest first: by the latest instant, latest first, then coarser first.
    pub fn newest_first(&self, other: &Placing) -> Ordering {
        other
            .latest
            .cmp(&self.latest)
            .then(self.precision.cmp(&other.precision))
    }
}

fn parse_time(
    text: &str,
    day: NaiveDate,
    time: &str,
    zone: Option<Tz>,
    display_zone: Option<Tz>,
) -> Result<Moment, DateError> {
    let bad_time = || {
        DateError::new(
            format!("`{text}` has a time that cannot be read"),
            "write the time as `14:50`, optionally with an offset: `14:50+03:30` or `14:50Z`",
        )
    };
    let (clock, offset_text) = match time.find(['+', '-', 'Z', 'z']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let clock = clock.trim_end();
    let clock = NaiveTime::parse_from_str(clock, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M:%S%.f"))
        .map_err(|_| bad_time())?;
    // chrono reads `:60` as a leap second at any minute; feeds and most RFC 3339
    // readers cannot take one, and no editor means one.
    if clock.nanosecond() >= 1_000_000_000 {
        return Err(DateError::new(
            format!("`{text}` has 60 seconds"),
            "seconds run from 00 to 59; write the next minute, or leave the seconds out (`14:50`)",
        ));
    }
    let written = day.and_time(clock);
    match offset_text {
        Some(offset_text) => {
            let offset = parse_offset(offset_text).ok_or_else(bad_time)?;
            let at = offset
                .from_local_datetime(&written)
                .single()
                .ok_or_else(bad_time)?;
            Ok(match display_zone {
                Some(zone) => {
                    check_offset_in_zone(text, written, offset, zone, at.timestamp())?;
                    in_zone(at.with_timezone(&zone))
                }
                None => Moment {
                    precision: Precision::Minute,
                    local: written,
                    offset: Some(offset),
                    zone: None,
                    instant: at.timestamp(),
                },
            })
        }
        None => {
            let zone = zone.ok_or_else(|| {
                DateError::new(
                    format!("`{text}` has a time but no time zone"),
                    "add an offset (`2024-01-03T14:50+03:30`), a `timezone:` to this file, or `timezone` to dateline.toml",
                )
            })?;
            match zone.from_local_datetime(&written) {
                LocalResult::Single(at) => Ok(in_zone(at)),
                LocalResult::None => Err(skipped(text, written, zone)),
                LocalResult::Ambiguous(first, second) => {
                    Err(repeated(text, written, first, second))
                }
            }
        }
    }
}

/// A wall-clock time the clocks of `zone` skipped when they went forward: the error
/// names the change and the time a clock not yet put forward would have meant.
fn skipped(text: &str, written: NaiveDateTime, zone: Tz) -> DateError {
    let change = clock_change(zone, written);
    let (before, after) = (
        change.before.local_minus_utc(),
        change.after.local_minus_utc(),
    );
    let gap = TimeDelta::seconds(i64::from(after - before));
    let from = change.at.and_utc() + TimeDelta::seconds(i64::from(before));
    let changed = change.at.and_utc().timestamp();
    let (old, new) = (
        zone_label(zone, change.before, changed - 1),
        zone_label(zone, change.after, changed),
    );
    let message = format!(
        "`{text}` does not exist in {}: the clocks went forward {} at {} {old}, to {} {new}",
        zone.name(),
        duration_words(gap),
        from.format("%H:%M"),
        (from + gap).format("%H:%M"),
    );
    let later = written + gap;
    let help = format!(
        "write `{}` ({} {new}), the moment a clock not yet put forward showed {}; or check the time",
        later.format("%Y-%m-%dT%H:%M"),
        later.format("%H:%M"),
        written.format("%H:%M"),
    );
    DateError::new(message, help)
}

/// A wall-clock time `zone` went through twice when its clocks went back: the error
/// gives both readings, each with its offset and abbreviation, to choose from.
fn repeated(
    text: &str,
    written: NaiveDateTime,
    first: DateTime<Tz>,
    second: DateTime<Tz>,
) -> DateError {
    let zone = first.timezone();
    let reading = |at: &DateTime<Tz>| {
        let offset = at.offset().fix();
        (
            format!(
                "{}{}",
                written.format("%Y-%m-%dT%H:%M"),
                format_offset(offset)
            ),
            zone_label(zone, offset, at.timestamp()),
        )
    };
    let ((first_text, first_label), (second_text, second_label)) =
        (reading(&first), reading(&second));
    DateError::new(
        format!(
            "`{text}` happened twice in {}: the clocks went back",
            zone.name()
        ),
        format!(
            "write the offset you mean: `{first_text}` for the first {hm} ({first_label}) or `{second_text}` for the second, {} later ({second_label})",
            duration_words(second - first),
            hm = written.format("%H:%M"),
        ),
    )
}

/// An offset written with a time in an event that names its zone. Any offset is read
/// and the time shown in the zone, so times from wires in UTC or from other zones
/// show in the event's; but an offset the zone itself uses within half a year of the
/// time, and not at it (`-04:00`, EDT, for New York in January), is refused: it is a daylight-saving slip
/// far more often than another zone's time, and the page would show an hour the
/// editor did not write. UTC (`Z`, `+00:00`) is always a time in UTC.
fn check_offset_in_zone(
    text: &str,
    written: NaiveDateTime,
    offset: FixedOffset,
    zone: Tz,
    instant: i64,
) -> Result<(), DateError> {
    let offset_at = |instant: i64| {
        DateTime::from_timestamp(instant, 0)
            .map(|at| zone.offset_from_utc_datetime(&at.naive_utc()).fix())
    };
    let in_force = offset_at(instant).unwrap_or(offset);
    if in_force == offset || offset.local_minus_utc() == 0 {
        return Ok(());
    }
    // The offsets in force from half a year before to half a year after: a day
    // either side, for a time just across a change, then every month.
    const DAY: i64 = 86_400;
    let around = [-DAY, DAY]
        .into_iter()
        .chain((1..=6).flat_map(|months| [-months * 30 * DAY, months * 30 * DAY]));
    let Some(season) = around
        .map(|shift| instant + shift)
        .find(|&other| offset_at(other) == Some(offset))
    else {
        return Ok(());
    };
    // Written in the old offset, a time the clocks skipped: the error for the skip
    // says what to write.
    if let LocalResult::None = zone.from_local_datetime(&written) {
        return Err(skipped(text, written, zone));
    }
    let label = zone_label(zone, in_force, instant);
    let utc = written - TimeDelta::seconds(i64::from(offset.local_minus_utc()));
    let shown = utc + TimeDelta::seconds(i64::from(in_force.local_minus_utc()));
    Err(DateError::new(
        format!(
            "`{text}` has the offset {} ({}), but {} is on {label} ({}) at that time",
            format_offset(offset),
            zone_label(zone, offset, season),
            zone.name(),
            format_offset(in_force),
        ),
        format!(
            "for {} {label} write `{}`, without the offset; a time from another zone can be written in UTC, `{}Z`, and shows as {} {label}",
            written.format("%H:%M"),
            written.format("%Y-%m-%dT%H:%M"),
            utc.format("%Y-%m-%dT%H:%M"),
            shown.format("%H:%M"),
        ),
    ))
}

/// A change of a zone's offset: the UTC time it happened, and the offsets either side.
struct ClockChange {
    at: NaiveDateTime,
    before: FixedOffset,
    after: FixedOffset,
}

/// The change of `zone`'s offset nearest `local` (a wall-clock time within a day of
/// it), found by halving the two days around it.
fn clock_change(zone: Tz, local: NaiveDateTime) -> ClockChange {
    let offset_at = |t: i64| {
        DateTime::from_timestamp(t, 0).map_or(chrono::Utc.fix(), |at| {
            zone.offset_from_utc_datetime(&at.naive_utc()).fix()
        })
    };
    let day = 86_400;
    let (mut low, mut high) = (
        local.and_utc().timestamp() - day,
        local.and_utc().timestamp() + day,
    );
    let before = offset_at(low);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if offset_at(middle) == before {
            low = middle;
        } else {
            high = middle;
        }
    }
    ClockChange {
        at: DateTime::from_timestamp(high, 0).map_or(local, |at| at.naive_utc()),
        before,
        after: offset_at(high),
    }
}

/// `an hour`, `30 minutes`, `2 hours`, `1 hour 30 minutes`.
fn duration_words(span: TimeDelta) -> String {
    let minutes = span.num_minutes().abs();
    let (hours, minutes) = (minutes / 60, minutes % 60);
    let hours_text = match hours {
        0 => String::new(),
        1 if minutes == 0 => "an hour".to_owned(),
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    };
    match (hours_text.is_empty(), minutes) {
        (false, 0) => hours_text,
        (true, m) => format!("{m} minutes"),
        (false, m) => format!("{hours_text} {m} minutes"),
    }
}

fn in_zone(at: DateTime<Tz>) -> Moment {
    Moment {
        precision: Precision::Minute,
        local: at.naive_local(),
        offset: Some(at.offset().fix()),
        zone: Some(at.timezone()),
        instant: at.timestamp(),
    }
}

fn parse_offset(text: &str) -> Option<FixedOffset> {
    if text.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    // Offsets in use run from -12:00 to +14:00.
    if minutes > 59 || hours * 60 + minutes > 14 * 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn format_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// The abbreviation readers know for a zone at `instant` (UTC seconds), where its
/// offset is `offset`. Read at the instant, not at the wall-clock time: in the hour
/// a daylight-saving change repeats, the wall clock alone cannot tell EDT from EST.
/// The time zone database writes numeric abbreviations (`+0330`) for many zones
/// where no abbreviation is in common English use; for the zones a newsroom covering
/// the region writes most, the abbreviation wire services use is filled in, and
/// `UTC+03:30` otherwise.
fn zone_label(zone: Tz, offset: FixedOffset, instant: i64) -> String {
    let abbreviation = DateTime::from_timestamp(instant, 0)
        .and_then(|at| {
            let offset = zone.offset_from_utc_datetime(&at.naive_utc());
            offset.abbreviation().map(str::to_owned)
        })
        .unwrap_or_default();
    if !abbreviation.is_empty() && !abbreviation.starts_with(['+', '-']) {
        return abbreviation;
    }
    let known = match (zone.name(), offset.local_minus_utc()) {
        ("Asia/Tehran", 12600) => "IRST",
        ("Asia/Tehran", 16200) => "IRDT",
        ("Asia/Kabul", 16200) => "AFT",
        ("Asia/Dubai" | "Asia/Muscat", 14400) => "GST",
        (
            "Asia/Baghdad" | "Asia/Riyadh" | "Asia/Kuwait" | "Asia/Qatar" | "Asia/Bahrain"
            | "Asia/Aden",
            10800,
        ) => "AST",
        ("Europe/Istanbul" | "Asia/Istanbul", 10800) => "TRT",
        ("Asia/Yerevan", 14400) => "AMT",
        ("Asia/Baku", 14400) => "AZT",
        ("Asia/Tbilisi", 14400) => "GET",
        ("Asia/Tashkent" | "Asia/Samarkand", 18000) => "UZT",
        ("Asia/Kathmandu", 20700) => "NPT",
        _ => "",
    };
    if known.is_empty() {
        format!("UTC{}", format_offset(offset))
    } else {
        known.to_owned()
    }
}

/// The first day of the year, month or day `date` falls in.
fn truncate(date: NaiveDate, precision: Precision) -> NaiveDate {
    match precision {
        Precision::Year => date.with_ordinal(1).unwrap_or(date),
        Precision::Month => date.with_day(1).unwrap_or(date),
        Precision::Day | Precision::Minute => date,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

/// Parses an IANA zone name, suggesting the nearest known name when it is not one.
pub fn parse_zone(name: &str) -> Result<Tz, DateError> {
    name.parse::<Tz>().map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        let help = match crate::suggest::nearest(name, names) {
            Some(near) => format!("did you mean `{near}`? Zones are IANA names like `Asia/Tehran`"),
            None => "use an IANA zone name like `Asia/Tehran` or `Europe/London`".to_owned(),
        };
        DateError::new(format!("unknown time zone `{name}`"), help)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tehran() -> Tz {
        "Asia/Tehran".parse().unwrap()
    }

    fn parse(text: &str) -> Moment {
        Moment::parse(text, None, None).unwrap()
    }

    #[test]
    fn reads_each_precision() {
        assert_eq!(parse("2024").precision, Precision::Year);
        assert_eq!(parse("2024-01").precision, Precision::Month);
        assert_eq!(parse("2024-01-03").precision, Precision::Day);
        assert_eq!(parse("2024-01-03T14:50Z").precision, Precision::Minute);
    }

    #[test]
    fn a_coarse_date_lasts_to_the_end_of_its_period() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        assert_eq!(parse("2024").last_date(), day("2024-12-31"));
        assert_eq!(parse("2024-02").last_date(), day("2024-02-29"));
        assert_eq!(parse("2023-02").last_date(), day("2023-02-28"));
        assert_eq!(parse("2024-01-03").last_date(), day("2024-01-03"));
        assert_eq!(
            parse("2024-01-03T23:50+03:30").last_date(),
            day("2024-01-03")
        );
    }

    #[test]
    fn displays_only_what_was_written() {
        assert_eq!(parse("2024").display(), "2024");
        assert_eq!(parse("2024-01").display(), "January 2024");
        assert_eq!(parse("2024-01-03").display(), "3 January 2024");
        let with_zone = Moment::parse("2024-01-03T14:50", Some(tehran()), None).unwrap();
        assert_eq!(with_zone.display(), "3 January 2024, 14:50 IRST");
        assert_eq!(
            parse("2024-01-03T14:50+03:30").display(),
            "3 January 2024, 14:50 (+03:30)"
        );
        assert_eq!(
            parse("2020-01-03T00:52Z").display(),
            "3 January 2020, 00:52 (UTC)"
        );
    }

    #[test]
    fn shows_offset_times_in_the_event_zone() {
        let m = Moment::parse("2024-01-03T11:20Z", None, Some(tehran())).unwrap();
        assert_eq!(m.display(), "3 January 2024, 14:50 IRST");
        assert_eq!(m.machine(), "2024-01-03T14:50+03:30");
    }

    #[test]
    fn sorts_coarse_dates_at_their_first_utc_instant() {
        let year = parse("2024");
        let day = parse("2024-01-01");
        assert_eq!(year.instant, day.instant);
        assert_eq!(year.timeline_cmp(&day), Ordering::Less);
        let tehran_morning = Moment::parse("2024-01-01T02:00", Some(tehran()), None).unwrap();
        assert!(tehran_morning.instant < day.instant);
    }

    #[test]
    fn rejects_impossible_dates() {
        let err = Moment::parse("2024-02-30", None, None).unwrap_err();
        assert_eq!(
            err.message,
            "`2024-02-30` is not a date: February 2024 has 29 days"
        );
        assert!(Moment::parse("2023-13", None, None).is_err());
        assert!(Moment::parse("24-01-03", None, None).is_err());
        assert!(Moment::parse("2024-1-3", None, None).is_err());
        assert!(Moment::parse("yesterday", None, None).is_err());
        assert!(Moment::parse("2024-01-03T25:00Z", None, None).is_err());
    }

    #[test]
    fn requires_a_zone_for_bare_times() {
        let err = Moment::parse("2024-01-03T14:50", None, None).unwrap_err();
        assert!(err.message.contains("no time zone"), "{}", err.message);
    }

    #[test]
    fn rejects_times_in_a_dst_gap_and_names_both_readings_of_an_overlap() {
        let london: Tz = "Europe/London".parse().unwrap();
        let gap = Moment::parse("2024-03-31T01:30", Some(london), None).unwrap_err();
        assert!(gap.message.contains("does not exist"), "{}", gap.message);
        let overlap = Moment::parse("2024-10-27T01:30", Some(london), None).unwrap_err();
        assert!(overlap.help.unwrap().contains("+01:00"));
    }

    #[test]
    fn labels_times_on_both_sides_of_a_dst_change() {
        let london: Tz = "Europe/London".parse().unwrap();
        let before = Moment::parse("2024-03-30T12:00", Some(london), None).unwrap();
        let after = Moment::parse("2024-03-31T12:00", Some(london), None).unwrap();
        assert_eq!(before.display(), "30 March 2024, 12:00 GMT");
        assert_eq!(after.display(), "31 March 2024, 12:00 BST");
        assert_eq!(after.instant - before.instant, 23 * 3600);
    }

    #[test]
    fn formats_spans_without_repeating_shared_parts() {
        assert_eq!(
            parse("2020-01-04").display_span(&parse("2020-01-07")),
            "4–7 January 2020"
        );
        assert_eq!(
            parse("2020-01-30").display_span(&parse("2020-02-02")),
            "30 January – 2 February 2020"
        );
        assert_eq!(parse("2019").display_span(&parse("2020")), "2019 – 2020");
    }

    /// `start`, `to` and `end` of `date` (and `end`) shown under headings that say
    /// `known`, joined as a reader sees them.
    fn shown(date: &str, end: Option<&str>, known: Known) -> String {
        let end = end.map(parse);
        let s = parse(date).shown(end.as_ref(), known);
        format!("{}{}{}", s.start, s.to, s.end.unwrap_or_default())
    }

    #[test]
    fn shows_only_what_the_headings_above_do_not_say() {
        let tehran = Moment::parse("2024-01-03T14:50", Some(tehran()), None).unwrap();
        for (known, day, time, month, year) in [
            (
                Known::Nothing,
                "3 January 2024",
                "3 January 2024, 14:50 IRST",
                "January 2024",
                "2024",
            ),
            (
                Known::Year,
                "3 January",
                "3 January, 14:50 IRST",
                "January",
                "",
            ),
            (Known::Month, "3", "3, 14:50 IRST", "", ""),
            (Known::Day, "", "14:50 IRST", "", ""),
        ] {
            assert_eq!(shown("2024-01-03", None, known), day, "{known:?}");
            assert_eq!(tehran.shown(None, known).start, time, "{known:?}");
            assert_eq!(tehran.shown(None, known).end, None);
            if known <= Known::Month {
                assert_eq!(shown("2024-01", None, known), month, "{known:?}");
            }
            if known <= Known::Year {
                assert_eq!(shown("2024", None, known), year, "{known:?}");
            }
        }
    }

    #[test]
    fn shows_both_ends_of_a_span_without_repeating_the_headings() {
        let cases = [
            // Days of one month.
            (
                ("2020-01-04", "2020-01-07"),
                ["4–7 January 2020", "4–7 January", "4–7", "until 7 January"],
            ),
            // Days of two months.
            (
                ("2020-01-30", "2020-02-02"),
                [
                    "30 January – 2 February 2020",
                    "30 January – 2 February",
                    "30 – 2 February",
                    "until 2 February",
                ],
            ),
            // Across a new year the end keeps its year.
            (
                ("2019-12-30", "2020-01-02"),
                [
                    "30 December 2019 – 2 January 2020",
                    "30 December – 2 January 2020",
                    "30 – 2 January 2020",
                    "until 2 January 2020",
                ],
            ),
            (
                ("2024-01", "2024-03"),
                ["January 2024 – March 2024", "January – March", "", ""],
            ),
        ];
        for ((start, end), texts) in cases {
            let knowns = [Known::Nothing, Known::Year, Known::Month, Known::Day];
            for (known, text) in knowns.into_iter().zip(texts) {
                if text.is_empty() {
                    continue;
                }
                assert_eq!(
                    shown(start, Some(end), known),
                    text,
                    "{start} {end} {known:?}"
                );
            }
            // With nothing known the pieces are the span as the event page gives it.
            assert_eq!(
                shown(start, Some(end), Known::Nothing),
                parse(start).display_span(&parse(end))
            );
        }
        // Two times of one day: the end is a time.
        let (a, b) = (parse("2024-01-03T14:50Z"), parse("2024-01-03T18:00Z"));
        let s = a.shown(Some(&b), Known::Year);
        assert_eq!(
            (s.start.as_str(), s.to, s.end.as_deref()),
            ("3 January, 14:50 (UTC)", " – ", Some("18:00 (UTC)"))
        );
        // A span of one day is no span.
        assert_eq!(
            parse("2024-01-05").shown(Some(&parse("2024-01-05")), Known::Year),
            Shown {
                start: "5 January".into(),
                to: "",
                end: None
            }
        );
    }

    #[test]
    fn compares_span_ends_at_the_coarser_precision() {
        let start = parse("2024-01-03T01:00+03:30");
        assert!(start.ends_before(&parse("2024-01-02")));
        assert!(!start.ends_before(&parse("2024-01-03")));
        assert!(!start.ends_before(&parse("2024-01")));
        assert!(parse("2024-01-03").ends_before(&parse("2024-01-02T23:00-05:00")));
        assert!(!parse("2024-01-03T12:00Z").ends_before(&parse("2024-01-03T12:00Z")));
        assert!(parse("2024-01-03T12:00Z").ends_before(&parse("2024-01-03T11:59Z")));
    }

    #[test]
    fn shows_a_span_of_one_day_once() {
        assert_eq!(
            parse("2024-01-05").display_span(&parse("2024-01-05")),
            "5 January 2024"
        );
    }

    #[test]
    fn accepts_seconds_and_fractions_and_real_offsets_only() {
        assert_eq!(
            parse("1979-05-27T00:32:00.999999-07:00").display(),
            "27 May 1979, 00:32 (-07:00)"
        );
        assert!(Moment::parse("2024-01-03T14:50+14:00", None, None).is_ok());
        assert!(Moment::parse("2024-01-03T14:50+14:01", None, None).is_err());
    }

    fn zone(name: &str) -> Tz {
        name.parse().unwrap()
    }

    /// `text` read in, and shown in, the zone `name`, as an event with `timezone:`.
    fn in_zone(text: &str, name: &str) -> Result<Moment, DateError> {
        Moment::parse(text, Some(zone(name)), Some(zone(name)))
    }

    #[test]
    fn labels_the_repeated_hour_by_the_offset_in_force_at_the_instant() {
        let ny = "America/New_York";
        for (text, shown, machine) in [
            (
                "2024-11-03T01:30-04:00",
                "3 November 2024, 01:30 EDT",
                "2024-11-03T01:30-04:00",
            ),
            (
                "2024-11-03T01:30-05:00",
                "3 November 2024, 01:30 EST",
                "2024-11-03T01:30-05:00",
            ),
            (
                "2024-11-03T06:30Z",
                "3 November 2024, 01:30 EST",
                "2024-11-03T01:30-05:00",
            ),
            (
                "2024-11-03T05:30Z",
                "3 November 2024, 01:30 EDT",
                "2024-11-03T01:30-04:00",
            ),
        ] {
            let moment = in_zone(text, ny).unwrap();
            assert_eq!(moment.display(), shown, "{text}");
            assert_eq!(moment.machine(), machine, "{text}");
        }
        // With only the site's `timezone`, a time with an offset is shown as written.
        let site_zone = Moment::parse("2024-11-03T01:30-05:00", Some(zone(ny)), None).unwrap();
        assert_eq!(site_zone.display(), "3 November 2024, 01:30 (-05:00)");
    }

    #[test]
    fn suggests_both_readings_of_a_repeated_hour_and_each_shows_its_own_label() {
        let err = in_zone("2024-11-03T01:30", "America/New_York").unwrap_err();
        assert_eq!(
            err.message,
            "`2024-11-03T01:30` happened twice in America/New_York: the clocks went back"
        );
        assert_eq!(
            err.help.as_deref(),
            Some(
                "write the offset you mean: `2024-11-03T01:30-04:00` for the first 01:30 (EDT) or `2024-11-03T01:30-05:00` for the second, an hour later (EST)"
            )
        );
        for (suggested, shown) in [
            ("2024-11-03T01:30-04:00", "3 November 2024, 01:30 EDT"),
            ("2024-11-03T01:30-05:00", "3 November 2024, 01:30 EST"),
        ] {
            let moment = in_zone(suggested, "America/New_York").unwrap();
            assert_eq!(moment.display(), shown);
        }
    }

    #[test]
    fn explains_a_skipped_hour_and_suggests_the_time_it_meant() {
        let err = in_zone("2024-03-10T02:30", "America/New_York").unwrap_err();
        assert_eq!(
            err.message,
            "`2024-03-10T02:30` does not exist in America/New_York: the clocks went forward an hour at 02:00 EST, to 03:00 EDT"
        );
        assert_eq!(
            err.help.as_deref(),
            Some(
                "write `2024-03-10T03:30` (03:30 EDT), the moment a clock not yet put forward showed 02:30; or check the time"
            )
        );
        let suggested = in_zone("2024-03-10T03:30", "America/New_York").unwrap();
        assert_eq!(suggested.display(), "10 March 2024, 03:30 EDT");
        // The same instant as 02:30 by the old offset.
        let old_clock = in_zone("2024-03-10T07:30Z", "America/New_York").unwrap();
        assert_eq!(old_clock.instant, suggested.instant);
    }

    #[test]
    fn handles_southern_hemisphere_daylight_saving() {
        let sydney = "Australia/Sydney";
        let summer = in_zone("2024-01-15T12:00", sydney).unwrap();
        let winter = in_zone("2024-07-15T12:00", sydney).unwrap();
        assert_eq!(summer.display(), "15 January 2024, 12:00 AEDT");
        assert_eq!(summer.machine(), "2024-01-15T12:00+11:00");
        assert_eq!(winter.display(), "15 July 2024, 12:00 AEST");
        assert_eq!(winter.machine(), "2024-07-15T12:00+10:00");
        let gap = in_zone("2024-10-06T02:30", sydney).unwrap_err();
        assert_eq!(
            gap.message,
            "`2024-10-06T02:30` does not exist in Australia/Sydney: the clocks went forward an hour at 02:00 AEST, to 03:00 AEDT"
        );
        let overlap = in_zone("2024-04-07T02:30", sydney).unwrap_err();
        assert_eq!(
            overlap.help.as_deref(),
            Some(
                "write the offset you mean: `2024-04-07T02:30+11:00` for the first 02:30 (AEDT) or `2024-04-07T02:30+10:00` for the second, an hour later (AEST)"
            )
        );
        assert_eq!(
            in_zone("2024-04-07T02:30+10:00", sydney).unwrap().display(),
            "7 April 2024, 02:30 AEST"
        );
    }

    #[test]
    fn shows_a_name_or_a_utc_offset_where_the_database_abbreviation_is_numeric() {
        for (text, name, shown) in [
            (
                "2024-01-03T14:50",
                "Asia/Tehran",
                "3 January 2024, 14:50 IRST",
            ),
            ("2020-06-03T14:50", "Asia/Tehran", "3 June 2020, 14:50 IRDT"),
            (
                "2024-01-03T14:50",
                "Asia/Kathmandu",
                "3 January 2024, 14:50 NPT",
            ),
            (
                "2024-01-03T14:50",
                "Europe/Istanbul",
                "3 January 2024, 14:50 TRT",
            ),
            (
                "2024-01-03T14:50",
                "Asia/Dubai",
                "3 January 2024, 14:50 GST",
            ),
            (
                "2024-01-03T14:50",
                "America/Sao_Paulo",
                "3 January 2024, 14:50 UTC-03:00",
            ),
            (
                "2024-01-03T14:50",
                "Australia/Lord_Howe",
                "3 January 2024, 14:50 UTC+11:00",
            ),
            (
                "2024-01-03T14:50",
                "Asia/Kolkata",
                "3 January 2024, 14:50 IST",
            ),
            ("2024-01-03T14:50", "UTC", "3 January 2024, 14:50 UTC"),
        ] {
            assert_eq!(in_zone(text, name).unwrap().display(), shown, "{name}");
        }
        // Tehran's clocks last went back in 2022, at midnight: 23:30 came twice.
        let overlap = in_zone("2021-09-21T23:30", "Asia/Tehran").unwrap_err();
        assert_eq!(
            overlap.help.as_deref(),
            Some(
                "write the offset you mean: `2021-09-21T23:30+04:30` for the first 23:30 (IRDT) or `2021-09-21T23:30+03:30` for the second, an hour later (IRST)"
            )
        );
        // Lord Howe Island puts its clocks forward half an hour.
        let gap = in_zone("2024-10-06T02:15", "Australia/Lord_Howe").unwrap_err();
        assert_eq!(
            gap.message,
            "`2024-10-06T02:15` does not exist in Australia/Lord_Howe: the clocks went forward 30 minutes at 02:00 UTC+10:30, to 02:30 UTC+11:00"
        );
        assert_eq!(
            gap.help.as_deref(),
            Some(
                "write `2024-10-06T02:45` (02:45 UTC+11:00), the moment a clock not yet put forward showed 02:15; or check the time"
            )
        );
    }

    #[test]
    fn refuses_an_offset_the_zone_uses_only_at_another_time_of_year() {
        let ny = "America/New_York";
        let err = in_zone("2024-01-15T10:00-04:00", ny).unwrap_err();
        assert_eq!(
            err.message,
            "`2024-01-15T10:00-04:00` has the offset -04:00 (EDT), but America/New_York is on EST (-05:00) at that time"
        );
        assert_eq!(
            err.help.as_deref(),
            Some(
                "for 10:00 EST write `2024-01-15T10:00`, without the offset; a time from another zone can be written in UTC, `2024-01-15T14:00Z`, and shows as 09:00 EST"
            )
        );
        let summer = in_zone("2024-07-15T10:00-05:00", ny).unwrap_err();
        assert!(
            summer.message.contains("is on EDT (-04:00)"),
            "{}",
            summer.message
        );
        let sydney = in_zone("2024-07-15T12:00+11:00", "Australia/Sydney").unwrap_err();
        assert!(
            sydney.message.contains("has the offset +11:00 (AEDT)"),
            "{}",
            sydney.message
        );
        // The offset in force, UTC, and offsets the zone never uses are read and shown
        // in the zone.
        for (text, shown) in [
            ("2024-01-15T10:00-05:00", "15 January 2024, 10:00 EST"),
            ("2024-01-15T15:00Z", "15 January 2024, 10:00 EST"),
            ("2024-01-15T15:00+00:00", "15 January 2024, 10:00 EST"),
            ("2024-01-15T10:00+03:30", "15 January 2024, 01:30 EST"),
            ("2024-07-15T14:00Z", "15 July 2024, 10:00 EDT"),
        ] {
            assert_eq!(in_zone(text, ny).unwrap().display(), shown, "{text}");
        }
        // Written in the old offset, a time the clocks skipped is the skip's error.
        let skipped = in_zone("2024-03-10T02:30-05:00", ny).unwrap_err();
        assert_eq!(
            skipped.message,
            "`2024-03-10T02:30-05:00` does not exist in America/New_York: the clocks went forward an hour at 02:00 EST, to 03:00 EDT"
        );
        // Without a `timezone` on the event an offset is shown as written.
        let site_zone = Moment::parse("2024-01-15T10:00-04:00", Some(zone(ny)), None).unwrap();
        assert_eq!(site_zone.display(), "15 January 2024, 10:00 (-04:00)");
    }

    #[test]
    fn a_coarser_update_never_reads_as_earlier_than_the_date() {
        let date = parse("2024-03-05T14:50+03:30");
        let same_day = parse("2024-03-05");
        let next_day = parse("2024-03-06");
        let later_time = parse("2024-03-05T18:00+03:30");
        assert_eq!(
            date.modified_at(Some(&same_day)).rfc3339(),
            "2024-03-05T14:50:00+03:30"
        );
        assert_eq!(
            date.modified_at(Some(&parse("2024-03"))).rfc3339(),
            "2024-03-05T14:50:00+03:30"
        );
        assert_eq!(
            date.modified_at(Some(&next_day)).rfc3339(),
            "2024-03-06T00:00:00Z"
        );
        assert_eq!(
            date.modified_at(Some(&later_time)).rfc3339(),
            "2024-03-05T18:00:00+03:30"
        );
        assert_eq!(
            date.modified_at(None).rfc3339(),
            "2024-03-05T14:50:00+03:30"
        );
        // A day-precision event updated at a time on that day, or later.
        let day = parse("2024-03-05");
        assert_eq!(
            day.modified_at(Some(&parse("2024-03-05T09:00+03:30")))
                .rfc3339(),
            "2024-03-05T09:00:00+03:30"
        );
        assert_eq!(
            day.modified_at(Some(&parse("2024-03-05T01:00+03:30")))
                .rfc3339(),
            "2024-03-05T00:00:00Z"
        );
    }

    /// The dates of `texts` (each `date` or `date@zone`) in the order of `cmp`.
    fn placed(texts: &[&str], newest: bool) -> Vec<String> {
        let dates: Vec<Moment> = texts
            .iter()
            .map(|text| match text.split_once('@') {
                Some((text, name)) => in_zone(text, name).unwrap(),
                None => parse(text),
            })
            .collect();
        let placings = Placing::of_all(&dates);
        let mut order: Vec<usize> = (0..dates.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&placings[a], &placings[b]);
            if newest {
                a.newest_first(b)
            } else {
                a.oldest_first(b)
            }
        });
        order.into_iter().map(|i| texts[i].to_owned()).collect()
    }

    #[test]
    fn a_coarse_date_heads_its_period_oldest_first_and_newest_first() {
        let dates = [
            "2024-02-10",
            "2023-12-01",
            "2024-01-03T14:50@Asia/Tehran",
            "2024-01",
            "2024-01-03",
            "2024",
            "2024-01-05",
            "2024-01-03T02:00@Asia/Tehran",
        ];
        assert_eq!(
            placed(&dates, false),
            [
                "2023-12-01",
                "2024",
                "2024-01",
                "2024-01-03",
                "2024-01-03T02:00@Asia/Tehran",
                "2024-01-03T14:50@Asia/Tehran",
                "2024-01-05",
                "2024-02-10",
            ]
        );
        assert_eq!(
            placed(&dates, true),
            [
                "2024",
                "2024-02-10",
                "2024-01",
                "2024-01-05",
                "2024-01-03",
                "2024-01-03T14:50@Asia/Tehran",
                "2024-01-03T02:00@Asia/Tehran",
                "2023-12-01",
            ]
        );
    }

    /// A time east of UTC early on 1 January is in the year but before its first UTC
    /// moment: the year and the day still head it, in both orders; times keep the
    /// order of their instants, across the new year too (02:00 in Tehran came half
    /// an hour before 23:00 UTC on 31 December).
    #[test]
    fn a_coarse_date_heads_times_in_its_period_before_its_first_utc_moment() {
        let dates = [
            "2024-01-01T02:00@Asia/Tehran",
            "2024",
            "2023-12-31T23:00@UTC",
            "2024-01-01",
        ];
        assert_eq!(
            placed(&dates, false),
            [
                "2024",
                "2024-01-01",
                "2024-01-01T02:00@Asia/Tehran",
                "2023-12-31T23:00@UTC",
            ]
        );
        assert_eq!(
            placed(&dates, true),
            [
                "2024",
                "2024-01-01",
                "2023-12-31T23:00@UTC",
                "2024-01-01T02:00@Asia/Tehran",
            ]
        );
    }

    #[test]
    fn suggests_zone_names() {
        let err = parse_zone("Asia/Teheran").unwrap_err();
        assert!(err.help.unwrap().contains("Asia/Tehran"));
    }
}
