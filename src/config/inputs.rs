//! The user's inputs to a preview: a license, a config CRD, a custom_config and other products'
//! configs, each a YAML text. They are read once ([`Prepared`]) and shared by every chart's
//! preview; what belongs to one product is picked out per chart.
//!
//! Every input is hostile: over [`super::doc::MAX_INPUT_BYTES`] it is not read; YAML nesting and alias
//! expansion are limited ([`super::doc::LIMITS`]); anything wrong is a [`ConfigError`], never a panic.

use super::doc::{parse_doc, yaml_problems, Doc, Parsed, LIMITS};
use super::license::License;
use super::tree::Tree;
use super::{ConfigError, InputKind, Layer};
use crate::diagnostic::Severity;
use crate::text;
use crate::yaml::{self, Node};

/// What the user gives a preview. Empty texts count as not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub license: Option<Doc>,
    pub config_crd: Option<Doc>,
    pub custom: Option<Doc>,
    /// Configs of products installed on the platform: `{<product id>: {...config}}`.
    pub products: Option<Doc>,
}

/// The inputs, read once for every chart of a preview.
#[derive(Debug, Default)]
pub struct Prepared {
    pub license: Option<License>,
    pub config_crd: Option<Parsed>,
    pub custom: Option<Parsed>,
    /// Product configs given by the user, by product ID.
    pub products: Vec<(String, Tree)>,
    /// Problems that are not about one product.
    pub errors: Vec<ConfigError>,
}

/// One layer picked out of a user input for a product: the tree, where it is (`data`), and the
/// line it starts at.
pub struct Picked {
    pub tree: Tree,
    pub at: Option<String>,
    pub line: usize,
}

impl Prepared {
    pub fn new(o: &Overrides) -> Prepared {
        let mut p = Prepared::default();
        let given = |d: &Option<Doc>| d.as_ref().filter(|d| !d.text.trim().is_empty()).cloned();
        if let Some(doc) = given(&o.license) {
            p.license = License::read(&doc, &mut p.errors);
        }
        if let Some(doc) = given(&o.config_crd) {
            p.config_crd = parse_doc(&doc, InputKind::ConfigCrd, &mut p.errors);
        }
        if let Some(doc) = given(&o.custom) {
            p.custom = parse_doc(&doc, InputKind::CustomConfig, &mut p.errors);
        }
        if let Some(doc) = given(&o.products) {
            if let Some(parsed) = parse_doc(&doc, InputKind::Products, &mut p.errors) {
                let root = parsed.first().expect("parse_doc returns documents");
                match root.as_map() {
                    Some(entries) => {
                        for e in entries {
                            let id = e.key.key_string();
                            let tree = Tree::from_yaml(&e.value, Layer::DataTemplate, &|l| l);
                            match p.products.iter_mut().find(|(k, _)| *k == id) {
                                Some(slot) => slot.1 = tree,
                                None => p.products.push((id, tree)),
                            }
                        }
                    }
                    None => {
                        let t = root.type_name();
                        p.errors.push(ConfigError::new(
                            Severity::Error,
                            InputKind::Products,
                            Some(&doc.name),
                            Some(root.range),
                            text!(
                                "other products' configs are a map `<product id>: {{config}}`, not a {t}",
                                "其他云产品的配置应为映射 `<云产品标识>: {{配置}}`，而不是 {t}"
                            ),
                        ));
                    }
                }
            }
        }
        p
    }

    /// The config CRD layer for product `id`: the document whose `metadata.name` is `id` (else
    /// the first); of a Kubernetes object (`apiVersion`/`kind`), its `data` (or `spec.data`,
    /// `spec`); otherwise the document itself.
    pub fn config_crd(&self, id: &str, errors: &mut Vec<ConfigError>) -> Option<Picked> {
        let parsed = self.config_crd.as_ref()?;
        let doc = pick_document(parsed, id)?;
        let (node, at) = if is_object(doc) {
            match ["data", "spec.data", "spec"].iter().find_map(|p| {
                let keys: Vec<&str> = p.split('.').collect();
                doc.get_path(&keys)
                    .filter(|n| n.as_map().is_some())
                    .map(|n| (n, *p))
            }) {
                Some((n, p)) => (n, Some(p.to_string())),
                None => {
                    errors.push(ConfigError::new(
                        Severity::Error,
                        InputKind::ConfigCrd,
                        Some(&parsed.name),
                        Some(doc.range),
                        text!(
                            "this config CRD has no `data` map (nor `spec.data`, `spec`): nothing to merge",
                            "该 config CRD 没有 `data` 映射（也没有 `spec.data`、`spec`）：无可合并的内容"
                        ),
                    ));
                    return None;
                }
            }
        } else {
            (doc, None)
        };
        layer_map(
            node,
            at,
            Layer::ConfigCrd,
            InputKind::ConfigCrd,
            &parsed.name,
            errors,
        )
    }

    /// The custom_config layer: `custom_config` of a cpconfig (at the top, or under `spec` or
    /// `data`; a string holding YAML is read too), or the document itself.
    pub fn custom(&self, id: &str, errors: &mut Vec<ConfigError>) -> Option<Picked> {
        let parsed = self.custom.as_ref()?;
        let doc = pick_document(parsed, id)?;
        let found = [
            (&[][..], "custom_config"),
            (&["spec"][..], "spec.custom_config"),
            (&["data"][..], "data.custom_config"),
        ]
        .iter()
        .find_map(|(parent, at)| {
            let e = doc.get_path(parent)?.entry("custom_config")?;
            Some((&e.value, e.key.range.start.line, *at))
        });
        let Some((node, key_line, at)) = found else {
            return layer_map(
                doc,
                None,
                Layer::CustomConfig,
                InputKind::CustomConfig,
                &parsed.name,
                errors,
            );
        };
        if node.is_null() {
            return None;
        }
        if let Some(text) = node.as_str() {
            // `custom_config: |` holding YAML: read it; lines count from the string's first line.
            let inner = yaml::parse(text, LIMITS);
            // A block scalar's text starts on the line after its key; a flow one is on one line.
            let block = matches!(
                node.as_scalar().map(|s| s.style),
                Some(yaml::Style::Literal | yaml::Style::Folded)
            );
            let shift = |l: usize| if block { key_line + l } else { key_line };
            let mut inner_errors = Vec::new();
            yaml_problems(
                &inner,
                InputKind::CustomConfig,
                &parsed.name,
                &mut inner_errors,
            );
            for mut e in inner_errors {
                if let Some(r) = &mut e.range {
                    r.start.line = shift(r.start.line);
                    r.end.line = shift(r.end.line);
                }
                errors.push(e);
            }
            let root = inner.docs.iter().find(|d| !d.is_null())?;
            let tree = Tree::from_yaml(root, Layer::CustomConfig, &shift);
            return check_map(
                tree,
                Some(at.to_string()),
                node.range.start.line,
                InputKind::CustomConfig,
                &parsed.name,
                root.type_name(),
                node.range,
                errors,
            );
        }
        layer_map(
            node,
            Some(at.to_string()),
            Layer::CustomConfig,
            InputKind::CustomConfig,
            &parsed.name,
            errors,
        )
    }
}

fn is_object(node: &Node) -> bool {
    node.entry("apiVersion").is_some() || node.entry("kind").is_some()
}

/// Of several documents, the one whose `metadata.name` (or `name`) is `id`; else the first.
fn pick_document<'p>(parsed: &'p Parsed, id: &str) -> Option<&'p Node> {
    let docs: Vec<&Node> = parsed.yaml.docs.iter().filter(|d| !d.is_null()).collect();
    if docs.len() > 1 {
        if let Some(d) = docs.iter().find(|d| {
            d.get_path(&["metadata", "name"]).and_then(Node::as_str) == Some(id)
                || d.get("name").and_then(Node::as_str) == Some(id)
        }) {
            return Some(d);
        }
    }
    docs.first().copied()
}

fn layer_map(
    node: &Node,
    at: Option<String>,
    layer: Layer,
    input: InputKind,
    file: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<Picked> {
    if node.is_null() {
        return None;
    }
    let tree = Tree::from_yaml(node, layer, &|l| l);
    check_map(
        tree,
        at,
        node.range.start.line,
        input,
        file,
        node.type_name(),
        node.range,
        errors,
    )
}

#[allow(clippy::too_many_arguments)]
fn check_map(
    tree: Tree,
    at: Option<String>,
    line: usize,
    input: InputKind,
    file: &str,
    type_name: &str,
    range: crate::diagnostic::Range,
    errors: &mut Vec<ConfigError>,
) -> Option<Picked> {
    if !tree.is_map() {
        let what = at.as_deref().unwrap_or("the document").to_string();
        errors.push(ConfigError::new(
            Severity::Error,
            input,
            Some(file),
            Some(range),
            text!(
                "{what} is a {type_name}: a config layer is a map of values; not merged",
                "{what} 是 {type_name}：配置层应为值的映射；未合并"
            ),
        ));
        return None;
    }
    Some(Picked { tree, at, line })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(crd: &str, custom: &str) -> Prepared {
        Prepared::new(&Overrides {
            config_crd: Some(Doc::new("crd.yaml", crd)),
            custom: Some(Doc::new("custom.yaml", custom)),
            ..Overrides::default()
        })
    }

    fn json(p: &Picked) -> String {
        serde_json::to_string(&p.tree).unwrap()
    }

    #[test]
    fn plain_maps_are_the_layer() {
        let p = prepared("pod: {replicas: {api: 5}}\n", "a: 1\n");
        let mut e = Vec::new();
        assert_eq!(
            json(&p.config_crd("x", &mut e).unwrap()),
            r#"{"pod":{"replicas":{"api":5}}}"#
        );
        assert_eq!(json(&p.custom("x", &mut e).unwrap()), r#"{"a":1}"#);
        assert_eq!(e, []);
    }

    #[test]
    fn kubernetes_objects_give_their_data_and_custom_config() {
        let crd = "apiVersion: v1\nkind: Config\nmetadata: {name: a}\ndata: {x: 1}\n---\napiVersion: v1\nkind: Config\nmetadata: {name: b}\ndata: {x: 2}\n";
        let custom = "kind: CPConfig\nspec:\n  custom_config: |\n    a:\n      b: 2\n";
        let p = prepared(crd, custom);
        let mut e = Vec::new();
        let c = p.config_crd("b", &mut e).unwrap();
        assert_eq!(
            (json(&c), c.at.as_deref()),
            (r#"{"x":2}"#.to_string(), Some("data"))
        );
        assert_eq!(json(&p.config_crd("zzz", &mut e).unwrap()), r#"{"x":1}"#);
        let c = p.custom("a", &mut e).unwrap();
        assert_eq!(json(&c), r#"{"a":{"b":2}}"#);
        // `b: 2` is on line 5 of the file
        let b = c.tree.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.origin.line, 5);
        assert_eq!(e, []);
    }

    #[test]
    fn not_maps_are_errors() {
        let p = prepared("- 1\n", "custom_config: 3\n");
        let mut e = Vec::new();
        assert!(p.config_crd("x", &mut e).is_none());
        assert!(p.custom("x", &mut e).is_none());
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().all(|e| e.severity == Severity::Error));
    }

    #[test]
    fn products_by_id() {
        let p = Prepared::new(&Overrides {
            products: Some(Doc::new(
                "products.yaml",
                "mariadb:\n  endpoints: {admin: {password: x}}\n",
            )),
            ..Overrides::default()
        });
        assert_eq!(p.products.len(), 1);
        assert_eq!(p.products[0].0, "mariadb");
        let p = Prepared::new(&Overrides {
            products: Some(Doc::new("products.yaml", "[1]\n")),
            ..Overrides::default()
        });
        assert_eq!(p.errors.len(), 1);
    }

    #[test]
    fn hostile_inputs_are_errors() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let p = prepared(&deep, &"a: ".repeat(10));
        assert!(!p.errors.is_empty());
        let huge = "a".repeat(crate::config::doc::MAX_INPUT_BYTES + 1);
        let p = prepared(&huge, "");
        assert!(p
            .errors
            .iter()
            .any(|e| e.message.en.contains("over the limit")));
        assert!(p.config_crd.is_none());
    }
}
