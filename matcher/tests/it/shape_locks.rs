//! Locks in programs where mentees want several mentors: a mentee keeps up
//! to `capacity` locked mentors, the solver fills the rest of its places
//! around them (exactly, against the exhaustive search of `shapes`), and
//! every bad lock is a located error.

use crate::shapes::{exhaustive, shaped_config, shaped_program};
use crate::{mentees, mentors, rounds_of};
use matcher::progress::Silent;
use matcher::score::Scorer;
use matcher::{match_rosters_with, Config, Error, MatchOutcome, Program, Roster};
use proptest::prelude::*;

/// A history file with no pairs.
const NO_HISTORY: &str = "mentor_id,mentee_id\n";

fn run(m: &Roster, e: &Roster, c: &Config, locked: &str) -> Result<MatchOutcome, Error> {
    match_rosters_with(m, e, c, &rounds_of(locked, NO_HISTORY), &Silent)
}

/// Each match as (mentee id, mentor id, locked), in output order.
fn pairs(outcome: &MatchOutcome) -> Vec<(String, String, bool)> {
    let ids = |m: &matcher::matching::Match| {
        let x = &m.explanation;
        (x.mentee_id.clone(), x.mentor_id.clone(), m.locked)
    };
    outcome.matches.iter().map(ids).collect()
}

fn triples(list: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
    let owned = |&(e, m, l): &(&str, &str, bool)| (e.to_owned(), m.to_owned(), l);
    list.iter().map(owned).collect()
}

#[test]
fn a_mentee_keeps_two_locks_and_gets_a_third_mentor_of_another_group() {
    // Skills-only scores: e1 wants a, b, c; m3 (x, a;b;c) fits best but
    // shares dept x with the locked m1.
    let m = mentors("id,capacity,dept,skills\nm1,1,x,a\nm2,1,y,b\nm3,1,x,a;b;c\nm4,1,z,c\n");
    let e = mentees("id,capacity,skills\ne1,3,a;b;c\n");
    let c = shaped_config(true, false, true, 0);
    let locked = "mentor_id,mentee_id\nm2,e1\nm1,e1\n";
    let outcome = run(&m, &e, &c, locked).unwrap();
    assert_eq!(
        pairs(&outcome),
        triples(&[("e1", "m1", true), ("e1", "m2", true), ("e1", "m4", false)])
    );
    assert_eq!(outcome.summary.gap, 0.0);
    // Without `distinct`, the third place goes to m3.
    let plain = shaped_config(false, false, true, 0);
    let outcome = run(&m, &e, &plain, locked).unwrap();
    assert_eq!(
        pairs(&outcome),
        triples(&[("e1", "m1", true), ("e1", "m2", true), ("e1", "m3", false)])
    );
    // Locked to all it wants, the mentee is given nobody else.
    let three = "mentor_id,mentee_id\nm2,e1\nm1,e1\nm4,e1\n";
    let outcome = run(&m, &e, &c, three).unwrap();
    assert_eq!(
        pairs(&outcome),
        triples(&[("e1", "m1", true), ("e1", "m2", true), ("e1", "m4", true)])
    );
    assert!(outcome.unmatched.is_empty());
}

#[test]
fn suggestions_and_why_not_respect_several_locks() {
    let m = mentors("id,capacity,dept,skills\nm1,1,x,a\nm2,1,y,b\nm3,1,x,a;b;c\nm4,1,z,c\n");
    let e = mentees("id,capacity,skills\ne1,3,a;b;c\n");
    let rounds = rounds_of("mentor_id,mentee_id\nm2,e1\nm1,e1\n", NO_HISTORY);
    let program = Program::new(&m, &e, shaped_config(true, false, true, 0), &rounds).unwrap();
    // The locked mentors first; m3 shares dept x with the locked m1.
    let offered: Vec<(String, bool)> = program.suggest(4)[0]
        .mentors
        .iter()
        .map(|s| (s.mentor_id.clone(), s.assigned))
        .collect();
    let expected = [("m1", true), ("m2", true), ("m4", true)];
    assert_eq!(offered, expected.map(|(m, a)| (m.to_owned(), a)));
    // Forcing m3 would break the lock on m1.
    let verdict = program.why_not("e1", Some("m3")).unwrap();
    assert!(verdict.pair.unwrap().forcing.is_none());
    // Without `distinct`, e1 takes m3 and forcing m4 instead is a new solve
    // that keeps both locks.
    let plain = Program::new(&m, &e, shaped_config(false, false, true, 0), &rounds).unwrap();
    let forcing = plain
        .why_not("e1", Some("m4"))
        .unwrap()
        .pair
        .unwrap()
        .forcing;
    let moves: Vec<(Option<String>, Option<String>)> = forcing
        .expect("m4 can be forced")
        .moves
        .into_iter()
        .map(|m| (m.from, m.to))
        .collect();
    assert_eq!(moves, [(Some("m3".to_owned()), Some("m4".to_owned()))]);
}

#[test]
fn bad_locks_of_mentees_wanting_several_are_located_errors() {
    let m = mentors("id,capacity,dept,skills\nm1,2,x,a\nm2,1,x,a\nm3,1,y,a\nm4,1,z,a\n");
    let e = mentees("id,capacity,skills,exclude\ne1,2,a,\ne2,1,a,\ne3,2,a,\ne4,2,a,m4\n");
    let c = shaped_config(true, false, true, 0);
    let locked = "mentor_id,mentee_id\n\
                  m1,e1\n\
                  m3,e1\n\
                  m4,e1\n\
                  M1,E1\n\
                  m2,e3\n\
                  m1,e3\n\
                  m2,e2\n\
                  m3,e2\n\
                  m4,e4\n\
                  m1,e4\n\
                  m3,e4\n\
                  m2,e4\n";
    let err = run(&m, &e, &c, locked).unwrap_err();
    let lines: Vec<String> = err.to_string().lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "locked.csv:4: mentee \"e1\" wants 2 mentors and is locked to 3 (rows 2, 3 and 4)",
            "locked.csv:5: mentee \"E1\" is already locked to \"M1\" on row 2",
            "locked.csv:7: mentee \"e3\" is also locked to \"m2\" (row 6) of the same dept (\"x\"): constraints.distinct allows one mentor per dept",
            "locked.csv:8: mentor \"m2\" has capacity 1 and no place left for this lock",
            "locked.csv:9: mentee \"e2\" is already locked on row 8",
            "locked.csv:10: the pair may never be made: excluded by the mentee",
            "locked.csv:12: mentee \"e4\" wants 2 mentors and is locked to 4 (rows 10, 11, 12 and 13)",
        ]
    );
    let codes: Vec<&str> = match &err {
        Error::Roster(problems) => problems.iter().map(|p| p.code.as_str()).collect(),
        other => panic!("{other}"),
    };
    assert_eq!(
        codes,
        [
            "lock_over_capacity",
            "duplicate_lock",
            "lock_forbidden",
            "lock_over_capacity",
            "duplicate_lock",
            "lock_forbidden",
            "lock_over_capacity",
        ]
    );
}

/// The valid locks among `cells` (mentee, mentor), kept in order: allowed
/// pairs, each once, within both sides' capacities and, with `distinct`,
/// one mentor per dept for each mentee. Returns the locked file and each
/// mentee's locked mentors as bits.
fn valid_locks(m: &Roster, e: &Roster, c: &Config, cells: &[(usize, usize)]) -> (String, Vec<u32>) {
    let scorer = Scorer::new(m, e, c);
    let dept = |j: usize| m.people[j].attributes[0].clone();
    let distinct = !c.constraints.distinct.is_empty();
    let mut bits = vec![0u32; e.people.len()];
    let mut load = vec![0u32; m.people.len()];
    let mut csv = String::from("mentor_id,mentee_id\n");
    for &(i, j) in cells {
        if i >= e.people.len() || j >= m.people.len() {
            continue;
        }
        let mine = (0..m.people.len()).filter(|&k| bits[i] >> k & 1 == 1);
        let clash = distinct && mine.clone().any(|k| dept(k) == dept(j));
        let ok = scorer.weight(i, j).is_some()
            && !mine.clone().any(|k| k == j)
            && bits[i].count_ones() < e.people[i].capacity
            && load[j] < m.people[j].capacity
            && !clash;
        if ok {
            bits[i] |= 1 << j;
            load[j] += 1;
            csv.push_str(&format!("{},{}\n", m.people[j].id, e.people[i].id));
        }
    }
    (csv, bits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// With random valid locks (several per mentee), the run keeps every
    /// lock and is as good as the best assignment that contains them.
    #[test]
    fn shaped_runs_with_locks_are_optimal(
        (mentor_csv, mentee_csv) in shaped_program(),
        cells in prop::collection::vec((0usize..4, 0usize..4), 0..8),
        distinct in prop::bool::ANY,
        or_none in prop::bool::ANY,
        coverage in prop::bool::ANY,
    ) {
        let (m, e) = (mentors(&mentor_csv), mentees(&mentee_csv));
        let c = shaped_config(distinct, or_none, coverage, 0);
        let (csv, bits) = valid_locks(&m, &e, &c, &cells);
        let best = exhaustive(&m, &e, &c, bits.clone());
        let bits = &bits;
        match (run(&m, &e, &c, &csv), best) {
            (Ok(outcome), Some((places, total))) => {
                let got: u64 = outcome.matches.iter().map(|x| (x.explanation.score * 100.0).round() as u64).sum();
                prop_assert_eq!((outcome.matches.len() as u64, got), (places, total));
                prop_assert_eq!(outcome.summary.gap, 0.0);
                // Exactly the locks are flagged, and every one is kept.
                let at = |x: &matcher::matching::Match| {
                    (e.position(&x.explanation.mentee_id).unwrap(), m.position(&x.explanation.mentor_id).unwrap())
                };
                let flagged: Vec<(usize, usize)> = outcome.matches.iter().filter(|x| x.locked).map(at).collect();
                let wanted: Vec<(usize, usize)> = (0..e.people.len())
                    .flat_map(|i| (0..m.people.len()).map(move |j| (i, j)))
                    .filter(|&(i, j)| bits[i] >> j & 1 == 1)
                    .collect();
                prop_assert_eq!(flagged, wanted);
                for i in 0..e.people.len() {
                    let mine: Vec<usize> = outcome.matches.iter().map(at).filter(|p| p.0 == i).map(|p| p.1).collect();
                    prop_assert!(mine.windows(2).all(|w| w[0] < w[1]), "e{} gets {:?}", i, mine);
                    prop_assert!(mine.len() <= e.people[i].capacity as usize);
                }
            }
            (Err(Error::Infeasible(_)), None) => {}
            (Err(err), _) if matches!(err.code(), "zero_capacity" | "all_pairs_excluded") => {}
            (got, want) => prop_assert!(false, "got {:?}, exhaustive search {:?}", got.map(|o| o.summary), want),
        }
    }
}
