//! An event's body as feed content: the HTML of its page, made to stand alone in a
//! feed reader, where twenty entries share one document and a link resolves
//! against the feed (or nothing), not against the event's page.
//!
//! - Every `href`, `src`, `srcset`, `poster` and `cite` URL is made absolute to the
//!   event's page: `#1` (a footnote) becomes `https://…/2024/01/03/x/#1`,
//!   `/kerman/2024/` becomes `https://…/kerman/2024/`, `photo.jpg` is read in the
//!   page's folder. Links to other sites, `mailto:` and `data:` stay as written.
//! - `id` attributes (and the `name` of `<a name>`) are dropped: every entry's
//!   first claim is `claim-1` and its first footnote `1`, so twenty entries would
//!   repeat them, and the links that pointed at them now lead to the page.
//! - Comments are dropped, all of them (`dateline new`'s placeholder, an editor's
//!   note to self): they are invisible on the page, and a feed has no page source
//!   to keep them in. So are the other markup declarations a browser reads as
//!   comments (`<!doctype>`, `<?…>`, `<![CDATA[…]>` in HTML).
//!
//! The HTML is dateline's own (pulldown-cmark's writer, the annotations, raw HTML an
//! editor wrote), rewritten with the crate's HTML tokenizer ([`crate::html::tokens`]),
//! which reads what it needs — tags, attributes, comments, raw text elements — as the
//! HTML standard's tokenizer does, rather than a parser: nothing else changes, byte
//! for byte. An HTML rewriting crate (`lol_html`) would bring some 26 crates into a
//! build that has none of them. This file holds only the rewriting: which attributes
//! change, and how a URL is made absolute.

use std::borrow::Cow;
use std::ops::Range;

use crate::html::char_refs::decode_char_refs;
use crate::html::tokens::{Sink, scan};
use crate::html::{escape, srcset};
use crate::url_syntax::{remove_dot_segments, scheme};

/// `html`, an event's body, as the content of its feed entry: see the module.
/// `page` is the event's address (absolute when `base_url` is), `origin` the
/// scheme and host of `base_url` (`https://user.github.io`; empty when `base_url`
/// is a path), which root-relative links are read against.
pub fn feed_content(html: &str, page: &str, origin: &str) -> String {
    let mut rewriter = Rewriter {
        html,
        base: Base { page, origin },
        out: String::with_capacity(html.len() + html.len() / 8),
        copied: 0,
        tag_name: "",
        tag_at: 0,
    };
    scan(html, &mut rewriter);
    let Rewriter {
        mut out, copied, ..
    } = rewriter;
    out.push_str(&html[copied..]);
    out
}

/// What relative URLs are read against.
struct Base<'a> {
    /// The event's page: `https://user.github.io/kerman/2024/01/03/x/`.
    page: &'a str,
    /// `https://user.github.io`, or empty.
    origin: &'a str,
}

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite"];

/// A body being rewritten as the tokenizer reads it. Text, and what is not rewritten
/// (end tags, a raw text element's text), is copied as it is, a stretch at a time.
struct Rewriter<'h, 'b> {
    html: &'h str,
    base: Base<'b>,
    out: String,
    /// Where the part of `html` not yet copied to `out` (or dropped) starts.
    copied: usize,
    /// The name of the start tag being rewritten.
    tag_name: &'h str,
    /// The length of `out` before the start tag being rewritten, to take it back if
    /// it is cut off.
    tag_at: usize,
}

impl<'h> Rewriter<'h, '_> {
    /// Copies the text from where the last copy stopped up to `at`.
    fn copy_to(&mut self, at: usize) {
        self.out.push_str(&self.html[self.copied..at]);
        self.copied = at;
    }

    /// Drops `span` from the output.
    fn drop_span(&mut self, span: Range<usize>) {
        self.copy_to(span.start);
        self.copied = span.end;
    }
}

impl<'h> Sink<'h> for Rewriter<'h, '_> {
    fn start_tag(&mut self, start: usize, name: &'h str) {
        self.copy_to(start);
        self.tag_at = self.out.len();
        self.tag_name = name;
        self.out.push('<');
        self.out.push_str(name);
    }

    /// URLs made absolute, ids dropped, every other attribute as written (`span`).
    fn attribute(&mut self, name: &'h str, value: &'h str, span: Range<usize>) {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if is("id") || (is("name") && self.tag_name.eq_ignore_ascii_case("a")) {
            return;
        }
        let absolute = if URL_ATTRIBUTES.iter().any(|n| is(n)) {
            let url = decode_char_refs(value);
            self.base.resolve(&url).into_owned()
        } else if is("srcset") {
            let urls = decode_char_refs(value);
            map_srcset(&urls, |url| self.base.resolve(url))
        } else {
            self.out.push(' ');
            self.out.push_str(&self.html[span]);
            return;
        };
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.out.push_str(&escape(&absolute));
        self.out.push('"');
    }

    fn start_tag_end(&mut self, end: usize, self_closing: bool) {
        self.out.push_str(if self_closing { " />" } else { ">" });
        self.copied = end;
    }

    // Comments, and what browsers read as comments: dropped.
    fn comment(&mut self, span: Range<usize>) {
        self.drop_span(span);
    }

    fn declaration(&mut self, span: Range<usize>) {
        self.drop_span(span);
    }

    // End tags are copied as they are.

    /// A lone `<` in text, written as the text it is: once a comment after it is
    /// gone, it must not open a tag with what follows.
    fn lone_lt(&mut self, at: usize) {
        self.copy_to(at);
        self.out.push_str("&lt;");
        self.copied = at + 1;
    }

    /// A tag cut off by the end of the text is dropped, as browsers do.
    fn cut_off(&mut self, _: usize) {
        self.out.truncate(self.tag_at);
        self.copied = self.html.len();
    }
}

impl Base<'_> {
    /// `url` as a browser on the event's page reads it, absolute when the page's
    /// address is: URLs with a scheme (`https:`, `mailto:`, `data:`) and
    /// network-path ones (`//host/x`) as they are.
    fn resolve<'u>(&self, url: &'u str) -> Cow<'u, str> {
        // Browsers strip leading and trailing whitespace from URL attributes.
        let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
        if scheme(url).is_some() || url.starts_with("//") {
            return Cow::Borrowed(url);
        }
        let page = self.page.split('#').next().unwrap_or_default();
        let joined = if url.starts_with('/') {
            format!("{}{url}", self.origin)
        } else if url.is_empty() || url.starts_with('#') {
            format!("{page}{url}")
        } else if url.starts_with('?') {
            format!("{}{url}", page.split('?').next().unwrap_or_default())
        } else {
            let path = page.split('?').next().unwrap_or_default();
            let folder = path.rfind('/').map_or("", |slash| &path[..=slash]);
            format!("{folder}{url}")
        };
        Cow::Owned(without_dot_segments(&joined, self.origin.len()))
    }
}

/// `url` with the `.` and `..` segments of its path resolved ([`remove_dot_segments`]:
/// a `..` above the root stays at the root, as a browser reads it); its path starts
/// at byte `path_at`. A URL whose path does not start with `/` is returned as it is.
fn without_dot_segments(url: &str, path_at: usize) -> String {
    let (head, rest) = url.split_at(path_at.min(url.len()));
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, tail) = rest.split_at(path_end);
    if !path.starts_with('/') {
        return url.to_owned();
    }
    format!("{head}{}{tail}", remove_dot_segments(path).path)
}

/// `srcset` with `map` applied to each of its URLs ([`srcset::url_ranges`]),
/// descriptors and separators as written.
fn map_srcset<'s>(value: &'s str, map: impl Fn(&'s str) -> Cow<'s, str>) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    let mut copied = 0;
    for url in srcset::url_ranges(value) {
        out.push_str(&value[copied..url.start]);
        out.push_str(&map(&value[url.start..url.end]));
        copied = url.end;
    }
    out.push_str(&value[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://user.github.io/kerman/2024/01/03/x/";
    const ORIGIN: &str = "https://user.github.io";

    fn content(html: &str) -> String {
        feed_content(html, PAGE, ORIGIN)
    }

    #[test]
    fn makes_every_kind_of_link_absolute_to_the_page() {
        let base = Base {
            page: PAGE,
            origin: ORIGIN,
        };
        let cases = [
            ("#1", "https://user.github.io/kerman/2024/01/03/x/#1"),
            ("", "https://user.github.io/kerman/2024/01/03/x/"),
            ("?q=1", "https://user.github.io/kerman/2024/01/03/x/?q=1"),
            ("/kerman/2024/", "https://user.github.io/kerman/2024/"),
            (
                "photo.jpg",
                "https://user.github.io/kerman/2024/01/03/x/photo.jpg",
            ),
            ("../y/", "https://user.github.io/kerman/2024/01/03/y/"),
            (
                "./a/./b/..",
                "https://user.github.io/kerman/2024/01/03/x/a/",
            ),
            ("/../../x", "https://user.github.io/x"),
            (" /kerman/ ", "https://user.github.io/kerman/"),
            ("https://example.org/a/../b", "https://example.org/a/../b"),
            ("//cdn.example.org/x.png", "//cdn.example.org/x.png"),
            ("mailto:desk@example.org", "mailto:desk@example.org"),
            ("data:image/png;base64,AAA", "data:image/png;base64,AAA"),
        ];
        for (url, expected) in cases {
            assert_eq!(base.resolve(url), expected, "{url:?}");
        }
    }

    #[test]
    fn reads_links_against_a_path_when_the_base_url_is_one() {
        let html = r##"<a href="#1">1</a> <a href="/kerman/2024/">2024</a>"##;
        assert_eq!(
            feed_content(html, "/kerman/2024/01/03/x/", ""),
            r##"<a href="/kerman/2024/01/03/x/#1">1</a> <a href="/kerman/2024/">2024</a>"##
        );
    }

    #[test]
    fn rewrites_footnotes_and_claims_as_dateline_writes_them() {
        let html = "<p id=\"claim-1\">Blasts<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> <a class=\"cite\" href=\"/kerman/sources/afp/\" title=\"AFP\">AFP</a>.</p>\n<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>The note.</p>\n</div>\n";
        assert_eq!(
            content(html),
            "<p>Blasts<sup class=\"footnote-reference\"><a href=\"https://user.github.io/kerman/2024/01/03/x/#1\">1</a></sup> <a class=\"cite\" href=\"https://user.github.io/kerman/sources/afp/\" title=\"AFP\">AFP</a>.</p>\n<div class=\"footnote-definition\"><sup class=\"footnote-definition-label\">1</sup>\n<p>The note.</p>\n</div>\n"
        );
    }

    #[test]
    fn rewrites_images_srcset_poster_and_cite() {
        let html = r#"<img src="/kerman/a.jpg" srcset="a-1x.jpg 1x, /kerman/a-2x.jpg 2x,data:x,y 3x" alt="A" /><video poster=v.jpg></video><blockquote cite='#src'>q</blockquote>"#;
        assert_eq!(
            content(html),
            r#"<img src="https://user.github.io/kerman/a.jpg" srcset="https://user.github.io/kerman/2024/01/03/x/a-1x.jpg 1x, https://user.github.io/kerman/a-2x.jpg 2x,data:x,y 3x" alt="A" /><video poster="https://user.github.io/kerman/2024/01/03/x/v.jpg"></video><blockquote cite="https://user.github.io/kerman/2024/01/03/x/#src">q</blockquote>"#
        );
    }

    #[test]
    fn drops_ids_and_anchor_names_but_keeps_other_attributes_as_written() {
        let html = r#"<h2 id="who" class='x "y"' data-n=3 hidden>Who</h2><a name="old">x</a><input name="q">"#;
        assert_eq!(
            content(html),
            r#"<h2 class='x "y"' data-n=3 hidden>Who</h2><a>x</a><input name="q">"#
        );
    }

    #[test]
    fn drops_every_comment_and_what_browsers_read_as_one() {
        let html = "a<!-- What happened, in your own words. -->b<!---->c<!-->d<!--->e<!-- <a href=\"#x\"> -->f<!doctype html>g<?php x ?>h</ x>i</>j";
        assert_eq!(content(html), "abcdefghij");
        assert_eq!(content("text<!-- never closed"), "text");
    }

    #[test]
    fn leaves_raw_text_and_lone_brackets_alone() {
        let html =
            "<script>if (a<b) x = '<a href=\"#1\">';</script> 1 < 2 <style>a[href=\"#\"]{}</style>";
        assert_eq!(content(html), html.replace(" < ", " &lt; "));
        // Nor does a lone `<` open a tag once the comment after it is gone.
        assert_eq!(
            content("<<!-- -->a href=x> <<!---->!-- x"),
            "&lt;a href=x> &lt;!-- x"
        );
    }

    #[test]
    fn decodes_references_in_urls_and_escapes_them_again() {
        let html = r#"<a href="?a=1&amp;b=&#50;&copy=3">x</a><a href='say "hi"'>y</a>"#;
        assert_eq!(
            content(html),
            r#"<a href="https://user.github.io/kerman/2024/01/03/x/?a=1&amp;b=2&amp;copy=3">x</a><a href="https://user.github.io/kerman/2024/01/03/x/say &quot;hi&quot;">y</a>"#
        );
    }

    #[test]
    fn never_panics_on_cut_off_markup() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "</",
            "</a",
            "<!",
            "<!-",
            "<!--",
            "<script>",
            "<a href='#'",
            "<img src=x/",
        ] {
            let _ = content(html);
        }
        assert_eq!(content("x<a href=\"#1"), "x");
    }

    proptest::proptest! {
        /// Any text, markup or not, comes out without a comment or an id as a
        /// browser reads it, and the rewriting never panics.
        #[test]
        fn never_panics_and_leaves_no_comment_or_id(
            html in "([a-z <>!/=\"'#&;?.-]|<!--|-->|id=|href=|srcset=|é|کرمان){0,40}"
        ) {
            let out = content(&html);
            let again = content(&out);
            // As a browser (html5ever) reads it.
            let fragment = scraper::Html::parse_fragment(&out);
            for node in fragment.tree.nodes() {
                proptest::prop_assert!(!node.value().is_comment(), "a comment in {out:?}");
                if let Some(element) = node.value().as_element() {
                    proptest::prop_assert!(element.id().is_none(), "an id in {out:?}");
                }
            }
            // Written once, the content reads the same when rewritten again.
            proptest::prop_assert_eq!(&again, &out);
        }
    }
}
