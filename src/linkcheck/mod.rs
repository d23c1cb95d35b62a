//! Broken links in the rendered site, found in memory before anything is written.
//!
//! Every `href`, `src` and `srcset` URL of every HTML output that points into the site
//! must name a published file. The usual culprit is a theme that hard-codes
//! `/style.css`: it works at `http://localhost/` and breaks on GitHub Pages, where the
//! site lives under `/repo/` (SPEC §5: every internal link carries the path of
//! `base_url`). So a link that leaves the base path is an error of its own, and a
//! broken link is blamed on the template line that wrote it when its text appears in a
//! template, since that is where the fix goes.
//!
//! This file holds the entry points — [`Checker`], which checks a page as soon as it is
//! rendered, its result [`Broken`], the reasons [`LinkFault`] and the templates to blame,
//! [`TemplateText`] — and takes each link of a page through the steps, one file each:
//!
//! - `html_links.rs`: where a link is found: the `href`, `src` and `srcset` values of
//!   a page, read with the crate's HTML tokenizer ([`crate::html::tokens`]), which
//!   follows WHATWG HTML's tokenizer rather than a parser: only tag attributes are
//!   needed, and it must be fast (one pass over the bytes) and never panic.
//! - `published.rs`: where a URL is resolved. Its character references decoded
//!   ([`crate::html::char_refs`]), its syntax read after RFC 3986
//!   ([`crate::url_syntax`]), and the path on the site it names looked up among the
//!   files the site publishes.
//! - `report.rs`: where a fault is reported. One diagnostic per broken link, on the
//!   template line that wrote it or else on the page.

mod html_links;
mod published;
mod report;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::fingerprint::FastSet;
use html_links::links;
use published::{Published, is_html, page_dir};

/// A template's text, for blaming a broken link on the line that wrote it.
pub struct TemplateText<'a> {
    /// As shown to the user: `templates/base.html`, or `built-in theme: base.html`.
    pub shown: &'a str,
    /// The template's whole source; a diagnostic quotes the line that wrote the link.
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
/// [`Checker::page`]. Each distinct link once, as written in the page (undecoded), with
/// what is wrong with it. Empty for almost every page, so keeping it costs nothing.
#[derive(Debug, Default, Clone)]
pub struct Broken(Vec<(String, LinkFault)>);

impl Broken {
    /// Whether every link of the page resolved (or the file is not HTML).
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
    /// `paths` are every published file, relative to the output folder
    /// (`style.css`, `2024/01/index.html`). `base_url` is the configured one, absolute
    /// (`https://user.github.io/kerman/`) or a path (`/kerman/`); `base_path` is its
    /// path part, with or without its slashes (`/kerman/`, `kerman`, `""` for the root).
    pub fn new(
        paths: impl IntoIterator<Item = &'a str>,
        base_url: &str,
        base_path: &'a str,
    ) -> Self {
        Checker {
            site: Published::new(paths.into_iter().collect(), base_url, base_path),
        }
    }

    /// The broken links of the file at `path` (none unless its name ends in `.html`, in
    /// any case). `bytes` is read as UTF-8, an invalid sequence as U+FFFD.
    pub fn page(&self, path: &str, bytes: &[u8]) -> Broken {
        if !is_html(path) {
            return Broken::default();
        }
        Broken(self.problems_on_page(path, &String::from_utf8_lossy(bytes)))
    }

    /// [`Checker::page`] for a page rendered as text.
    pub fn html_page(&self, path: &str, html: &str) -> Broken {
        if !is_html(path) {
            return Broken::default();
        }
        Broken(self.problems_on_page(path, html))
    }

    /// One diagnostic per broken link and place to blame, sorted by path and position.
    ///
    /// `found` is each page's path (relative to the output folder) with what
    /// [`Checker::page`] found on it. A link written by a template is reported at its
    /// place in `templates`, once for every place; any other link on the first page it
    /// is broken on, once for every different fault, naming how many other pages have it.
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
            diagnostics.extend(report::link_diagnostics(
                &self.site, &raw, &pages, templates,
            ));
        }
        diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        diagnostics
    }

    /// The broken links of one page, each once, with their raw (undecoded) text.
    fn problems_on_page(&self, path: &str, html: &str) -> Vec<(String, LinkFault)> {
        let dir = page_dir(self.site.base_path(), path);
        let mut seen = FastSet::default();
        let mut problems = Vec::new();
        for raw in links(html) {
            if !seen.insert(raw) {
                continue;
            }
            if let Some(problem) = self.site.check_link(raw, &dir) {
                problems.push((raw.to_owned(), problem));
            }
        }
        problems
    }
}

/// Why a link does not resolve. A path it carries is the decoded path from the server
/// root, query and fragment removed (`/kerman/2024/01/02/`).
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

/// Sites for the tests of every file of the check.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Output;

    /// An HTML output at `path`.
    pub(super) fn page(path: &str, html: &str) -> Output {
        Output {
            path: path.to_owned(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    /// An empty output at `path`.
    pub(super) fn file(path: &str) -> Output {
        page(path, "")
    }

    /// A site published under `/kerman/`, with `extra` as the HTML of one event page.
    pub(super) fn kerman_site(extra: &str) -> Vec<Output> {
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
