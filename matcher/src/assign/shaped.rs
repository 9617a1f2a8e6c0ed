//! Program shapes beyond one mentor per mentee: mentees who want several
//! mentors (a mentee `capacity` above 1), mentors with a minimum load
//! (`min_load`) and the `distinct` rule, solved exactly by [`crate::shapes`]
//! under every goal: `coverage` and `total` in one solve, `fair` by the
//! floor search it shares with one-mentor programs ([`super::fair`]), `rank`
//! mode in one solve on lexicographic weights ([`super::shaped_rank`]), and
//! `stable` by deferred acceptance ([`super::stable`]).
//!
//! Locked pairs keep their places: a mentee's places shrink by its number of
//! locks, each locked mentor's seats and minimum by one per lock, and the
//! mentee is never given a locked mentor (or, under `distinct`, one that
//! shares a group with one) again.

use super::exact::{Reweigh, Scores};
use super::fair::highest_floor;
use super::shaped_rank::RankWeights;
use super::{stable, Assignment};
use crate::choices::PickMode;
use crate::config::{Config, Goal};
use crate::distinct::Groups;
use crate::error::Error;
use crate::progress::{Progress, Silent};
use crate::roster::Roster;
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use crate::shapes::{self, ShapeError, ShapeProblem, ShapeSolution};
use crate::solve::{Objective, Solution, WeightSource};

/// Whether the program needs the shapes solver: a mentee wants several
/// mentors, a mentor has a minimum load, or `distinct` is set.
pub(super) fn is_shaped(scorer: &Scorer, config: &Config) -> bool {
    scorer.mentees().people.iter().any(|p| p.capacity > 1)
        || scorer.mentors().people.iter().any(|p| p.min_load > 0)
        || !config.constraints.distinct.is_empty()
}

/// Solves a shaped program exactly under the configured goal.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let shape = Shape::new(scorer, rounds, config)?;
    if config.preferences.mode == PickMode::Rank {
        let weights = RankWeights::new(scorer, &shape.rows, &shape.places)?;
        let goal = config.solver.objective.solver();
        let solved = shape.solve(0, Some(&weights), goal, progress)?;
        return Ok(shape.assignment(solved.map_err(|e| shape.refuse(e))?, None));
    }
    match config.solver.objective {
        Goal::Fair => fair(&shape, progress),
        Goal::Stable => stable::assign_shaped(&shape, progress),
        goal => {
            let solved = shape.solve(0, None, goal.solver(), progress)?;
            Ok(shape.assignment(solved.map_err(|e| shape.refuse(e))?, None))
        }
    }
}

/// The coverage optimum of a shaped program (what the price of stability
/// compares against).
pub(super) fn coverage(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
) -> Result<Assignment, Error> {
    let shape = Shape::new(scorer, rounds, config)?;
    let solved = shape.solve(0, None, Objective::Coverage, &Silent)?;
    Ok(shape.assignment(solved.map_err(|e| shape.refuse(e))?, None))
}

/// The `fair` objective over places: the coverage optimum's filled places,
/// then the highest floor that still fills them, then the best total there.
fn fair(shape: &Shape, progress: &dyn Progress) -> Result<Assignment, Error> {
    let solve =
        |floor, progress: &dyn Progress| shape.solve(floor, None, Objective::Coverage, progress);
    let best = solve(0, progress)?.map_err(|e| shape.refuse(e))?;
    let target = best.filled;
    let mut solves = best.solves;
    let lowest = shape.rows.iter().zip(&best.columns_of);
    let lowest = lowest
        .flat_map(|(&e, columns)| columns.iter().map(move |&m| shape.scorer.score(e, m)))
        .min();
    let Some(low) = lowest else {
        return Ok(shape.assignment(best, None));
    };
    let best = highest_floor(low, best, |floor| match solve(floor, &Silent)? {
        Ok(trial) => {
            solves += trial.solves;
            Ok((trial.filled == target).then_some(trial))
        }
        // Too few pairs above the floor to meet the minimums.
        Err(ShapeError::Minimums { .. } | ShapeError::NoFeasible { .. }) => {
            solves += 1;
            Ok(None)
        }
        Err(other) => Err(shape.refuse(other)),
    })?;
    Ok(shape.assignment(best, Some(solves)))
}

/// A shaped program's solver rows: the mentees with places left after their
/// locks, and every mentor's seats and minimum.
pub(super) struct Shape<'a> {
    /// The scorer.
    pub(super) scorer: &'a Scorer<'a>,
    /// The locked and history pairs.
    pub(super) rounds: &'a Resolved,
    config: &'a Config,
    /// The mentees solved for, one per row.
    pub(super) rows: Vec<usize>,
    /// Each row's places left after its locks.
    pub(super) places: Vec<u32>,
    /// Each mentor's minimum left after its locks.
    pub(super) minimum: Vec<u32>,
    /// Whether each mentor may take nobody instead of its minimum.
    pub(super) or_none: Vec<bool>,
    /// The `distinct` groups.
    pub(super) groups: Groups,
}

impl<'a> Shape<'a> {
    /// The rows, places, seats and minimums of `scorer`'s program under `rounds`.
    pub(super) fn new(
        scorer: &'a Scorer<'a>,
        rounds: &'a Resolved,
        config: &'a Config,
    ) -> Result<Self, Error> {
        let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
        let groups = Groups::new(mentors, &config.constraints.distinct)?;
        let places_of = |e: usize| mentees.people[e].capacity - rounds.locked(e).len() as u32;
        let rows: Vec<usize> = (0..mentees.people.len())
            .filter(|&e| places_of(e) > 0)
            .collect();
        let places = rows.iter().map(|&e| places_of(e)).collect();
        let seats = rounds.spare();
        let minimum = mentors
            .people
            .iter()
            .zip(seats)
            .map(|(p, &spare)| p.min_load.saturating_sub(p.capacity - spare))
            .collect();
        // A mentor who already holds a locked mentee is open: their minimum stands.
        let or_none = mentors
            .people
            .iter()
            .zip(seats)
            .map(|(p, &spare)| config.constraints.min_load_or_none && spare == p.capacity)
            .collect();
        Ok(Shape {
            scorer,
            rounds,
            config,
            rows,
            places,
            minimum,
            or_none,
            groups,
        })
    }

    /// One exact solve for `objective`, the pairs scoring below `floor`
    /// ruled out, on the weights `rank` makes of the scores if given.
    fn solve(
        &self,
        floor: Hundredths,
        rank: Option<&RankWeights>,
        objective: Objective,
        progress: &dyn Progress,
    ) -> Result<Result<ShapeSolution, ShapeError>, Error> {
        let (scorer, rounds) = (self.scorer, self.rounds);
        // Pricing reads every row again each round.
        let plain = Scores::new(scorer, rounds, &self.rows, floor, progress)
            .holding_rows(self.config.solver.max_memory.0);
        let cells = Cells {
            rows: &self.rows,
            rounds,
            locks: self.rows.iter().any(|&e| rounds.is_locked(e)),
            rank,
        };
        let scores = if cells.locks || rank.is_some() {
            plain.reweighed(&cells)
        } else {
            plain
        };
        let partitions = self.groups.partitions();
        let problem = ShapeProblem {
            weights: &scores as &dyn WeightSource,
            places: &self.places,
            seats: rounds.spare(),
            minimum: &self.minimum,
            or_none: &self.or_none,
            distinct: &partitions,
            objective,
        };
        Ok(shapes::solve(&problem))
    }

    /// Why the solve failed, naming the people where the minimums cannot be met.
    fn refuse(&self, error: ShapeError) -> Error {
        match error {
            ShapeError::Minimums {
                columns,
                need,
                rows: blocking,
                can,
            } => {
                let blocking: Vec<usize> = blocking.iter().map(|&r| self.rows[r]).collect();
                let (mentors, mentees) = (self.scorer.mentors(), self.scorer.mentees());
                Error::Infeasible(minimums_message(
                    mentors, mentees, &columns, need, &blocking, can,
                ))
            }
            other => Error::Infeasible(other.to_string()),
        }
    }

    /// The locked pairs plus `solved`'s, its total the pairs' scores; it
    /// took `solves` relaxations (the solve's own count when `None`).
    fn assignment(&self, solved: ShapeSolution, solves: Option<usize>) -> Assignment {
        let total: u64 = self
            .rows
            .iter()
            .zip(&solved.columns_of)
            .flat_map(|(&e, columns)| columns.iter().map(move |&m| (e, m)))
            .map(|(e, m)| u64::from(self.scorer.score(e, m)))
            .sum();
        let total = total as f64;
        // Reweighed solves (rank mode) bound their own weights, not the scores.
        let dual_bound = if solved.total == total {
            solved.dual_bound
        } else if solved.proven {
            total
        } else {
            f64::INFINITY
        };
        let solution = Solution {
            assignment: solved
                .columns_of
                .iter()
                .map(|c| c.first().copied())
                .collect(),
            matched: solved.filled,
            total,
            dual_bound,
            row_duals: Vec::new(),
            col_prices: vec![0.0; self.rounds.spare().len()],
            match_bonus: 0.0,
        };
        let solves = solves.unwrap_or(solved.solves);
        self.with_locks(solved.columns_of, solution, solves)
    }

    /// The assignment of `solution`, whose rows took `columns_of`, with the
    /// locked pairs added: each mentee's mentors in roster order.
    pub(super) fn with_locks(
        &self,
        columns_of: Vec<Vec<usize>>,
        solution: Solution,
        solves: usize,
    ) -> Assignment {
        let mentees = self.scorer.mentees().people.len();
        let mut all: Vec<Vec<usize>> = (0..mentees)
            .map(|e| self.rounds.locked(e).to_vec())
            .collect();
        for (&e, columns) in self.rows.iter().zip(columns_of) {
            all[e].extend(columns);
            crate::sorting::sort(&mut all[e]);
        }
        let mentor_of = all.iter().map(|list| list.first().copied()).collect();
        let more = all
            .into_iter()
            .map(|list| list.get(1..).unwrap_or_default().to_vec())
            .collect();
        Assignment {
            mentor_of,
            more,
            solution,
            locked_total: self.rounds.locked_total(self.scorer),
            solves,
        }
    }
}

/// The cells of a shaped solve: for a locked mentee, its locked mentors and
/// (under `distinct`) every mentor sharing a group with one of them ruled
/// out; in `rank` mode, the scores made lexicographic weights.
struct Cells<'a> {
    rows: &'a [usize],
    rounds: &'a Resolved,
    /// Whether any row has a lock.
    locks: bool,
    rank: Option<&'a RankWeights<'a>>,
}

impl Reweigh for Cells<'_> {
    fn cell(&self, row: usize, m: usize, weight: f64) -> f64 {
        let e = self.rows[row];
        let clash =
            self.locks && (self.rounds.locked(e).contains(&m) || self.rounds.clash(e, m).is_some());
        match self.rank {
            _ if clash || weight == f64::NEG_INFINITY => f64::NEG_INFINITY,
            Some(rank) => rank.weight(e, m, weight),
            None => weight,
        }
    }
}

/// Names the mentors whose minimum loads cannot be met together, and the
/// mentees who could be given to them.
fn minimums_message(
    mentors: &Roster,
    mentees: &Roster,
    columns: &[usize],
    need: u64,
    rows: &[usize],
    can: u64,
) -> String {
    let names = |roster: &Roster, people: &[usize]| -> String {
        const SHOWN: usize = 12;
        let mut ids: Vec<&str> = people
            .iter()
            .take(SHOWN)
            .map(|&i| roster.people[i].id.as_str())
            .collect();
        let rest = people.len().saturating_sub(SHOWN);
        let more = format!("and {rest} more");
        if rest > 0 {
            ids.push(&more);
        }
        ids.join(", ")
    };
    let who = match columns.len() {
        1 => format!("mentor {} must take", names(mentors, columns)),
        n => format!("the {n} mentors {} must take", names(mentors, columns)),
    };
    let between = if columns.len() > 1 {
        " between them"
    } else {
        ""
    };
    let supply = match rows.len() {
        0 => "no mentee can be paired with them".to_owned(),
        n => format!(
            "the {n} mentee{} who can be paired with them ({}) can fill at most {can}",
            if n == 1 { "" } else { "s" },
            names(mentees, rows)
        ),
    };
    format!(
        "the minimum loads cannot all be met: {who} at least {need} mentees{between} (min_load), but {supply}; lower their min_load, allow more pairs, or set constraints.min_load_or_none"
    )
}
