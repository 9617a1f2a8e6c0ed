//! TEMPORARY greedy stand-in until the exact solver lands (helper is writing it).
#![allow(missing_docs)]
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    #[default]
    Coverage,
    Total,
}
pub struct Problem<'a> {
    pub rows: usize,
    pub cols: usize,
    pub weights: &'a [f64],
    pub capacities: &'a [u32],
    pub objective: Objective,
}
pub struct Solution {
    pub assignment: Vec<Option<usize>>,
    pub matched: usize,
    pub total: f64,
    pub dual_bound: f64,
    pub row_duals: Vec<f64>,
    pub col_prices: Vec<f64>,
}
impl Solution {
    pub fn gap(&self) -> f64 {
        self.dual_bound - self.total
    }
}
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    #[error("x")]
    NonFinite { row: usize, col: usize, value: f64 },
}
pub fn solve(p: &Problem) -> Result<Solution, SolveError> {
    let mut cap = p.capacities.to_vec();
    let mut assignment = vec![None; p.rows];
    let mut total = 0.0;
    for r in 0..p.rows {
        let mut best: Option<(f64, usize)> = None;
        for c in 0..p.cols {
            let w = p.weights[r * p.cols + c];
            if cap[c] > 0 && w.is_finite() && best.is_none_or(|(b, _)| w > b) {
                best = Some((w, c));
            }
        }
        if let Some((w, c)) = best {
            cap[c] -= 1;
            assignment[r] = Some(c);
            total += w;
        }
    }
    let matched = assignment.iter().flatten().count();
    Ok(Solution {
        assignment,
        matched,
        total,
        dual_bound: total,
        row_duals: vec![],
        col_prices: vec![],
    })
}
