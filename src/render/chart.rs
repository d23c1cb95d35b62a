//! Stage 3, render: the chart of one figure (SPEC §9.5) as inline SVG, drawn at
//! build time.
//!
//! A figure is a number that changes as a story develops — a death toll read as "at
//! least 20" at 16:30, "more than 70" at 19:00, "100–170" later. [`svg`] draws its
//! readings against time: the current value as a step line, "at least" readings as
//! bands open to the top of the plot, "up to" readings as bands from zero, ranges as
//! bars, and one marker per reading, linked to its event and shaped and coloured by
//! its status. The chart takes its own input types ([`Chart`], [`Point`]) so it knows
//! nothing of the site: the figure pages build them from the resolved readings and
//! put the same data in a table beside the chart, which is the text alternative for
//! reading values one by one.
//!
//! The SVG has a `viewBox` and no fixed size, so it fills its container; colours come
//! from the theme's stylesheet through class names (`chart-point reported`, …) and
//! `currentColor`, never from the SVG, so dark mode follows the page. On narrow
//! screens the theme sets a larger text size; room for text is measured at that size,
//! and tick labels that would then run together carry `chart-minor`, which the theme
//! hides there. Words on the chart (month names, the legend) are English; coordinates
//! are rounded to a tenth of a unit to keep a chart of hundreds of readings small.
//!
//! Axis ticks and number formatting are written here. Considered and not taken:
//! `axis-ticks` (a port of d3's numeric ticks: numbers only, one release, and pulls
//! `num-traits`), `num-format` and `separator` (thousands separators; the latter
//! superseded by the former, which brings locale tables for what is here ten lines).
//! Neither kind of crate chooses calendar ticks (hours, days, months, years in the
//! story's wall-clock time), which this chart needs most.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::i18n::dates::DateStyle;
use crate::i18n::strings::Table;

/// What a reading says, as the chart draws it. Values are counts or amounts in the
/// figure's unit; a value below zero (or not a number) is drawn at zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A plain value, `84`: a filled marker.
    Exact(f64),
    /// An approximate value, `about 100`: a hollow marker.
    About(f64),
    /// A lower bound, `at least 20` or `more than 70`: a narrow band from the value
    /// up to the top of the plot, fading out to show it is open-ended.
    AtLeast(f64),
    /// An upper bound, `up to 170`: a narrow band from zero up to the value.
    AtMost(f64),
    /// A range, `100–170`: a bar from the lower value to the upper one.
    Range(f64, f64),
}

/// The status of a reading (SPEC §9.5 `status`): the marker's colour and shape, so
/// that status reads without colour too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tone {
    /// `reported`, the default: a circle.
    Reported,
    /// `confirmed`: a square.
    Confirmed,
    /// `disputed`: a triangle.
    Disputed,
    /// `revised`: a diamond.
    Revised,
    /// `retracted`: a hollow circle struck through.
    Retracted,
}

impl Tone {
    const ALL: [Tone; 5] = [
        Tone::Reported,
        Tone::Confirmed,
        Tone::Disputed,
        Tone::Revised,
        Tone::Retracted,
    ];

    /// The CSS class on the reading's link, after `chart-point`.
    fn class(self) -> &'static str {
        match self {
            Tone::Reported => "reported",
            Tone::Confirmed => "confirmed",
            Tone::Disputed => "disputed",
            Tone::Revised => "revised",
            Tone::Retracted => "retracted",
        }
    }

    /// The key of its name in the legend (`chart.*`).
    fn legend(self) -> &'static str {
        match self {
            Tone::Reported => "chart.reported",
            Tone::Confirmed => "chart.confirmed",
            Tone::Disputed => "chart.disputed",
            Tone::Revised => "chart.revised",
            Tone::Retracted => "chart.retracted",
        }
    }
}

/// One reading of the figure: one marker, linked to the event that gave it.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    /// When the reading was given, in seconds since the Unix epoch: its x position.
    pub instant: i64,
    /// The same moment on the story's wall clock. The first point's `local − instant`
    /// is the offset the time axis's ticks and labels are drawn in ("16:00", "3 Jan").
    pub local: NaiveDateTime,
    /// What the reading says.
    pub mark: Mark,
    /// The reading's status.
    pub tone: Tone,
    /// The URL of the event page the marker links to, as it goes in `href`.
    pub href: &'a str,
    /// The reading as text, the marker's `<title>`: "more than 70 — AFP, 3 January
    /// 2024 19:00, reported". Never drawn, so hundreds of readings stay legible.
    pub label: &'a str,
}

/// A figure's chart: what [`svg`] draws.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// A prefix unique on the page for the ids inside the SVG (`{id}-title`,
    /// `{id}-desc`, `{id}-fade`): two charts on one page must not share it.
    pub id: &'a str,
    /// The figure's label, "Killed": the SVG's `<title>` and the value axis's name.
    pub title: &'a str,
    /// The figure's unit, if declared, shown after the title: "Killed (people)".
    pub unit: Option<&'a str>,
    /// Every reading, in time order (readings at the same instant are set side by
    /// side).
    pub points: &'a [Point<'a>],
    /// The current value over time as `(instant, value)`: from each instant (seconds
    /// since the Unix epoch) on, this value, until the next. In time order; drawn as a
    /// step line that runs on to the plot's right edge after the last.
    pub steps: &'a [(i64, f64)],
    /// The text alternative, the SVG's `<desc>`: what the chart shows in words.
    pub description: &'a str,
    /// Whether every reading is known to the day only (no time of day): the time
    /// axis then ticks at whole days or coarser, and a single day is shown with a
    /// day on either side, so no hour is drawn that no reading gives.
    pub days_only: bool,
    /// How the axes write dates and numbers: the page's language (SPEC §11). The
    /// axis is Gregorian whatever the display calendar.
    pub dates: &'a crate::i18n::dates::DateStyle,
    /// The page's language's words: the legend's (`chart.*`).
    pub words: &'a Table,
}

/// The chart as one `<svg>` element, to be put in a page as is: a `viewBox` of 640
/// units wide and no fixed size, `role="group"` named by its `<title>` and `<desc>`
/// (a group, not an image: it holds a link per reading, which an image may not),
/// every text escaped (and characters XML cannot hold dropped), so it also parses as
/// a standalone SVG document. Colours come from the theme's `chart-*` CSS rules.
/// The SVG is laid out left to right on every page (`direction="ltr"`, so each
/// `text-anchor` means the side it was chosen for, whatever the page's direction),
/// and each `<text>` reads in the direction of its own text, anchored so that it
/// keeps its place (`chart::Bidi`); on a right-to-left page the built-in theme
/// mirrors it, turning each text back about its own centre, so time runs right to
/// left as the page reads (`static/style.css`).
pub fn svg(chart: &Chart<'_>) -> String {
    let frame = Frame::new(chart);
    let readings = place(&frame, chart.points);
    let legend = Legend::new(chart);
    let height = legend
        .height()
        .map_or(frame.bottom + CONTEXT_LINE + 8.0, |h| frame.legend_top + h);
    let id = chart.id;

    let mut out = String::with_capacity(2048 + chart.points.len() * 320);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"chart\" \
         role=\"group\" aria-labelledby=\"{}-title {}-desc\" font-size=\"{}\" \
         fill=\"currentColor\" direction=\"ltr\">",
        N(WIDTH),
        N(height),
        Esc(id),
        Esc(id),
        N(FONT),
    );
    let _ = write!(
        out,
        "<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>",
        Esc(id),
        Esc(chart.title),
        Esc(id),
        Esc(chart.description),
    );
    if chart
        .points
        .iter()
        .any(|p| matches!(p.mark, Mark::AtLeast(_)))
    {
        // One gradient for every open band: each band's own box is its 0..1.
        let _ = write!(
            out,
            "<defs><linearGradient id=\"{}-fade\" class=\"chart-fade\" x1=\"0\" y1=\"1\" \
             x2=\"0\" y2=\"0\"><stop offset=\"0\" stop-color=\"currentColor\" \
             stop-opacity=\".55\"/><stop offset=\"1\" stop-color=\"currentColor\" \
             stop-opacity=\"0\"/></linearGradient></defs>",
            Esc(id),
        );
    }
    // The title and its unit read as one line, in the way the whole of it runs.
    let title = match chart.unit {
        Some(unit) => format!("{} ({unit})", chart.title),
        None => chart.title.to_owned(),
    };
    let _ = write!(
        out,
        "<text{} class=\"chart-title\" x=\"0\" y=\"{}\">{}</text>",
        Bidi::new(&title, Side::Left, Side::Left),
        N(TITLE_BASELINE),
        Esc(&title)
    );
    value_axis(&mut out, &frame);
    time_axis(&mut out, &frame);
    if !chart.steps.is_empty() {
        let _ = write!(
            out,
            "<path class=\"chart-step\" d=\"{}\" fill=\"none\" stroke=\"currentColor\" \
             stroke-width=\"2.5\"/>",
            frame.step_path(chart.steps)
        );
    }
    out.push_str("<g class=\"chart-readings\">");
    for (point, x) in chart.points.iter().zip(&readings) {
        reading(&mut out, &frame, id, point, *x);
    }
    out.push_str("</g>");
    legend.draw(&mut out, id, frame.legend_top, chart.words);
    out.push_str("</svg>");
    out
}

/// The viewBox's width; the height follows from the legend's rows.
const WIDTH: f64 = 640.0;
/// Text size in user units: 14 units are 14 pixels in a 640-pixel-wide chart.
const FONT: f64 = 14.0;
/// The text size the theme sets on narrow screens (`.chart { font-size: 19px }`
/// under 36rem): 19 units are 11.6 pixels in a chart 390 pixels wide, where 14
/// would be 8.5. Room for text is measured at this size, so it fits at both.
const NARROW_FONT: f64 = 19.0;
/// A generous average advance of one character of a sans-serif face at the narrow
/// size, to keep labels apart without measuring text.
const CHAR: f64 = 0.6 * NARROW_FONT;
const TITLE_BASELINE: f64 = 18.0;
const PLOT_TOP: f64 = 42.0;
const PLOT_HEIGHT: f64 = 200.0;
const RIGHT_MARGIN: f64 = 18.0;
/// Baselines of the time axis's two label lines, below the plot.
const TICK_LINE: f64 = 21.0;
const CONTEXT_LINE: f64 = 42.0;
/// The legend: three columns, wide enough for "Current value" at the narrow size.
const LEGEND_GAP: f64 = 72.0;
const LEGEND_ROW: f64 = 26.0;
const LEGEND_COLUMNS: usize = 3;
/// A marker's radius and the width of a band or bar, at most: a crowded chart draws
/// them smaller (see [`Frame::sizes`]), the legend always at this size.
const MARKER: f64 = 6.0;
const BAND: f64 = 8.0;
/// The most room a crowd of readings at the same instant may take.
const CROWD: f64 = 60.0;
/// The value axis's top is at least this much above the largest "at least" value,
/// so its band shows open above it.
const OPEN_HEADROOM: f64 = 1.3;
const MAX_VALUE_INTERVALS: usize = 5;
const MAX_TIME_TICKS: usize = 7;
const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// Where everything goes: the time and value domains and the plot's box in the
/// viewBox's units.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// The time domain, seconds since the Unix epoch: the plot's left and right edges.
    pub(crate) t0: i64,
    pub(crate) t1: i64,
    pub(crate) values: ValueAxis,
    pub(crate) times: Vec<TimeTick>,
    /// The plot's box: left and right edges, top (the value axis's top) and bottom
    /// (zero).
    pub(crate) left: f64,
    pub(crate) right: f64,
    pub(crate) top: f64,
    pub(crate) bottom: f64,
    /// The readings' marker radius and band width.
    pub(crate) marker: f64,
    pub(crate) band: f64,
    /// The digits the value axis's numbers are written in.
    pub(crate) digits: crate::i18n::dates::Digits,
    legend_top: f64,
}

impl Frame {
    pub(crate) fn new(chart: &Chart<'_>) -> Frame {
        let instants = chart
            .points
            .iter()
            .map(|p| p.instant)
            .chain(chart.steps.iter().map(|s| s.0));
        let (t0, t1) = time_domain(instants, chart.days_only);
        let offset = chart
            .points
            .first()
            .map_or(0, |p| p.local.and_utc().timestamp() - p.instant);
        let times = if chart.points.is_empty() && chart.steps.is_empty() {
            Vec::new()
        } else {
            time_ticks(t0, t1, offset, chart.days_only, chart.dates).1
        };
        let values = ValueAxis::new(chart);
        let widest = values
            .ticks()
            .map(|v| values.label(v).chars().count())
            .max()
            .unwrap_or(1);
        let left = (widest as f64 * CHAR + 12.0).round();
        let bottom = PLOT_TOP + PLOT_HEIGHT;
        let right = WIDTH - RIGHT_MARGIN;
        let (marker, band) = Frame::sizes(right - left, chart.points.len());
        Frame {
            t0,
            t1,
            values,
            times,
            left,
            right,
            top: PLOT_TOP,
            bottom,
            marker,
            band,
            digits: chart.dates.digit_set(),
            legend_top: bottom + LEGEND_GAP,
        }
    }

    /// The marker radius and band width for `n` readings across `width` units: full
    /// size while each reading has ten units or more, down to a 3.5-unit marker and a
    /// 2-unit band, so that hundreds of bands do not merge into one block.
    pub(crate) fn sizes(width: f64, n: usize) -> (f64, f64) {
        let room = width / n.max(1) as f64;
        (
            (room * 0.6).clamp(3.5, MARKER),
            (room * 0.8).clamp(2.0, BAND),
        )
    }

    /// The x coordinate of an instant (seconds since the Unix epoch).
    pub(crate) fn x(&self, t: i64) -> f64 {
        let span = (self.t1 - self.t0).max(1) as f64;
        self.left + (t - self.t0) as f64 / span * (self.right - self.left)
    }

    /// The y coordinate of a value: zero at the plot's bottom, the value axis's top
    /// at its top; below zero and not-a-number at zero.
    pub(crate) fn y(&self, v: f64) -> f64 {
        let v = if v.is_nan() { 0.0 } else { v.max(0.0) };
        self.bottom - v / self.values.top * (self.bottom - self.top)
    }

    /// The vertical extent `(top, bottom)` of a reading's band or bar, if it has one:
    /// "at least" from its value to the plot's top, "up to" from zero to its value,
    /// a range from its lower value to its upper.
    pub(crate) fn extent(&self, mark: Mark) -> Option<(f64, f64)> {
        match mark {
            Mark::Exact(_) | Mark::About(_) => None,
            Mark::AtLeast(v) => Some((self.top, self.y(v))),
            Mark::AtMost(v) => Some((self.y(v), self.y(0.0))),
            Mark::Range(a, b) => Some((self.y(a.max(b)), self.y(a.min(b)))),
        }
    }

    /// The y coordinate of a reading's marker: its value, a bound's value, or the
    /// middle of a range.
    pub(crate) fn anchor(&self, mark: Mark) -> f64 {
        match mark {
            Mark::Exact(v) | Mark::About(v) | Mark::AtLeast(v) | Mark::AtMost(v) => self.y(v),
            Mark::Range(a, b) => (self.y(a) + self.y(b)) / 2.0,
        }
    }

    /// The step line's path: from the first step, across to each next instant and
    /// up or down to its value, then across to the plot's right edge.
    pub(crate) fn step_path(&self, steps: &[(i64, f64)]) -> String {
        let mut steps = steps.to_vec();
        steps.sort_by_key(|s| s.0);
        let mut d = String::with_capacity(steps.len() * 14 + 16);
        for (i, &(t, v)) in steps.iter().enumerate() {
            if i == 0 {
                let _ = write!(d, "M{} {}", N(self.x(t)), N(self.y(v)));
            } else {
                let _ = write!(d, "H{}V{}", N(self.x(t)), N(self.y(v)));
            }
        }
        if !steps.is_empty() {
            let _ = write!(d, "H{}", N(self.right));
        }
        d
    }
}

/// The time domain around the given instants: 5 % of the span on each side, at
/// least an hour in all; a single instant is centred in the day around it. With
/// `days_only`, at least a day and a half on each side, so that whole days tick.
fn time_domain(instants: impl Iterator<Item = i64>, days_only: bool) -> (i64, i64) {
    let (lo, hi) = instants.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
    if lo > hi {
        return (0, DAY);
    }
    let span = hi.saturating_sub(lo);
    let pad = if days_only {
        (span / 20).max(DAY + DAY / 2)
    } else if span == 0 {
        DAY / 2
    } else {
        (span / 20).max((HOUR - span).max(0) / 2)
    };
    (lo.saturating_sub(pad), hi.saturating_add(pad))
}

/// The value axis: from zero up to `top` in `intervals` steps of `step`, each a 1,
/// 2 or 5 times a power of ten.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ValueAxis {
    pub(crate) top: f64,
    pub(crate) step: f64,
    pub(crate) intervals: usize,
    decimals: usize,
}

impl ValueAxis {
    fn new(chart: &Chart<'_>) -> ValueAxis {
        let mut needed = 0.0_f64;
        let mut integral = true;
        let mut see = |v: f64, needed_here: f64| {
            if v.is_finite() {
                needed = needed.max(needed_here);
                integral &= v.fract() == 0.0;
            }
        };
        for p in chart.points {
            match p.mark {
                Mark::Exact(v) | Mark::About(v) | Mark::AtMost(v) => see(v, v),
                Mark::AtLeast(v) => see(v, v * OPEN_HEADROOM),
                Mark::Range(a, b) => {
                    see(a, a);
                    see(b, b);
                }
            }
        }
        for &(_, v) in chart.steps {
            see(v, v);
        }
        ValueAxis::covering(needed, integral)
    }

    /// The axis for values up to `needed`, with at most five intervals (four to six
    /// tick labels with zero) and, for whole-number figures, a whole step.
    pub(crate) fn covering(needed: f64, integral: bool) -> ValueAxis {
        let needed = if needed.is_finite() && needed > 0.0 {
            needed
        } else {
            1.0
        };
        let mut exponent = (needed / MAX_VALUE_INTERVALS as f64).log10().floor() as i32 - 1;
        if integral {
            exponent = exponent.max(0);
        }
        loop {
            for m in [1.0, 2.0, 5.0] {
                let step = m * 10f64.powi(exponent);
                // A hair under: 200 / 50 is 4 intervals, not 5 from rounding.
                let intervals = (needed / step - 1e-9).ceil().max(1.0) as usize;
                if intervals <= MAX_VALUE_INTERVALS {
                    return ValueAxis {
                        top: intervals as f64 * step,
                        step,
                        intervals,
                        decimals: (-exponent).max(0) as usize,
                    };
                }
            }
            exponent += 1;
        }
    }

    /// Every tick's value, from zero to the top.
    pub(crate) fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        (0..=self.intervals).map(|i| i as f64 * self.step)
    }

    /// A tick's label: "0", "1,500", "0.5".
    pub(crate) fn label(&self, v: f64) -> String {
        if v == 0.0 {
            "0".to_owned()
        } else {
            thousands(v, self.decimals)
        }
    }
}

/// A number with `decimals` digits after the point and commas between thousands:
/// `thousands(1200.0, 0)` is "1,200".
pub(crate) fn thousands(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, fraction) = text
        .split_once('.')
        .map_or((&text[..], None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// The spacing of the time axis's ticks, on the story's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interval {
    Minutes(i64),
    Hours(i64),
    Days(i64),
    /// Mondays.
    Weeks,
    /// The 1st and the 15th.
    HalfMonths,
    Months(u32),
    Years(i32),
}

impl Interval {
    /// From finest to coarsest; years go on by 1, 2, 5 × 10ⁿ after these.
    const CANDIDATES: [Interval; 17] = [
        Interval::Minutes(5),
        Interval::Minutes(10),
        Interval::Minutes(15),
        Interval::Minutes(30),
        Interval::Hours(1),
        Interval::Hours(2),
        Interval::Hours(3),
        Interval::Hours(6),
        Interval::Hours(12),
        Interval::Days(1),
        Interval::Days(2),
        Interval::Weeks,
        Interval::HalfMonths,
        Interval::Months(1),
        Interval::Months(3),
        Interval::Months(6),
        Interval::Years(1),
    ];

    /// Roughly how long one interval is, to skip candidates far too fine.
    fn seconds(self) -> i64 {
        match self {
            Interval::Minutes(n) => n * 60,
            Interval::Hours(n) => n * HOUR,
            Interval::Days(n) => n * DAY,
            Interval::Weeks => 7 * DAY,
            Interval::HalfMonths => 15 * DAY,
            Interval::Months(n) => i64::from(n) * 30 * DAY,
            Interval::Years(n) => i64::from(n) * 365 * DAY,
        }
    }
}

/// One tick of the time axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeTick {
    /// Seconds since the Unix epoch.
    pub(crate) instant: i64,
    /// The first line: "16:00", "3 Jan", "Jan", "2024".
    pub(crate) label: String,
    /// The second line, on the first tick and where the day (for hour ticks) or the
    /// year (for day and month ticks) changes: "3 Jan 2024", "4 Jan", "2025".
    pub(crate) context: Option<String>,
}

/// The time axis's ticks between `t0` and `t1` (seconds since the Unix epoch) on a
/// wall clock `offset` seconds ahead of UTC: the finest interval that gives at most
/// seven ticks; with `days_only`, a day at the finest.
pub(crate) fn time_ticks(
    t0: i64,
    t1: i64,
    offset: i64,
    days_only: bool,
    dates: &crate::i18n::dates::DateStyle,
) -> (Interval, Vec<TimeTick>) {
    let span = t1.saturating_sub(t0).max(1);
    let years = (1..).flat_map(|e| {
        let p = 10i32.saturating_pow(e - 1);
        [
            Interval::Years(p),
            Interval::Years(p.saturating_mul(2)),
            Interval::Years(p.saturating_mul(5)),
        ]
    });
    let mut candidates = Interval::CANDIDATES
        .into_iter()
        .filter(|i| !days_only || i.seconds() >= DAY)
        .chain(years.skip(1))
        .take_while(|i| !matches!(i, Interval::Years(i32::MAX)));
    let chosen = candidates.find_map(|interval| {
        if span / interval.seconds() > MAX_TIME_TICKS as i64 + 1 {
            return None;
        }
        let instants = tick_instants(interval, t0, t1, offset);
        (instants.len() <= MAX_TIME_TICKS).then_some((interval, instants))
    });
    let Some((interval, instants)) = chosen else {
        return (Interval::Years(i32::MAX), Vec::new());
    };
    let mut ticks = Vec::with_capacity(instants.len());
    let mut previous: Option<NaiveDateTime> = None;
    for t in instants {
        let Some(local) = local_time(t, offset) else {
            continue;
        };
        ticks.push(TimeTick {
            instant: t,
            label: tick_label(interval, local, dates),
            context: tick_context(interval, local, previous, dates),
        });
        previous = Some(local);
    }
    (interval, ticks)
}

fn local_time(t: i64, offset: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(t.checked_add(offset)?, 0).map(|d| d.naive_utc())
}

/// Every tick instant of `interval` within `t0..=t1`, counted on the wall clock.
fn tick_instants(interval: Interval, t0: i64, t1: i64, offset: i64) -> Vec<i64> {
    let (l0, l1) = (t0.saturating_add(offset), t1.saturating_add(offset));
    let fixed = |step: i64, phase: i64| {
        let first = (l0 - phase).div_euclid(step) * step + phase;
        let first = if first < l0 { first + step } else { first };
        (0..)
            .map(move |i| first + i * step)
            .take_while(move |&l| l <= l1)
            .map(move |l| l - offset)
            .take(MAX_TIME_TICKS + 1)
            .collect()
    };
    match interval {
        Interval::Minutes(n) => fixed(n * 60, 0),
        Interval::Hours(n) => fixed(n * HOUR, 0),
        Interval::Days(n) => fixed(n * DAY, 0),
        // 5 January 1970 was a Monday.
        Interval::Weeks => fixed(7 * DAY, 4 * DAY),
        Interval::HalfMonths | Interval::Months(_) | Interval::Years(_) => {
            calendar_ticks(interval, l0, l1, offset)
        }
    }
}

/// Ticks on days of the calendar: the 1st and 15th, month starts, year starts.
fn calendar_ticks(interval: Interval, l0: i64, l1: i64, offset: i64) -> Vec<i64> {
    let (Some(start), Some(end)) = (local_time(l0, 0), local_time(l1, 0)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut year = start.year();
    let mut month = start.month();
    if let Interval::Years(n) = interval {
        year = year.div_euclid(n) * n;
        month = 1;
    }
    while out.len() <= MAX_TIME_TICKS && year <= end.year() {
        let days: &[u32] = if interval == Interval::HalfMonths {
            &[1, 15]
        } else {
            &[1]
        };
        let keep = match interval {
            Interval::Months(n) => (month - 1) % n == 0,
            _ => true,
        };
        for &day in days {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let l = date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
            if keep && (l0..=l1).contains(&l) {
                out.push(l - offset);
            }
        }
        if let Interval::Years(n) = interval {
            year = year.saturating_add(n);
        } else if month == 12 {
            (year, month) = (year + 1, 1);
        } else {
            month += 1;
        }
    }
    out
}

fn tick_label(interval: Interval, d: NaiveDateTime, dates: &DateStyle) -> String {
    match interval {
        Interval::Minutes(_) | Interval::Hours(_) => {
            dates.digits(&format!("{:02}:{:02}", d.hour(), d.minute()))
        }
        Interval::Days(_) | Interval::Weeks | Interval::HalfMonths => {
            dates.short_day_month(d.month(), d.day())
        }
        Interval::Months(_) => dates.short_month_name(d.month()),
        Interval::Years(_) => dates.gregorian_year(d.year()),
    }
}

fn tick_context(
    interval: Interval,
    d: NaiveDateTime,
    previous: Option<NaiveDateTime>,
    dates: &DateStyle,
) -> Option<String> {
    let new_year = previous.is_none_or(|p| p.year() != d.year());
    match interval {
        Interval::Minutes(_) | Interval::Hours(_) => {
            if previous.is_some_and(|p| p.date() == d.date()) {
                None
            } else if new_year {
                Some(dates.short_date(d.year(), d.month(), d.day()))
            } else {
                Some(dates.short_day_month(d.month(), d.day()))
            }
        }
        Interval::Days(_) | Interval::Weeks | Interval::HalfMonths | Interval::Months(_) => {
            new_year.then(|| dates.gregorian_year(d.year()))
        }
        Interval::Years(_) => None,
    }
}

/// The x of each reading: its instant's, set apart from others at the same place so
/// that none hides another completely.
pub(crate) fn place(frame: &Frame, points: &[Point<'_>]) -> Vec<f64> {
    let mut xs: Vec<f64> = points.iter().map(|p| frame.x(p.instant)).collect();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| points[i].instant);
    let mut start = 0;
    while start < order.len() {
        let here = xs[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| (xs[i] - here).abs() < 1.0)
                .count();
        let n = end - start;
        if n > 1 {
            let gap = (frame.marker * 1.5).min(CROWD / (n - 1) as f64);
            for (k, &i) in order[start..end].iter().enumerate() {
                xs[i] = here + (k as f64 - (n - 1) as f64 / 2.0) * gap;
            }
        }
        start = end;
    }
    xs
}

/// Gridlines and labels of the value axis, and the plot's baseline.
fn value_axis(out: &mut String, frame: &Frame) {
    out.push_str("<g class=\"chart-grid\" stroke=\"currentColor\" stroke-width=\"1\">");
    for v in frame.values.ticks().skip(1) {
        let y = frame.y(v);
        let _ = write!(
            out,
            "<path d=\"M{} {}H{}\"/>",
            N(frame.left),
            N(y),
            N(frame.right)
        );
    }
    out.push_str("</g><g class=\"chart-axis\" text-anchor=\"end\">");
    for v in frame.values.ticks() {
        let label = frame.digits.number(&frame.values.label(v));
        let _ = write!(
            out,
            "<text{} x=\"{}\" y=\"{}\">{}</text>",
            Bidi::new(&label, Side::Right, Side::Right),
            N(frame.left - 8.0),
            N(frame.y(v) + FONT * 0.35),
            Esc(&label)
        );
    }
    out.push_str("</g>");
}

/// The baseline, tick marks and labels of the time axis. A label that would run into
/// the one before it at the narrow text size is marked `chart-minor`, which the theme
/// hides on narrow screens; a label at either end is anchored at its tick rather
/// than centred on it, so that it stays inside the viewBox.
fn time_axis(out: &mut String, frame: &Frame) {
    let _ = write!(
        out,
        "<path class=\"chart-baseline\" d=\"M{} {}H{}\" stroke=\"currentColor\"/>",
        N(frame.left),
        N(frame.bottom),
        N(frame.right)
    );
    out.push_str("<g class=\"chart-axis\" text-anchor=\"middle\">");
    // Where the last label shown on narrow screens ends, on each line.
    let mut ends = [f64::NEG_INFINITY; 2];
    for tick in &frame.times {
        let x = frame.x(tick.instant);
        let _ = write!(
            out,
            "<path d=\"M{} {}v5\" stroke=\"currentColor\"/>",
            N(x),
            N(frame.bottom)
        );
        let lines = [
            (Some(tick.label.as_str()), TICK_LINE, "chart-tick"),
            (tick.context.as_deref(), CONTEXT_LINE, "chart-context"),
        ];
        for (end, (text, dy, class)) in ends.iter_mut().zip(lines) {
            let Some(text) = text else { continue };
            let width = text.chars().count() as f64 * CHAR;
            let (from, side) = if x - width / 2.0 < 0.0 {
                (x, Side::Left)
            } else if x + width / 2.0 > WIDTH {
                (x - width, Side::Right)
            } else {
                (x - width / 2.0, Side::Middle)
            };
            let minor = if from < *end + CHAR {
                " chart-minor"
            } else {
                *end = from + width;
                ""
            };
            let _ = write!(
                out,
                "<text{} class=\"{class}{minor}\" x=\"{}\" y=\"{}\">{}</text>",
                Bidi::new(text, side, Side::Middle),
                N(x),
                N(frame.bottom + dy),
                Esc(text)
            );
        }
    }
    out.push_str("</g>");
}

/// One reading: its link, title, band or bar, and marker.
fn reading(out: &mut String, frame: &Frame, id: &str, point: &Point<'_>, x: f64) {
    // A retracted marker is hollow already.
    let about = matches!(point.mark, Mark::About(_)) && point.tone != Tone::Retracted;
    let hollow = if about { " about" } else { "" };
    let _ = write!(
        out,
        "<a href=\"{}\" class=\"chart-point {}{hollow}\"><title>{}</title>",
        Esc(point.href),
        point.tone.class(),
        Esc(point.label)
    );
    if let Some((top, bottom)) = frame.extent(point.mark) {
        band(out, id, point.mark, x, frame.band, (top, bottom));
    }
    marker(out, point.tone, (x, frame.anchor(point.mark)), frame.marker);
    out.push_str("</a>");
}

/// A band or bar `width` wide centred on `x`, from `top` to `bottom`: an open band
/// fades out upward above a solid edge at its value; an "up to" band has an edge at
/// its value, a range bar at both of its values.
fn band(out: &mut String, id: &str, mark: Mark, x: f64, width: f64, (top, bottom): (f64, f64)) {
    let left = x - width / 2.0;
    let height = (bottom - top).max(0.0);
    let (kind, edges): (&str, &[f64]) = match mark {
        Mark::AtLeast(_) => ("open", &[bottom]),
        Mark::AtMost(_) => ("bound", &[top]),
        Mark::Range(..) => ("range", &[top, bottom]),
        Mark::Exact(_) | Mark::About(_) => return,
    };
    let _ = write!(
        out,
        "<rect class=\"chart-band {kind}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        N(left),
        N(top),
        N(width),
        N(height),
    );
    if kind == "open" {
        let _ = write!(out, " fill=\"url(#{}-fade)\"/>", Esc(id));
    } else {
        out.push_str(" fill-opacity=\".3\"/>");
    }
    out.push_str("<path class=\"chart-edge\" d=\"");
    for &y in edges {
        let _ = write!(out, "M{} {}h{}", N(left - 1.0), N(y), N(width + 2.0));
    }
    out.push_str("\" stroke=\"currentColor\"/>");
}

/// The marker of a tone, of radius `r`, centred on `(x, y)`.
fn marker(out: &mut String, tone: Tone, (x, y): (f64, f64), r: f64) {
    match tone {
        Tone::Reported | Tone::Retracted => {
            let _ = write!(
                out,
                "<circle class=\"chart-mark\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                N(x),
                N(y),
                N(r)
            );
        }
        Tone::Confirmed => {
            let s = r * 0.9;
            let _ = write!(
                out,
                "<rect class=\"chart-mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                N(x - s),
                N(y - s),
                N(2.0 * s),
                N(2.0 * s)
            );
        }
        Tone::Disputed => {
            let h = r * 1.2;
            let _ = write!(
                out,
                "<path class=\"chart-mark\" d=\"M{} {}l{} {}h{}z\"/>",
                N(x),
                N(y - h),
                N(h * 1.1),
                N(h * 1.9),
                N(-h * 2.2)
            );
        }
        Tone::Revised => {
            let h = r * 1.3;
            let _ = write!(
                out,
                "<path class=\"chart-mark\" d=\"M{} {}l{h} {h}l{m} {h}l{m} {m}z\"/>",
                N(x),
                N(y - h),
                h = N(h),
                m = N(-h)
            );
        }
    }
    if tone == Tone::Retracted {
        let _ = write!(
            out,
            "<path class=\"chart-strike\" d=\"M{} {}l{} {}\" stroke=\"currentColor\"/>",
            N(x - r - 1.5),
            N(y + r + 1.5),
            N(2.0 * r + 3.0),
            N(-2.0 * r - 3.0)
        );
    }
}

/// What the legend shows: each tone that appears, then the step line, hollow
/// markers, bands and bars when the chart has them; in rows of three columns.
struct Legend {
    items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Tone(Tone),
    About,
    Step,
    Open,
    Bound,
    Range,
}

impl Item {
    /// The key of its name in the legend (`chart.*`).
    fn key(self) -> &'static str {
        match self {
            Item::Tone(tone) => tone.legend(),
            Item::About => "chart.about",
            Item::Step => "chart.current_value",
            Item::Open => "chart.at_least",
            Item::Bound => "chart.up_to",
            Item::Range => "chart.range",
        }
    }
}

impl Legend {
    fn new(chart: &Chart<'_>) -> Legend {
        let has = |f: fn(&Point<'_>) -> bool| chart.points.iter().any(f);
        let mut items: Vec<Item> = Tone::ALL
            .into_iter()
            .filter(|&t| chart.points.iter().any(|p| p.tone == t))
            .map(Item::Tone)
            .collect();
        let extras = [
            (!chart.steps.is_empty(), Item::Step),
            (has(|p| matches!(p.mark, Mark::About(_))), Item::About),
            (has(|p| matches!(p.mark, Mark::AtLeast(_))), Item::Open),
            (has(|p| matches!(p.mark, Mark::AtMost(_))), Item::Bound),
            (has(|p| matches!(p.mark, Mark::Range(..))), Item::Range),
        ];
        items.extend(extras.into_iter().filter(|e| e.0).map(|e| e.1));
        Legend { items }
    }

    /// From the first row's baseline to the foot of the last row, if any.
    fn height(&self) -> Option<f64> {
        let rows = self.items.len().div_ceil(LEGEND_COLUMNS);
        (rows > 0).then(|| (rows - 1) as f64 * LEGEND_ROW + 8.0)
    }

    fn draw(&self, out: &mut String, id: &str, top: f64, words: &Table) {
        let column = (WIDTH - 2.0) / LEGEND_COLUMNS as f64;
        out.push_str("<g class=\"chart-legend\">");
        for (i, &item) in self.items.iter().enumerate() {
            let x = 2.0 + (i % LEGEND_COLUMNS) as f64 * column;
            let base = top + (i / LEGEND_COLUMNS) as f64 * LEGEND_ROW;
            let (cx, cy) = (x + 8.0, base - FONT * 0.35);
            let glyph = (cy - 8.0, cy + 8.0);
            match item {
                Item::Tone(tone) => {
                    let _ = write!(out, "<g class=\"chart-point {}\">", tone.class());
                    marker(out, tone, (cx, cy), MARKER);
                    out.push_str("</g>");
                }
                Item::About => {
                    out.push_str("<g class=\"chart-point about\">");
                    marker(out, Tone::Reported, (cx, cy), MARKER);
                    out.push_str("</g>");
                }
                Item::Step => {
                    let _ = write!(
                        out,
                        "<path class=\"chart-step\" d=\"M{} {}h8v-9h8\" fill=\"none\" \
                         stroke=\"currentColor\" stroke-width=\"2.5\"/>",
                        N(x),
                        N(cy + 4.5)
                    );
                }
                Item::Open => band(out, id, Mark::AtLeast(0.0), cx, BAND, glyph),
                Item::Bound => band(out, id, Mark::AtMost(0.0), cx, BAND, glyph),
                Item::Range => band(out, id, Mark::Range(0.0, 0.0), cx, BAND, glyph),
            }
            let _ = write!(
                out,
                "<text{} x=\"{}\" y=\"{}\">{}</text>",
                Bidi::new(words.text(item.key()), Side::Left, Side::Left),
                N(x + 24.0),
                N(base),
                Esc(words.text(item.key()))
            );
        }
        out.push_str("</g>");
    }
}

/// Where a text's `x` falls on it as drawn: its left end, its middle or its right
/// end, whichever way the text reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// The text runs rightwards from `x`.
    Left,
    /// The text is centred on `x`.
    Middle,
    /// The text runs leftwards from `x`.
    Right,
}

/// The `direction` of one `<text>` element, taken from its text's first letter
/// ([`crate::i18n::text_direction`]), and the `text-anchor` that puts [`Side`] at
/// its `x` in that direction, written only when it differs from the anchor the
/// element inherits (SVG 1.1 §10.9.1 and §10.10: `start` and `end` are the ends of
/// the text in its own direction). A Persian label on an English chart reads right
/// to left, an English one on a Persian chart left to right, and each stays where it
/// was placed: a right-to-left label meant to start at the left edge is anchored at
/// its `end`. An explicit direction, rather than `unicode-bidi="plaintext"`, because
/// SVG defines anchors by `direction` and leaves them unsaid for a direction found in
/// the text.
pub(crate) struct Bidi<'a> {
    text: &'a str,
    side: Side,
    inherited: Side,
}

impl<'a> Bidi<'a> {
    /// The attributes of a `<text>` holding `text` whose `x` is at `side`, in a group
    /// whose `text-anchor` puts a left-to-right text's `x` at `inherited` (`Left`
    /// without a `text-anchor`, as SVG's default is `start`).
    pub(crate) fn new(text: &'a str, side: Side, inherited: Side) -> Bidi<'a> {
        Bidi {
            text,
            side,
            inherited,
        }
    }
}

impl fmt::Display for Bidi<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::i18n::Dir;
        let anchor = |side: Side, dir: Dir| match (side, dir) {
            (Side::Middle, _) => "middle",
            (Side::Left, Dir::Ltr) | (Side::Right, Dir::Rtl) => "start",
            (Side::Right, Dir::Ltr) | (Side::Left, Dir::Rtl) => "end",
        };
        let dir = crate::i18n::text_direction(self.text);
        write!(f, " direction=\"{}\"", dir.as_str())?;
        let own = anchor(self.side, dir);
        if own != anchor(self.inherited, Dir::Ltr) {
            write!(f, " text-anchor=\"{own}\"")?;
        }
        Ok(())
    }
}

/// A coordinate rounded to a tenth, without a trailing `.0`.
pub(crate) struct N(pub(crate) f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round();
        if tenths % 10.0 == 0.0 {
            write!(f, "{}", (tenths / 10.0) as i64)
        } else {
            write!(f, "{:.1}", tenths / 10.0)
        }
    }
}

/// Text for XML content and attribute values: the five special characters as
/// references, and characters XML 1.0 cannot hold (most control characters) left out.
pub(crate) struct Esc<'a>(pub(crate) &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&#39;")?,
                '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' => {
                    f.write_char(c)?;
                }
                c if c >= '\u{10000}' => f.write_char(c)?,
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default site's style: English, Gregorian.
    static EN_WORDS: std::sync::LazyLock<std::sync::Arc<Table>> =
        std::sync::LazyLock::new(|| crate::i18n::strings::Words::builtin().table("en"));
    static EN: std::sync::LazyLock<DateStyle> =
        std::sync::LazyLock::new(|| DateStyle::new("en", crate::i18n::dates::Calendar::Gregorian));

    /// A wall-clock time, `2024-01-03 16:30`.
    fn wall(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A point at a wall-clock time `offset` seconds ahead of UTC.
    fn point_in<'a>(s: &str, offset: i64, mark: Mark, tone: Tone, href: &'a str) -> Point<'a> {
        let local = wall(s);
        Point {
            instant: local.and_utc().timestamp() - offset,
            local,
            mark,
            tone,
            href,
            label: "a reading",
        }
    }

    fn point<'a>(s: &str, mark: Mark, tone: Tone, href: &'a str) -> Point<'a> {
        point_in(s, 0, mark, tone, href)
    }

    fn chart<'a>(points: &'a [Point<'a>], steps: &'a [(i64, f64)]) -> Chart<'a> {
        Chart {
            id: "killed",
            title: "Killed",
            unit: None,
            points,
            steps,
            description: "The death toll over time.",
            days_only: false,
            dates: &EN,
            words: &EN_WORDS,
        }
    }

    fn kerman() -> Vec<Point<'static>> {
        vec![
            point(
                "2024-01-03 16:30",
                Mark::AtLeast(20.0),
                Tone::Reported,
                "/2024/01/03/a/",
            ),
            point(
                "2024-01-03 19:00",
                Mark::AtLeast(70.0),
                Tone::Reported,
                "/2024/01/03/b/",
            ),
            point(
                "2024-01-03 22:00",
                Mark::Range(100.0, 170.0),
                Tone::Disputed,
                "/2024/01/03/c/",
            ),
            point(
                "2024-01-04 09:00",
                Mark::Exact(84.0),
                Tone::Confirmed,
                "/2024/01/04/d/",
            ),
        ]
    }

    fn labels(ticks: &[TimeTick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    fn contexts(ticks: &[TimeTick]) -> Vec<Option<&str>> {
        ticks.iter().map(|t| t.context.as_deref()).collect()
    }

    fn ticks_around(points: &[Point<'_>]) -> (Interval, Vec<TimeTick>) {
        let frame = Frame::new(&chart(points, &[]));
        let offset = points[0].local.and_utc().timestamp() - points[0].instant;
        let (interval, ticks) = time_ticks(frame.t0, frame.t1, offset, false, &EN);
        assert_eq!(frame.times, ticks);
        (interval, ticks)
    }

    #[test]
    fn a_reading_lands_at_its_instant_and_the_ends_sit_just_inside_the_plot() {
        let points = kerman();
        let frame = Frame::new(&chart(&points, &[]));
        let width = frame.right - frame.left;
        let (first, last) = (points[0].instant, points[3].instant);
        // 16.5 hours, padded by 5 % of the span each side.
        assert_eq!(frame.t0, first - (last - first) / 20);
        assert_eq!(frame.t1, last + (last - first) / 20);
        let x_first = frame.x(first);
        assert!((x_first - (frame.left + width / 1.1 * 0.05)).abs() < 1e-9);
        assert!((frame.x(last) - (frame.right - width / 1.1 * 0.05)).abs() < 1e-9);
        assert!((frame.x((first + last) / 2) - (frame.left + width / 2.0)).abs() < 1e-9);
        let xs = place(&frame, &points);
        for (p, x) in points.iter().zip(xs) {
            assert_eq!(x, frame.x(p.instant));
        }
    }

    #[test]
    fn values_map_from_zero_at_the_bottom_to_the_axis_top_at_the_top() {
        let points = kerman();
        let frame = Frame::new(&chart(&points, &[]));
        // 170 is the largest value: steps of 50 up to 200.
        assert_eq!(frame.values.top, 200.0);
        assert_eq!(frame.values.step, 50.0);
        assert_eq!(frame.bottom - frame.top, PLOT_HEIGHT);
        assert_eq!(frame.y(0.0), frame.bottom);
        assert_eq!(frame.y(200.0), frame.top);
        assert_eq!(frame.y(50.0), frame.bottom - PLOT_HEIGHT / 4.0);
        assert_eq!(frame.y(-5.0), frame.bottom);
        assert_eq!(frame.y(f64::NAN), frame.bottom);
    }

    #[test]
    fn bounds_open_upward_reach_the_plot_top_and_ranges_span_their_values() {
        let points = kerman();
        let frame = Frame::new(&chart(&points, &[]));
        assert_eq!(
            frame.extent(Mark::AtLeast(70.0)),
            Some((frame.top, frame.y(70.0)))
        );
        assert_eq!(
            frame.extent(Mark::AtMost(170.0)),
            Some((frame.y(170.0), frame.bottom))
        );
        assert_eq!(
            frame.extent(Mark::Range(100.0, 170.0)),
            Some((frame.y(170.0), frame.y(100.0)))
        );
        assert_eq!(
            frame.extent(Mark::Range(170.0, 100.0)),
            Some((frame.y(170.0), frame.y(100.0)))
        );
        assert_eq!(frame.extent(Mark::Exact(84.0)), None);
        assert_eq!(frame.anchor(Mark::Range(100.0, 150.0)), frame.y(125.0));
        assert_eq!(frame.anchor(Mark::AtLeast(20.0)), frame.y(20.0));
    }

    #[test]
    fn open_bands_keep_headroom_above_the_largest_bound() {
        let points = [point(
            "2024-01-03 16:30",
            Mark::AtLeast(20.0),
            Tone::Reported,
            "/a/",
        )];
        let frame = Frame::new(&chart(&points, &[]));
        // 20 × 1.3 = 26 needs steps of 10 up to 30: a third of the plot is open band.
        assert_eq!(frame.values.top, 30.0);
        let (top, bottom) = frame.extent(Mark::AtLeast(20.0)).unwrap();
        assert_eq!(top, frame.top);
        assert!((bottom - top - PLOT_HEIGHT / 3.0).abs() < 1e-9);
    }

    #[test]
    fn step_line_runs_across_then_up_to_each_value_and_on_to_the_right_edge() {
        let points = kerman();
        let steps = [
            (points[1].instant, 70.0),
            (points[0].instant, 20.0),
            (points[3].instant, 84.0),
        ];
        let frame = Frame::new(&chart(&points, &steps));
        let (x0, x1, x3) = (
            frame.x(points[0].instant),
            frame.x(points[1].instant),
            frame.x(points[3].instant),
        );
        let expected = format!(
            "M{} {}H{}V{}H{}V{}H{}",
            N(x0),
            N(frame.y(20.0)),
            N(x1),
            N(frame.y(70.0)),
            N(x3),
            N(frame.y(84.0)),
            N(frame.right)
        );
        assert_eq!(frame.step_path(&steps), expected);
        assert_eq!(frame.step_path(&[]), "");
    }

    #[test]
    fn readings_at_the_same_instant_are_set_side_by_side() {
        let points = [
            point("2024-01-03 19:00", Mark::Exact(70.0), Tone::Reported, "/a/"),
            point("2024-01-03 19:00", Mark::Exact(70.0), Tone::Disputed, "/b/"),
            point("2024-01-03 19:00", Mark::Exact(70.0), Tone::Revised, "/c/"),
            point("2024-01-04 19:00", Mark::Exact(90.0), Tone::Reported, "/d/"),
        ];
        let frame = Frame::new(&chart(&points, &[]));
        let x = frame.x(points[0].instant);
        let xs = place(&frame, &points);
        let gap = frame.marker * 1.5;
        assert_eq!(frame.marker, MARKER);
        assert_eq!(xs[..3], [x - gap, x, x + gap]);
        assert_eq!(xs[3], frame.x(points[3].instant));
    }

    #[test]
    fn ticks_every_half_hour_across_three_hours() {
        let points = [
            point("2024-01-03 16:30", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-01-03 19:30", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let (interval, ticks) = ticks_around(&points);
        assert_eq!(interval, Interval::Minutes(30));
        assert_eq!(
            labels(&ticks),
            [
                "16:30", "17:00", "17:30", "18:00", "18:30", "19:00", "19:30"
            ]
        );
        assert_eq!(ticks[0].context.as_deref(), Some("3 Jan 2024"));
        assert!(ticks[1..].iter().all(|t| t.context.is_none()));
        assert_eq!(ticks[0].instant, points[0].instant);
    }

    #[test]
    fn ticks_every_twelve_hours_across_two_days_with_each_new_date() {
        let points = [
            point("2024-01-03 00:00", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-01-05 00:00", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let (interval, ticks) = ticks_around(&points);
        assert_eq!(interval, Interval::Hours(12));
        assert_eq!(
            labels(&ticks),
            ["00:00", "12:00", "00:00", "12:00", "00:00"]
        );
        assert_eq!(
            contexts(&ticks),
            [Some("3 Jan 2024"), None, Some("4 Jan"), None, Some("5 Jan")]
        );
    }

    #[test]
    fn ticks_every_month_across_five_months() {
        let points = [
            point("2024-01-15 12:00", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-06-15 12:00", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let (interval, ticks) = ticks_around(&points);
        assert_eq!(interval, Interval::Months(1));
        assert_eq!(labels(&ticks), ["Feb", "Mar", "Apr", "May", "Jun"]);
        assert_eq!(contexts(&ticks), [Some("2024"), None, None, None, None]);
        assert_eq!(
            ticks[0].instant,
            wall("2024-02-01 00:00").and_utc().timestamp()
        );
    }

    #[test]
    fn ticks_every_other_year_across_eight_years() {
        let points = [
            point("2016-03-01 12:00", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-03-01 12:00", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let (interval, ticks) = ticks_around(&points);
        assert_eq!(interval, Interval::Years(2));
        assert_eq!(labels(&ticks), ["2016", "2018", "2020", "2022", "2024"]);
        assert!(ticks.iter().all(|t| t.context.is_none()));
    }

    #[test]
    fn ticks_across_a_year_change_name_the_new_year() {
        let points = [
            point("2023-12-20 12:00", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-01-20 12:00", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let (interval, ticks) = ticks_around(&points);
        assert_eq!(interval, Interval::Weeks);
        assert_eq!(
            labels(&ticks),
            ["25 Dec", "1 Jan", "8 Jan", "15 Jan", "22 Jan"]
        );
        assert_eq!(
            contexts(&ticks),
            [Some("2023"), Some("2024"), None, None, None]
        );
    }

    #[test]
    fn one_reading_is_centred_in_its_day_with_ticks_on_the_story_clock() {
        // 16:30 in Tehran (UTC+03:30): the ticks fall on Tehran's whole hours.
        let tehran = 3 * HOUR + 30 * 60;
        let points = [point_in(
            "2024-01-03 16:30",
            tehran,
            Mark::AtLeast(20.0),
            Tone::Reported,
            "/a/",
        )];
        let frame = Frame::new(&chart(&points, &[]));
        assert_eq!(frame.t0, points[0].instant - 12 * HOUR);
        assert_eq!(frame.t1, points[0].instant + 12 * HOUR);
        assert!((frame.x(points[0].instant) - (frame.left + frame.right) / 2.0).abs() < 1e-9);
        let (interval, ticks) = time_ticks(frame.t0, frame.t1, tehran, false, &EN);
        assert_eq!(frame.times, ticks);
        assert_eq!(interval, Interval::Hours(6));
        assert_eq!(labels(&ticks), ["06:00", "12:00", "18:00", "00:00"]);
        assert_eq!(
            contexts(&ticks),
            [Some("3 Jan 2024"), None, None, Some("4 Jan")]
        );
        assert_eq!(
            ticks[0].instant,
            wall("2024-01-03 06:00").and_utc().timestamp() - tehran
        );
    }

    #[test]
    fn value_axis_steps_are_one_two_or_five_times_a_power_of_ten() {
        let axis = |needed, integral| {
            let a = ValueAxis::covering(needed, integral);
            (
                a.top,
                a.step,
                a.ticks().map(|v| a.label(v)).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            axis(170.0, true),
            (
                200.0,
                50.0,
                vec!["0", "50", "100", "150", "200"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        assert_eq!(
            axis(1200.0, true),
            (
                1500.0,
                500.0,
                ["0", "500", "1,000", "1,500"].map(String::from).to_vec()
            )
        );
        assert_eq!(
            axis(3.0, true),
            (3.0, 1.0, ["0", "1", "2", "3"].map(String::from).to_vec())
        );
        assert_eq!(
            axis(1.5, false),
            (
                1.5,
                0.5,
                ["0", "0.5", "1.0", "1.5"].map(String::from).to_vec()
            )
        );
        assert_eq!(axis(0.0, true).0, 1.0);
        assert_eq!(axis(f64::INFINITY, true).0, 1.0);
        assert_eq!(axis(48_000.0, true).1, 10_000.0);
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0.0, 0), "0");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(1200.0, 0), "1,200");
        assert_eq!(thousands(1_234_567.0, 0), "1,234,567");
        assert_eq!(thousands(12_500.5, 1), "12,500.5");
        assert_eq!(thousands(0.25, 2), "0.25");
        assert_eq!(thousands(-4500.0, 0), "-4,500");
    }

    #[test]
    fn coordinates_are_rounded_to_a_tenth() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(12.34).to_string(), "12.3");
        assert_eq!(N(12.96).to_string(), "13");
        assert_eq!(N(-0.04).to_string(), "0");
        assert_eq!(N(-3.25).to_string(), "-3.3");
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap()
    }

    fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
    }

    #[test]
    fn readings_known_to_the_day_tick_at_days_with_a_day_either_side() {
        // Two readings of 3 January, placed at noon: the axis names days, no hours.
        let points = [
            point(
                "2024-01-03 12:00",
                Mark::AtLeast(20.0),
                Tone::Reported,
                "/a/",
            ),
            point(
                "2024-01-03 12:00",
                Mark::AtLeast(70.0),
                Tone::Reported,
                "/b/",
            ),
        ];
        let chart = Chart {
            days_only: true,
            ..chart(&points, &[])
        };
        let frame = Frame::new(&chart);
        assert_eq!(
            (frame.t0, frame.t1),
            (
                wall("2024-01-02 00:00").and_utc().timestamp(),
                wall("2024-01-05 00:00").and_utc().timestamp()
            )
        );
        let (interval, ticks) = time_ticks(frame.t0, frame.t1, 0, true, &EN);
        assert_eq!(interval, Interval::Days(1));
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2 Jan", "3 Jan", "4 Jan", "5 Jan"]);
        // Without it, the same span would tick every twelve hours.
        assert_eq!(
            time_ticks(frame.t0, frame.t1, 0, false, &EN).0,
            Interval::Hours(12)
        );
    }

    #[test]
    fn svg_is_responsive_named_and_described_and_escapes_its_text() {
        let mut points = kerman();
        points[0].href = "/search/?q=gas&source=irib";
        points[0].label = "at least 20 — \"IRIB\" <state TV>, it's\u{1} 16:30";
        let chart = Chart {
            id: "fig-\"killed\"",
            title: "Killed & <hurt>",
            unit: Some("people's"),
            points: &points,
            steps: &[],
            description: "Toll \u{7}rose: 20 → 84 & more",
            days_only: false,
            dates: &EN,
            words: &EN_WORDS,
        };
        let svg = svg(&chart);
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(
            root.attribute("viewBox").map(|v| v.starts_with("0 0 640 ")),
            Some(true)
        );
        assert_eq!(root.attribute("width"), None);
        assert_eq!(root.attribute("height"), None);
        assert_eq!(root.attribute("role"), Some("group"));
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some("fig-\"killed\"-title fig-\"killed\"-desc")
        );
        let title = root.first_element_child().unwrap();
        assert_eq!(title.tag_name().name(), "title");
        assert_eq!(title.attribute("id"), Some("fig-\"killed\"-title"));
        assert_eq!(title.text(), Some("Killed & <hurt>"));
        let desc = title.next_sibling_element().unwrap();
        assert_eq!(desc.attribute("id"), Some("fig-\"killed\"-desc"));
        assert_eq!(desc.text(), Some("Toll rose: 20 → 84 & more"));
        let heading = root
            .descendants()
            .find(|n| n.attribute("class") == Some("chart-title"))
            .unwrap();
        assert_eq!(heading.text(), Some("Killed & <hurt> (people's)"));
        let a = root.descendants().find(|n| n.has_tag_name("a")).unwrap();
        assert_eq!(a.attribute("href"), Some("/search/?q=gas&source=irib"));
        assert_eq!(
            child_text(a, "title"),
            Some("at least 20 — \"IRIB\" <state TV>, it's 16:30")
        );
    }

    #[test]
    fn svg_links_each_reading_to_its_event_with_its_title_and_tone() {
        let points = kerman();
        let steps = [(points[0].instant, 20.0), (points[3].instant, 84.0)];
        let svg = svg(&chart(&points, &steps));
        let doc = parse(&svg);
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), points.len());
        for (a, p) in links.iter().zip(&points) {
            assert_eq!(a.attribute("href"), Some(p.href));
            assert_eq!(child_text(*a, "title"), Some(p.label));
        }
        let classes: Vec<_> = links
            .iter()
            .map(|a| a.attribute("class").unwrap())
            .collect();
        assert_eq!(
            classes,
            [
                "chart-point reported",
                "chart-point reported",
                "chart-point disputed",
                "chart-point confirmed"
            ]
        );
        // The open bands use the chart's own gradient; the range has its bar.
        assert_eq!(svg.matches("fill=\"url(#killed-fade)\"").count(), 3);
        assert!(
            doc.descendants()
                .any(|n| n.attribute("id") == Some("killed-fade"))
        );
        // One bar on the chart, one in the legend.
        assert_eq!(svg.matches("class=\"chart-band range\"").count(), 2);
        let step = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("chart-step"))
            .unwrap();
        let frame = Frame::new(&chart(&points, &steps));
        assert_eq!(step.attribute("d"), Some(frame.step_path(&steps).as_str()));
    }

    #[test]
    fn legend_names_the_tones_and_shapes_that_appear() {
        let points = kerman();
        let steps = [(points[0].instant, 20.0)];
        let svg = svg(&chart(&points, &steps));
        let doc = parse(&svg);
        let legend = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("chart-legend"))
            .unwrap();
        let words: Vec<_> = legend
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            words,
            [
                "Reported",
                "Confirmed",
                "Disputed",
                "Current value",
                "At least",
                "Range"
            ]
        );
    }

    #[test]
    fn svg_has_no_colours_of_its_own() {
        let mut points = kerman();
        points.push(point(
            "2024-01-04 10:00",
            Mark::About(90.0),
            Tone::Retracted,
            "/e/",
        ));
        points.push(point(
            "2024-01-04 11:00",
            Mark::AtMost(170.0),
            Tone::Revised,
            "/f/",
        ));
        let svg = svg(&chart(&points, &[(points[0].instant, 20.0)]));
        // Every `#` is a reference to the chart's own gradient.
        assert_eq!(
            svg.matches('#').count(),
            svg.matches("url(#killed-fade)").count()
        );
        for colour in ["rgb", "hsl", "black", "white", "style="] {
            assert!(!svg.contains(colour), "{colour}");
        }
        assert!(svg.contains("fill=\"currentColor\""));
    }

    #[test]
    fn five_hundred_readings_stay_under_200_kb_with_no_text_per_reading() {
        let start = wall("2024-01-03 16:30");
        let hrefs: Vec<String> = (0..500)
            .map(|i| format!("/2024/01/{:02}/kerman-explosions-update-{i}/", 3 + i / 20))
            .collect();
        let labels: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    "more than {} — Agence France-Presse, 3 January 2024 19:00, reported",
                    70 + i
                )
            })
            .collect();
        let points: Vec<Point<'_>> = (0..500)
            .map(|i| {
                let local = start + chrono::Duration::minutes(83 * i as i64);
                let v = 70.0 + i as f64;
                Point {
                    instant: local.and_utc().timestamp(),
                    local,
                    mark: match i % 5 {
                        0 => Mark::AtLeast(v),
                        1 => Mark::Range(v, v * 1.4),
                        2 => Mark::About(v),
                        3 => Mark::AtMost(v),
                        _ => Mark::Exact(v),
                    },
                    tone: Tone::ALL[i % 5],
                    href: &hrefs[i],
                    label: &labels[i],
                }
            })
            .collect();
        let steps: Vec<(i64, f64)> = points.iter().map(|p| (p.instant, 1.0)).collect();
        let frame = Frame::new(&chart(&points, &steps));
        assert_eq!((frame.marker, frame.band), (3.5, 2.0));
        let svg = svg(&chart(&points, &steps));
        assert!(svg.len() < 200_000, "{} bytes", svg.len());
        let doc = parse(&svg);
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("a")).count(),
            500
        );
        // Text on the chart: the heading, the axes' labels and the legend only.
        let texts = doc.descendants().filter(|n| n.has_tag_name("text")).count();
        assert!(texts < 40, "{texts} text elements");
    }

    #[test]
    fn markers_and_bands_shrink_only_when_readings_crowd_the_plot() {
        assert_eq!(Frame::sizes(560.0, 8), (MARKER, BAND));
        assert_eq!(Frame::sizes(560.0, 0), (MARKER, BAND));
        let (marker, band) = Frame::sizes(560.0, 80);
        assert!((marker - 4.2).abs() < 1e-9 && (band - 5.6).abs() < 1e-9);
        assert_eq!(Frame::sizes(560.0, 500), (3.5, 2.0));
    }

    #[test]
    fn labels_that_would_collide_on_narrow_screens_are_minor() {
        // 3-hour ticks from 21:00: "3 Jan 2024" and "4 Jan" are one tick apart.
        let points = [
            point("2024-01-03 20:30", Mark::Exact(20.0), Tone::Reported, "/a/"),
            point("2024-01-04 14:30", Mark::Exact(70.0), Tone::Reported, "/b/"),
        ];
        let svg = svg(&chart(&points, &[]));
        let doc = parse(&svg);
        let axis: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| Some((n.attribute("class")?, n.text()?)))
            .filter(|(class, _)| {
                class.starts_with("chart-tick") || class.starts_with("chart-context")
            })
            .collect();
        assert_eq!(
            axis,
            [
                ("chart-tick", "21:00"),
                ("chart-context", "3 Jan 2024"),
                ("chart-tick", "00:00"),
                ("chart-context chart-minor", "4 Jan"),
                ("chart-tick", "03:00"),
                ("chart-tick", "06:00"),
                ("chart-tick", "09:00"),
                ("chart-tick", "12:00"),
                ("chart-tick", "15:00"),
            ]
        );
    }

    #[test]
    fn an_empty_chart_is_still_a_valid_svg() {
        let svg = svg(&chart(&[], &[]));
        let doc = parse(&svg);
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("a")).count(), 0);
        let legend = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("chart-legend"))
            .unwrap();
        assert_eq!(legend.children().count(), 0);
        assert!(
            !doc.descendants()
                .any(|n| n.has_tag_name("text") && n.text() == Some("1970"))
        );
    }

    /// Every `<text>` of `svg`: its text, `direction` and `text-anchor` (if any).
    fn text_directions(svg: &str) -> Vec<(String, String, Option<String>)> {
        let doc = parse(svg);
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.text().unwrap_or_default().to_owned(),
                    n.attribute("direction").unwrap_or("none").to_owned(),
                    n.attribute("text-anchor").map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn each_text_reads_in_the_direction_of_its_own_letters() {
        let points = kerman();
        let persian = Chart {
            title: "کشته‌شدگان",
            unit: Some("نفر"),
            ..chart(&points, &[])
        };
        let texts = text_directions(&svg(&persian));
        // A Persian title at the left edge: right to left, anchored at its end,
        // which in that direction is its left end.
        assert_eq!(
            texts[0],
            (
                "کشته‌شدگان (نفر)".to_owned(),
                "rtl".to_owned(),
                Some("end".to_owned())
            )
        );
        // Numbers and English words around it stay left to right, with the anchors
        // of their groups.
        assert_eq!(
            texts[1..6],
            [
                ("0".to_owned(), "ltr".to_owned(), None),
                ("50".to_owned(), "ltr".to_owned(), None),
                ("100".to_owned(), "ltr".to_owned(), None),
                ("150".to_owned(), "ltr".to_owned(), None),
                ("200".to_owned(), "ltr".to_owned(), None),
            ]
        );
        assert!(
            texts.iter().all(|(_, dir, _)| dir == "ltr" || dir == "rtl"),
            "{texts:?}"
        );
        let english = text_directions(&svg(&chart(&points, &[])));
        assert_eq!(english[0], ("Killed".to_owned(), "ltr".to_owned(), None));
        // Only the title changed.
        assert_eq!(english[1..], texts[1..]);
    }

    #[test]
    fn a_right_to_left_label_keeps_the_side_it_was_placed_at() {
        use Side::{Left, Middle, Right};
        // (text, the side it is placed at, the group's anchor, the attributes).
        let cases = [
            // Left to right: the group's anchor, or the one the side needs.
            ("Jan", Middle, Middle, " direction=\"ltr\""),
            (
                "3 Jan 2024",
                Left,
                Middle,
                " direction=\"ltr\" text-anchor=\"start\"",
            ),
            (
                "4 Jan",
                Right,
                Middle,
                " direction=\"ltr\" text-anchor=\"end\"",
            ),
            ("1,200", Right, Right, " direction=\"ltr\""),
            // Right to left: `start` is the right end, `end` the left one.
            ("ژانویه", Middle, Middle, " direction=\"rtl\""),
            (
                "۳ ژانویه ۲۰۲۴",
                Left,
                Middle,
                " direction=\"rtl\" text-anchor=\"end\"",
            ),
            (
                "۴ ژانویه",
                Right,
                Middle,
                " direction=\"rtl\" text-anchor=\"start\"",
            ),
            (
                "گزارش",
                Left,
                Left,
                " direction=\"rtl\" text-anchor=\"end\"",
            ),
            (
                "گزارش",
                Right,
                Right,
                " direction=\"rtl\" text-anchor=\"start\"",
            ),
            // Persian digits alone have no direction: left to right.
            ("۱۲۰۰", Right, Right, " direction=\"ltr\""),
        ];
        for (text, side, inherited, expected) in cases {
            assert_eq!(
                Bidi::new(text, side, inherited).to_string(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn axes_in_persian_read_right_to_left_where_they_hold_words() {
        let fa = DateStyle::new("fa", crate::i18n::dates::Calendar::Gregorian);
        let points = kerman();
        let persian = Chart {
            dates: &fa,
            ..chart(&points, &[])
        };
        let texts = text_directions(&svg(&persian));
        let find = |text: &str| {
            texts
                .iter()
                .find(|(t, _, _)| t == text)
                .unwrap_or_else(|| panic!("no {text} in {texts:?}"))
                .clone()
        };
        assert_eq!(
            find("Killed"),
            ("Killed".to_owned(), "ltr".to_owned(), None)
        );
        assert_eq!(find("۲۰۰"), ("۲۰۰".to_owned(), "ltr".to_owned(), None));
        let contexts: Vec<_> = texts
            .iter()
            .filter(|(t, _, _)| t.contains("ژانویه"))
            .collect();
        assert!(!contexts.is_empty(), "{texts:?}");
        assert!(contexts.iter().all(|(_, dir, _)| dir == "rtl"), "{texts:?}");
    }
}
