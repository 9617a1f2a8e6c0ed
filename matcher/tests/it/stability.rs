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
    rank_counts(counts, counts.iter().sum())
}

/// The report's rank counts for ranks 1 to 5, as shares of `of` mentees.
pub(crate) fn rank_counts(counts: [usize; 5], of: usize) -> Vec<RankCount> {
    (1..=5)
        .zip(counts)
        .map(|(rank, mentees)| RankCount {
            rank,
            mentees,
            share: mentees as f64 / of as f64,
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
            mentee_pick: None,
            mentor_pick: None,
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

/// Scores and whether each pair is allowed, by `explain`: `None` where a
/// rule (or a mentor without places) forbids it.
fn allowed_scores(m: &Roster, e: &Roster, config: &Config) -> Vec<Vec<Option<f64>>> {
    e.people
        .iter()
        .map(|mentee| {
            m.people
                .iter()
                .map(|mentor| {
                    let x = explain(m, e, config, &mentee.id, &mentor.id).unwrap();
                    x.forbidden.is_none().then_some(x.score)
                })
                .collect()
        })
        .collect()
}

/// Whether `matching` (per mentee, its mentor) is stable under strict
/// preferences: by score, ties to the earlier mentor (mentees' view) and the
/// earlier mentee (mentors' view).
fn strictly_stable(
    scores: &[Vec<Option<f64>>],
    capacity: &[u32],
    matching: &[Option<usize>],
) -> bool {
    // Greater is better: (score, earlier index first).
    let mentee_key = |e: usize, m: usize| (scores[e][m].unwrap(), std::cmp::Reverse(m));
    let mentor_key = |e: usize, m: usize| (scores[e][m].unwrap(), std::cmp::Reverse(e));
    for e in 0..scores.len() {
        for m in 0..capacity.len() {
            if scores[e][m].is_none() || matching[e] == Some(m) {
                continue;
            }
            let prefers = matching[e].is_none_or(|own| mentee_key(e, m) > mentee_key(e, own));
            let held: Vec<usize> = (0..scores.len())
                .filter(|&x| matching[x] == Some(m))
                .collect();
            let takes = (held.len() as u32) < capacity[m]
                || held.iter().any(|&x| mentor_key(e, m) > mentor_key(x, m));
            if prefers && takes {
                return false;
            }
        }
    }
    true
}

/// Every assignment of mentees to allowed mentors within capacity.
fn every_matching(
    scores: &[Vec<Option<f64>>],
    capacity: &mut [u32],
    e: usize,
    now: &mut Vec<Option<usize>>,
    out: &mut Vec<Vec<Option<usize>>>,
) {
    if e == scores.len() {
        out.push(now.clone());
        return;
    }
    now.push(None);
    every_matching(scores, capacity, e + 1, now, out);
    now.pop();
    for m in 0..capacity.len() {
        if scores[e][m].is_some() && capacity[m] > 0 {
            capacity[m] -= 1;
            now.push(Some(m));
            every_matching(scores, capacity, e + 1, now, out);
            now.pop();
            capacity[m] += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// The `stable` objective has no blocking pair (by the finder written
    /// here), and gives every mentee the best mentor they have in any stable
    /// matching (found by enumerating every matching); the report prices it
    /// against the exact optimum.
    #[test]
    fn the_stable_objective_is_mentee_optimal_and_stable(
        (mentor_people, mentee_people) in program(),
        config in config(),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let mut config = config;
        config.solver.objective = matcher::Goal::Stable;
        let Ok(report) = fairness_report(&m, &e, &config, &Rounds::default()) else {
            return Ok(());
        };
        prop_assert_eq!(report.stability.blocking_pairs, 0);
        let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
        let matching: Vec<Option<usize>> = e.people.iter().map(|p| {
            outcome.matches.iter().find(|x| x.explanation.mentee_id == p.id)
                .map(|x| m.people.iter().position(|q| q.id == x.explanation.mentor_id).unwrap())
        }).collect();
        let scores = allowed_scores(&m, &e, &config);
        let mut capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
        prop_assert!(strictly_stable(&scores, &capacity, &matching));
        let mut all = Vec::new();
        every_matching(&scores, &mut capacity, 0, &mut Vec::new(), &mut all);
        let key = |i: usize, mentor: Option<usize>| mentor.map(|x| (scores[i][x].unwrap(), std::cmp::Reverse(x)));
        for other in all.iter().filter(|o| strictly_stable(&scores, &capacity, o)) {
            for i in 0..matching.len() {
                prop_assert!(key(i, matching[i]) >= key(i, other[i]), "mentee {i}: {matching:?} vs {other:?}");
            }
        }
        let price = report.price_of_stability.unwrap();
        let best = matcher::match_rosters(&m, &e, &matcher::Config {
            solver: matcher::config::SolverOptions { objective: matcher::Goal::Coverage, ..config.solver },
            ..config.clone()
        }).unwrap();
        prop_assert_eq!(price.optimum_matched, best.summary.matched);
        prop_assert!((price.optimum_total - best.summary.total_score).abs() < 1e-9);
        prop_assert_eq!(price.stable_matched, outcome.summary.matched);
        prop_assert!(price.stable_total <= price.optimum_total + 1e-9 || price.stable_matched < price.optimum_matched);
    }
}

/// Ties go to the earlier mentee: e3 takes m2 from e1, who then takes m1
/// from e2 at an equal score (50 each), leaving e2 unmatched.
#[test]
fn stable_ties_go_to_the_earlier_mentee() {
    let m = mentors("id,capacity\nm1,1\nm2,1\n");
    let e = mentees("id\ne1\ne2\ne3\n");
    let scores = "mentor_id,mentee_id,score\nm2,e1,60\nm1,e1,50\nm1,e2,50\nm2,e3,100\n";
    let mut config: Config = serde_json::from_str(
        r#"{"weights": {"skills": 0, "goals": 0, "values": 0, "diversity": 0, "pair_score": 1},
            "constraints": {"min_score": 1}, "solver": {"objective": "stable"}}"#,
    )
    .unwrap();
    config.pair_scores = Some(
        matcher::pair_scores::PairScores::from_csv_reader(scores.as_bytes(), "s.csv").unwrap(),
    );
    let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
    let pairs: Vec<(&str, &str)> = outcome
        .matches
        .iter()
        .map(|x| {
            (
                x.explanation.mentee_id.as_str(),
                x.explanation.mentor_id.as_str(),
            )
        })
        .collect();
    assert_eq!(pairs, [("e1", "m1"), ("e3", "m2")]);
    assert_eq!(outcome.unmatched[0].mentee_id, "e2");
}

/// 500 generated mentees for 200 one-place mentors: lists run out and are
/// refilled many times, and still no pair blocks (by the finder written
/// here, over every pair's explanation).
#[test]
fn stable_over_many_refills_on_an_oversubscribed_cohort() {
    let (mut mentor_csv, mut mentee_csv) = (Vec::new(), Vec::new());
    let spec = matcher::generate::Spec {
        mentors: 200,
        mentees: 500,
        seed: 11,
        capacity: Some(1),
        picks: false,
    };
    matcher::generate::write(&spec, &mut mentor_csv, &mut mentee_csv).unwrap();
    let (m, e) = matcher::read_rosters(&mentor_csv[..], "m.csv", &mentee_csv[..], "e.csv").unwrap();
    let mut config = Config::default();
    config.solver.objective = matcher::Goal::Stable;
    let program = matcher::Program::new(&m, &e, config, &Rounds::default()).unwrap();
    let scores: Vec<Vec<Option<f64>>> = e
        .people
        .iter()
        .map(|mentee| {
            m.people
                .iter()
                .map(|mentor| {
                    let x = program.explain(&mentee.id, &mentor.id).unwrap();
                    x.forbidden.is_none().then_some(x.score)
                })
                .collect()
        })
        .collect();
    let outcome = program.outcome();
    assert_eq!(outcome.summary.matched, 200);
    let matching: Vec<Option<usize>> = e
        .people
        .iter()
        .map(|p| {
            outcome
                .matches
                .iter()
                .find(|x| x.explanation.mentee_id == p.id)
                .map(|x| {
                    m.people
                        .iter()
                        .position(|q| q.id == x.explanation.mentor_id)
                        .unwrap()
                })
        })
        .collect();
    let capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
    assert!(strictly_stable(&scores, &capacity, &matching));
    // No exact solve for the matching; the first report solves the optimum
    // it is priced against, and keeps it.
    assert_eq!(program.solves(), 0);
    let report = program.fairness_report().unwrap();
    assert_eq!(report.stability.blocking_pairs, 0);
    let price = report
        .price_of_stability
        .expect("a stable program is priced");
    assert_eq!(program.solves(), 1);
    assert_eq!(program.fairness_report().unwrap(), report);
    assert_eq!(program.solves(), 1);
    // Every mentor has one place: both fill all 200, and the optimum's total
    // is at least the stable matching's.
    assert_eq!((price.stable_matched, price.optimum_matched), (200, 200));
    assert!(price.optimum_total >= price.stable_total);
    assert_eq!(price.stable_total, outcome.summary.total_score);
    // The reported bound is each mentee's best allowed score, summed.
    let best: f64 = scores
        .iter()
        .map(|row| row.iter().flatten().copied().fold(0.0, f64::max))
        .sum();
    assert!((outcome.summary.dual_bound - best).abs() < 1e-6);
}

/// Both sides rank the other by one master list (score 100 − 0.3 i − 0.3 j
/// for mentee i and mentor j): the stable matching pairs mentee i with
/// mentor i, so the last of 150 mentees proposes to 150 mentors and reads
/// its ranking in three lists.
#[test]
fn stable_master_lists_pair_rank_with_rank() {
    let n = 150;
    let ids = |prefix: &str| {
        (0..n)
            .map(|i| format!("{prefix}{i:03}"))
            .collect::<Vec<_>>()
    };
    let (mentor_ids, mentee_ids) = (ids("m"), ids("e"));
    let m = mentors(&format!(
        "id,capacity\n{}\n",
        mentor_ids.join(",1\n") + ",1"
    ));
    let e = mentees(&format!("id\n{}\n", mentee_ids.join("\n")));
    let mut scores = String::from("mentor_id,mentee_id,score\n");
    for (i, mentee) in mentee_ids.iter().enumerate() {
        for (j, mentor) in mentor_ids.iter().enumerate() {
            let score = 100.0 - 0.3 * (i + j) as f64;
            scores += &format!("{mentor},{mentee},{score:.2}\n");
        }
    }
    let mut config: Config = serde_json::from_str(
        r#"{"weights": {"skills": 0, "goals": 0, "values": 0, "diversity": 0, "pair_score": 1},
            "solver": {"objective": "stable"}}"#,
    )
    .unwrap();
    config.pair_scores = Some(
        matcher::pair_scores::PairScores::from_csv_reader(scores.as_bytes(), "s.csv").unwrap(),
    );
    let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
    let pairs: Vec<(String, String)> = outcome
        .matches
        .iter()
        .map(|x| {
            (
                x.explanation.mentee_id.clone(),
                x.explanation.mentor_id.clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = mentee_ids.into_iter().zip(mentor_ids).collect();
    assert_eq!(pairs, expected);
}
