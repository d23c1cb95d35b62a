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
        "it holds `notes.md`, which dateline did not write",
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

#[test]
fn a_site_copied_into_a_deploy_checkout_does_not_make_it_ours() {
    let site = Site::basic();
    site.build(&[]);
    // `cp -r public/. deploy/` into a git checkout holding the editor's notes.
    let deploy = tempfile::tempdir().unwrap();
    copy_dir(&site.path("public"), deploy.path());
    std::fs::create_dir_all(deploy.path().join(".git/refs")).unwrap();
    std::fs::write(deploy.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(deploy.path().join("NOTES.md"), "call the desk").unwrap();
    let target = deploy.path().to_str().unwrap();
    refuses(
        &site,
        deploy.path(),
        deploy.path(),
        &format!(
            "refusing to replace {}: it holds `NOTES.md`, which dateline did not write",
            deploy.path().canonicalize().unwrap().display()
        ),
    );
    let stderr = site.build_fails(&["--output", target]);
    assert!(stderr.contains("pass --force"), "{stderr}");

    site.build(&["--output", target, "--force"]);
    assert!(!deploy.path().join("NOTES.md").exists());
    assert_eq!(
        std::fs::read_to_string(deploy.path().join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n",
        "a .git is never deleted"
    );
    assert!(deploy.path().join(".git/refs").is_dir());
    assert!(deploy.path().join("index.html").is_file());
    // From then on the folder is the build's own, its .git carried over each time.
    site.build(&["--output", target]);
    assert!(deploy.path().join(".git/HEAD").is_file());
}

#[test]
fn a_marker_from_an_earlier_version_is_not_trusted() {
    let site = Site::basic();
    site.file(
        "public/.dateline-output",
        "This folder is generated by `dateline build` and replaced on every build.\n",
    )
    .file("public/NOTES.md", "mine");
    refuses(
        &site,
        &site.path("public"),
        site.root(),
        "its `.dateline-output` does not list the files a build wrote",
    );
}

#[test]
fn concurrent_builds_all_succeed_and_leave_one_whole_site() {
    let site = Site::basic();
    // Each build publishes under its own base path, so a mix of two would show.
    let builds: Vec<std::process::Child> = (0..4)
        .map(|n| {
            site.command(&["build", "--base-url", &format!("/build-{n}/")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for build in builds {
        let output = build.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let marker = site.read("public/.dateline-output");
    assert!(marker.ends_with("\n# end\n"), "{marker}");
    assert!(marker.contains("\nindex.html\n"), "{marker}");
    let base = |page: &str| {
        let html = site.read(page);
        let at = html.find("/build-").expect("a base path") + "/build-".len();
        html[at..at + 1].to_owned()
    };
    let home = base("public/index.html");
    for page in [
        "public/404.html",
        "public/sources/afp/index.html",
        "public/2024/01/03/kerman-explosions/index.html",
    ] {
        assert_eq!(
            base(page),
            home,
            "{page} is from another build than the home page"
        );
    }
    site.build(&[]);
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["content", "dateline.toml", "public"],
        "no leftovers"
    );
}

#[cfg(unix)]
#[test]
fn a_build_waits_while_another_holds_the_output() {
    use std::io::BufRead;
    let site = Site::basic();
    // What a running build holds: a lock on the output's parent folder.
    let held = std::fs::File::open(site.root()).unwrap();
    held.lock().unwrap();
    let mut build = site
        .command(&["build"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(build.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("note: ") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no note before the end"
        );
    }
    assert_eq!(
        line,
        format!(
            "note: waiting for another build into {} to finish\n",
            site.path("public")
                .canonicalize()
                .unwrap_or(site.path("public"))
                .display()
        )
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(build.try_wait().unwrap().is_none(), "still waiting");
    assert!(!site.path("public").exists());
    held.unlock().unwrap();
    assert!(build.wait().unwrap().success());
    assert!(site.path("public/index.html").is_file());
}

#[test]
fn a_failed_build_first_restores_a_site_an_interrupted_build_set_aside() {
    let site = Site::basic();
    site.build(&[]);
    let before = crate::helpers::snapshot(&site.path("public"));
    // A build killed after moving the old site aside, before moving the new one in.
    std::fs::rename(
        site.path("public"),
        site.path(".public.dateline-old-4242-1"),
    )
    .unwrap();
    site.file(
        "content/events/2024/2024-01-05-broken.md",
        "---\ntitle: [\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(crate::helpers::snapshot(&site.path("public")), before);
    assert!(!site.path(".public.dateline-old-4242-1").exists());
}

fn copy_dir(from: &Path, to: &Path) {
    for file in crate::helpers::walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}
