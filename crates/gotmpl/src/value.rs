//! The dynamic values a template works on, modelled on what Go's `interface{}` holds in Helm:
//! `nil`, `bool`, `int`/`int64`, `float64`, `string`, `[]byte`, `[]interface{}`,
//! `map[string]interface{}` and host objects (structs with fields and methods, such as Helm's
//! `.Chart` or `.Files`).
//!
//! Maps have Go's reference semantics: a map reached through two paths is one map, and Sprig's
//! `set`/`unset` change it for every holder (helm-toolkit relies on it). Lists are immutable
//! (every Sprig list function returns a new list), so they are shared without copying.
//! Iteration over a map is in sorted key order, as Go's `range`, `fmt` and `encoding/json` do.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::rc::Rc;

/// A Go value as templates see it.
#[derive(Clone, Debug)]
pub enum Value {
    /// Go's untyped `nil` (a missing map key, a nil interface). Prints as `<no value>` when it
    /// is the value of a whole action, `<nil>` inside `fmt`.
    Nil,
    Bool(bool),
    /// A signed integer; `kind` keeps the Go type for `typeOf`/`kindOf` and `%T`
    /// (the arithmetic is the same).
    Int(i64, IntKind),
    Float(f64),
    String(Str),
    /// `[]byte` (`.Files.GetBytes`): prints as a list of numbers, converts to a string.
    Bytes(Rc<[u8]>),
    List(List),
    Map(Map),
    /// A host object: a struct with fields and methods.
    Object(Rc<dyn Object>),
}

/// The Go integer types a value may carry (printing and arithmetic are alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    /// `int`: template literals, `len`, `atoi`.
    Int,
    /// `int64`: Sprig's arithmetic (`add`, `int64`, …).
    Int64,
}

/// A string, cheap to clone.
pub type Str = Rc<str>;

/// `[]interface{}`, immutable and shared.
#[derive(Clone, Debug, Default)]
pub struct List(pub Rc<Vec<Value>>);

/// `map[string]interface{}` with Go's reference semantics. Every accessor clones out of the
/// cell, so no borrow is ever held while a template runs (a `set` inside a `range` over the same
/// map is fine: `range` iterates over a snapshot of the sorted entries, as Go does).
#[derive(Clone, Debug, Default)]
pub struct Map(Rc<RefCell<BTreeMap<String, Value>>>);

/// A host struct: Helm's `.Chart` (`*chart.Metadata`), `.Capabilities`, `.Files`, ….
pub trait Object: Debug {
    /// The Go type named in errors and by `typeOf`, e.g. `*chart.Metadata`.
    fn type_name(&self) -> &str;
    /// A field or method by name. `Ok(None)`: no such field or method (the executor reports
    /// Go's "can't evaluate field X in type T"). Fields take no arguments; a method gets the
    /// arguments of the call (Go's "wrong number of args for X" is the object's to report).
    fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String>;
    /// Whether `name` is a method that takes arguments (so the executor passes the call's
    /// arguments instead of reporting "can't give argument to non-function").
    fn is_method(&self, _name: &str) -> bool {
        false
    }
    /// How `%v` prints it (Go prints structs as `{field1 field2}`, or its `String()` method).
    fn format(&self) -> String;
    /// Go's truth of it: a struct is true; an object of a map type ([`Object::map_entries`],
    /// Helm's `.Files`) is false when empty.
    fn truth(&self) -> bool {
        self.map_entries().is_none_or(|entries| !entries.is_empty())
    }
    /// The value as plain data, for `toYaml`/`toJson` and `deepCopy`: Go marshals a struct
    /// through its exported fields.
    fn to_data(&self) -> Value;
    /// For an object that is a Go map (Helm's `files` from `.Files.Glob`): its entries in
    /// sorted key order, so that `range`, `index` and `len` work on it as on a map.
    fn map_entries(&self) -> Option<Vec<(String, Value)>> {
        None
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::String(Rc::from(s))
    }

    pub fn int(i: i64) -> Value {
        Value::Int(i, IntKind::Int)
    }

    pub fn int64(i: i64) -> Value {
        Value::Int(i, IntKind::Int64)
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List(Rc::new(items)))
    }

    /// Go's truth (`if`, `with`, `and`, `not`): false, 0, nil, and empty strings, lists and maps
    /// are false; everything else (structs included) is true.
    pub fn truth(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i, _) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.0.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Object(o) => o.truth(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The Go type, as `printf "%T"` and Sprig's `typeOf` name it.
    pub fn type_name(&self) -> String {
        match self {
            Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_, IntKind::Int) => "int".into(),
            Value::Int(_, IntKind::Int64) => "int64".into(),
            Value::Float(_) => "float64".into(),
            Value::String(_) => "string".into(),
            Value::Bytes(_) => "[]uint8".into(),
            Value::List(_) => "[]interface {}".into(),
            Value::Map(_) => "map[string]interface {}".into(),
            Value::Object(o) => o.type_name().into(),
        }
    }

    /// The Go kind, as Sprig's `kindOf`/`kindIs` name it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Nil => "invalid",
            Value::Bool(_) => "bool",
            Value::Int(_, IntKind::Int) => "int",
            Value::Int(_, IntKind::Int64) => "int64",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::Bytes(_) | Value::List(_) => "slice",
            Value::Map(_) => "map",
            Value::Object(o) if o.type_name().starts_with('*') => "ptr",
            Value::Object(_) => "struct",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Rc::from(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Map(m)
    }
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        List(Rc::new(items))
    }

    pub fn items(&self) -> &[Value] {
        &self.0
    }
}

impl Map {
    pub fn new() -> Map {
        Map::default()
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, Value)>) -> Map {
        Map::from_vec(entries.into_iter().collect())
    }

    /// The map's build, not generic: one copy of the tree's bulk build and of its sort in the
    /// wasm instead of one for each caller's iterator type (about 1 KB each).
    fn from_vec(entries: Vec<(String, Value)>) -> Map {
        Map(Rc::new(RefCell::new(entries.into_iter().collect())))
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.0.borrow().get(key).cloned()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.0.borrow().contains_key(key)
    }

    pub fn insert(&self, key: impl Into<String>, value: Value) {
        self.0.borrow_mut().insert(key.into(), value);
    }

    pub fn remove(&self, key: &str) -> Option<Value> {
        self.0.borrow_mut().remove(key)
    }

    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys in sorted order (a snapshot).
    pub fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }

    /// The entries in sorted key order (a snapshot).
    pub fn entries(&self) -> Vec<(String, Value)> {
        self.0
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// A new map with the same entries (not deep).
    pub fn shallow_copy(&self) -> Map {
        Map(Rc::new(RefCell::new(self.0.borrow().clone())))
    }

    /// Whether two handles are the same map (Go's reference identity).
    pub fn same(&self, other: &Map) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
