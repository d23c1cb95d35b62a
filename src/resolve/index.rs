//! Cross-indexing: backlinks and neighbourhoods computed once, from indexes.
//!
//! Source claims, explainer mentions and tag listings are filled by one pass over the
//! timeline, so they come out in timeline order. Related events and "on this day" use
//! the explainer, tag and calendar-day indexes rather than comparing every pair.

use std::collections::BTreeMap;

use rayon::prelude::*;

use chrono::Datelike;

use crate::date::Precision;
use crate::site::{AccountAt, Cited, Claim, ReadingAt, Reason, Related, Site};

/// How many related events an event page shows.
pub const RELATED_LIMIT: usize = 5;

/// How many events of the same calendar day in other years an event page shows.
pub const SAME_DAY_LIMIT: usize = 5;

/// Related events are chosen among this many neighbours in time on either side, in
/// each explainer and tag an event shares.
pub const CANDIDATE_WINDOW: usize = 25;

/// Related events and on-this-day lists from the last build, kept by `serve` with the
/// fingerprint of what they were chosen from: the dates, explainers, tags and links
/// of every event, in order. An edit that changes none of these reuses them.
#[derive(Default)]
pub struct Neighbours {
    key: u64,
    related: Vec<Vec<Related>>,
    same_day: Vec<Vec<usize>>,
}

impl Neighbours {
    fn key(site: &Site) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = crate::fingerprint::FxHasher::default();
        site.events.len().hash(&mut h);
        for event in &site.events {
            (
                &event.date,
                &event.explainers,
                &event.tags,
                &event.references,
            )
                .hash(&mut h);
        }
        h.finish()
    }
}

/// Fills what documents know of each other: source claims, explainer mentions, tag
/// listings, backlinks, related events and same-day events, every list of events
/// in timeline order. With `neighbours` (`serve`), the related and same-day lists
/// are reused when no event's date, explainers, tags or links changed.
pub fn cross_index(site: &mut Site, neighbours: Option<&mut Neighbours>) {
    let mut referenced_by: Vec<Vec<usize>> = vec![Vec::new(); site.events.len()];
    for (i, event) in site.events.iter().enumerate() {
        // Each citation in the body is a claim with its paragraph; a source listed
        // only in front matter is one claim about the event as a whole.
        for cited in &event.cited {
            site.sources[cited.source].claims.push(Claim {
                event: i,
                cited: cited.clone(),
            });
        }
        // A source the body does not cite but the event lists makes claims about the
        // event as a whole: one per report of it (SPEC §9.3), or one.
        let listed = |source: usize, report: Option<usize>| Claim {
            event: i,
            cited: Cited {
                direct: true,
                ..Cited::new(source, report, None, false)
            },
        };
        for (f, figure) in event.figures.iter().enumerate() {
            for (r, reading) in figure.readings.iter().enumerate() {
                let at = ReadingAt {
                    event: i,
                    figure: f,
                    reading: r,
                };
                site.sources[reading.source].readings.push(at);
            }
        }
        for (q, question) in event.questions.iter().enumerate() {
            for (a, account) in question.accounts.iter().enumerate() {
                let at = AccountAt {
                    event: i,
                    question: q,
                    account: a,
                };
                site.sources[account.source].accounts.push(at);
            }
        }
        for citation in &event.citations {
            let s = citation.source;
            if event.cited.iter().any(|c| c.source == s) {
                continue;
            }
            // Its readings and accounts are its claims here (SPEC §9.5, §9.6),
            // with those of its reports no reading or account came in.
            let gives = crate::site::gives_figures_or_accounts(event, s);
            let mut reports = (event.reports.iter().enumerate())
                .filter(|(r, report)| report.source == s && !crate::site::report_given(event, *r))
                .map(|(r, _)| listed(s, Some(r)))
                .peekable();
            if reports.peek().is_none() && !gives {
                site.sources[s].claims.push(listed(s, None));
            }
            site.sources[s].claims.extend(reports);
        }
        for &target in &event.references {
            referenced_by[target].push(i);
        }
        for &explainer in &event.explainers {
            site.explainers[explainer].mentioned_in.push(i);
        }
        for &tag in &event.tags {
            site.tags[tag].events.push(i);
        }
    }
    for (x, explainer) in site.explainers.iter().enumerate() {
        for &tag in &explainer.tags {
            site.tags[tag].explainers.push(x);
        }
    }
    for (event, referrers) in site.events.iter_mut().zip(referenced_by) {
        event.referenced_by = referrers;
    }
    let Some(neighbours) = neighbours else {
        fill_same_day(site);
        fill_related(site);
        return;
    };
    let key = Neighbours::key(site);
    if key == neighbours.key && neighbours.related.len() == site.events.len() {
        for (i, event) in site.events.iter_mut().enumerate() {
            event.related = neighbours.related[i].clone();
            event.same_day = neighbours.same_day[i].clone();
        }
        return;
    }
    fill_same_day(site);
    fill_related(site);
    neighbours.key = key;
    neighbours.related = site.events.iter().map(|e| e.related.clone()).collect();
    neighbours.same_day = site.events.iter().map(|e| e.same_day.clone()).collect();
}

/// Calendar days (month, day) with the events on them, for events known to the day.
pub fn calendar_days(site: &Site) -> BTreeMap<(u32, u32), Vec<usize>> {
    let mut days: BTreeMap<(u32, u32), Vec<usize>> = BTreeMap::new();
    for (i, event) in site.events.iter().enumerate() {
        if event.date.precision >= Precision::Day {
            let d = event.date.date();
            days.entry((d.month(), d.day())).or_default().push(i);
        }
    }
    days
}

/// The events of the same calendar day in other years, nearest years first, at most
/// [`SAME_DAY_LIMIT`] (the on-this-day page lists them all). Each day's list is in
/// timeline order, so the nearest years are the neighbours in it: no event is
/// compared with every other.
fn fill_same_day(site: &mut Site) {
    let days = calendar_days(site);
    let year = |i: usize| site.events[i].date.date().year();
    let mut same_day: Vec<(usize, Vec<usize>)> = days
        .par_iter()
        .flat_map_iter(|(_, day)| {
            day.iter().enumerate().map(move |(p, &i)| {
                let y = year(i);
                let mut before = day[..p].iter().rev().filter(|&&j| year(j) != y).peekable();
                let mut after = day[p + 1..].iter().filter(|&&j| year(j) != y).peekable();
                let mut chosen = Vec::new();
                while chosen.len() < SAME_DAY_LIMIT {
                    let next = match (before.peek(), after.peek()) {
                        (Some(&&b), Some(&&a)) if y - year(b) <= year(a) - y => before.next(),
                        (Some(_), Some(_)) => after.next(),
                        (Some(_), None) => before.next(),
                        (None, Some(_)) => after.next(),
                        (None, None) => None,
                    };
                    match next {
                        Some(&j) => chosen.push(j),
                        None => break,
                    }
                }
                chosen.sort_unstable();
                (i, chosen)
            })
        })
        .collect();
    for (i, chosen) in same_day.drain(..) {
        site.events[i].same_day = chosen;
    }
}

/// Up to [`RELATED_LIMIT`] events per event, ranked by shared explainers, then shared
/// tags, then closeness in time, then timeline position — a total order, so the
/// choice is the same on every run — and listed in timeline order, each with what
/// it shares (see [`reasons`]).
///
/// Candidates are the [`CANDIDATE_WINDOW`] events nearest in time on either side in
/// each explainer and tag the event shares, found by binary search in those lists
/// (they are in timeline order), so the cost per event does not grow with the site.
/// On a site whose lists are shorter than the window, the ranking is over every
/// event sharing something.
fn fill_related(site: &mut Site) {
    let site_ref = &*site;
    let facts = Facts::new(site_ref);
    let related: Vec<Vec<Related>> = (0..site.events.len())
        .into_par_iter()
        .map(|i| related_to(site_ref, &facts, i))
        .collect();
    for (event, related) in site.events.iter_mut().zip(related) {
        event.related = related;
    }
}

/// What ranking reads of every candidate — its instant, explainers and tags — laid
/// out densely: candidates are scattered over the site, and reading them from the
/// events themselves costs a cache miss or three each.
struct Facts {
    instants: Vec<i64>,
    /// Per event: where its explainers start, and where its tags start and end, in `ids`.
    spans: Vec<(u32, u32, u32)>,
    ids: Vec<u32>,
}

impl Facts {
    fn new(site: &Site) -> Facts {
        let mut facts = Facts {
            instants: Vec::with_capacity(site.events.len()),
            spans: Vec::with_capacity(site.events.len()),
            ids: Vec::new(),
        };
        let index = |n: &usize| u32::try_from(*n).unwrap_or(u32::MAX);
        let at = |ids: &Vec<u32>| u32::try_from(ids.len()).unwrap_or(u32::MAX);
        for event in &site.events {
            facts.instants.push(event.date.instant);
            let start = at(&facts.ids);
            facts.ids.extend(event.explainers.iter().map(index));
            let tags = at(&facts.ids);
            facts.ids.extend(event.tags.iter().map(index));
            facts.spans.push((start, tags, at(&facts.ids)));
        }
        facts
    }

    fn explainers(&self, i: usize) -> &[u32] {
        let (start, tags, _) = self.spans[i];
        &self.ids[start as usize..tags as usize]
    }

    fn tags(&self, i: usize) -> &[u32] {
        let (_, tags, end) = self.spans[i];
        &self.ids[tags as usize..end as usize]
    }
}

fn related_to(site: &Site, facts: &Facts, i: usize) -> Vec<Related> {
    let event = &site.events[i];
    let lists = event
        .explainers
        .iter()
        .map(|&x| &site.explainers[x].mentioned_in)
        .chain(event.tags.iter().map(|&t| &site.tags[t].events));
    let mut candidates: Vec<usize> = Vec::with_capacity(4 * CANDIDATE_WINDOW);
    for list in lists {
        // Event indexes are timeline positions, and the lists are in timeline order.
        let p = list.partition_point(|&j| j < i);
        let from = p.saturating_sub(CANDIDATE_WINDOW);
        let to = (p + CANDIDATE_WINDOW + 1).min(list.len());
        candidates.extend(list[from..to].iter().copied().filter(|&j| j != i));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let shared = |mine: &[u32], theirs: &[u32]| mine.iter().filter(|m| theirs.contains(m)).count();
    let (explainers, tags, instant) = (facts.explainers(i), facts.tags(i), facts.instants[i]);
    let mut ranked: Vec<(usize, usize, i64, usize)> = candidates
        .into_iter()
        .map(|j| {
            let gap = (facts.instants[j] - instant).abs();
            (
                shared(explainers, facts.explainers(j)),
                shared(tags, facts.tags(j)),
                gap,
                j,
            )
        })
        .collect();
    let order = |a: &(usize, usize, i64, usize), b: &(usize, usize, i64, usize)| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    };
    if ranked.len() > RELATED_LIMIT {
        ranked.select_nth_unstable_by(RELATED_LIMIT, order);
        ranked.truncate(RELATED_LIMIT);
    }
    // Chosen by rank, shown by date: event indexes are timeline positions.
    ranked.sort_unstable_by_key(|r| r.3);
    // Not `into_iter().map().collect()`: that would reuse the candidates' allocation,
    // dozens of times larger, for the life of the site.
    ranked
        .iter()
        .map(|r| Related {
            event: r.3,
            reasons: reasons(site, i, r.3),
        })
        .collect()
}

/// What the `i`th event shares with the `j`th, in the order a reader is told: the
/// explainers both are about, then the tags both carry (what ranks them as related,
/// each in the order the `i`th lists them), then the links between their bodies.
fn reasons(site: &Site, i: usize, j: usize) -> Vec<Reason> {
    let (event, other) = (&site.events[i], &site.events[j]);
    let explainers = event
        .explainers
        .iter()
        .filter(|x| other.explainers.contains(x))
        .map(|&x| Reason::Explainer(x));
    let tags = event
        .tags
        .iter()
        .filter(|t| other.tags.contains(t))
        .map(|&t| Reason::Tag(t));
    let links = [
        event.references.contains(&j).then_some(Reason::Referenced),
        event
            .referenced_by
            .contains(&j)
            .then_some(Reason::References),
    ];
    let all = || {
        explainers
            .clone()
            .chain(tags.clone())
            .chain(links.into_iter().flatten())
    };
    // Counted first: a list per related event, kept for the life of the site, holds
    // no spare room.
    let mut reasons = Vec::with_capacity(all().count());
    reasons.extend(all());
    reasons
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// `n` events a day apart, all with one tag, so each has a full candidate window.
    fn site(n: usize) -> Site {
        let files: Vec<(PathBuf, Vec<u8>)> = (0..n)
            .map(|i| {
                let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
                    + chrono::Days::new(i as u64);
                let text =
                    format!("---\ntitle: Event {i}\ndate: {day}\ntags: [Shared]\n---\nText.\n");
                (
                    PathBuf::from(format!("content/events/e{i}.md")),
                    text.into_bytes(),
                )
            })
            .collect();
        let config = crate::config::Config::parse("").unwrap();
        let options = crate::load::LoadOptions {
            drafts: false,
            lint: false,
        };
        let (corpus, _) =
            crate::load::from_memory(Path::new("/nonexistent"), config, options, files);
        let (site, found) = crate::resolve::resolve(
            &corpus,
            &crate::load::site_files::StaticFiles::builtin(),
            &crate::i18n::strings::Words::builtin(),
        );
        assert!(!found.has_errors(), "{found:?}");
        site.unwrap()
    }

    #[test]
    fn related_lists_are_the_nearest_in_time_and_hold_no_more_memory_than_they_need() {
        let site = site(4 * CANDIDATE_WINDOW);
        let middle = &site.events[2 * CANDIDATE_WINDOW];
        // The five nearest, in timeline order.
        let expected: Vec<usize> = vec![
            2 * CANDIDATE_WINDOW - 3,
            2 * CANDIDATE_WINDOW - 2,
            2 * CANDIDATE_WINDOW - 1,
            2 * CANDIDATE_WINDOW + 1,
            2 * CANDIDATE_WINDOW + 2,
        ];
        let related: Vec<usize> = middle.related.iter().map(|r| r.event).collect();
        assert_eq!(related, expected);
        for event in &site.events {
            assert_eq!(event.related.len(), RELATED_LIMIT);
            // Ranked from dozens of candidates; what is kept must not keep their room.
            assert!(
                event.related.capacity() <= RELATED_LIMIT,
                "{}",
                event.related.capacity()
            );
            for related in &event.related {
                assert_eq!(related.reasons, [Reason::Tag(0)]);
                assert_eq!(related.reasons.capacity(), 1);
            }
        }
    }
}
