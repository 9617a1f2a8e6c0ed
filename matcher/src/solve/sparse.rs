//! The sparse engine: solve on a candidate graph, price every pair against the
//! resulting duals, add the violators and solve again until there are none.
//!
//! Each round solves the graph exactly, so the final flow is optimal for the
//! graph; pricing then proves its duals feasible for every pair of the full
//! problem, which makes it optimal there too. Rounds always add cells, so
//! they end.

use super::candidates::Candidates;
use super::certificate;
use super::engine;
use super::heap_frontier::HeapFrontier;
use super::pricing;
use super::problem::{Objective, SolveError};
use super::weights::WeightSource;
use super::Solution;

/// Cells listed per row in the first round.
pub(super) const FIRST_CANDIDATES: usize = 12;

/// Solves the problem `source` defines with `k` candidates per row to start
/// with; returns the solution and the number of rounds it took.
///
/// `capacities` must have one entry per column of `source`.
pub(super) fn solve(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    k: usize,
) -> Result<(Solution, usize), SolveError> {
    let mut graph = Candidates::gather(source, capacities, k)?;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let frontier = HeapFrontier::new(&graph, capacities.len(), objective);
        let flow = engine::solve_reduced(source.rows(), capacities, objective, frontier);
        let gains = pricing::price(source, capacities, objective, &graph, &flow);
        if gains.is_empty() {
            let solution = certificate::certify(capacities, objective, flow, &graph);
            return Ok((solution, rounds));
        }
        graph.replace(gains);
    }
}
