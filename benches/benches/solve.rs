//! The exact dense solve beside the textbook Hungarian oracle, on square
//! matrices of uniform floats, integers and roster scores
//! (`solve/{kind}/n={n}/matcher`, `solve/{kind}/n={n}/hungarian`), and
//! `match_rosters` end to end on 2 000 mentees × 500 mentors; opt-in, the
//! sparse path on large rosters (`sparse/{mentees}x{mentors}`).
//!
//! Sizes: `MATCHER_BENCH_SIZES=1000,2000,5000` (default `1000,2000`); the
//! Hungarian sibling runs up to `MATCHER_BENCH_HUNGARIAN_MAX` (default 2000),
//! though it always precomputes the optimum. Every iteration checks the
//! answer's value against that optimum, so a fast wrong answer can't win.
//!
//! Sparse sizes: `MATCHER_BENCH_SPARSE=20000x5000,100000x25000` (default
//! none: ten samples of a run that takes tens of seconds). Every mentor has
//! capacity 4, as in the 10 000 × 2 500 target, so the problem is tight; no
//! dense matrix is built, and every iteration checks the proof of
//! optimality (dual gap 0).

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
    for kind in Kind::PLAIN {
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

fn sparse(c: &mut Criterion) {
    let shapes = env::var("MATCHER_BENCH_SPARSE").unwrap_or_default();
    let shapes = shapes.split(',').filter(|s| !s.trim().is_empty());
    let mut group = c.benchmark_group("sparse");
    configure(&mut group);
    for shape in shapes {
        let parse = |s: Option<&str>| s.and_then(|s| s.trim().parse::<usize>().ok());
        let mut parts = shape.split('x');
        let (Some(mentees), Some(mentors)) = (parse(parts.next()), parse(parts.next())) else {
            panic!("MATCHER_BENCH_SPARSE: not MENTEESxMENTORS: {shape:?}");
        };
        let (mentor_roster, mentee_roster) = rosters::generated(mentees, mentors, Some(4));
        let config = Config::default();
        let run = || {
            let outcome = match_rosters(&mentor_roster, &mentee_roster, &config).expect("matches");
            assert_eq!(outcome.summary.gap, 0.0, "proven optimal");
            outcome.summary.matched
        };
        let start = Instant::now();
        black_box(run());
        group.measurement_time(MEASUREMENT.max(start.elapsed() * 12));
        group.bench_function(format!("{mentees}x{mentors}"), |b| b.iter(run));
    }
    group.finish();
}

criterion_group!(benches, dense, end_to_end, sparse);
criterion_main!(benches);
