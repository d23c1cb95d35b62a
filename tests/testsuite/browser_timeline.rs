//! The timeline in headless Chromium, at a desktop width and a phone's, light and
//! dark: `tests/browser/timeline.cjs` scrolls it and follows a year's link, and
//! prints where the year navigation was. A timeline may span decades: the
//! navigation stays one compact row at the top of the screen however far the
//! reader scrolls, and a year's link lands its heading below it.
//!
//! Skipped with a note without Node.js, npm or Chromium, unless
//! `DATELINE_REQUIRE_BROWSER` is set (see `node.rs`).

use serde_json::{Value, json};

use super::helpers::Site;
use super::node;

/// The address the fixture is built for and served at.
const BASE: &str = "https://news.example.org/decades/";

/// Forty years of events: one a year, a month of three in 1990, a key event.
fn decades() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"Decades\"\nbase_url = \"{BASE}\"\n"),
    );
    for year in 1980..2020 {
        site.file(
            &format!("content/events/{year}-06-01-event.md"),
            &format!("---\ntitle: Event of {year}\nplace: Kerman, Iran\n---\nWhat happened in {year}, in a sentence or two of summary.\n"),
        );
    }
    for day in [2, 3] {
        site.file(
            &format!("content/events/1990-06-{day:02}-more.md"),
            &format!(
                "---\ntitle: More on {day} June 1990\nkey: {}\n---\nAnother event.\n",
                day == 3
            ),
        );
    }
    site
}

#[test]
fn the_year_navigation_stays_at_the_top_in_one_row_at_any_width() {
    let Some(modules) = node::packages("the timeline browser test") else {
        return;
    };
    let site = decades();
    site.build(&[]);
    let public = site.path("public");
    let seen = node::json(&modules, "timeline.cjs", &[public.to_str().unwrap(), BASE]);
    assert_eq!(seen["errors"], json!([]), "{seen:#}");
    assert_eq!(seen["blocked"], json!([]), "{seen:#}");
    for (name, view) in seen["views"].as_object().unwrap() {
        let px = |v: &Value| v.as_i64().unwrap();
        // One row: forty years scroll sideways rather than wrap into a wall of
        // chips, and the page itself is never wider than the screen.
        assert!(px(&view["navHeight"]) <= 48, "{name}: {view:#}");
        assert_eq!(view["rowScrolls"], true, "{name}: {view:#}");
        assert_eq!(view["pageWiderThanScreen"], false, "{name}: {view:#}");
        // At the top of the screen, wherever the reader is.
        for at in ["navHalfway", "navAtEnd", "navAfterJump"] {
            assert_eq!(px(&view[at]["top"]), 0, "{name} {at}: {view:#}");
        }
        // A year's link shows its heading, not under the navigation.
        assert_eq!(view["lastYear"], "2019");
        assert!(
            px(&view["lastYearHeading"]["top"]) >= px(&view["navAfterJump"]["bottom"]),
            "{name}: {view:#}"
        );
        // Opaque, in the page's colour, light or dark: nothing shows through.
        assert_eq!(view["navBackground"], view["pageBackground"], "{name}");
    }
    assert_ne!(
        seen["views"]["phone"]["pageBackground"],
        seen["views"]["phone dark"]["pageBackground"]
    );
}
