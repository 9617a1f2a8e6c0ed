//! The candidate graph: a few of each row's best allowed columns, and
//! ceilings over the weights of all the others (one per group of columns), so
//! that a dual solution can be checked against every pair without keeping
//! them.

use rayon::prelude::*;

use super::certificate::CellBounds;
use super::column_picks::{ranks_before, tie_break, ColumnPicks, SharedFloors};
use super::cost::Cost;
use super::problem::{is_allowed, is_invalid, SolveError};
use super::weights::WeightSource;

/// Cells listed for each row (compressed rows, ascending columns), with bounds
/// on the cells left out.
pub(super) struct Candidates {
    /// Where each row's cells start in `cells`; one more entry than rows.
    starts: Vec<usize>,
    /// `(column, weight)` of the listed cells.
    cells: Vec<(usize, f64)>,
    /// Per row, [`GROUPS`] entries: for each group of columns, an upper bound
    /// on the weights of the row's unlisted allowed cells in the group's
    /// columns of positive capacity, `-inf` if there are none.
    ceilings: Vec<f64>,
    /// The group of each column: all 0 until [`group_by`](Self::group_by).
    groups: Vec<u8>,
    /// Whether the columns have been grouped.
    grouped: bool,
    /// Per row: the largest allowed weight in a column of capacity 0.
    idle_ceilings: Vec<f64>,
    /// The least allowed weight in a column of positive capacity.
    lightest: f64,
    /// The largest absolute allowed weight.
    heaviest: f64,
}

/// Rows are scanned in this many chunks per thread, each gathering its own
/// column picks: few, because a chunk's floors start low and only rise as
/// it goes (more chunks mean more cells offered, and more picks to merge).
const CHUNKS_PER_THREAD: usize = 2;

/// Rows each column picks per unit of its capacity (up to 8), plus two.
const PICKS_PER_SEAT: usize = 2;

/// How many rows a column of capacity `cap` picks.
fn picks_per_column(cap: u32) -> usize {
    match cap {
        0 => 0,
        _ => PICKS_PER_SEAT * cap.min(8) as usize + 2,
    }
}

/// A chunk takes up the column floors other chunks have raised every this
/// many rows.
const REFRESH_ROWS: usize = 32;

/// The fewest rows in a chunk.
const MIN_CHUNK: usize = 256;

/// Columns fall into this many groups, each with its own ceiling per row.
pub(super) const GROUPS: usize = 16;

/// A row's ceilings, one per group of columns.
pub(super) type Ceilings = [f64; GROUPS];

/// One row's share of the graph.
pub(super) struct RowCells {
    /// `(column, weight)` of the listed cells, ascending columns.
    pub(super) cells: Vec<(usize, f64)>,
    /// Per group of columns: an upper bound on the weights of the row's
    /// unlisted allowed cells in the group's usable columns (`-inf` if there
    /// are none).
    pub(super) ceilings: Ceilings,
}

/// What one pass over a row finds.
struct RowScan {
    listed: RowCells,
    idle_ceiling: f64,
    lightest: f64,
    heaviest: f64,
    /// The first weight that is NaN or `+inf`, with its column.
    invalid: Option<(usize, f64)>,
}

impl Candidates {
    /// Lists, for every row, its `k` best allowed cells in columns of positive
    /// capacity, and for every such column its best few rows (equal weights
    /// ranked by [`tie_break`]), scanning rows in parallel.
    ///
    /// Fails on the first NaN or `+inf` weight in row-major order.
    pub(super) fn gather(
        source: &impl WeightSource,
        capacities: &[u32],
        k: usize,
    ) -> Result<Self, SolveError> {
        let rows = source.rows();
        let chunks = rayon::current_num_threads() * CHUNKS_PER_THREAD;
        let chunk = rows.div_ceil(chunks).max(MIN_CHUNK);
        let idle: Vec<usize> = (0..capacities.len())
            .filter(|&j| capacities[j] == 0)
            .collect();
        // With seats for at least twice the rows, few columns are contested
        // and the rows' own best cells are enough: the columns pick none.
        let seats: u64 = capacities.iter().map(|&c| u64::from(c)).sum();
        let roomy = seats >= 2 * rows as u64;
        let per_column = move |cap: u32| match roomy {
            true => 0,
            false => picks_per_column(cap),
        };
        let floors = SharedFloors::new(capacities, per_column);
        let (scans, picks) = (0..rows.div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                let (mut scratch, mut maxima) = (Vec::new(), Vec::new());
                let mut picks = ColumnPicks::new(capacities, per_column, &floors);
                let scans: Vec<RowScan> = (c * chunk..rows.min((c + 1) * chunk))
                    .map(|i| {
                        if i % REFRESH_ROWS == 0 {
                            picks.refresh();
                        }
                        let row = source.row(i, &mut scratch);
                        scan_row(i, row, capacities, &idle, k, &mut picks, &mut maxima)
                    })
                    .collect();
                (scans, picks)
            })
            .reduce(
                || {
                    (
                        Vec::new(),
                        ColumnPicks::new(capacities, per_column, &floors),
                    )
                },
                |(mut scans, picks), (more, other)| {
                    scans.extend(more);
                    (scans, picks.merge(other))
                },
            );
        if let Some((row, (col, value))) = scans
            .iter()
            .enumerate()
            .find_map(|(i, scan)| scan.invalid.map(|bad| (i, bad)))
        {
            return Err(SolveError::NonFinite { row, col, value });
        }
        let lightest = scans.iter().fold(f64::INFINITY, |m, s| m.min(s.lightest));
        let heaviest = scans.iter().fold(0.0, |m: f64, s| m.max(s.heaviest));
        let idle_ceilings = scans.iter().map(|s| s.idle_ceiling).collect();
        let mut listed: Vec<RowCells> = scans.into_iter().map(|s| s.listed).collect();
        for (i, j, w) in picks.cells() {
            listed[i].cells.push((j, w));
        }
        for row in &mut listed {
            row.cells.sort_unstable_by_key(|&(j, _)| j);
            row.cells.dedup_by_key(|&mut (j, _)| j);
        }
        let mut graph = Self {
            starts: vec![0],
            cells: Vec::new(),
            ceilings: Vec::new(),
            groups: vec![0; capacities.len()],
            grouped: false,
            idle_ceilings,
            lightest,
            heaviest,
        };
        graph.rebuild(listed.into_iter());
        Ok(graph)
    }

    /// Number of rows.
    pub(super) fn rows(&self) -> usize {
        self.starts.len() - 1
    }

    /// The listed cells of `row`, ascending columns.
    pub(super) fn row(&self, row: usize) -> &[(usize, f64)] {
        &self.cells[self.starts[row]..self.starts[row + 1]]
    }

    /// The spread of the allowed weights in usable columns (0 if none).
    pub(super) fn spread(&self) -> f64 {
        let spread = self.heaviest - self.lightest;
        if spread.is_finite() {
            spread.max(0.0)
        } else {
            0.0
        }
    }

    /// The ceilings of `row`, one per group of columns.
    pub(super) fn ceilings(&self, row: usize) -> &Ceilings {
        let at = row * GROUPS;
        (&self.ceilings[at..at + GROUPS])
            .try_into()
            .expect("GROUPS ceilings per row")
    }

    /// The group of each column.
    pub(super) fn groups(&self) -> &[u8] {
        &self.groups
    }

    /// Whether the columns have been grouped by potential yet.
    pub(super) fn grouped(&self) -> bool {
        self.grouped
    }

    /// Groups the usable columns (those of positive `capacities`) by
    /// potential, highest first, into [`GROUPS`] groups of equal size, so
    /// that the ceilings of a row can tell the cheap columns, where a
    /// violator is likely, from the rest. Until pricing refines them, each
    /// row's ceilings all take its old overall ceiling.
    pub(super) fn group_by(&mut self, potentials: &[Cost], capacities: &[u32]) {
        let usable = by_potential(potentials, capacities);
        for (rank, &j) in usable.iter().enumerate() {
            let group = rank * GROUPS / usable.len();
            self.groups[j] = u8::try_from(group).expect("fewer than 256 groups");
        }
        for row in self.ceilings.chunks_mut(GROUPS) {
            let overall = row.iter().fold(f64::NEG_INFINITY, |m, &c| m.max(c));
            row.fill(overall);
        }
        self.grouped = true;
    }

    /// Replaces the cells of some rows (`(row, cells)` in ascending rows).
    pub(super) fn replace(&mut self, updates: Vec<(usize, RowCells)>) {
        let mut updates = updates.into_iter().peekable();
        let rows: Vec<RowCells> = (0..self.rows())
            .map(|i| match updates.next_if(|(row, _)| *row == i) {
                Some((_, update)) => update,
                None => RowCells {
                    cells: self.row(i).to_vec(),
                    ceilings: *self.ceilings(i),
                },
            })
            .collect();
        self.rebuild(rows.into_iter());
    }

    /// Lays `rows` out as compressed rows.
    fn rebuild(&mut self, rows: impl Iterator<Item = RowCells>) {
        let (mut starts, mut cells, mut ceilings) = (vec![0], Vec::new(), Vec::new());
        for row in rows {
            cells.extend(row.cells);
            starts.push(cells.len());
            ceilings.extend(row.ceilings);
        }
        (self.starts, self.cells, self.ceilings) = (starts, cells, ceilings);
    }
}

/// The columns of positive capacity by decreasing potential (ascending on
/// ties).
pub(super) fn by_potential(potentials: &[Cost], capacities: &[u32]) -> Vec<usize> {
    let mut usable: Vec<usize> = (0..capacities.len())
        .filter(|&j| capacities[j] > 0)
        .collect();
    usable.sort_by(|&a, &b| {
        let order = potentials[b].partial_cmp(&potentials[a]);
        order.expect("potentials are not NaN").then(a.cmp(&b))
    });
    usable
}

/// Keeps the `k` best allowed cells of row `i` in usable columns, ranked by
/// weight and [`tie_break`], bounds everything else, and offers every cell to
/// the column picks. `idle` lists the columns of capacity 0.
///
/// Most cells rank below both the row's `k`th best and their column's floor;
/// one comparison each is all they cost. `maxima` is scratch space.
fn scan_row(
    i: usize,
    weights: &[f64],
    capacities: &[u32],
    idle: &[usize],
    k: usize,
    picks: &mut ColumnPicks,
    maxima: &mut Vec<u64>,
) -> RowScan {
    let mut scan = RowScan {
        listed: RowCells {
            cells: Vec::new(),
            ceilings: [f64::NEG_INFINITY; GROUPS],
        },
        idle_ceiling: f64::NEG_INFINITY,
        lightest: f64::INFINITY,
        heaviest: 0.0,
        invalid: None,
    };
    // A fold without an early exit vectorises; the position is only looked
    // for if there is a bad weight.
    if weights.iter().fold(false, |bad, &w| bad | is_invalid(w)) {
        let j = weights.iter().position(|&w| is_invalid(w));
        let j = j.expect("a weight is NaN or +inf");
        scan.invalid = Some((j, weights[j]));
        return scan;
    }
    // Over idle columns too: a lower `lightest` only makes the certificate
    // more cautious.
    scan.lightest = lowest_allowed(weights);
    for &j in idle.iter().filter(|&&j| is_allowed(weights[j])) {
        scan.idle_ceiling = scan.idle_ceiling.max(weights[j]);
    }
    // Sorted best first: `(weight, tie-break, column)`; `threshold` is at most
    // the `k`th best weight, and that weight once there are `k`. (Columns of
    // capacity 0 are not listed, so with them the block maxima may aim high.)
    let mut best: Vec<(f64, u64, usize)> = Vec::with_capacity(k + 1);
    let mut threshold = match idle {
        [] => kth_block_maximum(weights, k, maxima),
        _ => f64::NEG_INFINITY,
    };
    // The ceiling, in independent lanes for the cells skipped a block at a time.
    let mut lanes = [f64::NEG_INFINITY; BLOCK];
    let mut ceiling = f64::NEG_INFINITY;
    for (b, block) in weights.chunks(BLOCK).enumerate() {
        let start = b * BLOCK;
        if let (Ok(block), Some(floors)) = (
            <&[f64; BLOCK]>::try_from(block),
            picks.floor_block::<BLOCK>(start),
        ) {
            let mut through = false;
            for l in 0..BLOCK {
                through |= (block[l] >= threshold) | (block[l] >= floors[l]);
            }
            if !through {
                for (lane, &w) in lanes.iter_mut().zip(block) {
                    *lane = if w > *lane { w } else { *lane };
                }
                continue;
            }
        }
        for (j, &w) in (start..).zip(block) {
            if w < threshold && w < picks.floor(j) {
                ceiling = ceiling.max(w);
                continue;
            }
            if !is_allowed(w) || capacities[j] == 0 {
                continue;
            }
            picks.offer(i, j, w);
            if w < threshold {
                ceiling = ceiling.max(w);
                continue;
            }
            let tie = tie_break(i, j);
            let at = best.partition_point(|&(b, t, _)| ranks_before((b, t), (w, tie)));
            if at == k {
                ceiling = ceiling.max(w);
                continue;
            }
            best.insert(at, (w, tie, j));
            if best.len() > k {
                let (dropped, _, _) = best.pop().expect("more than k cells");
                ceiling = ceiling.max(dropped);
            }
            if best.len() == k {
                threshold = best[k - 1].0;
            }
        }
    }
    let ceiling = lanes.iter().fold(ceiling, |c, &w| c.max(w));
    let top = best.first().map_or(f64::NEG_INFINITY, |b| b.0);
    let highest = top.max(ceiling).max(scan.idle_ceiling);
    if is_allowed(highest) {
        scan.heaviest = highest.abs().max(scan.lightest.abs());
    }
    // Before grouping, every column is in group 0.
    scan.listed.ceilings[0] = ceiling;
    scan.listed.cells = best.iter().map(|&(w, _, j)| (j, w)).collect();
    scan
}

/// Cells a row scan checks together: a block whose cells all rank below the
/// row's `k`th best and their columns' floors costs a few vector instructions.
const BLOCK: usize = 8;

/// A row needs this many blocks per listed cell for [`kth_block_maximum`] to
/// pay.
const BLOCKS_PER_CELL: usize = 8;

/// A lower bound on the `k`th best weight of a row: the `k`th best of its
/// blocks' maxima, which are weights of `k` different cells. On a row of
/// many blocks per listed cell the best cells seldom share a block, so the
/// bound is close and the scan starts with its threshold almost where it
/// ends. `-inf` for short rows; `maxima` is scratch space.
fn kth_block_maximum(weights: &[f64], k: usize, maxima: &mut Vec<u64>) -> f64 {
    let blocks = weights.chunks_exact(BLOCK);
    if k == 0 || blocks.len() < BLOCKS_PER_CELL * k {
        return f64::NEG_INFINITY;
    }
    maxima.clear();
    maxima.extend(blocks.map(|block| {
        let top = |m: f64, &w: &f64| if w > m { w } else { m };
        descending_key(block.iter().fold(f64::NEG_INFINITY, top))
    }));
    let (_, kth, _) = maxima.select_nth_unstable(k - 1);
    from_descending_key(*kth)
}

/// An integer key that orders weights from the highest down (in
/// [`f64::total_cmp`]'s order), so that selecting among maxima compares
/// integers.
fn descending_key(w: f64) -> u64 {
    let bits = w.to_bits();
    let ascending = match bits >> 63 {
        1 => !bits,
        _ => bits | 1 << 63,
    };
    !ascending
}

/// The weight whose [`descending_key`] is `key`.
fn from_descending_key(key: u64) -> f64 {
    let ascending = !key;
    f64::from_bits(match ascending >> 63 {
        1 => ascending & !(1 << 63),
        _ => !ascending,
    })
}

/// The least allowed weight (`+inf` if none), in independent lanes so that
/// the loop vectorises.
fn lowest_allowed(weights: &[f64]) -> f64 {
    let mut lanes = [f64::INFINITY; BLOCK];
    let chunks = weights.chunks_exact(BLOCK);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (low, &w) in lanes.iter_mut().zip(chunk) {
            let w = if is_allowed(w) { w } else { f64::INFINITY };
            *low = if w < *low { w } else { *low };
        }
    }
    for &w in rest.iter().filter(|&&w| is_allowed(w)) {
        lanes[0] = lanes[0].min(w);
    }
    lanes.iter().fold(f64::INFINITY, |low, &w| low.min(w))
}

impl CellBounds for Candidates {
    fn known_cells(&self, row: usize, mut visit: impl FnMut(usize, f64)) -> f64 {
        for &(j, w) in self.row(row) {
            visit(j, w);
        }
        self.ceilings(row)
            .iter()
            .fold(f64::NEG_INFINITY, |m, &c| m.max(c))
    }

    fn idle_ceiling(&self, row: usize) -> f64 {
        self.idle_ceilings[row]
    }

    fn lightest(&self) -> f64 {
        self.lightest
    }

    fn heaviest(&self) -> f64 {
        self.heaviest
    }
}

#[cfg(test)]
#[path = "candidates_tests.rs"]
mod tests;

impl super::engine::RowCells for Candidates {
    fn cells(&self, row: usize) -> &[(usize, f64)] {
        self.row(row)
    }
}
