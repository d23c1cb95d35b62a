//! The site's own files under `templates/` and `static/`, listed inside the site's
//! boundary (SPEC: never publish what the editor did not mean to), and the one list
//! of the static files a build publishes, which render copies and resolve checks
//! images against. Listing only: templates are read and parsed by the theme.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, display_path};
use crate::load::image_size::Size;

static BUILTIN_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Where a published static file's bytes come from.
pub enum StaticFile {
    /// A file of the built-in theme, embedded in the binary.
    Builtin(&'static [u8]),
    /// A file under the site's `static/`, read when it is published.
    Site(PathBuf),
}

/// The one answer to "what is in `static/`": every static file a build publishes,
/// by output path (`favicon.svg`, `images/kerman.jpg`): the built-in theme's, each
/// replaced by the site's `static/` file of the same name, after every filter (the
/// site boundary, hidden files, editor scratch files, non-regular files). Render
/// copies these files and resolve checks images against them, so the two agree.
#[derive(Default)]
pub struct StaticFiles {
    files: BTreeMap<String, StaticFile>,
    /// Files and folders under the site's `static/` left out, by path there.
    left_out: BTreeMap<String, LeftOut>,
    /// Whether listing the site's `static/` failed (its errors say why).
    failed: bool,
    /// Image sizes read so far, by output path: each file's header is read once per
    /// build, however many pages show it.
    sizes: Mutex<HashMap<String, Result<Option<Size>, String>>>,
}

/// Why a file or folder under the site's `static/` is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeftOut {
    /// A hidden file or folder that `publish_hidden` does not list.
    Hidden,
    /// An editor's backup, swap, lock or temporary file (`photo.jpg~`).
    EditorScratch,
    /// A version-control folder (`.git`) or a system file (`.DS_Store`).
    System,
}

impl StaticFiles {
    /// Lists the static files a build of the site at `root` publishes: the built-in
    /// theme's and those under `root/static`, read inside the site's boundary
    /// (`config.follow_links_outside`), hidden ones only if `config.publish_hidden`
    /// lists them. Returns the list and the diagnostics found listing it: a warning
    /// for each hidden file left out, an error for each file that cannot be
    /// published (a named pipe, a link leading outside the site, a name that is not
    /// UTF-8). Reads names and file types only, no file's bytes.
    pub fn load(root: &Path, config: &crate::config::Config) -> (StaticFiles, Vec<Diagnostic>) {
        let boundary = crate::load::boundary::Boundary::new(root, config);
        let mut listed = StaticFiles::builtin();
        let mut found = Vec::new();
        let mut errors = Vec::new();
        let hidden = Hidden::Publish {
            listed: &config.publish_hidden,
            skipped: &mut found,
            left_out: &mut listed.left_out,
        };
        for (name, path) in site_files(root, "static", &boundary, hidden, &mut errors) {
            listed.files.insert(name, StaticFile::Site(path));
        }
        listed.failed = !errors.is_empty();
        found.extend(errors);
        (listed, found)
    }

    /// The built-in theme's static files alone, as for a site without `static/`.
    pub fn builtin() -> StaticFiles {
        StaticFiles {
            files: builtin_files(&BUILTIN_STATIC)
                .map(|f| (display_path(f.path()), StaticFile::Builtin(f.contents())))
                .collect(),
            ..StaticFiles::default()
        }
    }

    /// Whether `path` (relative to the output root: `images/kerman.jpg`) is published.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Whether `path` (relative to the output root) is published from the site's
    /// own `static/`, not the built-in theme.
    pub fn is_site_file(&self, path: &str) -> bool {
        matches!(self.files.get(path), Some(StaticFile::Site(_)))
    }

    /// The published file a path written in content names, by output path: the
    /// first of [`crate::urls::file_spellings`] that is published — `written` read
    /// as a URL path (`photos/crowd%20scene.png` names `photos/crowd scene.png`),
    /// else as written (`100%.png`, `crowd#2.png`); a leading `/` is ignored.
    /// `None` when neither is published.
    pub fn find(&self, written: &str) -> Option<&str> {
        crate::urls::file_spellings(written)
            .iter()
            .find_map(|path| self.files.get_key_value(path.as_ref()))
            .map(|(path, _)| path.as_str())
    }

    /// Why `path` (relative to `static/`) is not published, if it or a folder it is
    /// in was left out on purpose: with the path left out (`photo.jpg~`, `.private`).
    pub fn left_out(&self, path: &str) -> Option<(&str, LeftOut)> {
        let mut prefix = path;
        loop {
            if let Some((at, why)) = self.left_out.get_key_value(prefix) {
                return Some((at.as_str(), *why));
            }
            prefix = &prefix[..prefix.rfind('/')?];
        }
    }

    /// The pixel size of the published image at `path` (an output path, as
    /// [`StaticFiles::find`] gives it), read from its header the first time it is
    /// asked for: see [`crate::load::image_size::read`]. `Ok(None)` for a file that
    /// is not an image, or an SVG that gives no size, and for a path not published.
    ///
    /// # Errors
    /// Why the file's size cannot be read (`its header is damaged…`), without its
    /// name: the caller says which file and where it is shown.
    pub fn image_size(&self, path: &str) -> Result<Option<Size>, String> {
        let cached = self.sizes.lock().ok().and_then(|s| s.get(path).cloned());
        if let Some(size) = cached {
            return size;
        }
        let size = match self.files.get(path) {
            None => Ok(None),
            Some(StaticFile::Builtin(bytes)) => {
                crate::load::image_size::read(path, std::io::Cursor::new(bytes))
            }
            Some(StaticFile::Site(file)) => match std::fs::File::open(file) {
                Ok(f) => crate::load::image_size::read(path, std::io::BufReader::new(f)),
                Err(e) => Err(format!("cannot read it: {e}")),
            },
        };
        if let Ok(mut sizes) = self.sizes.lock() {
            sizes.insert(path.to_owned(), size.clone());
        }
        size
    }

    /// Whether listing the site's `static/` failed. Its errors fail the build, so
    /// nothing checked against the list need be reported as missing as well.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// The published files' paths, what was left out and why, and whether listing
    /// failed, hashed: what a check against the list may depend on.
    pub fn fingerprint(&self) -> u64 {
        crate::fingerprint::of(&(
            self.files.keys().collect::<Vec<_>>(),
            &self.left_out,
            self.failed,
        ))
    }
}

/// Every published file, by output path, in order.
impl<'a> IntoIterator for &'a StaticFiles {
    type Item = (&'a String, &'a StaticFile);
    type IntoIter = std::collections::btree_map::Iter<'a, String, StaticFile>;

    fn into_iter(self) -> Self::IntoIter {
        self.files.iter()
    }
}

/// Every file of an embedded folder (`templates/`, `static/`), sub-folders
/// included, each with its path relative to that folder; in no particular order.
pub(crate) fn builtin_files(
    dir: &'static Dir<'static>,
) -> impl Iterator<Item = &'static include_dir::File<'static>> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        files.extend(dir.files());
        stack.extend(dir.dirs());
    }
    files.into_iter()
}

/// What to do with hidden files and folders (names starting with `.`).
pub(crate) enum Hidden<'a> {
    /// Skip them without a word (templates).
    Skip,
    /// Publish `.well-known/`, `.nojekyll` and those `listed` (paths under the
    /// folder); skip the rest with a warning in `skipped`, except version-control
    /// folders and system files, which are skipped without one (static files).
    /// Everything skipped, editor scratch files too, goes into `left_out`.
    Publish {
        listed: &'a [String],
        skipped: &'a mut Vec<Diagnostic>,
        left_out: &'a mut BTreeMap<String, LeftOut>,
    },
}

/// Always published from `static/`, by path there: what GitHub Pages and the web
/// expect (RFC 8615's `.well-known/`, GitHub Pages' `.nojekyll`).
const PUBLIC_HIDDEN: &[&str] = &[".well-known", ".nojekyll"];

/// Files under `root/folder`, by path relative to it, inside `boundary`, skipping
/// editor backups, version-control folders, and hidden files as `hidden` says.
pub(crate) fn site_files(
    root: &Path,
    folder: &str,
    boundary: &crate::load::boundary::Boundary,
    mut hidden: Hidden,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let base = root.join(folder);
    if !base.is_dir() || !boundary.check_folder(folder, errors) {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut outside = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            let rel = display_path(e.path().strip_prefix(&base).unwrap_or(e.path()));
            let skip = if matches!(
                name.as_ref(),
                ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db"
            ) {
                Some(LeftOut::System)
            } else if crate::load::is_editor_scratch(&name) {
                Some(LeftOut::EditorScratch)
            } else {
                None
            };
            if let Some(why) = skip {
                if let Hidden::Publish { left_out, .. } = &mut hidden {
                    left_out.insert(rel, why);
                }
                return false;
            }
            let hidden_path = rel.split('/').any(|part| part.starts_with('.'));
            if hidden_path {
                match &mut hidden {
                    Hidden::Skip => return false,
                    Hidden::Publish {
                        listed,
                        skipped,
                        left_out,
                    } => {
                        let within = |path: &str, listed: &str| {
                            let listed = listed.trim_end_matches('/');
                            path == listed
                                || path.strip_prefix(listed).is_some_and(|r| r.starts_with('/'))
                        };
                        let public = PUBLIC_HIDDEN.iter().any(|p| within(&rel, p))
                            || listed.iter().any(|l| within(&rel, l));
                        // A hidden folder holding a listed file: looked into, and only
                        // the listed files in it published.
                        let on_the_way = e.file_type().is_dir()
                            && listed.iter().any(|l| within(l, &rel));
                        if !public && !on_the_way {
                            skipped.push(
                                Diagnostic::file(
                                    format!("{folder}/{rel}"),
                                    "not published: hidden files and folders under static/ stay private",
                                )
                                .warning()
                                .with_help(Some(format!(
                                    "to publish it, list it in dateline.toml: publish_hidden = [\"{rel}\"]"
                                ))),
                            );
                            left_out.insert(rel, LeftOut::Hidden);
                            return false;
                        }
                    }
                }
            }
            boundary.inside(e, &mut outside)
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
                if rel.to_str().is_none() {
                    let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    errors.push(crate::load::unreadable_name(shown.to_owned()));
                    continue;
                }
                files.push((display_path(rel), entry.path().to_owned()));
            }
            Ok(entry) => {
                let file_type = entry.file_type();
                if let Some(what) = crate::fsx::describe(&file_type).filter(|_| !file_type.is_dir())
                {
                    errors.push(not_regular(root, entry.path(), folder, what));
                }
            }
            Err(e) => errors.push(crate::load::walk_error(root, &e)),
        }
    }
    errors.extend(outside);
    files
}

/// A named pipe, device or socket under `templates/` or `static/`: an error, since
/// every file there is a template or published. Never opened: reading a named pipe
/// blocks.
fn not_regular(root: &Path, path: &Path, folder: &str, what: &str) -> Diagnostic {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let doing = if folder == "templates" {
        "cannot read template"
    } else {
        "cannot publish"
    };
    Diagnostic::file(rel, format!("{doing}: it is {what}, not a regular file"))
        .with_help(Some(crate::fsx::NOT_REGULAR_HELP))
}
