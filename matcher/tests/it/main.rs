//! Integration tests of the `matcher` library, one module per area.

mod availability;
mod buddies;
mod columns;
mod config;
#[cfg(feature = "encodings")]
mod exports;
mod fairness;
mod invariants;
mod list_attributes;
mod matching;
mod pair_scores;
mod peers;
mod pick_stability;
mod picks;
mod priorities;
mod program;
mod rank;
mod related;
mod roster;
mod rounds;
mod scoring;
mod shape_locks;
mod shaped_goals;
mod shapes;
mod stability;
mod suggest;
mod vocabulary;
mod vocabulary_report;
mod why_not;
#[cfg(feature = "workbooks")]
mod workbook_writer;
#[cfg(feature = "workbooks")]
mod workbooks;

use matcher::rounds::PairFile;
use matcher::{Roster, Rounds, Side};

/// Parses a mentor roster that must be valid.
pub fn mentors(csv: &str) -> Roster {
    Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").expect("valid mentors")
}

/// A small cohort where rounds and forcing matter (skills-only scores):
///
/// | | m1 (a:5, b:4) | m2 (a:5) | m3 (b:5) | m4 (a:2) |
/// |---|---|---|---|---|
/// | e1 wants a:5, b:5 | 90 | 50 | 50 | 20 |
/// | e2 wants a | 100 | 100 | 0 | 66.67 |
/// | e3 wants b:5 | 80 | 0 | 100 | 0 |
///
/// Every mentor has one place; the optimum is e1–m1, e2–m2, e3–m3 (290).
pub fn cohort() -> (Roster, Roster) {
    (
        mentors("id,capacity,skills\nm1,1,a:5;b:4\nm2,1,a:5\nm3,1,b:5\nm4,1,a:2\n"),
        mentees("id,skills\ne1,a:5;b:5\ne2,a\ne3,b:5\n"),
    )
}

/// Rounds from the texts of a locked and a history file.
pub fn rounds_of(locked: &str, history: &str) -> Rounds {
    let file = |csv: &str, source: &str| PairFile::from_csv_reader(csv.as_bytes(), source).unwrap();
    Rounds {
        locked: Some(file(locked, "locked.csv")),
        history: Some(file(history, "history.csv")),
    }
}

/// Parses a mentee roster that must be valid.
pub fn mentees(csv: &str) -> Roster {
    Roster::from_csv_reader(csv.as_bytes(), Side::Mentee, "mentees.csv").expect("valid mentees")
}
