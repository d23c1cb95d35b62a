//! The HTML the body writer adds of its own: citation markers, alias links, claim
//! anchors on citing paragraphs and list items, background cards and figures (SPEC §4,
//! §9.1). Every tag and class the built-in theme styles on a body is spelled here and
//! nowhere else (docs/TEMPLATES.md lists the classes for theme authors).
//!
//! Each function takes text as it is (unescaped) and escapes what it puts in HTML. None
//! decides whether to write: that is the writer's job.

use crate::html::escape;

/// A citation marker (SPEC §4, "a citation marker linking to `/sources/reuters/`,
/// showing the source's `short`"): a link to the source page `url`, titled with its
/// `name`, showing `text`.
pub(super) fn citation_marker(url: &str, name: &str, text: &str) -> String {
    format!(
        "<a class=\"cite\" href=\"{}\" title=\"{}\">{}</a>",
        escape(url),
        escape(name),
        escape(text)
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

/// The id of the `n`th (from 1) citing paragraph or list item of a body, the target of
/// "read in context" links (SPEC §9.1, `#claim-N`).
pub(super) fn claim_anchor(n: usize) -> String {
    format!("claim-{n}")
}

/// A block that can carry a claim anchor: the paragraphs and list items that cite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// `<p>`.
    Paragraph,
    /// `<li>`.
    Item,
}

impl BlockKind {
    /// The block's opening tag with the id `anchor` (no line break).
    pub(super) fn start(self, anchor: &str) -> String {
        format!("<{} id=\"{anchor}\">", self.tag())
    }

    /// The block's closing tag and a line break, as pulldown-cmark ends blocks.
    pub(super) fn end(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "</p>\n",
            BlockKind::Item => "</li>\n",
        }
    }

    fn tag(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "p",
            BlockKind::Item => "li",
        }
    }
}

/// The background card that stands for an inline explainer section in an event page
/// (SPEC §4, `{#id .explainer}`): the explainer's `title` linking to `url`, its
/// `summary` (left out when empty) and a "Read the explainer" link. Ends in a line
/// break.
pub(super) fn explainer_card(url: &str, title: &str, summary: &str) -> String {
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!("  <p dir=\"auto\">{}</p>\n", escape(summary))
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
