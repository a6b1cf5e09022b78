//! Sprig's JSON functions that Helm keeps: `toPrettyJson`, `toRawJson`, `mustToJson`,
//! `mustToPrettyJson`, `mustToRawJson`, `mustFromJson` (Helm replaces `toJson` and `fromJson`
//! with its own; the host registers those over these).
//!
//! Encoding is Go's `encoding/json`: map keys sorted, `<`, `>`, `&` escaped as `\u003c`… except
//! in `toRawJson`, U+2028/U+2029 always escaped, floats as Go writes them (`1e+21`, `1e-7`),
//! `[]byte` as base64, NaN and infinities an error (the plain forms then give ""). Decoding
//! gives Go's `interface{}` values (numbers are float64) and Go's scanner errors.

use super::encoding::base64_encode;
use super::{arity, string_arg, Plain, Res, MAX_NESTING};
use crate::value::{Map, Value};

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
pub(crate) fn encode(value: &Value, escape_html: bool, pretty: bool) -> Result<String, String> {
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
fn float_text(f: f64) -> Result<String, String> {
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

fn write_string(out: &mut String, s: &str, html: bool) {
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

/// `json.Unmarshal` into `interface{}`, with Go's error texts.
pub(crate) fn decode(text: &str) -> Res {
    let mut parser = Parser {
        b: text.as_bytes(),
        i: 0,
    };
    parser.skip_space();
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.i < parser.b.len() {
        return Err(format!(
            "invalid character {} after top-level value",
            parser.quote_at(parser.i)
        ));
    }
    Ok(value)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

const EOF: &str = "unexpected end of JSON input";

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    /// Go's `quoteChar` of the character at `at` (a space past the end: Go's scanner sees the
    /// end of input as a space).
    fn quote_at(&self, at: usize) -> String {
        let c = std::str::from_utf8(&self.b[at.min(self.b.len())..])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or(if at >= self.b.len() { ' ' } else { '\u{FFFD}' });
        match c {
            '\'' => "'\\''".into(),
            '"' => "'\"'".into(),
            c => {
                let q = crate::fmt::quote_go(&c.to_string(), false);
                format!("'{}'", &q[1..q.len() - 1])
            }
        }
    }

    fn error(&self, what: &str) -> String {
        format!("invalid character {} {what}", self.quote_at(self.i))
    }

    fn value(&mut self, depth: usize) -> Res {
        if depth > MAX_NESTING {
            return Err("exceeded max depth".into());
        }
        let Some(&c) = self.b.get(self.i) else {
            return Err(EOF.into());
        };
        match c {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Value::from),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Nil),
            _ => Err(self.error("looking for beginning of value")),
        }
    }

    fn object(&mut self, depth: usize) -> Res {
        let map = Map::new();
        self.i += 1;
        self.skip_space();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Value::Map(map));
        }
        loop {
            match self.b.get(self.i) {
                None => return Err(EOF.into()),
                Some(b'"') => {}
                Some(_) => return Err(self.error("looking for beginning of object key string")),
            }
            let key = self.string()?;
            self.skip_space();
            match self.b.get(self.i) {
                None => return Err(EOF.into()),
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.error("after object key")),
            }
            self.skip_space();
            let value = self.value(depth + 1)?;
            map.insert(key, value);
            self.skip_space();
            match self.b.get(self.i) {
                None => return Err(EOF.into()),
                Some(b',') => {
                    self.i += 1;
                    self.skip_space();
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Map(map));
                }
                Some(_) => return Err(self.error("after object key:value pair")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Res {
        let mut items = Vec::new();
        self.i += 1;
        self.skip_space();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Value::list(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.b.get(self.i) {
                None => return Err(EOF.into()),
                Some(b',') => {
                    self.i += 1;
                    self.skip_space();
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::list(items));
                }
                Some(_) => return Err(self.error("after array element")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Res {
        for (k, expected) in word.bytes().enumerate().skip(1) {
            let at = self.i + k;
            if self.b.get(at) != Some(&expected) {
                self.i = at;
                return Err(self.error(&format!(
                    "in literal {word} (expecting '{}')",
                    expected as char
                )));
            }
        }
        self.i += word.len();
        Ok(value)
    }

    fn number(&mut self) -> Res {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.b.get(p.i).is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            p.i > from
        };
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error("in numeric literal")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return Err(self.error("after decimal point in numeric literal"));
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.error("in exponent of numeric literal"));
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(format!(
                "json: cannot unmarshal number {text} into Go value of type float64"
            )),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(EOF.into());
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
                b'\\' => {
                    self.i += 1;
                    let Some(&e) = self.b.get(self.i) else {
                        return Err(EOF.into());
                    };
                    let simple = match e {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => return Err(self.error("in string escape code")),
                    };
                    if let Some(byte) = simple {
                        out.push(byte);
                        self.i += 1;
                        continue;
                    }
                    self.i += 1;
                    let mut code = self.hex4()?;
                    if (0xD800..0xDC00).contains(&code)
                        && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                    {
                        let save = self.i;
                        self.i += 2;
                        let low = self.hex4()?;
                        if (0xDC00..0xE000).contains(&low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        } else {
                            self.i = save;
                        }
                    }
                    let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c if c < 0x20 => return Err(self.error("in string literal")),
                c => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0u32;
        for _ in 0..4 {
            let Some(&h) = self.b.get(self.i) else {
                return Err(EOF.into());
            };
            let digit = (h as char)
                .to_digit(16)
                .ok_or_else(|| self.error("in \\u hexadecimal character escape"))?;
            code = code * 16 + digit;
            self.i += 1;
        }
        Ok(code)
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
