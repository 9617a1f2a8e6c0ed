//! Stability under participants' stated picks: the report on a hand-worked
//! program, and the report and the `stable` objective against a
//! blocking-pair finder written here (picks read from the generated columns,
//! scores and rules from `explain`) on random programs with random picks.

use crate::invariants::{config, csv, program};
use crate::picks::with_picks;
use crate::stability::rank_counts;
use crate::{mentees, mentors};
use matcher::choices::PickMode;
use matcher::preference_order::Basis;
use matcher::stability::{BlockingPair, GivenUp, PickShares, Stability};
use matcher::{explain, fairness_report, match_rosters, Config, Goal, Roster, Rounds, Side};
use proptest::prelude::*;

/// Scores from a pair-scores file alone (the `picks` criterion weighs 0, so
/// picks only order), pairs below 20 never made:
///
/// | | m1 (picks e2) | m2 | m3 |
/// |---|---|---|---|
/// | e1 (picks m2) | 90 | 50 | – |
/// | e2 (picks m3, m1) | 60 | 40 | 10 |
///
/// `total` makes e1–m1 and e2–m2 (130). Under scores that is stable; under
/// the picks, e1 prefers m2 (their 1st pick), which would give up e2 (40
/// < 50), and e2 prefers m1 (their 2nd pick; m3 is below `min_score`), which
/// picked e2 and would give up e1. `stable` makes e1–m2 and e2–m1.
fn picked(objective: &str) -> (Roster, Roster, Config) {
    let m = mentors("id,capacity,picks\nm1,1,e2\nm2,1,\nm3,1,\n");
    let e = mentees("id,picks\ne1,m2\ne2,m3;m1\n");
    let scores = "mentor_id,mentee_id,score\nm1,e1,90\nm2,e1,50\nm1,e2,60\nm2,e2,40\nm3,e2,10\n";
    let mut config: Config = serde_json::from_str(&format!(
        r#"{{"weights": {{"skills": 0, "goals": 0, "values": 0, "diversity": 0, "pair_score": 1, "picks": 0}},
            "constraints": {{"min_score": 20}}, "solver": {{"objective": "{objective}"}}}}"#
    ))
    .unwrap();
    config.pair_scores = Some(
        matcher::pair_scores::PairScores::from_csv_reader(scores.as_bytes(), "s.csv").unwrap(),
    );
    (m, e, config)
}

fn stability(m: &Roster, e: &Roster, config: &Config) -> Stability {
    fairness_report(m, e, config, &Rounds::default())
        .unwrap()
        .stability
}

#[test]
fn the_report_reads_picks_before_scores() {
    let (m, e, config) = picked("total");
    let s = stability(&m, &e, &config);
    assert_eq!(s.preferences, Basis::PicksWhereGiven);
    assert_eq!((s.blocking_pairs, s.mentees_blocking), (2, 2));
    assert_eq!(
        s.listed,
        [
            BlockingPair {
                mentee_id: "e1".into(),
                mentor_id: "m2".into(),
                score: 50.0,
                mentee_pick: Some(1),
                mentor_pick: None,
                mentee_has: Some(90.0),
                mentor_gives_up: Some(GivenUp {
                    mentee_id: "e2".into(),
                    score: 40.0
                }),
            },
            BlockingPair {
                mentee_id: "e2".into(),
                mentor_id: "m1".into(),
                score: 60.0,
                mentee_pick: Some(2),
                mentor_pick: Some(1),
                mentee_has: Some(40.0),
                mentor_gives_up: Some(GivenUp {
                    mentee_id: "e1".into(),
                    score: 90.0
                }),
            },
        ]
    );
    // Each has one allowed mentor they prefer: 2nd in their own order.
    assert_eq!((s.ranks, s.beyond), (rank_counts([0, 2, 0, 0, 0], 2), 0));
    assert_eq!(
        s.picks,
        Some(PickShares {
            mentees: 2,
            ranks: rank_counts([0, 0, 0, 0, 0], 2),
            beyond: 0,
            none: 2,
            unmatched: 0,
        })
    );

    // Without the picks the same matching is stable and reported by score.
    let m = mentors("id,capacity\nm1,1\nm2,1\nm3,1\n");
    let e = mentees("id\ne1\ne2\n");
    let s = stability(&m, &e, &config);
    assert_eq!(s.preferences, Basis::Scores);
    assert_eq!((s.blocking_pairs, s.picks), (0, None));
    assert_eq!(s.ranks, rank_counts([1, 1, 0, 0, 0], 2));
}

#[test]
fn the_stable_objective_follows_the_picks() {
    let (m, e, config) = picked("stable");
    let outcome = match_rosters(&m, &e, &config).unwrap();
    let pairs: Vec<(&str, &str)> = outcome
        .matches
        .iter()
        .map(|x| (&*x.explanation.mentee_id, &*x.explanation.mentor_id))
        .collect();
    assert_eq!(pairs, [("e1", "m2"), ("e2", "m1")]);
    let s = stability(&m, &e, &config);
    assert_eq!((s.blocking_pairs, s.listed), (0, Vec::new()));
    assert_eq!(s.ranks, rank_counts([2, 0, 0, 0, 0], 2));
    assert_eq!(
        s.picks,
        Some(PickShares {
            mentees: 2,
            ranks: rank_counts([1, 1, 0, 0, 0], 2),
            beyond: 0,
            none: 0,
            unmatched: 0,
        })
    );
}

/// Random picks for `people` people among `others`, distinct, most wanted first.
fn picks_of(choice: &[Vec<usize>], people: usize, others: usize) -> Vec<Vec<usize>> {
    choice
        .iter()
        .take(people)
        .map(|p| {
            let mut seen = Vec::new();
            for &x in p.iter().filter(|&&x| x < others) {
                if !seen.contains(&x) {
                    seen.push(x);
                }
            }
            seen
        })
        .collect()
}

/// How much someone with `picks` wants `other` at `score`: greater is
/// preferred; a pick above everyone not picked, earlier picks first.
fn want(picks: &[usize], other: usize, score: f64) -> (usize, f64) {
    let class = picks
        .iter()
        .position(|&p| p == other)
        .map_or(0, |at| 100 - at);
    (class, score)
}

/// Blocking pairs of `matching`, by mentee then mentor: allowed pairs (a
/// score) where the mentee wants the mentor strictly more than their own,
/// and the mentor has a free place or holds someone it wants strictly less.
fn blocking(
    scores: &[Vec<Option<f64>>],
    capacity: &[u32],
    mentee_picks: &[Vec<usize>],
    mentor_picks: &[Vec<usize>],
    matching: &[Option<usize>],
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (e, row) in scores.iter().enumerate() {
        for (m, &score) in row.iter().enumerate() {
            let Some(score) = score else { continue };
            if matching[e] == Some(m) {
                continue;
            }
            let mine = want(&mentee_picks[e], m, score);
            let prefers = matching[e]
                .is_none_or(|own| mine > want(&mentee_picks[e], own, scores[e][own].unwrap()));
            let held: Vec<usize> = (0..scores.len())
                .filter(|&x| matching[x] == Some(m))
                .collect();
            let theirs = want(&mentor_picks[m], e, score);
            let takes = (held.len() as u32) < capacity[m]
                || held
                    .iter()
                    .any(|&x| theirs > want(&mentor_picks[m], x, scores[x][m].unwrap()));
            if prefers && takes {
                found.push((e, m));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With random picks on both sides (and random capacities, exclusions,
    /// rules, `min_score` and pick mode), the report lists exactly the blocking pairs
    /// the finder here finds, counts pick ranks as the picks say, and the
    /// `stable` objective leaves none.
    #[test]
    fn blocking_pairs_under_picks_match_an_independent_finder(
        (mentor_people, mentee_people) in program(),
        config in config(),
        mentee_choice in prop::collection::vec(prop::collection::vec(0usize..4, 0..4), 7),
        mentor_choice in prop::collection::vec(prop::collection::vec(0usize..7, 0..4), 4),
        stable in any::<bool>(),
        only in any::<bool>(),
    ) {
        let mut config = config;
        if stable {
            config.solver.objective = Goal::Stable;
        }
        if only {
            config.preferences.mode = PickMode::Only;
        }
        let (nm, ne) = (mentor_people.len(), mentee_people.len());
        let mentee_picks = picks_of(&mentee_choice, ne, nm);
        let mentor_picks = picks_of(&mentor_choice, nm, ne);
        let parse = |text: String, side, name| Roster::from_csv_reader(text.as_bytes(), side, name);
        let rosters = (
            parse(with_picks(&csv(&mentor_people, Side::Mentor), 'e', &mentor_picks), Side::Mentor, "m.csv"),
            parse(with_picks(&csv(&mentee_people, Side::Mentee), 'm', &mentee_picks), Side::Mentee, "e.csv"),
        );
        let (m, e) = match rosters {
            (Ok(m), Ok(e)) => (m, e),
            // A pick the picker also excludes is refused (tested in `picks`).
            (m, e) => {
                let problems = m.err().into_iter().chain(e.err()).flatten();
                prop_assert!(problems.into_iter().all(|d| d.code.as_str() == "pick_excluded"));
                return Ok(());
            }
        };
        let Ok(report) = fairness_report(&m, &e, &config, &Rounds::default()) else {
            return Ok(());
        };
        let outcome = match_rosters(&m, &e, &config).unwrap();
        let index = |id: &str| id[1..].parse::<usize>().unwrap() - 1;
        let mut matching = vec![None; ne];
        for x in &outcome.matches {
            matching[index(&x.explanation.mentee_id)] = Some(index(&x.explanation.mentor_id));
        }
        let scores: Vec<Vec<Option<f64>>> = e.people.iter().map(|mentee| {
            m.people.iter().map(|mentor| {
                let x = explain(&m, &e, &config, &mentee.id, &mentor.id).unwrap();
                x.forbidden.is_none().then_some(x.score)
            }).collect()
        }).collect();
        let capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
        let found = blocking(&scores, &capacity, &mentee_picks, &mentor_picks, &matching);
        let s = report.stability;
        let anyone = mentee_picks.iter().chain(&mentor_picks).any(|p| !p.is_empty());
        prop_assert_eq!(s.preferences, if anyone { Basis::PicksWhereGiven } else { Basis::Scores });
        let listed: Vec<(usize, usize)> =
            s.listed.iter().map(|b| (index(&b.mentee_id), index(&b.mentor_id))).collect();
        prop_assert_eq!(&listed, &found);
        prop_assert_eq!(s.blocking_pairs as usize, found.len());
        if stable {
            prop_assert!(found.is_empty(), "stable matching {matching:?} is blocked by {found:?}");
        }
        // Each matched mentee's rank in their own order.
        let mut rank_of = Vec::new();
        for (i, own) in matching.iter().enumerate() {
            let Some(own) = *own else { continue };
            let have = want(&mentee_picks[i], own, scores[i][own].unwrap());
            let above = (0..nm)
                .filter(|&j| scores[i][j].is_some_and(|x| want(&mentee_picks[i], j, x) > have))
                .count();
            rank_of.push(1 + above);
        }
        let got: Vec<usize> = s.ranks.iter().map(|r| r.mentees).collect();
        let expected: Vec<usize> = (1..=5).map(|r| rank_of.iter().filter(|&&x| x == r).count()).collect();
        prop_assert_eq!(got, expected);
        // Which pick each mentee who gave picks got.
        match s.picks {
            None => prop_assert!(!anyone),
            Some(shares) => {
                let gave: Vec<usize> = (0..ne).filter(|&i| !mentee_picks[i].is_empty()).collect();
                let pick = |i: usize| matching[i].and_then(|m| mentee_picks[i].iter().position(|&p| p == m));
                prop_assert_eq!(shares.mentees, gave.len());
                let got: Vec<usize> = shares.ranks.iter().map(|r| r.mentees).collect();
                let expected: Vec<usize> = (0..5)
                    .map(|r| gave.iter().filter(|&&i| pick(i) == Some(r)).count())
                    .collect();
                prop_assert_eq!(got, expected);
                prop_assert_eq!(shares.beyond, 0);
                prop_assert_eq!(shares.unmatched, gave.iter().filter(|&&i| matching[i].is_none()).count());
                prop_assert_eq!(shares.none, gave.iter().filter(|&&i| matching[i].is_some() && pick(i).is_none()).count());
            }
        }
    }
}
