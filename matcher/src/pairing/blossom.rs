//! Edmonds' weighted blossom algorithm (primal-dual, integer duals) on a
//! [`Graph`]: a maximum-cost matching with the duals that prove it.
//!
//! Units: a vertex's dual is kept doubled (`2·y_v`) and a blossom's as is
//! (`z_B`), so every edge satisfies `2·y_i + 2·y_j + 2·Σ z_B ≥ 2·c_ij` and its
//! *slack* between different top-level blossoms is `2y_i + 2y_j − 2c_ij`.
//! All vertices start at `2y = max c`; a dual step of `δ` lowers the S
//! vertices' doubled duals by `δ`, raises the T vertices', and moves the
//! top-level S (T) blossoms' `z` up (down) by `δ`. Every number stays an
//! integer: slacks between S vertices are even.
//!
//! The search grows alternating trees from every free vertex at once. Tight
//! edges grow a tree (an unlabeled blossom becomes T and its mate S), close
//! an odd cycle into a new S-blossom, or join two trees: the path is
//! augmented, the two trees are dissolved (their vertices lose their labels,
//! their zero-dual blossoms are expanded) and the search goes on from the
//! other trees with the duals as they are, instead of starting over. The
//! least-slack edges the other trees noted may then lead to an unlabeled
//! vertex instead of an S one: they are checked, and recomputed where stale,
//! before each dual step. For the same reason nothing is noted about the
//! vertices inside a T-blossom: when it expands, the children off its tree
//! path look afresh for their least-slack edges from S vertices.
//! When no tight edge is left, the dual step is the smallest of: the free
//! vertices' dual (which then reaches zero: the matching is optimal), the
//! slack of an edge from an S vertex to an unlabeled one, half the slack of an
//! edge between two S-blossoms, and the dual of a T-blossom (which is then
//! expanded). Every noted edge the step makes tight is acted on before the
//! next step, not only the one that set it.

use super::graph::Graph;

#[cfg(test)]
mod audit;

/// No vertex, end, edge or blossom.
pub(super) const NONE: u32 = u32::MAX;

/// Not in any tree.
const FREE_LABEL: u8 = 0;
/// Outer: an even distance from its tree's root.
const S: u8 = 1;
/// Inner: an odd distance from its tree's root.
const T: u8 = 2;

/// The smallest dual step and what it makes happen.
enum Step {
    /// The free vertices' duals reach zero: optimal.
    Done,
    /// Edges become tight (from an S vertex to an unlabeled one, or between
    /// two S-blossoms): all of them are allowed and their S ends queued.
    Tighten,
    /// This T-blossom's dual reaches zero: expand it.
    Expand(u32),
}

/// The state of the algorithm. Ids `0..n` are vertices (trivial blossoms),
/// `n..2n` are blossoms, in use while their `base` is set.
pub(super) struct Blossoms<'g> {
    /// The graph.
    g: &'g Graph,
    /// Number of vertices.
    n: usize,
    /// Per vertex, the end at its mate, or [`NONE`].
    mate: Vec<u32>,
    /// Doubled duals of vertices, duals of blossoms.
    dual: Vec<i64>,
    /// Per vertex, its top-level blossom.
    top: Vec<u32>,
    /// Per blossom, the blossom it is a child of, or [`NONE`].
    parent: Vec<u32>,
    /// Per blossom, its children round the odd cycle, the base's first.
    children: Vec<Vec<u32>>,
    /// Per blossom, `links[b][i]` is the end in `children[b][i]` of the edge
    /// to `children[b][i + 1]` (cyclically).
    links: Vec<Vec<u32>>,
    /// Per blossom, its base vertex ([`NONE`] for an unused id).
    base: Vec<u32>,
    /// Per top-level blossom, its label (stale below the top level).
    label: Vec<u8>,
    /// The end, in the tree parent, of the edge a label came through.
    label_end: Vec<u32>,
    /// Per top-level S-blossom, its least-slack edge to another S-blossom;
    /// per other vertex, its least-slack edge from an S vertex.
    best_edge: Vec<u32>,
    /// Per S-blossom, its least-slack edge to each neighbouring S-blossom.
    best_list: Vec<Option<Vec<u32>>>,
    /// Per labeled top-level blossom, the root vertex of its tree.
    root: Vec<u32>,
    /// Per root vertex, the vertices labeled in its tree (with repeats and
    /// vertices that left it).
    members: Vec<Vec<u32>>,
    /// Blossom ids not in use.
    unused: Vec<u32>,
    /// Edges known to be tight since they were last scanned.
    allowed: Vec<bool>,
    /// S vertices whose edges are still to scan.
    queue: Vec<u32>,
    /// Marks of the tree walk in [`Self::scan_paths`], per blossom.
    marked: Vec<bool>,
    /// Scratch of [`Self::add_blossom`]: per blossom, the best edge to it.
    best_to: Vec<u32>,
    /// Set when a tree walk met labels that contradict each other: the
    /// search stops and [`Self::broken`] reports it instead of panicking.
    broken: bool,
    /// Whether [`Self::run`] checks every invariant before each dual step.
    #[cfg(test)]
    audit: bool,
}

impl<'g> Blossoms<'g> {
    /// Solves `g` from scratch: an optimal matching with its duals.
    pub(super) fn solve(g: &'g Graph) -> Self {
        let mut state = Self::new(g);
        state.run();
        state
    }

    /// The empty matching, every vertex's doubled dual at the largest cost.
    fn new(g: &'g Graph) -> Self {
        let n = g.n;
        let start = g.cost.iter().copied().max().unwrap_or(0).max(0);
        let mut dual = vec![start; n];
        dual.resize(2 * n, 0);
        let mut base: Vec<u32> = (0..n as u32).collect();
        base.resize(2 * n, NONE);
        Self {
            g,
            n,
            mate: vec![NONE; n],
            dual,
            top: (0..n as u32).collect(),
            parent: vec![NONE; 2 * n],
            children: vec![Vec::new(); 2 * n],
            links: vec![Vec::new(); 2 * n],
            base,
            label: vec![FREE_LABEL; 2 * n],
            label_end: vec![NONE; 2 * n],
            best_edge: vec![NONE; 2 * n],
            best_list: vec![None; 2 * n],
            root: vec![NONE; 2 * n],
            members: vec![Vec::new(); n],
            unused: (n as u32..2 * n as u32).rev().collect(),
            allowed: vec![false; g.edges()],
            queue: Vec::new(),
            marked: vec![false; 2 * n],
            best_to: vec![NONE; 2 * n],
            broken: false,
            #[cfg(test)]
            audit: false,
        }
    }

    /// Each vertex's mate, or [`NONE`].
    pub(super) fn mates(&self) -> Vec<u32> {
        self.mate
            .iter()
            .map(|&end| {
                if end == NONE {
                    NONE
                } else {
                    self.g.vertex(end)
                }
            })
            .collect()
    }

    /// Doubled vertex duals (`0..n`) and blossom duals (`n..2n`, zero for
    /// ids not in use).
    pub(super) fn duals(&self) -> &[i64] {
        &self.dual
    }

    /// Per blossom id (`0..2n`), the blossom it is a child of, or [`NONE`].
    pub(super) fn parents(&self) -> &[u32] {
        &self.parent
    }

    /// Whether blossom id `b` (`n..2n`) is in use.
    pub(super) fn in_use(&self, b: usize) -> bool {
        self.base[b] != NONE
    }

    /// Slack of edge `k` between different top-level blossoms.
    fn slack(&self, k: u32) -> i64 {
        let [a, b] = self.g.ends[k as usize];
        self.dual[a as usize] + self.dual[b as usize] - 2 * self.g.cost[k as usize]
    }

    /// Appends the vertices of blossom `b` to `out`.
    fn leaves(&self, b: u32, out: &mut Vec<u32>) {
        let from = out.len();
        out.push(b);
        let mut at = from;
        while at < out.len() {
            let x = out[at];
            if (x as usize) < self.n {
                at += 1;
            } else {
                out.swap_remove(at);
                out.extend_from_slice(&self.children[x as usize]);
            }
        }
    }

    /// The vertices of blossom `b`, in a fresh vector.
    fn leaves_of(&self, b: u32) -> Vec<u32> {
        let mut out = Vec::new();
        self.leaves(b, &mut out);
        out
    }

    /// The search: labels every free vertex S and grows the trees, augmenting
    /// wherever two meet, until the free vertices' duals reach zero.
    fn run(&mut self) {
        for v in 0..self.n as u32 {
            if self.mate[v as usize] == NONE && self.label[self.top[v as usize] as usize] == 0 {
                self.assign_label(v, S, NONE);
            }
        }
        loop {
            while let Some(v) = self.queue.pop() {
                if self.label[self.top[v as usize] as usize] != S {
                    // Its tree was dissolved since it was queued.
                    continue;
                }
                if let Some(k) = self.scan(v) {
                    if self.broken {
                        return;
                    }
                    let [a, b] = self.g.ends[k as usize];
                    let roots = [a, b].map(|x| self.root[self.top[x as usize] as usize]);
                    self.augment(k);
                    self.dissolve(roots);
                }
            }
            self.repair_best_edges();
            if !self.queue.is_empty() {
                continue;
            }
            #[cfg(test)]
            if self.audit {
                self.audit_step();
            }
            match self.step() {
                Step::Done => return,
                Step::Tighten => {}
                Step::Expand(b) => self.expand(b, false),
            }
        }
    }

    /// Unlabels the trees of `roots` after an augmentation joined them:
    /// expands their top-level blossoms of zero dual, forgets the tightness
    /// of their vertices' edges, and notes each vertex's least-slack edge
    /// from the S vertices left (queueing those whose edge is tight).
    fn dissolve(&mut self, roots: [u32; 2]) {
        let mut freed = Vec::new();
        let mut zero = Vec::new();
        for r in roots {
            for x in std::mem::take(&mut self.members[r as usize]) {
                let b = self.top[x as usize];
                if self.label[b as usize] == FREE_LABEL || self.root[b as usize] != r {
                    continue;
                }
                self.unlabel_within(b, &mut freed);
                if b as usize >= self.n && self.dual[b as usize] == 0 {
                    zero.push(b);
                }
            }
        }
        for b in zero {
            self.expand(b, true);
        }
        let g = self.g;
        for &x in &freed {
            for &end in g.neighbours(x) {
                self.allowed[(end / 2) as usize] = false;
            }
        }
        for &x in &freed {
            self.best_edge[x as usize] = self.best_from_s(x);
        }
    }

    /// Clears the labels of blossom `b` and of everything nested in it, as a
    /// new search would find them, and appends its vertices to `freed`.
    fn unlabel_within(&mut self, b: u32, freed: &mut Vec<u32>) {
        let mut stack = vec![b];
        while let Some(x) = stack.pop() {
            let xu = x as usize;
            self.label[xu] = FREE_LABEL;
            self.label_end[xu] = NONE;
            self.best_edge[xu] = NONE;
            self.best_list[xu] = None;
            if xu < self.n {
                freed.push(x);
            } else {
                stack.extend_from_slice(&self.children[xu]);
            }
        }
    }

    /// The least-slack edge from an S vertex outside `x`'s blossom to
    /// unlabeled vertex `x`; tight ones are allowed and their S ends queued
    /// (to label `x` from there).
    fn best_from_s(&mut self, x: u32) -> u32 {
        let g = self.g;
        let mut best = NONE;
        let mut best_slack = 0;
        for &end in g.neighbours(x) {
            let w = g.vertex(end);
            let tw = self.top[w as usize];
            if tw == self.top[x as usize] || self.label[tw as usize] != S {
                continue;
            }
            let k = end / 2;
            let slack = self.slack(k);
            if slack <= 0 {
                self.allowed[k as usize] = true;
                self.queue.push(w);
            } else if best == NONE || slack < best_slack {
                best = k;
                best_slack = slack;
            }
        }
        best
    }

    /// The least-slack edge from top-level S-blossom `b` to another one.
    fn best_between_s(&self, b: u32) -> u32 {
        let g = self.g;
        let mut best = NONE;
        let mut best_slack = 0;
        for x in self.leaves_of(b) {
            for &end in g.neighbours(x) {
                let tw = self.top[g.vertex(end) as usize];
                if tw == b || self.label[tw as usize] != S {
                    continue;
                }
                let slack = self.slack(end / 2);
                if best == NONE || slack < best_slack {
                    best = end / 2;
                    best_slack = slack;
                }
            }
        }
        best
    }

    /// Whether edge `k` still joins top-level blossom `b` to a top-level
    /// S-blossom other than `b` (it may not since trees were dissolved).
    fn reaches_s(&self, b: u32, k: u32) -> bool {
        let [x, y] = self.g.ends[k as usize];
        let (tx, ty) = (self.top[x as usize], self.top[y as usize]);
        let other = if tx == b { ty } else { tx };
        (tx == b || ty == b) && other != b && self.label[other as usize] == S
    }

    /// Scans the edges of S vertex `v`; stops at a tight edge to another
    /// tree, which it returns (not augmented yet).
    fn scan(&mut self, v: u32) -> Option<u32> {
        let g = self.g;
        for &end in g.neighbours(v) {
            let k = end / 2;
            let w = g.vertex(end);
            let (tv, tw) = (self.top[v as usize], self.top[w as usize]);
            if tv == tw {
                continue;
            }
            let mut slack = 0;
            if !self.allowed[k as usize] {
                slack = self.slack(k);
                if slack <= 0 {
                    self.allowed[k as usize] = true;
                }
            }
            let label_w = self.label[tw as usize];
            if self.allowed[k as usize] {
                if label_w == FREE_LABEL {
                    self.assign_label(w, T, end ^ 1);
                } else if label_w == S {
                    match self.scan_paths(v, w) {
                        Some(Some(base)) => self.add_blossom(base, k),
                        Some(None) => return Some(k),
                        None => {
                            self.broken = true;
                            return Some(k);
                        }
                    }
                }
            } else if label_w == S {
                let best = self.best_edge[tv as usize];
                if best == NONE || slack < self.slack(best) {
                    self.best_edge[tv as usize] = k;
                }
            } else if label_w == FREE_LABEL {
                let best = self.best_edge[w as usize];
                if best == NONE || slack < self.slack(best) {
                    self.best_edge[w as usize] = k;
                }
            }
        }
        None
    }

    /// Labels `w`'s top-level blossom `t`, reached through `end` (at its tree
    /// parent); a T-blossom's mate becomes S.
    fn assign_label(&mut self, w: u32, t: u8, end: u32) {
        let b = self.top[w as usize];
        for x in [w, b] {
            self.label[x as usize] = t;
            self.label_end[x as usize] = end;
            self.best_edge[x as usize] = NONE;
        }
        let root = if end == NONE {
            self.base[b as usize]
        } else {
            self.root[self.top[self.g.vertex(end) as usize] as usize]
        };
        self.root[b as usize] = root;
        let mut members = std::mem::take(&mut self.members[root as usize]);
        let from = members.len();
        self.leaves(b, &mut members);
        if t == S {
            self.queue.extend_from_slice(&members[from..]);
        }
        self.members[root as usize] = members;
        if t == T {
            let mate = self.mate[self.base[b as usize] as usize];
            self.assign_label(self.g.vertex(mate), S, mate ^ 1);
        }
    }

    /// Walks up the trees of S vertices `v` and `w`: the base of the new
    /// blossom where the walks meet, or `None` when the trees differ (an
    /// augmenting path).
    ///
    /// `None` when a tree's labels are broken (a T-blossom without the end it
    /// was reached through).
    fn scan_paths(&mut self, v: u32, w: u32) -> Option<Option<u32>> {
        let mut path = Vec::new();
        let mut found = Some(None);
        let (mut v, mut w) = (v, w);
        while v != NONE || w != NONE {
            let b = self.top[v as usize];
            if self.marked[b as usize] {
                found = Some(Some(self.base[b as usize]));
                break;
            }
            self.marked[b as usize] = true;
            path.push(b);
            v = if self.label_end[b as usize] == NONE {
                NONE
            } else {
                let t = self.top[self.g.vertex(self.label_end[b as usize]) as usize];
                match self.label_end[t as usize] {
                    NONE => {
                        found = None;
                        break;
                    }
                    end => self.g.vertex(end),
                }
            };
            if w != NONE {
                std::mem::swap(&mut v, &mut w);
            }
        }
        for b in path {
            self.marked[b as usize] = false;
        }
        found
    }

    /// Whether the search stopped on labels that contradict each other (a
    /// bug): the matching and duals it left prove nothing.
    pub(super) fn broken(&self) -> bool {
        self.broken
    }

    /// Makes a new S-blossom of the cycle that edge `k` closes through the
    /// tree, with base vertex `base`.
    fn add_blossom(&mut self, base: u32, k: u32) {
        let [mut v, mut w] = self.g.ends[k as usize];
        let bb = self.top[base as usize];
        let (mut bv, mut bw) = (self.top[v as usize], self.top[w as usize]);
        let b = self.unused.pop().expect("at most n/2 blossoms are in use");
        self.base[b as usize] = base;
        self.parent[b as usize] = NONE;
        self.parent[bb as usize] = b;
        let mut kids = Vec::new();
        let mut links = Vec::new();
        while bv != bb {
            self.parent[bv as usize] = b;
            kids.push(bv);
            links.push(self.label_end[bv as usize]);
            v = self.g.vertex(self.label_end[bv as usize]);
            bv = self.top[v as usize];
        }
        kids.push(bb);
        kids.reverse();
        links.reverse();
        links.push(2 * k);
        while bw != bb {
            self.parent[bw as usize] = b;
            kids.push(bw);
            links.push(self.label_end[bw as usize] ^ 1);
            w = self.g.vertex(self.label_end[bw as usize]);
            bw = self.top[w as usize];
        }
        self.children[b as usize] = kids;
        self.links[b as usize] = links;
        self.label[b as usize] = S;
        self.label_end[b as usize] = self.label_end[bb as usize];
        self.root[b as usize] = self.root[bb as usize];
        self.dual[b as usize] = 0;
        for x in self.leaves_of(b) {
            if self.label[self.top[x as usize] as usize] == T {
                // A T vertex becomes S: its edges are to scan.
                self.queue.push(x);
            }
            self.top[x as usize] = b;
        }
        self.merge_best_edges(b);
    }

    /// The new blossom `b`'s least-slack edges to the other S-blossoms, from
    /// its children's lists (or all their edges).
    fn merge_best_edges(&mut self, b: u32) {
        let g = self.g;
        let mut touched = Vec::new();
        let kids = std::mem::take(&mut self.children[b as usize]);
        for &kid in &kids {
            let candidates = match self.best_list[kid as usize].take() {
                Some(list) => list,
                None => {
                    let mut edges = Vec::new();
                    for x in self.leaves_of(kid) {
                        edges.extend(g.neighbours(x).iter().map(|&end| end / 2));
                    }
                    edges
                }
            };
            for k in candidates {
                let [x, y] = g.ends[k as usize];
                let outside = if self.top[y as usize] == b { x } else { y };
                let to = self.top[outside as usize];
                if to == b || self.label[to as usize] != S {
                    continue;
                }
                let best = self.best_to[to as usize];
                if best == NONE {
                    touched.push(to);
                    self.best_to[to as usize] = k;
                } else if self.slack(k) < self.slack(best) {
                    self.best_to[to as usize] = k;
                }
            }
            self.best_edge[kid as usize] = NONE;
        }
        self.children[b as usize] = kids;
        let list: Vec<u32> = touched
            .iter()
            .map(|&to| std::mem::replace(&mut self.best_to[to as usize], NONE))
            .collect();
        let mut best = NONE;
        for &k in &list {
            if best == NONE || self.slack(k) < self.slack(best) {
                best = k;
            }
        }
        self.best_edge[b as usize] = best;
        self.best_list[b as usize] = Some(list);
    }

    /// Dissolves blossom `b` into its children. Mid-stage (a T-blossom whose
    /// dual reached zero) the children on the even side of the cycle keep
    /// the tree alternating; at the end of a stage nested zero-dual
    /// blossoms are expanded too.
    fn expand(&mut self, b: u32, end_of_stage: bool) {
        let bu = b as usize;
        let kids = std::mem::take(&mut self.children[bu]);
        for &s in &kids {
            self.parent[s as usize] = NONE;
            if (s as usize) < self.n {
                self.top[s as usize] = s;
            } else if end_of_stage && self.dual[s as usize] == 0 {
                self.expand(s, end_of_stage);
            } else {
                for x in self.leaves_of(s) {
                    self.top[x as usize] = s;
                }
            }
        }
        self.children[bu] = kids;
        if !end_of_stage && self.label[bu] == T {
            self.relabel_expanded(b);
        }
        self.label[bu] = FREE_LABEL;
        self.label_end[bu] = NONE;
        self.children[bu].clear();
        self.links[bu].clear();
        self.base[bu] = NONE;
        self.best_list[bu] = None;
        self.best_edge[bu] = NONE;
        self.dual[bu] = 0;
        self.unused.push(b);
    }

    /// Relabels the children of expanded T-blossom `b`: the even-length path
    /// from the child it was entered through to its base alternates T and S;
    /// the other children are unlabeled, their vertices' least-slack edges
    /// from S vertices noted anew (and the S ends of tight ones queued, to
    /// label them T from there). Nothing is kept from while they lay in the
    /// T-blossom: the S vertices that reached them then may have left their
    /// trees since, when an augmentation dissolved them.
    fn relabel_expanded(&mut self, b: u32) {
        let g = self.g;
        let bu = b as usize;
        let len = self.children[bu].len() as isize;
        let at = |j: isize| j.rem_euclid(len) as usize;
        let entry = self.top[g.vertex(self.label_end[bu] ^ 1) as usize];
        let mut j = self.children[bu]
            .iter()
            .position(|&c| c == entry)
            .expect("the entry child is a child") as isize;
        let (step, trick): (isize, u32) = if j & 1 == 1 {
            j -= len;
            (1, 0)
        } else {
            (-1, 1)
        };
        let mut end = self.label_end[bu];
        while j != 0 {
            let link = self.links[bu][at(j - trick as isize)];
            self.assign_label(g.vertex(end ^ 1), T, end);
            self.allowed[(link / 2) as usize] = true;
            j += step;
            end = self.links[bu][at(j - trick as isize)] ^ trick;
            self.allowed[(end / 2) as usize] = true;
            j += step;
        }
        let bv = self.children[bu][at(j)];
        let entered = g.vertex(end ^ 1);
        self.label[entered as usize] = T;
        self.label[bv as usize] = T;
        self.label_end[entered as usize] = end;
        self.label_end[bv as usize] = end;
        self.best_edge[bv as usize] = NONE;
        self.root[bv as usize] = self.root[bu];
        j += step;
        while self.children[bu][at(j)] != entry {
            for x in self.leaves_of(self.children[bu][at(j)]) {
                self.best_edge[x as usize] = self.best_from_s(x);
            }
            j += step;
        }
    }

    /// Rematches blossom `b` so that its vertex `v` becomes its base.
    fn rotate(&mut self, b: u32, v: u32) {
        let g = self.g;
        let bu = b as usize;
        let mut t = v;
        while self.parent[t as usize] != b {
            t = self.parent[t as usize];
        }
        if t as usize >= self.n {
            self.rotate(t, v);
        }
        let len = self.children[bu].len() as isize;
        let at = |j: isize| j.rem_euclid(len) as usize;
        let i = self.children[bu]
            .iter()
            .position(|&c| c == t)
            .expect("t is a child");
        let mut j = i as isize;
        let (step, trick): (isize, u32) = if j & 1 == 1 {
            j -= len;
            (1, 0)
        } else {
            (-1, 1)
        };
        while j != 0 {
            j += step;
            let t = self.children[bu][at(j)];
            let end = self.links[bu][at(j - trick as isize)] ^ trick;
            if t as usize >= self.n {
                self.rotate(t, g.vertex(end));
            }
            j += step;
            let t = self.children[bu][at(j)];
            if t as usize >= self.n {
                self.rotate(t, g.vertex(end ^ 1));
            }
            self.mate[g.vertex(end) as usize] = end ^ 1;
            self.mate[g.vertex(end ^ 1) as usize] = end;
        }
        self.children[bu].rotate_left(i);
        self.links[bu].rotate_left(i);
        self.base[bu] = self.base[self.children[bu][0] as usize];
        debug_assert_eq!(self.base[bu], v);
    }

    /// Augments along the path through tight edge `k` between two trees:
    /// from each end up to its root.
    fn augment(&mut self, k: u32) {
        let g = self.g;
        let [v, w] = g.ends[k as usize];
        for (start, first_end) in [(v, 2 * k + 1), (w, 2 * k)] {
            let (mut s, mut end) = (start, first_end);
            loop {
                let bs = self.top[s as usize];
                if bs as usize >= self.n {
                    self.rotate(bs, s);
                }
                self.mate[s as usize] = end;
                if self.label_end[bs as usize] == NONE {
                    break;
                }
                let t = g.vertex(self.label_end[bs as usize]);
                let bt = self.top[t as usize];
                let up = self.label_end[bt as usize];
                s = g.vertex(up);
                let j = g.vertex(up ^ 1);
                if bt as usize >= self.n {
                    self.rotate(bt, j);
                }
                self.mate[j as usize] = up;
                end = up ^ 1;
            }
        }
    }

    /// Replaces the least-slack edges that no longer lead to an S-blossom
    /// (their tree was dissolved) by the current ones: of unlabeled vertices
    /// (which may queue S vertices, where an edge is tight) and of S-blossoms.
    fn repair_best_edges(&mut self) {
        for v in 0..self.n {
            let (e, t) = (self.best_edge[v], self.top[v]);
            if e != NONE && self.label[t as usize] == FREE_LABEL && !self.reaches_s(t, e) {
                self.best_edge[v] = self.best_from_s(v as u32);
            }
        }
        for b in 0..2 * self.n {
            let e = self.best_edge[b];
            if e != NONE
                && self.parent[b] == NONE
                && self.in_use(b)
                && self.label[b] == S
                && !self.reaches_s(b as u32, e)
            {
                self.best_edge[b] = self.best_between_s(b as u32);
            }
        }
    }

    /// The smallest dual step the labels allow, applied to the duals; every
    /// noted edge it makes tight is allowed and its S end queued, so that
    /// all of them are acted on before the next step (roster weights tie a
    /// lot: many edges tighten at once).
    fn step(&mut self) -> Step {
        let n = self.n;
        let mut least = Least::new(self.dual[..n].iter().copied().min().unwrap_or(0));
        for v in 0..n {
            let e = self.best_edge[v];
            if e == NONE {
                continue;
            }
            match self.label[self.top[v] as usize] {
                FREE_LABEL => least.offer(self.slack(e), e),
                S if self.top[v] as usize == v => least.offer(self.slack(e) / 2, e),
                _ => {}
            }
        }
        for b in n..2 * n {
            if !self.in_use(b) || self.parent[b] != NONE {
                continue;
            }
            let e = self.best_edge[b];
            match self.label[b] {
                S if e != NONE => least.offer(self.slack(e) / 2, e),
                T if self.dual[b] < least.delta => {
                    least.beaten(self.dual[b]);
                    least.expand = b as u32;
                }
                _ => {}
            }
        }
        let delta = least.delta;
        for v in 0..n {
            match self.label[self.top[v] as usize] {
                S => self.dual[v] -= delta,
                T => self.dual[v] += delta,
                _ => {}
            }
        }
        for b in n..2 * n {
            if self.in_use(b) && self.parent[b] == NONE {
                match self.label[b] {
                    S => self.dual[b] += delta,
                    T => self.dual[b] -= delta,
                    _ => {}
                }
            }
        }
        if least.bounded {
            return Step::Done;
        }
        for e in least.edges {
            self.allowed[e as usize] = true;
            let [a, b] = self.g.ends[e as usize];
            self.queue
                .push(if self.label[self.top[a as usize] as usize] == S {
                    a
                } else {
                    b
                });
        }
        if least.expand == NONE {
            Step::Tighten
        } else {
            Step::Expand(least.expand)
        }
    }
}

/// The smallest dual step found so far, with the noted edges that reach it.
struct Least {
    /// The step.
    delta: i64,
    /// Whether it is still the free vertices' dual (ties go to it: the
    /// search is then done).
    bounded: bool,
    /// The T-blossom whose dual it is, or [`NONE`].
    expand: u32,
    /// The noted edges whose slack (halved between S-blossoms) is `delta`.
    edges: Vec<u32>,
}

impl Least {
    /// At most `bound`, the free vertices' dual, which no edge reaches yet.
    fn new(bound: i64) -> Self {
        Self {
            delta: bound,
            bounded: true,
            expand: NONE,
            edges: Vec::new(),
        }
    }

    /// Notes edge `e`, which becomes tight after a step of `d`.
    fn offer(&mut self, d: i64, e: u32) {
        if d < self.delta {
            self.beaten(d);
        }
        if d == self.delta {
            self.edges.push(e);
        }
    }

    /// Lowers the step to `d`: the edges and T-blossom noted so far need
    /// more.
    fn beaten(&mut self, d: i64) {
        self.delta = d;
        self.bounded = false;
        self.expand = NONE;
        self.edges.clear();
    }
}
