//! Roster problems as data: every problem is located by file, row and column.

use serde::Serialize;
use std::fmt;

/// What kind of problem a [`Diagnostic`] reports; stable, machine-readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// The file holds no header row at all.
    EmptyFile,
    /// A workbook that cannot be read: corrupt, password-protected, or an
    /// archive that is no `.xlsx` or `.ods` workbook.
    UnreadableWorkbook,
    /// The sheet asked for is not in the workbook.
    UnknownSheet,
    /// A workbook cell shows a formula error such as `#REF!`.
    FormulaError,
    /// The file has a header but no data rows.
    NoRows,
    /// The file is not valid text in the encoding its byte-order mark names.
    InvalidUtf8,
    /// The CSV itself could not be read (for example an I/O error).
    CsvSyntax,
    /// The first row names none of the roster columns: the header is missing.
    MissingHeader,
    /// The header has no `id` column.
    MissingIdColumn,
    /// Two header cells name the same column.
    DuplicateColumn,
    /// A row has more or fewer cells than the header.
    RaggedRow,
    /// A list column's cells look comma-separated while items are read by `;`.
    CommaSeparatedList,
    /// A cell is longer than [`MAX_CELL_BYTES`].
    CellTooLong,
    /// A row's `id` cell is empty.
    EmptyId,
    /// Two rows share an id.
    DuplicateId,
    /// A `capacity` cell is not a whole number ≥ 0.
    BadCapacity,
    /// A `min_load` cell is not a whole number ≥ 0, or is above the capacity.
    BadMinLoad,
    /// A peer roster's `role` is not mentor, mentee or both.
    BadRole,
    /// A skill level is not a whole number from 1 to 5.
    BadSkillLevel,
    /// A mentee's `priority` names no criterion.
    BadPriority,
    /// A `timezone` cell names no time zone or UTC offset.
    BadTimezone,
    /// An `availability` cell is not a list of weekly slots.
    BadAvailability,
    /// An `exclude` list names an id that the other roster does not have.
    UnknownExcludeId,
    /// The mentee file has a `capacity` column and the mentor file has none.
    SwappedFiles,
    /// Every mentor has capacity 0: nobody can be matched.
    ZeroCapacity,
    /// The `exclude` lists rule out every pair: nobody can be matched.
    AllPairsExcluded,
    /// A cell that must be a number is not one: a matrix cell, or an
    /// attribute a numeric rule (`max_difference`, `min_difference`) compares.
    BadNumber,
    /// A matrix cell is NaN or infinite.
    NonFinite,
    /// A raw matrix file does not have the size its shape says.
    BadShape,
    /// A matrix would take more memory than the limit allows.
    OverMemoryLimit,
    /// A locked or history pair names an id that its roster does not have.
    UnknownPairId,
    /// A mentee who wants one mentor is locked twice, or a pair is locked
    /// twice.
    DuplicateLock,
    /// A pair is listed twice in a pair-scores file.
    DuplicatePair,
    /// A mentor is locked to more mentees than their capacity, or a mentee
    /// to more mentors than it wants.
    LockOverCapacity,
    /// A locked pair breaks a hard rule or repeats a history pair, or two
    /// locked mentors of a mentee share a `distinct` group.
    LockForbidden,
    /// A vocabulary term's parent is not one: a second parent, the term
    /// itself, or a cycle of parents.
    BadParent,
    /// An outcomes file's cell is no rating, share, yes/no or count as its
    /// column needs.
    BadOutcome,
    /// An outcomes file has none of the outcome columns.
    NoOutcomeColumn,
    /// A `picks` list names an id that the other roster does not have.
    UnknownPickId,
    /// A `picks` cell names the same id twice.
    DuplicatePick,
    /// A `picks` cell names an id the same person lists in `exclude`.
    PickExcluded,
    /// A `wants` item is not `attribute=value` (optionally after a `!`).
    BadWant,
    /// A `wants` item names an attribute the other roster has no column for.
    UnknownWantAttribute,
}

impl Code {
    /// The code as written in JSON and shown to JavaScript (`"duplicate_id"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::EmptyFile => "empty_file",
            Code::UnreadableWorkbook => "unreadable_workbook",
            Code::UnknownSheet => "unknown_sheet",
            Code::FormulaError => "formula_error",
            Code::NoRows => "no_rows",
            Code::InvalidUtf8 => "invalid_utf8",
            Code::CsvSyntax => "csv_syntax",
            Code::MissingHeader => "missing_header",
            Code::MissingIdColumn => "missing_id_column",
            Code::DuplicateColumn => "duplicate_column",
            Code::RaggedRow => "ragged_row",
            Code::CommaSeparatedList => "comma_separated_list",
            Code::CellTooLong => "cell_too_long",
            Code::EmptyId => "empty_id",
            Code::DuplicateId => "duplicate_id",
            Code::BadCapacity => "bad_capacity",
            Code::BadMinLoad => "bad_min_load",
            Code::BadRole => "bad_role",
            Code::BadSkillLevel => "bad_skill_level",
            Code::BadPriority => "bad_priority",
            Code::BadTimezone => "bad_timezone",
            Code::BadAvailability => "bad_availability",
            Code::UnknownExcludeId => "unknown_exclude_id",
            Code::SwappedFiles => "swapped_files",
            Code::ZeroCapacity => "zero_capacity",
            Code::AllPairsExcluded => "all_pairs_excluded",
            Code::BadNumber => "bad_number",
            Code::NonFinite => "non_finite",
            Code::BadShape => "bad_shape",
            Code::OverMemoryLimit => "over_memory_limit",
            Code::UnknownPairId => "unknown_pair_id",
            Code::DuplicateLock => "duplicate_lock",
            Code::DuplicatePair => "duplicate_pair",
            Code::LockOverCapacity => "lock_over_capacity",
            Code::LockForbidden => "lock_forbidden",
            Code::BadParent => "bad_parent",
            Code::BadOutcome => "bad_outcome",
            Code::NoOutcomeColumn => "no_outcome_column",
            Code::UnknownPickId => "unknown_pick_id",
            Code::DuplicatePick => "duplicate_pick",
            Code::PickExcluded => "pick_excluded",
            Code::BadWant => "bad_want",
            Code::UnknownWantAttribute => "unknown_want_attribute",
        }
    }
}

/// The longest cell a roster may hold (1 MiB): far beyond any real roster
/// entry, and it keeps one pasted blob from slowing every pair's scoring.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// The longest excerpt of a cell quoted in a message, in characters.
const EXCERPT_CHARS: usize = 40;

/// `text` for quoting in a message: cut to 40 characters, with `…` when cut.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in an input file.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, the first
/// person is row 2. Displays as `mentees.csv:14:skills: message`; in a
/// workbook, as `mentees.xlsx:Sheet1!C14:skills: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// The source label the file was read under (usually its name).
    pub file: String,
    /// 1-based spreadsheet row, or `None` for a problem with the whole file.
    pub row: Option<usize>,
    /// The column's header name, or `None` for a problem with a whole row or file.
    pub column: Option<String>,
    /// The kind of problem.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// Where in a workbook, for a problem in a spreadsheet (`None` in a CSV
    /// file): written as its `sheet` and `cell` keys. Boxed, as few problems
    /// have one.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub place: Option<Box<SheetCell>>,
}

/// Where a problem is in a workbook.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SheetCell {
    /// The sheet.
    pub sheet: String,
    /// The cell (`C14`) or row (`14`) as the spreadsheet names it, for a
    /// problem at a row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Diagnostic {
    /// A problem with the whole file.
    pub fn file(file: &str, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            row: None,
            column: None,
            code,
            message: message.into(),
            hint: None,
            place: None,
        }
    }

    /// A problem with one row, optionally narrowed to one column.
    pub fn at(
        file: &str,
        row: usize,
        column: Option<&str>,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            row: Some(row),
            column: column.map(str::to_owned),
            ..Diagnostic::file(file, code, message)
        }
    }

    /// Places the problem in a workbook's `sheet`, at `cell` (`C14`) or row
    /// (`14`) when it has one.
    pub fn in_sheet(mut self, sheet: &str, cell: Option<String>) -> Self {
        self.place = Some(Box::new(SheetCell {
            sheet: sheet.to_owned(),
            cell,
        }));
        self
    }

    /// The workbook sheet of a problem in a spreadsheet.
    pub fn sheet(&self) -> Option<&str> {
        self.place.as_ref().map(|p| p.sheet.as_str())
    }

    /// The cell (`C14`) or row (`14`) of a problem in a workbook sheet.
    pub fn cell(&self) -> Option<&str> {
        self.place.as_ref().and_then(|p| p.cell.as_deref())
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(place) = &self.place {
            write!(f, ":{}", sheet_reference(&place.sheet))?;
            if let Some(cell) = &place.cell {
                write!(f, "!{cell}")?;
            }
        } else if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// A sheet's name as a formula refers to it: quoted (`'Form responses 1'`)
/// unless it is letters, digits and underscores only.
fn sheet_reference(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// The spreadsheet name of a 0-based column: `A`, …, `Z`, `AA`, ….
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_row_and_column() {
        let d = Diagnostic::at(
            "mentees.csv",
            14,
            Some("skills"),
            Code::BadSkillLevel,
            "skill level must be 1–5, got \"9\"",
        );
        assert_eq!(
            d.to_string(),
            "mentees.csv:14:skills: skill level must be 1–5, got \"9\""
        );
        let d = Diagnostic::file("mentors.csv", Code::EmptyFile, "the file is empty")
            .with_hint("export the sheet with its header row");
        assert_eq!(
            d.to_string(),
            "mentors.csv: the file is empty (hint: export the sheet with its header row)"
        );
    }

    #[test]
    fn a_workbook_problem_names_sheet_and_cell() {
        let d = Diagnostic::at(
            "mentees.xlsx",
            14,
            Some("skills"),
            Code::BadSkillLevel,
            "bad",
        )
        .in_sheet("Sheet1", Some("C14".into()));
        assert_eq!(d.to_string(), "mentees.xlsx:Sheet1!C14:skills: bad");
        let d = Diagnostic::at("m.ods", 7, None, Code::EmptyId, "bad")
            .in_sheet("Form responses 1", Some("7".into()));
        assert_eq!(d.to_string(), "m.ods:'Form responses 1'!7: bad");
        let d = Diagnostic::file("m.ods", Code::NoRows, "bad").in_sheet("it's", None);
        assert_eq!(d.to_string(), "m.ods:'it''s': bad");
        // JSON carries the sheet and the cell beside the file, row and column.
        let json = serde_json::to_value(d.in_sheet("S", Some("B2".into()))).unwrap();
        assert_eq!((&json["sheet"], &json["cell"]), (&"S".into(), &"B2".into()));
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let letters: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            letters,
            ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    #[test]
    fn excerpts_cut_long_text_on_a_character_boundary() {
        assert_eq!(excerpt("python:9"), "python:9");
        let long = "é".repeat(41);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(40)));
        assert_eq!(excerpt(&long[..80]), long[..80]);
    }

    #[test]
    fn sorts_by_file_then_row() {
        let mut v = [
            Diagnostic::at("b.csv", 2, None, Code::EmptyId, "x"),
            Diagnostic::at("a.csv", 9, None, Code::EmptyId, "x"),
            Diagnostic::at("a.csv", 3, None, Code::EmptyId, "x"),
        ];
        v.sort();
        let order: Vec<_> = v.iter().map(|d| (d.file.as_str(), d.row)).collect();
        assert_eq!(
            order,
            [("a.csv", Some(3)), ("a.csv", Some(9)), ("b.csv", Some(2))]
        );
    }
}
