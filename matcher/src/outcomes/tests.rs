use super::*;
use crate::format::{WorkbookFormat, WorkbookKind};
use crate::workbook::Sheet;

fn read(csv: &str) -> Result<Outcomes, Vec<Diagnostic>> {
    Outcomes::from_reader(csv.as_bytes(), "outcomes.csv")
}

fn located(problems: &[Diagnostic]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn reads_every_way_an_outcome_is_written() {
    let file = "Mentee_ID;mentor_id;goals_attained;ended_early;meetings;rating;Comment;submitted\n\
                e1;m1;0.75;no;6;4,5;Great;2026-06-01\n\
                e2;m1;80 %;YES;0;1;;\n\
                e3;m2;yes;n;;;;\n\
                e4;m2;;true;12;5;Too busy;\n";
    let outcomes = read(file).unwrap();
    assert_eq!(outcomes.measures, Measure::ALL);
    assert_eq!(outcomes.ignored_columns, ["submitted"]);
    let values: Vec<Values> = outcomes.rows.iter().map(|r| r.values).collect();
    let v = |rating, goals_attained, ended_early, meetings| Values {
        rating,
        goals_attained,
        ended_early,
        meetings,
    };
    assert_eq!(
        values,
        [
            v(Some(4.5), Some(0.75), Some(0.0), Some(6.0)),
            v(Some(1.0), Some(0.8), Some(1.0), Some(0.0)),
            v(None, Some(1.0), Some(0.0), None),
            v(Some(5.0), None, Some(1.0), Some(12.0)),
        ]
    );
    assert_eq!(outcomes.rows[3].comment, "Too busy");
    assert_eq!(outcomes.rows[3].pair.row, 5);
    assert_eq!(outcomes.rows[0].pair.mentee_id, "e1");
}

#[test]
fn every_bad_cell_is_located_at_once() {
    let file = "mentor_id,mentee_id,rating,goals_attained,ended_early,meetings\n\
                m1,e1,6,150%,maybe,2.5\n\
                m1,,abc,1.2,,-1\n\
                M1,E1,3,,,\n";
    let problems = read(file).unwrap_err();
    assert_eq!(
        located(&problems),
        [
            "outcomes.csv:2:ended_early: \"maybe\" is not yes or no (hint: write yes or no (or true/false, y/n, 1/0))",
            "outcomes.csv:2:goals_attained: the share of goals reached must be from 0 to 1 (or 0% to 100%), got 150% (hint: write a share from 0 to 1 (0.75), a percentage (75%), or yes/no)",
            "outcomes.csv:2:meetings: \"2.5\" is not a whole number of meetings (hint: write how many times the pair met, e.g. 6)",
            "outcomes.csv:2:rating: the rating must be from 1 to 5, got 6 (hint: write the rating as a number from 1 to 5, e.g. 4 or 3.5)",
            "outcomes.csv:3:goals_attained: the share of goals reached must be from 0 to 1 (or 0% to 100%), got 1.2 (hint: write a share from 0 to 1 (0.75), a percentage (75%), or yes/no)",
            "outcomes.csv:3:meetings: \"-1\" is not a whole number of meetings (hint: write how many times the pair met, e.g. 6)",
            "outcomes.csv:3:mentee_id: the id is empty",
            "outcomes.csv:3:rating: \"abc\" is not a rating (hint: write the rating as a number from 1 to 5, e.g. 4 or 3.5)",
            "outcomes.csv:4:mentee_id: the pair M1, E1 is already on row 2 (hint: list each pair once (ids compare case-insensitively))",
        ]
    );
    assert!(problems.iter().all(|p| p.row.is_some()));
}

#[test]
fn a_file_without_ids_or_outcomes_says_what_it_needs() {
    let problems = read("mentor,mentee_id,rating\nm1,e1,4\n").unwrap_err();
    assert_eq!(problems[0].code, Code::MissingIdColumn);
    assert_eq!(problems[0].row, Some(1));
    let problems = read("mentor_id,mentee_id,ratng,notes\nm1,e1,4,x\n").unwrap_err();
    assert_eq!(
        located(&problems),
        ["outcomes.csv:1: the header has no outcome column (not read: ratng, notes) (hint: an outcomes file needs the columns `mentor_id,mentee_id` and at least one of `rating`, `goals_attained`, `ended_early`, `meetings`)"]
    );
    assert_eq!(problems[0].code.as_str(), "no_outcome_column");
}

#[test]
fn ragged_rows_are_problems_not_dropped_rows() {
    let problems = read("mentor_id,mentee_id,rating\nm1,e1,4\nm2,e2\n").unwrap_err();
    assert_eq!(
        located(&problems),
        ["outcomes.csv:3: the row has 2 cells but the header has 3"]
    );
}

/// A read sheet named `Pairs` whose first row is sheet row 3 and first column C.
fn sheet_read(rows: &[&[&str]]) -> SheetRead {
    SheetRead {
        source: "outcomes.xlsx".to_owned(),
        sheet: Some(Sheet {
            format: WorkbookFormat {
                workbook: WorkbookKind::Xlsx,
                sheet: "Pairs".to_owned(),
                sheets: vec!["Pairs".to_owned()],
            },
            first_row: 3,
            first_column: 2,
            rows: rows
                .iter()
                .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
                .collect(),
        }),
        problem: None,
    }
}

#[test]
fn a_sheet_reads_as_its_csv_does_under_its_own_label_and_rows() {
    let read = sheet_read(&[
        &["mentor_id", "mentee_id", "rating", "note"],
        &["M1", "E1", "4", "x"],
    ]);
    let outcomes = Outcomes::from_sheet_read(read).unwrap();
    assert_eq!(outcomes.source, "outcomes.xlsx");
    assert_eq!(outcomes.measures, [Measure::Rating]);
    assert_eq!(outcomes.rows[0].pair.row, 4);
    assert_eq!(outcomes.rows[0].values.get(Measure::Rating), Some(4.0));
    assert_eq!(outcomes.ignored_columns, ["note"]);
}

#[test]
fn a_sheets_problems_name_its_sheet_and_cell() {
    let read = sheet_read(&[&["mentor_id", "mentee_id", "rating"], &["M1", "E1", "nine"]]);
    let problems = Outcomes::from_sheet_read(read).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::BadOutcome);
    assert_eq!(problems[0].row, Some(4));
    assert_eq!(problems[0].sheet(), Some("Pairs"));
    assert_eq!(problems[0].cell(), Some("E4"));

    let read = sheet_read(&[&["mentor_id", "mentee_id", "score"], &["M1", "E1", "9"]]);
    let problems = Outcomes::from_sheet_read(read).unwrap_err();
    assert_eq!(problems[0].code, Code::NoOutcomeColumn);
    assert_eq!(problems[0].row, Some(3));
    assert_eq!(problems[0].cell(), Some("3"));
}
