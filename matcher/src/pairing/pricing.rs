//! Pricing: checks every allowed pair against the duals of a matching solved
//! on the candidate graph, and finds the pairs the graph is missing.

use crate::assign::THREADS;
use crate::solve::{Objective, WeightSource};
use rayon::prelude::*;

use super::costs::Scale;
use super::nest::Nest;

/// The pairs `(i, j, cost)`, `i < j`, whose reduced cost
/// `2y_i + 2y_j + 2·Σ z_B − 2c_ij` is negative: for each `i`, its `per_row`
/// most negative (ties to the lower `j`), in ascending `(i, j)`. Empty when
/// the duals are feasible on every pair, which proves the matching optimal.
pub(super) fn violators(
    source: &dyn WeightSource,
    objective: Objective,
    scale: Scale,
    nest: &Nest,
    per_row: usize,
) -> Vec<(u32, u32, i64)> {
    let (n, per_row) = (source.rows(), per_row.max(1));
    let duals = nest.vertex_duals();
    let one_row = |scratch: &mut Vec<f64>, i: usize| -> Vec<(u32, u32, i64)> {
        let row = source.row(i, scratch);
        let yi = duals[i];
        let mut found: Vec<(i64, u32, i64)> = Vec::with_capacity(per_row + 1);
        for (j, &w) in row.iter().enumerate().skip(i + 1) {
            if !Scale::useful(objective, w) {
                continue;
            }
            let c = scale.cost(w);
            let reduced = yi + duals[j] - 2 * c;
            if reduced < 0 {
                let reduced = reduced + 2 * nest.common_dual(i, j);
                let full = found.len() == per_row;
                if reduced < 0 && !(full && found.last().is_some_and(|l| reduced >= l.0)) {
                    // Kept by reduced cost, ties to the lower `j` (scanned first).
                    let at = found.partition_point(|l| l.0 <= reduced);
                    found.insert(at, (reduced, j as u32, c));
                    found.truncate(per_row);
                }
            }
        }
        crate::sorting::sort_by_key(&mut found, |&(_, j, _)| j);
        found
            .into_iter()
            .map(|(_, j, c)| (i as u32, j, c))
            .collect()
    };
    let rows: Vec<Vec<(u32, u32, i64)>> = if THREADS {
        (0..n).into_par_iter().map_init(Vec::new, one_row).collect()
    } else {
        let mut scratch = Vec::new();
        (0..n).map(|i| one_row(&mut scratch, i)).collect()
    };
    rows.concat()
}
