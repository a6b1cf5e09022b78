//! `b64enc`, `b64dec`, `b32enc`, `b32dec` (standard alphabets, padded). Decoding errors are
//! returned as the result string, as Sprig does (`illegal base64 data at input byte 4`).

use super::{arity, string_arg, Plain, Res};
use crate::value::Value;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("b64enc", |a| encode_arg("b64enc", a, base64_encode));
    funcs.add("b64dec", |a| decode_arg("b64dec", a, B64, 6, "base64"));
    funcs.add("b32enc", |a| encode_arg("b32enc", a, base32_encode));
    funcs.add("b32dec", |a| decode_arg("b32dec", a, B32, 5, "base32"));
}

/// Encodes a string's bytes (or the raw bytes a decode gave, see [`decoded`]).
fn encode_arg(name: &str, args: &[Value], encode: fn(&[u8]) -> String) -> Res {
    arity(name, args, 1)?;
    Ok(Value::from(match &args[0] {
        Value::Bytes(b) => encode(b),
        _ => encode(string_arg(args, 0)?.as_bytes()),
    }))
}

fn decode_arg(name: &str, args: &[Value], alphabet: &[u8], bits: u32, what: &str) -> Res {
    arity(name, args, 1)?;
    let text = string_arg(args, 0)?;
    Ok(match decode(&text, alphabet, bits) {
        Ok(bytes) => decoded(bytes),
        Err(at) => Value::from(format!("illegal {what} data at input byte {at}")),
    })
}

/// A decoded Go string: text when it is UTF-8; otherwise the raw bytes (our strings are UTF-8),
/// so that `len` counts bytes and `b64enc` gives the same bytes back, as Go does.
fn decoded(bytes: Vec<u8>) -> Value {
    match String::from_utf8(bytes) {
        Ok(s) => Value::from(s),
        Err(e) => Value::Bytes(e.into_bytes().into()),
    }
}

/// `base64.StdEncoding.EncodeToString`: Sprig's `b64enc`, and every other base64 Go writes
/// (JSON's `[]byte`, PEM, `.Files.AsSecrets`, `encryptAES`).
pub fn base64_encode(data: &[u8]) -> String {
    encode(data, B64, 6)
}

/// `base64.StdEncoding.DecodeString`, with Go's error (`illegal base64 data at input byte N`).
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    decode(text, B64, 6).map_err(|at| format!("illegal base64 data at input byte {at}"))
}

pub(crate) fn base32_encode(data: &[u8]) -> String {
    encode(data, B32, 5)
}

/// Encodes with `bits` per symbol, padding to whole quanta (4 symbols for base64, 8 for base32).
fn encode(data: &[u8], alphabet: &[u8], bits: u32) -> String {
    let quantum = if bits == 6 { 4 } else { 8 };
    // Bytes, made a string at the end: a `char` pushed at a time was most of b64enc's time in
    // the page's wasm.
    let mut out = Vec::with_capacity(data.len() * 8 / bits as usize + quantum);
    let (mut acc, mut nbits) = (0u64, 0u32);
    for &b in data {
        acc = (acc << 8) | b as u64;
        nbits += 8;
        while nbits >= bits {
            nbits -= bits;
            out.push(alphabet[((acc >> nbits) & ((1 << bits) - 1)) as usize]);
        }
    }
    if nbits > 0 {
        out.push(alphabet[((acc << (bits - nbits)) & ((1 << bits) - 1)) as usize]);
    }
    while !out.len().is_multiple_of(quantum) {
        out.push(b'=');
    }
    String::from_utf8(out).expect("the alphabets are ASCII")
}

/// Decodes padded input as Go's `StdEncoding` does (`\r` and `\n` skipped); `Err(offset)` of
/// the first bad byte (for an unfinished quantum: where it starts).
fn decode(s: &str, alphabet: &[u8], bits: u32) -> Result<Vec<u8>, usize> {
    let quantum = if bits == 6 { 4 } else { 8 };
    // Symbol counts that can end a quantum before its padding.
    let valid_partial: &[usize] = if bits == 6 { &[2, 3] } else { &[2, 4, 5, 7] };
    let src = s.as_bytes();
    let mut out = Vec::with_capacity(src.len() * bits as usize / 8);
    let (mut acc, mut nbits) = (0u64, 0u32);
    let mut in_quantum = 0;
    let mut quantum_start = 0;
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if c == b'\r' || c == b'\n' {
            i += 1;
            continue;
        }
        if in_quantum == 0 {
            quantum_start = i;
        }
        if c == b'=' {
            if !valid_partial.contains(&in_quantum) {
                return Err(i);
            }
            // The rest of the quantum must be padding, and nothing may follow it.
            let mut need = quantum - in_quantum;
            while need > 0 {
                match src.get(i) {
                    Some(b'\r' | b'\n') => {}
                    Some(b'=') => need -= 1,
                    Some(_) => return Err(i),
                    None => return Err(src.len()),
                }
                i += 1;
            }
            if let Some(extra) = src[i..].iter().position(|&b| b != b'\r' && b != b'\n') {
                return Err(i + extra);
            }
            return Ok(out);
        }
        let Some(value) = alphabet.iter().position(|&a| a == c) else {
            return Err(i);
        };
        acc = (acc << bits) | value as u64;
        nbits += bits;
        if nbits >= 8 {
            nbits -= 8;
            out.push((acc >> nbits) as u8);
        }
        in_quantum = (in_quantum + 1) % quantum;
        i += 1;
    }
    if in_quantum != 0 {
        return Err(quantum_start);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn binary_round_trip() {
        // Observed with helm 3.17.3: len (b64dec "/w==") is 1, len (b64dec "AAEC/w==") is 4.
        let bin = call_value("b64dec", vec![s("AAEC/w==")]);
        assert!(matches!(&bin, crate::value::Value::Bytes(b) if b.len() == 4));
        assert_eq!(
            show(crate::sprig::test_util::plain_call("b64enc", vec![bin])),
            "AAEC/w=="
        );
    }

    fn call_value(name: &str, args: Vec<crate::value::Value>) -> crate::value::Value {
        crate::sprig::test_util::plain_call(name, args).unwrap()
    }

    #[test]
    fn rfc_4648_test_vectors() {
        // RFC 4648 section 10: whole groups, the rest after them, and padding.
        let base64 = [
            "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
        ];
        let base32 = [
            "",
            "MY======",
            "MZXQ====",
            "MZXW6===",
            "MZXW6YQ=",
            "MZXW6YTB",
            "MZXW6YTBOI======",
        ];
        for (n, (b64, b32)) in base64.iter().zip(base32).enumerate() {
            let input = &"foobar"[..n];
            assert_eq!(
                show(crate::sprig::test_util::plain_call(
                    "b64enc",
                    vec![s(input)]
                )),
                *b64
            );
            assert_eq!(
                show(crate::sprig::test_util::plain_call(
                    "b32enc",
                    vec![s(input)]
                )),
                b32
            );
        }
    }

    #[test]
    fn encodings() {
        let cases = [
            ("b64enc", "hello", "aGVsbG8="),
            ("b64dec", "aGVsbG8=", "hello"),
            ("b64dec", "aGVsbG8", "illegal base64 data at input byte 4"),
            ("b64dec", "!!", "illegal base64 data at input byte 0"),
            ("b64dec", "aGVsbA==x", "illegal base64 data at input byte 8"),
            ("b64dec", "aGV sbG8=", "illegal base64 data at input byte 3"),
            ("b64dec", "aGVs\nbG8=", "hello"),
            ("b32enc", "hello", "NBSWY3DP"),
            ("b32dec", "NBSWY3DP", "hello"),
            ("b32dec", "NBSWY3D", "illegal base32 data at input byte 0"),
            ("b32dec", "1", "illegal base32 data at input byte 0"),
            ("b64enc", "", ""),
            ("b64enc", "a", "YQ=="),
            ("b32enc", "a", "ME======"),
            ("b32dec", "ME======", "a"),
        ];
        for (name, input, want) in cases {
            assert_eq!(call(name, vec![s(input)]), want, "{name} {input:?}");
        }
    }
}
