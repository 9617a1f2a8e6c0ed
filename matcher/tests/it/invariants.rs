//! Invariants of the whole match on random programs and random configs, each
//! checked from the generated data rather than through the matcher's own code:
//! every mentee exactly once in input order; no capacity, exclusion or
//! attribute rule broken; no pair below `min_score`; the objective equal to a
//! brute-force oracle's; the same bytes on 1, 2 and 3 threads, and on the dense
//! and the sparse solver path.

use matcher::score::Scorer;
use matcher::{match_rosters, Config, Error, MatchOutcome, Objective, Roster, Side};
use proptest::prelude::*;

/// One generated person; `exclude` holds 0-based positions on the other side.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    capacity: u32,
    skills: Vec<(&'static str, u8)>,
    values: Vec<&'static str>,
    dept: &'static str,
    lang: &'static str,
    exclude: Vec<usize>,
}

fn person(others: usize) -> impl Strategy<Value = Person> {
    let pick = |items: &[&'static str]| prop::sample::select(items.to_vec());
    (
        0u32..=3,
        prop::collection::vec((pick(&["a", "b", "c", "d"]), 1u8..=5), 0..3),
        prop::collection::vec(pick(&["v", "w"]), 0..2),
        pick(&["x", "y", ""]),
        pick(&["en", "fr", ""]),
        prop::collection::vec(0..others, 0..=others.min(2)),
    )
        .prop_map(|(capacity, skills, values, dept, lang, exclude)| Person {
            capacity,
            skills,
            values,
            dept,
            lang,
            exclude,
        })
}

/// Renders people as a roster CSV; ids are `m1…` or `e1…`.
pub(crate) fn csv(people: &[Person], side: Side) -> String {
    let (me, other) = match side {
        Side::Mentor => ("m", "e"),
        Side::Mentee => ("e", "m"),
    };
    let mut csv = String::from("id,capacity,skills,values,dept,lang,exclude\n");
    for (i, p) in people.iter().enumerate() {
        let skills: Vec<String> = p.skills.iter().map(|(s, l)| format!("{s}:{l}")).collect();
        let exclude: Vec<String> = p
            .exclude
            .iter()
            .map(|o| format!("{other}{}", o + 1))
            .collect();
        let capacity = if side == Side::Mentor {
            p.capacity.to_string()
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "{me}{},{capacity},{},{},{},{},{}\n",
            i + 1,
            skills.join(";"),
            p.values.join(";"),
            p.dept,
            p.lang,
            exclude.join(";")
        ));
    }
    csv
}

/// A random valid config: weights (not all 0), diversity preferences, rules,
/// `min_score`, objective, and a memory limit that sometimes forces the sparse path.
pub(crate) fn config() -> impl Strategy<Value = Config> {
    let weight = prop::sample::select(vec![0.0, 0.2, 0.5, 1.0]);
    let preference = prop::sample::select(vec!["", "different", "same"]);
    let attribute = prop::sample::select(vec!["", "dept", "lang"]);
    (
        [weight.clone(), weight.clone(), weight.clone(), weight],
        (preference.clone(), preference),
        (attribute.clone(), attribute),
        prop::sample::select(vec![0.0, 20.0, 50.0, 80.0]),
        prop::sample::select(vec!["coverage", "total"]),
    )
        .prop_map(|(w, (dept, lang), (different, same), min_score, objective)| {
            let skills = if w.iter().all(|&w| w == 0.0) { 1.0 } else { w[0] };
            let diversity: Vec<String> = [("dept", dept), ("lang", lang)]
                .iter()
                .filter(|(_, p)| !p.is_empty())
                .map(|(a, p)| format!(r#""{a}": "{p}""#))
                .collect();
            let list = |a: &str| if a.is_empty() { "[]".to_owned() } else { format!(r#"["{a}"]"#) };
            // The same attribute in both rules is a config error (tested in `config`).
            let same = if same == different { "" } else { same };
            let json = format!(
                r#"{{"weights": {{"skills": {skills}, "goals": {}, "values": {}, "diversity": {}}},
                    "diversity": {{{}}},
                    "constraints": {{"min_score": {min_score}, "require_different": {}, "require_same": {}}},
                    "solver": {{"objective": "{objective}", "threads": 1}}}}"#,
                w[1],
                w[2],
                w[3],
                diversity.join(", "),
                list(different),
                list(same),
            );
            serde_json::from_str(&json).unwrap()
        })
}

/// Random programs of 1–4 mentors and 1–7 mentees.
pub(crate) fn program() -> impl Strategy<Value = (Vec<Person>, Vec<Person>)> {
    (1usize..=4, 1usize..=7).prop_flat_map(|(nm, ne)| {
        (
            prop::collection::vec(person(ne), nm),
            prop::collection::vec(person(nm), ne),
        )
    })
}

/// Best (matched, total) over every feasible assignment, by exhaustive search.
pub(crate) fn brute_force(
    weights: &[Vec<Option<u32>>],
    capacity: &mut [u32],
    e: usize,
    objective: Objective,
) -> (usize, u64) {
    if e == weights.len() {
        return (0, 0);
    }
    let key = |r: (usize, u64)| match objective {
        Objective::Coverage => (r.0 as u64, r.1),
        Objective::Total => (r.1, 0),
    };
    let mut best = brute_force(weights, capacity, e + 1, objective);
    for m in 0..capacity.len() {
        if let (Some(w), true) = (weights[e][m], capacity[m] > 0) {
            capacity[m] -= 1;
            let (n, t) = brute_force(weights, capacity, e + 1, objective);
            capacity[m] += 1;
            let candidate = (n + 1, t + u64::from(w));
            if key(candidate) > key(best) {
                best = candidate;
            }
        }
    }
    best
}

/// Parses generated people as the two rosters.
pub(crate) fn rosters(mentors: &[Person], mentees: &[Person]) -> (Roster, Roster) {
    let parse = |people: &[Person], side| {
        Roster::from_csv_reader(csv(people, side).as_bytes(), side, "r.csv").unwrap()
    };
    (parse(mentors, Side::Mentor), parse(mentees, Side::Mentee))
}

/// Both reports of an outcome, as bytes.
pub(crate) fn reports(outcome: &MatchOutcome) -> Vec<u8> {
    let mut bytes = Vec::new();
    matcher::report::write_json(outcome, &mut bytes).unwrap();
    matcher::report::write_csv(outcome, &mut bytes).unwrap();
    bytes
}

/// Whether a generated pair is excluded, by either side.
fn excluded(mentors: &[Person], mentees: &[Person], e: usize, m: usize) -> bool {
    mentees[e].exclude.contains(&m) || mentors[m].exclude.contains(&e)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_match_keeps_every_rule_and_is_optimal_on_any_path(
        (mentor_people, mentee_people) in program(),
        config in config(),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let outcome = match match_rosters(&m, &e, &config) {
            Ok(outcome) => outcome,
            Err(Error::Roster(problems)) => {
                // Only a program where no pair is possible is refused.
                let nobody = mentor_people.iter().all(|p| p.capacity == 0);
                let all_excluded = (0..e.people.len())
                    .all(|i| (0..m.people.len()).all(|j| excluded(&mentor_people, &mentee_people, i, j)));
                let code = problems[0].code.as_str();
                prop_assert!(
                    (code == "zero_capacity" && nobody) || (code == "all_pairs_excluded" && all_excluded),
                    "{problems:?}"
                );
                return Ok(());
            }
            Err(other) => panic!("{other}"),
        };

        // Every mentee exactly once, in input order.
        let ids: Vec<&str> = outcome
            .rows()
            .map(|r| r.map_or_else(|u| u.mentee_id.as_str(), |x| x.explanation.mentee_id.as_str()))
            .collect();
        let expected: Vec<String> = (1..=e.people.len()).map(|i| format!("e{i}")).collect();
        prop_assert_eq!(ids, expected);

        let c = &config.constraints;
        let mut load = vec![0u32; m.people.len()];
        let mut total = 0u64;
        for x in &outcome.matches {
            let i: usize = x.explanation.mentee_id[1..].parse::<usize>().unwrap() - 1;
            let j: usize = x.explanation.mentor_id[1..].parse::<usize>().unwrap() - 1;
            let (mentee, mentor) = (&mentee_people[i], &mentor_people[j]);
            prop_assert!(!excluded(&mentor_people, &mentee_people, i, j), "excluded pair e{} m{}", i + 1, j + 1);
            for (attribute, must_differ) in c.require_different.iter().map(|a| (a, true))
                .chain(c.require_same.iter().map(|a| (a, false)))
            {
                let (a, b) = match attribute.as_str() {
                    "dept" => (mentee.dept, mentor.dept),
                    _ => (mentee.lang, mentor.lang),
                };
                if !a.is_empty() && !b.is_empty() {
                    prop_assert_eq!(a != b, must_differ, "{} rule broken by e{} m{}", attribute, i + 1, j + 1);
                }
            }
            prop_assert!(x.explanation.score >= c.min_score, "{} < min_score", x.explanation.score);
            total += (x.explanation.score * 100.0).round() as u64;
            load[j] += 1;
        }
        for (j, p) in mentor_people.iter().enumerate() {
            prop_assert!(load[j] <= p.capacity, "m{} over capacity", j + 1);
        }

        // As good as the best of all assignments, with a zero gap.
        let scorer = Scorer::new(&m, &e, &config);
        let weights: Vec<Vec<Option<u32>>> = (0..e.people.len())
            .map(|i| (0..m.people.len()).map(|j| scorer.weight(i, j)).collect())
            .collect();
        let mut capacity: Vec<u32> = mentor_people.iter().map(|p| p.capacity).collect();
        let (best_n, best_total) = brute_force(&weights, &mut capacity, 0, config.solver.objective.solver());
        if config.solver.objective.solver() == Objective::Coverage {
            prop_assert_eq!(outcome.summary.matched, best_n);
        }
        prop_assert_eq!(total, best_total);
        prop_assert_eq!(outcome.summary.total_score, best_total as f64 / 100.0);
        prop_assert_eq!(outcome.summary.gap, 0.0);

        // The same bytes on more threads; on the sparse path (no memory for a
        // matrix), the same optimum, and the same bytes on any thread count
        // (it may pick another of several equal optima than the dense path).
        let bytes = reports(&outcome);
        let mut other = config.clone();
        other.solver.threads = 2;
        prop_assert!(reports(&match_rosters(&m, &e, &other).unwrap()) == bytes,
            "output differs on 2 threads");
        other.solver.max_memory.0 = 0;
        let sparse = match_rosters(&m, &e, &other).unwrap();
        prop_assert_eq!(sparse.summary.matched, outcome.summary.matched);
        prop_assert_eq!(sparse.summary.total_score, outcome.summary.total_score);
        prop_assert_eq!(sparse.summary.gap, 0.0);
        other.solver.threads = 3;
        prop_assert!(reports(&match_rosters(&m, &e, &other).unwrap()) == reports(&sparse),
            "sparse output differs on 2 and 3 threads");
    }
}
