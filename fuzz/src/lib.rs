//! The bodies of the fuzz targets. Each takes raw bytes and panics only when
//! matcher breaks a promise: a panic inside matcher, a malformed diagnostic, an
//! infeasible or suboptimal matching.
//!
//! `matcher-cli`'s test `fuzz_replay` includes this file and runs every input
//! in `fuzz/regressions/<target>/` through the same function on stable Rust.
//!
//! Matches run on rayon's global pool (`solver.threads = 0`; `run.sh` sizes it
//! to one thread): a pool per input would start and stop a thread every run,
//! which LeakSanitizer reports when the thread is still exiting at its check.

use matcher::solve::{self, Objective, Options, Problem, RowMajor};
use matcher::{Config, MatchOutcome, Roster, Side};

/// A target's body: takes any bytes, panics on a broken promise.
pub type Target = fn(&[u8]);

/// Every target by name, as the replay test finds its regression folder.
pub const TARGETS: [(&str, Target); 7] = [
    ("roster", roster),
    ("config", config),
    ("solve", solve),
    ("pipeline", pipeline),
    ("outcomes", outcomes),
    ("rounds", rounds),
    ("buddies", buddies),
];

/// A roster: the first byte picks the side (even: mentors), the rest is the CSV.
pub fn roster(data: &[u8]) {
    let Some((&side, csv)) = data.split_first() else {
        return;
    };
    let side = if side % 2 == 0 {
        Side::Mentor
    } else {
        Side::Mentee
    };
    match Roster::from_csv_reader(csv, side, "fuzz.csv") {
        Ok(roster) => {
            assert!(!roster.people.is_empty(), "a roster without people parsed");
            for person in &roster.people {
                assert!(!person.id.is_empty(), "empty id accepted");
                assert!(person.skills.iter().all(|s| (1..=5).contains(&s.level)));
                assert_eq!(
                    roster.position(&person.id).map(|i| &roster.people[i]),
                    Some(person)
                );
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a diagnostic");
            assert!(problems.windows(2).all(|w| w[0] <= w[1]), "unsorted");
            for problem in &problems {
                assert_eq!(problem.file, "fuzz.csv");
                assert!(problem.to_string().starts_with("fuzz.csv"));
            }
        }
    }
}

/// A config, read as TOML and as JSON (the wasm shape). A valid one must
/// survive a TOML round trip and a match of a small program.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = [
        toml::from_str::<Config>(text).ok(),
        serde_json::from_str::<Config>(text).ok(),
    ];
    for mut config in parsed.into_iter().flatten() {
        if config.validate().is_err() {
            continue;
        }
        let toml_text = toml::to_string(&config).expect("a valid config serialises");
        let back: Config = toml::from_str(&toml_text).expect("a serialised config parses");
        assert_eq!(back, config, "TOML round trip of\n{toml_text}");
        config.solver.threads = 0;
        let (mentors, mentees) = matcher::read_rosters(
            SMALL_MENTORS.as_bytes(),
            "mentors.csv",
            SMALL_MENTEES.as_bytes(),
            "mentees.csv",
        )
        .expect("the small program is valid");
        let outcome = matcher::match_rosters(&mentors, &mentees, &config)
            .expect("a valid config matches a valid program");
        check_outcome(&outcome, &mentors, &mentees);
    }
}

const SMALL_MENTORS: &str = "id,capacity,skills,values,goals,department,language\n\
    m1,2,rust:5;sql,care,promotion,data,en\n\
    m2,1,figma:2,craft,leadership,design,fr\n\
    m3,0,rust,care,,data,en\n";
const SMALL_MENTEES: &str = "id,skills,values,goals,department,language,exclude\n\
    e1,rust:3,care,promotion,sales,en,\n\
    e2,figma:4,,leadership,data,fr,m1\n\
    e3,sql:5;rust,craft,,design,en,\n\
    e4,,,,data,,\n";

/// A small matrix: rows and columns (0–8 each), flags, then one byte per
/// capacity and per weight (byte 255 forbids the cell). The solution must be
/// certified optimal and equal on the dense and the sparse engine.
pub fn solve(data: &[u8]) {
    let [rows, cols, flags, rest @ ..] = data else {
        return;
    };
    let (rows, cols) = (usize::from(rows % 9), usize::from(cols % 9));
    let objective = if flags & 1 == 0 {
        Objective::Coverage
    } else {
        Objective::Total
    };
    let scale = if flags & 2 == 0 { 1.0 } else { 1e6 };
    let mut bytes = rest.iter().copied().chain(std::iter::repeat(0));
    let mut next = || bytes.next().unwrap_or(0);
    let capacities: Vec<u32> = (0..cols)
        .map(|_| match next() {
            255 => u32::MAX,
            b => u32::from(b % 4),
        })
        .collect();
    let weights: Vec<f64> = (0..rows * cols)
        .map(|_| match next() {
            255 => f64::NEG_INFINITY,
            b => (f64::from(b) - 100.0) * scale,
        })
        .collect();
    let problem = Problem {
        rows,
        cols,
        weights: &weights,
        capacities: &capacities,
        objective,
    };
    let dense = solve::solve(&problem).expect("a well-formed problem solves");
    solve::verify(&problem, &dense).expect("the dense solution is certified");
    assert_eq!(dense.gap(), 0.0, "integer weights give a zero gap");
    let source = RowMajor {
        rows,
        cols,
        weights: &weights,
    };
    let no_memory = Options {
        max_memory: Some(0),
    };
    let sparse = solve::solve_with(&source, &capacities, objective, &no_memory)
        .expect("a well-formed problem solves");
    solve::verify(&problem, &sparse).expect("the sparse solution is certified");
    assert_eq!((sparse.matched, sparse.total), (dense.matched, dense.total));
}

/// The whole match: mentors CSV, mentees CSV, a TOML config, a vocabulary CSV
/// and a pair-scores CSV, separated by `0x1E` bytes (an unreadable config is
/// the default one; a vocabulary or pair-scores file with problems must report
/// them located). The rosters are
/// read by the config's `[columns]`, in any encoding and with any separator.
pub fn pipeline(data: &[u8]) {
    let mut parts = data.splitn(5, |&b| b == 0x1e);
    let (mentors, mentees) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let mut config = config_part(parts.next());
    if let Some(file) = parts.next() {
        match matcher::vocabulary::read_vocabulary(file, "vocabulary.csv") {
            Ok(terms) => config.vocabulary.extend(terms),
            Err(problems) => {
                assert!(!problems.is_empty(), "an error without a diagnostic");
                assert!(problems.iter().all(|p| p.file == "vocabulary.csv"));
                return;
            }
        }
    }
    if let Some(file) = parts.next() {
        match matcher::pair_scores::PairScores::from_csv_reader(file, "pair-scores.csv") {
            Ok(scores) => config.pair_scores = Some(scores),
            Err(problems) => {
                assert!(!problems.is_empty(), "an error without a diagnostic");
                assert!(problems.iter().all(|p| p.file == "pair-scores.csv"));
                return;
            }
        }
    }
    let Ok((mentors, mentees)) = matcher::read_rosters_with(
        mentors,
        "mentors.csv",
        mentees,
        "mentees.csv",
        &config.columns,
    ) else {
        return;
    };
    match matcher::match_rosters(&mentors, &mentees, &config) {
        Ok(outcome) => check_outcome(&outcome, &mentors, &mentees),
        Err(e) => assert!(e.is_bad_input(), "{e}"),
    }
}

/// Every mentee in input order (their rows together: a row per mentor,
/// and one more for places left), never one mentor twice for a mentee, no
/// pair a rule forbids (an exclusion, a must-have want, a pick outside
/// `only` mode's), no mentor over capacity or under a `min_load` (unless
/// `min_load_or_none` left them without mentees), a zero gap, and both
/// reports written.
fn check_outcome(outcome: &MatchOutcome, mentors: &Roster, mentees: &Roster) {
    let rows: Vec<(&str, Option<&str>)> = outcome
        .rows()
        .map(|row| match row {
            Ok(m) => (
                m.explanation.mentee_id.as_str(),
                Some(m.explanation.mentor_id.as_str()),
            ),
            Err(u) => (u.mentee_id.as_str(), None),
        })
        .collect();
    let mut ids: Vec<&str> = rows.iter().map(|&(e, _)| e).collect();
    ids.dedup();
    let expected: Vec<&str> = mentees.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, expected, "every mentee, in input order");
    for (k, &(e, m)) in rows.iter().enumerate() {
        if m.is_some() {
            assert!(!rows[..k].contains(&(e, m)), "{e} has {m:?} twice");
        }
    }
    for m in &outcome.matches {
        let x = &m.explanation;
        assert_eq!(x.forbidden, None, "{} with {}", x.mentee_id, x.mentor_id);
    }
    for (load, mentor) in outcome.mentors.iter().zip(&mentors.people) {
        assert!(
            load.assigned <= mentor.capacity,
            "{} over capacity",
            load.id
        );
        assert!(
            load.assigned >= mentor.min_load || load.assigned == 0,
            "{} under min_load",
            load.id
        );
    }
    assert_eq!(outcome.summary.gap, 0.0);
    let mut csv = Vec::new();
    matcher::report::write_csv(outcome, &mut csv).expect("CSV written");
    let records = csv::Reader::from_reader(&csv[..]).records().count();
    assert_eq!(records, rows.len());
    matcher::report::write_json(outcome, std::io::sink()).expect("JSON written");
}

/// How pairs went: mentors CSV, mentees CSV and an outcomes file separated
/// by `0x1E` bytes, under the default config. A bad outcomes file must
/// report located problems; a good one is evaluated (every row joined or
/// reported) and, with enough answers, calibrated on its first outcome.
pub fn outcomes(data: &[u8]) {
    use matcher::evaluate::Bootstrap;
    use matcher::outcomes::Outcomes;
    let mut parts = data.splitn(3, |&b| b == 0x1e);
    let (mentors, mentees, file) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let outcomes = match Outcomes::from_reader(file, "outcomes.csv") {
        Ok(outcomes) => outcomes,
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a diagnostic");
            assert!(problems.iter().all(|p| p.file == "outcomes.csv"));
            // Whole-file problems (an empty file) have no row; a cell's always has one.
            assert!(
                problems
                    .iter()
                    .all(|p| p.row.is_some() || p.column.is_none()),
                "{problems:?}"
            );
            return;
        }
    };
    let Ok((mentors, mentees)) =
        matcher::read_rosters(mentors, "mentors.csv", mentees, "mentees.csv")
    else {
        return;
    };
    let mut config = Config::default();
    config.solver.threads = 0;
    let bootstrap = Bootstrap {
        resamples: 20,
        seed: 1,
    };
    let evaluation = match matcher::evaluate(&mentors, &mentees, &config, &outcomes, bootstrap) {
        Ok(evaluation) => evaluation,
        Err(e) => return assert!(e.is_bad_input(), "{e}"),
    };
    let unknown_rows: std::collections::BTreeSet<usize> =
        evaluation.unknown.iter().filter_map(|p| p.row).collect();
    assert_eq!(evaluation.listed, outcomes.rows.len());
    assert_eq!(evaluation.joined + unknown_rows.len(), evaluation.listed);
    assert_eq!(evaluation.pairs.len(), evaluation.joined);
    for report in &evaluation.measures {
        assert!(report.answered <= evaluation.joined);
        let binned: usize = report.score.bins.iter().map(|b| b.pairs).sum();
        assert_eq!(binned, report.answered);
        for effect in std::iter::once(&report.score).chain(&report.criteria) {
            if let Some(r) = effect.correlation {
                assert!((-1.0..=1.0).contains(&r), "{r}");
            }
        }
    }
    evaluation
        .write_text(std::io::sink())
        .expect("text written");
    serde_json::to_writer(std::io::sink(), &evaluation).expect("JSON written");
    let measure = outcomes.measures[0];
    let rounds = matcher::Rounds::default();
    match matcher::calibrate::calibrate(
        &mentors, &mentees, &config, &rounds, &outcomes, measure, bootstrap,
    ) {
        Ok(calibration) => {
            let sum: f64 = calibration.weights.iter().map(|w| w.fitted).sum();
            let fitted = calibration.verdict != matcher::calibrate::Verdict::NoSignal;
            assert!(!fitted || (sum - 1.0).abs() < 1e-3, "weights sum to {sum}");
            assert!(calibration.held_out.fitted_error.is_finite());
            calibration
                .write_text(std::io::sink())
                .expect("text written");
        }
        Err(e) => assert!(e.is_bad_input(), "{e}"),
    }
}

/// The config in `part`, read as TOML (the default one where it is missing
/// or unreadable), on rayon's global pool (see the module docs).
fn config_part(part: Option<&[u8]>) -> Config {
    let mut config = part
        .and_then(|text| std::str::from_utf8(text).ok())
        .and_then(|text| toml::from_str::<Config>(text).ok())
        .unwrap_or_default();
    config.solver.threads = 0;
    config
}

/// A second round: mentors CSV, mentees CSV, a TOML config, a locked file
/// and a history file, separated by `0x1E` bytes. A pair file with problems
/// reports them located in that file; a round that resolves keeps every
/// locked pair and makes no history pair that is not locked.
pub fn rounds(data: &[u8]) {
    let mut parts = data.splitn(5, |&b| b == 0x1e);
    let (mentors, mentees) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let config = config_part(parts.next());
    let Some(rounds) = pair_files(parts.next(), parts.next()) else {
        return;
    };
    let Ok((mentors, mentees)) =
        matcher::read_rosters(mentors, "mentors.csv", mentees, "mentees.csv")
    else {
        return;
    };
    let program = match matcher::Program::new(&mentors, &mentees, config, &rounds) {
        Ok(program) => program,
        Err(e) => return assert!(e.is_bad_input(), "{e}"),
    };
    let outcome = program.outcome();
    check_outcome(outcome, &mentors, &mentees);
    let made: Vec<(&str, &str)> = outcome
        .matches
        .iter()
        .map(|m| {
            (
                m.explanation.mentor_id.as_str(),
                m.explanation.mentee_id.as_str(),
            )
        })
        .collect();
    check_rounds(&rounds, |mentor, mentee| made.contains(&(mentor, mentee)));
}

/// Buddy pairs from one peer roster: the people CSV, a TOML config, a locked
/// file and a history file, separated by `0x1E` bytes. Everyone is listed
/// once (paired or not), nobody is paired with themselves, every locked pair
/// is kept, no history pair is made again unless locked, the gap is zero,
/// and the report, suggestions and a why-not answer without a panic.
pub fn buddies(data: &[u8]) {
    use matcher::buddies::BuddyProgram;
    use matcher::people::People;
    let mut parts = data.splitn(4, |&b| b == 0x1e);
    let people = parts.next().unwrap_or_default();
    let config = config_part(parts.next());
    let Some(rounds) = pair_files(parts.next(), parts.next()) else {
        return;
    };
    let people = match People::from_reader(people, "people.csv", &config.columns) {
        Ok(people) => people,
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a diagnostic");
            assert!(problems.iter().all(|p| p.file == "people.csv"));
            return;
        }
    };
    let program = match BuddyProgram::new(&people, config, &rounds) {
        Ok(program) => program,
        Err(e) => return assert!(e.is_bad_input(), "{e}"),
    };
    let outcome = program.outcome();
    let mut listed: Vec<&str> = outcome
        .pairs
        .iter()
        .flat_map(|p| [p.a_id.as_str(), p.b_id.as_str()])
        .chain(outcome.unpaired.iter().map(|u| u.id.as_str()))
        .collect();
    listed.sort_unstable();
    let mut everyone: Vec<&str> = people
        .as_mentors
        .people
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    everyone.sort_unstable();
    assert_eq!(listed, everyone, "everyone listed exactly once");
    assert_eq!(outcome.summary.gap, 0.0);
    let paired = |x: &str, y: &str| {
        outcome
            .pairs
            .iter()
            .any(|p| (p.a_id == x && p.b_id == y) || (p.a_id == y && p.b_id == x))
    };
    check_rounds(&rounds, paired);
    program.fairness_report();
    program.suggest(2);
    if let Some(first) = everyone.first() {
        program
            .why_not(first, None)
            .expect("a listed person has a verdict");
    }
    let mut csv = Vec::new();
    program.write_csv(&mut csv).expect("CSV written");
}

/// The locked and history files of a round, parsed; `None` when one has
/// problems, which must then be located in that file.
fn pair_files(locked: Option<&[u8]>, history: Option<&[u8]>) -> Option<matcher::Rounds> {
    use matcher::rounds::PairFile;
    let read = |bytes: Option<&[u8]>, name: &str| match bytes {
        None => Some(None),
        Some(bytes) => match PairFile::from_csv_reader(bytes, name) {
            Ok(file) => Some(Some(file)),
            Err(problems) => {
                assert!(!problems.is_empty(), "an error without a diagnostic");
                assert!(problems.iter().all(|p| p.file == name), "{problems:?}");
                None
            }
        },
    };
    Some(matcher::Rounds {
        locked: read(locked, "locked.csv")?,
        history: read(history, "history.csv")?,
    })
}

/// Every locked pair was made; no history pair was made unless locked too.
fn check_rounds(rounds: &matcher::Rounds, made: impl Fn(&str, &str) -> bool) {
    let pairs = |file: &Option<matcher::rounds::PairFile>| {
        let rows = file.as_ref().map_or(&[][..], |f| &f.pairs[..]);
        rows.iter()
            .map(|r| (r.mentor_id.clone(), r.mentee_id.clone()))
            .collect::<Vec<_>>()
    };
    let locked = pairs(&rounds.locked);
    for (mentor, mentee) in &locked {
        assert!(
            made(mentor, mentee),
            "locked {mentor}-{mentee} was not kept"
        );
    }
    for (mentor, mentee) in pairs(&rounds.history) {
        if !locked.contains(&(mentor.clone(), mentee.clone())) {
            assert!(
                !made(&mentor, &mentee),
                "history {mentor}-{mentee} made again"
            );
        }
    }
}
