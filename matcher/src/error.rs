//! The crate's error type.

use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::roster::Side;
use crate::solve::SolveError;
use std::fmt;

/// Everything that can go wrong in a run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The rosters have problems; all of them, sorted by file and row.
    #[error("{}", Lines(.0))]
    Roster(Vec<Diagnostic>),
    /// A configuration value is not allowed.
    #[error("config: {0}")]
    Config(#[from] ConfigError),
    /// An id asked for (e.g. by `explain`) is not on its roster.
    #[error("no {side} with id \"{id}\"", side = .side.as_str())]
    UnknownId {
        /// The roster that was searched.
        side: Side,
        /// The id asked for.
        id: String,
    },
    /// An id asked for about buddy pairs is not on the peer roster.
    #[error("no person with id \"{0}\"")]
    UnknownPerson(String),
    /// The solver rejected its input.
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// The outcomes cannot be calibrated on: the outcome asked for is not in
    /// the file, or too few pairs answered it.
    #[error("calibrate: {0}")]
    Calibrate(String),
    /// The program's shape cannot be met: the mentors' minimum loads ask for
    /// more mentees than can be given to them. The message names the people
    /// and the numbers.
    #[error("{0}")]
    Infeasible(String),
    /// The worker thread pool could not be started.
    #[error("could not start {threads} worker threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// The pool's own message.
        message: String,
    },
}

impl Error {
    /// A stable machine-readable code: the diagnostic code of the first roster
    /// problem, or one of `config`, `unknown_id`, `solve`, `infeasible`, `threads`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Roster(d) => d.first().map_or("roster", |d| d.code.as_str()),
            Error::Config(_) => "config",
            Error::UnknownId { .. } | Error::UnknownPerson(_) => "unknown_id",
            Error::Solve(_) => "solve",
            Error::Calibrate(_) => "calibrate",
            Error::Infeasible(_) => "infeasible",
            Error::Threads { .. } => "threads",
        }
    }

    /// Whether the input is at fault (exit code 2 in the CLI), not the machine.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, Error::Threads { .. })
    }
}

/// Displays diagnostics one per line.
struct Lines<'a>(&'a [Diagnostic]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
