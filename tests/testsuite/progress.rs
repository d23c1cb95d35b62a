//! The progress line of `build` and `check`: drawn on a terminal once the work has
//! taken about a second, never into a pipe, and gone before the summary line.
//!
//! A build is made to take that long by holding the lock a running build holds on
//! the output's parent folder (here the site folder) for a while.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::helpers::{Site, stdout};

/// How long the lock is held: longer than the line's one-second delay.
const HELD: Duration = Duration::from_millis(1800);

/// Runs `command` while another "build" holds the output for [`HELD`].
#[cfg(unix)]
fn run_while_locked(site: &Site, mut command: Command) -> Output {
    let held = std::fs::File::open(site.root()).unwrap();
    held.lock().unwrap();
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(HELD);
    held.unlock().unwrap();
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_slow_build_into_a_pipe_prints_no_progress_line() {
    let site = Site::basic();
    let output = run_while_locked(&site, site.command(&["build"]));
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    // The note, and nothing a terminal would draw: no escape, no carriage return.
    assert_eq!(
        stderr,
        format!(
            "note: waiting for another build into {} to finish\n",
            site.path("public")
                .canonicalize()
                .unwrap_or(site.path("public"))
                .display()
        )
    );
    assert!(!stderr.contains(['\x1b', '\r']), "{stderr:?}");
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("Built 3 events, 2 sources, 1 explainer: "),
        "{out}"
    );
    assert!(!out.contains(['\x1b', '\r']), "{out:?}");
}

#[test]
fn check_and_a_failed_build_into_a_pipe_print_no_progress_line() {
    let site = Site::basic();
    let output = site.run(&["check"]);
    assert!(output.status.success());
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    site.file(
        "content/events/2024-02-01-bad.md",
        "---\ntitle: Bad\ndate: 2024-02-30\n---\n",
    );
    for command in ["build", "check"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with("error: "), "{stderr:?}");
        assert!(!stderr.contains(['\x1b', '\r']), "{stderr:?}");
    }
}

/// `script` (util-linux) runs the build on a pseudo-terminal, as a person would.
#[cfg(target_os = "linux")]
#[test]
fn a_slow_build_on_a_terminal_shows_its_stage_then_only_the_summary() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("note: skipped: `script` (util-linux) is not installed");
        return;
    }
    let site = Site::basic();
    let line = format!(
        "'{}' build --root '{}'",
        env!("CARGO_BIN_EXE_dateline"),
        site.root().display()
    );
    let mut command = Command::new("script");
    command
        .args(["-qec", &line, "/dev/null"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    let output = run_while_locked(&site, command);
    assert!(output.status.success(), "{output:?}");
    // stdout and stderr share the terminal.
    let screen = String::from_utf8(output.stdout).unwrap();
    assert!(
        screen.contains("waiting for another build to finish"),
        "the stage is shown while the build waits: {screen:?}"
    );
    assert!(screen.contains('\x1b'), "{screen:?}");
    // The line is cleared, and the summary is the last thing on the screen.
    let (before, summary) = screen
        .rsplit_once("Built 3 events, 2 sources, 1 explainer: ")
        .unwrap_or_else(|| panic!("no summary: {screen:?}"));
    assert!(
        before.ends_with("\x1b[2K"),
        "the line is cleared first: {before:?}"
    );
    assert!(summary.ends_with(" ms\r\n"), "{summary:?}");
    assert!(!summary.contains('\x1b'), "{summary:?}");
}

/// A quick build shows no line even on a terminal: only its summary.
#[cfg(target_os = "linux")]
#[test]
fn a_quick_build_on_a_terminal_shows_only_the_summary() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("note: skipped: `script` (util-linux) is not installed");
        return;
    }
    let site = Site::basic();
    let line = format!(
        "'{}' build --root '{}'",
        env!("CARGO_BIN_EXE_dateline"),
        site.root().display()
    );
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let screen = String::from_utf8(output.stdout).unwrap();
    assert!(
        screen.starts_with("Built 3 events, 2 sources, 1 explainer: ")
            && screen.ends_with(" ms\r\n"),
        "{screen:?}"
    );
    assert_eq!(screen.lines().count(), 1, "{screen:?}");
}
