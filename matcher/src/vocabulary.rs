//! One vocabulary for the list items both rosters write: skills, values and goals.
//!
//! Sign-up forms spell one term many ways: "Machine-Learning", "machine
//! learning", "ＭＬ". Every item is compared by its [`term_key`] (Unicode
//! compatibility normalisation and case folding, `-` and `_` read as spaces),
//! and the config's `[vocabulary]` maps aliases to one canonical term
//! (`"machine learning" = ["ml", "ai/ml"]`). Before scoring, each item is
//! rewritten to its term's one spelling: the canonical term when the
//! vocabulary names one, else the spelling most items use (on a tie, the
//! first met: mentors first, then mentees, in row order), so scores,
//! explanations and outputs agree.

use crate::csv_file::{read_table, Table, TableRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::list::{self, Skill};
use crate::roster::{Person, Roster};
use crate::vocabulary_term::{parent_keys, Term};
use icu_casemap::CaseMapperBorrowed;
use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The key two spellings of one term share: NFKC of the case-folded NFKD
/// (Unicode's compatibility caseless match), with `-` and `_` as spaces and
/// runs of whitespace collapsed.
///
/// ```
/// use matcher::vocabulary::term_key;
/// assert_eq!(term_key("Machine-Learning"), term_key(" machine   learning "));
/// assert_eq!(term_key("ＳＱＬ"), "sql");
/// assert_eq!(term_key("Straße"), term_key("STRASSE"));
/// assert_ne!(term_key("c++"), term_key("c"));
/// ```
pub fn term_key(item: &str) -> String {
    if item.is_ascii() {
        // ASCII is its own compatibility form, and folds as it lower-cases.
        return list::normalize(&item.replace(['-', '_'], " "));
    }
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(item);
    let folded = CaseMapperBorrowed::new().fold_string(&decomposed);
    let composed = ComposingNormalizerBorrowed::new_nfkc().normalize(&folded);
    list::normalize(&composed.replace(['-', '_'], " "))
}

/// Aliases mapped to their canonical terms, by [`term_key`], and each
/// term's parent.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Each known term's key and the spelling it is written as.
    spellings: HashMap<String, String>,
    /// Each term with a parent, by key: the parent's key.
    parents: Vec<(String, String)>,
}

impl Vocabulary {
    /// The vocabulary of a config's `[vocabulary]` section (canonical term →
    /// aliases and parent), assumed valid ([`crate::Config::validate`]). A
    /// parent that is no term of its own is one, spelled as written.
    pub fn new(terms: &BTreeMap<String, Term>) -> Self {
        let mut spellings = HashMap::new();
        for (canonical, term) in terms {
            let spelling = list::normalize(canonical);
            for alias in std::iter::once(canonical).chain(&term.aliases) {
                spellings.insert(term_key(alias), spelling.clone());
            }
        }
        for parent in terms.values().filter_map(|t| t.parent.as_deref()) {
            let spelling = list::normalize(parent);
            spellings.entry(term_key(parent)).or_insert(spelling);
        }
        let parents = parent_keys(terms);
        Vocabulary { spellings, parents }
    }

    /// Each term with a parent, spelled as rosters are after
    /// the vocabulary is applied: `(term, parent)` in canonical term order.
    pub fn parents(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parents.iter().map(|(child, parent)| {
            (
                self.spellings[child].as_str(),
                self.spellings[parent].as_str(),
            )
        })
    }

    /// Each list item both rosters write, mapped to its term's one spelling:
    /// the canonical term, else the spelling most items use (the first met
    /// on a tie).
    pub fn spellings(mut self, mentors: &Roster, mentees: &Roster) -> HashMap<String, String> {
        // Each spelling's key, and each key's spellings with their counts, in
        // the order first met.
        let mut keys: HashMap<String, String> = HashMap::new();
        let mut counts: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for person in mentors.people.iter().chain(&mentees.people) {
            for item in items(person) {
                if !keys.contains_key(item) {
                    keys.insert(item.clone(), term_key(item));
                }
                let key = &keys[item];
                let written = match counts.get_mut(key) {
                    Some(written) => written,
                    None => counts.entry(key.clone()).or_default(),
                };
                match written.iter_mut().find(|(spelling, _)| spelling == item) {
                    Some((_, count)) => *count += 1,
                    None => written.push((item.clone(), 1)),
                }
            }
        }
        for (key, written) in counts {
            if self.spellings.contains_key(&key) {
                continue;
            }
            let most = written.iter().map(|&(_, count)| count).max().unwrap_or(0);
            let spelling = written
                .into_iter()
                .find(|&(_, c)| c == most)
                .map(|(s, _)| s);
            self.spellings.insert(key.clone(), spelling.unwrap_or(key));
        }
        keys.into_iter()
            .map(|(item, key)| (item, self.spellings[&key].clone()))
            .collect()
    }

    /// Rewrites every list item of both rosters to its term's one spelling,
    /// dropping the duplicates that leaves (the first one stays, with its
    /// level for a skill). Rosters that need no change stay borrowed.
    pub(crate) fn apply<'r>(self, mentors: &mut Cow<'r, Roster>, mentees: &mut Cow<'r, Roster>) {
        let spelled = self.spellings(mentors, mentees);
        if spelled.iter().all(|(item, spelling)| item == spelling) {
            return;
        }
        for roster in [mentors, mentees] {
            for person in &mut roster.to_mut().people {
                let skills = std::mem::take(&mut person.skills).into_iter();
                person.skills = unique(&spelled, skills, skill_name);
                let values = std::mem::take(&mut person.values).into_iter();
                person.values = unique(&spelled, values, itself);
                let goals = std::mem::take(&mut person.goals).into_iter();
                person.goals = unique(&spelled, goals, itself);
            }
        }
    }
}

/// A person's list items: skills, then values, then goals.
fn items(person: &Person) -> impl Iterator<Item = &String> {
    let skills = person.skills.iter().map(|s| &s.name);
    skills.chain(&person.values).chain(&person.goals)
}

/// `items` respelled by `spelled`, without the duplicates that makes, in order.
fn unique<T>(
    spelled: &HashMap<String, String>,
    items: impl Iterator<Item = T>,
    name: fn(&mut T) -> &mut String,
) -> Vec<T> {
    let mut seen = HashSet::new();
    items
        .filter_map(|mut item| {
            let spelling = &spelled[name(&mut item).as_str()];
            *name(&mut item) = spelling.clone();
            seen.insert(spelling.clone()).then_some(item)
        })
        .collect()
}

/// A skill's name, for [`unique`].
fn skill_name(skill: &mut Skill) -> &mut String {
    &mut skill.name
}

/// A value or goal, for [`unique`].
fn itself(item: &mut String) -> &mut String {
    item
}

/// Reads a vocabulary file: the columns `term` and, optionally, `canonical`
/// and `parent` (by name, in any order and case; others are ignored). Each
/// row makes its term an alias of its canonical term, or a canonical term
/// itself when that cell is empty; a `parent` is the parent of the row's
/// canonical term. Returns the `[vocabulary]` section it amounts to, or every
/// problem at once (a missing `term` column, an empty term, a ragged row, two
/// parents for one term, a term its own parent or in a cycle of parents).
///
/// ```
/// use matcher::vocabulary::read_vocabulary;
/// let csv = "Term,Canonical,Parent\nJS,javascript,programming\necmascript,javascript,\nsql,,\n";
/// let terms = read_vocabulary(csv.as_bytes(), "vocabulary.csv").unwrap();
/// assert_eq!(terms["javascript"].aliases, ["JS", "ecmascript"]);
/// assert_eq!(terms["javascript"].parent.as_deref(), Some("programming"));
/// assert!(terms["sql"].aliases.is_empty());
/// ```
pub fn read_vocabulary<R: std::io::Read>(
    reader: R,
    source: &str,
) -> Result<BTreeMap<String, Term>, Vec<Diagnostic>> {
    let hint = "a vocabulary file needs the header `term,canonical` (and optionally `parent`)";
    let columns = ["term", "canonical", "parent"];
    let Table {
        rows,
        mut problems,
        locator,
        ..
    } = read_table(reader, source, hint, &columns, 1)?;
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    // The row that set each canonical term's parent.
    let mut parent_rows: BTreeMap<String, usize> = BTreeMap::new();
    for TableRow { row, cells } in rows {
        let [term, canonical, parent]: [String; 3] = cells.try_into().expect("three columns");
        if !term.is_empty() && !parent.is_empty() {
            let owner = if canonical.is_empty() {
                &term
            } else {
                &canonical
            };
            let entry = terms.entry(owner.clone()).or_default();
            match &entry.parent {
                Some(first) if term_key(first) != term_key(&parent) => {
                    problems.push(Diagnostic::at(
                        source,
                        row,
                        Some("parent"),
                        Code::BadParent,
                        format!(
                            "\"{owner}\" has the parent \"{first}\" on row {}, and \"{parent}\" here: a term has one parent",
                            parent_rows[owner]
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    entry.parent = Some(parent);
                    parent_rows.insert(owner.clone(), row);
                }
            }
        }
        if term.is_empty() {
            let empty = "the term is empty";
            problems.push(Diagnostic::at(
                source,
                row,
                Some("term"),
                Code::EmptyId,
                empty,
            ));
        } else if canonical.is_empty() {
            terms.entry(term).or_default();
        } else {
            terms.entry(canonical).or_default().aliases.push(term);
        }
    }
    if let Err((canonical, message)) = crate::vocabulary_term::check_parents(&terms) {
        let row = parent_rows[&canonical];
        problems.push(Diagnostic::at(
            source,
            row,
            Some("parent"),
            Code::BadParent,
            message,
        ));
    }
    if problems.is_empty() {
        Ok(terms)
    } else {
        locator.locate(&mut problems);
        crate::sorting::sort(&mut problems);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::term_key;

    #[test]
    fn compatibility_forms_fold_to_one_key() {
        // Full-width letters, a ligature, a Roman numeral and a superscript
        // are their compatibility equivalents.
        assert_eq!(term_key("ＰｙＴｈｏｎ"), "python");
        assert_eq!(term_key("ﬁnance"), "finance");
        assert_eq!(term_key("Ⅻ"), "xii");
        assert_eq!(term_key("m²"), "m2");
    }

    #[test]
    fn case_folding_is_full_not_lower_casing() {
        // Lower-casing keeps ß and the final sigma; folding does not.
        assert_eq!(term_key("Straße"), "strasse");
        assert_eq!(term_key("ΟΔΟΣ"), term_key("οδος"));
        assert_eq!(term_key("οδος"), "οδοσ");
        // A title-case digraph folds to its lower-case pair.
        assert_eq!(term_key("ǅemal"), term_key("džemal"));
    }

    #[test]
    fn composed_and_decomposed_accents_agree() {
        assert_eq!(term_key("Café"), term_key("Cafe\u{301}"));
        assert_eq!(term_key("Cafe\u{301}"), "caf\u{e9}");
        assert_ne!(term_key("café"), term_key("cafe"));
    }

    #[test]
    fn dashes_and_underscores_are_spaces_after_normalisation() {
        // U+FE63 (small hyphen-minus) becomes `-` under NFKC, then a space.
        assert_eq!(term_key("Machine\u{fe63}Learning"), "machine learning");
        assert_eq!(term_key("Daten_Analyse  Ü"), "daten analyse ü");
    }
}
