//! Resource limits and spreadsheet safety: `--max-memory` on `match` and
//! `solve`, and formula cells neutralised in every CSV the CLI writes.

use crate::{csv_rows, fixture, matcher, sample, text};

#[test]
fn match_gives_the_same_bytes_under_any_memory_limit() {
    let dense = sample("match", &["--quiet"]);
    assert_eq!(dense.status.code(), Some(0));
    // 0 bytes leave no room for a dense matrix: the candidate-graph path runs.
    for limit in ["0", "64KiB", "4GiB"] {
        let out = sample("match", &["--quiet", "--max-memory", limit]);
        assert!(
            out.stdout == dense.stdout,
            "--max-memory {limit} changes the output"
        );
    }
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
