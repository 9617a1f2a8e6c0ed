//! Tests of [`solve_pairs`]: a brute-force oracle, an independent check of
//! the dual certificate, the bipartite solver, thread counts, pricing.

use super::*;
use crate::solve::{self, Problem, RowMajor, WeightSource};
use proptest::prelude::*;

/// Symmetric `n × n` weights with the diagonal forbidden.
fn symmetric(n: usize, upper: impl Fn(usize, usize) -> f64) -> Vec<f64> {
    let mut w = vec![f64::NEG_INFINITY; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let x = upper(i, j);
            w[i * n + j] = x;
            w[j * n + i] = x;
        }
    }
    w
}

/// Solves the dense symmetric weights `w`.
fn solve_dense(w: &[f64], n: usize, objective: Objective) -> Result<PairSolution, PairError> {
    let source = RowMajor {
        rows: n,
        cols: n,
        weights: w,
    };
    solve_pairs(&PairProblem {
        weights: &source,
        objective,
    })
}

/// The best `(pairs, total)` over all matchings, by enumeration, ranked by
/// `objective`.
fn brute_force(w: &[f64], n: usize, objective: Objective) -> (usize, f64) {
    /// Best over the matchings of the vertices not yet `used`, from `at` on.
    fn best(
        w: &[f64],
        n: usize,
        used: &mut [bool],
        at: usize,
        objective: Objective,
    ) -> (usize, f64) {
        let Some(i) = (at..n).find(|&i| !used[i]) else {
            return (0, 0.0);
        };
        used[i] = true;
        let mut top = best(w, n, used, i + 1, objective);
        for j in i + 1..n {
            if used[j] || w[i * n + j] == f64::NEG_INFINITY {
                continue;
            }
            used[j] = true;
            let (p, t) = best(w, n, used, i + 1, objective);
            used[j] = false;
            let candidate = (p + 1, t + w[i * n + j]);
            let better = match objective {
                Objective::Coverage => (candidate.0, candidate.1) > (top.0, top.1),
                Objective::Total => (candidate.1, candidate.0) > (top.1, top.0),
            };
            if better {
                top = candidate;
            }
        }
        used[i] = false;
        top
    }
    best(w, n, &mut vec![false; n], 0, objective)
}

/// Checks `s` against `w` without trusting the solver: a symmetric matching
/// on allowed pairs whose count and total add up, and duals that are
/// feasible on every allowed pair (blossom sums included), complementary
/// to the matching and equal to it in objective.
fn check_certificate(w: &[f64], n: usize, s: &PairSolution) {
    assert_eq!(s.mate.len(), n);
    let mut pairs = 0;
    let mut total = 0.0;
    for (i, &m) in s.mate.iter().enumerate() {
        if let Some(j) = m {
            assert_ne!(i, j, "matched with itself");
            assert_eq!(s.mate[j], Some(i), "mate not symmetric");
            assert_ne!(w[i * n + j], f64::NEG_INFINITY, "forbidden pair");
            if i < j {
                pairs += 1;
                total += w[i * n + j];
            }
        }
    }
    assert_eq!(s.pairs, pairs);
    assert_eq!(s.total, total);
    let d = &s.duals;
    let cost = |i: usize, j: usize| w[i * n + j] as i64 * d.scale.weight + d.scale.bonus;
    let mut blossom_of = vec![vec![false; n]; d.blossoms.len()];
    for (b, blossom) in d.blossoms.iter().enumerate() {
        assert!(blossom.dual >= 0);
        assert!(blossom.members.len() >= 3 && blossom.members.len() % 2 == 1);
        for &v in &blossom.members {
            blossom_of[b][v] = true;
        }
        if blossom.dual > 0 {
            let inside = blossom
                .members
                .iter()
                .filter(|&&v| s.mate[v].is_some_and(|m| blossom_of[b][m]))
                .count();
            assert_eq!(inside, blossom.members.len() - 1, "blossom not full");
        }
    }
    assert!(d.vertex.iter().all(|&y| y >= 0));
    for i in 0..n {
        if s.mate[i].is_none() {
            assert_eq!(d.vertex[i], 0, "free vertex with a positive dual");
        }
        for j in i + 1..n {
            if w[i * n + j] == f64::NEG_INFINITY {
                continue;
            }
            let shared: i64 = (0..d.blossoms.len())
                .filter(|&b| blossom_of[b][i] && blossom_of[b][j])
                .map(|b| d.blossoms[b].dual)
                .sum();
            let reduced = d.vertex[i] + d.vertex[j] + 2 * shared - 2 * cost(i, j);
            if s.mate[i] == Some(j) {
                assert_eq!(reduced, 0, "matched pair ({i}, {j}) not tight");
            } else {
                assert!(reduced >= 0 || cost(i, j) <= 0, "pair ({i}, {j}) violated");
            }
        }
    }
    let doubled_dual: i64 = d.vertex.iter().sum::<i64>()
        + d.blossoms
            .iter()
            .map(|b| b.dual * (b.members.len() as i64 - 1))
            .sum::<i64>();
    let doubled_primal: i64 = (0..n)
        .filter_map(|i| s.mate[i].filter(|&j| i < j).map(|j| 2 * cost(i, j)))
        .sum();
    assert_eq!(doubled_dual, doubled_primal, "duality gap");
    assert_eq!(s.dual_bound, s.total);
}

/// Random symmetric weights on up to `max_n` people: small integers (many
/// ties) or forbidden.
fn instance(max_n: usize) -> impl Strategy<Value = (usize, Vec<f64>)> {
    (0..=max_n).prop_flat_map(|n| {
        let cells = n * n.saturating_sub(1) / 2;
        let weight = prop_oneof![
            1 => Just(f64::NEG_INFINITY),
            4 => (0i32..8).prop_map(|w| f64::from(w * 100)),
        ];
        proptest::collection::vec(weight, cells).prop_map(move |upper| {
            // Pair (i, j), i < j, takes entry i·n − i(i+1)/2 + (j − i − 1).
            let at = |i: usize, j: usize| i * n - i * (i + 1) / 2 + (j - i - 1);
            (n, symmetric(n, |i, j| upper[at(i, j)]))
        })
    })
}

/// Heavy odd cycles (triangles, pentagons) among light or forbidden edges,
/// where blossoms must form.
fn odd_cycles() -> impl Strategy<Value = (usize, Vec<f64>)> {
    (
        5usize..=9,
        prop_oneof![Just(3usize), Just(5usize)],
        any::<u64>(),
    )
        .prop_map(|(n, cycle, seed)| {
            let w = symmetric(n, |i, j| {
                let h = (seed ^ (i * 31 + j * 7) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58;
                if j < cycle && (j == i + 1 || (i == 0 && j == cycle - 1)) {
                    f64::from(50 + (h % 5) as u32)
                } else if h % 3 == 0 {
                    f64::NEG_INFINITY
                } else {
                    (h % 20) as f64
                }
            });
            (n, w)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Same optimum as enumeration, with a valid certificate, both objectives.
    #[test]
    fn matches_brute_force((n, w) in instance(9)) {
        for objective in [Objective::Coverage, Objective::Total] {
            let s = solve_dense(&w, n, objective).expect("valid weights");
            check_certificate(&w, n, &s);
            prop_assert_eq!((s.pairs, s.total), brute_force(&w, n, objective));
        }
    }

    /// Where odd cycles are heavy, blossoms form and the certificate holds.
    #[test]
    fn odd_cycles_are_certified((n, w) in odd_cycles()) {
        for objective in [Objective::Coverage, Objective::Total] {
            let s = solve_dense(&w, n, objective).expect("valid weights");
            check_certificate(&w, n, &s);
            prop_assert_eq!((s.pairs, s.total), brute_force(&w, n, objective));
        }
    }

    /// Mentees on one side, mentors on the other, cross pairs only: the same
    /// optimum as the bipartite solver with capacities 1.
    #[test]
    fn bipartite_agrees_with_the_assignment_solver(
        rows in 1usize..12,
        cols in 1usize..12,
        seed in any::<u64>(),
    ) {
        let n = rows + cols;
        let cell = |i: usize, j: usize| {
            let h = (seed ^ (i * 1009 + j) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54;
            if h % 7 == 0 { f64::NEG_INFINITY } else { (h % 40) as f64 }
        };
        let dense: Vec<f64> = (0..rows * cols).map(|k| cell(k / cols, k % cols)).collect();
        let w = symmetric(n, |i, j| {
            if i < rows && j >= rows { cell(i, j - rows) } else { f64::NEG_INFINITY }
        });
        for objective in [Objective::Coverage, Objective::Total] {
            let ours = solve_dense(&w, n, objective).expect("valid weights");
            check_certificate(&w, n, &ours);
            let theirs = solve::solve(&Problem {
                rows,
                cols,
                weights: &dense,
                capacities: &vec![1; cols],
                objective,
            })
            .expect("valid problem");
            prop_assert_eq!((ours.pairs, ours.total), (theirs.matched, theirs.total));
        }
    }
}

/// A triangle of equal weights: one pair, and only a blossom's dual proves it
/// (vertex duals alone would sum to 15).
#[test]
fn triangle_is_proved_by_a_blossom() {
    let w = symmetric(3, |_, _| 10.0);
    let s = solve_dense(&w, 3, Objective::Total).expect("valid weights");
    check_certificate(&w, 3, &s);
    assert_eq!((s.pairs, s.total), (1, 10.0));
    assert_eq!(s.duals.vertex, [0, 0, 0]);
    let scale = s.duals.scale;
    assert_eq!(
        scale,
        Scale {
            weight: 2,
            bonus: 1
        }
    );
    assert_eq!(
        s.duals.blossoms,
        [PairBlossom {
            members: vec![0, 1, 2],
            dual: 21,
        }]
    );
}

/// Coverage takes two light pairs over one heavy one; Total the heavy one,
/// and among equal totals the matching with more pairs.
#[test]
fn objectives_rank_pairs_and_weight() {
    // 0-1 heavy; 0-2 and 1-3 light.
    let w = symmetric(4, |i, j| match (i, j) {
        (0, 1) => 100.0,
        (0, 2) | (1, 3) => 10.0,
        _ => f64::NEG_INFINITY,
    });
    let coverage = solve_dense(&w, 4, Objective::Coverage).expect("valid");
    assert_eq!(coverage.mate, [Some(2), Some(3), Some(0), Some(1)]);
    let total = solve_dense(&w, 4, Objective::Total).expect("valid");
    assert_eq!(total.mate, [Some(1), Some(0), None, None]);
    // Zero-weight pairs still count under Total when they cost nothing.
    let w = symmetric(4, |i, j| if (i, j) == (0, 1) { 5.0 } else { 0.0 });
    let total = solve_dense(&w, 4, Objective::Total).expect("valid");
    assert_eq!((total.pairs, total.total), (2, 5.0));
}

/// Malformed weights are errors, reported at the first offending pair
/// `i < j`; the lower triangle is never validated.
#[test]
fn rejects_malformed_weights() {
    let mut w = symmetric(3, |_, _| 1.0);
    w[5] = 0.5;
    assert_eq!(
        solve_dense(&w, 3, Objective::Total),
        Err(PairError::NotInteger {
            row: 1,
            col: 2,
            value: 0.5
        })
    );
    w[5] = 1.0;
    w[2] = f64::NAN;
    assert!(matches!(
        solve_dense(&w, 3, Objective::Coverage),
        Err(PairError::NonFinite { row: 0, col: 2, .. })
    ));
    w[2] = 1.0;
    w[6] = f64::INFINITY;
    assert!(solve_dense(&w, 3, Objective::Coverage).is_ok());
    let source = RowMajor {
        rows: 2,
        cols: 3,
        weights: &[0.0; 6],
    };
    let problem = PairProblem {
        weights: &source,
        objective: Objective::Total,
    };
    assert_eq!(
        solve_pairs(&problem),
        Err(PairError::NotSquare { rows: 2, cols: 3 })
    );
    let huge = symmetric(4, |_, _| 2f64.powi(60));
    assert!(matches!(
        solve_dense(&huge, 4, Objective::Coverage),
        Err(PairError::TooLarge { .. })
    ));
}

/// Random weights 0..1000 on `n` people, about one pair in twenty forbidden.
fn random_weights(n: usize, seed: u64) -> Vec<f64> {
    symmetric(n, |i, j| {
        let h = (seed ^ ((i as u64) << 32 | j as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let h = h ^ (h >> 29);
        if h % 20 == 0 {
            f64::NEG_INFINITY
        } else {
            ((h >> 8) % 1000) as f64
        }
    })
}

/// The same solution on pools of one and two threads.
#[test]
fn deterministic_across_thread_counts() {
    let n = 400;
    let w = random_weights(n, 7);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| solve_dense(&w, n, Objective::Coverage).expect("valid"))
    };
    assert_eq!(run(1), run(2));
}

/// On 2 000 people, pricing adds pairs the starting graph lacks, and the
/// result is the optimum of the complete graph.
#[test]
fn pricing_reaches_the_complete_graph_optimum() {
    let n = 2000;
    let w = random_weights(n, 11);
    let source = RowMajor {
        rows: n,
        cols: n,
        weights: &w,
    };
    for objective in [Objective::Coverage, Objective::Total] {
        let problem = PairProblem {
            weights: &source,
            objective,
        };
        let sparse = solve_with(&problem, 2).expect("valid");
        assert!(sparse.rounds > 1);
        assert!(sparse.candidate_edges < n * (n - 1) / 2);
        let complete = solve_with(&problem, n).expect("valid");
        assert_eq!(complete.rounds, 1);
        assert_eq!(
            (sparse.pairs, sparse.total),
            (complete.pairs, complete.total)
        );
        assert_eq!(sparse.dual_bound, sparse.total);
    }
}

/// Weights computed on the fly, for sizes no matrix fits.
struct Computed<F: Fn(usize, usize) -> f64 + Sync> {
    /// Number of people.
    n: usize,
    /// The weight of pair `(i, j)`, `i < j`.
    upper: F,
}

impl<F: Fn(usize, usize) -> f64 + Sync> WeightSource for Computed<F> {
    fn rows(&self) -> usize {
        self.n
    }

    fn cols(&self) -> usize {
        self.n
    }

    fn weight(&self, row: usize, col: usize) -> f64 {
        match row.cmp(&col) {
            std::cmp::Ordering::Less => (self.upper)(row, col),
            std::cmp::Ordering::Greater => (self.upper)(col, row),
            std::cmp::Ordering::Equal => f64::NEG_INFINITY,
        }
    }
}

/// A mixed hash of a pair.
fn pair_hash(i: usize, j: usize) -> u64 {
    let h = ((i as u64) << 32 | j as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (h >> 17)
}

/// Times 20 000 people (release: `cargo test --release -p matcher --lib
/// pairing::tests::speed -- --ignored --nocapture`): uniform weights 0..=10 000
/// with 5 % forbidden, and roster-like Jaccard similarities of tag sets.
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn speed() {
    let n = 20_000;
    let tags: Vec<u32> = (0..n)
        .map(|i| (0..4).fold(0u32, |m, t| m | 1 << (pair_hash(i, t + 1) % 24)))
        .collect();
    let uniform = Computed {
        n,
        upper: |i, j| {
            let h = pair_hash(i, j);
            if h % 20 == 0 {
                f64::NEG_INFINITY
            } else {
                ((h >> 8) % 10_001) as f64
            }
        },
    };
    let jaccard = Computed {
        n,
        upper: |i: usize, j: usize| {
            let (a, b) = (tags[i], tags[j]);
            let inter = f64::from((a & b).count_ones());
            let union = f64::from((a | b).count_ones());
            (10_000.0 * inter / union).round()
        },
    };
    let sources: [(&str, &dyn WeightSource); 2] = [("uniform", &uniform), ("jaccard", &jaccard)];
    for (name, source) in sources {
        for objective in [Objective::Coverage, Objective::Total] {
            let start = std::time::Instant::now();
            let s = solve_pairs(&PairProblem {
                weights: source,
                objective,
            })
            .expect("valid");
            eprintln!(
                "{name} {objective:?}: {:.2} s, {} rounds, {} candidate edges, {} pairs, total {}, bound {}",
                start.elapsed().as_secs_f64(),
                s.rounds,
                s.candidate_edges,
                s.pairs,
                s.total,
                s.dual_bound
            );
        }
    }
}

/// A random graph for the audited search, from `seed`: 4 to 63 vertices,
/// each pair an edge with a random density, costs from 1 to 4 distinct
/// values (many ties, as in rosters).
fn random_graph(seed: u64) -> Graph {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let n = 4 + (next() % 60) as usize;
    let density = 2 + next() % 62;
    let levels = 1 + next() % 4;
    let mut edges = Vec::new();
    for a in 0..n as u32 {
        for b in a + 1..n as u32 {
            if next() % 64 < density {
                edges.push((a, b, 10 + 2 * (next() % levels) as i64));
            }
        }
    }
    Graph::new(n, edges)
}

/// Dense weights holding `edges` (others forbidden) on `n` people.
fn with_edges(n: usize, edges: &[(usize, usize, i32)]) -> Vec<f64> {
    let mut w = vec![f64::NEG_INFINITY; n * n];
    for &(a, b, c) in edges {
        w[a * n + b] = f64::from(c);
        w[b * n + a] = f64::from(c);
    }
    w
}

/// The graph holding `edges` on `n` vertices, costs as they are.
fn graph_of(n: usize, edges: &[(usize, usize, i32)]) -> Graph {
    let edges = edges
        .iter()
        .map(|&(a, b, c)| (a as u32, b as u32, i64::from(c)))
        .collect();
    Graph::new(n, edges)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Between every two dual steps the blossoms, matching, duals, tree
    /// labels and least-slack edges are consistent, and the final duals
    /// prove the matching optimal.
    #[test]
    fn the_search_keeps_its_invariants(seed in any::<u64>()) {
        let graph = random_graph(seed);
        let state = blossom::Blossoms::solve_audited(&graph);
        prop_assert!(!state.broken());
    }
}

/// Shrunk from random tie-heavy graphs: an augmentation dissolved two trees
/// while a T-blossom of a third held a vertex marked as reached from one of
/// their (now unlabeled) S vertices; expanding the T-blossom labeled a child
/// through that loose edge, into a dissolved tree.
#[test]
fn expanding_after_a_dissolve_ignores_stale_reaches() {
    let edges = [
        (0, 1, 12),
        (0, 7, 12),
        (1, 2, 12),
        (2, 6, 14),
        (3, 9, 10),
        (3, 10, 10),
        (4, 7, 14),
        (4, 9, 14),
        (5, 6, 12),
        (7, 8, 10),
        (7, 9, 12),
    ];
    blossom::Blossoms::solve_audited(&graph_of(11, &edges));
    let w = with_edges(11, &edges);
    for objective in [Objective::Coverage, Objective::Total] {
        let s = solve_dense(&w, 11, objective).expect("valid weights");
        check_certificate(&w, 11, &s);
        assert_eq!((s.pairs, s.total), brute_force(&w, 11, objective));
    }
}

/// Shrunk from random tie-heavy graphs: the same stale reach led a later
/// tree walk to a root that was none, and the solve failed with
/// [`PairError::Lost`] (as on the 20 000-person roster of
/// `benches/rosters/shapes.sh`).
#[test]
fn stale_reaches_no_longer_lose_the_trees() {
    let edges = [
        (0, 22, 14),
        (1, 25, 16),
        (1, 27, 16),
        (2, 4, 16),
        (2, 11, 16),
        (2, 25, 16),
        (3, 27, 10),
        (4, 16, 16),
        (4, 17, 14),
        (5, 8, 16),
        (5, 20, 16),
        (6, 13, 16),
        (6, 30, 16),
        (7, 21, 14),
        (7, 24, 16),
        (8, 23, 16),
        (9, 11, 16),
        (9, 15, 12),
        (9, 30, 16),
        (10, 22, 16),
        (10, 26, 16),
        (10, 29, 14),
        (12, 22, 16),
        (12, 23, 16),
        (13, 27, 16),
        (14, 18, 16),
        (14, 27, 16),
        (16, 26, 16),
        (16, 30, 16),
        (18, 19, 16),
        (19, 20, 16),
        (21, 26, 10),
        (22, 24, 16),
        (22, 28, 16),
        (28, 30, 16),
    ];
    let w = with_edges(31, &edges);
    for objective in [Objective::Coverage, Objective::Total] {
        let s = solve_dense(&w, 31, objective).expect("valid weights");
        check_certificate(&w, 31, &s);
    }
    blossom::Blossoms::solve_audited(&graph_of(31, &edges));
}
