//! Stage 3, render: every page of the site into memory, with Tera.
//!
//! Hands each [`Output`] — path and bytes — to a [`Sink`] as soon as it is rendered:
//! [`Memory`] keeps them, so tests and `serve` see the whole site without touching
//! disk; [`Discard`] drops them for `check`; `build`'s staging folder writes them. Pages are rendered in parallel.

pub mod budget;
pub mod chart;
pub mod corrections;
mod deps;
mod feed_html;
pub mod figures;
pub mod machine;
pub mod overview;
mod pages;
pub mod paging;
mod reuse;
pub mod search;
pub mod theme;
pub mod timelinejs;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::linkcheck;
use crate::site::Site;
pub use reuse::Cache;
pub use theme::{StaticFiles, Theme};

/// The built-in template names — the layout, then each kind of page's — derived from
/// the kinds of page; a site may replace any of them.
pub const TEMPLATES: &[&str] = &pages::TEMPLATES;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/`: `2024/01/03/kerman-explosions/index.html`.
    pub path: String,
    /// The file's contents: UTF-8 for pages and feeds, as is for static files.
    pub bytes: Vec<u8>,
}

/// What was rendered, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// HTML pages, the 404 page included.
    pub pages: usize,
    /// Every file of the site: pages, feeds, sitemap, static files and the rest.
    pub files: usize,
    /// Pages rendered by this build: all of them, unless it had a [`Cache`].
    pub rendered: usize,
}

/// Where rendered files go: memory (`check`, `serve`, tests) or the staging folder of
/// `build`, which writes each page as soon as it is rendered.
pub trait Sink: Sync {
    /// How many bytes the path of a file inside the output may hold (see
    /// [`write::path_budget`](crate::write::path_budget)); `None`: no limit, as in
    /// memory. A longer path is an error before any file is put. No default: a
    /// sink that wraps another must pass its budget on.
    fn path_budget(&self) -> Option<usize>;

    /// Told every path before any file is put, so folders can be made up front.
    fn prepare(&self, _paths: &[&str]) -> anyhow::Result<()> {
        Ok(())
    }

    /// Takes one finished file. Called from several threads at once.
    fn put(&self, output: Output) -> anyhow::Result<()>;
}

/// Drops every file: `check` renders the whole site for its errors alone, holding
/// paths to the limit a build into the same output folder would meet.
pub struct Discard {
    /// As [`Sink::path_budget`].
    pub path_budget: Option<usize>,
}

impl Sink for Discard {
    fn path_budget(&self) -> Option<usize> {
        self.path_budget
    }

    fn put(&self, _output: Output) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Memory(Mutex<Vec<Output>>);

impl Sink for Memory {
    fn path_budget(&self) -> Option<usize> {
        None
    }

    fn put(&self, output: Output) -> anyhow::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(output);
        Ok(())
    }
}

impl Memory {
    /// The files, sorted by path, so the order never depends on scheduling.
    pub fn into_outputs(self) -> Vec<Output> {
        let mut outputs = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        outputs.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        outputs
    }
}

/// Renders every page and machine-readable file into `sink`, checking every link as
/// pages are rendered. Pages are rendered in parallel, each context built by the
/// thread that renders it and dropped with the page, so memory does not grow with
/// the number of pages. `timings` gets the `render` and `links` stages.
///
/// On error nothing in `sink` may be used: `build` then discards its staging folder.
pub fn render(
    site: &Site,
    theme: &Theme,
    timings: &mut crate::timings::Timings,
    sink: &dyn Sink,
) -> Result<Stats, Diagnostics> {
    render_with(site, theme, timings, sink, None)
}

/// [`render`], putting into `sink` only the pages whose fingerprint differs from
/// the last good build's in `cache`, and every other file (feeds, sitemaps, static
/// files: a few, cheap to make). `cache` is updated only when the build succeeds.
pub fn render_changed(
    site: &Site,
    theme: &Theme,
    timings: &mut crate::timings::Timings,
    sink: &dyn Sink,
    cache: &mut Cache,
) -> Result<Stats, Diagnostics> {
    render_with(site, theme, timings, sink, Some(cache))
}

/// The steps of [`render`] and [`render_changed`], in order; each fails the build
/// with its diagnostics, and nothing in `sink` may then be used.
fn render_with(
    site: &Site,
    theme: &Theme,
    timings: &mut crate::timings::Timings,
    sink: &dyn Sink,
    mut cache: Option<&mut Cache>,
) -> Result<Stats, Diagnostics> {
    let started = std::time::Instant::now();
    check_ids(site, theme)?;
    let budget = budget::Budget::new();
    let memo = cache.as_deref_mut().map(Cache::items);
    let views = views::Views::new(site, theme, &budget, memo).map_err(sorted)?;
    let jobs = pages::jobs(site, &views);
    check_collisions(&jobs)?;
    let paths = PagePaths::of(&jobs, site.events.len());
    let reuse = reuse::Reuse::new(site, theme, &views, &jobs, &paths.all, cache.as_deref());
    let (mut files, file_paths) = other_files(site, theme, &paths)?;
    let all_paths = paths.with_files(&file_paths);
    let checker = link_checker(site, &all_paths);
    check_output_names(&all_paths, &theme.static_files)?;
    if let Some(budget) = sink.path_budget() {
        check_path_lengths(&all_paths, budget, &theme.static_files)?;
    }
    if let Err(e) = sink.prepare(&all_paths) {
        return Err(write_failure("the output folder", &e).into());
    }
    let pass = Pass {
        site,
        theme,
        views: &views,
        jobs: &jobs,
        budget: &budget,
        checker: &checker,
        sink,
        reuse: reuse.as_ref(),
    };
    let rendered = pass.render(&paths.listed)?;
    let mut keep = reuse.map(|reuse| reuse.keep(&rendered.machine));
    add_machine_files(&mut files, rendered.machine);
    let mut found_links = broken_links_of_pages(rendered.pages, &jobs)?;
    if let Some(keep) = &mut keep {
        keep.broken_links(&found_links);
    }
    put_files(files, &checker, sink, &mut found_links)?;
    timings.record("render", started.elapsed());

    let started = std::time::Instant::now();
    let diagnostics = report_links(&checker, theme, &jobs, found_links);
    timings.record("links", started.elapsed());
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    if let (Some(cache), Some(keep)) = (cache, keep) {
        keep.store(cache, &jobs, &all_paths);
    }
    let stats = Stats {
        pages: jobs.len(),
        files: all_paths.len(),
        rendered: rendered.count,
    };
    drop(checker);
    drop(jobs);
    crate::background::drop_later(views);
    Ok(stats)
}

/// The output paths of the pages, known before any is rendered.
struct PagePaths<'a> {
    /// Every page's, in the order of the jobs.
    all: Vec<&'a str>,
    /// Those the machine files list: all but `404.html`.
    listed: Vec<&'a str>,
    /// The machine files': made while pages render (the search index and sitemap
    /// grow with the site), their paths are known now.
    machine: Vec<String>,
}

impl<'a> PagePaths<'a> {
    /// The paths of `jobs`, and of the machine files that list them and the
    /// `events` events.
    fn of(jobs: &'a [pages::Job<'a>], events: usize) -> PagePaths<'a> {
        let all: Vec<&str> = jobs.iter().map(|job| job.path.as_str()).collect();
        let listed: Vec<&str> = all
            .iter()
            .copied()
            .filter(|path| *path != crate::urls::not_found())
            .collect();
        let machine = machine::paths(listed.len(), events);
        PagePaths {
            all,
            listed,
            machine,
        }
    }

    /// Every path the build publishes: the pages' in job order, then `files`
    /// (sorted, see [`other_files`]). What the link check and the sink are told.
    fn with_files<'f>(&self, files: &'f [String]) -> Vec<&'f str>
    where
        'a: 'f,
    {
        self.all
            .iter()
            .copied()
            .chain(files.iter().map(String::as_str))
            .collect()
    }
}

/// The files that are not pages — static files, `.nojekyll`, `CNAME` — by path, and
/// the sorted paths of every file that is not a page, machine files included. Fails
/// when a static file cannot be read or would replace a generated file.
fn other_files(
    site: &Site,
    theme: &Theme,
    paths: &PagePaths<'_>,
) -> Result<(BTreeMap<String, Output>, Vec<String>), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let generated: BTreeSet<&str> = paths
        .all
        .iter()
        .copied()
        .chain(paths.machine.iter().map(String::as_str))
        .collect();
    let statics = static_files(theme, &generated, &mut diagnostics);
    let mut files: BTreeMap<String, Output> = statics
        .into_iter()
        .map(|file| (file.path.clone(), file))
        .collect();
    add_github_pages_files(site, &mut files);
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let mut file_paths: Vec<String> = files
        .keys()
        .cloned()
        .chain(paths.machine.iter().cloned())
        .collect();
    file_paths.sort_unstable();
    Ok((files, file_paths))
}

/// The link check, told every published path (`paths`) and where the site is hosted.
fn link_checker<'a>(site: &'a Site, paths: &[&'a str]) -> linkcheck::Checker<'a> {
    let config = &site.config;
    linkcheck::Checker::new(paths.iter().copied(), &config.base_url, &config.base_path)
}

/// Everything the parallel render reads, shared by every thread.
struct Pass<'a> {
    site: &'a Site,
    theme: &'a Theme,
    views: &'a views::Views,
    jobs: &'a [pages::Job<'a>],
    budget: &'a budget::Budget,
    checker: &'a linkcheck::Checker<'a>,
    sink: &'a dyn Sink,
    reuse: Option<&'a reuse::Reuse<'a>>,
}

/// What the parallel render made.
struct Rendered {
    /// The machine files, by part in the order of [`machine::PARTS`]: empty
    /// without a last build to keep them for, as they went into the sink as made.
    machine: Vec<Vec<Output>>,
    /// For each page, in the order of the jobs: the broken links found on it, or its
    /// template's errors.
    pages: Vec<Result<linkcheck::Broken, Vec<Diagnostic>>>,
    /// How many pages were rendered (not taken from the last build).
    count: usize,
}

impl Pass<'_> {
    /// Renders the pages in parallel, putting each into the sink as soon as it is
    /// made, while the machine files listing `listed` are made alongside. The first
    /// write failure stops the build (a full disk fails every page alike).
    fn render(&self, listed: &[&str]) -> Result<Rendered, Diagnostics> {
        let write_failed: Mutex<Option<Diagnostic>> = Mutex::new(None);
        let stop = AtomicBool::new(false);
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        // Keeps the first write failure and stops the render.
        let failed = |path: &str, e: &anyhow::Error| {
            stop.store(true, Ordering::Relaxed);
            let mut first = write_failed.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert_with(|| write_failure(path, e));
        };
        // The longest lists first: a timeline of 10,000 events started last would
        // leave one thread rendering it while the others wait.
        let mut order: Vec<usize> = (0..self.jobs.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(self.jobs[n].weight()));
        let render_page = |n: usize| -> Result<linkcheck::Broken, Vec<Diagnostic>> {
            let job = &self.jobs[n];
            if stop.load(Ordering::Relaxed) {
                return Ok(linkcheck::Broken::default());
            }
            if let Some(broken) = self.reuse.and_then(|reuse| reuse.unchanged(n, &job.path)) {
                return Ok(broken);
            }
            rendered.fetch_add(1, Ordering::Relaxed);
            let context = job.context(self.site, self.views);
            let html = self.theme.render(job.template, &context, self.budget)?;
            drop(context);
            let broken = self.checker.html_page(&job.path, &html);
            let output = Output {
                path: job.path.clone(),
                bytes: html.into_bytes(),
            };
            if let Err(e) = self.sink.put(output) {
                failed(&job.path, &e);
            }
            Ok(broken)
        };
        // Each part taken from the last build, or made again. Without a last build
        // to keep them for, each file goes into the sink as soon as it is made (none
        // is HTML, so none has links to check), rather than all held to the end.
        let make_machine_files = || -> Vec<Vec<Output>> {
            let parts = machine::PARTS.into_par_iter().enumerate();
            parts
                .map(|(n, part)| {
                    let Some(reuse) = self.reuse else {
                        let put = |file: Output| {
                            // Another file failed: make no more.
                            if stop.load(Ordering::Relaxed) {
                                anyhow::bail!("stopped");
                            }
                            let path = file.path.clone();
                            self.sink.put(file).inspect_err(|e| failed(&path, e))
                        };
                        // A failure is kept in `write_failed`.
                        let _ =
                            machine::each_file((self.site, &*self.views.words), listed, part, &put);
                        return Vec::new();
                    };
                    let before = reuse.machine_files(n);
                    before.cloned().unwrap_or_else(|| {
                        machine::files(self.site, &self.views.words, listed, part)
                    })
                })
                .collect()
        };
        let render_pages = || -> Vec<(usize, Result<linkcheck::Broken, Vec<Diagnostic>>)> {
            // One page per task: left to itself, rayon would hand one thread a run of
            // the first pages in order, which are the longest.
            let order = order.into_par_iter().with_max_len(1);
            order.map(|n| (n, render_page(n))).collect()
        };
        let (machine, mut pages) = rayon::join(make_machine_files, render_pages);
        pages.sort_unstable_by_key(|(n, _)| *n);
        let pages: Vec<_> = pages.into_iter().map(|(_, page)| page).collect();
        if let Some(failure) = write_failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
            return Err(failure.into());
        }
        Ok(Rendered {
            machine,
            pages,
            count: rendered.into_inner(),
        })
    }
}

/// Adds the machine files, part by part, to the files put after the pages.
fn add_machine_files(files: &mut BTreeMap<String, Output>, machine: Vec<Vec<Output>>) {
    for part in machine {
        files.extend(part.into_iter().map(|file| (file.path.clone(), file)));
    }
}

/// The broken links found on each page that has any, by page path in the order of
/// the jobs; or the template errors, each reported once though it fails every page
/// that uses the template.
fn broken_links_of_pages(
    pages: Vec<Result<linkcheck::Broken, Vec<Diagnostic>>>,
    jobs: &[pages::Job<'_>],
) -> Result<Vec<(String, linkcheck::Broken)>, Diagnostics> {
    let pages = views::template_failures(pages, ("", "page"), |n| format!("/{}", jobs[n].path))
        .map_err(sorted)?;
    Ok(pages
        .into_iter()
        .zip(jobs)
        .filter(|(broken, _)| !broken.is_empty())
        .map(|(broken, job)| (job.path.clone(), broken))
        .collect())
}

/// Checks the links of every file that is not a page, adding what is broken to
/// `found_links`, and puts the file into the sink, in path order.
fn put_files(
    files: BTreeMap<String, Output>,
    checker: &linkcheck::Checker<'_>,
    sink: &dyn Sink,
    found_links: &mut Vec<(String, linkcheck::Broken)>,
) -> Result<(), Diagnostics> {
    for file in files.into_values() {
        let broken = checker.page(&file.path, &file.bytes);
        if !broken.is_empty() {
            found_links.push((file.path.clone(), broken));
        }
        let path = file.path.clone();
        if let Err(e) = sink.put(file) {
            return Err(write_failure(&path, &e).into());
        }
    }
    Ok(())
}

/// The broken links, sorted, as diagnostics: every link of every page, templates'
/// included, must land on a published file under the base path — the check that
/// keeps sub-path hosting working. A link no template wrote comes from the page's
/// content: the diagnostic names that file.
fn report_links(
    checker: &linkcheck::Checker<'_>,
    theme: &Theme,
    jobs: &[pages::Job<'_>],
    found_links: Vec<(String, linkcheck::Broken)>,
) -> Diagnostics {
    let broken = checker.report(found_links, &theme.template_texts());
    let origins: BTreeMap<&str, &std::path::Path> = jobs
        .iter()
        .filter_map(|job| Some((job.path.as_str(), job.origin.as_deref()?)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(broken.into_iter().map(|mut diagnostic| {
        let page = crate::diagnostic::display_path(&diagnostic.path);
        if let Some(origin) = origins.get(page.as_str()) {
            diagnostic.path = origin.to_path_buf();
        }
        diagnostic
    }));
    diagnostics.sort();
    diagnostics
}

/// Diagnostics in the order they are reported.
fn sorted(diagnostics: Vec<Diagnostic>) -> Diagnostics {
    let mut diagnostics = Diagnostics(diagnostics);
    diagnostics.sort();
    diagnostics
}

/// No output path may use a name the output folder keeps for its own (a deploy
/// checkout's `.git`, a volume's `lost+found`, dateline's marker): the write would
/// refuse it, so every command does, at the static file that asks for it.
fn check_output_names(paths: &[&str], static_files: &StaticFiles) -> Result<(), Diagnostics> {
    let mut found = Diagnostics::default();
    for path in paths {
        if crate::write::is_plain_output_path(path) {
            continue;
        }
        let at = if static_files.is_site_file(path) {
            format!("static/{path}")
        } else {
            (*path).to_owned()
        };
        found.push(
            Diagnostic::file(
                at,
                format!("`{path}` cannot be published: it names a file or folder the output folder keeps for itself"),
            )
            .with_help(Some(
                "`.git`, `lost+found` and `.dateline-output` are never written into the output (a deploy checkout's `.git` and a volume's `lost+found` live there): rename it",
            )),
        );
    }
    if found.0.is_empty() {
        Ok(())
    } else {
        Err(found)
    }
}

/// Every output path within `budget` bytes (see [`Sink::path_budget`]); else one
/// error, for the longest, saying how many more there are: at the site's own
/// static file when it is one, else at the output folder, whose path is the rest.
fn check_path_lengths(
    paths: &[&str],
    budget: usize,
    static_files: &StaticFiles,
) -> Result<(), Diagnostic> {
    let too_long = paths.iter().filter(|p| p.len() > budget).count();
    let Some(longest) = paths.iter().copied().max_by_key(|p| p.len()) else {
        return Ok(());
    };
    if too_long == 0 {
        return Ok(());
    }
    let prefix = crate::write::PATH_MAX - budget;
    let others = match too_long - 1 {
        0 => String::new(),
        n => format!(" (and {})", crate::messages::plural(n, "other file")),
    };
    let at = if static_files.is_site_file(longest) {
        format!("static/{longest}")
    } else {
        "the output folder".to_owned()
    };
    Err(Diagnostic::file(
        at,
        format!(
            "the output file `{longest}`{others} would have a path of {} bytes, over the limit of {} bytes for a path",
            prefix + longest.len(),
            crate::write::PATH_MAX
        ),
    )
    .with_help(Some(format!(
        "the output folder's own path (with the temporary folder a build writes into beside it) takes {prefix} bytes of that: choose an output folder with a shorter path (`output_dir` in dateline.toml, or `build --output`), or shorten the file's path"
    ))))
}

/// A file the sink could not take, as a diagnostic (the build then writes nothing).
fn write_failure(path: &str, error: &anyhow::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot write the file: {error:#}"))
}

/// Theme and site static files, copied to the output root. A static file may not
/// replace a generated page.
fn static_files(
    theme: &Theme,
    generated: &BTreeSet<&str>,
    diagnostics: &mut Diagnostics,
) -> Vec<Output> {
    let mut outputs = Vec::new();
    for (path, file) in &theme.static_files {
        let folder = format!("{path}/");
        let generated_inside = generated
            .range(folder.as_str()..)
            .next()
            .is_some_and(|p| p.starts_with(&folder));
        if generated.contains(path.as_str()) || generated_inside {
            diagnostics.push(
                Diagnostic::file(
                    format!("static/{path}"),
                    format!("static/{path} would replace the generated page /{path}"),
                )
                .with_help(Some("rename or move the static file")),
            );
            continue;
        }
        let bytes = match file {
            theme::StaticFile::Builtin(bytes) => bytes.to_vec(),
            theme::StaticFile::Site(disk) => match crate::fsx::read_regular(disk) {
                Ok(bytes) => bytes,
                Err(e) => {
                    diagnostics.push(Diagnostic::file(
                        format!("static/{path}"),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            },
        };
        outputs.push(Output {
            path: path.clone(),
            bytes,
        });
    }
    outputs
}

/// Two pages at one path: an event whose slug looks like a month (`2024/01/`), say.
fn check_collisions(jobs: &[pages::Job<'_>]) -> Result<(), Diagnostics> {
    let mut seen: crate::fingerprint::FastMap<&str, &pages::Job> =
        crate::fingerprint::FastMap::default();
    seen.reserve(jobs.len());
    let mut diagnostics = Diagnostics::default();
    for job in jobs {
        if let Some(first) = seen.insert(&job.path, job) {
            let (culprit, other) = if job.origin.is_some() {
                (job, first)
            } else {
                (first, job)
            };
            let file = culprit.origin.clone().unwrap_or_else(|| "content".into());
            let other = match &other.origin {
                Some(path) => crate::diagnostic::display_path(path),
                None => format!(
                    "the generated {} page",
                    other.template.trim_end_matches(".html")
                ),
            };
            diagnostics.push(
                Diagnostic::file(file, format!("two pages would be written to /{}", job.path))
                    .with_help(Some(format!(
                        "it collides with {other}; set a different `slug:`"
                    ))),
            );
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(())
    }
}

/// Ids on a page are unique (SPEC §9.1): an id an editor wrote in a body must not be
/// one the page layout writes, and the layout must not write an id of the form the
/// build gives claim anchors, footnotes and reports (`claim-N`, `fn-N`, `report-N`),
/// which the built-in event page writes as `{{ report.anchor }}`. Editor ids among
/// themselves, and generated ids, were kept unique when bodies were resolved.
fn check_ids(site: &Site, theme: &Theme) -> Result<(), Diagnostics> {
    let layout = theme.layout_ids();
    let mut diagnostics = Diagnostics::default();
    for (id, (shown, text, at)) in &layout {
        if let Some(kind) = crate::resolve::links::generated_id_kind(id) {
            diagnostics.push(
                Diagnostic::at_offset(
                    *shown,
                    text,
                    *at,
                    format!("the template writes the id `{id}`, of the form the build gives {kind}"),
                )
                .with_help(Some(
                    "ids `claim-N`, `fn-N` and `report-N` are given to citing blocks, footnotes and an event's reports: choose another",
                )),
            );
        }
    }
    for written in &site.written_ids {
        let Some((shown, text, at)) = layout.get(written.id.as_str()) else {
            continue;
        };
        let (line, _) = crate::diagnostic::line_col(text, *at);
        let mut diagnostic = written.at.clone();
        diagnostic.message = format!(
            "id `{}` is used by the page layout; choose another",
            written.id
        );
        diagnostic.help = Some(format!(
            "{shown} (line {line}) gives that id to an element of the page, and a link to `#{}` can lead to only one of the two",
            written.id
        ));
        diagnostics.push(diagnostic);
    }
    if diagnostics.has_errors() {
        diagnostics.sort();
        Err(diagnostics)
    } else {
        Ok(())
    }
}

/// `.nojekyll` so GitHub Pages serves the files as they are; `CNAME` for a custom domain.
fn add_github_pages_files(site: &Site, outputs: &mut BTreeMap<String, Output>) {
    let mut add = |path: &str, bytes: Vec<u8>| {
        outputs.insert(
            path.to_owned(),
            Output {
                path: path.to_owned(),
                bytes,
            },
        );
    };
    add(".nojekyll", Vec::new());
    if let Some(cname) = &site.config.cname {
        add("CNAME", format!("{}\n", cname.trim()).into_bytes());
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// A site held in memory: its files are `(path, text)` under `content/`.
    fn site(files: &[(&str, &str)]) -> Site {
        let config = crate::config::Config::parse("title = \"T\"\n").expect("a valid config");
        let files = files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), text.as_bytes().to_vec()))
            .collect();
        let options = crate::load::LoadOptions {
            drafts: true,
            lint: false,
        };
        let root = Path::new("/nonexistent/dateline-site");
        let (corpus, found) = crate::load::from_memory(root, config, options, files);
        assert!(!found.has_errors(), "{found:?}");
        let (site, found) = crate::resolve::resolve(
            &corpus,
            &StaticFiles::builtin(),
            &crate::i18n::strings::Words::builtin(),
        );
        assert!(!found.has_errors(), "{found:?}");
        site.expect("a resolved site")
    }

    fn theme() -> Theme {
        Theme::from_memory(Vec::new()).expect("the built-in theme")
    }

    const KERMAN: &[(&str, &str)] = &[
        ("content/sources/afp.md", "---\nname: AFP\n---\n"),
        (
            "content/events/2024-01-03-kerman.md",
            "---\ntitle: Kerman\nsources: [afp]\n---\nTwo blasts [@afp].\n",
        ),
    ];

    fn paths(outputs: &[Output]) -> Vec<&str> {
        outputs.iter().map(|output| output.path.as_str()).collect()
    }

    #[test]
    fn every_page_and_file_goes_to_the_sink() {
        let (site, theme, memory) = (site(KERMAN), theme(), Memory::default());
        let mut timings = crate::timings::Timings::default();
        let stats = render(&site, &theme, &mut timings, &memory).expect("a good build");
        let outputs = memory.into_outputs();
        let paths = paths(&outputs);
        for path in [
            "index.html",
            "2024/01/03/kerman/index.html",
            "404.html",
            "atom.xml",
            "sitemap.xml",
            ".nojekyll",
            "favicon.svg",
        ] {
            assert!(paths.contains(&path), "{path} missing from {paths:?}");
        }
        assert_eq!(outputs.len(), stats.files);
        assert_eq!(stats.rendered, stats.pages);
        assert!(stats.pages < stats.files);
        let event = &outputs[paths
            .binary_search(&"2024/01/03/kerman/index.html")
            .unwrap()];
        assert!(String::from_utf8_lossy(&event.bytes).contains("Two blasts"));
    }

    #[test]
    fn a_rebuild_with_the_cache_puts_only_the_files_that_are_not_pages() {
        let (site, theme) = (site(KERMAN), theme());
        let mut timings = crate::timings::Timings::default();
        let mut cache = Cache::default();
        let first = Memory::default();
        let stats = render_changed(&site, &theme, &mut timings, &first, &mut cache).unwrap();
        assert_eq!(stats.rendered, stats.pages);
        assert_eq!(cache.paths().len(), stats.files);

        let again = Memory::default();
        let stats = render_changed(&site, &theme, &mut timings, &again, &mut cache).unwrap();
        assert_eq!(stats.rendered, 0);
        let outputs = again.into_outputs();
        assert_eq!(outputs.len(), stats.files - stats.pages);
        assert!(!paths(&outputs).contains(&"index.html"));
        assert!(paths(&outputs).contains(&"atom.xml"));
    }

    #[test]
    fn two_pages_at_one_path_fail_the_build_naming_the_content_file() {
        let mut files = KERMAN.to_vec();
        // An event dated by year alone whose slug is a month: `2024/01/`, the month page.
        files.push((
            "content/events/2024-winter.md",
            "---\ntitle: Winter\ndate: 2024\nslug: \"01\"\n---\n",
        ));
        let (site, theme, memory) = (site(&files), theme(), Memory::default());
        let mut timings = crate::timings::Timings::default();
        let found = render(&site, &theme, &mut timings, &memory).expect_err("a collision");
        assert_eq!(found.error_count(), 1, "{found:?}");
        let error = &found.0[0];
        assert_eq!(error.path, PathBuf::from("content/events/2024-winter.md"));
        assert_eq!(
            error.message,
            "two pages would be written to /2024/01/index.html"
        );
        assert!(memory.into_outputs().is_empty());
    }
}
