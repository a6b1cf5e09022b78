//! Tests of the JavaScript API (`crates/ecplint-wasm`) on wasm, in node:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p ecplint-wasm --target wasm32-unknown-unknown --test wasm
//! ```
//!
//! The methods take and return real JS values. `scripts/api-check.mjs` checks the generated JS glue of
//! the built `www/pkg/ecplint.js` itself.
#![cfg(target_arch = "wasm32")]

use ecplint_wasm as wasm;

/// The hostile-input builders shared with `tests/hostile.rs` (native) and the CLI tests.
#[path = "../../../tests/common/hostile.rs"]
mod hostile;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use serde_json::Value;
use wasm::Workspace;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// ---------------------------------------------------------------------------------------------
// A small chart with a deliberate mistake.

const CHART_YAML: &str = "apiVersion: v1
description: Helm demo-product
name: demo-product
version: 1.0.0
keywords:
  - creator:ems_service_chart
  - zh_CN:演示产品
  - en:demo product
  - name_zh_CN:演示产品
  - name_en:demo-product
";

/// values.yaml with a duplicate key on line 4 (HELM-003).
const VALUES_YAML: &str = "images:
  tags:
    api: hub.easystack.io/production/demo-api:1.0.0
    api: hub.easystack.io/production/demo-api:1.0.1
";

fn chart_files(root: &str, values: &str) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            format!("{root}/chart/demo-product/Chart.yaml"),
            CHART_YAML.as_bytes().to_vec(),
        ),
        (
            format!("{root}/chart/demo-product/values.yaml"),
            values.as_bytes().to_vec(),
        ),
        (
            format!("{root}/chart/demo-product/templates/service-api.yaml"),
            b"apiVersion: v1\nkind: Service\nmetadata:\n  name: demo-api\n".to_vec(),
        ),
        (
            format!("{root}/Makefile"),
            b"all:\n\thelm package chart/demo-product\n".to_vec(),
        ),
    ]
}

fn tgz(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    hostile::tgz_of(files)
}

// ---------------------------------------------------------------------------------------------
// JS helpers.

fn u8a(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn add_folder(ws: &mut Workspace, name: &str, files: &[(String, Vec<u8>)]) {
    let paths: Array = files.iter().map(|(p, _)| s(p)).collect();
    let contents: Array = files.iter().map(|(_, d)| u8a(d)).collect();
    ws.add_folder(s(name), paths.into(), contents.into())
        .expect("addFolder");
}

/// The report as JSON: `JSON.stringify` throws on a BigInt, so this also proves there is none.
fn json(report: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(report)
        .expect("report is JSON")
        .into();
    serde_json::from_str(&text).expect("valid JSON")
}

fn check(ws: &mut Workspace) -> Value {
    let report = ws
        .check(JsValue::UNDEFINED, JsValue::UNDEFINED)
        .expect("check never throws");
    assert!(report.is_object());
    json(&report)
}

fn rules_of(input: &Value) -> Vec<String> {
    input["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The API.

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn rules_lists_every_rule_with_docs() {
    let list = json(&wasm::rules().expect("rules"));
    let list = list.as_array().expect("an array");
    assert!(list.len() >= 30, "only {} rules", list.len());
    assert_eq!(list.len(), ecplint::rules::ALL.len());
    for r in list {
        // `docs` is empty in the wasm (size): the page reads pkg/rules.json, which api-check tests.
        assert!(r["docs"].is_string(), "rule {r} lacks `docs`");
        for key in [
            "id", "group", "severity", "title_en", "title_zh", "section", "scope",
        ] {
            assert!(
                r[key].as_str().is_some_and(|v| !v.is_empty()),
                "rule {r} lacks `{key}`"
            );
        }
        assert!(["error", "warning", "info"].contains(&r["severity"].as_str().unwrap()));
        let severities = r["severities"].as_array().expect("severities");
        assert!(severities.contains(&r["severity"]), "rule {r}");
        assert!(r["id"]
            .as_str()
            .unwrap()
            .starts_with(r["group"].as_str().unwrap()));
    }
    let input_001 = list
        .iter()
        .find(|r| r["id"] == "INPUT-001")
        .expect("INPUT-001");
    assert_eq!(input_001["scope"], "input");
    let helm_003 = list
        .iter()
        .find(|r| r["id"] == "HELM-003")
        .expect("HELM-003");
    assert_eq!(helm_003["severity"], "warning");
    assert_eq!(
        helm_003["severities"],
        serde_json::json!(["error", "warning"])
    );
}

#[wasm_bindgen_test]
fn folder_report_has_the_report_shape() {
    let mut ws = Workspace::new();
    add_folder(&mut ws, "demo", &chart_files("demo", VALUES_YAML));
    assert_eq!(ws.length(), 1);
    let report = check(&mut ws);

    assert_eq!(report["schema"], 1);
    assert_eq!(report["tool"]["name"], "ecplint");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let input = &report["inputs"][0];
    assert_eq!(input["path"], "demo");
    assert_eq!(input["unreadable"], false);
    assert_eq!(input["files"].as_array().unwrap().len(), 4);
    let chart = &input["charts"][0];
    assert_eq!(chart["name"], "demo-product");
    assert_eq!(chart["version"], "1.0.0");
    assert_eq!(chart["root"], "demo/chart/demo-product");

    let dup = input["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "HELM-003")
        .unwrap_or_else(|| panic!("no HELM-003 in {:#}", input["diagnostics"]));
    assert_eq!(dup["severity"], "warning");
    assert_eq!(dup["chart"], "demo-product");
    assert_eq!(dup["file"], "demo/chart/demo-product/values.yaml");
    assert_eq!(dup["line"], 4);
    assert_eq!(dup["column"], 5);
    assert!(dup["end_line"].is_u64() && dup["end_column"].is_u64());
    assert!(dup["message"].as_str().unwrap().contains("`api`"));
    assert!(!dup["message_zh"].as_str().unwrap().is_empty());

    let s = &report["summary"];
    let total = s["errors"].as_u64().unwrap()
        + s["warnings"].as_u64().unwrap()
        + s["infos"].as_u64().unwrap();
    assert_eq!(
        total as usize,
        input["diagnostics"].as_array().unwrap().len()
    );
    assert!(s["errors"].as_u64().unwrap() >= 1);
}

#[wasm_bindgen_test]
fn report_values_are_plain_js_values() {
    let mut ws = Workspace::new();
    let mut files = chart_files("p", "a: 1\n");
    files[0].1 = b"apiVersion: v1\nname: demo-product\n".to_vec(); // no version
    add_folder(&mut ws, "p", &files);
    let report = ws.check(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let get = |v: &JsValue, k: &str| Reflect::get(v, &s(k)).unwrap();
    // Objects, not Maps; numbers, not BigInts; None is null, as in JSON.
    assert_eq!(
        get(&report, "constructor"),
        get(&Object::new().into(), "constructor")
    );
    assert_eq!(get(&report, "schema").as_f64(), Some(1.0));
    let input = get(&get(&report, "inputs"), "0");
    let chart = get(&get(&input, "charts"), "0");
    assert!(
        get(&chart, "version").is_null(),
        "version: {:?}",
        get(&chart, "version")
    );
    let file = get(&get(&input, "files"), "0");
    assert_eq!(get(&file, "size").js_typeof(), "number");
    // A diagnostic without a place has no `line` key at all.
    let diags: Array = get(&input, "diagnostics").dyn_into().unwrap();
    for d in diags.iter() {
        let has_line = Reflect::has(&d, &s("line")).unwrap();
        assert_eq!(has_line, get(&d, "line").as_f64().is_some());
        if has_line {
            assert_eq!(get(&d, "line").js_typeof(), "number");
        }
    }
}

#[wasm_bindgen_test]
fn archive_report_finds_the_chart() {
    let mut ws = Workspace::new();
    let data = tgz(&chart_files("demo-project", VALUES_YAML));
    ws.add_archive(s("demo-project.tgz"), u8a(&data)).unwrap();
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    assert_eq!(input["path"], "demo-project.tgz");
    assert_eq!(input["unreadable"], false, "{:#}", input["diagnostics"]);
    assert_eq!(input["charts"][0]["name"], "demo-product");
    assert_eq!(
        input["charts"][0]["root"],
        "demo-project/chart/demo-product"
    );
    assert!(rules_of(input).iter().any(|r| r == "HELM-003"));
    assert_eq!(
        ws.source(
            JsValue::from(0),
            s("demo-project/chart/demo-product/values.yaml")
        )
        .unwrap()
        .as_deref(),
        Some(VALUES_YAML)
    );
}

#[wasm_bindgen_test]
fn source_and_bytes_after_check() {
    let mut ws = Workspace::new();
    let mut files = chart_files("demo", VALUES_YAML);
    files.push(("demo/bom.yaml".into(), b"\xEF\xBB\xBFa: 1\n".to_vec()));
    files.push((
        "demo/icon.png".into(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
    ));
    files.push(("demo/latin1.txt".into(), b"caf\xE9\n".to_vec()));
    add_folder(&mut ws, "demo", &files);
    let report = check(&mut ws);
    let path = report["inputs"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "HELM-003")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .expect("HELM-003");
    let zero = JsValue::from(0);
    assert_eq!(
        ws.source(zero.clone(), s(&path)).unwrap().as_deref(),
        Some(VALUES_YAML)
    );
    assert_eq!(
        ws.source(zero.clone(), s("demo/bom.yaml"))
            .unwrap()
            .as_deref(),
        Some("a: 1\n")
    );
    assert_eq!(ws.source(zero.clone(), s("demo/icon.png")).unwrap(), None);
    assert_eq!(ws.source(zero.clone(), s("demo/latin1.txt")).unwrap(), None);
    assert_eq!(
        ws.source(zero.clone(), s("demo/absent.yaml")).unwrap(),
        None
    );
    assert_eq!(ws.source(JsValue::from(1), s(&path)).unwrap(), None);
    assert_eq!(ws.source(JsValue::from(-1), s(&path)).unwrap(), None);
    assert_eq!(ws.source(JsValue::from(0.5), s(&path)).unwrap(), None);
    assert_eq!(
        ws.bytes(zero.clone(), s("demo/icon.png"))
            .unwrap()
            .as_deref(),
        Some(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..])
    );
    assert_eq!(ws.bytes(zero.clone(), s("nope")).unwrap(), None);

    // check() again gives the same report; clear() forgets everything.
    assert_eq!(check(&mut ws), report);
    ws.clear();
    assert_eq!(ws.length(), 0);
    assert_eq!(ws.source(zero, s(&path)).unwrap(), None);
    assert_eq!(check(&mut ws)["inputs"], Value::Array(vec![]));
}

#[wasm_bindgen_test]
fn progress_is_called_before_each_input() {
    let mut ws = Workspace::new();
    add_folder(&mut ws, "one", &chart_files("one", "a: 1\n"));
    ws.add_archive(s("two.tgz"), u8a(&tgz(&chart_files("two", "a: 1\n"))))
        .unwrap();
    let calls = Array::new();
    let f = Function::new_with_args("d, t, n", "this.push([d, t, n])").bind0(&calls);
    let options: JsValue = js_sys::JSON::parse(r#"{"lang":"zh"}"#).unwrap();
    ws.check(f.into(), options).unwrap();
    let calls = json(&calls.into());
    assert_eq!(calls, serde_json::json!([[0, 2, "one"], [1, 2, "two.tgz"]]));
}

#[wasm_bindgen_test]
fn wrong_argument_types_throw_type_errors() {
    let mut ws = Workspace::new();
    let is_type_error = |e: JsValue| assert!(e.is_instance_of::<js_sys::TypeError>(), "{e:?}");
    is_type_error(ws.add_archive(JsValue::from(1), u8a(b"x")).unwrap_err());
    is_type_error(ws.add_archive(s("a.tgz"), s("not bytes")).unwrap_err());
    is_type_error(
        ws.add_folder(s("f"), s("a"), Array::new().into())
            .unwrap_err(),
    );
    let one: Array = [s("f/a")].into_iter().collect();
    is_type_error(
        ws.add_folder(s("f"), one.clone().into(), Array::new().into())
            .unwrap_err(),
    );
    let not_bytes: Array = [JsValue::from(3)].into_iter().collect();
    is_type_error(
        ws.add_folder(s("f"), one.into(), not_bytes.into())
            .unwrap_err(),
    );
    is_type_error(
        ws.check(s("not a function"), JsValue::UNDEFINED)
            .unwrap_err(),
    );
    is_type_error(ws.check(JsValue::NULL, s("en")).unwrap_err());
    let bad_lang: JsValue = js_sys::JSON::parse(r#"{"lang":"fr"}"#).unwrap();
    is_type_error(ws.check(JsValue::NULL, bad_lang).unwrap_err());
    is_type_error(ws.source(s("0"), s("x")).unwrap_err());
    is_type_error(ws.bytes(JsValue::from(0), JsValue::NULL).unwrap_err());
    assert_eq!(ws.length(), 0, "nothing half-added");

    // An ArrayBuffer or another view is accepted as bytes.
    let buf = Uint8Array::from(&b"xyz"[..]).buffer();
    ws.add_archive(s("buf.tgz"), buf.into()).unwrap();
    assert_eq!(ws.length(), 1);
}

#[wasm_bindgen_test]
fn a_callback_that_throws_is_passed_on() {
    let mut ws = Workspace::new();
    add_folder(&mut ws, "one", &chart_files("one", "a: 1\n"));
    let f = Function::new_no_args("throw new Error('stop')");
    assert!(ws.check(f.into(), JsValue::UNDEFINED).is_err());
    // The workspace still works afterwards.
    assert_eq!(
        check(&mut ws)["inputs"][0]["charts"][0]["name"],
        "demo-product"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs (the builders of tests/common/hostile.rs, the expectations of tests/hostile.rs,
// here through the JS API): a report with the right finding, never a throw or a panic (a panic
// would abort the whole test binary).

use hostile::CHART;

/// Check one archive through the API and return its input report (as JSON).
fn run(name: &str, data: Vec<u8>) -> Value {
    let started = js_sys::Date::now();
    let mut ws = Workspace::new();
    ws.add_archive(s(name), u8a(&data)).expect("addArchive");
    drop(data);
    let report = check(&mut ws);
    let took = js_sys::Date::now() - started;
    // Unoptimised wasm: generous, but a runaway read or expansion would blow it.
    assert!(took < 60_000.0, "{name}: took {took} ms");
    assert_eq!(report["schema"], 1);
    let input = report["inputs"][0].clone();
    assert_eq!(input["path"], name);
    let diags = input["diagnostics"].as_array().expect("diagnostics");
    let counted: u64 = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| report["summary"][k].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, diags.len());
    input
}

/// The one INPUT-001 finding whose English message contains `needle`.
fn input_001<'a>(input: &'a Value, needle: &str) -> &'a Value {
    let found: Vec<&Value> = input["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "INPUT-001" && d["message"].as_str().unwrap().contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "INPUT-001 with {needle:?}: {:#}",
        input["diagnostics"]
    );
    assert!(!found[0]["message_zh"].as_str().unwrap().is_empty());
    found[0]
}

fn has_file(input: &Value, path: &str) -> bool {
    input["files"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"] == path)
}

/// The good chart next to the hostile part was still found and checked.
fn chart_checked(input: &Value) {
    assert_eq!(input["unreadable"], false, "{:#}", input["diagnostics"]);
    let chart = input["charts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == CHART)
        .unwrap_or_else(|| panic!("no chart {CHART}: {:#}", input["charts"]));
    assert_eq!(chart["root"], CHART);
    assert_eq!(chart["version"], "1.0.0");
    assert!(chart["resources"].is_object(), "values.yaml was read");
    for rel in [
        "Chart.yaml",
        "values.yaml",
        "templates/_acl_helpers.yaml.tpl",
    ] {
        assert!(has_file(input, &format!("{CHART}/{rel}")), "{rel} missing");
    }
}

/// A finding about `values.yaml` whose message mentions one of `words`.
fn values_finding(input: &Value, words: &[&str]) {
    let path = format!("{CHART}/values.yaml");
    let about: Vec<&Value> = input["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == path.as_str())
        .collect();
    assert!(
        about.iter().any(|d| words
            .iter()
            .any(|w| d["message"].as_str().unwrap().contains(w))),
        "no finding mentioning {words:?} about values.yaml: {about:#?}"
    );
}

#[wasm_bindgen_test]
fn hostile_good_chart_reads_clean() {
    let input = run("good.tgz", hostile::good_tgz());
    chart_checked(&input);
    assert!(
        !rules_of(&input).iter().any(|r| r == "INPUT-001"),
        "{:#}",
        input["diagnostics"]
    );
}

#[wasm_bindgen_test]
fn hostile_empty() {
    let input = run("empty.tgz", hostile::empty());
    assert_eq!(input["unreadable"], true);
    assert_eq!(input["charts"], Value::Array(vec![]));
    input_001(&input, "`empty.tgz` is empty (0 bytes)");
    assert_eq!(
        input["diagnostics"].as_array().unwrap().len(),
        1,
        "{:#}",
        input["diagnostics"]
    );
}

#[wasm_bindgen_test]
fn hostile_random_bytes() {
    for (n, seed) in [(1, 1), (2, 2), (511, 3), (512, 4), (100_000, 42)] {
        let input = run(&format!("random-{n}.tgz"), hostile::random_bytes(n, seed));
        assert_eq!(input["unreadable"], true);
        assert_eq!(input["charts"], Value::Array(vec![]));
        assert!(
            rules_of(&input).iter().all(|r| r == "INPUT-001"),
            "{:#}",
            input["diagnostics"]
        );
        assert!(!input["diagnostics"].as_array().unwrap().is_empty());
    }
    // Garbage after a gzip magic, and after a zip magic.
    for (name, magic) in [
        ("random-gzip.tgz", &[0x1f, 0x8b, 8, 0][..]),
        ("random.zip", b"PK\x03\x04"),
    ] {
        let mut data = magic.to_vec();
        data.extend(hostile::random_bytes(4096, 7));
        let input = run(name, data);
        assert!(
            rules_of(&input).iter().any(|r| r == "INPUT-001"),
            "{name}: {:#}",
            input["diagnostics"]
        );
    }
}

#[wasm_bindgen_test]
fn hostile_truncated_gzip() {
    let input = run("cut.tgz", hostile::truncated_tgz());
    let d = input_001(&input, "is truncated or corrupt");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], format!("{CHART}/files/blob.bin"));
    chart_checked(&input);
    // Cut anywhere: never a throw.
    let full = hostile::good_tgz();
    for cut in [
        1,
        10,
        100,
        full.len() / 3,
        full.len() / 2,
        full.len() - 8,
        full.len() - 1,
    ] {
        let input = run(&format!("cut-{cut}.tgz"), full[..cut].to_vec());
        assert!(
            rules_of(&input).iter().any(|r| r == "INPUT-001"),
            "cut at {cut}: {:#}",
            input["diagnostics"]
        );
    }
}

#[wasm_bindgen_test]
fn hostile_gzip_bomb_one_huge_file() {
    let data = hostile::gzip_bomb(1 << 30);
    assert!(data.len() < 2 << 20, "the bomb is {} bytes", data.len());
    let input = run("bomb.tgz", data);
    let d = input_001(&input, "over the limit");
    assert_eq!(d["file"], format!("{CHART}/files/zeros.bin"));
    assert!(!has_file(&input, &format!("{CHART}/files/zeros.bin")));
    chart_checked(&input);
}

#[wasm_bindgen_test]
fn hostile_gzip_bomb_many_files() {
    let input = run("bombs.tgz", hostile::gzip_bomb_many(64, 4 << 20));
    assert!(
        rules_of(&input).iter().any(|r| r == "INPUT-001"),
        "{:#}",
        input["diagnostics"]
    );
    let total: u64 = input["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["size"].as_u64().unwrap())
        .sum();
    assert!(total <= 100 << 20, "{total} bytes kept");
    chart_checked(&input);
}

#[wasm_bindgen_test]
fn hostile_gzip_of_zeros() {
    let input = run("zeros.tgz", hostile::gzip_of_zeros(64 << 20));
    assert_eq!(input["unreadable"], true);
    assert!(
        rules_of(&input).iter().any(|r| r == "INPUT-001"),
        "{:#}",
        input["diagnostics"]
    );
}

#[wasm_bindgen_test]
fn hostile_unsafe_entries() {
    let input = run("traversal.tgz", hostile::path_traversal_tgz());
    for f in input["files"].as_array().unwrap() {
        let p = f["path"].as_str().unwrap();
        assert!(
            !p.starts_with('/') && !p.split('/').any(|c| c == ".."),
            "unsafe path kept: {p}"
        );
    }
    assert!(rules_of(&input).iter().any(|r| r == "INPUT-001"));
    chart_checked(&input);

    // Links are read as Helm reads them: empty files, never followed.
    let input = run("symlink.tgz", hostile::symlink_tgz());
    assert!(has_file(&input, &format!("{CHART}/templates/link.yaml")));
    assert!(rules_of(&input).iter().any(|r| r == "INPUT-001"));
    chart_checked(&input);

    let input = run("hardlink.tgz", hostile::hardlink_tgz());
    assert!(has_file(&input, &format!("{CHART}/values-copy.yaml")));
    assert!(rules_of(&input).iter().any(|r| r == "INPUT-001"));
    chart_checked(&input);
}

#[wasm_bindgen_test]
fn hostile_many_entries_and_long_paths() {
    let input = run("many.tar", hostile::many_entries_tar(100_000));
    input_001(&input, "more than 10000 entries");
    assert_eq!(input["files"].as_array().unwrap().len(), 10_000);
    chart_checked(&input);

    let input = run("long.tgz", hostile::long_path_tgz(5000));
    input_001(&input, "a path of 5000 bytes is over the limit of 1024");
    chart_checked(&input);
}

#[wasm_bindgen_test]
fn hostile_text_encodings() {
    let mut ws = Workspace::new();
    ws.add_archive(s("gbk.tgz"), u8a(&hostile::invalid_utf8_chart_tgz()))
        .unwrap();
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    let d = input_001(input, "is not valid UTF-8");
    assert_eq!(d["line"], 2);
    assert!(input["charts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["root"] == CHART));
    // source() gives no text for a file that is not UTF-8; bytes() gives its bytes.
    let chart_yaml = s(&format!("{CHART}/Chart.yaml"));
    assert_eq!(
        ws.source(JsValue::from(0), chart_yaml.clone()).unwrap(),
        None
    );
    assert!(ws
        .bytes(JsValue::from(0), chart_yaml)
        .unwrap()
        .is_some_and(|b| b.contains(&0xCE)));

    let mut ws = Workspace::new();
    ws.add_archive(s("bom.tgz"), u8a(&hostile::bom_chart_tgz()))
        .unwrap();
    let report = check(&mut ws);
    let d = input_001(&report["inputs"][0], "byte-order mark");
    assert_eq!(d["severity"], "info");
    chart_checked(&report["inputs"][0]);
    let text = ws
        .source(JsValue::from(0), s(&format!("{CHART}/Chart.yaml")))
        .unwrap()
        .unwrap();
    assert!(
        text.starts_with("apiVersion"),
        "BOM stripped: {:?}",
        &text[..10]
    );

    let input = run("crlf.tgz", hostile::crlf_values_tgz());
    assert_eq!(input_001(&input, "CRLF")["severity"], "info");
    chart_checked(&input);
}

#[wasm_bindgen_test]
fn hostile_nested_subchart_archive() {
    let input = run("nested.tgz", hostile::nested_subchart_tgz());
    chart_checked(&input);
    assert!(has_file(
        &input,
        &format!("{CHART}/charts/common-1.0.0.tgz/common/Chart.yaml")
    ));
    assert!(
        !rules_of(&input).iter().any(|r| r == "INPUT-001"),
        "{:#}",
        input["diagnostics"]
    );
}

#[wasm_bindgen_test]
fn hostile_yaml_alias_bomb() {
    let input = run("laughs.tgz", hostile::alias_bomb_tgz());
    chart_checked(&input);
    values_finding(&input, &["alias", "nodes"]);

    // The same through addFolder.
    let mut ws = Workspace::new();
    add_folder(
        &mut ws,
        CHART,
        &hostile::good_chart_with("values.yaml", &hostile::alias_bomb_yaml()),
    );
    let report = check(&mut ws);
    chart_checked(&report["inputs"][0]);
    values_finding(&report["inputs"][0], &["alias", "nodes"]);
}

#[wasm_bindgen_test]
fn hostile_yaml_deep_nesting() {
    let input = run("deep.tgz", hostile::deep_nesting_tgz(100_000));
    chart_checked(&input);
    values_finding(&input, &["deep", "nest"]);

    // Other deep shapes, through addFolder: block maps, block sequences, flow maps.
    for values in [
        (0..2_000)
            .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
            .collect::<String>(),
        "- ".repeat(50_000) + "x\n",
        "a: ".to_string() + &"{x: ".repeat(50_000),
    ] {
        let mut ws = Workspace::new();
        add_folder(
            &mut ws,
            CHART,
            &hostile::good_chart_with("values.yaml", values.as_bytes()),
        );
        let report = check(&mut ws);
        let input = &report["inputs"][0];
        assert!(input["charts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == CHART));
        let path = format!("{CHART}/values.yaml");
        assert!(
            input["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["file"] == path.as_str()),
            "no finding about values.yaml: {:#}",
            input["diagnostics"]
        );
    }
}

#[wasm_bindgen_test]
fn hostile_folder_paths_are_not_trusted() {
    let mut ws = Workspace::new();
    let mut files = chart_files("demo", "a: 1\n");
    files.push(("../../etc/passwd".into(), b"root:x:0:0\n".to_vec()));
    files.push(("/abs/Chart.yaml".into(), b"name: x\n".to_vec()));
    files.push(("demo/./x/../../../up.yaml".into(), b"a: 1\n".to_vec()));
    files.push(("".into(), b"".to_vec()));
    add_folder(&mut ws, "demo", &files);
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    for f in input["files"].as_array().unwrap() {
        let p = f["path"].as_str().unwrap();
        assert!(
            !p.starts_with('/') && !p.split('/').any(|c| c == ".." || c == "."),
            "unsafe path kept: {p}"
        );
    }
    assert_eq!(input["charts"][0]["name"], "demo-product");
}

// ---------------------------------------------------------------------------------------------
// The navigation preview (issue 4).

#[wasm_bindgen_test]
fn preview_renders_one_view_escaped_with_pictures() {
    let mut ws = Workspace::new();
    let mut files = chart_files("nav", "a: 1\n");
    let t = "nav/chart/demo-product/templates";
    files.push((
        format!("{t}/_navigation.yaml"),
        b"category: x\nname: {en: Demo, zh-cn: \xe6\xbc\x94\xe7\xa4\xba}\nnav:\n  a: {name: {en: \"<script>A</script>\", zh-cn: A}, url: /demo/a, order: 1}\n  b: {name: {en: B, zh-cn: B}, url: /demo/b, order: 2}\n"
            .to_vec(),
    ));
    files.push((
        format!("{t}/_navigation_policy.yaml"),
        b"/demo/a: [member]\n/demo/b: [cloud_admin]\n".to_vec(),
    ));
    files.push((
        format!("{t}/_wizard.yaml"),
        b"nav:\n  member:\n    w: {order: 1, proId: a, title: {en: W, zh-cn: W}, wizard: [{content: {en: c, zh-cn: c}, pics: {en: p.png, zh-cn: q.png}}]}\n".to_vec(),
    ));
    files.push((
        "nav/chart/demo-product/p.png".to_string(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
    ));
    add_folder(&mut ws, "nav", &files);
    let html = ws
        .preview(JsValue::NULL, s("member"), s("en"), JsValue::UNDEFINED)
        .expect("preview");
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("&lt;script&gt;A&lt;/script&gt;") && !html.contains("<script"));
    assert!(html.contains("data-key=\"a\"") && !html.contains("data-key=\"b\""));
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    assert!(html.contains("<style>"));
    let linked = ws
        .preview(
            JsValue::from_f64(0.0),
            s("author"),
            s("zh-cn"),
            js_sys::JSON::parse("{\"stylesheet\":\"preview.css\"}").unwrap(),
        )
        .expect("preview");
    assert!(linked.contains("href=\"preview.css\"") && linked.contains("data-key=\"b\""));
    assert!(
        linked.contains("ecp-pic-missing"),
        "q.png is not in the archive"
    );
    assert!(ws
        .preview(JsValue::NULL, s("root"), s("en"), JsValue::UNDEFINED)
        .is_err());
    assert!(ws
        .preview(JsValue::NULL, s("member"), s("fr"), JsValue::UNDEFINED)
        .is_err());
}

/// NAV-007: categories given in `check`'s options count as existing on the platform, and a
/// report cached with other categories is made again.
#[wasm_bindgen_test]
fn known_categories_option_reaches_nav_007() {
    let mut ws = Workspace::new();
    let mut files = chart_files("proj", "conf: {}\n");
    files.push((
        "proj/chart/demo-product/templates/_navigation.yaml".to_string(),
        b"category: storage-x\nname:\n  en: Demo\n  zh-cn: Demo\nnav: {}\n".to_vec(),
    ));
    add_folder(&mut ws, "proj", &files);
    let nav_007 = |report: &Value| {
        rules_of(&report["inputs"][0])
            .iter()
            .filter(|r| *r == "NAV-007")
            .count()
    };
    assert_eq!(nav_007(&check(&mut ws)), 1);
    let options: JsValue = js_sys::JSON::parse(r#"{"categories":["storage-x"]}"#).unwrap();
    let report = json(&ws.check(JsValue::UNDEFINED, options).unwrap());
    assert_eq!(nav_007(&report), 0);
    assert_eq!(nav_007(&check(&mut ws)), 1, "without the option again");
    let bad: JsValue = js_sys::JSON::parse(r#"{"categories":"storage-x"}"#).unwrap();
    assert!(ws.check(JsValue::UNDEFINED, bad).is_err());
}

/// `inlineSuppressions: false` (the page's reviewer setting): suppression comments silence
/// nothing; a wrong type is a TypeError.
#[wasm_bindgen_test]
fn inline_suppressions_option_can_turn_them_off() {
    let mut ws = Workspace::new();
    let mut files = chart_files("proj", "conf: {}\n");
    files.push((
        "proj/chart/demo-product/templates/_navigation.yaml".to_string(),
        b"# ecplint-disable-file NAV-007 -- the platform has it\ncategory: storage-x\nname:\n  en: Demo\n  zh-cn: Demo\nnav: {}\n".to_vec(),
    ));
    add_folder(&mut ws, "proj", &files);
    let suppressed = |report: &Value| {
        report["inputs"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "NAV-007")
            .map(|d| d["suppressed"].is_object())
            .collect::<Vec<_>>()
    };
    assert_eq!(suppressed(&check(&mut ws)), [true]);
    let off: JsValue = js_sys::JSON::parse(r#"{"inlineSuppressions":false}"#).unwrap();
    let report = json(&ws.check(JsValue::UNDEFINED, off).unwrap());
    assert_eq!(suppressed(&report), [false]);
    assert_eq!(report["summary"]["suppressed"], 0);
    let bad: JsValue = js_sys::JSON::parse(r#"{"inlineSuppressions":"no"}"#).unwrap();
    assert!(ws.check(JsValue::UNDEFINED, bad).is_err());
}

#[wasm_bindgen_test]
fn edit_changes_a_file_and_the_next_check_reads_it() {
    let mut ws = Workspace::new();
    add_folder(&mut ws, "p", &chart_files("p", VALUES_YAML));
    let values = "p/chart/demo-product/values.yaml";
    let on_values = |report: &Value| {
        report["inputs"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["file"] == values)
            .count()
    };
    let before = check(&mut ws);
    assert!(on_values(&before) > 0, "the duplicate key is found");

    let taken = ws
        .edit(JsValue::from(0), s(values), s("images:\n  tags: {}\n"))
        .expect("edit");
    assert!(taken.is_null(), "taken");
    let after = check(&mut ws);
    assert!(
        on_values(&after) < on_values(&before),
        "the duplicate key went with the edit"
    );
    let edited: Vec<&Value> = after["inputs"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["edited"] == true)
        .collect();
    assert_eq!(edited.len(), 1);
    assert_eq!(edited[0]["path"], values);
    let text = ws.source(JsValue::from(0), s(values)).expect("source");
    assert_eq!(text.as_deref(), Some("images:\n  tags: {}\n"));

    let refused = json(
        &ws.edit(JsValue::from(0), s("p/nope.yaml"), s(""))
            .expect("edit"),
    );
    assert!(refused["message"]
        .as_str()
        .expect("message")
        .contains("p/nope.yaml"));
    assert!(refused["message_zh"]
        .as_str()
        .expect("message_zh")
        .contains("p/nope.yaml"));
    assert!(
        ws.edit(s("0"), s(values), s("")).is_err(),
        "a wrong type throws"
    );
}
