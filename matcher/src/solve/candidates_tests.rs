//! The candidate graph against a brute-force listing: every row's `k` best
//! cells and every column's picks, whatever the thread count.

use std::collections::BTreeSet;

use super::super::instances::{pseudo_random, Instance};
use super::super::problem::{is_allowed, SolveError};
use super::super::weights::RowMajor;
use super::{picks_per_column, ranks_before, tie_break, Candidates, Listing};

/// The cells the graph must list: each row's `k` best allowed cells in
/// columns of positive capacity, and, unless there are seats for twice the
/// rows, each such column's best `picks_per_column` rows, ranked as the scan
/// ranks them.
fn expected_cells(instance: &Instance, k: usize) -> BTreeSet<(usize, usize)> {
    let cols = instance.capacities.len();
    let seats: u32 = instance.capacities.iter().sum();
    let roomy = seats as usize >= 2 * instance.rows;
    let usable = |i: usize, j: usize| {
        let w = instance.weights[i * cols + j];
        (is_allowed(w) && instance.capacities[j] > 0).then_some(w)
    };
    let mut cells = BTreeSet::new();
    for i in 0..instance.rows {
        let mut row: Vec<(f64, u64, usize)> = (0..cols)
            .filter_map(|j| usable(i, j).map(|w| (w, tie_break(i, j), j)))
            .collect();
        row.sort_by(|a, b| match ranks_before((a.0, a.1), (b.0, b.1)) {
            true => std::cmp::Ordering::Less,
            false => std::cmp::Ordering::Greater,
        });
        cells.extend(row.iter().take(k).map(|&(_, _, j)| (i, j)));
    }
    for j in 0..cols {
        let mut column: Vec<(f64, u64, usize)> = (0..instance.rows)
            .filter_map(|i| usable(i, j).map(|w| (w, tie_break(i, j), i)))
            .collect();
        column.sort_by(|a, b| {
            let first = ranks_before((a.0, a.1), (b.0, b.1));
            let tied = (a.0, a.1) == (b.0, b.1);
            match first || (tied && a.2 < b.2) {
                true => std::cmp::Ordering::Less,
                false => std::cmp::Ordering::Greater,
            }
        });
        let picks = match roomy {
            true => 0,
            false => picks_per_column(instance.capacities[j]),
        };
        cells.extend(column.iter().take(picks).map(|&(_, _, i)| (i, j)));
    }
    cells
}

fn gather_on(threads: usize, instance: &Instance, k: usize) -> Candidates {
    let source = RowMajor {
        rows: instance.rows,
        cols: instance.capacities.len(),
        weights: &instance.weights,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    pool.install(|| Candidates::gather(&source, &instance.capacities, Listing::exactly(k)))
        .expect("finite weights")
}

#[test]
fn the_graph_lists_exactly_the_best_cells_of_rows_and_columns_on_any_thread_count() {
    // Enough rows for several chunks sharing column floors, and enough
    // columns for block maxima to set the rows' thresholds.
    // Seats for fewer than twice the rows (columns pick rows too) and for
    // more; tied weights; a column of capacity 0.
    let mut tied = pseudo_random(21, 600, 330, 12, 3);
    tied.capacities[7] = 0;
    let roomy = pseudo_random(20, 600, 800, 10_000, 3);
    // Wide rows: the thresholds come from maxima over groups of blocks; no
    // forbidden cells, so the rows' least weights come from the one pass.
    let mut wide = pseudo_random(23, 560, 1_000, 1_000_000, 1);
    for w in wide.weights.iter_mut().filter(|w| !is_allowed(**w)) {
        *w = 0.5;
    }
    for instance in [pseudo_random(22, 600, 330, 10_000, 3), tied, roomy, wide] {
        let seats: u32 = instance.capacities.iter().sum();
        let roomy = seats as usize >= 2 * instance.rows;
        assert_eq!(roomy, instance.capacities.len() == 800);
        let cols = instance.capacities.len();
        for k in [1, 4, 12] {
            let expected = expected_cells(&instance, k);
            let mut graphs = [1, 2, 4].map(|threads| gather_on(threads, &instance, k));
            let lightest = instance
                .weights
                .iter()
                .copied()
                .filter(|&w| is_allowed(w))
                .fold(f64::INFINITY, f64::min);
            for graph in &graphs {
                assert_eq!(graph.lightest, lightest);
                let listed: BTreeSet<(usize, usize)> = (0..graph.rows())
                    .flat_map(|i| graph.row(i).iter().map(move |&(j, _)| (i, j)))
                    .collect();
                assert_eq!(listed, expected, "k = {k}");
                for i in 0..graph.rows() {
                    let ceiling = graph.ceilings(i)[0];
                    for j in (0..cols).filter(|&j| instance.capacities[j] > 0) {
                        let w = instance.weights[i * cols + j];
                        if is_allowed(w) && !listed.contains(&(i, j)) {
                            assert!(w <= ceiling, "row {i} column {j}: {w} > {ceiling}");
                        }
                    }
                }
            }
            let [one, two, four] = &mut graphs;
            for other in [two, four] {
                assert_eq!(one.starts, other.starts);
                assert_eq!(one.cells, other.cells);
                assert_eq!(one.ceilings, other.ceilings);
            }
        }
    }
}

#[test]
fn a_nan_or_positive_infinity_anywhere_in_a_long_row_is_reported_where_it_is() {
    let (rows, cols) = (3, 45);
    for bad in [f64::NAN, f64::INFINITY] {
        // In a full block and in the tail, in a row with and without
        // forbidden cells.
        for (row, col, forbidden) in [
            (1, 9, None),
            (2, 44, None),
            (0, 17, Some(3)),
            (2, 3, Some(40)),
        ] {
            let mut weights: Vec<f64> = (0..rows * cols).map(|c| (c % 7) as f64).collect();
            weights[row * cols + col] = bad;
            if let Some(j) = forbidden {
                weights[row * cols + j] = f64::NEG_INFINITY;
            }
            let source = RowMajor {
                rows,
                cols,
                weights: &weights,
            };
            match Candidates::gather(&source, &vec![1; cols], Listing::exactly(2)) {
                Err(SolveError::NonFinite {
                    row: r,
                    col: c,
                    value,
                }) => {
                    assert_eq!((r, c), (row, col));
                    assert_eq!(value.to_bits(), bad.to_bits());
                }
                Err(other) => panic!("expected NonFinite, got {other:?}"),
                Ok(_) => panic!("{bad} at ({row}, {col}) was not reported"),
            }
        }
    }
}

#[test]
fn the_first_bad_weight_in_row_major_order_is_reported_on_any_thread_count() {
    // Chunks of rows scan in parallel and stop at their first bad row; the
    // earliest one wins, whichever chunk finishes first.
    let mut instance = pseudo_random(5, 1_200, 40, 100, 1);
    let cols = instance.capacities.len();
    for (row, col, bad) in [
        (1_100, 3, f64::NAN),
        (700, 30, f64::INFINITY),
        (700, 31, f64::NAN),
    ] {
        instance.weights[row * cols + col] = bad;
    }
    for threads in [1, 2, 4] {
        let source = RowMajor {
            rows: instance.rows,
            cols,
            weights: &instance.weights,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let found =
            pool.install(|| Candidates::gather(&source, &instance.capacities, Listing::exactly(4)));
        match found {
            Err(SolveError::NonFinite { row, col, value }) => {
                assert_eq!(
                    (row, col, value),
                    (700, 30, f64::INFINITY),
                    "{threads} threads"
                );
            }
            Err(other) => panic!("expected NonFinite, got {other:?}"),
            Ok(_) => panic!("the bad weights were not reported"),
        }
    }
}

#[test]
fn huge_finite_weights_whose_sum_overflows_are_accepted() {
    let (rows, cols) = (2, 40);
    let weights = vec![f64::MAX; rows * cols];
    let source = RowMajor {
        rows,
        cols,
        weights: &weights,
    };
    let graph =
        Candidates::gather(&source, &vec![1; cols], Listing::exactly(3)).expect("finite weights");
    assert_eq!(graph.row(0).len(), 3);
    assert_eq!(graph.lightest, f64::MAX);
}

#[test]
fn rows_list_few_cells_where_seats_abound_and_more_where_they_compete() {
    let listing = Listing {
        k: 8,
        few: 3,
        contended: 22,
    };
    // The cells listed, against every row's `k` best and every column's
    // picks for the `k` the listing should have chosen.
    let check =
        |(rows, cols, seats): (usize, usize, u32), weight: &dyn Fn(usize, usize) -> f64, k| {
            let instance = Instance {
                rows,
                capacities: vec![seats; cols],
                weights: (0..rows * cols)
                    .map(|c| weight(c / cols, c % cols))
                    .collect(),
            };
            let source = RowMajor {
                rows,
                cols,
                weights: &instance.weights,
            };
            let graph =
                Candidates::gather(&source, &instance.capacities, listing).expect("finite weights");
            let listed: BTreeSet<(usize, usize)> = (0..rows)
                .flat_map(|i| graph.row(i).iter().map(move |&(j, _)| (i, j)))
                .collect();
            assert_eq!(listed, expected_cells(&instance, k), "{rows} x {cols}");
        };
    // Distinct weights in an order of columns of its own for every row.
    let own = |i: usize, j: usize| (tie_break(i, j) % 1_000_000) as f64;
    // Every row ranks the columns alike, up to a little noise.
    let alike = |i: usize, j: usize| (j * 1_000) as f64 + (tie_break(i, j) % 100) as f64;
    // Seats for twice the rows: roomy.
    check((100, 200, 1), &own, 3);
    check((100, 200, 1), &alike, 22);
    // Fewer seats: the columns pick rows too.
    check((150, 200, 1), &own, 8);
    check((150, 200, 1), &alike, 22);
    // Two seats a column: half as many cells reach as many seats.
    check((150, 100, 2), &alike, 11);
    check((150, 100, 2), &own, 8);
}
