//! Augmenting row reduction, the start of Jonker and Volgenant's algorithm.
//!
//! Each row bids for its best column at current prices (least reduced cost
//! `c_ij - v_j`), raising that column's price until it ties with the row's
//! second choice and evicting the row it held, which then bids in turn. Two
//! passes place most rows of a contested problem with a couple of scans each
//! and leave prices close to the optimal ones, so the shortest-path searches
//! that insert the remaining rows stay short.
//!
//! Bids keep the engine's invariants: a row only ever holds a column it
//! ranks first, its potential stays `<= 0` (its sink edge is never
//! negative), and only a full column gets a price. The members of a full
//! column share its price, so a bid for it evicts the member with the least
//! slack (the gap to its own second choice) and raises the price by no more
//! than the slack of every member that stays. On tied rosters that rise is
//! often zero; a member with no slack then still makes way (it has another
//! cell as good), and a bidder whose second choice is as good and has room
//! takes that, so ties place rows rather than leave them to the searches.

use super::cost::Cost;
use super::placement::Placement;
use super::problem::Objective;
use super::row_cells::RowCells;

/// Passes over the rows still waiting, as in Jonker and Volgenant.
const PASSES: usize = 2;

/// Bids per row, at most, over all passes: a guard against slow
/// convergence on near-ties, after which the searches take over.
pub(super) const REDUCTION_BIDS_PER_ROW: usize = 8;

/// What a bid did.
enum Bid {
    /// The row now holds a column.
    Placed,
    /// The row took a column from this row; `true` if the price rose.
    Evicted(usize, bool),
    /// The row is left to the shortest-path searches.
    Left,
}

/// A row's two best options by reduced cost.
struct Choices {
    /// Least reduced cost, its column and weight.
    first: (Cost, usize, f64),
    /// Second least, capped by the sink's zero; with its column and weight
    /// when it is a cell.
    second: (Cost, Option<(usize, f64)>),
}

/// Places the unplaced rows `waiting` (ascending) of `placement` by bidding
/// over their `cells`, at most `bids` times each on average; returns the rows
/// left to insert, ascending.
pub(super) fn reduce_rows(
    placement: &mut Placement,
    objective: Objective,
    cells: &impl RowCells,
    waiting: Vec<usize>,
    bids: usize,
) -> Vec<usize> {
    let mut bidding = Bidding {
        placement,
        objective,
        cells,
    };
    bidding.reduce(waiting, bids)
}

/// Rows bidding for the columns of a placement.
struct Bidding<'a, C> {
    placement: &'a mut Placement,
    objective: Objective,
    /// Each row's cells.
    cells: &'a C,
}

impl<C: RowCells> Bidding<'_, C> {
    /// See [`reduce_rows`].
    fn reduce(&mut self, mut waiting: Vec<usize>, bids: usize) -> Vec<usize> {
        let mut budget = waiting.len().saturating_mul(bids);
        for _ in 0..PASSES {
            let mut next = Vec::new();
            // Ascending: the stack pops the lowest row first.
            let mut stack: Vec<usize> = waiting.into_iter().rev().collect();
            while let Some(row) = stack.pop() {
                if budget == 0 {
                    next.push(row);
                    continue;
                }
                budget -= 1;
                match self.bid(row) {
                    Bid::Placed => {}
                    Bid::Evicted(evicted, true) => stack.push(evicted),
                    Bid::Evicted(evicted, false) => next.push(evicted),
                    Bid::Left => next.push(row),
                }
            }
            next.sort_unstable();
            waiting = next;
        }
        waiting
    }

    /// The two best options of `row`, or `None` if it has no cell.
    fn choices(&self, row: usize) -> Option<Choices> {
        let mut first: Option<(Cost, usize, f64)> = None;
        let mut second = (Cost::ZERO, None);
        for &(j, w) in self.cells.cells(row) {
            let reduced = Cost::of_cell(self.objective, w) - self.placement.flow().potentials[j];
            match first {
                Some((best, _, _)) if reduced >= best => {
                    if reduced < second.0 {
                        second = (reduced, Some((j, w)));
                    }
                }
                _ => {
                    if let Some((best, k, v)) = first {
                        if best < second.0 {
                            second = (best, Some((k, v)));
                        }
                    }
                    first = Some((reduced, j, w));
                }
            }
        }
        first.map(|first| Choices { first, second })
    }

    /// One bid of the waiting `row`.
    fn bid(&mut self, row: usize) -> Bid {
        let Some(Choices { first, second }) = self.choices(row) else {
            return Bid::Left;
        };
        let ((u1, j1, w1), (u2, next)) = (first, second);
        if u1 >= Cost::ZERO {
            return Bid::Left;
        }
        if self.placement.spare()[j1] > 0 {
            if self.placement.capacity(j1) == 1 {
                let potential = self.placement.flow().potentials[j1];
                self.placement.set_potential(j1, potential - (u2 - u1));
            }
            self.placement.take(row, j1, w1);
            return Bid::Placed;
        }
        if self.placement.capacity(j1) > 1 {
            // A tie with a second choice that has room: take that instead.
            if let (true, Some((j2, w2))) = (u1 == u2, next) {
                if self.placement.spare()[j2] > 0 {
                    self.placement.take(row, j2, w2);
                    return Bid::Placed;
                }
            }
            return self.bid_for_shared(row, (u1, j1, w1), u2);
        }
        if u1 < u2 {
            let potential = self.placement.flow().potentials[j1];
            self.placement.set_potential(j1, potential - (u2 - u1));
            let evicted = self.placement.evict(j1, 0);
            self.placement.take(row, j1, w1);
            return Bid::Evicted(evicted, true);
        }
        // A tie: the second choice is as good, so take it without a rise.
        match next {
            Some((j2, w2)) if self.placement.spare()[j2] > 0 => {
                self.placement.take(row, j2, w2);
                Bid::Placed
            }
            Some((j2, w2)) if self.placement.capacity(j2) == 1 => {
                let evicted = self.placement.evict(j2, 0);
                self.placement.take(row, j2, w2);
                Bid::Evicted(evicted, false)
            }
            _ => Bid::Left,
        }
    }

    /// A bid for the full column `j` of capacity above 1, at reduced cost
    /// `u1`, when the bidder's second choice costs `u2`: evicts the member
    /// with the least slack if the price can rise at all.
    fn bid_for_shared(&mut self, row: usize, (u1, j, w): (Cost, usize, f64), u2: Cost) -> Bid {
        let slacks: Vec<Cost> = self
            .placement
            .members()
            .iter(j)
            .map(|member| self.slack(member, j))
            .collect();
        let Some(weakest) =
            (0..slacks.len()).reduce(|a, b| if slacks[b] < slacks[a] { b } else { a })
        else {
            return Bid::Left;
        };
        let rise = (0..slacks.len())
            .filter(|&k| k != weakest)
            .map(|k| slacks[k])
            .fold(u2 - u1, |low, s| if s < low { s } else { low });
        if rise <= Cost::ZERO {
            // The weakest member likes another cell as much: it moves there
            // (it bids again), and the price stays.
            if slacks[weakest] <= Cost::ZERO {
                let evicted = self.placement.evict(j, weakest);
                self.placement.take(row, j, w);
                return Bid::Evicted(evicted, false);
            }
            return Bid::Left;
        }
        let potential = self.placement.flow().potentials[j];
        self.placement.set_potential(j, potential - rise);
        let evicted = self.placement.evict(j, weakest);
        self.placement.take(row, j, w);
        Bid::Evicted(evicted, true)
    }

    /// How much worse column `j` could get before its member `row` preferred
    /// another cell or the sink.
    fn slack(&self, row: usize, j: usize) -> Cost {
        let here = Cost::of_cell(self.objective, self.placement.flow().weights[row])
            - self.placement.flow().potentials[j];
        let second = self
            .cells
            .cells(row)
            .iter()
            .filter(|&&(k, _)| k != j)
            .map(|&(k, w)| Cost::of_cell(self.objective, w) - self.placement.flow().potentials[k])
            .fold(Cost::ZERO, |low, c| if c < low { c } else { low });
        second - here
    }
}
