//! The dual certificate: built from the solver's potentials, checked by [`verify`].
//!
//! The maximisation dual of the problem is: minimise
//! `Σ_i a_i + Σ_j cap_j·b_j` subject to `a_i + b_j >= w_ij + K` for every allowed
//! cell, `a_i >= 0` (a row may stay unmatched) and `b_j >= 0`. `K` is the
//! per-match bonus: 0 for [`Objective::Total`]; for [`Objective::Coverage`] it
//! is large enough that the certificate also proves no assignment matches more
//! rows. Any feasible `(a, b)` bounds the total weight of every assignment with
//! `m` matched rows by `Σ a + Σ cap·b - K·m`.

use super::cell_bounds::CellBounds;
use super::cost::Cost;
use super::flow::Flow;
use super::problem::{is_allowed, Objective, Problem};
use super::solution::Solution;

impl CellBounds for Problem<'_> {
    fn known_cells(&self, row: usize, mut visit: impl FnMut(usize, f64)) -> f64 {
        let weights = self.row(row);
        for j in self.usable_columns() {
            if is_allowed(weights[j]) {
                visit(j, weights[j]);
            }
        }
        f64::NEG_INFINITY
    }

    fn idle_ceiling(&self, row: usize) -> f64 {
        let weights = self.row(row);
        (0..self.cols)
            .filter(|&j| self.capacities[j] == 0)
            .fold(f64::NEG_INFINITY, |max, j| max.max(weights[j]))
    }

    fn lightest(&self) -> f64 {
        (0..self.rows)
            .flat_map(|i| self.usable_columns().map(move |j| (i, j)))
            .map(|(i, j)| self.row(i)[j])
            .filter(|&w| is_allowed(w))
            .fold(f64::INFINITY, f64::min)
    }

    fn heaviest(&self) -> f64 {
        heaviest(*self)
    }
}

/// Turns an optimal flow into a [`Solution`] with real-valued duals.
pub(super) fn certify(
    capacities: &[u32],
    objective: Objective,
    flow: Flow,
    cells: &impl CellBounds,
) -> Solution {
    // Maximisation duals as lexicographic pairs: a_i = -u_i and b_j = -v_j.
    let row_pairs: Vec<Cost> = (0..flow.assignment.len())
        .map(|i| -flow.row_potential(objective, i))
        .collect();
    let Flow {
        assignment,
        weights,
        potentials,
    } = flow;
    let col_pairs: Vec<Cost> = potentials.iter().map(|&v| -v).collect();

    let matched = assignment.iter().flatten().count();
    let total = assignment
        .iter()
        .zip(&weights)
        .filter(|(slot, _)| slot.is_some())
        .fold(0.0, |sum, (_, &w)| sum + w);

    let (match_bonus, mut row_duals, mut col_prices, coverage_bound): (f64, Vec<f64>, Vec<f64>, _) =
        match objective {
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
                let bound = dual_objective(&omega, capacities, &delta);
                let duals = Duals {
                    rows: &row_pairs,
                    cols: &col_pairs,
                    capacities,
                };
                let bonus = coverage_bonus(&duals, cells, matched, bound);
                let blend = |pair: &Cost| bonus * pair.major + pair.minor;
                (
                    bonus,
                    row_pairs.iter().map(blend).collect(),
                    col_pairs.iter().map(blend).collect(),
                    Some(bound),
                )
            }
        };
    price_idle_columns(capacities, cells, match_bonus, &row_duals, &mut col_prices);
    // Negated zero potentials are -0.0; report them as plain zeros.
    for dual in row_duals.iter_mut().chain(col_prices.iter_mut()) {
        *dual += 0.0;
    }
    let dual_bound =
        coverage_bound.unwrap_or_else(|| dual_objective(&row_duals, capacities, &col_prices));

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

/// Lexicographic maximisation duals, before the Coverage bonus blends them.
struct Duals<'a> {
    /// `(κ_i, ω_i)` of each row.
    rows: &'a [Cost],
    /// `(γ_j, δ_j)` of each column.
    cols: &'a [Cost],
    /// Column capacities.
    capacities: &'a [u32],
}

/// Picks the Coverage bonus `K`: a power of two (exact to multiply by) with
/// room to spare over every requirement below.
///
/// With count duals `κ_i`, `γ_j` (integers) and weight duals `ω_i`, `δ_j`:
/// - `K·κ_i + ω_i >= 0` needs `K >= -ω_i / κ_i` when `κ_i >= 1` (else `ω_i >= 0`
///   already, by lexicographic feasibility); likewise for columns;
/// - `K·(κ_i + γ_j) + ω_i + δ_j >= w_ij + K` holds for any `K` when
///   `κ_i + γ_j = 1` and needs `K >= (w_ij - ω_i - δ_j) / (κ_i + γ_j - 1)` above;
///   for cells known only by a ceiling `w_ij <= t_i`, `K >= t_i - ω_i - min δ`
///   covers every case;
/// - no assignment of `matched + 1` rows exists if its least possible total,
///   `(matched + 1)·w_min`, exceeds the certified `bound - K`.
fn coverage_bonus(duals: &Duals<'_>, cells: &impl CellBounds, matched: usize, bound: f64) -> f64 {
    let mut need: f64 = 0.0;
    let mut require = |excess: f64, deficit: f64| {
        if excess > 0.0 {
            need = need.max(deficit / excess);
        }
    };
    for a in duals.rows {
        require(a.major, -a.minor);
    }
    let usable = (0..duals.cols.len()).filter(|&j| duals.capacities[j] > 0);
    let mut cheapest = f64::INFINITY;
    for j in usable {
        let b = duals.cols[j];
        require(b.major, -b.minor);
        cheapest = cheapest.min(b.minor);
    }
    for (i, a) in duals.rows.iter().enumerate() {
        let ceiling = cells.known_cells(i, |j, w| {
            let b = duals.cols[j];
            require(a.major + b.major - 1.0, w - a.minor - b.minor);
        });
        if is_allowed(ceiling) {
            require(1.0, ceiling - a.minor - cheapest);
        }
    }
    let lightest = cells.lightest();
    if lightest.is_finite() {
        let more = (matched + 1) as f64;
        let size = (duals.rows.len() + duals.cols.len() + 1) as f64;
        let margin = 1e-6 * size * (1.0 + cells.heaviest() + bound.abs());
        need = need.max(bound - more * lightest + margin);
    }
    let target = 2.0 * need + 1.0;
    let mut bonus = 1.0;
    while bonus < target && bonus.is_finite() {
        bonus *= 2.0;
    }
    bonus
}

/// Gives every column of capacity 0, which the solver never touches, one price
/// that satisfies all its cells; it adds nothing to the dual objective.
fn price_idle_columns(
    capacities: &[u32],
    cells: &impl CellBounds,
    bonus: f64,
    row_duals: &[f64],
    col_prices: &mut [f64],
) {
    if capacities.iter().all(|&cap| cap > 0) {
        return;
    }
    let price = row_duals
        .iter()
        .enumerate()
        .map(|(i, &a)| cells.idle_ceiling(i) + bonus - a)
        .fold(0.0, f64::max);
    for (j, slot) in col_prices.iter_mut().enumerate() {
        if capacities[j] == 0 {
            *slot = price;
        }
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
