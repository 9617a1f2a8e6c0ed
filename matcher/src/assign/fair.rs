//! The `fair` objective: as many matched mentees as `coverage`, then the
//! highest threshold `t` such that that many can still be matched using only
//! pairs scoring at least `t` (binary search over whole hundredths, one exact
//! solve per step), then the highest total at that threshold. Locked pairs are
//! kept whatever their score.

use super::{assign_above, Assignment};
use crate::config::Config;
use crate::error::Error;
use crate::progress::{Progress, Silent};
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use crate::solve::Objective;

/// The fair assignment; its `solves` counts every step of the search.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let free = |a: &Assignment| a.solution.matched;
    let mut best = assign_above(scorer, rounds, config, Objective::Coverage, 0, progress)?;
    let mut solves = best.solves;
    let target = free(&best);
    let lowest = best
        .solution
        .assignment
        .iter()
        .zip((0..scorer.mentees().people.len()).filter(|&e| !rounds.is_locked(e)))
        .filter_map(|(m, e)| m.map(|m| scorer.score(e, m)))
        .min();
    let Some(mut low) = lowest else {
        return Ok(best);
    };
    // `low` is feasible (the coverage optimum uses no pair below it); find
    // the highest feasible threshold in `low..=high`.
    let mut high: Hundredths = 10_000;
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        let trial = assign_above(scorer, rounds, config, Objective::Coverage, mid, &Silent)?;
        solves += trial.solves;
        if free(&trial) == target {
            (low, best) = (mid, trial);
        } else {
            high = mid - 1;
        }
    }
    best.solves = solves;
    Ok(best)
}
