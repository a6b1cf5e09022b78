//! Speed of the Mako engine and the CFG rules: `cargo bench --bench mako`.
//!
//! Times, for the good project's `_config_helpers.yaml.tpl` and for the guide's full example
//! (§1.1.6.4, `tests/fixtures/mako/guide_example.yaml.tpl`):
//! - `parse`: `mako::parse`;
//! - `render`: `mako::render` against a platform (for the guide's example, with `mariadb` and
//!   `proton` installed), then parsing the result as YAML;
//! - `check`: the nine CFG rules on the chart: one read of the file (static view and Mako
//!   parse, shared by the rules), every `% if` branch rendered and parsed for CFG-001, the
//!   values.yaml paths for CFG-008; `ECPLINT_BENCH_PER_RULE=1` also times each rule alone.
//!
//! Prints the median and p95 over `ECPLINT_BENCH_RUNS` runs (default 2000). The target is
//! rendering and checking a typical `_config_helpers` under 1 ms.

use ecplint::input::fs::read_path;
use ecplint::input::Input;
use ecplint::mako::{self, Platform, Value};
use ecplint::rules::{Findings, ALL};
use std::path::Path;
use std::time::{Duration, Instant};

const CONFIG: &str = "chart/mycloud-product/templates/_config_helpers.yaml.tpl";

fn good_project(root: &Path) -> Input {
    read_path(&root.join("good-project"), &Default::default()).input
}

fn with_config(mut input: Input, text: &str) -> Input {
    let path = format!("good-project/{CONFIG}");
    for f in &mut input.files {
        if f.path == path {
            f.data = text.as_bytes().to_vec();
        }
    }
    input
}

fn time(runs: usize, f: impl FnMut()) -> (f64, f64) {
    time_after(runs, || {}, f)
}

/// Time `f`, running `setup` (untimed) before each run.
fn time_after(runs: usize, mut setup: impl FnMut(), mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..runs.min(50) {
        setup();
        f(); // warm up
    }
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            setup();
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (
        us(v[v.len() / 2]),
        us(v[(v.len() * 95 / 100).min(v.len() - 1)]),
    )
}

fn yaml_value(s: &str) -> Value {
    let y = ecplint::yaml::parse(s, Default::default());
    Value::from_yaml(y.root().expect("a document"))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let runs: usize = std::env::var("ECPLINT_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let good = good_project(&root);
    let good_text = String::from_utf8(
        good.files
            .iter()
            .find(|f| f.path.ends_with(CONFIG))
            .expect("good project config")
            .data
            .clone(),
    )
    .unwrap();
    let guide_text = std::fs::read_to_string(root.join("mako/guide_example.yaml.tpl")).unwrap();
    let mut guide_platform = Platform::default();
    guide_platform.products.insert(
        "mariadb".into(),
        yaml_value("endpoints:\n  oslo_db:\n    auth:\n      admin:\n        password: pw\n"),
    );
    guide_platform.products.insert(
        "proton".into(),
        yaml_value("endpoints:\n  admin:\n    password: a\n  oslo_db:\n    auth:\n      user:\n        password: u\n"),
    );
    let cfg_rules: Vec<_> = ALL.iter().filter(|r| r.id.starts_with("CFG-")).collect();
    // The CFG rules share one parse of the file per chart (the first rule reads it, the others
    // reuse it): before each timed run, another file is read so that the run pays for its parse.
    let other = with_config(good_project(&root), "trial_days: 180\n");
    let other_charts = ecplint::chart::discover(&other);
    let cfg_009 = ecplint::rules::find("CFG-009").expect("CFG-009");
    let evict = || {
        let mut f = Findings::new(cfg_009, None);
        (cfg_009.check.chart().expect("checked"))(&other_charts[0], &mut f);
    };
    println!("mako bench: {runs} runs each, median / p95 in µs");
    for (name, text, platform) in [
        ("good-project", good_text.as_str(), Platform::default()),
        ("guide example", guide_text.as_str(), guide_platform),
    ] {
        let (m, p) = time(runs, || {
            std::hint::black_box(mako::parse(text));
        });
        println!("  {name:<14} parse           {m:>8.1} / {p:>8.1}");
        let parsed = mako::parse(text);
        assert!(parsed.errors.is_empty(), "{name}: {:?}", parsed.errors);
        let (m, p) = time(runs, || {
            let r = mako::render(&parsed.template, &platform);
            let y = ecplint::yaml::parse(&r.text, Default::default());
            std::hint::black_box((r, y));
        });
        println!("  {name:<14} render + YAML   {m:>8.1} / {p:>8.1}");
        let input = with_config(good_project(&root), text);
        let charts = ecplint::chart::discover(&input);
        let chart = &charts[0];
        let mut findings = 0;
        let (m, p) = time_after(runs, evict, || {
            findings = 0;
            for rule in &cfg_rules {
                let mut f = Findings::new(rule, None);
                (rule.check.chart().expect("checked"))(chart, &mut f);
                findings += f.into_diagnostics().len();
            }
        });
        println!("  {name:<14} 9 CFG rules     {m:>8.1} / {p:>8.1}   ({findings} findings)");
        if std::env::var_os("ECPLINT_BENCH_PER_RULE").is_some() {
            for rule in &cfg_rules {
                // Each rule alone, the file already read (as for all but the first).
                let (m, p) = time(runs, || {
                    let mut f = Findings::new(rule, None);
                    (rule.check.chart().expect("checked"))(chart, &mut f);
                    std::hint::black_box(f.into_diagnostics());
                });
                println!("    {:<12} {m:>8.1} / {p:>8.1}", rule.id);
            }
        }
        let (m, p) = time_after(runs, evict, || {
            let parsed = mako::parse(text);
            let r = mako::render(&parsed.template, &platform);
            let y = ecplint::yaml::parse(&r.text, Default::default());
            std::hint::black_box((r, y));
            for rule in &cfg_rules {
                let mut f = Findings::new(rule, None);
                (rule.check.chart().expect("checked"))(chart, &mut f);
                std::hint::black_box(f.into_diagnostics());
            }
        });
        println!("  {name:<14} render + check  {m:>8.1} / {p:>8.1}   (target < 1000)");
    }
}
