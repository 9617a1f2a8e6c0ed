//! Score matrices that users bring themselves, for `matcher solve`: a dense CSV
//! (header row optional) or raw little-endian `f64` values with a known shape.

use crate::diagnostic::{Code, Diagnostic};
use std::io::Read;

/// A dense row-major matrix. `f64::NEG_INFINITY` marks a forbidden cell (an
/// empty CSV cell); every other value is finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// `rows × cols` values, row by row.
    pub values: Vec<f64>,
}

impl Matrix {
    /// Negates every allowed cell, turning costs into weights and back.
    pub fn negate(&mut self) {
        for v in self.values.iter_mut().filter(|v| v.is_finite()) {
            *v = -*v;
        }
    }

    /// Reads a CSV matrix. A first row with any non-numeric cell is a header
    /// and skipped; an empty cell is a forbidden pair; `NaN` and infinities
    /// are errors. Every problem is reported, with its row and column.
    pub fn from_csv_reader<R: Read>(reader: R, source: &str) -> Result<Matrix, Vec<Diagnostic>> {
        let records = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(reader)
            .into_records();
        let mut problems = Vec::new();
        let mut matrix = Matrix {
            rows: 0,
            cols: 0,
            values: Vec::new(),
        };
        for (n, record) in records.enumerate() {
            let row = n + 1;
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    problems.push(Diagnostic::at(
                        source,
                        row,
                        None,
                        Code::CsvSyntax,
                        format!("could not read the CSV: {e}"),
                    ));
                    break;
                }
            };
            let is_header = row == 1
                && record
                    .iter()
                    .any(|c| !c.trim().is_empty() && c.trim().parse::<f64>().is_err());
            if is_header {
                continue;
            }
            if matrix.rows == 0 {
                matrix.cols = record.len();
            } else if record.len() != matrix.cols {
                problems.push(Diagnostic::at(
                    source,
                    row,
                    None,
                    Code::RaggedRow,
                    format!(
                        "the row has {} cells but the first row has {}",
                        record.len(),
                        matrix.cols
                    ),
                ));
                continue;
            }
            for (col, cell) in record.iter().enumerate() {
                let column = (col + 1).to_string();
                let cell = cell.trim();
                match cell.parse::<f64>() {
                    _ if cell.is_empty() => matrix.values.push(f64::NEG_INFINITY),
                    Ok(v) if v.is_finite() => matrix.values.push(v),
                    Ok(_) => {
                        problems.push(
                            Diagnostic::at(
                                source,
                                row,
                                Some(&column),
                                Code::NonFinite,
                                format!("\"{cell}\" is not a finite number"),
                            )
                            .with_hint("leave the cell empty to forbid the pair"),
                        );
                        matrix.values.push(0.0);
                    }
                    Err(_) => {
                        problems.push(Diagnostic::at(
                            source,
                            row,
                            Some(&column),
                            Code::BadNumber,
                            format!("\"{cell}\" is not a number"),
                        ));
                        matrix.values.push(0.0);
                    }
                }
            }
            matrix.rows += 1;
        }
        if matrix.rows == 0 && problems.is_empty() {
            problems.push(Diagnostic::file(
                source,
                Code::EmptyFile,
                "the matrix has no rows",
            ));
        }
        if problems.is_empty() {
            Ok(matrix)
        } else {
            Err(problems)
        }
    }

    /// Reads `rows × cols` little-endian `f64` values, row by row. NaN and
    /// `+inf` are errors; `-inf` marks a forbidden cell.
    pub fn from_f64_le<R: Read>(
        mut reader: R,
        rows: usize,
        cols: usize,
        source: &str,
    ) -> Result<Matrix, Vec<Diagnostic>> {
        let cells = rows
            .checked_mul(cols)
            .filter(|&n| n.checked_mul(8).is_some())
            .ok_or_else(|| {
                vec![Diagnostic::file(
                    source,
                    Code::BadShape,
                    format!("a {rows} × {cols} matrix is too large"),
                )]
            })?;
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|e| {
            vec![Diagnostic::file(
                source,
                Code::CsvSyntax,
                format!("could not read the file: {e}"),
            )]
        })?;
        if bytes.len() != cells * 8 {
            return Err(vec![Diagnostic::file(
                source,
                Code::BadShape,
                format!(
                    "a {rows} × {cols} matrix needs {} bytes, the file has {}",
                    cells * 8,
                    bytes.len()
                ),
            )]);
        }
        let values: Vec<f64> = bytes
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        let problems: Vec<Diagnostic> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_nan() || **v == f64::INFINITY)
            .take(20)
            .map(|(i, v)| {
                Diagnostic::at(
                    source,
                    i / cols + 1,
                    Some(&(i % cols + 1).to_string()),
                    Code::NonFinite,
                    format!("{v} is not allowed"),
                )
            })
            .collect();
        if problems.is_empty() {
            Ok(Matrix { rows, cols, values })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_or_without_header_and_empty_cells_forbidden() {
        let m = Matrix::from_csv_reader(&b"a,b\n1, 2.5\n,-3\n"[..], "m.csv").unwrap();
        assert_eq!((m.rows, m.cols), (2, 2));
        assert_eq!(m.values, [1.0, 2.5, f64::NEG_INFINITY, -3.0]);
        let m = Matrix::from_csv_reader(&b"1,2\n3,4\n"[..], "m.csv").unwrap();
        assert_eq!(m.values, [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn csv_problems_name_row_and_column() {
        let problems = Matrix::from_csv_reader(&b"1,NaN\nx,2\n3\n"[..], "m.csv").unwrap_err();
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "m.csv:1:2: \"NaN\" is not a finite number (hint: leave the cell empty to forbid the pair)",
                "m.csv:2:1: \"x\" is not a number",
                "m.csv:3: the row has 1 cells but the first row has 2",
            ]
        );
    }

    #[test]
    fn raw_f64_checks_shape_and_values() {
        let bytes: Vec<u8> = [1.0f64, f64::NEG_INFINITY, 3.0, f64::NAN]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let problems = Matrix::from_f64_le(&bytes[..], 2, 2, "m.f64").unwrap_err();
        assert_eq!(problems[0].to_string(), "m.f64:2:2: NaN is not allowed");
        let problems = Matrix::from_f64_le(&bytes[..8], 2, 2, "m.f64").unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "m.f64: a 2 × 2 matrix needs 32 bytes, the file has 8"
        );
        let ok = Matrix::from_f64_le(&bytes[..24], 1, 3, "m.f64").unwrap();
        assert_eq!(ok.values[1], f64::NEG_INFINITY);
    }
}
