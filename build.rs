//! Records the commit dateline is built from, as `DATELINE_COMMIT`, when it is built
//! from a git checkout (a release is: `dist` builds the tagged commit). `dateline
//! init` pins the GitHub Action in the workflow it writes to that commit; a build
//! from a source archive has none and pins the release tag instead.

use std::path::Path;
use std::process::Command;

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // Only this repository's own checkout: not a parent folder's repository.
    if !Path::new(&dir).join(".git").exists() {
        println!("cargo::rerun-if-changed=build.rs");
        return;
    }
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_owned())
    };
    let Some(commit) = git(&["rev-parse", "--verify", "HEAD"]) else {
        return;
    };
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return;
    }
    println!("cargo::rustc-env=DATELINE_COMMIT={commit}");
    // Built again when HEAD moves: a checkout (HEAD), or a commit on the current
    // branch (its file under refs/heads, a folder cargo scans, or packed-refs).
    // Only paths that exist: cargo takes a missing one as always changed.
    for path in ["HEAD", "refs/heads", "packed-refs"] {
        if let Some(path) = git(&["rev-parse", "--git-path", path]) {
            let path = Path::new(&dir).join(path);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
}
