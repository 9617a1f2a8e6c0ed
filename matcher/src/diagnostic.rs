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
    /// The file has a header but no data rows.
    NoRows,
    /// A cell is not valid UTF-8.
    InvalidUtf8,
    /// The CSV itself could not be read (for example an I/O error).
    CsvSyntax,
    /// The header has no `id` column.
    MissingIdColumn,
    /// Two header cells name the same column.
    DuplicateColumn,
    /// A row has more or fewer cells than the header.
    RaggedRow,
    /// A row's `id` cell is empty.
    EmptyId,
    /// Two rows share an id.
    DuplicateId,
    /// A `capacity` cell is not a whole number ≥ 0.
    BadCapacity,
    /// A skill level is not a whole number from 1 to 5.
    BadSkillLevel,
    /// An `exclude` list names an id that the other roster does not have.
    UnknownExcludeId,
    /// A matrix cell is not a number.
    BadNumber,
    /// A matrix cell is NaN or infinite.
    NonFinite,
    /// A raw matrix file does not have the size its shape says.
    BadShape,
}

impl Code {
    /// The code as written in JSON and shown to JavaScript (`"duplicate_id"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::EmptyFile => "empty_file",
            Code::NoRows => "no_rows",
            Code::InvalidUtf8 => "invalid_utf8",
            Code::CsvSyntax => "csv_syntax",
            Code::MissingIdColumn => "missing_id_column",
            Code::DuplicateColumn => "duplicate_column",
            Code::RaggedRow => "ragged_row",
            Code::EmptyId => "empty_id",
            Code::DuplicateId => "duplicate_id",
            Code::BadCapacity => "bad_capacity",
            Code::BadSkillLevel => "bad_skill_level",
            Code::UnknownExcludeId => "unknown_exclude_id",
            Code::BadNumber => "bad_number",
            Code::NonFinite => "non_finite",
            Code::BadShape => "bad_shape",
        }
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
/// person is row 2. Displays as `mentees.csv:14:skills: message`.
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

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(row) = self.row {
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
