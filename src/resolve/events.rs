//! Events: dates, slugs, URLs and references checked; then the timeline sorted and
//! ids and URLs checked for collisions across files.

use crate::fingerprint::FastMap as HashMap;

use chrono_tz::Tz;
use rayon::prelude::*;

use super::Lookup;
use super::documents::{check_not_blank, parse_date, resolve_image};
use super::reports;
use crate::date::{Moment, Placing};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::load::raw::RawEvent;
use crate::load::{Corpus, Doc};
use crate::site::{Citation, Event};
use crate::urls;

/// Events checked from their front matter, in timeline order, each with the index of
/// its file in `corpus.events`; and the indexes of the files that gave no event (a
/// date, zone or slug that is wrong or could not be read), whose bodies are still
/// checked. Bodies are rendered later, once every target is known. What checking
/// their reports found is returned alongside: the warnings for reports with no
/// archived copy, in timeline order, and the citation names of reports that could
/// not be checked.
pub fn events(
    corpus: &Corpus,
    lookup: &Lookup<'_>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Event>, Vec<usize>, Vec<usize>, reports::Found) {
    let results: Vec<(Option<Event>, Diagnostics, reports::Found)> = corpus
        .events
        .par_iter()
        .map(|doc| {
            let mut found = Diagnostics::default();
            let mut reports = reports::Found::default();
            let event = event(corpus, lookup, doc, (&mut found, &mut reports));
            (event, found, reports)
        })
        .collect();
    let mut events = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    let mut lost = Vec::new();
    // By position in `corpus.events`, put in timeline order once it is known.
    let mut unarchived: Vec<Vec<Diagnostic>> = Vec::with_capacity(results.len());
    for (n, (event, found, reports)) in results.into_iter().enumerate() {
        diagnostics.extend(found.0);
        lost.extend(reports.lost);
        unarchived.push(reports.unarchived);
        match event {
            Some(event) => events.push((event, n)),
            None => {
                // Its reports are not cited from a page: their names are lost too.
                lost.extend(doc_report_ids(&corpus.events[n]));
                failed.push(n);
            }
        }
    }
    let placings = Placing::of_all(events.iter().map(|(e, _)| &e.date));
    let mut placed: Vec<(Placing, (Event, usize))> = placings.into_iter().zip(events).collect();
    placed.sort_by(|(a, (x, _)), (b, (y, _))| a.oldest_first(b).then_with(|| x.id.cmp(&y.id)));
    let (events, docs): (Vec<Event>, Vec<usize>) = placed.into_iter().map(|(_, e)| e).unzip();
    super::check_unique_ids(
        events.iter().map(|e| (e.id.as_str(), e.file.as_path())),
        "event",
        diagnostics,
    );
    check_unique_paths(&events, diagnostics);
    let unarchived = (docs.iter())
        .flat_map(|&n| std::mem::take(&mut unarchived[n]))
        .collect();
    (events, docs, failed, reports::Found { unarchived, lost })
}

/// The ids the reports of an event file give, as read.
fn doc_report_ids(doc: &Doc<RawEvent>) -> impl Iterator<Item = String> + '_ {
    doc.raw
        .reports
        .iter()
        .filter_map(|r| r.id.as_deref().map(crate::slug::nfc))
}

fn event(
    corpus: &Corpus,
    lookup: &Lookup<'_>,
    doc: &Doc<RawEvent>,
    (out, found): (&mut Diagnostics, &mut reports::Found),
) -> Option<Event> {
    let raw = &doc.raw;
    check_not_blank(doc, "title", &raw.title, out);
    super::documents::check_language(doc, raw.language.as_deref(), out);
    let image = resolve_image(lookup.static_files, doc, raw.image.as_ref(), out);

    // The dates cannot be read without their zone: a zone that is wrong, or could
    // not be read, is the one error about them. The rest is checked all the same.
    let mut dates_readable = !doc.unread("timezone");
    let zone = match raw.timezone.as_deref().map(crate::date::parse_zone) {
        None => None,
        Some(Ok(tz)) => Some(tz),
        Some(Err(e)) => {
            let name = raw.timezone.as_deref();
            out.push(
                doc.error_at_key("timezone", name, e.message)
                    .with_help(e.help),
            );
            dates_readable = false;
            None
        }
    };
    let date = dates_readable
        .then(|| event_date(corpus, doc, zone, out))
        .flatten();
    let end = raw.end.as_ref().filter(|_| dates_readable).and_then(|end| {
        let end_moment = parse_date(corpus, doc, "end", &end.0, zone, out)?;
        if let Some(date) = &date
            && date.ends_before(&end_moment)
        {
            out.push(
                doc.error_at_key(
                    "end",
                    Some(&end.0),
                    format!("`end` ({}) is before `date` ({})", end.0, date.machine()),
                )
                .with_help(Some(
                    "a span ends on or after the day it starts; swap the two or fix the year",
                )),
            );
        } else if let Some(date) = &date
            && date.end_is_coarser(&end_moment)
        {
            out.push(
                doc.error_at_key(
                    "end",
                    Some(&end.0),
                    format!(
                        "`end` {} is less precise than `date` {}",
                        end.0.trim(),
                        date.machine()
                    ),
                )
                .with_help(Some(
                    "give `end` at least the precision of `date` (a span ending in the period it starts in says nothing), or leave `end` out",
                )),
            );
        }
        Some(end_moment)
    });
    let coordinates = coordinates(doc, out);
    let slug = slug(doc, date.as_ref(), out);
    let citations = references(
        doc,
        "sources",
        &raw.sources,
        &lookup.sources,
        lookup,
        "source",
        out,
    )
    .into_iter()
    .map(|source| Citation { source, count: 1 })
    .collect();
    let explainers = references(
        doc,
        "explainers",
        &raw.explainers,
        &lookup.explainers,
        lookup,
        "explainer",
        out,
    );
    let updated = raw.updated.as_ref().filter(|_| dates_readable).and_then(|u| {
        let updated = parse_date(corpus, doc, "updated", &u.0, zone, out)?;
        if let Some(date) = &date
            && date.ends_before(&updated)
        {
            out.push(
                doc.error_at_key(
                    "updated",
                    Some(&u.0),
                    format!(
                        "`updated` ({}) is before the event's `date` ({})",
                        u.0,
                        date.machine()
                    ),
                )
                .with_help(Some(
                    "`updated` is when the entry was last revised, on or after the event's `date`; check the year",
                )),
            );
        }
        Some(updated)
    });

    let dates = dates_readable.then_some((date.as_ref(), zone));
    let reports = reports::reports(corpus, lookup, doc, dates, out, found);
    let sources = super::figures::Sources {
        ids: &lookup.sources,
        broken: lookup.broken,
        drafts: lookup.drafts,
        reports: &reports,
        lost: &found.lost,
    };
    let figures = super::figures::readings(corpus, doc, &sources, dates, out);

    // A slug that could not be read leaves the URL unknown.
    let (date, slug) = (date?, slug.filter(|_| !doc.unread("slug"))?);
    Some(Event {
        id: doc.id.clone(),
        file: doc.path.clone(),
        path: urls::event(&date, &slug),
        slug,
        title: raw.title.trim().to_owned(),
        date,
        end,
        place: raw.place.clone().filter(|p| !p.trim().is_empty()),
        language: raw.language.clone(),
        coordinates,
        citations,
        explainers,
        tags: super::tag_indexes(&lookup.tags, &raw.tags),
        summary: raw.summary.clone().unwrap_or_default(),
        summary_html: Default::default(),
        summary_written: raw.summary.as_ref().is_some_and(|s| !s.is_empty()),
        image,
        updated,
        key: raw.key,
        draft: raw.draft,
        body_html: Default::default(),
        body_print: 0,
        extra: raw.extra.clone(),
        cited: Vec::new(),
        reports,
        // Checked once every link target is known: see `corrections.rs`.
        corrections: Vec::new(),
        figures,
        // Checked once every link target is known: see `questions.rs`.
        questions: Vec::new(),
        references: Vec::new(),
        referenced_by: Vec::new(),
        related: Vec::new(),
        same_day: Vec::new(),
    })
}

/// `date` from front matter, else from a `YYYY-MM-DD-` file name.
fn event_date(
    corpus: &Corpus,
    doc: &Doc<RawEvent>,
    zone: Option<Tz>,
    out: &mut Diagnostics,
) -> Option<Moment> {
    if let Some(date) = &doc.raw.date {
        return parse_date(corpus, doc, "date", &date.0, zone, out);
    }
    if doc.unread("date") {
        // Its own error says what to fix; a date in the file name is not a guess.
        return None;
    }
    if let Some(prefix) = doc.id.get(..10).filter(|p| has_date_shape(p))
        && let Err(e) = Moment::parse(prefix, None, None)
    {
        out.push(
            Diagnostic::file(
                &doc.path,
                format!("the date in the file name is wrong: {}", e.message),
            )
            .with_help(Some(
                "rename the file with the right date, or add `date:` to the front matter"
                    .to_owned(),
            )),
        );
        return None;
    }
    match stem_date(&doc.id) {
        Some((prefix, _)) if prefix.len() == 10 => Moment::parse(prefix, None, None).ok(),
        _ => {
            out.push(
                doc.error_at_key("title", None, "the event has no date")
                    .with_help(Some("add `date: 2024-01-03` to the front matter, or start the file name with the date: `2024-01-03-title.md`")),
            );
            None
        }
    }
}

/// A leading `YYYY-MM-DD-`, `YYYY-MM-` or `YYYY-` in a file stem: the date text and
/// the rest of the stem.
pub fn stem_date(stem: &str) -> Option<(&str, &str)> {
    for len in [10, 7, 4] {
        let (Some(prefix), Some(rest)) = (stem.get(..len), stem.get(len..)) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('-').filter(|r| !r.is_empty()) else {
            continue;
        };
        if has_date_shape(prefix) && Moment::parse(prefix, None, None).is_ok() {
            return Some((prefix, rest));
        }
    }
    None
}

/// `2024`, `2024-01` or `2024-01-03` as far as digits and hyphens go.
fn has_date_shape(text: &str) -> bool {
    text.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    })
}

/// The event's slug: given in front matter (and then checked), or the file stem
/// slugified, without a leading date that agrees with the event's date.
fn slug(doc: &Doc<RawEvent>, date: Option<&Moment>, out: &mut Diagnostics) -> Option<String> {
    if let Some(given) = &doc.raw.slug {
        let given = crate::slug::nfc(given);
        if let Some((message, short)) = crate::urls::segment_too_long("slug", &given) {
            out.push(
                doc.error_at_key("slug", Some(&given), message)
                    .with_help(Some(format!(
                        "{}: write a shorter slug, such as `slug: {short}`",
                        crate::urls::SEGMENT_LIMIT
                    ))),
            );
            return None;
        }
        if crate::slug::is_valid(&given) {
            return Some(given);
        }
        let suggestion = crate::slug::slugify(&given);
        let help = if suggestion.is_empty() {
            "a slug is lower-case letters, digits and single hyphens: `kerman-explosions`"
                .to_owned()
        } else {
            format!("a slug is lower-case letters, digits and single hyphens: `{suggestion}`")
        };
        out.push(
            doc.error_at_key(
                "slug",
                Some(&given),
                format!("`{given}` is not a valid slug"),
            )
            .with_help(Some(help)),
        );
        return None;
    }
    let stem = doc.id.as_str();
    let stem = match (stem_date(stem), date) {
        (Some((prefix, rest)), Some(date)) if agrees(prefix, date) => rest,
        _ => stem,
    };
    let slug = crate::slug::slugify(stem);
    if let Some((message, short)) = crate::urls::segment_too_long("slug", &slug) {
        out.push(
            Diagnostic::file(&doc.path, format!("{message}; it comes from the file name"))
                .with_help(Some(format!(
                    "{}: set a shorter one in the front matter, such as `slug: {short}`, or rename the file",
                    crate::urls::SEGMENT_LIMIT
                ))),
        );
        return None;
    }
    if slug.is_empty() {
        out.push(
            Diagnostic::file(
                &doc.path,
                "the file name gives no slug: it has no letters or digits",
            )
            .with_help(Some(
                "rename the file, or set `slug:` in the front matter".to_owned(),
            )),
        );
        return None;
    }
    Some(slug)
}

/// Whether a file-name date prefix says the same as the event's date, no more precisely.
fn agrees(prefix: &str, date: &Moment) -> bool {
    let Ok(written) = Moment::parse(prefix, None, None) else {
        return false;
    };
    written.precision <= date.precision && date.machine().starts_with(prefix)
}

fn coordinates(doc: &Doc<RawEvent>, out: &mut Diagnostics) -> Option<(f64, f64)> {
    let values = doc.raw.coordinates.as_ref()?;
    let problem = match values.as_slice() {
        [lat, lon] if !(-90.0..=90.0).contains(lat) => {
            format!("latitude {lat} is out of range (-90 to 90)")
        }
        [lat, lon] if !(-180.0..=180.0).contains(lon) => {
            format!("longitude {lon} is out of range (-180 to 180)")
        }
        [lat, lon] => return Some((*lat, *lon)),
        // `[30,28, 57,08]`: YAML and TOML read a decimal comma as two numbers.
        [_, _, _, _] => "`coordinates` has 4 numbers, not 2: a comma separates numbers, so \
            decimals are written with a point"
            .to_owned(),
        _ => format!(
            "`coordinates` has {}, not 2",
            crate::messages::plural(values.len(), "number")
        ),
    };
    out.push(
        doc.error_at_key("coordinates", None, problem)
            .with_help(Some(
                "write `[latitude, longitude]` in degrees: `coordinates: [30.28, 57.08]`",
            )),
    );
    None
}

/// Ids listed under a front matter key, checked against `known`; unknown ones are
/// reported with the nearest id. Each id counts once, in the order written.
fn references(
    doc: &Doc<RawEvent>,
    key: &str,
    ids: &[String],
    known: &HashMap<&str, usize>,
    lookup: &Lookup<'_>,
    what: &str,
    out: &mut Diagnostics,
) -> Vec<usize> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let id = &crate::slug::nfc(id);
        match known.get(id.as_str()) {
            Some(&i) if !found.contains(&i) => found.push(i),
            Some(_) => {}
            None if lookup.broken.contains(id) => {}
            None if lookup.drafts.contains(id) => out.push(
                doc.error_at_key(key, Some(id), format!("the {what} `{id}` is a draft"))
                    .with_help(Some(
                        "remove `draft: true` from it, or build with `--drafts`",
                    )),
            ),
            None => {
                let help = super::suggest_id(id, sorted_keys(known).into_iter(), what);
                out.push(
                    doc.error_at_key(key, Some(id), format!("unknown {what} `{id}`"))
                        .with_help(Some(help)),
                );
            }
        }
    }
    found
}

fn sorted_keys<'a>(map: &HashMap<&'a str, usize>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = map.keys().copied().collect();
    keys.sort_unstable();
    keys
}

fn check_unique_paths(events: &[Event], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Event> = HashMap::default();
    for event in events {
        if let Some(first) = seen.insert(&event.path, event) {
            diagnostics.push(
                Diagnostic::file(
                    &event.file,
                    format!("two events have the URL /{}", event.path),
                )
                .with_help(Some(format!(
                    "{} has the same date and slug; set a different `slug:` in one of them",
                    display_path(&first.file)
                ))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_at_the_start_of_file_names() {
        assert_eq!(
            stem_date("2024-01-03-kerman"),
            Some(("2024-01-03", "kerman"))
        );
        assert_eq!(stem_date("2024-01-funerals"), Some(("2024-01", "funerals")));
        assert_eq!(
            stem_date("1962-alder-dam-completed"),
            Some(("1962", "alder-dam-completed"))
        );
        assert_eq!(stem_date("2024-13-x"), Some(("2024", "13-x")));
        assert_eq!(stem_date("kerman-2024"), None);
        assert_eq!(stem_date("2024"), None);
    }

    #[test]
    fn drops_a_date_prefix_only_when_it_agrees() {
        let day = Moment::parse("2024-01-03", None, None).unwrap();
        assert!(agrees("2024-01-03", &day));
        assert!(agrees("2024-01", &day));
        assert!(!agrees("2024-01-04", &day));
        let year = Moment::parse("1962", None, None).unwrap();
        assert!(agrees("1962", &year));
        assert!(!agrees("1962-05", &year));
    }
}
