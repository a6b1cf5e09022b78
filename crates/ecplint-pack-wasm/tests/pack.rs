//! The pack module's JS API with real JS values, beside the main module's `Workspace` whose
//! `inputFiles` it takes: download, a link and back, and what each says when it cannot.

use ecplint_pack_wasm::{download, open_link, share_link};
use ecplint_wasm::Workspace;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

fn folder(ws: &mut Workspace, name: &str, files: &[(&str, &str)]) {
    let paths: Array = files.iter().map(|(p, _)| JsValue::from_str(p)).collect();
    let contents: Array = files
        .iter()
        .map(|(_, d)| JsValue::from(Uint8Array::from(d.as_bytes())))
        .collect();
    ws.add_folder(JsValue::from_str(name), paths.into(), contents.into())
        .expect("addFolder");
}

const CHART: &[(&str, &str)] = &[
    (
        "demo/Chart.yaml",
        "apiVersion: v2\nname: demo\nversion: 1.0.0\n",
    ),
    ("demo/values.yaml", "replicas: 1\n"),
];

#[wasm_bindgen_test]
fn an_edited_folder_downloads_as_a_tgz_that_reads_back_with_the_edit() {
    let mut ws = Workspace::new();
    folder(&mut ws, "demo", CHART);
    let taken = ws
        .edit(
            JsValue::from(0),
            JsValue::from_str("demo/values.yaml"),
            JsValue::from_str("replicas: 3\n"),
        )
        .expect("edit");
    assert!(taken.is_null());
    let written =
        download(ws.input_files(JsValue::from(0)).expect("inputFiles")).expect("download");
    assert_eq!(
        get(&written, "name").as_string().as_deref(),
        Some("demo.tgz")
    );
    let bytes = Uint8Array::from(get(&written, "bytes")).to_vec();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip");

    let mut again = Workspace::new();
    again
        .add_archive(
            JsValue::from_str("demo.tgz"),
            Uint8Array::from(&bytes[..]).into(),
        )
        .expect("addArchive");
    let text = again
        .source(JsValue::from(0), JsValue::from_str("demo/values.yaml"))
        .expect("source");
    assert_eq!(text.as_deref(), Some("replicas: 3\n"));
}

#[wasm_bindgen_test]
fn a_link_holds_the_inputs_and_opens_as_check_items() {
    let mut ws = Workspace::new();
    folder(&mut ws, "demo", CHART);
    let inputs: Array = [ws.input_files(JsValue::from(0)).expect("inputFiles")]
        .into_iter()
        .collect();
    let link = share_link(inputs.into(), "0.1.0").expect("shareLink");
    let fragment = get(&link, "fragment").as_string().expect("a fragment");
    assert!(fragment.starts_with("ecplint=1.0.1.0."), "{fragment}");

    let opened = open_link(&format!("#{fragment}")).expect("openLink");
    assert_eq!(get(&opened, "madeBy").as_string().as_deref(), Some("0.1.0"));
    let items = Array::from(&get(&opened, "items"));
    assert_eq!(items.length(), 1);
    let item = items.get(0);
    assert_eq!(get(&item, "kind").as_string().as_deref(), Some("folder"));
    assert_eq!(get(&item, "name").as_string().as_deref(), Some("demo"));
    let entries = Array::from(&get(&item, "entries"));
    let paths: Vec<String> = entries
        .iter()
        .map(|e| get(&e, "path").as_string().unwrap())
        .collect();
    assert_eq!(paths, ["demo/Chart.yaml", "demo/values.yaml"]);
}

#[wasm_bindgen_test]
fn a_bad_link_or_input_says_why_in_both_languages() {
    for fragment in ["ecplint=1.0.1.0.!!!", "ecplint=9.9.0.0.AAAA", "nothing"] {
        let error = get(&open_link(fragment).expect("openLink"), "error");
        assert!(
            get(&error, "message")
                .as_string()
                .is_some_and(|m| !m.is_empty()),
            "{fragment}"
        );
        assert!(
            get(&error, "message_zh")
                .as_string()
                .is_some_and(|m| !m.is_empty()),
            "{fragment}"
        );
    }
    let other = get(&open_link("ecplint=9.9.0.0.AAAA").unwrap(), "error");
    assert!(get(&other, "message")
        .as_string()
        .unwrap()
        .contains("9.0.0"));
    assert!(
        download(JsValue::from_str("not an input")).is_err(),
        "a wrong type throws"
    );
    assert!(
        share_link(JsValue::NULL, "0.1.0").is_err(),
        "a wrong type throws"
    );
}
