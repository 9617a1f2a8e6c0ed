//! `[columns]`: headers as forms write them mapped to roles, list separators
//! per column, and comma-separated lists never read silently as one item.

use matcher::columns::{ColumnRule, ColumnRules};
use matcher::{match_rosters, Code, Config, Roster, Side};

fn rules(entries: &[(&str, Option<&str>, Option<char>)]) -> ColumnRules {
    entries
        .iter()
        .map(|&(header, role, separator)| {
            let rule = ColumnRule {
                role: role.map(str::to_owned),
                separator,
            };
            (header.to_owned(), rule)
        })
        .collect()
}

fn read(csv: &str, side: Side, rules: &ColumnRules) -> Result<Roster, Vec<String>> {
    Roster::from_csv_reader_with(csv.as_bytes(), side, "f.csv", rules).map_err(|problems| {
        problems
            .iter()
            .map(|d| format!("{d} [{}]", d.code))
            .collect()
    })
}

#[test]
fn questions_map_to_roles_and_attributes_by_header() {
    let rules = rules(&[
        ("Your ID", Some("id"), None),
        (
            "Which skills would you like to develop?",
            Some("skills"),
            Some(','),
        ),
        ("Your team", Some("Department"), None),
        ("Goals", None, Some('/')),
    ]);
    let csv = "Timestamp,YOUR ID,Which skills would you like to develop?,Your team,goals\n\
               2026-09-01,e1,\"Python:4, SQL\",Data,promotion / career growth\n";
    let roster = read(csv, Side::Mentee, &rules).unwrap();
    let person = &roster.people[0];
    assert_eq!(person.id, "e1");
    let skills: Vec<_> = person
        .skills
        .iter()
        .map(|s| (s.name.as_str(), s.level))
        .collect();
    assert_eq!(skills, [("python", 4), ("sql", 3)]);
    assert_eq!(person.goals, ["promotion", "career growth"]);
    assert_eq!(roster.attributes, ["timestamp", "department"]);
    assert_eq!(person.attributes[1].as_deref(), Some("data"));
}

#[test]
fn a_renamed_attribute_is_what_the_rules_name() {
    let mut config = Config {
        columns: rules(&[("Your team", Some("department"), None)]),
        ..Config::default()
    };
    config.constraints.require_different = vec!["department".into()];
    let mentors = "id,your team\nm1,data\nm2,sales\n";
    let mentees = "id,Your Team\ne1,data\n";
    let read = |csv: &str, side| {
        Roster::from_csv_reader_with(csv.as_bytes(), side, "f.csv", &config.columns).unwrap()
    };
    let outcome = match_rosters(
        &read(mentors, Side::Mentor),
        &read(mentees, Side::Mentee),
        &config,
    )
    .unwrap();
    assert_eq!(outcome.matches[0].explanation.mentor_id, "m2");
}

#[test]
fn two_columns_with_one_role_are_a_located_problem() {
    let rules = rules(&[("Which skills?", Some("skills"), None)]);
    let got = read("id,skills,Which skills?\ne1,a,b\n", Side::Mentee, &rules).unwrap_err();
    assert_eq!(
        got,
        ["f.csv:1:which skills?: the columns \"skills\" and \"which skills?\" are both read as \"skills\" (columns 2 and 3) [duplicate_column]"]
    );
}

#[test]
fn comma_separated_lists_are_refused_until_their_separator_is_set() {
    let csv = "id,skills,values\ne1,\"python:4, sql\",care\ne2,rust,\"growth, care\"\ne3,go,\n";
    let got = read(csv, Side::Mentee, &ColumnRules::new()).unwrap_err();
    assert_eq!(
        got,
        [
            "f.csv:2:skills: the list \"python:4, sql\" looks comma-separated (1 of 3 filled cells have commas, none has `;`), so it would be read as one item (hint: list items are separated by `;`; to read this column as it is, add `\"skills\" = { separator = \",\" }` under [columns] in the config) [comma_separated_list]",
            "f.csv:3:values: the list \"growth, care\" looks comma-separated (1 of 2 filled cells have commas, none has `;`), so it would be read as one item (hint: list items are separated by `;`; to read this column as it is, add `\"values\" = { separator = \",\" }` under [columns] in the config) [comma_separated_list]",
        ]
    );
    // A column that uses `;` anywhere keeps its commas as part of an item.
    let mixed = "id,skills\ne1,\"research, writing; sql\"\ne2,\"a, b\"\n";
    let roster = read(mixed, Side::Mentee, &ColumnRules::new()).unwrap();
    assert_eq!(roster.people[1].skills[0].name, "a, b");
    // Set, the separator reads the items.
    let set = rules(&[("skills", None, Some(',')), ("values", None, Some(','))]);
    let roster = read(csv, Side::Mentee, &set).unwrap();
    assert_eq!(roster.people[1].values, ["growth", "care"]);
    assert_eq!(Code::CommaSeparatedList.as_str(), "comma_separated_list");
}

#[test]
fn bad_column_rules_are_config_errors_naming_the_key() {
    let problem = |entries: &[(&str, Option<&str>, Option<char>)]| {
        let config = Config {
            columns: rules(entries),
            ..Config::default()
        };
        config.validate().err().map(|e| e.to_string())
    };
    assert_eq!(
        problem(&[("Team", Some("department"), Some(','))]).unwrap(),
        "columns.Team: a separator applies to a list column (skills, values, goals, exclude, picks, wants, or an attribute declared a list under [attributes]), and this one is read as \"department\""
    );
    assert_eq!(
        problem(&[("skills", None, Some('x'))]).unwrap(),
        "columns.skills: the separator must be a punctuation character such as \",\" or \";\", got 'x'"
    );
    assert_eq!(
        problem(&[("Team", Some(" "), None)]).unwrap(),
        "columns.Team: the role is empty"
    );
    assert_eq!(
        problem(&[
            ("Your Team", Some("a"), None),
            ("your  team", Some("b"), None)
        ])
        .unwrap(),
        "columns.your  team: \"Your Team\" and \"your  team\" name the same column"
    );
    assert_eq!(problem(&[("Topics", Some("goals"), Some('|'))]), None);
}

#[test]
fn the_config_reads_a_role_or_a_table() {
    let config: Config = serde_json::from_str(
        r#"{"columns": {"Q1": "skills", "Q2": {"role": "goals", "separator": ","}, "skills": {"separator": "/"}}}"#,
    )
    .unwrap();
    assert_eq!(
        config.columns,
        rules(&[
            ("Q1", Some("skills"), None),
            ("Q2", Some("goals"), Some(',')),
            ("skills", None, Some('/')),
        ])
    );
    let bad = serde_json::from_str::<Config>(r#"{"columns": {"Q1": {"rol": "skills"}}}"#);
    assert!(bad.unwrap_err().to_string().contains("unknown field `rol`"));
}
