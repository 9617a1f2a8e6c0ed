//! Tests of the sparse engine (candidate graph and pricing) against the
//! oracles and the dense engine, and of [`solve_with`].

use proptest::prelude::*;

use super::auction::Estimate;
use super::candidates::{Candidates, Listing};
use super::engine;
use super::heap_frontier::HeapFrontier;
use super::instances::{
    bits, instances, integer_cells, pseudo_random, real_cells, Instance, FORBIDDEN, OBJECTIVES,
};
use super::oracle::{self, Optimum};
use super::tests::{certified_optimum, solved};
use super::{
    certificate, dense, solve, solve_with, sparse, sparse::SparseTuning, verify, Objective,
    Options, Problem, RowMajor, Solution, SolveError, WeightSource,
};

/// Solves `instance` with the sparse engine from `k` candidates per row;
/// returns the solution and the number of rounds.
fn sparse(instance: &Instance, objective: Objective, k: usize) -> (Solution, usize) {
    let tuning = SparseTuning {
        first_candidates: k,
        contended_candidates: k,
        ..SparseTuning::default()
    };
    sparse_tuned(instance, objective, tuning)
}

/// [`sparse`], tuned.
fn sparse_tuned(
    instance: &Instance,
    objective: Objective,
    tuning: SparseTuning,
) -> (Solution, usize) {
    let source = RowMajor {
        rows: instance.rows,
        cols: instance.capacities.len(),
        weights: &instance.weights,
    };
    sparse::solve(&source, &instance.capacities, objective, tuning)
        .expect("valid problem")
        .expect("no search budget")
}

/// Rounds that always start cold, and rounds that always start warm
/// (`warm_share`, `warm_rows`).
const COLD_AND_WARM: [(f64, usize); 2] = [(0.0, 0), (1.0, usize::MAX)];

/// Solves `instance` with the dense engine, whatever its size.
fn dense(instance: &Instance, objective: Objective) -> Solution {
    let problem = instance.problem(objective);
    certificate::certify(
        &instance.capacities,
        objective,
        dense::solve(problem),
        &problem,
    )
}

/// Checks the sparse engine from each of `ks` candidates per row (one
/// where seats are plentiful and rows hardly compete), with cold and with
/// warm rounds, against the oracle's `expected` optimum and the dense engine.
fn sparse_agrees(
    instance: &Instance,
    objective: Objective,
    expected: Optimum,
    ks: &[usize],
) -> Result<(), TestCaseError> {
    let reference = dense(instance, objective);
    for &k in ks {
        for (warm_share, warm_rows) in COLD_AND_WARM {
            let tuning = SparseTuning {
                first_candidates: k,
                few_candidates: 1,
                contended_candidates: k + 2,
                warm_share,
                warm_rows,
                search_budget: None,
            };
            let (solution, _) = sparse_tuned(instance, objective, tuning);
            certified_optimum(instance, objective, &solution, expected)?;
            prop_assert_eq!(solution.matched, reference.matched, "{:?}", tuning);
            if instance.is_integral() {
                prop_assert_eq!(solution.total, reference.total, "{:?}", tuning);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sparse_agrees_with_brute_force_on_integer_weights(
        instance in instances(7, 6, 0..=3, integer_cells(-4..=12)),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::brute_force(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }

    #[test]
    fn sparse_agrees_with_brute_force_on_real_weights(
        instance in instances(7, 6, 0..=3, real_cells()),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::brute_force(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }

    #[test]
    fn sparse_agrees_with_brute_force_on_equal_weights(
        instance in instances(7, 6, 0..=3, integer_cells(4..=4)),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::brute_force(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn sparse_agrees_with_hungarian_on_roster_weights(
        instance in instances(40, 30, 1..=3, integer_cells(0..=10_000)),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::hungarian(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 3])?;
        }
    }

    #[test]
    fn sparse_agrees_with_hungarian_on_tied_weights(
        instance in instances(40, 30, 0..=3, integer_cells(-2..=3)),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::hungarian(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }

    #[test]
    fn sparse_agrees_with_hungarian_on_equal_weights(
        instance in instances(40, 30, 0..=2, integer_cells(0..=0)),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::hungarian(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }

    #[test]
    fn sparse_agrees_with_hungarian_on_real_weights(
        instance in instances(40, 30, 1..=3, real_cells()),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::hungarian(&instance.problem(objective));
            sparse_agrees(&instance, objective, expected, &[1, 2])?;
        }
    }

    #[test]
    fn sparse_agrees_with_hungarian_on_wide_and_tall_shapes(
        wide in instances(3, 60, 0..=2, integer_cells(-3..=20)),
        tall in instances(60, 3, 0..=5, integer_cells(-3..=20)),
    ) {
        for instance in [wide, tall] {
            for objective in OBJECTIVES {
                let expected = oracle::hungarian(&instance.problem(objective));
                sparse_agrees(&instance, objective, expected, &[1, 2])?;
            }
        }
    }
}

#[test]
fn small_candidate_lists_take_several_rounds() {
    let instance = pseudo_random(3, 120, 120, 10_000, 1);
    for objective in OBJECTIVES {
        let (solution, rounds) = sparse(&instance, objective, 1);
        assert!(rounds > 1, "{objective:?} took {rounds} round");
        let expected = oracle::hungarian(&instance.problem(objective));
        assert_eq!(
            (solution.matched, solution.total),
            (expected.matched, expected.total)
        );
        verify(&instance.problem(objective), &solution).expect("certificate");
    }
}

#[test]
fn large_problems_go_sparse_and_agree_with_dense() {
    // 90 000 cells: above the dense engine's range; few weights, many ties.
    for instance in [
        pseudo_random(5, 450, 200, 10_000, 2),
        pseudo_random(6, 450, 200, 3, 2),
    ] {
        for objective in OBJECTIVES {
            let solution = solved(&instance, objective);
            let reference = dense(&instance, objective);
            assert_eq!(
                (solution.matched, solution.total),
                (reference.matched, reference.total)
            );
        }
    }
}

#[test]
fn sparse_results_do_not_depend_on_the_thread_count() {
    let on_threads = |threads: usize, instance: &Instance, objective, k| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| sparse(instance, objective, k))
    };
    for instance in [
        pseudo_random(8, 300, 90, 10_000, 3),
        pseudo_random(9, 300, 90, 2, 3),
    ] {
        for objective in OBJECTIVES {
            for k in [1, 12] {
                let (one, rounds_one) = on_threads(1, &instance, objective, k);
                let (two, rounds_two) = on_threads(2, &instance, objective, k);
                assert_eq!(rounds_one, rounds_two);
                assert_eq!(one.assignment, two.assignment);
                assert_eq!(bits(&one), bits(&two));
            }
        }
    }
}

/// Weights from a formula, read through the default [`WeightSource::row`].
struct Formula {
    rows: usize,
    cols: usize,
}

impl WeightSource for Formula {
    fn rows(&self) -> usize {
        self.rows
    }

    fn cols(&self) -> usize {
        self.cols
    }

    fn weight(&self, row: usize, col: usize) -> f64 {
        if (row + col) % 5 == 0 {
            FORBIDDEN
        } else {
            ((row * 7 + col * 13) % 17) as f64
        }
    }
}

#[test]
fn solve_with_gives_the_same_optimum_dense_or_sparse() {
    let source = Formula { rows: 90, cols: 30 };
    let weights: Vec<f64> = (0..90 * 30)
        .map(|c| source.weight(c / 30, c % 30))
        .collect();
    let capacities: Vec<u32> = (0..30).map(|j| (j % 4) as u32).collect();
    let sparse_only = Options {
        max_memory: Some(0),
    };
    for objective in OBJECTIVES {
        let problem = Problem {
            rows: 90,
            cols: 30,
            weights: &weights,
            capacities: &capacities,
            objective,
        };
        let expected = oracle::hungarian(&problem);
        for options in [Options::default(), sparse_only] {
            let solution = solve_with(&source, &capacities, objective, &options).expect("valid");
            verify(&problem, &solution).expect("certificate");
            assert_eq!(
                (solution.matched, solution.total),
                (expected.matched, expected.total)
            );
        }
    }
}

#[test]
fn solve_with_rejects_bad_input() {
    let weights = [1.0, 2.0, 3.0, f64::NAN, 5.0, f64::INFINITY];
    let source = RowMajor {
        rows: 2,
        cols: 3,
        weights: &weights,
    };
    for max_memory in [None, Some(0)] {
        let options = Options { max_memory };
        let error = solve_with(&source, &[1, 1, 1], Objective::Coverage, &options).unwrap_err();
        assert!(
            matches!(error, SolveError::NonFinite { row: 1, col: 0, value } if value.is_nan()),
            "{error:?}"
        );
        assert_eq!(
            solve_with(&source, &[1, 1], Objective::Total, &options).unwrap_err(),
            SolveError::ShapeMismatch {
                field: "capacities",
                expected: 3,
                actual: 2
            }
        );
    }
    let empty = RowMajor {
        rows: 0,
        cols: 0,
        weights: &[],
    };
    let solution = solve_with(
        &empty,
        &[],
        Objective::Coverage,
        &Options {
            max_memory: Some(0),
        },
    );
    assert_eq!(solution.map(|s| s.matched), Ok(0));
    assert!(solve(&Problem {
        rows: 0,
        cols: 0,
        weights: &[],
        capacities: &[],
        objective: Objective::Total,
    })
    .is_ok());
}

#[test]
fn degenerate_inputs_agree_on_the_sparse_engine() {
    let (rows, cols) = (9, 4);
    let equal = Instance::new(rows, &[5.0; 36], &[1, 2, 0, 3]);
    let forbidden = Instance::new(rows, &[FORBIDDEN; 36], &[2; 4]);
    let no_rows = Instance::new(0, &[], &[1; 4]);
    let mut roomy_weights = vec![FORBIDDEN; rows * cols];
    for (i, row) in roomy_weights.chunks_mut(cols).enumerate() {
        row[2] = (i % 3) as f64;
    }
    let roomy = Instance::new(rows, &roomy_weights, &[1, 0, rows as u32 + 5, 1]);
    for (name, instance) in [
        ("all equal", &equal),
        ("all forbidden", &forbidden),
        ("0 x n", &no_rows),
        ("one roomy column", &roomy),
    ] {
        for objective in OBJECTIVES {
            let expected = oracle::brute_force(&instance.problem(objective));
            for k in [1, 3] {
                let (solution, _) = sparse(instance, objective, k);
                certified_optimum(instance, objective, &solution, expected)
                    .unwrap_or_else(|e| panic!("{name}, {objective:?}, k = {k}: {e}"));
            }
        }
    }
    let (solution, _) = sparse(&roomy, Objective::Total, 1);
    let in_roomy = solution
        .assignment
        .iter()
        .filter(|&&c| c == Some(2))
        .count();
    // Zero-weight rows too: under `total`, matches break ties.
    assert_eq!(in_roomy, rows, "every row takes the roomy column");
    assert_eq!(sparse(&forbidden, Objective::Coverage, 1).0.matched, 0);
}

/// Solves `instance` with the engine on its full graph, started from the
/// column potentials `seeds` (each `<= 0`, as the engine requires).
fn seeded(instance: &Instance, objective: Objective, seeds: &[f64]) -> Solution {
    let source = RowMajor {
        rows: instance.rows,
        cols: instance.capacities.len(),
        weights: &instance.weights,
    };
    let cols = instance.capacities.len();
    let graph = Candidates::gather(&source, &instance.capacities, Listing::exactly(cols))
        .expect("valid problem");
    let prices = Estimate {
        prices: seeds.to_vec(),
        held: Vec::new(),
        finished: true,
    };
    let potentials = prices.potentials(objective);
    let frontier = HeapFrontier::new(&graph, cols, objective);
    let reduced = engine::Reduced::new(
        instance.rows,
        &instance.capacities,
        objective,
        frontier,
        potentials,
    );
    let placed = reduced.finish(&graph);
    certificate::certify(&instance.capacities, objective, placed.into_flow(), &graph)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The engine's answer does not depend on where its potentials start:
    /// any prices, however far from the optimal ones, give the optimum.
    /// (Dyadic prices, as the auction's are, keep integer arithmetic exact.)
    #[test]
    fn any_start_potentials_give_the_optimum(
        instance in instances(7, 6, 0..=3, integer_cells(-4..=12)),
        seeds in proptest::collection::vec(prop_oneof![Just(0.0), (0..=640).prop_map(|k| f64::from(k) / 32.0)], 6),
    ) {
        for objective in OBJECTIVES {
            let expected = oracle::brute_force(&instance.problem(objective));
            let seeds = &seeds[..instance.capacities.len()];
            let solution = seeded(&instance, objective, seeds);
            certified_optimum(&instance, objective, &solution, expected)?;
        }
    }
}

#[test]
fn the_first_graph_grows_with_the_columns_within_bounds() {
    let k = |cols| SparseTuning::for_columns(cols).first_candidates;
    assert_eq!(k(0), 12);
    assert_eq!(k(4_000), 12);
    assert_eq!(k(12_500), 20);
    assert_eq!(k(25_000), 41);
    assert_eq!(k(1_000_000), 64);
    // Rows that compete list at least 20.
    let contended = |cols| SparseTuning::for_columns(cols).contended_candidates;
    assert_eq!(contended(4_000), 20);
    assert_eq!(contended(25_000), 41);
}
