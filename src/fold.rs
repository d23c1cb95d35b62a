//! Folding Persian and Arabic text for matching (SPEC §11): the one table that
//! search, alias links and wikilinks read, so that a name written with the Arabic
//! letter forms finds, and is found by, the same name written with the Persian ones.
//!
//! What folds, one character at a time (no context, no reordering):
//!
//! - Arabic kaf `ك` (U+0643) and swash kaf `ڪ` (U+06AA) → Persian kaf `ک` (U+06A9).
//! - Arabic yeh `ي` (U+064A), alef maksura `ى` (U+0649) and yeh with hamza `ئ`
//!   (U+0626) → Persian yeh `ی` (U+06CC).
//! - Alef with hamza or madda `أ إ آ ٱ` (U+0623, U+0625, U+0622, U+0671) → alef `ا`;
//!   waw with hamza `ؤ` (U+0624) → waw `و`.
//! - Teh marbuta `ة` (U+0629), heh with yeh `ۀ` (U+06C0), heh goal `ہ` (U+06C1),
//!   heh goal with hamza `ۂ` (U+06C2), ae `ە` (U+06D5) and heh doachashmee `ھ`
//!   (U+06BE) → heh `ه` (U+0647): Persian writes the Arabic `فاطمة` as `فاطمه` and
//!   the ezafe on a final heh either as `ۀ` or as `هٔ`.
//! - Arabic-Indic `٠–٩` (U+0660–0669) and Persian `۰–۹` (U+06F0–06F9) digits → ASCII
//!   `0–9`.
//! - Dropped: tatweel `ـ` (U+0640), the harakat and other Arabic marks
//!   (U+064B–065F), superscript alef (U+0670), zero-width non-joiner and joiner
//!   (U+200C, U+200D: `می‌رود` and `میرود` match), the soft hyphen (U+00AD), and the
//!   left-to-right and right-to-left marks (U+200E, U+200F).
//!
//! Everything else is kept as it is: case, Latin letters, spaces, punctuation. The
//! search page's script (`static/search.js`) holds the same table and must change
//! with it.

use std::borrow::Cow;

/// One character as matching reads it: `None` for a character matching ignores
/// (tatweel, Arabic diacritics, joiners, soft hyphen, direction marks), the
/// Persian letter for an Arabic form, the ASCII digit for an Arabic-Indic or
/// Persian one, else the character itself. See the module docs for the table.
pub fn letter(c: char) -> Option<char> {
    Some(match c {
        '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}' | '\u{200c}'..='\u{200f}' | '\u{ad}' => {
            return None;
        }
        '\u{643}' | '\u{6aa}' => '\u{6a9}',
        '\u{64a}' | '\u{649}' | '\u{626}' => '\u{6cc}',
        '\u{623}' | '\u{625}' | '\u{622}' | '\u{671}' => '\u{627}',
        '\u{624}' => '\u{648}',
        '\u{629}' | '\u{6c0}' | '\u{6c1}' | '\u{6c2}' | '\u{6d5}' | '\u{6be}' => '\u{647}',
        '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
        '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
        other => other,
    })
}

/// `text` with every character folded by [`letter`]; borrowed when nothing
/// changes (all ASCII text, and Persian already in its folded form).
#[inline]
pub fn fold(text: &str) -> Cow<'_, str> {
    // Alias links fold every word of every body: most are ASCII, and this check
    // is all they cost.
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    fold_letters(text)
}

/// [`fold`] of text that is not all ASCII.
fn fold_letters(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| letter(c) == Some(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(letter).collect())
}

/// The byte length of the shortest start of `text` that folds to `folded` (a text
/// already folded), with the ignored characters just after it included, so that a
/// match never ends between a letter and its diacritic. `None` when `text` does not
/// start so: `prefix("سليماني گفت", "سلیمانی")` is `Some(14)`.
pub fn prefix(text: &str, folded: &str) -> Option<usize> {
    if folded.is_ascii() && text.starts_with(folded) {
        let rest = &text[folded.len()..];
        let ignored = rest.len() - rest.trim_start_matches(|c| letter(c).is_none()).len();
        return Some(folded.len() + ignored);
    }
    let mut want = folded.chars();
    let mut next = want.next();
    let mut len = 0;
    for (i, c) in text.char_indices() {
        match letter(c) {
            None => {}
            Some(_) if next.is_none() => break,
            Some(f) if Some(f) == next => next = want.next(),
            Some(_) => return None,
        }
        len = i + c.len_utf8();
    }
    next.is_none().then_some(len)
}

#[cfg(test)]
mod tests {
    use super::{fold, letter, prefix};

    #[test]
    fn arabic_letter_forms_fold_to_the_persian_ones() {
        assert_eq!(fold("كرمان"), "کرمان");
        assert_eq!(fold("سليماني"), "سلیمانی");
        assert_eq!(fold("مصطفى"), "مصطفی");
        assert_eq!(fold("أحمد إيران آمل ٱلله"), "احمد ایران امل الله");
        assert_eq!(fold("مؤمن رئيس"), "مومن رییس");
        assert_eq!(fold("فاطمة"), "فاطمه");
        assert_eq!(fold("خانۀ ما"), "خانه ما");
        assert_eq!(fold("ہ ۂ ە ھ"), "ه ه ه ه");
        assert_eq!(fold("ڪرمان"), "کرمان");
    }

    #[test]
    fn tatweel_diacritics_joiners_and_marks_are_dropped() {
        assert_eq!(fold("مـــیرود"), "میرود");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("هٰذا"), "هذا");
        assert_eq!(fold("می‌رود"), "میرود");
        assert_eq!(fold("می\u{200d}رود"), "میرود");
        assert_eq!(fold("\u{200f}تهران\u{200e}"), "تهران");
        assert_eq!(fold("co\u{ad}operate"), "cooperate");
    }

    #[test]
    fn persian_and_arabic_indic_digits_are_ascii() {
        assert_eq!(fold("۱۴۰۲"), "1402");
        assert_eq!(fold("٢٠٢٤"), "2024");
        assert_eq!(letter('۰'), Some('0'));
        assert_eq!(letter('٩'), Some('9'));
    }

    #[test]
    fn everything_else_is_kept_and_borrowed() {
        assert!(matches!(
            fold("Kerman, Iran"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(fold("کرمان"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(fold("Kermān ۳"), "Kermān 3");
        assert_eq!(letter('A'), Some('A'));
        assert_eq!(letter('ک'), Some('ک'));
    }

    #[test]
    fn a_prefix_is_measured_in_the_text_as_written() {
        assert_eq!(prefix("سليماني گفت", "سلیمانی"), Some("سليماني".len()));
        assert_eq!(prefix("سلیمانیِ گفت", "سلیمانی"), Some("سلیمانیِ".len()));
        assert_eq!(prefix("می‌رود", "میرود"), Some("می‌رود".len()));
        assert_eq!(prefix("میرود", "میرود"), Some("میرود".len()));
        assert_eq!(prefix("Kerman\u{200f} is", "Kerman"), Some(9));
        assert_eq!(prefix("سلیم", "سلیمانی"), None);
        assert_eq!(prefix("کرمان", "تهران"), None);
        assert_eq!(prefix("Kerman", "Kerman"), Some(6));
    }
}
