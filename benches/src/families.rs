//! Generators of the matrix families from the assignment-problem literature
//! that [`crate::matrix::Kind`] names beyond the plain uniform, integer and
//! roster matrices. All are weights to MAXIMISE, row-major, seeded by the
//! caller's generator; `-inf` marks a forbidden pair.

use crate::rng::SplitMix64;

/// Dimensions of the points of [`euclidean`]'s higher-dimensional kind.
pub const HIGH_DIMENSIONS: usize = 10;

/// Rank of [`low_rank`]'s matrices.
const RANK: usize = 3;

/// Columns of [`repeated`] that copy one mentor.
pub const COPIES: usize = 4;

/// Allowed cells per row of [`sparse`], besides the one that keeps a full
/// matching possible.
const DEGREE: usize = 16;

/// Minus the Euclidean distance between a row point and a column point,
/// both uniform in the unit cube of `dims` dimensions.
pub fn euclidean(rng: &mut SplitMix64, rows: usize, cols: usize, dims: usize) -> Vec<f64> {
    let mut points = |n: usize| -> Vec<f64> { (0..n * dims).map(|_| rng.next_f64()).collect() };
    let (a, b) = (points(rows), points(cols));
    let mut weights = Vec::with_capacity(rows * cols);
    for p in a.chunks_exact(dims.max(1)).take(rows) {
        for q in b.chunks_exact(dims.max(1)).take(cols) {
            let squared: f64 = p.iter().zip(q).map(|(x, y)| (x - y) * (x - y)).sum();
            weights.push(-squared.sqrt());
        }
    }
    weights
}

/// Machol–Wien: the cost `c_ij = i·j` (0-based, so `(i-1)(j-1)` in the
/// 1-based statement of Machol and Wien, 1976) to MINIMISE, given as the
/// weight `-i·j`. Minimising is the hard direction: every assignment's
/// reduced costs stay close, and the optimum pairs large `i` with small
/// `j`. Integers up to `8 000² = 6.4·10^7`, so every sum is exact.
pub fn machol_wien(rows: usize, cols: usize) -> Vec<f64> {
    (0..rows)
        .flat_map(|i| (0..cols).map(move |j| 0.0 - (i * j) as f64))
        .collect()
}

/// Randomised Machol–Wien: the cost `c_ij` uniform among the integers in
/// `[0, i·j)` (1-based `i`, `j`) to MINIMISE, given as its negation.
pub fn random_machol_wien(rng: &mut SplitMix64, rows: usize, cols: usize) -> Vec<f64> {
    let mut weights = Vec::with_capacity(rows * cols);
    for i in 1..=rows as u64 {
        for j in 1..=cols as u64 {
            weights.push(-(rng.below(i * j) as f64));
        }
    }
    weights
}

/// Low-rank scores with heavy ties: `round(100 · u_i·v_j)` for vectors `u_i`,
/// `v_j` uniform in `[0, 1)^3`, integers in `0..=300` (scores in hundredths).
pub fn low_rank(rng: &mut SplitMix64, rows: usize, cols: usize) -> Vec<f64> {
    let mut vectors = |n: usize| -> Vec<f64> { (0..n * RANK).map(|_| rng.next_f64()).collect() };
    let (u, v) = (vectors(rows), vectors(cols));
    let mut weights = Vec::with_capacity(rows * cols);
    for a in u.chunks_exact(RANK) {
        for b in v.chunks_exact(RANK) {
            let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            weights.push((100.0 * dot).round());
        }
    }
    weights
}

/// Capacity by repetition: integer weights in `0..1000` for `cols / 4`
/// mentors (rounded up), each given as 4 identical adjacent columns.
pub fn repeated(rng: &mut SplitMix64, rows: usize, cols: usize) -> Vec<f64> {
    let mentors = cols.div_ceil(COPIES);
    let scores: Vec<f64> = (0..rows * mentors)
        .map(|_| rng.below(1000) as f64)
        .collect();
    repeat_columns(&scores, cols)
}

/// `scores` (row-major, `cols / 4` columns rounded up) with each column
/// given [`COPIES`] times side by side, the last one cut to `cols` in all.
pub fn repeat_columns(scores: &[f64], cols: usize) -> Vec<f64> {
    let mentors = cols.div_ceil(COPIES);
    scores
        .chunks_exact(mentors.max(1))
        .flat_map(|row| (0..cols).map(move |j| row[j / COPIES]))
        .collect()
}

/// A sparse graph: each row may take 16 random columns (repeats merge) and
/// column `row mod cols`, with integer weights in `1..=1000`; every other
/// pair is forbidden (`-inf`). The extra column guarantees that the smaller
/// side can be matched in full, so that minimising solvers that need a full
/// matching (and take a large constant for a forbidden cell) reach the same
/// optimum.
pub fn sparse(rng: &mut SplitMix64, rows: usize, cols: usize) -> Vec<f64> {
    let mut weights = vec![f64::NEG_INFINITY; rows * cols];
    if cols == 0 {
        return weights;
    }
    for (i, row) in weights.chunks_exact_mut(cols).enumerate() {
        row[i % cols] = (1 + rng.below(1000)) as f64;
        for _ in 0..DEGREE {
            let j = rng.below(cols as u64) as usize;
            row[j] = (1 + rng.below(1000)) as f64;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machol_wien_is_minus_the_product() {
        assert_eq!(
            machol_wien(3, 4),
            [0.0, 0.0, 0.0, 0.0, 0.0, -1.0, -2.0, -3.0, 0.0, -2.0, -4.0, -6.0]
        );
    }

    #[test]
    fn random_machol_wien_stays_below_the_product() {
        let weights = random_machol_wien(&mut SplitMix64::new(1), 30, 20);
        for (k, w) in weights.iter().enumerate() {
            let (i, j) = (k / 20 + 1, k % 20 + 1);
            assert!(*w <= 0.0 && -w < (i * j) as f64 && w.fract() == 0.0);
        }
    }

    #[test]
    fn repeated_columns_are_copies() {
        let weights = repeated(&mut SplitMix64::new(1), 5, 10);
        for row in weights.chunks_exact(10) {
            for j in 0..10 {
                assert_eq!(row[j], row[j / 4 * 4]);
            }
        }
        assert_ne!(weights[0], weights[4], "mentors differ (for this seed)");
    }

    #[test]
    fn sparse_rows_keep_their_own_column() {
        let weights = sparse(&mut SplitMix64::new(1), 50, 40);
        for (i, row) in weights.chunks_exact(40).enumerate() {
            assert!(row[i % 40].is_finite());
            let allowed = row.iter().filter(|w| w.is_finite()).count();
            assert!((1..=1 + DEGREE).contains(&allowed));
            assert!(row
                .iter()
                .all(|w| *w == f64::NEG_INFINITY || (1.0..=1000.0).contains(w)));
        }
    }

    #[test]
    fn euclidean_weights_are_minus_distances() {
        let weights = euclidean(&mut SplitMix64::new(1), 4, 6, 2);
        assert_eq!(weights.len(), 24);
        assert!(weights.iter().all(|w| (-(2f64.sqrt())..=0.0).contains(w)));
        let high = euclidean(&mut SplitMix64::new(1), 4, 6, HIGH_DIMENSIONS);
        assert!(high.iter().all(|w| *w <= 0.0 && *w >= -(10f64.sqrt())));
    }

    #[test]
    fn low_rank_scores_are_hundredths_with_ties() {
        let weights = low_rank(&mut SplitMix64::new(1), 40, 40);
        assert!(weights
            .iter()
            .all(|w| w.fract() == 0.0 && (0.0..=300.0).contains(w)));
        let mut distinct = weights.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert!(distinct.len() <= 301 && distinct.len() < weights.len() / 4);
    }
}
