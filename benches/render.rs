//! Rendering speed over the shared corpus, against helm: `cargo bench --bench render`.
//!
//! Reads every `*.tgz` under `../shared/corpus/charts`, then renders each chart in this one
//! process (`Workspace::render`, as `ecplint template` does; the archive is read first, untimed,
//! and the fastest of `ECPLINT_BENCH_RUNS` renders counts, default 3) and prints total, median,
//! p95 and max per chart. When a helm binary is found (`HELM3=/path`, else `helm3` or `helm` on
//! PATH, else `../helm-bin/helm3`), it also times one `helm template` process per chart, in the
//! same run, and prints the ratio per chart (issue 9's target: ≥ 20× faster).
//! `ECPLINT_BENCH_LIST=1` prints every chart's time too; `ECPLINT_BENCH_ONLY=text` keeps only the
//! archives whose path holds `text`.

// The CLI's allocator (src/bin/ecplint/main.rs): these figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ecplint::input::Source;
use ecplint::render::RenderOptions;
use ecplint::workspace::{Options, Workspace};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/common/corpus.rs"]
mod corpus;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn summary(label: &str, times: &mut [(Duration, String)]) -> f64 {
    times.sort();
    let at = |q: f64| ms(times[((times.len() as f64 * q) as usize).min(times.len() - 1)].0);
    let total: f64 = times.iter().map(|(d, _)| ms(*d)).sum();
    println!(
        "{label}: {} charts, total {total:.0} ms, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    for (d, name) in times.iter().rev().take(3) {
        println!("  slow: {:.1} ms {name}", ms(*d));
    }
    at(0.5)
}

fn helm_binary() -> Option<PathBuf> {
    let works = |p: &Path| {
        Command::new(p)
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Ok(p) = std::env::var("HELM3") {
        return Some(PathBuf::from(p)).filter(|p| works(p));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../helm-bin/helm3");
    ["helm3", "helm"]
        .iter()
        .map(PathBuf::from)
        .chain([local])
        .find(|p| works(p))
}

fn main() {
    let root = corpus::root();
    let paths = corpus::bench_archives(&root);
    if paths.is_empty() {
        println!(
            "render bench: no archives under {} — skipped",
            root.display()
        );
        return;
    }
    let runs = corpus::bench_runs();
    let options = RenderOptions {
        release_name: "bench".into(),
        namespace: "bench".into(),
        seed: 1,
        ..Default::default()
    };
    let mut ours = Vec::new();
    let (mut documents, mut failed) = (0usize, 0usize);
    for path in &paths {
        let name = corpus::name(&root, path);
        let mut ws = Workspace::new(Options::default());
        ws.add(Source::Archive {
            name: name.clone(),
            data: std::fs::read(path).expect("read archive"),
        });
        // read and parse once, untimed: the render is what is measured
        let _ = ws.render(0, None, &options);
        let mut best = Duration::MAX;
        for run in 0..runs {
            let t = Instant::now();
            let rendered = ws.render(0, None, &options);
            best = best.min(t.elapsed());
            if run == 0 {
                if let Some(r) = rendered {
                    documents += r.documents.len();
                    failed += usize::from(!r.ok());
                }
            }
        }
        ours.push((best, name));
    }
    println!("{documents} documents; {failed} charts with a failed template or a chart error");
    if std::env::var_os("ECPLINT_BENCH_LIST").is_some() {
        for (d, name) in &ours {
            println!("  {:.2} ms {name}", ms(*d));
        }
    }
    let our_median = summary("ecplint render (one process)", &mut ours);

    let Some(helm) = helm_binary() else {
        println!("helm: not found (HELM3=/path/to/helm) — no comparison");
        return;
    };
    let home = std::env::temp_dir().join("ecplint-render-bench-helm");
    let _ = std::fs::create_dir_all(&home);
    let mut theirs = Vec::new();
    for path in &paths {
        let name = corpus::name(&root, path);
        let t = Instant::now();
        let _ = Command::new(&helm)
            .args(["template", "bench"])
            .arg(path)
            .args(["--namespace", "bench"])
            .env("HELM_CACHE_HOME", &home)
            .env("HELM_CONFIG_HOME", &home)
            .env("HELM_DATA_HOME", &home)
            .env("KUBECONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        theirs.push((t.elapsed(), name));
    }
    let helm_median = summary(
        &format!("helm template ({}; one process per chart)", helm.display()),
        &mut theirs,
    );
    let by_name: std::collections::HashMap<&str, Duration> =
        ours.iter().map(|(d, n)| (n.as_str(), *d)).collect();
    let mut ratios: Vec<(f64, &str)> = theirs
        .iter()
        .filter_map(|(d, n)| Some((ms(*d) / ms(*by_name.get(n.as_str())?).max(1e-3), n.as_str())))
        .collect();
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let under = ratios.iter().filter(|(r, _)| *r < 20.0).count();
    println!(
        "per chart, helm ÷ ecplint: median {:.0}×, lowest {:.0}×; {under} of {} charts under 20× (medians: {helm_median:.1} ms vs {our_median:.2} ms)",
        ratios[ratios.len() / 2].0,
        ratios[0].0,
        ratios.len()
    );
    let shown = if std::env::var_os("ECPLINT_BENCH_LIST").is_some() {
        under
    } else {
        5
    };
    for (r, name) in ratios.iter().take(shown) {
        let ours = ms(by_name[name]);
        println!("  lowest: {r:.1}× {name} ({ours:.1} ms)");
    }
}
