//! Who gets which mentor: the locked pairs kept, and everyone else matched
//! under the configured goal.
//!
//! Each goal but `stable` is a strategy over the same exact solve
//! ([`exact`]): `coverage`
//! and `total` solve once; `fair` ([`fair`]) searches for the highest floor on
//! the matched scores, one exact solve per step; `stable` ([`stable`]) runs
//! deferred acceptance and no exact solve. With `[preferences]
//! mode = "rank"`, [`rank`] solves stage by stage for the most first picks,
//! then second picks, … before the goal's own weights.

mod exact;
mod fair;
mod peers;
mod rank;
mod shaped;
mod shaped_rank;
mod stable;

use crate::choices::PickMode;
use crate::config::{Config, Goal};
use crate::error::Error;
use crate::progress::{Progress, Silent};
use crate::rounds::Resolved;
use crate::score::Scorer;
use crate::solve::{Objective, Solution};

pub(crate) use exact::assign_above;

/// An optimal assignment of every mentee: the locked pairs plus an exact
/// solve for the others.
pub(crate) struct Assignment {
    /// Per mentee, its mentor (its first, when mentees want several).
    pub mentor_of: Vec<Option<usize>>,
    /// Per mentee, its further mentors, in roster order, when mentees want
    /// several; empty in a one-mentor program.
    pub more: Vec<Vec<usize>>,
    /// The solve over the mentees that are not locked.
    pub solution: Solution,
    /// The sum of the locked pairs' scores, in hundredths.
    pub locked_total: u64,
    /// How many exact solves it took.
    pub solves: usize,
}

/// Keeps the locked pairs and solves for everyone else, for the configured goal.
pub(crate) fn assign(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    if scorer.mentors().peers {
        return peers::assign(scorer, rounds, config, progress);
    }
    dispatch(scorer, rounds, config, progress)
}

/// [`assign`] for a program whose two rosters are different people.
fn dispatch(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Assignment, Error> {
    match config.solver.objective {
        _ if shaped::is_shaped(scorer, config) => shaped::assign(scorer, rounds, config, progress),
        _ if config.preferences.mode == PickMode::Rank => {
            rank::assign(scorer, rounds, config, progress)
        }
        Goal::Fair => fair::assign(scorer, rounds, config, progress),
        Goal::Stable => stable::assign(scorer, rounds, progress),
        goal => assign_above(scorer, rounds, config, goal.solver(), 0, progress),
    }
}

impl Assignment {
    /// Mentee `e`'s mentors: none, one, or several in a program where
    /// mentees want several.
    pub(crate) fn mentors(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        let more = self.more.get(e).map_or(&[][..], Vec::as_slice);
        self.mentor_of[e].into_iter().chain(more.iter().copied())
    }

    /// Every pair made, as (mentee, mentor), mentees in input order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.mentor_of.len()).flat_map(move |e| self.mentors(e).map(move |m| (e, m)))
    }
}

/// The exact coverage optimum of the program (the price of stability's
/// reference): by the shapes solver for a shaped program.
pub(crate) fn coverage_optimum(
    scorer: &Scorer,
    rounds: &Resolved,
    config: &Config,
) -> Result<Assignment, Error> {
    if shaped::is_shaped(scorer, config) {
        return shaped::coverage(scorer, rounds, config);
    }
    assign_above(scorer, rounds, config, Objective::Coverage, 0, &Silent)
}

/// Whether this build can run threads: WebAssembly without atomics (the
/// single-threaded package) cannot, so it leaves thread pools out.
pub(crate) const THREADS: bool =
    !cfg!(all(target_arch = "wasm32", not(target_feature = "atomics")));

/// `f(scratch, i)` for every `i` in `0..n`, in order, on rayon's pool (each
/// worker with its own `init()` scratch), or in a plain loop where the build
/// has no threads.
pub(crate) fn par_map<S, T: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize) -> T + Sync + Send,
) -> Vec<T> {
    if !THREADS {
        let mut scratch = init();
        return (0..n).map(|i| f(&mut scratch, i)).collect();
    }
    use rayon::prelude::*;
    (0..n).into_par_iter().map_init(init, f).collect()
}

/// `f(scratch, i, row)` for every row `i` of `data` (rows of `width`
/// items), on rayon's pool (each worker with its own `init()` scratch), or
/// in a plain loop where the build has no threads.
pub(crate) fn par_fill_rows<T: Send, S>(
    data: &mut [T],
    width: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize, &mut [T]) + Sync + Send,
) {
    if width == 0 {
        return;
    }
    if !THREADS {
        let mut scratch = init();
        for (i, row) in data.chunks_mut(width).enumerate() {
            f(&mut scratch, i, row);
        }
        return;
    }
    use rayon::prelude::*;
    data.par_chunks_mut(width)
        .enumerate()
        .for_each_init(init, |scratch, (i, row)| f(scratch, i, row));
}

/// Runs `f` on a pool of `threads` workers, or on rayon's global pool for
/// `None` (the caller's pool: a program embedding the library chooses how its
/// threads are placed); on the calling thread where there can be no threads
/// ([`THREADS`]).
pub(crate) fn in_pool<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> Result<T, Error> {
    match threads {
        None => Ok(f()),
        Some(_) if !THREADS => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| Error::Threads {
                threads: n,
                message: e.to_string(),
            }),
    }
}
