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
use crate::load::is_editor_scratch;

/// The folders watched recursively: content, the theme and its translation tables.
pub const FOLDERS: [&str; 4] = ["content", "templates", "static", "i18n"];

/// Watches a site's sources until dropped, sending each changed path that matters
/// (absolute) down a channel, or the root itself when events were lost and
/// everything must be read again.
pub struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    watched: [bool; FOLDERS.len()],
}

impl Watcher {
    /// Starts watching `root` (absolute); relevant changed paths are sent to `changes`.
    pub fn new(root: PathBuf, changes: Sender<PathBuf>) -> notify::Result<Watcher> {
        let filter_root = root.clone();
        let mut inner = notify::recommended_watcher(move |event| {
            forward(&filter_root, &changes, event);
        })?;
        // The root itself, not recursively: `dateline.toml`, and the watched folders
        // appearing or disappearing.
        inner.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root,
            inner,
            watched: [false; FOLDERS.len()],
        };
        watcher.refresh(&[]);
        Ok(watcher)
    }

    /// Watches the folders that exist now. A folder that was replaced (named in
    /// `changed`: removed and made again by a `git checkout`, say) is watched anew;
    /// the root among `changed` (the watcher lost track) renews every watch.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        let all = changed.contains(&self.root);
        for (i, name) in FOLDERS.iter().enumerate() {
            let folder = self.root.join(name);
            if self.watched[i] && (all || changed.contains(&folder)) {
                let _ = self.inner.unwatch(&folder);
                self.watched[i] = false;
            }
            if !self.watched[i] && folder.is_dir() {
                match self.inner.watch(&folder, RecursiveMode::Recursive) {
                    Ok(()) => self.watched[i] = true,
                    Err(e) => warnln!(
                        "warning: cannot watch {name}/: {e}; its changes will not be seen\n  = help: on Linux, raise the limit with `sysctl fs.inotify.max_user_watches=524288`, then restart"
                    ),
                }
            }
        }
    }
}

/// Sends the paths of `event` that matter. When the watcher lost track (an error, or
/// the kernel's event queue overflowed during a large checkout) it sends the root,
/// so everything is rebuilt rather than a change missed.
fn forward(root: &Path, changes: &Sender<PathBuf>, event: notify::Result<notify::Event>) {
    let event = match event {
        Ok(event) if !event.need_rescan() => event,
        _ => {
            let _ = changes.send(root.to_owned());
            return;
        }
    };
    if is_change(&event.kind) {
        for path in event.paths {
            if relevant(root, &path) {
                let _ = changes.send(path);
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
            .is_some_and(|name| is_editor_scratch(&name.to_string_lossy()))
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
