//! Rounds: pairs kept from an earlier round (`locked`) and pairs made in
//! earlier cycles that are never repeated (`history`).
//!
//! Both are CSV files with the columns `mentor_id,mentee_id` (header required,
//! other columns ignored, ids compared case-insensitively like the rosters).
//! A locked pair is kept as it is and uses one of its mentor's places; the rest
//! of the cohort is optimised around it. A mentee may be locked to as many
//! mentors as it wants (its capacity). A history pair is a forbidden cell.
//! Re-matching after a decline: lock the accepted pairs, add the declined ones
//! to the history, run again.

use crate::config::Config;
use crate::csv_file::{read_table, Table, TableRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::distinct::Groups;
use crate::error::Error;
use crate::roster::Roster;
use crate::score::Scorer;
use serde::Serialize;
use std::io::Read;
use std::sync::Arc;

/// One `mentor_id,mentee_id` row of a pair file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairRow {
    /// The mentor's id as written (trimmed).
    pub mentor_id: String,
    /// The mentee's id as written (trimmed).
    pub mentee_id: String,
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
}

/// The pairs of a file read so far, to find the problems of each new row's
/// ids: an empty id, or a pair already listed (ids compare case-insensitively).
#[derive(Default)]
pub(crate) struct SeenPairs {
    first_row: std::collections::HashMap<(String, String), usize>,
}

impl SeenPairs {
    /// The problems of the ids on `row`; `listed` says how an earlier row had
    /// the pair (`"already on"`, `"already scored on"`).
    pub(crate) fn check(
        &mut self,
        source: &str,
        row: usize,
        [mentor_id, mentee_id]: [&str; 2],
        listed: &str,
    ) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = [(mentor_id, "mentor_id"), (mentee_id, "mentee_id")]
            .into_iter()
            .filter(|(id, _)| id.is_empty())
            .map(|(_, column)| {
                Diagnostic::at(source, row, Some(column), Code::EmptyId, "the id is empty")
            })
            .collect();
        let key = (
            crate::list::normalize(mentor_id),
            crate::list::normalize(mentee_id),
        );
        match self.first_row.entry(key) {
            std::collections::hash_map::Entry::Occupied(first) => problems.push(
                Diagnostic::at(
                    source,
                    row,
                    Some("mentee_id"),
                    Code::DuplicatePair,
                    format!(
                        "the pair {mentor_id}, {mentee_id} is {listed} row {}",
                        first.get()
                    ),
                )
                .with_hint("list each pair once (ids compare case-insensitively)"),
            ),
            std::collections::hash_map::Entry::Vacant(first) => {
                first.insert(row);
            }
        }
        problems
    }
}

/// A locked or history file as read: its label and its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairFile {
    /// The label the file was read under, used in every message about it.
    pub source: String,
    /// The pairs, in file order.
    pub pairs: Vec<PairRow>,
}

/// The columns a pair file needs.
const COLUMNS: [&str; 2] = ["mentor_id", "mentee_id"];

impl PairFile {
    /// Parses a pair file; every problem is returned at once, sorted by row.
    ///
    /// ```
    /// use matcher::rounds::PairFile;
    /// let file = PairFile::from_csv_reader("Mentee_ID,mentor_id\ne1,m2\n".as_bytes(), "locked.csv").unwrap();
    /// assert_eq!((file.pairs[0].mentor_id.as_str(), file.pairs[0].row), ("m2", 2));
    /// ```
    pub fn from_csv_reader<R: Read>(reader: R, source: &str) -> Result<PairFile, Vec<Diagnostic>> {
        let hint = "a pair file needs the header `mentor_id,mentee_id`";
        let Table {
            rows,
            problems: mut diagnostics,
            locator,
            ..
        } = read_table(reader, source, hint, &COLUMNS, COLUMNS.len())?;
        let mut pairs = Vec::with_capacity(rows.len());
        for TableRow { row, cells } in rows {
            let [mentor_id, mentee_id]: [String; 2] = cells.try_into().expect("two columns");
            for (id, column) in [&mentor_id, &mentee_id].into_iter().zip(COLUMNS) {
                if id.is_empty() {
                    diagnostics.push(Diagnostic::at(
                        source,
                        row,
                        Some(column),
                        Code::EmptyId,
                        "the id is empty",
                    ));
                }
            }
            pairs.push(PairRow {
                mentor_id,
                mentee_id,
                row,
            });
        }
        if diagnostics.is_empty() {
            Ok(PairFile {
                source: source.to_owned(),
                pairs,
            })
        } else {
            locator.locate(&mut diagnostics);
            crate::sorting::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// Decisions from earlier rounds; the default has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rounds {
    /// Pairs kept as they are, each using one of its mentor's places.
    pub locked: Option<PairFile>,
    /// Pairs from earlier cycles, never made again.
    pub history: Option<PairFile>,
}

/// [`Rounds`] resolved against the rosters: positions instead of ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Per mentee, the mentors it is locked to, ascending.
    locked: Vec<Vec<usize>>,
    /// Per mentee, the sorted mentors it was paired with before.
    history: Vec<Vec<usize>>,
    /// Per mentor, the places left after the locks.
    spare: Vec<u32>,
    /// Per mentee, how many mentors it wants (its capacity).
    wants: Vec<u32>,
    /// The mentors' `distinct` groups, which a mentee's locks respect.
    groups: Arc<Groups>,
}

impl Resolved {
    /// No locks, no history; locks added later respect `groups`.
    fn none(scorer: &Scorer, groups: Groups) -> Resolved {
        let mentees = &scorer.mentees().people;
        Resolved {
            locked: vec![Vec::new(); mentees.len()],
            history: vec![Vec::new(); mentees.len()],
            spare: scorer.mentors().people.iter().map(|p| p.capacity).collect(),
            wants: mentees.iter().map(|p| p.capacity).collect(),
            groups: Arc::new(groups),
        }
    }

    /// The mentors mentee `e` is locked to, ascending (at most one in a
    /// program where mentees want one mentor).
    pub(crate) fn locked(&self, e: usize) -> &[usize] {
        &self.locked[e]
    }

    /// Whether mentee `e` has a locked mentor.
    pub(crate) fn is_locked(&self, e: usize) -> bool {
        !self.locked[e].is_empty()
    }

    /// The sum of the locked pairs' scores, in hundredths.
    pub(crate) fn locked_total(&self, scorer: &Scorer) -> u64 {
        let pairs = self.locked.iter().enumerate();
        pairs
            .flat_map(|(e, mentors)| mentors.iter().map(move |&m| (e, m)))
            .map(|(e, m)| u64::from(scorer.score(e, m)))
            .sum()
    }

    /// Whether mentee `e` and mentor `m` were paired in an earlier cycle.
    pub(crate) fn repeats(&self, e: usize, m: usize) -> bool {
        self.history[e].binary_search(&m).is_ok()
    }

    /// The mentors mentee `e` was paired with in earlier cycles, sorted.
    pub(crate) fn history(&self, e: usize) -> &[usize] {
        &self.history[e]
    }

    /// Per mentor, the places left after the locks.
    pub(crate) fn spare(&self) -> &[u32] {
        &self.spare
    }

    /// A mentor mentee `e` is locked to that shares a `distinct` group with
    /// mentor `m`, and the attribute they share.
    pub(crate) fn clash(&self, e: usize, m: usize) -> Option<(usize, &str)> {
        self.locked[e]
            .iter()
            .find_map(|&l| self.groups.shared(l, m).map(|name| (l, name)))
    }

    /// The first `distinct` attribute under which mentors `m` and `n` share a group.
    pub(crate) fn shared_group(&self, m: usize, n: usize) -> Option<&str> {
        self.groups.shared(m, n)
    }

    /// These rounds with the pair `e`–`m` ruled out too, as if made before.
    pub(crate) fn without(&self, e: usize, m: usize) -> Resolved {
        let mut fewer = self.clone();
        let history = &mut fewer.history[e];
        if let Err(at) = history.binary_search(&m) {
            history.insert(at, m);
        }
        fewer
    }

    /// These rounds plus the lock `e`–`m`; `None` when `m` has no place
    /// left, `e` has all the locks it wants, or the lock clashes with one of
    /// `e`'s under `distinct` (or is one of them).
    pub(crate) fn with_lock(&self, e: usize, m: usize) -> Option<Resolved> {
        let full = self.locked[e].len() >= self.wants[e] as usize;
        if full || self.spare[m] == 0 || self.clash(e, m).is_some() {
            return None;
        }
        let mut more = self.clone();
        more.lock(e, m);
        Some(more)
    }

    /// Adds the lock `e`–`m` (checked by the caller).
    fn lock(&mut self, e: usize, m: usize) {
        self.spare[m] -= 1;
        let locks = &mut self.locked[e];
        let at = locks.binary_search(&m).unwrap_or_else(|at| at);
        locks.insert(at, m);
    }
}

impl Rounds {
    /// Resolves the ids against the scorer's rosters and checks every lock:
    /// known ids, each pair once, no more locks per mentee than it wants,
    /// within its mentor's capacity, allowed by every hard rule, not in the
    /// history, and (under `constraints.distinct`) no two locked mentors of
    /// a mentee in one group. All problems are returned at once.
    pub(crate) fn resolve(&self, scorer: &Scorer, config: &Config) -> Result<Resolved, Error> {
        let groups = Groups::new(scorer.mentors(), &config.constraints.distinct)?;
        let mut resolved = Resolved::none(scorer, groups);
        let mut problems = Vec::new();
        let history = self.history.as_ref().map_or(&[][..], |f| &f.pairs);
        for pair in history {
            let file = self.history.as_ref().map_or("", |f| f.source.as_str());
            if let Some((e, m)) = positions(
                scorer.mentors(),
                scorer.mentees(),
                file,
                pair,
                &mut problems,
            ) {
                resolved.history[e].push(m);
            }
        }
        for list in &mut resolved.history {
            list.sort_unstable();
            list.dedup();
        }
        if let Some(locked) = &self.locked {
            self.lock_all(scorer, locked, &mut resolved, &mut problems);
        }
        if problems.is_empty() {
            Ok(resolved)
        } else {
            crate::sorting::sort(&mut problems);
            Err(Error::Roster(problems))
        }
    }

    /// Checks the rows of the locked file in order and adds the good ones
    /// to `resolved`; a problem for each bad one.
    fn lock_all(
        &self,
        scorer: &Scorer,
        locked: &PairFile,
        resolved: &mut Resolved,
        problems: &mut Vec<Diagnostic>,
    ) {
        let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
        // Per mentee, the (mentor, row) of each of its locks counted so far,
        // and the rows beyond what it wants.
        let mut rows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); mentees.people.len()];
        let mut beyond: Vec<Vec<&PairRow>> = vec![Vec::new(); mentees.people.len()];
        for pair in &locked.pairs {
            let Some((e, m)) = positions(mentors, mentees, &locked.source, pair, problems) else {
                continue;
            };
            let at = |code, message: String| {
                Diagnostic::at(&locked.source, pair.row, None, code, message)
            };
            let wants = mentees.people[e].capacity;
            let first = rows[e].first().map(|&(_, row)| row);
            let twice = rows[e].iter().find(|&&(l, _)| l == m).map(|&(_, row)| row);
            let problem = match (first, twice) {
                (Some(first), _) if wants == 1 => Some(at(
                    Code::DuplicateLock,
                    format!(
                        "mentee \"{}\" is already locked on row {first}",
                        pair.mentee_id
                    ),
                )),
                (_, Some(row)) => Some(at(
                    Code::DuplicateLock,
                    format!(
                        "mentee \"{}\" is already locked to \"{}\" on row {row}",
                        pair.mentee_id, pair.mentor_id
                    ),
                )),
                _ if rows[e].len() >= wants as usize => {
                    beyond[e].push(pair);
                    continue;
                }
                _ => {
                    rows[e].push((m, pair.row));
                    self.lock_problem(scorer, resolved, (e, m), &rows[e], pair)
                        .map(|(code, message)| at(code, message))
                }
            };
            match problem {
                Some(problem) => problems.push(problem),
                None => resolved.lock(e, m),
            }
        }
        for (e, extra) in beyond.iter().enumerate() {
            let Some(first) = extra.first() else {
                continue;
            };
            let all: Vec<String> = (rows[e].iter().map(|&(_, row)| row))
                .chain(extra.iter().map(|p| p.row))
                .map(|row| row.to_string())
                .collect();
            let (last, rest) = all.split_last().expect("more rows than wanted");
            problems.push(Diagnostic::at(
                &locked.source,
                first.row,
                None,
                Code::LockOverCapacity,
                format!(
                    "mentee \"{}\" wants {} mentors and is locked to {} (rows {} and {last})",
                    first.mentee_id,
                    mentees.people[e].capacity,
                    all.len(),
                    rest.join(", ")
                ),
            ));
        }
    }

    /// Why the lock `e`–`m` on `pair` cannot be kept, if it cannot: a hard
    /// rule, a `distinct` group shared with an earlier lock of `e` (whose
    /// rows are `rows`), or no place left with the mentor.
    fn lock_problem(
        &self,
        scorer: &Scorer,
        resolved: &Resolved,
        (e, m): (usize, usize),
        rows: &[(usize, usize)],
        pair: &PairRow,
    ) -> Option<(Code, String)> {
        let mentors = scorer.mentors();
        if let Some(why) = self.lock_forbidden(scorer, resolved, e, m) {
            return Some((
                Code::LockForbidden,
                format!("the pair may never be made: {why}"),
            ));
        }
        if let Some((other, name)) = resolved.clash(e, m) {
            let row = rows.iter().find(|&&(l, _)| l == other).map_or(0, |r| r.1);
            let value = mentors
                .attribute(name)
                .and_then(|column| mentors.people[m].attributes[column].as_deref())
                .unwrap_or_default();
            return Some((
                Code::LockForbidden,
                format!(
                    "mentee \"{}\" is also locked to \"{}\" (row {row}) of the same {name} (\"{value}\"): constraints.distinct allows one mentor per {name}",
                    pair.mentee_id, mentors.people[other].id
                ),
            ));
        }
        (resolved.spare[m] == 0).then(|| {
            (
                Code::LockOverCapacity,
                format!(
                    "mentor \"{}\" has capacity {} and no place left for this lock",
                    pair.mentor_id, mentors.people[m].capacity
                ),
            )
        })
    }

    /// Why locking `e`–`m` breaks a hard rule, if it does.
    fn lock_forbidden(
        &self,
        scorer: &Scorer,
        resolved: &Resolved,
        e: usize,
        m: usize,
    ) -> Option<String> {
        if let Some(rule) = scorer.rule_forbids(e, m) {
            return Some(rule.to_string());
        }
        if scorer.below_min(scorer.score(e, m)) {
            return Some(format!(
                "its score {:.2} is below min_score",
                f64::from(scorer.score(e, m)) / 100.0
            ));
        }
        let history = self.history.as_ref()?;
        resolved
            .repeats(e, m)
            .then(|| format!("it is in {} (made in an earlier cycle)", history.source))
    }
}

/// The positions of a pair's mentee and mentor, or `None` with a problem
/// recorded for each unknown id.
pub(crate) fn positions(
    mentors: &Roster,
    mentees: &Roster,
    file: &str,
    pair: &PairRow,
    problems: &mut Vec<Diagnostic>,
) -> Option<(usize, usize)> {
    let mut find = |roster: &Roster, id: &str, column: &str| {
        let side = roster.side.as_str();
        find_id(roster, side, file, pair.row, column, id, problems)
    };
    let m = find(mentors, &pair.mentor_id, "mentor_id");
    let e = find(mentees, &pair.mentee_id, "mentee_id");
    e.zip(m)
}

/// The position of `id` in `roster`, or `None` with an unknown-id problem
/// located at `file`, `row`, `column`; `kind` names what the id should be
/// (`"mentor"`, `"person"`, …).
pub(crate) fn find_id(
    roster: &Roster,
    kind: &str,
    file: &str,
    row: usize,
    column: &str,
    id: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let found = roster.position(id);
    if found.is_none() {
        problems.push(
            Diagnostic::at(
                file,
                row,
                Some(column),
                Code::UnknownPairId,
                format!("\"{id}\" is not a {kind} id in {}", roster.source),
            )
            .with_hint("ids must match the rosters (case-insensitively)"),
        );
    }
    found
}
