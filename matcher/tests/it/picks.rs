//! Participants' picks and wants: the `picks` criterion against numbers
//! worked out by hand, must-haves and `only` mode as hard rules, and every
//! problem of the two columns located.

use crate::invariants::{brute_force, csv, program};
use crate::{mentees, mentors};
use matcher::choices::PickMode;
use matcher::matching::UnmatchedReason;
use matcher::score::{Forbidden, Scorer};
use matcher::{match_rosters, Config, Error, Objective, Roster, Side};
use proptest::prelude::*;

fn config(json: &str) -> Config {
    let c: Config = serde_json::from_str(json).unwrap();
    c.validate().unwrap();
    c
}

/// Mentees ask nothing of skills, goals or values and no diversity is
/// configured, so a pair's total is 100 × its `picks` criterion.
///
/// - m1 picks e2; m2 picks e1 then e2; m3 and m4 pick nobody.
/// - e1 picks m1, m2, m3 (k = 3) and would like a woman who works remotely;
///   e2 picks and wishes nothing; e3 picks m4 and must have a woman.
/// - e5 wants python:3 (m1 offers it) and picks m1 alone.
fn choosers() -> (Roster, Roster) {
    (
        mentors(
            "id,skills,gender,location,picks\n\
             m1,python:3,woman,berlin,e2\n\
             m2,,man,remote,E1; e2\n\
             m3,,woman,remote,\n\
             m4,,,remote,\n",
        ),
        mentees(
            "id,skills,picks,wants\n\
             e1,,m1; m2; m3,gender=woman; Location = Remote\n\
             e2,,,\n\
             e3,,m4,!gender=woman\n\
             e4,,,\n\
             e5,python:3,m1,\n",
        ),
    )
}

/// Each part worked out by hand (mentee pick, mentor pick, mentee's wishes):
///
/// - e1–m1: 3/3, 0 (m1 picked only e2), ½ (woman, not remote) → 1.5 / 3 = 50.00
/// - e1–m2: 2/3, 2/2, ½ (remote, not a woman) → (13/6) / 3 = 72.22
/// - e1–m3: 1/3, (m3 picked nobody), 2/2 → (4/3) / 2 = 66.67
/// - e1–m4: 0, –, ½ (no gender does not meet gender=woman) → 25.00
/// - e2–m1: –, 1/1, – → 100; e2–m2: –, 1/2 (second of two) → 50; e2–m3: not applicable → 0
/// - e5–m1: skills 1, picks (1/1 + 0) / 2 = ½ → (0.35·1 + 0.3·0.5) / 0.65 = 76.92
#[test]
fn the_picks_criterion_by_hand() {
    let (m, e) = choosers();
    let scorer = Scorer::new(&m, &e, &Config::default());
    let picks = |e: usize, m: usize| scorer.criteria(e, m).picks;
    assert_eq!(picks(0, 0), Some(0.5));
    assert_eq!(picks(0, 1), Some((2.0 / 3.0 + 1.0 + 0.5) / 3.0));
    assert_eq!(picks(0, 2), Some((1.0 / 3.0 + 1.0) / 2.0));
    assert_eq!(picks(0, 3), Some(0.25));
    assert_eq!(
        [picks(1, 0), picks(1, 1), picks(1, 2)],
        [Some(1.0), Some(0.5), None]
    );
    let scores: Vec<u32> = (0..4).map(|m| scorer.score(0, m)).collect();
    assert_eq!(scores, [5000, 7222, 6667, 2500]);
    assert_eq!(
        [scorer.score(1, 0), scorer.score(1, 1), scorer.score(1, 2)],
        [10000, 5000, 0]
    );
    assert_eq!(scorer.criteria(4, 0).skills, Some(1.0));
    assert_eq!(picks(4, 0), Some(0.5));
    assert_eq!(scorer.score(4, 0), 7692);
    // A mentee whose priority is picks doubles it: (0.35 + 0.6·0.5) / 0.95 = 68.42.
    let mut e = e;
    e.people[4].priority = Some(matcher::config::Criterion::Picks);
    assert_eq!(Scorer::new(&m, &e, &Config::default()).score(4, 0), 6842);
}

#[test]
fn a_must_have_forbids_the_pairs_that_do_not_meet_it() {
    let (m, e) = choosers();
    let scorer = Scorer::new(&m, &e, &Config::default());
    let must = Forbidden::MustHave {
        attribute: "gender".into(),
        value: "woman".into(),
        by: Side::Mentee,
    };
    // m2 is a man and m4 has no gender: neither meets it.
    assert_eq!(scorer.rule_forbids(2, 1), Some(must.clone()));
    assert_eq!(scorer.rule_forbids(2, 3), Some(must.clone()));
    assert_eq!(scorer.weight(2, 3), None);
    assert_eq!(must.rule(), "a must-have not met: gender=woman (mentee)");
    assert_eq!(scorer.rule_forbids(2, 0), None);
    assert_eq!(scorer.rule_forbids(2, 2), None);
    // The mentor's must-haves bind too, and a list attribute meets a
    // wish when its list holds the value.
    let m = mentors("id,languages,wants\nm1,English; Spanish,!languages=german\nm2,german,\n");
    let e = mentees("id,languages,wants\ne1,german; french,!languages=spanish\ne2,english,\n");
    let mut config = Config::default();
    config
        .attributes
        .insert("languages".into(), Default::default());
    config.attributes.get_mut("languages").unwrap().list = true;
    let scorer = Scorer::new(&m, &e, &config);
    let wish = |value: &str, by| Forbidden::MustHave {
        attribute: "languages".into(),
        value: value.into(),
        by,
    };
    assert_eq!(scorer.rule_forbids(0, 0), None);
    assert_eq!(
        scorer.rule_forbids(0, 1),
        Some(wish("spanish", Side::Mentee))
    );
    assert_eq!(
        scorer.rule_forbids(1, 0),
        Some(wish("german", Side::Mentor))
    );
    assert_eq!(scorer.rule_forbids(1, 1), None);
}

#[test]
fn explanations_and_reasons_name_the_picks() {
    let (m, e) = choosers();
    let x = matcher::explain(&m, &e, &Config::default(), "e1", "m2").unwrap();
    let detail = x.picks.as_ref().unwrap();
    assert_eq!((detail.mentee_pick, detail.mentee_picks), (Some(2), 3));
    assert_eq!((detail.mentor_pick, detail.mentor_picks), (Some(1), 2));
    let met: Vec<(String, bool)> = detail
        .wants
        .iter()
        .map(|w| (w.want.to_string(), w.met))
        .collect();
    assert_eq!(
        met,
        [
            ("gender=woman".to_owned(), false),
            ("location=remote".to_owned(), true)
        ]
    );
    assert_eq!(x.criteria.picks, Some(72.22));
    assert_eq!(
        x.reason(),
        "their 2nd pick; picked by the mentor; wants met: location=remote"
    );
    let x = matcher::explain(&m, &e, &Config::default(), "e3", "m4").unwrap();
    assert_eq!(
        x.reason(),
        "their 1st pick; a must-have not met: gender=woman (mentee)"
    );
    assert_eq!(
        x.forbidden.map(|f| f.to_string()).as_deref(),
        Some("a must-have not met: the mentee wants gender=woman")
    );
    // Nobody chose: no detail, and the criterion does not apply.
    let x = matcher::explain(&m, &e, &Config::default(), "e4", "m3").unwrap();
    assert_eq!((x.picks, x.criteria.picks), (None, None));
}

/// m1 is everyone's best mentor and has one place; e1 and e2 pick only m1.
fn rivals() -> (Roster, Roster) {
    (
        mentors("id,capacity,skills\nm1,1,python:5\nm2,1,python:3\nm3,1,python:2\n"),
        mentees("id,skills,picks\ne1,python:5,m1\ne2,python:5,M1\ne3,python:5,\n"),
    )
}

#[test]
fn in_only_mode_a_mentee_with_picks_is_matched_within_them_or_not_at_all() {
    let (m, e) = rivals();
    let bonus = match_rosters(&m, &e, &Config::default()).unwrap();
    assert_eq!(bonus.summary.matched, 3);
    let only = config(r#"{"preferences": {"mode": "only"}}"#);
    assert_eq!(only.preferences.mode, PickMode::Only);
    let outcome = match_rosters(&m, &e, &only).unwrap();
    assert_eq!(outcome.summary.matched, 2);
    let pairs: Vec<(&str, &str)> = (outcome.matches.iter())
        .map(|x| {
            (
                x.explanation.mentee_id.as_str(),
                x.explanation.mentor_id.as_str(),
            )
        })
        .collect();
    assert_eq!(pairs, [("e1", "m1"), ("e3", "m2")]);
    let unmatched = &outcome.unmatched[0];
    assert_eq!(
        (unmatched.mentee_id.as_str(), unmatched.reason),
        ("e2", UnmatchedReason::NoPickFree)
    );
    assert_eq!(unmatched.reason.as_str(), "no_pick_free");
    assert_eq!(
        unmatched.detail,
        "their only pick is not free (`only` mode): m1 (places taken)"
    );
    let scorer = Scorer::new(&m, &e, &only);
    assert_eq!(scorer.rule_forbids(1, 1), Some(Forbidden::NotPicked));
    assert_eq!(Forbidden::NotPicked.rule(), "not among the mentee's picks");
    // A mentor's picks never restrict.
    let m = mentors("id,capacity,skills,picks\nm1,2,python:5,e2\n");
    let outcome = match_rosters(&m, &mentees("id,skills\ne1,python\ne2,python\n"), &only).unwrap();
    assert_eq!(outcome.summary.matched, 2);
}

#[test]
fn the_picks_csv_column_only_when_someone_chose() {
    let (m, e) = rivals();
    let mut bytes = Vec::new();
    matcher::report::write_csv(
        &match_rosters(&m, &e, &Config::default()).unwrap(),
        &mut bytes,
    )
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("mentee_id,mentee_name,mentor_id,mentor_name,score,skills,goals,values,diversity,picks,reason")
    );
    assert_eq!(
        lines.next(),
        Some("e1,,m1,,100.00,100.00,,,,100.00,their 1st pick; skills: python")
    );
    let plain = mentees("id,skills\ne1,python:5\n");
    let mut bytes = Vec::new();
    matcher::report::write_csv(
        &match_rosters(&m, &plain, &Config::default()).unwrap(),
        &mut bytes,
    )
    .unwrap();
    assert!(bytes.starts_with(
        b"mentee_id,mentee_name,mentor_id,mentor_name,score,skills,goals,values,diversity,reason\n"
    ));
}

fn problems(csv: &str, side: Side) -> Vec<String> {
    let source = if side == Side::Mentor {
        "mentors.csv"
    } else {
        "mentees.csv"
    };
    let err = Roster::from_csv_reader(csv.as_bytes(), side, source).unwrap_err();
    err.iter()
        .map(|d| format!("{} {d}", d.code.as_str()))
        .collect()
}

#[test]
fn bad_picks_and_wants_are_located_problems() {
    assert_eq!(
        problems("id,exclude,picks\ne1,m2,m1; M1; m2; m1\ne2,,m3\n", Side::Mentee),
        [
            "duplicate_pick mentees.csv:2:picks: \"m1\" is picked more than once (hint: list each pick once, most wanted first)",
            "pick_excluded mentees.csv:2:picks: \"m2\" is both picked and excluded (hint: remove the id from `picks` or from `exclude`)",
        ]
    );
    assert_eq!(
        problems("id,wants\nm1,gender=woman; senior\nm2,\nm3,=x; !language=\n", Side::Mentor),
        [
            "bad_want mentors.csv:2:wants: a wish must read `attribute=value`, got \"senior\" (hint: e.g. `gender=woman; !language=spanish` (a leading `!` makes it a must-have))",
            "bad_want mentors.csv:4:wants: a wish must read `attribute=value`, got \"!language=\" (hint: e.g. `gender=woman; !language=spanish` (a leading `!` makes it a must-have))",
            "bad_want mentors.csv:4:wants: a wish must read `attribute=value`, got \"=x\" (hint: e.g. `gender=woman; !language=spanish` (a leading `!` makes it a must-have))",
        ]
    );
    // Through [columns], a form's question is the column the problem names.
    let rules = [(
        "Whom would you like?".to_owned(),
        matcher::columns::ColumnRule {
            role: Some("picks".into()),
            separator: Some(','),
        },
    )]
    .into();
    let err = Roster::from_csv_reader_with(
        "id,Whom would you like?\ne1,\"m1, m2, m1\"\n".as_bytes(),
        Side::Mentee,
        "mentees.csv",
        &rules,
    )
    .unwrap_err();
    assert_eq!(err[0].to_string(), "mentees.csv:2:whom would you like?: \"m1\" is picked more than once (hint: list each pick once, most wanted first)");
}

#[test]
fn unknown_picks_and_want_attributes_are_located_across_the_rosters() {
    let m = mentors("id,gender,picks\nm1,woman,e9\n");
    let e = mentees("id,wants,picks\ne1,gender=woman; Seniority=senior,m1; m7\n");
    let Err(Error::Roster(problems)) = match_rosters(&m, &e, &Config::default()) else {
        panic!("the rosters do not fit together");
    };
    let got: Vec<String> = problems
        .iter()
        .map(|d| format!("{} {d}", d.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            "unknown_pick_id mentees.csv:2:picks: \"m7\" is not a mentor id in mentors.csv (hint: `picks` lists ids from the other file, most wanted first)",
            "unknown_want_attribute mentees.csv:2:wants: mentors.csv has no column \"seniority\" to want a value of (its attribute columns: gender) (hint: a wish names an attribute column of the other file: `attribute=value`)",
            "unknown_pick_id mentors.csv:2:picks: \"e9\" is not a mentee id in mentees.csv (hint: `picks` lists ids from the other file, most wanted first)",
        ]
    );
}

/// Adds a `picks` column to generated CSV: row `i` picks the people at
/// `picks[i]` (0-based, in that order) on the other side, whose ids start
/// with `other`.
pub(crate) fn with_picks(csv: &str, other: char, picks: &[Vec<usize>]) -> String {
    let mut lines = csv.lines();
    let mut out = format!("{},picks\n", lines.next().unwrap());
    for (line, picks) in lines.zip(picks) {
        let ids: Vec<String> = picks.iter().map(|x| format!("{other}{}", x + 1)).collect();
        out.push_str(&format!("{line},{}\n", ids.join(";")));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// In `only` mode no mentee with picks is matched outside them, every
    /// unmatched one is `no_pick_free`, and the matching is as good as the
    /// best assignment of the `bonus` weights with every pair outside a
    /// mentee's picks removed.
    #[test]
    fn only_mode_keeps_mentees_within_their_picks_and_stays_optimal(
        (mentor_people, mentee_people) in program(),
        choice in prop::collection::vec(prop::collection::vec(0usize..4, 0..3), 7),
        objective in prop::sample::select(vec!["coverage", "total"]),
    ) {
        let n = mentor_people.len();
        let picks: Vec<Vec<usize>> = choice.iter().take(mentee_people.len()).map(|p| {
            let mut seen = Vec::new();
            for &m in p.iter().filter(|&&m| m < n) {
                if !seen.contains(&m) {
                    seen.push(m);
                }
            }
            seen
        }).collect();
        let m = Roster::from_csv_reader(csv(&mentor_people, Side::Mentor).as_bytes(), Side::Mentor, "m.csv").unwrap();
        let text = with_picks(&csv(&mentee_people, Side::Mentee), 'm', &picks);
        let e = match Roster::from_csv_reader(text.as_bytes(), Side::Mentee, "e.csv") {
            Ok(e) => e,
            // A pick the mentee also excludes is refused (tested above).
            Err(problems) => {
                prop_assert!(problems.iter().all(|d| d.code.as_str() == "pick_excluded"), "{problems:?}");
                return Ok(());
            }
        };
        let bonus: Config = serde_json::from_str(&format!(
            r#"{{"solver": {{"objective": "{objective}", "threads": 1}}, "constraints": {{"min_score": 20}}}}"#
        )).unwrap();
        let mut only = bonus.clone();
        only.preferences.mode = PickMode::Only;
        let outcome = match match_rosters(&m, &e, &only) {
            Ok(outcome) => outcome,
            Err(Error::Roster(_)) => return Ok(()), // nobody can be matched at all
            Err(other) => panic!("{other}"),
        };
        let mut total = 0u64;
        for x in &outcome.matches {
            let i: usize = x.explanation.mentee_id[1..].parse::<usize>().unwrap() - 1;
            let j: usize = x.explanation.mentor_id[1..].parse::<usize>().unwrap() - 1;
            prop_assert!(picks[i].is_empty() || picks[i].contains(&j), "e{} matched outside its picks", i + 1);
            total += (x.explanation.score * 100.0).round() as u64;
        }
        for u in &outcome.unmatched {
            let i: usize = u.mentee_id[1..].parse::<usize>().unwrap() - 1;
            prop_assert_eq!(u.reason == UnmatchedReason::NoPickFree, !picks[i].is_empty());
        }
        let scorer = Scorer::new(&m, &e, &bonus);
        let weights: Vec<Vec<Option<u32>>> = (0..e.people.len())
            .map(|i| (0..n).map(|j| {
                scorer.weight(i, j).filter(|_| picks[i].is_empty() || picks[i].contains(&j))
            }).collect())
            .collect();
        let mut capacity: Vec<u32> = m.people.iter().map(|p| p.capacity).collect();
        let solver = only.solver.objective.solver();
        let (best_n, best_total) = brute_force(&weights, &mut capacity, 0, solver);
        if solver == Objective::Coverage {
            prop_assert_eq!(outcome.summary.matched, best_n);
        }
        prop_assert_eq!(total, best_total);
        prop_assert_eq!(outcome.summary.gap, 0.0);
    }
}
