//! End-to-end tests of the `matcher` binary: exit codes, exact outputs, golden files.

mod bad_inputs;
mod fuzz_replay;
mod limits;
mod outcomes;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs the binary from the workspace root so that paths in messages are relative.
fn matcher(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matcher"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The records of a CSV the command wrote to standard output (header skipped).
fn csv_rows(out: &Output) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    reader.records().map(Result::unwrap).collect()
}

const SAMPLE: [&str; 6] = [
    "--mentors",
    "data/mentors.csv",
    "--mentees",
    "data/mentees.csv",
    "--config",
    "data/config.toml",
];

fn sample(command: &str, extra: &[&str]) -> Output {
    let mut args = vec![command];
    args.extend(SAMPLE);
    args.extend(extra);
    matcher(&args)
}

/// The sample program as a form exports it, read with its columns and the sample vocabulary.
const FORMS: [&str; 8] = [
    "--mentors",
    "data/forms/mentors.csv",
    "--mentees",
    "data/forms/mentees.csv",
    "--config",
    "data/forms/config.toml",
    "--vocabulary",
    "data/vocabulary.csv",
];

/// Compares with a golden file; `MAKE_REF=1` rewrites it instead.
fn golden(path: &str, actual: &[u8]) {
    let path = root().join(path);
    if std::env::var_os("MAKE_REF").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with MAKE_REF=1)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the output:\n{}",
        path.display(),
        text(actual)
    );
}

#[test]
fn sample_program_matches_the_golden_files() {
    for (format, file) in [
        ("csv", "data/expected/matches.csv"),
        ("json", "data/expected/matches.json"),
    ] {
        let out = sample("match", &["--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        golden(file, &out.stdout);
    }
    let out = sample("explain", &["--mentor", "M008", "--mentee", "E002"]);
    assert_eq!(out.status.code(), Some(0));
    golden("data/expected/explain-E002-M008.txt", &out.stdout);
}

/// `data/locked.csv` keeps five pairs (E007–M010 is not the first round's
/// choice); `data/history.csv` holds two declined pairs and one from an
/// earlier cycle.
#[test]
fn a_second_round_keeps_the_locks_and_avoids_the_history() {
    let rounds = [
        "--locked",
        "data/locked.csv",
        "--history",
        "data/history.csv",
    ];
    let out = sample("match", &[&rounds[..], &["--quiet"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/matches-round2.csv", &out.stdout);
    let mentor_of: std::collections::HashMap<String, String> = csv_rows(&out)
        .into_iter()
        .map(|r| (r[0].to_owned(), r[2].to_owned()))
        .collect();
    for (mentee, mentor) in [
        ("E001", "M015"),
        ("E002", "M008"),
        ("E003", "M041"),
        ("E006", "M023"),
        ("E007", "M010"),
    ] {
        assert_eq!(mentor_of[mentee], mentor, "locked {mentee}");
    }
    for (mentee, mentor) in [("E004", "M020"), ("E005", "M017"), ("E008", "M016")] {
        assert!(
            !mentor_of[mentee].is_empty() && mentor_of[mentee] != mentor,
            "history {mentee}"
        );
    }
    let out = sample(
        "explain",
        &[&rounds[..], &["--mentee", "E009", "--mentor", "M022"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/why-not-E009-M022-round2.txt", &out.stdout);
}

/// `--report` adds the fairness and diversity report to the JSON output.
#[test]
fn the_report_is_pinned_and_needs_json() {
    let out = sample("match", &["--format", "json", "--report", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = serde_json::to_string_pretty(&v["report"]).unwrap() + "\n";
    golden("data/expected/report.json", report.as_bytes());
    assert_eq!(v["report"]["worst_off"]["score"], 32.67);
    assert_eq!(v["report"]["cost_of_diversity"]["cost"], 168.12);
    assert_eq!(v["matches"].as_array().unwrap().len(), 130);
    let out = sample("match", &["--report"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: --report adds a section to the JSON output: use it with --format json\n"
    );
}

/// `data/config-fair.toml` is `data/config.toml` with `objective = "fair"`:
/// the same 130 matched, the lowest score up from 32.67 to 40.67.
#[test]
fn the_fair_objective_raises_the_lowest_score() {
    let out = matcher(&[
        "match",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
        "--config",
        "data/config-fair.toml",
        "--out",
        "/dev/null",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[0],
        "matched 130 of 131 mentees (1 unmatched: 1 below_min_score) with 43 of 45 mentors"
    );
    assert_eq!(
        lines[1],
        "score mean 56.70, median 53.75, min 40.67, max 90.00"
    );
    assert!(
        lines[2].starts_with(
            "total score 7371.05, dual bound 7371.05 (proven optimal, objective fair)"
        ),
        "{stderr}"
    );
}

/// `data/config-stable.toml` is `data/config.toml` with `objective = "stable"`:
/// no blocking pair, at a price the report states against the exact optimum.
#[test]
fn the_stable_objective_leaves_no_blocking_pair_and_prices_it() {
    let out = matcher(&[
        "match",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
        "--config",
        "data/config-stable.toml",
        "--format",
        "json",
        "--report",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/report-stable.json", &out.stdout);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json["report"];
    assert_eq!(report["stability"]["blocking_pairs"], 0);
    assert_eq!(
        report["price_of_stability"],
        serde_json::json!({"stable_matched": 130, "stable_total": 7245.46, "optimum_matched": 130, "optimum_total": 7418.68})
    );
    assert!(text(&out.stderr).contains(
        "total score 7245.46, dual bound 7699.04 (stable; the bound is each mentee's best allowed score, objective stable)"
    ));
}

/// Runs `command` on the program in `data/{dir}/` (its mentors, mentees and
/// config) with `extra` arguments, and checks that it succeeds.
fn sample_program(dir: &str, command: &str, extra: &[&str]) -> Output {
    sample_program_with(dir, &format!("data/{dir}/config.toml"), command, extra)
}

/// [`sample_program`] with the config file at `config` instead.
fn sample_program_with(dir: &str, config: &str, command: &str, extra: &[&str]) -> Output {
    let [mentors, mentees] =
        ["mentors.csv", "mentees.csv"].map(|file| format!("data/{dir}/{file}"));
    let mut args = vec![command, "--mentors", &mentors, "--mentees", &mentees];
    args.extend(["--config", config]);
    args.extend(extra);
    let out = matcher(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    out
}

/// `data/shapes/locked.csv` locks two mentors of E001 (who wants two), one of
/// E004's two and one each of E002 and E003, none the first round's choice.
#[test]
fn the_shapes_program_keeps_several_locks_per_mentee() {
    let locked = ["--locked", "data/shapes/locked.csv"];
    let out = sample_program("shapes", "match", &[&locked[..], &["--quiet"]].concat());
    golden("data/expected/shapes-matches-round2.csv", &out.stdout);
    let json = sample_program(
        "shapes",
        "match",
        &[&locked[..], &["--format", "json"]].concat(),
    );
    let outcome: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let pairs = |locked: bool| -> Vec<String> {
        let matches = outcome["matches"].as_array().unwrap().iter();
        matches
            .filter(|m| m.get("locked").is_some() == locked)
            .filter(|m| {
                ["E001", "E002", "E003", "E004"].contains(&m["mentee_id"].as_str().unwrap())
            })
            .map(|m| {
                format!(
                    "{}-{}",
                    m["mentee_id"].as_str().unwrap(),
                    m["mentor_id"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        pairs(true),
        [
            "E001-M018",
            "E001-M035",
            "E002-M033",
            "E003-M036",
            "E004-M010"
        ]
    );
    // E004's second mentor is not M022, of M010's department (data).
    assert_eq!(pairs(false), ["E004-M020"]);
    let explain = |mentor: &str| {
        let args = [&locked[..], &["--mentee", "E004", "--mentor", mentor]].concat();
        text(&sample_program("shapes", "explain", &args).stdout)
    };
    assert!(
        explain("M022").ends_with("\n  forcing the pair would break a locked pair\n"),
        "{}",
        explain("M022")
    );
    assert!(
        explain("M018").contains("\n  forcing the pair: total score 7848.61 -> 7837.45 (-11.16), matched mentees +0; 3 mentee(s) move:\n    E004: M020 -> M018\n"),
        "{}",
        explain("M018")
    );
}

/// `data/picks/` in `rank` mode (`config-rank.toml`): 130 matched as in
/// `bonus` mode, and 38 first picks and 4 second picks where `bonus` gives
/// 14, 1 and 3; E088 gets their 1st pick, M025 (44.87), where `bonus` gives
/// them their 3rd, M035 (65.90).
#[test]
fn rank_mode_in_the_picks_program() {
    let run = |config: &str, format: &str| {
        sample_program_with("picks", config, "match", &["--format", format])
    };
    let out = run("data/picks/config-rank.toml", "csv");
    golden("data/expected/picks-rank-matches.csv", &out.stdout);
    let rows = text(&out.stdout);
    let row = |id: &str| rows.lines().find(|l| l.starts_with(id)).unwrap().to_owned();
    assert!(row("E088").starts_with("E088,Björn Girard,M025,Daniel Lefèvre,44.87,"));
    assert!(row("E088").contains(",\"their 1st pick; "));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("matched 130 of 131 mentees"), "{stderr}");
    assert!(
        stderr.contains("\nmentees' picks: got 38 their 1st, 4 their 2nd, 0 their 3rd\n"),
        "{stderr}"
    );
    let summary = |config| {
        let out = run(config, "json");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["summary"].clone()
    };
    let rank = summary("data/picks/config-rank.toml");
    assert_eq!(rank["pick_ranks"], serde_json::json!([38, 4, 0]));
    assert_eq!(
        (rank["matched"].as_u64(), rank["gap"].as_f64()),
        (Some(130), Some(0.0))
    );
    let bonus = summary("data/picks/config.toml");
    assert_eq!(bonus["pick_ranks"], serde_json::json!([14, 1, 3]));
    assert_eq!(bonus["matched"].as_u64(), Some(130));
    assert!(bonus["total_score"].as_f64() > rank["total_score"].as_f64());
}

/// `data/picks/`: the sample with a `picks` and a `wants` column on both
/// sides; in `bonus` mode (its config) and in `only` mode.
#[test]
fn picks_and_wants_in_the_picks_program() {
    let out = sample_program("picks", "match", &[]);
    golden("data/expected/picks-matches.csv", &out.stdout);
    let rows = text(&out.stdout);
    let row = |id: &str| rows.lines().find(|l| l.starts_with(id)).unwrap().to_owned();
    assert!(rows.starts_with(
        "mentee_id,mentee_name,mentor_id,mentor_name,score,skills,goals,values,diversity,picks,reason\n"
    ));
    // E001 picked M006 alone and got them: picks 100, named first in the reason.
    assert!(row("E001").starts_with("E001,Malik Núñez,M006,Ethan Ibáñez,55.19,25.00,100.00,0.00,40.00,100.00,\"their 1st pick; "));
    let out = sample_program(
        "picks",
        "explain",
        &["--mentee", "E002", "--mentor", "M008"],
    );
    golden("data/expected/picks-explain-E002-M008.txt", &out.stdout);
    let explained = text(&out.stdout);
    assert!(explained.contains("    picks: the mentor's 1st pick of 3\n"));
    assert!(explained.contains("    wants (mentee, nice-to-have): gender=woman: met\n"));

    // In `only` mode E010's one pick (M019) breaks their own must-have
    // (language=german), so they stay unmatched as no_pick_free.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("only.toml");
    let base = std::fs::read_to_string(root().join("data/picks/config.toml")).unwrap();
    std::fs::write(&config, base.replace("mode = \"bonus\"", "mode = \"only\"")).unwrap();
    let out = sample_program_with(
        "picks",
        config.to_str().unwrap(),
        "match",
        &["--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unmatched = v["unmatched"].as_array().unwrap();
    let e010 = unmatched.iter().find(|u| u["mentee_id"] == "E010").unwrap();
    assert_eq!(e010["reason"], "no_pick_free");
    assert_eq!(
        e010["detail"],
        "their only pick is not free (`only` mode): M019 (a must-have not met: language=german (mentee))"
    );
    for m in v["matches"].as_array().unwrap() {
        let picks = &m["picks"];
        if picks["mentee_picks"].as_u64().unwrap_or(0) > 0 {
            assert!(
                picks["mentee_pick"].is_u64(),
                "{} matched outside its picks",
                m["mentee_id"]
            );
        }
    }
}

/// `data/picks/` under its participants' stated picks: the stability
/// report reads them (E025's 1st pick, M034, blocks: M034 would give up
/// E110), the `stable` objective leaves no pair blocking under them, and
/// `explain` says when a pick was not honoured and what honouring it costs.
#[test]
fn stability_and_why_not_under_the_picks() {
    let out = sample_program(
        "picks",
        "match",
        &["--format", "json", "--report", "--quiet"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = serde_json::to_string_pretty(&v["report"]).unwrap() + "\n";
    golden("data/expected/picks-report.json", report.as_bytes());
    let stability = &v["report"]["stability"];
    assert_eq!(stability["preferences"], "picks_where_given");
    assert_eq!(stability["blocking_pairs"], 61);
    let e025 = stability["listed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["mentee_id"] == "E025" && b["mentor_id"] == "M034")
        .unwrap();
    assert_eq!(
        *e025,
        serde_json::json!({"mentee_id": "E025", "mentor_id": "M034", "score": 40.77, "mentee_pick": 1,
            "mentee_has": 39.23, "mentor_gives_up": {"mentee_id": "E110", "score": 36.0}})
    );
    // 18 of the 44 mentees who picked get a pick: 14 their 1st, 1 their 2nd, 3 their 3rd.
    let picks = &stability["picks"];
    let got: Vec<u64> = (0..5)
        .map(|r| picks["ranks"][r]["mentees"].as_u64().unwrap())
        .collect();
    assert_eq!(got, [14, 1, 3, 0, 0]);
    assert_eq!(
        [&picks["mentees"], &picks["none"], &picks["unmatched"]],
        [44, 26, 0]
    );

    let stable = "data/picks/config-stable.toml";
    let out = sample_program_with("picks", stable, "match", &[]);
    golden("data/expected/picks-stable-matches.csv", &out.stdout);
    let out = sample_program_with("picks", stable, "match", &["--format", "json", "--report"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stability = &v["report"]["stability"];
    assert_eq!(stability["blocking_pairs"], 0);
    let got: Vec<u64> = (0..5)
        .map(|r| stability["picks"]["ranks"][r]["mentees"].as_u64().unwrap())
        .collect();
    assert_eq!(got, [18, 5, 1, 0, 0]);

    let args = ["--mentee", "E025", "--mentor", "M034"];
    let out = sample_program("picks", "explain", &args);
    golden("data/expected/picks-why-not-E025-M034.txt", &out.stdout);
    assert!(text(&out.stdout).contains(
        "  mentor M034 has 1 of 1 places taken: E110 (36.00)\n  \
         a pick not honoured: M034 is E025's 1st pick of 3; honouring it costs what forcing the pair costs\n  \
         forcing the pair: total score 6953.42 -> 6952.83 (-0.59), matched mentees +0; 5 mentee(s) move:\n"
    ));
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let out = sample_program("picks", "explain", &json_args);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pair = &v["pair"];
    assert_eq!(
        (&pair["made"], &pair["mentee_pick"]),
        (&false.into(), &1.into())
    );
    assert_eq!(pair["forcing"]["total_change"], -0.59);
}

/// `data/priorities/`: the mentees' `priority` column and numeric rules
/// (timezones at most 3 apart, experience at least 2 years apart).
#[test]
fn priorities_and_numeric_rules_in_the_priorities_program() {
    let program = |command: &str, extra: &[&str]| sample_program("priorities", command, extra);
    let out = program("match", &[]);
    golden("data/expected/priorities-matches.csv", &out.stdout);
    // Q05 and Q08 both want Erik Lund (P05); Q08's priority (skills, weight
    // 0.70) makes him worth (0.70 + 0.25 + 0.20·0.5 + 0.20) / 1.35 = 92.59 to
    // Q08, against 33.33 with Amara Okafor (P01), so Q08 gets him.
    let rows = text(&out.stdout);
    let row = |id: &str| rows.lines().find(|l| l.starts_with(id)).unwrap().to_owned();
    assert!(row("Q08").starts_with("Q08,Omar Haddad,P05,Erik Lund,92.59,"));
    assert!(row("Q05").starts_with("Q05,Lena Vogel,P01,Amara Okafor,45.00,"));
    assert_eq!(row("Q07"), "Q07,Nina Berg,,,,,,,,all_candidates_forbidden");
    let out = program("explain", &["--mentee", "Q08", "--mentor", "P05"]);
    golden("data/expected/priorities-explain-Q08-P05.txt", &out.stdout);
    assert!(text(&out.stdout)
        .contains("  skills     100.00  (weight 0.7, doubled: the mentee's priority)\n"));
    let out = program("explain", &["--mentee", "Q07", "--mentor", "P02"]);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().take(3).collect();
    assert_eq!(
        lines,
        [
            "mentee Q07 is unmatched: all_candidates_forbidden (all 5 mentors are ruled out: \
             max_difference: timezone (4), min_difference: years_experience (1))",
            // Goals are Q07's priority: (0.35 + 0.50 + 0.20·0.5 + 0) / 1.25 = 76.00.
            "mentee Q07 with mentor P02: score 76.00",
            "  never matched: min_difference: years_experience differs by 1, less than 2",
        ]
    );
}

#[test]
fn explain_says_why_a_pair_was_not_made_and_why_a_mentee_is_unmatched() {
    let out = sample("explain", &["--mentor", "M010", "--mentee", "E002"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/why-not-E002-M010.txt", &out.stdout);
    let out = sample("explain", &["--mentee", "E131"]);
    assert_eq!(
        text(&out.stdout),
        "mentee E131 is unmatched: below_min_score (the best allowed mentor scores 13.33, below min_score)\n"
    );
    let out = sample(
        "explain",
        &["--mentor", "M010", "--mentee", "E002", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mentee"]["status"], "matched");
    assert_eq!(v["mentee"]["mentor_id"], "M008");
    assert_eq!(v["pair"]["forcing"]["total_change"], -12.56);
    assert_eq!(v["pair"]["forcing"]["matched_change"], 0);
}

#[test]
fn a_bad_lock_file_exits_2_naming_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.csv");
    // M016 (engineering, capacity 2): E001, E006 and E007 are allowed, E002
    // is in engineering too.
    std::fs::write(
        &path,
        "mentor_id,mentee_id\nM016,E001\nM016,E002\nM016,E006\nM016,E007\nM999,E004\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let out = sample("match", &["--locked", path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {path}:3: the pair may never be made: require_different: same department\n\
             error: {path}:5: mentor \"M016\" has capacity 2 and no place left for this lock\n\
             error: {path}:6:mentor_id: \"M999\" is not a mentor id in data/mentors.csv (hint: ids must match the rosters (case-insensitively))\n"
        )
    );
}

#[test]
fn output_is_byte_identical_on_one_and_two_threads() {
    for format in ["csv", "json"] {
        let one = sample("match", &["--format", format, "--threads", "1"]);
        let two = sample("match", &["--format", format, "--threads", "2"]);
        assert_eq!(one.status.code(), Some(0));
        assert!(!one.stdout.is_empty());
        assert!(
            one.stdout == two.stdout,
            "{format} output differs between thread counts"
        );
    }
}

#[test]
fn summary_goes_to_stderr_without_a_progress_bar_when_not_a_terminal() {
    let out = sample("match", &["--out", "/dev/null"]);
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("matched "), "{stderr}");
    assert!(lines[2].contains("proven optimal"), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains("scoring"),
        "{stderr}"
    );
    assert!(sample("match", &["--quiet"]).stderr.is_empty());
}

#[test]
fn match_writes_to_a_file_with_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matches.csv");
    let out = sample("match", &["--out", path.to_str().unwrap(), "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    golden("data/expected/matches.csv", &std::fs::read(&path).unwrap());
}

#[test]
fn validate_reports_every_problem_and_exits_2() {
    let out = matcher(&[
        "validate",
        "--mentors",
        &fixture("mentors_with_problems.csv"),
        "--mentees",
        &fixture("mentees_with_problems.csv"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let (m, e) = (
        fixture("mentors_with_problems.csv"),
        fixture("mentees_with_problems.csv"),
    );
    let expected = format!(
        "{e}:3:id: the id is empty (hint: every person needs a unique id)\n\
         {e}:4:id: the id \"E1\" is already used on row 2 (hint: ids must be unique within a file (they compare case-insensitively))\n\
         {e}:5: the row has 2 cells but the header has 3 (hint: check for a missing or extra comma, or an unclosed quote)\n\
         {m}:3:capacity: capacity must be a whole number, got \"two\" (hint: use a whole number of mentees, 0 for a mentor who is unavailable)\n\
         {m}:4:skills: skill level must be a whole number from 1 to 5, got \"7\" in \"rust:7\" (hint: write a skill as `name` or `name:level`, e.g. `python:4`)\n"
    );
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(
        text(&out.stderr),
        "error: 5 problem(s) found in the rosters\n"
    );

    let json = matcher(&[
        "validate",
        "--format",
        "json",
        "--mentors",
        &m,
        "--mentees",
        &e,
    ]);
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(problems[0]["row"], 3);
    assert_eq!(problems[0]["column"], "id");
    assert_eq!(problems[0]["code"], "empty_id");
}

#[test]
fn validate_a_clean_program_exits_0_with_one_line() {
    let out = matcher(&[
        "validate",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(
        stdout.starts_with("ok: data/mentors.csv has 45 mentors"),
        "{stdout}"
    );
}

#[test]
fn match_on_bad_rosters_exits_2_listing_the_problems_on_stderr() {
    let out = matcher(&[
        "match",
        "--mentors",
        &fixture("mentors_with_problems.csv"),
        "--mentees",
        "data/mentees.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(":3:capacity: capacity must be a whole number, got \"two\""),
        "{stderr}"
    );
    assert!(stderr.lines().all(|l| l.starts_with("error: ")), "{stderr}");

    let missing = matcher(&[
        "match",
        "--mentors",
        "nope.csv",
        "--mentees",
        "data/mentees.csv",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("error: could not open nope.csv: "));
}

#[test]
fn config_errors_name_the_file_and_key_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[wieghts]\nskills = 1\n", "unknown field `wieghts`"),
        (
            "[weights]\nskills = -0.5\n",
            "weights.skills: must be a finite number ≥ 0, got -0.5",
        ),
        (
            "[weights]\nskills = nan\n",
            "weights.skills: must be a finite number ≥ 0, got NaN",
        ),
        (
            "[diversity]\ngender = \"diffrent\"\n",
            "unknown variant `diffrent`, expected one of `different`, `same`, `overlap`",
        ),
        (
            "[constraints]\nmin_score = 120\n",
            "constraints.min_score: must be between 0 and 100, got 120",
        ),
        (
            "[skills]\nrelated = 2\n",
            "skills.related: must be between 0 and 1, got 2",
        ),
        (
            "[vocabulary]\nrust = { parent = \"rust\" }\n",
            "vocabulary.rust.parent: \"rust\" is \"rust\" itself: a term cannot be its own parent",
        ),
        (
            "[vocabulary]\nrust = { aliases = [\"rs\"], parnt = \"x\" }\n",
            "unknown field `parnt`, expected `aliases` or `parent`",
        ),
        (
            "[attributes]\nlanguages = { list = true }\n[constraints]\nrequire_same = [\"languages\"]\n",
            "constraints.require_same: \"languages\" is a list attribute, compared only by overlap",
        ),
        (
            "[diversity]\ndepartment = \"overlap\"\n",
            "diversity.department: overlap compares lists, and \"department\" is not one",
        ),
        (
            "[attributes]\nlanguages = { lists = true }\n",
            "unknown field `lists`, expected `list`",
        ),
    ];
    for (toml, expected) in cases {
        let path = dir.path().join("config.toml");
        std::fs::write(&path, toml).unwrap();
        let path = path.display().to_string();
        let out = matcher(&[
            "match",
            "--mentors",
            "data/mentors.csv",
            "--mentees",
            "data/mentees.csv",
            "--config",
            &path,
        ]);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(&format!("error: {path}: ")), "{stderr}");
        assert!(stderr.contains(expected), "{toml}: {stderr}");
    }
}

#[test]
fn init_prints_the_defaults_as_commented_toml() {
    let out = matcher(&["init"]);
    assert_eq!(out.status.code(), Some(0));
    let toml_text = text(&out.stdout);
    assert!(
        toml_text
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 5
    );
    let parsed: matcher::Config = toml::from_str(&toml_text).unwrap();
    assert_eq!(parsed, matcher::Config::default());
}

#[test]
fn csv_output_neutralises_formula_cells() {
    let out = matcher(&[
        "match",
        "--quiet",
        "--mentors",
        &fixture("mentors_formula.csv"),
        "--mentees",
        &fixture("mentees_formula.csv"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "'-E1");
    assert_eq!(&rows[0][1], "'@SUM(A1)");
    assert_eq!(&rows[0][3], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[1][0], "'+E2");
    assert_eq!(&rows[1][1], "'=1+2");
    assert_eq!(&rows[1][9], "no_capacity");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
    }
}

#[test]
fn json_output_has_matches_unmatched_mentors_and_summary() {
    let out = sample("match", &["--format", "json", "--quiet"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &v["summary"];
    let matched = v["matches"].as_array().unwrap().len();
    let unmatched = v["unmatched"].as_array().unwrap().len();
    assert_eq!(matched + unmatched, 131);
    assert_eq!(summary["matched"], matched);
    assert_eq!(v["mentors"].as_array().unwrap().len(), 45);
    assert_eq!(summary["gap"], 0.0);
    assert_eq!(summary["total_score"], summary["dual_bound"]);
    let load: u64 = v["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["assigned"].as_u64().unwrap())
        .sum();
    assert_eq!(load as usize, matched);
}

#[test]
fn explain_unknown_id_exits_2() {
    let out = sample("explain", &["--mentor", "M999", "--mentee", "E001"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "error: no mentor with id \"M999\"\n");
}

/// The first suggestion of every matched mentee is their mentor in matches.csv,
/// so no mentor comes first more often than their capacity.
#[test]
fn suggest_puts_each_mentees_optimal_mentor_first() {
    let out = sample("suggest", &["--top", "2"]);
    assert_eq!(out.status.code(), Some(0));
    golden("data/expected/suggestions.csv", &out.stdout);
    let records = |bytes: &[u8]| -> Vec<csv::StringRecord> {
        let mut reader = csv::Reader::from_reader(bytes);
        reader.records().map(Result::unwrap).collect()
    };
    let rows = records(&out.stdout);
    // E131 has no allowed mentor above min_score: no suggestions.
    assert_eq!(rows.len(), 260);
    let firsts: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| &r[2] == "1")
        .map(|r| (&r[0], &r[3], &r[6]))
        .collect();
    let matches = std::fs::read(root().join("data/expected/matches.csv")).unwrap();
    let matched: Vec<(String, String)> = records(&matches)
        .iter()
        .filter(|r| !r[2].is_empty())
        .map(|r| (r[0].to_owned(), r[2].to_owned()))
        .collect();
    assert_eq!(matched.len(), 130);
    assert_eq!(firsts.len(), 130);
    for ((mentee, mentor, assigned), (e, m)) in firsts.iter().zip(&matched) {
        assert_eq!(
            (*mentee, *mentor, *assigned),
            (e.as_str(), m.as_str(), "yes")
        );
    }
}

#[test]
fn generate_is_seeded_and_writes_valid_rosters() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let status = matcher(&[
            "generate",
            "--mentors",
            "50",
            "--mentees",
            "200",
            "--seed",
            "42",
            "--out",
            out.to_str().unwrap(),
        ])
        .status;
        assert_eq!(status.code(), Some(0));
    }
    for file in ["mentors.csv", "mentees.csv"] {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap()
        );
    }
    let out = matcher(&[
        "validate",
        "--mentors",
        a.join("mentors.csv").to_str().unwrap(),
        "--mentees",
        a.join("mentees.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("has 50 mentors"));
    assert!(text(&out.stdout).contains("has 200 mentees"));
}

#[test]
fn solve_reads_a_users_matrix_and_optimises_either_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    // The expected optima come from enumerating all six permutations.
    std::fs::write(&path, "a,b,c\n4,7,1\n8,2,5\n3,6,3\n").unwrap();
    let m = [[4.0, 7.0, 1.0], [8.0, 2.0, 5.0], [3.0, 6.0, 3.0]];
    let perms = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let value = |p: &[usize; 3]| (0..3).map(|r| m[r][p[r]]).sum::<f64>();
    let best = perms.iter().map(value).fold(f64::MIN, f64::max);
    let least = perms.iter().map(value).fold(f64::MAX, f64::min);
    let path = path.to_str().unwrap();
    for (flag, expected) in [("--maximize", best), ("--minimize", least)] {
        let out = matcher(&[
            "solve", "--matrix", path, flag, "--format", "json", "--quiet",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["objective"], expected, "{flag}");
        assert_eq!(v["dual_bound"], expected, "{flag}");
        let cols: Vec<usize> = v["assignment"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap() as usize)
            .collect();
        assert_eq!((0..3).map(|r| m[r][cols[r]]).sum::<f64>(), expected);
    }
    let csv = matcher(&["solve", "--matrix", path, "--quiet"]);
    assert_eq!(text(&csv.stdout).lines().next(), Some("row,col,value"));
    assert_eq!(text(&csv.stdout).lines().count(), 4);
}

#[test]
fn solve_rejects_non_finite_cells_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    std::fs::write(&path, "1,2\n3,inf\n").unwrap();
    let path = path.to_str().unwrap();
    let out = matcher(&["solve", "--matrix", path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("error: {path}:2:2: \"inf\" is not a finite number (hint: leave the cell empty to forbid the pair)\n")
    );
    let raw = dir.path().join("m.f64");
    std::fs::write(
        &raw,
        [1.0f64, f64::NAN]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let out = matcher(&["solve", "--matrix", raw.to_str().unwrap(), "--shape", "1x2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).ends_with(":1:2: NaN is not allowed\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn validate_says_how_a_spreadsheet_export_was_read() {
    let dir = "matcher/tests/fixtures/bad";
    let out = matcher(&[
        "validate",
        "--mentors",
        &format!("{dir}/mentors.csv"),
        "--mentees",
        &format!("{dir}/mentees_utf16.csv"),
    ]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!(
            "ok: {dir}/mentors.csv has 3 mentors (total capacity 4), {dir}/mentees_utf16.csv has 4 mentees; no problems found\n\
             read {dir}/mentees_utf16.csv as UTF-16LE with a byte-order mark, cells separated by tabs\n"
        )
    );
}

/// `matches.csv` text without the weekly overlap the reasons end in.
fn without_overlaps(csv: &str) -> String {
    csv.lines()
        .map(|line| match line.find("; overlap ") {
            Some(at) => format!("{}\"\n", &line[..at]),
            None => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn the_sample_as_a_form_exports_it_makes_the_sample_pairs() {
    let out = matcher(&[&["match"], &FORMS[..]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    golden("data/expected/forms-matches.csv", &out.stdout);
    // Languages and availability only forbid pairs the sample does not make:
    // the same pairs and scores, the reasons telling the hours shared too.
    let sample = std::fs::read(root().join("data/expected/matches.csv")).unwrap();
    assert_ne!(text(&out.stdout), text(&sample));
    assert_eq!(without_overlaps(&text(&out.stdout)), text(&sample));
    assert!(text(&out.stderr)
        .starts_with("read data/forms/mentees.csv as UTF-8, cells separated by semicolons\n"));
}

/// [`FORMS`] with the workbook copies of the rosters (mentors.ods, mentees.xlsx).
fn forms_workbooks() -> Vec<&'static str> {
    let mut args = FORMS.to_vec();
    args[1] = "data/forms/mentors.ods";
    args[3] = "data/forms/mentees.xlsx";
    args
}

#[test]
fn the_workbook_copies_of_the_form_export_give_its_matches() {
    let out = matcher(&[&["match"], &forms_workbooks()[..]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = std::fs::read(root().join("data/expected/forms-matches.csv")).unwrap();
    assert_eq!(text(&out.stdout), text(&expected));
    assert!(text(&out.stderr).starts_with(
        "read data/forms/mentors.ods as an OpenDocument spreadsheet, sheet Mentors\n\
         read data/forms/mentees.xlsx as an Excel workbook, sheet Sheet1\n"
    ));
    // Naming the sheets read changes nothing.
    let named = ["--mentors-sheet", "Mentors", "--mentees-sheet", "Sheet1"];
    let out = matcher(&[&["match", "--quiet"], &forms_workbooks()[..], &named].concat());
    assert_eq!(text(&out.stdout), text(&expected));
}

#[test]
fn an_unknown_sheet_is_refused_naming_the_sheets_there_are() {
    let out = matcher(
        &[
            &["validate"],
            &forms_workbooks()[..],
            &["--sheet", "Responses"],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout),
        "data/forms/mentees.xlsx: the workbook has no sheet \"Responses\"; its sheets are \"Sheet1\", \"Notes\" (hint: name one of its sheets, or leave the sheet out to read the first)\n\
         data/forms/mentors.ods: the workbook has no sheet \"Responses\"; its sheets are \"Mentors\", \"Notes\" (hint: name one of its sheets, or leave the sheet out to read the first)\n"
    );
}

#[test]
fn problems_in_a_workbook_name_its_sheet_and_cell_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[columns]\n\"Participant ID\" = \"id\"\n\"Which skills would you like to develop?\" = \"skills\"\n",
    )
    .unwrap();
    let args = [
        "validate",
        "--mentors",
        "data/forms/mentors.csv",
        "--mentees",
        "data/forms/mentees.xlsx",
        "--config",
        config.to_str().unwrap(),
    ];
    let out = matcher(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).starts_with(
        "data/forms/mentees.xlsx:Sheet1!I2:which skills would you like to develop?: the list \"roadmapping, Negotiation:2, Security, Sy…\" looks comma-separated"
    ), "{}", text(&out.stdout));
    let json = matcher(&[&args[..], &["--format", "json"]].concat());
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &problems[0];
    assert_eq!(first["file"], "data/forms/mentees.xlsx");
    assert_eq!(
        (&first["sheet"], &first["cell"]),
        (&"Sheet1".into(), &"I2".into())
    );
    assert_eq!(first["row"], 2);
}

#[test]
fn a_form_export_read_without_its_separators_is_refused_column_by_column() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[columns]\n\"Participant ID\" = \"id\"\n\"Which skills can you offer?\" = \"skills\"\n\
         \"Which skills would you like to develop?\" = \"skills\"\n",
    )
    .unwrap();
    let out = matcher(
        &[
            &["validate"],
            &FORMS[..4],
            &["--config", config.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout),
        "data/forms/mentees.csv:2:which skills would you like to develop?: the list \"roadmapping, Negotiation:2, Security, Sy…\" looks comma-separated (109 of 130 filled cells have commas, none has `;`), so it would be read as one item (hint: list items are separated by `;`; to read this column as it is, add `\"which skills would you like to develop?\" = { separator = \",\" }` under [columns] in the config)\n\
         data/forms/mentors.csv:2:which skills can you offer?: the list \"PRODUCT STRATEGY:3, User-Research:5, car…\" looks comma-separated (45 of 45 filled cells have commas, none has `;`), so it would be read as one item (hint: list items are separated by `;`; to read this column as it is, add `\"which skills can you offer?\" = { separator = \",\" }` under [columns] in the config)\n"
    );
}

#[test]
fn the_vocabulary_report_of_the_form_export_is_pinned() {
    let args = [&["vocab"], &FORMS[..]].concat();
    let out = matcher(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    golden("data/expected/forms-vocabulary.txt", &out.stdout);
    let json = matcher(&[&args[..], &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["unmet"][0]["term"], "contract law");
    assert_eq!(report["unmet"][0]["mentee_rows"], serde_json::json!([132]));
}

#[test]
fn a_vocabulary_file_is_read_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let run = |vocabulary: &str| {
        let out = matcher(&[
            "validate",
            "--mentors",
            "data/mentors.csv",
            "--mentees",
            "data/mentees.csv",
            "--vocabulary",
            vocabulary,
        ]);
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let bad = write("bad.csv", "canonical,term\njavascript,JS\nsql,\n,ml\n");
    let (code, stdout, stderr) = run(&bad);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(stderr, format!("error: {bad}:3:term: the term is empty\n"));
    let twice = write("twice.csv", "term,canonical\nJS,javascript\njs,json\n");
    let (code, _, stderr) = run(&twice);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!("error: {twice}: vocabulary.json: \"js\" is also an alias of \"javascript\": a term can mean only one thing\n")
    );
    assert_eq!(run("data/vocabulary.csv").0, Some(0));
}

/// `data/related/`: skills with parents in the vocabulary and a `languages`
/// list attribute (a `,` form column for mentors, `;` for mentees).
#[test]
fn related_skills_and_list_attributes_in_the_related_program() {
    let program = |command: &str, extra: &[&str]| sample_program("related", command, extra);
    let out = program("match", &[]);
    golden("data/expected/related-matches.csv", &out.stdout);
    let rows = text(&out.stdout);
    let row = |id: &str| rows.lines().find(|l| l.starts_with(id)).unwrap().to_owned();
    // S02 wants ml:4 and sql:2; R04 offers their parent, data science:3:
    // skills (0.5·3/4 + 0.5·1) / 2 = 0.4375; diversity (department 1 +
    // languages 0.5·|{hindi}| / |{hindi, english}|) / 1.5 = 0.8333;
    // total 0.35·0.4375 + 0.20·0.8333 = 31.98.
    assert!(row("S02").starts_with("S02,Gita Rao,R04,Dev Patel,31.98,43.75,0.00,0.00,83.33,"));
    assert!(row("S02").contains("machine learning (related: data science, 3 of 4)"));
    let out = program("explain", &["--mentee", "S02", "--mentor", "R04"]);
    golden("data/expected/related-explain-S02-R04.txt", &out.stdout);
    // S04 speaks only German: require_overlap rules out every mentor but R05.
    let out = program("explain", &["--mentee", "S04", "--mentor", "R01"]);
    assert!(text(&out.stdout).contains("  never matched: require_overlap: no shared languages\n"));
}

#[test]
fn a_vocabulary_file_with_a_parent_cycle_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vocabulary.csv");
    std::fs::write(
        &path,
        "term,canonical,parent\nrust,,programming\nprogramming,,Rust\n",
    )
    .unwrap();
    let path = path.display().to_string();
    let out = matcher(&[
        "validate",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
        "--vocabulary",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {path}:3:parent: the parents make a cycle: programming → rust → programming\n"
        )
    );
}

/// The sample program with the sample pair scores (data/pair-scores.csv).
fn with_pair_scores(command: &str, extra: &[&str]) -> Output {
    sample(
        command,
        &[&["--pair-scores", "data/pair-scores.csv"], extra].concat(),
    )
}

#[test]
fn pair_scores_are_scored_by_every_command_and_pinned() {
    let out = with_pair_scores("match", &["--quiet"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    golden("data/expected/matches-pair-scores.csv", &out.stdout);
    // E002 rated M008 12.5: (0.35·0.25 + 0.25·0.6667 + 0.20·0.3333 + 0.20·1 + 0.25·0.125) / 1.25 = 44.17
    let out = with_pair_scores("explain", &["--mentee", "E002", "--mentor", "M008"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    golden(
        "data/expected/explain-pair-scores-E002-M008.txt",
        &out.stdout,
    );
    assert!(text(&out.stdout).contains("pair score 0.125 (from data/pair-scores.csv)"));
    let json = with_pair_scores("match", &["--quiet", "--format", "json", "--report"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(json["summary"]["criteria"]["pair_score"].is_number());
    let suggestions = with_pair_scores("suggest", &["--top", "2"]);
    assert!(
        suggestions.status.success(),
        "{}",
        text(&suggestions.stderr)
    );
    assert_ne!(
        suggestions.stdout,
        sample("suggest", &["--top", "2"]).stdout
    );
    // Without the file, nothing changes.
    let plain = sample("explain", &["--mentee", "E002", "--mentor", "M008"]);
    assert_eq!(
        plain.stdout,
        std::fs::read(root().join("data/expected/explain-E002-M008.txt")).unwrap()
    );
}

#[test]
fn a_pair_scores_file_is_read_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, body: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let path = path.display().to_string();
        let out = sample("match", &["--quiet", "--pair-scores", &path]);
        (
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr),
            path,
        )
    };
    let (code, stdout, stderr, path) = run(
        "bad.csv",
        "mentor_id,mentee_id,score\nM001,E001,101\nM001,E002,high\nm001,e001,5\nM999,E003,50\n",
    );
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: {path}:2:score: the score must be from 0 to 100, got 101 (hint: write the score as a number from 0 to 100, e.g. 87 or 62.5)\n\
             error: {path}:3:score: the score must be a number, got \"high\" (hint: write the score as a number from 0 to 100, e.g. 87 or 62.5)\n\
             error: {path}:4:mentee_id: the pair m001, e001 is already scored on row 2 (hint: list each pair once (ids compare case-insensitively))\n"
        )
    );
    let (code, _, stderr, path) = run("unknown.csv", "mentor_id,mentee_id,score\nM999,E003,50\n");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&format!(
            "{path}:2:mentor_id: \"M999\" is not a mentor id in data/mentors.csv"
        )),
        "{stderr}"
    );
    let (code, _, stderr, path) = run("columns.csv", "mentor_id,mentee_id,rating\nM001,E001,5\n");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&format!("{path}:1: the header has no `score` column")),
        "{stderr}"
    );
}

/// Time zones and weekly availability: the rule, the criterion, the overlap in
/// both local times, and the zones `validate` read.
#[test]
fn availability_program_matches_explains_and_validates() {
    let program = |command: &str, extra: &[&str]| sample_program("availability", command, extra);
    let out = program("match", &["--quiet"]);
    golden("data/expected/availability-matches.csv", &out.stdout);
    let out = program("explain", &["--mentee", "B02", "--mentor", "A01"]);
    golden(
        "data/expected/availability-explain-B02-A01.txt",
        &out.stdout,
    );
    // Berlin 19–21 and 11–13 against Lagos 18–20 and 10–12 (both an hour
    // apart in January): two of the mentee's four hours, 50.
    assert!(text(&out.stdout).contains("  availability  50.00  (weight 0.4)\n"));
    let out = program("validate", &[]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains(
        "data/availability/mentors.csv: availability from 5 people in Africa/Lagos (1), \
         America/Sao_Paulo (1), Asia/Shanghai (1), Europe/London (1), UTC (1); \
         warning: no time zone on row(s) 6, read as UTC\n"
    ));
    // Sharing under 1.5 hours forbids the pair: Kolkata's Thursday morning
    // is Shanghai's Thursday 11:00–13:00, after Chen Wei's 07–08:30.
    let out = program("explain", &["--mentee", "B04", "--mentor", "A03"]);
    assert!(text(&out.stdout)
        .contains("  never matched: min_overlap_hours: 0 h a week together, fewer than 1.5\n"));
}

#[test]
fn validate_reports_what_matching_refuses_in_cells_the_config_reads() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let mentors = write(
        "mentors.csv",
        "id,capacity,skills,languages,years\nm1,1,rust,\"english, spanish\",ten\nm2,1,sql,english,4\n",
    );
    let mentees = write(
        "mentees.csv",
        "id,skills,languages,years\ne1,rust,english,2\n",
    );
    let config = write(
        "config.toml",
        "[attributes]\nlanguages = { list = true }\n\n[constraints]\nrequire_overlap = [\"languages\"]\nmin_difference = { years = 1 }\n",
    );
    let args = [
        "--mentors",
        &mentors,
        "--mentees",
        &mentees,
        "--config",
        &config,
    ];
    let out = matcher(&[&["validate"][..], &args].concat());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            format!("{mentors}:2:languages: the list \"english, spanish\" looks comma-separated (1 of 2 filled cells have commas, none has `;`), so it would be read as one item (hint: list items are separated by `;`; to read this column as it is, add `\"languages\" = {{ separator = \",\" }}` under [columns] in the config)"),
            format!("{mentors}:2:years: constraints.min_difference compares years as numbers, got \"ten\" (hint: write a plain number such as `-5` or `2.5`, or leave the cell empty)"),
        ]
    );
    let json = matcher(&[&["validate", "--format", "json"][..], &args].concat());
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(problems[0]["code"], "comma_separated_list");
    assert_eq!(problems[1]["code"], "bad_number");
    // Matching refuses the same rosters with the same problems.
    let matched = matcher(&[&["match"][..], &args].concat());
    assert_eq!(matched.status.code(), Some(2));
    for line in &lines {
        assert!(text(&matched.stderr).contains(line.as_str()), "{line}");
    }
}

/// `data/shapes/` under `fair`: as many places as `coverage` (139), the
/// lowest score raised from 29.50 to 31.67, the total a little lower.
#[test]
fn the_shapes_program_under_fair_matches_its_golden_file() {
    let config = "data/shapes/config-fair.toml";
    let out = sample_program_with("shapes", config, "match", &[]);
    golden("data/expected/shapes-fair-matches.csv", &out.stdout);
    let stderr = text(&out.stderr);
    for line in [
        "\nfilled 139 of 175 mentor places",
        "\nscore mean 56.96, median 55.33, min 31.67, max 90.00\n",
        "total score 7917.22, dual bound 7917.22 (proven optimal, objective fair)",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
}

/// `data/shapes/` under `stable`: no blocking pair with several mentors per
/// mentee and `distinct`, the minimum loads met, priced in places against
/// the exact coverage optimum.
#[test]
fn the_shapes_program_under_stable_matches_its_golden_report() {
    let config = "data/shapes/config-stable.toml";
    let args = ["--format", "json", "--report"];
    let out = sample_program_with("shapes", config, "match", &args);
    golden("data/expected/shapes-stable-report.json", &out.stdout);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json["report"];
    assert_eq!(report["stability"]["blocking_pairs"], 0);
    assert_eq!(
        report["price_of_stability"],
        serde_json::json!({"stable_matched": 137, "stable_total": 7676.1, "optimum_matched": 139, "optimum_total": 7921.46})
    );
}

/// `data/shapes/`: the sample where a third of the mentees want two mentors
/// and seven mentors have a `min_load`, with `distinct = ["department"]`.
#[test]
fn the_shapes_program_matches_its_golden_file() {
    let out = sample_program("shapes", "match", &[]);
    golden("data/expected/shapes-matches.csv", &out.stdout);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "\nfilled 139 of 175 mentor places (16 mentees with places left: 16 no_capacity)\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("(proven optimal, objective coverage)"),
        "{stderr}"
    );
    let rows = text(&out.stdout);
    // E001 wants two mentors and gets two from different departments.
    let e001: Vec<&str> = rows.lines().filter(|r| r.starts_with("E001,")).collect();
    assert_eq!(e001.len(), 2, "{rows}");
}

/// `data/peers/people.csv`, one roster for both sides: mentor–mentee pairs,
/// and buddy pairs with `--pairs`.
#[test]
fn the_peer_program_matches_its_golden_files() {
    let people = [
        "--people",
        "data/peers/people.csv",
        "--config",
        "data/peers/config.toml",
    ];
    let directed = matcher(&[&["match"][..], &people].concat());
    assert_eq!(
        directed.status.code(),
        Some(0),
        "{}",
        text(&directed.stderr)
    );
    golden("data/expected/peers-matches.csv", &directed.stdout);
    let rows = text(&directed.stdout);
    for row in rows.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_ne!(cells[0], cells[2], "nobody mentors themselves: {row}");
    }
    let pairs = matcher(&[&["match", "--pairs"][..], &people].concat());
    assert_eq!(pairs.status.code(), Some(0), "{}", text(&pairs.stderr));
    golden("data/expected/peers-pairs.csv", &pairs.stdout);
    assert!(
        text(&pairs.stderr).starts_with("paired 60 of 60 people in 30 pairs\n"),
        "{}",
        text(&pairs.stderr)
    );
    let both = matcher(&[
        "match",
        "--pairs",
        "--mentors",
        "data/mentors.csv",
        "--mentees",
        "data/mentees.csv",
    ]);
    assert_eq!(both.status.code(), Some(2), "--pairs needs --people");
}

/// Buddy pairs, second round: `data/peers/locked.csv` keeps P01–P23 (not
/// the first round's choice) and P02–P50 (written the other way round);
/// `data/peers/history.csv` declines P03–P06. `explain --pairs` prices
/// another pair by solving again with it forced.
#[test]
fn buddy_pairs_keep_the_locks_and_avoid_the_history() {
    let round2 = [
        "--people",
        "data/peers/people.csv",
        "--config",
        "data/peers/config.toml",
        "--locked",
        "data/peers/locked.csv",
        "--history",
        "data/peers/history.csv",
    ];
    let out = matcher(&[&["match", "--pairs", "--quiet"][..], &round2].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("data/expected/peers-pairs-round2.csv", &out.stdout);
    let partner: std::collections::HashMap<String, String> = csv_rows(&out)
        .into_iter()
        .map(|r| (r[0].to_owned(), r[2].to_owned()))
        .collect();
    for (a, b) in [
        ("P01", "P23"),
        ("P23", "P01"),
        ("P02", "P50"),
        ("P50", "P02"),
    ] {
        assert_eq!(partner[a], b, "locked {a}");
    }
    assert_ne!(partner["P03"], "P06", "history");
    let json = matcher(
        &[
            &["match", "--pairs", "--quiet", "--format", "json"][..],
            &round2,
        ]
        .concat(),
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let locked: Vec<(&str, &str)> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["locked"] == true)
        .map(|p| (p["a_id"].as_str().unwrap(), p["b_id"].as_str().unwrap()))
        .collect();
    assert_eq!(locked, [("P01", "P23"), ("P02", "P50")]);
    let explain = matcher(
        &[
            &["explain", "--pairs", "--person", "P37", "--partner", "P11"][..],
            &round2,
        ]
        .concat(),
    );
    assert_eq!(explain.status.code(), Some(0), "{}", text(&explain.stderr));
    golden(
        "data/expected/peers-why-not-P37-P11-round2.txt",
        &explain.stdout,
    );
    // The report: the worst-off pair is the lowest score of the CSV.
    let report = matcher(
        &[
            &[
                "match", "--pairs", "--quiet", "--format", "json", "--report",
            ][..],
            &round2,
        ]
        .concat(),
    );
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let lowest = csv_rows(&out)
        .iter()
        .map(|r| r[4].parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(report["report"]["worst_off"]["score"], lowest);
    assert_eq!(report["report"]["deciles"].as_array().unwrap().len(), 11);
    assert_eq!(report["report"]["diversity"][0]["attribute"], "department");
    // Suggestions: each person's partner of the pairing first.
    let suggest = matcher(&[&["suggest", "--pairs", "--top", "2"][..], &round2].concat());
    assert_eq!(suggest.status.code(), Some(0), "{}", text(&suggest.stderr));
    let rows = csv_rows(&suggest);
    assert_eq!(rows.len(), 120);
    for first in rows.iter().filter(|r| &r[2] == "1") {
        assert_eq!(&first[3], partner[&first[0]].as_str(), "{first:?}");
        assert_eq!(&first[6], "yes");
    }
}

/// A bad lock file for buddy pairs stops the run with every problem located.
#[test]
fn a_bad_buddy_lock_is_a_located_error() {
    let dir = std::env::temp_dir().join(format!("matcher-buddy-locks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let locked = dir.join("locked.csv");
    std::fs::write(&locked, "mentor_id,mentee_id\nP01,P02\nP02,P05\nP09,P09\n").unwrap();
    let out = matcher(&[
        "match",
        "--pairs",
        "--people",
        "data/peers/people.csv",
        "--locked",
        locked.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let file = locked.display();
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {file}:3:mentor_id: \"P02\" is already locked on row 2\n\
             error: {file}:4:mentee_id: \"P09\" is locked with themselves (hint: a pair is two different people)\n"
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
