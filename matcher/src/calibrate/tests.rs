use super::*;
use crate::config::{AttributeRule, Preference, SolverOptions};
use crate::generate::{write, Spec};
use crate::outcomes::{OutcomeRow, Values};
use crate::read_rosters;
use crate::rounds::PairRow;

/// Generated rosters of `mentees` mentees, with a config whose diversity
/// criterion compares departments and genders, so that skills, goals,
/// values and diversity all apply.
fn program(mentees: usize, seed: u64) -> (Roster, Roster, Config) {
    program_with_gaps(mentees, seed, false)
}

/// [`program`]; with `gaps`, a third of the mentees leave their values
/// empty and another third their goals, so that those criteria do not apply
/// to their pairs.
fn program_with_gaps(mentees: usize, seed: u64, gaps: bool) -> (Roster, Roster, Config) {
    let (mut m, mut e) = (Vec::new(), Vec::new());
    let spec = Spec {
        mentors: mentees / 4,
        mentees,
        seed,
        capacity: Some(5),
        picks: false,
    };
    write(&spec, &mut m, &mut e).unwrap();
    if gaps {
        e = with_gaps(&e);
    }
    let (mentors, mentees) = read_rosters(&m[..], "mentors.csv", &e[..], "mentees.csv").unwrap();
    let mut config = Config::default();
    for attribute in ["department", "gender"] {
        config.diversity.insert(
            attribute.to_owned(),
            AttributeRule {
                prefer: Preference::Different,
                weight: 1.0,
            },
        );
    }
    (mentors, mentees, config)
}

/// The mentee roster `csv` with every third mentee's values, and every
/// third but one's goals, left empty.
fn with_gaps(csv: &[u8]) -> Vec<u8> {
    let mut reader = csv::Reader::from_reader(csv);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (values, goals) = (column("values"), column("goals"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let cells = record.iter().enumerate().map(|(c, cell)| match i % 3 {
            0 if c == values => "",
            1 if c == goals => "",
            _ => cell,
        });
        writer.write_record(cells).unwrap();
    }
    writer.into_inner().unwrap()
}

/// An outcomes file of two pairs per mentee (mentors drawn from `seed`),
/// each rated `rating(criteria, draw)` where `draw` is a standard normal
/// draw.
fn outcomes(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    seed: u64,
    rating: impl Fn(&Criteria, f64) -> f64,
) -> Outcomes {
    let scorer = Program::new(mentors, mentees, config.clone(), &Rounds::default()).unwrap();
    let scorer = scorer.scorer();
    let mut rng = Rng(seed);
    let mut rows = Vec::new();
    for e in 0..mentees.people.len() {
        for _ in 0..2 {
            let m = rng.below(mentors.people.len());
            // Box–Muller: a standard normal draw from two uniform ones.
            let normal = (-2.0 * (1.0 - rng.unit()).ln()).sqrt()
                * (std::f64::consts::TAU * rng.unit()).cos();
            rows.push(OutcomeRow {
                pair: PairRow {
                    mentor_id: mentors.people[m].id.clone(),
                    mentee_id: mentees.people[e].id.clone(),
                    row: rows.len() + 2,
                },
                values: Values {
                    rating: Some(rating(&scorer.criteria(e, m), normal)),
                    ..Values::default()
                },
                comment: String::new(),
            });
        }
    }
    Outcomes {
        source: "outcomes.csv".to_owned(),
        measures: vec![Measure::Rating],
        rows,
        ignored_columns: Vec::new(),
    }
}

fn weights_of(calibration: &Calibration) -> Vec<(Criterion, f64)> {
    calibration
        .weights
        .iter()
        .map(|w| (w.criterion, w.fitted))
        .collect()
}

fn run(mentors: &Roster, mentees: &Roster, config: &Config, outcomes: &Outcomes) -> Calibration {
    let bootstrap = Bootstrap {
        resamples: 200,
        seed: 5,
    };
    calibrate(
        mentors,
        mentees,
        config,
        &Rounds::default(),
        outcomes,
        Measure::Rating,
        bootstrap,
    )
    .unwrap()
}

/// Known weights, noise with a standard deviation of 0.3 on a 1–5 scale,
/// 2 000 pairs, with and without criteria that do not apply to some pairs
/// (which drop out of the weighted mean): every weight comes back within 0.05 (about eight standard
/// errors), the change is supported, and the 95 % intervals cover the true
/// weights about as often as they should (at least 9 of the 12).
#[test]
fn recovers_known_weights_from_noisy_outcomes() {
    let truth = Weights {
        skills: 0.2,
        goals: 0.1,
        values: 0.4,
        diversity: 0.3,
        pair_score: 0.0,
        availability: 0.0,
        picks: 0.0,
    };
    let mut covered = 0;
    for (seed, gaps) in [(1, false), (2, true), (3, true)] {
        let (mentors, mentees, config) = program_with_gaps(1000, seed, gaps);
        let outcomes = outcomes(&mentors, &mentees, &config, seed, |c, noise| {
            1.0 + 4.0 * c.total(&truth) / 100.0 + 0.3 * noise
        });
        let calibration = run(&mentors, &mentees, &config, &outcomes);
        assert_eq!(calibration.pairs, 2000);
        for w in &calibration.weights {
            let want = truth.get(w.criterion);
            assert!(
                (w.fitted - want).abs() < 0.05,
                "seed {seed}: {:?} fitted {} for {want}",
                w.criterion,
                w.fitted
            );
            covered += usize::from(w.interval[0] <= want && want <= w.interval[1]);
            assert!(w.interval[1] - w.interval[0] < 0.1, "{w:?}");
        }
        assert_eq!(calibration.verdict, Verdict::Supported, "seed {seed}");
        assert!(calibration.held_out.improvement > 0.0);
        assert_eq!(
            calibration.no_evidence,
            [Criterion::PairScore, Criterion::Availability]
        );
    }
    assert!(covered >= 9, "{covered} of 12 intervals cover the truth");
}

/// Outcomes that owe nothing to the scores: calibration never claims the
/// fitted weights do better.
#[test]
fn pure_noise_is_never_called_a_better_fit() {
    for seed in 1..=5 {
        let (mentors, mentees, config) = program(300, seed);
        let outcomes = outcomes(&mentors, &mentees, &config, seed + 100, |_, noise| {
            3.0 + noise
        });
        let calibration = run(&mentors, &mentees, &config, &outcomes);
        assert_ne!(calibration.verdict, Verdict::Supported, "seed {seed}");
        assert!(!calibration.verdict.is_supported());
    }
}

/// An outcome that is exactly 2 + 3 × goals: the fit puts all the weight on
/// goals, with intercept 2 and effect 3, and predicts held-out pairs exactly.
#[test]
fn an_exact_linear_outcome_is_fitted_exactly() {
    let (mentors, mentees, config) = program(200, 9);
    let outcomes = outcomes(&mentors, &mentees, &config, 9, |c, _| {
        2.0 + 3.0 * c.goals.unwrap_or(0.0)
    });
    let calibration = run(&mentors, &mentees, &config, &outcomes);
    let goals_apply = outcomes.rows.len();
    assert_eq!(calibration.pairs, goals_apply);
    assert_eq!(
        weights_of(&calibration),
        [
            (Criterion::Skills, 0.0),
            (Criterion::Goals, 1.0),
            (Criterion::Values, 0.0),
            (Criterion::Diversity, 0.0)
        ]
    );
    assert_eq!(calibration.intercept, 2.0);
    assert_eq!(calibration.weights[1].effect, 3.0);
    assert_eq!(calibration.held_out.fitted_error, 0.0);
    assert_eq!(calibration.held_out.fitted_r2, 1.0);
}

#[test]
fn too_few_pairs_or_no_such_outcome_is_refused() {
    let (mentors, mentees, config) = program(200, 4);
    let mut file = outcomes(&mentors, &mentees, &config, 4, |_, n| 3.0 + n);
    file.rows.truncate(MIN_PAIRS - 1);
    let refuse = |measure| {
        calibrate(
            &mentors,
            &mentees,
            &config,
            &Rounds::default(),
            &file,
            measure,
            Bootstrap::default(),
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        refuse(Measure::Rating),
        "calibrate: only 49 pairs in the rosters answered `rating`: calibration needs at least 50"
    );
    assert_eq!(
        refuse(Measure::Meetings),
        "calibrate: outcomes.csv has no `meetings` column"
    );
}

#[test]
fn same_bytes_on_any_thread_count() {
    let (mentors, mentees, mut config) = program(300, 6);
    let weights = config.weights;
    let outcomes = outcomes(&mentors, &mentees, &config, 6, |c, n| {
        1.0 + 0.04 * c.total(&weights) + 0.5 * n
    });
    let mut json = Vec::new();
    for threads in [1, 2, 3] {
        config.solver = SolverOptions {
            threads,
            ..SolverOptions::default()
        };
        let calibration = run(&mentors, &mentees, &config, &outcomes);
        json.push(serde_json::to_string(&calibration).unwrap());
    }
    assert_eq!(json[0], json[1]);
    assert_eq!(json[0], json[2]);
}
