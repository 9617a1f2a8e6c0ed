//! Buddy pairs: a peer roster ([`crate::people`]) paired up, two people per
//! pair, each in at most one pair and never with themselves.
//!
//! A pair is scored both ways — each person as the mentee of the other — and
//! its weight is the sum of the two scores, so its `score` is their mean; a
//! pair either way ruled out (an exclusion, an attribute rule, `min_score`)
//! is never made. The pairing is a maximum-weight matching on the general
//! graph of everyone (Edmonds' blossom algorithm): under `coverage` the most pairs,
//! then the highest total; under `total` the highest total. Exact, with the
//! dual bound reported. Roles are not read: everyone can pair with everyone.
//!
//! Rounds ([`Rounds`]) work as in a two-sided program: a locked pair is kept
//! and everyone else is paired around it (it counts in the pairs and the
//! totals), a history pair is never made again, either way round. The files
//! keep their `mentor_id,mentee_id` header; for buddy pairs the two columns
//! are simply the pair's two people, in either order.
//!
//! [`BuddyProgram`] solves once and answers the questions about the result: the
//! CSV, partner suggestions ([`suggest`]), "why (not)" with the exact cost of
//! forcing a pair ([`why_not`]), and the fairness report ([`report`]).
//!
//! # Files
//! - `weights.rs`: every pair's weight, both ways, held when it fits.
//! - `rounds.rs`: locked and history pairs resolved and checked.
//! - `csv.rs`: the pairs and suggestions as CSV.
//! - `suggest.rs`, `why_not.rs`, `report.rs`: the questions.

mod csv;
pub mod report;
mod rounds;
pub mod suggest;
mod weights;
pub mod why_not;

pub use self::csv::{write_pairs_csv, write_suggestions_csv};

use crate::assign::in_pool;
use crate::config::{Config, ConfigError, Goal};
use crate::error::Error;
use crate::explain::Explanation;
use crate::fairness::DiversityCost;
use crate::matching::UnmatchedReason;
use crate::pairing::{solve_pairs, PairProblem};
use crate::people::People;
use crate::roster::Roster;
use crate::rounds::Rounds;
use crate::score::{Hundredths, Scorer};
use report::PairsReport;
use rounds::PairRounds;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use suggest::PartnerSuggestions;
use weights::BothWays;
use why_not::PairVerdict;

/// The result of pairing a peer roster; serialises to the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairsOutcome {
    /// The pairs, the earlier person in roster order first, in that order.
    pub pairs: Vec<BuddyPair>,
    /// The people left without a partner, in roster order, with the reason.
    pub unpaired: Vec<Unpaired>,
    /// Totals.
    pub summary: PairsSummary,
}

/// Two people paired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuddyPair {
    /// The first person's id (earlier in the roster).
    pub a_id: String,
    /// The first person's display name.
    pub a_name: String,
    /// The second person's id.
    pub b_id: String,
    /// The second person's display name.
    pub b_name: String,
    /// The mean of the two scores below, 0–100.
    pub score: f64,
    /// The score with `a` as the mentee of `b`.
    pub a_learns: f64,
    /// The score with `b` as the mentee of `a`.
    pub b_learns: f64,
    /// Why, in words: both directions' reasons.
    pub reason: String,
    /// Whether the pair was locked (kept from an earlier round).
    #[serde(skip_serializing_if = "is_false")]
    pub locked: bool,
    #[serde(skip)]
    a: usize,
    #[serde(skip)]
    b: usize,
}

/// A person left without a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unpaired {
    /// The person's id.
    pub id: String,
    /// The person's display name.
    pub name: String,
    /// Why.
    pub reason: UnmatchedReason,
    /// The reason in words.
    pub detail: String,
    #[serde(skip)]
    at: usize,
}

/// Totals of a pairing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairsSummary {
    /// People in the roster.
    pub people: usize,
    /// Pairs made, the locked ones included.
    pub pairs: usize,
    /// People left without a partner.
    pub unpaired: usize,
    /// The objective optimised (`coverage` or `total`).
    pub objective: Goal,
    /// The sum of the pairs' scores, the locked ones included.
    pub total_score: f64,
    /// The proven bound on `total_score` (for `coverage`, among pairings
    /// with as many pairs).
    pub dual_bound: f64,
    /// `dual_bound - total_score`: 0 proves the pairing optimal.
    pub gap: f64,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// An optimal pairing around the locks.
#[derive(Debug, Clone, PartialEq)]
struct Optimum {
    /// Each person's partner, locked pairs included; symmetric.
    mate: Vec<Option<usize>>,
    /// Pairs, locked ones included.
    pairs: usize,
    /// The pairs' weights summed (hundredths, both ways: twice the scores' total).
    weight: u64,
    /// The proven bound on `weight`.
    bound: f64,
}

/// Solves the pairing of `scorer`'s people around the locks of `rounds`,
/// away from its history, reading the held weights `held` ([`weights::hold`]).
fn solve(scorer: &Scorer, held: &[u16], rounds: &PairRounds, goal: Goal) -> Result<Optimum, Error> {
    let weights = BothWays {
        scorer,
        held,
        rounds,
    };
    let problem = PairProblem {
        weights: &weights,
        objective: goal.solver(),
    };
    let solved = solve_pairs(&problem).map_err(|e| Error::Infeasible(e.to_string()))?;
    let mut mate = solved.mate;
    let mut locked = 0u64;
    let mut pairs = solved.pairs;
    for (a, b) in rounds.locks() {
        (mate[a], mate[b]) = (Some(b), Some(a));
        pairs += 1;
        // Checked when the lock was resolved.
        locked += u64::from(weights.base(a, b).unwrap_or(0));
    }
    Ok(Optimum {
        mate,
        pairs,
        weight: solved.total as u64 + locked,
        bound: solved.dual_bound + locked as f64,
    })
}

/// A pair's score, 0–100 with two decimals, from its weight (the sum of its
/// two directions' scores in hundredths): their mean.
fn mean_score(weight: Hundredths) -> f64 {
    (f64::from(weight) / 2.0).round() / 100.0
}

/// The reason of a pair in words: what each learns from the other.
fn pair_reason(scorer: &Scorer, a: usize, b: usize) -> String {
    let id = |p: usize| &scorer.mentees().people[p].id;
    format!(
        "{} learns: {}; {} learns: {}",
        id(a),
        Explanation::new(scorer, a, b).reason(),
        id(b),
        Explanation::new(scorer, b, a).reason()
    )
}

/// The pair `a`–`b` (`a < b`) as reported.
fn buddy_pair(scorer: &Scorer, rounds: &PairRounds, a: usize, b: usize) -> BuddyPair {
    let person = |i: usize| &scorer.mentors().people[i];
    let score = |e: usize, m: usize| f64::from(scorer.score(e, m)) / 100.0;
    let (a_learns, b_learns) = (score(a, b), score(b, a));
    BuddyPair {
        a_id: person(a).id.clone(),
        a_name: person(a).name.clone(),
        b_id: person(b).id.clone(),
        b_name: person(b).name.clone(),
        score: mean_score(scorer.score(a, b) + scorer.score(b, a)),
        a_learns,
        b_learns,
        reason: pair_reason(scorer, a, b),
        locked: rounds.locked(a) == Some(b),
        a,
        b,
    }
}

/// Describes an optimum: the pairs, every unpaired person with the reason,
/// and the totals.
fn describe(weights: &BothWays, optimum: &Optimum, goal: Goal) -> PairsOutcome {
    let scorer = weights.scorer;
    let person = |i: usize| &scorer.mentors().people[i];
    let n = optimum.mate.len();
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for (i, mate) in optimum.mate.iter().enumerate() {
        match *mate {
            Some(j) if i < j => pairs.push(buddy_pair(scorer, weights.rounds, i, j)),
            Some(_) => {}
            None => {
                let allowed = (0..n)
                    .filter(|&j| weights.base(i, j).is_some() && !weights.rounds.repeats(i, j))
                    .count();
                let (reason, detail) = match allowed {
                    0 => (
                        UnmatchedReason::AllCandidatesForbidden,
                        "every pair with this person is ruled out".to_owned(),
                    ),
                    n => (
                        UnmatchedReason::NoCapacity,
                        format!("all {n} people they could pair with are paired with others"),
                    ),
                };
                unpaired.push(Unpaired {
                    id: person(i).id.clone(),
                    name: person(i).name.clone(),
                    reason,
                    detail,
                    at: i,
                });
            }
        }
    }
    let summary = PairsSummary {
        people: n,
        pairs: optimum.pairs,
        unpaired: unpaired.len(),
        objective: goal,
        total_score: optimum.weight as f64 / 200.0,
        dual_bound: optimum.bound / 200.0,
        gap: (optimum.bound - optimum.weight as f64) / 200.0,
    };
    PairsOutcome {
        pairs,
        unpaired,
        summary,
    }
}

/// A peer roster paired up under one config and one set of rounds, with the
/// optimal pairing kept to answer questions about it (the buddy-pairs
/// counterpart of [`crate::Program`]).
///
/// ```
/// use matcher::buddies::BuddyProgram;
/// use matcher::people::People;
/// use matcher::rounds::{PairFile, Rounds};
/// use matcher::Config;
/// let csv = "id,skills,learning\na,rust,sql\nb,sql,rust\nc,rust,go\nd,go,rust\n";
/// let people = People::from_reader(csv.as_bytes(), "people.csv", &Default::default()).unwrap();
/// let free = BuddyProgram::new(&people, Config::default(), &Rounds::default())?;
/// let ids = |p: &BuddyProgram| -> Vec<(String, String)> {
///     p.outcome().pairs.iter().map(|x| (x.a_id.clone(), x.b_id.clone())).collect()
/// };
/// assert_eq!(ids(&free), [("a".into(), "b".into()), ("c".into(), "d".into())]);
/// // Lock a with c: b and d are paired around them.
/// let locked = PairFile::from_csv_reader("mentor_id,mentee_id\nc,a\n".as_bytes(), "locked.csv").unwrap();
/// let rounds = Rounds { locked: Some(locked), history: None };
/// let round2 = BuddyProgram::new(&people, Config::default(), &rounds)?;
/// assert_eq!(ids(&round2), [("a".into(), "c".into()), ("b".into(), "d".into())]);
/// assert!(round2.outcome().pairs[0].locked);
/// // a is locked with c: pairing a with b would break the lock.
/// let verdict = round2.why_not("a", Some("b"))?;
/// assert!(verdict.pair.unwrap().forcing.is_none(), "a is locked with c");
/// # Ok::<(), matcher::Error>(())
/// ```
pub struct BuddyProgram<'p> {
    config: Config,
    scorer: Scorer<'p>,
    /// The pairs' weights, when they fit in the memory budget ([`weights::hold`]).
    held: Vec<u16>,
    rounds: PairRounds,
    optimum: Optimum,
    outcome: PairsOutcome,
    /// The cost of diversity, once asked for.
    diversity_cost: OnceLock<Option<DiversityCost>>,
    /// Exact solves run so far.
    solves: AtomicUsize,
}

impl<'p> BuddyProgram<'p> {
    /// Checks the roster's cells against the config, resolves and checks the
    /// locked and history pairs of `rounds` (every problem located), and
    /// pairs everyone up around the locks.
    pub fn new(people: &'p People, config: Config, rounds: &Rounds) -> Result<Self, Error> {
        let (mentors, mentees) = (&people.as_mentors, &people.as_mentees);
        Self::build(
            Cow::Borrowed(mentors),
            Cow::Borrowed(mentees),
            config,
            rounds,
        )
    }

    /// [`BuddyProgram::new`] owning the roster, for a caller that cannot
    /// keep it borrowed (a program held by a JavaScript object).
    pub fn owning(
        people: People,
        config: Config,
        rounds: &Rounds,
    ) -> Result<BuddyProgram<'static>, Error> {
        let (mentors, mentees) = (people.as_mentors, people.as_mentees);
        BuddyProgram::build(Cow::Owned(mentors), Cow::Owned(mentees), config, rounds)
    }

    /// Pairs everyone up: the people as mentors and as mentees, borrowed or owned.
    fn build(
        as_mentors: Cow<'p, Roster>,
        as_mentees: Cow<'p, Roster>,
        config: Config,
        rounds: &Rounds,
    ) -> Result<Self, Error> {
        config.validate()?;
        let goal = config.solver.objective;
        if !matches!(goal, Goal::Coverage | Goal::Total) {
            return Err(ConfigError::new(
                "solver.objective",
                "buddy pairs are optimised for \"coverage\" or \"total\"",
            )
            .into());
        }
        let scorer = crate::program::prepare(as_mentors, as_mentees, &config)?;
        let rounds = PairRounds::resolve(rounds, &scorer)?;
        let (held, optimum) = in_pool(config.threads(), || {
            let held = weights::hold(&scorer, config.solver.max_memory.0);
            let optimum = solve(&scorer, &held, &rounds, goal);
            (held, optimum)
        })?;
        let optimum = optimum?;
        let outcome = describe(&Self::weights_of(&scorer, &held, &rounds), &optimum, goal);
        Ok(BuddyProgram {
            config,
            scorer,
            held,
            rounds,
            optimum,
            outcome,
            diversity_cost: OnceLock::new(),
            solves: AtomicUsize::new(1),
        })
    }

    fn weights_of<'a>(
        scorer: &'a Scorer<'a>,
        held: &'a [u16],
        rounds: &'a PairRounds,
    ) -> BothWays<'a> {
        BothWays {
            scorer,
            held,
            rounds,
        }
    }

    /// The config the pairing was solved under.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The optimal pairing: every person paired or unpaired with a reason.
    pub fn outcome(&self) -> &PairsOutcome {
        &self.outcome
    }

    /// The optimal pairing, taken out of the program.
    pub fn into_outcome(self) -> PairsOutcome {
        self.outcome
    }

    /// How many exact solves have run: one for the pairing, plus one per
    /// forced pair asked about and one for the cost of diversity.
    pub fn solves(&self) -> usize {
        self.solves.load(Ordering::Relaxed)
    }

    /// Writes the pairs CSV ([`write_pairs_csv`]).
    pub fn write_csv<W: Write>(&self, writer: W) -> io::Result<()> {
        write_pairs_csv(&self.outcome, writer)
    }

    /// The position of the person with this id, or [`Error::UnknownPerson`].
    fn find(&self, id: &str) -> Result<usize, Error> {
        let people = self.scorer.mentors();
        people
            .position(id)
            .ok_or_else(|| Error::UnknownPerson(id.to_owned()))
    }

    /// Up to `k` partners for every person, in roster order, best first
    /// (see [`suggest`]); no solve.
    pub fn suggest(&self, k: usize) -> Vec<PartnerSuggestions> {
        let weights = Self::weights_of(&self.scorer, &self.held, &self.rounds);
        let run = || suggest::suggest(&weights, &self.optimum.mate, k);
        // A pool that cannot be built was already refused by `new`.
        in_pool(self.config.threads(), run).unwrap_or_else(|_| run())
    }

    /// Where `person` stands (their pair, or why they have none) and, when
    /// `partner` is given, why those two were (not) paired and what pairing
    /// them would cost, found exactly by solving again with the pair locked
    /// (see [`why_not`]).
    pub fn why_not(&self, person: &str, partner: Option<&str>) -> Result<PairVerdict, Error> {
        let i = self.find(person)?;
        let j = partner.map(|id| self.find(id)).transpose()?;
        let asked = why_not::Asked {
            scorer: &self.scorer,
            held: &self.held,
            rounds: &self.rounds,
            goal: self.config.solver.objective,
            optimum: &self.optimum,
            outcome: &self.outcome,
        };
        let (verdict, solves) = in_pool(self.config.threads(), || why_not::why_not(&asked, i, j))??;
        self.solves.fetch_add(solves, Ordering::Relaxed);
        Ok(verdict)
    }

    /// What the diversity weight costs the other criteria: the best total
    /// with `weights.diversity = 0` (same locks and history) against this
    /// pairing's total scored that way. Solved once, on the first call;
    /// `None` when diversity is the only weight.
    pub fn cost_of_diversity(&self) -> Result<Option<&DiversityCost>, Error> {
        if let Some(cost) = self.diversity_cost.get() {
            return Ok(cost.as_ref());
        }
        let cost = in_pool(self.config.threads(), || {
            report::diversity_cost(&self.scorer, &self.config, &self.rounds, &self.optimum.mate)
        })??;
        if cost.is_some() {
            self.solves.fetch_add(1, Ordering::Relaxed);
        }
        Ok(self.diversity_cost.get_or_init(|| cost).as_ref())
    }

    /// The fairness and diversity report on the pairing (see [`report`]);
    /// `cost_of_diversity` is filled in once [`BuddyProgram::cost_of_diversity`]
    /// has been asked.
    pub fn fairness_report(&self) -> PairsReport {
        let cost = self.diversity_cost.get().cloned().flatten();
        report::report(&self.scorer, &self.outcome, cost)
    }
}

/// Pairs up everyone on a peer roster under `config` (see the module doc).
pub fn pair_people(people: &People, config: &Config) -> Result<PairsOutcome, Error> {
    pair_people_with(people, config, &Rounds::default())
}

/// [`pair_people`] around the locked pairs and away from the history pairs
/// of `rounds`.
pub fn pair_people_with(
    people: &People,
    config: &Config,
    rounds: &Rounds,
) -> Result<PairsOutcome, Error> {
    BuddyProgram::new(people, config.clone(), rounds).map(BuddyProgram::into_outcome)
}
