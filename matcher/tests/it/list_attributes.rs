//! List attributes: `[attributes] languages = { list = true }` reads a cell as
//! a set of values, scored by the diversity preference `overlap` (Jaccard)
//! and required by `require_overlap`, worked out by hand.

use matcher::score::{Forbidden, Scorer};
use matcher::{explain, read_rosters_with, Config, Roster};

fn config(json: serde_json::Value) -> Config {
    let config: Config = serde_json::from_value(json).expect("a config");
    config.validate().expect("valid");
    config
}

/// Diversity alone counts: languages by overlap (weight 1) and department
/// different (weight 0.5).
fn scored() -> Config {
    config(serde_json::json!({
        "weights": { "skills": 0, "goals": 0, "values": 0, "diversity": 1 },
        "attributes": { "languages": { "list": true } },
        "diversity": { "languages": "overlap", "department": { "prefer": "different", "weight": 0.5 } },
        "columns": { "Languages spoken": { "role": "languages", "separator": "," } },
    }))
}

fn rosters(config: &Config) -> (Roster, Roster) {
    read_rosters_with(
        "id,Languages spoken,department\n\
         m1,\"English, German\",data\n\
         m2,\"French,  english ,ENGLISH\",sales\n\
         m3,Hindi,data\n\
         m4,,data\n"
            .as_bytes(),
        "mentors.csv",
        "id,languages,department\n\
         e1,english; german; spanish,data\n\
         e2,,sales\n"
            .as_bytes(),
        "mentees.csv",
        &config.columns,
    )
    .expect("valid rosters")
}

#[test]
fn overlap_scores_the_jaccard_similarity_times_its_weight() {
    let config = scored();
    let (m, e) = rosters(&config);
    let scorer = Scorer::new(&m, &e, &config);
    let diversity = |e, m| scorer.criteria(e, m).diversity;
    // e1 {english, german, spanish} with m1 {english, german}: 2 of 3 shared;
    // department the same: (1 × 2/3 + 0.5 × 0) / 1.5 = 4/9.
    assert_eq!(diversity(0, 0), Some((2.0 / 3.0) / 1.5));
    assert_eq!(scorer.score(0, 0), 4444);
    // m2 {french, english} (duplicates and case dropped): 1 of 4; departments differ:
    // (0.25 + 0.5) / 1.5 = 0.5.
    assert_eq!(diversity(0, 1), Some(0.5));
    // m3 {hindi}: nothing shared, same department: 0.
    assert_eq!(diversity(0, 2), Some(0.0));
    // m4 has no languages: only the department compares (same): 0 of 0.5.
    assert_eq!(diversity(0, 3), Some(0.0));
    // e2 has no languages: only the department (sales vs data differs): 1.
    assert_eq!(diversity(1, 0), Some(1.0));
    assert_eq!(diversity(1, 1), Some(0.0));
}

#[test]
fn require_overlap_forbids_pairs_sharing_no_value_where_both_have_one() {
    let mut config = scored();
    config.constraints.require_overlap = vec!["Languages".into()];
    config.validate().unwrap();
    let (m, e) = rosters(&config);
    let scorer = Scorer::new(&m, &e, &config);
    assert_eq!(scorer.rule_forbids(0, 0), None);
    assert_eq!(scorer.rule_forbids(0, 1), None);
    let forbidden = scorer.rule_forbids(0, 2).expect("no shared language");
    assert_eq!(
        forbidden,
        Forbidden::RequireOverlap {
            attribute: "languages".into()
        }
    );
    assert_eq!(
        forbidden.to_string(),
        "require_overlap: no shared languages"
    );
    assert_eq!(forbidden.rule(), "require_overlap: languages");
    // A side without a value is not checked.
    assert_eq!(scorer.rule_forbids(0, 3), None);
    assert_eq!(scorer.rule_forbids(1, 2), None);
    let json = serde_json::to_value(&forbidden).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "rule": "require_overlap", "attribute": "languages" })
    );
}

#[test]
fn explanations_show_both_lists_and_the_shared_values() {
    let config = scored();
    let (m, e) = rosters(&config);
    let x = explain(&m, &e, &config, "e1", "m1").unwrap();
    let languages = x
        .attributes
        .iter()
        .find(|a| a.attribute == "languages")
        .unwrap();
    assert_eq!(
        languages.mentee.as_deref(),
        Some("english; german; spanish")
    );
    assert_eq!(languages.mentor.as_deref(), Some("english; german"));
    assert_eq!(
        languages.shared.as_deref(),
        Some(&["english".to_owned(), "german".to_owned()][..])
    );
    assert_eq!(languages.met, Some(true));
    assert_eq!(x.reason(), "shared languages: english, german");
    let json = serde_json::to_value(&x).unwrap();
    let listed = json["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "languages")
        .unwrap();
    assert_eq!(listed["prefer"], "overlap");
    assert_eq!(listed["shared"], serde_json::json!(["english", "german"]));
    // Nothing shared: not met, and not a reason.
    let x = explain(&m, &e, &config, "e1", "m3").unwrap();
    assert_eq!(
        x.attributes
            .iter()
            .find(|a| a.attribute == "languages")
            .unwrap()
            .met,
        Some(false)
    );
    assert_eq!(x.reason(), "nothing in common");
    // No value on one side: not compared.
    let x = explain(&m, &e, &config, "e1", "m4").unwrap();
    assert_eq!(
        x.attributes
            .iter()
            .find(|a| a.attribute == "languages")
            .unwrap()
            .met,
        None
    );
}

#[test]
fn a_separator_in_columns_is_for_list_columns_and_list_attributes_only() {
    let mut config = scored();
    config.attributes.clear();
    config.diversity.remove("languages");
    let error = config.validate().expect_err("languages is no list now");
    assert_eq!(error.key, "columns.Languages spoken");
    assert!(
        error
            .message
            .contains("an attribute declared a list under [attributes]"),
        "{error}"
    );
}

#[test]
fn the_whole_match_honours_require_overlap() {
    let mut config = scored();
    config.constraints.require_overlap = vec!["languages".into()];
    let (m, e) = rosters(&config);
    let outcome = matcher::match_rosters(&m, &e, &config).unwrap();
    // e1 goes to m2 (0.5) rather than m1 (4/9); m3 (no shared language) never.
    let pairs: Vec<(&str, &str)> = outcome
        .matches
        .iter()
        .map(|p| {
            (
                p.explanation.mentee_id.as_str(),
                p.explanation.mentor_id.as_str(),
            )
        })
        .collect();
    assert_eq!(pairs, [("e1", "m2"), ("e2", "m1")]);
}

#[test]
fn a_list_attribute_that_looks_comma_separated_is_a_located_error() {
    let config = config(serde_json::json!({
        "attributes": { "languages": { "list": true } },
        "constraints": { "require_overlap": ["languages"] },
    }));
    let (m, e) = matcher::read_rosters(
        "id,languages\nm1,english\nm2,\"French, English\"\n".as_bytes(),
        "mentors.csv",
        "id,languages\ne1,german; english\n".as_bytes(),
        "mentees.csv",
    )
    .unwrap();
    let error = matcher::match_rosters(&m, &e, &config).expect_err("commas");
    let matcher::Error::Roster(problems) = error else {
        panic!("a roster error: {error}")
    };
    let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        ["mentors.csv:3:languages: the list \"french, english\" looks comma-separated (1 of 2 filled cells have commas, none has `;`), so it would be read as one item \
          (hint: list items are separated by `;`; to read this column as it is, add `\"languages\" = { separator = \",\" }` under [columns] in the config)"]
    );
    assert_eq!(problems[0].code.as_str(), "comma_separated_list");
    // With that line, the pair scores.
    let mut fixed = config.clone();
    fixed.columns =
        serde_json::from_value(serde_json::json!({ "languages": { "separator": "," } })).unwrap();
    fixed.validate().unwrap();
    let (m, _) = matcher::read_rosters_with(
        "id,languages\nm1,english\nm2,\"French, English\"\n".as_bytes(),
        "mentors.csv",
        "id,languages\ne1,german\n".as_bytes(),
        "mentees.csv",
        &fixed.columns,
    )
    .unwrap();
    assert!(matcher::match_rosters(&m, &e, &fixed).is_ok());
}
