//! Requests to responses. The site is served from memory: a request can only ever
//! name a file the build produced, and paths that try to leave the site (`..`,
//! encoded or double-encoded, backslashes) are refused before any lookup.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use tokio::sync::mpsc;

use super::state::{Served, Shared};
use crate::html::escape;
use crate::url_syntax::percent_decode;

/// The live-reload script and its event stream, outside any base path.
pub const SCRIPT_PATH: &str = "/__dateline/live.js";
/// The server-sent event stream the live-reload script listens on: `state` events
/// carrying the current build or its errors.
pub const EVENTS_PATH: &str = "/__dateline/events";
const SCRIPT: &str = include_str!("live.js");

/// A response body: a whole file, or an open event stream.
pub enum Body {
    /// The file's bytes, taken when sent.
    Full(Option<Bytes>),
    /// Server-sent events, as long as the page listens.
    Events(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(events) => events.poll_recv(cx).map(|e| e.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// Answers one request. `local_only` (the server listens on loopback) refuses
/// requests that name a host other than this machine: a web page elsewhere can point
/// a name of its own at 127.0.0.1 (DNS rebinding) and read the preview, drafts
/// included.
pub async fn handle(
    shared: Arc<Shared>,
    local_only: bool,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    if local_only && let Some(refusal) = refuse_host(&request) {
        return Ok(refusal);
    }
    let uri = request.uri();
    Ok(respond(&shared, request.method(), uri.path(), uri.query()))
}

/// The refusal of a request whose `Host` header, or the host of its absolute
/// target, does not name this machine.
fn refuse_host<B>(request: &Request<B>) -> Option<Response<Body>> {
    let Some(Ok(host)) = request.headers().get(header::HOST).map(|h| h.to_str()) else {
        return Some(text(
            StatusCode::BAD_REQUEST,
            "a request needs a readable Host header\n",
        ));
    };
    let target = request.uri().authority().map(|a| a.as_str());
    let foreign = [Some(host), target]
        .into_iter()
        .flatten()
        .find(|h| !is_local(h))?;
    Some(text(
        StatusCode::FORBIDDEN,
        &format!(
            "dateline serve answers only to localhost and loopback addresses, not to `{foreign}`\n"
        ),
    ))
}

/// `localhost`, `app.localhost`, `127.0.0.1`, `[::1]`, each with or without a port.
fn is_local(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Where a request path leads, before the site is consulted.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    Script,
    Events,
    /// A file of the site, by output path; `""` and `dir/` mean an `index.html`.
    File(String),
    Redirect(String),
    /// Outside the base path: the site's 404 page.
    Outside,
    /// A path that tries to leave the site, or is not a path at all.
    Refused,
}

fn route(path: &str, base: &str) -> Route {
    match path {
        SCRIPT_PATH => return Route::Script,
        EVENTS_PATH => return Route::Events,
        _ => {}
    }
    let Some(decoded) = percent_decode(path) else {
        return Route::Refused;
    };
    let escapes = decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".");
    if !decoded.starts_with('/')
        || escapes
        || decoded.contains(['\\', '\0'])
        // Still encoded after decoding once: `%252e%252e` hides `..` one level down.
        || percent_decode(&decoded).is_some_and(|twice| twice != decoded)
    {
        return Route::Refused;
    }
    match decoded.strip_prefix(base) {
        Some(rest) => Route::File(rest.to_owned()),
        // `/kerman` for `/kerman/`, and `/` for a site served under a sub-path.
        None if decoded == "/" || format!("{decoded}/") == base => Route::Redirect(base.to_owned()),
        None => Route::Outside,
    }
}

fn respond(shared: &Shared, method: &Method, path: &str, query: Option<&str>) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let site = shared.site();
    let base = site.as_ref().map_or("/", |s| s.base_path.as_str());
    match route(path, base) {
        Route::Script => file(StatusCode::OK, "js", Bytes::from_static(SCRIPT.as_bytes())),
        Route::Events => events(shared),
        Route::Refused => text(
            StatusCode::BAD_REQUEST,
            "refused: not a path inside the site\n",
        ),
        Route::Redirect(to) => redirect(&encode(&to), query),
        route => match (route, site) {
            (_, None) => not_built(shared),
            (Route::File(rest), Some(site)) => site_file(&site, rest, path, query),
            (_, Some(site)) => not_found(&site),
        },
    }
}

/// `rest`, a path under the base path, from the site: `dir/` is `dir/index.html`.
fn site_file(site: &Served, rest: String, path: &str, query: Option<&str>) -> Response<Body> {
    let key = if rest.is_empty() || rest.ends_with('/') {
        crate::urls::page_file(&rest)
    } else {
        rest
    };
    if let Some(bytes) = site.files.get(&key) {
        page(StatusCode::OK, site, &key, bytes.clone())
    } else if site
        .files
        .contains_key(&crate::urls::page_file(&format!("{key}/")))
    {
        // A folder asked for without its slash, as GitHub Pages answers it.
        redirect(&format!("{path}/"), query)
    } else {
        not_found(site)
    }
}

/// A file of the site; HTML gets the live-reload script.
fn page(status: StatusCode, site: &Served, key: &str, bytes: Bytes) -> Response<Body> {
    let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
    let bytes = if content_type(extension).starts_with("text/html") {
        with_script(&bytes, &site.build, &site.base_path)
    } else {
        bytes
    };
    file(status, extension, bytes)
}

fn not_found(site: &Served) -> Response<Body> {
    let not_found = crate::urls::not_found();
    match site.files.get(not_found) {
        Some(page404) => page(StatusCode::NOT_FOUND, site, not_found, page404.clone()),
        None => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Until a first build succeeds, every page is this one, with the errors on top.
fn not_built(shared: &Shared) -> Response<Body> {
    let found = match shared.failure() {
        Some(failure) => format!("The build found {}.", escape(&failure.summary)),
        None => "It is building.".to_owned(),
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dateline: the site has not built yet</title></head>\n<body><h1>The site has not built yet</h1><p>{found} Fix the files named above; this page reloads by itself once the site builds.</p></body></html>\n"
    );
    let mut response = file(
        StatusCode::SERVICE_UNAVAILABLE,
        "html",
        with_script(html.as_bytes(), "", ""),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

fn events(shared: &Shared) -> Response<Body> {
    let mut response = Response::new(Body::Events(shared.subscribe()));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A temporary redirect (the base path can change while serving) to `to`, a path
/// already percent-encoded, keeping the query.
fn redirect(to: &str, query: Option<&str>) -> Response<Body> {
    let to = match query {
        Some(query) => format!("{to}?{query}"),
        None => to.to_owned(),
    };
    let mut response = text(StatusCode::FOUND, &format!("see {to}\n"));
    if let Ok(location) = HeaderValue::from_str(&to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Percent-encodes what may not stand in a URL path: `/café/` → `/caf%C3%A9/`.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    file(status, "txt", Bytes::from(message.to_owned()))
}

/// A response with the content type for `extension`. Nothing is cached: a preview
/// must never show a stale page.
fn file(status: StatusCode, extension: &str, bytes: Bytes) -> Response<Body> {
    let mut response = Response::new(Body::Full(Some(bytes)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(extension)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Content types of the files a site holds; anything else is a download.
fn content_type(extension: &str) -> &'static str {
    crate::media::by_extension(extension).unwrap_or("application/octet-stream")
}

/// Adds the live-reload script before `</body>` (or at the end).
fn with_script(html: &[u8], build: &str, base: &str) -> Bytes {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\" data-base=\"{}\" defer></script>",
        escape(build),
        escape(base)
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_under_the_base_path() {
        let base = "/kerman/";
        assert_eq!(route("/kerman/", base), Route::File(String::new()));
        assert_eq!(
            route("/kerman/sources/afp/", base),
            Route::File("sources/afp/".into())
        );
        assert_eq!(route("/", base), Route::Redirect(base.into()));
        assert_eq!(route("/kerman", base), Route::Redirect(base.into()));
        assert_eq!(route("/elsewhere/", base), Route::Outside);
        assert_eq!(route("/", "/"), Route::File(String::new()));
        assert_eq!(
            route("/explainers/%D9%82%D8%A7%D8%B3%D9%85/", "/"),
            Route::File("explainers/قاسم/".into())
        );
        assert_eq!(route(EVENTS_PATH, base), Route::Events);
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for path in [
            "/kerman/../Cargo.toml",
            "/kerman/%2e%2e/dateline.toml",
            "/kerman/%2E%2E%2Fdateline.toml",
            "/kerman/..%2fdateline.toml",
            "/kerman/%252e%252e/dateline.toml",
            "/kerman/..%5cdateline.toml",
            "/kerman/..\\dateline.toml",
            "/kerman/./index.html",
            "/kerman/%00",
            "/kerman/%zz",
            "/kerman/%ff",
            "/..",
        ] {
            assert_eq!(route(path, "/kerman/"), Route::Refused, "{path}");
        }
    }

    #[test]
    fn encodes_redirect_targets() {
        assert_eq!(encode("/café noir/"), "/caf%C3%A9%20noir/");
        assert_eq!(encode("/kerman/"), "/kerman/");
    }

    #[test]
    fn refuses_foreign_and_missing_hosts() {
        let request = |target: &str, host: Option<&str>| {
            let mut builder = Request::builder().uri(target);
            if let Some(host) = host {
                builder = builder.header(header::HOST, host);
            }
            builder.body(()).unwrap()
        };
        assert!(refuse_host(&request("/", Some("localhost:1111"))).is_none());
        let status = |r: Option<Response<Body>>| r.expect("a refusal").status();
        assert_eq!(
            status(refuse_host(&request("/", None))),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(refuse_host(&request("/", Some("evil.example")))),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(refuse_host(&request(
                "http://evil.example/",
                Some("localhost:1111")
            ))),
            StatusCode::FORBIDDEN
        );
        let unreadable = Request::builder()
            .uri("/")
            .header(
                header::HOST,
                HeaderValue::from_bytes(b"evil.example\xff").unwrap(),
            )
            .body(())
            .unwrap();
        assert_eq!(status(refuse_host(&unreadable)), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn knows_local_hosts() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "preview.localhost:1111",
            "127.0.0.1:1111",
            "127.0.0.2",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(is_local(host), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost.evil.example",
            "192.168.1.10:1111",
            "[::2]:1111",
        ] {
            assert!(!is_local(host), "{host}");
        }
    }

    #[test]
    fn injects_the_script_before_the_body_ends() {
        let html = with_script(b"<html><body><p>x</p></BODY></html>", "b-1", "/k/");
        let html = String::from_utf8(html.to_vec()).unwrap();
        assert!(
            html.ends_with("<p>x</p><script src=\"/__dateline/live.js\" data-build=\"b-1\" data-base=\"/k/\" defer></script></BODY></html>"),
            "{html}"
        );
        let bare = with_script(b"<p>x</p>", "", "");
        assert!(bare.ends_with(b"defer></script>"));
    }
}
