//! Where a link is resolved: the files the site publishes, and the one a link names.
//!
//! A link is resolved the way a browser resolves it against its page (RFC 3986 §5.2:
//! relative paths merged with the page's folder, dot segments removed, then
//! percent-decoded), and the path it gives is looked up the way GitHub Pages serves the
//! output folder: a path ending in `/` names the folder's `index.html`, and a folder
//! named without its slash is redirected to it. Every internal link must stay under the
//! path of `base_url` (SPEC §5).

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::LinkFault;
use crate::fingerprint::FastSet;
use crate::html::char_refs::decode_char_refs;
use crate::url_syntax::{
    absolute_authority, normalize_host, percent_decode, remove_dot_segments, scheme,
};

/// What a link is checked against: every published file, the folders a link ending in
/// `/` can name, the site's host and its base path.
pub(super) struct Published<'a> {
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
    /// `paths` are every published file, relative to the output folder
    /// (`2024/01/index.html`). `base_url` is absolute (`https://user.github.io/kerman/`)
    /// or a path; only an absolute one gives the site a host, so that a link spelled
    /// with it is checked too. `base_path` is the path part of `base_url`, with or
    /// without its slashes (`/kerman/`, `kerman/`, `""`).
    pub(super) fn new(paths: Vec<&'a str>, base_url: &str, base_path: &'a str) -> Self {
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

    /// The path every internal link starts with, with both its slashes: `/kerman/`, or
    /// `/` for a site at the root.
    pub(super) fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The problem with one link as written in a page whose folder URL is `dir` (see
    /// [`page_dir`]); `None` when it resolves or points off the site. `raw` is the
    /// attribute value as written: character references are decoded here, and ASCII
    /// whitespace around it is ignored.
    pub(super) fn check_link(&self, raw: &str, dir: &str) -> Option<LinkFault> {
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
    ///
    /// The kinds of reference of RFC 3986 §4.2 in turn: `//host/path`, `scheme:…`
    /// (only `http` and `https` can be this site), `/path`, and a relative path merged
    /// with `dir` (§5.2.3). Then the query and fragment are dropped, dot segments
    /// removed ([`remove_dot_segments`], §5.2.4) and `%XX` escapes decoded (§2.1).
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
        let dotless = remove_dot_segments(path);
        if dotless.above_root {
            return Err(LinkFault::AboveRoot);
        }
        percent_decode(&dotless.path)
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

    /// A published sibling with a similar name, `style.css` for `styles.css`, as the
    /// help line: did you mean `/kerman/style.css`? `path` is a decoded path from the server
    /// root (what [`LinkFault::Missing`] holds); `None` outside the base path or when
    /// no name in its folder is close enough ([`crate::suggest::nearest`]).
    pub(super) fn did_you_mean(&self, path: &str) -> Option<String> {
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

/// Whether an output is a page to scan: its path (relative to the output folder) ends
/// in `.html`, in any case.
pub(super) fn is_html(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 5 && bytes[bytes.len() - 5..].eq_ignore_ascii_case(b".html")
}

/// The URL folder relative links on a page resolve against: `{base}2024/01/` for
/// `2024/01/index.html`, `{base}` for `404.html` — the base URI's path up to its last
/// `/`, as RFC 3986 §5.2.3 merges paths. `base_path` is `/…/`, `page` relative to the
/// output folder. Characters that would end the path or start an escape are encoded,
/// so the page's own name is never misread.
pub(super) fn page_dir(base_path: &str, page: &str) -> String {
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

#[cfg(test)]
mod tests {
    use crate::linkcheck::check;
    use crate::linkcheck::tests::{file, kerman_site, page};

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
}
