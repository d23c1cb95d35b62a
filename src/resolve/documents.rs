//! Sources and explainers: checked one by one, then sorted for listing.

use crate::fingerprint::FastMap as HashMap;

use super::sections::Section;
use crate::date::Moment;
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::load::image_size::Size;
use crate::load::raw::{EXPLAINER_KINDS, RawImage, RawSource, SOURCE_KINDS};
use crate::load::site_files::LeftOut;
use crate::load::site_files::StaticFiles;
use crate::load::{Corpus, Doc};
use crate::site::{Explainer, Source};
use crate::urls;

/// Source files checked (id, name, kind, home page), sorted by name ignoring case,
/// then id; returns each source's index in `docs` alongside. Problems go to
/// `diagnostics`; a source is returned even so.
pub fn sources(
    docs: &[Doc<RawSource>],
    diagnostics: &mut Diagnostics,
) -> (Vec<Source>, Vec<usize>) {
    super::check_unique_ids(
        docs.iter().map(|d| (d.id.as_str(), d.path.as_path())),
        "source",
        diagnostics,
    );
    let mut sources: Vec<(Source, usize)> = docs
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            let raw = &doc.raw;
            check_id(doc, "source", diagnostics);
            check_not_blank(doc, "name", &raw.name, diagnostics);
            check_kind(doc, raw.kind.as_deref(), SOURCE_KINDS, diagnostics);
            check_language(doc, raw.language.as_deref(), diagnostics);
            if let Some(url) = &raw.url
                && !crate::url_syntax::is_web_address(url)
            {
                diagnostics.push(
                    doc.error_at_key("url", Some(url), format!("`{url}` is not a web address"))
                        .with_help(Some(
                            "give the source's home page as an http:// or https:// URL",
                        )),
                );
            }
            let name = raw.name.trim().to_owned();
            let source = Source {
                id: doc.id.clone(),
                file: doc.path.clone(),
                short: raw.short.clone().unwrap_or_else(|| name.clone()),
                name,
                kind: raw.kind.clone(),
                url: raw.url.clone(),
                country: raw.country.clone(),
                language: raw.language.clone(),
                aliases: raw.aliases.clone(),
                body_html: Default::default(),
                extra: raw.extra.clone(),
                claims: Vec::new(),
                readings: Vec::new(),
                accounts: Vec::new(),
            };
            (source, n)
        })
        .collect();
    sources.sort_by(|(a, _), (b, _)| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    sources.into_iter().unzip()
}

/// Where an explainer's Markdown body is.
#[derive(Debug, Clone)]
pub enum BodySource {
    /// `corpus.explainers[n]`.
    File(usize),
    /// An inline section of `corpus.events[n]`.
    Section(usize, Section),
}

/// Explainer files and inline explainer sections of events, sorted by title. Returns
/// each explainer's body source alongside. `sections` holds each event file's sections.
pub fn explainers(
    corpus: &Corpus,
    static_files: &StaticFiles,
    sections: &[Vec<Section>],
    tags: &HashMap<String, usize>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Explainer>, Vec<BodySource>) {
    let docs = &corpus.explainers;
    let mut explainers: Vec<(Explainer, BodySource)> = docs
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            let raw = &doc.raw;
            check_id(doc, "explainer", diagnostics);
            check_not_blank(doc, "title", &raw.title, diagnostics);
            check_kind(doc, raw.kind.as_deref(), EXPLAINER_KINDS, diagnostics);
            check_language(doc, raw.language.as_deref(), diagnostics);
            let image = resolve_image(static_files, doc, raw.image.as_ref(), diagnostics);
            let explainer = Explainer {
                id: doc.id.clone(),
                file: doc.path.clone(),
                title: raw.title.trim().to_owned(),
                subject: raw.subject.clone(),
                aliases: raw.aliases.clone(),
                kind: raw.kind.clone(),
                language: raw.language.clone(),
                summary: raw.summary.clone().unwrap_or_default(),
                summary_html: Default::default(),
                summary_written: raw.summary.as_ref().is_some_and(|s| !s.is_empty()),
                draft: raw.draft,
                updated: raw
                    .updated
                    .as_ref()
                    .and_then(|u| parse_date(corpus, doc, "updated", &u.0, None, diagnostics)),
                // Checked once every link target is known: see `corrections.rs`.
                corrections: Vec::new(),
                tags: super::tag_indexes(tags, &raw.tags),
                image,
                body_html: Default::default(),
                extra: raw.extra.clone(),
                defined_in: None,
                mentioned_in: Vec::new(),
                links_to: Vec::new(),
            };
            (explainer, BodySource::File(n))
        })
        .collect();
    for (n, (doc, found)) in corpus.events.iter().zip(sections).enumerate() {
        for section in found {
            check_section_id(doc, section, diagnostics);
            let explainer = Explainer {
                id: section.id.clone(),
                file: doc.path.clone(),
                title: section.title.clone(),
                subject: crate::subject::subject_of(&section.title),
                aliases: Vec::new(),
                kind: None,
                language: doc.raw.language.clone(),
                // Filled from the rendered body.
                summary: String::new(),
                summary_html: Default::default(),
                summary_written: false,
                draft: false,
                updated: None,
                corrections: Vec::new(),
                tags: Vec::new(),
                image: None,
                body_html: Default::default(),
                extra: Default::default(),
                defined_in: None,
                mentioned_in: Vec::new(),
                links_to: Vec::new(),
            };
            explainers.push((explainer, BodySource::Section(n, section.clone())));
        }
    }
    check_unique_explainers(corpus, &explainers, diagnostics);
    explainers.sort_by(|(a, _), (b, _)| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    explainers.into_iter().unzip()
}

/// An inline explainer's id (`{#qasem-soleimani .explainer}`) becomes a URL
/// segment, as a file stem does: it must be a plain slug that fits in a folder name.
/// Reported at the heading.
fn check_section_id<T>(doc: &Doc<T>, section: &Section, diagnostics: &mut Diagnostics) {
    let problem = match crate::urls::segment_too_long("explainer id", &section.id) {
        Some((message, short)) => Some((
            message,
            format!(
                "{}: give the section a shorter id, such as `{{#{short} .explainer}}`",
                crate::urls::SEGMENT_LIMIT
            ),
        )),
        None if !crate::slug::is_valid(&crate::slug::nfc(&section.id)) => Some((
            format!("`{}` cannot be an explainer id", section.id),
            format!(
                "ids appear in URLs and are lower-case letters, digits and single hyphens: `{{#{} .explainer}}`",
                crate::slug::slugify(&section.id)
            ),
        )),
        None => None,
    };
    if let Some((message, help)) = problem {
        diagnostics.push(
            Diagnostic::at_offset(
                &doc.path,
                &doc.text,
                doc.body_offset + section.heading,
                message,
            )
            .with_help(Some(help)),
        );
    }
}

/// An explainer id defined twice — two files, two sections, or a file and a
/// section — is reported at the second place, naming the first.
fn check_unique_explainers(
    corpus: &Corpus,
    explainers: &[(Explainer, BodySource)],
    diagnostics: &mut Diagnostics,
) {
    let place = |source: &BodySource| -> (Diagnostic, String) {
        match source {
            BodySource::File(n) => {
                let doc = &corpus.explainers[*n];
                (Diagnostic::file(&doc.path, ""), display_path(&doc.path))
            }
            BodySource::Section(n, section) => {
                let doc = &corpus.events[*n];
                let d = Diagnostic::at_offset(
                    &doc.path,
                    &doc.text,
                    doc.body_offset + section.heading,
                    "",
                );
                let location = d.location();
                (d, format!("the section at {location}"))
            }
        }
    };
    let mut seen: HashMap<&str, &BodySource> = HashMap::default();
    for (explainer, source) in explainers {
        if let Some(first) = seen.insert(&explainer.id, source) {
            let (mut diagnostic, _) = place(source);
            let (_, first_place) = place(first);
            diagnostic.message = format!("the explainer `{}` is defined twice", explainer.id);
            diagnostic.help = Some(format!(
                "it is also defined by {first_place}; keep one, or give one a different id"
            ));
            diagnostics.push(diagnostic);
        }
    }
}

/// File stems become URL segments, so they must already be plain slugs, short
/// enough to be a folder name.
pub(super) fn check_id<T>(doc: &Doc<T>, what: &str, diagnostics: &mut Diagnostics) {
    if let Some((message, short)) = crate::urls::segment_too_long(&format!("{what} id"), &doc.id) {
        diagnostics.push(
            Diagnostic::file(&doc.path, format!("{message}; it comes from the file name"))
                .with_help(Some(format!(
                    "{}: rename the file to `{short}.md`",
                    crate::urls::SEGMENT_LIMIT
                ))),
        );
    } else if !crate::slug::is_valid(&doc.id) {
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

/// Reports that `key` is empty, at the key, when `value` is empty or only
/// whitespace; a value that could not be read was reported by `load`.
pub(super) fn check_not_blank<T>(
    doc: &Doc<T>,
    key: &str,
    value: &str,
    diagnostics: &mut Diagnostics,
) {
    if value.trim().is_empty() && !doc.unread(key) {
        diagnostics.push(doc.error_at_key(key, None, format!("`{key}` is empty")));
    }
}

fn check_kind<T>(doc: &Doc<T>, kind: Option<&str>, known: &[&str], diagnostics: &mut Diagnostics) {
    let Some(kind) = kind else { return };
    if !known.contains(&kind) {
        let help = crate::suggest::did_you_mean(kind, known.iter().copied())
            .unwrap_or_else(|| format!("use one of {}", known.join(", ")));
        diagnostics.push(
            doc.error_at_key("kind", Some(kind), format!("unknown kind `{kind}`"))
                .with_help(Some(help)),
        );
    }
}

/// Reports a front matter `language` that is not shaped like a BCP 47 tag (a
/// language written as a name, `Persian`, would reach `<html lang>`). SPEC §11.
pub(super) fn check_language<T>(
    doc: &Doc<T>,
    language: Option<&str>,
    diagnostics: &mut Diagnostics,
) {
    let Some(language) = language else { return };
    if !crate::i18n::is_tag(language) {
        diagnostics.push(
            doc.error_at_key(
                "language",
                Some(language),
                format!("`{language}` is not a BCP 47 language tag"),
            )
            .with_help(Some(crate::i18n::TAG_HELP)),
        );
    }
}

/// An image's `src` as every output spells it: an absolute URL as written (with
/// what can never stand in a URL escaped, [`urls::external`]), or the path of the
/// static file it names, percent-encoded ([`static_image`]). The error (message,
/// help) when it names no published file.
pub(super) fn image_src(static_files: &StaticFiles, src: &str) -> Result<String, (String, String)> {
    if is_absolute_url(src) {
        Ok(urls::external(src).into_owned())
    } else {
        static_image(static_files, src)
    }
}

/// A front matter `image` checked and its `src` spelled for output
/// ([`image_src`]), with its size in pixels: read from a static file's header, or
/// `width` and `height` as written for an absolute URL (or for an SVG that gives no
/// size of its own). `None`, with an error at the key, when it names no published
/// file; an error, and no size, when `width` and `height` are not given together or
/// disagree with the file's own; a warning, and the size written if any, when the
/// file's header cannot be read.
pub(super) fn resolve_image<T>(
    static_files: &StaticFiles,
    doc: &Doc<T>,
    image: Option<&RawImage>,
    diagnostics: &mut Diagnostics,
) -> Option<RawImage> {
    let image = image?;
    // Where load read it field by field (a TOML `[image]` table), at the field; else
    // at the field's value, found by its path.
    let at = |field: &str, value: &str, message: String| match doc.entry("image", 0) {
        Some(_) => doc.entry_error(("image", 0), Some(field), message),
        None if field == "src" => doc.error_at_key("image", Some(value), message),
        None => {
            use crate::load::locate::Step::Key;
            doc.error_at_path(&[Key("image"), Key(field)], message)
        }
    };
    let src = match image_src(static_files, &image.src) {
        Ok(src) => src,
        Err((message, help)) => {
            diagnostics.push(at("src", &image.src, message).with_help(Some(help)));
            return None;
        }
    };
    let written = match (image.width, image.height) {
        (Some(width), Some(height)) if width > 0 && height > 0 => Some(Size { width, height }),
        (None, None) => None,
        (width, height) => {
            let (field, value) = match (width, height) {
                (Some(0), _) | (Some(_), None) => ("width", width),
                _ => ("height", height),
            };
            let message = if value == Some(0) {
                format!("the image's `{field}` is 0")
            } else {
                format!("the image has a `{field}` but no `{}`", other(field))
            };
            diagnostics.push(at(field, &image.src, message).with_help(Some(
                "give `width` and `height` together, in pixels (`width: 1200`, `height: 800`), \
                 or neither"
                    .to_owned(),
            )));
            None
        }
    };
    let measured = if is_absolute_url(&image.src) {
        Ok(None)
    } else {
        measure(static_files, &image.src)
    };
    let size = match (measured, written) {
        (Err((message, help)), given) => {
            diagnostics.push(
                at("src", &image.src, message)
                    .with_help(Some(help))
                    .warning(),
            );
            given
        }
        (Ok(Some(file)), Some(given)) if file != given => {
            let message = format!(
                "the image's `width` and `height` say {} × {} pixels, but `{}` is {} × {}",
                given.width, given.height, image.src, file.width, file.height
            );
            diagnostics.push(
                at("width", &image.src, message).with_help(Some(
                    "leave `width` and `height` out: dateline reads the size of a static file \
                 from the file"
                        .to_owned(),
                )),
            );
            Some(file)
        }
        (Ok(file), given) => file.or(given),
    };
    Some(RawImage {
        src,
        width: size.map(|s| s.width),
        height: size.map(|s| s.height),
        ..image.clone()
    })
}

/// `height` for `width`, and the other way round.
fn other(field: &str) -> &'static str {
    if field == "width" { "height" } else { "width" }
}

/// The size of the published static file an image `src` (not an absolute URL)
/// names, read from its header ([`StaticFiles::image_size`]); `Ok(None)` when it names
/// no published file (that error is [`static_image`]'s) or gives no size.
///
/// # Errors
/// The file's header cannot be read: a message naming the file and saying what is
/// wrong with it, and a fix; callers warn with it, and show the image without a size.
pub fn measure(static_files: &StaticFiles, src: &str) -> Result<Option<Size>, (String, String)> {
    let Some(path) = static_files.find(src) else {
        return Ok(None);
    };
    static_files.image_size(path).map_err(|why| {
        let file = if static_files.is_site_file(path) {
            format!("static/{path}")
        } else {
            format!("the built-in theme's {path}")
        };
        (
            format!("cannot read the size of image `{file}`, so pages show it without one: {why}"),
            "save the image again from an image editor (JPEG, PNG, GIF, WebP, AVIF or SVG), \
             or replace the file"
                .to_owned(),
        )
    })
}

/// The help for an image `src` that names no published file.
pub const IMAGE_HELP: &str =
    "put the file under static/ and give its path there (`images/kerman.jpg`), or an absolute URL";

/// Whether an image `src` or link is an absolute URL (`https://`, `http://`) or
/// protocol-relative (`//`), so it is used as written instead of under `static/`.
pub fn is_absolute_url(src: &str) -> bool {
    src.starts_with("https://") || src.starts_with("http://") || src.starts_with("//")
}

/// The site path of the static file an image `src` that is not an absolute URL
/// names, percent-encoded for output ([`urls::static_file`]): `photos/crowd
/// scene.png`, `photos/crowd%20scene.png` and `/photos/crowd scene.png` all give
/// `photos/crowd%20scene.png` (see [`StaticFiles::find`] for how a path is read).
/// When listing the static files failed, `src` spelled as it is (that error says
/// what to fix).
///
/// # Errors
/// No published file has that name: a message and a fix, saying why when the file
/// was left out on purpose (hidden, an editor's backup, a system file).
pub fn static_image(static_files: &StaticFiles, src: &str) -> Result<String, (String, String)> {
    if let Some(path) = static_files.find(src) {
        return Ok(urls::static_file(path));
    }
    if static_files.failed() {
        return Ok(urls::static_file(src.trim_start_matches('/')));
    }
    let plain = |rel: &str| {
        !rel.is_empty()
            && !rel
                .split('/')
                .any(|s| s == ".." || s == "." || s.is_empty())
    };
    let left_out = urls::file_spellings(src).into_iter().find_map(|rel| {
        let (path, why) = static_files.left_out(&rel).filter(|_| plain(&rel))?;
        let path = path.to_owned();
        Some((rel.into_owned(), path, why))
    });
    let Some((rel, path, why)) = left_out else {
        return Err((format!("image `{src}` not found"), IMAGE_HELP.to_owned()));
    };
    let (reason, help) = match why {
        LeftOut::Hidden => (
            "hidden files and folders under static/ stay private".to_owned(),
            format!("to publish it, list it in dateline.toml: publish_hidden = [\"{rel}\"]"),
        ),
        LeftOut::EditorScratch => (
            format!(
                "static/{path} is named like an editor's backup or scratch file, which is never published"
            ),
            "rename the file (`photo.jpg`, not `photo.jpg~`) and give its new name here".to_owned(),
        ),
        LeftOut::System => (
            format!(
                "static/{path} is a version-control folder or system file, which is never published"
            ),
            "move the image elsewhere under static/ and give its path there".to_owned(),
        ),
    };
    Err((format!("image `{src}` is not published: {reason}"), help))
}

/// Parses a front matter date written under `key`. A time without an offset is read
/// in `zone` (the document's own), else the site's zone; it is shown in `zone`.
pub(super) fn parse_date<T>(
    corpus: &Corpus,
    doc: &Doc<T>,
    key: &str,
    text: &str,
    zone: Option<chrono_tz::Tz>,
    out: &mut Diagnostics,
) -> Option<Moment> {
    match Moment::parse(text, zone.or(corpus.config.timezone), zone) {
        Ok(moment) => Some(moment),
        Err(e) => {
            out.push(
                doc.error_at_key(key, Some(text), e.message)
                    .with_help(e.help),
            );
            None
        }
    }
}
