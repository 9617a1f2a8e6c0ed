//! How the matches went, against how they were scored: an outcomes file
//! ([`crate::outcomes`]) joined with each pair's total and per-criterion
//! scores under the rosters and config, reported per outcome by score decile
//! and per criterion, with each one's correlation and its 95 % bootstrap
//! interval, the response rate and how many pairs the evidence rests on.
//!
//! Pairs whose ids the rosters do not have are listed as problems and left
//! out of the figures, never dropped silently. Correlations are Pearson's;
//! an interval is the 2.5th to 97.5th percentile of the correlation over
//! seeded resamples of the pairs, so the same inputs give the same bytes.

mod text;

use crate::assign::par_map;
use crate::config::Criterion;
use crate::diagnostic::Diagnostic;
use crate::explain::CriterionScores;
use crate::outcomes::{Measure, Outcomes, Values};
use crate::rounds::positions;
use crate::score::{Criteria, Hundredths, Scorer};
use crate::stats::{correlation_interval, mean, pearson, round4};
use serde::Serialize;

/// How many resamples bootstrap intervals draw, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bootstrap {
    /// Resamples per interval (1 000 by default; 0 leaves intervals out).
    pub resamples: usize,
    /// The seed: the same seed gives the same intervals.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            resamples: 1000,
            seed: 1,
        }
    }
}

/// The evaluation of an outcomes file; serialises to `evaluate`'s JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The outcomes file.
    pub source: String,
    /// Rows in the file.
    pub listed: usize,
    /// Pairs both rosters know: the ones the figures rest on.
    pub joined: usize,
    /// One problem per id the rosters do not have; those rows are left out.
    pub unknown: Vec<Diagnostic>,
    /// Header names the file has that are not read.
    pub ignored_columns: Vec<String>,
    /// Pairs with a comment.
    pub comments: usize,
    /// The bootstrap behind the intervals.
    pub bootstrap: Bootstrap,
    /// One report per outcome column of the file.
    pub measures: Vec<MeasureReport>,
    /// Every joined pair with its scores and answers, in file order.
    pub pairs: Vec<PairOutcome>,
}

/// What one outcome shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureReport {
    /// The outcome.
    pub measure: Measure,
    /// What its values mean.
    pub unit: &'static str,
    /// Whether a higher value is a better outcome.
    pub higher_is_better: bool,
    /// Joined pairs that answered it.
    pub answered: usize,
    /// `answered` over the joined pairs, 0–1.
    pub response_rate: f64,
    /// Its mean over the pairs that answered.
    pub mean: Option<f64>,
    /// The outcome by total score: tenths of the answering pairs by score
    /// (fewer bins with fewer than ten pairs), with the correlation.
    pub score: Effect,
    /// The outcome by each criterion that applies to some answering pair:
    /// fifths of the 0–100 range, with the correlation.
    pub criteria: Vec<Effect>,
}

/// How an outcome moves with one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// `"score"` for the total, or the criterion's name.
    pub name: &'static str,
    /// Pairs that answered and to which the score applies.
    pub pairs: usize,
    /// Pearson's correlation, `None` with fewer than 3 pairs or no spread.
    pub correlation: Option<f64>,
    /// Its 95 % bootstrap interval.
    pub interval: Option<[f64; 2]>,
    /// The outcome's mean by score range, lowest first (empty ranges left out).
    pub bins: Vec<Bin>,
}

/// The outcome over the pairs whose score lies in a range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// The lowest score in the range, 0–100.
    pub from: f64,
    /// The highest.
    pub to: f64,
    /// Pairs in it.
    pub pairs: usize,
    /// Their mean outcome.
    pub mean: f64,
}

/// One joined pair: its scores and answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairOutcome {
    /// The mentee's id, as the roster writes it.
    pub mentee_id: String,
    /// The mentor's id, as the roster writes it.
    pub mentor_id: String,
    /// The outcomes file's row.
    pub row: usize,
    /// The total score under the config, 0–100.
    pub score: f64,
    /// The per-criterion scores, 0–100; `None` where not applicable.
    pub criteria: CriterionScores,
    /// The answers.
    pub values: Values,
    /// The comment, when there is one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A pair both rosters know, with what the report needs of it.
pub(crate) struct Joined {
    /// Its index among the outcomes file's rows.
    pub index: usize,
    /// Mentee and mentor positions.
    pub e: usize,
    pub m: usize,
    /// The total score, 0–100.
    pub score: f64,
    /// The criteria, as fractions.
    pub criteria: Criteria,
    /// The answers.
    pub values: Values,
}

/// The rows of `outcomes` both rosters know, in file order, with their
/// scores, and one problem per unknown id.
pub(crate) fn join(scorer: &Scorer, outcomes: &Outcomes) -> (Vec<Joined>, Vec<Diagnostic>) {
    let mut unknown = Vec::new();
    let joined = outcomes
        .rows
        .iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let (e, m) = positions(
                scorer.mentors(),
                scorer.mentees(),
                &outcomes.source,
                &row.pair,
                &mut unknown,
            )?;
            Some(Joined {
                index,
                e,
                m,
                score: f64::from(scorer.score(e, m)) / 100.0,
                criteria: scorer.criteria(e, m),
                values: row.values,
            })
        })
        .collect();
    (joined, unknown)
}

/// Evaluates `outcomes` against the scores `scorer` gives.
pub(crate) fn evaluate(scorer: &Scorer, outcomes: &Outcomes, bootstrap: Bootstrap) -> Evaluation {
    let (joined, unknown) = join(scorer, outcomes);
    let measures = outcomes
        .measures
        .iter()
        .enumerate()
        .map(|(i, &measure)| report(&joined, measure, bootstrap, i as u64))
        .collect();
    let pairs = joined
        .iter()
        .map(|j| PairOutcome {
            mentee_id: scorer.mentees().people[j.e].id.clone(),
            mentor_id: scorer.mentors().people[j.m].id.clone(),
            row: outcomes.rows[j.index].pair.row,
            score: j.score,
            criteria: j.criteria.into(),
            values: j.values,
            comment: outcomes.rows[j.index].comment.clone(),
        })
        .collect();
    Evaluation {
        source: outcomes.source.clone(),
        listed: outcomes.rows.len(),
        joined: joined.len(),
        unknown,
        ignored_columns: outcomes.ignored_columns.clone(),
        comments: outcomes
            .rows
            .iter()
            .filter(|r| !r.comment.is_empty())
            .count(),
        bootstrap,
        measures,
        pairs,
    }
}

/// The report on one measure (the `index`th of the file's, which seeds its
/// intervals apart from the others').
fn report(joined: &[Joined], measure: Measure, bootstrap: Bootstrap, index: u64) -> MeasureReport {
    let answered: Vec<(&Joined, f64)> = joined
        .iter()
        .filter_map(|j| Some((j, j.values.get(measure)?)))
        .collect();
    let outcomes: Vec<f64> = answered.iter().map(|&(_, y)| y).collect();
    let scores: Vec<f64> = answered.iter().map(|(j, _)| j.score).collect();
    // Every effect's intervals draw from their own seed, so effects are
    // computed in parallel with the same bytes out.
    let seed = |effect: u64| {
        bootstrap
            .seed
            .wrapping_add((index * 16 + effect).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    };
    // The total score (effect 0), then each criterion that applies to some
    // answering pair, in one parallel pass.
    let criteria: Vec<(u64, Option<Criterion>)> = (1..)
        .zip(Criterion::ALL)
        .filter(|(_, c)| answered.iter().any(|(j, _)| j.criteria.get(*c).is_some()))
        .map(|(k, c)| (k, Some(c)))
        .collect();
    let effects: Vec<(u64, Option<Criterion>)> = [(0, None)].into_iter().chain(criteria).collect();
    let one = |&(k, criterion): &(u64, Option<Criterion>)| match criterion {
        None => effect("score", &scores, &outcomes, deciles, bootstrap, seed(k)),
        Some(c) => {
            let (x, y): (Vec<f64>, Vec<f64>) = answered
                .iter()
                .filter_map(|(j, y)| Some((100.0 * j.criteria.get(c)?, *y)))
                .unzip();
            effect(c.as_str(), &x, &y, fifths, bootstrap, seed(k))
        }
    };
    let mut effects: Vec<Effect> = par_map(effects.len(), || (), |_, k| one(&effects[k]));
    let score = effects.remove(0);
    let criteria = effects;
    MeasureReport {
        measure,
        unit: measure.unit(),
        higher_is_better: measure.higher_is_better(),
        answered: answered.len(),
        response_rate: if joined.is_empty() {
            0.0
        } else {
            round4(answered.len() as f64 / joined.len() as f64)
        },
        mean: mean(&outcomes).map(round4),
        score,
        criteria,
    }
}

/// The effect of scores `x` (0–100) on outcomes `y`, binned by `bins`.
fn effect(
    name: &'static str,
    x: &[f64],
    y: &[f64],
    bins: fn(&[f64], &[f64]) -> Vec<Bin>,
    bootstrap: Bootstrap,
    seed: u64,
) -> Effect {
    Effect {
        name,
        pairs: x.len(),
        correlation: pearson(x, y).map(round4),
        interval: correlation_interval(x, y, bootstrap.resamples, seed)
            .map(|[low, high]| [round4(low), round4(high)]),
        bins: bins(x, y),
    }
}

/// Tenths of the pairs by total score `x` (whole hundredths, as scores
/// are; ties in input order), fewer with fewer than ten pairs.
fn deciles(x: &[f64], y: &[f64]) -> Vec<Bin> {
    let mut order: Vec<(Hundredths, usize)> = x
        .iter()
        .enumerate()
        .map(|(i, &score)| ((score * 100.0).round() as Hundredths, i))
        .collect();
    crate::sorting::sort(&mut order);
    let count = order.len().min(10);
    (0..count)
        .map(|k| {
            let part = &order[k * order.len() / count..(k + 1) * order.len() / count];
            bin(part.iter().map(|&(_, i)| (x[i], y[i])))
        })
        .collect()
}

/// Fifths of the 0–100 range (the last one takes 100), empty ones left out.
fn fifths(x: &[f64], y: &[f64]) -> Vec<Bin> {
    let band = |score: f64| ((score / 20.0) as usize).min(4);
    (0..5)
        .filter_map(|k| {
            let inside: Vec<(f64, f64)> = x
                .iter()
                .zip(y)
                .filter(|(&s, _)| band(s) == k)
                .map(|(&s, &y)| (s, y))
                .collect();
            (!inside.is_empty()).then(|| Bin {
                from: 20.0 * k as f64,
                to: 20.0 * (k + 1) as f64,
                ..bin(inside.into_iter())
            })
        })
        .collect()
}

/// The bin of the pairs `(score, outcome)`: its score range, size and mean.
fn bin(pairs: impl Iterator<Item = (f64, f64)>) -> Bin {
    let (mut from, mut to, mut sum, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0);
    for (score, outcome) in pairs {
        from = from.min(score);
        to = to.max(score);
        sum += outcome;
        n += 1;
    }
    Bin {
        from: round4(from),
        to: round4(to),
        pairs: n,
        mean: round4(sum / n as f64),
    }
}

#[cfg(test)]
mod tests;
