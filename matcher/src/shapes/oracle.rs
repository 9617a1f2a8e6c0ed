//! The tests' reference: owned instances and an exhaustive search over
//! every assignment of tiny ones, sharing no code with the solver.

use crate::solve::{Objective, RowMajor};

use super::problem::ShapeProblem;

/// An owned shapes problem.
#[derive(Debug, Clone)]
pub(super) struct Instance {
    /// Number of rows.
    pub(super) rows: usize,
    /// Number of columns.
    pub(super) cols: usize,
    /// Row-major weights (`-inf` forbidden).
    pub(super) weights: Vec<f64>,
    /// Places per row.
    pub(super) places: Vec<u32>,
    /// Seats per column.
    pub(super) seats: Vec<u32>,
    /// Minimum per column.
    pub(super) minimum: Vec<u32>,
    /// Whether each column may stay empty instead of meeting its minimum.
    pub(super) or_none: Vec<bool>,
    /// Distinct partitions, a group per column each.
    pub(super) distinct: Vec<Vec<u32>>,
    /// The objective.
    pub(super) objective: Objective,
}

impl Instance {
    /// Runs `f` on the instance as a [`ShapeProblem`].
    pub(super) fn with<T>(&self, f: impl FnOnce(&ShapeProblem<'_>) -> T) -> T {
        let weights = RowMajor {
            rows: self.rows,
            cols: self.cols,
            weights: &self.weights,
        };
        let distinct: Vec<&[u32]> = self.distinct.iter().map(Vec::as_slice).collect();
        f(&ShapeProblem {
            weights: &weights,
            places: &self.places,
            seats: &self.seats,
            minimum: &self.minimum,
            or_none: &self.or_none,
            distinct: &distinct,
            objective: self.objective,
        })
    }

    /// The weight of a cell.
    pub(super) fn weight(&self, row: usize, col: usize) -> f64 {
        self.weights[row * self.cols + col]
    }

    /// Why `columns_of` is not a feasible assignment, if it is not.
    pub(super) fn infeasibility(&self, columns_of: &[Vec<usize>]) -> Option<String> {
        if columns_of.len() != self.rows {
            return Some("one list per row".into());
        }
        let mut loads = vec![0u32; self.cols];
        for (i, columns) in columns_of.iter().enumerate() {
            if columns.windows(2).any(|w| w[0] >= w[1]) {
                return Some(format!("row {i}: columns not strictly ascending"));
            }
            if columns.len() > self.places[i] as usize {
                return Some(format!("row {i}: more columns than places"));
            }
            for (k, &j) in columns.iter().enumerate() {
                if j >= self.cols || self.weight(i, j) == f64::NEG_INFINITY {
                    return Some(format!("row {i}: column {j} not allowed"));
                }
                loads[j] += 1;
                for partition in &self.distinct {
                    if columns[k + 1..]
                        .iter()
                        .any(|&b| partition[b] == partition[j])
                    {
                        return Some(format!("row {i}: two columns of one group"));
                    }
                }
            }
        }
        for (j, &load) in loads.iter().enumerate() {
            if load > self.seats[j] {
                return Some(format!("column {j} over its seats"));
            }
            let empty_ok = self.or_none[j] && load == 0;
            if load < self.minimum[j] && !empty_ok {
                return Some(format!("column {j} under its minimum"));
            }
        }
        None
    }
}

/// The optimum's `(filled, total)`, `None` when no assignment is feasible:
/// every row tries every subset of columns (tiny instances only).
pub(super) fn brute_force(instance: &Instance) -> Option<(usize, f64)> {
    let mut best = None;
    let mut columns_of = vec![Vec::new(); instance.rows];
    enumerate(instance, 0, &mut columns_of, &mut best);
    best
}

/// Tries every subset for `row` and the rows after it.
fn enumerate(
    instance: &Instance,
    row: usize,
    columns_of: &mut Vec<Vec<usize>>,
    best: &mut Option<(usize, f64)>,
) {
    if row == instance.rows {
        if instance.infeasibility(columns_of).is_some() {
            return;
        }
        let filled = columns_of.iter().map(Vec::len).sum();
        let total = (0..instance.rows)
            .flat_map(|i| columns_of[i].iter().map(move |&j| (i, j)))
            .map(|(i, j)| instance.weight(i, j))
            .sum();
        let better = |(f, t): (usize, f64)| match instance.objective {
            Objective::Coverage => (filled, total) > (f, t),
            Objective::Total => (total, filled) > (t, f),
        };
        if best.is_none_or(better) {
            *best = Some((filled, total));
        }
        return;
    }
    for mask in 0u32..1 << instance.cols {
        columns_of[row] = (0..instance.cols).filter(|&j| mask >> j & 1 == 1).collect();
        enumerate(instance, row + 1, columns_of, best);
    }
}
