//! Type conversions: `atoi`, `int`, `int64`, `float64`, `toString`, `toStrings`, `toDecimal`,
//! and the `cast` library's rules that Sprig's arithmetic uses for every operand.

use super::{arity, string_arg, strval, Plain};
use crate::value::Value;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("atoi", |a| {
        arity("atoi", a, 1)?;
        Ok(Value::int(atoi(&string_arg(a, 0)?)))
    });
    funcs.add("int", |a| {
        arity("int", a, 1)?;
        Ok(Value::int(to_int64(&a[0])))
    });
    funcs.add("int64", |a| {
        arity("int64", a, 1)?;
        Ok(Value::int64(to_int64(&a[0])))
    });
    funcs.add("float64", |a| {
        arity("float64", a, 1)?;
        Ok(Value::Float(to_float64(&a[0])))
    });
    funcs.add("toString", |a| {
        arity("toString", a, 1)?;
        Ok(Value::from(strval(&a[0])))
    });
    funcs.add("toStrings", |a| {
        arity("toStrings", a, 1)?;
        Ok(Value::list(
            to_strings(&a[0]).into_iter().map(Value::from).collect(),
        ))
    });
    funcs.add("toDecimal", |a| {
        arity("toDecimal", a, 1)?;
        Ok(Value::int64(parse_int_base(&strval(&a[0]), 8).unwrap_or(0)))
    });
}

/// `strconv.Atoi`, 0 on error (Sprig ignores the error).
pub(crate) fn atoi(s: &str) -> i64 {
    parse_int_base(s, 10).unwrap_or(0)
}

/// Go's conversion of a float to an integer: truncation; NaN, infinities and values out of range
/// give the minimum int64, as Go does on amd64.
pub(crate) fn float_to_int(f: f64) -> i64 {
    if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

/// `cast.ToInt64`: integers as they are, floats truncated, `true` 1, strings parsed with Go's
/// literal syntax (`0x1F`, `017` octal, `0b11`, `1_000`, a `.0…` tail dropped), anything else
/// (and every error) 0.
pub(crate) fn to_int64(value: &Value) -> i64 {
    match value {
        Value::Int(i, _) => *i,
        Value::Float(f) => float_to_int(*f),
        Value::Bool(b) => *b as i64,
        Value::String(s) => parse_go_int(trim_zero_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// `cast.ToFloat64`: numbers as they are, `true` 1, strings by `strconv.ParseFloat`, else 0.
pub(crate) fn to_float64(value: &Value) -> f64 {
    match value {
        Value::Int(i, _) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        Value::String(s) => parse_go_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Drops a decimal tail of zeros (`3.0` → `3`), as cast does before parsing an integer.
fn trim_zero_decimal(s: &str) -> &str {
    match s.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < s.len() && s[dot + 1..].bytes().all(|b| b == b'0') => {
            &s[..dot]
        }
        _ => s,
    }
}

/// `strconv.ParseInt(s, 0, 64)`: sign, base prefix (`0x`, `0o`, `0b`, a leading `0` for octal)
/// and `_` between digits.
pub(crate) fn parse_go_int(s: &str) -> Option<i64> {
    let (neg, body) = split_sign(s);
    let lower = body.to_ascii_lowercase();
    let (base, digits) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if !underscores_ok(body) {
        return None;
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    to_signed(neg, parse_digits(&digits, base)?)
}

/// `strconv.ParseInt(s, base, 64)` for an explicit base: sign, digits, no prefix, no `_`.
pub(crate) fn parse_int_base(s: &str, base: u32) -> Option<i64> {
    let (neg, body) = split_sign(s);
    to_signed(neg, parse_digits(body, base)?)
}

fn split_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-') {
        (true, rest)
    } else {
        (false, s.strip_prefix('+').unwrap_or(s))
    }
}

fn parse_digits(digits: &str, base: u32) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(base)?;
        n = n.checked_mul(base as u64)?.checked_add(d as u64)?;
    }
    Some(n)
}

fn to_signed(neg: bool, magnitude: u64) -> Option<i64> {
    if neg {
        if magnitude <= 1u64 << 63 {
            Some((magnitude as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's rule for `_` in a number literal: only between digits (or right after a base prefix).
fn underscores_ok(s: &str) -> bool {
    if !s.contains('_') {
        return true;
    }
    let b = s.as_bytes();
    let prefixed = b.len() > 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'x' | b'o' | b'b');
    for (i, &c) in b.iter().enumerate() {
        if c != b'_' {
            continue;
        }
        let before_ok = i > 0 && (b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'_');
        let after_ok = i + 1 < b.len() && b[i + 1].is_ascii_alphanumeric();
        let after_prefix = prefixed && i == 2;
        if !(before_ok || after_prefix) || !after_ok {
            return false;
        }
    }
    true
}

/// `strconv.ParseFloat(s, 64)`: decimal (with `_` between digits), `inf`/`infinity`/`nan` in any
/// case; a value out of range is an error (cast then gives 0). Hex floats are not read.
pub(crate) fn parse_go_float(s: &str) -> Option<f64> {
    let (_, body) = split_sign(s);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return s.to_ascii_lowercase().parse::<f64>().ok();
    }
    if lower.starts_with("0x") || !underscores_ok(body) {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if !plain
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = plain.parse().ok()?;
    f.is_finite().then_some(f)
}

/// Sprig's `strslice`: a list's items as strings (nil items dropped), nil as no strings, any
/// other value as one string.
pub(crate) fn to_strings(value: &Value) -> Vec<String> {
    match value {
        Value::Nil => Vec::new(),
        Value::List(l) => l
            .items()
            .iter()
            .filter(|v| !v.is_nil())
            .map(strval)
            .collect(),
        Value::Bytes(b) => b.iter().map(|x| x.to_string()).collect(),
        other => vec![strval(other)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn int_conversions() {
        let cases = [
            ("3.0", 3),
            (" 3", 0),
            ("1_000", 1000),
            ("-0x10", -16),
            ("+5", 5),
            ("0o17", 15),
            ("017", 15),
            ("08", 0),
            ("0x1F", 31),
            ("0b11", 3),
            ("3.50", 0),
            ("1e3", 0),
            ("3.", 0),
            (".0", 0),
            ("9223372036854775807", i64::MAX),
            ("9223372036854775808", 0),
            ("-9223372036854775808", i64::MIN),
        ];
        for (input, want) in cases {
            assert_eq!(to_int64(&s(input)), want, "int {input:?}");
        }
        assert_eq!(to_int64(&Value::Bool(true)), 1);
        assert_eq!(to_int64(&Value::Nil), 0);
        assert_eq!(to_int64(&Value::Float(1.5)), 1);
        assert_eq!(to_int64(&Value::Float(-3.9)), -3);
        assert_eq!(to_int64(&l(vec![i(1)])), 0);
        assert_eq!(to_int64(&Value::Float(f64::NAN)), i64::MIN);
    }

    #[test]
    fn float_conversions() {
        assert_eq!(to_float64(&s("1.5")), 1.5);
        assert_eq!(to_float64(&s("0x10")), 0.0);
        assert_eq!(to_float64(&s("abc")), 0.0);
        assert_eq!(to_float64(&s("1_0")), 10.0);
        assert_eq!(to_float64(&s(" 1")), 0.0);
        assert_eq!(to_float64(&s("inf")), f64::INFINITY);
        assert_eq!(to_float64(&s("1e400")), 0.0);
        assert_eq!(to_float64(&Value::Bool(true)), 1.0);
        assert_eq!(to_float64(&i(3)), 3.0);
    }

    #[test]
    fn atoi_and_decimal() {
        assert_eq!(atoi("12"), 12);
        assert_eq!(atoi(" 1"), 0);
        assert_eq!(atoi("+3"), 3);
        assert_eq!(atoi("0x1"), 0);
        assert_eq!(parse_int_base("0777", 8), Some(511));
        assert_eq!(parse_int_base("9", 8), None);
        assert_eq!(parse_int_base("-17", 8), Some(-15));
    }

    #[test]
    fn strings_of_values() {
        assert_eq!(
            to_strings(&l(vec![i(1), s("a"), Value::Nil, Value::Float(2.5)])),
            vec!["1", "a", "2.5"]
        );
        assert_eq!(to_strings(&s("x")), vec!["x"]);
        assert!(to_strings(&Value::Nil).is_empty());
        assert_eq!(strval(&Value::Nil), "<nil>");
        assert_eq!(strval(&Value::Float(1.5)), "1.5");
    }
}
