//! Lexicographic costs, which let both objectives run exactly without a big-M
//! constant.

use std::ops::{Add, Neg, Sub};

use super::problem::Objective;

/// A cost to minimise, compared lexicographically: `major` first, then `minor`.
///
/// Taking a cell of weight `w` costs `(-1, -w)` under [`Objective::Coverage`]
/// and `(-w, -1)` under [`Objective::Total`]; staying unmatched costs zero. The
/// count half only ever holds small integers, so it is exact in `f64`.
/// (The derived `PartialOrd` compares fields in declaration order.)
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(super) struct Cost {
    /// The component compared first.
    pub(super) major: f64,
    /// The tie-breaking component.
    pub(super) minor: f64,
}

impl Cost {
    /// The cost of leaving a row unmatched.
    pub(super) const ZERO: Self = Self {
        major: 0.0,
        minor: 0.0,
    };

    /// Larger than every reachable cost: "not reached yet".
    pub(super) const UNREACHED: Self = Self {
        major: f64::INFINITY,
        minor: f64::INFINITY,
    };

    /// The cost of assigning a row to a cell of (allowed) weight `weight`.
    pub(super) fn of_cell(objective: Objective, weight: f64) -> Self {
        Self::from_halves(objective, -1.0, -weight)
    }

    /// The two halves of the cost under `objective`: the match count's and
    /// the weight's, `(count, weight)`, whichever is compared first.
    pub(super) fn halves(self, objective: Objective) -> (f64, f64) {
        match objective {
            Objective::Coverage => (self.major, self.minor),
            Objective::Total => (self.minor, self.major),
        }
    }

    /// The cost with these halves under `objective` (see
    /// [`halves`](Self::halves)).
    pub(super) fn from_halves(objective: Objective, count: f64, weight: f64) -> Self {
        match objective {
            Objective::Coverage => Self {
                major: count,
                minor: weight,
            },
            Objective::Total => Self {
                major: weight,
                minor: count,
            },
        }
    }

    /// A weight below which no cell costs less than `bound`: every cell of
    /// weight `w < cut` has `of_cell(objective, w) >= bound`.
    pub(super) fn weight_cut(objective: Objective, bound: Self) -> f64 {
        // A cell costs (-1, -w) or (-w, -1); the weight sits in one half.
        let (fixed, weighted) = bound.halves(objective);
        match objective {
            Objective::Coverage if fixed > -1.0 => f64::NEG_INFINITY,
            Objective::Coverage if fixed < -1.0 => f64::INFINITY,
            _ => -weighted,
        }
    }
}

impl Add for Cost {
    type Output = Self;

    fn add(self, rhs: Self) -> Self {
        Self {
            major: self.major + rhs.major,
            minor: self.minor + rhs.minor,
        }
    }
}

impl Sub for Cost {
    type Output = Self;

    fn sub(self, rhs: Self) -> Self {
        Self {
            major: self.major - rhs.major,
            minor: self.minor - rhs.minor,
        }
    }
}

impl Neg for Cost {
    type Output = Self;

    fn neg(self) -> Self {
        Self {
            major: -self.major,
            minor: -self.minor,
        }
    }
}
