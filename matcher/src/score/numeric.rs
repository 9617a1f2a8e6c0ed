//! Numeric attribute rules: `max_difference = { timezone = 3 }` forbids pairs
//! whose values differ by more than 3, `min_difference = { years_experience = 2 }`
//! pairs whose values differ by less than 2. Like the other attribute rules,
//! they apply only where both sides have a value.

use super::Forbidden;
use crate::config::Config;
use crate::diagnostic::{excerpt, Code, Diagnostic};
use crate::list;
use crate::roster::Roster;

/// Which way a numeric rule bounds the difference.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    /// `|a - b|` must be at most this.
    Max(f64),
    /// `|a - b|` must be at least this.
    Min(f64),
}

/// One numeric rule with both rosters' values of its attribute (`NaN` where
/// empty), so that a whole row is one linear pass over the mentor column.
#[derive(Debug)]
pub(super) struct NumericRule {
    attribute: String,
    bound: Bound,
    mentees: Vec<f64>,
    mentors: Vec<f64>,
}

/// The rules of `config` as `(attribute, key, bound)`, max first.
fn rules(config: &Config) -> impl Iterator<Item = (String, &'static str, Bound)> + '_ {
    let c = &config.constraints;
    let max = c.max_difference.iter().map(|(name, &v)| {
        let name = list::normalize(name);
        (name, "constraints.max_difference", Bound::Max(v))
    });
    let min = c.min_difference.iter().map(|(name, &v)| {
        let name = list::normalize(name);
        (name, "constraints.min_difference", Bound::Min(v))
    });
    max.chain(min)
}

/// A cell's number: finite, written as Rust (and JavaScript) read a float.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Every value of `attribute` in `roster`, `NaN` where empty or not a number.
fn column(roster: &Roster, attribute: &str) -> Vec<f64> {
    let Some(i) = roster.attribute(attribute) else {
        return vec![f64::NAN; roster.people.len()];
    };
    roster
        .people
        .iter()
        .map(|p| {
            p.attributes[i]
                .as_deref()
                .and_then(number)
                .unwrap_or(f64::NAN)
        })
        .collect()
}

impl NumericRule {
    /// The numeric rules of `config` over the two rosters. Values that are
    /// not numbers count as empty here: [`check_numbers`] reports them first.
    pub(super) fn all(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<NumericRule> {
        rules(config)
            .map(|(attribute, _, bound)| NumericRule {
                mentees: column(mentees, &attribute),
                mentors: column(mentors, &attribute),
                attribute,
                bound,
            })
            .collect()
    }

    /// Whether two values break the rule (never when one is `NaN`).
    fn breaks(&self, a: f64, b: f64) -> bool {
        match self.bound {
            Bound::Max(max) => (a - b).abs() > max,
            Bound::Min(min) => (a - b).abs() < min,
        }
    }

    /// Why the rule forbids mentee `e` with mentor `m`, if it does.
    pub(super) fn forbids(&self, e: usize, m: usize) -> Option<Forbidden> {
        let (a, b) = (self.mentees[e], self.mentors[m]);
        if !self.breaks(a, b) {
            return None;
        }
        let attribute = self.attribute.clone();
        let difference = (a - b).abs();
        Some(match self.bound {
            Bound::Max(max) => Forbidden::MaxDifference {
                attribute,
                difference,
                max,
            },
            Bound::Min(min) => Forbidden::MinDifference {
                attribute,
                difference,
                min,
            },
        })
    }

    /// Sets `out[m]` to `-inf` for every mentor `m` the rule forbids with mentee `e`.
    pub(super) fn forbid_row(&self, e: usize, out: &mut [f64]) {
        let a = self.mentees[e];
        if a.is_nan() {
            return;
        }
        for (cell, &b) in out.iter_mut().zip(&self.mentors) {
            if self.breaks(a, b) {
                *cell = f64::NEG_INFINITY;
            }
        }
    }
}

/// Every cell of an attribute a numeric rule compares that is not a number,
/// in both rosters, located by file, row and column.
pub fn check_numbers(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut checked: Vec<String> = Vec::new();
    for (attribute, key, _) in rules(config) {
        if checked.contains(&attribute) {
            continue;
        }
        for roster in [mentors, mentees] {
            let Some(i) = roster.attribute(&attribute) else {
                continue;
            };
            for person in &roster.people {
                let Some(value) = person.attributes[i].as_deref() else {
                    continue;
                };
                if number(value).is_none() {
                    problems.push(
                        Diagnostic::at(
                            &roster.source,
                            person.row,
                            Some(&attribute),
                            Code::BadNumber,
                            format!(
                                "{key} compares {attribute} as numbers, got \"{}\"",
                                excerpt(value)
                            ),
                        )
                        .with_hint(
                            "write a plain number such as `-5` or `2.5`, or leave the cell empty",
                        ),
                    );
                }
            }
        }
        checked.push(attribute);
    }
    crate::sorting::sort(&mut problems);
    problems
}
