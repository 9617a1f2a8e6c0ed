//! Seeded dense weight matrices (row-major, to maximise) and the raw files the
//! Python peers read: `{kind}-{rows}x{cols}.f64`, little-endian `f64`, row-major.

use crate::rng::SplitMix64;
use crate::rosters;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The seed of every generated matrix ("matcher" in ASCII).
pub const SEED: u64 = 0x006D_6174_6368_6572;

/// What a matrix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Floats uniform in `[0, 1)`: ties are (almost) impossible.
    Uniform,
    /// Integers uniform in `0..1000`: many ties.
    Integer,
    /// Pair scores of generated rosters, in hundredths: few distinct values,
    /// popular mentors, very many ties (see [`rosters::score_matrix`]).
    Roster,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 3] = [Kind::Uniform, Kind::Integer, Kind::Roster];

    /// The name used in file names and bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Uniform => "uniform",
            Kind::Integer => "integer",
            Kind::Roster => "roster",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dense weight matrix, row-major; the assignment maximises its sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// What it holds.
    pub kind: Kind,
    /// Number of rows (mentees).
    pub rows: usize,
    /// Number of columns (mentors).
    pub cols: usize,
    /// `rows * cols` weights, row by row.
    pub weights: Vec<f64>,
}

impl Matrix {
    /// The matrix of this kind and shape; the same on every run and platform.
    pub fn generate(kind: Kind, rows: usize, cols: usize) -> Matrix {
        let mut rng = SplitMix64::new(SEED);
        let weights = match kind {
            Kind::Uniform => (0..rows * cols).map(|_| rng.next_f64()).collect(),
            Kind::Integer => (0..rows * cols).map(|_| rng.below(1000) as f64).collect(),
            Kind::Roster => {
                let (mentors, mentees) = rosters::generated(rows, cols, Some(1));
                rosters::score_matrix(&mentors, &mentees)
            }
        };
        Matrix {
            kind,
            rows,
            cols,
            weights,
        }
    }

    /// `{kind}-{rows}x{cols}`, e.g. `uniform-2000x4000`.
    pub fn name(&self) -> String {
        format!("{}-{}x{}", self.kind, self.rows, self.cols)
    }

    /// Writes `{name}.f64` into `dir`, returning its path.
    pub fn write(&self, dir: &Path) -> io::Result<PathBuf> {
        let path = dir.join(format!("{}.f64", self.name()));
        let bytes: Vec<u8> = self.weights.iter().flat_map(|w| w.to_le_bytes()).collect();
        fs::write(&path, bytes)?;
        Ok(path)
    }

    /// Reads a file written by [`Matrix::write`]; the shape comes from its name.
    pub fn read(path: &Path) -> io::Result<Matrix> {
        let invalid = |why: String| io::Error::new(io::ErrorKind::InvalidData, why);
        let (kind, rows, cols) = parse_name(path).ok_or_else(|| {
            invalid(format!(
                "{}: not {{kind}}-{{rows}}x{{cols}}.f64",
                path.display()
            ))
        })?;
        let bytes = fs::read(path)?;
        if bytes.len() != rows * cols * 8 {
            return Err(invalid(format!(
                "{}: {} bytes, expected {rows} × {cols} × 8",
                path.display(),
                bytes.len()
            )));
        }
        let weights = bytes
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("chunks of 8")))
            .collect();
        Ok(Matrix {
            kind,
            rows,
            cols,
            weights,
        })
    }
}

/// `(kind, rows, cols)` from a path ending in `{kind}-{rows}x{cols}.f64`.
fn parse_name(path: &Path) -> Option<(Kind, usize, usize)> {
    let stem = path.file_name()?.to_str()?.strip_suffix(".f64")?;
    let (kind, shape) = stem.split_once('-')?;
    let (rows, cols) = shape.split_once('x')?;
    Some((
        Kind::from_name(kind)?,
        rows.parse().ok()?,
        cols.parse().ok()?,
    ))
}

/// Parses `1000x1000,2000x4000` (or bare `1000` for a square).
pub fn parse_shapes(list: &str) -> Result<Vec<(usize, usize)>, String> {
    list.split(',')
        .map(|s| {
            let s = s.trim();
            let (rows, cols) = s.split_once('x').unwrap_or((s, s));
            match (rows.parse(), cols.parse()) {
                (Ok(rows), Ok(cols)) => Ok((rows, cols)),
                _ => Err(format!("bad shape {s:?}: expected ROWSxCOLS or N")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic() {
        for kind in Kind::ALL {
            let a = Matrix::generate(kind, 7, 9);
            assert_eq!(a, Matrix::generate(kind, 7, 9));
            assert_eq!(a.weights.len(), 63);
            assert!(a.weights.iter().all(|w| w.is_finite() && *w >= 0.0));
        }
    }

    #[test]
    fn files_round_trip() {
        let dir = std::env::temp_dir().join(format!("matcher-benches-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let matrix = Matrix::generate(Kind::Integer, 3, 5);
        let path = matrix.write(&dir).unwrap();
        assert!(path.ends_with("integer-3x5.f64"));
        assert_eq!(Matrix::read(&path).unwrap(), matrix);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shapes_parse() {
        assert_eq!(
            parse_shapes("1000, 2000x4000").unwrap(),
            [(1000, 1000), (2000, 4000)]
        );
        assert!(parse_shapes("20x").is_err());
    }
}
