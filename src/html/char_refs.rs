//! HTML character references in an attribute value decoded, so that
//! `href="?a=1&amp;b=2"` is read as the URL a browser follows, `?a=1&b=2`: by the
//! link check, which checks it, and by the feeds, which make it absolute.
//!
//! It follows WHATWG HTML's tokenizer, §13.2.5 "Tokenization": the "Character
//! reference state" and the named and numeric character reference states after it,
//! for the few references a URL needs.

use std::borrow::Cow;

/// The character references that matter in URLs decoded: `&amp;`, `&quot;`, `&apos;`,
/// `&lt;`, `&gt;` and numeric ones. Anything else is left as written.
///
/// A named reference counts only with its `;` (and `&AMP;` is the one upper-case
/// spelling taken); a numeric one (`&#47;`, `&#x2F;`) with or without it, as browsers
/// read it. An `&` that starts no reference stays an `&`. Borrowed when `raw` has no
/// `&`.
pub fn decode_char_refs(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match char_ref(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character and byte length of the reference at the start of `s` (which starts
/// with `&`); `None` when it is not one of those [`decode_char_refs`] knows, or is
/// `&#` without digits.
///
/// A numeric reference that is zero, a surrogate or above U+10FFFF becomes U+FFFD, as
/// in WHATWG HTML's "Numeric character reference end state"; unlike it, the code points
/// 0x80–0x9F are not remapped to windows-1252 characters.
fn char_ref(s: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&AMP;", '&'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
    ];
    if let Some((name, c)) = NAMED.iter().find(|(name, _)| s.starts_with(name)) {
        return Some((*c, name.len()));
    }
    let numeric = s.strip_prefix("&#")?;
    let (digits_at, radix) = match numeric.as_bytes().first() {
        Some(b'x' | b'X') => (3, 16),
        _ => (2, 10),
    };
    let body = &s[digits_at..];
    let len = body
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(body.len());
    if len == 0 {
        return None;
    }
    // Out of range or invalid code points become U+FFFD, as in browsers.
    let c = u32::from_str_radix(&body[..len], radix)
        .ok()
        .filter(|&n| n != 0)
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let semicolon = usize::from(body[len..].starts_with(';'));
    Some((c, digits_at + len + semicolon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_refs_are_decoded_like_a_browser() {
        assert_eq!(
            decode_char_refs("a&amp;b&#39;&#x27;&quot;&lt;&gt;&#65&zz;&"),
            "a&b''\"<>A&zz;&"
        );
        assert_eq!(decode_char_refs("&#x110000;&#0;"), "\u{FFFD}\u{FFFD}");
    }
}
