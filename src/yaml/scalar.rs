//! YAML 1.1 resolution of plain scalars, as Helm reads values (go-yaml v2 via sigs.k8s.io/yaml).
//!
//! `yes/no/on/off/y/n` in any of their cases are booleans, `0777` is octal, `1_000` is 1000,
//! `.inf`/`.nan` are floats, `~`/`null`/empty are null, and dates stay strings.

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

    /// The string a JSON round trip makes of this scalar when it is a map key.
    pub fn canonical(&self, text: &str) -> String {
        match self {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
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

/// Resolve a plain (unquoted) scalar.
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
    if let Some(i) = resolve_int(text) {
        return Value::Int(i);
    }
    if let Some(f) = resolve_float(text) {
        return Value::Float(f);
    }
    Value::Str
}

fn resolve_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() || body.starts_with('_') {
        return None;
    }
    let (radix, digits) = if let Some(d) = body.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = body.strip_prefix("0x") {
        (16, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    let cleaned: String = digits.chars().filter(|&c| c != '_').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i64::from_str_radix(&cleaned, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

fn resolve_float(text: &str) -> Option<f64> {
    // [-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
    let bytes = text.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || (i > int_start && bytes[i] == b'_')) {
        i += 1;
    }
    let int_digits = i > int_start;
    let mut frac_digits = false;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
        frac_digits = i > frac_start;
    } else if !int_digits {
        return None;
    }
    if !int_digits && !frac_digits {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.replace('_', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            resolve_plain("08"),
            Value::Float(8.0),
            "go-yaml v2 falls back to a float"
        );
    }
}
