//! Cross-indexing: backlinks and neighbourhoods computed once, from indexes.
//!
//! Source claims, explainer mentions and tag listings are filled by one pass over the
//! timeline, so they come out in timeline order. Related events and "on this day" use
//! the explainer, tag and calendar-day indexes rather than comparing every pair.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use crate::date::Precision;
use crate::site::{Claim, Site};

/// How many related events an event page shows.
pub const RELATED_LIMIT: usize = 5;

pub fn cross_index(site: &mut Site) {
    let mut referenced_by: Vec<Vec<usize>> = vec![Vec::new(); site.events.len()];
    for (i, event) in site.events.iter().enumerate() {
        // Each citation in the body is a claim with its paragraph; a source listed
        // only in front matter is one claim about the event as a whole.
        for cited in &event.cited {
            site.sources[cited.source].claims.push(Claim {
                event: i,
                excerpt: cited.excerpt.clone(),
                anchor: cited.anchor.clone(),
            });
        }
        for citation in &event.citations {
            if !event.cited.iter().any(|c| c.source == citation.source) {
                site.sources[citation.source].claims.push(Claim {
                    event: i,
                    excerpt: None,
                    anchor: None,
                });
            }
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
    fill_same_day(site);
    fill_related(site);
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

fn fill_same_day(site: &mut Site) {
    for events in calendar_days(site).into_values() {
        for &i in &events {
            let year = site.events[i].date.date().year();
            site.events[i].same_day = events
                .iter()
                .copied()
                .filter(|&j| site.events[j].date.date().year() != year)
                .collect();
        }
    }
}

/// Up to [`RELATED_LIMIT`] events per event, ranked by shared explainers, then shared
/// tags, then closeness in time, then timeline position — a total order, so the
/// choice is the same on every run.
fn fill_related(site: &mut Site) {
    let mut related = Vec::with_capacity(site.events.len());
    for (i, event) in site.events.iter().enumerate() {
        let mut shared: HashMap<usize, (usize, usize)> = HashMap::new();
        for &x in &event.explainers {
            for &j in &site.explainers[x].mentioned_in {
                shared.entry(j).or_default().0 += 1;
            }
        }
        for &t in &event.tags {
            for &j in &site.tags[t].events {
                shared.entry(j).or_default().1 += 1;
            }
        }
        shared.remove(&i);
        let mut ranked: Vec<(usize, usize, i64, usize)> = shared
            .into_iter()
            .map(|(j, (explainers, tags))| {
                let gap = (site.events[j].date.instant - event.date.instant).abs();
                (explainers, tags, gap, j)
            })
            .collect();
        ranked.sort_unstable_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        related.push(
            ranked
                .into_iter()
                .take(RELATED_LIMIT)
                .map(|r| r.3)
                .collect(),
        );
    }
    for (event, related) in site.events.iter_mut().zip(related) {
        event.related = related;
    }
}
