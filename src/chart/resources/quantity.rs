//! Kubernetes resource quantities (`500m`, `0.5`, `1Gi`, `1e9`), parsed exactly.
//!
//! A quantity is `<sign><digits>[.<digits>]<suffix>` where the suffix is a binary SI one
//! (`Ki Mi Gi Ti Pi Ei`), a decimal SI one (`n u m k M G T P E` or none) or a decimal exponent
//! (`e3`, `E-2`), as `k8s.io/apimachinery/pkg/api/resource.ParseQuantity` reads it. No spaces, no
//! other units: `500mb`, `1.5 Gi`, `1GB` do not parse. Requests and limits must not be negative.
//!
//! No floating point: the number is kept as its significant digits and powers of ten and two, and
//! turned into *milli-units* (millicores for cpu, thousandths of a byte for memory), rounded up —
//! Kubernetes rounds a cpu request up to whole millicores the same way.

use crate::yaml::{Node, Value};
use std::fmt;

/// Why a quantity was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Not a number with a known suffix (`500mb`, `1.5 Gi`, `abc`, ``).
    Format,
    /// A negative quantity (`-1`): requests and limits must be ≥ 0.
    Negative,
    /// More than 20 significant digits, or a value beyond any machine (`1e40`).
    TooLarge,
    /// A YAML value that is not a number or a string (`true`, a map, a list).
    NotAQuantity(&'static str),
}

impl QuantityError {
    /// A short English reason, for messages.
    pub fn en(&self) -> String {
        match self {
            QuantityError::Format => "not a Kubernetes quantity".to_string(),
            QuantityError::Negative => "a negative quantity".to_string(),
            QuantityError::TooLarge => "too large to be a real quantity".to_string(),
            QuantityError::NotAQuantity(t) => format!("a {t}, not a quantity"),
        }
    }
    /// The same reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            QuantityError::Format => "不是合法的 Kubernetes 数量".to_string(),
            QuantityError::Negative => "数量为负数".to_string(),
            QuantityError::TooLarge => "数值过大，不可能是真实的资源数量".to_string(),
            QuantityError::NotAQuantity(t) => format!("类型为 {t}，不是数量"),
        }
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

/// Most significant digits we keep exact (10^20 < 2^67, so digits × 2^60 fits in a u128).
const MAX_DIGITS: usize = 20;

/// Parse a quantity string into milli-units, rounded up.
pub fn parse_milli(s: &str) -> Result<u128, QuantityError> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut negative = false;
    match bytes.first() {
        Some(b'+') => i = 1,
        Some(b'-') => {
            negative = true;
            i = 1
        }
        _ => {}
    }
    // The number: digits, an optional point, digits; at least one digit.
    let mut digits = String::new();
    let mut scale: i64 = 0; // value = digits × 10^scale
    let mut seen_digit = false;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        digits.push(bytes[i] as char);
        seen_digit = true;
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            digits.push(bytes[i] as char);
            scale -= 1;
            seen_digit = true;
            i += 1;
        }
    }
    if !seen_digit {
        return Err(QuantityError::Format);
    }
    let (exp10, exp2) = suffix(&s[i..]).ok_or(QuantityError::Format)?;
    // Significant digits only: drop leading zeros, fold trailing zeros into the exponent.
    let trimmed = digits.trim_start_matches('0');
    let without_trailing = trimmed.trim_end_matches('0');
    let zero = without_trailing.is_empty();
    if zero {
        return Ok(0);
    }
    if negative {
        return Err(QuantityError::Negative);
    }
    scale += (trimmed.len() - without_trailing.len()) as i64;
    if without_trailing.len() > MAX_DIGITS {
        return Err(QuantityError::TooLarge);
    }
    let mantissa: u128 = without_trailing
        .parse()
        .map_err(|_| QuantityError::Format)?;
    // milli-units: × 10^3.
    let exp10 = scale + exp10 + 3;
    let num = mantissa.checked_shl(exp2).ok_or(QuantityError::TooLarge)?; // exp2 ≤ 60
    if exp10 >= 0 {
        let p = pow10(exp10).ok_or(QuantityError::TooLarge)?;
        num.checked_mul(p).ok_or(QuantityError::TooLarge)
    } else {
        match pow10(-exp10) {
            // num < 2^127 < 10^39: a divisor past u128 leaves a positive fraction below one.
            None => Ok(1),
            Some(den) => Ok(num.div_ceil(den)),
        }
    }
}

fn pow10(e: i64) -> Option<u128> {
    10u128.checked_pow(u32::try_from(e).ok()?)
}

/// A suffix's power of ten and power of two.
fn suffix(s: &str) -> Option<(i64, u32)> {
    Some(match s {
        "" => (0, 0),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        _ => {
            let rest = s.strip_prefix('e').or_else(|| s.strip_prefix('E'))?;
            let body = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) || body.len() > 6 {
                return None;
            }
            (rest.parse::<i64>().ok()?, 0)
        }
    })
}

/// Read a YAML value as a quantity in milli-units: a string, an integer or a float (read from its
/// text, so `0.1` stays exact). `Ok(None)` for null (Helm drops the key).
pub fn node_milli(node: &Node) -> Result<Option<u128>, QuantityError> {
    let Some(s) = node.as_scalar() else {
        return Err(QuantityError::NotAQuantity(node.type_name()));
    };
    match s.value {
        Value::Null => Ok(None),
        Value::Bool(_) => Err(QuantityError::NotAQuantity("boolean")),
        Value::Int(i) if i < 0 => Err(QuantityError::Negative),
        Value::Int(i) => Ok(Some((i as u128) * 1000)),
        Value::Float(f) if f.is_nan() || f.is_infinite() => Err(QuantityError::Format),
        Value::Float(_) => parse_milli(&s.text.replace('_', "")).map(Some),
        Value::Str => parse_milli(&s.text).map(Some),
    }
}

/// Millicores from milli-units (cpu).
pub fn cpu_m(milli: u128) -> u64 {
    u64::try_from(milli).unwrap_or(u64::MAX)
}

/// MiB from milli-bytes, rounded up (memory).
pub fn memory_mi(milli: u128) -> u64 {
    u64::try_from(milli.div_ceil(1000 << 20)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cpu(s: &str) -> Result<u64, QuantityError> {
        parse_milli(s).map(cpu_m)
    }
    fn mem(s: &str) -> Result<u64, QuantityError> {
        parse_milli(s).map(memory_mi)
    }

    #[test]
    fn cpu_table() {
        for (text, m) in [
            ("200m", 200),
            ("500m", 500),
            ("0.5", 500),
            ("1", 1000),
            ("2.5", 2500),
            (".25", 250),
            ("1.", 1000),
            ("+1", 1000),
            ("0", 0),
            ("0m", 0),
            ("-0", 0),
            ("0.0001", 1),  // rounded up to a whole millicore
            ("1500u", 2),   // 1.5m → 2m
            ("100000n", 1), // 0.1m → 1m
            ("1k", 1_000_000),
            ("1e3", 1_000_000),
            ("1E-3", 1),
            ("2.5e-1", 250),
            ("1Ki", 1_024_000),
        ] {
            assert_eq!(cpu(text), Ok(m), "{text}");
        }
    }

    #[test]
    fn memory_table() {
        for (text, mi) in [
            ("512Mi", 512),
            ("1024Mi", 1024),
            ("1Gi", 1024),
            ("1.5Gi", 1536),
            ("0.5Gi", 512),
            ("1G", 954), // 10^9 / 2^20 = 953.67 → 954
            ("1000M", 954),
            ("1e9", 954),
            ("1E9", 954),
            ("1073741824", 1024),
            ("1048576", 1),
            ("1048577", 2),
            ("1", 1), // one byte still needs a (rounded-up) MiB
            ("0", 0),
            ("2048Ki", 2),
            ("1Ti", 1 << 20),
            ("1Pi", 1 << 30),
            ("1Ei", 1 << 40),
            ("1k", 1),
            ("128974848", 123),
            ("129e6", 124), // 123.02 → 124
            ("129M", 124),
            ("123Mi", 123),
            ("1048576000m", 1), // milli-bytes: 1048576 bytes
            ("1T", 953_675),
            ("1P", 953_674_317),
            ("1E", 953_674_316_407),
        ] {
            assert_eq!(mem(text), Ok(mi), "{text}");
        }
    }

    #[test]
    fn refused() {
        for text in [
            "500mb", "1.5 Gi", " 1Gi", "1Gi ", "", ".", "-", "Gi", "1GB", "1gi", "1e", "1e+",
            "1.2.3", "0x10", "1_000", "１Gi", "1Mi\n", "e3",
        ] {
            assert_eq!(parse_milli(text), Err(QuantityError::Format), "{text:?}");
        }
        assert_eq!(parse_milli("-1"), Err(QuantityError::Negative));
        assert_eq!(parse_milli("-500m"), Err(QuantityError::Negative));
        assert_eq!(parse_milli("1e40"), Err(QuantityError::TooLarge));
        assert_eq!(
            parse_milli("123456789012345678901"),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(
            parse_milli("1e1234567"),
            Err(QuantityError::Format),
            "exponent too long"
        );
        // Tiny but positive: one milli-unit.
        assert_eq!(parse_milli("1e-60"), Ok(1));
        assert_eq!(
            parse_milli("100000000000000000000Ei").map(memory_mi),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(
            parse_milli("1000000Ei").map(memory_mi),
            Ok(1_000_000u64 << 40),
            "fits exactly"
        );
        assert_eq!(
            parse_milli("1000000000000000Ei").map(memory_mi),
            Ok(u64::MAX),
            "saturates"
        );
    }

    #[test]
    fn yaml_values() {
        let y = crate::yaml::parse(
            "a: 1\nb: 0.1\nc: 1e9\nd: \"500m\"\ne: true\nf: ~\ng: -2\nh: [1]\ni: 1_000.5\nj: .inf\nk: '512Mi'\n",
            Default::default(),
        );
        let r = y.root().unwrap();
        let v = |k: &str| node_milli(r.get(k).unwrap());
        assert_eq!(v("a"), Ok(Some(1000)));
        assert_eq!(v("b"), Ok(Some(100)));
        assert_eq!(v("c"), Ok(Some(1_000_000_000_000)));
        assert_eq!(v("d"), Ok(Some(500)));
        assert_eq!(v("e"), Err(QuantityError::NotAQuantity("boolean")));
        assert_eq!(v("f"), Ok(None));
        assert_eq!(v("g"), Err(QuantityError::Negative));
        assert_eq!(v("h"), Err(QuantityError::NotAQuantity("list")));
        assert_eq!(v("i"), Ok(Some(1_000_500)));
        assert_eq!(v("j"), Err(QuantityError::Format));
        assert_eq!(v("k").map(|m| m.map(memory_mi)), Ok(Some(512)));
    }
}
