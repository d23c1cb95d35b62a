//! Writes a synthetic news archive for benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example gen-site -- --events 10000 --out /dev/shm/site-10k \
//!     [--hugo /dev/shm/hugo-10k] [--seed 7]
//! ```
//!
//! The same seed and size always give the same files. `--hugo` also writes the
//! equivalent Hugo site, for comparing the two engines on the same content.

mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic dateline site (and optionally the same site for Hugo)")]
struct Args {
    /// How many events
    #[arg(long)]
    events: usize,
    /// The dateline site's folder (must not exist yet, or be empty)
    #[arg(long)]
    out: PathBuf,
    /// Also write the equivalent Hugo site here
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// The random seed
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let plan = synth::Plan {
        events: args.events,
        seed: args.seed,
    };
    let archive = synth::Archive::new(&plan);
    let mut targets = vec![(args.out.clone(), false)];
    targets.extend(args.hugo.iter().map(|p| (p.clone(), true)));
    for (dir, hugo) in targets {
        if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
            eprintln!("error: {} is not empty; give a new folder", dir.display());
            return ExitCode::FAILURE;
        }
        let written = if hugo {
            archive.write_hugo(&dir)
        } else {
            archive.write_dateline(&dir)
        };
        match written {
            Ok(files) => println!(
                "Wrote {} ({files} content files, {} sources, {} explainers)",
                dir.display(),
                plan.sources(),
                plan.explainers()
            ),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
