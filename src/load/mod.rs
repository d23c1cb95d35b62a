//! Stage 1, load: read the configuration and every content file, and parse front matter.
//!
//! The result is a [`Corpus`] of documents that each parsed on their own. Nothing here
//! looks across files — ids, dates, URLs and references are checked by `resolve`.
//! Problems are collected as diagnostics; a file that fails to parse is left out so the
//! rest can still be checked in the same run.

pub mod boundary;
pub mod frontmatter;
pub mod image_size;
pub mod locate;
pub mod nested;
pub mod raw;
pub mod site_files;
mod yaml;

use crate::fingerprint::FastMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use raw::{RawEvent, RawExplainer, RawSource};

/// The three kinds of content, named after their folder under `content/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A file under `content/events/`, at any depth.
    Event,
    /// A file under `content/sources/`.
    Source,
    /// A file under `content/explainers/`.
    Explainer,
}

impl Kind {
    fn from_folder(name: &str) -> Option<Kind> {
        match name {
            "events" => Some(Kind::Event),
            "sources" => Some(Kind::Source),
            "explainers" => Some(Kind::Explainer),
            _ => None,
        }
    }
}

/// One content file, parsed on its own.
#[derive(Debug)]
pub struct Doc<T> {
    /// The file stem: `2024-01-03-kerman-explosions`.
    pub id: String,
    /// Relative to the site root: `content/events/2024/2024-01-03-kerman-explosions.md`.
    pub path: PathBuf,
    /// The whole text (BOM removed, LF line endings), kept for error excerpts.
    pub text: String,
    /// Byte range of the front matter inside `text`, and its first line.
    pub matter: std::ops::Range<usize>,
    /// The 1-based line of `text` on which the front matter starts, after its opening
    /// delimiter: 2.
    pub matter_line: usize,
    /// Byte offset of the body inside `text`.
    pub body_offset: usize,
    /// The front matter as parsed: [`RawEvent`], [`RawSource`] or [`RawExplainer`].
    pub raw: T,
    /// What reading the front matter found: errors for the keys that could not be
    /// read, and warnings such as a value a YAML comment cut. Reported on every load
    /// that uses the document, read again or kept by `serve`.
    pub found: Vec<Diagnostic>,
    /// The top-level keys that could not be read: their fields keep their defaults,
    /// and what depends on them is not checked, so that nothing is reported twice.
    pub unread: Vec<String>,
    /// The lists of entries in the front matter (`reports`, `corrections`) as read:
    /// where each entry and field is written, and which entries did not read whole
    /// (see [`nested::List`]); and the `image` map, as one entry, when it was read
    /// field by field.
    pub lists: Vec<nested::List>,
}

impl<T> Doc<T> {
    /// The Markdown body: the text after the front matter's closing delimiter line.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The front matter's text, delimiter lines left out.
    pub fn matter_text(&self) -> &str {
        &self.text[self.matter.clone()]
    }

    /// Whether the value of front matter `key` could not be read.
    pub fn unread(&self, key: &str) -> bool {
        self.unread.iter().any(|k| k == key)
    }

    /// An error at `line` and `col` (1-based) of the front matter, delimiter lines
    /// left out: at the same place in the file.
    pub fn error_in_matter(
        &self,
        (line, col): (usize, usize),
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::at(
            &self.path,
            &self.text,
            line + self.matter_line - 1,
            col,
            message,
        )
    }

    /// An error pointing at the value of a front matter `key` (or `value` under it).
    pub fn error_at_key(
        &self,
        key: &str,
        value: Option<&str>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) = match value {
            Some(value) => frontmatter::locate_value(self.matter_text(), key, value),
            None => frontmatter::locate_key(self.matter_text(), key),
        };
        self.error_in_matter((line, col), message)
    }
}

impl<T> Doc<T> {
    /// The language of the front matter, told by its opening line. SPEC §2.
    pub fn format(&self) -> frontmatter::Format {
        if self.text.starts_with("+++") {
            frontmatter::Format::Toml
        } else {
            frontmatter::Format::Yaml
        }
    }

    /// The `index`th entry (from 0) of the list of entries under front matter
    /// `key` (`reports`), as read: where it and its fields are, and whether it read
    /// whole. `None` when the key holds no such list.
    pub fn entry(&self, key: &str, index: usize) -> Option<&nested::Entry> {
        let list = self.lists.iter().find(|l| l.key == key)?;
        list.entries.get(index)
    }

    /// An error pointing at the key that ends `path` in the front matter (see
    /// [`locate::key_place`]), else as [`Doc::error_at_path`].
    pub fn error_at_key_path(
        &self,
        path: &[locate::Step<'_>],
        message: impl Into<String>,
    ) -> Diagnostic {
        match locate::key_place(self.matter_text(), self.format(), path) {
            Some((line, col)) => self.error_in_matter((line, col), message),
            None => self.error_at_path(path, message),
        }
    }

    /// An error pointing at the value at `path` in the front matter (see
    /// [`locate::place`]): `figures` → `killed` → its first reading → `value`; at
    /// the deepest step written, else at the path's first key.
    pub fn error_at_path(
        &self,
        path: &[locate::Step<'_>],
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) =
            locate::place(self.matter_text(), self.format(), path).unwrap_or_else(|| {
                match path.first() {
                    Some(locate::Step::Key(key)) => {
                        frontmatter::locate_key(self.matter_text(), key)
                    }
                    _ => (1, 1),
                }
            });
        self.error_in_matter((line, col), message)
    }

    /// An error pointing at the value of `field` of the `index`th entry of the list
    /// under `key` (`reports`, its second entry, its `url`), or at the entry itself
    /// when `field` is `None` or not written; at `key` when the entry is not known.
    pub fn entry_error(
        &self,
        (key, index): (&str, usize),
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let entry = self.entry(key, index);
        let place = entry.map(|e| match field.and_then(|f| e.field(f)) {
            Some(field) => field.value,
            None => e.at,
        });
        let (line, col) = place.unwrap_or_else(|| frontmatter::locate_key(self.matter_text(), key));
        self.error_in_matter((line, col), message)
    }
}

/// Everything read from disk, before cross-checking.
#[derive(Debug)]
pub struct Corpus {
    /// The site folder, as given; documents' paths are relative to it.
    pub root: PathBuf,
    /// `dateline.toml` as parsed, with `--base-url` (or `serve`'s origin) applied.
    pub config: Config,
    /// Event files that parsed, drafts only with `--drafts`, in path order.
    pub events: Vec<Doc<RawEvent>>,
    /// Source files that parsed, in path order.
    pub sources: Vec<Doc<RawSource>>,
    /// Explainer files that parsed, drafts only with `--drafts`, in path order.
    pub explainers: Vec<Doc<RawExplainer>>,
    /// Ids of files that failed to load (no front matter could be found in them),
    /// and of the inline explainers their text seems to define. References to them
    /// are not reported again as unknown: the file's own error says what to fix.
    pub broken_ids: std::collections::HashSet<String>,
    /// Names a wikilink may use for what failed to load (titles, names, short names,
    /// subjects, aliases), read loosely from the text of the files that failed and
    /// of those whose front matter has errors, for the same reason.
    pub broken_names: std::collections::HashSet<String>,
    /// Ids of drafts left out of this build, so references to them can say so.
    pub draft_ids: std::collections::HashSet<String>,
    /// What drafts left out of this build cite or link (ids, and wikilink names), so
    /// `check` does not call a source unused while a draft cites it.
    pub draft_references: std::collections::HashSet<String>,
    /// Whether `check`'s warnings are wanted: see [`LoadOptions::lint`].
    pub lint: bool,
}

/// How to load: what the command line asks.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Loads drafts (`draft: true`) as content: `--drafts`. Without it they are left
    /// out, and only what they refer to is kept (see [`Corpus::draft_references`]).
    pub drafts: bool,
    /// Whether `check`'s warnings about loose ends are wanted ([`crate::lint`]):
    /// those that cost work to place, such as a report with no archived copy, are
    /// only made then.
    pub lint: bool,
}

/// Reads the site at `root`. Returns the corpus of everything that parsed, and the
/// diagnostics for everything that did not.
pub fn load(root: &Path, config: Config, options: LoadOptions) -> (Corpus, Diagnostics) {
    load_with(root, config, options, None)
}

/// Files parsed by earlier builds, kept by `serve` between rebuilds. Told which
/// paths changed ([`Cache::changed`], from the file watcher), the next load reads
/// only those and reuses everything else, the list of files included; told nothing,
/// it reads everything. Give the corpus back with [`Cache::keep`] once resolved.
#[derive(Default)]
pub struct Cache {
    /// The content files of the last load, in order, and the warnings found
    /// listing them.
    files: Option<(Files, Vec<Diagnostic>)>,
    parsed: FastMap<PathBuf, Parsed>,
    /// What changed since the last load, relative to the root; `None`: unknown.
    changed: Option<Vec<PathBuf>>,
}

impl Cache {
    /// Takes back the documents of a corpus loaded through this cache, so the next
    /// load reuses those whose files did not change.
    pub fn keep(&mut self, corpus: Corpus) {
        let docs = (corpus.events.into_iter().map(Parsed::Event))
            .chain(corpus.sources.into_iter().map(Parsed::Source))
            .chain(corpus.explainers.into_iter().map(Parsed::Explainer));
        for parsed in docs {
            self.parsed.insert(parsed.path().to_owned(), parsed);
        }
    }

    /// Tells the next load the paths that changed since the last (absolute, or
    /// relative to the root): files written, made, removed or renamed.
    pub fn changed(&mut self, root: &Path, paths: &[PathBuf]) {
        let relative = paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_owned());
        self.changed.get_or_insert_with(Vec::new).extend(relative);
    }
}

/// Content files by kind, in the order they are read.
type Files = Vec<(Kind, PathBuf)>;

/// [`load`], reusing the documents `cache` kept whose files did not change.
pub fn load_cached(
    root: &Path,
    config: Config,
    options: LoadOptions,
    cache: &mut Cache,
) -> (Corpus, Diagnostics) {
    load_with(root, config, options, Some(cache))
}

fn load_with(
    root: &Path,
    config: Config,
    options: LoadOptions,
    cache: Option<&mut Cache>,
) -> (Corpus, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let boundary = boundary::Boundary::new(root, &config);
    let (files, mut kept) = match cache {
        None => (
            discover(root, &boundary, &mut diagnostics),
            FastMap::default(),
        ),
        Some(cache) => {
            let changed = cache.changed.take();
            let listed = cache.files.take();
            let mut kept = std::mem::take(&mut cache.parsed);
            let patched = match (listed, &changed) {
                (Some((files, warnings)), Some(changed)) => {
                    patch(root, files, changed).map(|files| (files, warnings))
                }
                _ => None,
            };
            let (files, warnings) = patched.unwrap_or_else(|| {
                let mut found = Diagnostics::default();
                let files = discover(root, &boundary, &mut found);
                (files, found.0)
            });
            match &changed {
                Some(changed) => {
                    kept.retain(|path, _| !changed.iter().any(|c| path.starts_with(c)))
                }
                None => kept.clear(),
            }
            diagnostics.extend(warnings.iter().cloned());
            cache.files = Some((files.clone(), warnings));
            (files, kept)
        }
    };
    let kept: Vec<Option<Parsed>> = files.iter().map(|(_, path)| kept.remove(path)).collect();
    let parsed: Vec<Result<Parsed, Box<Failed>>> = files
        .par_iter()
        .zip(kept)
        .map(|((kind, path), kept)| match kept {
            Some(parsed) => Ok(parsed),
            None => {
                let bytes = crate::fsx::read_regular(&root.join(path)).map_err(|e| {
                    let help = matches!(e, crate::fsx::ReadError::NotRegular(_))
                        .then_some(crate::fsx::NOT_REGULAR_HELP);
                    Box::new(Failed::from(
                        Diagnostic::file(path, format!("cannot read the file: {e}"))
                            .with_help(help),
                    ))
                })?;
                parse_file(*kind, path, bytes)
            }
        })
        .collect();
    let paths = files.into_iter().map(|(_, path)| path);
    let corpus = assemble(root, config, options, paths.zip(parsed), &mut diagnostics);
    (corpus, diagnostics)
}

/// The content files after `changed` (relative paths), from the list before, when
/// the change is plain: content files written, made or removed. Anything else — a
/// folder, a file that is not Markdown, a symbolic link — returns `None`, and the
/// content folder is listed afresh.
fn patch(root: &Path, mut files: Files, changed: &[PathBuf]) -> Option<Files> {
    if !files.is_sorted_by(|a, b| a.1 < b.1) {
        return None;
    }
    for rel in changed {
        if !rel.starts_with("content") {
            continue;
        }
        let name = rel.to_str().and(rel.file_name())?.to_string_lossy();
        let place = files.binary_search_by(|(_, p)| p.as_path().cmp(rel));
        match std::fs::symlink_metadata(root.join(rel)) {
            Ok(meta) if meta.is_file() => {
                // As `discover` skips them: a hidden or scratch file, or any file
                // in a hidden folder (`content/events/.drafts/x.md`).
                let hidden_folder = rel.parent().is_some_and(|p| {
                    p.components()
                        .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
                });
                if is_ignored(&name) || hidden_folder {
                    continue;
                }
                let kind = kind_of(rel)?;
                if let Err(at) = place {
                    files.insert(at, (kind, rel.clone()));
                }
            }
            Ok(_) => return None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Ok(at) = place {
                    files.remove(at);
                } else if files.iter().any(|(_, p)| p.starts_with(rel)) {
                    // A folder of content files, removed or renamed.
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
    Some(files)
}

/// Loads content given as `(path, bytes)` pairs instead of read from disk, with
/// paths like `content/events/x.md`; other paths are ignored. Pure, reading nothing
/// from disk: the entry point for property tests and fuzzing.
pub fn from_memory(
    root: &Path,
    config: Config,
    options: LoadOptions,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> (Corpus, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let parsed = files.into_iter().filter_map(|(path, bytes)| {
        let kind = kind_of(&path)?;
        let parsed = parse_file(kind, &path, bytes);
        Some((path, parsed))
    });
    let corpus = assemble(root, config, options, parsed, &mut diagnostics);
    (corpus, diagnostics)
}

/// The kind of a Markdown file under `content/events`, `content/sources` or
/// `content/explainers` (at any depth), from its path relative to the root.
fn kind_of(rel: &Path) -> Option<Kind> {
    let mut components = rel.components();
    if components.next()?.as_os_str() != "content" {
        return None;
    }
    let kind = Kind::from_folder(&components.next()?.as_os_str().to_string_lossy())?;
    let is_markdown = rel.extension().is_some_and(|e| e == "md");
    (is_markdown && components.next().is_some()).then_some(kind)
}

/// Sorts parsed files into a corpus: drafts set aside unless asked for, files that
/// failed remembered so references to them are not reported twice.
fn assemble(
    root: &Path,
    config: Config,
    options: LoadOptions,
    parsed: impl Iterator<Item = (PathBuf, Result<Parsed, Box<Failed>>)>,
    diagnostics: &mut Diagnostics,
) -> Corpus {
    let mut corpus = Corpus {
        root: root.to_owned(),
        config,
        events: Vec::new(),
        sources: Vec::new(),
        explainers: Vec::new(),
        broken_ids: Default::default(),
        broken_names: Default::default(),
        draft_ids: Default::default(),
        draft_references: Default::default(),
        lint: options.lint,
    };
    for (path, result) in parsed {
        let doc = match result {
            Ok(doc) => doc,
            Err(failed) => {
                corpus.broken_ids.insert(id_of(&path));
                let (ids, names) = loosely_named(&failed.text);
                corpus.broken_ids.extend(ids);
                corpus.broken_names.extend(names);
                diagnostics.push(failed.diagnostic);
                continue;
            }
        };
        let (found, text) = doc.found_and_text();
        diagnostics.extend(found.iter().cloned());
        if found.iter().any(Diagnostic::is_error) {
            // What its unread keys name is not reported again as unknown.
            corpus.broken_names.extend(loosely_named(text).1);
        }
        match doc {
            Parsed::Event(doc) if options.drafts || !doc.raw.draft => corpus.events.push(doc),
            Parsed::Explainer(doc) if options.drafts || !doc.raw.draft => {
                corpus.explainers.push(doc)
            }
            Parsed::Source(doc) => corpus.sources.push(doc),
            Parsed::Event(doc) => {
                let listed = doc.raw.sources.iter().chain(&doc.raw.explainers).cloned();
                corpus.draft_references.extend(listed);
                corpus.draft_references.extend(doc.raw.tags.iter().cloned());
                corpus.draft_references.extend(references_in(doc.body()));
                corpus.draft_ids.insert(doc.id);
            }
            Parsed::Explainer(doc) => {
                corpus.draft_references.extend(doc.raw.tags.iter().cloned());
                corpus.draft_references.extend(references_in(doc.body()));
                corpus.draft_ids.insert(doc.id);
            }
        }
    }
    corpus
}

/// What a Markdown body refers to, read loosely (a draft's body is not resolved):
/// `@id` in citations, `source:id` and `explainer:id` link targets, and wikilink
/// names.
fn references_in(body: &str) -> Vec<String> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut found = Vec::new();
    for marker in ["@", "source:", "explainer:"] {
        for (at, _) in body.match_indices(marker) {
            let rest = &body[at + marker.len()..];
            let end = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
            if end > 0 {
                found.push(crate::slug::nfc(&rest[..end]));
            }
        }
    }
    for (at, _) in body.match_indices("[[") {
        let rest = &body[at + 2..];
        if let Some(end) = rest.find("]]") {
            let target = rest[..end].split('|').next().unwrap_or_default();
            found.push(target.trim().to_owned());
        }
    }
    found
}

/// What a file that failed to parse seems to be called, read line by line without a
/// parser: the ids of the inline explainers it defines (`## Who is X {#x
/// .explainer}`), and its names — the values of `title`, `name`, `short`, `subject`
/// and `aliases`, and inline explainers' headings and subjects. Only used to keep
/// quiet about references to it, so a guess too many costs nothing.
fn loosely_named(text: &str) -> (Vec<String>, Vec<String>) {
    const NAMED: [&str; 5] = ["title", "name", "short", "subject", "aliases"];
    let unquote = |v: &str| {
        v.trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .trim()
            .to_owned()
    };
    let (mut ids, mut names) = (Vec::new(), Vec::new());
    let mut list_key = false;
    for line in text.lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ")
            && list_key
            && line.starts_with([' ', '-'])
        {
            names.push(unquote(item));
            continue;
        }
        list_key = false;
        if let Some(heading) = line.strip_prefix('#')
            && let Some(at) = heading.find("{#")
            && heading.contains(".explainer")
        {
            let attrs = &heading[at + 2..];
            let end = attrs.find([' ', '}']).unwrap_or(attrs.len());
            ids.push(crate::slug::nfc(&attrs[..end]));
            let title = heading[..at].trim_start_matches('#').trim();
            names.extend(crate::subject::subject_of(title));
            names.push(title.to_owned());
            continue;
        }
        let Some(sep) = line.find([':', '=']) else {
            continue;
        };
        // A stray byte before the key (read as `�`) leaves the key recognisable.
        let key = line[..sep].trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !NAMED.contains(&key) || line.starts_with([' ', '\t']) {
            continue;
        }
        let value = line[sep + 1..].trim();
        if let Some(flow) = value.strip_prefix('[') {
            let flow = flow.trim_end().trim_end_matches(']');
            names.extend(flow.split(',').map(unquote));
        } else if value.is_empty() {
            list_key = true;
        } else {
            names.push(unquote(value));
        }
    }
    // A stray byte inside a name: the name without it too.
    let mended: Vec<String> = names
        .iter()
        .filter(|n| n.contains('\u{fffd}'))
        .map(|n| n.replace('\u{fffd}', ""))
        .collect();
    names.extend(mended);
    names.retain(|n| !n.is_empty());
    (ids, names)
}

/// Lists content files by kind, in a stable order, inside `boundary`. Other files
/// under `content/` are warned about; hidden files and editor backups are skipped
/// without a word.
pub fn discover(
    root: &Path,
    boundary: &boundary::Boundary,
    diagnostics: &mut Diagnostics,
) -> Vec<(Kind, PathBuf)> {
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::file("content", "the site has no content/ folder")
                .with_help(Some("events go in content/events/, sources in content/sources/, explainers in content/explainers/; check --root")),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut outside = Vec::new();
    if !boundary.check_folder("content", &mut outside) {
        diagnostics.extend(outside);
        return files;
    }
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            (e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()))
                && boundary.inside(e, &mut outside)
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(walk_error(root, &e));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if rel.to_str().is_none() && !entry.file_type().is_dir() {
            diagnostics.push(unreadable_name(rel));
            continue;
        }
        if let Some(what) = crate::fsx::describe(&entry.file_type()) {
            if !entry.file_type().is_dir() {
                diagnostics.push(not_regular(rel, what));
            }
            continue;
        }
        match kind_of(&rel) {
            Some(kind) => files.push((kind, rel)),
            _ => diagnostics.push(
                Diagnostic::file(&rel, "skipped: not a Markdown file in content/events, content/sources or content/explainers")
                    .warning(),
            ),
        }
    }
    diagnostics.extend(outside);
    files
}

/// A path that is not valid UTF-8 (Linux allows any bytes but `/` and NUL): its id
/// and URL could only be guessed, so the file is refused, named with `�` for the
/// bytes that cannot be shown.
pub fn unreadable_name(rel: PathBuf) -> Diagnostic {
    Diagnostic::file(rel, "the file name is not valid UTF-8").with_help(Some(
        "rename the file (or the folder holding it) using UTF-8 characters; `�` marks the bytes that are not",
    ))
}

/// A content entry that is not a regular file (a named pipe, a device, a socket): an
/// error when its name is a content file's, which the editor meant to be read, a
/// warning otherwise. Never opened: reading a named pipe blocks.
fn not_regular(rel: PathBuf, what: &str) -> Diagnostic {
    let diagnostic = Diagnostic::file(
        &rel,
        format!("cannot read: it is {what}, not a regular file"),
    )
    .with_help(Some(crate::fsx::NOT_REGULAR_HELP));
    if kind_of(&rel).is_some() {
        diagnostic
    } else {
        Diagnostic::file(&rel, format!("skipped: it is {what}, not a regular file")).warning()
    }
}

/// A walk error as a diagnostic: a symbolic link loop says so and how to fix it.
pub fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map_or_else(|| root.join("content"), Path::to_owned);
    let path = relative(root, &path);
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::file(path, "symbolic link loop").with_help(Some(format!(
            "the link leads back to {}, which contains it; remove the link",
            crate::diagnostic::display_path(&relative(root, ancestor))
        )));
    }
    let cause = e.io_error().map_or(e.to_string(), ToString::to_string);
    let help = e
        .io_error()
        // ELOOP: 40 on Linux, 62 on macOS and the BSDs.
        .is_some_and(|io| matches!(io.raw_os_error(), Some(40 | 62)))
        .then_some("a symbolic link here points to itself; remove it");
    Diagnostic::file(path, format!("cannot read: {cause}")).with_help(help)
}

/// Hidden files and editor leftovers: `.x.md`, `.#x.md`, `x.md~`, `#x.md#`, `x.swp`.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_editor_scratch(name)
}

/// Files editors write beside the one being edited: swap, backup, lock and
/// temporary files. `dateline serve` does not rebuild for them either.
pub fn is_editor_scratch(name: &str) -> bool {
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

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

enum Parsed {
    Event(Doc<RawEvent>),
    Source(Doc<RawSource>),
    Explainer(Doc<RawExplainer>),
}

impl Parsed {
    fn path(&self) -> &Path {
        match self {
            Parsed::Event(doc) => &doc.path,
            Parsed::Source(doc) => &doc.path,
            Parsed::Explainer(doc) => &doc.path,
        }
    }

    /// What reading the document's front matter found, and its text.
    fn found_and_text(&self) -> (&[Diagnostic], &str) {
        match self {
            Parsed::Event(doc) => (&doc.found, &doc.text),
            Parsed::Source(doc) => (&doc.found, &doc.text),
            Parsed::Explainer(doc) => (&doc.found, &doc.text),
        }
    }
}

/// A file that failed to load: its error, and its text as far as it could be read
/// (invalid UTF-8 replaced; empty when the file could not be read), from which
/// [`loosely_named`] guesses what others call it.
struct Failed {
    diagnostic: Diagnostic,
    text: String,
}

impl From<Diagnostic> for Failed {
    fn from(diagnostic: Diagnostic) -> Self {
        Failed {
            diagnostic,
            text: String::new(),
        }
    }
}

fn parse_file(kind: Kind, rel: &Path, bytes: Vec<u8>) -> Result<Parsed, Box<Failed>> {
    let text = decode_keeping(rel, bytes).map_err(|failed| {
        let (diagnostic, bytes) = *failed;
        Box::new(Failed {
            diagnostic,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        })
    })?;
    let failed = |failed: Box<(Diagnostic, String)>| {
        let (diagnostic, text) = *failed;
        Box::new(Failed { diagnostic, text })
    };
    Ok(match kind {
        Kind::Event => {
            Parsed::Event(parse_doc_keeping(rel, text, raw::EVENT_FIELDS).map_err(failed)?)
        }
        Kind::Source => {
            Parsed::Source(parse_doc_keeping(rel, text, raw::SOURCE_FIELDS).map_err(failed)?)
        }
        Kind::Explainer => {
            Parsed::Explainer(parse_doc_keeping(rel, text, raw::EXPLAINER_FIELDS).map_err(failed)?)
        }
    })
}

/// UTF-8 text with the BOM removed and CRLF turned into LF.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    decode_keeping(rel, bytes).map_err(|failed| failed.0)
}

/// [`decode`], giving the bytes back with the error.
fn decode_keeping(rel: &Path, bytes: Vec<u8>) -> Result<String, Box<(Diagnostic, Vec<u8>)>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let (line, col) = crate::diagnostic::line_col(&valid, valid.len());
        // The line shown goes on past the bad byte, which shows as `�`.
        let line_end =
            memchr::memchr(b'\n', &e.as_bytes()[at..]).map_or(e.as_bytes().len(), |n| at + n);
        let text = String::from_utf8_lossy(&e.as_bytes()[..line_end]);
        let diagnostic = Diagnostic::at(rel, &text, line, col, "the file is not valid UTF-8")
            .with_width(1)
            .with_help(Some("save the file as UTF-8 in your editor"));
        Box::new((diagnostic, e.into_bytes()))
    })?;
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let diagnostic = nul_error(rel, &text, at);
        return Err(Box::new((diagnostic, text.into_bytes())));
    }
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// A NUL byte at byte `at` of `text`: never passed on to a page or a feed, where it
/// is invalid (XML) or shown as nothing at all.
pub fn nul_error(rel: &Path, text: &str, at: usize) -> Diagnostic {
    Diagnostic::at_offset(rel, text, at, "the file contains a NUL byte (U+0000)")
        .with_width(1)
        .with_help(Some(NUL_HELP))
}

/// The help for a NUL byte in a file: how to find and remove it.
pub const NUL_HELP: &str = "remove it: most editors do not show it (in vim, search for `\\%x00`); it cannot appear in a web page";

/// A document's id: its file stem, in NFC so that ids typed on any system match.
pub fn id_of(rel: &Path) -> String {
    rel.file_stem()
        .map(|s| crate::slug::nfc(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Parses one document from its text. Pure: the entry point for tests and fuzzing.
/// The document is returned when its front matter read without errors (warnings are
/// in [`Doc::found`]); otherwise the first error.
pub fn parse_doc<T: DeserializeOwned + Default>(
    rel: &Path,
    text: String,
    known: &[&str],
) -> Result<Doc<T>, Diagnostic> {
    let doc = parse_doc_keeping(rel, text, known).map_err(|failed| failed.0)?;
    match doc.found.iter().find(|d| d.is_error()) {
        Some(error) => Err(error.clone()),
        None => Ok(doc),
    }
}

/// Parses one document: an error only when no front matter could be found in it
/// (giving the text back); otherwise the document with what could be read, and
/// what was found wrong in [`Doc::found`].
fn parse_doc_keeping<T: DeserializeOwned + Default>(
    rel: &Path,
    text: String,
    known: &[&str],
) -> Result<Doc<T>, Box<(Diagnostic, String)>> {
    let parsed = frontmatter::split(rel, &text)
        .and_then(|split| Ok((frontmatter::parse::<T>(rel, &text, &split, known)?, split)));
    let (read, split) = match parsed {
        Ok(parsed) => parsed,
        Err(diagnostic) => return Err(Box::new((diagnostic, text))),
    };
    let matter = split.matter_offset..split.matter_offset + split.matter.len();
    let (matter_line, body_offset) = (split.matter_line, split.body_offset);
    let id = id_of(rel);
    Ok(Doc {
        id,
        path: rel.to_owned(),
        text,
        matter,
        matter_line,
        body_offset,
        raw: read.value,
        found: read.found,
        unread: read.unread,
        lists: read.lists,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_and_crlf() {
        let text = decode(
            Path::new("x.md"),
            b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nBody\r\n".to_vec(),
        )
        .unwrap();
        let doc: Doc<RawEvent> =
            parse_doc(Path::new("content/events/x.md"), text, raw::EVENT_FIELDS).unwrap();
        assert_eq!(doc.raw.title, "A");
        assert_eq!(doc.body(), "Body\n");
        assert_eq!(doc.id, "x");
    }

    #[test]
    fn maps_yaml_and_toml_to_the_same_fields() {
        let yaml = "---\ntitle: A\ndate: 2024-01-03\ntags: [x]\nextra:\n  desk: world\n---\n";
        let toml = "+++\ntitle = \"A\"\ndate = 2024-01-03\ntags = [\"x\"]\n[extra]\ndesk = \"world\"\n+++\n";
        let a: Doc<RawEvent> =
            parse_doc(Path::new("a.md"), yaml.into(), raw::EVENT_FIELDS).unwrap();
        let b: Doc<RawEvent> =
            parse_doc(Path::new("a.md"), toml.into(), raw::EVENT_FIELDS).unwrap();
        assert_eq!(a.raw.date, b.raw.date);
        assert_eq!(a.raw.tags, b.raw.tags);
        assert_eq!(a.raw.extra, b.raw.extra);
        assert_eq!(a.raw.extra["desk"], "world");
    }

    #[test]
    fn reads_reports_from_yaml_and_toml_alike() {
        let yaml = "---\ntitle: A\nreports:\n  - source: afp\n    url: https://news.example/1\n    published: 2024-01-03T17:20+03:30\n  - { id: afp-toll, source: afp, url: \"https://news.example/2\", retrieved: 2024-01-04 }\n---\n";
        let toml = "+++\ntitle = \"A\"\n[[reports]]\nsource = \"afp\"\nurl = \"https://news.example/1\"\npublished = \"2024-01-03T17:20+03:30\"\n[[reports]]\nid = \"afp-toll\"\nsource = \"afp\"\nurl = \"https://news.example/2\"\nretrieved = 2024-01-04\n+++\n";
        let a: Doc<RawEvent> =
            parse_doc(Path::new("a.md"), yaml.into(), raw::EVENT_FIELDS).unwrap();
        let b: Doc<RawEvent> =
            parse_doc(Path::new("a.md"), toml.into(), raw::EVENT_FIELDS).unwrap();
        assert_eq!(a.raw.reports, b.raw.reports);
        assert_eq!(a.raw.reports.len(), 2);
        assert_eq!(a.raw.reports[1].id.as_deref(), Some("afp-toll"));
        assert_eq!(
            a.raw.reports[0].published,
            Some(raw::RawDate("2024-01-03T17:20+03:30".into()))
        );
        assert_eq!(a.format(), frontmatter::Format::Yaml);
        assert_eq!(b.format(), frontmatter::Format::Toml);
        let at = |doc: &Doc<RawEvent>, n, field| {
            let d = doc.entry_error(("reports", n), Some(field), "x");
            (d.line, d.col)
        };
        assert_eq!(at(&a, 1, "url"), (7, 39));
        assert_eq!(at(&b, 1, "url"), (10, 7));
        // Not written: the entry itself.
        assert_eq!(at(&a, 0, "title"), (4, 5));
        assert_eq!(at(&b, 0, "title"), (3, 1));
    }

    #[test]
    fn reports_invalid_utf8_with_its_position() {
        let err = decode(Path::new("x.md"), b"---\ntitle: \xFF\n".to_vec()).unwrap_err();
        assert_eq!((err.line, err.col), (2, 8));
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".x.md", ".#x.md", "x.md~", "#x.md#", "x.md.swp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("x.md"));
    }
}
