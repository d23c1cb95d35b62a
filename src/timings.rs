//! How long each stage of a build took, for `build --timings` and the benchmarks.

use std::time::{Duration, Instant};

/// Wall time per stage of a build, in the order the stages ran.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Each stage's name (`load`, `resolve`, `render`, `links`, `write`) and total time,
    /// in the order each first ran.
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `f` as the stage `name` and records how long it took.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.record(name, started.elapsed());
        value
    }

    /// Adds `elapsed` to the stage `name`, which may already have run.
    pub fn record(&mut self, name: &'static str, elapsed: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.stages.push((name, elapsed)),
        }
    }

    /// One line per stage, milliseconds right-aligned, then the total.
    pub fn table(&self) -> String {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        let rows = self.stages.iter().copied().chain([("total", total)]);
        rows.map(|(name, d)| format!("  {name:<8} {:>8.1} ms\n", d.as_secs_f64() * 1000.0))
            .collect()
    }
}
