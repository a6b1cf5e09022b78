//! Speed of the navigation preview: `cargo bench --bench navigation`.
//!
//! A typical product is `tests/fixtures/nav-preview` (two products: seven `nav` items with
//! `sub_nav`, `top_nav`, categories, a policy and a wizard with pictures). Timed, each as the
//! median of many runs:
//! - `render`: one view (filtering by role) and its HTML document, from the model;
//! - `model+render`: discovering the charts, reading the four navigation files into the model
//!   (the YAML already parsed, as `chart::discover` does for the check), then `render`;
//! - `from files`: everything from the files in memory, YAML parsing included.
//!
//! The target is under 1 ms for `model+render` natively.

use ecplint::diagnostic::Lang;
use ecplint::input::fs::read_path;
use ecplint::navigation::{self, Console, Role, Styles, View};
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut f: impl FnMut() -> usize, runs: usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        size = std::hint::black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[runs / 2], size)
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nav-preview");
    let input = read_path(&root, &Default::default()).input;
    let inputs = [&input];
    let runs = 2000;
    let views = [
        View::Role(Role::CloudAdmin),
        View::Role(Role::Member),
        View::Author,
    ];
    let pictures = navigation::embedded_pictures(&inputs);
    let charts = ecplint::chart::discover(&input);
    let console = Console::of(charts.iter().map(|c| (0, c)));
    println!(
        "navigation preview of tests/fixtures/nav-preview (2 products), median of {runs} runs"
    );
    for view in views {
        for lang in [Lang::En, Lang::Zh] {
            let (render, bytes) = median(
                || {
                    navigation::render_document(
                        &console.view(view),
                        lang,
                        &pictures,
                        Styles::Inline,
                    )
                    .len()
                },
                runs,
            );
            let (model, _) = median(
                || {
                    let c = Console::of(charts.iter().map(|c| (0, c)));
                    navigation::render_document(&c.view(view), lang, &pictures, Styles::Inline)
                        .len()
                },
                runs,
            );
            let (full, _) = median(
                || {
                    let mut workspace = ecplint::Workspace::default();
                    workspace.add_input(input.clone());
                    workspace.preview(None, view, lang, Styles::Inline).len()
                },
                runs / 4,
            );
            println!(
                "  {:<13} {:<2}  render {:>7.1} µs   model+render {:>7.1} µs   from files {:>7.1} µs   ({bytes} bytes)",
                view.as_str(),
                if lang == Lang::En { "en" } else { "zh" },
                us(render),
                us(model),
                us(full),
            );
        }
    }
}
