//! The dense engine: every search scans whole rows of the weight matrix and
//! picks the nearest column by a linear scan, `O(cols)` per row it reaches.
//! Best for small problems, where building a candidate graph does not pay.

use super::cost::Cost;
use super::engine;
use super::flow::Flow;
use super::frontier::Frontier;
use super::problem::{is_allowed, Problem};

/// Solves a validated problem.
pub(super) fn solve(problem: Problem<'_>) -> Flow {
    let cols = problem.cols;
    let frontier = Scan {
        problem,
        usable: problem.usable_columns().collect(),
        open: Vec::with_capacity(cols),
        nearest_at: 0,
        dist: vec![Cost::UNREACHED; cols],
        pred: vec![0; cols],
        full: vec![false; cols],
    };
    engine::solve(
        problem.rows,
        problem.capacities,
        problem.objective,
        frontier,
    )
}

/// A frontier over the full matrix, with the open columns in a list.
struct Scan<'a> {
    problem: Problem<'a>,
    /// Columns with positive capacity, ascending.
    usable: Vec<usize>,
    /// Usable columns not settled yet, ascending.
    open: Vec<usize>,
    /// Position in `open` of the column `nearest` returned last.
    nearest_at: usize,
    /// Tentative distance of each column.
    dist: Vec<Cost>,
    /// The row each column was last reached from.
    pred: Vec<usize>,
    /// Whether each reached column is full (capacities do not change
    /// during a search).
    full: Vec<bool>,
}

impl Frontier for Scan<'_> {
    fn restart(&mut self) {
        self.open.clone_from(&self.usable);
        for &j in &self.open {
            self.dist[j] = Cost::UNREACHED;
        }
    }

    fn relax(&mut self, row: usize, offset: Cost, potentials: &[Cost], spare: &[u32]) {
        let weights = self.problem.row(row);
        let objective = self.problem.objective;
        for &j in &self.open {
            let weight = weights[j];
            if !is_allowed(weight) {
                continue;
            }
            let candidate = offset + Cost::of_cell(objective, weight) - potentials[j];
            if candidate < self.dist[j] {
                self.dist[j] = candidate;
                self.pred[j] = row;
                self.full[j] = spare[j] == 0;
            }
        }
    }

    fn nearest(&mut self) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (at, &j) in self.open.iter().enumerate() {
            let nearer = |b: usize| {
                let (d, e) = (self.dist[j], self.dist[b]);
                d < e || (d == e && self.full[b] && !self.full[j])
            };
            if best.is_none_or(|(_, b)| nearer(b)) {
                best = Some((at, j));
            }
        }
        let (at, j) = best?;
        self.nearest_at = at;
        Some(j)
    }

    fn settle(&mut self, col: usize) {
        // Keep `open` ascending, so that scans run in index order.
        let removed = self.open.remove(self.nearest_at);
        debug_assert_eq!(removed, col);
    }

    fn distance(&self, col: usize) -> Cost {
        self.dist[col]
    }

    fn reached_from(&self, col: usize) -> (usize, f64) {
        let row = self.pred[col];
        (row, self.problem.row(row)[col])
    }
}
