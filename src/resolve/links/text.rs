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

/// What a byte is to [`is_word_char`]: 1 for an ASCII letter, digit or `_`, 0 for
/// any other ASCII byte, 2 for a byte of a character beyond ASCII, which only the
/// character can tell. One load per byte, for the alias links that look at every
/// word of every body.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if byte >= 0x80 {
            2
        } else if byte.is_ascii_alphanumeric() || byte == b'_' {
            1
        } else {
            0
        };
        b += 1;
    }
    class
};

/// The leading run of word characters of `text` (empty if it starts with another).
pub(super) fn first_word(text: &str) -> &str {
    // ASCII byte by byte; from the first other character on, by characters.
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() && BYTE_CLASS[usize::from(bytes[end])] == 1 {
        end += 1;
    }
    if end == bytes.len() || BYTE_CLASS[usize::from(bytes[end])] == 0 {
        return &text[..end];
    }
    let rest = &text[end..];
    end += rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
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
        let bytes = self.text.as_bytes();
        // ASCII byte by byte, up to the first word byte or other character.
        let mut start = self.at;
        while start < bytes.len() && BYTE_CLASS[usize::from(bytes[start])] == 0 {
            start += 1;
        }
        if start == bytes.len() {
            self.at = start;
            return None;
        }
        if BYTE_CLASS[usize::from(bytes[start])] == 2 {
            start += self.text[start..].find(is_word_char)?;
        }
        let word = first_word(&self.text[start..]);
        self.at = start + word.len();
        Some((start, word))
    }
}

/// The length in bytes of a mention of `alias` at byte `at` of `text`, if there is
/// one: the alias as written, except that each space in it matches any run of
/// whitespace — spaces, tabs, the line break of a hard-wrapped paragraph, no-break
/// spaces — and that the text is read folded ([`crate::fold::prefix`]: `سليماني`
/// is a mention of `سلیمانی`, `می‌رود` of `میرود`). `alias` has its whitespace
/// collapsed to single spaces ([`collapse_whitespace`]) and is folded.
pub(super) fn alias_at(text: &str, at: usize, alias: &str) -> Option<usize> {
    let mut end = at;
    for (n, part) in alias.split(' ').enumerate() {
        let rest = &text[end..];
        if n > 0 {
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 {
                return None;
            }
            end += gap;
        }
        end += crate::fold::prefix(&text[end..], part)?;
    }
    Some(end - at)
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
    plain_text_at(pieces, &[]).0
}

/// [`plain_text`], and where in it the pieces numbered `at` (ascending, from 0)
/// were: for each, the byte offset of the text that follows it. A marker's offset
/// is just after the text before it (the space before a marker goes); another
/// piece's offset may fall on the space before the text that follows it.
pub(super) fn plain_text_at<'e, 'a: 'e>(
    pieces: impl IntoIterator<Item = Piece<'e, 'a>>,
    at: &[usize],
) -> (String, Vec<usize>) {
    let mut text = Collapsed::default();
    let mut offsets = Vec::with_capacity(at.len());
    let mut at = at.iter().copied().peekable();
    let mut skip = 0usize; // inside a citation, an image or a nested list
    for (n, piece) in pieces.into_iter().enumerate() {
        let event = match piece {
            Piece::Marker => {
                text.drop_space();
                while at.next_if_eq(&n).is_some() {
                    offsets.push(text.text.len());
                }
                continue;
            }
            Piece::Event(event) => event,
        };
        while at.next_if_eq(&n).is_some() {
            offsets.push(text.text.len());
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE) => {
                text.drop_space();
                skip += 1;
            }
            Event::Start(Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::Image) => skip = skip.saturating_sub(1),
            // Blocks nested in a list item are blocks of their own.
            Event::Start(
                Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_),
            ) => skip += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Heading(_)
                | TagEnd::Table
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition,
            ) => {
                skip = skip.saturating_sub(1);
                text.space();
            }
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            _ if skip > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => text.space(),
            _ => {}
        }
    }
    (text.text, offsets)
}

/// Text being collected with runs of whitespace made one space, and none at either
/// end.
#[derive(Default)]
struct Collapsed {
    text: String,
    /// Whitespace was met after the last character written: a space is due before
    /// the next one.
    space: bool,
}

impl Collapsed {
    fn push(&mut self, piece: &str) {
        if !piece.is_ascii() {
            let mut words = piece.split(char::is_whitespace);
            if let Some(first) = words.next() {
                self.word(first);
            }
            for word in words {
                self.space = !self.text.is_empty();
                self.word(word);
            }
            return;
        }
        // ASCII, byte by byte: the whitespace `char::is_whitespace` knows there.
        let mut start = 0;
        for (i, b) in piece.bytes().enumerate() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
                self.word(&piece[start..i]);
                self.space = !self.text.is_empty();
                start = i + 1;
            }
        }
        self.word(&piece[start..]);
    }

    /// A run of characters with no whitespace in it, after the space due.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if std::mem::take(&mut self.space) {
            self.text.push(' ');
        }
        self.text.push_str(word);
    }

    fn space(&mut self) {
        self.space = !self.text.is_empty();
    }

    /// Forgets the space due: what comes next sticks to the text before it.
    fn drop_space(&mut self) {
        self.space = false;
    }
}

/// The sentence of `text` that holds byte `byte` (a character boundary), as a byte
/// range: by Unicode sentence boundaries (UAX #29), but for a break after a common
/// abbreviation or an initial (`Gen. Qasem`, `Donald J. Trump`, `U.S. officials`),
/// as ICU suppresses them (its "sentence break suppressions" for English): UAX #29
/// alone breaks wherever a full stop and a space come before a capital letter.
///
/// A sentence can only end just after a sentence-ending character, and whether it
/// does there depends on the word that holds the character and what follows it. So
/// the boundaries around `byte` are found by segmenting from the start of the word
/// of the last such character before it, and of the first at or after it — a word
/// and what follows, not the whole block. Where that cannot tell (a break
/// suppressed before `byte`, or a script whose full stops are not ASCII, which every
/// non-ASCII character is taken to be), the text is segmented from its start.
fn sentence_at(text: &str, byte: usize) -> Range<usize> {
    // At the very end: the last character's sentence.
    let byte = match text.get(byte..) {
        Some("") | None => text.char_indices().next_back().map_or(0, |(i, _)| i),
        Some(_) => byte,
    };
    let is_stop = |c: char| !c.is_ascii() || matches!(c, '.' | '!' | '?');
    let word_of = |stop: usize| text[..stop].rfind(char::is_whitespace).map_or(0, |w| w + 1);
    let start = match text[..byte].char_indices().rev().find(|&(_, c)| is_stop(c)) {
        None => 0,
        Some((stop, _)) => match boundary_after(text, word_of(stop), stop) {
            Some(start) if start <= byte => start,
            _ => return sentence_from(text, 0, byte),
        },
    };
    let mut from = byte;
    while let Some((stop, c)) = text[from..].char_indices().find(|&(_, c)| is_stop(c)) {
        let stop = from + stop;
        if let Some(end) = boundary_after(text, word_of(stop).max(start), stop) {
            return start..end;
        }
        from = stop + c.len_utf8();
    }
    start..text.len()
}

/// The first sentence boundary of `text` after byte `stop`, segmenting from byte
/// `from` (the start of a word, at or before `stop`) as if the text started there;
/// `None` when that boundary is suppressed (an abbreviation ends there).
fn boundary_after(text: &str, from: usize, stop: usize) -> Option<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let (at, segment) = text[from..]
        .split_sentence_bound_indices()
        .find(|(at, segment)| from + at + segment.len() > stop)?;
    let end = from + at + segment.len();
    (end == text.len() || !ends_in_abbreviation(segment)).then_some(end)
}

/// The sentence holding byte `byte` of `text`, segmenting from byte `from` as if
/// the text started there.
fn sentence_from(text: &str, from: usize, byte: usize) -> Range<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut start = from;
    let mut continues = false;
    for (at, segment) in text[from..].split_sentence_bound_indices() {
        let (at, end) = (from + at, from + at + segment.len());
        if !continues {
            start = at;
        }
        continues = ends_in_abbreviation(segment);
        if byte < end && !continues {
            return start..end;
        }
    }
    start..text.len()
}

/// Abbreviations that end in a full stop without ending a sentence, as written in
/// English news copy: titles, ranks, months, and a few others.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Gov",
    "Sen", "Rep", "Pres", "Rev", "Hon", "St", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Inc", "Ltd", "Corp", "Jr", "Sr",
    "Fig", "vs", "approx",
];

/// Whether `sentence` ends in an abbreviation or an initial, so that what follows
/// continues it: see [`sentence_at`].
fn ends_in_abbreviation(sentence: &str) -> bool {
    let Some(word) = sentence
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .and_then(|w| w.strip_suffix('.'))
    else {
        return false;
    };
    let word = word.trim_start_matches(['(', '"', '“', '‘', '\'']);
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    // `U.S`, `D.C`, `e.g`, `i.e`: letters with stops between.
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        });
    initial || dotted || ABBREVIATIONS.contains(&word)
}

/// The sentences of `text` (Unicode sentence boundaries, UAX #29) that carry the
/// places at byte `offsets` (from [`plain_text_at`]), each once, in text order,
/// trimmed; a sentence that does not follow the one before it in the text comes
/// after an ellipsis: `First. … Third.`
///
/// A place belongs to the sentence of the character before it (`before`: a
/// citation marker, which follows what it cites, even a sentence's closing
/// punctuation), or to the sentence of the first character after it, spaces
/// skipped (a link whose text is what it cites).
pub(super) fn sentences_at(text: &str, offsets: &[(usize, bool)]) -> String {
    let mut chosen: Vec<Range<usize>> = offsets
        .iter()
        .map(|&(offset, before)| {
            let offset = offset.min(text.len());
            let byte = if before {
                text[..offset]
                    .char_indices()
                    .next_back()
                    .map_or(0, |(i, _)| i)
            } else {
                let rest = &text[offset..];
                offset + (rest.len() - rest.trim_start().len())
            };
            sentence_at(text, byte)
        })
        .collect();
    chosen.sort_unstable_by_key(|r| (r.start, r.end));
    chosen.dedup();
    let mut excerpt = String::new();
    let mut last_end = None;
    for range in chosen {
        let sentence = text[range.clone()].trim();
        if sentence.is_empty() {
            continue;
        }
        if let Some(last_end) = last_end {
            excerpt.push_str(if last_end == range.start {
                " "
            } else {
                " … "
            });
        }
        excerpt.push_str(sentence);
        last_end = Some(range.end);
    }
    excerpt
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

#[cfg(test)]
mod tests {
    use super::{Words, first_word, is_word_char, sentences_at};

    /// The words of `text` by the definition, character by character.
    fn words_by_chars(text: &str) -> Vec<(usize, String)> {
        let mut words = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (at, c) in text.char_indices() {
            match (is_word_char(c), current.as_mut()) {
                (true, Some((_, w))) => w.push(c),
                (true, None) => current = Some((at, c.to_string())),
                (false, _) => words.extend(current.take()),
            }
        }
        words.extend(current);
        words
    }

    #[test]
    fn collapsed_text_is_the_words_with_one_space_between_them() {
        let pieces: [&[&str]; 6] = [
            &[
                "Two blasts near",
                " the grave",
                "  of Soleimani ",
                "\n",
                "killed 84.",
            ],
            &["  leading", "trailing  ", "\tand\ttabs\r\n"],
            &["one", "", " ", "two"],
            &["Kerman’s  café", " — naïve\u{a0}résumé "],
            &["a b", "c d"],
            &[" ", "  ", ""],
        ];
        for pieces in pieces {
            let mut collapsed = super::Collapsed::default();
            for piece in pieces {
                collapsed.push(piece);
            }
            let whole: String = pieces.concat();
            let words: Vec<&str> = whole
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(collapsed.text, words.join(" "), "{pieces:?}");
        }
    }

    #[test]
    fn words_read_byte_by_byte_are_the_words_of_the_definition() {
        let texts = [
            "Two blasts, near the grave_site; 84 dead.",
            "  leading spaces and trailing  ",
            "Kerman’s café — naïve résumé",
            "کرمان می‌رود، انفجار ۲۰ نفر",
            "mixed English و فارسی words",
            "e\u{301}clair a\u{308}",
            "",
            "!!!",
            "x",
        ];
        for text in texts {
            let mut words = Words::new(text);
            let mut found = Vec::new();
            while let Some((at, word)) = words.next() {
                found.push((at, word.to_owned()));
                assert_eq!(first_word(&text[at..]), word, "{text:?} at {at}");
            }
            assert_eq!(found, words_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn a_place_belongs_to_the_sentence_before_or_after_it() {
        let text = "One. Two said so. Three.";
        // After "One." (a marker after closing punctuation): the first sentence.
        assert_eq!(sentences_at(text, &[(4, true)]), "One.");
        // The same place read as the start of a link's text: the second.
        assert_eq!(sentences_at(text, &[(4, false)]), "Two said so.");
        assert_eq!(sentences_at(text, &[(0, true)]), "One.");
        assert_eq!(sentences_at(text, &[(24, true)]), "Three.");
        assert_eq!(sentences_at(text, &[(24, false)]), "Three.");
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        let at = |text: &str, word: &str| (text.find(word).unwrap(), false);
        let text = "Gen. Qasem Soleimani was killed by Donald J. Trump's order. U.S. officials said so. \
                    On Jan. 3 Iranian media said 84 died. It was 3.5 km away. Then calm.";
        assert_eq!(
            sentences_at(text, &[at(text, "Qasem")]),
            "Gen. Qasem Soleimani was killed by Donald J. Trump's order."
        );
        assert_eq!(
            sentences_at(text, &[at(text, "officials")]),
            "U.S. officials said so."
        );
        assert_eq!(
            sentences_at(text, &[at(text, "Iranian")]),
            "On Jan. 3 Iranian media said 84 died."
        );
        assert_eq!(sentences_at(text, &[at(text, "km")]), "It was 3.5 km away.");
        // A sentence that ends in a plain word still ends.
        let text = "He said no. The next day he left.";
        assert_eq!(
            sentences_at(text, &[at(text, "next")]),
            "The next day he left."
        );
    }

    #[test]
    fn the_sentence_found_near_a_place_is_the_one_found_from_the_start() {
        let texts = [
            "One. Two said so. Three.",
            "Gen. Qasem Soleimani was killed. U.S. officials said so. It was 3.5 km away!",
            "He asked: why? “Nobody knows.” Then (as agreed.) they left. J. Smith came.",
            "No stop at all here",
            "Trailing space. ",
            "پلیس دو جاده را بست. آیا انفجار دوم رخ داد؟ شبکه خبر گزارش داد.",
            "Mixed. English then فارسی. Back to English. Done",
            "A.B.C. went home. e.g. this one. Mr. and Mrs. Smith.",
            "Wait... what? Yes!! No?! Fine.",
        ];
        for text in texts {
            for (byte, _) in text.char_indices() {
                assert_eq!(
                    super::sentence_at(text, byte),
                    super::sentence_from(text, 0, byte),
                    "{text:?} at {byte}"
                );
            }
        }
    }

    #[test]
    fn sentences_come_once_in_order_with_an_ellipsis_for_a_gap() {
        let text = "One. Two. Three. Four.";
        assert_eq!(
            sentences_at(text, &[(22, true), (4, true), (8, true), (3, true)]),
            "One. Two. … Four."
        );
        assert_eq!(sentences_at("", &[(0, true)]), "");
    }
}
