//! Generated sites through the whole build short of writing: load, resolve, lint,
//! render and the link check, with `dateline::pipeline::generate_memory`.
//!
//! The input is structured: a configuration, up to a dozen events, sources and
//! explainers whose front matter is built from the real keys with plausible and odd
//! values (YAML or TOML, sometimes unclosed), Markdown bodies of citations,
//! wikilinks, footnotes, tables and raw HTML, and sometimes a site template made of
//! Tera tags, loops, includes, filters and unknown variables. Any panic is a bug;
//! diagnostics are the expected outcome for bad input.
#![no_main]

use std::fmt::Write as _;
use std::path::PathBuf;

use arbitrary::Arbitrary;
use dateline::load::raw::{
    EVENT_FIELDS, EXPLAINER_FIELDS, EXPLAINER_KINDS, SOURCE_FIELDS, SOURCE_KINDS,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Site {
    zone: u8,
    base_url: u8,
    newest_first: bool,
    autolink: bool,
    cname: bool,
    files: Vec<File>,
    templates: Vec<Template>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Kind {
    Event,
    Source,
    Explainer,
}

#[derive(Arbitrary, Debug)]
struct File {
    kind: Kind,
    /// Picks the id from a short list, so documents refer to each other and collide.
    id: u8,
    nested: bool,
    /// YAML mostly, then TOML, then unclosed or missing delimiters: see [`syntax`].
    syntax: u8,
    crlf: bool,
    /// The first required key (`title`, `name`) is left out when this is 255.
    unnamed: u8,
    fields: Vec<(u8, Value)>,
    body: Vec<Block>,
}

#[derive(Arbitrary, Debug)]
enum Value {
    /// A plausible value for the key: see [`plausible`].
    Plausible(u8),
    /// A value that has broken parsers before.
    Odd(u8),
    Text(String),
    Date {
        year: u16,
        month: u8,
        day: u8,
        time: Option<(u8, u8, u8)>,
        offset: Option<i8>,
    },
    Number(f64),
    Bool(bool),
    List(Vec<u8>),
    Image {
        src: u8,
        alt: bool,
        caption: Option<String>,
    },
}

#[derive(Arbitrary, Debug)]
enum Block {
    Text(u8),
    Citation(u8),
    Wikilink(u8, bool),
    EventLink(u8),
    Footnote(u8),
    Table(u8, u8),
    Html(u8),
    Explainer(u8),
    Image(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Template {
    name: u8,
    extends: bool,
    nodes: Vec<Node>,
}

#[derive(Arbitrary, Debug)]
enum Node {
    Text(String),
    Var(u8, Option<u8>),
    If(u8, Vec<Node>),
    For(u8, Vec<Node>),
    Include(u8),
    Block(Vec<Node>),
    Raw(u8),
}

const IDS: &[&str] = &[
    "2024-01-03-kerman",
    "2024-01-04-funeral",
    "2020-01-03-strike",
    "afp",
    "reuters",
    "irna",
    "qasem-soleimani",
    "kerman",
    "quds-force",
    "2024-01-03-kerman",
];

const PLAUSIBLE: &[&str] = &[
    "Kerman explosions",
    "2024-01-03",
    "2024-01-03T14:50",
    "2024-01",
    "2024",
    "Asia/Tehran",
    "Kerman, Iran",
    "news-agency",
    "person",
    "https://www.afp.com/",
    "IR",
    "fa",
    "AFP",
    "Two blasts near the grave.",
    "kerman-blasts",
    "قاسم سلیمانی",
];

const ODD: &[&str] = &[
    "2024-02-30",
    "2024-03-21T00:30",
    "2024-01-03T14:60",
    "2024-01-03T23:59:60",
    "2024-13",
    "0000",
    "-1",
    "1e400",
    "~",
    "null",
    "\"quoted: value\"",
    "'single'",
    "\"",
    "[",
    "{",
    "---",
    "+++",
    "../../x",
    "a/b",
    "Mars/Olympus",
    "UTC+14:00",
    "&anchor x",
    "*alias",
    "!!binary aGk=",
    "|\n  block",
    "[@afp]",
    "[[Kerman]]",
    "\u{0}",
    "\u{202e}bidi",
    "",
];

const TEXTS: &[&str] = &[
    "Two blasts near the grave.",
    "Mourners gathered in **Kerman**.",
    "The Quds Force and قاسم سلیمانی.",
    "Soleimani, Kerman and the Quds Force again.",
    "A line with `code [@afp]` in it.",
    "> quoted",
    "- item\n  - nested",
    "1. first\n2. second",
    "```\n[@afp] [[Kerman]]\n```",
    "Text\\\nwith a hard break",
    "emoji 🇮🇷",
    "",
];

const HTML: &[&str] = &[
    "<div>raw [@afp] html</div>",
    "<a href=\"/sources/afp/\">AFP</a>",
    "<a href=\"/nowhere/\">broken</a>",
    "<a href=\"https://example.org/\">out</a>",
    "<img src=\"/images/x.jpg\">",
    "<script>alert(1)</script>",
    "<!-- comment",
    "<a href='../../etc/passwd'>up</a>",
    "<div",
];

const VARS: &[&str] = &[
    "site.title",
    "site.base_path",
    "site.counts.events",
    "site.extra",
    "page.title",
    "page.url",
    "page.kind",
    "page.json_ld",
    "event.title",
    "event.body",
    "event.sources",
    "event.extra",
    "source.name",
    "explainer.title",
    "timeline.years",
    "item.html",
    "nobody",
    "site.nowhere",
    "event?.title",
    "loop.index",
    "x",
];

const FILTERS: &[&str] = &[
    "safe",
    "escape",
    "upper",
    "length",
    "default(value=\"\")",
    "truncate(length=5)",
    "first",
    "join(sep=\", \")",
    "date",
    "nosuchfilter",
    "int",
    "json_encode",
];

const LISTS: &[&str] = &[
    "site.nav",
    "site.years",
    "event.sources",
    "event.tags",
    "event.related",
    "timeline.years",
    "sources",
    "explainers",
    "tags",
    "tag.events",
    "archive.groups",
    "page.title",
    "nothing",
];

/// Templates an input may override or include: the theme's page templates, then
/// its partials and one the theme does not have.
fn templates() -> Vec<&'static str> {
    let partials = [
        "partials/event_item.html",
        "partials/event_list.html",
        "partials/pager.html",
        "partials/extra.html",
    ];
    dateline::render::TEMPLATES.iter().copied().chain(partials).collect()
}

const RAW_TEMPLATE: &[&str] = &[
    "{{",
    "{% if %}",
    "{% endfor %}",
    "{% include \"missing.html\" %}",
    "{% include \"base.html\" %}",
    "{% extends \"event.html\" %}",
    "{% macro m() %}{% endmacro %}",
    "{% set x = 1 %}",
    "{{ 1 / 0 }}",
    "{# comment",
    "{% raw %}{{{% endraw %}",
    "<a href=\"{{ site.base_path }}nowhere/\">x</a>",
    "<a href=\"/\">root</a>",
];

fn pick<'a>(list: &[&'a str], n: u8) -> &'a str {
    list[usize::from(n) % list.len()]
}

fn fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Event => EVENT_FIELDS,
        Kind::Source => SOURCE_FIELDS,
        Kind::Explainer => EXPLAINER_FIELDS,
    }
}

/// A string as a TOML or YAML double-quoted scalar (JSON's escapes suit both, bar
/// a few control characters either may refuse: that is the point).
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

fn value(kind: Kind, key: &str, value: &Value, toml: bool) -> String {
    match value {
        Value::Plausible(n) => plausible(kind, key, *n, toml),
        Value::Odd(n) => {
            let odd = pick(ODD, *n);
            if toml && n % 2 == 0 {
                quoted(odd)
            } else {
                odd.to_owned()
            }
        }
        Value::Text(text) => quoted(text),
        Value::Date {
            year,
            month,
            day,
            time,
            offset,
        } => {
            let mut date = format!("{:04}-{:02}-{:02}", year % 10_000, month % 14, day % 33);
            if let Some((h, m, s)) = time {
                let _ = write!(date, "T{:02}:{:02}", h % 26, m % 62);
                if s % 3 == 0 {
                    let _ = write!(date, ":{:02}", s % 62);
                }
            }
            if let Some(offset) = offset {
                let _ = write!(
                    date,
                    "{:+03}:{:02}",
                    offset % 16,
                    (offset.unsigned_abs() % 4) * 15
                );
            }
            // TOML takes full dates natively; YAML reads them as text.
            if toml && (year % 2 == 0) {
                date
            } else {
                quoted(&date)
            }
        }
        Value::Number(x) => format!("{x}"),
        Value::Bool(b) => b.to_string(),
        Value::List(ids) => {
            let items: Vec<String> = ids.iter().map(|n| quoted(pick(IDS, *n))).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Image { src, alt, caption } => {
            let src = pick(
                &[
                    "images/x.jpg",
                    "/images/x.jpg",
                    "https://example.org/x.jpg",
                    "../x.jpg",
                    "",
                ],
                *src,
            );
            let mut parts = vec![format!("src = {}", quoted(src))];
            if *alt {
                parts.push("alt = \"A photo\"".to_owned());
            }
            if let Some(caption) = caption {
                parts.push(format!("caption = {}", quoted(caption)));
            }
            let parts = parts.join(", ");
            if toml {
                format!("{{ {parts} }}")
            } else {
                format!("{{ {} }}", parts.replace(" = ", ": "))
            }
        }
    }
}

enum Syntax {
    Yaml,
    Toml,
    Unclosed,
    Missing,
}

/// Most files are YAML, as most sites' are; arbitrary's default (0) is too.
fn syntax(n: u8) -> Syntax {
    match n {
        0..=159 => Syntax::Yaml,
        160..=223 => Syntax::Toml,
        224..=239 => Syntax::Unclosed,
        _ => Syntax::Missing,
    }
}

/// A value that fits `key` of a document of `kind`, mostly: ids that other files of
/// the site may have, dates of every precision.
fn plausible(kind: Kind, key: &str, n: u8, toml: bool) -> String {
    let list = |items: &[&str]| {
        let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
        format!("[{}]", items.join(", "))
    };
    let one = |items: &[&str]| quoted(pick(items, n));
    match (kind, key) {
        (_, "date" | "end" | "updated") => one(&[
            "2024-01-03",
            "2024-01-03T14:50",
            "2024-01",
            "2024",
            "2024-01-03T14:50+03:30",
        ]),
        (_, "timezone") => one(&["Asia/Tehran", "Europe/London", "UTC"]),
        (_, "coordinates") => pick(&["[30.28, 57.08]", "[-90, 180]", "[0, 0]"], n).to_owned(),
        (_, "sources") => list(&IDS[3..3 + usize::from(n % 4)]),
        (_, "explainers") => list(&IDS[6..6 + usize::from(n % 4)]),
        (_, "tags") => list(&["Attacks", "Iran", "attacks"][..usize::from(n % 4)]),
        (_, "aliases") => list(&["Soleimani", "Haj Qasem", "قاسم سلیمانی"][..usize::from(n % 4)]),
        (_, "image") if toml => "{ src = \"https://example.org/x.jpg\", alt = \"A\" }".to_owned(),
        (_, "image") => "{src: \"https://example.org/x.jpg\", alt: A, caption: C}".to_owned(),
        (_, "slug") => one(&["kerman-blasts", "funeral", "2024"]),
        (_, "draft") => (n % 2 == 1).to_string(),
        (_, "corrections") if toml => {
            "[{ date = 2024-01-04, text = \"The toll was *20* [@afp].\" }]".to_owned()
        }
        (_, "corrections") => {
            "[{date: 2024-01-04, text: \"The toll was *20* [@afp].\"}]".to_owned()
        }
        (_, "extra") if toml => "{ note = \"x\", n = 1 }".to_owned(),
        (_, "extra") => "{note: x, n: 1}".to_owned(),
        (Kind::Source, "kind") => one(SOURCE_KINDS),
        (_, "kind") => one(EXPLAINER_KINDS),
        (_, "url") => one(&[
            "https://www.afp.com/",
            "http://example.org/a?b=c&d",
            "/local/",
        ]),
        (_, "country") => one(&["IR", "GB", "fr"]),
        (_, "language") => one(&["fa", "en", "ar"]),
        _ => one(PLAUSIBLE),
    }
}

fn front_matter(file: &File) -> String {
    let syntax = syntax(file.syntax);
    let toml = matches!(syntax, Syntax::Toml);
    let sep = if toml { " = " } else { ": " };
    let mut text = String::new();
    if file.unnamed != 255 {
        let key = if matches!(file.kind, Kind::Source) {
            "name"
        } else {
            "title"
        };
        let _ = writeln!(text, "{key}{sep}{}", quoted(pick(IDS, file.id)));
    }
    let keys = fields(file.kind);
    for (key, v) in file.fields.iter().take(12) {
        // Now and then a key that is not one.
        let key = match key {
            250 => "titel",
            251 => "  nested",
            252 => "- item",
            k => pick(keys, *k),
        };
        let _ = writeln!(text, "{key}{sep}{}", value(file.kind, key, v, toml));
    }
    match syntax {
        Syntax::Yaml => format!("---\n{text}---\n"),
        Syntax::Toml => format!("+++\n{text}+++\n"),
        Syntax::Unclosed => format!("---\n{text}"),
        Syntax::Missing => text,
    }
}

fn block(block: &Block) -> String {
    match block {
        Block::Text(n) => pick(TEXTS, *n).to_owned(),
        Block::Citation(n) => format!("A claim [@{}].", reference(&IDS[3..6], *n)),
        Block::Wikilink(n, label) => {
            let id = reference(&IDS[6..9], *n);
            if *label {
                format!("See [[{id}|the background]].")
            } else {
                format!("See [[{id}]].")
            }
        }
        Block::EventLink(n) => format!("[earlier](event:{})", reference(&IDS[..3], *n)),
        Block::Footnote(n) => format!(
            "A note.[^{n}]\n\n[^{n}]: Said by [@{}].",
            reference(&IDS[3..6], *n)
        ),
        Block::Table(a, b) => format!(
            "| a | b |\n|---|---|\n| [@{}] | [[{}]] |",
            reference(&IDS[3..6], *a),
            reference(&IDS[6..9], *b)
        ),
        Block::Html(n) => pick(HTML, *n).to_owned(),
        Block::Explainer(n) => format!("## Who is {} {{.explainer}}", pick(IDS, *n)),
        Block::Image(n) => {
            let src = pick(
                &[
                    "images/x.jpg",
                    "/images/x.jpg",
                    "https://example.org/x.jpg",
                    "x y.png",
                ],
                *n,
            );
            format!("![A photo]({src} \"Caption\")")
        }
        Block::Raw(text) => text.clone(),
    }
}

/// An id of the kind a reference expects, mostly; now and then any id at all.
fn reference<'a>(ids: &[&'a str], n: u8) -> &'a str {
    if n >= 224 { pick(IDS, n) } else { pick(ids, n) }
}

fn path(file: &File, index: usize) -> String {
    let (folder, id) = match file.kind {
        Kind::Event => ("events", pick(&IDS[..3], file.id)),
        Kind::Source => ("sources", pick(&IDS[3..6], file.id)),
        Kind::Explainer => ("explainers", pick(&IDS[6..9], file.id)),
    };
    let nested = if file.nested {
        format!("{index}/")
    } else {
        String::new()
    };
    format!("content/{folder}/{nested}{id}.md")
}

fn document(file: &File) -> Vec<u8> {
    let body: Vec<String> = file.body.iter().take(12).map(block).collect();
    let text = format!("{}{}\n", front_matter(file), body.join("\n\n"));
    let text = if file.crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    text.into_bytes()
}

fn nodes(nodes: &[Node], depth: usize, out: &mut String) {
    for node in nodes.iter().take(8) {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Var(n, filter) => {
                let _ = match filter {
                    Some(f) => write!(out, "{{{{ {} | {} }}}}", pick(VARS, *n), pick(FILTERS, *f)),
                    None => write!(out, "{{{{ {} }}}}", pick(VARS, *n)),
                };
            }
            Node::If(n, inner) if depth < 4 => {
                let _ = write!(out, "{{% if {} %}}", pick(VARS, *n));
                self::nodes(inner, depth + 1, out);
                out.push_str("{% else %}-{% endif %}");
            }
            Node::For(n, inner) if depth < 4 => {
                let _ = write!(out, "{{% for x in {} %}}", pick(LISTS, *n));
                self::nodes(inner, depth + 1, out);
                out.push_str("{% endfor %}");
            }
            Node::Include(n) => {
                let _ = write!(out, "{{% include \"{}\" %}}", pick(&templates(), *n));
            }
            Node::Block(inner) if depth < 4 => {
                out.push_str("{% block content %}");
                self::nodes(inner, depth + 1, out);
                out.push_str("{% endblock %}");
            }
            Node::Raw(n) => out.push_str(pick(RAW_TEMPLATE, *n)),
            _ => {}
        }
    }
}

fn template(template: &Template) -> (PathBuf, Vec<u8>) {
    let mut text = String::new();
    if template.extends {
        text.push_str("{% extends \"base.html\" %}{% block content %}");
    }
    nodes(&template.nodes, 0, &mut text);
    if template.extends {
        text.push_str("{% endblock %}");
    }
    let path = format!("templates/{}", pick(&templates(), template.name));
    (PathBuf::from(path), text.into_bytes())
}

fn config(site: &Site) -> String {
    let zone = pick(
        &["", "Asia/Tehran", "Europe/London", "America/New_York"],
        site.zone,
    );
    let base_url = pick(
        &[
            "",
            "https://example.org/",
            "https://example.org/kerman/",
            "/sub/path/",
        ],
        site.base_url,
    );
    let mut config = "title = \"Fuzz\"\n".to_owned();
    if !zone.is_empty() {
        let _ = writeln!(config, "timezone = {zone:?}");
    }
    if !base_url.is_empty() {
        let _ = writeln!(config, "base_url = {base_url:?}");
    }
    if site.newest_first {
        config.push_str("order = \"newest-first\"\n");
    }
    if !site.autolink {
        config.push_str("autolink = false\n");
    }
    if site.cname {
        config.push_str("cname = \"example.org\"\n[extra]\nnote = \"x\"\n");
    }
    config
}

fuzz_target!(|site: Site| {
    let mut files: Vec<(PathBuf, Vec<u8>)> = site
        .files
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, file)| (PathBuf::from(path(file, i)), document(file)))
        .collect();
    files.extend(site.templates.iter().take(2).map(template));
    let diagnostics = match dateline::pipeline::generate_memory(&config(&site), files) {
        Ok(generated) => generated.warnings,
        Err(diagnostics) => diagnostics,
    };
    for diagnostic in diagnostics.0 {
        let _ = diagnostic.render(false);
    }
});
