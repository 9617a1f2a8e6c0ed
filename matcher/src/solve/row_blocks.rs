//! Block maxima of a row: one pass that vectorises takes the maximum of
//! every block of [`BLOCK`] weights (and screens the row for bad weights),
//! and a lower bound on the row's `k`th best weight follows from them, so
//! that a row scan opens only the few blocks that can hold its best cells.

use super::column_picks::BLOCK;
use super::problem::is_allowed;

/// Sets a bit in `open` for each block whose maximum in `maxima` reaches
/// `threshold` or its floor in `floors`, 64 blocks to a word.
pub(super) fn open_blocks(maxima: &[f64], floors: &[f64], threshold: f64, open: &mut Vec<u64>) {
    open.clear();
    open.extend(
        maxima
            .chunks(64)
            .zip(floors.chunks(64))
            .map(|(tops, floors)| {
                let mut bits = 0u64;
                for (l, (&top, &floor)) in tops.iter().zip(floors).enumerate() {
                    let low = if floor < threshold { floor } else { threshold };
                    bits |= u64::from(top >= low) << l;
                }
                bits
            }),
    );
}

/// What [`survey`] finds in a row.
pub(super) struct Survey {
    /// The least weight, `-inf` included.
    pub(super) lowest: f64,
    /// Whether the row may hold a NaN or `+inf` (it does, or its sum
    /// overflowed).
    pub(super) suspect: bool,
}

/// Fills `maxima` with the maximum of each full block of [`BLOCK`] weights
/// (NaN aside), and takes the row's least weight and a screen for bad
/// weights, in one pass that vectorises: a NaN or `+inf` anywhere makes the
/// row's sum NaN or `+inf`.
pub(super) fn survey(weights: &[f64], maxima: &mut Vec<f64>) -> Survey {
    let top = |a: f64, b: f64| if a > b { a } else { b };
    let mut low = [f64::INFINITY; BLOCK];
    let mut sum = [0.0; BLOCK];
    let blocks = weights.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    maxima.clear();
    maxima.resize(blocks.len(), f64::NEG_INFINITY);
    for (block, maximum) in blocks.zip(maxima.iter_mut()) {
        let mut half = [f64::NEG_INFINITY; BLOCK / 2];
        for l in 0..BLOCK {
            let w = block[l];
            low[l] = if w < low[l] { w } else { low[l] };
            sum[l] += w;
            half[l % (BLOCK / 2)] = top(half[l % (BLOCK / 2)], w);
        }
        *maximum = top(top(half[0], half[2]), top(half[1], half[3]));
    }
    for &w in tail {
        low[0] = low[0].min(w);
        sum[0] += w;
    }
    let sum = sum.iter().sum::<f64>();
    Survey {
        lowest: low.iter().fold(f64::INFINITY, |m, &w| m.min(w)),
        suspect: sum.is_nan() || sum == f64::INFINITY,
    }
}

/// A row needs this many block maxima per listed cell for
/// [`kth_block_maximum`] to pay.
const BLOCKS_PER_CELL: usize = 4;

/// A lower bound on the `k`th best weight of a row whose blocks have the
/// given `maxima`: the `k`th best maximum over groups of blocks, which are
/// weights of `k` different cells. Groups are as long as the row allows with
/// [`BLOCKS_PER_CELL`] groups per listed cell: the best cells seldom share
/// one, so the bound is close and the scan starts with its threshold almost
/// where it ends, and the selection stays short. `-inf` for short rows;
/// `keys` is scratch space.
pub(super) fn kth_block_maximum(maxima: &[f64], k: usize, keys: &mut Vec<u64>) -> f64 {
    let needed = BLOCKS_PER_CELL * k;
    if k == 0 || maxima.len() < needed {
        return f64::NEG_INFINITY;
    }
    let group = (maxima.len() / needed).min(MAX_GROUP);
    keys.clear();
    keys.extend(maxima.chunks(group).map(|blocks| {
        // Block maxima are never NaN.
        let top = blocks
            .iter()
            .fold(f64::NEG_INFINITY, |m, &w| if w > m { w } else { m });
        descending_key(top)
    }));
    let (_, kth, _) = keys.select_nth_unstable(k - 1);
    from_descending_key(*kth)
}

/// The most blocks [`kth_block_maximum`] takes together.
const MAX_GROUP: usize = 8;

/// An integer key that orders weights from the highest down (in
/// [`f64::total_cmp`]'s order), so that selecting among maxima compares
/// integers.
pub(super) fn descending_key(w: f64) -> u64 {
    let bits = w.to_bits();
    let ascending = match bits >> 63 {
        1 => !bits,
        _ => bits | 1 << 63,
    };
    !ascending
}

/// The weight whose [`descending_key`] is `key`.
fn from_descending_key(key: u64) -> f64 {
    let ascending = !key;
    f64::from_bits(match ascending >> 63 {
        1 => ascending & !(1 << 63),
        _ => !ascending,
    })
}

/// The least allowed weight (`+inf` if none), in independent lanes so that
/// the loop vectorises.
pub(super) fn lowest_allowed(weights: &[f64]) -> f64 {
    let mut lanes = [f64::INFINITY; BLOCK];
    let chunks = weights.chunks_exact(BLOCK);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (low, &w) in lanes.iter_mut().zip(chunk) {
            let w = if is_allowed(w) { w } else { f64::INFINITY };
            *low = if w < *low { w } else { *low };
        }
    }
    for &w in rest.iter().filter(|&&w| is_allowed(w)) {
        lanes[0] = lanes[0].min(w);
    }
    lanes.iter().fold(f64::INFINITY, |low, &w| low.min(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descending_keys_order_weights_from_the_highest_and_round_trip() {
        let weights = [
            f64::INFINITY,
            1e300,
            61.46,
            1.0,
            f64::MIN_POSITIVE / 2.0,
            0.0,
            -0.0,
            -1.0,
            -1e300,
            f64::NEG_INFINITY,
        ];
        let keys: Vec<u64> = weights.iter().map(|&w| descending_key(w)).collect();
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "{keys:?}");
        for &w in &weights {
            assert_eq!(
                from_descending_key(descending_key(w)).to_bits(),
                w.to_bits()
            );
        }
    }
}
