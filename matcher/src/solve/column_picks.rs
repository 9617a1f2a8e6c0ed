//! The best few rows of every column, gathered alongside the rows' own best
//! columns: without them, a column that is nobody's favourite would be missing
//! from the candidate graph, and every round would find it again.

use std::sync::atomic::{AtomicU64, Ordering};

/// Orders cells of equal weight by a hash of their position, so that rows
/// with tied weights spread over different columns (and columns over rows).
pub(super) fn tie_break(row: usize, col: usize) -> u64 {
    let mut z = ((row as u64) << 32 ^ col as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Whether cell `a` ranks before cell `b` of the same row or column: higher
/// weight first, then by [`tie_break`].
pub(super) fn ranks_before(a: (f64, u64), b: (f64, u64)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// A row picked by a column: its weight, tie-break and index.
#[derive(Clone, Copy)]
struct Pick {
    weight: f64,
    tie: u64,
    row: usize,
}

impl Pick {
    fn before(&self, other: &Self) -> bool {
        let (a, b) = ((self.weight, self.tie), (other.weight, other.tie));
        ranks_before(a, b) || (a == b && self.row < other.row)
    }
}

/// Per column, the least weight its picks may still take: the highest last
/// pick of any [`ColumnPicks`] that shares them (`-inf` until one is full).
///
/// Chunks of rows scanned in parallel share these so that each skips the
/// cells another has already outbid: a column's last pick in any chunk is at
/// most its last pick overall, so the merged picks come out the same
/// whatever the timing.
pub(super) struct SharedFloors(Vec<AtomicU64>);

impl SharedFloors {
    /// Starts each column at its floor in `seeds` (see [`SampledFloors`]).
    pub(super) fn new(seeds: Vec<f64>) -> Self {
        Self(
            seeds
                .into_iter()
                .map(|f| AtomicU64::new(f.to_bits()))
                .collect(),
        )
    }

    #[inline]
    fn get(&self, col: usize) -> f64 {
        f64::from_bits(self.0[col].load(Ordering::Relaxed))
    }

    /// Raises the floor of `col` to `floor` if that is higher.
    fn raise(&self, col: usize, floor: f64) {
        let mut current = self.0[col].load(Ordering::Relaxed);
        while floor > f64::from_bits(current) {
            let swap = self.0[col].compare_exchange_weak(
                current,
                floor.to_bits(),
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
            match swap {
                Ok(_) => return,
                Err(now) => current = now,
            }
        }
    }
}

/// Floors to start the column picks from, taken from a sample of rows: a
/// column's `p`th best weight among some rows is at most its `p`th best
/// among all, so no cell below it can be picked. Without them, every chunk
/// of rows would offer a column most of its first rows' cells.
pub(super) struct SampledFloors {
    /// Rows each column picks (0 for a column that picks none).
    picks: Vec<usize>,
    /// `levels[l * cols + j]`: the `l`th best weight of column `j` in the
    /// sample so far (`-inf` while fewer were seen).
    levels: Vec<f64>,
    /// The incoming weights that each level passes on to the next.
    carry: Vec<f64>,
}

impl SampledFloors {
    /// No row sampled yet; `per_column` is how many rows a column of each
    /// capacity picks.
    pub(super) fn new(capacities: &[u32], per_column: impl Fn(u32) -> usize) -> Self {
        let picks: Vec<usize> = capacities.iter().map(|&cap| per_column(cap)).collect();
        let depth = picks.iter().copied().max().unwrap_or(0);
        Self {
            levels: vec![f64::NEG_INFINITY; depth * capacities.len()],
            carry: vec![f64::NEG_INFINITY; capacities.len()],
            picks,
        }
    }

    /// Whether any column picks rows, so that sampled rows matter.
    pub(super) fn wants_rows(&self) -> bool {
        !self.levels.is_empty()
    }

    /// Adds a sampled row, one weight per column; keeps, level by level,
    /// the larger of each level and the weight coming down (branch-free, so
    /// that it vectorises over the columns).
    pub(super) fn add(&mut self, weights: &[f64]) {
        let cols = self.carry.len();
        if self.levels.is_empty() {
            return;
        }
        self.carry.copy_from_slice(weights);
        for level in self.levels.chunks_exact_mut(cols) {
            for (kept, carried) in level.iter_mut().zip(self.carry.iter_mut()) {
                let (high, low) = match *carried > *kept {
                    true => (*carried, *kept),
                    false => (*kept, *carried),
                };
                (*kept, *carried) = (high, low);
            }
        }
    }

    /// Each column's floor: its `p`th best sampled weight if it picks `p`
    /// rows, `+inf` if it picks none.
    pub(super) fn floors(&self) -> Vec<f64> {
        let cols = self.carry.len();
        let floor = |(j, &p): (usize, &usize)| match p {
            0 => f64::INFINITY,
            _ => self.levels[(p - 1) * cols + j],
        };
        self.picks.iter().enumerate().map(floor).collect()
    }
}

/// For each column, its best rows among those offered so far, best first.
pub(super) struct ColumnPicks<'f> {
    /// Where each column's slots start in `picks`; one more entry than columns.
    starts: Vec<usize>,
    /// Slots, `starts[j + 1] - starts[j]` per column.
    picks: Vec<Pick>,
    /// Slots in use per column.
    used: Vec<usize>,
    /// Per column: the least weight that can still get in, shared.
    shared: &'f SharedFloors,
    /// This one's copy of the floors: its own, or the shared ones as of the
    /// last [`refresh`](Self::refresh), whichever is higher.
    floors: Vec<f64>,
    /// The least of `floors` in each full block of [`BLOCK`] columns, so
    /// that a row scan can skip a block of cells that all rank below it.
    block_floors: Vec<f64>,
}

/// Columns per block of [`ColumnPicks::block_floor`].
pub(super) const BLOCK: usize = 8;

/// The least floor of each full block of [`BLOCK`] columns.
fn block_minima(floors: &[f64]) -> Vec<f64> {
    floors.chunks_exact(BLOCK).map(least).collect()
}

/// The least of `floors`.
fn least(floors: &[f64]) -> f64 {
    floors.iter().fold(f64::INFINITY, |m, &f| m.min(f))
}

impl<'f> ColumnPicks<'f> {
    /// Room for `per_column(capacity)` rows in every column, skipping cells
    /// below `floors` (which it raises as its columns fill up).
    pub(super) fn new(
        capacities: &[u32],
        per_column: impl Fn(u32) -> usize,
        floors: &'f SharedFloors,
    ) -> Self {
        let mut starts = Vec::with_capacity(capacities.len() + 1);
        starts.push(0);
        for &cap in capacities {
            starts.push(starts.last().copied().unwrap_or(0) + per_column(cap));
        }
        let slots = starts.last().copied().unwrap_or(0);
        let empty = Pick {
            weight: f64::NEG_INFINITY,
            tie: 0,
            row: 0,
        };
        let own: Vec<f64> = (0..capacities.len()).map(|j| floors.get(j)).collect();
        Self {
            starts,
            picks: vec![empty; slots],
            used: vec![0; capacities.len()],
            block_floors: block_minima(&own),
            floors: own,
            shared: floors,
        }
    }

    /// Shares the floors this one has raised since the last call, and takes
    /// up those the others have raised. Done in batches (every few rows)
    /// rather than at every raise: picks on other cores read and write the
    /// same floors, and each write would pull their cache line across.
    pub(super) fn refresh(&mut self) {
        // Columns that pick no rows keep their floors of `+inf`.
        if self.picks.is_empty() {
            return;
        }
        for (j, floor) in self.floors.iter_mut().enumerate() {
            let shared = self.shared.get(j);
            if *floor > shared {
                self.shared.raise(j, *floor);
            } else {
                *floor = shared;
            }
        }
        let blocks = self.floors.chunks_exact(BLOCK);
        for (slot, block) in self.block_floors.iter_mut().zip(blocks) {
            *slot = least(block);
        }
    }

    /// The least weight column `col` may still take (`-inf` until it or one
    /// of the picks sharing its floors has filled it).
    #[inline]
    pub(super) fn floor(&self, col: usize) -> f64 {
        self.floors[col]
    }

    /// The floors of the columns of full block `block`.
    #[inline]
    pub(super) fn floors(&self, block: usize) -> &[f64; BLOCK] {
        let start = block * BLOCK;
        let floors = &self.floors[start..start + BLOCK];
        floors.try_into().expect("a full block")
    }

    /// The least floor of the columns of each full block.
    #[inline]
    pub(super) fn block_floors(&self) -> &[f64] {
        &self.block_floors
    }

    /// The least floor of the columns of full block `block` (columns
    /// `block * BLOCK..(block + 1) * BLOCK`).
    #[inline]
    pub(super) fn block_floor(&self, block: usize) -> f64 {
        self.block_floors[block]
    }

    /// Offers cell `(row, col)` of weight `weight` to its column.
    pub(super) fn offer(&mut self, row: usize, col: usize, weight: f64) {
        if weight < self.floor(col) {
            return;
        }
        let slots = &mut self.picks[self.starts[col]..self.starts[col + 1]];
        let used = &mut self.used[col];
        let pick = Pick {
            weight,
            tie: tie_break(row, col),
            row,
        };
        if *used == slots.len() && slots.last().is_none_or(|last| !pick.before(last)) {
            return;
        }
        let at = slots[..*used].partition_point(|kept| kept.before(&pick));
        let end = (*used + 1).min(slots.len());
        slots.copy_within(at..end - 1, at + 1);
        slots[at] = pick;
        *used = end;
        if end == slots.len() {
            let floor = slots[end - 1].weight;
            self.floors[col] = floor;
            let block = col / BLOCK;
            if let Some(slot) = self.block_floors.get_mut(block) {
                let start = block * BLOCK;
                *slot = least(&self.floors[start..start + BLOCK]);
            }
        }
    }

    /// The best rows of each column among those offered to either.
    pub(super) fn merge(mut self, other: Self) -> Self {
        for col in 0..self.used.len() {
            let theirs = &other.picks[other.starts[col]..other.starts[col] + other.used[col]];
            for pick in theirs {
                self.offer(pick.row, col, pick.weight);
            }
        }
        self
    }

    /// The picked cells as `(row, col, weight)`, by column.
    pub(super) fn cells(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.used.len()).flat_map(move |col| {
            let start = self.starts[col];
            let picks = &self.picks[start..start + self.used[col]];
            picks.iter().map(move |p| (p.row, col, p.weight))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::SampledFloors;
    use proptest::prelude::*;

    proptest! {
        /// Each column's floor is its `p`th best sampled weight (`-inf`
        /// while fewer were sampled), and `+inf` where it picks no row.
        #[test]
        fn sampled_floors_are_each_columns_pth_best(
            picks in prop::collection::vec(0usize..6, 1..12),
            cells in prop::collection::vec(prop::option::weighted(0.9, 0u8..20), 0..120),
        ) {
            let cols = picks.len();
            let rows: Vec<Vec<f64>> = cells
                .chunks_exact(cols)
                .map(|row| row.iter().map(|w| w.map_or(f64::NEG_INFINITY, f64::from)).collect())
                .collect();
            let capacities: Vec<u32> = (0..cols as u32).collect();
            let mut sample = SampledFloors::new(&capacities, |cap| picks[cap as usize]);
            for row in &rows {
                sample.add(row);
            }
            for (j, floor) in sample.floors().into_iter().enumerate() {
                let mut column: Vec<f64> = rows.iter().map(|row| row[j]).collect();
                column.sort_by(|a, b| b.total_cmp(a));
                let expected = match picks[j] {
                    0 => f64::INFINITY,
                    p => column.get(p - 1).copied().unwrap_or(f64::NEG_INFINITY),
                };
                prop_assert_eq!(floor, expected, "column {}", j);
            }
        }
    }
}
