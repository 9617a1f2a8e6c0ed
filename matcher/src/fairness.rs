//! Fairness and diversity: a report on a matching: the worst-off pair, the
//! score deciles, the spread of mentor loads, what the diversity weight costs
//! in the other criteria, and the pairs cross-tabulated by each diversity
//! attribute. (The `fair` objective is a strategy of the assignment module.)

use crate::assign::assign;
use crate::config::{Config, Preference};
use crate::error::Error;
use crate::matching::MatchOutcome;
use crate::progress::Silent;
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use crate::stability::Stability;
use serde::Serialize;

/// A report on a matching's fairness and diversity (`--report`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FairnessReport {
    /// The lowest-scoring matched pair; `None` when nobody is matched.
    pub worst_off: Option<WorstOff>,
    /// The score at every tenth of the matched pairs, from the lowest (0 %) to
    /// the highest (100 %): 11 values, nearest rank below; empty when nobody is matched.
    pub deciles: Vec<f64>,
    /// How evenly mentees are spread over the mentors.
    pub mentor_load: LoadSpread,
    /// What the diversity weight costs in the other criteria; `None` when the
    /// diversity weight is the only one.
    pub cost_of_diversity: Option<DiversityCost>,
    /// The pairs counted by each `[diversity]` attribute, in config order.
    pub diversity: Vec<CrossTab>,
    /// Blocking pairs and how far down their ranking mentees were matched
    /// ([`crate::stability`]).
    pub stability: Stability,
    /// For the `stable` objective: what stability costs against the exact
    /// coverage optimum on the same input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_of_stability: Option<PriceOfStability>,
}

/// A stable matching against the exact optimum of the same program.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PriceOfStability {
    /// Mentees the stable matching matches (places filled, where mentees
    /// want several mentors).
    pub stable_matched: usize,
    /// Its total score.
    pub stable_total: f64,
    /// Mentees the exact optimum matches (as many as possible; places
    /// filled, where mentees want several mentors).
    pub optimum_matched: usize,
    /// Its total score (the highest among matchings of that size).
    pub optimum_total: f64,
}

/// The lowest-scoring matched pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorstOff {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentor's id.
    pub mentor_id: String,
    /// The pair's score.
    pub score: f64,
}

/// The spread of mentor loads over mentors with capacity > 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadSpread {
    /// Fewest mentees given to one mentor.
    pub min: u32,
    /// Most mentees given to one mentor.
    pub max: u32,
    /// Mean mentees per mentor, two decimals.
    pub mean: f64,
    /// Mentors given nobody.
    pub idle: usize,
    /// Mentors whose every place is taken.
    pub full: usize,
    /// Places taken over places offered, 0–1, four decimals.
    pub utilisation: f64,
}

/// The cost of diversity: the matching's total score counted without the
/// diversity criterion, against the best total of the same run with
/// `weights.diversity = 0`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiversityCost {
    /// The total score of the same run with diversity weight 0.
    pub best_without_diversity: f64,
    /// This matching's total, scored with diversity weight 0.
    pub this_matching_without_diversity: f64,
    /// `best_without_diversity - this_matching_without_diversity`.
    pub cost: f64,
}

/// The pairs counted by one diversity attribute's values, one `C` cell per
/// pair of values that occurs ([`CrossCell`] for mentor–mentee pairs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossTab<C = CrossCell> {
    /// The attribute.
    pub attribute: String,
    /// Its preference.
    pub prefer: Preference,
    /// Pairs where both have a value and the preference holds.
    pub met: usize,
    /// Pairs where both have a value and it does not.
    pub not_met: usize,
    /// Pairs where a side has no value.
    pub missing: usize,
    /// One cell per (mentee value, mentor value) that occurs, sorted; `null` = no value.
    pub pairs: Vec<C>,
}

/// One cell of a cross-tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossCell {
    /// The mentee's value.
    pub mentee: Option<String>,
    /// The mentor's value.
    pub mentor: Option<String>,
    /// How many matched pairs have these values.
    pub count: usize,
}

/// Reports on `outcome`, the matching of `scorer`'s rosters, with the cost of
/// diversity when it was worked out ([`diversity_cost`]).
pub(crate) fn report(
    scorer: &Scorer,
    outcome: &MatchOutcome,
    cost_of_diversity: Option<DiversityCost>,
    stability: Stability,
    price_of_stability: Option<PriceOfStability>,
) -> FairnessReport {
    let pairs = pairs(outcome);
    let mut scores: Vec<(Hundredths, usize)> = pairs
        .iter()
        .enumerate()
        .map(|(i, &(e, m))| (scorer.score(e, m), i))
        .collect();
    crate::sorting::sort(&mut scores);
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let worst_off = scores.first().map(|&(score, i)| WorstOff {
        mentee_id: mentees.people[pairs[i].0].id.clone(),
        mentor_id: mentors.people[pairs[i].1].id.clone(),
        score: f64::from(score) / 100.0,
    });
    let sorted: Vec<f64> = scores.iter().map(|&(s, _)| f64::from(s) / 100.0).collect();
    FairnessReport {
        worst_off,
        deciles: deciles(&sorted),
        mentor_load: load_spread(outcome),
        cost_of_diversity,
        diversity: cross_tabs(scorer, &pairs),
        stability,
        price_of_stability,
    }
}

/// The (mentee, mentor) positions of the matched pairs, in input order.
fn pairs(outcome: &MatchOutcome) -> Vec<(usize, usize)> {
    outcome
        .matches
        .iter()
        .map(|x| (x.mentee, x.mentor))
        .collect()
}

fn load_spread(outcome: &MatchOutcome) -> LoadSpread {
    let open: Vec<_> = outcome.mentors.iter().filter(|l| l.capacity > 0).collect();
    let taken: u64 = open.iter().map(|l| u64::from(l.assigned)).sum();
    let offered: u64 = open.iter().map(|l| u64::from(l.capacity)).sum();
    let ratio = |a: u64, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    LoadSpread {
        min: open.iter().map(|l| l.assigned).min().unwrap_or(0),
        max: open.iter().map(|l| l.assigned).max().unwrap_or(0),
        mean: (ratio(taken, open.len()) * 100.0).round() / 100.0,
        idle: open.iter().filter(|l| l.assigned == 0).count(),
        full: open.iter().filter(|l| l.assigned == l.capacity).count(),
        utilisation: (ratio(taken, offered as usize) * 10_000.0).round() / 10_000.0,
    }
}

/// What the diversity weight costs: the same program solved again with
/// `weights.diversity = 0` (the same locks and history), against `outcome`
/// scored with that weight. `None` when diversity is the only weight. Also
/// returns how many exact solves it took.
pub(crate) fn diversity_cost(
    scorer: &Scorer,
    config: &Config,
    rounds: &Resolved,
    outcome: &MatchOutcome,
) -> Result<(Option<DiversityCost>, usize), Error> {
    let mut without = config.clone();
    without.weights.diversity = 0.0;
    if without.validate().is_err() {
        return Ok((None, 0));
    }
    let plain = Scorer::new(scorer.mentors(), scorer.mentees(), &without);
    let best = assign(&plain, rounds, &without, &Silent)?;
    let total = |pairs: &mut dyn Iterator<Item = (usize, usize)>| -> u64 {
        pairs.map(|(e, m)| u64::from(plain.score(e, m))).sum()
    };
    let best_total = total(&mut best.pairs());
    let this = total(&mut pairs(outcome).into_iter());
    let cost = DiversityCost {
        best_without_diversity: best_total as f64 / 100.0,
        this_matching_without_diversity: this as f64 / 100.0,
        cost: (best_total as f64 - this as f64) / 100.0,
    };
    Ok((Some(cost), best.solves))
}

/// The values at every tenth of `sorted` (ascending), from the lowest (0 %)
/// to the highest (100 %): 11 values, nearest rank below; empty when `sorted` is.
pub(crate) fn deciles(sorted: &[f64]) -> Vec<f64> {
    if sorted.is_empty() {
        return Vec::new();
    }
    (0..=10)
        .map(|p| sorted[p * (sorted.len() - 1) / 10])
        .collect()
}

fn cross_tabs(scorer: &Scorer, pairs: &[(usize, usize)]) -> Vec<CrossTab> {
    scorer
        .diversity_attributes()
        .map(|(i, name, prefer)| {
            let values = pairs.iter().map(|&(e, m)| scorer.attribute_values(e, m, i));
            cross_tab(name, prefer, values, |mentee, mentor, count| CrossCell {
                mentee,
                mentor,
                count,
            })
        })
        .collect()
}

/// The cross-tab of one attribute over pairs' `values` (the two sides'
/// values of each pair): counts of the preference met, not met and missing,
/// and one `cell` per pair of values that occurs, sorted.
pub(crate) fn cross_tab<'v, C>(
    attribute: &str,
    prefer: Preference,
    values: impl Iterator<Item = (Option<&'v str>, Option<&'v str>)>,
    cell: impl Fn(Option<String>, Option<String>, usize) -> C,
) -> CrossTab<C> {
    // Sorted and counted rather than kept in a map: one map type less in
    // the WebAssembly module.
    let mut seen: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    let (mut met, mut not_met, mut missing) = (0, 0, 0);
    for (a, b) in values {
        seen.push((a, b));
        match a.zip(b).map(|(a, b)| prefer.holds(a, b)) {
            Some(true) => met += 1,
            Some(false) => not_met += 1,
            None => missing += 1,
        }
    }
    crate::sorting::sort(&mut seen);
    let pairs = seen
        .chunk_by(|x, y| x == y)
        .map(|run| {
            let (a, b) = run[0];
            cell(a.map(str::to_owned), b.map(str::to_owned), run.len())
        })
        .collect();
    CrossTab {
        attribute: attribute.to_owned(),
        prefer,
        met,
        not_met,
        missing,
        pairs,
    }
}
