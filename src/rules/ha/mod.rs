//! HA — multi-replica Deployments (§1.1.6.5): anti-affinity and rolling updates on the rendered
//! Deployments; helm-toolkit declared where its snippets are included.

pub mod ha_001;
pub mod ha_002;
pub mod ha_003;
pub mod ha_004;

use crate::chart::Chart;
use crate::diagnostic::{Pos, Range, Text};
use crate::render::manifests::Object;
use crate::rules::ManifestScope;
use crate::text;
use crate::yaml::{Node, Value};

/// Why a Deployment can run more than one replica, and where to say it.
pub(crate) struct MultiReplica {
    /// Its `replicas` when above 1; its `kind` when an autoscaler scales it.
    pub range: Range,
    /// Empty for `replicas` (the finding shows the rendered line), else ` (HorizontalPodAutoscaler
    /// `web` scales it up to 5)`, to append to a message.
    pub why: Text,
}

/// A Deployment that can run more than one replica: `replicas` above 1, or the target of a
/// HorizontalPodAutoscaler that may scale it above 1.
pub(crate) fn multi_replica<'m>(
    scope: &ManifestScope<'m>,
    deployment: &Object<'m>,
) -> Option<MultiReplica> {
    let replicas = deployment.root.get_path(&["spec", "replicas"]);
    if let Some(node) = replicas.filter(|n| number(n).is_some_and(|n| n > 1.0)) {
        return Some(MultiReplica {
            range: node.range,
            why: text!("", ""),
        });
    }
    scope.of_kind(&["HorizontalPodAutoscaler"]).find_map(|hpa| {
        let target = hpa.root.get_path(&["spec", "scaleTargetRef"])?;
        let names_it = target.get("kind")?.as_str() == Some("Deployment")
            && target.get("name")?.as_str() == Some(deployment.name());
        let max = number(hpa.root.get_path(&["spec", "maxReplicas"])?)?;
        if !names_it || max <= 1.0 {
            return None;
        }
        let name = hpa.name();
        Some(MultiReplica {
            range: deployment
                .root
                .entry("kind")
                .map_or(deployment.root.range, |e| e.key.range),
            why: text!(
                " (HorizontalPodAutoscaler `{name}` scales it up to {max})",
                "（HorizontalPodAutoscaler `{name}` 可将其扩容到 {max} 个副本）"
            ),
        })
    })
}

fn number(node: &Node) -> Option<f64> {
    match node.as_scalar()?.value {
        Value::Int(n) => Some(n as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

/// Whether the chart declares dependency `name` (requirements.yaml or Chart.yaml
/// `dependencies`) or bundles it under `charts/`.
pub(crate) fn has_dependency(chart: &Chart, name: &str) -> bool {
    let declared = [&chart.requirements, &chart.chart_yaml]
        .into_iter()
        .flatten()
        .filter_map(|f| f.root()?.get("dependencies")?.as_seq())
        .flatten()
        .any(|d| d.get("name").and_then(|n| n.as_str()) == Some(name));
    declared
        || chart.subcharts.iter().any(|s| {
            let base = s.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            base == name || base.strip_prefix(name).is_some_and(|v| v.starts_with('-'))
        })
}

/// The first `include`/`template` in `text` of a template whose name starts with `prefix`:
/// the name's place and the name.
pub(crate) fn toolkit_include(text: &str, prefix: &str) -> Option<(Range, String)> {
    let quoted = format!("\"{prefix}");
    if !text.contains(&quoted) {
        return None; // most templates: one scan, no line split
    }
    text.lines().enumerate().find_map(|(i, line)| {
        let at = line.find(&quoted)?;
        let before = &line[..at];
        if !(before.trim_end().ends_with("include") || before.trim_end().ends_with("template")) {
            return None;
        }
        let name_start = at + 1;
        let end = line[name_start..]
            .find('"')
            .map_or(line.len(), |e| name_start + e);
        let name = line[name_start..end].to_string();
        let column = line[..name_start].chars().count() + 1;
        let (start, end) = (
            Pos {
                line: i + 1,
                column,
            },
            Pos {
                line: i + 1,
                column: column + name.chars().count(),
            },
        );
        Some((Range { start, end }, name))
    })
}
