//! `timeline.json` in Knight Lab's TimelineJS3 viewer, in headless Chromium: a page
//! embeds the viewer (its script and stylesheet from the locked npm package,
//! served locally) with a built site's export, and the test reads back the slides
//! the viewer drew. See `tests/browser/timelinejs.cjs` for how every request is
//! answered without the network.
//!
//! Skipped with a note without Node.js, npm or Chromium, unless
//! `DATELINE_REQUIRE_BROWSER` is set (see `node.rs`).

use serde_json::{Value, json};

use super::node;
use super::timelinejs::{BASE, FLOOD_PHOTO, every_kind};

/// What the viewer showed of the site built into `public` for `base_url`, after
/// checking that it drew without an error of any kind and asked nothing of the
/// network.
fn viewed(modules: &std::path::Path, public: &std::path::Path, base_url: &str) -> Value {
    let seen = node::json(
        modules,
        "timelinejs.cjs",
        &[public.to_str().unwrap(), base_url],
    );
    assert_eq!(
        seen["ready"], true,
        "the viewer never became ready: {seen:#}"
    );
    assert_eq!(seen["errors"], json!([]), "{seen:#}");
    // The viewer's messages: "Loading Image" while one loads, "Error: …" in the
    // page when the data or an image fails.
    let messages = seen["messages"].as_array().unwrap();
    assert!(
        !messages
            .iter()
            .any(|m| m.as_str().unwrap().to_lowercase().contains("error")),
        "error messages in the page: {seen:#}"
    );
    assert_eq!(
        seen["blocked"],
        json!([]),
        "requests for the network: {seen:#}"
    );
    for slide in seen["slides"].as_array().unwrap() {
        assert_eq!(slide["load_error"], Value::Null, "{slide:#}");
    }
    seen
}

/// `(id, headline, date)` of every slide, the title slide first.
fn slides(seen: &Value) -> Vec<(String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    (seen["slides"].as_array().unwrap().iter())
        .map(|s| (text(&s["id"]), text(&s["headline"]), text(&s["date"])))
        .collect()
}

fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn the_viewer_shows_the_example_site() {
    let Some(modules) = node::packages("the TimelineJS viewer test of the example site") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("site");
    let base = "https://timeline.example.org/kerman/";
    let built = super::helpers::dateline()
        .args([
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--base-url",
            base,
        ])
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let seen = viewed(&modules, &public, base);
    // Days are the viewer's to word, in its language.
    assert_eq!(
        slides(&seen),
        owned(&[
            ("kerman-3-january-2024", "Kerman, 3 January 2024", ""),
            (
                "2020-01-03-soleimani-killed",
                "US drone strike kills Qasem Soleimani near Baghdad airport",
                "January 3, 2020"
            ),
            (
                "2020-01-07-kerman-funeral-procession",
                "Final funeral procession for Soleimani in his home town, Kerman",
                "January 7, 2020"
            ),
            (
                "2024-01-03-kerman-explosions",
                "Twin explosions hit crowd at Soleimani's grave on anniversary of his killing",
                "January 3, 2024"
            ),
            (
                "2024-01-03-rescue-and-cause",
                "Rescuers struggle through crowds as the cause of the blasts stays unclear",
                "January 3, 2024"
            ),
            (
                "2024-01-03-toll-passes-70",
                "Death toll passes 70",
                "January 3, 2024"
            ),
        ])
    );
    assert_eq!(seen["slides"][0]["title"], true);
    assert_eq!(
        seen["slides"][3]["links"],
        json!([format!("{base}2024/01/03/kerman-explosions/")])
    );
    assert_eq!(seen["markers"].as_array().unwrap().len(), 5, "{seen:#}");
    assert_eq!(seen["groups"], json!(["Soleimani", "Kerman"]));
}

#[test]
fn the_viewer_shows_every_precision_span_and_image() {
    let Some(modules) = node::packages("the TimelineJS viewer test of every kind of date") else {
        return;
    };
    let site = every_kind();
    site.build(&[]);
    let seen = viewed(&modules, &site.path("public"), BASE);
    // The export gives the title slide no id: the viewer makes one of its headline.
    assert_eq!(
        slides(&seen),
        owned(&[
            ("alder-valley-amp-its-dams", "Alder valley & its dams", ""),
            ("1962-alder-dam-completed", "Alder dam completed", "1962"),
            (
                "1987-10-great-storm",
                "The great storm",
                "October 1987 — November 1987"
            ),
            (
                "2004-08-16-flood",
                "Flood: the river tops the banks",
                "August 16, 2004 — August 18, 2004"
            ),
            (
                "2020-01-04-vigil",
                "Vigil at the dam",
                "4 January 2020 — 7 January 2020, 18:00 IRST"
            ),
            (
                "2023-11-05-wire-report",
                "Wire report from New York",
                "5 November 2023, 09:15 (-05:00)"
            ),
            (
                "2024-01-03-inspection",
                "Inspectors reach the dam",
                "3 January 2024, 14:50 IRST"
            ),
        ])
    );
    assert_eq!(
        seen["slides"][2]["text"],
        "Trees fall & the power fails for <weeks>.Full story and sources"
    );
    // The static images from the site, the other from its own server (stood in
    // for by the script), each drawn with its alt text, caption and credit.
    let image = |n: usize| seen["slides"][n]["image"].clone();
    assert_eq!(
        image(0),
        json!({
            "src": format!("{BASE}images/valley.png"),
            "alt": "The Alder valley from the dam",
            "loaded": true,
            "caption": null,
            "credit": null,
        })
    );
    assert_eq!(
        image(1),
        json!({
            "src": format!("{BASE}images/dam.png"),
            "alt": "The dam wall seen from below",
            "loaded": true,
            "caption": "The wall, 60 m high, in its first winter",
            "credit": "Valley Archive / J. Smith",
        })
    );
    assert_eq!(image(3)["src"], FLOOD_PHOTO);
    assert_eq!(image(3)["loaded"], true);
    assert_eq!(seen["stood_in"], json!([FLOOD_PHOTO]));
    assert_eq!(image(2), Value::Null);
    assert_eq!(seen["markers"].as_array().unwrap().len(), 6, "{seen:#}");
    assert_eq!(seen["groups"], json!(["Dams", "Floods", ""]));
}
