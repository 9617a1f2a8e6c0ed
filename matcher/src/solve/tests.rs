//! Oracle property tests and unit tests for the solver.

use proptest::prelude::*;

use super::instances::{
    bits, instances, integer_cells, pseudo_random, real_cells, Instance, FORBIDDEN, OBJECTIVES,
};
use super::oracle::{self, Optimum};
use super::{solve, verify, Objective, Problem, Solution, SolveError};

/// Solves `instance` under `objective`; panics unless the certificate verifies
/// (with an exactly zero gap on integer weights).
pub(super) fn solved(instance: &Instance, objective: Objective) -> Solution {
    let problem = instance.problem(objective);
    let solution = solve(&problem).expect("valid problem");
    if let Err(why) = verify(&problem, &solution) {
        panic!("certificate rejected: {why}\n{solution:?}");
    }
    if instance.is_integral() {
        assert_eq!(solution.gap(), 0.0, "{solution:?}");
    }
    solution
}

/// Solves `instance` under `objective` with [`solve`], checks its certificate
/// and compares it with the oracle's `expected` optimum.
fn agrees(
    instance: &Instance,
    objective: Objective,
    expected: Optimum,
) -> Result<(), TestCaseError> {
    let problem = instance.problem(objective);
    let solution = solve(&problem).map_err(|e| TestCaseError::fail(e.to_string()))?;
    certified_optimum(instance, objective, &solution, expected)
}

/// Checks `solution`'s certificate and compares it with the `expected` optimum.
pub(super) fn certified_optimum(
    instance: &Instance,
    objective: Objective,
    solution: &Solution,
    expected: Optimum,
) -> Result<(), TestCaseError> {
    let problem = instance.problem(objective);
    verify(&problem, solution).map_err(TestCaseError::fail)?;
    prop_assert_eq!(solution.matched, expected.matched, "{:?}", objective);
    let tol = 1e-9 * (1.0 + expected.total.abs());
    prop_assert!(
        (solution.total - expected.total).abs() <= tol,
        "{:?}: total {} but the oracle found {}",
        objective,
        solution.total,
        expected.total
    );
    if instance.is_integral() {
        prop_assert_eq!(solution.total, expected.total);
        prop_assert_eq!(solution.gap(), 0.0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn agrees_with_brute_force_on_integer_weights(
        instance in instances(7, 6, 0..=3, integer_cells(-4..=12)),
    ) {
        for objective in OBJECTIVES {
            agrees(&instance, objective, oracle::brute_force(&instance.problem(objective)))?;
        }
    }

    #[test]
    fn agrees_with_brute_force_on_real_weights(instance in instances(7, 6, 0..=3, real_cells())) {
        for objective in OBJECTIVES {
            agrees(&instance, objective, oracle::brute_force(&instance.problem(objective)))?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn agrees_with_hungarian_on_roster_weights(
        instance in instances(40, 30, 1..=3, integer_cells(0..=10_000)),
    ) {
        for objective in OBJECTIVES {
            agrees(&instance, objective, oracle::hungarian(&instance.problem(objective)))?;
        }
    }

    #[test]
    fn agrees_with_hungarian_on_tied_weights(
        instance in instances(40, 30, 0..=3, integer_cells(-2..=3)),
    ) {
        for objective in OBJECTIVES {
            agrees(&instance, objective, oracle::hungarian(&instance.problem(objective)))?;
        }
    }

    #[test]
    fn agrees_with_hungarian_on_real_weights(instance in instances(40, 30, 1..=3, real_cells())) {
        for objective in OBJECTIVES {
            agrees(&instance, objective, oracle::hungarian(&instance.problem(objective)))?;
        }
    }
}

#[test]
fn empty_problems_have_empty_solutions() {
    for (rows, cols) in [(0, 0), (0, 3), (3, 0)] {
        let instance = Instance::new(rows, &vec![1.0; rows * cols], &vec![2; cols]);
        for objective in OBJECTIVES {
            let solution = solved(&instance, objective);
            assert_eq!(solution.assignment, vec![None; rows]);
            assert_eq!((solution.matched, solution.total), (0, 0.0));
            assert_eq!(solution.dual_bound, 0.0);
        }
    }
}

#[test]
fn forbidden_cells_are_never_used() {
    let instance = Instance::new(3, &[FORBIDDEN; 6], &[1, 5]);
    for objective in OBJECTIVES {
        let solution = solved(&instance, objective);
        assert_eq!(solution.assignment, vec![None; 3]);
        assert_eq!(solution.matched, 0);
    }
}

#[test]
fn ties_favour_earlier_rows_and_lower_columns() {
    let instance = Instance::new(5, &[7.0; 15], &[1, 1, 1]);
    for objective in OBJECTIVES {
        let solution = solved(&instance, objective);
        assert_eq!(
            solution.assignment,
            [Some(0), Some(1), Some(2), None, None],
            "{objective:?}"
        );
        assert_eq!(solution.total, 21.0);
    }
}

#[test]
fn one_roomy_column_takes_every_worthwhile_row() {
    let instance = Instance::new(4, &[3.0, -2.0, 0.0, 5.0], &[10]);
    let coverage = solved(&instance, Objective::Coverage);
    assert_eq!(coverage.assignment, vec![Some(0); 4]);
    assert_eq!(coverage.total, 6.0);
    // A negative weight is never worth taking; a zero weight ties, and matching wins.
    let total = solved(&instance, Objective::Total);
    assert_eq!(total.assignment, [Some(0), None, Some(0), Some(0)]);
    assert_eq!(total.total, 8.0);
}

#[test]
fn capacities_beyond_the_row_count_are_fine() {
    let instance = Instance::new(3, &[1.0, 2.0, 4.0, 3.0, 5.0, 6.0], &[u32::MAX, u32::MAX]);
    for objective in OBJECTIVES {
        let solution = solved(&instance, objective);
        assert_eq!(solution.assignment, [Some(1), Some(0), Some(1)]);
        assert_eq!(solution.total, 12.0);
    }
}

#[test]
fn more_rows_than_seats() {
    let instance = pseudo_random(7, 7, 2, 20, 2);
    let seats: u32 = instance.capacities.iter().sum();
    for objective in OBJECTIVES {
        let solution = solved(&instance, objective);
        assert_eq!(
            solution.matched,
            oracle::brute_force(&instance.problem(objective)).matched
        );
        assert!(solution.matched <= seats as usize);
    }
}

#[test]
fn zero_capacity_columns_stay_empty() {
    let instance = Instance::new(2, &[100.0, 1.0, 100.0, 2.0], &[0, 1]);
    for objective in OBJECTIVES {
        let solution = solved(&instance, objective);
        assert_eq!(solution.assignment, [None, Some(1)]);
        assert_eq!(solution.total, 2.0);
    }
}

#[test]
fn coverage_trades_weight_for_matches() {
    // Row 0 prefers column 0 (10 vs 0); row 1 can only use column 0 (5).
    let instance = Instance::new(2, &[10.0, 0.0, 5.0, FORBIDDEN], &[1, 1]);
    let coverage = solved(&instance, Objective::Coverage);
    assert_eq!(coverage.assignment, [Some(1), Some(0)]);
    assert_eq!((coverage.matched, coverage.total), (2, 5.0));
    let total = solved(&instance, Objective::Total);
    assert_eq!(total.assignment, [Some(0), None]);
    assert_eq!((total.matched, total.total), (1, 10.0));
}

#[test]
fn sample_roster_agrees_with_hungarian() {
    let instance = pseudo_random(2024, 120, 40, 10_000, 4);
    for objective in OBJECTIVES {
        let expected = oracle::hungarian(&instance.problem(objective));
        let solution = solved(&instance, objective);
        assert_eq!(
            (solution.matched, solution.total),
            (expected.matched, expected.total)
        );
    }
}

#[test]
fn solving_twice_gives_bit_identical_results() {
    let instance = pseudo_random(99, 60, 25, 10_000, 3);
    let copy = instance.clone();
    for objective in OBJECTIVES {
        let (first, second) = (solved(&instance, objective), solved(&copy, objective));
        assert_eq!(first.assignment, second.assignment);
        assert_eq!(bits(&first), bits(&second));
    }
}

#[test]
fn nan_and_positive_infinity_are_rejected() {
    for bad in [f64::NAN, f64::INFINITY] {
        let mut weights = vec![1.0, FORBIDDEN, 2.0, 3.0, 4.0, 5.0];
        weights[5] = bad;
        let instance = Instance::new(2, &weights, &[1, 1, 1]);
        let problem = instance.problem(Objective::Coverage);
        match solve(&problem) {
            Err(SolveError::NonFinite { row, col, value }) => {
                assert_eq!((row, col), (1, 2));
                assert_eq!(value.to_bits(), bad.to_bits());
            }
            other => panic!("expected NonFinite, got {other:?}"),
        }
    }
}

#[test]
fn shape_mismatches_are_rejected() {
    let weights = [1.0; 6];
    let wrong_weights = Problem {
        rows: 2,
        cols: 2,
        weights: &weights,
        capacities: &[1, 1],
        objective: Objective::Coverage,
    };
    let wrong_capacities = Problem {
        cols: 3,
        capacities: &[1, 1],
        ..wrong_weights
    };
    let error = solve(&wrong_weights).expect_err("6 weights for 2 × 2");
    assert_eq!(
        error,
        SolveError::ShapeMismatch {
            field: "weights",
            expected: 4,
            actual: 6
        }
    );
    assert!(error.to_string().contains("weights"));
    assert_eq!(
        solve(&wrong_capacities).expect_err("2 capacities for 3 columns"),
        SolveError::ShapeMismatch {
            field: "capacities",
            expected: 3,
            actual: 2
        }
    );
}

#[test]
fn verify_rejects_broken_solutions() {
    let instance = pseudo_random(5, 12, 5, 50, 2);
    for objective in OBJECTIVES {
        let problem = instance.problem(objective);
        let good = solved(&instance, objective);
        let tamper = |edit: &dyn Fn(&mut Solution)| {
            let mut bad = good.clone();
            edit(&mut bad);
            verify(&problem, &bad)
        };
        let matched_row = good.assignment.iter().position(Option::is_some).unwrap();
        let col = good.assignment[matched_row].unwrap();
        // Dropping a match breaks the claimed count, or optimality once recounted.
        assert!(tamper(&|s| s.assignment[matched_row] = None).is_err());
        assert!(tamper(&|s| {
            s.assignment[matched_row] = None;
            s.matched -= 1;
            s.total -= instance.weights[matched_row * 5 + col];
        })
        .is_err());
        assert!(tamper(&|s| s.total += 1.0).is_err());
        assert!(tamper(&|s| s.dual_bound += 1.0).is_err());
        assert!(tamper(&|s| s.row_duals[matched_row] -= 1.0).is_err());
        assert!(tamper(&|s| s.col_prices[col] = -1.0).is_err());
        assert!(tamper(&|s| {
            s.assignment.pop();
        })
        .is_err());
        assert!(tamper(&|s| s.match_bonus = 0.5).is_err());
    }
    // Over capacity and forbidden cells.
    let instance = Instance::new(2, &[1.0, FORBIDDEN, 1.0, 1.0], &[1, 1]);
    let problem = instance.problem(Objective::Total);
    let mut crowded = solved(&instance, Objective::Total);
    crowded.assignment = vec![Some(0), Some(0)];
    assert!(verify(&problem, &crowded).unwrap_err().contains("capacity"));
    crowded.assignment = vec![Some(1), None];
    assert!(verify(&problem, &crowded)
        .unwrap_err()
        .contains("forbidden"));
}

#[test]
fn objective_deserialises_from_lowercase_names() {
    use serde::de::value::{Error, StrDeserializer};
    use serde::Deserialize;
    for (name, objective) in [
        ("coverage", Objective::Coverage),
        ("total", Objective::Total),
    ] {
        let parsed = Objective::deserialize(StrDeserializer::<Error>::new(name));
        assert_eq!(parsed, Ok(objective));
    }
    assert_eq!(Objective::default(), Objective::Coverage);
}
