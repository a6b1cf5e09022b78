//! ecplint against what the real Helm did, without Helm: `scripts/helm-oracle-input.py` built
//! the charts under `tests/helm-oracle/` (duplicate keys here), ran `helm template` and
//! `helm lint` of helm 3 and helm 4 on each and committed their verdicts in `verdicts.json`.
//! Here ecplint reads the same bytes, and its INPUT-001 and HELM-003 findings must say what
//! Helm did: an error exactly where Helm 3 refuses, a finding that says Helm reads the file
//! where it does, the values Helm read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::Input;
use crate::rules::tester;
use crate::yaml::{Kind, Node, Value};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helm-oracle")
}

fn verdicts() -> Json {
    let text = std::fs::read_to_string(root().join("verdicts.json")).expect("verdicts.json");
    serde_json::from_str(&text).expect("verdicts.json parses")
}

/// Whether `helm` (helm3, helm4) refused the case: `helm template` or `helm lint` failed.
fn refuses(case: &Json, helm: &str) -> bool {
    case[helm]["template"]["exit"] != 0 || case[helm]["lint"]["exit"] != 0
}

/// The JSON of the values Helm printed (`v: {…}`), when it rendered.
fn helm_values(case: &Json, helm: &str) -> Option<Json> {
    case[helm]["template"]["rendered"]
        .as_array()?
        .iter()
        .filter_map(Json::as_str)
        .find_map(|l| l.strip_prefix("v: "))
        .map(|v| serde_json::from_str(v).expect("helm printed JSON"))
}

/// A YAML tree as Helm's JSON round trip gives it, the last of duplicate keys winning.
fn to_json(node: &Node) -> Json {
    match &node.kind {
        Kind::Scalar(s) => match s.value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Int(i) => Json::from(i),
            Value::Float(f) => Json::from(f),
            Value::Str => Json::from(s.text.clone()),
        },
        Kind::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Kind::Map(entries) => {
            let mut map = serde_json::Map::new();
            for e in entries {
                map.insert(e.key.key_string(), to_json(&e.value));
            }
            Json::Object(map)
        }
    }
}

/// What ecplint makes of one case: its findings and the values it read.
struct Ours {
    findings: Vec<Diagnostic>,
    values: Option<Json>,
    chart_yaml: Option<Json>,
}

fn check(input: Input) -> Ours {
    let findings = tester::run(&input, &Default::default());
    let charts = crate::chart::discover(&input);
    let chart = charts.first();
    let tree = |f: Option<&crate::chart::YamlFile>| f.and_then(|f| f.yaml.root()).map(to_json);
    Ours {
        values: tree(chart.and_then(|c| c.values.as_ref())),
        chart_yaml: tree(chart.and_then(|c| c.chart_yaml.as_ref())),
        findings,
    }
}

impl Ours {
    fn of(&self, rule: &str) -> Vec<&Diagnostic> {
        self.findings.iter().filter(|d| d.rule == rule).collect()
    }
}

/// "line 3: key "name" already set in map" in helm 4's `helm lint` output, as (line, key).
fn helm4_duplicates(case: &Json) -> Vec<(usize, String)> {
    let lines = case["helm4"]["lint"]["output"]
        .as_array()
        .expect("lint output");
    lines
        .iter()
        .filter_map(Json::as_str)
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("line ")?;
            let (line, rest) = rest.split_once(": key \"")?;
            let key = rest.strip_suffix("\" already set in map")?;
            Some((line.parse().ok()?, key.to_string()))
        })
        .collect()
}

#[test]
fn duplicate_keys_as_helm_reads_them() {
    let all = verdicts();
    let cases = all["duplicate-keys"].as_object().expect("duplicate-keys");
    assert!(cases.len() >= 4);
    for (name, case) in cases {
        if name == "dup-template" {
            // A template's own text: Helm renders it and passes the manifest on as written;
            // ecplint does not render templates (yet), so says nothing either.
            continue;
        }
        let input = crate::input::fs::read_folder(
            &root().join("duplicate-keys").join(name),
            &format!("{name}/"),
            &Default::default(),
        );
        let ours = check(input);
        let found = ours.of("HELM-003");
        // Helm refuses none of them: it keeps the last value, which is what ecplint says.
        for helm in ["helm3", "helm4"] {
            assert!(
                !refuses(case, helm),
                "{name}: {helm} refused a duplicate key"
            );
        }
        assert!(!found.is_empty(), "{name}: no HELM-003");
        let v = helm_values(case, "helm3").expect("helm rendered");
        assert_eq!(
            ours.values.as_ref(),
            Some(&v),
            "{name}: values, last key wins"
        );
        let rendered = case["helm3"]["template"]["rendered"].as_array().unwrap();
        for field in ["name", "version"] {
            let helm = rendered
                .iter()
                .filter_map(Json::as_str)
                .find_map(|l| l.strip_prefix(&format!("{field}: ")))
                .expect("helm printed it");
            let ours = &ours.chart_yaml.as_ref().expect("Chart.yaml")[field];
            assert_eq!(
                ours.as_str(),
                Some(helm),
                "{name}: Chart.yaml {field}, last key wins"
            );
        }
        // Helm 4's `helm lint` warns about exactly the duplicates of Chart.yaml ecplint reports,
        // and about no other file; ecplint names Helm 4 exactly there.
        let chart_yaml = format!("{name}/Chart.yaml");
        let mut ours_in_chart: Vec<(usize, String)> = found
            .iter()
            .filter(|d| d.file.as_deref() == Some(chart_yaml.as_str()))
            .map(|d| {
                let key = d.message.en.split('`').nth(1).unwrap_or("").to_string();
                (d.range.expect("placed").start.line, key)
            })
            .collect();
        ours_in_chart.sort();
        assert_eq!(ours_in_chart, helm4_duplicates(case), "{name}");
        for d in &found {
            let in_chart = d.file.as_deref() == Some(chart_yaml.as_str());
            let identity = d.severity == Severity::Error;
            assert_eq!(
                d.message.en.contains("Helm 4"),
                in_chart && !identity,
                "{name}: {}",
                d.message.en
            );
            assert!(d.message.en.contains("last value"), "{}", d.message.en);
        }
    }
}
