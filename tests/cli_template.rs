//! `ecplint template`: calls, exit statuses and Helm's errors before rendering. The fixtures are
//! under `tests/fixtures/render/` (see its README for how helm3 rendered them).

use std::process::Command;

fn ecplint(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const BASIC: &str = "tests/fixtures/render/basic";

#[test]
fn a_set_that_does_not_parse_is_a_bad_call() {
    let (code, out, err) = ecplint(&["template", BASIC, "--set", "image"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains(r#"failed parsing --set data: key "image" has no value"#),
        "{err}"
    );
    let (code, _, err) = ecplint(&["template", BASIC, "--set", "image", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法解析 --set 的值"), "{err}");
}

#[test]
fn unreadable_inputs_exit_2() {
    let (code, _, err) = ecplint(&["template", BASIC, "-f", "tests/fixtures/render/nope.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.yaml"), "{err}");
    let (code, _, _) = ecplint(&["template", "tests/fixtures/render/nope"]);
    assert_eq!(code, 2);
    let (code, _, _) = ecplint(&["template"]);
    assert_eq!(code, 2);
    let (code, _, err) = ecplint(&["template", BASIC, "--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown flag"), "{err}");
}

#[test]
fn kube_version_constraint_is_checked_as_helm_does() {
    // helm3: "Error: chart requires kubeVersion: >=1.20.0-0 which is incompatible with Kubernetes v1.19.0"
    let (code, out, err) = ecplint(&["template", BASIC, "--kube-version", "1.19.0"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains(
            "chart requires kubeVersion: >=1.20.0-0 which is incompatible with Kubernetes v1.19.0"
        ),
        "{err}"
    );
    let (code, _, err) = ecplint(&["template", BASIC, "--kube-version", "banana"]);
    assert_eq!(code, 2, "{err}");
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/render/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn renders_as_helm_does() {
    let call = [
        "template",
        BASIC,
        "--release-name",
        "rel",
        "--namespace",
        "ns",
        "--kube-version",
        "1.29.0",
    ];
    let (code, out, err) = ecplint(&call);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("basic.helm.yaml"));
    // db switched on by its condition, a value set.
    let mut call = call.to_vec();
    call.extend(["--set", "db.enabled=true,image.tag=2"]);
    let (code, out, err) = ecplint(&call);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("basic-db.helm.yaml"));
}

#[test]
fn a_missing_dependency_is_looked_up_among_the_paths_or_reported() {
    let app = "tests/fixtures/render/needs-toolkit";
    let toolkit = "tests/fixtures/render/helm-toolkit";
    let (code, out, err) = ecplint(&[
        "template",
        app,
        toolkit,
        "--release-name",
        "rel",
        "--namespace",
        "ns",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("needs-toolkit.helm.yaml"));
    let (code, out, err) = ecplint(&[
        "template",
        app,
        "--release-name",
        "rel",
        "--namespace",
        "ns",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("name: plain") && !out.contains("ConfigMap"),
        "{out}"
    );
    assert!(
        err.contains("needs-toolkit/templates/configmap.yaml not rendered")
            && err.contains("\"helm-toolkit.snippets.name\"")
            && err.contains("`helm-toolkit`"),
        "{err}"
    );
}

#[test]
fn json_maps_lines_to_templates_and_defaults_follow_the_platform() {
    let (code, out, err) = ecplint(&[
        "template",
        BASIC,
        "--format",
        "json",
        "--show-only",
        "templates/service.yaml",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["source"], "basic/templates/service.yaml");
    assert_eq!(doc["kind"], "Service");
    // No --release-name: the product ID.
    assert_eq!(doc["name"], "basic-basic");
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines.len(), doc["text"].as_str().unwrap().lines().count());
    // `  name: {{ include "basic.fullname" . }}` is line 4 of service.yaml.
    assert_eq!(lines[3]["template"], "basic/templates/service.yaml");
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[0]["line"], 1);
}

#[test]
fn a_failing_template_is_reported_and_the_others_still_render() {
    // helm3: Error: execution error at (basic/templates/guard.yaml:2:3): broken on purpose
    let (code, out, err) = ecplint(&["template", BASIC, "--set", "broken=true"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("# Source: basic/templates/service.yaml"),
        "{out}"
    );
    assert!(
        out.contains("# Source: basic/templates/deployment.yaml"),
        "{out}"
    );
    assert!(err.contains("basic/templates/guard.yaml:2:"), "{err}");
    assert!(err.contains("broken on purpose"), "{err}");
}
