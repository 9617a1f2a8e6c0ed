//! Shared pieces of matcher's benchmarks: deterministic instances, the files
//! the Python peers read, an independent oracle, and the answer check that runs
//! inside every timed loop so that a fast wrong answer can't win.
//!
//! - [`matrix`]: seeded weight matrices (uniform floats, integers, roster
//!   scores) and their raw little-endian `.f64` files.
//! - [`families`]: the literature's families (Euclidean, Machol–Wien, low
//!   rank, repeated columns, sparse graphs) that [`matrix::Kind`] names.
//! - [`rosters`]: generated rosters and their scorer.
//! - [`oracle`]: a textbook Hungarian algorithm, used as a sibling peer and to
//!   precompute the expected objective.
//! - [`check`]: the value of an assignment, validated against the matrix.

pub mod check;
pub mod families;
pub mod matrix;
pub mod oracle;
pub mod rng;
pub mod rosters;
