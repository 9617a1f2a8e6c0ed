//! Score matrices that users bring themselves, for `matcher solve`: a dense CSV
//! (header row optional) or raw little-endian `f64` values with a known shape.
//!
//! Both readers stream and take a memory limit: a matrix may use at most half
//! of it (the rest is the solver's), checked before any value is stored.

use crate::bytesize::ByteSize;
use crate::diagnostic::{Code, Diagnostic};
use std::io::{self, Read};

/// The most cells a matrix may hold under the memory limit `max_memory`: half
/// of it, at 8 bytes a cell.
fn max_cells(max_memory: ByteSize) -> u64 {
    max_memory.0 / 2 / 8
}

/// The problem when `cells` values (the matrix's shape, or a lower bound when
/// `at_least`) do not fit in `max_memory`.
fn over_limit(source: &str, cells: u128, at_least: bool, max_memory: ByteSize) -> Diagnostic {
    let bytes = cells * 8;
    Diagnostic::file(
        source,
        Code::OverMemoryLimit,
        format!(
            "the matrix needs {}{bytes} bytes ({:.2} GiB) for its values, more than half of the memory limit of {max_memory}",
            if at_least { "more than " } else { "" },
            bytes as f64 / f64::from(1u32 << 30),
        ),
    )
    .with_hint("raise the limit (--max-memory), or solve a smaller matrix")
}

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
    ///
    /// Reading stops, with an error, at the first row that would take the
    /// values past half of `max_memory`.
    pub fn from_csv_reader<R: Read>(
        reader: R,
        source: &str,
        max_memory: ByteSize,
    ) -> Result<Matrix, Vec<Diagnostic>> {
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
            if (matrix.values.len() + record.len()) as u64 > max_cells(max_memory) {
                let cells = (matrix.values.len() + record.len()) as u128;
                return Err(vec![over_limit(source, cells, true, max_memory)]);
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
    ///
    /// The shape is checked against `max_memory` before anything is read, and
    /// the values are decoded as they stream in: the file is never held whole.
    pub fn from_f64_le<R: Read>(
        mut reader: R,
        rows: usize,
        cols: usize,
        source: &str,
        max_memory: ByteSize,
    ) -> Result<Matrix, Vec<Diagnostic>> {
        let cells = rows as u128 * cols as u128;
        if cells > u128::from(max_cells(max_memory)) {
            return Err(vec![over_limit(source, cells, false, max_memory)]);
        }
        let cells = cells as usize;
        let read_error = |e: io::Error| {
            vec![Diagnostic::file(
                source,
                Code::CsvSyntax,
                format!("could not read the file: {e}"),
            )]
        };
        let wrong_size = |actual: String| {
            vec![Diagnostic::file(
                source,
                Code::BadShape,
                format!(
                    "a {rows} × {cols} matrix needs {} bytes, the file has {actual}",
                    cells * 8
                ),
            )]
        };
        let mut values = Vec::with_capacity(cells);
        let mut chunk = vec![0u8; 1 << 16];
        let mut filled = 0;
        while values.len() < cells {
            let want = ((cells - values.len()) * 8).min(chunk.len());
            let n = reader.read(&mut chunk[filled..want]).map_err(read_error)?;
            if n == 0 {
                return Err(wrong_size((values.len() * 8 + filled).to_string()));
            }
            filled += n;
            let whole = filled / 8 * 8;
            values.extend(
                chunk[..whole]
                    .chunks_exact(8)
                    .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes"))),
            );
            chunk.copy_within(whole..filled, 0);
            filled -= whole;
        }
        if reader.read(&mut chunk[..1]).map_err(read_error)? > 0 {
            return Err(wrong_size("more".to_owned()));
        }
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
        let m =
            Matrix::from_csv_reader(&b"a,b\n1, 2.5\n,-3\n"[..], "m.csv", ByteSize::GIB).unwrap();
        assert_eq!((m.rows, m.cols), (2, 2));
        assert_eq!(m.values, [1.0, 2.5, f64::NEG_INFINITY, -3.0]);
        let m = Matrix::from_csv_reader(&b"1,2\n3,4\n"[..], "m.csv", ByteSize::GIB).unwrap();
        assert_eq!(m.values, [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn csv_problems_name_row_and_column() {
        let problems =
            Matrix::from_csv_reader(&b"1,NaN\nx,2\n3\n"[..], "m.csv", ByteSize::GIB).unwrap_err();
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
        let problems = Matrix::from_f64_le(&bytes[..], 2, 2, "m.f64", ByteSize::GIB).unwrap_err();
        assert_eq!(problems[0].to_string(), "m.f64:2:2: NaN is not allowed");
        let problems = Matrix::from_f64_le(&bytes[..8], 2, 2, "m.f64", ByteSize::GIB).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "m.f64: a 2 × 2 matrix needs 32 bytes, the file has 8"
        );
        let ok = Matrix::from_f64_le(&bytes[..24], 1, 3, "m.f64", ByteSize::GIB).unwrap();
        assert_eq!(ok.values[1], f64::NEG_INFINITY);
    }

    #[test]
    fn matrices_over_half_the_memory_limit_are_refused_before_reading() {
        let limit = ByteSize(64);
        // 2 × 2 cells take 32 bytes, half of 64: allowed.
        let bytes: Vec<u8> = [1.0f64, 2.0, 3.0, 4.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        assert!(Matrix::from_f64_le(&bytes[..], 2, 2, "m.f64", limit).is_ok());
        let problems =
            Matrix::from_f64_le(io::empty(), 100_000, 100_000, "m.f64", limit).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "m.f64: the matrix needs 80000000000 bytes (74.51 GiB) for its values, more than half of the memory limit of 64 B (hint: raise the limit (--max-memory), or solve a smaller matrix)"
        );
        let csv = b"1,2\n3,4\n5,6\n";
        assert_eq!(
            Matrix::from_csv_reader(&csv[..4], "m.csv", limit)
                .unwrap()
                .rows,
            1
        );
        let problems = Matrix::from_csv_reader(&csv[..], "m.csv", limit).unwrap_err();
        assert_eq!(problems[0].code, Code::OverMemoryLimit);
        assert!(problems[0]
            .message
            .starts_with("the matrix needs more than 48 bytes"));
    }

    #[test]
    fn raw_files_too_long_or_arriving_in_odd_pieces() {
        let bytes: Vec<u8> = (0..5).flat_map(|v| f64::from(v).to_le_bytes()).collect();
        let problems = Matrix::from_f64_le(&bytes[..], 2, 2, "m.f64", ByteSize::GIB).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "m.f64: a 2 × 2 matrix needs 32 bytes, the file has more"
        );
        // Reads of 3, 5 and 24 bytes split values across reads.
        let trickle = bytes[..3].chain(&bytes[3..8]).chain(&bytes[8..32]);
        let m = Matrix::from_f64_le(trickle, 2, 2, "m.f64", ByteSize::GIB).unwrap();
        assert_eq!(m.values, [0.0, 1.0, 2.0, 3.0]);
    }
}
