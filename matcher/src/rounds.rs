//! Rounds: pairs kept from an earlier round (`locked`) and pairs made in
//! earlier cycles that are never repeated (`history`).
//!
//! Both are CSV files with the columns `mentor_id,mentee_id` (header required,
//! other columns ignored, ids compared case-insensitively like the rosters).
//! A locked pair is kept as it is and uses one of its mentor's places; the rest
//! of the cohort is optimised around it. A history pair is a forbidden cell.
//! Re-matching after a decline: lock the accepted pairs, add the declined ones
//! to the history, run again.

use crate::csv_file::{read_table, Table, TableRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::roster::Roster;
use crate::score::Scorer;
use serde::Serialize;
use std::io::Read;

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
    /// Per mentee, the mentor it is locked to.
    locked: Vec<Option<usize>>,
    /// Per mentee, the sorted mentors it was paired with before.
    history: Vec<Vec<usize>>,
    /// Per mentor, the places left after the locks.
    spare: Vec<u32>,
}

impl Resolved {
    /// No locks, no history.
    pub(crate) fn none(scorer: &Scorer) -> Resolved {
        Resolved {
            locked: vec![None; scorer.mentees().people.len()],
            history: vec![Vec::new(); scorer.mentees().people.len()],
            spare: scorer.mentors().people.iter().map(|p| p.capacity).collect(),
        }
    }

    /// The mentor mentee `e` is locked to.
    pub(crate) fn locked(&self, e: usize) -> Option<usize> {
        self.locked[e]
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

    /// These rounds with the pair `e`–`m` ruled out too, as if made before.
    pub(crate) fn without(&self, e: usize, m: usize) -> Resolved {
        let mut fewer = self.clone();
        let history = &mut fewer.history[e];
        if let Err(at) = history.binary_search(&m) {
            history.insert(at, m);
        }
        fewer
    }

    /// These rounds plus the lock `e`–`m`; `None` when `m` has no place left.
    pub(crate) fn with_lock(&self, e: usize, m: usize) -> Option<Resolved> {
        let mut more = self.clone();
        more.spare[m] = more.spare[m].checked_sub(1)?;
        more.locked[e] = Some(m);
        Some(more)
    }
}

impl Rounds {
    /// Resolves the ids against the scorer's rosters and checks every lock:
    /// known ids, one lock per mentee, within capacity, allowed by every hard
    /// rule and not in the history. All problems are returned at once.
    pub(crate) fn resolve(&self, scorer: &Scorer) -> Result<Resolved, Error> {
        let mut resolved = Resolved::none(scorer);
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
            let mut rows: Vec<Option<usize>> = vec![None; scorer.mentees().people.len()];
            for pair in &locked.pairs {
                let Some((e, m)) = positions(
                    scorer.mentors(),
                    scorer.mentees(),
                    &locked.source,
                    pair,
                    &mut problems,
                ) else {
                    continue;
                };
                let at = |code, message: String| {
                    Diagnostic::at(&locked.source, pair.row, None, code, message)
                };
                if let Some(first) = rows[e] {
                    problems.push(at(
                        Code::DuplicateLock,
                        format!(
                            "mentee \"{}\" is already locked on row {first}",
                            pair.mentee_id
                        ),
                    ));
                    continue;
                }
                rows[e] = Some(pair.row);
                if let Some(why) = self.lock_forbidden(scorer, &resolved, e, m) {
                    problems.push(at(
                        Code::LockForbidden,
                        format!("the pair may never be made: {why}"),
                    ));
                    continue;
                }
                let Some(spare) = resolved.spare[m].checked_sub(1) else {
                    problems.push(at(
                        Code::LockOverCapacity,
                        format!(
                            "mentor \"{}\" has capacity {} and no place left for this lock",
                            pair.mentor_id,
                            scorer.mentors().people[m].capacity
                        ),
                    ));
                    continue;
                };
                resolved.spare[m] = spare;
                resolved.locked[e] = Some(m);
            }
        }
        if problems.is_empty() {
            Ok(resolved)
        } else {
            crate::sorting::sort(&mut problems);
            Err(Error::Roster(problems))
        }
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
