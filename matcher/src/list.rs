//! List cells (`python:4; SQL ;  public   speaking`) and their normalisation.

use icu_casemap::CaseMapperBorrowed;
use icu_locale_core::LanguageIdentifier;
use std::collections::HashSet;

/// The level a skill has when its cell gives none.
pub const DEFAULT_LEVEL: u8 = 3;

/// Normalises one item: trimmed, lower-cased (Unicode's default full
/// lower-casing, through the same ICU4X case data as [`term_key`](crate::vocabulary::term_key)),
/// inner whitespace collapsed to one space.
pub fn normalize(item: &str) -> String {
    let mut out = String::with_capacity(item.len());
    for word in item.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            let cases = CaseMapperBorrowed::new();
            out.push_str(&cases.lowercase_to_string(word, &LanguageIdentifier::UNKNOWN));
        }
    }
    out
}

/// Splits a list cell on `separator` (`;` unless a column sets another),
/// normalises each item, drops empty items and duplicates (the first
/// occurrence wins, order is kept). Linear in the cell's length, however many
/// items it holds.
pub fn parse(cell: &str, separator: char) -> Vec<String> {
    let mut seen = HashSet::new();
    cell.split(separator)
        .map(normalize)
        .filter(|item| !item.is_empty() && seen.insert(item.clone()))
        .collect()
}

/// The highest skill level a roster can give.
pub const MAX_LEVEL: u8 = 5;

/// A skill with its level (1–5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skill {
    /// The normalised skill name.
    pub name: String,
    /// 1 (beginner) to 5 (expert).
    pub level: u8,
}

/// Why a skill item could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLevel {
    /// The offending item as written.
    pub item: String,
    /// The text after the `:`.
    pub level: String,
}

/// Parses a skills cell: a list whose items may carry a level (`python:4`).
///
/// Returns the skills (duplicates by name removed, first wins) and every item
/// whose level is not a whole number from 1 to 5.
pub fn parse_skills(cell: &str, separator: char) -> (Vec<Skill>, Vec<BadLevel>) {
    let mut skills: Vec<Skill> = Vec::new();
    let mut seen = HashSet::new();
    let mut bad = Vec::new();
    for raw in cell.split(separator) {
        let (name, level) = match raw.rsplit_once(':') {
            None => (normalize(raw), DEFAULT_LEVEL),
            Some((name, level_text)) => match level_text.trim().parse::<u8>() {
                Ok(level @ 1..=MAX_LEVEL) => (normalize(name), level),
                _ => {
                    bad.push(BadLevel {
                        item: raw.trim().to_owned(),
                        level: level_text.trim().to_owned(),
                    });
                    continue;
                }
            },
        };
        if !name.is_empty() && seen.insert(name.clone()) {
            skills.push(Skill { name, level });
        }
    }
    (skills, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        assert_eq!(normalize("  Public \t  Speaking "), "public speaking");
        assert_eq!(normalize("ÉCOLE"), "école");
        // As `str::to_lowercase`: a word-final capital sigma becomes ς.
        assert_eq!(normalize("ΟΔΟΣ  ΣΟΦΙΑ"), "οδος σοφια");
        assert_eq!(normalize("İstanbul"), "i\u{307}stanbul");
        assert_eq!(normalize("   "), "");
    }

    #[test]
    fn list_drops_empties_and_duplicates_keeping_order() {
        assert_eq!(parse("SQL; python;;sql ; Python  ", ';'), ["sql", "python"]);
        assert!(parse("", ';').is_empty());
        assert!(parse(" ; ; ", ';').is_empty());
    }

    #[test]
    fn skills_carry_levels_with_default_three() {
        let (skills, bad) = parse_skills("Python: 4; sql; python:1;  machine  learning:5", ';');
        assert!(bad.is_empty());
        let got: Vec<_> = skills.iter().map(|s| (s.name.as_str(), s.level)).collect();
        assert_eq!(got, [("python", 4), ("sql", 3), ("machine learning", 5)]);
    }

    #[test]
    fn bad_levels_are_reported_not_dropped_silently() {
        let (skills, bad) = parse_skills("python:9; sql:; rust:0; go:x; c:3", ';');
        assert_eq!(
            skills,
            [Skill {
                name: "c".into(),
                level: 3
            }]
        );
        let levels: Vec<_> = bad.iter().map(|b| b.level.as_str()).collect();
        assert_eq!(levels, ["9", "", "0", "x"]);
        assert_eq!(bad[0].item, "python:9");
    }

    #[test]
    fn a_list_of_a_hundred_thousand_distinct_items_parses_in_linear_time() {
        let cell: String = (0..100_000).map(|i| format!("s{i}:2;")).collect();
        let started = std::time::Instant::now();
        let (skills, bad) = parse_skills(&cell, ';');
        assert_eq!((skills.len(), bad.len()), (100_000, 0));
        assert_eq!(parse(&cell.replace(":2", ""), ';').len(), 100_000);
        // Quadratic deduplication took minutes here; linear takes milliseconds
        // (seconds in a debug build on a loaded machine: the bound leaves room).
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
