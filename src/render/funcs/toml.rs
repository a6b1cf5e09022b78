//! `toToml` as Helm writes it with BurntSushi/toml's encoder, reproduced from what helm3 prints:
//! a map's plain keys first (sorted), then its tables and arrays of tables; tables nested under
//! `[a.b]` headers indented two spaces a level, a blank line before each top-level table and
//! each `[[array]]` entry; floats always with a decimal point (`1.0`, `0.0000001`); lists of
//! maps as `[[arrays of tables]]`, other lists inline with maps in them as `{k = v}`; nil map
//! values left out; a nil in a list is an error, whose text Helm prints in place of the TOML.

use gotmpl::Value;

/// The TOML text, or Helm's error text (`Ok`/`Err` both print: Helm returns the error's text
/// as the function's output, except for a nil value, which makes Go panic and the call fail).
pub fn encode(value: &Value) -> Result<String, String> {
    let value = plain(value);
    let mut encoder = Encoder {
        out: String::new(),
        written: false,
    };
    let result = match &value {
        Value::Nil => return Err("reflect: call of reflect.Value.Type on zero Value".into()),
        Value::Map(_) => encoder.table(&[], &value),
        other => encoder.element(other),
    };
    Ok(match result {
        Ok(()) => encoder.out,
        Err(e) => e,
    })
}

/// Values with host objects turned into their data (as Go marshals a struct's fields).
fn plain(value: &Value) -> Value {
    match value {
        Value::Object(o) => plain(&o.to_data()),
        other => other.clone(),
    }
}

/// What a Go value is in TOML's terms.
#[derive(PartialEq)]
enum Kind {
    Table,
    ArrayOfTables,
    Other,
}

fn kind(value: &Value) -> Kind {
    match value {
        Value::Map(_) | Value::Object(_) => Kind::Table,
        Value::List(items)
            if !items.items().is_empty()
                && items
                    .items()
                    .iter()
                    .all(|v| matches!(v, Value::Map(_) | Value::Object(_))) =>
        {
            Kind::ArrayOfTables
        }
        _ => Kind::Other,
    }
}

struct Encoder {
    out: String,
    /// Something was written (BurntSushi writes no newline before the first thing).
    written: bool,
}

impl Encoder {
    fn write(&mut self, text: &str) {
        self.out.push_str(text);
        self.written = true;
    }

    fn newline(&mut self) {
        if self.written {
            self.write("\n");
        }
    }

    fn indent(key: &[String]) -> String {
        "  ".repeat(key.len().saturating_sub(1))
    }

    fn header(key: &[String]) -> String {
        key.iter()
            .map(|k| quote_key(k))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// A table's entries under its header (none for the document itself).
    fn table(&mut self, key: &[String], value: &Value) -> Result<(), String> {
        if key.len() == 1 {
            self.newline();
        }
        if !key.is_empty() {
            let line = format!("{}[{}]", Self::indent(key), Self::header(key));
            self.write(&line);
            self.newline();
        }
        self.entries(key, value)
    }

    fn entries(&mut self, key: &[String], value: &Value) -> Result<(), String> {
        let Value::Map(map) = value else {
            return Ok(());
        };
        let entries = map.entries();
        let (sub, direct): (Vec<_>, Vec<_>) = entries
            .iter()
            .partition(|(_, v)| kind(&plain(v)) != Kind::Other);
        for (k, v) in direct.into_iter().chain(sub) {
            let v = plain(v);
            if v.is_nil() {
                continue;
            }
            let mut path = key.to_vec();
            path.push(k.clone());
            match kind(&v) {
                Kind::Table => self.table(&path, &v)?,
                Kind::ArrayOfTables => {
                    let Value::List(items) = &v else {
                        unreachable!()
                    };
                    for item in items.items() {
                        self.newline();
                        let line = format!("{}[[{}]]", Self::indent(&path), Self::header(&path));
                        self.write(&line);
                        self.newline();
                        self.entries(&path, &plain(item))?;
                    }
                }
                Kind::Other => {
                    let line = format!("{}{} = ", Self::indent(&path), quote_key(k));
                    self.write(&line);
                    self.element(&v)?;
                    self.newline();
                }
            }
        }
        Ok(())
    }

    /// A value written inline.
    fn element(&mut self, value: &Value) -> Result<(), String> {
        match value {
            Value::Nil => return Err("toml: cannot encode array with nil element".into()),
            Value::Bool(b) => self.write(if *b { "true" } else { "false" }),
            Value::Int(i, _) => self.write(&i.to_string()),
            Value::Float(f) => self.write(&float(*f)),
            Value::String(s) => self.write(&quote(s)),
            Value::Bytes(bytes) => {
                let items: Vec<String> = bytes.iter().map(u8::to_string).collect();
                self.write(&format!("[{}]", items.join(", ")));
            }
            Value::List(items) => {
                if items.items().iter().any(Value::is_nil) {
                    return Err("toml: cannot encode array with nil element".into());
                }
                self.write("[");
                for (i, item) in items.items().iter().enumerate() {
                    if i > 0 {
                        self.write(", ");
                    }
                    self.element(&plain(item))?;
                }
                self.write("]");
            }
            Value::Map(map) => {
                self.write("{");
                let entries = map.entries();
                let (sub, direct): (Vec<_>, Vec<_>) = entries
                    .iter()
                    .partition(|(_, v)| kind(&plain(v)) != Kind::Other);
                let has_sub = !sub.is_empty();
                for (group, trailing) in [(direct, has_sub), (sub, false)] {
                    let n = group.len();
                    for (i, (k, v)) in group.into_iter().enumerate() {
                        let v = plain(v);
                        if v.is_nil() {
                            continue;
                        }
                        self.write(&format!("{} = ", quote_key(k)));
                        self.element(&v)?;
                        if trailing || i + 1 != n {
                            self.write(", ");
                        }
                    }
                }
                self.write("}");
            }
            Value::Object(o) => self.element(&o.to_data())?,
        }
        Ok(())
    }
}

/// A float as BurntSushi writes it: Go's shortest `'f'` form with `.0` added when it has no
/// decimal point; `nan`, `inf`, `-inf`.
fn float(f: f64) -> String {
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let text = format!("{f}");
    if text.contains('.') {
        text
    } else {
        text + ".0"
    }
}

/// A key as it is, when bare (`A-Za-z0-9_-`), else quoted.
fn quote_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        key.to_string()
    } else {
        quote(key)
    }
}

/// A basic string: `"`, `\`, `\b`, `\t`, `\n`, `\f`, `\r` escaped, other control characters and
/// DEL as `\uXXXX`, everything else as it is.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gotmpl::Map;

    fn dict(entries: &[(&str, Value)]) -> Value {
        Value::Map(Map::from_entries(
            entries.iter().map(|(k, v)| (k.to_string(), v.clone())),
        ))
    }

    #[test]
    fn values_file_as_helm() {
        // helm3 `toToml .Values` of /tmp's t1.yaml (numbers are float64 there).
        let values = crate::render::values::values_from_yaml(
            "a: 1\nb: 1.5\ns: \"str\"\nq: \"quote\\\"back\\\\slash\\ttab\\nnl é 😀 \\u0001\"\nt: true\nn: null\nbig: 1e21\nsmall: 1e-7\ni: 123456789\nl: [1, \"x\", true]\nll: [[1, 2], [\"a\"]]\nempty_l: []\nempty_m: {}\nm:\n  k: v\n  \"key with space\": 1\n  \"\": empty\n  nested:\n    deep: 1\n    list_of_maps: [{x: 1}, {y: 2, z: {w: 3}}]\narr_tables: [{name: a, v: 1}, {name: b}]\nmixed: [1, {a: 1}]\n\"dotted.key\": 1\nbare-key_1: 2\n\"ключ\": 3\nz_last: last\n",
        )
        .unwrap();
        let want = "a = 1.0\nb = 1.5\nbare-key_1 = 2.0\nbig = 1000000000000000000000.0\n\"dotted.key\" = 1.0\nempty_l = []\ni = 123456789.0\nl = [1.0, \"x\", true]\nll = [[1.0, 2.0], [\"a\"]]\nmixed = [1.0, {a = 1.0}]\nq = \"quote\\\"back\\\\slash\\ttab\\nnl é 😀 \\u0001\"\ns = \"str\"\nsmall = 0.0000001\nt = true\nz_last = \"last\"\n\"ключ\" = 3.0\n\n[[arr_tables]]\n  name = \"a\"\n  v = 1.0\n\n[[arr_tables]]\n  name = \"b\"\n\n[empty_m]\n\n[m]\n  \"\" = \"empty\"\n  k = \"v\"\n  \"key with space\" = 1.0\n  [m.nested]\n    deep = 1.0\n\n    [[m.nested.list_of_maps]]\n      x = 1.0\n\n    [[m.nested.list_of_maps]]\n      true = 2.0\n      [m.nested.list_of_maps.z]\n        w = 3.0\n";
        assert_eq!(encode(&Value::Map(values)).unwrap(), want);
    }

    #[test]
    fn corners_as_helm() {
        let i = Value::int;
        // `toToml (list 1 (dict "a" 1 "b" (dict "c" 2) "n" nil) (dict))`
        let l = Value::list(vec![
            i(1),
            dict(&[("a", i(1)), ("b", dict(&[("c", i(2))])), ("n", Value::Nil)]),
            dict(&[]),
        ]);
        assert_eq!(encode(&l).unwrap(), "[1, {a = 1, b = {c = 2}}, {}]");
        assert_eq!(
            encode(&Value::list(vec![i(1), Value::Nil])).unwrap(),
            "toml: cannot encode array with nil element"
        );
        assert_eq!(
            encode(&dict(&[(
                "x",
                Value::list(vec![dict(&[("a", i(1))]), i(2)])
            )]))
            .unwrap(),
            "x = [{a = 1}, 2]\n"
        );
        assert_eq!(encode(&Value::Float(1.5)).unwrap(), "1.5");
        assert_eq!(encode(&Value::Bool(true)).unwrap(), "true");
        assert_eq!(encode(&Value::str("x")).unwrap(), "\"x\"");
        assert_eq!(encode(&dict(&[])).unwrap(), "");
        assert_eq!(encode(&dict(&[("n", Value::Nil)])).unwrap(), "");
        assert_eq!(
            encode(&dict(&[("a", dict(&[("n", Value::Nil)]))])).unwrap(),
            "[a]\n"
        );
        let nested = dict(&[(
            "a",
            Value::list(vec![dict(&[(
                "b",
                Value::list(vec![dict(&[("c", i(1))])]),
            )])]),
        )]);
        assert_eq!(encode(&nested).unwrap(), "[[a]]\n\n  [[a.b]]\n    c = 1\n");
        let arrays = dict(&[
            ("e", Value::list(vec![])),
            (
                "f",
                Value::list(vec![Value::list(vec![dict(&[("a", i(1))])])]),
            ),
        ]);
        assert_eq!(encode(&arrays).unwrap(), "e = []\nf = [[{a = 1}]]\n");
        assert_eq!(
            encode(&dict(&[("neg", Value::Float(-0.0))])).unwrap(),
            "neg = -0.0\n"
        );
        assert_eq!(
            encode(&Value::Nil).unwrap_err(),
            "reflect: call of reflect.Value.Type on zero Value"
        );
        assert_eq!(
            quote("r\r b\u{8} f\u{c} del\u{7f} nel\u{85} nul\u{0} esc\u{1b}"),
            "\"r\\r b\\b f\\f del\\u007f nel\u{85} nul\\u0000 esc\\u001b\""
        );
    }
}
