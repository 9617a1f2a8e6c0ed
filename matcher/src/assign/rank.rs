//! The `rank` preference mode: a rank-maximal matching over mentees' picks,
//! found exactly by successive solves.
//!
//! A pair has rank `r` when the mentor is the mentee's `r`th pick. Stage
//! after stage the solver maximises one count among the matchings optimal
//! for every stage before: under the `coverage` objective first the number
//! of matched mentees, then the pairs of rank 1, of rank 2, … up to the
//! longest list of picks, and last the total score in hundredths (under
//! `total`, the same without the first stage). A mentor's picks, and
//! mentees who picked nobody, take part through the scores only.
//!
//! No stage needs a big-M over the stages before it. A stage's optimal duals
//! (`a_i` per mentee, `b_j` per mentor, from the solver's certificate) tell
//! all of its optimal matchings apart by complementary slackness: they are
//! exactly the matchings that use only tight pairs (`a_i + b_j = w_ij`) and
//! fill every mentee, and every mentor's places, whose dual is positive. So
//! the next stage forbids the pairs that are not tight, and gives a pair a
//! bonus for each positive side it touches, larger than that stage's own
//! count can ever reach (`rows × largest weight + 1`): filling every positive
//! side then beats any gain in the count. Weights stay below `2·10⁴ × rows`
//! and totals below `2·10⁴ × rows²`, so every step is exact in `f64` up to
//! some 600 000 mentees a solve. The last stage's bonuses are taken back out
//! of its total, bound and duals.
//!
//! Cost: one exact solve per stage, each scoring the rows again: one for
//! coverage, one per pick rank, one for the score; three picks each under
//! `coverage` make five solves.

use super::exact::{assemble, free_mentees, options, Reweigh, Scores};
use super::Assignment;
use crate::config::{Config, Goal};
use crate::error::Error;
use crate::progress::Progress;
use crate::rounds::Resolved;
use crate::score::Scorer;
use crate::solve::{self, Objective};

/// What one stage maximises.
#[derive(Clone, Copy)]
enum Aim {
    /// Matched mentees.
    Matched,
    /// Pairs where the mentor is the mentee's pick of this rank.
    Rank(u32),
    /// The total score, in hundredths.
    Score,
}

/// A solved stage: its aim, and the optimal duals that tell its optimal
/// matchings apart.
struct Solved {
    aim: Aim,
    /// The dual of each row (free mentee).
    rows: Vec<f64>,
    /// The price of each mentor.
    cols: Vec<f64>,
}

impl Solved {
    /// Whether every matching optimal for this stage matches `row`.
    fn fills_row(&self, row: usize) -> bool {
        self.rows[row] > 0.0
    }

    /// Whether every matching optimal for this stage fills mentor `m`'s places.
    fn fills_mentor(&self, m: usize, spare: &[u32]) -> bool {
        self.cols[m] > 0.0 && spare[m] > 0
    }

    /// How many sides of the pair (`row`, `m`) this stage fills: 0, 1 or 2.
    fn sides(&self, row: usize, m: usize, spare: &[u32]) -> u8 {
        u8::from(self.fills_row(row)) + u8::from(self.fills_mentor(m, spare))
    }
}

/// One stage's weights: its aim's, on the pairs tight in every stage solved
/// before, plus the bonus for each side the last of them must fill.
struct Stage<'a> {
    scorer: &'a Scorer<'a>,
    /// The mentees solved for, one per row.
    free: &'a [usize],
    spare: &'a [u32],
    before: &'a [Solved],
    aim: Aim,
}

impl Stage<'_> {
    /// The bonus per side to fill in a stage with `aim`: more than the
    /// stage's own count can reach.
    fn bonus(&self, aim: Aim) -> f64 {
        let largest = match aim {
            Aim::Score => 10_000.0,
            Aim::Matched | Aim::Rank(_) => 1.0,
        };
        self.free.len() as f64 * largest + 1.0
    }

    /// The weight of an allowed pair of `score` in a stage with `aim` that
    /// follows `previous`.
    fn gain(&self, aim: Aim, previous: Option<&Solved>, row: usize, m: usize, score: f64) -> f64 {
        let own = match aim {
            Aim::Matched => 1.0,
            Aim::Rank(r) => {
                let (rank, _) = self.scorer.mentee_pick(self.free[row], m);
                f64::from(u8::from(rank == Some(r)))
            }
            Aim::Score => score,
        };
        previous.map_or(own, |p| {
            own + self.bonus(aim) * f64::from(p.sides(row, m, self.spare))
        })
    }
}

impl Reweigh for Stage<'_> {
    /// The stage's weight of a pair whose plain weight is `score`.
    fn cell(&self, row: usize, m: usize, score: f64) -> f64 {
        if score == f64::NEG_INFINITY {
            return score;
        }
        let mut previous = None;
        for solved in self.before {
            let tight = solved.rows[row] + solved.cols[m];
            if tight != self.gain(solved.aim, previous, row, m, score) {
                return f64::NEG_INFINITY;
            }
            previous = Some(solved);
        }
        self.gain(self.aim, previous, row, m, score)
    }
}

/// The rank-maximal assignment; its `solves` counts every stage.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let free = free_mentees(rounds, scorer.mentees().people.len());
    let people = &scorer.mentees().people;
    let longest = free.iter().map(|&e| people[e].picks.len()).max();
    let coverage = (config.solver.objective == Goal::Coverage).then_some(Aim::Matched);
    let ranks = (1..=longest.unwrap_or(0) as u32).map(Aim::Rank);
    let spare = rounds.spare();
    let stage = |before: &[Solved], aim| -> Result<_, Error> {
        let weights = Stage {
            scorer,
            free: &free,
            spare,
            before,
            aim,
        };
        let scores = Scores::new(scorer, rounds, &free, 0, progress).reweighed(&weights);
        let solution = solve::solve_with(&scores, spare, Objective::Total, &options(config))?;
        Ok((solution, weights.bonus(aim)))
    };
    let mut before: Vec<Solved> = Vec::new();
    for aim in coverage.into_iter().chain(ranks) {
        let (solution, _) = stage(&before, aim)?;
        before.push(Solved {
            aim,
            rows: solution.row_duals,
            cols: solution.col_prices,
        });
    }
    let (mut solution, bonus) = stage(&before, Aim::Score)?;
    if let Some(previous) = before.last() {
        // Take the bonuses back out: the total and bound become the score's,
        // and the duals those of the score on the pairs kept.
        let mut taken = 0.0;
        for (row, m) in solution.assignment.iter().enumerate() {
            if let Some(m) = *m {
                taken += bonus * f64::from(previous.sides(row, m, spare));
            }
        }
        solution.total -= taken;
        solution.dual_bound -= taken;
        for (row, a) in solution.row_duals.iter_mut().enumerate() {
            *a -= bonus * f64::from(u8::from(previous.fills_row(row)));
        }
        for (m, b) in solution.col_prices.iter_mut().enumerate() {
            *b -= bonus * f64::from(u8::from(previous.fills_mentor(m, spare)));
        }
    }
    Ok(assemble(scorer, rounds, &free, solution, before.len() + 1))
}
