//! Ids on a page (SPEC §9.1): claim anchors, footnotes, heading and raw HTML ids and
//! the page layout's ids never collide, and an id an editor writes that would is an
//! error at its line.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{Html, Selector};

use crate::helpers::{Site, walk};

/// A source, an explainer and nothing else.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\nshort: AFP\n---\nThe agency.\n",
    )
    .file(
        "content/sources/irib.md",
        "---\nname: Islamic Republic of Iran Broadcasting\nshort: State TV\n---\nState TV.\n",
    )
    .file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\nsubject: Quds Force\n---\nThe foreign arm.\n",
    );
    site
}

/// Every id that appears more than once on each HTML page under `dir`, by page.
fn duplicate_ids(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let any_id = Selector::parse("[id]").unwrap();
    let mut found = BTreeMap::new();
    for path in walk(dir) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for element in html.select(&any_id) {
            *seen
                .entry(element.value().id().unwrap_or_default())
                .or_default() += 1;
        }
        let twice: Vec<String> = seen
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(id, _)| id.to_owned())
            .collect();
        if !twice.is_empty() {
            let page = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            found.insert(page, twice);
        }
    }
    found
}

/// Every id on the page at `url` of a built `site`, in document order.
fn ids(site: &Site, url: &str) -> Vec<String> {
    site.page(url).attrs("[id]", "id")
}

#[test]
fn footnotes_get_numbered_ids_that_claims_and_the_layout_never_take() {
    let site = site();
    // Labels spelled like a claim anchor, the layout's `main` and a footnote id.
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts [@afp].[^claim-2]\n\nA toll was given [@irib].[^main]\n\nSee the note.[^fn-1]\n\n[^claim-2]: AFP's first report.\n\n[^main]: State TV, [@afp] said later.\n\n[^fn-1]: A third note.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.attrs(".body [id]", "id"),
        ["claim-1", "claim-2", "fn-1", "fn-2", "claim-3", "fn-3"]
    );
    assert_eq!(
        page.attrs(".body .footnote-reference a", "href"),
        ["#fn-1", "#fn-2", "#fn-3"]
    );
    assert_eq!(page.texts(".body .footnote-reference"), ["1", "2", "3"]);
    assert_eq!(page.texts(".footnote-definition-label"), ["1", "2", "3"]);
    assert_eq!(
        page.texts(".footnote-definition > p"),
        [
            "AFP’s first report.",
            "State TV, AFP said later.",
            "A third note."
        ]
    );
    assert_eq!(page.count("#main"), 1);
    // Read in context lands on the paragraph that cites, not on a footnote.
    let afp = site.page("/sources/afp/");
    assert_eq!(
        afp.attrs(".claim > p:last-child a", "href"),
        ["/2024/01/03/blasts/#claim-1", "/2024/01/03/blasts/#claim-3"]
    );
    assert_eq!(page.texts("#claim-1 a.cite"), ["AFP"]);
    assert_eq!(page.texts("#claim-3 a.cite"), ["AFP"]);
    assert_eq!(page.texts("#claim-2 a.cite"), ["State TV"]);
    assert_eq!(duplicate_ids(&site.path("public")), BTreeMap::new());
}

#[test]
fn errors_on_a_heading_id_the_page_layout_uses() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts.\n\n## Notes {#main}\n\nMore.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: id `main` is used by the page layout; choose another\n --> content/events/2024-01-03-blasts.md:6:11\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: built-in theme: base.html (line 43) gives that id to an element of the page, and a link to `#main` can lead to only one of the two"),
        "{stderr}"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn errors_on_layout_ids_in_every_kind_of_body_and_in_raw_html() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nText <span id=\"event-title\">here</span>.\n\n## Who is Soleimani {#soleimani .explainer}\n\nA general.\n\n### Early life {#related-h}\n\nBorn in Kerman.\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\n---\nThe agency.\n\n<div class=\"box\"\n     id=\"claims-h\">x</div>\n",
    )
    .file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\n---\n## Overview {id=explainer-title}\n\nThe foreign arm.\n",
    );
    let stderr = site.build_fails(&[]);
    for (id, at) in [
        ("event-title", "content/events/2024-01-03-blasts.md:4:16"),
        ("related-h", "content/events/2024-01-03-blasts.md:10:17"),
        ("claims-h", "content/sources/afp.md:7:10"),
        ("explainer-title", "content/explainers/quds-force.md:4:14"),
    ] {
        let message = format!("error: id `{id}` is used by the page layout; choose another\n");
        let place = stderr.find(&message).map(|i| &stderr[i + message.len()..]);
        assert!(
            place.is_some_and(|p| p.trim_start().starts_with(&format!("--> {at}\n"))),
            "{message} at {at}\n{stderr}"
        );
    }
    assert!(stderr.contains("build failed: 4 errors"), "{stderr}");
}

#[test]
fn errors_on_ids_of_the_form_the_build_generates() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\n## Claim {#claim-1}\n\nTwo blasts [@afp].\n\nSee <a id=\"fn-1\">here</a>.\n\n## Report {#report-1}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: id `claim-1` has the form the build gives claim anchors; choose another\n --> content/events/2024-01-03-blasts.md:4:11\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: id `fn-1` has the form the build gives footnotes; choose another\n --> content/events/2024-01-03-blasts.md:8:12\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: id `report-1` has the form the build gives an event's reports; choose another\n  --> content/events/2024-01-03-blasts.md:10:12\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: ids `claim-N` mark citing blocks, `fn-N` footnotes and `report-N` the reports an event lists: another id of that form would be a second element with the same id"),
        "{stderr}"
    );
}

#[test]
fn errors_on_an_id_written_twice_in_one_body_naming_the_first() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\n## Notes {#notes}\n\nText.\n\n## More notes {#notes}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: id `notes` is used twice on this page; choose another\n --> content/events/2024-01-03-blasts.md:8:16\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: an id names one place on a page; the first `notes` is on line 4"),
        "{stderr}"
    );
}

#[test]
fn ids_of_an_inline_explainer_belong_to_its_own_page() {
    let site = site();
    // The same id in the event and in its inline explainer: they are on different
    // pages, the section being a card on the event's.
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts [@afp].\n\n## Background {#background}\n\nText.\n\n## Who is Soleimani {#soleimani .explainer}\n\nA general [@afp].\n\n### Background {#background}\n\nBorn in Kerman.[^1]\n\n## After {#after}\n\nMourning.[^1]\n\n[^1]: A note.\n",
    );
    site.build(&[]);
    assert_eq!(
        ids(&site, "/2024/01/03/blasts/"),
        [
            "main",
            "event-title",
            "claim-1",
            "background",
            "after",
            "fn-1",
            "sources-h"
        ]
    );
    assert_eq!(
        ids(&site, "/explainers/soleimani/"),
        ["main", "explainer-title", "background", "mentioned-h"]
    );
    assert_eq!(duplicate_ids(&site.path("public")), BTreeMap::new());
}

#[test]
fn a_site_template_reserves_its_own_ids_and_may_not_take_generated_ones() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts.\n\n## Story {#story}\n",
    );
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"),
    )
    .unwrap()
    .replace(
        "<main id=\"main\" tabindex=\"-1\">",
        "<main id=\"main\" tabindex=\"-1\"><span id=\"story\"></span><span id=\"claim-9\"></span>",
    );
    site.file("templates/base.html", &base);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: id `story` is used by the page layout; choose another\n --> content/events/2024-01-03-blasts.md:6:11\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: templates/base.html (line 43) gives that id"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: the template writes the id `claim-9`, of the form the build gives claim anchors\n  --> templates/base.html:43:"),
        "{stderr}"
    );
}

#[test]
fn no_page_of_the_example_site_has_a_duplicate_id() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = crate::helpers::dateline()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(duplicate_ids(&target), BTreeMap::new());
    // And the pages with bodies have the ids the layout gives them.
    let event = Html::parse_document(
        &std::fs::read_to_string(target.join("2024/01/03/kerman-explosions/index.html")).unwrap(),
    );
    let main = Selector::parse("main#main").unwrap();
    assert_eq!(event.select(&main).count(), 1);
}

#[test]
fn a_layout_id_error_keeps_loose_ends_quiet_as_other_errors_do() {
    // Nothing cites `irib` and nothing links to the Quds Force explainer: loose
    // ends `check` reports once the content is sound.
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts [@afp].\n",
    );
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no event cites source `irib`"), "{stderr}");

    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts [@afp].\n\n## Notes {#main}\n\nMore.\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: id `main` is used by the page layout"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("check failed: 1 error\n"), "{stderr}");
}
