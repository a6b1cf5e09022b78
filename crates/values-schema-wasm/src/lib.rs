//! values.schema.json checked in the page (HELM-005): crates/values-schema as a wasm module of
//! its own. The JSON Schema validator weighs ~440 KB gzipped, more than half the page's budget,
//! so the worker fetches this module only when a dropped chart has a values.schema.json and
//! hands `validate` to the main module (`Workspace.setValuesSchemaValidator`).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Check `valuesJson` against `schema` (both JSON text). Returns
/// `{violations: [{instance, en, zh}], broken: null}` or, for a schema that cannot be used,
/// `{violations: [], broken: {message, line}}` (`line`: of a JSON syntax error, else null).
#[wasm_bindgen]
pub fn validate(schema: &str, values_json: &str) -> Result<JsValue, JsValue> {
    let values: serde_json::Value = serde_json::from_str(values_json)
        .map_err(|e| js_sys::TypeError::new(&format!("validate: valuesJson is not JSON: {e}")))?;
    let out = Object::new();
    let violations = Array::new();
    let mut broken = JsValue::NULL;
    match values_schema::validate(schema, &values) {
        Ok(found) => {
            for v in found {
                let item = Object::new();
                Reflect::set(&item, &"instance".into(), &v.instance.into())?;
                Reflect::set(&item, &"en".into(), &v.en.into())?;
                Reflect::set(&item, &"zh".into(), &v.zh.into())?;
                violations.push(&item);
            }
        }
        Err(e) => {
            let item = Object::new();
            Reflect::set(&item, &"message".into(), &e.message.into())?;
            let line = e.line.map_or(JsValue::NULL, |l| JsValue::from(l as u32));
            Reflect::set(&item, &"line".into(), &line)?;
            broken = item.into();
        }
    }
    Reflect::set(&out, &"violations".into(), &violations)?;
    Reflect::set(&out, &"broken".into(), &broken)?;
    Ok(out.into())
}
