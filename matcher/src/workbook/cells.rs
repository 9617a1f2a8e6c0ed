//! One workbook cell as a person typed it: whole numbers stored as floats
//! as `3`, other numbers to the 15 significant digits a spreadsheet keeps,
//! dates and times in ISO form (`2026-03-01`, `18:30`, `2026-03-01 18:30`),
//! booleans as `TRUE`/`FALSE`.

/// A cell as a person typed it; a formula error (`#REF!`) as its text in `Err`.
pub(super) fn cell_text(cell: &calamine::Data) -> Result<String, String> {
    use calamine::Data;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => number(*x),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(when) => excel_date_time(when),
        Data::DateTimeIso(text) => iso_date_time(text),
        Data::DurationIso(text) => iso_duration(text).unwrap_or_else(|| text.clone()),
        Data::Error(error) => return Err(error.to_string()),
    })
}

/// A number as a spreadsheet shows it in its General format: at most 15
/// significant digits, whole numbers without a decimal point.
fn number(x: f64) -> String {
    let kept: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    if kept == 0.0 {
        "0".to_owned()
    } else {
        kept.to_string()
    }
}

/// An Excel date, time or duration in ISO form, to the second.
fn excel_date_time(when: &calamine::ExcelDateTime) -> String {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    let value = when.as_f64();
    if when.is_duration() {
        let seconds = (value * 86_400.0).round() as i64;
        return clock(seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    // Rounded to the second, in the workbook's own epoch (1900 or 1904).
    let is_1904 = *when != ExcelDateTime::new(value, ExcelDateTimeType::DateTime, false);
    let rounded = (value * 86_400.0).round() / 86_400.0;
    let (y, m, d, h, min, s, _) =
        ExcelDateTime::new(rounded, ExcelDateTimeType::DateTime, is_1904).to_ymd_hms_milli();
    let time = clock(h.into(), min.into(), s.into());
    if value.trunc() == 0.0 && !is_1904 {
        time
    } else if rounded.fract() == 0.0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {time}")
    }
}

/// `18:30`, or `18:30:15` when there are seconds.
fn clock(hours: i64, minutes: i64, seconds: i64) -> String {
    match seconds {
        0 => format!("{hours:02}:{minutes:02}"),
        _ => format!("{hours:02}:{minutes:02}:{seconds:02}"),
    }
}

/// An OpenDocument date value (`2026-03-01`, `2026-03-01T18:30:00`) as
/// `2026-03-01` or `2026-03-01 18:30`.
fn iso_date_time(text: &str) -> String {
    match text.split_once('T') {
        None => text.to_owned(),
        Some((date, time)) => {
            let time = time.split('.').next().unwrap_or(time);
            match time {
                "00:00:00" | "00:00" => date.to_owned(),
                _ => format!("{date} {}", time.strip_suffix(":00").unwrap_or(time)),
            }
        }
    }
}

/// An OpenDocument time value (`PT18H30M00S`) as `18:30`; `None` when it
/// does not read.
fn iso_duration(text: &str) -> Option<String> {
    let rest = text.strip_prefix("PT")?;
    let (hours, rest) = rest.split_once('H')?;
    let (minutes, rest) = rest.split_once('M')?;
    let seconds: f64 = rest.strip_suffix('S')?.parse().ok()?;
    Some(clock(
        hours.parse().ok()?,
        minutes.parse().ok()?,
        seconds.round() as i64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(123456789012.0), "123456789012");
        assert_eq!(number(1e-7), "0.0000001");
    }

    #[test]
    fn opendocument_dates_and_times_read_as_iso() {
        assert_eq!(iso_date_time("2026-03-01"), "2026-03-01");
        assert_eq!(iso_date_time("2026-03-01T00:00:00"), "2026-03-01");
        assert_eq!(iso_date_time("2026-03-01T18:30:00"), "2026-03-01 18:30");
        assert_eq!(
            iso_date_time("2026-03-01T18:30:15.5"),
            "2026-03-01 18:30:15"
        );
        assert_eq!(iso_duration("PT18H30M00S").as_deref(), Some("18:30"));
        assert_eq!(iso_duration("PT09H05M07S").as_deref(), Some("09:05:07"));
        assert_eq!(iso_duration("P1D"), None);
    }

    #[test]
    fn excel_dates_and_times_read_as_iso() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::*};
        let read =
            |value, kind, is_1904| excel_date_time(&ExcelDateTime::new(value, kind, is_1904));
        // 2026-03-01 is day 46082 of the 1900 system, 44620 of the 1904 one.
        assert_eq!(read(46082.0, DateTime, false), "2026-03-01");
        assert_eq!(read(44620.0, DateTime, true), "2026-03-01");
        // 18:30 is 0.7708333…: stored a hair under it, it still reads 18:30.
        assert_eq!(read(18.5 / 24.0 - 1e-9, DateTime, false), "18:30");
        assert_eq!(
            read(46082.0 + 18.5 / 24.0, DateTime, false),
            "2026-03-01 18:30"
        );
        assert_eq!(read(26.5 / 24.0, TimeDelta, false), "26:30");
    }
}
