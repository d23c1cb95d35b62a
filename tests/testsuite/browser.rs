//! End to end in a real browser: headless Chromium opens a page of `dateline serve`,
//! the test edits the page's file, and the page must reload by itself with the new
//! content (and show, then clear, the overlay of a failed rebuild).
//!
//! The browser is watched through its DevTools HTTP endpoint (`/json/list`), which
//! lists each open tab's URL and title, so no WebSocket client is needed.
//!
//! Without Chromium the test is skipped with a note, unless
//! `DATELINE_REQUIRE_BROWSER` is set (CI sets it), in which case it fails.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::server::{Server, project_site};

const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

pub fn find_browser() -> Option<PathBuf> {
    if let Some(chrome) = std::env::var_os("CHROME") {
        return Some(chrome.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CANDIDATES.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser to run, or `None` with a note when there is none and
/// `DATELINE_REQUIRE_BROWSER` is not set (with it set, the test fails).
fn browser_or_skip() -> Option<PathBuf> {
    let program = find_browser();
    if program.is_none() {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_BROWSER").is_none(),
            "DATELINE_REQUIRE_BROWSER is set but no Chromium was found on PATH"
        );
        eprintln!("note: skipping the browser test: install chromium to run it");
    }
    program
}

/// A headless browser with one tab, killed when dropped.
struct Browser {
    child: Child,
    /// The DevTools HTTP port.
    port: u16,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(program: &Path, url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        // Chromium writes the port it picked to DevToolsActivePort.
        let active = profile.path().join("DevToolsActivePort");
        let started = Instant::now();
        let port = loop {
            if let Some(port) = std::fs::read_to_string(&active)
                .ok()
                .and_then(|text| text.lines().next()?.trim().parse().ok())
            {
                break port;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "Chromium did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        Browser {
            child,
            port,
            _profile: profile,
        }
    }

    /// The title of the tab showing `url`, as the browser has it now.
    fn title_of(&self, url: &str) -> Option<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            stream,
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .ok()?;
        // DevTools keeps the connection open: read as far as Content-Length says.
        let mut raw = Vec::new();
        let mut chunk = [0; 8192];
        let body = loop {
            let n = stream.read(&mut chunk).ok()?;
            if n == 0 {
                return None;
            }
            raw.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&raw);
            let Some((head, body)) = text.split_once("\r\n\r\n") else {
                continue;
            };
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })?
                .parse()
                .ok()?;
            if body.len() >= length {
                break body.to_owned();
            }
        };
        let tabs: serde_json::Value = serde_json::from_str(&body).ok()?;
        tabs.as_array()?
            .iter()
            .find(|tab| tab["type"] == "page" && tab["url"] == url)
            .and_then(|tab| tab["title"].as_str())
            .map(str::to_owned)
    }

    /// Waits until the tab's title satisfies `wanted`; returns it.
    fn wait_for_title(&self, url: &str, wanted: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        let mut last = None;
        loop {
            if let Some(title) = self.title_of(url) {
                if wanted(&title) {
                    return title;
                }
                last = Some(title);
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the page never showed {what}; its title is {last:?}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_open_page_reloads_itself_after_an_edit() {
    let Some(program) = browser_or_skip() else {
        return;
    };
    let site = project_site();
    let server = Server::start(&site, &[]);
    let url = format!("{}2024/01/03/kerman-explosions/", server.url);
    let browser = Browser::open(&program, &url);
    browser.wait_for_title(
        &url,
        |t| t == "Kerman explosions · Test timeline",
        "the event",
    );

    let file = "content/events/2024/2024-01-03-kerman-explosions.md";
    let text = site.read(file);
    site.file(
        file,
        &text.replace("title: Kerman explosions", "title: Twin blasts"),
    );
    browser.wait_for_title(
        &url,
        |t| t == "Twin blasts · Test timeline",
        "the edited title",
    );

    // A broken file: the page stays, with the errors over it (and in its tab title).
    site.file(
        file,
        &text.replace("date: 2024-01-03T14:50", "date: 2024-01-32"),
    );
    browser.wait_for_title(
        &url,
        |t| t == "✖ Build failed · Twin blasts · Test timeline",
        "the error overlay",
    );

    site.file(
        file,
        &text.replace("title: Kerman explosions", "title: Blasts fixed"),
    );
    browser.wait_for_title(
        &url,
        |t| t == "Blasts fixed · Test timeline",
        "the fixed page",
    );
    assert!(server.stderr().contains("2024-01-32"));
}

/// Pixels of the theme's accent (`--accent`, the chart's step line) below the site's
/// header in a PNG screenshot.
fn accent_pixels(png: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buffer).unwrap();
    let channels = frame.color_type.samples();
    let row = frame.line_size;
    // The header and its accent rule end above this line at either width.
    let below_header = 140;
    (below_header..frame.height as usize)
        .flat_map(|y| (0..frame.width as usize).map(move |x| y * row + x * channels))
        .filter(|&at| {
            let [r, g, b] = [buffer[at], buffer[at + 1], buffer[at + 2]];
            // #a4161a, with room for anti-aliasing.
            r.abs_diff(0xa4) < 24 && g.abs_diff(0x16) < 24 && b.abs_diff(0x1a) < 24
        })
        .count()
}

#[test]
fn a_figures_chart_is_drawn_at_desktop_and_phone_widths() {
    let Some(program) = browser_or_skip() else {
        return;
    };
    let site = super::figures::site();
    let server = Server::start(&site, &[]);
    let url = format!("{}figures/killed/", server.url);
    let shots = tempfile::tempdir().unwrap();
    for (width, least) in [(1280, 300), (390, 100)] {
        let profile = tempfile::tempdir().unwrap();
        let png = shots.path().join(format!("chart-{width}.png"));
        let status = Command::new(&program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={width},1400"))
            .arg(format!("--screenshot={}", png.display()))
            .arg(&url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(
            status.success() && png.is_file(),
            "no screenshot at {width} px"
        );
        // The step line of the current value is drawn across the chart.
        let drawn = accent_pixels(&png);
        assert!(
            drawn >= least,
            "{drawn} pixels of the step line at {width} px, wanted at least {least}"
        );
    }
}
