//! One `[vocabulary]` entry: a canonical term's aliases and, optionally, its
//! parent, the broader term related skills share (see [`crate::config::SkillOptions`]).
//!
//! ```toml
//! [vocabulary]
//! javascript = ["js", "ecmascript"]                    # aliases alone
//! rust = { aliases = ["rs"], parent = "programming" }  # aliases and a parent
//! "c++" = { parent = "programming" }
//! ```
//!
//! A parent written as an alias means its canonical term; no term may be its
//! own parent, nor its parent's ancestor.

use crate::vocabulary::term_key;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A canonical term's aliases and parent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Term {
    /// Other spellings that mean this term.
    pub aliases: Vec<String>,
    /// The broader term this one is a kind of, if any.
    pub parent: Option<String>,
}

impl From<Vec<String>> for Term {
    fn from(aliases: Vec<String>) -> Self {
        Term {
            aliases,
            parent: None,
        }
    }
}

impl Term {
    /// Adds `other`'s aliases and parent to this term's (a vocabulary file's
    /// to the config's); a second, different parent is an error saying so.
    pub fn merge(&mut self, other: Term) -> Result<(), String> {
        self.aliases.extend(other.aliases);
        match (&self.parent, other.parent) {
            (Some(mine), Some(theirs)) if term_key(mine) != term_key(&theirs) => Err(format!(
                "the parent \"{theirs}\" differs from the config's \"{mine}\": a term has one parent"
            )),
            (None, theirs) => {
                self.parent = theirs;
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// A list of aliases when there is no parent, else a table.
impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(parent) = &self.parent else {
            return self.aliases.serialize(serializer);
        };
        let mut map = serializer.serialize_map(None)?;
        if !self.aliases.is_empty() {
            map.serialize_entry("aliases", &self.aliases)?;
        }
        map.serialize_entry("parent", parent)?;
        map.end()
    }
}

/// `["alias", …]`, or `{ aliases = [...], parent = "..." }` (both keys optional).
impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            #[serde(default)]
            aliases: Vec<String>,
            parent: Option<String>,
        }
        struct TermVisitor;
        impl<'de> Visitor<'de> for TermVisitor {
            type Value = Term;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of aliases, or { aliases = [...], parent = \"...\" }")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Term, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Term::from)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Term, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Term {
                    aliases: full.aliases,
                    parent: full.parent,
                })
            }
        }
        deserializer.deserialize_any(TermVisitor)
    }
}

/// Each term's key mapped to its canonical term's key: canonical terms map
/// to themselves, aliases to their canonical term.
fn canonical_keys(terms: &BTreeMap<String, Term>) -> HashMap<String, String> {
    let mut keys = HashMap::new();
    for (canonical, term) in terms {
        let key = term_key(canonical);
        for alias in &term.aliases {
            keys.insert(term_key(alias), key.clone());
        }
        keys.insert(key.clone(), key);
    }
    keys
}

/// Each canonical term with a parent, as `(child key, parent key)`: the
/// parent's canonical key when the parent is a term or alias of the
/// vocabulary, else its own key.
pub(crate) fn parent_keys(terms: &BTreeMap<String, Term>) -> Vec<(String, String)> {
    let canonical = canonical_keys(terms);
    terms
        .iter()
        .filter_map(|(child, term)| {
            let parent = term_key(term.parent.as_deref()?);
            let parent = canonical.get(&parent).cloned().unwrap_or(parent);
            Some((term_key(child), parent))
        })
        .collect()
}

/// The first canonical term whose parent is not one (empty, itself, or part
/// of a cycle), with what is wrong.
pub(crate) fn check_parents(terms: &BTreeMap<String, Term>) -> Result<(), (String, String)> {
    let mut keyed: HashMap<String, String> = HashMap::new();
    for (child, parent) in parent_keys(terms) {
        keyed.insert(child, parent);
    }
    // A term's name as the vocabulary writes it, for messages.
    let name = |key: &str| {
        let written = terms.keys().find(|c| term_key(c) == key);
        written.map_or_else(|| key.to_owned(), String::clone)
    };
    for (canonical, term) in terms {
        let Some(written) = &term.parent else {
            continue;
        };
        let start = term_key(canonical);
        let fail = |message: String| Err((canonical.clone(), message));
        if term_key(written).is_empty() {
            return fail(format!(
                "the parent \"{written}\" is not a term: it has no letters or digits"
            ));
        }
        if keyed[&start] == start {
            return fail(format!(
                "\"{written}\" is \"{canonical}\" itself: a term cannot be its own parent"
            ));
        }
        let mut chain = vec![canonical.clone()];
        let mut at = &keyed[&start];
        while let Some(next) = keyed.get(at) {
            chain.push(name(at));
            if *at == start {
                return fail(format!("the parents make a cycle: {}", chain.join(" → ")));
            }
            if chain.len() > keyed.len() + 1 {
                break; // a cycle further up, reported from one of its own terms
            }
            at = next;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(json: &str) -> BTreeMap<String, Term> {
        serde_json::from_str(json).expect("valid vocabulary")
    }

    #[test]
    fn a_list_or_a_table_reads_and_writes_back_the_same() {
        let read = terms(
            r#"{"js": ["javascript"], "rust": {"aliases": ["rs"], "parent": "programming"}, "c++": {"parent": "programming"}}"#,
        );
        assert_eq!(read["js"], Term::from(vec!["javascript".to_owned()]));
        assert_eq!(read["rust"].parent.as_deref(), Some("programming"));
        assert!(read["c++"].aliases.is_empty());
        let written = serde_json::to_string(&read).expect("serialises");
        assert_eq!(
            written,
            r#"{"c++":{"parent":"programming"},"js":["javascript"],"rust":{"aliases":["rs"],"parent":"programming"}}"#
        );
        assert_eq!(terms(&written), read);
    }

    #[test]
    fn merging_adds_aliases_and_refuses_a_second_parent() {
        let mut term = Term {
            aliases: vec!["rs".into()],
            parent: Some("Programming".into()),
        };
        let same = Term {
            aliases: vec!["rust-lang".into()],
            parent: Some("programming".into()),
        };
        assert_eq!(term.merge(same), Ok(()));
        assert_eq!(term.aliases, ["rs", "rust-lang"]);
        assert_eq!(term.parent.as_deref(), Some("Programming"));
        let other = Term {
            aliases: Vec::new(),
            parent: Some("systems".into()),
        };
        let error = term.merge(other).expect_err("two parents");
        assert!(error.contains("a term has one parent"), "{error}");
        let mut bare = Term::default();
        assert_eq!(bare.merge(term.clone()), Ok(()));
        assert_eq!(bare.parent, term.parent);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let error = serde_json::from_str::<BTreeMap<String, Term>>(r#"{"rust": {"parents": "x"}}"#)
            .expect_err("unknown key");
        assert!(
            error.to_string().contains("unknown field `parents`"),
            "{error}"
        );
    }

    #[test]
    fn a_parent_written_as_an_alias_is_its_canonical_term() {
        let read = terms(r#"{"programming": ["coding"], "rust": {"parent": "Coding"}}"#);
        assert_eq!(
            parent_keys(&read),
            [("rust".to_owned(), "programming".to_owned())]
        );
        assert_eq!(check_parents(&read), Ok(()));
    }

    #[test]
    fn its_own_parent_and_cycles_name_the_term() {
        let own = terms(r#"{"rust": {"aliases": ["rs"], "parent": "RS"}}"#);
        let (term, message) = check_parents(&own).expect_err("own parent");
        assert_eq!(term, "rust");
        assert!(message.contains("its own parent"), "{message}");

        let cycle = terms(
            r#"{"a": {"parent": "b"}, "b": {"parent": "c"}, "c": {"parent": "a"}, "d": {"parent": "a"}}"#,
        );
        assert_eq!(
            check_parents(&cycle),
            Err((
                "a".to_owned(),
                "the parents make a cycle: a → b → c → a".to_owned()
            ))
        );
        let tail = terms(r#"{"a": {"parent": "b"}, "b": {"parent": "c"}, "c": {"parent": "b"}}"#);
        let (term, _) = check_parents(&tail).expect_err("cycle above a");
        assert_eq!(term, "b");
        let chain = terms(r#"{"a": {"parent": "b"}, "b": {"parent": "c"}}"#);
        assert_eq!(check_parents(&chain), Ok(()));
    }
}
