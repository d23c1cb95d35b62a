//! Property tests: whatever bytes or front matter/Markdown mixes a site holds, load
//! and resolve return diagnostics — they never panic — and every diagnostic renders.

use std::path::PathBuf;

use dateline::diagnostic::Diagnostics;
use dateline::pipeline::{check_bytes, check_memory};
use proptest::prelude::*;

fn render_all(diagnostics: &Diagnostics) {
    for d in &diagnostics.0 {
        assert!(!d.message.is_empty());
        assert!(!d.render(false).is_empty());
        assert!(!d.render(true).is_empty());
    }
}

/// Values that have broken parsers before: dates near the edges, zones, lists,
/// maps, quotes, delimiters, annotations and non-Latin text.
const VALUES: &[&str] = &[
    "2024-01-03",
    "2024-02-30",
    "2024-03-31T02:30",
    "2024-01-03T14:50+03:30",
    "0000",
    "9999-12-31T23:59",
    "2024-13",
    "24",
    "-1",
    "1e400",
    "[30.28, 57.08]",
    "[95, 200]",
    "[]",
    "[afp, reuters]",
    "[afp, afp]",
    "{src: x.jpg, alt: A}",
    "{}",
    "~",
    "null",
    "true",
    "\"quoted: value\"",
    "'single'",
    "\"",
    "[",
    "{",
    "---",
    "+++",
    "../../x",
    "a/b",
    "Asia/Tehran",
    "Mars/Olympus",
    "UTC+14:00",
    "IRST",
    "قاسم سلیمانی",
    "Kerman, Iran",
    "[@afp]",
    "[[Kerman]]",
    "|\n  block",
    ">\n  folded",
    "&anchor x",
    "*alias",
    "!!binary aGk=",
    "\t",
    "",
];

/// Every key of every kind, and a few that are not keys at all.
fn keys() -> Vec<&'static str> {
    use dateline::load::raw::{EVENT_FIELDS, EXPLAINER_FIELDS, SOURCE_FIELDS};
    let mut keys: Vec<&str> = [EVENT_FIELDS, SOURCE_FIELDS, EXPLAINER_FIELDS].concat();
    keys.extend(["titel", "  nested", "- item"]);
    keys
}

const MARKDOWN: &[&str] = &[
    "Two blasts near the grave [@source-0].",
    "[@source-1, @nobody]",
    "[@]",
    "[@@x]",
    "[[explainer-0]]",
    "[[Explainer Zero|the background]]",
    "[[2024-01-01-event]]",
    "[[]]",
    "[[x|]]",
    "[link](/explainers/explainer-1/)",
    "[e](event:2024-01-02-event)",
    "## Who is Explainer Zero {.explainer}",
    "### Nested {.explainer}",
    "# Heading {#id .explainer .x}",
    "Text with a footnote.[^1]",
    "[^1]: The note [@source-0].",
    "![A photo](images/x.jpg \"Caption\")",
    "![](https://example.org/x.jpg)",
    "<div>raw [@source-0] html</div>",
    "<a href=\"x\">Explainer Zero</a>",
    "```\n[@source-0]\n```",
    "| a | b |\n|---|---|\n| [@source-0] | [[explainer-1]] |",
    "> quoted [@source-1]",
    "- item [@source-0]\n  - nested",
    "Explainer Zero and explainer zero again.",
    "---",
    "+++",
    "\u{202e}bidi",
    "emoji 🇮🇷",
    "",
];

fn front_matter() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(keys()), prop::sample::select(VALUES)),
        0..8,
    )
    .prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect()
    })
}

/// Fragments that resolve in every generated site (source-0 and explainer-0 always
/// exist), so some sites pass and reach cross-indexing and linting.
const GOOD_MARKDOWN: &[&str] = &[
    "Two blasts near the grave [@source-0].",
    "[[explainer-0]] and Zero.",
    "Text with a footnote.[^1]\n\n[^1]: The note [@source-0].",
    "> quoted [@source-0]",
    "- item [@source-0]\n  - nested",
    "قاسم سلیمانی and زیرو.",
    "",
];

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(GOOD_MARKDOWN), 0..5),
        prop::collection::vec(prop::sample::select(MARKDOWN), 0..8),
    ]
    .prop_map(|parts| parts.join("\n\n"))
}

/// A whole document at `path`: front matter that is either valid for its kind or a
/// random mix, between chosen delimiters (or none), then a Markdown body.
fn document(path: &'static str) -> impl Strategy<Value = (PathBuf, Vec<u8>)> {
    let first = if path.contains("/sources/") {
        "name: N"
    } else {
        "title: T"
    };
    let valid = if path.contains("/events/") {
        "title: Event\nplace: Kerman\nsources: [source-0]\ntags: [Attacks]\n"
    } else if path.contains("/sources/") {
        "name: Source Zero\nshort: SZ\n"
    } else {
        "title: Explainer Zero\naliases: [Zero, زیرو]\n"
    };
    (
        prop_oneof![
            6 => Just(("---\n", "---\n")),
            1 => Just(("+++\n", "+++\n")),
            1 => Just(("---\n", "")),
            1 => Just(("", "")),
        ],
        prop_oneof![3 => Just(valid.to_owned()), 1 => front_matter().prop_map(move |m| format!("{first}\n{m}"))],
        body(),
        any::<bool>(),
    )
        .prop_map(move |((open, close), matter, body, crlf)| {
            let (open, close) = if matter.starts_with(first) || open.is_empty() {
                (open, close)
            } else if open == "+++\n" {
                ("---\n", "---\n") // the valid front matter is YAML
            } else {
                (open, close)
            };
            let text = format!("{open}{matter}{close}{body}\n");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            (PathBuf::from(path), text.into_bytes())
        })
}

fn site() -> impl Strategy<Value = Vec<(PathBuf, Vec<u8>)>> {
    const NAMES: &[&str] = &[
        "content/events/2024-01-01-event.md",
        "content/events/2024/2024-01-02-event.md",
        "content/events/2023/2024-01-02-event.md",
        "content/sources/source-0.md",
        "content/sources/source-1.md",
        "content/explainers/explainer-0.md",
        "content/explainers/explainer-1.md",
        "content/events/notes.txt",
    ];
    let always = (
        document("content/sources/source-0.md"),
        document("content/explainers/explainer-0.md"),
    );
    (
        always,
        prop::collection::vec(prop::sample::select(NAMES).prop_flat_map(document), 0..6),
    )
        .prop_map(|((source, explainer), mut files)| {
            files.insert(0, source);
            files.insert(1, explainer);
            files
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..600)) {
        render_all(&check_bytes(&data));
    }

    #[test]
    fn arbitrary_text_with_delimiters_never_panics(
        parts in prop::collection::vec(
            prop_oneof![
                Just("---\n".to_owned()),
                Just("+++\n".to_owned()),
                Just("\0".to_owned()),
                ".{0,40}",
            ],
            0..12,
        )
    ) {
        render_all(&check_bytes(format!("\u{1}{}", parts.concat()).as_bytes()));
    }

    #[test]
    fn front_matter_and_markdown_mixes_never_panic(
        files in site(),
        zone in prop::sample::select(&["", "timezone = \"Asia/Tehran\"", "timezone = \"America/New_York\""][..]),
    ) {
        let config = format!("title = \"T\"\n{zone}\n");
        render_all(&check_memory(&config, files));
    }
}

#[test]
fn the_property_entry_point_reports_real_errors() {
    // The entry point is the real pipeline: a broken file comes back as a diagnostic.
    let found = check_memory(
        "title = \"T\"\n",
        vec![(
            PathBuf::from("content/events/2024-01-01-x.md"),
            b"---\ntitle: X\nsources: [nobody]\n---\n".to_vec(),
        )],
    );
    assert_eq!(found.error_count(), 1);
    assert!(found.0[0].message.contains("unknown source `nobody`"));
    assert_eq!(found.0[0].line, 3);
}
