//! Annotations in Markdown bodies: citations, explicit links, wikilinks, alias links,
//! inline explainer cards and figures (SPEC §4).
//!
//! [`annotate`] renders one body to HTML while resolving every annotation against the
//! [`Targets`] — the ids, names and URLs of everything a body may point at — and
//! reports what it found: the claims it cited, the explainers and events it mentions,
//! and the problems, each with its byte offset in the body. It never touches other
//! documents; `resolve` turns findings into backlinks and problems into diagnostics.
//!
//! One file per job:
//!
//! - `targets.rs`: the link target index; what an id, a link or a wikilink points at,
//!   and the error when it points at nothing;
//! - `writer.rs`: the Markdown rewriter, one walk over a body's events;
//! - `citations.rs`: `[@id]` citations, their markers and the claims they record;
//! - `alias_links.rs`: plain-text mentions of explainers made links;
//! - `ids.rs`: the ids a body holds, written by the editor or generated, kept unique;
//! - `markup.rs`: the HTML the rewriter writes of its own (markers, cards, figures);
//! - `text.rs`: words, and the plain text of events (summaries, excerpts).

mod alias_links;
mod citations;
mod direction;
mod ids;
mod markup;
mod notes;
mod targets;
mod text;
mod writer;

use std::ops::Range;

use crate::site::Cited;

pub use ids::{generated_id_kind, report_anchor};
pub use markup::says_what_it_is;
pub use targets::{Entry, Names, Target, Targets};

/// A problem in a body, at a byte offset of the text given to [`annotate`]. `resolve`
/// turns it into a diagnostic at its line and column in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    /// Byte offset in the annotated text of what is wrong (the link or citation).
    pub offset: usize,
    /// What is wrong, naming what was written: "unknown source `afpp`".
    pub message: String,
    /// What to do about it, often the nearest ids or names. With [`Self::also`],
    /// `{line}` in it stands for that place's line in the file.
    pub help: Option<String>,
    /// Byte offset in the annotated text of another place the problem involves (the
    /// first use of an id used twice), named by its line in the help.
    pub also: Option<usize>,
    /// Only a warning: the page is built as well as it can be (an image whose size
    /// cannot be read is shown without one).
    pub warning: bool,
}

/// One body rendered, and what it refers to.
#[derive(Debug, Default, Clone)]
pub struct Annotated {
    /// The body as HTML.
    pub html: std::sync::Arc<str>,
    /// The first paragraph with text, as plain text (the default summary; SPEC §2.1).
    pub first_paragraph: String,
    /// Claims, in body order (SPEC §9.1); empty unless [`Mode::claims`].
    pub citations: Vec<Cited>,
    /// Explainers linked in any way, in order of first mention.
    pub explainers: Vec<usize>,
    /// Events linked, in order of first mention.
    pub events: Vec<usize>,
    /// Unknown ids, ambiguous or unknown wikilinks, bad citations and images, ids
    /// written twice or in the form of generated ones.
    pub problems: Vec<BodyError>,
    /// The ids the editor wrote (on headings, in raw HTML), each once, with the byte
    /// offset of where it is written: render checks them against the page layout's.
    pub ids: Vec<(String, usize)>,
    /// What the body was annotated from (text, link targets, mode) when `serve`
    /// remembers bodies, else 0: two bodies with one print have the same HTML,
    /// citations and links, so `serve` compares prints, not HTML.
    pub print: u64,
}

/// How a body is annotated.
#[derive(Default)]
pub struct Mode<'s> {
    /// Record claims and anchor citing paragraphs (event bodies).
    pub claims: bool,
    /// Link the first mention of each explainer's subject or alias (event bodies).
    pub autolink: bool,
    /// Inline explainer sections to replace with background cards: body range and
    /// explainer index.
    pub cards: &'s [(Range<usize>, usize)],
    /// The reports of the event (SPEC §9.3), which citations name by their id, or by
    /// their source's id when it has one report here.
    pub reports: &'s [crate::site::Report],
    /// Read inline raw HTML as the text it is written as (summaries, which were
    /// plain text before they were Markdown: `for <weeks>` stays those words).
    pub html_as_text: bool,
    /// The words the body writer puts in of its own, in the language of the page
    /// the body is on (English by default).
    pub words: BodyWords<'s>,
}

/// The words a body writer puts into a page of its own, from the translation table
/// of the page's language (SPEC §11): the background card's and an image credit's.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub struct BodyWords<'s> {
    /// A background card's kicker and accessible name: `background`.
    pub background: &'s str,
    /// A background card's link to its explainer: `explainer_card.more`.
    pub read_more: &'s str,
    /// An image credit with its label, `{credit}` standing for the credit:
    /// `photo_credit`.
    pub photo_credit: &'s str,
}

impl<'s> BodyWords<'s> {
    /// The words of `table`.
    pub fn of(table: &'s crate::i18n::strings::Table) -> BodyWords<'s> {
        BodyWords {
            background: table.text("background"),
            read_more: table.text("explainer_card.more"),
            photo_credit: table.text("photo_credit"),
        }
    }
}

impl Default for BodyWords<'_> {
    /// The built-in English words.
    fn default() -> Self {
        static ENGLISH: std::sync::LazyLock<std::sync::Arc<crate::i18n::strings::Table>> =
            std::sync::LazyLock::new(|| crate::i18n::strings::Words::builtin().english());
        BodyWords::of(&ENGLISH)
    }
}

/// Renders `body` (Markdown, without front matter) to HTML with every annotation of
/// SPEC §4 resolved against `targets`, as `mode` says. Never fails: problems come back
/// in [`Annotated::problems`] and the HTML is written around them.
pub fn annotate(body: &str, targets: &Targets<'_>, mode: &Mode<'_>) -> Annotated {
    let events = writer::parse(body, mode);
    let mut writer = writer::Writer::new(body, (targets, mode), &events);
    writer.run(events);
    writer.finish(body.len() + body.len() / 4)
}

/// What the tests of the files here annotate against.
#[cfg(test)]
mod fixtures {
    use super::{Entry, Mode, Targets};
    use crate::config::Config;
    use crate::load::site_files::StaticFiles;

    /// One explainer, `kataib` (alias "Kata'ib Hezbollah"), and one source, `afp`.
    pub(super) fn targets(config: &Config) -> Targets<'_> {
        let entry = |id: &str, url: &str, title: &str, marker: &str, summary: &str| Entry {
            id: id.into(),
            url: url.into(),
            title: title.into(),
            marker: marker.into(),
            summary: summary.into(),
        };
        static BUILTIN: std::sync::OnceLock<StaticFiles> = std::sync::OnceLock::new();
        Targets::new(
            config,
            BUILTIN.get_or_init(StaticFiles::builtin),
            [
                vec![],
                vec![entry(
                    "kataib",
                    "/explainers/kataib/",
                    "Kata'ib Hezbollah",
                    "",
                    "",
                )],
                vec![entry(
                    "afp",
                    "/sources/afp/",
                    "Agence France-Presse",
                    "AFP",
                    "",
                )],
            ],
            vec![],
            vec![("Kata'ib Hezbollah".into(), 0)],
        )
    }

    /// The mode of event bodies.
    pub(super) fn event_mode() -> Mode<'static> {
        Mode {
            claims: true,
            autolink: true,
            cards: &[],
            reports: &[],
            html_as_text: false,
            words: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::annotate;
    use super::fixtures::{event_mode, targets};
    use crate::config::Config;

    #[test]
    fn summary_skips_a_lone_image_and_citation_markers() {
        let config = Config::default();
        let out = annotate(
            "![Mourners](https://x/a.jpg)\n\nCrowds gather, it says [@afp]. More.\n",
            &targets(&config),
            &event_mode(),
        );
        assert_eq!(out.first_paragraph, "Crowds gather, it says. More.");
        assert!(out.html.contains("<figure>"));
    }
}
