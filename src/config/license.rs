//! A license, in either of the guide's two shapes (§1.1.6.4):
//!
//! - the License CRD: `apiVersion: servicecatalog.ecp.com/v1`, then under `data`:
//!   `cloud_product.<id>.{ttl, values, config}`, `platform_software.<id>.config` and
//!   `topology.<id>`;
//! - the older license file: a top-level `cloud_product:` list of single-key maps
//!   (`- alcubierre: {ttl, values: {default_product_replicas: 3}}`), with `company`, `serial`, …
//!
//! Both shapes are read leniently: `cloud_product` may be a map or a list of maps in either, and
//! the older shape may carry `platform_software` and `topology` at the top level too.

use super::doc::{self, Parsed};
use super::tree::Tree;
use super::{ConfigError, InputKind, Layer};
use crate::diagnostic::{Range, Severity};
use crate::text;
use crate::yaml::{self, Node};

pub const API_VERSION: &str = "servicecatalog.ecp.com/v1";

/// `replicas_by_modality` when the license does not say (guide: "获取不到时，默认值为3").
pub const DEFAULT_REPLICAS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `apiVersion: servicecatalog.ecp.com/v1` … `data: {cloud_product, platform_software, topology}`.
    Crd,
    /// A top-level `cloud_product:` list.
    Legacy,
}

/// Which list of the license a product entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    CloudProduct,
    PlatformSoftware,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::CloudProduct => "cloud_product",
            Section::PlatformSoftware => "platform_software",
        }
    }
}

/// A product's entry in the license.
#[derive(Debug, Clone)]
struct Entry<'y> {
    id: String,
    key: &'y Node,
    value: &'y Node,
}

/// A license read from a user's file.
#[derive(Debug)]
pub struct License {
    pub file: String,
    pub shape: Shape,
    parsed: Parsed,
    /// A hash of the text (products rendered for one license are reused for the same license).
    fingerprint: u64,
}

/// What the license says about one product.
#[derive(Debug, Default)]
pub struct ForProduct {
    /// `replicas_by_modality`: `values.default_product_replicas`, else 3.
    pub replicas: i64,
    pub replicas_from_license: bool,
    /// The license config layer (`<section>.<id>.config`), with where it is.
    pub config: Option<(Tree, String, usize)>,
    /// The topology layer (`topology.<id>`), with where it is.
    pub topology: Option<(Tree, String, usize)>,
    pub errors: Vec<ConfigError>,
}

impl License {
    /// Read a license. `None` (with errors) when the text is not a license at all.
    pub fn read(doc: &doc::Doc, errors: &mut Vec<ConfigError>) -> Option<License> {
        let parsed = doc::parse_doc(doc, InputKind::License, errors)?;
        let root = parsed.first()?;
        let err =
            |sev, range, m| ConfigError::new(sev, InputKind::License, Some(&doc.name), range, m);
        if root.as_map().is_none() {
            let t = root.type_name();
            errors.push(err(
                Severity::Error,
                Some(root.range),
                text!(
                    "a license is a map (the License CRD or a `cloud_product:` list), not a {t}",
                    "license 应为映射（License CRD 或 `cloud_product:` 列表），而不是 {t}"
                ),
            ));
            return None;
        }
        let shape = if root
            .get("data")
            .is_some_and(|d| d.as_map().is_some() && has_sections(d))
        {
            Shape::Crd
        } else if has_sections(root) {
            Shape::Legacy
        } else {
            errors.push(err(
                Severity::Error,
                Some(key_range(root)),
                text!(
                    "not a license: neither `data.cloud_product` / `data.platform_software` / `data.topology` (the License CRD) nor a top-level `cloud_product:` list",
                    "不是 license：既没有 `data.cloud_product` / `data.platform_software` / `data.topology`（License CRD），也没有顶层的 `cloud_product:` 列表"
                ),
            ));
            return None;
        };
        if shape == Shape::Crd {
            match root.entry("apiVersion") {
                Some(e) if e.value.as_str() != Some(API_VERSION) => {
                    let got = e.value.as_scalar().map_or("", |s| s.text.as_str());
                    errors.push(err(
                        Severity::Warning,
                        Some(e.value.range),
                        text!(
                            "`apiVersion: {got}`: the License CRD is `{API_VERSION}`",
                            "`apiVersion: {got}`：License CRD 应为 `{API_VERSION}`"
                        ),
                    ));
                }
                _ => {}
            }
        }
        let license = License {
            file: doc.name.clone(),
            shape,
            parsed,
            fingerprint: {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::hash::Hash::hash(&doc.text, &mut h);
                std::hash::Hasher::finish(&h)
            },
        };
        // Sections of the wrong type, once per license (not per product).
        let body = license.body();
        for key in ["cloud_product", "platform_software", "topology"] {
            if let Some(e) = body.entry(key) {
                let ok = match key {
                    "topology" => e.value.as_map().is_some() || e.value.is_null(),
                    _ => {
                        e.value.as_map().is_some()
                            || e.value.as_seq().is_some()
                            || e.value.is_null()
                    }
                };
                if !ok {
                    let t = e.value.type_name();
                    errors.push(err(
                        Severity::Warning,
                        Some(e.value.range),
                        text!(
                            "`{key}` is a {t}: it should map product IDs to their entries; ignored",
                            "`{key}` 是 {t}：应为云产品标识到其条目的映射；已忽略"
                        ),
                    ));
                }
            }
        }
        Some(license)
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn body(&self) -> &Node {
        let root = self.parsed.first().expect("read() checked the root");
        match self.shape {
            Shape::Crd => root.get("data").expect("read() checked data"),
            Shape::Legacy => root,
        }
    }

    fn prefix(&self) -> &'static str {
        match self.shape {
            Shape::Crd => "data.",
            Shape::Legacy => "",
        }
    }

    /// Every product entry of `section`, from a map (`id: {...}`) or a list of single-key maps.
    fn entries(&self, section: Section) -> Vec<Entry<'_>> {
        let Some(node) = self.body().get(section.key()) else {
            return Vec::new();
        };
        let maps: Vec<&Node> = match &node.kind {
            yaml::Kind::Map(_) => vec![node],
            yaml::Kind::Seq(items) => items.iter().collect(),
            _ => Vec::new(),
        };
        maps.into_iter()
            .filter_map(Node::as_map)
            .flatten()
            .map(|e| Entry {
                id: e.key.key_string(),
                key: &e.key,
                value: &e.value,
            })
            .collect()
    }

    /// Product IDs the license names, by section (for messages).
    pub fn products(&self) -> Vec<String> {
        let mut ids: Vec<String> = [Section::CloudProduct, Section::PlatformSoftware]
            .into_iter()
            .flat_map(|s| self.entries(s))
            .map(|e| e.id)
            .collect();
        ids.dedup();
        ids
    }

    /// What the license gives product `id`: replicas, the license config and the topology.
    pub fn for_product(&self, id: &str) -> ForProduct {
        let mut out = ForProduct {
            replicas: DEFAULT_REPLICAS,
            ..ForProduct::default()
        };
        let file = self.file.as_str();
        let err = |sev, range: Range, m| {
            ConfigError::new(sev, InputKind::License, Some(file), Some(range), m)
        };
        let found: Vec<(Section, Entry)> = [Section::CloudProduct, Section::PlatformSoftware]
            .into_iter()
            .flat_map(|s| self.entries(s).into_iter().map(move |e| (s, e)))
            .filter(|(_, e)| e.id == id)
            .collect();
        if let Some((section, entry)) = found.first() {
            if let Some((s2, e2)) = found.get(1) {
                let (a, b) = (section.key(), s2.key());
                out.errors.push(err(
                    Severity::Warning,
                    e2.key.range,
                    text!(
                        "`{id}` is listed twice (`{a}` and `{b}`): the first entry is used",
                        "`{id}` 出现了两次（`{a}` 与 `{b}`）：使用第一个条目"
                    ),
                ));
            }
            let at = format!("{}{}.{}", self.prefix(), section.key(), quote_key(id));
            if entry.value.as_map().is_none() && !entry.value.is_null() {
                let t = entry.value.type_name();
                out.errors.push(err(
                    Severity::Warning,
                    entry.value.range,
                    text!(
                        "the license entry of `{id}` is a {t}, not a map: ignored",
                        "`{id}` 的 license 条目是 {t}，不是映射：已忽略"
                    ),
                ));
            }
            // replicas_by_modality
            if let Some(e) = entry
                .value
                .entry("values")
                .filter(|e| e.value.as_map().is_some())
            {
                if let Some(r) = e.value.entry("default_product_replicas") {
                    match replicas_of(&r.value) {
                        Some(n) => {
                            out.replicas = n;
                            out.replicas_from_license = true;
                        }
                        None => {
                            let got = r.value.as_scalar().map_or_else(
                                || r.value.type_name().to_string(),
                                |s| s.text.clone(),
                            );
                            out.errors.push(err(
                                Severity::Warning,
                                r.value.range,
                                text!(
                                    "`default_product_replicas: {got}` is not a whole number of replicas: `${{replicas_by_modality}}` stays {DEFAULT_REPLICAS}",
                                    "`default_product_replicas: {got}` 不是整数副本数：`${{replicas_by_modality}}` 仍为 {DEFAULT_REPLICAS}"
                                ),
                            ));
                        }
                    }
                }
            }
            // license config
            if let Some(e) = entry.value.entry("config") {
                match &e.value.kind {
                    yaml::Kind::Map(_) => {
                        out.config = Some((
                            Tree::from_yaml(&e.value, Layer::License, &|l| l),
                            format!("{at}.config"),
                            e.key.range.start.line,
                        ))
                    }
                    _ if e.value.is_null() => {}
                    _ => {
                        let t = e.value.type_name();
                        out.errors.push(err(
                            Severity::Warning,
                            e.value.range,
                            text!(
                                "`{at}.config` is a {t}, not a map: ignored",
                                "`{at}.config` 是 {t}，不是映射：已忽略"
                            ),
                        ));
                    }
                }
            }
        } else {
            let known = self.products();
            let list = if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            };
            let list_zh = if known.is_empty() {
                "无".to_string()
            } else {
                known.join("、")
            };
            let root = self.parsed.first().expect("read() checked the root");
            let near =
                crate::suggest::nearest(id, &known.iter().map(String::as_str).collect::<Vec<_>>())
                    .map(|n| {
                        (
                            format!(" (did you mean `{n}`?)"),
                            format!("（是否应为 `{n}`？）"),
                        )
                    })
                    .unwrap_or_default();
            let (near_en, near_zh) = near;
            out.errors.push(ConfigError::new(
                Severity::Info,
                InputKind::License,
                Some(file),
                Some(key_range(self.body().get("cloud_product").unwrap_or(root))),
                text!(
                    "the license has no entry for `{id}`{near_en}: no license config, `${{replicas_by_modality}}` is {DEFAULT_REPLICAS}; it names {list}",
                    "license 中没有 `{id}` 的条目{near_zh}：无 license 配置，`${{replicas_by_modality}}` 为 {DEFAULT_REPLICAS}；其中列出的有：{list_zh}"
                ),
            ));
        }
        // topology
        if let Some(topo) = self.body().get("topology").and_then(Node::as_map) {
            if let Some(e) = topo.iter().find(|e| e.key.key_is(id)) {
                let at = format!("{}topology.{}", self.prefix(), quote_key(id));
                match &e.value.kind {
                    yaml::Kind::Map(_) => {
                        out.topology = Some((
                            Tree::from_yaml(&e.value, Layer::Topology, &|l| l),
                            at,
                            e.key.range.start.line,
                        ))
                    }
                    _ if e.value.is_null() => {}
                    _ => {
                        let t = e.value.type_name();
                        out.errors.push(err(
                            Severity::Warning,
                            e.value.range,
                            text!(
                                "`{at}` is a {t}, not a map: ignored",
                                "`{at}` 是 {t}，不是映射：已忽略"
                            ),
                        ));
                    }
                }
            }
        }
        out
    }
}

fn has_sections(node: &Node) -> bool {
    ["cloud_product", "platform_software", "topology"]
        .iter()
        .any(|k| node.entry(k).is_some())
}

/// The range of a node's first line (a whole document is too large to mark).
fn key_range(node: &Node) -> Range {
    let start = node.range.start;
    let end = if node.range.end.line == start.line {
        node.range.end
    } else {
        crate::diagnostic::Pos {
            line: start.line,
            column: start.column + 1,
        }
    };
    Range { start, end }
}

/// A whole number of replicas: an integer, an integral float, or a string holding one.
fn replicas_of(node: &Node) -> Option<i64> {
    let s = node.as_scalar()?;
    let n = match s.value {
        yaml::Value::Int(i) => i,
        yaml::Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => f as i64,
        yaml::Value::Str => s.text.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    (n >= 0).then_some(n)
}

fn quote_key(k: &str) -> String {
    super::merge::path_of(&[k.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::doc::Doc;

    fn read(text: &str) -> (Option<License>, Vec<ConfigError>) {
        let mut errors = Vec::new();
        let l = License::read(
            &Doc {
                name: "license.yaml".into(),
                text: text.into(),
            },
            &mut errors,
        );
        (l, errors)
    }

    const CRD: &str = "\
apiVersion: servicecatalog.ecp.com/v1
data:
  cloud_product:
    cloud_product_1:
      ttl: -1
      values:
        api: 2
        dashboard: 2
      config:
        pod:
          replicas:
            dashboard: 3

  platform_software:
    platform_software_1:
      config:
        pod:
          replicas:
            dashboard: 3

  topology:
    cloud_product_1:
      pod:
        replicas:
          dashboard: 4
    platform_software_1:
      pod:
        replicas:
          dashboard: 4
";

    const LEGACY: &str = "\
cloud_product:
- alcubierre:
    ttl: '2200-01-01'
    values:
        default_product_replicas: 3
company: EasyStack-certified-OS-in-OS-3bonds-v6
lic_type: cloud_product
project: EasyStack
serial: d93d10ad-2075-4327-a059-ebde38345a3b
";

    #[test]
    fn the_guides_crd() {
        let (l, errors) = read(CRD);
        assert_eq!(errors, []);
        let l = l.unwrap();
        assert_eq!(l.shape, Shape::Crd);
        for id in ["cloud_product_1", "platform_software_1"] {
            let p = l.for_product(id);
            assert_eq!(p.errors, []);
            let (config, at, line) = p.config.unwrap();
            assert_eq!(
                serde_json::to_string(&config).unwrap(),
                r#"{"pod":{"replicas":{"dashboard":3}}}"#
            );
            assert!(at.starts_with("data.") && at.ends_with(&format!("{id}.config")));
            assert!(line > 0);
            let (topo, at, _) = p.topology.unwrap();
            assert_eq!(at, format!("data.topology.{id}"));
            assert_eq!(
                serde_json::to_string(&topo).unwrap(),
                r#"{"pod":{"replicas":{"dashboard":4}}}"#
            );
            assert_eq!(p.replicas, DEFAULT_REPLICAS);
            assert!(!p.replicas_from_license);
        }
        let dash = l.for_product("cloud_product_1").config.unwrap().0;
        let dash = dash
            .get("pod")
            .unwrap()
            .get("replicas")
            .unwrap()
            .get("dashboard")
            .unwrap();
        assert_eq!((dash.origin.layer, dash.origin.line), (Layer::License, 12));
    }

    #[test]
    fn the_guides_older_license() {
        let (l, errors) = read(LEGACY);
        assert_eq!(errors, []);
        let l = l.unwrap();
        assert_eq!(l.shape, Shape::Legacy);
        let p = l.for_product("alcubierre");
        assert_eq!((p.replicas, p.replicas_from_license), (3, true));
        assert!(p.config.is_none() && p.topology.is_none());
        let p = l.for_product("other");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].severity, Severity::Info);
        assert!(
            p.errors[0].message.en.contains("alcubierre"),
            "{:?}",
            p.errors
        );
    }

    #[test]
    fn replicas_from_license_values() {
        let (l, _) = read("cloud_product:\n- p:\n    values: {default_product_replicas: 5}\n");
        assert_eq!(l.unwrap().for_product("p").replicas, 5);
        let (l, _) = read(
            "data:\n  cloud_product:\n    p:\n      values: {default_product_replicas: '2'}\n",
        );
        assert_eq!(l.unwrap().for_product("p").replicas, 2);
        let (l, _) = read("cloud_product:\n- p:\n    values: {default_product_replicas: many}\n");
        let p = l.unwrap().for_product("p");
        assert_eq!((p.replicas, p.replicas_from_license), (3, false));
        assert_eq!(p.errors[0].severity, Severity::Warning);
        assert_eq!(p.errors[0].range.unwrap().start.line, 3);
    }

    #[test]
    fn cloud_product_as_a_map_in_the_older_shape_and_a_list_in_the_crd() {
        let (l, _) = read("cloud_product:\n  p:\n    values: {default_product_replicas: 1}\n");
        assert_eq!(l.unwrap().for_product("p").replicas, 1);
        let (l, _) = read("data:\n  cloud_product:\n  - p:\n      config: {a: 1}\n");
        assert!(l.unwrap().for_product("p").config.is_some());
    }

    #[test]
    fn not_a_license() {
        let (l, errors) = read("kind: Deployment\nspec: {}\n");
        assert!(l.is_none());
        assert_eq!(errors[0].severity, Severity::Error);
        let (l, errors) = read("- a\n");
        assert!(l.is_none());
        assert!(errors[0].message.en.contains("list"));
        let (l, errors) = read("a: [\n");
        assert!(l.is_none());
        assert_eq!(errors[0].severity, Severity::Error);
        assert!(errors[0].range.is_some());
    }

    #[test]
    fn wrong_api_version_and_wrong_types_are_warnings() {
        let (l, errors) = read(
            "apiVersion: v1\ndata:\n  cloud_product:\n    p:\n      config: [1]\n  topology: {p: 1}\n",
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].range.unwrap().start.line, 1);
        let p = l.unwrap().for_product("p");
        assert!(p.config.is_none() && p.topology.is_none());
        assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
    }
}
