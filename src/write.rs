//! Stage 4, write: the only stage that touches the output folder.
//!
//! The site is written to a temporary folder beside the output and put in place only
//! once every file is written, so a failed build never leaves a half-written site.
//! Where the platform allows (Linux's `renameat2(RENAME_EXCHANGE)`), the new folder
//! and the old one trade places in one step; elsewhere the old folder is moved aside
//! first, and a build interrupted between the two moves is undone by the next build
//! before it does anything else. A kill at any moment leaves the output either old
//! or new, or — only in that second case — restorable.
//!
//! Nothing is ever deleted that dateline did not write. The marker file
//! ([`MARKER`]) lists every file the build wrote, and a folder is replaced only if it
//! holds nothing else: a marker copied along with a site into a deploy checkout does
//! not make that checkout ours. A `.git` at the top of the output is never deleted; it
//! is carried over into each new output, so a deploy checkout can be the output.
//! Builds into one folder take turns: each holds a lock for its whole write, and
//! only the holder cleans what an interrupted build left.
//!
//! A file whose bytes are the same as in the previous build is not written again: it
//! is hard-linked from the previous output into the new folder, so a rebuild with
//! nothing changed writes no file, and unchanged files keep their modification time
//! (what rsync, caches and deploy tools compare).
//!
//! Every change to the disk goes through [`Fs`], so tests can fail any one of them.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::render::Output;

/// Written into every output folder: the list of files the build wrote there.
pub const MARKER: &str = ".dateline-output";
const MARKER_HEADER: &str = "# Written by `dateline build`, which replaces this folder on every build.\n\
# It is replaced only while it holds nothing but the files listed here.\n";
/// The last line of a complete list; a staging folder's marker says `# partial`.
const MARKER_END: &str = "# end";
const MARKER_PARTIAL: &str = "# partial";
/// The only entry of an output folder that is never deleted and always kept.
const GIT: &str = ".git";

/// The changes a build makes to the disk. [`Disk`] makes them; tests put a faulty
/// filesystem in its place to check that every failure leaves the output whole.
pub trait Fs: Send + Sync {
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Swaps two existing paths in one step; `Unsupported` where the platform or the
    /// filesystem cannot.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    fn remove_dir(&self, path: &Path) -> io::Result<()>;
    /// Whether `dir` is on another filesystem than its parent (a mount point, such as
    /// a container or CI volume), which cannot be renamed.
    fn is_mount_point(&self, dir: &Path) -> bool;
}

/// The real filesystem.
pub struct Disk;

impl Fs for Disk {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir_all(path)
    }
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::hard_link(from, to)
    }
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::copy(from, to).map(drop)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    #[cfg(target_os = "linux")]
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|e| {
            // EINVAL: a filesystem without the flag (some network and FUSE ones).
            if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS {
                io::Error::from(io::ErrorKind::Unsupported)
            } else {
                io::Error::from(e)
            }
        })
    }
    #[cfg(not(target_os = "linux"))]
    fn exchange(&self, _a: &Path, _b: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }
    fn remove_dir(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_dir(path)
    }
    #[cfg(unix)]
    fn is_mount_point(&self, dir: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let parent = dir.parent().unwrap_or(dir);
        match (std::fs::metadata(dir), std::fs::metadata(parent)) {
            (Ok(a), Ok(b)) => a.dev() != b.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    fn is_mount_point(&self, _dir: &Path) -> bool {
        false
    }
}

/// Refuses output folders whose replacement would destroy something dateline did not
/// write: the site root, its source folders, any folder above them, a file, or a
/// folder holding anything the last build's marker does not list (`force` allows the
/// last; a `.git` is kept either way). `check` asks this without `force`.
pub fn check_output_dir(root: &Path, output: &Path) -> anyhow::Result<()> {
    let output = check_protected(root, output)?;
    check_owned(&output, false)
}

/// The protected folders: the site, its sources and everything above them.
fn check_protected(root: &Path, output: &Path) -> anyhow::Result<PathBuf> {
    let root = absolute(root)?;
    let output = absolute(output)?;
    for protected in ["", "content", "templates", "static"] {
        let protected_path = if protected.is_empty() {
            root.clone()
        } else {
            root.join(protected)
        };
        let name = if protected.is_empty() {
            "the site folder".to_owned()
        } else {
            format!("{protected}/")
        };
        if protected_path.starts_with(&output) {
            bail!(
                "refusing to write the site to {}: it would replace {name}\n  = help: choose an output folder of its own, like `public`",
                output.display()
            );
        }
        if !protected.is_empty() && output.starts_with(&protected_path) {
            bail!(
                "refusing to write the site to {}: it is inside {name}\n  = help: choose an output folder outside the site's sources, like `public`",
                output.display()
            );
        }
    }
    Ok(output)
}

/// Whether `output` holds only what the last build wrote (and a `.git`).
fn check_owned(output: &Path, force: bool) -> anyhow::Result<()> {
    match owned_list(output, force)? {
        Some(listed) => refuse_foreign(output, Depth::All, &listed),
        None => Ok(()),
    }
}

/// The files the last build into `output` listed, to compare with what is there;
/// `None` when there is nothing to compare (no folder yet, or `force`).
///
/// # Errors
/// `output` is a file, or its marker does not list the files a build wrote.
fn owned_list(output: &Path, force: bool) -> anyhow::Result<Option<HashSet<String>>> {
    let meta = match std::fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", output.display())),
    };
    if !meta.is_dir() {
        bail!(
            "cannot write the site to {}: it is a file\n  = help: choose another output folder",
            output.display()
        );
    }
    if force {
        return Ok(None);
    }
    match Manifest::read(output) {
        Manifest::Complete(listed) => Ok(Some(listed)),
        Manifest::Absent => Ok(Some(HashSet::new())),
        Manifest::Partial | Manifest::Unknown => {
            bail!(
                "refusing to replace {}: its `{MARKER}` does not list the files a build wrote (it was not written by this version of dateline, or was edited)\n  = help: delete the folder if it holds nothing you need, or pass --force to replace it (a .git folder is kept)",
                output.display()
            );
        }
    }
}

/// How far [`foreign_entries`] looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// The folder's own entries: where a deploy checkout keeps its notes and `.git`.
    Top,
    /// Everything below it.
    All,
}

/// Fails naming the first entry of `output` that `listed` does not account for.
fn refuse_foreign(output: &Path, depth: Depth, listed: &HashSet<String>) -> anyhow::Result<()> {
    let foreign = foreign_entries(output, depth, listed)
        .with_context(|| format!("cannot read `{}`", output.display()))?;
    if let Some(first) = foreign.first() {
        let others = match foreign.len() - 1 {
            0 => String::new(),
            1 => " and 1 other entry".to_owned(),
            n => format!(" and {n} other entries"),
        };
        bail!(
            "refusing to replace {}: it holds `{first}`{others}, which dateline did not write\n  = help: move {} elsewhere, choose another output folder, or pass --force to replace the folder anyway (a .git folder is always kept)",
            output.display(),
            if foreign.len() == 1 { "it" } else { "them" },
        );
    }
    Ok(())
}

/// What a folder's marker says about it.
enum Manifest {
    /// No marker.
    Absent,
    /// The files a finished build wrote, relative with `/`.
    Complete(HashSet<String>),
    /// A staging folder, still being written.
    Partial,
    /// A marker that is not ours in this form: from an earlier version, edited, cut
    /// short, or not a regular file.
    Unknown,
}

impl Manifest {
    fn read(dir: &Path) -> Manifest {
        let path = dir.join(MARKER);
        match std::fs::symlink_metadata(&path) {
            Err(_) => return Manifest::Absent,
            // Never open anything but a regular file: a FIFO would block the build.
            Ok(meta) if !meta.is_file() => return Manifest::Unknown,
            Ok(_) => {}
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Manifest::Unknown;
        };
        if !text.starts_with(MARKER_HEADER) {
            return Manifest::Unknown;
        }
        let body = &text[MARKER_HEADER.len()..];
        if body.trim_end() == MARKER_PARTIAL {
            return Manifest::Partial;
        }
        let mut lines: Vec<&str> = body.lines().collect();
        if lines.pop() != Some(MARKER_END) {
            return Manifest::Unknown;
        }
        Manifest::Complete(lines.into_iter().map(unescape).collect())
    }

    /// The marker text listing `paths`.
    fn text(paths: &[String]) -> String {
        let mut text = String::with_capacity(MARKER_HEADER.len() + paths.len() * 40);
        text.push_str(MARKER_HEADER);
        for path in paths {
            text.push_str(&escape(path));
            text.push('\n');
        }
        text.push_str(MARKER_END);
        text.push('\n');
        text
    }
}

/// One path per line: line breaks and `%` in a file name are percent-encoded.
fn escape(path: &str) -> String {
    if !path.contains(['%', '\n', '\r']) {
        return path.to_owned();
    }
    path.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(line: &str) -> String {
    if !line.contains('%') {
        return line.to_owned();
    }
    line.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// Entries of `output` that `listed` does not account for, as `/`-separated paths in
/// name order: files not listed, folders holding no listed file, and anything that
/// is neither a file nor a folder. The marker and a top-level `.git` are accounted
/// for. File types come from the folder listings, so no entry is read on its own.
fn foreign_entries(
    output: &Path,
    depth: Depth,
    listed: &HashSet<String>,
) -> io::Result<Vec<String>> {
    let mut folders: HashSet<&str> = HashSet::new();
    for path in listed {
        let mut rest = path.as_str();
        while let Some(at) = rest.rfind('/') {
            rest = &rest[..at];
            if !folders.insert(rest) {
                break;
            }
        }
    }
    let mut foreign = Vec::new();
    for entry in sorted_entries(output)? {
        let name = entry.file_name();
        if name == MARKER || name == GIT {
            continue;
        }
        let rel = name.to_string_lossy();
        foreign_below(&entry, &rel, depth, listed, &folders, &mut foreign)?;
    }
    Ok(foreign)
}

fn foreign_below(
    entry: &std::fs::DirEntry,
    rel: &str,
    depth: Depth,
    listed: &HashSet<String>,
    folders: &HashSet<&str>,
    foreign: &mut Vec<String>,
) -> io::Result<()> {
    let file_type = entry.file_type()?;
    if file_type.is_file() {
        if !listed.contains(rel) {
            foreign.push(rel.to_owned());
        }
        return Ok(());
    }
    if !file_type.is_dir() || !folders.contains(rel) {
        foreign.push(if file_type.is_dir() {
            format!("{rel}/")
        } else {
            rel.to_owned()
        });
        return Ok(());
    }
    if depth == Depth::Top {
        return Ok(());
    }
    for child in sorted_entries(&entry.path())? {
        let child_rel = format!("{rel}/{}", child.file_name().to_string_lossy());
        foreign_below(&child, &child_rel, depth, listed, folders, foreign)?;
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<std::fs::DirEntry>> {
    let mut entries = read_entries(dir)?;
    entries.sort_by_key(|e| e.file_name());
    Ok(entries)
}

/// Writes `outputs` into `output`, replacing what was there, all or nothing: the
/// staging steps in one call, for tests (the build streams pages into [`Staging`]).
#[cfg(test)]
pub fn write(outputs: &[Output], root: &Path, output: &Path) -> anyhow::Result<()> {
    write_with(Arc::new(Disk), outputs, root, output, false).map(drop)
}

#[cfg(test)]
fn write_with(
    fs: Arc<dyn Fs>,
    outputs: &[Output],
    root: &Path,
    output: &Path,
    force: bool,
) -> anyhow::Result<Vec<String>> {
    let staging = Staging::with_fs(fs, root, output, force, &|_| {})?;
    let paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    staging.prepare_folders(&paths)?;
    outputs
        .par_iter()
        .try_for_each(|output| staging.write_file(&output.path, &output.bytes))?;
    staging.commit()
}

/// A build's temporary output folder, beside the real one. Files go in as they are
/// rendered; [`Staging::commit`] puts the folder in place. Dropped without a commit
/// (the build failed), it is removed and the previous output stays as it was. It
/// holds the output's lock from [`Staging::new`] until it is committed or dropped.
pub struct Staging {
    fs: Arc<dyn Fs>,
    temp: PathBuf,
    output: PathBuf,
    /// The output of the previous build, whose unchanged files are linked, not written.
    previous: Option<PathBuf>,
    /// Every file put in, for the marker.
    written: Mutex<Vec<String>>,
    /// The check that the output holds nothing dateline did not write, below its
    /// own entries: running while pages render, awaited before the swap.
    below: Mutex<Option<std::thread::JoinHandle<anyhow::Result<()>>>>,
    /// The output is a mount point: its contents are replaced, not the folder.
    in_place: bool,
    committed: bool,
    _lock: Lock,
}

impl Staging {
    /// Takes the output's lock (waiting for another build to finish, after calling
    /// `waiting`), undoes what an interrupted build left, checks that `output` may be
    /// replaced (`force`: even if it holds files dateline did not write) and makes
    /// the temporary folder.
    ///
    /// # Errors
    /// A protected or foreign output folder, or any I/O failure, with its path.
    pub fn new(
        root: &Path,
        output: &Path,
        force: bool,
        waiting: &dyn Fn(&Path),
    ) -> anyhow::Result<Staging> {
        Staging::with_fs(Arc::new(Disk), root, output, force, waiting)
    }

    fn with_fs(
        fs: Arc<dyn Fs>,
        root: &Path,
        output: &Path,
        force: bool,
        waiting: &dyn Fn(&Path),
    ) -> anyhow::Result<Staging> {
        let output = check_protected(root, output)?;
        let parent = output.parent().context("the output folder has no parent")?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .context("the output folder has no name")?;
        fs.create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        let lock = Lock::take(parent, &name, &output, waiting)?;
        recover(fs.as_ref(), parent, &name, &output)?;
        // The folder's own entries now, so the usual refusal (a deploy checkout's
        // notes) comes before any rendering; everything below them on a thread of
        // its own while pages render — reading ten thousand folders is a tenth of a
        // build — and awaited before anything is put in place.
        let listed = owned_list(&output, force)?;
        let previous = listed
            .as_ref()
            .is_some_and(|l| !l.is_empty())
            .then(|| output.clone());
        let below = match listed {
            Some(listed) => {
                refuse_foreign(&output, Depth::Top, &listed)?;
                let output = output.clone();
                Some(std::thread::spawn(move || {
                    refuse_foreign(&output, Depth::All, &listed)
                }))
            }
            None => None,
        };
        let temp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        fs.create_dir_all(&temp)
            .with_context(|| format!("failed to create `{}`", temp.display()))?;
        let staging = Staging {
            previous,
            below: Mutex::new(below),
            in_place: output.is_dir() && fs.is_mount_point(&output),
            temp,
            output,
            written: Mutex::new(Vec::new()),
            committed: false,
            fs,
            _lock: lock,
        };
        // The marker goes first, so a folder left by an interrupted build is known as ours.
        let partial = format!("{MARKER_HEADER}{MARKER_PARTIAL}\n");
        staging
            .fs
            .write(&staging.temp.join(MARKER), partial.as_bytes())
            .context("failed to write the output marker")?;
        Ok(staging)
    }

    /// Makes every folder the files at `paths` need, once each.
    pub fn prepare_folders(&self, paths: &[&str]) -> anyhow::Result<()> {
        let mut folders: Vec<&str> = paths
            .iter()
            .filter_map(|path| Some(&path[..path.rfind('/')?]))
            .collect();
        folders.sort_unstable();
        folders.dedup();
        // In parallel: `create_dir_all` makes a parent another thread has not made
        // yet, and takes one that thread made meanwhile as made.
        folders.par_iter().try_for_each(|folder| {
            let path = self.temp.join(folder);
            self.fs
                .create_dir_all(&path)
                .with_context(|| format!("failed to create `{}`", path.display()))
        })
    }

    /// Puts one file in, linking the previous build's copy when the bytes are equal.
    pub fn write_file(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if path == MARKER || path == GIT || path.starts_with(".git/") {
            bail!("`{path}` is a name dateline keeps for itself in the output folder");
        }
        let target = self.temp.join(path);
        let linked = self.previous.as_ref().is_some_and(|previous| {
            let old = previous.join(path);
            same_bytes(&old, bytes) && self.fs.hard_link(&old, &target).is_ok()
        });
        if !linked {
            self.fs
                .write(&target, bytes)
                .with_context(|| format!("failed to write `{}`", target.display()))?;
        }
        self.written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(path.to_owned());
        Ok(())
    }

    /// Puts the finished folder in place, and returns warnings about what could not
    /// be cleaned up afterwards (the new site is in place all the same).
    ///
    /// # Errors
    /// The new site could not be put in place; the previous output is then as it was.
    pub fn commit(mut self) -> anyhow::Result<Vec<String>> {
        self.committed = true;
        let result = self.put_in_place();
        if result.is_err() {
            discard(self.fs.as_ref(), &self.temp, &self.output);
        }
        result
    }

    fn put_in_place(&self) -> anyhow::Result<Vec<String>> {
        let fs = self.fs.as_ref();
        let below = self.below.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(below) = below {
            below
                .join()
                .map_err(|_| anyhow::anyhow!("the check of the output folder failed"))??;
        }
        let mut written = std::mem::take(
            &mut *self
                .written
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        written.sort_unstable();
        self.finish_marker(&Manifest::text(&written))?;
        if self.in_place {
            return replace_contents(fs, &self.temp, &self.output, &written);
        }
        if !self.output.exists() {
            fs.rename(&self.temp, &self.output).with_context(|| {
                format!("failed to move the site into `{}`", self.output.display())
            })?;
            return Ok(Vec::new());
        }
        carry_git(fs, &self.output, &self.temp)?;
        match fs.exchange(&self.temp, &self.output) {
            // The temporary name now holds the previous site.
            Ok(()) => Ok(remove_old(fs, &self.temp)),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => self.move_aside_and_in(),
            Err(e) if is_busy(&e) => replace_contents(fs, &self.temp, &self.output, &written),
            Err(e) => Err(e).with_context(|| {
                format!("failed to move the site into `{}`", self.output.display())
            }),
        }
    }

    /// Replaces the staging marker with the list of files, linked from the previous
    /// output when the list is the same (a rebuild with nothing changed writes no
    /// file), and renamed over the partial one so the folder is never without one.
    fn finish_marker(&self, text: &str) -> anyhow::Result<()> {
        let fs = self.fs.as_ref();
        let (marker, next) = (
            self.temp.join(MARKER),
            self.temp.join(".dateline-output.next"),
        );
        let linked = self.previous.as_ref().is_some_and(|previous| {
            let old = previous.join(MARKER);
            same_bytes(&old, text.as_bytes()) && fs.hard_link(&old, &next).is_ok()
        });
        if !linked {
            fs.write(&next, text.as_bytes())
                .with_context(|| format!("failed to write `{}`", next.display()))?;
        }
        fs.rename(&next, &marker)
            .with_context(|| format!("failed to write `{}`", marker.display()))
    }

    /// Two renames where an exchange is not possible: the old folder aside, the new
    /// one in. Interrupted between the two, the next build puts the old one back.
    fn move_aside_and_in(&self) -> anyhow::Result<Vec<String>> {
        let fs = self.fs.as_ref();
        let name = self
            .output
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let old = self
            .output
            .with_file_name(format!(".{name}.old-{}", std::process::id()));
        if let Err(e) = fs.rename(&self.output, &old) {
            if is_busy(&e) {
                let written = Manifest::read(&self.temp);
                let Manifest::Complete(written) = written else {
                    bail!("the new site's marker could not be read back");
                };
                let mut written: Vec<String> = written.into_iter().collect();
                written.sort_unstable();
                return replace_contents(fs, &self.temp, &self.output, &written);
            }
            return Err(e)
                .with_context(|| format!("failed to move `{}` aside", self.output.display()));
        }
        if let Err(e) = fs.rename(&self.temp, &self.output) {
            if fs.rename(&old, &self.output).is_ok() {
                // Back as it was, `.git` included.
                let _ = carry_git(fs, &self.temp, &self.output);
            }
            return Err(e).with_context(|| {
                format!("failed to move the site into `{}`", self.output.display())
            });
        }
        Ok(remove_old(fs, &old))
    }
}

impl crate::render::Sink for Staging {
    fn prepare(&self, paths: &[&str]) -> anyhow::Result<()> {
        self.prepare_folders(paths)
    }

    fn put(&self, output: Output) -> anyhow::Result<()> {
        self.write_file(&output.path, &output.bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            discard(self.fs.as_ref(), &self.temp, &self.output);
        }
    }
}

/// `EBUSY` (Linux, a mount point) or `EXDEV`: the folder itself cannot be moved.
fn is_busy(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::ResourceBusy || e.kind() == io::ErrorKind::CrossesDevices
}

/// Moves `from/.git` to `to/.git`, if there is one and `to` has none.
fn carry_git(fs: &dyn Fs, from: &Path, to: &Path) -> anyhow::Result<()> {
    let git = from.join(GIT);
    if std::fs::symlink_metadata(&git).is_err() || std::fs::symlink_metadata(to.join(GIT)).is_ok() {
        return Ok(());
    }
    fs.rename(&git, &to.join(GIT))
        .with_context(|| format!("failed to move `{}` into the new site", git.display()))
}

/// Removes the previous site after the new one is in place. A failure is a warning:
/// the new site is there, and the next build removes what is left.
fn remove_old(fs: &dyn Fs, old: &Path) -> Vec<String> {
    match remove_tree(fs, old) {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!(
            "the new site is in place, but the previous one could not be removed from `{}`: {e}; the next build tries again",
            old.display()
        )],
    }
}

/// Removes a staging or previous folder of ours, moving a `.git` in it back to the
/// output first. Failures are left for the next build's cleanup.
fn discard(fs: &dyn Fs, dir: &Path, output: &Path) {
    if output.is_dir() {
        let _ = carry_git(fs, dir, output);
    }
    let _ = remove_tree(fs, dir);
}

/// Replaces the contents of `output` (a mount point, which cannot be renamed) with
/// those of `temp`, file by file. The marker first lists the old and the new files
/// together, so an interrupted replacement leaves a folder the next build knows as
/// its own and replaces again.
fn replace_contents(
    fs: &dyn Fs,
    temp: &Path,
    output: &Path,
    written: &[String],
) -> anyhow::Result<Vec<String>> {
    // A `.git` moved aside for a swap that turned out impossible goes back first.
    carry_git(fs, temp, output)?;
    let mut both: Vec<String> = match Manifest::read(output) {
        Manifest::Complete(old) => old.into_iter().collect(),
        _ => Vec::new(),
    };
    both.extend(written.iter().cloned());
    both.sort_unstable();
    both.dedup();
    let marker = output.join(MARKER);
    fs.write(&marker, Manifest::text(&both).as_bytes())
        .with_context(|| format!("failed to write `{}`", marker.display()))?;
    for entry in read_entries(output)? {
        let name = entry.file_name();
        if name == MARKER || name == GIT {
            continue;
        }
        remove_entry(fs, &entry.path())
            .with_context(|| format!("failed to remove `{}`", entry.path().display()))?;
    }
    for entry in read_entries(temp)? {
        let name = entry.file_name();
        if name == MARKER || name == GIT {
            continue;
        }
        let to = output.join(&name);
        move_across(fs, &entry.path(), &to)
            .with_context(|| format!("failed to move the site into `{}`", to.display()))?;
    }
    fs.write(&marker, Manifest::text(written).as_bytes())
        .with_context(|| format!("failed to write `{}`", marker.display()))?;
    Ok(remove_old(fs, temp))
}

/// A rename, or a copy then a removal where the rename crosses filesystems.
fn move_across(fs: &dyn Fs, from: &Path, to: &Path) -> io::Result<()> {
    match fs.rename(from, to) {
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {}
        other => return other,
    }
    copy_tree(fs, from, to)?;
    remove_entry(fs, from)
}

fn copy_tree(fs: &dyn Fs, from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(from)?.is_dir() {
        fs.create_dir_all(to)?;
        for entry in read_entries(from)? {
            copy_tree(fs, &entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs.copy(from, to)
    }
}

fn read_entries(dir: &Path) -> io::Result<Vec<std::fs::DirEntry>> {
    std::fs::read_dir(dir)?.collect()
}

/// Whether the file at `path` holds exactly `bytes` (the length is compared first).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Undoes what interrupted builds left beside `output` (`.public.partial-123`,
/// `.public.old-123`). Called with the lock held, so no other build is writing them.
/// If the output is missing and a previous site was set aside, it is put back first;
/// then every leftover that is ours (named as this module names them, and marked or
/// empty) is removed, any `.git` in it moved back into the output.
fn recover(fs: &dyn Fs, parent: &Path, name: &str, output: &Path) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        for (kind, is_old) in [(".partial-", false), (".old-", true)] {
            let ours = file_name
                .strip_prefix(&format!(".{name}{kind}"))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
            if ours {
                leftovers.push((entry.path(), is_old));
            }
        }
    }
    leftovers.sort();
    if !output.exists() {
        let set_aside = leftovers.iter().position(|(path, is_old)| {
            *is_old && matches!(Manifest::read(path), Manifest::Complete(_))
        });
        if let Some(at) = set_aside {
            let (old, _) = leftovers.remove(at);
            fs.rename(&old, output).with_context(|| {
                format!(
                    "failed to restore the previous site from `{}`, which an interrupted build set aside",
                    old.display()
                )
            })?;
        }
    }
    for (path, _) in leftovers {
        let marked = !matches!(Manifest::read(&path), Manifest::Absent);
        if marked {
            discard(fs, &path, output);
        } else {
            // Made, but killed before its marker was written: empty if ours.
            let _ = fs.remove_dir(&path);
        }
    }
    Ok(())
}

/// Removes a folder of ours: every entry but a top-level `.git` (which is never
/// deleted; the folder then stays), the top-level entries in parallel, and the marker
/// last, so a removal cut short leaves a folder still known as ours.
fn remove_tree(fs: &dyn Fs, dir: &Path) -> io::Result<()> {
    let entries = read_entries(dir)?;
    entries.par_iter().try_for_each(|entry| {
        let name = entry.file_name();
        if name == MARKER || name == GIT {
            return Ok(());
        }
        remove_known(fs, &entry.path(), entry.file_type()?.is_dir())
    })?;
    if std::fs::symlink_metadata(dir.join(GIT)).is_ok() {
        return Err(io::Error::other(format!(
            "it holds a .git folder, which dateline never deletes; move it into `{}`'s place by hand",
            dir.display()
        )));
    }
    match fs.remove_file(&dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs.remove_dir(dir)
}

/// Removes a file, a link (not what it points to) or a whole folder — but never a
/// `.git` folder, wherever it is: that is an error, and the folders above it stay.
fn remove_entry(fs: &dyn Fs, path: &Path) -> io::Result<()> {
    let is_dir = std::fs::symlink_metadata(path)?.is_dir();
    remove_known(fs, path, is_dir)
}

/// [`remove_entry`] for a path whose type the folder listing gave, so that removing
/// a site's thousands of files reads none of them on its own.
fn remove_known(fs: &dyn Fs, path: &Path, is_dir: bool) -> io::Result<()> {
    if !is_dir {
        return fs.remove_file(path);
    }
    if path.file_name().is_some_and(|name| name == GIT) {
        return Err(io::Error::other(format!(
            "`{}` is a .git folder, which dateline never deletes",
            path.display()
        )));
    }
    for entry in read_entries(path)? {
        remove_known(fs, &entry.path(), entry.file_type()?.is_dir())?;
    }
    fs.remove_dir(path)
}

/// The output's lock, held by one build at a time and released when dropped (or
/// when the process ends, however it ends). On Unix it is an advisory lock on the
/// output's parent folder, so no lock file is left in the site; elsewhere a
/// `.{name}.lock` file beside the output.
struct Lock {
    _file: std::fs::File,
}

impl Lock {
    fn take(
        parent: &Path,
        name: &str,
        output: &Path,
        waiting: &dyn Fn(&Path),
    ) -> anyhow::Result<Lock> {
        #[cfg(unix)]
        let (file, path) = {
            let _ = name;
            (std::fs::File::open(parent), parent.to_owned())
        };
        #[cfg(not(unix))]
        let (file, path) = {
            let path = parent.join(format!(".{name}.lock"));
            (
                std::fs::OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&path),
                path,
            )
        };
        let file = file.with_context(|| format!("cannot open `{}` to lock it", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting(output);
                file.lock()
                    .with_context(|| format!("cannot lock `{}`", path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock `{}`", path.display()));
            }
        }
        Ok(Lock { _file: file })
    }
}

/// An absolute path with `.` and `..` resolved, following symlinks where the path
/// exists, so `public/..` and a symlink to the site root are both seen for what they are.
pub fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    let path =
        std::path::absolute(path).with_context(|| format!("invalid path `{}`", path.display()))?;
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Canonicalize the longest existing prefix; keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_owned()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_owned();
            }
            _ => return Ok(clean),
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.into_iter().rev());
    Ok(resolved)
}

/// Puts back a previous site that a build interrupted between its two moves set
/// aside, and removes what interrupted builds left, without building: a build that
/// fails on its content still leaves the output as the last good build made it.
///
/// # Errors
/// The lock or the restoring rename failed.
pub fn recover_output(root: &Path, output: &Path, waiting: &dyn Fn(&Path)) -> anyhow::Result<()> {
    let output = check_protected(root, output)?;
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Ok(());
    };
    if !parent.is_dir() {
        return Ok(());
    }
    let name = name.to_string_lossy();
    let _lock = Lock::take(parent, &name, &output, waiting)?;
    recover(&Disk, parent, &name, &output)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn outputs(files: &[(&str, &str)]) -> Vec<Output> {
        files
            .iter()
            .map(|(path, text)| Output {
                path: (*path).into(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect()
    }

    /// Every file under `dir` but the marker and `.git`, with its text.
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.unwrap();
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == MARKER
                || rel == GIT
                || rel.starts_with(".git/")
                || !entry.file_type().is_file()
            {
                continue;
            }
            files.insert(rel, std::fs::read_to_string(entry.path()).unwrap());
        }
        files
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn refuses_the_site_and_its_ancestors() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, root.parent().unwrap()).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("static/out")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("elsewhere");
        std::fs::create_dir(&out).unwrap();
        assert!(
            check_output_dir(site.path(), &out).is_ok(),
            "an empty folder may be used"
        );
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_output_dir(site.path(), &out).unwrap_err().to_string();
        assert!(
            err.contains("it holds `notes.txt`, which dateline did not write"),
            "{err}"
        );
    }

    #[test]
    fn a_copied_marker_does_not_make_a_folder_ours() {
        let site = tempfile::tempdir().unwrap();
        let public = site.path().join("public");
        write(
            &outputs(&[("index.html", "site"), ("a/index.html", "a")]),
            site.path(),
            &public,
        )
        .unwrap();
        // A deploy checkout the site was copied into, marker and all.
        let deploy = site.path().join("deploy");
        std::fs::create_dir_all(deploy.join(".git")).unwrap();
        std::fs::write(deploy.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
        std::fs::write(deploy.join("NOTES.md"), "mine").unwrap();
        std::fs::create_dir_all(deploy.join("a/drafts")).unwrap();
        for file in [MARKER, "index.html", "a/index.html"] {
            std::fs::copy(public.join(file), deploy.join(file)).unwrap();
        }
        let err = write(&outputs(&[("index.html", "new")]), site.path(), &deploy)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err.lines().next().unwrap(),
            format!(
                "refusing to replace {}: it holds `NOTES.md`, which dateline did not write",
                deploy.display()
            )
        );
        assert_eq!(
            std::fs::read_to_string(deploy.join("NOTES.md")).unwrap(),
            "mine"
        );
        assert_eq!(
            std::fs::read_to_string(deploy.join("index.html")).unwrap(),
            "site"
        );
        // Forced, the foreign files go and the .git stays.
        write_with(
            Arc::new(Disk),
            &outputs(&[("index.html", "new")]),
            site.path(),
            &deploy,
            true,
        )
        .unwrap();
        assert_eq!(names(&deploy), [".dateline-output", ".git", "index.html"]);
        assert_eq!(
            std::fs::read_to_string(deploy.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/main\n"
        );
        // And from then on the folder is ours, its .git kept on every build.
        write(&outputs(&[("b.html", "b")]), site.path(), &deploy).unwrap();
        assert_eq!(names(&deploy), [".dateline-output", ".git", "b.html"]);
    }

    #[test]
    fn a_file_added_deep_inside_is_found_before_anything_is_replaced() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(
            &outputs(&[("index.html", "old"), ("a/b/index.html", "b")]),
            site.path(),
            &out,
        )
        .unwrap();
        std::fs::write(out.join("a/b/notes.txt"), "mine").unwrap();
        std::fs::create_dir(out.join("a/empty")).unwrap();
        let err = write(&outputs(&[("index.html", "new")]), site.path(), &out)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err.lines().next().unwrap(),
            format!(
                "refusing to replace {}: it holds `a/b/notes.txt` and 1 other entry, which dateline did not write",
                out.display()
            )
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(site.path()), ["public"], "the staging folder is gone");
        assert!(
            check_output_dir(site.path(), &out).is_err(),
            "check finds it too"
        );
    }

    #[test]
    fn never_deletes_a_git_folder_even_when_forced() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("deploy");
        std::fs::create_dir_all(out.join("docs/.git")).unwrap();
        std::fs::write(out.join("docs/.git/HEAD"), "head").unwrap();
        let warnings = write_with(
            Arc::new(Disk),
            &outputs(&[("index.html", "new")]),
            site.path(),
            &out,
            true,
        )
        .unwrap();
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "new".into())])
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("which dateline never deletes"),
            "{warnings:?}"
        );
        let kept = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("docs/.git/HEAD").is_file());
        assert!(kept.is_some(), "the nested .git is still on disk");
    }

    #[test]
    fn refuses_a_marker_that_lists_no_files() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(
            out.join(MARKER),
            "This folder is generated by `dateline build` and replaced on every build.\n",
        )
        .unwrap();
        let err = check_output_dir(site.path(), &out).unwrap_err().to_string();
        assert!(
            err.contains("does not list the files a build wrote"),
            "{err}"
        );
        let mut cut = Manifest::text(&["index.html".into()]);
        cut.truncate(cut.len() - MARKER_END.len() - 1);
        std::fs::write(out.join(MARKER), cut).unwrap();
        assert!(
            check_output_dir(site.path(), &out).is_err(),
            "a list cut short"
        );
    }

    #[test]
    fn the_marker_lists_every_file_with_awkward_names_intact() {
        let paths = vec![
            "a b/100%.html".to_owned(),
            "line\nbreak".to_owned(),
            "x".to_owned(),
        ];
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), Manifest::text(&paths)).unwrap();
        let Manifest::Complete(read) = Manifest::read(dir.path()) else {
            panic!("the marker should read back complete");
        };
        assert_eq!(read, paths.into_iter().collect::<HashSet<_>>());
    }

    #[test]
    fn removes_folders_left_by_an_interrupted_build() {
        let site = tempfile::tempdir().unwrap();
        let stale = site.path().join(".public.partial-99999");
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(
            stale.join(MARKER),
            format!("{MARKER_HEADER}{MARKER_PARTIAL}\n"),
        )
        .unwrap();
        std::fs::write(stale.join("page.html"), "x").unwrap();
        // Killed between making the folder and writing its marker.
        let empty = site.path().join(".public.partial-99998");
        std::fs::create_dir(&empty).unwrap();
        let foreign = site.path().join(".public.partial-notes");
        std::fs::create_dir(&foreign).unwrap();
        let unmarked = site.path().join(".public.old-12");
        std::fs::create_dir(&unmarked).unwrap();
        std::fs::write(unmarked.join("notes.txt"), "mine").unwrap();
        write(
            &outputs(&[("index.html", "x")]),
            site.path(),
            &site.path().join("public"),
        )
        .unwrap();
        assert_eq!(
            names(site.path()),
            [".public.old-12", ".public.partial-notes", "public"],
            "only folders named and marked as ours, or empty, are removed"
        );
    }

    #[test]
    fn swaps_the_new_site_in() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(&outputs(&[("a/index.html", "one")]), site.path(), &out).unwrap();
        write(&outputs(&[("a/index.html", "two")]), site.path(), &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert_eq!(names(site.path()), ["public"]);
    }

    #[test]
    fn restores_a_site_set_aside_by_a_build_killed_between_its_moves() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(&outputs(&[("index.html", "old")]), site.path(), &out).unwrap();
        // Killed after moving the old site aside, before moving the new one in.
        std::fs::rename(&out, site.path().join(".public.old-4242")).unwrap();
        recover_output(site.path(), &out, &|_| {}).unwrap();
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "old".into())])
        );
        assert_eq!(names(site.path()), ["public"]);
    }

    /// A filesystem that fails its `fail_at`-th change (counting from 1), or, `dead`,
    /// every change from then on, as a process killed at that moment would.
    struct Faulty {
        ops: AtomicUsize,
        fail_at: usize,
        dead: bool,
        exchange: bool,
        /// `Some(output)`: renaming it fails with EBUSY, as a mount point's does.
        busy: Option<PathBuf>,
        mount_point: bool,
    }

    impl Faulty {
        fn tick(&self) -> io::Result<()> {
            let n = self.ops.fetch_add(1, Ordering::SeqCst) + 1;
            if n == self.fail_at || (self.dead && n > self.fail_at) {
                return Err(io::Error::other("injected failure"));
            }
            Ok(())
        }
        fn is_busy(&self, paths: &[&Path]) -> io::Result<()> {
            match &self.busy {
                Some(busy) if paths.contains(&busy.as_path()) => {
                    Err(io::Error::from(io::ErrorKind::ResourceBusy))
                }
                _ => Ok(()),
            }
        }
    }

    impl Fs for Faulty {
        fn create_dir_all(&self, path: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.create_dir_all(path)
        }
        fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            self.tick()?;
            Disk.write(path, bytes)
        }
        fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.hard_link(from, to)
        }
        fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.copy(from, to)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.tick()?;
            self.is_busy(&[from, to])?;
            Disk.rename(from, to)
        }
        fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
            self.tick()?;
            self.is_busy(&[a, b])?;
            if !self.exchange {
                return Err(io::Error::from(io::ErrorKind::Unsupported));
            }
            Disk.exchange(a, b)
        }
        fn remove_file(&self, path: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.remove_file(path)
        }
        fn remove_dir(&self, path: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.remove_dir(path)
        }
        fn is_mount_point(&self, _dir: &Path) -> bool {
            self.mount_point
        }
    }

    /// For every change a build makes, fails it — alone, or with every later one as a
    /// kill would — and checks that the output is then the old site or the new one
    /// (after the next build's recovery, for a kill), its `.git` intact, and that the
    /// next build leaves nothing behind.
    fn old_or_new_after_every_fault(exchange: bool, busy: bool, mount_point: bool) {
        let old = [
            ("index.html", "old"),
            ("a/index.html", "same"),
            ("b/gone.html", "gone"),
        ];
        let new = [
            ("index.html", "new"),
            ("a/index.html", "same"),
            ("c/index.html", "c"),
        ];
        let expect = |files: &[(&str, &str)]| -> BTreeMap<String, String> {
            files
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect()
        };
        let (old_tree, new_tree) = (expect(&old), expect(&new));
        for dead in [false, true] {
            for fail_at in 1.. {
                let site = tempfile::tempdir().unwrap();
                let out = site.path().join("public");
                write(&outputs(&old), site.path(), &out).unwrap();
                std::fs::create_dir(out.join(GIT)).unwrap();
                std::fs::write(out.join(".git/HEAD"), "head").unwrap();
                let faulty = Arc::new(Faulty {
                    ops: AtomicUsize::new(0),
                    fail_at,
                    dead,
                    exchange: exchange && cfg!(target_os = "linux"),
                    busy: busy.then(|| out.clone()),
                    mount_point,
                });
                let fs: Arc<dyn Fs> = faulty.clone();
                let result = write_with(fs, &outputs(&new), site.path(), &out, false);
                let case = format!(
                    "exchange {exchange}, busy {busy}, mount point {mount_point}, dead {dead}, failing change {fail_at}"
                );
                if dead {
                    // Restarted: the next build's recovery runs first.
                    recover_output(site.path(), &out, &|_| {}).unwrap();
                }
                let now = tree(&out);
                match &result {
                    Ok(_) => assert_eq!(now, new_tree, "{case}"),
                    // Only a mount point's contents, replaced file by file, can be
                    // neither; its marker then claims both, and the next build mends it.
                    Err(_) if mount_point || busy => {
                        assert!(
                            matches!(Manifest::read(&out), Manifest::Complete(_)),
                            "{case}"
                        )
                    }
                    Err(_) if dead => {
                        assert!(now == old_tree || now == new_tree, "{case}: {now:?}")
                    }
                    Err(_) => assert_eq!(now, old_tree, "{case}"),
                }
                if !(mount_point || busy) || result.is_ok() {
                    assert!(now == old_tree || now == new_tree, "{case}: {now:?}");
                }
                assert_eq!(
                    std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
                    "head",
                    "{case}"
                );
                write(&outputs(&new), site.path(), &out).unwrap();
                assert_eq!(tree(&out), new_tree, "{case}");
                assert_eq!(names(site.path()), ["public"], "{case}");
                assert_eq!(
                    std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
                    "head",
                    "{case}"
                );
                if faulty.ops.load(Ordering::SeqCst) < fail_at {
                    break; // Every change of a whole build has been failed once.
                }
            }
        }
    }

    #[test]
    fn output_is_old_or_new_after_any_failed_change_with_an_exchange() {
        old_or_new_after_every_fault(true, false, false);
    }

    #[test]
    fn output_is_old_or_new_after_any_failed_change_with_two_renames() {
        old_or_new_after_every_fault(false, false, false);
    }

    #[test]
    fn a_mount_point_has_its_contents_replaced() {
        old_or_new_after_every_fault(true, false, true);
        old_or_new_after_every_fault(false, true, false);
    }

    #[test]
    fn a_previous_site_that_cannot_be_removed_is_a_warning() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(&outputs(&[("index.html", "old")]), site.path(), &out).unwrap();
        // With an exchange, the last changes remove the previous site: fail them all.
        struct NoRemoval;
        impl Fs for NoRemoval {
            fn create_dir_all(&self, p: &Path) -> io::Result<()> {
                Disk.create_dir_all(p)
            }
            fn write(&self, p: &Path, b: &[u8]) -> io::Result<()> {
                Disk.write(p, b)
            }
            fn hard_link(&self, a: &Path, b: &Path) -> io::Result<()> {
                Disk.hard_link(a, b)
            }
            fn copy(&self, a: &Path, b: &Path) -> io::Result<()> {
                Disk.copy(a, b)
            }
            fn rename(&self, a: &Path, b: &Path) -> io::Result<()> {
                Disk.rename(a, b)
            }
            fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
                Disk.exchange(a, b)
            }
            fn remove_file(&self, _: &Path) -> io::Result<()> {
                Err(io::Error::from(io::ErrorKind::PermissionDenied))
            }
            fn remove_dir(&self, _: &Path) -> io::Result<()> {
                Err(io::Error::from(io::ErrorKind::PermissionDenied))
            }
            fn is_mount_point(&self, _: &Path) -> bool {
                false
            }
        }
        let warnings = write_with(
            Arc::new(NoRemoval),
            &outputs(&[("index.html", "new")]),
            site.path(),
            &out,
            false,
        )
        .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .starts_with("the new site is in place, but the previous one could not be removed"),
            "{warnings:?}"
        );
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "new".into())])
        );
        write(&outputs(&[("index.html", "new")]), site.path(), &out).unwrap();
        assert_eq!(names(site.path()), ["public"], "the next build removes it");
    }

    #[test]
    fn builds_into_one_folder_take_turns() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        let first =
            Staging::new(site.path(), &out, false, &|_| panic!("nothing to wait for")).unwrap();
        first.write_file("index.html", b"first").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let second = std::thread::scope(|scope| {
            let waited = scope.spawn(|| {
                let tx = tx.clone();
                let staging =
                    Staging::new(site.path(), &out, false, &move |_| tx.send(()).unwrap()).unwrap();
                staging.write_file("index.html", b"second").unwrap();
                staging.commit().unwrap()
            });
            rx.recv_timeout(std::time::Duration::from_secs(10))
                .expect("the second build waits");
            assert!(
                !out.exists(),
                "nothing is put in place while the first build holds the lock"
            );
            first.commit().unwrap();
            waited.join().unwrap()
        });
        assert!(second.is_empty());
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "second".into())])
        );
        assert_eq!(names(site.path()), ["public"]);
    }

    #[test]
    fn concurrent_builds_all_finish_and_leave_one_whole_site() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::thread::scope(|scope| {
            for n in 0..4 {
                let (site, out) = (site.path(), &out);
                scope.spawn(move || {
                    let text = format!("build {n}");
                    write(
                        &outputs(&[("index.html", &text), ("a/b.html", &text)]),
                        site,
                        out,
                    )
                    .unwrap();
                });
            }
        });
        let now = tree(&out);
        assert_eq!(now.len(), 2);
        assert_eq!(
            now["index.html"], now["a/b.html"],
            "one build's files, not a mix"
        );
        assert!(matches!(Manifest::read(&out), Manifest::Complete(_)));
        assert_eq!(names(site.path()), ["public"]);
    }
}
