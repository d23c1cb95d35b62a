//! The web's own checkers over built sites: the Nu HTML Checker (`vnu-jar`, run with
//! Java) over every page, stylesheet and SVG file of the example site, the Persian
//! example `examples/persian/` and the fixture site `tests/fixtures/newsroom/`, and
//! axe-core in headless Chromium over
//! one page of each kind, light and dark, at 1280 and 390 px, which also saves a
//! screenshot of each for a reviewer (see `docs/VALIDATORS.md`).
//!
//! Both fail on any error or violation but those in [`PENDING`], a temporary list of
//! known faults that are being fixed elsewhere. Skipped with a note without Node.js,
//! npm, Chromium or Java, unless `DATELINE_REQUIRE_BROWSER` is set (CI sets it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::helpers::{dateline, walk};
use super::node;

/// Where the fixture site is published, and so the address the browser asks for.
const FIXTURE_BASE: &str = "https://news.example.org/alder/";

/// The example site (the repository's own `content/`) is built for a sub-path, as a
/// GitHub Pages project site is.
const EXAMPLE_BASE: &str = "https://timeline.example.org/kerman/";

/// One page of each kind of the fixture site, by name and path under its base:
/// what axe-core checks and the screenshots show.
const KINDS: &[(&str, &str)] = &[
    ("timeline", ""),
    ("timeline-page-2", "page/2/"),
    ("event", "2024/01/03/cracks-found/"),
    ("event-span-figure", "2004/08/16/flood/"),
    ("event-bare", "2024/01/05/inspection/"),
    ("event-persian", "2024/02/20/radio-appeal/"),
    ("year", "2024/"),
    ("year-page-2", "2024/page/2/"),
    ("month", "2024/01/"),
    ("on-this-day", "on-this-day/01-03/"),
    ("on-this-day-index", "on-this-day/"),
    ("source", "sources/valley-wire/"),
    ("sources", "sources/"),
    ("explainer", "explainers/alder-dam/"),
    ("explainer-section", "explainers/spillway/"),
    ("explainers", "explainers/"),
    ("tag", "tags/dams/"),
    ("tags", "tags/"),
    ("figure", "figures/evacuated/"),
    ("figures", "figures/"),
    ("question", "questions/cause/"),
    ("questions", "questions/"),
    ("corrections", "corrections/"),
    ("search", "search/"),
    ("search-results", "search/?q=dam&tag=dams"),
    ("not-found", "404.html"),
];

/// The example site's pages that axe-core checks too.
const EXAMPLE_KINDS: &[(&str, &str)] =
    &[("timeline", ""), ("event", "2024/01/03/kerman-explosions/")];

/// The Persian example, right to left in the Solar Hijri calendar, is built for a
/// sub-path too.
const PERSIAN_BASE: &str = "https://timeline.example.org/kerman-fa/";

/// The Persian example's pages that axe-core checks (and screenshots): its
/// timeline, its lead event and its figure, each at a Persian address.
const PERSIAN_KINDS: &[(&str, &str)] = &[
    ("timeline", ""),
    ("event", "2024/01/03/انفجار-کرمان/"),
    ("figure", "figures/کشتگان/"),
];

/// The Persian example's folder.
fn persian_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/persian")
}

/// A known fault that the checkers may report for now.
struct Pending {
    /// What it is and what removes it.
    why: &'static str,
    /// The checker: `nu` or `axe`.
    checker: &'static str,
    /// Text the Nu message contains, or the axe rule's id.
    matches: &'static str,
    /// The pages it may be reported on: given a Nu message's file (`/newsroom/2024/01/index.html`)
    /// or an axe result's page kind (`month`, see [`KINDS`]).
    on: fn(&str) -> bool,
}

/// Faults of the built-in theme that are being fixed on their own, none today. Each
/// entry lets the checkers pass while the fault is there; remove it with the fix,
/// and the tests hold the line from then on.
const PENDING: &[Pending] = &[];

/// The entry of [`PENDING`] that lets `checker` report `text` on `page` for now, if
/// any.
fn pending(checker: &str, text: &str, page: &str) -> Option<usize> {
    PENDING.iter().position(|p| {
        p.checker == checker
            && (p.on)(page)
            && if checker == "axe" {
                text == p.matches
            } else {
                text.contains(p.matches)
            }
    })
}

/// Notes how often each entry of [`PENDING`] was let through, by index.
fn note_pending(allowed: &[usize]) {
    for (n, p) in PENDING.iter().enumerate() {
        let times = allowed.iter().filter(|&&a| a == n).count();
        if times > 0 {
            eprintln!(
                "note: allowed for now: {times} × {} `{}` ({})",
                p.checker, p.matches, p.why
            );
        }
    }
}

/// The fixture site's folder: a site on disk, so that it can be built and served by
/// hand as well (`dateline serve --root tests/fixtures/newsroom`).
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom")
}

/// Builds the site at `root` for `base` into `out`; returns `out`.
fn build(root: &Path, base: &str, out: PathBuf) -> PathBuf {
    let built = dateline()
        .args(["build", "--base-url", base])
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    out
}

/// Whether Java runs; without it, a note, or a failure when `DATELINE_REQUIRE_BROWSER`
/// is set.
fn java_or_skip(test: &str) -> bool {
    let runs = Command::new("java")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !runs {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_BROWSER").is_none(),
            "DATELINE_REQUIRE_BROWSER is set but java cannot be run"
        );
        eprintln!("note: skipping {test}: install Java (Debian's default-jre-headless) to run it");
    }
    runs
}

#[test]
fn the_fixture_site_has_every_page_kind_and_leaves_drafts_out() {
    let out = tempfile::tempdir().unwrap();
    let public = build(&fixture(), FIXTURE_BASE, out.path().join("site"));
    for (kind, address) in KINDS {
        let path = address.split('?').next().unwrap();
        let file = if path.is_empty() || path.ends_with('/') {
            public.join(path).join("index.html")
        } else {
            public.join(path)
        };
        assert!(file.is_file(), "no {kind} page at {path}");
    }
    // Every list that `per_page = 3` splits continues on a second page.
    for list in [
        "page/2/",
        "2024/page/2/",
        "2024/01/page/2/",
        "sources/page/2/",
        "explainers/page/2/",
        "tags/page/2/",
        "tags/dams/page/2/",
    ] {
        assert!(public.join(list).join("index.html").is_file(), "no {list}");
    }
    // Drafts stay out of a build without `--drafts`.
    assert!(!public.join("2024/02/01").exists());
    assert!(!public.join("explainers/unfinished-profile").exists());
    let everything: String = walk(&public)
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html" || e == "json"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(!everything.contains("Unfinished draft"));
    assert!(!everything.contains("A profile not yet finished"));
}

/// The files Nu checked (it prints each path as given) and its messages.
fn nu(modules: &Path, dirs: &[&Path]) -> (BTreeSet<PathBuf>, Vec<Value>) {
    let jar = modules.join("vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args([
            "--format",
            "json",
            "--verbose",
            "--skip-non-html",
            "--also-check-css",
            "--also-check-svg",
        ])
        .args(dirs)
        .stdin(Stdio::null())
        .output()
        .expect("java runs");
    let checked = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .collect();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "Nu printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (checked, report["messages"].as_array().unwrap().clone())
}

#[test]
fn every_page_of_the_example_and_fixture_sites_passes_the_nu_html_checker() {
    let test = "the Nu HTML Checker test";
    let Some(modules) = node::packages(test) else {
        return;
    };
    if !java_or_skip(test) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let example = build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        EXAMPLE_BASE,
        out.path().join("example"),
    );
    let newsroom = build(&fixture(), FIXTURE_BASE, out.path().join("newsroom"));
    let persian = build(&persian_example(), PERSIAN_BASE, out.path().join("persian"));
    let (checked, messages) = nu(&modules, &[&example, &newsroom, &persian]);

    // Every page, stylesheet and SVG file of the three sites was read.
    let wanted: BTreeSet<PathBuf> = [&example, &newsroom, &persian]
        .into_iter()
        .flat_map(|dir| walk(dir))
        .filter(|f| {
            f.extension()
                .is_some_and(|e| e == "html" || e == "css" || e == "svg")
        })
        .collect();
    assert!(wanted.len() > 100, "only {} files to check", wanted.len());
    let missed: Vec<_> = wanted.difference(&checked).collect();
    assert!(missed.is_empty(), "Nu did not check {missed:#?}");

    let mut errors = Vec::new();
    let mut allowed = Vec::new();
    for m in &messages {
        // `info` is a warning or a note; `error` and `non-document-error` (a file
        // it could not read) fail.
        if m["type"] == "info" {
            continue;
        }
        let message = m["message"].as_str().unwrap_or_default();
        let url = m["url"].as_str().unwrap_or_default();
        let file = url
            .strip_prefix("file:")
            .and_then(|f| f.strip_prefix(out.path().to_str().unwrap()))
            .unwrap_or(url);
        if m["type"] == "error"
            && let Some(entry) = pending("nu", message, file)
        {
            allowed.push(entry);
            continue;
        }
        errors.push(format!(
            "{file}:{}: {message}\n    {}",
            m["lastLine"],
            m["extract"].as_str().unwrap_or_default().replace('\n', "⏎")
        ));
    }
    note_pending(&allowed);
    assert!(
        errors.is_empty(),
        "{} Nu HTML Checker errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The folder the screenshots are written to: `DATELINE_SCREENSHOTS`, else
/// `screenshots/` in the cargo target folder's `tmp/`.
fn screenshots_dir() -> PathBuf {
    std::env::var_os("DATELINE_SCREENSHOTS").map_or_else(
        || Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots"),
        PathBuf::from,
    )
}

/// `(width, height)` of a PNG file.
fn png_size(file: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(file).unwrap()));
    let info = decoder.read_info().unwrap();
    (info.info().width, info.info().height)
}

/// The plan of `axe.cjs` for one site.
fn plan_site(name: &str, public: &Path, base: &str, kinds: &[(&str, &str)]) -> Value {
    json!({
        "name": name,
        "public": public,
        "base": base,
        "pages": kinds.iter().map(|(kind, path)| json!({"kind": kind, "path": path})).collect::<Vec<_>>(),
    })
}

#[test]
fn every_page_kind_passes_axe_light_and_dark_at_desktop_and_phone_widths() {
    let Some(modules) = node::packages("the axe-core test") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let example = build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        EXAMPLE_BASE,
        out.path().join("example"),
    );
    let newsroom = build(&fixture(), FIXTURE_BASE, out.path().join("newsroom"));
    let persian = build(&persian_example(), PERSIAN_BASE, out.path().join("persian"));
    let shots = screenshots_dir();
    // Screenshots of an earlier run go (a page kind since removed would linger), and
    // nothing else: the folder may be one of the reviewer's own.
    for old in std::fs::read_dir(&shots).into_iter().flatten().flatten() {
        let name = old.file_name().to_string_lossy().into_owned();
        let ours = ["newsroom-", "example-", "persian-"];
        if ours.iter().any(|site| name.starts_with(site)) && name.ends_with(".png") {
            let _ = std::fs::remove_file(old.path());
        }
    }
    let plan = out.path().join("plan.json");
    std::fs::write(
        &plan,
        json!({
            "shots": shots,
            "sites": [
                plan_site("newsroom", &newsroom, FIXTURE_BASE, KINDS),
                plan_site("example", &example, EXAMPLE_BASE, EXAMPLE_KINDS),
                plan_site("persian", &persian, PERSIAN_BASE, PERSIAN_KINDS),
            ],
        })
        .to_string(),
    )
    .unwrap();
    let seen = node::json(&modules, "axe.cjs", &[plan.to_str().unwrap()]);
    eprintln!(
        "note: screenshots of every page kind are in {}",
        shots.display()
    );
    assert_eq!(seen["errors"], json!([]), "errors in the pages");
    assert_eq!(seen["blocked"], json!([]), "requests for the network");

    let results = seen["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        (KINDS.len() + EXAMPLE_KINDS.len() + PERSIAN_KINDS.len()) * 4
    );
    let mut violations = Vec::new();
    let mut allowed = Vec::new();
    for r in results {
        let page = format!(
            "{} {} ({}) at {} px, {}",
            r["site"].as_str().unwrap(),
            r["kind"].as_str().unwrap(),
            r["path"].as_str().unwrap(),
            r["width"],
            r["scheme"].as_str().unwrap(),
        );
        assert_eq!(r["status"], 200, "{page}");
        // A full-page screenshot as wide as the viewport.
        let (width, height) = png_size(Path::new(r["screenshot"].as_str().unwrap()));
        assert_eq!(Value::from(width), r["width"], "{page}");
        assert!(height >= 400, "{page}: a screenshot {height} px high");
        for v in r["violations"].as_array().unwrap() {
            let rule = v["id"].as_str().unwrap();
            if let Some(entry) = pending("axe", rule, r["kind"].as_str().unwrap()) {
                allowed.push(entry);
                continue;
            }
            let nodes: Vec<String> = (v["nodes"].as_array().unwrap().iter())
                .map(|n| {
                    format!(
                        "      {}  {}",
                        n["target"].as_str().unwrap(),
                        n["html"].as_str().unwrap()
                    )
                })
                .collect();
            violations.push(format!(
                "{page}: {rule} ({}): {}\n{}",
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or_default(),
                nodes.join("\n")
            ));
        }
    }
    note_pending(&allowed);
    assert!(
        violations.is_empty(),
        "{} axe-core violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
