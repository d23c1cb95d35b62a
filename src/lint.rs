//! Loose ends `dateline check` warns about: content that builds but is probably
//! unfinished. Each is a warning; `check --strict` fails on them. A source or
//! explainer that only a draft cites or links is not a loose end: the draft is work
//! in progress.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// The comments `dateline new` writes as a new file's body, saying what to write
/// there. A body that is still nothing but one of them is unfinished.
pub mod placeholder {
    /// After `dateline new event`.
    pub const EVENT: &str = "<!-- What happened, in your own words. Cite who reported each fact with [@source-id]; link background with [[Explainer title]]. -->";
    /// After `dateline new source`.
    pub const SOURCE: &str = "<!-- Who they are, who owns them, how far to trust them. -->";
    /// After `dateline new explainer`.
    pub const EXPLAINER: &str =
        "<!-- The background a reader needs, starting with a one-paragraph summary. -->";

    /// Whether `body_html`, a rendered body, is still only a placeholder.
    pub fn is_placeholder(body_html: &str) -> bool {
        [EVENT, SOURCE, EXPLAINER].contains(&body_html.trim())
    }
}

/// The loose ends of `site`, each a warning at its file: bodies that are still the
/// placeholder `dateline new` wrote, events that cite no source, reports with no
/// archived copy (at the report), sources no event cites, `[tags]` entries no tag
/// takes, and explainers nothing links to, in that order.
/// Sources and explainers that only drafts use are left alone.
pub fn lint(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let bodies = site
        .events
        .iter()
        .map(|e| (&e.file, "event", &e.id, &*e.body_html))
        .chain(
            site.sources
                .iter()
                .map(|s| (&s.file, "source", &s.id, &*s.body_html)),
        )
        .chain(
            site.explainers
                .iter()
                .filter(|x| x.defined_in.is_none())
                .map(|x| (&x.file, "explainer", &x.id, &*x.body_html)),
        );
    for (file, kind, id, body) in bodies {
        if placeholder::is_placeholder(body) {
            found.push(placeholder_warning(file, kind, id));
        }
    }
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
    found.extend(site.unarchived.iter().cloned());
    found.extend(site.unsettled.iter().cloned());
    let drafts = &site.draft_references;
    for source in &site.sources {
        if source.claim_count() == 0 && !drafts.contains(&source.id) {
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
    // A `[tags."…"]` entry no tag takes: most likely a misspelt tag name.
    let used: std::collections::HashSet<String> = site
        .tags
        .iter()
        .map(|t| crate::slug::tag_key(&t.name))
        .chain(drafts.iter().map(|name| crate::slug::tag_key(name)))
        .collect();
    for (key, entry) in &site.config.tags {
        if !used.contains(key) {
            found.push(
                Diagnostic::file(
                    crate::config::CONFIG_FILE,
                    format!(
                        "no event or explainer has the tag `{}` that `[tags]` gives a slug",
                        entry.name
                    ),
                )
                .with_help(Some(
                    "check the tag's spelling against the `tags:` of events, or remove the entry"
                        .to_owned(),
                ))
                .warning(),
            );
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

/// The warning for a body that is still `dateline new`'s placeholder.
fn placeholder_warning(file: &Path, kind: &str, id: &str) -> Diagnostic {
    let what = match kind {
        "event" => "what happened, citing who reported it",
        "source" => "who they are and how far to trust them",
        _ => "the background a reader needs",
    };
    Diagnostic::file(
        file,
        format!("the body of {kind} `{id}` is still the placeholder `dateline new` wrote"),
    )
    .with_help(Some(format!(
        "replace the comment with {what}; it is not shown, so the page says nothing yet"
    )))
    .warning()
}
