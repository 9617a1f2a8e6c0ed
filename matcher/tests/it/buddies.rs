//! Buddy pairs with rounds: locked pairs kept and paired around, history
//! pairs never made again, every bad lock located, and the pairing and the
//! cost of forcing a pair against brute force over every matching.

use crate::rounds_of;
use matcher::buddies::why_not::PairStanding;
use matcher::buddies::{pair_people_with, BuddyProgram, PairsOutcome};
use matcher::people::People;
use matcher::score::Scorer;
use matcher::{Config, Error, Rounds};
use proptest::prelude::*;

fn people(csv: &str) -> People {
    People::from_reader(csv.as_bytes(), "people.csv", &Default::default()).expect("valid people")
}

/// Skills only, `min_score` as given, one thread.
fn config(objective: &str, min_score: u32) -> Config {
    serde_json::from_str(&format!(
        r#"{{"weights": {{"skills": 1, "goals": 0, "values": 0, "diversity": 0}},
            "constraints": {{"min_score": {min_score}}},
            "solver": {{"objective": "{objective}", "threads": 1}}}}"#
    ))
    .unwrap()
}

/// The pairs made, as (first id, second id, locked).
fn pairs(outcome: &PairsOutcome) -> Vec<(&str, &str, bool)> {
    outcome
        .pairs
        .iter()
        .map(|p| (p.a_id.as_str(), p.b_id.as_str(), p.locked))
        .collect()
}

/// Four people, skills only. Pair scores (the mean of both ways): a–b 100,
/// c–d 75 (c learns half of what it wants from d), a–d 50, a–c 25, b–c and
/// b–d 0.
const FOUR: &str = "id,skills,learning\n\
                    a,A;C,B\n\
                    b,B,A\n\
                    c,C,D;A\n\
                    d,D,C\n";

#[test]
fn a_locked_pair_is_kept_and_the_rest_paired_around_it() {
    let p = people(FOUR);
    let c = config("coverage", 0);
    let free = pair_people_with(&p, &c, &Rounds::default()).unwrap();
    assert_eq!(pairs(&free), [("a", "b", false), ("c", "d", false)]);
    assert_eq!(free.summary.total_score, 175.0);
    // The columns are the pair's two people, in either order, ids compared
    // case-insensitively.
    let rounds = rounds_of("mentor_id,mentee_id\nC,a\n", "mentor_id,mentee_id\n");
    let locked = pair_people_with(&p, &c, &rounds).unwrap();
    assert_eq!(pairs(&locked), [("a", "c", true), ("b", "d", false)]);
    // The locked pair counts in the pairs and the totals, like a one-mentor lock.
    let scores: Vec<f64> = locked.pairs.iter().map(|p| p.score).collect();
    assert_eq!(scores, [25.0, 0.0]);
    assert_eq!(
        (locked.summary.pairs, locked.summary.total_score),
        (2, 25.0)
    );
    assert_eq!(locked.summary.dual_bound, 25.0);
    let json = serde_json::to_value(&locked).unwrap();
    assert_eq!(json["pairs"][0]["locked"], true);
    assert!(json["pairs"][1].get("locked").is_none());
}

#[test]
fn a_history_pair_is_never_made_again_either_way_round() {
    let p = people(FOUR);
    let rounds = rounds_of("mentor_id,mentee_id\n", "mentor_id,mentee_id\nb,a\n");
    let outcome = pair_people_with(&p, &config("coverage", 0), &rounds).unwrap();
    // Two pairs first: a–d (50) and b–c (0) beat a–c (25) and b–d (0).
    assert_eq!(pairs(&outcome), [("a", "d", false), ("b", "c", false)]);
    // The highest total: c–d alone (75), a and b left unpaired.
    let outcome = pair_people_with(&p, &config("total", 0), &rounds).unwrap();
    assert_eq!(pairs(&outcome), [("c", "d", false)]);
    let unpaired: Vec<(&str, &str)> = outcome
        .unpaired
        .iter()
        .map(|u| (u.id.as_str(), u.detail.as_str()))
        .collect();
    assert_eq!(
        unpaired,
        [
            (
                "a",
                "all 2 people they could pair with are paired with others"
            ),
            (
                "b",
                "all 2 people they could pair with are paired with others"
            )
        ]
    );
}

#[test]
fn every_bad_lock_is_a_located_error() {
    let p = people(
        "id,skills,learning,exclude\n\
         a,x,y,\n\
         b,y,x,\n\
         c,x,y,d\n\
         d,y,x,\n\
         e,x;z,x,\n\
         f,x,z,\n",
    );
    let locked = "mentor_id,mentee_id\n\
                  a,b\n\
                  b,e\n\
                  c,d\n\
                  e,e\n\
                  zz,a\n\
                  f,a\n\
                  e,f\n";
    let history = "mentor_id,mentee_id\nf,e\n";
    let Err(Error::Roster(problems)) =
        pair_people_with(&p, &config("coverage", 10), &rounds_of(locked, history))
    else {
        panic!("bad locks must be refused");
    };
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{p} [{}]", p.code.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            "locked.csv:3:mentor_id: \"b\" is already locked on row 2 [duplicate_lock]",
            "locked.csv:4: the pair may never be made: c learning from d: excluded by the mentee [lock_forbidden]",
            "locked.csv:5:mentee_id: \"e\" is locked with themselves (hint: a pair is two different people) [lock_forbidden]",
            "locked.csv:6:mentor_id: \"zz\" is not a person id in people.csv (hint: ids must match the rosters (case-insensitively)) [unknown_pair_id]",
            "locked.csv:7:mentee_id: \"a\" is already locked on row 2 [duplicate_lock]",
            "locked.csv:8: the pair may never be made: it is in history.csv (made in an earlier cycle) [lock_forbidden]",
        ]
    );
    // f learns nothing it wants from b: below min_score.
    let rounds = rounds_of("mentor_id,mentee_id\nf,b\n", "mentor_id,mentee_id\n");
    let Err(Error::Roster(problems)) = pair_people_with(&p, &config("coverage", 10), &rounds)
    else {
        panic!("a lock below min_score must be refused");
    };
    assert_eq!(
        problems[0].to_string(),
        "locked.csv:2: the pair may never be made: f learning from b scores 0.00, below min_score"
    );
}

#[test]
fn a_program_owning_its_roster_answers_as_one_borrowing_it() {
    let p = people(FOUR);
    let rounds = rounds_of("mentor_id,mentee_id\nc,a\n", "mentor_id,mentee_id\n");
    let borrowing = BuddyProgram::new(&p, config("coverage", 0), &rounds).unwrap();
    let owning = BuddyProgram::owning(people(FOUR), config("coverage", 0), &rounds).unwrap();
    assert_eq!(
        pairs(owning.outcome()),
        [("a", "c", true), ("b", "d", false)]
    );
    assert_eq!(owning.outcome(), borrowing.outcome());
    assert_eq!(
        owning.why_not("b", Some("a")).unwrap(),
        borrowing.why_not("b", Some("a")).unwrap()
    );
    assert_eq!(owning.suggest(2), borrowing.suggest(2));
    assert_eq!(owning.fairness_report(), borrowing.fairness_report());
}

#[test]
fn why_not_forces_the_pair_and_prices_it_exactly() {
    let p = people(FOUR);
    let program = BuddyProgram::new(&p, config("coverage", 0), &Rounds::default()).unwrap();
    let verdict = program.why_not("a", Some("c")).unwrap();
    assert!(matches!(verdict.person, PairStanding::Paired(_)));
    let pair = verdict.pair.unwrap();
    assert!(!pair.made);
    assert_eq!(pair.score, 25.0);
    let forcing = pair.forcing.unwrap();
    assert_eq!(
        (forcing.total_score, forcing.forced_total_score),
        (175.0, 25.0)
    );
    let moves: Vec<(&str, Option<&str>, Option<&str>)> = forcing
        .moves
        .iter()
        .map(|m| (m.id.as_str(), m.from.as_deref(), m.to.as_deref()))
        .collect();
    assert_eq!(
        moves,
        [
            ("a", Some("b"), Some("c")),
            ("b", Some("a"), Some("d")),
            ("c", Some("d"), Some("a")),
            ("d", Some("c"), Some("b")),
        ]
    );
    assert_eq!(program.solves(), 2);
    // Suggestions: the optimal partner first, then by pair score.
    let suggestions = program.suggest(3);
    let firsts: Vec<Vec<&str>> = suggestions
        .iter()
        .map(|s| s.partners.iter().map(|p| p.partner_id.as_str()).collect())
        .collect();
    assert_eq!(
        firsts,
        [
            vec!["b", "d", "c"],
            vec!["a", "c", "d"],
            vec!["d", "a", "b"],
            vec!["c", "a", "b"]
        ]
    );
}

#[test]
fn the_report_covers_the_pairs_and_prices_diversity() {
    // FOUR with a team each; skills and diversity weigh the same. Pair
    // scores: a–d 75, a–c 62.5, a–b, b–c and b–d 50, c–d 37.5; the best is
    // a–d with b–c (125), both across teams.
    let p = people(
        "id,skills,learning,team\n\
         a,A;C,B,x\n\
         b,B,A,x\n\
         c,C,D;A,y\n\
         d,D,C,y\n",
    );
    let c: Config = serde_json::from_str(
        r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 1},
            "diversity": {"team": "different"}, "solver": {"threads": 1}}"#,
    )
    .unwrap();
    let program = BuddyProgram::new(&p, c, &Rounds::default()).unwrap();
    assert_eq!(
        pairs(program.outcome()),
        [("a", "d", false), ("b", "c", false)]
    );
    let before = serde_json::to_value(program.fairness_report()).unwrap();
    assert_eq!(before["cost_of_diversity"], serde_json::Value::Null);
    // Without diversity the best is a–b with c–d (100 + 75); this pairing
    // scores 50 + 0 that way.
    program.cost_of_diversity().unwrap();
    assert_eq!(program.solves(), 2);
    let report = serde_json::to_value(program.fairness_report()).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "worst_off": {"a_id": "b", "b_id": "c", "score": 50.0},
            "deciles": [50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 75.0],
            "cost_of_diversity": {
                "best_without_diversity": 175.0,
                "this_matching_without_diversity": 50.0,
                "cost": 125.0
            },
            "diversity": [{
                "attribute": "team", "prefer": "different", "met": 2, "not_met": 0, "missing": 0,
                "pairs": [{"first": "x", "second": "y", "count": 2}]
            }]
        })
    );
}

/// A random roster of 2–7 people: skills offered and wanted from {x, y, z},
/// and sometimes one other person excluded.
fn roster() -> impl Strategy<Value = String> {
    let skills = || prop::sample::subsequence(vec!["x", "y", "z"], 0..=3);
    let person = (skills(), skills(), prop::option::weighted(0.2, 0usize..7));
    prop::collection::vec(person, 2..=7).prop_map(|rows| {
        let n = rows.len();
        let mut csv = String::from("id,skills,learning,exclude\n");
        for (i, (offers, wants, exclude)) in rows.iter().enumerate() {
            let exclude = exclude
                .filter(|&x| x % n != i)
                .map_or(String::new(), |x| format!("p{}", x % n));
            let line = format!("p{i},{},{},{exclude}\n", offers.join(";"), wants.join(";"));
            csv.push_str(&line);
        }
        csv
    })
}

/// Pairs of positions below 7, for locks and history (reduced mod the roster size).
fn index_pairs(most: usize) -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..7, 0usize..7), 0..=most)
}

/// The best (pairs, total) — or (total, pairs) under `total` — over every
/// matching that holds every pair of `locks`, makes no pair `weight` rules
/// out and none of `history`; totals are both ways' scores summed.
fn brute_force(
    n: usize,
    weight: &dyn Fn(usize, usize) -> Option<u32>,
    locks: &[(usize, usize)],
    history: &[(usize, usize)],
    coverage: bool,
) -> (u64, u64) {
    fn go(
        mate: &mut Vec<Option<usize>>,
        i: usize,
        ctx: &Ctx,
        score: (u64, u64),
        best: &mut (u64, u64),
    ) {
        let n = mate.len();
        let Some(i) = (i..n).find(|&i| mate[i].is_none()) else {
            let key = |s: (u64, u64)| if ctx.coverage { s } else { (s.1, s.0) };
            if key(score) > key(*best) {
                *best = score;
            }
            return;
        };
        // i stays alone (it is marked with itself while the search goes on).
        mate[i] = Some(i);
        go(mate, i + 1, ctx, score, best);
        for j in i + 1..n {
            let banned = ctx.history.contains(&(i, j)) || ctx.history.contains(&(j, i));
            if mate[j].is_some() || banned {
                continue;
            }
            if let Some(w) = (ctx.weight)(i, j) {
                (mate[i], mate[j]) = (Some(j), Some(i));
                go(
                    mate,
                    i + 1,
                    ctx,
                    (score.0 + 1, score.1 + u64::from(w)),
                    best,
                );
                mate[j] = None;
            }
        }
        mate[i] = None;
    }
    struct Ctx<'a> {
        weight: &'a dyn Fn(usize, usize) -> Option<u32>,
        history: &'a [(usize, usize)],
        coverage: bool,
    }
    let mut mate = vec![None; n];
    let mut start = (0, 0);
    for &(a, b) in locks {
        (mate[a], mate[b]) = (Some(b), Some(a));
        start = (start.0 + 1, start.1 + u64::from(weight(a, b).unwrap()));
    }
    let ctx = Ctx {
        weight,
        history,
        coverage,
    };
    let mut best = start;
    go(&mut mate, 0, &ctx, start, &mut best);
    best
}

/// The (pairs, total) of an outcome, totals as both ways' scores summed.
fn key_of(outcome: &PairsOutcome) -> (u64, u64) {
    let total: u64 = outcome
        .pairs
        .iter()
        .map(|p| (p.a_learns * 100.0).round() as u64 + (p.b_learns * 100.0).round() as u64)
        .sum();
    (outcome.pairs.len() as u64, total)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// The pairing keeps every lock, never makes a history pair, and is the
    /// best matching that does; refused locks are refused for a reason the
    /// test finds too. Forcing any other allowed pair costs exactly what
    /// brute force says.
    #[test]
    fn rounds_and_forcing_match_brute_force(
        csv in roster(),
        locks in index_pairs(3),
        history in index_pairs(3),
        coverage in prop::bool::ANY,
        min_score in prop::sample::select(vec![0u32, 30]),
        asked in (0usize..7, 0usize..7),
    ) {
        let p = people(&csv);
        let n = p.as_mentors.people.len();
        let locks: Vec<(usize, usize)> = locks.into_iter().map(|(a, b)| (a % n, b % n)).collect();
        let history: Vec<(usize, usize)> = history.into_iter().map(|(a, b)| (a % n, b % n)).collect();
        let c = config(if coverage { "coverage" } else { "total" }, min_score);
        let scorer = Scorer::new(&p.as_mentors, &p.as_mentees, &c);
        let weight = |i: usize, j: usize| -> Option<u32> {
            (i != j).then_some(())?;
            Some(scorer.weight(i, j)? + scorer.weight(j, i)?)
        };
        let file = |list: &[(usize, usize)]| {
            let mut text = String::from("mentor_id,mentee_id\n");
            for (a, b) in list {
                text.push_str(&format!("p{a},p{b}\n"));
            }
            text
        };
        let rounds = rounds_of(&file(&locks), &file(&history));
        // Which locks the test expects refused, and why.
        let mut locked = vec![false; n];
        let mut refused = Vec::new();
        for &(a, b) in &locks {
            let repeat = history.contains(&(a, b)) || history.contains(&(b, a));
            if a == b {
                refused.push("lock_forbidden");
            } else if locked[a] || locked[b] {
                // One problem per column whose person is locked already.
                let twice = usize::from(locked[a]) + usize::from(locked[b]);
                refused.extend(std::iter::repeat_n("duplicate_lock", twice));
            } else {
                (locked[a], locked[b]) = (true, true);
                if weight(a, b).is_none() || repeat {
                    refused.push("lock_forbidden");
                }
            }
        }
        let program = BuddyProgram::new(&p, c.clone(), &rounds);
        if !refused.is_empty() {
            let Err(Error::Roster(problems)) = program else {
                return Err(TestCaseError::fail(format!("locks {locks:?} should be refused")));
            };
            let mut codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
            codes.sort_unstable();
            refused.sort_unstable();
            prop_assert_eq!(codes, refused);
            return Ok(());
        }
        let program = program.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let outcome = program.outcome();
        let made: Vec<(usize, usize)> = outcome
            .pairs
            .iter()
            .map(|x| {
                let at = |id: &str| p.as_mentors.position(id).unwrap();
                (at(&x.a_id), at(&x.b_id))
            })
            .collect();
        for &(a, b) in &locks {
            prop_assert!(made.contains(&(a.min(b), a.max(b))), "lock {a}-{b} kept");
        }
        for &(a, b) in &history {
            prop_assert!(!made.contains(&(a.min(b), a.max(b))), "history {a}-{b} not made");
        }
        for (x, &(a, b)) in outcome.pairs.iter().zip(&made) {
            prop_assert_eq!(x.locked, locks.contains(&(a, b)) || locks.contains(&(b, a)));
        }
        let best = brute_force(n, &weight, &locks, &history, coverage);
        prop_assert_eq!(key_of(outcome), best);
        prop_assert_eq!((outcome.summary.total_score * 200.0).round() as u64, best.1);
        prop_assert_eq!(outcome.summary.gap, 0.0);
        prop_assert_eq!(outcome.summary.pairs as u64, best.0);
        prop_assert_eq!(outcome.pairs.len() * 2 + outcome.unpaired.len(), n);

        // Why not `asked`: forcing it is solving with it locked too.
        let (i, j) = (asked.0 % n, asked.1 % n);
        let verdict = program
            .why_not(&format!("p{i}"), Some(&format!("p{j}")))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let pair = verdict.pair.unwrap();
        let repeat = history.contains(&(i, j)) || history.contains(&(j, i));
        let can_force = i != j && weight(i, j).is_some() && !repeat && !locked[i] && !locked[j];
        prop_assert_eq!(pair.made, made.contains(&(i.min(j), i.max(j))));
        match pair.forcing {
            Some(forcing) => {
                prop_assert!(can_force && !pair.made);
                let mut forced_locks = locks.clone();
                forced_locks.push((i, j));
                let forced = brute_force(n, &weight, &forced_locks, &history, coverage);
                let hundredths = |v: f64| (v * 200.0).round() as i64;
                prop_assert_eq!(hundredths(forcing.forced_total_score), forced.1 as i64);
                prop_assert_eq!(
                    hundredths(forcing.total_change),
                    forced.1 as i64 - best.1 as i64
                );
                prop_assert_eq!(forcing.paired_change, 2 * (forced.0 as i64 - best.0 as i64));
            }
            None => prop_assert!(!can_force || pair.made),
        }
    }
}
