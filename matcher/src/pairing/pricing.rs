//! Pricing: checks every allowed pair against the duals of a matching solved
//! on the candidate graph, and finds the pairs the graph is missing.

use crate::assign::par_map;
use crate::solve::{Objective, WeightSource};

use super::costs::Scale;
use super::nest::Nest;

/// How close to violated (in hundredths of weight) a pair may be and still
/// join the graph with the violators: a re-solve moves the duals, and pairs
/// this near would be the next round's violators (on a 20 000-person roster,
/// rounds of 199, 26 and 2 new pairs, each a whole solve).
const NEAR: i64 = 200;

/// What a pricing round found: the pairs to add, and whether any is violated.
pub(super) struct Priced {
    /// The pairs `(i, j, cost)`, `i < j`, in ascending `(i, j)`: for each
    /// `i`, its `per_row` lowest reduced costs below the [`NEAR`] margin
    /// (ties to the lower `j`); some may already be in the graph.
    pub(super) pairs: Vec<(u32, u32, i64)>,
    /// Whether some pair's reduced cost is negative; none proves the matching
    /// optimal on every pair.
    pub(super) violated: bool,
}

/// Prices every allowed pair `i < j` against the duals: its reduced cost
/// `2y_i + 2y_j + 2·Σ z_B − 2c_ij` must not be negative.
pub(super) fn violators(
    source: &dyn WeightSource,
    objective: Objective,
    scale: Scale,
    nest: &Nest,
    per_row: usize,
) -> Priced {
    let (n, per_row) = (source.rows(), per_row.max(1));
    let duals = nest.vertex_duals();
    let margin = 2 * NEAR * scale.weight;
    let one_row = |scratch: &mut Vec<f64>, i: usize| -> (Vec<(u32, u32, i64)>, bool) {
        let row = source.row(i, scratch);
        let yi = duals[i];
        let mut found: Vec<(i64, u32, i64)> = Vec::with_capacity(per_row + 1);
        let mut violated = false;
        for (j, &w) in row.iter().enumerate().skip(i + 1) {
            if !Scale::useful(objective, w) {
                continue;
            }
            let c = scale.cost(w);
            let reduced = yi + duals[j] - 2 * c;
            if reduced < margin {
                let reduced = reduced + 2 * nest.common_dual(i, j);
                violated |= reduced < 0;
                let full = found.len() == per_row;
                if reduced < margin && !(full && found.last().is_some_and(|l| reduced >= l.0)) {
                    // Kept by reduced cost, ties to the lower `j` (scanned first).
                    let at = found.partition_point(|l| l.0 <= reduced);
                    found.insert(at, (reduced, j as u32, c));
                    found.truncate(per_row);
                }
            }
        }
        crate::sorting::sort_by_key(&mut found, |&(_, j, _)| j);
        let pairs = found.into_iter().map(|(_, j, c)| (i as u32, j, c));
        (pairs.collect(), violated)
    };
    let rows = par_map(n, Vec::new, one_row);
    let violated = rows.iter().any(|(_, v)| *v);
    Priced {
        pairs: rows.into_iter().flat_map(|(pairs, _)| pairs).collect(),
        violated,
    }
}
