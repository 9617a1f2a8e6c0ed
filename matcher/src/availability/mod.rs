//! Availability: weekly slots in each person's own time zone, placed in UTC
//! for one reference week, so that a pair's shared hours are a few ANDs.
//!
//! A roster's `availability` column holds slots such as `mon 18-20; sat
//! 09-12` ([`slots`]); its `timezone` column an IANA name or a UTC offset
//! ([`zone`]). Both are read whenever a roster has an `availability` column
//! (without one, `timezone` is a plain attribute, e.g. for `max_difference`):
//! the criterion counts with `weights.availability` (0 by default) and the
//! rule with `constraints.min_overlap_hours`; explanations show the overlap.
//!
//! - An empty availability cell means the person gave none: the criterion is
//!   not applicable to their pairs and `min_overlap_hours` is not checked, as
//!   `require_same` is not where a side has no value.
//! - An empty or missing time zone reads as UTC; `validate` names the rows.
//! - Daylight saving: each slot starts at the offset its zone has at that
//!   local time in the reference week (`[availability] week`, the week of
//!   Monday 4 January 2027 unless set) and keeps its local length. A start
//!   in a skipped hour moves forward as clocks do; a repeated hour takes the
//!   first offset. Zones follow their current rules ([`tzdb`]), built in.

mod clock;
mod rows;
pub mod slots;
pub mod tzdb;
mod week;
pub mod zone;

pub use week::{Week, QUARTERS, QUARTER_MINUTES};

use crate::config::{Config, ConfigError};
use crate::diagnostic::{excerpt, Code, Diagnostic};
use crate::roster::Roster;
use clock::{days_from_civil, month_length, weekday, Rule, DAY};
use rows::RowOverlaps;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zone::Zone;

/// The reference week unless the config sets one: a January week, when no
/// zone changes its clocks.
pub const DEFAULT_WEEK: &str = "2027-01-04";

/// Seconds in a week.
const WEEK: i64 = 7 * DAY;

/// The `[availability]` config section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AvailabilityOptions {
    /// A date (`YYYY-MM-DD`) in the reference week: the week, Monday to
    /// Sunday, whose offsets place everyone's slots in UTC.
    pub week: String,
}

impl Default for AvailabilityOptions {
    fn default() -> Self {
        AvailabilityOptions {
            week: DEFAULT_WEEK.to_owned(),
        }
    }
}

impl AvailabilityOptions {
    /// Whether these are the defaults (they are then left out of written configs).
    pub fn is_default(&self) -> bool {
        *self == AvailabilityOptions::default()
    }

    /// The reference week, or what is wrong with `week`.
    pub fn reference(&self) -> Result<ReferenceWeek, ConfigError> {
        let bad = || {
            ConfigError::new(
                "availability.week",
                format!(
                    "must be a date such as \"{DEFAULT_WEEK}\", got \"{}\"",
                    self.week
                ),
            )
        };
        let days = parse_date(self.week.trim()).ok_or_else(bad)?;
        Ok(ReferenceWeek {
            monday: (days - weekday(days)) * DAY,
        })
    }
}

/// `YYYY-MM-DD` (years 1900–2999) as days from 1970-01-01.
fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let mut number = |digits: usize| {
        let part = parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse::<i64>().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let valid = (1900..3000).contains(&year)
        && (1..=12).contains(&month)
        && (1..=month_length(year, month)).contains(&day);
    valid.then(|| days_from_civil(year, month, day))
}

/// The week slots are placed in: its Monday 00:00 UTC, in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceWeek {
    monday: i64,
}

impl ReferenceWeek {
    /// The UTC second `quarter` quarters into the week (any number: it wraps).
    fn instant(self, quarter: u32) -> i64 {
        self.monday + i64::from(quarter % QUARTERS) * i64::from(QUARTER_MINUTES) * 60
    }

    /// `slots` in a zone following `rule`, as quarters of the week in UTC.
    pub fn place(self, slots: &[slots::Slot], rule: &Rule) -> Week {
        let mut week = Week::default();
        for slot in slots {
            let local = self.monday + i64::from(slot.day) * DAY + i64::from(slot.start) * 60;
            let seconds = (rule.to_utc(local) - self.monday).rem_euclid(WEEK);
            let quarter = seconds / (i64::from(QUARTER_MINUTES) * 60);
            week.mark(quarter as u32, slot.minutes / QUARTER_MINUTES);
        }
        week
    }

    /// `length` quarters from `start`, in local time under `rule`: `mon 18:00–20:00`.
    fn local(self, start: u32, length: u32, rule: &Rule) -> String {
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let wall = |utc: i64| utc + rule.offset_at(utc);
        let (from, to) = (
            wall(self.instant(start)),
            wall(self.instant(start + length)),
        );
        let clock = |local: i64| {
            let second = local.rem_euclid(DAY);
            (second / 3600, second % 3600 / 60)
        };
        let day = NAMES[weekday(from.div_euclid(DAY)) as usize];
        let ((from_hour, from_minute), (to_hour, to_minute)) = (clock(from), clock(to));
        let midnight = (to_hour, to_minute) == (0, 0) && length < 24 * 4;
        let to_hour = if midnight { 24 } else { to_hour };
        format!("{day} {from_hour:02}:{from_minute:02}–{to_hour:02}:{to_minute:02}")
    }
}

/// One person's availability: their week in UTC and their zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The quarters they are available, in UTC.
    pub week: Week,
    /// How many quarters that is.
    pub quarters: u32,
    /// Their time zone (UTC when they gave none).
    pub zone: Zone,
    /// Whether they gave a time zone.
    pub zone_given: bool,
}

/// The schedules of one roster (`None` for people who gave no availability)
/// and the problems with its cells, located by file, row and column.
pub fn read(roster: &Roster, reference: ReferenceWeek) -> (Vec<Option<Schedule>>, Vec<Diagnostic>) {
    let (slots_column, zone_column) = (
        roster.attribute("availability"),
        roster.attribute("timezone"),
    );
    let mut problems = Vec::new();
    if slots_column.is_none() {
        return (vec![None; roster.people.len()], problems);
    }
    let mut schedules = Vec::with_capacity(roster.people.len());
    for person in &roster.people {
        let cell = |column: Option<usize>| column.and_then(|c| person.attributes[c].as_deref());
        let at = |column: &str, code, message| {
            Diagnostic::at(&roster.source, person.row, Some(column), code, message)
        };
        let zone = match cell(zone_column).map(zone::parse) {
            None => None,
            Some(Ok(zone)) => Some(zone),
            Some(Err(message)) => {
                problems.push(at("timezone", Code::BadTimezone, message).with_hint(zone::ACCEPTED));
                None
            }
        };
        let slots = match cell(slots_column).map(slots::parse) {
            None => Vec::new(),
            Some(Ok(slots)) => slots,
            Some(Err(message)) => {
                // Name the whole cell when the message quotes only one of its slots.
                let text = format!("\"{}\"", excerpt(cell(slots_column).unwrap_or_default()));
                let message = match message.contains(&text) {
                    true => message,
                    false => format!("{message} (in {text})"),
                };
                problems.push(
                    at("availability", Code::BadAvailability, message).with_hint(slots::ACCEPTED),
                );
                Vec::new()
            }
        };
        schedules.push((!slots.is_empty()).then(|| {
            let zone_given = zone.is_some();
            let zone = zone.unwrap_or_else(Zone::utc);
            let week = reference.place(&slots, &zone.rule);
            Schedule {
                quarters: week.quarters(),
                week,
                zone,
                zone_given,
            }
        }));
    }
    (schedules, problems)
}

/// Every problem with the availability and time zone cells of both rosters
/// (none for a roster without an availability column).
pub fn check(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<Diagnostic> {
    let Ok(reference) = config.availability.reference() else {
        return Vec::new();
    };
    let mut problems: Vec<Diagnostic> = [mentors, mentees]
        .into_iter()
        .flat_map(|roster| read(roster, reference).1)
        .collect();
    crate::sorting::sort(&mut problems);
    problems
}

/// What one roster's availability columns hold, for `validate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterAvailability {
    /// People who gave availability.
    pub people: usize,
    /// Each time zone with how many of them are in it, by name.
    pub zones: BTreeMap<String, usize>,
    /// The rows of people who gave availability but no time zone (read as UTC).
    pub without_zone: Vec<usize>,
}

impl RosterAvailability {
    /// What `roster`'s availability columns hold under `config`; `None` when
    /// the roster has no availability column or its cells have problems
    /// ([`check`] reports them).
    pub fn new(roster: &Roster, config: &Config) -> Option<RosterAvailability> {
        roster.attribute("availability")?;
        let reference = config.availability.reference().ok()?;
        let (schedules, problems) = read(roster, reference);
        if !problems.is_empty() {
            return None;
        }
        let mut summary = RosterAvailability {
            people: 0,
            zones: BTreeMap::new(),
            without_zone: Vec::new(),
        };
        for (person, schedule) in roster.people.iter().zip(&schedules) {
            let Some(schedule) = schedule else { continue };
            summary.people += 1;
            *summary.zones.entry(schedule.zone.name.clone()).or_default() += 1;
            if !schedule.zone_given {
                summary.without_zone.push(person.row);
            }
        }
        Some(summary)
    }
}

/// Both rosters' schedules, and the `min_overlap_hours` rule, for scoring.
#[derive(Debug)]
pub(crate) struct Pairing {
    reference: ReferenceWeek,
    mentees: Vec<Option<Schedule>>,
    mentors: Vec<Option<Schedule>>,
    /// The weeks laid out for rows.
    rows: RowOverlaps,
    /// `min_overlap_hours`; 0 = no rule.
    min_hours: f64,
}

/// The shared hours of a pair, in both people's local time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// Hours a week both are available.
    pub hours: f64,
    /// Hours a week the mentee is available.
    pub mentee_hours: f64,
    /// The mentee's time zone.
    pub mentee_zone: String,
    /// The mentor's time zone.
    pub mentor_zone: String,
    /// Each shared stretch of time.
    pub slots: Vec<SharedSlot>,
}

/// One stretch of time both are available, in each one's local time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedSlot {
    /// In the mentee's time: `mon 18:00–20:00`.
    pub mentee: String,
    /// In the mentor's time.
    pub mentor: String,
}

impl Overlap {
    /// `overlap mon 18:00–20:00 (mentee, Europe/Berlin) = mon 17:00–19:00 (mentor, Europe/London)`,
    /// or `no overlap`.
    pub fn describe(&self) -> String {
        if self.slots.is_empty() {
            return "no overlap".to_owned();
        }
        let slots: Vec<String> = self
            .slots
            .iter()
            .map(|s| {
                format!(
                    "{} (mentee, {}) = {} (mentor, {})",
                    s.mentee, self.mentee_zone, s.mentor, self.mentor_zone
                )
            })
            .collect();
        format!("overlap {}", slots.join(", "))
    }
}

/// A number of quarters in hours.
fn hours(quarters: u32) -> f64 {
    f64::from(QUARTER_MINUTES) * f64::from(quarters) / 60.0
}

impl Pairing {
    /// Both rosters' schedules, when either has an availability column. Cells
    /// with problems count as empty here: [`check`] reports them first.
    pub(crate) fn new(mentors: &Roster, mentees: &Roster, config: &Config) -> Option<Pairing> {
        let column = |r: &Roster| r.attribute("availability").is_some();
        if !(column(mentors) || column(mentees)) {
            return None;
        }
        let reference = config.availability.reference().ok()?;
        let mentors = read(mentors, reference).0;
        let min_hours = config.constraints.min_overlap_hours;
        Some(Pairing::of(
            reference,
            read(mentees, reference).0,
            mentors,
            min_hours,
        ))
    }

    /// The pairing of these schedules under `min_overlap_hours = min_hours`.
    fn of(
        reference: ReferenceWeek,
        mentees: Vec<Option<Schedule>>,
        mentors: Vec<Option<Schedule>>,
        min_hours: f64,
    ) -> Pairing {
        Pairing {
            reference,
            rows: RowOverlaps::new(mentors.iter().map(week_of), mentees.iter().map(week_of)),
            mentees,
            mentors,
            min_hours,
        }
    }

    /// The share of the mentee's hours the mentor shares, `None` when either
    /// gave no availability.
    pub(crate) fn share(&self, e: usize, m: usize) -> Option<f64> {
        let (a, b) = (self.mentees[e].as_ref()?, self.mentors[m].as_ref()?);
        Some(share(a, b))
    }

    /// The quarters mentee `e` shares with every mentor, `NaN` where either
    /// gave no availability; and the mentee's [`per_quarter`] (`NaN` without
    /// availability), for [`share_of`].
    pub(crate) fn row_overlaps(&self, e: usize, out: &mut [f64]) -> f64 {
        self.rows.row(e, out);
        self.mentees[e].as_ref().map_or(f64::NAN, per_quarter)
    }

    /// The pair's shared hours when `min_overlap_hours` forbids it.
    pub(crate) fn too_short(&self, e: usize, m: usize) -> Option<f64> {
        let (a, b) = (self.mentees[e].as_ref()?, self.mentors[m].as_ref()?);
        Some(hours(a.week.overlap(&b.week))).filter(|&h| h < self.min_hours)
    }

    /// The minimum shared hours of the rule.
    pub(crate) fn min_hours(&self) -> f64 {
        self.min_hours
    }

    /// Marks `-inf` where `min_overlap_hours` forbids a pair, given a row's
    /// [`row_overlaps`](Self::row_overlaps).
    pub(crate) fn forbid_row(&self, overlaps: &[f64], out: &mut [f64]) {
        if self.min_hours <= 0.0 {
            return;
        }
        // Quarters are whole: `quarters × 15 / 60` is exactly `quarters / 4`,
        // which is below the hours exactly when `quarters` is below 4 × hours.
        let fewest = self.min_hours * f64::from(60 / QUARTER_MINUTES);
        for (cell, &quarters) in out.iter_mut().zip(overlaps) {
            // `NaN` (no availability) compares false: not checked.
            if quarters < fewest {
                *cell = f64::NEG_INFINITY;
            }
        }
    }

    /// The pair's shared hours in both local times, `None` when either gave
    /// no availability.
    pub(crate) fn overlap(&self, e: usize, m: usize) -> Option<Overlap> {
        let (a, b) = (self.mentees[e].as_ref()?, self.mentors[m].as_ref()?);
        let both = a.week.and(&b.week);
        let slots = both
            .runs()
            .into_iter()
            .map(|(start, length)| SharedSlot {
                mentee: self.reference.local(start, length, &a.zone.rule),
                mentor: self.reference.local(start, length, &b.zone.rule),
            })
            .collect();
        Some(Overlap {
            hours: hours(both.quarters()),
            mentee_hours: hours(a.quarters),
            mentee_zone: a.zone.name.clone(),
            mentor_zone: b.zone.name.clone(),
            slots,
        })
    }
}

/// A schedule's week, if any.
fn week_of(schedule: &Option<Schedule>) -> Option<&Week> {
    schedule.as_ref().map(|s| &s.week)
}

/// The share of `mentee`'s quarters that `mentor` shares.
fn share(mentee: &Schedule, mentor: &Schedule) -> f64 {
    share_of(
        f64::from(mentee.week.overlap(&mentor.week)),
        per_quarter(mentee),
    )
}

/// What one quarter is of `mentee`'s week: the reciprocal of their quarters
/// (infinite for an empty week, whose shares are then `NaN`).
fn per_quarter(mentee: &Schedule) -> f64 {
    1.0 / f64::from(mentee.quarters)
}

/// The share `shared` quarters are of a week whose [`per_quarter`] is given:
/// a multiplication, the same for a pair and in a whole row (which has no
/// division per cell).
pub(crate) fn share_of(shared: f64, per_quarter: f64) -> f64 {
    shared * per_quarter
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Side;

    fn week_of(date: &str) -> ReferenceWeek {
        AvailabilityOptions { week: date.into() }
            .reference()
            .expect("a date")
    }

    fn schedule(slots_cell: &str, zone_cell: &str, reference: ReferenceWeek) -> Schedule {
        let zone = zone::parse(zone_cell).expect("a zone");
        let week = reference.place(&slots::parse(slots_cell).expect("slots"), &zone.rule);
        Schedule {
            quarters: week.quarters(),
            week,
            zone,
            zone_given: true,
        }
    }

    /// A pairing of one mentee and one mentor, in the given reference week.
    fn pair(mentee: (&str, &str), mentor: (&str, &str), week: &str) -> Pairing {
        let reference = week_of(week);
        let mentees = vec![Some(schedule(mentee.0, mentee.1, reference))];
        let mentors = vec![Some(schedule(mentor.0, mentor.1, reference))];
        Pairing::of(reference, mentees, mentors, 0.0)
    }

    fn described(mentee: (&str, &str), mentor: (&str, &str)) -> (Option<f64>, String) {
        let pairing = pair(mentee, mentor, DEFAULT_WEEK);
        let overlap = pairing.overlap(0, 0).expect("both gave availability");
        (pairing.share(0, 0), overlap.describe())
    }

    #[test]
    fn any_date_stands_for_its_week_from_monday() {
        assert_eq!(week_of("2027-01-07"), week_of("2027-01-04"));
        assert_eq!(week_of("2027-01-10"), week_of("2027-01-04"));
        assert_ne!(week_of("2027-01-11"), week_of("2027-01-04"));
        let bad = AvailabilityOptions {
            week: "next week".into(),
        }
        .reference()
        .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "availability.week: must be a date such as \"2027-01-04\", got \"next week\""
        );
    }

    #[test]
    fn one_hour_apart_the_same_evening_overlaps_fully() {
        // Berlin is UTC+1 in January, London UTC+0: both are 17–19 UTC.
        assert_eq!(
            described(("mon 18-20", "Europe/Berlin"), ("mon 17-19", "Europe/London")),
            (
                Some(1.0),
                "overlap mon 18:00–20:00 (mentee, Europe/Berlin) = mon 17:00–19:00 (mentor, Europe/London)"
                    .to_owned()
            )
        );
    }

    #[test]
    fn half_hour_offsets_overlap_by_quarters() {
        // Kolkata 09:00–11:00 is 03:30–05:30 UTC; the mentor's 04–06 UTC
        // shares 04:00–05:30, 1.5 of the mentee's 2 hours.
        assert_eq!(
            described(("tue 09-11", "Asia/Kolkata"), ("tue 04-06", "UTC")),
            (
                Some(0.75),
                "overlap tue 09:30–11:00 (mentee, Asia/Kolkata) = tue 04:00–05:30 (mentor, UTC)"
                    .to_owned()
            )
        );
        let (share, _) = described(("tue 09-11", "+05:45"), ("tue 03-04", "UTC"));
        assert_eq!(share, Some(0.375), "03:15–04:00 UTC: 3 quarters of 8");
    }

    #[test]
    fn slots_across_midnight_and_across_sunday_into_monday() {
        assert_eq!(
            described(("fri 22-02", "UTC"), ("sat 01-03", "UTC")),
            (
                Some(0.25),
                "overlap sat 01:00–02:00 (mentee, UTC) = sat 01:00–02:00 (mentor, UTC)".to_owned()
            )
        );
        // Auckland is UTC+13 in January: Monday 08–10 there is Sunday 19–21
        // UTC, Sunday 11–13 in Los Angeles (UTC-8).
        assert_eq!(
            described(("mon 08-10", "Pacific/Auckland"), ("sun 11-13", "America/Los_Angeles")),
            (
                Some(1.0),
                "overlap mon 08:00–10:00 (mentee, Pacific/Auckland) = sun 11:00–13:00 (mentor, America/Los_Angeles)"
                    .to_owned()
            )
        );
        // Sunday 23:00 to Monday 01:00 UTC wraps around the end of the week.
        assert_eq!(
            described(("sun 23-01", "UTC"), ("mon 00-01; sun 23-24", "UTC")),
            (
                Some(1.0),
                "overlap sun 23:00–01:00 (mentee, UTC) = sun 23:00–01:00 (mentor, UTC)".to_owned()
            )
        );
        assert_eq!(
            described(("sat 20-22", "UTC-03:30"), ("sun 10-11", "UTC+14")),
            (Some(0.0), "no overlap".to_owned())
        );
    }

    #[test]
    fn the_reference_week_decides_daylight_saving() {
        // New York moves to UTC-4 on Sunday 14 March 2027 at 02:00. In that
        // week Saturday 10:00 there is 15:00 UTC and Sunday 10:00 is 14:00 UTC;
        // in January both are 15:00 UTC.
        let mentee = ("sat 10-11; sun 10-11", "America/New_York");
        let mentor = ("sat 15-16; sun 15-16", "UTC");
        assert_eq!(pair(mentee, mentor, "2027-03-14").share(0, 0), Some(0.5));
        assert_eq!(pair(mentee, mentor, DEFAULT_WEEK).share(0, 0), Some(1.0));
        // A slot starting in the skipped hour moves forward as clocks do
        // (02:30 is 03:30 EDT, 07:30 UTC) and keeps its local length.
        let skipped = pair(
            ("sun 02:30-03:30", "America/New_York"),
            ("sun 07-08", "UTC"),
            "2027-03-10",
        );
        assert_eq!(skipped.share(0, 0), Some(0.5));
        let overlap = skipped.overlap(0, 0).unwrap();
        assert_eq!(overlap.slots[0].mentee, "sun 03:30–04:00");
    }

    #[test]
    fn the_rule_forbids_short_overlaps_only_where_both_gave_availability() {
        let Pairing {
            reference,
            mentees,
            mut mentors,
            ..
        } = pair(("mon 18-20", "UTC"), ("mon 19-21", "UTC"), DEFAULT_WEEK);
        mentors.push(None);
        let mut pairing = Pairing::of(reference, mentees, mentors, 1.5);
        assert_eq!(pairing.too_short(0, 0), Some(1.0));
        assert_eq!(pairing.too_short(0, 1), None);
        assert_eq!(pairing.share(0, 1), None);
        let (mut row, mut overlaps) = ([0.0, 0.0], [0.0, 0.0]);
        assert_eq!(pairing.row_overlaps(0, &mut overlaps), 1.0 / 8.0);
        assert!(overlaps[0] == 4.0 && overlaps[1].is_nan());
        pairing.forbid_row(&overlaps, &mut row);
        assert_eq!(row, [f64::NEG_INFINITY, 0.0]);
        pairing.min_hours = 1.0;
        assert_eq!(pairing.too_short(0, 0), None);
    }

    #[test]
    fn bad_cells_are_located_and_missing_zones_read_as_utc() {
        let csv = "id,capacity,timezone,availability\n\
                   m1,1,Europe/Berlin,mon 18-20\n\
                   m2,1,Mars/Olympus,xyz 1-2\n\
                   m3,1,,tue 10-12\n\
                   m4,1,UTC+2,\n";
        let roster = Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
        let (schedules, problems) = read(&roster, week_of(DEFAULT_WEEK));
        let found: Vec<String> = problems.iter().map(|d| format!("{d}")).collect();
        assert_eq!(
            found,
            [
                format!("mentors.csv:3:timezone: \"mars/olympus\" is not a time zone name or a UTC offset (hint: {})", zone::ACCEPTED),
                format!("mentors.csv:3:availability: \"xyz\" in \"xyz 1-2\" is not a day (hint: {})", slots::ACCEPTED),
            ]
        );
        assert_eq!(problems[0].code, Code::BadTimezone);
        assert_eq!(problems[1].code, Code::BadAvailability);
        assert!(schedules[1].is_none() && schedules[3].is_none());
        let m3 = schedules[2].as_ref().unwrap();
        assert_eq!(
            (m3.zone.name.as_str(), m3.zone_given, m3.quarters),
            ("UTC", false, 8)
        );
    }
}

#[cfg(test)]
mod oracle {
    //! The bitset against a minute-by-minute count that goes the other way:
    //! from each UTC minute to the person's local time, by the `jiff` crate
    //! and its full copy of the time zone database.
    use super::*;
    use jiff::tz::{Offset, TimeZone};
    use jiff::Timestamp;
    use proptest::prelude::*;

    /// A zone cell as `jiff` reads it: a name from its database, else the offset.
    fn jiff_zone(cell: &str) -> TimeZone {
        TimeZone::get(cell).unwrap_or_else(|_| {
            let offset = zone::parse(cell).unwrap().rule.offset_at(0);
            TimeZone::fixed(Offset::from_seconds(offset as i32).unwrap())
        })
    }

    /// Zones with no clock change in the default reference week, several
    /// off the whole hour.
    const ZONES: [&str; 8] = [
        "UTC",
        "Europe/Berlin",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "America/St_Johns",
        "Pacific/Auckland",
        "UTC-09:30",
        "+12:45",
    ];
    const DAYS: [&str; 7] = ["Mon", "tuesday", "wed", "Thu", "fri", "SAT", "sunday"];
    const WEEK_MINUTES: i64 = WEEK / 60;

    /// A slot `(day, start quarter, end quarter)` written as a person would.
    fn cell(slots: &[(usize, u32, u32)]) -> String {
        let time = |q: u32| format!("{}:{:02}", q / 4, q % 4 * 15);
        let slots: Vec<String> = slots
            .iter()
            .map(|&(d, s, e)| format!("{} {}-{}", DAYS[d], time(s), time(e)))
            .collect();
        slots.join("; ")
    }

    /// Whether `slots` (local) cover the UTC minute `minute` of the week, in `zone`.
    fn covers(
        slots: &[(usize, u32, u32)],
        zone: &TimeZone,
        reference: ReferenceWeek,
        minute: i64,
    ) -> bool {
        let instant = Timestamp::from_second(reference.monday + minute * 60).unwrap();
        let local = minute + i64::from(zone.to_offset(instant).seconds()) / 60;
        slots.iter().any(|&(d, s, e)| {
            let start = d as i64 * 1440 + i64::from(s) * 15;
            let length = (i64::from(e) - i64::from(s)).rem_euclid(96) * 15;
            (local - start).rem_euclid(WEEK_MINUTES) < length
        })
    }

    fn slots() -> impl Strategy<Value = Vec<(usize, u32, u32)>> {
        let slot = (0..7usize, 0..96u32, 1..96u32).prop_map(|(d, s, len)| (d, s, (s + len) % 96));
        prop::collection::vec(slot, 1..4)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn overlap_equals_the_minutes_both_are_free(
            a in slots(), b in slots(), za in 0..ZONES.len(), zb in 0..ZONES.len()
        ) {
            let reference = week_of_default();
            let (zone_a, zone_b) = (zone::parse(ZONES[za]).unwrap(), zone::parse(ZONES[zb]).unwrap());
            let week_a = reference.place(&slots::parse(&cell(&a)).unwrap(), &zone_a.rule);
            let week_b = reference.place(&slots::parse(&cell(&b)).unwrap(), &zone_b.rule);
            let (jiff_a, jiff_b) = (jiff_zone(ZONES[za]), jiff_zone(ZONES[zb]));
            let (mut both, mut alone) = (0, 0);
            for minute in 0..WEEK_MINUTES {
                let in_a = covers(&a, &jiff_a, reference, minute);
                alone += i64::from(in_a);
                both += i64::from(in_a && covers(&b, &jiff_b, reference, minute));
            }
            prop_assert_eq!(i64::from(week_a.overlap(&week_b)) * 15, both);
            prop_assert_eq!(i64::from(week_a.quarters()) * 15, alone);
        }
    }

    fn week_of_default() -> ReferenceWeek {
        AvailabilityOptions::default().reference().unwrap()
    }
}
