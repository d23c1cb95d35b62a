//! Long lists split into pages (SPEC §10): `per_page` entries a page, continued at
//! `…/page/2/` with numbered navigation; first pages keep their URLs; counts are
//! the whole list's. Key events and the on-this-day index, which the timeline's
//! first page and footer lead to.

use crate::helpers::{Page, Site, errors};

/// Seven events tagged `Attacks`: one known only to its year (2019), one to its
/// month (2020-01), five to the day across 2020 and 2024; three cite AFP and all
/// mention the explainer; two are key events. `per_page` is 2.
fn seven(extra_config: &str) -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"Paged\"\nper_page = 2\n{extra_config}"),
    )
    .file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\nshort: AFP\n---\nAn agency.\n",
    )
    .file(
        "content/explainers/kerman.md",
        "---\ntitle: About Kerman\nsubject: Kerman\ntags: [Attacks]\n---\nA city.\n",
    );
    let events = [
        ("2019-year", "date: \"2019\"", false, false),
        ("2020-month", "date: \"2020-01\"", false, false),
        ("2020-01-03-strike", "", true, true),
        ("2020-01-07-funeral", "", false, true),
        ("2024-01-03-blasts", "", true, true),
        ("2024-01-04-mourning", "", false, false),
        ("2024-02-01-inquiry", "", false, false),
    ];
    for (id, date, key, afp) in events {
        let mut matter = format!("title: Event {id}\ntags: [Attacks]\nexplainers: [kerman]\n");
        if !date.is_empty() {
            matter.push_str(&format!("{date}\n"));
        }
        if key {
            matter.push_str("key: true\n");
        }
        if afp {
            matter.push_str("sources: [afp]\n");
        }
        site.file(
            &format!("content/events/{id}.md"),
            &format!("---\n{matter}---\nWhat happened in {id}.\n"),
        );
    }
    site
}

/// The event ids (from their URLs' last segment) listed under `selector` on each
/// page of the list starting at `url`, following `rel="next"`; and the page URLs.
fn walk_pages(site: &Site, url: &str, selector: &str) -> (Vec<String>, Vec<String>) {
    let (mut listed, mut urls) = (Vec::new(), Vec::new());
    let mut next = Some(url.to_owned());
    while let Some(url) = next {
        let page = site.page(&url);
        listed.extend(page.attrs(selector, "href").into_iter().map(|href| {
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        }));
        next = page
            .attrs(".pagination a[rel=next]", "href")
            .into_iter()
            .next();
        urls.push(url);
    }
    (listed, urls)
}

#[test]
fn the_timeline_continues_at_page_2_in_its_order_with_numbered_links() {
    let site = seven("");
    site.build(&[]);
    let (listed, urls) = walk_pages(&site, "/", ".timeline .event-title a");
    assert_eq!(urls, ["/", "/page/2/", "/page/3/", "/page/4/"]);
    assert_eq!(
        listed,
        [
            "year", "month", "strike", "funeral", "blasts", "mourning", "inquiry"
        ]
    );
    let second = site.page("/page/2/");
    assert_eq!(second.attrs(".pagination a[rel=prev]", "href"), ["/"]);
    assert_eq!(
        second.attrs(".pagination a[rel=next]", "href"),
        ["/page/3/"]
    );
    assert_eq!(
        second.texts(".pagination li a:not([rel])"),
        ["Page 1", "2", "Page 3", "Page 4"]
    );
    assert_eq!(
        second.attrs(".pagination a[aria-current=page]", "href"),
        ["/page/2/"]
    );
    assert_eq!(second.text(".pagination-status"), "3–4 of 7 · page 2 of 4");
    assert_eq!(second.text("title"), "Timeline, page 2 of 4 · Paged");
    assert_eq!(second.attrs("link[rel=canonical]", "href"), ["/page/2/"]);
    // The first page has no previous page, the last no next.
    assert!(
        site.page("/")
            .attrs(".pagination a[rel=prev]", "href")
            .is_empty()
    );
    assert!(
        site.page("/page/4/")
            .attrs(".pagination a[rel=next]", "href")
            .is_empty()
    );
    // Each year's heading counts all its events, wherever they are listed.
    assert_eq!(second.texts(".timeline .year > h2"), ["2020"]);
    // Every timeline page links every year, to where it starts.
    for url in &urls {
        assert_eq!(
            site.page(url).texts(".year-nav a"),
            ["2019", "2020", "2024"]
        );
    }
    assert_eq!(
        site.page("/").attrs(".year-nav a", "href"),
        ["#y2019", "#y2020", "/page/3/#y2024"]
    );
    assert_eq!(
        site.page("/page/3/").attrs(".year-nav a", "href"),
        ["/#y2019", "/#y2020", "#y2024"]
    );
}

#[test]
fn newest_first_splits_the_reversed_timeline() {
    let site = seven("order = \"newest-first\"\n");
    site.build(&[]);
    let (listed, _) = walk_pages(&site, "/", ".timeline .event-title a");
    // Newest first, with what is known only to a year or month heading it.
    assert_eq!(
        listed,
        [
            "inquiry", "mourning", "blasts", "month", "funeral", "strike", "year"
        ]
    );
}

#[test]
fn archives_tags_sources_and_explainers_split_and_count_their_whole_list() {
    let site = seven("");
    site.build(&[]);
    // A year of three events: two pages, both saying three.
    let (listed, urls) = walk_pages(&site, "/2024/", ".event-title a");
    assert_eq!(urls, ["/2024/", "/2024/page/2/"]);
    assert_eq!(listed, ["blasts", "mourning", "inquiry"]);
    assert_eq!(site.page("/2024/page/2/").text(".lede"), "3 events");
    // A month of three events, one known only to the month: it comes first.
    let (listed, urls) = walk_pages(&site, "/2020/01/", ".event-title a");
    assert_eq!(urls, ["/2020/01/", "/2020/01/page/2/"]);
    assert_eq!(listed, ["month", "strike", "funeral"]);
    // A month of one event has no page navigation.
    assert_eq!(site.page("/2024/02/").count(".pagination"), 0);

    // The tag: seven events in four pages, the explainer on the first only.
    let (listed, urls) = walk_pages(&site, "/tags/attacks/", ".event-title a");
    assert_eq!(urls.len(), 4);
    assert_eq!(listed.len(), 7);
    for url in &urls {
        assert_eq!(
            site.page(url).text(".lede"),
            "7 events, 1 explainer",
            "{url}"
        );
    }
    assert_eq!(site.page("/tags/attacks/").count(".card-list .card"), 1);
    assert_eq!(
        site.page("/tags/attacks/page/2/").count(".card-list .card"),
        0
    );
    // The explainers and the events each have a heading of their own, so the
    // outline goes h1, h2, h3 on every page, with the explainers' cards or without.
    for (url, headings) in [
        ("/tags/attacks/", &["Explainers", "Events"][..]),
        ("/tags/attacks/page/2/", &["Events"][..]),
    ] {
        assert_eq!(
            site.page(url).texts("main h2.list-title"),
            headings,
            "{url}"
        );
    }

    // The source: three claims in two pages, the total on both.
    let (listed, urls) = walk_pages(&site, "/sources/afp/", ".claim .meta a");
    assert_eq!(urls, ["/sources/afp/", "/sources/afp/page/2/"]);
    assert_eq!(listed, ["strike", "funeral", "blasts"]);
    for url in &urls {
        assert_eq!(site.page(url).text("#claims-h"), "Claims (3)", "{url}");
    }
    // The description is on the first page only.
    assert_eq!(site.page("/sources/afp/").text(".body"), "An agency.");
    assert_eq!(site.page("/sources/afp/page/2/").count(".body"), 0);

    // The explainer: seven mentions in four pages, its body on the first.
    let (listed, urls) = walk_pages(&site, "/explainers/kerman/", ".mentioned-in .event-title a");
    assert_eq!(urls.len(), 4);
    assert_eq!(listed.len(), 7);
    assert_eq!(
        site.page("/explainers/kerman/page/4/").text("#mentioned-h"),
        "Mentioned in (7)"
    );
    assert_eq!(site.page("/explainers/kerman/page/2/").count(".body"), 0);
    assert_eq!(site.page("/explainers/kerman/").text(".body"), "A city.");
    // JSON-LD describes the explainer once, on its own page.
    assert_eq!(
        site.page("/explainers/kerman/page/2/")
            .count("script[type=\"application/ld+json\"]"),
        0
    );
}

#[test]
fn indexes_split_too_and_every_page_is_in_the_sitemap_and_link_checked() {
    let site = seven("");
    site.file("content/sources/bbc.md", "---\nname: BBC\n---\n")
        .file("content/sources/irna.md", "---\nname: IRNA\n---\n");
    site.build(&[]);
    let (_, urls) = walk_pages(&site, "/sources/", "td a");
    assert_eq!(urls, ["/sources/", "/sources/page/2/"]);
    assert_eq!(
        site.page("/sources/").texts("td a"),
        ["Agence France-Presse", "BBC"]
    );
    assert_eq!(site.page("/sources/page/2/").texts("td a"), ["IRNA"]);
    let sitemap = site.read("public/sitemap.xml");
    for url in [
        "/page/2/",
        "/page/4/",
        "/2024/page/2/",
        "/tags/attacks/page/4/",
        "/sources/afp/page/2/",
        "/sources/page/2/",
        "/explainers/kerman/page/4/",
        "/on-this-day/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} not in the sitemap"
        );
    }
    // A base path prefixes every page link.
    site.build(&["--base-url", "https://example.org/kerman/"]);
    let second = site.page("/page/2/");
    assert_eq!(
        second.attrs(".pagination a[rel=prev]", "href"),
        ["/kerman/"]
    );
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        ["https://example.org/kerman/page/2/"]
    );
}

#[test]
fn per_page_must_be_a_positive_number_written_at_the_top_level() {
    for (value, message) in [
        ("0", "`per_page` is 0; it must be between 1 and 10000"),
        ("-5", "`per_page` is -5; it must be between 1 and 10000"),
    ] {
        let site = seven("");
        site.file("dateline.toml", &format!("per_page = {value}\n"));
        let stderr = site.build_fails(&[]);
        let found = errors(&stderr);
        assert_eq!(found.len(), 1, "{stderr}");
        assert_eq!(found[0].0, "dateline.toml:1:1");
        assert_eq!(found[0].1, message);
    }
    // Written after a table, it belongs to the table: the help says so.
    let site = seven("");
    site.file(
        "dateline.toml",
        "title = \"Paged\"\n[author]\nname = \"Desk\"\nper_page = 50\n",
    );
    let stderr = site.build_fails(&[]);
    let found = errors(&stderr);
    assert_eq!(found[0].0, "dateline.toml:4:1", "{stderr}");
    assert_eq!(
        found[0].2.as_deref(),
        Some(
            "`per_page` is a key of its own, but here it is read as part of the `[table]` above it: move it above the first `[…]` line"
        )
    );
}

#[test]
fn key_events_are_marked_and_listed_first_on_the_first_page() {
    let site = seven("");
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(home.text(".key-events h2"), "Key events");
    assert_eq!(
        home.attrs(".key-events .event-title a", "href"),
        ["/2020/01/03/strike/", "/2024/01/03/blasts/"]
    );
    assert_eq!(site.page("/page/2/").count(".key-events"), 0);
    // Marked wherever they are listed.
    assert_eq!(
        site.page("/page/2/")
            .attrs(".timeline .key-event .event-title a", "href"),
        ["/2020/01/03/strike/"]
    );
    assert_eq!(
        site.page("/page/2/").texts(".timeline .key-label"),
        ["Key event"]
    );
    assert_eq!(site.page("/2024/").count(".key-event"), 1);

    // More key events than a page lists: the list says how many it leaves out.
    site.file(
        "content/events/2025-01-01-later.md",
        "---\ntitle: Later\nkey: true\n---\nLater.\n",
    );
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(home.count(".key-events .event-item"), 2);
    assert_eq!(
        home.text(".key-events .more"),
        "The first 2 of 3 key events; the overview marks them all."
    );

    // `key_events = false` leaves the list out; the marks stay.
    let site = seven("key_events = false\n");
    site.build(&[]);
    assert_eq!(site.page("/").count(".key-events"), 0);
    assert_eq!(site.page("/page/2/").count(".timeline .key-event"), 1);

    // No key event, no list.
    let site = Site::basic();
    site.build(&[]);
    assert_eq!(site.page("/").count(".key-events"), 0);
    // `key` must be a boolean.
    let site = Site::basic();
    site.file(
        "content/events/2024-05-01-x.md",
        "---\ntitle: X\nkey: maybe\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("2024-05-01-x.md:3"), "{stderr}");
}

#[test]
fn on_this_day_lists_every_calendar_day_with_its_count() {
    let site = seven("");
    site.build(&[]);
    let page: Page = site.page("/on-this-day/");
    assert_eq!(page.text("h1"), "On this day");
    assert_eq!(
        page.text(".lede"),
        "4 days of the year with events known to the day, 5 events in all."
    );
    assert_eq!(page.texts(".otd-month h2"), ["January", "February"]);
    assert_eq!(
        page.texts(".otd-days li"),
        [
            "3 January 2 events",
            "4 January 1 event",
            "7 January 1 event",
            "1 February 1 event"
        ]
    );
    assert_eq!(
        page.attrs(".otd-days a", "href"),
        [
            "/on-this-day/01-03/",
            "/on-this-day/01-04/",
            "/on-this-day/01-07/",
            "/on-this-day/02-01/"
        ]
    );
    // Each day's page leads back to the index and counts its events.
    let day = site.page("/on-this-day/01-03/");
    assert_eq!(day.attrs(".breadcrumbs a", "href"), ["/on-this-day/"]);
    assert_eq!(day.text(".lede"), "2 events across the years");
    // Every page's footer links it.
    assert!(
        site.page("/2024/")
            .attrs(".site-footer a", "href")
            .contains(&"/on-this-day/".to_owned())
    );
}

#[test]
fn a_figures_readings_split_with_the_chart_of_them_all_on_the_first_page() {
    let site = seven("[figures.killed]\nlabel = \"Killed\"\n");
    site.file(
        "content/events/2024-01-05-toll.md",
        "---\ntitle: Toll\nsources: [afp]\nfigures:\n  killed:\n    - { value: at least 20, source: afp, at: 2024-01-05T10:00Z }\n    - { value: 30, source: afp, at: 2024-01-05T11:00Z }\n    - { value: more than 70, source: afp, at: 2024-01-05T12:00Z }\n---\nThe toll rose.\n",
    );
    site.build(&[]);
    let first = site.page("/figures/killed/");
    assert_eq!(
        first.texts(".readings-table td.value"),
        ["at least 20", "30"]
    );
    assert_eq!(first.count("figure.chart-figure svg"), 1);
    assert_eq!(
        first.text(".chart-figure figcaption"),
        "Killed over time: 3 readings as they were given. The line follows the current figure; each point links to the event that gave it."
    );
    assert_eq!(first.count("script[type=\"application/ld+json\"]"), 1);
    let second = site.page("/figures/killed/page/2/");
    assert_eq!(
        second.texts(".readings-table td.value"),
        ["more than 70 current"]
    );
    assert_eq!(second.count("svg"), 0);
    assert_eq!(second.text(".current-figure .value"), "more than 70");
    assert_eq!(
        second.attrs(".pagination a[rel=prev]", "href"),
        ["/figures/killed/"]
    );
    // A source's claims heading counts all its claims on every page, its
    // readings included as on the sources index; the readings are listed on the
    // first page, the cited claims split.
    for url in ["/sources/afp/", "/sources/afp/page/2/"] {
        assert_eq!(site.page(url).text("#claims-h"), "Claims (6)", "{url}");
    }
    assert_eq!(
        site.page("/sources/afp/page/2/").text(".pagination-status"),
        "3 of 3 cited · page 2 of 2"
    );
    assert_eq!(site.page("/sources/afp/").count("ol.readings li"), 3);
    assert_eq!(site.page("/sources/afp/page/2/").count("ol.readings li"), 0);
}
