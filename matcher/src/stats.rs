//! The few statistics an evaluation needs: means, Pearson's correlation and
//! seeded percentile-bootstrap intervals, exact to reproduce on every platform.

use crate::rng::Rng;

/// The mean, `None` for no values.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Pearson's correlation of the pairs `(x[i], y[i])`; `None` with fewer than
/// three pairs or when either side does not vary.
pub(crate) fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson_of(x.len(), |i| (x[i], y[i]))
}

/// Pearson's correlation of `n` pairs given by `pair(i)`.
fn pearson_of(n: usize, pair: impl Fn(usize) -> (f64, f64)) -> Option<f64> {
    if n < 3 {
        return None;
    }
    let (mut sx, mut sy) = (0.0, 0.0);
    for i in 0..n {
        let (x, y) = pair(i);
        sx += x;
        sy += y;
    }
    let (mx, my) = (sx / n as f64, sy / n as f64);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x, y) = pair(i);
        let (dx, dy) = (x - mx, y - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // A side whose spread is rounding noise does not vary.
    let tiny = 1e-12 * n as f64;
    (sxx > tiny && syy > tiny).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// The 95 % percentile-bootstrap interval of Pearson's correlation of
/// `(x[i], y[i])`: `resamples` draws of as many pairs with replacement from
/// `seed`. Draws in which a side does not vary are skipped; `None` when fewer
/// than half of the draws could be used.
pub(crate) fn correlation_interval(
    x: &[f64],
    y: &[f64],
    resamples: usize,
    seed: u64,
) -> Option<[f64; 2]> {
    let n = x.len();
    if n < 3 || resamples == 0 {
        return None;
    }
    let mut rng = Rng(seed);
    let mut draws = Vec::with_capacity(resamples);
    let mut picks = vec![0usize; n];
    for _ in 0..resamples {
        for pick in &mut picks {
            *pick = rng.below(n);
        }
        if let Some(r) = pearson_of(n, |i| (x[picks[i]], y[picks[i]])) {
            draws.push(r);
        }
    }
    (draws.len() * 2 >= resamples).then(|| percentile_interval(&mut draws))
}

/// The 2.5th and 97.5th percentiles of `draws` (linear between order
/// statistics); `draws` must not be empty.
pub(crate) fn percentile_interval(draws: &mut [f64]) -> [f64; 2] {
    crate::sorting::sort_by(draws, f64::total_cmp);
    [quantile(draws, 0.025), quantile(draws, 0.975)]
}

/// The `q` quantile of sorted, non-empty `sorted`.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = q * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

/// A value rounded to four decimals, as reports print them.
pub(crate) fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_matches_hand_worked_values() {
        // x = 1..5, y = 2x + 1: perfectly correlated; reversed: -1.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y: Vec<f64> = x.iter().map(|v| 2.0 * v + 1.0).collect();
        assert!((pearson(&x, &y).unwrap() - 1.0).abs() < 1e-12);
        let rev: Vec<f64> = y.iter().rev().copied().collect();
        assert!((pearson(&x, &rev).unwrap() + 1.0).abs() < 1e-12);
        // By hand: x = 1,2,3; y = 1,3,2: sxy = 1, sxx = 2, syy = 2, r = 0.5.
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]), Some(0.5));
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let mut draws: Vec<f64> = (0..=40).rev().map(f64::from).collect();
        // 41 values 0..=40: the 2.5th percentile is at 1.0, the 97.5th at 39.0.
        assert_eq!(percentile_interval(&mut draws), [1.0, 39.0]);
        assert_eq!(quantile(&[2.0, 4.0], 0.25), 2.5);
    }

    #[test]
    fn bootstrap_interval_is_seeded_and_covers_the_estimate() {
        let x: Vec<f64> = (0..200).map(f64::from).collect();
        let mut rng = Rng(7);
        let y: Vec<f64> = x.iter().map(|v| v + 60.0 * rng.unit()).collect();
        let r = pearson(&x, &y).unwrap();
        let interval = correlation_interval(&x, &y, 500, 11).unwrap();
        assert!(
            interval[0] < r && r < interval[1],
            "{interval:?} around {r}"
        );
        assert!(interval[1] - interval[0] < 0.1, "{interval:?}");
        assert_eq!(correlation_interval(&x, &y, 500, 11), Some(interval));
        assert_ne!(correlation_interval(&x, &y, 500, 12), Some(interval));
    }
}
