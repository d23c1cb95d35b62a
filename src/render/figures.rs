//! Figures (SPEC §9.5) and open questions (SPEC §9.6) as pages show them: an
//! event's figures box and questions box, the `/figures/` and `/questions/`
//! indexes, a figure's page with its chart, a question's page, and what a source
//! page lists of them. Views only; the templates lay out the pages and
//! [`super::chart`] draws the chart.

use serde::Serialize;
use tera::Value;

use super::views::{ReportView, SourceLink, Views, report_view, source_link};
use crate::config::FigureDecl;
use crate::figures::Value as Amount;
use crate::i18n::dates::DateStyle;
use crate::i18n::strings::{Table, fill_in};
use crate::site::{Account, AccountAt, Event, Question, Reading, ReadingAt, Site};
use crate::urls;

/// A figure as pages link to it: `reading.figure`, and the head of each entry of
/// `event.figures` and `figures`.
#[derive(Serialize, Clone)]
pub struct FigureLink<'a> {
    /// The name `dateline.toml` declares it under: `killed`.
    pub name: &'a str,
    /// As readers see it: `Killed`.
    pub label: &'a str,
    /// What is counted (`people`); absent when not declared.
    pub unit: Option<&'a str>,
    /// Its page, root-relative with the base path: `/kerman/figures/killed/`.
    pub url: String,
}

/// One reading of a figure as pages show it. SPEC §9.5.
#[derive(Serialize)]
pub struct ReadingView<'a> {
    /// The number as read: `lower` and `upper` (absent for an open end) and `kind`
    /// (`exact`, `about`, `at_least`, `more_than`, `up_to`, `range`).
    pub value: &'a Amount,
    /// The number as readers see it, whatever way it was written: `more than 70`,
    /// `100–170`, `1,200`.
    pub text: String,
    /// `reported`, `confirmed`, `disputed`, `revised` or `retracted`.
    pub status: &'static str,
    /// Whether it is the current reading of the list it is in: the latest
    /// confirmed one, else the latest not retracted.
    pub current: bool,
    /// Who gave it.
    pub source: SourceLink<'a>,
    /// The report it came in, when known.
    pub report: Option<ReportView<'a>>,
    /// Human time it was given, as precise as written: `3 January 2024, 19:00 IRST`.
    pub at: String,
    /// Machine time, for `<time datetime>`: `2024-01-03T19:00+03:30`.
    pub at_datetime: String,
    /// Through whom the source had it, as written.
    pub via: Option<&'a str>,
    /// A note, as written.
    pub note: Option<&'a str>,
    /// The figure it is a reading of.
    pub figure: FigureLink<'a>,
    /// The list entry of its event: on figure and source pages; absent on the
    /// event's own page.
    pub event: Option<&'a Value>,
}

/// A figure as an event page's box and the `/figures/` index show it: an entry of
/// `event.figures` and of `figures`.
#[derive(Serialize)]
pub struct FigureSummary<'a> {
    /// The figure.
    #[serde(flatten)]
    pub figure: FigureLink<'a>,
    /// Its readings in time order: the event's own in its box (without `event`),
    /// none in the index.
    pub readings: Vec<ReadingView<'a>>,
    /// The current reading: of the event's readings in its box, of every reading in
    /// the index; absent when every reading is retracted.
    pub current: Option<ReadingView<'a>>,
    /// How many readings it has across the site (the index) or in the event.
    pub count: usize,
}

/// The `figure` variable of `figure.html`: a figure's page.
#[derive(Serialize)]
pub struct FigurePage<'a> {
    /// The figure.
    #[serde(flatten)]
    pub figure: FigureLink<'a>,
    /// This page's readings, oldest first, each with its `event`: every reading
    /// across the site, split into pages of `per_page` (SPEC §10).
    pub readings: Vec<ReadingView<'a>>,
    /// How many readings the figure has in all.
    pub count: usize,
    /// The current reading; absent when there is none.
    pub current: Option<ReadingView<'a>>,
    /// The chart, an inline SVG drawn at build time: output it with `| safe`. Its
    /// text alternative is in it; the same data is in the readings table. On the
    /// first page only; empty on the others.
    pub chart: String,
}

/// A question as pages link to it: `account.question`, and the head of each entry
/// of `event.questions` and `questions`.
#[derive(Serialize, Clone)]
pub struct QuestionLink<'a> {
    /// Its id: `cause`.
    pub id: &'a str,
    /// The question as readers see it: `What caused the explosions?`.
    pub ask: &'a str,
    /// Its page, root-relative with the base path: `/kerman/questions/cause/`.
    pub url: String,
    /// Whether an account of it is confirmed.
    pub settled: bool,
}

/// One account of a question as pages show it. SPEC §9.6.
#[derive(Serialize)]
pub struct AccountView<'a> {
    /// What the source says, as inline HTML: output it with `| safe`.
    pub html: &'a str,
    /// The same as plain text.
    pub text: &'a str,
    /// `reported`, `confirmed`, `disputed`, `denied` or `retracted`.
    pub status: &'static str,
    /// Who says it.
    pub source: SourceLink<'a>,
    /// The report it came in, when known.
    pub report: Option<ReportView<'a>>,
    /// Through whom the source had it, as written.
    pub via: Option<&'a str>,
    /// Human time it was said, as precise as written.
    pub at: String,
    /// Machine time, for `<time datetime>`.
    pub at_datetime: String,
    /// The question it answers.
    pub question: QuestionLink<'a>,
    /// The list entry of its event: on question and source pages; absent on the
    /// event's own page.
    pub event: Option<&'a Value>,
}

/// A question with accounts: an entry of `event.questions` (the event's own
/// accounts) and of `questions` (no accounts), and the `question` variable of
/// `question.html` (every account, each with its `event`).
#[derive(Serialize)]
pub struct QuestionView<'a> {
    /// The question.
    #[serde(flatten)]
    pub question: QuestionLink<'a>,
    /// Accounts in time order.
    pub accounts: Vec<AccountView<'a>>,
    /// How many accounts it has across the site.
    pub count: usize,
}

/// The `n`th declared figure as pages link to it.
pub fn figure_link<'a>(site: &'a Site, n: usize) -> FigureLink<'a> {
    let decl: &FigureDecl = &site.config.figures[n];
    FigureLink {
        name: &decl.name,
        label: &decl.label,
        unit: decl.unit.as_deref(),
        url: site.config.link(&urls::figure(&decl.name)),
    }
}

/// A reading of `event`'s `n`th declared figure as pages show it, with its event's
/// list entry when `item` is given, in the words and dates of the page's language.
fn reading_view<'a>(
    site: &'a Site,
    (event, figure): (&'a Event, usize),
    reading: &'a Reading,
    current: bool,
    item: Option<&'a Value>,
    (words, dates): (&Table, &DateStyle),
) -> ReadingView<'a> {
    ReadingView {
        value: &reading.value,
        text: reading.value.text_in(words),
        status: reading.status.as_str(),
        current,
        source: source_link(site, reading.source),
        report: reading.report.and_then(|r| report_view(site, event, r)),
        at: dates.display(&reading.at),
        at_datetime: reading.at.machine(),
        via: reading.via.as_deref(),
        note: reading.note.as_deref(),
        figure: figure_link(site, figure),
        event: item,
    }
}

/// The reading `at` points to, with its event.
fn reading_at(site: &Site, at: ReadingAt) -> (&Event, usize, &Reading) {
    let event = &site.events[at.event];
    let figure = &event.figures[at.figure];
    (event, figure.figure, &figure.readings[at.reading])
}

/// An event's figures box: each figure it gives readings of, its readings in time
/// order and its current one. Empty when it gives none.
///
/// Values are in the words of `words` and times in the dates of `dates`, the
/// page's language's.
pub fn event_figures<'a>(
    site: &'a Site,
    event: &'a Event,
    (words, dates): (&Table, &DateStyle),
) -> Vec<FigureSummary<'a>> {
    (event.figures.iter())
        .map(|figure| {
            let view = |r: usize| {
                let current = figure.current == Some(r);
                reading_view(
                    site,
                    (event, figure.figure),
                    &figure.readings[r],
                    current,
                    None,
                    (words, dates),
                )
            };
            FigureSummary {
                figure: figure_link(site, figure.figure),
                readings: (0..figure.readings.len()).map(view).collect(),
                current: figure.current.map(view),
                count: figure.readings.len(),
            }
        })
        .collect()
}

/// The current figures of `event`, as its list entry shows them (`item.figures`):
/// one per figure with a current reading.
/// Values are in the words of `words`, the site's language's table.
pub fn current_figures<'a>(
    site: &'a Site,
    event: &'a Event,
    words: &Table,
) -> Vec<ReadingView<'a>> {
    (event.figures.iter())
        .filter_map(|figure| {
            let r = figure.current?;
            Some(reading_view(
                site,
                (event, figure.figure),
                &figure.readings[r],
                true,
                None,
                (words, site.dates()),
            ))
        })
        .collect()
}

/// The `/figures/` index: every declared figure with its current reading across
/// the site.
pub fn index<'a>(site: &'a Site, views: &'a Views) -> Vec<FigureSummary<'a>> {
    (site.figures.iter().enumerate())
        .map(|(n, figure)| FigureSummary {
            figure: figure_link(site, n),
            readings: Vec::new(),
            current: figure.current.map(|c| {
                let (event, f, reading) = reading_at(site, figure.readings[c]);
                let item = &views.items[figure.readings[c].event];
                reading_view(
                    site,
                    (event, f),
                    reading,
                    true,
                    Some(item),
                    (&views.table, site.dates()),
                )
            }),
            count: figure.readings.len(),
        })
        .collect()
}

/// A page of the `n`th declared figure's page: the readings in `range` (of all the
/// figure's readings, oldest first), and on the first page the chart drawn from
/// all of them.
pub fn page<'a>(
    site: &'a Site,
    views: &'a Views,
    n: usize,
    range: std::ops::Range<usize>,
) -> FigurePage<'a> {
    let figure = &site.figures[n];
    let first = range.start == 0;
    let readings: Vec<ReadingView<'a>> = (figure.readings.iter().enumerate())
        .skip(range.start)
        .take(range.len())
        .map(|(i, &at)| {
            let (event, f, reading) = reading_at(site, at);
            let item = &views.items[at.event];
            reading_view(
                site,
                (event, f),
                reading,
                figure.current == Some(i),
                Some(item),
                (&views.table, site.dates()),
            )
        })
        .collect();
    let link = figure_link(site, n);
    let chart = if first {
        chart(site, n, &link, &views.table)
    } else {
        String::new()
    };
    let current = figure.current.map(|c| {
        let at = figure.readings[c];
        let (event, f, reading) = reading_at(site, at);
        reading_view(
            site,
            (event, f),
            reading,
            true,
            Some(&views.items[at.event]),
            (&views.table, site.dates()),
        )
    });
    FigurePage {
        figure: link,
        readings,
        count: figure.readings.len(),
        current,
        chart,
    }
}

/// The id of the chart of the `n`th declared figure, named `name`, and the prefix
/// of its parts' ids (`{id}-title`, `{id}-fade`, which `url(#…)` references):
/// `chart-killed` for a name in ASCII, `chart-{n + 1}` (`chart-1`) for any other
/// (`کشته‌شدگان`), so that an id never holds a character an SVG renderer or a
/// CSS `url()` might read otherwise (HTML only forbids whitespace in an id; a
/// figure name is a slug, which has none).
fn chart_id(name: &str, n: usize) -> String {
    if name.is_ascii() && crate::slug::is_valid(name) {
        format!("chart-{name}")
    } else {
        format!("chart-{}", n + 1)
    }
}

/// The chart of the `n`th declared figure (see [`super::chart`]): a point per
/// reading linked to its event, and the current value over time as a step line —
/// from each reading on, the current reading of those given so far.
fn chart(site: &Site, n: usize, link: &FigureLink<'_>, words: &Table) -> String {
    use super::chart::{Chart, Mark, Point, Tone};
    use crate::figures::{Kind, Status};
    let figure = &site.figures[n];
    let labels: Vec<(String, String)> = (figure.readings.iter())
        .map(|&at| {
            let (event, _, reading) = reading_at(site, at);
            let source = &site.sources[reading.source];
            let label = words.fill(
                "chart.point",
                &[
                    ("value", &reading.value.text_in(words)),
                    ("source", &source.name),
                    ("date", &site.dates().display(&reading.at)),
                    (
                        "status",
                        words.text(&format!("status.{}", reading.status.as_str())),
                    ),
                ],
            );
            (site.config.link(&event.path), label)
        })
        .collect();
    let points: Vec<Point<'_>> = (figure.readings.iter().zip(&labels))
        .map(|(&at, (href, label))| {
            let (_, _, reading) = reading_at(site, at);
            let value = &reading.value;
            let mark = match value.kind {
                Kind::Exact => Mark::Exact(value.central()),
                Kind::About => Mark::About(value.central()),
                Kind::AtLeast | Kind::MoreThan => Mark::AtLeast(value.central()),
                Kind::UpTo => Mark::AtMost(value.central()),
                Kind::Range => Mark::Range(
                    value.lower.unwrap_or_default(),
                    value.upper.unwrap_or_default(),
                ),
            };
            let tone = match reading.status {
                Status::Reported => Tone::Reported,
                Status::Confirmed => Tone::Confirmed,
                Status::Disputed | Status::Denied => Tone::Disputed,
                Status::Revised => Tone::Revised,
                Status::Retracted => Tone::Retracted,
            };
            // Drawn where it sorts: a date without a time at noon on its wall
            // clock (see `figures::sorts_at`), which is its local time here too.
            let local = match reading.at.precision {
                crate::date::Precision::Minute => reading.at.local,
                _ => reading.at.local + chrono::TimeDelta::hours(12),
            };
            Point {
                instant: reading.sorts_at,
                local,
                mark,
                tone,
                href,
                label,
            }
        })
        .collect();
    // The current value after each reading: a step where it changes.
    let mut steps: Vec<(i64, f64)> = Vec::new();
    let mut statuses = Vec::with_capacity(figure.readings.len());
    for &at in &figure.readings {
        let (_, _, reading) = reading_at(site, at);
        statuses.push(reading.status);
        let Some(c) = crate::figures::current(&statuses) else {
            continue;
        };
        let value = reading_at(site, figure.readings[c]).2.value.central();
        // Where the reading is drawn, so the line steps at its point.
        let instant = reading.sorts_at;
        match steps.last_mut() {
            Some(last) if last.0 == instant => last.1 = value,
            Some(last) if last.1 == value => {}
            _ => steps.push((instant, value)),
        }
    }
    let description = match figure.current {
        Some(c) => {
            let (_, _, reading) = reading_at(site, figure.readings[c]);
            let form = words.counted("chart.description_current", figure.readings.len());
            fill_in(
                &form,
                &[
                    ("label", link.label),
                    ("value", &reading.value.text_in(words)),
                    ("source", &site.sources[reading.source].name),
                ],
            )
        }
        None => fill_in(
            &words.counted("chart.description", figure.readings.len()),
            &[("label", link.label)],
        ),
    };
    let id = chart_id(link.name, n);
    let days_only = (figure.readings.iter())
        .all(|&at| reading_at(site, at).2.at.precision < crate::date::Precision::Minute);
    super::chart::svg(&Chart {
        id: &id,
        title: link.label,
        unit: link.unit,
        points: &points,
        steps: &steps,
        description: &description,
        days_only,
        dates: site.dates(),
        words,
    })
}

/// The `q`th question as pages link to it.
pub fn question_link(site: &Site, q: usize) -> QuestionLink<'_> {
    let question: &Question = &site.questions[q];
    QuestionLink {
        id: &question.id,
        ask: &question.ask,
        url: site.config.link(&urls::question(&question.id)),
        settled: question.settled,
    }
}

/// An account of `event`'s question `q` (into [`Site::questions`]) as pages show
/// it, with its event's list entry when `item` is given, its time in `dates`.
fn account_view<'a>(
    site: &'a Site,
    (event, q): (&'a Event, usize),
    account: &'a Account,
    (item, dates): (Option<&'a Value>, &DateStyle),
) -> AccountView<'a> {
    AccountView {
        html: &account.html,
        text: &account.text,
        status: account.status.as_str(),
        source: source_link(site, account.source),
        report: account.report.and_then(|r| report_view(site, event, r)),
        via: account.via.as_deref(),
        at: dates.display(&account.at),
        at_datetime: account.at.machine(),
        question: question_link(site, q),
        event: item,
    }
}

/// The account `at` points to, with its event and question.
fn account_at(site: &Site, at: AccountAt) -> (&Event, usize, &Account) {
    let event = &site.events[at.event];
    let question = &event.questions[at.question];
    (event, question.question, &question.accounts[at.account])
}

/// An event's questions box: each question it gives accounts of, with its own (a
/// question it only asks is on the questions pages), times in `dates`, the page's
/// language's.
pub fn event_questions<'a>(
    site: &'a Site,
    event: &'a Event,
    dates: &DateStyle,
) -> Vec<QuestionView<'a>> {
    (event.questions.iter())
        .filter(|question| !question.accounts.is_empty())
        .map(|question| QuestionView {
            question: question_link(site, question.question),
            accounts: (question.accounts.iter())
                .map(|a| account_view(site, (event, question.question), a, (None, dates)))
                .collect(),
            count: site.questions[question.question].accounts.len(),
        })
        .collect()
}

/// The `/questions/` index: open questions first, then settled ones, each in the
/// order of their ids.
pub fn question_index(site: &Site) -> Vec<QuestionView<'_>> {
    let mut order: Vec<usize> = (0..site.questions.len()).collect();
    order.sort_by_key(|&q| site.questions[q].settled);
    (order.into_iter())
        .map(|q| QuestionView {
            question: question_link(site, q),
            accounts: Vec::new(),
            count: site.questions[q].accounts.len(),
        })
        .collect()
}

/// The `q`th question's page: every account in time order, each with its event.
pub fn question_page<'a>(site: &'a Site, views: &'a Views, q: usize) -> QuestionView<'a> {
    let question = &site.questions[q];
    QuestionView {
        question: question_link(site, q),
        accounts: (question.accounts.iter())
            .map(|&at| {
                let (event, q, account) = account_at(site, at);
                account_view(
                    site,
                    (event, q),
                    account,
                    (Some(&views.items[at.event]), site.dates()),
                )
            })
            .collect(),
        count: question.accounts.len(),
    }
}

/// What a source page lists of the figures a source gave (`source.readings`),
/// in timeline order.
pub fn source_readings<'a>(site: &'a Site, views: &'a Views, s: usize) -> Vec<ReadingView<'a>> {
    (site.sources[s].readings.iter())
        .map(|&at| {
            let (event, f, reading) = reading_at(site, at);
            // Current across the site, as the figure's page says, not in its event.
            let figure = &site.figures[f];
            let current = figure.current.map(|c| figure.readings[c]) == Some(at);
            reading_view(
                site,
                (event, f),
                reading,
                current,
                Some(&views.items[at.event]),
                (&views.table, site.dates()),
            )
        })
        .collect()
}

/// What a source page lists of the accounts a source gave (`source.accounts`), in
/// timeline order.
pub fn source_accounts<'a>(site: &'a Site, views: &'a Views, s: usize) -> Vec<AccountView<'a>> {
    (site.sources[s].accounts.iter())
        .map(|&at| {
            let (event, q, account) = account_at(site, at);
            account_view(
                site,
                (event, q),
                account,
                (Some(&views.items[at.event]), site.dates()),
            )
        })
        .collect()
}

/// What a feed entry shows of an event's figures and questions after its body
/// (SPEC §9.5, §9.6): each figure's readings and each question's accounts from the
/// event, as HTML, links root-relative as on its page, in the words of `table` and
/// the dates of `dates` (the event's language's). Empty when it has neither.
pub fn feed_html(site: &Site, event: &Event, (table, dates): (&Table, &DateStyle)) -> String {
    use crate::html::escape;
    // A word of the table with each `{name}` filled by a piece of HTML.
    let line = |key: &str, args: &[(&str, &str)]| fill_in(&escape(table.text(key)), args);
    let mut html = String::new();
    if !event.figures.is_empty() {
        html.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            escape(table.text("figures"))
        ));
        for figure in &event.figures {
            let link = figure_link(site, figure.figure);
            let name = format!(
                "<a href=\"{}\">{}</a>",
                escape(&link.url),
                escape(link.label)
            );
            for (r, reading) in figure.readings.iter().enumerate() {
                let source = &site.sources[reading.source];
                let mut status = table
                    .text(&format!("status.{}", reading.status.as_str()))
                    .to_owned();
                if figure.current == Some(r) {
                    status.push_str(table.text("comma"));
                    status.push_str(table.text("current"));
                }
                let reading = line(
                    "feed.reading",
                    &[
                        ("figure", &name),
                        ("value", &escape(&reading.value.text_in(table))),
                        ("source", &escape(&source.name)),
                        ("date", &escape(&dates.display(&reading.at))),
                        ("status", &escape(&status)),
                    ],
                );
                html.push_str(&format!("<li>{reading}</li>\n"));
            }
        }
        html.push_str("</ul>\n");
    }
    if !event.questions.is_empty() {
        html.push_str(&format!(
            "<h2>{}</h2>\n",
            escape(table.text("open_questions"))
        ));
        for question in &event.questions {
            let link = question_link(site, question.question);
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n<ul>\n",
                escape(&link.url),
                escape(link.ask)
            ));
            for account in &question.accounts {
                let source = &site.sources[account.source];
                let key = format!("status.{}", account.status.as_str());
                let status = table.text(&key);
                let account = line(
                    "feed.account",
                    &[
                        ("account", &account.html),
                        ("source", &escape(&source.name)),
                        ("status", &escape(status)),
                    ],
                );
                html.push_str(&format!("<li>{account}</li>\n"));
            }
            html.push_str("</ul>\n");
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::chart_id;

    #[test]
    fn a_chart_id_is_the_name_in_ascii_and_a_number_otherwise() {
        assert_eq!(chart_id("killed", 0), "chart-killed");
        assert_eq!(chart_id("کشته", 0), "chart-1");
        assert_eq!(chart_id("کشته-شدگان", 2), "chart-3");
        assert_eq!(chart_id("café", 1), "chart-2");
    }
}
