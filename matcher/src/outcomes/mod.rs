//! How pairs went: an outcomes file, CSV or a workbook sheet read like a
//! roster, with the columns `mentor_id` and `mentee_id` and any of
//!
//! - `rating`: the pair's rating, a number from 1 to 5;
//! - `goals_attained`: the share of the mentee's goals reached, `0`–`1`,
//!   `0 %`–`100 %`, or `yes`/`no`;
//! - `ended_early`: whether the pair stopped before the programme's end, `yes`/`no`;
//! - `meetings`: how many times they met, a whole number;
//! - `comment`: free text, kept with the pair and not analysed.
//!
//! Headers are found by name in any case; an empty cell is a question the
//! pair did not answer. Other columns are not read, and are listed in the
//! evaluation so that a misspelled header is seen.
//!
//! ```
//! use matcher::outcomes::{Measure, Outcomes};
//! let file = "mentor_id,mentee_id,Rating,ended_early\nm1,e1,4,no\nm2,e2,,yes\n";
//! let outcomes = Outcomes::from_reader(file.as_bytes(), "outcomes.csv").unwrap();
//! assert_eq!(outcomes.measures, [Measure::Rating, Measure::EndedEarly]);
//! assert_eq!(outcomes.rows[0].values.get(Measure::Rating), Some(4.0));
//! assert_eq!(outcomes.rows[1].values.get(Measure::Rating), None);
//! assert_eq!(outcomes.rows[1].values.get(Measure::EndedEarly), Some(1.0));
//! ```

mod cells;

use crate::csv_file::{read_sheet_table, read_table, Table, TableRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::list;
use crate::rounds::{PairRow, SeenPairs};
use crate::workbook::SheetRead;
use serde::Serialize;
use std::io::Read;

/// One outcome an outcomes file may measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The pair's rating, 1–5.
    Rating,
    /// The share of the mentee's goals reached, 0–1.
    GoalsAttained,
    /// 1 when the pair ended early, 0 when it did not.
    EndedEarly,
    /// Meetings held.
    Meetings,
}

impl Measure {
    /// Every measure, in column order.
    pub const ALL: [Measure; 4] = [
        Measure::Rating,
        Measure::GoalsAttained,
        Measure::EndedEarly,
        Measure::Meetings,
    ];

    /// The measure's column name: `rating`, `goals_attained`, `ended_early` or `meetings`.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Rating => "rating",
            Measure::GoalsAttained => "goals_attained",
            Measure::EndedEarly => "ended_early",
            Measure::Meetings => "meetings",
        }
    }

    /// The measure named `name` (trimmed, in any case).
    pub fn parse(name: &str) -> Option<Measure> {
        let name = list::normalize(name);
        Measure::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// Whether a higher value is a better outcome: true for all but `ended_early`.
    pub fn higher_is_better(self) -> bool {
        self != Measure::EndedEarly
    }

    /// What a value means, for a report's reader.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Rating => "rating from 1 to 5",
            Measure::GoalsAttained => "share of goals reached, 0 to 1",
            Measure::EndedEarly => "share of pairs that ended early, 0 to 1",
            Measure::Meetings => "meetings held",
        }
    }
}

/// One pair's answers, as numbers; `None` where the cell is empty or the
/// file has no such column.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Values {
    /// The rating, 1–5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<f64>,
    /// The share of goals reached, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals_attained: Option<f64>,
    /// 1 when the pair ended early, 0 when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_early: Option<f64>,
    /// Meetings held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meetings: Option<f64>,
}

impl Values {
    /// The value of one measure.
    pub fn get(&self, measure: Measure) -> Option<f64> {
        let mut values = *self;
        *values.slot(measure)
    }

    fn slot(&mut self, measure: Measure) -> &mut Option<f64> {
        match measure {
            Measure::Rating => &mut self.rating,
            Measure::GoalsAttained => &mut self.goals_attained,
            Measure::EndedEarly => &mut self.ended_early,
            Measure::Meetings => &mut self.meetings,
        }
    }
}

/// One row of an outcomes file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeRow {
    /// The pair, with its row.
    pub pair: PairRow,
    /// Its answers.
    pub values: Values,
    /// The free-text comment, `""` when none.
    pub comment: String,
}

/// An outcomes file as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcomes {
    /// The label the file was read under, used in every message about it.
    pub source: String,
    /// The outcome columns the file has, in [`Measure::ALL`] order.
    pub measures: Vec<Measure>,
    /// The rows, in file order.
    pub rows: Vec<OutcomeRow>,
    /// Header names that are not read (neither an id, an outcome nor `comment`).
    pub ignored_columns: Vec<String>,
}

/// What an outcomes file needs, for problems with its header.
const HINT: &str = "an outcomes file needs the columns `mentor_id,mentee_id` and at least one of \
                    `rating`, `goals_attained`, `ended_early`, `meetings`";

/// The columns read: the two ids, the measures, then the comment.
const COLUMNS: [&str; 7] = [
    "mentor_id",
    "mentee_id",
    "rating",
    "goals_attained",
    "ended_early",
    "meetings",
    "comment",
];

impl Outcomes {
    /// Parses an outcomes file (CSV in any encoding and separator, or the
    /// first sheet of a workbook). Every problem (a missing id column, no
    /// outcome column, an empty id, a pair listed twice, a cell that is not
    /// what its column needs) is returned at once, sorted by row. Ids are not
    /// checked against rosters here: an evaluation reports the pairs they
    /// do not know.
    pub fn from_reader<R: Read>(reader: R, source: &str) -> Result<Outcomes, Vec<Diagnostic>> {
        Self::from_table(read_table(reader, source, HINT, &COLUMNS, 2)?, source)
    }

    /// Parses an outcomes file from a workbook's sheet already read (as
    /// [`crate::Roster::from_sheet_read`] does a roster: what the WebAssembly
    /// package's workbook module hands over), under the label it was read
    /// with; see [`Outcomes::from_reader`].
    pub fn from_sheet_read(read: SheetRead) -> Result<Outcomes, Vec<Diagnostic>> {
        let (source, table) = read_sheet_table(read, HINT, &COLUMNS, 2)?;
        Self::from_table(table, &source)
    }

    /// The outcomes of a table as read (see [`Outcomes::from_reader`]).
    fn from_table(table: Table, source: &str) -> Result<Outcomes, Vec<Diagnostic>> {
        let hint = HINT;
        let Table {
            rows,
            mut problems,
            header_row,
            found,
            ignored,
            locator,
        } = table;
        let measures: Vec<Measure> = Measure::ALL
            .into_iter()
            .zip(&found[2..])
            .filter_map(|(m, &found)| found.then_some(m))
            .collect();
        if measures.is_empty() {
            let message = match ignored.as_slice() {
                [] => "the header has no outcome column".to_owned(),
                names => format!(
                    "the header has no outcome column (not read: {})",
                    names.join(", ")
                ),
            };
            let mut problem =
                vec![
                    Diagnostic::at(source, header_row, None, Code::NoOutcomeColumn, message)
                        .with_hint(hint),
                ];
            locator.locate(&mut problem);
            return Err(problem);
        }
        let mut seen = SeenPairs::default();
        let mut read = Vec::with_capacity(rows.len());
        for TableRow { row, cells } in rows {
            let [mentor_id, mentee_id, rating, goals, ended, meetings, comment]: [String; 7] =
                cells.try_into().expect("seven columns");
            let at = |column: &str, code, message: String| {
                Diagnostic::at(source, row, Some(column), code, message)
            };
            problems.extend(seen.check(source, row, [&mentor_id, &mentee_id], "already on"));
            let mut values = Values::default();
            for (measure, cell) in Measure::ALL
                .into_iter()
                .zip([rating, goals, ended, meetings])
            {
                match cells::parse(measure, &cell) {
                    Ok(value) => *values.slot(measure) = value,
                    Err((message, hint)) => problems
                        .push(at(measure.as_str(), Code::BadOutcome, message).with_hint(hint)),
                }
            }
            read.push(OutcomeRow {
                pair: PairRow {
                    mentor_id,
                    mentee_id,
                    row,
                },
                values,
                comment,
            });
        }
        if problems.is_empty() {
            Ok(Outcomes {
                source: source.to_owned(),
                measures,
                rows: read,
                ignored_columns: ignored,
            })
        } else {
            locator.locate(&mut problems);
            crate::sorting::sort(&mut problems);
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests;
