//! Integration tests of the `matcher` library, one module per area.

mod config;
mod invariants;
mod matching;
mod roster;
mod scoring;

use matcher::{Roster, Side};

/// Parses a mentor roster that must be valid.
pub fn mentors(csv: &str) -> Roster {
    Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").expect("valid mentors")
}

/// Parses a mentee roster that must be valid.
pub fn mentees(csv: &str) -> Roster {
    Roster::from_csv_reader(csv.as_bytes(), Side::Mentee, "mentees.csv").expect("valid mentees")
}
