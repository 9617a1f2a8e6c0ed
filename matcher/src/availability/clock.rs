//! Civil time without a date library: a zone's rule as a POSIX TZ string
//! (`CET-1CEST,M3.5.0,M10.5.0/3`) and the calendar arithmetic it needs.
//! Small on purpose, for the WebAssembly size budget; every function is
//! checked against the `jiff` crate by the tests below.

/// Seconds in a day.
pub const DAY: i64 = 24 * 60 * 60;

/// Days from 1970-01-01 to `year-month-day` (proleptic Gregorian calendar).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The year of day `days` after 1970-01-01.
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    year_of_era + era * 400 + i64::from(month_index >= 10)
}

/// Days in `month` of `year`.
pub fn month_length(year: i64, month: i64) -> i64 {
    days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
        - days_from_civil(year, month, 1)
}

/// The day of the week of day `days` after 1970-01-01, 0 = Monday.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// When in the year a clock change happens: `Mm.w.d/time`, the `d`th day of
/// the week (0 = Sunday) of week `w` (5 = the last) of month `m`, at `time`
/// seconds of local time (which may be negative or past 24 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    month: i64,
    week: i64,
    day: i64,
    time: i64,
}

impl Change {
    /// The local wall-clock second (from 1970-01-01 00:00) of the change in `year`.
    fn local(self, year: i64) -> i64 {
        let first = days_from_civil(year, self.month, 1);
        let sunday0 = (weekday(first) + 1) % 7;
        let mut day = 1 + (self.day - sunday0).rem_euclid(7) + (self.week - 1) * 7;
        while day > month_length(year, self.month) {
            day -= 7;
        }
        (first + day - 1) * DAY + self.time
    }
}

/// A zone's rule: its standard offset and, when it has one, its daylight
/// saving offset with the changes into and out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Seconds east of UTC outside daylight saving.
    standard: i64,
    /// Seconds east of UTC in daylight saving, and when it starts and ends.
    daylight: Option<(i64, Change, Change)>,
}

impl Rule {
    /// A fixed offset, in seconds east of UTC.
    pub fn fixed(seconds: i64) -> Rule {
        Rule {
            standard: seconds,
            daylight: None,
        }
    }

    /// Reads a POSIX TZ string with `Mm.w.d` changes, as the time zone
    /// database ends its entries with.
    pub fn posix(text: &str) -> Option<Rule> {
        let mut rest = text;
        skip_name(&mut rest)?;
        // POSIX offsets count west of UTC.
        let standard = -hms(&mut rest)?;
        if rest.is_empty() {
            return Some(Rule::fixed(standard));
        }
        skip_name(&mut rest)?;
        let daylight = match rest.starts_with(',') {
            true => standard + 3600,
            false => -hms(&mut rest)?,
        };
        let start = change(rest.strip_prefix(',')?, &mut rest)?;
        let end = change(rest.strip_prefix(',')?, &mut rest)?;
        rest.is_empty().then_some(Rule {
            standard,
            daylight: Some((daylight, start, end)),
        })
    }

    /// The offset, in seconds east of UTC, at the UTC second `utc`.
    pub fn offset_at(self, utc: i64) -> i64 {
        let Some((daylight, start, end)) = self.daylight else {
            return self.standard;
        };
        let year = year_of((utc + self.standard).div_euclid(DAY));
        // Daylight saving starts at a standard-time wall clock, ends at a daylight one.
        let starts = start.local(year) - self.standard;
        let ends = end.local(year) - daylight;
        let inside = if starts < ends {
            (starts..ends).contains(&utc)
        } else {
            !(ends..starts).contains(&utc)
        };
        if inside {
            daylight
        } else {
            self.standard
        }
    }

    /// The UTC second of the local wall-clock second `local`. A time the
    /// clocks skip moves forward by the gap; a time they repeat is the first.
    pub fn to_utc(self, local: i64) -> i64 {
        let Some((daylight, ..)) = self.daylight else {
            return local - self.standard;
        };
        let fits = |offset: i64| self.offset_at(local - offset) == offset;
        match (fits(self.standard), fits(daylight)) {
            (true, true) => local - self.standard.max(daylight),
            (true, false) => local - self.standard,
            (false, true) => local - daylight,
            (false, false) => local - self.standard.min(daylight),
        }
    }
}

/// Skips a zone abbreviation: letters, or anything in `<…>`.
fn skip_name(rest: &mut &str) -> Option<()> {
    let end = match rest.strip_prefix('<') {
        Some(inner) => inner.find('>')? + 2,
        None => rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len()),
    };
    (end >= 3).then(|| *rest = &rest[end..])
}

/// `[+-]h[:mm[:ss]]` in seconds.
fn hms(rest: &mut &str) -> Option<i64> {
    let (sign, text) = match rest.strip_prefix('-') {
        Some(text) => (-1, text),
        None => (1, rest.strip_prefix('+').unwrap_or(rest)),
    };
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(text.len());
    let mut seconds = 0;
    for (i, part) in text[..end].split(':').enumerate() {
        let unit = [3600, 60, 1].get(i)?;
        seconds += part.parse::<i64>().ok()? * unit;
    }
    *rest = &text[end..];
    Some(sign * seconds)
}

/// `Mm.w.d[/time]`, leaving what follows in `rest`.
fn change<'t>(text: &'t str, rest: &mut &'t str) -> Option<Change> {
    let text = text.strip_prefix('M')?;
    let end = text.find([',', '/']).unwrap_or(text.len());
    let mut parts = text[..end].split('.').map(|p| p.parse::<i64>().ok());
    let (month, week, day) = (parts.next()??, parts.next()??, parts.next()??);
    let valid = (1..=12).contains(&month) && (1..=5).contains(&week) && (0..=6).contains(&day);
    let mut after = &text[end..];
    let time = match after.strip_prefix('/') {
        Some(time) => {
            after = time;
            hms(&mut after)?
        }
        None => 2 * 3600,
    };
    *rest = after;
    (valid && parts.next().is_none()).then_some(Change {
        month,
        week,
        day,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::tzdb;
    use jiff::civil::{Date, DateTime};
    use jiff::tz::TimeZone;
    use jiff::Timestamp;
    use proptest::prelude::*;

    /// Every distinct rule of the table, with one zone that has it.
    fn rules() -> Vec<(&'static str, &'static str)> {
        let split = |line: &'static str| line.split_once(' ').map(|(rule, zones)| (zones, rule));
        tzdb::ZONES.lines().filter_map(split).collect()
    }

    #[test]
    fn every_rule_of_the_table_reads() {
        for (zone, rule) in rules() {
            assert!(Rule::posix(rule).is_some(), "{zone}: {rule}");
        }
        assert_eq!(Rule::posix("CET-1CEST,M3.5.0,M10.5.0/3,x"), None);
        assert_eq!(Rule::posix("C-1"), None);
    }

    proptest! {
        #[test]
        fn the_calendar_is_jiffs(days in -200_000i64..200_000) {
            let date = Date::new(1970, 1, 1).unwrap().checked_add(jiff::Span::new().days(days)).unwrap();
            let (y, m, d) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
            prop_assert_eq!(days_from_civil(y, m, d), days);
            prop_assert_eq!(year_of(days), y);
            prop_assert_eq!(weekday(days), i64::from(date.weekday().to_monday_zero_offset()));
            prop_assert_eq!(month_length(y, m), i64::from(date.days_in_month()));
        }

        #[test]
        fn offsets_and_local_times_are_jiffs(zone in 0..94usize, second in 1_700_000_000i64..2_000_000_000) {
            let rules = rules();
            let (name, text) = rules[zone % rules.len()];
            let rule = Rule::posix(text).unwrap();
            let tz = TimeZone::posix(text).unwrap();
            // Near the changes of the year too, where offsets differ.
            let (_, start, end) = rule.daylight.unwrap_or((0, Change { month: 3, week: 5, day: 0, time: 3600 }, Change { month: 10, week: 5, day: 0, time: 3600 }));
            let year = year_of(second.div_euclid(DAY));
            let near = (second % 7200) - 3600;
            for utc in [second, start.local(year) + near - rule.standard, end.local(year) + near - rule.standard] {
                let expected = tz.to_offset(Timestamp::from_second(utc).unwrap()).seconds();
                prop_assert_eq!(rule.offset_at(utc), i64::from(expected), "{} at {}", name, utc);
                // `utc` read as a wall clock, placed back in UTC.
                let wall: DateTime = TimeZone::UTC.to_datetime(Timestamp::from_second(utc).unwrap());
                let expected = tz.to_ambiguous_timestamp(wall).compatible().unwrap().as_second();
                prop_assert_eq!(rule.to_utc(utc), expected, "{} local {}", name, utc);
            }
        }
    }
}
