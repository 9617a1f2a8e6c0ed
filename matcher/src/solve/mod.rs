//! Exact solver for the capacitated assignment problem behind matching.
//!
//! Rows (mentees) take at most one column (mentor) each, column `j` takes at
//! most `capacities[j]` rows, and any row may stay unmatched. [`solve`] finds an
//! optimal assignment for the chosen [`Objective`] together with a dual
//! certificate, which [`verify`] checks independently of the solver;
//! [`solve_with`] does the same for weights computed on the fly.
//!
//! The solver treats the problem as a transportation problem in which every
//! row goes either to a column or to an implicit "unmatched" sink of unlimited
//! capacity, and runs successive shortest paths (Jonker–Volgenant style, full
//! columns leading on to the rows they hold). Costs are lexicographic pairs,
//! `(match count, weight)` for [`Objective::Coverage`] and `(weight, match
//! count)` for [`Objective::Total`], so neither objective needs a big-M
//! constant inside the algorithm: on integer-valued weights (as long as sums
//! stay below 2^53) every step is exact and the gap is exactly `0.0`.
//!
//! Two engines share that machinery. The dense one scans whole rows; it wins
//! on small problems. The sparse one solves on a graph of each row's best few
//! columns, then prices every pair against the duals and adds the violators
//! until there are none, so its answer is exact too; it needs no matrix.
//!
//! Results are deterministic, whatever the number of threads: rows enter in
//! index order and ties go to the lowest column index. The sparse engine
//! starts each round from the prices of a (serial) auction and with
//! Jonker–Volgenant augmenting row reduction, so where several assignments
//! are optimal it may pick another one than the dense engine.
//!
//! # Files
//!
//! Shared types, each in a leaf that imports nothing from here but other
//! leaves:
//! - `cost.rs`: the lexicographic costs both objectives run on.
//! - `flow.rs`: an assignment with the column potentials that prove it.
//! - `solution.rs`: [`Solution`], the answer with its dual certificate.
//! - `frontier.rs`: the trait of a search's Dijkstra state, one per engine.
//! - `row_cells.rs`: the trait that reads each row's cells.
//! - `cell_bounds.rs`: the trait the certificate reads weights through.
//! - `members.rs`: the rows each column holds.
//! - `placement.rs`: seats, members, assignment and potentials; the only
//!   file that changes them.
//!
//! The others in the order a solve runs them. Problem setup:
//! - `problem.rs`: [`Objective`], [`Problem`], [`SolveError`], validation.
//! - `weights.rs`: [`WeightSource`], where weights are read from; [`RowMajor`].
//! - `sample.rs`: what a few rows tell about the rest (sparse engine).
//! - `row_blocks.rs`: block maxima, so that a row scan opens few blocks.
//! - `column_picks.rs`: each column's best rows, gathered during the scan.
//! - `candidates.rs`: the candidate graph, with ceilings on the cells left out.
//!
//! Auction prices:
//! - `auction.rs`: price estimates to start a contested round from.
//!
//! Row reduction:
//! - `row_reduction.rs`: augmenting row reduction, which places most rows.
//!
//! Shortest augmenting paths:
//! - `engine.rs`: the searches that insert the rows left, for both engines.
//! - `dense.rs`: the dense engine, whose frontier scans whole rows.
//! - `heap_frontier.rs`: the sparse engine's frontier, a heap of columns.
//! - `refill.rs`: reverse searches that fill the free seats of priced columns.
//!
//! Pricing rounds:
//! - `pricing.rs`: checks every pair against the duals, finds the violators.
//! - `sparse.rs`: the sparse engine's rounds: solve, price, add, again.
//!
//! Certificate:
//! - `certificate.rs`: turns a flow into a [`Solution`]; [`verify`] checks one.
//!
//! Tests: `instances.rs` (shared instances), `oracle.rs` (brute force and
//! Hungarian), `tests.rs`, `sparse_tests.rs` and `candidates_tests.rs`.

mod auction;
mod candidates;
mod cell_bounds;
mod certificate;
mod column_picks;
mod cost;
mod dense;
mod engine;
mod flow;
mod frontier;
mod heap_frontier;
mod members;
mod placement;
mod pricing;
mod problem;
mod refill;
mod row_blocks;
mod row_cells;
mod row_reduction;
mod sample;
mod solution;
mod sparse;
mod weights;

#[cfg(test)]
mod instances;
#[cfg(test)]
mod oracle;
#[cfg(test)]
mod sparse_tests;
#[cfg(test)]
mod tests;

use crate::assign::THREADS;
use rayon::prelude::*;

pub use certificate::verify;
pub use problem::{Objective, Problem, SolveError};
pub use solution::Solution;
pub use weights::{RowMajor, WeightSource};

/// Problems with fewer cells than this go to the dense engine.
const SPARSE_FROM_CELLS: usize = 1 << 16;

/// Finds an optimal assignment for `problem` together with its dual certificate,
/// with whichever engine is faster at its size.
///
/// Fails only on malformed input (see [`Problem::validate`]).
pub fn solve(problem: &Problem<'_>) -> Result<Solution, SolveError> {
    problem.validate_shape()?;
    if problem.rows * problem.cols < SPARSE_FROM_CELLS {
        problem.validate_weights()?;
        let flow = dense::solve(*problem);
        return Ok(certificate::certify(
            problem.capacities,
            problem.objective,
            flow,
            problem,
        ));
    }
    let source = RowMajor {
        rows: problem.rows,
        cols: problem.cols,
        weights: problem.weights,
    };
    // The sparse engine's first scan reports a NaN or `+inf` weight.
    let tuning = sparse::SparseTuning::for_columns(problem.cols);
    sparse::solve(&source, problem.capacities, problem.objective, tuning)
        .map(|(solution, _)| solution)
}

/// How [`solve_with`] may spend memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Bytes the solver may use; `None` for 1 GiB. A dense weight matrix
    /// (`rows · cols · 8` bytes) is built only when it takes at most half.
    pub max_memory: Option<u64>,
}

impl Options {
    const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

    /// Whether a dense matrix of `rows × cols` weights fits comfortably.
    fn fits_dense(&self, rows: usize, cols: usize) -> bool {
        let bytes = (rows as u128) * (cols as u128) * 8;
        bytes <= u128::from(self.max_memory.unwrap_or(Self::DEFAULT_MAX_MEMORY) / 2)
    }
}

/// [`solve`] for weights read from `source` (scored on the fly, say), with one
/// capacity per column.
///
/// When a dense matrix fits in [`Options::max_memory`] it is filled in (rows in
/// parallel) and solved as a [`Problem`]; otherwise the sparse engine reads
/// `source` directly and never holds more than a few cells per row.
pub fn solve_with(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    options: &Options,
) -> Result<Solution, SolveError> {
    let (rows, cols) = (source.rows(), source.cols());
    if capacities.len() != cols {
        return Err(SolveError::ShapeMismatch {
            field: "capacities",
            expected: cols,
            actual: capacities.len(),
        });
    }
    if !options.fits_dense(rows, cols) {
        let tuning = sparse::SparseTuning::for_columns(cols);
        return sparse::solve(source, capacities, objective, tuning).map(|(solution, _)| solution);
    }
    let mut weights = vec![0.0; rows * cols];
    let copy = |scratch: &mut Vec<f64>, (i, row): (usize, &mut [f64])| {
        row.copy_from_slice(source.row(i, scratch));
    };
    if cols > 0 && THREADS {
        weights
            .par_chunks_mut(cols)
            .enumerate()
            .for_each_init(Vec::new, copy);
    } else if cols > 0 {
        // In order where there can be no threads, without rayon's machinery.
        let mut scratch = Vec::new();
        weights
            .chunks_mut(cols)
            .enumerate()
            .for_each(|row| copy(&mut scratch, row));
    }
    solve(&Problem {
        rows,
        cols,
        weights: &weights,
        capacities,
        objective,
    })
}
