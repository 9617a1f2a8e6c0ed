//! The solver's answer: an optimal assignment and its dual certificate.

/// An optimal solution with its dual certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Column of each row, or `None` if the row is unmatched.
    pub assignment: Vec<Option<usize>>,
    /// Number of matched rows.
    pub matched: usize,
    /// Sum of the weights of the assigned cells.
    pub total: f64,
    /// Upper bound on `total` proven by the dual: for [`Objective::Total`](super::problem::Objective::Total),
    /// over all feasible assignments; for [`Objective::Coverage`](super::problem::Objective::Coverage), over all
    /// feasible assignments that match `matched` rows (the maximum possible).
    /// Equal to `total` at the optimum (gap 0).
    pub dual_bound: f64,
    /// Row duals `a_i >= 0`.
    pub row_duals: Vec<f64>,
    /// Column prices `b_j >= 0`, with `a_i + b_j >= w_ij + match_bonus` on every
    /// allowed cell.
    pub col_prices: Vec<f64>,
    /// The per-match bonus `K` the duals certify: `0` for [`Objective::Total`](super::problem::Objective::Total);
    /// for [`Objective::Coverage`](super::problem::Objective::Coverage) a power of two large enough that the
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
