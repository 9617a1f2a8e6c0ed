//! A roster's header row: what each column means under the `[columns]`
//! rules, its item separator, and the attribute names.

use super::Side;
use crate::columns::{self, ColumnRules};
use crate::diagnostic::{Code, Diagnostic};
use crate::list;

/// What each header cell means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Field {
    Id,
    Name,
    Capacity,
    MinLoad,
    Priority,
    Skills,
    Values,
    Goals,
    Exclude,
    Picks,
    Wants,
    Attribute(usize),
}

impl Field {
    /// Whether the column's cells are lists of items.
    pub(super) fn is_list(self) -> bool {
        matches!(
            self,
            Field::Skills
                | Field::Values
                | Field::Goals
                | Field::Exclude
                | Field::Picks
                | Field::Wants
        )
    }
}

/// The meaning of a normalised header name on `side`; `None` for an attribute.
pub(super) fn field(name: &str, side: Side) -> Option<Field> {
    Some(match (name, side) {
        ("id", _) => Field::Id,
        ("name", _) => Field::Name,
        ("capacity", _) => Field::Capacity,
        ("min_load", Side::Mentor) => Field::MinLoad,
        ("priority", Side::Mentee) => Field::Priority,
        ("skills", _) => Field::Skills,
        ("values", _) => Field::Values,
        ("goals", _) => Field::Goals,
        ("exclude", _) => Field::Exclude,
        ("picks", _) => Field::Picks,
        ("wants", _) => Field::Wants,
        _ => return None,
    })
}

/// What a header row says about its columns.
pub(super) struct Header {
    /// Each column's normalised header name, as diagnostics name it.
    pub(super) columns: Vec<String>,
    /// Each column's meaning.
    pub(super) fields: Vec<Field>,
    /// The attribute names, in column order.
    pub(super) attributes: Vec<String>,
    /// Each column's list item separator.
    pub(super) separators: Vec<char>,
    /// Whether a column is read as `capacity`.
    pub(super) capacity_column: bool,
}

/// Reads the header under the `[columns]` rules: names, meanings, attribute
/// names and separators. Two columns with one meaning are a problem.
pub(super) fn read_header(
    header: &csv::ByteRecord,
    header_row: usize,
    side: Side,
    source: &str,
    rules: &ColumnRules,
    diagnostics: &mut Vec<Diagnostic>,
) -> Header {
    let mut read = Header {
        columns: Vec::with_capacity(header.len()),
        fields: Vec::with_capacity(header.len()),
        attributes: Vec::new(),
        separators: Vec::with_capacity(header.len()),
        capacity_column: false,
    };
    let mut roles: Vec<String> = Vec::with_capacity(header.len());
    for (i, bytes) in header.iter().enumerate() {
        let mut name = list::normalize(&String::from_utf8_lossy(bytes));
        if name.is_empty() {
            name = format!("column_{}", i + 1);
        }
        let (role, separator) = columns::resolve(rules, &name);
        let field = field(&role, side).unwrap_or(Field::Attribute(read.attributes.len()));
        if let Some(first) = roles.iter().position(|r| *r == role) {
            let message = if read.columns[first] == name {
                format!(
                    "the column \"{name}\" appears more than once (columns {} and {})",
                    first + 1,
                    i + 1
                )
            } else {
                format!(
                    "the columns \"{}\" and \"{name}\" are both read as \"{role}\" (columns {} and {})",
                    read.columns[first],
                    first + 1,
                    i + 1
                )
            };
            diagnostics.push(Diagnostic::at(
                source,
                header_row,
                Some(&name),
                Code::DuplicateColumn,
                message,
            ));
        }
        if let Field::Attribute(_) = field {
            read.attributes.push(role.clone());
        }
        read.capacity_column |= role == "capacity";
        read.columns.push(name);
        read.fields.push(field);
        read.separators.push(separator);
        roles.push(role);
    }
    read
}
