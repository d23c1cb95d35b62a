//! URL syntax, after RFC 3986: a URL's scheme and host, dot segments removed from its
//! path, and its percent-encoding decoded. Nothing here knows the site, and nothing
//! here spells its URLs (that is `urls.rs`): the link check
//! (`linkcheck/published.rs`) puts the pieces together to resolve a link, the feeds
//! (`render/feed_html.rs`) to make one absolute, and `dateline serve` decodes
//! request paths.

use std::borrow::Cow;

/// The authority of an absolute URL (`http://`, `https://` or `//`), if it is one:
/// `User@Host:8080` in `https://User@Host:8080/x?y`, as written — the part after `//`
/// up to the first `/`, `?` or `#` (RFC 3986 §3.2). `None` for a path, another scheme
/// or an `http:` URL without `//`. Whitespace around `url` is ignored.
pub fn absolute_authority(url: &str) -> Option<&str> {
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
/// https count as the same site, so both :80 and :443 are dropped), and without the
/// `:` of an empty port. RFC 3986: user info §3.2.1, a host is case-insensitive
/// §3.2.2, default and empty ports §3.2.3 and §6.2.3.
pub fn normalize_host(authority: &str) -> String {
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    host.trim_end_matches(':').to_ascii_lowercase()
}

/// The scheme of `url` (`mailto` in `mailto:x`), as written, per RFC 3986 §3.1: a
/// letter, then letters, digits, `+`, `-` or `.`, then `:`, before any `/`, `?` or
/// `#`. `None` when `url` has none (a path, or `//host`).
pub fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (first_ok && rest_ok).then_some(scheme)
}

/// `path` with its `.` and `..` segments resolved, as browsers resolve them (RFC 3986
/// §5.2.4 "Remove Dot Segments"), and whether a `..` climbed above `/`.
///
/// `path` is a path without query or fragment (a missing leading `/` is assumed); the
/// result starts with `/`, and a trailing `.` or `..` leaves a trailing `/`
/// (`/a/b/..` → `/a/`). A `..` with no folder left to leave stays at the root, as in
/// RFC 3986 (`/../x` → `/x`), and sets [`Dotless::above_root`]. Like the WHATWG URL
/// Standard it also takes `%2e` for a dot (its single-dot and double-dot URL path
/// segments), in any case. Borrowed when `path` starts with `/` and has no dot
/// segment, as almost every path does.
pub fn remove_dot_segments(path: &str) -> Dotless<'_> {
    let segments = path.strip_prefix('/').unwrap_or(path);
    if path.starts_with('/') && !segments.split('/').any(|s| dot_segment(s).is_some()) {
        return Dotless {
            path: Cow::Borrowed(path),
            above_root: false,
        };
    }
    let mut above_root = false;
    let mut out: Vec<&str> = Vec::new();
    let mut segments = segments.split('/').peekable();
    while let Some(segment) = segments.next() {
        match dot_segment(segment) {
            None => {
                out.push(segment);
                continue;
            }
            Some(Dots::One) => {}
            Some(Dots::Two) => above_root |= out.pop().is_none(),
        }
        // A trailing `.` or `..` names a folder: keep the slash.
        if segments.peek().is_none() {
            out.push("");
        }
    }
    Dotless {
        path: Cow::Owned(format!("/{}", out.join("/"))),
        above_root,
    }
}

/// A path from [`remove_dot_segments`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dotless<'a> {
    /// The path without dot segments, starting with `/`.
    pub path: Cow<'a, str>,
    /// Whether a `..` had no folder left to leave, and was dropped: a browser stays
    /// at the root, the link check calls the link broken.
    pub above_root: bool,
}

/// A single-dot or double-dot path segment.
enum Dots {
    One,
    Two,
}

/// Which dot segment `segment` is, if one: `.` or `..`, with `%2e` for any of the
/// dots, in either case.
fn dot_segment(segment: &str) -> Option<Dots> {
    let is_dot = |s: &str| s == "." || s.eq_ignore_ascii_case("%2e");
    if is_dot(segment) {
        return Some(Dots::One);
    }
    let two = ["..", ".%2e", "%2e.", "%2e%2e"];
    two.iter()
        .any(|dots| segment.eq_ignore_ascii_case(dots))
        .then_some(Dots::Two)
}

/// `%XX` escapes decoded (RFC 3986 §2.1; either case of hex digit); every other
/// character, `+` included, is kept as it is. `None` for a `%` not followed by two hex
/// digits, or when the decoded bytes are not UTF-8.
pub fn percent_decode(path: &str) -> Option<String> {
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

/// The value (0–15) of one hex digit, `None` for any other byte.
fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Whether `url` is an absolute `http://` or `https://` address with a host: what a
/// homepage, an author's or a publisher's `url` must be. `https://` alone, a path
/// after the scheme (`https:///x`) or a space are not (RFC 3986 §3: a scheme, then
/// `//` and a non-empty authority).
pub fn is_web_address(url: &str) -> bool {
    url.strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_scheme_only_before_the_path() {
        assert_eq!(scheme("mailto:desk@example.org"), Some("mailto"));
        assert_eq!(scheme("Web+X.1-a:y"), Some("Web+X.1-a"));
        for none in [
            "/a:b",
            "a/b:c",
            "//host:80/",
            "1x:y",
            ":x",
            "x?a:b",
            "plain",
        ] {
            assert_eq!(scheme(none), None, "{none:?}");
        }
    }

    #[test]
    fn removes_dot_segments_like_a_browser() {
        let cases = [
            ("/a/b/../c", "/a/c", false),
            ("/a/b/..", "/a/", false),
            ("/a/./b/.", "/a/b/", false),
            ("a/%2E/b/%2e%2E/c", "/a/c", false),
            ("/a//../b", "/a/b", false),
            ("/../../x", "/x", true),
            ("/..", "/", true),
            ("", "/", false),
            ("/a/.b/..c/", "/a/.b/..c/", false),
        ];
        for (path, expected, above_root) in cases {
            let dotless = remove_dot_segments(path);
            assert_eq!(dotless.path, expected, "{path:?}");
            assert_eq!(dotless.above_root, above_root, "{path:?}");
        }
        assert!(matches!(
            remove_dot_segments("/kerman/2024/").path,
            Cow::Borrowed("/kerman/2024/")
        ));
    }
}
