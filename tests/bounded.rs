//! Bounded work on the shapes of input that once held ecplint for minutes (issue 8): each is
//! generated here, checked through the whole pipeline, and must come back with a report within a
//! generous bound (30 s in an unoptimised build, where linear time takes a few seconds at most):
//! a regression to quadratic time fails, scheduler noise does not. The figures themselves are
//! `cargo bench --bench bounded`'s.

mod common;

use common::hostile::CHART;
use common::shapes;
use ecplint::diagnostic::Diagnostic;
use ecplint::input::Source;
use ecplint::report::{InputReport, Report};
use ecplint::{check, Options};
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(30);

fn archive(name: &str, data: Vec<u8>) -> Source {
    Source::Archive {
        name: format!("{name}.tgz"),
        data,
    }
}

/// Check `sources` in one run; fail past [`BOUND`].
fn run(name: &str, sources: Vec<Source>) -> Report {
    let started = Instant::now();
    let report = check(sources, &Options::default());
    let took = started.elapsed();
    assert!(took < BOUND, "{name}: took {took:?}");
    report
}

fn run_one(name: &str, data: Vec<u8>) -> InputReport {
    run(name, vec![archive(name, data)]).inputs.remove(0)
}

/// The errors, but LAYOUT-009's: these archives hold the good chart without the `helm-toolkit` a
/// `helm package` build would put under `charts/`.
fn errors(input: &InputReport) -> Vec<&Diagnostic> {
    input
        .diagnostics
        .iter()
        .filter(|d| d.severity == ecplint::diagnostic::Severity::Error && d.rule != "LAYOUT-009")
        .collect()
}

#[test]
fn a_mapping_of_300_000_keys() {
    let input = run_one("wide", shapes::wide_values(300_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
    assert_eq!(input.charts.len(), 1);
}

#[test]
fn merge_keys_over_100_000_keys() {
    let input = run_one("merge", shapes::wide_merge(100_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
}

#[test]
fn a_list_of_100_000_maps_and_a_scalar_of_4_mib() {
    let input = run_one("list", shapes::long_list(100_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
    let input = run_one("scalar", shapes::long_scalar(4 << 20));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
}

#[test]
fn fifty_charts_of_alias_bombs_spend_the_run_budget_and_say_where() {
    let input = run_one("bombs", shapes::alias_bomb_charts(50));
    assert_eq!(input.charts.len(), 50);
    let cut: Vec<_> = input
        .diagnostics
        .iter()
        .filter(|d| d.rule == "INPUT-001" && d.message.en.contains("budget"))
        .collect();
    // Every bombed file past the budget is named, each once.
    assert!(cut.len() > 200, "{} files cut", cut.len());
    assert!(cut.iter().all(|d| d.file.is_some()));
    let files: std::collections::HashSet<_> = cut.iter().map(|d| d.file.clone()).collect();
    assert_eq!(files.len(), cut.len());
    // Chart.yaml of every chart was read all the same.
    assert!(input.charts.iter().all(|c| c.name == CHART));
}

#[test]
fn block_nesting_2_000_deep() {
    let input = run_one("deep", shapes::deep_block(2_000));
    assert!(
        input
            .diagnostics
            .iter()
            .any(|d| d.rule == "INPUT-001" && d.message.en.contains("too deep")),
        "{:#?}",
        input.diagnostics
    );
}

#[test]
fn two_hundred_charts_in_one_archive_and_as_many_inputs() {
    let input = run_one("many", shapes::many_charts(200));
    assert_eq!(input.charts.len(), 200);
    let sources = (0..200)
        .map(|i| archive(&format!("chart{i}"), shapes::many_charts(1)))
        .collect();
    let report = run("inputs", sources);
    assert_eq!(report.inputs.len(), 200);
}

#[test]
fn navigation_of_20_000_items_and_config_helpers_of_50_000_keys() {
    let input = run_one("nav", shapes::wide_navigation(20_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
    let input = run_one("config", shapes::wide_config_helpers(50_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
}

#[test]
fn five_thousand_templates() {
    let input = run_one("templates", shapes::many_templates(5_000));
    assert!(errors(&input).is_empty(), "{:#?}", errors(&input));
}

#[test]
fn previews_of_large_inputs() {
    use ecplint::config::Overrides;
    use ecplint::diagnostic::Lang;
    use ecplint::navigation::{Role, Styles, View};
    use ecplint::Workspace;
    let started = Instant::now();
    let mut ws = Workspace::new(Options::default());
    ws.add(archive("nav", shapes::wide_navigation(20_000)));
    // 100,000 keys: the preview writes provenance and a diff entry per leaf (~100 MB of JSON
    // at 300,000), linear but slow unoptimised; quadratic time would still take minutes here.
    ws.add(archive("wide", shapes::wide_values(100_000)));
    let html = ws.preview(Some(0), View::Role(Role::Admin), Lang::Zh, Styles::Inline);
    assert!(html.contains("Item 19999") || html.contains("项19999"));
    let config = ws
        .config(1, CHART, &Overrides::default())
        .expect("a config preview");
    assert!(serde_json::to_string(&config).unwrap().contains("k99999"));
    let took = started.elapsed();
    assert!(took < BOUND, "previews took {took:?}");
}
