//! How problems are reported, whatever the input (each kind of bad input is tested in
//! `bad_input.rs`): file, line, column, the source line and a suggestion; every error
//! of a run numbered and counted, without follow-on errors from a broken file; exit
//! codes; colour.

use crate::helpers::Site;

#[test]
fn errors_on_unknown_source_with_suggestion_and_position() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-typo.md",
        "---\ntitle: Typo\nsources: [afp, reuter]\n---\nx\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: unknown source `reuter`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/events/2024-02-01-typo.md:3:16"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `reuters`?"), "{stderr}");
    assert!(stderr.contains("3 | sources: [afp, reuter]"), "{stderr}");
}

#[test]
fn reports_every_error_in_one_run() {
    let site = Site::basic();
    site.file(
        "content/events/a.md",
        "---\ntitle: A\ndate: 2024-02-30\n---\n",
    )
    .file(
        "content/events/b.md",
        "---\ntitle: B\ndate: 2024-01-01\nplase: Kerman\n---\n",
    )
    .file(
        "content/events/c.md",
        "---\ntitle: C\ndate: 2024-01-01\ntimezone: Asia/Teheran\n---\n",
    )
    .file(
        "content/explainers/d.md",
        "---\ntitle: D\nkind: persn\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("content/events/a.md:3:7"), "{stderr}");
    assert!(stderr.contains("February 2024 has 29 days"), "{stderr}");
    assert!(stderr.contains("content/events/b.md:4:1"), "{stderr}");
    assert!(stderr.contains("did you mean `place`?"), "{stderr}");
    assert!(stderr.contains("content/events/c.md:4:11"), "{stderr}");
    assert!(stderr.contains("did you mean `Asia/Tehran`?"), "{stderr}");
    assert!(stderr.contains("content/explainers/d.md:3:7"), "{stderr}");
    assert!(
        stderr.contains("[1/4]") && stderr.contains("[4/4]"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 4 errors"), "{stderr}");
}

#[test]
fn does_not_repeat_errors_for_references_to_a_broken_file() {
    let site = Site::basic();
    site.file("content/sources/reuters.md", "---\nnme: Reuters\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/sources/reuters.md:2:1"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown source `reuters`"), "{stderr}");
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
}

/// One stray byte in each kind of file, referred to in every way a file can be:
/// ids in front matter, citations, `source:`/`explainer:`/`event:` links, and
/// wikilinks by id, name, short name, title, subject and alias. Each break is one
/// error, the file's own, with the stray byte's place.
#[test]
fn a_stray_byte_is_one_error_without_follow_ons() {
    let body = "A [[Soleimani]] and [[AFP]] and [[Agence France-Presse]] and [[afp]] note [@afp].\n\n\
        See [the agency](source:afp), [him](explainer:qasem-soleimani), \
        [[Who is Qasem Soleimani]], [[Qasem Soleimani]], \
        [the strike](event:2020-01-03-soleimani-killed), [[Soleimani killed]], \
        [the force](explainer:quds-force), [[quds-force]] and [[What is the Quds Force]].\n";
    let breaks: [(&str, &[u8]); 3] = [
        (
            "content/sources/afp.md",
            b"---\nname: Agence France-Presse\n\xffshort: AFP\n---\nAgency.\n",
        ),
        (
            "content/explainers/qasem-soleimani.md",
            b"---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\naliases: [Soleimani]\nkind: persn\n---\nHe led the Quds Force.\n",
        ),
        (
            "content/events/2020-01-03-soleimani-killed.md",
            b"---\ntitle: Soleimani killed\nsources: [afp]\n---\nA strike.\n\n## What is the Quds Force {#quds-force .explainer}\n\nA unit.\n\x00\xff\n",
        ),
    ];
    let expected = [
        "error: the file is not valid UTF-8\n --> content/sources/afp.md:3:1\n",
        "content/explainers/qasem-soleimani.md:5:7\n",
        "error: the file is not valid UTF-8\n  --> content/events/2020-01-03-soleimani-killed.md:10:2\n",
    ];
    for ((path, bytes), expected) in breaks.iter().zip(expected) {
        let site = Site::basic();
        site.file(
            "content/events/2024-02-01-refers.md",
            &format!("---\ntitle: Refers\nsources: [afp, reuters]\nexplainers: [qasem-soleimani, quds-force]\n---\n{body}"),
        );
        site.file("content/events/2020-01-03-soleimani-killed.md", "---\ntitle: Soleimani killed\nsources: [afp]\n---\nA strike.\n\n## What is the Quds Force {#quds-force .explainer}\n\nA unit.\n");
        site.bytes(path, bytes);
        let stderr = site.run(&["check"]);
        let stderr = String::from_utf8_lossy(&stderr.stderr);
        assert!(stderr.contains(expected), "{path}: {stderr}");
        assert!(stderr.contains("check failed: 1 error"), "{path}: {stderr}");
        assert!(!stderr.contains("[1/"), "{path}: {stderr}");
    }
}

#[test]
fn a_config_error_is_reported_alone() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "timezone = \"Asia/Tehran\"\norder = \"sideways\"\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("dateline.toml:2:1") && stderr.contains("unknown order `sideways`"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
}

/// An unknown flag, a missing `--root` or a bad `--base-url`: exit 2, nothing created.
#[test]
fn usage_errors_exit_with_code_2() {
    let site = Site::basic();
    let output = site.run(&["build", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let missing = crate::helpers::dateline()
        .args(["build", "--root", site.path("nope").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
    assert!(!site.path("nope").exists());
    for bad in ["https://x.io?q=1", "//evil.com/x", "example.com"] {
        let output = site.run(&["build", "--base-url", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
    }
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let site = Site::basic();
    site.file("content/events/2024-02-01-x.md", "---\ntitle: [a]\n---\n");
    // Like `dateline build 2>&1 | head -0`: nobody reads what it prints.
    let unread = |args: &[&str]| {
        let mut child = site
            .command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        child.wait().unwrap().code()
    };
    assert_eq!(unread(&["build"]), Some(1));
    // And a successful run whose summary line goes nowhere.
    site.remove("content/events/2024-02-01-x.md");
    assert_eq!(unread(&["check"]), Some(0));
}

#[test]
fn colour_only_when_asked_for_and_never_with_no_color() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-x.md",
        "---\ntitle: X\nsources: [reuter]\n---\n",
    );
    let run = |vars: &[(&str, &str)]| {
        let mut command = site.command(&["build"]);
        // Whatever the environment running the tests sets.
        command.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in vars {
            command.env(k, v);
        }
        String::from_utf8_lossy(&command.output().unwrap().stderr).into_owned()
    };
    // stderr is a pipe here, not a terminal.
    assert!(!run(&[]).contains('\x1b'));
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b["), "{forced:?}");
    assert!(forced.contains("unknown source `reuter`"));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
}
