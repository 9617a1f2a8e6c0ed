//! The candidate graph: a few of each row's best allowed columns, and
//! ceilings over the weights of all the others (one per group of columns), so
//! that a dual solution can be checked against every pair without keeping
//! them.

use rayon::prelude::*;

use super::certificate::CellBounds;
use super::column_picks::{ranks_before, tie_break, ColumnPicks, SharedFloors, BLOCK};
use super::cost::Cost;
use super::problem::{is_allowed, is_invalid, SolveError};
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

/// How many cells each row lists in a first graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Listing {
    /// Cells per row.
    pub(super) k: usize,
    /// Cells per row (at most `k`) where seats are plentiful and a sample of
    /// rows shows that their favourite columns hardly overlap: rows that do
    /// not compete seldom need more than their first few cells, and listing
    /// fewer makes every step after the scan cheaper.
    pub(super) few: usize,
}

#[cfg(test)]
impl Listing {
    /// `k` cells per row, however roomy or contended the problem is.
    pub(super) fn exactly(k: usize) -> Self {
        Self { k, few: k }
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
        let few = listing.few.min(listing.k);
        let probe = (roomy && few < listing.k).then_some(few);
        let sample = Sample::of(source, capacities, per_column, probe);
        let k = if sample.contended { listing.k } else { few };
        let floors = SharedFloors::new(sample.floors);
        let (scans, picks) = (0..rows.div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                let (mut row, mut scratch) = (Vec::new(), Scratch::default());
                let mut picks = ColumnPicks::new(capacities, per_column, &floors);
                let scans: Vec<RowScan> = (c * chunk..rows.min((c + 1) * chunk))
                    .map(|i| {
                        if i % REFRESH_ROWS == 0 {
                            picks.refresh();
                        }
                        let weights = source.row(i, &mut row);
                        scan_row(i, weights, capacities, &idle, k, &mut picks, &mut scratch)
                    })
                    .collect();
                (scans, picks)
            })
            .reduce_with(|(mut scans, picks), (more, other)| {
                scans.extend(more);
                (scans, picks.merge(other))
            })
            .unwrap_or_else(|| {
                (
                    Vec::new(),
                    ColumnPicks::new(capacities, per_column, &floors),
                )
            });
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
    let mut usable: Vec<(Cost, usize)> = (0..capacities.len())
        .filter(|&j| capacities[j] > 0)
        .map(|j| (potentials[j], j))
        .collect();
    // A total order (columns break ties), so an unstable sort is as good.
    usable.sort_unstable_by(|&(p, a), &(q, b)| {
        let order = q.partial_cmp(&p);
        order.expect("potentials are not NaN").then(a.cmp(&b))
    });
    usable.into_iter().map(|(_, j)| j).collect()
}

/// Keeps the `k` best allowed cells of row `i` in usable columns, ranked by
/// weight and [`tie_break`], bounds everything else, and offers every cell to
/// the column picks. `idle` lists the columns of capacity 0.
///
/// One pass over the row takes each block's maximum (and screens for bad
/// weights); most blocks then rank below both the row's `k`th best and their
/// columns' floors, and cost one comparison of that maximum.
fn scan_row(
    i: usize,
    weights: &[f64],
    capacities: &[u32],
    idle: &[usize],
    k: usize,
    picks: &mut ColumnPicks,
    scratch: &mut Scratch,
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
    let survey = survey(weights, &mut scratch.maxima);
    if survey.suspect {
        if let Some(j) = weights.iter().position(|&w| is_invalid(w)) {
            scan.invalid = Some((j, weights[j]));
            return scan;
        }
    }
    // Over idle columns too: a lower `lightest` only makes the certificate
    // more cautious.
    scan.lightest = match survey.lowest {
        f64::NEG_INFINITY => lowest_allowed(weights),
        lowest => lowest,
    };
    for &j in idle.iter().filter(|&&j| is_allowed(weights[j])) {
        scan.idle_ceiling = scan.idle_ceiling.max(weights[j]);
    }
    let threshold = match idle {
        [] => kth_block_maximum(&scratch.maxima, k, &mut scratch.keys),
        _ => f64::NEG_INFINITY,
    };
    let mut best = RowBest {
        k,
        best: Vec::with_capacity(k + 1),
        threshold,
        ceiling: f64::NEG_INFINITY,
    };
    for (b, top) in scratch.maxima.iter_mut().enumerate() {
        // Every cell of the block ranks below the threshold and its floor.
        if *top < best.threshold && *top < picks.block_floor(b) {
            continue;
        }
        // Its cells bound the ceiling themselves: those that rank below
        // both at once, the others through `offer`.
        *top = f64::NEG_INFINITY;
        let start = b * BLOCK;
        let block: &[f64; BLOCK] = weights[start..start + BLOCK]
            .try_into()
            .expect("a full block");
        let floors = picks.floors(b);
        let (mut through, mut below) = (0u32, f64::NEG_INFINITY);
        for l in 0..BLOCK {
            let w = block[l];
            let offered = (w >= best.threshold) | (w >= floors[l]);
            through |= u32::from(offered) << l;
            below = if !offered && w > below { w } else { below };
        }
        best.ceiling = best.ceiling.max(below);
        while through != 0 {
            let l = through.trailing_zeros() as usize;
            through &= through - 1;
            best.offer(i, start + l, block[l], capacities, picks);
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
    best.ceiling = best.ceiling.max(skipped);
    let top = best.best.first().map_or(f64::NEG_INFINITY, |b| b.0);
    let highest = top.max(best.ceiling).max(scan.idle_ceiling);
    if is_allowed(highest) {
        scan.heaviest = highest.abs().max(scan.lightest.abs());
    }
    // Before grouping, every column is in group 0.
    scan.listed.ceilings[0] = best.ceiling;
    scan.listed.cells = best.best.iter().map(|&(w, _, j)| (j, w)).collect();
    scan
}

/// A row's best cells so far, and the bound on the others.
struct RowBest {
    /// How many cells to keep.
    k: usize,
    /// Sorted best first: `(weight, tie-break, column)`.
    best: Vec<(f64, u64, usize)>,
    /// At most the `k`th best weight, and that weight once there are `k`.
    /// (Columns of capacity 0 are not listed, so with them the block
    /// maxima may aim high: the scan then starts from `-inf`.)
    threshold: f64,
    /// The largest weight of a usable cell not kept.
    ceiling: f64,
}

impl RowBest {
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
        let best = &mut self.best;
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
struct Scratch {
    /// The maximum of each full block of the row.
    maxima: Vec<f64>,
    /// Selection keys for [`kth_block_maximum`].
    keys: Vec<u64>,
}

/// What [`survey`] finds in a row.
struct Survey {
    /// The least weight, `-inf` included.
    lowest: f64,
    /// Whether the row may hold a NaN or `+inf` (it does, or its sum
    /// overflowed).
    suspect: bool,
}

/// Fills `maxima` with the maximum of each full block of [`BLOCK`] weights
/// (NaN aside), and takes the row's least weight and a screen for bad
/// weights, in one pass that vectorises: a NaN or `+inf` anywhere makes the
/// row's sum NaN or `+inf`.
fn survey(weights: &[f64], maxima: &mut Vec<f64>) -> Survey {
    let top = |a: f64, b: f64| if a > b { a } else { b };
    let mut low = [f64::INFINITY; BLOCK];
    let mut sum = [0.0; BLOCK];
    let blocks = weights.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    maxima.clear();
    maxima.resize(blocks.len(), f64::NEG_INFINITY);
    for (block, maximum) in blocks.zip(maxima.iter_mut()) {
        let mut half = [f64::NEG_INFINITY; BLOCK / 2];
        for l in 0..BLOCK {
            let w = block[l];
            low[l] = if w < low[l] { w } else { low[l] };
            sum[l] += w;
            half[l % (BLOCK / 2)] = top(half[l % (BLOCK / 2)], w);
        }
        *maximum = top(top(half[0], half[2]), top(half[1], half[3]));
    }
    for &w in tail {
        low[0] = low[0].min(w);
        sum[0] += w;
    }
    let sum = sum.iter().sum::<f64>();
    Survey {
        lowest: low.iter().fold(f64::INFINITY, |m, &w| m.min(w)),
        suspect: sum.is_nan() || sum == f64::INFINITY,
    }
}

/// A row needs this many block maxima per listed cell for
/// [`kth_block_maximum`] to pay.
const BLOCKS_PER_CELL: usize = 8;

/// A lower bound on the `k`th best weight of a row whose blocks have the
/// given `maxima`: the `k`th best maximum over groups of blocks, which are
/// weights of `k` different cells. Groups are as long as the row allows with
/// [`BLOCKS_PER_CELL`] groups per listed cell: the best cells seldom share
/// one, so the bound is close and the scan starts with its threshold almost
/// where it ends, and the selection stays short. `-inf` for short rows;
/// `keys` is scratch space.
fn kth_block_maximum(maxima: &[f64], k: usize, keys: &mut Vec<u64>) -> f64 {
    let needed = BLOCKS_PER_CELL * k;
    if k == 0 || maxima.len() < needed {
        return f64::NEG_INFINITY;
    }
    let group = (maxima.len() / needed).min(MAX_GROUP);
    keys.clear();
    keys.extend(maxima.chunks(group).map(|blocks| {
        let top = blocks.iter().fold(f64::NEG_INFINITY, |m, &w| m.max(w));
        descending_key(top)
    }));
    let (_, kth, _) = keys.select_nth_unstable(k - 1);
    from_descending_key(*kth)
}

/// The most blocks [`kth_block_maximum`] takes together.
const MAX_GROUP: usize = 8;

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
