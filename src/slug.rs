//! Slugs: the readable last part of a URL.
//!
//! Slugs keep Unicode letters (after NFC normalisation) so a Persian or Arabic title
//! stays readable in the address bar; transliterating it to ASCII would not.

use unicode_normalization::UnicodeNormalization;

/// Turns free text into a slug: lower-case letters and digits, runs of anything else
/// collapsed to one hyphen, no hyphen at either end.
pub fn slugify(text: &str) -> String {
    // ASCII is in NFC already: read as it is, without the normaliser's work.
    if text.is_ascii() {
        slug_of(text, text.chars())
    } else {
        slug_of(text, text.nfc())
    }
}

/// [`slugify`] of `text`, read as `chars` (in NFC).
fn slug_of(text: &str, chars: impl Iterator<Item = char>) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in chars {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes join words ("Iran's" → "irans") rather than split them.
            pending_hyphen = true;
        }
    }
    slug
}

/// `text` in Unicode normalisation form C, so that ids typed or saved in decomposed
/// form (`e` + combining accent) match their composed spelling.
pub fn nfc(text: &str) -> String {
    // Ids and names are mostly ASCII, or already composed: either way as they are,
    // found without normalising them.
    if text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return text.to_owned();
    }
    text.nfc().collect()
}

/// Whether `slug` is already a plain slug: what [`slugify`] would return for it.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// The spelling of a tag that decides whether two tags are one: `text` in NFC and
/// lower case, apostrophes dropped (as [`slugify`] joins words at them), and every
/// run of separators — white space, hyphens and other dashes, `_`, `/`, `.`, `,`,
/// `:`, `;`, `·` — one space, none at either end. Everything else counts, so
/// `Gas explosion`, `gas-explosion` and `gas  Explosion` are one tag, while `C++`,
/// `C#` and `C` (all slugified to `c`) are three.
pub fn tag_key(text: &str) -> String {
    if text.is_ascii() {
        key_of(text, text.chars())
    } else {
        key_of(text, text.nfc())
    }
}

/// [`tag_key`] of `text`, read as `chars` (in NFC).
fn key_of(text: &str, chars: impl Iterator<Item = char>) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in chars.flat_map(char::to_lowercase) {
        if is_separator(c) {
            pending_space = true;
        } else if c != '\'' && c != '’' {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c);
        }
    }
    key
}

/// What only separates words in a tag: spacing, dashes (Unicode's dash punctuation),
/// and the punctuation written between the parts of a name (`US/Iran`, `Node.js`).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_' | '/' | '.' | ',' | ':' | ';' | '·' | '\u{058A}' | '\u{05BE}' | '\u{2010}'
                ..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
        )
}

/// How many characters a suggested shorter slug keeps at most (`dateline new` cuts
/// titles for file names the same way).
pub const SHORT: usize = 60;

/// `slug` cut to at most `max` characters, at its last hyphen within them when
/// there is one, never ending in a hyphen: the shorter form suggested for a slug
/// too long to be a URL segment.
pub fn shorten(slug: &str, max: usize) -> &str {
    let Some((cut, _)) = slug.char_indices().nth(max) else {
        return slug;
    };
    let head = &slug[..cut];
    if slug[cut..].starts_with('-') {
        // Cut between two words already.
        return head.trim_end_matches('-');
    }
    head.rfind('-')
        .map_or(head, |i| &head[..i])
        .trim_end_matches('-')
}

/// Vowel signs and other combining marks belong to the letter before them (Persian
/// and Arabic diacritics, Devanagari vowel signs); dropping them would change words.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x200C | 0x200D)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_titles() {
        assert_eq!(slugify("Kerman explosions"), "kerman-explosions");
        assert_eq!(
            slugify("  US strike -- Baghdad airport! "),
            "us-strike-baghdad-airport"
        );
        assert_eq!(slugify("Iran's Quds Force"), "irans-quds-force");
        assert_eq!(slugify("2024-01-03-kerman"), "2024-01-03-kerman");
    }

    #[test]
    fn keeps_unicode_letters_in_nfc() {
        assert_eq!(slugify("قاسم سلیمانی"), "قاسم-سلیمانی");
        // "é" written as e + combining acute becomes the single NFC character.
        assert_eq!(slugify("Cafe\u{301} Noir"), "caf\u{e9}-noir");
        assert_eq!(slugify("Gare de Lyon İ"), "gare-de-lyon-i\u{307}");
        assert_eq!(nfc("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(nfc("Caf\u{e9}"), "Caf\u{e9}");
        assert_eq!(nfc("afp-toll"), "afp-toll");
        assert_eq!(tag_key("Cafe\u{301}  Noir"), "caf\u{e9} noir");
    }

    #[test]
    fn tag_keys_ignore_case_spacing_and_separators_only() {
        let key = tag_key("Gas explosion");
        assert_eq!(key, "gas explosion");
        for same in [
            "gas-explosion",
            "gas  Explosion",
            " GAS_explosion ",
            "Gas–explosion",
            "gas / explosion.",
        ] {
            assert_eq!(tag_key(same), key, "{same}");
        }
        assert_eq!(tag_key("Iran's"), tag_key("Iran’s"));
        assert_eq!(tag_key("Iran's"), tag_key("irans"));
        assert_eq!(tag_key("US–Iran"), tag_key("us-iran"));
        // Symbols count: same slug, different tags.
        let (cpp, sharp, c) = (tag_key("C++"), tag_key("C#"), tag_key("C"));
        assert!(cpp != sharp && sharp != c && cpp != c);
        assert_ne!(tag_key("C++ programming"), tag_key("C programming"));
        assert_ne!(tag_key("AT&T"), tag_key("AT T"));
        assert_eq!(tag_key("Cafe\u{301}"), tag_key("CAFÉ"));
    }

    #[test]
    fn shortens_at_a_hyphen() {
        assert_eq!(shorten("kerman-explosions", 60), "kerman-explosions");
        assert_eq!(shorten("kerman-explosions", 10), "kerman");
        assert_eq!(shorten("kermanexplosions", 6), "kerman");
        assert_eq!(shorten(&"ق".repeat(200), 60), "ق".repeat(60));
        assert_eq!(shorten("ab-cd-ef", 6), "ab-cd");
        assert_eq!(shorten("ab-cd-ef", 5), "ab-cd");
    }

    #[test]
    fn validates_given_slugs() {
        assert!(is_valid("kerman-explosions"));
        assert!(is_valid("قاسم-سلیمانی"));
        assert!(!is_valid("../x"));
        assert!(!is_valid("a/b"));
        assert!(!is_valid(""));
        assert!(!is_valid("Upper"));
        assert!(!is_valid("double--hyphen"));
        assert!(!is_valid("-edge"));
    }
}
