//! The candidate graph: a few of each row's best allowed columns, and
//! ceilings over the weights of all the others (one per group of columns), so
//! that a dual solution can be checked against every pair without keeping
//! them.

use crate::assign::THREADS;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

use super::cell_bounds::CellBounds;
use super::column_picks::{ranks_before, tie_break, ColumnPicks, SharedFloors, BLOCK};
use super::cost::Cost;
use super::problem::{is_allowed, is_invalid, SolveError};
use super::row_blocks::{descending_key, kth_block_maximum, lowest_allowed, open_blocks, survey};
use super::row_cells::RowCells;
use super::sample::Sample;
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
    /// Cells the searches over this graph have relaxed, over all rounds
    /// (searches run one at a time, so the count is deterministic).
    relaxed: AtomicU64,
    /// How many cells the searches may relax before they stop (see
    /// [`spent`](Self::spent)); `u64::MAX` for no limit.
    search_limit: u64,
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
pub(super) struct ListedRow {
    /// `(column, weight)` of the listed cells, ascending columns.
    pub(super) cells: Vec<(usize, f64)>,
    /// Per group of columns: an upper bound on the weights of the row's
    /// unlisted allowed cells in the group's usable columns (`-inf` if there
    /// are none).
    pub(super) ceilings: Ceilings,
}

/// What a pass over some consecutive rows finds, rows in order.
struct Scanned {
    /// Cells listed per row.
    counts: Vec<usize>,
    /// `(column, weight)` of the listed cells, each row's by ascending column.
    cells: Vec<(usize, f64)>,
    /// [`GROUPS`] ceilings per row.
    ceilings: Vec<f64>,
    /// Per row: the largest allowed weight in a column of capacity 0.
    idle_ceilings: Vec<f64>,
    /// The least allowed weight in a usable column (or less).
    lightest: f64,
    /// The largest absolute allowed weight.
    heaviest: f64,
    /// The first weight that is NaN or `+inf`, as `(row, column, weight)`:
    /// the pass stops at its row.
    invalid: Option<(usize, usize, f64)>,
}

impl Scanned {
    /// Nothing found yet, with room for `rows` rows of `k` cells.
    fn with_capacity(rows: usize, k: usize) -> Self {
        Self {
            counts: Vec::with_capacity(rows),
            cells: Vec::with_capacity(rows * k),
            ceilings: Vec::with_capacity(rows * GROUPS),
            idle_ceilings: Vec::with_capacity(rows),
            lightest: f64::INFINITY,
            heaviest: 0.0,
            invalid: None,
        }
    }

    /// Appends what a pass over the rows that follow found.
    fn append(&mut self, mut next: Self) {
        if self.invalid.is_some() {
            return;
        }
        self.counts.append(&mut next.counts);
        self.cells.append(&mut next.cells);
        self.ceilings.append(&mut next.ceilings);
        self.idle_ceilings.append(&mut next.idle_ceilings);
        self.lightest = self.lightest.min(next.lightest);
        self.heaviest = self.heaviest.max(next.heaviest);
        self.invalid = next.invalid;
    }
}

/// Compressed rows (`starts`, `cells`) of the rows' own cells (`counts`
/// per row, ascending columns) and the columns' `picked` cells
/// (`(row, column, weight)` by row, then column), each cell once.
fn with_picks(
    counts: &[usize],
    own: Vec<(usize, f64)>,
    picked: &[(usize, usize, f64)],
) -> (Vec<usize>, Vec<(usize, f64)>) {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    starts.push(0);
    if picked.is_empty() {
        starts.extend(counts.iter().scan(0, |end, &n| {
            *end += n;
            Some(*end)
        }));
        return (starts, own);
    }
    let mut cells = Vec::with_capacity(own.len() + picked.len());
    let (mut at, mut picks) = (0, picked.iter().peekable());
    for (i, &n) in counts.iter().enumerate() {
        let mut mine = own[at..at + n].iter().peekable();
        at += n;
        loop {
            let theirs = picks.peek().filter(|p| p.0 == i).map(|&&(_, j, w)| (j, w));
            let cell = match (mine.peek(), theirs) {
                (Some(&&a), Some(b)) if b.0 < a.0 => {
                    picks.next();
                    b
                }
                (Some(&&a), Some(b)) => {
                    mine.next();
                    if b.0 == a.0 {
                        picks.next();
                    }
                    a
                }
                (Some(&&a), None) => {
                    mine.next();
                    a
                }
                (None, Some(b)) => {
                    picks.next();
                    b
                }
                (None, None) => break,
            };
            cells.push(cell);
        }
        starts.push(cells.len());
    }
    (starts, cells)
}

/// How many cells each row lists in a first graph: a sample of rows tells
/// whether their favourite columns overlap much more than chance would
/// have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Listing {
    /// Cells per row where the rows hardly compete.
    pub(super) k: usize,
    /// Cells per row (at most `k`) where, besides, seats are plentiful: rows
    /// that do not compete seldom need more than their first few cells, and
    /// listing fewer makes every step after the scan cheaper.
    pub(super) few: usize,
    /// Seats per row (at least `k` cells) where the rows compete, as cells
    /// of columns of the average capacity: their graph would otherwise lack
    /// the cells that settle who gets the popular columns, and each round of
    /// pricing that adds them costs more than listing them at once.
    pub(super) contended: usize,
}

#[cfg(test)]
impl Listing {
    /// `k` cells per row, however roomy or contended the problem is.
    pub(super) fn exactly(k: usize) -> Self {
        Self {
            k,
            few: k,
            contended: k,
        }
    }
}

impl Candidates {
    /// Lists, for every row, its best allowed cells in columns of positive
    /// capacity (as many as `listing` says), and for every such column its
    /// best few rows (equal weights ranked by [`tie_break`]), scanning rows
    /// in parallel.
    ///
    /// Fails on the first NaN or `+inf` weight in row-major order.
    pub(super) fn gather(
        source: &impl WeightSource,
        capacities: &[u32],
        listing: Listing,
    ) -> Result<Self, SolveError> {
        let rows = source.rows();
        // One thread where there can be none other (what rayon reports there,
        // without starting its registry).
        let threads = if THREADS {
            rayon::current_num_threads()
        } else {
            1
        };
        let chunks = threads * CHUNKS_PER_THREAD;
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
        let few = listing.few.min(listing.k);
        let calm = if roomy { few } else { listing.k };
        let usable = capacities.iter().filter(|&&c| c > 0).count() as u64;
        let seats_per_column = (seats / usable.max(1)).max(1);
        let contended = (listing.contended as u64).div_ceil(seats_per_column) as usize;
        let contended = contended.max(listing.k);
        // The sample measures the overlap of the rows' first `few` columns
        // only where the answer changes the listing.
        let probe = (calm != contended).then_some(few);
        let sample = Sample::of(source, capacities, per_column, probe);
        let k = if sample.contended { contended } else { calm };
        let floors = SharedFloors::new(sample.floors);
        let scanner = RowScanner {
            capacities,
            idle: &idle,
            k,
        };
        let gather = |c: usize| {
            let (mut row, mut scratch) = (Vec::new(), ScanScratch::default());
            let mut picks = ColumnPicks::new(capacities, per_column, &floors);
            let rows = c * chunk..rows.min((c + 1) * chunk);
            let mut scan = Scanned::with_capacity(rows.len(), k);
            for i in rows {
                if i % REFRESH_ROWS == 0 {
                    picks.refresh();
                }
                let weights = source.row(i, &mut row);
                if let Err((j, w)) = scanner.scan(i, weights, &mut picks, &mut scratch, &mut scan) {
                    // Later rows cannot hold the first bad weight.
                    scan.invalid = Some((i, j, w));
                    break;
                }
            }
            (scan, picks)
        };
        fn merge<'f>(
            (mut scan, picks): (Scanned, ColumnPicks<'f>),
            (more, other): (Scanned, ColumnPicks<'f>),
        ) -> (Scanned, ColumnPicks<'f>) {
            scan.append(more);
            (scan, picks.merge(other))
        }
        let chunks = 0..rows.div_ceil(chunk);
        // In order where there can be no threads: the same listing, and that
        // build does without rayon's machinery for it.
        let (scan, picks) = if THREADS {
            chunks.into_par_iter().map(gather).reduce_with(merge)
        } else {
            chunks.map(gather).reduce(merge)
        }
        .unwrap_or_else(|| {
            (
                Scanned::with_capacity(0, k),
                ColumnPicks::new(capacities, per_column, &floors),
            )
        });
        if let Some((row, col, value)) = scan.invalid {
            return Err(SolveError::NonFinite { row, col, value });
        }
        let mut picked: Vec<(usize, usize, f64)> = picks.cells().collect();
        picked.sort_unstable_by_key(|&(i, j, _)| (i, j));
        let (starts, cells) = with_picks(&scan.counts, scan.cells, &picked);
        Ok(Self {
            starts,
            cells,
            ceilings: scan.ceilings,
            groups: vec![0; capacities.len()],
            grouped: false,
            idle_ceilings: scan.idle_ceilings,
            lightest: scan.lightest,
            heaviest: scan.heaviest,
            relaxed: AtomicU64::new(0),
            search_limit: u64::MAX,
        })
    }

    /// Lets the searches over this graph relax at most `cells` cells.
    pub(super) fn limit_searches(&mut self, cells: u64) {
        self.search_limit = cells;
    }

    /// Records that a search relaxed `cells` cells.
    pub(super) fn count_relaxed(&self, cells: usize) {
        self.relaxed.fetch_add(cells as u64, Ordering::Relaxed);
    }

    /// Whether the searches have relaxed as many cells as they may: they
    /// then stop, and the solve on this graph has given up.
    pub(super) fn spent(&self) -> bool {
        self.relaxed.load(Ordering::Relaxed) >= self.search_limit
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
    pub(super) fn replace(&mut self, updates: Vec<(usize, ListedRow)>) {
        let mut updates = updates.into_iter().peekable();
        let rows: Vec<ListedRow> = (0..self.rows())
            .map(|i| match updates.next_if(|(row, _)| *row == i) {
                Some((_, update)) => update,
                None => ListedRow {
                    cells: self.row(i).to_vec(),
                    ceilings: *self.ceilings(i),
                },
            })
            .collect();
        self.rebuild(rows.into_iter());
    }

    /// Lays `rows` out as compressed rows.
    fn rebuild(&mut self, rows: impl Iterator<Item = ListedRow>) {
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
    // Integer keys sort faster than pairs of floats; `+ 0.0` turns `-0.0`
    // into `0.0`, which compare equal (potentials are never NaN).
    let key = |p: Cost| (descending_key(p.major + 0.0), descending_key(p.minor + 0.0));
    let mut usable: Vec<((u64, u64), usize)> = (0..capacities.len())
        .filter(|&j| capacities[j] > 0)
        .map(|j| (key(potentials[j]), j))
        .collect();
    usable.sort_unstable();
    usable.into_iter().map(|(_, j)| j).collect()
}

/// What every row scan reads besides the row.
struct RowScanner<'a> {
    capacities: &'a [u32],
    /// The columns of capacity 0.
    idle: &'a [usize],
    /// Cells to list per row.
    k: usize,
}

impl RowScanner<'_> {
    /// Keeps the `k` best allowed cells of row `i` in usable columns, ranked
    /// by weight and [`tie_break`], bounds everything else, offers every cell
    /// to the column picks, and appends what it found to `out`; fails with
    /// the row's first NaN or `+inf` weight, with its column.
    ///
    /// One pass over the row takes each block's maximum (and screens for
    /// bad weights); most blocks then rank below both the row's `k`th best
    /// and their columns' floors, and cost one comparison of that maximum.
    fn scan(
        &self,
        i: usize,
        weights: &[f64],
        picks: &mut ColumnPicks,
        scratch: &mut ScanScratch,
        out: &mut Scanned,
    ) -> Result<(), (usize, f64)> {
        let survey = survey(weights, &mut scratch.maxima);
        if survey.suspect {
            if let Some(j) = weights.iter().position(|&w| is_invalid(w)) {
                return Err((j, weights[j]));
            }
        }
        // Over idle columns too: a lower `lightest` only makes the
        // certificate more cautious.
        let lightest = match survey.lowest {
            f64::NEG_INFINITY => lowest_allowed(weights),
            lowest => lowest,
        };
        let idle_ceiling = self
            .idle
            .iter()
            .map(|&j| weights[j])
            .fold(f64::NEG_INFINITY, f64::max);
        let threshold = match self.idle {
            [] => kth_block_maximum(&scratch.maxima, self.k, &mut scratch.keys),
            _ => f64::NEG_INFINITY,
        };
        scratch.best.clear();
        let mut best = RowBest {
            k: self.k,
            best: &mut scratch.best,
            threshold,
            ceiling: f64::NEG_INFINITY,
        };
        let capacities = self.capacities;
        // The blocks worth opening, found without branches: every cell of
        // the others ranks below the threshold and its floor, which only
        // rise as the row goes on.
        open_blocks(
            &scratch.maxima,
            picks.block_floors(),
            best.threshold,
            &mut scratch.open,
        );
        for (word, &bits) in scratch.open.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let b = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let top = &mut scratch.maxima[b];
                if *top < best.threshold && *top < picks.block_floor(b) {
                    continue;
                }
                // Its cells bound the ceiling themselves: those that rank
                // below both at once, the others through `offer`.
                *top = f64::NEG_INFINITY;
                best.open(i, b, weights, capacities, picks);
            }
        }
        // The ceiling over the blocks skipped whole, in lanes that vectorise.
        let mut lanes = [f64::NEG_INFINITY; BLOCK];
        for block in scratch.maxima.chunks(BLOCK) {
            for (lane, &top) in lanes.iter_mut().zip(block) {
                *lane = if top > *lane { top } else { *lane };
            }
        }
        let skipped = lanes.iter().fold(f64::NEG_INFINITY, |m, &w| m.max(w));
        let tail = scratch.maxima.len() * BLOCK;
        for (j, &w) in (tail..).zip(&weights[tail..]) {
            best.offer(i, j, w, capacities, picks);
        }
        let ceiling = best.ceiling.max(skipped);
        let top = best.best.first().map_or(f64::NEG_INFINITY, |b| b.0);
        let highest = top.max(ceiling).max(idle_ceiling);
        if is_allowed(highest) {
            out.heaviest = out.heaviest.max(highest.abs().max(lightest.abs()));
        }
        out.lightest = out.lightest.min(lightest);
        out.idle_ceilings.push(idle_ceiling);
        // Before grouping, every column is in group 0.
        out.ceilings.push(ceiling);
        out.ceilings.extend([f64::NEG_INFINITY; GROUPS - 1]);
        let start = out.cells.len();
        out.cells.extend(best.best.iter().map(|&(w, _, j)| (j, w)));
        out.cells[start..].sort_unstable_by_key(|&(j, _)| j);
        out.counts.push(out.cells.len() - start);
        Ok(())
    }
}

/// A row's best cells so far, and the bound on the others.
struct RowBest<'s> {
    /// How many cells to keep.
    k: usize,
    /// Sorted best first: `(weight, tie-break, column)`.
    best: &'s mut Vec<(f64, u64, usize)>,
    /// At most the `k`th best weight, and that weight once there are `k`.
    /// (Columns of capacity 0 are not listed, so with them the block
    /// maxima may aim high: the scan then starts from `-inf`.)
    threshold: f64,
    /// The largest weight of a usable cell not kept.
    ceiling: f64,
}

impl RowBest<'_> {
    /// Offers the cells of full block `b` of row `i` (of `weights`) that
    /// rank at or above the threshold or their column's floor; the others
    /// bound the ceiling.
    fn open(
        &mut self,
        i: usize,
        b: usize,
        weights: &[f64],
        capacities: &[u32],
        picks: &mut ColumnPicks,
    ) {
        let start = b * BLOCK;
        let block: &[f64; BLOCK] = weights[start..start + BLOCK]
            .try_into()
            .expect("a full block");
        let floors = picks.floors(b);
        let (mut through, mut below) = (0u32, f64::NEG_INFINITY);
        for l in 0..BLOCK {
            let w = block[l];
            let offered = (w >= self.threshold) | (w >= floors[l]);
            through |= u32::from(offered) << l;
            below = if !offered && w > below { w } else { below };
        }
        self.ceiling = self.ceiling.max(below);
        while through != 0 {
            let l = through.trailing_zeros() as usize;
            through &= through - 1;
            self.offer(i, start + l, block[l], capacities, picks);
        }
    }

    /// Offers cell `(i, j)` of weight `w` to the row and to its column.
    #[inline]
    fn offer(&mut self, i: usize, j: usize, w: f64, capacities: &[u32], picks: &mut ColumnPicks) {
        if w < self.threshold && w < picks.floor(j) {
            self.ceiling = self.ceiling.max(w);
            return;
        }
        if !is_allowed(w) || capacities[j] == 0 {
            return;
        }
        picks.offer(i, j, w);
        if w < self.threshold {
            self.ceiling = self.ceiling.max(w);
            return;
        }
        let tie = tie_break(i, j);
        let best = &mut *self.best;
        let at = best.partition_point(|&(b, t, _)| ranks_before((b, t), (w, tie)));
        if at == self.k {
            self.ceiling = self.ceiling.max(w);
            return;
        }
        best.insert(at, (w, tie, j));
        if best.len() > self.k {
            let (dropped, _, _) = best.pop().expect("more than k cells");
            self.ceiling = self.ceiling.max(dropped);
        }
        if best.len() == self.k {
            self.threshold = best[self.k - 1].0;
        }
    }
}

/// Per-thread buffers of the row scan.
#[derive(Default)]
struct ScanScratch {
    /// The maximum of each full block of the row.
    maxima: Vec<f64>,
    /// Selection keys for [`kth_block_maximum`].
    keys: Vec<u64>,
    /// One bit per block: whether to open it.
    open: Vec<u64>,
    /// The row's best cells so far (see [`RowBest`]).
    best: Vec<(f64, u64, usize)>,
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

impl RowCells for Candidates {
    fn cells(&self, row: usize) -> &[(usize, f64)] {
        self.row(row)
    }
}

#[cfg(test)]
#[path = "candidates_tests.rs"]
mod tests;
