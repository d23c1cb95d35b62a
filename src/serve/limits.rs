//! What `serve` holds itself to so that slow or many clients, or a machine short of
//! file descriptors, cannot stop it answering or lose an edit: how long a connection
//! may take to send a request, how many may be open at once, how long to wait when
//! `accept` fails, and when a failed rebuild is the machine's fault and is tried
//! again. Only numbers and rules live here; the server and the rebuild loop in
//! `mod.rs` apply them.

use std::io;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

/// How long a connection may take to send a whole request head (request line and
/// headers), counted from when it opens and again from the end of each response: it
/// is both the header-read timeout and the idle keep-alive timeout. A connection over
/// it is closed without an answer. The live-reload event stream is not cut by it: a
/// response being sent is not a wait for a request head.
///
/// 10 seconds: a browser sends its request at once, and keeps an idle connection
/// ready for the next page; a client dripping a byte at a time (slowloris) holds one
/// of [`MAX_CONNECTIONS`] for no longer than this.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Overrides [`HEADER_TIMEOUT`], in milliseconds, so the test suite need not wait ten
/// seconds. Not a setting for users, and not in the help.
const HEADER_TIMEOUT_VARIABLE: &str = "DATELINE_SERVE_HEADER_TIMEOUT_MS";

/// How many connections may be open at once, event streams included. One more is
/// accepted, answered `503 Service Unavailable` with `Retry-After: 1`, and closed at
/// once, so the listener keeps accepting and the server never holds more than this
/// many sockets: under the usual limit of 1,024 open files per process, plenty are
/// left for the rebuild's reads. A browser opens at most 6 connections to one host.
pub const MAX_CONNECTIONS: usize = 256;

/// How long to wait before accepting again after `accept` failed: out of file
/// descriptors, the failure repeats until some are closed, and trying again at once
/// would spin a core.
pub const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// The first wait before a rebuild that failed because of the machine is tried
/// again; each further failure doubles it, up to [`LAST_RETRY`].
pub const FIRST_RETRY: Duration = Duration::from_millis(100);
/// The longest wait between two tries of a rebuild the machine let fail: the edit
/// shows at most this long after the machine recovers.
pub const LAST_RETRY: Duration = Duration::from_millis(3200);

/// The header timeout for this run: [`HEADER_TIMEOUT`], unless the test suite set
/// another.
pub fn header_timeout() -> Duration {
    std::env::var(HEADER_TIMEOUT_VARIABLE)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(HEADER_TIMEOUT, Duration::from_millis)
}

/// The answer to a connection over [`MAX_CONNECTIONS`], written whole before the
/// connection is closed.
pub fn over_capacity() -> String {
    let body = format!(
        "dateline serve has {MAX_CONNECTIONS} connections open, its most; try again in a moment\n"
    );
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nretry-after: 1\r\ncache-control: no-store\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Whether `error` says the machine ran short of something it gets back by itself,
/// so the same call can succeed later: file descriptors (`EMFILE` for the process,
/// `ENFILE` for the system), memory, network buffers, or a call interrupted or told
/// to try again. Not a missing file, nor a permission refused: those are the site's.
pub fn is_exhaustion(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::OutOfMemory | io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
    ) || error
        .raw_os_error()
        .is_some_and(|code| EXHAUSTION.contains(&code))
}

/// Error numbers of exhaustion that `io::ErrorKind` does not name. Numbers from the
/// platforms' `errno.h` (`EMFILE` and `ENFILE` are 24 and 23 on every Unix) and
/// Windows' `winerror.h`.
#[cfg(target_os = "linux")]
const EXHAUSTION: [i32; 3] = [24, 23, 105]; // EMFILE, ENFILE, ENOBUFS
#[cfg(all(unix, not(target_os = "linux")))]
const EXHAUSTION: [i32; 3] = [24, 23, 55]; // EMFILE, ENFILE, ENOBUFS
#[cfg(windows)]
const EXHAUSTION: [i32; 3] = [4, 8, 14]; // TOO_MANY_OPEN_FILES, NOT_ENOUGH_MEMORY, OUTOFMEMORY
#[cfg(not(any(unix, windows)))]
const EXHAUSTION: [i32; 0] = [];

/// Whether a failed build's `diagnostic` reports the machine failing rather than a
/// problem in the site: a whole-file error ending in an operating-system error that
/// [`is_exhaustion`] accepts, such as `cannot read dateline.toml: Too many open files
/// (os error 24)`.
///
/// The build turns each I/O error into a diagnostic's text where it happens (`cannot
/// read …: {error}`), so the error itself is gone by the time the build fails; what
/// stays is its standard display, `{description} (os error {code})`. The code is read
/// back and classified as an `io::Error` again, and the message must end with that
/// error's own display word for word, so a message quoting an author's text cannot
/// pass for one.
pub fn caused_by_machine(diagnostic: &Diagnostic) -> bool {
    let code = diagnostic
        .message
        .strip_suffix(')')
        .and_then(|m| m.rsplit_once("(os error "))
        .and_then(|(_, code)| code.parse::<i32>().ok());
    let Some(code) = code else {
        return false;
    };
    let error = io::Error::from_raw_os_error(code);
    diagnostic.is_error()
        && diagnostic.line == 0
        && diagnostic.message.ends_with(&format!(": {error}"))
        && is_exhaustion(&error)
}

/// When to try again a rebuild the machine let fail: after [`FIRST_RETRY`], then
/// twice as long each time, at most [`LAST_RETRY`], until a build succeeds or fails
/// because of the site.
#[derive(Debug, Default)]
pub struct Retry {
    delay: Option<Duration>,
}

impl Retry {
    /// Records a failure caused by the machine; returns how long to wait before the
    /// next try.
    pub fn failed(&mut self) -> Duration {
        let delay = self
            .delay
            .map_or(FIRST_RETRY, |last| (last * 2).min(LAST_RETRY));
        self.delay = Some(delay);
        delay
    }

    /// Ends the waits: a build succeeded, or failed because of the site.
    pub fn clear(&mut self) {
        self.delay = None;
    }

    /// How long to wait before trying again; `None` when no retry is due.
    pub fn delay(&self) -> Option<Duration> {
        self.delay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_the_last() {
        let mut retry = Retry::default();
        assert_eq!(retry.delay(), None);
        let waits: Vec<u128> = (0..8).map(|_| retry.failed().as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800, 1600, 3200, 3200, 3200]);
        assert_eq!(retry.delay(), Some(Duration::from_millis(3200)));
        retry.clear();
        assert_eq!(retry.delay(), None);
        assert_eq!(retry.failed(), Duration::from_millis(100));
    }

    #[cfg(unix)]
    #[test]
    fn out_of_file_descriptors_is_the_machine() {
        let emfile = io::Error::from_raw_os_error(24);
        let enfile = io::Error::from_raw_os_error(23);
        assert!(is_exhaustion(&emfile) && is_exhaustion(&enfile));
        assert!(is_exhaustion(&io::Error::from(io::ErrorKind::OutOfMemory)));
        for site in [
            io::ErrorKind::NotFound,
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::InvalidData,
        ] {
            assert!(!is_exhaustion(&io::Error::from(site)), "{site:?}");
        }
        // EISDIR and ELOOP: a folder or a link loop where a file should be.
        assert!(!is_exhaustion(&io::Error::from_raw_os_error(21)));
        assert!(!is_exhaustion(&io::Error::from_raw_os_error(40)));
    }

    #[cfg(unix)]
    #[test]
    fn tells_the_machines_failures_from_the_sites() {
        let emfile = io::Error::from_raw_os_error(24);
        let config = Diagnostic::file(
            "dateline.toml",
            format!("cannot read dateline.toml: {emfile}"),
        );
        assert_eq!(
            config.message,
            "cannot read dateline.toml: Too many open files (os error 24)"
        );
        assert!(caused_by_machine(&config));
        let template = Diagnostic::file(
            "templates/base.html",
            format!("cannot read template: {}", io::Error::from_raw_os_error(23)),
        );
        assert!(caused_by_machine(&template));

        let missing = io::Error::from(io::ErrorKind::NotFound);
        let denied = io::Error::from_raw_os_error(13);
        for message in [
            format!("cannot read: {denied}"),
            format!("cannot read the file: {missing}"),
            "dateline.toml is not valid UTF-8".to_owned(),
            // An author's text that only looks like an error number.
            "unknown source `x (os error 24)`".to_owned(),
            "unknown source: (os error 24)".to_owned(),
        ] {
            let diagnostic = Diagnostic::file("content/events/x.md", message.clone());
            assert!(!caused_by_machine(&diagnostic), "{message}");
        }
        // A warning, or an error at a line, is about the content.
        let warning = Diagnostic::file("content/x.md", config.message.clone()).warning();
        assert!(!caused_by_machine(&warning));
        let placed = Diagnostic::at("content/x.md", "a\nb\n", 2, 1, config.message.clone());
        assert!(!caused_by_machine(&placed));
    }

    #[test]
    fn the_refusal_is_a_whole_response() {
        let refusal = over_capacity();
        let (head, body) = refusal.split_once("\r\n\r\n").expect("a head and a body");
        assert!(head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"));
        assert!(head.contains("\r\nretry-after: 1\r\n"));
        assert!(head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())));
        assert_eq!(
            body,
            "dateline serve has 256 connections open, its most; try again in a moment\n"
        );
    }
}
