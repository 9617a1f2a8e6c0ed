//! Exact solver for the capacitated assignment problem behind matching.
//!
//! Rows (mentees) take at most one column (mentor) each, column `j` takes at
//! most `capacities[j]` rows, and any row may stay unmatched. [`solve`] finds an
//! optimal assignment for the chosen [`Objective`] together with a dual
//! certificate, which [`verify`] checks independently of the solver.
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
//! Results are deterministic: rows enter in index order and ties go to the
//! lowest column index.

mod certificate;
mod cost;
mod dense;
mod problem;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

pub use certificate::verify;
pub use problem::{Objective, Problem, SolveError};

/// An optimal solution with its dual certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Column of each row, or `None` if the row is unmatched.
    pub assignment: Vec<Option<usize>>,
    /// Number of matched rows.
    pub matched: usize,
    /// Sum of the weights of the assigned cells.
    pub total: f64,
    /// Upper bound on `total` proven by the dual: for [`Objective::Total`],
    /// over all feasible assignments; for [`Objective::Coverage`], over all
    /// feasible assignments that match `matched` rows (the maximum possible).
    /// Equal to `total` at the optimum (gap 0).
    pub dual_bound: f64,
    /// Row duals `a_i >= 0`.
    pub row_duals: Vec<f64>,
    /// Column prices `b_j >= 0`, with `a_i + b_j >= w_ij + match_bonus` on every
    /// allowed cell.
    pub col_prices: Vec<f64>,
    /// The per-match bonus `K` the duals certify: `0` for [`Objective::Total`];
    /// for [`Objective::Coverage`] a power of two large enough that the
    /// certificate also proves no assignment matches more rows. The bound is
    /// `Σ row_duals + Σ capacity·col_prices - K·matched`.
    pub match_bonus: f64,
}

impl Solution {
    /// The duality gap `dual_bound - total`: zero up to rounding.
    pub fn gap(&self) -> f64 {
        self.dual_bound - self.total
    }
}

/// Finds an optimal assignment for `problem` together with its dual certificate.
///
/// Fails only on malformed input (see [`Problem::validate`]).
pub fn solve(problem: &Problem<'_>) -> Result<Solution, SolveError> {
    problem.validate()?;
    let flow = dense::solve(*problem);
    Ok(certificate::certify(*problem, flow))
}
