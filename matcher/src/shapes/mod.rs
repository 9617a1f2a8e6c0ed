//! Exact b-matching for program shapes: rows (mentees) take up to `places[i]`
//! distinct columns (mentors), columns take up to `seats[j]` rows and at
//! least `minimum[j]` (or, for `or_none` columns, none at all), and distinct
//! partitions allow a row at most one column per group.
//!
//! [`solve`] runs min-cost flow on a network with a node per row, per column
//! and a sink: row→column arcs of capacity 1, each column's arc to the sink
//! split into a "required" part (capacity `minimum[j]`) and an "extra" part,
//! and each row's "unmatched" arc of capacity `places[i]` to the sink. The
//! first distinct partition puts a (row, group) node of capacity 1 between a
//! row and that group's columns. Costs are lexicographic integer triples:
//! required seats first, then the objective's two halves as in
//! [`crate::solve`] (Coverage: places, then weight; Total: weight, then
//! places), on weights in integer hundredths, so no tier needs a big-M.
//!
//! Every unit is routed by successive shortest paths (Dijkstra over reduced
//! costs, stopped at the first node that ends a path, with the lazy
//! potential update of the settled nodes), so the final potentials prove the
//! flow optimal. Where the columns have fewer seats than the rows have
//! places (over-subscribed programs) every unit starts unmatched and the
//! seats are routed instead, each searched back from its column: those
//! searches end at the nearest row with a place left, where searches from
//! the rows would have to rule out every other seat. The network holds only candidate cells: each row's best few
//! and each column's best few rows; pricing then checks every
//! allowed pair against the potentials (rows in parallel), and the violators
//! join the candidates until there are none. The answer is therefore exact on
//! all pairs without a dense matrix.
//!
//! Three departures from the plain scheme, each for speed and each keeping
//! the answer exact:
//! - Before pricing, the potentials move within what the residual arcs allow
//!   (columns down, rows and group nodes up), which leaves pricing only the
//!   cells that matter (on 10 000 × 5 000, 8 instead of 10 001).
//! - Pricing adds a row's `places + spare / 2` most violated cells per round,
//!   not all of them, so that stale duals do not fill the graph.
//! - A new round, and a branch-and-bound child, restarts from the previous
//!   solution and its potentials: arcs of negative reduced cost are
//!   saturated and the excess sent back along shortest paths; where some
//!   excess finds no path, the flow is routed from scratch.
//!
//! When the minimums cannot be met, [`ShapeError::Minimums`] carries a Hall
//! witness read off the potentials (see `witness.rs`).
//!
//! The module is public (as is [`solve`]) so that benchmarks and callers
//! outside the crate can run it; nothing in the crate calls it yet.
//!
//! `or_none` columns and the partitions after the first make the problem
//! NP-hard in general: exact cover by 3-sets is `or_none` columns with
//! `minimum = seats = 3`, one per set, where rows take one place and may only
//! take the sets that hold them, under the objective "fill every place".
//! They are solved by branch and bound over the exact flow relaxations
//! (`search.rs`), depth first, up to a node limit; a solution found under
//! the limit is reported with `proven == false` and the best bound of the
//! open nodes.
//!
//! Results are deterministic whatever the number of threads: rows are
//! routed in index order, heap ties go to the lowest node, and parallel
//! scans are collected in row order.
//!
//! # Files
//! - `problem.rs`: [`ShapeProblem`], [`ShapeSolution`], [`ShapeError`], and
//!   the validated context every stage reads.
//! - `cost.rs`: the lexicographic costs, packed into one integer.
//! - `limits.rs`: what a branch-and-bound node changes (seats, minimums,
//!   forbidden cells).
//! - `cells.rs`: the candidate pool and the first scan of every weight.
//! - `network.rs`: the flow network and its successive shortest paths.
//! - `pricing.rs`: the cells the pool is missing.
//! - `relax.rs`: one relaxation, solved and priced to optimality.
//! - `witness.rs`: the Hall witness of unmet minimums.
//! - `search.rs`: branch and bound.
//! - `tests.rs` (with the brute-force oracle in `oracle.rs`).

mod cells;
mod cost;
mod limits;
mod network;
mod pricing;
mod problem;
mod relax;
mod search;
mod witness;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

use crate::assign::par_map;

pub use problem::{weight_limit, ShapeError, ShapeProblem, ShapeSolution};

/// How many cells beyond its places each row starts with, and how many rows
/// beyond its minimum each minimum column adds; pricing adds half as many
/// beyond a row's places. Small pools route fast, and the rounds they cost
/// read held rows: on 10 000 mentees wanting 1–3 mentors × 5 000 mentors,
/// 4 took 2.3 s where 10 took 5.5 s (2 vCPU Intel Xeon).
const SPARE: usize = 4;

/// The most relaxations branch and bound solves before it stops unproven.
const NODE_LIMIT: usize = 2000;

/// Finds an optimal assignment for `problem`, or proves the minimums cannot
/// be met; see the module documentation.
pub fn solve(problem: &ShapeProblem<'_>) -> Result<ShapeSolution, ShapeError> {
    solve_tuned(problem, SPARE, NODE_LIMIT)
}

/// [`solve`] with `spare` extra candidate cells per row and column, and at
/// most `node_limit` relaxations (at least one).
pub(crate) fn solve_tuned(
    problem: &ShapeProblem<'_>,
    spare: usize,
    node_limit: usize,
) -> Result<ShapeSolution, ShapeError> {
    let ctx = problem::Context::new(problem)?;
    let mut pool = cells::Pool::scan(&ctx, spare)?;
    search::search(&ctx, &mut pool, spare, node_limit)
}
