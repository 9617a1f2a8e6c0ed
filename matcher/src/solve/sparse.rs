//! The sparse engine: solve on a candidate graph, price every pair against the
//! resulting duals, add the violators and solve again until there are none.
//!
//! Each round solves the graph exactly, so the final flow is optimal for the
//! graph; pricing then proves its duals feasible for every pair of the full
//! problem, which makes it optimal there too. Rounds always add cells, so
//! they end.
//!
//! A round that starts over runs row reduction from zero potentials, and
//! where that leaves many rows to the searches (a contested graph, such as a
//! tight roster's, where the last searches from zero cross most of the
//! graph), also from the prices of an [`auction`]: from near-optimal prices
//! the searches are short. Under the coverage objective, rows the auction
//! prices out of every listed cell would cost the exact solve a search over
//! the whole graph each, so they are priced first and gain the cheapest
//! cells they lack. A round after one that changed very few rows instead
//! starts from its placement and re-inserts only those rows (a warm start).

use super::auction;
use super::candidates::{Candidates, Listing};
use super::certificate;
use super::cost::Cost;
use super::engine::{self, Reduced};
use super::heap_frontier::HeapFrontier;
use super::placement::Placement;
use super::pricing;
use super::problem::{Objective, SolveError};
use super::solution::Solution;
use super::weights::WeightSource;

/// How the sparse engine runs its rounds of solving and pricing.
#[derive(Debug, Clone, Copy)]
pub(super) struct SparseTuning {
    /// Cells listed per row in the first round.
    pub(super) first_candidates: usize,
    /// Cells listed per row in the first round of a roomy problem whose
    /// rows hardly compete (see [`Listing::few`]).
    pub(super) few_candidates: usize,
    /// Seats listed per row in the first round of a problem whose rows
    /// compete (see [`Listing::contended`]).
    pub(super) contended_candidates: usize,
    /// A round starts from the previous round's placement when at most this
    /// share of the rows gained cells, and over otherwise (where most rows
    /// changed, row reduction places them faster). Once the rounds start
    /// over from auction prices, the share is a hundred times smaller: the
    /// searches that re-insert many rows cost more than an auction.
    pub(super) warm_share: f64,
    /// A round also starts warm when at most this many rows gained cells,
    /// however many rows there are: re-inserting a handful costs less than
    /// starting over.
    pub(super) warm_rows: usize,
    /// The safeguard: the searches give up once they have relaxed this many
    /// cells per cell of the matrix, over all rounds (`None`: never).
    pub(super) search_budget: Option<f64>,
}

impl SparseTuning {
    /// The tuning for a problem of `cols` columns. The first graph lists
    /// more cells per row where there are more columns: each pricing round
    /// then costs more (it rescores rows against every column), and a larger
    /// first graph needs fewer rounds.
    pub(super) fn for_columns(cols: usize) -> Self {
        let first = (cols / COLUMNS_PER_CANDIDATE).clamp(MIN_CANDIDATES, MAX_CANDIDATES);
        Self {
            first_candidates: first,
            few_candidates: FEW_CANDIDATES,
            contended_candidates: first.max(CONTENDED_CANDIDATES),
            warm_share: 0.5,
            warm_rows: 64,
            search_budget: None,
        }
    }
}

impl Default for SparseTuning {
    fn default() -> Self {
        Self::for_columns(0)
    }
}

/// The first graph lists one cell per row for every this many columns,
/// within [`MIN_CANDIDATES`]..=[`MAX_CANDIDATES`].
const COLUMNS_PER_CANDIDATE: usize = 600;

/// The fewest cells per row in the first graph.
const MIN_CANDIDATES: usize = 12;

/// The most cells per row in the first graph.
const MAX_CANDIDATES: usize = 64;

/// See [`SparseTuning::few_candidates`].
const FEW_CANDIDATES: usize = 6;

/// The fewest seats per row in the first graph of a problem whose rows
/// compete (see [`SparseTuning::contended_candidates`]): on roster matrices with
/// columns of one seat, 20 cells rather than 12 took 4 000^2 from 195 to
/// 150 ms and 1 000 x 2 000 from 3.5 to 3.1 ms (uniform and integer ones
/// lost 5-20% with more); rosters of 10 000 mentees and 2 500 mentors of
/// 4 seats ran fastest with 12 cells (0.57 s, 0.70 s with 20).
const CONTENDED_CANDIDATES: usize = 20;

/// Solves the problem `source` defines, in rounds as `tuning` says; returns
/// the solution and the number of rounds it took, or `None` where the
/// searches spent [`SparseTuning::search_budget`] first.
///
/// `capacities` must have one entry per column of `source`.
pub(super) fn solve(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    tuning: SparseTuning,
) -> Result<Option<(Solution, usize)>, SolveError> {
    let listing = Listing {
        k: tuning.first_candidates,
        few: tuning.few_candidates,
        contended: tuning.contended_candidates,
    };
    let mut graph = Candidates::gather(source, capacities, listing)?;
    if let Some(per_cell) = tuning.search_budget {
        let cells = source.rows() as f64 * source.cols() as f64;
        // Saturates at `u64::MAX`.
        graph.limit_searches((per_cell * cells) as u64);
    }
    let rows = source.rows();
    // The last round's placement, and the rows whose cells changed since.
    let mut previous: Option<(Placement, Vec<usize>)> = None;
    let mut cold = ColdStart::Either;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let placed = match previous.take() {
            Some((placement, changed))
                if changed.len() <= tuning.warm_rows
                    || changed.len() as f64 <= cold.warm_share(tuning) * rows as f64 =>
            {
                let cols = capacities.len();
                let frontier = HeapFrontier::new(&graph, cols, objective);
                engine::resume(placement, &changed, objective, frontier, &graph)
            }
            _ => start_over(source, capacities, objective, &mut graph, &mut cold),
        };
        if graph.spent() {
            return Ok(None);
        }
        if !pricing::may_violate(capacities, objective, &graph, placed.flow()) {
            let solution = certificate::certify(capacities, objective, placed.into_flow(), &graph);
            return Ok(Some((solution, rounds)));
        }
        if !graph.grouped() {
            graph.group_by(&placed.flow().potentials, capacities);
        }
        let updates = pricing::price(source, capacities, objective, &graph, placed.flow());
        let changed: Vec<usize> = updates.iter().filter(|u| u.gained).map(|u| u.row).collect();
        if changed.is_empty() {
            let solution = certificate::certify(capacities, objective, placed.into_flow(), &graph);
            return Ok(Some((solution, rounds)));
        }
        previous = Some((placed, changed));
        graph.replace(updates.into_iter().map(|u| (u.row, u.cells)).collect());
    }
}

/// How the rounds that start over begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColdStart {
    /// From zero potentials or from auction prices, whichever leaves fewer
    /// rows to the searches after row reduction.
    Either,
    /// From auction prices: they won once, and the graph only gets denser.
    Auction,
}

impl ColdStart {
    /// The share of changed rows up to which a round starts warm.
    fn warm_share(self, tuning: SparseTuning) -> f64 {
        match self {
            ColdStart::Either => tuning.warm_share,
            ColdStart::Auction => tuning.warm_share / AUCTION_WARM_DIVISOR,
        }
    }
}

/// See [`SparseTuning::warm_share`].
const AUCTION_WARM_DIVISOR: f64 = 100.0;

/// Row reduction from zero potentials leaving at most one row in this many
/// to the searches marks an uncontested graph, solved from zero.
const CONTESTED_FROM: usize = 8;

/// Bids per row left, on average, with which row reduction goes on where
/// the graph is uncontested: there, each row left costs a search that
/// crosses much of the graph (uniform 4 000²: 48.8 → 45.8 ms; 64 saved
/// nothing, 4 096 cost more in bids than the searches saved).
const MORE_REDUCTION_BIDS_PER_ROW: usize = 512;

/// Auction prices win when row reduction from them leaves at most this
/// share of the rows it leaves from zero potentials.
const AUCTION_WINS_BELOW: f64 = 0.5;

/// How many times, at most, the rows an auction left out gain cells
/// before the exact solve.
const LEFT_OUT_PASSES: usize = 3;

/// Solves `graph` exactly, from zero potentials or from auction prices as
/// `cold` says (and records a win of the auction).
///
/// Row reduction from zero potentials comes first, unless the auction has
/// already won: where it leaves few rows, or there are seats for twice the
/// rows, the searches from zero are short (and under coverage with fewer
/// seats than rows, the auction's prices cannot help). Otherwise an auction
/// estimates the prices, and the start that leaves fewer rows goes on. Under the
/// coverage objective, the rows the auction left out first gain the cells
/// they lack, and the auction runs again, from zero (its prices only ever
/// rise, so prices bid up while those rows lacked cells would stay too
/// high); the graph has changed, so the auction's prices go on.
///
/// Where rows gain cells before the exact solve, the graph's columns are
/// first grouped by the auction's prices (if they are not grouped yet).
fn start_over(
    source: &impl WeightSource,
    capacities: &[u32],
    objective: Objective,
    graph: &mut Candidates,
    cold: &mut ColdStart,
) -> Placement {
    let (rows, cols, spread) = (source.rows(), capacities.len(), graph.spread());
    let seats: u64 = capacities.iter().map(|&c| u64::from(c)).sum();
    let mut first = None;
    if *cold == ColdStart::Either {
        let zero = reduce(graph, rows, capacities, objective, vec![Cost::ZERO; cols]);
        // Under coverage with fewer seats than rows, optimal potentials
        // carry a count part that the auction's prices cannot express.
        let short = objective == Objective::Coverage && seats < rows as u64;
        if zero.left() <= rows / CONTESTED_FROM {
            return zero.bid_more(MORE_REDUCTION_BIDS_PER_ROW).finish(graph);
        }
        if seats >= 2 * rows as u64 || short {
            return zero.finish(graph);
        }
        let estimate = auction::estimate(&*graph, rows, capacities, objective, spread);
        if !fills(&estimate, objective, seats, rows) {
            let potentials = estimate.potentials(objective);
            let seeded = reduce(graph, rows, capacities, objective, potentials);
            if seeded.left() as f64 > AUCTION_WINS_BELOW * zero.left() as f64 {
                return zero.finish(graph);
            }
            *cold = ColdStart::Auction;
            return seeded.finish(graph);
        }
        first = Some(estimate);
    }
    *cold = ColdStart::Auction;
    let mut estimate =
        first.unwrap_or_else(|| auction::estimate(&*graph, rows, capacities, objective, spread));
    if !graph.grouped() {
        graph.group_by(&estimate.potentials(objective), capacities);
    }
    for _ in 0..LEFT_OUT_PASSES {
        if !fills(&estimate, objective, seats, rows) {
            break;
        }
        let flow = estimate.flow(objective);
        let out = estimate.left_out();
        let updates = pricing::price_rows(source, capacities, objective, graph, &flow, &out);
        if !updates.iter().any(|u| u.gained) {
            break;
        }
        graph.replace(updates.into_iter().map(|u| (u.row, u.cells)).collect());
        estimate = auction::estimate(&*graph, rows, capacities, objective, spread);
    }
    let potentials = estimate.potentials(objective);
    let seeded = reduce(graph, rows, capacities, objective, potentials);
    seeded.finish(graph)
}

/// Row reduction on `graph` from column `potentials`.
fn reduce<'g>(
    graph: &'g Candidates,
    rows: usize,
    capacities: &[u32],
    objective: Objective,
    potentials: Vec<Cost>,
) -> Reduced<HeapFrontier<'g>> {
    let frontier = HeapFrontier::new(graph, capacities.len(), objective);
    Reduced::new(rows, capacities, objective, frontier, potentials)
}

/// Whether the rows `estimate` left out should gain cells before the exact
/// solve: under the coverage objective, once the auction finished, if there
/// are `seats` for all `rows` (otherwise some rows must stay out).
fn fills(estimate: &auction::Estimate, objective: Objective, seats: u64, rows: usize) -> bool {
    objective == Objective::Coverage
        && seats >= rows as u64
        && estimate.finished
        && estimate.held.contains(&None)
}
