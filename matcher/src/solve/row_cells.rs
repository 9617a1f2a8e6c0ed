//! Read access to the cells of each row, shared by the auction, row
//! reduction and the candidate graph.

/// Read access to each row's cells.
pub(super) trait RowCells {
    /// `(column, weight)` of the allowed cells of `row`, ascending columns.
    fn cells(&self, row: usize) -> &[(usize, f64)];
}
