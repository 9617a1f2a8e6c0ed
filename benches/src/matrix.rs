//! Seeded dense weight matrices (row-major, to maximise) and the raw files the
//! Python peers read: `{kind}-{rows}x{cols}.f64`, little-endian `f64`, row-major.

use crate::families;
use crate::rng::SplitMix64;
use crate::rosters;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The seed of every generated matrix ("matcher" in ASCII).
pub const SEED: u64 = 0x006D_6174_6368_6572;

/// What a matrix holds: the plain kinds, then the families of the
/// assignment-problem literature (see [`families`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Floats uniform in `[0, 1)`: ties are (almost) impossible.
    Uniform,
    /// Integers uniform in `0..1000`: many ties.
    Integer,
    /// Pair scores of generated rosters, in hundredths: few distinct values,
    /// popular mentors, very many ties (see [`rosters::score_matrix`]).
    Roster,
    /// Roster scores where mentors' capacities spread over 1–5, as the
    /// generator draws them by default (one column per mentor still).
    RosterSpread,
    /// Roster scores of mentors with 4 seats each, every mentor given as 4
    /// identical columns (capacity by repetition): `cols / 4` mentors.
    RosterSeats,
    /// Minus distances between random points of the unit square.
    Euclid2d,
    /// Minus distances between random points of the unit 10-cube.
    Euclid10d,
    /// Machol–Wien, the cost `i·j` to minimise (see [`families::machol_wien`]).
    Machol,
    /// Randomised Machol–Wien (see [`families::random_machol_wien`]).
    RandMachol,
    /// Rank-3 scores rounded to hundredths (see [`families::low_rank`]).
    LowRank,
    /// Each mentor as 4 identical columns (see [`families::repeated`]).
    Repeated,
    /// A few allowed cells per row, the rest `-inf` (see [`families::sparse`]).
    Sparse,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 12] = [
        Kind::Uniform,
        Kind::Integer,
        Kind::Roster,
        Kind::RosterSpread,
        Kind::RosterSeats,
        Kind::Euclid2d,
        Kind::Euclid10d,
        Kind::Machol,
        Kind::RandMachol,
        Kind::LowRank,
        Kind::Repeated,
        Kind::Sparse,
    ];

    /// The kinds timed when none are named: the plain ones.
    pub const PLAIN: [Kind; 3] = [Kind::Uniform, Kind::Integer, Kind::Roster];

    /// The name used in file names and bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Uniform => "uniform",
            Kind::Integer => "integer",
            Kind::Roster => "roster",
            Kind::RosterSpread => "rosterspread",
            Kind::RosterSeats => "rosterseats",
            Kind::Euclid2d => "euclid2d",
            Kind::Euclid10d => "euclid10d",
            Kind::Machol => "machol",
            Kind::RandMachol => "randmachol",
            Kind::LowRank => "lowrank",
            Kind::Repeated => "repeated",
            Kind::Sparse => "sparse",
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
            Kind::RosterSpread => {
                let (mentors, mentees) = rosters::generated(rows, cols, None);
                rosters::score_matrix(&mentors, &mentees)
            }
            Kind::RosterSeats => {
                let mentors = cols.div_ceil(families::COPIES);
                let (mentors, mentees) = rosters::generated(rows, mentors, Some(4));
                let scores = rosters::score_matrix(&mentors, &mentees);
                families::repeat_columns(&scores, cols)
            }
            Kind::Euclid2d => families::euclidean(&mut rng, rows, cols, 2),
            Kind::Euclid10d => families::euclidean(&mut rng, rows, cols, families::HIGH_DIMENSIONS),
            Kind::Machol => families::machol_wien(rows, cols),
            Kind::RandMachol => families::random_machol_wien(&mut rng, rows, cols),
            Kind::LowRank => families::low_rank(&mut rng, rows, cols),
            Kind::Repeated => families::repeated(&mut rng, rows, cols),
            Kind::Sparse => families::sparse(&mut rng, rows, cols),
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
            let finite = a.weights.iter().filter(|w| w.is_finite()).count();
            assert!(
                finite > 0 && !a.weights.iter().any(|w| w.is_nan()),
                "{kind}"
            );
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
