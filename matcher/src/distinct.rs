//! The groups of the `distinct` rule (`constraints.distinct`): under each
//! listed attribute, mentors with the same value share a group, and a mentee
//! takes at most one mentor of each group.

use crate::config::ConfigError;
use crate::error::Error;
use crate::roster::Roster;

/// The mentors' groups under every `distinct` attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Groups {
    /// Per attribute, its name as configured and each mentor's group.
    partitions: Vec<(String, Vec<u32>)>,
}

impl Groups {
    /// The groups of `mentors` under the attributes `names`; an error for a
    /// name that is not a mentor column.
    pub(crate) fn new(mentors: &Roster, names: &[String]) -> Result<Groups, Error> {
        let partitions = names
            .iter()
            .map(|name| Ok((name.clone(), partition(mentors, name)?)))
            .collect::<Result<_, Error>>()?;
        Ok(Groups { partitions })
    }

    /// Each attribute's partition: a group id per mentor.
    pub(crate) fn partitions(&self) -> Vec<&[u32]> {
        self.partitions.iter().map(|(_, g)| g.as_slice()).collect()
    }

    /// The first attribute under which mentors `m` and `n` share a group.
    pub(crate) fn shared(&self, m: usize, n: usize) -> Option<&str> {
        self.partitions
            .iter()
            .find(|(_, group)| group[m] == group[n])
            .map(|(name, _)| name.as_str())
    }
}

/// Each mentor's group under the attribute `name`: mentors with the same
/// value share a group; a mentor with no value is a group of their own.
fn partition(mentors: &Roster, name: &str) -> Result<Vec<u32>, Error> {
    let Some(column) = mentors.attribute(name) else {
        return Err(ConfigError::new(
            "constraints.distinct",
            format!(
                "\"{name}\" is not a column of the mentor roster {}",
                mentors.source
            ),
        )
        .into());
    };
    // Mentors in order of their value, the empty ones first; a group per
    // value, and one per mentor without a value.
    let value = |m: usize| mentors.people[m].attributes[column].as_deref();
    let mut order: Vec<usize> = (0..mentors.people.len()).collect();
    crate::sorting::sort_by_key(&mut order, |&m| value(m));
    let mut group = vec![0u32; order.len()];
    let mut next = 0u32;
    for (k, &m) in order.iter().enumerate() {
        let same = k > 0 && value(m).is_some() && value(m) == value(order[k - 1]);
        next += u32::from(k > 0 && !same);
        group[m] = next;
    }
    Ok(group)
}
