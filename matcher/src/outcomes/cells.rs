//! One outcome cell read as a number, or what is wrong with it.

use super::Measure;
use crate::diagnostic::excerpt;

/// A cell's problem: the message and a hint on how to write it.
pub(super) type Problem = (String, &'static str);

/// The cell's value for `measure`; `None` when it is empty (not answered).
pub(super) fn parse(measure: Measure, cell: &str) -> Result<Option<f64>, Problem> {
    if cell.is_empty() {
        return Ok(None);
    }
    match measure {
        Measure::Rating => rating(cell),
        Measure::GoalsAttained => share(cell),
        Measure::EndedEarly => yes_no(cell).ok_or_else(|| {
            (
                format!("\"{}\" is not yes or no", excerpt(cell)),
                "write yes or no (or true/false, y/n, 1/0)",
            )
        }),
        Measure::Meetings => count(cell),
    }
    .map(Some)
}

fn rating(cell: &str) -> Result<f64, Problem> {
    let hint = "write the rating as a number from 1 to 5, e.g. 4 or 3.5";
    match number(cell) {
        Some(r) if (1.0..=5.0).contains(&r) => Ok(r),
        Some(r) => Err((format!("the rating must be from 1 to 5, got {r}"), hint)),
        None => Err((format!("\"{}\" is not a rating", excerpt(cell)), hint)),
    }
}

fn share(cell: &str) -> Result<f64, Problem> {
    let hint = "write a share from 0 to 1 (0.75), a percentage (75%), or yes/no";
    if let Some(yes) = yes_no(cell) {
        return Ok(yes);
    }
    let (text, scale) = match cell.strip_suffix('%') {
        Some(percent) => (percent.trim_end(), 100.0),
        None => (cell, 1.0),
    };
    match number(text).map(|v| v / scale) {
        Some(v) if (0.0..=1.0).contains(&v) => Ok(v),
        Some(_) => Err((
            format!("the share of goals reached must be from 0 to 1 (or 0% to 100%), got {cell}"),
            hint,
        )),
        None => Err((
            format!("\"{}\" is not a share of goals", excerpt(cell)),
            hint,
        )),
    }
}

fn count(cell: &str) -> Result<f64, Problem> {
    match cell.parse::<u32>() {
        Ok(n) => Ok(f64::from(n)),
        Err(_) => Err((
            format!("\"{}\" is not a whole number of meetings", excerpt(cell)),
            "write how many times the pair met, e.g. 6",
        )),
    }
}

/// A finite number, with `.` or `,` as the decimal mark.
fn number(cell: &str) -> Option<f64> {
    cell.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// 1 for yes, 0 for no.
fn yes_no(cell: &str) -> Option<f64> {
    match cell.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(1.0),
        "no" | "n" | "false" | "0" => Some(0.0),
        _ => None,
    }
}
