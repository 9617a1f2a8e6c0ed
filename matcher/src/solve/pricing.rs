//! Pricing: checks a flow solved on the candidate graph against every pair of
//! the full problem, and finds the cells the graph is missing.
//!
//! A flow is optimal for the full problem when every pair has a reduced cost
//! `c_ij - u_i - v_j >= 0`. Listed cells have it by construction. For the
//! others, a row's ceiling over a group of columns bounds them all at once:
//! `c_ij >= c(ceiling)` and `-v_j >= -v_j'` for every column `j'` of the
//! group with lower potential, so a row is rescored only against the columns
//! of highest potential in each group whose bound is negative: none for most
//! rows, and rarely all. Columns are grouped by potential (see
//! [`Candidates::group_by`]), so the cheap columns, where violators hide, get
//! ceilings of their own.

use crate::assign::par_map;

use super::candidates::{by_potential, Candidates, Ceilings, ListedRow, GROUPS};
use super::cost::Cost;
use super::flow::Flow;
use super::problem::{is_allowed, Objective};
use super::weights::WeightSource;

/// The slack, as a share of the spread of the weights.
const SLACK: f64 = 1.0 / 64.0;

/// The fewest violating cells a row gains when it gains any.
const MIN_GAIN: usize = 4;

/// New cells or new ceilings for one row.
pub(super) struct Update {
    /// The row.
    pub(super) row: usize,
    /// Its cells and ceilings from now on.
    pub(super) cells: ListedRow,
    /// Whether it gained cells (it had violators); otherwise only its
    /// ceilings are tighter, from a rescoring of the whole row.
    pub(super) gained: bool,
}

/// Whether some row may have an unlisted cell of negative reduced cost, by
/// the coarsest test: the row's highest ceiling against the highest
/// potential of any usable column. Where no row may, [`price`] would find
/// nothing, so the rows need neither grouping nor rescoring. One pass over
/// the rows' ceilings; it stops at the first row that may.
pub(super) fn may_violate(
    capacities: &[u32],
    objective: Objective,
    graph: &Candidates,
    flow: &Flow,
) -> bool {
    let usable = capacities
        .iter()
        .zip(&flow.potentials)
        .filter(|(&c, _)| c > 0);
    let highest = usable
        .map(|(_, &v)| v)
        .reduce(|a, b| if b > a { b } else { a });
    let Some(highest) = highest else {
        return false;
    };
    (0..graph.rows()).any(|i| {
        let ceiling = graph
            .ceilings(i)
            .iter()
            .fold(f64::NEG_INFINITY, |m, &c| m.max(c));
        is_allowed(ceiling)
            && highest > Cost::of_cell(objective, ceiling) - flow.row_potential(objective, i)
    })
}

/// The rows whose listed cells must change for `flow` to be optimal over all
/// pairs, with their new cells (and the rows whose ceilings pricing could
/// tighten on the way), in ascending rows. `flow` is optimal when no update
/// has [`gained`](Update::gained).
///
/// A row with violators (unlisted cells of negative reduced cost) gains its
/// best ones, as many as it already lists (at least [`MIN_GAIN`]).
pub(super) fn price(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    graph: &Candidates,
    flow: &Flow,
) -> Vec<Update> {
    let all: Vec<usize> = (0..graph.rows()).collect();
    price_rows(source, capacities, objective, graph, flow, &all)
}

/// [`price`], for the rows `rows` (ascending) only.
pub(super) fn price_rows(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    graph: &Candidates,
    flow: &Flow,
    rows: &[usize],
) -> Vec<Update> {
    let usable: Vec<usize> = (0..capacities.len())
        .filter(|&j| capacities[j] > 0)
        .collect();
    let by_potential = by_potential(&flow.potentials, capacities);
    let mut groups = vec![Vec::new(); GROUPS];
    for &j in &by_potential {
        groups[usize::from(graph.groups()[j])].push(j);
    }
    let slots: Vec<u8> = (0..capacities.len())
        .map(|j| match capacities[j] {
            0 => GROUPS as u8,
            _ => graph.groups()[j],
        })
        .collect();
    let pricer = Pricer {
        source,
        usable: &usable,
        slots: &slots,
        highest: by_potential.first().map(|&j| flow.potentials[j]),
        groups: &groups,
        objective,
        graph,
        flow,
        slack: Cost::of_cell(objective, 0.0) - Cost::of_cell(objective, SLACK * graph.spread()),
    };
    let scratch = || PricingScratch {
        row: Vec::new(),
        listed: vec![false; capacities.len()],
        violators: Vec::new(),
    };
    let updates = par_map(rows.len(), scratch, |scratch, k| {
        pricer.row(rows[k], scratch)
    });
    updates.into_iter().flatten().collect()
}

/// Everything pricing one row reads.
struct Pricer<'a, W> {
    source: &'a W,
    /// Columns with positive capacity, ascending.
    usable: &'a [usize],
    /// The group of each usable column, [`GROUPS`] for the others.
    slots: &'a [u8],
    /// The highest potential of a usable column, if there is one.
    highest: Option<Cost>,
    /// The usable columns of each group by decreasing potential (ascending
    /// on ties).
    groups: &'a [Vec<usize>],
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

/// Cells a whole-row rescoring tests against the cut at once.
const CUT_BLOCK: usize = 8;

/// Lanes of running maxima in [`Pricer::ceilings`].
const LANES: usize = 4;

/// Per-thread buffers.
struct PricingScratch {
    /// The weights of the row being priced.
    row: Vec<f64>,
    /// Whether each column is listed for that row.
    listed: Vec<bool>,
    /// `(reduced cost, column, weight)` of its violating cells.
    violators: Vec<(Cost, usize, f64)>,
}

/// Orders violators by reduced cost, then column.
fn by_reduced_cost(a: &(Cost, usize, f64), b: &(Cost, usize, f64)) -> std::cmp::Ordering {
    let order = a.0.partial_cmp(&b.0);
    order
        .expect("reduced costs are not NaN")
        .then(a.1.cmp(&b.1))
}

impl<W: WeightSource> Pricer<'_, W> {
    /// The update of row `i`: new cells if it has violators, new ceilings if
    /// it was rescored in full; `None` if neither.
    fn row(&self, i: usize, scratch: &mut PricingScratch) -> Option<Update> {
        let ceilings = self.graph.ceilings(i);
        let u = self.flow.row_potential(self.objective, i);
        // In each group, only columns with `v_j > c(ceiling) - u_i` can hold
        // a violator, and only those within the slack of it hold cells worth
        // adding.
        let bounds = ceilings.map(|c| is_allowed(c).then(|| Cost::of_cell(self.objective, c) - u));
        let above = |g: usize, bound: Cost| {
            self.groups[g].partition_point(|&j| self.flow.potentials[j] > bound)
        };
        // Most rows have no such column at all: the group's first column
        // (its highest potential) tells without a search.
        let mut violable = [0; GROUPS];
        for (g, bound) in bounds.iter().enumerate() {
            let Some(bound) = *bound else { continue };
            if self.groups[g]
                .first()
                .is_some_and(|&j| self.flow.potentials[j] > bound)
            {
                violable[g] = above(g, bound);
            }
        }
        let possible = violable.iter().any(|&count| count > 0);
        let (true, Some(highest)) = (possible, self.highest) else {
            return None;
        };
        let mut suspects = [0; GROUPS];
        for (g, bound) in bounds.iter().enumerate() {
            if let Some(bound) = *bound {
                suspects[g] = above(g, bound - self.slack);
            }
        }
        let listed = self.graph.row(i);
        for &(j, _) in listed {
            scratch.listed[j] = true;
        }
        scratch.violators.clear();
        let gain = listed.len().max(MIN_GAIN);
        // Cells at or above `admit` cannot be among the `gain` best any more.
        let mut admit = self.slack;
        let mut violated = false;
        // No cell lighter than this can violate, whatever its column.
        let cut = Cost::weight_cut(self.objective, u + highest + self.slack);
        // Offers cell `(i, j)` of weight `w`; whether it violates.
        let mut check = |j: usize, w: f64| {
            if w < cut || !self.usable(j) || scratch.listed[j] || !is_allowed(w) {
                return false;
            }
            let reduced = Cost::of_cell(self.objective, w) - u - self.flow.potentials[j];
            if reduced < admit {
                let kept = &mut scratch.violators;
                kept.push((reduced, j, w));
                if kept.len() == 2 * gain {
                    kept.select_nth_unstable_by(gain - 1, by_reduced_cost);
                    kept.truncate(gain);
                    admit = kept[gain - 1].0;
                }
            }
            reduced < Cost::ZERO
        };
        let whole_row = suspects.iter().sum::<usize>() * WHOLE_ROW_FROM > self.usable.len();
        let weights = if whole_row {
            self.source.row(i, &mut scratch.row)
        } else {
            &[]
        };
        if whole_row {
            // Most cells fall below the cut: one test without branches per
            // block of eight, and only the cells that pass go on.
            let blocks = weights.chunks_exact(CUT_BLOCK);
            let tail = blocks.remainder();
            for (b, block) in blocks.enumerate() {
                let mut above = 0u32;
                for (l, &w) in block.iter().enumerate() {
                    above |= u32::from(w >= cut) << l;
                }
                while above != 0 {
                    let l = above.trailing_zeros() as usize;
                    above &= above - 1;
                    violated |= check(b * CUT_BLOCK + l, block[l]);
                }
            }
            let start = weights.len() - tail.len();
            for (j, &w) in (start..).zip(tail) {
                violated |= check(j, w);
            }
        } else {
            // The columns that may hold a violator first; the ones merely
            // within the slack only matter if there is one.
            for (group, &count) in self.groups.iter().zip(&violable) {
                for &j in &group[..count] {
                    violated |= check(j, self.source.weight(i, j));
                }
            }
            if violated {
                for (g, group) in self.groups.iter().enumerate() {
                    for &j in &group[violable[g]..suspects[g]] {
                        violated |= check(j, self.source.weight(i, j));
                    }
                }
            }
        }
        let mut cells = listed.to_vec();
        if violated {
            if scratch.violators.len() > gain {
                scratch
                    .violators
                    .select_nth_unstable_by(gain, by_reduced_cost);
                scratch.violators.truncate(gain);
            }
            for &(_, j, w) in &scratch.violators {
                scratch.listed[j] = true;
                cells.push((j, w));
            }
            cells.sort_unstable_by_key(|&(j, _)| j);
            debug_assert!(
                cells.windows(2).all(|pair| pair[0].0 < pair[1].0),
                "row {i} gains a cell twice"
            );
        }
        // Without the whole row at hand the old ceilings still bound the
        // unlisted cells, which are fewer if anything.
        let rescored = whole_row.then(|| self.ceilings(weights, &scratch.listed));
        for &(j, _) in &cells {
            scratch.listed[j] = false;
        }
        let ceilings = match (violated, rescored) {
            (false, None) => return None,
            (_, Some(new)) => new,
            (true, None) => *ceilings,
        };
        Some(Update {
            row: i,
            cells: ListedRow { cells, ceilings },
            gained: violated,
        })
    }

    /// Whether column `j` has positive capacity.
    fn usable(&self, j: usize) -> bool {
        usize::from(self.slots[j]) < GROUPS
    }

    /// The ceilings of a row of `weights` whose columns marked in `listed`
    /// are listed: the largest unlisted weight in each group.
    fn ceilings(&self, weights: &[f64], listed: &[bool]) -> Ceilings {
        // Running maxima per lane of columns, so that neighbouring columns
        // of one group do not wait on each other; slot `GROUPS` takes the
        // columns that bound nothing (listed or unusable).
        let mut lanes = [[f64::NEG_INFINITY; GROUPS + 1]; LANES];
        let columns = weights.iter().zip(self.slots).zip(listed).enumerate();
        for (j, ((&w, &slot), &listed)) in columns {
            let slot = if listed { GROUPS } else { usize::from(slot) };
            let ceiling = &mut lanes[j % LANES][slot.min(GROUPS)];
            *ceiling = if w > *ceiling { w } else { *ceiling };
        }
        std::array::from_fn(|g| {
            lanes
                .iter()
                .fold(f64::NEG_INFINITY, |m, lane| m.max(lane[g]))
        })
    }
}
