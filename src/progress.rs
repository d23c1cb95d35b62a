//! What a long build shows while it runs: one line on stderr, on a terminal only.
//!
//! A build of a large archive spends seconds reading and checking content and
//! rendering pages; a terminal that stays silent for that long looks stuck. The line
//! appears only once the work has run for [`DELAY`] — a small site builds in
//! milliseconds and shows nothing but its summary — and never when stderr is not a
//! terminal (a pipe, a CI log) or is one that cannot redraw a line (`TERM=dumb`),
//! where its escape codes would be noise. It is cleared
//! before anything else is printed, so the summary line stays the build's last word.
//! The stages themselves know nothing of it: the commands name each stage as they
//! start it, and [`Progress::sink`] counts the files rendered.

use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::render::{Output, Sink};

/// How long the work runs before the line appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// The progress line of one command run. Dropping it clears it.
pub struct Progress {
    /// `None` when stderr is not a terminal: then every method does nothing.
    bar: Option<ProgressBar>,
    /// The thread that shows the line after [`DELAY`], and the way to tell it the
    /// work is done before that.
    reveal: Mutex<Option<(mpsc::Sender<()>, JoinHandle<()>)>>,
}

impl Progress {
    /// Starts the line for a command's work, with the first stage's name; shown
    /// after [`DELAY`] when stderr is a terminal.
    pub fn start(stage: &'static str) -> Progress {
        // A terminal that cannot move the cursor (TERM=dumb: an editor's shell
        // buffer) would show every redraw as a new line.
        let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
        let quiet = crate::messages::verbosity() == crate::messages::Verbosity::Quiet;
        if dumb || quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                reveal: Mutex::new(None),
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(stage_style());
        bar.set_message(stage);
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let reveal = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(DELAY) {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(100));
                }
            })
            .ok();
        Progress {
            // Without its thread the line would never show: then it is not kept.
            bar: reveal.is_some().then_some(bar),
            reveal: Mutex::new(reveal.map(|thread| (done, thread))),
        }
    }

    /// Names the stage now running: `rendering pages`.
    pub fn stage(&self, stage: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_style(stage_style());
            bar.set_message(stage);
        }
    }

    /// Runs `print` with the line out of the way, then draws it again: for a note
    /// printed while the work goes on.
    pub fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Removes the line for good, before the command prints its results.
    pub fn clear(&self) {
        let reveal = self.reveal.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some((done, thread)) = reveal {
            // Either the line was shown already or it never will be.
            let _ = done.send(());
            let _ = thread.join();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// `sink`, counting the files rendered into it on the line as a bar: the render
    /// stage tells the sink every path before the first file arrives.
    pub fn sink<'a>(&'a self, sink: &'a dyn Sink) -> Counting<'a> {
        Counting {
            bar: self.bar.as_ref(),
            sink,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A [`Sink`] that passes every file on and counts it: see [`Progress::sink`].
pub struct Counting<'a> {
    bar: Option<&'a ProgressBar>,
    sink: &'a dyn Sink,
}

impl Sink for Counting<'_> {
    fn path_budget(&self) -> Option<usize> {
        self.sink.path_budget()
    }

    fn prepare(&self, paths: &[&str]) -> anyhow::Result<()> {
        if let Some(bar) = self.bar {
            bar.set_style(count_style());
            bar.set_message("rendering pages");
            bar.set_position(0);
            bar.set_length(paths.len() as u64);
        }
        self.sink.prepare(paths)
    }

    fn put(&self, output: Output) -> anyhow::Result<()> {
        let put = self.sink.put(output);
        if let Some(bar) = self.bar {
            bar.inc(1);
            // The links of every page are checked once all are rendered.
            if bar.length().is_some_and(|length| bar.position() == length) {
                bar.set_message("checking links");
            }
        }
        put
    }
}

/// `⠙ reading the site 3s`.
fn stage_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// `⠙ rendering pages [=========>          ] 41,327/100,084 6s`.
fn count_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {human_pos}/{human_len} {elapsed}")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
