//! Full-build benchmark: dateline against Hugo on the same synthetic archive.
//!
//! ```text
//! cargo bench --bench build                          # 1,000 / 10,000 / 100,000 events
//! cargo bench --bench build -- --sizes 10000 --runs 5 --no-hugo --no-disk
//! cargo bench --bench build -- --disk-max 100000   # disk runs at 100,000 too (slow)
//! ```
//!
//! For each size it writes the synthetic site (`examples/gen-site`) once, for both
//! engines, under the work folder (`/dev/shm/dateline-bench` by default). Then, for
//! each output target — tmpfs, to measure the engines, and disk (`target/`, up
//! to `--disk-max` events, 10,000 by default), to measure what users see — it runs each engine once to warm up and `--runs` times
//! more, alternating dateline and Hugo so both see the same machine state. Every run
//! builds into an empty output folder and is measured by `/usr/bin/time` (GNU time)
//! for CPU time (user + system) and peak RSS; wall time is the child's lifetime. Medians are reported, with the
//! Hugo ÷ dateline ratio of the medians. It also times a dateline rebuild with
//! nothing changed (which writes no file) and the example site in a cold process,
//! and what the tmpfs build wrote: HTML pages, the largest one, and the search index.
//!
//! Needs GNU time (`apt-get install time`) and, for the comparison, Hugo
//! (`apt-get install hugo`); without Hugo only dateline is measured.

#[allow(dead_code)]
#[path = "../examples/gen-site/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;

const DATELINE: &str = env!("CARGO_BIN_EXE_dateline");

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    hugo: bool,
    disk: bool,
    /// Disk runs only up to this many events: at 100,000 each run writes gigabytes
    /// and takes minutes on a shared disk.
    disk_max: usize,
    work: PathBuf,
}

fn parse_args() -> Args {
    let mut args = Args {
        sizes: vec![1_000, 10_000, 100_000],
        runs: 5,
        hugo: true,
        disk: true,
        disk_max: 10_000,
        work: PathBuf::from("/dev/shm/dateline-bench"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sizes" => {
                let list = it.next().expect("--sizes 1000,10000");
                args.sizes = list
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .replace('_', "")
                            .parse()
                            .expect("a number of events")
                    })
                    .collect();
            }
            "--runs" => args.runs = it.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--no-hugo" => args.hugo = false,
            "--no-disk" => args.disk = false,
            "--disk-max" => {
                args.disk_max = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--disk-max N")
            }
            "--work" => args.work = PathBuf::from(it.next().expect("--work DIR")),
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    args
}

/// One measured run.
#[derive(Clone, Copy)]
struct Sample {
    wall: f64,
    cpu: f64,
    rss_kib: u64,
}

fn main() {
    let args = parse_args();
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "GNU time is needed at /usr/bin/time (apt-get install time)"
    );
    let hugo = args.hugo
        && Command::new("hugo")
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success());
    if args.hugo && !hugo {
        eprintln!("note: `hugo` not found; measuring dateline only (apt-get install hugo)");
    }
    std::fs::create_dir_all(&args.work).expect("work folder");
    let disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-out");
    print_machine(hugo);

    println!(
        "\n| events | output | engine | wall (median) | CPU (median) | peak RSS (median) | Hugo ÷ dateline |"
    );
    println!("|---:|---|---|---:|---:|---:|---:|");
    let mut summary = Vec::new();
    let mut sizes = Vec::new();
    for &events in &args.sizes {
        let (site, hugo_site) = generate(&args.work, events);
        let mut targets = vec![("tmpfs", args.work.join(format!("out-{events}")))];
        if args.disk && events <= args.disk_max {
            targets.push(("disk", disk.join(format!("out-{events}"))));
        }
        for (target, out) in &targets {
            let dateline_out = out.join("dateline");
            let hugo_out = out.join("hugo");
            let dateline_cmd = || {
                let mut c = Command::new(DATELINE);
                c.arg("build")
                    .arg("--root")
                    .arg(&site)
                    .arg("--output")
                    .arg(&dateline_out);
                c
            };
            let hugo_cmd = || {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("--source")
                    .arg(&hugo_site)
                    .arg("--destination")
                    .arg(&hugo_out);
                c
            };
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            for run in 0..=args.runs {
                let _ = std::fs::remove_dir_all(&dateline_out);
                let sample = measure(&mut dateline_cmd());
                if run > 0 {
                    ours.push(sample);
                }
                if hugo {
                    let _ = std::fs::remove_dir_all(&hugo_out);
                    let sample = measure(&mut hugo_cmd());
                    if run > 0 {
                        theirs.push(sample);
                    }
                }
            }
            let ours = median(&ours);
            let ratio = hugo.then(|| median(&theirs).wall / ours.wall);
            row(events, target, "dateline", ours, ratio);
            if hugo {
                row(events, target, "Hugo", median(&theirs), None);
            }
            // The output of the last run is in place: build again, nothing changed.
            let mut again = Vec::new();
            for _ in 0..args.runs {
                again.push(measure(&mut dateline_cmd()));
            }
            row(
                events,
                &format!("{target}, unchanged rebuild"),
                "dateline",
                median(&again),
                None,
            );
            summary.push((events, *target, ours.wall));
            if *target == "tmpfs" {
                sizes.push((events, output_sizes(&dateline_out)));
            }
            let _ = std::fs::remove_dir_all(out);
        }
    }

    println!(
        "\n| events | HTML pages | HTML in all | largest page | its size | search index in all |"
    );
    println!("|---:|---:|---:|---|---:|---:|");
    for (events, s) in &sizes {
        println!(
            "| {events} | {} | {:.1} MB | `{}` | {:.0} KB | {:.1} MB |",
            s.pages,
            s.html_bytes as f64 / 1e6,
            s.largest.0,
            s.largest.1 as f64 / 1e3,
            s.search_bytes as f64 / 1e6,
        );
    }

    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = args.work.join("out-example");
    let samples: Vec<Sample> = (0..=args.runs)
        .map(|_| {
            let _ = std::fs::remove_dir_all(&out);
            let mut c = Command::new(DATELINE);
            c.arg("build")
                .arg("--root")
                .arg(example)
                .arg("--output")
                .arg(&out);
            measure(&mut c)
        })
        .skip(1)
        .collect();
    let _ = std::fs::remove_dir_all(&out);
    println!();
    let example = median(&samples);
    println!(
        "Example site, cold process: {:.0} ms wall, {:.1} MiB peak RSS (median of {})",
        example.wall * 1000.0,
        example.rss_kib as f64 / 1024.0,
        args.runs
    );
    let tmpfs = |n: usize| {
        summary
            .iter()
            .find(|s| s.0 == n && s.1 == "tmpfs")
            .map(|s| s.2)
    };
    if let (Some(small), Some(large)) = (tmpfs(10_000), tmpfs(100_000)) {
        println!(
            "Scaling, tmpfs: time(100k) ÷ time(10k) = {:.1}",
            large / small
        );
    }
}

/// What a build wrote, by size: SPEC §10 caps every HTML page (400 KB at 10,000
/// events, 1 MB at 100,000), and the search index is fetched a piece at a time.
struct OutputSizes {
    /// HTML files.
    pages: usize,
    /// Bytes of every HTML file.
    html_bytes: u64,
    /// The largest HTML file: its path in the output, and its bytes.
    largest: (String, u64),
    /// Bytes of the search index: `search.json` and the `search/` folder.
    search_bytes: u64,
}

/// Walks the output folder `out` of a build.
fn output_sizes(out: &Path) -> OutputSizes {
    let mut sizes = OutputSizes {
        pages: 0,
        html_bytes: 0,
        largest: (String::new(), 0),
        search_bytes: 0,
    };
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read the output") {
            let entry = entry.expect("read the output");
            let path = entry.path();
            let meta = entry.metadata().expect("stat the output");
            if meta.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = meta.len();
            if rel.ends_with(".html") {
                sizes.pages += 1;
                sizes.html_bytes += bytes;
                if bytes > sizes.largest.1 || (bytes == sizes.largest.1 && rel < sizes.largest.0) {
                    sizes.largest = (rel, bytes);
                }
            } else if rel == "search.json" || rel.starts_with("search/") {
                sizes.search_bytes += bytes;
            }
        }
    }
    sizes
}

/// Writes the synthetic site of `events` events for both engines, once per size
/// (a `.done` stamp marks a complete one).
fn generate(work: &Path, events: usize) -> (PathBuf, PathBuf) {
    let site = work.join(format!("site-{events}"));
    let hugo = work.join(format!("hugo-{events}"));
    let stamp = work.join(format!("site-{events}.done"));
    if !stamp.exists() {
        for dir in [&site, &hugo] {
            let _ = std::fs::remove_dir_all(dir);
        }
        let archive = synth::Archive::new(&synth::Plan { events, seed: 1 });
        archive
            .write_dateline(&site)
            .expect("write the dateline site");
        archive.write_hugo(&hugo).expect("write the Hugo site");
        std::fs::write(&stamp, "").expect("stamp");
    }
    (site, hugo)
}

/// Runs `command` under GNU time; panics if it fails, since a failed build is no
/// measurement.
fn measure(command: &mut Command) -> Sample {
    let report = tempfile::NamedTempFile::new().expect("temp file");
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let started = std::time::Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(report.path())
        .arg(&program)
        .args(&args)
        .output()
        .expect("run /usr/bin/time");
    // GNU time shows wall time in hundredths of a second; the clock here is finer.
    let wall = started.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        program.to_string_lossy(),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(report.path()).expect("time report");
    let last = text.lines().last().unwrap_or_default();
    let fields: Vec<f64> = last
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    assert_eq!(fields.len(), 4, "unexpected GNU time output: {text}");
    Sample {
        wall,
        cpu: fields[1] + fields[2],
        rss_kib: fields[3] as u64,
    }
}

/// The median of each measure taken on its own.
fn median(samples: &[Sample]) -> Sample {
    let pick = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let n = values.len();
        if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        }
    };
    Sample {
        wall: pick(samples.iter().map(|s| s.wall).collect()),
        cpu: pick(samples.iter().map(|s| s.cpu).collect()),
        rss_kib: pick(samples.iter().map(|s| s.rss_kib as f64).collect()) as u64,
    }
}

fn row(events: usize, target: &str, engine: &str, s: Sample, ratio: Option<f64>) {
    println!(
        "| {events} | {target} | {engine} | {:.2} s | {:.2} s | {:.0} MiB | {} |",
        s.wall,
        s.cpu,
        s.rss_kib as f64 / 1024.0,
        ratio.map_or(String::new(), |r| format!("{r:.1}×"))
    );
}

fn print_machine(hugo: bool) {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let version = |cmd: &str| {
        Command::new(cmd)
            .arg("version")
            .output()
            .ok()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_default()
    };
    println!("dateline {} · {cpus} CPUs", env!("CARGO_PKG_VERSION"));
    if hugo {
        println!("{}", version("hugo"));
    }
}
