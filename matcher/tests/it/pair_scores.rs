//! Your own pair scores (`--pair-scores FILE`): the `pair_score` criterion,
//! against numbers worked out by hand, an independent oracle in a proptest, and
//! located errors for ids the rosters do not have.

use crate::{mentees, mentors};
use matcher::generate::{self, Spec};
use matcher::pair_scores::PairScores;
use matcher::score::{Criteria, Scorer};
use matcher::{explain, Code, Config, Error, Roster, Side};
use proptest::prelude::*;

/// The worked example of scoring.rs: e1 with m1 scores 55.00 without pair
/// scores (skills 0.5, goals 0.5, values 0.25, diversity 1.0, weights summing to 1).
fn example() -> (Roster, Roster) {
    (
        mentors(
            "id,skills,values,goals,department,location\n\
             m1,python:2; SQL:5; rust,growth; integrity; impact,promotion,Engineering,Berlin\n\
             m2,,,,Data,\n",
        ),
        mentees(
            "id,skills,values,goals,department,location,priority\n\
             e1,python:4; sql:2; figma,growth; curiosity,promotion; leadership,data,berlin,\n\
             e2,python,,promotion,,,\n\
             e3,,,,,,\n\
             e4,python:4; sql:2; figma,growth; curiosity,promotion; leadership,data,berlin,pair_score\n",
        ),
    )
}

fn scores(text: &str) -> PairScores {
    PairScores::from_csv_reader(text.as_bytes(), "scores.csv").expect("valid pair scores")
}

fn config(pair_scores: Option<PairScores>) -> Config {
    let mut config: Config = serde_json::from_str(
        r#"{"diversity": {"department": "different", "location": {"prefer": "same", "weight": 0.5}}}"#,
    )
    .unwrap();
    config.pair_scores = pair_scores;
    config
}

#[test]
fn a_pair_score_is_one_more_weighted_criterion() {
    let (m, e) = example();
    let file = scores("mentor_id,mentee_id,score\nm1,e1,80\nM1,E3,40\nm1,e4,80\nm2,e1,0\n");
    let with = config(Some(file));
    let scorer = Scorer::new(&m, &e, &with);
    // (0.35·0.5 + 0.25·0.5 + 0.20·0.25 + 0.20·1.0 + 0.25·0.8) / 1.25 = 0.75 / 1.25 = 60.00
    assert_eq!(
        scorer.criteria(0, 0),
        Criteria {
            skills: Some(0.5),
            goals: Some(0.5),
            values: Some(0.25),
            diversity: Some(1.0),
            pair_score: Some(0.8),
            availability: None,
            picks: None,
        }
    );
    assert_eq!(scorer.score(0, 0), 6000);
    // e2 with m1 is not in the file: not applicable, the score of no file (80.56).
    assert_eq!(scorer.criteria(1, 0).pair_score, None);
    assert_eq!(scorer.score(1, 0), 8056);
    // e3 asked for nothing: the pair score is all there is (ids compare case-insensitively).
    assert_eq!(scorer.score(2, 0), 4000);
    // e4 (e1 again) names pair_score as their priority: weight 0.5.
    // (0.55 + 0.5·0.8) / 1.5 = 0.6333… → 63.33
    assert_eq!(scorer.score(3, 0), 6333);
    // A score of 0 counts: e1 with m2 (all other criteria 0) stays 0, over weight 1.25.
    assert_eq!(scorer.criteria(0, 1).pair_score, Some(0.0));
    assert_eq!(scorer.score(0, 1), 0);
}

#[test]
fn explanations_name_the_file() {
    let (m, e) = example();
    let with = config(Some(scores("mentor_id,mentee_id,score\nm1,e1,87\n")));
    let x = explain(&m, &e, &with, "e1", "m1").unwrap();
    assert_eq!(x.criteria.pair_score, Some(87.0));
    assert_eq!(x.pair_scores_file.as_deref(), Some("scores.csv"));
    assert!(
        x.reason().ends_with("; pair score 0.87 (from scores.csv)"),
        "{}",
        x.reason()
    );
    // Not in the file: n/a, and the reason says nothing of it.
    let x = explain(&m, &e, &with, "e2", "m1").unwrap();
    assert_eq!(x.criteria.pair_score, None);
    assert!(!x.reason().contains("pair score"));
    // Without a file, the JSON has no pair score at all.
    let plain = explain(&m, &e, &config(None), "e1", "m1").unwrap();
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json["criteria"].get("pair_score").is_none());
    assert!(json.get("pair_scores_file").is_none());
}

#[test]
fn unknown_ids_are_located_in_the_file() {
    let (m, e) = example();
    let with = config(Some(scores(
        "mentor_id,mentee_id,score\nm1,e1,80\nm9,e1,10\nm2,e7,10\n",
    )));
    let Err(Error::Roster(problems)) = explain(&m, &e, &with, "e1", "m1") else {
        panic!("unknown ids must be refused");
    };
    let found: Vec<_> = problems
        .iter()
        .map(|d| (d.file.as_str(), d.row, d.column.as_deref(), d.code))
        .collect();
    assert_eq!(
        found,
        [
            (
                "scores.csv",
                Some(3),
                Some("mentor_id"),
                Code::UnknownPairId
            ),
            (
                "scores.csv",
                Some(4),
                Some("mentee_id"),
                Code::UnknownPairId
            ),
        ]
    );
    assert_eq!(
        problems[0].message,
        "\"m9\" is not a mentor id in mentors.csv"
    );
}

#[test]
fn the_pair_score_weight_alone_needs_a_file() {
    let mut only = config(None);
    only.weights.skills = 0.0;
    only.weights.goals = 0.0;
    only.weights.values = 0.0;
    only.weights.diversity = 0.0;
    assert_eq!(only.validate().unwrap_err().key, "weights");
    only.pair_scores = Some(scores("mentor_id,mentee_id,score\n"));
    assert_eq!(only.validate(), Ok(()));
    only.weights.pair_score = -1.0;
    assert_eq!(only.validate().unwrap_err().key, "weights.pair_score");
}

/// Small generated rosters.
fn rosters(seed: u64, mentors: usize, mentees: usize) -> (Roster, Roster) {
    let spec = Spec {
        mentors,
        mentees,
        seed,
        capacity: None,
        picks: false,
    };
    let (mut m, mut e) = (Vec::new(), Vec::new());
    generate::write(&spec, &mut m, &mut e).unwrap();
    (
        Roster::from_csv_reader(&m[..], Side::Mentor, "mentors.csv").unwrap(),
        Roster::from_csv_reader(&e[..], Side::Mentee, "mentees.csv").unwrap(),
    )
}

/// The pair-scores file of `cells` (a score in quarters, or none) over the rosters.
fn file_of(m: &Roster, e: &Roster, cells: &[Option<u16>]) -> PairScores {
    let mut text = String::from("mentor_id,mentee_id,score\n");
    let pairs = e
        .people
        .iter()
        .flat_map(|e| m.people.iter().map(move |m| (m, e)));
    for ((mentor, mentee), cell) in pairs.zip(cells) {
        if let Some(quarters) = cell {
            text.push_str(&format!(
                "{},{},{}\n",
                mentor.id,
                mentee.id,
                f64::from(*quarters) / 4.0
            ));
        }
    }
    scores(&text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// With a pair score, a pair's total is the weighted mean of its other
    /// criteria and the pair score, worked out here from the criteria without
    /// a file; without one (not in the file) it is the score without a file.
    /// Every score stays within 0–100, and whole rows agree with single pairs.
    #[test]
    fn pair_scores_join_the_weighted_mean(
        seed in 0u64..1000,
        sizes in (1usize..6, 1usize..8),
        cells in prop::collection::vec(prop::option::of(0u16..=400), 48),
        weight in 0.0f64..2.0,
    ) {
        let (m, e) = rosters(seed, sizes.0, sizes.1);
        let mut with = config(Some(file_of(&m, &e, &cells)));
        with.weights.pair_score = weight;
        let without = config(None);
        let (scored, plain) = (Scorer::new(&m, &e, &with), Scorer::new(&m, &e, &without));
        let mut buffer = Vec::new();
        for ei in 0..e.people.len() {
            let row = scored.row_weights(ei, &mut buffer).to_vec();
            for (mi, &weight_of_row) in row.iter().enumerate() {
                let cell = cells.get(ei * m.people.len() + mi).copied().flatten();
                let base = plain.criteria(ei, mi);
                let w = plain.weights_for(ei);
                let parts = [(base.skills, w.skills), (base.goals, w.goals), (base.values, w.values), (base.diversity, w.diversity)];
                let sum: f64 = parts.iter().filter_map(|(s, w)| s.map(|s| s * w)).sum();
                let total: f64 = parts.iter().filter(|(s, _)| s.is_some()).map(|(_, w)| w).sum();
                match cell {
                    None => prop_assert_eq!(scored.score(ei, mi), plain.score(ei, mi)),
                    Some(quarters) => {
                        let (sum, total) = (sum + weight * f64::from(quarters) / 400.0, total + weight);
                        let exact = if total > 0.0 { 100.0 * sum / total } else { 0.0 };
                        let got = f64::from(scored.score(ei, mi)) / 100.0;
                        prop_assert!((got - exact).abs() <= 0.005 + 1e-9, "pair ({ei}, {mi}): {got} vs {exact}");
                    }
                }
                prop_assert!(scored.score(ei, mi) <= 10_000);
                let single = scored.weight(ei, mi).map_or(f64::NEG_INFINITY, f64::from);
                prop_assert_eq!(weight_of_row.to_bits(), single.to_bits());
            }
        }
    }

    /// A file with no pairs changes no criterion and no score.
    #[test]
    fn an_empty_file_changes_nothing(seed in 0u64..1000, sizes in (1usize..6, 1usize..8)) {
        let (m, e) = rosters(seed, sizes.0, sizes.1);
        let empty = config(Some(scores("mentor_id,mentee_id,score\n")));
        let (scored, plain) = (Scorer::new(&m, &e, &empty), Scorer::new(&m, &e, &config(None)));
        for ei in 0..e.people.len() {
            for mi in 0..m.people.len() {
                prop_assert_eq!(scored.criteria(ei, mi), plain.criteria(ei, mi));
                prop_assert_eq!(scored.score(ei, mi), plain.score(ei, mi));
            }
        }
    }
}
