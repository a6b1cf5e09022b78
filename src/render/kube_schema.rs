//! The schemas rendered objects are checked against (K8S-001): Kubernetes' built-in kinds for
//! one Kubernetes version, from the JSON schemas of the PyPI package `kubernetes-validate`
//! (`scripts/k8s-apis/schemas.py` writes `kube_schemas/1.NN.json`; nothing typed by hand), and
//! the custom kinds of the CRDs a chart ships (their `openAPIV3Schema`).
//!
//! Only what decides validity is kept, in one arena of [`Schema`] nodes: types, known fields
//! (unknown ones refused where the schema lists them and allows no others), required fields,
//! list items, map values and allowed values. `null` is accepted everywhere: the API server
//! reads it as "not set".

use crate::diagnostic::Range;
use crate::yaml::{Kind, Node, Value};
use std::collections::HashMap;

/// The JSON types a schema allows, as a bit set; empty: any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Types(u8);

const TYPE_NAMES: [&str; 6] = ["object", "array", "string", "integer", "number", "boolean"];

impl Types {
    fn of(name: &str) -> Types {
        Types(
            TYPE_NAMES
                .iter()
                .position(|t| *t == name)
                .map_or(0, |i| 1 << i),
        )
    }
    fn with(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }
    fn has(self, name: &str) -> bool {
        self.0 & Types::of(name).0 != 0
    }
    /// `integer or string`.
    pub fn describe(self) -> String {
        let names: Vec<&str> = TYPE_NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, t)| *t)
            .collect();
        names.join(" or ")
    }
}

/// What a map may hold beyond its listed fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Others {
    Any,
    None,
    Schema(u32),
}

/// One schema node.
#[derive(Debug, Clone)]
struct Schema {
    types: Types,
    /// Known fields, sorted by name.
    properties: Vec<(String, u32)>,
    required: Vec<String>,
    others: Others,
    items: Option<u32>,
    /// Allowed values (`enum`), as the text of each.
    allowed: Option<Vec<String>>,
}

impl Default for Schema {
    fn default() -> Schema {
        Schema {
            types: Types::default(),
            properties: Vec::new(),
            required: Vec::new(),
            others: Others::Any,
            items: None,
            allowed: None,
        }
    }
}

/// Schemas, by the `apiVersion Kind` they check.
#[derive(Debug, Default)]
pub struct KubeSchemas {
    /// `1.32` (built-in kinds), or empty (a chart's CRDs).
    pub version: String,
    kinds: HashMap<String, u32>,
    nodes: Vec<Schema>,
}

/// Why a node breaks its schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    UnknownField {
        field: String,
        suggestion: Option<String>,
        /// Where the schema has a field of that name nearby (an enclosing or a contained map:
        /// the field is mis-indented), as a path (`""`: the object's top level).
        belongs: Option<String>,
    },
    WrongType {
        expected: String,
        found: &'static str,
    },
    MissingField {
        field: String,
    },
    NotAllowed {
        value: String,
        allowed: Vec<String>,
    },
}

/// A node that breaks its schema: where (the key of an unknown field, the value of a wrong
/// one, the key of the map that misses a field) and its path from the object's root.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub range: Range,
    /// `spec.template.spec.containers[0]` (empty: the object itself).
    pub path: String,
    pub problem: Problem,
}

/// The most violations reported of one object: past that, the object is plainly of another kind.
pub const MAX_VIOLATIONS: usize = 20;

/// A decoded JSON value as the YAML node our YAML reader makes of the same text, less positions
/// (a schema file's are never shown). JSON numbers are float64 here; whole ones read as YAML's
/// integers do.
fn json_node(value: &gotmpl::Value) -> Node {
    use crate::yaml::{Entry, Scalar, Style};
    let scalar =
        |text: String, style: Style, value: Value| Kind::Scalar(Scalar { text, style, value });
    let kind = match value {
        gotmpl::Value::Map(map) => Kind::Map(
            map.entries()
                .into_iter()
                .map(|(key, value)| Entry {
                    key: Node {
                        kind: scalar(key, Style::DoubleQuoted, Value::Str),
                        range: Range::default(),
                    },
                    value: json_node(&value),
                })
                .collect(),
        ),
        gotmpl::Value::List(list) => Kind::Seq(list.items().iter().map(json_node).collect()),
        gotmpl::Value::String(s) => scalar(s.to_string(), Style::DoubleQuoted, Value::Str),
        gotmpl::Value::Bool(b) => scalar(b.to_string(), Style::Plain, Value::Bool(*b)),
        gotmpl::Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            scalar((*f as i64).to_string(), Style::Plain, Value::Int(*f as i64))
        }
        gotmpl::Value::Float(f) => scalar(f.to_string(), Style::Plain, Value::Float(*f)),
        _ => scalar("null".into(), Style::Plain, Value::Null),
    };
    Node {
        kind,
        range: Range::default(),
    }
}

impl KubeSchemas {
    /// The schemas of one Kubernetes version, from `kube_schemas/1.NN.json`. Read by the JSON
    /// decoder of Helm's `fromJson` (in the page already) into YAML nodes without positions,
    /// which is what [`KubeSchemas::schema_of`] reads: our YAML reader took 8–17 ms natively
    /// on the 226 KB of one line (each CLI run pays it once) and 35–65 ms of the page's first
    /// check; the decoder takes under 2 ms natively.
    pub fn from_json(text: &str) -> Result<KubeSchemas, String> {
        match gotmpl_sprig::json::unmarshal(text) {
            (Some(value), None) => KubeSchemas::from_root(&json_node(&value)),
            (_, error) => Err(error.unwrap_or_else(|| "not JSON".into())),
        }
    }

    fn from_root(data: &Node) -> Result<KubeSchemas, String> {
        let defs = data.get("defs").and_then(Node::as_map).ok_or("no `defs`")?;
        let mut schemas = KubeSchemas {
            version: data
                .get("version")
                .and_then(Node::as_str)
                .unwrap_or_default()
                .to_string(),
            ..KubeSchemas::default()
        };
        // Definitions first, at their index, so that `$ref`s resolve to them.
        let names: HashMap<String, u32> = defs
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.key_string(), i as u32))
            .collect();
        schemas.nodes = vec![Schema::default(); defs.len()];
        for (i, def) in defs.iter().enumerate() {
            schemas.nodes[i] = schemas.schema_of(&def.value, &names, false);
        }
        for entry in data.get("kinds").and_then(Node::as_map).unwrap_or_default() {
            if let Some(&index) = entry.value.as_str().and_then(|d| names.get(d)) {
                schemas.kinds.insert(entry.key.key_string(), index);
            }
        }
        Ok(schemas)
    }

    /// Schemas of the kinds a chart's CRDs define, from the rendered objects and `crds/` files
    /// given (`CustomResourceDefinition`s of `apiextensions.k8s.io/v1` or `v1beta1`).
    pub fn from_crds<'n>(crds: impl IntoIterator<Item = &'n Node>) -> KubeSchemas {
        let mut schemas = KubeSchemas::default();
        for crd in crds {
            let Some(spec) = crd.get("spec") else {
                continue;
            };
            let (Some(group), Some(kind)) = (
                spec.get("group").and_then(Node::as_str),
                spec.get_path(&["names", "kind"]).and_then(Node::as_str),
            ) else {
                continue;
            };
            // v1beta1: one schema for every version (`spec.validation`), versions listed apart.
            let shared = spec.get_path(&["validation", "openAPIV3Schema"]);
            let mut versions: Vec<(&str, Option<&Node>)> = spec
                .get("versions")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .filter_map(|v| {
                    let name = v.get("name")?.as_str()?;
                    Some((name, v.get_path(&["schema", "openAPIV3Schema"]).or(shared)))
                })
                .collect();
            if let Some(version) = spec.get("version").and_then(Node::as_str) {
                versions.push((version, shared));
            }
            for (version, schema) in versions {
                if let Some(schema) = schema {
                    let schema = schemas.schema_of(schema, &HashMap::new(), true);
                    let index = schemas.push(schema);
                    // Every object has these, whether its schema lists them or not.
                    let any = schemas.push(Schema::default());
                    let root = &mut schemas.nodes[index as usize].properties;
                    for field in ["apiVersion", "kind", "metadata"] {
                        if let Err(at) = root.binary_search_by(|(k, _)| k.as_str().cmp(field)) {
                            root.insert(at, (field.to_string(), any));
                        }
                    }
                    schemas
                        .kinds
                        .insert(format!("{group}/{version} {kind}"), index);
                }
            }
        }
        schemas
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Whether there is a schema for objects of `apiVersion` and `kind`.
    pub fn has(&self, api_version: &str, kind: &str) -> bool {
        self.kinds.contains_key(&format!("{api_version} {kind}"))
    }

    /// Check an object against the schema of its `apiVersion` and kind (`None`: there is none).
    /// `at`: where a field missing from the object itself is reported.
    pub fn validate(
        &self,
        api_version: &str,
        kind: &str,
        root: &Node,
        at: Range,
    ) -> Option<Vec<Violation>> {
        let &schema = self.kinds.get(&format!("{api_version} {kind}"))?;
        let mut out = Vec::new();
        self.check(
            schema,
            root,
            at,
            &mut String::new(),
            &mut Vec::new(),
            &mut out,
        );
        Some(out)
    }

    /// `ancestors`: the schemas of the enclosing maps, each with the length of its path.
    fn check(
        &self,
        schema_index: u32,
        node: &Node,
        at: Range,
        path: &mut String,
        ancestors: &mut Vec<(u32, usize)>,
        out: &mut Vec<Violation>,
    ) {
        if out.len() >= MAX_VIOLATIONS {
            return;
        }
        let schema = &self.nodes[schema_index as usize];
        let found = json_type(node);
        if found == "null" {
            return;
        }
        let fits = schema.types.0 == 0
            || schema.types.has(found)
            || found == "integer" && schema.types.has("number")
            || found == "number" && schema.types.has("integer") && is_whole(node);
        if !fits {
            out.push(Violation {
                range: node.range,
                path: path.clone(),
                problem: Problem::WrongType {
                    expected: schema.types.describe(),
                    found,
                },
            });
            return;
        }
        if let (Some(allowed), Some(scalar)) = (&schema.allowed, node.as_scalar()) {
            let text = scalar.value.canonical(&scalar.text);
            if !allowed.contains(&text) {
                out.push(Violation {
                    range: node.range,
                    path: path.clone(),
                    problem: Problem::NotAllowed {
                        value: text,
                        allowed: allowed.clone(),
                    },
                });
            }
        }
        let len = path.len();
        match &node.kind {
            Kind::Map(entries) => {
                for field in &schema.required {
                    if node.get(field).is_none() {
                        out.push(Violation {
                            range: at,
                            path: path.clone(),
                            problem: Problem::MissingField {
                                field: field.clone(),
                            },
                        });
                    }
                }
                for entry in entries {
                    let key = entry.key.key_string();
                    let child = match schema
                        .properties
                        .binary_search_by(|(k, _)| k.as_str().cmp(&key))
                    {
                        Ok(i) => Some(schema.properties[i].1),
                        Err(_) => match schema.others {
                            Others::Schema(s) => Some(s),
                            Others::Any => None,
                            Others::None => {
                                let known: Vec<&str> =
                                    schema.properties.iter().map(|(k, _)| k.as_str()).collect();
                                out.push(Violation {
                                    range: entry.key.range,
                                    path: path.clone(),
                                    problem: Problem::UnknownField {
                                        suggestion: crate::suggest::nearest(&key, &known)
                                            .map(str::to_string),
                                        belongs: self.home_of(&key, schema, ancestors, path),
                                        field: key.clone(),
                                    },
                                });
                                None
                            }
                        },
                    };
                    if let Some(child) = child {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&key);
                        ancestors.push((schema_index, len));
                        self.check(child, &entry.value, entry.key.range, path, ancestors, out);
                        ancestors.pop();
                        path.truncate(len);
                    }
                }
            }
            Kind::Seq(items) => {
                if let Some(item_schema) = schema.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push_str(&format!("[{i}]"));
                        self.check(item_schema, item, item.range, path, ancestors, out);
                        path.truncate(len);
                    }
                }
            }
            Kind::Scalar(_) => {}
        }
    }

    /// Where a field `key`, unknown in `schema` at `path`, is known nearby: in an enclosing map
    /// (nearest first: indented too deep), else in a map `schema` contains (not deep enough).
    fn home_of(
        &self,
        key: &str,
        schema: &Schema,
        ancestors: &[(u32, usize)],
        path: &str,
    ) -> Option<String> {
        let has = |index: u32| {
            let s = &self.nodes[index as usize];
            s.properties
                .binary_search_by(|(k, _)| k.as_str().cmp(key))
                .is_ok()
        };
        if let Some(&(_, len)) = ancestors.iter().rev().find(|(a, _)| has(*a)) {
            return Some(path[..len].to_string());
        }
        schema.properties.iter().find_map(|(name, index)| {
            let items = self.nodes[*index as usize].items;
            let (target, suffix) = items.map_or((*index, ""), |i| (i, "[]"));
            has(target).then(|| match path {
                "" => format!("{name}{suffix}"),
                _ => format!("{path}.{name}{suffix}"),
            })
        })
    }

    fn push(&mut self, schema: Schema) -> u32 {
        self.nodes.push(schema);
        (self.nodes.len() - 1) as u32
    }

    /// A schema node: of `kube_schemas/1.NN.json` (see `scripts/k8s-apis/schemas.py`; `$ref`s
    /// by definition name in `refs`), or a CRD's `openAPIV3Schema` (`structural`), read as the
    /// API server reads a structural schema: fields it does not list are unknown when it lists
    /// some and neither allows others (`additionalProperties`) nor keeps them
    /// (`x-kubernetes-preserve-unknown-fields`); a required field with a `default` is never
    /// missing (the API server defaults before it validates). Where the schema combines others
    /// (`allOf`/`anyOf`/`oneOf`/`not`), only its listed fields are followed.
    fn schema_of(&mut self, node: &Node, refs: &HashMap<String, u32>, structural: bool) -> Schema {
        let mut schema = Schema::default();
        if let Some(&target) = node
            .get("$ref")
            .and_then(Node::as_str)
            .and_then(|r| refs.get(r))
        {
            return self.nodes.get(target as usize).cloned().unwrap_or_default();
        }
        let child = |this: &mut KubeSchemas, node: &Node| -> u32 {
            match node
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| refs.get(r))
            {
                Some(&target) => target,
                None => {
                    let schema = this.schema_of(node, refs, structural);
                    this.push(schema)
                }
            }
        };
        let combined = ["allOf", "anyOf", "oneOf", "not"]
            .iter()
            .any(|k| node.get(k).is_some());
        if !combined {
            let types = node.get("type");
            let names = types.and_then(Node::as_seq).map_or_else(
                || types.into_iter().collect(),
                |s| s.iter().collect::<Vec<_>>(),
            );
            for name in names.into_iter().filter_map(Node::as_str) {
                schema.types = schema.types.with(Types::of(name));
            }
            if node.get("x-kubernetes-int-or-string").is_some_and(is_true) {
                schema.types = Types::of("integer").with(Types::of("string"));
            }
            schema.allowed = node.get("enum").and_then(Node::as_seq).map(|values| {
                values
                    .iter()
                    .filter_map(Node::as_scalar)
                    .map(|s| s.value.canonical(&s.text))
                    .collect()
            });
        }
        if let Some(props) = node.get("properties").and_then(Node::as_map) {
            schema.properties = props
                .iter()
                .map(|e| (e.key.key_string(), child(self, &e.value)))
                .collect();
            slim_sort::sort_by(&mut schema.properties, |a, b| a.0.cmp(&b.0));
        }
        let defaulted = |field: &str| node.get_path(&["properties", field, "default"]).is_some();
        schema.required = node
            .get("required")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| r.as_str().filter(|f| !defaulted(f)).map(str::to_string))
            .collect();
        let keeps_unknown = node
            .get("x-kubernetes-preserve-unknown-fields")
            .is_some_and(is_true);
        schema.others = match node.get("additionalProperties") {
            Some(extra) if extra.as_map().is_some() => Others::Schema(child(self, extra)),
            Some(extra)
                if extra
                    .as_scalar()
                    .is_some_and(|s| s.value == Value::Bool(false)) =>
            {
                Others::None
            }
            Some(_) => Others::Any,
            None if structural && !keeps_unknown && !combined && !schema.properties.is_empty() => {
                Others::None
            }
            None => Others::Any,
        };
        if let Some(items) = node.get("items").filter(|i| i.as_map().is_some()) {
            schema.items = Some(child(self, items));
        }
        schema
    }
}

fn is_true(node: &Node) -> bool {
    node.as_scalar()
        .is_some_and(|s| s.value == Value::Bool(true))
}

/// The JSON type of a node as the API server receives it (Helm's YAML → JSON).
fn json_type(node: &Node) -> &'static str {
    match &node.kind {
        Kind::Map(_) => "object",
        Kind::Seq(_) => "array",
        Kind::Scalar(s) => match s.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str => "string",
        },
    }
}

fn is_whole(node: &Node) -> bool {
    node.as_scalar()
        .and_then(|s| s.value.as_f64())
        .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// The built-in schemas of Kubernetes 1.`minor` (clamped to the versions the data covers, 1.25
/// to 1.37; `None` below). The native build carries them; the page loads the one it needs
/// (`Workspace::set_kube_schemas`).
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin(minor: u64) -> Option<std::sync::Arc<KubeSchemas>> {
    use std::sync::{Arc, Mutex, OnceLock};
    macro_rules! versions {
        ($($minor:literal),*) => {
            &[$(($minor, include_str!(concat!("kube_schemas/1.", $minor, ".json")))),*]
        };
    }
    const FILES: &[(u64, &str)] = versions!(25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37);
    static LOADED: OnceLock<Mutex<HashMap<u64, Arc<KubeSchemas>>>> = OnceLock::new();
    let minor = minor.min(FILES[FILES.len() - 1].0);
    let text = FILES.iter().find(|(m, _)| *m == minor)?.1;
    let mut loaded = LOADED.get_or_init(Default::default).lock().ok()?;
    let schemas = loaded.entry(minor).or_insert_with(|| {
        let schemas = crate::work::unbudgeted(|| KubeSchemas::from_json(text));
        Arc::new(schemas.expect("the built-in schemas parse"))
    });
    Some(schemas.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    /// The schemas reachable from each kind, in kind and field order, each node numbered when
    /// first reached: the same text for the same schemas whatever order the arena holds them in.
    fn canonical(schemas: &KubeSchemas) -> String {
        fn walk(s: &KubeSchemas, at: u32, seen: &mut HashMap<u32, usize>, out: &mut String) {
            if let Some(n) = seen.get(&at) {
                out.push_str(&format!("#{n}"));
                return;
            }
            let n = seen.len();
            seen.insert(at, n);
            let node = &s.nodes[at as usize];
            out.push_str(&format!(
                "{{#{n} {:?} {:?} {:?} ",
                node.types, node.required, node.allowed
            ));
            for (field, child) in &node.properties {
                out.push_str(field);
                walk(s, *child, seen, out);
            }
            if let Some(items) = node.items {
                out.push_str("items");
                walk(s, items, seen, out);
            }
            match node.others {
                Others::Any => out.push_str(" any"),
                Others::None => out.push_str(" none"),
                Others::Schema(other) => walk(s, other, seen, out),
            }
            out.push('}');
        }
        let mut kinds: Vec<(&String, &u32)> = schemas.kinds.iter().collect();
        kinds.sort();
        let (mut seen, mut out) = (HashMap::new(), schemas.version.clone());
        for (kind, at) in kinds {
            out.push_str(kind);
            walk(schemas, *at, &mut seen, &mut out);
        }
        out
    }

    #[test]
    fn the_schema_files_read_as_json_give_what_they_read_as_yaml() {
        for minor in 25..=37 {
            let path = format!("src/render/kube_schemas/1.{minor}.json");
            let text = std::fs::read_to_string(path).unwrap();
            let as_json = KubeSchemas::from_json(&text).unwrap();
            let as_yaml = parse(&text, YamlLimits::default());
            let as_yaml = KubeSchemas::from_root(as_yaml.root().unwrap()).unwrap();
            assert_eq!(as_json.kinds.len(), as_yaml.kinds.len());
            assert!(as_json.kinds.len() > 50, "1.{minor}");
            assert_eq!(canonical(&as_json), canonical(&as_yaml), "1.{minor}");
        }
        assert!(KubeSchemas::from_json("{\"defs\": ").is_err());
        assert!(KubeSchemas::from_json("[]").is_err());
    }

    fn violations(schemas: &KubeSchemas, yaml: &str) -> Vec<String> {
        let root = parse(yaml, YamlLimits::default()).docs.remove(0);
        let api = root.get("apiVersion").and_then(Node::as_str).unwrap_or("");
        let kind = root.get("kind").and_then(Node::as_str).unwrap_or("");
        schemas
            .validate(api, kind, &root, root.range)
            .expect("a schema")
            .iter()
            .map(|v| format!("{}:{} {:?}", v.range.start.line, v.path, v.problem))
            .collect()
    }

    #[test]
    fn built_in_kinds_are_checked_for_fields_types_and_required() {
        let schemas = builtin(32).unwrap();
        assert_eq!(schemas.version, "1.32");
        let found = violations(
            &schemas,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  labels: {a: x}\nspec:\n  replicas: \"2\"\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n          imagePullPolicy: Sometimes\n          portz: []\n          resources: {requests: {cpu: 100m, memory: 1}}\n",
        );
        assert_eq!(
            found,
            [
                "6:spec MissingField { field: \"selector\" }",
                "7:spec.replicas WrongType { expected: \"integer\", found: \"string\" }",
                "14:spec.template.spec.containers[0] UnknownField { field: \"portz\", suggestion: Some(\"ports\"), belongs: None }",
            ]
        );
    }

    #[test]
    fn a_misindented_field_names_where_it_belongs() {
        let schemas = builtin(32).unwrap();
        let found = violations(
            &schemas,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {}\n  template:\n    spec:\n      replicas: 1\n      image: x\n      containers: []\n",
        );
        assert_eq!(
            found,
            [
                "8:spec.template.spec UnknownField { field: \"replicas\", suggestion: None, belongs: Some(\"spec\") }",
                "9:spec.template.spec UnknownField { field: \"image\", suggestion: None, belongs: Some(\"spec.template.spec.containers[]\") }",
            ]
        );
    }

    #[test]
    fn int_or_string_quantities_whole_floats_and_nulls_pass() {
        let schemas = builtin(32).unwrap();
        let found = violations(
            &schemas,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  annotations: ~\nspec:\n  replicas: 2.0\n  selector: {}\n  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}\n  template:\n    spec:\n      containers:\n        - name: a\n          resources: {limits: {cpu: 1.5, memory: 1Gi}}\n",
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn versions_outside_the_data_clamp_or_have_none() {
        assert_eq!(builtin(40).unwrap().version, "1.37");
        assert!(builtin(24).is_none());
    }

    #[test]
    fn crd_schemas_check_their_custom_resources() {
        let crd = parse(
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: example.com\n  names: {kind: Widget}\n  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              required: [size, tier]\n              properties:\n                size: {type: integer}\n                tier: {type: integer, default: 1}\n                mode: {type: string, enum: [fast, slow]}\n                port: {x-kubernetes-int-or-string: true}\n                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}\n",
            YamlLimits::default(),
        )
        .docs
        .remove(0);
        let schemas = KubeSchemas::from_crds([&crd]);
        assert!(schemas.has("example.com/v1", "Widget"));
        let found = violations(
            &schemas,
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\nspec:\n  sise: 1\n  mode: quick\n  port: http\n  extra: {anything: 1}\n",
        );
        assert_eq!(
            found,
            [
                "4:spec MissingField { field: \"size\" }",
                "5:spec UnknownField { field: \"sise\", suggestion: Some(\"size\"), belongs: None }",
                "6:spec.mode NotAllowed { value: \"quick\", allowed: [\"fast\", \"slow\"] }",
            ]
        );
    }
}
