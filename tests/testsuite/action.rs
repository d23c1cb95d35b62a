//! The GitHub Action (`action.yml`) and the Pages workflow `dateline init` writes.
//! The action's two scripts are run here as the runner runs them, with a release
//! laid out as `dist` publishes it (served from `file://`), the built binary in its
//! archive, and GitHub's `GITHUB_PATH` and `GITHUB_OUTPUT` files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::helpers::{Site, dateline, stdout};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const TARGET: &str = "x86_64-unknown-linux-gnu";

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("action")
        .join(name)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A runner's environment: a temp folder with the install folder, `GITHUB_PATH`
/// and `GITHUB_OUTPUT`, and a releases folder to serve from.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let runner = Runner {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(runner.releases().join(format!("v{VERSION}"))).unwrap();
        runner
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn releases(&self) -> PathBuf {
        self.path("releases")
    }

    fn install_dir(&self) -> PathBuf {
        self.path("bin")
    }

    /// Puts `binary` in this release's archive for [`TARGET`], laid out as `dist`
    /// makes it (`dateline-<target>/dateline` in a `.tar.xz`), with its `.sha256`.
    fn release(&self, binary: &Path) {
        let name = format!("dateline-{TARGET}");
        let staging = self.path("staging").join(&name);
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::copy(binary, staging.join("dateline")).unwrap();
        let archive = self.releases().join(format!("v{VERSION}/{name}.tar.xz"));
        let packed = Command::new("sh")
            .arg("-c")
            .arg(r#"tar -cf - -C "$1" "$2" | xz -0 -T2 > "$3""#)
            .arg("sh")
            .arg(self.path("staging"))
            .arg(&name)
            .arg(&archive)
            .status()
            .unwrap();
        assert!(packed.success());
        let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
        let hash = String::from_utf8(sum.stdout).unwrap();
        let hash = hash.split_whitespace().next().unwrap().to_owned();
        std::fs::write(
            archive.with_extension("xz.sha256"),
            format!("{hash} *{name}.tar.xz\n"),
        )
        .unwrap();
    }

    /// Runs `action/install.sh` as the action's first step does.
    fn install(&self, cargo: &Path) -> Output {
        Command::new("bash")
            .arg(script("install.sh"))
            .env(
                "DATELINE_RELEASES_URL",
                format!("file://{}", self.releases().display()),
            )
            .env("DATELINE_TARGET", TARGET)
            .env("DATELINE_INSTALL_DIR", self.install_dir())
            .env("GITHUB_PATH", self.path("github_path"))
            .env("GITHUB_OUTPUT", self.path("github_output"))
            .env("CARGO", cargo)
            .env_remove("DATELINE_VERSION")
            .output()
            .unwrap()
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_default()
    }

    /// A stand-in for `cargo` that records its arguments and "builds" dateline by
    /// copying the test binary to `<--root>/bin/dateline`.
    fn fake_cargo(&self) -> PathBuf {
        let path = self.path("fake-cargo");
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\necho \"$@\" > '{log}'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --root ]; then root=\"$2\"; fi\n  shift\ndone\nmkdir -p \"$root/bin\" && cp '{binary}' \"$root/bin/dateline\"\n",
                log = self.path("cargo-args").display(),
                binary = env!("CARGO_BIN_EXE_dateline"),
            ),
        )
        .unwrap();
        make_executable(&path);
        path
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs `action/build.sh` with `dateline` from `bin`, as the action's second step
/// does after the first put that folder on the `PATH`.
fn build_step(site: &Path, bin: &Path, env: &[(&str, &str)], github_output: &Path) -> Output {
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    command
        .arg(script("build.sh"))
        .current_dir(site)
        .env("PATH", path)
        .env("GITHUB_OUTPUT", github_output)
        .env_remove("DATELINE")
        .env_remove("DATELINE_ROOT")
        .env_remove("DATELINE_OUTPUT")
        .env_remove("DATELINE_BASE_URL");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn the_action_installs_the_release_binary_then_checks_and_builds_for_the_pages_address() {
    let runner = Runner::new();
    runner.release(Path::new(env!("CARGO_BIN_EXE_dateline")));
    let never = runner.path("no-cargo");
    let installed = runner.install(&never);
    assert!(installed.status.success(), "{}", text(&installed));
    let log = text(&installed);
    assert!(
        log.contains(&format!("/v{VERSION}/dateline-{TARGET}.tar.xz")),
        "{log}"
    );
    assert!(
        log.contains(&format!("Installed dateline {VERSION} in")),
        "{log}"
    );
    assert!(!runner.path("cargo-args").exists(), "nothing was compiled");
    assert_eq!(
        runner.read("github_path"),
        format!("{}\n", runner.install_dir().display())
    );
    assert_eq!(runner.read("github_output"), format!("version={VERSION}\n"));

    // The second step, with the installed binary, on a site in the workspace.
    let site = Site::basic();
    let output = runner.path("build_output");
    let built = build_step(
        site.root(),
        &runner.install_dir(),
        &[("DATELINE_BASE_URL", "https://newsroom.github.io/kerman")],
        &output,
    );
    assert!(built.status.success(), "{}", text(&built));
    let log = text(&built);
    assert!(log.contains("Checked 3 events"), "{log}");
    assert!(log.contains("Built 3 events"), "{log}");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "output=public\n");
    // Built for the Pages address, with the slash that marks it as a folder.
    let page = site.read("public/index.html");
    assert!(page.contains(r#"href="/kerman/style.css""#), "{page}");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://newsroom.github.io/kerman/">"#),
        "{page}"
    );
}

#[test]
fn an_archive_that_does_not_match_its_checksum_installs_nothing_and_builds_nothing() {
    let runner = Runner::new();
    let fake = runner.path("fake-dateline");
    std::fs::write(&fake, "#!/bin/sh\necho dateline 0.0.0\n").unwrap();
    make_executable(&fake);
    runner.release(&fake);
    let sum = runner
        .releases()
        .join(format!("v{VERSION}/dateline-{TARGET}.tar.xz.sha256"));
    std::fs::write(
        &sum,
        format!("{} *dateline-{TARGET}.tar.xz\n", "0".repeat(64)),
    )
    .unwrap();
    let cargo = runner.fake_cargo();
    let installed = runner.install(&cargo);
    assert_eq!(installed.status.code(), Some(1), "{}", text(&installed));
    let log = text(&installed);
    assert!(
        log.contains(&format!(
            "error: dateline-{TARGET}.tar.xz does not match its checksum (expected {}",
            "0".repeat(64)
        )),
        "{log}"
    );
    assert!(log.contains("nothing was installed"), "{log}");
    // Tampering is never papered over by building from source.
    assert!(!runner.path("cargo-args").exists());
    assert!(!runner.install_dir().join("dateline").exists());
    assert_eq!(runner.read("github_path"), "");
}

#[test]
fn with_no_release_for_the_version_the_action_builds_from_its_own_source() {
    let runner = Runner::new();
    let cargo = runner.fake_cargo();
    let installed = runner.install(&cargo);
    assert!(installed.status.success(), "{}", text(&installed));
    let log = text(&installed);
    assert!(
        log.contains(&format!("note: no dateline {VERSION} release for {TARGET}")),
        "{log}"
    );
    assert!(log.contains("from source"), "{log}");
    let args = runner.read("cargo-args");
    assert!(args.starts_with("install --locked --root "), "{args}");
    assert!(
        args.trim_end()
            .ends_with(&format!("--path {}", env!("CARGO_MANIFEST_DIR"))),
        "{args}"
    );
    assert!(runner.install_dir().join("dateline").is_file());
    assert_eq!(runner.read("github_output"), format!("version={VERSION}\n"));
}

#[test]
fn a_version_that_is_not_one_is_refused_before_anything_is_fetched() {
    let runner = Runner::new();
    let output = Command::new("bash")
        .arg(script("install.sh"))
        .env("DATELINE_VERSION", "latest; rm -rf /")
        .env(
            "DATELINE_RELEASES_URL",
            format!("file://{}", runner.releases().display()),
        )
        .env("DATELINE_INSTALL_DIR", runner.install_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("error: `latest; rm -rf /` is not a dateline version"),
        "{}",
        text(&output)
    );
}

#[test]
fn the_build_step_stops_at_content_errors_before_writing_and_follows_output_dir() {
    let bin = Path::new(env!("CARGO_BIN_EXE_dateline")).parent().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let github_output = tmp.path().join("github_output");

    let site = Site::basic();
    site.file(
        "content/events/2024/2024-01-05-bad.md",
        "---\ntitle: Bad\nsources: [nobody]\n---\nText.\n",
    );
    let failed = build_step(site.root(), bin, &[], &github_output);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
    assert!(
        text(&failed).contains("error: check failed"),
        "{}",
        text(&failed)
    );
    assert!(!site.path("public").exists());
    assert!(!github_output.exists());

    // `output_dir` in dateline.toml, and a site in a subfolder (`root`).
    let outer = tempfile::tempdir().unwrap();
    let site_dir = outer.path().join("site");
    let basic = Site::basic();
    copy_dir(basic.root(), &site_dir);
    let config = site_dir.join("dateline.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("output_dir = \"_site\"\n");
    std::fs::write(&config, toml).unwrap();
    let built = build_step(
        outer.path(),
        bin,
        &[("DATELINE_ROOT", "site")],
        &github_output,
    );
    assert!(built.status.success(), "{}", text(&built));
    assert_eq!(
        std::fs::read_to_string(&github_output).unwrap(),
        "output=site/_site\n"
    );
    assert!(site_dir.join("_site/index.html").is_file());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, dest).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The action reference `init` writes: `owner/repo@<40 hex> # v<version>` from a
/// git checkout (as this test suite and every release are built).
fn action_line(workflow: &str) -> &str {
    workflow
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("- uses: dateline-news/dateline@"))
        .unwrap_or_else(|| panic!("no dateline step in:\n{workflow}"))
}

#[test]
fn init_writes_the_pages_workflow_pinned_to_the_commit_it_was_built_from() {
    let tmp = tempfile::tempdir().unwrap();
    let output = dateline()
        .args(["init", "kerman"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let out = stdout(&output);
    assert!(out.contains("  .github/workflows/pages.yml\n"), "{out}");
    assert!(
        out.contains("Publish: push the site to a GitHub repository and set Settings → Pages → Source to \"GitHub Actions\""),
        "{out}"
    );
    let workflow =
        std::fs::read_to_string(tmp.path().join("kerman/.github/workflows/pages.yml")).unwrap();
    let uses = action_line(&workflow);
    let (pin, comment) = uses
        .strip_prefix("- uses: dateline-news/dateline@")
        .unwrap()
        .split_once(" # ")
        .unwrap();
    assert_eq!(pin.len(), 40, "{uses}");
    assert!(pin.bytes().all(|b| b.is_ascii_hexdigit()), "{uses}");
    assert_eq!(comment, format!("v{VERSION}"));
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(pin, String::from_utf8_lossy(&head.stdout).trim());
    // checkout → configure-pages → dateline → upload-pages-artifact → deploy-pages,
    // each pinned to a commit.
    let steps: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- uses: "))
        .map(|u| u.split('@').next().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "actions/checkout",
            "actions/configure-pages",
            "dateline-news/dateline",
            "actions/upload-pages-artifact",
            "actions/deploy-pages"
        ]
    );
    assert!(workflow.contains("base-url: ${{ steps.pages.outputs.base_url }}"));
    assert!(workflow.contains("path: ${{ steps.dateline.outputs.output }}"));
    assert!(workflow.contains("permissions: {}"));
    assert!(workflow.contains("persist-credentials: false"));
}

#[test]
fn init_leaves_the_workflow_out_on_request_and_writes_only_it_into_an_existing_site() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        dateline()
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap()
    };
    let output = run(&["init", "--no-workflow", "plain"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(!stdout(&output).contains("pages.yml"));
    assert!(!stdout(&output).contains("Publish:"));
    assert!(!tmp.path().join("plain/.github").exists());
    assert!(tmp.path().join("plain/dateline.toml").is_file());

    // The existing site gets just the workflow …
    let output = run(&["init", "--workflow-only", "plain"]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        stdout(&output).lines().next().unwrap(),
        "Created plain/.github/workflows/pages.yml"
    );
    let workflow = tmp.path().join("plain/.github/workflows/pages.yml");
    let written = std::fs::read_to_string(&workflow).unwrap();
    assert!(written.starts_with("# Publishes this site on GitHub Pages"));

    // … once: an edited workflow is never written over.
    std::fs::write(&workflow, "# ours\n").unwrap();
    let output = run(&["init", "--workflow-only", "plain"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains(
            "error: plain/.github/workflows/pages.yml exists already; nothing was written"
        ),
        "{}",
        text(&output)
    );
    assert_eq!(std::fs::read_to_string(&workflow).unwrap(), "# ours\n");

    // A folder that is not a site gets nothing.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let output = run(&["init", "--workflow-only", "empty"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("error: `empty` holds no dateline.toml; nothing was written"),
        "{}",
        text(&output)
    );
    assert!(!tmp.path().join("empty/.github").exists());

    let output = run(&["init", "--no-workflow", "--workflow-only", "x"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The workflow docs/PUBLISHING.md shows is the one `init` writes, but for the
/// dateline step, which the page shows as `@<commit> # v<version>`.
#[test]
fn the_workflow_in_the_publishing_guide_is_the_one_init_writes() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PUBLISHING.md"))
            .unwrap();
    let block = guide
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("a yaml block in PUBLISHING.md");
    let tmp = tempfile::tempdir().unwrap();
    let output = dateline()
        .args(["init", "site"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let written =
        std::fs::read_to_string(tmp.path().join("site/.github/workflows/pages.yml")).unwrap();
    let line = action_line(&written);
    let shown = written.replace(
        line,
        &format!("- uses: dateline-news/dateline@<commit> # v{VERSION}"),
    );
    assert_eq!(block, shown);
}
