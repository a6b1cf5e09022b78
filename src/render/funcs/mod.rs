//! Helm's own template functions (Helm 3.17.3's engine adds them to Sprig's): `toYaml`,
//! `toYamlPretty`, `fromYaml`, `fromYamlArray`, `toJson`, `fromJson`, `fromJsonArray`,
//! `toToml`, `fromToml`, `include`, `tpl`, `required` and `lookup` (which finds nothing, as in
//! `helm template`). Output and error texts are Helm's, checked against helm3.
//!
//! Files: `json` (`json.Marshal` as a tree for `toYaml`; Go's JSON text and decoder are gotmpl's),
//! `yaml` (`toYaml`: go-yaml v2's emitter; `toYamlPretty`: go-yaml v3's), `toml`
//! (`toToml`: BurntSushi/toml's encoder), `toml_decode` (`fromToml`).

pub mod json;
pub mod toml;
mod toml_decode;
pub mod yaml;

use crate::render::values::{self, json_kind, unmarshal_error};
use gotmpl::{Call, Funcs, Map, Value};
use std::rc::Rc;

/// Helm's functions, to add to Sprig's (they replace Sprig's `toJson`… where names collide,
/// as Helm's do).
pub fn helm_funcs() -> Funcs {
    let mut funcs = Funcs::new();
    for (name, func) in [
        ("toYaml", to_yaml as PlainFn),
        ("toYamlPretty", to_yaml_pretty),
        ("fromYaml", from_yaml),
        ("fromYamlArray", from_yaml_array),
        ("toJson", to_json),
        ("fromJson", from_json),
        ("fromJsonArray", from_json_array),
        ("toToml", to_toml),
        ("fromToml", from_toml),
    ] {
        funcs.insert(name, metered(func));
    }
    funcs.add("required", required);
    funcs.add("lookup", lookup);
    funcs.insert("include", Rc::new(include));
    funcs.insert("tpl", Rc::new(tpl));
    funcs
}

type PlainFn = fn(&[Value]) -> Result<Value, String>;

/// Bytes read or written per step of the execution's work budget.
const BYTES_PER_STEP: usize = 16;

/// A conversion charged to the execution's work budget by the text it reads (its string
/// argument) and writes (its string result), so that a loop over a big conversion ends in a
/// limit error instead of running for minutes.
fn metered(func: PlainFn) -> gotmpl::Func {
    Rc::new(move |call: &mut Call<'_>, args: &[Value]| {
        let read = args.first().and_then(Value::as_str).map_or(0, str::len);
        let result = func(args)?;
        let written = result.as_str().map_or(0, str::len);
        call.charge(((read + written) / BYTES_PER_STEP) as u64)?;
        Ok(result)
    })
}

/// Go's check of the argument count, made before the call (the executor reports it as is).
fn arity(name: &str, args: &[Value], want: usize) -> Result<(), String> {
    if args.len() == want {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want {want} got {}",
            args.len()
        ))
    }
}

/// A `string` parameter (argument `index`); the executor words Go's conversion error.
fn string_arg(args: &[Value], index: usize) -> Result<&str, String> {
    match &args[index] {
        Value::String(s) => Ok(s),
        _ => Err(gotmpl::bad_arg(index, "string")),
    }
}

/// `toYaml`: sigs.k8s.io/yaml's `Marshal` without the final newline; empty on any error.
pub fn to_yaml(args: &[Value]) -> Result<Value, String> {
    arity("toYaml", args, 1)?;
    let text = yaml::marshal(&args[0]).unwrap_or_default();
    Ok(Value::from(text.strip_suffix('\n').unwrap_or(&text)))
}

/// `toYamlPretty`: go-yaml v3's encoder with an indent of 2, without the final newline; empty
/// on error.
pub fn to_yaml_pretty(args: &[Value]) -> Result<Value, String> {
    arity("toYamlPretty", args, 1)?;
    let text = yaml::marshal_pretty(&args[0]).unwrap_or_default();
    Ok(Value::from(text.strip_suffix('\n').unwrap_or(&text)))
}

/// `toJson`: `json.Marshal`; empty on error (NaN, a cycle).
pub fn to_json(args: &[Value]) -> Result<Value, String> {
    arity("toJson", args, 1)?;
    Ok(Value::from(
        json::marshal_text(&args[0]).unwrap_or_default(),
    ))
}

/// `toToml`: BurntSushi/toml's encoding, or its error's text.
pub fn to_toml(args: &[Value]) -> Result<Value, String> {
    arity("toToml", args, 1)?;
    toml::encode(&args[0]).map(Value::from)
}

/// `fromToml`: a map, or a map holding only `Error` (BurntSushi's message).
pub fn from_toml(args: &[Value]) -> Result<Value, String> {
    arity("fromToml", args, 1)?;
    let text = string_arg(args, 0)?;
    Ok(Value::Map(toml_decode::decode(text).unwrap_or_else(|e| {
        Map::from_entries([("Error".to_string(), Value::from(e))])
    })))
}

/// `fromYaml`: a map, or a map holding only `Error` when the text is not a YAML map.
pub fn from_yaml(args: &[Value]) -> Result<Value, String> {
    arity("fromYaml", args, 1)?;
    let text = string_arg(args, 0)?;
    let map = Map::new();
    match values::from_yaml(text) {
        Ok(Value::Map(m)) => return Ok(Value::Map(m)),
        Ok(Value::Nil) => {}
        Ok(other) => {
            map.insert(
                "Error",
                Value::from(unmarshal_error(&other, "map[string]interface {}")),
            );
        }
        Err(e) => map.insert(
            "Error",
            Value::from(format!("error converting YAML to JSON: {e}")),
        ),
    }
    Ok(Value::Map(map))
}

/// `fromYamlArray`: a list, or a list of one error text when the text is not a YAML list.
pub fn from_yaml_array(args: &[Value]) -> Result<Value, String> {
    arity("fromYamlArray", args, 1)?;
    let text = string_arg(args, 0)?;
    Ok(match values::from_yaml(text) {
        Ok(list @ Value::List(_)) => list,
        Ok(Value::Nil) => Value::list(Vec::new()),
        Ok(other) => Value::list(vec![Value::from(unmarshal_error(&other, "[]interface {}"))]),
        Err(e) => Value::list(vec![Value::from(format!(
            "error converting YAML to JSON: {e}"
        ))]),
    })
}

/// `fromJson`: a map; on error, what was decoded plus `Error` (Go's message).
pub fn from_json(args: &[Value]) -> Result<Value, String> {
    arity("fromJson", args, 1)?;
    let text = string_arg(args, 0)?;
    let (value, error) = gotmpl_sprig::json::unmarshal(text);
    let map = match value {
        Some(Value::Map(m)) => m,
        Some(Value::Nil) | None => Map::new(),
        // Go skips a value of the wrong kind, so its error is the only one.
        Some(other) => {
            return Ok(Value::Map(Map::from_entries([(
                "Error".to_string(),
                Value::from(type_error(&other, "map[string]interface {}")),
            )])))
        }
    };
    if let Some(e) = error {
        map.insert("Error", Value::from(e));
    }
    Ok(Value::Map(map))
}

/// `json.Unmarshal`'s error for a top-level value of the wrong kind.
fn type_error(value: &Value, go_type: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go value of type {go_type}",
        json_kind(value)
    )
}

/// `fromJsonArray`: a list, or a list of one error text.
pub fn from_json_array(args: &[Value]) -> Result<Value, String> {
    arity("fromJsonArray", args, 1)?;
    let text = string_arg(args, 0)?;
    let error = match gotmpl_sprig::json::unmarshal(text) {
        (Some(list @ Value::List(_)), None) => return Ok(list),
        (Some(Value::Nil), None) => return Ok(Value::list(Vec::new())),
        (Some(Value::List(_) | Value::Nil) | None, Some(e)) => e,
        (Some(other), _) => type_error(&other, "[]interface {}"),
        (None, None) => String::new(),
    };
    Ok(Value::list(vec![Value::from(error)]))
}

/// `required MESSAGE VALUE`: the value, unless it is nil or an empty string. Helm reports the
/// message as `execution error at (FILE:LINE:COL): MESSAGE` (the host's part, from the error's
/// place).
pub fn required(args: &[Value]) -> Result<Value, String> {
    arity("required", args, 2)?;
    let message = string_arg(args, 0)?;
    match &args[1] {
        Value::Nil => Err(message.to_string()),
        Value::String(s) if s.is_empty() => Err(message.to_string()),
        value => Ok(value.clone()),
    }
}

/// `lookup API-VERSION KIND NAMESPACE NAME`: `helm template` talks to no cluster, so it finds
/// nothing: an empty map.
pub fn lookup(args: &[Value]) -> Result<Value, String> {
    arity("lookup", args, 4)?;
    for index in 0..args.len() {
        string_arg(args, index)?;
    }
    Ok(Value::Map(Map::new()))
}

/// `include NAME DATA`: the named template's output as a string.
fn include(call: &mut Call<'_>, args: &[Value]) -> Result<Value, String> {
    arity("include", args, 2)?;
    let name = string_arg(args, 0)?;
    call.include(name, &args[1])
}

/// `tpl TEXT VALUES`: the text executed as a template (named `gotpl`) over the values, with
/// `<no value>` removed from its output, as Helm does.
fn tpl(call: &mut Call<'_>, args: &[Value]) -> Result<Value, String> {
    arity("tpl", args, 2)?;
    let text = string_arg(args, 0)?;
    // `chartutil.Values` is a map type: a map or nil is taken, anything else is Go's
    // conversion error.
    let data = match &args[1] {
        Value::Map(_) | Value::Nil => args[1].clone(),
        _ => return Err(gotmpl::bad_arg(1, "chartutil.Values")),
    };
    match call.tpl(text, &data) {
        Ok(Value::String(out)) => Ok(Value::from(out.replace("<no value>", ""))),
        Ok(other) => Ok(other),
        Err(e) if e.starts_with('\0') => Err(e),
        // Go's parse errors name no column and say nothing of executing.
        Err(e) if !e.contains(": executing \"") => {
            Err(format!("cannot parse template {}: {e}", go_quote(text)))
        }
        Err(e) => Err(format!(
            "error during tpl function execution for {}: {e}",
            go_quote(text)
        )),
    }
}

/// Go's `%q` of a string (`strconv.Quote`).
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `strconv.IsPrint`: not a control, format or separator character.
fn is_go_printable(c: char) -> bool {
    !(c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
        || (c.is_whitespace() && c != ' '))
}

#[cfg(test)]
mod tests;
