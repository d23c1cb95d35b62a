//! The flags every command takes: `--quiet`, `--verbose` and `--color`, before or
//! after the command's name.

use std::process::Output;

use crate::helpers::{Site, dateline};

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A site that builds with one warning (an unused source) for `check`.
fn warned() -> Site {
    let site = Site::basic();
    site.file(
        "content/sources/irna.md",
        "---\nname: IRNA\nkind: news-agency\n---\nIran's state news agency.\n",
    );
    site
}

/// A site with one error: an event citing a source that does not exist.
fn broken() -> Site {
    let site = Site::basic();
    site.file(
        "content/events/2024/2024-01-05-bad.md",
        "---\ntitle: Bad\nsources: [nobody]\n---\nText.\n",
    );
    site
}

#[test]
fn quiet_prints_errors_only() {
    let site = warned();
    let normal = site.run(&["check"]);
    assert!(normal.status.success());
    assert!(err(&normal).contains("warning:"), "{}", err(&normal));
    assert!(
        out(&normal).starts_with("Checked 3 events"),
        "{}",
        out(&normal)
    );

    for args in [["--quiet", "check"], ["check", "-q"]] {
        let quiet = site.run(&args);
        assert!(quiet.status.success(), "{args:?}");
        assert_eq!(out(&quiet), "", "{args:?}");
        assert_eq!(err(&quiet), "", "{args:?}");
    }
    let quiet = site.run(&["-q", "build"]);
    assert!(quiet.status.success());
    assert_eq!(out(&quiet), "");
    assert_eq!(err(&quiet), "");
    assert!(site.path("public/index.html").is_file());

    // Errors are still reported, numbered among themselves, and the exit code is
    // the same.
    let site = broken();
    site.file(
        "content/sources/irna.md",
        "---\nname: IRNA\nkind: news-agency\n---\nUnused.\n",
    );
    let quiet = site.run(&["check", "--quiet"]);
    assert_eq!(quiet.status.code(), Some(1));
    let text = err(&quiet);
    assert!(text.starts_with("error"), "{text}");
    assert!(text.contains("`nobody`"), "{text}");
    assert!(!text.contains("warning"), "{text}");
    assert!(text.contains("error: check failed: 1 error"), "{text}");
    assert_eq!(out(&quiet), "");

    // Quiet and verbose together make no sense.
    let both = site.run(&["check", "-q", "-v"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(err(&both).contains("cannot be used with"), "{}", err(&both));
}

#[test]
fn quiet_keeps_what_a_command_makes() {
    // `new` prints the path of the file it wrote: that is its result, not a message.
    let site = Site::basic();
    let made = site.run(&[
        "new",
        "event",
        "Talks resume",
        "--date",
        "2024-02-01",
        "--source",
        "afp",
        "-q",
    ]);
    assert!(made.status.success(), "{}", err(&made));
    assert_eq!(
        out(&made),
        "content/events/2024/2024-02-01-talks-resume.md\n"
    );
    // So does a completion script.
    let script = dateline()
        .args(["completions", "bash", "--quiet"])
        .output()
        .unwrap();
    assert!(script.status.success());
    assert!(out(&script).contains("complete -F _dateline"));
    // init says nothing, and writes everything.
    let tmp = tempfile::tempdir().unwrap();
    let init = dateline()
        .args(["--quiet", "init", "site"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    assert_eq!(out(&init), "");
    assert!(tmp.path().join("site/dateline.toml").is_file());
    assert!(
        tmp.path()
            .join("site/.github/workflows/pages.yml")
            .is_file()
    );
}

#[test]
fn verbose_prints_the_settings_and_the_time_of_each_stage() {
    let site = Site::basic();
    let built = site.run(&["build", "--verbose", "--base-url", "https://example.org/t/"]);
    assert!(built.status.success(), "{}", err(&built));
    let text = err(&built);
    let root = site.root().display().to_string();
    assert!(
        text.contains(&format!(
            "note: site {root}, configuration {root}/dateline.toml\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "note: base URL https://example.org/t/, output {root}/public\n"
        )),
        "{text}"
    );
    let stdout = out(&built);
    assert!(stdout.contains("Timings:\n  load "), "{stdout}");
    assert!(stdout.contains("\n  render "), "{stdout}");

    let checked = site.run(&["-v", "check", "--drafts"]);
    assert!(checked.status.success());
    assert!(
        err(&checked).contains(&format!("output {root}/public, drafts included\n")),
        "{}",
        err(&checked)
    );
    assert!(
        out(&checked).contains("Timings:\n  load "),
        "{}",
        out(&checked)
    );

    // Without it, neither.
    let plain = site.run(&["build"]);
    assert!(!err(&plain).contains("note:"));
    assert!(!out(&plain).contains("Timings"));
}

#[test]
fn color_always_and_never_override_the_terminal_and_no_color() {
    let site = broken();
    // stderr is a pipe here: no colour by default …
    let plain = site.run(&["check"]);
    assert!(!err(&plain).contains('\u{1b}'), "{}", err(&plain));
    // … colour when asked, even with NO_COLOR set: the flag is the later word.
    let forced = site
        .command(&["check", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(1));
    assert!(err(&forced).contains("\u{1b}["), "{}", err(&forced));
    // `never` wins over CLICOLOR_FORCE.
    let never = site
        .command(&["--color=never", "check"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!err(&never).contains('\u{1b}'), "{}", err(&never));
    // `auto` follows CLICOLOR_FORCE, and NO_COLOR beats it.
    let auto = site
        .command(&["check"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(err(&auto).contains("\u{1b}["), "{}", err(&auto));
    let off = site
        .command(&["check"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!err(&off).contains('\u{1b}'), "{}", err(&off));

    // The command line's own errors follow the flag too.
    let usage = dateline()
        .args(["--color", "always", "build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(err(&usage).contains("\u{1b}["), "{}", err(&usage));
    let usage = dateline()
        .args(["--color", "never", "build", "--no-such-flag"])
        .output()
        .unwrap();
    assert!(!err(&usage).contains('\u{1b}'), "{}", err(&usage));

    let bad = dateline()
        .args(["--color", "sometimes", "check"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        err(&bad).contains("[possible values: auto, always, never]"),
        "{}",
        err(&bad)
    );
}

#[test]
fn serve_follows_verbose_too() {
    let site = Site::basic();
    let server = crate::server::Server::start(&site, &["--verbose"]);
    let root = site.root().display().to_string();
    server.wait_for(
        || server.stdout().contains("Timings:\n  load "),
        "the timings",
    );
    assert!(
        server.stderr().contains(&format!(
            "note: site {root}, configuration {root}/dateline.toml\n"
        )),
        "{}",
        server.stderr()
    );
}

#[test]
fn serve_quiet_prints_its_address_and_then_only_errors() {
    let site = Site::basic();
    let command = site.command(&["serve", "--port", "0", "--quiet"]);
    let server = crate::server::Server::spawn_until(command, "Serving");
    let mut events = server.events();
    let first = events.next_state()["build"].as_str().unwrap().to_owned();
    // A rebuild: served, not announced.
    let event = "content/events/2024/2024-01-04-mourning.md";
    site.file(
        event,
        &site.read(event).replace("Day of mourning", "Mourning"),
    );
    let rebuilt = events.state_where(|s| s["build"] != first.as_str());
    assert!(rebuilt["errors"].is_null());
    // A broken file: the error is reported.
    site.file(
        event,
        "---\ntitle: Mourning\nsources: [nobody]\n---\nText.\n",
    );
    server.wait_for(
        || server.stderr().contains("error: build failed"),
        "the error",
    );
    let stdout = server.stdout();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("Serving Test timeline at http://127.0.0.1:"),
        "{stdout}"
    );
}

/// Runs `dateline serve` with `args` until it prints its address, then until
/// `until` holds on what it wrote to stderr (or 300 ms, for what must not come);
/// returns stderr.
fn serve_stderr(site: &Site, args: &[&str], until: Option<&str>) -> String {
    use std::io::{BufRead as _, Read as _};
    let mut command = site.command(&[&["serve", "--port", "0"], args].concat());
    command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("Serving") {
        line.clear();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "serve ended early"
        );
    }
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut text = String::new();
    match until {
        Some(wanted) => {
            while !text.contains(wanted) {
                assert!(stderr.read_line(&mut text).unwrap() > 0, "{text}");
            }
            let _ = child.kill();
        }
        None => {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let _ = child.kill();
            stderr.read_to_string(&mut text).unwrap();
        }
    }
    let _ = child.wait();
    text
}

#[test]
fn serve_quiet_leaves_out_its_warnings() {
    // Listening on every interface is worth a warning …
    let site = Site::basic();
    let warning = "warning: listening on 0.0.0.0";
    let loud = serve_stderr(&site, &["--bind", "0.0.0.0"], Some(warning));
    assert!(loud.contains(warning), "{loud}");
    // … which --quiet leaves out; it is written right after the address.
    let quiet = serve_stderr(&site, &["--bind", "0.0.0.0", "--quiet"], None);
    assert_eq!(quiet, "");
}

#[test]
fn quiet_still_shows_the_warnings_that_fail_a_strict_check() {
    let site = warned();
    let strict = site.run(&["check", "--strict", "--quiet"]);
    assert_eq!(strict.status.code(), Some(1));
    let text = err(&strict);
    assert!(text.starts_with("warning"), "{text}");
    assert!(text.contains("content/sources/irna.md"), "{text}");
    assert!(
        text.contains("error: check failed: --strict turns warnings into errors"),
        "{text}"
    );
}
