//! An independent reference solver: the Hungarian algorithm with potentials, in
//! its textbook shortest-augmenting-path form (O(rows² · cols)), deliberately
//! unoptimised. It precomputes the objective every bench checks, and runs as
//! the `hungarian` sibling of `matcher` in the solve bench.

use std::iter;

/// The maximum-weight assignment of every row to a distinct column: `rows <=
/// cols`, every weight finite. Returns the column of each row.
pub fn hungarian(rows: usize, cols: usize, weights: &[f64]) -> Vec<usize> {
    assert!(
        rows <= cols,
        "hungarian needs rows <= cols, got {rows} × {cols}"
    );
    assert_eq!(weights.len(), rows * cols);
    const NONE: usize = usize::MAX;
    // Minimises cost = -weight. Column `cols` is a virtual column from which
    // each phase grows its tree of shortest alternating paths.
    let root = cols;
    let mut row_potential = vec![0.0; rows];
    let mut col_potential = vec![0.0; cols + 1];
    let mut owner = vec![NONE; cols + 1];
    let mut dist = vec![0.0; cols + 1];
    let mut prev = vec![root; cols + 1];
    let mut reached = vec![false; cols + 1];
    for row in 0..rows {
        owner[root] = row;
        dist.fill(f64::INFINITY);
        reached.fill(false);
        let mut col = root;
        // Dijkstra on reduced costs until a free column is reached.
        while owner[col] != NONE {
            reached[col] = true;
            let from = owner[col];
            let costs = &weights[from * cols..(from + 1) * cols];
            let (mut delta, mut next) = (f64::INFINITY, NONE);
            for j in (0..cols).filter(|&j| !reached[j]) {
                let reduced = -costs[j] - row_potential[from] - col_potential[j];
                if reduced < dist[j] {
                    dist[j] = reduced;
                    prev[j] = col;
                }
                if dist[j] < delta {
                    delta = dist[j];
                    next = j;
                }
            }
            for j in 0..=cols {
                if reached[j] {
                    row_potential[owner[j]] += delta;
                    col_potential[j] -= delta;
                } else {
                    dist[j] -= delta;
                }
            }
            col = next;
        }
        // Flip the path back to the root.
        while col != root {
            owner[col] = owner[prev[col]];
            col = prev[col];
        }
    }
    let mut assignment = vec![0; rows];
    for (col, &row) in owner[..cols].iter().enumerate() {
        if row != NONE {
            assignment[row] = col;
        }
    }
    assignment
}

/// The optimum under matcher's `coverage` objective — as many rows matched as
/// possible, then the largest total — with column capacities and forbidden
/// (non-finite) pairs, by reduction to [`hungarian`]: one column per unit of
/// capacity, forbidden pairs priced so low that using one never pays, and the
/// smaller side as rows. Returns a column or `None` per row.
pub fn coverage_optimum(
    rows: usize,
    cols: usize,
    weights: &[f64],
    capacities: &[u32],
) -> Vec<Option<usize>> {
    let slots: Vec<usize> = (0..cols)
        .flat_map(|c| iter::repeat_n(c, capacities[c] as usize))
        .collect();
    let pairs = rows.min(slots.len());
    let largest = weights
        .iter()
        .filter(|w| w.is_finite())
        .fold(0.0, |m: f64, w| m.max(w.abs()));
    // Two matchings' finite parts differ by at most 2 · pairs · largest.
    let forbidden = -(2.0 * pairs as f64 * largest + 1.0);
    let weight = |row: usize, slot: usize| {
        let w = weights[row * cols + slots[slot]];
        if w.is_finite() {
            w
        } else {
            forbidden
        }
    };
    let kept = |row: usize, slot: usize| {
        let col = slots[slot];
        weights[row * cols + col].is_finite().then_some(col)
    };

    let mut assignment = vec![None; rows];
    if rows <= slots.len() {
        let expanded: Vec<f64> = (0..rows)
            .flat_map(|r| (0..slots.len()).map(move |s| weight(r, s)))
            .collect();
        for (row, slot) in hungarian(rows, slots.len(), &expanded)
            .into_iter()
            .enumerate()
        {
            assignment[row] = kept(row, slot);
        }
    } else {
        let transposed: Vec<f64> = (0..slots.len())
            .flat_map(|s| (0..rows).map(move |r| weight(r, s)))
            .collect();
        for (slot, row) in hungarian(slots.len(), rows, &transposed)
            .into_iter()
            .enumerate()
        {
            assignment[row] = kept(row, slot);
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{evaluate, Value};
    use crate::rng::SplitMix64;

    /// The best (matched, total) over every feasible assignment, by enumeration.
    fn brute_force(row: usize, cols: usize, weights: &[f64], left: &mut [u32]) -> (usize, f64) {
        if row * cols == weights.len() {
            return (0, 0.0);
        }
        let mut best = brute_force(row + 1, cols, weights, left);
        for col in 0..cols {
            let w = weights[row * cols + col];
            if left[col] > 0 && w.is_finite() {
                left[col] -= 1;
                let (matched, total) = brute_force(row + 1, cols, weights, left);
                left[col] += 1;
                if (matched + 1, total + w) > best {
                    best = (matched + 1, total + w);
                }
            }
        }
        best
    }

    #[test]
    fn matches_brute_force_on_small_instances() {
        let mut rng = SplitMix64::new(1);
        for _ in 0..400 {
            let rows = 1 + rng.below(5) as usize;
            let cols = 1 + rng.below(5) as usize;
            let capacities: Vec<u32> = (0..cols).map(|_| rng.below(3) as u32).collect();
            let weights: Vec<f64> = (0..rows * cols)
                .map(|_| match rng.below(6) {
                    0 => f64::NEG_INFINITY,
                    _ => rng.below(20) as f64,
                })
                .collect();
            let assignment = coverage_optimum(rows, cols, &weights, &capacities);
            let found = evaluate(cols, &weights, Some(&capacities), &assignment).unwrap();
            let (matched, total) = brute_force(0, cols, &weights, &mut capacities.clone());
            assert_eq!(
                found,
                Value { matched, total },
                "{rows}×{cols} {weights:?} {capacities:?}"
            );
        }
    }

    #[test]
    fn plain_assignment_is_a_permutation_of_the_best_columns() {
        let weights = [1.0, 9.0, 3.0, 8.0, 7.0, 0.0];
        assert_eq!(hungarian(2, 3, &weights), [1, 0]);
    }
}
