//! Spreadsheet workbooks (`.xlsx`, `.ods`), recognised by their content and
//! read as the rows of one sheet, every cell as a person typed it (see
//! `cells.rs`) and formulas by the value last calculated. The sheet starts at
//! its first non-empty row and column; empty rows and columns after its last
//! value are left out.

use crate::diagnostic::{column_letters, Code, Diagnostic, SheetCell};
use crate::format::{WorkbookFormat, WorkbookKind};
use serde::Serialize;

#[cfg(feature = "workbooks")]
mod cells;

/// What a file's first bytes say it is, when it is no text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// A zip archive with a workbook's parts.
    Workbook(WorkbookKind),
    /// A zip archive without them (a `.docx`, a zipped folder…).
    OtherZip,
    /// An OLE compound file: an encrypted workbook, or a legacy `.xls`.
    Compound,
}

/// The zip archive's local file header signature.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The OLE compound file signature.
const COMPOUND_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What `bytes` hold, by their content rather than their name: `None` for
/// anything that is to be read as text. A zip archive is a workbook by its
/// parts: `xl/workbook.xml` for `.xlsx`, the OpenDocument spreadsheet
/// `mimetype` (stored uncompressed, so its text is in the bytes) for `.ods`,
/// or else a `content.xml` (an OpenDocument file that compressed its
/// `mimetype`; the reader checks it is a spreadsheet).
fn sniff(bytes: &[u8]) -> Option<Container> {
    let has = |part: &[u8]| bytes.windows(part.len()).any(|w| w == part);
    if bytes.starts_with(COMPOUND_MAGIC) {
        Some(Container::Compound)
    } else if !bytes.starts_with(ZIP_MAGIC) {
        None
    } else if has(b"xl/workbook.xml") {
        Some(Container::Workbook(WorkbookKind::Xlsx))
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet") || has(b"content.xml") {
        Some(Container::Workbook(WorkbookKind::Ods))
    } else {
        Some(Container::OtherZip)
    }
}

/// Whether `bytes` are to be read as a workbook (or refused as one) rather
/// than as text.
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    sniff(bytes).is_some()
}

/// The problem with a file that is not a workbook this build reads.
fn refused(source: &str, container: Container) -> Diagnostic {
    let (message, hint) = match container {
        Container::Compound => (
            "the file is a password-protected workbook or an Excel 97–2003 .xls file, which cannot be read",
            "open it, remove the password, and save it as an Excel workbook (.xlsx) or as CSV UTF-8",
        ),
        Container::OtherZip => (
            "the file is a zip archive but not an .xlsx or .ods workbook",
            "save the roster from the spreadsheet program as .xlsx, .ods or CSV UTF-8",
        ),
        Container::Workbook(_) => (
            "the file is a workbook, and this build of matcher reads rosters as CSV only",
            "save the sheet as CSV UTF-8",
        ),
    };
    Diagnostic::file(source, Code::UnreadableWorkbook, message).with_hint(hint)
}

/// One sheet's cells as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    /// Which workbook and sheet.
    pub format: WorkbookFormat,
    /// The 1-based sheet row of the first of `rows`.
    pub first_row: usize,
    /// The 0-based sheet column of every row's first cell.
    pub first_column: usize,
    /// The rows, every one as wide as the widest.
    pub rows: Vec<Vec<String>>,
}

/// A workbook's sheet as read, or the problem that kept it from being read,
/// under the label the file is known by: what a separate reader (the
/// WebAssembly package's workbook module) hands to
/// [`crate::Roster::from_sheet_read`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetRead {
    /// The label the file was read under, used in every message about it.
    pub source: String,
    /// The sheet, when it could be read.
    pub sheet: Option<Sheet>,
    /// Why it could not be read, otherwise.
    pub problem: Option<Diagnostic>,
}

impl SheetRead {
    /// Reads the sheet named `sheet` (the first when `None`) of the workbook
    /// in `bytes` (see [`read_sheet`]).
    pub fn new(bytes: Vec<u8>, source: &str, sheet: Option<&str>) -> SheetRead {
        let (sheet, problem) = match read_sheet(bytes, source, sheet) {
            Ok(sheet) => (Some(sheet), None),
            Err(problem) => (None, Some(problem)),
        };
        SheetRead {
            source: source.to_owned(),
            sheet,
            problem,
        }
    }
}

impl SheetRead {
    /// The label and the sheet, or the problem that kept it from being read.
    pub fn into_sheet(self) -> Result<(String, Sheet), Diagnostic> {
        match (self.sheet, self.problem) {
            (Some(sheet), None) => Ok((self.source, sheet)),
            (_, Some(problem)) => Err(problem),
            (None, None) => Err(Diagnostic::file(
                &self.source,
                Code::EmptyFile,
                "no sheet was read",
            )),
        }
    }
}

/// The kind of workbook `bytes` hold, when they are one.
pub fn kind(bytes: &[u8]) -> Option<WorkbookKind> {
    match sniff(bytes)? {
        Container::Workbook(kind) => Some(kind),
        _ => None,
    }
}

/// Where a table read from a sheet lies in it, to name its cells in messages.
#[derive(Debug, Clone)]
pub(crate) struct SheetPlace {
    /// The sheet's name.
    pub sheet: String,
    /// The 0-based sheet column of the table's first column.
    pub first_column: usize,
}

impl SheetPlace {
    /// Names the sheet in every problem, and the cell (`C14`) or row (`14`)
    /// in those at a row; `columns` are the table's header names, as problems
    /// name their column.
    pub(crate) fn locate(&self, diagnostics: &mut [Diagnostic], columns: &[String]) {
        for d in diagnostics.iter_mut().filter(|d| d.place.is_none()) {
            let column = d
                .column
                .as_ref()
                .and_then(|name| columns.iter().position(|c| c == name));
            let cell = d.row.map(|row| match column {
                Some(i) => format!("{}{row}", column_letters(self.first_column + i)),
                None => row.to_string(),
            });
            d.place = Some(Box::new(SheetCell {
                sheet: self.sheet.clone(),
                cell,
            }));
        }
    }
}

/// Reads the sheet named `sheet` (the first one when `None`) of the `.xlsx`
/// or `.ods` workbook in `bytes`, recognised by its content; a file that is
/// no such workbook is an `unreadable_workbook` problem.
///
/// ```
/// let problem = matcher::workbook::read_sheet(b"id,name\n".to_vec(), "m.xlsx", None).unwrap_err();
/// assert_eq!(problem.code, matcher::Code::UnreadableWorkbook);
/// ```
pub fn read_sheet(bytes: Vec<u8>, source: &str, sheet: Option<&str>) -> Result<Sheet, Diagnostic> {
    match sniff(&bytes) {
        Some(Container::Workbook(kind)) => read_workbook(bytes, kind, source, sheet),
        Some(other) => Err(refused(source, other)),
        None => Err(Diagnostic::file(
            source,
            Code::UnreadableWorkbook,
            "the file is not an .xlsx or .ods workbook",
        )),
    }
}

/// Reads a sheet of a workbook of `kind` (see [`read_sheet`]).
#[cfg(feature = "workbooks")]
fn read_workbook(
    bytes: Vec<u8>,
    kind: WorkbookKind,
    source: &str,
    sheet: Option<&str>,
) -> Result<Sheet, Diagnostic> {
    use calamine::{Ods, Reader, Xlsx};
    use std::io::Cursor;
    let unreadable = |e: &dyn std::fmt::Display| {
        Diagnostic::file(
            source,
            Code::UnreadableWorkbook,
            format!(
                "the file is a damaged {} ({e})",
                kind.description().trim_start_matches("an ")
            ),
        )
        .with_hint(
            "open it in the spreadsheet program and save it again, or save the sheet as CSV UTF-8",
        )
    };
    let cursor = Cursor::new(bytes);
    let (sheets, name, range) = match kind {
        WorkbookKind::Xlsx => {
            let mut book = Xlsx::new(cursor).map_err(|e| unreadable(&e))?;
            let sheets = book.sheet_names();
            let name = choose(&sheets, sheet, source)?;
            let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            (sheets, name, range)
        }
        WorkbookKind::Ods => {
            let mut book = Ods::new(cursor).map_err(|e| unreadable(&e))?;
            let sheets = book.sheet_names();
            let name = choose(&sheets, sheet, source)?;
            let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            (sheets, name, range)
        }
    };
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let (first_row, first_column) = (first_row as usize + 1, first_column as usize);
    let format = WorkbookFormat {
        workbook: kind,
        sheet: name,
        sheets,
    };
    let mut rows = Vec::with_capacity(range.height());
    let mut errors = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let mut row = Vec::with_capacity(cells.len());
        for (c, cell) in cells.iter().enumerate() {
            row.push(cells::cell_text(cell).unwrap_or_else(|error| {
                let at = format!("{}{}", column_letters(first_column + c), first_row + r);
                errors.push((first_row + r, at, error));
                String::new()
            }));
        }
        rows.push(row);
    }
    if let Some((row, cell, error)) = errors.first() {
        let more = match errors.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more cell)".to_owned(),
            n => format!(" (and {n} more cells)"),
        };
        let problem = Diagnostic {
            row: Some(*row),
            ..Diagnostic::file(
                source,
                Code::FormulaError,
                format!("the cell shows the formula error {error}{more}"),
            )
        };
        return Err(problem
            .with_hint("fix the formula, or paste the sheet's values only")
            .in_sheet(&format.sheet, Some(cell.clone())));
    }
    trim_trailing(&mut rows);
    Ok(Sheet {
        format,
        first_row,
        first_column,
        rows,
    })
}

/// Refuses a workbook: this build reads CSV only.
#[cfg(not(feature = "workbooks"))]
fn read_workbook(
    _bytes: Vec<u8>,
    kind: WorkbookKind,
    source: &str,
    _sheet: Option<&str>,
) -> Result<Sheet, Diagnostic> {
    Err(refused(source, Container::Workbook(kind)))
}

/// The name of the sheet to read: `wanted`, or the first; an unknown name is
/// a problem that lists the sheets there are.
#[cfg(feature = "workbooks")]
fn choose(sheets: &[String], wanted: Option<&str>, source: &str) -> Result<String, Diagnostic> {
    match wanted {
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::file(source, Code::EmptyFile, "the workbook has no sheets")),
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                let names: Vec<String> = sheets.iter().map(|s| format!("\"{s}\"")).collect();
                Diagnostic::file(
                    source,
                    Code::UnknownSheet,
                    format!(
                        "the workbook has no sheet \"{wanted}\"; its sheets are {}",
                        names.join(", ")
                    ),
                )
                .with_hint("name one of its sheets, or leave the sheet out to read the first")
            }),
    }
}

/// Leaves out the empty rows after the last row with a value, and the empty
/// columns after the last column with one.
#[cfg(feature = "workbooks")]
fn trim_trailing(rows: &mut Vec<Vec<String>>) {
    let blank = |cell: &String| cell.is_empty();
    while rows.last().is_some_and(|row| row.iter().all(blank)) {
        rows.pop();
    }
    let width = rows
        .iter()
        .map(|row| row.iter().rposition(|c| !blank(c)).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    for row in rows {
        row.truncate(width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_are_recognised_by_their_parts() {
        let zip = |part: &str| [ZIP_MAGIC, part.as_bytes()].concat();
        assert_eq!(
            sniff(&zip("[Content_Types].xml...xl/workbook.xml")),
            Some(Container::Workbook(WorkbookKind::Xlsx))
        );
        assert_eq!(
            sniff(&zip(
                "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
            )),
            Some(Container::Workbook(WorkbookKind::Ods))
        );
        assert_eq!(sniff(&zip("word/document.xml")), Some(Container::OtherZip));
        assert_eq!(sniff(COMPOUND_MAGIC), Some(Container::Compound));
        assert_eq!(sniff(b"id,name\nPK,xl/workbook.xml\n"), None);
    }
}
