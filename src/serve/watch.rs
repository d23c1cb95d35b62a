//! Watching the site's sources: `content/`, `templates/`, `static/` and
//! `dateline.toml`, and nothing else (not the output folder, not `.git`).
//!
//! The watcher only forwards paths that matter; the rebuild loop waits for a quiet
//! moment before building, so an editor's save (write a temporary file, rename it
//! over the original) or a `git checkout` of many files is one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;

/// The folders watched recursively.
pub const FOLDERS: [&str; 3] = ["content", "templates", "static"];

pub struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    watched: [bool; 3],
}

impl Watcher {
    /// Starts watching `root` (absolute); relevant changed paths are sent to `changes`.
    pub fn new(root: PathBuf, changes: Sender<PathBuf>) -> notify::Result<Watcher> {
        let filter_root = root.clone();
        let mut inner =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else {
                    return;
                };
                if !is_change(&event.kind) {
                    return;
                }
                for path in event.paths {
                    if relevant(&filter_root, &path) {
                        let _ = changes.send(path);
                    }
                }
            })?;
        // The root itself, not recursively: `dateline.toml`, and the watched folders
        // appearing or disappearing.
        inner.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root,
            inner,
            watched: [false; 3],
        };
        watcher.refresh(&[]);
        Ok(watcher)
    }

    /// Watches the folders that exist now. A folder that was replaced (named in
    /// `changed`: removed and made again by a `git checkout`, say) is watched anew.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        for (i, name) in FOLDERS.iter().enumerate() {
            let folder = self.root.join(name);
            if self.watched[i] && changed.contains(&folder) {
                let _ = self.inner.unwatch(&folder);
                self.watched[i] = false;
            }
            if !self.watched[i] && folder.is_dir() {
                self.watched[i] = self.inner.watch(&folder, RecursiveMode::Recursive).is_ok();
            }
        }
    }
}

/// Writes, creations, removals and renames; not reads, which the build itself does.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// A path whose change can change the site: under a watched folder or the
/// configuration, and not an editor's swap, backup or temporary file.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = rest.components();
    let Some(first) = components.next() else {
        return false;
    };
    let first = first.as_os_str();
    let watched = if first == CONFIG_FILE {
        components.next().is_none()
    } else {
        FOLDERS.iter().any(|folder| first == *folder)
    };
    watched
        && !path
            .file_name()
            .is_some_and(|name| is_scratch(&name.to_string_lossy()))
}

/// Files editors write beside the one being edited.
fn is_scratch(name: &str) -> bool {
    name.starts_with(".#") // Emacs lock
        || (name.starts_with('#') && name.ends_with('#')) // Emacs auto-save
        || name.ends_with('~') // Emacs, gedit and vim backups
        || [".swp", ".swo", ".swx", ".tmp", ".kate-swp", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "4913" // vim checks it may write the folder
        || name.starts_with(".goutputstream-") // GNOME
        || name.contains("___jb_") // JetBrains safe write
        || name == ".DS_Store"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/site");
        for path in [
            "/site/dateline.toml",
            "/site/content/events/2024/x.md",
            "/site/templates/base.html",
            "/site/static/style.css",
            "/site/content",
        ] {
            assert!(relevant(root, Path::new(path)), "{path}");
        }
        for path in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/README.md",
            "/elsewhere/content/x.md",
            "/site/dateline.toml/x",
            "/site/content/events/.x.md.swp",
            "/site/content/events/x.md~",
            "/site/content/events/.#x.md",
            "/site/content/events/#x.md#",
            "/site/content/events/4913",
            "/site/content/events/x.md___jb_tmp___",
            "/site/static/.goutputstream-ABC123",
        ] {
            assert!(!relevant(root, Path::new(path)), "{path}");
        }
    }
}
