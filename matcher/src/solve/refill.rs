//! Refilling seats: after a warm re-solve, a column may be left with a free
//! seat and a price `v_j < 0`, which no optimal flow allows. A reverse
//! shortest-path search from that seat finds the cheapest way to fill it:
//! a chain of rows each moving one column closer to it, started either by an
//! unmatched row or by a column that may keep a free seat at price zero.
//!
//! The search mirrors the forward one: it settles columns by distance on
//! reduced costs `c_ik - u_i - v_k >= 0`; from a settled column `k` it follows
//! every listed cell `(i, k)` of a row `i` outside `k` back to `i`'s column.
//! Settled columns then rise in price by the length of the chain minus their
//! distance, which keeps every reduced cost non-negative and every price `<= 0`.

use super::candidates::Candidates;
use super::cost::Cost;
use super::heap_frontier::ColumnSearch;
use super::placement::Placement;
use super::problem::Objective;

/// The listed cells of a candidate graph by column: `(row, weight)`,
/// ascending rows.
struct ByColumn {
    /// Where each column's cells start in `cells`; one more entry than columns.
    starts: Vec<usize>,
    cells: Vec<(usize, f64)>,
}

impl ByColumn {
    /// Transposes `graph`, whose columns are `0..cols`.
    fn of(graph: &Candidates, cols: usize) -> Self {
        let mut starts = vec![0; cols + 1];
        for i in 0..graph.rows() {
            for &(j, _) in graph.row(i) {
                starts[j + 1] += 1;
            }
        }
        for j in 0..cols {
            starts[j + 1] += starts[j];
        }
        let mut next = starts.clone();
        let mut cells = vec![(0, 0.0); starts[cols]];
        for i in 0..graph.rows() {
            for &(j, w) in graph.row(i) {
                cells[next[j]] = (i, w);
                next[j] += 1;
            }
        }
        Self { starts, cells }
    }

    fn column(&self, j: usize) -> &[(usize, f64)] {
        &self.cells[self.starts[j]..self.starts[j + 1]]
    }
}

/// How the cheapest chain into a free seat starts.
#[derive(Clone, Copy)]
enum Start {
    /// An unmatched row moves into the column.
    Recruit { row: usize, col: usize, weight: f64 },
    /// The column gives up a row and keeps a free seat at price zero.
    Vacate(usize),
}

/// The state of reverse searches over the columns.
struct Refill {
    by_column: ByColumn,
    search: ColumnSearch,
    /// For a reached column: the member row that would leave it, the column
    /// it would move to, and that cell's weight.
    pred: Vec<(usize, usize, f64)>,
}

impl Refill {
    /// Searches over `graph`, whose columns are `0..cols`.
    fn new(graph: &Candidates, cols: usize) -> Self {
        Self {
            by_column: ByColumn::of(graph, cols),
            search: ColumnSearch::new(cols),
            pred: vec![(0, 0, 0.0); cols],
        }
    }
}

/// Fills every free seat of a column with a price in `placement`, by reverse
/// searches over the cells of `graph` (set up only if there is such a seat).
pub(super) fn refill(placement: &mut Placement, objective: Objective, graph: &Candidates) {
    let cols = placement.spare().len();
    let mut refill = None;
    for j in 0..cols {
        while placement.spare()[j] > 0 && placement.flow().potentials[j] < Cost::ZERO {
            let refill = refill.get_or_insert_with(|| Refill::new(graph, cols));
            refill.fill_seat(placement, objective, j);
        }
    }
}

impl Refill {
    /// One reverse search from a free seat of column `seat`: moves the chain
    /// that fills it at least cost, or raises prices so that it may stay free.
    fn fill_seat(&mut self, placement: &mut Placement, objective: Objective, seat: usize) {
        let (by_column, search) = (&self.by_column, &mut self.search);
        search.restart();
        // A free seat is all the search ends at, so every column counts as
        // full for the order of ties.
        search.reach(seat, Cost::ZERO, true);
        let mut settled = Vec::new();
        let mut best: Option<(Cost, Start)> = None;
        while let Some(k) = search.nearest() {
            let at = search.dist[k];
            if best.is_some_and(|(length, _)| length <= at) {
                break;
            }
            search.settle(k);
            settled.push(k);
            let vacate = at - placement.flow().potentials[k];
            if best.is_none_or(|(length, _)| vacate < length) {
                best = Some((vacate, Start::Vacate(k)));
            }
            for &(row, weight) in by_column.column(k) {
                let from = placement.flow().assignment[row];
                if from == Some(k) {
                    continue;
                }
                let reduced = Cost::of_cell(objective, weight)
                    - placement.flow().row_potential(objective, row)
                    - placement.flow().potentials[k];
                let dist = at + reduced;
                match from {
                    None => {
                        if best.is_none_or(|(length, _)| dist < length) {
                            let start = Start::Recruit {
                                row,
                                col: k,
                                weight,
                            };
                            best = Some((dist, start));
                        }
                    }
                    Some(l) => {
                        if !search.settled[l] && dist < search.dist[l] {
                            search.reach(l, dist, true);
                            self.pred[l] = (row, k, weight);
                        }
                    }
                }
            }
        }
        let (length, start) = best.expect("the seat's own column can always be vacated");
        for &k in &settled {
            let raised = placement.flow().potentials[k] + (length - search.dist[k]);
            // Never above zero, whatever the rounding.
            let potential = if raised < Cost::ZERO {
                raised
            } else {
                Cost::ZERO
            };
            placement.set_potential(k, potential);
        }
        let (mut col, recruit) = match start {
            Start::Recruit { row, col, weight } => (col, Some((row, col, weight))),
            Start::Vacate(col) => {
                placement.set_potential(col, Cost::ZERO);
                (col, None)
            }
        };
        // Moves from the start of the chain to the seat, made seat end first so
        // that each row moves into a column with room.
        let mut moves = Vec::new();
        while col != seat {
            let (row, into, weight) = self.pred[col];
            moves.push((row, into, weight));
            col = into;
        }
        for &(row, into, weight) in moves.iter().rev() {
            placement.unplace(row);
            placement.take(row, into, weight);
        }
        if let Some((row, col, weight)) = recruit {
            placement.take(row, col, weight);
        }
    }
}
