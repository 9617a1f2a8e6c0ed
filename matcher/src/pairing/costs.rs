//! From weights to the integer costs the blossom algorithm maximises, one
//! scale per objective, with the bound that keeps every sum inside `i64`.

use super::PairError;
use crate::solve::Objective;

/// Largest integer an `f64` holds exactly.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// How a weight `w` (an integer) becomes a cost: `w · weight + bonus`.
///
/// - [`Objective::Coverage`]: `weight = 1`, `bonus = (n + 1)·A + 1` where `A`
///   is the largest `|w|`. Two matchings with `k` and `k + 1` pairs differ
///   in weight by at most `(2k + 1)·A ≤ (n + 1)·A`, so one more pair always
///   outweighs any weight: most pairs first, then highest total.
/// - [`Objective::Total`]: `weight = n/2 + 1`, `bonus = 1`. The bonuses of a
///   matching sum to at most `n/2 < weight`, so they only break ties between
///   equal totals, towards more pairs.
///
/// A cost is at most `C = A·weight + bonus` in magnitude, which is about
/// `n·A`. The algorithm's duals stay within `[−2C, 2C]` and the certificate
/// sums at most `n` of them, so [`Scale::new`] requires `8·(n + 1)·C` to fit
/// in `i64`: with `n = 10^6` people and weights up to `10^4` that is about
/// `8·10^16`, far below `i64::MAX ≈ 9.2·10^18`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// What one unit of weight is worth.
    pub weight: i64,
    /// What every pair earns on top.
    pub bonus: i64,
}

impl Scale {
    /// The scale for `n` people whose weights are at most `largest` in
    /// magnitude, or [`PairError::TooLarge`] where the sums could overflow.
    pub(super) fn new(objective: Objective, n: usize, largest: f64) -> Result<Self, PairError> {
        let too_large = PairError::TooLarge { people: n, largest };
        let people = i64::try_from(n).map_err(|_| too_large.clone())?;
        if largest > EXACT {
            return Err(too_large);
        }
        let a = largest as i64;
        let scale = match objective {
            Objective::Coverage => people
                .checked_add(1)
                .and_then(|m| m.checked_mul(a))
                .and_then(|m| m.checked_add(1))
                .map(|bonus| Self { weight: 1, bonus }),
            Objective::Total => Some(Self {
                weight: people / 2 + 1,
                bonus: 1,
            }),
        };
        let fits = |s: &Self| {
            a.checked_mul(s.weight)
                .and_then(|c| c.checked_add(s.bonus))
                .and_then(|c| c.checked_mul(8))
                .and_then(|c| c.checked_mul(people + 1))
                .is_some()
        };
        scale.filter(fits).ok_or(too_large)
    }

    /// The cost of an allowed pair of (integer) weight `w`.
    pub(super) fn cost(&self, w: f64) -> i64 {
        w as i64 * self.weight + self.bonus
    }

    /// Whether a pair of weight `w` can be worth matching: its cost is
    /// positive. Forbidden pairs (`-inf`) never are.
    pub(super) fn useful(objective: Objective, w: f64) -> bool {
        match objective {
            Objective::Coverage => w != f64::NEG_INFINITY,
            Objective::Total => w >= 0.0,
        }
    }
}

/// Whether `w` is a weight a problem may hold: `-inf`, or a finite integer.
/// `Err(true)` for NaN and `+inf`, `Err(false)` for a fraction.
pub(super) fn check(w: f64) -> Result<(), bool> {
    if w == f64::NEG_INFINITY {
        Ok(())
    } else if !w.is_finite() {
        Err(true)
    } else if w.fract() != 0.0 {
        Err(false)
    } else {
        Ok(())
    }
}
