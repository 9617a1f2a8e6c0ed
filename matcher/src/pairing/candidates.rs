//! The starting graph: each person's best few partners, from one parallel
//! scan of the rows that also validates every weight.

use crate::assign::par_map;
use crate::solve::{Objective, WeightSource};

use super::costs::{self, Scale};
use super::PairError;

/// What the scan found: the starting pairs and the largest weight.
pub(super) struct Scan {
    /// Pairs `(a, b)` with `a < b`, sorted, without duplicates: every
    /// person's best partners.
    pub(super) pairs: Vec<(u32, u32)>,
    /// The largest `|w|` over the allowed pairs `i < j`.
    pub(super) largest: f64,
}

/// One row's part of the scan: its best partners and largest weight, or its
/// first invalid weight (column, value).
type RowScan = Result<(Vec<u32>, f64), (usize, f64)>;

/// Reads every row once (in parallel where threads exist): checks the
/// weights `(i, j)`, `i < j`, and keeps each person's `per_person` best
/// partners by weight, ties to the lower index.
///
/// The choice of partners reads the whole row, `j < i` too, as a hint only:
/// every pair's weight is taken from `(min, max)`, and pricing proves the
/// result optimal whatever the hint was.
pub(super) fn scan(
    source: &dyn WeightSource,
    objective: Objective,
    per_person: usize,
) -> Result<Scan, PairError> {
    let n = source.rows();
    let one_row = |scratch: &mut Vec<f64>, i: usize| -> RowScan {
        let row = source.row(i, scratch);
        let mut largest = 0.0f64;
        for (j, &w) in row.iter().enumerate().skip(i + 1) {
            costs::check(w).map_err(|_| (j, w))?;
            if w != f64::NEG_INFINITY {
                largest = largest.max(w.abs());
            }
        }
        Ok((best_partners(row, i, objective, per_person), largest))
    };
    let rows: Vec<RowScan> = par_map(n, Vec::new, one_row);
    let mut pairs = Vec::new();
    let mut largest = 0.0f64;
    for (i, row) in rows.into_iter().enumerate() {
        let (best, top) = row.map_err(|(col, value)| invalid(i, col, value))?;
        largest = largest.max(top);
        for j in best {
            let (i, j) = (i as u32, j);
            pairs.push((i.min(j), i.max(j)));
        }
    }
    crate::sorting::sort(&mut pairs);
    pairs.dedup();
    Ok(Scan { pairs, largest })
}

/// The error for the invalid weight `value` at `(row, col)`.
fn invalid(row: usize, col: usize, value: f64) -> PairError {
    match costs::check(value) {
        Err(false) => PairError::NotInteger { row, col, value },
        _ => PairError::NonFinite { row, col, value },
    }
}

/// The `count` partners of person `i` with the highest useful weights in
/// `row`, best first, ties to the lower index.
fn best_partners(row: &[f64], i: usize, objective: Objective, count: usize) -> Vec<u32> {
    let mut best: Vec<(f64, u32)> = Vec::with_capacity(count + 1);
    for (j, &w) in row.iter().enumerate() {
        let full = best.len() == count;
        if j == i || costs::check(w).is_err() || !Scale::useful(objective, w) {
            continue;
        }
        if full && best.last().is_none_or(|&(last, _)| w <= last) {
            continue;
        }
        let at = best.partition_point(|&(v, _)| v >= w);
        best.insert(at, (w, j as u32));
        best.truncate(count);
    }
    best.into_iter().map(|(_, j)| j).collect()
}
