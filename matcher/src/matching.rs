//! A matching as reported: every mentee matched or unmatched with a reason,
//! every mentor's load, and the summary (the JSON output's shape).

use crate::assign::par_map;
use crate::assign::Assignment;
use crate::config::Goal;
use crate::error::Error;
use crate::explain::{percent, CriterionScores, Explanation};
use crate::roster::{Roster, Side};
use crate::rounds::Resolved;
use crate::score::{Criteria, Hundredths, Scorer};
use serde::Serialize;

/// The result of a run; serialises to the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchOutcome {
    /// Matched mentees, in input order.
    pub matches: Vec<Match>,
    /// Unmatched mentees, in input order, with the reason.
    pub unmatched: Vec<Unmatched>,
    /// Every mentor with their load, in input order.
    pub mentors: Vec<MentorLoad>,
    /// Totals and statistics.
    pub summary: Summary,
    /// Whether someone gave picks or wants: `matches.csv` then has a `picks` column.
    #[serde(skip)]
    pub choices: bool,
}

/// A pair that was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The mentee's display name.
    pub mentee_name: String,
    /// The mentor's display name.
    pub mentor_name: String,
    /// A one-line reason a person can read.
    pub reason: String,
    /// Whether the pair was locked (kept from an earlier round).
    #[serde(skip_serializing_if = "is_false")]
    pub locked: bool,
    /// The full breakdown of the score.
    #[serde(flatten)]
    pub explanation: Explanation,
    #[serde(skip)]
    pub(crate) mentee: usize,
    #[serde(skip)]
    pub(crate) mentor: usize,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// Why a mentee was left unmatched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// Mentors could have taken them, but their places went to others (the
    /// optimum cannot place everyone).
    NoCapacity,
    /// Every mentor is excluded, ruled out by an attribute rule or paired
    /// with the mentee before.
    AllCandidatesForbidden,
    /// Every allowed mentor scores below `min_score`.
    BelowMinScore,
    /// In `only` mode: every mentor the mentee picked is taken, forbidden
    /// or at capacity.
    NoPickFree,
}

impl UnmatchedReason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [UnmatchedReason; 4] = [
        UnmatchedReason::NoCapacity,
        UnmatchedReason::AllCandidatesForbidden,
        UnmatchedReason::BelowMinScore,
        UnmatchedReason::NoPickFree,
    ];

    /// The reason's code, as written in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            UnmatchedReason::NoCapacity => "no_capacity",
            UnmatchedReason::AllCandidatesForbidden => "all_candidates_forbidden",
            UnmatchedReason::BelowMinScore => "below_min_score",
            UnmatchedReason::NoPickFree => "no_pick_free",
        }
    }
}

/// A mentee left unmatched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentee's display name.
    pub mentee_name: String,
    /// Why.
    pub reason: UnmatchedReason,
    /// The reason in words, with numbers where they help.
    pub detail: String,
    /// For a mentee who wants several mentors: how many they got before
    /// their places ran out (left out when 0, a mentee with no mentor).
    #[serde(skip_serializing_if = "is_zero")]
    pub filled: u32,
    #[serde(skip)]
    pub(crate) mentee: usize,
}

/// How many mentees a mentor was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentorLoad {
    /// The mentor's id.
    pub id: String,
    /// The mentor's display name.
    pub name: String,
    /// Mentees assigned.
    pub assigned: u32,
    /// The mentor's capacity.
    pub capacity: u32,
    /// The fewest mentees the mentor must take (`min_load`); left out when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub min_load: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Score statistics over matched pairs, 0–100 with two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreStats {
    /// Mean score.
    pub mean: f64,
    /// Median score.
    pub median: f64,
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
}

/// Mentor places in a program where mentees want several mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Places {
    /// Places asked for: the sum of the mentees' capacities.
    pub wanted: u64,
    /// Places filled: the pairs made.
    pub filled: u64,
}

/// Totals of a run. Deterministic: holds no timings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Mentees in the input.
    pub mentees: usize,
    /// Mentees matched (to at least one mentor).
    pub matched: usize,
    /// Mentees unmatched.
    pub unmatched: usize,
    /// Mentor places asked for and filled, when some mentee wants several
    /// mentors (a mentee `capacity` above 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub places: Option<Places>,
    /// Mentors in the input.
    pub mentors: usize,
    /// Mentors given at least one mentee.
    pub mentors_used: usize,
    /// Total mentor capacity.
    pub capacity: u64,
    /// Score statistics; `None` when nobody was matched.
    pub score: Option<ScoreStats>,
    /// Mean of each criterion over the matched pairs where it applies.
    pub criteria: CriterionScores,
    /// The objective optimised.
    pub objective: Goal,
    /// The total score of the matching (sum over matched pairs).
    pub total_score: f64,
    /// The solver's proven upper bound on `total_score` (for `coverage`, among
    /// matchings of the same size); equal to it at the optimum.
    pub dual_bound: f64,
    /// `dual_bound - total_score`: 0 proves the matching optimal.
    pub gap: f64,
    /// How many matched mentees got their 1st pick, their 2nd, … (one entry
    /// per rank up to the longest list of picks); `None` when no mentee
    /// picked. `[preferences] mode = "rank"` maximises it lexicographically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pick_ranks: Option<Vec<usize>>,
}

/// Describes an assignment: every mentee matched or unmatched with a reason,
/// every mentor's load, and the summary.
pub(crate) fn describe(
    scorer: &Scorer,
    rounds: &Resolved,
    assignment: &Assignment,
    objective: Goal,
) -> MatchOutcome {
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let mut matches = Vec::new();
    let mut unmatched = Vec::new();
    let mut assigned = vec![0u32; mentors.people.len()];
    // Why each mentee with places left has them: a pass over their whole
    // row, so rows in parallel.
    let short: Vec<(usize, u32)> = (0..mentees.people.len())
        .map(|e| (e, assignment.mentors(e).count() as u32))
        .filter(|&(e, got)| got < mentees.people[e].capacity)
        .collect();
    let reasons = par_map(short.len(), Vec::new, |scratch, k| {
        let (e, got) = short[k];
        match got {
            0 => why_unmatched(scorer, rounds, e, scratch),
            _ => why_unfilled(scorer, rounds, e, got, mentees.people[e].capacity, scratch),
        }
    });
    let mut reasons = short.iter().zip(reasons).peekable();
    for (e, mentee) in mentees.people.iter().enumerate() {
        for m in assignment.mentors(e) {
            assigned[m] += 1;
            let explanation = Explanation::new(scorer, e, m);
            matches.push(Match {
                mentee_name: mentee.name.clone(),
                mentor_name: mentors.people[m].name.clone(),
                reason: explanation.reason(),
                locked: rounds.locked(e).contains(&m),
                explanation,
                mentee: e,
                mentor: m,
            });
        }
        if let Some((&(_, got), (reason, detail))) = reasons.next_if(|((f, _), _)| *f == e) {
            unmatched.push(Unmatched {
                mentee_id: mentee.id.clone(),
                mentee_name: mentee.name.clone(),
                reason,
                detail,
                filled: got,
                mentee: e,
            });
        }
    }
    let loads = mentors
        .people
        .iter()
        .zip(&assigned)
        .map(|(p, &assigned)| MentorLoad {
            id: p.id.clone(),
            name: p.name.clone(),
            assigned,
            capacity: p.capacity,
            min_load: p.min_load,
        })
        .collect();
    let summary = summarize(scorer, &matches, &assigned, objective, assignment);
    MatchOutcome {
        matches,
        unmatched,
        mentors: loads,
        summary,
        choices: scorer.has_choices(),
    }
}

/// Works out why the optimum left mentee `e` unmatched (`scratch` is the
/// row scorer's workspace).
pub(crate) fn why_unmatched(
    scorer: &Scorer,
    rounds: &Resolved,
    e: usize,
    scratch: &mut Vec<f64>,
) -> (UnmatchedReason, String) {
    let mentors = &scorer.mentors().people;
    if let Some(picks) = scorer.only_picks(e) {
        return (
            UnmatchedReason::NoPickFree,
            no_pick_free(scorer, rounds, e, &picks),
        );
    }
    let eligible = eligible_mentors(scorer, rounds, e, scratch);
    if eligible > 0 {
        return (
            UnmatchedReason::NoCapacity,
            format!("the places of all {eligible} eligible mentors went to other mentees"),
        );
    }
    let mut best: Option<Hundredths> = None;
    // How many mentors each rule rules out, in the order first met.
    let mut ruled_out: Vec<(String, usize)> = Vec::new();
    for m in 0..mentors.len() {
        let rule = match scorer.rule_forbids(e, m) {
            Some(forbidden) => forbidden.rule(),
            None if rounds.repeats(e, m) => "paired before".to_owned(),
            None => {
                best = best.max(Some(scorer.score(e, m)));
                continue;
            }
        };
        match ruled_out.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, count)) => *count += 1,
            None => ruled_out.push((rule, 1)),
        }
    }
    match best {
        Some(best) => (
            UnmatchedReason::BelowMinScore,
            format!(
                "the best allowed mentor scores {:.2}, below min_score",
                f64::from(best) / 100.0
            ),
        ),
        None => (
            UnmatchedReason::AllCandidatesForbidden,
            format!(
                "all {} mentors are ruled out: {}",
                mentors.len(),
                ruled_out
                    .iter()
                    .map(|(rule, count)| format!("{rule} ({count})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    }
}

/// How many mentors mentee `e` may be given: allowed by every rule, not
/// paired before, and scoring at least `min_score`.
fn eligible_mentors(scorer: &Scorer, rounds: &Resolved, e: usize, scratch: &mut Vec<f64>) -> u32 {
    let weights = scorer.row_weights(e, scratch);
    let mut eligible = weights.iter().filter(|w| w.is_finite()).count() as u32;
    for &m in rounds.history(e) {
        eligible -= u32::from(weights[m].is_finite());
    }
    eligible
}

/// Why a mentee who wanted `wanted` mentors got only `got` (at least one):
/// too few eligible mentors, or the others' places went to other mentees.
fn why_unfilled(
    scorer: &Scorer,
    rounds: &Resolved,
    e: usize,
    got: u32,
    wanted: u32,
    scratch: &mut Vec<f64>,
) -> (UnmatchedReason, String) {
    let eligible = eligible_mentors(scorer, rounds, e, scratch);
    let filled = format!("{got} of {wanted} places filled");
    if let Some(left) = eligible.checked_sub(got).filter(|&left| left > 0) {
        return (
            UnmatchedReason::NoCapacity,
            format!("{filled}: the places of the other {left} eligible mentors went to other mentees, or a `distinct` rule rules them out"),
        );
    }
    let allowed = (0..scorer.mentors().people.len())
        .filter(|&m| scorer.rule_forbids(e, m).is_none() && !rounds.repeats(e, m))
        .count() as u32;
    if allowed > eligible {
        (
            UnmatchedReason::BelowMinScore,
            format!("{filled}: every other allowed mentor scores below min_score"),
        )
    } else {
        (
            UnmatchedReason::AllCandidatesForbidden,
            format!("{filled}: every other mentor is ruled out"),
        )
    }
}

/// Why none of mentee `e`'s `picks` (in `only` mode) was free, pick by pick:
/// `none of their 2 picks is free (`only` mode): M03 (exclude), M01 (places taken)`.
fn no_pick_free(scorer: &Scorer, rounds: &Resolved, e: usize, picks: &[usize]) -> String {
    let mentors = &scorer.mentors().people;
    let states: Vec<String> = picks
        .iter()
        .map(|&m| {
            let state = match scorer.rule_forbids(e, m) {
                Some(forbidden) => forbidden.rule(),
                None if rounds.repeats(e, m) => "paired before".to_owned(),
                None if mentors[m].capacity == 0 => "capacity 0".to_owned(),
                None if scorer.below_min(scorer.score(e, m)) => "below min_score".to_owned(),
                None => "places taken".to_owned(),
            };
            format!("{} ({state})", mentors[m].id)
        })
        .collect();
    let lead = match picks.len() {
        1 => "their only pick is not free".to_owned(),
        n => format!("none of their {n} picks is free"),
    };
    format!("{lead} (`only` mode): {}", states.join(", "))
}

fn summarize(
    scorer: &Scorer,
    matches: &[Match],
    assigned: &[u32],
    objective: Goal,
    assignment: &Assignment,
) -> Summary {
    let mut scores: Vec<Hundredths> = matches
        .iter()
        .map(|m| scorer.score(m.mentee, m.mentor))
        .collect();
    crate::sorting::sort(&mut scores);
    let total: u64 = scores.iter().map(|&s| u64::from(s)).sum();
    let score = (!scores.is_empty()).then(|| {
        let n = scores.len();
        let median = f64::from(scores[(n - 1) / 2] + scores[n / 2]) / 2.0;
        ScoreStats {
            mean: (total as f64 / n as f64).round() / 100.0,
            median: median.round() / 100.0,
            min: f64::from(scores[0]) / 100.0,
            max: f64::from(scores[n - 1]) / 100.0,
        }
    });
    let criteria: Vec<Criteria> = matches
        .iter()
        .map(|m| scorer.criteria(m.mentee, m.mentor))
        .collect();
    let mean = |pick: fn(&Criteria) -> Option<f64>| {
        let values: Vec<f64> = criteria.iter().filter_map(pick).collect();
        (!values.is_empty()).then(|| percent(values.iter().sum::<f64>() / values.len() as f64))
    };
    let people = &scorer.mentees().people;
    let longest = people.iter().map(|p| p.picks.len()).max().unwrap_or(0);
    let pick_ranks = (longest > 0).then(|| {
        let mut counts = vec![0; longest];
        for m in matches {
            if let (Some(rank), _) = scorer.mentee_pick(m.mentee, m.mentor) {
                counts[rank as usize - 1] += 1;
            }
        }
        counts
    });
    let mentees = people.len();
    let matched = (0..mentees)
        .filter(|&e| assignment.mentor_of[e].is_some())
        .count();
    let wanted: u64 = people.iter().map(|p| u64::from(p.capacity)).sum();
    let places = (wanted > mentees as u64).then_some(Places {
        wanted,
        filled: matches.len() as u64,
    });
    Summary {
        mentees,
        matched,
        unmatched: mentees - matched,
        places,
        mentors: assigned.len(),
        mentors_used: assigned.iter().filter(|&&a| a > 0).count(),
        capacity: scorer.mentors().total_capacity(),
        score,
        criteria: CriterionScores {
            skills: mean(|c| c.skills),
            goals: mean(|c| c.goals),
            values: mean(|c| c.values),
            diversity: mean(|c| c.diversity),
            pair_score: mean(|c| c.pair_score),
            availability: mean(|c| c.availability),
            picks: mean(|c| c.picks),
        },
        objective,
        total_score: total as f64 / 100.0,
        dual_bound: (assignment.locked_total as f64 + assignment.solution.dual_bound) / 100.0,
        gap: assignment.solution.gap() / 100.0,
        pick_ranks,
    }
}

impl MatchOutcome {
    /// Every mentee in input order: `Ok` with the match, or `Err` with why not.
    pub fn rows(&self) -> impl Iterator<Item = Result<&Match, &Unmatched>> {
        let mut matches = self.matches.iter().peekable();
        let mut unmatched = self.unmatched.iter().peekable();
        std::iter::from_fn(move || match (matches.peek(), unmatched.peek()) {
            (Some(m), Some(u)) if u.mentee < m.mentee => unmatched.next().map(Err),
            (Some(_), _) => matches.next().map(Ok),
            (None, _) => unmatched.next().map(Err),
        })
    }
}

/// Looks a person up by id, or fails naming the id.
pub(crate) fn find(roster: &Roster, side: Side, id: &str) -> Result<usize, Error> {
    roster.position(id).ok_or_else(|| Error::UnknownId {
        side,
        id: id.to_owned(),
    })
}
