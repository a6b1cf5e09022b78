//! YAML 1.1 resolution of plain scalars, as Helm reads values (go-yaml v2 via sigs.k8s.io/yaml).
//!
//! `yes/no/on/off/y/n` in any of their cases are booleans, `0777` is octal, `1_000` is 1000,
//! `.inf`/`.nan` are floats, `~`/`null`/empty are null, and dates stay strings. Explicit tags
//! (`!!int "12"`, `!!binary`) are decoded as go-yaml v2 decodes them (`resolve_tagged`).

/// The type and value Helm gives a scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::Str => "string",
        }
    }

    /// The string a JSON round trip makes of this scalar when it is a map key: floats as Go's
    /// `FormatFloat(f, 'g', -1, 32)` (`1e6` is `1e+06`, `.inf` is `.inf`).
    pub fn canonical(&self, text: &str) -> String {
        match self {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => go_float32_key(*f),
            Value::Str => text.to_string(),
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// Resolve a plain (unquoted) scalar, as go-yaml v2 does for Helm (checked against helm3 in
/// `tests/helm/values-yaml.json`): only a scalar starting with a digit, `+`, `-` or `.` can be a
/// number; all `_` are dropped first (`1__0` is 10, `-_1` is -1, `_1` stays a string); integers
/// take Go's prefixes (`0x`/`0X`, `0o`/`0O`, `0b`/`0B`, and a leading `0` for octal); an integer
/// beyond int64 but within uint64 is kept (a float64 after Helm's JSON round trip); anything else
/// matching `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` is a float unless it overflows
/// float64 (`1e400` stays a string; `1e-400` is 0). Sexagesimal (`1:30`) and dates stay strings.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if !matches!(text.as_bytes()[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
        return Value::Str;
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_int(&plain) {
        return Value::Int(i);
    }
    if let Some(u) = go_uint(&plain) {
        return Value::Float(u as f64);
    }
    match resolve_float(&plain) {
        Some(f) if f.is_finite() => Value::Float(f),
        _ => Value::Str,
    }
}

/// Whether a plain scalar resolves to an unsigned 64-bit integer beyond int64 (go-yaml keeps it
/// as `uint64`, which Helm refuses as a map key).
pub fn is_uint64(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    go_int(&plain).is_none() && go_uint(&plain).is_some()
}

/// Split Go's base prefix (`0x`, `0o`, `0b`, leading `0`) off unsigned digits.
fn radix_of(body: &str) -> (u32, &str) {
    let b = body.as_bytes();
    if b.len() > 1 && b[0] == b'0' {
        match b[1] {
            b'x' | b'X' => return (16, &body[2..]),
            b'o' | b'O' => return (8, &body[2..]),
            b'b' | b'B' => return (2, &body[2..]),
            _ => return (8, &body[1..]),
        }
    }
    (10, body)
}

fn digits(body: &str) -> Option<(u32, &str)> {
    let (radix, digits) = radix_of(body);
    (!digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))).then_some((radix, digits))
}

/// Go's `strconv.ParseInt(text, 0, 64)`.
fn go_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = digits(body)?;
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's `strconv.ParseUint(text, 0, 64)` (no sign).
fn go_uint(text: &str) -> Option<u64> {
    let (radix, digits) = digits(text)?;
    u64::from_str_radix(digits, radix).ok()
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, parsed (underscores already dropped).
fn resolve_float(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let digits_from = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        let end = digits_from(i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    } else {
        let end = digits_from(i);
        if end == i {
            return None;
        }
        i = end;
        if bytes.get(i) == Some(&b'.') {
            i = digits_from(i + 1);
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let end = digits_from(i);
        if end == i {
            return None;
        }
        i = end;
    }
    if i != bytes.len() {
        return None;
    }
    text.parse().ok()
}

/// A scalar with an explicit tag, as go-yaml v2 decodes it: `!!str`, `!!timestamp`, unknown
/// `!!x` and local (`!foo`) tags give the text as a string; `!!int`, `!!float`, `!!bool`,
/// `!!null` resolve the text (quoted or not) and must get that type (an integer is also a
/// float); `!!binary` is base64. `Err` is go-yaml's message when it refuses.
pub fn resolve_tagged(text: &str, tag: &str) -> Result<(Value, Option<String>), String> {
    let Some(kind) = tag.strip_prefix("tag:yaml.org,2002:") else {
        return Ok((Value::Str, None));
    };
    let resolved = resolve_plain(text);
    let refuse = || {
        let got = match resolved {
            Value::Null => "!!null",
            Value::Bool(_) => "!!bool",
            Value::Int(_) => "!!int",
            Value::Float(_) => "!!float",
            Value::Str => "!!str",
        };
        Err(format!("cannot decode {got} `{text}` as a !!{kind}"))
    };
    match (kind, resolved) {
        ("int", Value::Int(_)) | ("bool", Value::Bool(_)) | ("null", Value::Null) => {
            Ok((resolved, None))
        }
        ("int", Value::Float(_)) if is_uint64(text) => Ok((resolved, None)),
        ("float", Value::Int(i)) => Ok((Value::Float(i as f64), None)),
        ("float", Value::Float(_)) => Ok((resolved, None)),
        ("int" | "float" | "bool" | "null", _) => refuse(),
        ("binary", _) => match base64(text) {
            Some(bytes) => Ok((
                Value::Str,
                Some(String::from_utf8_lossy(&bytes).into_owned()),
            )),
            None => Err("!!binary value contains invalid base64 data".to_string()),
        },
        _ => Ok((Value::Str, None)),
    }
}

/// Standard base64 (whitespace ignored, `=` padding).
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    let mut padding = 0;
    let mut count = 0;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        count += 1;
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    (count % 4 == 0 && padding <= 2).then_some(out)
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`: how Helm's JSON round trip names a float map key.
pub fn go_float32_key(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    let f = f as f32;
    if f.is_infinite() {
        // Beyond float32 (`1e39:`): Helm names it as the infinity it became.
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // Shortest digits that read back as the same float32, and the decimal exponent.
    let e = format!("{f:e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{dot}{rest}e{esign}{:02}", exp.abs());
    }
    let nd = digits.len() as i32;
    let point = exp + 1; // digits before the decimal point
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= nd {
        format!("{sign}{digits}{}", "0".repeat((point - nd) as usize))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_as_go_formats_them() {
        for (f, want) in [
            (1e6, "1e+06"),
            (100000.0, "100000"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5, "1.5"),
            (1.0, "1"),
            (-2.5, "-2.5"),
            (1.23456789123, "1.2345679"),
            (1.2345678901234568e29, "1.2345679e+29"),
            (f64::INFINITY, ".inf"),
            (1e39, ".inf"),
            (-1e39, "-.inf"),
        ] {
            assert_eq!(go_float32_key(f), want, "{f}");
        }
    }

    #[test]
    fn tags() {
        assert_eq!(
            resolve_tagged("12", "tag:yaml.org,2002:int"),
            Ok((Value::Int(12), None))
        );
        assert!(resolve_tagged("1.5", "tag:yaml.org,2002:int").is_err());
        assert_eq!(
            resolve_tagged("aGVs\nbG8=\n", "tag:yaml.org,2002:binary"),
            Ok((Value::Str, Some("hello".to_string())))
        );
        assert_eq!(resolve_tagged("1", "!foo"), Ok((Value::Str, None)));
    }

    #[test]
    fn yaml_1_1_cases_from_toolchain_md() {
        for t in ["yes", "Yes", "YES", "on", "On", "y", "Y", "true"] {
            assert_eq!(resolve_plain(t), Value::Bool(true), "{t}");
        }
        for t in ["no", "off", "OFF", "n", "N", "false"] {
            assert_eq!(resolve_plain(t), Value::Bool(false), "{t}");
        }
        assert_eq!(resolve_plain("0777"), Value::Int(0o777));
        assert_eq!(resolve_plain("1_000"), Value::Int(1000));
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        assert_eq!(resolve_plain("1.0"), Value::Float(1.0));
        assert_eq!(resolve_plain("1e9"), Value::Float(1e9));
        assert_eq!(resolve_plain(".5"), Value::Float(0.5));
        assert_eq!(resolve_plain("2020-01-01"), Value::Str);
        assert_eq!(resolve_plain("1.0.0"), Value::Str);
        assert_eq!(resolve_plain("500m"), Value::Str);
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("-1"), Value::Int(-1));
        assert_eq!(resolve_plain("0o17"), Value::Int(15));
        assert_eq!(resolve_plain("-_1"), Value::Int(-1));
        assert_eq!(resolve_plain("_1"), Value::Str);
        assert_eq!(resolve_plain("1e400"), Value::Str);
        assert_eq!(resolve_plain("1e-400"), Value::Float(0.0));
        assert_eq!(resolve_plain("1:30"), Value::Str);
        assert!(is_uint64("18446744073709551615"));
        assert!(!is_uint64("9223372036854775807"));
        assert_eq!(
            resolve_plain("08"),
            Value::Float(8.0),
            "go-yaml v2 falls back to a float"
        );
    }
}
