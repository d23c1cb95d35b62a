//! What the server and the rebuilds share: the last good site, the errors of the
//! latest build, and the open pages waiting to hear about either.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use hyper::body::Bytes;
use serde::Serialize;
use tokio::sync::mpsc;

use crate::diagnostic::{Diagnostics, Severity, display_path};

/// A successful build, served from memory until the next one replaces it whole.
pub struct Served {
    /// Names this build in the pages it serves: `3f2a-7`. A page whose build is no
    /// longer current reloads itself.
    pub build: String,
    /// The path of `base_url`, where the site is served: `/kerman/`.
    pub base_path: String,
    /// The site's `title`, for the terminal's `Serving … at …` line and the pages'
    /// event stream.
    pub title: String,
    /// Output path (`2024/01/03/kerman-explosions/index.html`) → contents: the
    /// pages a rebuild rendered again, and the others kept from the site before
    /// ([`crate::pipeline::Incremental::merge`]).
    pub files: HashMap<String, Bytes>,
}

/// The errors of a failed build, as the in-browser overlay shows them.
#[derive(Serialize)]
pub struct Failure {
    /// `2 errors, 1 warning`
    pub summary: String,
    /// Every error and warning of the build, by file, then position.
    pub diagnostics: Vec<ShownDiagnostic>,
}

/// One diagnostic as the overlay's script receives it, in JSON.
#[derive(Serialize)]
pub struct ShownDiagnostic {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// `content/events/x.md:3:7`, or just the file when there is no position.
    pub location: String,
    /// The file, relative to the site root, with `/`: `content/events/x.md`.
    pub path: String,
    /// 1-based line in the file; 0 when the problem has no position.
    pub line: usize,
    /// What is wrong, on one line: ``unknown source `valley-wyre` ``.
    pub message: String,
    /// The whole diagnostic as the terminal shows it, without colour: the source
    /// line, the caret and the help.
    pub text: String,
}

impl Failure {
    /// The overlay's view of `diagnostics`, under `summary` (`2 errors, 1 warning`).
    pub fn new(summary: String, diagnostics: &Diagnostics) -> Failure {
        let diagnostics = diagnostics
            .0
            .iter()
            .map(|d| ShownDiagnostic {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                location: d.location(),
                path: display_path(&d.path),
                line: d.line,
                message: d.message.clone(),
                text: d.render(false),
            })
            .collect();
        Failure {
            summary,
            diagnostics,
        }
    }
}

#[derive(Default)]
struct Current {
    site: Option<Arc<Served>>,
    failure: Option<Arc<Failure>>,
    /// One sender per open page's event stream.
    clients: Vec<mpsc::Sender<Bytes>>,
}

/// Shared by the HTTP tasks and the rebuild thread.
#[derive(Default)]
pub struct Shared {
    current: Mutex<Current>,
}

/// Events queued per page before it counts as gone; a page that stops reading
/// reconnects and is sent the current state again.
const QUEUE: usize = 16;

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Current> {
        // A panic while holding the lock cannot leave `Current` half-updated (each
        // update is one assignment), so a poisoned lock is still good to use.
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The build being served; `None` until one succeeds.
    pub fn site(&self) -> Option<Arc<Served>> {
        self.lock().site.clone()
    }

    /// The errors of the latest build, when it failed; `None` once a build succeeds.
    pub fn failure(&self) -> Option<Arc<Failure>> {
        self.lock().failure.clone()
    }

    /// Puts a new build in place, then tells every open page to reload: a page asks
    /// for the new files only once they are being served.
    pub fn publish(&self, site: Served) {
        let mut current = self.lock();
        current.site = Some(Arc::new(site));
        current.failure = None;
        broadcast(&mut current);
    }

    /// Keeps the last good site and shows `failure` on every open page.
    pub fn fail(&self, failure: Failure) {
        let mut current = self.lock();
        current.failure = Some(Arc::new(failure));
        broadcast(&mut current);
    }

    /// A new event stream, opened with the current state so a page that loaded
    /// during a rebuild catches up at once.
    pub fn subscribe(&self) -> mpsc::Receiver<Bytes> {
        let (sender, receiver) = mpsc::channel(QUEUE);
        let mut current = self.lock();
        // Reconnect quickly after a restart of the server.
        let _ = sender.try_send(Bytes::from_static(b"retry: 500\n\n"));
        let _ = sender.try_send(state_event(&current));
        current.clients.push(sender);
        receiver
    }

    /// A comment line on every stream, so streams of closed pages are noticed and
    /// dropped.
    pub fn ping(&self) {
        let mut current = self.lock();
        let ping = Bytes::from_static(b": ping\n\n");
        current
            .clients
            .retain(|client| client.try_send(ping.clone()).is_ok());
    }
}

fn broadcast(current: &mut Current) {
    let event = state_event(current);
    current
        .clients
        .retain(|client| client.try_send(event.clone()).is_ok());
}

/// `event: state` with the current build and errors, as JSON.
fn state_event(current: &Current) -> Bytes {
    #[derive(Serialize)]
    struct State<'a> {
        build: Option<&'a str>,
        base: Option<&'a str>,
        title: Option<&'a str>,
        errors: Option<&'a Failure>,
    }
    let site = current.site.as_deref();
    let state = State {
        build: site.map(|s| s.build.as_str()),
        base: site.map(|s| s.base_path.as_str()),
        title: site.map(|s| s.title.as_str()),
        errors: current.failure.as_deref(),
    };
    let json = serde_json::to_string(&state).unwrap_or_else(|_| "{}".to_owned());
    Bytes::from(format!("event: state\ndata: {json}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(build: &str) -> Served {
        Served {
            build: build.into(),
            base_path: "/".into(),
            title: "T".into(),
            files: HashMap::new(),
        }
    }

    fn next(receiver: &mut mpsc::Receiver<Bytes>) -> String {
        String::from_utf8(receiver.try_recv().expect("an event").to_vec()).unwrap()
    }

    #[test]
    fn a_new_page_hears_the_current_state_then_every_change() {
        let shared = Shared::default();
        shared.publish(site("a-1"));
        let mut page = shared.subscribe();
        assert_eq!(next(&mut page), "retry: 500\n\n");
        assert!(next(&mut page).contains(r#""build":"a-1""#));

        let mut diagnostics = Diagnostics::default();
        diagnostics.push(crate::diagnostic::Diagnostic::file(
            "content/x.md",
            "broken",
        ));
        shared.fail(Failure::new("1 error".into(), &diagnostics));
        let failed = next(&mut page);
        assert!(failed.contains(r#""build":"a-1""#), "{failed}");
        assert!(failed.contains(r#""message":"broken""#), "{failed}");

        shared.publish(site("a-2"));
        let fixed = next(&mut page);
        assert!(fixed.contains(r#""build":"a-2""#) && fixed.contains(r#""errors":null"#));
    }

    #[test]
    fn closed_pages_are_dropped() {
        let shared = Shared::default();
        drop(shared.subscribe());
        let _open = shared.subscribe();
        shared.ping();
        assert_eq!(shared.lock().clients.len(), 1);
    }
}
