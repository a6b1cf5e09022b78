//! A configuration value with, at every node, the layer and line it came from.
//!
//! Maps keep their insertion order (the order the layers wrote them), so the final values read
//! like the files they came from. Keys are strings: YAML keys are named as Helm's JSON round trip
//! names them (`on` → `true`, `1` → `1`).

use super::Layer;
use crate::yaml::{self, Kind as YKind};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::collections::HashMap;

/// Where a node came from: its layer, and the 1-based line in that layer's file (0: unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub layer: Layer,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Tree {
    pub kind: Kind,
    pub origin: Origin,
}

impl Tree {
    pub fn new(kind: Kind, origin: Origin) -> Tree {
        Tree { kind, origin }
    }

    pub fn empty_map(origin: Origin) -> Tree {
        Tree::new(Kind::Map(Vec::new()), origin)
    }

    /// A YAML node as a tree of `layer`. `line_of` maps a line of the parsed text to the line
    /// shown in provenance (identity for files read as they are; the template line for a rendered
    /// data_template). A map value takes the line of its key (`dashboard: 3` is one line).
    pub fn from_yaml(node: &yaml::Node, layer: Layer, line_of: &dyn Fn(usize) -> usize) -> Tree {
        Tree::from_yaml_at(node, layer, line_of(node.range.start.line), line_of)
    }

    fn from_yaml_at(
        node: &yaml::Node,
        layer: Layer,
        line: usize,
        line_of: &dyn Fn(usize) -> usize,
    ) -> Tree {
        let origin = Origin { layer, line };
        let kind = match &node.kind {
            YKind::Scalar(s) => match s.value {
                yaml::Value::Null => Kind::Null,
                yaml::Value::Bool(b) => Kind::Bool(b),
                yaml::Value::Int(i) => Kind::Int(i),
                yaml::Value::Float(f) => Kind::Float(f),
                yaml::Value::Str => Kind::Str(s.text.clone()),
            },
            YKind::Seq(items) => Kind::List(
                items
                    .iter()
                    .map(|n| Tree::from_yaml_at(n, layer, line_of(n.range.start.line), line_of))
                    .collect(),
            ),
            YKind::Map(entries) => {
                let mut out: Vec<(String, Tree)> = Vec::with_capacity(entries.len());
                let mut index = KeyIndex::default();
                for e in entries {
                    let key = e.key.key_string();
                    let value = Tree::from_yaml_at(
                        &e.value,
                        layer,
                        line_of(e.key.range.start.line),
                        line_of,
                    );
                    // A repeated key (Helm 3 keeps the last value): the last one wins.
                    match index.find(&out, &key) {
                        Some(i) => out[i].1 = value,
                        None => index.push(&mut out, key, value),
                    }
                }
                Kind::Map(out)
            }
        };
        Tree { kind, origin }
    }

    pub fn as_map(&self) -> Option<&[(String, Tree)]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut Vec<(String, Tree)>> {
        match &mut self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Tree> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// Give every node of the tree `origin` (a layer found somewhere it has no lines of its own).
    pub fn set_layer(&mut self, layer: Layer) {
        self.origin.layer = layer;
        match &mut self.kind {
            Kind::List(items) => items.iter_mut().for_each(|t| t.set_layer(layer)),
            Kind::Map(m) => m.iter_mut().for_each(|(_, t)| t.set_layer(layer)),
            _ => {}
        }
    }

    /// Equal as values (origins ignored; numbers compare by value, so `1` equals `1.0`, as Helm's
    /// float64 values would).
    pub fn same_value(&self, other: &Tree) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Null, Kind::Null) => true,
            (Kind::Bool(a), Kind::Bool(b)) => a == b,
            (Kind::Int(a), Kind::Int(b)) => a == b,
            (Kind::Float(a), Kind::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Kind::Int(a), Kind::Float(b)) | (Kind::Float(b), Kind::Int(a)) => *a as f64 == *b,
            (Kind::Str(a), Kind::Str(b)) => a == b,
            (Kind::List(a), Kind::List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_value(y))
            }
            (Kind::Map(a), Kind::Map(b)) => {
                let index = KeyIndex::of(b);
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| index.find(b, k).is_some_and(|i| v.same_value(&b[i].1)))
            }
            _ => false,
        }
    }

    /// How many nodes the tree holds (for limits on what a user gives).
    pub fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::List(items) => items.iter().map(Tree::size).sum(),
            Kind::Map(m) => m.iter().map(|(_, t)| t.size()).sum(),
            _ => 0,
        }
    }
}

/// Finds a key among a map's entries: by scanning while the map is small, through a hash index
/// once it is not, so that building, merging or comparing a map of n keys costs O(n), not O(n²)
/// (a values.yaml of 300,000 keys is an input we must survive).
#[derive(Default)]
pub struct KeyIndex {
    positions: Option<HashMap<String, usize>>,
}

impl KeyIndex {
    /// Maps this small are scanned: cheaper than hashing, and most maps of a chart are small.
    const SCAN_UP_TO: usize = 16;

    /// An index over the entries of `map`, as it is now.
    pub fn of(map: &[(String, Tree)]) -> KeyIndex {
        let mut index = KeyIndex::default();
        if map.len() > Self::SCAN_UP_TO {
            index.build(map);
        }
        index
    }

    fn build(&mut self, map: &[(String, Tree)]) {
        let mut positions = HashMap::with_capacity(map.len());
        for (i, (k, _)) in map.iter().enumerate() {
            positions.insert(k.clone(), i);
        }
        self.positions = Some(positions);
    }

    /// The position of `key` in `map` (the map this index was made for, with only
    /// [`KeyIndex::push`] having changed it since).
    pub fn find(&self, map: &[(String, Tree)], key: &str) -> Option<usize> {
        match &self.positions {
            Some(positions) => positions.get(key).copied(),
            None => map.iter().position(|(k, _)| k == key),
        }
    }

    /// Append an entry to `map`, keeping the index right.
    pub fn push(&mut self, map: &mut Vec<(String, Tree)>, key: String, value: Tree) {
        match &mut self.positions {
            Some(positions) => {
                positions.insert(key.clone(), map.len());
            }
            None if map.len() >= Self::SCAN_UP_TO => {
                self.build(map);
                if let Some(positions) = &mut self.positions {
                    positions.insert(key.clone(), map.len());
                }
            }
            None => {}
        }
        map.push((key, value));
    }
}

/// Serialized as the plain JSON value (origins left out), maps in their order. Floats that JSON
/// cannot hold (`.inf`, `.nan`) are written as the YAML words.
impl Serialize for Tree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.kind {
            Kind::Null => s.serialize_unit(),
            Kind::Bool(b) => s.serialize_bool(*b),
            Kind::Int(i) => s.serialize_i64(*i),
            Kind::Float(f) if f.is_finite() => s.serialize_f64(*f),
            Kind::Float(f) => s.serialize_str(if f.is_nan() {
                ".nan"
            } else if *f > 0.0 {
                ".inf"
            } else {
                "-.inf"
            }),
            Kind::Str(t) => s.serialize_str(t),
            Kind::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Kind::Map(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    fn tree(text: &str) -> Tree {
        let y = parse(text, YamlLimits::default());
        Tree::from_yaml(y.root().unwrap(), Layer::Values, &|l| l)
    }

    #[test]
    fn lines_of_map_values_are_their_keys_lines() {
        let t = tree("pod:\n  replicas:\n    api: 1\n    list:\n      - a\n");
        let api = t
            .get("pod")
            .unwrap()
            .get("replicas")
            .unwrap()
            .get("api")
            .unwrap();
        assert_eq!(api.origin.line, 3);
        let list = t
            .get("pod")
            .unwrap()
            .get("replicas")
            .unwrap()
            .get("list")
            .unwrap();
        assert_eq!(list.origin.line, 4);
    }

    #[test]
    fn keys_as_helm_names_them_and_last_duplicate_wins() {
        let t = tree("on: 1\n2: b\na: 1\na: 2\n");
        let keys: Vec<&str> = t
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["true", "2", "a"]);
        assert!(t.get("a").unwrap().same_value(&tree("2")));
    }

    #[test]
    fn json_keeps_order_and_types() {
        let t = tree("b: 1\na: [x, 2.5, true, null]\nc: .inf\n");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"b":1,"a":["x",2.5,true,null],"c":".inf"}"#
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(tree("1").same_value(&tree("1.0")));
        assert!(!tree("1").same_value(&tree("'1'")));
        assert!(tree("{a: 1, b: 2}").same_value(&tree("{b: 2, a: 1}")));
    }
}
