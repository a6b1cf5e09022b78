//! Speed over the shared corpus of real charts: `cargo bench --bench corpus`.
//!
//! Reads every `*.tgz` under `../shared/corpus/charts` into memory first, then times a
//! `Workspace` check per chart (reading the archive, parsing its charts, the rules; what the page
//! does per archive) and prints
//! total, median, p95 and max per chart, and the five slowest. Each chart is checked
//! `ECPLINT_BENCH_RUNS` times (default 3) and its fastest run counts, which keeps scheduler noise
//! out of the figures. Issue 10 asks for at most 3× the check time of the build from before the
//! check rendered (890df01: 1.18–1.24 ms a chart on this machine); README "Speed" has the figures.
//! `ECPLINT_BENCH_ONLY=text` keeps only the archives whose path holds `text` (to profile one);
//! `ECPLINT_BENCH_LIST=1` prints every chart's time.

// The CLI's allocator (src/bin/ecplint/main.rs): these figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ecplint::input::{Limits, Source};
use ecplint::workspace::{Event, Options, Workspace};
use std::time::{Duration, Instant};

#[path = "../tests/common/corpus.rs"]
mod corpus;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let root = corpus::root();
    let paths = corpus::bench_archives(&root);
    if paths.is_empty() {
        println!(
            "corpus bench: no archives under {} — skipped",
            root.display()
        );
        return;
    }
    let runs = corpus::bench_runs();
    let charts: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            (
                corpus::name(&root, p),
                std::fs::read(p).expect("read archive"),
            )
        })
        .collect();
    let bytes: usize = charts.iter().map(|(_, d)| d.len()).sum();
    let limits = Limits::default();

    let mut times: Vec<(Duration, &str)> = Vec::with_capacity(charts.len());
    // The split of the best run: reading the archive vs checking what was read.
    let (mut load_times, mut check_times) = (Vec::new(), Vec::new());
    let (mut unreadable, mut files, mut diagnostics, mut found) = (0usize, 0usize, 0usize, 0usize);
    for (name, data) in &charts {
        let mut best = Duration::MAX;
        let mut split = (Duration::ZERO, Duration::ZERO);
        for run in 0..runs {
            let source = Source::Archive {
                name: name.clone(),
                data: data.clone(),
            };
            // As the page checks: a workspace per archive, no config previews in the report.
            let mut workspace = Workspace::new(Options {
                limits,
                config_previews: false,
                ..Options::default()
            });
            workspace.add(source);
            let t = Instant::now();
            let mut loaded = Duration::ZERO;
            let Ok(mut result) = workspace.check_with(|e| {
                if let Event::Checked { load, .. } = e {
                    loaded = load;
                }
                Ok::<(), std::convert::Infallible>(())
            });
            let elapsed = t.elapsed();
            if elapsed < best {
                best = elapsed;
                split = (loaded, elapsed - loaded);
            }
            let report = result.inputs.remove(0);
            if run == 0 {
                unreadable += usize::from(report.unreadable);
                files += report.files.len();
                diagnostics += report.diagnostics.len();
                found += report.charts.len();
            }
            std::hint::black_box(&report);
        }
        times.push((best, name.as_str()));
        load_times.push(split.0);
        check_times.push(split.1);
    }

    let total: Duration = times.iter().map(|(d, _)| *d).sum();
    let mut sorted: Vec<Duration> = times.iter().map(|(d, _)| *d).collect();
    sorted.sort();
    let pct =
        |p: f64| sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1];
    println!(
        "corpus bench: {} archives ({:.1} MiB), {} files, {} charts, {} findings, {} unreadable; best of {runs} run(s) each",
        charts.len(),
        bytes as f64 / 1048576.0,
        files,
        found,
        diagnostics,
        unreadable
    );
    println!(
        "per chart (load + check): total {:.1} ms, median {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        ms(total),
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(*sorted.last().expect("non-empty"))
    );
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[(v.len() - 1) / 2]
    };
    println!(
        "  of which load: total {:.1} ms, median {:.3} ms; check: total {:.1} ms, median {:.3} ms",
        ms(load_times.iter().sum()),
        ms(median(&mut load_times)),
        ms(check_times.iter().sum()),
        ms(median(&mut check_times))
    );
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    // `ECPLINT_BENCH_LIST=1`: every chart's time, slowest first (as the render bench's).
    if std::env::var_os("ECPLINT_BENCH_LIST").is_some() {
        for (d, name) in &times {
            println!("  {:>8.3} ms  {name}", ms(*d));
        }
    }
    println!("slowest:");
    for (d, name) in times.iter().take(5) {
        println!("  {:>8.3} ms  {name}", ms(*d));
    }
    if unreadable == charts.len() {
        println!("note: every archive was unreadable (is the archive reader in place?): figures measure nothing");
    }
}
