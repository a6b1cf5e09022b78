//! Time on the large shapes of `tests/common/shapes.rs` (issue 8): `cargo bench --bench bounded`.
//!
//! Each shape is generated, then checked through the whole pipeline (read, parse, rules, catalog
//! pass with config previews, as the CLI does) `ECPLINT_BENCH_RUNS` times (default 3); the fastest
//! run is printed with the input's size. The target: every shape under 2 s natively.

#[path = "../tests/common/mod.rs"]
mod common;

use common::shapes;
use ecplint::input::Source;
use ecplint::{check, Options};
use std::time::{Duration, Instant};

fn main() {
    let runs: usize = std::env::var("ECPLINT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("mapping of 300,000 keys", shapes::wide_values(300_000)),
        ("list of 100,000 maps", shapes::long_list(100_000)),
        ("scalar of 4 MiB", shapes::long_scalar(4 << 20)),
        ("block nesting 2,000 deep", shapes::deep_block(2_000)),
        ("50 charts of alias bombs", shapes::alias_bomb_charts(50)),
        ("200 charts in one archive", shapes::many_charts(200)),
    ];
    println!("{:<28} {:>12} {:>10}", "shape", "archive", "fastest");
    for (name, data) in cases {
        let size = data.len();
        let best = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let sources = vec![Source::Archive {
                    name: "shape.tgz".into(),
                    data: data.clone(),
                }];
                std::hint::black_box(check(sources, &Options::default()));
                started.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO);
        println!(
            "{name:<28} {:>9} KB {:>8.0} ms",
            size / 1024,
            best.as_secs_f64() * 1e3
        );
    }
}
