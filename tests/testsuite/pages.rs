//! Every page kind at its URL, with the content the spec promises.

use crate::helpers::{Site, walk};

#[test]
fn writes_every_page_kind_at_its_url() {
    let site = Site::basic();
    site.build(&[]);
    for url in [
        "/",
        "/2020/",
        "/2020/01/",
        "/2020/01/03/soleimani-killed/",
        "/2024/01/03/kerman-explosions/",
        "/2024/01/04/mourning/",
        "/on-this-day/01-03/",
        "/sources/",
        "/sources/afp/",
        "/explainers/",
        "/explainers/qasem-soleimani/",
        "/tags/",
        "/tags/attacks/",
        "/404.html",
    ] {
        let page = site.page(url);
        assert_eq!(page.count("main h1"), 1, "{url} has one main heading");
    }
    assert!(site.path("public/.nojekyll").is_file());
    assert!(!site.path("public/CNAME").exists());
}

#[test]
fn groups_the_timeline_by_year_and_month_with_year_navigation() {
    let site = Site::basic();
    site.build(&[]);
    let index = site.page("/");
    assert_eq!(index.texts(".year-nav a"), ["2020", "2024"]);
    assert_eq!(index.attrs(".year-nav a", "href"), ["#y2020", "#y2024"]);
    assert_eq!(index.texts(".year > h2"), ["2020", "2024"]);
    // Under its year's heading a month is named alone, and only when it holds
    // two events or more; its entries then give the day alone.
    assert_eq!(index.texts("#y2024 .month-title"), ["January"]);
    assert_eq!(
        index.texts("#y2024 .event-item time"),
        ["3, 14:50 IRST", "4"]
    );
    assert_eq!(index.texts("#y2020 .month-title"), Vec::<String>::new());
    assert_eq!(index.texts("#y2020 .event-item time"), ["3 January"]);
    assert_eq!(
        index.texts(".event-title"),
        ["Soleimani killed", "Kerman explosions", "Day of mourning"]
    );
    assert_eq!(index.texts("#y2024 .event-item .place")[0], "Kerman, Iran");
    assert_eq!(
        index.texts("#y2024 .event-item .summary")[0],
        "Two blasts near the grave."
    );
    assert_eq!(
        index.texts("#y2024 .event-item")[0].matches("AFP").count(),
        1
    );
}

#[test]
fn lists_newest_first_when_configured() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "timezone = \"Asia/Tehran\"\norder = \"newest-first\"\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/").texts(".event-title"),
        ["Day of mourning", "Kerman explosions", "Soleimani killed"]
    );
}

#[test]
fn event_page_shows_date_place_sources_explainers_tags_and_neighbours() {
    let site = Site::basic();
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    assert_eq!(page.text("h1"), "Kerman explosions");
    assert_eq!(
        page.text(".event-header time"),
        "3 January 2024, 14:50 IRST"
    );
    assert_eq!(
        page.attrs(".event-header time", "datetime"),
        ["2024-01-03T14:50+03:30"]
    );
    assert_eq!(page.text(".event-header .place"), "Kerman, Iran");
    assert_eq!(
        page.texts(".sources-cited li a"),
        ["AFP Agence France-Presse", "Reuters"]
    );
    assert_eq!(
        page.attrs(".sources-cited li a", "href"),
        ["/sources/afp/", "/sources/reuters/"]
    );
    assert_eq!(page.texts(".background h3"), ["Who is Qasem Soleimani"]);
    assert_eq!(page.texts(".facts .tag-list a"), ["Soleimani", "Attacks"]);
    assert_eq!(
        page.attrs(".pager .prev", "href"),
        ["/2020/01/03/soleimani-killed/"]
    );
    assert_eq!(
        page.attrs(".pager .next", "href"),
        ["/2024/01/04/mourning/"]
    );
    assert!(page.texts(".body p").contains(&"More detail.".to_owned()));
}

#[test]
fn relates_events_by_shared_explainers_then_tags() {
    let site = Site::basic();
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    // Shares the explainer with the 2020 event, only a tag with the mourning day.
    assert_eq!(
        page.texts(".related .event-title"),
        ["Soleimani killed", "Day of mourning"]
    );
}

#[test]
fn shows_events_of_the_same_calendar_day_in_other_years() {
    let site = Site::basic();
    site.build(&[]);
    let otd = site.page("/on-this-day/01-03/");
    assert_eq!(otd.texts(".year > h2"), ["2020", "2024"]);
    assert_eq!(
        otd.texts(".event-title"),
        ["Soleimani killed", "Kerman explosions"]
    );
    let page = site.page("/2020/01/03/soleimani-killed/");
    assert_eq!(
        page.texts(".on-this-day .event-title"),
        ["Kerman explosions"]
    );
    assert_eq!(
        page.attrs(".on-this-day h2 a", "href"),
        ["/on-this-day/01-03/"]
    );
    assert_eq!(site.page("/2024/01/04/mourning/").count(".on-this-day"), 0);
}

#[test]
fn source_pages_list_claims_chronologically_with_counts_on_the_index() {
    let site = Site::basic();
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    assert_eq!(afp.text("h1"), "Agence France-Presse AFP");
    assert_eq!(
        afp.texts(".claim .meta a"),
        ["Soleimani killed", "Kerman explosions"]
    );
    assert_eq!(
        afp.texts(".claim time"),
        ["3 January 2020", "3 January 2024, 14:50 IRST"]
    );
    assert_eq!(
        afp.attrs("header a[rel=external]", "href"),
        ["https://www.afp.com/"]
    );
    let index = site.page("/sources/");
    assert_eq!(
        index.texts("tbody td:first-child a"),
        ["Agence France-Presse", "Reuters"]
    );
    assert_eq!(index.texts("tbody td.num"), ["2", "2"]);
}

#[test]
fn explainer_pages_list_the_events_that_mention_them() {
    let site = Site::basic();
    site.build(&[]);
    let page = site.page("/explainers/qasem-soleimani/");
    assert_eq!(page.text("h1"), "Who is Qasem Soleimani");
    assert_eq!(
        page.texts(".mentioned-in .event-title"),
        ["Soleimani killed", "Kerman explosions"]
    );
    assert_eq!(
        site.page("/explainers/").texts(".card h2"),
        ["Who is Qasem Soleimani"]
    );
}

#[test]
fn tag_pages_list_events_and_the_index_counts_them() {
    let site = Site::basic();
    site.build(&[]);
    assert_eq!(
        site.page("/tags/attacks/").texts(".event-title"),
        ["Kerman explosions", "Day of mourning"]
    );
    assert_eq!(
        site.page("/tags/").texts(".tag-cloud a"),
        ["Attacks", "Soleimani"]
    );
}

#[test]
fn year_and_month_archives_link_to_their_neighbours() {
    let site = Site::basic();
    site.build(&[]);
    let year = site.page("/2024/");
    assert_eq!(year.text("h1"), "2024");
    assert_eq!(
        year.texts(".event-title"),
        ["Kerman explosions", "Day of mourning"]
    );
    assert_eq!(year.attrs(".pager .prev", "href"), ["/2020/"]);
    let month = site.page("/2020/01/");
    assert_eq!(month.text("h1"), "January 2020");
    assert_eq!(month.attrs(".pager .next", "href"), ["/2024/01/"]);
}

#[test]
fn escapes_markup_in_titles() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-fish.md",
        "---\ntitle: \"Fish & chips <script>alert(1)</script>\"\nplace: \"A < B\"\n---\nBody.\n",
    );
    site.build(&[]);
    let html = site.read("public/2024/02/01/fish/index.html");
    assert!(
        html.contains("Fish &amp; chips &lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("Fish &amp; chips &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"));
    let page = site.page("/2024/02/01/fish/");
    assert_eq!(page.text("h1"), "Fish & chips <script>alert(1)</script>");
    assert_eq!(page.text(".event-header .place"), "A < B");
}

#[test]
fn every_internal_link_resolves_under_a_subpath_base_url() {
    let site = Site::basic();
    site.file("static/images/kerman.jpg", "not really a jpeg")
        .file("content/events/2024-01-05-photo.md", "---\ntitle: Photo\nimage:\n  src: images/kerman.jpg\n  alt: Mourners\n  credit: AFP\n---\nA photo.\n");
    site.build(&["--base-url", "https://user.github.io/kerman/"]);
    let public = site.path("public");
    let mut checked = 0;
    for file in walk(&public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let sel = scraper::Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
        for element in html.select(&sel) {
            let target = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            assert!(
                target.starts_with("/kerman/"),
                "{} links to {target} outside the base path",
                file.display()
            );
            let rel = target
                .trim_start_matches("/kerman/")
                .split('#')
                .next()
                .unwrap();
            let on_disk = if rel.is_empty() || rel.ends_with('/') {
                public.join(rel).join("index.html")
            } else {
                public.join(rel)
            };
            assert!(
                on_disk.is_file(),
                "{} links to {target}, which does not exist",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    let page = site.page("/2024/01/05/photo/");
    assert_eq!(
        page.attrs(".lead-image img", "src"),
        ["/kerman/images/kerman.jpg"]
    );
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        ["https://user.github.io/kerman/2024/01/05/photo/"]
    );
}

#[test]
fn not_found_page_links_with_the_base_path() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "base_url = \"https://user.github.io/kerman/\"\ntimezone = \"Asia/Tehran\"\n",
    );
    site.build(&[]);
    let page = site.page("/404.html");
    assert_eq!(
        page.attrs("link[rel=stylesheet]", "href"),
        ["/kerman/style.css"]
    );
    assert_eq!(
        page.attrs(".year-list a", "href"),
        ["/kerman/2020/", "/kerman/2024/"]
    );
    assert_eq!(page.count("link[rel=canonical]"), 0);
}

#[test]
fn theme_is_accessible_by_construction() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "language = \"fa\"\ntimezone = \"Asia/Tehran\"\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    assert_eq!(page.attrs("html", "lang"), ["fa"]);
    assert_eq!(page.attrs("a.skip-link", "href"), ["#main"]);
    assert_eq!(page.count("header.site-header"), 1);
    assert_eq!(page.count("nav[aria-label]"), 2);
    assert_eq!(page.count("main#main"), 1);
    assert_eq!(page.count("footer"), 1);
    assert_eq!(page.attrs("h1", "dir"), ["auto"]);
    let css = site.read("public/style.css");
    assert!(css.contains("prefers-color-scheme: dark"));
    assert!(css.contains(":focus-visible"));
    assert!(css.contains("@media print"));
    assert!(
        !css.contains("@import") && !css.contains("url(http"),
        "no external resources"
    );
}

#[test]
fn writes_cname_when_configured() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "cname = \"timeline.example.org\"\ntimezone = \"Asia/Tehran\"\n",
    );
    site.build(&[]);
    assert_eq!(site.read("public/CNAME"), "timeline.example.org\n");
}
