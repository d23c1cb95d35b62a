//! Stage 3, render: every page of the site into memory, with Tera.
//!
//! Produces a list of [`Output`]s — path and bytes — and writes nothing, so tests and
//! `check` can inspect a whole site without touching disk. Pages are rendered in
//! parallel; the list is sorted by path so output order never depends on scheduling.

pub mod machine;
mod pages;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::Site;
pub use theme::Theme;

/// The built-in template names; a site may replace any of them.
pub const TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "event.html",
    "archive.html",
    "on_this_day.html",
    "source.html",
    "sources.html",
    "explainer.html",
    "explainers.html",
    "tag.html",
    "tags.html",
    "404.html",
];

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
}

/// Renders every page and machine-readable file, then checks every link. `timings`
/// gets the `render` and `links` stages.
pub fn render(
    site: &Site,
    theme: &Theme,
    timings: &mut crate::pipeline::Timings,
) -> Result<(Vec<Output>, Stats), Diagnostics> {
    let started = std::time::Instant::now();
    let views = views::Views::new(site);
    let jobs = pages::jobs(site, &views);
    check_collisions(&jobs)?;
    let pages: Vec<Result<Output, (Vec<Diagnostic>, &str)>> = jobs
        .par_iter()
        .map(|job| {
            let html = theme
                .tera
                .render(job.template, &job.context)
                .map_err(|e| (theme.template_errors(&e, ""), job.path.as_str()))?;
            Ok(Output {
                path: job.path.clone(),
                bytes: html.into_bytes(),
            })
        })
        .collect();

    let mut outputs: BTreeMap<String, Output> = BTreeMap::new();
    // One template error fails every page that uses it: report it once.
    let mut failures: BTreeMap<String, (Vec<Diagnostic>, Vec<&str>)> = BTreeMap::new();
    for page in pages {
        match page {
            Ok(output) => {
                outputs.insert(output.path.clone(), output);
            }
            Err((found, path)) => failures
                .entry(found.iter().map(ToString::to_string).collect())
                .or_insert_with(|| (found, Vec::new()))
                .1
                .push(path),
        }
    }
    let mut diagnostics = Diagnostics::default();
    for (_, (found, paths)) in failures {
        let others = match paths.len() {
            1 => String::new(),
            n => format!(" and {} other page{}", n - 1, if n == 2 { "" } else { "s" }),
        };
        for mut diagnostic in found {
            diagnostic.message = diagnostic.message.replacen(
                "template error: ",
                &format!("template error: cannot render /{}{others}: ", paths[0]),
                1,
            );
            diagnostics.push(diagnostic);
        }
    }
    let pages = outputs.len();
    let page_paths: Vec<&str> = outputs
        .keys()
        .map(String::as_str)
        .filter(|path| *path != "404.html")
        .collect();
    for file in machine::files(site, &page_paths) {
        outputs.insert(file.path.clone(), file);
    }
    add_static(theme, &mut outputs, &mut diagnostics);
    add_github_pages_files(site, &mut outputs);
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let outputs: Vec<Output> = outputs.into_values().collect();
    timings.record("render", started.elapsed());
    let started = std::time::Instant::now();
    // Every link of every page, templates' included, must land on a published file
    // under the base path: the check that keeps sub-path hosting working.
    let config = &site.config;
    let broken = crate::linkcheck::check(
        &outputs,
        &config.base_url,
        &config.base_path,
        &theme.template_texts(),
    );
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
    let stats = Stats {
        pages,
        files: outputs.len(),
    };
    Ok((outputs, stats))
}

/// Theme and site static files, copied to the output root. A static file may not
/// replace a generated page.
fn add_static(
    theme: &Theme,
    outputs: &mut BTreeMap<String, Output>,
    diagnostics: &mut Diagnostics,
) {
    for (path, file) in &theme.static_files {
        let folder = format!("{path}/");
        let generated_inside = outputs
            .range(folder.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&folder));
        if outputs.contains_key(path) || generated_inside {
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
            theme::StaticFile::Site(disk) => match std::fs::read(disk) {
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
        outputs.insert(
            path.clone(),
            Output {
                path: path.clone(),
                bytes,
            },
        );
    }
}

/// Two pages at one path: an event whose slug looks like a month (`2024/01/`), say.
fn check_collisions(jobs: &[pages::Job]) -> Result<(), Diagnostics> {
    let mut seen: BTreeMap<&str, &pages::Job> = BTreeMap::new();
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
