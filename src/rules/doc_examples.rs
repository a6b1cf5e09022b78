//! Every rule's documented examples are run as tests (as biome does).
//!
//! A fenced block in a rule's docs whose info string reads `<lang>,fail,file=<path>` or
//! `<lang>,pass,file=<path>` is written over `<path>` (relative to the chart root) of the good
//! fixture project (`tests/fixtures/good-project`); `delete=<path>` removes that file instead.
//! A `fail` example must make the rule report; a `pass` example must not.

use super::{Rule, ALL};
use crate::input::{File, Input};
use std::path::Path;

const PROJECT: &str = "good-project/";
const CHART_ROOT: &str = "good-project/chart/mycloud-product/";

/// A fixture folder under `tests/fixtures/` as an input; every path starts with `prefix`.
pub(crate) fn fixture(name: &str, prefix: &str) -> Input {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    crate::input::fs::read_folder(&root, prefix, &Default::default())
}

pub(crate) fn good_project() -> Input {
    fixture("good-project", PROJECT)
}

/// `RULE severity file:line:col` of the findings `keep` selects in fixture `name` (files shown
/// without `chart/`, `_config_helpers.yaml.tpl` as `_config`), for exact fixture assertions.
pub(crate) fn fixture_places(
    name: &str,
    keep: impl Fn(&crate::diagnostic::Diagnostic) -> bool,
) -> Vec<String> {
    crate::check_input(&fixture(name, ""))
        .diagnostics
        .iter()
        .filter(|d| keep(d))
        .map(|d| {
            let r = d.range.expect("a position");
            let file = d
                .file
                .as_deref()
                .unwrap_or("")
                .trim_start_matches("chart/")
                .replace("templates/_config_helpers.yaml.tpl", "_config");
            let (line, column) = (r.start.line, r.start.column);
            format!("{} {} {file}:{line}:{column}", d.rule, d.severity.as_str())
        })
        .collect()
}

/// The findings of rule `rule` on the good project with some chart files (paths relative to the
/// chart root) replaced (`Some(text)`) or removed (`None`): the rules' inline tests use it.
pub(crate) fn findings_with(
    rule: &str,
    files: &[(&str, Option<&str>)],
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut input = good_project();
    for (rel, body) in files {
        let path = format!("{CHART_ROOT}{rel}");
        input.files.retain(|f| f.path != path);
        if let Some(body) = body {
            input.files.push(File {
                path,
                data: body.as_bytes().to_vec(),
            });
        }
    }
    crate::check_input(&input)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Resolve `../../Makefile`-style paths against the chart root.
fn full_path(rel: &str) -> String {
    let mut parts: Vec<&str> = CHART_ROOT.trim_end_matches('/').split('/').collect();
    for p in rel.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

pub(crate) struct Example {
    pub expect_fail: bool,
    pub path: String,
    pub delete: bool,
    pub body: String,
}

pub(crate) fn examples(rule: &Rule) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = rule.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l));
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let attrs: Vec<&str> = info.split(',').map(str::trim).collect();
        let expect_fail = attrs.contains(&"fail");
        let pass = attrs.contains(&"pass");
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        if !(expect_fail || pass) {
            continue;
        }
        let target = attrs
            .iter()
            .find_map(|a| a.strip_prefix("file=").map(|p| (p, false)));
        let target = target.or_else(|| {
            attrs
                .iter()
                .find_map(|a| a.strip_prefix("delete=").map(|p| (p, true)))
        });
        let (rel, delete) =
            target.unwrap_or_else(|| panic!("{}: example without file= or delete=", rule.id));
        out.push(Example {
            expect_fail,
            path: full_path(rel),
            delete,
            body,
        });
    }
    out
}

pub(crate) fn apply(input: &mut Input, ex: &Example) {
    input.files.retain(|f| f.path != ex.path);
    if !ex.delete {
        input.files.push(File {
            path: ex.path.clone(),
            data: ex.body.clone().into_bytes(),
        });
    }
}

#[test]
fn every_checked_rule_has_a_failing_and_a_passing_example() {
    for rule in ALL {
        let ex = examples(rule);
        assert!(
            ex.iter().any(|e| e.expect_fail),
            "{}: no failing example in its docs",
            rule.id
        );
        assert!(
            ex.iter().any(|e| !e.expect_fail),
            "{}: no passing example in its docs",
            rule.id
        );
    }
}

#[test]
fn documented_examples_behave_as_documented() {
    let mut failures = Vec::new();
    for rule in ALL {
        for (i, ex) in examples(rule).iter().enumerate() {
            let mut input = good_project();
            apply(&mut input, ex);
            let report = crate::check_input(&input);
            let hits: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule.id)
                .collect();
            if ex.expect_fail == hits.is_empty() {
                failures.push(format!(
                    "{} example #{} ({}) expected {}; got {:?}",
                    rule.id,
                    i + 1,
                    ex.path,
                    if ex.expect_fail { "a finding" } else { "none" },
                    hits.iter().map(|d| &d.message.en).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_docs_in_both_languages() {
    for rule in ALL {
        assert!(rule.docs.contains("## What it does"), "{}", rule.id);
        assert!(rule.docs.contains("## 中文"), "{}", rule.id);
        assert!(
            !rule.title_zh.is_empty() && !rule.title_en.is_empty(),
            "{}",
            rule.id
        );
    }
}

#[test]
fn the_good_project_has_no_errors_or_warnings() {
    let report = crate::check_input(&good_project());
    let bad: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != crate::diagnostic::Severity::Info)
        .map(|d| {
            format!(
                "{} {:?}:{:?} {}",
                d.rule,
                d.file,
                d.range.map(|r| r.start.line),
                d.message.en
            )
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
