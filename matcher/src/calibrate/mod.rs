//! Weights learned from how pairs went: the criterion weights (≥ 0, summing
//! to 1) that best predict one outcome of an outcomes file, with
//!
//! - **cross-validation**: five folds; on each held-out fold, the fitted
//!   model against the current weights (their total score, scaled to the
//!   outcome by a line fitted on the other folds), compared pair by pair;
//! - **uncertainty**: each weight's 95 % percentile-bootstrap interval over
//!   seeded resamples of the pairs;
//! - **a verdict**: supported only when the fitted weights predict held-out
//!   pairs better (the improvement's 95 % interval above 0) *and* some
//!   current weight lies outside its fitted interval;
//! - **a counterfactual**: the cohort matched again under the fitted weights,
//!   how many mentees change mentor, and the outcome the model predicts for
//!   each matching: a model prediction, not a measurement.
//!
//! The model is described in its own module (`model.rs`); fewer than [`MIN_PAIRS`] answering pairs are
//! refused outright.

mod model;
mod nnls;
mod text;

use crate::config::{Config, Criterion, Weights};
use crate::error::Error;
use crate::evaluate::{join, Bootstrap};
use crate::outcomes::{Measure, Outcomes};
use crate::rng::Rng;
use crate::roster::Roster;
use crate::rounds::Rounds;
use crate::score::{Criteria, Scorer};
use crate::stats::{percentile_interval, round4};
use crate::Program;
use model::{current_line, fit, shares, Model, Sample, K};
use rayon::prelude::*;
use serde::Serialize;

/// The fewest answering pairs a calibration accepts.
pub const MIN_PAIRS: usize = 50;

/// Folds of the cross-validation.
const FOLDS: usize = 5;

/// What a calibration found; serialises to `calibrate`'s JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The outcome the weights were fitted to.
    pub measure: Measure,
    /// Pairs in the rosters that answered it: the evidence.
    pub pairs: usize,
    /// Rows of the outcomes file the rosters do not know, left out.
    pub unknown: usize,
    /// Per criterion with evidence: the current and fitted weight and the interval.
    pub weights: Vec<WeightEstimate>,
    /// Criteria that apply to no answering pair: fitted weight 0, no evidence.
    pub no_evidence: Vec<Criterion>,
    /// The fitted model's intercept (in the outcome's units, as predicted for
    /// a pair scoring 0 everywhere).
    pub intercept: f64,
    /// How the fitted and current weights predict pairs they were not fitted on.
    pub held_out: HeldOut,
    /// The bootstrap behind the weight intervals, and how many resamples fitted.
    pub bootstrap: Bootstrap,
    /// Resamples in which some criterion went with a better outcome.
    pub resamples_fitted: usize,
    /// Whether the data support changing the weights.
    pub verdict: Verdict,
    /// The cohort matched again under the fitted weights.
    pub counterfactual: Counterfactual,
}

/// One criterion's weight, now and fitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightEstimate {
    /// The criterion.
    pub criterion: Criterion,
    /// The config's weight, as a share of the weights of the criteria with evidence.
    pub current: f64,
    /// The fitted weight.
    pub fitted: f64,
    /// Its 95 % bootstrap interval.
    pub interval: [f64; 2],
    /// The fitted change in the outcome from this criterion's 0 to its 100.
    pub effect: f64,
}

/// Held-out prediction error of the fitted and the current weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeldOut {
    /// Folds.
    pub folds: usize,
    /// Mean squared error of the fitted weights.
    pub fitted_error: f64,
    /// Mean squared error of the current weights.
    pub current_error: f64,
    /// Share of the outcome's variance the fitted weights explain (R²).
    pub fitted_r2: f64,
    /// Share the current weights explain.
    pub current_r2: f64,
    /// `current_error − fitted_error`: above 0 when the fitted weights do better.
    pub improvement: f64,
    /// Its 95 % interval (normal, from the pairs' paired differences).
    pub interval: [f64; 2],
}

/// Whether the data support changing the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The fitted weights predict held-out pairs better, and some current
    /// weight lies outside its fitted interval.
    Supported,
    /// Better on held-out pairs, but every current weight lies within its
    /// fitted interval: the data cannot tell the two apart.
    WithinUncertainty,
    /// Not better on held-out pairs than the current weights.
    NotBetter,
    /// No criterion goes with a better outcome: there is nothing to fit.
    NoSignal,
}

impl Verdict {
    /// Whether a config with the fitted weights should be written without
    /// being forced.
    pub fn is_supported(self) -> bool {
        self == Verdict::Supported
    }
}

/// The cohort matched under the current and the fitted weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Counterfactual {
    /// Mentees in the cohort.
    pub mentees: usize,
    /// Mentees whose mentor differs (or who are matched in one and not the other).
    pub changed: usize,
    /// Mentees matched under the current weights.
    pub matched_current: usize,
    /// Mentees matched under the fitted weights.
    pub matched_fitted: usize,
    /// The mean outcome the fitted model predicts over the current matching's pairs.
    pub predicted_current: Option<f64>,
    /// The mean it predicts over the fitted matching's pairs.
    pub predicted_fitted: Option<f64>,
}

/// Fits the weights of `config` to `measure` in `outcomes` (see the module
/// docs), and matches the cohort again under them around `rounds`.
pub fn calibrate(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
    outcomes: &Outcomes,
    measure: Measure,
    bootstrap: Bootstrap,
) -> Result<Calibration, Error> {
    if !outcomes.measures.contains(&measure) {
        return Err(Error::Calibrate(format!(
            "{} has no `{}` column",
            outcomes.source,
            measure.as_str()
        )));
    }
    let current = Program::new(mentors, mentees, config.clone(), rounds)?;
    let scorer = current.scorer();
    let (joined, unknown) = join(scorer, outcomes);
    let sign = if measure.higher_is_better() {
        1.0
    } else {
        -1.0
    };
    let samples: Vec<Sample> = joined
        .iter()
        .filter_map(|j| {
            Some(Sample {
                criteria: as_array(&j.criteria),
                current: j.score / 100.0,
                outcome: sign * j.values.get(measure)?,
            })
        })
        .collect();
    if samples.len() < MIN_PAIRS {
        return Err(Error::Calibrate(format!(
            "only {} pairs in the rosters answered `{}`: calibration needs at least {MIN_PAIRS}",
            samples.len(),
            measure.as_str()
        )));
    }
    let fitted: [bool; K] =
        std::array::from_fn(|c| samples.iter().any(|s| s.criteria[c].is_some()));
    let start = Criterion::ALL.map(|c| config.weights.get(c));
    let all: Vec<&Sample> = samples.iter().collect();
    let model = fit(&all, &fitted, &start);
    let current_shares = shares(&std::array::from_fn(
        |c| if fitted[c] { start[c] } else { 0.0 },
    ))
    .unwrap_or([0.0; K]);
    let held_out = cross_validate(&samples, &fitted, &start, bootstrap.seed);
    let draws = bootstrap_weights(&samples, &fitted, &start, bootstrap);
    let weights: Vec<WeightEstimate> = (0..K)
        .filter(|&c| fitted[c])
        .map(|c| {
            let mut column: Vec<f64> = draws.iter().map(|w| w[c]).collect();
            let interval = if column.is_empty() {
                [0.0, 1.0]
            } else {
                percentile_interval(&mut column)
            };
            WeightEstimate {
                criterion: Criterion::ALL[c],
                current: round4(current_shares[c]),
                fitted: round4(model.map_or(0.0, |m| m.weights[c])),
                interval: interval.map(round4),
                effect: round4(sign * model.map_or(0.0, |m| m.coefficients[c])),
            }
        })
        .collect();
    let verdict = match model {
        None => Verdict::NoSignal,
        Some(_) if held_out.interval[0] <= 0.0 => Verdict::NotBetter,
        Some(_)
            if weights
                .iter()
                .all(|w| w.interval[0] <= w.current && w.current <= w.interval[1]) =>
        {
            Verdict::WithinUncertainty
        }
        Some(_) => Verdict::Supported,
    };
    let counterfactual = rematch(&current, rounds, model.as_ref(), sign)?;
    Ok(Calibration {
        measure,
        pairs: samples.len(),
        unknown: unknown.len(),
        weights,
        // Picks are left out of the report when nobody gave picks or wants:
        // the criterion does not exist for this program.
        no_evidence: (0..K)
            .filter(|&c| !fitted[c])
            .map(|c| Criterion::ALL[c])
            .filter(|&c| c != Criterion::Picks || scorer.has_choices())
            .collect(),
        intercept: round4(sign * model.map_or(0.0, |m| m.intercept)),
        held_out,
        bootstrap,
        resamples_fitted: draws.len(),
        verdict,
        counterfactual,
    })
}

impl Calibration {
    /// The fitted weights as a config's `[weights]`: each criterion's share,
    /// rounded to four decimals, 0 for those without evidence.
    pub fn fitted_weights(&self) -> Weights {
        let mut weights = Weights {
            skills: 0.0,
            goals: 0.0,
            values: 0.0,
            diversity: 0.0,
            pair_score: 0.0,
            availability: 0.0,
            picks: 0.0,
        };
        for w in &self.weights {
            *weights.get_mut(w.criterion) = w.fitted;
        }
        weights
    }

    /// Whether the report covers `criterion`: fitted, or without evidence
    /// (picks are not covered when nobody gave picks or wants).
    pub fn covers(&self, criterion: Criterion) -> bool {
        self.weights.iter().any(|w| w.criterion == criterion)
            || self.no_evidence.contains(&criterion)
    }
}

/// The criteria as an array in [`Criterion::ALL`] order.
fn as_array(criteria: &Criteria) -> [Option<f64>; K] {
    Criterion::ALL.map(|c| criteria.get(c))
}

/// Five-fold cross-validation of the fitted model against the current
/// weights' line, folds drawn from `seed`.
fn cross_validate(samples: &[Sample], fitted: &[bool; K], start: &[f64; K], seed: u64) -> HeldOut {
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = Rng(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut fold = vec![0; samples.len()];
    for (position, &i) in order.iter().enumerate() {
        fold[i] = position % FOLDS;
    }
    // Per pair: squared error of the fitted model and of the current line.
    let mut errors = vec![(0.0, 0.0); samples.len()];
    for k in 0..FOLDS {
        let train: Vec<&Sample> = (0..samples.len())
            .filter(|&i| fold[i] != k)
            .map(|i| &samples[i])
            .collect();
        let model = fit(&train, fitted, start);
        let (a, b) = current_line(&train);
        let mean = train.iter().map(|s| s.outcome).sum::<f64>() / train.len() as f64;
        for i in (0..samples.len()).filter(|&i| fold[i] == k) {
            let s = &samples[i];
            let predicted = model.map_or(mean, |m| m.predict(&s.criteria));
            errors[i] = (
                (s.outcome - predicted).powi(2),
                (s.outcome - (a + b * s.current)).powi(2),
            );
        }
    }
    let n = samples.len() as f64;
    let fitted_error = errors.iter().map(|e| e.0).sum::<f64>() / n;
    let current_error = errors.iter().map(|e| e.1).sum::<f64>() / n;
    let differences: Vec<f64> = errors.iter().map(|(f, c)| c - f).collect();
    let improvement = current_error - fitted_error;
    let spread = differences
        .iter()
        .map(|d| (d - improvement).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    let half = 1.96 * (spread / n).sqrt();
    let mean_y = samples.iter().map(|s| s.outcome).sum::<f64>() / n;
    let variance = samples
        .iter()
        .map(|s| (s.outcome - mean_y).powi(2))
        .sum::<f64>()
        / n;
    let r2 = |error: f64| {
        if variance > 0.0 {
            1.0 - error / variance
        } else {
            0.0
        }
    };
    HeldOut {
        folds: FOLDS,
        fitted_error: round4(fitted_error),
        current_error: round4(current_error),
        fitted_r2: round4(r2(fitted_error)),
        current_r2: round4(r2(current_error)),
        improvement: round4(improvement),
        interval: [round4(improvement - half), round4(improvement + half)],
    }
}

/// The fitted weights of every bootstrap resample that fits, in resample
/// order (each resample draws from its own seed, so they fit in parallel).
fn bootstrap_weights(
    samples: &[Sample],
    fitted: &[bool; K],
    start: &[f64; K],
    bootstrap: Bootstrap,
) -> Vec<[f64; K]> {
    (0..bootstrap.resamples as u64)
        .into_par_iter()
        .filter_map(|r| {
            let mut rng = Rng(bootstrap.seed ^ r.wrapping_mul(0xD6E8_FEB8_6659_FD93));
            let draw: Vec<&Sample> = (0..samples.len())
                .map(|_| &samples[rng.below(samples.len())])
                .collect();
            fit(&draw, fitted, start).map(|m| m.weights)
        })
        .collect()
}

/// Matches the cohort again under the fitted weights and compares.
fn rematch(
    current: &Program,
    rounds: &Rounds,
    model: Option<&Model>,
    sign: f64,
) -> Result<Counterfactual, Error> {
    let now = current.outcome();
    let mut config = current.config().clone();
    if let Some(model) = model {
        for (c, criterion) in Criterion::ALL.into_iter().enumerate() {
            *config.weights.get_mut(criterion) = model.weights[c];
        }
    }
    let refit = Program::new(current.mentors(), current.mentees(), config, rounds)?;
    let then = refit.outcome();
    let mentor_of = |outcome: &crate::MatchOutcome| {
        let mut of = vec![None; current.mentees().people.len()];
        for m in &outcome.matches {
            of[m.mentee] = Some(m.mentor);
        }
        of
    };
    let (before, after) = (mentor_of(now), mentor_of(then));
    let predicted = |outcome: &crate::MatchOutcome| {
        let model = model?;
        let scorer: &Scorer = current.scorer();
        let total: f64 = outcome
            .matches
            .iter()
            .map(|m| sign * model.predict(&as_array(&scorer.criteria(m.mentee, m.mentor))))
            .sum();
        (!outcome.matches.is_empty()).then(|| round4(total / outcome.matches.len() as f64))
    };
    Ok(Counterfactual {
        mentees: before.len(),
        changed: before.iter().zip(&after).filter(|(a, b)| a != b).count(),
        matched_current: now.matches.len(),
        matched_fitted: then.matches.len(),
        predicted_current: predicted(now),
        predicted_fitted: predicted(then),
    })
}

#[cfg(test)]
mod tests;
