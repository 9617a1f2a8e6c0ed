//! Lexicographic integer costs: required seats first, then the objective's
//! two halves, so that no tier needs a big-M constant.

use std::ops::{Add, Neg, Sub};

use crate::solve::Objective;

/// A cost to minimise, compared field by field in declaration order.
///
/// A required seat costs `(-1, 0, 0)`; a cell of weight `w` (hundredths)
/// costs `(0, -1, -w)` under [`Objective::Coverage`] and `(0, -w, -1)` under
/// [`Objective::Total`]; everything else costs zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Cost {
    /// Minus the required seats filled.
    pub(super) seats: i64,
    /// The objective's first half.
    pub(super) major: i64,
    /// The objective's tie-breaking half.
    pub(super) minor: i64,
}

impl Cost {
    /// The cost of arcs that carry no objective.
    pub(super) const ZERO: Self = Self {
        seats: 0,
        major: 0,
        minor: 0,
    };

    /// The cost of one unit through a column's required arc.
    pub(super) const REQUIRED_SEAT: Self = Self {
        seats: -1,
        major: 0,
        minor: 0,
    };

    /// The cost of a cell of integer weight `weight`.
    pub(super) fn of_cell(objective: Objective, weight: i64) -> Self {
        let (major, minor) = match objective {
            Objective::Coverage => (-1, -weight),
            Objective::Total => (-weight, -1),
        };
        Self {
            seats: 0,
            major,
            minor,
        }
    }

    /// The three tiers, widened for sums over many arcs.
    pub(super) fn wide(self) -> [i128; 3] {
        [self.seats.into(), self.major.into(), self.minor.into()]
    }
}

impl Add for Cost {
    type Output = Self;

    fn add(self, rhs: Self) -> Self {
        Self {
            seats: self.seats + rhs.seats,
            major: self.major + rhs.major,
            minor: self.minor + rhs.minor,
        }
    }
}

impl Sub for Cost {
    type Output = Self;

    fn sub(self, rhs: Self) -> Self {
        self + -rhs
    }
}

impl Neg for Cost {
    type Output = Self;

    fn neg(self) -> Self {
        Self {
            seats: -self.seats,
            major: -self.major,
            minor: -self.minor,
        }
    }
}

/// The objective's value as a cost pair to minimise (lower is better):
/// `(-filled, -weight)` under Coverage, `(-weight, -filled)` under Total.
pub(super) fn score(objective: Objective, filled: u64, weight: i128) -> (i128, i128) {
    let filled = i128::from(filled);
    match objective {
        Objective::Coverage => (-filled, -weight),
        Objective::Total => (-weight, -filled),
    }
}
