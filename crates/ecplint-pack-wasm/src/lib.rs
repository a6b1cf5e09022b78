//! "Download" and "Copy link" in the page: the core's archive writer (`src/pack`) and link codec
//! (`src/share.rs`) as a wasm module of its own. Compressing (DEFLATE) weighs ~9 KB gzipped, more
//! than the page's first download had left of its budget, so the worker fetches this module the
//! first time the user downloads, copies a link or opens one. It takes inputs as the main
//! module's `Workspace.inputFiles` gives them, and gives back what a check takes.
//!
//! ```js
//! import init, { download, shareLink, openLink } from './pkg/pack/ecplint_pack.js';
//! await init();
//! download(ws.inputFiles(0));            // {name, bytes} | {error: {message, message_zh}}
//! shareLink([ws.inputFiles(0)], version) // {fragment}    | {error}
//! openLink(location.hash)                // {madeBy, items: [{kind: 'archive', name, blob} |
//!                                        //   {kind: 'folder', name, entries: [{path, blob}]}]} | {error}
//! ```
//! Only wrong argument types throw (a `TypeError`); anything wrong with the inputs or the link
//! is an `error` with its message in English and Chinese.

use ecplint::diagnostic::Text;
use ecplint::input::{File, Source};
use ecplint::share::{self, SharedInput, SharedKind};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// "Download": input (as `inputFiles` gives it) as an archive in its own layout, a folder as
/// `<name>.tgz`. A subchart archive with an edited file inside is rebuilt; others keep their bytes.
#[wasm_bindgen]
pub fn download(input: JsValue) -> Result<JsValue, JsValue> {
    let written = shared_input(&input, "download")?.and_then(|i| i.archive());
    match written {
        Ok((name, bytes)) => object(&[
            ("name", JsValue::from_str(&name)),
            ("bytes", Uint8Array::from(&bytes[..]).into()),
        ]),
        Err(e) => failure(&e.message()),
    }
}

/// "Copy link": the fragment (without `#`) that holds `inputs`, made by ecplint `version`.
/// Inputs the reader could not take (`kind: null`) hold no files and are left out.
#[wasm_bindgen(js_name = shareLink)]
pub fn share_link(inputs: JsValue, version: &str) -> Result<JsValue, JsValue> {
    let inputs: &Array = inputs
        .dyn_ref()
        .ok_or_else(|| type_error("shareLink: `inputs` must be an array"))?;
    let mut shared = Vec::new();
    for input in inputs.iter() {
        if Reflect::get(&input, &"kind".into())?.is_null() {
            continue;
        }
        match shared_input(&input, "shareLink")? {
            Ok(s) => shared.push(s),
            Err(e) => return failure(&e.message()),
        }
    }
    match share::encode(&shared, version) {
        Ok(fragment) => object(&[("fragment", JsValue::from_str(&fragment))]),
        Err(e) => failure(&e.message()),
    }
}

/// Opening a link: the version that made it and its inputs, as the page's check takes them
/// (archives written again in their layout).
#[wasm_bindgen(js_name = openLink)]
pub fn open_link(fragment: &str) -> Result<JsValue, JsValue> {
    let shared = match share::decode(fragment) {
        Ok(shared) => shared,
        Err(e) => return failure(&e.message()),
    };
    let items = Array::new();
    for input in shared.inputs {
        let item = match input.into_source() {
            Err(e) => return failure(&e.message()),
            Ok(Source::Archive { name, data }) => object(&[
                ("kind", "archive".into()),
                ("name", JsValue::from_str(&name)),
                ("blob", Uint8Array::from(&data[..]).into()),
            ])?,
            Ok(Source::Folder { name, files }) => {
                let entries: Array = files
                    .iter()
                    .map(|f| {
                        object(&[
                            ("path", JsValue::from_str(&f.path)),
                            ("blob", Uint8Array::from(&f.data[..]).into()),
                        ])
                    })
                    .collect::<Result<_, _>>()?;
                object(&[
                    ("kind", "folder".into()),
                    ("name", JsValue::from_str(&name)),
                    ("entries", entries.into()),
                ])?
            }
        };
        items.push(&item);
    }
    object(&[
        ("madeBy", JsValue::from_str(&shared.made_by)),
        ("items", items.into()),
    ])
}

/// An input as `inputFiles` gives it, its top-level files picked (or why they cannot be).
fn shared_input(
    input: &JsValue,
    func: &str,
) -> Result<Result<SharedInput, ecplint::pack::PackError>, JsValue> {
    let field = |key: &str| Reflect::get(input, &JsValue::from_str(key));
    let wrong = |what: &str| {
        type_error(&format!(
            "{func}: {what} (give what `Workspace.inputFiles` returns)"
        ))
    };
    let name = field("name")?
        .as_string()
        .ok_or_else(|| wrong("`name` must be a string"))?;
    let kind = field("kind")?
        .as_string()
        .and_then(|k| SharedKind::parse(&k))
        .ok_or_else(|| wrong("`kind` must be folder, tgz, tar or zip"))?;
    let paths = array(&field("paths")?).ok_or_else(|| wrong("`paths` must be an array"))?;
    let contents =
        array(&field("contents")?).ok_or_else(|| wrong("`contents` must be an array"))?;
    let edited = array(&field("edited")?).ok_or_else(|| wrong("`edited` must be an array"))?;
    if paths.length() != contents.length() {
        return Err(wrong("`paths` and `contents` differ in length"));
    }
    let mut files = Vec::with_capacity(paths.length() as usize);
    for (path, data) in paths.iter().zip(contents.iter()) {
        let path = path
            .as_string()
            .ok_or_else(|| wrong("`paths` must hold strings"))?;
        let data = data
            .dyn_into::<Uint8Array>()
            .map_err(|_| wrong("`contents` must hold Uint8Arrays"))?
            .to_vec();
        files.push(File { path, data });
    }
    let edited: Vec<String> = edited.iter().filter_map(|p| p.as_string()).collect();
    Ok(SharedInput::of(&name, kind, &files, &edited))
}

fn array(value: &JsValue) -> Option<Array> {
    Array::is_array(value).then(|| value.clone().unchecked_into())
}

fn object(fields: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let out = Object::new();
    for (key, value) in fields {
        Reflect::set(&out, &JsValue::from_str(key), value)?;
    }
    Ok(out.into())
}

/// `{error: {message, message_zh}}`.
fn failure(message: &Text) -> Result<JsValue, JsValue> {
    let error = object(&[
        ("message", JsValue::from_str(&message.en)),
        ("message_zh", JsValue::from_str(&message.zh)),
    ])?;
    object(&[("error", error)])
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}
