//! Every block of a body takes its direction from its own text (SPEC §11, "`dir="auto"`
//! on every block of user text"): a Persian paragraph in an English event is read
//! right to left, and the English paragraphs after it left to right, each on its own,
//! instead of the whole body following its first strong letter.
//!
//! The pass runs over the events the writer wrote, just before they become HTML: the
//! opening tags of paragraphs, list items, block quotes, table cells (and definition
//! terms and details, should the dialect ever take them) are written here as
//! pulldown-cmark writes them, with ` dir="auto"`; headings keep their markup and
//! take `dir="auto"` among their attributes, after the id and classes the editor
//! gave them, unless the editor gave them a `dir` of their own (`{dir=rtl}`). Blocks
//! that cite are written by the writer with their anchors (`BlockKind::start`), which
//! carries the attribute too, and footnotes, figures and cards are spelled in
//! `markup.rs`.

use pulldown_cmark::{Alignment, BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::markup::BlockKind;

/// The attribute every block of user text carries.
pub(super) const DIR_AUTO: &str = " dir=\"auto\"";

/// `events` with every block's opening tag carrying `dir="auto"`, laid out as
/// pulldown-cmark lays them out (a line break before a block that does not start a
/// line), so the HTML differs from pulldown-cmark's only by the attribute.
pub(super) fn blocks_auto<'a>(events: Vec<Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut state = State::default();
    events.into_iter().map(move |event| state.write(event))
}

/// The blocks whose opening tag the pass writes itself.
#[derive(Clone, Copy)]
enum Block {
    P,
    Li,
    Dt,
    Dd,
}

/// What the pass must know of what was written before: whether the HTML so far ends a
/// line, and where it is in a table.
struct State {
    /// Whether the HTML written so far ends with a line break (pulldown-cmark's
    /// `end_newline`, which starts true).
    end_newline: bool,
    /// The alignments of the table's columns.
    alignments: Vec<Alignment>,
    /// Whether the table's head is open.
    head: bool,
    /// The cell of the row being written, from 0.
    cell: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            end_newline: true,
            alignments: Vec::new(),
            head: false,
            cell: 0,
        }
    }
}

impl State {
    /// The event to write in place of `event`, noting what it writes.
    fn write<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        let event = match event {
            Event::Start(Tag::Paragraph) => self.block(Block::P),
            Event::Start(Tag::Item) => self.block(Block::Li),
            Event::Start(Tag::DefinitionListTitle) => self.block(Block::Dt),
            Event::Start(Tag::DefinitionListDefinition) => self.block(Block::Dd),
            Event::Start(Tag::BlockQuote(kind)) => {
                let class = kind.map_or("", quote_class);
                Event::Html(
                    format!("{}<blockquote{class}{DIR_AUTO}>\n", self.break_before()).into(),
                )
            }
            Event::Start(Tag::TableCell) => {
                let kind = BlockKind::Cell {
                    head: self.head,
                    alignment: self.alignments.get(self.cell).copied(),
                };
                Event::Html(kind.start(None).unwrap_or_default().into())
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                mut attrs,
            }) => {
                if !attrs
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case("dir"))
                {
                    attrs.push((CowStr::Borrowed("dir"), Some(CowStr::Borrowed("auto"))));
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            event => event,
        };
        self.note(&event);
        event
    }

    /// A block's opening tag, `<{tag} dir="auto">`, on a line of its own: one of
    /// a few fixed strings, as every paragraph of every body takes one.
    fn block<'a>(&self, tag: Block) -> Event<'a> {
        let html = match (tag, self.end_newline) {
            (Block::P, true) => "<p dir=\"auto\">",
            (Block::P, false) => "\n<p dir=\"auto\">",
            (Block::Li, true) => "<li dir=\"auto\">",
            (Block::Li, false) => "\n<li dir=\"auto\">",
            (Block::Dt, true) => "<dt dir=\"auto\">",
            (Block::Dt, false) => "\n<dt dir=\"auto\">",
            (Block::Dd, true) => "<dd dir=\"auto\">",
            (Block::Dd, false) => "\n<dd dir=\"auto\">",
        };
        Event::Html(CowStr::Borrowed(html))
    }

    /// The line break pulldown-cmark writes before a block's opening tag: none when
    /// the HTML so far ends a line.
    fn break_before(&self) -> &'static str {
        if self.end_newline { "" } else { "\n" }
    }

    /// Notes what `event` writes: whether it ends a line (as pulldown-cmark's HTML
    /// writer writes it), and where in a table it leaves the writer.
    fn note(&mut self, event: &Event<'_>) {
        let ends_line = match event {
            Event::Text(text) => Some(text.ends_with('\n')),
            Event::Html(html) | Event::InlineHtml(html) => {
                (!html.is_empty()).then(|| html.ends_with('\n'))
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => {
                Some(true)
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => Some(false),
            Event::Start(tag) => match tag {
                Tag::HtmlBlock | Tag::MetadataBlock(_) => None,
                Tag::BlockQuote(_) | Tag::List(_) | Tag::DefinitionList => Some(true),
                Tag::Table(alignments) => {
                    self.alignments.clone_from(alignments);
                    Some(false)
                }
                Tag::TableHead => {
                    self.head = true;
                    self.cell = 0;
                    Some(false)
                }
                Tag::TableRow => {
                    self.cell = 0;
                    Some(false)
                }
                _ => Some(false),
            },
            Event::End(end) => match end {
                TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => None,
                TagEnd::TableCell => {
                    self.cell += 1;
                    Some(false)
                }
                TagEnd::TableHead => {
                    self.head = false;
                    Some(true)
                }
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link => Some(false),
                _ => Some(true),
            },
        };
        if let Some(ends_line) = ends_line {
            self.end_newline = ends_line;
        }
    }
}

/// The class pulldown-cmark gives a GitHub-style alert quote (` class="…"`).
fn quote_class(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => " class=\"markdown-alert-note\"",
        BlockQuoteKind::Tip => " class=\"markdown-alert-tip\"",
        BlockQuoteKind::Important => " class=\"markdown-alert-important\"",
        BlockQuoteKind::Warning => " class=\"markdown-alert-warning\"",
        BlockQuoteKind::Caution => " class=\"markdown-alert-caution\"",
    }
}

#[cfg(test)]
mod tests {
    use super::super::annotate;
    use super::super::fixtures::{event_mode, targets};
    use crate::config::Config;

    fn html(body: &str) -> String {
        let config = Config::default();
        let out = annotate(body, &targets(&config), &event_mode());
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        out.html.to_string()
    }

    #[test]
    fn every_paragraph_takes_its_own_direction() {
        assert_eq!(
            html("پلیس دو جاده را بست.\n\nPolice closed two roads.\n"),
            "<p dir=\"auto\">پلیس دو جاده را بست.</p>\n<p dir=\"auto\">Police closed two roads.</p>\n"
        );
    }

    #[test]
    fn headings_keep_their_ids_and_classes() {
        assert_eq!(
            html("## پیشینه {#background .wide}\n\n### Later\n\n## Kept {dir=ltr}\n"),
            "<h2 id=\"background\" class=\"wide\" dir=\"auto\">پیشینه</h2>\n<h3 dir=\"auto\">Later</h3>\n<h2 dir=\"ltr\">Kept</h2>\n"
        );
    }

    #[test]
    fn list_items_tight_and_loose_and_quotes() {
        assert_eq!(
            html("- یک\n- two\n\n1. one\n\n2. دو\n\n> نقل قول\n>\n> Quoted.\n"),
            "<ul>\n<li dir=\"auto\">یک</li>\n<li dir=\"auto\">two</li>\n</ul>\n\
             <ol>\n<li dir=\"auto\">\n<p dir=\"auto\">one</p>\n</li>\n<li dir=\"auto\">\n<p dir=\"auto\">دو</p>\n</li>\n</ol>\n\
             <blockquote dir=\"auto\">\n<p dir=\"auto\">نقل قول</p>\n<p dir=\"auto\">Quoted.</p>\n</blockquote>\n"
        );
    }

    #[test]
    fn table_cells_keep_their_alignment_and_cited_ones_their_anchor() {
        assert_eq!(
            html("| City | Toll |\n|:--|--:|\n| کرمان | 95 [@afp] |\n| Tehran | 0 |\n"),
            "<table><thead><tr><th dir=\"auto\" style=\"text-align: left\">City</th>\
             <th dir=\"auto\" style=\"text-align: right\">Toll</th></tr></thead><tbody>\n\
             <tr><td dir=\"auto\" style=\"text-align: left\">کرمان</td>\
             <td id=\"claim-1\" dir=\"auto\" style=\"text-align: right\">95 \
             <a class=\"cite\" href=\"/sources/afp/\" title=\"Agence France-Presse\">AFP</a></td></tr>\n\
             <tr><td dir=\"auto\" style=\"text-align: left\">Tehran</td>\
             <td dir=\"auto\" style=\"text-align: right\">0</td></tr>\n</tbody></table>\n"
        );
    }

    #[test]
    fn cited_paragraphs_and_footnotes() {
        assert_eq!(
            html("دو انفجار [@afp].\n\nA note.[^n]\n\n[^n]: یادداشت\n"),
            "<p id=\"claim-1\" dir=\"auto\">دو انفجار \
             <a class=\"cite\" href=\"/sources/afp/\" title=\"Agence France-Presse\">AFP</a>.</p>\n\
             <p dir=\"auto\">A note.<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup></p>\n\
             <div class=\"footnote-definition\" id=\"fn-1\" dir=\"auto\">\
             <sup class=\"footnote-definition-label\">1</sup>\n<p dir=\"auto\">یادداشت</p>\n</div>\n"
        );
    }

    #[test]
    fn raw_html_is_left_as_written() {
        assert_eq!(
            html("<div class=\"box\">\n\nInside.\n\n</div>\n"),
            "<div class=\"box\">\n<p dir=\"auto\">Inside.</p>\n</div>\n"
        );
    }
}
