//! `dateline init` and `dateline new`: files that build at once, never overwritten.

use std::path::Path;
use std::process::Output;

use crate::helpers::{Site, snapshot, stdout};

fn dateline(dir: &Path, args: &[&str]) -> Output {
    crate::helpers::dateline()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run dateline")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn init_writes_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let output = dateline(tmp.path(), &["init", "kerman-timeline"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Created the site `Kerman timeline` in kerman-timeline"),
        "{out}"
    );
    assert!(out.contains("content/sources/newsroom.md"), "{out}");
    let site = tmp.path().join("kerman-timeline");
    let check = dateline(&site, &["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("1 event, 1 source, 1 explainer"),
        "{}",
        stdout(&check)
    );
    let build = dateline(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("Timeline started"), "{index}");
    assert!(site.join("public/sources/newsroom/index.html").is_file());
    assert!(
        site.join("public/explainers/how-this-timeline-works/index.html")
            .is_file()
    );
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).unwrap(),
        "/public/\n"
    );
}

#[test]
fn init_works_in_an_empty_folder_and_refuses_a_non_empty_one() {
    let tmp = tempfile::tempdir().unwrap();
    let output = dateline(tmp.path(), &["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(tmp.path().join("dateline.toml").is_file());

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let before = snapshot(tmp.path());
    let output = dateline(tmp.path(), &["init", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not empty; nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn new_event_fills_in_front_matter_and_builds() {
    let site = Site::basic();
    let output = site.run(&[
        "new",
        "event",
        "Two blasts: 84 dead near the grave",
        "--date",
        "2024-01-03T15:10",
        "--source",
        "afp",
        "--source",
        "reuters",
        "--place",
        "Kerman, Iran",
        "--tag",
        "Attacks",
        "--tag",
        "Kerman, Iran",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rel = "content/events/2024/2024-01-03-two-blasts-84-dead-near-the-grave.md";
    assert_eq!(stdout(&output).trim(), rel);
    let text = site.read(rel);
    assert!(text.starts_with("---\ntitle: \"Two blasts: 84 dead near the grave\"\ndate: 2024-01-03T15:10\nplace: \"Kerman, Iran\"\nsources: [afp, reuters]\ntags: [Attacks, \"Kerman, Iran\"]\n---\n"), "{text}");
    site.build(&[]);
    let page = site.page("/2024/01/03/two-blasts-84-dead-near-the-grave/");
    assert_eq!(page.text("main h1"), "Two blasts: 84 dead near the grave");
    assert!(page.text("main").contains("Kerman, Iran"));
    assert_eq!(site.page("/tags/kerman-iran/").count("main li"), 1);
}

#[test]
fn new_event_is_dated_today_in_the_site_zone() {
    let site = Site::basic();
    let before = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .with_timezone(&chrono_tz::Asia::Tehran)
        .date_naive();
    let output = site.run(&["new", "event", "Day of mourning declared"]);
    let after = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .with_timezone(&chrono_tz::Asia::Tehran)
        .date_naive();
    assert!(output.status.success(), "{}", stderr(&output));
    let path = stdout(&output);
    let dated = [before, after].iter().any(|d| {
        path.trim()
            == format!(
                "content/events/{}/{}-day-of-mourning-declared.md",
                d.format("%Y"),
                d.format("%Y-%m-%d")
            )
    });
    assert!(dated, "{path}");
    site.build(&[]);
}

#[test]
fn new_event_follows_a_flat_events_folder() {
    let site = Site::new();
    site.file("content/events/2024-01-01-a.md", "---\ntitle: A\n---\n");
    let output = site.run(&["new", "event", "B", "--date", "2024-05"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "content/events/2024-05-b.md");
    site.build(&[]);
    assert_eq!(site.page("/2024/05/b/").text("main h1"), "B");
}

#[test]
fn new_refuses_to_overwrite() {
    let site = Site::basic();
    let args = ["new", "event", "Same title", "--date", "2024-02-01"];
    assert!(site.run(&args).status.success());
    let rel = "content/events/2024/2024-02-01-same-title.md";
    site.file(rel, "---\ntitle: Edited by hand\n---\nWork in progress.\n");
    let output = site.run(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!(
            "the id `2024-02-01-same-title` is taken by {rel}; nothing was written"
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        site.read(rel),
        "---\ntitle: Edited by hand\n---\nWork in progress.\n"
    );

    let output = site.run(&["new", "source", "afp", "--name", "AFP"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        site.read("content/sources/afp.md")
            .contains("Agence France-Presse")
    );
}

#[test]
fn new_rejects_unknown_sources_kinds_and_dates_writing_nothing() {
    let site = Site::basic();
    let before = snapshot(site.root());
    let cases: [(&[&str], &str); 5] = [
        (
            &["new", "event", "X", "--source", "reuter"],
            "error: unknown source `reuter`\n  = help: did you mean `reuters`?",
        ),
        (
            &["new", "event", "X", "--date", "2024-02-30"],
            "--date 2024-02-30: ",
        ),
        (
            &[
                "new",
                "source",
                "irna",
                "--name",
                "IRNA",
                "--kind",
                "news-agncy",
            ],
            "did you mean `news-agency`?",
        ),
        (
            &["new", "source", "IRNA News", "--name", "IRNA"],
            "`IRNA News` is not a valid source id",
        ),
        (
            &["new", "explainer", "Kerman", "--kind", "plase"],
            "did you mean `place`?",
        ),
    ];
    for (args, expected) in cases {
        let output = site.run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn new_event_with_a_time_needs_a_zone() {
    let site = Site::new();
    site.file("content/sources/afp.md", "---\nname: AFP\n---\n");
    let output = site.run(&["new", "event", "X", "--date", "2024-01-03T14:50"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("time zone"), "{}", stderr(&output));
}

#[test]
fn new_source_and_explainer_build() {
    let site = Site::basic();
    let output = site.run(&[
        "new",
        "source",
        "irna",
        "--name",
        "Islamic Republic News Agency",
        "--kind",
        "news-agency",
        "--url",
        "https://www.irna.ir/",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "content/sources/irna.md");
    assert_eq!(
        site.read("content/sources/irna.md"),
        "---\nname: Islamic Republic News Agency\nkind: news-agency\nurl: https://www.irna.ir/\n---\n\n<!-- Who they are, who owns them, how far to trust them. -->\n"
    );
    let output = site.run(&[
        "new",
        "explainer",
        "Who is Esmail Qaani",
        "--alias",
        "Qaani",
        "--kind",
        "person",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "content/explainers/esmail-qaani.md");
    let text = site.read("content/explainers/esmail-qaani.md");
    assert!(text.starts_with("---\ntitle: Who is Esmail Qaani\nsubject: Esmail Qaani\nkind: person\naliases: [Qaani]\n---\n"), "{text}");
    site.build(&[]);
    assert_eq!(
        site.page("/sources/irna/").text("main h1"),
        "Islamic Republic News Agency"
    );
    assert_eq!(
        site.page("/explainers/esmail-qaani/").text("main h1"),
        "Who is Esmail Qaani"
    );
}

#[test]
fn new_event_names_the_file_after_the_day_as_written() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"T\"\n");
    let output = site.run(&["new", "event", "Blast", "--date", "2024-01-03T01:00+05:00"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        "content/events/2024/2024-01-03-blast.md"
    );
    site.build(&[]);
    assert_eq!(site.page("/2024/01/03/blast/").text("main h1"), "Blast");
}

#[test]
fn new_needs_a_site() {
    let tmp = tempfile::tempdir().unwrap();
    let output = dateline(tmp.path(), &["new", "event", "Hello"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a dateline site"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn new_refuses_a_file_the_site_would_reject() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-background.md",
        "---\ntitle: Background\nsources: [afp]\n---\nText.\n\n## Who is Esmail Qaani {#esmail-qaani .explainer}\n\nHe succeeded Soleimani.\n",
    );
    let before = crate::helpers::snapshot(site.root());
    // The explainer exists already, as a section of an event.
    let output = site.run(&["new", "explainer", "Who is Esmail Qaani"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("content/explainers/esmail-qaani.md would not build"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("defined twice"),
        "{}",
        stderr(&output)
    );
    // An alias that makes an existing wikilink ambiguous.
    site.file(
        "content/events/2024-02-02-link.md",
        "---\ntitle: Link\nsources: [afp]\n---\nSee [[Who is Qasem Soleimani]].\n",
    );
    let before_link = crate::helpers::snapshot(site.root());
    let output = site.run(&[
        "new",
        "explainer",
        "Haj Qasem",
        "--alias",
        "Who is Qasem Soleimani",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("matches 2"), "{}", stderr(&output));
    assert_eq!(crate::helpers::snapshot(site.root()), before_link);
    // An empty tag.
    let output = site.run(&[
        "new",
        "event",
        "Tagged",
        "--date",
        "2024-02-03",
        "--tag",
        "",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    site.remove("content/events/2024-02-02-link.md");
    assert_eq!(crate::helpers::snapshot(site.root()), before);
}

#[test]
fn new_sees_the_sources_the_build_sees() {
    let site = Site::basic();
    site.file("archive/irna.md", "---\nname: IRNA\n---\n")
        .file("content/sources/.old/isna.md", "---\nname: ISNA\n---\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.path("archive/irna.md"),
            site.path("content/sources/irna.md"),
        )
        .unwrap();
        let output = site.run(&[
            "new",
            "event",
            "Linked",
            "--date",
            "2024-02-01",
            "--source",
            "irna",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // Hidden folders are not part of the site.
    let output = site.run(&[
        "new",
        "event",
        "Hidden",
        "--date",
        "2024-02-01",
        "--source",
        "isna",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown source `isna`"),
        "{}",
        stderr(&output)
    );
    site.build(&[]);
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_dangling_link() {
    let site = Site::basic();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.md");
    std::os::unix::fs::symlink(&target, site.path("content/sources/irna.md")).unwrap();
    let output = site.run(&["new", "source", "irna", "--name", "IRNA"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("already exists; nothing was written"),
        "{}",
        stderr(&output)
    );
    assert!(!target.exists());
}
