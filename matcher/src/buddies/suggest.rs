//! Partner suggestions: each person's best partners by the pair score.

use super::weights::BothWays;
use super::{mean_score, pair_reason};
use crate::assign::par_map;
use serde::Serialize;

/// One suggested partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerSuggestion {
    /// The partner's id.
    pub partner_id: String,
    /// The partner's display name.
    pub partner_name: String,
    /// The pair's score (the mean of both ways), 0–100 with two decimals.
    pub score: f64,
    /// Whether the optimal pairing pairs the two.
    pub paired: bool,
    /// What each learns from the other.
    pub reason: String,
}

/// The suggested partners of one person, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerSuggestions {
    /// The person's id.
    pub id: String,
    /// The person's display name.
    pub name: String,
    /// Up to `k` partners, best first.
    pub partners: Vec<PartnerSuggestion>,
}

/// Up to `k` partners for every person (in roster order), best first.
///
/// A partner is anyone the person may be paired with (allowed both ways, not
/// in the history) who is not locked with someone else. The optimal
/// pairing's partner (a locked partner included) ranks first; the rest by
/// the pair's score, ties in roster order.
pub(super) fn suggest(
    weights: &BothWays,
    mate: &[Option<usize>],
    k: usize,
) -> Vec<PartnerSuggestions> {
    let (scorer, rounds) = (weights.scorer, weights.rounds);
    let people = &scorer.mentors().people;
    let suggest = |i: usize| {
        let mut ranked: Vec<(bool, u32, usize)> = (0..people.len())
            .filter(|&j| rounds.locked(j).is_none_or(|p| p == i))
            .filter(|&j| !rounds.repeats(i, j))
            .filter_map(|j| Some((mate[i] == Some(j), weights.base(i, j)?, j)))
            .collect();
        crate::sorting::sort_by(&mut ranked, |&(mine, w, j), &(theirs, v, l)| {
            theirs.cmp(&mine).then(v.cmp(&w)).then(j.cmp(&l))
        });
        ranked.truncate(k);
        PartnerSuggestions {
            id: people[i].id.clone(),
            name: people[i].name.clone(),
            partners: ranked
                .into_iter()
                .map(|(paired, w, j)| PartnerSuggestion {
                    partner_id: people[j].id.clone(),
                    partner_name: people[j].name.clone(),
                    score: mean_score(w),
                    paired,
                    reason: pair_reason(scorer, i, j),
                })
                .collect(),
        }
    };
    par_map(people.len(), || (), |_, i| suggest(i))
}
