//! The candidate pool: a few of each row's best allowed cells, which pricing
//! grows until the flow on them is optimal for every pair.

use super::cost::Cost;
use super::par_map;
use super::problem::{Context, ShapeError};

/// A candidate cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cell {
    /// The column.
    pub(super) col: usize,
    /// Its integer weight.
    pub(super) weight: i64,
}

/// The candidate cells of every row, ascending by column.
pub(super) struct Pool {
    /// Per row, its cells.
    pub(super) rows: Vec<Vec<Cell>>,
}

impl Pool {
    /// Validates every weight and picks each row's best `places + spare`
    /// cells in columns with seats, and each column with a minimum its best
    /// `minimum + spare` rows. Reports the first bad weight in row-major order.
    pub(super) fn scan(ctx: &Context<'_>, spare: usize) -> Result<Self, ShapeError> {
        let problem = ctx.problem;
        let scanned = par_map(ctx.rows(), Vec::new, |scratch, i| {
            let weights = problem.weights.row(i, scratch);
            let keep = match problem.places[i] {
                0 => 0,
                places => places as usize + spare,
            };
            let mut best = Smallest::new(keep);
            for (j, (&value, &seats)) in weights.iter().zip(problem.seats).enumerate() {
                if let Some(weight) = ctx.convert(i, j, value)? {
                    if seats > 0 {
                        best.offer(Cost::of_cell(problem.objective, weight), j);
                    }
                }
            }
            let cells = best.into_indices().into_iter();
            Ok(cells
                .map(|col| Cell {
                    col,
                    weight: weights[col] as i64,
                })
                .collect())
        });
        let rows = scanned.into_iter().collect::<Result<Vec<_>, _>>()?;
        let mut pool = Self { rows };
        pool.merge(column_picks(ctx, spare));
        Ok(pool)
    }

    /// Adds `additions` (per row, ascending by column); returns how many
    /// cells were new.
    pub(super) fn merge(&mut self, additions: Vec<Vec<Cell>>) -> usize {
        let mut added = 0;
        for (row, extra) in self.rows.iter_mut().zip(additions) {
            if extra.is_empty() {
                continue;
            }
            let old = std::mem::take(row);
            let (mut a, mut b) = (old.into_iter().peekable(), extra.into_iter().peekable());
            loop {
                let next = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) if x.col == y.col => {
                        b.next();
                        a.next()
                    }
                    (Some(x), Some(y)) if x.col < y.col => a.next(),
                    (_, Some(_)) => {
                        added += 1;
                        b.next()
                    }
                    (Some(_), None) => a.next(),
                    (None, None) => break,
                };
                row.extend(next);
            }
        }
        added
    }

    /// Number of cells in the pool.
    pub(super) fn len(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }
}

/// Each column with a minimum picks its best `minimum + spare` rows (of
/// rows with places); per row, the picked cells ascending by column.
fn column_picks(ctx: &Context<'_>, spare: usize) -> Vec<Vec<Cell>> {
    let problem = ctx.problem;
    let columns: Vec<usize> = (0..ctx.cols())
        .filter(|&j| problem.minimum[j] > 0)
        .collect();
    let picks = par_map(
        columns.len(),
        || (),
        |_, k| {
            let j = columns[k];
            let mut best = Smallest::new(problem.minimum[j] as usize + spare);
            for i in (0..ctx.rows()).filter(|&i| problem.places[i] > 0) {
                let value = problem.weights.weight(i, j);
                if value != f64::NEG_INFINITY {
                    best.offer(Cost::of_cell(problem.objective, value as i64), i);
                }
            }
            best.into_indices()
        },
    );
    let mut additions = vec![Vec::new(); ctx.rows()];
    for (&col, rows) in columns.iter().zip(picks) {
        for i in rows {
            additions[i].push(Cell {
                col,
                weight: ctx.weight(i, col),
            });
        }
    }
    additions
}

/// The `keep` indices of least `(cost, index)` among those offered.
pub(super) struct Smallest {
    /// How many to keep.
    keep: usize,
    /// The best so far, ascending.
    items: Vec<(Cost, usize)>,
}

impl Smallest {
    /// Keeps nothing yet, and at most `keep`.
    pub(super) fn new(keep: usize) -> Self {
        Self {
            keep,
            items: Vec::new(),
        }
    }

    /// Offers `index` at `cost`; indices must be offered once each. Most
    /// offers lose to the last kept item, so that test is inlined.
    #[inline]
    pub(super) fn offer(&mut self, cost: Cost, index: usize) {
        let key = (cost, index);
        if self.items.len() == self.keep {
            match self.items.last() {
                Some(&last) if key < last => {}
                _ => return,
            }
        }
        self.insert(key);
    }

    /// Inserts `key` in order, dropping the last item when full.
    #[inline(never)]
    fn insert(&mut self, key: (Cost, usize)) {
        if self.items.len() == self.keep {
            self.items.pop();
        }
        let at = self.items.partition_point(|&item| item < key);
        self.items.insert(at, key);
    }

    /// The kept indices, ascending.
    pub(super) fn into_indices(self) -> Vec<usize> {
        let mut indices: Vec<usize> = self.items.into_iter().map(|(_, i)| i).collect();
        crate::sorting::sort(&mut indices);
        indices
    }
}
