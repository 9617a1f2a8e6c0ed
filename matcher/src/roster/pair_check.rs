//! The two rosters checked against each other.

use super::Roster;
use crate::diagnostic::{excerpt, Code, Diagnostic};
use std::collections::HashSet;

/// Checks the two rosters against each other: the files must not be swapped,
/// every `exclude` and `picks` id must exist on the other side, every `wants`
/// attribute must be a column there, and at least one pair must
/// be possible (some capacity, not every pair excluded). Returns the problems
/// sorted; a swap is reported alone, as it explains everything else.
pub fn check_pair(mentors: &Roster, mentees: &Roster) -> Vec<Diagnostic> {
    if mentees.capacity_column && !mentors.capacity_column {
        return vec![Diagnostic::at(
            &mentees.source,
            1,
            Some("capacity"),
            Code::SwappedFiles,
            format!(
                "the mentee file has a `capacity` column and the mentor file {} has none: the two files look swapped",
                mentors.source
            ),
        )
        .with_hint("give the mentor roster as the mentors and the mentee roster as the mentees; if mentees really want several mentors each, give the mentor file a `capacity` column too")];
    }
    let mut diagnostics = Vec::new();
    for (roster, other) in [(mentors, mentees), (mentees, mentors)] {
        for person in &roster.people {
            let lists = [
                (
                    &person.exclude,
                    "exclude",
                    Code::UnknownExcludeId,
                    "`exclude` lists ids from the other file",
                ),
                (
                    &person.picks,
                    "picks",
                    Code::UnknownPickId,
                    "`picks` lists ids from the other file, most wanted first",
                ),
            ];
            for (ids, column, code, hint) in lists {
                for id in ids.iter().filter(|id| other.position(id).is_none()) {
                    let message = format!(
                        "\"{}\" is not a {} id in {}",
                        excerpt(id),
                        other.side.as_str(),
                        other.source
                    );
                    diagnostics.push(
                        Diagnostic::at(&roster.source, person.row, Some(column), code, message)
                            .with_hint(hint),
                    );
                }
            }
            for want in &person.wants {
                if other.attribute(&want.attribute).is_none() {
                    diagnostics.push(unknown_want(roster, other, person.row, &want.attribute));
                }
            }
        }
    }
    if diagnostics.is_empty() {
        diagnostics.extend(check_possible(mentors, mentees));
    }
    crate::sorting::sort(&mut diagnostics);
    diagnostics
}

/// A wish on an attribute the other roster has no column for.
fn unknown_want(roster: &Roster, other: &Roster, row: usize, attribute: &str) -> Diagnostic {
    let columns = if other.attributes.is_empty() {
        "none".to_owned()
    } else {
        other.attributes.join(", ")
    };
    Diagnostic::at(
        &roster.source,
        row,
        Some("wants"),
        Code::UnknownWantAttribute,
        format!(
            "{} has no column \"{}\" to want a value of (its attribute columns: {columns})",
            other.source,
            excerpt(attribute)
        ),
    )
    .with_hint("a wish names an attribute column of the other file: `attribute=value`")
}

/// A problem when no pair can be made at all: every mentor has capacity 0, or
/// the `exclude` lists (of either file) rule out every pair.
fn check_possible(mentors: &Roster, mentees: &Roster) -> Option<Diagnostic> {
    let whole_column = |roster: &Roster, column: &str, code, message: String| Diagnostic {
        column: Some(column.to_owned()),
        ..Diagnostic::file(&roster.source, code, message)
    };
    if mentors.people.iter().all(|p| p.capacity == 0) {
        return Some(
            whole_column(
                mentors,
                "capacity",
                Code::ZeroCapacity,
                format!(
                    "every mentor has capacity 0, so none of the {} mentees can be matched",
                    mentees.people.len()
                ),
            )
            .with_hint("give at least one mentor a capacity of 1 or more"),
        );
    }
    if !all_pairs_excluded(mentors, mentees) {
        return None;
    }
    let entries = |r: &Roster| r.people.iter().map(|p| p.exclude.len()).sum::<usize>();
    let blamed = if entries(mentees) >= entries(mentors) {
        mentees
    } else {
        mentors
    };
    Some(
        whole_column(
            blamed,
            "exclude",
            Code::AllPairsExcluded,
            format!(
                "the `exclude` lists rule out every one of the {} × {} mentee–mentor pairs: nobody can be matched",
                mentees.people.len(),
                mentors.people.len()
            ),
        )
        .with_hint("check the `exclude` columns: they name the people never to pair with"),
    )
}

/// Whether every mentee is excluded from every mentor, in either direction.
fn all_pairs_excluded(mentors: &Roster, mentees: &Roster) -> bool {
    let (rows, cols) = (mentees.people.len(), mentors.people.len());
    let entries: usize = mentors
        .people
        .iter()
        .chain(&mentees.people)
        .map(|p| p.exclude.len())
        .sum();
    if rows == 0 || cols == 0 || (entries as u128) < (rows as u128) * (cols as u128) {
        return false;
    }
    let mut excluded: Vec<HashSet<usize>> = mentees
        .people
        .iter()
        .map(|p| {
            p.exclude
                .iter()
                .filter_map(|id| mentors.position(id))
                .collect()
        })
        .collect();
    for (m, mentor) in mentors.people.iter().enumerate() {
        for e in mentor.exclude.iter().filter_map(|id| mentees.position(id)) {
            excluded[e].insert(m);
        }
    }
    excluded.iter().all(|set| set.len() == cols)
}
