//! The rosters' vocabulary as an admin fixes it before matching: skills and
//! goals mentees want that no mentor offers, terms only one side uses, and
//! spellings that are likely one term, each with the rows that use it.
//!
//! Terms are read as matching reads them, through the config's
//! `[vocabulary]` ([`crate::vocabulary`]). Likely one term are: spellings the
//! folded key already merges (`work-life balance`, `work life balance`),
//! terms equal once punctuation and spaces go (`node.js`, `nodejs`), and near
//! misses one edit apart (`javascript`, `javscript`), for terms of 4 or more
//! letters; each comes with a `[vocabulary]` line that makes it one term.

use crate::roster::{Person, Roster};
use crate::vocabulary::{term_key, Vocabulary};
use crate::vocabulary_term::Term;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The list a term is used in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// Skills: wanted by mentees, offered by mentors.
    Skills,
    /// Values.
    Values,
    /// Goals: a mentee's, or those a mentor can help with.
    Goals,
}

impl ListKind {
    /// `"skills"`, `"values"` or `"goals"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Skills => "skills",
            ListKind::Values => "values",
            ListKind::Goals => "goals",
        }
    }
}

/// One term (or one spelling of it) and the roster rows that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermUse {
    /// The list it is used in.
    pub list: ListKind,
    /// The term as matching reads it, or one spelling as written.
    pub term: String,
    /// Mentor rows that use it (the header is row 1).
    pub mentor_rows: Vec<usize>,
    /// Mentee rows that use it.
    pub mentee_rows: Vec<usize>,
}

/// Why some spellings are likely one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Likeness {
    /// They differ only in case, compatibility forms, `-`, `_` or spaces:
    /// matching already reads them as one term.
    SameTerm,
    /// They are equal once punctuation and spaces go.
    Punctuation,
    /// One edit (a letter added, dropped, changed or two swapped) apart.
    NearMiss,
}

/// Spellings that are likely one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LikelyOneTerm {
    /// Why.
    pub likeness: Likeness,
    /// Each spelling with its rows, most used first.
    pub spellings: Vec<TermUse>,
    /// The `[vocabulary]` line that makes them one term (empty for
    /// [`Likeness::SameTerm`], which needs none).
    pub vocabulary: String,
}

/// The vocabulary report of two rosters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VocabularyReport {
    /// Skills and goals mentees want that no mentor offers, most wanted first.
    pub unmet: Vec<TermUse>,
    /// Other terms only one side uses, by list, most used first.
    pub one_sided: Vec<TermUse>,
    /// Spellings that are likely one term: those a `[vocabulary]` line would
    /// make one (by list), then those matching already reads as one.
    pub likely_one_term: Vec<LikelyOneTerm>,
}

/// Where each term and each written spelling is used.
#[derive(Default)]
struct Uses {
    /// (list, term as matched) → rows per side.
    terms: BTreeMap<(ListKind, String), [Vec<usize>; 2]>,
    /// (list, spelling as written) → rows per side.
    written: BTreeMap<(ListKind, String), [Vec<usize>; 2]>,
}

/// Adds `row` to `rows`, which rows are noted into in ascending order, once.
fn add_row(rows: &mut Vec<usize>, row: usize) {
    if rows.last() != Some(&row) {
        rows.push(row);
    }
}

impl Uses {
    /// Notes a use on `row` (rows of a side come in ascending order).
    fn note(&mut self, list: ListKind, written: &str, term: &str, side: usize, row: usize) {
        let term = self.terms.entry((list, term.to_owned())).or_default();
        add_row(&mut term[side], row);
        let spelling = self.written.entry((list, written.to_owned())).or_default();
        add_row(&mut spelling[side], row);
    }
}

fn use_of(list: ListKind, term: &str, rows: &[Vec<usize>; 2]) -> TermUse {
    TermUse {
        list,
        term: term.to_owned(),
        mentor_rows: rows[0].clone(),
        mentee_rows: rows[1].clone(),
    }
}

/// How many people use a term, for sorting most used first.
fn people(use_: &TermUse) -> usize {
    use_.mentor_rows.len() + use_.mentee_rows.len()
}

/// A person's items per list.
fn lists(person: &Person) -> [(ListKind, Vec<&String>); 3] {
    [
        (
            ListKind::Skills,
            person.skills.iter().map(|s| &s.name).collect(),
        ),
        (ListKind::Values, person.values.iter().collect()),
        (ListKind::Goals, person.goals.iter().collect()),
    ]
}

/// Reports the vocabulary of two rosters under a config's `[vocabulary]`.
///
/// ```
/// use matcher::{read_rosters, vocabulary_report::vocabulary_report};
/// let mentors = "id,skills\nm1,javascript; sql\n";
/// let mentees = "id,skills\ne1,javscript; rust\ne2,rust; Javascript\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let report = vocabulary_report(&mentors, &mentees, &Default::default());
/// let unmet: Vec<(&str, &[usize])> =
///     report.unmet.iter().map(|u| (u.term.as_str(), &u.mentee_rows[..])).collect();
/// assert_eq!(unmet, [("rust", &[2, 3][..]), ("javscript", &[2][..])]);
/// assert_eq!(report.one_sided[0].term, "sql");
/// assert_eq!(report.likely_one_term[0].vocabulary, r#""javascript" = ["javscript"]"#);
/// # Ok::<(), matcher::Error>(())
/// ```
pub fn vocabulary_report(
    mentors: &Roster,
    mentees: &Roster,
    vocabulary: &BTreeMap<String, Term>,
) -> VocabularyReport {
    let spelled = Vocabulary::new(vocabulary).spellings(mentors, mentees);
    let mut uses = Uses::default();
    for (side, roster) in [mentors, mentees].into_iter().enumerate() {
        for person in &roster.people {
            for (list, items) in lists(person) {
                for item in items {
                    uses.note(list, item, &spelled[item], side, person.row);
                }
            }
        }
    }
    let (mut unmet, mut one_sided) = (Vec::new(), Vec::new());
    for ((list, term), rows) in &uses.terms {
        let wanted_only = rows[0].is_empty() && *list != ListKind::Values;
        match (rows[0].is_empty(), rows[1].is_empty()) {
            (true, false) if wanted_only => unmet.push(use_of(*list, term, rows)),
            (true, false) | (false, true) => one_sided.push(use_of(*list, term, rows)),
            _ => {}
        }
    }
    crate::sorting::sort_by_key(&mut unmet, |u| std::cmp::Reverse(people(u)));
    crate::sorting::sort_by(&mut one_sided, |a, b| {
        a.list.cmp(&b.list).then(people(b).cmp(&people(a)))
    });
    VocabularyReport {
        unmet,
        one_sided,
        likely_one_term: likely_one_term(&uses),
    }
}

/// Groups of written spellings that are likely one term (see the module docs).
fn likely_one_term(uses: &Uses) -> Vec<LikelyOneTerm> {
    let mut groups = Vec::new();
    // Spellings the folded key merges.
    let mut by_key: BTreeMap<(ListKind, String), Vec<&str>> = BTreeMap::new();
    for (list, written) in uses.written.keys() {
        by_key
            .entry((*list, term_key(written)))
            .or_default()
            .push(written);
    }
    // Distinct terms equal without punctuation, or one edit apart.
    let mut terms: BTreeMap<ListKind, Vec<&str>> = BTreeMap::new();
    for (list, term) in uses.terms.keys() {
        terms.entry(*list).or_default().push(term);
    }
    for (list, terms) in terms {
        let mut squashed: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &term in &terms {
            let letters = squash(term);
            if letters.chars().count() >= 4 {
                squashed.entry(letters).or_default().push(term);
            }
        }
        for same in squashed.values().filter(|same| same.len() > 1) {
            groups.push(group(uses, Likeness::Punctuation, list, same));
        }
        for (a, b) in near_misses(&terms) {
            // `node.js` and `nodejs` are one edit apart too: reported once.
            if squash(a) != squash(b) {
                groups.push(group(uses, Likeness::NearMiss, list, &[a, b]));
            }
        }
    }
    // Last, as matching reads them as one term already.
    for ((list, _), spellings) in &by_key {
        if spellings.len() > 1 {
            groups.push(group(uses, Likeness::SameTerm, *list, spellings));
        }
    }
    groups
}

/// A term's letters and digits, without punctuation or spaces.
fn squash(term: &str) -> String {
    term.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// One group: its spellings with their rows, most used first, and the
/// `[vocabulary]` line naming the most used one canonical.
fn group(uses: &Uses, likeness: Likeness, list: ListKind, spellings: &[&str]) -> LikelyOneTerm {
    let table = if likeness == Likeness::SameTerm {
        &uses.written
    } else {
        &uses.terms
    };
    let mut spellings: Vec<TermUse> = spellings
        .iter()
        .map(|s| use_of(list, s, &table[&(list, (*s).to_owned())]))
        .collect();
    crate::sorting::sort_by_key(&mut spellings, |s| std::cmp::Reverse(people(s)));
    let vocabulary = if likeness == Likeness::SameTerm {
        String::new()
    } else {
        let aliases: Vec<String> = spellings[1..]
            .iter()
            .map(|s| format!("{:?}", s.term))
            .collect();
        format!("{:?} = [{}]", spellings[0].term, aliases.join(", "))
    };
    LikelyOneTerm {
        likeness,
        spellings,
        vocabulary,
    }
}

/// Pairs of terms (of 4 or more characters) one edit apart: a character
/// added, dropped, changed, or two neighbours swapped. Terms that share a
/// one-deletion variant are the candidates, so this is linear in the terms'
/// total length rather than quadratic in their number.
fn near_misses<'t>(terms: &[&'t str]) -> Vec<(&'t str, &'t str)> {
    let mut by_variant: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, term) in terms.iter().enumerate() {
        let chars: Vec<char> = term.chars().collect();
        if chars.len() < 4 {
            continue;
        }
        let mut variants: BTreeSet<String> = (0..chars.len())
            .map(|skip| {
                let kept = chars.iter().enumerate().filter(|&(k, _)| k != skip);
                kept.map(|(_, c)| c).collect()
            })
            .collect();
        variants.insert((*term).to_owned());
        for variant in variants {
            by_variant.entry(variant).or_default().push(i);
        }
    }
    let mut pairs = BTreeSet::new();
    for candidates in by_variant.values() {
        for (n, &i) in candidates.iter().enumerate() {
            for &j in &candidates[n + 1..] {
                let (a, b) = (terms[i.min(j)], terms[i.max(j)]);
                if one_edit_apart(a, b) {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|(i, j)| (terms[i], terms[j]))
        .collect()
}

/// Whether `b` is `a` with one character added, dropped or changed, or two
/// neighbours swapped (Damerau–Levenshtein distance 1), in one pass.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let start = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        0 if start == short.len() => false,
        0 => {
            let rest = start + 1;
            short[rest..] == long[rest..]
                || (rest < short.len()
                    && short[start] == long[rest]
                    && short[rest] == long[start]
                    && short[rest + 1..] == long[rest + 1..])
        }
        1 => short[start..] == long[start + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit_apart;
    use proptest::prelude::*;

    proptest! {
        /// The one-pass check agrees with strsim's Damerau–Levenshtein distance.
        #[test]
        fn agrees_with_damerau_levenshtein(a in "[abé]{0,6}", b in "[abé]{0,6}") {
            prop_assert_eq!(one_edit_apart(&a, &b), strsim::damerau_levenshtein(&a, &b) == 1);
        }
    }

    #[test]
    fn one_edit_is_an_insertion_a_deletion_a_change_or_a_swap() {
        for (a, b) in [
            ("javascript", "javscript"),
            ("javscript", "javascript"),
            ("python", "pithon"),
            ("python", "pyhton"),
            ("rust", "rusty"),
            ("xrust", "rust"),
            ("écoute", "ecoute"),
        ] {
            assert!(one_edit_apart(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("python", "python"),
            ("python", "pyth"),
            ("python", "ptyhno"),
            ("abcd", "badc"),
            ("rust", "ruts!"),
            ("", "ab"),
        ] {
            assert!(!one_edit_apart(a, b), "{a} {b}");
        }
        assert!(one_edit_apart("", "a"));
    }
}
