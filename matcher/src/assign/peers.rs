//! Directed peer programs, where one roster gives both sides: two people are
//! paired at most once, so a matching must never have A mentor B while B
//! mentors A.
//!
//! That rule couples two cells of the assignment, which no exact solve can
//! express. It is solved by branch and bound over exact solves: solve
//! without it; if some pair is made both ways, solve twice more, once with
//! each direction ruled out, keeping the better; a branch whose solve is no
//! better than the best answer found is not explored. Each solve is exact,
//! so the answer is too when the search completes; most rosters need one
//! solve. Past [`MAX_NODES`] branches the best matching found is returned
//! with a non-zero gap.

use super::{dispatch, Assignment};
use crate::config::{Config, ConfigError, Goal};
use crate::error::Error;
use crate::progress::Progress;
use crate::rounds::Resolved;
use crate::score::Scorer;

/// The most branches explored; past it the best matching found is returned
/// with the first solve's bound, so its gap shows what is not proven.
const MAX_NODES: usize = 200;

/// Solves a directed peer program exactly (see the module doc).
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let (mut solves, mut nodes) = (0, 0);
    let mut best: Option<Assignment> = None;
    let mut root_bound = None;
    let mut open = vec![rounds.clone()];
    while let Some(node) = open.pop() {
        if nodes == MAX_NODES && best.is_some() {
            break;
        }
        nodes += 1;
        let solved = dispatch(scorer, &node, config, progress)?;
        solves += solved.solves;
        root_bound.get_or_insert(solved.solution.dual_bound);
        if best
            .as_ref()
            .is_some_and(|b| key(scorer, config, &solved) <= key(scorer, config, b))
        {
            continue;
        }
        match both_ways(scorer, &solved) {
            None => best = Some(solved),
            Some(_) if !matches!(config.solver.objective, Goal::Coverage | Goal::Total) => {
                return Err(ConfigError::new(
                    "solver.objective",
                    "in a peer program only \"coverage\" and \"total\" can keep pairs from being made both ways: use one of them",
                )
                .into());
            }
            Some(((a, b), (c, d))) => {
                // The later branch runs first: ruling out the second direction.
                open.push(node.without(a, b));
                open.push(node.without(c, d));
            }
        }
    }
    let mut best = best.expect("every branch ends in a matching with no pair made both ways");
    best.solves = solves;
    if !open.is_empty() {
        // Stopped early: the first solve's bound is what is proven.
        best.solution.dual_bound = root_bound.unwrap_or(best.solution.dual_bound);
    }
    Ok(best)
}

/// What a branch is worth: (pairs, score) under `coverage`, (score, pairs)
/// under `total`, the score in hundredths.
fn key(scorer: &Scorer, config: &Config, a: &Assignment) -> (u64, u64) {
    let (pairs, total) = a.pairs().fold((0, 0), |(n, t), (e, m)| {
        (n + 1, t + u64::from(scorer.score(e, m)))
    });
    match config.solver.objective {
        Goal::Total => (total, pairs),
        _ => (pairs, total),
    }
}

/// The first pair made both ways, as its two (mentee, mentor) cells: the
/// one with the lower mentee position first.
fn both_ways(scorer: &Scorer, a: &Assignment) -> Option<((usize, usize), (usize, usize))> {
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    a.pairs().find_map(|(e, m)| {
        let back_e = mentees.position(&mentors.people[m].id)?;
        let back_m = mentors.position(&mentees.people[e].id)?;
        (e < back_e && a.mentors(back_e).any(|x| x == back_m)).then_some(((e, m), (back_e, back_m)))
    })
}
