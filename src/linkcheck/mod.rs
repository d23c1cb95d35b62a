//! Broken links in the rendered site, found in memory before anything is written.
//!
//! Every `href`, `src` and `srcset` URL of every HTML output that points into the site
//! must name a published file. The usual culprit is a theme that hard-codes
//! `/style.css`: it works at `http://localhost/` and breaks on GitHub Pages, where the
//! site lives under `/repo/`. So a link that leaves the base path is an error of its
//! own, and a broken link is blamed on the template line that wrote it when its text
//! appears in a template, since that is where the fix goes.
//!
//! The HTML is scanned with a small tokenizer rather than a parser: it only needs tag
//! attributes, and it must be fast (one pass over the bytes) and never panic.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostic::{Diagnostic, line_col};
use crate::fingerprint::FastSet;

/// A template's text, for blaming a broken link on the line that wrote it.
pub struct TemplateText<'a> {
    /// As shown to the user: `templates/base.html`, or `built-in theme: base.html`.
    pub shown: &'a str,
    pub text: &'a str,
}

/// Every `href`, `src` and `srcset` URL in the HTML outputs that points into the site must resolve to an output file.
/// The whole check at once, for tests; the build uses [`Checker`] page by page.
///
/// `base_url` is absolute (`https://user.github.io/kerman/`) or a path (`/kerman/`);
/// `base_path` is its path part (`/kerman/`). One diagnostic per broken link and
/// place to blame, sorted by path and position.
#[cfg(test)]
pub fn check(
    outputs: &[crate::render::Output],
    base_url: &str,
    base_path: &str,
    templates: &[TemplateText<'_>],
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let checker = Checker::new(outputs.iter().map(|o| o.path.as_str()), base_url, base_path);
    let found: Vec<(String, Broken)> = outputs
        .par_iter()
        .map(|output| {
            (
                output.path.clone(),
                checker.page(&output.path, &output.bytes),
            )
        })
        .collect();
    checker.report(found, templates)
}

/// The broken links of one page, found while the site is rendered: see
/// [`Checker::page`]. Empty for almost every page, so keeping it costs nothing.
#[derive(Debug, Default, Clone)]
pub struct Broken(Vec<(String, LinkFault)>);

impl Broken {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Checks links page by page against the list of every file the site publishes,
/// known before any page is rendered; a page can then be checked as soon as it is
/// rendered, and its bytes need not be kept.
pub struct Checker<'a> {
    site: Published<'a>,
}

impl<'a> Checker<'a> {
    /// `paths` are every published file, relative to the output folder.
    pub fn new(
        paths: impl IntoIterator<Item = &'a str>,
        base_url: &str,
        base_path: &'a str,
    ) -> Self {
        Checker {
            site: Published::new(paths.into_iter().collect(), base_url, base_path),
        }
    }

    /// The broken links of the file at `path` (none unless it is HTML).
    pub fn page(&self, path: &str, bytes: &[u8]) -> Broken {
        if !is_html(path) {
            return Broken::default();
        }
        Broken(
            self.site
                .problems_on_page(path, &String::from_utf8_lossy(bytes)),
        )
    }

    /// [`Checker::page`] for a page rendered as text.
    pub fn html_page(&self, path: &str, html: &str) -> Broken {
        if !is_html(path) {
            return Broken::default();
        }
        Broken(self.site.problems_on_page(path, html))
    }

    /// One diagnostic per broken link and place to blame, sorted by path and position.
    pub fn report(
        &self,
        found: Vec<(String, Broken)>,
        templates: &[TemplateText<'_>],
    ) -> Vec<Diagnostic> {
        // The same link is usually broken on many pages (a template writes it on each):
        // gather the pages per link, to report it once.
        let mut by_link: HashMap<String, Vec<(&str, LinkFault)>> = HashMap::new();
        for (page, problems) in &found {
            for (raw, problem) in &problems.0 {
                by_link
                    .entry(raw.clone())
                    .or_default()
                    .push((page, problem.clone()));
            }
        }
        let mut diagnostics = Vec::new();
        for (raw, mut pages) in by_link {
            pages.sort();
            diagnostics.extend(self.site.report(&raw, &pages, templates));
        }
        diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        diagnostics
    }
}

/// Why a link does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkFault {
    /// `href=""`: it reloads the page, which is never what was meant.
    Empty,
    /// More `..` segments than folders above the page.
    AboveRoot,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// A path outside the base path (the decoded path).
    LeavesBase(String),
    /// Nothing published at this decoded path.
    Missing(String),
}

/// What a link is checked against.
struct Published<'a> {
    published: FastSet<&'a str>,
    /// Folders with an `index.html`, as `2024/01/` (`""` for the root): what a link
    /// ending in `/` names.
    folders: FastSet<&'a str>,
    paths: Vec<&'a str>,
    /// The site's host (with a non-default port), lowercase, when `base_url` is absolute.
    host: Option<String>,
    base_path: Cow<'a, str>,
}

impl<'a> Published<'a> {
    fn new(paths: Vec<&'a str>, base_url: &str, base_path: &'a str) -> Self {
        // Always `/…/`, whatever the caller passed, so prefix tests below are exact.
        let base_path = if base_path.starts_with('/') && base_path.ends_with('/') {
            Cow::Borrowed(base_path)
        } else {
            let inner = base_path.trim_matches('/');
            Cow::Owned(if inner.is_empty() {
                "/".to_owned()
            } else {
                format!("/{inner}/")
            })
        };
        Published {
            published: paths.iter().copied().collect(),
            folders: paths
                .iter()
                .filter_map(|path| crate::urls::page_of_index_file(path))
                .filter(|folder| folder.is_empty() || folder.ends_with('/'))
                .collect(),
            paths,
            host: absolute_authority(base_url).map(normalize_host),
            base_path,
        }
    }

    /// The broken links of one page, each once, with their raw (undecoded) text.
    fn problems_on_page(&self, path: &str, html: &str) -> Vec<(String, LinkFault)> {
        let dir = page_dir(&self.base_path, path);
        let mut seen = FastSet::default();
        let mut problems = Vec::new();
        for raw in links(html) {
            if !seen.insert(raw) {
                continue;
            }
            if let Some(problem) = self.check_link(raw, &dir) {
                problems.push((raw.to_owned(), problem));
            }
        }
        problems
    }

    /// The problem with one link as written in a page whose folder URL is `dir`.
    fn check_link(&self, raw: &str, dir: &str) -> Option<LinkFault> {
        // Most links a site writes are plain paths from the root (`/2024/01/x/`):
        // nothing to decode, no dot segments, so they are looked up as they are.
        let plain = raw.starts_with('/')
            && !raw.starts_with("//")
            && !raw.contains("/.")
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'));
        if plain {
            return self.resolve(raw);
        }
        let decoded = decode_char_refs(raw);
        let url = decoded.trim_matches(|c: char| c.is_ascii_whitespace());
        if url.is_empty() {
            return Some(LinkFault::Empty);
        }
        let path = match self.site_path(url, dir) {
            Ok(Some(path)) => path,
            Ok(None) => return None,
            Err(problem) => return Some(problem),
        };
        self.resolve(&path)
    }

    /// The decoded path on this site that `url` points at, `None` when it points
    /// elsewhere (another host, `mailto:`, a fragment of the same page).
    fn site_path(&self, url: &str, dir: &str) -> Result<Option<String>, LinkFault> {
        if url.starts_with('#') || url.starts_with('?') {
            // The page itself, which exists.
            return Ok(None);
        }
        let joined;
        let path = if let Some(after) = url.strip_prefix("//") {
            match self.same_site_path(after) {
                Some(path) => path,
                None => return Ok(None),
            }
        } else if let Some(scheme) = scheme(url) {
            let after = &url[scheme.len() + 1..];
            let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
            match after.strip_prefix("//").filter(|_| web) {
                Some(after) => match self.same_site_path(after) {
                    Some(path) => path,
                    None => return Ok(None),
                },
                None => return Ok(None),
            }
        } else if url.starts_with('/') {
            url
        } else {
            joined = format!("{dir}{url}");
            &joined
        };
        let path = path.find(['?', '#']).map_or(path, |end| &path[..end]);
        let path = remove_dot_segments(path).ok_or(LinkFault::AboveRoot)?;
        percent_decode(&path)
            .map(Some)
            .ok_or(LinkFault::BadEncoding)
    }

    /// For `host/path` after `//`: the path when the host is this site's.
    fn same_site_path<'u>(&self, after_slashes: &'u str) -> Option<&'u str> {
        let end = after_slashes
            .find(['/', '?', '#'])
            .unwrap_or(after_slashes.len());
        let site_host = self.host.as_deref()?;
        if normalize_host(&after_slashes[..end]) != site_host {
            return None;
        }
        let rest = &after_slashes[end..];
        // `https://host` and `https://host?x` are the root.
        Some(if rest.starts_with('/') { rest } else { "/" })
    }

    /// Whether a decoded path under the site is published.
    fn resolve(&self, path: &str) -> Option<LinkFault> {
        let base = self.base_path.as_ref();
        let rest = match path.strip_prefix(base) {
            Some(rest) => rest,
            // `/kerman` without its slash: GitHub Pages redirects it to `/kerman/`.
            None if base.strip_suffix('/') == Some(path) => "",
            None => return Some(LinkFault::LeavesBase(path.to_owned())),
        };
        let found = if rest.is_empty() || rest.ends_with('/') {
            self.folders.contains(rest)
        } else {
            // A folder linked without its slash also works: Pages redirects.
            self.published.contains(rest) || self.folders.contains(format!("{rest}/").as_str())
        };
        (!found).then(|| LinkFault::Missing(path.to_owned()))
    }

    /// The diagnostics for one raw link, broken on `pages` (sorted by page).
    fn report(
        &self,
        raw: &str,
        pages: &[(&str, LinkFault)],
        templates: &[TemplateText<'_>],
    ) -> Vec<Diagnostic> {
        let blamed = find_in_templates(raw, templates);
        if let Some((first_page, problem)) = pages.first().filter(|_| !blamed.is_empty()) {
            let message = self.message(raw, problem, first_page, pages.len() - 1);
            let help = self.help(raw, problem);
            return blamed
                .into_iter()
                .map(|(template, offset)| {
                    let (line, col) = line_col(template.text, offset);
                    Diagnostic::at(template.shown, template.text, line, col, &message)
                        .with_width(raw.chars().count())
                        .with_help(help.clone())
                })
                .collect();
        }
        // Not in a template: it comes from content or a computed value, and may resolve
        // differently per page (a relative link), so group by what is wrong with it.
        let mut by_problem: BTreeMap<&LinkFault, Vec<&str>> = BTreeMap::new();
        for (page, problem) in pages {
            by_problem.entry(problem).or_default().push(page);
        }
        by_problem
            .into_iter()
            .filter_map(|(problem, pages)| {
                let first = *pages.first()?;
                let message = self.message(raw, problem, first, pages.len() - 1);
                let origin = "the link comes from the page's content or from a template expression";
                let help = match self.help(raw, problem) {
                    Some(help) => format!("{help}; {origin}"),
                    None => origin.to_owned(),
                };
                Some(Diagnostic::file(first, message).with_help(Some(help)))
            })
            .collect()
    }

    fn message(&self, raw: &str, problem: &LinkFault, first_page: &str, others: usize) -> String {
        let shown = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        let on = match others {
            0 => format!("on /{first_page}"),
            1 => format!("on /{first_page} and 1 other page"),
            n => format!("on /{first_page} and {n} other pages"),
        };
        match problem {
            LinkFault::Empty => format!("empty link {on}"),
            LinkFault::AboveRoot => {
                format!("broken link `{shown}` {on}: its `..` segments climb above the server root")
            }
            LinkFault::BadEncoding => {
                format!("broken link `{shown}` {on}: its percent-encoding is not valid UTF-8")
            }
            LinkFault::LeavesBase(_) => format!(
                "the link `{shown}` {on} leaves the base path `{}`: on GitHub Pages it points outside the site",
                self.base_path
            ),
            LinkFault::Missing(path) => {
                format!("broken link `{shown}` {on}: nothing is published at {path}")
            }
        }
    }

    fn help(&self, raw: &str, problem: &LinkFault) -> Option<String> {
        let url = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        match problem {
            LinkFault::Empty => Some("give it a URL, or remove the attribute".to_owned()),
            LinkFault::AboveRoot => {
                Some("it has more `..` segments than there are folders above the page".to_owned())
            }
            LinkFault::BadEncoding => Some(
                "write `%25` for a literal `%`; other escapes must be UTF-8 bytes such as `%D9%82`"
                    .to_owned(),
            ),
            LinkFault::LeavesBase(path) if url.starts_with('/') && !url.starts_with("//") => {
                Some(format!(
                    "write `{{{{ site.base_path }}}}{}` (or a link from a template variable) instead of a path from the server root",
                    path.trim_start_matches('/')
                ))
            }
            LinkFault::LeavesBase(path) => Some(format!(
                "it resolves to {path}, but the site is published under {}",
                self.base_path
            )),
            LinkFault::Missing(path) => self.did_you_mean(path),
        }
    }

    /// A published sibling with a similar name: `style.css` for `styles.css`.
    fn did_you_mean(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(self.base_path.as_ref())?;
        let (trimmed, slash) = match rest.strip_suffix('/') {
            Some(trimmed) => (trimmed, "/"),
            None => (rest, ""),
        };
        let (parent, name) = match trimmed.rfind('/') {
            Some(i) => (&trimmed[..=i], &trimmed[i + 1..]),
            None => ("", trimmed),
        };
        let wanted = format!("{name}{slash}");
        let children = children_of(&self.paths, parent);
        let near = crate::suggest::nearest(&wanted, children.iter().copied())?;
        Some(format!("did you mean `{}{parent}{near}`?", self.base_path))
    }
}

/// The names directly inside folder `parent` (`""` or `a/b/`): files as `x.css`,
/// folders as `x/`. Only computed for a broken link, so a scan of the paths is fine.
fn children_of<'o>(paths: &[&'o str], parent: &str) -> BTreeSet<&'o str> {
    paths
        .iter()
        .filter_map(|p| p.strip_prefix(parent))
        .map(|rest| rest.find('/').map_or(rest, |i| &rest[..=i]))
        .collect()
}

/// Whether an output is a page to scan: `.html`, in any case.
fn is_html(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 5 && bytes[bytes.len() - 5..].eq_ignore_ascii_case(b".html")
}

/// The URL folder relative links on a page resolve against: `{base}2024/01/` for
/// `2024/01/index.html`, `{base}` for `404.html`. Characters that would end the path
/// or start an escape are encoded, so the page's own name is never misread.
fn page_dir(base_path: &str, page: &str) -> String {
    let folder = page.rfind('/').map_or("", |i| &page[..=i]);
    let mut dir = String::with_capacity(base_path.len() + folder.len());
    dir.push_str(base_path);
    for c in folder.chars() {
        match c {
            '%' => dir.push_str("%25"),
            '?' => dir.push_str("%3F"),
            '#' => dir.push_str("%23"),
            c => dir.push(c),
        }
    }
    dir
}

/// The authority of an absolute URL (`http://`, `https://` or `//`), if it is one.
fn absolute_authority(url: &str) -> Option<&str> {
    let url = url.trim();
    let after = match scheme(url) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            url[s.len() + 1..].strip_prefix("//")?
        }
        Some(_) => return None,
        None => url.strip_prefix("//")?,
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    Some(&after[..end])
}

/// A host as compared: lowercase, without user info or a default port (http and
/// https count as the same site, so both :80 and :443 are dropped).
fn normalize_host(authority: &str) -> String {
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    host.trim_end_matches(':').to_ascii_lowercase()
}

/// The scheme of `url` (`mailto` in `mailto:x`), per RFC 3986: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`, before any `/`, `?` or `#`.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (first_ok && rest_ok).then_some(scheme)
}

/// Resolves `.` and `..` in an absolute path, as browsers do (also `%2e`), except
/// that climbing above `/` is an error rather than silently staying at the root.
fn remove_dot_segments(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        let lower = segment.to_ascii_lowercase();
        match lower.as_str() {
            "." | "%2e" => {}
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                out.pop()?;
            }
            _ => {
                out.push(segment);
                continue;
            }
        }
        // A trailing `.` or `..` names a folder: keep the slash.
        if i == last {
            out.push("");
        }
    }
    Some(format!("/{}", out.join("/")))
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
/// `dateline serve` decodes request paths with it too.
pub(crate) fn percent_decode(path: &str) -> Option<String> {
    if !path.contains('%') {
        return Some(path.to_owned());
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            out.push(high * 16 + low);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// The character references that matter in URLs decoded: `&amp;`, `&quot;`, `&apos;`,
/// `&lt;`, `&gt;` and numeric ones. Anything else is left as written.
fn decode_char_refs(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match char_ref(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character and byte length of the reference at the start of `s` (which starts
/// with `&`).
fn char_ref(s: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&AMP;", '&'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
    ];
    if let Some((name, c)) = NAMED.iter().find(|(name, _)| s.starts_with(name)) {
        return Some((*c, name.len()));
    }
    let numeric = s.strip_prefix("&#")?;
    let (digits_at, radix) = match numeric.as_bytes().first() {
        Some(b'x' | b'X') => (3, 16),
        _ => (2, 10),
    };
    let body = &s[digits_at..];
    let len = body
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(body.len());
    if len == 0 {
        return None;
    }
    // Out of range or invalid code points become U+FFFD, as in browsers.
    let c = u32::from_str_radix(&body[..len], radix)
        .ok()
        .filter(|&n| n != 0)
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let semicolon = usize::from(body[len..].starts_with(';'));
    Some((c, digits_at + len + semicolon))
}

/// Elements whose content is text, not tags: a `<a href>` inside is not a link.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The raw (undecoded) text of every link in `html`: `href` and `src` values and
/// each URL of a `srcset`, in document order.
fn links(html: &str) -> Vec<&str> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_from(html, i, "<") {
        i = lt + 1;
        match bytes.get(i) {
            // `<!-- -->`; `<!-->` and `<!--->` close at once, as in browsers.
            Some(b'!') if html[i..].starts_with("!--") => {
                i = find_from(html, i + 1, "-->").map_or(html.len(), |end| end + 3);
            }
            // `<!doctype>`, `<![CDATA[`, `<?xml>`, `</end>`: nothing to check.
            Some(b'!' | b'?' | b'/') => {
                i = find_from(html, i, ">").map_or(html.len(), |end| end + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                // A tag cut off by the end of the file is dropped, as browsers do.
                let Some(tag) = start_tag(html, i, &mut found) else {
                    break;
                };
                i = tag.end;
                if RAW_TEXT.iter().any(|t| t.eq_ignore_ascii_case(tag.name)) {
                    i = end_of_raw_text(html, i, tag.name);
                }
            }
            // A lone `<` in text.
            _ => {}
        }
    }
    found
}

/// A start tag: its name and where it ends (after `>`).
struct StartTag<'h> {
    name: &'h str,
    end: usize,
}

/// Parses the start tag whose name begins at `start`, following the HTML tokenizer:
/// attributes are `name`, `name=value`, `name="value"` or `name='value'`. Its links
/// are added to `links`; a tag cut off by the end of the file adds none.
fn start_tag<'h>(html: &'h str, start: usize, links: &mut Vec<&'h str>) -> Option<StartTag<'h>> {
    let bytes = html.as_bytes();
    let mut i = start;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && b != b'/' && b != b'>')
    {
        i += 1;
    }
    let name = &html[start..i];
    let before = links.len();
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => return Some(StartTag { name, end: i + 1 }),
            Some(_) => {
                let Some((attr, value, next)) = attribute(html, i) else {
                    links.truncate(before);
                    return None;
                };
                i = next;
                if attr.eq_ignore_ascii_case("href") || attr.eq_ignore_ascii_case("src") {
                    links.push(value);
                } else if attr.eq_ignore_ascii_case("srcset") {
                    links.extend(srcset_urls(value));
                }
            }
            None => {
                links.truncate(before);
                return None;
            }
        }
    }
}

/// The attribute starting at `start`: name, raw value (`""` when it has none) and the
/// offset after it. `None` when a quoted value is never closed.
fn attribute(html: &str, start: usize) -> Option<(&str, &str, usize)> {
    let bytes = html.as_bytes();
    // The first character belongs to the name even if it is `=`, so this always moves.
    let mut i = start + 1;
    while bytes
        .get(i)
        .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
    {
        i += 1;
    }
    let name = html.get(start..i)?;
    let mut j = skip_spaces(bytes, i);
    if bytes.get(j) != Some(&b'=') {
        return Some((name, "", i));
    }
    j = skip_spaces(bytes, j + 1);
    match bytes.get(j) {
        Some(&quote @ (b'"' | b'\'')) => {
            // Values are short: a plain loop beats setting up memchr for each.
            let close = j + 1 + bytes.get(j + 1..)?.iter().position(|&b| b == quote)?;
            Some((name, &html[j + 1..close], close + 1))
        }
        _ => {
            let mut end = j;
            while bytes.get(end).is_some_and(|&b| !is_space(b) && b != b'>') {
                end += 1;
            }
            Some((name, &html[j..end], end))
        }
    }
}

/// The URLs of a `srcset`: comma-separated candidates, each a URL then optional
/// descriptors (`2x`, `480w`). A URL may itself contain commas (`data:`), so it runs
/// to whitespace, dropping trailing commas, as the HTML standard parses it.
fn srcset_urls(value: &str) -> Vec<&str> {
    let bytes = value.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return urls;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| !is_space(b)) {
            i += 1;
        }
        let url = &value[start..i];
        if url.ends_with(',') {
            urls.push(url.trim_end_matches(','));
            continue;
        }
        urls.push(url);
        // Descriptors run to the next comma outside parentheses.
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
    }
}

/// Where the raw text of a `<script>` (or other raw text element) ends: at its
/// `</name`, matched without regard to case; the end of the file if never closed.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(close) = find_from(html, i, "</") {
        let name_end = close + 2 + name.len();
        let same_name = bytes
            .get(close + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(name_end)
            .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
        if same_name && ends {
            return close;
        }
        i = close + 2;
    }
    html.len()
}

fn find_from(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let rest = haystack.as_bytes().get(from..)?;
    let found = match needle.as_bytes() {
        [byte] => memchr::memchr(*byte, rest),
        bytes => memchr::memmem::find(rest, bytes),
    };
    found.map(|i| from + i)
}

fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&b| is_space(b)) {
        i += 1;
    }
    i
}

/// HTML's ASCII whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where templates write `raw` as the value of an `href`, `src` or `srcset`
/// attribute: `href="raw"`, `src='raw'` or `href=raw` followed by a space or `>`.
/// The byte offset of the value's start, in every template, in order.
fn find_in_templates<'t>(
    raw: &str,
    templates: &'t [TemplateText<'t>],
) -> Vec<(&'t TemplateText<'t>, usize)> {
    let mut found = Vec::new();
    for template in templates {
        for (offset, _) in template.text.match_indices(raw) {
            if is_attribute_value(template.text, offset, offset + raw.len()) {
                found.push((template, offset));
            }
        }
    }
    found
}

/// Whether `text[start..end]` is a whole link attribute's value.
fn is_attribute_value(text: &str, start: usize, end: usize) -> bool {
    let (before, after) = (&text[..start], &text[end..]);
    let quote = before
        .chars()
        .next_back()
        .filter(|c| *c == '"' || *c == '\'');
    let before = match quote {
        Some(q) => &before[..before.len() - q.len_utf8()],
        // An empty unquoted value is no value at all.
        None if start == end => return false,
        None => before,
    };
    let closed = match quote {
        Some(q) => after.starts_with(q),
        None => after
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c.is_ascii_whitespace()),
    };
    let Some(before_equals) = before.trim_end().strip_suffix('=') else {
        return false;
    };
    let name_part = before_equals.trim_end();
    let name_start = name_part
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'))
        .map_or(0, |i| i + 1);
    let name = &name_part[name_start..];
    closed
        && ["href", "src", "srcset"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Output;

    fn page(path: &str, html: &str) -> Output {
        Output {
            path: path.to_owned(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    fn file(path: &str) -> Output {
        page(path, "")
    }

    fn kerman_site(extra: &str) -> Vec<Output> {
        vec![
            file("style.css"),
            file("img/a.png"),
            file("img/a@2x.png"),
            page("index.html", "<h1>Kerman</h1>"),
            page("404.html", "<p>not found</p>"),
            page("2024/01/index.html", "<h1>January</h1>"),
            page("explainers/ق/index.html", "<h1>ق</h1>"),
            page("2024/01/03/kerman/index.html", extra),
        ]
    }

    #[test]
    fn good_links_on_a_sub_path_site_pass() {
        let html = r##"<!doctype html>
<html><head><link rel="stylesheet" href="/kerman/style.css">
<link rel=canonical href="https://User.GitHub.io/kerman/2024/01/03/kerman/">
<link rel="preconnect"></head>
<body>
<a href="../../">January</a> <a href='../../../01/'>again</a>
<a href=/kerman/2024/01>folder without slash</a>
<a href="/kerman/2024/01/?page=2#top">query</a>
<a href="/kerman/explainers/%D9%82/">ق</a>
<a href="/kerman/explainers/ق/">ق raw</a>
<a href="//user.github.io/kerman/404.html">same host</a>
<a href="http://user.github.io/kerman">site root without slash</a>
<a href="/kerman/2024/01/?a=1&amp;b=2">amp</a>
<a href="&#x2F;kerman&#47;style.css">refs</a>
<img src="../../../../img/a.png" srcset="/kerman/img/a.png 1x, /kerman/img/a@2x.png 2x" alt="">
<a>no href</a> <a name=x>anchor</a>
</body></html>"##;
        let outputs = kerman_site(html);
        let found = check(&outputs, "https://user.github.io/kerman/", "/kerman/", &[]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn hard_coded_root_path_is_blamed_on_the_template() {
        let template =
            "<!doctype html>\n<head>\n  <link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n";
        let html = template.replace("</head>", "</head><p>ق</p>");
        let mut outputs = vec![file("style.css")];
        for i in 0..27 {
            outputs.push(page(&format!("p{i:02}/index.html"), &html));
        }
        outputs.push(page("index.html", &html));
        let templates = [TemplateText {
            shown: "templates/base.html",
            text: template,
        }];
        let found = check(&outputs, "/kerman/", "/kerman/", &templates);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.path.to_str(), Some("templates/base.html"));
        assert_eq!((d.line, d.col, d.width), (3, 32, 10));
        assert_eq!(
            d.message,
            "the link `/style.css` on /index.html and 27 other pages leaves the base path `/kerman/`: on GitHub Pages it points outside the site"
        );
        assert_eq!(
            d.help.as_deref(),
            Some(
                "write `{{ site.base_path }}style.css` (or a link from a template variable) instead of a path from the server root"
            )
        );
        assert!(d.to_string().contains("^^^^^^^^^^"), "{d}");
    }

    #[test]
    fn broken_link_from_content_is_reported_on_the_page() {
        let outputs = kerman_site(r#"<p>See <a href="../../02/">February</a>.</p>"#);
        let found = check(&outputs, "/kerman/", "/kerman/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.path.to_str(), Some("2024/01/03/kerman/index.html"));
        assert_eq!(d.line, 0);
        assert_eq!(
            d.message,
            "broken link `../../02/` on /2024/01/03/kerman/index.html: nothing is published at /kerman/2024/01/02/"
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("the page's content or from a template expression")),
            "{d:?}"
        );
    }

    #[test]
    fn suggests_a_published_sibling() {
        let outputs = kerman_site(r#"<link href="/kerman/styles.css">"#);
        let found = check(&outputs, "/kerman/", "/kerman/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("did you mean `/kerman/style.css`?"),
            "{help}"
        );
    }

    #[test]
    fn other_schemes_external_links_and_fragments_are_skipped() {
        let html = r##"<a href="https://example.com/nope">x</a>
<a href="//cdn.example.com/x.js">x</a>
<a href="http://user.github.io.evil.com/kerman/nope">x</a>
<a href="mailto:a@b.c">m</a> <a href="tel:+98">t</a>
<a href="#top">top</a> <a href="javascript:void(0)">j</a>
<a href="?page=2">q</a> <a href="ftp://x/y">f</a>
<img src="data:image/png;base64,AAAA" srcset="data:image/png;base64,AA,BB 2x">"##;
        let outputs = kerman_site(html);
        let found = check(&outputs, "https://user.github.io/kerman/", "/kerman/", &[]);
        assert!(found.is_empty(), "{found:#?}");
        // With a path-only base URL, even the site's own host is external.
        let outputs = kerman_site(r#"<a href="https://user.github.io/kerman/nope/">x</a>"#);
        assert!(check(&outputs, "/kerman/", "/kerman/", &[]).is_empty());
    }

    #[test]
    fn same_host_absolute_links_are_checked() {
        let outputs = kerman_site(r#"<a href="HTTP://user.github.io:443/kerman/nope/">x</a>"#);
        let found = check(&outputs, "https://user.github.io/kerman/", "/kerman/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("/kerman/nope/"), "{found:#?}");
    }

    #[test]
    fn scripts_styles_and_comments_are_not_scanned() {
        let html = r#"<!-- <a href="/nope1"> -->
<script>document.write('<a href="/nope2">')</script>
<SCRIPT type="module">let s = "</scripts><img src=/nope3>";</SCRIPT >
<style>a[href="/nope4"] { color: red }</style>
<script src="/kerman/nope5.js"></script>
<!---->"#;
        let outputs = kerman_site(html);
        let found = check(&outputs, "/kerman/", "/kerman/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("nope5.js"), "{found:#?}");
    }

    #[test]
    fn root_site_with_its_stylesheet_is_fine() {
        let outputs = vec![
            file("style.css"),
            page(
                "index.html",
                r#"<link href="/style.css"><a href="/">home</a>"#,
            ),
        ];
        assert!(check(&outputs, "https://example.org/", "/", &[]).is_empty());
    }

    #[test]
    fn climbing_above_the_root_is_broken() {
        let outputs = vec![page("a/index.html", r#"<a href="../../../x/">up</a>"#)];
        let found = check(&outputs, "/", "/", &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("above the server root"),
            "{found:#?}"
        );
    }

    #[test]
    fn empty_and_badly_encoded_links_are_reported() {
        let outputs = vec![page(
            "index.html",
            r#"<a href="">e</a><a href="/%zz">z</a><a href="/%FF">f</a>"#,
        )];
        let found = check(&outputs, "/", "/", &[]);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(
            messages.contains(&"empty link on /index.html"),
            "{messages:#?}"
        );
        assert_eq!(
            messages
                .iter()
                .filter(|m| m.contains("percent-encoding"))
                .count(),
            2
        );
    }

    #[test]
    fn one_diagnostic_per_template_occurrence() {
        let template_a = "<a href='/nope/'>x</a>";
        let template_b = "<p>\n<a  href = /nope/ >y</a>";
        let outputs = vec![
            page("index.html", "<a href='/nope/'>x</a><a href='/nope/'>x</a>"),
            page("b/index.html", "<a href=/nope/ >y</a>"),
        ];
        let templates = [
            TemplateText {
                shown: "built-in theme: a.html",
                text: template_a,
            },
            TemplateText {
                shown: "templates/b.html",
                text: template_b,
            },
        ];
        let found = check(&outputs, "/", "/", &templates);
        let places: Vec<(String, usize, usize)> = found
            .iter()
            .map(|d| (d.location(), d.line, d.col))
            .collect();
        assert_eq!(
            places,
            [
                ("built-in theme: a.html:1:10".to_owned(), 1, 10),
                ("templates/b.html:2:12".to_owned(), 2, 12),
            ]
        );
        assert!(
            found[0]
                .message
                .contains("on /b/index.html and 1 other page:")
        );
    }

    #[test]
    fn scanner_reads_attributes_like_a_browser() {
        let html = "<IMG SRC=a.png alt='x > y' srcset=\"b.png 1x,c.png, d.png (x,y) 2x\"><a\nhref\n=\n'e' href>";
        assert_eq!(links(html), ["a.png", "b.png", "c.png", "d.png", "e", ""]);
        assert_eq!(
            decode_char_refs("a&amp;b&#39;&#x27;&quot;&lt;&gt;&#65&zz;&"),
            "a&b''\"<>A&zz;&"
        );
        assert_eq!(decode_char_refs("&#x110000;&#0;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "<a href=",
            "<a href=\"x",
            "<a href='x",
            "<!--",
            "<!-",
            "<!",
            "<",
            "</",
            "<?",
            "<script>",
            "<script><a href=/x>",
            "<script></scr",
            "<a href=x",
            "<a =x>",
            "<a href=\"&#\">",
            "<a href=\"&#x;&#99999999999999999999;\">",
            "<a href=\"%\">",
            "<a href=\"%F\">",
            "<a href=\"ق%\">",
            "<img srcset=\",,, ,\">",
            "<img srcset=\"a (((\">",
            "<a href=\"http://\">",
            "<a href=\"//\">",
            "<a href=\":\">",
            "<a href=\"/..\">",
            "<ق href=ق>",
            "<a\u{0}href=\u{0}>",
            "\u{FEFF}<a href=\"./.\">",
        ];
        let templates = [TemplateText {
            shown: "t.html",
            text: "href=\"\" =x ='x' href=",
        }];
        for html in odd {
            for base in ["/", "/kerman/", "", "kerman"] {
                let outputs = vec![page("a/index.html", html), page("b.HTML", html)];
                let _ = check(&outputs, "https://x/", base, &templates);
                let _ = check(&outputs, "http://", base, &templates);
            }
        }
        let bytes = vec![
            page("x.html", ""),
            Output {
                path: "y.html".into(),
                bytes: vec![0xff, b'<', 0xfe, b'a', b' ', 0xc3],
            },
        ];
        let _ = check(&bytes, "/", "/", &templates);
    }
}
