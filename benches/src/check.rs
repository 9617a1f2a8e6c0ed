//! The value of an assignment, recomputed from the matrix rather than taken from
//! the solver, after checking that the assignment is feasible.

use std::fmt;

/// How many rows an assignment matches and the total weight of its pairs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    /// Rows matched.
    pub matched: usize,
    /// Sum of the matched pairs' weights, added in row order.
    pub total: f64,
}

impl Value {
    /// Whether `self` and `other` match as many rows and their totals agree
    /// to `rel_tol` relative (exactly, for 0).
    pub fn agrees_with(&self, other: &Value, rel_tol: f64) -> bool {
        let scale = self.total.abs().max(other.total.abs()).max(1.0);
        self.matched == other.matched && (self.total - other.total).abs() <= rel_tol * scale
    }

    /// Panics unless `self` agrees with the expected value (see [`Value::agrees_with`]).
    #[track_caller]
    pub fn assert_agrees(&self, expected: &Value, rel_tol: f64, what: &str) {
        assert!(
            self.agrees_with(expected, rel_tol),
            "{what}: wrong answer: {self}, expected {expected}"
        );
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} matched, total {}", self.matched, self.total)
    }
}

/// Checks `assignment` (a column or `None` per row) against the matrix — in
/// range, never a forbidden (non-finite) pair, no column over its capacity
/// (1 each when `capacities` is `None`) — and returns its value.
pub fn evaluate(
    cols: usize,
    weights: &[f64],
    capacities: Option<&[u32]>,
    assignment: &[Option<usize>],
) -> Result<Value, String> {
    if assignment.len() * cols != weights.len() {
        return Err(format!(
            "{} rows assigned, the matrix has {}",
            assignment.len(),
            weights.len() / cols.max(1)
        ));
    }
    let mut used = vec![0u32; cols];
    let mut value = Value {
        matched: 0,
        total: 0.0,
    };
    for (row, &col) in assignment.iter().enumerate() {
        let Some(col) = col else { continue };
        if col >= cols {
            return Err(format!("row {row}: column {col} out of range"));
        }
        let weight = weights[row * cols + col];
        if !weight.is_finite() {
            return Err(format!("row {row}: forbidden pair with column {col}"));
        }
        used[col] += 1;
        if used[col] > capacities.map_or(1, |c| c[col]) {
            return Err(format!("column {col} over capacity"));
        }
        value.matched += 1;
        value.total += weight;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: [f64; 4] = [1.0, 2.0, f64::NEG_INFINITY, 4.0];

    #[test]
    fn values_a_feasible_assignment() {
        let value = evaluate(2, &W, None, &[Some(0), Some(1)]).unwrap();
        assert_eq!(
            value,
            Value {
                matched: 2,
                total: 5.0
            }
        );
        let value = evaluate(2, &W, Some(&[0, 2]), &[Some(1), Some(1)]).unwrap();
        assert_eq!(
            value,
            Value {
                matched: 2,
                total: 6.0
            }
        );
    }

    #[test]
    fn rejects_infeasible_assignments() {
        assert!(evaluate(2, &W, None, &[Some(1), Some(1)]).is_err());
        assert!(evaluate(2, &W, None, &[Some(1), Some(0)]).is_err());
        assert!(evaluate(2, &W, None, &[Some(2), None]).is_err());
        assert!(evaluate(2, &W, None, &[Some(0)]).is_err());
    }

    #[test]
    fn agreement_needs_equal_counts_and_close_totals() {
        let a = Value {
            matched: 2,
            total: 1e6,
        };
        assert!(a.agrees_with(
            &Value {
                matched: 2,
                total: 1e6 + 0.5
            },
            1e-6
        ));
        assert!(!a.agrees_with(
            &Value {
                matched: 2,
                total: 1e6 + 2.0
            },
            1e-6
        ));
        assert!(!a.agrees_with(
            &Value {
                matched: 1,
                total: 1e6
            },
            1e-6
        ));
    }
}
