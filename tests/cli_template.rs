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
    assert!(err.contains(r#"failed parsing --set data: key "image" has no value"#), "{err}");
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
        err.contains("chart requires kubeVersion: >=1.20.0-0 which is incompatible with Kubernetes v1.19.0"),
        "{err}"
    );
    let (code, _, err) = ecplint(&["template", BASIC, "--kube-version", "banana"]);
    assert_eq!(code, 2, "{err}");
}
