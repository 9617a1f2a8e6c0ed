//! `matcher evaluate` and `matcher calibrate` on the sample program and on
//! files written by the tests.

use super::{golden, matcher, root, sample, text};

const OUTCOMES: [&str; 2] = ["--outcomes", "data/outcomes.csv"];

#[test]
fn evaluate_matches_the_golden_files_on_any_thread_count() {
    for (format, file) in [
        ("text", "data/expected/evaluate.txt"),
        ("json", "data/expected/evaluate.json"),
    ] {
        let out = sample("evaluate", &[&OUTCOMES[..], &["--format", format]].concat());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        golden(file, &out.stdout);
        let one = sample(
            "evaluate",
            &[&OUTCOMES[..], &["--format", format, "--threads", "1"]].concat(),
        );
        assert_eq!(one.stdout, out.stdout);
    }
    // The pairs the rosters do not know are named, with their rows.
    let report = text(&sample("evaluate", &OUTCOMES).stdout);
    assert!(report.contains("data/outcomes.csv:42:mentor_id: \"M046\" is not a mentor id"));
    assert!(report.contains("data/outcomes.csv:92:mentee_id: \"E9O1\" is not a mentee id"));
    assert!(report.contains("Columns not read: submitted\n"));
}

#[test]
fn evaluate_json_agrees_with_the_outcomes_file() {
    let out = sample("evaluate", &[&OUTCOMES[..], &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Counted independently from the file: rows, and ratings given by pairs
    // whose ids are on the rosters (all but rows 42 and 92).
    let mut reader = csv::Reader::from_path(root().join("data/outcomes.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let known = |r: &csv::StringRecord| r[1] != *"M046" && r[2] != *"E9O1";
    let ratings: Vec<f64> = rows
        .iter()
        .filter(|r| known(r) && !r[3].is_empty())
        .map(|r| r[3].parse().unwrap())
        .collect();
    assert_eq!(report["listed"], rows.len());
    assert_eq!(report["joined"], rows.iter().filter(|r| known(r)).count());
    let rating = &report["measures"][0];
    assert_eq!(rating["measure"], "rating");
    assert_eq!(rating["answered"], ratings.len());
    let mean = ratings.iter().sum::<f64>() / ratings.len() as f64;
    assert!((rating["mean"].as_f64().unwrap() - mean).abs() < 1e-4);
    let deciles = rating["score"]["bins"].as_array().unwrap();
    assert_eq!(deciles.len(), 10);
    let in_deciles: u64 = deciles.iter().map(|b| b["pairs"].as_u64().unwrap()).sum();
    assert_eq!(in_deciles as usize, ratings.len());
}

#[test]
fn calibrate_writes_the_fitted_config_when_the_data_support_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fitted.toml");
    let path = config.display().to_string();
    let out = sample(
        "calibrate",
        &[&OUTCOMES[..], &["--outcome", "rating", "--out", &path]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/calibrate-rating.txt", &out.stdout);
    let written = std::fs::read_to_string(&config).unwrap();
    golden("data/expected/calibrated-config.toml", written.as_bytes());
    // The report heads the file as comments; the sample's own comments stay.
    assert!(written.starts_with("# Weights fitted by `matcher calibrate`; its report:\n"));
    assert!(written.contains("\n# Verdict: SUPPORTED"));
    assert!(written.contains("# Hard rules: pairs scoring below min_score"));
    // The file is a config matcher runs with.
    let rerun = matcher(&[
        "match",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
        "--config",
        &path,
        "--quiet",
    ]);
    assert_eq!(rerun.status.code(), Some(0), "{}", text(&rerun.stderr));
    let json = sample(
        "calibrate",
        &[
            &OUTCOMES[..],
            &["--outcome", "rating", "--out", &path, "--format", "json"],
        ]
        .concat(),
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["verdict"], "supported");
    let sum: f64 = report["weights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["fitted"].as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-3, "{sum}");
}

#[test]
fn calibrate_refuses_unsupported_weights_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fitted.toml");
    let path = config.display().to_string();
    let args = [&OUTCOMES[..], &["--outcome", "ended_early", "--out", &path]].concat();
    let out = sample("calibrate", &args);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stdout).contains("Verdict: NOT SUPPORTED"));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: not writing {path}: the outcomes do not support a change of weights \
             (see the verdict; --force writes it anyway)\n"
        )
    );
    assert!(!config.exists());
    let forced = sample("calibrate", &[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let written = std::fs::read_to_string(&config).unwrap();
    assert!(written.contains(
        "# WARNING: written with --force although the outcomes do NOT support a change of weights."
    ));
}

#[test]
fn bad_outcomes_files_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let run = |body: &str, extra: &[&str]| {
        let path = dir.path().join("outcomes.csv");
        std::fs::write(&path, body).unwrap();
        let path = path.display().to_string();
        let out = sample(
            "evaluate",
            &[&["--outcomes", path.as_str()][..], extra].concat(),
        );
        (
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr),
            path,
        )
    };
    let (code, stdout, stderr, path) = run(
        "mentor_id,mentee_id,rating,ended_early\nM001,E001,7,no\nM002,E002,4,perhaps\n",
        &[],
    );
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(
        stderr,
        format!(
            "error: {path}:2:rating: the rating must be from 1 to 5, got 7 (hint: write the rating as a number from 1 to 5, e.g. 4 or 3.5)\n\
             error: {path}:3:ended_early: \"perhaps\" is not yes or no (hint: write yes or no (or true/false, y/n, 1/0))\n"
        )
    );
    let (code, _, stderr, path) = run("mentor_id,mentee_id,score\nM001,E001,7\n", &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(&format!(
            "error: {path}:1: the header has no outcome column (not read: score)"
        )),
        "{stderr}"
    );
    // Calibrating a file of several outcomes needs --outcome.
    let out = sample(
        "calibrate",
        &[&OUTCOMES[..], &["--out", "unused.toml"]].concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: data/outcomes.csv has several outcomes (rating, goals_attained, ended_early, meetings): choose one with --outcome\n"
    );
}
