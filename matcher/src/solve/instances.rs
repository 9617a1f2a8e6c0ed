//! Test instances shared by the solver's tests: owned problems, proptest
//! strategies and reproducible pseudo-random ones.

use std::ops::RangeInclusive;

use proptest::prelude::*;

use super::problem::{Objective, Problem};
use super::solution::Solution;

/// Both objectives, for tests that run under each.
pub(super) const OBJECTIVES: [Objective; 2] = [Objective::Coverage, Objective::Total];
/// The weight of a forbidden cell.
pub(super) const FORBIDDEN: f64 = f64::NEG_INFINITY;

/// An owned problem, for generated and hand-written instances.
#[derive(Debug, Clone)]
pub(super) struct Instance {
    /// Number of rows.
    pub(super) rows: usize,
    /// Row-major weights.
    pub(super) weights: Vec<f64>,
    /// One capacity per column.
    pub(super) capacities: Vec<u32>,
}

impl Instance {
    /// An instance of `rows` rows with these weights and capacities.
    pub(super) fn new(rows: usize, weights: &[f64], capacities: &[u32]) -> Self {
        Self {
            rows,
            weights: weights.to_vec(),
            capacities: capacities.to_vec(),
        }
    }

    /// The instance as a problem under `objective`.
    pub(super) fn problem(&self, objective: Objective) -> Problem<'_> {
        Problem {
            rows: self.rows,
            cols: self.capacities.len(),
            weights: &self.weights,
            capacities: &self.capacities,
            objective,
        }
    }

    /// Whether every allowed weight is an integer.
    pub(super) fn is_integral(&self) -> bool {
        self.weights
            .iter()
            .all(|&w| w == FORBIDDEN || w.fract() == 0.0)
    }
}

/// Instances of up to `max_rows × max_cols` cells drawn from `cell`.
pub(super) fn instances(
    max_rows: usize,
    max_cols: usize,
    capacity: RangeInclusive<u32>,
    cell: impl Strategy<Value = f64> + Clone,
) -> impl Strategy<Value = Instance> {
    (0..=max_rows, 0..=max_cols).prop_flat_map(move |(rows, cols)| {
        (
            proptest::collection::vec(cell.clone(), rows * cols),
            proptest::collection::vec(capacity.clone(), cols),
        )
            .prop_map(move |(weights, capacities)| Instance {
                rows,
                weights,
                capacities,
            })
    })
}

/// Integer-valued weights in `range`, one cell in five forbidden.
pub(super) fn integer_cells(range: RangeInclusive<i32>) -> impl Strategy<Value = f64> + Clone {
    prop_oneof![1 => Just(FORBIDDEN), 4 => range.prop_map(f64::from)]
}

/// Real weights, one cell in five forbidden.
pub(super) fn real_cells() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![1 => Just(FORBIDDEN), 4 => -50.0..100.0]
}

/// A reproducible pseudo-random instance (SplitMix64), integer weights in
/// `0..=max_weight`, about one cell in eight forbidden.
pub(super) fn pseudo_random(
    seed: u64,
    rows: usize,
    cols: usize,
    max_weight: u64,
    max_cap: u64,
) -> Instance {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let weights = (0..rows * cols)
        .map(|_| match next() % 8 {
            0 => FORBIDDEN,
            _ => (next() % (max_weight + 1)) as f64,
        })
        .collect();
    let capacities = (0..cols).map(|_| (1 + next() % max_cap) as u32).collect();
    Instance {
        rows,
        weights,
        capacities,
    }
}

/// Every number of a solution as raw bits, to compare runs bit for bit.
pub(super) fn bits(solution: &Solution) -> Vec<u64> {
    let scalars = [solution.total, solution.dual_bound, solution.match_bonus];
    scalars
        .iter()
        .chain(&solution.row_duals)
        .chain(&solution.col_prices)
        .map(|x| x.to_bits())
        .collect()
}
