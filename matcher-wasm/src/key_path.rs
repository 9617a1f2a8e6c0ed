//! Reads a JSON tree into a serde type and, when that fails, finds the key
//! path of the failure by narrowing the tree: no wrapper around every visitor
//! (as `serde_path_to_error` has), so the wasm stays small.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// One step down a JSON tree: an object's key or an array's index.
enum Step {
    /// The value under this key.
    Key(String),
    /// The element at this index of the original array.
    Index(usize),
}

/// Reads `tree` into `T`; on failure `Err((path, message))`, where `message`
/// is serde_json's message (no position) and `path` is the failing key path
/// as `serde_path_to_error` wrote it: keys joined by `.`, array indices as
/// `[3]` (`require_same[1]`, `a[0].b`), `.` for the root.
///
/// The path is found by narrowing, one level at a time from the root. At an
/// object on the path, each entry in turn is left alone in it (the other
/// keys removed) and the tree is read again; at an array, the elements up to
/// each one in turn are kept, so that every element keeps its index. The
/// first entry whose narrowed tree fails with exactly the original message
/// holds the failure: a different message (say a required sibling now
/// missing) or success does not count. Two such failures are the container's
/// own, not the entry's, and end the path there: at an array, a wrong
/// length (serde's "invalid length N" with N the array's length, found at
/// its last element); at an object, an unknown variant named by the key
/// (an enum written `{ "variant": … }`) that stays with the value swapped
/// for `null` (`false` if it was `null`). Otherwise the failure is inside
/// the entry's value if that is an object or array and emptying it (`{}`
/// or `[]`) stops the message: the search descends into it. Else the
/// failure is the entry's own (an unknown key, a wrong scalar, a table
/// missing a required field) and the path ends at the entry. When no entry
/// reproduces the message (a check across entries), the path ends at the
/// object or array itself.
///
/// The root is searched as the value of such an entry. Emptying a table
/// that lacks a required field reports its first missing field, which may
/// be another: a table lacking its second required field, with one entry,
/// is then searched into and the path names that entry. No config table has
/// two required fields, nor an array of arrays (whose last element's own
/// wrong length, were it the outer array's length, would be taken for the
/// outer array's).
///
/// Entries are tried in the tree's order, which is the order serde reads
/// them in, so with several failures the first one read is found, as
/// `serde_path_to_error` found it. Each level reads the narrowed tree about
/// once per entry (an array's elements kept up to each one: quadratic in
/// its length), plus twice more: fine for configs.
pub fn read_tree<T: DeserializeOwned>(tree: Value) -> Result<T, (String, String)> {
    let message = match serde_json::from_value(tree.clone()) {
        Ok(value) => return Ok(value),
        Err(e) => e.to_string(),
    };
    let path = failing_path::<T>(tree, &message);
    Err((format_path(&path), message))
}

/// Whether reading `tree` into `T` fails with exactly `message`.
fn fails_with<T: DeserializeOwned>(tree: &Value, message: &str) -> bool {
    serde_json::from_value::<T>(tree.clone()).is_err_and(|e| e.to_string() == message)
}

/// The node `depth` levels down, where every object above it has been
/// narrowed to one entry and every array to the elements up to the one on
/// the path: each step takes the only entry or the last element.
fn only_descendant(mut node: &mut Value, depth: usize) -> &mut Value {
    for _ in 0..depth {
        node = match node {
            Value::Object(map) => map.values_mut().next(),
            Value::Array(items) => items.last_mut(),
            _ => None,
        }
        .expect("every node above the search is narrowed to its entry on the path");
    }
    node
}

/// Replaces the value at `depth` with `value` and says whether reading
/// `tree` into `T` still fails with `message`; the old value is put back.
fn fails_with_instead<T: DeserializeOwned>(
    tree: &mut Value,
    depth: usize,
    value: Value,
    message: &str,
) -> bool {
    let old = std::mem::replace(only_descendant(tree, depth), value);
    let fails = fails_with::<T>(tree, message);
    *only_descendant(tree, depth) = old;
    fails
}

/// An empty object or array in place of `value`; `None` for a scalar.
fn emptied(value: &Value) -> Option<Value> {
    match value {
        Value::Object(_) => Some(Value::Object(Map::new())),
        Value::Array(_) => Some(Value::Array(Vec::new())),
        _ => None,
    }
}

/// The steps to the failure of reading `tree` into `T` with `message` (the
/// rule is [`read_tree`]'s).
fn failing_path<T: DeserializeOwned>(mut tree: Value, message: &str) -> Vec<Step> {
    let mut path = Vec::new();
    // The root is an entry without a key: its own failure if emptying it keeps it.
    if emptied(&tree).is_some_and(|empty| fails_with_instead::<T>(&mut tree, 0, empty, message)) {
        return path;
    }
    'level: loop {
        let node = only_descendant(&mut tree, path.len());
        let entries: Vec<(Step, Value)> = match node.take() {
            Value::Object(map) => map.into_iter().map(|(k, v)| (Step::Key(k), v)).collect(),
            Value::Array(items) => {
                *node = Value::Array(Vec::new());
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (Step::Index(i), v))
                    .collect()
            }
            _ => return path,
        };
        let len = entries.len();
        for (step, value) in entries {
            let empty = emptied(&value);
            let stand_in = if value.is_null() {
                Value::Bool(false)
            } else {
                Value::Null
            };
            let node = only_descendant(&mut tree, path.len());
            match (&step, node) {
                (Step::Key(key), node) => {
                    *node = Value::Object(Map::from_iter([(key.clone(), value)]));
                }
                (Step::Index(_), Value::Array(items)) => items.push(value),
                (Step::Index(_), _) => unreachable!("an index steps into an array"),
            }
            if !fails_with::<T>(&tree, message) {
                continue;
            }
            // An index, or a key read as an enum's variant, is no key of its
            // own: a wrong length is the array's failure, an unknown variant
            // (whatever the value) the object's.
            let own = match &step {
                Step::Index(i) => {
                    *i + 1 == len && message.starts_with(&format!("invalid length {len}, "))
                }
                Step::Key(key) => {
                    message.starts_with(&format!("unknown variant `{key}`"))
                        && fails_with_instead::<T>(&mut tree, path.len() + 1, stand_in, message)
                }
            };
            if own {
                return path;
            }
            path.push(step);
            let inside = empty.is_some_and(|empty| {
                !fails_with_instead::<T>(&mut tree, path.len(), empty, message)
            });
            if inside {
                continue 'level;
            }
            return path;
        }
        return path;
    }
}

/// `a.b[3].c`, or `.` for the root.
fn format_path(path: &[Step]) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let mut text = String::new();
    for (i, step) in path.iter().enumerate() {
        match step {
            Step::Key(key) => {
                if i > 0 {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::read_tree;
    use matcher::Config;
    use serde::Deserialize;
    use serde_json::{json, Value};

    /// The path and message of reading `tree` as a config, which must fail.
    fn config_error(tree: Value) -> (String, String) {
        read_tree::<Config>(tree).expect_err("the config is invalid")
    }

    #[test]
    fn a_valid_tree_is_read() {
        let config: Config = read_tree(json!({ "weights": { "skills": 2 } })).unwrap();
        assert_eq!(config.weights.skills, 2.0);
    }

    #[test]
    fn an_unknown_top_level_key_is_the_path_not_its_contents() {
        let (path, message) = config_error(json!({ "wieghts": { "skills": 1 } }));
        assert_eq!(path, "wieghts");
        assert!(message.starts_with("unknown field `wieghts`, expected one of `weights`"));
    }

    #[test]
    fn an_unknown_nested_key() {
        let (path, message) = config_error(json!({
            "diversity": { "gender": { "prefer": "same", "wieght": 2 } },
        }));
        assert_eq!(path, "diversity.gender.wieght");
        assert_eq!(
            message,
            "unknown field `wieght`, expected `prefer` or `weight`"
        );
    }

    #[test]
    fn a_wrong_type_two_levels_down_beside_valid_keys() {
        let (path, message) = config_error(json!({
            "solver": { "objective": "fair" },
            "weights": { "goals": 1, "skills": "high", "values": 2 },
        }));
        assert_eq!(path, "weights.skills");
        assert_eq!(message, "invalid type: string \"high\", expected f64");
    }

    #[test]
    fn a_map_entry() {
        let (path, message) = config_error(json!({
            "constraints": { "max_difference": { "seniority": 2, "timezone": "three" } },
        }));
        assert_eq!(path, "constraints.max_difference.timezone");
        assert_eq!(message, "invalid type: string \"three\", expected f64");
    }

    #[test]
    fn an_array_element_keeps_its_index() {
        let (path, message) = config_error(json!({
            "constraints": { "require_same": ["site", "team", 3] },
        }));
        assert_eq!(path, "constraints.require_same[2]");
        assert_eq!(message, "invalid type: integer `3`, expected a string");
        let (path, _) = config_error(json!({
            "vocabulary": { "rust": ["rs", { "bad": 1 }] },
        }));
        assert_eq!(path, "vocabulary.rust[1]");
    }

    #[test]
    fn an_array_too_long_for_its_table_is_the_path_of_the_array() {
        let (path, message) = config_error(json!({
            "attributes": { "languages": [true, null, false] },
        }));
        assert_eq!(path, "attributes.languages");
        assert_eq!(
            message,
            "invalid length 3, expected fewer elements in array"
        );
    }

    #[test]
    fn an_unknown_variant_written_as_a_table_is_the_path_of_the_table() {
        let (path, message) = config_error(json!({ "solver": { "objective": { "fastest": 1 } } }));
        assert_eq!(path, "solver.objective");
        assert!(message.starts_with("unknown variant `fastest`, expected one of"));
        let (path, message) = config_error(json!({ "solver": { "objective": { "fair": 1 } } }));
        assert_eq!(path, "solver.objective.fair");
        assert_eq!(message, "invalid type: integer `1`, expected unit");
        // A variant named by a value, which happens to be its key.
        let (path, _) = config_error(json!({ "diversity": { "gender": "gender" } }));
        assert_eq!(path, "diversity.gender");
    }

    #[test]
    fn a_missing_required_field_is_the_path_of_its_table() {
        let (path, message) = config_error(json!({
            "diversity": { "department": "different", "gender": { "weight": 2 } },
        }));
        assert_eq!(path, "diversity.gender");
        assert_eq!(message, "missing field `prefer`");
    }

    #[test]
    fn the_first_failure_in_key_order_is_found() {
        let (path, _) = config_error(json!({
            "weights": { "goals": "x", "skills": "x" },
            "wieghts": 1,
        }));
        assert_eq!(path, "weights.goals");
    }

    /// Two required fields, for failures that narrowing alone would misplace.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Pair {
        left: Side,
        right: u8,
    }

    /// A table with one required field.
    #[derive(Debug, Deserialize)]
    struct Side {
        size: u8,
    }

    #[test]
    fn a_valid_pair_is_read() {
        let pair: Pair = read_tree(json!({ "left": { "size": 1 }, "right": 2 })).unwrap();
        assert_eq!((pair.left.size, pair.right), (1, 2));
    }

    #[test]
    fn narrowing_that_fails_for_another_reason_is_not_followed() {
        // Alone, `left` fails too, with "missing field `right`".
        let (path, message) =
            read_tree::<Pair>(json!({ "left": { "size": 1 }, "right": "no" })).unwrap_err();
        assert_eq!(path, "right");
        assert_eq!(message, "invalid type: string \"no\", expected u8");
    }

    #[test]
    fn a_failure_of_the_root_itself_is_a_dot() {
        let (path, message) = read_tree::<Pair>(json!({ "right": 1 })).unwrap_err();
        assert_eq!(path, ".");
        assert_eq!(message, "missing field `left`");
    }
}
