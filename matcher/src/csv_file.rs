//! A table opened for reading, record by record: a CSV file in whatever
//! encoding and with whichever separator it was saved, or one sheet of a
//! workbook ([`crate::workbook`]).

use crate::diagnostic::{Code, Diagnostic};
use crate::format::Format;
use crate::list;
use crate::text::{read_text, Text};
use crate::workbook::{self, SheetPlace};
use std::io::Read;

/// The records of a table after its header row.
pub(crate) type Records = Box<dyn Iterator<Item = csv::Result<csv::ByteRecord>>>;

/// A table opened for reading: its header row, the records after it and
/// the format it was read in.
pub(crate) struct CsvFile {
    /// The first row.
    pub header: csv::ByteRecord,
    /// The header's spreadsheet row: 1 in a CSV file, the sheet's first row
    /// with a value in a workbook.
    pub header_row: usize,
    /// The rows after the header; every cell is valid UTF-8.
    pub records: Records,
    /// The encoding and separator found, or the workbook and sheet.
    pub format: Format,
    /// Where in its sheet a table read from a workbook lies.
    pub place: Option<SheetPlace>,
}

/// The records after a header with their spreadsheet row numbers (the header
/// is `header_row`), up to the first one that cannot be read: its problem
/// goes in `problem`.
pub(crate) fn numbered<'a>(
    records: Records,
    header_row: usize,
    source: &'a str,
    problem: &'a mut Option<Diagnostic>,
) -> impl Iterator<Item = (usize, csv::ByteRecord)> + 'a {
    records
        .enumerate()
        .map_while(move |(n, record)| match record {
            Ok(record) => Some((header_row + 1 + n, record)),
            Err(e) => {
                *problem = Some(csv_error(source, &e));
                None
            }
        })
}

/// Starts reading a table record by record: the sheet named `sheet` (the
/// first when `None`) of a workbook, recognised by its content, or else a CSV
/// file in whatever encoding and with whichever separator it was saved (see
/// [`crate::text`]; `known` tells whether a normalised header cell names a
/// column the caller reads). A file without even a header is an
/// `empty_file` problem with `hint`.
pub(crate) fn open_table<R: Read>(
    mut reader: R,
    source: &str,
    hint: &str,
    known: impl Fn(&str) -> bool,
    sheet: Option<&str>,
) -> Result<CsvFile, Diagnostic> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| {
        Diagnostic::file(
            source,
            Code::CsvSyntax,
            format!("could not read the file: {e}"),
        )
    })?;
    if workbook::is_workbook(&bytes) {
        open_sheet(bytes, source, hint, sheet)
    } else {
        open_csv(&bytes, source, hint, known)
    }
}

/// Starts reading a sheet of a workbook (see [`open_table`]).
fn open_sheet(
    bytes: Vec<u8>,
    source: &str,
    hint: &str,
    sheet: Option<&str>,
) -> Result<CsvFile, Diagnostic> {
    open_read_sheet(workbook::read_sheet(bytes, source, sheet)?, source, hint)
}

/// Starts reading the rows of a sheet already read; a sheet without even a
/// header is an `empty_file` problem with `hint`.
pub(crate) fn open_read_sheet(
    read: workbook::Sheet,
    source: &str,
    hint: &str,
) -> Result<CsvFile, Diagnostic> {
    let place = SheetPlace {
        sheet: read.format.sheet.clone(),
        first_column: read.first_column,
    };
    let mut rows = read.rows.into_iter().map(csv::ByteRecord::from);
    match rows.next() {
        None => Err(
            Diagnostic::file(source, Code::EmptyFile, "the sheet is empty")
                .with_hint(hint)
                .in_sheet(&place.sheet, None),
        ),
        Some(header) => Ok(CsvFile {
            header,
            header_row: read.first_row,
            records: Box::new(rows.map(Ok)),
            format: Format::Workbook(read.format),
            place: Some(place),
        }),
    }
}

/// Starts reading CSV text (see [`open_table`]).
fn open_csv(
    bytes: &[u8],
    source: &str,
    hint: &str,
    known: impl Fn(&str) -> bool,
) -> Result<CsvFile, Diagnostic> {
    let Text { text, format } = read_text(bytes, source, known)?;
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(format.delimiter as u8)
        .from_reader(std::io::Cursor::new(text.into_bytes()))
        .into_byte_records();
    match records.next() {
        None => Err(Diagnostic::file(source, Code::EmptyFile, "the file is empty").with_hint(hint)),
        Some(Err(e)) => Err(csv_error(source, &e)),
        Some(Ok(header)) => Ok(CsvFile {
            header,
            header_row: 1,
            records: Box::new(records),
            format: Format::Text(format),
            place: None,
        }),
    }
}

/// A CSV reading problem, located at its record when known.
fn csv_error(source: &str, e: &csv::Error) -> Diagnostic {
    let row = e.position().map(|p| p.record() as usize + 1);
    let message = match e.kind() {
        csv::ErrorKind::Io(io) => format!("could not read the file: {io}"),
        _ => format!("could not read the CSV: {e}"),
    };
    Diagnostic {
        row,
        ..Diagnostic::file(source, Code::CsvSyntax, message)
    }
}

/// One row of a [`read_table`] file: its row number and its cells, in the
/// order of the columns asked for, trimmed (`""` for an optional column the
/// file does not have).
pub(crate) struct TableRow {
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    /// The cells.
    pub cells: Vec<String>,
}

/// A [`read_table`] file as read.
pub(crate) struct Table {
    /// The rows that read.
    pub rows: Vec<TableRow>,
    /// The problems of the rows that did not.
    pub problems: Vec<Diagnostic>,
    /// The header's row.
    pub header_row: usize,
    /// Per column asked for, whether the header has it.
    pub found: Vec<bool>,
    /// The header's other non-empty names, which are not read.
    pub ignored: Vec<String>,
    /// Places the caller's own problems in the workbook sheet, if the table is one.
    pub locator: Locator,
}

/// Places problems with a table's rows in its workbook sheet (a no-op for CSV).
pub(crate) struct Locator {
    place: Option<SheetPlace>,
    names: Vec<String>,
}

impl Locator {
    /// Names the sheet and the cell in every problem not yet placed.
    pub fn locate(&self, problems: &mut [Diagnostic]) {
        if let Some(place) = &self.place {
            place.locate(problems, &self.names);
        }
    }
}

/// Reads a small file of named columns (`mentor_id,mentee_id`, `term,canonical`):
/// the first `required` of `columns` must be in the header, found by name in
/// any case, the others may be; other columns are ignored and empty rows
/// skipped. A missing column (with `hint`) is an error; the rows that read
/// come with the problems of the others (another number of cells than the
/// header, an unreadable record), so that the caller adds its own and reports
/// them all at once.
pub(crate) fn read_table<R: Read>(
    reader: R,
    source: &str,
    hint: &str,
    columns: &[&str],
    required: usize,
) -> Result<Table, Vec<Diagnostic>> {
    let file = open_table(reader, source, hint, |name| columns.contains(&name), None)
        .map_err(|d| vec![d])?;
    table_of(file, source, hint, columns, required)
}

/// Reads a sheet already read (what a separate workbook reader hands over)
/// as a [`read_table`] file, under the label it was read with.
pub(crate) fn read_sheet_table(
    read: workbook::SheetRead,
    hint: &str,
    columns: &[&str],
    required: usize,
) -> Result<(String, Table), Vec<Diagnostic>> {
    let (source, sheet) = read.into_sheet().map_err(|d| vec![d])?;
    let file = open_read_sheet(sheet, &source, hint).map_err(|d| vec![d])?;
    let table = table_of(file, &source, hint, columns, required)?;
    Ok((source, table))
}

/// The rows and problems of a table opened for reading (see [`read_table`]).
fn table_of(
    file: CsvFile,
    source: &str,
    hint: &str,
    columns: &[&str],
    required: usize,
) -> Result<Table, Vec<Diagnostic>> {
    let CsvFile {
        header,
        header_row,
        records,
        place,
        ..
    } = file;
    let text = |cell: &[u8]| String::from_utf8_lossy(cell).trim().to_owned();
    let names: Vec<String> = header.iter().map(|h| list::normalize(&text(h))).collect();
    let at: Vec<Option<usize>> = columns
        .iter()
        .map(|column| names.iter().position(|n| n == column))
        .collect();
    let missing: Vec<Diagnostic> = columns[..required]
        .iter()
        .zip(&at)
        .filter(|(_, at)| at.is_none())
        .map(|(column, _)| {
            Diagnostic::at(
                source,
                header_row,
                None,
                Code::MissingIdColumn,
                format!("the header has no `{column}` column"),
            )
            .with_hint(hint)
        })
        .collect();
    let locator = Locator { place, names };
    if !missing.is_empty() {
        let mut missing = missing;
        locator.locate(&mut missing);
        return Err(missing);
    }
    let mut diagnostics = Vec::new();
    let mut rows = Vec::new();
    let mut unreadable = None;
    for (row, record) in numbered(records, header_row, source, &mut unreadable) {
        if record.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        if record.len() != locator.names.len() {
            diagnostics.push(ragged(source, row, record.len(), locator.names.len()));
            continue;
        }
        let cells = at
            .iter()
            .map(|i| i.map_or(String::new(), |i| text(&record[i])));
        rows.push(TableRow {
            row,
            cells: cells.collect(),
        });
    }
    diagnostics.extend(unreadable);
    locator.locate(&mut diagnostics);
    let ignored = locator
        .names
        .iter()
        .filter(|n| !n.is_empty() && !columns.contains(&n.as_str()))
        .cloned()
        .collect();
    Ok(Table {
        rows,
        problems: diagnostics,
        header_row,
        found: at.iter().map(Option::is_some).collect(),
        ignored,
        locator,
    })
}

/// The problem of a row with `cells` cells under a header of `columns`.
pub(crate) fn ragged(source: &str, row: usize, cells: usize, columns: usize) -> Diagnostic {
    Diagnostic::at(
        source,
        row,
        None,
        Code::RaggedRow,
        format!("the row has {cells} cells but the header has {columns}"),
    )
}
