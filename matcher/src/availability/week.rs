//! A week as a bitset of quarter hours in UTC, Monday 00:00 first: a pair's
//! overlap is [`WORDS`] ANDs and popcounts (see [`super::rows`] for a
//! whole row at once).

/// Minutes in one bit. Quarter hours: the finest step real inputs need
/// (`18:45`, and offsets such as Nepal's +05:45 or Chatham's +12:45), and the
/// week still fits in 11 machine words.
pub const QUARTER_MINUTES: u32 = 15;

/// Quarter hours in a week.
pub const QUARTERS: u32 = 7 * 24 * 60 / QUARTER_MINUTES;

/// Machine words in a [`Week`].
pub(super) const WORDS: usize = QUARTERS.div_ceil(64) as usize;

/// The quarter hours of one week someone is available, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Week([u64; WORDS]);

impl Week {
    /// Marks `length` quarters from quarter `start`, wrapping from Sunday
    /// into Monday; a length of a whole week or more marks every quarter.
    pub fn mark(&mut self, start: u32, length: u32) {
        for q in 0..length.min(QUARTERS) {
            let q = (start + q) % QUARTERS;
            self.0[(q / 64) as usize] |= 1 << (q % 64);
        }
    }

    /// Whether quarter `q` (below [`QUARTERS`]) is marked.
    pub fn contains(&self, q: u32) -> bool {
        self.0[(q / 64) as usize] & (1 << (q % 64)) != 0
    }

    /// How many quarters are marked.
    pub fn quarters(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// The week's words: quarter `q` is bit `q % 64` of word `q / 64`.
    pub(super) fn words(&self) -> &[u64; WORDS] {
        &self.0
    }

    /// How many quarters before quarter `q` (at most [`QUARTERS`]) are marked.
    pub fn before(&self, q: u32) -> u32 {
        let (whole, bits) = ((q / 64) as usize, q % 64);
        let full: u32 = self.0[..whole].iter().map(|w| w.count_ones()).sum();
        let part = self
            .0
            .get(whole)
            .map_or(0, |w| (w & ((1 << bits) - 1)).count_ones());
        full + part
    }

    /// How many quarters both weeks mark.
    pub fn overlap(&self, other: &Week) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }

    /// The quarters both weeks mark.
    pub fn and(&self, other: &Week) -> Week {
        let mut both = *self;
        for (a, b) in both.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
        both
    }

    /// The marked quarters as runs `(start, length)`, in order from Monday
    /// 00:00 UTC; a run across the end of the week is one run, listed at its start.
    pub fn runs(&self) -> Vec<(u32, u32)> {
        let Some(gap) = (0..QUARTERS).find(|&q| !self.contains(q)) else {
            return if self.quarters() == 0 {
                Vec::new()
            } else {
                vec![(0, QUARTERS)]
            };
        };
        let mut runs = Vec::new();
        let mut run: Option<(u32, u32)> = None;
        for step in 1..=QUARTERS {
            let q = (gap + step) % QUARTERS;
            match (&mut run, self.contains(q)) {
                (Some((_, length)), true) => *length += 1,
                (None, true) => run = Some((q, 1)),
                (Some(_), false) => runs.extend(run.take()),
                (None, false) => {}
            }
        }
        runs.extend(run);
        crate::sorting::sort(&mut runs);
        runs
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_week_is_672_quarters_in_11_words() {
        assert_eq!((QUARTERS, WORDS), (672, 11));
    }

    #[test]
    fn runs_join_across_the_end_of_the_week() {
        let mut week = Week::default();
        week.mark(QUARTERS - 4, 8);
        week.mark(100, 3);
        assert_eq!(week.runs(), [(100, 3), (QUARTERS - 4, 8)]);
        assert_eq!(week.quarters(), 11);
        let mut all = Week::default();
        all.mark(5, QUARTERS + 3);
        assert_eq!(all.runs(), [(0, QUARTERS)]);
        assert_eq!(Week::default().runs(), []);
    }

    /// Slots `(start, length)` in quarters, as a naive set of marked quarters.
    fn naive(slots: &[(u32, u32)]) -> Vec<bool> {
        let mut marked = vec![false; QUARTERS as usize];
        for &(start, length) in slots {
            for q in start..start + length.min(QUARTERS) {
                marked[(q % QUARTERS) as usize] = true;
            }
        }
        marked
    }

    pub(crate) fn week(slots: &[(u32, u32)]) -> Week {
        let mut week = Week::default();
        for &(start, length) in slots {
            week.mark(start, length);
        }
        week
    }

    pub(crate) fn slots() -> impl Strategy<Value = Vec<(u32, u32)>> {
        prop::collection::vec((0..QUARTERS, 0..QUARTERS + 10), 0..6)
    }

    proptest! {
        #[test]
        fn overlap_and_runs_match_a_naive_set(a in slots(), b in slots()) {
            let (na, nb) = (naive(&a), naive(&b));
            let both = na.iter().zip(&nb).filter(|(x, y)| **x && **y).count() as u32;
            prop_assert_eq!(week(&a).overlap(&week(&b)), both);
            prop_assert_eq!(week(&a).and(&week(&b)).quarters(), both);
            for q in 0..=QUARTERS {
                let marked = na[..q as usize].iter().filter(|&&x| x).count() as u32;
                prop_assert_eq!(week(&a).before(q), marked);
            }
            let mut from_runs = vec![false; QUARTERS as usize];
            for (start, length) in week(&a).runs() {
                prop_assert!(length > 0);
                for q in start..start + length {
                    let q = (q % QUARTERS) as usize;
                    prop_assert!(!from_runs[q], "runs do not overlap");
                    from_runs[q] = true;
                }
            }
            prop_assert_eq!(from_runs, na);
        }
    }
}
