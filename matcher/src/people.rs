//! Peer programs: one roster of people, read as both sides of a program.
//!
//! Each person has a `role` of `mentor`, `mentee` or `both` (an empty cell is
//! `both`). `skills` is what a person offers when they mentor, `learning`
//! what they want to learn when they are mentored; `capacity` is how many
//! mentees they take as a mentor. Every other column means what it means in
//! a two-file program (`values`, `goals`, `exclude`, attributes, …).
//!
//! ```
//! use matcher::people::People;
//! let csv = "id,role,skills,learning\na,both,rust,sql\nb,mentee,,rust\nc,mentor,sql,\n";
//! let people = People::from_reader(csv.as_bytes(), "people.csv", &Default::default()).unwrap();
//! let (mentors, mentees) = people.directed();
//! let ids = |r: &matcher::Roster| r.people.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
//! assert_eq!((ids(&mentors), ids(&mentees)), (vec!["a".to_owned(), "c".into()], vec!["a".to_owned(), "b".into()]));
//! assert_eq!(mentees.people[0].skills[0].name, "sql");
//! ```

use crate::columns::ColumnRules;
use crate::diagnostic::{excerpt, Code, Diagnostic};
use crate::roster::{Roster, Side};
use std::io::Read;

/// Which side a person of a peer roster may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Only mentors.
    Mentor,
    /// Only looks for a mentor.
    Mentee,
    /// Either side, or both at once with different people.
    Both,
}

impl Role {
    /// Whether the person may mentor.
    pub fn mentors(self) -> bool {
        self != Role::Mentee
    }

    /// Whether the person may be mentored.
    pub fn is_mentored(self) -> bool {
        self != Role::Mentor
    }
}

/// A peer roster: everyone read as a mentor and as a mentee, in input order.
#[derive(Debug, Clone)]
pub struct People {
    /// Everyone as a mentor: `skills` offered, `capacity` mentees taken.
    pub as_mentors: Roster,
    /// Everyone as a mentee: `learning` read as the skills wanted.
    pub as_mentees: Roster,
    /// Each person's role.
    pub roles: Vec<Role>,
}

impl People {
    /// Reads a peer roster (CSV or a workbook's first sheet) under the
    /// config's `[columns]` rules; every problem is returned at once, located.
    pub fn from_reader<R: Read>(
        mut reader: R,
        source: &str,
        rules: &ColumnRules,
    ) -> Result<People, Vec<Diagnostic>> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|e| {
            vec![Diagnostic::file(
                source,
                Code::CsvSyntax,
                format!("could not read the file: {e}"),
            )]
        })?;
        let as_mentors = Roster::from_reader(&bytes[..], Side::Mentor, source, rules, None)?;
        let as_mentees =
            Roster::from_reader(&bytes[..], Side::Mentee, source, &mentee_rules(rules), None)?;
        // Ids in `exclude` and `picks` name people of the same file.
        let mut problems = crate::roster::check_pair(&as_mentors, &as_mentees);
        let role_column = as_mentors.attribute("role");
        let roles = as_mentors
            .people
            .iter()
            .map(|person| {
                let cell = role_column.and_then(|c| person.attributes[c].as_deref());
                match cell.unwrap_or("both") {
                    "both" => Role::Both,
                    "mentor" => Role::Mentor,
                    "mentee" => Role::Mentee,
                    other => {
                        problems.push(
                            Diagnostic::at(
                                source,
                                person.row,
                                Some("role"),
                                Code::BadRole,
                                format!(
                                    "role must be mentor, mentee or both, got \"{}\"",
                                    excerpt(other)
                                ),
                            )
                            .with_hint("leave the cell empty for someone who can take either side"),
                        );
                        Role::Both
                    }
                }
            })
            .collect();
        if problems.is_empty() {
            Ok(People {
                as_mentors,
                as_mentees,
                roles,
            })
        } else {
            Err(problems)
        }
    }

    /// The two sides of a directed peer program: the people who may mentor
    /// and the people who may be mentored, in input order. Nobody is ever
    /// paired with themselves (each person excludes their own id), and two
    /// people are paired at most once: the matching never has A mentor B
    /// while B mentors A.
    pub fn directed(&self) -> (Roster, Roster) {
        let mut mentors = self.as_mentors.clone();
        let mut mentees = self.as_mentees.clone();
        mentors.keep_where(|i| self.roles[i].mentors());
        mentees.keep_where(|i| self.roles[i].is_mentored());
        (mentors.peers, mentees.peers) = (true, true);
        for person in &mut mentees.people {
            let own = crate::list::normalize(&person.id);
            if mentors.position(&own).is_some() && !person.exclude.contains(&own) {
                person.exclude.push(own);
            }
            person.exclude.retain(|id| mentors.position(id).is_some());
            person.picks.retain(|id| mentors.position(id).is_some());
        }
        for person in &mut mentors.people {
            person.exclude.retain(|id| mentees.position(id).is_some());
            person.picks.retain(|id| mentees.position(id).is_some());
        }
        (mentors, mentees)
    }
}

/// The `[columns]` rules for reading the roster as mentees: what is read as
/// `skills` becomes the attribute `offers`, `learning` becomes the skills
/// wanted, and `capacity` (mentees taken) the attribute `places`.
fn mentee_rules(rules: &ColumnRules) -> ColumnRules {
    let mut rules = rules.clone();
    for header in ["skills", "learning", "capacity"] {
        rules.entry(header.to_owned()).or_default();
    }
    for (header, rule) in &mut rules {
        let role = rule
            .role
            .clone()
            .unwrap_or_else(|| crate::list::normalize(header));
        rule.role = match role.as_str() {
            "skills" => Some("offers".to_owned()),
            "learning" => Some("skills".to_owned()),
            "capacity" => Some("places".to_owned()),
            _ => rule.role.take(),
        };
    }
    rules
}
