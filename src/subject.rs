//! The subject of a question title: "Who is Qasem Soleimani" is about Qasem Soleimani,
//! "What is the Sabzrud Dam" about the Sabzrud Dam.
//!
//! One rule for every place that reads a title this way: `dateline new explainer`
//! (the file's id and its `subject`), inline explainer sections (`## What is a
//! spillway {#spillway .explainer}`), and load's loose reading of a file that failed
//! to parse. The subject is what alias links look for in event bodies, so the words
//! that only make the title a question — the question itself and the article after it
//! — are left out: `the Sabzrud Dam` would never link "Sabzrud Dam". This module knows
//! nothing about files or explainers: text in, text out.
//!
//! The built-in languages are those the theme speaks (SPEC §11): English, French,
//! Spanish, German and Arabic ask at the start ("¿Qué es el…", "ما هو…"), Persian at the
//! end ("سپاه قدس چیست"). Arabic's article `ال` is part of the word and is kept.

/// A language's ways of asking "who/what/where is", and its articles.
struct Language {
    /// Question openings, lower case, `'` for any apostrophe. One that ends in an
    /// apostrophe (`qu'est-ce qu'`) runs straight into the subject; any other needs a
    /// space after it.
    leads: &'static [&'static str],
    /// Question endings (Persian), preceded by a space.
    tails: &'static [&'static str],
    /// Articles, lower case; one ending in an apostrophe (`l'`) is elided.
    articles: &'static [&'static str],
}

const LANGUAGES: &[Language] = &[
    // English
    Language {
        leads: &[
            "who is",
            "who was",
            "who are",
            "who were",
            "who's",
            "what is",
            "what was",
            "what are",
            "what were",
            "what's",
            "where is",
            "where was",
            "where are",
        ],
        tails: &[],
        articles: &["the", "a", "an"],
    },
    // French
    Language {
        leads: &[
            "qu'est-ce que",
            "qu'est-ce qu'",
            "qu'est ce que",
            "qu'est ce qu'",
            "qui est",
            "qui était",
            "qui sont",
            "qui étaient",
            "que sont",
            "où est",
            "où se trouve",
        ],
        tails: &[],
        articles: &["le", "la", "les", "l'", "un", "une"],
    },
    // Spanish; the opening `¿` is optional, and so are the accents, which headlines
    // and keyboards often drop.
    Language {
        leads: &[
            "qué es",
            "que es",
            "qué son",
            "que son",
            "qué fue",
            "que fue",
            "quién es",
            "quien es",
            "quién fue",
            "quien fue",
            "quiénes son",
            "quienes son",
            "dónde está",
            "donde esta",
        ],
        tails: &[],
        articles: &["el", "la", "los", "las", "un", "una"],
    },
    // German
    Language {
        leads: &[
            "was ist",
            "was sind",
            "was war",
            "was waren",
            "wer ist",
            "wer war",
            "wer sind",
            "wer waren",
            "wo ist",
            "wo liegt",
        ],
        tails: &[],
        articles: &["der", "die", "das", "ein", "eine"],
    },
    // Arabic: `ال` is written as part of the noun, so there is no article to strip.
    Language {
        leads: &[
            "ما هو",
            "ما هي",
            "ما هى",
            "ما هم",
            "من هو",
            "من هي",
            "من هى",
            "من هم",
            "أين يقع",
            "أين تقع",
        ],
        tails: &[],
        articles: &[],
    },
    // Persian asks at the end: "قاسم سلیمانی کیست", "سپاه قدس چیست؟".
    Language {
        leads: &[],
        tails: &["چیست", "کیست", "کیستند", "چه بود", "که بود", "کجاست"],
        articles: &[],
    },
];

/// What a question title is about, or `None` when `title` is not a question of a
/// form this module knows. The question words, a trailing question mark and an
/// article right after the question are left out: "What is the Sabzrud Dam?" →
/// `Sabzrud Dam`, "¿Qué es el Estado Islámico?" → `Estado Islámico`, "سپاه قدس
/// چیست؟" → `سپاه قدس`.
///
/// An article written with a capital in a sentence-case title is part of a name
/// and is kept: "What is The Hague", "¿Qué es El Salvador?". In a title-case title
/// ("What Is The Quds Force") every word has a capital, so the article goes.
pub fn subject_of(title: &str) -> Option<String> {
    let title = title.trim_matches(is_space);
    let asked = title
        .trim_start_matches('¿')
        .trim_end_matches(|c: char| c == '?' || c == '؟' || is_space(c));
    let subject = LANGUAGES
        .iter()
        .filter_map(|language| after_lead(asked, language).or_else(|| before_tail(asked, language)))
        // The longest question wins: `qu'est-ce que` over a shorter opening.
        .min_by_key(|subject| subject.len())?;
    let subject = subject.trim_matches(is_space);
    (!subject.is_empty()).then(|| subject.to_owned())
}

/// The rest of `title` after one of `language`'s question openings and the article
/// that may follow it.
fn after_lead<'t>(title: &'t str, language: &Language) -> Option<&'t str> {
    let (lead, rest) = language
        .leads
        .iter()
        .filter_map(|lead| {
            let rest = strip_prefix_folded(title, lead)?;
            let joined = lead.ends_with('\'');
            let boundary = if joined {
                rest.starts_with(|c: char| c.is_alphanumeric())
            } else {
                rest.starts_with(is_space)
            };
            boundary.then(|| (&title[..title.len() - rest.len()], rest))
        })
        .min_by_key(|(_, rest)| rest.len())?;
    let rest = rest.trim_start_matches(is_space);
    // "What Is The …": every word capitalised, so a capital says nothing.
    let title_case = lead
        .split(is_space)
        .skip(1)
        .any(|word| word.starts_with(char::is_uppercase));
    Some(strip_article(rest, language.articles, title_case).unwrap_or(rest))
}

/// `text` without a leading article, when there is one and it may go.
fn strip_article<'t>(text: &'t str, articles: &[&str], title_case: bool) -> Option<&'t str> {
    articles.iter().find_map(|article| {
        let rest = strip_prefix_folded(text, article)?;
        let written = &text[..text.len() - rest.len()];
        if !title_case && written.starts_with(char::is_uppercase) {
            return None;
        }
        let rest = if article.ends_with('\'') {
            rest
        } else {
            rest.strip_prefix(is_space)?
        };
        let rest = rest.trim_start_matches(is_space);
        // A title that is only "What is the" has no subject after the article.
        rest.starts_with(|c: char| c.is_alphanumeric())
            .then_some(rest)
    })
}

/// The start of `title` before one of `language`'s question endings.
fn before_tail<'t>(title: &'t str, language: &Language) -> Option<&'t str> {
    language.tails.iter().find_map(|tail| {
        let head = title.strip_suffix(tail)?;
        head.ends_with(is_space).then_some(head)
    })
}

/// `text` without `prefix`, compared without case and with every apostrophe (`'`,
/// `’`) alike.
fn strip_prefix_folded<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for want in prefix.chars() {
        let (_, got) = chars.next()?;
        let got = if got == '’' { '\'' } else { got };
        if !got.to_lowercase().eq(std::iter::once(want)) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// Spaces, the no-break ones included: French puts one before `?`.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

#[cfg(test)]
mod tests {
    use super::subject_of;

    /// Each title with the subject it must give.
    fn check(cases: &[(&str, Option<&str>)]) {
        for (title, expected) in cases {
            assert_eq!(subject_of(title).as_deref(), *expected, "{title}");
        }
    }

    #[test]
    fn english_questions_lose_the_question_and_the_article() {
        check(&[
            ("Who is Qasem Soleimani", Some("Qasem Soleimani")),
            ("What is the Sabzrud Dam", Some("Sabzrud Dam")),
            ("What is the Quds Force?", Some("Quds Force")),
            ("What is a spillway", Some("spillway")),
            ("What is an IRGC", Some("IRGC")),
            ("Who was Qasem Soleimani?", Some("Qasem Soleimani")),
            ("Who are the Houthis", Some("Houthis")),
            ("Where is Kerman", Some("Kerman")),
            ("What’s the IRGC?", Some("IRGC")),
            ("WHO IS Qasem Soleimani", Some("Qasem Soleimani")),
            ("What Is The Quds Force", Some("Quds Force")),
        ]);
    }

    #[test]
    fn a_capital_article_in_a_sentence_case_title_is_part_of_a_name() {
        check(&[
            ("What is The Hague", Some("The Hague")),
            ("¿Qué es El Salvador?", Some("El Salvador")),
            ("Was ist Die Linke", Some("Die Linke")),
        ]);
    }

    #[test]
    fn titles_that_are_not_questions_have_no_subject() {
        check(&[
            ("The Quds Force", None),
            ("Qasem Soleimani", None),
            // A question word must be a whole word.
            ("Whois records", None),
            ("Whatever is next", None),
            ("What is", None),
            ("What is ?", None),
            // Nothing after the article: the article is the subject.
            ("What is the", Some("the")),
            // "Theatre" starts with "the" but is not an article.
            ("What is theatre", Some("theatre")),
            ("What is another name", Some("another name")),
        ]);
    }

    #[test]
    fn french_questions() {
        check(&[
            (
                "Qu'est-ce que le barrage de Sabzrud ?",
                Some("barrage de Sabzrud"),
            ),
            ("Qu’est-ce que la force Qods\u{202f}?", Some("force Qods")),
            (
                "Qu'est-ce que l'Organisation des moudjahidines du peuple",
                Some("Organisation des moudjahidines du peuple"),
            ),
            ("Qu'est-ce qu'Al-Qaïda ?", Some("Al-Qaïda")),
            (
                "Qu'est-ce que les Gardiens de la révolution",
                Some("Gardiens de la révolution"),
            ),
            ("Qui est Qasem Soleimani ?", Some("Qasem Soleimani")),
            ("Qui était Qasem Soleimani", Some("Qasem Soleimani")),
            ("Qu'est-ce que Le Monde", Some("Le Monde")),
            ("Où se trouve Kerman ?", Some("Kerman")),
        ]);
    }

    #[test]
    fn spanish_questions() {
        check(&[
            ("¿Qué es el Estado Islámico?", Some("Estado Islámico")),
            ("¿Qué es la Fuerza Quds?", Some("Fuerza Quds")),
            ("Qué son los hutíes", Some("hutíes")),
            ("¿Qué son las milicias?", Some("milicias")),
            ("Que es una presa", Some("presa")),
            ("¿Quién es Qasem Soleimani?", Some("Qasem Soleimani")),
            ("Quien fue Qasem Soleimani", Some("Qasem Soleimani")),
            ("¿Qué es Los Ángeles?", Some("Los Ángeles")),
        ]);
    }

    #[test]
    fn german_questions() {
        check(&[
            ("Was ist die Quds-Einheit?", Some("Quds-Einheit")),
            ("Was ist der Sabzrud-Staudamm", Some("Sabzrud-Staudamm")),
            ("Was ist das Parlament", Some("Parlament")),
            ("Was ist eine Talsperre", Some("Talsperre")),
            ("Wer war Qasem Soleimani?", Some("Qasem Soleimani")),
            ("Was sind die Huthi", Some("Huthi")),
        ]);
    }

    #[test]
    fn arabic_questions_keep_the_article_joined_to_the_word() {
        check(&[
            ("من هو قاسم سليماني", Some("قاسم سليماني")),
            ("من هو قاسم سليماني؟", Some("قاسم سليماني")),
            ("ما هو الحرس الثوري؟", Some("الحرس الثوري")),
            ("ما هي قوة القدس", Some("قوة القدس")),
            ("ما هى قوة القدس", Some("قوة القدس")),
            ("من هم الحوثيون", Some("الحوثيون")),
            // `ما هوية` ("what identity") does not start with the question `ما هو`.
            ("ما هوية المنفذين", None),
        ]);
    }

    #[test]
    fn persian_questions_end_with_the_question_word() {
        check(&[
            ("قاسم سلیمانی کیست", Some("قاسم سلیمانی")),
            ("سپاه قدس چیست؟", Some("سپاه قدس")),
            ("سپاه قدس چیست ؟", Some("سپاه قدس")),
            ("قاسم سلیمانی که بود؟", Some("قاسم سلیمانی")),
            ("کرمان کجاست", Some("کرمان")),
            // A word that only ends like the question word is not the question.
            ("سپاه قدس", None),
            ("چیست", None),
        ]);
    }
}
