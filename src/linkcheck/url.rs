//! URL syntax, after RFC 3986: a URL's scheme and host, dot segments removed from its
//! path, and its percent-encoding decoded. Nothing here knows the site; `published.rs`
//! puts the pieces together to resolve a link.

/// The authority of an absolute URL (`http://`, `https://` or `//`), if it is one:
/// `User@Host:8080` in `https://User@Host:8080/x?y`, as written — the part after `//`
/// up to the first `/`, `?` or `#` (RFC 3986 §3.2). `None` for a path, another scheme
/// or an `http:` URL without `//`. Whitespace around `url` is ignored.
pub(super) fn absolute_authority(url: &str) -> Option<&str> {
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
pub(super) fn normalize_host(authority: &str) -> String {
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
pub(super) fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (first_ok && rest_ok).then_some(scheme)
}

/// Resolves `.` and `..` in an absolute path, as browsers do, except that climbing
/// above `/` is an error rather than silently staying at the root.
///
/// `path` is a path without query or fragment (a missing leading `/` is assumed); the
/// result starts with `/`, and a trailing `.` or `..` leaves a trailing `/`
/// (`/a/b/..` → `/a/`). The algorithm is RFC 3986 §5.2.4 "Remove Dot Segments";
/// like the WHATWG URL Standard it also takes `%2e` for a dot (its single-dot and
/// double-dot URL path segments), in any case. `None` when a `..` has no folder left
/// to leave.
pub(super) fn remove_dot_segments(path: &str) -> Option<String> {
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

/// `%XX` escapes decoded (RFC 3986 §2.1; either case of hex digit); every other
/// character, `+` included, is kept as it is. `None` for a `%` not followed by two hex
/// digits, or when the decoded bytes are not UTF-8. `dateline serve` decodes request
/// paths with it too.
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

/// The value (0–15) of one hex digit, `None` for any other byte.
fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use crate::linkcheck::check;
    use crate::linkcheck::tests::page;

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
