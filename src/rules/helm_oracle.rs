//! ecplint against what the real Helm did, without Helm: `scripts/helm-oracle/input.py` built
//! the charts under `tests/helm/input/` (odd archives, duplicate keys), ran `helm template` and
//! `helm lint` of helm 3 and helm 4 on each and committed their verdicts in `verdicts.json`.
//! Here ecplint reads the same bytes, and its INPUT-001 and HELM-003 findings must say what
//! Helm did: an error exactly where Helm 3 refuses, a finding that says Helm reads the file
//! where it does, the values Helm read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{self, Input, Source};
use crate::rules::tester;
use crate::yaml::{Kind, Node, Value};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helm/input")
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
    fn worst(&self, rule: &str) -> Option<Severity> {
        self.of(rule).iter().map(|d| d.severity).min()
    }
}

/// Each archive case: the worst INPUT-001 severity ecplint gives, a piece of its message, and
/// the rule that carries Helm's refusal where Helm refuses.
const ARCHIVES: &[(&str, Option<Severity>, &str, Option<&str>)] = {
    use Severity::{Error as E, Info as I, Warning as W};
    &[
        ("plain", None, "", None),
        (
            "symlink",
            Some(W),
            "is a symbolic link (to `cm.yaml`): Helm follows no link",
            None,
        ),
        (
            "symlink-outside",
            Some(W),
            "reads it as an empty file",
            None,
        ),
        // Helm reads Chart.yaml as an empty file and refuses it: no name.
        (
            "symlink-chart-yaml",
            Some(W),
            "is a symbolic link",
            Some("CHART-001"),
        ),
        (
            "fifo",
            Some(W),
            "is a named pipe (fifo): Helm follows no link",
            None,
        ),
        ("hardlink", Some(W), "is a hard link", None),
        (
            "latin1-readme",
            Some(I),
            "Helm takes its bytes as they are",
            None,
        ),
        (
            "latin1-notes",
            Some(I),
            "Helm takes its bytes as they are",
            None,
        ),
        (
            "latin1-helpers",
            Some(W),
            "any of its text that reaches a manifest",
            None,
        ),
        (
            "latin1-template",
            Some(E),
            "`helm template` refuses it",
            Some("INPUT-001"),
        ),
        (
            "latin1-values",
            Some(E),
            "Helm refuses it",
            Some("INPUT-001"),
        ),
        (
            "utf16-readme",
            Some(I),
            "is UTF-16 text: Helm takes its bytes",
            None,
        ),
        (
            "utf16-values",
            Some(W),
            "is UTF-16 text: Helm 3 reads it",
            None,
        ),
        (
            "utf16be-values",
            Some(W),
            "is UTF-16 text: Helm 3 reads it",
            None,
        ),
        (
            "utf16-chart",
            Some(W),
            "is UTF-16 text: Helm 3 reads it",
            None,
        ),
        (
            "utf16-template",
            Some(E),
            "`helm lint` refuses it",
            Some("INPUT-001"),
        ),
        (
            "bom-values",
            Some(I),
            "Helm drops it and reads the file",
            None,
        ),
        (
            "bom-chart",
            Some(I),
            "Helm drops it and reads the file",
            None,
        ),
        (
            "bom-template",
            Some(I),
            "Helm drops it and reads the file",
            None,
        ),
        ("zero-padding", None, "", None),
        ("zero-padding-short", None, "", None),
        ("garbage-after", Some(I), "Helm ignores them too", None),
        ("trailer-cut", Some(I), "Helm reads them too", None),
        (
            "truncated",
            Some(E),
            "is truncated or corrupt",
            Some("INPUT-001"),
        ),
        (
            "root-chart",
            Some(E),
            "the entry `Chart.yaml` is in no folder",
            Some("INPUT-001"),
        ),
        (
            "root-extra-file",
            Some(E),
            "the entry `README.md` is in no folder",
            Some("INPUT-001"),
        ),
        (
            "dot-slash",
            Some(E),
            "\"Chart.yaml file is missing\"",
            Some("INPUT-001"),
        ),
        ("dot-slash-root", None, "", None),
        (
            "two-top-folders",
            Some(W),
            "(`y/README.md` as `README.md`)",
            None,
        ),
    ]
};

#[test]
fn archives_as_helm_reads_them() {
    let all = verdicts();
    let cases = all["archives"].as_object().expect("archives");
    assert_eq!(cases.len(), ARCHIVES.len(), "a case without an expectation");
    let mut wrong = Vec::new();
    for (name, worst, says, refusal) in ARCHIVES {
        let case = &cases[*name];
        let data = std::fs::read(root().join("archives").join(format!("{name}.tgz")))
            .expect("the case's archive");
        let input = input::load(
            Source::Archive {
                name: format!("{name}.tgz"),
                data,
            },
            &Default::default(),
        );
        let ours = check(input);
        let mut bad = |why: String| wrong.push(format!("{name}: {why}"));
        // The table against Helm: an error exactly where Helm 3 refuses.
        let helm3_refuses = refuses(case, "helm3");
        if helm3_refuses != refusal.is_some() {
            bad(format!(
                "helm 3 refuses: {helm3_refuses}, the table says {refusal:?}"
            ));
        }
        if !helm3_refuses && refuses(case, "helm4") && *worst != Some(Severity::Warning) {
            bad("helm 4 refuses what helm 3 reads: a warning".into());
        }
        // ecplint against the table.
        if ours.worst("INPUT-001") != *worst {
            bad(format!(
                "INPUT-001 {:?}, want {worst:?}: {:?}",
                ours.worst("INPUT-001"),
                ours.of("INPUT-001")
            ));
        }
        if !says.is_empty()
            && !ours
                .of("INPUT-001")
                .iter()
                .any(|d| d.message.en.contains(says))
        {
            bad(format!(
                "no INPUT-001 saying {says:?}: {:?}",
                ours.of("INPUT-001")
            ));
        }
        if let Some(rule) = refusal {
            if !ours.of(rule).iter().any(|d| d.severity == Severity::Error) {
                bad(format!("helm refuses, but no {rule} error"));
            }
        }
        // Where Helm read the values, ecplint read the same.
        if let Some(v) = helm_values(case, "helm3") {
            if ours.values.as_ref() != Some(&v) {
                bad(format!("helm 3 read values {v}, ecplint {:?}", ours.values));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
