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
    /// cells in columns with seats, and each column's best rows (see
    /// [`column_keep`]) among rows with places. Reports the first bad weight
    /// in row-major order.
    pub(super) fn scan(ctx: &Context<'_>, spare: usize) -> Result<Self, ShapeError> {
        let problem = ctx.problem;
        let rows = ctx.rows();
        let chunk = rows.div_ceil(SCAN_CHUNKS).max(1);
        let chunks = par_map(rows.div_ceil(chunk), Vec::new, |scratch, c| {
            let mut tops = ColumnTops::new(ctx, spare);
            let mut cells = Vec::new();
            for i in c * chunk..rows.min((c + 1) * chunk) {
                let weights = problem.weights.row(i, scratch);
                let keep = match problem.places[i] {
                    0 => 0,
                    places => places as usize + spare,
                };
                let mut best = Smallest::new(keep);
                for (j, (&value, &seats)) in weights.iter().zip(problem.seats).enumerate() {
                    if value == f64::NEG_INFINITY {
                        continue;
                    }
                    let Some(weight) = ctx.integer(value) else {
                        return Err(ctx.convert(i, j, value).expect_err("not a valid weight"));
                    };
                    if seats > 0 && keep > 0 {
                        let cost = Cost::of_cell(problem.objective, weight);
                        best.offer(cost, j);
                        tops.offer(j, cost, i);
                    }
                }
                let row = best.into_indices().into_iter();
                cells.push(row.map(|col| Cell::of(weights, col)).collect::<Vec<_>>());
            }
            Ok((cells, tops.lists))
        });
        let mut pool = Self { rows: Vec::new() };
        let mut tops: Vec<Smallest> = Vec::new();
        for part in chunks {
            let (cells, part_tops) = part?;
            pool.rows.extend(cells);
            if tops.is_empty() {
                tops = part_tops;
            } else {
                for (top, part) in tops.iter_mut().zip(part_tops) {
                    top.absorb(part);
                }
            }
        }
        let mut additions = vec![Vec::new(); rows];
        for (col, top) in tops.into_iter().enumerate() {
            for i in top.into_indices() {
                additions[i].push(Cell {
                    col,
                    weight: ctx.weight(i, col),
                });
            }
        }
        pool.merge(additions);
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

impl Cell {
    /// Column `col` of a row whose weights are `weights`.
    pub(super) fn of(weights: &[f64], col: usize) -> Self {
        Self {
            col,
            weight: weights[col] as i64,
        }
    }
}

/// Each column's best rows among those offered, with the key an offer must
/// beat kept beside them, so that most offers take one comparison.
struct ColumnTops {
    /// Per column, its best rows so far.
    lists: Vec<Smallest>,
    /// Per column, the last kept key once its list is full.
    floors: Vec<Option<(Cost, usize)>>,
}

impl ColumnTops {
    /// Empty lists, each to keep [`column_keep`] rows.
    fn new(ctx: &Context<'_>, spare: usize) -> Self {
        let problem = ctx.problem;
        let keep = |j: usize| column_keep(problem.seats[j], problem.minimum[j], spare);
        let lists: Vec<Smallest> = (0..ctx.cols()).map(|j| Smallest::new(keep(j))).collect();
        let floors = lists.iter().map(Smallest::floor).collect();
        Self { lists, floors }
    }

    /// Offers row `row` to column `col` at `cost`.
    #[inline]
    fn offer(&mut self, col: usize, cost: Cost, row: usize) {
        if self.floors[col].is_none_or(|floor| (cost, row) < floor) {
            self.lists[col].offer(cost, row);
            self.floors[col] = self.lists[col].floor();
        }
    }
}

/// Rows are scanned in this many chunks (in parallel where the build has
/// threads), each keeping its own column picks, merged in chunk order.
const SCAN_CHUNKS: usize = 16;

/// Rows each column picks per seat (up to 8 seats), plus two, and at least
/// its minimum and `spare` more: without them a column that is nobody's
/// favourite would be missing from the pool, and each pricing round would
/// find it again for every row with a place left (over-subscribed rosters
/// then take several rounds of some ten cells per row).
fn column_keep(seats: u32, minimum: u32, spare: usize) -> usize {
    match seats {
        0 => 0,
        _ => (2 * seats.min(8) as usize + 2).max(minimum as usize + spare),
    }
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

    /// The key an offer must beat: the last kept one once full (`None`
    /// while there is room). A list that keeps nothing beats every key.
    fn floor(&self) -> Option<(Cost, usize)> {
        match self.keep {
            0 => Some((Cost::MIN, 0)),
            keep if self.items.len() == keep => self.items.last().copied(),
            _ => None,
        }
    }

    /// Offers every item `other` kept (whose indices this one has not seen).
    fn absorb(&mut self, other: Self) {
        for (cost, index) in other.items {
            self.offer(cost, index);
        }
    }

    /// The kept indices, ascending.
    pub(super) fn into_indices(self) -> Vec<usize> {
        let mut indices: Vec<usize> = self.items.into_iter().map(|(_, i)| i).collect();
        crate::sorting::sort(&mut indices);
        indices
    }
}
