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

/// Where the site's files may be: the site folder, and the targets of the links the
/// site lists as allowed to lead outside it.
#[derive(Clone, Debug)]
pub struct Boundary {
    root: PathBuf,
    /// The site folder and the listed links' targets, with every link resolved.
    allowed: Vec<PathBuf>,
    /// The listed links, relative to the site folder.
    listed: Vec<PathBuf>,
}

impl Boundary {
    /// The boundary of the site at `root`, with `outside` the site-relative paths of
    /// links allowed to lead outside it (`follow_links_outside`, SPEC's "never
    /// publish what the editor did not mean to").
    pub fn new(root: &Path, outside: &[String]) -> Boundary {
        let listed: Vec<PathBuf> = outside
            .iter()
            .map(|rel| PathBuf::from(rel.trim_end_matches('/')))
            .collect();
        let allowed = std::iter::once(root.to_owned())
            .chain(listed.iter().map(|rel| root.join(rel)))
            .filter_map(|path| path.canonicalize().ok())
            .collect();
        Boundary {
            root: root.to_owned(),
            allowed,
            listed,
        }
    }

    /// Checks one of the site's folders (`content`, `templates`, `static`) before it
    /// is read: false, with an error, if it is a link that leads outside the site.
    pub fn check_folder(&self, folder: &str, errors: &mut Vec<Diagnostic>) -> bool {
        self.check_path(&self.root.join(folder), errors)
    }

    /// True unless `entry` of a walk is a link that leads outside the site, which is
    /// then reported into `errors` and not followed. The walked folder itself is
    /// checked by [`Boundary::check_folder`]. Broken links are left for the walk to
    /// report.
    pub fn inside(&self, entry: &walkdir::DirEntry, errors: &mut Vec<Diagnostic>) -> bool {
        if entry.depth() == 0 || !entry.path_is_symlink() {
            return true;
        }
        self.check_path(entry.path(), errors)
    }

    fn check_path(&self, path: &Path, errors: &mut Vec<Diagnostic>) -> bool {
        match self.outside(path) {
            None => true,
            Some(error) => {
                errors.push(error);
                false
            }
        }
    }

    /// The error for `path` if it is a link (or lies under links) leading outside the
    /// site and not listed; `None` for anything inside, missing or unresolvable.
    pub fn outside(&self, path: &Path) -> Option<Diagnostic> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        if (is_link && self.listed.iter().any(|listed| listed == rel)) || self.allowed.is_empty() {
            return None;
        }
        let target = path.canonicalize().ok()?;
        if self.allowed.iter().any(|a| target.starts_with(a)) {
            return None;
        }
        let shown = display_path(rel);
        Some(
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
        )
    }

    /// Checks that a file about to be written at `path` (`dateline new`) stays inside
    /// the boundary: every folder on its way that exists is resolved, links included.
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
        if self.allowed.is_empty() || self.allowed.iter().any(|a| target.starts_with(a)) {
            return Ok(());
        }
        let rel = folder.strip_prefix(&self.root).unwrap_or(folder);
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_folder_linked_outside_needs_to_be_listed() {
        let site = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(home.path(), site.path().join("static")).unwrap();
        let mut errors = Vec::new();
        assert!(!Boundary::new(site.path(), &[]).check_folder("static", &mut errors));
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
        let listed = Boundary::new(site.path(), &["static/".into()]);
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
        let boundary = Boundary::new(site.path(), &[]);
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
            Boundary::new(site.path(), &["content/events".into()])
                .check_write(&site.path().join("content/events/2024/x.md"))
                .is_ok()
        );
    }
}
