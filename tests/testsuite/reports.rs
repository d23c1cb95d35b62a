//! Reports (SPEC §9.3): the specific reports an event relies on, listed on its page,
//! linked from the claims of source pages, given in its JSON-LD, checked at their
//! lines, and warned about by `check` when no archived copy is kept.

use crate::helpers::{Page, Site, stdout};

/// Two sources, an event with one AFP report cited as `[@afp]`, and an event with
/// two AFP reports cited by their ids.
fn site() -> Site {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Reports\"\n")
        .file(
            "content/sources/afp.md",
            "---\nname: Agence France-Presse\nshort: AFP\nurl: https://www.afp.com/\n---\nThe French news agency.\n",
        )
        .file(
            "content/sources/reuters.md",
            "---\nname: Reuters\n---\nA news agency.\n",
        )
        .file(
            "content/events/2024-01-03-blasts.md",
            "---\ntitle: Twin blasts\ntimezone: Asia/Tehran\nreports:\n  - source: afp\n    url: https://news.example/2024/01/03/kerman-blasts\n    title: Twin blasts near Soleimani tomb kill dozens\n    published: 2024-01-03T17:20+03:30\n    archived: https://web.archive.org/web/20240103180000/https://news.example/2024/01/03/kerman-blasts\n    retrieved: 2024-01-04\n---\nTwo blasts hit the procession [@afp].\n",
        )
        .file(
            "content/events/2024-01-04-toll.md",
            "---\ntitle: Toll rises\nreports:\n  - { id: afp-first, source: afp, url: \"https://news.example/first\", title: First toll, archived: \"https://archive.example/first\" }\n  - { id: afp-toll, source: afp, url: \"https://news.example/toll\", title: Toll passes 80, published: 2024-01-04T09:00+03:30, archived: \"https://archive.example/toll\" }\n---\nThe first toll was 50 [@afp-first].\n\nIt rose past 80 [@afp-toll].\n",
        );
    site
}

/// The claims of a source page, each as (excerpt, report headline, its href, the
/// archived copy's href, the link to the report on the event page).
fn claims_with_reports(page: &Page) -> Vec<[String; 5]> {
    let claims = scraper::Selector::parse("li.claim").unwrap();
    let one = |claim: scraper::ElementRef<'_>, selector: &str, attr: Option<&str>| {
        let selector = scraper::Selector::parse(selector).unwrap();
        claim
            .select(&selector)
            .next()
            .map(|e| match attr {
                Some(attr) => e.value().attr(attr).unwrap_or_default().to_owned(),
                None => e.text().collect::<String>().trim().to_owned(),
            })
            .unwrap_or_default()
    };
    page.0
        .select(&claims)
        .map(|claim| {
            [
                one(claim, ".excerpt", None),
                one(claim, ".report a.headline", None),
                one(claim, ".report a.headline", Some("href")),
                one(claim, ".report a.archived", Some("href")),
                one(claim, ".report a[href*='#report-']", Some("href")),
            ]
        })
        .collect()
}

#[test]
fn lists_reports_on_the_event_page_with_outlet_headline_time_and_archived_copy() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(page.count(".sources-cited li.report"), 1);
    assert_eq!(page.attrs(".sources-cited li.report", "id"), ["report-1"]);
    assert_eq!(page.texts("li.report a.outlet"), ["AFP"]);
    assert_eq!(page.attrs("li.report a.outlet", "href"), ["/sources/afp/"]);
    assert_eq!(
        page.texts("li.report a.headline"),
        ["Twin blasts near Soleimani tomb kill dozens"]
    );
    assert_eq!(
        page.attrs("li.report a.headline", "href"),
        ["https://news.example/2024/01/03/kerman-blasts"]
    );
    assert_eq!(page.attrs("li.report a.headline", "rel"), ["external"]);
    // Shown like other dates: in the event's zone, with the time as written.
    assert_eq!(page.texts("li.report time"), ["3 January 2024, 17:20 IRST"]);
    assert_eq!(
        page.attrs("li.report time", "datetime"),
        ["2024-01-03T17:20+03:30"]
    );
    assert_eq!(page.texts("li.report a.archived"), ["archived copy"]);
    assert_eq!(
        page.attrs("li.report a.archived", "href"),
        [
            "https://web.archive.org/web/20240103180000/https://news.example/2024/01/03/kerman-blasts"
        ]
    );

    let toll = site.page("/2024/01/04/toll/");
    assert_eq!(toll.attrs("li.report", "id"), ["report-1", "report-2"]);
    assert_eq!(
        toll.texts("li.report a.headline"),
        ["First toll", "Toll passes 80"]
    );
    // A report without a time shows none.
    assert_eq!(
        toll.texts("li.report time"),
        ["4 January 2024, 09:00 (+03:30)"]
    );
    // Citing a report by its id shows the source's marker, linking to its page.
    assert_eq!(toll.texts(".body a.cite"), ["AFP", "AFP"]);
    assert_eq!(
        toll.attrs(".body a.cite", "href"),
        ["/sources/afp/", "/sources/afp/"]
    );
}

#[test]
fn links_each_claim_on_the_source_page_to_the_report_it_cites() {
    let site = site();
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    let claims = claims_with_reports(&afp);
    let expected = [
        [
            "Two blasts hit the procession.",
            "Twin blasts near Soleimani tomb kill dozens",
            "https://news.example/2024/01/03/kerman-blasts",
            "https://web.archive.org/web/20240103180000/https://news.example/2024/01/03/kerman-blasts",
            "/2024/01/03/blasts/#report-1",
        ],
        [
            "The first toll was 50.",
            "First toll",
            "https://news.example/first",
            "https://archive.example/first",
            "/2024/01/04/toll/#report-1",
        ],
        [
            "It rose past 80.",
            "Toll passes 80",
            "https://news.example/toll",
            "https://archive.example/toll",
            "/2024/01/04/toll/#report-2",
        ],
    ];
    assert_eq!(claims, expected.map(|claim| claim.map(str::to_owned)));
    assert_eq!(
        afp.attrs(".claim .report a.headline", "rel"),
        ["external"; 3]
    );
    assert_eq!(
        afp.texts(".claim .report time"),
        [
            "3 January 2024, 17:20 IRST",
            "4 January 2024, 09:00 (+03:30)"
        ]
    );
}

#[test]
fn a_source_with_a_report_counts_as_cited_and_each_uncited_report_is_a_claim() {
    let site = site();
    // Reuters is neither listed in `sources:` nor cited: its report makes it cited.
    site.file(
        "content/events/2024-01-05-funeral.md",
        "---\ntitle: Funeral\nreports:\n  - source: reuters\n    url: https://news.example/funeral\n    title: Thousands mourn\n    archived: https://archive.example/funeral\n---\nThousands mourned.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/05/funeral/");
    assert_eq!(page.texts(".sources-cited ul a"), ["Reuters"]);
    assert_eq!(page.texts("header .markers a.marker"), ["Reuters"]);
    let reuters = site.page("/sources/reuters/");
    let claims = claims_with_reports(&reuters);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0][1], "Thousands mourn");
    assert_eq!(claims[0][4], "/2024/01/05/funeral/#report-1");
    let index = site.page("/sources/");
    assert!(
        index.texts("body").join(" ").contains("Reuters"),
        "the sources index lists Reuters"
    );
}

#[test]
fn event_json_ld_cites_each_report_as_a_news_article() {
    let site = site();
    site.build(&[]);
    let ld = site.page("/2024/01/03/blasts/").json_ld();
    assert_eq!(
        ld["citation"],
        serde_json::json!([{
            "@type": "NewsArticle",
            "archivedAt": "https://web.archive.org/web/20240103180000/https://news.example/2024/01/03/kerman-blasts",
            "datePublished": "2024-01-03T17:20+03:30",
            "headline": "Twin blasts near Soleimani tomb kill dozens",
            "name": "Twin blasts near Soleimani tomb kill dozens",
            "publisher": {
                "@type": "Organization",
                "name": "Agence France-Presse",
                "url": "https://www.afp.com/"
            },
            "url": "https://news.example/2024/01/03/kerman-blasts"
        }])
    );
    let ld = site.page("/2024/01/04/toll/").json_ld();
    let urls: Vec<&str> = ld["citation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        ["https://news.example/first", "https://news.example/toll"]
    );
}

#[test]
fn reads_reports_from_toml_front_matter() {
    let site = site();
    site.file(
        "content/events/2024-01-06-toml.md",
        "+++\ntitle = \"Written in TOML\"\ndate = 2024-01-06\n\n[[reports]]\nid = \"afp-day\"\nsource = \"afp\"\nurl = \"https://news.example/day\"\ntitle = \"A TOML report\"\npublished = 2024-01-06T10:00:00+03:30\narchived = \"https://archive.example/day\"\nretrieved = 2024-01-07\n\n[[reports]]\nid = \"afp-night\"\nsource = \"afp\"\nurl = \"https://news.example/night\"\narchived = \"https://archive.example/night\"\n+++\nBy day [@afp-day], by night [@afp-night].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/06/toml/");
    assert_eq!(
        page.texts("li.report a.headline"),
        ["A TOML report", "https://news.example/night"]
    );
    assert_eq!(
        page.attrs("li.report time", "datetime"),
        ["2024-01-06T10:00+03:30"]
    );
    let claims = claims_with_reports(&site.page("/sources/afp/"));
    let toml_claims: Vec<&str> = claims
        .iter()
        .filter(|c| c[4].starts_with("/2024/01/06/"))
        .map(|c| c[4].as_str())
        .collect();
    assert_eq!(
        toml_claims,
        ["/2024/01/06/toml/#report-1", "/2024/01/06/toml/#report-2"]
    );

    site.file(
        "content/events/2024-01-06-toml.md",
        "+++\ntitle = \"Written in TOML\"\ndate = 2024-01-06\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://news.example/day\"\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://news.example/night\"\nheadline = \"x\"\n+++\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        "unknown field `headline` under `reports`",
        "content/events/2024-01-06-toml.md:12:1",
        None,
    );
}

/// That `stderr` holds the error `message` at `at` (`file:line:col`), with `help`.
fn assert_error(stderr: &str, message: &str, at: &str, help: Option<&str>) {
    let shown = format!("error: {message}\n");
    let Some(start) = stderr.find(&shown) else {
        panic!("no error `{message}` in:\n{stderr}");
    };
    let rest = &stderr[start + shown.len()..];
    assert!(
        rest.trim_start().starts_with(&format!("--> {at}\n")),
        "`{message}` should be at {at}:\n{stderr}"
    );
    if let Some(help) = help {
        let block = rest.split("\n\n").next().unwrap_or(rest);
        assert!(
            block.contains(&format!("= help: {help}")),
            "`{message}` should have the help `{help}`:\n{stderr}"
        );
    }
}

#[test]
fn errors_on_each_wrong_report_at_its_line() {
    let site = site();
    site.file(
        "content/sources/irna.md",
        "---\nname: Islamic Republic News Agency\nshort: IRNA\n---\nAn agency.\n",
    )
    .file(
        "content/events/2024-01-10-wrong.md",
        "---\ntitle: Wrong reports\ndate: 2024-01-10\nreports:\n  - source: afpp\n    url: https://news.example/1\n  - source: irna\n    url: ftp://news.example/2\n    archived: archive.example/2\n  - id: reuters\n    source: reuters\n    url: https://news.example/3\n  - id: irna-toll\n    source: irna\n    url: https://news.example/4\n  - id: irna-toll\n    source: irna\n    url: https://news.example/5\n  - id: Reuters_Toll\n    source: reuters\n    url: https://news.example/6\n    published: 2024-01-08T23:00+03:30\n    retrieved: 2024-01-07\n  - source: afp\n    url: https://news.example/7\n    published: 2024-01-32\n---\nText [@irna-toll].\n",
    );
    let stderr = site.build_fails(&[]);
    let file = "content/events/2024-01-10-wrong.md";
    assert_error(
        &stderr,
        "unknown source `afpp`",
        &format!("{file}:5:13"),
        Some("did you mean `afp`?"),
    );
    assert_error(
        &stderr,
        "`ftp://news.example/2` is not a web address",
        &format!("{file}:8:10"),
        Some("give where the report was published, as an http:// or https:// URL"),
    );
    assert_error(
        &stderr,
        "`archive.example/2` is not a web address",
        &format!("{file}:9:15"),
        Some(
            "give the archived copy's address, as an http:// or https:// URL (`https://web.archive.org/web/…`)",
        ),
    );
    assert_error(
        &stderr,
        "the report id `reuters` is also a source's id",
        &format!("{file}:10:9"),
        Some(
            "report ids and source ids share the citation names of an event, so `[@reuters]` would name both; give the report an id no source has, like `reuters-report`",
        ),
    );
    assert_error(
        &stderr,
        "two reports of this event have the id `irna-toll`",
        &format!("{file}:16:9"),
        Some(
            "the other is on line 13; give each report its own id, since `[@irna-toll]` cites one",
        ),
    );
    // IRNA has three reports here, the first without an id.
    assert_error(
        &stderr,
        "source `irna` has 3 reports in this event, and this one has no `id`",
        &format!("{file}:7:5"),
        Some(
            "each needs an id, cited as `[@irna-1]`: add `id: irna-1` to it (or another id no source has)",
        ),
    );
    assert_error(
        &stderr,
        "`Reuters_Toll` cannot be a report id",
        &format!("{file}:19:9"),
        Some("a report id is lower-case letters, digits and single hyphens, like `reuters-toll`"),
    );
    assert_error(
        &stderr,
        "the report is `published` 2024-01-08T23:00+03:30, more than a day before the event's `date` (2024-01-10)",
        &format!("{file}:22:16"),
        Some(
            "a report cannot predate what it reports; check the year and month, or the event's `date`",
        ),
    );
    assert_error(
        &stderr,
        "the report is `retrieved` 2024-01-07, before it was `published` (2024-01-08T23:00+03:30)",
        &format!("{file}:23:16"),
        Some("`retrieved` is when you read the report, on or after `published`; check both"),
    );
    assert_error(
        &stderr,
        "`2024-01-32` is not a date: January 2024 has 31 days",
        &format!("{file}:26:16"),
        Some("check the day of the month"),
    );
    assert!(stderr.contains("build failed: 10 errors"), "{stderr}");
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn errors_on_a_report_that_does_not_read_and_on_none_of_its_citations() {
    let site = site();
    site.file(
        "content/events/2024-01-10-unread.md",
        "---\ntitle: Unread\ndate: 2024-01-10\nreports:\n  - id: afp-late\n    source: afp\n    url: https://news.example/late\n    titel: Late toll\n  - source: reuters\n    title: No address\n---\nLate [@afp-late].\n",
    );
    let stderr = site.build_fails(&[]);
    let file = "content/events/2024-01-10-unread.md";
    assert_error(
        &stderr,
        "unknown field `titel` under `reports`",
        &format!("{file}:8:5"),
        Some("did you mean `title`?"),
    );
    assert_error(
        &stderr,
        "a report under `reports` has no `url`",
        &format!("{file}:9:5"),
        Some(
            "add `url: …` to it: a report names its source (a source id) and where it was published (its URL)",
        ),
    );
    // `[@afp-late]` names a report that could not be read: no second error.
    assert!(!stderr.contains("afp-late`"), "{stderr}");
    assert!(stderr.contains("build failed: 2 errors"), "{stderr}");

    // A report whose source is unknown: its id is not an unknown source either.
    site.file(
        "content/events/2024-01-10-unread.md",
        "---\ntitle: Unread\ndate: 2024-01-10\nreports:\n  - id: afp-late\n    source: apf\n    url: https://news.example/late\n---\nLate [@afp-late].\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        "unknown source `apf`",
        &format!("{file}:6:13"),
        Some("did you mean `afp`?"),
    );
    assert!(stderr.contains("build failed: 1 error"), "{stderr}");
}

#[test]
fn warns_about_a_report_without_an_archived_copy_and_strict_check_fails() {
    let site = site();
    site.file(
        "content/events/2024-01-05-funeral.md",
        "---\ntitle: Funeral\nreports:\n  - source: reuters\n    url: https://news.example/funeral\n  - { source: afp, url: \"https://news.example/afp-funeral\", archived: \"https://archive.example/f\" }\n---\nThousands mourned [@reuters].\n",
    );
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: the report has no `archived` copy\n --> content/events/2024-01-05-funeral.md:4:5\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: save the page in an archive (https://web.archive.org/save, or archive.today) and add `archived: https://web.archive.org/web/…` to the report"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("has no `archived` copy").count(),
        1,
        "{stderr}"
    );
    assert!(
        stdout(&output).contains(": 1 warning"),
        "{}",
        stdout(&output)
    );

    let output = site.run(&["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: check failed: --strict turns warnings into errors"),
        "{stderr}"
    );
    // `build` leaves the loose end to `check`.
    let built = site.build(&[]);
    assert!(
        !String::from_utf8_lossy(&built.stderr).contains("archived"),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    // TOML front matter gets the fix in TOML.
    site.file(
        "content/events/2024-01-05-funeral.md",
        "+++\ntitle = \"Funeral\"\n\n[[reports]]\nsource = \"reuters\"\nurl = \"https://news.example/funeral\"\n+++\nThousands mourned.\n",
    );
    let stderr = String::from_utf8_lossy(&site.run(&["check"]).stderr).into_owned();
    assert!(
        stderr.contains("warning: the report has no `archived` copy\n --> content/events/2024-01-05-funeral.md:4:1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add `archived = \"https://web.archive.org/web/…\"` to the report"),
        "{stderr}"
    );
}
