//! Would two people rather have each other than what they got? A matching's
//! **blocking pairs** under the pairs' scores: a mentee `e` and a mentor `m`,
//! allowed together, where `e` scores `m` strictly above their own match (or
//! has none), and `m` has a free place or holds a mentee scoring strictly
//! below `e` who is not locked. Ties block nobody, so a matching without
//! blocking pairs is (weakly) stable. Locked mentees keep their mentor and
//! propose to nobody.
//!
//! Also how far down their own ranking each mentee's mentor is: the mentor's
//! rank among the mentors allowed to them (a mentor without places is not),
//! by score (rank 1 = no allowed mentor scores higher; equal scores share a
//! rank).
//!
//! Finding them scores every mentee against every mentor once, in parallel.

use crate::assign::THREADS;
use crate::matching::MatchOutcome;
use crate::rounds::Resolved;
use crate::score::Scorer;
use rayon::prelude::*;
use serde::Serialize;

/// Blocking pairs listed at most; all are counted.
pub const MAX_LISTED: usize = 100;

/// Ranks counted one by one; later ones are counted together.
pub const RANKS: usize = 5;

/// A matching's stability under the pairs' scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stability {
    /// Blocking pairs in the matching.
    pub blocking_pairs: u64,
    /// Mentees in at least one blocking pair.
    pub mentees_blocking: usize,
    /// The first [`MAX_LISTED`] blocking pairs, by mentee then mentor in input order.
    pub listed: Vec<BlockingPair>,
    /// Matched mentees (not locked) whose mentor is their 1st, 2nd, …
    /// [`RANKS`]th choice by score.
    pub ranks: Vec<RankCount>,
    /// Matched mentees (not locked) whose mentor ranks below the [`RANKS`]th.
    pub beyond: usize,
}

/// One blocking pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockingPair {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentor's id.
    pub mentor_id: String,
    /// The pair's score.
    pub score: f64,
    /// The score of the mentee's own match; `None` when unmatched.
    pub mentee_has: Option<f64>,
    /// The mentee the mentor would give up for this one; `None` when the
    /// mentor has a free place.
    pub mentor_gives_up: Option<GivenUp>,
}

/// A mentee a mentor would give up for a blocking one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GivenUp {
    /// Their id.
    pub mentee_id: String,
    /// Their score with the mentor.
    pub score: f64,
}

/// How many mentees got their `rank`th choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankCount {
    /// The rank, from 1.
    pub rank: usize,
    /// Mentees whose mentor has it.
    pub mentees: usize,
    /// Their share of the matched mentees that are not locked, 0–1.
    pub share: f64,
}

/// What one mentee's row adds: its blocking pairs (listed ones first) and
/// its mentor's rank.
#[derive(Default)]
struct Row {
    count: u64,
    listed: Vec<(usize, usize, f64)>,
    rank: Option<usize>,
}

/// The stability of `outcome`, a matching of `scorer`'s rosters under `rounds`.
pub(crate) fn stability(scorer: &Scorer, rounds: &Resolved, outcome: &MatchOutcome) -> Stability {
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let mut mentor_of = vec![None; mentees.people.len()];
    let mut load = vec![0u32; mentors.people.len()];
    for pair in &outcome.matches {
        mentor_of[pair.mentee] = Some(pair.mentor);
        load[pair.mentor] += 1;
    }
    // Per mentor, the lowest-scoring mentee it could give up (not locked):
    // the weight and the mentee, ties to the later one in input order.
    let mut weakest: Vec<Option<(f64, usize)>> = vec![None; mentors.people.len()];
    for pair in outcome.matches.iter().filter(|p| !p.locked) {
        let w = f64::from(scorer.score(pair.mentee, pair.mentor));
        let slot = &mut weakest[pair.mentor];
        if slot.is_none_or(|(worst, _)| w <= worst) {
            *slot = Some((w, pair.mentee));
        }
    }
    let free: Vec<bool> = mentors
        .people
        .iter()
        .zip(&load)
        .map(|(p, &load)| load < p.capacity)
        .collect();
    let row_of = |buffer: &mut Vec<_>, e: usize| {
        if rounds.locked(e).is_some() {
            return Row::default();
        }
        let weights = scorer.row_weights(e, buffer);
        let allowed = |m: usize| {
            weights[m].is_finite() && mentors.people[m].capacity > 0 && !rounds.repeats(e, m)
        };
        let own = mentor_of[e].map(|m| weights[m]);
        let mut row = Row {
            rank: own.map(|own| {
                1 + (0..weights.len())
                    .filter(|&m| allowed(m) && weights[m] > own)
                    .count()
            }),
            ..Row::default()
        };
        for m in (0..weights.len()).filter(|&m| allowed(m) && Some(m) != mentor_of[e]) {
            let w = weights[m];
            let prefers = own.is_none_or(|own| w > own);
            let taken = free[m] || weakest[m].is_some_and(|(worst, _)| w > worst);
            if prefers && taken {
                row.count += 1;
                if row.listed.len() < MAX_LISTED {
                    row.listed.push((e, m, w));
                }
            }
        }
        row
    };
    // In order where there can be no threads: the same rows, and that build
    // does without rayon's machinery for them.
    let all = 0..mentees.people.len();
    let rows: Vec<Row> = if THREADS {
        all.into_par_iter().map_init(Vec::new, row_of).collect()
    } else {
        let mut buffer = Vec::new();
        all.map(|e| row_of(&mut buffer, e)).collect()
    };
    let hundredths = |w: f64| w / 100.0;
    let listed = rows
        .iter()
        .flat_map(|row| &row.listed)
        .take(MAX_LISTED)
        .map(|&(e, m, w)| BlockingPair {
            mentee_id: mentees.people[e].id.clone(),
            mentor_id: mentors.people[m].id.clone(),
            score: hundredths(w),
            mentee_has: mentor_of[e].map(|own| hundredths(f64::from(scorer.score(e, own)))),
            mentor_gives_up: (!free[m]).then(|| {
                let (worst, weakest) =
                    weakest[m].expect("a full mentor who could take e holds someone");
                GivenUp {
                    mentee_id: mentees.people[weakest].id.clone(),
                    score: hundredths(worst),
                }
            }),
        })
        .collect();
    let ranked: Vec<usize> = rows.iter().filter_map(|row| row.rank).collect();
    let share = |n: usize| {
        if ranked.is_empty() {
            0.0
        } else {
            (n as f64 / ranked.len() as f64 * 1e4).round() / 1e4
        }
    };
    Stability {
        blocking_pairs: rows.iter().map(|row| row.count).sum(),
        mentees_blocking: rows.iter().filter(|row| row.count > 0).count(),
        listed,
        ranks: (1..=RANKS)
            .map(|rank| {
                let mentees = ranked.iter().filter(|&&r| r == rank).count();
                RankCount {
                    rank,
                    mentees,
                    share: share(mentees),
                }
            })
            .collect(),
        beyond: ranked.iter().filter(|&&r| r > RANKS).count(),
    }
}
