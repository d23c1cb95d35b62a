//! Named pipes, devices and sockets where dateline expects files: never opened (a
//! named pipe blocks its reader), always reported with the path and what it is.

#![cfg(unix)]

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::helpers::Site;

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs `dateline <args>` on `site`, failing the test instead of hanging when it
/// does not finish within 30 seconds.
fn run_bounded(site: &Site, args: &[&str]) -> Output {
    let mut child = site
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dateline");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dateline {args:?} hung on a named pipe");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn fails_with(site: &Site, args: &[&str], location: &str, message: &str) {
    let output = run_bounded(site, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!(" --> {location}\n")), "{stderr}");
    assert!(stderr.contains(message), "expected `{message}`:\n{stderr}");
    assert!(
        stderr.contains("dateline reads only regular files"),
        "{stderr}"
    );
}

#[test]
fn errors_on_dateline_toml_that_is_a_named_pipe_instead_of_hanging() {
    let site = Site::basic();
    site.remove("dateline.toml");
    mkfifo(&site.path("dateline.toml"));
    let message = "cannot read dateline.toml: it is a named pipe (FIFO), not a regular file";
    fails_with(&site, &["build"], "dateline.toml", message);
    fails_with(&site, &["check"], "dateline.toml", message);
    let output = run_bounded(&site, &["new", "source", "ap", "--name", "AP"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(message), "{stderr}");
}

#[test]
fn errors_on_a_content_file_that_is_a_named_pipe() {
    let site = Site::basic();
    mkfifo(&site.path("content/events/2024/2024-01-05-pipe.md"));
    fails_with(
        &site,
        &["build"],
        "content/events/2024/2024-01-05-pipe.md",
        "error: cannot read: it is a named pipe (FIFO), not a regular file",
    );
    // `new` lists the site's files and reads them to check the new one against
    // them: the pipe is left out, not waited on.
    let output = run_bounded(&site, &["new", "source", "ap", "--name", "AP"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn warns_about_a_named_pipe_with_another_name_in_content() {
    let site = Site::basic();
    mkfifo(&site.path("content/events/notes.txt"));
    let output = run_bounded(&site, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: skipped: it is a named pipe (FIFO), not a regular file\n --> content/events/notes.txt"
        ),
        "{stderr}"
    );
}

#[test]
fn errors_on_templates_and_static_files_that_are_named_pipes() {
    let site = Site::basic();
    mkfifo(&site.path("templates/event.html"));
    fails_with(
        &site,
        &["build"],
        "templates/event.html",
        "cannot read template: it is a named pipe (FIFO), not a regular file",
    );
    let site = Site::basic();
    mkfifo(&site.path("static/feed.xml"));
    fails_with(
        &site,
        &["check"],
        "static/feed.xml",
        "cannot publish: it is a named pipe (FIFO), not a regular file",
    );
}

#[test]
fn errors_on_a_content_file_that_is_a_link_to_a_device() {
    let site = Site::basic();
    let path = site.path("content/sources/zero.md");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let output = run_bounded(&site, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/sources/zero.md"), "{stderr}");
}
