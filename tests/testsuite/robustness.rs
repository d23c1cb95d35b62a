//! Property tests: whatever bytes or front matter/Markdown mixes a site holds, load
//! and resolve return diagnostics — they never panic — and every diagnostic renders.
//! With site templates in the mix, the whole build short of writing (rendering and
//! the link check included) ends in a site or in diagnostics, never in a panic.

use std::path::PathBuf;

use dateline::diagnostic::Diagnostics;
use dateline::pipeline::{check_bytes, check_memory, generate_memory};
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

/// A site whose content always resolves, so its templates are rendered: the two
/// documents every generated site has, and events citing them.
fn valid_site() -> impl Strategy<Value = Vec<(PathBuf, Vec<u8>)>> {
    const EVENTS: &[&str] = &[
        "content/events/2024-01-01-event.md",
        "content/events/2024/2024-01-02-event.md",
        "content/events/2023-12-31-eve.md",
    ];
    let event = |path: &'static str| {
        prop::collection::vec(prop::sample::select(GOOD_MARKDOWN), 0..4).prop_map(move |parts| {
            let text = format!(
                "---\ntitle: Event\nplace: Kerman\nsources: [source-0]\ntags: [Attacks]\n---\n{}\n",
                parts.join("\n\n")
            );
            (PathBuf::from(path), text.into_bytes())
        })
    };
    let events = prop::sample::subsequence(EVENTS, 0..=EVENTS.len());
    let events =
        events.prop_flat_map(move |paths| paths.into_iter().map(event).collect::<Vec<_>>());
    events.prop_map(|mut files| {
        files.push((
            PathBuf::from("content/sources/source-0.md"),
            b"---\nname: Source Zero\nshort: SZ\n---\nA wire.\n".to_vec(),
        ));
        files.push((
            PathBuf::from("content/explainers/explainer-0.md"),
            b"---\ntitle: Explainer Zero\naliases: [Zero]\n---\nWho.\n".to_vec(),
        ));
        files
    })
}

/// Variables every page has, a page's own, and some no page has.
const TEMPLATE_VARS: &[&str] = &[
    "site.title",
    "site.base_path",
    "site.counts.events",
    "page.title",
    "page.url",
    "page.json_ld",
    "event.title",
    "event.body",
    "source.name",
    "timeline.years",
    "nobody",
    "site.nowhere",
    "event?.title",
    "x",
];

const FILTERS: &[&str] = &[
    "safe",
    "upper",
    "length",
    "default(value=\"\")",
    "truncate(length=3)",
    "first",
    "join(sep=\", \")",
    "json_encode",
    "int",
    "nosuchfilter",
];

const TEMPLATE_LISTS: &[&str] = &[
    "site.nav",
    "site.years",
    "event.sources",
    "event.tags",
    "timeline.years",
    "sources",
    "tag.events",
    "page.title",
    "nothing",
];

/// Fragments of Tera, good and bad: includes of known and unknown templates, links
/// the link check follows, unclosed tags.
const TEMPLATE_BITS: &[&str] = &[
    "<p>text</p>",
    "{% include \"partials/pager.html\" %}",
    "{% include \"partials/event_item.html\" %}",
    "{% include \"missing.html\" %}",
    "{% set x = 1 %}{{ x }}",
    "<a href=\"{{ site.base_path }}sources/\">ok</a>",
    "<a href=\"/nowhere/\">broken</a>",
    "{{",
    "{% endif %}",
    "{# comment #}",
    "{% raw %}{{{% endraw %}",
    "{{ 1 / 0 }}",
    "",
];

/// Tera with tags, loops, filters and includes, nested a few levels.
fn template_body() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(TEMPLATE_BITS).prop_map(str::to_owned),
        prop::sample::select(TEMPLATE_VARS).prop_map(|v| format!("{{{{ {v} }}}}")),
        (
            prop::sample::select(TEMPLATE_VARS),
            prop::sample::select(FILTERS)
        )
            .prop_map(|(v, f)| format!("{{{{ {v} | {f} }}}}")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|parts| parts.concat()),
            (prop::sample::select(TEMPLATE_VARS), inner.clone())
                .prop_map(|(v, body)| format!("{{% if {v} %}}{body}{{% else %}}-{{% endif %}}")),
            (prop::sample::select(TEMPLATE_LISTS), inner).prop_map(|(l, body)| format!(
                "{{% for x in {l} %}}{{{{ x }}}}{body}{{% endfor %}}"
            )),
        ]
    })
}

/// A site template: a page extending the layout, or a whole file of its own.
fn templates() -> impl Strategy<Value = Vec<(PathBuf, Vec<u8>)>> {
    const NAMES: &[&str] = &[
        "templates/index.html",
        "templates/event.html",
        "templates/source.html",
        "templates/404.html",
        "templates/partials/event_item.html",
        "templates/partials/pager.html",
        "templates/partials/extra.html",
    ];
    // The layout every page extends, replaced now and then: most pages then fail alike.
    let name = prop_oneof![8 => prop::sample::select(NAMES), 1 => Just("templates/base.html")];
    let one = (name, any::<bool>(), template_body()).prop_map(|(name, extends, body)| {
        let text = if extends && !name.contains("partials") {
            format!("{{% extends \"base.html\" %}}{{% block content %}}{body}{{% endblock %}}")
        } else {
            body
        };
        (PathBuf::from(name), text.into_bytes())
    });
    prop::collection::vec(one, 0..3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn front_matter_body_and_template_mixes_never_panic(
        content in prop_oneof![1 => site(), 2 => valid_site()],
        templates in templates(),
        base_url in prop::sample::select(&["", "base_url = \"https://example.org/kerman/\""][..]),
    ) {
        let mut files = content;
        files.extend(templates);
        match generate_memory(&format!("title = \"T\"\n{base_url}\n"), files) {
            Ok(generated) => {
                prop_assert!(generated.outputs.iter().any(|o| o.path == "index.html"));
                render_all(&generated.warnings);
            }
            Err(diagnostics) => {
                prop_assert!(diagnostics.has_errors());
                render_all(&diagnostics);
            }
        }
    }
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

#[test]
fn the_whole_build_entry_point_renders_and_reports_template_errors() {
    let content = vec![
        (
            PathBuf::from("content/sources/afp.md"),
            b"---\nname: AFP\n---\n".to_vec(),
        ),
        (
            PathBuf::from("content/events/2024-01-03-kerman.md"),
            b"---\ntitle: Kerman\nsources: [afp]\n---\nTwo blasts [@afp].\n".to_vec(),
        ),
    ];
    let generated = generate_memory("title = \"T\"\n", content.clone())
        .unwrap_or_else(|found| panic!("{found:?}"));
    let page = generated
        .outputs
        .iter()
        .find(|o| o.path == "2024/01/03/kerman/index.html")
        .expect("the event page");
    assert!(String::from_utf8_lossy(&page.bytes).contains("Two blasts"));

    // A site template replaces the built-in one, and its errors name it and the line.
    let mut files = content;
    files.push((
        PathBuf::from("templates/event.html"),
        b"<p>{{ event.title }}</p>\n{{ nobody }}\n".to_vec(),
    ));
    let found = generate_memory("title = \"T\"\n", files)
        .err()
        .expect("an error");
    assert_eq!(found.error_count(), 1, "{found:?}");
    assert_eq!(found.0[0].path, PathBuf::from("templates/event.html"));
    assert_eq!(found.0[0].line, 2);
}
