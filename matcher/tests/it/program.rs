//! One program, many questions: the matching is solved once and every
//! question is answered from it; only questions that change the problem
//! (forcing a pair, the cost of diversity) solve again.

use crate::cohort;
use crate::matching::skills_only;
use matcher::generate::{self, Spec};
use matcher::{read_rosters, report, Config, Program, Rounds};

/// A generated program of 40 mentees and 12 mentors with diversity rules.
fn generated() -> (matcher::Roster, matcher::Roster, Config) {
    let spec = Spec {
        mentors: 12,
        mentees: 40,
        seed: 11,
        capacity: None,
        picks: false,
    };
    let (mut m, mut e) = (Vec::new(), Vec::new());
    generate::write(&spec, &mut m, &mut e).unwrap();
    let (m, e) = read_rosters(&m[..], "mentors.csv", &e[..], "mentees.csv").unwrap();
    let config: Config =
        serde_json::from_str(r#"{"diversity": {"department": "different"}}"#).unwrap();
    (m, e, config)
}

#[test]
fn every_answer_matches_the_one_shot_functions_with_one_solve() {
    let (m, e, config) = generated();
    let rounds = Rounds::default();
    let program = Program::new(&m, &e, config.clone(), &rounds).unwrap();
    assert_eq!(program.solves(), 1);

    assert_eq!(
        program.outcome(),
        &matcher::match_rosters(&m, &e, &config).unwrap()
    );
    assert_eq!(
        program.suggest(3),
        matcher::suggest(&m, &e, &config, &rounds, 3).unwrap()
    );
    let (mentee, mentor) = (&e.people[5].id, &m.people[2].id);
    assert_eq!(
        program.explain(mentee, mentor).unwrap(),
        matcher::explain(&m, &e, &config, mentee, mentor).unwrap()
    );
    let (mut csv, mut direct) = (Vec::new(), Vec::new());
    program.write_csv(&mut csv).unwrap();
    report::write_csv(program.outcome(), &mut direct).unwrap();
    assert_eq!(csv, direct);
    let mut json = Vec::new();
    program.write_json(&mut json).unwrap();
    assert!(json.starts_with(b"{"));
    // Standing alone, without a mentor: nothing to force.
    program.why_not(mentee, None).unwrap();
    // The report without its cost of diversity solves nothing.
    assert_eq!(program.fairness_report().unwrap().cost_of_diversity, None);
    assert_eq!(program.solves(), 1);

    // The cost of diversity: one more solve, then kept.
    let cost = program.cost_of_diversity().unwrap().cloned();
    assert!(cost.is_some());
    program.cost_of_diversity().unwrap();
    assert_eq!(program.solves(), 2);
    assert_eq!(
        program.fairness_report().unwrap(),
        matcher::fairness_report(&m, &e, &config, &rounds).unwrap()
    );
    assert_eq!(program.fairness_report().unwrap().cost_of_diversity, cost);
}

#[test]
fn forcing_a_pair_solves_once_per_question() {
    let (m, e) = cohort();
    let config = skills_only("coverage");
    let rounds = Rounds::default();
    let program = Program::new(&m, &e, config.clone(), &rounds).unwrap();
    let verdict = program.why_not("e2", Some("m1")).unwrap();
    assert_eq!(
        verdict,
        matcher::why_not(&m, &e, &config, &rounds, "e2", Some("m1")).unwrap()
    );
    assert!(verdict.pair.unwrap().forcing.is_some());
    assert_eq!(program.solves(), 2);
    // A pair that is made needs no solve.
    program.why_not("e1", Some("m1")).unwrap();
    assert_eq!(program.solves(), 2);
}

#[test]
fn an_owned_program_answers_as_a_borrowed_one() {
    let (m, e, config) = generated();
    let borrowed = Program::new(&m, &e, config.clone(), &Rounds::default()).unwrap();
    let owned: Program<'static> =
        Program::new(m.clone(), e.clone(), config, &Rounds::default()).unwrap();
    assert_eq!(owned.outcome(), borrowed.outcome());
    assert_eq!(owned.suggest(2), borrowed.suggest(2));
}

#[test]
fn the_fair_objective_counts_every_step_of_its_search() {
    let (m, e, mut config) = generated();
    config.solver.objective = matcher::Goal::Fair;
    let program = Program::new(&m, &e, config.clone(), &Rounds::default()).unwrap();
    assert!(program.solves() > 1, "{}", program.solves());
    assert_eq!(
        program.outcome(),
        &matcher::match_rosters(&m, &e, &config).unwrap()
    );
}

/// A memory budget that holds each row's scores (two bytes a cell) but not
/// a dense matrix gives the same matching, byte for byte, as one that holds
/// neither and scores rows again (the same sparse engine on the same
/// weights), with and without history pairs; and the dense engine's total.
#[test]
fn held_rows_give_the_same_matching_as_rows_scored_again() {
    let spec = Spec {
        mentors: 90,
        mentees: 300,
        seed: 5,
        capacity: Some(2),
        picks: false,
    };
    let (mut m, mut e) = (Vec::new(), Vec::new());
    generate::write(&spec, &mut m, &mut e).unwrap();
    let (m, e) = read_rosters(&m[..], "mentors.csv", &e[..], "mentees.csv").unwrap();
    let history = "mentor_id,mentee_id\nM000001,E000001\nM000002,E000002\nM000003,E000001\n";
    let history = matcher::rounds::PairFile::from_csv_reader(history.as_bytes(), "h.csv").unwrap();
    let cells = 300 * 90;
    for rounds in [
        Rounds::default(),
        Rounds {
            locked: None,
            history: Some(history),
        },
    ] {
        let mut outputs = Vec::new();
        // Dense (8 bytes a cell fit in half), held (2 fit, 8 do not), neither.
        for max_memory in [16 * cells as u64, 8 * cells as u64, 2 * cells as u64] {
            let mut config: Config =
                serde_json::from_str(r#"{"diversity": {"department": "different"}}"#).unwrap();
            config.solver.max_memory = matcher::bytesize::ByteSize(max_memory);
            let program = Program::new(&m, &e, config, &rounds).unwrap();
            let summary = &program.outcome().summary;
            assert_eq!(summary.gap, 0.0);
            let mut csv = Vec::new();
            program.write_csv(&mut csv).unwrap();
            outputs.push((
                summary.matched,
                summary.total_score,
                String::from_utf8(csv).unwrap(),
            ));
        }
        assert!(
            outputs[1].2 == outputs[2].2,
            "held rows and rows scored again differ"
        );
        assert_eq!((outputs[0].0, outputs[0].1), (outputs[1].0, outputs[1].1));
    }
}
