//! Participants' choices: whom they pick and what they want of the other side.
//!
//! Either roster may have a `picks` column (ids from the other file, most
//! wanted first, separated like `exclude`) and a `wants` column (wishes on
//! the other side's attributes: `gender=woman; !language=spanish`, a leading
//! `!` making a wish a must-have). The `[preferences]` section says what
//! picks do:
//!
//! ```toml
//! [preferences]
//! mode = "bonus"   # picks and nice-to-have wants score as the `picks` criterion
//! # mode = "only"  # and a mentee who gave picks is matched within them or not at all
//! # mode = "rank"  # and the most first picks, then the most second picks, …
//! ```
//!
//! Must-have wants are hard rules in every mode; a mentor's picks never
//! restrict, only score.

use crate::list;
use crate::roster::Side;
use serde::{Deserialize, Serialize};

/// One wish on the other side's attributes: `language=spanish`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Want {
    /// The normalised attribute name.
    pub attribute: String,
    /// The normalised value wanted.
    pub value: String,
    /// Whether the wish is a must-have (written with a leading `!`): a pair
    /// that does not meet it is never made.
    pub must: bool,
}

impl std::fmt::Display for Want {
    /// `language=spanish` (without the `!` of a must-have).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.attribute, self.value)
    }
}

/// Splits a `picks` cell into normalised ids in the order written, and the
/// ids written more than once (each reported once).
pub(crate) fn parse_picks(cell: &str, separator: char) -> (Vec<String>, Vec<String>) {
    let (mut picks, mut repeated): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for id in cell.split(separator).map(list::normalize) {
        if id.is_empty() {
            continue;
        }
        if !picks.contains(&id) {
            picks.push(id);
        } else if !repeated.contains(&id) {
            repeated.push(id);
        }
    }
    (picks, repeated)
}

/// Splits a `wants` cell into wishes, and the items that are none (no `=`,
/// or an empty name or value), as written.
pub(crate) fn parse_wants(cell: &str, separator: char) -> (Vec<Want>, Vec<String>) {
    let (mut wants, mut bad): (Vec<Want>, Vec<String>) = (Vec::new(), Vec::new());
    for item in cell.split(separator) {
        let text = item.trim();
        if text.is_empty() {
            continue;
        }
        let (must, wish) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let parsed = wish.split_once('=').map(|(name, value)| Want {
            attribute: list::normalize(name),
            value: list::normalize(value),
            must,
        });
        match parsed {
            Some(want) if !want.attribute.is_empty() && !want.value.is_empty() => {
                if !wants.contains(&want) {
                    wants.push(want);
                }
            }
            _ => bad.push(text.to_owned()),
        }
    }
    (wants, bad)
}

/// The `[preferences]` section: what participants' picks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Preferences {
    /// `bonus` (default), `only` or `rank`: see [`PickMode`].
    pub mode: PickMode,
}

impl Preferences {
    /// Whether these are the defaults (and need not be written out).
    pub fn is_default(&self) -> bool {
        *self == Preferences::default()
    }
}

/// What a mentee's picks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PickMode {
    /// Picks and nice-to-have wants raise a pair's score through the `picks`
    /// criterion; nobody is restricted to their picks.
    #[default]
    Bonus,
    /// As `bonus`, and a mentee who gave picks is matched only within them
    /// (unmatched as `no_pick_free` when none is free). A mentor's picks
    /// still only score: a mentor with capacity for several mentees would
    /// otherwise close their places to everyone they did not name.
    Only,
    /// As `bonus`, and the matching is rank-maximal over mentees' picks: as
    /// many mentees as possible get their first pick, then as many as
    /// possible their second, and so on; the configured objective decides
    /// the rest (`coverage` matches as many as possible before anything
    /// else). Solved exactly, one solve per stage (the README's
    /// "Participants' choices" says how); only with the `coverage` and
    /// `total` objectives.
    Rank,
}

/// What the `picks` criterion of one pair is made of, for explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PickDetail {
    /// The mentor's rank among the mentee's picks (1 = their first), if picked.
    pub mentee_pick: Option<u32>,
    /// How many picks the mentee gave.
    pub mentee_picks: usize,
    /// The mentee's rank among the mentor's picks, if picked.
    pub mentor_pick: Option<u32>,
    /// How many picks the mentor gave.
    pub mentor_picks: usize,
    /// Each wish of either side on the other, the mentee's first.
    pub wants: Vec<WantCheck>,
}

/// One wish checked against the pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WantCheck {
    /// Whose wish it is.
    pub by: Side,
    /// The wish.
    #[serde(flatten)]
    pub want: Want,
    /// Whether the other side meets it.
    pub met: bool,
}

/// `1st`, `2nd`, `3rd`, `4th`, …, `11th`, `21st`, …
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_keep_their_order_and_report_repeats_once() {
        let (picks, repeated) = parse_picks(" M2; m1 ;;M2; m2 ;m3", ';');
        assert_eq!(picks, ["m2", "m1", "m3"]);
        assert_eq!(repeated, ["m2"]);
    }

    #[test]
    fn wants_are_normalised_and_bad_items_kept_as_written() {
        let (wants, bad) =
            parse_wants("Gender = Woman; !Language=Spanish; senior; =x; y= ; !", ';');
        let want = |attribute: &str, value: &str, must| Want {
            attribute: attribute.into(),
            value: value.into(),
            must,
        };
        assert_eq!(
            wants,
            [
                want("gender", "woman", false),
                want("language", "spanish", true)
            ]
        );
        assert_eq!(bad, ["senior", "=x", "y=", "!"]);
        assert_eq!(wants[1].to_string(), "language=spanish");
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
