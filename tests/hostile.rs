//! Hostile inputs through the whole pipeline (`ecplint::check`): each must end quickly with the
//! expected finding, and the good chart in the same input must still be found and checked.

mod common;

use common::hostile::{self, CHART};
use ecplint::diagnostic::{Diagnostic, Severity};
use ecplint::input::{Limits, Source};
use ecplint::report::InputReport;
use ecplint::{check, Options};
use std::time::{Duration, Instant};

/// Check one archive; fail if it takes longer than `budget` (unoptimised build).
fn run_with(name: &str, data: Vec<u8>, limits: Limits, budget: Duration) -> InputReport {
    let options = Options {
        limits,
        ..Options::default()
    };
    let started = Instant::now();
    let mut report = check(
        vec![Source::Archive {
            name: name.into(),
            data,
        }],
        &options,
    );
    let took = started.elapsed();
    assert!(took < budget, "{name}: took {took:?}");
    report.inputs.remove(0)
}

fn run(name: &str, data: Vec<u8>) -> InputReport {
    run_with(name, data, Limits::default(), Duration::from_secs(5))
}

/// The findings of `rule` whose English message contains `needle`; at least one.
fn findings<'a>(input: &'a InputReport, rule: &str, needle: &str) -> Vec<&'a Diagnostic> {
    let found: Vec<_> = input
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule && d.message.en.contains(needle))
        .collect();
    assert!(
        !found.is_empty(),
        "no {rule} finding with {needle:?} in {:#?}",
        input.diagnostics
    );
    found
}

fn input_001<'a>(input: &'a InputReport, needle: &str) -> &'a Diagnostic {
    let found = findings(input, "INPUT-001", needle);
    assert_eq!(found.len(), 1, "{:#?}", found);
    found[0]
}

/// The good chart was found and its files read and checked.
fn chart_checked(input: &InputReport) {
    assert!(!input.unreadable);
    let chart = input.charts.iter().find(|c| c.name == CHART);
    let chart = chart.unwrap_or_else(|| panic!("chart {CHART} not found: {:#?}", input.charts));
    assert_eq!(chart.root, CHART);
    assert_eq!(chart.version.as_deref(), Some("1.0.0"));
    assert!(chart.resources.is_some(), "values.yaml was read");
    for f in [
        "Chart.yaml",
        "values.yaml",
        "templates/deployment-api.yaml",
        "templates/job-hooks.yaml",
    ] {
        let path = format!("{CHART}/{f}");
        assert!(input.files.iter().any(|x| x.path == path), "{path} missing");
    }
}

fn has_file(input: &InputReport, path: &str) -> bool {
    input.files.iter().any(|f| f.path == path)
}

#[test]
fn good_chart_reads_clean() {
    let input = run("good.tgz", hostile::good_tgz());
    chart_checked(&input);
    assert!(
        input.diagnostics.iter().all(|d| d.rule != "INPUT-001"),
        "{:#?}",
        input.diagnostics
    );
}

#[test]
fn gzip_bomb_one_huge_file() {
    let data = hostile::gzip_bomb(1 << 30);
    assert!(data.len() < 2 << 20, "the bomb is {} bytes", data.len());
    let input = run_with("bomb.tgz", data, Limits::default(), Duration::from_secs(2));
    let d = input_001(&input, "is 1 GiB, over the limit of 5 MiB per file");
    assert_eq!(d.file.as_deref(), Some("mycloud-product/files/zeros.bin"));
    input_001(&input, "more than 100 MiB in total");
    chart_checked(&input);
    assert!(!has_file(&input, "mycloud-product/files/zeros.bin"));
}

#[test]
fn gzip_bomb_many_files_under_the_per_file_limit() {
    // 256 files of 4 MiB of zeros (1 GiB): each is allowed, the total is not. The limit is
    // lowered so that an unoptimised build decompresses little before the cut.
    let data = hostile::gzip_bomb_many(256, 4 << 20);
    let limits = Limits {
        max_total_bytes: 16 << 20,
        ..Limits::default()
    };
    let input = run_with("bomb.tgz", data, limits, Duration::from_secs(5));
    let d = input_001(&input, "more than 16 MiB in total");
    assert!(d
        .file
        .as_deref()
        .unwrap()
        .starts_with("mycloud-product/files/z"));
    chart_checked(&input);
    let zs = input
        .files
        .iter()
        .filter(|f| f.path.contains("/files/z"))
        .count();
    assert!((1..4).contains(&zs), "{zs} zero files read");
}

#[test]
fn gzip_of_zeros_only() {
    let input = run_with(
        "zeros.tgz",
        hostile::gzip_of_zeros(1 << 30),
        Limits::default(),
        Duration::from_secs(2),
    );
    assert!(input.unreadable);
    input_001(&input, "holds no files");
    input_001(&input, "of data follows the end of the tar archive");
}

#[test]
fn path_traversal() {
    let input = run("traversal.tgz", hostile::path_traversal_tgz());
    let d = input_001(&input, "`../../etc/passwd` has a `..` part");
    assert_eq!(d.severity, Severity::Error);
    input_001(&input, "`/abs/evil.yaml` has an absolute path");
    input_001(
        &input,
        "`mycloud-product/../../escape.yaml` has a `..` part",
    );
    assert!(input
        .files
        .iter()
        .all(|f| !f.path.contains("..") && !f.path.starts_with('/')));
    chart_checked(&input);
}

#[test]
fn symlink_entry() {
    let input = run("symlink.tgz", hostile::symlink_tgz());
    let d = input_001(&input, "is a symbolic link (to `/etc/passwd`)");
    assert_eq!(
        d.file.as_deref(),
        Some("mycloud-product/templates/link.yaml")
    );
    assert_eq!(d.severity, Severity::Warning);
    // Read as Helm reads it: an empty file, the link not followed.
    assert!(has_file(&input, "mycloud-product/templates/link.yaml"));
    chart_checked(&input);
}

#[test]
fn hardlink_entry() {
    let input = run("hardlink.tgz", hostile::hardlink_tgz());
    let d = input_001(&input, "is a hard link (to `../../etc/shadow`)");
    assert_eq!(d.file.as_deref(), Some("mycloud-product/values-copy.yaml"));
    chart_checked(&input);
}

/// The findings about one file.
fn about<'a>(input: &'a InputReport, path: &str) -> Vec<&'a Diagnostic> {
    input
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some(path))
        .collect()
}

#[test]
fn yaml_alias_bomb() {
    // 9^9 nodes if expanded: the YAML layer stops counting long before.
    let input = run("laughs.tgz", hostile::alias_bomb_tgz());
    let values = about(&input, "mycloud-product/values.yaml");
    assert!(
        values.iter().any(|d| d.rule == "INPUT-001"
            && (d.message.en.contains("alias") || d.message.en.contains("nodes"))),
        "no finding about the alias expansion: {values:#?}"
    );
    chart_checked(&input);
}

#[test]
fn yaml_deep_nesting() {
    let input = run("deep.tgz", hostile::deep_nesting_tgz(100_000));
    let values = about(&input, "mycloud-product/values.yaml");
    assert!(
        values
            .iter()
            .any(|d| d.rule == "INPUT-001" && d.message.en.contains("nested too deep")),
        "no finding about the nesting depth: {values:#?}"
    );
    chart_checked(&input);
}

#[test]
fn truncated_tgz() {
    let input = run("cut.tgz", hostile::truncated_tgz());
    let d = input_001(&input, "is truncated or corrupt");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.file.as_deref(), Some("mycloud-product/files/blob.bin"));
    chart_checked(&input);
}

#[test]
fn random_bytes() {
    let input = run("random.tgz", hostile::random_bytes(100_000, 42));
    assert!(input.unreadable);
    assert!(input.charts.is_empty() && input.files.is_empty());
    let d = input_001(&input, "is not an archive ecplint reads");
    assert!(!d.message.zh.is_empty());
    assert!(
        input.diagnostics.iter().all(|d| d.rule == "INPUT-001"),
        "{:#?}",
        input.diagnostics
    );
}

#[test]
fn empty_input() {
    let input = run("empty.tgz", hostile::empty());
    assert!(input.unreadable);
    input_001(&input, "`empty.tgz` is empty (0 bytes)");
    assert_eq!(input.diagnostics.len(), 1, "{:#?}", input.diagnostics);
}

#[test]
fn hundred_thousand_entries() {
    let data = hostile::many_entries_tar(100_000);
    let input = run_with("many.tar", data, Limits::default(), Duration::from_secs(5));
    let d = input_001(&input, "more than 10000 entries");
    assert!(d
        .message
        .en
        .contains("reading stopped at `mycloud-product/files/f"));
    assert_eq!(input.files.len(), 10_000);
    chart_checked(&input);
}

#[test]
fn over_long_path() {
    let input = run("long.tgz", hostile::long_path_tgz(5000));
    let d = input_001(&input, "a path of 5000 bytes is over the limit of 1024");
    assert!(d
        .file
        .as_deref()
        .unwrap()
        .starts_with("mycloud-product/files/d/d/"));
    chart_checked(&input);
}

#[test]
fn invalid_utf8_in_chart_yaml() {
    let input = run("gbk.tgz", hostile::invalid_utf8_chart_tgz());
    let d = input_001(
        &input,
        "`mycloud-product/Chart.yaml` is not valid UTF-8 (byte 0xCE at offset",
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.range.map(|r| r.start.line), Some(2));
    // The chart is still found (its folder holds a Chart.yaml) and its other files checked.
    assert!(input.charts.iter().any(|c| c.root == CHART));
    assert!(has_file(&input, "mycloud-product/values.yaml"));
}

#[test]
fn bom_in_chart_yaml() {
    let input = run("bom.tgz", hostile::bom_chart_tgz());
    let d = input_001(
        &input,
        "`mycloud-product/Chart.yaml` starts with a UTF-8 byte-order mark",
    );
    assert_eq!(d.severity, Severity::Info);
    chart_checked(&input);
}

#[test]
fn crlf_values_yaml() {
    let input = run("crlf.tgz", hostile::crlf_values_tgz());
    let d = input_001(&input, "`mycloud-product/values.yaml` has CRLF");
    assert_eq!(d.severity, Severity::Info);
    chart_checked(&input);
}

#[test]
fn nested_subchart_archive() {
    let input = run("nested.tgz", hostile::nested_subchart_tgz());
    chart_checked(&input);
    assert!(has_file(&input, "mycloud-product/charts/common-1.0.0.tgz"));
    assert!(has_file(
        &input,
        "mycloud-product/charts/common-1.0.0.tgz/common/Chart.yaml"
    ));
    let chart = input.charts.iter().find(|c| c.name == CHART).unwrap();
    assert_eq!(chart.subcharts, ["mycloud-product/charts/common-1.0.0.tgz"]);
    assert!(
        input.diagnostics.iter().all(|d| d.rule != "INPUT-001"),
        "{:#?}",
        input.diagnostics
    );
}
