//! Scoring throughput: every pair of a generated 2 000 mentees × 500 mentors
//! roster, on rayon pools of 1 and 2 threads, a whole mentee row at a time as
//! the solver reads them (`scoring/rows/threads=N`, `Scorer::row_weights`)
//! and pair by pair (`scoring/pairs/threads=N`, `Scorer::weight`). Each
//! iteration checks the matrix's checksum. The `availability` group scores
//! the same rosters on one thread without and with time zone and
//! availability columns (the rule and the criterion on), and with skill
//! parents on top (`with_parents`): what the new inputs cost per pair.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use matcher::score::Scorer;
use matcher::vocabulary_term::Term;
use matcher::Config;
use matcher_benches::rosters;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

const MENTEES: usize = 2_000;
const MENTORS: usize = 500;

/// A checksum that no scoring order can change: the sum of the allowed
/// weights (whole hundredths) and the number of forbidden pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Checksum {
    sum: u64,
    forbidden: u64,
}

impl Checksum {
    fn of_row(row: &[f64]) -> Checksum {
        row.iter().fold(Checksum::default(), |c, &w| match w {
            w if w.is_finite() => Checksum {
                sum: c.sum + w as u64,
                ..c
            },
            _ => Checksum {
                forbidden: c.forbidden + 1,
                ..c
            },
        })
    }

    fn add(self, other: Checksum) -> Checksum {
        Checksum {
            sum: self.sum + other.sum,
            forbidden: self.forbidden + other.forbidden,
        }
    }
}

/// How a row gets scored.
#[derive(Debug, Clone, Copy)]
enum Method {
    /// `Scorer::row_weights`: one mentee against every mentor at once.
    Rows,
    /// `Scorer::weight`, pair by pair.
    Pairs,
}

/// Scores every pair into `weights` (mentees by rows) on the current rayon
/// pool, one row per task, as the matcher's pipeline does.
fn score_all(scorer: &Scorer, method: Method, weights: &mut [f64]) -> Checksum {
    weights
        .par_chunks_mut(MENTORS)
        .enumerate()
        .map_init(Vec::new, |buffer, (e, row)| {
            match method {
                Method::Rows => row.copy_from_slice(scorer.row_weights(e, buffer)),
                Method::Pairs => {
                    for (m, cell) in row.iter_mut().enumerate() {
                        *cell = scorer.weight(e, m).map_or(f64::NEG_INFINITY, f64::from);
                    }
                }
            }
            Checksum::of_row(row)
        })
        .reduce(Checksum::default, Checksum::add)
}

fn scoring(c: &mut Criterion) {
    let (mentors, mentees) = rosters::generated(MENTEES, MENTORS, None);
    let scorer = Scorer::new(&mentors, &mentees, &Config::default());
    let expected = Checksum::of_row(&rosters::weight_matrix(&scorer));
    let mut weights = vec![0.0; MENTEES * MENTORS];

    let mut group = c.benchmark_group("scoring");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements((MENTEES * MENTORS) as u64));
    for method in [Method::Rows, Method::Pairs] {
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a rayon pool");
            let name = format!("{method:?}/threads={threads}").to_lowercase();
            group.bench_function(name, |b| {
                b.iter(|| {
                    let checksum =
                        pool.install(|| score_all(&scorer, method, black_box(&mut weights)));
                    assert_eq!(checksum, expected, "{method:?} on {threads} threads");
                })
            });
        }
    }
    group.finish();
}

fn availability(c: &mut Criterion) {
    let (plain_mentors, plain_mentees) = rosters::generated(MENTEES, MENTORS, None);
    let (mentors, mentees) = (&plain_mentors, &plain_mentees);
    let mut config = Config::default();
    let without = Scorer::new(mentors, mentees, &config);
    config.weights.availability = 0.2;
    config.constraints.min_overlap_hours = 1.0;
    let (mentors, mentees) = (
        rosters::with_availability(mentors.clone()),
        rosters::with_availability(mentees.clone()),
    );
    assert!(matcher::availability::check(&mentors, &mentees, &config).is_empty());
    let with = Scorer::new(&mentors, &mentees, &config);
    config.vocabulary = skill_families();
    let with_parents = Scorer::new(&mentors, &mentees, &config);
    let mut weights = vec![0.0; MENTEES * MENTORS];
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a rayon pool");

    let mut group = c.benchmark_group("availability");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements((MENTEES * MENTORS) as u64));
    for method in [Method::Rows, Method::Pairs] {
        let scorers = [
            ("without", &without),
            ("with", &with),
            ("with_parents", &with_parents),
        ];
        for (name, scorer) in scorers {
            let expected = Checksum::of_row(&rosters::weight_matrix(scorer));
            let id = format!("{method:?}/{name}").to_lowercase();
            group.bench_function(id, |b| {
                b.iter(|| {
                    let checksum =
                        pool.install(|| score_all(scorer, method, black_box(&mut weights)));
                    assert_eq!(checksum, expected, "{method:?} {name}");
                })
            });
        }
    }
    group.finish();
}

/// A vocabulary that puts 32 of the generator's 36 skills under six parents,
/// so that most wanted skills a mentor lacks earn related credit.
fn skill_families() -> BTreeMap<String, Term> {
    let families: [(&str, &[&str]); 6] = [
        (
            "programming",
            &["python", "javascript", "typescript", "rust", "react"],
        ),
        (
            "data",
            &[
                "sql",
                "machine learning",
                "statistics",
                "data visualization",
                "excel",
                "financial modeling",
            ],
        ),
        (
            "management",
            &[
                "people management",
                "stakeholder management",
                "hiring",
                "budgeting",
                "negotiation",
                "roadmapping",
            ],
        ),
        (
            "communication",
            &[
                "public speaking",
                "storytelling",
                "presentation skills",
                "copywriting",
            ],
        ),
        (
            "product",
            &[
                "product strategy",
                "user research",
                "figma",
                "customer discovery",
                "accessibility",
                "seo",
            ],
        ),
        (
            "infrastructure",
            &["kubernetes", "aws", "security", "system design", "agile"],
        ),
    ];
    let mut terms = BTreeMap::new();
    for (parent, skills) in families {
        for &skill in skills {
            let term = Term {
                aliases: Vec::new(),
                parent: Some(parent.to_owned()),
            };
            terms.insert(skill.to_owned(), term);
        }
    }
    terms
}

criterion_group!(benches, scoring, availability);
criterion_main!(benches);
