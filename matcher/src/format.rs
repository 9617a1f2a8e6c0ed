//! How a roster file was read: as text (its encoding and cell separator) or
//! as one sheet of a spreadsheet workbook.

use crate::text::TextFormat;
use serde::Serialize;
use std::fmt;

/// How a roster file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Format {
    /// A text file: CSV in some encoding, with some separator.
    Text(TextFormat),
    /// One sheet of an `.xlsx` or `.ods` workbook.
    Workbook(WorkbookFormat),
}

/// The kinds of workbook read, as recognised by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkbookKind {
    /// Office Open XML (`.xlsx`), as Excel and most form tools export.
    Xlsx,
    /// OpenDocument (`.ods`), as LibreOffice saves.
    Ods,
}

impl WorkbookKind {
    /// "an Excel workbook" or "an OpenDocument spreadsheet".
    pub fn description(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "an Excel workbook",
            WorkbookKind::Ods => "an OpenDocument spreadsheet",
        }
    }
}

/// Which sheet of which kind of workbook a roster was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkbookFormat {
    /// The kind of workbook.
    pub workbook: WorkbookKind,
    /// The sheet read.
    pub sheet: String,
    /// Every sheet of the workbook, in order (for a sheet picker).
    pub sheets: Vec<String>,
}

impl Format {
    /// Comma-separated UTF-8 text, the format this crate writes; anything
    /// else is worth telling the user about.
    pub fn is_plain(&self) -> bool {
        matches!(self, Format::Text(text) if text.is_plain())
    }

    /// The text format, for a roster read as text.
    pub fn text(&self) -> Option<&TextFormat> {
        match self {
            Format::Text(text) => Some(text),
            Format::Workbook(_) => None,
        }
    }
}

/// "UTF-8, cells separated by semicolons" or "an Excel workbook, sheet Sheet1".
impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Text(text) => text.fmt(f),
            Format::Workbook(book) => {
                write!(f, "{}, sheet {}", book.workbook.description(), book.sheet)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_was_read() {
        let book = Format::Workbook(WorkbookFormat {
            workbook: WorkbookKind::Xlsx,
            sheet: "Form responses 1".into(),
            sheets: vec!["Form responses 1".into()],
        });
        assert_eq!(
            book.to_string(),
            "an Excel workbook, sheet Form responses 1"
        );
        assert!(!book.is_plain());
        assert_eq!(book.text(), None);
        let text = TextFormat {
            encoding: "UTF-8",
            byte_order_mark: false,
            delimiter: ';',
        };
        assert_eq!(
            Format::Text(text).to_string(),
            "UTF-8, cells separated by semicolons"
        );
    }
}
