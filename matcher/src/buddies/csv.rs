//! Buddy pairs and partner suggestions as CSV.

use super::suggest::PartnerSuggestions;
use super::PairsOutcome;
use crate::report::{into_io, safe};
use std::io::{self, Write};

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
                safe(me),
                safe(name),
                safe(other),
                safe(other_name),
                two(p.score),
                two(mine),
                two(theirs),
                safe(&p.reason),
            ]);
        }
    }
    for u in &outcome.unpaired {
        rows[u.at] = Some([
            safe(&u.id),
            safe(&u.name),
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

/// The CSV header of [`write_suggestions_csv`].
const SUGGESTIONS_HEADER: [&str; 8] = [
    "id",
    "name",
    "rank",
    "partner_id",
    "partner_name",
    "score",
    "paired",
    "reason",
];

/// Writes partner suggestions: one row per person and rank, best first, in
/// roster order; `paired` is `yes` for the partner the optimal pairing gives.
pub fn write_suggestions_csv<W: Write>(all: &[PartnerSuggestions], writer: W) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    csv.write_record(SUGGESTIONS_HEADER).map_err(into_io)?;
    for s in all {
        for (rank, p) in s.partners.iter().enumerate() {
            csv.write_record([
                safe(&s.id),
                safe(&s.name),
                (rank + 1).to_string(),
                safe(&p.partner_id),
                safe(&p.partner_name),
                format!("{:.2}", p.score),
                if p.paired { "yes" } else { "no" }.to_owned(),
                safe(&p.reason),
            ])
            .map_err(into_io)?;
        }
    }
    csv.flush()
}
