//! The render as JSON (`ecplint template --format json`, the JS API's `render`), serialized
//! straight from the render: no JSON tree is built in between (a source map has an entry per
//! output line, so that tree was most of the JS API's time). Fields in alphabetical order, as
//! the output has always had them.

use super::{Document, Rendered};
use crate::diagnostic::Lang;
use gotmpl::error::Frame;
use gotmpl::Origin;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderedJson<'a> {
    chart: &'a str,
    documents: Vec<DocumentJson<'a>>,
    errors: Vec<ErrorJson<'a>>,
    fatal: Option<&'a str>,
    missing_dependencies: &'a [String],
    not_rendered: Vec<NotRenderedJson<'a>>,
    warnings: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentJson<'a> {
    api_version: &'a str,
    hook: Option<&'a str>,
    kind: &'a str,
    lines: Vec<LineJson<'a>>,
    name: &'a str,
    namespace: &'a str,
    source: &'a str,
    text: &'a str,
}

/// Where a line came from, and the include chain that led there.
#[derive(Serialize)]
struct LineJson<'a> {
    chain: Vec<FrameJson<'a>>,
    col: u32,
    line: u32,
    template: &'a str,
}

/// A place in a template: `{template, line, col}`.
#[derive(Serialize)]
struct FrameJson<'a> {
    col: u32,
    line: u32,
    template: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    at: FrameJson<'a>,
    chain: Vec<FrameJson<'a>>,
    helm: String,
    message: &'a str,
    template: &'a str,
}

#[derive(Serialize)]
struct NotRenderedJson<'a> {
    dependency: &'a str,
    include: &'a str,
    template: &'a str,
}

impl<'a> FrameJson<'a> {
    fn new(frame: &'a Frame) -> Self {
        FrameJson {
            col: frame.col,
            line: frame.line,
            template: &frame.template,
        }
    }
}

fn frames(chain: &[Frame]) -> Vec<FrameJson<'_>> {
    chain.iter().map(FrameJson::new).collect()
}

impl<'a> LineJson<'a> {
    fn new(origin: &'a Origin) -> Self {
        LineJson {
            chain: frames(&origin.chain),
            col: origin.at.col,
            line: origin.at.line,
            template: &origin.at.template,
        }
    }
}

impl<'a> DocumentJson<'a> {
    fn new(d: &'a Document) -> Self {
        DocumentJson {
            api_version: &d.api_version,
            hook: d.hook.as_deref(),
            kind: &d.kind,
            lines: d.lines.iter().map(LineJson::new).collect(),
            name: &d.name,
            namespace: &d.namespace,
            source: &d.source,
            text: &d.text,
        }
    }
}

impl<'a> RenderedJson<'a> {
    pub(super) fn new(r: &'a Rendered, lang: Lang) -> Self {
        RenderedJson {
            chart: &r.chart,
            documents: r.documents.iter().map(DocumentJson::new).collect(),
            errors: r
                .errors
                .iter()
                .map(|e| ErrorJson {
                    at: FrameJson::new(&e.error.at),
                    chain: frames(&e.error.chain),
                    helm: e.error.go_message(),
                    message: &e.error.message,
                    template: &e.template,
                })
                .collect(),
            fatal: r.fatal.as_ref().map(|f| f.message.get(lang)),
            missing_dependencies: &r.missing_dependencies,
            not_rendered: r
                .not_rendered
                .iter()
                .map(|n| NotRenderedJson {
                    dependency: &n.dependency,
                    include: &n.include,
                    template: &n.template,
                })
                .collect(),
            warnings: r.warnings.iter().map(|w| w.get(lang)).collect(),
        }
    }
}
