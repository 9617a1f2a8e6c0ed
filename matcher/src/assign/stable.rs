//! The `stable` goal: mentee-proposing deferred acceptance with capacities
//! (the hospitals/residents algorithm), each side's preferences in the order
//! [`crate::preference_order`] defines (stated picks first where given, then
//! scores), ties broken by input order (the earlier mentor, the earlier
//! mentee). The result has no blocking pair ([`crate::stability`], which
//! reads the same orders) and is the best stable
//! matching for every mentee at once; with strict preferences it is unique,
//! so the order proposals are made in does not change it.
//!
//! Locked mentees keep their mentor and take one of its places; history
//! pairs, rules and `min_score` leave a mentor off a mentee's list. The exact
//! coverage optimum is solved beside it, for its dual bound and for the
//! price of stability the report shows.
//!
//! Lists are never stored whole: each mentee holds the next few mentors of
//! its ranking, taken from its scored row, and when they run out takes twice
//! as many from the row scored again. Every round, the mentees whose lists ran
//! out are refilled in parallel; then the free mentees propose in input order.

use super::{assign_above, Assignment, THREADS};
use crate::config::Config;
use crate::error::Error;
use crate::preference_order::{regards, Regard};
use crate::progress::{Progress, Stage};
use crate::rounds::Resolved;
use crate::score::Scorer;
use crate::solve::Objective;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Mentors in a mentee's first list; each refill takes twice the last.
/// (On 20 000 × 5 000 generated rosters with 4 places each, 64 leaves half
/// as many refills as 16: most mentees never need a second list.)
const FIRST_LIST: usize = 64;

/// A mentor's view of a mentee it holds: better is greater (a higher
/// regard, then an earlier mentee).
type Held = (Regard, Reverse<usize>);

/// A mentee's view of a mentor: better is greater (a higher regard, then
/// an earlier mentor).
type Wanted = (Regard, Reverse<usize>);

/// One mentee's ranking, read a list at a time.
#[derive(Default)]
struct Ranking {
    /// The next mentors to propose to, best first, as (mentor, the
    /// mentor's regard for the mentee).
    list: Vec<(u32, Regard)>,
    /// Position in `list`.
    next: usize,
    /// The last mentor listed: the next list starts after it.
    after: Option<Wanted>,
    /// No allowed mentor is left after `list`.
    done: bool,
}

/// The stable matching, beside the exact coverage optimum.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    let exact = assign_above(scorer, rounds, config, Objective::Coverage, 0, progress)?;
    progress.start(Stage::Solving, 0);
    Ok(Assignment {
        mentor_of: deferred_acceptance(scorer, rounds),
        more: Vec::new(),
        ..exact
    })
}

/// Mentee-proposing deferred acceptance: per mentee, its mentor.
fn deferred_acceptance(scorer: &Scorer, rounds: &Resolved) -> Vec<Option<usize>> {
    let mentees = scorer.mentees().people.len();
    let mut mentor_of: Vec<Option<usize>> = (0..mentees).map(|e| rounds.locked(e)).collect();
    let mut rankings: Vec<Ranking> = (0..mentees).map(|_| Ranking::default()).collect();
    let mut held: Vec<BinaryHeap<Reverse<Held>>> =
        rounds.spare().iter().map(|_| BinaryHeap::new()).collect();
    let mut free: Vec<usize> = (0..mentees).filter(|&e| mentor_of[e].is_none()).collect();
    while !free.is_empty() {
        // Refill, in parallel, the lists of free mentees that ran out.
        let stale: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&e| rankings[e].next == rankings[e].list.len() && !rankings[e].done)
            .collect();
        let refill = |buffer: &mut Vec<f64>, &e: &usize| {
            let previous = &rankings[e];
            let size = (2 * previous.list.len()).max(FIRST_LIST);
            (
                e,
                next_list(scorer, rounds, e, previous.after, size, buffer),
            )
        };
        // In order where there can be no threads (the single-threaded
        // WebAssembly build does without rayon's machinery).
        let lists: Vec<(usize, Ranking)> = if THREADS {
            stale.par_iter().map_init(Vec::new, refill).collect()
        } else {
            let mut buffer = Vec::new();
            stale.iter().map(|e| refill(&mut buffer, e)).collect()
        };
        for (e, ranking) in lists {
            rankings[e] = ranking;
        }
        let mut displaced = Vec::new();
        for &e in &free {
            let ranking = &mut rankings[e];
            while ranking.next < ranking.list.len() {
                let (m, regard) = ranking.list[ranking.next];
                let m = m as usize;
                ranking.next += 1;
                let places = rounds.spare()[m] as usize;
                let offer = (regard, Reverse(e));
                let heap = &mut held[m];
                if heap.len() < places {
                    heap.push(Reverse(offer));
                    mentor_of[e] = Some(m);
                    break;
                }
                if heap.peek().is_some_and(|Reverse(worst)| offer > *worst) {
                    let Reverse((_, Reverse(out))) =
                        heap.pop().expect("a full mentor holds someone");
                    heap.push(Reverse(offer));
                    mentor_of[out] = None;
                    mentor_of[e] = Some(m);
                    displaced.push(out);
                    break;
                }
            }
        }
        // Still free: those whose list ran out (refilled next round unless
        // done), and those displaced this round.
        let mut next: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&e| {
                mentor_of[e].is_none()
                    && !(rankings[e].done && rankings[e].next == rankings[e].list.len())
            })
            .collect();
        next.extend(displaced);
        next.sort_unstable();
        next.dedup();
        free = next;
    }
    mentor_of
}

/// The next `size` mentors of mentee `e`'s ranking after `after` (regard
/// descending, then mentor ascending), from its row scored again.
fn next_list(
    scorer: &Scorer,
    rounds: &Resolved,
    e: usize,
    after: Option<Wanted>,
    size: usize,
    buffer: &mut Vec<f64>,
) -> Ranking {
    let row = scorer.row_weights(e, buffer);
    // Ranked greatest first, each with the mentor's regard for the mentee.
    let mut candidates: Vec<(Wanted, Regard)> = row
        .iter()
        .enumerate()
        .filter(|&(m, w)| w.is_finite() && rounds.spare()[m] > 0 && !rounds.repeats(e, m))
        .map(|(m, &w)| {
            let (wanted, held) = regards(scorer, e, m, w as u32);
            ((wanted, Reverse(m)), held)
        })
        .filter(|&(k, _)| after.is_none_or(|after| k < after))
        .collect();
    let done = candidates.len() <= size;
    if !done {
        candidates.select_nth_unstable_by(size - 1, |a, b| b.0.cmp(&a.0));
        candidates.truncate(size);
    }
    candidates.sort_unstable_by_key(|&(wanted, _)| Reverse(wanted));
    let list: Vec<(u32, Regard)> = candidates
        .iter()
        .map(|&((_, Reverse(m)), held)| (u32::try_from(m).expect("fewer than 2^32 mentors"), held))
        .collect();
    Ranking {
        after: candidates.last().map(|&(k, _)| k).or(after),
        list,
        next: 0,
        done,
    }
}
