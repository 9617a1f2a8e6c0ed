//! Non-negative least squares by Lawson and Hanson's active-set method, on
//! the normal equations of a few columns: minimise `½ vᵀGv − bᵀv` subject to
//! `v ≥ 0`, where `G = XᵀX` and `b = Xᵀy`. Each subproblem is solved by
//! nalgebra's SVD, so collinear or empty columns do not break it.

use nalgebra::{DMatrix, DVector};

/// How close to zero a gradient or a coefficient counts as zero, relative to
/// the system's scale.
const TOLERANCE: f64 = 1e-10;

/// The non-negative `v` minimising `½ vᵀGv − bᵀv` (`gram` is `G`, square
/// and symmetric; `moment` is `b`).
pub(super) fn nnls(gram: &DMatrix<f64>, moment: &DVector<f64>) -> DVector<f64> {
    let k = moment.len();
    let scale = gram
        .diagonal()
        .amax()
        .max(moment.amax())
        .max(f64::MIN_POSITIVE);
    let tolerance = TOLERANCE * scale;
    let mut v = DVector::zeros(k);
    let mut passive = vec![false; k];
    // Each outer step frees one coefficient; 3k steps is far beyond what a
    // well-posed problem needs, and keeps a degenerate one from cycling.
    for _ in 0..3 * k {
        let gradient = moment - gram * &v;
        let entering = (0..k)
            .filter(|&j| !passive[j] && gradient[j] > tolerance)
            .max_by(|&a, &b| gradient[a].total_cmp(&gradient[b]));
        let Some(entering) = entering else { break };
        passive[entering] = true;
        loop {
            let z = solve_passive(gram, moment, &passive);
            let blocked: Vec<usize> = (0..k).filter(|&j| passive[j] && z[j] <= 0.0).collect();
            if blocked.is_empty() {
                v = z;
                break;
            }
            // Step from v towards z as far as every coefficient stays ≥ 0,
            // then drop the ones that reached 0.
            let alpha = blocked
                .iter()
                .map(|&j| v[j] / (v[j] - z[j]))
                .fold(f64::INFINITY, f64::min);
            v += (z - &v) * alpha;
            for j in 0..k {
                if passive[j] && v[j] <= tolerance {
                    passive[j] = false;
                    v[j] = 0.0;
                }
            }
        }
    }
    v
}

/// The unconstrained minimiser over the passive coefficients, 0 elsewhere.
fn solve_passive(gram: &DMatrix<f64>, moment: &DVector<f64>, passive: &[bool]) -> DVector<f64> {
    let free: Vec<usize> = (0..passive.len()).filter(|&j| passive[j]).collect();
    let sub = DMatrix::from_fn(free.len(), free.len(), |r, c| gram[(free[r], free[c])]);
    let rhs = DVector::from_fn(free.len(), |r, _| moment[free[r]]);
    let eps = TOLERANCE * sub.amax().max(f64::MIN_POSITIVE);
    let solved = sub
        .svd(true, true)
        .solve(&rhs, eps)
        .unwrap_or_else(|_| DVector::zeros(free.len()));
    let mut z = DVector::zeros(passive.len());
    for (r, &j) in free.iter().enumerate() {
        z[j] = solved[r];
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use proptest::prelude::*;

    /// The objective `½ vᵀGv − bᵀv`.
    fn objective(gram: &DMatrix<f64>, moment: &DVector<f64>, v: &DVector<f64>) -> f64 {
        0.5 * v.dot(&(gram * v)) - moment.dot(v)
    }

    fn system(rows: usize, k: usize, seed: u64) -> (DMatrix<f64>, DVector<f64>) {
        let mut rng = Rng(seed);
        let x = DMatrix::from_fn(rows, k, |_, _| rng.unit() - 0.3);
        let y = DVector::from_fn(rows, |_, _| rng.unit() * 2.0 - 1.0);
        (x.transpose() * &x, x.transpose() * y)
    }

    #[test]
    fn unconstrained_optimum_is_returned_when_non_negative() {
        // G = diag(2, 4), b = (2, 2): v = (1, 0.5).
        let gram = DMatrix::from_row_slice(2, 2, &[2.0, 0.0, 0.0, 4.0]);
        let v = nnls(&gram, &DVector::from_vec(vec![2.0, 2.0]));
        assert!(
            (v[0] - 1.0).abs() < 1e-12 && (v[1] - 0.5).abs() < 1e-12,
            "{v}"
        );
        // b = (2, −2): the second coefficient is held at 0.
        let v = nnls(&gram, &DVector::from_vec(vec![2.0, -2.0]));
        assert_eq!((v[0], v[1]), (1.0, 0.0));
    }

    proptest! {
        /// The KKT conditions hold, and no point of a grid around the answer
        /// (kept non-negative) does better.
        #[test]
        fn meets_the_optimality_conditions(seed in any::<u64>(), k in 1usize..6) {
            let (gram, moment) = system(40, k, seed);
            let v = nnls(&gram, &moment);
            let gradient = &moment - &gram * &v;
            let scale = gram.amax().max(1.0);
            for j in 0..k {
                prop_assert!(v[j] >= 0.0);
                // Free coefficients: zero gradient; held at 0: gradient ≤ 0.
                if v[j] > 0.0 {
                    prop_assert!(gradient[j].abs() < 1e-7 * scale, "{j}: {}", gradient[j]);
                } else {
                    prop_assert!(gradient[j] < 1e-7 * scale, "{j}: {}", gradient[j]);
                }
            }
            let best = objective(&gram, &moment, &v);
            let mut rng = Rng(seed ^ 1);
            for _ in 0..200 {
                let other = DVector::from_fn(k, |j, _| (v[j] + rng.unit() - 0.5).max(0.0));
                prop_assert!(objective(&gram, &moment, &other) >= best - 1e-9 * scale);
            }
        }
    }
}
