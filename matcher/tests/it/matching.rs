//! The batch job end to end on worked examples: constraints, objectives,
//! unmatched reasons, determinism. Random programs are in `invariants`.

use crate::{mentees, mentors};
use matcher::generate::{self, Spec};
use matcher::matching::UnmatchedReason;
use matcher::{match_rosters, Config, MatchOutcome, Roster, Side};

pub(crate) fn pairs(outcome: &MatchOutcome) -> Vec<(String, Option<String>)> {
    outcome
        .rows()
        .map(|row| match row {
            Ok(m) => (
                m.explanation.mentee_id.clone(),
                Some(m.explanation.mentor_id.clone()),
            ),
            Err(u) => (u.mentee_id.clone(), None),
        })
        .collect()
}

pub(crate) fn skills_only(objective: &str) -> Config {
    let json = format!(
        r#"{{"weights": {{"skills": 1, "goals": 0, "values": 0, "diversity": 0}}, "solver": {{"objective": "{objective}"}}}}"#
    );
    serde_json::from_str(&json).unwrap()
}

/// e1 scores 100 with m1 and 0 with m2; e2 scores 80 with m1 and excludes m2.
/// `total` prefers e1–m1 alone (100); `coverage` matches both (0 + 80).
#[test]
fn coverage_matches_more_mentees_total_maximises_the_score() {
    let m = mentors("id,skills\nm1,x:5;y:4\nm2,z\n");
    let e = mentees("id,skills,exclude\ne1,x:5,\ne2,y:5,m2\n");
    let coverage = match_rosters(&m, &e, &skills_only("coverage")).unwrap();
    assert_eq!(
        pairs(&coverage),
        [
            ("e1".into(), Some("m2".into())),
            ("e2".into(), Some("m1".into()))
        ]
    );
    assert_eq!(coverage.summary.total_score, 80.0);
    assert_eq!(coverage.summary.dual_bound, 80.0);

    let total = match_rosters(&m, &e, &skills_only("total")).unwrap();
    assert_eq!(
        pairs(&total),
        [("e1".into(), Some("m1".into())), ("e2".into(), None)]
    );
    assert_eq!(total.summary.total_score, 100.0);
    assert_eq!(total.unmatched[0].reason, UnmatchedReason::NoCapacity);
}

#[test]
fn unmatched_mentees_get_their_reason_and_everyone_is_in_the_output_in_order() {
    let m = mentors("id,capacity,skills,department\nm1,1,x,data\nm2,0,x,data\nm3,1,y,data\n");
    let e = mentees(
        "id,skills,exclude,department\n\
         e1,x,m1;m3,sales\n\
         e2,x,,data\n\
         e3,x,,sales\n\
         e4,q,,sales\n\
         e5,x,,sales\n",
    );
    let config: Config = serde_json::from_str(
        r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 0},
            "constraints": {"require_different": ["department"], "min_score": 50}}"#,
    )
    .unwrap();
    let outcome = match_rosters(&m, &e, &config).unwrap();
    let reasons: Vec<_> = outcome
        .unmatched
        .iter()
        .map(|u| (u.mentee_id.as_str(), u.reason))
        .collect();
    // e1 excludes m1 and m3, and m2 is unavailable; e2 is data like every mentor; e4 wants q
    // (score 0 < 50); e3 and e5 compete for m1: e3 comes first in input order.
    assert_eq!(
        reasons,
        [
            ("e1", UnmatchedReason::NoCapacity),
            ("e2", UnmatchedReason::AllCandidatesForbidden),
            ("e4", UnmatchedReason::BelowMinScore),
            ("e5", UnmatchedReason::NoCapacity),
        ]
    );
    assert_eq!(pairs(&outcome).len(), 5);
    assert_eq!(pairs(&outcome)[2], ("e3".into(), Some("m1".into())));
    assert_eq!(outcome.summary.matched, 1);
    assert_eq!(outcome.summary.unmatched, 4);
    assert_eq!(
        outcome.unmatched[2].detail,
        "the best allowed mentor scores 0.00, below min_score"
    );
    let loads: Vec<_> = outcome
        .mentors
        .iter()
        .map(|l| (l.id.as_str(), l.assigned, l.capacity))
        .collect();
    assert_eq!(loads, [("m1", 1, 1), ("m2", 0, 0), ("m3", 0, 1)]);
}

#[test]
fn same_input_gives_identical_output_on_any_thread_count() {
    let (mut m, mut e) = (Vec::new(), Vec::new());
    generate::write(
        &Spec {
            mentors: 60,
            mentees: 200,
            seed: 7,
            capacity: None,
            picks: false,
        },
        &mut m,
        &mut e,
    )
    .unwrap();
    let m = Roster::from_csv_reader(&m[..], Side::Mentor, "m.csv").unwrap();
    let e = Roster::from_csv_reader(&e[..], Side::Mentee, "e.csv").unwrap();
    let mut config: Config =
        serde_json::from_str(r#"{"diversity": {"department": "different", "location": "same"}}"#)
            .unwrap();
    let mut outputs = Vec::new();
    for threads in [1, 2, 3] {
        config.solver.threads = threads;
        let outcome = match_rosters(&m, &e, &config).unwrap();
        let mut bytes = Vec::new();
        matcher::report::write_json(&outcome, &mut bytes).unwrap();
        matcher::report::write_csv(&outcome, &mut bytes).unwrap();
        outputs.push(bytes);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn a_mentor_with_large_capacity_takes_everyone() {
    let m = mentors("id,capacity,skills\nm1,10,x\n");
    let e = mentees("id,skills\ne1,x\ne2,y\ne3,\n");
    let outcome = match_rosters(&m, &e, &Config::default()).unwrap();
    assert_eq!(outcome.summary.matched, 3);
    assert_eq!(outcome.mentors[0].assigned, 3);
    assert_eq!(outcome.summary.score.unwrap().max, 100.0);
}
