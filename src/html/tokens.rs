//! The HTML tokenizer: HTML text read the way WHATWG HTML §13.2.5 "Tokenization" reads
//! it, as far as tags, attributes, comments and raw text go — where a link could be won
//! or lost: comments, the text of `<script>` and its kin, quoted values holding `>`,
//! tags cut off by the end of the text.
//!
//! [`scan`] reads a text once and tells a [`Sink`] what it meets, in document order
//! — a start tag opening, each of its attributes, its end; a comment; an end tag… —
//! and builds nothing: the link check collects links without allocating per tag, and
//! the feeds rewrite a body byte for byte. An attribute is read once, as the tag is
//! read. One pass over the bytes, `memchr` to the next `<`; it never panics, whatever
//! the text. Values are given as written, character references and all
//! ([`super::char_refs`] decodes them).
//!
//! A sink rather than an iterator of tokens: the link check runs on every page of a
//! build, and a sink's methods are inlined into the scan, where what a sink leaves
//! out (end tags and comments, for the link check) costs nothing. An iterator handing
//! out one event at a time, or a closure called with an enum of them, measured 12 to
//! 18% slower on the link check of a 1,000-event site.

use std::ops::Range;

use super::is_space;

/// What a [`scan`] tells, in document order: each method is one thing met, and does
/// nothing unless a sink implements it. Offsets are byte offsets into the scanned
/// text. Text is not told: it is whatever lies between, and so is the text of a raw
/// text element (see [`Sink::start_tag_end`]).
pub trait Sink<'h> {
    /// A start tag opens: its `<` is at `start`; `name` as written (`IMG`). Its
    /// attributes follow, then [`Sink::start_tag_end`], or [`Sink::cut_off`] when
    /// the text ends first.
    fn start_tag(&mut self, start: usize, name: &'h str) {
        let _ = (start, name);
    }

    /// One attribute of the start tag being read: `name`, `name=value`,
    /// `name="value"` or `name='value'`, with `name` as written, `value` as written
    /// (without quotes, character references undecoded; `""` when there is none), and
    /// `span` the whole attribute in the text, quotes included. Every attribute is
    /// told, a repeated name too (a browser keeps only the first).
    fn attribute(&mut self, name: &'h str, value: &'h str, span: Range<usize>) {
        let _ = (name, value, span);
    }

    /// The start tag's `>`; `end` is the offset after it. `self_closing` when the
    /// tag ends in `/>` (`<br/>`; not `<a href=x/>`, whose `/` belongs to the value).
    /// When the element is a raw text element (`<script>`, `<style>`, `<textarea>`,
    /// `<iframe>`…), its text up to its end tag follows and is not scanned for tags
    /// or comments.
    fn start_tag_end(&mut self, end: usize, self_closing: bool) {
        let _ = (end, self_closing);
    }

    /// A comment, `<!-- … -->`, from its `<` to after its `-->`, or to the end of
    /// the text. `<!-->` and `<!--->` close at once, as the comment start states do.
    fn comment(&mut self, span: Range<usize>) {
        let _ = span;
    }

    /// Markup a browser keeps out of the page's text but is no tag or comment, from
    /// its `<` to after the first `>` (or to the end of the text): a doctype
    /// (`<!doctype html>`), and what the tokenizer reads as a bogus comment —
    /// `<![CDATA[…]>` in HTML content, `<?xml …?>`, `</ x>` — or ignores (`</>`).
    fn declaration(&mut self, span: Range<usize>) {
        let _ = span;
    }

    /// An end tag, `</p>`, from its `<` to after its `>`; to the end of the text
    /// when it is cut off (a browser drops it).
    fn end_tag(&mut self, span: Range<usize>) {
        let _ = span;
    }

    /// A `<` that opens nothing (`1 < 2`, or `</` at the end of the text): text, at
    /// offset `at`.
    fn lone_lt(&mut self, at: usize) {
        let _ = at;
    }

    /// The start tag opened at `start` is cut off by the end of the text, and a
    /// browser drops it: what [`Sink::start_tag`] and [`Sink::attribute`] told of it
    /// is to be taken back. The scan ends.
    fn cut_off(&mut self, start: usize) {
        let _ = start;
    }
}

/// Reads `html`, telling `sink` what it meets, in document order.
///
/// At each `<`: `<!--` opens a comment; `<!` and `<?` a declaration; `</` an end tag
/// if a letter follows, a declaration otherwise (text at the end of `html`); a letter
/// opens a start tag, after which a raw text element's text is skipped; anything
/// else is a lone `<`. The script data escape states (`<!--` inside a script) are not
/// followed.
pub fn scan<'h>(html: &'h str, sink: &mut impl Sink<'h>) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = find_from(html, i, "<") {
        let after = lt + 1;
        i = match bytes.get(after) {
            // `<!-- -->`; searching for `-->` from the first `-` closes `<!-->` and
            // `<!--->` at once, as in browsers.
            Some(b'!') if html[after..].starts_with("!--") => {
                let end = find_from(html, after + 1, "-->").map_or(html.len(), |end| end + 3);
                sink.comment(lt..end);
                end
            }
            Some(b'/') => match bytes.get(after + 1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let end = to_closing_bracket(html, after);
                    sink.end_tag(lt..end);
                    end
                }
                // `</>` is ignored; `</ x>` is a bogus comment.
                Some(_) => {
                    let end = to_closing_bracket(html, after);
                    sink.declaration(lt..end);
                    end
                }
                // `</` at the end is text.
                None => {
                    sink.lone_lt(lt);
                    after
                }
            },
            // `<!doctype>`, `<![CDATA[…]>`, `<?…>`.
            Some(b'!' | b'?') => {
                let end = to_closing_bracket(html, after);
                sink.declaration(lt..end);
                end
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(end) = start_tag(html, lt, sink) else {
                    sink.cut_off(lt);
                    return;
                };
                end
            }
            _ => {
                sink.lone_lt(lt);
                after
            }
        };
    }
}

/// Reads the start tag whose `<` is at `lt` (a letter follows it), telling `sink` of
/// it and of each of its attributes. Returns where scanning goes on: after its `>`,
/// or after a raw text element's text. `None` for a tag cut off by the end of the
/// text.
///
/// The WHATWG states followed: "Tag name state", then "Before attribute name state",
/// where a `/` is skipped like a space (through the "Self-closing start tag state").
fn start_tag<'h>(html: &'h str, lt: usize, sink: &mut impl Sink<'h>) -> Option<usize> {
    let bytes = html.as_bytes();
    let start = lt + 1;
    let mut i = start;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && b != b'/' && b != b'>')
    {
        i += 1;
    }
    let name = &html[start..i];
    sink.start_tag(lt, name);
    loop {
        let spaces = i;
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => {
                let end = i + 1;
                sink.start_tag_end(end, html[spaces..i].ends_with('/'));
                return Some(if is_raw_text(name) {
                    end_of_raw_text(html, end, name)
                } else {
                    end
                });
            }
            Some(_) => {
                let (attribute, value, next) = attribute(html, i)?;
                sink.attribute(attribute, value, i..next);
                i = next;
            }
            None => return None,
        }
    }
}

/// The attribute starting at `start`: name, raw value (`""` when it has none) and the
/// offset after it. `None` when a quoted value is never closed.
///
/// WHATWG's "Attribute name state" (a first `=` belongs to the name), "After attribute
/// name state", "Before attribute value state" and the three attribute value states:
/// double-quoted, single-quoted, and unquoted, which ends at whitespace or `>`.
// Inlined into the scan's loop over a tag: called out of line (as the compiler
// chooses even when asked with a plain `#[inline]`), the link check is 5% slower.
#[inline(always)]
fn attribute(html: &str, start: usize) -> Option<(&str, &str, usize)> {
    let bytes = html.as_bytes();
    // The first character belongs to the name even if it is `=`, so this always moves.
    let mut i = start + 1;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
    {
        i += 1;
    }
    let name = html.get(start..i)?;
    let mut j = skip_spaces(bytes, i);
    if bytes.get(j) != Some(&b'=') {
        return Some((name, "", i));
    }
    j = skip_spaces(bytes, j + 1);
    match bytes.get(j) {
        Some(&quote @ (b'"' | b'\'')) => {
            // Values are short: a plain loop beats setting up memchr for each.
            let close = j + 1 + bytes.get(j + 1..)?.iter().position(|&b| b == quote)?;
            Some((name, &html[j + 1..close], close + 1))
        }
        _ => {
            let mut end = j;
            while bytes.get(end).is_some_and(|&b| !is_space(b) && b != b'>') {
                end += 1;
            }
            Some((name, &html[j..end], end))
        }
    }
}

/// Elements whose content is text to a browser, not tags: a `<a href>` inside is
/// not a link, nor is a `<!--` a comment. WHATWG HTML §13.1.2 "Elements": the raw
/// text elements (`script`, `style`) and the escapable raw text elements
/// (`textarea`, `title`); and the elements the tree builder reads with the generic
/// raw text element parsing algorithm (§13.2.6.2), which switches the tokenizer to
/// the RAWTEXT state (§13.2.6.4.7 "The 'in body' insertion mode"): `xmp`, `iframe`,
/// `noembed`, `noframes`.
///
/// Not `noscript`, raw text only when scripting is enabled: with it disabled, as for
/// a reader without JavaScript, its content is markup and its links are followed.
/// Nor `plaintext`, after which the whole rest of a page is text.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Whether the element `name` (in any case) is one of [`RAW_TEXT`].
fn is_raw_text(name: &str) -> bool {
    RAW_TEXT.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Where the text of a raw text element opened before `from` ends: at its `</name`,
/// matched without regard to case and followed by whitespace, `/`, `>` or the end of
/// the text (WHATWG's "appropriate end tag"); the end of the text if never closed.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(close) = find_from(html, i, "</") {
        let name_end = close + 2 + name.len();
        let same_name = bytes
            .get(close + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(name_end)
            .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
        if same_name && ends {
            return close;
        }
        i = close + 2;
    }
    html.len()
}

/// The offset after the first `>` at or after `from`, or the end of the text.
fn to_closing_bracket(html: &str, from: usize) -> usize {
    find_from(html, from, ">").map_or(html.len(), |end| end + 1)
}

/// The byte offset of the first `needle` in `haystack` at or after byte `from`.
fn find_from(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let rest = haystack.as_bytes().get(from..)?;
    let found = match needle.as_bytes() {
        [byte] => memchr::memchr(*byte, rest),
        bytes => memchr::memmem::find(rest, bytes),
    };
    found.map(|i| from + i)
}

/// The offset of the first byte at or after `i` that is not whitespace.
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&b| is_space(b)) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a scan tells, written down one line per call.
    #[derive(Default)]
    struct Told(Vec<String>);

    impl<'h> Sink<'h> for Told {
        fn start_tag(&mut self, start: usize, name: &'h str) {
            self.0.push(format!("start {start} {name}"));
        }
        fn attribute(&mut self, name: &'h str, value: &'h str, span: Range<usize>) {
            self.0.push(format!("attribute {name}={value} {span:?}"));
        }
        fn start_tag_end(&mut self, end: usize, self_closing: bool) {
            let slash = if self_closing { "/>" } else { ">" };
            self.0.push(format!("{slash} {end}"));
        }
        fn comment(&mut self, span: Range<usize>) {
            self.0.push(format!("comment {span:?}"));
        }
        fn declaration(&mut self, span: Range<usize>) {
            self.0.push(format!("declaration {span:?}"));
        }
        fn end_tag(&mut self, span: Range<usize>) {
            self.0.push(format!("end tag {span:?}"));
        }
        fn lone_lt(&mut self, at: usize) {
            self.0.push(format!("< {at}"));
        }
        fn cut_off(&mut self, start: usize) {
            self.0.push(format!("cut off {start}"));
        }
    }

    /// What a scan of `html` tells.
    fn told(html: &str) -> Vec<String> {
        let mut told = Told::default();
        scan(html, &mut told);
        told.0
    }

    #[test]
    fn reads_tags_attributes_and_what_is_not_a_tag() {
        let html = "<!doctype html><P class=a\nid='b c'>1 < 2<!-- x --></p><br/>";
        assert_eq!(
            told(html),
            [
                "declaration 0..15",
                "start 15 P",
                "attribute class=a 18..25",
                "attribute id=b c 26..34",
                "> 35",
                "< 37",
                "comment 40..50",
                "end tag 50..54",
                "start 54 br",
                "/> 59",
            ]
        );
    }

    #[test]
    fn closes_comments_and_bogus_comments_as_browsers_do() {
        let html = "<!-->a<!--->b<!---->c<?x>d</ x>e</>f<![CDATA[g]]>";
        assert_eq!(
            told(html),
            [
                "comment 0..5",
                "comment 6..12",
                "comment 13..20",
                "declaration 21..25",
                "declaration 26..31",
                "declaration 32..35",
                "declaration 36..49",
            ]
        );
        assert_eq!(told("x<!-- open"), ["comment 1..10"]);
    }

    #[test]
    fn a_slash_ends_a_tag_only_outside_a_value() {
        let ends: Vec<String> = told("<a href=x/><br /><hr / ><img src='y'/>")
            .into_iter()
            .filter(|t| t.contains('>'))
            .collect();
        assert_eq!(ends, ["> 11", "/> 17", "> 24", "/> 38"]);
    }

    #[test]
    fn skips_the_text_of_every_raw_text_element() {
        for name in RAW_TEXT {
            let html = format!(
                "<{name}><a href=x><!-- </{name}x> --></{}><b>",
                name.to_uppercase()
            );
            let starts: Vec<String> = told(&html)
                .into_iter()
                .filter(|t| t.starts_with("start"))
                .collect();
            let b_at = html.len() - 3;
            assert_eq!(
                starts,
                [format!("start 0 {name}"), format!("start {b_at} b")]
            );
        }
        // Never closed, the text runs to the end.
        assert_eq!(told("<script>x</scrip"), ["start 0 script", "> 8"]);
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_taken_back_and_ends_the_scan() {
        assert_eq!(told("a<b c=\"d>e"), ["start 1 b", "cut off 1"]);
        assert_eq!(
            told("<b c"),
            ["start 0 b", "attribute c= 3..4", "cut off 0"]
        );
        assert_eq!(told("</"), ["< 0"]);
        assert_eq!(told("</b"), ["end tag 0..3"]);
    }
}
