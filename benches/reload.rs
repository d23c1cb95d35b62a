//! Save-to-reload latency of `dateline serve` on the example site.
//!
//! Copies the example site to a temporary folder, starts the release binary on a
//! free port and opens the live-reload event stream as a page does. Each round saves
//! one event file, then times (a) until the stream says a new build is in place and
//! (b) until the edited page has been fetched again, which is what an open page does
//! next. The rebuild waits for a quiet moment first, so both include the debounce.
//!
//! Run with `cargo bench --bench reload`; `ROUNDS=100` for more rounds, and
//! `EVENTS=10000` to measure on a synthetic archive of that size instead
//! (`examples/gen-site`), editing one of its events.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../examples/gen-site/synth.rs"]
mod synth;

const EVENT_FILE: &str = "content/events/2024/2024-01-03-kerman-explosions.md";
const EVENT_URL: &str = "/2024/01/03/kerman-explosions/";

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    let size: Option<usize> = std::env::var("EVENTS").ok().and_then(|n| n.parse().ok());
    let site = tempfile::tempdir().expect("temp dir");
    let (event_file, event_url) = match size {
        Some(events) => {
            let archive = synth::Archive::new(&synth::Plan { events, seed: 1 });
            archive
                .write_dateline(site.path())
                .expect("write the synthetic site");
            day_event(site.path())
        }
        None => {
            let example = Path::new(env!("CARGO_MANIFEST_DIR"));
            for part in ["content", "templates", "static", "dateline.toml"] {
                copy(&example.join(part), &site.path().join(part));
            }
            (EVENT_FILE.to_owned(), EVENT_URL.to_owned())
        }
    };
    let (event_file, event_url) = (event_file.as_str(), event_url.as_str());

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

    let original = std::fs::read_to_string(site.path().join(event_file)).unwrap();
    let which = match size {
        Some(n) => format!("synthetic site of {n} events"),
        None => "example site".to_owned(),
    };
    println!("save → reload, {which}, {rounds} rounds each (includes the 25 ms quiet wait)");
    // A new second paragraph changes the event's page alone (and a source page if
    // the paragraph cites it); a new first paragraph changes the summary too, and
    // so every list that shows the event, the timeline included.
    let body = original.find("\n---\n").map_or(0, |end| end + 5);
    let second = body + original[body..].find("\n\n").map_or(0, |p| p + 2);
    let edits: [(&str, &dyn Fn(usize) -> String); 2] = [
        ("paragraph added to the body", &|round| {
            let (head, tail) = original.split_at(second);
            format!("{head}Edit {round}.\n\n{tail}")
        }),
        ("new first paragraph (the summary)", &|round| {
            original.replacen("\n---\n", &format!("\n---\nEdit {round}.\n\n"), 1)
        }),
    ];
    for (what, edit) in edits {
        let stream = (&mut events, &mut build);
        let (mut told, mut fetched) = measure(address, event_url, stream, rounds, &|round| {
            std::fs::write(site.path().join(event_file), edit(round)).unwrap();
        });
        println!("{what}:");
        report("new build announced", &mut told);
        report("edited page fetched", &mut fetched);
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// Saves `rounds` times, timing each save until the event stream announces a new
/// build, and until the edited page (which must show `Edit N.`) is fetched.
fn measure(
    address: SocketAddr,
    event_url: &str,
    (events, build): (&mut TcpStream, &mut String),
    rounds: usize,
    save: &dyn Fn(usize),
) -> (Vec<Duration>, Vec<Duration>) {
    let mut told = Vec::new();
    let mut fetched = Vec::new();
    for round in 0..rounds {
        std::thread::sleep(Duration::from_millis(150));
        let saved = Instant::now();
        save(round);
        loop {
            let next = next_build(events);
            if next != *build {
                *build = next;
                break;
            }
        }
        told.push(saved.elapsed());
        let page = get(address, event_url);
        fetched.push(saved.elapsed());
        assert!(page.contains(&format!("Edit {round}.")), "stale page");
    }
    (told, fetched)
}

/// An event of a synthetic site dated by its file name alone (`YYYY-MM-DD-slug.md`
/// without `date:`), and its URL.
fn day_event(root: &Path) -> (String, String) {
    let events = root.join("content/events");
    let mut years: Vec<_> = std::fs::read_dir(&events)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    years.sort();
    for year in years {
        let mut files: Vec<_> = std::fs::read_dir(&year)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let dated =
                stem.len() > 11 && stem.as_bytes()[10] == b'-' && stem.as_bytes()[7] == b'-';
            if dated && !text.contains("\ndate:") {
                let url = format!(
                    "/{}/{}/{}/{}/",
                    &stem[..4],
                    &stem[5..7],
                    &stem[8..10],
                    &stem[11..]
                );
                let rel = file
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                return (rel, url);
            }
        }
    }
    panic!("no event dated by its file name");
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
