//! Python values as a Mako template sees them, and how they print.

use crate::yaml::{self, Kind, Node};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Deepest nesting [`Value::from_yaml`] copies; deeper parts become `None`. Our YAML reader
/// stops at 128 levels already, so this only guards hand-built trees.
const MAX_FROM_YAML_DEPTH: usize = 256;

/// A Python value: what an expression evaluates to, and what another product's config is.
///
/// `Dict` keeps insertion order, as Python's `dict` does; keys are values (normally strings)
/// compared the Python way (`1 == 1.0 == True`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    /// A dict from `(key, value)` pairs with string keys.
    pub fn dict<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Dict(
            entries
                .into_iter()
                .map(|(k, v)| (Value::Str(k.into()), v))
                .collect(),
        )
    }

    /// Convert a YAML node as Python's `yaml.safe_load` would (YAML 1.1 scalars, as Helm reads
    /// them): maps become dicts (a repeated key keeps its first place and last value), lists
    /// become lists. Iterative: deep documents cannot exhaust the stack.
    pub fn from_yaml(node: &Node) -> Value {
        // Build bottom-up with an explicit stack of frames.
        enum Frame<'n> {
            Seq(std::slice::Iter<'n, Node>, Vec<Value>),
            Map(
                std::slice::Iter<'n, yaml::Entry>,
                DictBuilder,
                Option<Value>,
            ),
        }
        fn leaf(node: &Node) -> Option<Value> {
            match &node.kind {
                Kind::Scalar(s) => Some(match s.value {
                    yaml::Value::Null => Value::None,
                    yaml::Value::Bool(b) => Value::Bool(b),
                    yaml::Value::Int(i) => Value::Int(i),
                    yaml::Value::Float(f) => Value::Float(f),
                    yaml::Value::Str => Value::Str(s.text.clone()),
                }),
                _ => None,
            }
        }
        fn open(node: &Node) -> Frame<'_> {
            match &node.kind {
                Kind::Seq(items) => Frame::Seq(items.iter(), Vec::with_capacity(items.len())),
                Kind::Map(entries) => Frame::Map(
                    entries.iter(),
                    DictBuilder::with_capacity(entries.len()),
                    None,
                ),
                Kind::Scalar(_) => Frame::Seq([].iter(), Vec::new()),
            }
        }
        if let Some(v) = leaf(node) {
            return v;
        }
        let mut stack: Vec<Frame> = vec![open(node)];
        loop {
            let depth = stack.len();
            // Find the next child node of the top frame, or finish it.
            let next: Option<&Node> = match stack.last_mut().expect("non-empty") {
                Frame::Seq(it, _) => it.next(),
                Frame::Map(it, _, pending) => {
                    match it.next() {
                        Some(e) => {
                            // Keys are scalars in practice; a collection key becomes its repr.
                            let key =
                                leaf(&e.key).unwrap_or_else(|| Value::Str(e.key.key_string()));
                            *pending = Some(key);
                            Some(&e.value)
                        }
                        None => None,
                    }
                }
            };
            let finished: Value = match next {
                Some(child) => match leaf(child) {
                    Some(v) => v,
                    None if depth >= MAX_FROM_YAML_DEPTH => Value::None,
                    None => {
                        stack.push(open(child));
                        continue;
                    }
                },
                None => match stack.pop().expect("non-empty") {
                    Frame::Seq(_, items) => {
                        let v = Value::List(items);
                        if stack.is_empty() {
                            return v;
                        }
                        attach(stack.last_mut().expect("non-empty"), v);
                        continue;
                    }
                    Frame::Map(_, entries, _) => {
                        let v = Value::Dict(entries.finish());
                        if stack.is_empty() {
                            return v;
                        }
                        attach(stack.last_mut().expect("non-empty"), v);
                        continue;
                    }
                },
            };
            attach(stack.last_mut().expect("non-empty"), finished);
        }
        fn attach(frame: &mut Frame, v: Value) {
            match frame {
                Frame::Seq(_, items) => items.push(v),
                Frame::Map(_, entries, pending) => {
                    let key = pending.take().unwrap_or_default();
                    entries.insert(key, v);
                }
            }
        }
    }

    /// How much the value holds: one per value (a container, each item, each dict key and
    /// value) plus the bytes of its strings. Counting stops past `limit` (the result is then
    /// `limit + 1`), so it costs at most `limit` steps.
    pub(crate) fn weight(&self, limit: usize) -> usize {
        let mut total = 0usize;
        let mut todo: Vec<&Value> = vec![self];
        while let Some(v) = todo.pop() {
            total += 1;
            match v {
                Value::Str(s) => total = total.saturating_add(s.len()),
                Value::List(items) => {
                    if total.saturating_add(items.len()) > limit {
                        return limit.saturating_add(1);
                    }
                    todo.extend(items.iter());
                }
                Value::Dict(entries) => {
                    if total.saturating_add(2 * entries.len()) > limit {
                        return limit.saturating_add(1);
                    }
                    for (k, v) in entries {
                        todo.push(k);
                        todo.push(v);
                    }
                }
                _ => {}
            }
            if total > limit {
                return limit.saturating_add(1);
            }
        }
        total
    }

    /// Python's truth value (`None`, `False`, `0`, `''`, `[]`, `{}` are false).
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Dict(d) => !d.is_empty(),
        }
    }

    /// Python's type name (`dict`, `str`, `NoneType`), for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
        }
    }

    /// The value under string key `key`, when this is a dict.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Dict(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// What Mako writes for `${value}`: Python's `str(value)`. Strings as they are, `None`,
    /// `True`/`False`, numbers as Python prints them (`3`, `2.5`, `1e+16`), lists and dicts
    /// as their Python repr (`['a', 1]`, `{'k': None}`).
    pub fn to_python_str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => {
                let mut out = String::new();
                other.write_repr(&mut out);
                out
            }
        }
    }

    /// Python's `repr(value)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        // Iterative over containers: an explicit stack of what is left to write.
        enum Item<'v> {
            Val(&'v Value),
            Lit(&'static str),
        }
        let mut todo: Vec<Item> = vec![Item::Val(self)];
        while let Some(item) = todo.pop() {
            let v = match item {
                Item::Lit(s) => {
                    out.push_str(s);
                    continue;
                }
                Item::Val(v) => v,
            };
            match v {
                Value::None => out.push_str("None"),
                Value::Bool(true) => out.push_str("True"),
                Value::Bool(false) => out.push_str("False"),
                Value::Int(i) => out.push_str(&i.to_string()),
                Value::Float(f) => out.push_str(&python_float(*f)),
                Value::Str(s) => python_str_repr(s, out),
                Value::List(items) => {
                    out.push('[');
                    todo.push(Item::Lit("]"));
                    for (i, x) in items.iter().enumerate().rev() {
                        todo.push(Item::Val(x));
                        if i > 0 {
                            todo.push(Item::Lit(", "));
                        }
                    }
                }
                Value::Dict(entries) => {
                    out.push('{');
                    todo.push(Item::Lit("}"));
                    for (i, (k, x)) in entries.iter().enumerate().rev() {
                        todo.push(Item::Val(x));
                        todo.push(Item::Lit(": "));
                        todo.push(Item::Val(k));
                        if i > 0 {
                            todo.push(Item::Lit(", "));
                        }
                    }
                }
            }
        }
    }
}

/// The summed [`Value::weight`] of `items`; counting stops past `limit` (then `limit + 1`).
pub(crate) fn items_weight(items: &[Value], limit: usize) -> usize {
    let mut total = 0usize;
    for v in items {
        total += v.weight(limit - total);
        if total > limit {
            return limit.saturating_add(1);
        }
    }
    total
}

/// Builds a dict as Python does (a repeated key keeps its first place and takes the last value)
/// in linear time: a hash index beside the entries, consistent with [`py_eq`] (numbers
/// hash by their `f64` value, so `1`, `1.0` and `True` meet), with a chain through the entries
/// of one hash. A mapping no longer costs a scan of the entries per key (issue 8, found by the
/// `yaml` fuzz target on a many-keys seed: 8,000 keys took 1.2 s, 16,000 keys 3.9 s).
pub(crate) struct DictBuilder {
    entries: Vec<(Value, Value)>,
    /// Hash → the latest entry with that hash.
    heads: HashMap<u64, usize>,
    /// Per entry: the previous entry with the same hash (`usize::MAX`: none).
    chain: Vec<usize>,
}

impl DictBuilder {
    pub(crate) fn with_capacity(n: usize) -> DictBuilder {
        DictBuilder {
            entries: Vec::with_capacity(n),
            heads: HashMap::with_capacity(n),
            chain: Vec::with_capacity(n),
        }
    }

    pub(crate) fn insert(&mut self, key: Value, value: Value) {
        let Some(h) = key_hash(&key) else {
            // NaN equals nothing, not even itself: always a new key.
            self.entries.push((key, value));
            self.chain.push(usize::MAX);
            return;
        };
        let mut at = self.heads.get(&h).copied().unwrap_or(usize::MAX);
        while at != usize::MAX {
            if py_eq(&self.entries[at].0, &key) {
                self.entries[at].1 = value;
                return;
            }
            at = self.chain[at];
        }
        let i = self.entries.len();
        self.chain
            .push(self.heads.insert(h, i).unwrap_or(usize::MAX));
        self.entries.push((key, value));
    }

    pub(crate) fn finish(self) -> Vec<(Value, Value)> {
        self.entries
    }
}

/// A hash of a dict key that equal keys (by [`py_eq`]) share; `None` for NaN.
fn key_hash(key: &Value) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match key {
        Value::None => 0u8.hash(&mut h),
        Value::Str(s) => {
            1u8.hash(&mut h);
            s.hash(&mut h);
        }
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            let f = as_number(key).unwrap_or(0.0);
            if f.is_nan() {
                return None;
            }
            2u8.hash(&mut h);
            // -0.0 == 0.0
            (if f == 0.0 { 0.0f64 } else { f }).to_bits().hash(&mut h);
        }
        // Unhashable in Python; equal ones share this hash and are told apart by the chain.
        Value::List(_) | Value::Dict(_) => 3u8.hash(&mut h),
    }
    Some(h.finish())
}

/// Look a key up in a dict, Python's way.
pub(crate) fn dict_get<'v>(entries: &'v [(Value, Value)], key: &Value) -> Option<&'v Value> {
    entries.iter().find(|(k, _)| py_eq(k, key)).map(|(_, v)| v)
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Python's `==`. Iterative, so nested values cannot exhaust the stack.
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    let mut todo: Vec<(&Value, &Value)> = vec![(a, b)];
    while let Some((a, b)) = todo.pop() {
        let same = match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if x.len() != y.len() {
                    false
                } else {
                    todo.extend(x.iter().zip(y.iter()));
                    true
                }
            }
            (Value::Dict(x), Value::Dict(y)) => {
                if x.len() != y.len() {
                    false
                } else {
                    let mut ok = true;
                    for (k, v) in x {
                        match dict_get(y, k) {
                            Some(w) => todo.push((v, w)),
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    ok
                }
            }
            (x, y) => match (as_number(x), as_number(y)) {
                (Some(p), Some(q)) => p == q,
                _ => false,
            },
        };
        if !same {
            return false;
        }
    }
    true
}

/// Python's `repr(float)`: the shortest text that reads back, in positional notation for
/// exponents -4..16 and scientific otherwise (`1e+16`, `1.5e-05`).
pub(crate) fn python_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{f:e}"); // e.g. "-1.2345e-5", "3e0"
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let mut out = String::from(sign);
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        }
        out
    } else {
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exp.abs())
    }
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
pub(crate) fn python_str_repr(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::YamlLimits;

    #[test]
    fn dict_builder_keeps_first_place_and_last_value_the_python_way() {
        let mut b = DictBuilder::with_capacity(0);
        for (k, v) in [
            (Value::str("a"), 1),
            (Value::Int(1), 2),
            (Value::str("b"), 3),
            (Value::Float(1.0), 4),
            (Value::Bool(true), 5),
            (Value::str("a"), 6),
            (Value::Float(f64::NAN), 7),
            (Value::Float(f64::NAN), 8),
            (Value::Float(-0.0), 9),
            (Value::Int(0), 10),
            (Value::None, 11),
            (Value::None, 12),
        ] {
            b.insert(k, Value::Int(v));
        }
        let got: Vec<(String, i64)> = b
            .finish()
            .into_iter()
            .map(|(k, v)| match v {
                Value::Int(i) => (k.repr(), i),
                other => panic!("{other:?}"),
            })
            .collect();
        let want = [
            ("'a'", 6),
            ("1", 5),
            ("'b'", 3),
            ("nan", 7),
            ("nan", 8),
            ("-0.0", 10),
            ("None", 12),
        ];
        let want: Vec<(String, i64)> = want.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(got, want);
    }

    /// Issue 8 (the `yaml` fuzz target): a mapping's keys were deduplicated by a scan per key,
    /// so 16,000 keys took 4 s. 200,000 keys (with repeats) now take milliseconds; the bound is
    /// generous for an unoptimised build on a loaded machine.
    #[test]
    fn from_yaml_of_a_huge_mapping_is_linear() {
        let mut text = String::new();
        for i in 0..200_000 {
            text.push_str(&format!("k{}: {i}\n", i % 150_000));
        }
        let y = crate::yaml::parse(&text, YamlLimits::default());
        let started = std::time::Instant::now();
        let v = Value::from_yaml(y.root().expect("a document"));
        let took = started.elapsed();
        let Value::Dict(entries) = v else {
            panic!("a dict")
        };
        assert_eq!(entries.len(), 150_000);
        assert_eq!(entries[0], (Value::str("k0"), Value::Int(150_000)));
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    }

    #[test]
    fn python_str_of_values() {
        assert_eq!(Value::None.to_python_str(), "None");
        assert_eq!(Value::Bool(true).to_python_str(), "True");
        assert_eq!(Value::Int(-3).to_python_str(), "-3");
        assert_eq!(Value::str("a'b").to_python_str(), "a'b");
        let v = Value::Dict(vec![
            (
                Value::str("k"),
                Value::List(vec![Value::Int(1), Value::str("x")]),
            ),
            (Value::str("n"), Value::None),
        ]);
        assert_eq!(v.to_python_str(), "{'k': [1, 'x'], 'n': None}");
        assert_eq!(Value::str("it's").repr(), "\"it's\"");
        assert_eq!(Value::str("a\nb'\"").repr(), "'a\\nb\\'\"'");
        assert_eq!(Value::List(vec![]).repr(), "[]");
        assert_eq!(Value::Dict(vec![]).repr(), "{}");
    }

    #[test]
    fn floats_print_as_python() {
        for (f, s) in [
            (3.0, "3.0"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456.789, "123456.789"),
            (-0.5, "-0.5"),
            (1e15, "1000000000000000.0"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(python_float(f), s, "{f}");
        }
    }

    #[test]
    fn from_yaml_keeps_order_types_and_depth() {
        let y = yaml::parse(
            "b: 1\na: [x, 2.5, ~, yes]\nc: {d: e}\n",
            YamlLimits::default(),
        );
        let v = Value::from_yaml(y.root().unwrap());
        assert_eq!(
            v.repr(),
            "{'b': 1, 'a': ['x', 2.5, None, True], 'c': {'d': 'e'}}"
        );
        let deep = "[".repeat(100) + &"]".repeat(100);
        let y = yaml::parse(&deep, YamlLimits::default());
        let _ = Value::from_yaml(y.root().unwrap());
    }

    #[test]
    fn python_equality() {
        assert!(py_eq(&Value::Int(1), &Value::Float(1.0)));
        assert!(py_eq(&Value::Bool(true), &Value::Int(1)));
        assert!(!py_eq(&Value::str("1"), &Value::Int(1)));
        let a = Value::dict([("x", Value::Int(1)), ("y", Value::Int(2))]);
        let b = Value::dict([("y", Value::Int(2)), ("x", Value::Int(1))]);
        assert!(py_eq(&a, &b));
    }
}
