//! Successive shortest paths, Jonker–Volgenant style, shared by the dense and
//! the sparse engine; they differ only in their [`Frontier`].
//!
//! Rows enter one at a time, in index order, and each entry is one Dijkstra
//! search over the columns on reduced costs `c_ij - u_i - v_j >= 0`. Settling a
//! full column leads on to every row it holds (their edges are tight); the search
//! ends at the first column with spare capacity, or at the implicit "unmatched"
//! sink, which every row reaches at reduced cost `-u_i`.
//!
//! A row whose best column at current prices still has room ends its search
//! after one scan, so the greedy start comes for free; only contested rows pay
//! for longer paths.
//!
//! Invariants between searches, all in [`Cost`] arithmetic:
//! - column potentials `v_j <= 0`, and `v_j = 0` while column `j` has spare room
//!   (loads only grow, and only settled full columns are repriced), except
//!   after a start from estimated potentials or a row's removal: there a free
//!   seat may keep a price until the [`refill`](super::refill) at the end;
//! - row potentials are implied by the assignment: `u_i = c_ij - v_j` for a row in
//!   column `j`, and `0` for an unmatched row (the sink's potential is `0`);
//! - every cell the frontier offers and every sink edge has reduced cost `>= 0`.

use super::candidates::Candidates;
use super::cost::Cost;
use super::flow::Flow;
use super::frontier::Frontier;
use super::placement::Placement;
use super::problem::Objective;
use super::refill::refill;
use super::row_cells::RowCells;
use super::row_reduction::{reduce_rows, REDUCTION_BIDS_PER_ROW};

/// Inserts every row, in index order, into an empty flow.
pub(super) fn solve(
    rows: usize,
    capacities: &[u32],
    objective: Objective,
    frontier: impl Frontier,
) -> Flow {
    let empty = Placement::new(rows, capacities, vec![Cost::ZERO; capacities.len()]);
    let mut solver = Solver::new(empty, objective, frontier);
    for row in 0..rows {
        solver.insert(row);
    }
    solver.placement.into_flow()
}

/// A solve on its way: rows placed by augmenting row reduction (see
/// [`row_reduction`](super::row_reduction)) from given column potentials,
/// the rest waiting for shortest paths. Most rows are placed by cheap bids;
/// how many are left tells how contested the graph is at those potentials.
pub(super) struct Reduced<F> {
    solver: Solver<F>,
    /// Rows left to the searches, ascending.
    left: Vec<usize>,
}

impl<F: Frontier + RowCells> Reduced<F> {
    /// Row reduction of `rows` rows from column `potentials` (each `<= 0`:
    /// zero, or estimates such as an auction's).
    pub(super) fn new(
        rows: usize,
        capacities: &[u32],
        objective: Objective,
        frontier: F,
        potentials: Vec<Cost>,
    ) -> Self {
        let placement = Placement::new(rows, capacities, potentials);
        let solver = Solver::new(placement, objective, frontier);
        Reduced {
            solver,
            left: (0..rows).collect(),
        }
        .bid_more(REDUCTION_BIDS_PER_ROW)
    }

    /// Bids again for the rows left, up to `bids` times each on average:
    /// on a graph without ties, where a search from a row left at the end
    /// crosses much of the graph, more bids leave fewer of them.
    pub(super) fn bid_more(mut self, bids: usize) -> Self {
        let waiting = std::mem::take(&mut self.left);
        let solver = &mut self.solver;
        self.left = reduce_rows(
            &mut solver.placement,
            solver.objective,
            &solver.frontier,
            waiting,
            bids,
        );
        self
    }

    /// How many rows row reduction left to the searches.
    pub(super) fn left(&self) -> usize {
        self.left.len()
    }

    /// Inserts the rows left by shortest paths, then refills the seats left
    /// free in a column with a price (see [`refill`](super::refill)); keeps
    /// the placement for [`resume`].
    ///
    /// The starting potentials only set where the searches start: every
    /// search keeps the reduced costs of the listed cells non-negative and
    /// the refill prices every free seat at zero, so the result is optimal
    /// whatever they were.
    ///
    /// Where the frontier's budget runs out (see [`Frontier::spent`]), it
    /// stops early and returns the placement as it is, incomplete.
    pub(super) fn finish(mut self, graph: &Candidates) -> Placement {
        if !self.solver.insert_all(&self.left) {
            return self.solver.placement;
        }
        self.solver.refill(graph)
    }
}

/// Re-solves after the cells of the `changed` rows (ascending) have changed
/// and no others: takes those rows out, inserts them again by shortest paths
/// from `placement`, which was optimal before the change, and refills the
/// seats they left where their columns keep a price (see
/// [`refill`](super::refill)).
///
/// The cells of every other row keep their reduced costs, so the searches
/// stay valid and the result is optimal.
pub(super) fn resume(
    placement: Placement,
    changed: &[usize],
    objective: Objective,
    frontier: impl Frontier,
    graph: &Candidates,
) -> Placement {
    let mut solver = Solver::new(placement, objective, frontier);
    for &row in changed {
        solver.placement.unplace(row);
    }
    if !solver.insert_all(changed) {
        return solver.placement;
    }
    solver.refill(graph)
}

/// Where an augmenting path ends.
enum End {
    /// A column with spare capacity.
    Column(usize),
    /// The unmatched sink.
    Sink,
}

/// The shortest-path searches that insert rows into a placement.
struct Solver<F> {
    objective: Objective,
    /// The rows inserted so far, and the column potentials.
    placement: Placement,
    /// Distances to the columns in the current search.
    frontier: F,
    /// Full columns settled by the current search.
    settled: Vec<usize>,
    /// Tentative distance of the sink.
    sink_dist: Cost,
    /// The row the sink was last reached from.
    sink_pred: usize,
}

impl<F: Frontier> Solver<F> {
    /// Searches that go on from `placement`.
    fn new(placement: Placement, objective: Objective, frontier: F) -> Self {
        Solver {
            objective,
            placement,
            frontier,
            settled: Vec::new(),
            sink_dist: Cost::UNREACHED,
            sink_pred: 0,
        }
    }

    /// Refills the free seats of columns with a price over the cells of
    /// `graph`; returns the placement reached.
    fn refill(mut self, graph: &Candidates) -> Placement {
        refill(&mut self.placement, self.objective, graph);
        self.placement
    }

    /// Inserts `rows` in order; stops, returning `false`, when the
    /// frontier's budget is spent (see [`Frontier::spent`]).
    fn insert_all(&mut self, rows: &[usize]) -> bool {
        for &row in rows {
            if self.frontier.spent() {
                return false;
            }
            self.insert(row);
        }
        !self.frontier.spent()
    }

    /// Adds `row` by one shortest augmenting path, then reprices settled columns.
    fn insert(&mut self, row: usize) {
        self.frontier.restart();
        self.settled.clear();
        self.sink_dist = Cost::UNREACHED;
        // The entering row has no potential yet: distances from it are only
        // defined up to a constant, and zero is as good as any.
        self.reach(row, Cost::ZERO);

        let end = loop {
            let Some(j) = self.frontier.nearest() else {
                break End::Sink;
            };
            let reached = self.frontier.distance(j);
            if self.sink_dist < reached {
                break End::Sink;
            }
            self.frontier.settle(j);
            if self.placement.spare()[j] > 0 {
                break End::Column(j);
            }
            self.settled.push(j);
            for k in 0..self.placement.members().len(j) {
                let held = self.placement.members().get(j, k);
                let potential = self.placement.flow().row_potential(self.objective, held);
                self.reach(held, reached - potential);
            }
        };

        let length = match end {
            End::Column(j) => self.frontier.distance(j),
            End::Sink => self.sink_dist,
        };
        for &j in &self.settled {
            let potential = self.placement.flow().potentials[j];
            let repriced = potential + (self.frontier.distance(j) - length);
            self.placement.set_potential(j, repriced);
        }
        let (end, last) = match end {
            End::Column(j) => (Some(j), self.frontier.reached_from(j)),
            End::Sink => (None, (self.sink_pred, 0.0)),
        };
        let frontier = &self.frontier;
        self.placement
            .augment(row, end, last, |j| frontier.reached_from(j));
    }

    /// Relaxes the sink edge and the cells of `row`; `offset` is the distance
    /// at which the search reached `row`, minus its potential `u_row`.
    fn reach(&mut self, row: usize, offset: Cost) {
        if offset < self.sink_dist {
            self.sink_dist = offset;
            self.sink_pred = row;
        }
        let placement = &self.placement;
        self.frontier
            .relax(row, offset, &placement.flow().potentials, placement.spare());
    }
}
