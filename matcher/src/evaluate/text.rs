//! An evaluation as text a person reads in a terminal.

use super::{Effect, Evaluation, MeasureReport};
use std::io::{self, Write};

impl Evaluation {
    /// Writes the evaluation as text: the pairs it rests on, then per
    /// outcome the response rate, the outcome by score decile, each score's
    /// correlation with its interval, and the outcome by criterion range.
    pub fn write_text<W: Write>(&self, mut w: W) -> io::Result<()> {
        writeln!(
            w,
            "Outcomes: {}: {} pairs listed, {} in the rosters.",
            self.source, self.listed, self.joined
        )?;
        if !self.unknown.is_empty() {
            writeln!(w, "Left out, not in the rosters:")?;
            for problem in &self.unknown {
                writeln!(w, "  {problem}")?;
            }
        }
        if !self.ignored_columns.is_empty() {
            writeln!(w, "Columns not read: {}", self.ignored_columns.join(", "))?;
        }
        writeln!(w, "Pairs with a comment: {}.", self.comments)?;
        writeln!(
            w,
            "Intervals: 95 % percentile bootstrap, {} resamples, seed {}.",
            self.bootstrap.resamples, self.bootstrap.seed
        )?;
        for report in &self.measures {
            writeln!(w)?;
            write_measure(&mut w, report)?;
        }
        Ok(())
    }
}

fn write_measure<W: Write>(w: &mut W, report: &MeasureReport) -> io::Result<()> {
    let better = if report.higher_is_better {
        "higher is better"
    } else {
        "lower is better"
    };
    writeln!(w, "{} ({}; {better})", report.measure.as_str(), report.unit)?;
    write!(
        w,
        "  answered by {} pairs ({:.1} % of those in the rosters)",
        report.answered,
        100.0 * report.response_rate
    )?;
    match report.mean {
        Some(mean) => writeln!(w, ", mean {mean:.2}")?,
        None => writeln!(w)?,
    }
    if report.answered == 0 {
        return Ok(());
    }
    writeln!(w, "  by total score      pairs   mean")?;
    for bin in &report.score.bins {
        let range = format!("{:.2}–{:.2}", bin.from, bin.to);
        writeln!(w, "    {range:<16}{:>6}{:>7.2}", bin.pairs, bin.mean)?;
    }
    writeln!(w, "  correlation         r       95 % interval      pairs")?;
    for effect in std::iter::once(&report.score).chain(&report.criteria) {
        write_correlation(w, effect)?;
    }
    if !report.criteria.is_empty() {
        writeln!(w, "  by criterion score (mean, pairs)")?;
        for effect in &report.criteria {
            write!(w, "    {:<14}", effect.name)?;
            for bin in &effect.bins {
                write!(
                    w,
                    "  {:.0}–{:.0}: {:.2} ({})",
                    bin.from, bin.to, bin.mean, bin.pairs
                )?;
            }
            writeln!(w)?;
        }
    }
    Ok(())
}

fn write_correlation<W: Write>(w: &mut W, effect: &Effect) -> io::Result<()> {
    let r = effect
        .correlation
        .map_or("—".to_owned(), |r| format!("{r:+.3}"));
    let interval = effect.interval.map_or("—".to_owned(), |[low, high]| {
        format!("[{low:+.3}, {high:+.3}]")
    });
    writeln!(
        w,
        "    {:<16}{r:<8}{interval:<19}{}",
        effect.name, effect.pairs
    )
}
