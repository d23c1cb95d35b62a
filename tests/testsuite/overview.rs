//! The overview that opens the timeline and each year page (SPEC §10): bars that
//! link to their archives, named for screen readers, with a table of the same
//! facts, and no script.

use crate::helpers::{Page, Site};

/// Two years under a base path: an event known only to 2023, one to March 2023
/// (key), a span from 20 December 2023 to 10 January 2024, two events on 3 and 4
/// January 2024 (the first key), one on 10 March 2024.
fn two_years() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Overview\"\nbase_url = \"https://example.org/kerman/\"\ntimezone = \"Asia/Tehran\"\n",
    )
    .file(
        "content/events/2023-drought.md",
        "---\ntitle: Drought declared\ndate: 2023\n---\nA dry year.\n",
    )
    .file(
        "content/events/2023-03-protests.md",
        "---\ntitle: Protests spread\ndate: 2023-03\nkey: true\n---\nProtests.\n",
    )
    .file(
        "content/events/2023-12-20-talks.md",
        "---\ntitle: Winter talks\nend: 2024-01-10\n---\nTalks.\n",
    )
    .file(
        "content/events/2024-01-03-kerman-explosions.md",
        "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nkey: true\n---\nTwo blasts.\n",
    )
    .file(
        "content/events/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\n---\nMourning.\n",
    )
    .file(
        "content/events/2024-03-10-inquiry.md",
        "---\ntitle: Inquiry opens\n---\nAn inquiry.\n",
    );
    site
}

/// Each link of the overview's SVG as `(href, accessible name)`: the name is the
/// link's `<title>`.
fn svg_links(page: &Page) -> Vec<(String, String)> {
    let hrefs = page.attrs(".overview svg a", "href");
    let names = page.texts(".overview svg a > title");
    assert_eq!(hrefs.len(), names.len(), "every link has a title");
    hrefs.into_iter().zip(names).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn opens_the_timeline_with_a_bar_per_month_each_linking_to_its_archive() {
    let site = two_years();
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(home.count(".overview"), 1);
    assert_eq!(
        svg_links(&home),
        pairs(&[
            ("/kerman/2023/", "2023, known only to the year: 1 event"),
            ("/kerman/2023/03/", "March 2023: 1 event"),
            ("/kerman/2023/12/", "December 2023: 1 event"),
            ("/kerman/2024/01/", "January 2024: 2 events"),
            ("/kerman/2024/03/", "March 2024: 1 event"),
            (
                "/kerman/2023/03/protests/",
                "Key event: Protests spread, March 2023",
            ),
            (
                "/kerman/2024/01/03/kerman-explosions/",
                "Key event: Kerman explosions, 3 January 2024, 14:50 IRST",
            ),
            (
                "/kerman/2023/12/20/talks/",
                "Winter talks, 20 December 2023 – 10 January 2024",
            ),
        ])
    );
    // Every bar's link leads to a page the build wrote.
    for href in home.attrs(".overview svg a", "href") {
        let rel = href.trim_start_matches("/kerman/");
        assert!(
            site.path(&format!("public/{rel}index.html")).is_file(),
            "{href}"
        );
    }
    assert_eq!(
        home.text(".overview figcaption"),
        "Events per month, January 2023 to December 2024; tallest bar: 2 events (January \
         2024). key event span of dates known only to the year"
    );
    // Years label the axis.
    assert_eq!(home.texts(".overview svg text"), ["2023", "2024"]);
}

#[test]
fn the_overview_is_a_named_group_of_links_without_script() {
    let site = two_years();
    site.build(&[]);
    for url in ["/", "/2024/"] {
        let page = site.page(url);
        assert_eq!(page.attrs(".overview svg", "role"), ["group"], "{url}");
        let labelled = page.attrs(".overview svg", "aria-labelledby");
        let ids: Vec<&str> = labelled[0].split(' ').collect();
        assert_eq!(ids.len(), 2, "{url}");
        for id in ids {
            assert_eq!(page.count(&format!("#{id}")), 1, "{url}: #{id}");
        }
        // No image role around links (axe's nested-interactive rule).
        assert_eq!(page.count(".overview [role=img]"), 0, "{url}");
        assert_eq!(page.count("script"), 0, "{url}");
    }
    assert_eq!(
        site.page("/").text("#overview-desc"),
        "Events per month, January 2023 to December 2024: 6 events in all; tallest bar: 2 \
         events (January 2024). 1 event known only to its year is counted in an outlined \
         bar ahead of January. 2 key events are marked above their bars. 1 span is drawn \
         as a band below the bars."
    );
}

#[test]
fn opens_each_year_page_with_its_twelve_months() {
    let site = two_years();
    site.build(&[]);
    let year = site.page("/2024/");
    assert_eq!(year.text("#overview-2024-title"), "Overview of 2024");
    assert_eq!(
        svg_links(&year),
        pairs(&[
            ("/kerman/2024/01/", "January 2024: 2 events"),
            ("/kerman/2024/03/", "March 2024: 1 event"),
            (
                "/kerman/2024/01/03/kerman-explosions/",
                "Key event: Kerman explosions, 3 January 2024, 14:50 IRST",
            ),
            // The span from 2023 runs into 2024.
            (
                "/kerman/2023/12/20/talks/",
                "Winter talks, 20 December 2023 – 10 January 2024",
            ),
        ])
    );
    assert_eq!(
        year.texts(".overview svg text"),
        [
            "Jan", "J", "Feb", "F", "Mar", "M", "Apr", "A", "May", "M", "Jun", "J", "Jul", "J",
            "Aug", "A", "Sep", "S", "Oct", "O", "Nov", "N", "Dec", "D"
        ]
    );
    // What is known only to 2023 is a bar on its page, named but not a link to
    // the page itself.
    let earlier = site.page("/2023/");
    assert_eq!(
        earlier.texts(".overview svg g.overview-slot.during > title"),
        ["2023, known only to the year: 1 event"]
    );
    assert_eq!(
        earlier.attrs(".overview svg a.overview-slot", "href"),
        ["/kerman/2023/03/", "/kerman/2023/12/"]
    );
    // Month pages have none.
    assert_eq!(site.page("/2024/01/").count(".overview"), 0);
}

#[test]
fn gives_the_same_facts_as_a_table() {
    let site = two_years();
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        home.text(".overview details summary"),
        "Events per year as a table"
    );
    assert_eq!(
        home.texts(".overview-table thead th"),
        ["Year", "Events", "By month", "Key events"]
    );
    assert_eq!(
        home.texts(".overview-table tbody tr > *"),
        [
            "2023",
            "3 events",
            "known only to the year: 1, March: 1, December: 1",
            "Protests spread (March 2023)",
            "2024",
            "3 events",
            "January: 2, March: 1",
            "Kerman explosions (3 January 2024, 14:50 IRST)",
        ]
    );
    assert_eq!(
        home.attrs(".overview-table a", "href"),
        [
            "/kerman/2023/",
            "/kerman/2023/03/",
            "/kerman/2023/12/",
            "/kerman/2023/03/protests/",
            "/kerman/2024/",
            "/kerman/2024/01/",
            "/kerman/2024/03/",
            "/kerman/2024/01/03/kerman-explosions/",
        ]
    );
    assert_eq!(
        home.text(".overview-span-list"),
        "Span: Winter talks (20 December 2023 – 10 January 2024)."
    );
    assert_eq!(
        site.page("/2023/").texts(".overview-table tbody tr > *"),
        [
            "Known only to the year",
            "1 event",
            "",
            "March",
            "1 event",
            "Protests spread (March 2023)",
            "December",
            "1 event",
            "",
        ]
    );
}

#[test]
fn a_timeline_longer_than_fifteen_years_has_a_bar_per_year() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Long\"\n")
        .file(
            "content/events/2000-05-01-start.md",
            "---\ntitle: Start\n---\nBegins.\n",
        )
        .file(
            "content/events/2015-05-01-middle.md",
            "---\ntitle: Middle\nkey: true\n---\nGoes on.\n",
        )
        .file(
            "content/events/2015-07-01-later.md",
            "---\ntitle: Later\n---\nGoes on.\n",
        );
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        svg_links(&home),
        pairs(&[
            ("/2000/", "2000: 1 event"),
            ("/2015/", "2015: 2 events"),
            ("/2015/05/01/middle/", "Key event: Middle, 1 May 2015"),
        ])
    );
    assert_eq!(
        home.text(".overview figcaption"),
        "Events per year, 2000 to 2015; tallest bar: 2 events (2015). key event"
    );
}

#[test]
fn an_empty_site_has_no_overview() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Empty\"\n")
        .file("content/sources/afp.md", "---\nname: AFP\n---\n");
    site.build(&[]);
    assert_eq!(site.page("/").count(".overview"), 0);
}

#[test]
fn a_timeline_known_only_to_years_has_a_bar_per_year_however_short() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Years\"\n");
    for (id, year) in [("2001-a", "2001"), ("2003-b", "2003"), ("2010-c", "2010")] {
        site.file(
            &format!("content/events/{id}.md"),
            &format!("---\ntitle: Event {id}\ndate: \"{year}\"\n---\nText.\n"),
        );
    }
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        svg_links(&home),
        pairs(&[
            ("/2001/", "2001: 1 event"),
            ("/2003/", "2003: 1 event"),
            ("/2010/", "2010: 1 event"),
        ])
    );
    assert_eq!(
        home.text(".overview figcaption"),
        "Events per year, 2001 to 2010; tallest bars: 1 event each (3 bars)."
    );
}
