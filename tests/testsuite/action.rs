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

/// A runner's environment: a temp folder with the action's source (its install
/// script, and a `Cargo.toml` at the version the test chooses), the install folder,
/// `GITHUB_PATH` and `GITHUB_OUTPUT`, and a releases folder to serve from.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    /// The action's source at `version`, as a checkout of a tag or a commit between
    /// releases has it.
    fn new(version: &str) -> Runner {
        let runner = Runner {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(runner.path("source/action")).unwrap();
        std::fs::copy(
            script("install.sh"),
            runner.path("source/action/install.sh"),
        )
        .unwrap();
        std::fs::write(
            runner.path("source/Cargo.toml"),
            format!(
                "[package]\nname = \"dateline\"\nversion = \"{version}\"\nrepository = \"https://github.com/dateline-news/dateline\"\n\n[dependencies]\n"
            ),
        )
        .unwrap();
        std::fs::create_dir_all(runner.releases()).unwrap();
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

    /// Puts `binary` in release `version`'s archive for `target`, laid out as `dist`
    /// makes it (`dateline-<target>/dateline` in a `.tar.xz`; `dateline.exe` at the
    /// top of a `.zip` for Windows), with its `.sha256`.
    fn release(&self, version: &str, target: &str, binary: &Path) {
        let name = format!("dateline-{target}");
        let folder = self.releases().join(format!("v{version}"));
        std::fs::create_dir_all(&folder).unwrap();
        let windows = target.contains("windows");
        let archive = folder.join(if windows {
            format!("{name}.zip")
        } else {
            format!("{name}.tar.xz")
        });
        let staging = self.path("staging").join(&name);
        std::fs::create_dir_all(&staging).unwrap();
        let packed = if windows {
            std::fs::copy(binary, staging.join("dateline.exe")).unwrap();
            Command::new("python3")
                .args(["-m", "zipfile", "-c"])
                .arg(&archive)
                .arg(staging.join("dateline.exe"))
                .status()
                .unwrap()
        } else {
            std::fs::copy(binary, staging.join("dateline")).unwrap();
            Command::new("sh")
                .arg("-c")
                .arg(r#"tar -cf - -C "$1" "$2" | xz -0 -T2 > "$3""#)
                .arg("sh")
                .arg(self.path("staging"))
                .arg(&name)
                .arg(&archive)
                .status()
                .unwrap()
        };
        assert!(packed.success());
        let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
        let hash = String::from_utf8(sum.stdout).unwrap();
        let hash = hash.split_whitespace().next().unwrap().to_owned();
        let file = archive.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(
            folder.join(format!("{file}.sha256")),
            format!("{hash} *{file}\n"),
        )
        .unwrap();
    }

    /// Runs the action's install script as its first step does, with `env` on top.
    fn install(&self, env: &[(&str, &str)]) -> Output {
        let mut command = Command::new("bash");
        command
            .arg(self.path("source/action/install.sh"))
            .env(
                "DATELINE_RELEASES_URL",
                format!("file://{}", self.releases().display()),
            )
            .env("DATELINE_TARGET", TARGET)
            .env("DATELINE_INSTALL_DIR", self.install_dir())
            .env("GITHUB_PATH", self.path("github_path"))
            .env("GITHUB_OUTPUT", self.path("github_output"))
            .env("CARGO", self.fake_cargo())
            .env_remove("DATELINE_VERSION")
            .env_remove("RUNNER_OS")
            .env_remove("RUNNER_ARCH");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().unwrap()
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

    /// What the fake cargo was asked, or `None` when nothing was compiled.
    fn compiled(&self) -> Option<String> {
        std::fs::read_to_string(self.path("cargo-args")).ok()
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
    let runner = Runner::new("0.3.0");
    runner.release("0.3.0", TARGET, Path::new(env!("CARGO_BIN_EXE_dateline")));
    let installed = runner.install(&[]);
    assert!(installed.status.success(), "{}", text(&installed));
    let log = text(&installed);
    assert!(
        log.contains(&format!("/v0.3.0/dateline-{TARGET}.tar.xz")),
        "{log}"
    );
    // The archive holds this build, so it says its own version.
    assert!(
        log.contains(&format!("Installed dateline {VERSION} in")),
        "{log}"
    );
    assert_eq!(runner.compiled(), None, "nothing was compiled");
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
fn the_windows_archive_is_a_zip_with_dateline_exe_at_its_top() {
    let runner = Runner::new("0.3.0");
    let target = "x86_64-pc-windows-msvc";
    runner.release("0.3.0", target, Path::new(env!("CARGO_BIN_EXE_dateline")));
    let installed = runner.install(&[("DATELINE_TARGET", target)]);
    assert!(installed.status.success(), "{}", text(&installed));
    assert!(
        text(&installed).contains(&format!("/v0.3.0/dateline-{target}.zip")),
        "{}",
        text(&installed)
    );
    assert!(runner.install_dir().join("dateline.exe").is_file());
    assert_eq!(runner.compiled(), None);
}

#[test]
fn an_archive_that_does_not_match_its_checksum_installs_nothing_and_builds_nothing() {
    let runner = Runner::new("0.3.0");
    let fake = runner.path("fake-dateline");
    std::fs::write(&fake, "#!/bin/sh\necho dateline 0.0.0\n").unwrap();
    make_executable(&fake);
    runner.release("0.3.0", TARGET, &fake);
    let sum = runner
        .releases()
        .join(format!("v0.3.0/dateline-{TARGET}.tar.xz.sha256"));
    std::fs::write(
        &sum,
        format!("{} *dateline-{TARGET}.tar.xz\n", "0".repeat(64)),
    )
    .unwrap();
    let installed = runner.install(&[]);
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
    assert_eq!(runner.compiled(), None);
    assert!(!runner.install_dir().join("dateline").exists());
    assert_eq!(runner.read("github_path"), "");
}

#[test]
fn an_archive_that_does_not_unpack_is_an_error_that_says_so() {
    let runner = Runner::new("0.3.0");
    let folder = runner.releases().join("v0.3.0");
    std::fs::create_dir_all(&folder).unwrap();
    let name = format!("dateline-{TARGET}.tar.xz");
    std::fs::write(folder.join(&name), "not an archive").unwrap();
    let sum = Command::new("sha256sum")
        .arg(folder.join(&name))
        .output()
        .unwrap();
    let hash = String::from_utf8(sum.stdout).unwrap();
    std::fs::write(
        folder.join(format!("{name}.sha256")),
        format!("{} *{name}\n", hash.split_whitespace().next().unwrap()),
    )
    .unwrap();
    let installed = runner.install(&[]);
    assert_eq!(installed.status.code(), Some(1));
    assert!(
        text(&installed).contains(&format!("error: cannot unpack {name}")),
        "{}",
        text(&installed)
    );
    assert_eq!(runner.compiled(), None);
}

#[test]
fn a_development_version_is_built_from_the_action_s_own_source() {
    // Between releases Cargo.toml says `-dev`: no release holds that code.
    let runner = Runner::new("0.4.0-dev");
    runner.release(
        "0.4.0-dev",
        TARGET,
        Path::new(env!("CARGO_BIN_EXE_dateline")),
    );
    let installed = runner.install(&[]);
    assert!(installed.status.success(), "{}", text(&installed));
    let log = text(&installed);
    assert!(!log.contains("Downloading"), "{log}");
    assert!(
        log.contains("Building dateline 0.4.0-dev from source"),
        "{log}"
    );
    let args = runner.compiled().unwrap();
    assert!(args.starts_with("install --locked --root "), "{args}");
    let source = runner.path("source");
    assert!(
        args.ends_with(&format!(" --path {}\n", source.display())),
        "{args}"
    );
    assert!(runner.install_dir().join("dateline").is_file());
    assert_eq!(runner.read("github_output"), format!("version={VERSION}\n"));

    // Asking for another development version is refused: nothing could hold it.
    let runner = Runner::new("0.4.0-dev");
    let refused = runner.install(&[("DATELINE_VERSION", "0.3.0-dev")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused)
            .contains("error: dateline 0.3.0-dev is a development version, which has no release"),
        "{}",
        text(&refused)
    );
    assert_eq!(runner.compiled(), None);
}

#[test]
fn a_released_version_with_no_archive_for_the_platform_is_built_from_its_source() {
    // The runner's own platform, from GitHub's RUNNER_OS and RUNNER_ARCH.
    let runner = Runner::new("0.3.0");
    // An empty DATELINE_TARGET is no target: the script works it out.
    let installed = runner.install(&[
        ("DATELINE_TARGET", ""),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "ARM64"),
    ]);
    assert!(installed.status.success(), "{}", text(&installed));
    let log = text(&installed);
    assert!(
        log.contains("/v0.3.0/dateline-aarch64-unknown-linux-gnu.tar.xz"),
        "{log}"
    );
    assert!(
        log.contains(
            "note: no dateline 0.3.0 release for aarch64-unknown-linux-gnu; building it from source"
        ),
        "{log}"
    );
    assert!(runner.compiled().is_some());
}

#[test]
fn a_version_with_no_release_is_an_error_not_a_build_of_other_code() {
    let runner = Runner::new("0.3.0");
    let installed = runner.install(&[("DATELINE_VERSION", "v0.2.9")]);
    assert_eq!(installed.status.code(), Some(1), "{}", text(&installed));
    assert!(
        text(&installed).contains(&format!(
            "error: no dateline 0.2.9 release for {TARGET} at file://"
        )),
        "{}",
        text(&installed)
    );
    assert_eq!(runner.compiled(), None);
    assert!(!runner.install_dir().join("dateline").exists());
}

#[test]
fn a_version_that_is_not_one_is_refused_before_anything_is_fetched() {
    let runner = Runner::new("0.3.0");
    let output = runner.install(&[("DATELINE_VERSION", "latest; rm -rf /")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("error: `latest; rm -rf /` is not a dateline version"),
        "{}",
        text(&output)
    );
    assert!(!text(&output).contains("Downloading"));
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
        out.contains("Publish: in a GitHub repository's Settings → Pages, set Source to \"GitHub Actions\"; then push the site to its default branch"),
        "{out}"
    );
    let workflow =
        std::fs::read_to_string(tmp.path().join("kerman/.github/workflows/pages.yml")).unwrap();
    // The commit build.rs recorded (for the whole package, this test included);
    // a build from a source archive has none and pins the release tag.
    let expected = match option_env!("DATELINE_COMMIT") {
        Some(commit) => format!("- uses: dateline-news/dateline@{commit} # v{VERSION}"),
        None => format!("- uses: dateline-news/dateline@v{VERSION}"),
    };
    assert_eq!(action_line(&workflow), expected);
    if let Some(commit) = option_env!("DATELINE_COMMIT") {
        assert_eq!(commit.len(), 40);
        let head = Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(commit, String::from_utf8_lossy(&head.stdout).trim());
    }
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
    let shown = written.replace(line, "- uses: dateline-news/dateline@<commit> # v<version>");
    assert_eq!(block, shown);
}
