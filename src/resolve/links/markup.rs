//! The HTML the body writer adds of its own: citation markers, alias links, claim
//! anchors on citing paragraphs, list items and table cells (a citing heading keeps
//! its markup and takes the anchor as its id), footnotes, background cards and
//! figures (SPEC §4, §9.1). Every tag and class the built-in theme styles on a body is spelled here and
//! nowhere else (docs/TEMPLATES.md lists the classes for theme authors).
//!
//! Each function takes text as it is (unescaped) and escapes what it puts in HTML. None
//! decides whether to write: that is the writer's job.

use crate::html::escape;

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
        "<div class=\"footnote-definition\" id=\"{FOOTNOTE_ID_PREFIX}{n}\"><sup class=\"footnote-definition-label\">{n}</sup>"
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
    /// The block's opening tag with the id `anchor` (no line break); a cell's as
    /// pulldown-cmark writes it, with its alignment. `None` for a heading, which
    /// keeps its markup and takes the anchor as its id.
    pub(super) fn start(self, anchor: &str) -> Option<String> {
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
        Some(format!("<{tag} id=\"{anchor}\"{style}>"))
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
/// `summary`, inline HTML (left out when empty), and a "Read the explainer" link.
/// Ends in a line break.
pub(super) fn explainer_card(url: &str, title: &str, summary: &str) -> String {
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!("  <p dir=\"auto\">{summary}</p>\n")
    };
    format!(
        "<aside class=\"card explainer-card\" aria-label=\"Background\">\n  <p class=\"card-kicker\">Background</p>\n  <h2 class=\"card-title\"><a href=\"{url}\" dir=\"auto\">{title}</a></h2>\n{summary}  <p class=\"more\"><a href=\"{url}\">Read the explainer</a></p>\n</aside>\n",
        url = escape(url),
        title = escape(title),
    )
}

/// A figure for an image alone in a paragraph (SPEC §4): the image at `src`, `alt` as
/// its alt text and caption, `credit` (the image's Markdown title) after the caption.
/// No caption when both are empty. Ends in a line break.
pub(super) fn figure(src: &str, alt: &str, credit: &str) -> String {
    let credit = if credit.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"credit\">{}</span>", escape(credit))
    };
    let caption = if alt.is_empty() && credit.is_empty() {
        String::new()
    } else {
        format!(
            "<figcaption><span dir=\"auto\">{}</span>{credit}</figcaption>",
            escape(alt)
        )
    };
    format!(
        "<figure><img src=\"{}\" alt=\"{}\">{caption}</figure>\n",
        escape(src),
        escape(alt)
    )
}
