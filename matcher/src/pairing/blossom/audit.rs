//! Test-only invariants of [`Blossoms`], checked between the search's steps:
//! the blossom structure, the matching, the duals, the tree labels and the
//! least-slack edges the next dual step relies on.

use super::{Blossoms, FREE_LABEL, NONE, S, T};

impl Blossoms<'_> {
    /// Solves `g` from scratch, checking every invariant before each dual
    /// step and at the end; panics with the first one broken.
    pub(in crate::pairing) fn solve_audited(g: &'_ super::Graph) -> Blossoms<'_> {
        let mut state = Blossoms::new(g);
        state.audit = true;
        state.run();
        if let Err(why) = state.check_final() {
            panic!("final state: {why}");
        }
        state
    }

    /// Panics with the first broken invariant (between steps of an audited
    /// search).
    pub(super) fn audit_step(&self) {
        if let Err(why) = self.check() {
            panic!("before a dual step: {why}");
        }
    }

    /// Whether `x` (vertex or blossom) lies within blossom `b` (or is it).
    fn within(&self, mut x: u32, b: u32) -> bool {
        loop {
            if x == b {
                return true;
            }
            if self.parent[x as usize] == NONE {
                return false;
            }
            x = self.parent[x as usize];
        }
    }

    /// `Σ z_B` over the blossoms that hold both ends of edge `k`.
    fn shared_dual(&self, k: u32) -> i64 {
        let [a, b] = self.g.ends[k as usize];
        let mut sum = 0;
        let mut x = self.parent[a as usize];
        while x != NONE {
            if self.within(b, x) {
                sum += self.dual[x as usize];
            }
            x = self.parent[x as usize];
        }
        sum
    }

    /// The reduced cost of edge `k`, blossom duals included.
    fn reduced(&self, k: u32) -> i64 {
        self.slack(k) + 2 * self.shared_dual(k)
    }

    /// Every invariant that holds between the search's steps.
    fn check(&self) -> Result<(), String> {
        self.check_structure()?;
        self.check_matching()?;
        self.check_duals()?;
        self.check_labels()?;
        self.check_best_edges()
    }

    /// The invariants of a finished search: its structure, matching and
    /// duals, and the complementary slackness that proves it optimal.
    fn check_final(&self) -> Result<(), String> {
        self.check_structure()?;
        self.check_matching()?;
        self.check_duals()?;
        for v in 0..self.n {
            if self.mate[v] == NONE && self.dual[v] != 0 {
                return Err(format!("free vertex {v} has dual {}", self.dual[v]));
            }
        }
        for b in self.n..2 * self.n {
            if self.in_use(b) && self.dual[b] > 0 {
                let leaves = self.leaves_of(b as u32);
                let outside = leaves
                    .iter()
                    .filter(|&&v| {
                        let m = self.mate[v as usize];
                        m == NONE || !self.within(self.g.vertex(m), b as u32)
                    })
                    .count();
                if outside != 1 {
                    return Err(format!("blossom {b} of positive dual is not full"));
                }
            }
        }
        Ok(())
    }

    /// Blossoms: odd cycles of their children joined by tight links that
    /// alternate unmatched and matched from the base; `parent` and `top`
    /// agree.
    fn check_structure(&self) -> Result<(), String> {
        let g = self.g;
        for v in 0..self.n as u32 {
            let mut x = v;
            while self.parent[x as usize] != NONE {
                x = self.parent[x as usize];
            }
            if self.top[v as usize] != x {
                return Err(format!("top of {v} is {}, not {x}", self.top[v as usize]));
            }
        }
        for b in self.n..2 * self.n {
            let kids = &self.children[b];
            if !self.in_use(b) {
                if self.parent[b] != NONE || !kids.is_empty() {
                    return Err(format!("unused blossom {b} is linked"));
                }
                continue;
            }
            let len = kids.len();
            if len < 3 || len % 2 == 0 || self.links[b].len() != len {
                return Err(format!("blossom {b} has {len} children"));
            }
            if self.base[b] != self.base[kids[0] as usize] {
                return Err(format!("blossom {b}'s base is not its first child's"));
            }
            for (i, &kid) in kids.iter().enumerate() {
                if self.parent[kid as usize] != b as u32 {
                    return Err(format!("child {kid} of {b} has another parent"));
                }
                let end = self.links[b][i];
                let next = kids[(i + 1) % len];
                if !self.within(g.vertex(end), kid) || !self.within(g.vertex(end ^ 1), next) {
                    return Err(format!("link {i} of blossom {b} misses its children"));
                }
                let matched = self.mate[g.vertex(end) as usize] == end ^ 1;
                if matched != (i % 2 == 1) {
                    return Err(format!("link {i} of blossom {b} breaks the alternation"));
                }
                if self.reduced(end / 2) != 0 {
                    return Err(format!("link {i} of blossom {b} is not tight"));
                }
            }
        }
        Ok(())
    }

    /// The matching is symmetric, and a blossom's base is its only vertex
    /// matched outside it (or free).
    fn check_matching(&self) -> Result<(), String> {
        let g = self.g;
        for v in 0..self.n as u32 {
            let end = self.mate[v as usize];
            if end == NONE {
                continue;
            }
            let w = g.vertex(end);
            if g.vertex(end ^ 1) != v || self.mate[w as usize] != end ^ 1 {
                return Err(format!("mate of {v} is not symmetric"));
            }
            let b = self.top[v as usize];
            if self.top[w as usize] != b && self.base[b as usize] != v {
                return Err(format!(
                    "{v} is matched out of blossom {b} but not its base"
                ));
            }
        }
        Ok(())
    }

    /// Duals are non-negative, every edge's reduced cost too, and matched
    /// edges are tight.
    fn check_duals(&self) -> Result<(), String> {
        if let Some(v) = (0..self.n).find(|&v| self.dual[v] < 0) {
            return Err(format!("vertex {v} has a negative dual"));
        }
        if let Some(b) = (self.n..2 * self.n).find(|&b| self.in_use(b) && self.dual[b] < 0) {
            return Err(format!("blossom {b} has a negative dual"));
        }
        for k in 0..self.g.edges() as u32 {
            let [a, b] = self.g.ends[k as usize];
            let reduced = self.reduced(k);
            if reduced < 0 {
                return Err(format!("edge {k} ({a}, {b}) has reduced cost {reduced}"));
            }
            if self.mate[a as usize] == 2 * k + 1 && reduced != 0 {
                return Err(format!("matched edge {k} ({a}, {b}) is not tight"));
            }
        }
        Ok(())
    }

    /// Every top-level blossom is unlabeled (matched to another unlabeled
    /// one), or lies in an alternating tree: a T-blossom is reached by a
    /// tight edge from an S-blossom of its tree and its base's mate is S in
    /// that tree; an S-blossom is the tree's root (its base free) or entered
    /// through its base's mate from a T-blossom; walking up ends at the root.
    fn check_labels(&self) -> Result<(), String> {
        let g = self.g;
        let tops = (0..2 * self.n).filter(|&b| self.parent[b] == NONE && self.in_use(b));
        for b in tops {
            let (label, end) = (self.label[b], self.label_end[b]);
            let mate = self.mate[self.base[b] as usize];
            let other = (mate != NONE).then(|| self.top[g.vertex(mate) as usize] as usize);
            match label {
                FREE_LABEL => {
                    if other.is_none_or(|o| self.label[o] != FREE_LABEL) {
                        return Err(format!("unlabeled {b} is free or matched into a tree"));
                    }
                }
                S if end == NONE => {
                    if mate != NONE || self.root[b] != self.base[b] {
                        return Err(format!("S root {b} is matched or has another root"));
                    }
                }
                S | T => {
                    let parent = self.top[g.vertex(end) as usize] as usize;
                    let (want, parent_label) = if label == S { (mate, T) } else { (end, S) };
                    if end != want || self.label[parent] != parent_label {
                        return Err(format!("{b} labeled {label} through a wrong edge"));
                    }
                    if self.root[parent] != self.root[b] {
                        return Err(format!("{b} and its tree parent have different roots"));
                    }
                    if label == T && self.slack(end / 2) != 0 {
                        return Err(format!("T-blossom {b} is reached by a loose edge"));
                    }
                    if label == T && other.is_none_or(|o| self.label[o] != S) {
                        return Err(format!("T-blossom {b}'s mate is not S"));
                    }
                }
                _ => return Err(format!("{b} has label {label}")),
            }
        }
        for v in 0..self.n {
            let b = self.top[v] as usize;
            if self.mate[v] == NONE && (self.label[b] != S || self.label_end[b] != NONE) {
                return Err(format!("free vertex {v} is not an S root"));
            }
        }
        Ok(())
    }

    /// Each unlabeled vertex notes its least-slack edge from an S vertex, and
    /// the S-blossoms' noted edges include the least-slack edge between two
    /// of them: the next dual step is the largest one that keeps every edge
    /// feasible.
    fn check_best_edges(&self) -> Result<(), String> {
        let g = self.g;
        let mut least_between_s = i64::MAX;
        let mut least_from = vec![i64::MAX; self.n];
        for k in 0..g.edges() as u32 {
            let [a, b] = g.ends[k as usize];
            let (ta, tb) = (self.top[a as usize], self.top[b as usize]);
            if ta == tb {
                continue;
            }
            let (la, lb) = (self.label[ta as usize], self.label[tb as usize]);
            let slack = self.slack(k);
            if la == S && lb == S {
                least_between_s = least_between_s.min(slack);
            }
            for (s, x, lx) in [(la, b, lb), (lb, a, la)] {
                if s == S && lx == FREE_LABEL {
                    least_from[x as usize] = least_from[x as usize].min(slack);
                }
            }
        }
        for (x, &least) in least_from.iter().enumerate() {
            let e = self.best_edge[x];
            let noted = if e != NONE && self.reaches_s(self.top[x], e) {
                self.slack(e)
            } else {
                i64::MAX
            };
            let [a, b] = if e == NONE {
                [0, 0]
            } else {
                g.ends[e as usize]
            };
            if least != i64::MAX && (noted != least || (a as usize != x && b as usize != x)) {
                return Err(format!("unlabeled {x} notes slack {noted}, not {least}"));
            }
        }
        let noted_between_s = (0..2 * self.n)
            .filter(|&b| self.parent[b] == NONE && self.in_use(b) && self.label[b] == S)
            .filter(|&b| self.best_edge[b] != NONE && self.reaches_s(b as u32, self.best_edge[b]))
            .map(|b| self.slack(self.best_edge[b]))
            .min()
            .unwrap_or(i64::MAX);
        if noted_between_s != least_between_s {
            return Err(format!(
                "S-blossoms note slack {noted_between_s}, not {least_between_s}"
            ));
        }
        Ok(())
    }
}
