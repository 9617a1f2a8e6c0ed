//! The `fair` objective (checked against brute force) and the fairness and
//! diversity report on hand-worked programs.

use crate::invariants::{config, program, rosters};
use crate::matching::skills_only;
use crate::{mentees, mentors};
use matcher::fairness::{CrossCell, DiversityCost, LoadSpread, WorstOff};
use matcher::score::Scorer;
use matcher::{fairness_report, match_rosters, Config, Goal, Rounds};
use proptest::prelude::*;

/// e1 scores 100 with m1 and 40 with m2; e2 scores 60 with m1 and 20 with m2.
/// Coverage takes e1–m1 + e2–m2 (120, lowest 20); fair takes e1–m2 + e2–m1
/// (100, lowest 40).
#[test]
fn fair_raises_the_lowest_score_before_the_total() {
    let m = mentors("id,skills\nm1,a;b;c;d;e;f;g;h\nm2,a;b;f\n");
    let e = mentees("id,skills\ne1,a;b;c;d;e\ne2,f;g;h;i;j\n");
    let pairs = |objective: &str| {
        let outcome = match_rosters(&m, &e, &skills_only(objective)).unwrap();
        let made: Vec<(String, f64)> = outcome
            .matches
            .iter()
            .map(|x| (x.explanation.mentor_id.clone(), x.explanation.score))
            .collect();
        (made, outcome.summary.total_score, outcome.summary.gap)
    };
    assert_eq!(
        pairs("coverage"),
        (vec![("m1".into(), 100.0), ("m2".into(), 20.0)], 120.0, 0.0)
    );
    assert_eq!(
        pairs("fair"),
        (vec![("m2".into(), 40.0), ("m1".into(), 60.0)], 100.0, 0.0)
    );
}

/// With diversity (department "different", weight 1 beside skills 1) the
/// optimum is e1–m2 (100) + e2–m1 (75); without it, e1–m1 + e2–m2 (200),
/// against which this matching's 100 + 50 costs 50. m3 takes nobody.
#[test]
fn the_report_counts_exactly() {
    let m = mentors("id,capacity,skills,dept\nm1,1,a,x\nm2,1,a;b,y\nm3,2,c,x\n");
    let e = mentees("id,skills,dept\ne1,a,x\ne2,a;b,y\n");
    let config: Config = serde_json::from_str(
        r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 1},
            "diversity": {"dept": "different"}}"#,
    )
    .unwrap();
    let report = fairness_report(&m, &e, &config, &Rounds::default()).unwrap();
    assert_eq!(
        report.worst_off,
        Some(WorstOff {
            mentee_id: "e2".into(),
            mentor_id: "m1".into(),
            score: 75.0
        })
    );
    let mut deciles = vec![75.0; 10];
    deciles.push(100.0);
    assert_eq!(report.deciles, deciles);
    assert_eq!(
        report.mentor_load,
        LoadSpread {
            min: 0,
            max: 1,
            mean: 0.67,
            idle: 1,
            full: 2,
            utilisation: 0.5
        }
    );
    assert_eq!(
        report.cost_of_diversity,
        Some(DiversityCost {
            best_without_diversity: 200.0,
            this_matching_without_diversity: 150.0,
            cost: 50.0
        })
    );
    let dept = &report.diversity[0];
    assert_eq!((dept.met, dept.not_met, dept.missing), (2, 0, 0));
    let cell = |a: &str, b: &str| CrossCell {
        mentee: Some(a.into()),
        mentor: Some(b.into()),
        count: 1,
    };
    assert_eq!(dept.pairs, [cell("x", "y"), cell("y", "x")]);

    // Diversity as the only weight: nothing to compare with.
    let only: Config = serde_json::from_str(
        r#"{"weights": {"skills": 0, "goals": 0, "values": 0, "diversity": 1}, "diversity": {"dept": "different"}}"#,
    )
    .unwrap();
    let report = fairness_report(&m, &e, &only, &Rounds::default()).unwrap();
    assert_eq!(report.cost_of_diversity, None);
}

/// Best (matched, lowest score, total) over every feasible assignment.
fn best_fair(
    weights: &[Vec<Option<u32>>],
    capacity: &mut [u32],
    e: usize,
    low: u32,
) -> Option<(usize, u32, u64)> {
    if e == weights.len() {
        return Some((0, low, 0));
    }
    let mut best = best_fair(weights, capacity, e + 1, low);
    for m in 0..capacity.len() {
        if let (Some(w), true) = (weights[e][m], capacity[m] > 0) {
            capacity[m] -= 1;
            let rest = best_fair(weights, capacity, e + 1, low.min(w));
            capacity[m] += 1;
            if let Some((n, l, t)) = rest {
                let candidate = (n + 1, l, t + u64::from(w));
                best = best.max(Some(candidate));
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// `fair` matches as many as possible, then has the highest possible
    /// lowest score, then the highest total among those.
    #[test]
    fn fair_is_lexicographically_optimal(
        (mentor_people, mentee_people) in program(),
        mut config in config(),
    ) {
        config.solver.objective = Goal::Fair;
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let result = match_rosters(&m, &e, &config);
        // Programs where no pair is possible at all are refused (see `invariants`).
        prop_assume!(result.is_ok());
        let outcome = result.unwrap();
        let scorer = Scorer::new(&m, &e, &config);
        let weights: Vec<Vec<Option<u32>>> = (0..e.people.len())
            .map(|i| (0..m.people.len()).map(|j| scorer.weight(i, j)).collect())
            .collect();
        let mut capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
        let (n, low, total) = best_fair(&weights, &mut capacity, 0, u32::MAX).unwrap();
        prop_assert_eq!(outcome.summary.matched, n);
        if n > 0 {
            prop_assert_eq!(outcome.summary.score.unwrap().min, f64::from(low) / 100.0);
        }
        prop_assert_eq!(outcome.summary.total_score, total as f64 / 100.0);
    }
}
