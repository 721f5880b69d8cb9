//! Stable sorting through ONE instance of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every call
//! site compiled its own ≈ 3 KB copy of the sort (drift sort, its quicksort, small
//! sorts, merges): ≈ 98 KB of the page's wasm for 33 call sites (BENCHMARKS.md).
//! Here the sort runs once, on indices, through a `dyn` comparator, and the
//! elements are then moved into place by following the permutation's cycles. The
//! result is exactly that of `slice::sort_by` (stable: equal elements keep their
//! order); the price is one indirect call per comparison, nothing next to what the
//! comparators themselves do.
//!
//! Use these instead of `sort`, `sort_by`, `sort_by_key` and their `_unstable`
//! forms in code that reaches the wasm (the CLI's own `main.rs` may use std's).

use std::cmp::Ordering;

/// `v.sort_by(cmp)`, stable.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        permutation(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    apply(v, order);
}

/// `v.sort_by_key(key)`, stable.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// `v.sort()`, stable.
pub fn ord<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The order that sorts `n` items: position `i` of the result holds the index of
/// the item that goes there. The one place the standard sort is instantiated.
fn permutation(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `v[order[i]]` to position `i` for every `i`, by swaps along each cycle
/// of the permutation (`order` is used up as the record of what is in place).
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does_keeping_ties_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        let mut want = v.clone();
        want.sort_by_key(|x| x.0);
        by_key(&mut v, |x| x.0);
        assert_eq!(v, want);
        assert_eq!(
            v,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn every_permutation_of_five_comes_out_sorted() {
        // All 120 orders of five items, two of them equal: the cycles of every
        // permutation are followed, and ties keep their order.
        let items = [(4, 0), (1, 1), (3, 2), (1, 3), (0, 4)];
        let mut perm = [0usize, 1, 2, 3, 4];
        let mut seen = 0;
        loop {
            let mut v: Vec<_> = perm.iter().map(|&i| items[i]).collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            by_key(&mut v, |x| x.0);
            assert_eq!(v, want, "from {perm:?}");
            seen += 1;
            // next permutation (lexicographic)
            let Some(i) = (0..4).rev().find(|&i| perm[i] < perm[i + 1]) else {
                break;
            };
            let j = (i + 1..5).rev().find(|&j| perm[j] > perm[i]).unwrap();
            perm.swap(i, j);
            perm[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }

    #[test]
    fn empty_and_single_are_left_alone() {
        let mut e: Vec<String> = Vec::new();
        ord(&mut e);
        assert!(e.is_empty());
        let mut one = vec!["x".to_string()];
        ord(&mut one);
        assert_eq!(one, ["x"]);
    }
}
