//! values.yaml read exactly as Helm 3 reads it: every case of `tests/helm/values-yaml.json`
//! (made by `scripts/helm-oracle/values-yaml.py` from the real `helm3 template`, which printed
//! `toJson .Values`) is checked through the whole pipeline, without helm.
//!
//! - Helm refused the file: ecplint reports `HELM-001` (an error) on `values.yaml`, and when
//!   Helm names a line, on that line.
//! - Helm read it: no `HELM-001` and no `INPUT-001` on `values.yaml`, and the values ecplint reads
//!   (`config::tree::Tree`, the values every rule and the config preview see) are Helm's, compared
//!   as JSON after Helm's round trip: numbers as float64, keys as Helm names them.
//!
//! Every disagreement is printed, then the test fails if there is any.

use ecplint::config::tree::Tree;
use ecplint::config::Layer;
use ecplint::diagnostic::{Diagnostic, Severity};
use ecplint::input::{File, Source};
use ecplint::yaml::{self, YamlLimits};
use ecplint::{check, Options};
use serde_json::Value as Json;

const TABLE: &str = include_str!("helm/values-yaml.json");

const CHART_YAML: &str = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

/// Helm's JSON round trip: every number is a float64.
fn same(helm: &Json, ours: &Json) -> bool {
    match (helm, ours) {
        (Json::Number(a), Json::Number(b)) => a.as_f64() == b.as_f64(),
        (Json::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(a), Json::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => helm == ours,
    }
}

/// go-yaml counts NEL, LS and PS as line breaks, editors (and ecplint's positions) do not: the
/// editor's line of go-yaml's 1-based `line` in `text`.
fn editor_line(text: &str, line: usize) -> usize {
    let mut go_line = 1;
    let mut editor = 1;
    for c in text.chars() {
        if go_line == line {
            break;
        }
        match c {
            '\n' => {
                go_line += 1;
                editor += 1;
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => go_line += 1,
            _ => {}
        }
    }
    editor
}

/// The 1-based line of the problem Helm names. go-yaml prints `line N` with N the 0-based line
/// of the problem for parser errors (so the line before it, in 1-based terms) and N the 1-based
/// line for scanner errors; it prints no line when the 0-based line is 0. A finding agrees when
/// its range covers this line.
fn problem_line(error: &str, line: Option<u64>) -> Option<usize> {
    const PARSER: [&str; 4] = [
        "did not find expected key",
        "did not find expected ',' or",
        "did not find expected node content",
        "did not find expected <document start>",
    ];
    let line = line? as usize;
    Some(if PARSER.iter().any(|p| error.contains(p)) {
        line + 1
    } else {
        line
    })
}

/// What ecplint reads from a values.yaml: the first document as a tree, `{}` when empty or null.
fn values_of(text: &str) -> Json {
    let data = text.as_bytes().to_vec();
    let file = File {
        path: "c/values.yaml".into(),
        data,
    };
    let Some(decoded) = ecplint::chart::decode(&file) else {
        return Json::String("<not UTF-8>".into());
    };
    let parsed = yaml::parse(decoded, YamlLimits::default());
    match parsed.root() {
        None => Json::Object(Default::default()),
        Some(root) if root.is_null() => Json::Object(Default::default()),
        Some(root) => {
            serde_json::to_value(Tree::from_yaml(root, Layer::Values, &|l| l)).unwrap_or(Json::Null)
        }
    }
}

#[test]
fn values_yaml_as_helm_reads_it() {
    let table: Json = serde_json::from_str(TABLE).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let mut disagreements = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let text = case["yaml"].as_str().unwrap();
        let report = check(
            vec![Source::Folder {
                name: "c".into(),
                files: vec![
                    File {
                        path: "c/Chart.yaml".into(),
                        data: CHART_YAML.into(),
                    },
                    File {
                        path: "c/values.yaml".into(),
                        data: text.as_bytes().to_vec(),
                    },
                ],
            }],
            &Options::default(),
        );
        let on_values: Vec<_> = report.inputs[0]
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some("c/values.yaml"))
            .filter(|d| {
                d.rule == "HELM-001" || (d.rule == "INPUT-001" && d.severity == Severity::Error)
            })
            .collect();
        let say = |d: &Diagnostic| {
            let (line, column) = d.range.map_or((0, 0), |r| (r.start.line, r.start.column));
            format!(
                "{} {:?} {line}:{column} {}",
                d.rule, d.severity, d.message.en
            )
        };
        if let Some(error) = case["error"].as_str() {
            let helm_001: Vec<_> = on_values
                .iter()
                .filter(|d| d.rule == "HELM-001" && d.severity == Severity::Error)
                .collect();
            if helm_001.is_empty() {
                disagreements.push(format!(
                    "{name}: Helm refuses ({error}); ecplint reads {} with {:?}",
                    values_of(text),
                    on_values.iter().map(|d| say(d)).collect::<Vec<_>>()
                ));
            } else if let Some(line) = problem_line(error, case["line"].as_u64()) {
                let line = editor_line(text, line);
                if !helm_001.iter().any(|d| {
                    d.range
                        .is_some_and(|r| (r.start.line..=r.end.line).contains(&line))
                }) {
                    disagreements.push(format!(
                        "{name}: Helm refuses at line {line} ({error}); ecplint: {:?}",
                        helm_001.iter().map(|d| say(d)).collect::<Vec<_>>()
                    ));
                }
            }
        } else {
            let helm = &case["values"];
            if !on_values.is_empty() {
                disagreements.push(format!(
                    "{name}: Helm reads {helm}; ecplint reports {:?}",
                    on_values.iter().map(|d| say(d)).collect::<Vec<_>>()
                ));
            }
            let ours = values_of(text);
            if !same(helm, &ours) {
                disagreements.push(format!("{name}: Helm reads {helm}; ecplint reads {ours}"));
            }
        }
    }
    for d in &disagreements {
        eprintln!("{d}");
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree with Helm",
        disagreements.len(),
        cases.len()
    );
}

/// Every case with a character that the go-yaml rules care about put in or taken out at each of
/// its first places: the reader never panics and stays fast.
#[test]
fn mutated_cases_never_panic() {
    let table: Json = serde_json::from_str(TABLE).unwrap();
    let started = std::time::Instant::now();
    for case in table["cases"].as_array().unwrap() {
        let text: Vec<char> = case["yaml"].as_str().unwrap().chars().collect();
        for at in 0..text.len().min(24) {
            let mut variants: Vec<String> =
                ['\t', '\u{85}', '"', '\n', '\u{feff}', ':', '|', '-', '\'']
                    .iter()
                    .map(|c| {
                        let mut t = text.clone();
                        t.insert(at, *c);
                        t.into_iter().collect()
                    })
                    .collect();
            let mut without = text.clone();
            without.remove(at);
            variants.push(without.into_iter().collect());
            for v in variants {
                let parsed = yaml::parse(&v, YamlLimits::default());
                let _ = yaml::helm::values_refusal(parsed.root());
                if let Some(root) = parsed.root() {
                    let _ = Tree::from_yaml(root, Layer::Values, &|l| l);
                }
            }
        }
    }
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(120), "{took:?}");
}
