//! Rebuilding a site in memory as its files change, as `dateline serve` does: what
//! is kept between builds, when it is dropped, and how the pages rendered again are
//! merged into the site built before. Used as [`crate::pipeline::Incremental`].
//!
//! The server and the incremental tests both drive [`Incremental`], so the rule
//! that decides what `serve` renders again is written, and tested, once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::load;
use crate::pipeline::{Generated, Options, prepare_with};
use crate::render::{self, Output};

/// What `serve` keeps between rebuilds, so that a saved file costs what it changes:
/// files parsed (reused until the file watcher reports them changed), annotated
/// bodies, related events, and the fingerprint of every page, so only the pages
/// whose content changed are rendered again. Each stage's cache says what it keys on.
///
/// A rebuild is [`Incremental::changed`] with the paths the watcher reported, then
/// [`Incremental::generate`], then, if it succeeded, [`Incremental::merge`] with the
/// site built before.
///
/// The caches are dropped, and the next build reads, resolves and renders it all,
/// when what they hold cannot be trusted to describe the files:
///
/// - no build has succeeded yet, so there is no site to merge unchanged pages from;
/// - a changed path is outside `content/` and `templates/`, which are the only
///   files the caches fingerprint: `dateline.toml`, anything under `static/` (an
///   image that a body shows), or the site's root itself, which the watcher sends
///   when it lost track of changes (its event queue overflowed);
/// - the last build failed because of the machine ([`Incremental::distrust`]): a
///   folder listed while out of file descriptors may have looked empty;
/// - the last build did not return (it panicked), leaving the caches half updated.
pub struct Incremental {
    load: load::Cache,
    resolve: crate::resolve::Cache,
    render: render::Cache,
    /// A build has succeeded: the caller holds a site to merge rebuilt pages into.
    /// Kept when the caches are dropped.
    built: bool,
    /// The caches may not match the files: the next build drops them first. Set
    /// while a build runs, so one that panics leaves it set, and by
    /// [`Incremental::distrust`].
    doubtful: bool,
}

impl Default for Incremental {
    fn default() -> Incremental {
        Incremental {
            load: load::Cache::default(),
            resolve: crate::resolve::Cache::new(),
            render: render::Cache::default(),
            built: false,
            doubtful: false,
        }
    }
}

impl Incremental {
    /// Tells the next build which paths changed since the last (absolute: files
    /// written, made, removed or renamed, as the file watcher saw them): only those
    /// files are read again. With no good build yet, or a path outside `content/`
    /// and `templates/` among them, the caches are dropped instead and the next build
    /// does it all. Not called before a build, the caches read every file again.
    pub fn changed(&mut self, root: &Path, paths: &[PathBuf]) {
        let (content, templates) = (root.join("content"), root.join("templates"));
        let seen = |path: &PathBuf| path.starts_with(&content) || path.starts_with(&templates);
        if !self.built || !paths.iter().all(seen) {
            self.forget();
        } else {
            self.load.changed(root, paths);
        }
    }

    /// Loads, resolves and renders into memory like [`crate::pipeline::generate`],
    /// but `outputs` holds only the pages that changed since the last good build,
    /// and every file that is not a page; [`Incremental::paths`] lists every file of
    /// the site, and [`Incremental::merge`] puts the two together. Drops the caches
    /// first if they are in doubt (see [`Incremental`]). On failure, returns every
    /// diagnostic found, and the caches keep what the next build can reuse.
    pub fn generate(&mut self, options: &Options) -> Result<Generated, Diagnostics> {
        if self.doubtful {
            self.forget();
        }
        // Until the build returns: if it panics, the next one starts afresh.
        self.doubtful = true;
        let memory = render::Memory::default();
        let caches = Some((&mut self.load, &mut self.resolve));
        let cache = &mut self.render;
        let generated = prepare_with(options, caches).and_then(|prepared| {
            prepared.finish(|site, theme, timings| {
                render::render_changed(site, theme, timings, &memory, cache)
            })
        });
        self.doubtful = false;
        let mut generated = generated?;
        self.built = true;
        generated.outputs = memory.into_outputs();
        Ok(generated)
    }

    /// Drops the caches before the next build, for a build that failed because of
    /// the machine (out of file descriptors, say) rather than the site: what it
    /// listed or read then may be wrong.
    pub fn distrust(&mut self) {
        self.doubtful = true;
    }

    /// Every file of the last good build: output paths, like
    /// `2024/01/03/kerman-explosions/index.html`.
    pub fn paths(&self) -> &[String] {
        self.render.paths()
    }

    /// The files of the site after a good build, by output path: for each of
    /// [`Incremental::paths`], the build's output if it rendered that file again,
    /// else the same file of `previous`, the site built before (a path in neither is
    /// left out; a path of `previous` no longer built is dropped). `outputs` are the
    /// build's [`Generated::outputs`].
    pub fn merge<B: Clone + From<Vec<u8>>>(
        &self,
        previous: Option<&HashMap<String, B>>,
        outputs: Vec<Output>,
    ) -> HashMap<String, B> {
        let paths = self.paths();
        let mut files: HashMap<String, B> = HashMap::with_capacity(paths.len());
        if let Some(previous) = previous {
            for path in paths {
                if let Some(bytes) = previous.get(path) {
                    files.insert(path.clone(), bytes.clone());
                }
            }
        }
        for output in outputs {
            files.insert(output.path, B::from(output.bytes));
        }
        files
    }

    /// Drops the caches: the next build reads, resolves and renders it all. Whether a
    /// build has succeeded is kept.
    fn forget(&mut self) {
        *self = Incremental {
            built: self.built,
            ..Incremental::default()
        };
    }
}
