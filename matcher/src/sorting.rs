//! Sorting off the hot paths through one shared instantiation of the standard
//! sort.
//!
//! Every element type and comparator given to `slice::sort*` compiles to its
//! own copy of the sort, about 4 KB each in the WebAssembly module. Reports,
//! diagnostics and roster preparation sort short lists, so they sort
//! positions instead, through one comparator behind a reference, and then move
//! the items into place. The solver's inner loops keep the standard sorts.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their input order.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` by the key `key` gives, keeping equal keys in input order.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, keeping equal items in input order.
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one instantiation: positions by `compare`, ties by position.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
}

/// Rearranges `items` so that position `k` holds the item that was at
/// `order[k]`, by swaps along the permutation's cycles.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut target = vec![0; order.len()];
    for (to, &from) in order.iter().enumerate() {
        target[from] = to;
    }
    for i in 0..items.len() {
        while target[i] != i {
            let j = target[i];
            items.swap(i, j);
            target.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn agrees_with_the_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut std = items;
            std.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_strings_in_natural_order() {
        let mut names = ["pear", "apple", "fig", "apple"].map(String::from);
        sort(&mut names);
        assert_eq!(names, ["apple", "apple", "fig", "pear"]);
    }
}
