//! What a solve produces before its certificate: the assignment and the
//! column potentials that prove it optimal.

use super::cost::Cost;
use super::problem::Objective;

/// A flow: the assignment and the column potentials, which prove it optimal
/// once a solve is done.
pub(super) struct Flow {
    /// Column of each row, `None` if it is unmatched.
    pub(super) assignment: Vec<Option<usize>>,
    /// Weight of each row's cell (`0.0` for an unmatched row).
    pub(super) weights: Vec<f64>,
    /// Potential `v_j` of each column (zero for columns that never filled up).
    pub(super) potentials: Vec<Cost>,
}

impl Flow {
    /// Potential `u_i` implied by the placement of `row`.
    pub(super) fn row_potential(&self, objective: Objective, row: usize) -> Cost {
        match self.assignment[row] {
            Some(j) => Cost::of_cell(objective, self.weights[row]) - self.potentials[j],
            None => Cost::ZERO,
        }
    }
}
