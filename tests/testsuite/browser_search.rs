//! The search page (SPEC §10) in headless Chromium: a built site is served from its
//! own address, and `tests/browser/search.cjs` types queries, picks filters,
//! reloads, pages through results and follows a link, printing what the page showed
//! at each step. Persian queries are written with Arabic letter forms and without
//! the zero-width non-joiner to check that the page folds them as the index does.
//!
//! Skipped with a note without Node.js, npm or Chromium, unless
//! `DATELINE_REQUIRE_BROWSER` is set (see `node.rs`).

use serde_json::{Value, json};

use super::helpers::Site;
use super::node;

/// The address the fixture is built for and served at.
const BASE: &str = "https://news.example.org/alder/";

/// Events of every kind a search finds: English words in titles, a Persian event
/// (`language: fa`) whose title has the Persian kaf and a Persian summary with a zero-width non-joiner, two
/// sources, tags, places, a key event that spans days, and 23 daily briefings to page through.
fn search_site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"Alder news\"\nbase_url = \"{BASE}\"\ntimezone = \"Asia/Tehran\"\n"),
    )
    .file(
        "content/sources/irib.md",
        "---\nname: Islamic Republic of Iran Broadcasting\nshort: IRIB\nkind: broadcaster\n---\nThe state broadcaster.\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\nshort: AFP\nkind: news-agency\n---\nThe French news agency.\n",
    )
    .file(
        "content/events/2019-05-01-gas-prices.md",
        "---\ntitle: Gas prices rise in Tehran\nplace: Tehran, Iran\nsources: [irib]\ntags: [Economy]\nsummary: Petrol rationing begins at midnight.\n---\nQueues form at the pumps.\n",
    )
    .file(
        "content/events/2020-02-10-gas-protests.md",
        "---\ntitle: Gas protests spread\nplace: Shiraz, Iran\nsources: [afp]\ntags: [Economy, Protests]\nsummary: Crowds gather in several cities.\n---\nThe protests grow.\n",
    )
    .file(
        "content/events/2022-09-01-gas-pipeline.md",
        "---\ntitle: Gas pipeline opens\nend: 2022-09-03\nkey: true\nplace: Tehran, Iran\nsources: [irib, afp]\ntags: [Economy]\nsummary: The line runs to the north.\n---\nA ceremony marks the opening.\n",
    )
    .file(
        "content/events/2024-01-03-kerman.md",
        "---\ntitle: انفجار در کرمان\nlanguage: fa\nplace: کرمان، ایران\nsources: [afp]\ntags: [Attacks]\nsummary: دو انفجار در نزدیکی مزار.\n---\nمتن خبر.\n",
    )
    .file(
        "content/events/2024-01-04-train.md",
        "---\ntitle: Night train to Mashhad\nsources: [irib]\nsummary: قطار امشب به مشهد می‌رود.\n---\nThe train leaves at nine.\n",
    );
    for day in 1..=23 {
        site.file(
            &format!("content/events/2021-03-{day:02}-briefing.md"),
            &format!(
                "---\ntitle: Daily briefing number {day}\ntags: [Briefings]\nsummary: The day's news in short.\n---\nItems.\n"
            ),
        );
    }
    site
}

/// What the page showed at each step of `search.cjs`, after checking that it
/// raised no page or console error and asked nothing of the network.
fn searched(site: &Site) -> Value {
    let Some(modules) = node::packages("the search page test") else {
        return Value::Null;
    };
    site.build(&[]);
    let public = site.path("public");
    let seen = node::json(&modules, "search.cjs", &[public.to_str().unwrap(), BASE]);
    assert_eq!(seen["errors"], json!([]), "{seen:#}");
    assert_eq!(
        seen["blocked"],
        json!([]),
        "requests for the network: {seen:#}"
    );
    seen
}

/// The titles of a step's results, in the order shown.
fn titles(step: &Value) -> Vec<&str> {
    (step["results"].as_array().unwrap().iter())
        .map(|r| r["title"].as_str().unwrap())
        .collect()
}

/// A step's titles, sorted: MiniSearch's scores order words found equally often.
fn sorted(step: &Value) -> Vec<&str> {
    let mut titles = titles(step);
    titles.sort_unstable();
    titles
}

#[test]
fn the_search_page_finds_filters_keeps_its_state_and_folds_persian() {
    let site = search_site();
    let seen = searched(&site);
    if seen.is_null() {
        return;
    }
    let step = |name: &str| seen["steps"][name].clone();

    // One word, as typed: every event with it, and nothing else.
    let gas = step("gas");
    assert_eq!(gas["status"], "3 results", "{gas:#}");
    assert_eq!(
        sorted(&gas),
        [
            "Gas pipeline opens",
            "Gas prices rise in Tehran",
            "Gas protests spread"
        ]
    );
    assert_eq!(gas["search"], "?q=gas");
    let pipeline = (gas["results"].as_array().unwrap().iter())
        .find(|r| r["title"] == "Gas pipeline opens")
        .unwrap();
    assert_eq!(
        pipeline,
        &json!({
            "title": "Gas pipeline opens",
            "url": format!("{BASE}2022/09/01/gas-pipeline/"),
            "level": "h2",
            "key": true,
            "datetimes": ["2022-09-01", "2022-09-03"],
            "date": "1–3 September 2022 Key event · Tehran, Iran",
            "place": "Tehran, Iran",
            "summary": "The line runs to the north.",
            // The site has a page in Persian: each result says its language.
            "lang": ["en", "en"],
            "markers": [
                ["IRIB", format!("{BASE}sources/irib/"), "Islamic Republic of Iran Broadcasting"],
                ["AFP", format!("{BASE}sources/afp/"), "Agence France-Presse"],
            ],
        })
    );

    // Results are headings right under the page's h1; a span gives both ends a
    // <time> (above).
    assert_eq!(gas["outline"], json!(["h1", "h2", "h2", "h2"]), "{gas:#}");

    // The filters offered, with their counts.
    assert_eq!(
        seen["options"]["source"],
        json!([
            ["", "Any source"],
            ["afp", "Agence France-Presse (AFP, 3)"],
            ["irib", "Islamic Republic of Iran Broadcasting (IRIB, 3)"],
        ])
    );
    assert_eq!(
        seen["options"]["from"],
        json!([
            ["", "Any"],
            ["2019", "2019 (1)"],
            ["2020", "2020 (1)"],
            ["2021", "2021 (23)"],
            ["2022", "2022 (1)"],
            ["2024", "2024 (2)"],
        ])
    );

    // A source narrows the results, and the address holds both.
    let irib = step("gas from IRIB");
    assert_eq!(irib["status"], "2 results", "{irib:#}");
    assert_eq!(
        sorted(&irib),
        ["Gas pipeline opens", "Gas prices rise in Tehran"]
    );
    assert_eq!(irib["search"], "?q=gas&source=irib");

    // Reloading that address restores the box, the filter and the results.
    let reloaded = step("reloaded");
    assert_eq!(reloaded["query"], "gas");
    assert_eq!(reloaded["filters"]["source"], "irib");
    assert_eq!(reloaded["status"], "2 results");
    assert_eq!(sorted(&reloaded), sorted(&irib));

    // A filter alone lists its events, newest first; a year range narrows a query.
    let source_only = step("IRIB alone");
    assert_eq!(source_only["status"], "3 results", "{source_only:#}");
    assert_eq!(
        titles(&source_only),
        [
            "Night train to Mashhad",
            "Gas pipeline opens",
            "Gas prices rise in Tehran"
        ]
    );
    assert_eq!(source_only["search"], "?source=irib");
    let years = step("gas from 2020 to 2022");
    assert_eq!(
        sorted(&years),
        ["Gas pipeline opens", "Gas protests spread"]
    );
    assert_eq!(years["search"], "?q=gas&from=2020&to=2022");

    let tehran = step("Tehran alone");
    assert_eq!(
        titles(&tehran),
        ["Gas pipeline opens", "Gas prices rise in Tehran"]
    );
    assert_eq!(tehran["search"], "?place=Tehran%2C+Iran");

    // A result's link leads to its event.
    assert_eq!(seen["followed"]["title"], "Gas pipeline opens · Alder news");
    assert_eq!(
        seen["followed"]["url"],
        format!("{BASE}2022/09/01/gas-pipeline/")
    );

    // Persian: the Arabic kaf finds the Persian one; without the zero-width
    // non-joiner, and with the Arabic yeh, finds the word written with both.
    let kerman = step("كرمان");
    assert_eq!(titles(&kerman), ["انفجار در کرمان"], "{kerman:#}");
    assert_eq!(kerman["results"][0]["place"], "کرمان، ایران");
    assert_eq!(kerman["results"][0]["lang"], json!(["fa", "fa"]));
    for query in ["میرود", "ميرود"] {
        let goes = step(query);
        assert_eq!(titles(&goes), ["Night train to Mashhad"], "{goes:#}");
        assert_eq!(goes["results"][0]["summary"], "قطار امشب به مشهد می‌رود.");
    }

    // Twenty results at first, the rest after "Show more", newest first.
    let briefing = step("briefing");
    assert_eq!(briefing["status"], "23 results");
    assert_eq!(titles(&briefing).len(), 20);
    assert_eq!(briefing["more"], true);
    let all = step("briefing, more");
    assert_eq!(all["more"], false);
    let mut numbers: Vec<u32> = (titles(&all).iter())
        .map(|t| {
            t.strip_prefix("Daily briefing number ")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=23).collect::<Vec<_>>());

    // Nothing found is said in words.
    let none = step("zeppelin");
    assert_eq!(none["status"], "No results for “zeppelin”.");
    assert_eq!(none["results"], json!([]));
}

/// A word held by 40 events, each in a chunk of its own (search documents come 32
/// to a chunk): the page ranks the newest candidates of at most 20 chunks, the
/// 20 its first results need, rather than fetching one chunk per candidate.
#[test]
fn a_word_spread_across_the_archive_fetches_at_most_twenty_chunks() {
    let Some(modules) = node::packages("the search chunk test") else {
        return;
    };
    let site = Site::new();
    site.file("dateline.toml", "title = \"Spread\"\n");
    for n in 0..1280 {
        let (year, month, day) = (1900 + n / 336, n % 336 / 28 + 1, n % 28 + 1);
        let title = if n % 32 == 31 {
            format!("Zudar report number {n}")
        } else {
            format!("Market day {n}")
        };
        site.file(
            &format!("content/events/{year}-{month:02}-{day:02}-day-{n}.md"),
            &format!("---\ntitle: {title}\n---\nText.\n"),
        );
    }
    site.build(&["--base-url", "/"]);
    let public = site.path("public");
    let runs = node::json(
        &modules,
        "search-timing.cjs",
        &[public.to_str().unwrap(), "zudar", "1"],
    );
    let run = &runs[0];
    assert_eq!(run["results"], "40 results", "{run:#}");
    assert_eq!(run["chunks"], 20, "{run:#}");
    // All 40 score alike: the newest first.
    assert_eq!(run["first"], "Zudar report number 1279", "{run:#}");
}
