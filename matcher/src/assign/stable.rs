//! The `stable` goal: mentee-proposing deferred acceptance with capacities
//! (the hospitals/residents algorithm), each side's preferences in the order
//! [`crate::preference_order`] defines (stated picks first where given, then
//! scores), ties broken by input order (the earlier mentor, the earlier
//! mentee). The result has no blocking pair ([`crate::stability`], which
//! reads the same orders) and is the best stable
//! matching for every mentee at once; with strict preferences it is unique,
//! so the order proposals are made in does not change it.
//!
//! Where mentees want several mentors ([`assign_shaped`]) the same
//! algorithm runs many-to-many: a mentee proposes down its ranking until it
//! holds its places. Under `distinct` (one attribute) its choice is the best
//! mentor of each group, then the best of those up to its places: it passes
//! over a mentor of a group it holds, and comes back to the best one passed
//! over when that group frees up. That choice is substitutable and its size
//! never shrinks as more mentors accept, so the result is still stable
//! (blocking as in [`crate::stability`]) and every stable matching gives
//! each mentor the same number of mentees: a mentor left below its
//! `min_load` means no stable matching meets it, and the run stops. With
//! several `distinct` attributes the choice is not substitutable, and
//! `stable` is refused.
//!
//! Locked mentees keep their mentor and take one of its places; history
//! pairs, rules and `min_score` leave a mentor off a mentee's list. No exact
//! solve runs: the bound reported beside the matching is each mentee's best
//! allowed score (dual feasible with every mentor priced at zero), and the
//! exact optimum the price of stability compares against is solved only when
//! the report asks for it.
//!
//! Lists are never stored whole: each mentee holds the next few mentors of
//! its ranking, taken from its scored row, and when they run out takes twice
//! as many from the row scored again. A row is read in one pass that keeps
//! only the entries above a floor raised as better ones are found. Every
//! round, the mentees whose lists ran out are refilled in parallel; then the
//! free mentees propose in input order.

use super::exact::{assemble, free_mentees};
use super::shaped::Shape;
use super::{Assignment, THREADS};
use crate::config::ConfigError;
use crate::error::Error;
use crate::preference_order::{regards, Regard};
use crate::progress::{Progress, Stage};
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use crate::solve::Solution;
use crate::wide;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Mentors in a mentee's first list; each refill takes twice the last.
/// (On 20 000 × 5 000 generated rosters with 4 places each, 64 leaves half
/// as many refills as 16: most mentees never need a second list.)
const FIRST_LIST: usize = 64;

/// Entries a row pass gathers, at least, before it cuts them back to the
/// list's size and raises its floor (few in unit tests, so that small rows
/// are cut often).
const GATHER: usize = if cfg!(test) { 4 } else { 128 };

/// A mentor's view of a mentee it holds: better is greater (a higher
/// regard, then an earlier mentee).
type Held = (Regard, Reverse<usize>);

/// A mentee's view of a mentor: better is greater (a higher regard, then
/// an earlier mentor).
type Wanted = (Regard, Reverse<usize>);

/// One mentee's ranking, read a list at a time.
#[derive(Default)]
struct Ranking {
    /// The next mentors to propose to, best first, as (mentor, the
    /// mentor's regard for the mentee).
    list: Vec<(u32, Regard)>,
    /// Position in `list`.
    next: usize,
    /// The last mentor listed: the next list starts after it.
    after: Option<Wanted>,
    /// No allowed mentor is left after `list`.
    done: bool,
    /// The best score among the mentors listed (their first list holds the
    /// mentee's best allowed score).
    best: Hundredths,
}

/// The stable matching, with each mentee's best allowed score as its bound.
pub(super) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    progress.start(Stage::Solving, 0);
    let mentees = scorer.mentees().people.len();
    let places: Vec<u32> = (0..mentees)
        .map(|e| u32::from(!rounds.is_locked(e)))
        .collect();
    let chooser = Chooser {
        places: &places,
        group: None,
    };
    let (held, best) = deferred_acceptance(scorer, rounds, &chooser, FIRST_LIST);
    let free = free_mentees(rounds, mentees);
    let assignment: Vec<Option<usize>> = free.iter().map(|&e| held[e].first().copied()).collect();
    let total = free
        .iter()
        .zip(&assignment)
        .filter_map(|(&e, m)| m.and_then(|m| scorer.weight(e, m)))
        .map(f64::from)
        .sum();
    let row_duals: Vec<f64> = free.iter().map(|&e| f64::from(best[e])).collect();
    let solution = Solution {
        matched: assignment.iter().flatten().count(),
        assignment,
        total,
        dual_bound: row_duals.iter().sum(),
        row_duals,
        col_prices: vec![0.0; rounds.spare().len()],
        match_bonus: 0.0,
    };
    Ok(assemble(scorer, rounds, &free, solution, 0))
}

/// The stable matching of a shaped program (see the module documentation
/// for the choice rule under `distinct`), its bound each row's places times
/// its best allowed score; an error where `distinct` names several
/// attributes, or where the minimum loads are not met (then no stable
/// matching meets them).
pub(super) fn assign_shaped(shape: &Shape, progress: &dyn Progress) -> Result<Assignment, Error> {
    let (scorer, rounds) = (shape.scorer, shape.rounds);
    let partitions = shape.groups.partitions();
    if partitions.len() > 1 {
        return Err(ConfigError::new(
            "solver.objective",
            "\"stable\" takes at most one constraints.distinct attribute: with several, a mentee's choice of mentors is no longer substitutable (taking one mentor can make another acceptable again), and a stable matching may not exist",
        )
        .into());
    }
    progress.start(Stage::Solving, 0);
    let mentees = scorer.mentees().people.len();
    let mut places = vec![0u32; mentees];
    for (&e, &p) in shape.rows.iter().zip(&shape.places) {
        places[e] = p;
    }
    let chooser = Chooser {
        places: &places,
        group: partitions.first().copied(),
    };
    let (mut held, best) = deferred_acceptance(scorer, rounds, &chooser, FIRST_LIST);
    check_minimums(shape, &held)?;
    let columns_of: Vec<Vec<usize>> = shape
        .rows
        .iter()
        .map(|&e| {
            crate::sorting::sort(&mut held[e]);
            std::mem::take(&mut held[e])
        })
        .collect();
    let pairs = shape.rows.iter().zip(&columns_of);
    let total: u64 = pairs
        .flat_map(|(&e, columns)| columns.iter().map(move |&m| u64::from(scorer.score(e, m))))
        .sum();
    let bound: u64 = shape
        .rows
        .iter()
        .zip(&shape.places)
        .map(|(&e, &p)| u64::from(p) * u64::from(best[e]))
        .sum();
    let solution = Solution {
        assignment: columns_of.iter().map(|c| c.first().copied()).collect(),
        matched: columns_of.iter().map(Vec::len).sum(),
        total: total as f64,
        dual_bound: bound as f64,
        row_duals: Vec::new(),
        col_prices: vec![0.0; rounds.spare().len()],
        match_bonus: 0.0,
    };
    Ok(shape.with_locks(columns_of, solution, 0))
}

/// Refuses a stable matching that leaves a mentor below its minimum load
/// (and not empty where `min_load_or_none` allows that). Every stable
/// matching gives each mentor the same number of mentees (the rural
/// hospitals theorem, which holds for these choice rules), so none meets
/// the minimums either.
fn check_minimums(shape: &Shape, held: &[Vec<usize>]) -> Result<(), Error> {
    let mut load = vec![0u32; shape.minimum.len()];
    for &m in held.iter().flatten() {
        load[m] += 1;
    }
    let short: Vec<usize> = (0..load.len())
        .filter(|&m| load[m] < shape.minimum[m] && !(shape.or_none[m] && load[m] == 0))
        .collect();
    let Some(&first) = short.first() else {
        return Ok(());
    };
    let person = &shape.scorer.mentors().people[first];
    let taken = person.capacity - shape.rounds.spare()[first] + load[first];
    let others = match short.len() {
        1 => String::new(),
        n => format!(
            " (and {} more mentor{})",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    };
    let or_none = if shape.or_none[first] {
        ""
    } else {
        ", set constraints.min_load_or_none"
    };
    Err(Error::Infeasible(format!(
        "no stable matching meets the minimum loads: mentor {} gets {taken} mentee{} in every stable matching, below their min_load {}{others}; lower their min_load{or_none}, or use solver.objective \"coverage\", \"total\" or \"fair\"",
        person.id,
        if taken == 1 { "" } else { "s" },
        person.min_load,
    )))
}

/// How mentees choose among the mentors who would take them.
struct Chooser<'a> {
    /// Per mentee, the places it fills by proposing (0 for one with none left).
    places: &'a [u32],
    /// The `distinct` group of each mentor, when set: a mentee holds at most
    /// one mentor of each.
    group: Option<&'a [u32]>,
}

impl Chooser<'_> {
    /// Whether a mentee holding `held` may add mentor `m`.
    fn fits(&self, held: &[usize], m: usize) -> bool {
        self.group
            .is_none_or(|group| held.iter().all(|&h| group[h] != group[m]))
    }
}

/// Mentee-proposing deferred acceptance, each mentee's lists `first` mentors
/// long at the start: per mentee, the mentors it holds (locks aside) and
/// its best allowed score. A mentee proposes down its ranking until it holds
/// its places, passing over a mentor of a group it already holds; when a
/// mentor lets it go, the best mentor it passed over whose group is free
/// again comes first.
fn deferred_acceptance(
    scorer: &Scorer,
    rounds: &Resolved,
    chooser: &Chooser,
    first: usize,
) -> (Vec<Vec<usize>>, Vec<Hundredths>) {
    let mentees = scorer.mentees().people.len();
    let mut held_of: Vec<Vec<usize>> = vec![Vec::new(); mentees];
    let mut passed: Vec<Vec<(u32, Regard)>> = vec![Vec::new(); mentees];
    let mut best: Vec<Hundredths> = vec![0; mentees];
    let mut rankings: Vec<Ranking> = (0..mentees).map(|_| Ranking::default()).collect();
    let mut held: Vec<BinaryHeap<Reverse<Held>>> =
        rounds.spare().iter().map(|_| BinaryHeap::new()).collect();
    let wants = |held_of: &[Vec<usize>], e: usize| held_of[e].len() < chooser.places[e] as usize;
    let mut free: Vec<usize> = (0..mentees).filter(|&e| chooser.places[e] > 0).collect();
    while !free.is_empty() {
        // Refill, in parallel, the lists of free mentees that ran out.
        let stale: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&e| rankings[e].next == rankings[e].list.len() && !rankings[e].done)
            .collect();
        // A full mentor keeps rejecting whoever it regards no better than
        // the worst it holds (that only rises): lists leave them out.
        let bars = Bars::new(&held, rounds.spare());
        let refill = |buffer: &mut Vec<f64>, &e: &usize| {
            let previous = &rankings[e];
            let size = (2 * previous.list.len()).max(first);
            (
                e,
                wide::run(
                    #[cfg_attr(target_arch = "x86_64", inline(always))]
                    |_| next_list(scorer, rounds, &bars, e, previous.after, size, buffer),
                ),
            )
        };
        // In order where there can be no threads (the single-threaded
        // WebAssembly build does without rayon's machinery).
        let lists: Vec<(usize, Ranking)> = if THREADS {
            stale.par_iter().map_init(Vec::new, refill).collect()
        } else {
            let mut buffer = Vec::new();
            stale.iter().map(|e| refill(&mut buffer, e)).collect()
        };
        for (e, ranking) in lists {
            if rankings[e].after.is_none() {
                best[e] = ranking.best;
            }
            rankings[e] = ranking;
        }
        let mut displaced = Vec::new();
        for &e in &free {
            while wants(&held_of, e) {
                // The best mentor passed over whose group is free again,
                // else the next of the ranking that fits.
                let again = passed[e]
                    .iter()
                    .position(|&(m, _)| chooser.fits(&held_of[e], m as usize));
                let next = match again {
                    Some(k) => Some(passed[e].remove(k)),
                    None => {
                        let ranking = &mut rankings[e];
                        let mut found = None;
                        while ranking.next < ranking.list.len() {
                            let entry = ranking.list[ranking.next];
                            ranking.next += 1;
                            if chooser.fits(&held_of[e], entry.0 as usize) {
                                found = Some(entry);
                                break;
                            }
                            passed[e].push(entry);
                        }
                        found
                    }
                };
                let Some((m, regard)) = next else {
                    break;
                };
                let m = m as usize;
                let places = rounds.spare()[m] as usize;
                let offer = (regard, Reverse(e));
                let heap = &mut held[m];
                if heap.len() < places {
                    heap.push(Reverse(offer));
                    held_of[e].push(m);
                    continue;
                }
                if heap.peek().is_some_and(|Reverse(worst)| offer > *worst) {
                    let Reverse((_, Reverse(out))) =
                        heap.pop().expect("a full mentor holds someone");
                    heap.push(Reverse(offer));
                    held_of[out].retain(|&h| h != m);
                    held_of[e].push(m);
                    displaced.push(out);
                }
            }
        }
        // Still free: those whose list ran out (refilled next round unless
        // done), and those displaced this round.
        let mut next: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&e| {
                wants(&held_of, e)
                    && !(rankings[e].done && rankings[e].next == rankings[e].list.len())
            })
            .collect();
        next.extend(displaced);
        next.sort_unstable();
        next.dedup();
        free = next;
    }
    (held_of, best)
}

/// What each mentor's regard for a mentee must beat this round for the
/// mentor to hold them: a full mentor keeps rejecting whoever it regards no
/// better than the worst it holds (that only rises), and one with no places
/// rejects everyone.
struct Bars {
    /// Per mentor, the worst mentee it holds when full.
    held: Vec<Option<Held>>,
    /// Per mentor, the same bar for a mentee it did not pick, as the score
    /// to beat: `+inf` where no such mentee gets in, `-inf` where every
    /// allowed one does.
    score: Vec<f64>,
    /// Per mentor, the mentee who holds that score: the same score from an
    /// earlier mentee beats it too.
    holder: Vec<u32>,
}

impl Bars {
    /// The bars of mentors holding `held`, with `spare` places each.
    fn new(held: &[BinaryHeap<Reverse<Held>>], spare: &[u32]) -> Bars {
        let held: Vec<Option<Held>> = held
            .iter()
            .zip(spare)
            .map(|(heap, &places)| {
                let full = places > 0 && heap.len() == places as usize;
                full.then(|| heap.peek().map(|Reverse(worst)| *worst))
                    .flatten()
            })
            .collect();
        let (score, holder) = held
            .iter()
            .zip(spare)
            .map(|(bar, &places)| match bar {
                _ if places == 0 => (f64::INFINITY, 0),
                None => (f64::NEG_INFINITY, u32::MAX),
                Some(((0, score), Reverse(e))) => (f64::from(*score), *e as u32),
                Some(_) => (f64::INFINITY, 0),
            })
            .unzip();
        Bars {
            held,
            score,
            holder,
        }
    }

    /// Whether mentor `m`, regarding mentee `e` as `regard`, would hold them.
    /// (Places aside: see [`Resolved::spare`].)
    fn admit(&self, m: usize, e: usize, regard: Regard) -> bool {
        self.held[m].is_none_or(|bar| (regard, Reverse(e)) > bar)
    }

    /// [`Self::admit`] for a mentee that mentor `m` did not pick, at
    /// weight `w`.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn admit_unpicked(&self, m: usize, e: usize, w: f64) -> bool {
        let score = self.score[m];
        w > score || (w == score && (e as u32) < self.holder[m])
    }
}

/// The next `size` mentors (or one more) of mentee `e`'s ranking after
/// `after`, from its row scored again: the allowed mentors it picked, in
/// the order picked, then the others by score descending, then mentor
/// ascending.
#[cfg_attr(target_arch = "x86_64", inline(always))]
fn next_list(
    scorer: &Scorer,
    rounds: &Resolved,
    bars: &Bars,
    e: usize,
    after: Option<Wanted>,
    size: usize,
    buffer: &mut Vec<f64>,
) -> Ranking {
    let n = scorer.row_weights(e, buffer).len();
    let row = &mut buffer[..n];
    // Judged one by one, for the few mentors the row pass below would
    // misjudge.
    let allowed = |m: usize, w: f64| {
        w.is_finite()
            && rounds.spare()[m] > 0
            && !rounds.repeats(e, m)
            && !rounds.locked(e).contains(&m)
            && rounds.clash(e, m).is_none()
            && bars.admit(m, e, regards(scorer, e, m, w as Hundredths).1)
    };
    let mut picked: Vec<(Wanted, Regard)> = Vec::new();
    for m in scorer.mentee_picks(e) {
        let w = std::mem::replace(&mut row[m], f64::NEG_INFINITY);
        if allowed(m, w) {
            let (wanted, held) = regards(scorer, e, m, w as Hundredths);
            let key = (wanted, Reverse(m));
            if after.is_none_or(|after| key < after) {
                picked.push((key, held));
            }
        }
    }
    // Every mentor left is unpicked: after a pick, all of them follow it;
    // after an unpicked mentor, those ranked below it.
    let after_unpicked = match after {
        Some(((0, score), Reverse(m))) => Some((score, Reverse(m))),
        _ => None,
    };
    let follows =
        |m: usize, w: f64| after_unpicked.is_none_or(|after| (w as Hundredths, Reverse(m)) < after);
    // The pass judges every mentor as one that did not pick `e`, with no
    // earlier pair or lock in the way: the others are judged here and leave
    // the row.
    let mut judged: Vec<(Hundredths, u32)> = Vec::new();
    for &(m, _) in scorer.pickers_of(e) {
        let m = m as usize;
        let w = std::mem::replace(&mut row[m], f64::NEG_INFINITY);
        if allowed(m, w) && follows(m, w) {
            judged.push((w as Hundredths, m as u32));
        }
    }
    for &m in rounds.history(e) {
        row[m] = f64::NEG_INFINITY;
    }
    if rounds.is_locked(e) {
        for (m, w) in row.iter_mut().enumerate() {
            if !allowed(m, *w) {
                *w = f64::NEG_INFINITY;
            }
        }
    }
    let wanted = size.saturating_sub(picked.len()).max(1);
    let ceiling = after_unpicked.map_or(f64::INFINITY, |(score, _)| f64::from(score));
    let limits = Limits {
        bar: &bars.score,
        ceiling,
    };
    let (rest, done) = best_unpicked(row, limits, wanted, judged, |m, w| {
        bars.admit_unpicked(m, e, w) && follows(m, w)
    });
    let best = picked
        .iter()
        .map(|&(((_, score), _), _)| score)
        .chain(rest.first().map(|&(score, _)| score))
        .max()
        .unwrap_or(0);
    let mut list: Vec<(u32, Regard)> = picked
        .iter()
        .map(|&((_, Reverse(m)), held)| (m as u32, held))
        .collect();
    list.extend(
        rest.iter()
            .map(|&(score, m)| (m, regards(scorer, e, m as usize, score).1)),
    );
    let last = match rest.last() {
        Some(&(score, m)) => Some(((0, score), Reverse(m as usize))),
        None => picked.last().map(|&(key, _)| key),
    };
    Ranking {
        after: last.or(after),
        list,
        next: 0,
        done,
        best,
    }
}

/// The `wanted` best entries of `row` that `keep` lets through, and of the
/// entries `judged` already, as (score, mentor) by score descending then
/// mentor ascending, and whether no other entry passes: one pass that
/// gathers entries at or above a floor, cuts them back to `wanted` once
/// there are enough and raises the floor to the lowest score kept (a later
/// mentor with that score ranks below it). `keep` lets no entry through
/// outside the `limits`.
#[cfg_attr(target_arch = "x86_64", inline(always))]
fn best_unpicked(
    row: &[f64],
    limits: Limits,
    wanted: usize,
    judged: Vec<(Hundredths, u32)>,
    keep: impl Fn(usize, f64) -> bool,
) -> (Vec<(Hundredths, u32)>, bool) {
    /// Entries tested at once, without a branch, for whether any may pass.
    const LANES: usize = 32;
    let mut gathering = Gathering {
        gather: GATHER.max(2 * wanted).max(judged.len() + 1),
        wanted,
        passed: judged.len(),
        entries: judged,
        // The lowest finite weight first: `-inf` (forbidden) fails at once.
        floor: f64::MIN,
    };
    // In mentor order: the floor relies on it.
    let (weights, bars) = (row.chunks_exact(LANES), limits.bar.chunks_exact(LANES));
    let tail = (row.len() - weights.remainder().len(), weights.remainder());
    let ceiling = limits.ceiling;
    for (k, (weights, bars)) in weights.zip(bars).enumerate() {
        let floor = gathering.floor;
        let candidates = weights.iter().zip(bars);
        let within = |(&w, &b): (&f64, &f64)| (w >= floor) & (w >= b) & (w <= ceiling);
        let mut inside = (0..).zip(candidates).fold(0u32, |inside, (i, cell)| {
            inside | (u32::from(within(cell)) << i)
        });
        // Each entry inside, lowest first.
        while inside != 0 {
            let i = inside.trailing_zeros() as usize;
            inside &= inside - 1;
            gathering.offer(k * LANES + i, weights[i], &keep);
        }
    }
    for (m, &w) in (tail.0..).zip(tail.1) {
        gathering.offer(m, w, &keep);
    }
    let Gathering {
        mut entries,
        passed,
        ..
    } = gathering;
    if entries.len() > wanted {
        cut(&mut entries, wanted);
    }
    crate::sorting::sort_by_key(&mut entries, |&(score, m)| (Reverse(score), m));
    (entries, passed <= wanted)
}

/// Bounds on the entries [`best_unpicked`] may keep.
#[derive(Clone, Copy)]
struct Limits<'a> {
    /// Per mentor, the lowest weight they may keep.
    bar: &'a [f64],
    /// The highest weight any may keep.
    ceiling: f64,
}

/// The entries [`best_unpicked`] has gathered so far.
struct Gathering {
    /// Entries held before they are cut back to `wanted`.
    gather: usize,
    /// Entries wanted.
    wanted: usize,
    /// Entries that passed, cut or not.
    passed: usize,
    /// The entries held, as (score, mentor).
    entries: Vec<(Hundredths, u32)>,
    /// The score an entry needs to be held.
    floor: f64,
}

impl Gathering {
    /// Holds mentor `m` at weight `w` if it reaches the floor and `keep`
    /// lets it through.
    #[cfg_attr(target_arch = "x86_64", inline(always))]
    fn offer(&mut self, m: usize, w: f64, keep: impl Fn(usize, f64) -> bool) {
        if w >= self.floor && keep(m, w) {
            self.passed += 1;
            self.entries.push((w as Hundredths, m as u32));
            if self.entries.len() == self.gather {
                self.floor = f64::from(cut(&mut self.entries, self.wanted)) + 1.0;
            }
        }
    }
}

/// Keeps the `wanted` best of `entries` (score descending, then mentor
/// ascending) and returns the lowest score kept.
fn cut(entries: &mut Vec<(Hundredths, u32)>, wanted: usize) -> Hundredths {
    entries.select_nth_unstable_by_key(wanted - 1, |&(score, m)| (Reverse(score), m));
    entries.truncate(wanted);
    entries.iter().map(|&(score, _)| score).min().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::generate::{self, Spec};
    use crate::roster::Roster;
    use crate::rounds::{PairFile, Rounds};

    /// Generated rosters of `mentees` × `mentors` with picks on both sides.
    fn rosters(mentees: usize, mentors: usize, seed: u64) -> (Roster, Roster) {
        generate::rosters(&Spec {
            mentors,
            mentees,
            seed,
            capacity: None,
            picks: true,
        })
    }

    /// Textbook deferred acceptance over whole preference lists: each free
    /// mentee proposes to the next mentor of its full ranking.
    fn textbook(scorer: &Scorer, rounds: &Resolved) -> Vec<Option<usize>> {
        let (mentees, mentors) = (scorer.mentees().people.len(), rounds.spare().len());
        let mut lists: Vec<Vec<(Wanted, Regard)>> = (0..mentees)
            .map(|e| {
                let mut list: Vec<(Wanted, Regard)> = (0..mentors)
                    .filter(|&m| rounds.spare()[m] > 0 && !rounds.repeats(e, m))
                    .filter_map(|m| {
                        let (wanted, held) = regards(scorer, e, m, scorer.weight(e, m)?);
                        Some(((wanted, Reverse(m)), held))
                    })
                    .collect();
                list.sort_by_key(|&(key, _)| Reverse(key));
                list
            })
            .collect();
        let mut mentor_of: Vec<Option<usize>> = (0..mentees)
            .map(|e| rounds.locked(e).first().copied())
            .collect();
        let mut held: Vec<Vec<Held>> = vec![Vec::new(); mentors];
        let mut free: Vec<usize> = (0..mentees)
            .rev()
            .filter(|&e| mentor_of[e].is_none())
            .collect();
        while let Some(e) = free.pop() {
            let Some(((_, Reverse(m)), regard)) =
                (!lists[e].is_empty()).then(|| lists[e].remove(0))
            else {
                continue;
            };
            held[m].push((regard, Reverse(e)));
            held[m].sort();
            if held[m].len() > rounds.spare()[m] as usize {
                let (_, Reverse(out)) = held[m].remove(0);
                mentor_of[out] = None;
                free.push(out);
            }
            if held[m].iter().any(|&(_, Reverse(x))| x == e) {
                mentor_of[e] = Some(m);
            }
        }
        mentor_of
    }

    /// Lists of any length, refilled as often as it takes, with full mentors
    /// left out and picks first, give the textbook's matching; each mentee's
    /// best allowed score is its first choice's.
    #[test]
    fn short_lists_give_the_textbook_matching() {
        for seed in 1..=3 {
            let (mentors, mentees) = rosters(240, 90, seed);
            let config = Config::default();
            let scorer = Scorer::new(&mentors, &mentees, &config);
            let pairs = |ids: &[(usize, usize)]| {
                let mut text = String::from("mentor_id,mentee_id\n");
                for &(e, m) in ids {
                    text += &format!("{},{}\n", mentors.people[m].id, mentees.people[e].id);
                }
                Some(PairFile::from_csv_reader(text.as_bytes(), "pairs.csv").expect("valid"))
            };
            let rounds = Rounds {
                locked: pairs(&[(3, 5), (7, 5)]),
                history: pairs(&[(0, 0), (1, 2), (2, 4), (5, 1)]),
            }
            .resolve(&scorer, &config)
            .expect("valid rounds");
            let expected = textbook(&scorer, &rounds);
            assert!(
                expected.iter().filter(|m| m.is_none()).count() > 0,
                "no competition"
            );
            for first in [1, 2, 5, FIRST_LIST] {
                let places: Vec<u32> = (0..mentees.people.len())
                    .map(|e| u32::from(!rounds.is_locked(e)))
                    .collect();
                let chooser = Chooser {
                    places: &places,
                    group: None,
                };
                let (held, best) = deferred_acceptance(&scorer, &rounds, &chooser, first);
                let mentor_of: Vec<Option<usize>> = (0..mentees.people.len())
                    .map(|e| rounds.locked(e).first().or(held[e].first()).copied())
                    .collect();
                assert_eq!(mentor_of, expected, "seed {seed}, lists of {first}");
                for (e, &best) in best.iter().enumerate() {
                    let top = (0..mentors.people.len())
                        .filter(|&m| rounds.spare()[m] > 0 && !rounds.repeats(e, m))
                        .filter_map(|m| scorer.weight(e, m))
                        .max();
                    if !rounds.is_locked(e) {
                        assert_eq!(best, top.unwrap_or(0), "mentee {e}");
                    }
                }
            }
        }
    }
}
