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

use crate::assign::{in_pool, THREADS};
use crate::config::{Config, Goal};
use crate::error::Error;
use crate::explain::Explanation;
use crate::matching::UnmatchedReason;
use crate::pairing::{solve_pairs, PairProblem};
use crate::people::People;
use crate::score::Scorer;
use crate::solve::WeightSource;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

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
    /// Pairs made.
    pub pairs: usize,
    /// People left without a partner.
    pub unpaired: usize,
    /// The objective optimised (`coverage` or `total`).
    pub objective: Goal,
    /// The sum of the pairs' scores.
    pub total_score: f64,
    /// The proven bound on `total_score` (for `coverage`, among pairings
    /// with as many pairs).
    pub dual_bound: f64,
    /// `dual_bound - total_score`: 0 proves the pairing optimal.
    pub gap: f64,
}

/// Each pair's weight: the sum of its two directions' weights (hundredths),
/// `-inf` when either is ruled out or for a person with themselves.
///
/// The solver reads every row more than once: when every pair's weight fits
/// in the memory budget (`solver.max_memory`, two bytes each), the directed
/// scores are scored once, row by row on the fast path, summed with their
/// transposes tile by tile, and held; otherwise each pair is scored when read.
struct BothWays<'a> {
    scorer: &'a Scorer<'a>,
    /// Row-major pair weights in hundredths (symmetric), [`RULED_OUT`] for a
    /// pair that may never be made; empty when they do not fit.
    held: Vec<u16>,
}

/// A held weight of a pair that may never be made.
const RULED_OUT: u16 = u16::MAX;

/// The side of the square tiles the held scores are summed in.
const TILE: usize = 64;

impl<'a> BothWays<'a> {
    /// The weights of `scorer`'s people, held when `budget` bytes allow.
    fn new(scorer: &'a Scorer<'a>, budget: u64) -> Self {
        let n = scorer.mentees().people.len();
        let fits = (n as u64)
            .checked_mul(n as u64)
            .and_then(|cells| cells.checked_mul(2))
            .is_some_and(|bytes| bytes <= budget);
        if !fits {
            return BothWays {
                scorer,
                held: Vec::new(),
            };
        }
        let mut held = vec![RULED_OUT; n * n];
        let fill = |scratch: &mut Vec<f64>, (e, row): (usize, &mut [u16])| {
            for (cell, &w) in row.iter_mut().zip(scorer.row_weights(e, scratch)) {
                // Scores are 0–10000 hundredths, sums of two at most 20000:
                // all below RULED_OUT.
                *cell = if w.is_finite() { w as u16 } else { RULED_OUT };
            }
        };
        if THREADS {
            held.par_chunks_mut(n)
                .enumerate()
                .for_each_init(Vec::new, fill);
        } else {
            let mut scratch = Vec::new();
            held.chunks_mut(n)
                .enumerate()
                .for_each(|row| fill(&mut scratch, row));
        }
        for top in (0..n).step_by(TILE) {
            for left in (top..n).step_by(TILE) {
                for i in top..(top + TILE).min(n) {
                    for j in left.max(i)..(left + TILE).min(n) {
                        let (a, b) = (held[i * n + j], held[j * n + i]);
                        let sum = match i == j || a == RULED_OUT || b == RULED_OUT {
                            true => RULED_OUT,
                            false => a + b,
                        };
                        (held[i * n + j], held[j * n + i]) = (sum, sum);
                    }
                }
            }
        }
        BothWays { scorer, held }
    }
}

impl WeightSource for BothWays<'_> {
    fn rows(&self) -> usize {
        self.scorer.mentees().people.len()
    }

    fn cols(&self) -> usize {
        self.rows()
    }

    fn weight(&self, i: usize, j: usize) -> f64 {
        if !self.held.is_empty() {
            let w = self.held[i * self.rows() + j];
            return if w == RULED_OUT {
                f64::NEG_INFINITY
            } else {
                f64::from(w)
            };
        }
        let (a, b) = (self.scorer.weight(i, j), self.scorer.weight(j, i));
        match (i != j, a, b) {
            (true, Some(a), Some(b)) => f64::from(a + b),
            _ => f64::NEG_INFINITY,
        }
    }

    fn row<'s>(&'s self, i: usize, scratch: &'s mut Vec<f64>) -> &'s [f64] {
        scratch.clear();
        let n = self.rows();
        match self.held.get(i * n..(i + 1) * n) {
            Some(row) if n > 0 => scratch.extend(row.iter().map(|&w| match w {
                RULED_OUT => f64::NEG_INFINITY,
                w => f64::from(w),
            })),
            _ => scratch.extend((0..n).map(|j| self.weight(i, j))),
        }
        scratch
    }
}

/// Pairs up everyone on a peer roster under `config` (see the module doc).
pub fn pair_people(people: &People, config: &Config) -> Result<PairsOutcome, Error> {
    config.validate()?;
    let goal = config.solver.objective;
    if !matches!(goal, Goal::Coverage | Goal::Total) {
        return Err(crate::config::ConfigError::new(
            "solver.objective",
            "buddy pairs are optimised for \"coverage\" or \"total\"",
        )
        .into());
    }
    let scorer = Scorer::new(&people.as_mentors, &people.as_mentees, config);
    let (weights, solved) = in_pool(config.threads(), || {
        let weights = BothWays::new(&scorer, config.solver.max_memory.0);
        let problem = PairProblem {
            weights: &weights,
            objective: goal.solver(),
        };
        let solved = solve_pairs(&problem);
        (weights, solved)
    })?;
    let solved = solved.map_err(|e| Error::Infeasible(e.to_string()))?;
    let person = |i: usize| &people.as_mentors.people[i];
    let score = |e: usize, m: usize| f64::from(scorer.score(e, m)) / 100.0;
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for (i, mate) in solved.mate.iter().enumerate() {
        match *mate {
            Some(j) if i < j => {
                let (a_learns, b_learns) = (score(i, j), score(j, i));
                pairs.push(BuddyPair {
                    a_id: person(i).id.clone(),
                    a_name: person(i).name.clone(),
                    b_id: person(j).id.clone(),
                    b_name: person(j).name.clone(),
                    score: ((a_learns + b_learns) * 50.0).round() / 100.0,
                    a_learns,
                    b_learns,
                    reason: format!(
                        "{} learns: {}; {} learns: {}",
                        person(i).id,
                        Explanation::new(&scorer, i, j).reason(),
                        person(j).id,
                        Explanation::new(&scorer, j, i).reason()
                    ),
                    a: i,
                    b: j,
                });
            }
            Some(_) => {}
            None => {
                let allowed = (0..solved.mate.len())
                    .filter(|&j| weights.weight(i, j).is_finite())
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
        people: solved.mate.len(),
        pairs: solved.pairs,
        unpaired: unpaired.len(),
        objective: goal,
        total_score: solved.total / 200.0,
        dual_bound: solved.dual_bound / 200.0,
        gap: (solved.dual_bound - solved.total) / 200.0,
    };
    Ok(PairsOutcome {
        pairs,
        unpaired,
        summary,
    })
}

/// The CSV header of [`write_pairs_csv`].
const PAIRS_HEADER: [&str; 8] = [
    "id",
    "name",
    "partner_id",
    "partner_name",
    "score",
    "learns",
    "partner_learns",
    "reason",
];

/// Writes one row per person, in roster order: their partner and the pair's
/// scores, or no partner and the reason.
pub fn write_pairs_csv<W: Write>(outcome: &PairsOutcome, writer: W) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    let into_io = |e: csv::Error| io::Error::other(e.to_string());
    csv.write_record(PAIRS_HEADER).map_err(into_io)?;
    let mut rows: Vec<Option<[String; 8]>> = vec![None; outcome.summary.people];
    let two = |v: f64| format!("{v:.2}");
    for p in &outcome.pairs {
        for (at, me, name, other, other_name, mine, theirs) in [
            (
                p.a, &p.a_id, &p.a_name, &p.b_id, &p.b_name, p.a_learns, p.b_learns,
            ),
            (
                p.b, &p.b_id, &p.b_name, &p.a_id, &p.a_name, p.b_learns, p.a_learns,
            ),
        ] {
            rows[at] = Some([
                crate::report::safe(me),
                crate::report::safe(name),
                crate::report::safe(other),
                crate::report::safe(other_name),
                two(p.score),
                two(mine),
                two(theirs),
                crate::report::safe(&p.reason),
            ]);
        }
    }
    for u in &outcome.unpaired {
        rows[u.at] = Some([
            crate::report::safe(&u.id),
            crate::report::safe(&u.name),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("{}: {}", u.reason.as_str(), u.detail),
        ]);
    }
    for record in rows.into_iter().flatten() {
        csv.write_record(&record).map_err(into_io)?;
    }
    csv.flush()
}
