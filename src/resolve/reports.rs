//! An event's reports (SPEC §9.3): each entry of front matter `reports` checked —
//! its source known, its addresses web addresses, its id a valid citation name of
//! the event, its dates readable and in order — into a [`Report`]. Each error is at
//! the value it is about. Citations are resolved to reports later, with the bodies.

use chrono::TimeDelta;

use super::Lookup;
use crate::date::{Moment, Precision};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::frontmatter::Format;
use crate::load::nested::Step;
use crate::load::raw::{RawEvent, RawReport};
use crate::load::{Corpus, Doc};
use crate::site::Report;

/// What checking an event's reports found besides the reports and their errors.
#[derive(Debug, Default)]
pub struct Found {
    /// A warning for each report without an `archived` copy, at the entry's first
    /// line, for `check`: see [`Site::unarchived`](crate::site::Site::unarchived).
    pub unarchived: Vec<Diagnostic>,
    /// Citation names the event's front matter gives reports that could not be
    /// checked (an unknown source, a `reports` that did not read): a citation of
    /// one is not reported again as an unknown source.
    pub lost: Vec<String>,
}

/// The reports of the event in `doc`, dated `date` (`None` when its date is wrong)
/// with its dates read in `zone`: those whose source is known, in the order written.
/// Every problem goes to `out`.
pub(super) fn reports(
    corpus: &Corpus,
    lookup: &Lookup<'_>,
    doc: &Doc<RawEvent>,
    (date, zone): (Option<&Moment>, Option<chrono_tz::Tz>),
    out: &mut Diagnostics,
    found: &mut Found,
) -> Vec<Report> {
    if doc.unread("reports") {
        found.lost.extend(written_ids(doc.matter_text()));
        return Vec::new();
    }
    let raw = &doc.raw.reports;
    let mut reports: Vec<Report> = Vec::with_capacity(raw.len());
    // For each report kept, where it is written in the list.
    let mut written: Vec<usize> = Vec::with_capacity(raw.len());
    for (n, entry) in raw.iter().enumerate() {
        let at = |field: &'static str, message: String| {
            doc.error_at_path(
                &[Step::Key("reports"), Step::Index(n), Step::Key(field)],
                false,
                message,
            )
        };
        let id = entry.id.as_deref().map(crate::slug::nfc);
        let Some(source) = source(doc, lookup, n, entry, out) else {
            found.lost.extend(id);
            continue;
        };
        for (field, url) in [
            ("url", Some(&entry.url)),
            ("archived", entry.archived.as_ref()),
        ] {
            if let Some(url) = url.filter(|u| !crate::url_syntax::is_web_address(u)) {
                out.push(at(field, format!("`{url}` is not a web address")).with_help(Some(
                    match field {
                        "url" => "give where the report was published, as an http:// or https:// URL",
                        _ => "give the archived copy's address, as an http:// or https:// URL (`https://web.archive.org/web/…`)",
                    },
                )));
            }
        }
        if let Some(id) = &id {
            check_id(doc, lookup, (n, id), (&reports, &written), out);
        }
        let date_of = |field: &'static str,
                       text: Option<&crate::load::raw::RawDate>,
                       out: &mut Diagnostics| {
            let text = text?;
            match Moment::parse(&text.0, zone.or(corpus.config.timezone), zone) {
                Ok(moment) => Some(moment),
                Err(e) => {
                    out.push(at(field, e.message).with_help(e.help));
                    None
                }
            }
        };
        let published = date_of("published", entry.published.as_ref(), out);
        let retrieved = date_of("retrieved", entry.retrieved.as_ref(), out);
        if let (Some(published), Some(date)) = (&published, date)
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
        if let (Some(published), Some(retrieved)) = (&published, &retrieved)
            && published.ends_before(retrieved)
        {
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
        if entry.archived.is_none() && corpus.lint {
            found.unarchived.push(unarchived(doc, n));
        }
        reports.push(Report {
            id,
            source,
            url: entry.url.clone(),
            title: entry
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            published,
            archived: entry.archived.clone(),
            retrieved,
        });
        written.push(n);
    }
    check_several(doc, lookup, &reports, &written, out);
    reports
}

/// The index of the source of the `n`th report, or `None` with its error (none for
/// a source whose file failed to load: its own error says what to fix).
fn source(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    n: usize,
    entry: &RawReport,
    out: &mut Diagnostics,
) -> Option<usize> {
    let id = crate::slug::nfc(&entry.source);
    if let Some(&s) = lookup.sources.get(id.as_str()) {
        return Some(s);
    }
    let at = |message: String| {
        doc.error_at_path(
            &[Step::Key("reports"), Step::Index(n), Step::Key("source")],
            false,
            message,
        )
    };
    if lookup.drafts.contains(&id) {
        out.push(at(format!("the source `{id}` is a draft")).with_help(Some(
            "remove `draft: true` from it, or build with `--drafts`",
        )));
    } else if !lookup.broken.contains(&id) {
        let mut known: Vec<&str> = lookup.sources.keys().copied().collect();
        known.sort_unstable();
        let help = super::suggest_id(&id, known.into_iter(), "source");
        out.push(at(format!("unknown source `{id}`")).with_help(Some(help)));
    }
    None
}

/// Checks the id of the `n`th report: a valid id, not a source's, not another
/// report's of the event (`reports` kept so far, each written at its entry of
/// `written`).
fn check_id(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    (n, id): (usize, &str),
    (reports, written): (&[Report], &[usize]),
    out: &mut Diagnostics,
) {
    let at = |n: usize, message: String| {
        doc.error_at_path(
            &[Step::Key("reports"), Step::Index(n), Step::Key("id")],
            false,
            message,
        )
    };
    if !crate::slug::is_valid(id) {
        let slug = crate::slug::slugify(id);
        let example = if slug.is_empty() {
            "afp-toll"
        } else {
            slug.as_str()
        };
        out.push(
            at(n, format!("`{id}` cannot be a report id")).with_help(Some(format!(
                "a report id is lower-case letters, digits and single hyphens, like `{example}`"
            ))),
        );
        return;
    }
    if lookup.sources.contains_key(id) {
        out.push(at(n, format!("the report id `{id}` is also a source's id")).with_help(Some(format!(
            "report ids and source ids share the citation names of an event, so `[@{id}]` would name both; give the report an id no source has, like `{id}-report`"
        ))));
        return;
    }
    let first = reports
        .iter()
        .zip(written)
        .find(|(r, _)| r.id.as_deref() == Some(id));
    if let Some((_, &first)) = first {
        let line = at(first, String::new()).line;
        out.push(
            at(n, format!("two reports of this event have the id `{id}`")).with_help(Some(format!(
                "the other is on line {line}; give each report its own id, since `[@{id}]` cites one"
            ))),
        );
    }
}

/// A source with several reports in the event: each needs an id, for a citation to
/// say which it cites. Each one without is an error at its entry.
fn check_several(
    doc: &Doc<RawEvent>,
    lookup: &Lookup<'_>,
    reports: &[Report],
    written: &[usize],
    out: &mut Diagnostics,
) {
    for (i, (report, &n)) in reports.iter().zip(written).enumerate() {
        let count = reports.iter().filter(|r| r.source == report.source).count();
        if count < 2 || report.id.is_some() {
            continue;
        }
        // Its place among the source's reports, for an id to suggest.
        let place = 1 + reports[..i]
            .iter()
            .filter(|r| r.source == report.source)
            .count();
        let source = lookup
            .sources
            .iter()
            .find(|&(_, &s)| s == report.source)
            .map_or("", |(id, _)| *id);
        let example = format!("{source}-{place}");
        let assign = match doc.format() {
            Format::Yaml => format!("id: {example}"),
            Format::Toml => format!("id = \"{example}\""),
        };
        out.push(
            doc.error_at_path(&[Step::Key("reports"), Step::Index(n)], false, format!(
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
    let place = [Step::Key("reports"), Step::Index(n)];
    doc.error_at_path(&place, false, "the report has no `archived` copy")
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
