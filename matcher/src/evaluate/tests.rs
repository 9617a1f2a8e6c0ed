use super::*;
use crate::generate::{write, Spec};
use crate::{read_rosters, Config, Roster};

fn rosters(mentors: &str, mentees: &str) -> (Roster, Roster) {
    read_rosters(
        mentors.as_bytes(),
        "mentors.csv",
        mentees.as_bytes(),
        "mentees.csv",
    )
    .unwrap()
}

fn outcomes(csv: &str) -> Outcomes {
    Outcomes::from_reader(csv.as_bytes(), "outcomes.csv").unwrap()
}

/// Scores worked by hand under the default weights (skills 0.35, goals 0.25;
/// values and diversity do not apply): m1–e1 and m2–e3 share both (100),
/// m1–e2 only a skill (35 / 60 = 58.33), m2–e2 and m1–e4 only a goal (41.67).
fn small() -> Evaluation {
    let (mentors, mentees) = rosters(
        "id,capacity,skills,goals\nm1,5,rust,promotion\nm2,5,sql,leadership\n",
        "id,skills,goals\ne1,rust,promotion\ne2,rust,leadership\ne3,sql,leadership\ne4,sql,promotion\n",
    );
    let file = "mentor_id,mentee_id,rating,comment\n\
                m1,e1,5,\nm1,e2,3,late\nm2,e3,4,\nm2,e2,2,\nm1,e4,,\nm3,e1,4,\n";
    crate::evaluate(
        &mentors,
        &mentees,
        &Config::default(),
        &outcomes(file),
        Bootstrap::default(),
    )
    .unwrap()
}

#[test]
fn a_small_report_matches_the_hand_worked_one() {
    let report = small();
    assert_eq!((report.listed, report.joined, report.comments), (6, 5, 1));
    assert_eq!(report.unknown.len(), 1);
    assert_eq!(
        (report.unknown[0].row, report.unknown[0].column.as_deref()),
        (Some(7), Some("mentor_id"))
    );
    let scores: Vec<f64> = report.pairs.iter().map(|p| p.score).collect();
    assert_eq!(scores, [100.0, 58.33, 100.0, 41.67, 41.67]);
    let rating = &report.measures[0];
    assert_eq!((rating.measure, rating.answered), (Measure::Rating, 4));
    assert_eq!((rating.response_rate, rating.mean), (0.8, Some(3.5)));
    // Four answering pairs: four deciles of one, by score, ties in file order.
    let bins: Vec<(f64, usize, f64)> = rating
        .score
        .bins
        .iter()
        .map(|b| (b.from, b.pairs, b.mean))
        .collect();
    assert_eq!(
        bins,
        [
            (41.67, 1, 2.0),
            (58.33, 1, 3.0),
            (100.0, 1, 5.0),
            (100.0, 1, 4.0)
        ]
    );
    // x = (100, 58.33, 100, 41.67), y = (5, 3, 4, 2): sxy = 108.33,
    // sxx = 2638.89, syy = 5, r = 108.33 / √13194.4 = 0.9431.
    assert_eq!(rating.score.correlation, Some(0.9431));
    let names: Vec<&str> = rating.criteria.iter().map(|c| c.name).collect();
    assert_eq!(names, ["skills", "goals"]);
    // Skills 100, 100, 100, 0: sxy = 150, sxx = 7500, r = 150 / √37500.
    assert_eq!(rating.criteria[0].correlation, Some(0.7746));
    let skill_bins: Vec<(f64, f64, usize, f64)> = rating.criteria[0]
        .bins
        .iter()
        .map(|b| (b.from, b.to, b.pairs, b.mean))
        .collect();
    assert_eq!(skill_bins, [(0.0, 20.0, 1, 2.0), (80.0, 100.0, 3, 4.0)]);
    // Goals 100, 0, 100, 100: sxy = 50, r = 50 / √37500.
    assert_eq!(rating.criteria[1].correlation, Some(0.2582));
    let [low, high] = rating.score.interval.unwrap();
    assert!(low <= 0.9431 && 0.9431 <= high, "{low} {high}");
}

#[test]
fn the_text_report_reads_as_pinned() {
    let mut text = Vec::new();
    small().write_text(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    let expected = "\
Outcomes: outcomes.csv: 6 pairs listed, 5 in the rosters.
Left out, not in the rosters:
  outcomes.csv:7:mentor_id: \"m3\" is not a mentor id in mentors.csv (hint: ids must match the rosters (case-insensitively))
Pairs with a comment: 1.
Intervals: 95 % percentile bootstrap, 1000 resamples, seed 1.

rating (rating from 1 to 5; higher is better)
  answered by 4 pairs (80.0 % of those in the rosters), mean 3.50
  by total score      pairs   mean
";
    assert!(text.starts_with(expected), "{text}");
    assert!(
        text.contains("    41.67–41.67          1   2.00\n"),
        "{text}"
    );
    assert!(text.contains("    score           +0.943  ["), "{text}");
    assert!(
        text.contains("    skills          0–20: 2.00 (1)  80–100: 4.00 (3)\n"),
        "{text}"
    );
}

#[test]
fn same_bytes_on_any_thread_count() {
    let mut mentors = Vec::new();
    let mut mentees = Vec::new();
    let spec = Spec {
        mentors: 40,
        mentees: 120,
        seed: 3,
        capacity: Some(3),
        picks: false,
    };
    write(&spec, &mut mentors, &mut mentees).unwrap();
    let (mentors, mentees) = rosters(
        std::str::from_utf8(&mentors).unwrap(),
        std::str::from_utf8(&mentees).unwrap(),
    );
    let mut file = String::from("mentor_id,mentee_id,rating,meetings\n");
    for (i, e) in mentees.people.iter().enumerate() {
        let m = &mentors.people[(i * 7) % mentors.people.len()];
        file += &format!("{},{},{},{}\n", m.id, e.id, 1 + i % 5, (i * 13) % 9);
    }
    let outcomes = outcomes(&file);
    let run = |threads: usize| {
        let config = Config {
            solver: crate::config::SolverOptions {
                threads,
                ..Default::default()
            },
            ..Config::default()
        };
        let report = crate::evaluate(&mentors, &mentees, &config, &outcomes, Bootstrap::default());
        serde_json::to_string(&report.unwrap()).unwrap()
    };
    assert_eq!(run(1), run(2));
    assert_eq!(run(1), run(3));
}
