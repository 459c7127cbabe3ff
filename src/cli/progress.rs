//! A progress bar for builds that take more than a moment, on a terminal
//! only: quiet in CI and when output is redirected.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before a bar appears, unless
/// `VANBAN_PROGRESS_AFTER_MS` says otherwise (0: at once).
const MOMENT: Duration = Duration::from_millis(400);

/// The moment, from the environment if it gives a number of milliseconds.
fn moment() -> Duration {
    std::env::var("VANBAN_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(MOMENT, Duration::from_millis)
}

pub(crate) struct Bar {
    bar: ProgressBar,
    started: Instant,
    after: Duration,
    shown: AtomicBool,
    wanted: bool,
}

impl Bar {
    pub(crate) fn new() -> Bar {
        let wanted = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} trang ({elapsed})") {
            bar.set_style(style);
        }
        Bar {
            bar,
            started: Instant::now(),
            after: moment(),
            shown: AtomicBool::new(false),
            wanted,
        }
    }
}

impl vanban::Progress for Bar {
    fn start(&self, jobs: usize) {
        self.bar.set_length(jobs as u64);
    }

    fn advance(&self) {
        self.bar.inc(1);
        if self.wanted
            && self.started.elapsed() >= self.after
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
