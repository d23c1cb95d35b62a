//! Headings and dates in lists: every page's headings read as its structure (one
//! `h1`, no level skipped), whatever its kind, and lists of events show one date per
//! entry, leaving out what the headings above it say.

use std::collections::BTreeSet;
use std::path::Path;

use crate::helpers::{Page, Site, walk};

/// A site with a page of every kind: events known to the year, the month, the day
/// and the minute, spans within a month and across two, months of one event and of
/// several, key events, figures, an open question, corrections, reports, body
/// headings, an explainer written in an event and one in a file, tags with and
/// without explainers, and summaries in Markdown.
fn every_kind(config: &str) -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"Outline\"\ntimezone = \"Asia/Tehran\"\n{config}\n[figures.killed]\nlabel = \"Killed\"\n"),
    )
        .file("content/sources/afp.md", "---\nname: Agence France-Presse\nshort: AFP\nkind: news-agency\n---\nThe French news agency.\n\n## History\n\nFounded in 1835.\n")
        .file("content/sources/reuters.md", "---\nname: Reuters\nkind: news-agency\n---\nA news agency.\n")
        .file("content/explainers/qasem-soleimani.md", "---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\nkind: person\naliases: [Soleimani]\ntags: [Soleimani]\nsummary: \"He led the *Quds Force* until `2020`.\"\ncorrections:\n  - date: 2024-02-01\n    text: His rank was given wrongly.\n---\nHe led the Quds Force.\n\n## Early life\n\nBorn in Kerman province.\n\n### Family\n\nA farming family.\n")
        .file("content/events/2012-dam-completed.md", "---\ntitle: Dam completed\ndate: \"2012\"\nsources: [reuters]\nsummary: The *Alder* dam is finished.\n---\nThe dam is finished.\n")
        .file("content/events/2019-03-protests-begin.md", "---\ntitle: Protests begin\ndate: 2019-03\ntags: [Attacks]\n---\nProtests spread.\n")
        .file("content/events/2019-03-15-march-rally.md", "---\ntitle: March rally\nplace: Tehran, Iran\nsources: [afp]\n---\nA rally in the capital.\n")
        .file("content/events/2019-06-01-june-vote.md", "---\ntitle: June vote\n---\nA vote.\n")
        .file("content/events/2020-01-03-soleimani-killed.md", "---\ntitle: Soleimani killed\ndate: 2020-01-03T00:52Z\nplace: Baghdad, Iraq\nsources: [afp]\nexplainers: [qasem-soleimani]\ntags: [Soleimani]\nkey: true\n---\nA US drone strike kills him.\n")
        .file("content/events/2020-01-04-processions.md", "---\ntitle: Funeral processions\nend: 2020-01-07\nplace: Iraq and Iran\nsources: [reuters]\ntags: [Soleimani]\n---\nProcessions in several cities; see [the strike](event:2020-01-03-soleimani-killed).\n")
        .file("content/events/2020-01-30-talks.md", "---\ntitle: Talks across two months\nend: 2020-02-02\n---\nTalks run on.\n")
        .file("content/events/2024-01-03-kerman-explosions.md", "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp, reuters]\nexplainers: [qasem-soleimani]\ntags: [Soleimani, Attacks]\nkey: true\nsummary: \"Two *blasts* near the grave, reported by [AFP](https://www.afp.com/) as `breaking`.\"\nreports:\n  - { source: afp, url: \"https://www.example.com/afp/kerman\", title: Explosions in Kerman }\nfigures:\n  killed:\n    - { value: at least 20, source: reuters }\nquestions:\n  cause:\n    ask: What caused the explosions?\n    accounts:\n      - { says: Gas canisters, source: reuters }\ncorrections:\n  - date: 2024-01-04\n    text: The place was misspelt.\n---\nTwo blasts near the grave [@afp].\n\n## Aftermath\n\nRescuers arrive [@reuters].\n\n### Hospitals\n\nHospitals fill.\n\n## Who is Reza Fallah {#reza-fallah .explainer}\n\nHe heads the Red Crescent in Kerman.\n")
        .file("content/events/2024-01-03-toll.md", "---\ntitle: Toll passes 70\ndate: 2024-01-03T19:00\nsources: [afp]\ntags: [Attacks]\nfigures:\n  killed:\n    - { value: more than 70, source: afp }\n---\nThe toll rises [@afp], after [the blasts](event:2024-01-03-kerman-explosions).\n")
        .file("content/events/2021-01-03-anniversary.md", "---\ntitle: First anniversary\nsources: [reuters]\ntags: [Soleimani]\n---\nCrowds gather.\n");
    site
}

/// Every page kind the built-in theme renders, by the class of its `<body>`.
const KINDS: [&str; 19] = [
    "index",
    "event",
    "year",
    "month",
    "on_this_day",
    "on_this_day_index",
    "source",
    "sources",
    "explainer",
    "explainers",
    "tag",
    "tags",
    "corrections",
    "figures",
    "figure",
    "questions",
    "question",
    "search",
    "404",
];

/// Asserts that every page under `public` has an outline without problems, and
/// returns the kinds of page seen.
fn assert_outlines(public: &Path) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    let mut problems = Vec::new();
    for file in walk(public) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = Page(scraper::Html::parse_document(
            &std::fs::read_to_string(&file).unwrap(),
        ));
        let kind = page.attrs("body", "class")[0].replace("page-", "");
        let found = page.outline_problems();
        if !found.is_empty() {
            let rel = file.strip_prefix(public).unwrap().display().to_string();
            problems.push(format!(
                "{rel} ({kind}): {}\n{}",
                found.join("; "),
                page.outline()
            ));
        }
        kinds.insert(kind);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    kinds
}

#[test]
fn every_page_of_every_kind_has_one_h1_and_skips_no_heading_level() {
    let site = every_kind("");
    site.build(&[]);
    let kinds = assert_outlines(&site.path("public"));
    assert_eq!(kinds, KINDS.map(str::to_owned).into(), "page kinds built");
    // Lists split into pages keep their outline on every page.
    let site = every_kind("per_page = 2\n");
    site.build(&[]);
    assert_outlines(&site.path("public"));
    assert!(site.path("public/page/2/index.html").is_file());
    assert!(
        site.path("public/tags/soleimani/page/2/index.html")
            .is_file()
    );
}

#[test]
fn the_example_site_has_one_h1_and_skips_no_heading_level_on_any_page() {
    let out = tempfile::tempdir().unwrap();
    let output = crate::helpers::dateline()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_outlines(&out.path().join("public"));
}

/// The headings of `url`, each as `h2 2024`.
fn outline(site: &Site, url: &str) -> Vec<String> {
    site.page(url)
        .headings()
        .into_iter()
        .map(|(level, text)| format!("h{level} {text}"))
        .collect()
}

/// Each list's events sit under the headings that give their place: on the
/// timeline a year (h2), a month of two events or more (h3), the event (h4); in a
/// year's archive the same a level up; in a month's and on a day's page right under
/// their headings; on tag and explainer pages under a heading of their own.
#[test]
fn events_sit_under_their_year_and_month_at_the_next_level_on_every_list() {
    let site = every_kind("");
    site.build(&[]);
    assert_eq!(
        outline(&site, "/"),
        [
            "h1 Outline",
            "h2 Key events",
            "h3 Soleimani killed",
            "h3 Kerman explosions",
            "h2 2012",
            "h3 Dam completed",
            "h2 2019",
            "h3 March",
            "h4 Protests begin",
            "h4 March rally",
            "h3 June vote",
            "h2 2020",
            "h3 January",
            "h4 Soleimani killed",
            "h4 Funeral processions",
            "h4 Talks across two months",
            "h2 2021",
            "h3 First anniversary",
            "h2 2024",
            "h3 January",
            "h4 Kerman explosions",
            "h4 Toll passes 70",
        ]
    );
    assert_eq!(
        outline(&site, "/2019/"),
        [
            "h1 2019",
            "h2 March",
            "h3 Protests begin",
            "h3 March rally",
            "h2 June vote"
        ]
    );
    assert_eq!(
        outline(&site, "/2020/01/"),
        [
            "h1 January 2020",
            "h2 Soleimani killed",
            "h2 Funeral processions",
            "h2 Talks across two months",
        ]
    );
    assert_eq!(
        outline(&site, "/on-this-day/01-03/"),
        [
            "h1 On this day: 3 January",
            "h2 2020",
            "h3 Soleimani killed",
            "h2 2021",
            "h3 First anniversary",
            "h2 2024",
            "h3 Kerman explosions",
            "h3 Toll passes 70",
        ]
    );
    // A tag's events have their own heading, after its explainers', never under
    // the last explainer's.
    assert_eq!(
        outline(&site, "/tags/soleimani/"),
        [
            "h1 Soleimani",
            "h2 Explainers",
            "h3 Who is Qasem Soleimani",
            "h2 Events",
            "h3 Soleimani killed",
            "h3 Funeral processions",
            "h3 First anniversary",
            "h3 Kerman explosions",
        ]
    );
    assert_eq!(
        outline(&site, "/tags/attacks/"),
        [
            "h1 Attacks",
            "h2 Events",
            "h3 Protests begin",
            "h3 Kerman explosions",
            "h3 Toll passes 70",
        ]
    );
    assert_eq!(
        outline(&site, "/explainers/qasem-soleimani/"),
        [
            "h1 Who is Qasem Soleimani",
            "h2 Early life",
            "h3 Family",
            "h2 Corrections",
            "h2 Mentioned in (2)",
            "h3 Soleimani killed",
            "h3 Kerman explosions",
        ]
    );
}

/// Each entry of `selector`'s lists on `url`: its title, and its date line as
/// read (date, key event label, place), empty when it has none.
fn entries(site: &Site, url: &str, selector: &str) -> Vec<(String, String)> {
    let page = site.page(url);
    let item = scraper::Selector::parse(&format!("{selector} .event-item")).unwrap();
    let title = scraper::Selector::parse(".event-title").unwrap();
    let when = scraper::Selector::parse(".when").unwrap();
    let text = |e: scraper::ElementRef| e.text().collect::<String>();
    let words = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    page.0
        .select(&item)
        .map(|li| {
            let title = li.select(&title).next().map(text).unwrap_or_default();
            let when = li.select(&when).next().map(text).unwrap_or_default();
            (words(title), words(when))
        })
        .collect()
}

/// `(title, date line)` pairs, owned.
fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// BBC, Reuters and Wikipedia timelines give each item one date, and never the
/// part the headings above it give: a year of one event shows its year once, a
/// month of one event goes without a heading and its entry names the month, and
/// under a month's heading an entry gives the day alone.
#[test]
fn list_entries_leave_out_the_date_their_headings_give() {
    let site = every_kind("");
    site.build(&[]);
    assert_eq!(
        entries(&site, "/", ".timeline"),
        pairs(&[
            ("Dam completed", ""),
            ("Protests begin", ""),
            ("March rally", "15 · Tehran, Iran"),
            ("June vote", "1 June"),
            (
                "Soleimani killed",
                "3, 00:52 (UTC) Key event · Baghdad, Iraq"
            ),
            ("Funeral processions", "4–7 · Iraq and Iran"),
            ("Talks across two months", "30 – 2 February"),
            ("First anniversary", "3 January"),
            (
                "Kerman explosions",
                "3, 14:50 IRST Key event · Kerman, Iran"
            ),
            ("Toll passes 70", "3, 19:00 IRST"),
        ])
    );
    // The key events list has no date heading above it: its dates are whole.
    assert_eq!(
        entries(&site, "/", ".key-events"),
        pairs(&[
            (
                "Soleimani killed",
                "3 January 2020, 00:52 (UTC) Key event · Baghdad, Iraq"
            ),
            (
                "Kerman explosions",
                "3 January 2024, 14:50 IRST Key event · Kerman, Iran"
            ),
        ])
    );
    assert_eq!(
        entries(&site, "/2019/", "main"),
        pairs(&[
            ("Protests begin", ""),
            ("March rally", "15 · Tehran, Iran"),
            ("June vote", "1 June")
        ])
    );
    assert_eq!(
        entries(&site, "/2012/", "main"),
        pairs(&[("Dam completed", "")])
    );
    assert_eq!(
        entries(&site, "/2020/01/", "main"),
        pairs(&[
            (
                "Soleimani killed",
                "3, 00:52 (UTC) Key event · Baghdad, Iraq"
            ),
            ("Funeral processions", "4–7 · Iraq and Iran"),
            ("Talks across two months", "30 – 2 February"),
        ])
    );
    assert_eq!(
        entries(&site, "/on-this-day/01-03/", "main"),
        pairs(&[
            ("Soleimani killed", "00:52 (UTC) Key event · Baghdad, Iraq"),
            ("First anniversary", ""),
            ("Kerman explosions", "14:50 IRST Key event · Kerman, Iran"),
            ("Toll passes 70", "19:00 IRST"),
        ])
    );
    assert_eq!(
        entries(&site, "/on-this-day/01-04/", "main"),
        pairs(&[("Funeral processions", "until 7 January · Iraq and Iran")])
    );
    // Lists under no date heading give the whole date.
    assert_eq!(
        entries(&site, "/tags/attacks/", "main"),
        pairs(&[
            ("Protests begin", "March 2019"),
            (
                "Kerman explosions",
                "3 January 2024, 14:50 IRST Key event · Kerman, Iran"
            ),
            ("Toll passes 70", "3 January 2024, 19:00 IRST"),
        ])
    );
    // A year's heading gives the year once, and no group heading repeats it.
    let home = site.page("/");
    assert_eq!(
        home.texts("#y2012 h2, #y2012 h3"),
        ["2012", "Dam completed"]
    );
    assert_eq!(home.texts(".month-title"), ["March", "January", "January"]);
    assert_eq!(site.page("/2019/").texts(".month-title"), ["March"]);
}

/// A span's entry gives both its ends a `<time>`, in every list that shows it.
#[test]
fn a_span_gives_machines_both_its_ends_in_every_list() {
    let site = every_kind("");
    site.build(&[]);
    let lists = [
        ("/", "processions", "4–7"),
        ("/2020/", "processions", "4–7"),
        ("/2020/01/", "processions", "4–7"),
        ("/tags/soleimani/", "processions", "4–7 January 2020"),
        (
            "/2020/01/03/soleimani-killed/",
            "processions",
            "4–7 January 2020",
        ),
        ("/", "talks", "30 – 2 February"),
        ("/on-this-day/01-30/", "talks", "until 2 February"),
    ];
    for (url, id, shown) in lists {
        let page = site.page(url);
        // On an event page, in its referenced-by list (related events list it too).
        let list = if url.ends_with("killed/") {
            ".referenced-by"
        } else {
            "main"
        };
        let entry = format!("{list} .event-item:has(a[href$='/{id}/'])");
        let times = page.attrs(&format!("{entry} .when time"), "datetime");
        let (start, end) = match id {
            "processions" => ("2020-01-04", "2020-01-07"),
            _ => ("2020-01-30", "2020-02-02"),
        };
        if url.starts_with("/on-this-day/") {
            // The day's heading gives the start.
            assert_eq!(times, [end], "{url}");
        } else {
            assert_eq!(times, [start, end], "{url}");
        }
        let when = page.texts(&format!("{entry} .when"));
        assert!(when.iter().all(|w| w.starts_with(shown)), "{url}: {when:?}");
    }
}

/// Key events stand out in every list that shows them: a class of their own and a
/// label, and on the timeline's first page a list of their own.
#[test]
fn key_events_are_marked_in_every_list() {
    let site = every_kind("");
    site.build(&[]);
    for (url, keys) in [
        ("/", &["Soleimani killed", "Kerman explosions"][..]),
        ("/2024/", &["Kerman explosions"][..]),
        ("/2024/01/", &["Kerman explosions"][..]),
        (
            "/on-this-day/01-03/",
            &["Soleimani killed", "Kerman explosions"][..],
        ),
        ("/tags/attacks/", &["Kerman explosions"][..]),
    ] {
        let page = site.page(url);
        let marked = page.texts("main .key-event:has(.key-label) .event-title");
        let marked: Vec<&String> = marked
            .iter()
            .filter(|t| keys.contains(&t.as_str()))
            .collect();
        assert!(marked.len() >= keys.len(), "{url}: {marked:?}");
        assert_eq!(
            page.count("main .event-item:not(.key-event) .key-label"),
            0,
            "{url}"
        );
    }
    assert_eq!(
        site.page("/").texts(".key-events .event-title"),
        ["Soleimani killed", "Kerman explosions"]
    );
}

/// A summary written in front matter is inline Markdown wherever it is shown:
/// emphasis, code and links in lists and on cards; page descriptions, feeds' plain
/// fields, structured data and the search index keep its text.
#[test]
fn a_written_summary_is_rendered_as_inline_markdown_and_kept_as_text_for_machines() {
    let site = every_kind("");
    site.build(&[]);
    let text = "Two blasts near the grave, reported by AFP as breaking.";
    for url in [
        "/",
        "/2024/",
        "/2024/01/",
        "/tags/attacks/",
        "/on-this-day/01-03/",
    ] {
        let page = site.page(url);
        let summary = "main .event-item:has(a[href$='/kerman-explosions/']) .summary";
        assert_eq!(page.texts(summary).last().unwrap(), text, "{url}");
        assert_eq!(
            page.texts(&format!("{summary} em")).last().unwrap(),
            "blasts",
            "{url}"
        );
        assert_eq!(
            page.texts(&format!("{summary} code")).last().unwrap(),
            "breaking",
            "{url}"
        );
        assert_eq!(
            page.attrs(&format!("{summary} a"), "href").last().unwrap(),
            "https://www.afp.com/",
            "{url}"
        );
    }
    // A source page shows the event's summary where the claim has no excerpt of
    // its own: the dam's event only lists Reuters in front matter.
    let reuters = site.page("/sources/reuters/");
    assert_eq!(
        reuters.texts(".claim:has(a[href$='/dam-completed/']) .summary em"),
        ["Alder"]
    );
    // An explainer's summary, on its cards.
    for url in [
        "/explainers/",
        "/tags/soleimani/",
        "/2020/01/03/soleimani-killed/",
    ] {
        let page = site.page(url);
        assert_eq!(page.texts(".card p em"), ["Quds Force"], "{url}");
        assert_eq!(page.texts(".card p code"), ["2020"], "{url}");
    }
    // Text for what is not HTML.
    let event = site.page("/2024/01/03/kerman-explosions/");
    assert_eq!(event.attrs("meta[name=description]", "content"), [text]);
    assert_eq!(event.json_ld()["description"], text);
    let explainer = site.page("/explainers/qasem-soleimani/");
    assert_eq!(
        explainer.attrs("meta[name=description]", "content"),
        ["He led the Quds Force until 2020."]
    );
    let feed = site.json("feed.json");
    let item = (feed["items"].as_array().unwrap().iter())
        .find(|i| i["title"] == "Kerman explosions")
        .unwrap();
    assert_eq!(item["summary"], text);
    let search = site.json("search.json");
    let found = (search["events"].as_array().unwrap().iter())
        .find(|e| e["title"] == "Kerman explosions")
        .unwrap();
    assert_eq!(found["summary"], text);
    // The Atom summary is HTML, escaped once in the XML.
    let atom = site.read("public/atom.xml");
    let html = "Two &lt;em&gt;blasts&lt;/em&gt; near the grave, reported by &lt;a href=&quot;https://www.afp.com/&quot;&gt;AFP&lt;/a&gt; as &lt;code&gt;breaking&lt;/code&gt;.";
    assert!(
        atom.contains(&format!("<summary type=\"html\">{html}</summary>")),
        "{atom}"
    );
}

/// A summary is one paragraph of inline Markdown. Raw HTML in it is the text it is
/// written as, as when summaries were plain text, escaped wherever it is shown;
/// block syntax and broken links are errors at their character, so a list never
/// breaks around a summary.
#[test]
fn a_summary_shows_raw_html_as_text_and_errors_on_block_syntax_and_broken_links() {
    let site = Site::new();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsummary: \"Two <script>alert(1)</script> *blasts* & <weeks>\"\n---\nBody.\n",
    );
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        home.text(".event-item .summary"),
        "Two <script>alert(1)</script> blasts & <weeks>"
    );
    assert_eq!(home.count(".event-item .summary script"), 0);
    assert_eq!(home.texts(".event-item .summary em"), ["blasts"]);
    let html = site.read("public/index.html");
    assert!(
        html.contains(
            "Two &lt;script&gt;alert(1)&lt;/script&gt; <em>blasts</em> &amp; &lt;weeks&gt;"
        )
    );
    assert_eq!(
        site.page("/2024/01/03/x/")
            .attrs("meta[name=description]", "content"),
        ["Two <script>alert(1)</script> blasts & <weeks>"]
    );
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsummary: |\n  One paragraph.\n\n  Another.\n---\nBody.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/events/2024-01-03-x.md:6:3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a `summary` is one paragraph of inline Markdown, not a second paragraph"),
        "{stderr}"
    );
    site.file(
        "content/explainers/y.md",
        "---\ntitle: Y\nsummary: See [[Nowhere]].\n---\nBody.\n",
    )
    .file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nBody.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("content/explainers/y.md:3:"), "{stderr}");
    assert!(stderr.contains("Nowhere"), "{stderr}");
}
