//! "Why not" answers: the mentee's standing, who holds the mentor's places,
//! and the exact cost of forcing a pair, checked against brute force.

use crate::invariants::{brute_force, config, program, rosters};
use crate::matching::skills_only;
use crate::{cohort, mentees, mentors, rounds_of};
use matcher::matching::UnmatchedReason;
use matcher::score::Scorer;
use matcher::why_not::{Forcing, Move, Standing};
use matcher::{why_not, Config, Objective, Rounds};
use proptest::prelude::*;

fn mv(mentee: &str, from: Option<&str>, to: Option<&str>) -> Move {
    Move {
        mentee_id: mentee.to_owned(),
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    }
}

#[test]
fn a_pair_not_made_says_who_holds_the_place_and_what_forcing_costs() {
    let (m, e) = cohort();
    let config = skills_only("coverage");
    let verdict = why_not(&m, &e, &config, &Rounds::default(), "e2", Some("m1")).unwrap();
    let Standing::Matched(mine) = &verdict.mentee else {
        panic!("e2 is matched")
    };
    assert_eq!(
        (mine.explanation.mentor_id.as_str(), mine.explanation.score),
        ("m2", 100.0)
    );
    let pair = verdict.pair.unwrap();
    assert!(!pair.made && !pair.repeat);
    assert_eq!(pair.explanation.score, 100.0);
    assert_eq!(pair.capacity, 1);
    let holders: Vec<(&str, f64)> = pair
        .holders
        .iter()
        .map(|h| (h.mentee_id.as_str(), h.score))
        .collect();
    assert_eq!(holders, [("e1", 90.0)]);
    // Forced: e2–m1 (100) pushes e1 to m2 (50); e3 keeps m3: 250 instead of 290.
    assert_eq!(
        pair.forcing.unwrap(),
        Forcing {
            total_score: 290.0,
            forced_total_score: 250.0,
            total_change: -40.0,
            matched_change: 0,
            moves: vec![
                mv("e1", Some("m1"), Some("m2")),
                mv("e2", Some("m2"), Some("m1"))
            ],
        }
    );
}

#[test]
fn forcing_can_cost_a_match() {
    // e1 excludes m2, so m1 is its only mentor; e2 scores 100 with m2, 0 with m1.
    let m = mentors("id,capacity,skills\nm1,1,a\nm2,1,b\n");
    let e = mentees("id,skills,exclude\ne1,a,m2\ne2,b,\n");
    let verdict = why_not(
        &m,
        &e,
        &skills_only("coverage"),
        &Rounds::default(),
        "e2",
        Some("m1"),
    )
    .unwrap();
    let forcing = verdict.pair.unwrap().forcing.unwrap();
    assert_eq!(
        (forcing.total_score, forcing.forced_total_score),
        (200.0, 0.0)
    );
    assert_eq!(forcing.matched_change, -1);
    assert_eq!(
        forcing.moves,
        [mv("e1", Some("m1"), None), mv("e2", Some("m2"), Some("m1"))]
    );
}

#[test]
fn made_forbidden_repeated_and_locked_pairs_have_no_forcing() {
    let (m, e) = cohort();
    let config = skills_only("coverage");
    let made = why_not(&m, &e, &config, &Rounds::default(), "e1", Some("m1")).unwrap();
    let pair = made.pair.unwrap();
    assert!(pair.made && pair.forcing.is_none());

    let rounds = rounds_of(
        "mentor_id,mentee_id\nm2,e2\n",
        "mentor_id,mentee_id\nm1,e1\n",
    );
    let repeat = why_not(&m, &e, &config, &rounds, "e1", Some("m1")).unwrap();
    let pair = repeat.pair.unwrap();
    assert!(pair.repeat && !pair.made && pair.forcing.is_none());
    // e2 is locked to m2: forcing it elsewhere would break the lock.
    let locked = why_not(&m, &e, &config, &rounds, "e2", Some("m1")).unwrap();
    assert!(matches!(&locked.mentee, Standing::Matched(x) if x.locked));
    assert!(locked.pair.unwrap().forcing.is_none());
    // Every place of m2 is locked: forcing e1 there cannot be done either.
    let full = why_not(&m, &e, &config, &rounds, "e1", Some("m2")).unwrap();
    let pair = full.pair.unwrap();
    assert_eq!(pair.holders.len(), 1);
    assert!(pair.holders[0].locked && pair.forcing.is_none());
}

#[test]
fn an_unmatched_mentee_is_told_why() {
    let m = mentors("id,capacity,skills,department\nm1,1,x,data\nm2,0,x,data\nm3,1,y,data\n");
    let e = mentees(
        "id,skills,exclude,department\ne1,x,m1;m3,sales\ne2,x,,data\ne3,x,,sales\ne4,q,,sales\ne5,x,,sales\n",
    );
    let config: Config = serde_json::from_str(
        r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 0},
            "constraints": {"require_different": ["department"], "min_score": 50}}"#,
    )
    .unwrap();
    let reason = |id: &str| match why_not(&m, &e, &config, &Rounds::default(), id, None)
        .unwrap()
        .mentee
    {
        Standing::Unmatched(u) => Some((u.reason, u.detail)),
        Standing::Matched(_) => None,
    };
    assert_eq!(
        reason("e2"),
        Some((
            UnmatchedReason::AllCandidatesForbidden,
            "all 3 mentors are ruled out: require_different: department (3)".into()
        ))
    );
    assert_eq!(
        reason("e4"),
        Some((
            UnmatchedReason::BelowMinScore,
            "the best allowed mentor scores 0.00, below min_score".into()
        ))
    );
    assert_eq!(
        reason("e5"),
        Some((
            UnmatchedReason::NoCapacity,
            "the places of all 2 eligible mentors went to other mentees".into()
        ))
    );
    assert_eq!(reason("e3"), None);
    let err = why_not(&m, &e, &config, &Rounds::default(), "e9", None).unwrap_err();
    assert_eq!(err.to_string(), "no mentee with id \"e9\"");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// The forced total is the best total of the other mentees around the
    /// forced pair, plus its score.
    #[test]
    fn forcing_costs_what_brute_force_says(
        (mentor_people, mentee_people) in program(),
        config in config(),
        pick in (0usize..7, 0usize..4),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let (i, j) = (pick.0 % e.people.len(), pick.1 % m.people.len());
        let result = why_not(&m, &e, &config, &Rounds::default(), &e.people[i].id, Some(&m.people[j].id));
        // Programs where no pair is possible at all are refused (see `invariants`).
        prop_assume!(result.is_ok());
        let pair = result.unwrap().pair.unwrap();
        let scorer = Scorer::new(&m, &e, &config);
        let allowed = scorer.weight(i, j).is_some() && m.people[j].capacity > 0;
        prop_assert_eq!(pair.forcing.is_some(), allowed && !pair.made);
        if let Some(forcing) = pair.forcing {
            let mut capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
            capacity[j] -= 1;
            let weights: Vec<Vec<Option<u32>>> = (0..e.people.len())
                .filter(|&r| r != i)
                .map(|r| (0..m.people.len()).map(|c| scorer.weight(r, c)).collect())
                .collect();
            let objective = config.solver.objective.solver();
            let (_, best) = brute_force(&weights, &mut capacity, 0, objective);
            let forced = best + u64::from(scorer.score(i, j));
            prop_assert_eq!(forcing.forced_total_score, forced as f64 / 100.0);
            if objective == Objective::Total {
                prop_assert!(forcing.total_change <= 0.0);
            }
        }
    }
}
