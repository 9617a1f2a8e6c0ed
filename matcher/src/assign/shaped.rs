//! Program shapes beyond one mentor per mentee: mentees who want several
//! mentors (a mentee `capacity` above 1), mentors with a minimum load
//! (`min_load`) and the `distinct` rule, solved exactly by [`crate::shapes`].
//!
//! Locked pairs keep their places: a mentee's places shrink by its number of
//! locks, each locked mentor's seats and minimum by one per lock, and the
//! mentee is never given a locked mentor (or, under `distinct`, one that
//! shares a group with one) again.

use super::exact::{Reweigh, Scores};
use super::Assignment;
use crate::choices::PickMode;
use crate::config::{Config, ConfigError, Goal};
use crate::distinct::Groups;
use crate::error::Error;
use crate::progress::Progress;
use crate::roster::Roster;
use crate::rounds::Resolved;
use crate::score::Scorer;
use crate::shapes::{self, ShapeError, ShapeProblem};
use crate::solve::{Solution, WeightSource};

/// Whether the program needs the shapes solver: a mentee wants several
/// mentors, a mentor has a minimum load, or `distinct` is set.
pub(super) fn is_shaped(scorer: &Scorer, config: &Config) -> bool {
    scorer.mentees().people.iter().any(|p| p.capacity > 1)
        || scorer.mentors().people.iter().any(|p| p.min_load > 0)
        || !config.constraints.distinct.is_empty()
}

/// Solves a shaped program exactly under `coverage` or `total`.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let goal = config.solver.objective;
    let other = match goal {
        _ if config.preferences.mode == PickMode::Rank => Some(("preferences.mode", "rank")),
        Goal::Fair => Some(("solver.objective", "fair")),
        Goal::Stable => Some(("solver.objective", "stable")),
        Goal::Coverage | Goal::Total => None,
    };
    if let Some((key, name)) = other {
        return Err(ConfigError::new(
            key,
            format!("\"{name}\" is not available yet when mentees want several mentors, mentors have a min_load or `distinct` is set: use solver.objective \"coverage\" or \"total\" (and preferences.mode \"bonus\" or \"only\")"),
        )
        .into());
    }
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let groups = Groups::new(mentors, &config.constraints.distinct)?;
    let places_of = |e: usize| mentees.people[e].capacity - rounds.locked(e).len() as u32;
    let rows: Vec<usize> = (0..mentees.people.len())
        .filter(|&e| places_of(e) > 0)
        .collect();
    let places: Vec<u32> = rows.iter().map(|&e| places_of(e)).collect();
    let seats = rounds.spare();
    let minimum: Vec<u32> = mentors
        .people
        .iter()
        .zip(seats)
        .map(|(p, &spare)| p.min_load.saturating_sub(p.capacity - spare))
        .collect();
    // A mentor who already holds a locked mentee is open: their minimum stands.
    let or_none: Vec<bool> = mentors
        .people
        .iter()
        .zip(seats)
        .map(|(p, &spare)| config.constraints.min_load_or_none && spare == p.capacity)
        .collect();
    let lockout = LockedOut {
        rows: &rows,
        rounds,
    };
    // Pricing reads every row again each round.
    let plain =
        Scores::new(scorer, rounds, &rows, 0, progress).holding_rows(config.solver.max_memory.0);
    let locks = rows.iter().any(|&e| rounds.is_locked(e));
    let scores = if locks {
        plain.reweighed(&lockout)
    } else {
        plain
    };
    let partitions = groups.partitions();
    let problem = ShapeProblem {
        weights: &scores as &dyn WeightSource,
        places: &places,
        seats,
        minimum: &minimum,
        or_none: &or_none,
        distinct: &partitions,
        objective: goal.solver(),
    };
    let solved = match shapes::solve(&problem) {
        Ok(solved) => solved,
        Err(ShapeError::Minimums {
            columns,
            need,
            rows: blocking,
            can,
        }) => {
            let blocking: Vec<usize> = blocking.iter().map(|&r| rows[r]).collect();
            return Err(Error::Infeasible(minimums_message(
                mentors, mentees, &columns, need, &blocking, can,
            )));
        }
        Err(other) => return Err(Error::Infeasible(other.to_string())),
    };
    // Each mentee's mentors in roster order: its locks and the solve's.
    let mut all: Vec<Vec<usize>> = (0..mentees.people.len())
        .map(|e| rounds.locked(e).to_vec())
        .collect();
    for (&e, columns) in rows.iter().zip(&solved.columns_of) {
        all[e].extend(columns);
        crate::sorting::sort(&mut all[e]);
    }
    let mentor_of = all.iter().map(|list| list.first().copied()).collect();
    let more = all
        .into_iter()
        .map(|list| list.get(1..).unwrap_or_default().to_vec())
        .collect();
    let solution = Solution {
        assignment: solved
            .columns_of
            .iter()
            .map(|c| c.first().copied())
            .collect(),
        matched: solved.filled,
        total: solved.total,
        dual_bound: solved.dual_bound,
        row_duals: Vec::new(),
        col_prices: vec![0.0; mentors.people.len()],
        match_bonus: 0.0,
    };
    Ok(Assignment {
        mentor_of,
        more,
        solution,
        locked_total: rounds.locked_total(scorer),
        solves: solved.solves,
    })
}

/// Rules out, for a locked mentee, its locked mentors and (under
/// `distinct`) every mentor sharing a group with one of them.
struct LockedOut<'a> {
    rows: &'a [usize],
    rounds: &'a Resolved,
}

impl Reweigh for LockedOut<'_> {
    fn cell(&self, row: usize, m: usize, weight: f64) -> f64 {
        let e = self.rows[row];
        let clash = self.rounds.locked(e).contains(&m) || self.rounds.clash(e, m).is_some();
        if clash {
            f64::NEG_INFINITY
        } else {
            weight
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
