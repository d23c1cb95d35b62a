//! Every kind of bad input, one test each: the build exits 1, names the file (and the
//! line where there is one), never panics, and leaves the previous site byte for byte.
//! How a report is laid out, counted and coloured is `errors.rs`'s subject.

use crate::helpers::{Site, snapshot};

/// Builds a good site, breaks it with `breakage`, checks the failed build and returns
/// what it printed on stderr, for the checks a case adds.
/// `location` is what follows ` --> ` in the report: `file:line:` or just `file`.
fn rejects(breakage: impl FnOnce(&Site), location: &str, message: &str) -> String {
    let site = Site::basic();
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    breakage(&site);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(&format!(" --> {location}")),
        "expected the place ` --> {location}`:\n{stderr}"
    );
    assert!(stderr.contains(message), "expected `{message}`:\n{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "public/ changed after a failed build"
    );
    stderr
}

const EVENT: &str = "content/events/2024/2024-02-01-new.md";

fn event(front_matter: &str) -> impl FnOnce(&Site) {
    let text = format!("---\ntitle: New\n{front_matter}---\nBody.\n");
    move |site: &Site| {
        site.file(EVENT, &text);
    }
}

#[test]
fn invalid_utf8() {
    rejects(
        |site| {
            site.bytes(EVENT, b"---\ntitle: Caf\xe9\n---\n");
        },
        // The column of the first bad byte.
        &format!("{EVENT}:2:11\n"),
        "not valid UTF-8",
    );
}

#[test]
fn empty_file() {
    rejects(
        |site| {
            site.file(EVENT, "");
        },
        &format!("{EVENT}\n"),
        "the file is empty",
    );
}

#[test]
fn missing_front_matter() {
    rejects(
        |site| {
            site.file(EVENT, "Two blasts near the grave.\n");
        },
        &format!("{EVENT}:1:1"),
        "the file has no front matter",
    );
}

#[test]
fn unclosed_front_matter() {
    rejects(
        |site| {
            site.file(EVENT, "---\ntitle: New\ndate: 2024-02-01\n\nBody.\n");
        },
        &format!("{EVENT}:1:1"),
        "the front matter is never closed",
    );
}

#[test]
fn missing_date() {
    rejects(
        |site| {
            site.file("content/events/undated.md", "---\ntitle: Undated\n---\n");
        },
        "content/events/undated.md:2:1",
        "the event has no date",
    );
}

#[test]
fn impossible_date_in_the_file_name() {
    rejects(
        |site| {
            site.file("content/events/2024-02-30-x.md", "---\ntitle: X\n---\n");
        },
        "content/events/2024-02-30-x.md",
        "February 2024 has 29 days",
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    rejects(
        event("plase: Kerman\n"),
        &format!("{EVENT}:3:1"),
        "did you mean `place`?",
    );
}

/// A value of the wrong type names the key and what it takes, at the value.
#[test]
fn wrong_types() {
    let stderr = rejects(
        |site| {
            event("coordinates: north\n")(site);
            site.file("content/events/a.md", "---\ntitle: [a, b]\n---\n")
                .file("content/events/b.md", "---\ntitle: B\ndraft: maybe\n---\n")
                .file("content/events/c.md", "---\ntitle: C\nsources: afp\n---\n")
                .file(
                    "content/events/d.md",
                    "+++\ntitle = \"D\"\ndate = [2024]\n+++\n",
                );
        },
        &format!("{EVENT}:3:14"),
        "`coordinates` must be a latitude and longitude",
    );
    for expected in [
        "error: `title` must be text, but YAML reads a value that starts with `[` as a list\n --> content/events/a.md:2:8",
        "error: `draft` must be `true` or `false`\n --> content/events/b.md:3:8",
        "error: `sources` must be a list of ids, like `[afp, reuters]`\n --> content/events/c.md:3:10",
        "error: `date` must be a date such as `2024`, `2024-01-03` or `2024-01-03T14:50`\n --> content/events/d.md:3:8",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn impossible_date() {
    rejects(
        event("date: 2023-02-29\n"),
        &format!("{EVENT}:3:7"),
        "February 2023 has 28 days",
    );
}

/// Berlin skips 02:00 to 03:00 and London 01:00 to 02:00 on the same night.
#[test]
fn time_in_a_dst_gap() {
    rejects(
        event("date: 2024-03-31T02:30\ntimezone: Europe/Berlin\n"),
        &format!("{EVENT}:3:7"),
        "does not exist in Europe/Berlin",
    );
    rejects(
        event("date: 2024-03-31T01:30\ntimezone: Europe/London\n"),
        &format!("{EVENT}:3:7"),
        "does not exist in Europe/London",
    );
}

/// With the site's zone gone, the Kerman event's `date: 2024-01-03T14:50` has no zone
/// to be read in.
#[test]
fn time_without_a_zone() {
    rejects(
        |site| {
            site.file("dateline.toml", "title = \"Test timeline\"\n");
        },
        "content/events/2024/2024-01-03-kerman-explosions.md:3:7",
        "has a time but no time zone",
    );
}

/// The counterpart: a time in `updated`, with no site zone either, is read in the
/// event's zone rather than rejected.
#[test]
fn a_time_in_updated_is_read_in_the_event_zone() {
    let site = Site::new();
    site.file("content/events/x.md", "---\ntitle: X\ndate: 2024-01-03T14:50\ntimezone: Asia/Tehran\nupdated: 2024-01-04T10:00\n---\n");
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").texts(".facts time")[1],
        "4 January 2024, 10:00 IRST"
    );
}

#[test]
fn end_before_date() {
    rejects(
        event("date: 2024-02-01\nend: 2024-01-20\n"),
        &format!("{EVENT}:4:6"),
        "`end` (2024-01-20) is before `date` (2024-02-01)",
    );
}

#[test]
fn unknown_time_zone() {
    let stderr = rejects(
        event("timezone: Asia/Teheran\n"),
        &format!("{EVENT}:3:11"),
        "did you mean `Asia/Tehran`?",
    );
    assert!(
        stderr.contains("unknown time zone `Asia/Teheran`"),
        "{stderr}"
    );
    // With no site zone to fall back on, the time then left without a zone is not a
    // second error.
    let site = Site::new();
    site.file(
        "content/events/x.md",
        "---\ntitle: X\ndate: 2024-01-03T14:50\ntimezone: Asia/Teheran\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("unknown time zone `Asia/Teheran`"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
}

#[test]
fn coordinates_out_of_range() {
    rejects(
        event("coordinates: [30.28, 197.08]\n"),
        &format!("{EVENT}:3:"),
        "longitude 197.08 is out of range",
    );
    // Beside another error in the same file: both are reported.
    let stderr = rejects(
        event("date: 2024-01-03\nend: 2024-01-01\ncoordinates: [95, 10]\n"),
        &format!("{EVENT}:5:"),
        "latitude 95 is out of range",
    );
    assert!(
        stderr.contains(&format!(" --> {EVENT}:4:6")) && stderr.contains("is before `date`"),
        "{stderr}"
    );
}

#[test]
fn duplicate_ids() {
    let stderr = rejects(
        |site| {
            site.file(
                "content/events/2025/2024-01-04-mourning.md",
                "---\ntitle: Again\n---\n",
            );
        },
        "content/events/",
        "two events have the id `2024-01-04-mourning`",
    );
    assert!(
        stderr.contains("content/events/2024/2024-01-04-mourning.md")
            && stderr.contains("content/events/2025/2024-01-04-mourning.md"),
        "both files are named:\n{stderr}"
    );
}

#[test]
fn duplicate_urls() {
    let stderr = rejects(
        event("date: 2024-01-03\nslug: kerman-explosions\n"),
        "content/events/",
        "two events have the URL /2024/01/03/kerman-explosions/",
    );
    assert!(
        stderr.contains("content/events/2024/2024-01-03-kerman-explosions.md")
            && stderr.contains(EVENT),
        "both files are named:\n{stderr}"
    );
}

#[test]
fn slug_that_climbs_out() {
    rejects(
        event("slug: ../../x\n"),
        &format!("{EVENT}:3:7"),
        "`../../x` is not a valid slug",
    );
}

#[test]
fn slug_with_a_slash() {
    rejects(
        event("slug: a/b\n"),
        &format!("{EVENT}:3:7"),
        "`a/b` is not a valid slug",
    );
}

#[test]
fn source_url_that_is_not_a_web_address() {
    rejects(
        |site| {
            site.file(
                "content/sources/bad.md",
                "---\nname: Bad\nurl: \"javascript:alert(1)\"\n---\n",
            );
        },
        "content/sources/bad.md:3:7",
        "is not a web address",
    );
    // A scheme without a host is no address either, as in `dateline.toml`.
    rejects(
        |site| {
            site.file(
                "content/sources/bad.md",
                "---\nname: Bad\nurl: \"https://\"\n---\n",
            );
        },
        "content/sources/bad.md:3:7",
        "`https://` is not a web address",
    );
}

#[test]
fn draft_cited_by_an_event() {
    let site = Site::basic();
    site.file(
        "content/explainers/who.md",
        "---\ntitle: Who\ndraft: true\n---\nx\n",
    )
    .file(
        "content/events/2024-02-01-x.md",
        "---\ntitle: X\nexplainers: [who]\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("the explainer `who` is a draft"),
        "{stderr}"
    );
    site.build(&["--drafts"]);
}

#[test]
fn static_file_colliding_with_a_page() {
    rejects(
        |site| {
            site.file("static/tags/index.html", "<p>mine</p>");
        },
        "static/tags/index.html",
        "would replace the generated page",
    );
}

#[test]
fn template_syntax_error() {
    rejects(
        |site| {
            site.file(
                "templates/event.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ event.title }</h1>\n{% endblock content %}\n",
            );
        },
        "templates/event.html:3:",
        "template error",
    );
}

#[test]
fn missing_template_variable() {
    rejects(
        |site| {
            site.file(
                "templates/source.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ source.nmae }}</h1>\n{% endblock content %}\n",
            );
        },
        "templates/source.html:3:",
        "`nmae` is not defined",
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    rejects(
        |site| {
            std::os::unix::fs::symlink("..", site.path("content/events/2024/loop")).unwrap();
        },
        "content/events/2024/loop",
        "symbolic link loop",
    );
}

#[cfg(unix)]
#[test]
fn symlink_pointing_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("2024-02-01-private.md"),
        "---\ntitle: Private notes\n---\n",
    )
    .unwrap();
    let target = outside.path().to_owned();
    rejects(
        move |site| {
            std::os::unix::fs::symlink(&target, site.path("content/events/elsewhere")).unwrap();
        },
        "content/events/elsewhere",
        "symbolic link points outside the site",
    );
}

#[test]
fn config_with_an_unknown_key() {
    rejects(
        |site| {
            site.file(
                "dateline.toml",
                "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_ulr = \"/\"\n",
            );
        },
        "dateline.toml:3:1",
        "did you mean `base_url`?",
    );
}

#[test]
fn site_without_content() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Empty\"\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("the site has no content/ folder"),
        "{stderr}"
    );
}

#[test]
fn yaml_bomb_is_put_in_words_not_debug_text() {
    let items = vec!["[1]"; 130_000].join(",");
    rejects(
        event(&format!("extra:\n  x: [{items}]\n")),
        &format!("{EVENT}:4:"),
        "error: the front matter is too large or too deeply nested: more than 250,000 nodes",
    );
}

#[test]
fn deeply_nested_yaml_is_put_in_words() {
    rejects(
        event(&format!("extra:\n  x: {}\n", "[".repeat(100_000))),
        &format!("{EVENT}:4:"),
        "error: the front matter is nested too deeply",
    );
}

/// TOML nesting too deep: through dotted keys (which the parser reported at line 1)
/// and brackets over many lines, in front matter and in dateline.toml, is put at the
/// line where it runs deepest.
#[test]
fn deeply_nested_toml_points_at_its_line() {
    let dotted = format!("{}b = 1\n", "a.".repeat(5000));
    rejects(
        |site| {
            site.file(
                EVENT,
                &format!(
                    "+++\ntitle = \"New\"\ndate = 2024-02-01\n\n[extra]\n{dotted}+++\nBody.\n"
                ),
            );
        },
        &format!("{EVENT}:6:1\n"),
        "error: the front matter is nested too deeply",
    );
    rejects(
        |site| {
            let header = format!("[extra.{}]\n", vec!["a"; 5000].join("."));
            site.file(
                EVENT,
                &format!("+++\ntitle = \"New\"\n\n{header}b = 1\n+++\n"),
            );
        },
        &format!("{EVENT}:4:1\n"),
        "error: the front matter is nested too deeply",
    );
    rejects(
        |site| {
            let nested = format!("{}{}", "[\n".repeat(5000), "]".repeat(5000));
            site.file(
                "dateline.toml",
                &format!("title = \"Test timeline\"\n\n[extra]\nx = {nested}\n"),
            );
        },
        "dateline.toml:",
        "error: dateline.toml is nested too deeply",
    );
    rejects(
        |site| {
            site.file(
                "dateline.toml",
                &format!("title = \"Test timeline\"\n\n[extra]\n{dotted}"),
            );
        },
        "dateline.toml:4:1\n",
        "error: dateline.toml is nested too deeply",
    );
}

/// A NUL character never reaches a page or feed: written as a byte in a body or
/// front matter, as a YAML or TOML escape, in dateline.toml or in a template, it
/// is an error at its place.
#[test]
fn nul_characters_are_errors_at_their_place() {
    rejects(
        |site| {
            site.bytes(
                EVENT,
                b"---\ntitle: New\ndate: 2024-02-01\n---\nBody \0text.\n",
            );
        },
        &format!("{EVENT}:5:6\n"),
        "error: the file contains a NUL byte (U+0000)",
    );
    rejects(
        |site| {
            site.bytes(EVENT, b"---\ntitle: Ne\0w\ndate: 2024-02-01\n---\nBody.\n");
        },
        &format!("{EVENT}:2:10\n"),
        "error: the file contains a NUL byte (U+0000)",
    );
    rejects(
        event("place: \"Kerman\\0\"\n"),
        &format!("{EVENT}:3:15\n"),
        "error: the front matter writes a NUL character (U+0000)",
    );
    rejects(
        |site| {
            site.file(
                EVENT,
                "+++\ntitle = \"New\"\ndate = 2024-02-01\n[extra]\nnote = \"a\\u0000b\"\n+++\nBody.\n",
            );
        },
        &format!("{EVENT}:5:10\n"),
        "error: the front matter writes a NUL character (U+0000)",
    );
    rejects(
        |site| {
            site.file("dateline.toml", "title = \"Test\\u0000 timeline\"\n");
        },
        "dateline.toml:1:14\n",
        "error: dateline.toml writes a NUL character (U+0000)",
    );
    rejects(
        |site| {
            site.bytes("templates/event.html", b"{{ event.title }}\n<p>\0</p>\n");
        },
        "templates/event.html:2:4\n",
        "error: the file contains a NUL byte (U+0000)",
    );
}

#[test]
fn a_yaml_backslash_zero_in_plain_text_is_not_a_nul() {
    let site = Site::basic();
    site.file(
        EVENT,
        "---\ntitle: New\nplace: C:\\0 drive\ndate: 2024-02-01\n---\nBody.\n",
    );
    site.build(&[]);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt as _;
    let site = Site::basic();
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    let name = std::ffi::OsStr::from_bytes(b"2024-02-01-caf\xe9.md");
    let path = site.path("content/events").join(name);
    std::fs::write(&path, "---\ntitle: Caf\n---\nBody.\n").unwrap();
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: the file name is not valid UTF-8\n --> content/events/2024-02-01-caf\u{fffd}.md\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("rename the file"), "{stderr}");
    assert_eq!(snapshot(&site.path("public")), before);
    std::fs::remove_file(&path).unwrap();
    let static_file = site
        .path("static")
        .join(std::ffi::OsStr::from_bytes(b"\xff.css"));
    std::fs::create_dir_all(static_file.parent().unwrap()).unwrap();
    std::fs::write(&static_file, "x").unwrap();
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: the file name is not valid UTF-8\n --> static/\u{fffd}.css\n"),
        "{stderr}"
    );
}
