//! Sprig's JSON functions that Helm keeps: `toPrettyJson`, `toRawJson`, `mustToJson`,
//! `mustToPrettyJson`, `mustToRawJson`, `mustFromJson` (Helm replaces `toJson` and `fromJson`
//! with its own; the host registers those over these).
//!
//! Encoding is Go's `encoding/json`: map keys sorted, `<`, `>`, `&` escaped as `\u003c`… except
//! in `toRawJson`, U+2028/U+2029 always escaped, floats as Go writes them (`1e+21`, `1e-7`),
//! `[]byte` as base64, NaN and infinities an error (the plain forms then give ""). Decoding
//! gives Go's `interface{}` values (numbers are float64) and Go's scanner errors.

use super::encoding::base64_encode;
pub use super::json_decode::unmarshal;
use super::{arity, string_arg, Plain, Res, MAX_NESTING};
use crate::value::Value;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("toPrettyJson", |a| {
        arity("toPrettyJson", a, 1)?;
        Ok(Value::from(encode(&a[0], true, true).unwrap_or_default()))
    });
    funcs.add("toRawJson", |a| {
        arity("toRawJson", a, 1)?;
        Ok(Value::from(encode(&a[0], false, false).unwrap_or_default()))
    });
    funcs.add("mustToJson", |a| {
        arity("mustToJson", a, 1)?;
        Ok(Value::from(encode(&a[0], true, false)?))
    });
    funcs.add("mustToPrettyJson", |a| {
        arity("mustToPrettyJson", a, 1)?;
        Ok(Value::from(encode(&a[0], true, true)?))
    });
    funcs.add("mustToRawJson", |a| {
        arity("mustToRawJson", a, 1)?;
        Ok(Value::from(encode(&a[0], false, false)?))
    });
    funcs.add("mustFromJson", |a| {
        arity("mustFromJson", a, 1)?;
        decode(&string_arg(a, 0)?)
    });
}

/// `json.Marshal` (`escape_html`), `json.MarshalIndent(v, "", "  ")` (`pretty`).
pub fn encode(value: &Value, escape_html: bool, pretty: bool) -> Result<String, String> {
    let mut out = String::new();
    write_value(&mut out, value, escape_html, pretty, 0)?;
    Ok(out)
}

fn newline(out: &mut String, pretty: bool, depth: usize) {
    if pretty {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

fn write_value(
    out: &mut String,
    value: &Value,
    html: bool,
    pretty: bool,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "json: unsupported value: encountered a cycle via {}",
            value.type_name()
        ));
    }
    match value {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i, _) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&float_text(*f)?),
        Value::String(s) => write_string(out, s, html),
        Value::Bytes(b) => write_string(out, &base64_encode(b), html),
        Value::List(l) => {
            if l.items().is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, item) in l.items().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                write_value(out, item, html, pretty, depth + 1)?;
            }
            newline(out, pretty, depth);
            out.push(']');
        }
        Value::Map(m) => {
            let entries = m.entries();
            if entries.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                write_string(out, k, html);
                out.push(':');
                if pretty {
                    out.push(' ');
                }
                write_value(out, v, html, pretty, depth + 1)?;
            }
            newline(out, pretty, depth);
            out.push('}');
        }
        Value::Object(o) => write_value(out, &o.to_data(), html, pretty, depth + 1)?,
    }
    Ok(())
}

/// A float as `encoding/json` writes it: positional between 1e-6 and 1e21, else exponent form
/// with at least one exponent digit (`1e+21`, `1e-7`).
pub fn float_text(f: f64) -> Result<String, String> {
    if f.is_nan() {
        return Err("json: unsupported value: NaN".into());
    }
    if f.is_infinite() {
        return Err(format!(
            "json: unsupported value: {}",
            if f > 0.0 { "+Inf" } else { "-Inf" }
        ));
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let text = format!("{f:e}");
        return Ok(match text.split_once('e') {
            Some((mant, exp)) if !exp.starts_with('-') => format!("{mant}e+{exp}"),
            _ => text,
        });
    }
    Ok(format!("{f}"))
}

/// A JSON string with Go's escaping (`html`: `<`, `>`, `&` as `\u003c`…, as `json.Marshal`).
pub fn write_string(out: &mut String, s: &str, html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if html => out.push_str(&format!("\\u{:04x}", c as u32)),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `json.Unmarshal` into `interface{}`, with Go's error texts: the value, or the first error.
pub fn decode(text: &str) -> Res {
    match unmarshal(text) {
        (Some(value), None) => Ok(value),
        (_, Some(error)) => Err(error),
        (None, None) => Ok(Value::Nil),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn encoding() {
        let data = m(&[
            ("a", i(1)),
            ("b", l(vec![i(1), s("x<>&"), m(&[])])),
            ("c", l(vec![])),
            ("d", Value::Nil),
            ("e", Value::Float(1.5)),
            ("f", Value::Float(1e21)),
            ("g", Value::Float(0.0000001)),
            ("h", Value::Bool(true)),
            ("i", Value::int64(5)),
            ("j", Value::Float(1e20)),
            ("k", s("\u{2028}é\u{1}\t")),
        ]);
        assert_eq!(
            call("toPrettyJson", vec![data]),
            "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    \"x\\u003c\\u003e\\u0026\",\n    {}\n  ],\n  \"c\": [],\n  \"d\": null,\n  \"e\": 1.5,\n  \"f\": 1e+21,\n  \"g\": 1e-7,\n  \"h\": true,\n  \"i\": 5,\n  \"j\": 100000000000000000000,\n  \"k\": \"\\u2028é\\u0001\\t\"\n}"
        );
        assert_eq!(
            call(
                "toRawJson",
                vec![m(&[("a", s("<b>&")), ("n", Value::Float(1e6))])]
            ),
            r#"{"a":"<b>&","n":1000000}"#
        );
        assert_eq!(
            call("mustToJson", vec![l(vec![i(1), s("<")])]),
            r#"[1,"\u003c"]"#
        );
        assert_eq!(call("toPrettyJson", vec![s("s")]), r#""s""#);
        assert_eq!(call("toPrettyJson", vec![l(vec![])]), "[]");
        assert_eq!(call("toPrettyJson", vec![m(&[])]), "{}");
        assert_eq!(call("toPrettyJson", vec![Value::Nil]), "null");
        assert_eq!(
            call(
                "toRawJson",
                vec![l(vec![l(vec![]), m(&[("a", l(vec![]))])])]
            ),
            r#"[[],{"a":[]}]"#
        );
        assert_eq!(
            call(
                "toPrettyJson",
                vec![m(&[("a", Value::Float(f64::INFINITY))])]
            ),
            ""
        );
        assert_eq!(
            call("mustToRawJson", vec![Value::Float(f64::NAN)]),
            "ERR json: unsupported value: NaN"
        );
        assert_eq!(
            call("mustToJson", vec![Value::Float(f64::INFINITY)]),
            "ERR json: unsupported value: +Inf"
        );
    }

    #[test]
    fn decoding() {
        let d = |text: &str| call("mustFromJson", vec![s(text)]);
        assert_eq!(
            d(r#"{"a": [1, 2.5, "x", null, true, {}]}"#),
            "map[a:[1 2.5 x <nil> true map[]]]"
        );
        assert_eq!(d("[1,2]"), "[1 2]");
        assert_eq!(d(r#""s""#), "s");
        assert_eq!(d("null"), "<nil>");
        assert_eq!(d(r#"{"b":1,"a":2}"#), "map[a:2 b:1]");
        assert_eq!(d(r#""\u00e9\ud83d\ude00\n""#), "é😀\n");
        let errors = [
            (
                "{nope}",
                "invalid character 'n' looking for beginning of object key string",
            ),
            ("", "unexpected end of JSON input"),
            (
                "[1,]",
                "invalid character ']' looking for beginning of value",
            ),
            (r#"{"a" 1}"#, "invalid character '1' after object key"),
            (
                r#"{"a":1 "b"}"#,
                "invalid character '\"' after object key:value pair",
            ),
            ("[1 2]", "invalid character '2' after array element"),
            ("1 2", "invalid character '2' after top-level value"),
            ("\"a", "unexpected end of JSON input"),
            (
                "tru",
                "invalid character ' ' in literal true (expecting 'e')",
            ),
            (
                r#"{"a":1e400}"#,
                "json: cannot unmarshal number 1e400 into Go value of type float64",
            ),
            (r#""\x""#, "invalid character 'x' in string escape code"),
            ("01", "invalid character '1' after top-level value"),
            (r#"{"a":-}"#, "invalid character '}' in numeric literal"),
        ];
        for (text, want) in errors {
            assert_eq!(d(text), format!("ERR {want}"), "{text}");
        }
    }
}
