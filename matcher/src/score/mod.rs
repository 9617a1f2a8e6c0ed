//! Pair scoring (PRODUCT.md §3) and the hard constraints that forbid a pair.
//!
//! Lists are interned once into sorted id vectors so that scoring a pair is a
//! few merges; every sum runs in a fixed order, so scores are bit-identical on
//! any thread count and in WebAssembly.

use crate::availability::{Overlap, Pairing};
use crate::choices::PickDetail;
use crate::config::{Config, Criterion, Preference, Weights};
use crate::list::{self, Skill};
use crate::pair_scores::ByMentee;
use crate::roster::{Person, Roster, Side};
use crate::vocabulary::Vocabulary;
use serde::Serialize;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

mod choices;
mod numeric;
mod overlap;
mod related;
mod row;

pub use numeric::check_numbers;
pub use overlap::check_lists;

/// The criteria of one pair, each in `[0, 1]`; `None` when not applicable
/// (the mentee asked nothing of it, no diversity attribute has values on both
/// sides, the pair-scores file has no score for the pair, or neither picked
/// nor wished).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Criteria {
    /// Coverage of the skills the mentee wants.
    pub skills: Option<f64>,
    /// Share of the mentee's goals the mentor can help with.
    pub goals: Option<f64>,
    /// Jaccard overlap of values.
    pub values: Option<f64>,
    /// Weighted share of diversity attributes that meet their preference.
    pub diversity: Option<f64>,
    /// The pair's own score from a pair-scores file, as a fraction.
    pub pair_score: Option<f64>,
    /// Share of the mentee's weekly hours the mentor shares.
    pub availability: Option<f64>,
    /// Participants' picks and nice-to-have wants ([`crate::choices`]).
    pub picks: Option<f64>,
}

impl Criteria {
    /// One criterion's score, `None` when not applicable.
    pub fn get(&self, criterion: Criterion) -> Option<f64> {
        match criterion {
            Criterion::Skills => self.skills,
            Criterion::Goals => self.goals,
            Criterion::Values => self.values,
            Criterion::Diversity => self.diversity,
            Criterion::PairScore => self.pair_score,
            Criterion::Availability => self.availability,
            Criterion::Picks => self.picks,
        }
    }

    /// The weighted mean over applicable criteria, 0–100 (0 when none applies).
    pub fn total(&self, weights: &Weights) -> f64 {
        let parts = [
            (self.skills, weights.skills),
            (self.goals, weights.goals),
            (self.values, weights.values),
            (self.diversity, weights.diversity),
            (self.pair_score, weights.pair_score),
            (self.availability, weights.availability),
            (self.picks, weights.picks),
        ];
        let (mut sum, mut weight) = (0.0, 0.0);
        for (score, w) in parts {
            if let Some(score) = score {
                sum += w * score;
                weight += w;
            }
        }
        if weight > 0.0 {
            100.0 * sum / weight
        } else {
            0.0
        }
    }
}

/// A score of 0–100 in whole hundredths (`8735` is 87.35): exact to add and compare.
pub type Hundredths = u32;

/// Rounds a 0–100 score to whole hundredths.
pub fn to_hundredths(score: f64) -> Hundredths {
    // Half-up rounding by truncation: scores are never negative, and unlike
    // `f64::round` it needs no library call on baseline x86-64.
    (score * 100.0 + 0.5).clamp(0.0, 10_000.0) as Hundredths
}

/// Why a pair may never be made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Forbidden {
    /// One of the two lists the other in `exclude`.
    Excluded {
        /// The side whose `exclude` list names the other.
        by: Side,
    },
    /// The mentor's capacity is 0.
    Unavailable,
    /// A `require_different` attribute has the same value on both sides.
    RequireDifferent {
        /// The attribute.
        attribute: String,
    },
    /// A `require_same` attribute has different values.
    RequireSame {
        /// The attribute.
        attribute: String,
    },
    /// A `max_difference` attribute differs by more than allowed.
    MaxDifference {
        /// The attribute.
        attribute: String,
        /// How much the pair's values differ.
        difference: f64,
        /// The most they may differ.
        max: f64,
    },
    /// A `min_difference` attribute differs by less than required.
    MinDifference {
        /// The attribute.
        attribute: String,
        /// How much the pair's values differ.
        difference: f64,
        /// The least they must differ.
        min: f64,
    },
    /// A `require_overlap` list attribute shares no value.
    RequireOverlap {
        /// The attribute.
        attribute: String,
    },
    /// The pair shares fewer hours a week than `min_overlap_hours`.
    MinOverlapHours {
        /// The hours a week both are available.
        hours: f64,
        /// The fewest they must share.
        min: f64,
    },
    /// In `only` mode: the mentor is not among the mentee's picks.
    NotPicked,
    /// A must-have wish (`!language=spanish`) the other side does not meet
    /// (a side without a value does not meet it).
    MustHave {
        /// The attribute wished for.
        attribute: String,
        /// The value wished for.
        value: String,
        /// Whose wish it is.
        by: Side,
    },
    /// The pair scores below `min_score`.
    BelowMinScore,
}

impl Forbidden {
    /// The rule alone, without this pair's numbers: `"exclude"`,
    /// `"require_same: location"`, `"max_difference: timezone"`, …
    pub fn rule(&self) -> String {
        match self {
            Forbidden::Excluded { .. } => "exclude".to_owned(),
            Forbidden::Unavailable => "capacity 0".to_owned(),
            Forbidden::RequireDifferent { attribute } => format!("require_different: {attribute}"),
            Forbidden::RequireSame { attribute } => format!("require_same: {attribute}"),
            Forbidden::MaxDifference { attribute, .. } => format!("max_difference: {attribute}"),
            Forbidden::MinDifference { attribute, .. } => format!("min_difference: {attribute}"),
            Forbidden::RequireOverlap { attribute } => format!("require_overlap: {attribute}"),
            Forbidden::MinOverlapHours { .. } => "min_overlap_hours".to_owned(),
            Forbidden::NotPicked => "not among the mentee's picks".to_owned(),
            Forbidden::MustHave {
                attribute,
                value,
                by,
            } => format!("a must-have not met: {attribute}={value} ({})", by.as_str()),
            Forbidden::BelowMinScore => "min_score".to_owned(),
        }
    }
}

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Forbidden::Excluded { by } => write!(f, "excluded by the {}", by.as_str()),
            Forbidden::Unavailable => f.write_str("the mentor's capacity is 0"),
            Forbidden::RequireDifferent { attribute } => {
                write!(f, "require_different: same {attribute}")
            }
            Forbidden::RequireSame { attribute } => {
                write!(f, "require_same: different {attribute}")
            }
            Forbidden::MaxDifference {
                attribute,
                difference,
                max,
            } => write!(
                f,
                "max_difference: {attribute} differs by {difference}, more than {max}"
            ),
            Forbidden::MinDifference {
                attribute,
                difference,
                min,
            } => write!(
                f,
                "min_difference: {attribute} differs by {difference}, less than {min}"
            ),
            Forbidden::RequireOverlap { attribute } => {
                write!(f, "require_overlap: no shared {attribute}")
            }
            Forbidden::MinOverlapHours { hours, min } => write!(
                f,
                "min_overlap_hours: {hours} h a week together, fewer than {min}"
            ),
            Forbidden::NotPicked => f.write_str("only picks: not among the mentee's picks"),
            Forbidden::MustHave {
                attribute,
                value,
                by,
            } => write!(
                f,
                "a must-have not met: the {} wants {attribute}={value}",
                by.as_str()
            ),
            Forbidden::BelowMinScore => f.write_str("score below min_score"),
        }
    }
}

/// How one list attribute scored by `overlap` compares, for explanations.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListComparison {
    /// The attribute.
    pub(crate) attribute: String,
    /// The mentee's values.
    pub(crate) mentee: Vec<String>,
    /// The mentor's values.
    pub(crate) mentor: Vec<String>,
    /// The values both hold.
    pub(crate) shared: Vec<String>,
}

/// Interned tag ids.
type Tag = u32;

/// One person's lists and attributes as interned, sorted ids.
#[derive(Debug, Default)]
struct Profile {
    /// Skills sorted by tag, with their level.
    skills: Vec<(Tag, u8)>,
    values: Vec<Tag>,
    goals: Vec<Tag>,
    /// One entry per scored or constrained attribute (see [`Scorer::attributes`]).
    attributes: Vec<Option<Tag>>,
    /// One sorted set per list attribute a rule uses (see [`Scorer::lists`]);
    /// empty when the person has no value.
    lists: Vec<Vec<Tag>>,
    /// Mentors only, with related skills on: [`related::Family::levels`] of
    /// their skills.
    families: Vec<(Tag, u8)>,
}

/// An attribute the config scores or constrains.
#[derive(Debug)]
struct AttributeUse {
    name: String,
    /// Diversity preference and weight, when scored.
    diversity: Option<(Preference, f64)>,
    /// Hard rule, when constrained.
    required: Option<Preference>,
}

/// Scores pairs of one mentor roster and one mentee roster under a config.
#[derive(Debug)]
pub struct Scorer<'a> {
    mentors: Cow<'a, Roster>,
    mentees: Cow<'a, Roster>,
    weights: Weights,
    min_score: Hundredths,
    tags: Vec<String>,
    attributes: Vec<AttributeUse>,
    mentor_profiles: Vec<Profile>,
    mentee_profiles: Vec<Profile>,
    /// Per mentee, the sorted mentor positions excluded (both directions) with who excluded.
    exclusions: Vec<Vec<(usize, Side)>>,
    /// The `max_difference` and `min_difference` rules.
    numeric: Vec<numeric::NumericRule>,
    /// The mentors indexed by list item, for scoring whole rows.
    postings: row::Postings,
    /// Each skill's parent, for related skills.
    family: related::Family,
    /// The list attributes scored by `overlap` or constrained by `require_overlap`.
    lists: Vec<overlap::ListRule>,
    /// Per mentee, the pair scores of the pair-scores file (empty without one).
    pair_scores: ByMentee,
    /// The pair-scores file's label, when one is given.
    pair_scores_source: Option<String>,
    /// Both sides' weekly availability, when a roster has an availability column.
    availability: Option<Pairing>,
    /// Both sides' picks and wants, when someone picked or wished.
    choices: Option<choices::Choices>,
}

/// Interns list items into dense ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, Tag>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> Tag {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as Tag;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    fn sorted(&mut self, items: &[String]) -> Vec<Tag> {
        let mut ids: Vec<Tag> = items.iter().map(|i| self.id(i)).collect();
        crate::sorting::sort(&mut ids);
        ids
    }

    fn profile(&mut self, person: &Person, columns: &[Option<usize>]) -> Profile {
        let mut skills: Vec<(Tag, u8)> = person
            .skills
            .iter()
            .map(|Skill { name, level }| (self.id(name), *level))
            .collect();
        crate::sorting::sort(&mut skills);
        Profile {
            skills,
            values: self.sorted(&person.values),
            goals: self.sorted(&person.goals),
            attributes: columns
                .iter()
                .map(|c| {
                    c.and_then(|c| person.attributes[c].as_deref())
                        .map(|v| self.id(v))
                })
                .collect(),
            lists: Vec::new(),
            families: Vec::new(),
        }
    }

    /// The tag of each term with a parent and of its parent, interned after
    /// every roster item so that those keep their tags (and scores their
    /// order of addition).
    fn parents(&mut self, config: &Config) -> Vec<(Tag, Tag)> {
        let vocabulary = Vocabulary::new(&config.vocabulary);
        vocabulary
            .parents()
            .map(|(child, parent)| (self.id(child), self.id(parent)))
            .collect()
    }

    /// Adds each person's set of every list attribute in `rules` to their profile.
    fn lists(&mut self, profiles: &mut [Profile], roster: &Roster, rules: &[overlap::ListRule]) {
        for rule in rules {
            for (profile, values) in profiles.iter_mut().zip(overlap::values(roster, rule)) {
                profile.lists.push(self.sorted(&values));
            }
        }
    }
}

impl<'a> Scorer<'a> {
    /// Prepares scoring; the config is assumed valid ([`Config::validate`])
    /// and the cells numeric rules compare numbers ([`check_numbers`]).
    ///
    /// The rosters are borrowed or owned (`Roster::into` either way).
    pub fn new(
        mentors: impl Into<Cow<'a, Roster>>,
        mentees: impl Into<Cow<'a, Roster>>,
        config: &Config,
    ) -> Self {
        Self::of(mentors.into(), mentees.into(), config)
    }

    /// [`Scorer::new`] past the conversions, compiled once.
    fn of(mentors: Cow<'a, Roster>, mentees: Cow<'a, Roster>, config: &Config) -> Self {
        let mut attributes: Vec<AttributeUse> = Vec::new();
        let mut use_of = |name: &str| -> usize {
            let name = list::normalize(name);
            match attributes.iter().position(|a| a.name == name) {
                Some(i) => i,
                None => {
                    attributes.push(AttributeUse {
                        name,
                        diversity: None,
                        required: None,
                    });
                    attributes.len() - 1
                }
            }
        };
        let mut rules = Vec::new();
        for (name, rule) in config
            .diversity
            .iter()
            .filter(|(_, r)| r.prefer != Preference::Overlap)
        {
            rules.push((use_of(name), Some((rule.prefer, rule.weight)), None));
        }
        for (names, prefer) in [
            (&config.constraints.require_different, Preference::Different),
            (&config.constraints.require_same, Preference::Same),
        ] {
            for name in names {
                rules.push((use_of(name), None, Some(prefer)));
            }
        }
        for (i, diversity, required) in rules {
            attributes[i].diversity = attributes[i].diversity.or(diversity);
            attributes[i].required = attributes[i].required.or(required);
        }

        let mut interner = Interner::default();
        let columns = |roster: &Roster| -> Vec<Option<usize>> {
            attributes
                .iter()
                .map(|a| roster.attribute(&a.name))
                .collect()
        };
        let (mentor_columns, mentee_columns) = (columns(&mentors), columns(&mentees));
        let mut mentor_profiles: Vec<Profile> = mentors
            .people
            .iter()
            .map(|p| interner.profile(p, &mentor_columns))
            .collect();
        let mut mentee_profiles: Vec<Profile> = mentees
            .people
            .iter()
            .map(|p| interner.profile(p, &mentee_columns))
            .collect();
        let parents = interner.parents(config);
        let lists = overlap::rules(config);
        interner.lists(&mut mentor_profiles, &mentors, &lists);
        interner.lists(&mut mentee_profiles, &mentees, &lists);
        let tags = interner.names.len();
        let family = related::Family::new(config.skills.related, tags, parents.into_iter());
        for profile in &mut mentor_profiles {
            profile.families = family.levels(&profile.skills);
        }

        let mut exclusions = vec![Vec::new(); mentees.people.len()];
        for (e, mentee) in mentees.people.iter().enumerate() {
            let found = mentee.exclude.iter().filter_map(|id| mentors.position(id));
            exclusions[e].extend(found.map(|m| (m, Side::Mentee)));
        }
        for (m, mentor) in mentors.people.iter().enumerate() {
            for e in mentor.exclude.iter().filter_map(|id| mentees.position(id)) {
                exclusions[e].push((m, Side::Mentor));
            }
        }
        for list in &mut exclusions {
            crate::sorting::sort_by_key(list, |&(m, by)| (m, by == Side::Mentor));
            list.dedup_by_key(|&mut (m, _)| m);
        }

        let postings = row::Postings::new(&mentor_profiles, tags, attributes.len());
        let pair_scores = config.pair_scores.as_ref();
        Scorer {
            pair_scores: pair_scores.map_or_else(Vec::new, |p| p.by_mentee(&mentors, &mentees)),
            pair_scores_source: pair_scores.map(|p| p.source.clone()),
            weights: config.weights,
            min_score: to_hundredths(config.constraints.min_score),
            tags: interner.names,
            attributes,
            mentor_profiles,
            mentee_profiles,
            exclusions,
            numeric: numeric::NumericRule::all(&mentors, &mentees, config),
            postings,
            family,
            lists,
            availability: Pairing::new(&mentors, &mentees, config),
            choices: choices::Choices::new(&mentors, &mentees, config),
            mentors,
            mentees,
        }
    }

    /// The mentor roster.
    pub fn mentors(&self) -> &Roster {
        &self.mentors
    }

    /// The mentee roster.
    pub fn mentees(&self) -> &Roster {
        &self.mentees
    }

    /// The criteria for mentee `e` and mentor `m` (positions in their rosters).
    pub fn criteria(&self, e: usize, m: usize) -> Criteria {
        let (pe, pm) = (&self.mentee_profiles[e], &self.mentor_profiles[m]);
        Criteria {
            skills: skills_score(&pe.skills, pm, &self.family),
            goals: (!pe.goals.is_empty())
                .then(|| shared(&pe.goals, &pm.goals).count() as f64 / pe.goals.len() as f64),
            values: (!pe.values.is_empty()).then(|| {
                let common = shared(&pe.values, &pm.values).count();
                common as f64 / (pe.values.len() + pm.values.len() - common) as f64
            }),
            diversity: self.diversity(pe, pm),
            pair_score: self.pair_score(e, m),
            availability: self.availability.as_ref().and_then(|a| a.share(e, m)),
            picks: self.choices.as_ref().and_then(|c| c.score(e, m)),
        }
    }

    /// Whether someone on either roster gave picks or wants.
    pub fn has_choices(&self) -> bool {
        self.choices.is_some()
    }

    /// What the pair's `picks` criterion is made of; `None` when neither
    /// picked nor wished.
    pub fn pick_detail(&self, e: usize, m: usize) -> Option<PickDetail> {
        self.choices.as_ref()?.detail(e, m)
    }

    /// Mentor `m`'s rank among mentee `e`'s picks, and `e`'s among `m`'s
    /// (1 = their first); `None` where not picked.
    pub fn pick_ranks(&self, e: usize, m: usize) -> (Option<u32>, Option<u32>) {
        self.choices
            .as_ref()
            .map_or((None, None), |c| c.pick_ranks(e, m))
    }

    /// Whether someone on either roster gave picks.
    pub fn has_picks(&self) -> bool {
        self.choices.as_ref().is_some_and(|c| c.any_picks())
    }

    /// The rank of mentor `m` among mentee `e`'s picks (1 = their first),
    /// and how many picks they gave: `(None, 0)` when they gave none.
    pub(crate) fn mentee_pick(&self, e: usize, m: usize) -> (Option<u32>, usize) {
        self.choices
            .as_ref()
            .map_or((None, 0), |c| c.mentee_rank(e, m))
    }

    /// In `only` mode, the mentors mentee `e` picked (their only
    /// candidates), in rank order; `None` when they are not restricted.
    pub fn only_picks(&self, e: usize) -> Option<Vec<usize>> {
        let choices = self.choices.as_ref().filter(|c| c.restricts(e))?;
        Some(choices.picks_of(e))
    }

    /// The mentors mentee `e` picked, in the order picked; empty when they
    /// gave no picks.
    pub(crate) fn mentee_picks(&self, e: usize) -> Vec<usize> {
        self.choices
            .as_ref()
            .map_or_else(Vec::new, |c| c.picks_of(e))
    }

    /// The mentors who picked mentee `e`, in no particular order, each with
    /// the rank they gave (1 = their first pick).
    pub(crate) fn pickers_of(&self, e: usize) -> &[(u32, u32)] {
        self.choices.as_ref().map_or(&[], |c| c.pickers_of(e))
    }

    /// The pair's score in the pair-scores file, as a fraction.
    fn pair_score(&self, e: usize, m: usize) -> Option<f64> {
        let row = self.pair_scores.get(e)?;
        let m = u32::try_from(m).ok()?;
        let i = row.binary_search_by_key(&m, |&(mentor, _)| mentor).ok()?;
        Some(row[i].1)
    }

    /// The label of the pair-scores file, when one is given.
    pub fn pair_scores_source(&self) -> Option<&str> {
        self.pair_scores_source.as_deref()
    }

    fn diversity(&self, pe: &Profile, pm: &Profile) -> Option<f64> {
        let (mut met, mut total) = (0.0, 0.0);
        for (i, attribute) in self.attributes.iter().enumerate() {
            if let (Some((prefer, weight)), Some(a), Some(b)) =
                (attribute.diversity, pe.attributes[i], pm.attributes[i])
            {
                total += weight;
                if prefer_holds(prefer, a, b) {
                    met += weight;
                }
            }
        }
        for (i, rule) in self.lists.iter().enumerate() {
            let (a, b) = (&pe.lists[i], &pm.lists[i]);
            if let (Some(weight), false, false) = (rule.weight, a.is_empty(), b.is_empty()) {
                total += weight;
                met += weight * overlap::jaccard(a, b);
            }
        }
        (total > 0.0).then(|| met / total)
    }

    /// The pair's total score in hundredths, under the mentee's weights.
    pub fn score(&self, e: usize, m: usize) -> Hundredths {
        to_hundredths(self.criteria(e, m).total(&self.weights_for(e)))
    }

    /// The weights mentee `e` is scored with: the config's, with their
    /// `priority` criterion's doubled.
    pub fn weights_for(&self, e: usize) -> Weights {
        self.weights.with_priority(self.mentees.people[e].priority)
    }

    /// Why the pair may never be made, before looking at its score or the
    /// mentor's capacity: an exclusion, participants' choices (`only` picks,
    /// must-have wants) or an attribute rule (numeric ones, then
    /// `min_overlap_hours`, last).
    pub fn rule_forbids(&self, e: usize, m: usize) -> Option<Forbidden> {
        let excluded = &self.exclusions[e];
        if let Ok(i) = excluded.binary_search_by(|&(x, _)| x.cmp(&m)) {
            return Some(Forbidden::Excluded { by: excluded[i].1 });
        }
        if let Some(why) = self.choices.as_ref().and_then(|c| c.forbids(e, m)) {
            return Some(why);
        }
        let (pe, pm) = (&self.mentee_profiles[e], &self.mentor_profiles[m]);
        for (i, attribute) in self.attributes.iter().enumerate() {
            if let (Some(rule), Some(a), Some(b)) =
                (attribute.required, pe.attributes[i], pm.attributes[i])
            {
                if !prefer_holds(rule, a, b) {
                    let attribute = attribute.name.clone();
                    return Some(match rule {
                        Preference::Different => Forbidden::RequireDifferent { attribute },
                        Preference::Same | Preference::Overlap => {
                            Forbidden::RequireSame { attribute }
                        }
                    });
                }
            }
        }
        let mut lists = self.lists.iter().zip(pe.lists.iter().zip(&pm.lists));
        if let Some(why) = lists.find_map(|(rule, (a, b))| overlap::forbids(rule, a, b)) {
            return Some(why);
        }
        let numeric = self.numeric.iter().find_map(|rule| rule.forbids(e, m));
        numeric.or_else(|| {
            let availability = self.availability.as_ref()?;
            let hours = availability.too_short(e, m)?;
            Some(Forbidden::MinOverlapHours {
                hours,
                min: availability.min_hours(),
            })
        })
    }

    /// The pair's shared weekly hours in both local times, when both gave some.
    pub fn overlap(&self, e: usize, m: usize) -> Option<Overlap> {
        self.availability.as_ref()?.overlap(e, m)
    }

    /// Whether a score is below `min_score`.
    pub fn below_min(&self, score: Hundredths) -> bool {
        score < self.min_score
    }

    /// The pair's weight for the solver: its score, or `None` when forbidden.
    pub fn weight(&self, e: usize, m: usize) -> Option<Hundredths> {
        if self.rule_forbids(e, m).is_some() {
            return None;
        }
        Some(self.score(e, m)).filter(|&s| !self.below_min(s))
    }

    /// The names of the attributes scored by diversity, with their preference.
    pub(crate) fn diversity_attributes(&self) -> impl Iterator<Item = (usize, &str, Preference)> {
        self.attributes
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.diversity.map(|(p, _)| (i, a.name.as_str(), p)))
    }

    /// A mentee's and a mentor's value of the `i`th used attribute.
    pub(crate) fn attribute_values(
        &self,
        e: usize,
        m: usize,
        i: usize,
    ) -> (Option<&str>, Option<&str>) {
        let name = |t: Option<Tag>| t.map(|t| self.tags[t as usize].as_str());
        (
            name(self.mentee_profiles[e].attributes[i]),
            name(self.mentor_profiles[m].attributes[i]),
        )
    }

    /// The tag names shared by the mentee's and the mentor's goals, in tag order.
    pub(crate) fn shared_goals(&self, e: usize, m: usize) -> Vec<String> {
        self.names(shared(
            &self.mentee_profiles[e].goals,
            &self.mentor_profiles[m].goals,
        ))
    }

    /// The tag names shared by the mentee's and the mentor's values, in tag order.
    pub(crate) fn shared_values(&self, e: usize, m: usize) -> Vec<String> {
        self.names(shared(
            &self.mentee_profiles[e].values,
            &self.mentor_profiles[m].values,
        ))
    }

    /// For each skill the mentee wants that the mentor does not offer but
    /// offers a related one for: `(wanted, related skill, its level, the
    /// parent they share)`, in tag order. Empty when related skills are off.
    pub(crate) fn related_skills(&self, e: usize, m: usize) -> Vec<(&str, &str, u8, &str)> {
        if !self.family.is_active() {
            return Vec::new();
        }
        let (pe, pm) = (&self.mentee_profiles[e], &self.mentor_profiles[m]);
        let name = |t: Tag| self.tags[t as usize].as_str();
        pe.skills
            .iter()
            .filter(|&&(skill, _)| pm.skills.binary_search_by_key(&skill, |&(s, _)| s).is_err())
            .filter_map(|&(skill, want)| {
                let best = self.family.best(skill, want, &pm.skills)?;
                Some((name(skill), name(best.skill), best.level, name(best.family)))
            })
            .collect()
    }

    /// Each list attribute scored by `overlap`: its name, the mentee's and
    /// the mentor's values and the values they share, each in tag order.
    pub(crate) fn list_comparisons(&self, e: usize, m: usize) -> Vec<ListComparison> {
        let (pe, pm) = (&self.mentee_profiles[e], &self.mentor_profiles[m]);
        let names = |tags: &[Tag]| self.names(tags.iter().copied());
        self.lists
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.weight.is_some())
            .map(|(i, rule)| ListComparison {
                attribute: rule.name.clone(),
                mentee: names(&pe.lists[i]),
                mentor: names(&pm.lists[i]),
                shared: self.names(shared(&pe.lists[i], &pm.lists[i])),
            })
            .collect()
    }

    fn names(&self, tags: impl Iterator<Item = Tag>) -> Vec<String> {
        tags.map(|t| self.tags[t as usize].clone()).collect()
    }
}

fn prefer_holds(prefer: Preference, a: Tag, b: Tag) -> bool {
    match prefer {
        Preference::Different => a != b,
        Preference::Same | Preference::Overlap => a == b,
    }
}

/// Σ coverage / |wanted|: 1 when offered at the wanted level or above, the level
/// ratio when lower; when not offered, the credit of the best related skill
/// offered ([`related`]), else 0.
fn skills_score(wanted: &[(Tag, u8)], mentor: &Profile, family: &related::Family) -> Option<f64> {
    if wanted.is_empty() {
        return None;
    }
    let related = family.is_active();
    let mut sum = 0.0;
    let mut offers = mentor.skills.iter().peekable();
    for &(skill, want) in wanted {
        while offers.next_if(|&&(s, _)| s < skill).is_some() {}
        if let Some(&&(_, have)) = offers.peek().filter(|&&&(s, _)| s == skill) {
            sum += coverage(want, have);
        } else if let Some(level) = related
            .then(|| family.related_level(skill, &mentor.families))
            .flatten()
        {
            sum += family.credit(coverage(want, level));
        }
    }
    Some(sum / wanted.len() as f64)
}

/// How well an offered level covers a wanted level.
pub fn coverage(wanted: u8, offered: u8) -> f64 {
    if offered >= wanted {
        1.0
    } else {
        f64::from(offered) / f64::from(wanted)
    }
}

/// The items of two sorted lists that appear in both, in order.
fn shared<'s>(a: &'s [Tag], b: &'s [Tag]) -> impl Iterator<Item = Tag> + 's {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}
