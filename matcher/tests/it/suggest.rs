//! Capacity-aware suggestions: ranked by score minus the mentor's dual price,
//! so a mentor comes first for no more mentees than their capacity.

use crate::invariants::{config, program, rosters};
use crate::matching::{pairs, skills_only};
use crate::rounds_of;
use crate::{cohort, mentees, mentors};
use matcher::suggest::Suggestions;
use matcher::{match_rosters, suggest, Rounds};
use proptest::prelude::*;

fn firsts(all: &[Suggestions]) -> Vec<(&str, Option<&str>)> {
    all.iter()
        .map(|s| {
            let first = s.mentors.first().map(|m| m.mentor_id.as_str());
            (s.mentee_id.as_str(), first)
        })
        .collect()
}

/// Every mentee scores 100 with the star (capacity 1) and 50 with m2 and m3
/// (capacity 2 each): by score alone the star would come first for all four.
#[test]
fn a_one_place_star_is_suggested_first_to_one_mentee_only() {
    let m = mentors("id,capacity,skills\nstar,1,a;b\nm2,2,a\nm3,2,b\n");
    let e = mentees("id,skills\ne1,a;b\ne2,a;b\ne3,a;b\ne4,a;b\n");
    let config = skills_only("coverage");
    let all = suggest(&m, &e, &config, &Rounds::default(), 3).unwrap();
    assert_eq!(
        firsts(&all),
        [
            ("e1", Some("star")),
            ("e2", Some("m2")),
            ("e3", Some("m2")),
            ("e4", Some("m3"))
        ]
    );
    // The star's price is 50 (what its place is worth to the others), so for
    // e2 it ties with m2 and m3 at 100 - 50 = 50 - 0: the assigned mentor
    // wins the tie, then roster order.
    let e2: Vec<(&str, f64, bool)> = all[1]
        .mentors
        .iter()
        .map(|s| (s.mentor_id.as_str(), s.score, s.assigned))
        .collect();
    assert_eq!(
        e2,
        [
            ("m2", 50.0, true),
            ("star", 100.0, false),
            ("m3", 50.0, false)
        ]
    );
    assert_eq!(all[0].mentors[0].reason, "skills: a, b");
}

#[test]
fn a_locked_mentee_gets_its_mentor_first_and_full_mentors_are_not_suggested() {
    let (m, e) = cohort();
    let rounds = rounds_of(
        "mentor_id,mentee_id\nm1,e2\n",
        "mentor_id,mentee_id\nm2,e1\n",
    );
    let all = suggest(&m, &e, &skills_only("coverage"), &rounds, 4).unwrap();
    let ids = |i: usize| -> Vec<&str> {
        all[i]
            .mentors
            .iter()
            .map(|s| s.mentor_id.as_str())
            .collect()
    };
    // e1: m1 is locked to e2 (no place left) and m2 is history. m3 scores
    // more (50) but is worth 100 to e3, so e1's optimal mentor m4 (20) is first.
    assert_eq!(ids(0), ["m4", "m3"]);
    assert!(all[0].mentors[0].assigned);
    // e2 is locked to m1: first, marked assigned; m1 is offered to nobody else.
    assert_eq!(ids(1)[0], "m1");
    assert!(all[1].mentors[0].assigned);
    assert!(!ids(2).contains(&"m1"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// On random programs every matched mentee's first suggestion is its
    /// optimal mentor, so no mentor is first more often than its capacity,
    /// and no unmatched mentee has a suggestion marked assigned.
    #[test]
    fn the_first_suggestion_is_the_optimal_mentor(
        (mentor_people, mentee_people) in program(),
        config in config(),
    ) {
        let (m, e) = rosters(&mentor_people, &mentee_people);
        let result = suggest(&m, &e, &config, &Rounds::default(), 2);
        // Programs where no pair is possible at all are refused (see `invariants`).
        prop_assume!(result.is_ok());
        let all = result.unwrap();
        let outcome = match_rosters(&m, &e, &config).unwrap();
        let mut first_count = vec![0u32; m.people.len()];
        for (s, (mentee, mentor)) in all.iter().zip(pairs(&outcome)) {
            prop_assert_eq!(&s.mentee_id, &mentee);
            let assigned: Vec<&str> = s.mentors.iter().filter(|x| x.assigned).map(|x| x.mentor_id.as_str()).collect();
            match mentor {
                Some(mentor) => {
                    prop_assert_eq!(&s.mentors[0].mentor_id, &mentor);
                    prop_assert_eq!(assigned, [mentor.as_str()]);
                    first_count[m.position(&mentor).unwrap()] += 1;
                }
                None => prop_assert!(assigned.is_empty()),
            }
        }
        for (j, p) in m.people.iter().enumerate() {
            prop_assert!(first_count[j] <= p.capacity);
        }
    }
}
