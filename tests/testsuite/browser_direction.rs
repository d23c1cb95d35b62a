//! Mixed-direction pages (SPEC §11): every block of user text takes its direction
//! from its own text, so a Persian paragraph at the top of an English event reads
//! right to left and the English ones after it left to right; and on a
//! right-to-left page the built-in theme is mirrored, the timeline's rule and dots
//! on the right. The HTML is checked by selectors; the directions the browser gives
//! the blocks, and where it draws the rule, in headless Chromium (see
//! `tests/browser/direction.cjs`).
//!
//! The browser test is skipped with a note without Node.js, npm or Chromium, unless
//! `DATELINE_REQUIRE_BROWSER` is set (see `node.rs`).

use scraper::Selector;
use serde_json::{Value, json};

use super::helpers::Site;
use super::node;
use super::server::Server;

const PERSIAN_PARAGRAPH: &str = "پلیس دو جاده را بست.";
const PERSIAN_TITLE: &str = "بستن جاده‌های کرمان";
const PERSIAN_SUMMARY: &str = "پلیس دو جاده را بست و ترافیک را منحرف کرد.";

/// An English event whose body opens with a Persian paragraph, with a Persian and an
/// English list item and a table with a Persian cell; and a Persian-titled event
/// with a Persian summary on the English timeline.
fn site() -> Site {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-01-05-roads-closed.md",
        &format!(
            "---\ntitle: Roads closed\nsources: [afp]\n---\n{PERSIAN_PARAGRAPH}\n\n\
             [Harbour Wire] Police closed two roads near the cemetery.\n\n\
             Traffic was turned away [@afp].\n\n\
             - شاهدان گفتند جاده بسته بود.\n- Witnesses said the road was shut.\n\n\
             | City | Note |\n|---|---|\n| کرمان | Closed |\n"
        ),
    )
    .file(
        "content/events/2024/2024-01-06-kerman-roads.md",
        &format!(
            "---\ntitle: {PERSIAN_TITLE}\nsummary: {PERSIAN_SUMMARY}\nsources: [afp]\n---\nمتن.\n"
        ),
    );
    site
}

/// The `dir` of the first element matching `selector` whose text starts with `text`.
fn dir_of(page: &super::helpers::Page, selector: &str, text: &str) -> Option<String> {
    let selector = Selector::parse(selector).unwrap();
    page.0
        .select(&selector)
        .find(|e| e.text().collect::<String>().trim().starts_with(text))
        .map(|e| e.value().attr("dir").unwrap_or("").to_owned())
}

#[test]
fn every_block_of_a_body_carries_dir_auto() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/05/roads-closed/");
    for (selector, text) in [
        (".body > p", PERSIAN_PARAGRAPH),
        (".body > p", "[Harbour Wire]"),
        (".body > p", "Traffic was turned away"),
        (".body li", "شاهدان"),
        (".body li", "Witnesses"),
        (".body th", "City"),
        (".body td", "کرمان"),
        (".body td", "Closed"),
    ] {
        assert_eq!(
            dir_of(&page, selector, text).as_deref(),
            Some("auto"),
            "{selector} {text}"
        );
    }
    // A cited paragraph keeps its anchor.
    let cited = Selector::parse(".body > p#claim-1[dir=auto]").unwrap();
    assert_eq!(page.0.select(&cited).count(), 1);
}

fn measure(modules: &std::path::Path, url: &str, width: u32, rtl: bool) -> Value {
    let mode = if rtl { "rtl" } else { "ltr" };
    node::json(modules, "direction.cjs", &[url, &width.to_string(), mode])
}

/// The computed direction of the block (of tag `tag`) whose text starts with `text`.
fn direction(measured: &Value, tag: &str, text: &str) -> String {
    let blocks = measured["blocks"].as_array().unwrap();
    let block = blocks
        .iter()
        .find(|b| b["tag"] == tag && b["text"].as_str().unwrap().starts_with(text))
        .unwrap_or_else(|| panic!("no {tag} starting {text:?} in {measured:#}"));
    block["direction"].as_str().unwrap().to_owned()
}

#[test]
fn each_block_reads_in_its_own_direction_and_rtl_pages_are_mirrored() {
    let Some(modules) = node::packages("the direction browser test") else {
        return;
    };
    let site = site();
    let server = Server::start(&site, &[]);

    let event = measure(
        &modules,
        &format!("{}2024/01/05/roads-closed/", server.url),
        1280,
        false,
    );
    assert_eq!(event["html_direction"], "ltr", "{event:#}");
    let persian = "پلیس دو جاده";
    assert_eq!(direction(&event, "p", persian), "rtl", "{event:#}");
    assert_eq!(direction(&event, "p", "[Harbour Wire]"), "ltr", "{event:#}");
    assert_eq!(direction(&event, "p", "Traffic"), "ltr", "{event:#}");
    assert_eq!(direction(&event, "li", "شاهدان"), "rtl", "{event:#}");
    assert_eq!(direction(&event, "li", "Witnesses"), "ltr", "{event:#}");
    assert_eq!(direction(&event, "th", "City"), "ltr", "{event:#}");
    assert_eq!(direction(&event, "td", "کرمان"), "rtl", "{event:#}");
    assert_eq!(direction(&event, "td", "Closed"), "ltr", "{event:#}");

    // The English timeline: the Persian entry's title and summary read right to
    // left, the English entries left to right; the rule is on the left.
    let timeline = measure(&modules, &server.url, 1280, false);
    assert_eq!(direction(&timeline, "a", "بستن"), "rtl", "{timeline:#}");
    assert_eq!(direction(&timeline, "p", "پلیس دو"), "rtl", "{timeline:#}");
    assert_eq!(
        direction(&timeline, "a", "Roads closed"),
        "ltr",
        "{timeline:#}"
    );
    let rule = &timeline["rule"];
    assert_eq!(rule["border_left"], "2px", "{timeline:#}");
    assert_eq!(rule["border_right"], "0px", "{timeline:#}");
    assert!(rule["dot"]["left"].as_i64() < rule["list"]["left"].as_i64().map(|l| l + 2));
    assert!(rule["entry"]["left"].as_i64() > rule["list"]["left"].as_i64());
    assert_eq!(timeline["chart_transform"], "none", "{timeline:#}");

    // The same page made right to left: the rule, its dots and the entries are
    // mirrored, and the overview runs right to left.
    for width in [1280, 390] {
        let rtl = measure(&modules, &server.url, width, true);
        assert_eq!(rtl["html_direction"], "rtl", "{rtl:#}");
        assert_eq!(rtl["overflow"], false, "{rtl:#}");
        let rule = &rtl["rule"];
        assert_eq!(rule["border_left"], "0px", "{rtl:#}");
        assert_eq!(rule["border_right"], "2px", "{rtl:#}");
        let list = (
            rule["list"]["left"].as_i64().unwrap(),
            rule["list"]["right"].as_i64().unwrap(),
        );
        let dot = (
            rule["dot"]["left"].as_i64().unwrap(),
            rule["dot"]["right"].as_i64().unwrap(),
        );
        let entry = rule["entry"]["right"].as_i64().unwrap();
        // The dot sits on the rule, at the list's right edge; the entry to its left.
        assert!(dot.0 < list.1 && dot.1 > list.1 - 2, "{rtl:#}");
        assert!(entry < list.1 && entry > list.0, "{rtl:#}");
        assert_eq!(
            rtl["chart_transform"],
            json!("matrix(-1, 0, 0, 1, 0, 0)"),
            "{rtl:#}"
        );
        // English blocks stay left to right on the right-to-left page.
        assert_eq!(direction(&rtl, "a", "Roads closed"), "ltr", "{rtl:#}");
        assert_eq!(direction(&rtl, "a", "بستن"), "rtl", "{rtl:#}");
    }
}
