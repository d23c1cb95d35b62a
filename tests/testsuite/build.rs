//! The build command: loading, output, determinism and safety.

use crate::helpers::{Site, snapshot, stdout};

#[test]
fn prints_one_summary_line_with_counts() {
    let site = Site::basic();
    let output = site.build(&[]);
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("Built 3 events, 2 sources, 1 explainer: "),
        "{out}"
    );
    assert!(out.contains(" ms"), "{out}");
}

#[test]
fn builds_byte_identical_output_twice() {
    let site = Site::basic();
    site.build(&["--output", site.path("one").to_str().unwrap()]);
    site.build(&["--output", site.path("two").to_str().unwrap()]);
    let (one, two) = (snapshot(&site.path("one")), snapshot(&site.path("two")));
    assert!(one.len() > 20);
    assert_eq!(one, two);
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::basic();
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    site.file(
        "content/events/broken.md",
        "---\ntitle: Broken\ndate: 2024-02-30\n---\n",
    );
    site.file(
        "content/events/2024-01-03-kerman-explosions.md",
        "---\ntitle: Changed\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(snapshot(&site.path("public")), before);
}

#[test]
fn replaces_the_previous_site_and_removes_stale_pages() {
    let site = Site::basic();
    site.build(&[]);
    assert!(site.path("public/2024/01/04/mourning/index.html").is_file());
    site.remove("content/events/2024/2024-01-04-mourning.md");
    site.build(&[]);
    assert!(!site.path("public/2024/01/04/mourning").exists());
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = Site::basic();
    site.file("notes/important.txt", "keep me");
    let output = site.run(&["build", "--output", site.path("notes").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("which dateline did not write"));
    assert_eq!(site.read("notes/important.txt"), "keep me");
    let output = site.run(&["build", "--output", site.root().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(site.path("content/events").is_dir());
}

#[test]
fn skips_drafts_unless_asked() {
    let site = Site::basic();
    site.file(
        "content/events/2024-02-01-draft.md",
        "---\ntitle: Unfinished\ndraft: true\n---\nx\n",
    );
    site.build(&[]);
    assert!(!site.path("public/2024/02/01/draft").exists());
    assert!(
        !site
            .page("/")
            .texts(".event-title")
            .contains(&"Unfinished".to_owned())
    );
    site.build(&["--drafts"]);
    assert!(site.path("public/2024/02/01/draft/index.html").is_file());
}

#[test]
fn accepts_bom_crlf_and_toml_front_matter() {
    let site = Site::basic();
    site.bytes(
        "content/events/2024-02-01-bom.md",
        b"\xEF\xBB\xBF---\r\ntitle: With BOM\r\n---\r\nBody.\r\n",
    )
    .file(
        "content/events/2024-02-02-toml.md",
        "+++\ntitle = \"In TOML\"\nsources = [\"afp\"]\n[extra]\ndesk = \"world\"\n+++\nBody.\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/2024/02/01/bom/").text("h1"), "With BOM");
    assert_eq!(
        site.page("/2024/02/02/toml/").texts(".sources-cited a"),
        ["AFP Agence France-Presse"]
    );
}

#[test]
fn ignores_editor_files_and_warns_about_strays() {
    let site = Site::basic();
    site.file("content/events/.#lock.md", "garbage")
        .file("content/events/x.md~", "garbage")
        .file("content/events/.x.md.swp", "garbage")
        .file("content/events/notes.txt", "stray")
        .file("content/readme.md", "stray");
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning: skipped"), "{stderr}");
    assert!(stderr.contains("content/events/notes.txt"), "{stderr}");
    assert!(stderr.contains("content/readme.md"), "{stderr}");
    assert!(
        !stderr.contains("lock") && !stderr.contains("swp") && !stderr.contains("x.md~"),
        "{stderr}"
    );
}

#[test]
fn builds_a_site_with_only_content() {
    let site = Site::new();
    site.file(
        "content/events/2024-01-03-only.md",
        "---\ntitle: Only\n---\nx\n",
    );
    site.build(&[]);
    assert!(site.path("public/style.css").is_file());
    assert_eq!(site.page("/").text(".site-title"), "Timeline");
}

#[test]
fn builds_the_example_site() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = crate::helpers::dateline()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html =
        std::fs::read_to_string(target.join("2024/01/03/kerman-explosions/index.html")).unwrap();
    assert!(html.contains("Saheb al-Zaman Mosque"));
    let otd = std::fs::read_to_string(target.join("on-this-day/01-03/index.html")).unwrap();
    assert!(otd.contains("2020") && otd.contains("2024"));
    for source in ["afp", "reuters", "irib", "nournews", "kerman-red-crescent"] {
        assert!(
            target
                .join(format!("sources/{source}/index.html"))
                .is_file(),
            "{source}"
        );
    }
}
