//! Persian content (SPEC §11): addresses that stay readable on pages and are
//! percent-encoded wherever a machine reads them, matching that folds the Arabic and
//! Persian forms of a letter, and the Persian example site `examples/persian/`.

use std::path::Path;

use crate::helpers::{Page, Site, dateline};

/// The event path of `2024-01-03-انفجار-کرمان`, percent-encoded (UTF-8 bytes).
const ENCODED: &str =
    "2024/01/03/%D8%A7%D9%86%D9%81%D8%AC%D8%A7%D8%B1-%DA%A9%D8%B1%D9%85%D8%A7%D9%86/";

/// A site published at an absolute address with one Persian-titled event.
fn persian_event_site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"کرمان\"\nbase_url = \"https://example.org/fa/\"\nlanguage = \"fa\"\ntimezone = \"Asia/Tehran\"\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: خبرگزاری فرانسه\nshort: AFP\n---\nخبرگزاری.\n",
    )
    .file(
        "content/events/2024-01-03-انفجار-کرمان.md",
        "---\ntitle: انفجار در کرمان\nsources: [afp]\n---\nدو انفجار رخ می‌دهد.\n",
    );
    site
}

#[test]
fn a_persian_slug_is_written_as_it_reads_and_linked_readably_on_pages() {
    let site = persian_event_site();
    site.build(&[]);
    assert!(
        site.path("public/2024/01/03/انفجار-کرمان/index.html")
            .is_file()
    );
    // Pages link people by the readable address (browsers encode it themselves).
    let home = site.page("/");
    assert!(
        home.attrs("a", "href")
            .contains(&"/fa/2024/01/03/انفجار-کرمان/".to_owned()),
        "{:?}",
        home.attrs("a", "href")
    );
}

#[test]
fn machine_read_addresses_of_a_persian_slug_are_percent_encoded() {
    let site = persian_event_site();
    site.build(&[]);
    let url = format!("https://example.org/fa/{ENCODED}");

    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{sitemap}");
    assert!(!sitemap.contains("انفجار"), "{sitemap}");

    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains(&format!(
            "<link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>"
        )),
        "{atom}"
    );
    assert!(atom.contains(&format!("<id>{url}</id>")), "{atom}");

    let feed = site.json("feed.json");
    assert_eq!(feed["items"][0]["id"], url.as_str());
    assert_eq!(feed["items"][0]["url"], url.as_str());

    let timeline = site.json("timeline.json");
    let text = timeline["events"][0]["text"]["text"].as_str().unwrap();
    assert!(text.contains(&format!("<a href=\"{url}\">")), "{text}");

    let docs = site.json("search/docs/0.json");
    assert_eq!(docs[0]["url"], format!("/fa/{ENCODED}").as_str());

    let page = site.page("/2024/01/03/انفجار-کرمان/");
    assert_eq!(page.attrs("link[rel=canonical]", "href"), [url.as_str()]);
    assert_eq!(
        page.attrs("meta[property='og:url']", "content"),
        [url.as_str()]
    );
    assert_eq!(page.json_ld()["url"], url.as_str());

    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.org/fa/sitemap.xml\n")
    );
}

/// A site whose explainers' names and aliases are in Persian letters, and whose
/// events write them with Arabic letters, tatweel, diacritics or another joiner.
fn folding_site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"T\"\nlanguage = \"fa\"\ntimezone = \"Asia/Tehran\"\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: AFP\n---\nA news agency.\n",
    )
    .file(
        "content/explainers/soleimani.md",
        "---\ntitle: قاسم سلیمانی کیست\nsubject: قاسم سلیمانی\naliases: [سلیمانی]\n---\nفرمانده.\n",
    )
    .file(
        "content/explainers/mosque.md",
        "---\ntitle: مسجد صاحب‌الزمان\naliases: [مسجد صاحب‌الزمان]\n---\nمسجدی در کرمان.\n",
    )
    .file(
        "content/events/2024-01-01-arabic-yeh.md",
        "---\ntitle: One\nsources: [afp]\n---\nسخنان سليماني در ۱۴۰۲ [@afp].\n",
    )
    .file(
        "content/events/2024-01-02-diacritics.md",
        "---\ntitle: Two\nsources: [afp]\n---\nسُلَیمـانی گفت [@afp].\n",
    )
    .file(
        "content/events/2024-01-03-joiner.md",
        "---\ntitle: Three\nsources: [afp]\n---\nنزدیک مسجد صاحبالزمان [@afp].\n",
    )
    .file(
        "content/events/2024-01-04-wikilink.md",
        "---\ntitle: Four\nsources: [afp]\n---\nدربارهٔ [[سليماني]] [@afp].\n",
    );
    site
}

/// The explainer links of the body of the event at `path`: `(href, text)`.
fn body_links(site: &Site, path: &str) -> Vec<(String, String)> {
    let page = site.page(path);
    let hrefs = page.attrs(".event .body a[href*='/explainers/']", "href");
    let texts = page.texts(".event .body a[href*='/explainers/']");
    hrefs.into_iter().zip(texts).collect()
}

#[test]
fn aliases_and_wikilinks_match_across_arabic_and_persian_letter_forms() {
    let site = folding_site();
    let output = site.run(&["check", "--strict"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site.build(&[]);
    let soleimani = "/explainers/soleimani/".to_owned();
    // Arabic yeh (ي) for Persian yeh (ی).
    assert_eq!(
        body_links(&site, "/2024/01/01/arabic-yeh/"),
        [(soleimani.clone(), "سليماني".to_owned())]
    );
    // Diacritics and a tatweel inside the name.
    assert_eq!(
        body_links(&site, "/2024/01/02/diacritics/"),
        [(soleimani.clone(), "سُلَیمـانی".to_owned())]
    );
    // The alias has a zero-width non-joiner where the text has none.
    assert_eq!(
        body_links(&site, "/2024/01/03/joiner/"),
        [(
            "/explainers/mosque/".to_owned(),
            "مسجد صاحبالزمان".to_owned()
        )]
    );
    // A wikilink names the explainer by its alias in Arabic letters.
    assert_eq!(
        body_links(&site, "/2024/01/04/wikilink/"),
        [(soleimani, "سليماني".to_owned())]
    );
}

#[test]
fn the_search_index_holds_the_folded_words() {
    let site = folding_site();
    site.build(&[]);
    let index = site.json("search/index.json");
    let shards = index["shards"].as_u64().unwrap();
    let keys: Vec<String> = (0..shards)
        .flat_map(|k| {
            let shard = site.json(&format!("search/terms/{k}.json"));
            shard
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    // `سليماني`, `سُلَیمـانی` and `سلیمانی` are one word; `۱۴۰۲` is `1402`.
    for word in ["سلیمانی", "صاحبالزمان", "1402"] {
        assert!(keys.contains(&word.to_owned()), "no {word} in {keys:?}");
    }
    for word in ["سليماني", "سُلَیمـانی", "صاحب‌الزمان", "۱۴۰۲"] {
        assert!(!keys.contains(&word.to_owned()), "{word} in {keys:?}");
    }
}

/// The Persian example built into a temp folder: the folder, and the page at
/// `path` in it.
struct Example {
    out: tempfile::TempDir,
}

impl Example {
    fn build() -> Example {
        let out = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/persian");
        for command in ["check", "build"] {
            let mut run = dateline();
            run.arg(command).arg("--root").arg(&root);
            if command == "check" {
                run.arg("--strict");
            } else {
                run.arg("--output").arg(out.path().join("public"));
            }
            let output = run.output().unwrap();
            assert!(
                output.status.success(),
                "{command}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            // No warnings either.
            assert!(
                !String::from_utf8_lossy(&output.stderr).contains("warning"),
                "{command}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Example { out }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.path().join("public").join(rel)).unwrap()
    }

    fn page(&self, path: &str) -> Page {
        Page(scraper::Html::parse_document(&self.read(&format!(
            "{}index.html",
            path.trim_start_matches('/')
        ))))
    }
}

#[test]
fn the_persian_example_builds_in_persian_with_solar_hijri_dates() {
    let site = Example::build();
    let home = site.page("/");
    assert_eq!(home.attrs("html", "lang"), ["fa"]);

    let event = site.page("/2024/01/03/انفجار-کرمان/");
    assert_eq!(event.attrs("html", "lang"), ["fa"]);
    assert_eq!(
        event.text("h1"),
        "دو انفجار در سالگرد کشته‌شدن سلیمانی جمعیت را بر سر مزار او هدف می‌گیرد"
    );
    // 3 January 2024 is 13 Dey 1402, in Persian digits, the Gregorian date beside.
    assert_eq!(
        event.texts(".event-header time[datetime='2024-01-03']"),
        ["۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)"]
    );
    // Lists written in a line take the Persian comma.
    assert_eq!(
        event.texts(".related .reasons")[0],
        "برچسب‌های مشترک: سلیمانی، کرمان"
    );
    // A month and a year that span two Persian months and years show both.
    let month = site.page("/2020/01/تشییع-سلیمانی/");
    assert_eq!(
        month.texts(".event-header time[datetime='2020-01']"),
        ["۱۳۹۸ دی–بهمن (ژانویه ۲۰۲۰)"]
    );
    let year = site.page("/2020/آرامگاه-سلیمانی/");
    assert_eq!(
        year.texts(".event-header time[datetime='2020']"),
        ["۱۳۹۸–۱۳۹۹ (۲۰۲۰)"]
    );

    // The sitemap gives the Persian address percent-encoded.
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(&format!(
            "<loc>https://example.org/kerman-fa/{ENCODED}</loc>"
        )),
        "{sitemap}"
    );

    // `سليماني` and `نيروي قدس`, written with Arabic yeh, link the explainers
    // whose names are written with the Persian one.
    let toll = site.page("/2024/01/03/بیش-از-هفتاد-کشته/");
    assert_eq!(
        toll.attrs("a.alias", "href"),
        ["/kerman-fa/explainers/قاسم-سلیمانی/"]
    );
    assert_eq!(toll.texts("a.alias"), ["سليماني"]);
    let strike = site.page("/2020/01/03/کشته-شدن-سلیمانی/");
    assert_eq!(strike.texts("a.alias"), ["قاسم سلیمانی", "نيروي قدس"]);

    // The figure's chart, named in Persian, has ASCII ids.
    let figure = site.page("/figures/کشتگان/");
    assert_eq!(figure.attrs("svg.chart title", "id"), ["chart-1-title"]);
}
