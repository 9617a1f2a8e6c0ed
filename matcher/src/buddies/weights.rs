//! The weight of every pair: the sum of its two directions' scores
//! (hundredths), held in memory when the budget allows, with the rounds'
//! locked people and history pairs ruled out.

use super::rounds::PairRounds;
use crate::assign::par_fill_rows;
use crate::score::{Hundredths, Scorer};
use crate::solve::WeightSource;

/// A held weight of a pair that may never be made.
const RULED_OUT: u16 = u16::MAX;

/// The side of the square tiles the held scores are summed in.
const TILE: usize = 64;

/// The weight of the pair `i`–`j`: the sum of its two directions' scores,
/// `None` when either is ruled out (a rule or `min_score`) or `i == j`.
pub(super) fn both_ways(scorer: &Scorer, i: usize, j: usize) -> Option<Hundredths> {
    match (i != j, scorer.weight(i, j), scorer.weight(j, i)) {
        (true, Some(a), Some(b)) => Some(a + b),
        _ => None,
    }
}

/// Every pair's [`both_ways`] weight, row-major and symmetric, [`RULED_OUT`]
/// for a pair that may never be made; empty when `n × n` weights (two bytes
/// each) do not fit in `budget` bytes. The directed scores are scored once,
/// row by row on the fast path, and summed with their transposes tile by tile.
pub(super) fn hold(scorer: &Scorer, budget: u64) -> Vec<u16> {
    let n = scorer.mentees().people.len();
    let fits = (n as u64)
        .checked_mul(n as u64)
        .and_then(|cells| cells.checked_mul(2))
        .is_some_and(|bytes| bytes <= budget);
    if !fits {
        return Vec::new();
    }
    let mut held = vec![RULED_OUT; n * n];
    par_fill_rows(&mut held, n, Vec::new, |scratch, e, row| {
        for (cell, &w) in row.iter_mut().zip(scorer.row_weights(e, scratch)) {
            // Scores are 0–10000 hundredths, sums of two at most 20000:
            // all below RULED_OUT.
            *cell = if w.is_finite() { w as u16 } else { RULED_OUT };
        }
    });
    for top in (0..n).step_by(TILE) {
        for left in (top..n).step_by(TILE) {
            for i in top..(top + TILE).min(n) {
                for j in left.max(i)..(left + TILE).min(n) {
                    let (a, b) = (held[i * n + j], held[j * n + i]);
                    let sum = match i == j || a == RULED_OUT || b == RULED_OUT {
                        true => RULED_OUT,
                        false => a + b,
                    };
                    (held[i * n + j], held[j * n + i]) = (sum, sum);
                }
            }
        }
    }
    held
}

/// The weights the solver reads: [`both_ways`], from the held weights when
/// there are any, with every pair the rounds rule out at `-inf` (a locked
/// person is paired already; a history pair is never made again).
pub(super) struct BothWays<'a> {
    /// Scores the pairs that are not held.
    pub scorer: &'a Scorer<'a>,
    /// The weights from [`hold`], or empty.
    pub held: &'a [u16],
    /// The locked and history pairs.
    pub rounds: &'a PairRounds,
}

impl BothWays<'_> {
    /// The pair's weight before the rounds: `None` when it may never be made.
    pub(super) fn base(&self, i: usize, j: usize) -> Option<Hundredths> {
        if self.held.is_empty() {
            return both_ways(self.scorer, i, j);
        }
        match self.held[i * self.rows() + j] {
            RULED_OUT => None,
            w => Some(Hundredths::from(w)),
        }
    }
}

impl WeightSource for BothWays<'_> {
    fn rows(&self) -> usize {
        self.scorer.mentees().people.len()
    }

    fn cols(&self) -> usize {
        self.rows()
    }

    fn weight(&self, i: usize, j: usize) -> f64 {
        match self.base(i, j) {
            Some(w) if self.rounds.allows(i, j) => f64::from(w),
            _ => f64::NEG_INFINITY,
        }
    }

    fn row<'s>(&'s self, i: usize, scratch: &'s mut Vec<f64>) -> &'s [f64] {
        scratch.clear();
        let n = self.rows();
        match self.held.get(i * n..(i + 1) * n) {
            Some(row) if n > 0 => {
                scratch.extend(row.iter().map(|&w| match w {
                    RULED_OUT => f64::NEG_INFINITY,
                    w => f64::from(w),
                }));
                self.rounds.rule_out(i, scratch);
            }
            _ => scratch.extend((0..n).map(|j| self.weight(i, j))),
        }
        scratch
    }
}
