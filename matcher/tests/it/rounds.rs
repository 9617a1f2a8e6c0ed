//! Rounds: locked pairs kept, history pairs never repeated, re-matching after
//! a decline, every problem in the pair files located, and optimality against
//! brute force.

use crate::invariants::{brute_force, config, program, rosters};
use crate::matching::{pairs, skills_only};
use crate::{cohort, mentees, rounds_of};
use matcher::matching::UnmatchedReason;
use matcher::rounds::PairFile;
use matcher::score::Scorer;
use matcher::{match_rosters, match_rosters_with, Config, Rounds};
use matcher::{progress::Silent, Error, MatchOutcome, Roster};
use proptest::prelude::*;

fn file(csv: &str, source: &str) -> PairFile {
    PairFile::from_csv_reader(csv.as_bytes(), source).expect("a valid pair file")
}

fn run(m: &Roster, e: &Roster, config: &Config, rounds: &Rounds) -> Result<MatchOutcome, Error> {
    match_rosters_with(m, e, config, rounds, &Silent)
}

fn expect(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(e, m)| (e.to_string(), m.map(str::to_owned)))
        .collect()
}

#[test]
fn a_locked_pair_is_kept_and_uses_its_mentors_place() {
    let (m, e) = cohort();
    let config = skills_only("coverage");
    let free = match_rosters(&m, &e, &config).unwrap();
    assert_eq!(
        pairs(&free),
        expect(&[("e1", Some("m1")), ("e2", Some("m2")), ("e3", Some("m3"))])
    );
    assert_eq!(free.summary.total_score, 290.0);

    // Ids compare case-insensitively, like the rosters.
    let locked = run(
        &m,
        &e,
        &config,
        &rounds_of("mentor_id,mentee_id\nM1,E2\n", "mentor_id,mentee_id\n"),
    )
    .unwrap();
    // m1 is taken by e2: e1 falls back to m2 (50), e3 keeps m3 (100).
    assert_eq!(
        pairs(&locked),
        expect(&[("e1", Some("m2")), ("e2", Some("m1")), ("e3", Some("m3"))])
    );
    assert_eq!(locked.summary.total_score, 250.0);
    assert_eq!(locked.summary.dual_bound, 250.0);
    let flags: Vec<bool> = locked.matches.iter().map(|x| x.locked).collect();
    assert_eq!(flags, [false, true, false]);
    let json = serde_json::to_value(&locked).unwrap();
    assert_eq!(json["matches"][1]["locked"], true);
    assert!(json["matches"][0].get("locked").is_none());
}

#[test]
fn a_history_pair_is_never_repeated() {
    let (m, e) = cohort();
    let history = rounds_of("mentor_id,mentee_id\n", "mentor_id,mentee_id\nm1,e1\n");
    let outcome = run(&m, &e, &skills_only("coverage"), &history).unwrap();
    // Without e1–m1 the best is e1–m2 (50) + e2–m1 (100) + e3–m3 (100) = 250;
    // e1–m3 + e2–m2 + e3–m1 would be 230.
    assert_eq!(
        pairs(&outcome),
        expect(&[("e1", Some("m2")), ("e2", Some("m1")), ("e3", Some("m3"))])
    );
    assert_eq!(outcome.summary.total_score, 250.0);
}

#[test]
fn rematching_after_a_decline_locks_the_accepted_and_avoids_the_declined() {
    let (m, e) = cohort();
    let config = skills_only("coverage");
    // Round 1 gave e1–m1, e2–m2, e3–m3; e2 and e3 accept, e1 declines m1.
    let round2 = rounds_of(
        "mentor_id,mentee_id\nm2,e2\nm3,e3\n",
        "mentor_id,mentee_id\nm1,e1\n",
    );
    let outcome = run(&m, &e, &config, &round2).unwrap();
    assert_eq!(
        pairs(&outcome),
        expect(&[("e1", Some("m4")), ("e2", Some("m2")), ("e3", Some("m3"))])
    );
    assert_eq!(outcome.summary.total_score, 220.0);
    assert_eq!(outcome.summary.gap, 0.0);

    // With min_score 25, e1–m4 (20) is out too and m2, m3 are full.
    let mut strict = config.clone();
    strict.constraints.min_score = 25.0;
    let outcome = run(&m, &e, &strict, &round2).unwrap();
    assert_eq!(outcome.unmatched.len(), 1);
    assert_eq!(outcome.unmatched[0].reason, UnmatchedReason::NoCapacity);
    // Once every allowed mentor is in the history, nobody is left.
    let all = rounds_of(
        "mentor_id,mentee_id\nm2,e2\nm3,e3\n",
        "mentor_id,mentee_id\nm1,e1\nm2,e1\nm3,e1\nm4,e1\n",
    );
    let outcome = run(&m, &e, &config, &all).unwrap();
    assert_eq!(
        outcome.unmatched[0].reason,
        UnmatchedReason::AllCandidatesForbidden
    );
    assert_eq!(
        outcome.unmatched[0].detail,
        "all 4 mentors are ruled out: paired before (4)"
    );
}

#[test]
fn pair_file_problems_are_located_by_file_row_and_column() {
    let messages = |csv: &str| -> Vec<String> {
        PairFile::from_csv_reader(csv.as_bytes(), "locked.csv")
            .unwrap_err()
            .iter()
            .map(|d| format!("{} {}", d.code, d))
            .collect()
    };
    assert_eq!(
        messages("mentor,mentee_id\n"),
        ["missing_id_column locked.csv:1: the header has no `mentor_id` column (hint: a pair file needs the header `mentor_id,mentee_id`)"]
    );
    assert_eq!(
        messages("mentor_id,mentee_id\nm1,\nm1,e1,x\n"),
        [
            "empty_id locked.csv:2:mentee_id: the id is empty",
            "ragged_row locked.csv:3: the row has 3 cells but the header has 2",
        ]
    );
    assert_eq!(
        messages(""),
        ["empty_file locked.csv: the file is empty (hint: a pair file needs the header `mentor_id,mentee_id`)"]
    );
    // A BOM, extra columns, blank lines and a header alone are fine.
    let ok = file(
        "\u{feff}Mentee_ID,note,Mentor_ID\ne1,x,m2\n,,\n",
        "locked.csv",
    );
    assert_eq!((ok.pairs.len(), ok.pairs[0].mentor_id.as_str()), (1, "m2"));
    assert!(file("mentor_id,mentee_id\n", "h.csv").pairs.is_empty());
}

#[test]
fn bad_locks_are_clear_errors_naming_file_row_and_column() {
    let (m, _) = cohort();
    let e = mentees("id,skills,exclude\ne1,a:5;b:5,m3\ne2,a,\ne3,b:5,\n");
    let mut config = skills_only("coverage");
    config.constraints.min_score = 25.0;
    let bad = rounds_of(
        "mentor_id,mentee_id\nm9,e1\nm1,e2\nm2,e2\nm1,e3\nm3,e1\nx,y\n",
        "mentor_id,mentee_id\nm4,e7\n",
    );
    let err = run(&m, &e, &config, &bad).unwrap_err();
    assert_eq!(err.code(), "unknown_pair_id");
    assert_eq!(
        err.to_string(),
        "history.csv:2:mentee_id: \"e7\" is not a mentee id in mentees.csv (hint: ids must match the rosters (case-insensitively))\n\
         locked.csv:2:mentor_id: \"m9\" is not a mentor id in mentors.csv (hint: ids must match the rosters (case-insensitively))\n\
         locked.csv:4: mentee \"e2\" is already locked on row 3\n\
         locked.csv:5: mentor \"m1\" has capacity 1 and no place left for this lock\n\
         locked.csv:6: the pair may never be made: excluded by the mentee\n\
         locked.csv:7:mentee_id: \"y\" is not a mentee id in mentees.csv (hint: ids must match the rosters (case-insensitively))\n\
         locked.csv:7:mentor_id: \"x\" is not a mentor id in mentors.csv (hint: ids must match the rosters (case-insensitively))"
    );
    let below = rounds_of(
        "mentor_id,mentee_id\nm4,e1\n",
        "mentor_id,mentee_id\nm2,e3\n",
    );
    assert_eq!(
        run(&m, &e, &config, &below).unwrap_err().to_string(),
        "locked.csv:2: the pair may never be made: its score 20.00 is below min_score"
    );
    let repeat = rounds_of(
        "mentor_id,mentee_id\nm1,e1\n",
        "mentor_id,mentee_id\nm1,e1\n",
    );
    assert_eq!(
        run(&m, &e, &config, &repeat).unwrap_err().to_string(),
        "locked.csv:2: the pair may never be made: it is in history.csv (made in an earlier cycle)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// With a random lock and random history pairs, the run keeps the lock,
    /// avoids the history and is exactly as good as the best assignment of
    /// the other mentees.
    #[test]
    fn locked_and_history_runs_are_optimal(
        (mentor_people, mentee_people) in program(),
        config in config(),
        history_cells in prop::collection::vec((0usize..7, 0usize..4), 0..5),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let scorer = Scorer::new(&m, &e, &config);
        let (ne, nm) = (e.people.len(), m.people.len());
        let history: Vec<(usize, usize)> = history_cells.into_iter()
            .filter(|&(i, j)| i < ne && j < nm).collect();
        // Lock the last mentee to its first allowed mentor with a place, if any.
        let last = ne - 1;
        let lock = (0..nm).find(|&j| m.people[j].capacity > 0
            && scorer.weight(last, j).is_some() && !history.contains(&(last, j)));
        let csv = |cells: &[(usize, usize)]| {
            let mut text = String::from("mentor_id,mentee_id\n");
            for &(i, j) in cells {
                text.push_str(&format!("{},{}\n", m.people[j].id, e.people[i].id));
            }
            text
        };
        let locks: Vec<(usize, usize)> = lock.map(|j| (last, j)).into_iter().collect();
        let result = run(&m, &e, &config, &rounds_of(&csv(&locks), &csv(&history)));
        // Programs where no pair is possible at all are refused (see `invariants`).
        prop_assume!(!matches!(&result, Err(Error::Roster(_))));
        let outcome = result.unwrap();

        let mut capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
        let mut weights: Vec<Vec<Option<u32>>> = (0..ne)
            .map(|i| (0..nm).map(|j| scorer.weight(i, j).filter(|_| !history.contains(&(i, j)))).collect())
            .collect();
        let mut locked_total = 0;
        if let Some(j) = lock {
            capacity[j] -= 1;
            locked_total = u64::from(scorer.score(last, j));
            weights.pop();
            let mentor = m.people[j].id.clone();
            prop_assert_eq!(&pairs(&outcome)[last], &(e.people[last].id.clone(), Some(mentor)));
        }
        let (_, best) = brute_force(&weights, &mut capacity, 0, config.solver.objective.solver());
        prop_assert_eq!(outcome.summary.total_score, (best + locked_total) as f64 / 100.0);
        prop_assert_eq!(outcome.summary.gap, 0.0);
        for x in &outcome.matches {
            let (i, j) = (e.position(&x.explanation.mentee_id).unwrap(), m.position(&x.explanation.mentor_id).unwrap());
            prop_assert!(!history.contains(&(i, j)));
        }
    }
}
