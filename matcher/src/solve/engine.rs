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
use super::members::Members;
use super::problem::Objective;
use super::row_cells::RowCells;
use super::row_reduction::REDUCTION_BIDS_PER_ROW;

/// Inserts every row, in index order, into an empty flow.
pub(super) fn solve(
    rows: usize,
    capacities: &[u32],
    objective: Objective,
    frontier: impl Frontier,
) -> Flow {
    let mut solver = Solver::new(rows, capacities, objective, frontier);
    for row in 0..rows {
        solver.insert(row);
    }
    solver.flow
}

/// Where every row sits, kept between the rounds of the sparse engine.
pub(super) struct Placement {
    /// Capacity still free in each column.
    spare: Vec<u32>,
    /// Rows held by each column.
    members: Members,
    /// The assignment and the column potentials.
    pub(super) flow: Flow,
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
        let mut solver = Solver::new(rows, capacities, objective, frontier);
        solver.flow.potentials = potentials;
        let left = solver.reduce_rows((0..rows).collect(), REDUCTION_BIDS_PER_ROW);
        Reduced { solver, left }
    }

    /// Bids again for the rows left, up to `bids` times each on average:
    /// on a graph without ties, where a search from a row left at the end
    /// crosses much of the graph, more bids leave fewer of them.
    pub(super) fn bid_more(mut self, bids: usize) -> Self {
        let waiting = std::mem::take(&mut self.left);
        self.left = self.solver.reduce_rows(waiting, bids);
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
    pub(super) fn finish(mut self, graph: &Candidates) -> Placement {
        for &row in &self.left {
            self.solver.insert(row);
        }
        self.solver.refill(graph);
        self.solver.into_placement()
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
    let mut solver = Solver::from_placement(placement, objective, frontier);
    for &row in changed {
        solver.unplace(row);
    }
    for &row in changed {
        solver.insert(row);
    }
    solver.refill(graph);
    solver.into_placement()
}

/// Where an augmenting path ends.
enum End {
    /// A column with spare capacity.
    Column(usize),
    /// The unmatched sink.
    Sink,
}

/// Primal–dual state of the solver.
pub(super) struct Solver<F> {
    pub(super) objective: Objective,
    /// Capacity still free in each column.
    pub(super) spare: Vec<u32>,
    /// Rows held by each column.
    pub(super) members: Members,
    /// The rows inserted so far, and the column potentials.
    pub(super) flow: Flow,
    /// Distances to the columns in the current search.
    pub(super) frontier: F,
    /// Full columns settled by the current search.
    settled: Vec<usize>,
    /// Tentative distance of the sink.
    sink_dist: Cost,
    /// The row the sink was last reached from.
    sink_pred: usize,
}

impl<F: Frontier> Solver<F> {
    fn new(rows: usize, capacities: &[u32], objective: Objective, frontier: F) -> Self {
        let empty = Placement {
            spare: capacities.to_vec(),
            members: Members::new(capacities.len()),
            flow: Flow {
                assignment: vec![None; rows],
                weights: vec![0.0; rows],
                potentials: vec![Cost::ZERO; capacities.len()],
            },
        };
        Self::from_placement(empty, objective, frontier)
    }

    /// A solver that goes on from `placement`.
    fn from_placement(placement: Placement, objective: Objective, frontier: F) -> Self {
        Solver {
            objective,
            spare: placement.spare,
            members: placement.members,
            flow: placement.flow,
            frontier,
            settled: Vec::new(),
            sink_dist: Cost::UNREACHED,
            sink_pred: 0,
        }
    }

    /// The placement reached so far.
    fn into_placement(self) -> Placement {
        Placement {
            spare: self.spare,
            members: self.members,
            flow: self.flow,
        }
    }

    /// Puts the unplaced `row` into column `j`, which has room, at weight `w`.
    pub(super) fn take(&mut self, row: usize, j: usize, w: f64) {
        self.spare[j] -= 1;
        self.members.push(j, row);
        self.flow.assignment[row] = Some(j);
        self.flow.weights[row] = w;
    }

    /// Takes `row` out of its column, if it has one.
    pub(super) fn unplace(&mut self, row: usize) {
        let Some(j) = self.flow.assignment[row].take() else {
            return;
        };
        self.flow.weights[row] = 0.0;
        self.remove_member(j, row);
        self.spare[j] += 1;
    }

    /// Drops `row` from the members of column `j` (its seat count unchanged).
    fn remove_member(&mut self, j: usize, row: usize) {
        let at = self.members.position(j, row);
        let at = at.expect("a placed row is among its column's members");
        self.members.swap_remove(j, at);
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
            if self.spare[j] > 0 {
                break End::Column(j);
            }
            self.settled.push(j);
            for k in 0..self.members.len(j) {
                let held = self.members.get(j, k);
                let offset = reached - self.flow.row_potential(self.objective, held);
                self.reach(held, offset);
            }
        };

        let length = match end {
            End::Column(j) => self.frontier.distance(j),
            End::Sink => self.sink_dist,
        };
        for &j in &self.settled {
            let potential = &mut self.flow.potentials[j];
            *potential = *potential + (self.frontier.distance(j) - length);
        }
        self.augment(row, end);
    }

    /// Relaxes the sink edge and the cells of `row`; `offset` is the distance
    /// at which the search reached `row`, minus its potential `u_row`.
    fn reach(&mut self, row: usize, offset: Cost) {
        if offset < self.sink_dist {
            self.sink_dist = offset;
            self.sink_pred = row;
        }
        self.frontier
            .relax(row, offset, &self.flow.potentials, &self.spare);
    }

    /// Flips the path ending at `end` back to the entering row `row`.
    fn augment(&mut self, row: usize, end: End) {
        let (mut target, (mut mover, mut weight)) = match end {
            End::Column(j) => {
                self.spare[j] -= 1;
                (Some(j), self.frontier.reached_from(j))
            }
            End::Sink => (None, (self.sink_pred, 0.0)),
        };
        loop {
            let left = std::mem::replace(&mut self.flow.assignment[mover], target);
            self.flow.weights[mover] = weight;
            if let Some(j) = target {
                self.members.push(j, mover);
            }
            if mover == row {
                break;
            }
            let Some(j) = left else {
                unreachable!("only the entering row is reached without a column")
            };
            self.remove_member(j, mover);
            target = Some(j);
            (mover, weight) = self.frontier.reached_from(j);
        }
    }
}
