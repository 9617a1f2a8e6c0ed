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
//! Some families (Machol–Wien's `c_ij = i·j`) make every row want the same
//! columns, and the sparse graph grows dense round by round: [`solve`] then
//! lets the sparse engine's searches relax only so many cells before the
//! dense engine takes over, so the answer stays exact and deterministic.
//! Where a sample of rows all rank the same few columns first, that budget
//! is small from the start.
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
//! - `sample.rs`: what a few rows tell about the rest (which engine, and
//!   the sparse engine's first graph).
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
//! Hungarian), `tests.rs`, `sparse_tests.rs`, `candidates_tests.rs` and
//! `budget_tests.rs` (the sparse engine's safeguard).

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
mod budget_tests;
#[cfg(test)]
mod instances;
#[cfg(test)]
mod oracle;
#[cfg(test)]
mod sparse_tests;
#[cfg(test)]
mod tests;

use crate::assign::par_fill_rows;

pub use certificate::verify;
pub use problem::{Objective, Problem, SolveError};
pub use solution::Solution;
pub use weights::{RowMajor, WeightSource};

/// Problems with fewer cells than this go to the dense engine.
const SPARSE_FROM_CELLS: usize = 1 << 16;

/// The safeguard of [`solve`]: the sparse engine gives up, and the dense
/// engine solves from scratch, once its searches have relaxed this many
/// cells per cell of the matrix. Where the sparse engine wins, its searches
/// relax at most about 50 (low-rank scores with heavy ties; 0.1-0.7 on
/// uniform, integer, roster and Euclidean matrices).
const SEARCH_BUDGET: f64 = 64.0;

/// The budget instead of [`SEARCH_BUDGET`] where sampled rows rank the same
/// columns first ([`sample::in_unison`]), as on Machol–Wien matrices. There
/// both engines relax about `n / 3` cells per cell at `n²`, the sparse one
/// several times more slowly, so it hands over almost at once; it still
/// finishes where such rows hardly compete (equal weights, say).
const UNISON_BUDGET: f64 = 1.0;

/// Finds an optimal assignment for `problem` together with its dual certificate,
/// with whichever engine is faster at its size.
///
/// Fails only on malformed input (see [`Problem::validate`]).
pub fn solve(problem: &Problem<'_>) -> Result<Solution, SolveError> {
    problem.validate_shape()?;
    if problem.rows * problem.cols < SPARSE_FROM_CELLS {
        return solve_dense(problem);
    }
    let budget = match sample::in_unison(&problem.source(), problem.capacities) {
        true => UNISON_BUDGET,
        false => SEARCH_BUDGET,
    };
    sparse_or_dense(problem, budget)
}

/// The sparse engine on a problem of valid shape, or the dense engine where
/// the sparse one's searches relax more than `budget` cells per cell.
fn sparse_or_dense(problem: &Problem<'_>, budget: f64) -> Result<Solution, SolveError> {
    let source = problem.source();
    // The sparse engine's first scan reports a NaN or `+inf` weight.
    let tuning = sparse::SparseTuning {
        search_budget: Some(budget),
        ..sparse::SparseTuning::for_columns(problem.cols)
    };
    match sparse_engine(&source, problem.capacities, problem.objective, tuning)? {
        Some((solution, _)) => Ok(solution),
        None => solve_dense(problem),
    }
}

/// The sparse engine on `source` seen as a trait object: every source (a
/// matrix, scores computed on the fly) runs the same instantiation of it,
/// which keeps the WebAssembly module about 10 KB smaller per source type.
/// The engine reads whole rows through it, and single cells only where
/// pricing checks a few columns, so the indirection costs next to nothing.
fn sparse_engine(
    source: &dyn WeightSource,
    capacities: &[u32],
    objective: Objective,
    tuning: sparse::SparseTuning,
) -> Result<Option<(Solution, usize)>, SolveError> {
    sparse::solve(&source, capacities, objective, tuning)
}

/// [`solve`] with the dense engine alone, whatever the size: the reference
/// that the sparse engine's safeguard is measured against (benchmarks, tests).
pub fn solve_dense(problem: &Problem<'_>) -> Result<Solution, SolveError> {
    problem.validate()?;
    let flow = dense::solve(*problem);
    Ok(certificate::certify(
        problem.capacities,
        problem.objective,
        flow,
        problem,
    ))
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
        // Without a budget, the sparse engine always ends with a solution.
        let tuning = sparse::SparseTuning::for_columns(cols);
        let solved = sparse_engine(source, capacities, objective, tuning)?;
        return Ok(solved.expect("no search budget").0);
    }
    let mut weights = vec![0.0; rows * cols];
    par_fill_rows(&mut weights, cols, Vec::new, |scratch, i, row| {
        row.copy_from_slice(source.row(i, scratch));
    });
    solve(&Problem {
        rows,
        cols,
        weights: &weights,
        capacities,
        objective,
    })
}
