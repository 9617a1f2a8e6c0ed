//! Your own pair scores: a CSV file with the columns `mentor_id`, `mentee_id`
//! and `score` (0–100: ratings, or an embedding model's similarity) scored as
//! one more weighted criterion, `pair_score` (`[weights] pair_score`). A pair
//! the file leaves out has no pair score: the criterion is not applicable to
//! it, as an empty list is for the others.
//!
//! ```
//! use matcher::pair_scores::PairScores;
//! let file = "mentor_id,mentee_id,score\nm1,e1,87\nm2,e1,12.5\n";
//! let scores = PairScores::from_csv_reader(file.as_bytes(), "scores.csv").unwrap();
//! assert_eq!(scores.pairs[1].score, 12.5);
//! ```

use crate::csv_file::{read_table, Table, TableRow};
use crate::diagnostic::{excerpt, Code, Diagnostic};
use crate::roster::Roster;
use crate::rounds::{positions, PairRow, SeenPairs};
use std::io::Read;

/// One row of a pair-scores file.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// The pair, with its row.
    pub pair: PairRow,
    /// The score, 0–100.
    pub score: f64,
}

/// A pair-scores file as read: its label and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScores {
    /// The label the file was read under, used in every message and explanation.
    pub source: String,
    /// The pairs, in file order.
    pub pairs: Vec<PairScore>,
}

/// The columns a pair-scores file needs.
const COLUMNS: [&str; 3] = ["mentor_id", "mentee_id", "score"];

/// Per mentee, the mentors it has a pair score with, sorted by mentor, with
/// the score as a fraction (0–1).
pub(crate) type ByMentee = Vec<Vec<(u32, f64)>>;

impl PairScores {
    /// Parses a pair-scores file; every problem (an empty id, a score that is
    /// no number from 0 to 100, a pair listed twice) is returned at once,
    /// sorted by row.
    pub fn from_csv_reader<R: Read>(
        reader: R,
        source: &str,
    ) -> Result<PairScores, Vec<Diagnostic>> {
        let hint = "a pair-scores file needs the header `mentor_id,mentee_id,score`";
        let Table {
            rows,
            problems: mut diagnostics,
            locator,
            ..
        } = read_table(reader, source, hint, &COLUMNS, COLUMNS.len())?;
        let mut pairs = Vec::with_capacity(rows.len());
        let mut seen = SeenPairs::default();
        for TableRow { row, cells } in rows {
            let [mentor_id, mentee_id, score]: [String; 3] =
                cells.try_into().expect("three columns");
            let at = |column, code, message: String| {
                Diagnostic::at(source, row, Some(column), code, message)
            };
            diagnostics.extend(seen.check(
                source,
                row,
                [&mentor_id, &mentee_id],
                "already scored on",
            ));
            match parse_score(&score) {
                Ok(score) => pairs.push(PairScore {
                    pair: PairRow {
                        mentor_id,
                        mentee_id,
                        row,
                    },
                    score,
                }),
                Err(message) => diagnostics.push(
                    at("score", Code::BadNumber, message)
                        .with_hint("write the score as a number from 0 to 100, e.g. 87 or 62.5"),
                ),
            }
        }
        if diagnostics.is_empty() {
            Ok(PairScores {
                source: source.to_owned(),
                pairs,
            })
        } else {
            locator.locate(&mut diagnostics);
            crate::sorting::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }

    /// The problems of ids the rosters do not have, one per unknown id.
    pub(crate) fn check_ids(&self, mentors: &Roster, mentees: &Roster) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for PairScore { pair, .. } in &self.pairs {
            positions(mentors, mentees, &self.source, pair, &mut problems);
        }
        problems
    }

    /// The scores by mentee position (pairs with unknown ids left out: see
    /// [`PairScores::check_ids`]).
    pub(crate) fn by_mentee(&self, mentors: &Roster, mentees: &Roster) -> ByMentee {
        let mut rows: ByMentee = vec![Vec::new(); mentees.people.len()];
        for PairScore { pair, score } in &self.pairs {
            if let (Some(e), Some(m)) = (
                mentees.position(&pair.mentee_id),
                mentors.position(&pair.mentor_id),
            ) {
                let m = u32::try_from(m).expect("fewer than 2^32 mentors");
                rows[e].push((m, score / 100.0));
            }
        }
        for row in &mut rows {
            crate::sorting::sort_by_key(row, |&(m, _)| m);
        }
        rows
    }
}

/// A score cell: a finite number from 0 to 100.
fn parse_score(cell: &str) -> Result<f64, String> {
    match cell.parse::<f64>() {
        Ok(score) if (0.0..=100.0).contains(&score) => Ok(score),
        Ok(score) if score.is_finite() => {
            Err(format!("the score must be from 0 to 100, got {score}"))
        }
        _ if cell.is_empty() => Err("the score is empty".to_owned()),
        _ => Err(format!(
            "the score must be a number, got \"{}\"",
            excerpt(cell)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, String, Code)> {
        PairScores::from_csv_reader(text.as_bytes(), "scores.csv")
            .unwrap_err()
            .into_iter()
            .map(|d| (d.row.unwrap_or(0), d.column.unwrap_or_default(), d.code))
            .collect()
    }

    #[test]
    fn reads_scores_in_any_column_order_and_case() {
        let text =
            "Score,Mentee_ID,mentor_id,note\n87,e1,m1,x\n0,e2,m1,\n100,e1,m2,\n,,,\n62.5,E3,M3,\n";
        let scores = PairScores::from_csv_reader(text.as_bytes(), "scores.csv").unwrap();
        let read: Vec<(&str, &str, f64, usize)> = scores
            .pairs
            .iter()
            .map(|p| {
                (
                    p.pair.mentor_id.as_str(),
                    p.pair.mentee_id.as_str(),
                    p.score,
                    p.pair.row,
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("m1", "e1", 87.0, 2),
                ("m1", "e2", 0.0, 3),
                ("m2", "e1", 100.0, 4),
                ("M3", "E3", 62.5, 6)
            ]
        );
    }

    #[test]
    fn every_bad_cell_is_located() {
        let text = "mentor_id,mentee_id,score\nm1,e1,101\nm1,e2,-1\nm1,e3,high\nm1,e4,\nm1,e5,NaN\n,e6,5\nM1,E1,5\nm1,e7,inf\n";
        assert_eq!(
            problems(text),
            [
                (2, "score".into(), Code::BadNumber),
                (3, "score".into(), Code::BadNumber),
                (4, "score".into(), Code::BadNumber),
                (5, "score".into(), Code::BadNumber),
                (6, "score".into(), Code::BadNumber),
                (7, "mentor_id".into(), Code::EmptyId),
                (8, "mentee_id".into(), Code::DuplicatePair),
                (9, "score".into(), Code::BadNumber),
            ]
        );
        let messages: Vec<String> = PairScores::from_csv_reader(text.as_bytes(), "scores.csv")
            .unwrap_err()
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(messages[0], "the score must be from 0 to 100, got 101");
        assert_eq!(messages[2], "the score must be a number, got \"high\"");
        assert_eq!(messages[3], "the score is empty");
        assert_eq!(messages[6], "the pair M1, E1 is already scored on row 2");
    }

    #[test]
    fn a_missing_column_is_named() {
        let missing =
            PairScores::from_csv_reader("mentor_id,mentee_id\nm1,e1\n".as_bytes(), "s.csv")
                .unwrap_err();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].code, Code::MissingIdColumn);
        assert_eq!(missing[0].message, "the header has no `score` column");
        assert_eq!(missing[0].row, Some(1));
    }
}
