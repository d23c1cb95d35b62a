//! `timeline.json`: the events in TimelineJS3's JSON format (SPEC §10), read back as
//! JSON and compared value by value. `browser_timelinejs.rs` loads the same files
//! into Knight Lab's viewer.

use serde_json::json;

use super::helpers::{Site, snapshot};

/// Where the fixtures are published: every link and image in the export is absolute.
pub const BASE: &str = "https://news.example.org/alder/";

/// A 2×2 PNG, small enough to write out and real enough for a browser to draw.
pub const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 192, 208,
    192, 192, 0, 161, 0, 24, 123, 2, 255, 177, 121, 219, 205, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66,
    96, 130,
];

/// The absolute address of the photograph one event of [`every_kind`] takes from
/// another server.
pub const FLOOD_PHOTO: &str = "https://photos.example.net/2004/flood.jpg";

/// A site with a date of every precision — a year, a month span, a day span, a time
/// in a zone, a time with an offset only, and a span from a day to a time — static
/// and absolute images, tags, a key event and a draft.
pub fn every_kind() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Alder valley & its dams\"\ndescription = \"Floods, dams and storms in the Alder valley.\"\nbase_url = \"{BASE}\"\ntimezone = \"Europe/London\"\nimage = {{ src = \"images/valley.png\", alt = \"The Alder valley from the dam\" }}\n"
        ),
    )
    .bytes("static/images/valley.png", PNG)
    .bytes("static/images/dam.png", PNG)
    .file(
        "content/events/1962-alder-dam-completed.md",
        "---\ntitle: Alder dam completed\ndate: \"1962\"\ntags: [Dams, Floods]\nkey: true\nimage:\n  src: images/dam.png\n  alt: The dam wall seen from below\n  caption: The wall, 60 m high, in its first winter\n  credit: Valley Archive / J. Smith\n---\nThe dam closes the upper valley.\n",
    )
    .file(
        "content/events/1987-10-great-storm.md",
        "---\ntitle: The great storm\ndate: 1987-10\nend: 1987-11\nsummary: Trees fall & the power fails for <weeks>.\n---\nA storm fells trees across the valley.\n",
    )
    .file(
        "content/events/2004-08-16-flood.md",
        &format!(
            "---\ntitle: \"Flood: the river tops the banks\"\nend: 2004-08-18\ntags: [Floods]\nsummary: Water rises 2 m in three hours.\nimage:\n  src: {FLOOD_PHOTO}\n  alt: Cars in flood water\n---\nThe river rises.\n\nMore below.\n"
        ),
    )
    .file(
        "content/events/2020-01-04-vigil.md",
        "---\ntitle: Vigil at the dam\nend: 2020-01-07T18:00\ntimezone: Asia/Tehran\ntags: [Dams]\n---\nA vigil begins.\n",
    )
    .file(
        "content/events/2023-11-05-wire-report.md",
        "---\ntitle: Wire report from New York\ndate: 2023-11-05T09:15-05:00\n---\nAn agency in New York reports on the valley.\n",
    )
    .file(
        "content/events/2024-01-03-inspection.md",
        "---\ntitle: Inspectors reach the dam\ndate: 2024-01-03T14:50\ntimezone: Asia/Tehran\ntags: [Dams]\n---\nThe inspection starts.\n",
    )
    .file(
        "content/events/2024-02-01-unfinished.md",
        "---\ntitle: Unfinished draft\ndraft: true\ntags: [Dams]\n---\nNot yet.\n",
    );
    site
}

/// The `n`th slide of the built site's `timeline.json`.
fn slide(timeline: &serde_json::Value, n: usize) -> &serde_json::Value {
    &timeline["events"][n]
}

#[test]
fn exports_every_precision_zone_span_image_and_tag() {
    let site = every_kind();
    site.build(&[]);
    let timeline = site.json("timeline.json");
    assert_eq!(timeline["scale"], "human");
    assert_eq!(
        timeline["title"],
        json!({
            "text": {
                "headline": "Alder valley &amp; its dams",
                "text": format!("<p>Floods, dams and storms in the Alder valley.</p><p><a href=\"{BASE}\">The full timeline, with sources</a></p>"),
            },
            "media": {
                "url": format!("{BASE}images/valley.png"),
                "alt": "The Alder valley from the dam",
                "thumbnail": format!("{BASE}images/valley.png"),
            },
        })
    );
    let ids: Vec<&str> = (timeline["events"].as_array().unwrap().iter())
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "1962-alder-dam-completed",
            "1987-10-great-storm",
            "2004-08-16-flood",
            "2020-01-04-vigil",
            "2023-11-05-wire-report",
            "2024-01-03-inspection",
        ],
        "timeline order, the draft left out"
    );
    // A year: only the year, in words; a static image, absolute; the first tag.
    // Nothing marks a key event.
    assert_eq!(
        *slide(&timeline, 0),
        json!({
            "start_date": {"year": 1962, "display_date": "1962"},
            "text": {
                "headline": "Alder dam completed",
                "text": format!("<p>The dam closes the upper valley.</p><p><a href=\"{BASE}1962/alder-dam-completed/\">Full story and sources</a></p>"),
            },
            "media": {
                "url": format!("{BASE}images/dam.png"),
                "caption": "The wall, 60 m high, in its first winter",
                "credit": "Valley Archive / J. Smith",
                "alt": "The dam wall seen from below",
                "thumbnail": format!("{BASE}images/dam.png"),
            },
            "group": "Dams",
            "unique_id": "1962-alder-dam-completed",
        })
    );
    // A month span: year and month at both ends, in words; no tag, no group; the
    // summary escaped as HTML.
    assert_eq!(
        *slide(&timeline, 1),
        json!({
            "start_date": {"year": 1987, "month": 10, "display_date": "October 1987"},
            "end_date": {"year": 1987, "month": 11, "display_date": "November 1987"},
            "text": {
                "headline": "The great storm",
                "text": format!("<p>Trees fall &amp; the power fails for &lt;weeks&gt;.</p><p><a href=\"{BASE}1987/10/great-storm/\">Full story and sources</a></p>"),
            },
            "unique_id": "1987-10-great-storm",
        })
    );
    // A day span: left to the viewer to word; an image from another server as
    // written; the summary as written.
    assert_eq!(
        *slide(&timeline, 2),
        json!({
            "start_date": {"year": 2004, "month": 8, "day": 16},
            "end_date": {"year": 2004, "month": 8, "day": 18},
            "text": {
                "headline": "Flood: the river tops the banks",
                "text": format!("<p>Water rises 2 m in three hours.</p><p><a href=\"{BASE}2004/08/16/flood/\">Full story and sources</a></p>"),
            },
            "media": {
                "url": FLOOD_PHOTO,
                "alt": "Cars in flood water",
                "thumbnail": FLOOD_PHOTO,
            },
            "group": "Floods",
            "unique_id": "2004-08-16-flood",
        })
    );
    // A day to a time: both ends in words, as the time must be.
    assert_eq!(
        slide(&timeline, 3)["start_date"],
        json!({"year": 2020, "month": 1, "day": 4, "display_date": "4 January 2020"})
    );
    assert_eq!(
        slide(&timeline, 3)["end_date"],
        json!({"year": 2020, "month": 1, "day": 7, "hour": 18, "minute": 0, "display_date": "7 January 2020, 18:00 IRST"})
    );
    // A time with an offset and no zone: its own wall clock, the offset in words.
    assert_eq!(
        *slide(&timeline, 4),
        json!({
            "start_date": {"year": 2023, "month": 11, "day": 5, "hour": 9, "minute": 15, "display_date": "5 November 2023, 09:15 (-05:00)"},
            "text": {
                "headline": "Wire report from New York",
                "text": format!("<p>An agency in New York reports on the valley.</p><p><a href=\"{BASE}2023/11/05/wire-report/\">Full story and sources</a></p>"),
            },
            "unique_id": "2023-11-05-wire-report",
        })
    );
    // A time in a zone: the zone's wall clock and abbreviation.
    assert_eq!(
        slide(&timeline, 5)["start_date"],
        json!({"year": 2024, "month": 1, "day": 3, "hour": 14, "minute": 50, "display_date": "3 January 2024, 14:50 IRST"})
    );
    assert!(slide(&timeline, 5).get("end_date").is_none());
}

#[test]
fn a_time_given_in_utc_is_shown_in_the_events_zone() {
    let site = Site::new();
    site.file("dateline.toml", &format!("base_url = \"{BASE}\"\n"))
        .file(
            "content/events/2024-01-03-x.md",
            "---\ntitle: X\ndate: 2024-01-03T21:20Z\ntimezone: Asia/Tehran\n---\nx\n",
        );
    site.build(&[]);
    let timeline = site.json("timeline.json");
    // 21:20 UTC is 00:50 the next day in Tehran: the page's day and time.
    assert_eq!(
        slide(&timeline, 0)["start_date"],
        json!({"year": 2024, "month": 1, "day": 4, "hour": 0, "minute": 50, "display_date": "4 January 2024, 00:50 IRST"})
    );
}

#[test]
fn exports_the_basic_site_with_absolute_links() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"https://user.github.io/kerman/\"\n",
    );
    site.build(&[]);
    assert_eq!(
        site.json("timeline.json"),
        json!({
            "scale": "human",
            "title": {
                "text": {
                    "headline": "Test timeline",
                    "text": "<p><a href=\"https://user.github.io/kerman/\">The full timeline, with sources</a></p>",
                },
            },
            "events": [
                {
                    "start_date": {"year": 2020, "month": 1, "day": 3},
                    "text": {
                        "headline": "Soleimani killed",
                        "text": "<p>A US drone strike kills him.</p><p><a href=\"https://user.github.io/kerman/2020/01/03/soleimani-killed/\">Full story and sources</a></p>",
                    },
                    "group": "Soleimani",
                    "unique_id": "2020-01-03-soleimani-killed",
                },
                {
                    "start_date": {"year": 2024, "month": 1, "day": 3, "hour": 14, "minute": 50, "display_date": "3 January 2024, 14:50 IRST"},
                    "text": {
                        "headline": "Kerman explosions",
                        "text": "<p>Two blasts near the grave.</p><p><a href=\"https://user.github.io/kerman/2024/01/03/kerman-explosions/\">Full story and sources</a></p>",
                    },
                    "group": "Soleimani",
                    "unique_id": "2024-01-03-kerman-explosions",
                },
                {
                    "start_date": {"year": 2024, "month": 1, "day": 4},
                    "text": {
                        "headline": "Day of mourning",
                        "text": "<p>A national day of mourning.</p><p><a href=\"https://user.github.io/kerman/2024/01/04/mourning/\">Full story and sources</a></p>",
                    },
                    "group": "Attacks",
                    "unique_id": "2024-01-04-mourning",
                },
            ],
        })
    );
}

#[test]
fn drafts_appear_only_in_a_build_with_drafts() {
    let site = every_kind();
    site.build(&[]);
    let text = site.read("public/timeline.json");
    assert!(!text.contains("Unfinished"), "{text}");
    site.build(&["--drafts"]);
    let timeline = site.json("timeline.json");
    let last = &timeline["events"][6];
    assert_eq!(last["unique_id"], "2024-02-01-unfinished");
    assert_eq!(
        last["start_date"],
        json!({"year": 2024, "month": 2, "day": 1})
    );
}

#[test]
fn the_export_is_compact_and_byte_identical_across_builds() {
    let site = every_kind();
    site.build(&[]);
    let first = snapshot(&site.path("public"));
    site.build(&[]);
    let second = snapshot(&site.path("public"));
    let file = std::path::Path::new("timeline.json");
    assert_eq!(first.get(file), second.get(file));
    let text = site.read("public/timeline.json");
    assert_eq!(text.lines().count(), 1, "one line, then a newline");
    assert!(text.ends_with("}\n"));
}

#[test]
fn links_are_root_relative_when_the_base_url_is_a_path() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "timezone = \"Asia/Tehran\"\nbase_url = \"/kerman/\"\n",
    );
    site.build(&[]);
    let timeline = site.json("timeline.json");
    assert_eq!(
        timeline["events"][2]["text"]["text"],
        "<p>A national day of mourning.</p><p><a href=\"/kerman/2024/01/04/mourning/\">Full story and sources</a></p>"
    );
}

#[test]
fn an_empty_site_exports_the_title_slide_and_no_events() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Soon\"\n")
        .file("content/sources/afp.md", "---\nname: AFP\n---\n");
    site.build(&[]);
    assert_eq!(
        site.json("timeline.json"),
        json!({
            "scale": "human",
            "title": {"text": {"headline": "Soon", "text": "<p><a href=\"/\">The full timeline, with sources</a></p>"}},
            "events": [],
        })
    );
}

#[test]
fn a_static_file_may_not_replace_the_export() {
    let site = Site::basic();
    site.file("static/timeline.json", "{}");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("static/timeline.json"), "{stderr}");
}

#[test]
fn groups_are_left_out_past_six_first_tags() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Tags\"\n");
    let write = |n: usize| {
        site.file(
            &format!("content/events/2024-01-{n:02}-e.md"),
            &format!("---\ntitle: E{n}\ntags: [Tag {n}, Shared]\n---\nText.\n"),
        );
    };
    (1..=6).for_each(write);
    site.build(&[]);
    let groups = |site: &Site| -> Vec<serde_json::Value> {
        let timeline = site.json("timeline.json");
        (timeline["events"].as_array().unwrap().iter())
            .map(|e| e["group"].clone())
            .collect()
    };
    assert_eq!(
        groups(&site),
        ["Tag 1", "Tag 2", "Tag 3", "Tag 4", "Tag 5", "Tag 6"].map(|g| json!(g))
    );
    // A seventh first tag: one row for all.
    write(7);
    site.build(&[]);
    assert_eq!(groups(&site), vec![serde_json::Value::Null; 7]);
}
