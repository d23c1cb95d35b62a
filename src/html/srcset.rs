//! Where the URLs of a `srcset` attribute are: the one reading of its syntax, which the
//! link check follows (each URL checked) and the feeds rewrite (each URL made
//! absolute, the rest kept as written).

use std::ops::Range;

use super::is_space;

/// The byte ranges of the URLs in a `srcset` value, in order.
///
/// A `srcset` is comma-separated candidates, each a URL then optional descriptors
/// (`2x`, `480w`). A URL may itself contain commas (`data:`), so it runs to
/// whitespace, dropping trailing commas, as WHATWG HTML's "Parsing a srcset
/// attribute" reads it; descriptors run to the next comma outside parentheses and
/// are not read.
pub fn url_ranges(value: &str) -> UrlRanges<'_> {
    UrlRanges { value, at: 0 }
}

/// The iterator [`url_ranges`] returns.
#[derive(Debug, Clone)]
pub struct UrlRanges<'v> {
    value: &'v str,
    /// Where the next candidate, or the separators before it, start.
    at: usize,
}

impl Iterator for UrlRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.value.as_bytes();
        let mut i = self.at;
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| !is_space(b)) {
            i += 1;
        }
        let url = self.value[start..i].trim_end_matches(',');
        // A URL that ended in commas has no descriptors.
        if url.len() == i - start {
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
        self.at = i;
        Some(start..start + url.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(value: &str) -> Vec<&str> {
        url_ranges(value).map(|url| &value[url]).collect()
    }

    #[test]
    fn reads_urls_with_commas_and_descriptors_with_parentheses() {
        assert_eq!(
            urls("b.png 1x,c.png, d.png (x,y) 2x"),
            ["b.png", "c.png", "d.png"]
        );
        assert_eq!(
            urls(" data:image/png;base64,AA,BB 2x ,, e.png,, f.png"),
            ["data:image/png;base64,AA,BB", "e.png", "f.png"]
        );
        assert!(urls(",,, ,").is_empty());
        assert_eq!(urls("a ((("), ["a"]);
    }
}
