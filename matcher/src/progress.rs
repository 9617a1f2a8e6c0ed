//! Progress reporting for long runs; the core never draws anything itself.

/// A stage of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Scoring every pair; counted in mentees.
    Scoring,
    /// Solving the assignment; not counted.
    Solving,
}

/// Receives progress from a run (the CLI draws a progress bar from it).
pub trait Progress: Sync {
    /// A stage starts; `total` units of work follow (0 when not counted).
    fn start(&self, stage: Stage, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
}

/// Ignores progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: Stage, _: u64) {}
    fn advance(&self, _: u64) {}
}
