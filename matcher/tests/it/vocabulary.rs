//! One vocabulary: spellings of one term score as one term, aliases as their
//! canonical term, and a vocabulary never changes what a roster means beyond that.

use crate::invariants::{config, csv, program, reports};
use matcher::{match_rosters, read_rosters, Config, Error, Roster, Side};
use proptest::prelude::*;

fn config_with(terms: &[(&str, &[&str])]) -> Config {
    let mut config = Config::default();
    for (canonical, aliases) in terms {
        let aliases: Vec<String> = aliases.iter().map(|a| a.to_string()).collect();
        config
            .vocabulary
            .insert(canonical.to_string(), aliases.into());
    }
    config
}

fn program_of(mentors: &str, mentees: &str, config: &Config) -> matcher::MatchOutcome {
    let (mentors, mentees) = read_rosters(
        mentors.as_bytes(),
        "mentors.csv",
        mentees.as_bytes(),
        "mentees.csv",
    )
    .unwrap();
    match_rosters(&mentors, &mentees, config).unwrap()
}

const MENTORS: &str = "id,skills,values\nm1,Machine-Learning:4; JS:3,Work_Life balance\n";
const MENTEES: &str =
    "id,skills,values\ne1,machine learning:4; javascript:3,work-life  BALANCE; care\n";

#[test]
fn spellings_of_one_term_match_without_a_vocabulary() {
    let outcome = program_of(MENTORS, MENTEES, &Config::default());
    let pair = &outcome.matches[0];
    // Machine learning is covered, javascript is not offered ("js" is another term).
    assert_eq!(pair.explanation.criteria.skills, Some(50.0));
    // One shared value of two distinct ones (Jaccard).
    assert_eq!(pair.explanation.criteria.values, Some(50.0));
    // The first spelling met (the mentor's) names the term.
    assert_eq!(
        pair.reason,
        "skills: machine-learning; values: work_life balance"
    );
}

#[test]
fn an_alias_scores_as_its_canonical_term_and_is_named_by_it() {
    let config = config_with(&[("javascript", &["js", "ecmascript"])]);
    let pair = &program_of(MENTORS, MENTEES, &config).matches[0];
    assert_eq!(pair.explanation.criteria.skills, Some(100.0));
    assert_eq!(
        pair.reason,
        "skills: machine-learning, javascript; values: work_life balance"
    );
}

#[test]
fn an_alias_of_a_term_already_listed_keeps_one_item_with_the_first_level() {
    let mentors = "id,skills\nm1,javascript:2\n";
    let mentees = "id,skills\ne1,JS:2; javascript:5\n";
    let config = config_with(&[("javascript", &["js"])]);
    let (_, mentees) = read_rosters(
        mentors.as_bytes(),
        "mentors.csv",
        mentees.as_bytes(),
        "mentees.csv",
    )
    .unwrap();
    assert_eq!(
        mentees.people[0].skills.len(),
        2,
        "the roster keeps what was written"
    );
    let pair = &program_of(mentors, "id,skills\ne1,JS:2; javascript:5\n", &config).matches[0];
    // One wanted skill at level 2, covered at level 2.
    assert_eq!(pair.explanation.criteria.skills, Some(100.0));
}

#[test]
fn a_vocabulary_that_gives_a_term_two_meanings_is_a_config_error() {
    let problem = |terms: &[(&str, &[&str])]| match config_with(terms).validate() {
        Err(e) => e.to_string(),
        Ok(()) => String::new(),
    };
    assert_eq!(
        problem(&[("javascript", &["js"]), ("json", &["JS"])]),
        "vocabulary.json: \"JS\" is also an alias of \"javascript\": a term can mean only one thing"
    );
    assert_eq!(
        problem(&[("machine learning", &["ML", "ai"]), ("ai", &["artificial intelligence"])]),
        "vocabulary.machine learning: \"ai\" is a canonical term of its own: list its aliases under one of them"
    );
    assert_eq!(
        problem(&[("sql", &[" - "])]),
        "vocabulary.sql: the alias \" - \" is empty"
    );
    assert_eq!(
        problem(&[("__", &[])]),
        "vocabulary: \"__\" is not a term: it has no letters or digits"
    );
    assert_eq!(
        problem(&[("sql", &["SQL", "structured query language"])]),
        ""
    );
}

/// Spellings of the generated items that mean the same term.
fn respellings(item: &str) -> [String; 4] {
    let wide: String = item
        .chars()
        .map(|c| char::from_u32(c as u32 - 'a' as u32 + 'Ａ' as u32).unwrap())
        .collect();
    [
        item.to_uppercase(),
        wide,
        format!("  {item} "),
        format!("_{item}-"),
    ]
}

/// The roster CSV with every skill and value item rewritten by `respell`
/// (the i-th item met gets `respell(i, item)`).
fn respelled(csv: &str, respell: impl Fn(usize, &str) -> String) -> String {
    let mut count = 0;
    let mut out = String::new();
    for (row, line) in csv.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        if row > 0 {
            for cell in &mut cells[2..4] {
                let items: Vec<String> = cell
                    .split(';')
                    .filter(|item| !item.is_empty())
                    .map(|item| {
                        let (name, level) = item
                            .split_once(':')
                            .map_or((item, None), |(n, l)| (n, Some(l)));
                        count += 1;
                        let name = respell(count, name);
                        level.map_or(name.clone(), |l| format!("{name}:{l}"))
                    })
                    .collect();
                *cell = items.join(";");
            }
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn parse(text: &str, side: Side) -> Roster {
    Roster::from_csv_reader(text.as_bytes(), side, "r.csv").unwrap()
}

/// (mentee, mentor, score) of each match, and the unmatched with their reasons.
fn pairs(outcome: &matcher::MatchOutcome) -> (Vec<(String, String, f64)>, Vec<String>) {
    (
        outcome
            .matches
            .iter()
            .map(|m| {
                (
                    m.explanation.mentee_id.clone(),
                    m.explanation.mentor_id.clone(),
                    m.explanation.score,
                )
            })
            .collect(),
        outcome
            .unmatched
            .iter()
            .map(|u| format!("{} {}", u.mentee_id, u.reason.as_str()))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// With an empty vocabulary, spelling variants of a term (case, full-width
    /// letters, spaces, `-` and `_`) give the same pairs and scores as the plain spelling.
    #[test]
    fn spelling_never_changes_a_score_without_a_vocabulary(
        (mentors, mentees) in program(),
        config in config(),
        choices in prop::collection::vec(0usize..4, 64),
    ) {
        let plain = (parse(&csv(&mentors, Side::Mentor), Side::Mentor), parse(&csv(&mentees, Side::Mentee), Side::Mentee));
        let respell = |i: usize, item: &str| respellings(item)[choices[i % choices.len()]].clone();
        let varied = (
            parse(&respelled(&csv(&mentors, Side::Mentor), respell), Side::Mentor),
            parse(&respelled(&csv(&mentees, Side::Mentee), respell), Side::Mentee),
        );
        match (match_rosters(&plain.0, &plain.1, &config), match_rosters(&varied.0, &varied.1, &config)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(pairs(&a), pairs(&b));
                prop_assert!(b.matches.iter().all(|m| (0.0..=100.0).contains(&m.explanation.score)));
            }
            (Err(Error::Roster(a)), Err(Error::Roster(b))) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.err(), b.err()),
        }
    }

    /// Rosters written with aliases give the same bytes out as rosters written
    /// with the canonical terms, under a vocabulary that maps the one to the other.
    #[test]
    fn aliases_give_the_canonical_bytes(
        (mentors, mentees) in program(),
        config in config(),
        aliased in prop::collection::vec(any::<bool>(), 64),
    ) {
        let mut with_vocabulary = config.clone();
        for term in ["a", "b", "c", "d", "v", "w"] {
            with_vocabulary.vocabulary.insert(term.to_owned(), vec![format!("alias of {term}")].into());
        }
        let alias = |i: usize, item: &str| {
            if aliased[i % aliased.len()] { format!("Alias-of-{item}") } else { item.to_owned() }
        };
        let plain = (parse(&csv(&mentors, Side::Mentor), Side::Mentor), parse(&csv(&mentees, Side::Mentee), Side::Mentee));
        let written = (
            parse(&respelled(&csv(&mentors, Side::Mentor), alias), Side::Mentor),
            parse(&respelled(&csv(&mentees, Side::Mentee), alias), Side::Mentee),
        );
        match (match_rosters(&plain.0, &plain.1, &config), match_rosters(&written.0, &written.1, &with_vocabulary)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(reports(&a), reports(&b)),
            (Err(Error::Roster(a)), Err(Error::Roster(b))) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.err(), b.err()),
        }
    }
}

proptest! {
    /// A vocabulary written as a `term,canonical` file reads back as the same
    /// `[vocabulary]`, whatever the column order.
    #[test]
    fn a_vocabulary_file_reads_back_as_its_terms(
        terms in prop::collection::btree_map("[a-z]{1,6}", prop::collection::vec("[A-Z]{1,4}", 0..3), 0..5),
        canonical_first in any::<bool>(),
    ) {
        let mut csv = String::from(if canonical_first { "canonical,term\n" } else { "Term,Canonical\n" });
        for (canonical, aliases) in &terms {
            let row = |term: &str, of: &str| if canonical_first { format!("{of},{term}\n") } else { format!("{term},{of}\n") };
            csv.push_str(&row(canonical, ""));
            for alias in aliases {
                csv.push_str(&row(alias, canonical));
            }
        }
        let read = matcher::vocabulary::read_vocabulary(csv.as_bytes(), "vocabulary.csv").unwrap();
        let terms: std::collections::BTreeMap<String, matcher::vocabulary_term::Term> =
            terms.into_iter().map(|(canonical, aliases)| (canonical, aliases.into())).collect();
        prop_assert_eq!(read, terms);
    }
}
