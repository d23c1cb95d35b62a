//! Stage 4, write: the only stage that touches the output folder.
//!
//! The site is written to a temporary folder beside the output and put in place only
//! once every file is written, so a failed build never leaves a half-written site.
//! Where the platform allows (Linux's `renameat2(RENAME_EXCHANGE)`), the new folder
//! and the old one trade places in one step; elsewhere the old folder is moved aside
//! first, and a build interrupted between the two moves is undone by the next build
//! before it does anything else. A kill at any moment leaves the output either old
//! or new, or — only in that second case — restorable. A mount point cannot be
//! moved at all: its files are replaced one by one, under a marker listing old and
//! new until the last is in.
//!
//! Nothing is ever deleted that dateline did not write. The marker file
//! ([`MARKER`]) lists every file the build wrote, and a folder is replaced only if it
//! holds nothing else: a marker copied along with a site into a deploy checkout does
//! not make that checkout ours. The previous site is removed by that list, so what
//! appears in the output while a build runs is kept. A `.git` is never deleted; at
//! the top of the output it is carried over into each new output, so a deploy
//! checkout can be the output. Builds into one folder take turns: each holds a lock
//! for its whole write, and only the holder cleans what an interrupted build left,
//! and only what it can tell is its own.
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
/// The next marker, written whole and then renamed over the marker.
const MARKER_NEXT: &str = ".dateline-output.next";
const MARKER_MAX_BYTES: u64 = 256 << 20;
/// The one entry of an output folder that is carried over into each new output.
const GIT: &str = ".git";
/// Entries never deleted and never counted as foreign, wherever they are: a `.git`,
/// and the `lost+found` of a freshly made filesystem mounted as the output.
const KEPT: [&str; 2] = [GIT, "lost+found"];

/// The changes a build makes to the disk. [`Disk`] makes them; tests put a faulty
/// filesystem in its place to check that every failure leaves the output whole.
pub trait Fs: Send + Sync {
    /// Makes one folder; an error if something is there already.
    fn create_dir(&self, path: &Path) -> io::Result<()>;
    /// Makes a folder and any missing parents, as [`std::fs::create_dir_all`].
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Writes a whole file, replacing one that is there.
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Makes `to` a second name of the file `from` (an unchanged page of the last
    /// build); an error across filesystems, where the caller copies instead.
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Copies the file `from` to `to`, replacing one that is there.
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames a file or folder, as [`std::fs::rename`]: atomic on one filesystem.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Swaps two existing paths in one step; `Unsupported` where the platform or the
    /// filesystem cannot.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    /// Removes one file (never a folder).
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Removes one empty folder; an error if it holds anything.
    fn remove_dir(&self, path: &Path) -> io::Result<()>;
    /// Whether `dir` is on another filesystem than its parent (a mount point, such as
    /// a container or CI volume), which cannot be renamed.
    fn is_mount_point(&self, dir: &Path) -> bool;
}

/// The real filesystem.
pub struct Disk;

impl Fs for Disk {
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir(path)
    }
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

/// The most bytes a path may hold, its closing NUL not counted: `PATH_MAX` is 4096
/// on Linux (1024 on macOS) with the NUL. Every file is written by its whole path
/// inside the temporary folder, so a longer one fails with "File name too long".
#[cfg(target_os = "macos")]
pub const PATH_MAX: usize = 1023;
/// The most bytes a path may hold, its closing NUL not counted: `PATH_MAX` is 4096
/// on Linux (1024 on macOS) with the NUL. Every file is written by its whole path
/// inside the temporary folder, so a longer one fails with "File name too long".
#[cfg(not(target_os = "macos"))]
pub const PATH_MAX: usize = 4095;

/// How many bytes the path of a file inside the output (`tags/kerman/index.html`)
/// may hold, so that its path inside the temporary folder a build writes into —
/// beside `output`, its name at its widest (`widest_leftover_name`) — fits in
/// [`PATH_MAX`]. `build` and `check` both hold paths to it, so they agree. `None`
/// when `output` has no name or parent (the build refuses it then).
pub fn path_budget(output: &Path) -> Option<usize> {
    let output = absolute(output).ok()?;
    let name = output.file_name()?.to_string_lossy();
    let staging = output.parent()?.join(widest_leftover_name(&name));
    Some(PATH_MAX.saturating_sub(staging.as_os_str().len() + 1))
}

/// The longest name [`leftover_name`] gives a temporary folder beside
/// `output_name`: the process id and the time at their widest.
fn widest_leftover_name(output_name: &str) -> String {
    format!(
        ".{output_name}.dateline-{}-{}-{}",
        Leftover::Partial.word(),
        u32::MAX,
        u64::MAX
    )
}

/// The output folder must leave room for the temporary folder a build writes
/// beside it: its name, which adds about 50 bytes to the output's, within the 255
/// bytes of one name, and its path, with the marker files written first inside
/// it, within [`PATH_MAX`]. (The site's own paths are held to [`path_budget`]
/// when they are known, as the site renders.)
fn check_output_room(output: &Path) -> anyhow::Result<()> {
    let Some(name) = output.file_name().map(|n| n.to_string_lossy()) else {
        return Ok(());
    };
    let widest = widest_leftover_name(&name);
    if !crate::urls::segment_fits(&widest) {
        let room = crate::urls::MAX_SEGMENT - (widest.len() - name.len());
        bail!(
            "cannot write the site to {}: the folder's name is {} bytes long, and the temporary folder a build writes beside it (`.{}….dateline-partial-…`) would not fit in the 255 bytes of a name\n  = help: choose an output folder whose name is at most {room} bytes long",
            output.display(),
            name.len(),
            crate::slug::shorten(&name, 16)
        );
    }
    if path_budget(output).is_some_and(|budget| budget < MARKER_NEXT.len()) {
        bail!(
            "cannot write the site to {}: its path is {} bytes long, and the files of the temporary folder a build writes beside it would pass the limit of {PATH_MAX} bytes for a path\n  = help: choose an output folder with a shorter path",
            output.display(),
            output.as_os_str().len(),
        );
    }
    Ok(())
}

/// The protected folders: the site, its sources and everything above them.
fn check_protected(root: &Path, output: &Path) -> anyhow::Result<PathBuf> {
    let root = absolute(root)?;
    let output = absolute(output)?;
    check_output_room(&output)?;
    for protected in ["", "content", "templates", "static", ".git"] {
        // Resolved, links included: `content/` may be a link to content kept elsewhere.
        let protected_path = if protected.is_empty() {
            root.clone()
        } else {
            absolute(&root.join(protected))?
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
            // A list of a million files is about 60 MB; anything far bigger is not ours.
            Ok(meta) if !meta.is_file() || meta.len() > MARKER_MAX_BYTES => {
                return Manifest::Unknown;
            }
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
        let listed: HashSet<String> = lines.into_iter().map(unescape).collect();
        // Only plain paths below the folder: a list naming `../x`, `/x`, a `.git`
        // or the marker itself was not written by dateline, and must never steer a
        // removal.
        if listed.iter().all(|path| is_plain_output_path(path)) {
            Manifest::Complete(listed)
        } else {
            Manifest::Unknown
        }
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

/// Whether `path` can be a file a build wrote: relative, `/`-separated plain names
/// (no `.`, `..`, root or prefix), none of them a name dateline keeps for itself
/// (`.git`, `lost+found`, the marker files). Render holds every output path to it,
/// so `check` refuses what the build would.
pub fn is_plain_output_path(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path).components().all(|c| match c {
            Component::Normal(name) => !KEPT.iter().any(|kept| name == *kept),
            _ => false,
        })
        && path.split('/').all(|part| !part.is_empty())
        && path != MARKER
        && path != MARKER_NEXT
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
    let folders = listed_folders(listed);
    let mut foreign = Vec::new();
    for entry in sorted_entries(output)? {
        let name = entry.file_name();
        // A marker half written by a build killed at that moment is ours too.
        if name == MARKER || name == MARKER_NEXT || KEPT.iter().any(|kept| name == *kept) {
            continue;
        }
        let rel = name.to_string_lossy();
        foreign_below(&entry, &rel, depth, listed, &folders, &mut foreign)?;
    }
    Ok(foreign)
}

/// The folders holding the `listed` files, each once: `2024` and `2024/01` for
/// `2024/01/index.html`.
fn listed_folders(listed: &HashSet<String>) -> HashSet<&str> {
    let mut folders = HashSet::new();
    for path in listed {
        let mut rest = path.as_str();
        while let Some(at) = rest.rfind('/') {
            rest = &rest[..at];
            if !folders.insert(rest) {
                break; // Its parents are in already.
            }
        }
    }
    folders
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
    /// The files the previous build listed: all that is removed of it once the new
    /// site is in place. `None`: remove all of it but a `.git` (`--force`).
    old_files: Option<Arc<HashSet<String>>>,
    /// Said while cleaning up, to report with the commit's own.
    warnings: Mutex<Vec<String>>,
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
        let warnings = recover(fs.as_ref(), parent, &name, &output)?;
        // The folder's own entries now, so the usual refusal (a deploy checkout's
        // notes) comes before any rendering; everything below them on a thread of
        // its own while pages render — reading ten thousand folders is a tenth of a
        // build — and awaited before anything is put in place.
        let listed = owned_list(&output, force)?.map(Arc::new);
        let previous = listed
            .as_ref()
            .is_some_and(|l| !l.is_empty())
            .then(|| output.clone());
        let below = match &listed {
            Some(listed) => {
                refuse_foreign(&output, Depth::Top, listed)?;
                let (output, listed) = (output.clone(), Arc::clone(listed));
                Some(std::thread::spawn(move || {
                    refuse_foreign(&output, Depth::All, &listed)
                }))
            }
            None => None,
        };
        let temp = parent.join(leftover_name(&name, Leftover::Partial));
        fs.create_dir(&temp).map_err(|e| {
            let help = if e.kind() == io::ErrorKind::PermissionDenied {
                format!(
                    "\n  = help: dateline writes the new site beside the output folder and then swaps the two, so `{}` must be writable",
                    parent.display()
                )
            } else {
                String::new()
            };
            anyhow::anyhow!("failed to create `{}`: {e}{help}", temp.display())
        })?;
        let staging = Staging {
            previous,
            below: Mutex::new(below),
            // Forced, what was there goes whole (a .git excepted); otherwise only
            // what the last build listed.
            old_files: if force { None } else { listed },
            warnings: Mutex::new(warnings),
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
        // The marker could not list it (and the next build would refuse the folder).
        if !is_plain_output_path(path) {
            bail!(
                "cannot write `{path}` into the output folder: `.dateline-output`, `.git` and `lost+found` are names dateline keeps for itself"
            );
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
        let mut warnings =
            std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()));
        warnings.extend(result?);
        Ok(warnings)
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
        let old = self.old_files.as_deref();
        if self.in_place {
            return replace_contents(fs, &self.temp, &self.output, old, &written);
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
            Ok(()) => Ok(remove_old(fs, &self.temp, old)),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => self.move_aside_and_in(&written),
            Err(e) if is_busy(&e) => replace_contents(fs, &self.temp, &self.output, old, &written),
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
        let (marker, next) = (self.temp.join(MARKER), self.temp.join(MARKER_NEXT));
        let linked = self.previous.as_ref().is_some_and(|previous| {
            let old = previous.join(MARKER);
            same_bytes(&old, text.as_bytes()) && fs.hard_link(&old, &next).is_ok()
        });
        if !linked {
            return write_marker(fs, &self.temp, text);
        }
        fs.rename(&next, &marker)
            .with_context(|| format!("failed to write `{}`", marker.display()))
    }

    /// Two renames where an exchange is not possible: the old folder aside, the new
    /// one in. Interrupted between the two, the next build puts the old one back.
    fn move_aside_and_in(&self, written: &[String]) -> anyhow::Result<Vec<String>> {
        let fs = self.fs.as_ref();
        let name = self
            .output
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let old = self
            .output
            .with_file_name(leftover_name(&name, Leftover::Old));
        let old_files = self.old_files.as_deref();
        if let Err(e) = fs.rename(&self.output, &old) {
            if is_busy(&e) {
                return replace_contents(fs, &self.temp, &self.output, old_files, written);
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
        Ok(remove_old(fs, &old, old_files))
    }
}

impl crate::render::Sink for Staging {
    fn path_budget(&self) -> Option<usize> {
        path_budget(&self.output)
    }

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

/// Removes the previous site after the new one is in place: only the files its
/// marker lists (`listed`), then the folders they leave empty, then the marker and
/// the folder; everything when `listed` is `None` (`--force`). Anything else found
/// there — made while the new site was rendered — is left where it is, with a
/// warning. A failure is a warning too: the new site is in place all the same.
fn remove_old(fs: &dyn Fs, old: &Path, listed: Option<&HashSet<String>>) -> Vec<String> {
    let removed = match listed {
        Some(listed) => remove_listed(fs, old, listed),
        None => remove_tree(fs, old),
    };
    match removed {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!(
            "the new site is in place, but the previous one could not be removed from `{}`: {e}",
            old.display()
        )],
    }
}

/// Removes the files `listed` under `dir` and the folders they leave empty, then
/// the marker and `dir` itself if nothing else is there; otherwise an error naming
/// what was left.
fn remove_listed(fs: &dyn Fs, dir: &Path, listed: &HashSet<String>) -> io::Result<()> {
    remove_listed_files(fs, dir, listed)?;
    let left: Vec<String> = sorted_entries(dir)?
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != MARKER && name != MARKER_NEXT)
        .collect();
    if let Some(first) = left.first() {
        return Err(io::Error::other(format!(
            "it also holds `{first}`, which dateline did not write, so it was left there"
        )));
    }
    for marker in [MARKER_NEXT, MARKER] {
        match fs.remove_file(&dir.join(marker)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    fs.remove_dir(dir)
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
/// those of `temp`, file by file: the files the last build listed (`old`; all but a
/// `.git` when `None`) are removed, and the new ones moved in. The marker first lists
/// the old and the new files together, so an interrupted replacement — the one case
/// where the output can hold a mix — leaves a folder the next build knows as its own
/// and replaces again.
fn replace_contents(
    fs: &dyn Fs,
    temp: &Path,
    output: &Path,
    old: Option<&HashSet<String>>,
    written: &[String],
) -> anyhow::Result<Vec<String>> {
    // A `.git` moved aside for a swap that turned out impossible goes back first.
    carry_git(fs, temp, output)?;
    let mut both: Vec<String> = old.map_or_else(Vec::new, |old| old.iter().cloned().collect());
    both.extend(written.iter().cloned());
    // A copy cut short by a kill is ours too, and goes with the rest next time.
    both.extend(written.iter().map(|path| format!("{path}{COPYING}")));
    both.sort_unstable();
    both.dedup();
    write_marker(fs, output, &Manifest::text(&both))?;
    match old {
        // An error here leaves the marker listing old and new: the next build mends it.
        Some(old) => remove_listed_files(fs, output, old).with_context(|| {
            format!(
                "failed to remove the previous site from `{}`",
                output.display()
            )
        })?,
        None => {
            for entry in read_entries(output)? {
                let name = entry.file_name();
                if name == MARKER || KEPT.iter().any(|kept| name == *kept) {
                    continue;
                }
                remove_known(fs, &entry.path(), entry.file_type()?.is_dir())
                    .with_context(|| format!("failed to remove `{}`", entry.path().display()))?;
            }
        }
    }
    move_into(fs, temp, output, true)
        .with_context(|| format!("failed to move the site into `{}`", output.display()))?;
    write_marker(fs, output, &Manifest::text(written))?;
    Ok(remove_old(fs, temp, None))
}

/// Removes the files `listed` under `dir`, then the folders they leave empty, the
/// deepest first and each depth in parallel. A folder that is not empty holds
/// something dateline did not write, and stays.
fn remove_listed_files(fs: &dyn Fs, dir: &Path, listed: &HashSet<String>) -> io::Result<()> {
    listed
        .par_iter()
        .try_for_each(|path| match fs.remove_file(&dir.join(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
    let mut folders: Vec<(usize, &str)> = listed_folders(listed)
        .into_iter()
        .map(|folder| (folder.matches('/').count(), folder))
        .collect();
    folders.sort_unstable_by(|a, b| b.cmp(a));
    for depth in folders.chunk_by(|a, b| a.0 == b.0) {
        depth
            .par_iter()
            .try_for_each(|(_, folder)| match fs.remove_dir(&dir.join(folder)) {
                Err(e)
                    if !matches!(
                        e.kind(),
                        io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::NotFound
                    ) =>
                {
                    Err(e)
                }
                _ => Ok(()),
            })?;
    }
    Ok(())
}

/// Writes a marker whole beside the old one and renames it over, so a folder is
/// never left with half a list.
fn write_marker(fs: &dyn Fs, dir: &Path, text: &str) -> anyhow::Result<()> {
    let (next, marker) = (dir.join(MARKER_NEXT), dir.join(MARKER));
    fs.write(&next, text.as_bytes())
        .with_context(|| format!("failed to write `{}`", next.display()))?;
    fs.rename(&next, &marker)
        .with_context(|| format!("failed to write `{}`", marker.display()))
}

/// Moves the entries of `from` into `to`, folder into folder where both have one;
/// a rename, or a copy then a removal where the rename crosses filesystems. An
/// entry whose place is taken by a file dateline did not write is an error: it is
/// never replaced.
fn move_into(fs: &dyn Fs, from: &Path, to: &Path, top: bool) -> io::Result<()> {
    for entry in read_entries(from)? {
        let name = entry.file_name();
        if top && (name == MARKER || name == GIT) {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        let is_dir = entry.file_type()?.is_dir();
        match std::fs::symlink_metadata(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Ok(meta) if meta.is_dir() && is_dir => {
                move_into(fs, &source, &target, false)?;
                continue;
            }
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "`{}` is there already, and dateline did not write it",
                    target.display()
                )));
            }
            Err(e) => return Err(e),
        }
        match fs.rename(&source, &target) {
            Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {
                copy_tree(fs, &source, &target)?;
                remove_known(fs, &source, is_dir)?;
            }
            other => other?,
        }
    }
    Ok(())
}

/// The suffix of a file being copied across filesystems: it gets its name only once
/// whole, so no file in the output is ever cut short.
const COPYING: &str = ".dateline-copy";

fn copy_tree(fs: &dyn Fs, from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(from)?.is_dir() {
        fs.create_dir_all(to)?;
        for entry in read_entries(from)? {
            copy_tree(fs, &entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        let mut copying = to.as_os_str().to_owned();
        copying.push(COPYING);
        let copying = PathBuf::from(copying);
        fs.copy(from, &copying)?;
        fs.rename(&copying, to)
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

/// The two kinds of folder a build makes beside the output.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leftover {
    /// The new site, while it is written (after an exchange: the old one).
    Partial,
    /// The old site, moved aside where no exchange is possible.
    Old,
}

impl Leftover {
    fn word(self) -> &'static str {
        match self {
            Leftover::Partial => "partial",
            Leftover::Old => "old",
        }
    }
}

/// A name no other build, and no person, would give a folder:
/// `.public.dateline-partial-<process id>-<nanoseconds>`. The time keeps apart two
/// builds of containers that each run as the same process id.
fn leftover_name(output_name: &str, kind: Leftover) -> String {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let unique = nanos.wrapping_add(COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    format!(
        ".{output_name}.dateline-{}-{}-{unique}",
        kind.word(),
        std::process::id()
    )
}

/// The kind and the time of a folder named by [`leftover_name`] for `output_name`.
fn parse_leftover(output_name: &str, file_name: &str) -> Option<(Leftover, u64)> {
    let rest = file_name.strip_prefix(&format!(".{output_name}.dateline-"))?;
    let (kind, rest) = rest.split_once('-')?;
    let kind = [Leftover::Partial, Leftover::Old]
        .into_iter()
        .find(|k| k.word() == kind)?;
    let (pid, unique) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(unique)).then(|| (kind, unique.parse().unwrap_or(0)))
}

/// Undoes what interrupted builds left beside `output`. Called with the lock held,
/// so no other build is writing them. A leftover is a real folder (not a link)
/// named by [`leftover_name`] and marked as ours: a staging folder (marked partial,
/// made by a build that died) is removed whole; a finished site (its marker lists
/// its files) is put back if the output is missing and it is the newest set aside,
/// and is otherwise removed as [`remove_old`] removes one; an empty one (killed
/// before its marker was written) is removed. Anything else — an unreadable marker,
/// a finished site holding files its list does not name — is left alone, with a
/// warning. Returns the warnings.
fn recover(fs: &dyn Fs, parent: &Path, name: &str, output: &Path) -> anyhow::Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(Vec::new());
    };
    let mut leftovers: Vec<(u64, Leftover, PathBuf)> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| {
            let (kind, time) = parse_leftover(name, &entry.file_name().to_string_lossy())?;
            Some((time, kind, entry.path()))
        })
        .collect();
    leftovers.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
    let mut warnings = Vec::new();
    // Missing, or made again empty (a deploy script's `mkdir -p public`).
    let empty = std::fs::read_dir(output).is_ok_and(|mut entries| entries.next().is_none());
    if std::fs::symlink_metadata(output).is_err() || empty {
        let newest = leftovers.iter().rposition(|(_, kind, path)| {
            *kind == Leftover::Old
                && matches!(Manifest::read(path), Manifest::Complete(ref listed)
                    if foreign_entries(path, Depth::All, listed).is_ok_and(|f| f.is_empty()))
        });
        if let Some(at) = newest {
            let (_, _, old) = leftovers.remove(at);
            if empty {
                fs.remove_dir(output)
                    .with_context(|| format!("failed to remove `{}`", output.display()))?;
            }
            fs.rename(&old, output).with_context(|| {
                format!(
                    "failed to restore the previous site from `{}`, which an interrupted build set aside",
                    old.display()
                )
            })?;
        }
    }
    for (_, _, path) in leftovers {
        match Manifest::read(&path) {
            Manifest::Partial => discard(fs, &path, output),
            Manifest::Complete(listed) => {
                let foreign = foreign_entries(&path, Depth::All, &listed).unwrap_or_default();
                if let Some(first) = foreign.first() {
                    warnings.push(format!(
                        "`{}` is named like a folder dateline leaves behind, but it holds `{first}`, which dateline did not write, so it was left there",
                        path.display()
                    ));
                    continue;
                }
                if output.is_dir() {
                    let _ = carry_git(fs, &path, output);
                }
                if let Err(e) = remove_listed(fs, &path, &listed) {
                    warnings.push(format!(
                        "`{}`, left by an interrupted build, was not removed: {e}",
                        path.display()
                    ));
                }
            }
            // Made, but killed before its marker was written: empty if ours.
            Manifest::Absent => {
                if fs.remove_dir(&path).is_err() {
                    warnings.push(format!(
                        "`{}` is named like a folder dateline leaves behind, but it holds files and no marker, so it was left there",
                        path.display()
                    ));
                }
            }
            Manifest::Unknown => warnings.push(format!(
                "`{}` is named like a folder dateline leaves behind, but its marker is not one dateline wrote, so it was left there",
                path.display()
            )),
        }
    }
    Ok(warnings)
}

/// Removes a folder of ours: every entry but those it keeps (a `.git`, which is never
/// deleted; the folder then stays), the top-level entries in parallel, and the marker
/// last, so a removal cut short leaves a folder still known as ours.
fn remove_tree(fs: &dyn Fs, dir: &Path) -> io::Result<()> {
    let entries = read_entries(dir)?;
    entries.par_iter().try_for_each(|entry| {
        let name = entry.file_name();
        if name == MARKER || KEPT.iter().any(|kept| name == *kept) {
            return Ok(());
        }
        remove_known(fs, &entry.path(), entry.file_type()?.is_dir())
    })?;
    for kept in KEPT {
        if std::fs::symlink_metadata(dir.join(kept)).is_ok() {
            return Err(io::Error::other(format!(
                "it holds a {kept}, which dateline never deletes; move it out by hand",
            )));
        }
    }
    match fs.remove_file(&dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs.remove_dir(dir)
}

/// Removes a file, a link (not what it points to) or a whole folder whose type the
/// folder listing gave — but never a `.git`, file or folder, wherever it is: that is
/// an error, and the folders above it stay.
fn remove_known(fs: &dyn Fs, path: &Path, is_dir: bool) -> io::Result<()> {
    if let Some(name) = path.file_name()
        && KEPT.iter().any(|kept| name == *kept)
    {
        return Err(io::Error::other(format!(
            "`{}` is a {}, which dateline never deletes",
            path.display(),
            name.to_string_lossy()
        )));
    }
    if !is_dir {
        return fs.remove_file(path);
    }
    for entry in read_entries(path)? {
        remove_known(fs, &entry.path(), entry.file_type()?.is_dir())?;
    }
    fs.remove_dir(path)
}

/// The output's lock, held by one build at a time and released when dropped (or
/// when the process ends, however it ends). On Unix it is an advisory lock on the
/// output's parent folder, so no lock file is left in the site; where that cannot
/// be taken (NFS takes only locks on files open for writing) and on other systems,
/// a `.{name}.dateline-lock` file beside the output.
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
        if let Ok(folder) = std::fs::File::open(parent)
            && let Some(lock) = Lock::try_file(folder, output, waiting)
        {
            return lock;
        }
        let path = parent.join(format!(".{name}.dateline-lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open `{}` to lock it", path.display()))?;
        Lock::try_file(file, output, waiting)
            .unwrap_or_else(|| bail!("cannot lock `{}`", path.display()))
    }

    /// The lock on `file`, waiting for it if another build holds it; `None` if the
    /// file cannot be locked at all.
    fn try_file(
        file: std::fs::File,
        output: &Path,
        waiting: &dyn Fn(&Path),
    ) -> Option<anyhow::Result<Lock>> {
        match file.try_lock() {
            Ok(()) => Some(Ok(Lock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting(output);
                Some(
                    file.lock()
                        .map(|()| Lock { _file: file })
                        .with_context(|| format!("cannot lock the output `{}`", output.display())),
                )
            }
            Err(std::fs::TryLockError::Error(_)) => None,
        }
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
/// Returns warnings about leftovers it left alone.
///
/// # Errors
/// The lock or the restoring rename failed.
pub fn recover_output(
    root: &Path,
    output: &Path,
    waiting: &dyn Fn(&Path),
) -> anyhow::Result<Vec<String>> {
    let output = check_protected(root, output)?;
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Ok(Vec::new());
    };
    if !parent.is_dir() {
        return Ok(Vec::new());
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
                || rel == MARKER_NEXT
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
    fn a_marker_naming_paths_outside_its_folder_is_not_trusted() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::fs::write(site.path().join("victim.txt"), "mine").unwrap();
        let victim = site.path().join("victim.txt");
        for listed in [
            "../victim.txt".to_owned(),
            victim.display().to_string(),
            ".git/config".to_owned(),
            "a/.git/config".to_owned(),
            "a//b.html".to_owned(),
            String::new(),
            "./index.html".to_owned(),
            MARKER.to_owned(),
        ] {
            write(&outputs(&[("index.html", "old")]), site.path(), &out).unwrap();
            let paths = vec!["index.html".to_owned(), listed.clone()];
            std::fs::write(out.join(MARKER), Manifest::text(&paths)).unwrap();
            let err = write(&outputs(&[("index.html", "new")]), site.path(), &out)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("does not list the files a build wrote"),
                "{listed:?}: {err}"
            );
            assert_eq!(
                std::fs::read_to_string(&victim).unwrap(),
                "mine",
                "{listed:?}"
            );
            std::fs::remove_dir_all(&out).unwrap();
        }
    }

    #[test]
    fn restores_a_set_aside_site_into_an_output_made_again_empty() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(&outputs(&[("index.html", "old")]), site.path(), &out).unwrap();
        std::fs::rename(&out, site.path().join(".public.dateline-old-4242-1")).unwrap();
        std::fs::create_dir(&out).unwrap(); // a deploy script's `mkdir -p public`
        recover_output(site.path(), &out, &|_| {}).unwrap();
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "old".into())])
        );
        assert_eq!(names(site.path()), ["public"]);
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
    fn removes_only_leftovers_that_are_ours_and_whole() {
        let site = tempfile::tempdir().unwrap();
        let dir = |name: &str| {
            let path = site.path().join(name);
            std::fs::create_dir(&path).unwrap();
            path
        };
        // A build that died while writing: marked partial.
        let stale = dir(".public.dateline-partial-7-100");
        std::fs::write(
            stale.join(MARKER),
            format!("{MARKER_HEADER}{MARKER_PARTIAL}\n"),
        )
        .unwrap();
        std::fs::write(stale.join("page.html"), "x").unwrap();
        // Killed between making the folder and writing its marker.
        dir(".public.dateline-partial-7-101");
        // A previous site set aside, whole: its marker lists all it holds.
        let old = dir(".public.dateline-old-7-102");
        std::fs::write(old.join("index.html"), "old").unwrap();
        std::fs::write(old.join(MARKER), Manifest::text(&["index.html".into()])).unwrap();
        // A user's copy of a built site, named like a leftover: it holds notes.
        let copy = dir(".public.dateline-old-7-103");
        std::fs::write(copy.join("index.html"), "old").unwrap();
        std::fs::write(copy.join("NOTES.md"), "mine").unwrap();
        std::fs::write(copy.join(MARKER), Manifest::text(&["index.html".into()])).unwrap();
        // A marker from an earlier version; no marker at all; another name.
        let legacy = dir(".public.dateline-partial-7-104");
        std::fs::write(
            legacy.join(MARKER),
            "This folder is generated by `dateline build`.\n",
        )
        .unwrap();
        std::fs::write(dir(".public.dateline-old-7-105").join("notes.txt"), "mine").unwrap();
        dir(".public.partial-99999");
        // A link named like a leftover, to a folder of the user's.
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(
            elsewhere.path().join(MARKER),
            format!("{MARKER_HEADER}{MARKER_PARTIAL}\n"),
        )
        .unwrap();
        std::fs::write(elsewhere.path().join("thesis.txt"), "years").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            elsewhere.path(),
            site.path().join(".public.dateline-partial-7-106"),
        )
        .unwrap();

        let warnings = write_with(
            Arc::new(Disk),
            &outputs(&[("index.html", "x")]),
            site.path(),
            &site.path().join("public"),
            false,
        )
        .unwrap();
        let mut expected = vec![
            ".public.dateline-old-7-103",
            ".public.dateline-old-7-105",
            ".public.dateline-partial-7-104",
            ".public.partial-99999",
            "public",
        ];
        if cfg!(unix) {
            expected.insert(3, ".public.dateline-partial-7-106");
        }
        assert_eq!(names(site.path()), expected);
        assert_eq!(
            names(&copy),
            [MARKER, "NOTES.md", "index.html"],
            "a folder holding notes is left whole"
        );
        assert_eq!(
            std::fs::read_to_string(elsewhere.path().join("thesis.txt")).unwrap(),
            "years"
        );
        assert_eq!(warnings.len(), 3, "{warnings:#?}");
        assert!(warnings[0].ends_with("is named like a folder dateline leaves behind, but it holds `NOTES.md`, which dateline did not write, so it was left there"), "{warnings:#?}");
        assert!(
            warnings[1].ends_with("its marker is not one dateline wrote, so it was left there"),
            "{warnings:#?}"
        );
        assert!(
            warnings[2].ends_with("holds files and no marker, so it was left there"),
            "{warnings:#?}"
        );
    }

    #[test]
    fn a_file_made_in_the_output_while_the_site_renders_is_kept() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write(
            &outputs(&[("index.html", "old"), ("a/b.html", "b")]),
            site.path(),
            &out,
        )
        .unwrap();
        let staging = Staging::new(site.path(), &out, false, &|_| {}).unwrap();
        staging.write_file("index.html", b"new").unwrap();
        let check = staging.below.lock().unwrap().take().unwrap();
        check.join().unwrap().unwrap();
        // An editor's swap file, made after the output was checked.
        std::fs::write(out.join("a/.b.html.swp"), "unsaved").unwrap();
        let warnings = staging.commit().unwrap();
        assert_eq!(
            tree(&out),
            BTreeMap::from([("index.html".into(), "new".into())])
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .contains("it also holds `a`, which dateline did not write, so it was left there"),
            "{warnings:?}"
        );
        let kept = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("a/.b.html.swp").is_file());
        assert!(kept.is_some(), "the swap file is still on disk");
    }

    #[test]
    fn a_staging_name_is_never_reused() {
        let a = leftover_name("public", Leftover::Partial);
        let b = leftover_name("public", Leftover::Partial);
        assert_ne!(a, b);
        assert_eq!(
            parse_leftover("public", &a).map(|(k, _)| k == Leftover::Partial),
            Some(true)
        );
        assert_eq!(
            parse_leftover("public", ".public.dateline-old-1-2").map(|(_, t)| t),
            Some(2)
        );
        for other in [
            ".public.partial-1",
            ".public.dateline-old-1",
            ".public.dateline-old-x-2",
            ".publicx.dateline-old-1-2",
        ] {
            assert!(parse_leftover("public", other).is_none(), "{other}");
        }
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
        std::fs::rename(&out, site.path().join(".public.dateline-old-4242-1")).unwrap();
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
        /// The output is on a filesystem of its own: renames into it from outside
        /// fail with EXDEV, as they do into a real mount point.
        mount_point: bool,
        output: PathBuf,
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
        fn create_dir(&self, path: &Path) -> io::Result<()> {
            self.tick()?;
            Disk.create_dir(path)
        }
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
            if self.mount_point && to.starts_with(&self.output) && !from.starts_with(&self.output) {
                return Err(io::Error::from(io::ErrorKind::CrossesDevices));
            }
            Disk.rename(from, to)
        }
        fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
            self.tick()?;
            if !self.exchange {
                return Err(io::Error::from(io::ErrorKind::Unsupported));
            }
            self.is_busy(&[a, b])?;
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
                    output: out.clone(),
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
                        // Each file is the old one or the new one, and the marker
                        // lists every one, so the next build replaces the folder.
                        let Manifest::Complete(listed) = Manifest::read(&out) else {
                            panic!("{case}: the marker lists no files");
                        };
                        for (path, text) in &now {
                            assert!(listed.contains(path), "{case}: {path} is not listed");
                            if path.ends_with(COPYING) {
                                continue; // Not yet named: the next build removes it.
                            }
                            assert!(
                                old_tree.get(path) == Some(text)
                                    || new_tree.get(path) == Some(text),
                                "{case}: {path} holds {text}"
                            );
                        }
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
        // Known as a mount point up front; found one by the exchange; by the rename.
        old_or_new_after_every_fault(true, false, true);
        old_or_new_after_every_fault(true, true, false);
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
            fn create_dir(&self, p: &Path) -> io::Result<()> {
                Disk.create_dir(p)
            }
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
