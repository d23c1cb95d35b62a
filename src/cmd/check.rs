//! `dateline check`: everything `build` does except writing, plus warnings about
//! loose ends (see [`crate::lint`]).

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::messages::{counts, plural, report};
use crate::pipeline::{self, Options};
use crate::progress::Progress;

/// `dateline check`'s options.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The site folder (holding content/ and dateline.toml)
    #[arg(long, default_value = ".", value_parser = super::existing_dir)]
    pub root: PathBuf,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Check events and explainers marked `draft: true` as part of the site
    #[arg(long)]
    pub drafts: bool,
}

impl CheckArgs {
    /// Builds the site without writing it and reports every error and warning:
    /// [`Outcome::ContentErrors`] on an error, or with `--strict` on a warning, or when
    /// `build` would refuse the output folder.
    pub fn run(self) -> anyhow::Result<Outcome> {
        let options = Options {
            root: self.root.clone(),
            base_url: None,
            origin: None,
            drafts: self.drafts,
            lint: true,
        };
        // On a terminal, a check that takes a while shows what it is doing.
        let progress = Progress::start("reading and checking the site");
        // Everything is rendered and its links checked, but no page is kept; paths
        // are held to the limit a build into the output folder would meet.
        let discard = |config: &crate::config::Config| {
            let output = pipeline::output_dir(&self.root, config, None);
            let path_budget = crate::write::path_budget(&output);
            crate::render::Discard { path_budget }
        };
        let generated = pipeline::prepare(&options).and_then(|p| {
            let sink = discard(&p.config);
            p.render(&progress.sink(&sink))
        });
        progress.clear();
        let generated = match generated {
            Ok(generated) => generated,
            Err(diagnostics) => {
                report(&diagnostics);
                errln!("error: check failed: {}", counts(&diagnostics));
                return Ok(Outcome::ContentErrors);
            }
        };
        if self.strict {
            // They fail the check: shown even with --quiet.
            crate::messages::report_all(&generated.warnings);
        } else {
            report(&generated.warnings);
        }
        // The build would refuse this output folder: so does the check.
        let output = pipeline::output_dir(&self.root, &generated.config, None);
        super::build::settings(&self.root, &generated.config, &output, self.drafts);
        if let Err(e) = crate::write::check_output_dir(&self.root, &output) {
            errln!(
                "error: {:#}",
                e.context("check `output_dir` in dateline.toml")
            );
            return Ok(Outcome::ContentErrors);
        }
        let found = if generated.warnings.0.is_empty() {
            "no problems found".to_owned()
        } else {
            counts(&generated.warnings)
        };
        let summary = format!(
            "Checked {} and {}: {found}",
            generated.content_counts(),
            plural(generated.stats.pages, "page"),
        );
        if self.strict && !generated.warnings.0.is_empty() {
            errln!("{summary}");
            errln!("error: check failed: --strict turns warnings into errors");
            return Ok(Outcome::ContentErrors);
        }
        infoln!("{summary}");
        if crate::messages::verbose() {
            crate::messages::print_timings(&generated.timings);
        }
        Ok(Outcome::Success)
    }
}
