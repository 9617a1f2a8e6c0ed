//! Peer rosters: one file, each person a mentor, a mentee or both; never
//! paired with themselves, never twice with the same person; against an
//! exhaustive search written here, and the role column's errors located.

use matcher::people::People;
use matcher::score::Scorer;
use matcher::{match_rosters, Config, Roster};
use proptest::prelude::*;

fn people(csv: &str) -> People {
    People::from_reader(csv.as_bytes(), "people.csv", &Default::default()).expect("valid people")
}

#[test]
fn a_bad_role_is_a_located_error() {
    let csv = "id,role,skills\na,both,x\nb,teacher,y\nc,,z\n";
    let problems = People::from_reader(csv.as_bytes(), "people.csv", &Default::default())
        .expect_err("a bad role");
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{p} [{}]", p.code.as_str()))
        .collect();
    assert_eq!(
        lines,
        ["people.csv:3:role: role must be mentor, mentee or both, got \"teacher\" (hint: leave the cell empty for someone who can take either side) [bad_role]"]
    );
}

#[test]
fn an_unknown_id_in_exclude_names_the_file() {
    let csv = "id,role,exclude\na,both,zz\nb,both,\n";
    let problems = People::from_reader(csv.as_bytes(), "people.csv", &Default::default())
        .expect_err("an unknown id");
    assert_eq!(problems[0].row, Some(2));
    assert_eq!(problems[0].column.as_deref(), Some("exclude"));
}

#[test]
fn two_people_who_could_teach_each_other_are_paired_once() {
    // a and b each offer what the other wants (100 both ways), c wants what
    // a offers: the best is a→b (or b→a) plus a→c, never a→b and b→a.
    let p = people(
        "id,role,capacity,skills,learning\n\
         a,both,2,rust,sql\n\
         b,both,1,sql,rust\n\
         c,mentee,,,rust\n",
    );
    let (mentors, mentees) = p.directed();
    let outcome = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
    let pairs: Vec<(&str, &str)> = outcome
        .matches
        .iter()
        .map(|m| {
            (
                m.explanation.mentee_id.as_str(),
                m.explanation.mentor_id.as_str(),
            )
        })
        .collect();
    // Three mentees (a, b, c), but a→b and b→a cannot both be made: two
    // pairs of 100, one of them c learning from a.
    assert_eq!(pairs.len(), 2);
    assert!(pairs.contains(&("c", "a")), "{pairs:?}");
    assert!(!(pairs.contains(&("a", "b")) && pairs.contains(&("b", "a"))));
    assert_eq!(outcome.summary.total_score, 200.0);
    assert_eq!(outcome.summary.gap, 0.0);
    assert_eq!(outcome.unmatched.len(), 1);
}

/// A random peer roster of 2–5 people: a role, a capacity of 1–2 as a
/// mentor, skills offered and wanted from {x, y, z}.
fn peer_roster() -> impl Strategy<Value = String> {
    let skills = || prop::sample::subsequence(vec!["x", "y", "z"], 0..=3);
    let role = prop::sample::select(vec!["mentor", "mentee", "both", "both"]);
    prop::collection::vec((role, 1u32..=2, skills(), skills()), 2..=5).prop_map(|rows| {
        let mut csv = String::from("id,role,capacity,skills,learning\n");
        for (i, (role, capacity, offers, wants)) in rows.iter().enumerate() {
            csv.push_str(&format!(
                "p{i},{role},{capacity},{},{}\n",
                offers.join(";"),
                wants.join(";")
            ));
        }
        csv
    })
}

/// Best (pairs, total) over every assignment of each mentee to at most one
/// mentor, with no self pairs, no pair made both ways, and capacities kept.
fn exhaustive(
    mentors: &Roster,
    mentees: &Roster,
    weight: &dyn Fn(usize, usize) -> Option<u32>,
    coverage: bool,
) -> (u64, u64) {
    fn go(
        e: usize,
        chosen: &mut Vec<Option<usize>>,
        load: &mut Vec<u32>,
        ctx: &(&Roster, &Roster, &dyn Fn(usize, usize) -> Option<u32>, bool),
        best: &mut (u64, u64),
    ) {
        let (mentors, mentees, weight, coverage) = *ctx;
        if e == mentees.people.len() {
            let mut score = (0u64, 0u64);
            for (e, m) in chosen.iter().enumerate() {
                let Some(m) = *m else { continue };
                // The same two people the other way round?
                let back_e = mentees.position(&mentors.people[m].id);
                let back_m = mentors.position(&mentees.people[e].id);
                if let (Some(be), Some(bm)) = (back_e, back_m) {
                    if chosen[be] == Some(bm) {
                        return;
                    }
                }
                score.0 += 1;
                score.1 += u64::from(weight(e, m).unwrap());
            }
            let key = |s: (u64, u64)| if coverage { s } else { (s.1, s.0) };
            if key(score) > key(*best) {
                *best = score;
            }
            return;
        }
        chosen.push(None);
        go(e + 1, chosen, load, ctx, best);
        chosen.pop();
        for m in 0..mentors.people.len() {
            if weight(e, m).is_some() && load[m] < mentors.people[m].capacity {
                load[m] += 1;
                chosen.push(Some(m));
                go(e + 1, chosen, load, ctx, best);
                chosen.pop();
                load[m] -= 1;
            }
        }
    }
    let mut best = (0, 0);
    let mut load = vec![0; mentors.people.len()];
    go(
        0,
        &mut Vec::new(),
        &mut load,
        &(mentors, mentees, weight, coverage),
        &mut best,
    );
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A directed peer program's optimum equals the exhaustive search's:
    /// nobody with themselves, no pair made both ways.
    #[test]
    fn directed_peers_are_optimal_against_exhaustive_search(
        csv in peer_roster(),
        coverage in prop::bool::ANY,
    ) {
        let p = people(&csv);
        let (mentors, mentees) = p.directed();
        prop_assume!(!mentors.people.is_empty() && !mentees.people.is_empty());
        let c: Config = serde_json::from_str(&format!(
            r#"{{"weights": {{"skills": 1, "goals": 0, "values": 0, "diversity": 0}},
                "solver": {{"objective": "{}", "threads": 1}}}}"#,
            if coverage { "coverage" } else { "total" }
        )).unwrap();
        let outcome = match match_rosters(&mentors, &mentees, &c) {
            Ok(outcome) => outcome,
            // No pair possible at all: refused before solving.
            Err(e) if e.code() == "all_pairs_excluded" => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let scorer = Scorer::new(&mentors, &mentees, &c);
        let weight = |e: usize, m: usize| scorer.weight(e, m);
        let want = exhaustive(&mentors, &mentees, &weight, coverage);
        let got_total: u64 = outcome.matches.iter().map(|m| (m.explanation.score * 100.0).round() as u64).sum();
        prop_assert_eq!((outcome.matches.len() as u64, got_total), want);
        for m in &outcome.matches {
            prop_assert_ne!(&m.explanation.mentee_id, &m.explanation.mentor_id);
        }
        prop_assert_eq!(outcome.summary.gap, 0.0);
    }
}
