//! The sparse graph the blossom algorithm runs on: an edge list with integer
//! costs, and each vertex's incident edges.

/// An undirected graph on vertices `0..n` with integer edge costs.
///
/// Edge `k` joins `ends[k][0] < ends[k][1]`. Its two *ends* are numbered
/// `2k` (at `ends[k][0]`) and `2k + 1` (at `ends[k][1]`), so `end ^ 1` is the
/// end at the other vertex. A vertex's adjacency lists the ends at its
/// neighbours.
#[derive(Debug, Clone, Default)]
pub(super) struct Graph {
    /// Number of vertices.
    pub(super) n: usize,
    /// Both endpoints of each edge, the lower first.
    pub(super) ends: Vec<[u32; 2]>,
    /// Each edge's cost, in the units of [`super::costs::Scale`].
    pub(super) cost: Vec<i64>,
    /// `adjacency[first[v]..first[v + 1]]`: the ends at `v`'s neighbours.
    first: Vec<usize>,
    /// Remote ends, vertex after vertex.
    adjacency: Vec<u32>,
}

impl Graph {
    /// The graph on `n` vertices with the given edges, which must be sorted,
    /// without duplicates, and have `a < b < n`.
    pub(super) fn new(n: usize, edges: Vec<(u32, u32, i64)>) -> Self {
        let mut first = vec![0usize; n + 1];
        for &(a, b, _) in &edges {
            first[a as usize + 1] += 1;
            first[b as usize + 1] += 1;
        }
        for v in 0..n {
            first[v + 1] += first[v];
        }
        let mut fill = first.clone();
        let mut adjacency = vec![0u32; 2 * edges.len()];
        let mut ends = Vec::with_capacity(edges.len());
        let mut cost = Vec::with_capacity(edges.len());
        for (k, &(a, b, c)) in edges.iter().enumerate() {
            let k = k as u32;
            adjacency[fill[a as usize]] = 2 * k + 1;
            fill[a as usize] += 1;
            adjacency[fill[b as usize]] = 2 * k;
            fill[b as usize] += 1;
            ends.push([a, b]);
            cost.push(c);
        }
        Self {
            n,
            ends,
            cost,
            first,
            adjacency,
        }
    }

    /// The vertex an end lies at.
    pub(super) fn vertex(&self, end: u32) -> u32 {
        self.ends[(end / 2) as usize][(end & 1) as usize]
    }

    /// The ends at `v`'s neighbours (one per incident edge).
    pub(super) fn neighbours(&self, v: u32) -> &[u32] {
        &self.adjacency[self.first[v as usize]..self.first[v as usize + 1]]
    }

    /// Number of edges.
    pub(super) fn edges(&self) -> usize {
        self.ends.len()
    }
}
