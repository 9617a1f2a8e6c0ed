//! One vocabulary for the list items both rosters write: skills, values and goals.
//!
//! Sign-up forms spell one term many ways: "Machine-Learning", "machine
//! learning", "ＭＬ". Every item is compared by its [`term_key`] (Unicode
//! compatibility normalisation and case folding, `-` and `_` read as spaces),
//! and the config's `[vocabulary]` maps aliases to one canonical term
//! (`"machine learning" = ["ml", "ai/ml"]`). Before scoring, each item is
//! rewritten to its term's one spelling: the canonical term when the
//! vocabulary names one, else the first spelling met (mentors first, then
//! mentees, in row order), so scores, explanations and outputs agree.

use crate::list::{self, Skill};
use crate::roster::Roster;
use caseless::Caseless;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

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
    let folded: String = item
        .nfkd()
        .default_case_fold()
        .nfkc()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    list::normalize(&folded)
}

/// Aliases mapped to their canonical terms, by [`term_key`].
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Each known term's key and the spelling it is written as.
    spellings: HashMap<String, String>,
}

impl Vocabulary {
    /// The vocabulary of a config's `[vocabulary]` section (canonical term →
    /// aliases), assumed valid ([`crate::Config::validate`]).
    pub fn new(terms: &BTreeMap<String, Vec<String>>) -> Self {
        let mut spellings = HashMap::new();
        for (canonical, aliases) in terms {
            let spelling = list::normalize(canonical);
            for term in std::iter::once(canonical).chain(aliases) {
                spellings.insert(term_key(term), spelling.clone());
            }
        }
        Vocabulary { spellings }
    }

    /// Rewrites every list item of both rosters to its term's one spelling,
    /// dropping the duplicates that leaves (the first one stays, with its
    /// level for a skill). Rosters that need no change stay borrowed.
    pub(crate) fn apply<'r>(
        mut self,
        mentors: &mut Cow<'r, Roster>,
        mentees: &mut Cow<'r, Roster>,
    ) {
        let mut changes = false;
        for roster in [&**mentors, &**mentees] {
            for person in &roster.people {
                let items = person.skills.iter().map(|s| &s.name);
                for item in items.chain(&person.values).chain(&person.goals) {
                    let spelling = self
                        .spellings
                        .entry(term_key(item))
                        .or_insert_with(|| item.clone());
                    changes |= spelling != item;
                }
            }
        }
        if !changes {
            return;
        }
        for roster in [mentors, mentees] {
            for person in &mut roster.to_mut().people {
                let skills = std::mem::take(&mut person.skills).into_iter();
                person.skills = self.unique(skills, skill_name);
                let values = std::mem::take(&mut person.values).into_iter();
                person.values = self.unique(values, itself);
                let goals = std::mem::take(&mut person.goals).into_iter();
                person.goals = self.unique(goals, itself);
            }
        }
    }

    /// `items` respelled, without the duplicates that makes, in order.
    fn unique<T>(&self, items: impl Iterator<Item = T>, name: fn(&mut T) -> &mut String) -> Vec<T> {
        let mut seen = HashSet::new();
        items
            .filter_map(|mut item| {
                let spelling = &self.spellings[&term_key(name(&mut item))];
                *name(&mut item) = spelling.clone();
                seen.insert(spelling.clone()).then_some(item)
            })
            .collect()
    }
}

/// A skill's name, for [`Vocabulary::unique`].
fn skill_name(skill: &mut Skill) -> &mut String {
    &mut skill.name
}

/// A value or goal, for [`Vocabulary::unique`].
fn itself(item: &mut String) -> &mut String {
    item
}
