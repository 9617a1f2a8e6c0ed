//! Lexicographic integer costs: required seats first, then the objective's
//! two halves, so that no tier needs a big-M constant.

use std::ops::{Add, Neg, Sub};

use crate::solve::Objective;

/// A cost to minimise: three integer tiers compared lexicographically
/// (required seats first, then the objective's two halves), packed into one
/// `i128` as `seats · 2⁸⁴ + major · 2⁴² + minor` so that sums and comparisons
/// are single integer operations. Packing is exact, and ordering the packed
/// values orders the tiers, while `|major|` and `|minor|` stay below 2⁴¹:
/// the solver's weight limit keeps every path's sum, and so every distance
/// and potential, below 2⁴⁰.
///
/// A required seat costs `(-1, 0, 0)`; a cell of weight `w` (hundredths)
/// costs `(0, -1, -w)` under [`Objective::Coverage`] and `(0, -w, -1)` under
/// [`Objective::Total`]; everything else costs zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Cost(i128);

/// Bits below each tier.
const TIER: u32 = 42;

/// The largest magnitude a tier's sums may reach (exclusive): see [`Cost`].
pub(super) const TIER_LIMIT: i64 = 1 << (TIER - 2);

impl Cost {
    /// The cost of arcs that carry no objective.
    pub(super) const ZERO: Self = Self(0);

    /// Below every cost.
    pub(super) const MIN: Self = Self(i128::MIN);

    /// The cost of one unit through a column's required arc.
    pub(super) const REQUIRED_SEAT: Self = Self::tiers(-1, 0, 0);

    /// The cost with these three tiers.
    const fn tiers(seats: i64, major: i64, minor: i64) -> Self {
        Self(((seats as i128) << (2 * TIER)) + ((major as i128) << TIER) + minor as i128)
    }

    /// The cost of a cell of integer weight `weight`.
    pub(super) fn of_cell(objective: Objective, weight: i64) -> Self {
        match objective {
            Objective::Coverage => Self::tiers(0, -1, -weight),
            Objective::Total => Self::tiers(0, -weight, -1),
        }
    }

    /// The seats tier.
    pub(super) fn seats(self) -> i128 {
        self.wide()[0]
    }

    /// The three tiers, widened for sums over many arcs.
    pub(super) fn wide(self) -> [i128; 3] {
        // Each tier is the sign-extended low bits of what is left.
        let low = |v: i128| (v << (128 - TIER)) >> (128 - TIER);
        let minor = low(self.0);
        let rest = (self.0 - minor) >> TIER;
        let major = low(rest);
        [(rest - major) >> TIER, major, minor]
    }
}

impl Add for Cost {
    type Output = Self;

    #[inline]
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl Sub for Cost {
    type Output = Self;

    #[inline]
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}

impl Neg for Cost {
    type Output = Self;

    #[inline]
    fn neg(self) -> Self {
        Self(-self.0)
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
