//! Where a fault is reported: the diagnostics for one broken link.
//!
//! A link whose text a template writes as an attribute value is blamed on that
//! template line, once for every place it is written, since that is where the fix goes;
//! any other link (from content or a template expression) is reported on the first
//! page it is broken on. The message names the link, the page and how many other pages
//! have it; the help says how to fix it.

use std::collections::BTreeMap;

use super::published::Published;
use super::{LinkFault, TemplateText};
use crate::diagnostic::{Diagnostic, line_col};

/// The diagnostics for one raw link, broken on `pages` (sorted by page, each with its
/// fault; at least one). When `templates` write the link, one diagnostic at each such
/// place (line and column in characters, underlining the link), worded after the
/// first page's fault. Otherwise one per different fault, on the first page that has
/// it (no position).
pub(super) fn link_diagnostics(
    site: &Published<'_>,
    raw: &str,
    pages: &[(&str, LinkFault)],
    templates: &[TemplateText<'_>],
) -> Vec<Diagnostic> {
    let blamed = find_in_templates(raw, templates);
    if let Some((first_page, problem)) = pages.first().filter(|_| !blamed.is_empty()) {
        let message = message(site, raw, problem, first_page, pages.len() - 1);
        let help = help(site, raw, problem, Written::Template);
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
            let message = message(site, raw, problem, first, pages.len() - 1);
            let origin = "the link comes from the page's content or from a template expression";
            let help = match help(site, raw, problem, Written::Unknown) {
                Some(help) => format!("{help}; {origin}"),
                None => origin.to_owned(),
            };
            Some(Diagnostic::file(first, message).with_help(Some(help)))
        })
        .collect()
}

/// What is wrong, on which page and how many others: the diagnostic's message.
fn message(
    site: &Published<'_>,
    raw: &str,
    problem: &LinkFault,
    first_page: &str,
    others: usize,
) -> String {
    let shown = raw.trim_matches(|c: char| c.is_ascii_whitespace());
    let on = match others {
        0 => format!("on /{first_page}"),
        n => format!(
            "on /{first_page} and {}",
            crate::messages::plural(n, "other page")
        ),
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
            site.base_path()
        ),
        LinkFault::Missing(path) => {
            format!("broken link `{shown}` {on}: nothing is published at {path}")
        }
    }
}

/// Where a broken link was written, which decides what fix can be typed there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// As the value of an attribute in a template: template syntax can be typed.
    Template,
    /// In a content file (raw HTML in Markdown) or by a template expression.
    Unknown,
}

/// How to fix it, when there is something to say: the diagnostic's help, worded for
/// where the link was `written`.
fn help(site: &Published<'_>, raw: &str, problem: &LinkFault, written: Written) -> Option<String> {
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
        LinkFault::LeavesBase(path)
            if url.starts_with('/') && !url.starts_with("//") && written == Written::Template =>
        {
            Some(format!(
                "write `{{{{ site.base_path }}}}{}` (or a link from a template variable) instead of a path from the server root",
                path.trim_start_matches('/')
            ))
        }
        // Template syntax cannot be written in Markdown, and raw HTML is published as
        // written: a Markdown link is, with the base path put in front.
        LinkFault::LeavesBase(path) if url.starts_with('/') && !url.starts_with("//") => {
            let within = path.trim_start_matches('/');
            Some(format!(
                "in Markdown, write it as a Markdown link, `[…]({url})`, which is published under the base path, or write the path with it, `{}{within}`; in a template, write `{{{{ site.base_path }}}}{within}`",
                site.base_path()
            ))
        }
        LinkFault::LeavesBase(path) => Some(format!(
            "it resolves to {path}, but the site is published under {}",
            site.base_path()
        )),
        LinkFault::Missing(path) => site.did_you_mean(path),
    }
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
    use crate::linkcheck::tests::{file, kerman_site, page};
    use crate::linkcheck::{TemplateText, check};

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
}
