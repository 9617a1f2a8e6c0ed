//! The `picks` criterion and the hard rules of participants' choices
//! ([`crate::choices`]): must-have wants, and in `only` mode a mentee's picks.
//!
//! For a mentee *e* and a mentor *m* the criterion is the mean of the parts
//! that apply: (k − r + 1) / k when *m* is *e*'s pick ranked r of k (0 when
//! not picked), the same for *m*'s picks and *e*, and the share of each
//! side's nice-to-have wants the other meets. A row is scored pair by pair
//! with the same function, so rows and pairs agree bit for bit.

use super::Forbidden;
use crate::choices::{PickDetail, PickMode, Want, WantCheck};
use crate::config::Config;
use crate::list;
use crate::list_attributes::list_names;
use crate::roster::{Roster, Side};
use std::borrow::Cow;

/// One wish, resolved against the other roster.
#[derive(Debug)]
struct Wish {
    /// The wish as written.
    want: Want,
    /// Its attribute's index in its chooser's [`Chooser::values`]; `None`
    /// when the other side has no such column (then nobody meets it).
    attribute: Option<usize>,
}

/// One side's choices, each person's resolved against the other side.
#[derive(Debug, Default)]
struct Chooser {
    /// Per person: `(position on the other side, rank from 1)`, sorted by position.
    picks: Vec<Vec<(u32, u32)>>,
    /// Per person: their wishes.
    wishes: Vec<Vec<Wish>>,
    /// Per person: how many of their wishes are nice-to-have.
    nice: Vec<u32>,
    /// Per attribute the other side wishes for: each person's values
    /// (a list attribute's several, else the one value or none).
    values: Vec<(String, Vec<Vec<String>>)>,
}

impl Chooser {
    /// `roster`'s picks and wants, resolved against `other`.
    fn new(roster: &Roster, other: &Roster, lists: &[String]) -> Chooser {
        let mut chooser = Chooser::default();
        for person in &roster.people {
            let mut picks: Vec<(u32, u32)> = person
                .picks
                .iter()
                .filter_map(|id| other.position(id))
                .zip(1..)
                .map(|(position, rank)| (position as u32, rank))
                .collect();
            crate::sorting::sort(&mut picks);
            chooser.picks.push(picks);
            chooser
                .nice
                .push(person.wants.iter().filter(|w| !w.must).count() as u32);
            let wishes = person.wants.iter().map(|want| Wish {
                attribute: chooser.values_of(other, &want.attribute, lists),
                want: want.clone(),
            });
            let wishes = wishes.collect();
            chooser.wishes.push(wishes);
        }
        chooser
    }

    /// The index of `attribute`'s values on `other`, read on first use;
    /// `None` when `other` has no such column.
    fn values_of(&mut self, other: &Roster, attribute: &str, lists: &[String]) -> Option<usize> {
        if let Some(i) = self.values.iter().position(|(name, _)| name == attribute) {
            return Some(i);
        }
        let column = other.attribute(attribute)?;
        let is_list = lists.iter().any(|name| name == attribute);
        let values = other.people.iter().map(|person| {
            let cell = person.attributes[column].as_deref();
            match cell {
                Some(cell) if is_list => list::parse(cell, other.attribute_separator(column)),
                Some(value) => vec![value.to_owned()],
                None => Vec::new(),
            }
        });
        self.values.push((attribute.to_owned(), values.collect()));
        Some(self.values.len() - 1)
    }

    /// The rank of `other` among person `i`'s picks, and how many they gave.
    fn rank(&self, i: usize, other: usize) -> (Option<u32>, usize) {
        let picks = &self.picks[i];
        let rank = picks
            .binary_search_by_key(&(other as u32), |&(o, _)| o)
            .ok()
            .map(|at| picks[at].1);
        (rank, picks.len())
    }
}

/// The `picks` share of a pick ranked `rank` of `k`: `(k - rank + 1) / k`.
#[cfg_attr(target_arch = "x86_64", inline(always))]
fn share(rank: u32, k: usize) -> f64 {
    f64::from(k as u32 - rank + 1) / k as f64
}

/// Whether person `other` on the other side meets `wish`, given the
/// wisher's chooser's `values`.
fn met(wish: &Wish, values: &[(String, Vec<Vec<String>>)], other: usize) -> bool {
    wish.attribute
        .is_some_and(|a| values[a].1[other].contains(&wish.want.value))
}

/// The mentors a row's `picks` criterion is worked out for one by one
/// ([`Choices::sparse_row`]).
pub(super) struct SparseRow<'a> {
    /// The mentors, ascending.
    pub(super) mentors: Cow<'a, [u32]>,
    /// Whether the criterion applies, at 0, to every other mentor too.
    pub(super) everywhere: bool,
}

/// Both sides' choices, for a [`super::Scorer`].
#[derive(Debug)]
pub(super) struct Choices {
    mentees: Chooser,
    mentors: Chooser,
    /// Per mentee: `(mentor, rank)` of the mentors who picked them, so that a
    /// row finds them without searching every mentor's list.
    picked_by: Vec<Vec<(u32, u32)>>,
    /// Per mentor: how many parts of the criterion their own choices make
    /// apply to every mentee (picks, nice-to-have wants).
    mentor_parts: Vec<f64>,
    /// The mentors with wants, the only ones a row must check them for.
    wishing_mentors: Vec<usize>,
    /// The mentors whose own choices make the criterion apply to every
    /// mentee (`mentor_parts` above 0), ascending.
    choosing_mentors: Vec<u32>,
    /// `only` mode: a mentee's picks are their only candidates.
    only: bool,
}

impl Choices {
    /// The choices of both rosters; `None` when nobody picked or wished.
    pub(super) fn new(mentors: &Roster, mentees: &Roster, config: &Config) -> Option<Choices> {
        let chose = |r: &Roster| {
            r.people
                .iter()
                .any(|p| !p.picks.is_empty() || !p.wants.is_empty())
        };
        if !chose(mentors) && !chose(mentees) {
            return None;
        }
        let lists = list_names(&config.attributes);
        let mentor_side = Chooser::new(mentors, mentees, &lists);
        let mut picked_by = vec![Vec::new(); mentees.people.len()];
        for (m, picks) in mentor_side.picks.iter().enumerate() {
            for &(e, rank) in picks {
                picked_by[e as usize].push((m as u32, rank));
            }
        }
        let mentor_parts: Vec<f64> = (0..mentors.people.len())
            .map(|m| {
                let picks = !mentor_side.picks[m].is_empty();
                f64::from(u8::from(picks) + u8::from(mentor_side.nice[m] > 0))
            })
            .collect();
        let wishing_mentors = (0..mentors.people.len())
            .filter(|&m| !mentor_side.wishes[m].is_empty())
            .collect();
        let choosing_mentors = (0..mentors.people.len() as u32)
            .filter(|&m| mentor_parts[m as usize] > 0.0)
            .collect();
        Some(Choices {
            choosing_mentors,
            mentees: Chooser::new(mentees, mentors, &lists),
            mentors: mentor_side,
            picked_by,
            mentor_parts,
            wishing_mentors,
            only: config.preferences.mode == PickMode::Only,
        })
    }

    /// The `picks` criterion of mentee `e` and every mentor, as [`Self::score`]
    /// gives it pair by pair (`NaN` where it does not apply), adding the
    /// parts in the same order so that the bits agree; `parts` is workspace.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    pub(super) fn row(&self, e: usize, out: &mut [f64], parts: &mut [f64]) {
        out.fill(0.0);
        let own = &self.mentees.picks[e];
        let nice = self.mentees.nice[e];
        let mine = f64::from(u8::from(!own.is_empty()) + u8::from(nice > 0));
        for (part, &theirs) in parts.iter_mut().zip(&self.mentor_parts) {
            *part = mine + theirs;
        }
        for &(m, rank) in own {
            out[m as usize] += share(rank, own.len());
        }
        self.add_picked_by(e, |m, x| out[m] += x);
        if nice > 0 {
            let wishes: Vec<&Wish> = self.mentees.wishes[e]
                .iter()
                .filter(|w| !w.want.must)
                .collect();
            for (m, cell) in out.iter_mut().enumerate() {
                let kept = wishes.iter().filter(|w| met(w, &self.mentees.values, m));
                *cell += kept.count() as f64 / f64::from(nice);
            }
        }
        self.add_mentor_wishes(e, |m, x| out[m] += x);
        for (cell, &part) in out.iter_mut().zip(parts.iter()) {
            *cell = if part > 0.0 { *cell / part } else { f64::NAN };
        }
    }

    /// [`Self::row`] for a mentee who wished for no nice-to-have, where
    /// the criterion is 0 or does not apply for all but a few mentors:
    /// those are returned, their values written to the first entries of
    /// `values` in the same order. Every other mentor has 0 where the
    /// mentee picked (`everywhere`), and nothing otherwise (the criterion
    /// then applies only where the mentor's own choices make it).
    /// `None` for a mentee with nice-to-have wishes.
    pub(super) fn sparse_row(&self, e: usize, values: &mut [f64]) -> Option<SparseRow<'_>> {
        if self.mentees.nice[e] > 0 {
            return None;
        }
        let own = &self.mentees.picks[e];
        let mentors: Cow<[u32]> = if own.is_empty() {
            Cow::Borrowed(&self.choosing_mentors)
        } else {
            let picked_by = self.picked_by[e].iter().map(|&(m, _)| m);
            let wishing = self.wishing_mentors.iter().map(|&m| m as u32);
            let mut mentors: Vec<u32> = own.iter().map(|&(m, _)| m).chain(picked_by).collect();
            mentors.extend(wishing);
            crate::sorting::sort(&mut mentors);
            mentors.dedup();
            Cow::Owned(mentors)
        };
        let values = &mut values[..mentors.len()];
        values.fill(0.0);
        let mut add = |m: usize, x: f64| {
            let at = mentors
                .binary_search(&(m as u32))
                .expect("a mentor whose choices count for a mentee is listed");
            values[at] += x;
        };
        // In `row`'s order.
        for &(m, rank) in own {
            add(m as usize, share(rank, own.len()));
        }
        self.add_picked_by(e, &mut add);
        self.add_mentor_wishes(e, &mut add);
        let mine = f64::from(u8::from(!own.is_empty()));
        for (value, &m) in values.iter_mut().zip(mentors.iter()) {
            *value /= mine + self.mentor_parts[m as usize];
        }
        Some(SparseRow {
            mentors,
            everywhere: !own.is_empty(),
        })
    }

    /// Calls `add(m, share)` for each mentor `m` who picked mentee `e`.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn add_picked_by(&self, e: usize, mut add: impl FnMut(usize, f64)) {
        for &(m, rank) in &self.picked_by[e] {
            add(
                m as usize,
                share(rank, self.mentors.picks[m as usize].len()),
            );
        }
    }

    /// Calls `add(m, part)` for each mentor `m` with nice-to-have wants:
    /// the share of them mentee `e` meets.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn add_mentor_wishes(&self, e: usize, mut add: impl FnMut(usize, f64)) {
        for &m in &self.wishing_mentors {
            let nice = self.mentors.nice[m];
            if nice > 0 {
                let wishes = self.mentors.wishes[m].iter().filter(|w| !w.want.must);
                let kept = wishes.filter(|w| met(w, &self.mentors.values, e));
                add(m, kept.count() as f64 / f64::from(nice));
            }
        }
    }

    /// Sets to `-inf` the cells of `out` (mentee `e`'s row) that
    /// [`Self::forbids`] forbids, without building the reasons.
    pub(super) fn forbid_row(&self, e: usize, out: &mut [f64]) {
        if self.restricts(e) {
            let picks = &self.mentees.picks[e];
            for (m, cell) in out.iter_mut().enumerate() {
                if picks
                    .binary_search_by_key(&(m as u32), |&(o, _)| o)
                    .is_err()
                {
                    *cell = f64::NEG_INFINITY;
                }
            }
        }
        for wish in self.mentees.wishes[e].iter().filter(|w| w.want.must) {
            for (m, cell) in out.iter_mut().enumerate() {
                if !met(wish, &self.mentees.values, m) {
                    *cell = f64::NEG_INFINITY;
                }
            }
        }
        for &m in &self.wishing_mentors {
            let mut musts = self.mentors.wishes[m].iter().filter(|w| w.want.must);
            if musts.any(|w| !met(w, &self.mentors.values, e)) {
                out[m] = f64::NEG_INFINITY;
            }
        }
    }

    /// The `picks` criterion of mentee `e` and mentor `m` (see the module docs).
    pub(super) fn score(&self, e: usize, m: usize) -> Option<f64> {
        let (mut sum, mut parts) = (0.0, 0u32);
        for (chooser, me, other) in [(&self.mentees, e, m), (&self.mentors, m, e)] {
            if let (rank, k @ 1..) = chooser.rank(me, other) {
                parts += 1;
                if let Some(r) = rank {
                    sum += f64::from(k as u32 - r + 1) / k as f64;
                }
            }
        }
        for (chooser, me, other) in [(&self.mentees, e, m), (&self.mentors, m, e)] {
            let nice = chooser.nice[me];
            if nice > 0 {
                parts += 1;
                let wishes = chooser.wishes[me].iter().filter(|w| !w.want.must);
                let kept = wishes.filter(|w| met(w, &chooser.values, other));
                sum += kept.count() as f64 / f64::from(nice);
            }
        }
        (parts > 0).then(|| sum / f64::from(parts))
    }

    /// Why the pair may never be made by participants' choices: the
    /// mentee's picks in `only` mode, or a must-have either side does not meet.
    pub(super) fn forbids(&self, e: usize, m: usize) -> Option<Forbidden> {
        if self.restricts(e) && self.mentees.rank(e, m).0.is_none() {
            return Some(Forbidden::NotPicked);
        }
        for (chooser, by, me, other) in [
            (&self.mentees, Side::Mentee, e, m),
            (&self.mentors, Side::Mentor, m, e),
        ] {
            let values = &chooser.values;
            let unmet = chooser.wishes[me]
                .iter()
                .find(|w| w.want.must && !met(w, values, other));
            if let Some(wish) = unmet {
                return Some(Forbidden::MustHave {
                    attribute: wish.want.attribute.clone(),
                    value: wish.want.value.clone(),
                    by,
                });
            }
        }
        None
    }

    /// Whether mentee `e` may only be matched within their picks.
    pub(super) fn restricts(&self, e: usize) -> bool {
        self.only && !self.mentees.picks[e].is_empty()
    }

    /// Mentor `m`'s rank among mentee `e`'s picks, and `e`'s among `m`'s.
    pub(super) fn pick_ranks(&self, e: usize, m: usize) -> (Option<u32>, Option<u32>) {
        (self.mentees.rank(e, m).0, self.mentors.rank(m, e).0)
    }

    /// Whether someone on either side gave picks.
    pub(super) fn any_picks(&self) -> bool {
        [&self.mentees, &self.mentors]
            .iter()
            .any(|chooser| chooser.picks.iter().any(|p| !p.is_empty()))
    }

    /// The rank of mentor `m` among mentee `e`'s picks, and how many they gave.
    pub(super) fn mentee_rank(&self, e: usize, m: usize) -> (Option<u32>, usize) {
        self.mentees.rank(e, m)
    }

    /// The mentors who picked mentee `e`, as `(mentor, rank)`.
    pub(super) fn pickers_of(&self, e: usize) -> &[(u32, u32)] {
        &self.picked_by[e]
    }

    /// The mentors mentee `e` picked, in rank order.
    pub(super) fn picks_of(&self, e: usize) -> Vec<usize> {
        let mut picks = self.mentees.picks[e].clone();
        crate::sorting::sort_by_key(&mut picks, |&(_, rank)| rank);
        picks.into_iter().map(|(m, _)| m as usize).collect()
    }

    /// What the pair's criterion is made of; `None` when neither picked nor wished.
    pub(super) fn detail(&self, e: usize, m: usize) -> Option<PickDetail> {
        let (mentee_pick, mentee_picks) = self.mentees.rank(e, m);
        let (mentor_pick, mentor_picks) = self.mentors.rank(m, e);
        let mut wants = Vec::new();
        for (chooser, by, me, other) in [
            (&self.mentees, Side::Mentee, e, m),
            (&self.mentors, Side::Mentor, m, e),
        ] {
            wants.extend(chooser.wishes[me].iter().map(|wish| WantCheck {
                by,
                want: wish.want.clone(),
                met: met(wish, &chooser.values, other),
            }));
        }
        let any = mentee_picks > 0 || mentor_picks > 0 || !wants.is_empty();
        any.then_some(PickDetail {
            mentee_pick,
            mentee_picks,
            mentor_pick,
            mentor_picks,
            wants,
        })
    }
}
