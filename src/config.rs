//! `dateline.toml`: the site's configuration, every key optional.
//!
//! Parsing is strict like front matter: an unknown key is an error with the nearest
//! known key as a suggestion. This module reads and validates; it never touches content.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::i18n::dates::Calendar;
use crate::load::frontmatter::unknown_field_help;
use crate::load::raw::RawImage;

/// Entries per list page when `dateline.toml` does not say. SPEC §1.1, §10.
pub const DEFAULT_PER_PAGE: usize = 200;

/// The most entries per list page `per_page` may ask for: beyond it a page of an
/// archive of 10,000 events is several megabytes, which no reader wants.
pub const MAX_PER_PAGE: usize = 10_000;

/// The configuration file's name, at the site root. SPEC §1.1.
pub const CONFIG_FILE: &str = "dateline.toml";

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "calendar",
    "order",
    "autolink",
    "per_page",
    "key_events",
    "cname",
    "output_dir",
    "follow_links_outside",
    "publish_hidden",
    "tags",
    "figures",
    "image",
    "author",
    "publisher",
    "extra",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    description: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    calendar: Option<String>,
    order: Option<String>,
    autolink: Option<bool>,
    per_page: Option<i64>,
    key_events: Option<bool>,
    cname: Option<String>,
    output_dir: Option<String>,
    follow_links_outside: Option<Vec<String>>,
    publish_hidden: Option<Vec<String>>,
    tags: Option<std::collections::BTreeMap<String, RawTag>>,
    figures: Option<std::collections::BTreeMap<String, RawFigure>>,
    image: Option<RawSiteImage>,
    author: Option<RawAuthor>,
    publisher: Option<RawPublisher>,
    extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `[tags."C++"]`: what the site says about one tag.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTag {
    slug: toml::Spanned<String>,
}

/// A tag's own slug, from `[tags."C++"] slug = "cpp"` in `dateline.toml`: its page
/// is `tags/cpp/` instead of the slug of its name, which may be another tag's
/// (`C++`, `C#` and `C` all slugify to `c`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagSlug {
    /// The tag as the table names it (`C++`).
    pub name: String,
    /// A plain slug (lower-case letters, digits, single hyphens) of at most
    /// [`urls::MAX_SEGMENT`](crate::urls::MAX_SEGMENT) bytes.
    pub slug: String,
}

/// `[figures.killed]`: a figure the site's events may give readings of (SPEC §9.5).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    label: toml::Spanned<String>,
    unit: Option<String>,
}

/// A figure the site's events give readings of, declared in `dateline.toml` as
/// `[figures.killed] label = "Killed"` (SPEC §9.5). Its page is `figures/{name}/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct FigureDecl {
    /// The name events write readings under, a plain slug: `killed`.
    pub name: String,
    /// As shown: `Killed`; never blank.
    pub label: String,
    /// What is counted, shown after values when given (`people`); `None` when not
    /// given or blank.
    pub unit: Option<String>,
}

/// `image = { src = "images/card.png", alt = "…" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSiteImage {
    src: String,
    alt: String,
}

/// `[author]`: `name`, and optionally `url`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    name: String,
    url: Option<String>,
}

/// `[publisher]`: every key optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    name: Option<String>,
    url: Option<String>,
    logo: Option<String>,
}

/// The fields of the tables inside `dateline.toml`, for suggestions.
const TABLE_KEYS: &[&str] = &["src", "alt", "name", "url", "logo", "label", "unit"];

/// The timeline's order: `order` in `dateline.toml`. Templates see it as
/// `oldest-first` or `newest-first`. SPEC §1.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// `oldest-first`, the default: the home page starts with the earliest event.
    OldestFirst,
    /// `newest-first`: the home page starts with the latest event, its years, months
    /// and events reversed, and so do an event page's related events. Archives and
    /// every other list stay oldest first.
    NewestFirst,
}

/// `dateline.toml` parsed and checked, every key defaulted. SPEC §1.1.
#[derive(Clone, Debug)]
pub struct Config {
    /// The site's name (`Kerman, 3 January 2024`), in every page's `<title>` and the
    /// feeds; `Timeline` by default.
    pub title: String,
    /// Always ends with `/`: `https://user.github.io/kerman/` or `/`.
    pub base_url: String,
    /// The path part of `base_url`, the prefix of every internal link: `/kerman/`.
    pub base_path: String,
    /// For feeds, metadata, and pages without a description of their own; empty by
    /// default.
    pub description: String,
    /// A BCP 47 tag for `<html lang>`, as written (not checked); `en` by default.
    pub language: String,
    /// The IANA zone a time without an offset is read in when its document names none;
    /// `None` by default, which makes such a time an error. SPEC §3.
    pub timezone: Option<Tz>,
    /// The calendar readers see dates in (SPEC §11); [`Calendar::Gregorian`] by
    /// default. Machine formats stay ISO 8601 Gregorian whatever it is.
    pub calendar: Calendar,
    /// The home page's order; [`Order::OldestFirst`] by default.
    pub order: Order,
    /// Whether event bodies link an explainer's subject and aliases where they first
    /// appear (SPEC §4); `true` by default.
    pub autolink: bool,
    /// How many entries a list page shows before it continues at `…/page/2/`:
    /// the timeline, archives, tag, source and explainer pages, and the indexes;
    /// 200 by default, at least 1. SPEC §10.
    pub per_page: usize,
    /// Whether the timeline's first page opens with a "Key events" list when any
    /// event is `key: true`; `true` by default. SPEC §10.
    pub key_events: bool,
    /// The custom domain written to `CNAME` for GitHub Pages; `None` when not given or
    /// blank.
    pub cname: Option<String>,
    /// Where `build` writes, as written, relative to the site root unless absolute;
    /// `public` by default. `--output` overrides it.
    pub output_dir: PathBuf,
    /// Symbolic links that may lead outside the site folder, by their path in the
    /// site (`content`, `static/photos`); every other link leading outside is an
    /// error, so a link to a home folder is never published.
    pub follow_links_outside: Vec<String>,
    /// Hidden files and folders under `static/` to publish, by their path there
    /// (`.htaccess`); `.well-known/` and `.nojekyll` always are, no other ever is.
    pub publish_hidden: Vec<String>,
    /// Tags given their own slug, by [`tag_key`](crate::slug::tag_key) of the
    /// name: every spelling of the tag takes it.
    pub tags: std::collections::BTreeMap<String, TagSlug>,
    /// The figures events may give readings of (SPEC §9.5), in the order
    /// `dateline.toml` declares them; empty by default.
    pub figures: Vec<FigureDecl>,
    /// The image of pages that have none of their own, in link previews and
    /// structured data: a static file by its path there, or an absolute URL.
    pub image: Option<RawImage>,
    /// Who writes the timeline, named in feeds and structured data.
    pub author: Option<Party>,
    /// Who publishes it: by default the site itself (its title and address).
    pub publisher: Publisher,
    /// The `[extra]` table, as written, for templates (`site.extra`); empty by default.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A person or organisation named in feeds and page metadata.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Party {
    /// As shown: `Kerman desk`.
    pub name: String,
    /// Their page: an absolute `http(s)` URL.
    pub url: Option<String>,
}

/// The publisher of the site, as `[publisher]` gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Publisher {
    /// Default: the site's `title`.
    pub name: Option<String>,
    /// Default: the site's home page.
    pub url: Option<String>,
    /// A static file by its path there, or an absolute URL.
    pub logo: Option<RawImage>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Timeline".to_owned(),
            base_url: "/".to_owned(),
            base_path: "/".to_owned(),
            description: String::new(),
            language: "en".to_owned(),
            timezone: None,
            calendar: Calendar::Gregorian,
            order: Order::OldestFirst,
            autolink: true,
            per_page: DEFAULT_PER_PAGE,
            key_events: true,
            cname: None,
            output_dir: PathBuf::from("public"),
            follow_links_outside: Vec::new(),
            publish_hidden: Vec::new(),
            tags: Default::default(),
            figures: Vec::new(),
            image: None,
            author: None,
            publisher: Publisher::default(),
            extra: serde_json::Map::new(),
        }
    }
}

impl Config {
    /// Reads `dateline.toml` under `root`; a missing file means every default.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        match crate::fsx::read_regular(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| {
                    vec![Diagnostic::file(
                        CONFIG_FILE,
                        "dateline.toml is not valid UTF-8",
                    )]
                })?;
                Config::parse(&text)
            }
            Err(crate::fsx::ReadError::NotFound) => Ok(Config::default()),
            Err(e @ crate::fsx::ReadError::NotRegular(_)) => Err(vec![
                Diagnostic::file(CONFIG_FILE, format!("cannot read dateline.toml: {e}"))
                    .with_help(Some(crate::fsx::NOT_REGULAR_HELP)),
            ]),
            Err(e) => Err(vec![Diagnostic::file(
                CONFIG_FILE,
                format!("cannot read dateline.toml: {e}"),
            )]),
        }
    }

    /// Parses and validates the text of `dateline.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(at) = text.find('\0') {
            return Err(vec![crate::load::nul_error(
                Path::new(CONFIG_FILE),
                text,
                at,
            )]);
        }
        let escape = crate::load::frontmatter::nul_escape(text, |t| toml::from_str(t).ok());
        if let Some(at) = escape {
            return Err(vec![
                Diagnostic::at_offset(
                    CONFIG_FILE,
                    text,
                    at,
                    "dateline.toml writes a NUL character (U+0000)",
                )
                .with_width(2)
                .with_help(Some(crate::load::frontmatter::NUL_ESCAPE_HELP)),
            ]);
        }
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (message, offset) = crate::load::frontmatter::toml_error(text, &e, "dateline.toml");
            // Inside `[author]` or `image = {…}`, the fields of those tables.
            let known: Vec<&str> = KEYS.iter().chain(TABLE_KEYS).copied().collect();
            let field = crate::load::frontmatter::unknown_field(&message);
            // A top-level key is only unknown when written after a `[table]` header,
            // which makes it part of that table.
            let help = match field {
                Some(field) if KEYS.contains(&field) => {
                    Some(format!(
                        "`{field}` is a key of its own, but here it is read as part of the `[table]` above it: move it above the first `[…]` line"
                    ))
                }
                _ => unknown_field_help(&message, &known),
            };
            vec![Diagnostic::at_offset(CONFIG_FILE, text, offset, message).with_help(help)]
        })?;
        let mut errors = Vec::new();
        let mut error_at = |key: &str, message: String, help: &str| {
            let (line, col) = locate(text, key);
            errors
                .push(Diagnostic::at(CONFIG_FILE, text, line, col, message).with_help(Some(help)));
        };
        let defaults = Config::default();
        let base_url = raw.base_url.unwrap_or(defaults.base_url);
        let base_path = match base_path(&base_url) {
            Some(path) => path,
            None => {
                error_at(
                    "base_url",
                    format!("`{base_url}` is not a base URL"),
                    "write an absolute URL like `https://user.github.io/kerman/`, or a path like `/kerman/`",
                );
                "/".to_owned()
            }
        };
        let timezone = raw
            .timezone
            .and_then(|name| match crate::date::parse_zone(&name) {
                Ok(tz) => Some(tz),
                Err(e) => {
                    error_at("timezone", e.message, e.help.as_deref().unwrap_or_default());
                    None
                }
            });
        if let Some(language) = raw.language.as_deref()
            && !crate::i18n::is_tag(language)
        {
            error_at(
                "language",
                format!("`{language}` is not a BCP 47 language tag"),
                crate::i18n::TAG_HELP,
            );
        }
        let calendar = match raw.calendar.as_deref().map(Calendar::from_name) {
            None => Calendar::Gregorian,
            Some(Some(calendar)) => calendar,
            Some(None) => {
                error_at(
                    "calendar",
                    format!("unknown calendar `{}`", raw.calendar.unwrap_or_default()),
                    Calendar::NAMES_HELP,
                );
                Calendar::Gregorian
            }
        };
        let order = match raw.order.as_deref() {
            None | Some("oldest-first") => Order::OldestFirst,
            Some("newest-first") => Order::NewestFirst,
            Some(other) => {
                error_at(
                    "order",
                    format!("unknown order `{other}`"),
                    "use `oldest-first` or `newest-first`",
                );
                Order::OldestFirst
            }
        };
        let per_page = match raw.per_page {
            None => DEFAULT_PER_PAGE,
            Some(n) if (1..=MAX_PER_PAGE as i64).contains(&n) => n as usize,
            Some(n) => {
                error_at(
                    "per_page",
                    format!("`per_page` is {n}; it must be between 1 and {MAX_PER_PAGE}"),
                    "write how many entries a list page shows before it continues on the next, like `per_page = 200`",
                );
                DEFAULT_PER_PAGE
            }
        };
        // Paths in the site, plain and relative: no `..`, nothing absolute.
        let mut site_paths = |key: &str, paths: Option<Vec<String>>, under: &str| {
            let paths = paths.unwrap_or_default();
            for path in &paths {
                let plain = Path::new(path)
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)));
                if !plain || path.is_empty() {
                    error_at(
                        key,
                        format!("`{path}` is not a path inside the site"),
                        &format!("write a path relative to {under}, without `..`"),
                    );
                }
            }
            paths
        };
        let follow_links_outside = site_paths(
            "follow_links_outside",
            raw.follow_links_outside,
            "the site folder, like `content` or `static/photos`",
        );
        let publish_hidden = site_paths(
            "publish_hidden",
            raw.publish_hidden,
            "static/, like `.htaccess`",
        );
        let image = raw.image.map(|image| {
            if image.src.trim().is_empty() {
                error_at(
                    "image.src",
                    "the site's `image` has an empty `src`".to_owned(),
                    "give the path of a file under static/ (`images/card.png`), or an absolute URL",
                );
            }
            RawImage {
                src: image.src,
                alt: image.alt,
                caption: None,
                credit: None,
                width: None,
                height: None,
            }
        });
        let mut party = |key: &str, name: Option<String>, url: Option<String>| {
            if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                error_at(
                    &format!("{key}.name"),
                    format!("`{key}` has an empty `name`"),
                    "write the name to show, or leave the key out",
                );
            }
            if let Some(url) = url
                .as_deref()
                .filter(|u| !crate::url_syntax::is_web_address(u))
            {
                error_at(
                    &format!("{key}.url"),
                    format!("the `url` of `{key}` is not a web address: `{url}`"),
                    "write an absolute address starting with `https://`",
                );
            }
            (name, url)
        };
        let author = raw.author.map(|author| {
            let (name, url) = party("author", Some(author.name), author.url);
            Party {
                name: name.unwrap_or_default(),
                url,
            }
        });
        let publisher = raw.publisher.map_or_else(Publisher::default, |publisher| {
            let (name, url) = party("publisher", publisher.name, publisher.url);
            Publisher {
                name,
                url,
                logo: publisher.logo.map(|src| RawImage {
                    src,
                    alt: String::new(),
                    caption: None,
                    credit: None,
                    width: None,
                    height: None,
                }),
            }
        });
        let tags = tag_slugs(text, raw.tags.unwrap_or_default(), &mut errors);
        let figures = figure_decls(text, raw.figures.unwrap_or_default(), &mut errors);
        let config = Config {
            title: raw.title.unwrap_or(defaults.title),
            base_url: with_trailing_slash(base_url),
            base_path,
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or(defaults.language),
            timezone,
            calendar,
            order,
            autolink: raw.autolink.unwrap_or(true),
            per_page,
            key_events: raw.key_events.unwrap_or(true),
            cname: raw.cname.filter(|c| !c.trim().is_empty()),
            output_dir: raw.output_dir.map_or(defaults.output_dir, PathBuf::from),
            follow_links_outside,
            publish_hidden,
            tags,
            figures,
            image,
            author,
            publisher,
            extra: raw.extra.unwrap_or_default(),
        };
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_path = base_path(url).ok_or_else(|| {
            format!(
                "`{url}` is not a base URL: write `https://user.github.io/kerman/` or `/kerman/`"
            )
        })?;
        self.base_url = with_trailing_slash(url.to_owned());
        Ok(())
    }

    /// The absolute address of site path `path` (`2024/01/03/x/`) when `base_url`
    /// is absolute, else its root-relative link, as a URI ([`crate::urls::uri`]:
    /// non-ASCII percent-encoded), the form the sitemap, feeds, JSON, structured
    /// data, `<link rel="canonical">` and `og:url` give (SPEC §11).
    pub fn permalink(&self, path: &str) -> String {
        let url = format!("{}{path}", self.base_url);
        match crate::urls::uri(&url) {
            std::borrow::Cow::Borrowed(_) => url,
            std::borrow::Cow::Owned(uri) => uri,
        }
    }

    /// The scheme and host of `base_url` (`https://user.github.io`), which
    /// root-relative links are read against; empty when `base_url` is a path.
    pub fn origin(&self) -> &str {
        self.base_url
            .strip_suffix(&self.base_path)
            .unwrap_or_default()
    }

    /// The name the site is published under: `[publisher] name`, else its title.
    pub fn publisher_name(&self) -> &str {
        self.publisher.name.as_deref().unwrap_or(&self.title)
    }

    /// The root-relative link to a site path such as `2024/01/03/x/`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }
}

/// The figures `dateline.toml` declares, in the order written: each name a plain
/// slug (it is a URL segment, `figures/killed/`), each label not blank. Errors go
/// to `errors`, at the label.
fn figure_decls(
    text: &str,
    raw: std::collections::BTreeMap<String, RawFigure>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<FigureDecl> {
    let mut figures: Vec<(usize, FigureDecl)> = Vec::with_capacity(raw.len());
    for (name, figure) in raw {
        let at = figure.label.span().start;
        let label = figure.label.into_inner().trim().to_owned();
        if !crate::slug::is_valid(&name) {
            let suggestion = crate::slug::slugify(&name);
            errors.push(
                Diagnostic::at_offset(
                    CONFIG_FILE,
                    text,
                    at,
                    format!("`{name}` is not a valid figure name"),
                )
                .with_help(Some(format!(
                    "a figure's name is its address, `figures/{suggestion}/`: lower-case letters, digits and single hyphens, like `[figures.{suggestion}]`"
                ))),
            );
            continue;
        }
        if label.is_empty() {
            errors.push(
                Diagnostic::at_offset(
                    CONFIG_FILE,
                    text,
                    at,
                    format!("the figure `{name}` has an empty `label`"),
                )
                .with_help(Some(format!(
                    "write what readers see it as, like `label = \"{}\"`",
                    capitalized(&name.replace('-', " "))
                ))),
            );
            continue;
        }
        let unit = figure
            .unit
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        figures.push((at, FigureDecl { name, label, unit }));
    }
    figures.sort_by_key(|(at, _)| *at);
    figures.into_iter().map(|(_, f)| f).collect()
}

/// `text` with its first letter upper-case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The `[tags]` table checked: each slug plain and short enough for a URL segment,
/// no two entries for one tag. Errors go to `errors`, at the slug's value.
fn tag_slugs(
    text: &str,
    raw: std::collections::BTreeMap<String, RawTag>,
    errors: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<String, TagSlug> {
    let mut tags = std::collections::BTreeMap::new();
    for (name, tag) in raw {
        let span = tag.slug.span();
        let (at, width) = (span.start, text.get(span).map_or(1, |v| v.chars().count()));
        let slug = tag.slug.into_inner();
        let problem = if let Some((message, short)) = crate::urls::segment_too_long("slug", &slug) {
            Some((
                message,
                format!(
                    "{}: write a shorter one, such as `slug = \"{short}\"`",
                    crate::urls::SEGMENT_LIMIT
                ),
            ))
        } else if !crate::slug::is_valid(&slug) {
            let suggestion = crate::slug::slugify(&slug);
            let suggestion = if suggestion.is_empty() {
                crate::slug::slugify(&name)
            } else {
                suggestion
            };
            Some((
                format!("`{slug}` is not a valid slug for the tag `{name}`"),
                format!(
                    "a slug is lower-case letters, digits and single hyphens: `slug = \"{suggestion}\"`"
                ),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            errors.push(
                Diagnostic::at_offset(CONFIG_FILE, text, at, message)
                    .with_width(width)
                    .with_help(Some(help)),
            );
            continue;
        }
        let key = crate::slug::tag_key(&name);
        if let Some(other) = tags.get(&key).map(|t: &TagSlug| t.name.clone()) {
            errors.push(
                Diagnostic::at_offset(
                    CONFIG_FILE,
                    text,
                    at,
                    format!("`[tags.\"{other}\"]` and `[tags.\"{name}\"]` are one tag"),
                )
                .with_width(width)
                .with_help(Some(
                    "tags that differ only in case, spacing or separators are one tag: keep one entry",
                )),
            );
            continue;
        }
        tags.insert(key, TagSlug { name, slug });
    }
    tags
}

/// Checks a base URL given on the command line.
pub fn check_base_url(url: &str) -> Result<String, String> {
    base_path(url).map(|_| url.to_owned()).ok_or_else(|| {
        "write an absolute URL like `https://user.github.io/kerman/`, or a path like `/kerman/`"
            .to_owned()
    })
}

/// The line and column of `key` in `dateline.toml`: a top-level key, or
/// `table.key` — under `[table]`, written `table.key = …`, or at the line of an
/// inline `table = { … }`.
fn locate(text: &str, key: &str) -> (usize, usize) {
    use crate::load::frontmatter::locate_key;
    let Some((table, field)) = key.split_once('.') else {
        return locate_key(text, key);
    };
    let assigns = |line: &str, key: &str| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.split('#').next().unwrap_or_default().trim_end();
            in_table = header.strip_suffix(']').map(str::trim) == Some(table);
        } else if (in_table && assigns(line, field)) || assigns(line, key) {
            return (i + 1, 1);
        }
    }
    locate_key(text, table)
}

fn with_trailing_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// The path of a base URL, with a slash at both ends: `https://x.io/kerman` → `/kerman/`.
fn base_path(url: &str) -> Option<String> {
    if url.contains(['?', '#', ' ', '\\']) {
        return None;
    }
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let host_end = rest.find('/').unwrap_or(rest.len());
        if host_end == 0 {
            return None;
        }
        &rest[host_end..]
    } else if url.starts_with('/') && !url.starts_with("//") {
        url
    } else {
        return None;
    };
    if path.contains("//") || path.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    let trimmed = path.trim_matches('/');
    Some(if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_keys_are_the_fields_of_the_raw_config() {
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(keys, crate::load::raw::tests::serde_fields::<RawConfig>());
    }

    #[test]
    fn defaults_every_key() {
        let config = Config::parse("").unwrap();
        assert_eq!(config.title, "Timeline");
        assert_eq!(config.base_path, "/");
        assert_eq!(config.order, Order::OldestFirst);
        assert!(config.autolink);
    }

    #[test]
    fn derives_the_base_path_from_the_base_url() {
        let config = Config::parse("base_url = \"https://user.github.io/kerman\"").unwrap();
        assert_eq!(config.base_url, "https://user.github.io/kerman/");
        assert_eq!(config.base_path, "/kerman/");
        assert_eq!(config.link("sources/afp/"), "/kerman/sources/afp/");
        assert_eq!(base_path("https://example.com").as_deref(), Some("/"));
        assert_eq!(base_path("/a/b").as_deref(), Some("/a/b/"));
        assert_eq!(base_path("example.com"), None);
        assert_eq!(base_path("https://x.io?q=1"), None);
        assert_eq!(base_path("https://x.io/a#frag"), None);
        assert_eq!(base_path("//evil.com/x"), None);
        assert_eq!(base_path("//"), None);
    }

    #[test]
    fn errors_on_unknown_key_with_suggestion() {
        let errors = Config::parse("title = \"x\"\nbase_ulr = \"/\"\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn reads_the_site_image_author_and_publisher() {
        let config = Config::parse(
            "title = \"Kerman\"\nimage = { src = \"images/card.png\", alt = \"Card\" }\n\n[author]\nname = \"Desk\"\n\n[publisher]\nurl = \"https://news.example.org/\"\nlogo = \"images/logo.png\"\n",
        )
        .unwrap();
        let image = config.image.as_ref().unwrap();
        assert_eq!(
            (image.src.as_str(), image.alt.as_str()),
            ("images/card.png", "Card")
        );
        assert_eq!(
            config.author,
            Some(Party {
                name: "Desk".to_owned(),
                url: None
            })
        );
        assert_eq!(config.publisher_name(), "Kerman", "the title by default");
        assert_eq!(
            config.publisher.url.as_deref(),
            Some("https://news.example.org/")
        );
        assert_eq!(
            config.publisher.logo.as_ref().map(|l| l.src.as_str()),
            Some("images/logo.png")
        );
        let none = Config::parse("").unwrap();
        assert_eq!((none.image, none.author), (None, None));
        assert_eq!(none.publisher, Publisher::default());
    }

    #[test]
    fn errors_at_the_line_of_a_bad_key_in_a_table() {
        let errors = Config::parse(
            "title = \"x\"\n[publisher]\nname = \" \"\nurl = \"news.example.org\"\n\n[author]\nurl = \"https://a.example/\"\nname = \"A\"\n",
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, "`publisher` has an empty `name`"),
                (
                    4,
                    "the `url` of `publisher` is not a web address: `news.example.org`"
                ),
            ]
        );
        let errors = Config::parse("author.name = \"A\"\nauthor.url = \"ftp://x\"\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        let errors = Config::parse("image = { src = \"\", alt = \"\" }\n").unwrap_err();
        assert_eq!(errors[0].line, 1);
        assert_eq!(errors[0].message, "the site's `image` has an empty `src`");
    }

    #[test]
    fn suggests_the_fields_of_a_table() {
        let errors = Config::parse("[author]\nnmae = \"A\"\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn the_origin_is_the_base_url_without_its_path() {
        let origin = |url: &str| {
            let mut config = Config::default();
            config.set_base_url(url).unwrap();
            config.origin().to_owned()
        };
        assert_eq!(
            origin("https://user.github.io/kerman/"),
            "https://user.github.io"
        );
        assert_eq!(origin("https://example.org"), "https://example.org");
        assert_eq!(origin("/kerman/"), "");
    }

    #[test]
    fn reads_the_calendar() {
        assert_eq!(Config::parse("").unwrap().calendar, Calendar::Gregorian);
        let persian = Config::parse("calendar = \"persian\"\n").unwrap();
        assert_eq!(persian.calendar, Calendar::Persian);
        let islamic = Config::parse("calendar = \"islamic\"\n").unwrap();
        assert_eq!(islamic.calendar, Calendar::IslamicUmmAlQura);
        let civil = Config::parse("calendar = \"islamic-civil\"\n").unwrap();
        assert_eq!(civil.calendar, Calendar::IslamicCivil);
    }

    #[test]
    fn errors_on_an_unknown_calendar_with_the_known_ones() {
        let errors = Config::parse("title = \"T\"\ncalendar = \"jalali\"\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unknown calendar `jalali`");
        assert_eq!((errors[0].line, errors[0].col), (2, 1));
        assert_eq!(
            errors[0].help.as_deref(),
            Some(
                "use `gregorian`, `persian` (Solar Hijri), `islamic` (Umm al-Qura), \
                 `islamic-umalqura` or `islamic-civil`"
            )
        );
    }

    #[test]
    fn errors_on_unknown_zone_and_order_together() {
        let errors =
            Config::parse("timezone = \"Asia/Teheran\"\norder = \"sideways\"\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[1].line), (1, 2));
    }
}
