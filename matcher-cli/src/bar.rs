//! A progress bar on standard error, drawn only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use matcher::progress::{Progress, Stage};
use std::time::Duration;

/// Draws the core's progress with indicatif, or nothing when hidden.
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar that draws when `visible`, and is silent otherwise.
    pub fn new(visible: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if !visible {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        Bar(bar)
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, stage: Stage, total: u64) {
        let (style, message) = match stage {
            Stage::Scoring => (
                ProgressStyle::with_template(
                    "{msg:>8} [{bar:40}] {human_pos}/{human_len} mentees ({eta})",
                )
                .map(|s| s.progress_chars("=> ")),
                "scoring",
            ),
            Stage::Solving => (
                ProgressStyle::with_template("{msg:>8} {spinner} {elapsed}"),
                "solving",
            ),
        };
        if let Ok(style) = style {
            self.0.set_style(style);
        }
        self.0.set_message(message);
        self.0.reset();
        self.0.set_length(total);
        if total == 0 {
            self.0.enable_steady_tick(Duration::from_millis(100));
        }
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}
