//! "Did you mean" suggestions, for every layer that names something the user may have mistyped.

/// The known word nearest to `word` (Levenshtein distance ≤ 1/3 of its length, at least 2),
/// for "did you mean" suggestions.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let budget = (word.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| {
            (
                strsim::levenshtein(&word.to_lowercase(), &k.to_lowercase()),
                *k,
            )
        })
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
