//! Configuration: defaults, the JS/JSON object shape, and errors naming the key.

use matcher::config::{AttributeRule, Preference};
use matcher::{Config, Goal};

fn parse(json: &str) -> Result<Config, String> {
    let config: Config = serde_json::from_str(json).map_err(|e| e.to_string())?;
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}

#[test]
fn every_key_is_optional_with_documented_defaults() {
    let c = parse("{}").unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(
        [
            c.weights.skills,
            c.weights.goals,
            c.weights.values,
            c.weights.diversity
        ],
        [0.35, 0.25, 0.20, 0.20]
    );
    assert_eq!(c.solver.objective, Goal::Coverage);
    assert_eq!(c.constraints.min_score, 0.0);
    assert_eq!(c.threads(), None);

    let c = parse(r#"{"weights": {"skills": 1}}"#).unwrap();
    assert_eq!((c.weights.skills, c.weights.goals), (1.0, 0.25));
}

#[test]
fn diversity_takes_a_preference_or_a_table() {
    let c = parse(r#"{"diversity": {"department": "different", "gender": {"prefer": "same", "weight": 0.5}, "x": {"prefer": "different"}}}"#)
        .unwrap();
    assert_eq!(
        c.diversity["department"],
        AttributeRule {
            prefer: Preference::Different,
            weight: 1.0
        }
    );
    assert_eq!(
        c.diversity["gender"],
        AttributeRule {
            prefer: Preference::Same,
            weight: 0.5
        }
    );
    assert_eq!(c.diversity["x"].weight, 1.0);
}

#[test]
fn unknown_keys_and_bad_values_are_errors_naming_the_key() {
    let cases = [
        (r#"{"wieghts": {}}"#, "unknown field `wieghts`"),
        (r#"{"weights": {"skill": 1}}"#, "unknown field `skill`"),
        (
            r#"{"diversity": {"department": "diffrent"}}"#,
            "unknown variant `diffrent`, expected one of `different`, `same`, `overlap`",
        ),
        (
            r#"{"constraints": {"require_overlap": [" "]}}"#,
            "constraints.require_overlap: attribute names must not be empty",
        ),
        (
            r#"{"attributes": {" ": {"list": true}}}"#,
            "attributes: attribute names must not be empty",
        ),
        (
            r#"{"vocabulary": {"rust": {"parent": " - "}}}"#,
            "vocabulary.rust.parent: the parent \" - \" is not a term: it has no letters or digits",
        ),
        (
            r#"{"diversity": {"department": {"prefer": "same", "wieght": 1}}}"#,
            "unknown field `wieght`",
        ),
        (
            r#"{"solver": {"objective": "fastest"}}"#,
            "unknown variant `fastest`, expected one of `coverage`, `total`, `fair`",
        ),
        (
            r#"{"weights": {"skills": -1}}"#,
            "weights.skills: must be a finite number ≥ 0, got -1",
        ),
        (
            r#"{"weights": {"skills": 0, "goals": 0, "values": 0, "diversity": 0}}"#,
            "weights: at least one weight must be greater than 0",
        ),
        (
            r#"{"diversity": {"gender": {"prefer": "same", "weight": -2}}}"#,
            "diversity.gender.weight: must be a finite number ≥ 0, got -2",
        ),
        (
            r#"{"constraints": {"min_score": 101}}"#,
            "constraints.min_score: must be between 0 and 100, got 101",
        ),
        (
            r#"{"constraints": {"require_same": [" "]}}"#,
            "constraints.require_same: attribute names must not be empty",
        ),
        (
            r#"{"constraints": {"require_different": ["Lang"], "require_same": ["lang"]}}"#,
            "constraints: \"Lang\" is in both require_different and require_same: no pair could satisfy both",
        ),
        (
            r#"{"solver": {"max_memory": "4 gigs"}}"#,
            "unknown unit \"gigs\" in \"4 gigs\"",
        ),
        (
            r#"{"solver": {"threads": 100000}}"#,
            "solver.threads: must be at most 1024 (0 = every core), got 100000",
        ),
        (
            r#"{"solver": {"max_memory": -1}}"#,
            "a size must be 0 or more, got -1",
        ),
    ];
    for (json, expected) in cases {
        let err = parse(json).expect_err(json);
        assert!(
            err.contains(expected),
            "{json}: got {err:?}, expected {expected:?}"
        );
    }
}

#[test]
fn max_memory_takes_bytes_or_a_size_with_a_unit() {
    assert_eq!(Config::default().solver.max_memory.0, 1 << 30);
    let c = parse(r#"{"solver": {"max_memory": "512MiB"}}"#).unwrap();
    assert_eq!(c.solver.max_memory.0, 512 << 20);
    let c = parse(r#"{"solver": {"max_memory": 1000}}"#).unwrap();
    assert_eq!(c.solver.max_memory.0, 1000);
}

#[test]
fn nan_and_infinite_weights_are_rejected() {
    for value in [f64::NAN, f64::INFINITY] {
        let mut c = Config::default();
        c.weights.values = value;
        assert_eq!(c.validate().unwrap_err().key, "weights.values");
    }
}
