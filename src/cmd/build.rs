//! `dateline build`: generate the site and write it to the output folder.

use std::path::PathBuf;

use clap::Args;

use super::{Outcome, counts, plural, report};
use crate::pipeline::{self, Options};

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The site folder (holding content/ and dateline.toml)
    #[arg(long, default_value = ".", value_parser = super::existing_dir)]
    pub root: PathBuf,
    /// Where to write the site [default: `output_dir` from dateline.toml, or public/]
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override `base_url` from dateline.toml (e.g. https://user.github.io/repo/)
    #[arg(long, value_parser = crate::config::check_base_url)]
    pub base_url: Option<String>,
    /// Include events and explainers marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Print the time each stage took (load, resolve, render, links, write)
    #[arg(long)]
    pub timings: bool,
}

impl BuildArgs {
    pub fn run(self) -> anyhow::Result<Outcome> {
        let options = Options {
            root: self.root.clone(),
            base_url: self.base_url,
            origin: None,
            drafts: self.drafts,
            lint: false,
        };
        let generated = match pipeline::generate(&options) {
            Ok(generated) => generated,
            Err(diagnostics) => {
                report(&diagnostics);
                errln!(
                    "error: build failed: {}; nothing was written",
                    counts(&diagnostics)
                );
                return Ok(Outcome::ContentErrors);
            }
        };
        report(&generated.warnings);
        let output = pipeline::output_dir(&self.root, &generated.config, self.output.as_deref());
        let mut timings = generated.timings.clone();
        let started = std::time::Instant::now();
        timings
            .time("write", || {
                crate::write::write(&generated.outputs, &self.root, &output)
            })
            .map_err(|e| {
                if self.output.is_none() {
                    e.context("check `output_dir` in dateline.toml")
                } else {
                    e
                }
            })?;
        outln!(
            "Built {}: {} ({} files) in {} in {} ms",
            generated.content_counts(),
            plural(generated.stats.pages, "page"),
            generated.stats.files,
            output.display(),
            (generated.elapsed + started.elapsed()).as_millis()
        );
        if self.timings {
            outln!("Timings:\n{}", timings.table().trim_end());
        }
        Ok(Outcome::Success)
    }
}
