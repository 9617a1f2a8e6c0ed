//! A CSV file's bytes read the way the program that saved it wrote them.
//!
//! The encoding comes from the byte-order mark when there is one (UTF-8,
//! UTF-16LE, UTF-16BE: what spreadsheet programs call "CSV UTF-8" and
//! "Unicode text"), else from the bytes: valid UTF-8 is UTF-8, text whose
//! every other byte is zero is UTF-16 without a mark, and anything else is
//! Windows-1252, the legacy encoding of spreadsheet exports in Western
//! locales (every byte is a character there, so nothing is dropped). The cell
//! separator comes from the header row: of `,`, `;` and tab, the one that
//! splits it into the most known column names, then into the most cells.

use crate::diagnostic::{Code, Diagnostic};
use serde::Serialize;
use std::fmt;

/// The separators a header row is tried with, preferred in this order on a tie.
const DELIMITERS: [u8; 3] = *b",;\t";

/// How a text file was read: its encoding and the separator between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextFormat {
    /// The encoding's name: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// Whether the file starts with a byte-order mark.
    pub byte_order_mark: bool,
    /// The cell separator: `,`, `;` or a tab.
    pub delimiter: char,
}

impl TextFormat {
    /// Comma-separated UTF-8 (a byte-order mark or not), the format this crate
    /// writes; anything else is worth telling the user about.
    pub fn is_plain(&self) -> bool {
        self.encoding == "UTF-8" && self.delimiter == ','
    }

    /// The separator as a person would name it in a message.
    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            ';' => "semicolons",
            '\t' => "tabs",
            _ => "commas",
        }
    }
}

/// "UTF-16LE with a byte-order mark, cells separated by semicolons".
impl fmt::Display for TextFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.byte_order_mark {
            " with a byte-order mark"
        } else {
            ""
        };
        write!(
            f,
            "{}{mark}, cells separated by {}",
            self.encoding,
            self.delimiter_name()
        )
    }
}

/// A file decoded to UTF-8, with the format it was read in.
pub(crate) struct Text {
    /// The file's text, without a byte-order mark.
    pub text: String,
    /// The encoding and separator found.
    pub format: TextFormat,
}

/// Decodes a file's bytes and finds its separator; `known` tells whether a
/// normalised header cell names a column the caller reads.
pub(crate) fn read_text(
    bytes: &[u8],
    source: &str,
    known: impl Fn(&str) -> bool,
) -> Result<Text, Diagnostic> {
    let (text, encoding, byte_order_mark) = decode(bytes, source)?;
    let delimiter = detect_delimiter(&text, known);
    Ok(Text {
        text,
        format: TextFormat {
            encoding,
            byte_order_mark,
            delimiter: char::from(delimiter),
        },
    })
}

/// Decodes `bytes`: the text without its byte-order mark, the encoding's
/// name, and whether there was a mark.
#[cfg(feature = "encodings")]
fn decode(bytes: &[u8], source: &str) -> Result<(String, &'static str, bool), Diagnostic> {
    use encoding_rs::Encoding;
    let (encoding, body, marked) = match Encoding::for_bom(bytes) {
        Some((encoding, length)) => (encoding, &bytes[length..], true),
        None => (sniff(bytes), bytes, false),
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok((text.into_owned(), encoding.name(), marked)),
        None => {
            let (valid, _) = encoding.decode_without_bom_handling(body);
            let before = valid.split('\u{FFFD}').next().unwrap_or("");
            Err(undecodable(source, encoding.name(), marked, before))
        }
    }
}

/// Decodes `bytes` as UTF-8, with or without a byte-order mark: the build
/// without the `encodings` feature (WebAssembly, whose callers pass text
/// their platform already decoded).
#[cfg(not(feature = "encodings"))]
fn decode(bytes: &[u8], source: &str) -> Result<(String, &'static str, bool), Diagnostic> {
    let (body, marked) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_owned(), "UTF-8", marked)),
        Err(e) => {
            let before = String::from_utf8_lossy(&body[..e.valid_up_to()]);
            Err(undecodable(source, "UTF-8", marked, &before))
        }
    }
}

/// The encoding of a file without a byte-order mark.
#[cfg(feature = "encodings")]
fn sniff(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    // ASCII-heavy UTF-16 has a zero in every other byte (valid UTF-8 too, as
    // zeros go); UTF-8 and Windows-1252 text has none at all.
    let head = &bytes[..bytes.len().min(4096) & !1];
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    if pairs > 0 && odd * 2 > pairs && even == 0 {
        encoding_rs::UTF_16LE
    } else if pairs > 0 && even * 2 > pairs && odd == 0 {
        encoding_rs::UTF_16BE
    } else if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// The problem with a file that its own encoding cannot read, located by the
/// line of its first bad character (`before` is the text up to it).
fn undecodable(source: &str, encoding: &str, marked: bool, before: &str) -> Diagnostic {
    let row = before.lines().count().max(1);
    let said = if marked {
        format!("the file is marked as {encoding} but its text")
    } else {
        "the file's text".to_owned()
    };
    Diagnostic {
        row: Some(row),
        ..Diagnostic::file(
            source,
            Code::InvalidUtf8,
            format!("{said} is not valid {encoding} (first bad character on line {row})"),
        )
        .with_hint("save the file again from the spreadsheet program as \"CSV UTF-8\"")
    }
}

/// The separator of `text`'s header row (see the module docs).
fn detect_delimiter(text: &str, known: impl Fn(&str) -> bool) -> u8 {
    let header = header_line(text);
    let mut best = (DELIMITERS[0], 0, 0);
    for delimiter in DELIMITERS {
        let cells = split_unquoted(header, delimiter);
        let named = cells
            .iter()
            .filter(|cell| known(&crate::list::normalize(cell.trim_matches('"'))))
            .count();
        if (named, cells.len()) > (best.1, best.2) {
            best = (delimiter, named, cells.len());
        }
    }
    best.0
}

/// The first line of `text` outside quotes (a quoted header cell may hold a line break).
fn header_line(text: &str) -> &str {
    let mut quoted = false;
    for (i, byte) in text.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return &text[..i],
            _ => {}
        }
    }
    text
}

/// `line` split on `delimiter` outside double quotes.
fn split_unquoted(line: &str, delimiter: u8) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, byte) in line.bytes().enumerate() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            cells.push(&line[start..i]);
            start = i + 1;
        }
    }
    cells.push(&line[start..]);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Text {
        read_text(bytes, "f.csv", |name| {
            ["id", "name", "skills"].contains(&name)
        })
        .unwrap()
    }

    #[cfg(feature = "encodings")]
    fn utf16(text: &str, little: bool, mark: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = std::iter::once(0xFEFF)
            .filter(|_| mark)
            .chain(text.encode_utf16());
        for unit in units {
            let pair = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn plain_utf8_with_commas() {
        let text = read("id,name,skills\nm1,Zoë,rust; sql\n".as_bytes());
        assert_eq!(text.text, "id,name,skills\nm1,Zoë,rust; sql\n");
        assert!(text.format.is_plain());
        assert_eq!(text.format.to_string(), "UTF-8, cells separated by commas");
    }

    #[test]
    fn a_byte_order_mark_is_read_and_dropped() {
        let text = read("\u{feff}id,name\nm1,Ada\n".as_bytes());
        assert_eq!(text.text, "id,name\nm1,Ada\n");
        assert!(text.format.byte_order_mark);
        assert!(text.format.is_plain());
    }

    #[test]
    #[cfg(feature = "encodings")]
    fn utf16_with_and_without_a_mark_in_both_byte_orders() {
        let csv = "id\tname\tskills\nm1\tZoë\trust; c++\n";
        for (little, mark, name) in [
            (true, true, "UTF-16LE"),
            (false, true, "UTF-16BE"),
            (true, false, "UTF-16LE"),
            (false, false, "UTF-16BE"),
        ] {
            let text = read(&utf16(csv, little, mark));
            assert_eq!(text.text, csv, "{name} mark={mark}");
            assert_eq!(text.format.encoding, name);
            assert_eq!(text.format.byte_order_mark, mark);
            assert_eq!(text.format.delimiter, '\t');
        }
    }

    #[test]
    #[cfg(feature = "encodings")]
    fn invalid_utf8_is_windows_1252() {
        // "Zoë" and "café" as Windows-1252 writes them, with a euro sign (0x80).
        let text = read(b"id;name;skills\nm1;Zo\xEB;caf\xE9 \x80\n");
        assert_eq!(text.text, "id;name;skills\nm1;Zoë;café €\n");
        assert_eq!(
            text.format.to_string(),
            "windows-1252, cells separated by semicolons"
        );
    }

    #[test]
    fn a_marked_file_that_breaks_its_encoding_is_located() {
        let bytes = [b"\xEF\xBB\xBFid,name\nm1,Ada\nm2,Zo".as_slice(), b"\xEB\n"].concat();
        let problem = read_text(&bytes[..], "f.csv", |_| true).err().unwrap();
        assert_eq!(problem.code, Code::InvalidUtf8);
        assert_eq!(problem.row, Some(3));
    }

    #[test]
    fn the_separator_that_names_known_columns_wins() {
        let separator = |header: &str| read(header.as_bytes()).format.delimiter;
        assert_eq!(separator("id,name,skills\n"), ',');
        assert_eq!(separator("id;name;skills\n"), ';');
        assert_eq!(separator("id\tname\tskills\n"), '\t');
        // Known names beat the raw count: a `;` inside a comma-separated header.
        assert_eq!(separator("id,name,\"skills; level\",a;b;c;d\n"), ',');
        // Quoted separators do not count; with no known name, the most cells win.
        assert_eq!(separator("\"a,b\";c;d\n"), ';');
        // A single column, or nothing at all: commas.
        assert_eq!(separator("id\n"), ',');
        assert_eq!(separator(""), ',');
    }

    #[test]
    fn a_quoted_line_break_stays_in_the_header() {
        assert_eq!(header_line("\"a\nb\";c\nd"), "\"a\nb\";c");
        assert_eq!(header_line("id,name\r\nm1,Ada"), "id,name");
    }
}
