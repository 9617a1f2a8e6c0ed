//! Scoring by PRODUCT.md §3, against numbers worked out by hand.

use crate::{mentees, mentors};
use matcher::score::{Criteria, Scorer};
use matcher::Config;

fn config(json: &str) -> Config {
    let c: Config = serde_json::from_str(json).unwrap();
    c.validate().unwrap();
    c
}

const DIVERSITY: &str =
    r#"{"diversity": {"department": "different", "location": {"prefer": "same", "weight": 0.5}}}"#;

/// Mentee e1 and mentor m1 from the worked example:
/// skills: python 2 of 4 → 0.5, sql 5 ≥ 2 → 1, figma not offered → 0: 1.5 / 3 = 0.5
/// goals: promotion of {promotion, leadership} = 0.5
/// values: {growth} / {growth, curiosity, integrity, impact} = 0.25
/// diversity: department differs (1 of 1) + location same (0.5 of 0.5) = 1.0
/// total: 0.35·0.5 + 0.25·0.5 + 0.20·0.25 + 0.20·1.0 = 0.55 → 55.00
fn example() -> (matcher::Roster, matcher::Roster) {
    (
        mentors(
            "id,skills,values,goals,department,location\n\
             m1,python:2; SQL:5; rust,growth; integrity; impact,promotion,Engineering,Berlin\n\
             m2,,,,Data,\n",
        ),
        mentees(
            "id,skills,values,goals,department,location\n\
             e1,python:4; sql:2; figma,growth; curiosity,promotion; leadership,data,berlin\n\
             e2,python,,promotion,,\n\
             e3,,,,,\n",
        ),
    )
}

#[test]
fn worked_example_scores_each_criterion_and_the_weighted_mean() {
    let (m, e) = example();
    let config = config(DIVERSITY);
    let scorer = Scorer::new(&m, &e, &config);
    let c = scorer.criteria(0, 0);
    assert_eq!(
        c,
        Criteria {
            skills: Some(0.5),
            goals: Some(0.5),
            values: Some(0.25),
            diversity: Some(1.0),
            pair_score: None,
            availability: None,
            picks: None,
        }
    );
    assert!((c.total(&config.weights) - 55.0).abs() < 1e-9);
    assert_eq!(scorer.score(0, 0), 5500);
}

#[test]
fn a_criterion_the_mentee_left_empty_drops_out_of_the_mean() {
    let (m, e) = example();
    let config = config(DIVERSITY);
    let scorer = Scorer::new(&m, &e, &config);
    // e2 wants python (level 3) from m1 who offers level 2: 2/3; goals 1/1; no values;
    // no department or location on e2: diversity not applicable.
    let c = scorer.criteria(1, 0);
    assert_eq!(c.values, None);
    assert_eq!(c.diversity, None);
    assert!((c.skills.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(c.goals, Some(1.0));
    // (0.35·2/3 + 0.25·1) / 0.60 = 80.555… → 80.56
    assert_eq!(scorer.score(1, 0), 8056);
    // e3 asked for nothing at all: no criterion applies, the total is 0.
    assert_eq!(scorer.criteria(2, 0), Criteria::default());
    assert_eq!(scorer.score(2, 0), 0);
}

#[test]
fn an_empty_mentor_side_scores_zero() {
    let (m, e) = example();
    let config = config(DIVERSITY);
    let scorer = Scorer::new(&m, &e, &config);
    // m2 offers nothing; department data = data → "different" not met; location missing → skipped.
    assert_eq!(
        scorer.criteria(0, 1),
        Criteria {
            skills: Some(0.0),
            goals: Some(0.0),
            values: Some(0.0),
            diversity: Some(0.0),
            pair_score: None,
            availability: None,
            picks: None,
        }
    );
}

#[test]
fn weights_reshape_the_total() {
    let (m, e) = example();
    let only_skills =
        config(r#"{"weights": {"skills": 1, "goals": 0, "values": 0, "diversity": 0}}"#);
    assert_eq!(Scorer::new(&m, &e, &only_skills).score(0, 0), 5000);
    let doubled_values =
        config(r#"{"weights": {"skills": 0, "goals": 0, "values": 2, "diversity": 0}}"#);
    assert_eq!(Scorer::new(&m, &e, &doubled_values).score(0, 0), 2500);
    // Without a [diversity] section diversity never applies: (0.175 + 0.125 + 0.05) / 0.8 = 43.75
    assert_eq!(Scorer::new(&m, &e, &Config::default()).score(0, 0), 4375);
}

#[test]
fn explanation_lists_what_is_shared_and_how_attributes_compare() {
    let (m, e) = example();
    let config = config(DIVERSITY);
    let x = matcher::explain(&m, &e, &config, "e1", "M1").unwrap();
    assert_eq!(x.score, 55.0);
    assert_eq!(x.criteria.values, Some(25.0));
    let skills: Vec<_> = x
        .skills
        .iter()
        .map(|s| (s.skill.as_str(), s.wanted, s.offered))
        .collect();
    assert_eq!(
        skills,
        [
            ("python", 4, Some(2)),
            ("sql", 2, Some(5)),
            ("figma", 3, None)
        ]
    );
    assert_eq!(x.shared_goals, ["promotion"]);
    assert_eq!(x.shared_values, ["growth"]);
    assert_eq!(x.attributes.len(), 2);
    assert_eq!(x.attributes[0].attribute, "department");
    assert_eq!(x.attributes[0].met, Some(true));
    assert_eq!(x.forbidden, None);
    assert_eq!(
        x.reason(),
        "skills: python (2 of 4), sql; goals: promotion; values: growth; \
         different department (data, engineering); same location (berlin)"
    );
}

#[test]
fn explain_reports_rules_and_unknown_ids() {
    let (m, e) = example();
    let config = config(r#"{"constraints": {"require_same": ["department"], "min_score": 60}}"#);
    let x = matcher::explain(&m, &e, &config, "e1", "m1").unwrap();
    assert_eq!(
        x.forbidden.unwrap().to_string(),
        "require_same: different department"
    );
    let x = matcher::explain(&m, &e, &config, "e1", "m2").unwrap();
    assert_eq!(x.forbidden.unwrap().to_string(), "score below min_score");
    let err = matcher::explain(&m, &e, &config, "e1", "m9").unwrap_err();
    assert_eq!(err.to_string(), "no mentor with id \"m9\"");
    assert_eq!(err.code(), "unknown_id");
}

#[test]
fn scores_do_not_depend_on_list_order_or_case() {
    let m1 = mentors("id,skills,values\nm1,SQL:4; Python ,b;a;c\n");
    let m2 = mentors("id,skills,values\nm1,python;sql:4,C; A; b\n");
    let e1 = mentees("id,skills,values\ne1,python:5;sql,a;d\n");
    let e2 = mentees("id,skills,values\ne1,sql;python:5,d;a\n");
    let config = Config::default();
    let a = Scorer::new(&m1, &e1, &config).criteria(0, 0);
    let b = Scorer::new(&m2, &e2, &config).criteria(0, 0);
    assert_eq!(a, b);
    assert_eq!(a.skills, Some((3.0 / 5.0 + 1.0) / 2.0));
    assert_eq!(a.values, Some(0.25));
}
