//! `dateline serve`: build the site into memory, serve it over HTTP at the path it
//! will have in production, rebuild when a source changes, and reload open pages.
//!
//! Three parts meet here. A rebuild thread owns the `watch::Watcher` and runs the
//! pipeline after each quiet moment; the HTTP server (hyper on a one-thread tokio
//! runtime) answers from the last good build in `state::Shared`; and the pages
//! listen on an event stream, reloading when a new build is in place or showing the
//! errors of a failed one.
//!
//! What keeps slow or many clients, or a machine short of file descriptors, from
//! stopping the server or losing an edit — the header timeout, the connection cap,
//! the retry of a rebuild the machine let fail — is set out in `limits`.
//!
//! Nothing is written to disk: the output folder is left as the last `dateline
//! build` made it, so a preview never leaves local URLs in a site about to be
//! published.

mod http;
mod limits;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context as _, anyhow};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::messages::{counts, plural, report};
use crate::pipeline;
use state::{Failure, Served, Shared};

/// What `dateline serve` was asked for: see [`crate::cmd::serve::ServeArgs`].
pub struct Options {
    /// The site folder, holding `content/` and `dateline.toml`.
    pub root: PathBuf,
    /// The address to listen on: `127.0.0.1` by default, only this machine.
    pub bind: IpAddr,
    /// The TCP port to listen on: 1111 by default; 0 picks a free one.
    pub port: u16,
    /// Opens the site in the default browser once it is served.
    pub open: bool,
    /// Builds drafts (`draft: true`) as part of the site.
    pub drafts: bool,
}

/// How long the sources must be still before a rebuild starts: long enough for an
/// editor's write-then-rename save (its events come microseconds apart) to be one
/// rebuild, short enough not to be felt. A change that comes later is simply built
/// again, so waiting longer would only delay every reload.
const QUIET: Duration = Duration::from_millis(25);
/// A stream of changes that never pauses (a large `git checkout`) is built anyway
/// after this long.
const MOST_WAIT: Duration = Duration::from_millis(500);
/// How often open event streams are checked for closed pages.
const PING: Duration = Duration::from_secs(15);

/// Builds the site, serves it at `http://{bind}:{port}` under the path of
/// `base_url`, and rebuilds on every change under `content/`, `templates/`,
/// `static/` and to `dateline.toml`, until Ctrl-C. A site that does not build is
/// served as its errors. `Err` when the server cannot start: the port is taken or
/// not allowed, the address is not this machine's, the files cannot be watched.
pub fn run(options: Options) -> anyhow::Result<()> {
    let root = std::path::absolute(&options.root)
        .with_context(|| format!("invalid path `{}`", options.root.display()))?;
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let origin = origin(address);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server")?;
    // Ctrl-C is ours from here on, before "Press Ctrl-C" is printed.
    let stop = {
        let _context = runtime.enter();
        on_stop().context("cannot handle Ctrl-C")?
    };
    let shared = Arc::new(Shared::default());
    let mut builder = Builder {
        pipeline: pipeline::Options {
            root: root.clone(),
            base_url: None,
            origin: Some(origin.clone()),
            drafts: options.drafts,
            lint: false,
        },
        incremental: pipeline::Incremental::default(),
        shared: shared.clone(),
        session: session(),
        builds: 0,
        base_path: None,
        origin: origin.clone(),
        retry: limits::Retry::default(),
        unbuilt: Vec::new(),
    };
    // Watching starts before the first build, so a save during it is not missed.
    let (changes, received) = std::sync::mpsc::channel();
    let watcher = watch::Watcher::new(root, changes).context("cannot watch the site's files")?;
    builder.rebuild(&[]);
    let url = format!("{origin}{}", builder.base_path.as_deref().unwrap_or("/"));
    match shared.site() {
        Some(site) => outln!("Serving {} at {url}", site.title),
        None => outln!("Serving at {url}: the site does not build yet; the page shows why"),
    }
    if !address.ip().is_loopback() {
        warnln!(
            "warning: listening on {}: anyone who can reach this machine can read the preview",
            address.ip()
        );
    }
    infoln!("Watching content/, templates/, static/ and dateline.toml. Press Ctrl-C to stop.");

    std::thread::Builder::new()
        .name("rebuild".into())
        .spawn(move || builder.watch(received, watcher))
        .context("cannot start the rebuild thread")?;
    if options.open {
        open_browser(&url);
    }
    runtime.block_on(serve(listener, shared, stop))?;
    infoln!("Stopped.");
    Ok(())
}

fn bind(ip: IpAddr, port: u16) -> anyhow::Result<TcpListener> {
    TcpListener::bind((ip, port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow!(
            "port {port} on {ip} is already in use, by another `dateline serve` or another program\n  = help: stop that program, or pick another port: `--port {}`, or `--port 0` for any free one",
            port.wrapping_add(1)
        ),
        std::io::ErrorKind::PermissionDenied => anyhow!(
            "not allowed to listen on port {port}\n  = help: ports below 1024 need privileges; pick another with `--port`"
        ),
        std::io::ErrorKind::AddrNotAvailable => anyhow!(
            "cannot listen on {ip}: it is not an address of this machine\n  = help: use 127.0.0.1 (the default), or 0.0.0.0 to listen on every network"
        ),
        _ => anyhow!(e).context(format!("cannot listen on {}", SocketAddr::new(ip, port))),
    })
}

/// `http://127.0.0.1:1111`; a server listening on every address is reached as
/// `localhost`.
fn origin(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("http://localhost:{}", address.port())
    } else {
        format!("http://{address}")
    }
}

/// Names this run of the server, so a page from an earlier run reloads too.
fn session() -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() ^ d.as_secs() as u32);
    format!("{nanos:08x}")
}

/// Runs the pipeline and publishes each build to the server.
struct Builder {
    pipeline: pipeline::Options,
    /// What the last builds parsed, annotated and rendered, so a rebuild redoes only
    /// what the change touches.
    incremental: pipeline::Incremental,
    shared: Arc<Shared>,
    session: String,
    builds: u64,
    /// Where the last good build is served, to tell the user when it moves.
    base_path: Option<String>,
    origin: String,
    /// Due while the last build failed because of the machine (out of file
    /// descriptors, say) rather than the site: it is tried again until it succeeds.
    retry: limits::Retry,
    /// The changes that build was for, so the retry names them, and a newer change
    /// is built together with them.
    unbuilt: Vec<PathBuf>,
}

impl Builder {
    /// Rebuilds after each burst of changes, until the watcher goes away.
    fn watch(mut self, changes: Receiver<PathBuf>, mut watcher: watch::Watcher) {
        while let Some(changed) = self.next(&changes) {
            watcher.refresh(&changed);
            self.rebuild(&changed);
        }
    }

    /// The changes to build next: a burst of changes, ended by a quiet moment, with
    /// those of a build the machine let fail. While such a build is due, waiting for a
    /// change ends at its retry time, and the same changes are built again. `None`
    /// once the watcher is gone.
    fn next(&mut self, changes: &Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
        let first = match self.retry.delay() {
            None => changes.recv().ok()?,
            Some(delay) => match changes.recv_timeout(delay) {
                Ok(path) => path,
                Err(RecvTimeoutError::Timeout) => return Some(std::mem::take(&mut self.unbuilt)),
                Err(RecvTimeoutError::Disconnected) => return None,
            },
        };
        let started = Instant::now();
        let mut changed = std::mem::take(&mut self.unbuilt);
        let mut add = |path: PathBuf| {
            if !changed.contains(&path) {
                changed.push(path);
            }
        };
        add(first);
        while started.elapsed() < MOST_WAIT {
            match changes.recv_timeout(QUIET) {
                Ok(path) => add(path),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(changed)
    }

    fn rebuild(&mut self, changed: &[PathBuf]) {
        let what = describe(&self.pipeline.root, changed);
        let after = if changed.is_empty() {
            String::new()
        } else {
            format!(" after {what} changed")
        };
        // Whether the caches are kept or dropped is `Incremental`'s rule.
        self.incremental.changed(&self.pipeline.root, changed);
        let previous = self.shared.site();
        // A bug in the build must not leave the server answering with no rebuilds:
        // report it like a content error and go on watching. A build that panics
        // leaves `Incremental` marked, and the next one starts afresh.
        let (incremental, options) = (&mut self.incremental, &self.pipeline);
        let generated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            incremental.generate(options)
        }));
        let generated = generated.unwrap_or_else(|panic| Err(panicked(panic.as_ref(), &after)));
        match generated {
            Ok(generated) => {
                self.retry.clear();
                self.unbuilt.clear();
                report(&generated.warnings);
                self.builds += 1;
                let stats = generated.stats;
                let rendered = if stats.rendered == stats.pages {
                    String::new()
                } else {
                    format!(" ({} rendered again)", stats.rendered)
                };
                let summary = format!(
                    "{}: {}{rendered} in {} ms",
                    generated.content_counts(),
                    plural(stats.pages, "page"),
                    generated.elapsed.as_millis()
                );
                let config = generated.config;
                let files = self
                    .incremental
                    .merge(previous.as_deref().map(|s| &s.files), generated.outputs);
                let site = Served {
                    build: format!("{}-{}", self.session, self.builds),
                    base_path: config.base_path.clone(),
                    title: config.title.clone(),
                    files,
                };
                if changed.is_empty() {
                    infoln!("Built {summary}");
                } else {
                    infoln!("Rebuilt{after}: {summary}");
                }
                if crate::messages::verbose() {
                    crate::messages::print_timings(&generated.timings);
                }
                let moved = self
                    .base_path
                    .as_ref()
                    .is_some_and(|b| *b != config.base_path);
                if moved {
                    infoln!("The site moved to {}{}", self.origin, config.base_path);
                }
                self.base_path = Some(config.base_path);
                self.shared.publish(site);
            }
            Err(diagnostics) => self.failed(diagnostics, changed, &after),
        }
    }

    /// Reports a failed build, keeping the last good site. A failure of the machine
    /// is reported once, however many tries it takes, and tried again after a wait.
    fn failed(&mut self, mut diagnostics: Diagnostics, changed: &[PathBuf], after: &str) {
        let kept = if self.base_path.is_some() {
            "still serving the last good site"
        } else {
            "nothing to serve until it builds"
        };
        let counted = counts(&diagnostics);
        let mut machine = false;
        for diagnostic in &mut diagnostics.0 {
            if limits::caused_by_machine(diagnostic) {
                machine = true;
                diagnostic.help = Some(MACHINE_HELP.to_owned());
            }
        }
        if !machine {
            self.retry.clear();
            self.unbuilt.clear();
            report(&diagnostics);
            errln!("error: build failed{after}: {counted}; {kept}");
            self.shared.fail(Failure::new(counted, &diagnostics));
            return;
        }
        // What the caches hold is not to be trusted either.
        self.incremental.distrust();
        let first = self.retry.delay().is_none();
        let wait = self.retry.failed();
        self.unbuilt = changed.to_vec();
        if first {
            report(&diagnostics);
            errln!(
                "error: build failed{after} because of this machine, not the site ({counted}); {kept}; trying again in {} ms, and until it succeeds",
                wait.as_millis()
            );
            let summary = format!("{counted} caused by this machine, not the site; trying again");
            self.shared.fail(Failure::new(summary, &diagnostics));
        }
    }
}

/// The help on an error the machine caused, in the terminal and over the pages.
const MACHINE_HELP: &str = "this machine ran out of a resource (open files, memory): nothing in the site needs fixing, and the build is tried again until it succeeds; close what holds the resource, or raise the limit (`ulimit -n`)";

/// A panic in the pipeline as a diagnostic, naming the change that set it off
/// (`after`: ` after content/x.md changed`, or empty).
fn panicked(panic: &(dyn std::any::Any + Send), after: &str) -> Diagnostics {
    let message = panic
        .downcast_ref::<&str>()
        .map(|m| m.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let mut found = Diagnostics::default();
    found.push(
        Diagnostic::file(
            "content",
            format!("internal error: the build panicked{after}: {message}"),
        )
        .with_help(Some(
            "this is a bug in dateline, not in the site: please report it with the files that set it off",
        )),
    );
    found
}

/// `content/events/x.md`, or `content/events/x.md and 2 other files`. Files that
/// are still there come first: an editor's temporary file, renamed over the one
/// being saved, is not worth naming.
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let Some(first) = changed.iter().find(|p| p.exists()).or(changed.first()) else {
        return String::new();
    };
    if first == root {
        return "files the watcher lost track of".to_owned();
    }
    let first = first.strip_prefix(root).unwrap_or(first);
    let first = crate::diagnostic::display_path(first);
    match changed.len() {
        1 => first,
        n => format!("{first} and {}", plural(n - 1, "other file")),
    }
}

async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<tokio::sync::Notify>,
) -> anyhow::Result<()> {
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    let listener =
        tokio::net::TcpListener::from_std(listener).context("cannot start the server")?;
    let pinged = shared.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(PING);
        loop {
            interval.tick().await;
            pinged.ping();
        }
    });
    let local_only = listener.local_addr().is_ok_and(|a| a.ip().is_loopback());
    tokio::spawn(accept(listener, shared, local_only));
    stop.notified().await;
    Ok(())
}

/// Accepts connections for ever. At most [`limits::MAX_CONNECTIONS`] are served at
/// once; any more are answered `503` and closed at once. When `accept` fails (out of file descriptors),
/// it waits [`limits::ACCEPT_PAUSE`] and accepts again, saying so once.
async fn accept(listener: tokio::net::TcpListener, shared: Arc<Shared>, local_only: bool) {
    let open = Arc::new(tokio::sync::Semaphore::new(limits::MAX_CONNECTIONS));
    let header_timeout = limits::header_timeout();
    let mut failing = false;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                failing = false;
                stream
            }
            Err(e) => {
                if !failing && limits::is_exhaustion(&e) {
                    warnln!(
                        "warning: cannot accept connections: {e}; trying again every {} ms",
                        limits::ACCEPT_PAUSE.as_millis()
                    );
                }
                failing = true;
                tokio::time::sleep(limits::ACCEPT_PAUSE).await;
                continue;
            }
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            refuse(stream);
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                http::handle(shared.clone(), local_only, request)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// Answers a connection over the cap with `503` and closes it, without waiting on
/// the client: written to a fresh socket, the answer fits its send buffer. What the
/// client already sent is read first, since closing a socket with unread data resets
/// the connection, and the client could lose the answer.
fn refuse(stream: tokio::net::TcpStream) {
    use std::io::{Read as _, Write as _};
    let Ok(mut stream) = stream.into_std() else {
        return;
    };
    // Bounded: a client that keeps sending must not hold up the accept loop.
    let mut sent = [0; 4096];
    for _ in 0..4 {
        if !stream.read(&mut sent).is_ok_and(|n| n > 0) {
            break;
        }
    }
    let _ = stream.write_all(limits::over_capacity().as_bytes());
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Notified on Ctrl-C, or on SIGTERM where there is one. The handlers are in place
/// when this returns (it must run inside the runtime). Open connections and event
/// streams are dropped with the runtime: nothing needs saving.
fn on_stop() -> std::io::Result<Arc<tokio::sync::Notify>> {
    let stop = Arc::new(tokio::sync::Notify::new());
    #[cfg(unix)]
    for kind in [
        tokio::signal::unix::SignalKind::interrupt(),
        tokio::signal::unix::SignalKind::terminate(),
    ] {
        let mut signal = tokio::signal::unix::signal(kind)?;
        let stop = stop.clone();
        tokio::spawn(async move {
            signal.recv().await;
            stop.notify_one();
        });
    }
    #[cfg(windows)]
    {
        let mut ctrl_c = tokio::signal::windows::ctrl_c()?;
        let stop = stop.clone();
        tokio::spawn(async move {
            ctrl_c.recv().await;
            stop.notify_one();
        });
    }
    Ok(stop)
}

/// `--open`: the system's way of opening a URL. When no browser opens, it says so
/// and repeats the address, rather than leaving the person waiting for a window.
fn open_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        // xdg-open, like the desktop, needs a graphical session or a $BROWSER:
        // without one it would fail, or start a text browser that takes over the
        // terminal `serve` prints to.
        let graphical = ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER"]
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
        if !graphical {
            warnln!(
                "warning: --open: no browser to open here (no DISPLAY, WAYLAND_DISPLAY or BROWSER is set); open {url} yourself"
            );
            return;
        }
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            warnln!("warning: --open: cannot run `{program}`: {e}; open {url} yourself");
            return;
        }
    };
    // It reports failure by its exit status: wait for it off the main thread.
    let url = url.to_owned();
    let waiting = std::thread::Builder::new()
        .name("open".into())
        .spawn(move || match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                let why = match (program, status.code()) {
                    ("xdg-open", Some(3)) => "it found no browser".to_owned(),
                    ("xdg-open", Some(4)) => "the browser failed to start".to_owned(),
                    _ => format!("it ended with {status}"),
                };
                warnln!(
                    "warning: --open: `{program}` opened no browser: {why}; open {url} yourself"
                );
            }
            Err(e) => warnln!("warning: --open: {e}; open {url} yourself"),
        });
    if let Err(e) = waiting {
        warnln!("warning: --open: {e}");
    }
}
