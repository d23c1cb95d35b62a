//! Save-to-reload latency of `dateline serve` on the example site.
//!
//! Copies the example site to a temporary folder, starts the release binary on a
//! free port and opens the live-reload event stream as a page does. Each round saves
//! one event file, then times (a) until the stream says a new build is in place and
//! (b) until the edited page has been fetched again, which is what an open page does
//! next. The rebuild waits for a quiet moment first, so both include the debounce.
//!
//! Run with `cargo bench --bench reload`; `ROUNDS=100` for more rounds.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EVENT_FILE: &str = "content/events/2024/2024-01-03-kerman-explosions.md";
const EVENT_URL: &str = "/2024/01/03/kerman-explosions/";

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    let site = tempfile::tempdir().expect("temp dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "templates", "static", "dateline.toml"] {
        copy(&example.join(part), &site.path().join(part));
    }

    let mut server = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dateline serve");
    let address = address_of(server.stdout.take().unwrap());

    let mut events = TcpStream::connect(address).unwrap();
    write!(
        events,
        "GET /__dateline/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut build = next_build(&mut events);

    let original = std::fs::read_to_string(site.path().join(EVENT_FILE)).unwrap();
    let mut told = Vec::new();
    let mut fetched = Vec::new();
    for round in 0..rounds {
        std::thread::sleep(Duration::from_millis(150));
        let text = original.replacen("\n---\n", &format!("\n---\nEdit {round}.\n\n"), 1);
        let saved = Instant::now();
        std::fs::write(site.path().join(EVENT_FILE), &text).unwrap();
        loop {
            let next = next_build(&mut events);
            if next != build {
                build = next;
                break;
            }
        }
        told.push(saved.elapsed());
        let page = get(address, EVENT_URL);
        fetched.push(saved.elapsed());
        assert!(page.contains(&format!("Edit {round}.")), "stale page");
    }
    let _ = server.kill();
    let _ = server.wait();

    println!("save → reload, example site, {rounds} rounds (includes the 50 ms quiet wait)");
    report("new build announced", &mut told);
    report("edited page fetched", &mut fetched);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {what:<22} median {:6.1} ms   min {:6.1} ms   p90 {:6.1} ms   max {:6.1} ms",
        ms(at(0.5)),
        ms(times[0]),
        ms(at(0.9)),
        ms(times[times.len() - 1])
    );
}

/// Reads the server's output until it prints its URL.
fn address_of(stdout: impl std::io::Read) -> SocketAddr {
    use std::io::BufRead as _;
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
            let host = url["http://".len()..].split('/').next().unwrap();
            return host.parse().unwrap();
        }
    }
    panic!("the server printed no URL");
}

/// The build named by the next `state` event on the stream.
fn next_build(events: &mut TcpStream) -> String {
    let mut seen = String::new();
    let mut chunk = [0; 4096];
    loop {
        if let Some(at) = seen.find("\"build\":\"") {
            let rest = &seen[at + 9..];
            if let Some(end) = rest.find('"') {
                return rest[..end].to_owned();
            }
        }
        let n = events.read(&mut chunk).unwrap();
        assert!(n > 0, "the event stream closed");
        seen.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }
}

fn get(address: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}
