//! What `check` passes, `build` can write: every folder name dateline takes from
//! content fits in 255 bytes, and every path it writes fits the system's limit.
//! Each case fails `check --strict` and `build` alike, with a content error at its
//! line, never an operating-system error naming a temporary folder.

use std::path::{Path, PathBuf};

use crate::helpers::Site;

/// A source, so `check --strict` has no loose end to warn about.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "content/sources/afp.md",
        "---\nname: AFP\n---\nAn agency.\n",
    );
    site
}

/// Runs `check --strict` and `build`; both must fail with exit 1 and print `want`
/// (each piece); neither may name the operating system's error. Returns build's
/// stderr.
fn both_fail(site: &Site, want: &[&str]) -> String {
    let mut last = String::new();
    for command in [&["check", "--strict"][..], &["build"][..]] {
        let output = site.run(command);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        for piece in want {
            assert!(stderr.contains(piece), "{command:?}: {piece}\n{stderr}");
        }
        assert!(!stderr.contains("os error"), "{command:?}: {stderr}");
        assert!(
            !stderr.contains("dateline-partial-"),
            "{command:?}: {stderr}"
        );
        last = stderr;
    }
    assert!(!site.path("public").exists());
    last
}

const LIMIT_HELP: &str = "= help: each URL segment is a folder name in the built site, and file systems hold at most 255 bytes in one";

#[test]
fn a_tag_too_long_for_a_url_segment_is_an_error_at_its_line() {
    let site = site();
    let tag = "Kerman ".repeat(37); // 259 bytes, the slug 258.
    site.file(
        "content/events/2024-01-03-x.md",
        &format!("---\ntitle: X\nsources: [afp]\ntags: [{tag}]\n---\nText.\n"),
    );
    let stderr = both_fail(
        &site,
        &[
            "error: the tag slug `kerman-kerman-kerman…` is too long for a URL: 258 bytes, over the limit of 255 bytes for one URL segment\n --> content/events/2024-01-03-x.md:4:8\n",
            LIMIT_HELP,
        ],
    );
    assert!(
        stderr.contains(
            "shorten the tag, or give it a shorter slug in dateline.toml: `[tags.\"Kerman Kerman"
        ) && stderr
            .contains("\"] slug = \"kerman-kerman-kerman-kerman-kerman-kerman-kerman-kerman\"`"),
        "{stderr}"
    );

    // The slug the table gives is the page's: the tag builds.
    site.file(
        "dateline.toml",
        &format!("[tags.\"{}\"]\nslug = \"kerman-long\"\n", tag.trim()),
    );
    site.build(&[]);
    assert_eq!(
        site.page("/tags/kerman-long/").text("h1"),
        tag.trim().to_owned()
    );
}

#[test]
fn a_segment_of_exactly_255_bytes_builds() {
    let site = site();
    let tag = "a".repeat(255);
    let slug = "b".repeat(255);
    site.file(
        "content/events/2024-01-03-x.md",
        &format!("---\ntitle: X\nsources: [afp]\nslug: {slug}\ntags: [{tag}]\n---\nText.\n"),
    );
    let output = site.run(&["check", "--strict"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site.build(&[]);
    assert!(
        site.path(&format!("public/tags/{tag}/index.html"))
            .is_file()
    );
    assert!(
        site.path(&format!("public/2024/01/03/{slug}/index.html"))
            .is_file()
    );
}

#[test]
fn a_given_slug_too_long_is_an_error_at_its_line_with_a_shorter_one() {
    let site = site();
    let slug = "twin-explosions-near-the-grave-".repeat(9); // 279 bytes
    let slug = slug.trim_end_matches('-');
    site.file(
        "content/events/2024-01-03-x.md",
        &format!("---\ntitle: X\nsources: [afp]\nslug: {slug}\n---\nText.\n"),
    );
    both_fail(
        &site,
        &[
            "error: the slug `twin-explosions-near-the…` is too long for a URL: 278 bytes, over the limit of 255 bytes for one URL segment\n --> content/events/2024-01-03-x.md:4:7\n",
            "write a shorter slug, such as `slug: twin-explosions-near-the-grave-twin-explosions-near-the`",
        ],
    );
}

#[test]
fn a_persian_slug_is_measured_in_bytes_not_letters() {
    let site = site();
    // 130 letters, 260 bytes.
    let slug = "ق".repeat(130);
    site.file(
        "content/events/2024-01-03-x.md",
        &format!("---\ntitle: X\nsources: [afp]\nslug: {slug}\n---\nText.\n"),
    );
    both_fail(
        &site,
        &[
            "is too long for a URL: 260 bytes, over the limit of 255 bytes for one URL segment\n --> content/events/2024-01-03-x.md:4:7\n",
        ],
    );
}

#[test]
fn a_slug_from_a_file_name_that_grows_too_long_in_lower_case_names_the_file() {
    let site = site();
    // `Ⱥ` is two bytes and its lower case `ⱥ` three: a 250-byte file stem gives a
    // 375-byte slug.
    let stem = "Ⱥ".repeat(125);
    let file = format!("content/events/{stem}.md");
    site.file(
        &file,
        "---\ntitle: X\ndate: 2024-01-03\nsources: [afp]\n---\nText.\n",
    );
    both_fail(
        &site,
        &[
            &format!(
                "is too long for a URL: 375 bytes, over the limit of 255 bytes for one URL segment; it comes from the file name\n --> {file}\n"
            ),
            &format!(
                "set a shorter one in the front matter, such as `slug: {}`, or rename the file",
                "ⱥ".repeat(60)
            ),
        ],
    );
}

#[test]
fn a_source_id_too_long_once_normalised_names_the_file() {
    let site = site();
    // U+0958 (three bytes) is written as two characters in NFC (six bytes): an
    // 240-byte file stem is a 480-byte id.
    let stem = "\u{958}".repeat(80);
    let file = format!("content/sources/{stem}.md");
    site.file(&file, "---\nname: Long\n---\nA source.\n");
    both_fail(
        &site,
        &[&format!(
            "error: the source id `{}…` is too long for a URL: 480 bytes, over the limit of 255 bytes for one URL segment; it comes from the file name\n --> {file}\n",
            "\u{915}\u{93c}".repeat(12)
        )],
    );
}

#[test]
fn an_inline_explainer_id_must_be_a_short_plain_slug_reported_at_its_heading() {
    let site = site();
    let long = "quds-".repeat(60);
    site.file(
        "content/events/2024-01-03-x.md",
        &format!(
            "---\ntitle: X\nsources: [afp]\n---\nText.\n\n## Who is A {{#{}force .explainer}}\n\nA.\n\n## Who is B {{#../../b .explainer}}\n\nB.\n\n## Who is C {{#Big/c .explainer}}\n\nC.\n",
            long
        ),
    );
    both_fail(
        &site,
        &[
            "error: the explainer id `quds-quds-quds-quds-quds…` is too long for a URL: 305 bytes, over the limit of 255 bytes for one URL segment\n --> content/events/2024-01-03-x.md:7:1\n",
            "give the section a shorter id, such as `{#quds-quds-quds-quds-quds-quds-quds-quds-quds-quds-quds-quds .explainer}`",
            "error: `../../b` cannot be an explainer id\n  --> content/events/2024-01-03-x.md:11:1\n",
            "= help: ids appear in URLs and are lower-case letters, digits and single hyphens: `{#b .explainer}`",
            "error: `Big/c` cannot be an explainer id\n  --> content/events/2024-01-03-x.md:15:1\n",
            "`{#big-c .explainer}`",
        ],
    );
}

#[test]
fn a_tag_slug_too_long_in_dateline_toml_is_an_error_there() {
    let site = site();
    site.file(
        "dateline.toml",
        &format!("[tags.Kerman]\nslug = \"{}\"\n", "k".repeat(256)),
    );
    both_fail(
        &site,
        &[
            "error: the slug `kkkkkkkkkkkkkkkkkkkkkkkk…` is too long for a URL: 256 bytes, over the limit of 255 bytes for one URL segment\n --> dateline.toml:2:8\n",
        ],
    );
}

/// `output_dir`, relative to the site, whose absolute path is `length` bytes long
/// and whose own name is `public`, made of folders of at most 200 bytes.
fn output_dir_of_length(root: &Path, length: usize) -> String {
    let root = std::fs::canonicalize(root).unwrap();
    let fixed = root.as_os_str().len() + "/".len() + "public".len();
    let mut filler = length - fixed;
    let mut parts = Vec::new();
    while filler > 0 {
        // Each part adds its name and a slash; leave at least 2 bytes for the last.
        let take = filler.min(201);
        let take = if filler - take == 1 { take - 2 } else { take };
        parts.push("d".repeat(take - 1));
        filler -= take;
    }
    parts.push("public".to_owned());
    let dir = parts.join("/");
    assert_eq!(root.join(&dir).as_os_str().len(), length);
    dir
}

/// The bytes a temporary folder beside an output named `public` adds to the output
/// folder's parent at most: `/.public.dateline-partial-<u32::MAX>-<u64::MAX>/`.
const STAGING: usize = 1 + ".public.dateline-partial-4294967295-18446744073709551615".len() + 1;

#[test]
#[cfg(target_os = "linux")]
fn an_output_path_over_the_system_limit_fails_check_and_build_naming_the_static_file() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsources: [afp]\n---\nText.\n",
    );
    let deep = format!("{}/{}/photo.jpg", "a".repeat(200), "b".repeat(200));
    site.bytes(&format!("static/{deep}"), b"jpeg");
    // 300 bytes left for a path inside the output: every page fits, the photo
    // (411 bytes) does not.
    let budget = 300;
    let output = output_dir_of_length(site.root(), 4095 - budget - STAGING + "/public".len());
    site.file("dateline.toml", &format!("output_dir = \"{output}\"\n"));
    let stderr = both_fail(
        &site,
        &[
            &format!(
                "error: the output file `{deep}` would have a path of {} bytes, over the limit of 4095 bytes for a path\n --> static/{deep}\n",
                4095 - budget + deep.len()
            ),
            &format!(
                "= help: the output folder's own path (with the temporary folder a build writes into beside it) takes {} bytes of that: choose an output folder with a shorter path (`output_dir` in dateline.toml, or `build --output`), or shorten the file's path",
                4095 - budget
            ),
        ],
    );
    assert!(!stderr.contains("other file"), "{stderr}");

    // The same output folder takes the site once the photo's path is shorter.
    std::fs::remove_dir_all(site.path("static")).unwrap();
    site.bytes("static/photo.jpg", b"jpeg");
    site.build(&[]);
    assert!(site.path(&output).join("photo.jpg").is_file());
}

#[test]
#[cfg(target_os = "linux")]
fn an_output_folder_too_deep_for_its_own_files_fails_check_and_build() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsources: [afp]\n---\nText.\n",
    );
    // 10 bytes left: not even the build's marker file fits.
    let output = output_dir_of_length(site.root(), 4095 - 10 - STAGING + "/public".len());
    site.file("dateline.toml", &format!("output_dir = \"{output}\"\n"));
    let check = site.run(&["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: the output file `")
            && stderr.contains("over the limit of 4095 bytes for a path\n --> the output folder\n"),
        "{stderr}"
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(&format!(
            "error: check `output_dir` in dateline.toml: cannot write the site to {}: its path is {} bytes long, and the files of the temporary folder a build writes beside it would pass the limit of 4095 bytes for a path\n  = help: choose an output folder with a shorter path",
            std::fs::canonicalize(site.root()).unwrap().join(&output).display(),
            4095 - 10 - STAGING + "/public".len()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn an_output_folder_name_leaving_no_room_for_the_temporary_folder_fails_check_and_build() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsources: [afp]\n---\nText.\n",
    );
    let name = "n".repeat(206);
    site.file("dateline.toml", &format!("output_dir = \"{name}\"\n"));
    let want = format!(
        "cannot write the site to {}: the folder's name is 206 bytes long, and the temporary folder a build writes beside it (`.nnnnnnnnnnnnnnnn….dateline-partial-…`) would not fit in the 255 bytes of a name\n  = help: choose an output folder whose name is at most 205 bytes long",
        canonical(site.root()).join(&name).display()
    );
    for command in [&["check", "--strict"][..], &["build"][..]] {
        let output = site.run(command);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(stderr.contains(&want), "{command:?}: {stderr}");
    }
    // One byte shorter builds.
    let name = "n".repeat(205);
    site.file("dateline.toml", &format!("output_dir = \"{name}\"\n"));
    site.build(&[]);
    assert!(site.path(&format!("{name}/index.html")).is_file());
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap()
}

#[test]
fn a_static_file_under_a_name_the_output_keeps_for_itself_fails_check_and_build() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nsources: [afp]\n---\nText.\n",
    )
    .file("static/lost+found/notes.txt", "notes")
    .file("static/.dateline-output", "a marker")
    .file("dateline.toml", "publish_hidden = [\".dateline-output\"]\n");
    let help = "= help: `.git`, `lost+found` and `.dateline-output` are never written into the output (a deploy checkout's `.git` and a volume's `lost+found` live there): rename it";
    both_fail(
        &site,
        &[
            "error: `lost+found/notes.txt` cannot be published: it names a file or folder the output folder keeps for itself\n --> static/lost+found/notes.txt\n",
            "error: `.dateline-output` cannot be published: it names a file or folder the output folder keeps for itself\n --> static/.dateline-output\n",
            help,
            "failed: 2 errors",
        ],
    );
}
