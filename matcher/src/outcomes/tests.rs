use super::*;
use crate::format::{WorkbookFormat, WorkbookKind};
use crate::workbook::Sheet;

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
