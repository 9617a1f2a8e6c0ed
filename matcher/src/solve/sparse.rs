//! The sparse engine: solve on a candidate graph, price every pair against the
//! resulting duals, add the violators and solve again until there are none.
//!
//! Each round solves the graph exactly, so the final flow is optimal for the
//! graph; pricing then proves its duals feasible for every pair of the full
//! problem, which makes it optimal there too. Rounds always add cells, so
//! they end. A round after one that changed few rows starts from its
//! placement and re-inserts only those rows (a warm start), which on a tight
//! roster saves most of the shortest-path work.

use super::candidates::Candidates;
use super::certificate;
use super::engine::{self, Placement};
use super::heap_frontier::HeapFrontier;
use super::pricing;
use super::problem::{Objective, SolveError};
use super::refill::ByColumn;
use super::weights::WeightSource;
use super::Solution;

/// How the sparse engine runs its rounds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rounds {
    /// Cells listed per row in the first round.
    pub(super) first_candidates: usize,
    /// A round starts from the previous round's placement when at most this
    /// share of the rows gained cells, and from scratch otherwise (where
    /// most rows changed, row reduction places them faster).
    pub(super) warm_share: f64,
}

impl Default for Rounds {
    fn default() -> Self {
        Self {
            first_candidates: 12,
            warm_share: 0.5,
        }
    }
}

/// Solves the problem `source` defines, in rounds as `tuning` says; returns
/// the solution and the number of rounds it took.
///
/// `capacities` must have one entry per column of `source`.
pub(super) fn solve(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    tuning: Rounds,
) -> Result<(Solution, usize), SolveError> {
    let mut graph = Candidates::gather(source, capacities, tuning.first_candidates)?;
    let (rows, cols) = (source.rows(), capacities.len());
    // The last round's placement, and the rows whose cells changed since.
    let mut previous: Option<(Placement, Vec<usize>)> = None;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let frontier = HeapFrontier::new(&graph, cols, objective);
        let placed = match previous.take() {
            Some((placement, changed))
                if changed.len() as f64 <= tuning.warm_share * rows as f64 =>
            {
                let by_column = ByColumn::of(&graph, cols);
                engine::resume(placement, &changed, objective, frontier, &by_column)
            }
            _ => engine::place(rows, capacities, objective, frontier),
        };
        if !graph.grouped() {
            graph.group_by(&placed.flow.potentials, capacities);
        }
        let updates = pricing::price(source, capacities, objective, &graph, &placed.flow);
        let changed: Vec<usize> = updates.iter().filter(|u| u.gained).map(|u| u.row).collect();
        if changed.is_empty() {
            let solution = certificate::certify(capacities, objective, placed.flow, &graph);
            return Ok((solution, rounds));
        }
        previous = Some((placed, changed));
        graph.replace(updates.into_iter().map(|u| (u.row, u.cells)).collect());
    }
}
