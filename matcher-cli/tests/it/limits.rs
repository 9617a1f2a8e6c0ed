//! Resource limits and spreadsheet safety: `--max-memory` on `match` and
//! `solve`, and formula cells neutralised in every CSV the CLI writes.

use crate::{csv_rows, fixture, matcher, sample, text};

/// Per mentee, in output order: its id and its score (empty if unmatched).
fn scores(out: &std::process::Output) -> Vec<(String, String)> {
    csv_rows(out)
        .iter()
        .map(|row| (row[0].to_string(), row[4].to_string()))
        .collect()
}

#[test]
fn match_under_any_memory_limit_gives_an_optimum_of_the_same_score() {
    let dense = sample("match", &["--quiet"]);
    assert_eq!(dense.status.code(), Some(0));
    // Room for the matrix: the dense engine, the very same bytes.
    let roomy = sample("match", &["--quiet", "--max-memory", "4GiB"]);
    assert!(
        roomy.stdout == dense.stdout,
        "--max-memory 4GiB changes the output"
    );
    // 0 bytes (or 64 KiB) leave no room for a dense matrix: the candidate-graph
    // path runs. Where several assignments are optimal it may pick another
    // one, so the two agree on the total score, and with each other on bytes.
    let sparse = sample("match", &["--quiet", "--max-memory", "0"]);
    let small = sample("match", &["--quiet", "--max-memory", "64KiB"]);
    assert!(
        small.stdout == sparse.stdout,
        "the sparse path depends on the limit"
    );
    // (matched, total score in hundredths); unmatched mentees have no score.
    let total = |out: &std::process::Output| -> (usize, i64) {
        let matched: Vec<f64> = scores(out)
            .iter()
            .filter(|(_, score)| !score.is_empty())
            .map(|(_, score)| score.parse().unwrap())
            .collect();
        let sum = matched.iter().map(|s| (s * 100.0).round() as i64).sum();
        (matched.len(), sum)
    };
    assert_eq!(total(&sparse), total(&dense));
    let ids = |out: &std::process::Output| -> Vec<String> {
        scores(out).into_iter().map(|(id, _)| id).collect()
    };
    assert_eq!(ids(&sparse), ids(&dense), "every mentee, in the same order");
    let bad = sample("match", &["--max-memory", "lots"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("invalid value 'lots' for '--max-memory <SIZE>'"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn solve_refuses_a_matrix_over_half_the_memory_limit_before_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("m.f64");
    // Far shorter than its shape: the refusal must come before any read.
    std::fs::write(&raw, [0u8; 8]).unwrap();
    let raw = raw.to_str().unwrap();
    let out = matcher(&["solve", "--matrix", raw, "--shape", "20000x20000"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("error: {raw}: the matrix needs 3200000000 bytes (2.98 GiB) for its values, more than half of the memory limit of 1 GiB (hint: raise the limit (--max-memory), or solve a smaller matrix)\n")
    );
    let out = matcher(&[
        "solve",
        "--matrix",
        raw,
        "--shape",
        "20000x20000",
        "--max-memory",
        "8GiB",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a 20000 × 20000 matrix needs 3200000000 bytes, the file has 8")
    );

    let csv = dir.path().join("m.csv");
    std::fs::write(&csv, "1,2\n3,4\n5,6\n").unwrap();
    let csv = csv.to_str().unwrap();
    let out = matcher(&["solve", "--matrix", csv, "--max-memory", "64B", "--quiet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "error: {csv}: the matrix needs more than 48 bytes"
        )),
        "{}",
        text(&out.stderr)
    );
    let out = matcher(&["solve", "--matrix", csv, "--max-memory", "96B", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn suggestions_csv_neutralises_formula_cells_too() {
    let out = matcher(&[
        "suggest",
        "--mentors",
        &fixture("mentors_formula.csv"),
        "--mentees",
        &fixture("mentees_formula.csv"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&out);
    let cells: Vec<[&str; 3]> = rows.iter().map(|r| [&r[0], &r[1], &r[4]]).collect();
    assert_eq!(
        cells,
        [
            ["'-E1", "'@SUM(A1)", "'=HYPERLINK(\"http://x\")"],
            ["'+E2", "'=1+2", "'=HYPERLINK(\"http://x\")"],
        ]
    );
}
