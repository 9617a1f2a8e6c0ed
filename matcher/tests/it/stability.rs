//! The stability report: blocking pairs and ranks, on a hand-worked program
//! and against a blocking-pair finder written here, pair by pair from
//! `explain`, on random programs.

use crate::invariants::{config, program, rosters};
use crate::matching::skills_only;
use crate::{mentees, mentors};
use matcher::stability::{BlockingPair, GivenUp, RankCount, Stability};
use matcher::{explain, fairness_report, Config, Roster, Rounds};
use proptest::prelude::*;

fn report(m: &Roster, e: &Roster, config: &Config) -> Stability {
    fairness_report(m, e, config, &Rounds::default())
        .unwrap()
        .stability
}

fn ranks(counts: [usize; 5]) -> Vec<RankCount> {
    let total: usize = counts.iter().sum();
    (1..=5)
        .zip(counts)
        .map(|(rank, mentees)| RankCount {
            rank,
            mentees,
            share: mentees as f64 / total as f64,
        })
        .collect()
}

/// e1 scores 100 with m1 and 40 with m2; e2 scores 60 with m1 and 20 with
/// m2; one place each. Coverage's e1–m1 + e2–m2 is stable (m1 would not
/// give up e1 for e2); fair's e1–m2 + e2–m1 is blocked by e1–m1.
#[test]
fn a_hand_worked_blocking_pair() {
    let m = mentors("id,skills\nm1,a;b;c;d;e;f;g;h\nm2,a;b;f\n");
    let e = mentees("id,skills\ne1,a;b;c;d;e\ne2,f;g;h;i;j\n");
    let stable = report(&m, &e, &skills_only("coverage"));
    assert_eq!((stable.blocking_pairs, stable.mentees_blocking), (0, 0));
    assert_eq!(stable.ranks, ranks([1, 1, 0, 0, 0]));
    let fair = report(&m, &e, &skills_only("fair"));
    assert_eq!((fair.blocking_pairs, fair.mentees_blocking), (1, 1));
    assert_eq!(
        fair.listed,
        [BlockingPair {
            mentee_id: "e1".into(),
            mentor_id: "m1".into(),
            score: 100.0,
            mentee_has: Some(40.0),
            mentor_gives_up: Some(GivenUp {
                mentee_id: "e2".into(),
                score: 60.0
            }),
        }]
    );
    assert_eq!(fair.ranks, ranks([1, 1, 0, 0, 0]));
    assert_eq!(fair.beyond, 0);
}

/// A mentor with a free place blocks with every mentee who scores them
/// higher than their own match, even an unmatched one.
#[test]
fn a_free_place_blocks_without_displacing_anyone() {
    let m = mentors("id,capacity,skills\nm1,2,a\nm2,1,b\n");
    let e = mentees("id,skills\ne1,a\ne2,a;b\n");
    // `total` takes e1–m1 (100) and e2–m1 (50) or e2–m2 (50): either way m1
    // or m2 keeps a free place, and nobody scores a free mentor higher.
    let s = report(&m, &e, &skills_only("total"));
    assert_eq!(s.blocking_pairs, 0);
    // With m1 full of e1 only if its capacity were 1: e2 (50 with both) is
    // not blocked by an equal score — ties block nobody.
    let m = mentors("id,capacity,skills\nm1,1,a\nm2,1,b\n");
    let s = report(&m, &e, &skills_only("total"));
    assert_eq!(s.blocking_pairs, 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Blocking pairs and ranks agree with a finder that asks `explain` for
    /// every pair's score and whether a rule forbids it.
    #[test]
    fn blocking_pairs_match_an_independent_finder(
        (mentor_people, mentee_people) in program(),
        config in config(),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let Ok(report) = fairness_report(&m, &e, &config, &Rounds::default()) else {
            return Ok(());
        };
        let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
        let own: Vec<Option<(String, f64)>> = e.people.iter().map(|p| {
            outcome.matches.iter().find(|x| x.explanation.mentee_id == p.id)
                .map(|x| (x.explanation.mentor_id.clone(), x.explanation.score))
        }).collect();
        // Per mentor: mentees held and their lowest score.
        let held = |mentor: &str| -> Vec<f64> {
            own.iter().flatten().filter(|(id, _)| id == mentor).map(|&(_, s)| s).collect()
        };
        let mut blocking = Vec::new();
        let mut rank_of = Vec::new();
        for (i, mentee) in e.people.iter().enumerate() {
            let scores: Vec<Option<f64>> = m.people.iter().map(|mentor| {
                let x = explain(&m, &e, &config, &mentee.id, &mentor.id).unwrap();
                x.forbidden.is_none().then_some(x.score)
            }).collect();
            if let Some((mine, s)) = &own[i] {
                let higher = scores.iter().flatten().filter(|&&x| x > *s).count();
                rank_of.push(1 + higher);
                let _ = mine;
            }
            for (j, mentor) in m.people.iter().enumerate() {
                let Some(score) = scores[j] else { continue };
                if own[i].as_ref().is_some_and(|(id, _)| *id == mentor.id) {
                    continue;
                }
                let prefers = own[i].as_ref().is_none_or(|(_, s)| score > *s);
                let has = held(&mentor.id);
                let free = (has.len() as u32) < mentor.capacity;
                let worst = has.iter().copied().fold(f64::INFINITY, f64::min);
                if prefers && (free || score > worst) {
                    blocking.push((mentee.id.clone(), mentor.id.clone()));
                }
            }
        }
        let s = report.stability;
        prop_assert_eq!(s.blocking_pairs as usize, blocking.len());
        let listed: Vec<(String, String)> =
            s.listed.iter().map(|b| (b.mentee_id.clone(), b.mentor_id.clone())).collect();
        prop_assert_eq!(listed, blocking);
        let counted: Vec<usize> = s.ranks.iter().map(|r| r.mentees).collect();
        let expected: Vec<usize> =
            (1..=5).map(|r| rank_of.iter().filter(|&&x| x == r).count()).collect();
        prop_assert_eq!(counted, expected);
        prop_assert_eq!(s.beyond, rank_of.iter().filter(|&&x| x > 5).count());
    }
}
