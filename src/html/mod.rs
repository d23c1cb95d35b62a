//! HTML as Rust code reads and writes it, outside templates (which escape through
//! Tera's autoescape). Not a parser: nothing here builds a tree.
//!
//! - [`escape`], in this file: the one escaper for text that Rust code writes into
//!   HTML — citation markers, alias links, inline explainers, serve's error page.
//! - [`tokens`]: the one HTML tokenizer, which reads tags, attributes, comments and
//!   raw text as browsers do. The link check finds links with it
//!   (`linkcheck/html_links.rs`) and the feeds rewrite event bodies with it
//!   (`render/feed_html.rs`).
//! - [`char_refs`]: the character references of an attribute value decoded.
//! - [`srcset`]: where the URLs of a `srcset` attribute are.

pub mod char_refs;
pub mod srcset;
pub mod tokens;

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by their character references,
/// safe in element content and in quoted attribute values (HTML Living Standard,
/// "Serializing HTML fragments", escaping a string).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML's ASCII whitespace: tab, line feed, form feed, carriage return and space
/// (WHATWG Infra, "ASCII whitespace").
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_html_needs() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("کرمان"), "کرمان");
    }
}
