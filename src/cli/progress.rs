//! A progress bar on standard error, drawn only when it is a terminal (never in pipes or
//! logs) and not with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Steps of a long run.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar of `steps` steps; hidden unless stderr is a terminal and `quiet` is off.
    pub fn new(steps: usize, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::stderr()).with_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar: Some(bar) }
    }

    /// Starts the next step, described by `message`.
    pub fn step(&self, message: impl Into<String>) {
        if let Some(b) = &self.bar {
            b.set_message(message.into());
        }
    }

    /// Adds `n` steps to the bar (once the number of input files is known).
    pub fn add_steps(&self, n: usize) {
        if let Some(b) = &self.bar {
            b.inc_length(n as u64);
        }
    }

    /// Marks a step done.
    pub fn done(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Runs `f` as one step.
    pub fn run<T>(&self, message: impl Into<String>, f: impl FnOnce() -> T) -> T {
        self.step(message);
        let out = f();
        self.done();
        out
    }

    /// Removes the bar (before printing results or errors).
    pub fn clear(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
