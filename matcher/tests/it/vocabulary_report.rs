//! The vocabulary report on a hand-worked program: every section, every row.

use matcher::vocabulary_report::{
    vocabulary_report, LikelyOneTerm, Likeness, ListKind, TermUse, VocabularyReport,
};
use matcher::{read_rosters, Roster};
use std::collections::BTreeMap;

fn rosters() -> (Roster, Roster) {
    let mentors = "id,skills,values,goals\n\
                   m1,javascript; node.js; sql,care,promotion\n\
                   m2,Machine-Learning; kubernetes,care; growth,promotion\n";
    let mentees = "id,skills,values,goals\n\
                   e1,javscript; nodejs,care,promotion; start a company\n\
                   e2,machine learning; k8s,grow,start a company\n";
    read_rosters(
        mentors.as_bytes(),
        "mentors.csv",
        mentees.as_bytes(),
        "mentees.csv",
    )
    .unwrap()
}

fn term(list: ListKind, term: &str, mentor_rows: &[usize], mentee_rows: &[usize]) -> TermUse {
    TermUse {
        list,
        term: term.to_owned(),
        mentor_rows: mentor_rows.to_vec(),
        mentee_rows: mentee_rows.to_vec(),
    }
}

fn likely(likeness: Likeness, spellings: Vec<TermUse>, vocabulary: &str) -> LikelyOneTerm {
    LikelyOneTerm {
        likeness,
        spellings,
        vocabulary: vocabulary.to_owned(),
    }
}

#[test]
fn every_section_with_its_rows() {
    use ListKind::{Goals, Skills, Values};
    let (mentors, mentees) = rosters();
    let report = vocabulary_report(&mentors, &mentees, &BTreeMap::new());
    let expected = VocabularyReport {
        unmet: vec![
            term(Goals, "start a company", &[], &[2, 3]),
            term(Skills, "javscript", &[], &[2]),
            term(Skills, "k8s", &[], &[3]),
            term(Skills, "nodejs", &[], &[2]),
        ],
        one_sided: vec![
            term(Skills, "javascript", &[2], &[]),
            term(Skills, "kubernetes", &[3], &[]),
            term(Skills, "node.js", &[2], &[]),
            term(Skills, "sql", &[2], &[]),
            term(Values, "grow", &[], &[3]),
            term(Values, "growth", &[3], &[]),
        ],
        likely_one_term: vec![
            likely(
                Likeness::Punctuation,
                vec![
                    term(Skills, "node.js", &[2], &[]),
                    term(Skills, "nodejs", &[], &[2]),
                ],
                r#""node.js" = ["nodejs"]"#,
            ),
            likely(
                Likeness::NearMiss,
                vec![
                    term(Skills, "javascript", &[2], &[]),
                    term(Skills, "javscript", &[], &[2]),
                ],
                r#""javascript" = ["javscript"]"#,
            ),
            likely(
                Likeness::SameTerm,
                vec![
                    term(Skills, "machine learning", &[], &[3]),
                    term(Skills, "machine-learning", &[3], &[]),
                ],
                "",
            ),
        ],
    };
    assert_eq!(report, expected);
}

#[test]
fn the_vocabulary_it_suggests_makes_them_one_term() {
    let (mentors, mentees) = rosters();
    let vocabulary: BTreeMap<String, matcher::vocabulary_term::Term> = [
        ("javascript", vec!["javscript"]),
        ("node.js", vec!["nodejs"]),
        ("kubernetes", vec!["k8s"]),
    ]
    .into_iter()
    .map(|(term, aliases)| {
        (
            term.to_owned(),
            aliases
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .into(),
        )
    })
    .collect();
    let report = vocabulary_report(&mentors, &mentees, &vocabulary);
    let unmet: Vec<&str> = report.unmet.iter().map(|u| u.term.as_str()).collect();
    assert_eq!(unmet, ["start a company"]);
    let likeness: Vec<Likeness> = report.likely_one_term.iter().map(|g| g.likeness).collect();
    assert_eq!(likeness, [Likeness::SameTerm]);
}
