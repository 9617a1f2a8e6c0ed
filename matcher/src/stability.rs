//! Would two people rather have each other than what they got? A matching's
//! **blocking pairs** under both sides' preference orders
//! ([`crate::preference_order`]: stated picks where given, scores
//! otherwise): a mentee `e` and a mentor `m`, allowed together, where `e`
//! prefers `m` strictly to their own match (or has none), and `m` has a free
//! place or holds a mentee it prefers strictly less than `e` who is not
//! locked. Ties block nobody, so a matching without blocking pairs is
//! (weakly) stable. Locked mentees keep their mentor and propose to nobody.
//!
//! Where mentees want several mentors, "their own match" is the mentor they
//! would give up: none while they have a free place, else the one they
//! regard least (locked mentors are never given up). Under `distinct` a
//! mentee holding a mentor of `m`'s group wants `m` only if it prefers `m`
//! to that mentor (to each of them, with several attributes). Ranks and
//! picks are then counted per pair made, and each empty place counts as
//! `unmatched` among the picks.
//!
//! Also how far down their own order each mentee's mentor is: the mentor's
//! rank among the mentors allowed to them (a mentor without places is not)
//! (rank 1 = no allowed mentor preferred; equal regards share a rank); and,
//! when someone gave picks, which of their picks the mentees who gave some
//! got.
//!
//! Finding them scores every mentee against every mentor once, in parallel.

use crate::assign::THREADS;
use crate::matching::MatchOutcome;
use crate::preference_order::{regards, Basis, Regard};
use crate::rounds::Resolved;
use crate::score::{Hundredths, Scorer};
use rayon::prelude::*;
use serde::Serialize;

/// Blocking pairs listed at most; all are counted.
pub const MAX_LISTED: usize = 100;

/// Ranks counted one by one; later ones are counted together.
pub const RANKS: usize = 5;

/// A matching's stability under both sides' preference orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stability {
    /// The preferences used: scores, or stated picks where given.
    pub preferences: Basis,
    /// Blocking pairs in the matching.
    pub blocking_pairs: u64,
    /// Mentees in at least one blocking pair.
    pub mentees_blocking: usize,
    /// The first [`MAX_LISTED`] blocking pairs, by mentee then mentor in input order.
    pub listed: Vec<BlockingPair>,
    /// Matched mentees (not locked) whose mentor is their 1st, 2nd, …
    /// [`RANKS`]th choice in their preference order.
    pub ranks: Vec<RankCount>,
    /// Matched mentees (not locked) whose mentor ranks below the [`RANKS`]th.
    pub beyond: usize,
    /// When someone gave picks: which picks the mentees who gave some got.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picks: Option<PickShares>,
}

/// One blocking pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockingPair {
    /// The mentee's id.
    pub mentee_id: String,
    /// The mentor's id.
    pub mentor_id: String,
    /// The pair's score.
    pub score: f64,
    /// The mentor's rank among the mentee's picks, when picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentee_pick: Option<u32>,
    /// The mentee's rank among the mentor's picks, when picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentor_pick: Option<u32>,
    /// The score of the mentee's own match; `None` when unmatched.
    pub mentee_has: Option<f64>,
    /// The mentee the mentor would give up for this one; `None` when the
    /// mentor has a free place.
    pub mentor_gives_up: Option<GivenUp>,
}

/// A mentee a mentor would give up for a blocking one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GivenUp {
    /// Their id.
    pub mentee_id: String,
    /// Their score with the mentor.
    pub score: f64,
}

/// How many mentees got their `rank`th choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankCount {
    /// The rank, from 1.
    pub rank: usize,
    /// Mentees whose mentor has it.
    pub mentees: usize,
    /// Their share of the mentees counted, 0–1.
    pub share: f64,
}

/// Among the mentees (not locked) who gave picks: how many got their 1st,
/// 2nd, … pick, a mentor outside their picks, or none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PickShares {
    /// Mentees (not locked) who gave picks; the shares are of them.
    pub mentees: usize,
    /// Those matched with their 1st … [`RANKS`]th pick.
    pub ranks: Vec<RankCount>,
    /// Those matched with a pick ranked below the [`RANKS`]th.
    pub beyond: usize,
    /// Those matched outside their picks.
    pub none: usize,
    /// Those left unmatched.
    pub unmatched: usize,
}

/// What one mentee's row adds: its blocking pairs (listed ones first, each
/// with the mentor the mentee would give up), its mentors' ranks, and for a
/// mentee who gave picks, the rank of each of its mentors among them
/// (`None` when outside) and [`UNMATCHED`] per place left empty.
#[derive(Default)]
struct Row {
    count: u64,
    listed: Vec<(usize, usize, Hundredths, Option<usize>)>,
    ranks: Vec<usize>,
    picks: Vec<Option<u32>>,
}

/// A pick rank no mentee can get: a place left empty, in [`Row::picks`].
const UNMATCHED: u32 = 0;

/// The stability of `outcome`, a matching of `scorer`'s rosters under `rounds`.
pub(crate) fn stability(scorer: &Scorer, rounds: &Resolved, outcome: &MatchOutcome) -> Stability {
    let (mentors, mentees) = (scorer.mentors(), scorer.mentees());
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); mentees.people.len()];
    // Per mentee, the mentors it holds and may give up (not locked).
    let mut open: Vec<Vec<usize>> = vec![Vec::new(); mentees.people.len()];
    let mut load = vec![0u32; mentors.people.len()];
    for pair in &outcome.matches {
        held[pair.mentee].push(pair.mentor);
        if !pair.locked {
            open[pair.mentee].push(pair.mentor);
        }
        load[pair.mentor] += 1;
    }
    let capacity = |e: usize| mentees.people[e].capacity as usize;
    // Per mentee with no place left, the mentor it would give up first: the
    // one it regards least among those not locked, ties to the later.
    let mentor_of: Vec<Option<usize>> = open
        .iter()
        .enumerate()
        .map(|(e, mine)| {
            let full = held[e].len() >= capacity(e);
            let regard = |m: usize| regards(scorer, e, m, scorer.score(e, m)).0;
            let weakest = mine
                .iter()
                .copied()
                .reduce(|a, b| if regard(b) <= regard(a) { b } else { a });
            weakest.filter(|_| full)
        })
        .collect();
    // Per mentor, the mentee it holds (not locked) and would give up first:
    // its regard and the mentee, ties to the later one in input order.
    let mut weakest: Vec<Option<(Regard, usize)>> = vec![None; mentors.people.len()];
    for pair in outcome.matches.iter().filter(|p| !p.locked) {
        let (e, m) = (pair.mentee, pair.mentor);
        let regard = regards(scorer, e, m, scorer.score(e, m)).1;
        let slot = &mut weakest[m];
        if slot.is_none_or(|(worst, _)| regard <= worst) {
            *slot = Some((regard, e));
        }
    }
    let free: Vec<bool> = mentors
        .people
        .iter()
        .zip(&load)
        .map(|(p, &load)| load < p.capacity)
        .collect();
    let row_of = |buffer: &mut Vec<_>, e: usize| {
        // Every place locked: the mentee takes nobody else.
        if rounds.locked(e).len() >= capacity(e) {
            return Row::default();
        }
        let weights = scorer.row_weights(e, buffer);
        let allowed = |m: usize| {
            weights[m].is_finite()
                && mentors.people[m].capacity > 0
                && !rounds.repeats(e, m)
                && rounds.clash(e, m).is_none()
        };
        let regard = |m: usize| regards(scorer, e, m, weights[m] as Hundredths);
        // Whether `e` would take `m`, and the mentor it would give up for
        // them (`None` for a free place): under `distinct` the mentors that
        // share a group with `m`, who must all be regarded less; otherwise
        // a free place, or the mentor it regards least if regarded less.
        let gives_up = |m: usize, mine: Regard| -> Option<Option<usize>> {
            let less = |h: &usize| regard(*h).0 < mine;
            let mut clashing = open[e]
                .iter()
                .filter(|&&h| rounds.shared_group(h, m).is_some())
                .peekable();
            if clashing.peek().is_some() {
                let all: Vec<usize> = clashing.copied().collect();
                return all.iter().all(less).then(|| all.last().copied());
            }
            match mentor_of[e] {
                None => Some(None),
                Some(h) => less(&h).then_some(Some(h)),
            }
        };
        let mut row = Row::default();
        let mut gave = false;
        let mut listed_regards: Vec<Regard> = Vec::new();
        for m in 0..weights.len() {
            let (mine, theirs) = regard(m);
            gave |= mine.0 > 0;
            if !allowed(m) {
                continue;
            }
            listed_regards.push(mine);
            if held[e].contains(&m) {
                continue;
            }
            let taken = free[m] || weakest[m].is_some_and(|(worst, _)| theirs > worst);
            if let Some(given) = gives_up(m, mine).filter(|_| taken) {
                row.count += 1;
                if row.listed.len() < MAX_LISTED {
                    row.listed.push((e, m, mine.1, given));
                }
            }
        }
        for &h in &open[e] {
            let own = regard(h).0;
            row.ranks
                .push(1 + listed_regards.iter().filter(|&&r| r > own).count());
        }
        if gave {
            let class = |h: usize| match regard(h).0 .0 {
                0 => None,
                class => Some(u32::MAX - class),
            };
            row.picks = open[e].iter().map(|&h| class(h)).collect();
            let empty = capacity(e) - held[e].len();
            row.picks.extend((0..empty).map(|_| Some(UNMATCHED)));
        }
        row
    };
    // In order where there can be no threads: the same rows, and that build
    // does without rayon's machinery for them.
    let all = 0..mentees.people.len();
    let rows: Vec<Row> = if THREADS {
        all.into_par_iter().map_init(Vec::new, row_of).collect()
    } else {
        let mut buffer = Vec::new();
        all.map(|e| row_of(&mut buffer, e)).collect()
    };
    let hundredths = |w: Hundredths| f64::from(w) / 100.0;
    let listed = rows
        .iter()
        .flat_map(|row| &row.listed)
        .take(MAX_LISTED)
        .map(|&(e, m, w, given)| {
            let (mentee_pick, mentor_pick) = scorer.pick_ranks(e, m);
            BlockingPair {
                mentee_id: mentees.people[e].id.clone(),
                mentor_id: mentors.people[m].id.clone(),
                score: hundredths(w),
                mentee_pick,
                mentor_pick,
                mentee_has: given.map(|own| hundredths(scorer.score(e, own))),
                mentor_gives_up: (!free[m]).then(|| {
                    let (_, weakest) =
                        weakest[m].expect("a full mentor who could take e holds someone");
                    GivenUp {
                        mentee_id: mentees.people[weakest].id.clone(),
                        score: hundredths(scorer.score(weakest, m)),
                    }
                }),
            }
        })
        .collect();
    let ranked: Vec<usize> = rows.iter().flat_map(|row| row.ranks.clone()).collect();
    let (ranks, beyond) = rank_counts(&ranked, ranked.len());
    let picks = (Basis::of(scorer) == Basis::PicksWhereGiven).then(|| {
        let gave: Vec<Option<u32>> = rows.iter().flat_map(|row| row.picks.clone()).collect();
        let got: Vec<usize> = gave
            .iter()
            .filter_map(|&pick| pick.filter(|&r| r != UNMATCHED).map(|r| r as usize))
            .collect();
        let (ranks, beyond) = rank_counts(&got, gave.len());
        PickShares {
            mentees: gave.len(),
            ranks,
            beyond,
            none: gave.iter().filter(|pick| pick.is_none()).count(),
            unmatched: gave.iter().filter(|&&pick| pick == Some(UNMATCHED)).count(),
        }
    });
    Stability {
        preferences: Basis::of(scorer),
        blocking_pairs: rows.iter().map(|row| row.count).sum(),
        mentees_blocking: rows.iter().filter(|row| row.count > 0).count(),
        listed,
        ranks,
        beyond,
        picks,
    }
}

/// How many of `ranked` are 1, 2, … [`RANKS`] (with their shares of
/// `total`), and how many are greater.
fn rank_counts(ranked: &[usize], total: usize) -> (Vec<RankCount>, usize) {
    let share = |n: usize| {
        if total == 0 {
            0.0
        } else {
            (n as f64 / total as f64 * 1e4).round() / 1e4
        }
    };
    let counts = (1..=RANKS)
        .map(|rank| {
            let mentees = ranked.iter().filter(|&&r| r == rank).count();
            RankCount {
                rank,
                mentees,
                share: share(mentees),
            }
        })
        .collect();
    (counts, ranked.iter().filter(|&&r| r > RANKS).count())
}
