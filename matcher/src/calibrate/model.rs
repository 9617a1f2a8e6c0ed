//! The model calibration fits: an outcome as a linear function of the
//! pair's total score under the fitted weights,
//! `outcome ≈ intercept + Σ coefficient[c] × criterion[c]`, with every
//! coefficient ≥ 0 and the weights the coefficients' shares.
//!
//! A criterion that does not apply to a pair drops out of matcher's weighted
//! mean; in the model it takes the pair's own total under the weights, which
//! leaves the total unchanged. As that total depends on the weights, the fit
//! alternates: impute under the weights, fit, take the new weights, until
//! they settle. A mentee's `priority` (doubling a criterion for them) is not
//! part of the model.

use super::nnls::nnls;
use nalgebra::{DMatrix, DVector};

/// The number of criteria ([`crate::config::Criterion::ALL`]).
pub(super) const K: usize = 7;

/// One pair the fit learns from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sample {
    /// Its criteria as fractions, `None` where not applicable.
    pub criteria: [Option<f64>; K],
    /// Its total score under the current config, as a fraction.
    pub current: f64,
    /// The outcome, negated when lower is better, so that a good pair is high.
    pub outcome: f64,
}

/// A fitted model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Model {
    /// The outcome predicted for a pair scoring 0 everywhere.
    pub intercept: f64,
    /// Outcome per unit of each criterion (0 for the ones not fitted).
    pub coefficients: [f64; K],
    /// The coefficients' shares: the weights.
    pub weights: [f64; K],
}

/// Outer steps of the imputation before the weights are taken as settled.
const MAX_STEPS: usize = 100;

impl Model {
    /// The outcome (as `Sample::outcome` reads it) the model predicts for a pair.
    pub fn predict(&self, criteria: &[Option<f64>; K]) -> f64 {
        let x = features(criteria, &self.weights);
        self.intercept + (0..K).map(|c| self.coefficients[c] * x[c]).sum::<f64>()
    }
}

/// Fits the model to `samples` over the criteria marked in `fitted`,
/// starting from the weights `start`; `None` when no criterion goes with a
/// better outcome (every coefficient 0).
pub(super) fn fit(samples: &[&Sample], fitted: &[bool; K], start: &[f64; K]) -> Option<Model> {
    let columns: Vec<usize> = (0..K).filter(|&c| fitted[c]).collect();
    let mut weights = shares(&std::array::from_fn(
        |c| if fitted[c] { start[c] } else { 0.0 },
    ))
    .unwrap_or_else(|| {
        shares(&std::array::from_fn(|c| f64::from(u8::from(fitted[c])))).expect("a criterion")
    });
    let mut model = None;
    for _ in 0..MAX_STEPS {
        let rows: Vec<[f64; K]> = samples
            .iter()
            .map(|s| features(&s.criteria, &weights))
            .collect();
        let n = rows.len() as f64;
        let mean_x: Vec<f64> = columns
            .iter()
            .map(|&c| rows.iter().map(|r| r[c]).sum::<f64>() / n)
            .collect();
        let mean_y = samples.iter().map(|s| s.outcome).sum::<f64>() / n;
        let x = DMatrix::from_fn(rows.len(), columns.len(), |i, j| {
            rows[i][columns[j]] - mean_x[j]
        });
        let y = DVector::from_fn(rows.len(), |i, _| samples[i].outcome - mean_y);
        let v = nnls(&(x.transpose() * &x), &(x.transpose() * y));
        let mut coefficients = [0.0; K];
        for (j, &c) in columns.iter().enumerate() {
            coefficients[c] = v[j];
        }
        let next = shares(&coefficients)?;
        let intercept = mean_y
            - columns
                .iter()
                .zip(&mean_x)
                .map(|(&c, m)| coefficients[c] * m)
                .sum::<f64>();
        let settled = (0..K).all(|c| (next[c] - weights[c]).abs() < 1e-9);
        model = Some(Model {
            intercept,
            coefficients,
            weights: next,
        });
        if settled {
            break;
        }
        weights = next;
    }
    model
}

/// The best line through `(current score, outcome)` with a slope ≥ 0: what
/// the current weights predict once scaled to the outcome.
pub(super) fn current_line(samples: &[&Sample]) -> (f64, f64) {
    let n = samples.len() as f64;
    let mx = samples.iter().map(|s| s.current).sum::<f64>() / n;
    let my = samples.iter().map(|s| s.outcome).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for s in samples {
        sxy += (s.current - mx) * (s.outcome - my);
        sxx += (s.current - mx) * (s.current - mx);
    }
    let slope = if sxx > 0.0 { (sxy / sxx).max(0.0) } else { 0.0 };
    (my - slope * mx, slope)
}

/// A pair's features under `weights`: each criterion, or the pair's total
/// under the weights where it does not apply.
fn features(criteria: &[Option<f64>; K], weights: &[f64; K]) -> [f64; K] {
    let (mut sum, mut weight) = (0.0, 0.0);
    for c in 0..K {
        if let Some(x) = criteria[c] {
            sum += weights[c] * x;
            weight += weights[c];
        }
    }
    let total = if weight > 0.0 { sum / weight } else { 0.0 };
    std::array::from_fn(|c| criteria[c].unwrap_or(total))
}

/// `values` as shares of their sum; `None` when they sum to 0.
pub(super) fn shares(values: &[f64; K]) -> Option<[f64; K]> {
    let sum: f64 = values.iter().sum();
    (sum > 1e-12).then(|| values.map(|v| v / sum))
}
