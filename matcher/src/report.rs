//! Writing a [`MatchOutcome`] as `matches.csv` or JSON to any writer.

use crate::matching::MatchOutcome;
use crate::suggest::Suggestions;
use std::io::{self, Write};

/// The header of `matches.csv`.
pub const CSV_HEADER: [&str; 10] = [
    "mentee_id",
    "mentee_name",
    "mentor_id",
    "mentor_name",
    "score",
    "skills",
    "goals",
    "values",
    "diversity",
    "reason",
];

/// Writes one row per mentee in input order; unmatched mentees have empty
/// mentor fields and their reason code. Scores are 0–100 with two decimals; a
/// criterion that does not apply is empty. Text that a spreadsheet would run as
/// a formula is neutralised. When someone gave picks or wants, a `picks`
/// column comes before `reason` ([`CSV_HEADER`] otherwise).
pub fn write_csv<W: Write>(outcome: &MatchOutcome, writer: W) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    let mut write = |record: &[String]| csv.write_record(record).map_err(into_io);
    let picks = outcome.choices;
    // The `picks` column goes before the last one, `reason`.
    let with_picks = |mut record: Vec<String>, value: String| {
        if picks {
            record.insert(record.len() - 1, value);
        }
        record
    };
    let header = with_picks(CSV_HEADER.map(str::to_owned).to_vec(), "picks".to_owned());
    write(&header)?;
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.2}"));
    for row in outcome.rows() {
        let (record, pick): ([String; 10], Option<f64>) = match row {
            Ok(m) => {
                let (x, c) = (&m.explanation, &m.explanation.criteria);
                let record = [
                    safe(&x.mentee_id),
                    safe(&m.mentee_name),
                    safe(&x.mentor_id),
                    safe(&m.mentor_name),
                    number(Some(x.score)),
                    number(c.skills),
                    number(c.goals),
                    number(c.values),
                    number(c.diversity),
                    safe(&m.reason),
                ];
                (record, c.picks)
            }
            Err(u) => (
                [
                    safe(&u.mentee_id),
                    safe(&u.mentee_name),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    u.reason.as_str().to_owned(),
                ],
                None,
            ),
        };
        write(&with_picks(record.to_vec(), number(pick)))?;
    }
    csv.flush()
}

/// Writes suggestions as CSV: one row per mentee and rank, best first;
/// `assigned` is `yes` for the mentor the optimal matching gives the mentee.
pub fn write_suggestions_csv<W: Write>(all: &[Suggestions], writer: W) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    let mut write = |record: &[String]| csv.write_record(record).map_err(into_io);
    write(
        &[
            "mentee_id",
            "mentee_name",
            "rank",
            "mentor_id",
            "mentor_name",
            "score",
            "assigned",
            "reason",
        ]
        .map(str::to_owned),
    )?;
    for s in all {
        for (rank, m) in s.mentors.iter().enumerate() {
            write(&[
                safe(&s.mentee_id),
                safe(&s.mentee_name),
                (rank + 1).to_string(),
                safe(&m.mentor_id),
                safe(&m.mentor_name),
                format!("{:.2}", m.score),
                if m.assigned { "yes" } else { "no" }.to_owned(),
                safe(&m.reason),
            ])?;
        }
    }
    csv.flush()
}

/// Unwraps the I/O error inside a CSV error, so a broken pipe stays recognisable.
pub(crate) fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes the outcome as pretty-printed JSON with a trailing newline.
pub fn write_json<W: Write>(outcome: &MatchOutcome, mut writer: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut writer, outcome)?;
    writer.write_all(b"\n")
}

/// Neutralises a cell a spreadsheet would run as a formula (leading `=`, `+`,
/// `-`, `@`, tab or carriage return) by prefixing a `'`.
pub fn safe(text: &str) -> String {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe(cell), format!("'{cell}"));
        }
        for cell in ["Ada", "", "1=1", " =x"] {
            assert_eq!(safe(cell), cell);
        }
    }
}
