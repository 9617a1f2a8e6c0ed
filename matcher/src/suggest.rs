//! Capacity-aware suggestions for each mentee, read off an optimal
//! matching's dual prices.

use crate::assign::{par_map, Assignment};
use crate::explain::Explanation;
use crate::rounds::Resolved;
use crate::score::Scorer;
use serde::Serialize;

/// One suggested mentor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The mentor's id.
    pub mentor_id: String,
    /// The mentor's display name.
    pub mentor_name: String,
    /// The pair's score, 0–100 with two decimals.
    pub score: f64,
    /// Whether the optimal matching gives the mentee this mentor.
    pub assigned: bool,
    /// A one-line reason.
    pub reason: String,
}

/// The suggested mentors for one mentee, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentee's display name.
    pub mentee_name: String,
    /// Up to `k` mentors, best first.
    pub mentors: Vec<Suggestion>,
}

/// Up to `k` allowed mentors for every mentee (in input order), ranked so that
/// a popular mentor is not put first for everyone.
///
/// Every allowed mentor with a place left (after the locks of `rounds`) is
/// ranked by its score minus the mentor's price in the optimal matching's
/// dual: the price is what one of the mentor's places is worth to the rest of
/// the cohort. The optimum's own mentor always ranks first (ties go to it, then
/// to roster order), so a mentor is the first suggestion of at most `capacity`
/// mentees; an unmatched mentee (no mentor had room) gets the same ranking,
/// with no suggestion marked `assigned`. A locked mentee's first suggestions
/// are its locked mentors, and under `distinct` it is offered no mentor that
/// shares a group with one of them.
pub(crate) fn suggest(
    scorer: &Scorer,
    rounds: &Resolved,
    assignment: &Assignment,
    k: usize,
) -> Vec<Suggestions> {
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let prices = &assignment.solution.col_prices;
    let suggest = |e: usize| {
        let mine = |m: usize| assignment.mentors(e).any(|x| x == m);
        let mut ranked: Vec<(f64, usize)> = (0..mentors.people.len())
            .filter(|&m| {
                let locked = rounds.locked(e).contains(&m);
                locked || (rounds.spare()[m] > 0 && rounds.clash(e, m).is_none())
            })
            .filter(|&m| !rounds.repeats(e, m))
            .filter_map(|m| {
                let net = if rounds.locked(e).contains(&m) {
                    f64::INFINITY
                } else {
                    f64::from(scorer.weight(e, m)?) - prices[m]
                };
                Some((net, m))
            })
            .collect();
        crate::sorting::sort_by(&mut ranked, |&(a, m), &(b, n)| {
            b.total_cmp(&a)
                .then_with(|| mine(n).cmp(&mine(m)))
                .then(m.cmp(&n))
        });
        ranked.truncate(k);
        Suggestions {
            mentee_id: mentees.people[e].id.clone(),
            mentee_name: mentees.people[e].name.clone(),
            mentors: ranked
                .into_iter()
                .map(|(_, m)| Suggestion {
                    mentor_id: mentors.people[m].id.clone(),
                    mentor_name: mentors.people[m].name.clone(),
                    score: f64::from(scorer.score(e, m)) / 100.0,
                    assigned: mine(m),
                    reason: Explanation::new(scorer, e, m).reason(),
                })
                .collect(),
        }
    };
    par_map(mentees.people.len(), || (), |_, e| suggest(e))
}
