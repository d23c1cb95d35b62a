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
        stderr(&output)
            .contains("error: `.` is not empty (it holds `notes.txt`); nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn init_works_in_a_fresh_clone() {
    // What "Create repository" on GitHub and `git clone` leave: .git, a README and
    // a licence. None is touched.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git/refs")).unwrap();
    std::fs::write(tmp.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(tmp.path().join("README.md"), "# Our timeline\n").unwrap();
    std::fs::write(tmp.path().join("LICENSE"), "CC BY 4.0\n").unwrap();
    let before = snapshot(tmp.path());
    let output = dateline(tmp.path(), &["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(tmp.path().join("dateline.toml").is_file());
    assert!(tmp.path().join(".github/workflows/pages.yml").is_file());
    let after = snapshot(tmp.path());
    for (path, content) in &before {
        assert_eq!(after.get(path), Some(content), "{path:?} changed");
    }

    // A .gitignore of the repository's own is not overwritten: the folder is not
    // empty then.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "*.log\n").unwrap();
    let output = dateline(tmp.path(), &["init"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("(it holds `.gitignore`)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "*.log\n"
    );
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
    // Six words at most name the file; the title is kept whole.
    let rel = "content/events/2024/2024-01-03-two-blasts-84-dead-near-the.md";
    assert_eq!(stdout(&output).trim(), rel);
    let text = site.read(rel);
    assert!(text.starts_with("---\ntitle: \"Two blasts: 84 dead near the grave\"\ndate: 2024-01-03T15:10\nplace: \"Kerman, Iran\"\nsources: [afp, reuters]\ntags: [Attacks, \"Kerman, Iran\"]\n---\n"), "{text}");
    site.build(&[]);
    let page = site.page("/2024/01/03/two-blasts-84-dead-near-the/");
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

/// `new explainer` with a question title, in each built-in language: the file is
/// named after the subject, and `subject:` holds it without the question or the
/// article after it.
#[test]
fn new_explainer_names_the_subject_without_question_words_or_articles() {
    let site = Site::basic();
    let cases = [
        (
            "What is the Sabzrud Dam",
            "content/explainers/sabzrud-dam.md",
            "---\ntitle: What is the Sabzrud Dam\nsubject: Sabzrud Dam\n---\n",
        ),
        (
            "What is a spillway?",
            "content/explainers/spillway.md",
            "---\ntitle: What is a spillway?\nsubject: spillway\n---\n",
        ),
        (
            "Qu'est-ce que le barrage de Sabzrud ?",
            "content/explainers/barrage-de-sabzrud.md",
            "---\ntitle: Qu'est-ce que le barrage de Sabzrud ?\nsubject: barrage de Sabzrud\n---\n",
        ),
        (
            "¿Qué es el Estado Islámico?",
            "content/explainers/estado-islámico.md",
            "---\ntitle: ¿Qué es el Estado Islámico?\nsubject: Estado Islámico\n---\n",
        ),
        (
            "Was ist die Quds-Einheit?",
            "content/explainers/quds-einheit.md",
            "---\ntitle: Was ist die Quds-Einheit?\nsubject: Quds-Einheit\n---\n",
        ),
        (
            "ما هو الحرس الثوري؟",
            "content/explainers/الحرس-الثوري.md",
            "---\ntitle: ما هو الحرس الثوري؟\nsubject: الحرس الثوري\n---\n",
        ),
        (
            "سپاه قدس چیست؟",
            "content/explainers/سپاه-قدس.md",
            "---\ntitle: سپاه قدس چیست؟\nsubject: سپاه قدس\n---\n",
        ),
        // A capital article in a sentence-case title is part of the name.
        (
            "What is The Hague",
            "content/explainers/the-hague.md",
            "---\ntitle: What is The Hague\nsubject: The Hague\n---\n",
        ),
    ];
    for (title, rel, matter) in cases {
        let output = site.run(&["new", "explainer", title]);
        assert!(output.status.success(), "{title}: {}", stderr(&output));
        assert_eq!(stdout(&output).trim(), rel, "{title}");
        let text = site.read(rel);
        assert!(text.starts_with(matter), "{title}: {text}");
    }
    // The subject is what alias links look for: "Sabzrud Dam" in an event links.
    site.file(
        "content/events/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\nsources: [afp]\n---\nWater overtops the Sabzrud Dam [@afp].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/03/02/dam-breaks/");
    assert_eq!(page.texts(".body a.alias"), ["Sabzrud Dam"]);
    assert_eq!(
        page.attrs(".body a.alias", "href"),
        ["/explainers/sabzrud-dam/"]
    );
}

/// The same rule gives an inline explainer section its subject.
#[test]
fn an_inline_explainer_takes_its_subject_without_the_article() {
    let site = Site::basic();
    site.file(
        "content/events/2024-03-01-spillway-opened.md",
        "---\ntitle: Spillway opened\nsources: [afp]\n---\nThe gates open [@afp].\n\n## What is a spillway {#dam-spillway .explainer}\n\nA channel that lets floodwater past a dam.\n",
    )
    .file(
        "content/events/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\nsources: [afp]\n---\nWater pours over the spillway [@afp]. See [[spillway]].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/03/02/dam-breaks/");
    // The wikilink finds the explainer by its subject, and the plain mention is
    // not linked again: the page links that explainer already.
    assert_eq!(
        page.attrs(".body a[href^='/explainers/']", "href"),
        ["/explainers/dam-spillway/"]
    );
    assert_eq!(
        site.page("/explainers/dam-spillway/").text("main h1"),
        "What is a spillway"
    );
    site.file(
        "content/events/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\nsources: [afp]\n---\nWater pours over the spillway [@afp].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/03/02/dam-breaks/");
    assert_eq!(page.texts(".body a.alias"), ["spillway"]);
}

/// A file that fails to parse is read loosely for the names of its inline
/// explainers, with the same rule: a wikilink to "spillway" is not reported as
/// unknown on top of the file's own error.
#[test]
fn a_broken_file_s_inline_explainer_subject_silences_links_to_it() {
    let site = Site::basic();
    site.bytes(
        "content/events/2024-03-01-spillway-opened.md",
        b"---\ntitle: Spillway opened\nsources: [afp]\n---\nThe gates open.\xff\n\n## What is a spillway {#dam-spillway .explainer}\n\nA channel.\n",
    )
    .file(
        "content/events/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\nsources: [afp]\n---\nSee [[spillway]].\n",
    );
    let output = site.run(&["check"]);
    let stderr = stderr(&output);
    assert!(
        stderr.contains("error: the file is not valid UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("check failed: 1 error"), "{stderr}");
    assert!(!stderr.contains("unknown wikilink"), "{stderr}");
}

#[test]
fn new_event_cuts_a_long_title_at_a_word_for_the_file_name_only() {
    let site = Site::basic();
    let title =
        "Sabzrud Dam spillway fails after weeks of heavy rain across the province, officials say";
    let output = site.run(&["new", "event", title, "--date", "2024-03-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rel = "content/events/2024/2024-03-01-sabzrud-dam-spillway-fails-after-weeks.md";
    assert_eq!(stdout(&output).trim(), rel);
    assert_eq!(
        site.read(rel).lines().nth(1),
        Some(
            "title: \"Sabzrud Dam spillway fails after weeks of heavy rain across the province, officials say\""
        )
    );
    // Long words: at most 50 characters, cut between words.
    let output = site.run(&[
        "new",
        "event",
        "Internationalization considerations overwhelmingly complicate reorganization",
        "--date",
        "2024-03-02",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        "content/events/2024/2024-03-02-internationalization-considerations-overwhelmingly.md"
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/03/01/sabzrud-dam-spillway-fails-after-weeks/")
            .text("main h1"),
        title
    );
}

#[test]
fn new_source_writes_short_name_aliases_country_and_language() {
    let site = Site::basic();
    let output = site.run(&[
        "new",
        "source",
        "irna",
        "--name",
        "Islamic Republic News Agency",
        "--short",
        "IRNA",
        "--alias",
        "Iran's state news agency",
        "--alias",
        "ایرنا",
        "--country",
        "Iran",
        "--language",
        "fa",
        "--kind",
        "news-agency",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "content/sources/irna.md");
    assert_eq!(
        site.read("content/sources/irna.md"),
        "---\nname: Islamic Republic News Agency\nshort: IRNA\nkind: news-agency\ncountry: Iran\nlanguage: fa\naliases: [Iran's state news agency, ایرنا]\n---\n\n<!-- Who they are, who owns them, how far to trust them. -->\n"
    );
    site.file(
        "content/events/2024-03-02-report.md",
        "---\ntitle: Report\n---\nThe agency reports it [@irna]. See [[ایرنا]].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/03/02/report/");
    assert_eq!(page.texts(".body a.cite"), ["IRNA"]);
    assert_eq!(
        page.attrs(".body a", "href"),
        ["/sources/irna/", "/sources/irna/"]
    );
    assert_eq!(
        page.texts(".sources-cited li a"),
        ["IRNA Islamic Republic News Agency"]
    );
    assert_eq!(
        site.page("/sources/irna/").text("main h1"),
        "Islamic Republic News Agency IRNA"
    );
}

#[test]
fn new_source_refuses_a_language_that_is_not_a_tag() {
    let site = Site::basic();
    let before = snapshot(site.root());
    for language in ["Persian", "f", "en_US", "fa-"] {
        let output = site.run(&[
            "new",
            "source",
            "irna",
            "--name",
            "IRNA",
            "--language",
            language,
        ]);
        assert_eq!(output.status.code(), Some(2), "{language}");
        assert!(
            stderr(&output).contains(&format!(
                "error: --language {language}: not a BCP 47 language tag\n  = help: write the language's code: `fa` for Persian"
            )),
            "{language}: {}",
            stderr(&output)
        );
    }
    assert_eq!(snapshot(site.root()), before);
}

/// Without a short name distinct from the name, "Sources cited" shows the name
/// once, not `Reuters Reuters`.
#[test]
fn sources_cited_shows_a_name_without_a_short_name_once() {
    let site = Site::basic();
    let output = site.run(&["new", "source", "irib", "--name", "IRIB"]);
    assert!(output.status.success(), "{}", stderr(&output));
    site.file(
        "content/events/2024-03-02-report.md",
        "---\ntitle: Report\nsources: [reuters]\n---\nState TV reports it [@irib]. So does AFP [@afp].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/03/02/report/");
    assert_eq!(
        page.texts(".sources-cited li a"),
        ["Reuters", "IRIB", "AFP Agence France-Presse"]
    );
    assert_eq!(page.count(".sources-cited li a .marker"), 1);
    assert_eq!(page.texts(".body a.cite"), ["IRIB", "AFP"]);
}

/// An editor who cites a source before writing it: `new source` writes it, and
/// says which errors it fixes, rather than refusing because of them.
#[test]
fn new_writes_a_file_that_fixes_existing_errors_and_says_so() {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\nsources: [afp]\n---\nThe dam broke [@irna].\n",
    );
    let output = site.run(&["new", "source", "irna", "--name", "IRNA"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "content/sources/irna.md\n");
    assert_eq!(
        stderr(&output),
        "note: this fixes 1 error: unknown source `irna` in content/events/2024/2024-03-02-dam-breaks.md:5:16\n"
    );
    site.build(&[]);

    // An unknown wikilink, fixed by the explainer it names.
    site.file(
        "content/events/2024/2024-03-03-more.md",
        "---\ntitle: More\nsources: [afp]\n---\nSee [[Sabzrud Dam]] and [[Sabzrud Dam|the dam]].\n",
    );
    let output = site.run(&["new", "explainer", "What is the Sabzrud Dam"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "note: this fixes 2 errors:\n  unknown wikilink `[[Sabzrud Dam]]` in content/events/2024/2024-03-03-more.md:5:5\n  unknown wikilink `[[Sabzrud Dam]]` in content/events/2024/2024-03-03-more.md:5:25\n"
    );
    site.build(&[]);
}

/// Errors the site has already are not the new file's: one that stays is not
/// blamed on it, even when its suggestions change because of the new file.
#[test]
fn new_is_not_refused_for_errors_elsewhere() {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-03-02-dam-breaks.md",
        "---\ntitle: Dam breaks\n---\nThe dam broke [@irna; @isna].\n",
    )
    .file(
        "content/events/2024/2024-03-03-later.md",
        "---\ntitle: Later\ndate: 2024-02-30\nsources: [afp]\n---\nLater.\n",
    );
    let output = site.run(&["new", "source", "irna", "--name", "IRNA"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "note: this fixes 1 error: unknown source `irna` in content/events/2024/2024-03-02-dam-breaks.md:4:16\n"
    );
    // Errors it fixes none of: written without a note.
    let output = site.run(&[
        "new",
        "event",
        "Aftermath",
        "--date",
        "2024-03-04",
        "--source",
        "afp",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    // The remaining errors are still the site's.
    let output = site.run(&["check"]);
    assert!(
        stderr(&output).contains("check failed: 2 errors"),
        "{}",
        stderr(&output)
    );
    // Errors of its own still refuse it, with the existing ones left out.
    let output = site.run(&[
        "new", "source", "isna", "--name", "ISNA", "--kind", "agency",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains(
            "error: content/sources/isna.md would not build (1 error); nothing was written"
        ),
        "{err}"
    );
    assert!(!err.contains("2024-02-30"), "{err}");
    assert!(!site.path("content/sources/isna.md").exists());
}
