//! Where a link is found: the `href`, `src` and `srcset` values of a page's start tags,
//! read with the crate's HTML tokenizer ([`crate::html::tokens`]), which skips what
//! cannot hold a link — comments, the text of `<script>` and its kin — and drops a
//! tag cut off by the end of the file. Values are returned as written, character
//! references and all.

use std::ops::Range;

use crate::html::srcset;
use crate::html::tokens::{Sink, scan};

/// The raw (undecoded) text of every link in `html`: `href` and `src` values and
/// each URL of a `srcset`, in document order, repeats included; `""` for an attribute
/// with no value. A start tag cut off by the end of the file adds none, as browsers
/// drop it.
///
/// Unlike a browser, which keeps the first of two attributes with the same name, every
/// one of them adds its links.
pub(super) fn links(html: &str) -> Vec<&str> {
    let mut links = Links {
        found: Vec::new(),
        tag_links: 0,
    };
    scan(html, &mut links);
    links.found
}

/// The links found so far.
struct Links<'h> {
    found: Vec<&'h str>,
    /// Where the links of the start tag being read begin, to take them back if it is
    /// cut off.
    tag_links: usize,
}

impl<'h> Sink<'h> for Links<'h> {
    fn start_tag(&mut self, _: usize, _: &'h str) {
        self.tag_links = self.found.len();
    }

    // Called for every attribute of every page; left out of line, the link check
    // measured 1 to 2% slower.
    #[inline]
    fn attribute(&mut self, name: &'h str, value: &'h str, _: Range<usize>) {
        if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
            self.found.push(value);
        } else if name.eq_ignore_ascii_case("srcset") {
            let urls = srcset::url_ranges(value).map(|url| &value[url]);
            self.found.extend(urls);
        }
    }

    fn cut_off(&mut self, _: usize) {
        self.found.truncate(self.tag_links);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linkcheck::check;
    use crate::linkcheck::tests::kerman_site;

    #[test]
    fn scripts_styles_and_comments_are_not_scanned() {
        let html = r#"<!-- <a href="/nope1"> -->
<script>document.write('<a href="/nope2">')</script>
<SCRIPT type="module">let s = "</scripts><img src=/nope3>";</SCRIPT >
<style>a[href="/nope4"] { color: red }</style>
<script src="/kerman/nope5.js"></script>
<!---->"#;
        let outputs = kerman_site(html);
        let found = check(&outputs, "/kerman/", "/kerman/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("nope5.js"), "{found:#?}");
    }

    #[test]
    fn scanner_reads_attributes_like_a_browser() {
        let html = "<IMG SRC=a.png alt='x > y' srcset=\"b.png 1x,c.png, d.png (x,y) 2x\"><a\nhref\n=\n'e' href>";
        assert_eq!(links(html), ["a.png", "b.png", "c.png", "d.png", "e", ""]);
    }

    #[test]
    fn links_in_the_text_of_iframe_xmp_noembed_and_noframes_are_not_links() {
        // Browsers read these elements' content as text (WHATWG HTML §13.2.6.4.7),
        // so what looks like a tag inside is not followed.
        let html = r#"<iframe src="/a.html"><a href="/nope1"></iframe>
<XMP><img src="/nope2"></xmp>
<noembed><a href="/nope3"></noembed>
<noframes><a href="/nope4"></NOFRAMES>
<a href="/b.html">"#;
        assert_eq!(links(html), ["/a.html", "/b.html"]);
    }
}
