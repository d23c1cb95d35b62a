//! Dates in a language and calendar (SPEC §11).
//!
//! A [`DateStyle`] turns a [`Moment`] into reader text in one language (a BCP 47
//! tag) and one display calendar. English with the Gregorian calendar, the default
//! site, is the hand-written formatter of [`crate::date`] (`3 January 2024`), byte for
//! byte; every other language or calendar is formatted by ICU4X from CLDR's compiled
//! data: month names, the order of day, month and year, and digits (Persian digits for
//! `fa`, Arabic-Indic for `ar`, as CLDR gives them) are never written by hand.
//!
//! Shapes, for a Gregorian language other than English (`fr`):
//! - a date: `2024`, `janvier 2024`, `3 janvier 2024`, `3 janvier 2024 à 14:50 IRST`
//!   (CLDR's long year-month-day, with its date-time glue for a time; the zone label
//!   is [`crate::date`]'s, `IRST`, `(UTC)` or `(+03:30)`);
//! - a span: `4–7 janvier 2024`, `30 janvier – 2 février 2024`, else both dates with
//!   ` – ` between them, as English does;
//! - under list headings: what the headings say is left out (`3 janvier` under 2024,
//!   `3` under January 2024), as English does.
//!
//! In a non-Gregorian display calendar (`calendar = "persian"` or `"islamic"`), every
//! date reads in that calendar followed by the Gregorian date in parentheses, both in
//! the page's language: `۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)`. A date written to its month or
//! year covers two months or years of the display calendar (a Gregorian month never
//! starts with a Persian one; a Gregorian year holds parts of two Solar Hijri years and
//! two or three lunar Hijri years), so both ends are shown with an en dash between
//! them, the shared year written once on the side CLDR's year-month pattern puts it:
//! `۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)` (Persian writes the Solar Hijri year first),
//! `جمادى الآخرة–رجب ١٤٤٥ هـ (يناير ٢٠٢٤)`, across a year boundary
//! `۱۴۰۲ اسفند – ۱۴۰۳ فروردین (مارس ۲۰۲۴)`, and years `۱۴۰۲–۱۴۰۳ (۲۰۲۴)`. A time
//! follows the display-calendar date with CLDR's glue, then the zone label, then the
//! Gregorian date: `۱۳ دی ۱۴۰۲ ساعت ۱۴:۵۰ IRST (۳ ژانویه ۲۰۲۴)`. Lists' year and month headings are
//! Gregorian periods, which the display calendar's dates do not follow, so under them
//! an entry keeps its full date.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Timelike};
use icu_calendar::cal::Gregorian;
use icu_calendar::{AnyCalendar, AnyCalendarKind, Date, Ref};
use icu_datetime::fieldsets::{D, M, MD, T, Y, YM, YMD};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::preferences::{CalendarAlgorithm, HijriCalendarAlgorithm};
use icu_datetime::{
    DateTimeFormatter, DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter,
    NoCalendarFormatter,
};
use icu_locale_core::Locale;

use crate::date::{Known, Moment, Precision, Shown};

/// The calendar readers see dates in: `calendar` in `dateline.toml` (SPEC §11).
/// Machine formats (`datetime` attributes, feeds, JSON, the sitemap) are ISO 8601
/// Gregorian whatever this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Calendar {
    /// `gregorian`, the default.
    #[default]
    Gregorian,
    /// `persian`: the Solar Hijri calendar, official in Iran and Afghanistan.
    Persian,
    /// `islamic` or `islamic-umalqura`: the lunar Hijri calendar by Umm al-Qura's
    /// tables, the official calendar of Saudi Arabia and the one newsrooms and
    /// governments publish Hijri dates in; its months follow the observed moon far
    /// better than the arithmetic calendar's. ICU4X's `HijriUmmAlQura`.
    IslamicUmmAlQura,
    /// `islamic-civil`: the arithmetic (tabular) Hijri calendar, type II leap years
    /// from the Friday epoch, for sites that want dates independent of tables.
    IslamicCivil,
}

impl Calendar {
    /// The hint of the error for an unknown `calendar`: every name accepted.
    pub const NAMES_HELP: &'static str = "use `gregorian`, `persian` (Solar Hijri), \
         `islamic` (Umm al-Qura), `islamic-umalqura` or `islamic-civil`";

    /// The calendar a `dateline.toml` name stands for: `gregorian`, `persian`,
    /// `islamic` (= `islamic-umalqura`) or `islamic-civil`; `None` for any other.
    pub fn from_name(name: &str) -> Option<Calendar> {
        match name {
            "gregorian" => Some(Calendar::Gregorian),
            "persian" => Some(Calendar::Persian),
            "islamic" | "islamic-umalqura" => Some(Calendar::IslamicUmmAlQura),
            "islamic-civil" => Some(Calendar::IslamicCivil),
            _ => None,
        }
    }

    fn algorithm(self) -> CalendarAlgorithm {
        match self {
            Calendar::Gregorian => CalendarAlgorithm::Gregory,
            Calendar::Persian => CalendarAlgorithm::Persian,
            Calendar::IslamicUmmAlQura => {
                CalendarAlgorithm::Hijri(Some(HijriCalendarAlgorithm::Umalqura))
            }
            Calendar::IslamicCivil => CalendarAlgorithm::Hijri(Some(HijriCalendarAlgorithm::Civil)),
        }
    }

    fn kind(self) -> AnyCalendarKind {
        match self {
            Calendar::Gregorian => AnyCalendarKind::Gregorian,
            Calendar::Persian => AnyCalendarKind::Persian,
            Calendar::IslamicUmmAlQura => AnyCalendarKind::HijriUmmAlQura,
            Calendar::IslamicCivil => AnyCalendarKind::HijriTabularTypeIIFriday,
        }
    }
}

/// How dates read in one language and calendar: see the module documentation for
/// the shapes. Made once per build (or per language a page is in) and shared between
/// threads; ICU's formatters are made the first time a date needs them, never per
/// date, and never for English with the Gregorian calendar.
pub struct DateStyle {
    tag: String,
    calendar: Calendar,
    english: bool,
    icu: OnceLock<Icu>,
}

impl std::fmt::Debug for DateStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateStyle")
            .field("tag", &self.tag)
            .field("calendar", &self.calendar)
            .finish_non_exhaustive()
    }
}

/// The Gregorian formatters of one language.
struct GregorianFormatters {
    ymd: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    ym: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    y: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    md: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    md_short: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    ymd_short: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    m: FixedCalendarDateTimeFormatter<Gregorian, M>,
    short_m: FixedCalendarDateTimeFormatter<Gregorian, M>,
    d: FixedCalendarDateTimeFormatter<Gregorian, D>,
    ymdt: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::YMDT>,
    mdt: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::MDT>,
    dt: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::DT>,
    t: NoCalendarFormatter<T>,
}

/// The display calendar's formatters of one language (non-Gregorian calendars only).
struct Display {
    calendar: AnyCalendar,
    ymd: DateTimeFormatter<YMD>,
    ym: DateTimeFormatter<YM>,
    y: DateTimeFormatter<Y>,
    m: DateTimeFormatter<M>,
    ymdt: DateTimeFormatter<icu_datetime::fieldsets::YMDT>,
}

struct Icu {
    gregorian: GregorianFormatters,
    display: Option<Display>,
}

impl DateStyle {
    /// The style of `tag` (a BCP 47 tag as written in `dateline.toml` or front
    /// matter; one ICU cannot read is taken as its primary subtag, then as English
    /// data) in `calendar`. Cheap: nothing is loaded until a date is formatted.
    /// Every tag whose primary subtag is `en` uses dateline's English formatter.
    pub fn new(tag: &str, calendar: Calendar) -> DateStyle {
        DateStyle {
            tag: tag.to_owned(),
            calendar,
            english: super::primary(tag) == "en",
            icu: OnceLock::new(),
        }
    }

    /// The language tag, as given.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The display calendar.
    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    /// Whether this is dateline's own English with the Gregorian calendar, which
    /// reads exactly as [`Moment::display`] and its kin.
    pub fn is_plain_english(&self) -> bool {
        self.english && self.calendar == Calendar::Gregorian
    }

    fn icu(&self) -> &Icu {
        self.icu.get_or_init(|| Icu::new(&self.tag, self.calendar))
    }

    /// The full reading of `moment` (SPEC §3, §11): as [`Moment::display`] in
    /// English; `3 janvier 2024`, `۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)` otherwise.
    pub fn display(&self, moment: &Moment) -> String {
        if self.is_plain_english() {
            return moment.display();
        }
        match &self.icu().display {
            None => self.gregorian_display(moment),
            Some(display) => {
                let shown = self.calendar_reading(display, moment);
                format!("{shown} ({})", self.gregorian_date(moment))
            }
        }
    }

    /// A span from `start` to `end`: as [`Moment::display_span`] in English; in
    /// another Gregorian language sharing what the two have in common in the same
    /// way (`4–7 janvier 2024`); in another calendar both full readings with ` – `
    /// between them (or one, when they read the same).
    pub fn display_span(&self, start: &Moment, end: &Moment) -> String {
        if self.is_plain_english() {
            return start.display_span(end);
        }
        let (first, last) = (self.display(start), self.display(end));
        if first == last {
            return first;
        }
        if self.icu().display.is_some() {
            return format!("{first} – {last}");
        }
        let (a, b) = (start.local.date(), end.local.date());
        let both_days = start.precision == Precision::Day && end.precision == Precision::Day;
        let g = &self.icu().gregorian;
        if both_days && a.year() == b.year() {
            let (ia, ib) = (gregorian(a), gregorian(b));
            if a.month() == b.month() {
                return format!("{}–{}", g.d.format(&ia), g.ymd.format(&ib));
            }
            return format!("{} – {}", g.md.format(&ia), g.ymd.format(&ib));
        }
        format!("{first} – {last}")
    }

    /// `start` (with `end`, a span) as a list shows it under headings that already
    /// say `known` of it: as [`Moment::shown`] in English and, with the language's
    /// month names and digits, in another Gregorian language. In another calendar
    /// the headings (Gregorian years and months) say nothing the entry can leave
    /// out, so the entry reads in full as [`DateStyle::display`] and
    /// [`DateStyle::display_span`] give it, split at ` – `.
    pub fn shown(&self, start: &Moment, end: Option<&Moment>, known: Known) -> Shown {
        if self.is_plain_english() {
            return start.shown(end, known);
        }
        if self.icu().display.is_some() {
            let end = end.filter(|end| self.display(end) != self.display(start));
            return Shown {
                start: self.display(start),
                to: if end.is_some() { " – " } else { "" },
                end: end.map(|end| self.display(end)),
            };
        }
        start.shown_with(
            end,
            known,
            |m| self.gregorian_display(m),
            |m, k| self.part(m, k),
            // English's `until ` is a word; other languages open the end with a dash.
            "– ",
        )
    }

    /// A year heading (timeline and archive sections, SPEC §10): the Gregorian
    /// `year` in the language's digits (`2024`, `۲۰۲۴`); in another calendar the
    /// display calendar's years it overlaps with the Gregorian beside them:
    /// `۱۴۰۲–۱۴۰۳ (۲۰۲۴)`.
    pub fn year_heading(&self, year: i32) -> String {
        if self.is_plain_english() {
            return year.to_string();
        }
        let Some(moment) = period(year, None) else {
            return year.to_string();
        };
        self.display(&moment)
    }

    /// A month heading: `January 2024` in English, `janvier 2024`; in another
    /// calendar `۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)`. `month` is 1–12.
    pub fn month_heading(&self, year: i32, month: u32) -> String {
        if self.is_plain_english() {
            return format!("{} {year}", crate::date::month_name(month));
        }
        let Some(moment) = period(year, Some(month)) else {
            return format!("{} {year}", crate::date::month_name(month));
        };
        self.display(&moment)
    }

    /// A month's heading under its year's heading: the month alone (`January`,
    /// `janvier`) in the Gregorian calendar; in another, whose years are not the
    /// Gregorian year above it, the whole [`DateStyle::month_heading`].
    pub fn month_under_year(&self, year: i32, month: u32) -> String {
        if self.calendar == Calendar::Gregorian {
            self.month_name(month)
        } else {
            self.month_heading(year, month)
        }
    }

    /// The Gregorian month 1–12's name standing alone, in full (`January`,
    /// `janvier`, `ژانویه`), for axes and month lists.
    pub fn month_name(&self, month: u32) -> String {
        if self.english {
            return crate::date::month_name(month).to_owned();
        }
        match gregorian_ymd(2001, month, 1) {
            Some(date) => self.icu().gregorian.m.format(&date).to_string(),
            None => crate::date::month_name(month).to_owned(),
        }
    }

    /// The Gregorian month 1–12's name reduced to its first letter (`J`, `F`),
    /// for the narrowest axes: the first character of [`DateStyle::month_name`].
    pub fn narrow_month_name(&self, month: u32) -> String {
        self.month_name(month).chars().take(1).collect()
    }

    /// A Gregorian year in the language's digits, whatever the display calendar:
    /// `2024`, `۲۰۲۴`; for axes and charts, which run on the Gregorian calendar.
    pub fn gregorian_year(&self, year: i32) -> String {
        self.digits(&year.to_string())
    }

    /// A Gregorian month of a year in the language, whatever the display calendar:
    /// `March 2024`, `mars 2024`, `مارس ۲۰۲۴`; `month` is 1–12.
    pub fn gregorian_month(&self, year: i32, month: u32) -> String {
        match (self.english, gregorian_ymd(year, month, 1)) {
            (false, Some(date)) => self.icu().gregorian.ym.format(&date).to_string(),
            _ => format!("{} {year}", crate::date::month_name(month)),
        }
    }

    /// The Gregorian month 1–12's abbreviated name standing alone (`Jan`, `janv.`),
    /// for chart axes.
    pub fn short_month_name(&self, month: u32) -> String {
        if self.english {
            return crate::date::month_name(month)[..3].to_owned();
        }
        match gregorian_ymd(2001, month, 1) {
            Some(date) => self.icu().gregorian.short_m.format(&date).to_string(),
            None => crate::date::month_name(month)[..3].to_owned(),
        }
    }

    /// A day and month of the Gregorian calendar (`3 January`, `3 janvier`,
    /// `۳ ژانویه`), for on-this-day titles; `month` is 1–12, `day` 1–31.
    pub fn day_month(&self, month: u32, day: u32) -> String {
        if self.english {
            return format!("{day} {}", crate::date::month_name(month));
        }
        // A leap year, so 29 February can be named.
        match gregorian_ymd(2000, month, day) {
            Some(date) => self.icu().gregorian.md.format(&date).to_string(),
            None => format!("{day} {}", crate::date::month_name(month)),
        }
    }

    /// A Gregorian day and month, abbreviated, for chart axes: `3 Jan` in
    /// English, `3 janv.`, `3. Jan.`; `month` is 1–12, `day` 1–31.
    pub fn short_day_month(&self, month: u32, day: u32) -> String {
        match (self.english, gregorian_ymd(2000, month, day)) {
            (false, Some(date)) => self.icu().gregorian.md_short.format(&date).to_string(),
            _ => format!("{day} {}", self.short_month_name(month)),
        }
    }

    /// A Gregorian date, abbreviated, for chart axes: `3 Jan 2024` in English,
    /// `3 janv. 2024`; `month` is 1–12, `day` 1–31.
    pub fn short_date(&self, year: i32, month: u32, day: u32) -> String {
        match (self.english, gregorian_ymd(year, month, day)) {
            (false, Some(date)) => self.icu().gregorian.ymd_short.format(&date).to_string(),
            _ => format!("{day} {} {year}", self.short_month_name(month)),
        }
    }

    /// The language's digits, to write numbers in ([`Digits::apply`],
    /// [`Digits::number`]); ASCII
    /// digits in English.
    pub fn digit_set(&self) -> Digits {
        if self.english {
            Digits::default()
        } else {
            super::strings::digits_of(&self.tag)
        }
    }

    /// `text` with its ASCII digits written in the language's digits (`2024` →
    /// `۲۰۲۴` in Persian); unchanged in English and in languages written with
    /// ASCII digits. For numbers on axes and counts already formatted.
    pub fn digits(&self, text: &str) -> String {
        self.digit_set().apply(text)
    }

    /// A Gregorian reading in the language, not English: `3 janvier 2024`.
    fn gregorian_display(&self, moment: &Moment) -> String {
        let g = &self.icu().gregorian;
        let d = moment.local.date();
        let date = gregorian(d);
        match moment.precision {
            Precision::Year => g.y.format(&date).to_string(),
            Precision::Month => g.ym.format(&date).to_string(),
            Precision::Day => g.ymd.format(&date).to_string(),
            Precision::Minute => {
                let at = g.ymdt.format(&date_time(moment)).to_string();
                with_zone(at, moment)
            }
        }
    }

    /// The Gregorian date beside a display-calendar date, without a time: in
    /// English dateline's own reading, else CLDR's.
    fn gregorian_date(&self, moment: &Moment) -> String {
        let day = match moment.precision {
            Precision::Minute => Precision::Day,
            p => p,
        };
        let date = Moment {
            precision: day,
            local: moment.local.date().and_time(chrono::NaiveTime::MIN),
            offset: None,
            zone: None,
            instant: moment.instant,
        };
        if self.english {
            date.display()
        } else {
            self.gregorian_display(&date)
        }
    }

    /// The display calendar's reading of `moment`, every period it overlaps.
    fn calendar_reading(&self, display: &Display, moment: &Moment) -> String {
        let first = moment.local.date();
        let last = moment.last_date();
        let (a, b) = (gregorian(first), gregorian(last));
        let (ca, cb) = (
            a.to_calendar(Ref(&display.calendar)),
            b.to_calendar(Ref(&display.calendar)),
        );
        let same_year = ca.year().extended_year() == cb.year().extended_year();
        match moment.precision {
            Precision::Year if same_year => display.y.format(&a).to_string(),
            Precision::Year => format!("{}–{}", display.y.format(&a), display.y.format(&b)),
            Precision::Month if same_year && ca.month().ordinal == cb.month().ordinal => {
                display.ym.format(&a).to_string()
            }
            Precision::Month if same_year => {
                // One year, two months: the year written once, on the side CLDR's
                // year-month pattern writes it (`دی–بهمن ۱۴۰۲`).
                let (first_month, last_month) = (display.m.format(&a), display.m.format(&b));
                let last_ym = display.ym.format(&b).to_string();
                if last_ym.starts_with(&last_month.to_string()) {
                    format!("{first_month}–{last_ym}")
                } else {
                    format!("{}–{last_month}", display.ym.format(&a))
                }
            }
            Precision::Month => format!("{} – {}", display.ym.format(&a), display.ym.format(&b)),
            Precision::Day => display.ymd.format(&a).to_string(),
            Precision::Minute => {
                with_zone(display.ymdt.format(&date_time(moment)).to_string(), moment)
            }
        }
    }

    /// A Gregorian moment without what `known` says of it, in the language: see
    /// [`Moment::shown`].
    fn part(&self, moment: &Moment, known: Known) -> String {
        let g = &self.icu().gregorian;
        let date = gregorian(moment.local.date());
        match (known, moment.precision) {
            (Known::Nothing, _) => self.gregorian_display(moment),
            (Known::Year, Precision::Month) => g.m.format(&date).to_string(),
            (Known::Year, Precision::Day) => g.md.format(&date).to_string(),
            (Known::Month, Precision::Day) => g.d.format(&date).to_string(),
            (Known::Year, Precision::Minute) => {
                with_zone(g.mdt.format(&date_time(moment)).to_string(), moment)
            }
            (Known::Month, Precision::Minute) => {
                with_zone(g.dt.format(&date_time(moment)).to_string(), moment)
            }
            (Known::Day, Precision::Minute) => {
                with_zone(g.t.format(&time(moment)).to_string(), moment)
            }
            _ => String::new(),
        }
    }
}

/// How a language writes numbers, from its CLDR decimal formatter: the ten digits
/// (`0123456789`, the default; `۰۱۲۳۴۵۶۷۸۹` in Persian, `٠١٢٣٤٥٦٧٨٩` in Arabic)
/// and, outside English, the formatter itself, for separators and grouping.
#[derive(Clone, Copy)]
pub struct Digits {
    pub(super) digits: [char; 10],
    /// `None` in English: numbers are written as dateline writes them.
    pub(super) numbers: Option<&'static icu_decimal::DecimalFormatter>,
}

impl Default for Digits {
    fn default() -> Self {
        Digits {
            digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
            numbers: None,
        }
    }
}

impl PartialEq for Digits {
    fn eq(&self, other: &Self) -> bool {
        self.digits == other.digits
    }
}

impl std::fmt::Debug for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Digits").field(&self.digits).finish()
    }
}

impl Digits {
    /// `text` with its ASCII digits replaced by these; everything else as is
    /// (separators included: `1,200` stays grouped with a comma). For years,
    /// times and counts, which no language groups.
    pub fn apply(&self, text: &str) -> String {
        if self.digits[0] == '0' {
            return text.to_owned();
        }
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => self.digits[d as usize],
                _ => c,
            })
            .collect()
    }

    /// A number as English writes it (`1,500`, `0.5`, `-3`, `30.28`) as the
    /// language writes it, by ICU4X's decimal formatter (CLDR: its digits,
    /// decimal separator, grouping separator and minimum grouping): `۱٬۵۰۰` in
    /// Persian, `1.500` in German, `1 500` in French, `1500` in Spanish (which
    /// groups from five digits), `۳۰٫۲۸`, `30,28`. Unchanged in English, and text
    /// that is no such number gets [`Digits::apply`].
    pub fn number(&self, text: &str) -> String {
        let Some(formatter) = self.numbers else {
            return text.to_owned();
        };
        let plain: String = text.chars().filter(|&c| c != ',').collect();
        match plain.parse::<icu_decimal::input::Decimal>() {
            Ok(number) => formatter.format(&number).to_string(),
            Err(_) => self.apply(text),
        }
    }
}

/// The date styles of one build: the site's (its `language` and `calendar`), made
/// once, and one per other language a page is in, made the first time a page asks
/// (SPEC §11: a page's own header follows the page's language). Shared between the
/// build's threads; every style in the site's calendar.
#[derive(Debug, Default)]
pub struct DateStyles {
    site: OnceLock<std::sync::Arc<DateStyle>>,
    by_tag: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<DateStyle>>>,
}

impl DateStyles {
    /// The site's style: `tag` and `calendar` are the site's `language` and
    /// `calendar`, read the first time only.
    pub fn site(&self, tag: &str, calendar: Calendar) -> &DateStyle {
        self.site
            .get_or_init(|| std::sync::Arc::new(DateStyle::new(tag, calendar)))
    }

    /// The style of a page in language `tag`, in `calendar`: the site's when the
    /// tags are the same, else one made once per tag and kept.
    pub fn for_tag(&self, tag: &str, calendar: Calendar) -> std::sync::Arc<DateStyle> {
        if let Some(site) = self.site.get()
            && site.tag == tag
        {
            return site.clone();
        }
        let mut by_tag = self.by_tag.lock().unwrap_or_else(|e| e.into_inner());
        by_tag
            .entry(tag.to_owned())
            .or_insert_with(|| std::sync::Arc::new(DateStyle::new(tag, calendar)))
            .clone()
    }
}

impl Clone for DateStyles {
    /// A fresh, empty cache: styles are made again on first use.
    fn clone(&self) -> Self {
        DateStyles::default()
    }
}

impl Icu {
    fn new(tag: &str, calendar: Calendar) -> Icu {
        let locale = locale(tag);
        let prefs = |algorithm: CalendarAlgorithm| {
            let mut prefs = DateTimeFormatterPreferences::from(&locale);
            prefs.calendar_algorithm = Some(algorithm);
            prefs
        };
        let greg = prefs(CalendarAlgorithm::Gregory);
        // Compiled data holds every locale and field set used here: with it, a
        // constructor can only fail on a bug, and English data stands in.
        macro_rules! fixed {
            ($fset:expr) => {
                FixedCalendarDateTimeFormatter::try_new(greg, $fset).unwrap_or_else(|_| {
                    FixedCalendarDateTimeFormatter::try_new(Default::default(), $fset)
                        .expect("compiled data has English")
                })
            };
        }
        macro_rules! any {
            ($prefs:expr, $fset:expr) => {
                DateTimeFormatter::try_new($prefs, $fset).expect("compiled data has every calendar")
            };
        }
        let gregorian = GregorianFormatters {
            ymd: fixed!(YMD::long()),
            ym: fixed!(YM::long()),
            y: fixed!(Y::long()),
            md: fixed!(MD::long()),
            md_short: fixed!(MD::medium()),
            ymd_short: fixed!(YMD::medium()),
            m: fixed!(M::long()),
            short_m: fixed!(M::medium()),
            d: fixed!(D::long()),
            ymdt: fixed!(YMD::long().with_time_hm()),
            mdt: fixed!(MD::long().with_time_hm()),
            dt: fixed!(D::long().with_time_hm()),
            t: NoCalendarFormatter::try_new(greg, T::hm())
                .or_else(|_| NoCalendarFormatter::try_new(Default::default(), T::hm()))
                .expect("compiled data has English"),
        };
        let display = (calendar != Calendar::Gregorian).then(|| {
            let p = prefs(calendar.algorithm());
            Display {
                calendar: AnyCalendar::new(calendar.kind()),
                ymd: any!(p, YMD::long()),
                ym: any!(p, YM::long()),
                y: any!(p, Y::long()),
                m: any!(p, M::long()),
                ymdt: any!(p, YMD::long().with_time_hm()),
            }
        });
        Icu { gregorian, display }
    }
}

/// The ICU locale of `tag`: as written when ICU reads it, else its primary subtag,
/// else the root locale (English data). Two adjustments, both for tags without a
/// region: `ar` writes Arabic-Indic digits (`-u-nu-arab`) as SPEC §11 asks, where
/// CLDR's default for `ar` is now Latin digits (regional tags such as `ar-MA` keep
/// CLDR's choice, and a tag's own `-u-nu-` wins); plain `en` (used here only beside
/// another calendar) is international English (`en-001`), day before month as in
/// dateline's `3 January 2024`, not the United States' order.
pub(super) fn locale(tag: &str) -> Locale {
    let mut locale = Locale::try_from_str(tag)
        .or_else(|_| Locale::try_from_str(&super::primary(tag)))
        .unwrap_or(Locale::UNKNOWN);
    if locale.id.region.is_none() && locale.id.script.is_none() {
        let language = locale.id.language.as_str().to_owned();
        let adjusted = match language.as_str() {
            "ar" if !tag.contains("-nu-") => Some(format!("{tag}-u-nu-arab")),
            "en" => Some(tag.replacen("en", "en-001", 1)),
            _ => None,
        };
        if let Some(adjusted) = adjusted.and_then(|t| Locale::try_from_str(&t).ok()) {
            locale = adjusted;
        }
    }
    locale
}

/// The digits 0–9 the language's decimal formatter writes.
pub(super) fn digits(locale: &Locale) -> [char; 10] {
    let mut out = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    let prefs = icu_decimal::DecimalFormatterPreferences::from(locale);
    if let Ok(formatter) = icu_decimal::DecimalFormatter::try_new(prefs, Default::default()) {
        for (d, slot) in out.iter_mut().enumerate() {
            let formatted = formatter
                .format(&icu_decimal::input::Decimal::from(d as u32))
                .to_string();
            if let Some(c) = formatted.chars().next() {
                *slot = c;
            }
        }
    }
    out
}

/// The first moment of a Gregorian year, or of a month of it.
fn period(year: i32, month: Option<u32>) -> Option<Moment> {
    let local =
        NaiveDate::from_ymd_opt(year, month.unwrap_or(1), 1)?.and_time(chrono::NaiveTime::MIN);
    Some(Moment {
        precision: if month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        },
        local,
        offset: None,
        zone: None,
        instant: local.and_utc().timestamp(),
    })
}

fn gregorian_ymd(year: i32, month: u32, day: u32) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

fn gregorian(date: NaiveDate) -> Date<Gregorian> {
    gregorian_ymd(date.year(), date.month(), date.day())
        .unwrap_or_else(|| Date::try_new_gregorian(1970, 1, 1).expect("a valid date"))
}

fn time(moment: &Moment) -> Time {
    let (h, m) = (moment.local.hour(), moment.local.minute());
    Time::try_new(h as u8, m as u8, 0, 0).unwrap_or(Time::start_of_day())
}

fn date_time(moment: &Moment) -> DateTime<Gregorian> {
    DateTime {
        date: gregorian(moment.local.date()),
        time: time(moment),
    }
}

/// A formatted time followed by [`Moment`]'s zone label, as English shows it.
fn with_zone(mut at: String, moment: &Moment) -> String {
    let label = moment.zone_label();
    if !label.is_empty() {
        at.push(' ');
        at.push_str(&label);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        Moment::parse(text, Some(chrono_tz::Asia::Tehran), None).unwrap()
    }

    fn style(tag: &str, calendar: Calendar) -> DateStyle {
        DateStyle::new(tag, calendar)
    }

    /// The full readings of `dates` in `style`.
    fn readings(style: &DateStyle, dates: &[&str]) -> Vec<String> {
        dates.iter().map(|d| style.display(&at(d))).collect()
    }

    #[test]
    fn styles_are_shared_between_threads() {
        fn sync<T: Send + Sync>() {}
        sync::<DateStyle>();
    }

    #[test]
    fn persian_calendar_at_every_precision() {
        let fa = style("fa", Calendar::Persian);
        assert_eq!(
            readings(&fa, &["2024", "2024-01", "2024-01-03", "2024-01-03T14:50"]),
            [
                "۱۴۰۲–۱۴۰۳ (۲۰۲۴)",
                "۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)",
                "۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)",
                "۱۳ دی ۱۴۰۲ ساعت ۱۴:۵۰ IRST (۳ ژانویه ۲۰۲۴)",
            ]
        );
        assert_eq!(
            readings(&fa, &["2020", "2020-01", "2020-01-03", "2020-01-03T14:50"]),
            [
                "۱۳۹۸–۱۳۹۹ (۲۰۲۰)",
                "۱۳۹۸ دی–بهمن (ژانویه ۲۰۲۰)",
                "۱۳ دی ۱۳۹۸ (۳ ژانویه ۲۰۲۰)",
                "۱۳ دی ۱۳۹۸ ساعت ۱۴:۵۰ IRST (۳ ژانویه ۲۰۲۰)",
            ]
        );
        // The Persian calendar in English: the Gregorian date beside it is
        // dateline's own.
        let en = style("en", Calendar::Persian);
        assert_eq!(
            readings(&en, &["2024", "2024-01", "2024-01-03", "2020-01-03"]),
            [
                "1402 AP–1403 AP (2024)",
                "Dey–Bahman 1402 AP (January 2024)",
                "13 Dey 1402 AP (3 January 2024)",
                "13 Dey 1398 AP (3 January 2020)",
            ]
        );
    }

    #[test]
    fn a_gregorian_month_across_two_persian_years_shows_both() {
        let fa = style("fa", Calendar::Persian);
        // Nowruz, 1 Farvardin 1403, is 20 March 2024.
        assert_eq!(
            fa.display(&at("2024-03")),
            "۱۴۰۲ اسفند – ۱۴۰۳ فروردین (مارس ۲۰۲۴)"
        );
        assert_eq!(fa.display(&at("2023-12")), "۱۴۰۲ آذر–دی (دسامبر ۲۰۲۳)");
        assert_eq!(fa.month_heading(2024, 3), fa.display(&at("2024-03")));
        assert_eq!(fa.year_heading(2024), "۱۴۰۲–۱۴۰۳ (۲۰۲۴)");
    }

    #[test]
    fn islamic_calendar_at_every_precision() {
        let ar = style("ar", Calendar::IslamicUmmAlQura);
        assert_eq!(
            readings(&ar, &["2024", "2024-01", "2024-01-03", "2024-01-03T14:50"]),
            [
                "١٤٤٥ هـ–١٤٤٦ هـ (٢٠٢٤)",
                "جمادى الآخرة–رجب ١٤٤٥ هـ (يناير ٢٠٢٤)",
                "٢١ جمادى الآخرة ١٤٤٥ هـ (٣ يناير ٢٠٢٤)",
                "٢١ جمادى الآخرة ١٤٤٥ هـ في ٢:٥٠ م IRST (٣ يناير ٢٠٢٤)",
            ]
        );
        assert_eq!(
            readings(&ar, &["2020", "2020-01", "2020-01-03", "2020-01-03T14:50"]),
            [
                "١٤٤١ هـ–١٤٤٢ هـ (٢٠٢٠)",
                "جمادى الأولى–جمادى الآخرة ١٤٤١ هـ (يناير ٢٠٢٠)",
                "٨ جمادى الأولى ١٤٤١ هـ (٣ يناير ٢٠٢٠)",
                "٨ جمادى الأولى ١٤٤١ هـ في ٢:٥٠ م IRST (٣ يناير ٢٠٢٠)",
            ]
        );
        // The arithmetic calendar is a day behind Umm al-Qura here.
        let civil = style("ar", Calendar::IslamicCivil);
        assert_eq!(
            civil.display(&at("2020-01-03")),
            "٧ جمادى الأولى ١٤٤١ هـ (٣ يناير ٢٠٢٠)"
        );
        let fa = style("fa", Calendar::IslamicUmmAlQura);
        assert_eq!(
            fa.display(&at("2024-01-03")),
            "۲۱ جمادی\u{200c}الثانی ۱۴۴۵ ه\u{200d}.ق. (۳ ژانویه ۲۰۲۴)"
        );
        let en = style("en", Calendar::IslamicUmmAlQura);
        assert_eq!(
            readings(&en, &["2024", "2024-01", "2024-01-03"]),
            [
                "1445 AH–1446 AH (2024)",
                "Jumada II–Rajab 1445 AH (January 2024)",
                "21 Jumada II 1445 AH (3 January 2024)",
            ]
        );
    }

    #[test]
    fn a_gregorian_month_across_two_hijri_years_shows_both() {
        // 1 Muharram 1446 was 7 July 2024 by Umm al-Qura; in the arithmetic
        // calendar 7 July is still 30 Dhu al-Hijjah 1445.
        let ar = style("ar", Calendar::IslamicUmmAlQura);
        assert_eq!(
            readings(&ar, &["2024-07", "2024-07-06", "2024-07-07"]),
            [
                "ذو الحجة ١٤٤٥ هـ – محرم ١٤٤٦ هـ (يوليو ٢٠٢٤)",
                "٣٠ ذو الحجة ١٤٤٥ هـ (٦ يوليو ٢٠٢٤)",
                "١ محرم ١٤٤٦ هـ (٧ يوليو ٢٠٢٤)",
            ]
        );
        assert_eq!(ar.month_heading(2024, 7), ar.display(&at("2024-07")));
        let civil = style("ar", Calendar::IslamicCivil);
        assert_eq!(
            civil.display(&at("2024-07-07")),
            "٣٠ ذو الحجة ١٤٤٥ هـ (٧ يوليو ٢٠٢٤)"
        );
        // Eid al-Fitr 1445, 1 Shawwal, was 10 April 2024 in both.
        assert_eq!(
            ar.display(&at("2024-04-10")),
            "١ شوال ١٤٤٥ هـ (١٠ أبريل ٢٠٢٤)"
        );
        assert_eq!(
            civil.display(&at("2024-04-10")),
            ar.display(&at("2024-04-10"))
        );
    }

    #[test]
    fn a_gregorian_year_across_three_hijri_years_shows_the_first_and_last() {
        // 2008 began on 22 Dhu al-Hijjah 1428 and ended early in Muharram 1430.
        let ar = style("ar", Calendar::IslamicUmmAlQura);
        assert_eq!(ar.year_heading(2008), "١٤٢٨ هـ–١٤٣٠ هـ (٢٠٠٨)");
        assert_eq!(ar.display(&at("2008")), ar.year_heading(2008));
        let civil = style("ar", Calendar::IslamicCivil);
        assert_eq!(civil.year_heading(2008), "١٤٢٨ هـ–١٤٣٠ هـ (٢٠٠٨)");
    }

    #[test]
    fn arithmetic_hijri_calendar_at_every_precision() {
        let civil = style("ar", Calendar::IslamicCivil);
        assert_eq!(
            readings(&civil, &["2024", "2024-01", "2024-01-03"]),
            [
                "١٤٤٥ هـ–١٤٤٦ هـ (٢٠٢٤)",
                "جمادى الآخرة–رجب ١٤٤٥ هـ (يناير ٢٠٢٤)",
                "٢١ جمادى الآخرة ١٤٤٥ هـ (٣ يناير ٢٠٢٤)",
            ]
        );
    }

    #[test]
    fn spans_of_days_in_another_calendar() {
        let fa = style("fa", Calendar::Persian);
        assert_eq!(
            fa.display_span(&at("2024-01-04"), &at("2024-01-07")),
            "۱۴ دی ۱۴۰۲ (۴ ژانویه ۲۰۲۴) – ۱۷ دی ۱۴۰۲ (۷ ژانویه ۲۰۲۴)"
        );
        // Across the Persian new year, 1 Farvardin 1403 = 20 March 2024.
        assert_eq!(
            fa.display_span(&at("2024-03-19"), &at("2024-03-20")),
            "۲۹ اسفند ۱۴۰۲ (۱۹ مارس ۲۰۲۴) – ۱ فروردین ۱۴۰۳ (۲۰ مارس ۲۰۲۴)"
        );
        // A span that begins and ends on the same day reads as one date.
        assert_eq!(
            fa.display_span(&at("2024-01-03"), &at("2024-01-03")),
            "۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)"
        );
        let ar = style("ar", Calendar::IslamicUmmAlQura);
        assert_eq!(
            ar.display_span(&at("2024-01-03"), &at("2024-01-04")),
            "٢١ جمادى الآخرة ١٤٤٥ هـ (٣ يناير ٢٠٢٤) – ٢٢ جمادى الآخرة ١٤٤٥ هـ (٤ يناير ٢٠٢٤)"
        );
        let s = ar.shown(&at("2024-01-03"), Some(&at("2024-01-04")), Known::Month);
        assert_eq!(s.start, "٢١ جمادى الآخرة ١٤٤٥ هـ (٣ يناير ٢٠٢٤)");
        assert_eq!(
            s.end.as_deref(),
            Some("٢٢ جمادى الآخرة ١٤٤٥ هـ (٤ يناير ٢٠٢٤)")
        );
    }

    #[test]
    fn headings_in_another_calendar_keep_their_own_years() {
        let fa = style("fa", Calendar::Persian);
        assert_eq!(fa.month_under_year(2024, 1), "۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)");
        assert_eq!(fa.month_heading(2020, 1), "۱۳۹۸ دی–بهمن (ژانویه ۲۰۲۰)");
        // Axes stay Gregorian, in the language's digits.
        assert_eq!(fa.gregorian_year(2024), "۲۰۲۴");
        assert_eq!(fa.gregorian_month(2024, 1), "ژانویه ۲۰۲۴");
        let ar = style("ar", Calendar::IslamicUmmAlQura);
        assert_eq!(
            ar.month_under_year(2024, 1),
            "جمادى الآخرة–رجب ١٤٤٥ هـ (يناير ٢٠٢٤)"
        );
        assert_eq!(ar.gregorian_year(2024), "٢٠٢٤");
        let fr = style("fr", Calendar::Gregorian);
        assert_eq!(fr.month_under_year(2024, 1), "janvier");
    }

    #[test]
    fn numbers_take_each_languages_digits_separators_and_grouping() {
        let number = |tag: &str, text: &str| crate::i18n::strings::digits_of(tag).number(text);
        assert_eq!(number("en", "1,500"), "1,500");
        assert_eq!(number("en", "30.28"), "30.28");
        assert_eq!(number("fa", "1,500"), "۱٬۵۰۰");
        assert_eq!(number("fa", "30.28"), "۳۰٫۲۸");
        assert_eq!(number("ar", "0.5"), "٠٫٥");
        assert_eq!(number("de", "1,500"), "1.500");
        assert_eq!(number("de", "30.28"), "30,28");
        assert_eq!(number("fr", "1,500"), "1\u{202f}500");
        assert_eq!(number("fr", "2.5"), "2,5");
        // Spanish groups from five digits on (CLDR's minimum grouping digits).
        assert_eq!(number("es", "1,500"), "1500");
        assert_eq!(number("es", "15,000"), "15.000");
        // Trailing zeros as written: an axis's `1.0` stays one decimal.
        assert_eq!(number("de", "1.0"), "1,0");
        // CLDR's Persian minus sign, led by a left-to-right mark.
        assert_eq!(number("fa", "-3"), "\u{200e}\u{2212}۳");
        // Text that is no number keeps its words, its digits the language's.
        assert_eq!(number("fa", "12:05"), "۱۲:۰۵");
    }

    #[test]
    fn month_names_digits_and_order_in_each_language() {
        let dates = ["2024", "2024-01", "2024-01-03", "2024-01-03T14:50"];
        let cases: [(&str, [&str; 4]); 5] = [
            (
                "fr",
                [
                    "2024",
                    "janvier 2024",
                    "3 janvier 2024",
                    "3 janvier 2024 à 14:50 IRST",
                ],
            ),
            (
                "de",
                [
                    "2024",
                    "Januar 2024",
                    "3. Januar 2024",
                    "3. Januar 2024 um 14:50 IRST",
                ],
            ),
            (
                "es",
                [
                    "2024",
                    "enero de 2024",
                    "3 de enero de 2024",
                    "3 de enero de 2024 a las 14:50 IRST",
                ],
            ),
            (
                "fa",
                [
                    "۲۰۲۴",
                    "ژانویه ۲۰۲۴",
                    "۳ ژانویه ۲۰۲۴",
                    "۳ ژانویه ۲۰۲۴ ساعت ۱۴:۵۰ IRST",
                ],
            ),
            (
                "ar",
                [
                    "٢٠٢٤",
                    "يناير ٢٠٢٤",
                    "٣ يناير ٢٠٢٤",
                    "٣ يناير ٢٠٢٤ في ٢:٥٠ م IRST",
                ],
            ),
        ];
        for (tag, expected) in cases {
            assert_eq!(
                readings(&style(tag, Calendar::Gregorian), &dates),
                expected,
                "{tag}"
            );
        }
        let names = |tag: &str| {
            let s = style(tag, Calendar::Gregorian);
            [
                s.month_name(3),
                s.short_month_name(1),
                s.month_heading(2024, 3),
                s.digits("12:05"),
            ]
        };
        assert_eq!(names("fr"), ["mars", "janv.", "mars 2024", "12:05"]);
        assert_eq!(names("de"), ["März", "Jan", "März 2024", "12:05"]);
        assert_eq!(names("es"), ["marzo", "ene", "marzo de 2024", "12:05"]);
        assert_eq!(names("fa"), ["مارس", "ژانویه", "مارس ۲۰۲۴", "۱۲:۰۵"]);
        assert_eq!(names("ar"), ["مارس", "يناير", "مارس ٢٠٢٤", "١٢:٠٥"]);
        assert_eq!(names("en"), ["March", "Jan", "March 2024", "12:05"]);
        assert_eq!(
            style("fr", Calendar::Gregorian).day_month(1, 3),
            "3 janvier"
        );
        assert_eq!(style("fa", Calendar::Gregorian).year_heading(2024), "۲۰۲۴");
    }

    #[test]
    fn spans_and_list_forms_in_another_language() {
        let fr = style("fr", Calendar::Gregorian);
        assert_eq!(
            fr.display_span(&at("2024-01-04"), &at("2024-01-07")),
            "4–7 janvier 2024"
        );
        assert_eq!(
            fr.display_span(&at("2024-01-30"), &at("2024-02-02")),
            "30 janvier – 2 février 2024"
        );
        assert_eq!(
            fr.display_span(&at("2023-12-30"), &at("2024-01-02")),
            "30 décembre 2023 – 2 janvier 2024"
        );
        let shown = |m: &str, end: Option<&str>, known| {
            let s = fr.shown(&at(m), end.map(at).as_ref(), known);
            format!("{}{}{}", s.start, s.to, s.end.unwrap_or_default())
        };
        assert_eq!(shown("2024-01-03", None, Known::Year), "3 janvier");
        assert_eq!(shown("2024-01", None, Known::Year), "janvier");
        assert_eq!(shown("2024-01-03", None, Known::Month), "3");
        assert_eq!(shown("2024-01-03T14:50", None, Known::Day), "14:50 IRST");
        assert_eq!(
            shown("2024-01-03T14:50", None, Known::Year),
            "3 janvier à 14:50 IRST"
        );
        assert_eq!(shown("2024-01-04", Some("2024-01-07"), Known::Month), "4–7");
        assert_eq!(
            shown("2024-01-04", Some("2024-01-07"), Known::Year),
            "4–7 janvier"
        );
        assert_eq!(
            shown("2024-01-04", Some("2024-01-07"), Known::Day),
            "– 7 janvier"
        );
        // In another calendar the Gregorian headings leave nothing out.
        let fa = style("fa", Calendar::Persian);
        let s = fa.shown(&at("2024-01-04"), Some(&at("2024-01-07")), Known::Month);
        assert_eq!(s.start, "۱۴ دی ۱۴۰۲ (۴ ژانویه ۲۰۲۴)");
        assert_eq!(s.to, " – ");
        assert_eq!(s.end.as_deref(), Some("۱۷ دی ۱۴۰۲ (۷ ژانویه ۲۰۲۴)"));
        let s = fa.shown(&at("2024-01-03"), None, Known::Year);
        assert_eq!(
            (s.start.as_str(), s.end),
            ("۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)", None)
        );
        assert_eq!(
            fa.display_span(&at("2024-01-30"), &at("2024-02-02")),
            "۱۰ بهمن ۱۴۰۲ (۳۰ ژانویه ۲۰۲۴) – ۱۳ بهمن ۱۴۰۲ (۲ فوریه ۲۰۲۴)"
        );
    }

    #[test]
    fn english_reads_exactly_as_the_moment_methods() {
        let en = style("en", Calendar::Gregorian);
        assert!(en.is_plain_english());
        let dates = [
            "2024",
            "2024-01",
            "2024-01-03",
            "2024-01-03T14:50",
            "2024-01-03T14:50Z",
            "2024-01-03T14:50+03:30",
        ];
        for d in dates {
            assert_eq!(en.display(&at(d)), at(d).display(), "{d}");
        }
        // Every span shape: same month, two months, two years, two times of a day,
        // mixed precisions, and a span that reads as one date.
        let spans = [
            ("2020-01-04", "2020-01-07"),
            ("2020-01-30", "2020-02-02"),
            ("2019-12-30", "2020-01-02"),
            ("2024-01-03T14:50", "2024-01-03T16:00"),
            ("2024-01-03T14:50", "2024-01-05T09:00"),
            ("2024-01", "2024-03"),
            ("2023", "2024"),
            ("2024-01", "2024-01-20"),
            ("2024-01-03", "2024-01-03"),
        ];
        let knowns = [Known::Nothing, Known::Year, Known::Month, Known::Day];
        for (a, b) in spans {
            let (a, b) = (at(a), at(b));
            assert_eq!(en.display_span(&a, &b), a.display_span(&b));
            for known in knowns {
                assert_eq!(en.shown(&a, Some(&b), known), a.shown(Some(&b), known));
                assert_eq!(en.shown(&a, None, known), a.shown(None, known));
            }
        }
        assert_eq!(en.year_heading(2024), "2024");
        assert_eq!(en.month_heading(2024, 1), "January 2024");
        assert_eq!(en.digits("2024"), "2024");
        // English never loads ICU's data.
        assert!(en.icu.get().is_none());
    }
}
