//! `--output` and `output_dir` can never replace a folder dateline did not write.

use std::path::Path;

use crate::helpers::{Site, snapshot};

/// Builds into `output` and expects a refusal that leaves everything under `watch`
/// as it was.
fn refuses(site: &Site, output: &Path, watch: &Path, message: &str) {
    let before = snapshot(watch);
    let result = site.run(&["build", "--output", output.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(
        result.status.code(),
        Some(1),
        "{}: {stderr}",
        output.display()
    );
    assert!(stderr.contains(message), "{}: {stderr}", output.display());
    assert_eq!(snapshot(watch), before, "{} changed", output.display());
}

#[test]
fn refuses_the_site_and_its_source_folders() {
    let site = Site::basic();
    site.file(
        "templates/base.html",
        "{% block content %}{% endblock content %}",
    )
    .file("static/logo.svg", "<svg/>");
    let root = site.root();
    refuses(&site, root, root, "it would replace the site folder");
    for folder in ["content", "templates", "static"] {
        refuses(
            &site,
            &root.join(folder),
            root,
            &format!("it would replace {folder}/"),
        );
    }
    refuses(
        &site,
        &root.join("content/events"),
        root,
        "it is inside content/",
    );
    refuses(
        &site,
        &root.join("static/x/../"),
        root,
        "it would replace static/",
    );
}

#[test]
fn refuses_any_folder_above_the_site_like_a_home_folder() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("thesis.txt"), "years of work").unwrap();
    let site_dir = home.path().join("sites/kerman");
    let site = Site::basic();
    copy_dir(site.root(), &site_dir);
    let output = crate::helpers::dateline()
        .args(["build", "--root"])
        .arg(&site_dir)
        .args(["--output", "~"])
        .env("HOME", home.path())
        .current_dir(&site_dir)
        .output()
        .unwrap();
    // A literal `~` is a folder named `~` inside the current folder: allowed.
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::remove_dir_all(site_dir.join("~")).unwrap();

    let before = snapshot(home.path());
    for ancestor in [
        home.path().to_owned(),
        home.path().join("sites"),
        "/".into(),
    ] {
        let output = crate::helpers::dateline()
            .args(["build", "--root"])
            .arg(&site_dir)
            .arg("--output")
            .arg(&ancestor)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("it would replace the site folder"),
            "{stderr}"
        );
    }
    assert_eq!(snapshot(home.path()), before);
}

#[test]
fn refuses_a_folder_without_the_marker_and_a_file() {
    let site = Site::basic();
    site.file("drafts/notes.md", "keep me");
    refuses(
        &site,
        &site.path("drafts"),
        site.root(),
        "not written by dateline and is not empty",
    );
    site.file("out.html", "a file");
    refuses(&site, &site.path("out.html"), site.root(), "it is a file");
}

#[cfg(unix)]
#[test]
fn sees_through_a_link_to_the_site() {
    let site = Site::basic();
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("out");
    std::os::unix::fs::symlink(site.root(), &link).unwrap();
    refuses(
        &site,
        &link,
        site.root(),
        "it would replace the site folder",
    );
}

#[test]
fn replaces_its_own_output_and_fills_an_empty_folder() {
    let site = Site::basic();
    std::fs::create_dir(site.path("empty")).unwrap();
    site.build(&["--output", site.path("empty").to_str().unwrap()]);
    assert!(site.path("empty/index.html").is_file());
    assert!(site.path("empty/.dateline-output").is_file());
    site.build(&["--output", site.path("empty").to_str().unwrap()]);
}

#[test]
fn output_dir_in_the_config_is_guarded_too() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\noutput_dir = \"content\"\n",
    );
    let before = snapshot(site.root());
    let output = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("check `output_dir` in dateline.toml"),
        "{stderr}"
    );
    assert_eq!(snapshot(site.root()), before);
}

fn copy_dir(from: &Path, to: &Path) {
    for file in crate::helpers::walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}
