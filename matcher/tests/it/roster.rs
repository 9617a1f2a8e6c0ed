//! Roster parsing: formats accepted, and every problem reported with file, row and column.

use matcher::{read_rosters, Code, Error, Roster, Side};

fn problems(csv: &[u8], side: Side) -> Vec<String> {
    let file = if side == Side::Mentor {
        "mentors.csv"
    } else {
        "mentees.csv"
    };
    Roster::from_csv_reader(csv, side, file)
        .expect_err("the roster has problems")
        .iter()
        .map(|d| format!("{d} [{}]", d.code))
        .collect()
}

#[test]
fn columns_match_by_name_in_any_order_and_case() {
    let csv = "Skills , CAPACITY,Department,ID, name\n\"python:4; SQL\",3, Data ,m1,Ada Lovelace\n";
    let r = Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
    let p = &r.people[0];
    assert_eq!(
        (p.id.as_str(), p.name.as_str(), p.capacity, p.row),
        ("m1", "Ada Lovelace", 3, 2)
    );
    let skills: Vec<_> = p
        .skills
        .iter()
        .map(|s| (s.name.as_str(), s.level))
        .collect();
    assert_eq!(skills, [("python", 4), ("sql", 3)]);
    assert_eq!(r.attributes, ["department"]);
    assert_eq!(p.attributes, [Some("data".to_owned())]);
}

#[test]
fn bom_crlf_quotes_and_empty_cells_are_accepted() {
    let csv = "\u{feff}id,name,values,goals,capacity\r\nm1,\"Lovelace, Ada\",\"growth;\ncuriosity\",,\r\nm2,Grace,,promotion,0\r\n";
    let r = Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
    assert_eq!(r.people.len(), 2);
    assert_eq!(r.people[0].name, "Lovelace, Ada");
    assert_eq!(r.people[0].values, ["growth", "curiosity"]);
    assert!(r.people[0].goals.is_empty());
    assert_eq!(r.people[0].capacity, 1, "an empty capacity defaults to 1");
    assert_eq!(r.people[1].capacity, 0);
    assert_eq!(r.people[1].row, 3);
}

#[test]
fn a_mentee_capacity_is_how_many_mentors_they_want_and_blank_rows_are_skipped() {
    let csv = "id,capacity\ne1,2\n,\n\ne2,\n";
    let r = Roster::from_csv_reader(csv.as_bytes(), Side::Mentee, "mentees.csv").unwrap();
    assert_eq!(r.people.len(), 2);
    assert!(r.attributes.is_empty());
    assert_eq!(r.people[0].capacity, 2);
    assert_eq!(r.people[1].capacity, 1, "an empty capacity defaults to 1");
}

#[test]
fn every_row_problem_is_reported_at_once_with_row_and_column() {
    let csv = "id,name,capacity,skills\n\
               m1,Ada,2,python:9\n\
               ,Bob,1,sql\n\
               m1,Cy,x,rust:\n\
               m4,Di,-1,go:0\n\
               m5,Ed,99999999999,\n\
               m6,Fay\n\
               M6,Gus,1,\"c++:2\"\n";
    assert_eq!(
        problems(csv.as_bytes(), Side::Mentor),
        [
            "mentors.csv:2:skills: skill level must be a whole number from 1 to 5, got \"9\" in \"python:9\" (hint: write a skill as `name` or `name:level`, e.g. `python:4`) [bad_skill_level]",
            "mentors.csv:3:id: the id is empty (hint: every person needs a unique id) [empty_id]",
            "mentors.csv:4:capacity: capacity must be a whole number, got \"x\" (hint: use a whole number of mentees, 0 for a mentor who is unavailable) [bad_capacity]",
            "mentors.csv:4:id: the id \"m1\" is already used on row 2 (hint: ids must be unique within a file (they compare case-insensitively)) [duplicate_id]",
            "mentors.csv:4:skills: skill level must be a whole number from 1 to 5, got \"\" in \"rust:\" (hint: write a skill as `name` or `name:level`, e.g. `python:4`) [bad_skill_level]",
            "mentors.csv:5:capacity: capacity must be 0 or more, got \"-1\" (hint: use a whole number of mentees, 0 for a mentor who is unavailable) [bad_capacity]",
            "mentors.csv:5:skills: skill level must be a whole number from 1 to 5, got \"0\" in \"go:0\" (hint: write a skill as `name` or `name:level`, e.g. `python:4`) [bad_skill_level]",
            "mentors.csv:6:capacity: capacity \"99999999999\" is too large (at most 4294967295) (hint: use a whole number of mentees, 0 for a mentor who is unavailable) [bad_capacity]",
            "mentors.csv:7: the row has 2 cells but the header has 4 (hint: check for a missing or extra comma, or an unclosed quote) [ragged_row]",
        ]
    );
}

#[test]
fn duplicate_ids_compare_case_insensitively() {
    let got = problems(b"id\nAb\naB\n", Side::Mentee);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("mentees.csv:3:id: the id \"aB\" is already used on row 2"),
        "{got:?}"
    );
}

#[test]
fn file_level_problems() {
    assert_eq!(
        problems(b"", Side::Mentor),
        ["mentors.csv: the file is empty (hint: a roster needs a header row such as `id,name,skills`) [empty_file]"]
    );
    assert_eq!(
        problems(b"id,name\n", Side::Mentee),
        ["mentees.csv: the file has a header but no people [no_rows]"]
    );
    assert_eq!(
        problems(b"name,skills\nAda,sql\n", Side::Mentee),
        ["mentees.csv:1: the header has no `id` column (hint: found columns: name, skills; to read one of them as the id, map it under [columns] in the config) [missing_id_column]"]
    );
    assert_eq!(
        problems(b"id,Dept,dept\ne1,a,b\n", Side::Mentee),
        ["mentees.csv:1:dept: the column \"dept\" appears more than once (columns 2 and 3) [duplicate_column]"]
    );
}

/// The sample mentor roster's first rows as spreadsheet programs export them.
#[cfg(feature = "encodings")]
const PLAIN: &str = "id,name,capacity,skills,department\nm1,José Núñez,2,\"python:4; sql\",data\nm2,Zoë,1,rust,eng\n";

#[cfg(feature = "encodings")]
fn utf16le_with_mark(text: &str) -> Vec<u8> {
    let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
    units.flat_map(u16::to_le_bytes).collect()
}

#[test]
#[cfg(feature = "encodings")]
fn spreadsheet_exports_read_as_the_same_people() {
    let plain = Roster::from_csv_reader(PLAIN.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
    assert!(plain.format.is_plain());
    let semicolons = PLAIN.replace(',', ";");
    let tabs = PLAIN.replace(',', "\t");
    // Windows-1252: é, ú, ë as single bytes.
    let windows: Vec<u8> = semicolons
        .chars()
        .map(|c| match c {
            'é' => 0xE9,
            'ú' => 0xFA,
            'ë' => 0xEB,
            c => u8::try_from(c).unwrap(),
        })
        .collect();
    let exports = [
        ("\u{feff}".to_owned() + PLAIN).into_bytes(),
        semicolons.clone().into_bytes(),
        windows,
        utf16le_with_mark(&tabs),
    ];
    let formats = [
        "UTF-8 with a byte-order mark, cells separated by commas",
        "UTF-8, cells separated by semicolons",
        "windows-1252, cells separated by semicolons",
        "UTF-16LE with a byte-order mark, cells separated by tabs",
    ];
    for (bytes, format) in exports.iter().zip(formats) {
        let roster = Roster::from_csv_reader(&bytes[..], Side::Mentor, "mentors.csv").unwrap();
        assert_eq!(roster.format.to_string(), format);
        assert_eq!(roster.people, plain.people, "{format}");
        assert_eq!(roster.attributes, plain.attributes, "{format}");
    }
}

#[test]
fn an_unquoted_list_in_a_semicolon_file_is_a_located_error_that_says_why() {
    let got = problems(b"id;name;skills\ne1;Ada;python; sql\n", Side::Mentee);
    assert_eq!(
        got,
        ["mentees.csv:2: the row has 4 cells but the header has 3 (hint: this file separates cells with semicolons, so a list must be quoted as one cell (\"python; sql\"); else check for a missing or extra semicolon, or an unclosed quote) [ragged_row]"]
    );
}

#[test]
fn a_file_marked_utf8_with_other_bytes_names_the_row() {
    let got = problems(b"\xEF\xBB\xBFid,name\ne1,Ada\ne2,Jos\xe9\n", Side::Mentee);
    assert_eq!(
        got,
        ["mentees.csv:3: the file is marked as UTF-8 but its text is not valid UTF-8 (first bad character on line 3) (hint: save the file again from the spreadsheet program as \"CSV UTF-8\") [invalid_utf8]"]
    );
}

#[test]
fn unknown_exclude_ids_are_reported_in_both_files_together_with_parse_problems() {
    let mentors = "id,exclude\nm1,e9\nm2,E1\n";
    let mentees = "id,exclude\ne1,m1; M7\n";
    let Err(Error::Roster(found)) = read_rosters(
        mentors.as_bytes(),
        "mentors.csv",
        mentees.as_bytes(),
        "mentees.csv",
    ) else {
        panic!("expected roster problems");
    };
    let got: Vec<_> = found
        .iter()
        .map(|d| (d.file.as_str(), d.row, d.column.as_deref(), d.code))
        .collect();
    assert_eq!(
        got,
        [
            (
                "mentees.csv",
                Some(2),
                Some("exclude"),
                Code::UnknownExcludeId
            ),
            (
                "mentors.csv",
                Some(2),
                Some("exclude"),
                Code::UnknownExcludeId
            ),
        ]
    );
    assert_eq!(found[0].message, "\"m7\" is not a mentor id in mentors.csv");

    let Err(Error::Roster(found)) = read_rosters(
        &b"id\n"[..],
        "mentors.csv",
        &b"id,skills\ne1,x:7\n"[..],
        "mentees.csv",
    ) else {
        panic!("expected roster problems");
    };
    let codes: Vec<_> = found.iter().map(|d| (d.file.as_str(), d.code)).collect();
    assert_eq!(
        codes,
        [
            ("mentees.csv", Code::BadSkillLevel),
            ("mentors.csv", Code::NoRows)
        ]
    );
}
