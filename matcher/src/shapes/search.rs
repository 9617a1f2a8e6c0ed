//! Branch and bound over exact flow relaxations, for what a flow cannot
//! express: `or_none` columns and the distinct partitions after the first.
//!
//! A relaxation drops both (an undecided `or_none` column has minimum 0;
//! later partitions are ignored). A relaxation that breaks neither rule is
//! feasible; otherwise the first broken rule splits the node, depth first:
//! an `or_none` column below its minimum is opened (minimum enforced) or
//! closed (no seats), the side nearer its load first; a row holding several
//! columns of one group either keeps one of them (the group's other columns
//! forbidden to it; heaviest cell first) or none of them. The children's regions are disjoint and cover the parent's feasible
//! assignments, and a node is pruned once its relaxation is no better than
//! the best feasible assignment so far.

use std::rc::Rc;

use super::cells::Pool;
use super::limits::Limits;
use super::network::Network;
use super::problem::{Context, ShapeError, ShapeSolution};
use super::relax::{relax, Relaxation};
use super::witness::witness;
use crate::solve::Objective;

/// A node waiting to be solved: its limits, and its parent's relaxation
/// value, which bounds every assignment below it.
struct Branch {
    /// The node's limits.
    limits: Limits,
    /// The parent's relaxation value (`None` for the root).
    bound: Option<(i128, i128)>,
    /// The parent's solved network, which the node's flow restarts from.
    parent: Option<Rc<Network>>,
}

/// A rule the relaxation broke.
enum Violation {
    /// An undecided `or_none` column holds some rows, fewer than its minimum.
    Column(usize),
    /// A row holds `columns` (two or more, ascending), which share one group
    /// of a partition after the first; `group` lists that group's columns.
    Row {
        /// The row.
        row: usize,
        /// The columns it holds in the group.
        columns: Vec<usize>,
        /// Every column of the group.
        group: Vec<usize>,
    },
}

/// The best assignment found by branch and bound from the root relaxation,
/// with at most `node_limit` relaxations solved (at least one).
pub(super) fn search(
    ctx: &Context<'_>,
    pool: &mut Pool,
    spare: usize,
    node_limit: usize,
) -> Result<ShapeSolution, ShapeError> {
    let problem = ctx.problem;
    let objective = problem.objective;
    let mut stack = vec![Branch {
        limits: Limits::root(problem),
        bound: None,
        parent: None,
    }];
    let mut best: Option<((i128, i128), Relaxation)> = None;
    let (mut solves, mut rounds) = (0, 0);
    while let Some(branch) = stack.pop() {
        let beaten = |value: (i128, i128)| best.as_ref().is_some_and(|(b, _)| value >= *b);
        if branch.bound.is_some_and(beaten) {
            continue;
        }
        if solves >= node_limit.max(1) {
            stack.push(branch);
            break;
        }
        solves += 1;
        let parent = branch.parent.as_deref();
        let relaxation = relax(ctx, pool, &branch.limits, spare, &mut rounds, parent);
        if !relaxation.feasible {
            if branch.bound.is_none() {
                return Err(witness(ctx, &branch.limits, &relaxation.network));
            }
            continue;
        }
        let value = relaxation.score(objective);
        if beaten(value) {
            continue;
        }
        match violation(ctx, &branch.limits, &relaxation) {
            None => best = Some((value, relaxation)),
            Some(violation) => {
                let children = split(ctx, &branch.limits, &relaxation, violation);
                stack.extend(children.into_iter().rev().map(|limits| Branch {
                    limits,
                    bound: Some(value),
                    parent: Some(Rc::clone(&relaxation.network)),
                }));
            }
        }
    }
    let proven = stack.is_empty();
    let Some((value, best)) = best else {
        return Err(ShapeError::NoFeasible { proven });
    };
    let certified = best.dual_bound(objective) as f64;
    let open = stack.iter().filter_map(|branch| branch.bound);
    let dual_bound = open.fold(certified, |bound, (major, minor)| match objective {
        Objective::Total => bound.max(-major as f64),
        Objective::Coverage if major < value.0 => f64::INFINITY,
        Objective::Coverage if major == value.0 => bound.max(-minor as f64),
        Objective::Coverage => bound,
    });
    Ok(ShapeSolution {
        filled: best.filled as usize,
        total: best.weight as f64,
        columns_of: best.columns_of,
        dual_bound,
        proven,
        solves,
        rounds,
        cells: pool.len(),
    })
}

/// The first rule `relaxation` breaks: the lowest undecided `or_none` column
/// below its minimum, else the lowest row holding two columns of one group
/// (partitions in order).
fn violation(ctx: &Context<'_>, limits: &Limits, relaxation: &Relaxation) -> Option<Violation> {
    let problem = ctx.problem;
    let short = |j: usize| {
        let load = relaxation.loads[j];
        limits.undecided(problem, j) && load > 0 && load < problem.minimum[j]
    };
    if let Some(col) = (0..ctx.cols()).find(|&j| short(j)) {
        return Some(Violation::Column(col));
    }
    for (row, columns) in relaxation.columns_of.iter().enumerate() {
        for groups in ctx.groups.iter().skip(1) {
            let shared = columns
                .iter()
                .enumerate()
                .find(|&(k, &a)| columns[k + 1..].iter().any(|&b| groups[b] == groups[a]));
            if let Some((_, &a)) = shared {
                let g = groups[a];
                return Some(Violation::Row {
                    row,
                    columns: columns
                        .iter()
                        .copied()
                        .filter(|&c| groups[c] == g)
                        .collect(),
                    group: (0..ctx.cols()).filter(|&c| groups[c] == g).collect(),
                });
            }
        }
    }
    None
}

/// The children of a node that broke `violation`, in the order to explore.
fn split(
    ctx: &Context<'_>,
    limits: &Limits,
    relaxation: &Relaxation,
    violation: Violation,
) -> Vec<Limits> {
    match violation {
        Violation::Column(j) => {
            let minimum = ctx.problem.minimum[j];
            let mut open = limits.clone();
            open.minimum[j] = minimum;
            let mut closed = limits.clone();
            closed.seats[j] = 0;
            // The nearer side first.
            if 2 * relaxation.loads[j] >= minimum {
                vec![open, closed]
            } else {
                vec![closed, open]
            }
        }
        Violation::Row {
            row,
            columns,
            group,
        } => {
            // The heaviest cell first, ties to the lowest column.
            let mut columns = columns;
            crate::sorting::sort_by_key(&mut columns, |&c| std::cmp::Reverse(ctx.weight(row, c)));
            let keep = columns.iter().map(|&kept| {
                let others = group.iter().filter(move |&&c| c != kept);
                limits.forbidding(others.map(|&c| (row, c)))
            });
            let none = limits.forbidding(columns.iter().map(|&c| (row, c)));
            keep.chain([none]).collect()
        }
    }
}
