//! The rows each column holds.

/// The rows each column holds, in the order [`Vec`]s would keep them (with
/// [`swap_remove`](Self::swap_remove) as [`Vec::swap_remove`]): the first
/// inline and any more in a vector of the column's own, so that columns of
/// capacity 1, the common case, never allocate.
#[derive(Debug, Clone)]
pub(super) struct Members {
    /// Each column's first member, [`NONE`] if it holds none.
    first: Vec<usize>,
    /// Each column's members after the first.
    more: Vec<Vec<usize>>,
}

/// No row.
const NONE: usize = usize::MAX;

impl Members {
    /// `cols` columns holding no rows.
    pub(super) fn new(cols: usize) -> Self {
        Self {
            first: vec![NONE; cols],
            more: vec![Vec::new(); cols],
        }
    }

    /// How many rows column `j` holds.
    #[inline]
    pub(super) fn len(&self, j: usize) -> usize {
        match self.first[j] {
            NONE => 0,
            _ => 1 + self.more[j].len(),
        }
    }

    /// The `k`th member of column `j`.
    #[inline]
    pub(super) fn get(&self, j: usize, k: usize) -> usize {
        match k {
            0 => self.first[j],
            _ => self.more[j][k - 1],
        }
    }

    /// The members of column `j`, in order.
    pub(super) fn iter(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        let first = Some(self.first[j]).filter(|&row| row != NONE);
        first.into_iter().chain(self.more[j].iter().copied())
    }

    /// Adds `row` after the members of column `j`.
    #[inline]
    pub(super) fn push(&mut self, j: usize, row: usize) {
        match self.first[j] {
            NONE => self.first[j] = row,
            _ => self.more[j].push(row),
        }
    }

    /// Takes the `at`th member out of column `j`, the last one taking its
    /// place; returns it.
    pub(super) fn swap_remove(&mut self, j: usize, at: usize) -> usize {
        match at {
            0 => {
                let row = self.first[j];
                self.first[j] = self.more[j].pop().unwrap_or(NONE);
                row
            }
            _ => self.more[j].swap_remove(at - 1),
        }
    }

    /// Where `row` is among the members of column `j`.
    pub(super) fn position(&self, j: usize, row: usize) -> Option<usize> {
        self.iter(j).position(|member| member == row)
    }
}

#[cfg(test)]
mod tests {
    use super::Members;
    use proptest::prelude::*;

    proptest! {
        /// Pushes and removals keep the members in the order vectors would.
        #[test]
        fn members_keep_the_order_vectors_would(
            steps in prop::collection::vec((0usize..3, any::<bool>(), 0usize..8), 0..200),
        ) {
            let mut members = Members::new(3);
            let mut vectors: Vec<Vec<usize>> = vec![Vec::new(); 3];
            for (row, (j, push, at)) in steps.into_iter().enumerate() {
                if push || vectors[j].is_empty() {
                    members.push(j, row);
                    vectors[j].push(row);
                } else {
                    let at = at % vectors[j].len();
                    prop_assert_eq!(members.swap_remove(j, at), vectors[j].swap_remove(at));
                }
                for (col, vector) in vectors.iter().enumerate() {
                    prop_assert_eq!(members.len(col), vector.len());
                    prop_assert_eq!(members.iter(col).collect::<Vec<_>>(), vector.clone());
                    for (k, &row) in vector.iter().enumerate() {
                        prop_assert_eq!(members.get(col, k), row);
                        prop_assert_eq!(members.position(col, row), Some(k));
                    }
                }
            }
        }
    }
}
