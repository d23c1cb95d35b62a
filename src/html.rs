//! HTML text: the one escaper for text that Rust code (not a template) writes into
//! HTML — citation markers, alias links, inline explainers, serve's error page.
//! Templates escape through Tera's autoescape.

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
