//! Writes tables of text as `.xlsx` and `.ods` workbooks, every cell as a
//! person would type it: text that a spreadsheet reads back as the same
//! number (`3`, `2.5`) is a number cell, anything else a text cell, and empty
//! text no cell at all. Used by `examples/workbooks.rs` (the workbook copies
//! of `data/forms`) and by the tests that read workbooks back.

use std::io::Write;

/// A sheet: its name and its rows.
pub type SheetData<'a> = (&'a str, &'a [Vec<String>]);

/// `text` as the number a spreadsheet keeps when it is typed, if it reads
/// back as the same text (`3`, `-2.5`; not `007`, `1e3` or `-0`).
pub fn as_number(text: &str) -> Option<f64> {
    let x: f64 = text.parse().ok()?;
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    (x.is_finite() && digits <= 15 && x.to_string() == text && text != "-0").then_some(x)
}

/// An `.xlsx` workbook of `sheets`, always the same bytes for the same sheets.
pub fn xlsx(sheets: &[SheetData]) -> Vec<u8> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match as_number(text) {
                    _ if text.is_empty() => continue,
                    Some(x) => sheet.write_number(r, c, x).map(drop),
                    None => sheet.write_string(r, c, text).map(drop),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// An `.ods` spreadsheet of `sheets`: the OpenDocument parts a spreadsheet
/// needs (`mimetype` first and stored, a manifest, the content), always the
/// same bytes for the same sheets.
pub fn ods(sheets: &[SheetData]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mime = "application/vnd.oasis.opendocument.spreadsheet";
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(mime.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{mime}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#
    )
    .unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(ods_content(sheets).as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The `content.xml` of an `.ods` of `sheets`.
fn ods_content(sheets: &[SheetData]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        xml += &format!(r#"<table:table table:name="{}">"#, escape(name));
        for row in *rows {
            xml += "<table:table-row>";
            for text in row {
                xml += &match as_number(text) {
                    _ if text.is_empty() => "<table:table-cell/>".to_owned(),
                    Some(_) => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{text}"><text:p>{text}</text:p></table:table-cell>"#
                    ),
                    None => format!(
                        r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#,
                        paragraphs(text)
                    ),
                };
            }
            xml += "</table:table-row>";
        }
        xml += "</table:table>";
    }
    xml + "</office:spreadsheet></office:body></office:document-content>\n"
}

/// Text as OpenDocument paragraphs: one per line, and every space after the
/// first of a run (or at a paragraph's start) as `<text:s/>`, since XML
/// whitespace in a paragraph collapses.
fn paragraphs(text: &str) -> String {
    let mut xml = String::new();
    for line in text.split('\n') {
        xml += "<text:p>";
        let mut after_space = true;
        for c in line.chars() {
            match c {
                ' ' if after_space => xml += "<text:s/>",
                ' ' => xml.push(' '),
                _ => xml += &escape(&c.to_string()),
            }
            after_space = c == ' ';
        }
        xml += "</text:p>";
    }
    xml
}

/// `text` with XML's special characters escaped, and carriage returns as
/// references (XML reads a raw one as a line feed).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\r', "&#13;")
}

/// A UTF-8 CSV file's rows as written, every record a row of cells; the
/// separator is the one of `,` and `;` its first line has more of.
pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |separator| first.iter().filter(|&&b| b == separator).count();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if count(b';') > count(b',') {
            b';'
        } else {
            b','
        })
        .from_reader(bytes);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The workbook copies of the form program's rosters: the CSV, the workbook
/// written from it and its sheets (the roster first, then a note, so that
/// reading the first sheet and naming one are both exercised).
pub const FORM_COPIES: [(&str, &str, &str); 2] = [
    (
        "data/forms/mentees.csv",
        "data/forms/mentees.xlsx",
        "Sheet1",
    ),
    (
        "data/forms/mentors.csv",
        "data/forms/mentors.ods",
        "Mentors",
    ),
];

/// The second sheet of each copy.
pub const NOTES_SHEET: &str = "Notes";

/// The bytes of the workbook copy at `workbook` of the CSV `csv` (a byte-order
/// mark dropped), with the roster on the sheet `sheet`.
pub fn form_copy(csv: &[u8], workbook: &str, sheet: &str) -> Vec<u8> {
    let csv = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv);
    let rows = csv_rows(csv);
    let note = [vec![
        "A copy of the sign-up form's export, written by examples/workbooks.rs".to_owned(),
    ]];
    let sheets: [SheetData; 2] = [(sheet, &rows), (NOTES_SHEET, &note)];
    if workbook.ends_with(".ods") {
        ods(&sheets)
    } else {
        xlsx(&sheets)
    }
}
