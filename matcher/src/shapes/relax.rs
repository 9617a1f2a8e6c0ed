//! One relaxation: the flow over the candidate pool, priced against every
//! pair and re-solved with the violators until there are none.

use std::rc::Rc;

use super::cells::Pool;
use super::cost::score;
use super::limits::Limits;
use super::network::Network;
use super::pricing::violators;
use super::problem::Context;
use crate::solve::Objective;

/// An optimal flow of one relaxation, exact on every pair.
pub(super) struct Relaxation {
    /// The columns of each row, ascending.
    pub(super) columns_of: Vec<Vec<usize>>,
    /// Rows each column takes.
    pub(super) loads: Vec<u32>,
    /// Places filled.
    pub(super) filled: u64,
    /// Sum of the taken cells' weights.
    pub(super) weight: i128,
    /// Whether every enforced minimum is met.
    pub(super) feasible: bool,
    /// The solved network, with the potentials that prove it (shared with
    /// the children that restart from it).
    pub(super) network: Rc<Network>,
}

impl Relaxation {
    /// The objective's value, lower is better (see [`score`]).
    pub(super) fn score(&self, objective: Objective) -> (i128, i128) {
        score(objective, self.filled, self.weight)
    }

    /// The dual bound on the weight, from the potentials alone: the weight
    /// tier of the network's lower bound, negated.
    pub(super) fn dual_bound(&self, objective: Objective) -> i128 {
        let bound = self.network.lower_bound();
        match objective {
            Objective::Coverage => -bound[2],
            Objective::Total => -bound[1],
        }
    }
}

/// A pricing round restarts from the last flow when it adds at most one
/// cell per this many units, and routes anew otherwise.
const RESTART_SHARE: usize = 16;

/// Solves the relaxation under `limits`: network, route, tighten, price (up
/// to `spare / 2` cells beyond its places per row), and again (from the last
/// solution, unless many cells were added) with the violators added to
/// `pool`, until pricing finds none. The first flow restarts from `start`'s solution (the
/// parent node's) where given. Counts each pricing round in `rounds`.
pub(super) fn relax(
    ctx: &Context<'_>,
    pool: &mut Pool,
    limits: &Limits,
    spare: usize,
    rounds: &mut usize,
    start: Option<&Network>,
) -> Relaxation {
    let units: usize = ctx.problem.places.iter().map(|&p| p as usize).sum();
    let mut network = solve_from(ctx, pool, limits, start);
    loop {
        network.tighten();
        *rounds += 1;
        let missing = violators(ctx, pool, limits, &network, spare / 2);
        let added = pool.merge(missing);
        if added == 0 {
            return finish(ctx, limits, network);
        }
        // Each new cell may cost a repair as long as a unit's routing: past
        // a share of the units, routing anew is faster.
        let restart = added.saturating_mul(RESTART_SHARE) <= units;
        network = solve_from(ctx, pool, limits, restart.then_some(&network));
    }
}

/// The optimal flow over `pool` under `limits`: from `start`'s solution
/// where it restarts, otherwise routed from scratch.
fn solve_from(ctx: &Context<'_>, pool: &Pool, limits: &Limits, start: Option<&Network>) -> Network {
    let mut network = Network::build(ctx, pool, limits);
    if start.is_some_and(|previous| network.restart_from(previous)) {
        return network;
    }
    let mut network = Network::build(ctx, pool, limits);
    network.route();
    network
}

/// The relaxation's assignment and values from its solved network.
fn finish(ctx: &Context<'_>, limits: &Limits, network: Network) -> Relaxation {
    let columns_of = network.columns_of();
    let mut loads = vec![0u32; ctx.cols()];
    let (mut filled, mut weight) = (0u64, 0i128);
    for (i, columns) in columns_of.iter().enumerate() {
        for &j in columns {
            loads[j] += 1;
            filled += 1;
            weight += i128::from(ctx.weight(i, j));
        }
    }
    let feasible = loads.iter().zip(&limits.minimum).all(|(&l, &m)| l >= m);
    Relaxation {
        columns_of,
        loads,
        filled,
        weight,
        feasible,
        network: Rc::new(network),
    }
}
