//! `sha1sum`, `sha256sum`, `sha512sum` (lowercase hex) and `adler32sum` (decimal).

use sha1::Digest;

use super::{arg_str, check_arity};
use crate::exec::Funcs;
use crate::value::Value;

pub(super) fn register(funcs: &mut Funcs) {
    funcs.add("sha1sum", sha1sum);
    funcs.add("sha256sum", sha256sum);
    funcs.add("sha512sum", sha512sum);
    funcs.add("adler32sum", adler32sum);
}

fn sha1sum(args: &[Value]) -> Result<Value, String> {
    hex_of("sha1sum", args, |s| sha1::Sha1::digest(s).to_vec())
}

fn sha256sum(args: &[Value]) -> Result<Value, String> {
    hex_of("sha256sum", args, |s| sha2::Sha256::digest(s).to_vec())
}

fn sha512sum(args: &[Value]) -> Result<Value, String> {
    hex_of("sha512sum", args, |s| sha2::Sha512::digest(s).to_vec())
}

fn adler32sum(args: &[Value]) -> Result<Value, String> {
    check_arity("adler32sum", args, 1)?;
    Ok(Value::from(
        adler32(arg_str(args, 0)?.as_bytes()).to_string(),
    ))
}

fn hex_of(name: &str, args: &[Value], hash: fn(&[u8]) -> Vec<u8>) -> Result<Value, String> {
    check_arity(name, args, 1)?;
    Ok(Value::from(hex(&hash(arg_str(args, 0)?.as_bytes()))))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Adler-32 (RFC 1950): two sums modulo 65521.
pub(crate) fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before the u32 sums may overflow.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, input: &str) -> String {
        let func = match name {
            "sha1sum" => sha1sum,
            "sha256sum" => sha256sum,
            "sha512sum" => sha512sum,
            _ => adler32sum,
        };
        func(&[Value::str(input)])
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn hashes_equal_helms() {
        // Observed with helm 3.17.3.
        assert_eq!(
            call("sha1sum", "hello"),
            "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"
        );
        assert_eq!(
            call("sha1sum", "ü"),
            "94a759fd37735430753c7b6b80684306d80ea16e"
        );
        assert_eq!(
            call("sha256sum", "hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(
            call("sha256sum", ""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            call("sha512sum", "hello"),
            "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"
        );
        assert_eq!(call("adler32sum", "hello"), "103547413");
        assert_eq!(call("adler32sum", ""), "1");
        assert_eq!(call("adler32sum", "ü"), "38011264");
        assert_eq!(
            call(
                "adler32sum",
                "hello world, a longer string to test the modulus handling 0123456789"
            ),
            "1427117927"
        );
    }

    #[test]
    fn a_non_string_is_refused() {
        assert!(sha1sum(&[Value::int(12)]).is_err());
        assert!(sha1sum(&[]).is_err());
    }

    #[test]
    fn adler32_survives_long_input() {
        // 0xff * 100000: the sums must wrap modulo 65521, not overflow.
        let data = vec![0xffu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &data {
            a = (a + u64::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(adler32(&data), ((b << 16) | a) as u32);
    }
}
