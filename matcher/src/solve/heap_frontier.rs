//! A frontier over the candidate graph: a binary heap of reached columns, so
//! that a search costs `O(cells reached · log)` instead of `O(cols)` per row.

use std::collections::BinaryHeap;

use super::candidates::Candidates;
use super::cost::Cost;
use super::frontier::Frontier;
use super::problem::Objective;
use super::row_blocks::descending_key;
use super::row_cells::RowCells;

/// The columns one Dijkstra search has reached: their distances, which are
/// settled, and a heap of the others by distance. Shared by the forward
/// searches of [`HeapFrontier`] and the reverse ones that refill free
/// seats.
pub(super) struct ColumnSearch {
    /// Tentative distance of each column.
    pub(super) dist: Vec<Cost>,
    /// Whether each column is settled in the current search.
    pub(super) settled: Vec<bool>,
    /// Columns reached by the current search, to reset on restart.
    touched: Vec<usize>,
    /// Reached columns by distance; entries of settled columns are stale.
    heap: BinaryHeap<Entry>,
}

impl ColumnSearch {
    /// No column reached, among `0..cols`.
    pub(super) fn new(cols: usize) -> Self {
        Self {
            dist: vec![Cost::UNREACHED; cols],
            settled: vec![false; cols],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Forgets the previous search.
    pub(super) fn restart(&mut self) {
        for &j in &self.touched {
            self.dist[j] = Cost::UNREACHED;
            self.settled[j] = false;
        }
        self.touched.clear();
        self.heap.clear();
    }

    /// Records that `col` is reached at `dist`, below its previous distance;
    /// `full` if it has no spare capacity.
    pub(super) fn reach(&mut self, col: usize, dist: Cost, full: bool) {
        if self.dist[col] == Cost::UNREACHED {
            self.touched.push(col);
        }
        self.dist[col] = dist;
        self.heap.push(Entry::new(dist, full, col));
    }

    /// The reached, unsettled column that [`Entry`] orders first, if any.
    pub(super) fn nearest(&mut self) -> Option<usize> {
        while let Some(top) = self.heap.peek() {
            let col = top.col();
            if self.settled[col] || !top.is_at(self.dist[col]) {
                self.heap.pop();
            } else {
                return Some(col);
            }
        }
        None
    }

    /// Settles `col`, which [`nearest`](Self::nearest) has just returned.
    pub(super) fn settle(&mut self, col: usize) {
        let top = self.heap.pop();
        debug_assert_eq!(top.map(|e| e.col()), Some(col));
        self.settled[col] = true;
    }
}

/// Dijkstra state over the listed cells of a [`Candidates`] graph.
pub(super) struct HeapFrontier<'g> {
    graph: &'g Candidates,
    objective: Objective,
    search: ColumnSearch,
    /// The row each column was last reached from, and that cell's weight.
    pred: Vec<(usize, f64)>,
    /// The least distance at which the search has reached a column with
    /// spare capacity: it ends there at the latest, so a full column
    /// reached no nearer is never settled, and stays off the heap.
    nearest_free: Cost,
}

impl<'g> HeapFrontier<'g> {
    /// An empty frontier over `graph`, whose columns are `0..cols`.
    pub(super) fn new(graph: &'g Candidates, cols: usize, objective: Objective) -> Self {
        Self {
            graph,
            objective,
            search: ColumnSearch::new(cols),
            pred: vec![(0, 0.0); cols],
            nearest_free: Cost::UNREACHED,
        }
    }
}

impl Frontier for HeapFrontier<'_> {
    fn restart(&mut self) {
        self.search.restart();
        self.nearest_free = Cost::UNREACHED;
    }

    fn relax(&mut self, row: usize, offset: Cost, potentials: &[Cost], spare: &[u32]) {
        self.graph.count_relaxed(self.graph.row(row).len());
        for &(j, weight) in self.graph.row(row) {
            let candidate = offset + Cost::of_cell(self.objective, weight) - potentials[j];
            // A settled column is at least as near in exact arithmetic: the
            // flag only guards against rounding, so it is read last.
            if candidate < self.search.dist[j] && !self.search.settled[j] {
                // Ties go to the free column, so one as near is settled first.
                let full = spare[j] == 0;
                if full && candidate >= self.nearest_free {
                    continue;
                }
                if !full && candidate < self.nearest_free {
                    self.nearest_free = candidate;
                }
                self.search.reach(j, candidate, full);
                self.pred[j] = (row, weight);
            }
        }
    }

    fn nearest(&mut self) -> Option<usize> {
        self.search.nearest()
    }

    fn spent(&self) -> bool {
        self.graph.spent()
    }

    fn settle(&mut self, col: usize) {
        self.search.settle(col);
    }

    fn distance(&self, col: usize) -> Cost {
        self.search.dist[col]
    }

    fn reached_from(&self, col: usize) -> (usize, f64) {
        self.pred[col]
    }
}

impl RowCells for HeapFrontier<'_> {
    fn cells(&self, row: usize) -> &[(usize, f64)] {
        self.graph.row(row)
    }
}

/// A heap entry, ordered so that [`BinaryHeap`] pops the least distance
/// first, among equals a column with spare capacity before a full one, then
/// the lowest column. On tied weights, that ends a search at the first free
/// column at the least distance instead of settling every full one first.
///
/// The order lives in integers, which compare faster than the float pairs
/// of a [`Cost`]: the distance's halves as [`descending_key`]s (`+ 0.0`
/// first, so that `-0.0` ties with `0.0` as it compares), then the column
/// and whether it was full, bitwise negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    key: (u64, u64, u64),
}

/// The bit of [`Entry::key`]'s last part that marks a full column.
const FULL: u64 = 1 << 63;

impl Entry {
    /// Column `col` at distance `dist`; `full` if it had no spare capacity.
    fn new(dist: Cost, full: bool, col: usize) -> Self {
        let (major, minor) = Self::distance_key(dist);
        let tie = if full { FULL } else { 0 } | col as u64;
        Self {
            key: (major, minor, !tie),
        }
    }

    fn distance_key(dist: Cost) -> (u64, u64) {
        (
            descending_key(dist.major + 0.0),
            descending_key(dist.minor + 0.0),
        )
    }

    /// The column.
    fn col(&self) -> usize {
        (!self.key.2 & !FULL) as usize
    }

    /// Whether the entry is at distance `dist`.
    fn is_at(&self, dist: Cost) -> bool {
        (self.key.0, self.key.1) == Self::distance_key(dist)
    }
}
