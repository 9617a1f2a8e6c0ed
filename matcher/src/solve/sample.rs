//! What a few rows, read before the candidate scan, tell about the rest: the
//! column picks' first floors, and whether the rows compete for the same
//! columns.

use super::column_picks::{SampledFloors, BLOCK};
use super::problem::is_allowed;
use super::row_blocks::{kth_block_maximum, survey};
use super::weights::WeightSource;

/// Rows sampled, evenly spaced, at most.
const SAMPLED_ROWS: usize = 64;

/// Where only the overlap is measured, enough rows are sampled for rows
/// choosing favourites at random to share about this many (the count then
/// seldom reaches [`CONTENDED_FROM`] times as many by chance), at least
/// [`MIN_OVERLAP_ROWS`].
const CHANCE_PAIRS: f64 = 8.0;

/// The fewest rows sampled for the overlap alone.
const MIN_OVERLAP_ROWS: usize = 16;

/// The sampled rows' favourites overlap "much" beyond this many times as
/// often as rows with independent weights would.
const CONTENDED_FROM: f64 = 2.0;

/// Favourite columns per sampled row in [`in_unison`].
const UNISON_FAVOURITES: usize = 6;

/// The sampled rows move "in unison" when, on average, a pair of them
/// shares at least this share of their favourite columns. Machol–Wien
/// matrices share all (every row ranks the columns alike); of the other
/// families, low-rank scores share the most: 0.46–0.74 from 500² to 4 000².
const UNISON_FROM: f64 = 0.9;

/// Whether [`SAMPLED_ROWS`] rows of `source`, evenly spaced, nearly all
/// rank the same [`UNISON_FAVOURITES`] usable columns first. Every row
/// then competes for the same few columns, and most must settle for cells
/// far down their ranking, which a graph of each row's best cells lacks.
pub(super) fn in_unison(source: &impl WeightSource, capacities: &[u32]) -> bool {
    let rows = source.rows();
    let taken = rows.min(SAMPLED_ROWS);
    let mut overlap = Overlap::new(capacities, UNISON_FAVOURITES);
    let mut row = Vec::new();
    for t in 0..taken {
        overlap.add(source.row(t * rows / taken, &mut row));
    }
    overlap.shared_share() >= UNISON_FROM
}

/// What the sampled rows tell.
pub(super) struct Sample {
    /// Per column, a floor below which its picks take no cell (see
    /// [`SampledFloors`]).
    pub(super) floors: Vec<f64>,
    /// Whether the sampled rows' favourite columns overlap much more than
    /// independent rows' would; `true` when not measured.
    pub(super) contended: bool,
}

impl Sample {
    /// Reads [`SAMPLED_ROWS`] rows of `source` (all of them if there are
    /// fewer) for the floors of columns picking `per_column(capacity)` rows,
    /// and, if `favourites` is given, how much each row's first
    /// `favourites` columns overlap with the other rows' (where no column
    /// picks rows, from only as many rows as that needs).
    pub(super) fn of(
        source: &impl WeightSource,
        capacities: &[u32],
        per_column: impl Fn(u32) -> usize,
        favourites: Option<usize>,
    ) -> Self {
        let rows = source.rows();
        let mut floors = SampledFloors::new(capacities, per_column);
        let mut overlap = favourites.map(|k| Overlap::new(capacities, k));
        // No row is read when neither needs one (no column picks rows and
        // the overlap is not asked for): a source may score rows on the fly.
        let wanted = match &overlap {
            _ if floors.wants_rows() => SAMPLED_ROWS,
            Some(overlap) => overlap.rows_wanted(),
            None => 0,
        };
        let taken = rows.min(wanted);
        let mut row = Vec::new();
        for t in 0..taken {
            let weights = source.row(t * rows / taken, &mut row);
            floors.add(weights);
            if let Some(overlap) = &mut overlap {
                overlap.add(weights);
            }
        }
        Self {
            floors: floors.floors(),
            contended: overlap.is_none_or(|o| o.contended()),
        }
    }
}

/// How often rows share favourite columns: each row's `k` best usable
/// cells (ties to the lower column) are counted per column.
struct Overlap {
    k: usize,
    /// Whether each column has positive capacity.
    usable: Vec<bool>,
    /// Rows counted so far that list each column among their favourites.
    counts: Vec<u32>,
    rows: usize,
    /// Whether every column has positive capacity.
    all_usable: bool,
    /// Scratch: the current row's favourites, best first, `(weight, column)`.
    best: Vec<(f64, usize)>,
    /// Scratch: the current row's block maxima, and selection keys.
    maxima: Vec<f64>,
    keys: Vec<u64>,
}

impl Overlap {
    fn new(capacities: &[u32], k: usize) -> Self {
        Self {
            k,
            usable: capacities.iter().map(|&c| c > 0).collect(),
            all_usable: capacities.iter().all(|&c| c > 0),
            counts: vec![0; capacities.len()],
            rows: 0,
            best: Vec::with_capacity(k + 1),
            maxima: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// Counts the favourites of one row. Blocks whose largest weight is
    /// below a first bound on the row's `k`th best weight (where every
    /// column is usable), or not above the `k`th best so far, are passed
    /// over whole.
    fn add(&mut self, weights: &[f64]) {
        if self.k == 0 {
            return;
        }
        self.best.clear();
        survey(weights, &mut self.maxima);
        let least = match self.all_usable {
            true => kth_block_maximum(&self.maxima, self.k, &mut self.keys),
            false => f64::NEG_INFINITY,
        };
        // The cells after the last full block form one more block, always
        // opened.
        let tops = self
            .maxima
            .iter()
            .copied()
            .chain(std::iter::once(f64::INFINITY));
        for (b, top) in tops.enumerate() {
            if top < least || top <= self.kth() {
                continue;
            }
            let start = b * BLOCK;
            let end = weights.len().min(start + BLOCK);
            for (j, &w) in (start..end).zip(&weights[start..end]) {
                // A NaN is neither (the scan reports it).
                let counts = w >= least && w > self.kth();
                if !counts || !self.usable[j] || !is_allowed(w) {
                    continue;
                }
                let at = self.best.partition_point(|&(kept, _)| kept >= w);
                self.best.insert(at, (w, j));
                self.best.truncate(self.k);
            }
        }
        for &(_, j) in &self.best {
            self.counts[j] += 1;
        }
        self.rows += 1;
    }

    /// The current row's `k`th best weight so far (`-inf` before it has
    /// `k`): ties go to the lower column, so only a heavier cell displaces
    /// it.
    fn kth(&self) -> f64 {
        self.best
            .get(self.k - 1)
            .map_or(f64::NEG_INFINITY, |&(kth, _)| kth)
    }

    /// How many rows to sample: enough that rows choosing `k` of the usable
    /// columns at random would share [`CHANCE_PAIRS`] favourites
    /// (`C(rows, 2) · k² / columns` pairs).
    fn rows_wanted(&self) -> usize {
        let columns = self.usable.iter().filter(|&&u| u).count() as f64;
        let pairs = CHANCE_PAIRS * columns / (self.k * self.k).max(1) as f64;
        // The least n with n (n - 1) / 2 >= pairs.
        let n = (1.0 + (1.0 + 8.0 * pairs).sqrt()) / 2.0;
        (n.ceil() as usize).clamp(MIN_OVERLAP_ROWS, SAMPLED_ROWS)
    }

    /// The favourites a pair of rows counted so far shares, on average, as
    /// a share of `k` (`0` for fewer than two rows).
    fn shared_share(&self) -> f64 {
        if self.rows < 2 {
            return 0.0;
        }
        let pairs = (self.rows * (self.rows - 1) / 2) as f64;
        self.shared_pairs() / (pairs * self.k as f64)
    }

    /// Pairs of rows counted so far that share a favourite, once per column
    /// they share.
    fn shared_pairs(&self) -> f64 {
        self.counts
            .iter()
            .map(|&c| f64::from(c) * (f64::from(c) - 1.0) / 2.0)
            .sum()
    }

    /// Whether pairs of rows shared favourites more than [`CONTENDED_FROM`]
    /// times as often as rows choosing `k` of the usable columns at random
    /// would (`C(rows, 2) · k² / columns` pairs).
    fn contended(&self) -> bool {
        let columns = self.usable.iter().filter(|&&u| u).count();
        if self.rows < 2 || columns == 0 {
            return true;
        }
        let shared = self.shared_pairs();
        let pairs = (self.rows * (self.rows - 1) / 2) as f64;
        let chance = pairs * (self.k * self.k) as f64 / columns as f64;
        shared > CONTENDED_FROM * chance
    }
}

#[cfg(test)]
mod tests {
    use super::super::weights::RowMajor;
    use super::*;

    fn sample(weights: &[f64], rows: usize, cols: usize) -> Sample {
        let source = RowMajor {
            rows,
            cols,
            weights,
        };
        Sample::of(&source, &vec![1; cols], |_| 4, Some(3))
    }

    #[test]
    fn independent_rows_are_not_contended_and_shared_favourites_are() {
        let (rows, cols) = (64, 400);
        // Every row prefers its own columns (3 of them, 4i..4i+3 mod cols).
        let own: Vec<f64> = (0..rows * cols)
            .map(|c| {
                let (i, j) = (c / cols, c % cols);
                f64::from(u8::from((j + cols - (4 * i) % cols) % cols < 3))
            })
            .collect();
        assert!(!sample(&own, rows, cols).contended);
        // Every row prefers columns 7, 8 and 9.
        let shared: Vec<f64> = (0..rows * cols)
            .map(|c| f64::from(u8::from((7..10).contains(&(c % cols)))))
            .collect();
        assert!(sample(&shared, rows, cols).contended);
    }

    #[test]
    fn favourites_are_each_rows_best_usable_allowed_cells() {
        let mut overlap = Overlap::new(&[1, 0, 1, 1, 1], 2);
        overlap.add(&[0.5, 9.0, f64::NEG_INFINITY, 0.7, 0.7]);
        // Column 1 has no capacity and column 2 is forbidden; ties go to
        // the lower column.
        assert_eq!(overlap.counts, [0, 0, 0, 1, 1]);
        overlap.add(&[3.0, 1.0, 2.0, 1.0, 0.0]);
        assert_eq!(overlap.counts, [1, 0, 1, 1, 1]);
        assert_eq!(overlap.rows, 2);
    }

    #[test]
    fn the_overlap_samples_enough_rows_for_chance_to_share_eight_favourites() {
        let wanted = |cols: usize, k: usize| Overlap::new(&vec![1; cols], k).rows_wanted();
        // C(31, 2) * 36 / 2 000 = 8.4 >= 8 > C(30, 2) * 36 / 2 000 = 7.8.
        assert_eq!(wanted(2_000, 6), 31);
        assert_eq!(wanted(8_000, 6), 61);
        assert_eq!(wanted(100, 6), MIN_OVERLAP_ROWS);
        assert_eq!(wanted(100_000, 6), SAMPLED_ROWS);
    }

    proptest::proptest! {
        /// On rows long enough for the bound from block maxima, the
        /// favourites are still each row's `k` best cells, ties to the lower
        /// column.
        #[test]
        fn favourites_of_long_rows_are_their_best_cells(
            row in proptest::collection::vec(0u8..12, 64..300),
            k in 1usize..8,
        ) {
            let weights: Vec<f64> = row.iter().map(|&w| f64::from(w)).collect();
            let mut overlap = Overlap::new(&vec![1; weights.len()], k);
            overlap.add(&weights);
            let mut ranked: Vec<usize> = (0..weights.len()).collect();
            ranked.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
            let mut expected = vec![0; weights.len()];
            for &j in ranked.iter().take(k) {
                expected[j] = 1;
            }
            proptest::prop_assert_eq!(&overlap.counts, &expected);
        }
    }
}
