//! Time on the large shapes of `tests/common/shapes.rs` (issue 8): `cargo bench --bench bounded`.
//!
//! Each shape is generated, then checked through the whole pipeline (read, parse, rules, catalog
//! pass with config previews, as the CLI does) `ECPLINT_BENCH_RUNS` times (default 3); the fastest
//! run is printed with the input's size. The target: every shape under 2 s natively.
//!
//! `cargo bench --bench bounded -- --write DIR` writes the shapes as archives into DIR instead,
//! for the wasm's figures: `node scripts/bench-wasm.mjs --archive DIR` (target: under 5 s each).

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
        ("merge of 100,000 keys", shapes::wide_merge(100_000)),
        ("list of 100,000 maps", shapes::long_list(100_000)),
        ("scalar of 4 MiB", shapes::long_scalar(4 << 20)),
        ("block nesting 2,000 deep", shapes::deep_block(2_000)),
        ("50 charts of alias bombs", shapes::alias_bomb_charts(50)),
        ("200 charts in one archive", shapes::many_charts(200)),
        (
            "navigation of 20,000 items",
            shapes::wide_navigation(20_000),
        ),
        (
            "config helpers of 50,000 keys",
            shapes::wide_config_helpers(50_000),
        ),
        ("5,000 templates", shapes::many_templates(5_000)),
    ];
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::create_dir_all(dir).expect("create the folder");
        for (name, data) in &cases {
            let file = format!("{}.tgz", name.replace([' ', ','], "-"));
            std::fs::write(std::path::Path::new(dir).join(file), data).expect("write a shape");
        }
        println!("wrote {} shapes into {dir}", cases.len());
        return;
    }
    println!("{:<30} {:>12} {:>10}", "shape", "archive", "fastest");
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
            "{name:<30} {:>9} KB {:>8.0} ms",
            size / 1024,
            best.as_secs_f64() * 1e3
        );
    }
}
