//! "Why not" for buddy pairs: where a person stands in the optimal pairing
//! and, for two people not paired, both directions' scores, who each is
//! paired with instead, and exactly what pairing them would cost: the
//! pairing solved again with the two locked together.

use super::rounds::PairRounds;
use super::{solve, BuddyPair, Optimum, PairsOutcome, Unpaired};
use crate::config::Goal;
use crate::error::Error;
use crate::explain::Explanation;
use crate::score::{Forbidden, Scorer};
use serde::Serialize;

/// The answer to "why (not)?" for a person, and optionally a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairVerdict {
    /// The person's id, as on the roster.
    pub id: String,
    /// The person's own place in the optimal pairing.
    pub person: PairStanding,
    /// The pair asked about, when a partner was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairQuestion>,
}

/// A person's place in the optimal pairing: their pair, or why they have none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PairStanding {
    /// Paired (or locked), with the pair as reported.
    Paired(Box<BuddyPair>),
    /// Unpaired, with the reason.
    Unpaired(Unpaired),
}

/// Two people, paired or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairQuestion {
    /// Whether the optimal pairing pairs them.
    pub made: bool,
    /// Whether they were paired in an earlier cycle (history), so never again.
    pub repeat: bool,
    /// Why they may never be paired (a rule or `min_score` either way, or
    /// the history), if they may not.
    pub forbidden: Option<String>,
    /// The pair's score, the mean of both ways.
    pub score: f64,
    /// The person as the partner's mentee, with any rule that forbids it
    /// (capacity plays no part in buddy pairs).
    pub learns: Explanation,
    /// The partner as the person's mentee, likewise.
    pub partner_learns: Explanation,
    /// The partner's own place in the optimal pairing.
    pub partner: PairStanding,
    /// What pairing them would do; `None` when they are paired, may never
    /// be paired, or one of them is locked with someone else.
    pub forcing: Option<PairForcing>,
}

/// The pairing with two people forced together (locked) and everyone else
/// paired again around them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairForcing {
    /// The optimal pairing's total score.
    pub total_score: f64,
    /// The total score with the pair forced.
    pub forced_total_score: f64,
    /// `forced_total_score - total_score`: what forcing costs (negative).
    pub total_change: f64,
    /// Change in the number of people paired (0 or negative under `coverage`).
    pub paired_change: i64,
    /// Every person whose partner would change, in roster order.
    pub moves: Vec<PairMove>,
}

/// A person whose partner changes when a pair is forced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairMove {
    /// The person's id.
    pub id: String,
    /// Their partner in the optimal pairing (`None`: unpaired).
    pub from: Option<String>,
    /// Their partner with the pair forced (`None`: unpaired).
    pub to: Option<String>,
}

/// What a solved pairing holds, for the questions asked of it.
pub(super) struct Asked<'a> {
    /// Scores the pairs.
    pub(super) scorer: &'a Scorer<'a>,
    /// The held weights, or empty.
    pub(super) held: &'a [u16],
    /// The locked and history pairs.
    pub(super) rounds: &'a PairRounds,
    /// The objective it was solved for.
    pub(super) goal: Goal,
    /// The optimum.
    pub(super) optimum: &'a Optimum,
    /// The optimum as reported.
    pub(super) outcome: &'a PairsOutcome,
}

/// Where person `i` stands and, when `j` is given, why `i`–`j` was (not)
/// made and what forcing it costs, found exactly by solving again with the
/// pair locked (the only solve here; also returns how many it took).
pub(super) fn why_not(
    asked: &Asked,
    i: usize,
    j: Option<usize>,
) -> Result<(PairVerdict, usize), Error> {
    let (scorer, rounds) = (asked.scorer, asked.rounds);
    let id = scorer.mentors().people[i].id.clone();
    let person = standing(asked.outcome, i);
    let Some(j) = j else {
        let verdict = PairVerdict {
            id,
            person,
            pair: None,
        };
        return Ok((verdict, 0));
    };
    let made = asked.optimum.mate[i] == Some(j);
    let forbidden = rounds.forbidden(scorer, i, j);
    let forced = match rounds.with_lock(i, j) {
        Some(forced) if forbidden.is_none() && !made => {
            Some(solve(scorer, asked.held, &forced, asked.goal)?)
        }
        _ => None,
    };
    let solves = usize::from(forced.is_some());
    let pair = PairQuestion {
        made,
        repeat: rounds.repeats(i, j),
        forbidden,
        score: super::mean_score(scorer.score(i, j) + scorer.score(j, i)),
        learns: explain(scorer, i, j),
        partner_learns: explain(scorer, j, i),
        partner: standing(asked.outcome, j),
        forcing: forced.map(|forced| forcing(scorer, asked.optimum, &forced)),
    };
    let verdict = PairVerdict {
        id,
        person,
        pair: Some(pair),
    };
    Ok((verdict, solves))
}

/// Person `e` as the mentee of `m`, without the mentor's capacity as a
/// rule: buddy pairs do not read it.
fn explain(scorer: &Scorer, e: usize, m: usize) -> Explanation {
    let mut explanation = Explanation::new(scorer, e, m);
    if matches!(explanation.forbidden, Some(Forbidden::Unavailable)) {
        explanation.forbidden = None;
    }
    explanation
}

/// Person `i`'s pair or unpaired row.
fn standing(outcome: &PairsOutcome, i: usize) -> PairStanding {
    if let Some(pair) = outcome.pairs.iter().find(|p| p.a == i || p.b == i) {
        return PairStanding::Paired(Box::new(pair.clone()));
    }
    let unpaired = outcome.unpaired.iter().find(|u| u.at == i);
    PairStanding::Unpaired(unpaired.expect("everyone is paired or unpaired").clone())
}

/// Compares the optimum with the forced pairing.
fn forcing(scorer: &Scorer, optimum: &Optimum, forced: &Optimum) -> PairForcing {
    let id = |p: Option<usize>| p.map(|p| scorer.mentors().people[p].id.clone());
    let moves = (0..optimum.mate.len())
        .filter(|&p| optimum.mate[p] != forced.mate[p])
        .map(|p| PairMove {
            id: scorer.mentors().people[p].id.clone(),
            from: id(optimum.mate[p]),
            to: id(forced.mate[p]),
        })
        .collect();
    let (before, after) = (optimum.weight as f64, forced.weight as f64);
    PairForcing {
        total_score: before / 200.0,
        forced_total_score: after / 200.0,
        total_change: (after - before) / 200.0,
        paired_change: 2 * (forced.pairs as i64 - optimum.pairs as i64),
        moves,
    }
}
