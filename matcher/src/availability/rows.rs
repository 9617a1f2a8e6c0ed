//! One mentee's shared quarters with every mentor at once, for
//! [`Scorer::row_weights`](crate::score::Scorer::row_weights).
//!
//! Two ways, picked per mentee by what their week costs:
//! - **By runs.** Most people give a few stretches of time (`mon 18-20; sat
//!   09-12`). For every quarter where some mentee's stretch starts or ends,
//!   each mentor's count of marked quarters before it is stored; a stretch's
//!   overlap with a mentor is then one subtraction, and a row is two passes
//!   over contiguous counts per stretch.
//! - **By words.** A week cut into many short stretches (every other quarter,
//!   say) would need hundreds of passes: it goes word by word instead, AND
//!   and popcount against every mentor's same word (baseline x86-64 has no
//!   popcount instruction: each count is a dozen operations).
//!
//! Both count exactly, so a row is the same either way.

use super::week::{Week, QUARTERS, WORDS};

/// A stretch costs two passes of a subtraction; a word one pass of a
/// popcount, several times dearer: a week goes by runs while it has at most
/// this many stretches per non-empty word.
const RUNS_PER_WORD: usize = 2;

/// At most this many stored counts (two bytes each), whatever the rosters:
/// beyond it, every week goes by words.
const MAX_COUNTS: usize = 1 << 24;

/// The mentors' weeks laid out for rows, and how each mentee's row goes.
#[derive(Debug, Default)]
pub(crate) struct RowOverlaps {
    /// Mentors.
    mentors: usize,
    /// Per word position, that word of every mentor's week (0 where none).
    words: Vec<Vec<u64>>,
    /// Whether each mentor gave a week.
    given: Vec<bool>,
    /// Per quarter where some mentee's stretch starts or ends, in order,
    /// every mentor's number of marked quarters before it.
    before: Vec<u16>,
    /// Per mentee, how their row goes.
    plans: Vec<Plan>,
}

/// How one mentee's row goes.
#[derive(Debug)]
enum Plan {
    /// No week: not applicable to any mentor.
    None,
    /// Word by word, with this week.
    Words(Week),
    /// Stretch by stretch: the offsets in [`RowOverlaps::before`] of the
    /// counts at each stretch's end and start.
    Runs(Vec<(usize, usize)>),
}

impl Plan {
    /// How a row goes for `week`: by runs (as quarters `(end, start)`) when
    /// it has few stretches for its words.
    fn for_week(week: Option<&Week>) -> Plan {
        let Some(week) = week else {
            return Plan::None;
        };
        let ranges = ranges(week);
        let words = week.words().iter().filter(|&&w| w != 0).count();
        if ranges.len() <= RUNS_PER_WORD * words {
            let ends = ranges
                .iter()
                .map(|&(start, end)| (end as usize, start as usize));
            Plan::Runs(ends.collect())
        } else {
            Plan::Words(*week)
        }
    }
}

/// `week`'s stretches as `[start, end)` quarter ranges, a stretch across the
/// end of the week cut in two.
fn ranges(week: &Week) -> Vec<(u32, u32)> {
    let mut ranges = Vec::new();
    for (start, length) in week.runs() {
        let end = start + length;
        if end > QUARTERS {
            ranges.push((0, end - QUARTERS));
            ranges.push((start, QUARTERS));
        } else {
            ranges.push((start, end));
        }
    }
    ranges
}

impl RowOverlaps {
    /// The layout for these mentors' and mentees' weeks (`None`: gave none).
    pub(crate) fn new<'w>(
        mentors: impl Iterator<Item = Option<&'w Week>>,
        mentees: impl Iterator<Item = Option<&'w Week>>,
    ) -> RowOverlaps {
        RowOverlaps::within(mentors, mentees, MAX_COUNTS)
    }

    /// [`new`](Self::new), storing at most `max_counts` counts.
    fn within<'w>(
        mentors: impl Iterator<Item = Option<&'w Week>>,
        mentees: impl Iterator<Item = Option<&'w Week>>,
        max_counts: usize,
    ) -> RowOverlaps {
        let mentors: Vec<Option<&Week>> = mentors.collect();
        let words = (0..WORDS)
            .map(|i| {
                mentors
                    .iter()
                    .map(|w| w.map_or(0, |w| w.words()[i]))
                    .collect()
            })
            .collect();
        let mentees: Vec<Option<&Week>> = mentees.collect();
        // Runs hold quarters `(end, start)` here, offsets in `before` below.
        let mut plans: Vec<Plan> = mentees.iter().map(|&week| Plan::for_week(week)).collect();
        let mut used = vec![false; QUARTERS as usize + 1];
        for plan in &plans {
            if let Plan::Runs(runs) = plan {
                for &(end, start) in runs {
                    (used[end], used[start]) = (true, true);
                }
            }
        }
        let boundaries = used.iter().filter(|&&u| u).count();
        let fits = boundaries * mentors.len() <= max_counts;
        // Each used boundary's offset in `before`, and the counts there.
        let (mut offsets, mut before) = (vec![0; QUARTERS as usize + 1], Vec::new());
        for q in (0..=QUARTERS).filter(|&q| fits && used[q as usize]) {
            offsets[q as usize] = before.len();
            // At most QUARTERS = 672 each: fits in 16 bits.
            before.extend(
                mentors
                    .iter()
                    .map(|week| week.map_or(0, |w| w.before(q) as u16)),
            );
        }
        for (plan, week) in plans.iter_mut().zip(mentees) {
            match (plan, week) {
                (Plan::Runs(runs), _) if fits => {
                    for (end, start) in runs {
                        (*end, *start) = (offsets[*end], offsets[*start]);
                    }
                }
                (plan @ Plan::Runs(_), Some(week)) => *plan = Plan::Words(*week),
                _ => {}
            }
        }
        RowOverlaps {
            given: mentors.iter().map(Option::is_some).collect(),
            mentors: mentors.len(),
            words,
            before,
            plans,
        }
    }

    /// The quarters mentee `e` shares with each mentor into `out`, `NaN`
    /// where either gave no week.
    pub(crate) fn row(&self, e: usize, out: &mut [f64]) {
        let n = self.mentors;
        let out = &mut out[..n];
        match &self.plans[e] {
            Plan::None => {
                out.fill(f64::NAN);
                return;
            }
            Plan::Words(week) => {
                out.fill(0.0);
                for (&word, column) in week.words().iter().zip(&self.words) {
                    if word == 0 {
                        continue;
                    }
                    for (cell, &other) in out.iter_mut().zip(column) {
                        // Small whole numbers: exact in any order.
                        *cell += f64::from((word & other).count_ones());
                    }
                }
            }
            Plan::Runs(runs) => {
                // Counted in 16 bits, where the sums stay exact (at most
                // QUARTERS), then widened in one pass.
                let mut shared = vec![0u16; n];
                for &(end, start) in runs {
                    let (to, from) = (&self.before[end..end + n], &self.before[start..start + n]);
                    for ((cell, &to), &from) in shared.iter_mut().zip(to).zip(from) {
                        *cell = cell.wrapping_add(to.wrapping_sub(from));
                    }
                }
                for (cell, &quarters) in out.iter_mut().zip(&shared) {
                    *cell = f64::from(quarters);
                }
            }
        }
        for (cell, &given) in out.iter_mut().zip(&self.given) {
            if !given {
                *cell = f64::NAN;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::week::tests::{slots, week};
    use proptest::prelude::*;

    fn weeks() -> impl Strategy<Value = Vec<Option<Week>>> {
        let week = prop_oneof![
            1 => Just(None),
            4 => slots().prop_map(|s| Some(week(&s))),
            // Every other quarter over a stretch: a week that goes by words.
            1 => (0..QUARTERS, 0..QUARTERS).prop_map(|(start, length)| {
                let every_other: Vec<(u32, u32)> = (0..length / 2).map(|k| (start + 2 * k, 1)).collect();
                Some(week(&every_other))
            }),
        ];
        prop::collection::vec(week, 0..8)
    }

    proptest! {
        #[test]
        fn rows_match_pair_by_pair_overlaps(
            mentors in weeks(),
            mentees in weeks(),
            max_counts in prop_oneof![Just(0), Just(MAX_COUNTS)],
        ) {
            let rows = RowOverlaps::within(
                mentors.iter().map(Option::as_ref),
                mentees.iter().map(Option::as_ref),
                max_counts,
            );
            let mut out = vec![-1.0; mentors.len() + 1];
            for (e, mentee) in mentees.iter().enumerate() {
                rows.row(e, &mut out);
                for (m, mentor) in mentors.iter().enumerate() {
                    match (mentee, mentor) {
                        (Some(a), Some(b)) => prop_assert_eq!(out[m], f64::from(a.overlap(b))),
                        _ => prop_assert!(out[m].is_nan()),
                    }
                }
                prop_assert_eq!(out[mentors.len()], -1.0, "only the mentors' cells");
            }
        }
    }

    #[test]
    fn short_stretches_go_by_runs_and_scattered_quarters_by_words() {
        let few = week(&[(100, 8), (QUARTERS - 2, 4)]);
        let scattered = week(&(0..40).map(|k| (3 * k, 1)).collect::<Vec<_>>());
        let mentor = week(&[(0, QUARTERS)]);
        let rows = RowOverlaps::new(
            [Some(&mentor)].into_iter(),
            [Some(&few), Some(&scattered), None].into_iter(),
        );
        assert!(matches!(&rows.plans[0], Plan::Runs(r) if r.len() == 3));
        assert!(matches!(rows.plans[1], Plan::Words(_)));
        assert!(matches!(rows.plans[2], Plan::None));
        let mut out = [0.0];
        rows.row(0, &mut out);
        assert_eq!(out, [12.0]);
        rows.row(1, &mut out);
        assert_eq!(out, [40.0]);
    }
}
