//! Speed of the config preview: `cargo bench --bench config`.
//!
//! Times, per product of `tests/fixtures/config-preview` (and the good project):
//! - `load`: reading the charts into a catalog (chart discovery, values.yaml, template parse);
//! - `cold`: reading the user inputs, rendering every other chart the template may read, rendering
//!   the product's data_template and merging the six layers (what `ecplint config` does once);
//! - `live`: the same with the other products already rendered for this license (what the page
//!   does on each keystroke in the config CRD or custom_config box).
//!
//! Prints the median and p95 over `ECPLINT_BENCH_RUNS` runs (default 2000). The target is a cold
//! preview of a typical product under 1 ms.

use ecplint::config::{Catalog, Doc, Overrides, Prepared};
use ecplint::input::fs::read_path;
use ecplint::input::Input;
use std::path::Path;
use std::time::{Duration, Instant};

fn input(dir: &Path, name: &str) -> Input {
    read_path(&dir.join(name), &Default::default()).input
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (
        us(v[v.len() / 2]),
        us(v[(v.len() * 95 / 100).min(v.len() - 1)]),
    )
}

fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..runs.min(50) {
        f(); // warm up
    }
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f();
        out.push(t.elapsed());
    }
    stats(out)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let fix = root.join("config-preview");
    let runs: usize = std::env::var("ECPLINT_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let read = |p: &str| std::fs::read_to_string(fix.join(p)).expect("fixture");
    let all = Overrides {
        license: Some(Doc::new("license.yaml", read("license.yaml"))),
        config_crd: Some(Doc::new("config-crd.yaml", read("config-crd.yaml"))),
        custom: Some(Doc::new("custom.yaml", read("custom.yaml"))),
        products: None,
    };
    let guide = Overrides {
        license: Some(Doc::new("license-guide.yaml", read("license-guide.yaml"))),
        ..Overrides::default()
    };
    let none = Overrides::default();
    let cases: Vec<(&str, Vec<Input>, &str, &Overrides)> = vec![
        (
            "orbit-portal + mariadb, every layer",
            vec![input(&fix, "orbit-portal"), input(&fix, "mariadb")],
            "orbit-portal",
            &all,
        ),
        (
            "guide example (cloud_product_1)",
            vec![input(&fix, "guide")],
            "cloud_product_1",
            &guide,
        ),
        (
            "good-project (mycloud-product), no inputs",
            vec![input(&root, "good-project")],
            "mycloud-product",
            &none,
        ),
    ];
    println!("config preview bench: {runs} runs per figure, microseconds (median / p95)");
    for (label, inputs, product, overrides) in &cases {
        let build = || {
            let mut c = Catalog::default();
            for (i, input) in inputs.iter().enumerate() {
                c.add_charts(i, &ecplint::chart::discover(input), false);
            }
            c
        };
        let (load_med, load_p95) = time(runs, || {
            std::hint::black_box(build());
        });
        let catalog = build();
        let k = catalog
            .charts()
            .iter()
            .position(|c| c.name == *product)
            .expect("product in the fixture");
        let (cold_med, cold_p95) = time(runs, || {
            catalog.clear_cache();
            let prepared = Prepared::new(overrides);
            std::hint::black_box(catalog.preview(k, &prepared));
        });
        let prepared = Prepared::new(overrides);
        let r = catalog.preview(k, &prepared);
        let (live_med, live_p95) = time(runs, || {
            std::hint::black_box(catalog.preview(k, &prepared));
        });
        println!(
            "  {label:<44} load {load_med:7.1} / {load_p95:7.1}   cold {cold_med:7.1} / {cold_p95:7.1}   live {live_med:7.1} / {live_p95:7.1}   ({} leaves, {} errors)",
            r.provenance.len(),
            r.errors.len()
        );
    }
}
