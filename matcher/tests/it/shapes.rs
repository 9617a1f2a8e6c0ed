//! Program shapes: mentees who want several mentors (`capacity`), mentors'
//! minimum loads (`min_load`, `min_load_or_none`) and the `distinct` rule,
//! against an exhaustive search written here, and the messages pinned.

use crate::{mentees, mentors};
use matcher::config::Goal;
use matcher::matching::UnmatchedReason;
use matcher::score::Scorer;
use matcher::{match_rosters, Config, Error, Roster, Side};
use proptest::prelude::*;

fn config(json: &str) -> Config {
    let c: Config = serde_json::from_str(json).unwrap();
    c.validate().unwrap();
    c
}

/// The pairs of an outcome as (mentee id, mentor id), in output order.
fn pairs(outcome: &matcher::MatchOutcome) -> Vec<(String, String)> {
    outcome
        .matches
        .iter()
        .map(|m| {
            (
                m.explanation.mentee_id.clone(),
                m.explanation.mentor_id.clone(),
            )
        })
        .collect()
}

/// Skills-only scores, worked out by hand (coverage of the wanted skills):
///
/// | | m1 (a, b) | m2 (a) | m3 (b) |
/// |---|---|---|---|
/// | e1 wants a, b (2 mentors) | 100 | 50 | 50 |
/// | e2 wants a | 100 | 100 | 0 |
///
/// m1 has 2 places, m2 and m3 one each.
fn two_places() -> (Roster, Roster) {
    (
        mentors("id,capacity,dept,skills\nm1,2,x,a;b\nm2,1,x,a\nm3,1,y,b\n"),
        mentees("id,capacity,skills\ne1,2,a;b\ne2,,a\n"),
    )
}

#[test]
fn a_mentee_who_wants_two_mentors_gets_two_different_ones() {
    let (mentors, mentees) = two_places();
    let outcome = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
    // e1 takes m1 (100) and one of m2 / m3 (50); e2 takes the other
    // a-mentor: m1 and m2 both score 100 for e2, so the total is 250 either way.
    let got = pairs(&outcome);
    assert_eq!(got.len(), 3);
    assert_eq!(outcome.summary.total_score, 250.0);
    assert_eq!(outcome.summary.gap, 0.0);
    let e1: Vec<&str> = got
        .iter()
        .filter(|(e, _)| e == "e1")
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(e1.len(), 2);
    assert_ne!(e1[0], e1[1], "never the same mentor twice");
    let places = outcome.summary.places.expect("places are reported");
    assert_eq!((places.wanted, places.filled), (3, 3));
    assert_eq!((outcome.summary.matched, outcome.summary.unmatched), (2, 0));
}

#[test]
fn distinct_keeps_a_mentees_mentors_in_different_groups() {
    let (mentors, mentees) = two_places();
    let c = config(r#"{"constraints": {"distinct": ["dept"]}}"#);
    let outcome = match_rosters(&mentors, &mentees, &c).unwrap();
    // m1 and m2 share dept x: e1 takes m1 and m3 (150), e2 one of the
    // a-mentors m1 (its second place) or m2 (100 either way).
    let got = pairs(&outcome);
    assert_eq!(
        got[..2],
        [("e1", "m1"), ("e1", "m3")].map(|(e, m)| (e.to_owned(), m.to_owned()))
    );
    assert_eq!(got[2].0, "e2");
    assert_eq!(outcome.summary.total_score, 250.0);
}

#[test]
fn a_place_left_unfilled_has_its_reason() {
    let mentors = mentors("id,capacity,skills\nm1,1,a\n");
    let mentees = mentees("id,capacity,skills\ne1,3,a\n");
    let outcome = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
    assert_eq!(pairs(&outcome), [("e1".to_owned(), "m1".to_owned())]);
    let unfilled = &outcome.unmatched[0];
    assert_eq!(unfilled.reason, UnmatchedReason::AllCandidatesForbidden);
    assert_eq!(
        unfilled.detail,
        "1 of 3 places filled: every other mentor is ruled out"
    );
    // The mentee is matched, with places left.
    assert_eq!((outcome.summary.matched, outcome.summary.unmatched), (1, 0));
}

#[test]
fn minimum_loads_are_met_even_at_a_cost() {
    // e1 prefers m1 (100 against 50), but m2 must take a mentee.
    let mentors = mentors("id,capacity,min_load,skills\nm1,1,,a;b\nm2,1,1,a\n");
    let mentees = mentees("id,skills\ne1,a;b\n");
    let outcome = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
    assert_eq!(pairs(&outcome), [("e1".to_owned(), "m2".to_owned())]);
    assert_eq!(outcome.mentors[1].min_load, 1);
    // With min_load_or_none, m2 may take nobody instead.
    let c = config(r#"{"constraints": {"min_load_or_none": true}}"#);
    let outcome = match_rosters(&mentors, &mentees, &c).unwrap();
    assert_eq!(pairs(&outcome), [("e1".to_owned(), "m1".to_owned())]);
}

#[test]
fn impossible_minimum_loads_name_the_people_and_numbers() {
    let mentors = mentors("id,capacity,min_load,skills\nm1,3,2,a\nm2,3,2,a\nm3,1,,a\n");
    let mentees = mentees("id,skills,exclude\ne1,a,\ne2,a,\ne3,a,m1;m2\n");
    let err = match_rosters(&mentors, &mentees, &Config::default()).unwrap_err();
    assert_eq!(err.code(), "infeasible");
    assert_eq!(
        err.to_string(),
        "the minimum loads cannot all be met: the 2 mentors m1, m2 must take at least 4 mentees between them (min_load), but the 2 mentees who can be paired with them (e1, e2) can fill at most 2; lower their min_load, allow more pairs, or set constraints.min_load_or_none"
    );
}

#[test]
fn new_columns_are_located_errors() {
    let bad = |side: Side, csv: &str| match Roster::from_csv_reader(csv.as_bytes(), side, "f.csv") {
        Err(problems) => problems
            .iter()
            .map(|p| format!("{p} [{}]", p.code.as_str()))
            .collect::<Vec<_>>(),
        Ok(_) => panic!("{csv} should be refused"),
    };
    assert_eq!(
        bad(Side::Mentee, "id,capacity\ne1,0\ne2,two\n"),
        [
            "f.csv:2:capacity: a mentee's capacity (how many mentors they want) must be 1 or more, got \"0\" (hint: leave a mentee who wants no mentor out of the roster) [bad_capacity]",
            "f.csv:3:capacity: capacity must be a whole number, got \"two\" (hint: use the whole number of mentors this mentee wants (default 1)) [bad_capacity]",
        ]
    );
    assert_eq!(
        bad(Side::Mentor, "id,capacity,min_load\nm1,2,3\nm2,2,-1\n"),
        [
            "f.csv:2:min_load: min_load 3 is above the capacity 2 (hint: a mentor cannot be required to take more mentees than their capacity) [bad_min_load]",
            "f.csv:3:min_load: min_load must be 0 or more, got \"-1\" (hint: use the whole number of mentees this mentor must take at least, or leave it empty for none) [bad_min_load]",
        ]
    );
}

#[test]
fn distinct_needs_a_mentor_column() {
    let (mentors, mentees) = two_places();
    let c = config(r#"{"constraints": {"distinct": ["team"]}}"#);
    let err = match_rosters(&mentors, &mentees, &c).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "config: constraints.distinct: \"team\" is not a column of the mentor roster mentors.csv"
    );
}

/// A random program: mentors with capacity 0–2, min_load up to it, a dept of
/// x or y and skills from {a, b, c}; mentees wanting 1–3 mentors.
pub(crate) fn shaped_program() -> impl Strategy<Value = (String, String)> {
    let skills = prop::sample::subsequence(vec!["a", "b", "c"], 0..=3);
    let mentor = (0u32..=2, 0u32..=2, prop::bool::ANY, skills.clone());
    let mentee = (1u32..=3, skills, prop::collection::vec(prop::bool::ANY, 4));
    (
        prop::collection::vec(mentor, 1..=4),
        prop::collection::vec(mentee, 1..=4),
    )
        .prop_map(|(ms, es)| {
            let mut mentors = String::from("id,capacity,min_load,dept,skills\n");
            for (i, (capacity, min, dept, skills)) in ms.iter().enumerate() {
                let min = (*min).min(*capacity);
                let dept = if *dept { "x" } else { "y" };
                mentors.push_str(&format!(
                    "m{i},{capacity},{min},{dept},{}\n",
                    skills.join(";")
                ));
            }
            let mut mentees = String::from("id,capacity,skills,exclude\n");
            for (i, (capacity, skills, excluded)) in es.iter().enumerate() {
                let exclude: Vec<String> = (0..ms.len())
                    .filter(|&m| excluded[m] && (i + m) % 3 == 0)
                    .map(|m| format!("m{m}"))
                    .collect();
                mentees.push_str(&format!(
                    "e{i},{capacity},{},{}\n",
                    skills.join(";"),
                    exclude.join(";")
                ));
            }
            (mentors, mentees)
        })
}

/// The best (filled places, total) over every assignment that gives each
/// mentee at most `capacity` different mentors (one per dept with
/// `distinct`) among them its `locked` ones, each mentor at most its
/// capacity and, at the end, at least its min_load (or none with
/// `or_none`); `None` when no assignment meets the minimums. Ordered by
/// places then total for coverage, total then places for total.
struct Search<'a> {
    weights: Vec<Vec<Option<u32>>>,
    /// Per mentee, a bit per mentor it must have.
    locked: Vec<u32>,
    limits: Limits,
    coverage: bool,
    load: &'a mut Vec<u32>,
}

impl Search<'_> {
    fn key(&self, r: (u64, u64)) -> (u64, u64) {
        if self.coverage {
            r
        } else {
            (r.1, r.0)
        }
    }

    fn best(&mut self, e: usize) -> Option<(u64, u64)> {
        if e == self.weights.len() {
            let met = self
                .load
                .iter()
                .zip(&self.limits.minimum)
                .all(|(&l, &min)| l >= min || (self.limits.or_none && l == 0));
            return met.then_some((0, 0));
        }
        let m = self.limits.seats.len();
        let mut best: Option<(u64, u64)> = None;
        for subset in 0u32..(1 << m) {
            if subset & self.locked[e] != self.locked[e] {
                continue;
            }
            let chosen: Vec<usize> = (0..m).filter(|&j| subset >> j & 1 == 1).collect();
            if chosen.len() as u32 > self.limits.places[e] {
                continue;
            }
            let allowed = chosen
                .iter()
                .all(|&j| self.weights[e][j].is_some() && self.load[j] < self.limits.seats[j]);
            let depts = chosen.iter().filter(|&&j| self.limits.dept[j]).count();
            if !allowed || (self.limits.distinct && (depts > 1 || chosen.len() - depts > 1)) {
                continue;
            }
            let gain: u64 = chosen
                .iter()
                .map(|&j| u64::from(self.weights[e][j].unwrap()))
                .sum();
            for &j in &chosen {
                self.load[j] += 1;
            }
            let rest = self.best(e + 1);
            for &j in &chosen {
                self.load[j] -= 1;
            }
            if let Some((n, t)) = rest {
                let candidate = (n + chosen.len() as u64, t + gain);
                if best.is_none_or(|b| self.key(candidate) > self.key(b)) {
                    best = Some(candidate);
                }
            }
        }
        best
    }
}

/// What limits the assignments of a random shaped program: each mentee's
/// places, each mentor's seats and minimum, which mentors are in the `dept`
/// group `x`, and the rules.
pub(crate) struct Limits {
    pub(crate) places: Vec<u32>,
    pub(crate) seats: Vec<u32>,
    pub(crate) minimum: Vec<u32>,
    pub(crate) dept: Vec<bool>,
    pub(crate) distinct: bool,
    pub(crate) or_none: bool,
}

impl Limits {
    /// The limits of the program `mentors` × `mentees` under `c`.
    pub(crate) fn of(mentors: &Roster, mentees: &Roster, c: &Config) -> Limits {
        Limits {
            places: mentees.people.iter().map(|p| p.capacity).collect(),
            seats: mentors.people.iter().map(|p| p.capacity).collect(),
            minimum: mentors.people.iter().map(|p| p.min_load).collect(),
            dept: mentors
                .people
                .iter()
                .map(|p| p.attributes[0].as_deref() == Some("x"))
                .collect(),
            distinct: !c.constraints.distinct.is_empty(),
            or_none: c.constraints.min_load_or_none,
        }
    }
}

/// The skills-only config of a random shaped program.
pub(crate) fn shaped_config(
    distinct: bool,
    or_none: bool,
    coverage: bool,
    min_score: u32,
) -> Config {
    config(&format!(
        r#"{{"weights": {{"skills": 1, "goals": 0, "values": 0, "diversity": 0}},
            "constraints": {{"min_score": {min_score}, "distinct": {}, "min_load_or_none": {or_none}}},
            "solver": {{"objective": "{}", "threads": 1}}}}"#,
        if distinct { r#"["dept"]"# } else { "[]" },
        if coverage { "coverage" } else { "total" },
    ))
}

/// The exhaustive search's optimum of a random shaped program under `c`
/// (from [`shaped_config`]), where each mentee keeps its `locked` mentors
/// (a bit per mentor).
pub(crate) fn exhaustive(
    mentors: &Roster,
    mentees: &Roster,
    c: &Config,
    locked: Vec<u32>,
) -> Option<(u64, u64)> {
    let scorer = Scorer::new(mentors, mentees, c);
    let weights: Vec<Vec<Option<u32>>> = (0..mentees.people.len())
        .map(|e| {
            (0..mentors.people.len())
                .map(|m| scorer.weight(e, m))
                .collect()
        })
        .collect();
    let mut load = vec![0; mentors.people.len()];
    let mut search = Search {
        weights,
        locked,
        limits: Limits::of(mentors, mentees, c),
        coverage: c.solver.objective == Goal::Coverage,
        load: &mut load,
    };
    search.best(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every shape's optimum equals the exhaustive search's, and an
    /// impossible set of minimums is refused exactly when the search finds
    /// no assignment.
    #[test]
    fn shapes_are_optimal_against_exhaustive_search(
        (mentor_csv, mentee_csv) in shaped_program(),
        distinct in prop::bool::ANY,
        or_none in prop::bool::ANY,
        coverage in prop::bool::ANY,
        min_score in prop::sample::select(vec![0, 40]),
    ) {
        let (mentors, mentees) = (mentors(&mentor_csv), mentees(&mentee_csv));
        let c = shaped_config(distinct, or_none, coverage, min_score);
        let best = exhaustive(&mentors, &mentees, &c, vec![0; mentees.people.len()]);
        match (match_rosters(&mentors, &mentees, &c), best) {
            (Ok(outcome), Some((places, total))) => {
                let got: u64 = outcome.matches.iter().map(|m| (m.explanation.score * 100.0).round() as u64).sum();
                prop_assert_eq!((outcome.matches.len() as u64, got), (places, total));
                prop_assert_eq!(outcome.summary.gap, 0.0);
                for e in 0..mentees.people.len() {
                    let mine: Vec<&str> = outcome.matches.iter()
                        .filter(|m| m.explanation.mentee_id == mentees.people[e].id)
                        .map(|m| m.explanation.mentor_id.as_str())
                        .collect();
                    let mut unique = mine.clone();
                    unique.sort_unstable();
                    unique.dedup();
                    prop_assert_eq!(unique.len(), mine.len(), "a mentor twice for e{}", e);
                }
            }
            (Err(Error::Infeasible(_)), None) => {}
            // No pair can be made at all: refused before solving (tested in `roster`).
            (Err(e), _) if matches!(e.code(), "zero_capacity" | "all_pairs_excluded") => {}
            (got, want) => prop_assert!(false, "got {:?}, exhaustive search {:?}", got.map(|o| o.summary), want),
        }
    }
}

/// `rank` in a shaped program of `n` mentors (2 places each) and `n` mentees
/// who each want 2 mentors and rank every mentor.
fn ranking_everyone(n: usize) -> (Roster, Roster) {
    let ids: Vec<String> = (1..=n).map(|i| format!("m{i}")).collect();
    let mut mentors_csv = String::from("id,capacity,skills\n");
    let mut mentees_csv = String::from("id,capacity,skills,picks\n");
    for (i, id) in ids.iter().enumerate() {
        mentors_csv.push_str(&format!("{id},2,a\n"));
        mentees_csv.push_str(&format!("e{},2,a,{}\n", i + 1, ids.join(";")));
    }
    (mentors(&mentors_csv), mentees(&mentees_csv))
}

#[test]
fn rank_past_the_exact_range_is_refused_with_the_numbers() {
    let c = config(r#"{"preferences": {"mode": "rank"}}"#);
    // Three picks each stay well inside the range: solved.
    let (small_mentors, small_mentees) = ranking_everyone(3);
    match_rosters(&small_mentors, &small_mentees, &c).unwrap();
    // Ten mentees ranking ten mentors over 20 places: the first rank's step
    // is 200 001 × 11^9 ≈ 4.7e14, past 2^40 / (2 × (10 + 10) + 4).
    let (mentors, mentees) = ranking_everyone(10);
    let err = match_rosters(&mentors, &mentees, &c).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "config: preferences.mode: \"rank\" cannot be solved exactly for this program: with 10 picks ranked over 20 places the lexicographic weights pass the exact solver's limit of {} for 10 mentees × 10 mentors when mentees want several mentors, mentors have a min_load or `distinct` is set; use preferences.mode \"bonus\" or fewer picks per mentee",
            (1u64 << 40) / 44
        )
    );
}

#[test]
fn stable_refuses_two_distinct_attributes() {
    let mentors = mentors("id,capacity,dept,site,skills\nm1,1,x,p,a\nm2,1,y,q,a\n");
    let mentees = mentees("id,capacity,skills\ne1,2,a\n");
    let one =
        config(r#"{"solver": {"objective": "stable"}, "constraints": {"distinct": ["dept"]}}"#);
    assert_eq!(
        match_rosters(&mentors, &mentees, &one)
            .unwrap()
            .matches
            .len(),
        2
    );
    let two = config(
        r#"{"solver": {"objective": "stable"}, "constraints": {"distinct": ["dept", "site"]}}"#,
    );
    let err = match_rosters(&mentors, &mentees, &two).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "config: solver.objective: \"stable\" takes at most one constraints.distinct attribute: with several, a mentee's choice of mentors is no longer substitutable (taking one mentor can make another acceptable again), and a stable matching may not exist"
    );
}

#[test]
fn stable_below_a_min_load_names_the_mentor() {
    // Both mentees prefer m2 (both skills) to m1 (one), and m2 has room for
    // both: every stable matching leaves m1 empty, below its min_load 2.
    let mentors = mentors("id,capacity,min_load,skills\nm1,2,2,a\nm2,2,,a;b\n");
    let mentees = mentees("id,skills\ne1,a;b\ne2,a;b\n");
    let stable = config(r#"{"solver": {"objective": "stable"}}"#);
    let err = match_rosters(&mentors, &mentees, &stable).unwrap_err();
    assert_eq!(err.code(), "infeasible");
    assert_eq!(
        err.to_string(),
        "no stable matching meets the minimum loads: mentor m1 gets 0 mentees in every stable matching, below their min_load 2; lower their min_load, set constraints.min_load_or_none, or use solver.objective \"coverage\", \"total\" or \"fair\""
    );
    // Coverage meets the minimum (m1 takes both); min_load_or_none lets the stable m1 stay empty.
    let coverage = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
    assert_eq!(coverage.mentors[0].assigned, 2);
    let or_none =
        config(r#"{"solver": {"objective": "stable"}, "constraints": {"min_load_or_none": true}}"#);
    let outcome = match_rosters(&mentors, &mentees, &or_none).unwrap();
    assert_eq!(
        pairs(&outcome),
        [("e1", "m2"), ("e2", "m2")].map(|(e, m)| (e.to_owned(), m.to_owned()))
    );
}
