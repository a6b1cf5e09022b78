//! Go's `encoding/json` as Helm's `toJson` (and, through sigs.k8s.io/yaml, `toYaml`) marshals
//! template values: map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…,
//! floats as Go prints them (`1e+21`, `0.000001`, `1e-7`), `[]byte` as base64, NaN and
//! infinities refused, cycles (a map `set` into itself) refused. The tree ([`Data`]) is ours
//! (`toYaml` reads it back); strings, floats and base64 are written by gotmpl's Sprig JSON, the
//! one `encoding/json` of the engine.

use gotmpl::{Map, Value};
use gotmpl_sprig::base64_encode;
use gotmpl_sprig::json::{float_text, write_string};

/// A marshalled value: what `json.Marshal` writes, as a tree (`toYaml` reads it back the way
/// go-yaml reads the JSON text).
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    Null,
    Bool(bool),
    /// A number, as the JSON text Go writes for it.
    Number(String),
    String(String),
    List(Vec<Data>),
    /// Entries sorted by key (bytewise, as Go sorts map keys).
    Map(Vec<(String, Data)>),
}

/// Deeper than this, marshalling stops (Go has no limit short of a cycle; templates have no
/// business nesting this deep, and the stack of a wasm page is small).
const MAX_DEPTH: usize = 1000;

/// `json.Marshal(value)` as a tree; `Err` is Go's message (`json: unsupported value: NaN`).
pub fn marshal(value: &Value) -> Result<Data, String> {
    let mut ancestors = Vec::new();
    to_data(value, &mut ancestors)
}

/// `json.Marshal(value)` as text.
pub fn marshal_text(value: &Value) -> Result<String, String> {
    let data = marshal(value)?;
    let mut out = String::new();
    write(&data, &mut out);
    Ok(out)
}

fn to_data(value: &Value, ancestors: &mut Vec<Map>) -> Result<Data, String> {
    if ancestors.len() > MAX_DEPTH {
        return Err(format!(
            "json: unsupported value: nested deeper than {MAX_DEPTH} levels"
        ));
    }
    Ok(match value {
        Value::Nil => Data::Null,
        Value::Bool(b) => Data::Bool(*b),
        Value::Int(i, _) => Data::Number(i.to_string()),
        Value::Float(f) => Data::Number(float_text(*f)?),
        Value::String(s) => Data::String(s.to_string()),
        Value::Bytes(b) => Data::String(base64_encode(b)),
        Value::List(items) => {
            // A list holds no cycle of its own (lists are immutable), but it may hold a map that
            // is an ancestor; the map check below sees it.
            let mut out = Vec::with_capacity(items.items().len());
            ancestors.push(Map::new());
            for item in items.items() {
                out.push(to_data(item, ancestors)?);
            }
            ancestors.pop();
            Data::List(out)
        }
        Value::Map(map) => {
            if ancestors.iter().any(|a| a.same(map)) {
                return Err(
                    "json: unsupported value: encountered a cycle via map[string]interface {}"
                        .into(),
                );
            }
            ancestors.push(map.clone());
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in map.entries() {
                out.push((k, to_data(&v, ancestors)?));
            }
            ancestors.pop();
            Data::Map(out)
        }
        Value::Object(object) => {
            let data = object.to_data();
            ancestors.push(Map::new());
            let out = to_data(&data, ancestors);
            ancestors.pop();
            out?
        }
    })
}

/// The JSON text of `data`, compact, as `json.Marshal` writes it.
pub fn write(data: &Data, out: &mut String) {
    match data {
        Data::Null => out.push_str("null"),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::Number(n) => out.push_str(n),
        Data::String(s) => write_string(out, s, true),
        Data::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Data::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k, true);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_go() {
        // Observed with helm3 `toJson`.
        for (f, want) in [
            (1.0, "1"),
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (1e-10, "1e-10"),
            (0.000001, "0.000001"),
            (0.00001, "0.00001"),
            (12345678.9, "12345678.9"),
            (1e19, "10000000000000000000"),
            (1.8446744073709552e19, "18446744073709552000"),
            (-0.0, "-0"),
            (1e23, "1e+23"),
            (-1.5e300, "-1.5e+300"),
        ] {
            assert_eq!(float_text(f).unwrap(), want, "{f}");
        }
        assert_eq!(
            float_text(f64::NAN).unwrap_err(),
            "json: unsupported value: NaN"
        );
        assert_eq!(
            float_text(f64::NEG_INFINITY).unwrap_err(),
            "json: unsupported value: -Inf"
        );
    }

    #[test]
    fn g_format() {
        for (f, want) in [
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (1e-7, "1e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (12345678.9, "1.23456789e+07"),
            (123456.0, "123456"),
            (1.8446744073709552e19, "1.8446744073709552e+19"),
        ] {
            // go-yaml writes floats with strconv's 'g': what `%v` prints
            assert_eq!(gotmpl::fmt::format_value(&Value::Float(f)), want, "{f}");
        }
    }

    #[test]
    fn strings_escaped_as_go() {
        let mut out = String::new();
        write_string(
            &mut out,
            "<>&\u{2028}\u{8}\u{c}\u{1}\"\\\t\n\r\u{85}é😀",
            true,
        );
        assert_eq!(
            out,
            "\"\\u003c\\u003e\\u0026\\u2028\\b\\f\\u0001\\\"\\\\\\t\\n\\r\u{85}é😀\""
        );
    }

    #[test]
    fn maps_sorted_bytes_base64_cycles() {
        let m = Map::new();
        m.insert("b", Value::int(1));
        m.insert(
            "a",
            Value::list(vec![Value::Nil, Value::Bool(true), Value::Float(2.0)]),
        );
        m.insert("é", Value::Bytes(b"hello".to_vec().into()));
        m.insert("c", Value::Map(Map::new()));
        assert_eq!(
            marshal_text(&Value::Map(m.clone())).unwrap(),
            r#"{"a":[null,true,2],"b":1,"c":{},"é":"aGVsbG8="}"#
        );
        m.insert("self", Value::list(vec![Value::Map(m.clone())]));
        assert_eq!(
            marshal_text(&Value::Map(m)).unwrap_err(),
            "json: unsupported value: encountered a cycle via map[string]interface {}"
        );
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"a"), "YQ==");
        assert_eq!(base64_encode(b"ab"), "YWI=");
    }
}
