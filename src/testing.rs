//! Helpers shared by the unit tests of several modules.

/// Bytes that do not compress: xorshift from `seed` (not 0).
pub(crate) fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// A file of an input.
pub(crate) fn file(path: &str, data: &[u8]) -> crate::input::File {
    crate::input::File {
        path: path.to_string(),
        data: data.to_vec(),
    }
}
