//! The fairness and diversity report on a buddy pairing: the worst-off pair,
//! the pair score deciles, what the diversity weight costs the other
//! criteria, and the pairs counted by each diversity attribute. Built on
//! [`crate::fairness`]; mentor loads and stability, which need two sides,
//! are not part of it.

use super::rounds::PairRounds;
use super::{solve, weights, PairsOutcome};
use crate::config::Config;
use crate::error::Error;
use crate::fairness::{cross_tab, deciles, CrossTab, DiversityCost};
use crate::score::Scorer;
use serde::Serialize;

/// A report on a buddy pairing's fairness and diversity (`--pairs --report`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairsReport {
    /// The lowest-scoring pair (the earliest in roster order among equals);
    /// `None` when nobody is paired.
    pub worst_off: Option<WorstPair>,
    /// The pair score at every tenth of the pairs, from the lowest (0 %) to
    /// the highest (100 %): 11 values, nearest rank below; empty when nobody
    /// is paired.
    pub deciles: Vec<f64>,
    /// What the diversity weight costs in the other criteria; `None` when
    /// diversity is the only weight or it was not asked for.
    pub cost_of_diversity: Option<DiversityCost>,
    /// The pairs counted by each `[diversity]` attribute, in config order.
    pub diversity: Vec<CrossTab<PairCell>>,
}

/// The lowest-scoring pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorstPair {
    /// The first person's id (earlier in the roster).
    pub a_id: String,
    /// The second person's id.
    pub b_id: String,
    /// The pair's score.
    pub score: f64,
}

/// One cell of a buddy pairs cross-tab: a pair is unordered, so its two
/// values are sorted (no value first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairCell {
    /// The lower of the two values; `null`: no value.
    pub first: Option<String>,
    /// The higher of the two values.
    pub second: Option<String>,
    /// How many pairs have these values.
    pub count: usize,
}

/// Reports on `outcome`, the pairing of `scorer`'s people, with the cost of
/// diversity when it was worked out ([`diversity_cost`]).
pub(super) fn report(
    scorer: &Scorer,
    outcome: &PairsOutcome,
    cost_of_diversity: Option<DiversityCost>,
) -> PairsReport {
    let mut scores: Vec<(f64, usize)> = outcome
        .pairs
        .iter()
        .enumerate()
        .map(|(k, p)| (p.score, k))
        .collect();
    crate::sorting::sort_by(&mut scores, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let worst_off = scores.first().map(|&(score, k)| WorstPair {
        a_id: outcome.pairs[k].a_id.clone(),
        b_id: outcome.pairs[k].b_id.clone(),
        score,
    });
    let sorted: Vec<f64> = scores.iter().map(|&(s, _)| s).collect();
    let diversity = scorer
        .diversity_attributes()
        .map(|(i, name, prefer)| {
            let values = outcome.pairs.iter().map(|p| {
                let (a, b) = scorer.attribute_values(p.a, p.b, i);
                (a.min(b), a.max(b))
            });
            cross_tab(name, prefer, values, |first, second, count| PairCell {
                first,
                second,
                count,
            })
        })
        .collect();
    PairsReport {
        worst_off,
        deciles: deciles(&sorted),
        cost_of_diversity,
        diversity,
    }
}

/// What the diversity weight costs: the pairing solved again with
/// `weights.diversity = 0` (the same locks and history), against `mate`
/// scored with that weight. `None` when diversity is the only weight.
pub(super) fn diversity_cost(
    scorer: &Scorer,
    config: &Config,
    rounds: &PairRounds,
    mate: &[Option<usize>],
) -> Result<Option<DiversityCost>, Error> {
    let mut without = config.clone();
    without.weights.diversity = 0.0;
    if without.validate().is_err() {
        return Ok(None);
    }
    let plain = Scorer::new(scorer.mentors(), scorer.mentees(), &without);
    let held = weights::hold(&plain, without.solver.max_memory.0);
    let best = solve(&plain, &held, rounds, without.solver.objective)?;
    let total = |mate: &[Option<usize>]| -> u64 {
        let pairs = mate.iter().enumerate();
        let pairs = pairs.filter_map(|(i, m)| m.filter(|&j| i < j).map(|j| (i, j)));
        pairs
            .map(|(i, j)| u64::from(plain.score(i, j) + plain.score(j, i)))
            .sum()
    };
    let (best, this) = (total(&best.mate) as f64, total(mate) as f64);
    Ok(Some(DiversityCost {
        best_without_diversity: best / 200.0,
        this_matching_without_diversity: this / 200.0,
        cost: (best - this) / 200.0,
    }))
}
