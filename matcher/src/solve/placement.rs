//! Where every row sits: the seats left, the rows each column holds, the
//! assignment and the column potentials. The searches, row reduction and the
//! refill read this state and change it only through [`Placement`]'s methods.

use super::cost::Cost;
use super::flow::Flow;
use super::members::Members;

/// The primal–dual state of a solve, kept between the rounds of the sparse
/// engine.
pub(super) struct Placement {
    /// Capacity still free in each column.
    spare: Vec<u32>,
    /// Rows held by each column.
    members: Members,
    /// The assignment and the column potentials.
    flow: Flow,
}

impl Placement {
    /// No row placed among `rows` rows, with column `potentials` (one per
    /// entry of `capacities`).
    pub(super) fn new(rows: usize, capacities: &[u32], potentials: Vec<Cost>) -> Self {
        Placement {
            spare: capacities.to_vec(),
            members: Members::new(capacities.len()),
            flow: Flow {
                assignment: vec![None; rows],
                weights: vec![0.0; rows],
                potentials,
            },
        }
    }

    /// The assignment and the column potentials.
    #[inline]
    pub(super) fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The assignment and the column potentials, for good.
    pub(super) fn into_flow(self) -> Flow {
        self.flow
    }

    /// Capacity still free in each column.
    #[inline]
    pub(super) fn spare(&self) -> &[u32] {
        &self.spare
    }

    /// Rows held by each column.
    #[inline]
    pub(super) fn members(&self) -> &Members {
        &self.members
    }

    /// The capacity of column `j`.
    #[inline]
    pub(super) fn capacity(&self, j: usize) -> usize {
        self.spare[j] as usize + self.members.len(j)
    }

    /// Sets the potential of column `j`.
    #[inline]
    pub(super) fn set_potential(&mut self, j: usize, potential: Cost) {
        self.flow.potentials[j] = potential;
    }

    /// Puts the unplaced `row` into column `j`, which has room, at weight `w`.
    pub(super) fn take(&mut self, row: usize, j: usize, w: f64) {
        self.spare[j] -= 1;
        self.members.push(j, row);
        self.flow.assignment[row] = Some(j);
        self.flow.weights[row] = w;
    }

    /// Takes `row` out of its column, if it has one.
    pub(super) fn unplace(&mut self, row: usize) {
        let Some(j) = self.flow.assignment[row].take() else {
            return;
        };
        self.flow.weights[row] = 0.0;
        self.remove_member(j, row);
        self.spare[j] += 1;
    }

    /// Takes the `at`th member out of the full column `j`; returns that row.
    pub(super) fn evict(&mut self, j: usize, at: usize) -> usize {
        let row = self.members.swap_remove(j, at);
        self.spare[j] += 1;
        self.flow.assignment[row] = None;
        self.flow.weights[row] = 0.0;
        row
    }

    /// Flips an augmenting path back to the unplaced `row` that entered it.
    /// The path ends in column `end`, which has room, or at the unmatched
    /// sink (`None`); `last` is the row that moves there and its weight
    /// there (`0.0` at the sink), and `reached_from` gives, for each column
    /// on the path, the row that moves into it and that cell's weight.
    pub(super) fn augment(
        &mut self,
        row: usize,
        end: Option<usize>,
        last: (usize, f64),
        reached_from: impl Fn(usize) -> (usize, f64),
    ) {
        if let Some(j) = end {
            self.spare[j] -= 1;
        }
        let (mut target, (mut mover, mut weight)) = (end, last);
        loop {
            let left = std::mem::replace(&mut self.flow.assignment[mover], target);
            self.flow.weights[mover] = weight;
            if let Some(j) = target {
                self.members.push(j, mover);
            }
            if mover == row {
                break;
            }
            let Some(j) = left else {
                unreachable!("only the entering row is reached without a column")
            };
            self.remove_member(j, mover);
            target = Some(j);
            (mover, weight) = reached_from(j);
        }
    }

    /// Drops `row` from the members of column `j` (its seat count unchanged).
    fn remove_member(&mut self, j: usize, row: usize) {
        let at = self.members.position(j, row);
        let at = at.expect("a placed row is among its column's members");
        self.members.swap_remove(j, at);
    }
}
