//! The search page and its index (SPEC §10): `/search/`, and under `search/` a term
//! index split into shards and the events' search documents split into chunks,
//! which the page's script reads a few files at a time.

use serde_json::json;

use crate::helpers::Site;

/// Every key of every shard of a built site, with its events.
fn terms(site: &Site) -> serde_json::Map<String, serde_json::Value> {
    let index = site.json("search/index.json");
    let shards = index["shards"].as_u64().unwrap();
    let mut all = serde_json::Map::new();
    for k in 0..shards {
        let shard = site.json(&format!("search/terms/{k}.json"));
        for (key, events) in shard.as_object().unwrap() {
            // Each word is in the shard its first three characters choose, each
            // filter key in the one the whole key chooses.
            let take = if key.contains(':') { usize::MAX } else { 3 };
            let chosen = (key.chars().take(take)).fold(0, |h, c| (h * 31 + u64::from(c)) % shards);
            assert_eq!(chosen, k, "{key} is in shard {k}");
            // Events are written as the first and the differences that follow.
            let mut n = 0;
            let events: Vec<u64> = (events.as_array().unwrap().iter())
                .map(|d| {
                    n += d.as_u64().unwrap();
                    n
                })
                .collect();
            all.insert(key.clone(), json!(events));
        }
    }
    all
}

#[test]
fn the_index_lists_every_filter_with_its_events() {
    let site = Site::basic();
    site.build(&[]);
    assert_eq!(
        site.json("search/index.json"),
        json!({
            "version": 3,
            "count": 3,
            "shards": 16,
            "chunk": 32,
            "filters": {
                "year": [[2020, 1], [2024, 2]],
                "tag": [["attacks", "Attacks", 2], ["soleimani", "Soleimani", 2]],
                "source": [["afp", "Agence France-Presse", "AFP", 2], ["reuters", "Reuters", "Reuters", 2]],
                "explainer": [["qasem-soleimani", "Who is Qasem Soleimani", 2]],
                "place": [["Baghdad, Iraq", 1], ["Kerman, Iran", 1]],
            },
        })
    );
}

#[test]
fn words_and_filters_lead_to_the_events_in_timeline_order() {
    let site = Site::basic();
    site.build(&[]);
    let terms = terms(&site);
    // 0 is the 2020 strike, 1 the Kerman explosions, 2 the day of mourning.
    for (key, events) in [
        ("kerman", json!([1])),
        ("explosions", json!([1])),
        // A source's name and short, an explainer's title and subject, a tag.
        ("agence", json!([0, 1])),
        ("afp", json!([0, 1])),
        ("qasem", json!([0, 1])),
        ("attacks", json!([1, 2])),
        ("year:2020", json!([0])),
        ("year:2024", json!([1, 2])),
        ("source:reuters", json!([1, 2])),
        ("tag:soleimani", json!([0, 1])),
        ("explainer:qasem-soleimani", json!([0, 1])),
        ("place:kerman, iran", json!([1])),
    ] {
        assert_eq!(terms.get(key), Some(&events), "{key}");
    }
    // Body text is not indexed, nor one-letter words.
    assert_eq!(terms.get("detail"), None);
    assert_eq!(terms.get("a"), None);
}

/// A result is drawn as lists draw an entry: a span's two ends each in a `<time>`,
/// a key event marked.
#[test]
fn a_document_gives_a_span_both_ends_and_marks_a_key_event() {
    let site = Site::new();
    site.file(
        "content/events/2020-01-04-funerals.md",
        "---\ntitle: Funerals\nend: 2020-01-07\nkey: true\n---\nProcessions.\n",
    );
    site.build(&[]);
    let doc = &site.json("search/docs/0.json")[0];
    assert_eq!(doc["date"], "4–7 January 2020");
    assert_eq!(doc["datetime"], "2020-01-04");
    assert_eq!(
        doc["span"],
        json!(["4", "–", "7 January 2020", "2020-01-07"])
    );
    assert_eq!(doc["key"], true);
}

#[test]
fn documents_carry_what_a_result_shows_in_chunks_of_32() {
    let site = Site::basic();
    site.build(&["--base-url", "https://example.org/kerman/"]);
    let docs = site.json("search/docs/0.json");
    assert_eq!(docs.as_array().unwrap().len(), 3);
    assert_eq!(
        docs[1],
        json!({
            "url": "/kerman/2024/01/03/kerman-explosions/",
            "title": "Kerman explosions",
            "date": "3 January 2024, 14:50 IRST",
            "datetime": "2024-01-03T14:50+03:30",
            "place": "Kerman, Iran",
            "summary": "Two blasts near the grave.",
            "sources": [
                ["AFP", "/kerman/sources/afp/", "Agence France-Presse"],
                ["Reuters", "/kerman/sources/reuters/", "Reuters"],
            ],
            "text": "Kerman, Iran Soleimani Attacks Agence France-Presse Reuters Who is Qasem Soleimani",
        })
    );
    // Forty events: a chunk of 32 and one of 8.
    let site = Site::new();
    for day in 1..=40 {
        site.file(
            &format!("content/events/2024-01-{:02}-e{day}.md", (day - 1) % 28 + 1),
            &format!("---\ntitle: Event {day}\n---\nText.\n"),
        );
    }
    site.build(&[]);
    assert_eq!(
        site.json("search/docs/0.json").as_array().unwrap().len(),
        32
    );
    assert_eq!(site.json("search/docs/1.json").as_array().unwrap().len(), 8);
    assert!(!site.path("public/search/docs/2.json").exists());
}

#[test]
fn persian_and_arabic_spellings_of_a_word_are_one_key() {
    let site = Site::new();
    site.file(
        "content/events/2024-01-03-fa.md",
        "---\ntitle: انفجار در كرمان\nsummary: جمعیت به سوی مزار می‌رود و سليماني را یاد می‌کند.\n---\nمتن.\n",
    );
    site.build(&[]);
    let terms = terms(&site);
    // Arabic kaf and yeh are written as Persian ones, the joiner dropped.
    for key in ["کرمان", "انفجار", "میرود", "سلیمانی", "میکند"] {
        assert_eq!(terms.get(key), Some(&json!([0])), "{key}");
    }
    assert_eq!(terms.get("كرمان"), None);
}

#[test]
fn the_search_page_works_from_files_and_says_what_to_do_without_javascript() {
    let site = Site::basic();
    site.build(&["--base-url", "https://example.org/kerman/"]);
    let page = site.page("/search/");
    assert_eq!(page.text("h1"), "Search");
    assert_eq!(page.text("title"), "Search · Test timeline");
    // Every page's menu leads to it; on it, it is the current page.
    assert_eq!(
        site.page("/")
            .attrs(".site-nav a", "href")
            .last()
            .map(String::as_str),
        Some("/kerman/search/")
    );
    assert_eq!(
        page.attrs(".site-nav a[aria-current=page]", "href"),
        ["/kerman/search/"]
    );
    // The index is loaded only here.
    assert!(site.read("public/index.html").find("search.js").is_none());
    // In the sitemap like every page.
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://example.org/kerman/search/</loc>")
    );
    // Building twice gives the same index, byte for byte.
    let before = crate::helpers::snapshot(&site.path("public/search"));
    site.build(&["--base-url", "https://example.org/kerman/"]);
    assert_eq!(
        crate::helpers::snapshot(&site.path("public/search")),
        before
    );
}
