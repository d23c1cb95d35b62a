//! `dateline check`: the build without writing, plus warnings about loose ends.

use crate::helpers::{Site, stdout};

fn check(site: &Site, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let output = site.run(&args);
    (
        output.status.code(),
        stdout(&output),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_clean_site_checks_without_writing_anything() {
    let site = Site::basic();
    let (code, out, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.trim(),
        "Checked 3 events, 2 sources, 1 explainer and 22 pages: no problems found"
    );
    assert!(err.is_empty(), "{err}");
    assert!(!site.path("public").exists());
}

fn loose_ends() -> Site {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-unsourced.md",
        "---\ntitle: Unsourced\n---\nNobody said so.\n",
    )
    .file(
        "content/sources/irna.md",
        "---\nname: Islamic Republic News Agency\nshort: IRNA\n---\n",
    )
    .file(
        "content/explainers/kerman.md",
        "---\ntitle: Kerman\nkind: place\n---\nA city in south-east Iran.\n",
    )
    .file(
        "content/events/2024-02-02-revised.md",
        "---\ntitle: Revised\nsources: [irna]\nupdated: 2024-02-05\n---\nText.\n",
    );
    site
}

#[test]
fn warns_about_loose_ends_and_still_succeeds() {
    let site = loose_ends();
    let (code, out, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: event `2024-02-01-unsourced` cites no source\n --> content/events/2024-02-01-unsourced.md"),
        "{err}"
    );
    assert!(err.contains("[@id]"), "{err}");
    assert!(
        err.contains(
            "warning: nothing links to explainer `kerman`\n --> content/explainers/kerman.md"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: link it from an event with [[Kerman]]"),
        "{err}"
    );
    // IRNA is cited by the revised event, so only a source nobody cites is reported.
    assert!(!err.contains("no event cites source `irna`"), "{err}");
    site.remove("content/events/2024-02-02-revised.md");
    let (code, out2, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: no event cites source `irna`\n --> content/sources/irna.md"),
        "{err}"
    );
    assert!(out.contains(": 2 warnings"), "{out}");
    assert!(out2.contains(": 3 warnings"), "{out2}");
    assert!(!site.path("public").exists());
}

#[test]
fn strict_turns_warnings_into_failure() {
    let site = loose_ends();
    let (code, _, err) = check(&site, &["--strict"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("[1/2] warning:"), "{err}");
    assert!(
        err.contains("error: check failed: --strict turns warnings into errors"),
        "{err}"
    );
    let (code, _, err) = check(&Site::basic(), &["--strict"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn build_does_not_warn_about_loose_ends() {
    let site = loose_ends();
    let output = site.build(&[]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("cites no source"), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

/// An `updated` before the event's `date` would give feeds and search engines a
/// modified time before the published one: an error in `check` and `build` alike,
/// at the `updated:` line, naming both dates. At a coarser precision it is compared
/// at that precision, so an `updated` on the event's own day is not before it.
#[test]
fn errors_on_updated_before_date_in_check_and_build() {
    for (date, updated, location, message) in [
        (
            "2024-02-02",
            "2023-12-01",
            "4:10",
            "error: `updated` (2023-12-01) is before the event's `date` (2024-02-02)",
        ),
        (
            "2024-02-02T14:50",
            "2024-02-02T10:00",
            "4:10",
            "error: `updated` (2024-02-02T10:00) is before the event's `date` (2024-02-02T14:50+03:30)",
        ),
        (
            "2024-02-02T14:50",
            "2024-02-01",
            "4:10",
            "error: `updated` (2024-02-01) is before the event's `date` (2024-02-02T14:50+03:30)",
        ),
    ] {
        let site = Site::basic();
        site.file(
            "content/events/revised.md",
            &format!("---\ntitle: Revised\ndate: {date}\nupdated: {updated}\nsources: [afp]\n---\nText.\n"),
        );
        let expected = format!("{message}\n --> content/events/revised.md:{location}\n");
        let (code, _, err) = check(&site, &[]);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(&expected), "{err}");
        assert!(
            err.contains(
                "help: `updated` is when the entry was last revised, on or after the event's `date`"
            ),
            "{err}"
        );
        let err = site.build_fails(&[]);
        assert!(err.contains(&expected), "{err}");
        assert!(!site.path("public").exists());
    }
    for (date, updated) in [
        ("2024-02-02T14:50", "2024-02-02"),
        ("2024-02-02T14:50", "2024-02"),
        ("2024-02-02", "2024-02-02T00:30"),
    ] {
        let site = Site::basic();
        site.file(
            "content/events/revised.md",
            &format!("---\ntitle: Revised\ndate: {date}\nupdated: {updated}\nsources: [afp]\n---\nText.\n"),
        );
        let (code, _, err) = check(&site, &["--strict"]);
        assert_eq!(code, Some(0), "{date} {updated}: {err}");
    }
}

#[test]
fn reports_content_and_template_errors_with_exit_1() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{{ nothing }}{% endblock content %}",
    )
    .file(
        "content/events/2024-02-01-typo.md",
        "---\ntitle: Typo\nsources: [reuter]\n---\n",
    );
    // Content errors stop the check before templates are rendered.
    let (code, _, err) = check(&site, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("unknown source `reuter`"), "{err}");
    assert!(err.contains("error: check failed: 1 error"), "{err}");
    site.remove("content/events/2024-02-01-typo.md");
    let (code, _, err) = check(&site, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(" --> templates/tags.html:1:"), "{err}");
    assert!(!site.path("public").exists());
}

#[test]
fn an_explainer_linked_only_from_another_explainer_is_linked() {
    let site = Site::basic();
    site.file(
        "content/explainers/quds-force.md",
        "---\ntitle: Quds Force\n---\nThe unit [[qasem-soleimani]] led.\n",
    )
    .file(
        "content/explainers/irgc.md",
        "---\ntitle: IRGC\n---\nIts foreign arm is the [[Quds Force]].\n",
    );
    let (_, _, err) = check(&site, &[]);
    assert!(!err.contains("explainer `quds-force`"), "{err}");
    assert!(err.contains("nothing links to explainer `irgc`"), "{err}");
}

#[test]
fn a_bad_output_dir_fails_the_check_too() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\noutput_dir = \"content\"\n",
    );
    let (code, _, err) = check(&site, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("check `output_dir` in dateline.toml"), "{err}");
    assert!(err.contains("it would replace content/"), "{err}");
}

#[test]
fn no_loose_end_warnings_next_to_errors_or_for_what_drafts_use() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-broken.md",
        "---\ntitle: [Broken]\nsources: [afp]\n---\n",
    );
    let (code, _, err) = check(&site, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!err.contains("warning"), "{err}");
    site.remove("content/events/2024-02-01-broken.md");

    site.file("content/sources/irna.md", "---\nname: IRNA\n---\n")
        .file("content/sources/isna.md", "---\nname: ISNA\n---\n")
        .file(
            "content/explainers/kerman.md",
            "---\ntitle: Kerman\nsubject: Kerman city\n---\nA city.\n",
        )
        .file(
            "content/events/2024-02-01-draft.md",
            "---\ntitle: Draft\ndraft: true\nsources: [irna]\n---\nAs ISNA said [@isna], [[Kerman city]] mourns.\n",
        );
    let (code, _, err) = check(&site, &["--strict"]);
    assert_eq!(code, Some(0), "{err}");
    site.remove("content/events/2024-02-01-draft.md");
    let (code, _, err) = check(&site, &["--strict"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no event cites source `irna`"), "{err}");
    assert!(err.contains("no event cites source `isna`"), "{err}");
    assert!(err.contains("nothing links to explainer `kerman`"), "{err}");
}

#[test]
fn warns_about_bodies_that_are_still_the_placeholder_new_wrote() {
    let site = Site::basic();
    for args in [
        &[
            "new",
            "event",
            "Toll rises",
            "--date",
            "2024-01-05",
            "--source",
            "afp",
        ][..],
        &["new", "source", "irna", "--name", "IRNA"],
        &[
            "new",
            "explainer",
            "Who is Ali Khamenei",
            "--alias",
            "Khamenei",
        ],
    ] {
        let output = site.run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
    }
    let (code, out, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    for (kind, id, file, help) in [
        (
            "event",
            "2024-01-05-toll-rises",
            "content/events/2024/2024-01-05-toll-rises.md",
            "replace the comment with what happened, citing who reported it",
        ),
        (
            "source",
            "irna",
            "content/sources/irna.md",
            "replace the comment with who they are and how far to trust them",
        ),
        (
            "explainer",
            "ali-khamenei",
            "content/explainers/ali-khamenei.md",
            "replace the comment with the background a reader needs",
        ),
    ] {
        let expected = format!(
            "warning: the body of {kind} `{id}` is still the placeholder `dateline new` wrote\n --> {file}\n  = help: {help}"
        );
        assert!(err.contains(&expected), "{expected}\nnot in:\n{err}");
    }
    // The new source is cited by nobody and the explainer linked by nothing, too.
    assert!(out.contains(": 5 warnings"), "{out}");
    let (code, _, err) = check(&site, &["--strict"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("error: check failed: --strict turns warnings into errors"),
        "{err}"
    );

    // Written over, the bodies are no longer loose ends; a note left beside the
    // text is not one either.
    let event = "content/events/2024/2024-01-05-toll-rises.md";
    let text = site.read(event);
    let written = text.replace("<!-- What", "The toll rises to 84 [@afp].\n\n<!-- What");
    site.file(event, &written)
        .file(
            "content/sources/irna.md",
            "---\nname: IRNA\n---\nIran's state news agency.\n",
        )
        .file(
            "content/explainers/ali-khamenei.md",
            "---\ntitle: Who is Ali Khamenei\nsubject: Ali Khamenei\naliases: [Khamenei]\n---\n<!-- to do -->\n\nIran's Supreme Leader.\n",
        );
    let (code, _, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("placeholder"), "{err}");
}
