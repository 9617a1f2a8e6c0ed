//! The bad-input corpus (`matcher/tests/fixtures/bad/`) through `matcher match`:
//! exit code, standard output and standard error pinned by insta snapshots.

use crate::root;
use std::path::Path;
use std::process::Command;

/// One run: the case's name and the two files as `matcher match` reads them,
/// under their extensions (`csv`, or `xlsx`/`ods` for a workbook case).
struct Case {
    name: String,
    mentors: Vec<u8>,
    mentees: Vec<u8>,
    extensions: [&'static str; 2],
}

/// The extensions of corpus files.
const EXTENSIONS: [&str; 3] = ["csv", "xlsx", "ods"];

/// The name of the generated 10 MB case.
const BIG_CELL: &str = "mentees_10mb_cell";

/// Every case of the corpus, plus the generated 10 MB cell, sorted by name.
fn cases() -> Vec<Case> {
    let dir = root().join("matcher/tests/fixtures/bad");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let mut names: Vec<(String, &str)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|file| {
            let (name, extension) = file.rsplit_once('.')?;
            let extension = EXTENSIONS.into_iter().find(|e| *e == extension)?;
            Some((name.to_owned(), extension))
        })
        .filter(|(name, _)| name.contains('_'))
        .collect();
    names.sort();
    let mut cases: Vec<Case> = names
        .iter()
        .filter_map(|(name, extension)| {
            let (side, defect) = name.split_once('_').unwrap();
            let partner = |other: &str| {
                let pair = format!("{other}_{defect}.csv");
                dir.join(&pair).exists().then_some(pair)
            };
            let (mentors, mentees, extensions) = match side {
                "mentors" => (
                    format!("{name}.{extension}"),
                    partner("mentees").unwrap_or("mentees.csv".into()),
                    [*extension, "csv"],
                ),
                "mentees" if partner("mentors").is_none() => (
                    "mentors.csv".into(),
                    format!("{name}.{extension}"),
                    ["csv", *extension],
                ),
                "mentees" => return None,
                other => panic!("{other}: corpus files start with mentors_ or mentees_"),
            };
            Some(Case {
                name: name.clone(),
                mentors: read(&mentors),
                mentees: read(&mentees),
                extensions,
            })
        })
        .collect();
    cases.push(Case {
        name: BIG_CELL.into(),
        mentors: read("mentors.csv"),
        mentees: big_cell(&read("mentees.csv")),
        extensions: ["csv", "csv"],
    });
    cases
}

/// The clean mentees with a 10 MiB name on row 3 (the second mentee).
fn big_cell(mentees: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(mentees).unwrap();
    text.replacen("Joan Clarke", &"x".repeat(10 << 20), 1)
        .into_bytes()
}

/// Runs `matcher match --quiet` on the case, from a folder holding it as
/// `mentors.csv` and `mentees.csv` (`.xlsx`, `.ods` for a workbook: the
/// labels the wasm package uses), and renders what a user sees.
fn run(case: &Case) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = matcher_in(dir.path(), case, &["match", "--quiet"]);
    format!(
        "exit code: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs the binary in `dir` on the case's files, written there first.
fn matcher_in(dir: &Path, case: &Case, args: &[&str]) -> std::process::Output {
    let [mentors, mentees] =
        [("mentors", 0), ("mentees", 1)].map(|(side, i)| format!("{side}.{}", case.extensions[i]));
    std::fs::write(dir.join(&mentors), &case.mentors).unwrap();
    std::fs::write(dir.join(&mentees), &case.mentees).unwrap();
    Command::new(env!("CARGO_BIN_EXE_matcher"))
        .args(args)
        .args(["--mentors", &mentors, "--mentees", &mentees])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Cases that are well-formed, though unusual, and must match normally.
const WELL_FORMED: [&str; 8] = [
    "mentees_1000_columns",
    "mentees_bom",
    "mentees_csv_named_xlsx",
    "mentees_crlf",
    "mentees_quoted_newlines_and_commas",
    "mentees_semicolons",
    "mentees_utf16",
    "mentees_windows_1252",
];

#[test]
fn every_bad_input_exits_2_with_a_pinned_message_naming_file_row_and_column() {
    let cases = cases();
    assert_eq!(cases.len(), 35, "cases: a file was added or removed");
    for case in &cases {
        let seen = run(case);
        let well_formed = WELL_FORMED.contains(&case.name.as_str());
        let expected_code = if well_formed { 0 } else { 2 };
        assert!(
            seen.starts_with(&format!("exit code: {expected_code}\n")),
            "{}: {seen}",
            case.name
        );
        if !well_formed {
            let stderr = seen.split("--- stderr ---\n").nth(1).unwrap();
            assert!(
                stderr
                    .lines()
                    .all(|l| l.starts_with("error: mentors.") || l.starts_with("error: mentees.")),
                "{}: every line names its file: {stderr}",
                case.name
            );
        }
        insta::assert_snapshot!(case.name.as_str(), seen);
    }
}

#[test]
fn validate_reports_the_same_problems_as_match() {
    let cases = cases();
    let case = cases
        .iter()
        .find(|c| c.name == "mentees_skill_level_9")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = matcher_in(dir.path(), case, &["validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "mentees.csv:2:skills: skill level must be a whole number from 1 to 5, got \"9\" in \"python:9\" (hint: write a skill as `name` or `name:level`, e.g. `python:4`)\n"
    );
}
