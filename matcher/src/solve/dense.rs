//! Successive shortest paths over the dense weight matrix, Jonker–Volgenant style.
//!
//! Rows enter one at a time, in index order, and each entry is one Dijkstra
//! search over the columns on reduced costs `c_ij - u_i - v_j >= 0`. Settling a
//! full column leads on to every row it holds (their edges are tight); the search
//! ends at the first column with spare capacity, or at the implicit "unmatched"
//! sink, which every row reaches at reduced cost `-u_i`.
//!
//! A search costs `O(cols)` per row it scans. A row whose best column at current
//! prices still has room ends its search after one scan, so the greedy start
//! comes for free; only contested rows pay for longer paths.
//!
//! Invariants between searches, all in [`Cost`] arithmetic:
//! - column potentials `v_j <= 0`, and `v_j = 0` while column `j` has spare room
//!   (loads only grow, and only settled full columns are repriced);
//! - row potentials are implied by the assignment: `u_i = c_ij - v_j` for a row in
//!   column `j`, and `0` for an unmatched row (the sink's potential is `0`);
//! - every allowed cell and every sink edge has reduced cost `>= 0`.

use super::cost::Cost;
use super::problem::{is_allowed, Problem};

/// An optimal flow: the assignment and the column potentials that prove it.
pub(super) struct Flow {
    /// Column of each row, `None` if it is unmatched.
    pub(super) assignment: Vec<Option<usize>>,
    /// Potential `v_j` of each column (zero for columns that never filled up).
    pub(super) potentials: Vec<Cost>,
}

/// Solves a validated problem.
pub(super) fn solve(problem: Problem<'_>) -> Flow {
    let mut solver = Solver::new(problem);
    for row in 0..problem.rows {
        solver.insert(row);
    }
    Flow {
        assignment: solver.placement,
        potentials: solver.potentials,
    }
}

/// Where an augmenting path ends.
enum End {
    /// A column with spare capacity.
    Column(usize),
    /// The unmatched sink.
    Sink,
}

/// Primal–dual state of the solver.
struct Solver<'a> {
    problem: Problem<'a>,
    /// Columns with positive capacity, ascending.
    usable: Vec<usize>,
    /// Capacity still free in each column.
    spare: Vec<u32>,
    /// Rows held by each column.
    members: Vec<Vec<usize>>,
    /// Column of each row inserted so far (`None`: unmatched or not inserted).
    placement: Vec<Option<usize>>,
    /// Column potentials `v_j`.
    potentials: Vec<Cost>,
    /// Scratch space of the current search.
    search: Search,
}

/// Dijkstra state of one search, reused across rows.
struct Search {
    /// Tentative distance of each column.
    dist: Vec<Cost>,
    /// The row each column was last reached from.
    pred: Vec<usize>,
    /// Usable columns not settled yet, ascending.
    open: Vec<usize>,
    /// Full columns settled by this search.
    settled: Vec<usize>,
    /// Tentative distance of the sink.
    sink_dist: Cost,
    /// The row the sink was last reached from.
    sink_pred: usize,
}

impl<'a> Solver<'a> {
    fn new(problem: Problem<'a>) -> Self {
        let cols = problem.cols;
        Self {
            problem,
            usable: problem.usable_columns().collect(),
            spare: problem.capacities.to_vec(),
            members: vec![Vec::new(); cols],
            placement: vec![None; problem.rows],
            potentials: vec![Cost::ZERO; cols],
            search: Search {
                dist: vec![Cost::UNREACHED; cols],
                pred: vec![0; cols],
                open: Vec::with_capacity(cols),
                settled: Vec::new(),
                sink_dist: Cost::UNREACHED,
                sink_pred: 0,
            },
        }
    }

    /// Adds `row` by one shortest augmenting path, then reprices settled columns.
    fn insert(&mut self, row: usize) {
        let search = &mut self.search;
        search.open.clone_from(&self.usable);
        for &j in &search.open {
            search.dist[j] = Cost::UNREACHED;
        }
        search.settled.clear();
        search.sink_dist = Cost::UNREACHED;
        // The entering row has no potential yet: distances from it are only
        // defined up to a constant, and zero is as good as any.
        self.relax(row, Cost::ZERO);

        let end = loop {
            match self.search.pop() {
                None => break End::Sink,
                Some(j) if self.spare[j] > 0 => break End::Column(j),
                Some(j) => {
                    self.search.settled.push(j);
                    let reached = self.search.dist[j];
                    for k in 0..self.members[j].len() {
                        let held = self.members[j][k];
                        self.relax(held, reached - self.row_potential(held));
                    }
                }
            }
        };

        let search = &self.search;
        let length = match end {
            End::Column(j) => search.dist[j],
            End::Sink => search.sink_dist,
        };
        for &j in &search.settled {
            self.potentials[j] = self.potentials[j] + (search.dist[j] - length);
        }
        self.augment(row, end);
    }

    /// Potential `u_i` implied by the current placement of `row`.
    fn row_potential(&self, row: usize) -> Cost {
        match self.placement[row] {
            Some(j) => {
                Cost::of_cell(self.problem.objective, self.problem.row(row)[j]) - self.potentials[j]
            }
            None => Cost::ZERO,
        }
    }

    /// Relaxes the sink edge and every allowed open cell of `row`; `offset` is
    /// the distance at which the search reached `row`, minus its potential `u_row`.
    fn relax(&mut self, row: usize, offset: Cost) {
        let search = &mut self.search;
        if offset < search.sink_dist {
            search.sink_dist = offset;
            search.sink_pred = row;
        }
        let weights = self.problem.row(row);
        let objective = self.problem.objective;
        for &j in &search.open {
            let weight = weights[j];
            if !is_allowed(weight) {
                continue;
            }
            let candidate = offset + Cost::of_cell(objective, weight) - self.potentials[j];
            if candidate < search.dist[j] {
                search.dist[j] = candidate;
                search.pred[j] = row;
            }
        }
    }

    /// Flips the path ending at `end` back to the entering row `row`.
    fn augment(&mut self, row: usize, end: End) {
        let (mut target, mut mover) = match end {
            End::Column(j) => {
                self.spare[j] -= 1;
                (Some(j), self.search.pred[j])
            }
            End::Sink => (None, self.search.sink_pred),
        };
        loop {
            let left = std::mem::replace(&mut self.placement[mover], target);
            if let Some(j) = target {
                self.members[j].push(mover);
            }
            if mover == row {
                break;
            }
            let Some(j) = left else {
                unreachable!("only the entering row is reached without a column")
            };
            let held = &mut self.members[j];
            let at = held.iter().position(|&m| m == mover);
            held.swap_remove(at.expect("a placed row is among its column's members"));
            target = Some(j);
            mover = self.search.pred[j];
        }
    }
}

impl Search {
    /// Settles the open column of least distance (the lowest index on ties), or
    /// returns `None` when the sink is strictly closer.
    fn pop(&mut self) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (at, &j) in self.open.iter().enumerate() {
            if best.is_none_or(|(_, b)| self.dist[j] < self.dist[b]) {
                best = Some((at, j));
            }
        }
        let (at, j) = best?;
        if self.sink_dist < self.dist[j] {
            return None;
        }
        // Keep `open` ascending, so that scans run in index order.
        self.open.remove(at);
        Some(j)
    }
}
