//! "Did you mean" suggestions, for every layer that names something the user may have mistyped.

/// The known word nearest to `word` (Levenshtein distance ≤ 1/3 of its length, at least 2),
/// for "did you mean" suggestions. Case is ignored.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let budget = (word.chars().count() / 3).max(2);
    let word = word.to_lowercase();
    nearest_by(&word, known, budget, |k| {
        strsim::levenshtein(&word, &k.to_lowercase())
    })
}

/// The first of `known` at the smallest `distance` from `word`, if within `max_distance`.
///
/// Comparing every name of a large input with every other would take quadratic time, so each
/// comparison is paid for from the run's work budget ([`crate::work`]): once it is spent, no
/// more suggestions are made (the findings themselves are all still reported).
pub fn nearest_by<'a>(
    word: &str,
    known: &[&'a str],
    max_distance: usize,
    distance: impl Fn(&str) -> usize,
) -> Option<&'a str> {
    let cost: u64 = known
        .iter()
        .map(|k| (word.len() as u64 + 1) * (k.len() as u64 + 1))
        .sum();
    if !crate::work::take_steps(cost) {
        return None;
    }
    known
        .iter()
        .map(|k| (distance(k), *k))
        .filter(|(d, _)| *d <= max_distance)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
