//! Slugs: the readable last part of a URL.
//!
//! Slugs keep Unicode letters (after NFC normalisation) so a Persian or Arabic title
//! stays readable in the address bar; transliterating it to ASCII would not.

use unicode_normalization::UnicodeNormalization;

/// Turns free text into a slug: lower-case letters and digits, runs of anything else
/// collapsed to one hyphen, no hyphen at either end.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfc() {
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
    text.nfc().collect()
}

/// Whether `slug` is already a plain slug: what [`slugify`] would return for it.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
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
