//! The `ecplint` binary end to end: exit codes, the three output formats, languages, rule docs,
//! folder reading, and the README rule table.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BAD: &str = "tests/fixtures/cli-bad-chart";
const GOOD: &str = "tests/fixtures/good-project";

/// Run the binary from the crate root (so fixture paths are relative and output is stable).
fn ecplint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run ecplint")
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

#[test]
fn good_project_exits_0() {
    let o = ecplint(&["check", GOOD, "--color", "never"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("summary: 0 errors"), "{out}");
    assert!(out.contains("chart mycloud-product"), "{out}");
    assert!(out.contains("resources: "), "{out}");
}

#[test]
fn bad_chart_exits_1_with_positions() {
    let o = ecplint(&["check", BAD, "--color", "never"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    // `name: My_Product` on line 3; the duplicate `description` key on line 5.
    assert!(
        out.contains(&format!("{BAD}/Chart.yaml:3:7: error[CHART-001] ")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{BAD}/Chart.yaml:5:1: warning[HELM-003] ")),
        "{out}"
    );
    // A code frame with carets under the name, and a help line.
    assert!(
        out.contains("3 | name: My_Product\n  |       ^^^^^^^^^^\n"),
        "{out}"
    );
    assert!(out.contains("= help: "), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colours when not asked for and not a terminal"
    );
}

#[test]
fn bad_chart_text_snapshot() {
    let o = ecplint(&["check", BAD, "--color", "never"]);
    insta::assert_snapshot!("bad_chart_text", stdout(&o));
}

#[test]
fn color_always_and_never() {
    let o = ecplint(&["check", BAD, "--color", "always"]);
    assert!(stdout(&o).contains("\u{1b}[1;31m"), "{}", stdout(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(["check", BAD])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn zh_output_is_chinese() {
    let o = ecplint(&["check", BAD, "--lang", "zh", "--color", "never"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains(": 错误[CHART-001] "), "{out}");
    assert!(out.contains("= 帮助："), "{out}");
    assert!(out.contains("资源："), "{out}");
    assert!(out.contains("汇总："), "{out}");
}

#[test]
fn json_is_the_report() {
    let o = ecplint(&["check", BAD, GOOD, "--format", "json"]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["schema"], 1);
    assert_eq!(v["tool"]["name"], "ecplint");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let inputs = v["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    assert_eq!(inputs[0]["path"], BAD);
    assert_eq!(inputs[1]["path"], GOOD);
    let errors = v["summary"]["errors"].as_u64().unwrap();
    assert!(errors >= 2, "{v}");
    assert!(v["summary"]["warnings"].is_u64() && v["summary"]["infos"].is_u64());
    // File paths are `<folder name>/<path inside it>`.
    let d = inputs[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "CHART-001")
        .expect("CHART-001 reported");
    assert_eq!(d["file"], "cli-bad-chart/Chart.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(7))
    );
    assert_eq!(d["severity"], "error");
    assert!(d["message_zh"].is_string());
    assert_eq!(
        inputs[1]["charts"][0]["root"],
        "good-project/chart/mycloud-product"
    );
    // `--format json` is exactly `Report::to_json()`: pretty, with a final newline.
    assert!(stdout(&o).starts_with("{\n  \"schema\": 1,"));
}

#[test]
fn json_matches_the_library_report() {
    // The CLI reads a folder into `<name>/<path>` files (`input::fs`); the library's `check` given
    // the same files must produce the same report.
    let o = ecplint(&["check", GOOD, "--format", "json"]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD);
    let files = ecplint::input::fs::read_path(&root, &Default::default())
        .input
        .files;
    let source = ecplint::input::Source::Folder {
        name: GOOD.to_string(),
        files,
    };
    let report = ecplint::check(vec![source], &ecplint::Options::default());
    let lib: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(lib, json(&o));
}

fn check_sarif(v: &Value) {
    assert!(v["$schema"].as_str().unwrap().starts_with("https://"));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "ecplint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ecplint::rules::ALL.len());
    let levels = ["none", "note", "warning", "error"];
    for r in rules {
        for key in ["id", "name"] {
            assert!(r[key].is_string(), "rule lacks {key}: {r}");
        }
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{r}"
        );
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{r}"
        );
        assert!(
            levels.contains(&r["defaultConfiguration"]["level"].as_str().unwrap()),
            "{r}"
        );
    }
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for res in run["results"].as_array().unwrap() {
        let id = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], id);
        assert!(
            ["note", "warning", "error"].contains(&res["level"].as_str().unwrap()),
            "{res}"
        );
        assert!(res["message"]["text"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
        match res["properties"]["file"].as_str() {
            None => assert!(
                res.get("locations").is_none(),
                "a result without a file has no location: {res}"
            ),
            Some(_) => {
                let loc = &res["locations"][0]["physicalLocation"];
                assert!(loc["artifactLocation"]["uri"].is_string(), "{res}");
                if let Some(region) = loc.get("region") {
                    for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                        assert!(
                            region[key].as_u64().is_some_and(|n| n >= 1),
                            "{key} in {res}"
                        );
                    }
                    assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
                }
            }
        }
    }
}

#[test]
fn sarif_structure() {
    let o = ecplint(&["check", BAD, "no/such/path", "--format", "sarif"]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    check_sarif(&v);
    let results = v["runs"][0]["results"].as_array().unwrap();
    let name = results
        .iter()
        .find(|r| r["ruleId"] == "CHART-001")
        .expect("CHART-001 result");
    let loc = &name["locations"][0]["physicalLocation"];
    // Paths as given on the command line, so code scanning finds the file from the repo root.
    assert_eq!(loc["artifactLocation"]["uri"], format!("{BAD}/Chart.yaml"));
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 7);
    assert_eq!(loc["region"]["endColumn"], 17);
    assert_eq!(name["level"], "error");
    // The unreadable path: an INPUT-001 result without a location.
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "INPUT-001" && r["properties"]["input"] == "no/such/path")
        .expect("INPUT-001 for the missing path");
    assert!(missing.get("locations").is_none());
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

/// Validates against the official schema (2.1.0-rtm.5, vendored from the npm package
/// `@microsoft/jest-sarif`, MIT) when Python's `jsonschema` is at hand; skipped otherwise (no JSON
/// Schema crate: the one that does draft-04 brings ~75 crates).
#[test]
fn sarif_validates_against_the_schema() {
    let has_validator = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_validator {
        eprintln!("skipped: python3 with jsonschema not found");
        return;
    }
    let o = ecplint(&["check", BAD, GOOD, "no/such/path", "--format", "sarif"]);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("cli-test.sarif");
    std::fs::write(&file, &o.stdout).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sarif/sarif-schema-2.1.0-rtm.5.json");
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1], encoding='utf-8'))\n\
        doc = json.load(open(sys.argv[2], encoding='utf-8'))\n\
        errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))\n\
        [print(e.message, list(e.absolute_path)) for e in errors[:10]]\n\
        sys.exit(1 if errors else 0)\n";
    let v = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        v.status.success(),
        "SARIF does not validate:\n{}{}",
        stdout(&v),
        stderr(&v)
    );
}

#[test]
fn missing_path_exits_2() {
    let o = ecplint(&["check", "no/such/path", "--format", "json"]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let input = &v["inputs"][0];
    assert_eq!(input["path"], "no/such/path");
    assert_eq!(input["unreadable"], true);
    assert_eq!(input["charts"].as_array().unwrap().len(), 0);
    assert_eq!(input["diagnostics"][0]["rule"], "INPUT-001");
    // Even beside a good input: one unreadable input makes it 2.
    let o = ecplint(&["check", GOOD, "no/such/path"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn a_file_that_is_not_an_archive_is_reported() {
    let o = ecplint(&["check", &format!("{BAD}/Chart.yaml"), "--format", "json"]);
    let v = json(&o);
    assert_ne!(code(&o), 0, "{v}");
    let diags = v["inputs"][0]["diagnostics"].as_array().unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["rule"] == "INPUT-001" || d["rule"] == "LAYOUT-001"),
        "{v}"
    );
}

#[test]
fn bad_usage_exits_2_with_usage() {
    for args in [
        &["check", GOOD, "--bogus"][..],
        &["check"],
        &[],
        &["check", GOOD, "--format", "yaml"],
        &["check", GOOD, "--lang", "fr"],
        &["check", GOOD, "--format"],
        &["chekc", GOOD],
        &["rules", "--format", "sarif"],
    ] {
        let o = ecplint(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let o = ecplint(&["check", GOOD, "--formt", "json"]);
    assert!(
        stderr(&o).contains("did you mean `--format`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_and_version() {
    for args in [&["help"][..], &["--help"], &["-h"], &["check", "--help"]] {
        let o = ecplint(args);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains("ecplint check PATH..."));
    }
    let o = ecplint(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o).trim(),
        format!("ecplint {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn rule_prints_its_docs() {
    let o = ecplint(&["rule", "CHART-001"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let rule = ecplint::rules::find("CHART-001").unwrap();
    assert!(out.starts_with("CHART-001: "), "{out}");
    assert!(out.contains(&ecplint::output::rule_docs(rule)), "{out}");
    // IDs are case-insensitive; --lang zh gives the Chinese title and words.
    let o = ecplint(&["rule", "chart-001", "--lang", "zh"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("级别："), "{}", stdout(&o));
    // A severity that depends on the case is said so, before the docs' table of cases.
    let o = ecplint(&["rule", "HELM-003", "--color", "never"]);
    assert!(
        stdout(&o)
            .contains("\nseverity: warning (by case: error/warning, see below) · group: HELM"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("| Where | Severity | Why |"));
}

#[test]
fn unknown_rule_exits_2_with_a_suggestion() {
    let o = ecplint(&["rule", "NOPE-1"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unknown rule `NOPE-1`"),
        "{}",
        stderr(&o)
    );
    let o = ecplint(&["rule", "CHART-01"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `CHART-001`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_lists_every_rule() {
    let o = ecplint(&["rules", "--color", "never"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), ecplint::rules::ALL.len() + 1);
    for r in ecplint::rules::ALL {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{} ", r.id))),
            "{} missing",
            r.id
        );
    }
    let o = ecplint(&["rules", "--format", "json"]);
    let v = json(&o);
    assert_eq!(v.as_array().unwrap().len(), ecplint::rules::ALL.len());
    assert!(v[0]["id"].is_string() && v[0]["severity"].is_string() && v[0]["docs"].is_string());
    let scope = |id: &str| {
        let rules = v.as_array().unwrap();
        rules.iter().find(|r| r["id"] == id).unwrap()["scope"].clone()
    };
    assert_eq!(scope("INPUT-001"), "input");
    assert_eq!(scope("LAYOUT-005"), "project");
    assert_eq!(scope("CHART-001"), "chart");
    // A rule whose severity depends on the case: its default, and every severity it gives.
    let rule = |id: &str| {
        let rules = v.as_array().unwrap();
        rules.iter().find(|r| r["id"] == id).unwrap().clone()
    };
    assert_eq!(rule("HELM-003")["severity"], "warning");
    assert_eq!(
        rule("HELM-003")["severities"],
        serde_json::json!(["error", "warning"])
    );
    assert_eq!(
        rule("CHART-001")["severities"],
        serde_json::json!(["error"])
    );
    let line = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap()
            .to_string()
    };
    assert!(
        line("HELM-003").contains(" error/warning "),
        "{}",
        line("HELM-003")
    );
    assert!(
        line("INPUT-001").contains(" error/warning/info "),
        "{}",
        line("INPUT-001")
    );
    assert!(line("HELM-004").contains(" info "), "{}", line("HELM-004"));
    let o = ecplint(&["rules", "--format", "markdown", "--lang", "zh"]);
    assert!(stdout(&o).starts_with("| 编号 |"));
    assert!(stdout(&o).contains("| `HELM-003` | 错误/警告 | HELM |"));
}

#[test]
fn readme_rule_table_is_up_to_date() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let from = readme
        .find(start)
        .expect("README.md has <!-- rules:start -->")
        + start.len();
    let to = readme[from..]
        .find(end)
        .expect("README.md has <!-- rules:end -->")
        + from;
    let o = ecplint(&["rules", "--format", "markdown"]);
    assert_eq!(
        readme[from..to],
        stdout(&o),
        "the rule table in README.md is out of date: run `scripts/update-readme-rules.sh` \
         (or paste the output of `cargo run -- rules --format markdown` between the markers)"
    );
}

/// A scratch folder under the target dir, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[cfg(unix)]
#[test]
fn folder_symlinks_are_reported_not_followed() {
    let dir = scratch("symlinks");
    let chart = dir.join("mycloud-product");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(GOOD)
            .join("chart/mycloud-product"),
        &chart,
    );
    std::fs::write(dir.join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), chart.join("templates/link.yaml")).unwrap();
    std::os::unix::fs::symlink(&dir, chart.join("loop")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(["check", chart.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v = json(&o);
    let input = &v["inputs"][0];
    let files: Vec<&str> = input["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"mycloud-product/Chart.yaml"), "{files:?}");
    assert!(
        !files
            .iter()
            .any(|f| f.contains("link.yaml") || f.contains("loop")),
        "{files:?}"
    );
    let input_001: Vec<&Value> = input["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "INPUT-001")
        .collect();
    for path in [
        "mycloud-product/templates/link.yaml",
        "mycloud-product/loop",
    ] {
        assert!(
            input_001.iter().any(|d| d["file"] == path),
            "{path} not reported: {input_001:?}"
        );
    }
}

#[test]
fn folder_entry_limit_stops_the_walk() {
    let dir = scratch("many-entries");
    let chart = dir.join("many");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(GOOD)
            .join("chart/mycloud-product"),
        &chart,
    );
    let extra = chart.join("files");
    std::fs::create_dir_all(&extra).unwrap();
    let max = ecplint::input::Limits::default().max_entries;
    for i in 0..max + 5 {
        std::fs::write(extra.join(format!("f{i:05}")), "").unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(["check", chart.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v = json(&o);
    let input = &v["inputs"][0];
    assert!(input["files"].as_array().unwrap().len() <= max);
    let diags = input["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d["rule"] == "INPUT-001" && d["message"].as_str().unwrap().contains("entries")),
        "{diags:?}"
    );
    assert_eq!(code(&o), 1);
}

/// A packaged chart (`helm package` layout), made with the system `tar`; skipped without it.
fn good_chart_tgz(name: &str) -> Option<PathBuf> {
    let dir = scratch(name);
    let tgz = dir.join("mycloud-product-1.0.0.tgz");
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(GOOD)
        .join("chart");
    let ok = Command::new("tar")
        .arg("-czf")
        .arg(&tgz)
        .arg("-C")
        .arg(&src)
        .arg("mycloud-product")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: no `tar` to build an archive");
        return None;
    }
    Some(tgz)
}

#[test]
fn archive_input_is_read() {
    let Some(tgz) = good_chart_tgz("archive") else {
        return;
    };
    let o = ecplint(&["check", tgz.to_str().unwrap(), "--format", "json"]);
    let v = json(&o);
    // The good chart tarred without the `helm-toolkit` a `helm package` build would put under
    // `charts/`: its one error is LAYOUT-009's, as `helm install` would refuse it.
    let errors: Vec<&str> = v["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["LAYOUT-009"], "{v}");
    assert_eq!(code(&o), 1, "{v}");
    let input = &v["inputs"][0];
    assert_eq!(input["unreadable"], false);
    assert_eq!(input["charts"][0]["name"], "mycloud-product");
    assert_eq!(input["charts"][0]["root"], "mycloud-product");
    assert!(
        input["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "mycloud-product/Chart.yaml"),
        "{v}"
    );
    // Text output names files by their path inside the archive.
    let o = ecplint(&["check", tgz.to_str().unwrap(), "--color", "never"]);
    assert!(
        stdout(&o).contains("chart mycloud-product 1.0.0 at mycloud-product\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn truncated_archive_is_an_input_problem() {
    let Some(tgz) = good_chart_tgz("truncated") else {
        return;
    };
    let data = std::fs::read(&tgz).unwrap();
    std::fs::write(&tgz, &data[..data.len() / 2]).unwrap();
    let o = ecplint(&["check", tgz.to_str().unwrap(), "--format", "json"]);
    let v = json(&o);
    assert_ne!(code(&o), 0, "{v}");
    let diags = v["inputs"][0]["diagnostics"].as_array().unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["rule"] == "INPUT-001" && d["severity"] == "error"),
        "{v}"
    );
}

/// `check` renders with the user's values: `--values`/`--set` change what the manifest rules
/// see; a `--set` that does not parse or a values file that cannot be read is a wrong call (2).
#[test]
fn check_renders_with_the_users_values() {
    let chart = "tests/fixtures/render/basic";
    let image = |o: &Output| {
        let report: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        report["inputs"][0]["charts"][0]["images"][0]["image"].clone()
    };
    let plain = ecplint(&["check", chart, "--format", "json"]);
    assert_eq!(image(&plain), "nginx:1.25");
    assert!(!stdout(&plain).contains("\"IMG-001\""));
    let latest = ecplint(&[
        "check",
        chart,
        "--format",
        "json",
        "--set",
        "image.tag=latest",
    ]);
    assert_eq!(image(&latest), "nginx:latest");
    assert!(
        stdout(&latest).contains("\"IMG-001\""),
        "{}",
        stdout(&latest)
    );
    let values = std::env::temp_dir().join(format!("ecplint-values-{}.yaml", std::process::id()));
    std::fs::write(&values, "image:\n  tag: \"1.27\"\n").unwrap();
    let from_file = ecplint(&[
        "check",
        chart,
        "--format",
        "json",
        "--values",
        values.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&values);
    assert_eq!(image(&from_file), "nginx:1.27");
    let bad = ecplint(&["check", chart, "--set", "a[=1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("failed parsing --set data"),
        "{}",
        stderr(&bad)
    );
    let missing = ecplint(&["check", chart, "--values", "no/such.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
}

/// One test case per rule and file with findings; a case fails at `--fail-on`'s severity; the
/// XML parses (checked with Python's parser when at hand).
#[test]
fn junit_report() {
    let o = ecplint(&["check", BAD, "--format", "junit"]);
    assert_eq!(code(&o), 1);
    let xml = stdout(&o);
    let findings = json(&ecplint(&["check", BAD, "--format", "json"]));
    let diagnostics = findings["inputs"][0]["diagnostics"].as_array().unwrap();
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut failing: Vec<(String, String)> = Vec::new();
    for d in diagnostics {
        let pair = (d["rule"].to_string(), d["file"].to_string());
        if d["severity"] == "error" && !failing.contains(&pair) {
            failing.push(pair.clone());
        }
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    assert_eq!(xml.matches("<testcase ").count(), pairs.len(), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), failing.len(), "{xml}");
    assert!(xml.contains(&format!(
        "<testcase classname=\"CHART-001\" name=\"CHART-001 {BAD}/Chart.yaml\">"
    )));
    // Failing on warnings too: more cases fail, and so does the exit status.
    let warnings = stdout(&ecplint(&[
        "check",
        BAD,
        "--format",
        "junit",
        "--fail-on",
        "warning",
    ]));
    assert!(warnings.matches("<failure ").count() > failing.len());
    let has_python = Command::new("python3")
        .args(["-c", "import xml.etree.ElementTree"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_python {
        let dir = scratch("junit");
        let file = dir.join("report.xml");
        std::fs::write(&file, &xml).unwrap();
        let parsed = Command::new("python3")
            .args([
                "-c",
                "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); \
                 print(r.get('tests'), len(r.findall('.//testcase')))",
            ])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            parsed.status.success(),
            "{}",
            String::from_utf8_lossy(&parsed.stderr)
        );
        let n = pairs.len();
        assert_eq!(
            String::from_utf8_lossy(&parsed.stdout).trim(),
            format!("{n} {n}")
        );
    }
}

/// One workflow command per finding, at its place, then a summary line.
#[test]
fn github_annotations() {
    let o = ecplint(&["check", BAD, "--format", "github"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let findings = json(&ecplint(&["check", BAD, "--format", "json"]));
    let n = findings["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), n + 1, "{out}");
    assert!(lines[..n].iter().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "::error file={BAD}/Chart.yaml,line=3,col=7,endLine=3,endColumn=17,title=CHART-001"
        ))),
        "{out}"
    );
    assert!(lines[n].starts_with("ecplint: "));
}

#[test]
fn fail_on_sets_the_exit_status() {
    // The good project has info findings only.
    assert_eq!(code(&ecplint(&["check", GOOD])), 0);
    assert_eq!(code(&ecplint(&["check", GOOD, "--fail-on", "warning"])), 0);
    assert_eq!(code(&ecplint(&["check", GOOD, "--fail-on", "info"])), 1);
    let o = ecplint(&["check", GOOD, "--fail-on", "never"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--fail-on takes error, warning or info"));
}

/// A suppression comment silences a finding: it stays in JSON (marked with its reason) and
/// SARIF, leaves the counts; `--no-inline-suppressions` shows it as any other.
#[test]
fn inline_suppressions() {
    let dir = scratch("suppressions");
    copy_dir(Path::new(GOOD), &dir);
    let acl = dir.join("chart/mycloud-product/templates/_acl_helpers.yaml.tpl");
    let text = std::fs::read_to_string(&acl).unwrap();
    std::fs::write(
        &acl,
        format!(
            "# ecplint-disable-file ACL-005 -- installs into its product ID on purpose\n{text}"
        ),
    )
    .unwrap();
    let path = dir.to_str().unwrap();
    let find = |v: &Value| {
        v["inputs"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "ACL-005")
            .cloned()
            .expect("ACL-005 still reported")
    };
    let silenced = json(&ecplint(&["check", path, "--format", "json"]));
    assert_eq!(
        find(&silenced)["suppressed"]["reason"],
        "installs into its product ID on purpose"
    );
    assert_eq!(silenced["summary"]["suppressed"], 1);
    let all = json(&ecplint(&[
        "check",
        path,
        "--format",
        "json",
        "--no-inline-suppressions",
    ]));
    assert!(find(&all).get("suppressed").is_none());
    assert_eq!(all["summary"]["suppressed"], 0);
    assert_eq!(
        all["summary"]["infos"].as_u64().unwrap(),
        silenced["summary"]["infos"].as_u64().unwrap() + 1
    );
    let sarif = json(&ecplint(&["check", path, "--format", "sarif"]));
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ACL-005")
        .unwrap()
        .clone();
    assert_eq!(result["suppressions"][0]["kind"], "inSource");
    let text = stdout(&ecplint(&["check", path, "--color", "never"]));
    assert!(!text.contains("ACL-005"), "{text}");
    assert!(text.contains("1 suppressed"), "{text}");
}

/// `--write-baseline F` records today's findings (and reports them as baselined: exit 0);
/// `--baseline F` then reports only new ones, moved lines still matching; a bad F exits 2.
#[test]
fn baseline_write_then_apply() {
    let dir = scratch("baseline");
    let project = dir.join("proj");
    copy_dir(Path::new(GOOD), &project);
    let values = project.join("chart/mycloud-product/values.yaml");
    let text = std::fs::read_to_string(&values).unwrap();
    std::fs::write(&values, text.replace("busybox:1.36.1", "busybox:latest")).unwrap();
    let (path, file) = (project.to_str().unwrap(), dir.join("baseline.json"));
    let baseline = file.to_str().unwrap();
    assert_eq!(code(&ecplint(&["check", path])), 1, "IMG-001 is an error");

    let written = ecplint(&["check", path, "--write-baseline", baseline]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    assert!(stdout(&written).contains("by the baseline"));
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(recorded["ecplint_baseline"], 1);
    let img = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "IMG-001")
        .unwrap();
    assert_eq!(img["at"], "images.tags.hook");
    assert_eq!(img["file"], "proj/chart/mycloud-product/values.yaml");
    assert!(img.get("line").is_none());

    // Lines moved: still matched, reported as suppressed (kind baseline), counted.
    let moved = std::fs::read_to_string(&values).unwrap();
    std::fs::write(&values, format!("# moved down\n\n{moved}")).unwrap();
    let report = json(&ecplint(&[
        "check",
        path,
        "--baseline",
        baseline,
        "--format",
        "json",
    ]));
    let d = report["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "IMG-001")
        .unwrap()
        .clone();
    assert_eq!(d["suppressed"]["kind"], "baseline");
    assert_eq!(d["line"], 9);
    assert_eq!(report["summary"]["errors"], 0);
    assert!(report["summary"]["baselined"].as_u64().unwrap() >= 1);
    let sarif = json(&ecplint(&[
        "check",
        path,
        "--baseline",
        baseline,
        "--format",
        "sarif",
    ]));
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "IMG-001")
        .unwrap()
        .clone();
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert_eq!(code(&ecplint(&["check", path, "--baseline", baseline])), 0);

    // A new finding is reported.
    let now = std::fs::read_to_string(&values).unwrap();
    std::fs::write(
        &values,
        now.replace(
            "kubernetes-entrypoint:v0.2.1",
            "kubernetes-entrypoint:latest",
        ),
    )
    .unwrap();
    let o = ecplint(&["check", path, "--baseline", baseline, "--color", "never"]);
    assert_eq!(code(&o), 1);
    assert!(!stderr(&o).contains("are gone"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("kubernetes-entrypoint:latest"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("busybox:latest"), "{}", stdout(&o));

    // A recorded finding fixed: said on standard error.
    let now = std::fs::read_to_string(&values).unwrap();
    std::fs::write(&values, now.replace("busybox:latest", "busybox:1.36.1")).unwrap();
    let o = ecplint(&["check", path, "--baseline", baseline]);
    assert!(
        stderr(&o).contains("note: 1 finding(s) of the baseline are gone"),
        "{}",
        stderr(&o)
    );

    // Bad baselines: exit 2 with a message naming the file.
    let missing = dir.join("missing.json");
    let o = ecplint(&["check", path, "--baseline", missing.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("cannot read the baseline"),
        "{}",
        stderr(&o)
    );
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"ecplint_baseline\": 9, \"findings\": []}").unwrap();
    let o = ecplint(&[
        "check",
        path,
        "--baseline",
        bad.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("无法读取版本为 9 的基线"),
        "{}",
        stderr(&o)
    );
    let o = ecplint(&[
        "check",
        path,
        "--baseline",
        baseline,
        "--write-baseline",
        baseline,
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("do not go together"), "{}", stderr(&o));
    let o = ecplint(&["check", path, "--baseline"]);
    assert_eq!(code(&o), 2);
}

/// `.ecplint.yaml` read from a CLI path: severities and `off`, INPUT-003 at its place, and
/// --kube-version over the file's.
#[test]
fn project_config_from_the_path() {
    let dir = scratch("project-config");
    let project = dir.join("proj");
    copy_dir(Path::new(GOOD), &project);
    let values = project.join("chart/mycloud-product/values.yaml");
    let text = std::fs::read_to_string(&values).unwrap();
    std::fs::write(&values, text.replace("busybox:1.36.1", "busybox:latest")).unwrap();
    std::fs::write(
        project.join(".ecplint.yaml"),
        "rules:\n  IMG: warning\n  ACL-005: off\n  RES: offf\n",
    )
    .unwrap();
    let path = project.to_str().unwrap();
    let o = ecplint(&["check", path, "--format", "json"]);
    assert_eq!(code(&o), 0, "IMG-001 is a warning now");
    let report = json(&o);
    let diags = report["inputs"][0]["diagnostics"].as_array().unwrap();
    let img = diags.iter().find(|d| d["rule"] == "IMG-001").unwrap();
    assert_eq!(img["severity"], "warning");
    assert_eq!(img["configured"]["rule_severity"], "error");
    assert_eq!(img["configured"]["config"], "proj/.ecplint.yaml");
    assert!(diags.iter().all(|d| d["rule"] != "ACL-005"));
    let bad = diags.iter().find(|d| d["rule"] == "INPUT-003").unwrap();
    assert_eq!(
        (
            bad["file"].as_str(),
            bad["line"].as_u64(),
            bad["column"].as_u64()
        ),
        (Some("proj/.ecplint.yaml"), Some(4), Some(8))
    );
    assert_eq!(
        bad["help"],
        "did you mean `off`? (error, warning, info or off)"
    );
    assert_eq!(code(&ecplint(&["check", path, "--fail-on", "warning"])), 1);
    let text = stdout(&ecplint(&["check", path, "--color", "never"]));
    assert!(
        text.contains("= note: warning by ") && text.contains(".ecplint.yaml (the rule's: error)"),
        "{text}"
    );
    let zh = stdout(&ecplint(&[
        "check", path, "--color", "never", "--lang", "zh",
    ]));
    assert!(zh.contains("设定为警告（规则默认：错误）"), "{zh}");
}

/// `.pre-commit-hooks.yaml` parses, runs `ecplint check` once (no file names: it reads folders)
/// and its command checks a project's root as the hook runs it there.
#[test]
fn pre_commit_hook() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("the repository has .pre-commit-hooks.yaml");
    let yaml = ecplint::yaml::parse(&text, Default::default());
    assert_eq!(yaml.problems, []);
    let hooks = yaml
        .root()
        .and_then(|r| r.as_seq())
        .expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    let field = |k: &str| {
        hook.get(k)
            .and_then(|v| v.as_scalar())
            .map(|s| s.text.clone())
    };
    assert_eq!(field("id").as_deref(), Some("ecplint"));
    assert_eq!(field("language").as_deref(), Some("rust"));
    assert_eq!(field("entry").as_deref(), Some("ecplint check"));
    assert_eq!(field("pass_filenames").as_deref(), Some("false"));
    assert!(field("files").is_some_and(|f| f.contains("Chart")));
    let args: Vec<String> = hook
        .get("args")
        .and_then(|a| a.as_seq())
        .expect("args")
        .iter()
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect();
    assert_eq!(args, ["."]);
    let o = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .arg("check")
        .args(&args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}
