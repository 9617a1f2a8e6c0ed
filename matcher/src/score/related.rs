//! Related skills: partial credit for a wanted skill the mentor does not
//! offer, from one they offer that is related to it through the vocabulary's
//! parents ([`crate::vocabulary_term`]).
//!
//! An offered skill is related to a wanted one when it is the wanted skill's
//! parent (wants `rust`, offers `programming`), a child of it (wants
//! `programming`, offers `rust`) or a sibling under one parent (wants
//! `rust`, offers `c++`, both under `programming`); only direct parents
//! count, not grandparents. The wanted skill then covers
//! `skills.related × coverage(wanted level, offered level)`, the best related
//! skill counting; an exact match always wins over related credit.

use super::{coverage, Tag};

/// No parent, in [`Family::parent`].
const NONE: Tag = Tag::MAX;

/// Each skill's parent and the credit a related skill earns.
#[derive(Debug, Default)]
pub(super) struct Family {
    /// The `skills.related` factor.
    factor: f64,
    /// Per tag: its parent's tag, [`NONE`] for none.
    parent: Vec<Tag>,
    /// Whether related skills earn anything, decided once: every pair asks.
    active: bool,
    /// Per tag: whether some skill has it as parent.
    is_parent: Vec<bool>,
}

/// The best related skill a mentor offers for a wanted one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Related {
    /// The offered skill.
    pub(super) skill: Tag,
    /// Its level.
    pub(super) level: u8,
    /// The parent the two share: the wanted skill's parent for a sibling or
    /// the parent itself, the wanted skill for a child.
    pub(super) family: Tag,
}

impl Family {
    /// The family of `tags` tags whose `(child, parent)` pairs are given,
    /// crediting related skills by `factor`.
    pub(super) fn new(factor: f64, tags: usize, parents: impl Iterator<Item = (Tag, Tag)>) -> Self {
        let mut parent = vec![NONE; tags];
        for (child, of) in parents {
            parent[child as usize] = of;
        }
        let active = factor > 0.0 && parent.iter().any(|&p| p != NONE);
        let mut is_parent = vec![false; tags];
        for &p in parent.iter().filter(|&&p| p != NONE) {
            is_parent[p as usize] = true;
        }
        Family {
            factor,
            parent,
            active,
            is_parent,
        }
    }

    /// Whether related skills earn anything: some skill has a parent and the
    /// factor is above 0.
    pub(super) fn is_active(&self) -> bool {
        self.active
    }

    /// The credit a related skill earns for covering a wanted level by
    /// `best_coverage`: [`factor`](Self::factor) times it.
    pub(super) fn credit(&self, best_coverage: f64) -> f64 {
        self.factor * best_coverage
    }

    /// The `skills.related` factor.
    pub(super) fn factor(&self) -> f64 {
        self.factor
    }

    /// The families someone offering `skills` (sorted by tag) has a skill
    /// in: each parent they offer and the parent of each skill they offer,
    /// with their highest level in it (coverage grows with the level, so
    /// that one covers best), sorted by tag; empty when inactive.
    pub(super) fn levels(&self, skills: &[(Tag, u8)]) -> Vec<(Tag, u8)> {
        if !self.active {
            return Vec::new();
        }
        let own = skills.iter().filter(|&&(s, _)| self.is_parent[s as usize]);
        let parents = skills
            .iter()
            .filter_map(|&(s, level)| Some((self.parent(s)?, level)));
        let mut levels: Vec<(Tag, u8)> = own.copied().chain(parents).collect();
        // Highest level first within a family, then keep the first of each.
        crate::sorting::sort_by_key(&mut levels, |&(family, level)| {
            (family, std::cmp::Reverse(level))
        });
        levels.dedup_by_key(|&mut (family, _)| family);
        levels
    }

    /// The level of the best skill related to a `wanted` one that is not
    /// offered itself, from the offerer's [`levels`](Self::levels): their
    /// highest in the wanted skill's parent's family or in its own.
    pub(super) fn related_level(&self, wanted: Tag, levels: &[(Tag, u8)]) -> Option<u8> {
        let at = |family: Tag| {
            let i = levels.binary_search_by_key(&family, |&(f, _)| f).ok()?;
            Some(levels[i].1)
        };
        let around = self.parent(wanted).and_then(at);
        let below = at(wanted);
        around.max(below)
    }

    /// A tag's parent.
    pub(super) fn parent(&self, tag: Tag) -> Option<Tag> {
        Some(self.parent[tag as usize]).filter(|&p| p != NONE)
    }

    /// The parent `offered` shares with `wanted`, when it is related to it.
    fn relation(&self, wanted: Tag, offered: Tag) -> Option<Tag> {
        if wanted == offered {
            return None;
        }
        let (of_wanted, of_offered) = (self.parent(wanted), self.parent(offered));
        if of_wanted == Some(offered) {
            Some(offered)
        } else if of_offered == Some(wanted) {
            Some(wanted)
        } else {
            of_wanted.filter(|&p| of_offered == Some(p))
        }
    }

    /// The related skill among `offered` that covers a `want`ed level best
    /// (the first in tag order on a tie), if any.
    pub(super) fn best(&self, wanted: Tag, want: u8, offered: &[(Tag, u8)]) -> Option<Related> {
        let mut best: Option<(f64, Related)> = None;
        for &(skill, level) in offered {
            if let Some(family) = self.relation(wanted, skill) {
                let covers = coverage(want, level);
                if best.is_none_or(|(most, _)| covers > most) {
                    best = Some((
                        covers,
                        Related {
                            skill,
                            level,
                            family,
                        },
                    ));
                }
            }
        }
        best.map(|(_, related)| related)
    }
}

/// The mentors indexed by family, for scoring whole rows: for each skill
/// that is some skill's parent, every mentor offering it or a skill under
/// it, once, with the highest such level (coverage grows with the level, so
/// that one covers best), in mentor order.
#[derive(Debug, Default)]
pub(super) struct FamilyPostings {
    families: Vec<Vec<(u32, u8)>>,
}

impl FamilyPostings {
    /// Indexes each mentor's [`Family::levels`], mentor by mentor.
    pub(super) fn new<'l>(tags: usize, levels: impl Iterator<Item = &'l [(Tag, u8)]>) -> Self {
        let mut families = vec![Vec::new(); tags];
        for (m, levels) in levels.enumerate() {
            let m = u32::try_from(m).expect("fewer than 2^32 mentors");
            for &(family, level) in levels {
                families[family as usize].push((m, level));
            }
        }
        FamilyPostings { families }
    }

    /// The mentors offering `tag` or a skill under it, with the highest
    /// level; none unless `tag` is a parent.
    pub(super) fn of(&self, tag: Tag) -> &[(u32, u8)] {
        &self.families[tag as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Tags: 0 programming, 1 rust, 2 c++, 3 go, 4 sql (no parent), 5 data, 6 python (under data).
    fn family() -> Family {
        Family::new(0.5, 7, [(1, 0), (2, 0), (3, 0), (6, 5)].into_iter())
    }

    #[test]
    fn siblings_the_parent_and_children_are_related_and_nothing_else() {
        let f = family();
        assert_eq!(f.relation(1, 2), Some(0), "sibling");
        assert_eq!(f.relation(1, 0), Some(0), "the parent");
        assert_eq!(f.relation(0, 1), Some(0), "a child");
        assert_eq!(f.relation(1, 1), None, "itself is an exact match");
        assert_eq!(f.relation(1, 4), None, "no parent");
        assert_eq!(f.relation(4, 1), None);
        assert_eq!(f.relation(1, 6), None, "another family");
        assert_eq!(f.relation(1, 5), None, "another parent");
    }

    #[test]
    fn the_best_related_skill_covers_most_and_the_first_wins_a_tie() {
        let f = family();
        // Wants rust at 4: c++ at 2 covers 0.5, go at 4 covers 1, the parent at 4 covers 1.
        let offered = [(0, 4), (2, 2), (3, 4), (4, 5)];
        let best = f.best(1, 4, &offered).expect("related");
        assert_eq!((best.skill, best.level, best.family), (0, 4, 0));
        assert_eq!(f.best(1, 4, &[(2, 2), (3, 3)]).map(|r| r.skill), Some(3));
        assert_eq!(f.best(4, 4, &offered), None, "sql has no relatives");
        assert_eq!(f.credit(coverage(4, 3)), 0.375);
    }

    proptest! {
        /// Scoring's shortcut through the families' highest levels covers
        /// what the best related skill covers, for any parents and offers.
        #[test]
        fn family_levels_cover_as_the_best_related_skill(
            parents in prop::collection::vec(prop::option::of(0..8 as Tag), 8),
            offered in prop::collection::btree_map(0..8 as Tag, 1..=5u8, 0..6),
            wanted in 0..8 as Tag,
            want in 1..=5u8,
        ) {
            let pairs = parents.iter().enumerate().filter_map(|(child, p)| {
                p.filter(|&p| p != child as Tag).map(|p| (child as Tag, p))
            });
            let family = Family::new(0.5, 8, pairs);
            prop_assume!(family.is_active() && !offered.contains_key(&wanted));
            let offered: Vec<(Tag, u8)> = offered.into_iter().collect();
            let best = family.best(wanted, want, &offered).map(|b| coverage(want, b.level));
            let levels = family.levels(&offered);
            let shortcut = family.related_level(wanted, &levels).map(|l| coverage(want, l));
            prop_assert_eq!(shortcut, best);
        }
    }

    #[test]
    fn no_parent_or_no_factor_is_inactive() {
        assert!(family().is_active());
        assert!(!Family::new(0.0, 7, [(1, 0)].into_iter()).is_active());
        assert!(!Family::new(0.5, 7, std::iter::empty()).is_active());
    }
}
