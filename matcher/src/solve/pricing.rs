//! Pricing: checks a flow solved on the candidate graph against every pair of
//! the full problem, and finds the cells the graph is missing.
//!
//! A flow is optimal for the full problem when every pair has a reduced cost
//! `c_ij - u_i - v_j >= 0`. Listed cells have it by construction. For the
//! others, a row's ceiling bounds them all at once: `c_ij >= c(ceiling)` and
//! `-v_j >= -v_j'` for every column `j'` of lower potential, so a row is
//! rescored only against the columns of highest potential whose bound is
//! negative: none for most rows, and rarely all.

use rayon::prelude::*;

use super::candidates::{Candidates, RowCells};
use super::cost::Cost;
use super::engine::Flow;
use super::problem::{is_allowed, Objective};
use super::weights::WeightSource;

/// The slack, as a share of the spread of the weights.
const SLACK: f64 = 1.0 / 64.0;

/// The fewest violating cells a row gains when it gains any.
const MIN_GAIN: usize = 4;

/// The rows whose listed cells must change for `flow` to be optimal over all
/// pairs, with their new cells, in ascending rows; empty when it is optimal.
///
/// A row with violators (unlisted cells of negative reduced cost) gains its
/// best ones, as many as it already lists (at least [`MIN_GAIN`]).
pub(super) fn price(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    graph: &Candidates,
    flow: &Flow,
) -> Vec<(usize, RowCells)> {
    let usable: Vec<usize> = (0..capacities.len())
        .filter(|&j| capacities[j] > 0)
        .collect();
    let mut by_potential = usable.clone();
    by_potential.sort_by(|&a, &b| {
        let order = flow.potentials[b].partial_cmp(&flow.potentials[a]);
        order.expect("potentials are not NaN").then(a.cmp(&b))
    });
    let usable_mask: Vec<bool> = capacities.iter().map(|&c| c > 0).collect();
    let pricer = Pricer {
        source,
        usable: &usable,
        usable_mask: &usable_mask,
        by_potential: &by_potential,
        objective,
        graph,
        flow,
        slack: Cost::of_cell(objective, 0.0) - Cost::of_cell(objective, SLACK * graph.spread()),
    };
    (0..graph.rows())
        .into_par_iter()
        .map_init(
            || Scratch {
                row: Vec::new(),
                listed: vec![false; capacities.len()],
                violators: Vec::new(),
            },
            |scratch, i| pricer.row(i, scratch).map(|cells| (i, cells)),
        )
        .flatten_iter()
        .collect()
}

/// Everything pricing one row reads.
struct Pricer<'a, W> {
    source: &'a W,
    /// Columns with positive capacity, ascending.
    usable: &'a [usize],
    /// Whether each column has positive capacity.
    usable_mask: &'a [bool],
    /// The same columns by decreasing potential `v_j` (ascending on ties).
    by_potential: &'a [usize],
    objective: Objective,
    graph: &'a Candidates,
    flow: &'a Flow,
    /// Rows with violators also gain the unlisted cells whose reduced cost
    /// is below this, which the next duals would likely turn into violators.
    slack: Cost,
}

/// A row is rescored in full, rather than cell by cell, when more than
/// `1 / WHOLE_ROW_FROM` of the usable columns may hold violators.
const WHOLE_ROW_FROM: usize = 8;

/// Per-thread buffers.
struct Scratch {
    /// The weights of the row being priced.
    row: Vec<f64>,
    /// Whether each column is listed for that row.
    listed: Vec<bool>,
    /// `(reduced cost, column, weight)` of its violating cells.
    violators: Vec<(Cost, usize, f64)>,
}

impl<W: WeightSource> Pricer<'_, W> {
    /// The new cells of row `i`, or `None` if it has no violator.
    fn row(&self, i: usize, scratch: &mut Scratch) -> Option<RowCells> {
        let ceiling = self.graph.ceiling(i);
        if !is_allowed(ceiling) {
            return None;
        }
        let u = self.flow.row_potential(self.objective, i);
        // Only columns with `v_j > c(ceiling) - u_i` can hold a violator, and
        // only those within the slack of it hold cells worth adding.
        let bound = Cost::of_cell(self.objective, ceiling) - u;
        let above = |bound: Cost| {
            self.by_potential
                .partition_point(|&j| self.flow.potentials[j] > bound)
        };
        if above(bound) == 0 {
            return None;
        }
        let suspects = above(bound - self.slack);
        let listed = self.graph.row(i);
        for &(j, _) in listed {
            scratch.listed[j] = true;
        }
        scratch.violators.clear();
        // No cell lighter than this can violate, whatever its column.
        let highest = self.flow.potentials[self.by_potential[0]];
        let cut = Cost::weight_cut(self.objective, u + highest + self.slack);
        let whole_row = suspects * WHOLE_ROW_FROM > self.usable.len();
        let weights = if whole_row {
            self.source.row(i, &mut scratch.row)
        } else {
            &[]
        };
        let by_reduced_cost = |a: &(Cost, usize, f64), b: &(Cost, usize, f64)| {
            let order = a.0.partial_cmp(&b.0);
            order
                .expect("reduced costs are not NaN")
                .then(a.1.cmp(&b.1))
        };
        let gain = listed.len().max(MIN_GAIN);
        // Cells at or above `admit` cannot be among the `gain` best any more.
        let mut admit = self.slack;
        let mut violated = false;
        let mut check = |j: usize, w: f64| {
            if w < cut || !self.usable_mask[j] || scratch.listed[j] || !is_allowed(w) {
                return;
            }
            let reduced = Cost::of_cell(self.objective, w) - u - self.flow.potentials[j];
            if reduced < admit {
                violated |= reduced < Cost::ZERO;
                let kept = &mut scratch.violators;
                kept.push((reduced, j, w));
                if kept.len() == 2 * gain {
                    kept.select_nth_unstable_by(gain - 1, by_reduced_cost);
                    kept.truncate(gain);
                    admit = kept[gain - 1].0;
                }
            }
        };
        if whole_row {
            for (j, &w) in weights.iter().enumerate() {
                check(j, w);
            }
        } else {
            for &j in &self.by_potential[..suspects] {
                check(j, self.source.weight(i, j));
            }
        }
        if !violated {
            for &(j, _) in listed {
                scratch.listed[j] = false;
            }
            return None;
        }
        if scratch.violators.len() > gain {
            scratch
                .violators
                .select_nth_unstable_by(gain, by_reduced_cost);
            scratch.violators.truncate(gain);
        }
        let mut cells = listed.to_vec();
        for &(_, j, w) in &scratch.violators {
            scratch.listed[j] = true;
            cells.push((j, w));
        }
        cells.sort_unstable_by_key(|&(j, _)| j);
        // The unlisted cells are fewer now; without the whole row at hand the
        // old ceiling still bounds them.
        let ceiling = if whole_row {
            self.usable
                .iter()
                .filter(|&&j| !scratch.listed[j])
                .fold(f64::NEG_INFINITY, |max, &j| max.max(weights[j]))
        } else {
            ceiling
        };
        for &(j, _) in &cells {
            scratch.listed[j] = false;
        }
        Some(RowCells { cells, ceiling })
    }
}
