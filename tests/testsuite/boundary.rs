//! The site's boundary: links leading outside the site folder are errors unless
//! listed, and hidden files under `static/` are never published unless listed, for
//! every command that reads or writes the site.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::helpers::Site;
use crate::server::Server;

/// A home folder with a private key and a photo.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".ssh")).unwrap();
    std::fs::write(home.path().join(".ssh/id_ed25519"), "PRIVATE KEY").unwrap();
    std::fs::write(home.path().join("photo.jpg"), "JPEG").unwrap();
    home
}

fn outside_error(folder: &str, target: &Path) -> String {
    format!(
        "error: symbolic link points outside the site, to {}\n --> {folder}",
        target.canonicalize().unwrap().display()
    )
}

#[test]
fn a_static_folder_linked_to_a_home_folder_is_refused_by_every_command() {
    let site = Site::basic();
    let home = home();
    symlink(home.path(), site.path("static")).unwrap();
    let expected = outside_error("static", home.path());

    let stderr = site.build_fails(&[]);
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(
        stderr.contains("= help: copy the files into the site instead; if the link is meant, list it in dateline.toml: follow_links_outside = [\"static\"]"),
        "{stderr}"
    );
    assert!(!site.path("public").exists());

    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains(&expected));

    let server = Server::start(&site, &[]);
    let key = server.get("/.ssh/id_ed25519");
    assert_eq!(key.status, 503, "the site never builds");
    assert!(!key.body.contains("PRIVATE KEY"));
    drop(server);

    // Even listed as meant, the home folder's hidden files stay private.
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"static\"]\n",
    );
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/photo.jpg").status, 200);
    let key = server.get("/.ssh/id_ed25519");
    assert_eq!(key.status, 404);
    assert!(!key.body.contains("PRIVATE KEY"));
}

#[test]
fn content_and_templates_linked_outside_are_refused() {
    for folder in ["content", "templates"] {
        let site = Site::basic();
        let elsewhere = tempfile::tempdir().unwrap();
        if folder == "content" {
            std::fs::rename(site.path("content"), elsewhere.path().join("content")).unwrap();
            symlink(elsewhere.path().join("content"), site.path("content")).unwrap();
        } else {
            std::fs::write(
                elsewhere.path().join("base.html"),
                "{% block content %}{% endblock content %}",
            )
            .unwrap();
            symlink(elsewhere.path(), site.path("templates")).unwrap();
        }
        let target = if folder == "content" {
            elsewhere.path().join("content")
        } else {
            elsewhere.path().to_owned()
        };
        let stderr = site.build_fails(&[]);
        assert!(
            stderr.contains(&outside_error(folder, &target)),
            "{folder}: {stderr}"
        );

        // Listed, the link is meant: the site builds from it.
        site.file(
            "dateline.toml",
            &format!(
                "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"{folder}\"]\n"
            ),
        );
        site.build(&[]);
    }
}

#[test]
fn a_link_inside_static_is_followed_only_inside_the_site_or_when_listed() {
    let site = Site::basic();
    let home = home();
    std::fs::create_dir_all(site.path("static/img")).unwrap();
    std::fs::write(site.path("static/img/logo.svg"), "<svg/>").unwrap();
    symlink(site.path("static/img"), site.path("static/images")).unwrap();
    symlink(home.path(), site.path("static/photos")).unwrap();
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(&outside_error("static/photos", home.path())),
        "{stderr}"
    );
    assert!(
        !stderr.contains("static/images"),
        "a link inside the site is fine: {stderr}"
    );

    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"static/photos\"]\n",
    );
    let output = site.build(&[]);
    assert_eq!(site.read("public/photos/photo.jpg"), "JPEG");
    assert_eq!(site.read("public/images/logo.svg"), "<svg/>");
    // Listed or not, a hidden folder is not published.
    assert!(!site.path("public/photos/.ssh").exists());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: not published: hidden files and folders under static/ stay private\n --> static/photos/.ssh"),
        "{stderr}"
    );
}

#[test]
fn hidden_static_files_are_published_only_when_listed() {
    let site = Site::basic();
    site.file("static/.env", "SECRET=1")
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:desk@example.org",
        )
        .file("static/.htaccess", "Options -Indexes")
        .file("static/docs/.notes", "draft")
        .file("static/.DS_Store", "junk")
        .file("static/.git/config", "[core]");
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(site.path("public/.well-known/security.txt").is_file());
    for private in [".env", ".htaccess", "docs/.notes", ".DS_Store", ".git"] {
        assert!(
            !site.path(&format!("public/{private}")).exists(),
            "{private}"
        );
    }
    for warned in [".env", ".htaccess", "docs/.notes"] {
        assert!(
            stderr.contains(&format!(" --> static/{warned}\n")),
            "{warned}: {stderr}"
        );
    }
    assert!(
        stderr.contains(
            "= help: to publish it, list it in dateline.toml: publish_hidden = [\".htaccess\"]"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains(".DS_Store") && !stderr.contains(".git"),
        "{stderr}"
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "a hidden file left out is a warning"
    );

    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\npublish_hidden = [\".htaccess\", \"docs/.notes\"]\n",
    );
    site.build(&[]);
    assert_eq!(site.read("public/.htaccess"), "Options -Indexes");
    assert_eq!(site.read("public/docs/.notes"), "draft");
    assert!(!site.path("public/.env").exists());
}

#[test]
fn new_does_not_write_through_a_link_leading_outside() {
    let site = Site::basic();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(site.path("content/sources")).unwrap();
    symlink(elsewhere.path(), site.path("content/sources")).unwrap();
    let output = site.run(&["new", "source", "irna", "--name", "IRNA"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: refusing to write here: this folder is a symbolic link to {}, outside the site\n --> content/sources",
            elsewhere.path().canonicalize().unwrap().display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn paths_in_the_boundary_settings_stay_inside_the_site() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"T\"\nfollow_links_outside = [\"../elsewhere\"]\npublish_hidden = [\"/etc\"]\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: `../elsewhere` is not a path inside the site\n --> dateline.toml:2:1"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: `/etc` is not a path inside the site\n --> dateline.toml:3:1"),
        "{stderr}"
    );
}

#[test]
fn one_listed_link_does_not_open_the_boundary_for_the_others() {
    let site = Site::basic();
    let home = home();
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink(home.path(), site.path("static/photos")).unwrap();
    symlink(home.path().join(".ssh"), site.path("static/keys")).unwrap();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"static/photos\"]\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(&outside_error("static/keys", &home.path().join(".ssh"))),
        "{stderr}"
    );
    assert!(!stderr.contains("--> static/photos\n"), "{stderr}");
}

#[test]
fn links_to_the_private_parts_of_the_site_are_refused() {
    let site = Site::basic();
    site.file(".env", "SECRET=1")
        .file("static/logo.svg", "<svg/>");
    site.build(&[]);
    for (link, target, says) in [
        (
            "static/site",
            "..",
            "symbolic link leads to the site folder itself",
        ),
        (
            "static/env",
            "../.env",
            "symbolic link leads to `.env`, which is hidden",
        ),
        (
            "static/settings.toml",
            "../dateline.toml",
            "symbolic link leads to `dateline.toml`",
        ),
        (
            "static/raw",
            "../content",
            "symbolic link leads to `content`, the site's content, drafts included",
        ),
        (
            "static/mirror",
            "../public",
            "symbolic link leads to `public`, the output of a build",
        ),
    ] {
        symlink(target, site.path(link)).unwrap();
        let stderr = site.build_fails(&[]);
        assert!(
            stderr.contains(&format!("error: {says}\n --> {link}\n")),
            "{link}: {stderr}"
        );
        assert!(
            stderr.contains("= help: link only to files meant for readers"),
            "{link}: {stderr}"
        );
        std::fs::remove_file(site.path(link)).unwrap();
    }
    // A link to a place in the site meant for readers is fine.
    std::fs::create_dir(site.path("images")).unwrap();
    std::fs::write(site.path("images/map.svg"), "<svg/>").unwrap();
    symlink("../images", site.path("static/images")).unwrap();
    site.build(&[]);
    assert_eq!(site.read("public/images/map.svg"), "<svg/>");
}

#[test]
fn a_listed_file_inside_a_hidden_folder_is_published_alone() {
    let site = Site::basic();
    site.file("static/.config/site.json", "{}")
        .file("static/.config/secret.json", "{\"token\": 1}")
        .file(
            "dateline.toml",
            "title = \"T\"\ntimezone = \"Asia/Tehran\"\npublish_hidden = [\".config/site.json\"]\n",
        );
    let output = site.build(&[]);
    assert_eq!(site.read("public/.config/site.json"), "{}");
    assert!(!site.path("public/.config/secret.json").exists());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(" --> static/.config/secret.json\n"),
        "{stderr}"
    );
}

#[test]
fn the_sites_own_git_and_linked_sources_are_never_an_output() {
    let site = Site::basic();
    site.file(".git/HEAD", "ref: refs/heads/main\n");
    let stderr = site.build_fails(&["--output", site.path(".git").to_str().unwrap(), "--force"]);
    assert!(stderr.contains("it would replace .git/"), "{stderr}");
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/main\n");

    // Content kept elsewhere and linked in: its real folder is protected too.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(site.path("content"), elsewhere.path().join("content")).unwrap();
    symlink(elsewhere.path().join("content"), site.path("content")).unwrap();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"content\"]\n",
    );
    for output in [
        elsewhere.path().join("content"),
        elsewhere.path().to_owned(),
    ] {
        let stderr = site.build_fails(&["--output", output.to_str().unwrap(), "--force"]);
        assert!(stderr.contains("it would replace content/"), "{stderr}");
    }
    assert!(elsewhere.path().join("content/sources/afp.md").is_file());
}

#[test]
fn listing_a_link_never_opens_the_private_parts_of_the_site() {
    let site = Site::basic();
    site.file(".env", "TOKEN=1")
        .file("static/logo.svg", "<svg/>");
    symlink("../content", site.path("static/raw")).unwrap();
    symlink("../.env", site.path("static/env")).unwrap();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"static/raw\", \"static/env\"]\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: symbolic link leads to `content`, the site's content, drafts included\n --> static/raw\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: symbolic link leads to `.env`, which is hidden\n --> static/env\n"),
        "{stderr}"
    );
}

#[test]
fn a_link_inside_a_listed_folder_cannot_reach_its_hidden_files() {
    let site = Site::basic();
    let home = home();
    symlink(".ssh", home.path().join("keys")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink(home.path(), site.path("static/home")).unwrap();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\nfollow_links_outside = [\"static/home\"]\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(&format!(
            "error: symbolic link leads to `{}`, which is hidden\n --> static/home/keys\n",
            home.path().join(".ssh").canonicalize().unwrap().display()
        )),
        "{stderr}"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn no_link_leads_into_an_output_whatever_its_name() {
    let site = Site::basic();
    site.file("static/logo.svg", "<svg/>");
    site.build(&["--output", site.path("out").to_str().unwrap()]);
    symlink("../out", site.path("static/mirror")).unwrap();
    let stderr = site.build_fails(&["--output", site.path("out").to_str().unwrap()]);
    assert!(
        stderr.contains(
            "error: symbolic link leads to `out`, the output of a build\n --> static/mirror\n"
        ),
        "{stderr}"
    );
    // `./public` names the output as `public` does, marker or not.
    std::fs::remove_file(site.path("static/mirror")).unwrap();
    site.file(
        "dateline.toml",
        "title = \"T\"\ntimezone = \"Asia/Tehran\"\noutput_dir = \"./public\"\n",
    );
    site.build(&[]);
    std::fs::remove_file(site.path("public/.dateline-output")).unwrap();
    symlink("../public", site.path("static/mirror")).unwrap();
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("the output of a build\n --> static/mirror\n"),
        "{stderr}"
    );
}
