//! The run configuration: weights, diversity preferences, hard constraints and
//! solver options. The CLI reads it from TOML, JavaScript passes a plain object
//! of the same shape; unknown keys are errors in both.

use crate::availability::AvailabilityOptions;
use crate::bytesize::ByteSize;
use crate::choices::{PickMode, Preferences};
use crate::columns::{self, ColumnRules};
use crate::list;
use crate::list_attributes::{self, ListAttributes};
use crate::pair_scores::PairScores;
use crate::solve::Objective;
use crate::vocabulary::term_key;
use crate::vocabulary_term::{self, Term};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Everything that shapes a run. Every key is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How much each criterion counts in the total score.
    pub weights: Weights,
    /// Background attributes scored by the diversity criterion, with their preference.
    pub diversity: BTreeMap<String, AttributeRule>,
    /// Hard rules: a pair that breaks one is never made.
    pub constraints: Constraints,
    /// How the assignment is solved.
    pub solver: SolverOptions,
    /// Canonical terms with their aliases and parent for skills, values and goals
    /// (`"machine learning" = ["ml", "ai/ml"]`, `rust = { parent = "programming" }`;
    /// see [`crate::vocabulary`] and [`crate::vocabulary_term`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub vocabulary: BTreeMap<String, Term>,
    /// How the skills criterion credits related skills (see [`SkillOptions`]).
    #[serde(skip_serializing_if = "SkillOptions::is_default")]
    pub skills: SkillOptions,
    /// Attributes read as lists of values (`languages = { list = true }`;
    /// see [`crate::list_attributes`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: ListAttributes,
    /// Which roster header means what, and list separators per column
    /// (`"Which skills would you like to develop?" = "skills"`; see [`crate::columns`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: ColumnRules,
    /// Your own pair scores (`--pair-scores FILE`, `pairScores` in JavaScript),
    /// scored as the `pair_score` criterion: read from their file, never from
    /// the TOML (see [`crate::pair_scores`]).
    #[serde(skip)]
    pub pair_scores: Option<PairScores>,
    /// The reference week availability slots are placed in (see [`crate::availability`]).
    #[serde(skip_serializing_if = "AvailabilityOptions::is_default")]
    pub availability: AvailabilityOptions,
    /// What participants' `picks` do: a bonus, or the only mentors a mentee
    /// may get (see [`crate::choices`]).
    #[serde(skip_serializing_if = "Preferences::is_default")]
    pub preferences: Preferences,
}

/// The weight of each criterion; finite, ≥ 0 and not all 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// What the mentee wants to learn vs what the mentor offers.
    pub skills: f64,
    /// Shared goals.
    pub goals: f64,
    /// Shared values.
    pub values: f64,
    /// Background attributes, by the `[diversity]` preferences.
    pub diversity: f64,
    /// Your own pair scores; applies only when a pair-scores file is given.
    pub pair_score: f64,
    /// Share of the mentee's weekly hours the mentor is available too (0 by default).
    #[serde(skip_serializing_if = "is_zero")]
    pub availability: f64,
    /// Participants' picks and nice-to-have wants (see [`crate::choices`]);
    /// applies only to pairs where someone picked or wished. Left out of
    /// JSON at its default.
    #[serde(skip_serializing_if = "is_default_picks")]
    pub picks: f64,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

fn is_default_picks(value: &f64) -> bool {
    *value == DEFAULT_PICKS_WEIGHT
}

/// One of the scoring criteria: what a weight and a mentee's `priority` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    /// What the mentee wants to learn vs what the mentor offers.
    Skills,
    /// Shared goals.
    Goals,
    /// Shared values.
    Values,
    /// Background attributes.
    Diversity,
    /// Your own pair scores, from a pair-scores file.
    PairScore,
    /// Shared weekly hours.
    Availability,
    /// Participants' picks and nice-to-have wants.
    Picks,
}

impl Criterion {
    /// Every criterion, in the order scores list them.
    pub const ALL: [Criterion; 7] = [
        Criterion::Skills,
        Criterion::Goals,
        Criterion::Values,
        Criterion::Diversity,
        Criterion::PairScore,
        Criterion::Availability,
        Criterion::Picks,
    ];

    /// The criterion's name: `"skills"`, `"goals"`, `"values"`, `"diversity"`,
    /// `"pair_score"`, `"availability"` or `"picks"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Skills => "skills",
            Criterion::Goals => "goals",
            Criterion::Values => "values",
            Criterion::Diversity => "diversity",
            Criterion::PairScore => "pair_score",
            Criterion::Availability => "availability",
            Criterion::Picks => "picks",
        }
    }

    /// The criterion named `name` (trimmed, case-insensitive).
    pub fn parse(name: &str) -> Option<Criterion> {
        let name = list::normalize(name);
        Criterion::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl Weights {
    /// The weight of one criterion, to change it.
    pub fn get_mut(&mut self, criterion: Criterion) -> &mut f64 {
        match criterion {
            Criterion::Skills => &mut self.skills,
            Criterion::Goals => &mut self.goals,
            Criterion::Values => &mut self.values,
            Criterion::Diversity => &mut self.diversity,
            Criterion::PairScore => &mut self.pair_score,
            Criterion::Availability => &mut self.availability,
            Criterion::Picks => &mut self.picks,
        }
    }

    /// The weight of one criterion.
    pub fn get(&self, criterion: Criterion) -> f64 {
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

    /// These weights with the `priority` criterion's doubled: what a mentee
    /// who names it in their `priority` cell is scored with.
    pub fn with_priority(mut self, priority: Option<Criterion>) -> Weights {
        if let Some(priority) = priority {
            *self.get_mut(priority) *= 2.0;
        }
        self
    }
}

/// The default weight of the `pair_score` criterion: it counts only for the
/// pairs of a pair-scores file, so without one it changes nothing.
pub const DEFAULT_PAIR_SCORE_WEIGHT: f64 = 0.25;

/// The default weight of the `picks` criterion. A person's own choice is the
/// most direct signal a roster carries, so it counts a little more than
/// goals (0.25) and a little less than skills (0.35): a first pick lifts a
/// pair clearly, without outweighing what the pair has in common. Without
/// picks or wants it applies to no pair and changes nothing.
pub const DEFAULT_PICKS_WEIGHT: f64 = 0.3;

impl Default for Weights {
    fn default() -> Self {
        Weights {
            skills: 0.35,
            goals: 0.25,
            values: 0.20,
            diversity: 0.20,
            pair_score: DEFAULT_PAIR_SCORE_WEIGHT,
            availability: 0.0,
            picks: DEFAULT_PICKS_WEIGHT,
        }
    }
}

/// The `[skills]` section: how the skills criterion treats related skills.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SkillOptions {
    /// The share of credit (0–1, default 0.5) a wanted skill the mentor does
    /// not offer gets from the best related one they do, times its level
    /// ratio; 0 turns related skills off. Related are the wanted skill's
    /// parent, its children and its siblings under one parent
    /// ([`crate::vocabulary_term`]); an exact match always wins.
    pub related: f64,
}

impl SkillOptions {
    /// Whether these are the defaults (and need not be written out).
    pub fn is_default(&self) -> bool {
        *self == SkillOptions::default()
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.related.is_finite() && (0.0..=1.0).contains(&self.related) {
            Ok(())
        } else {
            Err(ConfigError::new(
                "skills.related",
                format!("must be between 0 and 1, got {}", self.related),
            ))
        }
    }
}

impl Default for SkillOptions {
    fn default() -> Self {
        SkillOptions { related: 0.5 }
    }
}

/// Whether a pair should differ or agree on an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preference {
    /// The pair scores when the values differ.
    Different,
    /// The pair scores when the values are equal.
    Same,
    /// For a list attribute: the pair scores the Jaccard similarity of their
    /// lists (a single value overlaps an equal one).
    Overlap,
}

impl Preference {
    /// Whether two attribute values satisfy the preference.
    pub fn holds(self, a: &str, b: &str) -> bool {
        match self {
            Preference::Different => a != b,
            Preference::Same | Preference::Overlap => a == b,
        }
    }
}

/// One `[diversity]` entry: `department = "different"` or
/// `gender = { prefer = "different", weight = 0.5 }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AttributeRule {
    /// Differ or agree.
    pub prefer: Preference,
    /// Relative weight among the diversity attributes (default 1).
    pub weight: f64,
}

impl<'de> Deserialize<'de> for AttributeRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            prefer: Preference,
            #[serde(default = "one")]
            weight: f64,
        }
        fn one() -> f64 {
            1.0
        }
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = AttributeRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "\"different\", \"same\", \"overlap\" or { prefer = ..., weight = ... }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AttributeRule, E> {
                let prefer = Preference::deserialize(v.into_deserializer())?;
                Ok(AttributeRule {
                    prefer,
                    weight: 1.0,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AttributeRule, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(AttributeRule {
                    prefer: full.prefer,
                    weight: full.weight,
                })
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

/// Hard constraints.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Constraints {
    /// Pairs scoring below this (0–100) are never made.
    pub min_score: f64,
    /// Attributes a pair must differ on (checked when both sides have a value).
    pub require_different: Vec<String>,
    /// Attributes a pair must share (checked when both sides have a value).
    pub require_same: Vec<String>,
    /// List attributes a pair must share at least one value of (checked when
    /// both sides have a value; see [`crate::list_attributes`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub require_overlap: Vec<String>,
    /// Numeric attributes a pair may differ on by at most this much, e.g.
    /// `timezone = 3` (checked when both sides have a value).
    pub max_difference: BTreeMap<String, f64>,
    /// Numeric attributes a pair must differ on by at least this much, e.g.
    /// `years_experience = 2` (checked when both sides have a value).
    pub min_difference: BTreeMap<String, f64>,
    /// Pairs who share fewer hours a week than this are never made (checked
    /// when both sides gave availability; 0 = no rule).
    #[serde(skip_serializing_if = "is_zero")]
    pub min_overlap_hours: f64,
    /// Mentor attributes on which a mentee's mentors must all differ, when
    /// mentees want several mentors (a mentee `capacity` above 1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub distinct: Vec<String>,
    /// Whether a mentor with a `min_load` may take no mentee at all instead.
    #[serde(skip_serializing_if = "is_false")]
    pub min_load_or_none: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// What the matching optimises: the `solver.objective` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Goal {
    /// Match as many mentees as possible, then maximise the total score.
    #[default]
    Coverage,
    /// Maximise the total score alone.
    Total,
    /// Match as many mentees as possible, then raise the lowest matched score
    /// as high as it goes, then maximise the total score.
    Fair,
    /// A stable matching: no mentee and mentor would both rather have each
    /// other (mentee-proposing deferred acceptance by score; see
    /// [`crate::stability`]). No exact solve: the report's price of
    /// stability solves the coverage optimum when first asked.
    Stable,
}

impl Goal {
    /// The solver objective each solve runs with (`fair` solves for coverage
    /// with low-scoring pairs ruled out).
    pub fn solver(self) -> Objective {
        match self {
            Goal::Total => Objective::Total,
            Goal::Coverage | Goal::Fair | Goal::Stable => Objective::Coverage,
        }
    }
}

/// The most worker threads a config may ask for: far more than any machine's
/// cores, and few enough that starting them cannot exhaust the system.
pub const MAX_THREADS: usize = 1024;

/// Solver options.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SolverOptions {
    /// `coverage` (default), `total` or `fair`: see [`Goal`].
    pub objective: Goal,
    /// Worker threads; 0 uses every core.
    pub threads: usize,
    /// Memory the solver may use (default 1 GiB): a dense score matrix is built
    /// only when it takes at most half, otherwise the solver works on a
    /// candidate graph without one.
    pub max_memory: ByteSize,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            objective: Goal::default(),
            threads: 0,
            max_memory: ByteSize::GIB,
        }
    }
}

/// A configuration value that is not allowed, named by its key path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct ConfigError {
    /// The dotted key path, e.g. `weights.skills`.
    pub key: String,
    /// What is wrong with it.
    pub message: String,
}

impl ConfigError {
    pub(crate) fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl Config {
    /// Checks every value; the first problem is returned, naming its key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for criterion in Criterion::ALL {
            let key = format!("weights.{}", criterion.as_str());
            check_non_negative(&key, self.weights.get(criterion))?;
        }
        // Without a pair-scores file, the pair_score weight scores nothing;
        // picks score only the pairs where someone picked or wished, so
        // they cannot carry a run alone.
        let scored = |c: &&Criterion| match **c {
            Criterion::PairScore => self.pair_scores.is_some(),
            Criterion::Picks => false,
            _ => true,
        };
        if Criterion::ALL
            .iter()
            .filter(scored)
            .all(|&c| self.weights.get(c) == 0.0)
        {
            return Err(ConfigError::new(
                "weights",
                "at least one weight must be greater than 0",
            ));
        }
        for (name, rule) in &self.diversity {
            if list::normalize(name).is_empty() {
                return Err(ConfigError::new(
                    "diversity",
                    "attribute names must not be empty",
                ));
            }
            check_non_negative(&format!("diversity.{name}.weight"), rule.weight)?;
        }
        let c = &self.constraints;
        if !(c.min_score.is_finite() && (0.0..=100.0).contains(&c.min_score)) {
            return Err(ConfigError::new(
                "constraints.min_score",
                format!("must be between 0 and 100, got {}", c.min_score),
            ));
        }
        for (key, names) in [
            ("constraints.require_different", &c.require_different),
            ("constraints.require_same", &c.require_same),
            ("constraints.require_overlap", &c.require_overlap),
            ("constraints.distinct", &c.distinct),
        ] {
            if names.iter().any(|n| list::normalize(n).is_empty()) {
                return Err(ConfigError::new(key, "attribute names must not be empty"));
            }
        }
        for (key, limits) in [
            ("constraints.max_difference", &c.max_difference),
            ("constraints.min_difference", &c.min_difference),
        ] {
            for (name, &limit) in limits {
                if list::normalize(name).is_empty() {
                    return Err(ConfigError::new(key, "attribute names must not be empty"));
                }
                check_non_negative(&format!("{key}.{name}"), limit)?;
            }
        }
        for (name, &min) in &c.min_difference {
            let max = c
                .max_difference
                .iter()
                .find(|(other, _)| list::normalize(other) == list::normalize(name));
            if let Some((_, &max)) = max.filter(|(_, &max)| min > max) {
                return Err(ConfigError::new(
                    "constraints",
                    format!("\"{name}\" has min_difference {min} above max_difference {max}: no pair could satisfy both"),
                ));
            }
        }
        if let Some(both) = c.require_different.iter().find(|d| {
            c.require_same
                .iter()
                .any(|s| list::normalize(s) == list::normalize(d))
        }) {
            return Err(ConfigError::new(
                "constraints",
                format!("\"{both}\" is in both require_different and require_same: no pair could satisfy both"),
            ));
        }
        check_non_negative("constraints.min_overlap_hours", c.min_overlap_hours)?;
        if c.min_overlap_hours > 168.0 {
            return Err(ConfigError::new(
                "constraints.min_overlap_hours",
                format!("a week has 168 hours, got {}", c.min_overlap_hours),
            ));
        }
        self.availability.reference()?;
        if self.preferences.mode == PickMode::Rank
            && matches!(self.solver.objective, Goal::Fair | Goal::Stable)
        {
            return Err(ConfigError::new(
                "preferences.mode",
                "\"rank\" needs solver.objective \"coverage\" or \"total\": \"fair\" and \"stable\" pick the matching by other rules",
            ));
        }
        if self.solver.threads > MAX_THREADS {
            return Err(ConfigError::new(
                "solver.threads",
                format!(
                    "must be at most {MAX_THREADS} (0 = every core), got {}",
                    self.solver.threads
                ),
            ));
        }
        check_vocabulary(&self.vocabulary)?;
        vocabulary_term::check_parents(&self.vocabulary).map_err(|(canonical, message)| {
            ConfigError::new(format!("vocabulary.{canonical}.parent"), message)
        })?;
        self.skills.validate()?;
        list_attributes::validate(self)?;
        columns::validate(&self.columns, &self.attributes)
    }

    /// The thread count to run on: `None` uses rayon's default (every core).
    pub fn threads(&self) -> Option<usize> {
        Some(self.solver.threads).filter(|&n| n > 0)
    }
}

pub(crate) fn check_non_negative(key: &str, value: f64) -> Result<(), ConfigError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(ConfigError::new(
            key,
            format!("must be a finite number ≥ 0, got {value}"),
        ))
    }
}

/// The default configuration as commented TOML, for `matcher init`.
pub const DEFAULT_TOML: &str = include_str!("default_config.toml");

/// Every term of the vocabulary is one term: no empty term, no alias claimed
/// by two canonical terms, no canonical term that is another one's alias.
fn check_vocabulary(terms: &BTreeMap<String, Term>) -> Result<(), ConfigError> {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for canonical in terms.keys() {
        owner.insert(term_key(canonical), canonical);
    }
    if let Some(canonical) = terms.keys().find(|c| term_key(c).is_empty()) {
        return Err(ConfigError::new(
            "vocabulary",
            format!("\"{canonical}\" is not a term: it has no letters or digits"),
        ));
    }
    for (canonical, term) in terms {
        let key = format!("vocabulary.{canonical}");
        for alias in &term.aliases {
            let alias_key = term_key(alias);
            if alias_key.is_empty() {
                return Err(ConfigError::new(
                    key,
                    format!("the alias \"{alias}\" is empty"),
                ));
            }
            match owner.insert(alias_key.clone(), canonical) {
                Some(other) if other != canonical && term_key(other) == alias_key => {
                    return Err(ConfigError::new(
                        key,
                        format!("\"{alias}\" is a canonical term of its own: list its aliases under one of them"),
                    ))
                }
                Some(other) if other != canonical => {
                    return Err(ConfigError::new(
                        key,
                        format!("\"{alias}\" is also an alias of \"{other}\": a term can mean only one thing"),
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}
