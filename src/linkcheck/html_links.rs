//! Where a link is found: the `href`, `src` and `srcset` values of a page's start tags.
//!
//! A small tokenizer rather than a parser: it only needs tag attributes, and it must be
//! fast (one pass over the bytes, `memchr` to the next `<`) and never panic, whatever
//! the bytes. It follows WHATWG HTML §13.2.5 "Tokenization" where a link could be won
//! or lost — comments, the raw text of `<script>` and its kin, quoted values holding
//! `>`, tags cut off by the end of the file — and skips what cannot hold a link.
//! Values are returned as written, character references and all.

/// Elements whose content is text, not tags: a `<a href>` inside is not a link. WHATWG
/// HTML §13.1.2 "Elements": the raw text elements (`script`, `style`) and the escapable
/// raw text elements (`textarea`, `title`).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The raw (undecoded) text of every link in `html`: `href` and `src` values and
/// each URL of a `srcset`, in document order, repeats included; `""` for an attribute
/// with no value.
///
/// At each `<`: `<!--` skips to the end of the comment (`-->`; `<!-->` and `<!--->`
/// close at once, as the comment start states do); `<!`, `<?` and `</` skip to the
/// next `>` (doctype, CDATA, bogus comment or end tag: no link); a letter starts a tag
/// ([`start_tag`]), after which a raw text element's content is skipped; anything else
/// is text. A start tag cut off by the end of the file ends the scan, its links
/// dropped, as browsers drop it.
pub(super) fn links(html: &str) -> Vec<&str> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_from(html, i, "<") {
        i = lt + 1;
        match bytes.get(i) {
            // `<!-- -->`; `<!-->` and `<!--->` close at once, as in browsers.
            Some(b'!') if html[i..].starts_with("!--") => {
                i = find_from(html, i + 1, "-->").map_or(html.len(), |end| end + 3);
            }
            // `<!doctype>`, `<![CDATA[`, `<?xml>`, `</end>`: nothing to check.
            Some(b'!' | b'?' | b'/') => {
                i = find_from(html, i, ">").map_or(html.len(), |end| end + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                // A tag cut off by the end of the file is dropped, as browsers do.
                let Some(tag) = start_tag(html, i, &mut found) else {
                    break;
                };
                i = tag.end;
                if RAW_TEXT.iter().any(|t| t.eq_ignore_ascii_case(tag.name)) {
                    i = end_of_raw_text(html, i, tag.name);
                }
            }
            // A lone `<` in text.
            _ => {}
        }
    }
    found
}

/// A start tag: its name and where it ends (after `>`).
struct StartTag<'h> {
    name: &'h str,
    end: usize,
}

/// Parses the start tag whose name begins at `start`, following the HTML tokenizer:
/// attributes are `name`, `name=value`, `name="value"` or `name='value'`. Its links
/// are added to `links`; a tag cut off by the end of the file adds none.
///
/// The WHATWG states followed: "Tag name state", then "Before attribute name state",
/// where a `/` is skipped like a space (through the "Self-closing start tag state").
/// Unlike a browser, which keeps the first of two attributes with the same name, every
/// one of them adds its links.
fn start_tag<'h>(html: &'h str, start: usize, links: &mut Vec<&'h str>) -> Option<StartTag<'h>> {
    let bytes = html.as_bytes();
    let mut i = start;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && b != b'/' && b != b'>')
    {
        i += 1;
    }
    let name = &html[start..i];
    let before = links.len();
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => return Some(StartTag { name, end: i + 1 }),
            Some(_) => {
                let Some((attr, value, next)) = attribute(html, i) else {
                    links.truncate(before);
                    return None;
                };
                i = next;
                if attr.eq_ignore_ascii_case("href") || attr.eq_ignore_ascii_case("src") {
                    links.push(value);
                } else if attr.eq_ignore_ascii_case("srcset") {
                    links.extend(srcset_urls(value));
                }
            }
            None => {
                links.truncate(before);
                return None;
            }
        }
    }
}

/// The attribute starting at `start`: name, raw value (`""` when it has none) and the
/// offset after it. `None` when a quoted value is never closed.
///
/// WHATWG's "Attribute name state" (a first `=` belongs to the name), "After attribute
/// name state", "Before attribute value state" and the three attribute value states:
/// double-quoted, single-quoted, and unquoted, which ends at whitespace or `>`.
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

/// The URLs of a `srcset`: comma-separated candidates, each a URL then optional
/// descriptors (`2x`, `480w`). A URL may itself contain commas (`data:`), so it runs
/// to whitespace, dropping trailing commas, as the HTML standard parses it (WHATWG
/// HTML, "Parsing a srcset attribute"); descriptors run to the next comma outside
/// parentheses and are not read.
fn srcset_urls(value: &str) -> Vec<&str> {
    let bytes = value.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return urls;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| !is_space(b)) {
            i += 1;
        }
        let url = &value[start..i];
        if url.ends_with(',') {
            urls.push(url.trim_end_matches(','));
            continue;
        }
        urls.push(url);
        // Descriptors run to the next comma outside parentheses.
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
    }
}

/// Where the raw text of a `<script>` (or other raw text element) ends: at its
/// `</name`, matched without regard to case and followed by whitespace, `/`, `>` or
/// the end of the file (WHATWG's "appropriate end tag"); the end of the file if never
/// closed. The script data escape states (`<!--` inside a script) are not followed.
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

/// HTML's ASCII whitespace: tab, line feed, form feed, carriage return and space
/// (WHATWG Infra, "ASCII whitespace").
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
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
}
