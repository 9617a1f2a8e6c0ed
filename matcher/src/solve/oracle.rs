//! Reference solvers for the tests, sharing no code with the solver: exhaustive
//! search, and a textbook Hungarian method on the capacity-expanded square matrix.

use super::problem::{Objective, Problem};

/// The value of an optimal assignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Optimum {
    /// Number of matched rows.
    pub(super) matched: usize,
    /// Total weight, summed in row order.
    pub(super) total: f64,
}

impl Optimum {
    const EMPTY: Self = Self {
        matched: 0,
        total: 0.0,
    };

    /// Whether `self` is strictly better than `other` under `objective`.
    fn beats(self, other: Self, objective: Objective) -> bool {
        match objective {
            Objective::Coverage => (self.matched, self.total) > (other.matched, other.total),
            Objective::Total => (self.total, self.matched) > (other.total, other.matched),
        }
    }
}

/// The optimum over every feasible assignment, by enumeration (tiny problems only).
pub(super) fn brute_force(problem: &Problem<'_>) -> Optimum {
    let mut best = Optimum::EMPTY;
    let mut load = vec![0; problem.cols];
    enumerate(problem, 0, Optimum::EMPTY, &mut load, &mut best);
    best
}

/// Tries every choice for `row` and the rows after it.
fn enumerate(
    problem: &Problem<'_>,
    row: usize,
    so_far: Optimum,
    load: &mut [u32],
    best: &mut Optimum,
) {
    if row == problem.rows {
        if so_far.beats(*best, problem.objective) {
            *best = so_far;
        }
        return;
    }
    enumerate(problem, row + 1, so_far, load, best);
    for col in 0..problem.cols {
        let weight = problem.weights[row * problem.cols + col];
        if weight == f64::NEG_INFINITY || load[col] == problem.capacities[col] {
            continue;
        }
        load[col] += 1;
        let next = Optimum {
            matched: so_far.matched + 1,
            total: so_far.total + weight,
        };
        enumerate(problem, row + 1, next, load, best);
        load[col] -= 1;
    }
}

/// The optimum found by the Hungarian method on a square matrix: every column is
/// copied once per unit of capacity, every row may take one of `rows` zero-cost
/// "unmatched" columns, and zero-cost dummy rows pad the matrix to a square.
///
/// The objective becomes one scalar cost: Coverage adds a bonus per match that
/// outweighs any difference in total; Total with integer weights scales weights
/// by `rows + 1` and adds one per match to prefer more matches among equal totals
/// (real-valued random weights do not tie, so they need no tie-break).
pub(super) fn hungarian(problem: &Problem<'_>) -> Optimum {
    let (rows, cols) = (problem.rows, problem.cols);
    let slots: Vec<usize> = (0..cols)
        .flat_map(|j| std::iter::repeat_n(j, (problem.capacities[j] as usize).min(rows)))
        .collect();
    let n = slots.len() + rows;
    let allowed: Vec<f64> = problem
        .weights
        .iter()
        .copied()
        .filter(|&w| w != f64::NEG_INFINITY)
        .collect();
    let lightest = allowed.iter().copied().fold(f64::INFINITY, f64::min);
    let heaviest = allowed.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let integral = allowed.iter().all(|w| w.fract() == 0.0);
    let scalar = |w: f64| match problem.objective {
        Objective::Coverage => -(w + rows as f64 * (heaviest - lightest) + lightest.abs() + 1.0),
        Objective::Total if integral => -(w * (rows + 1) as f64 + 1.0),
        Objective::Total => -w,
    };
    // Costlier than any assignment of allowed cells can save.
    let forbidden = 1.0 + allowed.iter().map(|&w| scalar(w).abs()).sum::<f64>();

    let mut cost = vec![0.0; n * n];
    for i in 0..rows {
        for (s, &j) in slots.iter().enumerate() {
            let w = problem.weights[i * cols + j];
            cost[i * n + s] = if w == f64::NEG_INFINITY {
                forbidden
            } else {
                scalar(w)
            };
        }
    }

    let mut optimum = Optimum::EMPTY;
    for (i, &s) in min_cost_perfect_matching(&cost, n)[..rows]
        .iter()
        .enumerate()
    {
        if let Some(&j) = slots.get(s) {
            let w = problem.weights[i * cols + j];
            assert!(
                w != f64::NEG_INFINITY,
                "oracle used forbidden cell ({i}, {j})"
            );
            optimum.matched += 1;
            optimum.total += w;
        }
    }
    optimum
}

/// The column of each row in a minimum-cost perfect matching of the row-major
/// `n × n` matrix `cost`: Kuhn–Munkres with potentials, adding one row at a
/// time along a shortest alternating path, in `O(n³)`.
fn min_cost_perfect_matching(cost: &[f64], n: usize) -> Vec<usize> {
    const FREE: usize = usize::MAX;
    let mut row_pot = vec![0.0; n];
    // Column `n` is virtual: it holds the row being added.
    let mut col_pot = vec![0.0; n + 1];
    let mut owner = vec![FREE; n + 1];
    for r in 0..n {
        owner[n] = r;
        let mut slack = vec![f64::INFINITY; n + 1];
        let mut via = vec![n; n + 1];
        let mut visited = vec![false; n + 1];
        let mut col = n;
        while owner[col] != FREE {
            visited[col] = true;
            let i = owner[col];
            let (mut delta, mut next) = (f64::INFINITY, n);
            for j in (0..n).filter(|&j| !visited[j]) {
                let reduced = cost[i * n + j] - row_pot[i] - col_pot[j];
                if reduced < slack[j] {
                    slack[j] = reduced;
                    via[j] = col;
                }
                if slack[j] < delta {
                    delta = slack[j];
                    next = j;
                }
            }
            for j in 0..=n {
                if visited[j] {
                    row_pot[owner[j]] += delta;
                    col_pot[j] -= delta;
                } else {
                    slack[j] -= delta;
                }
            }
            col = next;
        }
        while col != n {
            let prev = via[col];
            owner[col] = owner[prev];
            col = prev;
        }
    }
    let mut col_of = vec![0; n];
    for (j, &i) in owner[..n].iter().enumerate() {
        col_of[i] = j;
    }
    col_of
}
