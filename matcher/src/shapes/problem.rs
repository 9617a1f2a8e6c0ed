//! The input and the output of a shapes solve, and the validation of the input.

use std::fmt;

use super::cost::TIER_LIMIT;
use crate::solve::{Objective, WeightSource};

/// A b-matching between rows (mentees) and columns (mentors).
///
/// Row `i` takes up to `places[i]` distinct columns, column `j` up to
/// `seats[j]` rows and at least `minimum[j]` of them (or none at all where
/// `or_none[j]`); every entry of `distinct` is a partition of the columns (a
/// group id per column), and a row takes at most one column of each group.
#[derive(Clone, Copy)]
pub struct ShapeProblem<'a> {
    /// Pair weights to maximise: integer-valued (hundredths), or
    /// `f64::NEG_INFINITY` for a forbidden pair.
    pub weights: &'a dyn WeightSource,
    /// How many columns each row takes at most (one entry per row).
    pub places: &'a [u32],
    /// How many rows each column takes at most (one entry per column).
    pub seats: &'a [u32],
    /// How many rows each column must take (`minimum[j] <= seats[j]`).
    pub minimum: &'a [u32],
    /// Columns that take either no row or at least their minimum.
    pub or_none: &'a [bool],
    /// Partitions of the columns, a group id per column each.
    pub distinct: &'a [&'a [u32]],
    /// Which assignments are best.
    pub objective: Objective,
}

/// An assignment with its proof of optimality.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeSolution {
    /// The columns of each row, ascending.
    pub columns_of: Vec<Vec<usize>>,
    /// Places filled: the number of (row, column) pairs taken.
    pub filled: usize,
    /// The sum of the taken pairs' weights.
    pub total: f64,
    /// An upper bound on `total` from the duals (under Coverage, over the
    /// assignments that fill `filled` places); equal to `total` when
    /// `proven`. `f64::INFINITY` when the search stopped with an open
    /// branch that may fill more places.
    pub dual_bound: f64,
    /// Whether the assignment is proven optimal; `false` only when the
    /// branch-and-bound node limit stopped the search.
    pub proven: bool,
    /// Flow relaxations solved (branch-and-bound nodes).
    pub solves: usize,
    /// Pricing rounds over all solves (each a scan of every pair).
    pub rounds: usize,
    /// Cells in the candidate graph at the end.
    pub cells: usize,
}

/// Why a [`ShapeProblem`] has no solution.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeError {
    /// The minimum loads cannot all be met: the rows with an allowed cell in
    /// `columns` can send them at most `can` units (each row at most its
    /// places, and one per group of the first distinct partition), fewer than
    /// the `need` their minimums add up to.
    Minimums {
        /// The columns whose minimums cannot be met together, ascending.
        columns: Vec<usize>,
        /// The sum of their minimums.
        need: u64,
        /// The rows with an allowed cell in `columns`, ascending.
        rows: Vec<usize>,
        /// The most units those rows can send into `columns`.
        can: u64,
    },
    /// No assignment meets the minimums together with `or_none` and the
    /// distinct rules beyond the first partition: `proven` when the search
    /// was complete, otherwise the node limit stopped it before it found one.
    NoFeasible {
        /// Whether the search was complete.
        proven: bool,
    },
    /// A weight is NaN or `+inf`.
    NonFinite {
        /// Row of the weight.
        row: usize,
        /// Column of the weight.
        col: usize,
        /// The weight.
        value: f64,
    },
    /// A weight is not an integer, or too large for exact sums at this size.
    NotInteger {
        /// Row of the weight.
        row: usize,
        /// Column of the weight.
        col: usize,
        /// The weight.
        value: f64,
    },
    /// A slice's length does not fit the weights' rows or columns.
    ShapeMismatch {
        /// Which slice.
        field: &'static str,
        /// The length the weights call for.
        expected: usize,
        /// The slice's length.
        actual: usize,
    },
    /// A column's minimum exceeds its seats.
    MinimumAboveSeats {
        /// The column.
        col: usize,
        /// Its minimum.
        minimum: u32,
        /// Its seats.
        seats: u32,
    },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Minimums {
                columns,
                need,
                rows,
                can,
            } => write!(
                f,
                "{} columns need {need} rows in all, but the {} rows that may take them \
                 can give at most {can}",
                columns.len(),
                rows.len()
            ),
            Self::NoFeasible { proven: true } => {
                f.write_str("no assignment meets the minimums under the distinct rules")
            }
            Self::NoFeasible { proven: false } => f.write_str(
                "the search stopped before it found an assignment that meets the minimums",
            ),
            Self::NonFinite { row, col, value } => {
                write!(f, "weight at row {row}, column {col} is {value}")
            }
            Self::NotInteger { row, col, value } => write!(
                f,
                "weight at row {row}, column {col} is {value}, not an integer in range"
            ),
            Self::ShapeMismatch {
                field,
                expected,
                actual,
            } => write!(f, "`{field}` has {actual} entries, not {expected}"),
            Self::MinimumAboveSeats {
                col,
                minimum,
                seats,
            } => write!(
                f,
                "column {col} has minimum {minimum} above its {seats} seats"
            ),
        }
    }
}

impl std::error::Error for ShapeError {}

/// A validated problem with what every stage reads: the partitions' groups
/// numbered densely, and the largest weight the sums stay exact with.
pub(super) struct Context<'p> {
    /// The problem.
    pub(super) problem: &'p ShapeProblem<'p>,
    /// Per partition, the dense group (`0..groups`) of each column.
    pub(super) groups: Vec<Vec<usize>>,
    /// Per partition, how many groups it has.
    pub(super) group_counts: Vec<usize>,
    /// The largest absolute weight allowed.
    pub(super) weight_limit: i64,
}

impl<'p> Context<'p> {
    /// Checks the slices' lengths and the minimums, and numbers the groups.
    pub(super) fn new(problem: &'p ShapeProblem<'p>) -> Result<Self, ShapeError> {
        let (rows, cols) = (problem.weights.rows(), problem.weights.cols());
        let lengths = [
            ("places", rows, problem.places.len()),
            ("seats", cols, problem.seats.len()),
            ("minimum", cols, problem.minimum.len()),
            ("or_none", cols, problem.or_none.len()),
        ];
        let partitions = problem.distinct.iter().map(|p| ("distinct", cols, p.len()));
        for (field, expected, actual) in lengths.into_iter().chain(partitions) {
            if expected != actual {
                return Err(ShapeError::ShapeMismatch {
                    field,
                    expected,
                    actual,
                });
            }
        }
        let above = (0..cols).find(|&j| problem.minimum[j] > problem.seats[j]);
        if let Some(col) = above {
            return Err(ShapeError::MinimumAboveSeats {
                col,
                minimum: problem.minimum[col],
                seats: problem.seats[col],
            });
        }
        let (groups, group_counts) = problem.distinct.iter().map(|p| dense_groups(p)).unzip();
        Ok(Self {
            problem,
            groups,
            group_counts,
            weight_limit: weight_limit(rows, cols),
        })
    }

    /// Number of rows.
    pub(super) fn rows(&self) -> usize {
        self.problem.places.len()
    }

    /// Number of columns.
    pub(super) fn cols(&self) -> usize {
        self.problem.seats.len()
    }

    /// The integer weight of an allowed cell whose weight was validated.
    pub(super) fn weight(&self, row: usize, col: usize) -> i64 {
        self.problem.weights.weight(row, col) as i64
    }

    /// The integer value of an allowed weight, `None` where [`convert`](Self::convert)
    /// would report it: one comparison on the fast path.
    pub(super) fn integer(&self, value: f64) -> Option<i64> {
        let weight = value as i64;
        let fits = weight.unsigned_abs() <= self.weight_limit as u64;
        (weight as f64 == value && fits).then_some(weight)
    }

    /// The integer value of weight `value` at `(row, col)`: `None` for a
    /// forbidden cell, an error for one no problem may hold.
    pub(super) fn convert(
        &self,
        row: usize,
        col: usize,
        value: f64,
    ) -> Result<Option<i64>, ShapeError> {
        if value == f64::NEG_INFINITY {
            return Ok(None);
        }
        if !value.is_finite() {
            return Err(ShapeError::NonFinite { row, col, value });
        }
        if value.fract() != 0.0 || value.abs() > self.weight_limit as f64 {
            return Err(ShapeError::NotInteger { row, col, value });
        }
        Ok(Some(value as i64))
    }
}

/// The largest absolute weight a problem of `rows` × `cols` may hold: a
/// simple path crosses at most `2 * cols + 1` cells, so potentials and
/// distances stay below each cost tier's limit in magnitude.
pub fn weight_limit(rows: usize, cols: usize) -> i64 {
    let span = 2 * (rows as u64 + cols as u64) + 4;
    (TIER_LIMIT as u64 / span) as i64
}

/// Numbers a partition's group ids densely, in order of first appearance.
fn dense_groups(partition: &[u32]) -> (Vec<usize>, usize) {
    let ids = partition.iter().map(|&id| id as usize);
    let mut numbers = vec![usize::MAX; ids.clone().max().map_or(0, |id| id + 1)];
    let mut groups = 0;
    let dense = ids
        .map(|id| {
            if numbers[id] == usize::MAX {
                numbers[id] = groups;
                groups += 1;
            }
            numbers[id]
        })
        .collect();
    (dense, groups)
}
