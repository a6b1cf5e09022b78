//! The render as JSON (`ecplint template --format json`, the JS API's `render`), serialized
//! straight from the render: no JSON tree is built in between (a source map has an entry per
//! output line, so that tree was most of the JS API's time). Fields in alphabetical order, as
//! the output has always had them.
//!
//! The source map comes in two forms. `lines` (the default): an object per output line,
//! `{template, line, col, chain}`. Compact (the page asks for it): per document `origins`, four
//! numbers a line — index into the render's `templates`, line, column, index into its `chains`
//! (chain 0 is the empty one) — a third of the size for big outputs (a chart of 4.5 MB of CRDs
//! had 12 MB of `lines`).

use super::{Document, Rendered};
use crate::diagnostic::Lang;
use gotmpl::error::Frame;
use gotmpl::Origin;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderedJson<'a> {
    /// Compact form only: the include chains `origins` point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    chains: Option<Vec<Vec<FrameJson<'a>>>>,
    chart: &'a str,
    documents: Vec<DocumentJson<'a>>,
    errors: Vec<ErrorJson<'a>>,
    fatal: Option<&'a str>,
    missing_dependencies: &'a [String],
    not_rendered: Vec<NotRenderedJson<'a>>,
    /// Compact form only: the template names `origins` point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    templates: Option<Vec<&'a str>>,
    warnings: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentJson<'a> {
    api_version: &'a str,
    hook: Option<&'a str>,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<LineJson<'a>>>,
    name: &'a str,
    namespace: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    origins: Option<Vec<u32>>,
    source: &'a str,
    /// Left out by [`RenderedJson::without_texts`] only.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
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

/// The compact source map's tables: each template name and each chain once.
#[derive(Default)]
struct Tables<'a> {
    templates: Vec<&'a str>,
    template_index: HashMap<&'a str, u32>,
    /// Chain 0 is the empty one; others by the address of their shared slice.
    chains: Vec<Vec<FrameJson<'a>>>,
    chain_index: HashMap<*const Frame, u32>,
}

impl<'a> Tables<'a> {
    fn template(&mut self, name: &'a str) -> u32 {
        *self.template_index.entry(name).or_insert_with(|| {
            self.templates.push(name);
            (self.templates.len() - 1) as u32
        })
    }

    fn chain(&mut self, chain: &'a [Frame]) -> u32 {
        if chain.is_empty() {
            return 0;
        }
        *self.chain_index.entry(chain.as_ptr()).or_insert_with(|| {
            self.chains.push(frames(chain));
            (self.chains.len() - 1) as u32
        })
    }

    /// Four numbers a line: template, line, column, chain.
    fn origins(&mut self, lines: &'a [Origin]) -> Vec<u32> {
        let mut out = Vec::with_capacity(lines.len() * 4);
        for o in lines {
            out.extend([
                self.template(&o.at.template),
                o.at.line,
                o.at.col,
                self.chain(&o.chain),
            ]);
        }
        out
    }
}

impl<'a> DocumentJson<'a> {
    fn new(d: &'a Document, tables: Option<&mut Tables<'a>>) -> Self {
        let (lines, origins) = match tables {
            None => (Some(d.lines.iter().map(LineJson::new).collect()), None),
            Some(tables) => (None, Some(tables.origins(&d.lines))),
        };
        DocumentJson {
            api_version: &d.api_version,
            hook: d.hook.as_deref(),
            kind: &d.kind,
            lines,
            name: &d.name,
            namespace: &d.namespace,
            origins,
            source: &d.source,
            text: Some(&d.text),
        }
    }
}

impl<'a> RenderedJson<'a> {
    /// The same without the documents' texts, for a host that hands each text over as a string
    /// of its own (the JS API: escaping megabytes of YAML into JSON and parsing it back was most
    /// of a big render's time in the page). `text` was each document's last field.
    pub fn without_texts(mut self) -> Self {
        for d in &mut self.documents {
            d.text = None;
        }
        self
    }

    pub(super) fn new(r: &'a Rendered, lang: Lang, compact: bool) -> Self {
        let mut tables = compact.then(|| Tables {
            chains: vec![Vec::new()],
            ..Tables::default()
        });
        let documents = r
            .documents
            .iter()
            .map(|d| DocumentJson::new(d, tables.as_mut()))
            .collect();
        let (templates, chains) = match tables {
            Some(t) => (Some(t.templates), Some(t.chains)),
            None => (None, None),
        };
        RenderedJson {
            chains,
            chart: &r.chart,
            documents,
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
            templates,
            warnings: r.warnings.iter().map(|w| w.get(lang)).collect(),
        }
    }
}
