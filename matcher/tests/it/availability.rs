//! Availability and time zones through the whole program: the rule, the
//! criterion, explanations and located errors.

use crate::{mentees, mentors};
use matcher::matching::UnmatchedReason;
use matcher::score::Forbidden;
use matcher::{explain, match_rosters, Config, Roster};
use proptest::prelude::*;

fn config(json: &str) -> Config {
    serde_json::from_str(json).expect("a config")
}

/// Availability alone (weight 1), `min_overlap_hours = 1.5`:
///
/// | | m1 London, mon–fri 18–20 (18–20 UTC) | m2 New York, sat 10–12 (15–17 UTC) | m3 none |
/// |---|---|---|---|
/// | e1 Berlin, mon 19–21, sat 16–17 (mon 18–20, sat 15–16 UTC) | 2 of 3 h | 1 h: forbidden | n/a |
/// | e2 Kolkata, sat 20:30–22:30 (sat 15–17 UTC) | 0 h: forbidden | 2 of 2 h | n/a |
/// | e3 no time zone (UTC), sun 03–04 | 0 h: forbidden | 0 h: forbidden | n/a |
fn program() -> (Roster, Roster, Config) {
    (
        mentors(
            "id,capacity,timezone,availability\n\
             m1,1,Europe/London,mon-fri 18-20\n\
             m2,1,America/New_York,Saturday 10am-12pm\n\
             m3,1,,\n",
        ),
        mentees(
            "id,timezone,availability\n\
             e1,Europe/Berlin,mon 19-21; sat 16-17\n\
             e2,UTC+05:30,sat 20:30-22:30\n\
             e3,,sun 03-04\n",
        ),
        config(
            r#"{"weights": {"skills": 0, "goals": 0, "values": 0, "diversity": 0, "availability": 1},
                "constraints": {"min_overlap_hours": 1.5}}"#,
        ),
    )
}

#[test]
fn the_rule_forbids_short_overlaps_and_the_criterion_scores_shared_hours() {
    let (m, e, config) = program();
    let outcome = match_rosters(&m, &e, &config).unwrap();
    let pairs: Vec<(&str, &str, f64)> = outcome
        .matches
        .iter()
        .map(|x| {
            let x = &x.explanation;
            (x.mentee_id.as_str(), x.mentor_id.as_str(), x.score)
        })
        .collect();
    assert_eq!(
        pairs,
        [("e1", "m1", 66.67), ("e2", "m2", 100.0), ("e3", "m3", 0.0)]
    );
    assert_eq!(
        outcome.matches[0].explanation.criteria.availability,
        Some(66.67)
    );
    assert_eq!(
        outcome.matches[0].reason,
        "overlap mon 19:00–21:00 (mentee, Europe/Berlin) = mon 18:00–20:00 (mentor, Europe/London)"
    );
    assert_eq!(
        outcome.matches[1].reason,
        "overlap sat 20:30–22:30 (mentee, UTC+05:30) = sat 10:00–12:00 (mentor, America/New_York)"
    );
    assert_eq!(outcome.summary.criteria.availability, Some(83.33));

    let x = explain(&m, &e, &config, "e1", "m2").unwrap();
    assert_eq!(
        x.forbidden,
        Some(Forbidden::MinOverlapHours {
            hours: 1.0,
            min: 1.5
        })
    );
    assert_eq!(
        x.forbidden.unwrap().to_string(),
        "min_overlap_hours: 1 h a week together, fewer than 1.5"
    );
    let overlap = x.availability.unwrap();
    assert_eq!((overlap.hours, overlap.mentee_hours), (1.0, 3.0));
    assert_eq!(overlap.describe(), "overlap sat 16:00–17:00 (mentee, Europe/Berlin) = sat 10:00–11:00 (mentor, America/New_York)");
    // Who gave no availability is not held to the rule and not scored on it.
    let x = explain(&m, &e, &config, "e3", "m3").unwrap();
    assert_eq!(
        (x.forbidden, x.criteria.availability, x.availability),
        (None, None, None)
    );
}

#[test]
fn a_mentee_every_available_mentor_is_too_far_from_is_explained() {
    let (_, e, config) = program();
    let m = mentors(
        &format!("{}m4,1,UTC,\n", "id,capacity,timezone,availability\nm1,1,Europe/London,mon-fri 18-20\nm2,1,America/New_York,sat 10-12\n"),
    );
    let outcome = match_rosters(&m, &e, &config).unwrap();
    let e3 = outcome.rows().nth(2).unwrap();
    assert_eq!(e3.unwrap().explanation.mentor_id, "m4");
    let e = mentees("id,availability\ne1,sun 03-04\n");
    let m = mentors("id,capacity,availability\nm1,1,mon 09-17\nm2,1,tue 09-17\n");
    let u = &match_rosters(&m, &e, &config).unwrap().unmatched[0];
    assert_eq!(
        (u.reason, u.detail.as_str()),
        (
            UnmatchedReason::AllCandidatesForbidden,
            "all 2 mentors are ruled out: min_overlap_hours (2)"
        )
    );
}

#[test]
fn at_weight_0_scores_are_unchanged_and_the_overlap_still_explained() {
    let (m, e, _) = program();
    let with = match_rosters(&m, &e, &Config::default()).unwrap();
    let renamed = |roster: &Roster| {
        let mut plain = roster.clone();
        let column = plain.attribute("availability").unwrap();
        plain.attributes[column] = "free time".into();
        plain
    };
    let without = match_rosters(&renamed(&m), &renamed(&e), &Config::default()).unwrap();
    let scores = |o: &matcher::MatchOutcome| -> Vec<f64> {
        o.matches.iter().map(|x| x.explanation.score).collect()
    };
    assert_eq!(scores(&with), scores(&without));
    let x = explain(&m, &e, &Config::default(), "e1", "m1").unwrap();
    assert_eq!(x.criteria.availability, Some(66.67));
    assert_eq!(x.availability.unwrap().hours, 2.0);
    let bad = mentees("id,timezone,availability\ne1,UTC,evenings\n");
    let err = match_rosters(&m, &bad, &Config::default()).unwrap_err();
    assert_eq!(err.code(), "bad_availability");
}

#[test]
fn bad_cells_are_located_errors_when_availability_is_used() {
    let (m, _, rules) = program();
    let e = mentees("id,timezone,availability\ne1,Mars/Olympus,mon 18-20\ne2,UTC,mon 18-25\n");
    let err = match_rosters(&m, &e, &rules).unwrap_err();
    assert_eq!(err.code(), "bad_timezone");
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(
        "mentees.csv:2:timezone: \"mars/olympus\" is not a time zone name or a UTC offset (hint: write an IANA"
    ));
    assert!(lines[1].starts_with(
        "mentees.csv:3:availability: \"25\" in \"mon 18-25\" is past 24:00 (hint: write slots"
    ));
    let week = config(r#"{"availability": {"week": "2027-13-01"}}"#)
        .validate()
        .unwrap_err();
    assert_eq!(week.key, "availability.week");
    let hours = config(r#"{"constraints": {"min_overlap_hours": 200}}"#)
        .validate()
        .unwrap_err();
    assert_eq!(
        hours.to_string(),
        "constraints.min_overlap_hours: a week has 168 hours, got 200"
    );
}

const ZONES: [&str; 6] = [
    "Europe/Berlin",
    "UTC-03:30",
    "",
    "Asia/Kathmandu",
    "America/New_York",
    "+14",
];
const DAYS: [&str; 8] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon-fri"];

fn person() -> impl Strategy<Value = String> {
    let slot = (0..DAYS.len(), 0..24u32, 1..24u32)
        .prop_map(|(d, s, len)| format!("{} {s}-{}", DAYS[d], (s + len) % 24));
    (0..ZONES.len(), prop::collection::vec(slot, 0..3), 0..4u8)
        .prop_map(|(z, slots, skill)| format!("{},{},s{skill}", ZONES[z], slots.join("; ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn scores_stay_within_0_and_100(
        mentor_rows in prop::collection::vec(person(), 1..5),
        mentee_rows in prop::collection::vec(person(), 1..6),
        weight in 0.0..3.0f64,
        min_hours in 0.0..4.0f64,
    ) {
        let rows = |rows: &[String]| -> String {
            rows.iter().enumerate().map(|(i, r)| format!("p{i},{r}\n")).collect()
        };
        let m = mentors(&format!("id,timezone,availability,skills\n{}", rows(&mentor_rows)));
        let e = mentees(&format!("id,timezone,availability,skills\n{}", rows(&mentee_rows)));
        let mut config = Config::default();
        config.weights.availability = weight;
        config.constraints.min_overlap_hours = min_hours;
        for mentee in &e.people {
            for mentor in &m.people {
                let x = explain(&m, &e, &config, &mentee.id, &mentor.id).unwrap();
                prop_assert!((0.0..=100.0).contains(&x.score));
                if let Some(share) = x.criteria.availability {
                    prop_assert!((0.0..=100.0).contains(&share));
                    let overlap = x.availability.as_ref().unwrap();
                    prop_assert!(overlap.hours <= overlap.mentee_hours);
                    let forbidden = matches!(x.forbidden, Some(Forbidden::MinOverlapHours { .. }));
                    prop_assert_eq!(forbidden, overlap.hours < min_hours);
                }
            }
        }
    }
}
