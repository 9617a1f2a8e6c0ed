//! "Why not" answers: where a mentee stands in the optimal matching and, for a
//! pair that was not made, what it scores, whether it was a pick not
//! honoured, who holds the mentor's places instead and exactly what forcing
//! (honouring) it would cost the cohort.

use crate::assign::{assign, Assignment};
use crate::config::Config;
use crate::error::Error;
use crate::explain::Explanation;
use crate::matching::{Match, MatchOutcome, Unmatched};
use crate::progress::Silent;
use crate::rounds::Resolved;
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
    /// The mentor's rank among the mentee's picks (1 = their first), when
    /// picked: a pick not honoured unless `made`, honouring it costing what
    /// `forcing` says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentee_pick: Option<u32>,
    /// The mentor's capacity.
    pub capacity: u32,
    /// The mentees holding the mentor's places in the optimal matching.
    pub holders: Vec<Holder>,
    /// What forcing the pair would do; `None` when it is made, may never be
    /// made, or would break a lock (the mentee is locked to all the mentors
    /// it wants, or to one of the mentor's `distinct` group, or every place
    /// of the mentor is locked).
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

/// What an optimal matching already holds, for the questions asked of it.
pub(crate) struct Solved<'a> {
    /// Scores the program's pairs.
    pub scorer: &'a Scorer<'a>,
    /// The locked and history pairs.
    pub rounds: &'a Resolved,
    /// The config it was solved under.
    pub config: &'a Config,
    /// The optimal assignment.
    pub optimum: &'a Assignment,
    /// The optimal assignment as reported.
    pub outcome: &'a MatchOutcome,
}

/// Where mentee `e` stands in the optimal matching and, when mentor `m` is
/// given, why that pair was (not) made: its score, who holds the mentor's
/// places, and what forcing it would cost, found exactly by re-solving with
/// the pair locked (the only solve here; also returns how many it took).
pub(crate) fn why_not(
    solved: &Solved,
    e: usize,
    m: Option<usize>,
) -> Result<(Verdict, usize), Error> {
    let Solved {
        scorer,
        rounds,
        config,
        optimum,
        outcome,
    } = *solved;
    let of_mentee = |row: &Result<&Match, &Unmatched>| match row {
        Ok(matched) => matched.mentee == e,
        Err(unmatched) => unmatched.mentee == e,
    };
    let mentee = match outcome.rows().find(of_mentee) {
        Some(Ok(matched)) => Standing::Matched(Box::new(matched.clone())),
        Some(Err(unmatched)) => Standing::Unmatched(unmatched.clone()),
        None => unreachable!("every mentee has a row"),
    };
    let Some(m) = m else {
        return Ok((Verdict { mentee, pair: None }, 0));
    };
    let explanation = Explanation::new(scorer, e, m);
    let repeat = rounds.repeats(e, m);
    let made = optimum.mentors(e).any(|x| x == m);
    let allowed = explanation.forbidden.is_none() && !repeat;
    let forced = match rounds.with_lock(e, m) {
        Some(forced) if allowed && !made => Some(assign(scorer, &forced, config, &Silent)?),
        _ => None,
    };
    let solves = forced.as_ref().map_or(0, |f| f.solves);
    let pair = PairVerdict {
        made,
        repeat,
        mentee_pick: scorer.pick_ranks(e, m).0,
        explanation,
        capacity: scorer.mentors().people[m].capacity,
        holders: holders(&outcome.matches, m),
        forcing: forced.map(|forced| forcing(scorer, optimum, &forced)),
    };
    Ok((
        Verdict {
            mentee,
            pair: Some(pair),
        },
        solves,
    ))
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
    let total =
        |a: &Assignment| -> u64 { a.pairs().map(|(e, m)| u64::from(scorer.score(e, m))).sum() };
    let matched = |a: &Assignment| a.pairs().count() as i64;
    let (before, after) = (total(optimum), total(forced));
    let id = |m: Option<usize>| m.map(|m| scorer.mentors().people[m].id.clone());
    let mut moves = Vec::new();
    for e in 0..scorer.mentees().people.len() {
        let from: Vec<usize> = optimum
            .mentors(e)
            .filter(|&m| !forced.mentors(e).any(|x| x == m))
            .collect();
        let to: Vec<usize> = forced
            .mentors(e)
            .filter(|&m| !optimum.mentors(e).any(|x| x == m))
            .collect();
        for i in 0..from.len().max(to.len()) {
            moves.push(Move {
                mentee_id: scorer.mentees().people[e].id.clone(),
                from: id(from.get(i).copied()),
                to: id(to.get(i).copied()),
            });
        }
    }
    Forcing {
        total_score: before as f64 / 100.0,
        forced_total_score: after as f64 / 100.0,
        total_change: (after as f64 - before as f64) / 100.0,
        matched_change: matched(forced) - matched(optimum),
        moves,
    }
}
