//! The Hall witness behind [`ShapeError::Minimums`]: a set of columns whose
//! minimums add up to more than the rows that may take them can give.
//!
//! It is read off the potentials of the root relaxation's optimal flow, in
//! the required-seat tier: `C` is the set of columns (with seats) whose
//! potential lies above the sink's. Every column short of its minimum is in
//! `C` (its required arc is residual), no column of `C` holds extra units,
//! and the non-negative reduced costs of every allowed pair (pricing checked
//! the pairs outside the pool) give each row at least
//! `min(places, groups it reaches in C)` units in `C`. So what the rows can
//! give `C` is at most its load, which is short of its minimums.

use super::limits::Limits;
use super::network::{Network, SINK};
use super::par_map;
use super::problem::{Context, ShapeError};

/// The witness for a root relaxation `network` (under `limits`) that leaves
/// some minimum unmet.
pub(super) fn witness(ctx: &Context<'_>, limits: &Limits, network: &Network) -> ShapeError {
    let problem = ctx.problem;
    let sink = network.potential(SINK).seats();
    let in_set: Vec<bool> = (0..ctx.cols())
        .map(|j| limits.seats[j] > 0 && network.potential(Network::column_node(j)).seats() > sink)
        .collect();
    let columns: Vec<usize> = (0..ctx.cols()).filter(|&j| in_set[j]).collect();
    let need = columns.iter().map(|&j| u64::from(limits.minimum[j])).sum();
    let partition = ctx.groups.first();
    let group_count = ctx.group_counts.first().copied().unwrap_or(0);
    let scratch = || (Vec::new(), vec![usize::MAX; group_count]);
    let reach = par_map(ctx.rows(), scratch, |(row, stamp), i| {
        let weights = problem.weights.row(i, row);
        let allowed = weights.iter().zip(&in_set).enumerate();
        let mut reached = None;
        for (j, _) in allowed.filter(|(_, (&w, &c))| c && w != f64::NEG_INFINITY) {
            let count = reached.get_or_insert(0u64);
            match partition {
                Some(groups) if stamp[groups[j]] == i => {}
                Some(groups) => {
                    stamp[groups[j]] = i;
                    *count += 1;
                }
                None => *count += 1,
            }
        }
        reached.map(|count| count.min(problem.places[i].into()))
    });
    let rows = (0..ctx.rows()).filter(|&i| reach[i].is_some()).collect();
    let can = reach.iter().flatten().sum();
    ShapeError::Minimums {
        columns,
        need,
        rows,
        can,
    }
}
