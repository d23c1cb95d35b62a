//! `dateline import`: a TimelineJS timeline — dateline's own `timeline.json`, and the
//! Google Sheets template as CSV — written into a site that then builds; bad rows
//! and clashes reported all at once, with nothing written.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::helpers::{Site, dateline, errors, snapshot, stdout};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The template sheet written by hand for these tests.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelinejs")
        .join(name)
}

/// The `timeline.json` of the site at `root`, built into a temporary folder.
fn export(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = dateline()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let json = target.join("timeline.json");
    (out, json)
}

/// What a slide's date says: its parts, without the words.
fn parts(date: &Value) -> Value {
    let mut date = date.clone();
    if let Some(object) = date.as_object_mut() {
        object.remove("display_date");
    }
    date
}

/// Each slide's dates, headline, media address, group and id, in order.
fn slides(timeline: &Value) -> Vec<Value> {
    timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            serde_json::json!({
                "start_date": parts(&e["start_date"]),
                "end_date": parts(&e["end_date"]),
                "headline": e["text"]["headline"],
                "media": e["media"]["url"],
                "group": e["group"],
                "unique_id": e["unique_id"],
            })
        })
        .collect()
}

/// Imports `json` into an empty site with `args`, builds it, and returns the
/// import's output and the new site's `timeline.json`.
fn round_trip(json: &Path, args: &[&str]) -> (std::process::Output, Value, Site) {
    let site = Site::new();
    let mut command = vec!["import", json.to_str().unwrap()];
    command.extend_from_slice(args);
    let output = site.run(&command);
    assert!(output.status.success(), "{}", stderr(&output));
    site.build(&[]);
    let timeline = site.json("timeline.json");
    (output, timeline, site)
}

#[test]
fn imports_the_example_sites_timeline_json_and_exports_it_again_alike() {
    let (_out, json) = export(Path::new(env!("CARGO_MANIFEST_DIR")));
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let (output, imported, site) = round_trip(&json, &[]);
    assert_eq!(
        stdout(&output),
        format!(
            "Imported 5 events into content/events/\nWrote dateline.toml\nNext: dateline check --root {root} (imported events cite no sources yet), then dateline serve --root {root}\n",
            root = site.root().display()
        )
    );
    assert_eq!(slides(&imported), slides(&original));
    assert_eq!(slides(&imported).len(), 5);
    assert_eq!(
        imported["title"]["text"]["headline"],
        original["title"]["text"]["headline"]
    );
    // The unique ids are valid ids, so they name the files.
    assert!(
        site.path("content/events/2024/2024-01-03-kerman-explosions.md")
            .is_file()
    );
    // The link to the original page that ends each slide's text is left out, and
    // said so.
    assert_eq!(
        site.read("content/events/2024/2024-01-03-toll-passes-70.md"),
        "---\ntitle: Death toll passes 70\ndate: 2024-01-03\ntags: [Kerman]\n---\n\nAFP reports that the two explosions killed more than 70 people and wounded scores, far above the first figure of at least 20 given by state television.\n"
    );
    assert!(
        stderr(&output).starts_with(
            "note: 5 paragraphs were only a link to a page beside the timeline, left out:\n  events[0] (\"US drone strike kills Qasem Soleimani near Baghdad airport\"): /2020/01/03/soleimani-killed/\n"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn round_trips_every_precision_span_zone_and_image() {
    let source = super::timelinejs::every_kind();
    source.build(&[]);
    let json = source.path("public/timeline.json");
    let original = source.json("timeline.json");
    let (output, imported, site) = round_trip(&json, &["--timezone", "Asia/Tehran"]);
    assert_eq!(slides(&imported), slides(&original));
    let firsts: Vec<Value> = slides(&imported)
        .iter()
        .map(|s| s["start_date"].clone())
        .collect();
    assert_eq!(
        firsts,
        [
            serde_json::json!({"year": 1962}),
            serde_json::json!({"year": 1987, "month": 10}),
            serde_json::json!({"year": 2004, "month": 8, "day": 16}),
            serde_json::json!({"year": 2020, "month": 1, "day": 4}),
            serde_json::json!({"year": 2023, "month": 11, "day": 5, "hour": 9, "minute": 15}),
            serde_json::json!({"year": 2024, "month": 1, "day": 3, "hour": 14, "minute": 50}),
        ]
    );
    // The image at its absolute address, its alt text, caption and credit; the
    // link to the original page is absolute, so it is kept.
    assert_eq!(
        site.read("content/events/1962/1962-alder-dam-completed.md"),
        "---\ntitle: Alder dam completed\ndate: 1962\ntags: [Dams]\nimage:\n  src: https://news.example.org/alder/images/dam.png\n  alt: The dam wall seen from below\n  caption: \"The wall, 60 m high, in its first winter\"\n  credit: Valley Archive / J. Smith\n---\n\nThe dam closes the upper valley.\n\n[Full story and sources](https://news.example.org/alder/1962/alder-dam-completed/)\n"
    );
    // A time with only an offset is read as wall-clock time in the zone given,
    // which the new dateline.toml names; the source's words for it are kept for
    // the editor.
    assert_eq!(
        site.read("content/events/2023/2023-11-05-wire-report.md"),
        "---\ntitle: Wire report from New York\ndate: 2023-11-05T09:15\n# display date of the start in the TimelineJS source: \"5 November 2023, 09:15 (-05:00)\" (dateline shows \"5 November 2023, 09:15 IRST\")\n---\n\nAn agency in New York reports on the valley.\n\n[Full story and sources](https://news.example.org/alder/2023/11/05/wire-report/)\n"
    );
    assert!(
        site.read("dateline.toml")
            .ends_with("timezone = \"Asia/Tehran\"\n")
    );
    // The title slide's last paragraph, the link to the full timeline, is not part
    // of the description.
    assert!(
        site.read("dateline.toml").contains(
            "title = \"Alder valley & its dams\"\ndescription = \"Floods, dams and storms in the Alder valley.\"\n"
        ),
        "{}",
        site.read("dateline.toml")
    );
    assert!(
        stderr(&output).contains("note: the title slide's media is not imported"),
        "{}",
        stderr(&output)
    );
    // The one time shown with another offset than Tehran's is named, with its file.
    assert!(
        stderr(&output).contains("warning: 1 event's display date names another zone than Asia/Tehran, the one its time was read in: if the times are on that zone's clock, import again with --timezone ZONE, or correct the `date` and `timezone:` of each file:\n  content/events/2023/2023-11-05-wire-report.md: -05:00\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn imports_the_template_sheet_as_csv() {
    let site = Site::new();
    let output = site.run(&["import", fixture("sheet.csv").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let files: Vec<PathBuf> = snapshot(site.root()).into_keys().collect();
    assert_eq!(
        files,
        [
            "content/events/1962/1962-alder-dam-completed.md",
            "content/events/1987/1987-10-the-great-storm.md",
            "content/events/2004/2004-08-16-flood-the-river-tops-the-banks.md",
            "content/events/2004/2004-08-17-video-of-the-flood.md",
            "content/events/2024/2024-01-03-inspectors-reach-the-dam.md",
            "dateline.toml",
        ]
        .map(PathBuf::from)
    );
    // A year, with an image, its credit, and its caption as the alt text.
    assert_eq!(
        site.read("content/events/1962/1962-alder-dam-completed.md"),
        "---\ntitle: Alder dam completed\ndate: 1962\ntags: [Dams]\nimage:\n  src: https://photos.example.net/1962/dam.jpg\n  alt: \"The wall, 60 m high, in its first winter\"\n  credit: Valley Archive / J. Smith\n---\n\nThe dam closes the upper valley.\n"
    );
    // A month, whose display date differs from dateline's words.
    assert_eq!(
        site.read("content/events/1987/1987-10-the-great-storm.md"),
        "---\ntitle: The great storm\ndate: 1987-10\n# display date in the TimelineJS source: \"Autumn 1987\" (dateline shows \"October 1987\")\n---\n\nTrees fall & the power fails for weeks.\n"
    );
    // A span of days; HTML with bold, a link and a list as Markdown; the headline
    // as plain text.
    assert_eq!(
        site.read("content/events/2004/2004-08-16-flood-the-river-tops-the-banks.md"),
        "---\ntitle: \"Flood: the river tops the banks\"\ndate: 2004-08-16\nend: 2004-08-18\ntags: [Floods]\n---\n\nThe river rises **2 m** in three hours, [the agency reports](https://news.example.org/flood).\n\n*   Roads closed\n*   Schools shut\n"
    );
    // A video is no image: a link at the end of the text.
    assert_eq!(
        site.read("content/events/2004/2004-08-17-video-of-the-flood.md"),
        "---\ntitle: Video of the flood\ndate: 2004-08-17\ntags: [Floods]\n---\n\n[The river at noon](<https://www.youtube.com/watch?v=abc123>) (Valley TV)\n"
    );
    // A time with AM/PM, in the new site's zone; its display date is dateline's own,
    // so no comment.
    assert_eq!(
        site.read("content/events/2024/2024-01-03-inspectors-reach-the-dam.md"),
        "---\ntitle: Inspectors reach the dam\ndate: 2024-01-03T14:50\ntags: [Dams]\n---\n\nThe inspection starts.\n"
    );
    assert_eq!(
        site.read("dateline.toml"),
        "# Written by dateline import. Every key is described in the dateline README.\ntitle = \"The Alder valley floods\"\ndescription = \"Floods and dams in the Alder valley, 1962–2024.\"\n# Where the site is published, e.g. \"https://user.github.io/repo/\".\nbase_url = \"/\"\nlanguage = \"en\"\n# TimelineJS has no time zones: its times were read in this one.\ntimezone = \"UTC\"\n"
    );
    assert_eq!(
        stderr(&output),
        "note: 1 era not imported (dateline has no eras): \"The dam years\" (1960–1990)\nnote: 1 media item is not an image, kept as a link at the end of the text:\n  row 6: https://www.youtube.com/watch?v=abc123\nnote: 1 event has a display date dateline words otherwise, kept as a comment under `date`: content/events/1987/1987-10-the-great-storm.md\nnote: 1 thumbnail not imported: dateline shows the image itself\nnote: 1 background not imported: dateline has no slide backgrounds\n"
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2004/08/16/flood-the-river-tops-the-banks/")
            .texts(".body li"),
        ["Roads closed", "Schools shut"]
    );
    // No sources: `check` warns, and passes.
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn sets_title_and_description_in_an_existing_config_keeping_the_rest() {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "# Our settings.\ntitle = \"Old title\" # shown in the header\nbase_url = \"/\"\ntimezone = \"Asia/Tehran\"\n\n[figures.killed]\nlabel = \"Killed\"\n",
    );
    let output = site.run(&["import", fixture("sheet.csv").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        site.read("dateline.toml"),
        "# Our settings.\ntitle = \"The Alder valley floods\" # shown in the header\nbase_url = \"/\"\ntimezone = \"Asia/Tehran\"\ndescription = \"Floods and dams in the Alder valley, 1962–2024.\"\n\n[figures.killed]\nlabel = \"Killed\"\n"
    );
    assert!(
        stdout(&output).contains(
            "Set title (was \"Old title\") and description in dateline.toml from the title slide\n"
        ),
        "{}",
        stdout(&output)
    );
    // The sheet's display date names UTC, the time was read in Tehran's zone.
    assert!(
        stderr(&output).contains("warning: 1 event's display date names another zone than Asia/Tehran, the one its time was read in: if the times are on that zone's clock, import again with --timezone ZONE, or correct the `date` and `timezone:` of each file:\n  content/events/2024/2024-01-03-inspectors-reach-the-dam.md: UTC\n"),
        "{}",
        stderr(&output)
    );
    // Times are read in the site's zone, Tehran; the sheet's words for the time
    // named UTC, so they are kept for the editor to check.
    assert_eq!(
        site.read("content/events/2024/2024-01-03-inspectors-reach-the-dam.md"),
        "---\ntitle: Inspectors reach the dam\ndate: 2024-01-03T14:50\n# display date in the TimelineJS source: \"3 January 2024, 14:50 UTC\" (dateline shows \"3 January 2024, 14:50 IRST\")\ntags: [Dams]\n---\n\nThe inspection starts.\n"
    );
    site.build(&[]);
}

#[test]
fn reports_every_bad_row_and_writes_nothing() {
    let site = Site::new();
    let before = snapshot(site.root());
    let output = site.run(&["import", fixture("bad.csv").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let file = fixture("bad.csv").display().to_string();
    let found = located_messages(&output);
    let at = |message: &str| (file.clone(), message.to_owned());
    assert_eq!(
        found,
        [
            at("row 2, column Month: there is no month 13"),
            at("row 3, column Headline: the slide has no headline"),
            at("row 4, column Time: `25:70` is not a time: the hour must be 0 to 23"),
            at("row 5, column Year: the year -753 is before year 1"),
            at("row 6, column Year: there is no year 0"),
            at("row 8, column Year: the slide has no date"),
            at("row 9, column End Year: the end (2020) is before the start (2021)"),
        ]
    );
    assert!(
        stderr(&output).ends_with("error: import failed: 7 errors; nothing was written\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn refuses_to_import_twice_and_writes_nothing() {
    let site = Site::new();
    let sheet = fixture("sheet.csv");
    let first = site.run(&["import", sheet.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    site.file(
        "content/events/1962/1962-alder-dam-completed.md",
        "---\ntitle: Edited\ndate: 1962\n---\n",
    );
    let before = snapshot(site.root());
    let again = site.run(&["import", sheet.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    let found = located_messages(&again);
    assert_eq!(
        found,
        [
            ("content/events/1962/1962-alder-dam-completed.md".into(), "row 3: the event id `1962-alder-dam-completed` is taken by this file".into()),
            ("content/events/1987/1987-10-the-great-storm.md".into(), "row 4: the event id `1987-10-the-great-storm` is taken by this file".into()),
            ("content/events/2004/2004-08-16-flood-the-river-tops-the-banks.md".into(), "row 5: the event id `2004-08-16-flood-the-river-tops-the-banks` is taken by this file".into()),
            ("content/events/2004/2004-08-17-video-of-the-flood.md".into(), "row 6: the event id `2004-08-17-video-of-the-flood` is taken by this file".into()),
            ("content/events/2024/2024-01-03-inspectors-reach-the-dam.md".into(), "row 8: the event id `2024-01-03-inspectors-reach-the-dam` is taken by this file".into()),
        ]
    );
    assert!(
        stderr(&again).ends_with("error: import refused: 5 errors; nothing was written\n"),
        "{}",
        stderr(&again)
    );
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn gives_colliding_file_names_a_suffix_in_order() {
    let sheet = tempfile::tempdir().unwrap();
    let csv = sheet.path().join("timeline.csv");
    std::fs::write(
        &csv,
        "Year,Month,Day,Headline\n2024,1,3,Blast\n2024,1,3,Blast\n2024,1,3,Blast!\n",
    )
    .unwrap();
    let site = Site::new();
    let output = site.run(&["import", csv.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (stem, title) in [
        ("2024-01-03-blast", "Blast"),
        ("2024-01-03-blast-2", "Blast"),
        ("2024-01-03-blast-3", "Blast!"),
    ] {
        assert_eq!(
            site.read(&format!("content/events/2024/{stem}.md")),
            format!("---\ntitle: {title}\ndate: 2024-01-03\n---\n")
        );
    }
    site.build(&[]);
}

#[test]
fn refuses_a_folder_that_is_neither_a_site_nor_empty() {
    let site = Site::new();
    site.file("notes.txt", "mine");
    let before = snapshot(site.root());
    let output = site.run(&["import", fixture("sheet.csv").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is not a dateline site (it has no dateline.toml and no content/ folder) and not empty (it holds `notes.txt`); nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn imports_into_a_fresh_clone_with_images_in_static() {
    let site = Site::new();
    std::fs::create_dir(site.path(".git")).unwrap();
    site.file(".git/HEAD", "ref: refs/heads/main\n")
        .file("README.md", "# Kerman\n")
        .file("LICENSE", "CC BY 4.0\n")
        .file(".DS_Store", "")
        .file("static/images/dam.png", "png");
    let sheet = tempfile::tempdir().unwrap();
    let csv = sheet.path().join("timeline.csv");
    std::fs::write(
        &csv,
        "Year,Headline,Media,Media Caption\n1962,Dam completed,images/dam.png,The dam\n",
    )
    .unwrap();
    let output = site.run(&["import", csv.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        site.read("content/events/1962/1962-dam-completed.md"),
        "---\ntitle: Dam completed\ndate: 1962\nimage:\n  src: images/dam.png\n  alt: The dam\n---\n"
    );
    assert_eq!(site.read("README.md"), "# Kerman\n");
    site.build(&[]);
}

#[test]
fn reads_the_columns_the_viewer_reads_and_names_those_left_out() {
    let sheet = tempfile::tempdir().unwrap();
    let csv = sheet.path().join("timeline.csv");
    std::fs::write(
        &csv,
        "Year,Month,Day,Headline,Text,Media,Alt Text,Group,Tag,Notes,Source URL\n\
         2024.0,1.0,3,Blasts,# Not a heading,https://x.org/a.jpg,Smoke over the square,,Kerman,check,https://x.org\n\
         2024,1,4,Funeral,<p>Crowds</p>,,,Funerals,Kerman,,\n",
    )
    .unwrap();
    let site = Site::new();
    let output = site.run(&["import", csv.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        site.read("content/events/2024/2024-01-03-blasts.md"),
        "---\ntitle: Blasts\ndate: 2024-01-03\ntags: [Kerman]\nimage:\n  src: https://x.org/a.jpg\n  alt: Smoke over the square\n---\n\n\\# Not a heading\n"
    );
    assert_eq!(
        site.read("content/events/2024/2024-01-04-funeral.md"),
        "---\ntitle: Funeral\ndate: 2024-01-04\ntags: [Funerals]\n---\n\nCrowds\n"
    );
    assert_eq!(
        stderr(&output),
        "note: 2 columns not imported (TimelineJS does not read them either): Notes, Source URL\n"
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/blasts/").texts(".body p"),
        ["# Not a heading"]
    );
}

/// Writes `text` as `timeline.csv` in a new folder, imports it into a new site and
/// returns the site, the file and the output.
fn import_csv(text: &[u8]) -> (Site, tempfile::TempDir, PathBuf, std::process::Output) {
    import_csv_with(text, &[])
}

/// [`import_csv`] with more arguments for `dateline import`.
fn import_csv_with(
    text: &[u8],
    args: &[&str],
) -> (Site, tempfile::TempDir, PathBuf, std::process::Output) {
    let sheet = tempfile::tempdir().unwrap();
    let csv = sheet.path().join("timeline.csv");
    std::fs::write(&csv, text).unwrap();
    let site = Site::new();
    let output = site.run(&[&["import", csv.to_str().unwrap()], args].concat());
    (site, sheet, csv, output)
}

/// The errors `output` reports at a place (file and position), with their help.
fn located(output: &std::process::Output) -> Vec<(String, String, Option<String>)> {
    errors(&stderr(output))
        .into_iter()
        .filter(|(at, _, _)| !at.is_empty())
        .collect()
}

/// [`located`] without the help.
fn located_messages(output: &std::process::Output) -> Vec<(String, String)> {
    located(output)
        .into_iter()
        .map(|(at, message, _)| (at, message))
        .collect()
}

#[test]
fn refuses_a_near_miss_column_the_old_template_and_an_unclosed_quote() {
    for (text, expected) in [
        (
            "Yaer,Headline\n2024,x\n".as_bytes(),
            vec![
                ("error: unknown column `Yaer`", "did you mean `Year`?"),
                ("error: the header has no `Year` column", ""),
            ],
        ),
        (
            b"Start Date,End Date,Headline,Tag\n1/3/2020,,Soleimani killed,Iran\n",
            vec![(
                "error: the sheet is TimelineJS's old template, with a `Start Date` and an `End Date` column",
                "TimelineJS's current template gives each date its own Year, Month, Day and Time columns",
            )],
        ),
        (
            b"Year,Month,Day,Headline\n2024,1,1,\"Unclosed quote\n2024,1,2,Second\n",
            vec![(
                "error: row 2, column Headline: the quote that opens this cell on line 2 is never closed, so every line after it would be read into this one cell",
                "close the cell with a `\"`; a quote inside a cell is written twice (`\"\"`)",
            )],
        ),
        (
            b"\xff\xfeY\0e\0",
            vec![(
                "error: the file is UTF-16 text (Excel's \"Unicode text\"), not UTF-8",
                "save it as UTF-8: in Excel, Save As → CSV UTF-8",
            )],
        ),
        (
            b"Year,Headline\n2024,Caf\xe9 opens\n",
            vec![(
                "error: line 2: the file is not UTF-8 text (byte 0xE9, `\u{e9}` in Windows-1252)",
                "save it as UTF-8: in Excel, Save As → CSV UTF-8",
            )],
        ),
    ] {
        let (site, _sheet, _csv, output) = import_csv(text);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let err = stderr(&output);
        for (message, help) in &expected {
            assert!(err.contains(message), "{message}\n{err}");
            assert!(err.contains(&format!("= help: {help}")), "{help}\n{err}");
        }
        assert!(
            err.ends_with(&format!(
                "error: import failed: {}; nothing was written\n",
                if expected.len() == 1 {
                    "1 error".to_owned()
                } else {
                    format!("{} errors", expected.len())
                }
            )),
            "{err}"
        );
        assert_eq!(snapshot(site.root()).len(), 0);
    }
}

#[test]
fn reports_clashes_with_the_site_in_the_same_run_as_bad_cells() {
    let site = Site::new();
    site.file(
        "content/events/2024/2024-01-03-blasts.md",
        "---\ntitle: Blasts\ndate: 2024-01-03\n---\n",
    );
    let sheet = tempfile::tempdir().unwrap();
    let csv = sheet.path().join("timeline.csv");
    std::fs::write(
        &csv,
        "Year,Month,Day,Headline\n2024,13,1,Bad month\n2024,1,3,Blasts\n",
    )
    .unwrap();
    let before = snapshot(site.root());
    let output = site.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = located_messages(&output);
    assert_eq!(
        found,
        [
            (
                csv.display().to_string(),
                "row 2, column Month: there is no month 13".to_owned()
            ),
            (
                "content/events/2024/2024-01-03-blasts.md".to_owned(),
                "row 3: the event id `2024-01-03-blasts` is taken by this file".to_owned()
            ),
        ]
    );
    assert!(
        stderr(&output).ends_with("error: import failed: 2 errors; nothing was written\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn notes_unique_ids_replaced_or_numbered_and_embeds_by_their_address() {
    let sheet = tempfile::tempdir().unwrap();
    let json = sheet.path().join("timeline.json");
    let tweet = "https://twitter.com/AFP/status/1742555555555555555?ref_src=twsrc%5Etfw";
    std::fs::write(
        &json,
        format!(
            r#"{{"events": [
            {{"start_date": {{"year": 2024, "month": 1, "day": 3}}, "text": {{"headline": "Blasts"}}, "unique_id": "Slide 1"}},
            {{"start_date": {{"year": 2024, "month": 1, "day": 4}}, "text": {{"headline": "Funeral"}}, "unique_id": "kerman"}},
            {{"start_date": {{"year": 2024, "month": 1, "day": 5}}, "text": {{"headline": "Claim", "text": "<p>IS claims it.</p>"}}, "unique_id": "kerman",
              "media": {{"url": "<blockquote class=\"twitter-tweet\"><p>Claim</p>&mdash; AFP <a href=\"{tweet}\">January 5, 2024</a></blockquote>"}}}}
        ]}}"#
        ),
    )
    .unwrap();
    let site = Site::new();
    let output = site.run(&["import", json.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        site.read("content/events/2024/kerman-2.md"),
        format!("---\ntitle: Claim\ndate: 2024-01-05\n---\n\nIS claims it.\n\n<{tweet}>\n")
    );
    assert!(
        site.path("content/events/2024/2024-01-03-blasts.md")
            .is_file()
    );
    assert!(site.path("content/events/2024/kerman.md").is_file());
    assert_eq!(
        stderr(&output),
        format!(
            "note: 1 media item is embed HTML, not an address: its address kept as a link at the end of the text:\n  events[2] (\"Claim\"): {tweet}\n\
             note: 1 unique_id is not a valid event id (lowercase letters, digits and hyphens), so the file is named after the date and headline:\n  events[0] (\"Blasts\"): \"Slide 1\"\n\
             note: 1 unique_id is another slide's too, so the later ones get a number:\n  events[2] (\"Claim\"): `kerman` → `kerman-2`\n"
        )
    );
    site.build(&[]);
}

#[test]
fn reports_bad_json_events_by_index_and_headline() {
    let sheet = tempfile::tempdir().unwrap();
    let json = sheet.path().join("timeline.json");
    std::fs::write(
        &json,
        r#"{"events": [
            {"start_date": {"year": 2019, "month": 13}, "text": {"headline": "Storm <b>season</b>"}},
            {"start_date": {"year": "2020"}, "text": {"headline": ""}},
            {"start_date": {"year": 2021}, "text": {"headline": "Fine"}}
        ]}"#,
    )
    .unwrap();
    let site = Site::new();
    let output = site.run(&["import", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = located(&output);
    let file = json.display().to_string();
    assert_eq!(
        found,
        [
            (
                file.clone(),
                "events[0] (\"Storm season\"), start_date.month: there is no month 13".to_owned(),
                Some("months run from 1 to 12".to_owned())
            ),
            (
                file,
                "events[1], text.headline: the slide has no headline".to_owned(),
                Some("every dateline event has a title: write a headline".to_owned())
            ),
        ]
    );
    assert_eq!(snapshot(site.root()).len(), 0);
}

#[test]
fn says_nothing_with_quiet_but_errors() {
    let site = Site::new();
    let output = site.run(&["import", fixture("sheet.csv").to_str().unwrap(), "--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        (stdout(&output), stderr(&output)),
        (String::new(), String::new())
    );
    assert!(
        site.path("content/events/1987/1987-10-the-great-storm.md")
            .is_file()
    );
    let again = site.run(&["import", fixture("sheet.csv").to_str().unwrap(), "--quiet"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).ends_with("error: import refused: 5 errors; nothing was written\n"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_time_the_clocks_repeat_or_skip_is_fixed_in_the_time_cell() {
    let (site, _sheet, csv, output) = import_csv_with(
        b"Year,Month,Day,Time,Headline\n2024,11,3,1:30,Ambiguous\n2024,3,10,2:30,Skipped\n",
        &["--timezone", "America/New_York"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = located(&output);
    let file = csv.display().to_string();
    assert_eq!(
        found,
        [
            (
                file.clone(),
                "row 2, column Time: `2024-11-03T01:30` happened twice in America/New_York: the clocks went back".to_owned(),
                Some("write the offset meant after the time in the cell: `01:30 -04:00` for the first 01:30 (EDT), `01:30 -05:00` for the second (EST) (times are read in America/New_York; --timezone sets another zone)".to_owned())
            ),
            (
                file,
                "row 3, column Time: `2024-03-10T02:30` does not exist in America/New_York: the clocks went forward an hour at 02:00 EST, to 03:00 EDT".to_owned(),
                Some("check the time; if a clock not yet put forward showed 02:30, write in the cell `03:30` (EDT), the same moment (times are read in America/New_York; --timezone sets another zone)".to_owned())
            ),
        ]
    );
    // Done as the help says, the sheet imports, and a wire time in UTC too.
    std::fs::write(
        &csv,
        "Year,Month,Day,Time,Headline\n2024,11,3,1:30 -05:00,Ambiguous\n2024,3,10,3:30,Skipped\n2024,1,3,14:50 UTC,Wire\n",
    )
    .unwrap();
    let output = site.run(&[
        "import",
        csv.to_str().unwrap(),
        "--timezone",
        "America/New_York",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        site.read("content/events/2024/2024-11-03-ambiguous.md"),
        "---\ntitle: Ambiguous\ndate: 2024-11-03T01:30-05:00\n---\n"
    );
    assert_eq!(
        site.read("content/events/2024/2024-01-03-wire.md"),
        "---\ntitle: Wire\ndate: 2024-01-03T14:50+00:00\n---\n"
    );
    site.build(&[]);
    // A time written with an offset is shown with it.
    assert_eq!(
        site.page("/2024/11/03/ambiguous/").texts("time")[0],
        "3 November 2024, 01:30 (-05:00)"
    );
}

#[test]
fn verbose_prints_the_settings() {
    let site = Site::new();
    let sheet = fixture("sheet.csv");
    let output = site.run(&["import", sheet.to_str().unwrap(), "--verbose"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(&format!(
            "note: source {}, read as the TimelineJS sheet as CSV\nnote: times read in UTC (the default), site {}, configuration none yet\n",
            sheet.display(),
            site.root().display()
        )),
        "{}",
        stderr(&output)
    );
}
