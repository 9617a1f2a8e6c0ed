//! The `rank` preference mode in a shaped program, exactly: one solve on
//! lexicographic weights.
//!
//! Each pair weighs its score plus, when the mentor is the mentee's `r`th
//! pick, a step `step[r]` larger than every count below it can reach: the
//! last rank's step is `S = 10 000 × places + 1` (above any total score)
//! and each rank's step is the next one's times one more than the number of
//! rows with that many picks (a row has at most one `r`th pick, so that
//! count bounds the pairs of rank `r`). A matching's weight then orders
//! matchings by their pairs of rank 1, then of rank 2, …, then by total
//! score, and the solver's own first tier (filled places under `coverage`)
//! comes before them all: the rank-maximal matching of
//! [`super::rank`], over places.
//!
//! The shapes solver is exact on integer weights up to
//! [`crate::shapes::weight_limit`]; when the largest step does not fit (many
//! picks each on a large program: the steps grow as the product of the
//! counts), `rank` is refused with a config error saying so.

use crate::config::ConfigError;
use crate::error::Error;
use crate::score::Scorer;

/// The lexicographic weights of `rank` mode.
pub(super) struct RankWeights<'a> {
    scorer: &'a Scorer<'a>,
    /// The step of each pick rank, the first rank's first.
    steps: Vec<f64>,
}

impl<'a> RankWeights<'a> {
    /// The weights for solving `rows` (mentees) with `places` each; an error
    /// when they would exceed what the solver keeps exact.
    pub(super) fn new(
        scorer: &'a Scorer<'a>,
        rows: &[usize],
        places: &[u32],
    ) -> Result<Self, Error> {
        let people = &scorer.mentees().people;
        let picks = |e: usize| people[e].picks.len();
        let longest = rows.iter().map(|&e| picks(e)).max().unwrap_or(0);
        let places: u64 = places.iter().map(|&p| u64::from(p)).sum();
        let limit = crate::shapes::weight_limit(rows.len(), scorer.mentors().people.len());
        let too_large = || -> Error {
            ConfigError::new(
                "preferences.mode",
                format!(
                    "\"rank\" cannot be solved exactly for this program: with {longest} picks ranked over {places} places the lexicographic weights pass the exact solver's limit of {limit} for {} mentees × {} mentors when mentees want several mentors, mentors have a min_load or `distinct` is set; use preferences.mode \"bonus\" or fewer picks per mentee",
                    rows.len(),
                    scorer.mentors().people.len()
                ),
            )
            .into()
        };
        let mut steps = vec![0u128; longest];
        let mut step = 10_000 * u128::from(places) + 1;
        for r in (0..longest).rev() {
            steps[r] = step;
            let with = rows.iter().filter(|&&e| picks(e) > r).count() as u128;
            step = step.checked_mul(with + 1).ok_or_else(too_large)?;
        }
        let largest = steps.first().copied().unwrap_or(0) + 10_000;
        if largest > limit as u128 {
            return Err(too_large());
        }
        Ok(RankWeights {
            scorer,
            steps: steps.into_iter().map(|s| s as f64).collect(),
        })
    }

    /// The weight of the allowed pair (`e`, `m`) of `score` (hundredths).
    pub(super) fn weight(&self, e: usize, m: usize, score: f64) -> f64 {
        let (rank, _) = self.scorer.mentee_pick(e, m);
        let step = rank.and_then(|r| self.steps.get(r.checked_sub(1)? as usize));
        score + step.copied().unwrap_or(0.0)
    }
}
