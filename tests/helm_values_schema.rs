//! HELM-005 against what the real Helm did, without Helm: `scripts/helm-oracle/values-schema.py`
//! rendered each case of `tests/helm/values-schema.json` (a chart, its values.schema.json, maybe a
//! subchart with its own, maybe `--set`) with helm 3.17.3 and helm 4.1.4 and recorded whether each
//! refused it. HELM-005 must report an error exactly where Helm 4 refuses: Helm 4 and Helm 3.18+
//! validate with santhosh-tekuri/jsonschema, whose Rust port (boon) ecplint uses; Helm 3.17's
//! gojsonschema differs on formats and newer drafts (counted, not asserted).
#![cfg(feature = "values-schema")]

use ecplint::diagnostic::Severity;
use ecplint::input::{File, Source};
use ecplint::{check, Options};
use serde_json::Value as Json;

const TABLE: &str = include_str!("helm/values-schema.json");

fn file(path: &str, text: &str) -> File {
    File {
        path: path.into(),
        data: text.as_bytes().to_vec(),
    }
}

#[test]
fn helm_005_refuses_what_helm_4_refuses() {
    let table: Json = serde_json::from_str(TABLE).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let (mut disagreements, mut helm3_differs) = (Vec::new(), 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let mut files = vec![
            file("c/values.yaml", case["values"].as_str().unwrap()),
            file("c/values.schema.json", case["schema"].as_str().unwrap()),
            file(
                "c/templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n",
            ),
        ];
        let mut chart_yaml = "apiVersion: v2\nname: c\nversion: 0.1.0\n".to_string();
        if let Some(sub) = case["sub_schema"].as_str() {
            chart_yaml.push_str("dependencies:\n  - name: sub\n    version: 0.1.0\n");
            files.push(file(
                "c/charts/sub/Chart.yaml",
                "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            ));
            files.push(file("c/charts/sub/values.schema.json", sub));
        }
        files.push(file("c/Chart.yaml", &chart_yaml));
        let mut options = Options::default();
        options.render.set = case["set"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        let report = check(
            vec![Source::Folder {
                name: "c".into(),
                files,
            }],
            &options,
        );
        let ours: Vec<String> = report.inputs[0]
            .diagnostics
            .iter()
            .filter(|d| d.rule == "HELM-005" && d.severity == Severity::Error)
            .map(|d| d.message.en.clone())
            .collect();
        let helm4 = case["helm4"]["refused"].as_bool().unwrap();
        helm3_differs += usize::from(case["helm3"]["refused"].as_bool().unwrap() != helm4);
        if ours.is_empty() == helm4 {
            disagreements.push(format!(
                "{name}: helm 4 {}, HELM-005 {ours:?}",
                if helm4 { "refuses" } else { "renders" }
            ));
        }
    }
    assert!(disagreements.is_empty(), "\n{}", disagreements.join("\n"));
    eprintln!(
        "{} cases agree with helm 4; helm 3.17 differs on {helm3_differs}",
        cases.len()
    );
}
