//! One exact solve: pair scores as solver weights, the locked mentees left
//! out, the history and a score floor ruled out.

use super::Assignment;
use crate::config::Config;
use crate::error::Error;
use crate::progress::{Progress, Stage};
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use crate::solve::{self, Objective, Options, Solution, WeightSource};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Pair scores in hundredths as solver weights for the mentees that are not
/// locked, `-inf` where forbidden (by a rule, `min_score` or the history),
/// scored on the fly. The first pass over the rows is the scoring stage; the
/// solving stage starts when it ends (the solver may rescore a few rows).
pub(super) struct Scores<'a> {
    pub(super) scorer: &'a Scorer<'a>,
    rounds: &'a Resolved,
    /// The mentees solved for, one per row.
    pub(super) free: &'a [usize],
    /// Cells scoring below this are ruled out too (the `fair` objective's threshold).
    floor: f64,
    progress: &'a dyn Progress,
    /// Rows scored so far.
    scored: AtomicUsize,
    /// What a stage of several solves makes of the weights, if any.
    reweigh: Option<&'a dyn Reweigh>,
    /// Each row's plain weights once scored, in hundredths ([`RULED_OUT`]
    /// where forbidden), when they fit the memory budget: the solver reads
    /// rows again while pricing, and cells one by one. Empty otherwise.
    held: Vec<OnceLock<Box<[u16]>>>,
}

/// A held weight of a pair that may never be made (scores are at most 10 000
/// hundredths).
const RULED_OUT: u16 = u16::MAX;

/// A stage's own weights, made from the plain weights. Kept behind a
/// reference inside [`Scores`], so that every solve runs on one
/// instantiation of the solver (each costs the WebAssembly module 10 KB).
pub(super) trait Reweigh: Sync {
    /// The stage's weight of the pair (`row`, `m`) whose plain weight is `weight`.
    fn cell(&self, row: usize, m: usize, weight: f64) -> f64;
}

impl<'a> Scores<'a> {
    /// Scores for the `free` mentees (see [`free_mentees`]), reporting the
    /// first pass over the rows to `progress`.
    pub(super) fn new(
        scorer: &'a Scorer<'a>,
        rounds: &'a Resolved,
        free: &'a [usize],
        floor: Hundredths,
        progress: &'a dyn Progress,
    ) -> Self {
        progress.start(Stage::Scoring, free.len() as u64);
        Scores {
            scorer,
            rounds,
            free,
            floor: f64::from(floor),
            progress,
            scored: AtomicUsize::new(0),
            reweigh: None,
            held: Vec::new(),
        }
    }

    /// The same scores, each row held once scored when every row's weights
    /// (two bytes each) fit in half of `max_memory` bytes and a dense matrix
    /// of them (eight bytes each) does not: then the solver reads rows
    /// again, where a dense one would read each once.
    pub(super) fn holding(self, max_memory: u64) -> Self {
        let cells = (self.free.len() as u128) * (self.cols() as u128);
        if cells * 8 <= u128::from(max_memory / 2) {
            return self;
        }
        self.holding_rows(max_memory)
    }

    /// The same scores, each row held once scored when every row's weights
    /// (two bytes each) fit in half of `max_memory` bytes.
    pub(super) fn holding_rows(self, max_memory: u64) -> Self {
        let cells = (self.free.len() as u128) * (self.cols() as u128);
        let hold = cells * 2 <= u128::from(max_memory / 2);
        Scores {
            held: if hold {
                (0..self.free.len()).map(|_| OnceLock::new()).collect()
            } else {
                Vec::new()
            },
            ..self
        }
    }

    /// The same scores, made into a stage's weights by `reweigh`.
    pub(super) fn reweighed(self, reweigh: &'a dyn Reweigh) -> Self {
        Scores {
            reweigh: Some(reweigh),
            ..self
        }
    }
}

impl WeightSource for Scores<'_> {
    fn rows(&self) -> usize {
        self.free.len()
    }

    fn cols(&self) -> usize {
        self.scorer.mentors().people.len()
    }

    fn weight(&self, row: usize, m: usize) -> f64 {
        let e = self.free[row];
        let plain = match self.held.get(row).and_then(OnceLock::get) {
            Some(held) => Some(held[m]).filter(|&w| w != RULED_OUT).map(u32::from),
            None => self.scorer.weight(e, m),
        };
        let weight = match plain {
            Some(w) if !self.rounds.repeats(e, m) && f64::from(w) >= self.floor => f64::from(w),
            _ => f64::NEG_INFINITY,
        };
        self.reweigh.map_or(weight, |r| r.cell(row, m, weight))
    }

    fn row<'s>(&'s self, row: usize, scratch: &'s mut Vec<f64>) -> &'s [f64] {
        let e = self.free[row];
        match self.held.get(row) {
            Some(once) => {
                let held = once.get_or_init(|| {
                    let weights = self.scorer.row_weights(e, scratch);
                    // Scores are whole hundredths from 0 to 10 000.
                    let cell = |&w: &f64| if w.is_finite() { w as u16 } else { RULED_OUT };
                    weights.iter().map(cell).collect()
                });
                scratch.clear();
                let weight = |&w: &u16| match w {
                    RULED_OUT => f64::NEG_INFINITY,
                    w => f64::from(w),
                };
                scratch.extend(held.iter().map(weight));
            }
            None => {
                let cols = self.scorer.row_weights(e, scratch).len();
                scratch.truncate(cols);
            }
        }
        for &m in self.rounds.history(e) {
            scratch[m] = f64::NEG_INFINITY;
        }
        if self.floor > 0.0 {
            for w in scratch.iter_mut().filter(|w| **w < self.floor) {
                *w = f64::NEG_INFINITY;
            }
        }
        if let Some(reweigh) = self.reweigh {
            for (m, w) in scratch.iter_mut().enumerate() {
                *w = reweigh.cell(row, m, *w);
            }
        }
        let scored = self.scored.fetch_add(1, Ordering::Relaxed) + 1;
        if scored <= self.rows() {
            self.progress.advance(1);
            if scored == self.rows() {
                self.progress.start(Stage::Solving, 0);
            }
        }
        scratch
    }
}

/// One exact solve for `objective`, with the pairs that score below `floor`
/// (in hundredths) ruled out.
pub(crate) fn assign_above(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    objective: Objective,
    floor: Hundredths,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let free = free_mentees(rounds, scorer.mentees().people.len());
    let scores =
        Scores::new(scorer, rounds, &free, floor, progress).holding(config.solver.max_memory.0);
    let solution = solve::solve_with(&scores, rounds.spare(), objective, &options(config))?;
    Ok(assemble(scorer, rounds, &free, solution, 1))
}

/// The mentees that are not locked, in input order: the rows of a solve.
pub(super) fn free_mentees(rounds: &Resolved, mentees: usize) -> Vec<usize> {
    (0..mentees).filter(|&e| !rounds.is_locked(e)).collect()
}

/// The solver's options under `config`.
pub(super) fn options(config: &Config) -> Options {
    Options {
        max_memory: Some(config.solver.max_memory.0),
    }
}

/// The locked pairs plus `solution`, a solve over the `free` mentees that
/// took `solves` exact solves.
pub(super) fn assemble(
    scorer: &Scorer,
    rounds: &Resolved,
    free: &[usize],
    solution: Solution,
    solves: usize,
) -> Assignment {
    let mentees = scorer.mentees().people.len();
    let mut mentor_of: Vec<Option<usize>> = (0..mentees)
        .map(|e| rounds.locked(e).first().copied())
        .collect();
    for (&e, &m) in free.iter().zip(&solution.assignment) {
        mentor_of[e] = m;
    }
    Assignment {
        mentor_of,
        more: Vec::new(),
        solution,
        locked_total: rounds.locked_total(scorer),
        solves,
    }
}
