//! `ecplint config`: the config preview on the command line (README "Config preview"), and
//! `charts[].config` in `ecplint check --format json`.

use ecplint::yaml::{self, YamlLimits};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIX: &str = "tests/fixtures/config-preview";

fn ecplint(args: &[&str]) -> Output {
    ecplint_stdin(args, None)
}

fn ecplint_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ecplint");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().expect("ecplint ran")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

fn fix(p: &str) -> String {
    format!("{FIX}/{p}")
}

fn layer_of<'v>(config: &'v Value, path: &str) -> &'v str {
    config["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("no provenance for {path}"))["layer"]
        .as_str()
        .unwrap()
}

#[test]
fn the_guides_example_as_commented_yaml() {
    let o = ecplint(&[
        "config",
        &fix("guide"),
        "--chart",
        "cloud_product_1",
        "--license",
        &fix("license-guide.yaml"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("    api: 2  # data_template (_config_helpers.yaml.tpl:4)\n"),
        "{out}"
    );
    assert!(
        out.contains("    dashboard: 3  # license (license-guide.yaml:14)\n"),
        "{out}"
    );
    assert!(
        out.contains("    db: 1  # values (values.yaml:6)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "# layers, lowest priority first: values < data_template < topology < license"
        ),
        "{out}"
    );
    // what it prints reads back as the final values
    let y = yaml::parse(&out, YamlLimits::default());
    assert!(y.problems.is_empty(), "{:?}", y.problems);
    let replicas = y.root().unwrap().get_path(&["pod", "replicas"]).unwrap();
    for (k, v) in [("api", "2"), ("dashboard", "3"), ("db", "1")] {
        assert_eq!(replicas.get(k).unwrap().as_scalar().unwrap().text, v);
    }
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_guides_example_for_both_products_and_as_json() {
    let o = ecplint(&[
        "config",
        &fix("guide"),
        "--license",
        &fix("license-guide.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let list = v.as_array().expect("two charts: a list");
    assert_eq!(list.len(), 2);
    for item in list {
        let c = &item["config"];
        assert_eq!(
            c["values"],
            serde_json::json!({"pod": {"replicas": {"api": 2, "dashboard": 3, "db": 1}}}),
            "{}",
            item["chart"]
        );
        assert_eq!(layer_of(c, "pod.replicas.dashboard"), "license");
        assert_eq!(
            c["layers"],
            serde_json::json!(["values", "data_template", "topology", "license"])
        );
    }
    // one chart: the config object itself
    let o = ecplint(&[
        "config",
        &fix("guide"),
        "--chart",
        "platform_software_1",
        "-f",
        "json",
    ]);
    let c = json(&o);
    assert_eq!(c["product"], "platform_software_1");
    assert_eq!(c["values"]["pod"]["replicas"]["dashboard"], 2);
    let diff = c["diff"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = diff
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("pod.replicas.api", "changed"),
            ("pod.replicas.dashboard", "changed"),
            ("pod.replicas.db", "unchanged")
        ]
    );
    assert_eq!(diff[0]["old"], 1);
    assert_eq!(diff[0]["new"], 2);
}

#[test]
fn every_layer_and_the_older_license() {
    let o = ecplint(&[
        "config",
        &fix("orbit-portal"),
        &fix("mariadb"),
        "--license",
        &fix("license.yaml"),
        "--config-crd",
        &fix("config-crd.yaml"),
        "--custom",
        &fix("custom.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let c = json(&o);
    assert_eq!(c["product"], "orbit-portal");
    assert_eq!(
        c["layers"],
        serde_json::json!([
            "values",
            "data_template",
            "config_crd",
            "topology",
            "license",
            "custom_config"
        ])
    );
    assert_eq!(c["replicas_by_modality"], 2);
    assert_eq!(c["replicas_from_license"], true);
    assert_eq!(c["products"], serde_json::json!(["mariadb"]));
    let r = &c["values"]["pod"]["replicas"];
    assert_eq!(
        (
            r["api"].clone(),
            r["dashboard"].clone(),
            r["worker"].clone()
        ),
        (2.into(), 3.into(), 2.into())
    );
    assert_eq!(layer_of(&c, "pod.replicas.api"), "data_template");
    assert_eq!(layer_of(&c, "pod.replicas.dashboard"), "license");
    assert_eq!(layer_of(&c, "pod.replicas.worker"), "topology");
    assert_eq!(layer_of(&c, "conf.debug"), "license");
    assert_eq!(layer_of(&c, "conf.theme"), "custom_config");
    assert_eq!(c["values"]["conf"]["theme"], "light");
    // custom_config `user: null` deletes values.yaml's user, as Helm does
    assert!(c["values"]["endpoints"]["oslo_db"].get("user").is_none());
    assert!(c["diff"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["path"] == "endpoints.oslo_db.user"
            && d["kind"] == "removed"
            && d["old"] == "portal"));
    // the config CRD's `data`, with its place
    let crd = c["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["layer"] == "config_crd")
        .unwrap();
    assert_eq!(crd["at"], "data");

    let o = ecplint(&[
        "config",
        &fix("orbit-portal"),
        "--license",
        &fix("license-legacy.yaml"),
        "--format",
        "json",
    ]);
    let c = json(&o);
    assert_eq!(c["replicas_by_modality"], 4);
    assert_eq!(c["values"]["pod"]["replicas"]["api"], 4);
    assert_eq!(c["layers"], serde_json::json!(["values", "data_template"]));
}

#[test]
fn license_from_standard_input() {
    let license = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fix("license-guide.yaml")),
    )
    .unwrap();
    let o = ecplint_stdin(
        &[
            "config",
            &fix("guide"),
            "--chart",
            "cloud_product_1",
            "--license",
            "-",
        ],
        Some(&license),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("dashboard: 3  # license (<stdin>:14)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn errors_in_inputs_are_reported_and_exit_1() {
    let o = ecplint_stdin(
        &[
            "config",
            &fix("guide"),
            "--chart",
            "cloud_product_1",
            "--license",
            "-",
        ],
        Some("data:\n  cloud_product: [\n"),
    );
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.starts_with("error: cloud_product_1: <stdin>:"), "{err}");
    assert!(err.contains("YAML syntax error"), "{err}");
    // the preview still comes: without the license
    assert!(
        stdout(&o).contains("dashboard: 2  # data_template"),
        "{}",
        stdout(&o)
    );
    // in Chinese
    let o = ecplint_stdin(
        &[
            "config",
            &fix("guide"),
            "--chart",
            "cloud_product_1",
            "--license",
            "-",
            "--lang",
            "zh",
        ],
        Some("- not a license\n"),
    );
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("license 应为映射"), "{}", stderr(&o));
    // a product the license does not name: an info, exit 0
    let o = ecplint_stdin(
        &[
            "config",
            &fix("orbit-portal"),
            &fix("mariadb"),
            "--license",
            "-",
        ],
        Some("cloud_product:\n- orbit-portl:\n    ttl: -1\n"),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("did you mean `orbit-portl`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn wrong_calls_exit_2() {
    for (args, want) in [
        (vec!["config"], "needs a PATH"),
        (vec!["config", FIX, "--format", "text"], "yaml or json"),
        (
            vec!["config", FIX, "--licence", "x"],
            "did you mean `--license`",
        ),
        (vec!["config", "no/such/path"], "could not be read"),
    ] {
        let o = ecplint(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    let o = ecplint(&["config", &fix("guide"), "--chart", "cloud_product_2"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `cloud_product_1`"),
        "{}",
        stderr(&o)
    );
    let o = ecplint(&["config", &fix("guide"), "--license", "no/such/license.yaml"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("--license: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = ecplint(&["config", &fix("guide"), "--license", "-", "--custom", "-"]);
    assert_eq!(code(&o), 2);
    let o = ecplint(&["config", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("ecplint config PATH..."));
}

#[test]
fn a_dependency_not_given_is_not_installed() {
    // orbit-portal reads mariadb: alone, those reads fail (exit 1) and safe_render falls back
    let o = ecplint(&["config", &fix("orbit-portal"), "-f", "json"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("_config_helpers.yaml.tpl:12:") && err.contains("`mariadb`"),
        "{err}"
    );
    let c = json(&o);
    assert_eq!(c["values"]["endpoints"]["oslo_db"]["host"], "localhost");
    assert_eq!(c["values"]["conf"]["db_mode"], "embedded");
    // given alongside, it is installed: its rendered data_template is read
    let o = ecplint(&[
        "config",
        &fix("orbit-portal"),
        &fix("mariadb"),
        "-f",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let c = json(&o);
    let db = &c["values"]["endpoints"]["oslo_db"];
    assert_eq!(db["host"], "mariadb.openstack.svc.cluster.local");
    assert_eq!(db["port"], 3306);
    assert_eq!(db["password"].as_str().unwrap().len(), 12);
    assert_eq!(c["values"]["conf"]["db_mode"], "external");
    // or given as a product config
    let o = ecplint_stdin(
        &[
            "config",
            &fix("orbit-portal"),
            "--products",
            "-",
            "-f",
            "json",
        ],
        Some("mariadb:\n  endpoints:\n    admin: {host: h, port: 1, password: p}\n"),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["values"]["endpoints"]["oslo_db"]["password"], "p");
}

#[test]
fn check_json_has_the_config_of_product_charts() {
    let o = ecplint(&[
        "check",
        &fix("orbit-portal"),
        &fix("mariadb"),
        "--format",
        "json",
    ]);
    let v = json(&o);
    let portal = &v["inputs"][0]["charts"][0];
    assert_eq!(portal["name"], "orbit-portal");
    let c = &portal["config"];
    assert_eq!(c["layers"], serde_json::json!(["values", "data_template"]));
    assert_eq!(
        c["products"],
        serde_json::json!(["mariadb"]),
        "the catalog pass sees the other input"
    );
    assert!(c["rendered_template"]
        .as_str()
        .unwrap()
        .starts_with("data_template:"));
    assert_eq!(v["inputs"][1]["charts"][0]["config"]["product"], "mariadb");
    // good-project has one too; a chart without _config_helpers has none
    let o = ecplint(&["check", "tests/fixtures/cli-bad-chart", "--format", "json"]);
    let v = json(&o);
    for chart in v["inputs"][0]["charts"].as_array().unwrap() {
        let has_helpers = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(chart["root"].as_str().unwrap())
            .join("templates/_config_helpers.yaml.tpl")
            .exists();
        assert_eq!(
            chart.get("config").is_some(),
            has_helpers,
            "{}",
            chart["root"]
        );
    }
}
