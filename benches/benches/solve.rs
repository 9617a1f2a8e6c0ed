//! The exact dense solve beside the textbook Hungarian oracle, on square
//! matrices of uniform floats, integers and roster scores
//! (`solve/{kind}/n={n}/matcher`, `solve/{kind}/n={n}/hungarian`), and
//! `match_rosters` end to end on 2 000 mentees × 500 mentors.
//!
//! Sizes: `MATCHER_BENCH_SIZES=1000,2000,5000` (default `1000,2000`); the
//! Hungarian sibling runs up to `MATCHER_BENCH_HUNGARIAN_MAX` (default 2000),
//! though it always precomputes the optimum. Every iteration checks the
//! answer's value against that optimum, so a fast wrong answer can't win.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use matcher::score::Scorer;
use matcher::solve::{solve, Objective, Problem};
use matcher::{match_rosters, Config};
use matcher_benches::check::{evaluate, Value};
use matcher_benches::matrix::{Kind, Matrix};
use matcher_benches::{oracle, rosters};
use std::env;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Criterion's time per benchmark when iterations are fast.
const MEASUREMENT: Duration = Duration::from_secs(3);

/// Relative tolerance on totals (uniform floats are summed in different orders).
const TOLERANCE: f64 = 1e-9;

fn env_usize_list(name: &str, default: &str) -> Vec<usize> {
    let list = env::var(name).unwrap_or_else(|_| default.to_owned());
    list.split(',')
        .map(|s| {
            s.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name}: not a number: {s:?}"))
        })
        .collect()
}

fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(MEASUREMENT);
}

fn dense(c: &mut Criterion) {
    let sizes = env_usize_list("MATCHER_BENCH_SIZES", "1000,2000");
    let hungarian_max = env_usize_list("MATCHER_BENCH_HUNGARIAN_MAX", "2000")[0];
    for kind in Kind::ALL {
        let mut group = c.benchmark_group(format!("solve/{kind}"));
        configure(&mut group);
        for &n in &sizes {
            let matrix = Matrix::generate(kind, n, n);
            let value = |assignment: &[Option<usize>]| {
                evaluate(n, &matrix.weights, None, assignment).expect("a feasible assignment")
            };
            let hungarian = || {
                let columns = oracle::hungarian(n, n, black_box(&matrix.weights));
                columns.into_iter().map(Some).collect::<Vec<_>>()
            };
            let start = Instant::now();
            let optimum = value(&hungarian());
            // Ten samples of one iteration at the oracle's pace, without warnings.
            group.measurement_time(MEASUREMENT.max(start.elapsed() * 12));

            let capacities = vec![1; n];
            let problem = Problem {
                rows: n,
                cols: n,
                weights: &matrix.weights,
                capacities: &capacities,
                objective: Objective::Coverage,
            };
            group.bench_function(format!("n={n}/matcher"), |b| {
                b.iter(|| {
                    let solution = solve(black_box(&problem)).expect("solvable");
                    value(&solution.assignment).assert_agrees(&optimum, TOLERANCE, "matcher");
                })
            });
            if n <= hungarian_max {
                group.bench_function(format!("n={n}/hungarian"), |b| {
                    b.iter(|| value(&hungarian()).assert_agrees(&optimum, TOLERANCE, "hungarian"))
                });
            }
        }
        group.finish();
    }
}

fn end_to_end(c: &mut Criterion) {
    const MENTEES: usize = 2_000;
    const MENTORS: usize = 500;
    let (mentors, mentees) = rosters::generated(MENTEES, MENTORS, None);
    let config = Config::default();
    let weights = rosters::weight_matrix(&Scorer::new(&mentors, &mentees, &config));
    let capacities: Vec<u32> = mentors.people.iter().map(|p| p.capacity).collect();
    let best = oracle::coverage_optimum(MENTEES, MENTORS, &weights, &capacities);
    let optimum = evaluate(MENTORS, &weights, Some(&capacities), &best).expect("feasible");

    let run = || {
        let outcome = match_rosters(&mentors, &mentees, &config).expect("matches");
        let found = Value {
            matched: outcome.summary.matched,
            total: outcome.summary.total_score * 100.0,
        };
        found.assert_agrees(&optimum, TOLERANCE, "match_rosters");
    };
    let start = Instant::now();
    run();
    let mut group = c.benchmark_group("match_rosters");
    configure(&mut group);
    group.measurement_time(MEASUREMENT.max(start.elapsed() * 12));
    group.bench_function(format!("{MENTEES}x{MENTORS}"), |b| b.iter(run));
    group.finish();
}

criterion_group!(benches, dense, end_to_end);
criterion_main!(benches);
