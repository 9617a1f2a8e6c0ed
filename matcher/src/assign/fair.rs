//! The `fair` objective: as many matched mentees (filled places, when
//! mentees want several mentors) as `coverage`, then the highest threshold
//! `t` such that that many can still be matched using only pairs scoring at
//! least `t` (binary search over whole hundredths, one exact solve per
//! step: [`highest_floor`]), then the highest total at that threshold.
//! Locked pairs are kept whatever their score.

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
    let best = assign_above(scorer, rounds, config, Objective::Coverage, 0, progress)?;
    let mut solves = best.solves;
    let target = free(&best);
    let lowest = best
        .solution
        .assignment
        .iter()
        .zip((0..scorer.mentees().people.len()).filter(|&e| !rounds.is_locked(e)))
        .filter_map(|(m, e)| m.map(|m| scorer.score(e, m)))
        .min();
    let Some(low) = lowest else {
        return Ok(best);
    };
    let mut best = highest_floor(low, best, |floor| {
        let trial = assign_above(scorer, rounds, config, Objective::Coverage, floor, &Silent)?;
        solves += trial.solves;
        Ok((free(&trial) == target).then_some(trial))
    })?;
    best.solves = solves;
    Ok(best)
}

/// The search behind `fair`: the result of `trial` at the highest floor in
/// `low..=10_000` where it succeeds, or `best` (the result at `low`, known
/// to succeed) when no higher floor does. `trial(floor)` solves with the
/// pairs scoring below `floor` ruled out and gives its result when it still
/// fills as many places as the unrestricted optimum. Success is monotone in
/// the floor, so a binary search over whole hundredths finds it, one trial
/// per step.
pub(super) fn highest_floor<T>(
    mut low: Hundredths,
    mut best: T,
    mut trial: impl FnMut(Hundredths) -> Result<Option<T>, Error>,
) -> Result<T, Error> {
    let mut high: Hundredths = 10_000;
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        match trial(mid)? {
            Some(result) => (low, best) = (mid, result),
            None => high = mid - 1,
        }
    }
    Ok(best)
}
