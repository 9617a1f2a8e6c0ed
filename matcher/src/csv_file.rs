//! A CSV file opened for reading, record by record, in whatever encoding and
//! with whichever separator it was saved.

use crate::diagnostic::{Code, Diagnostic};
use crate::list;
use crate::text::{read_text, Text, TextFormat};
use std::io::Read;

/// A CSV file opened for reading: its header row, the records after it and
/// the format it was read in.
pub(crate) struct CsvFile {
    /// The first row.
    pub header: csv::ByteRecord,
    /// The rows after the header; every cell is valid UTF-8.
    pub records: csv::ByteRecordsIntoIter<std::io::Cursor<Vec<u8>>>,
    /// The encoding and separator found.
    pub format: TextFormat,
}

/// The records after a header with their spreadsheet row numbers (the header
/// is row 1), up to the first one that cannot be read: its problem goes in
/// `problem`.
pub(crate) fn numbered<'a>(
    records: csv::ByteRecordsIntoIter<std::io::Cursor<Vec<u8>>>,
    source: &'a str,
    problem: &'a mut Option<Diagnostic>,
) -> impl Iterator<Item = (usize, csv::ByteRecord)> + 'a {
    records
        .enumerate()
        .map_while(move |(n, record)| match record {
            Ok(record) => Some((n + 2, record)),
            Err(e) => {
                *problem = Some(csv_error(source, &e));
                None
            }
        })
}

/// Starts reading a CSV file record by record, in whatever encoding and with
/// whichever separator it was saved (see [`crate::text`]); `known` tells
/// whether a normalised header cell names a column the caller reads. A file
/// without even a header is an `empty_file` problem with `hint`.
pub(crate) fn open_csv<R: Read>(
    reader: R,
    source: &str,
    hint: &str,
    known: impl Fn(&str) -> bool,
) -> Result<CsvFile, Diagnostic> {
    let Text { text, format } = read_text(reader, source, known)?;
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
            records,
            format,
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
) -> Result<(Vec<TableRow>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let CsvFile {
        header, records, ..
    } = open_csv(reader, source, hint, |name| columns.contains(&name)).map_err(|d| vec![d])?;
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
                1,
                None,
                Code::MissingIdColumn,
                format!("the header has no `{column}` column"),
            )
            .with_hint(hint)
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut diagnostics = Vec::new();
    let mut rows = Vec::new();
    let mut unreadable = None;
    for (row, record) in numbered(records, source, &mut unreadable) {
        if record.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        if record.len() != names.len() {
            diagnostics.push(ragged(source, row, record.len(), names.len()));
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
    Ok((rows, diagnostics))
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
