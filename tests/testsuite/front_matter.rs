//! What the editor wrote is what the reader gets: front matter YAML would read
//! otherwise than it is written (a comment that cuts a value, a number, no value,
//! syntax in a value, an indented line) is said at its place, with the fix; and
//! every error of a file is reported in one run, its body's included, without
//! follow-on errors.

use crate::helpers::Site;

/// Runs `dateline <args>` and returns its exit code and what it printed: stderr,
/// then stdout (where `check` prints its closing line).
fn run(site: &Site, args: &[&str]) -> (Option<i32>, String) {
    let output = site.run(args);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    (output.status.code(), printed)
}

/// Asserts that `stderr` holds each of `expected`, and `count` as its last line's
/// tally.
fn assert_reports(stderr: &str, expected: &[&str], count: &str) {
    for expected in expected {
        assert!(
            stderr.contains(expected),
            "expected:\n{expected}\n\nin:\n{stderr}"
        );
    }
    assert!(stderr.contains(count), "expected `{count}` in:\n{stderr}");
}

/// A basic site with one more event, written as `front_matter` and `body`.
fn site_with_event(file: &str, front_matter: &str, body: &str) -> Site {
    let site = Site::basic();
    site.file(file, &format!("---\n{front_matter}---\n{body}"));
    site
}

#[test]
fn a_comment_that_cuts_a_text_value_is_a_warning_naming_the_cut_text() {
    let site = site_with_event(
        "content/events/2024-02-01-toll.md",
        "title: Death toll #2 rises\nplace: Kerman #1 square\nsources: [afp]\ntags:\n  - Kerman #1\n  - Attacks\n",
        "The toll rises [@afp] [@irna] in [Kerman](explainer:kerman).\n",
    );
    site.file(
        "content/sources/irna.md",
        "---\nname: Islamic Republic News Agency #IRNA\nshort: IRNA\naliases: [Iran's agency]\n---\nState agency.\n",
    )
    .file(
        "content/explainers/kerman.md",
        "---\ntitle: What is Kerman\nsubject: Kerman #city\naliases:\n  - Kerman city # the capital\n---\nA city in Iran.\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "warning: YAML reads `#2 rises` as a comment, so `title` is only `Death toll`\n --> content/events/2024-02-01-toll.md:2:19\n  |\n2 | title: Death toll #2 rises\n  |                   ^^^^^^^^\n  |\n  = help: quote the value to keep all of it: `title: \"Death toll #2 rises\"`\n",
            "warning: YAML reads `#1 square` as a comment, so `place` is only `Kerman`\n --> content/events/2024-02-01-toll.md:3:15\n",
            "help: quote the value to keep all of it: `place: \"Kerman #1 square\"`",
            "warning: YAML reads `#1` as a comment, so this item of `tags` is only `Kerman`\n --> content/events/2024-02-01-toll.md:6:12\n",
            "help: quote the value to keep all of it: `- \"Kerman #1\"`",
            "warning: YAML reads `#IRNA` as a comment, so `name` is only `Islamic Republic News Agency`\n --> content/sources/irna.md:2:36\n",
            "warning: YAML reads `#city` as a comment, so `subject` is only `Kerman`\n --> content/explainers/kerman.md:3:17\n",
            "warning: YAML reads `# the capital` as a comment, so this item of `aliases` is only `Kerman city`\n --> content/explainers/kerman.md:5:17\n",
        ],
        "6 warnings",
    );
    let (code, stderr) = run(&site, &["check", "--strict"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("check failed: --strict turns warnings into errors"),
        "{stderr}"
    );
    // `build` publishes what YAML read, and says so.
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("so `title` is only `Death toll`"),
        "{stderr}"
    );
    assert_eq!(site.page("/2024/02/01/toll/").text("h1"), "Death toll");

    // Quoted, the value is kept whole and nothing is said.
    site.file(
        "content/events/2024-02-01-toll.md",
        "---\ntitle: \"Death toll #2 rises\" # checked\nplace: 'Kerman #1 square'\nsources: [afp]\ntags:\n  - \"Kerman #1\"\n---\nThe toll rises [@afp] [@irna].\n",
    );
    site.file(
        "content/sources/irna.md",
        "---\nname: \"Islamic Republic News Agency #IRNA\"\nshort: IRNA\n---\nState agency.\n",
    )
    .remove("content/explainers/kerman.md");
    let output = site.build(&[]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = site.page("/2024/02/01/toll/");
    assert_eq!(page.text("h1"), "Death toll #2 rises");
    assert!(page.text(".place").contains("Kerman #1 square"));
}

/// A comment on its own line, after a quoted value, or after a value that never holds
/// a space (ids, dates, zones, flags, kinds, numbers) cuts nothing.
#[test]
fn comments_that_cut_nothing_are_not_warned_about() {
    let site = site_with_event(
        "content/events/2024-02-01-quiet.md",
        "# written by the desk\ntitle: \"Quiet\" # quoted\ndate: 2024-02-01 # local time\ntimezone: Asia/Tehran # IRST\nsources: [afp] # main wire\nexplainers:\n  - qasem-soleimani # background\ncoordinates: [30.28, 57.08] # the square\ndraft: false # ready\nextra:\n  toll: 84 # confirmed\n",
        "Quiet [@afp] [@irna].\n",
    );
    site.file(
        "content/sources/irna.md",
        "---\nname: IRNA\nkind: official # state-run\nurl: https://www.irna.ir/ # home\n---\nState agency [[Quiet]].\n",
    );
    let (code, stderr) = run(&site, &["check", "--strict"]);
    assert_eq!(code, Some(0), "{stderr}");
}

/// YAML drops a tag or anchor written before a value as silently as a comment after
/// it.
#[test]
fn a_tag_or_anchor_before_a_text_value_is_a_warning() {
    let site = site_with_event(
        "content/events/2024-02-01-breaking.md",
        "title: !Breaking Kerman toll rises\nplace: &centre Kerman\nsources: [afp]\n",
        "x [@afp]\n",
    );
    let (code, stderr) = run(&site, &["check", "--strict"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "warning: YAML reads `!Breaking` as a tag and drops it, so `title` is only `Kerman toll rises`\n --> content/events/2024-02-01-breaking.md:2:8\n",
            "help: quote the value to keep all of it: `title: \"!Breaking Kerman toll rises\"`",
            "warning: YAML reads `&centre` as an anchor and drops it, so `place` is only `Kerman`\n --> content/events/2024-02-01-breaking.md:3:8\n",
        ],
        "check failed: --strict turns warnings into errors",
    );
}

/// An unknown key, an unknown zone, an unknown source in front matter and in the body:
/// four errors of one file, in one run, for `build` and `check` alike.
#[test]
fn every_error_of_a_file_is_reported_in_one_run() {
    let site = site_with_event(
        "content/events/2024-02-01-errors.md",
        "title: Errors\ntag: [Kerman]\ntimezone: Asia/Tehrn\ndate: 2024-02-01T10:00\nsources: [afp, reuter]\n",
        "Blasts [@afpp].\n",
    );
    for command in ["build", "check"] {
        let (code, stderr) = run(&site, &[command]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(
            &stderr,
            &[
                "[1/4] error: unknown field `tag`\n --> content/events/2024-02-01-errors.md:3:1\n",
                "= help: did you mean `tags`?",
                "[2/4] error: unknown time zone `Asia/Tehrn`\n --> content/events/2024-02-01-errors.md:4:11\n",
                "[3/4] error: unknown source `reuter`\n --> content/events/2024-02-01-errors.md:6:16\n",
                "[4/4] error: unknown source `afpp`\n --> content/events/2024-02-01-errors.md:8:9\n",
            ],
            &format!("{command} failed: 4 errors"),
        );
    }
}

/// A date that is wrong, or front matter that YAML cannot read, does not hide the
/// body's errors; nor does a TOML front matter's error.
#[test]
fn body_errors_are_reported_beside_front_matter_errors() {
    let cases = [
        (
            "title: Bad date\ndate: 2024-02-30\n",
            "error: `2024-02-30` is not a date: February 2024 has 29 days\n --> content/events/bad.md:3:7\n",
        ),
        (
            "title: [Unclosed\ndate: 2024-02-01\n",
            "error: `title` must be text, but YAML reads a value that starts with `[` as a list\n --> content/events/bad.md:2:8\n",
        ),
        (
            "title: X\ndate: 0800\n",
            "error: YAML reads the unquoted `0800` as the number 800, not as a date\n --> content/events/bad.md:3:7\n",
        ),
    ];
    for (front_matter, expected) in cases {
        let site = site_with_event(
            "content/events/bad.md",
            front_matter,
            "Seen by [@reuter] and [[Qasem Soleiman]].\n",
        );
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(
            &stderr,
            &[
                expected,
                "error: unknown source `reuter`\n --> content/events/bad.md:5:10\n",
                "= help: did you mean `reuters`?",
                "error: unknown wikilink `[[Qasem Soleiman]]`\n --> content/events/bad.md:5:23\n",
            ],
            "check failed: 3 errors",
        );
    }
    let site = Site::basic();
    site.file(
        "content/events/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-02-01\ntag = [\"x\"]\ndraft = \"no\"\n+++\nSeen by [@reuter].\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "error: `draft` must be `true` or `false`\n --> content/events/bad.md:5:9\n",
            "error: unknown field `tag`\n --> content/events/bad.md:4:1\n",
            "error: unknown source `reuter`\n --> content/events/bad.md:7:10\n",
        ],
        "check failed: 3 errors",
    );
}

/// An event that has no date or URL is still named by other files: references to it
/// are not reported as unknown, and its own errors are reported once.
#[test]
fn an_event_that_fails_is_not_unknown_to_others() {
    let site = site_with_event(
        "content/events/a.md",
        "title: Event A\ndate: 2024-02-30\n",
        "A [@afp].\n",
    );
    site.file(
        "content/events/2024-02-01-b.md",
        "---\ntitle: B\n---\nSee [A](event:a) and [[Event A]] [@afp].\n",
    )
    .file(
        "content/events/2024-02-02-c.md",
        "---\ntitle: C\nslug: [c]\n---\nSee [[C]] [@afp].\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "[1/2] error: `slug` must be text, but YAML reads a value that starts with `[` as a list\n --> content/events/2024-02-02-c.md:3:7\n",
            "= help: write it as text, like `slug: kerman-explosions`",
            "[2/2] error: `2024-02-30` is not a date: February 2024 has 29 days\n --> content/events/a.md:3:7\n",
        ],
        "check failed: 2 errors",
    );
}

/// A line indented with a tab, or a field indented under a key that cannot hold it:
/// the error is the indentation, at that line, not the key above.
#[test]
fn an_indented_field_is_reported_at_its_line_with_the_fix() {
    let cases = [
        (
            "title: X\ndate: 2024-02-01\nsources: [afp]\n\tplace: Kerman\n",
            "error: a tab indents this line, and YAML indents with spaces only\n --> content/events/x.md:5:1\n",
            "= help: start `place:` at the beginning of the line, without the tab",
        ),
        (
            "title: X\ndate: 2024-02-01\nsources: [afp]\n  place: Kerman\n",
            "error: `place:` is indented, so YAML reads it as part of `sources`\n --> content/events/x.md:5:3\n",
            "= help: start `place:` at the beginning of the line, like `sources:`",
        ),
        (
            "title:\n  place: Kerman\ndate: 2024-02-01\n",
            "error: `place:` is indented, so YAML reads it as part of `title`\n --> content/events/x.md:3:3\n",
            "= help: start `place:` at the beginning of the line, like `title:`",
        ),
        (
            "title: X\ndate: 2024-02-01\nimage:\n  src: favicon.svg\n  alt: A mark\n  place: Kerman\n",
            "error: `place:` is indented, so YAML reads it as part of `image`\n --> content/events/x.md:7:3\n",
            "= help: start `place:` at the beginning of the line, like `image:`",
        ),
        (
            "title: X\ndate: 2024-02-01\nimage:\n  src: favicon.svg\nalt: A mark\n",
            "error: unknown field `alt`\n --> content/events/x.md:6:1\n",
            "= help: to give the image's `alt`, indent the line under `image:`, like its `src:`",
        ),
    ];
    for (front_matter, expected, help) in cases {
        let site = site_with_event("content/events/x.md", front_matter, "x [@afp]\n");
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(&stderr, &[expected, help], "check failed: 1 error");
        assert!(!stderr.contains("must be"), "{stderr}");
    }
    // A field of `image`, and anything under `extra`, are where they belong.
    let site = site_with_event(
        "content/events/x.md",
        "title: X\ndate: 2024-02-01\nimage:\n  src: favicon.svg\n  alt: A mark\nextra:\n  place: Kerman\n",
        "x [@afp]\n",
    );
    site.build(&[]);
}

#[test]
fn a_key_given_twice_is_named_with_both_lines() {
    let site = site_with_event(
        "content/events/x.md",
        "title: X\ndate: 2024-02-01\nimage:\n  src: favicon.svg\n  alt: A mark\n  alt: Another\ntitle: Y\n",
        "x [@afp]\n",
    );
    site.file(
        "content/events/y.md",
        "+++\ntitle = \"Y\"\ndate = 2024-02-01\ntitle = \"Z\"\n+++\nx\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "[1/3] error: `alt` is given twice under `image`, on lines 6 and 7\n --> content/events/x.md:7:3\n",
            "= help: keep one of the two lines",
            "[2/3] error: `title` is given twice, on lines 2 and 8\n --> content/events/x.md:8:1\n",
            "[3/3] error: `title` is given twice, on lines 2 and 4\n --> content/events/y.md:4:1\n",
        ],
        "check failed: 3 errors",
    );
    // dateline.toml is read by the same TOML reading.
    site.file(
        "dateline.toml",
        "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\ntitle = \"Again\"\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &["error: `title` is given twice, on lines 1 and 3\n --> dateline.toml:3:1\n"],
        "check failed: 1 error",
    );
}

/// Unquoted text stays as written; a date YAML reads as another number is refused
/// with the quoted form as the fix.
#[test]
fn a_value_yaml_reads_as_a_number_is_kept_as_text_or_refused_with_the_fix() {
    let site = site_with_event(
        "content/events/2024-02-01-novel.md",
        "title: 1984\nplace: NO\nsources: [afp]\ntags: [2024, true]\n",
        "x [@afp]\n",
    );
    site.build(&[]);
    let page = site.page("/2024/02/01/novel/");
    assert_eq!(page.text("h1"), "1984");
    assert!(page.text(".place").contains("NO"));
    assert!(site.path("public/tags/true/index.html").exists());

    for (date, expected, help) in [
        (
            "date: 0800",
            "error: YAML reads the unquoted `0800` as the number 800, not as a date\n --> content/events/old.md:3:7\n",
            "= help: quote it: `date: \"0800\"`",
        ),
        (
            "date: 2024-02-01\nend: 0o17",
            "error: YAML reads the unquoted `0o17` as the number 15, not as a date\n --> content/events/old.md:4:6\n",
            "= help: write a date, like `end: 2024-01-03`",
        ),
        (
            "date: 2024-02-01\nupdated: true",
            "error: YAML reads the unquoted `true` as `true`, not as a date\n --> content/events/old.md:4:10\n",
            "= help: write a date, like `updated: 2024-01-03`",
        ),
    ] {
        let site = site_with_event(
            "content/events/old.md",
            &format!("title: Old\n{date}\nsources: [afp]\n"),
            "x [@afp]\n",
        );
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(&stderr, &[expected, help], "check failed: 1 error");
    }
    // A decimal comma makes two numbers of one.
    let site = site_with_event(
        "content/events/2024-02-01-x.md",
        "title: X\ncoordinates: [30,28, 57,08]\nsources: [afp]\n",
        "x [@afp]\n",
    );
    let (code, stderr) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_reports(
        &stderr,
        &[
            "error: `coordinates` has 4 numbers, not 2: a comma separates numbers, so decimals are written with a point\n --> content/events/2024-02-01-x.md:3:1\n",
            "= help: write `[latitude, longitude]` in degrees: `coordinates: [30.28, 57.08]`",
        ],
        "check failed: 1 error",
    );
    let site = site_with_event(
        "content/events/old.md",
        "title: Old\ndate: \"0800\"\nsources: [afp]\n",
        "x [@afp]\n",
    );
    site.build(&[]);
    assert!(site.path("public/0800/old/index.html").exists());
}

/// `null`, `~` and an empty value are no value: said so, with the fix.
#[test]
fn no_value_says_what_yaml_read() {
    let cases = [
        (
            "title: null\n",
            "error: YAML reads `null` as no value, so `title` is empty\n --> content/events/2024-02-01-x.md:2:8\n",
            "= help: to keep `null` as text, quote it: `title: \"null\"`\n",
        ),
        (
            "title:\n",
            "error: `title` is empty\n --> content/events/2024-02-01-x.md:2:6\n",
            "= help: write its value after `title:`\n",
        ),
        (
            "title: X\ntags: [Kerman, ~]\n",
            "error: YAML reads `~` as no value, so an item of `tags` is empty\n --> content/events/2024-02-01-x.md:3:16\n",
            "= help: to keep `~` as text, quote it: `\"~\"`; or remove the item",
        ),
        (
            "title: X\nsources:\n",
            "error: `sources` is empty\n --> content/events/2024-02-01-x.md:3:8\n",
            "= help: write its value after `sources:`, or remove the line",
        ),
        (
            "place: Kerman\n",
            "error: the front matter has no `title`\n --> content/events/2024-02-01-x.md:2:1\n",
            "= help: add a line `title: …`",
        ),
    ];
    for (front_matter, expected, help) in cases {
        let site = site_with_event("content/events/2024-02-01-x.md", front_matter, "x [@afp]\n");
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(&stderr, &[expected, help], "check failed: 1 error");
    }
    // An optional field with no value is left out.
    let site = site_with_event(
        "content/events/2024-02-01-x.md",
        "title: X\nplace: ~\nsummary: null\n",
        "x [@afp]\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/2024/02/01/x/").count(".place"), 0);
}

/// YAML syntax at the start of a value, or inside it: the cause in words, and the
/// value quoted as the fix.
#[test]
fn yaml_syntax_in_a_value_is_explained_with_the_fix() {
    let cases = [
        (
            "title: Kerman: the day after",
            "error: the `: ` inside the value of `title` starts a new key in YAML\n --> content/events/2024-02-01-x.md:2:14\n",
            "= help: quote it: `title: \"Kerman: the day after\"`",
        ),
        (
            "title: [Updated] Death toll rises",
            "error: `title` must be text, but YAML reads a value that starts with `[` as a list\n --> content/events/2024-02-01-x.md:2:8\n",
            "= help: quote it: `title: \"[Updated] Death toll rises\"`",
        ),
        (
            "title: \"Death toll\" rises",
            "error: the quotes around `\"Death toll\"` end before the value of `title` does\n --> content/events/2024-02-01-x.md:2:21\n",
            "= help: quote the whole value: `title: '\"Death toll\" rises'`",
        ),
        (
            "title: 'It's over'",
            "error: the quotes around `'It'` end before the value of `title` does\n --> content/events/2024-02-01-x.md:2:12\n",
            "= help: quote the whole value: `title: \"It's over\"`",
        ),
        (
            "title: *Breaking* toll rises",
            "error: YAML reads `*Breaking*` at the start of a value as a reference to an anchor\n --> content/events/2024-02-01-x.md:2:8\n",
            "= help: quote it: `title: \"*Breaking* toll rises\"`",
        ),
        (
            "title: @Kerman",
            "error: YAML does not allow an unquoted value to start with `@`\n --> content/events/2024-02-01-x.md:2:8\n",
            "= help: quote it: `title: \"@Kerman\"`",
        ),
        (
            "title: \"Unclosed",
            "error: the quote that opens the value of `title` is never closed\n --> content/events/2024-02-01-x.md:2:8\n",
            "= help: end the value with `\"`: `title: \"Unclosed\"`",
        ),
        (
            "title: X\ntags: [Kerman #1, Attacks]",
            "error: a ` #` inside `[…]` starts a comment, which hides the rest of the line, `]` included\n --> content/events/2024-02-01-x.md:3:7\n",
            "= help: quote the item: `tags: [\"Kerman #1\", Attacks]`",
        ),
        (
            "title: X\nsources: afp",
            "error: `sources` must be a list of ids, like `[afp, reuters]`\n --> content/events/2024-02-01-x.md:3:10\n",
            "= help: write `sources: [afp]`",
        ),
    ];
    for (front_matter, expected, help) in cases {
        let site = site_with_event(
            "content/events/2024-02-01-x.md",
            &format!("{front_matter}\n"),
            "x [@afp]\n",
        );
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_reports(&stderr, &[expected, help], "check failed: 1 error");
    }
}

#[test]
fn a_date_key_written_quoted_or_spaced_is_checked_like_any_other() {
    for line in ["\"date\": 0x7E8", "date : 0o3720"] {
        let site = site_with_event(
            "content/events/odd.md",
            &format!("title: A\n{line}\nsources: [afp]\n"),
            "x [@afp]\n",
        );
        let (code, stderr) = run(&site, &["check"]);
        assert_eq!(code, Some(1), "{line}: {stderr}");
        assert!(stderr.contains("not as a date"), "{line}: {stderr}");
    }
}

#[test]
fn front_matter_in_flow_style_on_one_line_reads() {
    let site = site_with_event(
        "content/events/flow.md",
        "{title: Flow style, date: 2024-02-01, sources: [afp]}\n",
        "x [@afp]\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/2024/02/01/flow/").text("h1"), "Flow style");
}

/// Each error in `stderr` as (`line:col` in `file`, message, help).
fn errors_in(stderr: &str, file: &str) -> Vec<(String, String, Option<String>)> {
    crate::helpers::errors(stderr)
        .into_iter()
        .map(|(at, message, help)| (at.replacen(&format!("{file}:"), "", 1), message, help))
        .collect()
}

#[test]
fn a_wrong_field_of_an_image_hides_none_of_its_other_problems() {
    let file = "content/events/x.md";
    let missing = (
        "image `images/missing.jpg` not found".to_owned(),
        Some(
            "put the file under static/ and give its path there (`images/kerman.jpg`), or an absolute URL"
                .to_owned(),
        ),
    );
    let typo = |at: &str| {
        (
            at.to_owned(),
            "unknown field `captoin` under `image`".to_owned(),
            Some("did you mean `caption`?".to_owned()),
        )
    };
    let other = |at: &str| {
        (
            at.to_owned(),
            "unknown field `note` under `image`".to_owned(),
            Some("an image takes `src`, `alt`, `caption`, `credit`, `width`, `height`".to_owned()),
        )
    };
    let cases = [
        (
            "---\ntitle: X\ndate: 2024-02-01\nimage:\n  src: images/missing.jpg\n  alt: A photo\n  captoin: Kerman\n  note: x\n---\nText.\n",
            ["5:8", "7:3", "8:3"],
        ),
        (
            "---\ntitle: X\ndate: 2024-02-01\nimage: { src: images/missing.jpg, alt: A photo, captoin: Kerman, note: x }\n---\nText.\n",
            ["4:15", "4:49", "4:66"],
        ),
        (
            "+++\ntitle = \"X\"\ndate = 2024-02-01\nimage = { src = \"images/missing.jpg\", alt = \"A photo\", captoin = \"Kerman\", note = \"x\" }\n+++\nText.\n",
            ["4:17", "4:56", "4:76"],
        ),
        (
            "+++\ntitle = \"X\"\ndate = 2024-02-01\n\n[image]\nsrc = \"images/missing.jpg\"\nalt = \"A photo\"\ncaptoin = \"Kerman\"\nnote = \"x\"\n+++\nText.\n",
            ["6:7", "8:1", "9:1"],
        ),
    ];
    for (text, [src, captoin, note]) in cases {
        let site = Site::basic();
        site.file(file, text);
        let stderr = site.build_fails(&[]);
        let expected = vec![
            (src.to_owned(), missing.0.clone(), missing.1.clone()),
            typo(captoin),
            other(note),
        ];
        assert_eq!(errors_in(&stderr, file), expected, "{stderr}");
    }
    // A missing `alt` is said with the unknown key; the rest reads.
    let site = site_with_event(
        file,
        "title: X\ndate: 2024-02-01\nimage:\n  src: favicon.svg\n  captoin: Kerman\n  credit: [A, B]\n",
        "Text.\n",
    );
    let expected = [
        (
            "5:3",
            "`image` has no `alt`",
            Some(
                "add `alt: …` to it, indented like `src:`: an image needs its file (`src`) and a text for readers who cannot see it (`alt`)",
            ),
        ),
        (
            "6:3",
            "unknown field `captoin` under `image`",
            Some("did you mean `caption`?"),
        ),
        (
            "7:11",
            "`credit` under `image` must be text; quote it if it looks like a number, list or map",
            None,
        ),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .into_iter()
        .map(|(at, m, h)| (at.to_owned(), m.to_owned(), h.map(str::to_owned)))
        .collect();
    assert_eq!(errors_in(&site.build_fails(&[]), file), expected);
}
