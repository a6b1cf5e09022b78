//! Go's predefined template functions: `and`, `or`, `not`, `len`, `index`, `slice`, `print`,
//! `printf`, `println`, `html`, `js`, `urlquery`, `call`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`,
//! with Go's errors (checked against `helm template`). `and`/`or` short-circuit, so the executor
//! evaluates them itself.
//!
//! Comparison follows Go's basic kinds: bools, integers, floats and strings compare within
//! their kind only (`eq 1 1.0` is "incompatible types for comparison"); `eq` against nil is
//! false; lists and maps are "non-comparable".

use crate::fmt::{format_value, sprint, sprintf, sprintln};
use crate::value::Value;

const NAMES: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js",
    "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge",
];

pub fn is_builtin(name: &str) -> bool {
    NAMES.contains(&name)
}

fn want(name: &str, n: usize, args: &[Value]) -> Result<(), String> {
    if args.len() != n {
        return Err(format!(
            "wrong number of args for {name}: want {n} got {}",
            args.len()
        ));
    }
    Ok(())
}

fn want_at_least(name: &str, n: usize, args: &[Value]) -> Result<(), String> {
    if args.len() < n {
        return Err(format!(
            "wrong number of args for {name}: want at least {n} got {}",
            args.len()
        ));
    }
    Ok(())
}

/// Calls builtin `name` (the executor handles `and`/`or`).
pub fn call_builtin(name: &str, args: &[Value]) -> Result<Value, String> {
    match name {
        "and" | "or" => {
            want_at_least(name, 1, args)?;
            let is_and = name == "and";
            for a in args {
                if a.truth() != is_and {
                    return Ok(a.clone());
                }
            }
            Ok(args[args.len() - 1].clone())
        }
        "not" => {
            want(name, 1, args)?;
            Ok(Value::Bool(!args[0].truth()))
        }
        "len" => {
            want(name, 1, args)?;
            length(&args[0]).map(|n| Value::int(n as i64))
        }
        "index" => {
            want_at_least(name, 1, args)?;
            index(&args[0], &args[1..])
        }
        "slice" => {
            want_at_least(name, 1, args)?;
            slice(&args[0], &args[1..])
        }
        "print" => Ok(Value::from(sprint(args))),
        "println" => Ok(Value::from(sprintln(args))),
        "printf" => {
            want_at_least(name, 1, args)?;
            let Value::String(format) = &args[0] else {
                return Err(crate::exec::bad_arg(0, "string"));
            };
            Ok(Value::from(sprintf(format, &args[1..])))
        }
        "html" => Ok(Value::from(html_escape(&eval_args(args)))),
        "js" => Ok(Value::from(js_escape(&eval_args(args)))),
        "urlquery" => Ok(Value::from(query_escape(&eval_args(args)))),
        "call" => {
            want_at_least(name, 1, args)?;
            // No value here is a function.
            match &args[0] {
                Value::Nil => Err("call of nil".into()),
                other => Err(format!(
                    "non-function {} of type {}",
                    format_value(other),
                    other.type_name()
                )),
            }
        }
        "eq" => {
            want_at_least(name, 1, args)?;
            eq(&args[0], &args[1..]).map(Value::Bool)
        }
        "ne" => {
            want(name, 2, args)?;
            eq(&args[0], &args[1..2]).map(|b| Value::Bool(!b))
        }
        "lt" => {
            want(name, 2, args)?;
            lt(&args[0], &args[1]).map(Value::Bool)
        }
        "le" => {
            want(name, 2, args)?;
            le(&args[0], &args[1]).map(Value::Bool)
        }
        "gt" => {
            want(name, 2, args)?;
            le(&args[0], &args[1]).map(|b| Value::Bool(!b))
        }
        "ge" => {
            want(name, 2, args)?;
            lt(&args[0], &args[1]).map(|b| Value::Bool(!b))
        }
        _ => Err(format!("{name:?} is not a defined function")),
    }
}

/// Go's `evalArgs` for `html`/`js`/`urlquery`: one string as it is, else `fmt.Sprint`.
fn eval_args(args: &[Value]) -> String {
    if let [Value::String(s)] = args {
        return s.to_string();
    }
    sprint(args)
}

fn length(value: &Value) -> Result<usize, String> {
    match value {
        Value::Nil => Err("len of nil pointer".into()),
        Value::String(s) => Ok(s.len()),
        Value::Bytes(b) => Ok(b.len()),
        Value::List(l) => Ok(l.items().len()),
        Value::Map(m) => Ok(m.len()),
        Value::Object(o) if o.map_entries().is_some() => Ok(o.map_entries().map_or(0, |e| e.len())),
        other => Err(format!("len of type {}", other.type_name())),
    }
}

fn index_int(value: &Value) -> Result<i64, String> {
    match value {
        Value::Int(i, _) => Ok(*i),
        Value::Nil => Err("cannot index slice/array with nil".into()),
        other => Err(format!(
            "cannot index slice/array with type {}",
            other.type_name()
        )),
    }
}

fn index(item: &Value, indexes: &[Value]) -> Result<Value, String> {
    let mut item = item.clone();
    for idx in indexes {
        item = match &item {
            Value::Nil => return Err("index of untyped nil".into()),
            Value::List(list) => {
                let i = index_int(idx)?;
                if i < 0 || i as usize >= list.items().len() {
                    return Err(format!("index out of range: {i}"));
                }
                list.items()[i as usize].clone()
            }
            Value::Bytes(bytes) => {
                let i = index_int(idx)?;
                if i < 0 || i as usize >= bytes.len() {
                    return Err(format!("index out of range: {i}"));
                }
                Value::int(bytes[i as usize] as i64)
            }
            Value::String(s) => {
                let i = index_int(idx)?;
                if i < 0 || i as usize >= s.len() {
                    return Err(format!("index out of range: {i}"));
                }
                Value::int(s.as_bytes()[i as usize] as i64)
            }
            Value::Map(map) => match idx {
                Value::String(key) => map.get(key).unwrap_or(Value::Nil),
                Value::Nil => return Err("value is nil; should be of type string".into()),
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ))
                }
            },
            Value::Object(obj) if obj.map_entries().is_some() => match idx {
                Value::String(key) => obj
                    .map_entries()
                    .unwrap_or_default()
                    .into_iter()
                    .find(|(k, _)| **k == **key)
                    .map_or(Value::Nil, |(_, v)| v),
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ))
                }
            },
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(item)
}

fn slice(item: &Value, indexes: &[Value]) -> Result<Value, String> {
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match item {
        Value::Nil => return Err("slice of untyped nil".into()),
        Value::String(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        Value::List(l) => l.items().len(),
        Value::Bytes(b) => b.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut bounds = [0usize, len, len];
    for (k, idx) in indexes.iter().enumerate() {
        let i = index_int(idx)?;
        if i < 0 || i as usize > len {
            return Err(format!("index out of range: {i}"));
        }
        bounds[k] = i as usize;
    }
    if indexes.len() < 2 {
        bounds[1] = len;
    }
    if bounds[0] > bounds[1] {
        return Err(format!(
            "invalid slice index: {} > {}",
            bounds[0], bounds[1]
        ));
    }
    if indexes.len() == 3 && bounds[1] > bounds[2] {
        return Err(format!(
            "invalid slice index: {} > {}",
            bounds[1], bounds[2]
        ));
    }
    let (from, to) = (bounds[0], bounds[1]);
    Ok(match item {
        Value::String(s) => {
            Value::from(String::from_utf8_lossy(&s.as_bytes()[from..to]).into_owned())
        }
        Value::List(l) => Value::list(l.items()[from..to].to_vec()),
        Value::Bytes(b) => Value::Bytes(b[from..to].into()),
        _ => unreachable!("checked above"),
    })
}

/// Go's basic kinds for comparison.
#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Float,
    String,
    /// Nil or a composite value: not basic.
    Other,
}

fn kind(v: &Value) -> Kind {
    match v {
        Value::Bool(_) => Kind::Bool,
        Value::Int(..) => Kind::Int,
        Value::Float(_) => Kind::Float,
        Value::String(_) => Kind::String,
        _ => Kind::Other,
    }
}

fn eq(a: &Value, others: &[Value]) -> Result<bool, String> {
    if others.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let ka = kind(a);
    for b in others {
        let kb = kind(b);
        let truth = if ka != kb {
            if !a.is_nil() && !b.is_nil() {
                return Err("incompatible types for comparison".into());
            }
            false
        } else {
            match (a, b) {
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Int(x, _), Value::Int(y, _)) => x == y,
                (Value::Float(x), Value::Float(y)) => x == y,
                (Value::String(x), Value::String(y)) => x == y,
                (Value::Nil, Value::Nil) => true,
                (Value::Nil, _) | (_, Value::Nil) => false,
                (Value::Object(x), Value::Object(y)) => {
                    std::ptr::addr_eq(std::rc::Rc::as_ptr(x), std::rc::Rc::as_ptr(y))
                }
                _ => {
                    if a.type_name() != b.type_name() {
                        return Err(format!(
                            "non-comparable types {}: {}, {}: {}",
                            sprintf("%s", std::slice::from_ref(a)),
                            a.type_name(),
                            b.type_name(),
                            format_value(b)
                        ));
                    }
                    return Err(format!(
                        "non-comparable type {}: {}",
                        sprintf("%s", std::slice::from_ref(b)),
                        b.type_name()
                    ));
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

fn lt(a: &Value, b: &Value) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if matches!(ka, Kind::Bool | Kind::Other) || matches!(kb, Kind::Bool | Kind::Other) {
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match (a, b) {
        (Value::Int(x, _), Value::Int(y, _)) => x < y,
        (Value::Float(x), Value::Float(y)) => x < y,
        (Value::String(x), Value::String(y)) => x < y,
        _ => false,
    })
}

fn le(a: &Value, b: &Value) -> Result<bool, String> {
    if lt(a, b)? {
        return Ok(true);
    }
    eq(a, std::slice::from_ref(b))
}

/// Go's `template.HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

/// Go's `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\u000A"),
            '\r' => out.push_str("\\u000D"),
            '\t' => out.push_str("\\u0009"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            _ if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[Value]) -> Result<Value, String> {
        call_builtin(name, args)
    }

    #[test]
    fn comparisons_follow_gos_kinds() {
        let i = Value::int;
        assert!(matches!(
            call("eq", &[i(1), i(2), i(1)]),
            Ok(Value::Bool(true))
        ));
        assert_eq!(
            call("eq", &[i(1), 1.0.into()]).unwrap_err(),
            "incompatible types for comparison"
        );
        assert_eq!(
            call("lt", &[i(1), "a".into()]).unwrap_err(),
            "incompatible types for comparison"
        );
        assert!(matches!(
            call("eq", &[i(1), Value::Nil]),
            Ok(Value::Bool(false))
        ));
        assert_eq!(
            call("eq", &[Value::list(vec![i(1)]), Value::list(vec![i(1)])]).unwrap_err(),
            "non-comparable type [%!s(int=1)]: []interface {}"
        );
        assert_eq!(
            call("lt", &[true.into(), false.into()]).unwrap_err(),
            "invalid type for comparison"
        );
        assert!(matches!(
            call("ge", &["b".into(), "a".into()]),
            Ok(Value::Bool(true))
        ));
        assert!(matches!(
            call("le", &[2.5.into(), 2.5.into()]),
            Ok(Value::Bool(true))
        ));
        assert_eq!(
            call("ne", &[i(1)]).unwrap_err(),
            "wrong number of args for ne: want 2 got 1"
        );
        assert_eq!(
            call("eq", &[i(1)]).unwrap_err(),
            "missing argument for comparison"
        );
    }

    #[test]
    fn index_len_slice_errors_are_gos() {
        let list = Value::list(vec![Value::int(1), Value::int(2)]);
        assert_eq!(
            call("index", &[list.clone(), Value::int(5)]).unwrap_err(),
            "index out of range: 5"
        );
        assert_eq!(
            call("len", &[Value::int(3)]).unwrap_err(),
            "len of type int"
        );
        let map = crate::value::Map::new();
        assert_eq!(
            call("index", &[Value::Map(map.clone()), Value::int(1)]).unwrap_err(),
            "value has type int; should be string"
        );
        assert!(call("index", &[Value::Map(map), "x".into()])
            .unwrap()
            .is_nil());
        assert!(
            matches!(call("slice", &[list, Value::int(1)]), Ok(Value::List(l)) if l.items().len() == 1)
        );
        assert_eq!(
            call("slice", &["abcd".into(), Value::int(1), Value::int(3)])
                .unwrap()
                .as_str(),
            Some("bc")
        );
    }

    #[test]
    fn escapers() {
        assert_eq!(
            html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            js_escape("a'b\"<=>\n"),
            "a\\'b\\\"\\u003C\\u003D\\u003E\\u000A"
        );
        assert_eq!(query_escape("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }
}
