//! "Why not" answers: where a mentee stands in the optimal matching and, for a
//! pair that was not made, what it scores, who holds the mentor's places
//! instead and exactly what forcing it would cost the cohort.

use crate::config::Config;
use crate::error::Error;
use crate::explain::Explanation;
use crate::matching::{assign, find, in_pool, prepare, report, Assignment, Match, Unmatched};
use crate::progress::Silent;
use crate::roster::{Roster, Side};
use crate::rounds::Rounds;
use crate::score::Scorer;
use serde::Serialize;

/// The answer to "why (not)?" for a mentee, and optionally one mentor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The mentee's own place in the optimal matching.
    pub mentee: Standing,
    /// The pair asked about, when a mentor was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairVerdict>,
}

/// A mentee's place in the optimal matching: its match, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Standing {
    /// Matched (or locked), with the match's explanation.
    Matched(Box<Match>),
    /// Unmatched, with the reason: no capacity left, all candidates forbidden,
    /// or below `min_score`.
    Unmatched(Unmatched),
}

/// One pair, made or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairVerdict {
    /// Whether the optimal matching makes this pair.
    pub made: bool,
    /// Whether the pair was made in an earlier cycle (history), so is never repeated.
    pub repeat: bool,
    /// The pair's score breakdown, with any rule that forbids it.
    pub explanation: Explanation,
    /// The mentor's capacity.
    pub capacity: u32,
    /// The mentees holding the mentor's places in the optimal matching.
    pub holders: Vec<Holder>,
    /// What forcing the pair would do; `None` when it is made, may never be
    /// made, or would break a lock (the mentee is locked elsewhere or every
    /// place of the mentor is locked).
    pub forcing: Option<Forcing>,
}

/// A mentee holding one of a mentor's places.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holder {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentee's display name.
    pub mentee_name: String,
    /// Their pair's score.
    pub score: f64,
    /// Whether their pair is locked.
    pub locked: bool,
}

/// The cohort with a pair forced in (locked) and everyone else re-optimised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forcing {
    /// The optimal matching's total score.
    pub total_score: f64,
    /// The total score with the pair forced.
    pub forced_total_score: f64,
    /// `forced_total_score - total_score`: what forcing costs (negative) the cohort.
    pub total_change: f64,
    /// Change in the number of matched mentees (0 or negative).
    pub matched_change: i64,
    /// Every mentee whose mentor would change, in input order.
    pub moves: Vec<Move>,
}

/// A mentee whose mentor changes when a pair is forced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The mentee's id.
    pub mentee_id: String,
    /// Their mentor in the optimal matching (`None`: unmatched).
    pub from: Option<String>,
    /// Their mentor with the pair forced (`None`: unmatched).
    pub to: Option<String>,
}

/// Where mentee `mentee_id` stands in the optimal matching (under `rounds`),
/// and, when `mentor_id` is given, why that pair was (not) made: its score, who
/// holds the mentor's places, and what forcing it would cost, found exactly by
/// re-solving with the pair locked.
///
/// ```
/// use matcher::{read_rosters, rounds::Rounds, why_not, Config};
/// let mentors = "id,capacity,skills\nm1,1,rust\nm2,1,sql\n";
/// let mentees = "id,skills\ne1,rust\ne2,rust;sql\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let verdict = why_not(&mentors, &mentees, &Config::default(), &Rounds::default(), "e2", Some("m1"))?;
/// let pair = verdict.pair.unwrap();
/// assert!(!pair.made);
/// assert_eq!(pair.holders[0].mentee_id, "e1");
/// let forcing = pair.forcing.unwrap();
/// assert_eq!((forcing.total_score, forcing.forced_total_score), (150.0, 50.0));
/// # Ok::<(), matcher::Error>(())
/// ```
pub fn why_not(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
    mentee_id: &str,
    mentor_id: Option<&str>,
) -> Result<Verdict, Error> {
    let scorer = prepare(mentors, mentees, config)?;
    let rounds = rounds.resolve(&scorer)?;
    let e = find(mentees, Side::Mentee, mentee_id)?;
    let m = mentor_id
        .map(|id| find(mentors, Side::Mentor, id))
        .transpose()?;
    let objective = config.solver.objective;
    in_pool(config.threads(), || {
        let optimum = assign(&scorer, &rounds, config, &Silent)?;
        let outcome = report(&scorer, &rounds, &optimum, objective);
        let mentee = match outcome.rows().nth(e) {
            Some(Ok(matched)) => Standing::Matched(Box::new(matched.clone())),
            Some(Err(unmatched)) => Standing::Unmatched(unmatched.clone()),
            None => unreachable!("every mentee has a row"),
        };
        let pair = match m {
            None => None,
            Some(m) => {
                let explanation = Explanation::new(&scorer, e, m);
                let repeat = rounds.repeats(e, m);
                let made = optimum.mentor_of[e] == Some(m);
                let allowed = explanation.forbidden.is_none() && !repeat;
                let forced = match rounds.with_lock(e, m) {
                    Some(forced) if allowed && !made && rounds.locked(e).is_none() => {
                        Some(assign(&scorer, &forced, config, &Silent)?)
                    }
                    _ => None,
                };
                Some(PairVerdict {
                    made,
                    repeat,
                    explanation,
                    capacity: mentors.people[m].capacity,
                    holders: holders(&outcome.matches, m),
                    forcing: forced.map(|forced| forcing(&scorer, &optimum, &forced)),
                })
            }
        };
        Ok(Verdict { mentee, pair })
    })?
}

/// The matched mentees of mentor `m`, in input order.
fn holders(matches: &[Match], m: usize) -> Vec<Holder> {
    matches
        .iter()
        .filter(|x| x.mentor == m)
        .map(|x| Holder {
            mentee_id: x.explanation.mentee_id.clone(),
            mentee_name: x.mentee_name.clone(),
            score: x.explanation.score,
            locked: x.locked,
        })
        .collect()
}

/// Compares the optimum with the forced assignment.
fn forcing(scorer: &Scorer, optimum: &Assignment, forced: &Assignment) -> Forcing {
    let total = |a: &Assignment| -> u64 {
        a.mentor_of
            .iter()
            .enumerate()
            .filter_map(|(e, m)| m.map(|m| u64::from(scorer.score(e, m))))
            .sum()
    };
    let matched = |a: &Assignment| a.mentor_of.iter().flatten().count() as i64;
    let (before, after) = (total(optimum), total(forced));
    let id = |m: Option<usize>| m.map(|m| scorer.mentors().people[m].id.clone());
    let moves = optimum
        .mentor_of
        .iter()
        .zip(&forced.mentor_of)
        .enumerate()
        .filter(|(_, (from, to))| from != to)
        .map(|(e, (&from, &to))| Move {
            mentee_id: scorer.mentees().people[e].id.clone(),
            from: id(from),
            to: id(to),
        })
        .collect();
    Forcing {
        total_score: before as f64 / 100.0,
        forced_total_score: after as f64 / 100.0,
        total_change: (after as f64 - before as f64) / 100.0,
        matched_change: matched(forced) - matched(optimum),
        moves,
    }
}
