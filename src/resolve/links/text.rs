//! Text helpers for annotating bodies: words and word boundaries (alias links match
//! whole words), and the plain text of a run of Markdown events (summaries, claim
//! excerpts, figure captions), with whitespace collapsed and citations left out.
//!
//! Nothing here resolves a link or writes HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::citations::CITE;

/// Letters, digits, combining marks and joiners continue a word; anything else ends it.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric()
        || c == '_'
        || matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x200C | 0x200D)
}

/// The leading run of word characters of `text` (empty if it starts with another).
pub(super) fn first_word(text: &str) -> &str {
    let end = text.find(|c| !is_word_char(c)).unwrap_or(text.len());
    &text[..end]
}

/// The words of a text with their byte offsets: maximal runs of word characters.
pub(super) struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Words<'t> {
    /// The words of `text`, from its start.
    pub(super) fn new(text: &'t str) -> Self {
        Words { text, at: 0 }
    }

    /// The next word and its byte offset in the text, or `None` at the end.
    pub(super) fn next(&mut self) -> Option<(usize, &'t str)> {
        let start = self.at + self.text[self.at..].find(is_word_char)?;
        let word = first_word(&self.text[start..]);
        self.at = start + word.len();
        Some((start, word))
    }
}

/// Whether `text[start..end]` is whole words: no word character just before `start`
/// or just after `end` (byte offsets on character boundaries).
pub(super) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// One piece of a run of events read by [`plain_text`].
#[derive(Clone, Copy)]
pub(super) enum Piece<'e, 'a> {
    /// A Markdown event, as parsed or as written.
    Event(&'e Event<'a>),
    /// Citation markers the writer wrote in place of a citation (one raw HTML event):
    /// no text, and the space before them goes too.
    Marker,
}

/// The readable text of events, whitespace collapsed: citations (as links or as
/// rendered markers), image alt texts and nested lists are left out.
pub(super) fn plain_text<'e, 'a: 'e>(pieces: impl IntoIterator<Item = Piece<'e, 'a>>) -> String {
    let mut text = String::new();
    let mut skip = 0usize; // inside a citation, an image or a nested list
    for piece in pieces {
        let event = match piece {
            Piece::Marker => {
                text.truncate(text.trim_end().len());
                continue;
            }
            Piece::Event(event) => event,
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE) => {
                text.truncate(text.trim_end().len());
                skip += 1;
            }
            Event::Start(Tag::Image { .. } | Tag::List(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::List(_)) => skip = skip.saturating_sub(1),
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            _ if skip > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                text.push(' ')
            }
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// The pieces of events as parsed (which hold no rendered markers), for [`plain_text`].
pub(super) fn parsed<'e, 'a>(
    events: &'e [(Event<'a>, Range<usize>)],
) -> impl Iterator<Item = Piece<'e, 'a>> {
    events.iter().map(|(event, _)| Piece::Event(event))
}

/// `text` with runs of whitespace made one space, and none at either end.
pub(super) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first top-level paragraph with readable text (a lone image is skipped), as
/// plain text without citation markers: the summary of a body that has none in front
/// matter (SPEC §2.1, §2.3). Empty if there is none.
pub(super) fn first_paragraph(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut depth = 0usize;
    let mut start = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => start = Some(i + 1),
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                let text = plain_text(parsed(&events[start.unwrap_or(i)..i]));
                if !text.is_empty() {
                    return text;
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    String::new()
}
