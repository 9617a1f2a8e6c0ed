//! One pair's breakdown and the top mentors for each mentee.

use crate::config::Config;
use crate::error::Error;
use crate::explain::Explanation;
use crate::matching::{find, in_pool, prepare};
use crate::roster::{Roster, Side};
use crate::score::Hundredths;
use rayon::prelude::*;
use serde::Serialize;

/// Explains one pair, made or not: its scores, what is shared, and any rule
/// that forbids it.
pub fn explain(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    mentor_id: &str,
    mentee_id: &str,
) -> Result<Explanation, Error> {
    let scorer = prepare(mentors, mentees, config)?;
    let m = find(mentors, Side::Mentor, mentor_id)?;
    let e = find(mentees, Side::Mentee, mentee_id)?;
    Ok(Explanation::new(&scorer, e, m))
}

/// One suggested mentor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The mentor's id.
    pub mentor_id: String,
    /// The mentor's display name.
    pub mentor_name: String,
    /// The pair's score, 0–100 with two decimals.
    pub score: f64,
    /// A one-line reason.
    pub reason: String,
}

/// The best allowed mentors for one mentee, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentee's display name.
    pub mentee_name: String,
    /// Up to `k` mentors, best score first, ties in roster order.
    pub mentors: Vec<Suggestion>,
}

/// The `k` best-scoring allowed mentors (capacity > 0, no rule against the
/// pair, at least `min_score`) for every mentee, in mentee input order.
pub fn suggest(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    k: usize,
) -> Result<Vec<Suggestions>, Error> {
    let scorer = prepare(mentors, mentees, config)?;
    in_pool(config.threads(), || {
        (0..mentees.people.len())
            .into_par_iter()
            .map(|e| {
                let mut ranked: Vec<(Hundredths, usize)> = (0..mentors.people.len())
                    .filter(|&m| mentors.people[m].capacity > 0)
                    .filter_map(|m| scorer.weight(e, m).map(|w| (w, m)))
                    .collect();
                ranked.sort_unstable_by_key(|&(w, m)| (std::cmp::Reverse(w), m));
                ranked.truncate(k);
                Suggestions {
                    mentee_id: mentees.people[e].id.clone(),
                    mentee_name: mentees.people[e].name.clone(),
                    mentors: ranked
                        .into_iter()
                        .map(|(w, m)| Suggestion {
                            mentor_id: mentors.people[m].id.clone(),
                            mentor_name: mentors.people[m].name.clone(),
                            score: f64::from(w) / 100.0,
                            reason: Explanation::new(&scorer, e, m).reason(),
                        })
                        .collect(),
                }
            })
            .collect()
    })
}
