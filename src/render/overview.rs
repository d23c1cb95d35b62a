//! Stage 3, render: the overview that opens the timeline and each year page (SPEC
//! §10), an inline SVG drawn at build time, with its caption and a table of the same
//! facts.
//!
//! [`Overview::timeline`] draws a bar per month while the events' years run to at
//! most [`MONTHS_UP_TO_YEARS`], else a bar per year; [`Overview::year`] draws the
//! twelve months of one year. Each bar's height is its count of events, from zero
//! up to the tallest bar, which the caption names; each bar links to its archive
//! page (`/2024/03/`, `/2024/`). What the dates say, and no more:
//!
//! - An event is counted once, in the period its start date falls in. A span (an
//!   event with `end`) is counted where it starts and drawn as a band below the
//!   bars across the time it covers, to the last day its end can mean
//!   (`end: 2024-03` runs to 31 March); a band is clipped at the edges of the
//!   overview, and its link names its full dates.
//! - An event known only to its month counts in that month's bar.
//! - An event known only to its year belongs to no month: with a bar per month, when
//!   any year drawn has one, every year gets an outlined bar of its own ahead of
//!   January (empty where there is none), on the same scale, linking to the year's
//!   archive, where "During 2024" heads the page (on that page itself it is no
//!   link). Counting it in a month would invent a month; spreading it over twelve
//!   would invent a rate. With a bar per year it simply counts in its year's bar.
//! - A bar of one event among hundreds is still drawn 2 units tall (of 640 wide),
//!   and a band at least 3 units wide; spans overlapping more than four deep share
//!   the last lane, translucent.
//! - A key event (front matter `key: true`) is a diamond above its bar, linked to
//!   the event and named by its title and date; above [`MAX_STACK`] in one bar, the
//!   last diamond stands for the rest and links to the bar's archive.
//!
//! The SVG follows the figure chart's house style ([`super::chart`]): a `viewBox`
//! and no fixed size, colours only from the theme's `overview-*` classes and
//! `currentColor` so dark mode follows the page, `role="group"` named by its
//! `<title>` and `<desc>` (a group, not an image: it holds links), and room for text
//! measured at the larger size the theme sets on narrow screens, where axis labels
//! that would run together carry `overview-wide` and are hidden. The figure's
//! caption says what the bars count and how tall the tallest is; a `<details>`
//! after it holds the same counts, key events and spans as a table and a list, for
//! readers who get no SVG. No script. Time runs left to right whatever `order`
//! says, in the SVG's own coordinates (`direction="ltr"`, so text anchors keep their
//! sides); each label reads in the direction of its own text, anchored so that it
//! keeps its place (`chart::Bidi`); on a right-to-left page the built-in theme
//! mirrors the SVG and turns each text back about its own centre, so there time runs
//! right to left, as the year navigation under it does. Words are English, like the
//! rest of the theme's generated text.
//!
//! Cheap by design: [`Overview::new`] walks the events once for spans; counts come
//! from the calendar the views already hold, so a year page costs the events of its
//! year and the spans, not the site.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::chart::{Bidi, Esc, N, Side};
use crate::i18n::dates::DateStyle;
use crate::i18n::strings::Table;
use crate::site::Site;
use crate::urls;

/// Events by year, then month (`None`: known only to the year), each list in
/// timeline order: [`Site::calendar`], as [`Views::calendar`](super::views::Views)
/// holds it.
pub type Calendar = BTreeMap<i32, BTreeMap<Option<u32>, Vec<usize>>>;

/// The most calendar years, first to last, for which the timeline's overview draws a
/// bar per month (at most 195 bars, with the years' own); for more, a bar per year.
/// The "about 15 years": past that a month's bar is under 3.5 units of 640.
pub const MONTHS_UP_TO_YEARS: i32 = 15;

/// The most key-event diamonds stacked above one bar: the last stands for the rest.
pub const MAX_STACK: usize = 3;

/// The overviews of a site: built once per build, rendered once per page that
/// shows one.
pub struct Overview<'a> {
    site: &'a Site,
    calendar: &'a Calendar,
    /// Every event with an `end`, in timeline order.
    spans: Vec<Span>,
    /// The site's language's words (`overview.*`).
    words: &'a Table,
}

/// An event with an `end`: where its band starts and ends, as calendar dates.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Index into [`Site::events`].
    event: usize,
    /// The first day its start date can mean.
    first: NaiveDate,
    /// The last day its end date can mean.
    last: NaiveDate,
}

/// What one bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    /// A whole year, in year mode.
    Year(i32),
    /// The events of a year known only to the year, in month mode.
    During(i32),
    /// A month: year and 1–12.
    Month(i32, u32),
}

impl Period {
    /// How a bar's link and the table name it: `2024`, `2024, known only to the
    /// year`, `March 2024`.
    /// Gregorian periods, in the language and digits of `dates`.
    fn name(self, dates: &DateStyle, words: &Table) -> String {
        match self {
            Period::Year(y) => dates.gregorian_year(y),
            Period::During(y) => words.fill(
                "overview.during_period",
                &[("year", &dates.gregorian_year(y))],
            ),
            Period::Month(y, m) => dates.gregorian_month(y, m),
        }
    }

    /// The site path of its archive: `2024/03/`, `2024/`.
    fn path(self) -> String {
        match self {
            Period::Year(y) | Period::During(y) => urls::year(y),
            Period::Month(y, m) => urls::month(y, m),
        }
    }
}

/// One bar: its period, how many events it counts, its key events.
#[derive(Debug, Clone)]
struct Slot {
    period: Period,
    count: usize,
    /// Its key events (indexes into [`Site::events`]), in timeline order.
    keys: Vec<usize>,
    /// Whether the bar links to its archive: not on the page it would link to.
    linked: bool,
}

/// Whether bars count months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Month,
    Year,
}

/// One overview, before it is drawn: its bars, in time order, and the spans it
/// shows.
struct Plan<'s> {
    unit: Unit,
    /// The first and last years drawn.
    first: i32,
    last: i32,
    /// Whether, by month, each year has a bar for what is known only to it.
    during: bool,
    slots: Vec<Slot>,
    spans: Vec<&'s Span>,
    /// The year of the year page it is drawn for; `None` for the timeline.
    page: Option<i32>,
    /// `overview` for the timeline, `overview-2024` for a year, to name the ids
    /// inside.
    id: String,
    /// The SVG's `<title>`: `Overview of the timeline`, `Overview of 2024`.
    title: String,
}

impl<'a> Overview<'a> {
    /// The overviews of `site`, counting from `calendar` ([`Site::calendar`]),
    /// in the words of `words`, the site's language's table.
    pub fn new(site: &'a Site, calendar: &'a Calendar, words: &'a Table) -> Overview<'a> {
        let spans = (site.events.iter().enumerate())
            .filter_map(|(event, e)| {
                let end = e.end.as_ref()?;
                Some(Span {
                    event,
                    first: e.date.date(),
                    last: end.last_date().max(e.date.date()),
                })
            })
            .collect();
        Overview {
            site,
            calendar,
            spans,
            words,
        }
    }

    /// The timeline's overview, as HTML to output as is (see [`Overview::year`]
    /// for its parts): a bar per month when the events' years, first to last, are
    /// at most [`MONTHS_UP_TO_YEARS`] and some event is known to its month, else a
    /// bar per year. Empty when the site has no events.
    pub fn timeline(&self) -> String {
        let (Some(&first), Some(&last)) =
            (self.calendar.keys().next(), self.calendar.keys().last())
        else {
            return String::new();
        };
        // Months say nothing when no event is known to one: a bar per year then.
        let any_month = self
            .calendar
            .values()
            .any(|months| months.keys().any(Option::is_some));
        let unit =
            if any_month && i64::from(last) - i64::from(first) < i64::from(MONTHS_UP_TO_YEARS) {
                Unit::Month
            } else {
                Unit::Year
            };
        let plan = self.plan(unit, first, last, None);
        self.render(&plan)
    }

    /// The overview of `year`'s page, as HTML to output as is: a `<div
    /// class="overview">` holding a `<figure>` (the SVG, 640 units wide, and a
    /// caption saying what the bars count, the tallest bar, and what the marks
    /// mean) and a `<details>` with the same facts as a table. Twelve month bars,
    /// and one for what is known only to the year when there is any, which is not
    /// a link on the year's own page. Empty when `year` has no events.
    pub fn year(&self, year: i32) -> String {
        if !self.calendar.contains_key(&year) {
            return String::new();
        }
        let plan = self.plan(Unit::Month, year, year, Some(year));
        self.render(&plan)
    }

    /// What the overview of the years `first` to `last` draws besides the counts
    /// of its bars: the spans it crosses and the key events in it. A page showing it
    /// depends on them, so `serve` renders it again when one changes (`Dep::Items`).
    pub fn marked(&self, first: i32, last: i32) -> Vec<usize> {
        let mut events = self.spans_in(first, last);
        for year in first..=last {
            if let Some(months) = self.calendar.get(&year) {
                events.extend(
                    months
                        .values()
                        .flatten()
                        .filter(|&&i| self.site.events[i].key),
                );
            }
        }
        events.sort_unstable();
        events.dedup();
        events
    }

    /// The spans that run into the years `first` to `last` (`first` to `last`
    /// included), whether they start in them or before.
    fn spans_in(&self, first: i32, last: i32) -> Vec<usize> {
        (self.spans.iter())
            .filter(|s| s.first.year() <= last && s.last.year() >= first)
            .map(|s| s.event)
            .collect()
    }

    fn plan(&self, unit: Unit, first: i32, last: i32, page: Option<i32>) -> Plan<'_> {
        let events = &self.site.events;
        let during = unit == Unit::Month
            && (first..=last)
                .any(|y| (self.calendar.get(&y)).is_some_and(|months| months.contains_key(&None)));
        // A bar of the events in `lists`.
        let slot = |period: Period, lists: &[&Vec<usize>]| {
            let count = lists.iter().map(|l| l.len()).sum();
            Slot {
                period,
                count,
                keys: (lists.iter().copied().flatten())
                    .copied()
                    .filter(|&i| events[i].key)
                    .collect(),
                // The year's own bar is not a link on the year's own page.
                linked: count > 0 && page.is_none_or(|y| period != Period::During(y)),
            }
        };
        let none = Vec::new();
        let mut slots = Vec::new();
        for y in first..=last {
            let months = self.calendar.get(&y);
            let list = |m: Option<u32>| months.and_then(|months| months.get(&m)).unwrap_or(&none);
            match unit {
                Unit::Year => {
                    let lists: Vec<&Vec<usize>> =
                        months.into_iter().flat_map(|m| m.values()).collect();
                    slots.push(slot(Period::Year(y), &lists));
                }
                Unit::Month => {
                    if during {
                        slots.push(slot(Period::During(y), &[list(None)]));
                    }
                    for m in 1..=12 {
                        slots.push(slot(Period::Month(y, m), &[list(Some(m))]));
                    }
                }
            }
        }
        let spans = (self.spans.iter())
            .filter(|s| s.first.year() <= last && s.last.year() >= first)
            .collect();
        let (id, title) = match page {
            Some(y) => (
                format!("overview-{y}"),
                self.words.fill(
                    "overview.title_year",
                    &[("year", &self.site.dates().gregorian_year(y))],
                ),
            ),
            None => (
                "overview".to_owned(),
                self.words.text("overview.title_timeline").to_owned(),
            ),
        };
        Plan {
            unit,
            first,
            last,
            during,
            slots,
            spans,
            page,
            id,
            title,
        }
    }

    fn render(&self, plan: &Plan<'_>) -> String {
        let mut out = String::with_capacity(4096 + plan.slots.len() * 300);
        out.push_str("<div class=\"overview\"><figure class=\"overview-figure\">");
        self.svg(&mut out, plan);
        self.caption(&mut out, plan);
        out.push_str("</figure>");
        self.table(&mut out, plan);
        out.push_str("</div>");
        out
    }
}

/// The viewBox's width; the height follows from what is drawn.
const WIDTH: f64 = 640.0;
/// Room left and right of the bars.
const SIDE: f64 = 6.0;
/// Text size in user units on wide screens: 12 units are 14 pixels in an overview
/// 48rem (768 pixels) wide.
const FONT: f64 = 12.0;
/// The text size the theme sets on the narrowest screens (`.overview-chart {
/// font-size: 22px }` under 30rem): 22 units are 12 pixels in an overview 350
/// pixels wide (a 390-pixel screen less the page's margins), where 12 would be 6.6.
/// Room for text is measured at this size, so it fits at every size.
const NARROW_FONT: f64 = 22.0;
/// A generous average advance of one character of a sans-serif face, as a share of
/// the text size, to keep labels apart without measuring text.
const ADVANCE: f64 = 0.6;
/// Space between labels, at least.
const LABEL_GAP: f64 = 8.0;
/// The height of the tallest bar.
const PLOT: f64 = 110.0;
/// Room above the bars, less what key events take.
const TOP: f64 = 6.0;
/// A key event's diamond: its half-diagonal, and how far apart stacked diamonds
/// are.
const KEY: f64 = 6.0;
const KEY_STEP: f64 = 14.0;
/// Room between a bar and the diamond above it.
const KEY_GAP: f64 = 3.0;
/// The lowest bar of an event or more, so one event among hundreds still shows.
const MIN_BAR: f64 = 2.0;
/// The narrowest band, so a span of a day shows across years.
const MIN_BAND: f64 = 3.0;
/// Span bands: their lanes' height and spacing, and how many lanes at most; more
/// spans at once overlap in the last lane (bands are translucent).
const LANE: f64 = 9.0;
const LANE_GAP: f64 = 3.0;
const MAX_LANES: usize = 4;
/// The axis's tick length, and the label baseline below it.
const TICK: f64 = 5.0;
const LABEL_BASELINE: f64 = TICK + 0.85 * NARROW_FONT;

/// Where things go in one overview.
struct Frame {
    slot: f64,
    /// The top of the bars' column (key events go above the bars inside it).
    top: f64,
    /// The bars' baseline: zero.
    baseline: f64,
    /// The largest count: the tallest bar.
    max: usize,
    /// Each span's lane.
    lanes: Vec<usize>,
    lane_count: usize,
}

impl Frame {
    fn x(&self, slot: f64) -> f64 {
        SIDE + slot * self.slot
    }

    fn bar_height(&self, count: usize) -> f64 {
        if count == 0 || self.max == 0 {
            return 0.0;
        }
        (count as f64 / self.max as f64 * PLOT).max(MIN_BAR)
    }

    /// The bottom of the span lanes: the top of the axis.
    fn axis(&self) -> f64 {
        if self.lane_count == 0 {
            self.baseline
        } else {
            self.baseline + 4.0 + self.lane_count as f64 * (LANE + LANE_GAP)
        }
    }

    fn height(&self) -> f64 {
        self.axis() + LABEL_BASELINE + 8.0
    }
}

impl Plan<'_> {
    /// Bars per year: 12, 13 with the year's own, or 1.
    fn per_year(&self) -> usize {
        match self.unit {
            Unit::Year => 1,
            Unit::Month => 12 + usize::from(self.during),
        }
    }

    /// Where a date falls, in bars from the left edge (a fraction into its bar's
    /// period): its start, or with `end` its end. Dates outside the years drawn are
    /// at an edge.
    fn at(&self, d: NaiveDate, end: bool) -> f64 {
        if d.year() < self.first {
            return 0.0;
        }
        if d.year() > self.last {
            return self.slots.len() as f64;
        }
        let year = (d.year() - self.first) as usize * self.per_year();
        let end = f64::from(u8::from(end));
        match self.unit {
            Unit::Year => {
                let days = if d.leap_year() { 366.0 } else { 365.0 };
                year as f64 + (f64::from(d.ordinal0()) + end) / days
            }
            Unit::Month => {
                let month = year + usize::from(self.during) + d.month0() as usize;
                month as f64 + (f64::from(d.day0()) + end) / f64::from(d.num_days_in_month())
            }
        }
    }

    /// Each span's band, from and to (in bars from the left edge), and whether it
    /// runs on past the left and right edges.
    fn bands(&self) -> Vec<(f64, f64, bool, bool)> {
        (self.spans.iter())
            .map(|s| {
                (
                    self.at(s.first, false),
                    self.at(s.last, true),
                    s.first.year() < self.first,
                    s.last.year() > self.last,
                )
            })
            .collect()
    }

    fn frame(&self, bands: &[(f64, f64, bool, bool)]) -> Frame {
        let slot = (WIDTH - 2.0 * SIDE) / self.slots.len().max(1) as f64;
        let max = self.slots.iter().map(|s| s.count).max().unwrap_or(0);
        let stack = (self.slots.iter())
            .map(|s| s.keys.len().min(MAX_STACK))
            .max()
            .unwrap_or(0);
        let keys = if stack == 0 {
            0.0
        } else {
            KEY_GAP + 2.0 * KEY + (stack - 1) as f64 * KEY_STEP
        };
        let top = TOP + keys;
        let (lanes, lane_count) = lanes(bands, slot);
        Frame {
            slot,
            top,
            baseline: top + PLOT,
            max,
            lanes,
            lane_count,
        }
    }

    /// What the bars count, over what: `Events per month, January 2020 to December
    /// 2024`, `Events per year, 1950 to 2025`, `Events per month of 2024`.
    fn what(&self, dates: &DateStyle, words: &Table) -> String {
        let (first, last) = (
            dates.gregorian_year(self.first),
            dates.gregorian_year(self.last),
        );
        match self.unit {
            Unit::Year => words.fill(
                "overview.per_year_span",
                &[("first", &first), ("last", &last)],
            ),
            Unit::Month if self.first == self.last => {
                words.fill("overview.per_month_of", &[("year", &first)])
            }
            Unit::Month => words.fill(
                "overview.per_month_span",
                &[("first", &first), ("last", &last)],
            ),
        }
    }

    /// What the tallest bar counts, to read the others by, its period as `dates`
    /// names it: `; tallest bar: 3 events
    /// (January 2024)`, `; tallest bars: 1 event each (3 bars)`; empty without
    /// events.
    fn scale(&self, dates: &DateStyle, words: &Table) -> String {
        let max = self.slots.iter().map(|s| s.count).max().unwrap_or(0);
        let mut tallest = self.slots.iter().filter(|s| s.count == max);
        match (max, tallest.next(), tallest.count()) {
            (0, _, _) | (_, None, _) => String::new(),
            (_, Some(slot), 0) => words.fill(
                "overview.tallest_bar",
                &[
                    ("events", &words.counted("overview.events", max)),
                    ("period", &slot.period.name(dates, words)),
                ],
            ),
            (_, Some(_), more) => words.fill(
                "overview.tallest_bars",
                &[
                    ("events", &words.counted("overview.events", max)),
                    ("bars", &words.counted("overview.bars", more + 1)),
                ],
            ),
        }
    }

    fn total(&self) -> usize {
        self.slots.iter().map(|s| s.count).sum()
    }

    fn key_count(&self) -> usize {
        self.slots.iter().map(|s| s.keys.len()).sum()
    }

    fn during_count(&self) -> usize {
        (self.slots.iter())
            .filter(|s| matches!(s.period, Period::During(_)))
            .map(|s| s.count)
            .sum()
    }
}

/// Lanes for bands `(from, to, …)` in bars, each `slot` units wide: each band in
/// the first lane whose bands end before it starts, with room between; past
/// [`MAX_LANES`], in the lane that frees first. The lane of each band, and how
/// many lanes.
fn lanes(bands: &[(f64, f64, bool, bool)], slot: f64) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by(|&a, &b| bands[a].0.total_cmp(&bands[b].0));
    let mut ends: Vec<f64> = Vec::new();
    let mut lane_of = vec![0; bands.len()];
    for i in order {
        let (from, to, _, _) = bands[i];
        let (from, to) = (from * slot, (to * slot).max(from * slot + MIN_BAND));
        let free = ends.iter().position(|&end| end + 2.0 <= from);
        let lane = match free {
            Some(lane) => lane,
            None if ends.len() < MAX_LANES => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => (0..ends.len())
                .min_by(|&a, &b| ends[a].total_cmp(&ends[b]))
                .unwrap_or(0),
        };
        ends[lane] = ends[lane].max(to);
        lane_of[i] = lane;
    }
    (lane_of, ends.len())
}

impl Overview<'_> {
    fn link(&self, path: &str) -> String {
        self.site.config.link(path)
    }

    /// A key event's accessible name: `Key event: Kerman explosions, 3 January 2024`.
    fn key_name(&self, i: usize) -> String {
        let event = &self.site.events[i];
        self.words.fill(
            "overview.key_event",
            &[
                ("title", &event.title),
                (
                    "date",
                    &super::views::event_date_text(self.site.dates(), event),
                ),
            ],
        )
    }

    fn svg(&self, out: &mut String, plan: &Plan<'_>) {
        let bands = plan.bands();
        let frame = plan.frame(&bands);
        let id = &plan.id;
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" \
             class=\"overview-chart\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\" \
             font-size=\"{}\" fill=\"currentColor\" direction=\"ltr\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            N(WIDTH),
            N(frame.height()),
            N(FONT),
            Esc(&plan.title),
            Esc(&self.description(plan)),
        );
        self.grid(out, plan, &frame);
        self.bars(out, plan, &frame);
        self.keys(out, plan, &frame);
        let _ = write!(
            out,
            "<path class=\"overview-baseline\" d=\"M{} {}H{}\" stroke=\"currentColor\"/>",
            N(SIDE),
            N(frame.baseline),
            N(WIDTH - SIDE)
        );
        self.bands(out, plan, &frame, &bands);
        self.axis(out, plan, &frame);
        out.push_str("</svg>");
    }

    /// The SVG's `<desc>`: what it shows in words.
    fn description(&self, plan: &Plan<'_>) -> String {
        let (dates, words) = (self.site.dates(), self.words);
        let mut text = words.fill(
            "overview.summary",
            &[
                ("what", &plan.what(dates, words)),
                ("events", &words.counted("overview.events", plan.total())),
                ("scale", &plan.scale(dates, words)),
            ],
        );
        let during = plan.during_count();
        if during > 0 {
            text.push_str(&words.counted("overview.during_note", during));
        }
        let keys = plan.key_count();
        if keys > 0 {
            text.push_str(&words.counted("overview.keys_note", keys));
        }
        if !plan.spans.is_empty() {
            text.push_str(&words.counted("overview.spans_note", plan.spans.len()));
        }
        text
    }

    /// Light lines between years, when bars count months of more than one year.
    fn grid(&self, out: &mut String, plan: &Plan<'_>, frame: &Frame) {
        if plan.unit == Unit::Year || plan.first == plan.last {
            return;
        }
        out.push_str("<g class=\"overview-grid\" stroke=\"currentColor\">");
        for y in plan.first + 1..=plan.last {
            let x = frame.x(((y - plan.first) as usize * plan.per_year()) as f64);
            let _ = write!(
                out,
                "<path d=\"M{} {}V{}\"/>",
                N(x),
                N(frame.top),
                N(frame.axis())
            );
        }
        out.push_str("</g>");
    }

    /// Each bar with something in it, as a link to its archive named by its period
    /// and count, over a column as wide as the bar's period and as tall as the
    /// plot, so that a narrow bar is easy to hit.
    fn bars(&self, out: &mut String, plan: &Plan<'_>, frame: &Frame) {
        out.push_str("<g class=\"overview-bars\">");
        let width = (frame.slot * 0.72).clamp(1.0, 36.0);
        for (n, slot) in plan.slots.iter().enumerate() {
            if slot.count == 0 {
                continue;
            }
            let during = matches!(slot.period, Period::During(_));
            let class = if during { " during" } else { "" };
            let name = self.words.fill(
                "overview.bar",
                &[
                    ("period", &slot.period.name(self.site.dates(), self.words)),
                    ("events", &self.words.counted("overview.events", slot.count)),
                ],
            );
            if slot.linked {
                let _ = write!(
                    out,
                    "<a href=\"{}\" class=\"overview-slot{class}\"><title>{}</title>\
                     <rect class=\"overview-hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"transparent\"/>",
                    Esc(&self.link(&slot.period.path())),
                    Esc(&name),
                    N(frame.x(n as f64)),
                    N(frame.top),
                    N(frame.slot),
                    N(frame.baseline - frame.top),
                );
            } else {
                let _ = write!(
                    out,
                    "<g class=\"overview-slot{class}\"><title>{}</title>",
                    Esc(&name)
                );
            }
            let h = frame.bar_height(slot.count);
            let x = frame.x(n as f64 + 0.5) - width / 2.0;
            if during {
                // An outline inside the bar's box, so it is as tall as a filled one.
                let _ = write!(
                    out,
                    "<rect class=\"overview-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>",
                    N(x + 0.75),
                    N(frame.baseline - h + 0.75),
                    N((width - 1.5).max(0.1)),
                    N((h - 1.5).max(0.1)),
                );
            } else {
                let _ = write!(
                    out,
                    "<rect class=\"overview-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                    N(x),
                    N(frame.baseline - h),
                    N(width),
                    N(h),
                );
            }
            out.push_str(if slot.linked { "</a>" } else { "</g>" });
        }
        out.push_str("</g>");
    }

    /// A diamond above its bar for each key event, linked to the event; past
    /// [`MAX_STACK`] in a bar, the last links to the bar's archive for the rest.
    fn keys(&self, out: &mut String, plan: &Plan<'_>, frame: &Frame) {
        if plan.key_count() == 0 {
            return;
        }
        out.push_str("<g class=\"overview-keys\">");
        for (n, slot) in plan.slots.iter().enumerate() {
            let cx = frame.x(n as f64 + 0.5);
            let top = frame.baseline - frame.bar_height(slot.count);
            for (k, &i) in slot.keys.iter().enumerate().take(MAX_STACK) {
                let cy = top - KEY_GAP - KEY - k as f64 * KEY_STEP;
                let rest = slot.keys.len() - k;
                let more = k + 1 == MAX_STACK && rest > 1;
                let (href, name) = if more {
                    (self.link(&slot.period.path()), {
                        let period = slot.period.name(self.site.dates(), self.words);
                        let form = self.words.counted("overview.more_keys", rest);
                        crate::i18n::strings::fill_in(&form, &[("period", &period)])
                    })
                } else {
                    (self.link(&self.site.events[i].path), self.key_name(i))
                };
                let _ = write!(
                    out,
                    "<a href=\"{}\" class=\"overview-key{}\"><title>{}</title>\
                     <path d=\"M{} {}l{} {}l{} {}l{} {}z\"/></a>",
                    Esc(&href),
                    if more { " more" } else { "" },
                    Esc(&name),
                    N(cx),
                    N(cy - KEY),
                    N(KEY),
                    N(KEY),
                    N(-KEY),
                    N(KEY),
                    N(-KEY),
                    N(-KEY),
                );
            }
        }
        out.push_str("</g>");
    }

    /// Each span's band in its lane below the bars, linked to the event and named by
    /// its title and dates. A band that runs on past an edge ends there in a point.
    fn bands(
        &self,
        out: &mut String,
        plan: &Plan<'_>,
        frame: &Frame,
        bands: &[(f64, f64, bool, bool)],
    ) {
        if bands.is_empty() {
            return;
        }
        out.push_str("<g class=\"overview-spans\">");
        for ((span, &(from, to, before, after)), &lane) in
            plan.spans.iter().zip(bands).zip(&frame.lanes)
        {
            let event = &self.site.events[span.event];
            let x0 = frame.x(from);
            let x1 = frame.x(to).max(x0 + MIN_BAND);
            let y = frame.baseline + 4.0 + lane as f64 * (LANE + LANE_GAP);
            let name = format!(
                "{}, {}",
                event.title,
                super::views::event_date_text(self.site.dates(), event)
            );
            // A point of half the lane's height at an end that runs on.
            let (l, r) = (
                if before { LANE / 2.0 } else { 0.0 },
                if after { LANE / 2.0 } else { 0.0 },
            );
            let _ = write!(
                out,
                "<a href=\"{}\" class=\"overview-span\"><title>{}</title>\
                 <path d=\"M{} {}H{}l{} {}l{} {}H{}l{} {}z\"/></a>",
                Esc(&self.link(&event.path)),
                Esc(&name),
                N(x0 + l),
                N(y),
                N(x1 - r),
                N(r),
                N(LANE / 2.0),
                N(-r),
                N(LANE / 2.0),
                N(x0 + l),
                N(-l),
                N(-LANE / 2.0),
            );
        }
        out.push_str("</g>");
    }

    /// Tick marks and labels: the months by name for one year, else years, as many
    /// as fit; those that fit only at the wide text size carry `overview-wide`.
    fn axis(&self, out: &mut String, plan: &Plan<'_>, frame: &Frame) {
        let axis = frame.axis();
        let baseline = axis + LABEL_BASELINE;
        out.push_str("<g class=\"overview-axis\" text-anchor=\"middle\">");
        if plan.unit == Unit::Month && plan.first == plan.last {
            // Three letters on wide screens, one on narrow ones (`J F M …`), where
            // three would touch.
            for (n, slot) in plan.slots.iter().enumerate() {
                let Period::Month(_, m) = slot.period else {
                    continue;
                };
                let (wide, narrow) = (
                    self.site.dates().short_month_name(m),
                    self.site.dates().narrow_month_name(m),
                );
                let x = N(frame.x(n as f64 + 0.5));
                let _ = write!(
                    out,
                    "<text{} class=\"overview-label overview-wide\" x=\"{x}\" y=\"{}\">{}</text>\
                     <text{} class=\"overview-label overview-narrow\" x=\"{x}\" y=\"{}\">{}</text>",
                    Bidi::new(&wide, Side::Middle, Side::Middle),
                    N(baseline),
                    Esc(&wide),
                    Bidi::new(&narrow, Side::Middle, Side::Middle),
                    N(baseline),
                    Esc(&narrow),
                );
            }
            out.push_str("</g>");
            return;
        }
        let per_year = plan.per_year();
        let year_width = per_year as f64 * frame.slot;
        let (wide, narrow) = label_steps(year_width, plan);
        let mut last_end = f64::NEG_INFINITY;
        for y in plan.first..=plan.last {
            if y.rem_euclid(wide) != 0 && y.rem_euclid(narrow) != 0 {
                continue;
            }
            let start = (y - plan.first) as usize * per_year;
            let cx = frame.x(start as f64 + per_year as f64 / 2.0);
            let _ = write!(
                out,
                "<path d=\"M{} {}v{}\" stroke=\"currentColor\"/>",
                N(cx),
                N(axis),
                N(TICK)
            );
            let text = self.site.dates().gregorian_year(y);
            let width = text.chars().count() as f64 * ADVANCE * NARROW_FONT;
            let (x, side, from) = if cx - width / 2.0 < 0.0 {
                (0.0, Side::Left, 0.0)
            } else if cx + width / 2.0 > WIDTH {
                (WIDTH, Side::Right, WIDTH - width)
            } else {
                (cx, Side::Middle, cx - width / 2.0)
            };
            let shown_narrow = y.rem_euclid(narrow) == 0 && from >= last_end + LABEL_GAP;
            if shown_narrow {
                last_end = from + width;
            }
            let class = if shown_narrow { "" } else { " overview-wide" };
            let _ = write!(
                out,
                "<text{} class=\"overview-label{class}\" x=\"{}\" y=\"{}\">{}</text>",
                Bidi::new(&text, side, Side::Middle),
                N(x),
                N(baseline),
                Esc(&text),
            );
        }
        out.push_str("</g>");
    }
}

/// Every how many years a year is labelled at the wide text size, and at the
/// narrow one (a multiple of the first), for years `year_width` units wide: 1, 2,
/// 5, 10, 20, 50 … so that labels keep [`LABEL_GAP`] apart.
fn label_steps(year_width: f64, plan: &Plan<'_>) -> (i32, i32) {
    let chars = plan
        .first
        .to_string()
        .len()
        .max(plan.last.to_string().len()) as f64;
    let steps = (0..9).flat_map(|e| [1, 2, 5].map(|m| m * 10i32.pow(e)));
    let fits =
        |step: i32, font: f64| f64::from(step) * year_width >= chars * ADVANCE * font + LABEL_GAP;
    let wide = steps.clone().find(|&s| fits(s, FONT)).unwrap_or(i32::MAX);
    let narrow = steps
        .filter(|s| s % wide == 0)
        .find(|&s| fits(s, NARROW_FONT))
        .unwrap_or(i32::MAX);
    (wide, narrow)
}

impl Overview<'_> {
    /// The figure's caption: what the bars count, the tallest, and what the marks
    /// drawn mean, each with a swatch of its mark.
    fn caption(&self, out: &mut String, plan: &Plan<'_>) {
        let _ = write!(
            out,
            "<figcaption class=\"overview-caption\">{}{}.",
            Esc(&plan.what(self.site.dates(), self.words)),
            Esc(&plan.scale(self.site.dates(), self.words))
        );
        let legend = [
            (plan.key_count() > 0, "key", "overview.legend_key"),
            (!plan.spans.is_empty(), "span", "overview.legend_span"),
            (plan.during_count() > 0, "during", "overview.legend_during"),
        ];
        if legend.iter().any(|l| l.0) {
            out.push_str(" <span class=\"overview-legend\">");
            for (_, class, text) in legend.iter().filter(|l| l.0) {
                let _ = write!(
                    out,
                    "<span class=\"overview-mark\"><span class=\"overview-swatch {class}\" \
                     aria-hidden=\"true\"></span> {}</span> ",
                    Esc(self.words.text(text))
                );
            }
            out.push_str("</span>");
        }
        out.push_str("</figcaption>");
    }

    /// The same facts as a table, in a `<details>` closed at first: a row per year
    /// (the timeline) or per month (a year) that has events, with its count, its
    /// months by the month, and its key events; then the spans drawn.
    fn table(&self, out: &mut String, plan: &Plan<'_>) {
        let words = self.words;
        let year_page = plan.page.is_some();
        let by_month = !year_page && plan.unit == Unit::Month;
        let keys = plan.key_count() > 0;
        let _ = write!(
            out,
            "<details class=\"overview-data\"><summary>{}</summary>\
             <table class=\"overview-table\"><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th>",
            Esc(words.text(if year_page {
                "overview.table_per_month"
            } else {
                "overview.table_per_year"
            })),
            Esc(words.text(if year_page {
                "overview.month"
            } else {
                "overview.year"
            })),
            Esc(words.text("overview.events_heading")),
        );
        if by_month {
            let _ = write!(
                out,
                "<th scope=\"col\">{}</th>",
                Esc(words.text("overview.by_month"))
            );
        }
        if keys {
            let _ = write!(
                out,
                "<th scope=\"col\">{}</th>",
                Esc(words.text("overview.key_events"))
            );
        }
        out.push_str("</tr></thead><tbody>");
        let rows: Vec<&[Slot]> = if year_page {
            plan.slots.chunks(1).collect()
        } else {
            plan.slots.chunks(plan.per_year()).collect()
        };
        for row in rows {
            let count: usize = row.iter().map(|s| s.count).sum();
            if count == 0 {
                continue;
            }
            let head = &row[0];
            out.push_str("<tr><th scope=\"row\">");
            match head.period {
                Period::During(_) if year_page => {
                    let _ = write!(out, "{}", Esc(words.text("overview.known_only")));
                }
                Period::Month(_, m) if year_page => {
                    let _ = write!(
                        out,
                        "<a href=\"{}\">{}</a>",
                        Esc(&self.link(&head.period.path())),
                        Esc(&self.site.dates().month_name(m))
                    );
                }
                Period::Year(y) | Period::During(y) | Period::Month(y, _) => {
                    let _ = write!(
                        out,
                        "<a href=\"{}\">{}</a>",
                        Esc(&self.link(&urls::year(y))),
                        self.site.dates().gregorian_year(y)
                    );
                }
            }
            let _ = write!(
                out,
                "</th><td>{}</td>",
                Esc(&words.counted("overview.events", count))
            );
            if by_month {
                out.push_str("<td>");
                let mut first = true;
                for slot in row.iter().filter(|s| s.count > 0) {
                    if !first {
                        let _ = write!(out, "{}", Esc(words.text("comma")));
                    }
                    first = false;
                    match slot.period {
                        Period::Month(_, m) => {
                            let _ = write!(
                                out,
                                "<a href=\"{}\">{}</a>: {}",
                                Esc(&self.link(&slot.period.path())),
                                Esc(&self.site.dates().month_name(m)),
                                self.site.dates().digits(&slot.count.to_string())
                            );
                        }
                        _ => {
                            let n = self.site.dates().digits(&slot.count.to_string());
                            let _ = write!(
                                out,
                                "{}",
                                Esc(&words.fill("overview.known_only_count", &[("n", &n)]))
                            );
                        }
                    }
                }
                out.push_str("</td>");
            }
            if keys {
                out.push_str("<td>");
                for (n, &i) in row.iter().flat_map(|s| &s.keys).enumerate() {
                    if n > 0 {
                        out.push_str("; ");
                    }
                    self.event_link(out, i);
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        if !plan.spans.is_empty() {
            let _ = write!(
                out,
                "<p class=\"overview-span-list\">{}: ",
                Esc(&words.counted("overview.spans", plan.spans.len()))
            );
            for (n, span) in plan.spans.iter().enumerate() {
                if n > 0 {
                    out.push_str("; ");
                }
                self.event_link(out, span.event);
            }
            out.push_str(".</p>");
        }
        out.push_str("</details>");
    }

    /// A link to an event named by its title, then its date: `<a>Kerman
    /// explosions</a> (3 January 2024)`.
    fn event_link(&self, out: &mut String, i: usize) {
        let event = &self.site.events[i];
        let _ = write!(
            out,
            "<a href=\"{}\">{}</a> ({})",
            Esc(&self.link(&event.path)),
            Esc(&event.title),
            Esc(&super::views::event_date_text(self.site.dates(), event))
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::render::StaticFiles;

    /// The built-in English table, which the tests read overviews in.
    fn english() -> &'static Table {
        Box::leak(Box::new(crate::i18n::strings::Words::builtin().table("en")))
    }

    /// A site held in memory under `base_url = "https://example.org/kerman/"`, with
    /// one event per `(file stem, front matter)`.
    fn site(events: &[(&str, &str)]) -> Site {
        let config = crate::config::Config::parse(
            "title = \"T\"\nbase_url = \"https://example.org/kerman/\"\ntimezone = \"Asia/Tehran\"\n",
        )
        .expect("a valid config");
        let files = (events.iter())
            .map(|(stem, matter)| {
                let path = PathBuf::from(format!("content/events/{stem}.md"));
                (path, format!("---\n{matter}\n---\nBody.\n").into_bytes())
            })
            .collect();
        let options = crate::load::LoadOptions {
            drafts: true,
            lint: false,
        };
        let root = Path::new("/nonexistent/dateline-site");
        let (corpus, found) = crate::load::from_memory(root, config, options, files);
        assert!(!found.has_errors(), "{found:?}");
        let (site, found) = crate::resolve::resolve(
            &corpus,
            &StaticFiles::builtin(),
            &crate::i18n::strings::Words::builtin(),
        );
        assert!(!found.has_errors(), "{found:?}");
        site.expect("a resolved site")
    }

    /// Two years: one event known only to 2023, one to March 2023 (key), a span
    /// from 20 December 2023 to 10 January 2024, two events in January 2024 (one
    /// key), one in March 2024.
    fn two_years() -> Site {
        site(&[
            ("2023-drought", "title: Drought declared\ndate: 2023"),
            (
                "2023-03-protests",
                "title: Protests spread\ndate: 2023-03\nkey: true",
            ),
            ("2023-12-20-talks", "title: Winter talks\nend: 2024-01-10"),
            (
                "2024-01-03-kerman",
                "title: Kerman explosions\ndate: 2024-01-03T14:50\nkey: true",
            ),
            ("2024-01-04-mourning", "title: Day of mourning"),
            ("2024-03-10-inquiry", "title: Inquiry opens"),
        ])
    }

    /// Every link of the overview `html` (which must be well-formed XML) as `(href,
    /// name)`: in the SVG the name is the link's `<title>`, in the table its text.
    fn links(html: &str, within: &str) -> Vec<(String, String)> {
        let doc = roxmltree::Document::parse(html).unwrap_or_else(|e| panic!("{e}: {html}"));
        let scope = doc
            .descendants()
            .find(|n| n.tag_name().name() == within)
            .unwrap_or_else(|| panic!("no <{within}>"));
        scope
            .descendants()
            .filter(|n| n.tag_name().name() == "a")
            .map(|a| {
                let title = a.children().find(|c| c.tag_name().name() == "title");
                let name = match title {
                    Some(t) => t.text().unwrap_or_default().to_owned(),
                    None => a
                        .descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect(),
                };
                (a.attribute("href").unwrap_or_default().to_owned(), name)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn counts_each_month_and_gives_what_is_known_only_to_a_year_its_own_bar() {
        let site = two_years();
        let calendar = site.calendar();
        let overview = Overview::new(&site, &calendar, english());
        let plan = overview.plan(Unit::Month, 2023, 2024, None);
        assert!(plan.during);
        assert_eq!(plan.slots.len(), 26);
        let counted: Vec<(Period, usize)> = (plan.slots.iter())
            .filter(|s| s.count > 0)
            .map(|s| (s.period, s.count))
            .collect();
        assert_eq!(
            counted,
            [
                (Period::During(2023), 1),
                (Period::Month(2023, 3), 1),
                (Period::Month(2023, 12), 1),
                (Period::Month(2024, 1), 2),
                (Period::Month(2024, 3), 1),
            ]
        );
        // 2024 has nothing known only to the year: its own bar is empty.
        assert_eq!(plan.slots[13].period, Period::During(2024));
        assert_eq!(plan.slots[13].count, 0);
        assert_eq!(
            plan.scale(site.dates(), english()),
            "; tallest bar: 2 events (January 2024)"
        );
    }

    #[test]
    fn draws_a_bar_per_month_up_to_fifteen_years_and_a_bar_per_year_beyond() {
        let fifteen = site(&[("2010-05-01-a", "title: A"), ("2024-05-01-b", "title: B")]);
        let calendar = fifteen.calendar();
        let html = Overview::new(&fifteen, &calendar, english()).timeline();
        assert_eq!(
            links(&html, "svg"),
            pairs(&[
                ("/kerman/2010/05/", "May 2010: 1 event"),
                ("/kerman/2024/05/", "May 2024: 1 event"),
            ])
        );
        assert!(html.contains("Events per month, January 2010 to December 2024"));

        let sixteen = site(&[
            ("2010-05-01-a", "title: A"),
            ("2025-05-01-b", "title: B"),
            ("2025-06-01-c", "title: C"),
        ]);
        let calendar = sixteen.calendar();
        let overview = Overview::new(&sixteen, &calendar, english());
        let html = overview.timeline();
        assert_eq!(
            links(&html, "svg"),
            pairs(&[
                ("/kerman/2010/", "2010: 1 event"),
                ("/kerman/2025/", "2025: 2 events"),
            ])
        );
        assert!(html.contains("Events per year, 2010 to 2025"));
        assert_eq!(overview.plan(Unit::Year, 2010, 2025, None).slots.len(), 16);
    }

    #[test]
    fn links_each_bar_key_event_and_span_under_the_base_path_with_its_name() {
        let site = two_years();
        let calendar = site.calendar();
        let html = Overview::new(&site, &calendar, english()).timeline();
        assert_eq!(
            links(&html, "svg"),
            pairs(&[
                ("/kerman/2023/", "2023, known only to the year: 1 event"),
                ("/kerman/2023/03/", "March 2023: 1 event"),
                ("/kerman/2023/12/", "December 2023: 1 event"),
                ("/kerman/2024/01/", "January 2024: 2 events"),
                ("/kerman/2024/03/", "March 2024: 1 event"),
                (
                    "/kerman/2023/03/protests/",
                    "Key event: Protests spread, March 2023"
                ),
                (
                    "/kerman/2024/01/03/kerman/",
                    "Key event: Kerman explosions, 3 January 2024, 14:50 IRST"
                ),
                (
                    "/kerman/2023/12/20/talks/",
                    "Winter talks, 20 December 2023 – 10 January 2024"
                ),
            ])
        );
        let doc = roxmltree::Document::parse(&html).unwrap();
        let svg = doc
            .descendants()
            .find(|n| n.has_tag_name("svg"))
            .expect("an svg");
        assert_eq!(svg.attribute("role"), Some("group"));
        assert_eq!(
            svg.attribute("aria-labelledby"),
            Some("overview-title overview-desc")
        );
        let text = |id: &str| {
            doc.descendants()
                .find(|n| n.attribute("id") == Some(id))
                .and_then(|n| n.text())
                .map(str::to_owned)
        };
        assert_eq!(
            text("overview-title").as_deref(),
            Some("Overview of the timeline")
        );
        assert_eq!(
            text("overview-desc").as_deref(),
            Some(
                "Events per month, January 2023 to December 2024: 6 events in all; tallest \
                 bar: 2 events (January 2024). 1 event known only to its year is counted in \
                 an outlined bar ahead of January. 2 key events are marked above their bars. \
                 1 span is drawn as a band below the bars."
            )
        );
        assert!(!html.contains("<script"));
    }

    #[test]
    fn a_year_has_twelve_month_bars_and_its_own_bar_is_no_link_on_its_page() {
        let site = two_years();
        let calendar = site.calendar();
        let overview = Overview::new(&site, &calendar, english());
        let plan = overview.plan(Unit::Month, 2023, 2023, Some(2023));
        assert_eq!(plan.slots.len(), 13);
        assert!(!plan.slots[0].linked);
        let html = overview.year(2023);
        assert_eq!(
            links(&html, "svg"),
            pairs(&[
                ("/kerman/2023/03/", "March 2023: 1 event"),
                ("/kerman/2023/12/", "December 2023: 1 event"),
                (
                    "/kerman/2023/03/protests/",
                    "Key event: Protests spread, March 2023"
                ),
                (
                    "/kerman/2023/12/20/talks/",
                    "Winter talks, 20 December 2023 – 10 January 2024"
                ),
            ])
        );
        // Named all the same, as a group with a title.
        assert!(html.contains(
            "<g class=\"overview-slot during\"><title>2023, known only to the year: 1 \
             event</title>"
        ));
        let labels: Vec<String> = roxmltree::Document::parse(&html)
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect();
        assert_eq!(labels.len(), 24);
        assert_eq!(labels[..4], ["Jan", "J", "Feb", "F"]);
        assert_eq!(labels[22..], ["Dec", "D"]);

        // 2024: no bar of its own, the span from 2023 clipped at its left edge.
        let plan = overview.plan(Unit::Month, 2024, 2024, Some(2024));
        assert_eq!(plan.slots.len(), 12);
        assert_eq!(plan.bands(), [(0.0, 10.0 / 31.0, true, false)]);
        // What the page depends on besides its bars: the span into it and its key
        // event; 2023's, the span starting in it and its key event.
        assert_eq!(overview.marked(2024, 2024), [2, 3]);
        assert_eq!(overview.marked(2023, 2023), [1, 2]);
        assert_eq!(overview.marked(2023, 2024), [1, 2, 3]);
        assert_eq!(overview.marked(2022, 2022), Vec::<usize>::new());
        assert_eq!(overview.year(2022), "");
    }

    #[test]
    fn bands_run_from_the_first_to_the_last_day_their_dates_can_mean() {
        let site = site(&[
            ("2024-01-10-a", "title: A"),
            ("2024-03-b", "title: B\ndate: 2024-03\nend: 2024-05"),
            ("2024-02-10-c", "title: C\nend: 2024-02-10"),
        ]);
        let calendar = site.calendar();
        let overview = Overview::new(&site, &calendar, english());
        let plan = overview.plan(Unit::Month, 2024, 2024, None);
        // In timeline order: C (10 February, one day), then B (March to May).
        assert_eq!(
            plan.bands(),
            [
                (1.0 + 9.0 / 29.0, 1.0 + 10.0 / 29.0, false, false),
                (2.0, 5.0, false, false),
            ]
        );
        let plan = overview.plan(Unit::Year, 2024, 2024, None);
        assert_eq!(plan.bands()[1], (60.0 / 366.0, 152.0 / 366.0, false, false));
        // Overlapping bands take lanes of their own; a later one reuses the first.
        assert_eq!(
            lanes(
                &[
                    (0.0, 2.0, false, false),
                    (1.0, 3.0, false, false),
                    (4.0, 5.0, false, false)
                ],
                10.0
            ),
            (vec![0, 1, 0], 2)
        );
    }

    #[test]
    fn stacks_key_events_above_their_bar_and_sums_up_the_rest() {
        let site = site(&[
            ("2024-01-01-a", "title: A\nkey: true"),
            ("2024-01-02-b", "title: B\nkey: true"),
            ("2024-01-03-c", "title: C\nkey: true"),
            ("2024-01-04-d", "title: D\nkey: true"),
            ("2024-01-05-e", "title: E"),
        ]);
        let calendar = site.calendar();
        let html = Overview::new(&site, &calendar, english()).year(2024);
        let keys: Vec<(String, String)> = links(&html, "svg").into_iter().skip(1).collect();
        assert_eq!(
            keys,
            pairs(&[
                ("/kerman/2024/01/01/a/", "Key event: A, 1 January 2024"),
                ("/kerman/2024/01/02/b/", "Key event: B, 2 January 2024"),
                ("/kerman/2024/01/", "2 more key events in January 2024"),
            ])
        );
        // The table lists all four.
        assert_eq!(
            links(&html, "table")[1..],
            pairs(&[
                ("/kerman/2024/01/01/a/", "A"),
                ("/kerman/2024/01/02/b/", "B"),
                ("/kerman/2024/01/03/c/", "C"),
                ("/kerman/2024/01/04/d/", "D"),
            ])
        );
    }

    #[test]
    fn the_table_gives_each_year_its_count_months_and_key_events() {
        let site = two_years();
        let calendar = site.calendar();
        let html = Overview::new(&site, &calendar, english()).timeline();
        let doc = roxmltree::Document::parse(&html).unwrap();
        let rows: Vec<String> = (doc.descendants())
            .filter(|n| n.has_tag_name("tr"))
            .map(|tr| {
                let cells: Vec<String> = (tr.children())
                    .map(|c| {
                        c.descendants()
                            .filter(|t| t.is_text())
                            .filter_map(|t| t.text())
                            .collect()
                    })
                    .collect();
                cells.join(" | ")
            })
            .collect();
        assert_eq!(
            rows,
            [
                "Year | Events | By month | Key events",
                "2023 | 3 events | known only to the year: 1, March: 1, December: 1 | \
                 Protests spread (March 2023)",
                "2024 | 3 events | January: 2, March: 1 | Kerman explosions (3 January \
                 2024, 14:50 IRST)",
            ]
        );
        assert!(html.contains(
            "<p class=\"overview-span-list\">Span: <a href=\"/kerman/2023/12/20/talks/\">\
             Winter talks</a> (20 December 2023 – 10 January 2024).</p>"
        ));
        assert!(html.contains("<summary>Events per year as a table</summary>"));
    }

    #[test]
    fn labels_years_as_often_as_they_fit_at_each_text_size() {
        let site = two_years();
        let calendar = site.calendar();
        let overview = Overview::new(&site, &calendar, english());
        // Fifteen years by month: every year when wide, every other when narrow.
        let plan = overview.plan(Unit::Month, 2010, 2024, None);
        let year = (WIDTH - 2.0 * SIDE) / plan.slots.len() as f64 * 13.0;
        assert_eq!(label_steps(year, &plan), (1, 2));
        // Seventy-six years by year: every fifth, every tenth.
        let plan = overview.plan(Unit::Year, 1950, 2025, None);
        assert_eq!(label_steps((WIDTH - 2.0 * SIDE) / 76.0, &plan), (5, 10));
        let html = overview.render(&plan);
        assert!(html.contains(">1950</text>"));
        assert!(html.contains("class=\"overview-label overview-wide\" x=\""));
        assert!(!html.contains(">1951</text>"));
    }

    #[test]
    fn is_empty_without_events() {
        let site = site(&[]);
        let calendar = site.calendar();
        assert_eq!(Overview::new(&site, &calendar, english()).timeline(), "");
    }
}
