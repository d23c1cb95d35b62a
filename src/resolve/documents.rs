//! Sources and explainers: checked one by one, then sorted for listing.

use std::collections::HashMap;

use crate::date::Moment;
use crate::diagnostic::Diagnostics;
use crate::load::raw::{EXPLAINER_KINDS, RawDate, RawImage, RawSource, SOURCE_KINDS};
use crate::load::{Corpus, Doc};
use crate::markdown;
use crate::site::{Explainer, Source};

pub fn sources(docs: &[Doc<RawSource>], diagnostics: &mut Diagnostics) -> Vec<Source> {
    super::check_unique_ids(
        docs.iter().map(|d| (d.id.as_str(), d.path.as_path())),
        "source",
        diagnostics,
    );
    let mut sources: Vec<Source> = docs
        .iter()
        .map(|doc| {
            let raw = &doc.raw;
            check_id(doc, "source", diagnostics);
            check_not_blank(doc, "name", &raw.name, diagnostics);
            check_kind(doc, raw.kind.as_deref(), SOURCE_KINDS, diagnostics);
            let name = raw.name.trim().to_owned();
            Source {
                id: doc.id.clone(),
                file: doc.path.clone(),
                short: raw.short.clone().unwrap_or_else(|| name.clone()),
                name,
                kind: raw.kind.clone(),
                url: raw.url.clone(),
                country: raw.country.clone(),
                language: raw.language.clone(),
                aliases: raw.aliases.clone(),
                body_html: markdown::render(doc.body()).html,
                extra: raw.extra.clone(),
                claims: Vec::new(),
            }
        })
        .collect();
    sources.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    sources
}

pub fn explainers(
    corpus: &Corpus,
    tags: &HashMap<String, usize>,
    diagnostics: &mut Diagnostics,
) -> Vec<Explainer> {
    let docs = &corpus.explainers;
    super::check_unique_ids(
        docs.iter().map(|d| (d.id.as_str(), d.path.as_path())),
        "explainer",
        diagnostics,
    );
    let mut explainers: Vec<Explainer> = docs
        .iter()
        .map(|doc| {
            let raw = &doc.raw;
            check_id(doc, "explainer", diagnostics);
            check_not_blank(doc, "title", &raw.title, diagnostics);
            check_kind(doc, raw.kind.as_deref(), EXPLAINER_KINDS, diagnostics);
            check_image(corpus, doc, raw.image.as_ref(), diagnostics);
            let rendered = markdown::render(doc.body());
            Explainer {
                id: doc.id.clone(),
                file: doc.path.clone(),
                title: raw.title.trim().to_owned(),
                subject: raw.subject.clone(),
                aliases: raw.aliases.clone(),
                kind: raw.kind.clone(),
                summary: raw.summary.clone().unwrap_or(rendered.first_paragraph),
                updated: parse_updated(doc, raw.updated.as_ref(), corpus, diagnostics),
                tags: super::tag_indexes(tags, &raw.tags),
                image: raw.image.clone(),
                body_html: rendered.html,
                extra: raw.extra.clone(),
                mentioned_in: Vec::new(),
            }
        })
        .collect();
    explainers.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    explainers
}

/// File stems become URL segments, so they must already be plain slugs.
pub(super) fn check_id<T>(doc: &Doc<T>, what: &str, diagnostics: &mut Diagnostics) {
    if !crate::slug::is_valid(&doc.id) {
        diagnostics.push(
            crate::diagnostic::Diagnostic::file(
                &doc.path,
                format!("`{}` cannot be a {what} id", doc.id),
            )
            .with_help(Some(format!(
                "ids come from file names and appear in URLs: rename the file to `{}.md`",
                crate::slug::slugify(&doc.id)
            ))),
        );
    }
}

pub(super) fn check_not_blank<T>(
    doc: &Doc<T>,
    key: &str,
    value: &str,
    diagnostics: &mut Diagnostics,
) {
    if value.trim().is_empty() {
        diagnostics.push(doc.error_at_key(key, None, format!("`{key}` is empty")));
    }
}

fn check_kind<T>(doc: &Doc<T>, kind: Option<&str>, known: &[&str], diagnostics: &mut Diagnostics) {
    let Some(kind) = kind else { return };
    if !known.contains(&kind) {
        let help = match crate::suggest::nearest(kind, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of {}", known.join(", ")),
        };
        diagnostics.push(
            doc.error_at_key("kind", Some(kind), format!("unknown kind `{kind}`"))
                .with_help(Some(help)),
        );
    }
}

/// An image's `src` is an absolute URL or a file under the site's `static/`.
pub(super) fn check_image<T>(
    corpus: &Corpus,
    doc: &Doc<T>,
    image: Option<&RawImage>,
    diagnostics: &mut Diagnostics,
) {
    let Some(image) = image else { return };
    if is_absolute_url(&image.src) {
        return;
    }
    let rel = image.src.trim_start_matches('/');
    let inside = !rel.is_empty() && !rel.split('/').any(|s| s == ".." || s.is_empty());
    if !inside || !corpus.root.join("static").join(rel).is_file() {
        diagnostics.push(
            doc.error_at_key("image", Some(&image.src), format!("image `{}` not found", image.src))
                .with_help(Some("put the file under static/ and give its path there (`images/kerman.jpg`), or an absolute URL")),
        );
    }
}

pub fn is_absolute_url(src: &str) -> bool {
    src.starts_with("https://") || src.starts_with("http://") || src.starts_with("//")
}

pub(super) fn parse_updated<T>(
    doc: &Doc<T>,
    updated: Option<&RawDate>,
    corpus: &Corpus,
    diagnostics: &mut Diagnostics,
) -> Option<Moment> {
    let text = &updated?.0;
    match Moment::parse(text, corpus.config.timezone, None) {
        Ok(moment) => Some(moment),
        Err(e) => {
            diagnostics.push(
                doc.error_at_key("updated", None, e.message)
                    .with_help(e.help),
            );
            None
        }
    }
}
