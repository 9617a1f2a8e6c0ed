//! `[preferences] mode = "rank"`: rank-maximal matchings over mentees' picks,
//! against examples worked out by hand and against a brute force over every
//! matching of small random programs with random pair scores.

use crate::{mentees, mentors, rounds_of};
use matcher::choices::PickMode;
use matcher::pair_scores::PairScores;
use matcher::{match_rosters, Config, Error, MatchOutcome, Program, Roster, Rounds};
use proptest::prelude::*;

/// Scores from a pair-scores file alone (`picks` at its default 0.3 on top),
/// under `objective`, in `mode`.
fn config(scores: &str, objective: &str, mode: PickMode) -> Config {
    let mut config: Config = serde_json::from_str(&format!(
        r#"{{"weights": {{"skills": 0, "goals": 0, "values": 0, "diversity": 0, "pair_score": 1}},
            "solver": {{"objective": "{objective}", "threads": 1}}}}"#
    ))
    .unwrap();
    config.pair_scores =
        Some(PairScores::from_csv_reader(scores.as_bytes(), "scores.csv").unwrap());
    config.preferences.mode = mode;
    config.validate().unwrap();
    config
}

/// The pairs made, as (mentee id, mentor id).
fn pairs(outcome: &MatchOutcome) -> Vec<(&str, &str)> {
    (outcome.matches.iter())
        .map(|x| (&*x.explanation.mentee_id, &*x.explanation.mentor_id))
        .collect()
}

/// m1 and m2 have one place each; e1 picks m1 then m2, e2 picks m1 alone.
/// Pair scores: e1–m1 and e2–m2 100, the crossed pairs 0. With picks 0.3:
///
/// - e1–m1: (1 + 0.3·1) / 1.3 = 100; e2–m2: (1 + 0) / 1.3 = 76.92;
/// - e1–m2: (0 + 0.3·½) / 1.3 = 11.54; e2–m1: (0 + 0.3·1) / 1.3 = 23.08.
///
/// `bonus` takes the straight pairs (176.92, one 1st pick). `rank` gives
/// e2 its 1st pick and e1 its 2nd (34.62): one 1st and one 2nd beat one 1st.
fn crossed() -> (Roster, Roster, &'static str) {
    (
        mentors("id,capacity\nm1,1\nm2,1\n"),
        mentees("id,picks\ne1,m1; m2\ne2,m1\n"),
        "mentor_id,mentee_id,score\nm1,e1,100\nm2,e2,100\nm2,e1,0\nm1,e2,0\n",
    )
}

#[test]
fn rank_mode_gives_second_picks_where_bonus_mode_gives_the_higher_total() {
    let (m, e, scores) = crossed();
    let bonus = match_rosters(&m, &e, &config(scores, "coverage", PickMode::Bonus)).unwrap();
    assert_eq!(pairs(&bonus), [("e1", "m1"), ("e2", "m2")]);
    assert_eq!(bonus.summary.total_score, 176.92);
    assert_eq!(bonus.summary.pick_ranks, Some(vec![1, 0]));
    for objective in ["coverage", "total"] {
        let rank = match_rosters(&m, &e, &config(scores, objective, PickMode::Rank)).unwrap();
        assert_eq!(pairs(&rank), [("e1", "m2"), ("e2", "m1")], "{objective}");
        assert_eq!(rank.summary.pick_ranks, Some(vec![1, 1]));
        assert_eq!(rank.summary.total_score, 34.62);
        assert_eq!((rank.summary.dual_bound, rank.summary.gap), (34.62, 0.0));
    }
    let json = serde_json::to_value(&bonus.summary).unwrap();
    assert_eq!(json["pick_ranks"], serde_json::json!([1, 0]));
}

#[test]
fn one_solve_per_stage() {
    let (m, e, scores) = crossed();
    let none = Rounds::default();
    let solves = |objective| {
        let config = config(scores, objective, PickMode::Rank);
        Program::new(&m, &e, config, &none).unwrap().solves()
    };
    // coverage: matched, 1st picks, 2nd picks, score; total: without the first.
    assert_eq!(solves("coverage"), 4);
    assert_eq!(solves("total"), 3);
    // Nobody picked: no rank stage.
    let plain = mentees("id\ne1\ne2\n");
    let config = config(scores, "coverage", PickMode::Rank);
    assert_eq!(Program::new(&m, &plain, config, &none).unwrap().solves(), 2);
}

/// e1 picks m1; e2 picked nobody and excludes m2, so m1 is its only mentor.
/// Under `coverage` both are matched (e2–m1, e1–m2) and nobody gets a pick;
/// under `total` the ranks come first: e1 gets m1 and e2 stays unmatched.
#[test]
fn coverage_comes_before_the_ranks_and_total_after_them() {
    let m = mentors("id,capacity\nm1,1\nm2,1\n");
    let e = mentees("id,picks,exclude\ne1,m1,\ne2,,m2\n");
    let scores = "mentor_id,mentee_id,score\nm1,e1,50\nm2,e1,50\nm1,e2,50\n";
    let coverage = match_rosters(&m, &e, &config(scores, "coverage", PickMode::Rank)).unwrap();
    assert_eq!(pairs(&coverage), [("e1", "m2"), ("e2", "m1")]);
    assert_eq!(coverage.summary.pick_ranks, Some(vec![0]));
    let total = match_rosters(&m, &e, &config(scores, "total", PickMode::Rank)).unwrap();
    assert_eq!(pairs(&total), [("e1", "m1")]);
    assert_eq!(total.summary.pick_ranks, Some(vec![1]));
    assert_eq!(total.unmatched[0].mentee_id, "e2");
}

/// A locked pair keeps its place and counts in the ranks: with e1–m1 locked,
/// e2's only pick is taken and e2 gets m2.
#[test]
fn locked_pairs_hold_and_count() {
    let (m, e, scores) = crossed();
    let rounds = rounds_of("mentor_id,mentee_id\nm1,e1\n", "mentor_id,mentee_id\n");
    let config = config(scores, "coverage", PickMode::Rank);
    let program = Program::new(&m, &e, config, &rounds).unwrap();
    let outcome = program.outcome();
    assert_eq!(pairs(outcome), [("e1", "m1"), ("e2", "m2")]);
    assert_eq!(outcome.summary.pick_ranks, Some(vec![1, 0]));
}

#[test]
fn rank_mode_refuses_the_fair_and_stable_objectives() {
    for objective in ["fair", "stable"] {
        let json = format!(
            r#"{{"preferences": {{"mode": "rank"}}, "solver": {{"objective": "{objective}"}}}}"#
        );
        let config: Config = serde_json::from_str(&json).unwrap();
        let error = config.validate().unwrap_err();
        assert_eq!(error.key, "preferences.mode");
        assert!(
            error.message.contains("\"coverage\" or \"total\""),
            "{error}"
        );
    }
}

/// One random program: per mentor a capacity of 1–2; per mentee its picks
/// and exclusions (mentor positions) and a score in hundredths (or no pair
/// score, which scores 0) per mentor.
#[derive(Debug, Clone)]
struct Case {
    capacity: Vec<u32>,
    picks: Vec<Vec<usize>>,
    exclude: Vec<Vec<usize>>,
    scores: Vec<Vec<Option<u32>>>,
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=4, 1usize..=6).prop_flat_map(|(nm, ne)| {
        (
            prop::collection::vec(1u32..=2, nm),
            prop::collection::vec(prop::collection::vec(0..nm, 0..=3), ne),
            prop::collection::vec(prop::collection::vec(0..nm, 0..=1), ne),
            prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.8, 0u32..=10_000), nm),
                ne,
            ),
        )
            .prop_map(|(capacity, picks, exclude, scores)| {
                let mut picks = picks;
                for p in &mut picks {
                    let mut seen = Vec::new();
                    p.retain(|m| {
                        !seen.contains(m) && {
                            seen.push(*m);
                            true
                        }
                    });
                }
                // A mentee may not exclude a mentor it picks.
                let exclude = (exclude.into_iter().zip(&picks))
                    .map(|(x, p)| x.into_iter().filter(|m| !p.contains(m)).collect())
                    .collect();
                Case {
                    capacity,
                    picks,
                    exclude,
                    scores,
                }
            })
    })
}

impl Case {
    fn rosters(&self) -> (Roster, Roster) {
        let mut m = String::from("id,capacity\n");
        for (j, c) in self.capacity.iter().enumerate() {
            m.push_str(&format!("m{j},{c}\n"));
        }
        let ids = |list: &[usize]| -> String {
            let ids: Vec<String> = list.iter().map(|j| format!("m{j}")).collect();
            ids.join(";")
        };
        let mut e = String::from("id,picks,exclude\n");
        for (i, (p, x)) in self.picks.iter().zip(&self.exclude).enumerate() {
            e.push_str(&format!("e{i},{},{}\n", ids(p), ids(x)));
        }
        (mentors(&m), mentees(&e))
    }

    fn score_file(&self) -> String {
        let mut text = String::from("mentor_id,mentee_id,score\n");
        for (i, row) in self.scores.iter().enumerate() {
            for (j, s) in row.iter().enumerate() {
                if let Some(s) = s {
                    text.push_str(&format!("m{j},e{i},{}.{:02}\n", s / 100, s % 100));
                }
            }
        }
        text
    }

    /// The pair's total score in hundredths, worked out here: the weighted
    /// mean of the pair score (weight 1, when the file has the pair) and the
    /// `picks` criterion (weight 0.3, when the mentee picked): (k − r + 1) / k
    /// for their pick of rank r of k, 0 for a mentor they did not pick.
    fn score(&self, i: usize, j: usize) -> u32 {
        let k = self.picks[i].len();
        let pick = (k > 0).then(|| {
            let at = self.picks[i].iter().position(|&p| p == j);
            at.map_or(0.0, |at| (k - at) as f64 / k as f64)
        });
        let parts = [
            (self.scores[i][j].map(|s| f64::from(s) / 10_000.0), 1.0),
            (pick, 0.3),
        ];
        let sum: f64 = parts.iter().filter_map(|&(v, w)| v.map(|v| v * w)).sum();
        let weight: f64 = parts
            .iter()
            .filter(|(v, _)| v.is_some())
            .map(|&(_, w)| w)
            .sum();
        if weight == 0.0 {
            return 0;
        }
        (sum / weight * 10_000.0).round() as u32
    }
}

/// The best key over every matching, by exhaustive search: `key` of
/// (matched, per-rank counts, total score in hundredths).
fn best(
    case: &Case,
    capacity: &mut [u32],
    i: usize,
    got: &mut (usize, Vec<usize>, u64),
    key: &impl Fn(&(usize, Vec<usize>, u64)) -> Vec<u64>,
) -> Vec<u64> {
    if i == case.picks.len() {
        return key(got);
    }
    let mut top = best(case, capacity, i + 1, got, key);
    for j in 0..capacity.len() {
        if capacity[j] == 0 || case.exclude[i].contains(&j) {
            continue;
        }
        let (score, rank) = (case.score(i, j), case.picks[i].iter().position(|&p| p == j));
        capacity[j] -= 1;
        got.0 += 1;
        got.2 += u64::from(score);
        if let Some(r) = rank {
            got.1[r] += 1;
        }
        top = top.max(best(case, capacity, i + 1, got, key));
        if let Some(r) = rank {
            got.1[r] -= 1;
        }
        got.2 -= u64::from(score);
        got.0 -= 1;
        capacity[j] += 1;
    }
    top
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The rank vector is the lexicographic maximum over every matching (after
    /// the most matched, under `coverage`), and the total the best among the
    /// matchings with that vector; on the dense and the sparse solver path.
    #[test]
    fn rank_mode_is_rank_maximal_then_best_total(
        case in case(),
        objective in prop::sample::select(vec!["coverage", "total"]),
        sparse in any::<bool>(),
    ) {
        let (m, e) = case.rosters();
        let mut config = config(&case.score_file(), objective, PickMode::Rank);
        if sparse {
            config.solver.max_memory.0 = 1;
        }
        let outcome = match match_rosters(&m, &e, &config) {
            Ok(outcome) => outcome,
            // Every pair excluded: nobody can be matched at all.
            Err(Error::Roster(_)) => return Ok(()),
            Err(other) => panic!("{other}"),
        };
        let scorer = matcher::score::Scorer::new(&m, &e, &config);
        for i in 0..e.people.len() {
            for j in 0..m.people.len() {
                prop_assert_eq!(scorer.score(i, j), case.score(i, j));
            }
        }
        let longest = case.picks.iter().map(Vec::len).max().unwrap_or(0);
        let coverage = objective == "coverage";
        let key = |(matched, ranks, total): &(usize, Vec<usize>, u64)| {
            let mut key: Vec<u64> = Vec::new();
            if coverage {
                key.push(*matched as u64);
            }
            key.extend(ranks.iter().map(|&n| n as u64));
            key.extend([*total, *matched as u64]);
            key
        };
        let mut capacity = case.capacity.clone();
        let top = best(&case, &mut capacity, 0, &mut (0, vec![0; longest], 0), &key);
        let mut ranks = vec![0; longest];
        let mut total = 0;
        for x in &outcome.matches {
            let (i, j): (usize, usize) = (
                x.explanation.mentee_id[1..].parse().unwrap(),
                x.explanation.mentor_id[1..].parse().unwrap(),
            );
            prop_assert!(!case.exclude[i].contains(&j));
            if let Some(r) = case.picks[i].iter().position(|&p| p == j) {
                ranks[r] += 1;
            }
            total += u64::from(case.score(i, j));
        }
        for (j, load) in outcome.mentors.iter().enumerate() {
            prop_assert!(load.assigned <= case.capacity[j]);
        }
        let got = key(&(outcome.summary.matched, ranks.clone(), total));
        prop_assert_eq!(got, top);
        let reported = outcome.summary.pick_ranks.clone();
        prop_assert_eq!(reported, (longest > 0).then_some(ranks));
        prop_assert_eq!(outcome.summary.gap, 0.0);
    }
}

#[test]
fn scores_and_ids_of_the_random_cases_read_back() {
    let case = Case {
        capacity: vec![2, 1],
        picks: vec![vec![1, 0], vec![]],
        exclude: vec![vec![], vec![1]],
        scores: vec![vec![Some(1234), None], vec![Some(5), Some(10_000)]],
    };
    let (m, e) = case.rosters();
    assert_eq!(e.people[0].picks, ["m1", "m0"]);
    assert_eq!(m.people[0].capacity, 2);
    // e0–m0: (0.1234 + 0.3·½) / 1.3 = 21.03; e0–m1 has no pair score: its
    // 1st pick alone, 100; e1 picked nobody: the pair score alone.
    let got: Vec<u32> = [(0, 0), (0, 1), (1, 0), (1, 1)]
        .iter()
        .map(|&(i, j)| case.score(i, j))
        .collect();
    assert_eq!(got, [2103, 10_000, 5, 10_000]);
    assert_eq!(
        case.score_file(),
        "mentor_id,mentee_id,score\nm0,e0,12.34\nm0,e1,0.05\nm1,e1,100.00\n"
    );
}
