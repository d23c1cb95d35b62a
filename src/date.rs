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
    TimeZone, Timelike,
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

    /// Orders moments by earliest instant, then coarser precision first.
    pub fn timeline_cmp(&self, other: &Moment) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then(self.precision.cmp(&other.precision))
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
        match (self.zone, self.offset) {
            (Some(zone), Some(offset)) => format!("{hm} {}", zone_label(zone, offset, self.local)),
            (None, Some(offset)) if offset.local_minus_utc() == 0 => format!("{hm} (UTC)"),
            (None, Some(offset)) => format!("{hm} ({})", format_offset(offset)),
            _ => hm,
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
                Some(zone) => in_zone(at.with_timezone(&zone)),
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
                LocalResult::None => Err(DateError::new(
                    format!(
                        "`{text}` does not exist in {}: the clocks skipped that hour",
                        zone.name()
                    ),
                    "check the time, or write it with the offset you mean",
                )),
                LocalResult::Ambiguous(first, second) => Err(DateError::new(
                    format!(
                        "`{text}` happened twice in {}: the clocks went back",
                        zone.name()
                    ),
                    format!(
                        "write the offset you mean: `{}{}` (first) or `{}{}` (second)",
                        written.format("%Y-%m-%dT%H:%M"),
                        format_offset(first.offset().fix()),
                        written.format("%Y-%m-%dT%H:%M"),
                        format_offset(second.offset().fix())
                    ),
                )),
            }
        }
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

/// The abbreviation readers know for a zone at a moment. The time zone database
/// writes numeric ones (`+0330`) for many zones where no abbreviation is in common
/// English use; for the zones a newsroom covering the region writes most, the
/// abbreviation wire services use is filled in, and `UTC+03:30` otherwise.
fn zone_label(zone: Tz, offset: FixedOffset, local: NaiveDateTime) -> String {
    let abbreviation = zone
        .offset_from_local_datetime(&local)
        .earliest()
        .and_then(|o| o.abbreviation().map(str::to_owned))
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

    #[test]
    fn suggests_zone_names() {
        let err = parse_zone("Asia/Teheran").unwrap_err();
        assert!(err.help.unwrap().contains("Asia/Tehran"));
    }
}
