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
        "---\ntitle: Wrong reports\ndate: 2024-01-10\nreports:\n  - source: afpp\n    url: https://news.example/1\n  - source: irna\n    url: ftp://news.example/2\n    archived: archive.example/2\n  - id: reuters\n    source: afp\n    url: https://news.example/3\n  - id: irna-toll\n    source: irna\n    url: https://news.example/4\n  - id: irna-toll\n    source: irna\n    url: https://news.example/5\n  - id: Reuters_Toll\n    source: reuters\n    url: https://news.example/6\n    published: 2024-01-08T23:00+03:30\n    retrieved: 2024-01-07\n  - source: afp\n    url: https://news.example/7\n    published: 2024-01-32\n---\nText [@irna-toll].\n",
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
            "report ids and source ids share the citation names of an event, so `[@reuters]` would name both; give the report an id no source has, like `afp-1`",
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
    // The AFP report with the id of a source counts among AFP's reports.
    assert_error(
        &stderr,
        "source `afp` has 2 reports in this event, and this one has no `id`",
        &format!("{file}:24:5"),
        Some(
            "each needs an id, cited as `[@afp-2]`: add `id: afp-2` to it (or another id no source has)",
        ),
    );
    assert!(stderr.contains("build failed: 11 errors"), "{stderr}");
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
        "this report has no `url`",
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

/// The IRNA source, for the lists of many mistakes.
const IRNA: &str = "---\nname: Islamic Republic News Agency\nshort: IRNA\n---\nAn agency.\n";

/// A body citing a report whose entry does not read (`afp-late`), a report of the
/// list (`irna-toll`) and a name no source or report has (`afp-lat`).
const CITING: &str = "The toll rose [@afp-late]; IRNA said so [@irna-toll], and [@afp-lat].\n";

/// Each error as (`file:line:col`, message, help), `file` left out of the place.
fn errors_in(stderr: &str, file: &str) -> Vec<(String, String, Option<String>)> {
    crate::helpers::errors(stderr)
        .into_iter()
        .map(|(at, message, help)| (at.replacen(&format!("{file}:"), "", 1), message, help))
        .collect()
}

/// The errors a list of many mistakes gives, in either language: `at` holds the
/// place of each, in the order of the list below; `assign` writes `id: afp-1` or
/// `id = "afp-1"`, `url` `url: …` or `url = "…"`.
fn many_mistakes(
    at: [&str; 15],
    (assign, url): (&str, &str),
) -> Vec<(String, String, Option<String>)> {
    let expected: [(&str, String, Option<String>); 15] = [
        (
            at[0],
            "source `afp` has 3 reports in this event, and this one has no `id`".into(),
            Some(format!("each needs an id, cited as `[@afp-1]`: add `{assign}` to it (or another id no source has)")),
        ),
        (at[1], "unknown field `publishd` under `reports`".into(), Some("did you mean `published`?".into())),
        (
            at[2],
            "`ftp://archive.example/1` is not a web address".into(),
            Some("give the archived copy's address, as an http:// or https:// URL (`https://web.archive.org/web/…`)".into()),
        ),
        (
            at[3],
            "this report has no `url`".into(),
            Some(format!("add `{url}` to it: a report names its source (a source id) and where it was published (its URL)")),
        ),
        (at[4], "unknown field `titel` under `reports`".into(), Some("did you mean `title`?".into())),
        (
            at[5],
            "`Reuters_Toll` cannot be a report id".into(),
            Some("a report id is lower-case letters, digits and single hyphens, like `reuters-toll`".into()),
        ),
        (
            at[6],
            "the report is `retrieved` 2024-01-08, before it was `published` (2024-01-09T10:00+03:30)".into(),
            Some("`retrieved` is when you read the report, on or after `published`; check both".into()),
        ),
        (
            at[7],
            "`title` of a report under `reports` must be text; quote it if it looks like a number, list or map".into(),
            None,
        ),
        (at[8], "two reports of this event have the id `irna-toll`".into(), None),
        (
            at[9],
            "`2024-02-30` is not a date: February 2024 has 29 days".into(),
            Some("check the day of the month".into()),
        ),
        (
            at[10],
            "the report id `reuters` is also a source's id".into(),
            Some("report ids and source ids share the citation names of an event, so `[@reuters]` would name both; give the report an id no source has, like `afp-3`".into()),
        ),
        // A misspelt `source` is the one error about it.
        (at[11], "unknown field `sorce` under `reports`".into(), Some("did you mean `source`?".into())),
        (at[12], "unknown source `apf`".into(), Some("did you mean `afp`?".into())),
        (
            at[13],
            "the report is `retrieved` 2020-01-01, more than a day before the event's `date` (2024-01-10)".into(),
            Some("`retrieved` is when you read the report, which cannot be before the event it reports; check the year and month, or the event's `date`".into()),
        ),
        (at[14], "unknown source or report `afp-lat`".into(), Some("known sources and reports of this event: `afp`, `irna`, `irna-toll`, `reuters`".into())),
    ];
    expected
        .into_iter()
        .map(|(at, message, help)| (at.to_owned(), message, help))
        .collect()
}

#[test]
fn one_wrong_report_hides_none_of_the_other_problems_of_the_list() {
    let site = site();
    site.file("content/sources/irna.md", IRNA).file(
        "content/events/2024-01-10-many.md",
        &format!(
            "---\ntitle: Many mistakes\ndate: 2024-01-10\nreports:\n  - source: afp\n    url: https://news.example/1\n    publishd: 2024-01-10\n    archived: ftp://archive.example/1\n  - id: afp-late\n    source: afp\n    titel: Late toll\n  - id: Reuters_Toll\n    source: reuters\n    url: https://news.example/3\n    published: 2024-01-09T10:00+03:30\n    retrieved: 2024-01-08\n  - id: irna-toll\n    source: irna\n    url: https://news.example/4\n    title: [Toll]\n  - id: irna-toll\n    source: irna\n    url: https://news.example/5\n    published: 2024-02-30\n  - id: reuters\n    source: afp\n    url: https://news.example/6\n  - sorce: apf\n    url: https://news.example/7\n  - source: apf\n    url: https://news.example/8\n    retrieved: 2020-01-01\n---\n{CITING}"
        ),
    );
    let file = "content/events/2024-01-10-many.md";
    let stderr = site.build_fails(&[]);
    let at = [
        "5:5", "7:5", "8:15", "9:5", "11:5", "12:9", "16:16", "20:12", "21:9", "24:16", "25:9",
        "28:5", "30:13", "32:16", "34:60",
    ];
    let mut expected = many_mistakes(at, ("id: afp-1", "url: …"));
    expected[8].2 = Some(
        "the other is on line 17; give each report its own id, since `[@irna-toll]` cites one"
            .into(),
    );
    assert_eq!(errors_in(&stderr, file), expected, "{stderr}");
    // `check` finds everything `build` fails on, in the same run.
    let check = site.run(&["check"]);
    let check_stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(errors_in(&check_stderr, file), expected, "{check_stderr}");
}

#[test]
fn one_wrong_report_hides_none_of_the_others_in_toml_either() {
    let site = site();
    site.file("content/sources/irna.md", IRNA).file(
        "content/events/2024-01-10-many.md",
        &format!(
            "+++\ntitle = \"Many mistakes\"\ndate = 2024-01-10\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://news.example/1\"\npublishd = 2024-01-10\narchived = \"ftp://archive.example/1\"\n\n[[reports]]\nid = \"afp-late\"\nsource = \"afp\"\ntitel = \"Late toll\"\n\n[[reports]]\nid = \"Reuters_Toll\"\nsource = \"reuters\"\nurl = \"https://news.example/3\"\npublished = 2024-01-09T10:00:00+03:30\nretrieved = 2024-01-08\n\n[[reports]]\nid = \"irna-toll\"\nsource = \"irna\"\nurl = \"https://news.example/4\"\ntitle = [\"Toll\"]\n\n[[reports]]\nid = \"irna-toll\"\nsource = \"irna\"\nurl = \"https://news.example/5\"\npublished = \"2024-02-30\"\n\n[[reports]]\nid = \"reuters\"\nsource = \"afp\"\nurl = \"https://news.example/6\"\n\n[[reports]]\nsorce = \"apf\"\nurl = \"https://news.example/7\"\n\n[[reports]]\nsource = \"apf\"\nurl = \"https://news.example/8\"\nretrieved = 2020-01-01\n+++\n{CITING}"
        ),
    );
    let stderr = site.build_fails(&[]);
    let at = [
        "5:1", "8:1", "9:12", "11:1", "14:1", "17:6", "21:13", "27:9", "30:6", "33:13", "36:6",
        "41:1", "45:10", "47:13", "49:60",
    ];
    let mut expected = many_mistakes(at, ("id = \"afp-1\"", "url = \"…\""));
    expected[8].2 = Some(
        "the other is on line 24; give each report its own id, since `[@irna-toll]` cites one"
            .into(),
    );
    assert_eq!(
        errors_in(&stderr, "content/events/2024-01-10-many.md"),
        expected,
        "{stderr}"
    );
}

#[test]
fn reports_written_inline_are_read_one_by_one_too() {
    let site = site();
    let file = "content/events/2024-01-10-inline.md";
    // TOML inline tables: each unknown key at its own column.
    site.file(
        file,
        "+++\ntitle = \"Inline\"\ndate = 2024-01-10\nreports = [\n  { source = \"afp\", url = \"https://news.example/1\", publishd = 2024-01-10, archived = \"ftp://archive.example/1\" },\n  { id = \"afp-late\", source = \"afp\", titel = \"Late toll\" },\n  { sorce = \"apf\", url = \"https://news.example/7\", note = \"x\" },\n]\n+++\nThe toll rose [@afp-late].\n",
    );
    let toml = errors_in(&site.build_fails(&[]), file);
    // YAML flow maps, in a block list and in a flow list: the same, at their places.
    site.file(
        file,
        "---\ntitle: Inline\ndate: 2024-01-10\nreports:\n  - { source: afp, url: \"https://news.example/1\", publishd: 2024-01-10, archived: \"ftp://archive.example/1\" }\n  - { id: afp-late, source: afp, titel: Late toll }\n  - { sorce: apf, url: \"https://news.example/7\", note: x }\n---\nThe toll rose [@afp-late].\n",
    );
    let yaml = errors_in(&site.build_fails(&[]), file);
    site.file(
        file,
        "---\ntitle: Inline\ndate: 2024-01-10\nreports: [\n  { source: afp, url: \"https://news.example/1\", publishd: 2024-01-10, archived: \"ftp://archive.example/1\" },\n  { id: afp-late, source: afp, titel: Late toll },\n  { sorce: apf, url: \"https://news.example/7\", note: x } ]\n---\nThe toll rose [@afp-late].\n",
    );
    let flow = errors_in(&site.build_fails(&[]), file);
    let expected = |at: [&str; 7], (assign, url): (&str, &str)| {
        let expected: [(&str, String, Option<String>); 7] = [
            (
                at[0],
                "source `afp` has 2 reports in this event, and this one has no `id`".into(),
                Some(format!("each needs an id, cited as `[@afp-1]`: add `{assign}` to it (or another id no source has)")),
            ),
            (at[1], "unknown field `publishd` under `reports`".into(), Some("did you mean `published`?".into())),
            (
                at[2],
                "`ftp://archive.example/1` is not a web address".into(),
                Some("give the archived copy's address, as an http:// or https:// URL (`https://web.archive.org/web/…`)".into()),
            ),
            (
                at[3],
                "this report has no `url`".into(),
                Some(format!("add `{url}` to it: a report names its source (a source id) and where it was published (its URL)")),
            ),
            (at[4], "unknown field `titel` under `reports`".into(), Some("did you mean `title`?".into())),
            (at[5], "unknown field `sorce` under `reports`".into(), Some("did you mean `source`?".into())),
            (
                at[6],
                "unknown field `note` under `reports`".into(),
                Some("a report takes `source`, `url`, `id`, `title`, `published`, `archived`, `retrieved`".into()),
            ),
        ];
        expected
            .into_iter()
            .map(|(at, message, help)| (at.to_owned(), message, help))
            .collect::<Vec<_>>()
    };
    let toml_at = ["5:3", "5:53", "5:87", "6:3", "6:38", "7:5", "7:52"];
    assert_eq!(toml, expected(toml_at, ("id = \"afp-1\"", "url = \"…\"")));
    let yaml_at = ["5:5", "5:51", "5:83", "6:5", "6:34", "7:7", "7:50"];
    assert_eq!(yaml, expected(yaml_at, ("id: afp-1", "url: …")));
    let flow_at = ["5:3", "5:49", "5:81", "6:3", "6:32", "7:5", "7:48"];
    assert_eq!(flow, expected(flow_at, ("id: afp-1", "url: …")));
}

#[test]
fn yaml_syntax_in_one_report_hides_none_of_the_others() {
    let site = site();
    let file = "content/events/2024-01-10-syntax.md";
    site.file(
        file,
        "---\ntitle: Syntax\ndate: 2024-01-10\nreports:\n  - id: afp-late\n    source: afp\n    url: https://news.example/1\n    title: Toll: 30, not 20\n  - source: reuters\n    url: ftp://news.example/2\n    titel: x\n---\nThe toll rose [@afp-late].\n",
    );
    let stderr = site.build_fails(&[]);
    let expected = [
        (
            "8:12",
            "the `: ` inside the value of `title` starts a new key in YAML",
            Some("quote it: `title: \"Toll: 30, not 20\"`"),
        ),
        (
            "10:10",
            "`ftp://news.example/2` is not a web address",
            Some("give where the report was published, as an http:// or https:// URL"),
        ),
        (
            "11:5",
            "unknown field `titel` under `reports`",
            Some("did you mean `title`?"),
        ),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .into_iter()
        .map(|(at, m, h)| (at.to_owned(), m.to_owned(), h.map(str::to_owned)))
        .collect();
    // `[@afp-late]` names the report that could not be read: no second error.
    assert_eq!(errors_in(&stderr, file), expected, "{stderr}");
}

#[test]
fn a_top_level_key_written_inside_a_report_is_said_so() {
    let site = site();
    let file = "content/events/2024-01-10-inside.md";
    site.file(
        file,
        "---\ntitle: Inside\nreports:\n  - source: afp\n    url: https://news.example/1\n    archived: https://archive.example/1\n    date: 2024-01-10\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        "`date:` is indented, so YAML reads it as part of `reports`",
        &format!("{file}:7:5"),
        Some("start `date:` at the beginning of the line, like `reports:`"),
    );
    site.file(
        file,
        "+++\ntitle = \"Inside\"\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://news.example/1\"\narchived = \"https://archive.example/1\"\ndate = 2024-01-10\n+++\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        "`date` is written after a `[[reports]]` line, so TOML reads it as part of that report",
        &format!("{file}:8:1"),
        Some(
            "move `date = …` above the first `[[reports]]` line, with the other fields of the front matter",
        ),
    );
}

#[test]
fn a_field_of_a_report_written_at_the_start_of_a_line_is_told_once() {
    let site = site();
    let file = "content/events/2024-01-10-outside.md";
    site.file(
        file,
        "---\ntitle: Outside\nreports:\n  - source: afp\n    archived: https://archive.example/1\nurl: https://news.example/1\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    // Not also "this report has no `url`": the line's own error says where it goes.
    assert_eq!(
        errors_in(&stderr, file),
        [(
            "6:1".to_owned(),
            "unknown field `url`".to_owned(),
            Some("to give a report's `url`, indent the line to start under the `source` of its `- source:`".to_owned()),
        )],
        "{stderr}"
    );
}

#[test]
fn a_report_is_not_retrieved_before_the_event_even_without_published() {
    let site = site();
    let file = "content/events/2024-01-10-early.md";
    site.file(
        file,
        "---\ntitle: Early\ndate: 2024-01-10\nreports:\n  - source: afp\n    url: https://news.example/1\n    archived: https://archive.example/1\n    retrieved: 2024-01-09\n  - source: reuters\n    url: https://news.example/2\n    archived: https://archive.example/2\n    retrieved: 2024-01-08T23:00+03:30\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    // A day's slack, as for `published`: the 9th is fine, the 8th is not.
    assert_eq!(
        errors_in(&stderr, file),
        [(
            "12:16".to_owned(),
            "the report is `retrieved` 2024-01-08T23:00+03:30, more than a day before the event's `date` (2024-01-10)".to_owned(),
            Some("`retrieved` is when you read the report, which cannot be before the event it reports; check the year and month, or the event's `date`".to_owned()),
        )],
        "{stderr}"
    );
}
