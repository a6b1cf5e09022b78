//! A chart's rendered documents as the manifest rules read them (issue 10): the chart rendered
//! as the platform installs it (release name = product ID, the namespace `_acl_helpers` gives),
//! each document parsed into a YAML tree with positions, and, for any node of it, the place in the
//! chart's own files that wrote it (through the renderer's source map).

use super::{render, Cache, Document, RenderOptions, Rendered};
use crate::chart::Chart;
use crate::diagnostic::{Pos, Range};
use crate::input::File;
use crate::yaml::{self, Node, YamlLimits};
use gotmpl::Frame;
use std::cell::OnceCell;

/// The rendered documents of one chart, parsed.
#[derive(Debug, Default)]
pub struct Manifests {
    pub rendered: Rendered,
    /// The release's namespace (where objects that name none go).
    pub namespace: String,
    /// The Kubernetes version rendered for (`--kube-version`, else Helm's default).
    pub kube_version: String,
    /// Whether the user's values (`-f`, `--set`, the page's values panel) were rendered with.
    pub user_values: bool,
    /// The schemas of that version's built-in kinds (K8S-001), when the run has them.
    pub schemas: Option<std::sync::Arc<super::kube_schema::KubeSchemas>>,
    /// The values checked against values.schema.json (HELM-005); `None` when the run has no
    /// JSON Schema validator (the page before it loads one).
    pub values_schema: Option<Vec<super::values_schema::Outcome>>,
    /// The parsed root of each document of `rendered.documents` (same order), parsed when a
    /// rule first asks (rules ask by kind: a chart's CRDs are rarely read); `None` for one that
    /// is empty or does not parse.
    roots: Vec<OnceCell<Option<Node>>>,
}

/// One rendered Kubernetes object: its document and its root map.
#[derive(Clone, Copy)]
pub struct Object<'m> {
    pub doc: &'m Document,
    pub root: &'m Node,
}

impl<'m> Object<'m> {
    pub fn kind(&self) -> &'m str {
        &self.doc.kind
    }
    pub fn name(&self) -> &'m str {
        &self.doc.name
    }
    /// `Kind/name`, as messages name the object.
    pub fn label(&self) -> String {
        format!("{}/{}", self.doc.kind, self.doc.name)
    }
    /// The containers and init containers of its pod template.
    /// Each with whether it is an init container.
    pub fn containers(&self) -> impl Iterator<Item = (&'m Node, bool)> {
        let spec = self.pod_spec();
        [("initContainers", true), ("containers", false)]
            .into_iter()
            .filter_map(move |(k, init)| Some((spec?.get(k)?.as_seq()?, init)))
            .flat_map(|(list, init)| list.iter().map(move |c| (c, init)))
    }
    /// The pod template of a workload (`spec.template.spec`; a CronJob's
    /// `spec.jobTemplate.spec.template.spec`; a Pod's own `spec`).
    pub fn pod_spec(&self) -> Option<&'m Node> {
        match self.kind() {
            "Pod" => self.root.get("spec"),
            "CronJob" => self
                .root
                .get_path(&["spec", "jobTemplate", "spec", "template", "spec"]),
            "Deployment"
            | "StatefulSet"
            | "DaemonSet"
            | "ReplicaSet"
            | "Job"
            | "ReplicationController" => self.root.get_path(&["spec", "template", "spec"]),
            _ => None,
        }
    }
}

/// Where a rendered node came from in the input's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The input's file (a template of the chart, or the file that `include`s the one that
    /// wrote it when that one is not in the input, as a dependency's archive is not).
    pub file: String,
    pub range: Option<Range>,
    /// The rendered line, trimmed.
    pub rendered: String,
}

/// The options the platform installs a chart with: `options` (the user's values, the Kubernetes
/// version) with the release name and namespace filled in when not given: the product ID, and
/// the namespace of `_acl_helpers` (else the product ID).
pub fn platform_options(chart: &Chart, options: &RenderOptions) -> RenderOptions {
    let mut options = options.clone();
    if options.release_name.is_empty() {
        options.release_name = chart.name();
    }
    if options.namespace.is_empty() {
        options.namespace = chart
            .acl
            .as_ref()
            .and_then(|acl| {
                acl.root()?
                    .get_path(&["data", "namespace"])?
                    .as_str()
                    .map(str::to_string)
            })
            .filter(|ns| !ns.is_empty())
            .unwrap_or_else(|| chart.name());
    }
    options
}

impl Manifests {
    /// Render `chart` as the platform installs it (see [`platform_options`]) into a cluster of
    /// the chosen Kubernetes version (`.Capabilities.APIVersions` holds what it serves), with
    /// quick keys and hashes (`RenderOptions::quick_crypto`), and parse the documents. `others`: the files of the run's other inputs (dependencies are looked up
    /// there); `cache`: what earlier renders of the chart's input loaded.
    pub fn render(
        chart: &Chart,
        others: &[&[File]],
        options: &RenderOptions,
        cache: &mut Cache,
    ) -> Manifests {
        let mut options = RenderOptions {
            quick_crypto: true, // the rules read shapes, not keys
            helm2_release_time: true,
            ..platform_options(chart, options)
        };
        // The APIs a cluster of that version serves, as `helm install` would see them.
        let kube = options
            .kube_version
            .as_deref()
            .unwrap_or(super::DEFAULT_KUBE_VERSION);
        if let Some(v) = super::semver::Version::parse(kube).filter(|v| v.major == 1) {
            options
                .api_versions
                .extend(super::kube_apis::apis().capabilities(v.minor));
        }
        cache.load_with_values(chart.input, &chart.prefix, || {
            let values = chart.values.as_ref()?;
            super::values::values_from_parsed(&values.yaml, &values.text)
                .map(|read| read.map_err(|e| e.message))
        });
        let rendered = render(chart.input, &chart.prefix, others, &options, cache);
        Manifests {
            user_values: !(options.values.is_empty()
                && options.set.is_empty()
                && options.set_string.is_empty()
                && options.set_file.is_empty()),
            namespace: options.namespace,
            kube_version: options
                .kube_version
                .clone()
                .unwrap_or_else(|| super::DEFAULT_KUBE_VERSION.to_string()),
            ..Manifests::of(rendered)
        }
    }

    /// No manifests: the run's work budget was spent rendering (see `Workspace::check`).
    pub fn spent() -> Manifests {
        Manifests::of(Rendered {
            fatal: Some(super::Fatal {
                kind: super::FatalKind::Input,
                message: crate::text!(
                    "not rendered: the run's work budget is spent",
                    "未渲染：本次运行的工作预算已用完"
                ),
            }),
            ..Rendered::default()
        })
    }

    /// Rendered documents, to be parsed when read.
    pub fn of(rendered: Rendered) -> Manifests {
        let roots = rendered.documents.iter().map(|_| OnceCell::new()).collect();
        Manifests {
            rendered,
            roots,
            namespace: String::new(),
            kube_version: super::DEFAULT_KUBE_VERSION.to_string(),
            user_values: false,
            schemas: None,
            values_schema: None,
        }
    }

    /// Document `index` as an object (its root a map), parsed on first use.
    pub fn object(&self, index: usize) -> Option<Object<'_>> {
        let doc = self.rendered.documents.get(index)?;
        let root = self.roots[index]
            .get_or_init(|| {
                let parsed = yaml::parse(&doc.text, YamlLimits::default());
                // A document the run's work budget cut is not read half-done.
                let cut = parsed
                    .problems
                    .iter()
                    .any(|p| matches!(p, yaml::Problem::BudgetSpent { .. }));
                let root = parsed.docs.into_iter().next();
                root.filter(|n| !cut && !n.is_null())
            })
            .as_ref()
            .filter(|r| r.as_map().is_some())?;
        Some(Object { doc, root })
    }

    /// The rendered objects of these kinds (documents whose root is a map), in Helm's order;
    /// only those documents are parsed.
    pub fn objects_of<'m>(&'m self, kinds: &'m [&str]) -> impl Iterator<Item = Object<'m>> + 'm {
        (0..self.rendered.documents.len())
            .filter(|&i| kinds.contains(&self.rendered.documents[i].kind.as_str()))
            .filter_map(|i| self.object(i))
    }
}

/// The kinds whose objects run pods (what [`Object::pod_spec`] reads).
pub const POD_KINDS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
    "Pod",
];

/// The place in `chart`'s input that wrote `range` of `object`'s document: the template line
/// that wrote its first line, or — when that line was written inside a file the input does
/// not hold (a dependency's `define` from an archive) — the `include` that led there.
pub fn place(chart: &Chart, object: &Object, range: Range) -> Place {
    let index = range.start.line.saturating_sub(1);
    let rendered_line = object.doc.text.lines().nth(index).unwrap_or("");
    let rendered = rendered_line.trim().to_string();
    let Some(origin) = object.doc.lines.get(index) else {
        return Place {
            file: chart.path(source_rel(&object.doc.source)),
            range: None,
            rendered,
        };
    };
    let frames = std::iter::once(&origin.at).chain(origin.chain.iter());
    for (depth, frame) in frames.enumerate() {
        let Some(file) = template_file(chart, &frame.template) else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.data);
        let line = text.lines().nth(frame.line.saturating_sub(1) as usize);
        let range = line.map(|line| {
            if depth == 0 {
                // The line itself: the rendered node's text where the template has it too.
                let segment = node_text(rendered_line, range);
                locate(line, frame.line as usize, segment)
                    .or_else(|| locate(line, frame.line as usize, key_of(rendered_line)))
                    .unwrap_or_else(|| Range::line_text(line, frame.line as usize))
            } else {
                from_column(line, frame)
            }
        });
        return Place {
            file: file.path.clone(),
            range,
            rendered,
        };
    }
    Place {
        file: chart.path(source_rel(&object.doc.source)),
        range: None,
        rendered,
    }
}

/// The place in `chart`'s input of the first of `frames` (innermost first) that is in one of
/// its files: from the frame's column to the end of its line.
pub fn frame_place<'f>(
    chart: &Chart,
    frames: impl IntoIterator<Item = &'f Frame>,
) -> Option<(String, Range)> {
    frames.into_iter().find_map(|frame| {
        let file = template_file(chart, &frame.template)?;
        let text = String::from_utf8_lossy(&file.data);
        let line = text.lines().nth(frame.line.saturating_sub(1) as usize)?;
        Some((file.path.clone(), from_column(line, frame)))
    })
}

/// The input file of a template name (`app/templates/x.yaml`, `app/charts/sub/templates/y`).
fn template_file<'a>(chart: &Chart<'a>, template: &str) -> Option<&'a File> {
    let path = chart.path(source_rel(template));
    chart.input.files.iter().find(|f| f.path == path)
}

/// A template name without the chart's name (`templates/x.yaml`).
fn source_rel(source: &str) -> &str {
    source.split_once('/').map_or(source, |(_, rest)| rest)
}

/// The text `range` covers on its first line.
fn node_text(line: &str, range: Range) -> &str {
    let start = char_to_byte(line, range.start.column);
    let end = if range.end.line == range.start.line {
        char_to_byte(line, range.end.column)
    } else {
        line.len()
    };
    line.get(start..end.max(start)).unwrap_or("").trim()
}

/// A rendered line's key with its colon (`type:`), or `""`.
fn key_of(line: &str) -> &str {
    let trimmed = line.trim_start().trim_start_matches("- ");
    trimmed
        .find(": ")
        .or_else(|| trimmed.strip_suffix(':').map(|k| k.len()))
        .map_or("", |end| &trimmed[..(end + 1).min(trimmed.len())])
}

/// `needle` found in template line `text` (line number `line`), as a range.
fn locate(text: &str, line: usize, needle: &str) -> Option<Range> {
    if needle.is_empty() {
        return None;
    }
    let at = text.find(needle)?;
    let start = text[..at].chars().count() + 1;
    Some(Range {
        start: Pos {
            line,
            column: start,
        },
        end: Pos {
            line,
            column: start + needle.chars().count(),
        },
    })
}

/// From a frame's column (bytes) to the end of its line.
fn from_column(text: &str, frame: &Frame) -> Range {
    let byte = (frame.col.saturating_sub(1) as usize).min(text.len());
    let column = text.get(..byte).map_or(1, |b| b.chars().count() + 1);
    let line = frame.line as usize;
    Range {
        start: Pos { line, column },
        end: Pos {
            line,
            column: text.chars().count().max(column) + 1,
        },
    }
}

/// The byte offset of 1-based character column `column` of `line` (its end when past it).
fn char_to_byte(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_rendered_lines() {
        assert_eq!(key_of("  type: NodePort"), "type:");
        assert_eq!(key_of("  - name: web"), "name:");
        assert_eq!(key_of("  selector:"), "selector:");
        assert_eq!(key_of("  - web"), "");
    }

    #[test]
    fn located_in_the_template_line() {
        let r = locate("  type: {{ .Values.type }}", 7, "type:").unwrap();
        assert_eq!((r.start.column, r.end.column), (3, 8));
        assert_eq!(locate("  kind: Service", 1, "NodePort"), None);
        let w = Range::line_text("    image: {{ x }}", 3);
        assert_eq!((w.start.column, w.end.column), (5, 19));
    }
}
