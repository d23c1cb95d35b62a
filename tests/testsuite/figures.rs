//! Figures (SPEC §9.5): readings of numbers that move, declared in `dateline.toml`,
//! checked at their lines, shown in an event's figures box, on `/figures/`, on a
//! figure's page with its chart, on timeline entries and on source pages, and
//! carried by `search.json`, the feeds and JSON-LD.

use crate::helpers::{Page, Site, errors};

/// State TV's first toll and AFP's later one on two events, a Red Crescent range,
/// and a reading that was retracted.
pub(crate) fn site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Figures\"\ntimezone = \"Asia/Tehran\"\n\n[figures.killed]\nlabel = \"Killed\"\n\n[figures.injured]\nlabel = \"Injured\"\nunit = \"people\"\n",
    )
    .file("content/sources/irib.md", "---\nname: Islamic Republic of Iran Broadcasting\nshort: State TV\n---\nState broadcaster.\n")
    .file("content/sources/afp.md", "---\nname: Agence France-Presse\nshort: AFP\n---\nNews agency.\n")
    .file("content/sources/red-crescent.md", "---\nname: Kerman Red Crescent\n---\nRescuers.\n")
    .file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Twin blasts\ndate: 2024-01-03T15:00\nfigures:\n  killed:\n    - { value: at least 20, source: irib, at: 2024-01-03T16:30 }\n    - { value: 30, source: afp, at: 2024-01-03T16:00, status: retracted, note: withdrawn within the hour }\n  injured:\n    - { value: 100-170, source: red-crescent, via: Reuters, status: disputed, at: 2024-01-03T18:00 }\n---\nTwo blasts [@irib].\n",
    )
    .file(
        "content/events/2024-01-03-toll.md",
        "---\ntitle: Toll passes 70\ndate: 2024-01-03T19:00\nreports:\n  - { source: afp, url: \"https://news.example/toll\", title: Toll passes 70, archived: \"https://archive.example/toll\" }\nfigures:\n  killed:\n    - { value: more than 70, source: afp }\n---\nThe toll rose.\n",
    );
    site
}

/// The readings of a list, each as (value, source marker, time, status text).
fn readings(page: &Page, list: &str) -> Vec<[String; 4]> {
    let item = scraper::Selector::parse(&format!("{list} li.reading")).unwrap();
    let one = |li: scraper::ElementRef<'_>, selector: &str| {
        let selector = scraper::Selector::parse(selector).unwrap();
        li.select(&selector)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .unwrap_or_default()
    };
    page.0
        .select(&item)
        .map(|li| {
            [
                one(li, ".value"),
                one(li, ".marker"),
                one(li, "time"),
                one(li, ".status"),
            ]
        })
        .collect()
}

#[test]
fn an_event_page_shows_each_figure_with_its_readings_in_time_order_and_the_current_one() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.texts(".figures-box h3"),
        ["Killed: at least 20", "Injured: 100–170 people"]
    );
    assert_eq!(
        page.attrs(".figures-box h3 a", "href"),
        ["/figures/killed/", "/figures/injured/"]
    );
    // AFP's retracted 30 at 16:00 comes first; state TV's at 16:30 is current.
    assert_eq!(
        readings(&page, ".figures-box"),
        [
            ["30", "AFP", "3 January 2024, 16:00 IRST", "retracted"],
            ["at least 20", "State TV", "3 January 2024, 16:30 IRST", ""],
            [
                "100–170 people",
                "Kerman Red Crescent",
                "3 January 2024, 18:00 IRST",
                "disputed"
            ],
        ]
        .map(|r| r.map(str::to_owned))
    );
    assert_eq!(page.count(".figures-box li.reading.current"), 2);
    assert_eq!(
        page.count(".figures-box li.reading.status-retracted.current"),
        0
    );
    assert_eq!(
        page.texts(".figures-box li.status-retracted .note"),
        ["withdrawn within the hour"]
    );
    assert_eq!(
        page.texts(".figures-box li.status-disputed .via"),
        ["via Reuters"]
    );
    // Readings are claims: their sources are the event's sources.
    assert_eq!(
        page.texts(".sources-cited > ul > li > a"),
        [
            "State TV Islamic Republic of Iran Broadcasting",
            "AFP Agence France-Presse",
            "Kerman Red Crescent",
        ]
    );
    // State TV: its citation in the body and its reading.
    assert_eq!(page.texts(".sources-cited li .count"), ["2 claims"]);
}

#[test]
fn the_figures_index_and_a_figure_page_show_every_reading_and_the_current_value() {
    let site = site();
    site.build(&[]);
    let index = site.page("/figures/");
    assert_eq!(
        index.texts(".figures-table tbody th"),
        ["Killed", "Injured"]
    );
    assert_eq!(
        index.texts(".figures-table tbody td.value"),
        ["more than 70", "100–170 people"]
    );
    assert_eq!(
        index.texts(".figures-table tbody td:last-child"),
        // The label shows where the table's head does not (phones).
        ["3 readings", "1 reading"]
    );

    let page = site.page("/figures/killed/");
    assert_eq!(page.text("h1"), "Killed");
    assert_eq!(page.text(".current-figure .value"), "more than 70");
    let rows: Vec<String> = page.texts(".readings-table tbody tr");
    assert_eq!(
        rows,
        [
            "3 January 2024, 16:00 IRST 30 AFP withdrawn within the hour retracted Twin blasts",
            "3 January 2024, 16:30 IRST at least 20 State TV reported Twin blasts",
            "3 January 2024, 19:00 IRST more than 70 current AFP Toll passes 70 reported Toll passes 70",
        ]
    );
    assert_eq!(
        page.attrs(".readings-table tbody td:last-child a", "href"),
        [
            "/2024/01/03/blasts/",
            "/2024/01/03/blasts/",
            "/2024/01/03/toll/"
        ]
    );
    // AFP's one report in the event is the reading's report.
    assert_eq!(
        page.attrs(".readings-table a.headline", "href"),
        ["https://news.example/toll"]
    );
    let ld = page.json_ld();
    assert_eq!(ld["@type"], "Dataset");
    assert_eq!(ld["variableMeasured"], "Killed");
    assert_eq!(
        ld["temporalCoverage"],
        "2024-01-03T16:00+03:30/2024-01-03T19:00+03:30"
    );
    let nav = site.page("/").attrs("nav a", "href");
    assert!(nav.contains(&"/figures/".to_owned()), "{nav:?}");
}

#[test]
fn a_confirmed_reading_stays_current_after_later_reports_and_a_retracted_one_never_is() {
    let site = site();
    site.file(
        "content/events/2024-01-04-count.md",
        "---\ntitle: Official count\ndate: 2024-01-04\nfigures:\n  killed:\n    - { value: 84, source: irib, status: confirmed }\n---\nx\n",
    )
    .file(
        "content/events/2024-01-05-later.md",
        "---\ntitle: Later reports\ndate: 2024-01-05\nfigures:\n  killed:\n    - { value: about 95, source: afp }\n    - { value: 103, source: afp, status: retracted }\n---\nx\n",
    );
    site.build(&[]);
    let page = site.page("/figures/killed/");
    assert_eq!(page.text(".current-figure .value"), "84");
    assert_eq!(
        page.texts(".readings-table tr.current td.value"),
        ["84 current"]
    );
    // An event whose only readings are retracted has no current figure.
    site.file(
        "content/events/2024-01-05-later.md",
        "---\ntitle: Later reports\ndate: 2024-01-05\nfigures:\n  killed:\n    - { value: 103, source: afp, status: retracted }\n---\nx\n",
    );
    site.build(&[]);
    let later = site.page("/2024/01/05/later/");
    assert_eq!(later.texts(".figures-box h3"), ["Killed"]);
    assert_eq!(later.count(".figures-box li.reading.current"), 0);
    assert_eq!(
        site.page("/figures/killed/").text(".current-figure .value"),
        "84"
    );
}

#[test]
fn timeline_entries_show_each_events_current_figures() {
    let site = site();
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        home.texts(".event-item .item-figures"),
        [
            "Killed: at least 20 · Injured: 100–170",
            "Killed: more than 70"
        ]
    );
}

#[test]
fn source_pages_list_the_readings_each_source_gave_and_count_them_as_claims() {
    let site = site();
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    assert_eq!(afp.text("#claims-h"), "Claims (2)");
    assert_eq!(
        readings(&afp, ".claims"),
        [
            ["30", "AFP", "3 January 2024, 16:00 IRST", "retracted"],
            ["more than 70", "AFP", "3 January 2024, 19:00 IRST", ""],
        ]
        .map(|r| r.map(str::to_owned))
    );
    let irib = site.page("/sources/irib/");
    // One citation in a body and one reading.
    assert_eq!(irib.text("#claims-h"), "Claims (2)");
    let index = site.page("/sources/");
    assert_eq!(index.texts(".sources-table td.num"), ["2", "2", "1"]);
}

#[test]
fn search_json_and_the_feeds_carry_figures() {
    let site = site();
    site.build(&[]);
    let search = site.json("search.json");
    let toll = &search["events"][1];
    assert_eq!(toll["id"], "2024-01-03-toll");
    assert_eq!(
        toll["figures"],
        serde_json::json!([{ "figure": "killed", "value": "more than 70", "lower": 70.0, "kind": "more_than", "source": "afp" }])
    );
    let feed = site.json("feed.json");
    let toll = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Toll passes 70")
        .unwrap();
    let content = toll["content_html"].as_str().unwrap();
    assert!(
        content.contains("<h2>Figures</h2>\n<ul>\n<li><a href=\"/figures/killed/\">Killed</a>: more than 70 — Agence France-Presse, 3 January 2024, 19:00 IRST (reported, current)</li>"),
        "{content}"
    );
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains("Killed&lt;/a&gt;: more than 70 — Agence France-Presse"),
        "{atom}"
    );
}

/// The errors of a build, each as (place, message, help).
fn build_errors(site: &Site) -> Vec<(String, String, Option<String>)> {
    errors(&site.build_fails(&[]))
}

#[test]
fn every_wrong_reading_is_an_error_at_its_place() {
    let site = site();
    site.file(
        "content/events/2024-01-04-wrong.md",
        "---\ntitle: Wrong\ndate: 2024-01-04\nfigures:\n  kiled:\n    - { value: 3, source: afp }\n  killed:\n    - { value: dozens, source: afp }\n    - { value: 170-100, source: afp }\n    - { value: 5, source: afpp }\n    - { value: 5, source: afp, at: 2024-01-02 }\n    - { value: 5, source: afp, status: confirmd }\n    - { value: 5, sorce: afp }\n    - { source: afp }\n---\nx\n",
    );
    let found = build_errors(&site);
    let at = |line: usize, col: usize| format!("content/events/2024-01-04-wrong.md:{line}:{col}");
    assert_eq!(
        found,
        [
            (at(5, 3), "the figure `kiled` is not declared in dateline.toml".to_owned(), Some("did you mean `killed`? Or declare the figure in dateline.toml: `[figures.kiled]` with `label = \"…\"`".to_owned())),
            (at(8, 16), "`dozens` is not a figure".to_owned(), Some("write it as one of `84`, `1,200`, `at least 20` or `>= 20`, `more than 70` or `> 70`, `up to 170` or `<= 170`, `about 100` or `~100`, or a range `100-170` or `100–170`".to_owned())),
            (at(9, 16), "the range `170-100` does not run from low to high".to_owned(), Some("write the smaller number first, like `100–170`".to_owned())),
            (at(10, 27), "unknown source `afpp`".to_owned(), Some("did you mean `afp`?".to_owned())),
            (at(11, 36), "`at` (2024-01-02) is before the event's `date` (2024-01-04)".to_owned(), Some("a number is given on or after the day of what it counts; check the date, or put the reading on the event it belongs to".to_owned())),
            (at(12, 40), "unknown status `confirmd`".to_owned(), Some("did you mean `confirmed`? A reading's status is one of `reported`, `confirmed`, `disputed`, `revised`, `retracted`".to_owned())),
            (at(13, 19), "unknown key `sorce` in a reading".to_owned(), Some("did you mean `source`? A reading takes `value`, `source`, `at`, `status`, `via`, `note`".to_owned())),
            (at(14, 7), "a reading needs a `value`".to_owned(), Some("give the number, as one of `84`, `1,200`, `at least 20` or `>= 20`, `more than 70` or `> 70`, `up to 170` or `<= 170`, `about 100` or `~100`, or a range `100-170` or `100–170`".to_owned())),
        ]
    );
    assert!(!site.path("public").exists(), "nothing is written");
}

#[test]
fn a_sign_that_yaml_reads_as_a_block_is_said_with_the_value_quoted() {
    let site = site();
    site.file(
        "content/events/2024-01-04-signs.md",
        "---\ntitle: Signs\ndate: 2024-01-04\nfigures:\n  killed:\n    - value: >= 20\n      source: afp\n---\nx\n",
    )
    .file(
        "content/events/2024-01-05-flow.md",
        "---\ntitle: Flow\ndate: 2024-01-05\nfigures:\n  killed: [{ value: > 70, source: afp }]\n---\nx\n",
    );
    let found = build_errors(&site);
    assert_eq!(
        found,
        [
            (
                "content/events/2024-01-04-signs.md:6:14".to_owned(),
                "YAML reads `>` at the start of a value as the opening of a block of text"
                    .to_owned(),
                Some("quote the value: `value: \">= 20\"`".to_owned())
            ),
            (
                "content/events/2024-01-05-flow.md:5:21".to_owned(),
                "YAML reads `>` at the start of a value as the opening of a block of text"
                    .to_owned(),
                Some("quote the value: `value: \"> 70\"`".to_owned())
            ),
        ]
    );
}

#[test]
fn toml_front_matter_gives_readings_and_its_errors_at_their_lines() {
    let site = site();
    site.file(
        "content/events/2024-01-04-toml.md",
        "+++\ntitle = \"TOML\"\ndate = 2024-01-04\n\n[[figures.killed]]\nvalue = \">= 80\"\nsource = \"afp\"\n\n[[figures.killed]]\nvalue = 84\nsource = \"irib\"\nstatus = \"Confirmed\"\n+++\nx\n",
    );
    let found = build_errors(&site);
    assert_eq!(
        found,
        [(
            "content/events/2024-01-04-toml.md:12:10".to_owned(),
            "unknown status `Confirmed`".to_owned(),
            Some("did you mean `confirmed`? A reading's status is one of `reported`, `confirmed`, `disputed`, `revised`, `retracted`".to_owned()),
        )]
    );
    site.file(
        "content/events/2024-01-04-toml.md",
        "+++\ntitle = \"TOML\"\ndate = 2024-01-04\n\n[[figures.killed]]\nvalue = \">= 80\"\nsource = \"afp\"\n\n[[figures.killed]]\nvalue = 84\nsource = \"irib\"\nstatus = \"confirmed\"\n+++\nx\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/04/toml/");
    assert_eq!(readings(&page, ".figures-box").len(), 2);
    assert_eq!(page.text(".figures-box h3"), "Killed: 84");
}

#[test]
fn figure_declarations_are_checked_in_dateline_toml() {
    let site = site();
    site.file(
        "dateline.toml",
        "title = \"Figures\"\n\n[figures.\"Killed People\"]\nlabel = \"Killed\"\n\n[figures.injured]\nlabel = \"  \"\n",
    );
    let found = build_errors(&site);
    assert_eq!(
        found,
        [
            ("dateline.toml:4:9".to_owned(), "`Killed People` is not a valid figure name".to_owned(), Some("a figure's name is its address, `figures/killed-people/`: lower-case letters, digits and single hyphens, like `[figures.killed-people]`".to_owned())),
            ("dateline.toml:7:9".to_owned(), "the figure `injured` has an empty `label`".to_owned(), Some("write what readers see it as, like `label = \"Injured\"`".to_owned())),
        ]
    );
}

#[test]
fn the_chart_is_valid_svg_with_one_linked_point_per_reading() {
    let site = site();
    site.build(&[]);
    let html = site.read("public/figures/killed/index.html");
    let start = html.find("<svg").expect("an inline svg");
    let end = html[start..].find("</svg>").expect("a closed svg") + start + "</svg>".len();
    let svg = &html[start..end];
    let doc = roxmltree::Document::parse(svg).expect("the chart parses as XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some() && root.attribute("width").is_none());
    assert_eq!(root.attribute("role"), Some("group"));
    let named = |tag: &str| {
        root.descendants()
            .filter(|n| n.tag_name().name() == tag)
            .collect::<Vec<_>>()
    };
    assert_eq!(named("title")[0].text(), Some("Killed"));
    assert!(
        named("desc")[0]
            .text()
            .unwrap()
            .contains("the current figure is more than 70"),
        "{:?}",
        named("desc")[0].text()
    );
    // One linked point per reading, in time order, each with its reading as title.
    let links: Vec<(String, String)> = named("a")
        .iter()
        .map(|a| {
            let href = a.attribute("href").unwrap_or_default().to_owned();
            let title = a
                .children()
                .find(|c| c.tag_name().name() == "title")
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_owned();
            (href, title)
        })
        .collect();
    assert_eq!(
        links,
        [
            ("/2024/01/03/blasts/".to_owned(), "30 — Agence France-Presse, 3 January 2024, 16:00 IRST (retracted)".to_owned()),
            ("/2024/01/03/blasts/".to_owned(), "at least 20 — Islamic Republic of Iran Broadcasting, 3 January 2024, 16:30 IRST (reported)".to_owned()),
            ("/2024/01/03/toll/".to_owned(), "more than 70 — Agence France-Presse, 3 January 2024, 19:00 IRST (reported)".to_owned()),
        ]
    );
}

#[test]
fn a_date_without_a_time_sorts_at_noon_of_its_own_day_in_the_sites_zone() {
    // West of Greenwich, midnight of 5 January read as UTC would come before 22:00
    // on the 4th in New York.
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"West\"\ntimezone = \"America/New_York\"\n\n[figures.killed]\nlabel = \"Killed\"\n",
    )
    .file("content/sources/afp.md", "---\nname: AFP\n---\nx\n")
    .file(
        "content/events/2024-01-04-night.md",
        "---\ntitle: Night\ndate: 2024-01-04T21:00\nfigures:\n  killed:\n    - { value: 50, source: afp, at: 2024-01-04T22:00 }\n---\nx\n",
    )
    .file(
        "content/events/2024-01-05-next-day.md",
        "---\ntitle: Next day\nfigures:\n  killed:\n    - { value: 90, source: afp }\n---\nx\n",
    );
    site.build(&[]);
    let page = site.page("/figures/killed/");
    assert_eq!(
        page.texts(".readings-table tbody td.value"),
        ["50", "90 current"]
    );
    assert_eq!(page.text(".current-figure .value"), "90");
    // The chart draws them in the same order, left to right.
    let html = site.read("public/figures/killed/index.html");
    let start = html.find("<svg").unwrap();
    let end = html.find("</svg>").unwrap() + "</svg>".len();
    let doc = roxmltree::Document::parse(&html[start..end]).unwrap();
    let hrefs: Vec<&str> = (doc.descendants())
        .filter(|n| n.tag_name().name() == "a")
        .filter_map(|a| a.attribute("href"))
        .collect();
    assert_eq!(hrefs, ["/2024/01/04/night/", "/2024/01/05/next-day/"]);
}

#[test]
fn a_number_yaml_cuts_at_its_comma_and_one_read_two_ways_are_errors() {
    let site = site();
    site.file(
        "content/events/2024-01-04-commas.md",
        "---\ntitle: Commas\ndate: 2024-01-04\nfigures:\n  killed:\n    - { value: 1,200, source: afp }\n    - { value: \"1.200\", source: afp }\n    - { value: 20-20, source: afp }\n---\nx\n",
    );
    let found = build_errors(&site);
    let at = |line: usize, col: usize| format!("content/events/2024-01-04-commas.md:{line}:{col}");
    assert_eq!(
        found,
        [
            (at(6, 18), "YAML reads the comma before `200` as the end of a value".to_owned(), Some("inside `{ … }` a comma separates fields: quote a number with thousands, like `value: \"1,200\"`, or write it without the comma".to_owned())),
            (at(7, 16), "`1.200` could be read two ways".to_owned(), Some("write `1,200` or `1200` for 1,200 (commas group thousands), or `1.2` for the fraction".to_owned())),
            (at(8, 16), "the range `20-20` has one number at both ends".to_owned(), Some("write the number alone: `20`".to_owned())),
        ]
    );
}

#[test]
fn the_step_line_steps_where_the_readings_that_move_it_are_drawn() {
    // In Tehran: 60 at 08:00, 70 known only to the day (drawn at noon), 95 at 15:00.
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Steps\"\ntimezone = \"Asia/Tehran\"\n\n[figures.killed]\nlabel = \"Killed\"\n",
    )
    .file("content/sources/afp.md", "---\nname: AFP\n---\nx\n")
    .file(
        "content/events/2024-01-04-day.md",
        "---\ntitle: Day\nfigures:\n  killed:\n    - { value: 60, source: afp, at: 2024-01-04T08:00 }\n    - { value: 70, source: afp }\n    - { value: 95, source: afp, at: 2024-01-04T15:00 }\n---\nx\n",
    );
    site.build(&[]);
    let html = site.read("public/figures/killed/index.html");
    let start = html.find("<svg").unwrap();
    let end = html.find("</svg>").unwrap() + "</svg>".len();
    let doc = roxmltree::Document::parse(&html[start..end]).unwrap();
    // The x of each reading's marker, in time order.
    let points: Vec<f64> = (doc.descendants())
        .filter(|n| n.tag_name().name() == "a")
        .filter_map(|a| a.descendants().find_map(|n| n.attribute("cx")))
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(points.len(), 3);
    let d = (doc.descendants())
        .find(|n| n.attribute("class") == Some("chart-step"))
        .and_then(|n| n.attribute("d"))
        .expect("a step line");
    // `M x y`, then `H x V y` for each step, then `H` to the right edge.
    let mut xs: Vec<f64> = Vec::new();
    for (i, part) in d.split(['M', 'H']).filter(|p| !p.is_empty()).enumerate() {
        let x = part.split([' ', 'V']).next().unwrap().parse().unwrap();
        if i == 0 || part.contains('V') {
            xs.push(x);
        }
    }
    assert_eq!(xs.len(), 3, "{d}");
    for (x, point) in xs.iter().zip(&points) {
        assert!(
            (x - point).abs() < 0.2,
            "a step at {x}, its reading at {point}: {d}"
        );
    }
}
