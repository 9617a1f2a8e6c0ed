//! Related skills: a wanted skill the mentor does not offer earns
//! `[skills] related` × the level ratio of the best related skill they do
//! offer (its parent, a child or a sibling), worked out by hand.

use crate::{mentees, mentors};
use matcher::score::Scorer;
use matcher::{explain, Config, Roster};
use proptest::prelude::*;

/// Skills alone count; rust, c++ and go are under programming, python under
/// data, sql has no parent.
fn config(related: f64) -> Config {
    let config: Config = serde_json::from_value(serde_json::json!({
        "weights": { "skills": 1, "goals": 0, "values": 0, "diversity": 0 },
        "skills": { "related": related },
        "vocabulary": {
            "rust": { "aliases": ["rs"], "parent": "programming" },
            "c++": { "parent": "Programming" },
            "go": { "parent": "programming" },
            "python": { "parent": "data" },
        },
    }))
    .expect("a config");
    config.validate().expect("valid");
    config
}

fn cohort() -> (Roster, Roster) {
    (
        mentors(
            "id,skills\n\
             m1,rust:4\n\
             m2,c++:4\n\
             m3,programming:2\n\
             m4,c++:1; go:3\n\
             m5,sql:5; python:5\n\
             m6,rust:1; c++:5\n",
        ),
        mentees(
            "id,skills\n\
             e1,rust:4\n\
             e2,programming:3\n\
             e3,rust:4; sql:5\n\
             e4,sql:2\n",
        ),
    )
}

/// Every score of the cohort, mentee by mentee, in hundredths.
fn scores(config: &Config) -> Vec<Vec<u32>> {
    let (m, e) = cohort();
    let scorer = Scorer::new(&m, &e, config);
    (0..e.people.len())
        .map(|e| (0..m.people.len()).map(|m| scorer.score(e, m)).collect())
        .collect()
}

#[test]
fn each_kind_of_relation_earns_the_factor_times_the_level_ratio() {
    let got = scores(&config(0.5));
    // e1 wants rust:4. m1 offers it (exact); m2 c++:4, a sibling: 0.5 × 1;
    // m3 the parent at 2: 0.5 × 2/4; m4 c++:1 or go:3, the best: 0.5 × 3/4;
    // m5 nothing related (python is under data); m6 rust:1 exactly: 1/4,
    // though its c++:5 would earn 0.5: an exact match always wins.
    assert_eq!(got[0], [10_000, 5000, 2500, 3750, 0, 2500]);
    // e2 wants programming:3: children earn the factor (m1 rust:4 → 0.5,
    // m2 c++:4 → 0.5, m4 go:3 → 0.5), m3 offers it exactly at 2 (2/3);
    // m6 c++:5 → 0.5 (its rust:1 covers less).
    assert_eq!(got[1], [5000, 5000, 6667, 5000, 0, 5000]);
    // e3 wants rust:4 and sql:5, averaged: m1 (1 + 0) / 2, m2 (0.5 + 0) / 2,
    // m5 (0 + 1) / 2.
    assert_eq!(got[2], [5000, 2500, 1250, 1875, 5000, 1250]);
    // sql has no parent: only m5 scores.
    assert_eq!(got[3], [0, 0, 0, 0, 10_000, 0]);
}

#[test]
fn factor_zero_gives_exact_matches_only_and_one_full_credit() {
    let off = scores(&config(0.0));
    assert_eq!(off[0], [10_000, 0, 0, 0, 0, 2500]);
    assert_eq!(off[1], [0, 0, 6667, 0, 0, 0]);
    // The same as with no parent at all.
    let mut bare = config(0.5);
    bare.vocabulary.clear();
    assert_eq!(scores(&bare), off);
    // Factor 1: a related skill is worth an exact one at its level ratio.
    let full = scores(&config(1.0));
    assert_eq!(full[0], [10_000, 10_000, 5000, 7500, 0, 2500]);
}

#[test]
fn explanations_name_the_related_skill_and_the_parent() {
    let (m, e) = cohort();
    let config = config(0.5);
    let reason =
        |mentee: &str, mentor: &str| explain(&m, &e, &config, mentee, mentor).unwrap().reason();
    assert_eq!(
        reason("e1", "m2"),
        "skills: rust (related: c++ (programming))"
    );
    assert_eq!(
        reason("e1", "m3"),
        "skills: rust (related: programming, 2 of 4)"
    );
    assert_eq!(
        reason("e1", "m4"),
        "skills: rust (related: go (programming), 3 of 4)"
    );
    assert_eq!(
        reason("e2", "m1"),
        "skills: programming (related: rust (programming))"
    );
    assert_eq!(reason("e1", "m6"), "skills: rust (1 of 4)");
    assert_eq!(reason("e1", "m5"), "nothing in common");
    let x = explain(&m, &e, &config, "e1", "m2").unwrap();
    let related = x.skills[0].related.as_ref().expect("related");
    assert_eq!(
        (
            related.skill.as_str(),
            related.level,
            related.parent.as_str()
        ),
        ("c++", 4, "programming")
    );
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(
        json["skills"][0]["related"],
        serde_json::json!({ "skill": "c++", "level": 4, "parent": "programming" })
    );
    // An exact match has no `related` key.
    let exact = serde_json::to_value(explain(&m, &e, &config, "e1", "m1").unwrap()).unwrap();
    assert!(exact["skills"][0].get("related").is_none());
}

#[test]
fn a_parent_written_as_an_alias_and_aliases_of_a_child_resolve_to_their_terms() {
    let config: Config = serde_json::from_value(serde_json::json!({
        "weights": { "skills": 1, "goals": 0, "values": 0, "diversity": 0 },
        "vocabulary": {
            "programming": ["coding"],
            "rust": { "aliases": ["rs"], "parent": "Coding" },
            "c++": { "parent": "programming" },
        },
    }))
    .unwrap();
    let (m, e) = (
        mentors("id,skills\nm1,coding:4\nm2,C++\n"),
        mentees("id,skills\ne1,RS:4\n"),
    );
    let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
    let pair = &outcome.matches[0];
    // The parent (written "coding" by the mentor) covers 0.5 × 1, c++ at 3 only 0.5 × 3/4.
    assert_eq!(pair.explanation.mentor_id, "m1");
    assert_eq!(pair.explanation.score, 50.0);
    assert_eq!(pair.reason, "skills: rust (related: programming)");
}

#[test]
fn a_term_its_own_parent_or_in_a_cycle_is_a_config_error_naming_it() {
    for (vocabulary, key, says) in [
        (
            serde_json::json!({ "rust": { "aliases": ["rs"], "parent": "rs" } }),
            "vocabulary.rust.parent",
            "a term cannot be its own parent",
        ),
        (
            serde_json::json!({ "rust": { "parent": "programming" }, "programming": { "parent": "Rust" } }),
            "vocabulary.programming.parent",
            "the parents make a cycle: programming → rust → programming",
        ),
    ] {
        let config: Config =
            serde_json::from_value(serde_json::json!({ "vocabulary": vocabulary })).unwrap();
        let error = config.validate().expect_err("invalid parents");
        assert_eq!(error.key, key);
        assert!(error.message.contains(says), "{error}");
    }
    let config: Config =
        serde_json::from_value(serde_json::json!({ "skills": { "related": 1.5 } })).unwrap();
    assert_eq!(
        config.validate().unwrap_err().to_string(),
        "skills.related: must be between 0 and 1, got 1.5"
    );
    let unknown =
        serde_json::from_value::<Config>(serde_json::json!({ "skills": { "relation": 1 } }));
    assert!(unknown
        .unwrap_err()
        .to_string()
        .contains("unknown field `relation`"));
}

#[test]
fn a_vocabulary_file_sets_parents_and_locates_their_problems() {
    use matcher::vocabulary::read_vocabulary;
    let csv = "term,canonical,parent\nrust,,programming\nrs,rust,\nc++,,programming\ncoding,programming,\n";
    let terms = read_vocabulary(csv.as_bytes(), "vocabulary.csv").unwrap();
    assert_eq!(terms["rust"].parent.as_deref(), Some("programming"));
    assert_eq!(terms["rust"].aliases, ["rs"]);
    assert_eq!(terms["programming"].aliases, ["coding"]);
    let bad = "term,canonical,parent\nrust,,programming\nrs,rust,systems\nprogramming,,rust\n";
    let problems = read_vocabulary(bad.as_bytes(), "vocabulary.csv").unwrap_err();
    let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "vocabulary.csv:3:parent: \"rust\" has the parent \"programming\" on row 2, and \"systems\" here: a term has one parent",
            "vocabulary.csv:4:parent: the parents make a cycle: programming → rust → programming",
        ]
    );
    assert!(problems.iter().all(|p| p.code.as_str() == "bad_parent"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Without parents the factor changes nothing; with random parents and
    /// any factor every score stays within 0–100 and related credit only adds.
    #[test]
    fn without_parents_scores_are_unchanged_and_always_within_bounds(
        (mentors, mentees) in crate::invariants::program(),
        base in crate::invariants::config(),
        factor in 0.0..=1.0f64,
        parents in proptest::collection::vec((0usize..5, 0usize..5), 0..5),
    ) {
        let skills = ["a", "b", "c", "d", "top"];
        let (m, e) = crate::invariants::rosters(&mentors, &mentees);
        let mut plain = base.clone();
        plain.skills.related = factor;
        let (a, b) = (Scorer::new(&m, &e, &plain), Scorer::new(&m, &e, &base));
        let mut related = plain.clone();
        for (child, parent) in parents {
            if child != parent {
                let term = related.vocabulary.entry(skills[child].to_owned()).or_default();
                term.parent = Some(skills[parent].to_owned());
            }
        }
        // Cycles are config errors (tested above); the rest must score in bounds.
        let with = related.validate().is_ok().then(|| Scorer::new(&m, &e, &related));
        for i in 0..e.people.len() {
            for j in 0..m.people.len() {
                prop_assert_eq!(a.score(i, j), b.score(i, j));
                if let Some(with) = &with {
                    let (criteria, exact) = (with.criteria(i, j), b.criteria(i, j));
                    let score = with.score(i, j);
                    prop_assert!(score <= 10_000);
                    if let (Some(s), Some(x)) = (criteria.skills, exact.skills) {
                        prop_assert!((x..=1.0).contains(&s), "related credit only adds: {s} < {x}");
                    }
                }
            }
        }
    }
}
