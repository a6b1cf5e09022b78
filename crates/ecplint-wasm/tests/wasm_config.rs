//! `Workspace.config` (the config preview of the JS API) on wasm, in node:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p ecplint-wasm --target wasm32-unknown-unknown --test wasm_config
//! ```
//!
#![cfg(target_arch = "wasm32")]

use ecplint_wasm as wasm;

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde_json::Value;
use wasm::Workspace;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const FIX: &str = "tests/fixtures/config-preview";

fn fixture(rel: &str) -> String {
    // The fixtures are compiled in: wasm tests cannot read files.
    match rel {
        "guide/cloud_product_1/Chart.yaml" => {
            include_str!("../../../tests/fixtures/config-preview/guide/cloud_product_1/Chart.yaml")
        }
        "guide/cloud_product_1/values.yaml" => {
            include_str!("../../../tests/fixtures/config-preview/guide/cloud_product_1/values.yaml")
        }
        "guide/cloud_product_1/templates/_config_helpers.yaml.tpl" => include_str!(
            "../../../tests/fixtures/config-preview/guide/cloud_product_1/templates/_config_helpers.yaml.tpl"
        ),
        "license-guide.yaml" => include_str!("../../../tests/fixtures/config-preview/license-guide.yaml"),
        "license-legacy.yaml" => include_str!("../../../tests/fixtures/config-preview/license-legacy.yaml"),
        "orbit-portal/Chart.yaml" => {
            include_str!("../../../tests/fixtures/config-preview/orbit-portal/Chart.yaml")
        }
        "orbit-portal/values.yaml" => {
            include_str!("../../../tests/fixtures/config-preview/orbit-portal/values.yaml")
        }
        "orbit-portal/templates/_config_helpers.yaml.tpl" => {
            include_str!("../../../tests/fixtures/config-preview/orbit-portal/templates/_config_helpers.yaml.tpl")
        }
        "mariadb/Chart.yaml" => include_str!("../../../tests/fixtures/config-preview/mariadb/Chart.yaml"),
        "mariadb/values.yaml" => include_str!("../../../tests/fixtures/config-preview/mariadb/values.yaml"),
        "mariadb/templates/_config_helpers.yaml.tpl" => {
            include_str!("../../../tests/fixtures/config-preview/mariadb/templates/_config_helpers.yaml.tpl")
        }
        other => panic!("{FIX}/{other} is not compiled in"),
    }
    .to_string()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// Add fixture chart `dir` (relative to the fixtures) as a folder named `name`.
fn add_chart(ws: &mut Workspace, dir: &str, name: &str) {
    let rels = [
        "Chart.yaml",
        "values.yaml",
        "templates/_config_helpers.yaml.tpl",
    ];
    let paths: Array = rels.iter().map(|r| s(&format!("{name}/{r}"))).collect();
    let contents: Array = rels
        .iter()
        .map(|r| JsValue::from(Uint8Array::from(fixture(&format!("{dir}/{r}")).as_bytes())))
        .collect();
    ws.add_folder(s(name), paths.into(), contents.into())
        .expect("addFolder");
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &s(k), &s(v)).unwrap();
    }
    o.into()
}

fn json(v: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(v).expect("JSON").into();
    serde_json::from_str(&text).expect("valid JSON")
}

fn layer_of<'v>(c: &'v Value, path: &str) -> &'v str {
    c["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("no provenance for {path}"))["layer"]
        .as_str()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_guides_example() {
    let mut ws = Workspace::new();
    add_chart(&mut ws, "guide/cloud_product_1", "cloud_product_1");
    let c = ws
        .config(
            JsValue::from(0),
            s("cloud_product_1"),
            options(&[
                ("license", &fixture("license-guide.yaml")),
                ("licenseName", "my-license.yaml"),
            ]),
        )
        .unwrap();
    let c = json(&c);
    assert_eq!(
        c["values"],
        serde_json::json!({"pod": {"replicas": {"api": 2, "dashboard": 3, "db": 1}}})
    );
    assert_eq!(layer_of(&c, "pod.replicas.dashboard"), "license");
    let dash = c["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "pod.replicas.dashboard")
        .unwrap();
    assert_eq!(dash["file"], "my-license.yaml");
    // no options, undefined options, empty texts: the same preview without a license
    for opts in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        options(&[("license", "  ")]),
    ] {
        let c = json(
            &ws.config(JsValue::from(0), s("cloud_product_1"), opts)
                .unwrap(),
        );
        assert_eq!(c["values"]["pod"]["replicas"]["dashboard"], 2);
        assert_eq!(c["layers"], serde_json::json!(["values", "data_template"]));
    }
}

#[wasm_bindgen_test]
fn other_inputs_are_installed_alongside_and_inputs_can_change() {
    let mut ws = Workspace::new();
    add_chart(&mut ws, "orbit-portal", "orbit-portal");
    let c = json(
        &ws.config(JsValue::from(0), s("orbit-portal"), JsValue::UNDEFINED)
            .unwrap(),
    );
    assert_eq!(c["products"], serde_json::json!([]));
    // a second input after a first config call: the catalog is rebuilt
    add_chart(&mut ws, "mariadb", "mariadb");
    let c = json(
        &ws.config(JsValue::from(0), s("orbit-portal"), JsValue::UNDEFINED)
            .unwrap(),
    );
    assert_eq!(c["products"], serde_json::json!(["mariadb"]));
    let legacy = fixture("license-legacy.yaml");
    let c = json(
        &ws.config(
            JsValue::from(0),
            s("orbit-portal"),
            options(&[("license", &legacy)]),
        )
        .unwrap(),
    );
    assert_eq!(c["replicas_by_modality"], 4);
    assert_eq!(c["values"]["pod"]["replicas"]["api"], 4);
    let c = json(
        &ws.config(
            JsValue::from(0),
            s("orbit-portal"),
            options(&[
                ("license", &legacy),
                ("custom", "conf: {theme: dark}\n"),
                ("configCrd", "conf: {theme: x, z: 1}\n"),
            ]),
        )
        .unwrap(),
    );
    assert_eq!(layer_of(&c, "conf.theme"), "custom_config");
    assert_eq!(layer_of(&c, "conf.z"), "config_crd");
    // clear() forgets the charts
    ws.clear();
    assert!(ws
        .config(JsValue::from(0), s("orbit-portal"), JsValue::UNDEFINED)
        .unwrap()
        .is_undefined());
}

#[wasm_bindgen_test]
fn absent_charts_are_undefined_and_wrong_types_throw() {
    let mut ws = Workspace::new();
    add_chart(&mut ws, "mariadb", "mariadb");
    assert!(ws
        .config(JsValue::from(0), s("nope"), JsValue::UNDEFINED)
        .unwrap()
        .is_undefined());
    assert!(ws
        .config(JsValue::from(3), s("mariadb"), JsValue::UNDEFINED)
        .unwrap()
        .is_undefined());
    assert!(ws
        .config(JsValue::from(-1), s("mariadb"), JsValue::UNDEFINED)
        .unwrap()
        .is_undefined());
    for (index, name, opts) in [
        (s("0"), s("mariadb"), JsValue::UNDEFINED),
        (JsValue::from(0), JsValue::from(1), JsValue::UNDEFINED),
        (JsValue::from(0), s("mariadb"), s("license")),
        (JsValue::from(0), s("mariadb"), {
            let o = Object::new();
            Reflect::set(&o, &s("license"), &JsValue::from(7)).unwrap();
            o.into()
        }),
    ] {
        let e = ws.config(index, name, opts).unwrap_err();
        assert!(e.is_instance_of::<js_sys::TypeError>(), "{e:?}");
    }
}

#[wasm_bindgen_test]
fn hostile_inputs_are_errors_in_the_result() {
    let mut ws = Workspace::new();
    add_chart(&mut ws, "mariadb", "mariadb");
    let deep = format!(
        "data:\n  topology:\n    mariadb: {}1{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let huge = "x: 1\n".repeat(1_200_000); // 6 MB
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    for text in [
        deep.as_str(),
        huge.as_str(),
        bomb,
        "\u{0}",
        "[",
        "cloud_product: {mariadb: [1]}\n",
    ] {
        let c = json(
            &ws.config(
                JsValue::from(0),
                s("mariadb"),
                options(&[
                    ("license", text),
                    ("custom", text),
                    ("configCrd", text),
                    ("products", text),
                ]),
            )
            .unwrap(),
        );
        assert!(
            !c["errors"].as_array().unwrap().is_empty(),
            "{}",
            &text[..text.len().min(30)]
        );
        assert_eq!(layer_of(&c, "endpoints.admin.host"), "data_template");
    }
}
