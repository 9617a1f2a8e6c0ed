//! Each side's preference order, the one definition behind the stability
//! report ([`crate::stability`]) and the `stable` objective: whom a mentee
//! would rather have, and whom a mentor would rather hold.
//!
//! A participant who gave picks prefers them, in the order given, over
//! everyone else, and ranks everyone else by the pair's score; one who gave
//! none ranks by score alone. Equal regards are equal: neither is preferred
//! (the report lets such ties block nobody; the `stable` objective breaks
//! them by input order). Pairs a rule forbids (exclude, must-have, `only`
//! mode outside picks, `min_score`, …) are in nobody's order: callers
//! compare allowed pairs only, so those never block.

use crate::score::{Hundredths, Scorer};
use serde::Serialize;

/// How much one participant wants another; greater is preferred. The pick
/// comes first (`u32::MAX - r` for the `r`th pick, 0 when not picked), then
/// the pair's score.
pub(crate) type Regard = (u32, Hundredths);

/// Which preferences the orders follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Nobody gave picks: both sides rank by score.
    Scores,
    /// Stated picks where given, scores otherwise.
    PicksWhereGiven,
}

impl Basis {
    /// The preferences `scorer`'s rosters state.
    pub(crate) fn of(scorer: &Scorer) -> Basis {
        if scorer.has_picks() {
            Basis::PicksWhereGiven
        } else {
            Basis::Scores
        }
    }
}

/// Mentee `e`'s regard for mentor `m`, and `m`'s for `e`, given the pair's
/// `score`.
pub(crate) fn regards(scorer: &Scorer, e: usize, m: usize, score: Hundredths) -> (Regard, Regard) {
    let (mentee_pick, mentor_pick) = scorer.pick_ranks(e, m);
    let class = |rank: Option<u32>| rank.map_or(0, |r| u32::MAX - r);
    ((class(mentee_pick), score), (class(mentor_pick), score))
}
