//! Sprig v3's functions as Helm 3.17.3 exposes them (all but `env`/`expandenv`, which Helm
//! removes, and the JSON/YAML ones Helm replaces with its own), one file per category of
//! Sprig's documentation.
//!
//! Go checks the arguments of a typed function (`upper(string)`, `trunc(int, string)`) before
//! calling it. Our functions take `&[Value]`, so each checks its own arguments with the helpers
//! below and returns Go's wording (`wrong number of args for upper: want 1 got 2`,
//! `wrong type for value; expected string; got int`); [`is_argument_error`] tells the executor
//! such an error from one the function raised (which Go reports as `error calling NAME: …`).

mod conversion;
mod crypto;
mod date;
mod defaults;
mod dicts;
mod encoding;
mod lists;
mod math;
mod paths;
mod random;
mod regex;
mod semver;
mod string_lists;
mod strings;
mod types;
mod urls;

use crate::exec::Funcs;
use crate::value::{IntKind, Str, Value};

pub(crate) type Res = Result<Value, String>;

/// A function that needs no context of the execution.
pub(crate) type PlainFn = fn(&[Value]) -> Res;

/// The context-free functions by name (kept apart from [`Funcs`] so tests can call them).
#[derive(Default)]
pub(crate) struct Plain(Vec<(&'static str, PlainFn)>);

impl Plain {
    pub(crate) fn add(&mut self, name: &'static str, func: PlainFn) {
        self.0.push((name, func));
    }
}

fn plain() -> Plain {
    let mut p = Plain::default();
    strings::register(&mut p);
    string_lists::register(&mut p);
    conversion::register(&mut p);
    math::register(&mut p);
    defaults::register(&mut p);
    encoding::register(&mut p);
    lists::register(&mut p);
    dicts::register(&mut p);
    types::register(&mut p);
    paths::register(&mut p);
    regex::register(&mut p);
    semver::register(&mut p);
    urls::register(&mut p);
    date::register(&mut p);
    p
}

/// Every Sprig function Helm offers.
pub fn funcs() -> Funcs {
    let mut funcs = Funcs::new();
    for (name, func) in plain().0 {
        funcs.add(name, func);
    }
    strings::register_with_context(&mut funcs);
    math::register_with_context(&mut funcs);
    random::register_with_context(&mut funcs);
    date::register_with_context(&mut funcs);
    crypto::register(&mut funcs);
    funcs
}

/// Whether a function's error is Go's check of the arguments (reported at the argument, without
/// `error calling NAME: `) rather than the function's own error.
pub fn is_argument_error(message: &str) -> bool {
    message.starts_with("wrong number of args for ")
        || message.starts_with("wrong type for value; ")
        || message.starts_with("cannot assign nil to ")
}

/// Go's check of a fixed number of arguments.
pub(crate) fn arity(name: &str, args: &[Value], want: usize) -> Result<(), String> {
    if args.len() == want {
        Ok(())
    } else {
        Err(format!("wrong number of args for {name}: want {want} got {}", args.len()))
    }
}

/// Go's check of a variadic function's fixed arguments.
pub(crate) fn arity_at_least(name: &str, args: &[Value], want: usize) -> Result<(), String> {
    if args.len() >= want {
        Ok(())
    } else {
        Err(format!("wrong number of args for {name}: want at least {want} got {}", args.len()))
    }
}

/// The Go type an argument error names: a value read from a map (`.Values.x`, nil included) is
/// typed `interface {}` there; we only know the dynamic type, except for nil.
fn arg_type(value: &Value) -> String {
    match value {
        Value::Nil => "interface {}".into(),
        other => other.type_name(),
    }
}

fn wrong_type(expected: &str, value: &Value) -> String {
    format!("wrong type for value; expected {expected}; got {}", arg_type(value))
}

/// A `string` parameter.
pub(crate) fn string_arg(value: &Value) -> Result<Str, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong_type("string", other)),
    }
}

/// An `int` parameter: Go accepts only an `int` (a literal, `len`, `int`, `atoi`), not the
/// `int64` of Sprig's arithmetic nor the float64 of a values file.
pub(crate) fn int_arg(value: &Value) -> Result<i64, String> {
    match value {
        Value::Int(i, IntKind::Int) => Ok(*i),
        other => Err(wrong_type("int", other)),
    }
}

/// A `bool` parameter.
pub(crate) fn bool_arg(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(wrong_type("bool", other)),
    }
}

/// A `map[string]interface {}` parameter.
pub(crate) fn map_arg(value: &Value) -> Result<crate::value::Map, String> {
    match value {
        Value::Map(m) => Ok(m.clone()),
        other => Err(wrong_type("map[string]interface {}", other)),
    }
}

/// Sprig's `strval`: strings and `[]byte` as they are, everything else as `%v` prints it
/// (nil is `<nil>`).
pub(crate) fn strval(value: &Value) -> String {
    match value {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => crate::fmt::format_value(other),
    }
}

/// A slice argument's items (`[]interface{}`, `[]string`, `[]byte`…), or `None` for a value
/// that is not a slice.
pub(crate) fn slice_items(value: &Value) -> Option<Vec<Value>> {
    match value {
        Value::List(l) => Some(l.items().to_vec()),
        Value::Bytes(b) => Some(b.iter().map(|&x| Value::int(x as i64)).collect()),
        _ => None,
    }
}

/// Go's `reflect.DeepEqual` over our values (ints of different Go types differ, as in Go).
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x, kx), Value::Int(y, ky)) => x == y && kx == ky,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.items().len() == y.items().len() && x.items().iter().zip(y.items()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.same(y) {
                return true;
            }
            let (ex, ey) = (x.entries(), y.entries());
            ex.len() == ey.len() && ex.iter().zip(&ey).all(|((kx, vx), (ky, vy))| kx == ky && deep_equal(vx, vy))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.type_name() == y.type_name() && deep_equal(&x.to_data(), &y.to_data())
        }
        _ => false,
    }
}

/// Sprig's emptiness (`empty`, `default`, `compact`, `coalesce`): nil, false, zero numbers and
/// empty strings, slices and maps; structs are never empty.
pub(crate) fn is_empty(value: &Value) -> bool {
    !matches!(value, Value::Object(_)) && !value.truth()
}

/// Cuts a string at a byte offset as Go's slicing does; a cut inside a UTF-8 sequence (which Go
/// keeps as raw bytes) becomes U+FFFD here.
pub(crate) fn byte_slice(s: &str, start: usize, end: usize) -> String {
    match s.get(start..end) {
        Some(part) => part.to_string(),
        None => String::from_utf8_lossy(&s.as_bytes()[start..end]).into_owned(),
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::value::{Map, Value};

    pub fn s(x: &str) -> Value {
        Value::str(x)
    }
    pub fn i(x: i64) -> Value {
        Value::int(x)
    }
    pub fn l(items: Vec<Value>) -> Value {
        Value::list(items)
    }
    pub fn m(entries: &[(&str, Value)]) -> Value {
        Value::Map(Map::from_entries(entries.iter().map(|(k, v)| (k.to_string(), v.clone()))))
    }
    /// Calls a context-free function by its template name; `%v` of the result or `ERR message`.
    pub fn call(name: &str, args: Vec<Value>) -> String {
        let plain = super::plain();
        let func = plain.0.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no function {name}")).1;
        show(func(&args))
    }

    /// `%v` of a result, to compare with what helm printed.
    pub fn show(v: Result<Value, String>) -> String {
        match v {
            Ok(v) => crate::fmt::format_value(&v),
            Err(e) => format!("ERR {e}"),
        }
    }
}
