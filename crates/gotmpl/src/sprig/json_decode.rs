//! `json.Unmarshal` into `interface{}`, as Sprig's `mustFromJson` and Helm's `fromJson`/
//! `fromJsonArray` use it: Go's syntax
//! checks with Go's messages (`invalid character 'x' looking for beginning of value`,
//! `unexpected end of JSON input`), numbers as float64 (one beyond float64 is an error but the
//! decoding goes on, leaving nil), the last of repeated keys, lone surrogates as U+FFFD.

use crate::value::{Map, Value};

/// Nesting beyond this is refused (Go's scanner allows 10000; the stack of a wasm page is
/// smaller than Go's).
const MAX_DEPTH: usize = 1000;

/// The decoded value (`None` after a syntax error) and the error Go returns, if any.
pub fn unmarshal(text: &str) -> (Option<Value>, Option<String>) {
    if let Err(e) = check_valid(text.as_bytes()) {
        return (None, Some(e));
    }
    let mut decoder = Decoder {
        bytes: text.as_bytes(),
        at: 0,
        error: None,
    };
    let value = decoder.value();
    (Some(value), decoder.error)
}

/// Go's `quoteChar`: the byte in single quotes, escaped as Go quotes it.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".into(),
        b'"' => "'\"'".into(),
        b'\n' => "'\\n'".into(),
        b'\r' => "'\\r'".into(),
        b'\t' => "'\\t'".into(),
        0x07 => "'\\a'".into(),
        0x08 => "'\\b'".into(),
        0x0c => "'\\f'".into(),
        0x0b => "'\\v'".into(),
        b'\\' => "'\\\\'".into(),
        c if c < 0x20 || c == 0x7f => format!("'\\x{c:02x}'"),
        // A byte of a multi-byte character is shown as the character of that code point.
        c if (0x80..=0xa0).contains(&c) || c == 0xad => format!("'\\u{:04x}'", c),
        c => format!("'{}'", char::from(c)),
    }
}

fn invalid(c: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const END: &str = "unexpected end of JSON input";

/// Go's scanner over the whole input: the first syntax error, with Go's wording.
fn check_valid(b: &[u8]) -> Result<(), String> {
    let mut at = 0;
    skip_space(b, &mut at);
    scan_value(b, &mut at, 0)?;
    skip_space(b, &mut at);
    if at < b.len() {
        return Err(invalid(b[at], "after top-level value"));
    }
    Ok(())
}

fn skip_space(b: &[u8], at: &mut usize) {
    while *at < b.len() && matches!(b[*at], b' ' | b'\t' | b'\r' | b'\n') {
        *at += 1;
    }
}

/// At the end of the input Go's scanner is given a space: inside a literal or a number that
/// is the error it names.
fn end_or(b: &[u8], at: usize, context: &str) -> String {
    if at >= b.len() {
        invalid(b' ', context)
    } else {
        invalid(b[at], context)
    }
}

fn scan_value(b: &[u8], at: &mut usize, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("exceeded max depth".into());
    }
    let Some(&c) = b.get(*at) else {
        return Err(END.into());
    };
    match c {
        b'{' => {
            *at += 1;
            skip_space(b, at);
            if b.get(*at) == Some(&b'}') {
                *at += 1;
                return Ok(());
            }
            loop {
                match b.get(*at) {
                    None => return Err(END.into()),
                    Some(b'"') => scan_string(b, at)?,
                    Some(&c) => {
                        return Err(invalid(c, "looking for beginning of object key string"))
                    }
                }
                skip_space(b, at);
                match b.get(*at) {
                    None => return Err(END.into()),
                    Some(b':') => *at += 1,
                    Some(&c) => return Err(invalid(c, "after object key")),
                }
                skip_space(b, at);
                scan_value(b, at, depth + 1)?;
                skip_space(b, at);
                match b.get(*at) {
                    None => return Err(END.into()),
                    Some(b',') => {
                        *at += 1;
                        skip_space(b, at);
                    }
                    Some(b'}') => {
                        *at += 1;
                        return Ok(());
                    }
                    Some(&c) => return Err(invalid(c, "after object key:value pair")),
                }
            }
        }
        b'[' => {
            *at += 1;
            skip_space(b, at);
            if b.get(*at) == Some(&b']') {
                *at += 1;
                return Ok(());
            }
            loop {
                scan_value(b, at, depth + 1)?;
                skip_space(b, at);
                match b.get(*at) {
                    None => return Err(END.into()),
                    Some(b',') => {
                        *at += 1;
                        skip_space(b, at);
                    }
                    Some(b']') => {
                        *at += 1;
                        return Ok(());
                    }
                    Some(&c) => return Err(invalid(c, "after array element")),
                }
            }
        }
        b'"' => scan_string(b, at),
        b'-' | b'0'..=b'9' => scan_number(b, at),
        b't' => scan_literal(b, at, "true"),
        b'f' => scan_literal(b, at, "false"),
        b'n' => scan_literal(b, at, "null"),
        c => Err(invalid(c, "looking for beginning of value")),
    }
}

fn scan_literal(b: &[u8], at: &mut usize, word: &str) -> Result<(), String> {
    for (i, want) in word.bytes().enumerate().skip(1) {
        let got = b.get(*at + i).copied();
        if got != Some(want) {
            let context = format!("in literal {word} (expecting {})", quote_char(want));
            return Err(end_or(b, *at + i, &context));
        }
    }
    *at += word.len();
    Ok(())
}

fn scan_number(b: &[u8], at: &mut usize) -> Result<(), String> {
    let digits = |at: &mut usize| {
        while b.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
    };
    if b[*at] == b'-' {
        *at += 1;
        if !b.get(*at).is_some_and(u8::is_ascii_digit) {
            return Err(end_or(b, *at, "in numeric literal"));
        }
    }
    if b[*at] == b'0' {
        *at += 1;
    } else {
        digits(at);
    }
    if b.get(*at) == Some(&b'.') {
        *at += 1;
        if !b.get(*at).is_some_and(u8::is_ascii_digit) {
            return Err(end_or(b, *at, "after decimal point in numeric literal"));
        }
        digits(at);
    }
    if matches!(b.get(*at), Some(b'e' | b'E')) {
        *at += 1;
        if matches!(b.get(*at), Some(b'+' | b'-')) {
            *at += 1;
        }
        if !b.get(*at).is_some_and(u8::is_ascii_digit) {
            return Err(end_or(b, *at, "in exponent of numeric literal"));
        }
        digits(at);
    }
    Ok(())
}

fn scan_string(b: &[u8], at: &mut usize) -> Result<(), String> {
    *at += 1;
    loop {
        let Some(&c) = b.get(*at) else {
            return Err(END.into());
        };
        *at += 1;
        match c {
            b'"' => return Ok(()),
            b'\\' => {
                let Some(&e) = b.get(*at) else {
                    return Err(END.into());
                };
                *at += 1;
                match e {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        for _ in 0..4 {
                            match b.get(*at) {
                                None => return Err(END.into()),
                                Some(h) if h.is_ascii_hexdigit() => *at += 1,
                                Some(&h) => {
                                    return Err(invalid(h, "in \\u hexadecimal character escape"))
                                }
                            }
                        }
                    }
                    e => return Err(invalid(e, "in string escape code")),
                }
            }
            c if c < 0x20 => return Err(invalid(c, "in string literal")),
            _ => {}
        }
    }
}

/// Decodes text that `check_valid` accepted.
struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The first error that does not stop the decoding (a number beyond float64).
    error: Option<String>,
}

impl Decoder<'_> {
    fn space(&mut self) {
        skip_space(self.bytes, &mut self.at);
    }

    fn value(&mut self) -> Value {
        self.space();
        match self.bytes[self.at] {
            b'{' => {
                self.at += 1;
                let map = Map::new();
                loop {
                    self.space();
                    if self.bytes[self.at] == b'}' {
                        self.at += 1;
                        return Value::Map(map);
                    }
                    if self.bytes[self.at] == b',' {
                        self.at += 1;
                        self.space();
                    }
                    let key = self.string();
                    self.space();
                    self.at += 1; // ':'
                    let value = self.value();
                    map.insert(key, value);
                    self.space();
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    match self.bytes[self.at] {
                        b']' => {
                            self.at += 1;
                            return Value::list(items);
                        }
                        b',' => self.at += 1,
                        _ => items.push(self.value()),
                    }
                }
            }
            b'"' => Value::from(self.string()),
            b't' => {
                self.at += 4;
                Value::Bool(true)
            }
            b'f' => {
                self.at += 5;
                Value::Bool(false)
            }
            b'n' => {
                self.at += 4;
                Value::Nil
            }
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Value {
        let start = self.at;
        while self
            .bytes
            .get(self.at)
            .is_some_and(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
        {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Value::Float(f),
            _ => {
                self.error.get_or_insert_with(|| {
                    format!("json: cannot unmarshal number {text} into Go value of type float64")
                });
                Value::Nil
            }
        }
    }

    fn string(&mut self) -> String {
        let b = self.bytes;
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
        let hex4 = |at: usize| -> u32 {
            std::str::from_utf8(&b[at..at + 4])
                .ok()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .unwrap_or(0xfffd)
        };
        loop {
            let c = b[self.at];
            self.at += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = b[self.at];
                    self.at += 1;
                    let decoded = match e {
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = hex4(self.at);
                            self.at += 4;
                            if (0xd800..0xdc00).contains(&first)
                                && b.get(self.at) == Some(&b'\\')
                                && b.get(self.at + 1) == Some(&b'u')
                            {
                                let second = hex4(self.at + 2);
                                if (0xdc00..0xe000).contains(&second) {
                                    self.at += 6;
                                    let code =
                                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                                    char::from_u32(code).unwrap_or('\u{fffd}')
                                } else {
                                    '\u{fffd}'
                                }
                            } else {
                                char::from_u32(first).unwrap_or('\u{fffd}')
                            }
                        }
                        other => char::from(other),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(decoded.encode_utf8(&mut buf).as_bytes());
                }
                c => out.push(c),
            }
        }
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        unmarshal(text).1.unwrap_or_default()
    }

    #[test]
    fn go_syntax_errors() {
        // Observed with helm3 `fromJson`.
        assert_eq!(error("{\"a\":1"), "unexpected end of JSON input");
        assert_eq!(error(""), "unexpected end of JSON input");
        assert_eq!(error(" "), "unexpected end of JSON input");
        assert_eq!(
            error("{\"a\":1}x"),
            "invalid character 'x' after top-level value"
        );
        assert_eq!(
            error("nul"),
            "invalid character ' ' in literal null (expecting 'l')"
        );
        assert_eq!(
            error("{'a':1}"),
            "invalid character '\\'' looking for beginning of object key string"
        );
        assert_eq!(
            error("{\"a\":\"\\x\"}"),
            "invalid character 'x' in string escape code"
        );
        assert_eq!(
            error("{\"a\":01}"),
            "invalid character '1' after object key:value pair"
        );
        assert_eq!(error("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(
            error("{\"a\":[1,]}"),
            "invalid character ']' looking for beginning of value"
        );
        assert_eq!(error("[1 2]"), "invalid character '2' after array element");
        assert_eq!(
            error("1."),
            "invalid character ' ' after decimal point in numeric literal"
        );
        assert_eq!(error("-x"), "invalid character 'x' in numeric literal");
        assert_eq!(
            error("1e+"),
            "invalid character ' ' in exponent of numeric literal"
        );
        assert_eq!(
            error("\"a\nb\""),
            "invalid character '\\n' in string literal"
        );
        assert_eq!(
            error("\"\\u12x4\""),
            "invalid character 'x' in \\u hexadecimal character escape"
        );
    }

    #[test]
    fn values() {
        let (v, e) = unmarshal(
            "{\"a\":1,\"a\":2,\"b\":{\"c\":null},\"d\":\"\\u00e9\\ud83d\\ude00\\ud800\"}",
        );
        assert!(e.is_none());
        let Some(Value::Map(m)) = v else { panic!() };
        assert!(matches!(m.get("a"), Some(Value::Float(f)) if f == 2.0));
        assert_eq!(m.get("d").unwrap().as_str(), Some("é😀\u{fffd}"));
        let (v, e) = unmarshal("{\"a\":1e400}");
        assert_eq!(
            e.as_deref(),
            Some("json: cannot unmarshal number 1e400 into Go value of type float64")
        );
        let Some(Value::Map(m)) = v else { panic!() };
        assert!(m.get("a").unwrap().is_nil());
        let (v, _) = unmarshal(" [1.5, true, null, \"x\", {}, []] ");
        let Some(Value::List(l)) = v else { panic!() };
        assert_eq!(l.items().len(), 6);
    }
}
