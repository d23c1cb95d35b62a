//! The URL scheme: the only place a site path is spelled.
//!
//! Each function gives the path of one kind of page or file, relative to the site
//! root and without the `base_url` prefix: `2024/01/03/kerman-explosions/`, not
//! `/kerman/2024/01/03/kerman-explosions/`. A page's path ends in `/` (its file is
//! `index.html` in that folder; the home page's path is empty); a file's path is its
//! name. [`Config::link`](crate::config::Config::link) turns a path into a link, and
//! the feeds and sitemap prefix `base_url` for an absolute URL (SPEC §5).

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, percent_decode_str};

use crate::date::{Moment, Precision};

/// The most bytes one segment of a site path may hold. Each segment is a folder or
/// file name in the output, and file systems allow at most 255 bytes in one (ext4,
/// XFS, Btrfs, APFS; NTFS counts 255 UTF-16 units, never more than the bytes):
/// a longer one fails to write. Content that would give one is an error in
/// `check` and `build` alike.
pub const MAX_SEGMENT: usize = 255;

/// Whether `segment` fits in one name on disk: at most [`MAX_SEGMENT`] bytes.
pub fn segment_fits(segment: &str) -> bool {
    segment.len() <= MAX_SEGMENT
}

/// A URL segment over [`MAX_SEGMENT`] bytes, given by `what` (`slug`, `tag`,
/// `explainer id` …): the message, and a shorter form to suggest (slugified, cut
/// at a hyphen to [`SHORT`](crate::slug::SHORT) characters). `None` when it fits.
pub fn segment_too_long(what: &str, segment: &str) -> Option<(String, String)> {
    if segment_fits(segment) {
        return None;
    }
    let message = format!(
        "the {what} `{}…` is too long for a URL: {} bytes, over the limit of {MAX_SEGMENT} bytes for one URL segment",
        crate::slug::shorten(segment, 24),
        segment.len(),
    );
    let slug = crate::slug::slugify(segment);
    Some((
        message,
        crate::slug::shorten(&slug, crate::slug::SHORT).to_owned(),
    ))
}

/// Why a URL segment is limited: how every help for [`segment_too_long`]'s
/// errors starts.
pub const SEGMENT_LIMIT: &str = "each URL segment is a folder name in the built site, and file systems hold at most 255 bytes in one";

/// What a path keeps as it is, RFC 3986's `pchar` (§3.3) and `/`: letters, digits,
/// `-._~`, the sub-delimiters `!$&'()*+,;=`, `:` and `@`. Everything else — space,
/// `%`, `#`, `?`, `"`, `<`, `>`, `\`, controls and every non-ASCII byte — is escaped.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// What can never stand in a URL as it is (the WHATWG URL standard's fragment set
/// and `{`, `}`, `|`, `^`): escaped in an absolute URL an editor wrote, leaving every
/// `%`, `#`, `?` and `/` as the editor meant it.
const NEVER_IN_URL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'^');

/// A published static file's path as a site path: each segment percent-encoded as
/// RFC 3986 (§3.3) spells a path segment, `/` kept: `photos/crowd scene.png` →
/// `photos/crowd%20scene.png`, `crowd#2.png` → `crowd%232.png`, `100%.png` →
/// `100%25.png`, `کرمان.jpg` → `%DA%A9%D8%B1%D9%85%D8%A7%D9%86.jpg`. Every output
/// that names a static file (`<img src>`, lead images, Open Graph and Twitter
/// tags, JSON-LD, feeds) spells it so; readers decode it back to the file name.
pub fn static_file(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

/// An absolute URL as the editor wrote it, with only what can never stand in a URL
/// escaped: `https://x.org/a b.jpg` → `https://x.org/a%20b.jpg`. Escapes already
/// written, `?` and `#` are kept; so are non-ASCII characters (an IRI's host may be
/// one), which browsers and feed readers encode themselves.
pub fn external(url: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(url.len() + 8);
    let mut changed = false;
    let mut rest = url;
    while !rest.is_empty() {
        let (ascii, tail) = rest.split_at(rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len()));
        let encoded: Cow<'_, str> =
            percent_encoding::utf8_percent_encode(ascii, NEVER_IN_URL).into();
        changed |= encoded != ascii;
        out.push_str(&encoded);
        let (other, tail) = tail.split_at(tail.find(|c: char| c.is_ascii()).unwrap_or(tail.len()));
        out.push_str(other);
        rest = tail;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(url)
    }
}

/// What a URI keeps of a URL as written, RFC 3986's reserved and unreserved
/// characters (§2.2, §2.3) and `%`: every ASCII character but controls, space,
/// `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|` and `}`. Each non-ASCII byte is escaped.
const URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A site URL in the form RFC 3986 (§2.1, §3.3) requires where a machine reads it
/// (sitemap, feeds, JSON, JSON-LD, `<link rel="canonical">`, Open Graph): every
/// character a URI cannot hold as it is — non-ASCII ones as the `%XX` of each of
/// their UTF-8 bytes — escaped, what is valid ASCII (`/`, `:`, `?`, `#`, and an
/// escape already written, `%20`) kept:
/// `https://example.org/2024/01/03/انفجار-کرمان/` →
/// `https://example.org/2024/01/03/%D8%A7%D9%86%D9%81%D8%AC%D8%A7%D8%B1-%DA%A9%D8%B1%D9%85%D8%A7%D9%86/`.
/// Pages themselves link by the readable form (browsers show and encode an IRI);
/// the host of an absolute URL is kept as written, so an internationalised domain
/// name belongs in `base_url` in its ASCII (`xn--`) form. Borrowed when nothing
/// changes.
pub fn uri(url: &str) -> Cow<'_, str> {
    // Most addresses need no escape: found by one pass over the bytes, kept by
    // [`URI`] (printable ASCII but the characters it adds).
    let kept = |b: u8| matches!(b, b'!' | b'#'..=b';' | b'=' | b'?'..=b'[' | b']' | b'_' | b'a'..=b'z' | b'~');
    if url.bytes().all(kept) {
        return Cow::Borrowed(url);
    }
    // The authority of `scheme://host/...` stays as written.
    let path_at = crate::url_syntax::absolute_authority(url).map_or(0, |host| {
        host.as_ptr() as usize - url.as_ptr() as usize + host.len()
    });
    let (head, path) = url.split_at(path_at);
    match percent_encoding::utf8_percent_encode(path, URI).into() {
        Cow::Borrowed(_) => Cow::Borrowed(url),
        Cow::Owned(path) => Cow::Owned(format!("{head}{path}")),
    }
}

/// The static file names a path written in content may mean, most likely first,
/// without a leading `/`: read as a URL path (`%XX` decoded, as CommonMark and
/// GitHub read `photos/crowd%20scene.png`), then as written (a file whose name holds
/// a `%`, such as `100%20.png`) when that differs. A decoding that is not UTF-8 is
/// left out.
pub fn file_spellings(written: &str) -> Vec<Cow<'_, str>> {
    let written = written.trim_start_matches('/');
    match percent_decode_str(written).decode_utf8() {
        Ok(decoded) if decoded != written => vec![decoded, Cow::Borrowed(written)],
        _ => vec![Cow::Borrowed(written)],
    }
}

/// The file a page at `path` is written to: `2024/01/index.html` for `2024/01/`,
/// `index.html` for the home page.
pub fn page_file(path: &str) -> String {
    format!("{path}index.html")
}

/// The page path a file is served at, the inverse of [`page_file`]: `2024/01/` for
/// `2024/01/index.html`; any other file is served at its own path (`404.html`).
pub fn page_of_file(file: &str) -> &str {
    page_of_index_file(file).unwrap_or(file)
}

/// The page path of an index file, `None` for any other file: `2024/01/` for
/// `2024/01/index.html`, `""` for the home page's `index.html`.
pub fn page_of_index_file(file: &str) -> Option<&str> {
    file.strip_suffix("index.html")
}

/// The home page, the timeline: the empty path, the site root (`/`). SPEC §5.
pub fn home() -> &'static str {
    ""
}

/// The page GitHub Pages shows for a missing path: the file `404.html`, at the
/// root however deep the missing path was. SPEC §5.
pub fn not_found() -> &'static str {
    "404.html"
}

/// An event's page: `2024/01/03/kerman-explosions/` for a date known to the day (or
/// the minute), `2024/01/kerman-explosions/` to the month, `2024/kerman-explosions/`
/// to the year; the date as shown, in the event's zone. SPEC §2.1.
pub fn event(date: &Moment, slug: &str) -> String {
    let d = date.date();
    match date.precision {
        Precision::Year => format!("{}/{slug}/", d.format("%Y")),
        Precision::Month => format!("{}/{slug}/", d.format("%Y/%m")),
        Precision::Day | Precision::Minute => format!("{}/{slug}/", d.format("%Y/%m/%d")),
    }
}

/// A year's archive: `2024/`, the year in four digits. SPEC §5.
pub fn year(year: i32) -> String {
    format!("{year:04}/")
}

/// A month's archive: `2024/01/`, month 1 to 12 in two digits. SPEC §5.
pub fn month(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

/// The search page: `search/`. SPEC §10.
pub fn search_page() -> &'static str {
    "search/"
}

/// `on-this-day/`: every calendar day that has events, with counts. SPEC §10.
pub fn on_this_day_index() -> &'static str {
    "on-this-day/"
}

/// Page `n` of the list at site path `first` (SPEC §10): `first` itself for the
/// first page, else `{first}page/{n}/` (`tags/kerman/page/2/`, `page/3/` for the
/// timeline at the site root `""`).
pub fn list_page(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_owned()
    } else {
        format!("{first}page/{n}/")
    }
}

/// The events of a calendar day across the years: `on-this-day/01-03/` for 3
/// January, month and day in two digits. SPEC §5.
pub fn on_this_day(month: u32, day: u32) -> String {
    format!("on-this-day/{month:02}-{day:02}/")
}

/// A source's page: `sources/reuters/`, by the source's id. SPEC §2.2.
pub fn source(id: &str) -> String {
    format!("sources/{id}/")
}

/// The sources index: `sources/`. SPEC §5.
pub fn sources() -> &'static str {
    "sources/"
}

/// An explainer's page: `explainers/qasem-soleimani/`, by the explainer's id.
/// SPEC §2.3.
pub fn explainer(id: &str) -> String {
    format!("explainers/{id}/")
}

/// The explainers index: `explainers/`. SPEC §5.
pub fn explainers() -> &'static str {
    "explainers/"
}

/// A tag's page: `tags/air-strikes/`, by the tag's slug (not its name). SPEC §5.
pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// The tags index: `tags/`. SPEC §5.
pub fn tags() -> &'static str {
    "tags/"
}

/// Every correction on the site: `corrections/`. SPEC §9.4.
pub fn corrections() -> &'static str {
    "corrections/"
}

/// Every figure with its current value: `figures/`. SPEC §9.5.
pub fn figures() -> &'static str {
    "figures/"
}

/// A figure's page, with every reading and its chart: `figures/killed/`, by the
/// name `dateline.toml` declares it under. SPEC §9.5.
pub fn figure(name: &str) -> String {
    format!("figures/{name}/")
}

/// Every open question, open ones first: `questions/`. SPEC §9.6.
pub fn questions() -> &'static str {
    "questions/"
}

/// A question's page, with every account: `questions/cause/`, by its id. SPEC §9.6.
pub fn question(id: &str) -> String {
    format!("questions/{id}/")
}

/// The Atom feed: `atom.xml`. SPEC §5.
pub fn atom_feed() -> &'static str {
    "atom.xml"
}

/// The JSON feed: `feed.json`. SPEC §5.
pub fn json_feed() -> &'static str {
    "feed.json"
}

/// `robots.txt`. SPEC §5.
pub fn robots() -> &'static str {
    "robots.txt"
}

/// The search index: `search.json`. SPEC §5.
pub fn search_index() -> &'static str {
    "search.json"
}

/// The timeline in TimelineJS3's JSON format: `timeline.json`. SPEC §10.
pub fn timeline_js() -> &'static str {
    "timeline.json"
}

/// The sitemap: `sitemap.xml`, the index of the parts when there are several. SPEC §5.
pub fn sitemap() -> &'static str {
    "sitemap.xml"
}

/// The `n`th part of a sitemap split at the protocol's limit, from 1: `sitemap-1.xml`.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Moment {
        Moment::parse(text, None, None).unwrap()
    }

    #[test]
    fn the_quick_check_keeps_what_the_set_keeps() {
        for b in 0..128u8 {
            let url = format!("/a{}b/", b as char);
            let by_set: String = percent_encoding::utf8_percent_encode(&url, URI).collect();
            assert_eq!(uri(&url), by_set, "byte {b}");
        }
    }

    #[test]
    fn a_uri_escapes_non_ascii_bytes_and_keeps_valid_ascii() {
        assert_eq!(
            uri("https://example.org/fa/2024/01/03/انفجار-کرمان/"),
            "https://example.org/fa/2024/01/03/%D8%A7%D9%86%D9%81%D8%AC%D8%A7%D8%B1-%DA%A9%D8%B1%D9%85%D8%A7%D9%86/"
        );
        assert_eq!(uri("/tags/ایران/"), "/tags/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86/");
        assert_eq!(uri("/a b/x\u{200c}y/"), "/a%20b/x%E2%80%8Cy/");
        let ascii = "https://example.org/search/?q=gas&source=irib#top%20x:y@z";
        assert!(matches!(uri(ascii), Cow::Borrowed(u) if u == ascii));
        assert_eq!(
            uri("https://ex.org/100%25/é"),
            "https://ex.org/100%25/%C3%A9"
        );
        // The host stays as written; only the path, query and fragment are escaped.
        assert_eq!(uri("https://مثال.ir/ک"), "https://مثال.ir/%DA%A9");
        assert_eq!(uri("//مثال.ir/?q=ک"), "//مثال.ir/?q=%DA%A9");
        assert_eq!(uri("https"), "https");
    }

    #[test]
    fn pages_are_index_files_in_their_folder() {
        assert_eq!(page_file("2024/01/"), "2024/01/index.html");
        assert_eq!(page_file(home()), "index.html");
        assert_eq!(page_of_file("2024/01/index.html"), "2024/01/");
        assert_eq!(page_of_file("index.html"), "");
        assert_eq!(page_of_file("404.html"), "404.html");
        assert_eq!(page_of_index_file("2024/01/index.html"), Some("2024/01/"));
        assert_eq!(page_of_index_file("404.html"), None);
    }

    #[test]
    fn home_is_the_root() {
        assert_eq!(home(), "");
    }

    #[test]
    fn not_found_is_a_file_at_the_root() {
        assert_eq!(not_found(), "404.html");
    }

    #[test]
    fn paths_follow_precision() {
        let p = |d: &str| event(&Moment::parse(d, None, None).unwrap(), "x");
        assert_eq!(p("2024"), "2024/x/");
        assert_eq!(p("2024-01"), "2024/01/x/");
        assert_eq!(p("2024-01-03"), "2024/01/03/x/");
        assert_eq!(p("2024-01-03T14:50+03:30"), "2024/01/03/x/");
    }

    #[test]
    fn event_paths_follow_precision() {
        assert_eq!(
            event(&date("2024-01-03"), "kerman-explosions"),
            "2024/01/03/kerman-explosions/"
        );
        assert_eq!(
            event(&date("2024-01-03T14:50+03:30"), "kerman-explosions"),
            "2024/01/03/kerman-explosions/"
        );
        assert_eq!(event(&date("2020-01"), "funerals"), "2020/01/funerals/");
        assert_eq!(
            event(&date("1962"), "alder-dam-completed"),
            "1962/alder-dam-completed/"
        );
        assert_eq!(event(&date("0612-05-01"), "x"), "0612/05/01/x/");
    }

    #[test]
    fn year_paths_have_four_digits() {
        assert_eq!(year(2024), "2024/");
        assert_eq!(year(612), "0612/");
    }

    #[test]
    fn month_paths_have_two_digit_months() {
        assert_eq!(month(2024, 1), "2024/01/");
        assert_eq!(month(2024, 12), "2024/12/");
        assert_eq!(month(612, 5), "0612/05/");
    }

    #[test]
    fn on_this_day_paths_are_month_then_day() {
        assert_eq!(on_this_day(1, 3), "on-this-day/01-03/");
        assert_eq!(on_this_day(12, 25), "on-this-day/12-25/");
    }

    #[test]
    fn source_paths() {
        assert_eq!(source("reuters"), "sources/reuters/");
        assert_eq!(sources(), "sources/");
    }

    #[test]
    fn explainer_paths() {
        assert_eq!(explainer("qasem-soleimani"), "explainers/qasem-soleimani/");
        assert_eq!(explainer("قاسم"), "explainers/قاسم/");
        assert_eq!(explainers(), "explainers/");
    }

    #[test]
    fn tag_paths() {
        assert_eq!(tag("air-strikes"), "tags/air-strikes/");
        assert_eq!(tags(), "tags/");
    }

    #[test]
    fn the_corrections_page_is_one_folder() {
        assert_eq!(corrections(), "corrections/");
    }

    #[test]
    fn feed_paths() {
        assert_eq!(atom_feed(), "atom.xml");
        assert_eq!(json_feed(), "feed.json");
    }

    #[test]
    fn static_files_are_spelled_as_path_segments() {
        assert_eq!(
            static_file("photos/crowd scene.png"),
            "photos/crowd%20scene.png"
        );
        assert_eq!(static_file("photos/crowd#2.png"), "photos/crowd%232.png");
        assert_eq!(static_file("100%.png"), "100%25.png");
        assert_eq!(static_file("a?b\"<>.png"), "a%3Fb%22%3C%3E.png");
        assert_eq!(static_file("a\\b`{}|^.png"), "a%5Cb%60%7B%7D%7C%5E.png");
        assert_eq!(
            static_file("k/کرمان.jpg"),
            "k/%DA%A9%D8%B1%D9%85%D8%A7%D9%86.jpg"
        );
        // RFC 3986's pchar stays as it is.
        assert_eq!(
            static_file("a-._~!$&'()*+,;=:@b/c.png"),
            "a-._~!$&'()*+,;=:@b/c.png"
        );
        assert_eq!(static_file("images/kerman.jpg"), "images/kerman.jpg");
    }

    #[test]
    fn external_urls_keep_what_the_editor_wrote_but_spaces() {
        assert_eq!(external("https://x.org/a b.jpg"), "https://x.org/a%20b.jpg");
        assert_eq!(
            external("https://x.org/a%20b.jpg?s=1#top"),
            "https://x.org/a%20b.jpg?s=1#top"
        );
        assert_eq!(external("https://کرمان.ir/ع ب"), "https://کرمان.ir/ع%20ب");
        assert!(matches!(external("https://x.org/a.jpg"), Cow::Borrowed(_)));
    }

    #[test]
    fn file_spellings_decode_first_then_keep_as_written() {
        assert_eq!(
            file_spellings("/photos/crowd%20scene.png"),
            ["photos/crowd scene.png", "photos/crowd%20scene.png"]
        );
        assert_eq!(file_spellings("crowd#2.png"), ["crowd#2.png"]);
        assert_eq!(file_spellings("100%.png"), ["100%.png"]);
        assert_eq!(file_spellings("100%25.png"), ["100%.png", "100%25.png"]);
        assert_eq!(file_spellings("a%FF.png"), ["a%FF.png"]);
        assert_eq!(file_spellings("%D9%82.png"), ["\u{642}.png", "%D9%82.png"]);
    }

    #[test]
    fn segments_fit_in_a_file_name() {
        assert!(segment_fits(&"a".repeat(255)));
        assert!(!segment_fits(&"a".repeat(256)));
        // Bytes, not characters: 128 two-byte letters are 256 bytes.
        assert!(!segment_fits(&"ق".repeat(128)));
    }

    #[test]
    fn machine_file_paths() {
        assert_eq!(robots(), "robots.txt");
        assert_eq!(search_index(), "search.json");
        assert_eq!(timeline_js(), "timeline.json");
        assert_eq!(sitemap(), "sitemap.xml");
        assert_eq!(sitemap_part(1), "sitemap-1.xml");
        assert_eq!(sitemap_part(12), "sitemap-12.xml");
    }
}
