//! Rosters as spreadsheet programs and forms export them read as the same
//! people: any separator, any of the encodings, headers renamed and mapped
//! back by `[columns]`.

use crate::invariants::{csv, program};
use matcher::columns::{ColumnRule, ColumnRules};
use matcher::{Roster, Side};
use proptest::prelude::*;

/// How one export is written.
#[derive(Debug, Clone, Copy)]
struct Export {
    delimiter: u8,
    encoding: usize,
    renamed: [bool; 7],
}

fn export() -> impl Strategy<Value = Export> {
    (
        prop::sample::select(vec![b',', b';', b'\t']),
        0usize..5,
        prop::array::uniform7(any::<bool>()),
    )
        .prop_map(|(delimiter, encoding, renamed)| Export {
            delimiter,
            encoding,
            renamed,
        })
}

/// `text` in encoding `which`: UTF-8, UTF-8 with a mark, UTF-16LE and BE with
/// a mark, or Windows-1252 (every character here is in it).
fn encode(text: &str, which: usize) -> Vec<u8> {
    let utf16 = |little: bool| -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(|unit| {
                if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect()
    };
    match which {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => utf16(true),
        3 => utf16(false),
        _ => text
            .chars()
            .map(|c| match c {
                'ë' => 0xEB,
                '€' => 0x80,
                c => u8::try_from(c).expect("a Windows-1252 character"),
            })
            .collect(),
    }
}

/// The plain roster CSV re-exported: a name column added, the header cells
/// picked by `renamed` written as form questions, cells separated by the
/// export's separator; with the `[columns]` rules that map the questions back.
fn reexport(plain: &str, how: Export) -> (Vec<u8>, ColumnRules) {
    let mut reader = csv::Reader::from_reader(plain.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rules = ColumnRules::new();
    let mut written: Vec<String> = Vec::new();
    for (column, renamed) in header.iter().zip(how.renamed) {
        if renamed {
            let question = format!("What is your {column}?");
            let rule = ColumnRule {
                role: Some(column.clone()),
                separator: None,
            };
            rules.insert(question.clone(), rule);
            written.push(question);
        } else {
            written.push(column.clone());
        }
    }
    written.push("name".into());
    let mut out = csv::WriterBuilder::new()
        .delimiter(how.delimiter)
        .from_writer(Vec::new());
    out.write_record(&written).unwrap();
    for (i, record) in reader.records().enumerate() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        cells.push(format!("Zoë Nr {i} €"));
        out.write_record(&cells).unwrap();
    }
    let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
    (encode(&text, how.encoding), rules)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_export_reads_as_the_same_people(
        (mentors, mentees) in program(),
        how in export(),
    ) {
        for (people, side) in [(&mentors, Side::Mentor), (&mentees, Side::Mentee)] {
            let plain = csv(people, side);
            let expected = Roster::from_csv_reader(plain.as_bytes(), side, "r.csv").unwrap();
            let (bytes, rules) = reexport(&plain, how);
            let read = Roster::from_csv_reader_with(&bytes[..], side, "r.csv", &rules).unwrap();
            prop_assert_eq!(read.format.text().map(|t| t.delimiter), Some(char::from(how.delimiter)));
            prop_assert_eq!(&read.attributes, &expected.attributes);
            for (i, (got, want)) in read.people.iter().zip(&expected.people).enumerate() {
                prop_assert_eq!(&got.name, &format!("Zoë Nr {i} €"));
                let got = matcher::roster::Person { name: String::new(), ..got.clone() };
                prop_assert_eq!(&got, want);
            }
            prop_assert_eq!(read.people.len(), expected.people.len());
        }
    }
}
