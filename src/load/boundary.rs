//! The site's boundary: what dateline may read and write.
//!
//! A site is its own folder. `content/`, `templates/` and `static/`, and every
//! symbolic link inside them, are followed only while they lead to a place inside
//! that folder: a `static/` that links to a home folder would otherwise publish its
//! `.ssh` keys. A link that is meant to lead elsewhere (content kept on a shared
//! drive, say) is listed by its path in the site under `follow_links_outside` in
//! `dateline.toml`; links inside a folder listed that way may lead anywhere inside
//! that folder's target too. Every command that reads or writes content asks the
//! same [`Boundary`]; nothing here opens a file.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, display_path};

/// Where the site's files may be: the site folder (but for its private parts), and
/// the targets of the links the site lists as allowed to lead outside it.
#[derive(Clone, Debug)]
pub struct Boundary {
    root: PathBuf,
    /// The site folder with every link resolved; `None` if it cannot be resolved,
    /// and then no link is followed.
    canonical_root: Option<PathBuf>,
    /// The listed links, relative to the site folder, with their resolved targets.
    listed: Vec<(PathBuf, Option<PathBuf>)>,
    /// The output folder, relative to the site folder: never a link's target.
    output_dir: PathBuf,
}

impl Boundary {
    /// The boundary of the site at `root` with its configuration: the links listed
    /// under `follow_links_outside` may lead outside it, and no link may lead to the
    /// output folder (`output_dir`).
    pub fn new(root: &Path, config: &crate::config::Config) -> Boundary {
        Boundary::with_links(root, &config.follow_links_outside, &config.output_dir)
    }

    /// [`Boundary::new`] from its parts: `outside` the site-relative paths of links
    /// allowed to lead outside the site, `output_dir` the output folder.
    pub fn with_links(root: &Path, outside: &[String], output_dir: &Path) -> Boundary {
        let listed = outside
            .iter()
            .map(|rel| {
                let rel = PathBuf::from(rel.trim_end_matches('/'));
                let target = root.join(&rel).canonicalize().ok();
                (rel, target)
            })
            .collect();
        let canonical_root = root.canonicalize().ok();
        let output_dir = match &canonical_root {
            Some(canonical) if output_dir.is_absolute() => output_dir
                .canonicalize()
                .ok()
                .and_then(|o| o.strip_prefix(canonical).ok().map(Path::to_owned))
                .unwrap_or_default(),
            _ => output_dir.to_owned(),
        };
        Boundary {
            root: root.to_owned(),
            canonical_root,
            listed,
            output_dir,
        }
    }

    /// Checks one of the site's folders (`content`, `templates`, `static`) before it
    /// is read: false, with an error, if it is a link that leads where the site may
    /// not read.
    pub fn check_folder(&self, folder: &str, errors: &mut Vec<Diagnostic>) -> bool {
        self.check_path(&self.root.join(folder), errors)
    }

    /// True unless `entry` of a walk is a link that leads where the site may not
    /// read, which is then reported into `errors` and not followed. The walked folder
    /// itself is checked by [`Boundary::check_folder`]. Broken links are left for the
    /// walk to report.
    pub fn inside(&self, entry: &walkdir::DirEntry, errors: &mut Vec<Diagnostic>) -> bool {
        if entry.depth() == 0 || !entry.path_is_symlink() {
            return true;
        }
        self.check_path(entry.path(), errors)
    }

    fn check_path(&self, path: &Path, errors: &mut Vec<Diagnostic>) -> bool {
        match self.refusal(path) {
            None => true,
            Some(error) => {
                errors.push(error);
                false
            }
        }
    }

    /// The error for `path` if it is a link that leads outside the site (and is not
    /// listed, nor inside a listed link's target), or to a private place: inside the
    /// site, the site folder itself or a folder above it, a hidden file or folder
    /// (`.git`, `.env`), an output folder (`output_dir`, or any folder a build wrote,
    /// known by its marker), `dateline.toml`, or — from `templates/` and `static/` —
    /// `content/`, drafts included; inside a listed target, a hidden file or folder
    /// there (`~/.ssh`). `None` for anything else, and for what does not resolve (the
    /// walk reports broken links).
    pub fn refusal(&self, path: &Path) -> Option<Diagnostic> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return None;
        }
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let target = path.canonicalize().ok()?;
        let inside = self
            .canonical_root
            .as_ref()
            .and_then(|root| target.strip_prefix(root).ok());
        if let Some(inside) = inside {
            return self
                .private(rel, inside)
                .map(|private| refused(rel, &private));
        }
        // Outside the site: only a listed link, or a link under one that stays in
        // its target, and never to a hidden place there.
        let Some(listed_target) = self.listed_target(rel, &target) else {
            let shown = display_path(rel);
            return Some(
                Diagnostic::file(
                    rel,
                    format!(
                        "symbolic link points outside the site, to {}",
                        target.display()
                    ),
                )
                .with_help(Some(format!(
                    "copy the files into the site instead; if the link is meant, list it in dateline.toml: follow_links_outside = [\"{shown}\"]"
                ))),
            );
        };
        let within = target.strip_prefix(listed_target).unwrap_or(&target);
        is_hidden(within).then(|| refused(rel, &format!("`{}`, which is hidden", target.display())))
    }

    /// The target of the listed link that `rel` is, or lies under, when `target` (a
    /// resolved path) stays inside that link's target; `None` otherwise.
    fn listed_target(&self, rel: &Path, target: &Path) -> Option<&PathBuf> {
        self.listed.iter().find_map(|(listed, listed_target)| {
            let listed_target = listed_target.as_ref()?;
            (rel.starts_with(listed) && target.starts_with(listed_target)).then_some(listed_target)
        })
    }

    /// What private place inside the site `inside` (a link's target, relative to the
    /// site folder) is, for a link at `rel`; `None` if it may be read.
    fn private(&self, rel: &Path, inside: &Path) -> Option<String> {
        let folder = rel.components().next().map(|c| c.as_os_str().to_owned());
        let output_dir: PathBuf = self
            .output_dir
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        if inside.as_os_str().is_empty() {
            Some("the site folder itself".to_owned())
        } else if is_hidden(inside) {
            Some(format!("`{}`, which is hidden", display_path(inside)))
        } else if (!output_dir.as_os_str().is_empty() && inside.starts_with(&output_dir))
            || self.in_an_output(inside)
        {
            Some(format!("`{}`, the output of a build", display_path(inside)))
        } else if inside == Path::new(crate::config::CONFIG_FILE) {
            Some(format!("`{}`", crate::config::CONFIG_FILE))
        } else if inside.starts_with("content") && folder.is_some_and(|f| f != "content") {
            Some(format!(
                "`{}`, the site's content, drafts included",
                display_path(inside)
            ))
        } else {
            None
        }
    }

    /// Whether `inside` (relative to the site folder) is in a folder a build wrote:
    /// one holding the output marker, whatever `--output` named it.
    fn in_an_output(&self, inside: &Path) -> bool {
        let Some(root) = &self.canonical_root else {
            return false;
        };
        inside
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| root.join(a).join(crate::write::MARKER).is_file())
    }

    /// Checks that a file about to be written at `path` (`dateline new`) stays inside
    /// the boundary: the nearest folder on its way that exists is resolved, links
    /// included, and must be inside the site, or inside the target of a listed link
    /// the path goes through.
    pub fn check_write(&self, path: &Path) -> Result<(), Diagnostic> {
        let mut existing = path.parent();
        while let Some(folder) = existing {
            if folder.exists() {
                break;
            }
            existing = folder.parent();
        }
        let Some(folder) = existing else {
            return Ok(());
        };
        let Ok(target) = folder.canonicalize() else {
            return Ok(());
        };
        let rel = folder.strip_prefix(&self.root).unwrap_or(folder);
        let in_root = self
            .canonical_root
            .as_ref()
            .is_some_and(|root| target.starts_with(root));
        if in_root || self.listed_target(rel, &target).is_some() {
            return Ok(());
        }
        Err(Diagnostic::file(
            rel,
            format!(
                "refusing to write here: this folder is a symbolic link to {}, outside the site",
                target.display()
            ),
        )
        .with_help(Some(format!(
            "if the link is meant, list it in dateline.toml: follow_links_outside = [\"{}\"]",
            display_path(rel)
        ))))
    }
}

/// Whether any part of `path` is hidden (starts with `.`).
fn is_hidden(path: &Path) -> bool {
    path.components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// The refusal of a link at `rel` that leads to the private place `private`.
fn refused(rel: &Path, private: &str) -> Diagnostic {
    Diagnostic::file(rel, format!("symbolic link leads to {private}")).with_help(Some(
        "link only to files meant for readers: the site folder, hidden files, content/, an output folder and dateline.toml are never published through a link",
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_folder_linked_outside_needs_to_be_listed() {
        let site = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(home.path(), site.path().join("static")).unwrap();
        let mut errors = Vec::new();
        assert!(
            !Boundary::with_links(site.path(), &[], Path::new("public"))
                .check_folder("static", &mut errors)
        );
        assert_eq!(
            errors[0].message,
            format!(
                "symbolic link points outside the site, to {}",
                home.path().canonicalize().unwrap().display()
            )
        );
        assert_eq!(
            errors[0].help.as_deref(),
            Some(
                "copy the files into the site instead; if the link is meant, list it in dateline.toml: follow_links_outside = [\"static\"]"
            )
        );
        let listed = Boundary::with_links(site.path(), &["static/".into()], Path::new("public"));
        let mut errors = Vec::new();
        assert!(listed.check_folder("static", &mut errors));
        assert!(errors.is_empty());
    }

    #[test]
    fn a_new_file_is_not_written_through_a_link_outside() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), site.path().join("content/events")).unwrap();
        let boundary = Boundary::with_links(site.path(), &[], Path::new("public"));
        let err = boundary
            .check_write(&site.path().join("content/events/2024/x.md"))
            .unwrap_err();
        assert_eq!(err.path, PathBuf::from("content/events"));
        assert!(
            boundary
                .check_write(&site.path().join("content/sources/x.md"))
                .is_ok()
        );
        assert!(
            Boundary::with_links(site.path(), &["content/events".into()], Path::new("public"))
                .check_write(&site.path().join("content/events/2024/x.md"))
                .is_ok()
        );
    }
}
