//! An event's readings of figures (SPEC §9.5): each entry under front matter
//! `figures` checked — its figure declared in `dateline.toml`, its value in the
//! grammar, its source known, its time not before the event, its status one of the
//! five — into an [`EventFigure`]. Each error is at the value it is about. The
//! readings of every event are gathered into the site's figures by [`gather`].

use crate::date::Moment;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::figures::{READING_STATUSES, Status, Value};
use crate::load::locate::Step::{self, Index, Key};
use crate::load::raw::{RawEvent, RawReading};
use crate::load::{Corpus, Doc};
use crate::site::{Event, EventFigure, Figure, Reading, ReadingAt, Report};

/// How to fix a reading's `at` before its event's date.
const READING_AT_HELP: &str = "a number is given on or after the day of what it counts; check the date, or put the reading on the event it belongs to";

/// The front matter key readings are written under.
const KEY: &str = "figures";

/// The source a reading or an account names (index into the sources), with the
/// report it came in (index into the event's reports), when known.
pub(super) type Named = (usize, Option<usize>);

/// An event's date and zone as readings and accounts are read against them: `None`
/// when its zone is wrong (no time is read), its date `None` when wrong.
pub(super) type Dates<'a> = Option<(Option<&'a Moment>, Option<chrono_tz::Tz>)>;

/// What is wrong with a name, and how to fix it.
pub(super) type Problem = (String, String);

/// What a reading or an account names as its `source`: a source id, or the id of
/// one of the event's reports.
pub(super) struct Sources<'a> {
    /// Source id → index into the sources.
    pub(super) ids: &'a crate::fingerprint::FastMap<&'a str, usize>,
    /// Ids of files that failed to load: naming one is not an error of its own.
    pub(super) broken: &'a std::collections::HashSet<String>,
    /// Ids of drafts left out of the build.
    pub(super) drafts: &'a std::collections::HashSet<String>,
    /// The event's reports, checked.
    pub(super) reports: &'a [Report],
    /// Citation names the event gives reports that could not be checked: naming
    /// one is not an error of its own.
    pub(super) lost: &'a [String],
}

impl Sources<'_> {
    /// The source and report `written` names: `Ok(None)` when it names what could
    /// not be checked (its own error says what to fix); `Err` with the message and
    /// help when it names nothing known.
    pub(super) fn resolve(&self, written: &str) -> Result<Option<Named>, Problem> {
        let id = crate::slug::nfc(written.trim());
        if let Some(r) = self
            .reports
            .iter()
            .position(|r| r.id.as_deref() == Some(id.as_str()))
        {
            return Ok(Some((self.reports[r].source, Some(r))));
        }
        if let Some(&s) = self.ids.get(id.as_str()) {
            let mut of_source = self
                .reports
                .iter()
                .enumerate()
                .filter(|(_, r)| r.source == s);
            let report = match (of_source.next(), of_source.next()) {
                (Some((r, _)), None) => Some(r),
                _ => None,
            };
            return Ok(Some((s, report)));
        }
        if self.lost.contains(&id) || self.broken.contains(&id) {
            return Ok(None);
        }
        if self.drafts.contains(&id) {
            return Err((
                format!("the source `{id}` is a draft"),
                "remove `draft: true` from it, or build with `--drafts`".to_owned(),
            ));
        }
        let mut known: Vec<&str> = self.ids.keys().copied().collect();
        known.extend(self.reports.iter().filter_map(|r| r.id.as_deref()));
        known.sort_unstable();
        let help = super::suggest_id(&id, known.into_iter(), "source");
        Err((format!("unknown source `{id}`"), help))
    }
}

/// The readings of figures of the event in `doc`, dated `date` (`None` when its
/// date is wrong) with its dates read in `zone` (`None` when its zone is wrong, and
/// no time is read), in the order `dateline.toml` declares the figures. Every
/// reading is checked and every problem goes to `out`; a figure with a wrong
/// reading keeps the others.
pub(super) fn readings(
    corpus: &Corpus,
    doc: &Doc<RawEvent>,
    sources: &Sources<'_>,
    dates: Option<(Option<&Moment>, Option<chrono_tz::Tz>)>,
    out: &mut Diagnostics,
) -> Vec<EventFigure> {
    if doc.raw.figures.is_empty() {
        return Vec::new();
    }
    let declared = &corpus.config.figures;
    let mut figures = Vec::new();
    for (name, entries) in &doc.raw.figures {
        let Some(figure) = declared.iter().position(|f| f.name == *name) else {
            out.push(undeclared(doc, name, declared));
            continue;
        };
        let mut readings = Vec::with_capacity(entries.len());
        for (n, entry) in entries.iter().enumerate() {
            let path = [Key(KEY), Key(name), Index(n)];
            if let Some(reading) = reading(corpus, doc, (&path, entry), sources, dates, out) {
                readings.push(reading);
            }
        }
        // In time order; at the same time, as written.
        readings.sort_by_key(|r: &Reading| r.sorts_at);
        let statuses: Vec<Status> = readings.iter().map(|r| r.status).collect();
        let current = crate::figures::current(&statuses);
        figures.push(EventFigure {
            figure,
            readings,
            current,
        });
    }
    figures.sort_by_key(|f| f.figure);
    figures
}

/// The error for readings of a figure `dateline.toml` does not declare, with the
/// nearest declared name, or how to declare it.
fn undeclared(
    doc: &Doc<RawEvent>,
    name: &str,
    declared: &[crate::config::FigureDecl],
) -> Diagnostic {
    let names = declared.iter().map(|f| f.name.as_str());
    let help = match crate::suggest::nearest(name, names) {
        Some(near) => format!(
            "did you mean `{near}`? Or declare the figure in dateline.toml: `[figures.{name}]` with `label = \"…\"`"
        ),
        None => format!(
            "declare it in dateline.toml as `[figures.{name}]` with `label = \"…\"`, the name readers see"
        ),
    };
    let message = format!("the figure `{name}` is not declared in dateline.toml");
    doc.error_at_key_path(&[Key(KEY), Key(name)], message)
        .with_help(Some(help))
}

/// One entry of a figure checked: its value, source, time and status.
fn reading(
    corpus: &Corpus,
    doc: &Doc<RawEvent>,
    (path, entry): (&[Step<'_>], &RawReading),
    sources: &Sources<'_>,
    dates: Option<(Option<&Moment>, Option<chrono_tz::Tz>)>,
    out: &mut Diagnostics,
) -> Option<Reading> {
    let at_field = |field: &str, message: String| {
        let mut path = path.to_vec();
        path.push(Key(field));
        doc.error_at_path(&path, message)
    };
    let known = crate::load::raw::READING_FIELDS;
    let misspelt = unknown_keys(doc, path, (&entry.unknown, known, "a reading"), out);
    let value = match entry.value.as_ref().map(|v| Value::parse(&v.0)) {
        None if misspelt.contains(&"value") => None,
        None => {
            out.push(
                at_field("value", "a reading needs a `value`".to_owned()).with_help(Some(format!(
                    "give the number, as one of {}",
                    crate::figures::VALUE_FORMS
                ))),
            );
            None
        }
        Some(Err(e)) => {
            out.push(at_field("value", e.message).with_help(Some(e.help)));
            None
        }
        Some(Ok(value)) => Some(value),
    };
    let source = match entry.source.as_deref() {
        None if misspelt.contains(&"source") => None,
        None => {
            out.push(
                at_field("source", "a reading needs a `source`".to_owned()).with_help(Some(
                    "name who gave the number: a source id (`afp`), or the id of one of the event's reports",
                )),
            );
            None
        }
        Some(written) => match sources.resolve(written) {
            Ok(found) => found,
            Err((message, help)) => {
                out.push(at_field("source", message).with_help(Some(help)));
                None
            }
        },
    };
    let status = match entry.status.as_deref() {
        None => Some(Status::Reported),
        Some(word) => status(word, READING_STATUSES, "reading")
            .map_err(|(message, help)| {
                out.push(at_field("status", message).with_help(Some(help)));
            })
            .ok(),
    };
    let at = moment_at(
        corpus,
        (path, entry.at.as_ref().map(|d| d.0.as_str())),
        doc,
        (dates, READING_AT_HELP),
        out,
    );
    let at = at?;
    let zone = dates.and_then(|(_, zone)| zone).or(corpus.config.timezone);
    Some(Reading {
        sorts_at: crate::figures::sorts_at(&at, zone),
        value: value?,
        source: source?.0,
        report: source?.1,
        at,
        status: status?,
        via: free_text(entry.via.as_deref()),
        note: free_text(entry.note.as_deref()),
    })
}

/// An error at each key of `unknown` — keys the entry at `path` may not have,
/// `known` naming those it may — with the nearest it may have. `what` names the
/// entry: `a reading`. Returns the keys suggested: a misspelt key is the one error
/// about the key it misses.
pub(super) fn unknown_keys<T>(
    doc: &Doc<T>,
    path: &[Step<'_>],
    (unknown, known, what): (
        &std::collections::BTreeMap<String, serde::de::IgnoredAny>,
        &'static [&'static str],
        &str,
    ),
    out: &mut Diagnostics,
) -> Vec<&'static str> {
    let mut suggested = Vec::new();
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let what_upper = what[..1].to_uppercase() + &what[1..];
    for key in unknown.keys() {
        let mut place = path.to_vec();
        place.push(Key(key));
        // `{ value: 1,200, … }`: YAML ends the value at the comma, and `200` is read
        // as a key of its own.
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            out.push(
                doc.error_at_key_path(&place, format!("YAML reads the comma before `{key}` as the end of a value"))
                    .with_help(Some(format!(
                        "inside `{{ … }}` a comma separates fields: quote a number with thousands, like `value: \"1,{key}\"`, or write it without the comma"
                    ))),
            );
            continue;
        }
        let help = match crate::suggest::nearest(key, known.iter().copied()) {
            Some(near) => {
                suggested.extend(known.iter().copied().find(|k| *k == near));
                format!("did you mean `{near}`? {what_upper} takes {list}")
            }
            None => format!("{what_upper} takes {list}"),
        };
        out.push(
            doc.error_at_key_path(&place, format!("unknown key `{key}` in {what}"))
                .with_help(Some(help)),
        );
    }
    suggested
}

/// Text as written, trimmed; `None` when blank.
pub(super) fn free_text(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The status written as `word`, one of `allowed` (for a `what`: `reading`); else
/// the message and help, suggesting the nearest.
pub(super) fn status(word: &str, allowed: &[&str], what: &str) -> Result<Status, (String, String)> {
    if let Some(status) = Status::parse(word, allowed) {
        return Ok(status);
    }
    let lower = word.trim().to_lowercase();
    let list = allowed
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match Status::parse(&lower, allowed)
        .map(Status::as_str)
        .or_else(|| crate::suggest::nearest(&lower, allowed.iter().copied()))
    {
        Some(near) => format!(
            "did you mean `{near}`? {} status is one of {list}",
            a(what, true)
        ),
        None => format!("{} status is one of {list}", a(what, false)),
    };
    Err((format!("unknown status `{}`", word.trim()), help))
}

/// `what` with its article, possessive: `A reading's`, `an account's`.
fn a(what: &str, capital: bool) -> String {
    let article = match (what.starts_with(['a', 'e', 'i', 'o', 'u']), capital) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    };
    format!("{article} {what}'s")
}

/// When a reading or account at `path` was given: its `at` (written as `written`),
/// read in the event's zones, not before the event's date; the event's date when
/// not written. `None` when the event's date or zone is wrong (their own errors
/// tell), or `at` is wrong (told here, with `help` when it is before the event).
pub(super) fn moment_at(
    corpus: &Corpus,
    (path, written): (&[Step<'_>], Option<&str>),
    doc: &Doc<RawEvent>,
    (dates, help): (Dates<'_>, &str),
    out: &mut Diagnostics,
) -> Option<Moment> {
    let (date, zone) = dates?;
    let Some(written) = written else {
        return date.cloned();
    };
    let mut place = path.to_vec();
    place.push(Key("at"));
    let at = match Moment::parse(written, zone.or(corpus.config.timezone), zone) {
        Ok(at) => at,
        Err(e) => {
            out.push(doc.error_at_path(&place, e.message).with_help(e.help));
            return None;
        }
    };
    let date = date?;
    if date.ends_before(&at) {
        out.push(
            doc.error_at_path(
                &place,
                format!(
                    "`at` ({}) is before the event's `date` ({})",
                    written.trim(),
                    date.machine()
                ),
            )
            .with_help(Some(help)),
        );
        return None;
    }
    Some(at)
}

/// The site's figures, one per declaration, from the readings of `events` (in
/// timeline order): each figure's readings in time order, and its current one.
pub(super) fn gather(declared: usize, events: &[Event]) -> Vec<Figure> {
    let mut figures = vec![Figure::default(); declared];
    for (e, event) in events.iter().enumerate() {
        for (f, figure) in event.figures.iter().enumerate() {
            for r in 0..figure.readings.len() {
                figures[figure.figure].readings.push(ReadingAt {
                    event: e,
                    figure: f,
                    reading: r,
                });
            }
        }
    }
    let reading = |at: &ReadingAt| &events[at.event].figures[at.figure].readings[at.reading];
    for figure in &mut figures {
        // Stable: at the same instant, timeline order and the order written stay.
        figure.readings.sort_by_key(|at| reading(at).sorts_at);
        let statuses: Vec<Status> = figure
            .readings
            .iter()
            .map(|at| reading(at).status)
            .collect();
        figure.current = crate::figures::current(&statuses);
    }
    figures
}

/// Counts each reading and account of `event` (SPEC §9.5, §9.6) as a claim of its
/// source: a source that gives them is among the event's sources, its count their
/// number added to its claims in the body, or to its reports that no reading or
/// account came in. A source the event only lists in front matter, whose one claim
/// is about the event as a whole, has these for claims instead.
pub(super) fn count_claims(event: &mut Event) {
    let given = (event
        .figures
        .iter()
        .flat_map(|f| &f.readings)
        .map(|r| r.source))
    .chain(
        event
            .questions
            .iter()
            .flat_map(|q| &q.accounts)
            .map(|a| a.source),
    );
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for source in given {
        match counts.iter_mut().find(|(s, _)| *s == source) {
            Some((_, n)) => *n += 1,
            None => counts.push((source, 1)),
        }
    }
    for (source, n) in counts {
        let in_body = event.cited.iter().any(|c| c.source == source);
        // Reports no reading or account came in are claims of their own.
        let reports = (event.reports.iter().enumerate())
            .filter(|(r, report)| report.source == source && !crate::site::report_given(event, *r))
            .count();
        match event.citations.iter_mut().find(|c| c.source == source) {
            Some(c) if in_body => c.count += n,
            Some(c) => c.count = reports + n,
            None => event
                .citations
                .push(crate::site::Citation { source, count: n }),
        }
    }
}
