//! # matcher
//!
//! Exact, explainable mentor–mentee matching. You probably want to start with
//! [`read_rosters`] and [`match_rosters`]:
//!
//! ```
//! use matcher::{match_rosters, read_rosters, report, Config};
//!
//! let mentors = "id,name,capacity,skills,goals\nm1,Ada,2,rust:5; sql:4,promotion\nm2,Grace,1,figma,leadership\n";
//! let mentees = "id,name,skills,goals\ne1,Linus,rust:3,promotion\ne2,Joan,figma:2,leadership\n";
//! let (mentors, mentees) =
//!     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
//! let outcome = match_rosters(&mentors, &mentees, &Config::default())?;
//! assert_eq!(outcome.summary.matched, 2);
//! assert_eq!(outcome.matches[0].explanation.mentor_id, "m1");
//! assert_eq!(outcome.matches[0].explanation.score, 100.0);
//!
//! let mut csv = Vec::new();
//! report::write_csv(&outcome, &mut csv)?;
//! assert!(csv.starts_with(b"mentee_id,mentee_name,mentor_id"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The core does no I/O of its own: it reads from any [`std::io::Read`] under a
//! source label used in every error, and writes reports to any [`std::io::Write`].

mod assign;
pub mod availability;
pub mod buddies;
pub mod bytesize;
#[cfg(feature = "calibrate")]
pub mod calibrate;
pub mod choices;
pub mod columns;
pub mod config;
mod csv_file;
pub mod diagnostic;
mod distinct;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod fairness;
pub mod format;
pub mod generate;
pub mod list;
pub mod list_attributes;
pub mod matching;
pub mod matrix;
pub mod outcomes;
pub mod pair_scores;
pub(crate) mod pairing;
pub mod people;
pub mod preference_order;
pub mod program;
pub mod progress;
pub mod report;
mod rng;
pub mod roster;
pub mod rounds;
pub mod score;
pub(crate) mod shapes;
pub mod solve;
mod sorting;
pub mod stability;
mod stats;
pub mod suggest;
pub mod text;
pub mod vocabulary;
pub mod vocabulary_report;
pub mod vocabulary_term;
pub mod why_not;
mod wide;
pub mod workbook;

pub use config::{Config, ConfigError, Goal};
pub use diagnostic::{Code, Diagnostic};
pub use error::Error;
pub use explain::Explanation;
pub use format::Format;
pub use matching::MatchOutcome;
pub use program::Program;
pub use program::{
    check_cells, evaluate, explain, fairness_report, match_rosters, match_rosters_with, suggest,
    why_not,
};
pub use roster::{Roster, Side};
pub use rounds::Rounds;
pub use solve::Objective;
pub use text::TextFormat;

use std::io::Read;

/// The README's Rust examples, compiled by `cargo test` so the quickstart never rots.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;

/// Parses both rosters and checks them against each other, returning every
/// problem in both files at once.
pub fn read_rosters<M: Read, E: Read>(
    mentors: M,
    mentors_source: &str,
    mentees: E,
    mentees_source: &str,
) -> Result<(Roster, Roster), Error> {
    let rules = columns::ColumnRules::new();
    read_rosters_with(mentors, mentors_source, mentees, mentees_source, &rules)
}

/// [`read_rosters`] under a config's `[columns]` rules.
pub fn read_rosters_with<M: Read, E: Read>(
    mentors: M,
    mentors_source: &str,
    mentees: E,
    mentees_source: &str,
    rules: &columns::ColumnRules,
) -> Result<(Roster, Roster), Error> {
    read_rosters_from_sheets(
        mentors,
        mentors_source,
        mentees,
        mentees_source,
        rules,
        [None, None],
    )
}

/// [`read_rosters_with`], reading a workbook's sheet named in `sheets`
/// (mentors', then mentees'; `None` reads the first sheet). Text files
/// have no sheets: their name is not used.
pub fn read_rosters_from_sheets<M: Read, E: Read>(
    mentors: M,
    mentors_source: &str,
    mentees: E,
    mentees_source: &str,
    rules: &columns::ColumnRules,
    sheets: [Option<&str>; 2],
) -> Result<(Roster, Roster), Error> {
    let [mentors_sheet, mentees_sheet] = sheets;
    let mentors = Roster::from_reader(mentors, Side::Mentor, mentors_source, rules, mentors_sheet);
    let mentees = Roster::from_reader(mentees, Side::Mentee, mentees_source, rules, mentees_sheet);
    check_rosters(mentors, mentees)
}

/// Both rosters as read, checked against each other: every problem in both
/// at once, sorted by file and row.
pub fn check_rosters(
    mentors: Result<Roster, Vec<Diagnostic>>,
    mentees: Result<Roster, Vec<Diagnostic>>,
) -> Result<(Roster, Roster), Error> {
    match (mentors, mentees) {
        (Ok(mentors), Ok(mentees)) => {
            let problems = roster::check_pair(&mentors, &mentees);
            if problems.is_empty() {
                Ok((mentors, mentees))
            } else {
                Err(Error::Roster(problems))
            }
        }
        (mentors, mentees) => {
            let mut problems: Vec<Diagnostic> = mentors
                .err()
                .into_iter()
                .chain(mentees.err())
                .flatten()
                .collect();
            crate::sorting::sort(&mut problems);
            Err(Error::Roster(problems))
        }
    }
}
