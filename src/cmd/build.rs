//! `dateline build`: generate the site and write it to the output folder.

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::messages::{counts, plural, report};
use crate::pipeline::{self, Options};
use crate::progress::Progress;

/// `dateline build`'s options.
#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The site folder (holding content/ and dateline.toml)
    #[arg(long, default_value = ".", value_parser = super::existing_dir)]
    pub root: PathBuf,
    /// Where to write the site [default: `output_dir` from dateline.toml, or public/]
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override `base_url` from dateline.toml (e.g. `https://user.github.io/repo/`)
    #[arg(long, value_parser = crate::config::check_base_url)]
    pub base_url: Option<String>,
    /// Include events and explainers marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Print the time each stage took: load, resolve, render (pages are written as they
    /// are rendered), links, write (the new folder put in place)
    #[arg(long)]
    pub timings: bool,
    /// Replace the output folder even if it holds files dateline did not write (they
    /// are deleted; a `.git` folder is always kept)
    #[arg(long)]
    pub force: bool,
}

impl BuildArgs {
    /// Builds the site and puts it in the output folder, or leaves the folder as it was
    /// and reports every error ([`Outcome::ContentErrors`]). `Err` when the output folder
    /// cannot be prepared or written.
    pub fn run(self) -> anyhow::Result<Outcome> {
        let options = Options {
            root: self.root.clone(),
            base_url: self.base_url,
            origin: None,
            drafts: self.drafts,
            lint: false,
        };
        // On a terminal, a build that takes a while shows what it is doing; the
        // line is cleared before anything else is printed.
        let progress = Progress::start("reading and checking the site");
        let waiting = |output: &std::path::Path| {
            progress.suspend(|| {
                warnln!(
                    "note: waiting for another build into {} to finish",
                    output.display()
                )
            });
            progress.stage("waiting for another build to finish");
        };
        let failed = |diagnostics: &crate::diagnostic::Diagnostics| {
            progress.clear();
            report(diagnostics);
            errln!(
                "error: build failed: {}; nothing was written",
                counts(diagnostics)
            );
            Ok(Outcome::ContentErrors)
        };
        let prepared = match pipeline::prepare(&options) {
            Ok(prepared) => prepared,
            Err(diagnostics) => {
                // A previous site that an interrupted build set aside is put back
                // even so: the output stays what the last good build made it.
                // A configuration that does not load: the default output, which is
                // where the leftovers are if `output_dir` never moved it.
                let config = crate::config::Config::load(&self.root).unwrap_or_default();
                let output = pipeline::output_dir(&self.root, &config, self.output.as_deref());
                let recovered = crate::write::recover_output(&self.root, &output, &waiting);
                progress.clear();
                match recovered {
                    Ok(warnings) => {
                        for warning in warnings {
                            warnln!("warning: {warning}");
                        }
                    }
                    Err(e) => warnln!("warning: {e:#}"),
                }
                return failed(&diagnostics);
            }
        };
        let output = pipeline::output_dir(&self.root, &prepared.config, self.output.as_deref());
        progress.suspend(|| settings(&self.root, &prepared.config, &output, self.drafts));
        // Pages are written to a staging folder as they are rendered; it replaces the
        // output folder only once the whole site is written and every link checks out.
        progress.stage("preparing the output folder");
        let staging = crate::write::Staging::new(&self.root, &output, self.force, &waiting)
            .map_err(|e| {
                if self.output.is_none() {
                    e.context("check `output_dir` in dateline.toml")
                } else {
                    e
                }
            })?;
        let generated = match prepared.render(&progress.sink(&staging)) {
            Ok(generated) => generated,
            Err(diagnostics) => return failed(&diagnostics),
        };
        progress.suspend(|| report(&generated.warnings));
        progress.stage("putting the new site in place");
        let mut timings = generated.timings.clone();
        let started = std::time::Instant::now();
        let warnings = timings.time("write", || staging.commit())?;
        progress.clear();
        for warning in warnings {
            warnln!("warning: {warning}");
        }
        infoln!(
            "Built {}: {} ({}) in {} in {} ms",
            generated.content_counts(),
            plural(generated.stats.pages, "page"),
            plural(generated.stats.files, "file"),
            output.display(),
            (generated.elapsed + started.elapsed()).as_millis()
        );
        if self.timings || crate::messages::verbose() {
            crate::messages::print_timings(&timings);
        }
        Ok(Outcome::Success)
    }
}

/// `--verbose`: the site folder, configuration, address and output folder a build
/// or check runs with.
pub(super) fn settings(
    root: &std::path::Path,
    config: &crate::config::Config,
    output: &std::path::Path,
    drafts: bool,
) {
    verboseln!(
        "site {}, configuration {}",
        root.display(),
        root.join(crate::config::CONFIG_FILE).display()
    );
    verboseln!(
        "base URL {}, output {}{}",
        config.base_url,
        output.display(),
        if drafts { ", drafts included" } else { "" }
    );
}
