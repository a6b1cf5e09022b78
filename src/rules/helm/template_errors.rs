//! What HELM-002, HELM-006 and HELM-007 share: a failed template reported at its place.

use crate::render::manifests::frame_place;
use crate::render::TemplateError;
use crate::rules::{Findings, ManifestScope};
use crate::text;

/// Report `error` at the first place of its include chain that is in the chart's own files
/// (the chart's template, not a dependency's archive), the chain in the message.
pub(crate) fn report(scope: &ManifestScope, out: &mut Findings, failed: &TemplateError) {
    let error = &failed.error;
    let frames = std::iter::once(&error.at).chain(&error.chain);
    let go = error.go_message();
    let chain: Vec<String> = error
        .chain
        .iter()
        .map(|f| format!("{}:{}:{}", f.template, f.line, f.col))
        .collect();
    let via = if chain.is_empty() {
        text!("", "")
    } else {
        let list = chain.join(" ← ");
        text!(" (called from {list})", "（调用链：{list}）")
    };
    let (en, zh) = (via.en, via.zh);
    let message = text!("{go}{en}", "{go}{zh}");
    match frame_place(scope.chart, frames) {
        Some((file, range)) => out.report(&file, Some(range), message),
        None => {
            let rel = failed.template.split_once('/').map_or("", |(_, rel)| rel);
            out.report(&scope.chart.path(rel), None, message)
        }
    };
}
