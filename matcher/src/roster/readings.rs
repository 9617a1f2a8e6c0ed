//! How a roster's columns are read, before its people are: what a column
//! mapping step shows for each header, read under the `[columns]` rules even
//! when the roster itself would not read (no `id` column yet, say).

use super::header::{field, read_header, Field};
use super::Side;
use crate::columns::{self, ColumnRules};
use crate::csv_file::{open_read_sheet, open_table, CsvFile};
use crate::diagnostic::Diagnostic;
use crate::format::Format;
use crate::workbook::SheetRead;
use serde::Serialize;
use std::io::Read;

/// How one header cell is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnReading {
    /// The header cell as written, trimmed: the key a `[columns]` rule for it uses.
    pub header: String,
    /// The normalised header name, as diagnostics name the column.
    pub name: String,
    /// What the column means: `id`, `name`, `capacity`, `priority`,
    /// `skills`, `values`, `goals`, `exclude`, or an attribute's name.
    pub role: String,
    /// Whether the column is a background attribute.
    pub attribute: bool,
    /// The item separator of a list column, or the one `[columns]` sets for an
    /// attribute's column (a list attribute's); `None` for other columns.
    pub separator: Option<char>,
}

/// A roster's header as read under the `[columns]` rules, with the encoding
/// and separator found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnReadings {
    /// Each column, in file order.
    pub columns: Vec<ColumnReading>,
    /// How the file was read: its encoding and cell separator, or the
    /// workbook and sheet.
    pub format: Format,
}

/// How a roster without a header is refused.
const HINT: &str = "a roster needs a header row";

/// Reads only the header row of a roster (a workbook's first sheet's) and
/// says how each column is read under `rules`. Fails only when there is no
/// header to read (an empty or undecodable file); two columns read as one
/// role are the roster's problem.
pub fn read_columns<R: Read>(
    reader: R,
    side: Side,
    source: &str,
    rules: &ColumnRules,
) -> Result<ColumnReadings, Diagnostic> {
    let known = |name: &str| field(&columns::resolve(rules, name).0, side).is_some();
    columns_of(
        open_table(reader, source, HINT, known, None)?,
        side,
        source,
        rules,
    )
}

/// [`read_columns`] of a workbook's sheet that another reader read (see
/// [`crate::Roster::from_sheet_read`]).
pub fn read_sheet_columns(
    read: SheetRead,
    side: Side,
    rules: &ColumnRules,
) -> Result<ColumnReadings, Diagnostic> {
    let (source, sheet) = read.into_sheet()?;
    columns_of(open_read_sheet(sheet, &source, HINT)?, side, &source, rules)
}

/// How each column of the table `file` is read.
fn columns_of(
    file: CsvFile,
    side: Side,
    source: &str,
    rules: &ColumnRules,
) -> Result<ColumnReadings, Diagnostic> {
    let CsvFile {
        header,
        header_row,
        format,
        ..
    } = file;
    let read = read_header(&header, header_row, side, source, rules, &mut Vec::new());
    let columns = header
        .iter()
        .zip(read.columns)
        .zip(read.fields.iter().zip(&read.separators))
        .map(|((cell, name), (&field, &separator))| {
            let role = match field {
                Field::Attribute(i) => read.attributes[i].clone(),
                _ => columns::resolve(rules, &name).0,
            };
            let separator = match field {
                Field::Attribute(_) => columns::explicit_separator(rules, &name),
                _ => field.is_list().then_some(separator),
            };
            ColumnReading {
                header: String::from_utf8_lossy(cell).trim().to_owned(),
                name,
                role,
                attribute: matches!(field, Field::Attribute(_)),
                separator,
            }
        })
        .collect();
    Ok(ColumnReadings { columns, format })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::ColumnRule;

    fn reading(
        header: &str,
        role: &str,
        attribute: bool,
        separator: Option<char>,
    ) -> ColumnReading {
        ColumnReading {
            header: header.to_owned(),
            name: crate::list::normalize(header),
            role: role.to_owned(),
            attribute,
            separator,
        }
    }

    #[test]
    fn without_rules_headers_read_as_their_names() {
        let csv = "ID; Full name ;Skills;Which skills can you offer?;Capacity\ne1;Ada;x;y;2\n";
        let read = read_columns(
            csv.as_bytes(),
            Side::Mentee,
            "mentees.csv",
            &ColumnRules::new(),
        )
        .unwrap();
        assert_eq!(read.format.text().map(|t| t.delimiter), Some(';'));
        assert_eq!(
            read.columns,
            [
                reading("ID", "id", false, None),
                reading("Full name", "full name", true, None),
                reading("Skills", "skills", false, Some(';')),
                reading(
                    "Which skills can you offer?",
                    "which skills can you offer?",
                    true,
                    None
                ),
                // A mentee's capacity is how many mentors they want.
                reading("Capacity", "capacity", false, None),
            ]
        );
    }

    #[test]
    fn rules_give_roles_attribute_names_and_separators() {
        let rule = |role: Option<&str>, separator| ColumnRule {
            role: role.map(str::to_owned),
            separator,
        };
        let rules: ColumnRules = [
            ("participant id".to_owned(), rule(Some("id"), None)),
            ("Your team".to_owned(), rule(Some("Department"), None)),
            ("Topics".to_owned(), rule(Some("goals"), Some(','))),
            ("skills".to_owned(), rule(None, Some(','))),
        ]
        .into();
        let csv = "Participant ID,Your team,Topics,Skills\n";
        let read = read_columns(csv.as_bytes(), Side::Mentor, "mentors.csv", &rules).unwrap();
        assert_eq!(
            read.columns,
            [
                reading("Participant ID", "id", false, None),
                reading("Your team", "department", true, None),
                reading("Topics", "goals", false, Some(',')),
                reading("Skills", "skills", false, Some(',')),
            ]
        );
    }

    #[test]
    fn a_header_without_people_reads_and_an_empty_file_does_not() {
        let read = read_columns(
            "Name,Email\n".as_bytes(),
            Side::Mentor,
            "m.csv",
            &ColumnRules::new(),
        );
        assert_eq!(read.unwrap().columns.len(), 2);
        let empty = read_columns("".as_bytes(), Side::Mentor, "m.csv", &ColumnRules::new());
        assert_eq!(empty.unwrap_err().code, crate::Code::EmptyFile);
    }
}
