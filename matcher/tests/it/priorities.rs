//! Participants' own priorities and numeric attribute rules, against numbers
//! worked out by hand.

use crate::{mentees, mentors};
use matcher::config::{Criterion, Weights};
use matcher::matching::UnmatchedReason;
use matcher::score::{Forbidden, Scorer};
use matcher::{match_rosters, Config, Roster, Side};

fn config(json: &str) -> Config {
    let c: Config = serde_json::from_str(json).unwrap();
    c.validate().unwrap();
    c
}

/// The pairs of a matching as `(mentee, mentor, score)`, in mentee order.
fn pairs(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<(String, String, f64)> {
    let outcome = match_rosters(mentors, mentees, config).unwrap();
    outcome
        .matches
        .iter()
        .map(|m| {
            let x = &m.explanation;
            (x.mentee_id.clone(), x.mentor_id.clone(), x.score)
        })
        .collect()
}

/// e1–m1 of `scoring.rs`'s worked example, once per priority: skills 0.5,
/// goals 0.5, values 0.25, diversity 1.
///
/// - none: (0.35·0.5 + 0.25·0.5 + 0.20·0.25 + 0.20·1) / 1.00 = 0.55 → 55.00
/// - goals: (0.175 + 0.50·0.5 + 0.05 + 0.2) / (0.35 + 0.50 + 0.2 + 0.2) = 0.675 / 1.25 → 54.00
/// - diversity: (0.175 + 0.125 + 0.05 + 0.40·1) / 1.20 = 0.75 / 1.2 → 62.50
#[test]
fn a_priority_doubles_its_criterion_weight_for_that_mentee() {
    let m = mentors(
        "id,skills,values,goals,department,location\n\
         m1,python:2; SQL:5; rust,growth; integrity; impact,promotion,Engineering,Berlin\n",
    );
    let row = "python:4; sql:2; figma,growth; curiosity,promotion; leadership,data,berlin";
    let e = mentees(&format!(
        "id,skills,values,goals,department,location,Priority\n\
         e1,{row},\ne2,{row}, Goals\ne3,{row},DIVERSITY\n"
    ));
    let config = config(
        r#"{"diversity": {"department": "different", "location": {"prefer": "same", "weight": 0.5}}}"#,
    );
    let scorer = Scorer::new(&m, &e, &config);
    assert_eq!(
        [scorer.score(0, 0), scorer.score(1, 0), scorer.score(2, 0)],
        [5500, 5400, 6250]
    );
    assert_eq!(e.people[1].priority, Some(Criterion::Goals));
    assert_eq!(
        scorer.weights_for(1),
        Weights {
            skills: 0.35,
            goals: 0.5,
            values: 0.2,
            diversity: 0.2,
            pair_score: 0.25,
            availability: 0.0,
            picks: 0.3,
        }
    );
    let x = matcher::explain(&m, &e, &config, "e3", "m1").unwrap();
    assert_eq!(x.score, 62.5);
    assert_eq!(x.priority, Some(Criterion::Diversity));
    assert_eq!(x.weights.diversity, 0.4);
    let x = matcher::explain(&m, &e, &config, "e1", "m1").unwrap();
    assert_eq!((x.priority, x.weights), (None, config.weights));
}

/// Two mentees who want the same things: m1 covers the skill, m2 the goal
/// (weights skills 1, goals 1). Without a priority each scores 50 with both;
/// a priority of goals makes m2 worth 2/3 = 66.67 and m1 1/3 = 33.33, so the
/// optimum (50 + 66.67 against 33.33 + 50) gives that mentee m2.
#[test]
fn a_priority_decides_who_gets_which_mentor() {
    let m = mentors("id,capacity,skills,goals\nm1,1,a,\nm2,1,,g\n");
    let config = config(r#"{"weights": {"skills": 1, "goals": 1, "values": 0, "diversity": 0}}"#);
    let e = mentees("id,skills,goals,priority\ne1,a,g,\ne2,a,g,goals\n");
    assert_eq!(
        pairs(&m, &e, &config),
        [
            ("e1".into(), "m1".into(), 50.0),
            ("e2".into(), "m2".into(), 66.67)
        ]
    );
    let e = mentees("id,skills,goals,priority\ne1,a,g,goals\ne2,a,g,\n");
    assert_eq!(
        pairs(&m, &e, &config),
        [
            ("e1".into(), "m2".into(), 66.67),
            ("e2".into(), "m1".into(), 50.0)
        ]
    );
}

#[test]
fn an_unknown_priority_is_a_roster_error_and_mentors_keep_it_as_an_attribute() {
    let err = Roster::from_csv_reader(
        "id,priority\ne1,skills\ne2,skill\n".as_bytes(),
        Side::Mentee,
        "mentees.csv",
    )
    .unwrap_err();
    assert_eq!(
        err.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["mentees.csv:3:priority: priority must be one of skills, goals, values, diversity, pair_score, availability, picks, got \"skill\" \
          (hint: name the one criterion that matters most to this mentee, or leave the cell empty)"]
    );
    assert_eq!(err[0].code.as_str(), "bad_priority");
    let m = mentors("id,priority\nm1,anything\n");
    assert_eq!(m.attributes, ["priority"]);
    assert_eq!(m.people[0].priority, None);
}

/// `max_difference = { timezone = 3 }`, `min_difference = { years_experience = 2 }`,
/// every pair scoring 100 (skills only):
///
/// | | m1 (tz 0, 10 y) | m2 (tz 5, 3 y) | m3 (no tz, 4 y) |
/// |---|---|---|---|
/// | e1 (tz 1, 2 y) | ok | tz differs by 4 | ok (4 − 2 = 2, the minimum) |
/// | e2 (tz −4, 9 y) | tz differs by 4 | tz differs by 9 | ok |
/// | e3 (tz 3, no years) | ok (3, the maximum) | ok | ok |
/// | e4 (tz 10, 3 y) | tz differs by 10 | tz differs by 5 | years differ by 1 |
///
/// e2 can only have m3, then e1 only m1, e3 takes m2 and e4 has nobody.
fn numeric_program() -> (Roster, Roster, Config) {
    (
        mentors(
            "id,capacity,skills,timezone,years_experience\n\
             m1,1,a,0,10\nm2,1,a,5,3\nm3,1,a,,4\n",
        ),
        mentees(
            "id,skills,timezone,years_experience\n\
             e1,a,1,2\ne2,a,-4,9\ne3,a,+3,\ne4,a,10,3\n",
        ),
        config(
            r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 0},
                "constraints": {"max_difference": {"timezone": 3},
                                "min_difference": {"Years_Experience": 2}}}"#,
        ),
    )
}

#[test]
fn numeric_rules_forbid_pairs_that_differ_too_much_or_too_little() {
    let (m, e, config) = numeric_program();
    assert_eq!(
        pairs(&m, &e, &config),
        [
            ("e1".into(), "m1".into(), 100.0),
            ("e2".into(), "m3".into(), 100.0),
            ("e3".into(), "m2".into(), 100.0)
        ]
    );
    let outcome = match_rosters(&m, &e, &config).unwrap();
    assert_eq!(outcome.unmatched.len(), 1);
    let u = &outcome.unmatched[0];
    assert_eq!(
        (u.mentee_id.as_str(), u.reason, u.detail.as_str()),
        (
            "e4",
            UnmatchedReason::AllCandidatesForbidden,
            "all 3 mentors are ruled out: max_difference: timezone (2), min_difference: years_experience (1)"
        )
    );

    let forbidden = |mentor: &str, mentee: &str| {
        matcher::explain(&m, &e, &config, mentee, mentor)
            .unwrap()
            .forbidden
    };
    assert_eq!(
        forbidden("m2", "e1"),
        Some(Forbidden::MaxDifference {
            attribute: "timezone".into(),
            difference: 4.0,
            max: 3.0
        })
    );
    assert_eq!(
        forbidden("m3", "e4").unwrap().to_string(),
        "min_difference: years_experience differs by 1, less than 2"
    );
    assert_eq!(
        forbidden("m2", "e4").unwrap().to_string(),
        "max_difference: timezone differs by 5, more than 3"
    );
    for (mentor, mentee) in [("m3", "e1"), ("m1", "e3"), ("m3", "e3")] {
        assert_eq!(forbidden(mentor, mentee), None, "{mentee}–{mentor}");
    }
}

#[test]
fn a_value_a_numeric_rule_compares_must_be_a_number() {
    let (m, _, config) = numeric_program();
    let e = mentees("id,skills,timezone,years_experience\ne1,a,UTC+1,2\ne2,a,nan,x\ne3,a,,\n");
    let err = match_rosters(&m, &e, &config).unwrap_err();
    assert_eq!(err.code(), "bad_number");
    assert_eq!(
        err.to_string(),
        "mentees.csv:2:timezone: constraints.max_difference compares timezone as numbers, got \"utc+1\" \
         (hint: write a plain number such as `-5` or `2.5`, or leave the cell empty)\n\
         mentees.csv:3:timezone: constraints.max_difference compares timezone as numbers, got \"nan\" \
         (hint: write a plain number such as `-5` or `2.5`, or leave the cell empty)\n\
         mentees.csv:3:years_experience: constraints.min_difference compares years_experience as numbers, got \"x\" \
         (hint: write a plain number such as `-5` or `2.5`, or leave the cell empty)"
    );
    // Without the rules the same cells are plain attributes.
    assert!(match_rosters(&m, &e, &Config::default()).is_ok());
}

#[test]
fn numeric_rule_limits_are_checked_by_key() {
    for (json, message) in [
        (
            r#"{"constraints": {"max_difference": {"timezone": -1}}}"#,
            "constraints.max_difference.timezone: must be a finite number ≥ 0, got -1",
        ),
        (
            r#"{"constraints": {"min_difference": {" ": 1}}}"#,
            "constraints.min_difference: attribute names must not be empty",
        ),
        (
            r#"{"constraints": {"max_difference": {"age": 5}, "min_difference": {"Age": 6}}}"#,
            "constraints: \"Age\" has min_difference 6 above max_difference 5: no pair could satisfy both",
        ),
        (
            r#"{"constraints": {"max_difference": {"age": "5"}}}"#,
            "invalid type: string \"5\", expected f64 at line 1 column 46",
        ),
    ] {
        let config: Result<Config, String> = serde_json::from_str(json).map_err(|e| e.to_string());
        let error = config.and_then(|c| c.validate().map_err(|e| e.to_string()));
        assert_eq!(error, Err(message.to_owned()), "{json}");
    }
}
