//! Availability cells: weekly slots in the person's own time, such as
//! `mon 18-20; sat 09:30-12`, `mon-fri 19-21`, `Friday 10pm-2am` or
//! `fri 22-02` (an end before the start runs past midnight).

use super::week::QUARTER_MINUTES;

/// Day names, Monday first; a day is also known by its first three letters
/// and a few common cuts (`tues`, `thur`, `thurs`).
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// What an availability cell may hold, for hints.
pub const ACCEPTED: &str = "write slots as `day start-end`, e.g. `mon 18-20; sat 09:30-12; \
    mon-fri 19-21`: days mon–sun, hours 0–24 on the quarter hour (`18:45`, `6pm`); an end \
    before the start runs past midnight";

/// One weekly slot in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// 0 = Monday … 6 = Sunday.
    pub day: u32,
    /// Minutes after the day's midnight.
    pub start: u32,
    /// Minutes long, 1 to 24 hours.
    pub minutes: u32,
}

/// The slots of a cell (empty when the cell is), or what is wrong with it.
pub fn parse(cell: &str) -> Result<Vec<Slot>, String> {
    let mut slots = Vec::new();
    for text in cell.split([';', ',']).map(str::trim) {
        if !text.is_empty() {
            slots.extend(parse_slot(text)?);
        }
    }
    Ok(slots)
}

/// `mon-fri 19-21`: one slot per day of the range.
fn parse_slot(text: &str) -> Result<Vec<Slot>, String> {
    let lower = text.to_ascii_lowercase();
    let split = lower
        .find(|c: char| c.is_ascii_digit())
        .ok_or_else(|| format!("\"{text}\" has no times"))?;
    let (days, times) = lower.split_at(split);
    let days = parse_days(days.trim(), text)?;
    let (start, end) = times
        .split_once(['-', '–'])
        .ok_or_else(|| format!("\"{text}\" needs a start and an end, e.g. `18-20`"))?;
    let (start, end) = (parse_time(start, text)?, parse_time(end, text)?);
    if start == 24 * 60 {
        return Err(format!(
            "\"{text}\" starts at 24:00: start it at 0 on the next day"
        ));
    }
    if start == end {
        return Err(format!(
            "\"{text}\" starts and ends at the same time: write `0-24` for a whole day"
        ));
    }
    let minutes = if end > start {
        end - start
    } else {
        end + 24 * 60 - start
    };
    Ok(days
        .map(|day| Slot {
            day,
            start,
            minutes,
        })
        .collect())
}

/// `mon`, `monday` or a range `mon-fri` (which may wrap: `sat-mon`).
fn parse_days(days: &str, text: &str) -> Result<impl Iterator<Item = u32>, String> {
    if days.is_empty() {
        return Err(format!("\"{text}\" names no day"));
    }
    let (first, last) = match days.split_once(['-', '–']) {
        Some((first, last)) => (day(first.trim(), text)?, day(last.trim(), text)?),
        None => {
            let day = day(days, text)?;
            (day, day)
        }
    };
    let count = (last + 7 - first) % 7 + 1;
    Ok((0..count).map(move |i| (first + i) % 7))
}

/// One day's number, 0 = Monday.
fn day(name: &str, text: &str) -> Result<u32, String> {
    let name = name.trim_end_matches('.');
    let known = |full: &str| {
        name == full
            || name == &full[..3]
            || (full == "tuesday" && name == "tues")
            || (full == "thursday" && (name == "thur" || name == "thurs"))
    };
    DAYS.iter()
        .position(|full| known(full))
        .map(|d| d as u32)
        .ok_or_else(|| format!("\"{name}\" in \"{text}\" is not a day"))
}

/// `18`, `09:30`, `6pm`, `12:15am`, `24`: minutes after midnight.
fn parse_time(time: &str, text: &str) -> Result<u32, String> {
    let time = time.trim();
    let (time, half) = match time.strip_suffix("am").or_else(|| time.strip_suffix("pm")) {
        Some(rest) => (rest.trim(), Some(time.ends_with("pm"))),
        None => (time, None),
    };
    let bad = || format!("\"{time}\" in \"{text}\" is not a time");
    let (hours, minutes) = time.split_once([':', '.', 'h']).unwrap_or((time, "00"));
    let minutes = if minutes.is_empty() { "00" } else { minutes };
    let number = |digits: &str| {
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
    };
    let (Some(mut hours), Some(minutes)) = (number(hours), number(minutes)) else {
        return Err(bad());
    };
    if let Some(pm) = half {
        if !(1..=12).contains(&hours) {
            return Err(format!(
                "\"{time}\" in \"{text}\" is not an am/pm hour (1–12)"
            ));
        }
        hours = hours % 12 + if pm { 12 } else { 0 };
    }
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
        return Err(format!("\"{time}\" in \"{text}\" is past 24:00"));
    }
    if minutes % QUARTER_MINUTES != 0 {
        return Err(format!(
            "\"{time}\" in \"{text}\" is not on the quarter hour (:00, :15, :30 or :45)"
        ));
    }
    Ok(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(day: u32, start: u32, minutes: u32) -> Slot {
        Slot {
            day,
            start,
            minutes,
        }
    }

    #[test]
    fn reads_days_ranges_and_times_as_people_write_them() {
        assert_eq!(
            parse("mon 18-20; Sat 09-12").unwrap(),
            [slot(0, 18 * 60, 120), slot(5, 9 * 60, 180)]
        );
        assert_eq!(
            parse("Tuesday 18:30-20:00").unwrap(),
            [slot(1, 18 * 60 + 30, 90)]
        );
        assert_eq!(
            parse("mon-wed 19-21").unwrap(),
            [slot(0, 1140, 120), slot(1, 1140, 120), slot(2, 1140, 120)]
        );
        assert_eq!(parse("sat-mon 0-24").unwrap().len(), 3);
        assert_eq!(
            parse("thurs 6pm-8:15pm, sun 12am-12pm").unwrap(),
            [slot(3, 18 * 60, 135), slot(6, 0, 12 * 60)]
        );
        assert_eq!(parse("  ").unwrap(), []);
    }

    #[test]
    fn an_end_before_the_start_runs_past_midnight() {
        assert_eq!(parse("fri 22-02").unwrap(), [slot(4, 22 * 60, 240)]);
        assert_eq!(parse("mon 20-18").unwrap(), [slot(0, 20 * 60, 22 * 60)]);
        assert_eq!(
            parse("sun 23:45-0:15").unwrap(),
            [slot(6, 23 * 60 + 45, 30)]
        );
    }

    #[test]
    fn says_what_is_wrong() {
        for (cell, message) in [
            ("xyz 1-2", "\"xyz\" in \"xyz 1-2\" is not a day"),
            ("mon 18-25", "\"25\" in \"mon 18-25\" is past 24:00"),
            (
                "mon 18:10-19",
                "\"18:10\" in \"mon 18:10-19\" is not on the quarter hour",
            ),
            (
                "mon 18",
                "\"mon 18\" needs a start and an end, e.g. `18-20`",
            ),
            ("evenings", "\"evenings\" has no times"),
            ("18-20", "\"18-20\" names no day"),
            (
                "mon 18-18",
                "\"mon 18-18\" starts and ends at the same time",
            ),
            ("mon 24-2", "\"mon 24-2\" starts at 24:00"),
            (
                "mon 13pm-2pm",
                "\"13\" in \"mon 13pm-2pm\" is not an am/pm hour",
            ),
            ("mon 1x-2", "\"1x\" in \"mon 1x-2\" is not a time"),
        ] {
            let error = parse(cell).unwrap_err();
            assert!(error.starts_with(message), "{cell}: {error}");
        }
    }
}
