//! Price estimates from an ε-scaling auction, to start the exact engine from.
//!
//! The shortest-path searches are short when they start from column prices
//! close to the optimal ones, and long on a tight roster when they start from
//! zero: there the last rows push chains across most of the graph. An auction
//! (Bertsekas) finds near-optimal prices cheaply. Rows bid for the cheapest
//! seat of their best column at current prices. A free seat's price rises by
//! `ε`; a held one's rises to `ε` above the point where the bidder's second
//! choice would be as good, and its holder is evicted and bids in turn. Each
//! phase divides `ε` and bids again from the last prices.
//!
//! The prices are only a start: the engine then places every row exactly and
//! proves the result, so the auction may stop early (a bid budget guards
//! against price wars) without any effect on the answer, only on its speed.

use super::cost::Cost;
use super::flow::Flow;
use super::problem::Objective;
use super::row_cells::RowCells;

/// `ε` shrinks by this factor per phase.
const SHRINK: f64 = 8.0;

/// The first `ε`, as a share of the spread of the weights.
const FIRST_EPSILON: f64 = 1.0 / 8.0;

/// The last `ε`, as a share of the spread of the weights.
const LAST_EPSILON: f64 = 1.0 / 512.0;

/// Bids per row, at most, in one phase; the auction stops past that.
const AUCTION_BIDS_PER_ROW: usize = 64;

/// What an auction ends with: near-optimal column prices, and the rows'
/// seats at those prices.
pub(super) struct Estimate {
    /// Price of each column (`>= 0`): the price of its cheapest seat.
    pub(super) prices: Vec<f64>,
    /// The column each row holds, with that cell's weight.
    pub(super) held: Vec<Option<(usize, f64)>>,
    /// Whether the last phase ran to the end (within its bid budget).
    pub(super) finished: bool,
}

impl Estimate {
    /// The prices as engine potentials (`v_j <= 0`, see [`engine`](super::engine)).
    pub(super) fn potentials(&self, objective: Objective) -> Vec<Cost> {
        self.prices
            .iter()
            .map(|&p| match objective {
                Objective::Coverage => Cost {
                    major: 0.0,
                    minor: -p,
                },
                Objective::Total => Cost {
                    major: -p,
                    minor: 0.0,
                },
            })
            .collect()
    }

    /// The rows left without a seat, ascending: rows that stayed out,
    /// priced out of every listed cell, if the auction finished.
    pub(super) fn left_out(&self) -> Vec<usize> {
        (0..self.held.len())
            .filter(|&i| self.held[i].is_none())
            .collect()
    }

    /// The seats and prices as a flow, for pricing; not an optimal one.
    pub(super) fn flow(&self, objective: Objective) -> Flow {
        Flow {
            assignment: self.held.iter().map(|h| h.map(|(j, _)| j)).collect(),
            weights: self
                .held
                .iter()
                .map(|h| h.map_or(0.0, |(_, w)| w))
                .collect(),
            potentials: self.potentials(objective),
        }
    }
}

/// Runs the auction on the `rows` rows of `cells` (allowed cells in columns
/// of positive capacity), whose weights have spread `spread` (the steps of
/// `ε` scale with it; all-equal weights take steps of 1).
pub(super) fn estimate(
    cells: &impl RowCells,
    rows: usize,
    capacities: &[u32],
    objective: Objective,
    spread: f64,
) -> Estimate {
    let spread = if spread > 0.0 { spread } else { 1.0 };
    let mut seats = Seats::new(capacities, rows);
    let mut epsilon = spread * FIRST_EPSILON;
    // Under coverage a row would take any seat rather than none; staying out
    // is worth less than any seat at any sensible price.
    let lightest = (0..rows)
        .flat_map(|i| cells.cells(i))
        .fold(f64::INFINITY, |low, &(_, w)| low.min(w));
    let stay_out = match objective {
        Objective::Coverage => lightest - 2.0 * spread,
        Objective::Total => 0.0,
    };
    let mut waiting = Vec::with_capacity(rows);
    let mut weights = vec![0.0; rows];
    loop {
        seats.vacate();
        waiting.clear();
        waiting.extend((0..rows).rev());
        let mut budget = rows.saturating_mul(AUCTION_BIDS_PER_ROW);
        while budget > 0 {
            let Some(row) = waiting.pop() else {
                break;
            };
            budget -= 1;
            let Some((col, bid, weight)) = bid(cells.cells(row), &seats.cheapest, stay_out, spread)
            else {
                continue;
            };
            weights[row] = weight;
            // A free seat needs no more than `ε` over its price for the row
            // to hold it within `ε` of its best; a held one goes to the bid.
            let price = match seats.cheapest_is_free(col) {
                true => seats.cheapest[col] + epsilon,
                false => bid + epsilon,
            };
            if let Some(evicted) = seats.take(col, price, row) {
                waiting.push(evicted);
            }
        }
        let finished = waiting.is_empty();
        if !finished || epsilon <= spread * LAST_EPSILON {
            return seats.estimate(rows, &weights, finished);
        }
        epsilon /= SHRINK;
    }
}

/// The column `row` bids for, its bid before `ε` and the cell's weight. The
/// bid is the price at which its second choice (or staying out, worth
/// `stay_out`) would be as good, and at most `spread` above the current
/// price. `None` if it prefers to stay out (by more than the largest `ε`).
fn bid(
    row: &[(usize, f64)],
    cheapest: &[f64],
    stay_out: f64,
    spread: f64,
) -> Option<(usize, f64, f64)> {
    let (mut first, mut second) = ((f64::NEG_INFINITY, usize::MAX, 0.0), f64::NEG_INFINITY);
    for &(j, w) in row {
        let value = w - cheapest[j];
        if value > first.0 {
            second = first.0;
            first = (value, j, w);
        } else if value > second {
            second = value;
        }
    }
    let (best, col, weight) = first;
    // A row that bid keeps a value within `ε` of staying out, and each later
    // phase may lower it by its own `ε` (which shrinks geometrically): with
    // a margin of twice the first `ε`, it bids again at the same prices
    // instead of leaving its seat empty and priced.
    if col == usize::MAX || best < stay_out - 2.0 * spread * FIRST_EPSILON {
        return None;
    }
    // Never below the best value itself (the bid stays at or above the
    // current price), nor more than `spread` below it.
    let second = second.max(stay_out).min(best).max(best - spread);
    Some((col, weight - second, weight))
}

/// Every column's seats, each with its price and holder, kept as one binary
/// min-heap per column so that the cheapest seat is always first.
struct Seats {
    /// Where each column's seats start; one more entry than columns.
    starts: Vec<usize>,
    /// Price of each seat.
    price: Vec<f64>,
    /// Row holding each seat, [`NOBODY`] if free.
    holder: Vec<usize>,
    /// Price of each column's cheapest seat (`0` for a column without seats).
    cheapest: Vec<f64>,
}

/// The holder of a free seat.
const NOBODY: usize = usize::MAX;

impl Seats {
    /// Free seats at price zero: `capacities[j]` for column `j`, but no more
    /// than `rows`.
    fn new(capacities: &[u32], rows: usize) -> Self {
        let mut starts = vec![0];
        for &cap in capacities {
            starts.push(starts.last().copied().unwrap_or(0) + (cap as usize).min(rows));
        }
        let total = starts.last().copied().unwrap_or(0);
        Seats {
            starts,
            price: vec![0.0; total],
            holder: vec![NOBODY; total],
            cheapest: vec![0.0; capacities.len()],
        }
    }

    /// The prices, and who holds which column at what weight (`weights`
    /// per row); `finished` as in [`Estimate`].
    fn estimate(&self, rows: usize, weights: &[f64], finished: bool) -> Estimate {
        let mut held = vec![None; rows];
        for j in 0..self.cheapest.len() {
            for &row in &self.holder[self.starts[j]..self.starts[j + 1]] {
                if row != NOBODY {
                    held[row] = Some((j, weights[row]));
                }
            }
        }
        Estimate {
            prices: self.cheapest.clone(),
            held,
            finished,
        }
    }

    /// Frees every seat; prices stay.
    fn vacate(&mut self) {
        self.holder.fill(NOBODY);
    }

    /// Whether the cheapest seat of `col` is free.
    fn cheapest_is_free(&self, col: usize) -> bool {
        self.holder[self.starts[col]] == NOBODY
    }

    /// Gives the cheapest seat of `col` to `row` at `price`, which is above
    /// the seat's; returns the row that held it.
    fn take(&mut self, col: usize, price: f64, row: usize) -> Option<usize> {
        let (start, end) = (self.starts[col], self.starts[col + 1]);
        let prices = &mut self.price[start..end];
        let holders = &mut self.holder[start..end];
        let evicted = std::mem::replace(&mut holders[0], row);
        prices[0] = price;
        sift_down(prices, holders);
        self.cheapest[col] = prices[0];
        (evicted != NOBODY).then_some(evicted)
    }
}

/// Restores the min-heap order of `prices` (with `holders` alongside) after
/// the root's price rose.
fn sift_down(prices: &mut [f64], holders: &mut [usize]) {
    let mut at = 0;
    loop {
        let (left, right) = (2 * at + 1, 2 * at + 2);
        let mut least = at;
        if left < prices.len() && prices[left] < prices[least] {
            least = left;
        }
        if right < prices.len() && prices[right] < prices[least] {
            least = right;
        }
        if least == at {
            return;
        }
        prices.swap(at, least);
        holders.swap(at, least);
        at = least;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::instances::{instances, integer_cells, Instance, FORBIDDEN, OBJECTIVES};
    use super::super::oracle;
    use super::*;

    /// Every cell of a dense instance, listed.
    struct Dense(Vec<Vec<(usize, f64)>>);

    impl RowCells for Dense {
        fn cells(&self, row: usize) -> &[(usize, f64)] {
            &self.0[row]
        }
    }

    fn dense(instance: &Instance) -> Dense {
        let cols = instance.capacities.len();
        let rows = (0..instance.rows)
            .map(|i| {
                (0..cols)
                    .filter(|&j| instance.capacities[j] > 0)
                    .filter(|&j| instance.weights[i * cols + j] != FORBIDDEN)
                    .map(|j| (j, instance.weights[i * cols + j]))
                    .collect()
            })
            .collect();
        Dense(rows)
    }

    /// Square-ish instances with exactly as many seats as rows, every cell
    /// allowed, integer weights in `0..=max`.
    fn tight(max: i32) -> impl Strategy<Value = Instance> {
        (1..=6usize, 1..=5usize).prop_flat_map(move |(rows, cols)| {
            let weights = proptest::collection::vec(0..=max, rows * cols);
            // Cut `rows` seats into `cols` capacities.
            let cuts = proptest::collection::vec(0..=rows, cols - 1);
            (weights, cuts).prop_map(move |(weights, mut cuts)| {
                cuts.push(0);
                cuts.push(rows);
                cuts.sort_unstable();
                let capacities: Vec<u32> = cuts.windows(2).map(|w| (w[1] - w[0]) as u32).collect();
                let weights: Vec<f64> = weights.into_iter().map(f64::from).collect();
                Instance::new(rows, &weights, &capacities)
            })
        })
    }

    proptest! {
        /// On a tight instance, under the coverage objective, the auction
        /// seats every row, respects the capacities, and ends `ε`-optimal:
        /// within `rows · ε` of the optimum.
        #[test]
        fn auction_is_epsilon_optimal_on_tight_instances(instance in tight(40)) {
            let cells = dense(&instance);
            let spread = instance.weights.iter().fold(0.0f64, |m, &w| m.max(w))
                - instance.weights.iter().fold(f64::INFINITY, |m, &w| m.min(w));
            let objective = Objective::Coverage;
            {
                let estimate = estimate(&cells, instance.rows, &instance.capacities, objective, spread);
                prop_assert!(estimate.finished);
                let mut load = vec![0; instance.capacities.len()];
                let mut total = 0.0;
                for held in &estimate.held {
                    let (j, w) = held.expect("every row seated");
                    load[j] += 1;
                    total += w;
                }
                prop_assert!(load.iter().zip(&instance.capacities).all(|(&l, &c)| l <= c));
                let optimum = oracle::brute_force(&instance.problem(objective));
                let epsilon = spread.max(1.0) * LAST_EPSILON;
                prop_assert!(total <= optimum.total);
                prop_assert!(total >= optimum.total - instance.rows as f64 * epsilon - 1e-9,
                    "{total} vs {optimum:?}");
                prop_assert!(estimate.potentials(objective).iter().all(|&v| v <= Cost::ZERO));
            }
        }
    }

    proptest! {
        /// On any instance, under either objective, prices stay `>= 0` (the
        /// engine needs potentials `<= 0`) and seats respect capacities.
        #[test]
        fn prices_stay_non_negative_and_seats_within_capacity(
            instance in instances(7, 6, 0..=3, integer_cells(-4..=12)),
        ) {
            let cells = dense(&instance);
            for objective in OBJECTIVES {
                let estimate = estimate(&cells, instance.rows, &instance.capacities, objective, 16.0);
                prop_assert!(estimate.prices.iter().all(|&p| p >= 0.0), "{:?}", estimate.prices);
                let mut load = vec![0; instance.capacities.len()];
                for &(j, _) in estimate.held.iter().flatten() {
                    load[j] += 1;
                }
                prop_assert!(load.iter().zip(&instance.capacities).all(|(&l, &c)| l <= c));
            }
        }
    }

    #[test]
    fn rows_priced_out_of_their_only_column_are_left_out() {
        // Three rows want the one seat of column 0; column 1 is listed by none.
        let cells = Dense(vec![vec![(0, 5.0)], vec![(0, 7.0)], vec![(0, 6.0)]]);
        let estimate = estimate(&cells, 3, &[1, 2], Objective::Coverage, 2.0);
        assert!(estimate.finished);
        assert_eq!(estimate.held, vec![None, Some((0, 7.0)), None]);
        assert_eq!(estimate.left_out(), vec![0, 2]);
        assert_eq!(estimate.prices[1], 0.0);
        assert!(estimate.prices[0] > 0.0);
    }

    #[test]
    fn a_price_war_stops_at_the_budget() {
        // Under the total objective staying out is worth 0, so rows of
        // weight 1e12 fight over one seat in steps of the tiny spread.
        let cells = Dense(vec![vec![(0, 1e12)], vec![(0, 1e12)]]);
        let estimate = estimate(&cells, 2, &[1], Objective::Total, 1e-3);
        assert!(!estimate.finished);
    }
}
