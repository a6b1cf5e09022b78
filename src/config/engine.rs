//! The one place the preview meets the Mako engine ([`crate::mako`]): parse a template once,
//! render it against a simulated platform, keep the engine's map from rendered lines back to
//! template lines.

use super::tree::{Kind, Tree};
use crate::diagnostic::{Range, Severity, Text};
use crate::mako;
use std::collections::BTreeMap;

/// Other products' configs, by product ID, as the engine reads them.
pub type Products = BTreeMap<String, mako::Value>;

/// A config as a template reads it: maps become dicts (string keys, in order), lists lists.
pub fn to_value(t: &Tree) -> mako::Value {
    match &t.kind {
        Kind::Null => mako::Value::None,
        Kind::Bool(b) => mako::Value::Bool(*b),
        Kind::Int(i) => mako::Value::Int(*i),
        Kind::Float(f) => mako::Value::Float(*f),
        Kind::Str(s) => mako::Value::Str(s.clone()),
        Kind::List(items) => mako::Value::List(items.iter().map(to_value).collect()),
        Kind::Map(m) => mako::Value::Dict(
            m.iter()
                .map(|(k, v)| (mako::Value::Str(k.clone()), to_value(v)))
                .collect(),
        ),
    }
}

/// A parsed template.
#[derive(Debug)]
pub struct Template(mako::Template);

/// A problem found by the engine, at a place in the template.
#[derive(Debug, Clone)]
pub struct EngineError {
    pub severity: Severity,
    pub range: Option<Range>,
    pub message: Text,
    pub help: Option<Text>,
}

impl From<mako::MakoError> for EngineError {
    fn from(e: mako::MakoError) -> EngineError {
        EngineError {
            severity: Severity::Error,
            range: Some(e.range),
            message: e.message,
            help: e.help,
        }
    }
}

pub fn parse(text: &str) -> (Template, Vec<EngineError>) {
    let p = mako::parse(text);
    (
        Template(p.template),
        p.errors.into_iter().map(EngineError::from).collect(),
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

/// Render `t` with `replicas` as `replicas_by_modality`; `products` holds the other products'
/// configs (the caller leaves the product itself out). The map is lent to the engine and given
/// back, not copied.
pub fn render(t: &Template, replicas: i64, products: &mut Products) -> Rendered {
    let platform = mako::Platform {
        products: std::mem::take(products),
        default_product_replicas: replicas,
        ..mako::Platform::default()
    };
    let r = mako::render(&t.0, &platform);
    *products = platform.products;
    Rendered {
        text: r.text,
        line_map: r.line_map,
        errors: r.errors.into_iter().map(EngineError::from).collect(),
    }
}
