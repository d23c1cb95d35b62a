//! The build pipeline, shared by the commands: load → resolve → render, in memory.
//!
//! Returns the rendered outputs or every diagnostic found. Writing is left to the
//! caller: `build` writes, `check` does not. `serve` rebuilds through
//! [`Incremental`] (in `incremental.rs`), which renders again only what changed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::background::drop_later;
use crate::timings::Timings;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::strings::Words;
use crate::load::{self, LoadOptions};
use crate::render::{self, Output, StaticFiles, Stats, Theme};

pub use crate::incremental::Incremental;

/// What the commands ask of a build: where the site is, and how to build it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder, holding `content/` and `dateline.toml` (`--root`).
    pub root: PathBuf,
    /// Replaces `base_url` from `dateline.toml` (`build --base-url`); checked like it.
    pub base_url: Option<String>,
    /// Serve from this origin (`http://127.0.0.1:1111`), keeping the path of
    /// `base_url`, so preview links are production links: `dateline serve`.
    pub origin: Option<String>,
    /// Builds drafts (`draft: true`) as part of the site: `--drafts`.
    pub drafts: bool,
    /// Also warn about loose ends (`dateline check`): see [`crate::lint`].
    pub lint: bool,
}

/// A site rendered into memory.
pub struct Generated {
    /// The configuration the site was built with, `--base-url` or the preview's origin
    /// applied.
    pub config: Config,
    /// The files made, sorted by path: every file of the site, but from
    /// [`Incremental::generate`] only the pages that changed and every other file;
    /// empty when rendered into a sink of the caller's ([`Prepared::render`]).
    pub outputs: Vec<Output>,
    /// How many pages and files were made, and how many rendered again.
    pub stats: Stats,
    /// How many events were built, drafts only with `--drafts`.
    pub events: usize,
    /// How many sources were built.
    pub sources: usize,
    /// How many explainers were built: files and inline sections.
    pub explainers: usize,
    /// Warnings only (errors make the build fail).
    pub warnings: Diagnostics,
    /// Wall time from the start of loading to the end of rendering.
    pub elapsed: Duration,
    /// Time per stage, for `build --timings`.
    pub timings: Timings,
}

/// A site loaded and resolved without errors, ready to render.
pub struct Prepared {
    /// The configuration the site will be built with, `--base-url` or the preview's
    /// origin applied.
    pub config: Config,
    site: crate::site::Site,
    theme: Theme,
    warnings: Diagnostics,
    /// The lint's loose ends: shown only if the render finds no error either, as
    /// they are only worth a word once the content itself is sound.
    loose_ends: Diagnostics,
    timings: Timings,
    started: Instant,
}

/// Runs load, resolve and render into memory. On failure, returns every diagnostic
/// found — including warnings, so they are shown alongside the errors.
pub fn generate(options: &Options) -> Result<Generated, Diagnostics> {
    let memory = render::Memory::default();
    let mut generated = prepare(options)?.render(&memory)?;
    generated.outputs = memory.into_outputs();
    Ok(generated)
}

/// Runs load and resolve. On failure, returns every diagnostic found.
pub fn prepare(options: &Options) -> Result<Prepared, Diagnostics> {
    prepare_with(options, None)
}

/// [`prepare`], loading and resolving through `caches` when given: how
/// [`Incremental`] reuses the last build.
pub(crate) fn prepare_with(
    options: &Options,
    caches: Option<(&mut load::Cache, &mut crate::resolve::Cache)>,
) -> Result<Prepared, Diagnostics> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let root = options.root.as_path();
    let mut diagnostics = Diagnostics::default();
    let mut config = match Config::load(root) {
        Ok(config) => config,
        // Without the real configuration (its time zone, say) checking content would
        // report errors that are not there: fix the configuration first.
        Err(errors) => {
            diagnostics.extend(errors);
            return Err(finish(diagnostics));
        }
    };
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|message| Diagnostics::from(Diagnostic::file("--base-url", message)))?;
    }
    if let Some(origin) = &options.origin {
        let url = format!("{origin}{}", config.base_path);
        config
            .set_base_url(&url)
            .map_err(|message| Diagnostics::from(Diagnostic::file("dateline.toml", message)))?;
    }
    // One list of the static files, built in and the site's: images are checked
    // against it, and render publishes it.
    let (static_files, found) = timings.time("load", || StaticFiles::load(root, &config));
    diagnostics.extend(found);
    // The theme's words, read once: bodies are written with them (background
    // cards, image credits) as well as the templates.
    let (words, found) = timings.time("load", || Words::load(root, &config));
    diagnostics.extend(found);
    let words = std::sync::Arc::new(words);
    let load_options = LoadOptions {
        drafts: options.drafts,
        lint: options.lint,
    };
    let (site, found) = match caches {
        None => {
            let (corpus, found) =
                timings.time("load", || load::load(root, config.clone(), load_options));
            diagnostics.extend(found.0);
            timings.time("resolve", || {
                crate::resolve::resolve(&corpus, &static_files, &words)
            })
        }
        Some((load_cache, resolve_cache)) => {
            let (corpus, found) = timings.time("load", || {
                load::load_cached(root, config.clone(), load_options, load_cache)
            });
            diagnostics.extend(found.0);
            let resolved = timings.time("resolve", || {
                crate::resolve::resolve_cached(&corpus, &static_files, &words, resolve_cache)
            });
            load_cache.keep(corpus);
            resolved
        }
    };
    diagnostics.extend(found.0);
    let theme = match timings.time("load", || Theme::load(root, &config, static_files, words)) {
        Ok(theme) => Some(theme),
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    let (Some(site), Some(theme)) = (site, theme) else {
        return Err(finish(diagnostics));
    };
    // Words the theme lacks in a language the site is written in (SPEC §11).
    let languages = std::iter::once(site.config.language.as_str())
        .chain(site.events.iter().filter_map(|e| e.language.as_deref()))
        .chain(site.explainers.iter().filter_map(|x| x.language.as_deref()));
    diagnostics.extend(theme.words.warnings(languages));
    if diagnostics.has_errors() {
        return Err(finish(diagnostics));
    }
    // Loose ends are only worth a word once the content itself is sound: kept
    // apart until the render, which checks ids and links, has found no error.
    let loose_ends = if options.lint {
        Diagnostics(crate::lint::lint(&site))
    } else {
        Diagnostics::default()
    };
    Ok(Prepared {
        config,
        site,
        theme,
        warnings: diagnostics,
        loose_ends,
        timings,
        started,
    })
}

impl Prepared {
    /// Renders every file into `sink`. The returned [`Generated`] has no `outputs`:
    /// they went to the sink.
    pub fn render(self, sink: &dyn render::Sink) -> Result<Generated, Diagnostics> {
        self.finish(|site, theme, timings| render::render(site, theme, timings, sink))
    }

    /// Renders with `render`, then gathers the counts, warnings and timings.
    pub(crate) fn finish(
        self,
        render: impl FnOnce(&crate::site::Site, &Theme, &mut Timings) -> Result<Stats, Diagnostics>,
    ) -> Result<Generated, Diagnostics> {
        let Prepared {
            config,
            site,
            theme,
            mut warnings,
            loose_ends,
            mut timings,
            started,
        } = self;
        let stats = render(&site, &theme, &mut timings).map_err(|found| {
            warnings.extend(found.0);
            finish(std::mem::take(&mut warnings))
        })?;
        warnings.extend(loose_ends.0);
        let counts = (site.events.len(), site.sources.len(), site.explainers.len());
        drop_later((site, theme));
        Ok(Generated {
            config,
            outputs: Vec::new(),
            stats,
            events: counts.0,
            sources: counts.1,
            explainers: counts.2,
            warnings: finish(warnings),
            elapsed: started.elapsed(),
            timings,
        })
    }
}

impl Generated {
    /// `5 events, 5 sources, 2 explainers`, for the commands' summary lines.
    pub fn content_counts(&self) -> String {
        use crate::messages::plural;
        format!(
            "{}, {}, {}",
            plural(self.events, "event"),
            plural(self.sources, "source"),
            plural(self.explainers, "explainer")
        )
    }
}

fn finish(mut diagnostics: Diagnostics) -> Diagnostics {
    diagnostics.sort();
    diagnostics
}

/// The output folder: `--output` if given, else `output_dir` under the root.
pub fn output_dir(root: &Path, config: &Config, flag: Option<&Path>) -> PathBuf {
    match flag {
        Some(path) => path.to_owned(),
        None if root == Path::new(".") => config.output_dir.clone(),
        None => root.join(&config.output_dir),
    }
}

/// Loads, resolves and lints content held in memory, writing nothing and reading no
/// content from disk: the entry point for property tests and fuzzing. `config` is
/// the text of a `dateline.toml`; files are `(path, bytes)` with paths like
/// `content/events/x.md`. Returns every diagnostic found.
pub fn check_memory(config: &str, files: Vec<(PathBuf, Vec<u8>)>) -> Diagnostics {
    match Config::parse(config) {
        Ok(config) => {
            let root = Path::new("/nonexistent/dateline-site");
            check_with(root, &StaticFiles::builtin(), config, files)
        }
        Err(errors) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.extend(errors);
            diagnostics
        }
    }
}

/// Loads, resolves and lints `files` as the content of the site at `root`, images
/// checked against the static files it publishes, drafts included. `dateline new`
/// uses it to try a file before writing it.
pub fn check_files(root: &Path, config: Config, files: Vec<(PathBuf, Vec<u8>)>) -> Diagnostics {
    // What is wrong with static/ itself is the build's to report, not a new file's.
    let (static_files, _) = StaticFiles::load(root, &config);
    check_with(root, &static_files, config, files)
}

/// Loads, resolves and lints `files` as the content of the site at `root`, checking
/// images against `static_files`.
fn check_with(
    root: &Path,
    static_files: &StaticFiles,
    config: Config,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let (corpus, found) = load::from_memory(
        root,
        config,
        LoadOptions {
            drafts: true,
            lint: true,
        },
        files,
    );
    diagnostics.extend(found.0);
    // Only the problems matter here, not the words bodies are written in.
    let (site, found) = crate::resolve::resolve(&corpus, static_files, &Words::builtin());
    diagnostics.extend(found.0);
    if let Some(site) = &site {
        diagnostics.extend(crate::lint::lint(site));
    }
    finish(diagnostics)
}

/// Turns arbitrary bytes into a small site for [`check_memory`]: the first byte picks
/// the site's time zone, and the rest, split at NUL bytes, become events, sources and
/// explainers in turn, with ids that sometimes collide.
pub fn check_bytes(data: &[u8]) -> Diagnostics {
    let (first, rest) = data.split_first().unwrap_or((&0, &[]));
    let zone = [
        "",
        "timezone = \"Asia/Tehran\"",
        "timezone = \"Europe/London\"",
    ][usize::from(*first) % 3];
    let files = rest
        .split(|&b| b == 0)
        .take(12)
        .enumerate()
        .map(|(i, bytes)| {
            let path = match i % 3 {
                0 => format!("content/events/2024-01-0{}-event.md", i % 4 + 1),
                1 => format!("content/sources/source-{}.md", i % 2),
                _ => format!("content/explainers/explainer-{}.md", i % 2),
            };
            (PathBuf::from(path), bytes.to_vec())
        })
        .collect();
    check_memory(&format!("title = \"Fuzz\"\n{zone}\n"), files)
}

/// Runs the whole build short of writing — load, resolve, lint and render, links
/// checked — on a site held in memory, reading nothing from disk: the entry point
/// for property tests and fuzzing of rendering. `config` is the text of a
/// `dateline.toml`; files are `(path, bytes)` with paths like `content/events/x.md`
/// or, for the site's own templates, `templates/event.html`. Drafts are included.
/// Returns the site with its `outputs`, or every diagnostic found.
pub fn generate_memory(
    config: &str,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Result<Generated, Diagnostics> {
    let started = Instant::now();
    let config = Config::parse(config).map_err(|errors| finish(Diagnostics(errors)))?;
    let mut diagnostics = Diagnostics::default();
    let (templates, content): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(path, _)| path.starts_with("templates"));
    let mut texts = Vec::new();
    for (path, bytes) in templates {
        let name = path.strip_prefix("templates").unwrap_or(&path);
        match String::from_utf8(bytes) {
            Ok(text) => texts.push((crate::diagnostic::display_path(name), text)),
            Err(_) => diagnostics.push(Diagnostic::file(
                path,
                "cannot read template: not valid UTF-8",
            )),
        }
    }
    let theme = match Theme::from_memory(texts) {
        Ok(theme) => Some(theme),
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    let root = Path::new("/nonexistent/dateline-site");
    let options = LoadOptions {
        drafts: true,
        lint: true,
    };
    let (corpus, found) = load::from_memory(root, config.clone(), options, content);
    diagnostics.extend(found.0);
    let words = theme
        .as_ref()
        .map_or_else(Words::builtin, |t| t.words.clone());
    let (site, found) = crate::resolve::resolve(&corpus, &StaticFiles::builtin(), &words);
    diagnostics.extend(found.0);
    let (Some(site), Some(theme), false) = (site, theme, diagnostics.has_errors()) else {
        return Err(finish(diagnostics));
    };
    let loose_ends = Diagnostics(crate::lint::lint(&site));
    let prepared = Prepared {
        config,
        site,
        theme,
        warnings: diagnostics,
        loose_ends,
        timings: Timings::default(),
        started,
    };
    let memory = render::Memory::default();
    let mut generated = prepared.render(&memory)?;
    generated.outputs = memory.into_outputs();
    Ok(generated)
}
