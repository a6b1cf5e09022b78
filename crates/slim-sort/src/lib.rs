//! Stable sorting through one shared instance of the standard library's sort.
//!
//! Every `slice::sort_by` call with its own element type or closure gets its own copy of the
//! standard library's driftsort (3–4 KB of wasm each): with ~30 call sites, sort code was 116 KB
//! of the page's wasm, more than the template engine's parser. Here every sort sorts a list of
//! positions with one `dyn` comparison, and the elements are then moved into place: one copy
//! of the sort for the whole program, at the price of an indirect call per comparison (the
//! lists sorted here are short: files, map keys, findings).

use std::cmp::Ordering;

/// Sort `v` stably by `compare` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_positions(&mut order, &mut |a, b| {
        compare(&v[a as usize], &v[b as usize])
    });
    permute(v, &mut order);
}

/// Sort `v` stably by the key `key` gives (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instance of the standard library's sort.
#[inline(never)]
fn sort_positions(order: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Move `v[order[k]]` to `v[k]` for every `k`, following the permutation's cycles with swaps
/// (`order` is left as the identity).
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
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

    /// A tiny deterministic generator (no dev-dependency for random numbers).
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_library_does_and_stably() {
        for (seed, n) in [(1, 0), (2, 1), (3, 2), (4, 17), (5, 100), (6, 1000)] {
            // (key, original position): equal keys must keep their order.
            let mut ours: Vec<(u64, usize)> = numbers(seed, n, 10)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut std = ours.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "seed {seed}, {n} items");
        }
    }

    #[test]
    fn sort_and_sort_by_agree_with_std() {
        let mut ours = numbers(9, 500, 1000);
        let mut std = ours.clone();
        sort(&mut ours);
        std.sort();
        assert_eq!(ours, std);
        let mut strings = vec!["b", "a", "c", "a"];
        sort_by(&mut strings, |a, b| b.cmp(a));
        assert_eq!(strings, ["c", "b", "a", "a"]);
    }
}
