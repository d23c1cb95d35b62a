//! The incremental half of a render: what `serve` keeps of the last good build
//! ([`Cache`]), which pages and machine files a rebuild can take from it instead of
//! rendering them again ([`Reuse`]), and what it keeps for the next one ([`Keep`]).
//!
//! [`deps`] says what a fingerprint covers — a list kept in step with the
//! entities it hashes; this file says what a build does with the fingerprints, and is
//! the only one that reads or writes the [`Cache`]. A full build (`build`, `check`)
//! has no cache and never enters it.

use std::collections::HashMap;

use rayon::prelude::*;

use super::pages::Job;
use super::views::{ItemMemo, Views};
use super::{Output, Theme, deps};
use crate::linkcheck::Broken;
use crate::site::Site;

/// What `serve` keeps of the last good build to re-render only what changed: the
/// fingerprint of every page (see `deps`) and the broken links found on them.
#[derive(Default)]
pub struct Cache {
    pages: HashMap<String, u64>,
    broken: HashMap<String, Broken>,
    paths: Vec<String>,
    /// The feeds, sitemaps, search index and TimelineJS3 export by
    /// [`machine::Part`](super::machine::Part), each with the fingerprint of what
    /// it lists.
    machine: [Option<(u64, Vec<Output>)>; super::machine::PARTS.len()],
    items: ItemMemo,
}

impl Cache {
    /// Every file of the last good build, by output path.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// The list entries kept from the last build, for [`Views::new`] to reuse.
    pub(super) fn items(&mut self) -> &mut ItemMemo {
        &mut self.items
    }
}

/// This build's fingerprints set against the last good build's: a page is rendered
/// again only when its fingerprint changed, and a machine file made again only when
/// what it lists changed.
pub(super) struct Reuse<'c> {
    last: &'c Cache,
    /// Of every page, in the order of the jobs.
    pages: Vec<u64>,
    /// Of what each machine part lists, in the order of [`super::machine::PARTS`].
    machine: [u64; super::machine::PARTS.len()],
}

impl<'c> Reuse<'c> {
    /// Fingerprints every page of `jobs` (whose paths are `paths`) and every machine
    /// part. `None` without a `last` build, or when the views were made without
    /// fingerprints (they have them exactly when there is a cache).
    pub(super) fn new(
        site: &Site,
        theme: &Theme,
        views: &Views,
        jobs: &[Job<'_>],
        paths: &[&str],
        last: Option<&'c Cache>,
    ) -> Option<Reuse<'c>> {
        let (last, view_prints) = (last?, views.prints.as_ref()?);
        let prints = deps::Prints::new(site, views, view_prints, theme.fingerprint(), paths);
        let machine = prints.machine(site);
        let pages = jobs
            .par_iter()
            .map(|job| job.fingerprint(&prints))
            .collect();
        Some(Reuse {
            last,
            pages,
            machine,
        })
    }

    /// The broken links page `n` (at `path`) had in the last build, when its
    /// fingerprint is unchanged and it need not be rendered again; `None` otherwise.
    pub(super) fn unchanged(&self, n: usize, path: &str) -> Option<Broken> {
        let same = self.last.pages.get(path) == Some(&self.pages[n]);
        same.then(|| self.last.broken.get(path).cloned().unwrap_or_default())
    }

    /// Machine part `n` as the last build made it, when what it lists is unchanged.
    pub(super) fn machine_files(&self, n: usize) -> Option<&'c Vec<Output>> {
        self.last.machine[n]
            .as_ref()
            .filter(|m| m.0 == self.machine[n])
            .map(|m| &m.1)
    }

    /// What the next build needs of this one: the page fingerprints, and a copy of
    /// each machine part of `made` (in the order of [`super::machine::PARTS`]) that
    /// was made again rather than taken from the last build.
    pub(super) fn keep(self, made: &[Vec<Output>]) -> Keep {
        let machine = made
            .iter()
            .enumerate()
            .filter(|(n, _)| self.machine_files(*n).is_none())
            .map(|(n, part)| (n, self.machine[n], part.clone()))
            .collect();
        Keep {
            pages: self.pages,
            broken: HashMap::new(),
            machine,
        }
    }
}

/// What a build leaves for the next, stored into the [`Cache`] only when the build
/// succeeds.
pub(super) struct Keep {
    pages: Vec<u64>,
    broken: HashMap<String, Broken>,
    /// `(part, fingerprint, files)` of the machine parts made again.
    machine: Vec<(usize, u64, Vec<Output>)>,
}

impl Keep {
    /// The broken links found on the pages, by page path: warnings only, or the build
    /// fails; what a page that is not rendered again would have found.
    pub(super) fn broken_links(&mut self, found: &[(String, Broken)]) {
        self.broken = found.iter().cloned().collect();
    }

    /// Replaces the last build in `cache` with this one, whose pages are `jobs` and
    /// whose files are at `paths`.
    pub(super) fn store(self, cache: &mut Cache, jobs: &[Job<'_>], paths: &[&str]) {
        cache.pages = jobs
            .iter()
            .map(|job| job.path.clone())
            .zip(self.pages)
            .collect();
        cache.broken = self.broken;
        cache.paths = paths.iter().map(ToString::to_string).collect();
        for (n, key, part) in self.machine {
            cache.machine[n] = Some((key, part));
        }
    }
}
