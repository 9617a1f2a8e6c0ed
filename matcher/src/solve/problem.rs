//! The input side: objective, problem and validation errors.

use std::fmt;

use super::weights::RowMajor;

/// Which matchings the solver prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// Maximise the number of matched rows first, then the total weight.
    #[default]
    Coverage,
    /// Maximise the total weight alone; among equal totals, more matched rows win.
    Total,
}

/// A dense assignment problem: rows (mentees) each take at most one column
/// (mentor); column `j` takes at most `capacities[j]` rows.
///
/// Any row may stay unmatched.
#[derive(Debug, Clone, Copy)]
pub struct Problem<'a> {
    /// Number of rows (mentees).
    pub rows: usize,
    /// Number of columns (mentors).
    pub cols: usize,
    /// Row-major `rows × cols` weights to MAXIMISE. `f64::NEG_INFINITY` marks a
    /// forbidden cell; every other value must be finite.
    pub weights: &'a [f64],
    /// How many rows each column takes at most (`cols` entries).
    pub capacities: &'a [u32],
    /// Which matchings are optimal.
    pub objective: Objective,
}

impl<'a> Problem<'a> {
    /// Checks that the slices match `rows × cols` and that every weight is
    /// finite or `-inf`; reports the first offending weight in row-major order.
    pub fn validate(&self) -> Result<(), SolveError> {
        self.validate_shape()?;
        self.validate_weights()
    }

    /// The second half of [`validate`](Self::validate): every weight is
    /// finite or `-inf` (the slices must match already).
    pub(super) fn validate_weights(&self) -> Result<(), SolveError> {
        match self.weights.iter().position(|&w| is_invalid(w)) {
            Some(at) => Err(SolveError::NonFinite {
                row: at / self.cols,
                col: at % self.cols,
                value: self.weights[at],
            }),
            None => Ok(()),
        }
    }

    /// The first half of [`validate`](Self::validate): the slices match
    /// `rows × cols`.
    pub(super) fn validate_shape(&self) -> Result<(), SolveError> {
        let cells = self.rows.saturating_mul(self.cols);
        if self.weights.len() != cells {
            return Err(SolveError::ShapeMismatch {
                field: "weights",
                expected: cells,
                actual: self.weights.len(),
            });
        }
        if self.capacities.len() != self.cols {
            return Err(SolveError::ShapeMismatch {
                field: "capacities",
                expected: self.cols,
                actual: self.capacities.len(),
            });
        }
        Ok(())
    }

    /// The weights as a [`WeightSource`](super::WeightSource).
    pub(super) fn source(&self) -> RowMajor<'a> {
        RowMajor {
            rows: self.rows,
            cols: self.cols,
            weights: self.weights,
        }
    }

    /// The weights of one row, one per column.
    pub(super) fn row(&self, row: usize) -> &'a [f64] {
        &self.weights[row * self.cols..(row + 1) * self.cols]
    }

    /// Columns that can take at least one row, in ascending order.
    pub(super) fn usable_columns(&self) -> impl Iterator<Item = usize> + 'a {
        let capacities = self.capacities;
        (0..capacities.len()).filter(move |&j| capacities[j] > 0)
    }
}

/// Whether a weight is one no problem may hold: NaN or `+inf`.
pub(super) fn is_invalid(weight: f64) -> bool {
    weight.is_nan() | (weight == f64::INFINITY)
}

/// Whether a weight marks an allowed cell.
pub(super) fn is_allowed(weight: f64) -> bool {
    weight != f64::NEG_INFINITY
}

/// Why a [`Problem`] cannot be solved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SolveError {
    /// A slice's length does not fit `rows` and `cols`.
    ShapeMismatch {
        /// Which slice: `"weights"` or `"capacities"`.
        field: &'static str,
        /// The length `rows` and `cols` call for (saturated on overflow).
        expected: usize,
        /// The slice's actual length.
        actual: usize,
    },
    /// A weight is NaN or `+inf` (`-inf` is allowed and means "forbidden").
    NonFinite {
        /// Row of the offending weight.
        row: usize,
        /// Column of the offending weight.
        col: usize,
        /// The offending weight.
        value: f64,
    },
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ShapeMismatch {
                field,
                expected,
                actual,
            } => write!(
                f,
                "`{field}` has {actual} entries but the problem's shape calls for {expected}"
            ),
            Self::NonFinite { row, col, value } => write!(
                f,
                "weight at row {row}, column {col} is {value}; weights must be finite \
                 (or -inf for a forbidden cell)"
            ),
        }
    }
}

impl std::error::Error for SolveError {}
