//! Stage 3, render: every page of the site into memory, with Tera.
//!
//! Hands each [`Output`] — path and bytes — to a [`Sink`] as soon as it is rendered:
//! [`Memory`] keeps them, so tests, `check` and `serve` see the whole site without
//! touching disk; `build`'s staging folder writes them. Pages are rendered in parallel.

pub mod budget;
mod deps;
pub mod machine;
mod pages;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::linkcheck;
use crate::site::Site;
pub use theme::{StaticFiles, Theme};

/// The built-in template names — the layout, then each kind of page's — derived from
/// the kinds of page; a site may replace any of them.
pub const TEMPLATES: &[&str] = &pages::TEMPLATES;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/`: `2024/01/03/kerman-explosions/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What was rendered, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    /// Pages rendered by this build: all of them, unless it had a [`Cache`].
    pub rendered: usize,
}

/// What `serve` keeps of the last good build to re-render only what changed: the
/// fingerprint of every page (see [`deps`]) and the broken links found on them.
#[derive(Default)]
pub struct Cache {
    pages: HashMap<String, u64>,
    broken: HashMap<String, linkcheck::Broken>,
    paths: Vec<String>,
    /// The feeds, sitemaps and search index by [`machine::Part`], each with the
    /// fingerprint of what it lists.
    machine: [Option<(u64, Vec<Output>)>; 3],
    items: views::ItemMemo,
}

impl Cache {
    /// Every file of the last good build, by output path.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }
}

/// Where rendered files go: memory (`check`, `serve`, tests) or the staging folder of
/// `build`, which writes each page as soon as it is rendered.
pub trait Sink: Sync {
    /// Told every path before any file is put, so folders can be made up front.
    fn prepare(&self, _paths: &[&str]) -> anyhow::Result<()> {
        Ok(())
    }

    /// Takes one finished file. Called from several threads at once.
    fn put(&self, output: Output) -> anyhow::Result<()>;
}

/// Drops every file: `check` renders the whole site for its errors alone.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _output: Output) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Memory(Mutex<Vec<Output>>);

impl Sink for Memory {
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
    timings: &mut crate::pipeline::Timings,
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
    timings: &mut crate::pipeline::Timings,
    sink: &dyn Sink,
    cache: &mut Cache,
) -> Result<Stats, Diagnostics> {
    render_with(site, theme, timings, sink, Some(cache))
}

fn render_with(
    site: &Site,
    theme: &Theme,
    timings: &mut crate::pipeline::Timings,
    sink: &dyn Sink,
    mut cache: Option<&mut Cache>,
) -> Result<Stats, Diagnostics> {
    let started = std::time::Instant::now();
    let budget = budget::Budget::new();
    let memo = cache.as_deref_mut().map(|c| &mut c.items);
    let views = views::Views::new(site, theme, &budget, memo).map_err(sorted)?;
    let jobs = pages::jobs(site, &views);
    check_collisions(&jobs)?;

    // Files that are not pages (feeds, sitemaps, static files) are few, and known
    // before any page is rendered; so is every path the link check needs.
    let page_paths: Vec<&str> = jobs.iter().map(|job| job.path.as_str()).collect();
    let listed: Vec<&str> = page_paths
        .iter()
        .copied()
        .filter(|path| *path != "404.html")
        .collect();
    // With a cache, a page is rendered again only when its fingerprint changed, and
    // the machine files are made again only when what they list changed.
    // Views have fingerprints exactly when there is a cache.
    let prints = views.prints.as_ref().map(|view_prints| {
        let theme = theme.fingerprint();
        deps::Prints::new(site, &views, view_prints, theme, &page_paths)
    });
    let machine_keys = prints.as_ref().map(|prints| prints.machine(site));
    let made_before: [Option<&Vec<Output>>; 3] = std::array::from_fn(|n| {
        let (cache, key) = (cache.as_deref()?, machine_keys?[n]);
        cache.machine[n]
            .as_ref()
            .filter(|m| m.0 == key)
            .map(|m| &m.1)
    });
    // The machine files are made while pages render (the search index and sitemap
    // grow with the site); their paths are known now.
    let machine_paths = machine::paths(listed.len());
    let mut diagnostics = Diagnostics::default();
    let generated: BTreeSet<&str> = page_paths
        .iter()
        .copied()
        .chain(machine_paths.iter().map(String::as_str))
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
    let mut file_paths: Vec<String> = files.keys().cloned().chain(machine_paths).collect();
    file_paths.sort_unstable();
    let all_paths: Vec<&str> = page_paths
        .iter()
        .copied()
        .chain(file_paths.iter().map(String::as_str))
        .collect();
    let config = &site.config;
    let checker = crate::linkcheck::Checker::new(
        all_paths.iter().copied(),
        &config.base_url,
        &config.base_path,
    );
    if let Err(e) = sink.prepare(&all_paths) {
        return Err(write_failure("the output folder", e).into());
    }
    let prints: Option<Vec<u64>> = prints.map(|prints| {
        jobs.par_iter()
            .map(|job| job.fingerprint(&prints))
            .collect()
    });
    let unchanged = |n: usize| -> Option<linkcheck::Broken> {
        let (cache, prints) = (cache.as_deref()?, prints.as_ref()?);
        let path = jobs[n].path.as_str();
        let same = cache.pages.get(path) == Some(&prints[n]);
        same.then(|| cache.broken.get(path).cloned().unwrap_or_default())
    };

    // The first write failure stops the build (a full disk fails every page alike).
    let write_failed: Mutex<Option<Diagnostic>> = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    // The longest lists first: a timeline of 10,000 events started last would leave
    // one thread rendering it while the others wait.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&n| std::cmp::Reverse(jobs[n].weight()));
    let render_page = |n: usize| -> Result<linkcheck::Broken, Vec<Diagnostic>> {
        let job = &jobs[n];
        if stop.load(Ordering::Relaxed) {
            return Ok(linkcheck::Broken::default());
        }
        if let Some(broken) = unchanged(n) {
            return Ok(broken);
        }
        rendered.fetch_add(1, Ordering::Relaxed);
        let context = job.context(site, &views);
        let html = theme.render(job.template, &context, &budget)?;
        drop(context);
        let broken = checker.html_page(&job.path, &html);
        let output = Output {
            path: job.path.clone(),
            bytes: html.into_bytes(),
        };
        if let Err(e) = sink.put(output) {
            stop.store(true, Ordering::Relaxed);
            let mut first = write_failed.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert_with(|| write_failure(&job.path, e));
        }
        Ok(broken)
    };
    // Each part cloned from the last build, or made again.
    let make_machine_files = || -> Vec<Vec<Output>> {
        let parts = machine::PARTS.into_par_iter().zip(made_before);
        parts
            .map(|(part, before)| {
                before
                    .cloned()
                    .unwrap_or_else(|| machine::files(site, &listed, part))
            })
            .collect()
    };
    let render_pages = || -> Vec<(usize, Result<linkcheck::Broken, Vec<Diagnostic>>)> {
        // One page per task: left to itself, rayon would hand one thread a run of
        // the first pages in order, which are the longest.
        let order = order.into_par_iter().with_max_len(1);
        order.map(|n| (n, render_page(n))).collect()
    };
    let (machine_files, mut pages) = rayon::join(make_machine_files, render_pages);
    let mut machine_made: Vec<(usize, u64, Vec<Output>)> = Vec::new();
    for (n, part) in machine_files.into_iter().enumerate() {
        if let (None, Some(keys)) = (made_before[n], machine_keys) {
            machine_made.push((n, keys[n], part.clone()));
        }
        files.extend(part.into_iter().map(|file| (file.path.clone(), file)));
    }
    pages.sort_unstable_by_key(|(n, _)| *n);
    let pages: Vec<_> = pages.into_iter().map(|(_, page)| page).collect();
    if let Some(failure) = write_failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(failure.into());
    }

    // One template error fails every page that uses it: report it once.
    let pages = views::template_failures(pages, ("", "page"), |n| format!("/{}", jobs[n].path))
        .map_err(sorted)?;
    let mut found_links: Vec<(String, linkcheck::Broken)> = pages
        .into_iter()
        .zip(&jobs)
        .filter(|(broken, _)| !broken.is_empty())
        .map(|(broken, job)| (job.path.clone(), broken))
        .collect();
    // Warnings only, or the build fails: what a page that is not rendered again
    // would have found.
    let page_links: HashMap<String, linkcheck::Broken> = match cache {
        Some(_) => found_links.iter().cloned().collect(),
        None => HashMap::new(),
    };
    for file in files.into_values() {
        let broken = checker.page(&file.path, &file.bytes);
        if !broken.is_empty() {
            found_links.push((file.path.clone(), broken));
        }
        let path = file.path.clone();
        if let Err(e) = sink.put(file) {
            return Err(write_failure(&path, e).into());
        }
    }
    timings.record("render", started.elapsed());

    // Every link of every page, templates' included, must land on a published file
    // under the base path: the check that keeps sub-path hosting working.
    let started = std::time::Instant::now();
    let broken = checker.report(found_links, &theme.template_texts());
    // A link no template wrote comes from the page's content: name its file.
    let origins: BTreeMap<&str, &std::path::Path> = jobs
        .iter()
        .filter_map(|job| Some((job.path.as_str(), job.origin.as_deref()?)))
        .collect();
    diagnostics.extend(broken.into_iter().map(|mut diagnostic| {
        let page = crate::diagnostic::display_path(&diagnostic.path);
        if let Some(origin) = origins.get(page.as_str()) {
            diagnostic.path = origin.to_path_buf();
        }
        diagnostic
    }));
    timings.record("links", started.elapsed());
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    if let (Some(cache), Some(prints)) = (cache, prints) {
        cache.pages = jobs
            .iter()
            .map(|job| job.path.clone())
            .zip(prints)
            .collect();
        cache.broken = page_links;
        cache.paths = all_paths.iter().map(ToString::to_string).collect();
        for (n, key, part) in machine_made {
            cache.machine[n] = Some((key, part));
        }
    }
    let stats = Stats {
        pages: jobs.len(),
        files: all_paths.len(),
        rendered: rendered.into_inner(),
    };
    drop(checker);
    drop(jobs);
    crate::pipeline::drop_later(views);
    Ok(stats)
}

/// Diagnostics in the order they are reported.
fn sorted(diagnostics: Vec<Diagnostic>) -> Diagnostics {
    let mut diagnostics = Diagnostics(diagnostics);
    diagnostics.sort();
    diagnostics
}

/// A file the sink could not take, as a diagnostic (the build then writes nothing).
fn write_failure(path: &str, error: anyhow::Error) -> Diagnostic {
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
