//! `dateline import`: a TimelineJS timeline — TimelineJS3 JSON, or the Google Sheets
//! template exported as CSV — written into a site as one event file per slide, the
//! title slide as the site's title and description.
//!
//! All or nothing: the source is read and mapped ([`crate::import`]), every file
//! name checked against the site, and the new files tried with the rest of the site
//! as `dateline new` tries one, before anything is written. The source's problems
//! and the clashes with the site are reported in one run (the trial needs every
//! slide read, so it follows once those are fixed), and then nothing is written. No file is ever overwritten
//! but `dateline.toml`, whose title and description are set in place, its other
//! settings, comments and layout kept.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use super::new::{create_new, write_new};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::import::mapping::{self, Notes, Settings};
use crate::import::{Format, Origin, Problem, Timeline};
use crate::load::Kind;
use crate::messages::{plural, report};

/// `dateline import`'s options.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The TimelineJS file: TimelineJS3 JSON (.json) or the Google Sheets template
    /// exported as CSV (.csv)
    pub file: PathBuf,
    /// The file's format [default: by its extension]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The zone the timeline's times are wall-clock times in, e.g. Asia/Tehran
    /// [default: the site's timezone, else UTC]
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// The site folder to import into (holding content/ and dateline.toml, or
    /// empty but for a fresh clone's files and static/)
    #[arg(long, default_value = ".", value_parser = super::existing_dir)]
    pub root: PathBuf,
}

/// A file the import will write.
struct Planned {
    /// Relative to the site root.
    rel: PathBuf,
    /// Front matter and body.
    text: String,
    /// The slide it comes from.
    origin: Origin,
}

impl ImportArgs {
    /// Reads the source, writes its events and prints a summary. Nothing is written,
    /// and every reason is reported, when the source or the site has problems
    /// ([`Outcome::ContentErrors`]) or an argument is wrong ([`Outcome::Usage`]).
    /// `Err` when a file cannot be read or written.
    pub fn run(self) -> anyhow::Result<Outcome> {
        let (format, zone_flag) = match self.options() {
            Ok(options) => options,
            Err(outcome) => return Ok(outcome),
        };
        let bytes = std::fs::read(&self.file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", display_path(&self.file)))?;
        let (timeline, mut problems) = match String::from_utf8(bytes) {
            Ok(text) => format.read(&text),
            Err(e) => (Timeline::default(), vec![not_utf8(&e, format)]),
        };
        if problems.is_empty() && timeline.events.is_empty() {
            problems.push(Problem::file(
                "the timeline has no events to import",
                Some("a TimelineJS timeline needs at least one slide with a date".into()),
            ));
        }

        let has_config = self.root.join(CONFIG_FILE).exists();
        let config = match Config::load(&self.root) {
            Ok(config) => config,
            Err(errors) => {
                report(&Diagnostics(errors));
                errln!("error: fix dateline.toml first; nothing was written");
                return Ok(Outcome::ContentErrors);
            }
        };
        // Times are read in the zone given, else the site's, else UTC; a new
        // dateline.toml names that zone, so only an existing one without it (or
        // with another) needs a `timezone:` in each event with a time.
        let zone = zone_flag.or(config.timezone).unwrap_or(chrono_tz::UTC);
        verboseln!(
            "source {}, read as {}",
            self.file.display(),
            match format {
                Format::Json => "TimelineJS3 JSON",
                Format::Csv => "the TimelineJS sheet as CSV",
            }
        );
        verboseln!(
            "times read in {} ({}), site {}, configuration {}",
            zone.name(),
            if zone_flag.is_some() {
                "--timezone"
            } else if config.timezone.is_some() {
                "the site's timezone"
            } else {
                "the default"
            },
            self.root.display(),
            if has_config {
                self.root.join(CONFIG_FILE).display().to_string()
            } else {
                "none yet".to_owned()
            }
        );
        let dates = crate::i18n::dates::DateStyle::new(&config.language, config.calendar);
        let root = self.root.clone();
        let is_static = move |path: &str| root.join("static").join(path).is_file();
        let settings = Settings {
            zone,
            zone_per_event: has_config && config.timezone != Some(zone),
            dates: &dates,
            is_static: &is_static,
        };
        let mut notes = Notes::default();
        let mut events = Vec::new();
        for slide in &timeline.events {
            match mapping::event(slide, &settings, &mut notes) {
                Ok(event) => events.push(event),
                Err(found) => problems.extend(found),
            }
        }
        // The events that could be read are placed even when others could not, so
        // a clash with the site is reported in the same run as a bad cell.
        let boundary = crate::load::boundary::Boundary::new(&self.root, &config);
        let existing = if self.root.join("content").is_dir() {
            crate::load::discover(&self.root, &boundary, &mut Diagnostics::default())
        } else {
            Vec::new()
        };
        let stems = unique_stems(&events);
        for (event, stem) in events.iter().zip(&stems) {
            if event.from_unique_id && *stem != event.stem {
                notes
                    .renamed_ids
                    .push((event.origin.clone(), format!("`{}` → `{stem}`", event.stem)));
            }
        }
        let planned = self.plan(&events, &stems, &existing, &boundary);
        let planned = match (problems.is_empty(), planned) {
            (true, Ok(planned)) => planned,
            (true, Err(clashes)) => {
                report(&clashes);
                errln!(
                    "error: import refused: {}; nothing was written",
                    crate::messages::counts(&clashes)
                );
                return Ok(Outcome::ContentErrors);
            }
            (false, planned) => {
                return Ok(self.fail(format, problems, planned.err().unwrap_or_default()));
            }
        };
        let title = timeline.title.as_ref().map(mapping::title);
        let (config_text, new_config) =
            match new_config(&self.root, has_config, title.clone(), zone, &config) {
                Ok(new) => new,
                Err(outcome) => return Ok(outcome),
            };
        let introduced = trial(&self.root, &new_config, &existing, &planned);
        if introduced.has_errors() {
            report(&introduced);
            for file in planned
                .iter()
                .filter(|f| introduced.0.iter().any(|d| d.path == f.rel))
            {
                errln!("note: {} would be {}", display_path(&file.rel), file.origin);
            }
            errln!(
                "error: the imported events would not build ({}); nothing was written",
                crate::messages::counts(&introduced)
            );
            return Ok(Outcome::ContentErrors);
        }

        write(&self.root, &planned, has_config, config_text.as_deref())?;
        let was = (config.title.clone(), config.description.clone());
        summary(
            &timeline, &planned, &notes, has_config, title, was, zone, &self.root,
        );
        Ok(Outcome::Success)
    }

    /// The format and the zone asked for, after checking that the root is a site
    /// or an empty folder; a usage error is reported, and its outcome returned.
    fn options(&self) -> Result<(Format, Option<chrono_tz::Tz>), Outcome> {
        let Some(format) = self.format.or_else(|| Format::from_extension(&self.file)) else {
            errln!(
                "error: cannot tell the format of {} from its name",
                display_path(&self.file)
            );
            errln!("  = help: name it .json or .csv, or pass --format json or --format csv");
            return Err(Outcome::Usage);
        };
        let zone = match self.timezone.as_deref().map(crate::date::parse_zone) {
            None => None,
            Some(Ok(zone)) => Some(zone),
            Some(Err(e)) => {
                errln!("error: --timezone: {}", e.message);
                if let Some(help) = e.help {
                    errln!("  = help: {help}");
                }
                return Err(Outcome::Usage);
            }
        };
        let is_site = self.root.join(CONFIG_FILE).is_file() || self.root.join("content").is_dir();
        // As empty as `init` takes a folder to be (a fresh clone), and a `static/`
        // folder, where images the timeline names by path are copied first.
        let mut others = std::fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| {
                let static_folder = name == "static" && self.root.join(name).is_dir();
                !(super::init::fresh_repository_file(name) || static_folder)
            });
        if !is_site && let Some(name) = others.next() {
            errln!(
                "error: {} is not a dateline site (it has no dateline.toml and no content/ folder) and not empty (it holds `{name}`); nothing was written",
                self.root.display()
            );
            errln!(
                "  = help: pass --root with a site's folder or an empty one (a fresh clone and a static/ folder are fine), or start a site with dateline init"
            );
            return Err(Outcome::Usage);
        }
        Ok((format, zone))
    }

    /// Reports the problems found in the source, sorted by row or event, then the
    /// clashes with the site of the events that could be read.
    fn fail(&self, format: Format, mut problems: Vec<Problem>, clashes: Diagnostics) -> Outcome {
        problems.sort_by_key(Problem::order);
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems.iter().map(|p| {
            Diagnostic::file(&self.file, p.line(format == Format::Csv)).with_help(p.help.clone())
        }));
        diagnostics.extend(clashes.0);
        report(&diagnostics);
        errln!(
            "error: import failed: {}; nothing was written",
            crate::messages::counts(&diagnostics)
        );
        Outcome::ContentErrors
    }

    /// Where each event goes, or every clash: an id another event of the site has
    /// (the timeline imported already), a file that exists, a path the build would
    /// not read.
    fn plan(
        &self,
        events: &[mapping::Event],
        stems: &[String],
        existing: &[(Kind, PathBuf)],
        boundary: &crate::load::boundary::Boundary,
    ) -> Result<Vec<Planned>, Diagnostics> {
        let taken: BTreeMap<String, &PathBuf> = existing
            .iter()
            .filter(|(kind, _)| *kind == Kind::Event)
            .map(|(_, path)| (crate::load::id_of(path), path))
            .collect();
        let mut planned = Vec::new();
        let mut clashes = Diagnostics::default();
        for (event, stem) in events.iter().zip(stems) {
            let stem = stem.clone();
            let folder = super::new::events_folder(&self.root, &event.date);
            let rel = folder.join(format!("{stem}.md"));
            let origin = &event.origin;
            if let Some(path) = taken.get(&stem) {
                clashes.push(
                    Diagnostic::file(
                        path.as_path(),
                        format!("{origin}: the event id `{stem}` is taken by this file"),
                    )
                    .with_help(Some(
                        "the timeline was imported already, or the site has an event of that name: remove or rename that file, or import into another site",
                    )),
                );
            } else if self.root.join(&rel).exists() {
                clashes.push(
                    Diagnostic::file(&rel, format!("{origin}: the file exists already"))
                        .with_help(Some("remove or rename it, or import into another site")),
                );
            } else if let Err(refused) = boundary.check_write(&self.root.join(&rel)) {
                clashes.push(refused);
            }
            planned.push(Planned {
                rel,
                text: event.text.clone(),
                origin: origin.clone(),
            });
        }
        if clashes.0.is_empty() {
            Ok(planned)
        } else {
            Err(clashes)
        }
    }
}

/// A file that is not UTF-8 (Excel's CSV is often Windows-1252): the line of the
/// first byte that is not, and how to export the file as UTF-8.
fn not_utf8(e: &std::string::FromUtf8Error, format: Format) -> Problem {
    let bytes = e.as_bytes();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Problem::file(
            "the file is UTF-16 text (Excel's \"Unicode text\"), not UTF-8",
            Some("save it as UTF-8: in Excel, Save As → CSV UTF-8".into()),
        );
    }
    let at = e.utf8_error().valid_up_to();
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let help = match format {
        Format::Csv => {
            "save it as UTF-8: in Excel, Save As → CSV UTF-8; in Google Sheets, File → Download → Comma-separated values is UTF-8 already"
        }
        Format::Json => "save it as UTF-8 text",
    };
    // From 0xA0 up, Windows-1252 is Latin-1: the letter meant can be named.
    let letter = match bytes.get(at) {
        Some(&byte) if byte >= 0xA0 => format!(", `{}` in Windows-1252", char::from(byte)),
        _ => String::new(),
    };
    Problem::file(
        format!(
            "line {line}: the file is not UTF-8 text (byte 0x{:02X}{letter})",
            bytes.get(at).copied().unwrap_or_default()
        ),
        Some(help.to_owned()),
    )
}

/// The new text of `dateline.toml` (`None` when it stays as it is) and the
/// configuration it gives; when it cannot be made, or would not load, the reason is
/// reported and the outcome returned.
fn new_config(
    root: &Path,
    has_config: bool,
    title: Option<(Option<String>, Option<String>)>,
    zone: chrono_tz::Tz,
    config: &Config,
) -> Result<(Option<String>, Config), Outcome> {
    let text = config_text(root, has_config, title, zone).map_err(|message| {
        errln!("error: {message}; nothing was written");
        Outcome::ContentErrors
    })?;
    match text.as_deref().map(Config::parse) {
        None => Ok((None, config.clone())),
        Some(Ok(config)) => Ok((text, config)),
        Some(Err(errors)) => {
            report(&Diagnostics(errors));
            errln!("error: the new dateline.toml would not load; nothing was written");
            Err(Outcome::ContentErrors)
        }
    }
}

/// Each event's file stem, made unique within the import: the second and later
/// events asking for one stem get `-2`, `-3` … in the source's order.
fn unique_stems(events: &[mapping::Event]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    events
        .iter()
        .map(|event| {
            let mut stem = event.stem.clone();
            let mut n = 1;
            while !used.insert(stem.clone()) {
                n += 1;
                stem = format!("{}-{n}", event.stem);
            }
            stem
        })
        .collect()
}

/// The text `dateline.toml` is to have: `None` when it stays as it is. A site
/// without one gets a small one; an existing one gets the title slide's headline as
/// `title` and its text as `description`, all else kept (`toml_edit` keeps comments,
/// order and layout).
fn config_text(
    root: &Path,
    has_config: bool,
    title: Option<(Option<String>, Option<String>)>,
    zone: chrono_tz::Tz,
) -> Result<Option<String>, String> {
    let (title, description) = title.unwrap_or_default();
    if !has_config {
        let title = title.unwrap_or_else(|| "Imported timeline".to_owned());
        let quote = |s: &str| toml_edit::Value::from(s).to_string().trim().to_owned();
        let mut text = format!(
            "# Written by dateline import. Every key is described in the dateline README.\ntitle = {}\n",
            quote(&title)
        );
        if let Some(description) = description {
            text.push_str(&format!("description = {}\n", quote(&description)));
        }
        text.push_str(
            "# Where the site is published, e.g. \"https://user.github.io/repo/\".\nbase_url = \"/\"\nlanguage = \"en\"\n# TimelineJS has no time zones: its times were read in this one.\n",
        );
        text.push_str(&format!("timezone = {}\n", quote(zone.name())));
        return Ok(Some(text));
    }
    if title.is_none() && description.is_none() {
        return Ok(None);
    }
    let path = root.join(CONFIG_FILE);
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read dateline.toml: {e}"))?;
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| format!("cannot read dateline.toml: {e}"))?;
    for (key, value) in [("title", title), ("description", description)] {
        if let Some(value) = value {
            match document
                .get_mut(key)
                .and_then(toml_edit::Item::as_value_mut)
            {
                // Keeps the comment after the value, and the key's place.
                Some(old) => {
                    let decor = old.decor().clone();
                    *old = toml_edit::Value::from(value);
                    *old.decor_mut() = decor;
                }
                None => {
                    document.insert(key, toml_edit::value(value));
                }
            }
        }
    }
    Ok(Some(document.to_string()))
}

/// The errors the site would have with the planned files that it does not have
/// now: in the new files, or caused by them (two tags with one slug, one URL for
/// two events).
fn trial(
    root: &Path,
    config: &Config,
    existing: &[(Kind, PathBuf)],
    planned: &[Planned],
) -> Diagnostics {
    let mut files: Vec<(PathBuf, Vec<u8>)> = existing
        .iter()
        .filter_map(|(_, path)| {
            Some((
                path.clone(),
                crate::fsx::read_regular(&root.join(path)).ok()?,
            ))
        })
        .collect();
    let errors = |files: Vec<(PathBuf, Vec<u8>)>| -> Vec<Diagnostic> {
        crate::pipeline::check_files(root, config.clone(), files)
            .0
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    };
    let before = errors(files.clone());
    files.extend(
        planned
            .iter()
            .map(|p| (p.rel.clone(), p.text.clone().into_bytes())),
    );
    let same = |a: &Diagnostic, b: &Diagnostic| {
        (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message)
    };
    let mut introduced = Diagnostics::default();
    introduced.extend(
        errors(files)
            .into_iter()
            .filter(|d| !before.iter().any(|b| same(b, d))),
    );
    introduced
}

/// Writes every planned file, then `dateline.toml`. If one cannot be written,
/// those written are removed again, with the folders made for them, so the site is
/// as it was.
///
/// The event files are written without waiting for the disk one by one (one
/// `fsync` per file made 5,000 rows take most of their time in waiting); they are
/// flushed to the disk together once all are written ([`sync`]), and only then is
/// `dateline.toml` written and put in place, so a crash leaves either the site as
/// it was with some new files, or the whole import.
fn write(
    root: &Path,
    planned: &[Planned],
    has_config: bool,
    config_text: Option<&str>,
) -> anyhow::Result<()> {
    let mut written: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    let undo = |written: &[PathBuf], made: &[PathBuf]| {
        for path in written {
            let _ = std::fs::remove_file(path);
        }
        for folder in made.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    };
    for file in planned {
        let path = root.join(&file.rel);
        // The folders this file needs that are not there yet, outermost first.
        let mut missing: Vec<PathBuf> = path
            .ancestors()
            .skip(1)
            .take_while(|p| !p.exists())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        made.extend(missing);
        if let Err(e) = write_new(&path, &file.text) {
            undo(&written, &made);
            anyhow::bail!(
                "cannot write {}: {e}; nothing was kept",
                display_path(&file.rel)
            );
        }
        written.push(path);
    }
    if let Err(e) = sync(root, &written) {
        undo(&written, &made);
        anyhow::bail!("cannot write the new files to the disk: {e}; nothing was kept");
    }
    if let Some(text) = config_text {
        let path = root.join(CONFIG_FILE);
        let result = if has_config {
            // Into a temporary file beside it, then over it in one rename.
            let temp = root.join(".dateline.toml.import");
            create_new(&temp, text)
                .and_then(|()| std::fs::rename(&temp, &path))
                .inspect_err(|_| {
                    let _ = std::fs::remove_file(&temp);
                })
        } else {
            create_new(&path, text)
        };
        if let Err(e) = result {
            undo(&written, &made);
            anyhow::bail!("cannot write dateline.toml: {e}; nothing was kept");
        }
    }
    Ok(())
}

/// Flushes the files written, and the folders holding them, to the disk: on Linux
/// in one `syncfs` of the file system the site is on, elsewhere file by file.
#[cfg(target_os = "linux")]
fn sync(root: &Path, _written: &[PathBuf]) -> std::io::Result<()> {
    let folder = std::fs::File::open(root)?;
    rustix::fs::syncfs(&folder).map_err(std::io::Error::from)
}

/// Flushes the files written, and the folders holding them, to the disk: on Linux
/// in one `syncfs` of the file system the site is on, elsewhere file by file.
#[cfg(not(target_os = "linux"))]
fn sync(root: &Path, written: &[PathBuf]) -> std::io::Result<()> {
    for path in written {
        // Windows flushes a file only through a handle that may write it.
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .sync_all()?;
    }
    // A folder's entries are flushed through the folder itself where the system
    // allows it (not on Windows, where a file's flush covers its entry).
    #[cfg(not(unix))]
    let _ = root;
    #[cfg(unix)]
    {
        // The folders made for them too, up to the site's own.
        let folders: std::collections::BTreeSet<&Path> = written
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .filter(|p| p.starts_with(root))
            .collect();
        for folder in folders {
            std::fs::File::open(folder)?.sync_all()?;
        }
    }
    Ok(())
}

/// What was imported, what was not and why, and what to do next: none of it with
/// `--quiet`, which prints errors only.
#[allow(clippy::too_many_arguments)]
fn summary(
    timeline: &Timeline,
    planned: &[Planned],
    notes: &Notes,
    has_config: bool,
    title: Option<(Option<String>, Option<String>)>,
    was: (String, String),
    zone: chrono_tz::Tz,
    root: &Path,
) {
    let folders: std::collections::BTreeSet<String> = planned
        .iter()
        .filter_map(|p| p.rel.parent())
        .map(|p| {
            // `content/events/2024` → `content/events/`.
            let text = display_path(p);
            match text.strip_prefix("content/events/") {
                Some(rest) if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) => {
                    "content/events/".to_owned()
                }
                _ => format!("{text}/"),
            }
        })
        .collect();
    infoln!(
        "Imported {} into {}",
        plural(planned.len(), "event"),
        folders.into_iter().collect::<Vec<_>>().join(", ")
    );
    match (has_config, title) {
        (false, _) => infoln!("Wrote dateline.toml"),
        (true, Some((title, description))) if title.is_some() || description.is_some() => {
            // Each key set, with the value it replaces: the one thing the import
            // changes in a file that was there.
            let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
            let set: Vec<String> = [("title", title, was.0), ("description", description, was.1)]
                .into_iter()
                .filter_map(|(key, new, old)| {
                    let new = new?;
                    Some(if old.is_empty() || old == new {
                        key.to_owned()
                    } else {
                        format!("{key} (was {})", quote(&old))
                    })
                })
                .collect();
            infoln!(
                "Set {} in dateline.toml from the title slide",
                set.join(" and ")
            );
        }
        (true, _) => {}
    }
    let file_of = |origin: &Origin| -> String {
        planned
            .iter()
            .find(|p| p.origin == *origin)
            .map_or_else(|| origin.to_string(), |p| display_path(&p.rel))
    };
    let list = |items: &[(Origin, String)]| -> String {
        items
            .iter()
            .map(|(origin, what)| format!("\n  {origin}: {what}"))
            .collect()
    };
    if !timeline.ignored_columns.is_empty() {
        warnln!(
            "note: {} not imported (TimelineJS does not read {} either): {}",
            crate::messages::counted(timeline.ignored_columns.len(), "column", "columns"),
            if timeline.ignored_columns.len() == 1 {
                "it"
            } else {
                "them"
            },
            timeline.ignored_columns.join(", ")
        );
    }
    if !timeline.eras.is_empty() {
        let eras: Vec<String> = timeline.eras.iter().map(mapping::era_line).collect();
        warnln!(
            "note: {} not imported (dateline has no eras): {}",
            plural(timeline.eras.len(), "era"),
            eras.join(", ")
        );
    }
    if timeline.title.as_ref().is_some_and(|t| t.media.is_some()) {
        warnln!(
            "note: the title slide's media is not imported: give the site an `image` in dateline.toml"
        );
    }
    if !notes.media_links.is_empty() {
        warnln!(
            "note: {}, kept as a link at the end of the text:{}",
            crate::messages::counted(
                notes.media_links.len(),
                "media item is not an image",
                "media items are not images"
            ),
            list(&notes.media_links)
        );
    }
    if !notes.media_embeds.is_empty() {
        warnln!(
            "note: {} embed HTML, not an address: its address kept as a link at the end of the text:{}",
            crate::messages::counted(notes.media_embeds.len(), "media item is", "media items are"),
            list(&notes.media_embeds)
        );
    }
    if !notes.media_dropped.is_empty() {
        warnln!(
            "note: {} embed HTML with no address in it: left out:{}",
            crate::messages::counted(
                notes.media_dropped.len(),
                "media item is",
                "media items are"
            ),
            list(&notes.media_dropped)
        );
    }
    if !notes.frames.is_empty() {
        warnln!(
            "note: {} in the text kept as a link to what {} showed:{}",
            crate::messages::counted(notes.frames.len(), "frame (<iframe>)", "frames (<iframe>)"),
            if notes.frames.len() == 1 {
                "it"
            } else {
                "they"
            },
            list(&notes.frames)
        );
    }
    if !notes.tables.is_empty() {
        let rows: Vec<String> = notes.tables.iter().map(ToString::to_string).collect();
        warnln!(
            "note: {} a table without a header row, kept as its cells' text without the table's layout: {}",
            crate::messages::counted(rows.len(), "text has", "texts have"),
            rows.join(", ")
        );
    }
    if !notes.relative_links.is_empty() {
        warnln!(
            "note: {} relative to the page the timeline was shown on, kept as text:{}",
            crate::messages::counted(notes.relative_links.len(), "link is", "links are"),
            list(&notes.relative_links)
        );
    }
    if !notes.page_links.is_empty() {
        warnln!(
            "note: {} only a link to a page beside the timeline, left out:{}",
            crate::messages::counted(notes.page_links.len(), "paragraph was", "paragraphs were"),
            list(&notes.page_links)
        );
    }
    if !notes.replaced_ids.is_empty() {
        warnln!(
            "note: {} not a valid event id (lowercase letters, digits and hyphens), so the file is named after the date and headline:{}",
            crate::messages::counted(notes.replaced_ids.len(), "unique_id is", "unique_ids are"),
            list(&notes.replaced_ids)
        );
    }
    if !notes.renamed_ids.is_empty() {
        warnln!(
            "note: {} another slide's too, so the later ones get a number:{}",
            crate::messages::counted(notes.renamed_ids.len(), "unique_id is", "unique_ids are"),
            list(&notes.renamed_ids)
        );
    }
    if !notes.other_zones.is_empty() {
        let files: String = notes
            .other_zones
            .iter()
            .map(|(origin, named)| format!("\n  {}: {named}", file_of(origin)))
            .collect();
        warnln!(
            "warning: {} another zone than {zone}, the one {} read in: if the times are on that zone's clock, import again with --timezone ZONE, or correct the `date` and `timezone:` of each file:{files}",
            crate::messages::counted(
                notes.other_zones.len(),
                "event's display date names",
                "events' display dates name"
            ),
            if notes.other_zones.len() == 1 {
                "its time was"
            } else {
                "their times were"
            },
        );
    }
    if !notes.display_dates.is_empty() {
        let files: Vec<String> = notes.display_dates.iter().map(file_of).collect();
        warnln!(
            "note: {} a display date dateline words otherwise, kept as a comment under `date`: {}",
            crate::messages::counted(notes.display_dates.len(), "event has", "events have"),
            files.join(", ")
        );
    }
    if !notes.no_alt.is_empty() {
        let rows: Vec<String> = notes.no_alt.iter().map(ToString::to_string).collect();
        warnln!(
            "note: {} no alt text or caption; write what each shows in its `alt`: {}",
            crate::messages::counted(rows.len(), "image has", "images have"),
            rows.join(", ")
        );
    }
    if notes.thumbnails > 0 {
        warnln!(
            "note: {} not imported: dateline shows the image itself",
            plural(notes.thumbnails, "thumbnail")
        );
    }
    if notes.backgrounds > 0 {
        warnln!(
            "note: {} not imported: dateline has no slide backgrounds",
            plural(notes.backgrounds, "background")
        );
    }
    let cd = if root == Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", root.display())
    };
    infoln!(
        "Next: dateline check{cd} (imported events cite no sources yet), then dateline serve{cd}"
    );
}
