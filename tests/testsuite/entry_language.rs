//! Languages of list entries (SPEC §11): an event or explainer written in another
//! language than the site's sets its own page's `<html lang>`, and the `lang` of
//! its title and summary wherever a list shows it — the timeline, tag, source and
//! explainer lists, an event's neighbours, and search results. A site all in one
//! language carries no `lang` on its entries: `<html lang>` says it.

use super::helpers::Site;

const PERSIAN_TITLE: &str = "انفجار در کرمان";
const PERSIAN_SUMMARY: &str = "دو انفجار نزدیک آرامگاه.";

/// The basic English site with a Persian event citing AFP, tagged `Attacks`, and
/// a Persian explainer.
fn site() -> Site {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-01-05-kerman-fa.md",
        &format!(
            "---\ntitle: {PERSIAN_TITLE}\nsummary: {PERSIAN_SUMMARY}\nlanguage: fa\n\
             sources: [afp]\ntags: [Attacks]\n---\nپلیس دو جاده را بست [@afp].\n"
        ),
    )
    .file(
        "content/explainers/kerman-fa.md",
        "---\ntitle: کرمان\nsummary: شهری در جنوب شرقی ایران.\nlanguage: fa\n---\nمتن.\n",
    );
    site
}

/// The `lang` of each element matching `selector`, by its trimmed text ("" when it
/// has none).
fn langs(page: &super::helpers::Page, selector: &str) -> Vec<(String, String)> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.0
        .select(&selector)
        .map(|e| {
            let text = e.text().collect::<String>().trim().to_owned();
            (text, e.value().attr("lang").unwrap_or("").to_owned())
        })
        .collect()
}

fn pair(text: &str, lang: &str) -> (String, String) {
    (text.to_owned(), lang.to_owned())
}

#[test]
fn a_page_in_another_language_says_so_and_so_do_its_entries_everywhere() {
    let site = site();
    site.build(&[]);

    let event = site.page("/2024/01/05/kerman-fa/");
    assert_eq!(event.attrs("html", "lang"), ["fa"]);
    assert_eq!(event.attrs("html", "dir"), ["rtl"]);
    // Its English neighbour, listed on the Persian page, says it is English.
    assert_eq!(
        langs(&event, ".prev span[dir]"),
        [pair("Day of mourning", "en")]
    );
    let english = site.page("/2024/01/04/mourning/");
    assert_eq!(english.attrs("html", "lang"), ["en"]);
    assert!(english.attrs("html", "dir").is_empty());
    assert_eq!(
        langs(&english, ".next span[dir]"),
        [pair(PERSIAN_TITLE, "fa")]
    );

    let timeline = site.page("/");
    assert_eq!(
        langs(&timeline, ".event-title"),
        [
            pair("Soleimani killed", "en"),
            pair("Kerman explosions", "en"),
            pair("Day of mourning", "en"),
            pair(PERSIAN_TITLE, "fa"),
        ]
    );
    assert_eq!(
        langs(&timeline, ".event-item .summary"),
        [
            pair("A US drone strike kills him.", "en"),
            pair("Two blasts near the grave.", "en"),
            pair("A national day of mourning.", "en"),
            pair(PERSIAN_SUMMARY, "fa"),
        ]
    );

    let tag = site.page("/tags/attacks/");
    assert_eq!(
        langs(&tag, ".event-title"),
        [
            pair("Kerman explosions", "en"),
            pair("Day of mourning", "en"),
            pair(PERSIAN_TITLE, "fa"),
        ]
    );
    let source = site.page("/sources/afp/");
    let claims = langs(&source, ".meta a[dir]");
    assert!(claims.contains(&pair(PERSIAN_TITLE, "fa")), "{claims:?}");
    assert!(
        claims.contains(&pair("Kerman explosions", "en")),
        "{claims:?}"
    );

    let explainers = site.page("/explainers/");
    assert_eq!(
        langs(&explainers, ".card-list h2"),
        [pair("Who is Qasem Soleimani", "en"), pair("کرمان", "fa")]
    );
    assert_eq!(
        site.page("/explainers/kerman-fa/").attrs("html", "lang"),
        ["fa"]
    );

    // Search results draw `lang` from the document.
    let docs = site.json("search/docs/0.json");
    let langs: Vec<(&str, &str)> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["title"].as_str().unwrap(), d["lang"].as_str().unwrap()))
        .collect();
    assert_eq!(
        langs,
        [
            ("Soleimani killed", "en"),
            ("Kerman explosions", "en"),
            ("Day of mourning", "en"),
            (PERSIAN_TITLE, "fa"),
        ]
    );
}

#[test]
fn a_site_all_in_one_language_puts_lang_only_on_the_page() {
    let site = Site::basic();
    // A `language` that is the site's own is no other language.
    site.file(
        "content/events/2024/2024-01-05-roads.md",
        "---\ntitle: Roads closed\nlanguage: en\n---\nText.\n",
    );
    site.build(&[]);
    for url in [
        "/",
        "/tags/attacks/",
        "/sources/afp/",
        "/explainers/",
        "/2024/01/04/mourning/",
    ] {
        let page = site.page(url);
        assert_eq!(page.attrs("html", "lang"), ["en"], "{url}");
        assert_eq!(page.count("body [lang]"), 0, "{url}");
    }
    let docs = site.json("search/docs/0.json");
    assert!(
        docs.as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("lang").is_none())
    );

    // A Persian site with no page in another language: none either.
    let site = Site::new();
    site.file("dateline.toml", "title = \"گاه‌شمار\"\nlanguage = \"fa\"\n")
        .file(
            "content/events/2024-01-03-kerman.md",
            &format!("---\ntitle: {PERSIAN_TITLE}\nlanguage: fa\n---\nمتن.\n"),
        );
    site.build(&[]);
    let timeline = site.page("/");
    assert_eq!(timeline.attrs("html", "lang"), ["fa"]);
    assert_eq!(timeline.attrs("html", "dir"), ["rtl"]);
    assert_eq!(timeline.count("body [lang]"), 0);
}
