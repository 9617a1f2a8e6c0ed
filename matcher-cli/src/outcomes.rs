//! `matcher evaluate` and `matcher calibrate`: how pairs went, and the
//! weights that would have predicted it.

use crate::args::{CalibrateArgs, EvaluateArgs, OutcomeFile, OutcomeName, ReportFormat};
use crate::output;
use crate::run::{load, open, read_rounds, write_to, Failure};
use matcher::calibrate::{calibrate, Calibration};
use matcher::config::{Criterion, DEFAULT_TOML};
use matcher::evaluate::Bootstrap;
use matcher::outcomes::{Measure, Outcomes};
use toml_edit::{DocumentMut, Item, Value};

/// Runs `matcher evaluate`.
pub fn run_evaluate(args: EvaluateArgs) -> Result<(), Failure> {
    let (mentors, mentees, config) = load(&args.inputs)?;
    let (outcomes, bootstrap) = read_outcomes(&args.outcomes)?;
    let evaluation = matcher::evaluate(&mentors, &mentees, &config, &outcomes, bootstrap)?;
    write_to(args.out.as_deref(), |w| match args.format {
        ReportFormat::Text => evaluation.write_text(w),
        ReportFormat::Json => output::json(w, &evaluation),
    })
}

/// Runs `matcher calibrate`: the report on standard output, the config
/// file only when the data support it (or `--force`); exit 3 when refused.
pub fn run_calibrate(args: CalibrateArgs) -> Result<(), Failure> {
    let (mentors, mentees, config) = load(&args.inputs)?;
    let (outcomes, bootstrap) = read_outcomes(&args.outcomes)?;
    let rounds = read_rounds(&args.inputs.rounds)?;
    let measure = choose_measure(args.outcome, &outcomes)?;
    let calibration = calibrate(
        &mentors, &mentees, &config, &rounds, &outcomes, measure, bootstrap,
    )?;
    write_to(None, |w| match args.format {
        ReportFormat::Text => calibration.write_text(w),
        ReportFormat::Json => output::json(w, &calibration),
    })?;
    let supported = calibration.verdict.is_supported();
    if !supported && !args.force {
        return Err(Failure::Refused(format!(
            "not writing {}: the outcomes do not support a change of weights (see the verdict; \
             --force writes it anyway)",
            args.out.display()
        )));
    }
    let base = match &args.inputs.config {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Failure::Input(format!("could not read {}: {e}", path.display())))?,
        None => DEFAULT_TOML.to_owned(),
    };
    let text = fitted_config(&base, &calibration, supported)
        .map_err(|e| Failure::Input(format!("could not rewrite the config's weights: {e}")))?;
    write_to(Some(&args.out), |w| w.write_all(text.as_bytes()))
}

/// Reads the outcomes file and the bootstrap settings.
fn read_outcomes(file: &OutcomeFile) -> Result<(Outcomes, Bootstrap), Failure> {
    let source = file.outcomes.display().to_string();
    let outcomes =
        Outcomes::from_reader(open(&file.outcomes)?, &source).map_err(matcher::Error::Roster)?;
    let bootstrap = Bootstrap {
        resamples: file.resamples,
        seed: file.seed,
    };
    Ok((outcomes, bootstrap))
}

/// The outcome asked for, or the file's only one.
fn choose_measure(asked: Option<OutcomeName>, outcomes: &Outcomes) -> Result<Measure, Failure> {
    match (asked, outcomes.measures.as_slice()) {
        (Some(name), _) => Ok(match name {
            OutcomeName::Rating => Measure::Rating,
            OutcomeName::GoalsAttained => Measure::GoalsAttained,
            OutcomeName::EndedEarly => Measure::EndedEarly,
            OutcomeName::Meetings => Measure::Meetings,
        }),
        (None, [only]) => Ok(*only),
        (None, several) => Err(Failure::Input(format!(
            "{} has several outcomes ({}): choose one with --outcome",
            outcomes.source,
            several
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `base` (a config file's text) with its `[weights]` set to the fitted
/// ones, keeping every comment, headed by the calibration report.
fn fitted_config(
    base: &str,
    calibration: &Calibration,
    supported: bool,
) -> Result<String, toml_edit::TomlError> {
    let mut document: DocumentMut = base.parse()?;
    let weights = calibration.fitted_weights();
    let table = document["weights"].or_insert(toml_edit::table());
    for criterion in Criterion::ALL
        .into_iter()
        .filter(|&c| calibration.covers(c))
    {
        let value = Value::from(weights.get(criterion));
        match table
            .get_mut(criterion.as_str())
            .and_then(Item::as_value_mut)
        {
            Some(old) => {
                let decor = old.decor().clone();
                *old = value;
                *old.decor_mut() = decor;
            }
            None => table[criterion.as_str()] = Item::Value(value),
        }
    }
    let warning = if supported {
        ""
    } else {
        "# WARNING: written with --force although the outcomes do NOT support a change of weights.\n"
    };
    Ok(format!(
        "# Weights fitted by `matcher calibrate`; its report:\n#\n{}{warning}\n{document}",
        calibration.comment_block()
    ))
}
