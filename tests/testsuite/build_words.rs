//! The words dateline's own code writes into pages (SPEC §11) — page titles, the
//! site menu, the overview, figure values — come from the site language's
//! translation table, numbers in its digits.

use crate::helpers::Site;

/// The figures fixture in language `tag`.
fn site_in(tag: &str) -> Site {
    let site = crate::figures::site();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Figures\"\ntimezone = \"Asia/Tehran\"\nlanguage = \"{tag}\"\n\n[figures.killed]\nlabel = \"Killed\"\n\n[figures.injured]\nlabel = \"Injured\"\nunit = \"people\"\n"
        ),
    );
    site.build(&[]);
    site
}

#[test]
fn a_french_site_reads_the_build_words_in_french() {
    let site = site_in("fr");
    assert_eq!(site.page("/figures/").text("title"), "Chiffres · Figures");
    assert_eq!(site.page("/tags/").text("title"), "Étiquettes · Figures");
    let nav = site.page("/").texts(".site-nav a");
    assert_eq!(nav.first().map(String::as_str), Some("Chronologie"));
    assert!(nav.contains(&"Repères".to_owned()), "{nav:?}");
    assert!(nav.contains(&"Chiffres".to_owned()), "{nav:?}");
    assert_eq!(nav.last().map(String::as_str), Some("Recherche"));
    assert_eq!(
        site.page("/").text("#overview-title"),
        "Vue d’ensemble de la chronologie"
    );
    assert_eq!(
        site.page("/figures/killed/")
            .text(".current-figure strong.value"),
        "plus de 70"
    );
}

#[test]
fn a_persian_site_reads_the_build_words_in_persian_with_its_digits() {
    let site = site_in("fa");
    assert_eq!(site.page("/tags/").text("title"), "برچسب‌ها · Figures");
    let nav = site.page("/").texts(".site-nav a");
    assert_eq!(nav.first().map(String::as_str), Some("گاه‌شمار"));
    assert_eq!(site.page("/").text("#overview-title"), "نمای کلی گاه‌شمار");
    assert_eq!(
        site.page("/figures/killed/")
            .text(".current-figure strong.value"),
        "بیش از ۷۰"
    );
}
