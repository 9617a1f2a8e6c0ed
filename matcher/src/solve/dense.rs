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
        nearest: None,
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
    /// Position in `open` and index of the nearest open column, found by
    /// the last [`relax`](Frontier::relax) or [`nearest`](Frontier::nearest)
    /// since the last settle.
    nearest: Option<(usize, usize)>,
    /// Tentative distance of each column.
    dist: Vec<Cost>,
    /// The row each column was last reached from.
    pred: Vec<usize>,
    /// Whether each reached column is full (capacities do not change
    /// during a search).
    full: Vec<bool>,
}

impl Scan<'_> {
    /// Whether open column `j`, after `b` in index order, comes first: it is
    /// nearer, or as near with spare capacity where `b` is full.
    #[inline]
    fn nearer(&self, j: usize, b: usize) -> bool {
        let (d, e) = (self.dist[j], self.dist[b]);
        d < e || (d == e && self.full[b] && !self.full[j])
    }
}

impl Frontier for Scan<'_> {
    fn restart(&mut self) {
        self.nearest = None;
        self.open.clone_from(&self.usable);
        for &j in &self.open {
            self.dist[j] = Cost::UNREACHED;
        }
    }

    fn relax(&mut self, row: usize, offset: Cost, potentials: &[Cost], spare: &[u32]) {
        let weights = self.problem.row(row);
        let objective = self.problem.objective;
        // The same pass finds the nearest column: every open one is visited.
        let mut best: Option<(usize, usize)> = None;
        for (at, &j) in self.open.iter().enumerate() {
            let weight = weights[j];
            if is_allowed(weight) {
                let candidate = offset + Cost::of_cell(objective, weight) - potentials[j];
                if candidate < self.dist[j] {
                    self.dist[j] = candidate;
                    self.pred[j] = row;
                    self.full[j] = spare[j] == 0;
                }
            }
            if best.is_none_or(|(_, b)| self.nearer(j, b)) {
                best = Some((at, j));
            }
        }
        self.nearest = best;
    }

    fn nearest(&mut self) -> Option<usize> {
        if self.nearest.is_none() {
            for (at, &j) in self.open.iter().enumerate() {
                if self.nearest.is_none_or(|(_, b)| self.nearer(j, b)) {
                    self.nearest = Some((at, j));
                }
            }
        }
        self.nearest.map(|(_, j)| j)
    }

    fn settle(&mut self, col: usize) {
        // Keep `open` ascending, so that scans run in index order.
        let at = self.nearest.take().map_or(usize::MAX, |(at, _)| at);
        let removed = self.open.remove(at);
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
