//! An event's reports (SPEC §9.3): each entry of front matter `reports` checked —
//! its source known, its addresses web addresses, its id a valid citation name of
//! the event, its dates readable and in order — into a [`Report`]. Each error is at
//! the value it is about. Citations are resolved to reports later, with the bodies.

use chrono::TimeDelta;

use super::Lookup;
use crate::date::{Moment, Precision};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::frontmatter::Format;
use crate::load::nested::Unread;
use crate::load::raw::{RawDate, RawEvent, RawReport};
use crate::load::{Corpus, Doc};
use crate::site::Report;

/// The front matter key reports are written under.
const KEY: &str = "reports";

/// The zones a report's dates are read in: a time without an offset is read in the
/// first, and every time is shown in the second (the event's `timezone`).
type Zones = (Option<chrono_tz::Tz>, Option<chrono_tz::Tz>);

/// What checking an event's reports found besides the reports and their errors.
#[derive(Debug, Default)]
pub struct Found {
    /// A warning for each report without an `archived` copy, at the entry's first
    /// line, for `check`: see [`Site::unarchived`](crate::site::Site::unarchived).
    pub unarchived: Vec<Diagnostic>,
    /// Citation names the event's front matter gives reports that could not be
    /// checked (an unknown source, an entry or a `reports` that did not read): a
    /// citation of one is not reported again as an unknown source.
    pub lost: Vec<String>,
}

/// An entry of `reports` as checked: what it is, and the report it gives when it
/// can be published.
struct Checked<'d> {
    /// Its place in the list, from 0.
    n: usize,
    /// Its `id`, NFC.
    id: Option<String>,
    /// Its source's id (NFC) and index, when known.
    source: Option<(String, usize)>,
    /// What `load` reported about it, when it did not read whole.
    unread: Option<&'d Unread>,
    /// The report, when nothing it needs is missing or unread.
    report: Option<Report>,
}

/// The reports of the event in `doc`, dated `date` (`None` when its date is wrong)
/// with its dates read in `zone` (`dates` is `None` when the zone is wrong, and no
/// date is read without it): those whose entry read whole and whose source is
/// known, in the order written. Every entry is checked, those that did not read
/// whole too (their fields that read), and every problem goes to `out`.
pub(super) fn reports(
    corpus: &Corpus,
    lookup: &Lookup<'_>,
    doc: &Doc<RawEvent>,
    dates: Option<(Option<&Moment>, Option<chrono_tz::Tz>)>,
    out: &mut Diagnostics,
    found: &mut Found,
) -> Vec<Report> {
    if doc.unread(KEY) {
        found.lost.extend(written_ids(doc.matter_text()));
        return Vec::new();
    }
    let date = dates.and_then(|(date, _)| date);
    let read = dates.map(|(_, zone)| (zone.or(corpus.config.timezone), zone));
    let checked: Vec<Checked<'_>> = (doc.raw.reports.iter().enumerate())
        .map(|(n, entry)| check(doc, lookup, (n, entry), (date, read), out))
        .collect();
    check_ids(doc, lookup, &checked, out);
    check_several(doc, lookup, &checked, out);
    let mut reports = Vec::with_capacity(checked.len());
    for entry in checked {
        match entry.report {
            Some(report) => {
                if report.archived.is_none() && corpus.lint {
                    found.unarchived.push(unarchived(doc, entry.n));
                }
                reports.push(report);
            }
            None => {
                found.lost.extend(entry.id);
                let names = entry.unread.map(|u| u.names.as_slice()).unwrap_or_default();
                found.lost.extend(names.iter().map(|n| crate::slug::nfc(n)));
            }
        }
    }
    reports
}

/// The `n`th entry of `reports` checked: its source known, its addresses web
/// addresses, its dates readable (in `read`'s zones: see [`reports`]) and in order.
/// Its id is checked against the others' by [`check_ids`].
fn check<'d>(
    doc: &'d Doc<RawEvent>,
    lookup: &Lookup<'_>,
    (n, entry): (usize, &RawReport),
    (date, read): (Option<&Moment>, Option<Zones>),
    out: &mut Diagnostics,
) -> Checked<'d> {
    let at = |field: &str, message: String| doc.entry_error((KEY, n), Some(field), message);
    let unread = doc.entry(KEY, n).and_then(|e| e.unread.as_ref());
    let source = entry.source.as_deref().and_then(|written| {
        let id = crate::slug::nfc(written);
        let index = source(doc, lookup, n, &id, out)?;
        Some((id, index))
    });
    for (field, url) in [("url", &entry.url), ("archived", &entry.archived)] {
        if let Some(url) = url
            .as_ref()
            .filter(|u| !crate::url_syntax::is_web_address(u))
        {
            let message = match url.trim() {
                "" => format!("the report's `{field}` is empty"),
                _ => format!("`{url}` is not a web address"),
            };
            out.push(at(field, message).with_help(Some(
                match field {
                    "url" => "give where the report was published, as an http:// or https:// URL",
                    _ => "give the archived copy's address, as an http:// or https:// URL (`https://web.archive.org/web/…`)",
                },
            )));
        }
    }
    let date_of = |field: &'static str, text: Option<&RawDate>, out: &mut Diagnostics| {
        let (zone, display) = read?;
        match Moment::parse(&text?.0, zone, display) {
            Ok(moment) => Some(moment),
            Err(e) => {
                out.push(at(field, e.message).with_help(e.help));
                None
            }
        }
    };
    let published = date_of("published", entry.published.as_ref(), out);
    let retrieved = date_of("retrieved", entry.retrieved.as_ref(), out);
    check_dates(at, date, (published.as_ref(), retrieved.as_ref()), out);
    let report = match (&source, &entry.url) {
        (Some((_, source)), Some(url)) if unread.is_none() => Some(Report {
            id: entry.id.as_deref().map(crate::slug::nfc),
            source: *source,
            url: url.clone(),
            title: entry
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            published,
            archived: entry.archived.clone(),
            retrieved,
        }),
        _ => None,
    };
    Checked {
        n,
        id: entry.id.as_deref().map(crate::slug::nfc),
        source,
        unread,
        report,
    }
}

/// Checks a report's dates against each other and against the event's `date`: it
/// cannot be `published` more than a day before the event, nor `retrieved` before
/// it was published — or, without `published`, more than a day before the event:
/// one cannot read a report of an event before it happened.
fn check_dates(
    at: impl Fn(&str, String) -> Diagnostic,
    date: Option<&Moment>,
    (published, retrieved): (Option<&Moment>, Option<&Moment>),
    out: &mut Diagnostics,
) {
    if let (Some(published), Some(date)) = (published, date)
        && predates(published, date)
    {
        out.push(
            at(
                "published",
                format!(
                    "the report is `published` {}, more than a day before the event's `date` ({})",
                    published.machine(),
                    date.machine()
                ),
            )
            .with_help(Some(
                "a report cannot predate what it reports; check the year and month, or the event's `date`",
            )),
        );
    }
    match (published, retrieved, date) {
        (Some(published), Some(retrieved), _) if published.ends_before(retrieved) => {
            out.push(
                at(
                    "retrieved",
                    format!(
                        "the report is `retrieved` {}, before it was `published` ({})",
                        retrieved.machine(),
                        published.machine()
                    ),
                )
                .with_help(Some(
                    "`retrieved` is when you read the report, on or after `published`; check both",
                )),
            );
        }
        (None, Some(retrieved), Some(date)) if predates(retrieved, date) => {
            out.push(
                at(
                    "retrieved",
                    format!(
                        "the report is `retrieved` {}, more than a day before the event's `date` ({})",
                        retrieved.machine(),
                        date.machine()
                    ),
                )
                .with_help(Some(
                    "`retrieved` is when you read the report, which cannot be before the event it reports; check the year and month, or the event's `date`",
                )),
            );
        }
        _ => {}
    }
}

/// The index of source `id` of the `n`th report, or `None` with its error (none for
/// a source whose file failed to load: its own error says what to fix).
fn source(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    n: usize,
    id: &str,
    out: &mut Diagnostics,
) -> Option<usize> {
    if let Some(&s) = lookup.sources.get(id) {
        return Some(s);
    }
    let at = |message: String| doc.entry_error((KEY, n), Some("source"), message);
    if lookup.drafts.contains(id) {
        out.push(at(format!("the source `{id}` is a draft")).with_help(Some(
            "remove `draft: true` from it, or build with `--drafts`",
        )));
    } else if !lookup.broken.contains(id) {
        let mut known: Vec<&str> = lookup.sources.keys().copied().collect();
        known.sort_unstable();
        let help = super::suggest_id(id, known.into_iter(), "source");
        out.push(at(format!("unknown source `{id}`")).with_help(Some(help)));
    }
    None
}

/// Checks the id of each report: a valid id, not a source's, not another report's
/// of the event.
fn check_ids(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    checked: &[Checked<'_>],
    out: &mut Diagnostics,
) {
    let at = |n: usize, message: String| doc.entry_error((KEY, n), Some("id"), message);
    for (i, entry) in checked.iter().enumerate() {
        let Some(id) = entry.id.as_deref() else {
            continue;
        };
        if !crate::slug::is_valid(id) {
            let slug = crate::slug::slugify(id);
            let example = if slug.is_empty() {
                "afp-toll"
            } else {
                slug.as_str()
            };
            out.push(
                at(
                    entry.n,
                    match id.trim() {
                        "" => "the report's `id` is empty".to_owned(),
                        _ => format!("`{id}` cannot be a report id"),
                    },
                )
                .with_help(Some(format!(
                    "a report id is lower-case letters, digits and single hyphens, like `{example}`"
                ))),
            );
            continue;
        }
        if lookup.sources.contains_key(id) {
            let example = match &entry.source {
                Some((source, _)) => unused_id(lookup, checked, (source, place(checked, i))),
                None => format!("{id}-report"),
            };
            out.push(at(entry.n, format!("the report id `{id}` is also a source's id")).with_help(Some(format!(
                "report ids and source ids share the citation names of an event, so `[@{id}]` would name both; give the report an id no source has, like `{example}`"
            ))));
            continue;
        }
        let first = checked[..i].iter().find(|c| c.id.as_deref() == Some(id));
        if let Some(first) = first {
            let line = at(first.n, String::new()).line;
            out.push(
                at(entry.n, format!("two reports of this event have the id `{id}`")).with_help(Some(format!(
                    "the other is on line {line}; give each report its own id, since `[@{id}]` cites one"
                ))),
            );
        }
    }
}

/// The place (from 1) of the `i`th checked report among the reports of its source.
fn place(checked: &[Checked<'_>], i: usize) -> usize {
    let source = checked[i].source.as_ref().map(|(_, s)| *s);
    1 + checked[..i]
        .iter()
        .filter(|c| c.source.as_ref().map(|(_, s)| *s) == source)
        .count()
}

/// An id for the `place`th report of `source` (`afp-2`), the number raised past
/// the ids the event's reports and the sources already use.
fn unused_id(
    lookup: &Lookup<'_>,
    checked: &[Checked<'_>],
    (source, place): (&str, usize),
) -> String {
    let taken = |id: &str| {
        lookup.sources.contains_key(id) || checked.iter().any(|c| c.id.as_deref() == Some(id))
    };
    (place..)
        .map(|n| format!("{source}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| format!("{source}-{place}"))
}

/// A source with several reports in the event: each needs an id, for a citation to
/// say which it cites. Each one without is an error at its entry, unless the entry
/// did not read whole and its `id` is what `load` reported (a misspelt `idd`).
fn check_several(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    checked: &[Checked<'_>],
    out: &mut Diagnostics,
) {
    for (i, entry) in checked.iter().enumerate() {
        let Some((source, index)) = &entry.source else {
            continue;
        };
        let told = entry
            .unread
            .is_some_and(|u| u.told.iter().any(|t| t == "id"));
        let count = (checked.iter())
            .filter(|c| c.source.as_ref().is_some_and(|(_, s)| s == index))
            .count();
        if count < 2 || entry.id.is_some() || told {
            continue;
        }
        let example = unused_id(lookup, checked, (source, place(checked, i)));
        let assign = match doc.format() {
            Format::Yaml => format!("id: {example}"),
            Format::Toml => format!("id = \"{example}\""),
        };
        out.push(
            doc.entry_error((KEY, entry.n), None, format!(
                "source `{source}` has {count} reports in this event, and this one has no `id`"
            ))
            .with_help(Some(format!(
                "each needs an id, cited as `[@{example}]`: add `{assign}` to it (or another id no source has)"
            ))),
        );
    }
}

/// The warning for the `n`th report, which has no archived copy: pages change and go
/// away, and an archive keeps what the editor read.
fn unarchived(doc: &Doc<RawEvent>, n: usize) -> Diagnostic {
    let key = match doc.format() {
        Format::Yaml => "archived: https://web.archive.org/web/…",
        Format::Toml => "archived = \"https://web.archive.org/web/…\"",
    };
    doc.entry_error((KEY, n), None, "the report has no `archived` copy")
        .with_help(Some(format!(
            "save the page in an archive (https://web.archive.org/save, or archive.today) and add `{key}` to the report, so that readers can still read it if it changes or goes away"
        )))
        .warning()
}

/// Whether a report `published` at that moment came out more than a day before an
/// event dated `date`: the zones of the two may differ by up to a day, and a coarse
/// date stands for its whole period (a report of December 2023 may be from the 31st,
/// a day before an event of 1 January 2024).
pub fn predates(published: &Moment, date: &Moment) -> bool {
    if published.precision == Precision::Minute && date.precision == Precision::Minute {
        return published.instant + TimeDelta::days(1).num_seconds() < date.instant;
    }
    published.last_date() + TimeDelta::days(1) < date.date()
}

/// The ids front matter that did not read gives its reports, read loosely from its
/// text: the values of `id:` (YAML) and `id =` (TOML) keys, anywhere.
fn written_ids(matter: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for line in matter.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("id") {
            let before = rest[..at].chars().next_back();
            let after = rest[at + 2..].trim_start();
            rest = &rest[at + 2..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                continue;
            }
            let Some(value) = after.strip_prefix([':', '=']) else {
                continue;
            };
            let value = value.trim_start();
            let end = value.find([',', '}', ']', '#']).unwrap_or(value.len());
            let id = value[..end].trim().trim_matches(|c| c == '"' || c == '\'');
            if !id.is_empty() {
                ids.push(crate::slug::nfc(id));
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(text: &str) -> Moment {
        Moment::parse(text, None, None).unwrap()
    }

    #[test]
    fn a_report_may_come_out_up_to_a_day_before_the_event() {
        let event = moment("2024-01-03");
        assert!(!predates(&moment("2024-01-03T17:20+03:30"), &event));
        assert!(!predates(&moment("2024-01-02T23:00-05:00"), &event));
        assert!(!predates(&moment("2024-01-02"), &event));
        assert!(predates(&moment("2024-01-01"), &event));
        assert!(predates(&moment("2024-01-01T23:59+00:00"), &event));
        // A coarse date stands for its whole period.
        assert!(!predates(&moment("2023-12"), &moment("2024-01-01")));
        assert!(predates(&moment("2023-12"), &moment("2024-01-03")));
        assert!(!predates(&moment("2024"), &moment("2024-06-01")));
        assert!(predates(&moment("2023"), &moment("2024-01-02")));
        // Two times: their instants, a day apart at most.
        let at = moment("2024-01-03T14:50+03:30");
        assert!(!predates(&moment("2024-01-02T14:50+03:30"), &at));
        assert!(predates(&moment("2024-01-02T14:49+03:30"), &at));
    }

    #[test]
    fn reads_report_ids_loosely_from_front_matter_that_did_not_read() {
        let yaml = "title: A\nreports:\n  - id: afp-toll\n    source: afp\n  - { id: \"irna-1\", source: irna, url: [x }\nvalid: x\n";
        assert_eq!(written_ids(yaml), ["afp-toll", "irna-1"]);
        let toml = "[[reports]]\nid = \"afp-toll\"\nsource_id = 3\n";
        assert_eq!(written_ids(toml), ["afp-toll"]);
    }
}
