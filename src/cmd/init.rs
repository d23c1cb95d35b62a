//! `dateline init`: a small working site — configuration, one source, one explainer
//! and one event that cites and links them, and the GitHub Pages workflow that
//! publishes it — in a new or empty folder; or, with `--workflow-only`, just the
//! workflow in an existing site.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use super::new::{create_new, today};
use crate::config::Config;
use crate::diagnostic::display_path;

/// `dateline init`'s options.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to create the site in; it must not exist yet or be empty (with
    /// --workflow-only: the existing site's folder)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Leave out the GitHub Pages workflow (.github/workflows/pages.yml)
    #[arg(long, conflicts_with = "workflow_only")]
    pub no_workflow: bool,
    /// Write only the GitHub Pages workflow, into an existing site
    #[arg(long)]
    pub workflow_only: bool,
}

/// Where the Pages workflow goes in a site, relative to its folder.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The GitHub Pages workflow `init` writes: checkout → configure-pages → dateline's
/// own action (`action.yml`: install, `dateline check`, `dateline build
/// --base-url`) → upload-pages-artifact → deploy-pages. Every action is pinned to a
/// commit, dateline's to the commit this binary was built from when it was built
/// from a git checkout (as releases are), else to the release tag. See
/// docs/PUBLISHING.md.
pub fn pages_workflow() -> String {
    include_str!("pages.yml").replace("DATELINE_ACTION", &action_reference())
}

/// `owner/repo@<commit> # v0.1.0`, or `owner/repo@v0.1.0` when the build knows no
/// commit: the repository is Cargo.toml's `repository` on GitHub.
fn action_reference() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let repository = repository
        .strip_prefix("https://github.com/")
        .unwrap_or(repository)
        .trim_end_matches('/');
    let version = env!("CARGO_PKG_VERSION");
    match option_env!("DATELINE_COMMIT") {
        Some(commit) => format!("{repository}@{commit} # v{version}"),
        None => format!("{repository}@v{version}"),
    }
}

impl InitArgs {
    /// Writes the starter site into `dir`, creating it if needed, and prints what it
    /// wrote. [`Outcome::Usage`] when `dir` is a file or a folder that is not empty;
    /// `Err` when a file cannot be written, after removing what it wrote.
    pub fn run(self) -> anyhow::Result<Outcome> {
        if self.workflow_only {
            return self.workflow_only();
        }
        let dir = &self.dir;
        if dir.exists() {
            if !dir.is_dir() {
                errln!("error: `{}` is a file, not a folder", dir.display());
                return Ok(Outcome::Usage);
            }
            let entries = std::fs::read_dir(dir)
                .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", dir.display()))?;
            let mut taken = entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| !fresh_repository_file(name));
            if let Some(name) = taken.next() {
                errln!(
                    "error: `{}` is not empty (it holds `{name}`); nothing was written",
                    dir.display()
                );
                errln!(
                    "  = help: give a new folder name: dateline init my-timeline; a fresh clone \
                     (.git, a README, a LICENSE) is fine"
                );
                return Ok(Outcome::Usage);
            }
        }
        let title = title_from(dir);
        let mut files = starter(&title, &today(&Config::default()));
        if !self.no_workflow {
            files.push((PathBuf::from(WORKFLOW_PATH), pages_workflow()));
        }
        let existed = dir.exists();
        let mut written = Vec::new();
        for (rel, text) in &files {
            let path = dir.join(rel);
            if let Err(e) = create_new(&path, text) {
                // Leave the folder as it was, so `init` can simply be run again.
                undo(dir, existed, &written);
                anyhow::bail!("cannot write {}: {e}; nothing was kept", path.display());
            }
            written.push(path);
        }
        infoln!("Created the site `{title}` in {}:", dir.display());
        for (rel, _) in &files {
            infoln!("  {}", display_path(rel));
        }
        let cd = if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", dir.display())
        };
        infoln!(
            "Next: {cd}dateline build, then add an event with dateline new event \"Title\" --source newsroom"
        );
        if !self.no_workflow {
            publish_hint();
        }
        Ok(Outcome::Success)
    }

    /// `--workflow-only`: writes the Pages workflow into the site in `dir`, which must
    /// hold a `dateline.toml`; never over an existing file.
    fn workflow_only(&self) -> anyhow::Result<Outcome> {
        let dir = &self.dir;
        if !dir.join(crate::config::CONFIG_FILE).is_file() {
            errln!(
                "error: `{}` holds no dateline.toml; nothing was written",
                dir.display()
            );
            errln!(
                "  = help: run it in the site's folder, or give the folder: dateline init --workflow-only my-timeline"
            );
            return Ok(Outcome::Usage);
        }
        let path = dir.join(WORKFLOW_PATH);
        if path.exists() {
            errln!(
                "error: {} exists already; nothing was written",
                path.display()
            );
            errln!(
                "  = help: move it aside to write dateline's, or compare it with docs/PUBLISHING.md"
            );
            return Ok(Outcome::Usage);
        }
        if let Err(e) = create_new(&path, &pages_workflow()) {
            anyhow::bail!("cannot write {}: {e}", path.display());
        }
        infoln!("Created {}", path.display());
        publish_hint();
        Ok(Outcome::Success)
    }
}

/// How the workflow gets the site published, printed after writing it. Pages must be
/// on before the first push, or that push's run fails at configure-pages.
fn publish_hint() {
    infoln!(
        "Publish: in a GitHub repository's Settings → Pages, set Source to \"GitHub Actions\"; then push the site to its default branch"
    );
}

/// What a repository just made on GitHub and cloned may hold — `.git`, a README, a
/// licence, and the `.DS_Store` macOS's Finder leaves — none of which `init` (or
/// `import`) writes: a folder holding only these counts as empty, so a newsroom can
/// create the repository first and `init` or `import` in its clone.
pub(crate) fn fresh_repository_file(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    name == ".git"
        || name == ".gitattributes"
        || name == ".DS_Store"
        || ["README", "LICENSE", "LICENCE", "COPYING"]
            .iter()
            .any(|prefix| upper.starts_with(prefix))
}

/// Removes the files `init` wrote, then the folders it made for them, up to `dir`
/// (included unless it `existed` before), as long as they are empty.
fn undo(dir: &Path, existed: bool, written: &[PathBuf]) {
    for path in written {
        let _ = std::fs::remove_file(path);
    }
    let mut folders: Vec<&Path> = written
        .iter()
        .flat_map(|p| p.ancestors().skip(1))
        .filter(|p| p.starts_with(dir) && !(existed && *p == dir))
        .collect();
    folders.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    folders.dedup();
    for folder in folders {
        // Fails, harmlessly, on folders that are not empty.
        let _ = std::fs::remove_dir(folder);
    }
}

/// "kerman-timeline" → "Kerman timeline".
fn title_from(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "My timeline".to_owned(),
    }
}

/// The starter files, relative to the site folder. The event is dated `today`.
fn starter(title: &str, today: &str) -> Vec<(PathBuf, String)> {
    let year = &today[..4];
    let config = format!(
        r#"# This site's settings. Every key is described in the dateline README.
title = {title}
description = "A sourced timeline."
# Where the site is published, e.g. "https://user.github.io/repo/". "/" suits a
# site at the root of its domain, and local previews.
base_url = "/"
language = "en"
# Times written without an offset are read in this zone; an event may set its own
# with `timezone:`. IANA names, like "Asia/Tehran" or "Europe/London".
timezone = "UTC"
# "oldest-first" or "newest-first" on the timeline.
order = "oldest-first"
"#,
        title = serde_json::to_string(title).unwrap_or_default()
    );
    let source = "---
name: Our newsroom
kind: other
---

The team that keeps this timeline. Add one file like this for every agency,
broadcaster or official body your events cite: `dateline new source afp --name
\"Agence France-Presse\" --kind news-agency`.
"
    .to_owned();
    let explainer = "---
title: How this timeline works
kind: topic
---

Each event is a Markdown file in `content/events/`, named after its date. Its
front matter says when and where it happened and who reported it; its text cites
each claim with `[@source-id]`.

Sources live in `content/sources/`, one file each, and get a page listing every
claim they made. Explainers like this one give the background that many events
share; write `[[How this timeline works]]` in an event to link here.

Run `dateline check` to find mistakes and loose ends, and `dateline build` to
write the site to `public/`.
"
    .to_owned();
    let event = format!(
        "---
title: Timeline started
date: {today}
sources: [newsroom]
explainers: [how-this-timeline-works]
tags: [Newsroom]
---

The newsroom started this timeline [@newsroom]. Replace this event with the first
one of your story; [[How this timeline works]] explains the format.
"
    );
    vec![
        (PathBuf::from("dateline.toml"), config),
        (PathBuf::from(".gitignore"), "/public/\n".to_owned()),
        (PathBuf::from("content/sources/newsroom.md"), source),
        (
            PathBuf::from("content/explainers/how-this-timeline-works.md"),
            explainer,
        ),
        (
            PathBuf::from(format!("content/events/{year}/{today}-timeline-started.md")),
            event,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_removes_only_what_init_wrote() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let files = starter("Site", "2024-01-03");
        let written: Vec<PathBuf> = files.iter().take(3).map(|(rel, _)| dir.join(rel)).collect();
        for (path, (_, text)) in written.iter().zip(&files) {
            create_new(path, text).unwrap();
        }
        undo(&dir, false, &written);
        assert!(!dir.exists());

        std::fs::create_dir(&dir).unwrap();
        create_new(&written[2], "x").unwrap();
        undo(&dir, true, &written[2..]);
        assert!(dir.is_dir());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }

    #[test]
    fn titles_the_site_after_its_folder() {
        assert_eq!(
            title_from(Path::new("/x/kerman-timeline")),
            "Kerman timeline"
        );
        assert_eq!(title_from(Path::new("iran_2024")), "Iran 2024");
    }
}
