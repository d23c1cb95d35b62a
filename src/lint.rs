//! Loose ends `dateline check` warns about: content that builds but is probably
//! unfinished. Each is a warning; `check --strict` fails on them. A source or
//! explainer that only a draft cites or links is not a loose end: the draft is work
//! in progress.

use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// The loose ends of `site`, each a warning at its file: events that cite no
/// source, sources no event cites, and explainers nothing links to, in that order.
/// Sources and explainers that only drafts use are left alone.
pub fn lint(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut source_ids: Vec<&str> = site.sources.iter().take(3).map(|s| s.id.as_str()).collect();
    if site.sources.len() > 3 {
        source_ids.push("…");
    }
    let source_ids = source_ids.join(", ");
    for event in &site.events {
        if event.citations.is_empty() {
            let help = if source_ids.is_empty() {
                "add a source under content/sources/ and list it in `sources:`".to_owned()
            } else {
                format!(
                    "list who reported it in `sources:` or cite them in the text with [@id] (sources: {source_ids})"
                )
            };
            found.push(
                Diagnostic::file(&event.file, format!("event `{}` cites no source", event.id))
                    .with_help(Some(help))
                    .warning(),
            );
        }
    }
    let drafts = &site.draft_references;
    for source in &site.sources {
        if source.claims.is_empty() && !drafts.contains(&source.id) {
            found.push(
                Diagnostic::file(
                    &source.file,
                    format!("no event cites source `{}`", source.id),
                )
                .with_help(Some(format!(
                    "cite it from an event with [@{}] or `sources: [{}]`, or remove the file",
                    source.id, source.id
                )))
                .warning(),
            );
        }
    }
    let mut linked: Vec<bool> = site
        .explainers
        .iter()
        .map(|x| {
            !x.mentioned_in.is_empty()
                || x.defined_in.is_some()
                || [&x.id, &x.title]
                    .into_iter()
                    .chain(&x.subject)
                    .chain(&x.aliases)
                    .any(|name| drafts.contains(name))
        })
        .collect();
    for (i, explainer) in site.explainers.iter().enumerate() {
        for &target in &explainer.links_to {
            if target != i {
                linked[target] = true;
            }
        }
    }
    for (explainer, linked) in site.explainers.iter().zip(linked) {
        if !linked {
            found.push(
                Diagnostic::file(
                    &explainer.file,
                    format!("nothing links to explainer `{}`", explainer.id),
                )
                .with_help(Some(format!(
                    "link it from an event with [[{}]] or `explainers: [{}]`, or give it an alias that events mention",
                    explainer.title, explainer.id
                )))
                .warning(),
            );
        }
    }
    found
}
