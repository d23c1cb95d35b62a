//! One list of the static files a build publishes: images are checked against the
//! files render copies, built in and the site's, after every filter.

use crate::helpers::Site;

const EVENT: &str = "content/events/2024-01-03-x.md";

#[test]
fn an_image_of_the_built_in_theme_needs_no_static_folder() {
    let site = Site::new();
    site.file(
        EVENT,
        "---\ntitle: X\nimage:\n  src: /favicon.svg\n  alt: Site logo\n---\nIntro.\n\n![Site logo](favicon.svg)\n",
    );
    assert!(!site.path("static").exists() && !site.path("dateline.toml").exists());
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.attrs(".body img", "src"), ["/favicon.svg"]);
    assert_eq!(page.attrs("img[alt='Site logo']", "src").len(), 2);
    assert!(
        page.attrs("img", "src")
            .iter()
            .all(|src| src == "/favicon.svg")
    );
    assert_eq!(
        site.read("public/favicon.svg"),
        include_str!("../../static/favicon.svg")
    );
}

#[test]
fn an_image_named_like_an_editor_backup_is_an_error_at_its_line() {
    let site = Site::new();
    site.file("static/photo.jpg~", "jpeg")
        .file(EVENT, "---\ntitle: X\n---\nIntro.\n\n![x](photo.jpg~)\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: image `photo.jpg~` is not published: static/photo.jpg~ is named like an editor's backup or scratch file, which is never published\n --> content/events/2024-01-03-x.md:6:1\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: rename the file (`photo.jpg`, not `photo.jpg~`) and give its new name here"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("broken link"), "{stderr}");
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");

    // In front matter, too: the error is at the key.
    site.file(
        EVENT,
        "---\ntitle: X\nimage:\n  src: photo.jpg~\n  alt: x\n---\nIntro.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: image `photo.jpg~` is not published")
            && stderr.contains(" --> content/events/2024-01-03-x.md:4:"),
        "{stderr}"
    );
    assert!(!stderr.contains("broken link"), "{stderr}");
}

#[test]
fn an_image_in_a_hidden_static_folder_is_an_error_at_its_line_until_listed() {
    let site = Site::new();
    site.file("static/.private/logo.png", "png").file(
        EVENT,
        "---\ntitle: X\n---\nIntro.\n\n![Logo](.private/logo.png)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: image `.private/logo.png` is not published: hidden files and folders under static/ stay private\n --> content/events/2024-01-03-x.md:6:1\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: to publish it, list it in dateline.toml: publish_hidden = [\".private/logo.png\"]"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("broken link"), "{stderr}");
    assert!(
        stderr.contains("build failed: 1 error, 1 warning;"),
        "{stderr}"
    );

    site.file(
        "dateline.toml",
        "title = \"T\"\npublish_hidden = [\".private/logo.png\"]\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").attrs(".body img", "src"),
        ["/.private/logo.png"]
    );
    assert_eq!(site.read("public/.private/logo.png"), "png");
}
