//! Where the solver reads weights from: a dense matrix, or a function scored on
//! the fly so that large problems never hold an `rows × cols` matrix.

/// Pair weights to maximise, read by row. `f64::NEG_INFINITY` marks a forbidden
/// pair; every other weight must be finite.
///
/// Reads may come from several threads at once and in any order; a source must
/// return the same weight for a pair every time it is asked.
pub trait WeightSource: Sync {
    /// Number of rows (mentees).
    fn rows(&self) -> usize;

    /// Number of columns (mentors).
    fn cols(&self) -> usize;

    /// The weight of one pair.
    fn weight(&self, row: usize, col: usize) -> f64;

    /// All `cols()` weights of `row`: either a borrowed slice, or `scratch`
    /// filled in. The default asks [`weight`](Self::weight) for each column.
    fn row<'s>(&'s self, row: usize, scratch: &'s mut Vec<f64>) -> &'s [f64] {
        scratch.clear();
        scratch.extend((0..self.cols()).map(|col| self.weight(row, col)));
        scratch
    }
}

/// A borrowed source reads as the source itself. The engines are reached
/// through `&dyn WeightSource` (see `solve::sparse_engine`): one
/// instantiation of the sparse engine serves every source.
impl<W: WeightSource + ?Sized> WeightSource for &W {
    fn rows(&self) -> usize {
        (**self).rows()
    }

    fn cols(&self) -> usize {
        (**self).cols()
    }

    fn weight(&self, row: usize, col: usize) -> f64 {
        (**self).weight(row, col)
    }

    fn row<'s>(&'s self, row: usize, scratch: &'s mut Vec<f64>) -> &'s [f64] {
        (**self).row(row, scratch)
    }
}

/// A dense row-major weight matrix (`weights.len() == rows * cols`).
#[derive(Debug, Clone, Copy)]
pub struct RowMajor<'a> {
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// The weights, row after row.
    pub weights: &'a [f64],
}

impl WeightSource for RowMajor<'_> {
    fn rows(&self) -> usize {
        self.rows
    }

    fn cols(&self) -> usize {
        self.cols
    }

    fn weight(&self, row: usize, col: usize) -> f64 {
        self.weights[row * self.cols + col]
    }

    fn row<'s>(&'s self, row: usize, _: &'s mut Vec<f64>) -> &'s [f64] {
        &self.weights[row * self.cols..(row + 1) * self.cols]
    }
}
