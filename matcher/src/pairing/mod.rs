//! Exact maximum-weight matching on a general graph, for peer programs that
//! pair people from one list: each pair is undirected, each person is in at
//! most one pair, never with themselves.
//!
//! [`solve_pairs`] runs Edmonds' weighted blossom algorithm (primal-dual,
//! integer duals) and returns the matching with the duals that prove it
//! optimal. Weights are integers (hundredths) turned into integer costs per
//! objective ([`Scale`]): a per-pair bonus makes [`Objective::Coverage`]
//! prefer more pairs before weight, and a tiny bonus under a scaled weight
//! makes [`Objective::Total`] prefer more pairs among equal totals. Both are
//! exact.
//!
//! # Sparse candidates and pricing
//!
//! A roster of `n` people has `n(n−1)/2` pairs, too many to hold. The solver
//! starts from each person's best few partners (one parallel scan of the
//! rows), solves on that graph, then *prices* every allowed pair `i < j`
//! against the final duals: its reduced cost
//!
//! `2y_i + 2y_j + 2·Σ_{B ∋ i, j} z_B − 2c_ij`
//!
//! must not be negative. The blossoms form a laminar family (a forest whose
//! leaves are the vertices), so the blossoms that hold both `i` and `j` are
//! those from their lowest common ancestor up to the root of their tree:
//! the sum is zero when `i` and `j` lie in different top-level blossoms, and
//! otherwise the duals on the chain from the lowest common blossom upwards.
//! Pairs with a negative reduced cost join the graph, with pairs nearly so
//! (which the next duals would likely find violated), and the graph is
//! solved again (from scratch); a round without a negative one proves the
//! matching optimal on the complete allowed graph, and the duals are its
//! certificate.
//!
//! Deterministic whatever the thread count: rows are scanned and priced in
//! parallel but their results are gathered in row order, ties go to the
//! lower index, and the algorithm itself runs serially.
//!
//! # Files
//! - `costs.rs`: [`Scale`], weights to costs, the overflow bound.
//! - `candidates.rs`: the starting graph and the validation of weights.
//! - `graph.rs`: the sparse graph the algorithm runs on.
//! - `blossom.rs`: Edmonds' algorithm; `blossom/audit.rs` (tests only) its
//!   invariants, checked between every two dual steps.
//! - `nest.rs`: the final blossoms, [`PairBlossom`], sums of their duals.
//! - `pricing.rs`: the pairs the graph is missing.
//! - `tests.rs`: brute force, certificate checks, comparisons.

mod blossom;
mod candidates;
mod costs;
mod graph;
mod nest;
mod pricing;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::solve::{Objective, WeightSource};

pub use costs::Scale;
pub use nest::PairBlossom;

use blossom::{Blossoms, NONE};
use graph::Graph;
use nest::Nest;

/// How many partners per person the starting graph holds.
const PER_PERSON: usize = 12;

/// How many missing pairs per person a pricing round adds at most.
const PER_ROUND: usize = 12;

/// People to pair, with the weight of every pair.
pub struct PairProblem<'a> {
    /// `n × n` weights (`rows() == cols() == n`), symmetric: `weight(i, j)
    /// == weight(j, i)`; the solver reads only `i < j` for the weights it
    /// optimises. `f64::NEG_INFINITY` forbids a pair; other weights must be
    /// integers (hundredths).
    pub weights: &'a dyn WeightSource,
    /// [`Objective::Coverage`]: most pairs, then highest total;
    /// [`Objective::Total`]: highest total, then most pairs.
    pub objective: Objective,
}

/// The duals that prove a [`PairSolution`] optimal, in cost units: the pairs'
/// costs are `w·scale.weight + scale.bonus`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairDuals {
    /// How weights became costs.
    pub scale: Scale,
    /// Per person, twice its dual `y_v ≥ 0`.
    pub vertex: Vec<i64>,
    /// The blossoms, with their duals `z_B ≥ 0`.
    pub blossoms: Vec<PairBlossom>,
}

/// An optimal pairing with its dual certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSolution {
    /// Each person's partner; symmetric.
    pub mate: Vec<Option<usize>>,
    /// Number of pairs.
    pub pairs: usize,
    /// Sum of the pairs' weights.
    pub total: f64,
    /// The bound the duals prove on `total` (among matchings of `pairs` pairs
    /// for [`Objective::Coverage`]); equal to `total` at the optimum.
    pub dual_bound: f64,
    /// Pricing rounds (solves) it took.
    pub rounds: usize,
    /// Pairs in the final candidate graph.
    pub candidate_edges: usize,
    /// The certificate.
    pub duals: PairDuals,
}

/// Why a [`PairProblem`] cannot be solved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PairError {
    /// The weights are not square.
    NotSquare {
        /// Rows of the weight source.
        rows: usize,
        /// Columns of the weight source.
        cols: usize,
    },
    /// A weight is NaN or `+inf`.
    NonFinite {
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// The weight.
        value: f64,
    },
    /// A weight is not an integer.
    NotInteger {
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// The weight.
        value: f64,
    },
    /// The weights are so large, for so many people, that the integer duals
    /// could overflow (see [`Scale`]).
    TooLarge {
        /// Number of people.
        people: usize,
        /// The largest `|w|`.
        largest: f64,
    },
    /// The search met tree labels that contradict each other, or ended with
    /// duals that do not prove its matching optimal: a bug in the solver,
    /// reported instead of a wrong answer.
    Lost,
}

impl fmt::Display for PairError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotSquare { rows, cols } => {
                write!(f, "pair weights must be square, not {rows} x {cols}")
            }
            Self::NonFinite { row, col, value } => write!(
                f,
                "pair weight ({row}, {col}) is {value}; weights must be finite or -inf"
            ),
            Self::NotInteger { row, col, value } => write!(
                f,
                "pair weight ({row}, {col}) is {value}; weights must be whole hundredths"
            ),
            Self::TooLarge { people, largest } => write!(
                f,
                "weights up to {largest} for {people} people are too large to solve exactly"
            ),
            Self::Lost => write!(
                f,
                "the pairing search lost track of its trees (a bug in matcher: please report it with the roster)"
            ),
        }
    }
}

impl std::error::Error for PairError {}

/// Pairs people for the highest weight under `problem.objective`, exactly,
/// with the dual certificate. Fails only on malformed weights.
pub fn solve_pairs(problem: &PairProblem<'_>) -> Result<PairSolution, PairError> {
    solve_with(problem, PER_PERSON)
}

/// [`solve_pairs`] starting from `per_person` partners per person.
fn solve_with(problem: &PairProblem<'_>, per_person: usize) -> Result<PairSolution, PairError> {
    let source = problem.weights;
    let (n, cols) = (source.rows(), source.cols());
    if n != cols {
        return Err(PairError::NotSquare { rows: n, cols });
    }
    let objective = problem.objective;
    let scan = candidates::scan(source, objective, per_person)?;
    let scale = Scale::new(objective, n, scan.largest)?;
    let mut edges: Vec<(u32, u32, i64)> = scan
        .pairs
        .into_iter()
        .map(|(a, b)| (a, b, source.weight(a as usize, b as usize)))
        .filter(|&(_, _, w)| Scale::useful(objective, w))
        .map(|(a, b, w)| (a, b, scale.cost(w)))
        .collect();
    let mut rounds = 0;
    loop {
        rounds += 1;
        let graph = Graph::new(n, edges);
        let state = Blossoms::solve(&graph);
        if state.broken() {
            return Err(PairError::Lost);
        }
        let nest = Nest::new(&state, n);
        let priced = pricing::violators(source, objective, scale, &nest, PER_ROUND);
        if !priced.violated {
            return solution(&graph, &state, &nest, scale, rounds);
        }
        edges = graph
            .ends
            .iter()
            .zip(&graph.cost)
            .map(|(&[a, b], &c)| (a, b, c))
            .chain(priced.pairs)
            .collect();
        crate::sorting::sort(&mut edges);
        // A near pair may be in the graph already.
        edges.dedup();
    }
}

/// The answer from the final state, once pricing found its duals feasible on
/// every pair. Checks that they prove it optimal (non-negative, and equal to
/// the matching's cost: weak duality), or [`PairError::Lost`]: the solver
/// never returns a matching it cannot prove.
fn solution(
    graph: &Graph,
    state: &Blossoms<'_>,
    nest: &Nest,
    scale: Scale,
    rounds: usize,
) -> Result<PairSolution, PairError> {
    let mates = state.mates();
    let mut pairs = 0usize;
    let mut cost_sum = 0i128;
    for (v, &m) in mates.iter().enumerate() {
        if m != NONE && (v as u32) < m {
            pairs += 1;
        }
    }
    for (k, &[a, b]) in graph.ends.iter().enumerate() {
        if mates[a as usize] == b {
            cost_sum += i128::from(graph.cost[k]);
        }
    }
    let blossoms = nest.blossoms();
    let vertex = nest.vertex_duals().to_vec();
    let doubled_dual = vertex.iter().map(|&y| i128::from(y)).sum::<i128>()
        + blossoms
            .iter()
            .map(|b| i128::from(b.dual) * (b.members.len() as i128 - 1))
            .sum::<i128>();
    let negative = vertex
        .iter()
        .chain(blossoms.iter().map(|b| &b.dual))
        .any(|&d| d < 0);
    if negative || doubled_dual != 2 * cost_sum {
        return Err(PairError::Lost);
    }
    let bonuses = i128::from(scale.bonus) * pairs as i128;
    let weight = i128::from(scale.weight);
    Ok(PairSolution {
        mate: mates
            .iter()
            .map(|&m| (m != NONE).then_some(m as usize))
            .collect(),
        pairs,
        total: ((cost_sum - bonuses) / weight) as f64,
        dual_bound: (doubled_dual - 2 * bonuses) as f64 / (2 * weight) as f64,
        rounds,
        candidate_edges: graph.edges(),
        duals: PairDuals {
            scale,
            vertex,
            blossoms,
        },
    })
}
