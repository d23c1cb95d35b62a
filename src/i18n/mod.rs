//! Languages (SPEC §11): which way a language is written, the theme's words in it
//! ([`strings`]), and dates in its digits, month names and calendar ([`dates`]).
//!
//! A language is named by its BCP 47 tag as written in `dateline.toml` or front
//! matter (`fa`, `ar`, `pt-BR`); only its primary subtag decides its direction and
//! which built-in table it uses.

pub mod dates;
pub mod strings;

/// Which way a language's script runs: the `dir` attribute of the pages and list
/// entries in it (HTML Living Standard, "The dir attribute").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left to right: `dir="ltr"`.
    Ltr,
    /// Right to left: `dir="rtl"`.
    Rtl,
}

impl Dir {
    /// The attribute value: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

/// Primary language subtags written right to left in their usual script (CLDR's
/// `characterOrder` of `right-to-left`): Arabic, Persian, Hebrew, Urdu, Pashto,
/// Sindhi, Uyghur, Yiddish, Dhivehi, Central Kurdish, Syriac, N'Ko, Balochi
/// (Western), Mazanderani, Northern Luri, Southern Azerbaijani, Kashmiri.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "nqo", "bgn", "mzn",
    "lrc", "azb", "ks",
];

/// What to write instead of a tag that is not one, for every place a language is
/// given (`dateline.toml`, front matter, `new --language`).
pub const TAG_HELP: &str =
    "write the language's code: `fa` for Persian, `ar` for Arabic, `en`, `fr`, `pt-BR`";

/// Whether `tag` is shaped like a BCP 47 language tag (RFC 5646 §2.1): a primary
/// language subtag of two or three letters, then subtags of one to eight letters or
/// digits, hyphen-separated: `fa`, `pt-BR`, `az-Arab`, `ar-u-nu-latn`. Its
/// meaning is not checked: an unknown language reads in English.
pub fn is_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The primary subtag of a BCP 47 tag, lowercased: `pt-BR` → `pt`, `FA` → `fa`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The direction `tag` is written in: right to left for the languages of
/// the right-to-left list in this module, unless a script subtag says otherwise (`az-Arab` is right to
/// left, `ku-Latn` and `sd-Deva` are not).
pub fn direction(tag: &str) -> Dir {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let script = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    match script.map(str::to_ascii_lowercase).as_deref() {
        Some("arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg") => Dir::Rtl,
        Some(_) => Dir::Ltr,
        None if RIGHT_TO_LEFT.contains(&language.as_str()) => Dir::Rtl,
        None => Dir::Ltr,
    }
}

/// The direction of a line of text, from its first letter, as the Unicode
/// Bidirectional Algorithm finds a paragraph's (UAX #9, rules P2 and P3, which HTML's
/// `dir="auto"` follows): right to left when the first letter is of a right-to-left
/// script (Hebrew, Arabic and Persian, Syriac, Thaana, N'Ko and the others of the
/// blocks U+0590–U+08FF, their presentation forms, and the right-to-left blocks of
/// the supplementary planes), else left to right. Digits, punctuation and marks are
/// passed over, so `۱۴۰۲ دی` is right to left and `2024 (۱۴۰۲)` left to right; text
/// without a letter is left to right. A letter stands in for UAX #9's strong
/// characters: the few symbols of class L that are not letters do not start a
/// label here.
pub fn text_direction(text: &str) -> Dir {
    let first = text.chars().find(|c| c.is_alphabetic());
    match first.map(u32::from) {
        Some(
            0x0590..=0x08FF
            | 0xFB1D..=0xFDFF
            | 0xFE70..=0xFEFF
            | 0x1_0800..=0x1_0FFF
            | 0x1_E800..=0x1_EFFF,
        ) => Dir::Rtl,
        _ => Dir::Ltr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_takes_its_direction_from_its_first_letter() {
        assert_eq!(text_direction("۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)"), Dir::Rtl);
        assert_eq!(text_direction("جمادى الآخرة ١٤٤٥ هـ"), Dir::Rtl);
        assert_eq!(text_direction("שלום"), Dir::Rtl);
        assert_eq!(text_direction("(کشته‌شدگان) Killed"), Dir::Rtl);
        assert_eq!(text_direction("Killed (کشته‌شدگان)"), Dir::Ltr);
        assert_eq!(text_direction("2024 (۱۴۰۲)"), Dir::Ltr);
        assert_eq!(text_direction("3 janv. 2024"), Dir::Ltr);
        // Digits alone, Latin, Persian or Arabic-Indic, have no direction of their
        // own: left to right, as a paragraph without a letter is.
        assert_eq!(text_direction("۱۲۰۰"), Dir::Ltr);
        assert_eq!(text_direction("١٢٠٠"), Dir::Ltr);
        assert_eq!(text_direction(""), Dir::Ltr);
    }

    #[test]
    fn direction_follows_the_language_and_its_script() {
        assert_eq!(direction("fa"), Dir::Rtl);
        assert_eq!(direction("ar"), Dir::Rtl);
        assert_eq!(direction("fa-IR"), Dir::Rtl);
        assert_eq!(direction("he"), Dir::Rtl);
        assert_eq!(direction("ur"), Dir::Rtl);
        assert_eq!(direction("en"), Dir::Ltr);
        assert_eq!(direction("pt-BR"), Dir::Ltr);
        assert_eq!(direction("az-Arab"), Dir::Rtl);
        assert_eq!(direction("ku-Latn"), Dir::Ltr);
        assert_eq!(direction("sd-Deva"), Dir::Ltr);
        assert_eq!(primary("pt-BR"), "pt");
    }
}
