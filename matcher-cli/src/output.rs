//! Rendering results for people (text) and programs (CSV, JSON).

use crate::args::ReportFormat;
use matcher::availability::RosterAvailability;
use matcher::choices::{ordinal, PickDetail};
use matcher::config::{Config, Criterion};
use matcher::explain::Explanation;
use matcher::matching::UnmatchedReason;
use matcher::vocabulary_report::{Likeness, TermUse, VocabularyReport};
use matcher::why_not::{Standing, Verdict};
use matcher::{Diagnostic, MatchOutcome, Roster};
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;

/// Pretty JSON with a trailing newline.
pub fn json<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}

/// The JSON output of `match --report`: the outcome with a `report` key
/// (a [`MatchOutcome`] with its `FairnessReport`, or buddy pairs with theirs).
#[derive(Serialize)]
pub struct WithReport<'a, O, R> {
    /// The matching.
    #[serde(flatten)]
    pub outcome: &'a O,
    /// Its fairness and diversity report.
    pub report: &'a R,
}

/// One line describing two clean rosters.
pub fn roster_summary(mentors: &Roster, mentees: &Roster) -> String {
    let mut summary = format!(
        "ok: {} has {} mentors (total capacity {}), {} has {} mentees; no problems found",
        mentors.source,
        mentors.people.len(),
        mentors.total_capacity(),
        mentees.source,
        mentees.people.len()
    );
    for line in formats_read(&[mentors, mentees]) {
        summary.push('\n');
        summary.push_str(&line);
    }
    summary
}

/// "read mentees.csv as windows-1252, cells separated by semicolons" or "read
/// mentees.xlsx as an Excel workbook, sheet Sheet1", for each roster that was
/// not plain comma-separated UTF-8.
pub fn formats_read(rosters: &[&Roster]) -> Vec<String> {
    rosters
        .iter()
        .filter(|r| !r.format.is_plain())
        .map(|r| format!("read {} as {}", r.source, r.format))
        .collect()
}

/// "mentees.csv: availability from 12 people in Asia/Kolkata (3), Europe/Berlin (9)",
/// with the rows of those who gave no time zone, for each roster with an
/// availability column.
pub fn availability(rosters: &[&Roster], config: &Config) -> Vec<String> {
    rosters
        .iter()
        .filter_map(|r| Some((r, RosterAvailability::new(r, config)?)))
        .map(|(r, a)| {
            let zones: Vec<String> = a.zones.iter().map(|(z, n)| format!("{z} ({n})")).collect();
            let mut line = format!(
                "{}: availability from {} people in {}",
                r.source,
                a.people,
                zones.join(", ")
            );
            if !a.without_zone.is_empty() {
                let rows: Vec<String> = a.without_zone.iter().map(usize::to_string).collect();
                line.push_str(&format!(
                    "; warning: no time zone on row(s) {}, read as UTC",
                    rows.join(", ")
                ));
            }
            line
        })
        .collect()
}

/// Every roster problem, one per line, or as JSON.
pub fn diagnostics(
    w: &mut dyn Write,
    problems: &[Diagnostic],
    format: ReportFormat,
) -> io::Result<()> {
    match format {
        ReportFormat::Json => json(w, problems),
        ReportFormat::Text => problems.iter().try_for_each(|d| writeln!(w, "{d}")),
    }
}

/// The run's summary, for standard error.
pub fn summary(w: &mut dyn Write, outcome: &MatchOutcome, elapsed: Duration) -> io::Result<()> {
    let s = &outcome.summary;
    let reasons = |partial: bool| {
        UnmatchedReason::ALL
            .iter()
            .filter_map(|&r| {
                let n = outcome
                    .unmatched
                    .iter()
                    .filter(|u| u.reason == r && (u.filled > 0) == partial)
                    .count();
                (n > 0).then(|| format!("{n} {}", r.as_str()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    write!(w, "matched {} of {} mentees", s.matched, s.mentees)?;
    if s.unmatched > 0 {
        write!(w, " ({} unmatched: {})", s.unmatched, reasons(false))?;
    }
    writeln!(w, " with {} of {} mentors", s.mentors_used, s.mentors)?;
    if let Some(places) = s.places {
        write!(
            w,
            "filled {} of {} mentor places",
            places.filled, places.wanted
        )?;
        let partial = outcome.unmatched.iter().filter(|u| u.filled > 0).count();
        if partial > 0 {
            write!(
                w,
                " ({partial} mentees with places left: {})",
                reasons(true)
            )?;
        }
        writeln!(w)?;
    }
    if let Some(score) = s.score {
        writeln!(
            w,
            "score mean {:.2}, median {:.2}, min {:.2}, max {:.2}",
            score.mean, score.median, score.min, score.max
        )?;
    }
    if let Some(ranks) = &s.pick_ranks {
        let got: Vec<String> = (1..)
            .zip(ranks)
            .map(|(rank, n)| format!("{n} their {}", matcher::choices::ordinal(rank)))
            .collect();
        writeln!(w, "mentees' picks: got {}", got.join(", "))?;
    }
    let verdict = match s.objective {
        matcher::Goal::Stable => "stable; the bound is each mentee's best allowed score",
        _ if s.gap == 0.0 => "proven optimal",
        _ => "gap",
    };
    writeln!(
        w,
        "total score {:.2}, dual bound {:.2} ({verdict}, objective {}); {:.2} s",
        s.total_score,
        s.dual_bound,
        serde_json::to_value(s.objective)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        elapsed.as_secs_f64()
    )
}

/// A buddy pairing's summary, for standard error.
pub fn pairs_summary(
    w: &mut dyn Write,
    outcome: &matcher::buddies::PairsOutcome,
    elapsed: Duration,
) -> io::Result<()> {
    let s = &outcome.summary;
    write!(
        w,
        "paired {} of {} people in {} pairs",
        2 * s.pairs,
        s.people,
        s.pairs
    )?;
    if s.unpaired > 0 {
        let reasons = UnmatchedReason::ALL
            .iter()
            .filter_map(|&r| {
                let n = outcome.unpaired.iter().filter(|u| u.reason == r).count();
                (n > 0).then(|| format!("{n} {}", r.as_str()))
            })
            .collect::<Vec<_>>()
            .join(", ");
        write!(w, " ({} unpaired: {reasons})", s.unpaired)?;
    }
    let verdict = if s.gap == 0.0 {
        "proven optimal"
    } else {
        "gap"
    };
    writeln!(
        w,
        "\ntotal score {:.2}, dual bound {:.2} ({verdict}); {:.2} s",
        s.total_score,
        s.dual_bound,
        elapsed.as_secs_f64()
    )
}

/// A "why (not)" answer as text: the mentee's standing, then the pair's
/// breakdown, who holds the mentor's places, whether the mentor was one of
/// the mentee's picks, and what forcing (honouring) the pair would cost.
pub fn verdict(w: &mut dyn Write, v: &Verdict) -> io::Result<()> {
    match &v.mentee {
        Standing::Matched(m) => writeln!(
            w,
            "mentee {} is matched with mentor {}, score {:.2}{}: {}",
            m.explanation.mentee_id,
            m.explanation.mentor_id,
            m.explanation.score,
            if m.locked { " (locked)" } else { "" },
            m.reason
        )?,
        Standing::Unmatched(u) => writeln!(
            w,
            "mentee {} is unmatched: {} ({})",
            u.mentee_id,
            u.reason.as_str(),
            u.detail
        )?,
    }
    let Some(pair) = &v.pair else {
        return Ok(());
    };
    explanation(w, &pair.explanation)?;
    let x = &pair.explanation;
    if pair.repeat {
        writeln!(w, "  never matched: paired in an earlier cycle (history)")?;
    }
    if pair.made {
        return writeln!(w, "  made: the pair is in the optimal matching");
    }
    let holders = pair
        .holders
        .iter()
        .map(|h| {
            let locked = if h.locked { ", locked" } else { "" };
            format!("{} ({:.2}{locked})", h.mentee_id, h.score)
        })
        .collect::<Vec<_>>();
    writeln!(
        w,
        "  mentor {} has {} of {} places taken{}{}",
        x.mentor_id,
        pair.holders.len(),
        pair.capacity,
        if holders.is_empty() { "" } else { ": " },
        holders.join(", ")
    )?;
    if let Some(rank) = pair.mentee_pick {
        let of = x.picks.as_ref().map_or(0, |p| p.mentee_picks);
        writeln!(
            w,
            "  a pick not honoured: {} is {}'s {} pick of {of}{}",
            x.mentor_id,
            x.mentee_id,
            ordinal(rank),
            if pair.forcing.is_some() {
                "; honouring it costs what forcing the pair costs"
            } else {
                ""
            }
        )?;
    }
    match &pair.forcing {
        Some(f) => {
            writeln!(
                w,
                "  forcing the pair: total score {:.2} -> {:.2} ({:+.2}), matched mentees {:+}; {} mentee(s) move:",
                f.total_score,
                f.forced_total_score,
                f.total_change,
                f.matched_change,
                f.moves.len()
            )?;
            let id = |m: &Option<String>| m.clone().unwrap_or_else(|| "(unmatched)".to_owned());
            for m in &f.moves {
                writeln!(w, "    {}: {} -> {}", m.mentee_id, id(&m.from), id(&m.to))?;
            }
        }
        None if x.forbidden.is_none() && !pair.repeat => {
            writeln!(w, "  forcing the pair would break a locked pair")?
        }
        None => {}
    }
    Ok(())
}

/// What a pair's `picks` criterion is made of, a line each: the picks each
/// side gave, then each wish.
fn pick_lines(picks: &PickDetail) -> Vec<String> {
    let mut lines = Vec::new();
    for (side, rank, count) in [
        ("mentee", picks.mentee_pick, picks.mentee_picks),
        ("mentor", picks.mentor_pick, picks.mentor_picks),
    ] {
        match (rank, count) {
            (_, 0) => {}
            (Some(rank), _) => lines.push(format!(
                "picks: the {side}'s {} pick of {count}",
                ordinal(rank)
            )),
            (None, _) => lines.push(format!("picks: not among the {side}'s {count} picks")),
        }
    }
    for wish in &picks.wants {
        let kind = if wish.want.must {
            "must-have"
        } else {
            "nice-to-have"
        };
        let verdict = if wish.met { "met" } else { "not met" };
        lines.push(format!(
            "wants ({}, {kind}): {}: {verdict}",
            wish.by.as_str(),
            wish.want
        ));
    }
    lines
}

/// A pair's breakdown as text.
pub fn explanation(w: &mut dyn Write, x: &Explanation) -> io::Result<()> {
    writeln!(
        w,
        "mentee {} with mentor {}: score {:.2}",
        x.mentee_id, x.mentor_id, x.score
    )?;
    if let Some(forbidden) = &x.forbidden {
        writeln!(w, "  never matched: {forbidden}")?;
    }
    let scores = [
        x.criteria.skills,
        x.criteria.goals,
        x.criteria.values,
        x.criteria.diversity,
        x.criteria.pair_score,
        x.criteria.availability,
        x.criteria.picks,
    ];
    for (criterion, score) in Criterion::ALL.into_iter().zip(scores) {
        // Without a pair-scores file, the pair_score criterion scores nothing;
        // availability shows where it is weighted or scored, picks where
        // either side picked or wished.
        let unused = match criterion {
            Criterion::PairScore => x.pair_scores_file.is_none(),
            Criterion::Availability => score.is_none() && x.weights.availability == 0.0,
            Criterion::Picks => x.picks.is_none(),
            _ => false,
        };
        if unused {
            continue;
        }
        let score = score.map_or_else(|| "n/a".to_owned(), |s| format!("{s:.2}"));
        let priority = if x.priority == Some(criterion) {
            ", doubled: the mentee's priority"
        } else {
            ""
        };
        writeln!(
            w,
            "  {:<10} {score:>6}  (weight {}{priority})",
            criterion.as_str(),
            x.weights.get(criterion)
        )?;
    }
    for s in &x.skills {
        let offered = match (s.offered, &s.related) {
            (Some(level), _) => format!("offered at {level}"),
            (None, Some(related)) => format!("not offered; {related} at {}", related.level),
            (None, None) => "not offered".to_owned(),
        };
        writeln!(
            w,
            "    skill {}: wanted at {}, {offered}",
            s.skill, s.wanted
        )?;
    }
    if let Some(picks) = &x.picks {
        for line in pick_lines(picks) {
            writeln!(w, "    {line}")?;
        }
    }
    writeln!(w, "    shared goals: {}", list_or_none(&x.shared_goals))?;
    writeln!(w, "    shared values: {}", list_or_none(&x.shared_values))?;
    if let Some(overlap) = &x.availability {
        writeln!(
            w,
            "    availability: {} of the mentee's {} h a week shared: {}",
            overlap.hours,
            overlap.mentee_hours,
            overlap.describe()
        )?;
    }
    for a in &x.attributes {
        let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
        let verdict = match a.met {
            Some(true) => "met",
            Some(false) => "not met",
            None => "not scored",
        };
        let shared = a.shared.as_deref().map_or_else(String::new, |shared| {
            format!(", shared: {}", list_or_none(shared))
        });
        writeln!(
            w,
            "    {}: mentee {}, mentor {} (prefer {}: {verdict}{shared})",
            a.attribute,
            value(&a.mentee),
            value(&a.mentor),
            serde_json::to_value(a.prefer)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        )?;
    }
    Ok(())
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The result of `matcher solve`, in the user's own units (costs when minimising).
#[derive(Debug, Serialize)]
pub struct SolveReport {
    /// Per row, the assigned column (0-based) or `null`.
    pub assignment: Vec<Option<usize>>,
    /// Rows assigned.
    pub assigned: usize,
    /// The sum of assigned values.
    pub objective: f64,
    /// The dual bound proving the objective optimal (equal to it up to rounding).
    pub dual_bound: f64,
    #[serde(skip)]
    values: Vec<Option<f64>>,
}

impl SolveReport {
    /// Converts a solution back to the matrix's units (`sign` = -1 for costs).
    pub fn new(
        matrix: &matcher::matrix::Matrix,
        solution: &matcher::solve::Solution,
        sign: f64,
    ) -> Self {
        let values = solution
            .assignment
            .iter()
            .enumerate()
            .map(|(r, c)| c.map(|c| sign * matrix.values[r * matrix.cols + c]))
            .collect();
        SolveReport {
            assignment: solution.assignment.clone(),
            assigned: solution.matched,
            objective: sign * solution.total,
            dual_bound: sign * solution.dual_bound,
            values,
        }
    }

    /// `row,col,value`, one line per row; an unassigned row has empty cells.
    pub fn write_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "row,col,value")?;
        for (row, (col, value)) in self.assignment.iter().zip(&self.values).enumerate() {
            match (col, value) {
                (Some(col), Some(value)) => writeln!(w, "{row},{col},{value}")?,
                _ => writeln!(w, "{row},,")?,
            }
        }
        Ok(())
    }

    /// One line for standard error.
    pub fn summary(&self, w: &mut dyn Write, elapsed: Duration) -> io::Result<()> {
        writeln!(
            w,
            "assigned {} of {} rows; objective {} (dual bound {}); {:.3} s",
            self.assigned,
            self.assignment.len(),
            self.objective,
            self.dual_bound,
            elapsed.as_secs_f64()
        )
    }
}

/// The vocabulary report as text: what to fix before matching, with rows.
pub fn vocabulary(
    w: &mut dyn Write,
    report: &VocabularyReport,
    mentors: &Roster,
    mentees: &Roster,
) -> io::Result<()> {
    let uses = |u: &TermUse| {
        let side = |rows: &[usize], roster: &Roster, one: &str| {
            (!rows.is_empty()).then(|| {
                let shown: Vec<String> = rows.iter().take(8).map(usize::to_string).collect();
                let more = if rows.len() > 8 { ", …" } else { "" };
                let plural = if rows.len() == 1 { "" } else { "s" };
                format!(
                    "{} {one}{plural} ({} row{plural} {}{more})",
                    rows.len(),
                    roster.source,
                    shown.join(", ")
                )
            })
        };
        let sides = [
            side(&u.mentor_rows, mentors, "mentor"),
            side(&u.mentee_rows, mentees, "mentee"),
        ];
        let sides: Vec<String> = sides.into_iter().flatten().collect();
        format!("{} \"{}\": {}", u.list.as_str(), u.term, sides.join("; "))
    };
    let section = |w: &mut dyn Write, title: &str, items: Vec<String>| -> io::Result<()> {
        writeln!(w, "{title}:{}", if items.is_empty() { " none" } else { "" })?;
        items.iter().try_for_each(|line| writeln!(w, "  {line}"))
    };
    section(
        w,
        "Wanted by mentees, offered by no mentor",
        report.unmet.iter().map(uses).collect(),
    )?;
    section(
        w,
        "Used by one side only",
        report.one_sided.iter().map(uses).collect(),
    )?;
    let groups = report.likely_one_term.iter().map(|g| {
        let why = match g.likeness {
            Likeness::SameTerm => "one term already (case, hyphens or spaces)",
            Likeness::Punctuation => "equal without punctuation",
            Likeness::NearMiss => "one letter apart",
        };
        let spellings: Vec<String> = g
            .spellings
            .iter()
            .map(|s| format!("    {}", uses(s)))
            .collect();
        let fix = if g.vocabulary.is_empty() {
            String::new()
        } else {
            format!(
                "\n    to make them one term, add under [vocabulary]: {}",
                g.vocabulary
            )
        };
        format!("{why}:\n{}{fix}", spellings.join("\n"))
    });
    section(w, "Likely one term", groups.collect())
}
