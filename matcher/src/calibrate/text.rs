//! A calibration as text: the report a person reads, and the comment block
//! that heads the config file it writes.

use super::{Calibration, Verdict};
use std::fmt::Write as _;
use std::io::{self, Write};

impl Calibration {
    /// Writes the calibration as text.
    pub fn write_text<W: Write>(&self, mut w: W) -> io::Result<()> {
        w.write_all(self.lines().join("\n").as_bytes())?;
        writeln!(w)
    }

    /// The calibration as a TOML comment block (`# ` before every line),
    /// for the head of the config file with the fitted weights.
    pub fn comment_block(&self) -> String {
        let mut block = String::new();
        for line in self.lines() {
            let _ = writeln!(block, "# {line}");
        }
        block.replace("# \n", "#\n")
    }

    /// The report, line by line.
    fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!(
                "Weights fitted to `{}` on {} pairs ({} left out, not in the rosters).",
                self.measure.as_str(),
                self.pairs,
                self.unknown
            ),
            format!(
                "Model: {} = {:.3} + the effects below times each criterion's score (0 to 1), \
                 fitted by non-negative least squares.",
                self.measure.as_str(),
                self.intercept
            ),
            String::new(),
            "criterion      current  fitted   95 % interval       effect of 0 -> 100".to_owned(),
        ];
        for w in &self.weights {
            lines.push(format!(
                "{:<15}{:<9.3}{:<9.3}[{:.3}, {:.3}]{:<6}{:+.3}",
                w.criterion.as_str(),
                w.current,
                w.fitted,
                w.interval[0],
                w.interval[1],
                "",
                w.effect
            ));
        }
        for c in &self.no_evidence {
            lines.push(format!(
                "{:<15}no answering pair has it: fitted weight 0, no evidence",
                c.as_str()
            ));
        }
        let unchanged: Vec<&str> = self
            .weights
            .iter()
            .filter(|w| w.interval[0] <= w.current && w.current <= w.interval[1])
            .map(|w| w.criterion.as_str())
            .collect();
        if !unchanged.is_empty() {
            lines.push(format!(
                "Current weight within the interval (no evidence it should change): {}.",
                unchanged.join(", ")
            ));
        }
        let h = &self.held_out;
        lines.extend([
            format!(
                "Intervals: 95 % percentile bootstrap, {} of {} resamples fitted, seed {}.",
                self.resamples_fitted, self.bootstrap.resamples, self.bootstrap.seed
            ),
            String::new(),
            format!(
                "Held out ({}-fold cross-validation), mean squared error:",
                h.folds
            ),
            format!(
                "  fitted weights {:.4} (R² {:.3}), current weights {:.4} (R² {:.3})",
                h.fitted_error, h.fitted_r2, h.current_error, h.current_r2
            ),
            format!(
                "  improvement {:+.4}, 95 % interval [{:+.4}, {:+.4}]",
                h.improvement, h.interval[0], h.interval[1]
            ),
            String::new(),
            format!("Verdict: {}", self.verdict_line()),
            String::new(),
        ]);
        let c = &self.counterfactual;
        lines.push(format!(
            "Matched again with the fitted weights: {} of {} mentees change mentor \
             ({} matched now, {} with the fitted weights).",
            c.changed, c.mentees, c.matched_current, c.matched_fitted
        ));
        if let (Some(now), Some(then)) = (c.predicted_current, c.predicted_fitted) {
            lines.push(format!(
                "Model prediction, not a measurement: mean {} {now:.3} for the current matching, \
                 {then:.3} for the fitted one ({:+.3}).",
                self.measure.as_str(),
                then - now
            ));
        }
        lines
    }

    fn verdict_line(&self) -> String {
        match self.verdict {
            Verdict::Supported => {
                "SUPPORTED: the fitted weights predict held-out pairs better, and some current \
                 weights lie outside their intervals."
                    .to_owned()
            }
            Verdict::WithinUncertainty => {
                "NOT SUPPORTED: the fitted weights predict held-out pairs better, but every current \
                 weight lies within its interval; the data cannot tell them apart. Keep the current \
                 weights or collect more outcomes."
                    .to_owned()
            }
            Verdict::NotBetter => format!(
                "NOT SUPPORTED: the fitted weights do not predict held-out pairs better than the \
                 current ones ({} pairs). Keep the current weights or collect more outcomes.",
                self.pairs
            ),
            Verdict::NoSignal => {
                "NOT SUPPORTED: no criterion goes with a better outcome in these pairs; there is \
                 nothing to fit."
                    .to_owned()
            }
        }
    }
}
