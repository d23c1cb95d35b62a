//! `dateline serve`: preview the site with live reload.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;

/// `dateline serve`'s options.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The site folder (holding content/ and dateline.toml)
    #[arg(long, default_value = ".", value_parser = super::existing_dir)]
    pub root: PathBuf,
    /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include events and explainers marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

impl ServeArgs {
    /// Serves the site until Ctrl-C: see [`crate::serve::run`]. `Err` when the server
    /// cannot start (the port is taken, say).
    pub fn run(self) -> anyhow::Result<Outcome> {
        verboseln!(
            "site {}, configuration {}{}",
            self.root.display(),
            self.root.join(crate::config::CONFIG_FILE).display(),
            if self.drafts { ", drafts included" } else { "" }
        );
        crate::serve::run(crate::serve::Options {
            root: self.root,
            bind: self.bind,
            port: self.port,
            open: self.open,
            drafts: self.drafts,
        })?;
        Ok(Outcome::Success)
    }
}
