//! Buddy pairs (`--pairs` on a `--people` roster): `match`, `explain` and
//! `suggest`, each around the locked pairs and away from the history.

use crate::args::{ExplainArgs, Format, Inputs, MatchArgs, ReportFormat, SuggestArgs};
use crate::output;
use crate::run::{inputs_config, open, read_rounds, use_global_pool, write_to, Failure};
use matcher::buddies::why_not::{PairStanding, PairVerdict};
use matcher::buddies::{self, BuddyProgram};
use matcher::people::People;
use matcher::Config;
use std::io::{self, Write};
use std::time::Instant;

/// Reads the peer roster and the config, and solves the pairing around the
/// rounds' locks; `people` must outlive the answer, so it is read first.
fn read(inputs: &Inputs) -> Result<(People, Config), Failure> {
    let mut config = inputs_config(inputs)?;
    let Some(path) = &inputs.rosters.people else {
        return Err(Failure::Input(
            "--pairs pairs up a --people roster".to_owned(),
        ));
    };
    let people = People::from_reader(open(path)?, &path.display().to_string(), &config.columns)
        .map_err(matcher::Error::Roster)?;
    use_global_pool(&mut config);
    Ok((people, config))
}

/// `matcher match --people FILE --pairs`: buddy pairs, with the fairness
/// report under `--report`.
pub fn run_match(args: &MatchArgs, started: Instant) -> Result<(), Failure> {
    let (people, config) = read(&args.inputs)?;
    let rounds = read_rounds(&args.inputs.rounds)?;
    let pairing = BuddyProgram::new(&people, config, &rounds)?;
    let report = if args.report {
        pairing.cost_of_diversity()?;
        Some(pairing.fairness_report())
    } else {
        None
    };
    write_to(args.output.out.as_deref(), |w| {
        match (args.output.format, &report) {
            (Format::Csv, _) => pairing.write_csv(w),
            (Format::Json, None) => output::json(w, pairing.outcome()),
            (Format::Json, Some(report)) => output::json(
                w,
                &output::WithReport {
                    outcome: pairing.outcome(),
                    report,
                },
            ),
        }
    })?;
    if !args.quiet {
        let _ = output::pairs_summary(
            &mut io::stderr().lock(),
            pairing.outcome(),
            started.elapsed(),
        );
    }
    Ok(())
}

/// `matcher explain --people FILE --pairs --person ID [--partner ID]`.
pub fn run_explain(args: &ExplainArgs) -> Result<(), Failure> {
    let (people, config) = read(&args.inputs)?;
    let rounds = read_rounds(&args.inputs.rounds)?;
    let pairing = BuddyProgram::new(&people, config, &rounds)?;
    let verdict = pairing.why_not(&args.mentee, args.mentor.as_deref())?;
    write_to(None, |w| match args.format {
        ReportFormat::Text => pair_verdict(w, &verdict),
        ReportFormat::Json => output::json(w, &verdict),
    })
}

/// `matcher suggest --people FILE --pairs`.
pub fn run_suggest(args: &SuggestArgs) -> Result<(), Failure> {
    let (people, config) = read(&args.inputs)?;
    let rounds = read_rounds(&args.inputs.rounds)?;
    let suggestions = BuddyProgram::new(&people, config, &rounds)?.suggest(args.top);
    write_to(args.output.out.as_deref(), |w| match args.output.format {
        Format::Csv => buddies::write_suggestions_csv(&suggestions, w),
        Format::Json => output::json(w, &suggestions),
    })
}

/// A person's standing as one line.
fn standing(w: &mut dyn Write, id: &str, s: &PairStanding) -> io::Result<()> {
    match s {
        PairStanding::Paired(p) => {
            let partner = if p.a_id == id { &p.b_id } else { &p.a_id };
            writeln!(
                w,
                "{id} is paired with {partner}, score {:.2}{}: {}",
                p.score,
                if p.locked { " (locked)" } else { "" },
                p.reason
            )
        }
        PairStanding::Unpaired(u) => writeln!(
            w,
            "{} is unpaired: {} ({})",
            u.id,
            u.reason.as_str(),
            u.detail
        ),
    }
}

/// A buddy pairs "why (not)" answer as text: the person's standing, then
/// the pair both ways, the partner's standing, and what forcing the pair
/// would cost.
fn pair_verdict(w: &mut dyn Write, v: &PairVerdict) -> io::Result<()> {
    standing(w, &v.id, &v.person)?;
    let Some(pair) = &v.pair else {
        return Ok(());
    };
    let (me, them) = (&pair.learns.mentee_id, &pair.learns.mentor_id);
    writeln!(
        w,
        "{me} with {them}: pair score {:.2} (the mean of both ways)",
        pair.score
    )?;
    output::explanation(w, &pair.learns)?;
    output::explanation(w, &pair.partner_learns)?;
    if let Some(why) = &pair.forbidden {
        writeln!(w, "  never paired: {why}")?;
    }
    if pair.made {
        return writeln!(w, "  made: the pair is in the optimal pairing");
    }
    write!(w, "  ")?;
    standing(w, them, &pair.partner)?;
    match &pair.forcing {
        Some(f) => {
            writeln!(
                w,
                "  forcing the pair: total score {:.2} -> {:.2} ({:+.2}), paired people {:+}; {} person(s) move:",
                f.total_score,
                f.forced_total_score,
                f.total_change,
                f.paired_change,
                f.moves.len()
            )?;
            let id = |p: &Option<String>| p.clone().unwrap_or_else(|| "(unpaired)".to_owned());
            for m in &f.moves {
                writeln!(w, "    {}: {} -> {}", m.id, id(&m.from), id(&m.to))?;
            }
        }
        None if pair.forbidden.is_none() => {
            writeln!(w, "  forcing the pair would break a locked pair")?
        }
        None => {}
    }
    Ok(())
}
