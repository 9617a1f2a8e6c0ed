//! Why a pair scores what it does: per-criterion scores, what is shared, and how
//! the diversity attributes compare.

use crate::availability::Overlap;
use crate::choices::{ordinal, PickDetail};
use crate::config::{Criterion, Preference, Weights};
use crate::score::{coverage, Criteria, Forbidden, Scorer};
use serde::Serialize;
use std::fmt::Write;

/// A score of 0–100 rounded to two decimals, as reported everywhere.
pub fn percent(fraction: f64) -> f64 {
    (fraction * 10_000.0).round() / 100.0
}

/// Per-criterion scores of a pair, 0–100 with two decimals; `None` = not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CriterionScores {
    /// Skills coverage.
    pub skills: Option<f64>,
    /// Goals overlap.
    pub goals: Option<f64>,
    /// Values overlap.
    pub values: Option<f64>,
    /// Diversity preferences met.
    pub diversity: Option<f64>,
    /// The pair's own score from a pair-scores file; left out of JSON when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair_score: Option<f64>,
    /// Share of the mentee's weekly hours shared (left out of JSON when not applicable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// Participants' picks and nice-to-have wants (left out of JSON when not applicable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picks: Option<f64>,
}

impl From<Criteria> for CriterionScores {
    fn from(c: Criteria) -> Self {
        CriterionScores {
            skills: c.skills.map(percent),
            goals: c.goals.map(percent),
            values: c.values.map(percent),
            diversity: c.diversity.map(percent),
            pair_score: c.pair_score.map(percent),
            availability: c.availability.map(percent),
            picks: c.picks.map(percent),
        }
    }
}

/// How one wanted skill is covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillCoverage {
    /// The skill.
    pub skill: String,
    /// The level the mentee wants.
    pub wanted: u8,
    /// The level the mentor offers, `None` when not offered.
    pub offered: Option<u8>,
    /// When not offered: the related skill the mentor offers that earns
    /// partial credit (`[skills] related`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<RelatedSkill>,
}

/// A skill the mentor offers that is related to a wanted one through the
/// vocabulary's parents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedSkill {
    /// The related skill offered.
    pub skill: String,
    /// Its level.
    pub level: u8,
    /// The parent the two share (the offered skill itself when it is the
    /// wanted one's parent, the wanted one when it is its child).
    pub parent: String,
}

impl std::fmt::Display for RelatedSkill {
    /// `related: c++ (programming)`, or `related: programming` for the parent itself.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "related: {}", self.skill)?;
        if self.parent != self.skill {
            write!(f, " ({})", self.parent)?;
        }
        Ok(())
    }
}

/// How one diversity attribute compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeComparison {
    /// The attribute.
    pub attribute: String,
    /// The configured preference.
    pub prefer: Preference,
    /// The mentee's value.
    pub mentee: Option<String>,
    /// The mentor's value.
    pub mentor: Option<String>,
    /// Whether the preference is met; `None` when a side has no value.
    pub met: Option<bool>,
    /// For a list attribute (`overlap`): the values both hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<Vec<String>>,
}

/// The full breakdown of one pair's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentor's id.
    pub mentor_id: String,
    /// Total score, 0–100 with two decimals.
    pub score: f64,
    /// Per-criterion scores.
    pub criteria: CriterionScores,
    /// The weights the total is the weighted mean with: the config's, with the
    /// mentee's priority criterion's doubled.
    pub weights: Weights,
    /// The criterion the mentee named as their priority, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Criterion>,
    /// Every skill the mentee wants, with the mentor's level.
    pub skills: Vec<SkillCoverage>,
    /// Goals the mentee has that the mentor can help with.
    pub shared_goals: Vec<String>,
    /// Values both hold.
    pub shared_values: Vec<String>,
    /// Each diversity attribute.
    pub attributes: Vec<AttributeComparison>,
    /// The pair-scores file the `pair_score` criterion reads, when one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair_scores_file: Option<String>,
    /// The hours both are available, when both gave some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<Overlap>,
    /// What the `picks` criterion is made of: each side's pick of the other
    /// and each wish checked, when either picked or wished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picks: Option<PickDetail>,
    /// Why the pair may never be made, if it may not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<Forbidden>,
}

/// The parts of a reason that participants' choices give.
fn choices_reason(detail: &PickDetail) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(rank) = detail.mentee_pick {
        parts.push(format!("their {} pick", ordinal(rank)));
    }
    if detail.mentor_pick.is_some() {
        parts.push("picked by the mentor".to_owned());
    }
    let met: Vec<String> = (detail.wants.iter())
        .filter(|w| w.met)
        .map(|w| w.want.to_string())
        .collect();
    if !met.is_empty() {
        parts.push(format!("wants met: {}", met.join(", ")));
    }
    let unmet = detail.wants.iter().filter(|w| w.want.must && !w.met);
    parts.extend(unmet.map(|w| format!("a must-have not met: {} ({})", w.want, w.by.as_str())));
    parts
}

impl Explanation {
    /// Explains mentee `e` with mentor `m` (positions in their rosters).
    pub fn new(scorer: &Scorer, e: usize, m: usize) -> Self {
        let (mentee, mentor) = (&scorer.mentees().people[e], &scorer.mentors().people[m]);
        let criteria = scorer.criteria(e, m);
        let score = scorer.score(e, m);
        let related = scorer.related_skills(e, m);
        let skills = mentee
            .skills
            .iter()
            .map(|want| SkillCoverage {
                skill: want.name.clone(),
                wanted: want.level,
                offered: mentor
                    .skills
                    .iter()
                    .find(|s| s.name == want.name)
                    .map(|s| s.level),
                related: related
                    .iter()
                    .find(|(wanted, ..)| *wanted == want.name)
                    .map(|&(_, skill, level, parent)| RelatedSkill {
                        skill: skill.to_owned(),
                        level,
                        parent: parent.to_owned(),
                    }),
            })
            .collect();
        let mut attributes: Vec<AttributeComparison> = scorer
            .diversity_attributes()
            .map(|(i, name, prefer)| {
                let (a, b) = scorer.attribute_values(e, m, i);
                AttributeComparison {
                    attribute: name.to_owned(),
                    prefer,
                    mentee: a.map(str::to_owned),
                    mentor: b.map(str::to_owned),
                    met: a.zip(b).map(|(a, b)| prefer.holds(a, b)),
                    shared: None,
                }
            })
            .collect();
        attributes.extend(scorer.list_comparisons(e, m).into_iter().map(|list| {
            let values = |v: &[String]| Some(v.join("; ")).filter(|v| !v.is_empty());
            let (a, b) = (values(&list.mentee), values(&list.mentor));
            AttributeComparison {
                met: (a.is_some() && b.is_some()).then_some(!list.shared.is_empty()),
                attribute: list.attribute,
                prefer: Preference::Overlap,
                mentee: a,
                mentor: b,
                shared: Some(list.shared),
            }
        }));
        let forbidden = scorer
            .rule_forbids(e, m)
            .or_else(|| (mentor.capacity == 0).then_some(Forbidden::Unavailable))
            .or_else(|| scorer.below_min(score).then_some(Forbidden::BelowMinScore));
        Explanation {
            mentee_id: mentee.id.clone(),
            mentor_id: mentor.id.clone(),
            score: f64::from(score) / 100.0,
            criteria: criteria.into(),
            weights: scorer.weights_for(e),
            priority: mentee.priority,
            skills,
            shared_goals: scorer.shared_goals(e, m),
            shared_values: scorer.shared_values(e, m),
            attributes,
            pair_scores_file: scorer.pair_scores_source().map(str::to_owned),
            availability: scorer.overlap(e, m),
            picks: scorer.pick_detail(e, m),
            forbidden,
        }
    }

    /// A one-line reason a person can read, e.g.
    /// `skills: python, sql (2 of 3), rust (related: c++ (programming)); goals: promotion;
    /// values: curiosity; different department (data, engineering); shared languages: english`,
    /// ending in `pair score 0.87 (from scores.csv)` when a pair-scores file scores the pair;
    /// participants' choices come first: `their 1st pick; picked by the mentor; wants met:
    /// gender=woman`, or `a must-have not met: language=spanish (mentee)`.
    pub fn reason(&self) -> String {
        let mut parts: Vec<String> = self.picks.as_ref().map_or_else(Vec::new, choices_reason);
        let levels = |wanted: u8, offered: u8| {
            (coverage(wanted, offered) < 1.0).then(|| format!("{offered} of {wanted}"))
        };
        let covered: Vec<String> = self
            .skills
            .iter()
            .filter_map(|s| match (s.offered, &s.related) {
                (Some(offered), _) => Some(match levels(s.wanted, offered) {
                    Some(levels) => format!("{} ({levels})", s.skill),
                    None => s.skill.clone(),
                }),
                (None, Some(related)) => Some(match levels(s.wanted, related.level) {
                    Some(levels) => format!("{} ({related}, {levels})", s.skill),
                    None => format!("{} ({related})", s.skill),
                }),
                (None, None) => None,
            })
            .collect();
        for (label, items) in [
            ("skills", &covered),
            ("goals", &self.shared_goals),
            ("values", &self.shared_values),
        ] {
            if !items.is_empty() {
                parts.push(format!("{label}: {}", items.join(", ")));
            }
        }
        for a in &self.attributes {
            if let (Some(true), Some(mentee), Some(mentor)) = (a.met, &a.mentee, &a.mentor) {
                let mut text = String::new();
                let _ = match a.prefer {
                    Preference::Different => {
                        write!(text, "different {} ({mentee}, {mentor})", a.attribute)
                    }
                    Preference::Same => write!(text, "same {} ({mentee})", a.attribute),
                    Preference::Overlap => write!(
                        text,
                        "shared {}: {}",
                        a.attribute,
                        a.shared.as_deref().unwrap_or_default().join(", ")
                    ),
                };
                parts.push(text);
            }
        }
        if let (Some(score), Some(file)) = (self.criteria.pair_score, &self.pair_scores_file) {
            parts.push(format!("pair score {} (from {file})", score / 100.0));
        }
        if let Some(overlap) = self.availability.as_ref().filter(|o| o.hours > 0.0) {
            parts.push(overlap.describe());
        }
        if parts.is_empty() {
            "nothing in common".to_owned()
        } else {
            parts.join("; ")
        }
    }
}
