//! The HTML the body writer adds of its own: citation markers, alias links, claim
//! anchors on citing paragraphs, list items and table cells (a citing heading keeps
//! its markup and takes the anchor as its id), footnotes, background cards and
//! figures (SPEC §4, §9.1). Every tag and class the built-in theme styles on a body is spelled here and
//! nowhere else (docs/TEMPLATES.md lists the classes for theme authors).
//!
//! Each function takes text as it is (unescaped) and escapes what it puts in HTML. None
//! decides whether to write: that is the writer's job.

use super::direction::DIR_AUTO;
use crate::html::escape;
use crate::load::image_size::Size;

/// A citation marker (SPEC §4, "a citation marker linking to `/sources/reuters/`,
/// showing the source's `short`"): a link to the source page `url`, showing `short`,
/// titled with the source's `name`. With an attribution `note` (SPEC §9.2), the note
/// follows the name in the tooltip and the short name in the accessible label, which
/// so starts with the text shown (WCAG 2.5.3, label in name):
/// `aria-label="Reuters, quoting Kerman Red Crescent"`.
pub(super) fn citation_marker(
    url: &str,
    (name, short): (&str, &str),
    note: Option<&str>,
) -> String {
    match note {
        None => format!(
            "<a class=\"cite\" href=\"{}\" title=\"{}\">{}</a>",
            escape(url),
            escape(name),
            escape(short)
        ),
        Some(note) => format!(
            "<a class=\"cite\" href=\"{}\" title=\"{}, {note}\" aria-label=\"{}, {note}\">{}</a>",
            escape(url),
            escape(name),
            escape(short),
            escape(short),
            note = escape(note),
        ),
    }
}

/// The opening tag of a citation written as a link in the editor's words (SPEC §4,
/// `[as per Reuters](source:reuters)`): to the source page `url`, titled `title` (the
/// source's name, unless the editor gave the link a title), classed `cite-link` so it
/// looks like a citation, not like a link to read on. Its text follows; pulldown-cmark
/// closes it with `</a>` as any link.
pub(super) fn citation_link_start(url: &str, title: &str) -> String {
    format!(
        "<a class=\"cite-link\" href=\"{}\" title=\"{}\">",
        escape(url),
        escape(title)
    )
}

/// The opening tag of an alias link (SPEC §4, auto-links to explainers) to `url`;
/// the mention's text follows as Markdown text, then [`ALIAS_LINK_END`].
pub(super) fn alias_link_start(url: &str) -> String {
    format!("<a class=\"alias\" href=\"{}\">", escape(url))
}

/// The closing tag of an alias link.
pub(super) const ALIAS_LINK_END: &str = "</a>";

/// The markers of one citation (each from [`citation_marker`]), as one piece of HTML:
/// joined by a space.
pub(super) fn citation_markers(markers: &[String]) -> String {
    markers.join(" ")
}

/// What starts the id of a claim anchor; a number follows.
pub(super) const CLAIM_ID_PREFIX: &str = "claim-";

/// What starts the id of a footnote; its number follows.
pub(super) const FOOTNOTE_ID_PREFIX: &str = "fn-";

/// The id of the `n`th (from 1) citing paragraph or list item of a body, the target of
/// "read in context" links (SPEC §9.1, `#claim-N`).
pub(super) fn claim_anchor(n: usize) -> String {
    format!("{CLAIM_ID_PREFIX}{n}")
}

/// A reference to the footnote numbered `n` (from 1, in order of first use): its
/// number, linking to the note. pulldown-cmark's markup, with a numbered id in place
/// of the label the editor wrote, which could be any id.
pub(super) fn footnote_reference(n: usize) -> String {
    format!("<sup class=\"footnote-reference\"><a href=\"#{FOOTNOTE_ID_PREFIX}{n}\">{n}</a></sup>")
}

/// The opening of the note numbered `n`, its number first; [`FOOTNOTE_END`] closes it.
pub(super) fn footnote_start(n: usize) -> String {
    format!(
        "<div class=\"footnote-definition\" id=\"{FOOTNOTE_ID_PREFIX}{n}\"{DIR_AUTO}><sup class=\"footnote-definition-label\">{n}</sup>"
    )
}

/// The end of a note, and a line break, as pulldown-cmark writes it.
pub(super) const FOOTNOTE_END: &str = "</div>\n";

/// A block that can carry a claim anchor: the paragraphs, list items and table
/// cells that cite (SPEC §9.1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum BlockKind {
    /// `<p>`.
    Paragraph,
    /// `<li>`.
    Item,
    /// `<th>` in a table's head, else `<td>`, with its column's alignment.
    Cell {
        head: bool,
        alignment: Option<pulldown_cmark::Alignment>,
    },
    /// A heading: its start event keeps its markup and takes the anchor as its id
    /// (unless the editor gave it one, which claims then link to).
    Heading,
}

impl BlockKind {
    /// The block's opening tag (no line break), with the id `anchor` when it has one
    /// and `dir="auto"`, so it takes its direction from its own text (SPEC §11); a
    /// cell's as pulldown-cmark writes it, with its alignment:
    /// `<td id="claim-2" dir="auto" style="text-align: right">`. `None` for a
    /// heading, which keeps its markup and takes the anchor as its id.
    pub(super) fn start(self, anchor: Option<&str>) -> Option<String> {
        use pulldown_cmark::Alignment;
        let (tag, style) = match self {
            BlockKind::Paragraph => ("p", ""),
            BlockKind::Heading => return None,
            BlockKind::Item => ("li", ""),
            BlockKind::Cell { head, alignment } => (
                if head { "th" } else { "td" },
                match alignment {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    Some(Alignment::None) | None => "",
                },
            ),
        };
        let id = anchor.map_or_else(String::new, |anchor| format!(" id=\"{anchor}\""));
        Some(format!("<{tag}{id}{DIR_AUTO}{style}>"))
    }

    /// The block's closing tag and a line break, as pulldown-cmark ends blocks;
    /// `None` for a cell, whose end event is written as is (pulldown-cmark counts
    /// the cells of a row by it), and for a heading, which keeps its markup.
    pub(super) fn end(self) -> Option<&'static str> {
        match self {
            BlockKind::Paragraph => Some("</p>\n"),
            BlockKind::Item => Some("</li>\n"),
            BlockKind::Cell { .. } | BlockKind::Heading => None,
        }
    }
}

/// The background card that stands for an inline explainer section in an event page
/// (SPEC §4, `{#id .explainer}`): the explainer's `title` linking to `url`, its
/// `summary`, inline HTML (left out when empty), and a link to read the explainer,
/// in `words` (`Background`, `Read the explainer`). Ends in a line break.
pub(super) fn explainer_card(
    url: &str,
    title: &str,
    summary: &str,
    words: &super::BodyWords<'_>,
) -> String {
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!("  <p dir=\"auto\">{summary}</p>\n")
    };
    format!(
        "<aside class=\"card explainer-card\" aria-label=\"{background}\">\n  <p class=\"card-kicker\">{background}</p>\n  <h2 class=\"card-title\" dir=\"auto\"><a href=\"{url}\">{title}</a></h2>\n{summary}  <p class=\"more\"><a href=\"{url}\">{more}</a></p>\n</aside>\n",
        url = escape(url),
        title = escape(title),
        background = escape(words.background),
        more = escape(words.read_more),
    )
}

/// A figure for an image alone in a paragraph (SPEC §4): the image at `src`, `alt` as
/// its alt text and its caption, `credit` (the image's Markdown title) after the
/// caption, set apart and labelled by `photo_credit` ([`credit`]); `width` and `height` from `size` when known,
/// loaded lazily unless `first` (the body opens with it, so on a page without a lead
/// image it may be the largest thing on the first screen). The caption repeats the alt
/// text, so it is hidden from screen readers, which read the alt text: no one hears
/// it twice. No caption when both are empty. Ends in a line break.
pub(super) fn figure(
    src: &str,
    alt: &str,
    credit_text: &str,
    (size, first): (Option<Size>, bool),
    photo_credit: &str,
) -> String {
    let mut caption = String::new();
    if !alt.is_empty() {
        caption.push_str(&format!(
            "<span class=\"caption\" aria-hidden=\"true\">{}</span>",
            escape(alt)
        ));
    }
    if !credit_text.is_empty() {
        if !caption.is_empty() {
            caption.push(' ');
        }
        caption.push_str(&credit(credit_text, photo_credit));
    }
    let caption = if caption.is_empty() {
        caption
    } else {
        format!("<figcaption{DIR_AUTO}>{caption}</figcaption>")
    };
    format!(
        "<figure><img src=\"{}\" alt=\"{}\"{}{}>{caption}</figure>\n",
        escape(src),
        escape(alt),
        size_attributes(size),
        if first { EAGER } else { LAZY },
    )
}

/// An image in running text (not alone in a paragraph): at `src`, with `alt` and,
/// when not empty, `title` as its tooltip; `width` and `height` from `size` when
/// known, loaded lazily.
pub(super) fn image(src: &str, alt: &str, title: &str, size: Option<Size>) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    format!(
        "<img src=\"{}\" alt=\"{}\"{title}{}{LAZY}>",
        escape(src),
        escape(alt),
        size_attributes(size),
    )
}

/// What every body image carries: the browser fetches it as it nears the screen and
/// decodes it off the main thread. A page's lead image, at its top, is fetched first
/// instead (`fetchpriority="high"` in the templates).
const LAZY: &str = " loading=\"lazy\" decoding=\"async\"";

/// What a figure that opens a body carries instead of [`LAZY`]: fetched at once.
const EAGER: &str = " decoding=\"async\"";

/// ` width="…" height="…"` for an image of `size`; empty when it is not known.
fn size_attributes(size: Option<Size>) -> String {
    size.map_or_else(String::new, |Size { width, height }| {
        format!(" width=\"{width}\" height=\"{height}\"")
    })
}

/// A figure's credit, as a caption shows it: `<span class="credit">`, in the words
/// of `photo_credit` (`Photo: {credit}`) unless the credit says what it is
/// ([`says_what_it_is`]).
fn credit(credit: &str, photo_credit: &str) -> String {
    let text = if says_what_it_is(credit) {
        escape(credit)
    } else {
        crate::i18n::strings::fill_in(&escape(photo_credit), &[("credit", &escape(credit))])
    };
    format!("<span class=\"credit\" dir=\"auto\">{text}</span>")
}

/// Whether an image's `credit` says what it is, so that a caption puts no word
/// before it (as newsroom style writes "Photo: Atta Kenare/AFP"): it starts with a
/// label and a colon, one to three words (`Illustration: …`, `Photo illustration:
/// …`, `عکس: …`), or with a word that names a kind of picture or where it came from
/// (`Illustration for this timeline`, `Handout photo`, `Courtesy of…`,
/// `Screenshot…`).
pub fn says_what_it_is(credit: &str) -> bool {
    const SAYS_WHAT_IT_IS: &[&str] = &[
        "photo",
        "photos",
        "photograph",
        "photographs",
        "photography",
        "picture",
        "image",
        "images",
        "illustration",
        "illustrations",
        "drawing",
        "painting",
        "map",
        "maps",
        "graphic",
        "graphics",
        "chart",
        "diagram",
        "screenshot",
        "screengrab",
        "video",
        "still",
        "satellite",
        "handout",
        "courtesy",
        "file",
        "archive",
        "credit",
        "source",
    ];
    let labelled = credit.split_once(':').is_some_and(|(label, rest)| {
        let words: Vec<&str> = label.split_whitespace().collect();
        !rest.trim().is_empty()
            && (1..=3).contains(&words.len())
            && label.chars().count() <= 30
            && words.iter().all(|w| w.chars().all(char::is_alphabetic))
    });
    let first = credit
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    labelled || SAYS_WHAT_IT_IS.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_a_credit_unless_it_has_a_label() {
        assert!(!says_what_it_is("ATTA KENARE / AFP"));
        assert!(!says_what_it_is("AFP/Getty Images"));
        assert!(says_what_it_is("Illustration: Sara Ahmadi"));
        assert!(says_what_it_is("Photo illustration: desk"));
        assert!(says_what_it_is("عکس: ایرنا"));
        // Not a label: a time, a sentence, nothing after the colon.
        assert!(!says_what_it_is("Reuters, 14:50"));
        assert!(!says_what_it_is("Family of the victim, via AP: 2024"));
        // `Photo:` with nothing after it is a label with nothing to label, but
        // starts with a word that says what it is.
        assert!(says_what_it_is("Photo:"));
        assert!(says_what_it_is("ILLUSTRATION FOR THIS TIMELINE"));
        assert!(says_what_it_is("Handout photo from IRNA"));
        assert!(says_what_it_is("Courtesy of the family"));
        assert!(!says_what_it_is("Photographer unknown"));
    }

    #[test]
    fn a_card_takes_its_direction_from_its_title_and_summary() {
        assert_eq!(
            explainer_card(
                "/explainers/quds/",
                "نیروی قدس",
                "<em>Iran's</em> foreign arm.",
                &super::super::BodyWords::default(),
            ),
            "<aside class=\"card explainer-card\" aria-label=\"Background\">\n  \
             <p class=\"card-kicker\">Background</p>\n  \
             <h2 class=\"card-title\" dir=\"auto\"><a href=\"/explainers/quds/\">نیروی قدس</a></h2>\n  \
             <p dir=\"auto\"><em>Iran's</em> foreign arm.</p>\n  \
             <p class=\"more\"><a href=\"/explainers/quds/\">Read the explainer</a></p>\n</aside>\n"
        );
    }

    #[test]
    fn a_cell_and_a_cited_paragraph_start_with_dir_auto() {
        let cell = BlockKind::Cell {
            head: true,
            alignment: Some(pulldown_cmark::Alignment::Center),
        };
        assert_eq!(
            cell.start(None).as_deref(),
            Some("<th dir=\"auto\" style=\"text-align: center\">")
        );
        assert_eq!(
            BlockKind::Paragraph.start(Some("claim-3")).as_deref(),
            Some("<p id=\"claim-3\" dir=\"auto\">")
        );
        assert_eq!(BlockKind::Heading.start(Some("claim-3")), None);
    }

    #[test]
    fn figure_keeps_alt_text_from_screen_readers_twice() {
        let size = Some(Size {
            width: 1200,
            height: 800,
        });
        assert_eq!(
            figure(
                "/a.jpg",
                "Mourners",
                "Atta Kenare/AFP",
                (size, false),
                "Photo: {credit}"
            ),
            "<figure><img src=\"/a.jpg\" alt=\"Mourners\" width=\"1200\" height=\"800\" loading=\"lazy\" decoding=\"async\"><figcaption dir=\"auto\"><span class=\"caption\" aria-hidden=\"true\">Mourners</span> <span class=\"credit\" dir=\"auto\">Photo: Atta Kenare/AFP</span></figcaption></figure>\n"
        );
        assert_eq!(
            figure("/a.svg", "", "", (None, true), "Photo: {credit}"),
            "<figure><img src=\"/a.svg\" alt=\"\" decoding=\"async\"></figure>\n"
        );
    }
}
