//! List attributes: a background attribute whose cell holds several values
//! (`english; german`), declared in the config's `[attributes]` section.
//!
//! ```toml
//! [attributes]
//! languages = { list = true }
//!
//! [columns]
//! "Which languages do you speak?" = { role = "languages", separator = "," }
//!
//! [constraints]
//! require_overlap = ["languages"]   # a pair shares at least one language
//!
//! [diversity]
//! languages = "overlap"             # scored by Jaccard similarity
//! ```
//!
//! A list cell is split on its column's separator (`;` unless `[columns]`
//! sets another) and each value normalised like any attribute value. A list
//! attribute is compared only by overlap: `same`, `different` and the numeric
//! rules are errors on it, as `overlap` and `require_overlap` are on an
//! attribute that is not a list.

use crate::config::{Config, ConfigError, Preference};
use crate::list;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How one attribute is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AttributeOptions {
    /// Whether the attribute's cells are lists of values.
    pub list: bool,
}

/// The `[attributes]` section: attribute name → how it is read.
pub type ListAttributes = BTreeMap<String, AttributeOptions>;

/// The normalised names of the attributes declared lists.
pub(crate) fn list_names(attributes: &ListAttributes) -> Vec<String> {
    attributes
        .iter()
        .filter(|(_, options)| options.list)
        .map(|(name, _)| list::normalize(name))
        .collect()
}

/// Checks that overlap rules name list attributes and every other attribute
/// rule names none; the error names the key at fault.
pub(crate) fn validate(config: &Config) -> Result<(), ConfigError> {
    if config
        .attributes
        .keys()
        .any(|n| list::normalize(n).is_empty())
    {
        return Err(ConfigError::new(
            "attributes",
            "attribute names must not be empty",
        ));
    }
    let lists = list_names(&config.attributes);
    let is_list = |name: &str| lists.contains(&list::normalize(name));
    for (name, rule) in &config.diversity {
        let key = format!("diversity.{name}");
        match (rule.prefer == Preference::Overlap, is_list(name)) {
            (true, false) => return Err(not_a_list(key, name)),
            (false, true) => return Err(a_list(key, name)),
            _ => {}
        }
    }
    let c = &config.constraints;
    if let Some(name) = c.require_overlap.iter().find(|n| !is_list(n)) {
        return Err(not_a_list("constraints.require_overlap".to_owned(), name));
    }
    let scalar_rules: [(&str, &mut dyn Iterator<Item = &String>); 4] = [
        (
            "constraints.require_different",
            &mut c.require_different.iter(),
        ),
        ("constraints.require_same", &mut c.require_same.iter()),
        ("constraints.max_difference", &mut c.max_difference.keys()),
        ("constraints.min_difference", &mut c.min_difference.keys()),
    ];
    for (key, names) in scalar_rules {
        for name in names {
            if is_list(name) {
                return Err(a_list(key.to_owned(), name));
            }
        }
    }
    Ok(())
}

fn not_a_list(key: String, name: &str) -> ConfigError {
    ConfigError::new(
        key,
        format!("overlap compares lists, and \"{name}\" is not one: declare it under [attributes] as `{name} = {{ list = true }}`"),
    )
}

fn a_list(key: String, name: &str) -> ConfigError {
    ConfigError::new(
        key,
        format!("\"{name}\" is a list attribute, compared only by overlap: use `\"overlap\"` in [diversity] or require_overlap in [constraints]"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AttributeRule;

    fn with_languages() -> Config {
        let mut config = Config::default();
        config
            .attributes
            .insert("languages".into(), AttributeOptions { list: true });
        config
    }

    fn rule(prefer: Preference) -> AttributeRule {
        AttributeRule {
            prefer,
            weight: 1.0,
        }
    }

    #[test]
    fn overlap_rules_on_a_list_attribute_are_valid() {
        let mut config = with_languages();
        config
            .diversity
            .insert("languages".into(), rule(Preference::Overlap));
        config.constraints.require_overlap = vec!["LANGUAGES".into()];
        assert_eq!(config.validate(), Ok(()));
    }

    #[test]
    fn overlap_on_an_attribute_that_is_no_list_names_the_key() {
        let mut config = with_languages();
        config
            .diversity
            .insert("department".into(), rule(Preference::Overlap));
        let error = config.validate().expect_err("not a list");
        assert_eq!(error.key, "diversity.department");
        assert!(error.message.contains("`department = { list = true }`"));

        let mut config = with_languages();
        config.constraints.require_overlap = vec!["department".into()];
        let error = config.validate().expect_err("not a list");
        assert_eq!(error.key, "constraints.require_overlap");
    }

    #[test]
    fn a_list_attribute_in_a_scalar_rule_names_the_key() {
        let mut config = with_languages();
        config
            .diversity
            .insert("languages".into(), rule(Preference::Same));
        assert_eq!(
            config.validate().expect_err("a list").key,
            "diversity.languages"
        );
        for (key, constraints) in [
            (
                "constraints.require_different",
                r#"{"require_different": ["languages"]}"#,
            ),
            (
                "constraints.require_same",
                r#"{"require_same": ["languages"]}"#,
            ),
            (
                "constraints.max_difference",
                r#"{"max_difference": {"languages": 1}}"#,
            ),
            (
                "constraints.min_difference",
                r#"{"min_difference": {"languages": 1}}"#,
            ),
        ] {
            let mut config = with_languages();
            config.constraints = serde_json::from_str(constraints).expect("constraints");
            let error = config.validate().expect_err("a list");
            assert_eq!(error.key, key);
            assert!(error.message.contains("use `\"overlap\"`"), "{error}");
        }
    }

    #[test]
    fn an_undeclared_list_is_not_a_list() {
        let mut config = with_languages();
        config
            .attributes
            .insert("languages".into(), AttributeOptions { list: false });
        config.constraints.require_overlap = vec!["languages".into()];
        assert_eq!(
            config.validate().expect_err("not a list").key,
            "constraints.require_overlap"
        );
    }
}
