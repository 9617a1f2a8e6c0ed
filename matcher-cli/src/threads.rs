//! The CLI's worker pool: its threads pinned one per core.
//!
//! Placement is the CLI's choice, not the library's: the library runs on
//! whatever rayon pool its caller gives it.
//!
//! A solve alternates serial phases (row reduction, shortest paths) with
//! parallel ones (the candidate scan, pricing), each a few milliseconds on
//! small problems. When a busy thread wakes an idle worker, Linux may queue
//! the worker behind it on the same core instead of on the idle one: on the
//! 2-vCPU machine of `BENCHMARKS.md` that wake-up took medians of 1.5–2.9 ms
//! (up to 3.8 ms), about as long as a whole parallel phase, so the second
//! core mostly sat idle. A worker pinned to its own core is woken there, in
//! 34–46 µs. Pinning is done where the platform supports it (Linux) and
//! skipped elsewhere; results never depend on it.

use rayon::ThreadPoolBuilder;

/// A pool of `threads` workers (0: rayon's default, one per core), each
/// pinned to one of the cores the process may run on, in turn.
pub fn pool_builder(threads: usize) -> ThreadPoolBuilder {
    let builder = ThreadPoolBuilder::new().num_threads(threads);
    match pinning::cores() {
        Some(cores) if !cores.is_empty() => {
            builder.start_handler(move |worker| pinning::pin(&cores[worker % cores.len()]))
        }
        _ => builder,
    }
}

#[cfg(target_os = "linux")]
mod pinning {
    pub(super) use core_affinity::CoreId as Core;

    /// The cores the process may run on, if the platform tells.
    pub(super) fn cores() -> Option<Vec<Core>> {
        core_affinity::get_core_ids()
    }

    /// Pins the calling thread to `core` (best effort: a refusal leaves it
    /// free to move).
    pub(super) fn pin(core: &Core) {
        core_affinity::set_for_current(*core);
    }
}

#[cfg(not(target_os = "linux"))]
mod pinning {
    /// No core can be named on this platform.
    pub(super) enum Core {}

    pub(super) fn cores() -> Option<Vec<Core>> {
        None
    }

    pub(super) fn pin(core: &Core) {
        match *core {}
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::pool_builder;
    use std::collections::BTreeSet;

    #[test]
    fn each_worker_runs_on_its_own_core_while_there_are_cores_enough() {
        let cores = core_affinity::get_core_ids().expect("Linux names its cores");
        for threads in [1, 2, 3] {
            let pool = pool_builder(threads).build().expect("a pool");
            // A pinned thread sees only its own core.
            let seen = pool.broadcast(|_| core_affinity::get_core_ids().unwrap_or_default());
            assert_eq!(seen.len(), threads);
            assert!(seen.iter().all(|own| own.len() == 1), "{seen:?}");
            let distinct: BTreeSet<usize> = seen.iter().map(|own| own[0].id).collect();
            assert_eq!(distinct.len(), threads.min(cores.len()), "{seen:?}");
        }
    }
}
