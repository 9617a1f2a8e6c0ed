//! `fair`, `rank` and `stable` in shaped programs (mentees wanting several
//! mentors, `min_load`, `distinct`), against an enumeration of every
//! assignment written here: the fair and rank-maximal optima by their own
//! definitions, and stability by a blocking-pair finder of its own.

use crate::shapes::Limits;
use crate::{mentees, mentors};
use matcher::score::Scorer;
use matcher::{match_rosters, Config, Error, MatchOutcome, Roster};
use proptest::prelude::*;
use std::cmp::Reverse;

/// A random program of 1–3 mentors (capacity 0–2, min_load up to it, dept x
/// or y, skills from {a, b, c}) and 1–4 mentees wanting 1–3 mentors, each
/// picking up to three mentors in a random order.
fn program() -> impl Strategy<Value = (String, String)> {
    let skills = prop::sample::subsequence(vec!["a", "b", "c"], 0..=3);
    let mentor = (0u32..=2, 0u32..=2, prop::bool::ANY, skills.clone());
    let picks = Just(vec![0usize, 1, 2]).prop_shuffle();
    let mentee = (1u32..=3, skills, picks, 0usize..=3);
    (
        prop::collection::vec(mentor, 1..=3),
        prop::collection::vec(mentee, 1..=4),
    )
        .prop_map(|(ms, es)| {
            let mut mentors = String::from("id,capacity,min_load,dept,skills\n");
            for (i, (capacity, min, dept, skills)) in ms.iter().enumerate() {
                let min = (*min).min(*capacity);
                let dept = if *dept { "x" } else { "y" };
                let skills = skills.join(";");
                mentors.push_str(&format!("m{i},{capacity},{min},{dept},{skills}\n"));
            }
            let mut mentees = String::from("id,capacity,skills,picks\n");
            for (i, (capacity, skills, order, count)) in es.iter().enumerate() {
                let picks: Vec<String> = order
                    .iter()
                    .filter(|&&m| m < ms.len())
                    .take(*count)
                    .map(|m| format!("m{m}"))
                    .collect();
                let (skills, picks) = (skills.join(";"), picks.join(";"));
                mentees.push_str(&format!("e{i},{capacity},{skills},{picks}\n"));
            }
            (mentors, mentees)
        })
}

/// A skills-only config with this objective, preference mode and rules.
fn config(objective: &str, mode: &str, distinct: bool, or_none: bool) -> Config {
    let distinct = if distinct { r#"["dept"]"# } else { "[]" };
    let c: Config = serde_json::from_str(&format!(
        r#"{{"weights": {{"skills": 1, "goals": 0, "values": 0, "diversity": 0}},
            "constraints": {{"min_score": 0, "distinct": {distinct}, "min_load_or_none": {or_none}}},
            "preferences": {{"mode": "{mode}"}},
            "solver": {{"objective": "{objective}", "threads": 1}}}}"#
    ))
    .unwrap();
    c.validate().unwrap();
    c
}

/// The program as the enumeration sees it.
struct Program {
    /// Per mentee and mentor, the pair's score in hundredths, `None` if forbidden.
    score: Vec<Vec<Option<u32>>>,
    /// Per mentee and mentor, the mentor's rank among the mentee's picks.
    pick: Vec<Vec<Option<usize>>>,
    limits: Limits,
}

impl Program {
    fn new(mentors: &Roster, mentees: &Roster, c: &Config) -> Program {
        let scorer = Scorer::new(mentors, mentees, c);
        let ids: Vec<&str> = mentors.people.iter().map(|p| p.id.as_str()).collect();
        Program {
            score: (0..mentees.people.len())
                .map(|e| (0..ids.len()).map(|m| scorer.weight(e, m)).collect())
                .collect(),
            pick: mentees
                .people
                .iter()
                .map(|p| {
                    let rank = |id: &str| p.picks.iter().position(|x| x == id).map(|r| r + 1);
                    ids.iter().map(|id| rank(id)).collect()
                })
                .collect(),
            limits: Limits::of(mentors, mentees, c),
        }
    }

    /// Every assignment within places, seats, allowed pairs and `distinct`
    /// (as a mentor bit set per mentee), with whether it meets the minimums.
    fn assignments(&self) -> Vec<(Vec<u32>, bool)> {
        let mut all = Vec::new();
        self.extend(&mut Vec::new(), &mut all);
        all
    }

    fn extend(&self, chosen: &mut Vec<u32>, all: &mut Vec<(Vec<u32>, bool)>) {
        let cols = self.limits.seats.len();
        let load: Vec<u32> = (0..cols)
            .map(|m| chosen.iter().filter(|&&s| s >> m & 1 == 1).count() as u32)
            .collect();
        let load = |m: usize| load[m];
        if chosen.len() == self.limits.places.len() {
            let met = (0..cols).all(|m| {
                load(m) >= self.limits.minimum[m] || (self.limits.or_none && load(m) == 0)
            });
            all.push((chosen.clone(), met));
            return;
        }
        let e = chosen.len();
        for set in 0u32..1 << cols {
            let ms: Vec<usize> = (0..cols).filter(|&m| set >> m & 1 == 1).collect();
            let x = ms.iter().filter(|&&m| self.limits.dept[m]).count();
            let fits = ms.len() as u32 <= self.limits.places[e]
                && ms
                    .iter()
                    .all(|&m| self.score[e][m].is_some() && load(m) < self.limits.seats[m])
                && !(self.limits.distinct && (x > 1 || ms.len() - x > 1));
            if fits {
                chosen.push(set);
                self.extend(chosen, all);
                chosen.pop();
            }
        }
    }

    /// The pairs of an assignment.
    fn pairs(&self, sets: &[u32]) -> Vec<(usize, usize)> {
        let cols = self.limits.seats.len();
        (0..sets.len())
            .flat_map(|e| {
                (0..cols)
                    .filter(move |&m| sets[e] >> m & 1 == 1)
                    .map(move |m| (e, m))
            })
            .collect()
    }

    /// (places, lowest score, total): the `fair` order.
    fn fair_key(&self, sets: &[u32]) -> (usize, u32, u32) {
        let scores: Vec<u32> = self
            .pairs(sets)
            .iter()
            .map(|&(e, m)| self.score[e][m].unwrap())
            .collect();
        (
            scores.len(),
            scores.iter().copied().min().unwrap_or(u32::MAX),
            scores.iter().sum(),
        )
    }

    /// (places, pairs of pick rank 1, 2, 3, total): the `rank` order under `coverage`.
    fn rank_key(&self, sets: &[u32]) -> (usize, [usize; 3], u32) {
        let pairs = self.pairs(sets);
        let count = |r: usize| {
            pairs
                .iter()
                .filter(|&&(e, m)| self.pick[e][m] == Some(r))
                .count()
        };
        let total = pairs.iter().map(|&(e, m)| self.score[e][m].unwrap()).sum();
        (pairs.len(), [count(1), count(2), count(3)], total)
    }

    /// How mentee `e` ranks mentor `m`: its picks first in order, then by
    /// score, ties to the earlier mentor (the order `stable` breaks ties by).
    fn mentee_wants(&self, e: usize, m: usize) -> (u32, u32, Reverse<usize>) {
        let pick = self.pick[e][m].map_or(0, |r| 10 - r as u32);
        (pick, self.score[e][m].unwrap_or(0), Reverse(m))
    }

    /// How mentor `m` ranks mentee `e`: by score, ties to the earlier mentee.
    fn mentor_wants(&self, m: usize, e: usize) -> (u32, Reverse<usize>) {
        (self.score[e][m].unwrap_or(0), Reverse(e))
    }

    /// The blocking pairs of an assignment: `e` and `m` allowed and not
    /// together, where `e` would take `m` (it holds a mentor of `m`'s dept
    /// under `distinct` and ranks `m` above them; or it has a free place; or
    /// it ranks `m` above its worst mentor) and `m` would take `e` (a free
    /// seat, or `e` ranked above its worst mentee).
    fn blocking(&self, sets: &[u32]) -> Vec<(usize, usize)> {
        let pairs = self.pairs(sets);
        let mine = |e: usize| pairs.iter().filter(move |p| p.0 == e).map(|p| p.1);
        let theirs = |m: usize| pairs.iter().filter(move |p| p.1 == m).map(|p| p.0);
        let mut found = Vec::new();
        for (e, &set) in sets.iter().enumerate() {
            for m in 0..self.limits.seats.len() {
                if self.score[e][m].is_none() || set >> m & 1 == 1 || self.limits.seats[m] == 0 {
                    continue;
                }
                let better = |h: usize| self.mentee_wants(e, m) > self.mentee_wants(e, h);
                let same = mine(e)
                    .find(|&h| self.limits.distinct && self.limits.dept[h] == self.limits.dept[m]);
                let held = mine(e).count() as u32;
                let worst = mine(e).min_by_key(|&h| self.mentee_wants(e, h));
                let mentee = match same {
                    Some(h) => better(h),
                    None => held < self.limits.places[e] || worst.is_some_and(better),
                };
                let seats = theirs(m).count() as u32;
                let least = theirs(m).min_by_key(|&x| self.mentor_wants(m, x));
                let mentor = seats < self.limits.seats[m]
                    || least.is_some_and(|x| self.mentor_wants(m, e) > self.mentor_wants(m, x));
                if mentee && mentor {
                    found.push((e, m));
                }
            }
        }
        found
    }

    /// The outcome's pairs as mentor bit sets per mentee.
    fn sets_of(&self, outcome: &MatchOutcome) -> Vec<u32> {
        let mut sets = vec![0u32; self.limits.places.len()];
        // Ids are `e{i}` and `m{i}`.
        let index = |id: &str| id[1..].parse::<usize>().unwrap();
        for pair in &outcome.matches {
            let e = index(&pair.explanation.mentee_id);
            let m = index(&pair.explanation.mentor_id);
            assert_eq!(sets[e] >> m & 1, 0, "a mentor twice");
            sets[e] |= 1 << m;
        }
        sets
    }
}

/// Whether `sets` is one of the feasible assignments meeting the minimums.
fn feasible(all: &[(Vec<u32>, bool)], sets: &[u32]) -> bool {
    all.iter().any(|(s, met)| *met && s == sets)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `fair` over places: the most places, then the highest lowest score,
    /// then the highest total, as the enumeration finds them.
    #[test]
    fn fair_is_exact_in_shaped_programs(
        (mentor_csv, mentee_csv) in program(),
        distinct in prop::bool::ANY,
        or_none in prop::bool::ANY,
    ) {
        let (mentors, mentees) = (mentors(&mentor_csv), mentees(&mentee_csv));
        let c = config("fair", "bonus", distinct, or_none);
        let program = Program::new(&mentors, &mentees, &c);
        let all = program.assignments();
        let best = all.iter().filter(|(_, met)| *met).map(|(s, _)| program.fair_key(s)).max();
        match (match_rosters(&mentors, &mentees, &c), best) {
            (Ok(outcome), Some(best)) => {
                let sets = program.sets_of(&outcome);
                prop_assert!(feasible(&all, &sets));
                prop_assert_eq!(program.fair_key(&sets), best);
            }
            (Err(Error::Infeasible(_)), None) => {}
            (Err(e), _) if matches!(e.code(), "zero_capacity" | "all_pairs_excluded") => {}
            (got, want) => prop_assert!(false, "got {:?}, enumeration {:?}", got.map(|o| o.summary), want),
        }
    }

    /// `rank` mode over places: the most places, then the most pairs with
    /// a mentee's first pick, second, third, then the highest total.
    #[test]
    fn rank_is_exact_in_shaped_programs(
        (mentor_csv, mentee_csv) in program(),
        distinct in prop::bool::ANY,
        or_none in prop::bool::ANY,
    ) {
        let (mentors, mentees) = (mentors(&mentor_csv), mentees(&mentee_csv));
        let c = config("coverage", "rank", distinct, or_none);
        let program = Program::new(&mentors, &mentees, &c);
        let all = program.assignments();
        let best = all.iter().filter(|(_, met)| *met).map(|(s, _)| program.rank_key(s)).max();
        match (match_rosters(&mentors, &mentees, &c), best) {
            (Ok(outcome), Some(best)) => {
                let sets = program.sets_of(&outcome);
                prop_assert!(feasible(&all, &sets));
                prop_assert_eq!(program.rank_key(&sets), best);
            }
            (Err(Error::Infeasible(_)), None) => {}
            (Err(e), _) if matches!(e.code(), "zero_capacity" | "all_pairs_excluded") => {}
            (got, want) => prop_assert!(false, "got {:?}, enumeration {:?}", got.map(|o| o.summary), want),
        }
    }

    /// `stable` leaves no blocking pair (found here, with the ties broken as
    /// `stable` breaks them), and the report agrees; it refuses the minimum
    /// loads exactly when no stable assignment meets them.
    #[test]
    fn stable_has_no_blocking_pair_in_shaped_programs(
        (mentor_csv, mentee_csv) in program(),
        distinct in prop::bool::ANY,
        or_none in prop::bool::ANY,
    ) {
        let (mentors, mentees) = (mentors(&mentor_csv), mentees(&mentee_csv));
        let c = config("stable", "bonus", distinct, or_none);
        let program = Program::new(&mentors, &mentees, &c);
        let all = program.assignments();
        let stable: Vec<&(Vec<u32>, bool)> =
            all.iter().filter(|(s, _)| program.blocking(s).is_empty()).collect();
        prop_assert!(!stable.is_empty(), "a stable assignment always exists");
        let program_result = matcher::Program::new(&mentors, &mentees, c.clone(), &matcher::Rounds::default());
        match program_result {
            Ok(solved) => {
                let sets = program.sets_of(solved.outcome());
                prop_assert!(feasible(&all, &sets));
                prop_assert_eq!(program.blocking(&sets), vec![]);
                let report = solved.fairness_report().unwrap();
                prop_assert_eq!(report.stability.blocking_pairs, 0);
                let price = report.price_of_stability.unwrap();
                let optimum = all.iter().filter(|(_, met)| *met).map(|(s, _)| program.fair_key(s).0).max();
                prop_assert_eq!(Some(price.optimum_matched), optimum);
                prop_assert_eq!(price.stable_matched, solved.outcome().matches.len());
            }
            Err(Error::Infeasible(message)) => {
                prop_assert!(stable.iter().all(|(_, met)| !met), "{}", message);
            }
            Err(e) if matches!(e.code(), "zero_capacity" | "all_pairs_excluded") => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
