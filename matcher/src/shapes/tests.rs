//! Tests of the shapes solver: the brute-force oracle on tiny instances, the
//! one-mentor solver where the problems coincide, hand-worked witnesses,
//! certificates, pricing and determinism.

use proptest::prelude::*;

use super::cells::Pool;
use super::cost::Cost;
use super::limits::Limits;
use super::network::Network;
use super::oracle::{brute_force, Instance};
use super::problem::Context;
use super::relax::relax;
use super::{solve, solve_tuned, ShapeError, ShapeSolution, SPARE};
use crate::rng::Rng;
use crate::solve::{Objective, Problem};

/// Both objectives.
const OBJECTIVES: [Objective; 2] = [Objective::Coverage, Objective::Total];

/// Tiny instances: up to 4 rows and 3 columns, weights 0–9 with a fifth of
/// the cells forbidden, minimums up to the seats, random `or_none`, and up
/// to two distinct partitions over two groups.
fn tiny() -> impl Strategy<Value = Instance> {
    (0usize..=4, 0usize..=3, 0usize..=2).prop_flat_map(|(rows, cols, partitions)| {
        let cell = prop_oneof![1 => Just(f64::NEG_INFINITY), 4 => (0i32..10).prop_map(f64::from)];
        let column = (0u32..=3).prop_flat_map(|seats| (Just(seats), 0..=seats, any::<bool>()));
        (
            proptest::collection::vec(cell, rows * cols),
            proptest::collection::vec(0u32..=3, rows),
            proptest::collection::vec(column, cols),
            proptest::collection::vec(proptest::collection::vec(0u32..2, cols), partitions),
            prop_oneof![Just(Objective::Coverage), Just(Objective::Total)],
        )
            .prop_map(
                move |(weights, places, columns, distinct, objective)| Instance {
                    rows,
                    cols,
                    weights,
                    places,
                    seats: columns.iter().map(|c| c.0).collect(),
                    minimum: columns.iter().map(|c| c.1).collect(),
                    or_none: columns.iter().map(|c| c.2).collect(),
                    distinct,
                    objective,
                },
            )
    })
}

/// A reproducible random instance: `rows × cols`, places 1–3, seats 1–6,
/// integer weights 0–`top`, a share `forbidden` of forbidden cells, no
/// minimums or partitions.
fn random(rows: usize, cols: usize, top: usize, forbidden: f64, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let weights = (0..rows * cols)
        .map(|_| match rng.unit() < forbidden {
            true => f64::NEG_INFINITY,
            false => rng.below(top + 1) as f64,
        })
        .collect();
    Instance {
        rows,
        cols,
        weights,
        places: (0..rows).map(|_| 1 + rng.below(3) as u32).collect(),
        seats: (0..cols).map(|_| 1 + rng.below(6) as u32).collect(),
        minimum: vec![0; cols],
        or_none: vec![false; cols],
        distinct: Vec::new(),
        objective: Objective::Coverage,
    }
}

/// Checks that a solution is feasible, sums up to its `filled` and `total`,
/// and, when proven, has a dual bound equal to its total.
fn check_solution(instance: &Instance, solution: &ShapeSolution) {
    assert_eq!(instance.infeasibility(&solution.columns_of), None);
    let filled: usize = solution.columns_of.iter().map(Vec::len).sum();
    let total: f64 = (0..instance.rows)
        .flat_map(|i| solution.columns_of[i].iter().map(move |&j| (i, j)))
        .map(|(i, j)| instance.weight(i, j))
        .sum();
    assert_eq!((solution.filled, solution.total), (filled, total));
    if solution.proven {
        assert_eq!(solution.dual_bound, solution.total);
    }
}

/// Checks a Minimums witness against the instance: its need, rows and can
/// are what its columns give, recounted from the allowed cells, and can is
/// short of need.
fn check_witness(instance: &Instance, error: &ShapeError) {
    let ShapeError::Minimums {
        columns,
        need,
        rows,
        can,
    } = error
    else {
        panic!("expected a Minimums witness, got {error:?}");
    };
    let in_set = |j: usize| columns.contains(&j);
    let expected_need: u64 = columns
        .iter()
        .filter(|&&j| !instance.or_none[j])
        .map(|&j| u64::from(instance.minimum[j]))
        .sum();
    let mut expected_rows = Vec::new();
    let mut expected_can = 0;
    for i in 0..instance.rows {
        let reached: Vec<usize> = (0..instance.cols)
            .filter(|&j| in_set(j) && instance.weight(i, j) != f64::NEG_INFINITY)
            .collect();
        if reached.is_empty() {
            continue;
        }
        expected_rows.push(i);
        let mut groups: Vec<u32> = match instance.distinct.first() {
            Some(partition) => reached.iter().map(|&j| partition[j]).collect(),
            None => reached.iter().map(|&j| j as u32).collect(),
        };
        groups.sort_unstable();
        groups.dedup();
        expected_can += (groups.len() as u64).min(instance.places[i].into());
    }
    assert_eq!(
        (*need, rows, *can),
        (expected_need, &expected_rows, expected_can)
    );
    assert!(can < need, "{error:?}");
}

/// The root relaxation's certificate, checked on every allowed pair: each
/// cell's reduced cost has the sign its use calls for, no residual arc has
/// a negative one, and the dual lower bound equals the flow's cost.
fn check_certificate(instance: &Instance) {
    instance.with(|problem| {
        let ctx = Context::new(problem).expect("valid");
        let mut pool = Pool::scan(&ctx, 1).expect("valid weights");
        let limits = Limits::root(problem);
        let relaxation = relax(&ctx, &mut pool, &limits, 1, &mut 0, None);
        let network = &*relaxation.network;
        let least = network.least_residual_reduced_cost();
        assert!(least.is_none_or(|c| c >= Cost::ZERO), "{least:?}");
        let partition = ctx.groups.first();
        for i in (0..instance.rows).filter(|&i| instance.places[i] > 0) {
            for j in (0..instance.cols).filter(|&j| instance.seats[j] > 0) {
                let weight = instance.weight(i, j);
                if weight == f64::NEG_INFINITY {
                    continue;
                }
                let group = partition.and_then(|groups| {
                    let groups_of = network.groups_of(i);
                    groups_of
                        .iter()
                        .find(|&&(g, _)| g == groups[j])
                        .map(|&(_, n)| n)
                });
                let from = group.unwrap_or(network.row_node(i));
                let cost = Cost::of_cell(instance.objective, weight as i64);
                let reduced = network.reduced(from, Network::column_node(j), cost);
                let used = relaxation.columns_of[i].contains(&j);
                assert!(
                    used || reduced >= Cost::ZERO,
                    "cell ({i}, {j}): {reduced:?}"
                );
                assert!(
                    !used || reduced <= Cost::ZERO,
                    "cell ({i}, {j}): {reduced:?}"
                );
            }
        }
        let required: i128 = (0..instance.cols)
            .map(|j| i128::from(relaxation.loads[j].min(limits.minimum[j])))
            .sum();
        let (major, minor) = relaxation.score(instance.objective);
        assert_eq!(network.lower_bound(), [-required, major, minor]);
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The brute-force optimum, the same feasibility verdict, and a valid
    /// witness or a feasible, certified solution.
    #[test]
    fn agrees_with_brute_force(instance in tiny()) {
        let expected = brute_force(&instance);
        match (instance.with(solve), expected) {
            (Ok(solution), Some(optimum)) => {
                check_solution(&instance, &solution);
                prop_assert!(solution.proven);
                prop_assert_eq!((solution.filled, solution.total), optimum);
            }
            (Err(ShapeError::NoFeasible { proven: true }), None) => {
                prop_assert!(instance.distinct.len() > 1);
            }
            (Err(error), None) => check_witness(&instance, &error),
            (got, expected) => prop_assert!(false, "got {:?}, expected {:?}", got, expected),
        }
    }

    /// Stopped early, branch and bound still returns feasible assignments,
    /// and its dual bound is no lower than the optimum's total.
    #[test]
    fn node_limits_keep_solutions_feasible_and_bounds_valid(instance in tiny()) {
        let expected = brute_force(&instance);
        if let Ok(solution) = instance.with(|p| solve_tuned(p, SPARE, 2)) {
            check_solution(&instance, &solution);
            let (filled, total) = expected.expect("a feasible assignment exists");
            if solution.proven {
                prop_assert_eq!((solution.filled, solution.total), (filled, total));
            } else if instance.objective == Objective::Total || solution.filled == filled {
                prop_assert!(solution.dual_bound >= total);
            }
        }
    }

    /// Root relaxations carry a valid certificate on every pair, with a
    /// pool of one spare cell (so pricing adds cells).
    #[test]
    fn root_relaxations_are_certified(mut instance in tiny()) {
        instance.or_none.fill(false);
        instance.distinct.truncate(1);
        if brute_force(&instance).is_some() {
            check_certificate(&instance);
        }
    }

    /// With one place per row and no minimums, the one-mentor solver's optimum.
    #[test]
    fn agrees_with_the_assignment_solver(seed in any::<u64>(), rows in 0usize..12, cols in 0usize..6) {
        for objective in OBJECTIVES {
            let mut instance = random(rows, cols, 20, 0.2, seed);
            instance.places.fill(1);
            instance.objective = objective;
            let ours = instance.with(solve).expect("feasible");
            let theirs = crate::solve::solve(&Problem {
                rows,
                cols,
                weights: &instance.weights,
                capacities: &instance.seats,
                objective,
            })
            .expect("valid");
            check_solution(&instance, &ours);
            prop_assert_eq!((ours.filled, ours.total), (theirs.matched, theirs.total));
        }
    }
}

/// Two rows that may only take columns 0 and 1, which need two rows each.
#[test]
fn witness_names_the_columns_short_of_rows() {
    let f = f64::NEG_INFINITY;
    let instance = Instance {
        rows: 3,
        cols: 3,
        weights: vec![5.0, 5.0, f, 5.0, 5.0, f, f, f, 5.0],
        places: vec![1, 1, 1],
        seats: vec![2, 2, 2],
        minimum: vec![2, 2, 0],
        or_none: vec![false; 3],
        distinct: Vec::new(),
        objective: Objective::Coverage,
    };
    let expected = ShapeError::Minimums {
        columns: vec![0, 1],
        need: 4,
        rows: vec![0, 1],
        can: 2,
    };
    assert_eq!(instance.with(solve), Err(expected));
}

/// One row with two places reaches two columns of one group: it can give
/// them one unit, not the two their minimums need.
#[test]
fn witness_counts_a_group_once() {
    let instance = Instance {
        rows: 2,
        cols: 3,
        weights: vec![3.0, 4.0, 1.0, f64::NEG_INFINITY, f64::NEG_INFINITY, 2.0],
        places: vec![2, 2],
        seats: vec![1, 1, 1],
        minimum: vec![1, 1, 0],
        or_none: vec![false; 3],
        distinct: vec![vec![7, 7, 8]],
        objective: Objective::Total,
    };
    let expected = ShapeError::Minimums {
        columns: vec![0, 1],
        need: 2,
        rows: vec![0],
        can: 1,
    };
    assert_eq!(instance.with(solve), Err(expected));
}

/// An `or_none` column that cannot reach its minimum stays empty; one that
/// can is filled up to it, even against the weights.
#[test]
fn or_none_columns_stay_empty_or_reach_their_minimum() {
    let instance = Instance {
        rows: 3,
        cols: 3,
        weights: vec![
            9.0,
            1.0,
            5.0, //
            9.0,
            1.0,
            f64::NEG_INFINITY, //
            9.0,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        places: vec![1, 1, 1],
        seats: vec![3, 2, 3],
        minimum: vec![3, 2, 2],
        or_none: vec![true, true, true],
        distinct: Vec::new(),
        objective: Objective::Total,
    };
    let solution = instance.with(solve).expect("feasible");
    check_solution(&instance, &solution);
    assert_eq!(solution.columns_of, vec![vec![0], vec![0], vec![0]]);
    assert_eq!(solution.total, 27.0);
    assert!(solution.proven);
}

/// An `or_none` column that two rows prefer but only two may take: the
/// root relaxation puts both there, opening it is infeasible, closing it
/// is optimal. Under node limits of one and two the search stops before it
/// finds an assignment.
#[test]
fn branching_closes_an_or_none_column_it_cannot_fill() {
    let f = f64::NEG_INFINITY;
    let instance = Instance {
        rows: 3,
        cols: 2,
        weights: vec![9.0, 1.0, 9.0, 1.0, f, 1.0],
        places: vec![1, 1, 1],
        seats: vec![3, 3],
        minimum: vec![3, 0],
        or_none: vec![true, false],
        distinct: Vec::new(),
        objective: Objective::Total,
    };
    for limit in [1, 2] {
        let stopped = instance.with(|p| solve_tuned(p, SPARE, limit));
        assert_eq!(stopped, Err(ShapeError::NoFeasible { proven: false }));
    }
    let solution = instance.with(solve).expect("feasible");
    check_solution(&instance, &solution);
    assert_eq!(solution.columns_of, vec![vec![1], vec![1], vec![1]]);
    assert_eq!((solution.total, solution.solves), (3.0, 3));
    assert!(solution.proven);
}

/// Bad weights and mismatched slices are errors, not panics.
#[test]
fn malformed_input_is_rejected() {
    let mut instance = random(2, 2, 9, 0.0, 1);
    instance.weights[3] = f64::NAN;
    let error = instance.with(solve).unwrap_err();
    assert!(
        matches!(error, ShapeError::NonFinite { row: 1, col: 1, .. }),
        "{error:?}"
    );
    instance.weights[3] = f64::INFINITY;
    let error = instance.with(solve).unwrap_err();
    assert!(
        matches!(error, ShapeError::NonFinite { row: 1, col: 1, .. }),
        "{error:?}"
    );
    instance.weights[3] = 2.0;
    instance.weights[2] = 0.5;
    let error = instance.with(solve).unwrap_err();
    assert!(
        matches!(error, ShapeError::NotInteger { row: 1, col: 0, .. }),
        "{error:?}"
    );
    instance.weights[2] = 1e300;
    let error = instance.with(solve).unwrap_err();
    assert!(
        matches!(error, ShapeError::NotInteger { row: 1, col: 0, .. }),
        "{error:?}"
    );
    instance.weights[2] = 1.0;
    instance.minimum = vec![0, 7];
    let error = instance.with(solve).unwrap_err();
    assert!(matches!(
        error,
        ShapeError::MinimumAboveSeats {
            col: 1,
            minimum: 7,
            ..
        }
    ));
    instance.minimum = vec![0];
    let expected = ShapeError::ShapeMismatch {
        field: "minimum",
        expected: 2,
        actual: 1,
    };
    assert_eq!(instance.with(solve), Err(expected));
    instance.minimum = vec![0, 0];
    instance.distinct = vec![vec![1, 2, 3]];
    let error = instance.with(solve).unwrap_err();
    assert!(matches!(
        error,
        ShapeError::ShapeMismatch {
            field: "distinct",
            ..
        }
    ));
}

/// A medium instance with minimums, `or_none` columns and two partitions.
fn medium(seed: u64, objective: Objective) -> Instance {
    let mut instance = random(200, 60, 10_000, 0.1, seed);
    let mut rng = Rng(seed ^ 0x5eed);
    for j in 0..instance.cols {
        instance.minimum[j] = rng.below(instance.seats[j] as usize / 2 + 1) as u32;
        instance.or_none[j] = rng.below(4) == 0;
    }
    instance.distinct = vec![
        (0..60).map(|j| j % 20).collect(),
        (0..60).map(|j| (j % 7) as u32).collect(),
    ];
    instance.objective = objective;
    instance
}

/// The same answer on one thread and on two, branch and bound included
/// (stopped after 30 relaxations).
#[test]
fn results_do_not_depend_on_the_thread_count() {
    for objective in OBJECTIVES {
        let instance = medium(11, objective);
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            pool.install(|| instance.with(|p| solve_tuned(p, SPARE, 30)))
        };
        let one = on(1);
        assert_eq!(one, on(2));
        let solution = one.expect("feasible");
        assert!(solution.solves > 1, "no branching");
        check_solution(&instance, &solution);
    }
}

/// On 120 × 80 (more seats than places) with no spare cells, pricing
/// rounds add the cells the candidate graph misses, and the answer equals a
/// solve with every cell a candidate.
#[test]
fn pricing_reaches_the_dense_optimum() {
    for objective in OBJECTIVES {
        let mut instance = random(120, 80, 10_000, 0.05, 7);
        instance.objective = objective;
        for j in (0..80).step_by(5) {
            instance.minimum[j] = instance.seats[j].min(2);
        }
        instance.distinct = vec![(0..80).map(|j| j / 4).collect()];
        let sparse = instance.with(|p| solve_tuned(p, 0, 10)).expect("feasible");
        let dense = instance.with(|p| solve_tuned(p, 80, 10)).expect("feasible");
        check_solution(&instance, &sparse);
        assert!(sparse.proven && dense.proven);
        assert!(sparse.rounds > 1, "pricing added nothing");
        assert!(
            sparse.cells < dense.cells / 4,
            "{} of {}",
            sparse.cells,
            dense.cells
        );
        assert_eq!((sparse.filled, sparse.total), (dense.filled, dense.total));
        check_certificate(&instance);
    }
}
