//! The shared corpus of real charts (`../shared/corpus`, or `ECPLINT_CORPUS`): its archives, for
//! the corpus test and the benches.

use std::path::{Path, PathBuf};

/// Where the corpus' chart archives are: `$ECPLINT_CORPUS/charts`, else `../shared/corpus/charts`.
pub fn root() -> PathBuf {
    match std::env::var_os("ECPLINT_CORPUS") {
        Some(dir) => PathBuf::from(dir).join("charts"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/charts"),
    }
}

/// Every `*.tgz` under `root`, sorted.
pub fn archives(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "tgz") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The archives a bench runs: [`archives`], only those whose path holds `ECPLINT_BENCH_ONLY`
/// when it is set (to time or profile a few).
#[allow(dead_code)]
pub fn bench_archives(root: &Path) -> Vec<PathBuf> {
    let mut paths = archives(root);
    if let Ok(only) = std::env::var("ECPLINT_BENCH_ONLY") {
        paths.retain(|p| p.to_string_lossy().contains(&only));
    }
    paths
}

/// An archive's name as the benches print it: its path under `root`.
#[allow(dead_code)] // the benches' (the corpus test names archives its own way)
pub fn name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// How many times a bench runs each archive (the fastest counts): `ECPLINT_BENCH_RUNS`, default 3.
#[allow(dead_code)]
pub fn bench_runs() -> usize {
    std::env::var("ECPLINT_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1)
}
