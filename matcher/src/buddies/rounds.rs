//! Rounds for buddy pairs: pairs kept from an earlier round (`locked`) and
//! pairs made in earlier cycles, never made again (`history`).
//!
//! The files are the one-mentor program's ([`PairFile`], header
//! `mentor_id,mentee_id`); for buddy pairs the two columns are simply the
//! pair's two people, in either order. A locked pair is kept as it is and
//! everyone else is paired around it; a history pair is never made again,
//! whichever way round it is written.

use super::weights::both_ways;
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::rounds::{find_id, PairFile, PairRow, Rounds};
use crate::score::Scorer;

/// [`Rounds`] resolved against a peer roster: positions instead of ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PairRounds {
    /// Per person, the partner they are locked with.
    partner: Vec<Option<usize>>,
    /// Per person, the sorted people they were paired with before.
    history: Vec<Vec<usize>>,
    /// The locked people, sorted.
    locked: Vec<usize>,
    /// The history file's label, for messages.
    history_source: Option<String>,
}

impl PairRounds {
    /// No locks, no history, for `n` people.
    fn none(n: usize) -> PairRounds {
        PairRounds {
            partner: vec![None; n],
            history: vec![Vec::new(); n],
            locked: Vec::new(),
            history_source: None,
        }
    }

    /// The partner person `i` is locked with.
    pub(crate) fn locked(&self, i: usize) -> Option<usize> {
        self.partner[i]
    }

    /// Whether `i` and `j` were paired in an earlier cycle.
    pub(crate) fn repeats(&self, i: usize, j: usize) -> bool {
        self.history[i].binary_search(&j).is_ok()
    }

    /// Whether the solver may pair `i` with `j`: neither is locked and they
    /// were not paired before.
    pub(crate) fn allows(&self, i: usize, j: usize) -> bool {
        self.partner[i].is_none() && self.partner[j].is_none() && !self.repeats(i, j)
    }

    /// Sets the weights in `row` (person `i`'s) that [`Self::allows`] rules out to `-inf`.
    pub(crate) fn rule_out(&self, i: usize, row: &mut [f64]) {
        if self.partner[i].is_some() {
            row.fill(f64::NEG_INFINITY);
            return;
        }
        for &j in self.locked.iter().chain(&self.history[i]) {
            row[j] = f64::NEG_INFINITY;
        }
    }

    /// The locked pairs, the earlier person first, in roster order.
    pub(crate) fn locks(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.partner
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.filter(|&j| i < j).map(|j| (i, j)))
    }

    /// These rounds plus the lock `i`–`j`; `None` when either is locked already.
    pub(crate) fn with_lock(&self, i: usize, j: usize) -> Option<PairRounds> {
        if self.partner[i].is_some() || self.partner[j].is_some() || i == j {
            return None;
        }
        let mut more = self.clone();
        more.lock(i, j);
        Some(more)
    }

    fn lock(&mut self, i: usize, j: usize) {
        (self.partner[i], self.partner[j]) = (Some(j), Some(i));
        for p in [i, j] {
            if let Err(at) = self.locked.binary_search(&p) {
                self.locked.insert(at, p);
            }
        }
    }

    /// Why the pair `a`–`b` may never be made, if it may not: a rule either way
    /// (each person is scored as the other's mentee), `min_score` either way,
    /// or the history.
    pub(crate) fn forbidden(&self, scorer: &Scorer, a: usize, b: usize) -> Option<String> {
        if a == b {
            return Some("a person cannot be paired with themselves".to_owned());
        }
        if both_ways(scorer, a, b).is_none() {
            let id = |p: usize| &scorer.mentees().people[p].id;
            return [(a, b), (b, a)]
                .into_iter()
                .find_map(|(e, m)| {
                    let learning = format!("{} learning from {}", id(e), id(m));
                    if let Some(rule) = scorer.rule_forbids(e, m) {
                        return Some(format!("{learning}: {rule}"));
                    }
                    let score = scorer.score(e, m);
                    scorer.below_min(score).then(|| {
                        let score = f64::from(score) / 100.0;
                        format!("{learning} scores {score:.2}, below min_score")
                    })
                })
                .or_else(|| Some("it is ruled out".to_owned()));
        }
        let history = self.history_source.as_ref()?;
        self.repeats(a, b)
            .then(|| format!("it is in {history} (made in an earlier cycle)"))
    }

    /// Resolves the ids of `rounds` against the scorer's people (a peer
    /// roster read both ways) and checks every lock: known ids, two
    /// different people, each person locked once, allowed by every hard rule
    /// both ways (exclusions, attribute rules, `min_score`) and not in the
    /// history. All problems are returned at once, located.
    pub(crate) fn resolve(rounds: &Rounds, scorer: &Scorer) -> Result<PairRounds, Error> {
        let n = scorer.mentees().people.len();
        let mut resolved = PairRounds::none(n);
        let mut problems = Vec::new();
        if let Some(history) = &rounds.history {
            resolved.history_source = Some(history.source.clone());
            for pair in &history.pairs {
                if let Some((a, b)) = people(scorer, history, pair, &mut problems) {
                    if a != b {
                        resolved.history[a].push(b);
                        resolved.history[b].push(a);
                    }
                }
            }
            for list in &mut resolved.history {
                list.sort_unstable();
                list.dedup();
            }
        }
        if let Some(locked) = &rounds.locked {
            let mut row_of: Vec<Option<usize>> = vec![None; n];
            for pair in &locked.pairs {
                let Some((a, b)) = people(scorer, locked, pair, &mut problems) else {
                    continue;
                };
                let at = |column: Option<&str>, code, message: String| {
                    Diagnostic::at(&locked.source, pair.row, column, code, message)
                };
                if a == b {
                    problems.push(
                        at(
                            Some("mentee_id"),
                            Code::LockForbidden,
                            format!("\"{}\" is locked with themselves", pair.mentee_id),
                        )
                        .with_hint("a pair is two different people"),
                    );
                    continue;
                }
                let ends = [
                    (a, &pair.mentor_id, "mentor_id"),
                    (b, &pair.mentee_id, "mentee_id"),
                ];
                let twice: Vec<Diagnostic> = ends
                    .into_iter()
                    .filter_map(|(p, id, column)| {
                        let first = row_of[p]?;
                        Some(at(
                            Some(column),
                            Code::DuplicateLock,
                            format!("\"{id}\" is already locked on row {first}"),
                        ))
                    })
                    .collect();
                if !twice.is_empty() {
                    problems.extend(twice);
                    continue;
                }
                (row_of[a], row_of[b]) = (Some(pair.row), Some(pair.row));
                match resolved.forbidden(scorer, a, b) {
                    Some(why) => problems.push(at(
                        None,
                        Code::LockForbidden,
                        format!("the pair may never be made: {why}"),
                    )),
                    None => resolved.lock(a, b),
                }
            }
        }
        if problems.is_empty() {
            Ok(resolved)
        } else {
            crate::sorting::sort(&mut problems);
            Err(Error::Roster(problems))
        }
    }
}

/// The positions of a pair file row's two people, or `None` with a problem
/// recorded for each unknown id.
fn people(
    scorer: &Scorer,
    file: &PairFile,
    pair: &PairRow,
    problems: &mut Vec<Diagnostic>,
) -> Option<(usize, usize)> {
    let roster = scorer.mentors();
    let mut find = |column: &str, id: &str| {
        find_id(
            roster,
            "person",
            &file.source,
            pair.row,
            column,
            id,
            problems,
        )
    };
    let a = find("mentor_id", &pair.mentor_id);
    let b = find("mentee_id", &pair.mentee_id);
    a.zip(b)
}
