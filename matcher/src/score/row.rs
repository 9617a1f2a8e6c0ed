//! Scoring one mentee against every mentor at once.
//!
//! Pair by pair, a score is a few merges of short sorted lists. A whole row
//! goes faster the other way round: each mentor's list items are indexed once
//! ("who offers `python`, at which level"), so a mentee's row visits only the
//! mentors that share an item with them and then combines per-mentor counters
//! in one linear pass; related skills go through the mentors indexed by the
//! parents of what they offer. Every sum runs in the same order as in
//! [`Scorer::criteria`], so the weights are bit-identical to
//! [`Scorer::weight`].

use super::related::FamilyPostings;
use super::{coverage, overlap, prefer_holds, Profile, Scorer, Tag};
use crate::availability::share_of;
use crate::config::Weights;
use crate::list::MAX_LEVEL;
use crate::wide::{self, Width};

/// No value for an attribute, in [`Postings::attributes`].
const MISSING: Tag = Tag::MAX;

/// The mentor roster indexed by list item, for [`Scorer::row_weights`].
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// Per skill tag: `(mentor, level)` of every mentor offering it.
    skills: Vec<Vec<(u32, u8)>>,
    /// Per goal tag: every mentor listing it.
    goals: Vec<Vec<u32>>,
    /// Per value tag: every mentor holding it.
    values: Vec<Vec<u32>>,
    /// Number of values of each mentor.
    value_counts: Vec<u32>,
    /// Per used attribute: each mentor's value, [`MISSING`] when empty.
    attributes: Vec<Vec<Tag>>,
    /// Per parent tag: the mentors offering it or a skill under it.
    families: FamilyPostings,
}

impl Postings {
    /// Indexes `mentors`, whose tags are below `tags` and who have
    /// `attributes` used attributes each, and their skills by family.
    pub(super) fn new(mentors: &[Profile], tags: usize, attributes: usize) -> Self {
        let levels = mentors.iter().map(|profile| &profile.families[..]);
        let mut postings = Postings {
            families: FamilyPostings::new(tags, levels),
            skills: vec![Vec::new(); tags],
            goals: vec![Vec::new(); tags],
            values: vec![Vec::new(); tags],
            value_counts: Vec::with_capacity(mentors.len()),
            attributes: vec![Vec::with_capacity(mentors.len()); attributes],
        };
        for (m, profile) in mentors.iter().enumerate() {
            let m = u32::try_from(m).expect("fewer than 2^32 mentors");
            for &(tag, level) in &profile.skills {
                postings.skills[tag as usize].push((m, level));
            }
            for &tag in &profile.goals {
                postings.goals[tag as usize].push(m);
            }
            for &tag in &profile.values {
                postings.values[tag as usize].push(m);
            }
            postings.value_counts.push(profile.values.len() as u32);
            for (column, value) in postings.attributes.iter_mut().zip(&profile.attributes) {
                column.push(value.unwrap_or(MISSING));
            }
        }
        postings
    }
}

/// `x.trunc()` for `0 <= x < 2^52`: where `width` has no rounding
/// instruction, in plain arithmetic that vectorises (the library call does
/// not): rounding to the nearest integer by adding and subtracting `2^52`,
/// then stepping down where that rounded up. Either way exact.
#[cfg_attr(target_arch = "x86_64", inline(always))]
fn truncate(x: f64, width: Width) -> f64 {
    const SHIFT: f64 = 4_503_599_627_370_496.0; // 2^52
    if width.truncates() {
        return x.trunc();
    }
    let nearest = (x + SHIFT) - SHIFT;
    if nearest > x {
        nearest - 1.0
    } else {
        nearest
    }
}

/// [`coverage`] of one wanted level by each level a roster can give, times
/// a scale, looked up rather than divided per mentor.
struct Covers {
    /// The wanted level.
    want: u8,
    /// The factor on every coverage.
    scale: f64,
    /// The scaled coverage by levels 0 to [`MAX_LEVEL`].
    by_level: [f64; MAX_LEVEL as usize + 1],
}

impl Covers {
    /// The coverage of a `want`ed level, times `scale`.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn new(want: u8, scale: f64) -> Covers {
        Covers {
            want,
            scale,
            by_level: std::array::from_fn(|level| scale * coverage(want, level as u8)),
        }
    }

    /// The scaled coverage by an offered `level` (computed for one that a
    /// library caller set above [`MAX_LEVEL`]).
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn at(&self, level: u8) -> f64 {
        match self.by_level.get(usize::from(level)) {
            Some(&covers) => covers,
            None => self.scale * coverage(self.want, level),
        }
    }
}

/// `x` when `keep`, else `+0.0`: a bit mask, which compilers leave as it is
/// where they would turn a choice guarding a division into a branch.
#[cfg_attr(target_arch = "x86_64", inline(always))]
fn kept(x: f64, keep: bool) -> f64 {
    f64::from_bits(x.to_bits() & 0u64.wrapping_sub(u64::from(keep)))
}

/// The weight of a pair from its weighted criteria's `total` and the sum of
/// their `weight`s: the score in hundredths, `-inf` below `min_score`.
#[inline(always)]
fn finish(total: f64, weight: f64, min_score: f64, width: Width) -> f64 {
    let score = 100.0 * total / weight;
    let score = if weight > 0.0 { score } else { 0.0 };
    let hundredths = truncate((score * 100.0 + 0.5).clamp(0.0, 10_000.0), width);
    if hundredths < min_score {
        f64::NEG_INFINITY
    } else {
        hundredths
    }
}

/// Per-mentor counters for one row, laid out in the caller's buffer.
struct Counters<'b> {
    /// Σ coverage of the wanted skills.
    skills: &'b mut [f64],
    /// Shared goals.
    goals: &'b mut [f64],
    /// Shared values.
    values: &'b mut [f64],
    /// Weight of the diversity attributes met.
    met: &'b mut [f64],
    /// Weight of the diversity attributes with values on both sides.
    compared: &'b mut [f64],
    /// Related skills only: per mentor, 1 + the index of the last wanted
    /// skill they offer exactly.
    exact: &'b mut [f64],
    /// Related skills only: per mentor, the best coverage by a related skill.
    best: &'b mut [f64],
    /// The pair score as a fraction, NaN where the pair-scores file has none.
    pair: &'b mut [f64],
    /// Quarters of the week shared, `NaN` where availability is not applicable.
    availability: &'b mut [f64],
    /// The `picks` criterion, `NaN` where it is not applicable.
    picks: &'b mut [f64],
    /// The reciprocal of the mentee's own quarters.
    per_quarter: f64,
}

impl Scorer<'_> {
    /// The solver weight of mentee `e` with every mentor, as
    /// [`weight`](Self::weight) gives it (`-inf` where forbidden): the first
    /// `mentors` entries of `buffer`, which also serves as workspace.
    pub fn row_weights<'b>(&self, e: usize, buffer: &'b mut Vec<f64>) -> &'b [f64] {
        wide::run(
            #[cfg_attr(target_arch = "x86_64", inline(always))]
            |width| self.fill_row(e, buffer, width),
        )
    }

    /// [`row_weights`](Self::row_weights)' work, inlined into each
    /// instruction-set variant [`wide::run`] picks from.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn fill_row<'b>(&self, e: usize, buffer: &'b mut Vec<f64>, width: Width) -> &'b [f64] {
        let n = self.mentor_profiles.len();
        let related = if self.family.is_active() { n } else { 0 };
        // Only the counters of shared items need zeros: every other part
        // is written whole before it is read.
        buffer.resize(9 * n + 2 * related, 0.0);
        buffer[n..4 * n].fill(0.0);
        buffer[8 * n..8 * n + 2 * related].fill(0.0);
        let (out, rest) = buffer.split_at_mut(n);
        let (skills, rest) = rest.split_at_mut(n);
        let (goals, rest) = rest.split_at_mut(n);
        let (values, rest) = rest.split_at_mut(n);
        let (met, rest) = rest.split_at_mut(n);
        let (compared, rest) = rest.split_at_mut(n);
        let (pair, rest) = rest.split_at_mut(n);
        let (picks, rest) = rest.split_at_mut(n);
        let (exact, rest) = rest.split_at_mut(related);
        let (best, availability) = rest.split_at_mut(related);
        let pair_scores = self.pair_scores.get(e).map_or(&[][..], Vec::as_slice);
        // A row without pair scores, availability or picks never reads
        // their parts (see `combine`); nor one whose picks criterion is the
        // same for all but a few mentors, which `combine` finishes apart.
        let plain = pair_scores.is_empty() && self.availability.is_none();
        let sparse = match &self.choices {
            Some(choices) if plain => choices.sparse_row(e, picks),
            _ => None,
        };
        let lean = plain && (self.choices.is_none() || sparse.is_some());
        if !lean {
            pair.fill(f64::NAN);
            for &(m, score) in pair_scores {
                pair[m as usize] = score;
            }
            match &self.choices {
                // `out` is filled later: until then it is workspace.
                Some(choices) => choices.row(e, picks, out),
                None => picks.fill(f64::NAN),
            }
        }
        let mut counters = Counters {
            skills,
            goals,
            values,
            met,
            compared,
            exact,
            best,
            pair,
            availability,
            picks,
            per_quarter: f64::NAN,
        };
        let mentee = &self.mentee_profiles[e];
        self.count_shared(mentee, &mut counters);
        self.count_diversity(mentee, &mut counters);
        counters.per_quarter = match &self.availability {
            Some(availability) => availability.row_overlaps(e, counters.availability),
            None if lean => f64::NAN,
            None => {
                counters.availability.fill(f64::NAN);
                f64::NAN
            }
        };
        let picking = sparse
            .as_ref()
            .map_or(&[][..], |sparse| &sparse.mentors[..]);
        let everywhere = sparse.as_ref().is_some_and(|sparse| sparse.everywhere);
        let lean = lean.then_some((picking, everywhere));
        self.combine(e, &mut counters, lean, width, out);
        self.forbid(e, counters.availability, out);
        out
    }

    /// Adds up skill coverage (with related skills' credit), shared goals
    /// and shared values per mentor.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn count_shared(&self, mentee: &Profile, counters: &mut Counters) {
        let postings = &self.postings;
        let related = self.family.is_active();
        for (k, &(tag, want)) in mentee.skills.iter().enumerate() {
            let stamp = (k + 1) as f64;
            let covers = Covers::new(want, 1.0);
            for &(m, have) in &postings.skills[tag as usize] {
                counters.skills[m as usize] += covers.at(have);
                if related {
                    counters.exact[m as usize] = stamp;
                }
            }
            if related {
                self.count_related(tag, want, stamp, counters);
            }
        }
        for (tags, lists, counts) in [
            (&mentee.goals, &postings.goals, &mut *counters.goals),
            (&mentee.values, &postings.values, &mut *counters.values),
        ] {
            for &tag in tags {
                for &m in &lists[tag as usize] {
                    counts[m as usize] += 1.0;
                }
            }
        }
    }

    /// Adds the credit of the best related skill to every mentor who offers
    /// one but not the wanted skill `tag` itself (marked with `stamp`), as
    /// [`Family::best`] picks it: the parent, siblings and children. A mentor
    /// is listed once per family with their highest level there, so one
    /// family (the common case: `tag` has a parent or children, not both)
    /// takes a single pass.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn count_related(&self, tag: Tag, want: u8, stamp: f64, counters: &mut Counters) {
        let families = &self.postings.families;
        let around = self.family.parent(tag).map_or(&[][..], |p| families.of(p));
        let below = families.of(tag);
        if around.is_empty() || below.is_empty() {
            let credits = Covers::new(want, self.family.factor());
            let family = if around.is_empty() { below } else { around };
            for &(m, level) in family {
                let m = m as usize;
                if counters.exact[m] != stamp {
                    counters.skills[m] += credits.at(level);
                }
            }
            return;
        }
        let covers = Covers::new(want, 1.0);
        for &(m, level) in around.iter().chain(below) {
            let m = m as usize;
            if counters.exact[m] != stamp {
                counters.best[m] = counters.best[m].max(covers.at(level));
            }
        }
        for &(m, _) in around.iter().chain(below) {
            let m = m as usize;
            if counters.best[m] > 0.0 {
                counters.skills[m] += self.family.credit(counters.best[m]);
                counters.best[m] = 0.0;
            }
        }
    }

    /// Adds up, per mentor, the weight of the diversity attributes compared and met.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn count_diversity(&self, mentee: &Profile, counters: &mut Counters) {
        // The first attribute compared overwrites what the buffer held
        // (as adding to zero would: `0 + x` is `x`), the others add.
        let mut first = true;
        for (i, attribute) in self.attributes.iter().enumerate() {
            let (Some((prefer, weight)), Some(a)) = (attribute.diversity, mentee.attributes[i])
            else {
                continue;
            };
            let column = &self.postings.attributes[i];
            let cells = column.iter().zip(counters.met.iter_mut());
            for ((&b, met), compared) in cells.zip(counters.compared.iter_mut()) {
                let (was_met, was_compared) = (kept(*met, !first), kept(*compared, !first));
                let shown = b != MISSING;
                *compared = if shown {
                    was_compared + weight
                } else {
                    was_compared
                };
                *met = if shown && prefer_holds(prefer, a, b) {
                    was_met + weight
                } else {
                    was_met
                };
            }
            first = false;
        }
        if first {
            counters.met.fill(0.0);
            counters.compared.fill(0.0);
        }
        for (i, rule) in self.lists.iter().enumerate() {
            let (Some(weight), a) = (rule.weight, &mentee.lists[i]) else {
                continue;
            };
            if a.is_empty() {
                continue;
            }
            for (m, mentor) in self.mentor_profiles.iter().enumerate() {
                let b = &mentor.lists[i];
                if !b.is_empty() {
                    counters.compared[m] += weight;
                    counters.met[m] += weight * overlap::jaccard(a, b);
                }
            }
        }
    }

    /// Turns the counters into weights, as [`Criteria::total`](super::Criteria::total)
    /// and [`Scorer::weight`] do, with the same operations in the same order.
    /// One pass per criterion, each without branches (what the mentee lists
    /// holds for the whole row), so that every pass vectorises.
    /// A `lean` row has no pair scores or availability, and its `picks`
    /// criterion worked out for the mentors it lists only, their values at
    /// the start of `counters.picks`; every other mentor has it at 0 where
    /// the flag is set, and not at all otherwise. The other parts of
    /// `counters` are left unwritten and unread.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn combine(
        &self,
        e: usize,
        counters: &mut Counters,
        lean: Option<(&[u32], bool)>,
        width: Width,
        out: &mut [f64],
    ) {
        let mentee = &self.mentee_profiles[e];
        let weights = self.weights_for(e);
        let n = out.len();
        let wants = [mentee.skills.len(), mentee.goals.len(), mentee.values.len()];
        // The sum of the weights of the criteria scored for every mentor,
        // added in the order `Criteria::total` adds them.
        let mut scored = 0.0;
        for (k, weight) in wants
            .iter()
            .zip([weights.skills, weights.goals, weights.values])
        {
            if *k > 0 {
                scored += weight;
            }
        }
        let (picking, everywhere) = lean.unwrap_or_default();
        let cell = Cell {
            // The picks criterion at 0 adds nothing to the total.
            always: if everywhere { weights.picks } else { 0.0 },
            width,
            weights,
            wants: wants.map(|k| k as f64),
            scored,
            min_score: f64::from(self.min_score),
        };
        let held = &self.postings.value_counts[..n];
        let shared = counters.skills[..n].iter().zip(&counters.goals[..n]);
        let shared = shared.zip(&counters.values[..n]).zip(held);
        let diversity = counters.met[..n].iter().zip(&counters.compared[..n]);
        let counted = shared.zip(diversity);
        if lean.is_some() {
            for (sum, ((((&covered, &goals), &common), &held), (&met, &compared))) in
                out.iter_mut().zip(counted)
            {
                let part = cell.part(covered, goals, common, held);
                *sum = cell.lean(part, met, compared);
            }
            // The cells the picks criterion applies to, again with it.
            for (&picks, &m) in counters.picks.iter().zip(picking) {
                let m = m as usize;
                let (covered, goals, common) =
                    (counters.skills[m], counters.goals[m], counters.values[m]);
                let part = cell.part(covered, goals, common, held[m]);
                let (met, compared) = (counters.met[m], counters.compared[m]);
                out[m] = cell.full(part, met, compared, f64::NAN, f64::NAN, picks);
            }
            return;
        }
        let others = counters.pair[..n].iter().zip(&counters.availability[..n]);
        let others = others.zip(&counters.picks[..n]);
        let cells = out.iter_mut().zip(counted).zip(others);
        for (
            (sum, ((((&covered, &goals), &common), &held), (&met, &compared))),
            ((&pair, &hours), &picks),
        ) in cells
        {
            let part = cell.part(covered, goals, common, held);
            let share = share_of(hours, counters.per_quarter);
            *sum = cell.full(part, met, compared, pair, share, picks);
        }
    }
}

/// How one row's cells become weights.
struct Cell {
    /// The mentee's criteria weights.
    weights: Weights,
    /// How many skills, goals and values the mentee lists.
    wants: [f64; 3],
    /// The sum of the weights of the criteria scored for every mentor.
    scored: f64,
    /// In a lean row, the weight of the criteria that apply to every mentor
    /// at 0, added after diversity's.
    always: f64,
    /// The instructions the row is scored with.
    width: Width,
    /// `min_score`, in hundredths.
    min_score: f64,
}

impl Cell {
    /// The skills, goals and values part of a cell from its counters: the
    /// `covered` share of skills, the `shared` goals, and the values held in
    /// `common` among the mentor's `held`. A criterion the mentee lists
    /// nothing for adds +0, which changes no sum (the mask also hides the
    /// NaN its division gives).
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn part(&self, covered: f64, shared: f64, common: f64, held: u32) -> f64 {
        let [skills, goals, values] = self.wants;
        let weights = &self.weights;
        let part = kept(weights.skills * (covered / skills), skills > 0.0);
        let part = part + kept(weights.goals * (shared / goals), goals > 0.0);
        let union = values + f64::from(held) - common;
        part + kept(weights.values * (common / union), values > 0.0)
    }

    /// The weight of a cell from `sum`, its skills, goals and values part,
    /// the weights of the diversity attributes `met` and `compared`, its
    /// `pair` score, `share` of hours and `picks` criterion (each `NaN`
    /// where it does not apply): the terms [`Criteria::total`](super::Criteria::total)
    /// adds, in its order. A criterion that does not apply adds +0 to the
    /// total and the weight, which changes neither: masks rather than
    /// branches, so that loops vectorise.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn full(&self, sum: f64, met: f64, compared: f64, pair: f64, share: f64, picks: f64) -> f64 {
        let weights = &self.weights;
        let shown = compared > 0.0;
        let total = sum + kept(weights.diversity * (met / compared), shown);
        let weight = self.scored + kept(weights.diversity, shown);
        let paired = !pair.is_nan();
        let total = total + kept(weights.pair_score * pair, paired);
        let weight = weight + kept(weights.pair_score, paired);
        let available = !share.is_nan();
        let total = total + kept(weights.availability * share, available);
        let weight = weight + kept(weights.availability, available);
        let picked = !picks.is_nan();
        let total = total + kept(weights.picks * picks, picked);
        let weight = weight + kept(weights.picks, picked);
        finish(total, weight, self.min_score, self.width)
    }

    /// [`Self::full`] where only diversity may not apply, and the others
    /// are 0 or do not apply at all.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn lean(&self, sum: f64, met: f64, compared: f64) -> f64 {
        let shown = compared > 0.0;
        let total = sum + kept(self.weights.diversity * (met / compared), shown);
        let weight = self.scored + kept(self.weights.diversity, shown);
        finish(total, weight + self.always, self.min_score, self.width)
    }
}

impl Scorer<'_> {
    /// Marks the pairs a rule forbids: exclusions, participants' choices,
    /// required attributes, numeric rules and `min_overlap_hours`.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn forbid(&self, e: usize, overlaps: &[f64], out: &mut [f64]) {
        for &(m, _) in &self.exclusions[e] {
            out[m] = f64::NEG_INFINITY;
        }
        if let Some(choices) = &self.choices {
            choices.forbid_row(e, out);
        }
        let mentee = &self.mentee_profiles[e];
        for (i, attribute) in self.attributes.iter().enumerate() {
            let (Some(rule), Some(a)) = (attribute.required, mentee.attributes[i]) else {
                continue;
            };
            for (cell, &b) in out.iter_mut().zip(&self.postings.attributes[i]) {
                if b != MISSING && !prefer_holds(rule, a, b) {
                    *cell = f64::NEG_INFINITY;
                }
            }
        }
        for (i, rule) in self.lists.iter().enumerate() {
            let a = &mentee.lists[i];
            for (cell, mentor) in out.iter_mut().zip(&self.mentor_profiles) {
                if overlap::forbids(rule, a, &mentor.lists[i]).is_some() {
                    *cell = f64::NEG_INFINITY;
                }
            }
        }
        for rule in &self.numeric {
            rule.forbid_row(e, out);
        }
        if let Some(availability) = &self.availability {
            availability.forbid_row(overlaps, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choices::PickMode;
    use crate::config::{AttributeRule, Config, Criterion, Preference};
    use crate::generate::{self, Spec};
    use crate::list;
    use crate::list_attributes::AttributeOptions;
    use crate::pair_scores::PairScores;
    use crate::roster::Roster;
    use crate::score::Forbidden;

    fn rosters(seed: u64) -> (Roster, Roster) {
        generate::rosters(&Spec {
            mentors: 40,
            mentees: 60,
            seed,
            capacity: None,
            picks: false,
        })
    }

    /// Adds a column of background attribute values to `roster`.
    fn add_attribute(roster: &mut Roster, name: &str, value: impl Fn(usize) -> Option<String>) {
        roster.attributes.push(name.to_owned());
        for (i, person) in roster.people.iter_mut().enumerate() {
            person.attributes.push(value(i));
        }
    }

    /// Gives the rosters numeric `timezone` and `years` columns (some empty)
    /// and the mentees priorities, every criterion and none in turn.
    fn add_priorities_and_numbers(mentors: &mut Roster, mentees: &mut Roster) {
        for (roster, offset) in [(&mut *mentors, 0), (&mut *mentees, 3)] {
            let timezone = move |i: usize| {
                (i % 6 != 0).then(|| format!("{}", ((i + offset) * 7 % 25) as f64 / 2.0 - 6.0))
            };
            add_attribute(roster, "timezone", timezone);
            let years = move |i: usize| (i % 5 != 1).then(|| ((i + offset) * 3 % 20).to_string());
            add_attribute(roster, "years", years);
        }
        let priorities = [None, Some(Criterion::Skills), Some(Criterion::Goals)];
        let priorities = [
            &priorities[..],
            &[
                Some(Criterion::Values),
                Some(Criterion::Diversity),
                Some(Criterion::PairScore),
                Some(Criterion::Availability),
                Some(Criterion::Picks),
            ],
        ];
        for (i, person) in mentees.people.iter_mut().enumerate() {
            person.priority = priorities.concat()[i % 8];
        }
    }

    /// Gives the rosters `availability` columns (some empty, some across
    /// midnight), read in the numeric `timezone`s as UTC offsets.
    fn add_availability(mentors: &mut Roster, mentees: &mut Roster) {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        for (roster, offset) in [(&mut *mentors, 1), (&mut *mentees, 4)] {
            let slots = move |i: usize| {
                let i = i + offset;
                let (day, start) = (DAYS[i * 3 % 7], i * 5 % 24);
                let end = (start + 1 + i % 6) % 24;
                let extra = if i % 3 == 0 { "; sat-sun 09:30-12" } else { "" };
                (i % 4 != 0).then(|| format!("{day} {start}-{end}{extra}"))
            };
            add_attribute(roster, "availability", slots);
        }
    }

    /// A pair-scores file scoring about a third of the pairs, 0 and 100 among them.
    fn pair_scores(mentors: &Roster, mentees: &Roster) -> PairScores {
        pair_scores_of(mentors, mentees, |_| true)
    }

    /// [`pair_scores`] for the mentees `scored` lets through only.
    fn pair_scores_of(
        mentors: &Roster,
        mentees: &Roster,
        scored: impl Fn(usize) -> bool,
    ) -> PairScores {
        let mut text = String::from("mentor_id,mentee_id,score\n");
        for (e, mentee) in mentees
            .people
            .iter()
            .enumerate()
            .filter(|&(e, _)| scored(e))
        {
            for (m, mentor) in mentors.people.iter().enumerate() {
                if (e * 7 + m * 3) % 3 == 0 {
                    let score = ((e * 31 + m * 17) % 41) as f64 * 2.5;
                    text.push_str(&format!("{},{},{score}\n", mentor.id, mentee.id));
                }
            }
        }
        PairScores::from_csv_reader(text.as_bytes(), "scores.csv").expect("valid")
    }

    /// Empties some skill, goal and value lists on both sides, each alone
    /// and all at once, so that some criteria go unscored.
    fn clear_some_lists(mentors: &mut Roster, mentees: &mut Roster) {
        for roster in [mentors, mentees] {
            for (i, person) in roster.people.iter_mut().enumerate() {
                match i % 7 {
                    1 => person.skills.clear(),
                    2 => person.goals.clear(),
                    3 => person.values.clear(),
                    4 => {
                        person.skills.clear();
                        person.goals.clear();
                        person.values.clear();
                    }
                    _ => {}
                }
            }
        }
    }

    /// Gives the rosters a `languages` list column (some empty, some with
    /// one value, some with several).
    fn add_languages(mentors: &mut Roster, mentees: &mut Roster) {
        const LANGUAGES: [&str; 5] = ["english", "german", "french", "spanish", "hindi"];
        for (roster, offset) in [(&mut *mentors, 1), (&mut *mentees, 4)] {
            let languages = move |i: usize| {
                let count = (i + offset) % 4;
                let picked: Vec<&str> = (0..count)
                    .map(|k| LANGUAGES[(i * 3 + k * 2 + offset) % LANGUAGES.len()])
                    .collect();
                (count > 0).then(|| picked.join("; "))
            };
            add_attribute(roster, "languages", languages);
        }
    }

    /// Gives about half of each roster picks (1–3 ids of the other side, an
    /// unknown one among them now and then) and some wants on `gender`,
    /// `location` and the `languages` list, nice-to-have and must-have.
    fn add_choices(mentors: &mut Roster, mentees: &mut Roster) {
        const WANTS: [&str; 6] = [
            "gender=woman",
            "location=remote; gender=man",
            "!languages=english",
            "languages=german; !location=berlin",
            "seniority=senior",
            "",
        ];
        let ids = |roster: &Roster| -> Vec<String> {
            roster
                .people
                .iter()
                .map(|p| list::normalize(&p.id))
                .collect()
        };
        let (mentor_ids, mentee_ids) = (ids(mentors), ids(mentees));
        for (roster, others, step) in [(mentors, &mentee_ids, 7), (mentees, &mentor_ids, 3)] {
            for (i, person) in roster.people.iter_mut().enumerate() {
                if i % 2 == 0 {
                    let count = 1 + i % 3;
                    person.picks = (0..count)
                        .map(|k| others[(i * step + k * 11) % others.len()].clone())
                        .collect();
                    person.picks.dedup();
                }
                let (wants, _) = crate::choices::parse_wants(WANTS[(i / 2) % WANTS.len()], ';');
                person.wants = wants;
            }
        }
    }

    /// The generator's skills in families: some under a parent that is a
    /// skill itself, some under one nobody offers.
    fn add_parents(config: &mut Config) {
        let families = [
            ("python", "programming"),
            ("javascript", "programming"),
            ("typescript", "javascript"),
            ("react", "javascript"),
            ("sql", "data"),
            ("statistics", "data"),
            ("machine learning", "statistics"),
            ("data visualization", "statistics"),
            ("leadership", "people management"),
            ("negotiation", "people management"),
            ("public speaking", "people management"),
        ];
        for (child, parent) in families {
            let term = config.vocabulary.entry(child.to_owned()).or_default();
            term.parent = Some(parent.to_owned());
        }
    }

    /// Mentee `e`'s row, each weight checked bit for bit against the pair
    /// scorer, and against the row compiled for the build's baseline
    /// instructions (`row_weights` takes the widest the CPU has).
    fn checked_row(scorer: &Scorer, e: usize, buffer: &mut Vec<f64>, seed: u64) -> Vec<f64> {
        let row = scorer.row_weights(e, buffer).to_vec();
        let mut scratch = Vec::new();
        let baseline = scorer.fill_row(e, &mut scratch, Width::Baseline);
        for (m, (&w, &b)) in row.iter().zip(baseline).enumerate() {
            let expected = scorer.weight(e, m).map_or(f64::NEG_INFINITY, f64::from);
            assert_eq!(
                w.to_bits(),
                expected.to_bits(),
                "seed {seed}, pair ({e}, {m})"
            );
            assert_eq!(b.to_bits(), w.to_bits(), "seed {seed}, pair ({e}, {m})");
        }
        row
    }

    #[test]
    fn rows_equal_pair_by_pair_weights_bit_for_bit() {
        let mut config = Config::default();
        config
            .constraints
            .max_difference
            .insert("timezone".into(), 3.5);
        config
            .constraints
            .min_difference
            .insert("Years".into(), 2.0);
        config.constraints.min_score = 35.0;
        config.constraints.min_overlap_hours = 0.5;
        config.weights.availability = 0.3;
        config.constraints.require_different = vec!["department".into()];
        config.constraints.require_same = vec!["location".into()];
        config.diversity.insert(
            "gender".into(),
            AttributeRule {
                prefer: Preference::Different,
                weight: 0.3,
            },
        );
        config.diversity.insert(
            "location".into(),
            AttributeRule {
                prefer: Preference::Same,
                weight: 1.0,
            },
        );
        let plain = config.clone();
        add_parents(&mut config);
        config.skills.related = 0.7;
        config
            .attributes
            .insert("languages".into(), AttributeOptions { list: true });
        config.diversity.insert(
            "languages".into(),
            AttributeRule {
                prefer: Preference::Overlap,
                weight: 0.6,
            },
        );
        config.constraints.require_overlap = vec!["languages".into()];
        config.validate().expect("valid");
        let mut related_pairs = 0;
        for seed in 1..=6 {
            let (mut mentors, mut mentees) = rosters(seed);
            add_priorities_and_numbers(&mut mentors, &mut mentees);
            add_languages(&mut mentors, &mut mentees);
            add_availability(&mut mentors, &mut mentees);
            clear_some_lists(&mut mentors, &mut mentees);
            // Choices on all seeds but the first; `only` on every third.
            if seed > 1 {
                add_choices(&mut mentors, &mut mentees);
            }
            config.preferences.mode = if seed % 3 == 0 {
                PickMode::Only
            } else {
                PickMode::Bonus
            };
            // Half the seeds with a pair-scores file.
            config.pair_scores = (seed % 2 == 0).then(|| pair_scores(&mentors, &mentees));
            let scorer = Scorer::new(&mentors, &mentees, &config);
            let without = Scorer::new(&mentors, &mentees, &plain);
            let mut buffer = Vec::new();
            let mut forbidden = 0;
            let mut numeric = [0; 3];
            let (mut overlaps, mut shared) = (0, 0);
            let mut choices = [0; 3];
            for e in 0..mentees.people.len() {
                let row = checked_row(&scorer, e, &mut buffer, seed);
                assert_eq!(row.len(), mentors.people.len());
                for (m, &w) in row.iter().enumerate() {
                    forbidden += usize::from(w == f64::NEG_INFINITY);
                    match scorer.rule_forbids(e, m) {
                        Some(Forbidden::MaxDifference { .. }) => numeric[0] += 1,
                        Some(Forbidden::MinDifference { .. }) => numeric[1] += 1,
                        Some(Forbidden::RequireOverlap { .. }) => numeric[2] += 1,
                        Some(Forbidden::MinOverlapHours { .. }) => overlaps += 1,
                        Some(Forbidden::MustHave { .. }) => choices[0] += 1,
                        Some(Forbidden::NotPicked) => choices[1] += 1,
                        _ => {}
                    }
                    choices[2] += usize::from(scorer.criteria(e, m).picks.is_some_and(|p| p > 0.0));
                    let (with, plain) = (scorer.criteria(e, m), without.criteria(e, m));
                    related_pairs += usize::from(with.skills > plain.skills);
                    shared += usize::from(with.availability.is_some_and(|s| s > 0.0));
                }
            }
            assert!(forbidden > 0, "the rules forbid some pairs");
            assert!(
                numeric.iter().all(|&n| n > 0),
                "both numeric rules and require_overlap forbid pairs: {numeric:?}"
            );
            assert!(overlaps > 0, "min_overlap_hours forbids pairs");
            assert!(shared > 0, "some pairs share hours");
            if seed > 1 {
                assert!(choices[0] > 0, "must-haves forbid pairs: {choices:?}");
                assert!(choices[2] > 0, "picks and wants score pairs: {choices:?}");
                assert_eq!(choices[1] > 0, seed % 3 == 0, "only mode: {choices:?}");
            }
        }
        assert!(
            related_pairs > 100,
            "related skills raise {related_pairs} pairs"
        );
    }

    /// Rows without pair scores, availability or picks take the lean pass;
    /// with a pair-scores file for some mentees only, lean and full rows
    /// alternate on one buffer. Both agree with the pair scorer bit for bit.
    #[test]
    fn lean_rows_equal_pair_by_pair_weights_bit_for_bit() {
        for seed in 1..=4 {
            let (mut mentors, mut mentees) = rosters(seed);
            add_priorities_and_numbers(&mut mentors, &mut mentees);
            clear_some_lists(&mut mentors, &mut mentees);
            let mut config = Config::default();
            config.constraints.min_score = 30.0;
            config.diversity.insert(
                "location".into(),
                AttributeRule {
                    prefer: Preference::Same,
                    weight: 0.5,
                },
            );
            if seed % 2 == 0 {
                add_parents(&mut config);
                config.skills.related = 0.5;
                config.pair_scores = Some(pair_scores_of(&mentors, &mentees, |e| e % 3 == 0));
            }
            let scorer = Scorer::new(&mentors, &mentees, &config);
            let mut buffer = Vec::new();
            for e in (0..mentees.people.len()).rev() {
                checked_row(&scorer, e, &mut buffer, seed);
            }
        }
    }
}
