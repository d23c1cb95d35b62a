//! Corrections (SPEC §9.4): a notice at the top of a corrected event or explainer
//! page and the full list at its end, `updated` brought up to the latest
//! correction in pages, feeds, the sitemap and JSON-LD, the `/corrections/` page,
//! and every mistake in `corrections` reported at its line.

use crate::helpers::{Page, Site};

/// The basic site's Kerman event (3 January 2024, 14:50 in Tehran) with the
/// corrections written as `corrections` (YAML lines, indented as under the key).
fn kerman_with(corrections: &str) -> String {
    format!(
        "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp, reuters]\nexplainers: [qasem-soleimani]\ntags: [Soleimani, Attacks]\ncorrections:\n{corrections}---\nTwo blasts near the grave.\n\nMore detail.\n"
    )
}

const KERMAN: &str = "content/events/2024/2024-01-03-kerman-explosions.md";
const KERMAN_PAGE: &str = "/2024/01/03/kerman-explosions/";

/// Two corrections of the Kerman event, written newest first.
const TWO: &str = "  - date: 2024-01-05\n    text: The mosque was misnamed.\n  - date: 2024-01-04\n    text: An earlier version gave the first toll as 30; [state TV](source:reuters) said *at least* 20.\n";

fn corrected_site() -> Site {
    let site = Site::basic();
    site.file(KERMAN, &kerman_with(TWO));
    site.build(&[]);
    site
}

#[test]
fn an_event_opens_with_a_notice_of_its_latest_correction_and_ends_with_them_all() {
    let site = corrected_site();
    let page = site.page(KERMAN_PAGE);
    // The notice is in the page's header, above the body.
    assert_eq!(
        page.texts("article.event > header .correction-notice"),
        [
            "Corrected 5 January 2024: The mosque was misnamed. See all 2 corrections · All corrections on this site"
        ]
    );
    assert_eq!(
        page.attrs(".correction-notice[role='note'] time", "datetime"),
        ["2024-01-05"]
    );
    assert_eq!(
        page.attrs(".correction-notice a", "href"),
        ["#corrections", "/corrections/"]
    );
    // The list is at the end of the article, oldest first, each with its date.
    assert_eq!(
        page.texts("article.event > section#corrections h2"),
        ["Corrections"]
    );
    assert_eq!(
        page.texts("section#corrections li"),
        [
            "4 January 2024: An earlier version gave the first toll as 30; state TV said at least 20.",
            "5 January 2024: The mosque was misnamed.",
        ]
    );
    assert_eq!(
        page.attrs("section#corrections li time", "datetime"),
        ["2024-01-04", "2024-01-05"]
    );
    // Inline Markdown, links resolved.
    assert_eq!(
        page.attrs("section#corrections li a", "href"),
        ["/sources/reuters/"]
    );
    assert_eq!(page.texts("section#corrections li em"), ["at least"]);
    assert_eq!(
        page.attrs("article.event > :last-child", "id"),
        ["corrections"],
        "the list ends the article"
    );
    // Every page's footer links the corrections page.
    for url in [KERMAN_PAGE, "/", "/sources/afp/"] {
        assert_eq!(
            site.page(url).attrs(".site-footer a", "href"),
            ["/corrections/", "/on-this-day/"],
            "{url}"
        );
    }
}

#[test]
fn an_event_without_corrections_shows_neither_notice_nor_list() {
    let site = Site::basic();
    site.build(&[]);
    let page = site.page(KERMAN_PAGE);
    assert_eq!(page.count(".correction-notice"), 0);
    assert_eq!(page.count("#corrections"), 0);
    assert_eq!(page.count("[id^='corrections']"), 0);
}

#[test]
fn one_correction_is_announced_as_such() {
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n    text: The toll was 20, not 30.\n"),
    );
    site.build(&[]);
    assert_eq!(
        site.page(KERMAN_PAGE).texts(".correction-notice a"),
        ["See the correction", "All corrections on this site"]
    );
}

#[test]
fn an_explainer_file_shows_its_corrections_written_in_toml() {
    let site = Site::basic();
    site.file(
        "content/explainers/qasem-soleimani.md",
        "+++\ntitle = \"Who is Qasem Soleimani\"\nsubject = \"Qasem Soleimani\"\nkind = \"person\"\naliases = [\"Soleimani\"]\n\n[[corrections]]\ndate = 2024-01-06\ntext = \"He led the *Quds Force*, not the army.\"\n\n[[corrections]]\ndate = \"2024-01\"\ntext = \"His birth year was wrong.\"\n+++\nHe led the Quds Force.\n",
    );
    site.build(&[]);
    let page = site.page("/explainers/qasem-soleimani/");
    assert_eq!(
        page.texts("article.explainer > header .correction-notice strong"),
        ["Corrected 6 January 2024:"]
    );
    assert_eq!(
        page.texts("article.explainer > section#corrections li"),
        [
            "January 2024: His birth year was wrong.",
            "6 January 2024: He led the Quds Force, not the army.",
        ]
    );
    assert_eq!(
        page.attrs("section#corrections time", "datetime"),
        ["2024-01", "2024-01-06"]
    );
    // The explainer had no `updated`: its latest correction is.
    assert_eq!(
        page.attrs("article.explainer > header .meta time", "datetime"),
        ["2024-01-06"],
        "updated in the header"
    );
    let ld = page.json_ld();
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["headline"], "Who is Qasem Soleimani");
    assert_eq!(ld["dateModified"], "2024-01-06T00:00:00Z");
    // Each correction dated at the precision written.
    assert_eq!(
        ld["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "datePublished": "2024-01", "text": "His birth year was wrong."},
            {"@type": "CorrectionComment", "datePublished": "2024-01-06", "text": "He led the Quds Force, not the army."},
        ])
    );
    // The sitemap carries the date of the latest correction as the page's.
    let lastmods = site.lastmods();
    assert_eq!(
        lastmods
            .get("/explainers/qasem-soleimani/")
            .map(String::as_str),
        Some("2024-01-06T00:00:00Z")
    );
    assert_eq!(lastmods.get("/explainers/"), None, "a list has no date");
}

#[test]
fn updated_defaults_to_the_latest_correction_and_the_feeds_carry_it() {
    let site = corrected_site();
    let page = site.page(KERMAN_PAGE);
    assert_eq!(
        page.attrs(".facts time", "datetime"),
        ["2024-01-03T14:50+03:30", "2024-01-05"],
        "when, then updated"
    );
    let ld = page.json_ld();
    assert_eq!(ld["dateModified"], "2024-01-05T00:00:00Z");
    assert_eq!(ld["datePublished"], "2024-01-03T14:50:00+03:30");
    assert_eq!(
        ld["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "datePublished": "2024-01-04", "text": "An earlier version gave the first toll as 30; state TV said at least 20."},
            {"@type": "CorrectionComment", "datePublished": "2024-01-05", "text": "The mosque was misnamed."},
        ])
    );

    let atom = site.atom();
    let kerman = atom
        .entries
        .iter()
        .find(|e| e.title == "Kerman explosions")
        .expect("an entry");
    assert_eq!(kerman.published, "2024-01-03T14:50:00+03:30");
    assert_eq!(kerman.updated, "2024-01-05T00:00:00Z");
    assert_eq!(atom.updated, "2024-01-05T00:00:00Z", "the feed's own");

    let feed = site.json("feed.json");
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Kerman explosions")
        .expect("an item");
    assert_eq!(item["date_modified"], "2024-01-05T00:00:00Z");
    // The entry opens with the notice, its link absolute to the page's list.
    let content = item["content_html"].as_str().unwrap();
    let notice = Page(scraper::Html::parse_fragment(content));
    assert_eq!(
        notice.texts("aside.correction-notice"),
        ["Corrected 5 January 2024: The mosque was misnamed. See all 2 corrections"]
    );
    assert_eq!(
        notice.attrs("aside.correction-notice a", "href"),
        ["/2024/01/03/kerman-explosions/#corrections"]
    );
    assert!(content.contains("Two blasts near the grave."), "{content}");
    let xml = site.read("public/atom.xml");
    assert!(
        xml.contains(
            "Corrected &lt;time datetime=&quot;2024-01-05&quot;&gt;5 January 2024&lt;/time&gt;:"
        ),
        "{xml}"
    );

    assert_eq!(
        site.lastmods()
            .get("/2024/01/03/kerman-explosions/")
            .map(String::as_str),
        Some("2024-01-05T00:00:00Z")
    );
}

#[test]
fn an_updated_before_the_latest_correction_gives_way_and_a_later_one_stays() {
    let site = Site::basic();
    let earlier = kerman_with(TWO).replace("corrections:\n", "updated: 2024-01-04\ncorrections:\n");
    site.file(KERMAN, &earlier);
    site.build(&[]);
    assert_eq!(
        site.page(KERMAN_PAGE).attrs(".facts time", "datetime")[1],
        "2024-01-05"
    );

    let later = kerman_with(TWO).replace(
        "corrections:\n",
        "updated: 2024-01-09T10:00\ncorrections:\n",
    );
    site.file(KERMAN, &later);
    site.build(&[]);
    assert_eq!(
        site.page(KERMAN_PAGE).attrs(".facts time", "datetime")[1],
        "2024-01-09T10:00+03:30"
    );

    // On the day of the latest correction, the more precise `updated` is kept.
    let same_day = kerman_with(TWO).replace(
        "corrections:\n",
        "updated: 2024-01-05T09:00\ncorrections:\n",
    );
    site.file(KERMAN, &same_day);
    site.build(&[]);
    assert_eq!(
        site.page(KERMAN_PAGE).attrs(".facts time", "datetime")[1],
        "2024-01-05T09:00+03:30"
    );
}

#[test]
fn the_corrections_page_lists_every_correction_newest_first() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"https://user.github.io/kerman/\"\n",
    )
    .file(KERMAN, &kerman_with(TWO))
    .file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\ntags: [Attacks]\ncorrections:\n  - { date: 2024-01-05, text: It was declared by the government. }\n---\nA national day of mourning.\n",
    )
    .file(
        "content/explainers/qasem-soleimani.md",
        "---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\ncorrections:\n  - date: 2024-01-05\n    text: He was born in 1957.\n  - date: 2024-01-07T09:00\n    text: He was killed in Baghdad.\n---\nHe led the Quds Force.\n",
    );
    site.build(&[]);
    let page = site.page("/corrections/");
    assert_eq!(page.texts("h1"), ["Corrections"]);
    assert_eq!(
        page.texts(".site-corrections > li .meta"),
        [
            "7 January 2024, 09:00 IRST · Who is Qasem Soleimani (explainer)",
            // One day, three documents: events in timeline order, then explainers.
            "5 January 2024 · Kerman explosions",
            "5 January 2024 · Day of mourning",
            "5 January 2024 · Who is Qasem Soleimani (explainer)",
            "4 January 2024 · Kerman explosions",
        ]
    );
    assert_eq!(
        page.attrs(".site-corrections > li .meta a", "href"),
        [
            "/kerman/explainers/qasem-soleimani/#corrections",
            "/kerman/2024/01/03/kerman-explosions/#corrections",
            "/kerman/2024/01/04/mourning/#corrections",
            "/kerman/explainers/qasem-soleimani/#corrections",
            "/kerman/2024/01/03/kerman-explosions/#corrections",
        ]
    );
    assert_eq!(
        page.attrs(".site-corrections > li time", "datetime"),
        [
            "2024-01-07T09:00+03:30",
            "2024-01-05",
            "2024-01-05",
            "2024-01-05",
            "2024-01-04"
        ]
    );
    assert_eq!(
        page.texts(".site-corrections > li > p:last-child")[0],
        "He was killed in Baghdad."
    );
    assert_eq!(
        page.attrs(".site-footer a[aria-current='page']", "href"),
        ["/kerman/corrections/"]
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://user.github.io/kerman/corrections/</loc>"),
        "the sitemap lists the page"
    );
}

#[test]
fn the_corrections_page_is_published_when_there_are_none() {
    let site = Site::basic();
    site.build(&[]);
    let page = site.page("/corrections/");
    assert_eq!(page.texts("h1"), ["Corrections"]);
    assert_eq!(page.count(".site-corrections"), 0);
    assert_eq!(
        page.texts("main p:not(.lede)"),
        ["No corrections have been published."]
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>/corrections/</loc>")
    );
}

#[test]
fn a_correction_links_and_cites_as_a_body_does_without_making_a_claim() {
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n    text: \"[The 2020 strike](event:2020-01-03-soleimani-killed) killed [[Qasem Soleimani]], as AFP said [@afp].\"\n"),
    );
    site.build(&[]);
    let page = site.page(KERMAN_PAGE);
    assert_eq!(
        page.attrs("section#corrections li a", "href"),
        [
            "/2020/01/03/soleimani-killed/",
            "/explainers/qasem-soleimani/",
            "/sources/afp/"
        ]
    );
    assert_eq!(
        page.json_ld()["correction"][0]["text"],
        "The 2020 strike killed Qasem Soleimani, as AFP said."
    );
    // AFP's claims are the two events' listings, as before.
    let afp = site.page("/sources/afp/");
    let without = Site::basic();
    without.build(&[]);
    assert_eq!(
        afp.count(".claim"),
        without.page("/sources/afp/").count(".claim")
    );
}

/// Builds the basic site with the Kerman event's `corrections` as given, expecting
/// failure; returns the messages.
fn kerman_fails(corrections: &str) -> String {
    let site = Site::basic();
    site.file(KERMAN, &kerman_with(corrections));
    let stderr = site.build_fails(&[]);
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "check finds it too");
    stderr
}

/// `message` at `line:col` of the Kerman event, with `help`.
fn assert_error(stderr: &str, (line, col): (usize, usize), message: &str, help: &str) {
    let at = format!("--> {KERMAN}:{line}:{col}");
    let found = stderr
        .split("\n\n")
        .find(|block| block.contains(&at) && block.contains(message));
    let Some(block) = found else {
        panic!("no `{message}` at {line}:{col} in:\n{stderr}");
    };
    assert!(block.contains(&format!("= help: {help}")), "{block}");
}

#[test]
fn errors_on_a_correction_dated_before_the_event() {
    // The event is on 3 January; a correction that day is fine, the day before not.
    let stderr = kerman_fails(
        "  - date: 2024-01-03\n    text: Fine.\n  - date: 2024-01-02\n    text: Too early.\n",
    );
    assert_error(
        &stderr,
        (11, 11),
        "the correction's `date` (2024-01-02) is before the event's `date` (2024-01-03T14:50+03:30)",
        "a correction is made on or after the day of the event it corrects; check the year",
    );
    assert!(stderr.contains("build failed: 1 error"), "{stderr}");
}

#[test]
fn errors_on_a_missing_or_impossible_date_and_a_missing_or_blank_text() {
    let stderr = kerman_fails(
        "  - text: No date.\n  - date: 2024-01-05\n  - date: 2024-01-05\n    text: \"  \"\n  - date: 2024-02-30\n    text: Bad day.\n  - date: 2024-01-05\n    text:\n",
    );
    assert_error(
        &stderr,
        (9, 5),
        "this correction has no `date`",
        "add `date: 2024-01-04` to it: the day the correction was made",
    );
    let say =
        "say what was wrong and what is right: `text: An earlier version gave the toll as 30.`";
    assert_error(&stderr, (10, 5), "this correction has no `text`", say);
    assert_error(&stderr, (12, 11), "the correction's `text` is empty", say);
    assert_error(
        &stderr,
        (13, 11),
        "`2024-02-30` is not a date: February 2024 has 29 days",
        "check the day of the month",
    );
    assert_error(&stderr, (16, 5), "the correction's `text` is empty", say);
    assert!(stderr.contains("build failed: 5 errors"), "{stderr}");
}

#[test]
fn errors_on_an_unknown_key_in_a_correction_with_a_suggestion() {
    let stderr = kerman_fails("  - date: 2024-01-04\n    txt: Typo.\n");
    assert_error(
        &stderr,
        (10, 5),
        "unknown field `txt` under `corrections`",
        "did you mean `text`?",
    );

    let site = Site::basic();
    site.file(
        "content/explainers/qasem-soleimani.md",
        "+++\ntitle = \"Who is Qasem Soleimani\"\n\n[[corrections]]\ndate = 2024-01-04\ntext = \"Fine.\"\n\n[[corrections]]\ndate = 2024-01-05\ntexte = \"Typo.\"\n+++\nHe led the Quds Force.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: unknown field `texte` under `corrections`")
            && stderr.contains("--> content/explainers/qasem-soleimani.md:10:1")
            && stderr.contains("did you mean `text`?"),
        "{stderr}"
    );
}

#[test]
fn errors_at_the_entry_in_toml() {
    let site = Site::basic();
    site.file(
        KERMAN,
        "+++\ntitle = \"Kerman explosions\"\ndate = 2024-01-03T14:50:00\nsources = [\"afp\"]\n\n[[corrections]]\ndate = 2024-01-04\ntext = \"Fine.\"\n\n[[corrections]]\ntext = \"No date.\"\n\n[[corrections]]\ndate = 2023-12-31\ntext = \"Too early.\"\n+++\nTwo blasts.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        (10, 1),
        "this correction has no `date`",
        "add `date = 2024-01-04` to it: the day the correction was made",
    );
    assert_error(
        &stderr,
        (14, 8),
        "the correction's `date` (2023-12-31) is before the event's `date` (2024-01-03T14:50+03:30)",
        "a correction is made on or after the day of the event it corrects; check the year",
    );
    assert!(stderr.contains("build failed: 2 errors"), "{stderr}");
}

#[test]
fn errors_on_block_syntax_and_raw_html_in_a_correction() {
    let stderr = kerman_fails(
        "  - date: 2024-01-04\n    text: \"# Corrected\"\n  - date: 2024-01-04\n    text: \"2024. The toll\"\n  - date: 2024-01-04\n    text: |\n      One.\n\n      Two.\n  - date: 2024-01-04\n    text: It said <b>30</b>.\n",
    );
    let inline = "a correction's `text` is one paragraph of inline Markdown, not";
    assert_error(
        &stderr,
        (10, 12),
        &format!("{inline} a heading"),
        "a line that starts with `#` and a space is a heading: leave out the `#`, or write `**…**` for emphasis",
    );
    assert_error(
        &stderr,
        (12, 12),
        &format!("{inline} a numbered list"),
        "a line that starts with a number and `.` or `)` is a numbered list item: to keep it as text, put a backslash before the `.`: `2024\\. …`",
    );
    // Written on lines of its own, the text is reported at the character at fault.
    assert_error(
        &stderr,
        (17, 7),
        &format!("{inline} a second paragraph"),
        "a blank line starts a new paragraph: join the paragraphs, or give each its own correction",
    );
    let html = "write it in Markdown: `**bold**`, `*italics*`, `[a link](https://…)`; raw HTML could break the page around the text";
    assert_error(&stderr, (19, 19), &format!("{inline} raw HTML"), html);
    assert_error(&stderr, (19, 24), &format!("{inline} raw HTML"), html);
    assert!(stderr.contains("build failed: 5 errors"), "{stderr}");
}

#[test]
fn errors_on_an_unknown_link_in_a_correction_at_its_place() {
    let stderr =
        kerman_fails("  - date: 2024-01-04\n    text: Said so [@afpp] about [[Kerman blasts]].\n");
    assert!(
        stderr.contains("unknown source `afpp`") && stderr.contains(&format!("--> {KERMAN}:10:20")),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown wikilink `[[Kerman blasts]]`")
            && stderr.contains(&format!("--> {KERMAN}:10:33")),
        "{stderr}"
    );
}

#[test]
fn a_body_may_not_take_the_id_of_the_corrections_list() {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\n---\nA national day of mourning.\n\n## Corrections {#corrections}\n\nNone.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: id `corrections` is used by the page layout; choose another")
            && stderr.contains("--> content/events/2024/2024-01-04-mourning.md:7:17")
            && stderr.contains("built-in theme: event.html"),
        "{stderr}"
    );
}

#[test]
fn yaml_misreadings_in_a_correction_are_said() {
    let stderr = kerman_fails("  - date: 0800\n    text: Fine.\n");
    assert_error(
        &stderr,
        (9, 11),
        "YAML reads the unquoted `0800` as the number 800, not as a date",
        "quote it: `date: \"0800\"`",
    );

    let stderr = kerman_fails("  - date: 2024-01-04\n    text: Toll: 30, not 20.\n");
    assert_error(
        &stderr,
        (10, 11),
        "the `: ` inside the value of `text` starts a new key in YAML",
        "quote it: `text: \"Toll: 30, not 20.\"`",
    );

    // A comment that cuts the text is a warning, which `check --strict` fails on.
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n    text: Toll #2 was wrong.\n"),
    );
    let check = site.run(&["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "warning: YAML reads `#2 was wrong.` as a comment, so `corrections.text` is only `Toll`"
        ) && stderr.contains(&format!("--> {KERMAN}:10:16")),
        "{stderr}"
    );
}

#[test]
fn the_corrections_of_an_event_that_failed_are_checked_too() {
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n")
            .replace("date: 2024-01-03T14:50", "date: 2024-02-30"),
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("February 2024 has 29 days"), "{stderr}");
    assert_error(
        &stderr,
        (9, 5),
        "this correction has no `text`",
        "say what was wrong and what is right: `text: An earlier version gave the toll as 30.`",
    );
}

/// Each error in `stderr` as (`line:col` in the Kerman event, message, help).
fn kerman_errors(stderr: &str) -> Vec<(String, String, Option<String>)> {
    crate::helpers::errors(stderr)
        .into_iter()
        .map(|(at, message, help)| (at.replacen(&format!("{KERMAN}:"), "", 1), message, help))
        .collect()
}

/// `(line:col, message, help)` as [`kerman_errors`] gives them.
fn expected(list: &[(&str, &str, &str)]) -> Vec<(String, String, Option<String>)> {
    list.iter()
        .map(|(at, message, help)| {
            (
                (*at).to_owned(),
                (*message).to_owned(),
                Some((*help).to_owned()),
            )
        })
        .collect()
}

#[test]
fn one_wrong_correction_hides_none_of_the_other_problems_of_the_list() {
    let stderr = kerman_fails(
        "  - date: 2024-01-04\n    txet: Typo.\n  - date: 2024-01-02\n    text: Too early.\n  - date: 2024-02-30\n    text: Fine.\n  - text: No date.\n  - date: 2024-01-05\n    note: x\n  - date: 2024-01-01\n    txt: Early and wrong.\n  - date: 0800\n    text: Fine [@afpp].\n  - date: 2024-01-06\n    text: |\n      One *and*\n      - two\n",
    );
    let before =
        "a correction is made on or after the day of the event it corrects; check the year";
    assert_eq!(
        kerman_errors(&stderr),
        expected(&[
            (
                "10:5",
                "unknown field `txet` under `corrections`",
                "did you mean `text`?"
            ),
            (
                "11:11",
                "the correction's `date` (2024-01-02) is before the event's `date` (2024-01-03T14:50+03:30)",
                before,
            ),
            (
                "13:11",
                "`2024-02-30` is not a date: February 2024 has 29 days",
                "check the day of the month",
            ),
            (
                "15:5",
                "this correction has no `date`",
                "add `date: 2024-01-04` to it: the day the correction was made",
            ),
            // `note` is no misspelling of `text`: both are said.
            (
                "16:5",
                "this correction has no `text`",
                "say what was wrong and what is right: `text: An earlier version gave the toll as 30.`",
            ),
            (
                "17:5",
                "unknown field `note` under `corrections`",
                "a correction takes `date`, `text`"
            ),
            // The date of an entry with a misspelt key is still checked.
            (
                "18:11",
                "the correction's `date` (2024-01-01) is before the event's `date` (2024-01-03T14:50+03:30)",
                before,
            ),
            (
                "19:5",
                "unknown field `txt` under `corrections`",
                "did you mean `text`?"
            ),
            (
                "20:11",
                "YAML reads the unquoted `0800` as the number 800, not as a date",
                "quote it: `date: \"0800\"`",
            ),
            ("21:17", "unknown source `afpp`", "did you mean `afp`?"),
            // Inside a `|` block: at the line and column of the item, named by its marker.
            (
                "25:7",
                "a correction's `text` is one paragraph of inline Markdown, not a list",
                "a line that starts with `-` and a space is a list item: write the items as one sentence",
            ),
        ]),
        "{stderr}"
    );
}

#[test]
fn an_unknown_key_in_an_inline_correction_is_said_at_the_key() {
    let site = Site::basic();
    site.file(
        KERMAN,
        "+++\ntitle = \"Kerman explosions\"\ndate = 2024-01-03T14:50:00\ncorrections = [ { date = 2024-01-04, txt = \"ok\" }, { date = 2024-01-05, text = \"ok\", note = \"x\" } ]\n+++\nTwo blasts near the grave.\n",
    );
    let listed = expected(&[
        (
            "4:38",
            "unknown field `txt` under `corrections`",
            "did you mean `text`?",
        ),
        (
            "4:86",
            "unknown field `note` under `corrections`",
            "a correction takes `date`, `text`",
        ),
    ]);
    assert_eq!(kerman_errors(&site.build_fails(&[])), listed);
    // YAML flow maps alike.
    site.file(
        KERMAN,
        "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\ncorrections: [ { date: 2024-01-04, txt: ok }, { date: 2024-01-05, text: ok, note: x } ]\n---\nTwo blasts near the grave.\n",
    );
    let listed = expected(&[
        (
            "4:36",
            "unknown field `txt` under `corrections`",
            "did you mean `text`?",
        ),
        (
            "4:77",
            "unknown field `note` under `corrections`",
            "a correction takes `date`, `text`",
        ),
    ]);
    assert_eq!(kerman_errors(&site.build_fails(&[])), listed);
}

#[test]
fn block_syntax_is_said_at_its_character_however_the_text_is_written() {
    let site = Site::basic();
    site.file(
        KERMAN,
        "+++\ntitle = \"Kerman explosions\"\ndate = 2024-01-03T14:50:00\n\n[[corrections]]\ndate = 2024-01-04\ntext = \"\"\"\nOne.\n\nTwo.\"\"\"\n\n[[corrections]]\ndate = 2024-01-05\ntext = \"Said \\\"so\\\" \\u00e9.\\n\\n- two\"\n\n[[corrections]]\ndate = 2024-01-06\ntext = 'It said <b>30</b>.'\n+++\nTwo blasts near the grave.\n",
    );
    let inline = "a correction's `text` is one paragraph of inline Markdown, not";
    let paragraph =
        "a blank line starts a new paragraph: join the paragraphs, or give each its own correction";
    let list =
        "a line that starts with `-` and a space is a list item: write the items as one sentence";
    let html = "write it in Markdown: `**bold**`, `*italics*`, `[a link](https://…)`; raw HTML could break the page around the text";
    assert_eq!(
        kerman_errors(&site.build_fails(&[])),
        expected(&[
            // In a `"""` string: the line of the second paragraph.
            ("10:1", &format!("{inline} a second paragraph"), paragraph),
            // In a string with escapes: the `-` after the two `\n`.
            ("14:32", &format!("{inline} a list"), list),
            ("18:17", &format!("{inline} raw HTML"), html),
            ("18:22", &format!("{inline} raw HTML"), html),
        ])
    );
    // YAML: a folded `>` block, a double-quoted value with escapes, single quotes.
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n    text: >\n      One and\n      two.\n\n      > Three.\n  - date: 2024-01-05\n    text: \"It\\u2019s \\\"so\\\".\\n\\n* two\"\n  - date: 2024-01-06\n    text: 'It''s <i>so</i>.'\n"),
    );
    assert_eq!(
        kerman_errors(&site.build_fails(&[])),
        expected(&[
            (
                "14:7",
                &format!("{inline} a block quote"),
                "a line that starts with `>` is a block quote: quote with quotation marks instead",
            ),
            (
                "16:33",
                &format!("{inline} a list"),
                "a line that starts with `*` and a space is a list item: write the items as one sentence",
            ),
            ("18:18", &format!("{inline} raw HTML"), html),
            ("18:23", &format!("{inline} raw HTML"), html),
        ])
    );
}

#[test]
fn a_wrong_zone_leaves_the_dates_of_corrections_unread_but_not_their_text() {
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04T09:00\n    text: \"# Corrected\"\n")
            .replace("place:", "timezone: Asia/Tehrn\nplace:"),
    );
    let errors = kerman_errors(&site.build_fails(&[]));
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|(at, message, _)| (at.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("4:11", "unknown time zone `Asia/Tehrn`"),
            (
                "11:12",
                "a correction's `text` is one paragraph of inline Markdown, not a heading"
            ),
        ]
    );
}

#[test]
fn json_ld_dates_each_correction_as_written_and_the_sitemap_each_explainer() {
    let site = Site::basic();
    site.file(
        KERMAN,
        &kerman_with("  - date: 2024-01-04\n    text: A day.\n  - date: 2024-01-05T09:30\n    text: A time.\n"),
    )
    .file(
        "content/explainers/qasem-soleimani.md",
        "---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\nupdated: 2024-02-01\n---\nHe led the Quds Force.\n",
    );
    site.build(&[]);
    let ld = site.page(KERMAN_PAGE).json_ld();
    assert_eq!(
        ld["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "datePublished": "2024-01-04", "text": "A day."},
            {"@type": "CorrectionComment", "datePublished": "2024-01-05T09:30+03:30", "text": "A time."},
        ])
    );
    // An explainer with an `updated` and no correction has its `<lastmod>` too.
    assert_eq!(
        site.lastmods()
            .get("/explainers/qasem-soleimani/")
            .map(String::as_str),
        Some("2024-02-01T00:00:00Z")
    );
}
