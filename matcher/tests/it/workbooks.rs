//! Rosters saved as `.xlsx` and `.ods` workbooks: read cell for cell as
//! their CSV, problems located by sheet and cell, bad workbooks refused.

use crate::workbook_writer::{self, csv_rows, form_copy, ods, xlsx, SheetData, FORM_COPIES};
use matcher::columns::ColumnRules;
use matcher::workbook::read_sheet;
use matcher::{Code, Config, Format, Roster, Side};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The rows of `rows` without the empty rows and columns after the last
/// value, as a workbook keeps them.
fn trimmed(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let width = rows
        .iter()
        .map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    let height = rows
        .iter()
        .rposition(|r| r.iter().any(|c| !c.is_empty()))
        .map_or(0, |i| i + 1);
    rows[..height]
        .iter()
        .map(|r| {
            (0..width)
                .map(|i| r.get(i).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

/// A sheet read back onto a grid from A1, as `rows` were written.
fn read_back(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<String>> {
    let read = read_sheet(bytes, "book", Some(sheet)).unwrap();
    let blank = vec![String::new(); read.first_column];
    let mut grid = vec![Vec::new(); read.first_row - 1];
    grid.extend(
        read.rows
            .into_iter()
            .map(|row| [blank.clone(), row].concat()),
    );
    trimmed(&grid)
}

#[test]
fn the_committed_copies_match_their_csvs() {
    for (csv, workbook, sheet) in FORM_COPIES {
        let csv_bytes = std::fs::read(root().join(csv)).unwrap();
        let expected = csv_rows(
            csv_bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&csv_bytes),
        );
        let bytes = std::fs::read(root().join(workbook)).unwrap();
        let read = read_sheet(bytes, workbook, None).unwrap();
        assert_eq!(
            read.format.sheet, sheet,
            "{workbook}: the roster is the first sheet"
        );
        assert_eq!((read.first_row, read.first_column), (1, 0));
        assert!(
            read.rows == trimmed(&expected),
            "{workbook} differs from {csv}: run `cargo run -p matcher --example workbooks`"
        );
    }
}

#[test]
fn the_copies_read_as_the_same_people_as_their_csvs() {
    let text = std::fs::read_to_string(root().join("data/forms/config.toml")).unwrap();
    let config: Config = toml::from_str(&text).unwrap();
    for ((csv, workbook, sheet), side) in FORM_COPIES.into_iter().zip([Side::Mentee, Side::Mentor])
    {
        let read = |path: &str, sheet| {
            let file = std::fs::File::open(root().join(path)).unwrap();
            Roster::from_reader(file, side, path, &config.columns, sheet).unwrap()
        };
        let (from_csv, from_book) = (read(csv, None), read(workbook, Some(sheet)));
        assert_eq!(from_book.people, from_csv.people, "{workbook}");
        assert_eq!(from_book.attributes, from_csv.attributes);
        let Format::Workbook(book) = &from_book.format else {
            panic!("{workbook} read as text")
        };
        assert_eq!(book.sheets, [sheet, workbook_writer::NOTES_SHEET]);
    }
}

/// A small mentee roster whose second person has a bad skill level.
fn bad_level_rows() -> Vec<Vec<String>> {
    [
        ["id", "name", "skills"],
        ["e1", "Ada", "rust:3"],
        ["e2", "Linus", "python:9"],
    ]
    .iter()
    .map(|r| r.iter().map(|c| c.to_string()).collect())
    .collect()
}

#[test]
fn problems_name_the_sheet_and_the_cell() {
    let rows = bad_level_rows();
    for (bytes, file) in [
        (xlsx(&[("Sheet1", &rows)]), "mentees.xlsx"),
        (ods(&[("Sheet1", &rows)]), "mentees.ods"),
    ] {
        let problems =
            Roster::from_reader(&bytes[..], Side::Mentee, file, &ColumnRules::new(), None)
                .unwrap_err();
        assert_eq!(problems.len(), 1);
        let problem = &problems[0];
        assert_eq!(
            (problem.sheet(), problem.cell()),
            (Some("Sheet1"), Some("C3"))
        );
        assert_eq!(
            (problem.row, problem.column.as_deref()),
            (Some(3), Some("skills"))
        );
        assert!(
            problem
                .to_string()
                .starts_with(&format!("{file}:Sheet1!C3:skills: skill level")),
            "{problem}"
        );
    }
}

#[test]
fn a_table_further_down_and_right_is_located_where_it_is() {
    // The table starts at B3 of the second sheet: two blank rows above, a blank column left.
    let placed = |table: Vec<Vec<String>>| {
        let mut rows = vec![vec![String::new()]; 2];
        rows.extend(table.into_iter().map(|r| [vec![String::new()], r].concat()));
        rows
    };
    let rows = placed(bad_level_rows());
    let bytes = xlsx(&[("Cover", &[vec!["hello".to_owned()]]), ("Mentees", &rows)]);
    let rules = ColumnRules::new();
    let problems = Roster::from_reader(&bytes[..], Side::Mentee, "m.xlsx", &rules, Some("Mentees"))
        .unwrap_err();
    assert_eq!(problems[0].cell(), Some("D5"));
    assert_eq!(problems[0].row, Some(5));
    // The header is the sheet's row 3: a missing id is located there.
    let no_id = placed(
        bad_level_rows()
            .into_iter()
            .map(|r| r[1..].to_vec())
            .collect(),
    );
    let bytes = xlsx(&[("Mentees", &no_id)]);
    let problems =
        Roster::from_reader(&bytes[..], Side::Mentee, "m.xlsx", &rules, None).unwrap_err();
    assert_eq!(problems[0].code, Code::MissingIdColumn);
    assert_eq!(
        problems[0].to_string().split(": ").next(),
        Some("m.xlsx:Mentees!3")
    );
}

#[test]
fn an_unknown_sheet_is_refused_with_the_sheets_there_are() {
    let bytes = std::fs::read(root().join("data/forms/mentees.xlsx")).unwrap();
    let problem = read_sheet(bytes, "mentees.xlsx", Some("Responses")).unwrap_err();
    assert_eq!(problem.code, Code::UnknownSheet);
    assert_eq!(
        problem.message,
        "the workbook has no sheet \"Responses\"; its sheets are \"Sheet1\", \"Notes\""
    );
    // Case and surrounding spaces aside, a name still finds its sheet.
    let bytes = std::fs::read(root().join("data/forms/mentees.xlsx")).unwrap();
    assert_eq!(
        read_sheet(bytes, "m", Some(" notes "))
            .unwrap()
            .format
            .sheet,
        "Notes"
    );
}

#[test]
fn damaged_encrypted_and_foreign_files_are_refused_without_a_panic() {
    let good = std::fs::read(root().join("data/forms/mentees.xlsx")).unwrap();
    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    damaged[middle..middle + 400].fill(0);
    let cut = good[..good.len() - 100].to_vec();
    let encrypted = [b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), &[0; 504]].concat();
    let docx = {
        let rows = [vec!["x".to_owned()]];
        let mut book = xlsx(&[("S", &rows)]);
        // The same zip with its workbook part renamed.
        for at in 0..book.len() - 15 {
            if &book[at..at + 15] == b"xl/workbook.xml" {
                book[at..at + 2].copy_from_slice(b"wd");
            }
        }
        book
    };
    for (bytes, says) in [
        (damaged, "damaged Excel workbook"),
        (cut, "damaged Excel workbook"),
        (encrypted, "password-protected"),
        (docx, "zip archive but not an .xlsx or .ods"),
    ] {
        let problems = Roster::from_reader(
            &bytes[..],
            Side::Mentee,
            "m.xlsx",
            &ColumnRules::new(),
            None,
        )
        .unwrap_err();
        assert_eq!(
            problems[0].code,
            Code::UnreadableWorkbook,
            "{}",
            problems[0]
        );
        assert!(problems[0].message.contains(says), "{}", problems[0]);
    }
}

#[test]
fn a_csv_named_xlsx_is_read_as_csv() {
    let csv = "id,name,skills\ne1,Ada,rust:3\n";
    let roster = Roster::from_reader(
        csv.as_bytes(),
        Side::Mentee,
        "m.xlsx",
        &ColumnRules::new(),
        None,
    )
    .unwrap();
    assert!(roster.format.is_plain());
    assert_eq!(roster.people[0].skills[0].level, 3);
}

#[test]
fn dates_times_numbers_and_booleans_read_as_typed() {
    use rust_xlsxwriter::{ExcelDateTime, Format as Style, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Style::new().set_num_format("dd/mm/yyyy");
    let time = Style::new().set_num_format("hh:mm");
    let both = Style::new().set_num_format("dd/mm/yyyy hh:mm");
    sheet.write_string(0, 0, "when").unwrap();
    let day = ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    sheet.write_datetime_with_format(1, 0, &day, &date).unwrap();
    let evening = ExcelDateTime::from_hms(18, 30, 0).unwrap();
    sheet
        .write_datetime_with_format(2, 0, &evening, &time)
        .unwrap();
    let moment = ExcelDateTime::parse_from_str("2026-03-01 18:30:00").unwrap();
    sheet
        .write_datetime_with_format(3, 0, &moment, &both)
        .unwrap();
    sheet.write_number(4, 0, 3.0).unwrap();
    sheet.write_number(5, 0, 0.1 + 0.2).unwrap();
    sheet.write_boolean(6, 0, true).unwrap();
    sheet
        .write_formula(7, 0, rust_xlsxwriter::Formula::new("=1+2").set_result("3"))
        .unwrap();
    let read = read_sheet(book.save_to_buffer().unwrap(), "b.xlsx", None).unwrap();
    let cells: Vec<&str> = read.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        cells,
        [
            "when",
            "2026-03-01",
            "18:30",
            "2026-03-01 18:30",
            "3",
            "0.3",
            "TRUE",
            "3"
        ]
    );
}

/// Cells of any text a form could hold (no control characters but line
/// breaks), numbers as typed, and empty cells.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\\x00-\\x1f\\x7f]{0,10}",
        "[ a-zA-Z0-9_\\n:;,.-]{0,10}",
        "-?[0-9]{1,6}(\\.[0-9]{1,3})?",
        Just(String::new()),
        // What xlsx escapes as `_xHHHH_`, and text that looks like such an escape.
        "[\t\r _x0-9A-F]{0,8}",
    ]
}

fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..5, 1usize..6).prop_flat_map(|(width, height)| {
        prop::collection::vec(prop::collection::vec(cell(), width), height)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any table written by the generator reads back cell for cell.
    #[test]
    fn any_table_reads_back_cell_for_cell(rows in table(), name in "[A-Za-z][A-Za-z0-9 ]{0,12}") {
        let sheets: [SheetData; 1] = [(&name, &rows)];
        prop_assert_eq!(read_back(xlsx(&sheets), &name), trimmed(&rows), "xlsx");
        prop_assert_eq!(read_back(ods(&sheets), &name), trimmed(&rows), "ods");
    }
}

#[test]
fn the_generator_writes_the_same_bytes_every_time() {
    let csv = std::fs::read(root().join("data/forms/mentors.csv")).unwrap();
    for (workbook, sheet) in [("m.xlsx", "Sheet1"), ("m.ods", "Mentors")] {
        assert_eq!(
            form_copy(&csv, workbook, sheet),
            form_copy(&csv, workbook, sheet)
        );
    }
}

/// An outcomes file saved from a spreadsheet reads as its CSV does, and a
/// bad cell is located by sheet and cell.
#[test]
fn outcomes_read_from_workbooks_as_from_csv() {
    use matcher::outcomes::Outcomes;
    let csv = std::fs::read_to_string(root().join("data/outcomes.csv")).unwrap();
    let rows = csv_rows(csv.as_bytes());
    let from_csv = Outcomes::from_reader(csv.as_bytes(), "outcomes").unwrap();
    for book in [xlsx(&[("Review", &rows)]), ods(&[("Review", &rows)])] {
        let read = Outcomes::from_reader(&book[..], "outcomes").unwrap();
        assert_eq!(read.rows, from_csv.rows);
        assert_eq!(read.measures, from_csv.measures);
    }
    let mut bad = rows.clone();
    bad[2][3] = "11".to_owned();
    let problems =
        Outcomes::from_reader(&xlsx(&[("Review", &bad)])[..], "outcomes.xlsx").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "outcomes.xlsx:Review!D3:rating: the rating must be from 1 to 5, got 11 \
         (hint: write the rating as a number from 1 to 5, e.g. 4 or 3.5)"
    );
}

/// A pair-scores file from a spreadsheet: its cell problems name the sheet
/// and the cell too (they were left at the row before).
#[test]
fn pair_score_problems_in_a_workbook_name_the_cell() {
    use matcher::pair_scores::PairScores;
    let rows: Vec<Vec<String>> = [["mentor_id", "mentee_id", "score"], ["M1", "E1", "140"]]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let problems =
        PairScores::from_csv_reader(&xlsx(&[("Scores", &rows)])[..], "scores.xlsx").unwrap_err();
    assert_eq!(problems[0].cell(), Some("C2"));
    assert_eq!(problems[0].sheet(), Some("Scores"));
}
