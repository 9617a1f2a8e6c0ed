//! The interface between the shortest-path searches and the cells they
//! reach: each engine brings its own [`Frontier`].

use super::cost::Cost;

/// The Dijkstra state of one search over the columns: which cells exist and in
/// which order columns are settled.
pub(super) trait Frontier {
    /// Forgets the previous search.
    fn restart(&mut self);

    /// Offers every allowed cell `(row, j)` of a column not settled yet, at
    /// distance `offset + c_row,j - v_j`; `spare` is each column's free capacity.
    /// A full column reached no nearer than a free one may be left out: the
    /// search ends at the free one before it would settle it.
    fn relax(&mut self, row: usize, offset: Cost, potentials: &[Cost], spare: &[u32]);

    /// The reached, unsettled column of least distance, if any; on ties, one
    /// with spare capacity (where the search ends) before a full one, then the
    /// lowest index. It stays unsettled until [`settle`](Self::settle).
    fn nearest(&mut self) -> Option<usize>;

    /// Whether the searches have used up their budget and should stop (the
    /// sparse engine's safeguard, see [`Candidates::spent`]); never for the
    /// dense engine.
    ///
    /// [`Candidates::spent`]: super::candidates::Candidates::spent
    fn spent(&self) -> bool {
        false
    }

    /// Settles `col`, which [`nearest`](Self::nearest) has just returned.
    fn settle(&mut self, col: usize);

    /// Tentative distance of a reached column.
    fn distance(&self, col: usize) -> Cost;

    /// The row a reached column was last reached from, and that cell's weight.
    fn reached_from(&self, col: usize) -> (usize, f64);
}
