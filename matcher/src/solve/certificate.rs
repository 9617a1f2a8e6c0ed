//! The dual certificate: built from the solver's potentials, checked by [`verify`].
//!
//! The maximisation dual of the problem is: minimise
//! `Σ_i a_i + Σ_j cap_j·b_j` subject to `a_i + b_j >= w_ij + K` for every allowed
//! cell, `a_i >= 0` (a row may stay unmatched) and `b_j >= 0`. `K` is the
//! per-match bonus: 0 for [`Objective::Total`]; for [`Objective::Coverage`] it
//! is large enough that the certificate also proves no assignment matches more
//! rows. Any feasible `(a, b)` bounds the total weight of every assignment with
//! `m` matched rows by `Σ a + Σ cap·b - K·m`.

use super::cost::Cost;
use super::dense::Flow;
use super::problem::{is_allowed, Objective, Problem};
use super::Solution;

/// Turns an optimal flow into a [`Solution`] with real-valued duals.
pub(super) fn certify(problem: Problem<'_>, flow: Flow) -> Solution {
    let Flow {
        assignment,
        potentials,
    } = flow;
    // Maximisation duals as lexicographic pairs: a_i = -u_i and b_j = -v_j.
    let row_pairs: Vec<Cost> = assignment
        .iter()
        .enumerate()
        .map(|(i, slot)| match *slot {
            Some(j) => potentials[j] - Cost::of_cell(problem.objective, problem.row(i)[j]),
            None => Cost::ZERO,
        })
        .collect();
    let col_pairs: Vec<Cost> = potentials.iter().map(|&v| -v).collect();

    let matched = assignment.iter().flatten().count();
    let total = assignment
        .iter()
        .enumerate()
        .filter_map(|(i, slot)| slot.map(|j| problem.row(i)[j]))
        .fold(0.0, |sum, w| sum + w);

    let (match_bonus, mut row_duals, mut col_prices, coverage_bound): (f64, Vec<f64>, Vec<f64>, _) =
        match problem.objective {
            // Total's costs are (-w, -1): the weight halves are the weight duals.
            Objective::Total => (
                0.0,
                row_pairs.iter().map(|a| a.major).collect(),
                col_pairs.iter().map(|b| b.major).collect(),
                None,
            ),
            // Coverage's costs are (-1, -w). With count duals (κ, γ) and weight duals
            // (ω, δ), any K meeting `coverage_bonus` makes `K·κ + ω`, `K·γ + δ` feasible,
            // and their bound `Σ ω + Σ cap·δ` needs no big constant subtracted.
            Objective::Coverage => {
                let omega: Vec<f64> = row_pairs.iter().map(|a| a.minor).collect();
                let delta: Vec<f64> = col_pairs.iter().map(|b| b.minor).collect();
                let bound = dual_objective(&omega, problem.capacities, &delta);
                let bonus = coverage_bonus(problem, &row_pairs, &col_pairs, matched, bound);
                let blend = |pair: &Cost| bonus * pair.major + pair.minor;
                (
                    bonus,
                    row_pairs.iter().map(blend).collect(),
                    col_pairs.iter().map(blend).collect(),
                    Some(bound),
                )
            }
        };
    price_empty_columns(problem, match_bonus, &row_duals, &mut col_prices);
    // Negated zero potentials are -0.0; report them as plain zeros.
    for dual in row_duals.iter_mut().chain(col_prices.iter_mut()) {
        *dual += 0.0;
    }
    let dual_bound = coverage_bound
        .unwrap_or_else(|| dual_objective(&row_duals, problem.capacities, &col_prices));

    Solution {
        assignment,
        matched,
        total,
        dual_bound,
        row_duals,
        col_prices,
        match_bonus,
    }
}

/// The dual objective `Σ_i a_i + Σ_j cap_j·b_j`.
fn dual_objective(row_duals: &[f64], capacities: &[u32], col_prices: &[f64]) -> f64 {
    let rows = row_duals.iter().fold(0.0, |sum, &a| sum + a);
    capacities
        .iter()
        .zip(col_prices)
        .filter(|&(&cap, _)| cap > 0)
        .fold(rows, |sum, (&cap, &b)| sum + f64::from(cap) * b)
}

/// Picks the Coverage bonus `K`: a power of two (exact to multiply by) with
/// room to spare over every requirement below.
///
/// With count duals `κ_i`, `γ_j` (integers) and weight duals `ω_i`, `δ_j`:
/// - `K·κ_i + ω_i >= 0` needs `K >= -ω_i / κ_i` when `κ_i >= 1` (else `ω_i >= 0`
///   already, by lexicographic feasibility); likewise for columns;
/// - `K·(κ_i + γ_j) + ω_i + δ_j >= w_ij + K` holds for any `K` when
///   `κ_i + γ_j = 1` and needs `K >= (w_ij - ω_i - δ_j) / (κ_i + γ_j - 1)` above;
/// - no assignment of `matched + 1` rows exists if its least possible total,
///   `(matched + 1)·w_min`, exceeds the certified `bound - K`.
fn coverage_bonus(
    problem: Problem<'_>,
    row_pairs: &[Cost],
    col_pairs: &[Cost],
    matched: usize,
    bound: f64,
) -> f64 {
    let mut need: f64 = 0.0;
    let mut require = |excess: f64, deficit: f64| {
        if excess > 0.0 {
            need = need.max(deficit / excess);
        }
    };
    for a in row_pairs {
        require(a.major, -a.minor);
    }
    let usable: Vec<usize> = problem.usable_columns().collect();
    for &j in &usable {
        require(col_pairs[j].major, -col_pairs[j].minor);
    }
    let mut lightest = f64::INFINITY;
    for (i, a) in row_pairs.iter().enumerate() {
        let weights = problem.row(i);
        for &j in &usable {
            let (w, b) = (weights[j], col_pairs[j]);
            if is_allowed(w) {
                lightest = lightest.min(w);
                require(a.major + b.major - 1.0, w - a.minor - b.minor);
            }
        }
    }
    if lightest.is_finite() {
        let more = (matched + 1) as f64;
        let margin = 1e-6 * size_factor(problem) * (1.0 + heaviest(problem) + bound.abs());
        need = need.max(bound - more * lightest + margin);
    }
    let target = 2.0 * need + 1.0;
    let mut bonus = 1.0;
    while bonus < target && bonus.is_finite() {
        bonus *= 2.0;
    }
    bonus
}

/// Gives a column of capacity 0, which the solver never touched, the least
/// price that satisfies its cells; it adds nothing to the dual objective.
fn price_empty_columns(
    problem: Problem<'_>,
    bonus: f64,
    row_duals: &[f64],
    col_prices: &mut [f64],
) {
    for (j, price) in col_prices.iter_mut().enumerate() {
        if problem.capacities[j] > 0 {
            continue;
        }
        *price = (0..problem.rows)
            .map(|i| problem.row(i)[j])
            .zip(row_duals)
            .filter(|&(w, _)| is_allowed(w))
            .fold(0.0, |price: f64, (w, &a)| price.max(w + bonus - a));
    }
}

/// Largest absolute allowed weight.
fn heaviest(problem: Problem<'_>) -> f64 {
    problem
        .weights
        .iter()
        .filter(|&&w| is_allowed(w))
        .fold(0.0, |max: f64, &w| max.max(w.abs()))
}

/// How many rounding steps can pile up in a dual or a sum: `rows + cols + 1`.
fn size_factor(problem: Problem<'_>) -> f64 {
    (problem.rows + problem.cols + 1) as f64
}

/// Checks `solution` against `problem` from first principles.
///
/// Checks the primal side (each row in at most one allowed cell, no column over
/// capacity, `matched` and `total` as claimed), the dual side (`row_duals` and
/// `col_prices` non-negative and `a_i + b_j >= w_ij + match_bonus` on allowed
/// cells), that the duals yield `dual_bound`, and that the gap is zero. For
/// [`Objective::Coverage`] it also checks that the certificate rules out any
/// assignment with more matched rows. Every comparison allows a rounding error
/// of `1e-9 · (rows + cols + 1) · (1 + max |w| + match_bonus)`.
pub fn verify(problem: &Problem<'_>, solution: &Solution) -> Result<(), String> {
    problem.validate().map_err(|e| e.to_string())?;
    let Problem {
        rows,
        cols,
        capacities,
        objective,
        ..
    } = *problem;
    let lengths = [
        ("assignment", solution.assignment.len(), rows),
        ("row_duals", solution.row_duals.len(), rows),
        ("col_prices", solution.col_prices.len(), cols),
    ];
    for (name, actual, expected) in lengths {
        if actual != expected {
            return Err(format!(
                "`{name}` has {actual} entries, expected {expected}"
            ));
        }
    }
    let bonus = solution.match_bonus;
    let bonus_ok = match objective {
        Objective::Total => bonus == 0.0,
        Objective::Coverage => bonus.is_finite() && bonus >= 0.0,
    };
    if !bonus_ok {
        return Err(format!("match bonus {bonus} is invalid for {objective:?}"));
    }
    let tol = 1e-9 * size_factor(*problem) * (1.0 + heaviest(*problem) + bonus);

    // Primal feasibility and value.
    let mut load = vec![0_u64; cols];
    let mut matched = 0;
    let mut total = 0.0;
    for (i, slot) in solution.assignment.iter().enumerate() {
        let Some(j) = *slot else { continue };
        if j >= cols {
            return Err(format!("row {i} is assigned to column {j} of {cols}"));
        }
        let w = problem.row(i)[j];
        if !is_allowed(w) {
            return Err(format!("row {i} is assigned to forbidden column {j}"));
        }
        load[j] += 1;
        matched += 1;
        total += w;
    }
    if let Some(j) = (0..cols).find(|&j| load[j] > u64::from(capacities[j])) {
        return Err(format!(
            "column {j} holds {} rows but has capacity {}",
            load[j], capacities[j]
        ));
    }
    if matched != solution.matched {
        return Err(format!(
            "{matched} rows are matched, not {}",
            solution.matched
        ));
    }
    if (total - solution.total).abs() > tol {
        return Err(format!(
            "assigned weights total {total}, not {}",
            solution.total
        ));
    }

    // Dual feasibility.
    for (kind, duals) in [
        ("row", &solution.row_duals),
        ("column", &solution.col_prices),
    ] {
        let bad = duals
            .iter()
            .enumerate()
            .find(|&(_, &v)| !v.is_finite() || v < -tol);
        if let Some((k, v)) = bad {
            return Err(format!("{kind} {k} has dual {v}, not a finite value >= 0"));
        }
    }
    let mut lightest = f64::INFINITY;
    for (i, &a) in solution.row_duals.iter().enumerate() {
        for (j, (&w, &b)) in problem.row(i).iter().zip(&solution.col_prices).enumerate() {
            if !is_allowed(w) {
                continue;
            }
            if a + b < w + bonus - tol {
                return Err(format!(
                    "cell ({i}, {j}): duals {a} + {b} fall short of weight {w} + bonus {bonus}"
                ));
            }
            if capacities[j] > 0 {
                lightest = lightest.min(w);
            }
        }
    }

    // Bound and gap.
    let bound = dual_objective(&solution.row_duals, capacities, &solution.col_prices)
        - bonus * matched as f64;
    if (bound - solution.dual_bound).abs() > tol {
        return Err(format!(
            "the duals bound the total by {bound}, not {}",
            solution.dual_bound
        ));
    }
    if solution.gap().abs() > tol {
        return Err(format!("duality gap {} is not zero", solution.gap()));
    }
    let more = (matched + 1) as f64;
    if objective == Objective::Coverage
        && lightest.is_finite()
        && solution.dual_bound - bonus + tol >= more * lightest
    {
        return Err(format!(
            "bonus {bonus} does not rule out matching {} rows",
            matched + 1
        ));
    }
    Ok(())
}
