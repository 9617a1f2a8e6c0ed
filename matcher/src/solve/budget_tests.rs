//! Tests of the sparse engine's safeguard: on Machol–Wien matrices its
//! searches spend their budget and the dense engine takes over, and whatever
//! the budget, [`solve`] finds the same optimum.

use proptest::prelude::*;

use super::instances::{Instance, OBJECTIVES};
use super::oracle;
use super::sparse::{self, SparseTuning};
use super::tests::certified_optimum;
use super::{solve, solve_dense, sparse_or_dense, verify, Objective, RowMajor, SEARCH_BUDGET};

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
    let source = RowMajor {
        rows: instance.rows,
        cols: instance.capacities.len(),
        weights: &instance.weights,
    };
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

#[test]
fn uniform_integers_stay_within_the_budget() {
    let mut state = 7u64;
    let weights: Vec<f64> = (0..300 * 300)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 54) as f64
        })
        .collect();
    let instance = Instance::new(300, &weights, &[1; 300]);
    let unlimited = sparse_with(&instance, None).expect("no budget");
    assert_eq!(sparse_with(&instance, Some(SEARCH_BUDGET)), Some(unlimited));
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
