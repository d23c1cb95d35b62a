//! `dateline serve` under test: the real binary on a free port, real HTTP requests
//! written by hand (so paths reach the server exactly as sent), and the live-reload
//! event stream read as a browser reads it.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::helpers::{Page, Site};

/// How long anything may take before a test gives up.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running `dateline serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub address: SocketAddr,
    /// The URL the server printed: `http://127.0.0.1:43121/kerman/`.
    pub url: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(site: &Site, extra: &[&str]) -> Server {
        Server::start_with(site, extra, |_| {})
    }

    pub fn start_with(
        site: &Site,
        extra: &[&str],
        adjust: impl FnOnce(&mut std::process::Command),
    ) -> Server {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        let mut command = site.command(&args);
        adjust(&mut command);
        Server::spawn(command)
    }

    /// Runs `command`, which starts `dateline serve` on a free port, and waits for it
    /// to listen.
    pub fn spawn(command: std::process::Command) -> Server {
        Server::spawn_until(command, "Press Ctrl-C")
    }

    /// [`Server::spawn`], taking `marker` on stdout as the sign it listens.
    pub fn spawn_until(mut command: std::process::Command, marker: &str) -> Server {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("start dateline serve");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            address: "0.0.0.0:0".parse().unwrap(),
            url: String::new(),
            stdout,
            stderr,
        };
        server.wait_for(|| server.stdout().contains(marker), "the server to start");
        let out = server.stdout();
        let url = out
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL printed:\n{out}"))
            .trim_end_matches(':')
            .to_owned();
        let host = url["http://".len()..].split('/').next().unwrap();
        server.address = host.parse().unwrap();
        server.url = url;
        server
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Polls `done` until it holds.
    pub fn wait_for(&self, mut done: impl FnMut() -> bool, what: &str) {
        let started = Instant::now();
        while !done() {
            assert!(
                started.elapsed() < PATIENCE,
                "gave up waiting for {what}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET target`, sent as written.
    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    pub fn request(&self, method: &str, target: &str) -> Reply {
        self.request_to(&self.address.to_string(), method, target)
    }

    /// A request naming `host` in its `Host` header.
    pub fn request_to(&self, host: &str, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(self.address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        Reply::parse(&raw)
    }

    /// The live-reload event stream, as a page opens it.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.address).expect("connect");
        write!(
            stream,
            "GET /__dateline/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        Events {
            stream,
            buffer: String::new(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a string on a thread of its own.
fn collect(pipe: impl std::io::Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

pub struct Reply {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Reply {
            status: status.parse().unwrap(),
            headers,
            body: body.to_owned(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn page(&self) -> Page {
        Page(scraper::Html::parse_document(&self.body))
    }
}

/// An open event stream.
pub struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// The next `state` event, as JSON.
    pub fn next_state(&mut self) -> serde_json::Value {
        let started = Instant::now();
        loop {
            if let Some(at) = self.buffer.find("event: state\ndata: ") {
                let rest = &self.buffer[at + "event: state\ndata: ".len()..];
                if let Some(end) = rest.find("\n\n") {
                    let json = serde_json::from_str(&rest[..end]).expect("state is JSON");
                    self.buffer = rest[end..].to_owned();
                    return json;
                }
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no state event; read so far: {:?}",
                self.buffer
            );
            let mut chunk = [0; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {} // timed out: try again
            }
        }
    }

    /// The next state that satisfies `wanted`, skipping others.
    pub fn state_where(
        &mut self,
        wanted: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        loop {
            let state = self.next_state();
            if wanted(&state) {
                return state;
            }
        }
    }
}

/// A basic site published as a GitHub Pages project site, under `/kerman/`.
pub fn project_site() -> Site {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"https://user.github.io/kerman/\"\n",
    );
    site
}

const EVENT: &str = "/kerman/2024/01/03/kerman-explosions/";
const EVENT_FILE: &str = "content/events/2024/2024-01-03-kerman-explosions.md";

fn build_of(state: &serde_json::Value) -> String {
    state["build"].as_str().expect("a build").to_owned()
}

#[test]
fn serves_the_site_at_its_production_path() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    assert!(server.url.ends_with("/kerman/"), "{}", server.url);
    assert!(
        server
            .stdout()
            .contains("Serving Test timeline at http://127.0.0.1:")
    );

    for from in ["/", "/kerman"] {
        let reply = server.get(from);
        assert_eq!(reply.status, 302, "{from}");
        assert_eq!(reply.header("location"), Some("/kerman/"), "{from}");
    }
    let with_query = server.get("/kerman?page=2");
    assert_eq!(with_query.header("location"), Some("/kerman/?page=2"));
    let home = server.get("/kerman/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let page = home.page();
    let links = page.attrs("a[href^='/']", "href");
    assert!(!links.is_empty());
    for link in &links {
        assert!(link.starts_with("/kerman/"), "{link} is not under /kerman/");
        let target = server.get(link);
        assert_eq!(target.status, 200, "{link} is broken under serve");
    }
    assert_eq!(
        page.attrs("script[src='/__dateline/live.js']", "data-base"),
        vec!["/kerman/"]
    );

    let event = server.get(EVENT);
    assert_eq!(event.status, 200);
    assert!(event.page().text("h1").contains("Kerman explosions"));
    let slashless = server.get(EVENT.trim_end_matches('/'));
    assert_eq!(slashless.status, 302);
    assert_eq!(slashless.header("location"), Some(EVENT));

    let css = server.get("/kerman/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let script = server.get("/__dateline/live.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("EventSource"));

    let head = server.request("HEAD", "/kerman/style.css");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), css.header("content-length"));
    assert!(head.body.is_empty());
    let post = server.request("POST", "/kerman/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    assert!(
        !site.path("public").exists(),
        "serve builds into memory and leaves the output folder alone"
    );
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    for path in [
        "/kerman/no/such/page/",
        "/kerman/missing.png",
        "/elsewhere/",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(
            reply.page().text("title").starts_with("Page not found"),
            "{path} got another page"
        );
    }
}

#[test]
fn refuses_paths_that_leave_the_output() {
    let site = project_site();
    site.file("secret.txt", "TOP SECRET");
    let server = Server::start(&site, &[]);
    let traversals = [
        "/kerman/../secret.txt",
        "/kerman/../../secret.txt",
        "/../secret.txt",
        "/kerman/%2e%2e/secret.txt",
        "/kerman/%2E%2E/dateline.toml",
        "/kerman/..%2fsecret.txt",
        "/kerman/%2e%2e%2fsecret.txt",
        "/kerman/%252e%252e/secret.txt",
        "/kerman/%252e%252e%252fsecret.txt",
        "/kerman/..%5csecret.txt",
        "/kerman/..%255csecret.txt",
        "/kerman/..\\secret.txt",
        "/kerman/.%2e/secret.txt",
        "/kerman/%c0%ae%c0%ae/secret.txt",
        "/kerman/secret.txt%00.html",
    ];
    // Files of the site folder that the build does not publish.
    let unpublished = [
        "/kerman/content/events/2024/2024-01-04-mourning.md",
        "/kerman/dateline.toml",
        "/kerman/secret.txt",
    ];
    let expected = traversals
        .iter()
        .map(|path| (path, 400))
        .chain(unpublished.iter().map(|path| (path, 404)));
    for (path, status) in expected {
        let reply = server.get(path);
        assert_eq!(reply.status, status, "{path}");
        assert!(!reply.body.contains("TOP SECRET"), "{path} leaked a file");
        assert!(!reply.body.contains("base_url"), "{path} leaked the config");
        assert!(
            !reply.body.contains("national day"),
            "{path} leaked content"
        );
    }
}

#[test]
fn answers_only_to_local_host_names() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let port = server.address.port();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(
            server.request_to(&host, "GET", "/kerman/").status,
            200,
            "{host}"
        );
    }
    // A page elsewhere that points its own name at 127.0.0.1 cannot read the preview.
    let rebound = server.request_to(&format!("attacker.example:{port}"), "GET", "/kerman/");
    assert_eq!(rebound.status, 403);
    assert!(!rebound.body.contains("Test timeline"));
}

#[test]
fn edits_reach_open_pages_after_the_new_files_are_in_place() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = build_of(&events.next_state());

    site.file(
        EVENT_FILE,
        &site
            .read(EVENT_FILE)
            .replace("title: Kerman explosions", "title: Twin blasts in Kerman"),
    );
    let edited = events.state_where(|s| s["build"] != first.as_str());
    assert!(edited["errors"].is_null());
    // Told to reload means the new page is already served: no waiting here.
    let page = server.get(EVENT).page();
    assert_eq!(page.text("h1"), "Twin blasts in Kerman");
    let script = page.attrs("script[src='/__dateline/live.js']", "data-build");
    assert_eq!(script, vec![build_of(&edited)]);

    site.file(
        "content/events/2024/2024-01-05-claim.md",
        "---\ntitle: Islamic State claims the attack\nsources: [afp]\n---\nThe group says it sent the bombers.\n",
    );
    let added = events.state_where(|s| s["build"] != edited["build"]);
    assert!(added["errors"].is_null());
    let timeline = server.get("/kerman/").page();
    assert!(
        timeline
            .texts("a")
            .iter()
            .any(|t| t == "Islamic State claims the attack"),
        "the new event is not on the timeline"
    );
    let new_page = server.get("/kerman/2024/01/05/claim/");
    assert_eq!(new_page.status, 200);
    let reported = "Rebuilt after content/events/2024/2024-01-05-claim.md changed";
    server.wait_for(|| server.stdout().contains(reported), "the rebuild line");
}

#[test]
fn a_broken_file_shows_its_errors_over_the_last_good_site_until_fixed() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let good = build_of(&events.next_state());
    let text = site.read(EVENT_FILE);

    site.file(
        EVENT_FILE,
        &text.replace("date: 2024-01-03T14:50", "date: 2024-13-03"),
    );
    let failed = events.state_where(|s| !s["errors"].is_null());
    assert_eq!(build_of(&failed), good, "the last good build stays current");
    let problem = &failed["errors"]["diagnostics"][0];
    assert_eq!(problem["path"], EVENT_FILE);
    assert_eq!(problem["line"], 3);
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["location"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{EVENT_FILE}:3:"))
    );
    assert!(problem["text"].as_str().unwrap().contains("2024-13-03"));
    assert_eq!(failed["errors"]["summary"], "1 error");

    let page = server.get(EVENT);
    assert_eq!(page.status, 200);
    assert_eq!(page.page().text("h1"), "Kerman explosions");
    // A page opened now hears about the errors at once.
    let late = server.events().next_state();
    assert_eq!(late["errors"]["diagnostics"][0]["path"], EVENT_FILE);
    let reported = "still serving the last good site";
    server.wait_for(|| server.stderr().contains(reported), "the failure line");

    site.file(
        EVENT_FILE,
        &text.replace("title: Kerman explosions", "title: Fixed"),
    );
    let fixed = events.state_where(|s| s["errors"].is_null());
    assert_ne!(build_of(&fixed), good);
    assert_eq!(server.get(EVENT).page().text("h1"), "Fixed");
}

/// A wrong date does not hide a mistyped citation in the body, nor an unknown key the
/// rest of the front matter: the overlay shows every error of the file, and fixing
/// one leaves the others shown.
#[test]
fn the_overlay_shows_every_error_of_a_file_its_body_included() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    events.next_state();
    let text = site.read(EVENT_FILE);
    let cited = text.replace("Two blasts near the grave.", "Two blasts [@reuter].");
    site.file(
        EVENT_FILE,
        &cited
            .replace("date: 2024-01-03T14:50", "date: 2024-13-03")
            .replace("place: Kerman, Iran", "plcae: Kerman, Iran"),
    );
    let failed = events.state_where(|s| !s["errors"].is_null());
    let shown: Vec<(String, String)> = failed["errors"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let location = d["location"].as_str().unwrap().to_owned();
            (location, d["message"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                format!("{EVENT_FILE}:3:7"),
                "`2024-13-03` is not a date: there is no month 13".to_owned()
            ),
            (
                format!("{EVENT_FILE}:4:1"),
                "unknown field `plcae`".to_owned()
            ),
            (
                format!("{EVENT_FILE}:9:13"),
                "unknown source `reuter`".to_owned()
            ),
        ]
    );
    assert_eq!(failed["errors"]["summary"], "3 errors");

    site.file(EVENT_FILE, &cited);
    let cited_only = events.state_where(|s| s["errors"]["summary"] == "1 error");
    let problem = &cited_only["errors"]["diagnostics"][0];
    assert_eq!(problem["message"], "unknown source `reuter`");
    assert_eq!(problem["location"], format!("{EVENT_FILE}:9:13"));
}

#[test]
fn configuration_changes_are_picked_up() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next_state();
    assert_eq!(first["base"], "/kerman/");

    site.file(
        "dateline.toml",
        "title = \"Renamed timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"https://user.github.io/moved/\"\n",
    );
    let moved = events.state_where(|s| s["build"] != first["build"]);
    assert_eq!(moved["base"], "/moved/");
    assert_eq!(
        server.get("/moved/").page().text("title"),
        "Renamed timeline"
    );
    assert_eq!(server.get("/kerman/").status, 404);
    assert_eq!(server.get("/").header("location"), Some("/moved/"));
    let reported = "The site moved to http://127.0.0.1:";
    server.wait_for(|| server.stdout().contains(reported), "the move line");
}

#[test]
fn a_site_that_does_not_build_yet_is_served_once_it_does() {
    let site = project_site();
    site.file(
        "content/events/2024/2024-01-06-broken.md",
        "---\ntitle: [unclosed\n---\nBody.\n",
    );
    let server = Server::start(&site, &[]);
    assert!(server.stdout().contains("does not build yet"));
    let waiting = server.get("/");
    assert_eq!(waiting.status, 503);
    assert!(waiting.body.contains("/__dateline/live.js"));
    let state = server.events().next_state();
    assert!(state["build"].is_null());
    assert_eq!(
        state["errors"]["diagnostics"][0]["path"],
        "content/events/2024/2024-01-06-broken.md"
    );

    site.remove("content/events/2024/2024-01-06-broken.md");
    server.wait_for(|| server.get("/kerman/").status == 200, "the fixed site");
}

#[test]
fn a_file_made_in_a_hidden_folder_is_not_served_as_build_would_not_publish_it() {
    let site = project_site();
    // The folder is there already, so the watcher reports only the new file.
    std::fs::create_dir_all(site.path("content/events/.drafts")).unwrap();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next_state();
    site.file(
        "content/events/.drafts/2024-02-01-secret.md",
        "---\ntitle: Secret\nsources: [afp]\n---\nNot yet.\n",
    );
    let mourning = "content/events/2024/2024-01-04-mourning.md";
    site.file(
        mourning,
        &site.read(mourning).replace("Day of mourning", "Mourning"),
    );
    let saved = events.state_where(|s| s["build"] != first["build"]);
    assert!(saved["errors"].is_null(), "{saved}");
    assert_eq!(server.get("/kerman/2024/01/04/mourning/").status, 200);
    assert_eq!(server.get("/kerman/2024/02/01/secret/").status, 404);
}

#[test]
fn editor_scratch_files_are_ignored_and_atomic_saves_seen() {
    let site = project_site();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let first = events.next_state();
    for scratch in [
        "content/events/2024/.2024-01-04-mourning.md.swp",
        "content/events/2024/2024-01-04-mourning.md~",
        "content/events/2024/4913",
        "content/events/2024/.#2024-01-04-mourning.md",
    ] {
        site.file(scratch, "scratch");
    }
    // Save as editors do: write a temporary file, rename it over the original.
    let mourning = "content/events/2024/2024-01-04-mourning.md";
    let temporary = "content/events/2024/.2024-01-04-mourning.md.tmp";
    site.file(
        temporary,
        &site
            .read(mourning)
            .replace("Day of mourning", "National mourning"),
    );
    std::fs::rename(site.path(temporary), site.path(mourning)).unwrap();

    let saved = events.state_where(|s| s["build"] != first["build"]);
    assert!(saved["errors"].is_null(), "{saved}");
    let page = server.get("/kerman/2024/01/04/mourning/").page();
    assert_eq!(page.text("h1"), "National mourning");
    let reported = format!("Rebuilt after {mourning}");
    server.wait_for(|| server.stdout().contains(&reported), "the rebuild line");
    let out = server.stdout();
    assert_eq!(out.matches("Rebuilt").count(), 1, "{out}");
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = project_site();
    let output = site.run(&["serve", "--port", &port.to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_promptly() {
    let site = project_site();
    let mut server = Server::start(&site, &[]);
    // An open page must not hold the server up.
    let mut page = server.events();
    page.next_state();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(3), "still running");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success(), "{status:?}");
    server.wait_for(|| server.stdout().contains("Stopped."), "the goodbye");
}

#[test]
fn drafts_are_served_with_the_flag() {
    let site = project_site();
    site.file(
        "content/events/2024/2024-01-07-draft.md",
        "---\ntitle: Unconfirmed report\ndraft: true\nsources: [afp]\n---\nNot yet.\n",
    );
    let without = Server::start(&site, &[]);
    assert_eq!(without.get("/kerman/2024/01/07/draft/").status, 404);
    let with = Server::start(&site, &["--drafts"]);
    assert_eq!(with.get("/kerman/2024/01/07/draft/").status, 200);
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_url_to_the_desktop() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = project_site();
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // xdg-open needs a graphical session: without one `serve` does not run it.
    let server = Server::start_with(&site, &["--open"], |command| {
        command.env("PATH", path).env("DISPLAY", ":0");
    });
    server.wait_for(|| opened.exists(), "xdg-open to run");
    server.wait_for(
        || std::fs::read_to_string(&opened).unwrap() == server.url,
        "the URL to be written",
    );
    // It succeeded: nothing to say. (A failure would be reported when it exits.)
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.stderr(), "");
}

/// Sets the header timeout of `serve` in milliseconds, for tests only.
const HEADER_TIMEOUT_VARIABLE: &str = "DATELINE_SERVE_HEADER_TIMEOUT_MS";

/// A server whose header timeout is `ms` milliseconds.
fn start_with_header_timeout(site: &Site, ms: u64) -> Server {
    Server::start_with(site, &[], |command| {
        command.env(HEADER_TIMEOUT_VARIABLE, ms.to_string());
    })
}

/// A connection that has sent the start of a request and nothing more.
fn slow_client(server: &Server) -> TcpStream {
    let mut stream = TcpStream::connect(server.address).expect("connect");
    write!(
        stream,
        "GET /kerman/ HTTP/1.1\r\nHost: {}\r\nAcc",
        server.address
    )
    .unwrap();
    stream
}

/// Reads `stream` until the server closes it: what it sent, and how long that took.
fn read_until_closed(stream: &mut TcpStream) -> (String, Duration) {
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let started = Instant::now();
    let mut received = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
            // A reset is a close too.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server did not close the connection: {e}"),
        }
    }
    (
        String::from_utf8_lossy(&received).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_client_that_never_finishes_its_request_is_disconnected_after_the_header_timeout() {
    let site = project_site();
    let server = start_with_header_timeout(&site, 500);
    let mut page = server.events();
    let first = build_of(&page.next_state());

    // Request line and half a header, then silence; and a connection that sends nothing.
    let mut partial = slow_client(&server);
    let mut silent = TcpStream::connect(server.address).expect("connect");
    let (sent, waited) = read_until_closed(&mut partial);
    assert_eq!(sent, "", "closed without an answer");
    assert!(
        waited >= Duration::from_millis(400) && waited < Duration::from_millis(2500),
        "closed after {waited:?}, not about 500 ms"
    );
    let (sent, waited) = read_until_closed(&mut silent);
    assert_eq!(sent, "");
    assert!(waited < Duration::from_millis(2500), "{waited:?}");

    // A kept-alive connection idle after its answer is closed after as long.
    let mut idle = TcpStream::connect(server.address).expect("connect");
    write!(
        idle,
        "HEAD /kerman/ HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    let (sent, waited) = read_until_closed(&mut idle);
    assert!(sent.starts_with("HTTP/1.1 200 OK\r\n"), "{sent}");
    assert!(
        waited >= Duration::from_millis(400) && waited < Duration::from_millis(2500),
        "{waited:?}"
    );

    // The event stream opened before is still open, well past the timeout.
    site.file(
        EVENT_FILE,
        &site
            .read(EVENT_FILE)
            .replace("title: Kerman explosions", "title: Still listening"),
    );
    let edited = page.state_where(|s| s["build"] != first.as_str());
    assert!(edited["errors"].is_null());
    assert_eq!(server.get(EVENT).page().text("h1"), "Still listening");
}

#[test]
fn connections_over_the_cap_are_refused_at_once_and_answered_again_after_the_timeout() {
    const CAP: usize = 256;
    let site = project_site();
    let server = start_with_header_timeout(&site, 2000);
    let mut slow: Vec<TcpStream> = (0..CAP).map(|_| slow_client(&server)).collect();

    let started = Instant::now();
    let refused = server.get("/kerman/");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "refused at once"
    );
    assert_eq!(refused.status, 503);
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.header("connection"), Some("close"));
    assert_eq!(
        refused.body,
        "dateline serve has 256 connections open, its most; try again in a moment\n"
    );

    // The slow ones are dropped at the header timeout, and the server answers again.
    for stream in &mut slow {
        let (sent, _) = read_until_closed(stream);
        assert_eq!(sent, "");
    }
    let answered = server.get("/kerman/");
    assert_eq!(answered.status, 200);
    assert_eq!(answered.page().text("title"), "Test timeline");
}

/// Out of file descriptors, a rebuild fails because of the machine; once they are
/// back, the edit is built without another save.
#[cfg(unix)]
#[test]
fn a_rebuild_the_machine_let_fail_is_tried_again_until_it_succeeds() {
    let site = project_site();
    // 64 open files at most: `serve` needs about 15 of its own.
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", "ulimit -n 64 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env(HEADER_TIMEOUT_VARIABLE, "60000");
    let server = Server::spawn(command);
    let mut page = server.events();
    let first = build_of(&page.next_state());

    let clients: Vec<TcpStream> = (0..70).map(|_| slow_client(&server)).collect();
    let exhausted = "warning: cannot accept connections: Too many open files (os error 24); trying again every 100 ms";
    server.wait_for(
        || server.stderr().contains(exhausted),
        "the server to run out",
    );

    site.file(
        EVENT_FILE,
        &site
            .read(EVENT_FILE)
            .replace("title: Kerman explosions", "title: Built after all"),
    );
    let failed = page.state_where(|s| !s["errors"].is_null());
    assert_eq!(build_of(&failed), first, "the last good site stays");
    assert_eq!(
        failed["errors"]["summary"],
        "1 error caused by this machine, not the site; trying again"
    );
    let problem = &failed["errors"]["diagnostics"][0];
    assert_eq!(problem["path"], "dateline.toml");
    assert_eq!(
        problem["message"],
        "cannot read dateline.toml: Too many open files (os error 24)"
    );
    assert!(
        problem["text"]
            .as_str()
            .unwrap()
            .contains("nothing in the site needs fixing")
    );
    let reported = format!(
        "error: build failed after {EVENT_FILE} changed because of this machine, not the site (1 error); still serving the last good site; trying again in 100 ms, and until it succeeds"
    );
    server.wait_for(|| server.stderr().contains(&reported), "the failure line");

    drop(clients);
    let rebuilt = page.state_where(|s| s["build"] != first.as_str());
    assert!(rebuilt["errors"].is_null(), "{rebuilt}");
    assert_eq!(server.get(EVENT).page().text("h1"), "Built after all");
    let done = format!("Rebuilt after {EVENT_FILE} changed: ");
    server.wait_for(|| server.stdout().contains(&done), "the rebuild line");
    let stderr = server.stderr();
    assert_eq!(
        stderr.matches("because of this machine").count(),
        1,
        "the retries are quiet:\n{stderr}"
    );
}

/// `--open` with an `xdg-open` of the test's own: a script that records the address
/// it was given and exits with `status`.
#[cfg(all(unix, not(target_os = "macos")))]
fn serve_open_with(site: &Site, status: u8, display: bool) -> (Server, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt as _;
    let bin = site.path("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = site.path("opened.txt");
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{}'\nexit {status}\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Server::start_with(site, &["--open"], |command| {
        command
            .env("PATH", &bin)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("BROWSER");
        if display {
            command.env("DISPLAY", ":0");
        }
    });
    (server, opened)
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn open_says_when_no_browser_opened_and_prints_the_address() {
    let site = Site::basic();
    let (server, opened) = serve_open_with(&site, 3, true);
    assert!(
        server
            .stdout()
            .contains(&format!("\nServing Test timeline at {}\n", server.url)),
        "{}",
        server.stdout()
    );
    let warning = format!(
        "warning: --open: `xdg-open` opened no browser: it found no browser; open {} yourself\n",
        server.url
    );
    server.wait_for(|| server.stderr().contains(&warning), "the warning");
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), server.url);
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn open_without_a_graphical_session_says_so_at_once() {
    let site = Site::basic();
    let (server, opened) = serve_open_with(&site, 0, false);
    let warning = format!(
        "warning: --open: no browser to open here (no DISPLAY, WAYLAND_DISPLAY or BROWSER is set); open {} yourself\n",
        server.url
    );
    server.wait_for(|| server.stderr().contains(&warning), "the warning");
    assert!(!opened.exists(), "xdg-open is not run");
}
