//! Pricing: checks a flow solved on the candidate pool against every allowed
//! pair and returns, per row, the most violated cells the pool is missing.

use super::cells::{Cell, Pool, Smallest};
use super::cost::Cost;
use super::limits::Limits;
use super::network::Network;
use super::par_map;
use super::problem::Context;

/// Per row (ascending by column), up to `places + spare` allowed cells
/// outside the pool whose reduced cost is negative, the most negative first
/// kept. None anywhere proves the flow optimal for every pair.
///
/// An unlisted cell `(i, j)` enters from the row's group node when the row
/// has one for the cell's group, else from the row itself (a new group node
/// could take the row's potential).
pub(super) fn violators(
    ctx: &Context<'_>,
    pool: &Pool,
    limits: &Limits,
    network: &Network,
    spare: usize,
) -> Vec<Vec<Cell>> {
    let problem = ctx.problem;
    let partition = ctx.groups.first();
    let group_count = ctx.group_counts.first().copied().unwrap_or(0);
    let scratch = || {
        (
            Vec::new(),
            vec![usize::MAX; group_count],
            vec![0; group_count],
        )
    };
    par_map(ctx.rows(), scratch, |(row, stamp, node_of), i| {
        let places = problem.places[i];
        if places == 0 {
            return Vec::new();
        }
        for &(g, node) in network.groups_of(i) {
            stamp[g] = i;
            node_of[g] = node;
        }
        let weights = problem.weights.row(i, row);
        let columns = network.column_potentials();
        let from_row = network.potential(network.row_node(i));
        let mut best = Smallest::new(places as usize + spare);
        // Reduced costs first: few cells are violated, and only those are
        // looked up in the pool and the forbidden cells.
        for (j, (&value, &column)) in weights.iter().zip(columns).enumerate() {
            if value == f64::NEG_INFINITY {
                continue;
            }
            let from = match partition {
                Some(groups) if stamp[groups[j]] == i => network.potential(node_of[groups[j]]),
                _ => from_row,
            };
            let reduced = Cost::of_cell(problem.objective, value as i64) + from - column;
            if reduced >= Cost::ZERO || limits.seats[j] == 0 {
                continue;
            }
            let listed = pool.rows[i]
                .binary_search_by_key(&j, |cell| cell.col)
                .is_ok();
            let forbidden = limits.forbidden_in(i).binary_search_by_key(&j, |&(_, c)| c);
            if !listed && forbidden.is_err() {
                best.offer(reduced, j);
            }
        }
        let cells = best.into_indices().into_iter();
        cells.map(|col| Cell::of(weights, col)).collect()
    })
}
