//! What a branch-and-bound node changes in the problem: each column's seats
//! and enforced minimum, and the cells it forbids.

use super::problem::ShapeProblem;

/// The columns' seats and minimums as one relaxation enforces them, and the
/// cells it leaves out.
#[derive(Debug, Clone)]
pub(super) struct Limits {
    /// Seats per column: the problem's, or 0 for a closed `or_none` column.
    pub(super) seats: Vec<u32>,
    /// Enforced minimum per column: 0 for an undecided or closed `or_none`
    /// column.
    pub(super) minimum: Vec<u32>,
    /// Forbidden `(row, col)` cells, ascending.
    pub(super) forbidden: Vec<(usize, usize)>,
}

impl Limits {
    /// The root relaxation: `or_none` minimums relaxed to 0, nothing forbidden.
    pub(super) fn root(problem: &ShapeProblem<'_>) -> Self {
        let minimum = problem
            .minimum
            .iter()
            .zip(problem.or_none)
            .map(|(&m, &or_none)| if or_none { 0 } else { m })
            .collect();
        Self {
            seats: problem.seats.to_vec(),
            minimum,
            forbidden: Vec::new(),
        }
    }

    /// Whether `col` is an `or_none` column with a minimum that this node
    /// has neither opened nor closed.
    pub(super) fn undecided(&self, problem: &ShapeProblem<'_>, col: usize) -> bool {
        problem.or_none[col]
            && problem.minimum[col] > 0
            && self.minimum[col] == 0
            && self.seats[col] > 0
    }

    /// The forbidden cells of `row`, ascending by column.
    pub(super) fn forbidden_in(&self, row: usize) -> &[(usize, usize)] {
        let from = self.forbidden.partition_point(|&(i, _)| i < row);
        let to = self.forbidden.partition_point(|&(i, _)| i <= row);
        &self.forbidden[from..to]
    }

    /// A copy that forbids `cells` as well.
    pub(super) fn forbidding(&self, cells: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut next = self.clone();
        next.forbidden.extend(cells);
        crate::sorting::sort(&mut next.forbidden);
        next.forbidden.dedup();
        next
    }
}

/// Walks an ascending list of columns alongside a scan of ascending columns.
pub(super) struct Cursor<'a, T> {
    /// The list.
    items: &'a [T],
    /// Position of the first item not behind the scan.
    at: usize,
}

impl<'a, T> Cursor<'a, T> {
    /// A cursor at the start of `items`.
    pub(super) fn new(items: &'a [T]) -> Self {
        Self { items, at: 0 }
    }

    /// Whether the list holds column `col`, the column of an item being
    /// `column(item)`; columns must be asked in ascending order.
    pub(super) fn holds(&mut self, col: usize, column: impl Fn(&T) -> usize) -> bool {
        while self.at < self.items.len() && column(&self.items[self.at]) < col {
            self.at += 1;
        }
        self.at < self.items.len() && column(&self.items[self.at]) == col
    }
}
