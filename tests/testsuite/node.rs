//! The npm packages the browser tests drive Chromium with and load into pages
//! (`tests/browser/package.json`, versions pinned by its `package-lock.json`), and
//! Node scripts run with them.
//!
//! The packages are installed once per lock file with `npm ci` into the cargo target
//! folder, never into the source tree. Without Node.js and npm, or without Chromium,
//! a test that needs them is skipped with a note, unless `DATELINE_REQUIRE_BROWSER`
//! is set (CI sets it), in which case it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;

/// `tests/browser/`: the package file, its lock, and the scripts.
pub fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether a command runs (`--version`).
fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The `node_modules` folder holding the locked packages, installed on first use;
/// `None` with a note when Node.js, npm or Chromium is missing and
/// `DATELINE_REQUIRE_BROWSER` is not set.
pub fn packages(test: &str) -> Option<PathBuf> {
    static INSTALL: Mutex<Option<PathBuf>> = Mutex::new(None);
    let required = std::env::var_os("DATELINE_REQUIRE_BROWSER").is_some();
    let missing: Vec<&str> = ["node", "npm"]
        .into_iter()
        .filter(|p| !runs(p))
        .chain(
            super::browser::find_browser()
                .is_none()
                .then_some("chromium"),
        )
        .collect();
    if !missing.is_empty() {
        assert!(
            !required,
            "DATELINE_REQUIRE_BROWSER is set but {} cannot be run",
            missing.join(", ")
        );
        eprintln!(
            "note: skipping {test}: install {} to run it",
            missing.join(", ")
        );
        return None;
    }
    let mut installed = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = installed.as_ref() {
        return Some(dir.clone());
    }
    let lock = std::fs::read(scripts_dir().join("package-lock.json")).unwrap();
    // One folder per lock file: a changed lock installs afresh.
    let hash = lock.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-packages-{hash:016x}"));
    let modules = dir.join("node_modules");
    if !dir.join("installed").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(scripts_dir().join(file), dir.join(file)).unwrap();
        }
        let out = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .output()
            .expect("npm runs");
        assert!(
            out.status.success(),
            "npm ci failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(dir.join("installed"), b"").unwrap();
    }
    *installed = Some(modules.clone());
    Some(modules)
}

/// Runs `tests/browser/{script}` with Node, the packages on `NODE_PATH` and the
/// browser in `CHROME`, passing `args`; its output, whatever its exit status.
pub fn run(modules: &Path, script: &str, args: &[&str]) -> Output {
    let chrome = super::browser::find_browser().expect("checked by `packages`");
    Command::new("node")
        .arg(scripts_dir().join(script))
        .args(args)
        .env("NODE_PATH", modules)
        .env("CHROME", chrome)
        .stdin(Stdio::null())
        .output()
        .expect("node runs")
}

/// [`run`], which must succeed (else its standard error fails the test), and the
/// JSON it printed.
pub fn json(modules: &Path, script: &str, args: &[&str]) -> serde_json::Value {
    let out = run(modules, script, args);
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{script} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn a_node_script_drives_the_browser_to_a_served_page() {
    let Some(modules) = packages("the Node browser harness test") else {
        return;
    };
    let site = super::server::project_site();
    let server = super::server::Server::start(&site, &[]);
    let url = format!("{}2024/01/03/kerman-explosions/", server.url);
    let printed = json(&modules, "title.cjs", &[&url]);
    assert_eq!(printed["title"], "Kerman explosions · Test timeline");
}
