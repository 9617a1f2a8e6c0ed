//! The dense engine: every search scans whole rows of the weight matrix and
//! picks the nearest column by a linear scan, `O(cols)` per row it reaches.
//! Best for small problems, where building a candidate graph does not pay,
//! and for matrices whose searches all cross much of the graph.
//!
//! The scan runs on plain scalars. A column's distance is a [`Cost`] pair,
//! but within one search its count half is the same on every path to it:
//! every path to a column adds one match, so only the column's potential
//! sets that half, `o - 1 - v_j` where `o` is the count half every offset of
//! the search shares (a row held by a settled column is reached at the
//! column's distance minus the row's potential, and their count halves
//! cancel). Relaxing a cell therefore compares weight halves alone. Count
//! halves only order the columns: under [`Objective::Total`] they break
//! ties of weight, and under [`Objective::Coverage`] they come first, which
//! matters only where they differ (some search ended at the "unmatched"
//! sink); there the scan orders columns by whole pairs (the general order).

use super::cost::Cost;
use super::engine;
use super::flow::Flow;
use super::frontier::Frontier;
use super::problem::{Objective, Problem};

/// Solves a validated problem.
pub(super) fn solve(problem: Problem<'_>) -> Flow {
    solve_in(problem, false)
}

/// [`solve`], with every search ordering columns by whole cost pairs if
/// `pairs_only` (tests check that the two orders agree).
pub(super) fn solve_in(problem: Problem<'_>, pairs_only: bool) -> Flow {
    engine::solve(
        problem.rows,
        problem.capacities,
        problem.objective,
        Scan::new(problem, pairs_only),
    )
}

/// A column index as the scan stores it.
fn column_id(j: usize) -> u32 {
    u32::try_from(j).expect("fewer than 2^32 columns")
}

/// How a search orders the columns it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// By the weight half of the distance, ties by the count half: exact
    /// under [`Objective::Total`], and under [`Objective::Coverage`] when
    /// every count half is the same.
    Weight,
    /// By whole cost pairs: always exact.
    Pairs,
}

/// The state of one column that the scan reads for every cell.
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    /// Weight half of the column's tentative distance; `+inf` where not
    /// reached.
    dist: f64,
    /// Weight half of the column's potential during the current search
    /// (potentials change only between searches).
    price: f64,
}

/// What the first relax of a search fixes for the rest of it.
#[derive(Debug, Clone, Copy)]
struct Search {
    /// The count half that every offset of the search shares.
    offset_count: f64,
    /// How the search orders its columns.
    order: Order,
}

/// A frontier over the full matrix, with the open columns in a list.
struct Scan<'a> {
    problem: Problem<'a>,
    /// Whether every search orders columns by whole pairs.
    pairs_only: bool,
    /// Columns with positive capacity, ascending.
    usable: Vec<u32>,
    /// Usable columns not settled yet, ascending.
    open: Vec<u32>,
    /// Position in `open` and index of the nearest reached open column,
    /// found by the last [`relax`](Frontier::relax) or
    /// [`nearest`](Frontier::nearest) since the last settle.
    nearest: Option<(usize, usize)>,
    /// What the scan reads and writes of each column, side by side.
    reach: Vec<Reach>,
    /// Count half of each usable column's distance in the current search.
    count: Vec<f64>,
    /// The row each column was last reached from.
    pred: Vec<usize>,
    /// Whether each usable column is full (capacities do not change during
    /// a search).
    full: Vec<bool>,
    /// Set by the first relax of the current search.
    search: Option<Search>,
}

impl<'a> Scan<'a> {
    /// A frontier over `problem`, ordering columns by whole pairs in every
    /// search if `pairs_only`.
    fn new(problem: Problem<'a>, pairs_only: bool) -> Self {
        let cols = problem.cols;
        Scan {
            problem,
            pairs_only,
            usable: problem.usable_columns().map(column_id).collect(),
            open: Vec::with_capacity(cols),
            nearest: None,
            reach: vec![Reach::default(); cols],
            count: vec![0.0; cols],
            pred: vec![0; cols],
            full: vec![false; cols],
            search: None,
        }
    }

    /// Reads the potentials and spare seats the current search runs on,
    /// given the offset of its first relax, and picks its order.
    fn begin(&mut self, offset: Cost, potentials: &[Cost], spare: &[u32]) -> Search {
        let objective = self.problem.objective;
        let (offset_count, _) = offset.halves(objective);
        let (mut counts_equal, mut shared) = (true, None);
        for &j in &self.usable {
            let j = j as usize;
            let (count, price) = potentials[j].halves(objective);
            self.count[j] = offset_count - 1.0 - count;
            self.reach[j] = Reach {
                dist: f64::INFINITY,
                price,
            };
            self.full[j] = spare[j] == 0;
            counts_equal &= *shared.get_or_insert(count) == count;
        }
        let order = match objective {
            _ if self.pairs_only => Order::Pairs,
            Objective::Total => Order::Weight,
            Objective::Coverage if counts_equal => Order::Weight,
            Objective::Coverage => Order::Pairs,
        };
        Search {
            offset_count,
            order,
        }
    }

    /// Whether reached column `j` comes before reached column `b`, which is
    /// earlier in index order, on equal weight halves: a lower count half
    /// first, then spare capacity where `b` is full.
    #[inline]
    fn tie_first(&self, j: usize, b: usize) -> bool {
        let (c, e) = (self.count[j], self.count[b]);
        c < e || (c == e && self.full[b] && !self.full[j])
    }

    /// Whether reached column `j` comes before reached column `b`, which is
    /// earlier in index order, comparing whole cost pairs.
    #[inline]
    fn pair_first(&self, j: usize, b: usize) -> bool {
        let (d, e) = (self.distance(j), self.distance(b));
        d < e || (d == e && self.full[b] && !self.full[j])
    }

    /// One pass over the open columns: relaxes the cells of `row` at weight
    /// half `offset` first if `RELAX`, and finds the nearest reached column
    /// in the general order if `PAIRS`, else in [`Order::Weight`].
    fn sweep<const RELAX: bool, const PAIRS: bool>(&mut self, row: usize, offset: f64) {
        let weights = if RELAX { self.problem.row(row) } else { &[] };
        let mut best: Option<(usize, usize)> = None;
        let mut best_dist = f64::INFINITY;
        for at in 0..self.open.len() {
            let j = self.open[at] as usize;
            let reach = &mut self.reach[j];
            let mut d = reach.dist;
            if RELAX {
                // A forbidden cell (`-inf`) gives `+inf`: never nearer.
                let candidate = offset - weights[j] - reach.price;
                if candidate < d {
                    d = candidate;
                    reach.dist = candidate;
                    self.pred[j] = row;
                }
            }
            let first = if PAIRS {
                d < f64::INFINITY && best.is_none_or(|(_, b)| self.pair_first(j, b))
            } else {
                d < best_dist || (d == best_dist && best.is_some_and(|(_, b)| self.tie_first(j, b)))
            };
            if first {
                best = Some((at, j));
                best_dist = d;
            }
        }
        self.nearest = best;
    }
}

impl Frontier for Scan<'_> {
    fn restart(&mut self) {
        self.nearest = None;
        self.search = None;
        self.open.clone_from(&self.usable);
    }

    fn relax(&mut self, row: usize, offset: Cost, potentials: &[Cost], spare: &[u32]) {
        let search = match self.search {
            Some(search) => search,
            None => self.begin(offset, potentials, spare),
        };
        self.search = Some(search);
        let (count, weight) = offset.halves(self.problem.objective);
        debug_assert_eq!(count, search.offset_count, "one count half per search");
        match search.order {
            Order::Weight => self.sweep::<true, false>(row, weight),
            Order::Pairs => self.sweep::<true, true>(row, weight),
        }
    }

    fn nearest(&mut self) -> Option<usize> {
        if self.nearest.is_none() {
            match self.search.map(|search| search.order) {
                Some(Order::Weight) => self.sweep::<false, false>(0, 0.0),
                Some(Order::Pairs) => self.sweep::<false, true>(0, 0.0),
                // Nothing is reached before the first relax.
                None => {}
            }
        }
        self.nearest.map(|(_, j)| j)
    }

    fn settle(&mut self, col: usize) {
        // Keep `open` ascending, so that scans run in index order.
        let at = self.nearest.take().map_or(usize::MAX, |(at, _)| at);
        let removed = self.open.remove(at);
        debug_assert_eq!(removed as usize, col);
    }

    fn distance(&self, col: usize) -> Cost {
        Cost::from_halves(
            self.problem.objective,
            self.count[col],
            self.reach[col].dist,
        )
    }

    fn reached_from(&self, col: usize) -> (usize, f64) {
        let row = self.pred[col];
        (row, self.problem.row(row)[col])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::certificate::certify;
    use super::super::instances::{instances, integer_cells, real_cells, Instance, OBJECTIVES};
    use super::super::oracle;
    use super::super::tests::certified_optimum;
    use super::*;

    /// The dense engine's assignment and potentials (as raw bits) on
    /// `problem`.
    fn solved_in(problem: Problem<'_>, pairs_only: bool) -> (Vec<Option<usize>>, Vec<u64>) {
        let flow = solve_in(problem, pairs_only);
        let bits = flow
            .potentials
            .iter()
            .flat_map(|p| [p.major.to_bits(), p.minor.to_bits()])
            .collect();
        (flow.assignment, bits)
    }

    /// The order a search picks on `problem` from column potentials whose
    /// count halves are `counts` (weight halves zero).
    fn order_from(problem: Problem<'_>, counts: &[f64]) -> Order {
        let potentials: Vec<Cost> = counts
            .iter()
            .map(|&c| Cost::from_halves(problem.objective, c, 0.0))
            .collect();
        let spare = vec![1; counts.len()];
        let mut scan = Scan::new(problem, false);
        scan.restart();
        scan.begin(Cost::ZERO, &potentials, &spare).order
    }

    #[test]
    fn scalar_order_wherever_count_halves_cannot_reorder_columns() {
        let instance = Instance::new(1, &[1.0, 2.0, 3.0], &[1, 0, 2]);
        let coverage = instance.problem(Objective::Coverage);
        let total = instance.problem(Objective::Total);
        assert_eq!(order_from(coverage, &[0.0, 0.0, 0.0]), Order::Weight);
        // Column 1 has no seat, so its potential is never read.
        assert_eq!(order_from(coverage, &[-1.0, 0.0, -1.0]), Order::Weight);
        assert_eq!(order_from(coverage, &[-1.0, 0.0, 0.0]), Order::Pairs);
        assert_eq!(order_from(total, &[-1.0, 0.0, 0.0]), Order::Weight);
    }

    /// Checks under each objective that both orders give the same flow on
    /// `instance`, and an optimal one. Where some search ends at the
    /// "unmatched" sink (more rows than seats, forbidden cells, negative
    /// weights under the total objective), later searches may see unequal
    /// count halves and the scalar order gives way to pairs.
    fn agree(instance: &Instance) -> Result<(), TestCaseError> {
        for objective in OBJECTIVES {
            let problem = instance.problem(objective);
            let scalar = solved_in(problem, false);
            prop_assert_eq!(&scalar, &solved_in(problem, true), "{:?}", objective);
            let solution = certify(
                problem.capacities,
                objective,
                solve_in(problem, false),
                &problem,
            );
            certified_optimum(
                instance,
                objective,
                &solution,
                oracle::brute_force(&problem),
            )?;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The scalar order gives the very flow of the general one (every
        /// search settles the same columns), and it is optimal.
        #[test]
        fn scalar_and_pair_orders_give_the_same_optimal_flow(
            instance in instances(7, 5, 0..=3, integer_cells(-4..=6)),
        ) {
            agree(&instance)?;
        }

        #[test]
        fn the_orders_agree_on_real_weights(instance in instances(7, 5, 0..=3, real_cells())) {
            agree(&instance)?;
        }
    }
}
