//! Tests of the sparse engine's safeguard: on Machol–Wien matrices its
//! searches spend their budget and the dense engine takes over, and whatever
//! the budget, [`solve`] finds the same optimum.

use proptest::prelude::*;

use super::instances::{Instance, OBJECTIVES};
use super::oracle;
use super::sample::in_unison;
use super::sparse::{self, SparseTuning};
use super::tests::certified_optimum;
use super::{solve, solve_dense, sparse_or_dense, verify, Objective, SEARCH_BUDGET, UNISON_BUDGET};

/// Machol–Wien with `rows × cols` cells: the cost `i·j` to minimise, as the
/// weight `-i·j`, capacities 1.
fn machol_wien(rows: usize, cols: usize) -> Instance {
    let weights: Vec<f64> = (0..rows)
        .flat_map(|i| (0..cols).map(move |j| 0.0 - (i * j) as f64))
        .collect();
    Instance::new(rows, &weights, &vec![1; cols])
}

/// The Machol–Wien optimum with `rows <= cols`, matching every row: by the
/// rearrangement inequality, row `i` takes column `rows - 1 - i`.
fn machol_wien_optimum(rows: usize) -> f64 {
    -(0..rows).map(|i| (i * (rows - 1 - i)) as f64).sum::<f64>()
}

/// The sparse engine alone on `instance`, with a search budget per cell.
fn sparse_with(instance: &Instance, budget: Option<f64>) -> Option<f64> {
    let source = instance.problem(Objective::Coverage).source();
    let tuning = SparseTuning {
        search_budget: budget,
        ..SparseTuning::for_columns(source.cols)
    };
    sparse::solve(&source, &instance.capacities, Objective::Coverage, tuning)
        .expect("valid problem")
        .map(|(solution, _)| solution.total)
}

#[test]
fn machol_wien_runs_out_of_budget_and_solve_still_finds_the_optimum() {
    for (rows, cols) in [(300, 300), (240, 400)] {
        let instance = machol_wien(rows, cols);
        let expected = machol_wien_optimum(rows);
        // At this size the searches relax about 40 cells per cell, so a
        // budget of 8 runs out.
        assert_eq!(sparse_with(&instance, Some(8.0)), None);
        assert_eq!(sparse_with(&instance, None), Some(expected));
        let problem = instance.problem(Objective::Coverage);
        let solution = solve(&problem).expect("valid problem");
        verify(&problem, &solution).expect("a valid certificate");
        assert_eq!((solution.matched, solution.total), (rows, expected));
        assert_eq!(solution.gap(), 0.0);
        // Row 0 weighs 0 everywhere: the engines may break that tie apart.
        let dense = solve_dense(&problem).expect("valid problem");
        assert_eq!((dense.matched, dense.total), (rows, expected));
    }
}

/// A `rows × cols` instance of capacities 1 whose cell `(i, j)` weighs
/// `cell(i, j, r)` for a fresh pseudo-random `r` in `0..2^30`.
fn pseudo_random(rows: usize, cols: usize, cell: impl Fn(usize, usize, u64) -> f64) -> Instance {
    let mut state = 7u64;
    let weights: Vec<f64> = (0..rows * cols)
        .map(|k| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            cell(k / cols, k % cols, state >> 34)
        })
        .collect();
    Instance::new(rows, &weights, &vec![1; cols])
}

#[test]
fn uniform_integers_stay_within_the_budget() {
    let instance = pseudo_random(300, 300, |_, _, r| (r >> 20) as f64);
    let unlimited = sparse_with(&instance, None).expect("no budget");
    assert_eq!(sparse_with(&instance, Some(SEARCH_BUDGET)), Some(unlimited));
}

/// Rank-3 scores rounded to integers, `round(100 · u_i·v_j)` with `u_i`,
/// `v_j` in `[0, 1)^3`: rows favour similar columns, but not the same.
fn low_rank(rows: usize, cols: usize) -> Instance {
    let vectors = pseudo_random(rows + cols, 3, |_, _, r| r as f64 / f64::from(1 << 30));
    let vector = |k: usize| &vectors.weights[3 * k..3 * k + 3];
    pseudo_random(rows, cols, |i, j, _| {
        let dot: f64 = vector(i)
            .iter()
            .zip(vector(rows + j))
            .map(|(a, b)| a * b)
            .sum();
        (100.0 * dot).round()
    })
}

/// Whether the sampled rows of `instance` move in unison.
fn unison(instance: &Instance) -> bool {
    in_unison(
        &instance.problem(Objective::Coverage).source(),
        &instance.capacities,
    )
}

#[test]
fn only_rows_ranking_the_same_columns_first_move_in_unison() {
    assert!(unison(&machol_wien(300, 300)));
    assert!(unison(&machol_wien(240, 400)));
    // Equal weights: ties go to the lowest columns in every row.
    assert!(unison(&pseudo_random(300, 300, |_, _, _| 1.0)));
    assert!(!unison(&low_rank(300, 300)));
    assert!(!unison(&low_rank(240, 400)));
    // Randomised Machol–Wien: `c_ij` below `(i + 1)(j + 1)`.
    let random = |i: usize, j: usize, r: u64| -((r % ((i + 1) * (j + 1)) as u64) as f64);
    assert!(!unison(&pseudo_random(300, 300, random)));
    assert!(!unison(&pseudo_random(300, 300, |_, _, r| r as f64)));
}

#[test]
fn rows_in_unison_hand_over_at_once_unless_they_hardly_compete() {
    let machol = machol_wien(300, 300);
    assert_eq!(sparse_with(&machol, Some(UNISON_BUDGET)), None);
    // Equal weights: every row takes a free column at once.
    let equal = pseudo_random(300, 300, |_, _, _| 1.0);
    assert_eq!(sparse_with(&equal, Some(UNISON_BUDGET)), Some(300.0));
    // Low-rank scores stay with the full budget, and within it.
    let low = low_rank(300, 300);
    let unlimited = sparse_with(&low, None).expect("no budget");
    assert_eq!(sparse_with(&low, Some(SEARCH_BUDGET)), Some(unlimited));
}

/// Small instances of the suite's families: Machol–Wien, randomised
/// Machol–Wien (`c_ij` below `i·j`) and low-rank scores rounded to
/// integers, with a column capacity each.
fn family() -> impl Strategy<Value = Instance> {
    (1usize..9, 1usize..9, 0u8..3, any::<u64>(), 1u32..3).prop_map(
        |(rows, cols, kind, seed, cap)| {
            let mut state = seed;
            let mut next = move |n: u64| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % n.max(1)
            };
            let (u, v): (Vec<u64>, Vec<u64>) = (
                (0..rows).map(|_| next(5)).collect(),
                (0..cols).map(|_| next(5)).collect(),
            );
            let weights: Vec<f64> = (0..rows * cols)
                .map(|k| {
                    let (i, j) = (k / cols, k % cols);
                    match kind {
                        0 => -((i * j) as f64),
                        1 => -(next(((i + 1) * (j + 1)) as u64) as f64),
                        _ => (u[i] * v[j]) as f64,
                    }
                })
                .collect();
            Instance::new(rows, &weights, &vec![cap; cols])
        },
    )
}

proptest! {
    /// Whether the sparse engine finishes or gives up at once, half way or
    /// never, the answer is the brute-force optimum.
    #[test]
    fn any_budget_gives_the_optimum(instance in family()) {
        for objective in OBJECTIVES {
            let problem = instance.problem(objective);
            let expected = oracle::brute_force(&problem);
            for budget in [0.0, 0.5, 4.0, f64::INFINITY] {
                let solution = sparse_or_dense(&problem, budget).expect("valid problem");
                certified_optimum(&instance, objective, &solution, expected)?;
            }
        }
    }
}
