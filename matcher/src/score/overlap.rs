//! List attributes ([`crate::list_attributes`]) in scoring: the diversity
//! preference `overlap`, which scores a pair's Jaccard similarity, and the
//! hard rule `require_overlap`, which forbids a pair that shares no value.
//! Like every attribute rule they apply where both sides have a value.

use super::{shared, Forbidden, Tag};
use crate::columns::CommaWatch;
use crate::config::{Config, Preference};
use crate::diagnostic::Diagnostic;
use crate::list;
use crate::list_attributes::list_names;
use crate::roster::Roster;

/// One list attribute the config scores or constrains.
#[derive(Debug)]
pub(super) struct ListRule {
    /// The normalised attribute name.
    pub(super) name: String,
    /// The diversity weight, when scored by `overlap`.
    pub(super) weight: Option<f64>,
    /// Whether `require_overlap` names it.
    pub(super) required: bool,
}

/// The list attributes of `config` that a rule uses, in name order.
pub(super) fn rules(config: &Config) -> Vec<ListRule> {
    let required: Vec<String> = config
        .constraints
        .require_overlap
        .iter()
        .map(|n| list::normalize(n))
        .collect();
    list_names(&config.attributes)
        .into_iter()
        .filter_map(|name| {
            let weight = config
                .diversity
                .iter()
                .find(|(n, r)| r.prefer == Preference::Overlap && list::normalize(n) == name)
                .map(|(_, rule)| rule.weight);
            let required = required.contains(&name);
            (weight.is_some() || required).then_some(ListRule {
                name,
                weight,
                required,
            })
        })
        .collect()
}

/// Each list cell of `rule`'s attribute in `roster`, split on its column's
/// separator: the values of each person (empty when the cell is or the
/// roster has no such column).
pub(super) fn values<'r>(
    roster: &'r Roster,
    rule: &ListRule,
) -> impl Iterator<Item = Vec<String>> + 'r {
    let column = roster.attribute(&rule.name);
    roster.people.iter().map(move |person| match column {
        Some(i) => person.attributes[i]
            .as_deref()
            .map_or_else(Vec::new, |cell| {
                list::parse(cell, roster.attribute_separator(i))
            }),
        None => Vec::new(),
    })
}

/// Every list attribute column read with `;` whose cells use commas and never
/// `;` (as form exports write multi-select answers), in both rosters:
/// read as one value each, they would compare silently wrong. Located at the
/// first such cell, with the `[columns]` line that reads them.
pub fn check_lists(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for name in list_names(&config.attributes) {
        for roster in [mentors, mentees] {
            let Some(i) = roster.attribute(&name) else {
                continue;
            };
            let Some(mut watch) = CommaWatch::for_column(true, roster.attribute_separator(i))
            else {
                continue;
            };
            for person in &roster.people {
                if let Some(cell) = person.attributes[i].as_deref() {
                    watch.see(person.row, cell);
                }
            }
            problems.extend(watch.problem(&roster.source, &name));
        }
    }
    crate::sorting::sort(&mut problems);
    problems
}

/// `|a ∩ b| / |a ∪ b|` of two sorted sets, neither empty.
pub(super) fn jaccard(a: &[Tag], b: &[Tag]) -> f64 {
    let common = shared(a, b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Why `require_overlap` forbids a pair with these lists, if it does.
pub(super) fn forbids(rule: &ListRule, a: &[Tag], b: &[Tag]) -> Option<Forbidden> {
    let disjoint = rule.required && !a.is_empty() && !b.is_empty() && shared(a, b).next().is_none();
    disjoint.then(|| Forbidden::RequireOverlap {
        attribute: rule.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn jaccard_by_hand() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5); // {2,3} of {1,2,3,4}
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3]), 0.0);
        assert_eq!(jaccard(&[1, 5, 9], &[5]), 1.0 / 3.0);
    }

    #[test]
    fn require_overlap_forbids_only_disjoint_lists_on_both_sides() {
        let rule = ListRule {
            name: "languages".into(),
            weight: None,
            required: true,
        };
        assert_eq!(
            forbids(&rule, &[1, 2], &[3]),
            Some(Forbidden::RequireOverlap {
                attribute: "languages".into()
            })
        );
        assert_eq!(forbids(&rule, &[1, 2], &[2]), None);
        assert_eq!(forbids(&rule, &[], &[3]), None, "a side without a value");
        let scored = ListRule {
            required: false,
            ..rule
        };
        assert_eq!(forbids(&scored, &[1], &[3]), None);
    }

    proptest! {
        #[test]
        fn jaccard_is_the_brute_force_share_of_the_union(
            a in proptest::collection::btree_set(0u32..12, 1..8),
            b in proptest::collection::btree_set(0u32..12, 1..8),
        ) {
            let union: BTreeSet<u32> = a.union(&b).copied().collect();
            let both = union.iter().filter(|v| a.contains(v) && b.contains(v)).count();
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let score = jaccard(&a, &b);
            prop_assert_eq!(score, both as f64 / union.len() as f64);
            prop_assert!((0.0..=1.0).contains(&score));
            prop_assert_eq!(score.to_bits(), jaccard(&b, &a).to_bits());
        }
    }
}
