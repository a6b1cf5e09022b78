//! Tests of the JavaScript API (`src/wasm.rs`) on wasm, in node:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test wasm
//! ```
//!
//! `src/wasm.rs` is a private module of the library, so it is compiled here a second time as a
//! module of this test crate (with `cfg(test)` its `#[wasm_bindgen]` exports are left out, so they
//! cannot clash with the library's); `crate::input` etc. resolve to the re-exports below. The
//! methods take and return real JS values. `scripts/api-check.mjs` checks the generated JS glue of
//! the built `www/pkg/ecplint.js` itself.
#![cfg(target_arch = "wasm32")]

pub use ecplint::{check_input, diagnostic, input, report, rules, Options};

#[allow(dead_code)]
#[path = "../src/wasm.rs"]
mod wasm;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use serde_json::Value;
use wasm::Workspace;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// ---------------------------------------------------------------------------------------------
// Builders: tar, gzip (stored and fixed-Huffman deflate), a small chart, hostile inputs.

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

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn gzip_wrap(deflate: &[u8], crc: u32, len: u64) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend_from_slice(deflate);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out
}

/// gzip with stored (uncompressed) deflate blocks.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut deflate = Vec::new();
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, chunk) in chunks.iter().enumerate() {
        deflate.push((i + 1 == chunks.len()) as u8);
        let n = chunk.len() as u16;
        deflate.extend_from_slice(&n.to_le_bytes());
        deflate.extend_from_slice(&(!n).to_le_bytes());
        deflate.extend_from_slice(chunk);
    }
    gzip_wrap(&deflate, crc32(data), data.len() as u64)
}

fn tar_header(path: &str, size: u64) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..path.len()].copy_from_slice(path.as_bytes());
    h[100..108].copy_from_slice(b"0000644\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
    h[136..148].copy_from_slice(b"00000000000\0");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    h
}

fn tar(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (path, data) in files {
        out.extend_from_slice(&tar_header(path, data.len() as u64));
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

fn tgz(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    gzip_stored(&tar(files))
}

/// An LSB-first bit writer for hand-made deflate streams.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= (value as u64) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        let rev = code.reverse_bits() >> (32 - bits);
        self.put(rev, bits);
    }
    fn literal(&mut self, b: u8) {
        if b < 144 {
            self.code(0x30 + b as u32, 8)
        } else {
            self.code(0x190 + (b as u32 - 144), 9)
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A gzip bomb: a tar whose one entry is `size` zero bytes, compressed about 160:1 with fixed
/// Huffman codes (a literal 0, then copies of 258 bytes at distance 1).
fn gzip_bomb(path: &str, size: u64) -> Vec<u8> {
    let header = tar_header(path, size);
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    for &b in &header {
        bits.literal(b);
    }
    let zeros = size.div_ceil(512) * 512 + 1024;
    bits.literal(0);
    let mut left = zeros - 1;
    while left > 0 {
        let n = left.min(258);
        if n < 3 {
            for _ in 0..n {
                bits.literal(0);
            }
        } else {
            // Length codes: 258 is code 285 with no extra bits; others via the table below.
            let (code, extra_bits, base) = length_code(n as u32);
            if code < 280 {
                bits.code(code - 256, 7);
            } else {
                bits.code(0xC0 + (code - 280), 8);
            }
            bits.put(n as u32 - base, extra_bits);
            bits.code(0, 5); // distance code 0: distance 1
        }
        left -= n;
    }
    bits.code(0, 7); // end of block
    let deflate = bits.finish();
    let mut crc_data = header.to_vec();
    crc_data.resize(crc_data.len() + zeros as usize, 0);
    gzip_wrap(&deflate, crc32(&crc_data), crc_data.len() as u64)
}

fn length_code(len: u32) -> (u32, u32, u32) {
    const BASE: [u32; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const EXTRA: [u32; 29] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ];
    let i = (0..29).rev().find(|&i| BASE[i] <= len).expect("len >= 3");
    (257 + i as u32, EXTRA[i], BASE[i])
}

fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
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

/// Check one hostile archive: a report comes back, with an INPUT-001 finding for it.
fn check_hostile_archive(name: &str, data: &[u8]) -> Value {
    let mut ws = Workspace::new();
    ws.add_archive(s(name), u8a(data)).expect("addArchive");
    let report = check(&mut ws);
    assert_eq!(report["schema"], 1);
    let input = &report["inputs"][0];
    assert_eq!(input["path"], name);
    assert!(
        rules_of(input).iter().any(|r| r == "INPUT-001"),
        "{name}: expected INPUT-001, got {:#}",
        input["diagnostics"]
    );
    report
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
        for key in [
            "id", "group", "severity", "title_en", "title_zh", "section", "docs",
        ] {
            assert!(
                r[key].as_str().is_some_and(|v| !v.is_empty()),
                "rule {r} lacks `{key}`"
            );
        }
        assert!(["error", "warning", "info"].contains(&r["severity"].as_str().unwrap()));
        assert!(r["id"]
            .as_str()
            .unwrap()
            .starts_with(r["group"].as_str().unwrap()));
    }
    assert!(list.iter().any(|r| r["id"] == "INPUT-001"));
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
    assert_eq!(dup["severity"], "error");
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
    let f = Function::new_with_args("d, t, n", "this.push([d, t, n])").bind(&calls);
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
// Hostile inputs: a report with INPUT-001, never a throw or a panic (a panic would abort the
// test binary).

#[wasm_bindgen_test]
fn empty_archive() {
    let report = check_hostile_archive("empty.tgz", b"");
    assert_eq!(report["inputs"][0]["charts"], Value::Array(vec![]));
}

#[wasm_bindgen_test]
fn random_bytes_archive() {
    for (i, n) in [1usize, 2, 511, 512, 4096, 65_536].into_iter().enumerate() {
        let data = random_bytes(n, 0x9E37_79B9_7F4A_7C15 + i as u64);
        check_hostile_archive(&format!("random-{n}.tgz"), &data);
    }
    // Random bytes after a gzip magic, and after a zip magic.
    let mut gz = vec![0x1f, 0x8b, 8, 0];
    gz.extend(random_bytes(4096, 7));
    check_hostile_archive("random-gzip.tgz", &gz);
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend(random_bytes(4096, 8));
    check_hostile_archive("random.zip", &zip);
}

#[wasm_bindgen_test]
fn truncated_gzip() {
    let data = tgz(&chart_files("demo-project", VALUES_YAML));
    for cut in [10, data.len() / 3, data.len() / 2, data.len() - 9] {
        check_hostile_archive(&format!("cut-{cut}.tgz"), &data[..cut]);
    }
}

#[wasm_bindgen_test]
fn gzip_bomb_is_cut_at_the_limits() {
    // 64 MiB of zeros in one entry, from a ~400 KB archive: over the 5 MiB per-file limit.
    let bomb = gzip_bomb("bomb/chart/bomb/values.yaml", 64 << 20);
    assert!(bomb.len() < 600 * 1024, "{} bytes", bomb.len());
    let report = check_hostile_archive("bomb.tgz", &bomb);
    let files = report["inputs"][0]["files"].as_array().unwrap();
    assert!(
        files.iter().all(|f| f["size"].as_u64().unwrap() <= 5 << 20),
        "{files:?}"
    );
}

#[wasm_bindgen_test]
fn gzip_bomb_builder_makes_valid_deflate() {
    // The bomb builder's stream, at a harmless size, reads as an ordinary archive.
    let small = gzip_bomb("small/zeros.bin", 1000);
    let mut ws = Workspace::new();
    ws.add_archive(s("small.tgz"), u8a(&small)).unwrap();
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    assert_eq!(input["unreadable"], false, "{:#}", input["diagnostics"]);
    assert_eq!(input["files"][0]["path"], "small/zeros.bin");
    assert_eq!(input["files"][0]["size"], 1000);
}

#[wasm_bindgen_test]
fn alias_bomb_values() {
    let mut values = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        values.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let mut ws = Workspace::new();
    add_folder(&mut ws, "demo", &chart_files("demo", &values));
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    assert_eq!(input["charts"][0]["name"], "demo-product");
    assert!(
        rules_of(input).iter().any(|r| r == "INPUT-001"),
        "{:#}",
        input["diagnostics"]
    );
}

#[wasm_bindgen_test]
fn deep_nesting_values() {
    for values in [
        "a: ".to_string() + &"[".repeat(100_000),
        "a: ".to_string() + &"{x: ".repeat(50_000),
        (0..2_000)
            .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
            .collect::<String>(),
        "- ".repeat(50_000) + "x\n",
    ] {
        let mut ws = Workspace::new();
        add_folder(&mut ws, "demo", &chart_files("demo", &values));
        let report = check(&mut ws);
        let input = &report["inputs"][0];
        assert_eq!(input["charts"][0]["name"], "demo-product");
        assert!(!input["diagnostics"].as_array().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
fn unsafe_folder_paths_are_not_trusted() {
    let mut ws = Workspace::new();
    let mut files = chart_files("demo", "a: 1\n");
    files.push(("../../etc/passwd".into(), b"root:x:0:0\n".to_vec()));
    files.push(("/abs/Chart.yaml".into(), b"name: x\n".to_vec()));
    files.push(("".into(), b"".to_vec()));
    add_folder(&mut ws, "demo", &files);
    let report = check(&mut ws);
    let input = &report["inputs"][0];
    for f in input["files"].as_array().unwrap() {
        let p = f["path"].as_str().unwrap();
        assert!(
            !p.starts_with('/') && !p.split('/').any(|c| c == ".."),
            "unsafe path kept: {p}"
        );
    }
}
