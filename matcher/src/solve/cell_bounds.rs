//! What the dual certificate reads about the weights: exact cells where
//! they are known, bounds on the rest.

/// What the certificate needs to know about the weights besides the flow:
/// exact cells where they are known, and bounds on the rest.
pub(super) trait CellBounds {
    /// Visits `(col, weight)` for the allowed cells of `row` in columns of
    /// positive capacity that are known exactly, and returns an upper bound on
    /// the weights of the row's other allowed cells in such columns (`-inf`
    /// when every one was visited).
    fn known_cells(&self, row: usize, visit: impl FnMut(usize, f64)) -> f64;

    /// An upper bound on the weights of `row`'s allowed cells in columns of
    /// capacity 0 (`-inf` if it has none).
    fn idle_ceiling(&self, row: usize) -> f64;

    /// A lower bound on the allowed weights in columns of positive capacity
    /// (`+inf` if there are none).
    fn lightest(&self) -> f64;

    /// An upper bound on the absolute value of every allowed weight.
    fn heaviest(&self) -> f64;
}
