//! Columns as sign-up forms name them: the config's `[columns]` section maps
//! any header (a question's text, say) to a role, and sets the item separator
//! of a list column.
//!
//! ```toml
//! [columns]
//! "Which skills would you like to develop?" = "skills"
//! "Your team" = "department"                 # an attribute, by the name rules use
//! "Topics" = { role = "goals", separator = "," }
//! skills = { separator = "," }               # a column keeps its role, with another separator
//! ```

use crate::config::ConfigError;
use crate::diagnostic::{excerpt, Code, Diagnostic};
use crate::list;
use crate::list_attributes::{list_names, ListAttributes};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The separator of list items unless a column sets another.
pub const DEFAULT_SEPARATOR: char = ';';

/// The columns whose cells are lists of items.
pub const LIST_ROLES: [&str; 6] = ["skills", "values", "goals", "exclude", "picks", "wants"];

/// How one roster column is read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ColumnRule {
    /// The column's meaning (`id`, `name`, `capacity`, `priority`, `skills`,
    /// `values`, `goals`, `exclude`, `picks`, `wants`, or an attribute's
    /// name); `None` keeps
    /// the one its header gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The item separator of a list column; `None` is `;`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separator: Option<char>,
}

/// `"skills"`, or `{ role = "skills", separator = "," }`.
impl<'de> Deserialize<'de> for ColumnRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            role: Option<String>,
            separator: Option<char>,
        }
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = ColumnRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a role such as \"skills\", or { role = ..., separator = \",\" }")
            }
            fn visit_str<E: de::Error>(self, role: &str) -> Result<ColumnRule, E> {
                Ok(ColumnRule {
                    role: Some(role.to_owned()),
                    separator: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ColumnRule, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ColumnRule {
                    role: full.role,
                    separator: full.separator,
                })
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

/// The `[columns]` section: header → rule.
pub type ColumnRules = BTreeMap<String, ColumnRule>;

/// How a roster reads one header cell: its role and its item separator.
pub(crate) fn resolve(rules: &ColumnRules, header: &str) -> (String, char) {
    let rule = rule_for(rules, header);
    let role = rule
        .and_then(|r| r.role.as_deref())
        .map_or_else(|| header.to_owned(), list::normalize);
    let separator = rule.and_then(|r| r.separator).unwrap_or(DEFAULT_SEPARATOR);
    (role, separator)
}

/// The rule for a normalised header, if the section has one.
fn rule_for<'r>(rules: &'r ColumnRules, header: &str) -> Option<&'r ColumnRule> {
    rules
        .iter()
        .find(|(name, _)| list::normalize(name) == header)
        .map(|(_, rule)| rule)
}

/// The separator the section sets for a normalised header, if it sets one
/// (the separator of a list attribute's column).
pub(crate) fn explicit_separator(rules: &ColumnRules, header: &str) -> Option<char> {
    rule_for(rules, header).and_then(|rule| rule.separator)
}

/// Checks the section: no empty header or role, no header listed twice, and
/// a separator only on a list column (or a list attribute's), one
/// punctuation character other than the quote.
pub(crate) fn validate(
    rules: &ColumnRules,
    attributes: &ListAttributes,
) -> Result<(), ConfigError> {
    let list_attributes = list_names(attributes);
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (header, rule) in rules {
        let key = format!("columns.{header}");
        let normalized = list::normalize(header);
        if normalized.is_empty() {
            return Err(ConfigError::new("columns", "a header name is empty"));
        }
        if let Some(first) = seen.insert(normalized, header) {
            return Err(ConfigError::new(
                key,
                format!("\"{first}\" and \"{header}\" name the same column"),
            ));
        }
        let role = match &rule.role {
            Some(role) if list::normalize(role).is_empty() => {
                return Err(ConfigError::new(key, "the role is empty"))
            }
            Some(role) => list::normalize(role),
            None => list::normalize(header),
        };
        if let Some(separator) = rule.separator {
            if !LIST_ROLES.contains(&role.as_str()) && !list_attributes.contains(&role) {
                return Err(ConfigError::new(
                    key,
                    format!(
                        "a separator applies to a list column ({}, or an attribute declared a list under [attributes]), and this one is read as \"{role}\"",
                        LIST_ROLES.join(", ")
                    ),
                ));
            }
            if separator.is_alphanumeric() || separator.is_whitespace() || separator == '"' {
                return Err(ConfigError::new(
                    key,
                    format!("the separator must be a punctuation character such as \",\" or \";\", got {separator:?}"),
                ));
            }
        }
    }
    Ok(())
}

/// Watches a list column read with `;` for cells that look comma-separated,
/// as form exports write multi-select answers (`Python, SQL`): read as one
/// item each, they would score silently wrong.
#[derive(Debug, Default)]
pub(crate) struct CommaWatch {
    /// The first cell with a comma: its row and text.
    first: Option<(usize, String)>,
    /// Cells with a comma.
    commas: usize,
    /// Cells that are not empty.
    filled: usize,
    /// Whether any cell uses `;`.
    semicolons: bool,
}

impl CommaWatch {
    /// A watch for a column read with `separator`, if it is a `;` list.
    pub(crate) fn for_column(is_list: bool, separator: char) -> Option<CommaWatch> {
        (is_list && separator == DEFAULT_SEPARATOR).then(CommaWatch::default)
    }

    /// Notes one cell of the column.
    pub(crate) fn see(&mut self, row: usize, cell: &str) {
        if cell.trim().is_empty() {
            return;
        }
        self.filled += 1;
        self.semicolons |= cell.contains(DEFAULT_SEPARATOR);
        if cell.contains(',') {
            self.commas += 1;
            self.first
                .get_or_insert_with(|| (row, cell.trim().to_owned()));
        }
    }

    /// The problem, when the column's cells use commas and never `;`:
    /// located at the first such cell, with the config line that reads them.
    pub(crate) fn problem(&self, source: &str, column: &str) -> Option<Diagnostic> {
        let (row, cell) = self.first.as_ref().filter(|_| !self.semicolons)?;
        Some(
            Diagnostic::at(
                source,
                *row,
                Some(column),
                Code::CommaSeparatedList,
                format!(
                    "the list \"{}\" looks comma-separated ({} of {} filled cells have commas, none has `;`), so it would be read as one item",
                    excerpt(cell),
                    self.commas,
                    self.filled
                ),
            )
            .with_hint(format!(
                "list items are separated by `;`; to read this column as it is, add `\"{column}\" = {{ separator = \",\" }}` under [columns] in the config"
            )),
        )
    }
}
