//! The flow network of one relaxation, solved by successive shortest paths
//! with potentials, and the dual lower bound its potentials prove.
//!
//! Nodes: the sink first (so that ties settle it first), then the columns,
//! the rows, and the (row, group) nodes of the first distinct partition.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::cells::Pool;
use super::cost::Cost;
use super::limits::{Cursor, Limits};
use super::problem::Context;

/// The sink node.
pub(super) const SINK: usize = 0;

/// A residual network in compressed adjacency form, with node potentials.
pub(super) struct Network {
    /// Number of columns.
    cols: usize,
    /// Where each node's arcs start; one more entry than nodes.
    first: Vec<usize>,
    /// Head of each arc.
    head: Vec<usize>,
    /// The paired arc in the other direction.
    rev: Vec<usize>,
    /// Residual capacity.
    cap: Vec<u32>,
    /// Original capacity: 0 for the reverse arcs.
    capacity: Vec<u32>,
    /// Cost of each arc (a reverse arc costs minus its pair).
    cost: Vec<Cost>,
    /// Node potentials: every residual arc has `cost + p(tail) - p(head) >= 0`.
    potential: Vec<Cost>,
    /// Units each row sends (its places; 0 for rows left out).
    supply: Vec<u32>,
    /// Where each row's group nodes start in `groups`; one more than rows.
    group_first: Vec<usize>,
    /// `(group, node)` of each row's group nodes.
    groups: Vec<(usize, usize)>,
}

/// An arc before the network is laid out: tail, head, capacity, cost.
type Edge = (usize, usize, u32, Cost);

impl Network {
    /// The network of `pool` under `limits`: cells of forbidden pairs and of
    /// columns without seats are left out.
    pub(super) fn build(ctx: &Context<'_>, pool: &Pool, limits: &Limits) -> Self {
        let (rows, cols) = (ctx.rows(), ctx.cols());
        let problem = ctx.problem;
        let mut edges: Vec<Edge> = Vec::new();
        for (j, (&seats, &minimum)) in limits.seats.iter().zip(&limits.minimum).enumerate() {
            if minimum > 0 {
                edges.push((1 + j, SINK, minimum, Cost::REQUIRED_SEAT));
            }
            if seats > minimum {
                edges.push((1 + j, SINK, seats - minimum, Cost::ZERO));
            }
        }
        let partition = ctx.groups.first();
        let group_count = ctx.group_counts.first().copied().unwrap_or(0);
        let (mut stamp, mut node_of) = (vec![usize::MAX; group_count], vec![0; group_count]);
        let mut nodes = 1 + cols + rows;
        let (mut group_first, mut groups) = (vec![0], Vec::new());
        let mut supply = vec![0; rows];
        for (i, cells) in pool.rows.iter().enumerate() {
            let places = problem.places[i];
            if places > 0 {
                supply[i] = places;
                let row = 1 + cols + i;
                edges.push((row, SINK, places, Cost::ZERO));
                let mut forbidden = Cursor::new(limits.forbidden_in(i));
                for cell in cells {
                    let j = cell.col;
                    if limits.seats[j] == 0 || forbidden.holds(j, |&(_, c)| c) {
                        continue;
                    }
                    let cost = Cost::of_cell(problem.objective, cell.weight);
                    let Some(partition) = partition else {
                        edges.push((row, 1 + j, 1, cost));
                        continue;
                    };
                    let g = partition[j];
                    if stamp[g] != i {
                        stamp[g] = i;
                        node_of[g] = nodes;
                        groups.push((g, nodes));
                        edges.push((row, nodes, 1, Cost::ZERO));
                        nodes += 1;
                    }
                    edges.push((node_of[g], 1 + j, 1, cost));
                }
            }
            group_first.push(groups.len());
        }
        let mut network = Self::lay_out(nodes, &edges);
        network.cols = cols;
        network.supply = supply;
        network.group_first = group_first;
        network.groups = groups;
        network.initial_potentials(rows);
        network
    }

    /// The compressed adjacency of `edges` over `nodes` nodes, each edge with
    /// its reverse arc.
    fn lay_out(nodes: usize, edges: &[Edge]) -> Self {
        let mut first = vec![0; nodes + 1];
        for &(tail, head, _, _) in edges {
            first[tail + 1] += 1;
            first[head + 1] += 1;
        }
        for v in 0..nodes {
            first[v + 1] += first[v];
        }
        let arcs = 2 * edges.len();
        let mut next = first.clone();
        let (mut head, mut rev) = (vec![0; arcs], vec![0; arcs]);
        let (mut cap, mut capacity) = (vec![0; arcs], vec![0; arcs]);
        let mut cost = vec![Cost::ZERO; arcs];
        for &(tail, to, units, price) in edges {
            let (a, b) = (next[tail], next[to]);
            next[tail] += 1;
            next[to] += 1;
            (head[a], rev[a], cap[a], capacity[a], cost[a]) = (to, b, units, units, price);
            (head[b], rev[b], cost[b]) = (tail, a, -price);
        }
        Self {
            cols: 0,
            first,
            head,
            rev,
            cap,
            capacity,
            cost,
            potential: vec![Cost::ZERO; nodes],
            supply: Vec::new(),
            group_first: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Potentials valid for the empty flow, heads before tails (columns,
    /// then group nodes, then rows): each node's potential is the largest
    /// `p(head) - cost` over its arcs, so that the first search of a row
    /// reaches its best column at distance zero.
    fn initial_potentials(&mut self, rows: usize) {
        let row_nodes = 1 + self.cols..1 + self.cols + rows;
        let group_nodes = row_nodes.end..self.potential.len();
        for v in (1..row_nodes.start).chain(group_nodes).chain(row_nodes) {
            let arcs = self.first[v]..self.first[v + 1];
            self.potential[v] = arcs
                .filter(|&a| self.capacity[a] > 0)
                .map(|a| self.potential[self.head[a]] - self.cost[a])
                .fold(Cost::ZERO, Cost::max);
        }
    }

    /// Routes every row's units to the sink (a column's seat or the row's
    /// own unmatched arc) at least cost: from the rows when they have no more
    /// units than the columns have seats, else from the seats.
    pub(super) fn route(&mut self) {
        let units: u64 = self.supply.iter().map(|&u| u64::from(u)).sum();
        if self.seats() < units {
            self.route_from_seats();
        } else {
            self.route_from_rows();
        }
    }

    /// The columns' seats: the capacity of their arcs to the sink.
    fn seats(&self) -> u64 {
        (1..=self.cols)
            .flat_map(|v| self.first[v]..self.first[v + 1])
            .filter(|&a| self.head[a] == SINK)
            .map(|a| u64::from(self.capacity[a]))
            .sum()
    }

    /// Routes the rows' units, rows in index order, each along a shortest path
    /// to the sink.
    fn route_from_rows(&mut self) {
        let mut search = Search::new(self.potential.len());
        for (i, &supply) in self.supply.clone().iter().enumerate() {
            let source = self.row_node(i);
            let mut left = supply;
            while left > 0 && self.shortest_path(&mut search, Way::Forward(source), |v| v == SINK) {
                self.augment(&search, source, SINK, 1);
                left -= 1;
                // Once a unit stays unmatched, the rest of the row's do too.
                let last = search.pred[SINK];
                if self.head[self.rev[last]] == source {
                    self.augment(&search, source, SINK, left);
                    left = 0;
                }
            }
        }
    }

    /// Routes the rows' units when seats are scarcer: every unit starts on
    /// its row's unmatched arc and every seat is offered, then each column's
    /// seats are filled (or left empty) one at a time, columns in index
    /// order, along shortest paths searched back from the column. Over-
    /// subscribed programs end with most rows holding unmatched units, so
    /// these searches stop near their column, where searches from the rows
    /// would each have to rule out every other row's seat.
    fn route_from_seats(&mut self) {
        for i in 0..self.supply.len() {
            let row = self.row_node(i);
            if let Some(a) = (self.first[row]..self.first[row + 1]).find(|&a| self.head[a] == SINK)
            {
                self.push(a, self.supply[i]);
            }
        }
        // Valid for that flow: the sink, rows and group nodes at zero, each
        // column at its cheapest arc in; only the seats' arcs are then below
        // zero, and offering them leaves each column short of its seats.
        self.potential.fill(Cost::ZERO);
        for v in 1..=self.cols {
            let into = (self.first[v]..self.first[v + 1]).filter(|&a| self.head[a] != SINK);
            self.potential[v] = into
                .map(|a| self.potential[self.head[a]] - self.cost[a])
                .fold(Cost::ZERO, Cost::min);
        }
        let mut excess = self.saturate_negative();
        let mut search = Search::new(self.potential.len());
        for target in 0..excess.len() {
            while excess[target] < 0 {
                let way = Way::Backward(target);
                let found = self.shortest_path(&mut search, way, |w| excess[w] > 0);
                debug_assert!(found, "a seat can always be left empty");
                if !found {
                    break;
                }
                let source = search.settled[search.settled.len() - 1];
                self.augment(&search, source, target, 1);
                excess[source] -= 1;
                excess[target] += 1;
            }
        }
    }

    /// Starts from `previous`'s solution, re-solved for this network (which
    /// may hold more cells, or fewer seats and cells): its assignment, less
    /// the cells this network lacks, with its potentials (a new group node
    /// takes its row's). Every residual arc of negative reduced cost is then
    /// saturated, and the units this leaves in excess are sent back, each
    /// along a shortest path to a node short of units, so that the result is
    /// optimal again without routing every unit anew. Whether that worked:
    /// `false` when some excess found no path (a minimum that the new limits
    /// raised and these cells cannot meet), and the network is then to be
    /// routed from scratch.
    pub(super) fn restart_from(&mut self, previous: &Network) -> bool {
        let taken = previous.columns_of();
        let mut loads = vec![0; self.cols];
        for (i, taken) in taken.iter().enumerate() {
            let row = self.row_node(i);
            self.potential[row] = previous.potential[previous.row_node(i)];
            let mut units = 0;
            for a in self.first[row]..self.first[row + 1] {
                let w = self.head[a];
                if w == SINK || self.capacity[a] == 0 {
                    continue;
                }
                if w <= self.cols {
                    units += self.take_if(a, taken, &mut loads);
                    continue;
                }
                let group = self.groups_of(i).iter().find(|&&(_, n)| n == w);
                let old =
                    group.and_then(|&(g, _)| previous.groups_of(i).iter().find(|&&(h, _)| h == g));
                self.potential[w] =
                    old.map_or(self.potential[row], |&(_, n)| previous.potential[n]);
                let mut used = 0;
                for b in self.first[w]..self.first[w + 1] {
                    if self.capacity[b] > 0 {
                        used += self.take_if(b, taken, &mut loads);
                    }
                }
                if used > 0 {
                    self.push(a, 1);
                    units += 1;
                }
            }
            let unmatched = (self.first[row]..self.first[row + 1]).find(|&a| self.head[a] == SINK);
            if let Some(a) = unmatched {
                self.push(a, self.supply[i] - units);
            }
        }
        self.potential[SINK] = previous.potential[SINK];
        for (j, &load) in loads.iter().enumerate() {
            let column = Self::column_node(j);
            self.potential[column] = previous.potential[column];
            let mut left = load;
            for a in self.first[column]..self.first[column + 1] {
                if self.head[a] == SINK && self.capacity[a] > 0 {
                    let units = left.min(self.capacity[a]);
                    self.push(a, units);
                    left -= units;
                }
            }
        }
        self.restore()
    }

    /// Pushes one unit through cell arc `a` if its column is in `taken`,
    /// counting it in `loads`; how many units it pushed.
    fn take_if(&mut self, a: usize, taken: &[usize], loads: &mut [u32]) -> u32 {
        let col = self.head[a] - 1;
        if taken.binary_search(&col).is_err() {
            return 0;
        }
        loads[col] += 1;
        self.push(a, 1);
        1
    }

    /// Pushes `units` more through arc `a`.
    fn push(&mut self, a: usize, units: u32) {
        self.cap[a] -= units;
        self.cap[self.rev[a]] += units;
    }

    /// Makes every residual arc's reduced cost non-negative again: saturates
    /// the negative ones, then sends each node's excess units, one at a time
    /// and nodes in index order, along shortest paths to nodes short of units.
    /// Whether every excess found a path.
    fn restore(&mut self) -> bool {
        let mut excess = self.saturate_negative();
        let mut search = Search::new(self.potential.len());
        for v in 0..excess.len() {
            while excess[v] > 0
                && self.shortest_path(&mut search, Way::Forward(v), |w| excess[w] < 0)
            {
                let target = search.settled[search.settled.len() - 1];
                self.augment(&search, v, target, 1);
                excess[v] -= 1;
                excess[target] += 1;
            }
        }
        excess.iter().all(|&units| units == 0)
    }

    /// Saturates every residual arc of negative reduced cost; each node's
    /// units in excess (positive) or short (negative) after that.
    fn saturate_negative(&mut self) -> Vec<i64> {
        let nodes = self.potential.len();
        let mut excess = vec![0i64; nodes];
        for v in 0..nodes {
            for a in self.first[v]..self.first[v + 1] {
                let w = self.head[a];
                if self.cap[a] > 0 && self.reduced(v, w, self.cost[a]) < Cost::ZERO {
                    let units = self.cap[a];
                    self.push(a, units);
                    excess[v] -= i64::from(units);
                    excess[w] += i64::from(units);
                }
            }
        }
        excess
    }

    /// Sends `units` along the path the last search found from `source` to
    /// `target` (either way).
    fn augment(&mut self, search: &Search, source: usize, target: usize, units: u32) {
        if search.backward {
            let mut v = source;
            while v != target {
                let a = search.pred[v];
                self.push(a, units);
                v = self.head[a];
            }
            return;
        }
        let mut v = target;
        while v != source {
            let a = search.pred[v];
            self.push(a, units);
            v = self.head[self.rev[a]];
        }
    }

    /// Moves the potentials, within what the residual arcs allow, to where
    /// pricing finds fewest violators: each column's as low as its residual
    /// arcs out allow, then each group node's and row's as high as their
    /// residual arcs in allow (groups again after their rows). A cell's
    /// reduced cost `c + p(row or group) - p(column)` only rises.
    pub(super) fn tighten(&mut self) {
        let rows = self.supply.len();
        for v in 1..=self.cols {
            let out = (self.first[v]..self.first[v + 1]).filter(|&a| self.cap[a] > 0);
            let lowest = out
                .map(|a| self.potential[self.head[a]] - self.cost[a])
                .max();
            if let Some(lowest) = lowest {
                self.potential[v] = lowest;
            }
        }
        let row_nodes = 1 + self.cols..1 + self.cols + rows;
        let group_nodes = row_nodes.end..self.potential.len();
        for v in group_nodes.clone().chain(row_nodes).chain(group_nodes) {
            let arcs = self.first[v]..self.first[v + 1];
            let into = arcs.map(|a| self.rev[a]).filter(|&b| self.cap[b] > 0);
            let highest = into
                .map(|b| self.potential[self.head[self.rev[b]]] + self.cost[b])
                .min();
            if let Some(highest) = highest {
                self.potential[v] = highest;
            }
        }
    }

    /// Dijkstra over reduced costs, forward from a source along residual
    /// arcs or backward from a target against them, until it settles a node
    /// that `is_end` accepts (the last of `search.settled`); then the lazy
    /// potential update of the settled nodes. Whether it found one (routing
    /// always does while units are left).
    fn shortest_path(
        &mut self,
        search: &mut Search,
        way: Way,
        is_end: impl Fn(usize) -> bool,
    ) -> bool {
        let (start, backward) = match way {
            Way::Forward(v) => (v, false),
            Way::Backward(v) => (v, true),
        };
        search.start(start, backward);
        let mut reach = None;
        // The least distance at which an end has been reached: nodes no
        // nearer would be settled after it, so they stay off the heap.
        let mut bound = None;
        while let Some(Reverse((d, v))) = search.heap.pop() {
            if search.done[v] == search.epoch {
                continue;
            }
            search.done[v] = search.epoch;
            search.settled.push(v);
            if is_end(v) {
                reach = Some(d);
                break;
            }
            let pv = self.potential[v];
            for b in self.first[v]..self.first[v + 1] {
                let w = self.head[b];
                // The arc searched: `b` itself, or backward the arc from `w`.
                let a = if backward { self.rev[b] } else { b };
                if self.cap[a] == 0 || search.done[w] == search.epoch {
                    continue;
                }
                let nd = if backward {
                    d + self.cost[a] + self.potential[w] - pv
                } else {
                    d + self.cost[a] + pv - self.potential[w]
                };
                let end = is_end(w);
                if !end && bound.is_some_and(|b| nd >= b) {
                    continue;
                }
                if search.seen[w] != search.epoch || nd < search.dist[w] {
                    search.seen[w] = search.epoch;
                    search.dist[w] = nd;
                    search.pred[w] = a;
                    search.heap.push(Reverse((nd, w)));
                    if end {
                        bound = Some(bound.map_or(nd, |b: Cost| b.min(nd)));
                    }
                }
            }
        }
        let Some(reach) = reach else {
            return false;
        };
        for &v in &search.settled {
            self.potential[v] = if backward {
                self.potential[v] + reach - search.dist[v]
            } else {
                self.potential[v] + search.dist[v] - reach
            };
        }
        true
    }

    /// The columns each row takes, ascending.
    pub(super) fn columns_of(&self) -> Vec<Vec<usize>> {
        let rows = self.supply.len();
        (0..rows)
            .map(|i| {
                let mut taken = Vec::new();
                self.taken_from(1 + self.cols + i, &mut taken);
                crate::sorting::sort(&mut taken);
                taken
            })
            .collect()
    }

    /// Collects the columns reached by used cells from `node` (a row or a
    /// group node), through used group arcs.
    fn taken_from(&self, node: usize, taken: &mut Vec<usize>) {
        for a in self.first[node]..self.first[node + 1] {
            let w = self.head[a];
            if self.capacity[a] != 1 || self.cap[a] != 0 || w == SINK {
                continue;
            }
            if w <= self.cols {
                taken.push(w - 1);
            } else {
                self.taken_from(w, taken);
            }
        }
    }

    /// The LP dual objective of the potentials, tier by tier: a lower bound
    /// on the cost of every flow over this network, computed from the
    /// potentials and capacities alone (`Σ u·min(0, reduced cost)` over the
    /// arcs, minus the supplies' potentials, plus the sink's).
    pub(super) fn lower_bound(&self) -> [i128; 3] {
        let mut bound = [0i128; 3];
        let mut add = |times: i128, cost: Cost| {
            for (b, c) in bound.iter_mut().zip(cost.wide()) {
                *b += times * c;
            }
        };
        for v in 0..self.potential.len() {
            for a in self.first[v]..self.first[v + 1] {
                let reduced = self.reduced(v, self.head[a], self.cost[a]);
                if self.capacity[a] > 0 && reduced < Cost::ZERO {
                    add(self.capacity[a].into(), reduced);
                }
            }
        }
        let mut units = 0i128;
        for (i, &supply) in self.supply.iter().enumerate() {
            add(-i128::from(supply), self.potential[1 + self.cols + i]);
            units += i128::from(supply);
        }
        add(units, self.potential[SINK]);
        bound
    }

    /// The least reduced cost over the residual arcs (`None` without arcs):
    /// never negative once the flow is routed.
    #[cfg(test)]
    pub(super) fn least_residual_reduced_cost(&self) -> Option<Cost> {
        (0..self.potential.len())
            .flat_map(|v| (self.first[v]..self.first[v + 1]).map(move |a| (v, a)))
            .filter(|&(_, a)| self.cap[a] > 0)
            .map(|(v, a)| self.reduced(v, self.head[a], self.cost[a]))
            .min()
    }

    /// The reduced cost of an arc from `tail` to `head` of cost `cost`.
    pub(super) fn reduced(&self, tail: usize, head: usize, cost: Cost) -> Cost {
        cost + self.potential[tail] - self.potential[head]
    }

    /// The node of row `row`.
    pub(super) fn row_node(&self, row: usize) -> usize {
        1 + self.cols + row
    }

    /// The node of column `col`.
    pub(super) fn column_node(col: usize) -> usize {
        1 + col
    }

    /// The potentials of the columns, in column order.
    pub(super) fn column_potentials(&self) -> &[Cost] {
        &self.potential[1..=self.cols]
    }

    /// The potential of a node.
    pub(super) fn potential(&self, node: usize) -> Cost {
        self.potential[node]
    }

    /// `(group, node)` of the group nodes of `row`.
    pub(super) fn groups_of(&self, row: usize) -> &[(usize, usize)] {
        &self.groups[self.group_first[row]..self.group_first[row + 1]]
    }
}

/// The state of one Dijkstra search, reused across searches (`epoch` tells
/// which entries belong to the current one).
struct Search {
    /// The current search's number.
    epoch: usize,
    /// Tentative distance of each node reached.
    dist: Vec<Cost>,
    /// The arc each reached node was last reached by.
    pred: Vec<usize>,
    /// The search in which each node was last reached.
    seen: Vec<usize>,
    /// The search in which each node was last settled.
    done: Vec<usize>,
    /// Nodes settled in the current search.
    settled: Vec<usize>,
    /// Reached nodes by distance, ties to the lowest node; entries of
    /// settled nodes are stale.
    heap: BinaryHeap<Reverse<(Cost, usize)>>,
    /// Whether the current search runs backward.
    backward: bool,
}

/// Where a search starts and which way it runs.
#[derive(Clone, Copy)]
enum Way {
    /// From a node along residual arcs.
    Forward(usize),
    /// From a node against residual arcs (distances to it).
    Backward(usize),
}

impl Search {
    /// A search state for `nodes` nodes.
    fn new(nodes: usize) -> Self {
        Self {
            epoch: 0,
            dist: vec![Cost::ZERO; nodes],
            pred: vec![0; nodes],
            seen: vec![0; nodes],
            done: vec![0; nodes],
            settled: Vec::new(),
            heap: BinaryHeap::new(),
            backward: false,
        }
    }

    /// Starts a new search from `source`, backward or not.
    fn start(&mut self, source: usize, backward: bool) {
        self.epoch += 1;
        self.backward = backward;
        self.settled.clear();
        self.heap.clear();
        self.seen[source] = self.epoch;
        self.dist[source] = Cost::ZERO;
        self.heap.push(Reverse((Cost::ZERO, source)));
    }
}
