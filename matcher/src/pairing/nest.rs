//! The blossoms of a solved matching as a laminar family: which blossoms
//! hold both ends of a pair, and their duals.

use super::blossom::{Blossoms, NONE};

/// A blossom of the final matching with its dual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairBlossom {
    /// Its vertices, ascending (an odd number, at least three).
    pub members: Vec<usize>,
    /// Its dual `z_B ≥ 0`, in cost units.
    pub dual: i64,
}

/// The nesting of the final blossoms: ids `0..n` are vertices, `n..2n`
/// blossoms, each with the blossom it lies in.
pub(super) struct Nest {
    /// Number of vertices.
    n: usize,
    /// Per id, the blossom it is a child of, or [`NONE`].
    parent: Vec<u32>,
    /// Doubled vertex duals, then blossom duals.
    dual: Vec<i64>,
    /// Per vertex, its top-level blossom (itself when in none).
    top: Vec<u32>,
}

impl Nest {
    /// The nesting of `state`'s blossoms.
    pub(super) fn new(state: &Blossoms<'_>, n: usize) -> Self {
        let parent = state.parents().to_vec();
        let top = (0..n as u32)
            .map(|v| {
                let mut x = v;
                while parent[x as usize] != NONE {
                    x = parent[x as usize];
                }
                x
            })
            .collect();
        Self {
            n,
            parent,
            dual: state.duals().to_vec(),
            top,
        }
    }

    /// The doubled vertex duals.
    pub(super) fn vertex_duals(&self) -> &[i64] {
        &self.dual[..self.n]
    }

    /// `Σ z_B` over the blossoms that contain both `i` and `j`: zero unless
    /// they share a top-level blossom; otherwise the duals from their lowest
    /// common blossom up to the top.
    pub(super) fn common_dual(&self, i: usize, j: usize) -> i64 {
        if self.top[i] != self.top[j] || (self.top[i] as usize) < self.n {
            return 0;
        }
        let mut above_i = Vec::new();
        let mut x = self.parent[i];
        while x != NONE {
            above_i.push(x);
            x = self.parent[x as usize];
        }
        let mut x = self.parent[j];
        while !above_i.contains(&x) {
            x = self.parent[x as usize];
        }
        let mut sum = 0;
        while x != NONE {
            sum += self.dual[x as usize];
            x = self.parent[x as usize];
        }
        sum
    }

    /// Every blossom with its members and dual, by id.
    pub(super) fn blossoms(&self) -> Vec<PairBlossom> {
        let mut members = vec![Vec::new(); self.n];
        for v in 0..self.n {
            let mut x = self.parent[v];
            while x != NONE {
                members[x as usize - self.n].push(v);
                x = self.parent[x as usize];
            }
        }
        members
            .into_iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .map(|(b, members)| PairBlossom {
                members,
                dual: self.dual[self.n + b],
            })
            .collect()
    }
}
