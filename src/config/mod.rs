//! Config preview (issue 3, RULES.md "CONFIG PREVIEW", guide §1.1.6.4): what values will a product
//! really get?
//!
//! Final values = values.yaml, overlaid in increasing priority by the rendered `data_template` of
//! `_config_helpers.yaml.tpl`, the config CRD, the license topology (`license.data.topology.<id>`),
//! the license config (`license.data.cloud_product.<id>.config` or `platform_software.<id>.config`)
//! and `custom_config`. Maps merge key by key; scalars and lists replace ([`merge`]).
//!
//! - [`license`] reads a license in both of the guide's shapes.
//! - [`inputs`] reads the other user inputs (config CRD, custom_config, other products' configs).
//! - [`preview`] renders a chart's data_template and merges the layers into a [`ConfigReport`];
//!   [`Catalog`] holds every chart of a run so that a template can read the other charts' configs.
//! - [`yaml_out`] writes the final values as YAML with a provenance comment on every leaf.

pub mod doc;
mod engine;
pub mod inputs;
pub mod license;
pub mod merge;
pub mod preview;
pub mod tree;
pub mod yaml_out;

use crate::diagnostic::{Range, Severity, Text};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use doc::Doc;
pub use inputs::{Overrides, Prepared};
pub use preview::Catalog;
pub use tree::Tree;

/// A layer of the merge, lowest priority first (the order of `Layer::ALL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Values,
    DataTemplate,
    ConfigCrd,
    Topology,
    License,
    CustomConfig,
}

impl Layer {
    pub const ALL: [Layer; 6] = [
        Layer::Values,
        Layer::DataTemplate,
        Layer::ConfigCrd,
        Layer::Topology,
        Layer::License,
        Layer::CustomConfig,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Values => "values",
            Layer::DataTemplate => "data_template",
            Layer::ConfigCrd => "config_crd",
            Layer::Topology => "topology",
            Layer::License => "license",
            Layer::CustomConfig => "custom_config",
        }
    }
}

/// `charts[].config` of the report: the config preview of one chart.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigReport {
    /// The product ID the preview is for (Chart.yaml `name`).
    pub product: String,
    /// The layers that took part, lowest priority first.
    pub layers: Vec<Layer>,
    /// Where each layer came from: its file, and where in it (`data.cloud_product.x.config`).
    pub sources: Vec<LayerSource>,
    /// The final values (values.yaml with every layer applied).
    pub values: Tree,
    /// For every leaf of `values` (scalars, lists, empty maps), in order: the layer that set it.
    pub provenance: Vec<Provenance>,
    /// `values` against values.yaml, leaf by leaf.
    pub diff: Vec<DiffEntry>,
    /// The text of `_config_helpers.yaml.tpl` after rendering (absent when the chart has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered_template: Option<String>,
    /// What `${replicas_by_modality}` rendered as, and whether the license said so.
    pub replicas_by_modality: i64,
    pub replicas_from_license: bool,
    /// Other products' configs the template could read (charts checked alongside, user input).
    pub products: Vec<String>,
    /// What went wrong while reading the inputs or rendering (the preview is then partial).
    pub errors: Vec<ConfigError>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerSource {
    pub layer: Layer,
    pub file: String,
    /// Where in the file the layer is, as a path (`data.topology.mycloud-product`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// `pod.replicas.api`; keys that hold `.`, brackets, quotes or spaces are written `["a.b"]`.
    pub path: String,
    /// The same path as a list of keys (unambiguous).
    pub keys: Vec<String>,
    pub layer: Layer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Added,
    Changed,
    Unchanged,
    /// In values.yaml, deleted by a `null` of a layer (Helm deletes keys set to null).
    Removed,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffEntry {
    pub path: String,
    pub keys: Vec<String>,
    pub kind: DiffKind,
    /// The values.yaml value (absent for `added`, and for `unchanged` where it equals `new`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Tree>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Tree>,
    /// The layer of the final value (absent for `removed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
}

/// Which input a [`ConfigError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Values,
    DataTemplate,
    ConfigCrd,
    License,
    CustomConfig,
    Products,
}

/// A problem with an input of the preview. Serialized flat, like a report diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub severity: Severity,
    pub input: InputKind,
    pub file: Option<String>,
    pub range: Option<Range>,
    pub message: Text,
    /// How to fix it, when the engine says (a misspelled function, a missing guard…).
    pub help: Option<Text>,
}

impl ConfigError {
    pub fn new(
        severity: Severity,
        input: InputKind,
        file: Option<&str>,
        range: Option<Range>,
        message: Text,
    ) -> ConfigError {
        ConfigError {
            severity,
            input,
            file: file.map(str::to_string),
            range,
            message,
            help: None,
        }
    }

    pub fn with_help(mut self, help: Option<Text>) -> ConfigError {
        self.help = help;
        self
    }
}

impl Serialize for ConfigError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("input", &self.input)?;
        if let Some(f) = &self.file {
            m.serialize_entry("file", f)?;
        }
        if let Some(r) = &self.range {
            m.serialize_entry("line", &r.start.line)?;
            m.serialize_entry("column", &r.start.column)?;
            m.serialize_entry("end_line", &r.end.line)?;
            m.serialize_entry("end_column", &r.end.column)?;
        }
        m.serialize_entry("message", &self.message.en)?;
        m.serialize_entry("message_zh", &self.message.zh)?;
        if let Some(h) = &self.help {
            m.serialize_entry("help", &h.en)?;
            m.serialize_entry("help_zh", &h.zh)?;
        }
        m.end()
    }
}
