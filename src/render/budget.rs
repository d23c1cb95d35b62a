//! The render budget: how long one page may take to render and how big it may grow.
//!
//! Tera has no limit on loops or on components calling each other (only on how deep
//! they nest), so a template can run until the process is killed. Each page is
//! rendered into a [`Meter`], a `Vec` that checks the page's deadline every few
//! writes and its size on each. Output Tera keeps to itself before writing it
//! (sections, components inside expressions) is stopped by [`escape_html`], and a
//! loop that writes nothing by [`range`]: both replace Tera's own and check the
//! deadline of the page being rendered on their thread. A loop that writes
//! nothing, escapes nothing and calls no `range` (loops nested over literal lists)
//! is not stopped. This module measures; turning a breach into a
//! diagnostic is [`super::Theme::render`]'s.

use std::cell::Cell;
use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long one page may take to render by default. The longest real pages (the
/// timeline and the biggest source pages of a 10,000-event site) take well under a
/// second; the margin is for the clock, which keeps running while a loaded machine
/// runs other work. `serve` waits at most this long for a runaway after an edit.
const TIME: Duration = Duration::from_secs(30);

/// How big one page may grow. The timeline of a 10,000-event site is about 11 MiB,
/// of a 100,000-event site about ten times that.
const BYTES: usize = 1 << 30;

/// Writes between two looks at the clock: reading it costs about as much as
/// copying a few hundred bytes, and a page makes thousands of small writes.
const WRITES_PER_CHECK: u32 = 64;

/// The limits of one render pass, shared by the threads that render its pages.
/// Once one page has run past them the others are not started: the build fails
/// anyway, and a runaway in `base.html` would otherwise cost the whole budget on
/// every page.
pub struct Budget {
    time: Duration,
    bytes: usize,
    spent: AtomicBool,
}

impl Budget {
    /// The default limits, or a time limit in milliseconds from
    /// `DATELINE_RENDER_BUDGET_MS` (meant for tests, which make runaways end fast).
    pub fn new() -> Budget {
        let time = std::env::var("DATELINE_RENDER_BUDGET_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(TIME, Duration::from_millis);
        Budget {
            time,
            bytes: BYTES,
            spent: AtomicBool::new(false),
        }
    }

    /// Whether a page has run past the budget: later renders are skipped.
    pub fn spent(&self) -> bool {
        self.spent.load(Ordering::Relaxed)
    }

    /// Marks the budget spent.
    pub fn spend(&self) {
        self.spent.store(true, Ordering::Relaxed);
    }

    /// A buffer for one page, and the deadline [`range`] checks on this thread
    /// until the returned guard is dropped.
    pub fn meter(&self) -> (Meter, DeadlineGuard) {
        let deadline = Instant::now() + self.time;
        let previous = DEADLINE.with(|d| d.replace(Some((deadline, self.time))));
        let meter = Meter {
            bytes: Vec::new(),
            deadline,
            limit: self.bytes,
            time: self.time,
            writes: 0,
        };
        (meter, DeadlineGuard(previous))
    }

    /// The time limit as shown to the user: `300 ms`, `10 s`.
    pub fn time_text(&self) -> String {
        time_text(self.time)
    }
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::new()
    }
}

fn time_text(time: Duration) -> String {
    if time.subsec_millis() == 0 && time.as_secs() > 0 {
        format!("{} s", time.as_secs())
    } else {
        format!("{} ms", time.as_millis())
    }
}

thread_local! {
    /// The deadline of the page this thread is rendering, if any, and its budget.
    static DEADLINE: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
}

/// Restores the thread's previous deadline when the page is rendered.
pub struct DeadlineGuard(Option<(Instant, Duration)>);

impl Drop for DeadlineGuard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.0));
    }
}

/// Why a page was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// It rendered for longer than this.
    Time(Duration),
    /// It grew bigger than this many bytes.
    Size(usize),
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Time(time) => write!(f, "the render budget of {}", time_text(*time)),
            Exceeded::Size(bytes) => write!(f, "the size limit of {} MiB", bytes >> 20),
        }
    }
}

impl std::error::Error for Exceeded {}

/// The page being rendered: refuses the write that would pass the size limit,
/// and any write after the deadline.
pub struct Meter {
    bytes: Vec<u8>,
    deadline: Instant,
    limit: usize,
    time: Duration,
    writes: u32,
}

impl Meter {
    /// The page rendered.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl io::Write for Meter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.bytes.len() + buf.len() > self.limit {
            return Err(io::Error::other(Exceeded::Size(self.limit)));
        }
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(WRITES_PER_CHECK) && Instant::now() > self.deadline {
            return Err(io::Error::other(Exceeded::Time(self.time)));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

thread_local! {
    /// Values escaped on this thread, to look at the clock every few.
    static ESCAPED: Cell<u32> = const { Cell::new(0) };
}

/// Tera's HTML escaping, which also stops a page past its deadline: values written
/// into a `{% set %}` or `{% filter %}` section, or a component used inside an
/// expression, are kept by Tera and reach the [`Meter`] only at the end.
pub fn escape_html(input: &str, output: &mut dyn io::Write) -> io::Result<()> {
    let escaped = ESCAPED.with(|n| {
        let next = n.get().wrapping_add(1);
        n.set(next);
        next
    });
    if escaped.is_multiple_of(WRITES_PER_CHECK)
        && let Some((deadline, time)) = DEADLINE.with(Cell::get)
        && Instant::now() > deadline
    {
        return Err(io::Error::other(Exceeded::Time(time)));
    }
    tera::escape_html(input, output)
}

/// What stopped a render, if the budget did: found in the chain of a Tera error,
/// where Tera keeps the writer's error as the source of its own.
pub fn exceeded(e: &(dyn std::error::Error + 'static)) -> Option<Exceeded> {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(exceeded) = c
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
            .and_then(|inner| inner.downcast_ref::<Exceeded>())
        {
            return Some(*exceeded);
        }
        cause = c.source();
    }
    None
}

/// The start of the error [`range`] gives once the page's deadline has passed.
pub const RANGE_PAST_BUDGET: &str = "the page ran past the render budget";

/// Tera's `range(start=0, end, step_by=1)`, which also stops a page past its
/// deadline: loops that write nothing never reach the [`Meter`], and `range` is
/// the one way a template makes a long list out of nothing. Tera then reports the
/// error at the call, with its line. Tera's own limit (100,000 elements) is kept.
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    // An eighth of the budget later than the writer: a loop that writes is
    // stopped by the writer, always with the same error.
    if let Some((deadline, time)) = DEADLINE.with(Cell::get)
        && Instant::now() > deadline + time / 8
    {
        return Err(tera::Error::message(format!(
            "{RANGE_PAST_BUDGET} of {}",
            time_text(time)
        )));
    }
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step_by = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if start > end && step_by > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    if step_by == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let overflow =
        || tera::Error::message("Function `range` was called with arguments that overflow i128");
    let len = if step_by > 0 {
        let span = end.checked_sub(start).ok_or_else(overflow)?;
        span.checked_add(step_by - 1).ok_or_else(overflow)? / step_by
    } else if start <= end {
        0
    } else {
        let step = step_by.checked_neg().ok_or_else(overflow)?;
        let span = start.checked_sub(end).ok_or_else(overflow)?;
        span.checked_add(step - 1).ok_or_else(overflow)? / step
    };
    if len > MAX_RANGE_LEN {
        return Err(tera::Error::message(format!(
            "Function `range` would produce {len} elements, which exceeds the limit of {MAX_RANGE_LEN}"
        )));
    }
    // `len` steps from `start` stay between `start` and `end`: no overflow.
    Ok((0..len).map(|i| start + i * step_by).collect())
}

/// Tera's limit on the length of `range`.
const MAX_RANGE_LEN: i128 = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, budget: &Budget) -> Result<String, tera::Error> {
        let mut tera = tera::Tera::new();
        tera.register_function("range", range);
        tera.set_escape_fn(escape_html);
        tera.autoescape_on(["t"]);
        tera.add_raw_template("t", template)?;
        let (mut meter, _guard) = budget.meter();
        tera.render_to("t", &tera::Context::new(), &mut meter)?;
        Ok(String::from_utf8_lossy(&meter.into_bytes()).into_owned())
    }

    fn budget(ms: u64) -> Budget {
        Budget {
            time: Duration::from_millis(ms),
            bytes: 1 << 40,
            spent: AtomicBool::new(false),
        }
    }

    #[test]
    fn range_counts_as_tera_does() {
        let cases = [
            ("{{ range(end=3) }}", "[0, 1, 2]"),
            ("{{ range(start=1, end=7, step_by=2) }}", "[1, 3, 5]"),
            ("{{ range(start=5, end=1, step_by=-2) }}", "[5, 3]"),
            ("{{ range(start=2, end=2) }}", "[]"),
            ("{{ range(start=1, end=5, step_by=-1) }}", "[]"),
        ];
        for (template, expected) in cases {
            assert_eq!(render(template, &budget(10_000)).unwrap(), expected);
        }
        assert!(render("{{ range(end=100001) }}", &budget(10_000)).is_err());
        assert!(render("{{ range(end=1, step_by=0) }}", &budget(10_000)).is_err());
    }

    #[test]
    fn stops_a_page_past_its_deadline_or_size() {
        let looped = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}x{% endfor %}{% endfor %}";
        // Whichever looks at the clock first after the deadline stops the page: the
        // writer, most often, or on a busy machine the next `range()`.
        let past_deadline = |e: &tera::Error| {
            exceeded(e) == Some(Exceeded::Time(Duration::from_millis(50)))
                || e.to_string().contains(RANGE_PAST_BUDGET)
        };
        let e = render(looped, &budget(50)).unwrap_err();
        assert!(past_deadline(&e), "{e}");
        let silent = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
        let e = render(silent, &budget(50)).unwrap_err();
        assert!(e.to_string().contains(RANGE_PAST_BUDGET), "{e}");

        let captured = "{% set s = \"x\" %}{% set all %}{% for a in range(end=100000) %}{% for b in range(end=100000) %}{{ s }}{% endfor %}{% endfor %}{% endset %}{{ all }}";
        let e = render(captured, &budget(50)).unwrap_err();
        assert!(past_deadline(&e), "{e}");

        let small = Budget {
            bytes: 1 << 20,
            ..budget(10_000)
        };
        let e = render(looped, &small).unwrap_err();
        assert_eq!(exceeded(&e), Some(Exceeded::Size(1 << 20)));
    }
}
