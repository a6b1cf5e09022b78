//! The one place the preview meets the Mako engine (`crate::mako`): parse a template once,
//! render it against a simulated platform, map the rendered lines back to the template.
//!
//! STAND-IN until `src/mako/` lands: `${replicas_by_modality}`, `${cloud_product_label}` and
//! `${label_enabled}` are substituted, everything else is left as written.

use super::tree::Tree;
use crate::diagnostic::{Range, Severity, Text};
use std::collections::BTreeMap;

/// Other products' configs, by product ID, as the engine reads them.
pub type Products = BTreeMap<String, Value>;

/// A product config as the engine holds it.
pub type Value = Tree;

pub fn to_value(t: &Tree) -> Value {
    t.clone()
}

/// A parsed template.
#[derive(Debug)]
pub struct Template {
    text: String,
}

/// A problem found by the engine, at a place in the template.
#[derive(Debug, Clone)]
pub struct EngineError {
    pub severity: Severity,
    pub range: Option<Range>,
    pub message: Text,
}

pub fn parse(text: &str) -> (Template, Vec<EngineError>) {
    (
        Template {
            text: text.to_string(),
        },
        Vec::new(),
    )
}

/// What a template renders to: the text, and for each of its lines (0-based) the 1-based line of
/// the template that produced it.
#[derive(Debug)]
pub struct Rendered {
    pub text: String,
    pub line_map: Vec<usize>,
    pub errors: Vec<EngineError>,
}

/// Render `t` for `product` with `replicas` as `replicas_by_modality`; `products` holds the
/// other products' configs (the caller leaves `product` itself out).
pub fn render(t: &Template, _product: &str, replicas: i64, _products: &Products) -> Rendered {
    let text = t
        .text
        .replace("${replicas_by_modality}", &replicas.to_string())
        .replace("${cloud_product_label}", "cloud-product")
        .replace("${label_enabled}", "enabled");
    let line_map = (1..=text.lines().count().max(1)).collect();
    Rendered {
        text,
        line_map,
        errors: Vec::new(),
    }
}
