//! `encryptAES`, `decryptAES` and `randBytes`.
//!
//! Sprig's scheme: the key is the password's bytes in a zeroed 32-byte array (cut at 32),
//! AES-256-CBC with a random IV, PKCS#7-style padding (always 1–16 bytes); the text is
//! base64(IV ‖ ciphertext). Decryption strips as many bytes as the last byte says without
//! checking the rest of the padding, and its failures are Go's runtime errors (the texts are
//! reproduced, since a wrong password usually shows one).

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};

use super::encoding::{base64_decode, base64_encode};
use super::{arg_int, arg_str, check_arity, insert, with_rng, SeededRng};
use crate::exec::Funcs;
use crate::value::Value;

type Encryptor = cbc::Encryptor<aes::Aes256>;
type Decryptor = cbc::Decryptor<aes::Aes256>;

const BLOCK: usize = 16;

pub(super) fn register(funcs: &mut Funcs) {
    insert(funcs, "encryptAES", |call, args| {
        check_arity("encryptAES", args, 2)?;
        let (password, text) = (arg_str(args, 0)?, arg_str(args, 1)?);
        call.charge(text.len() as u64 / 64)?;
        Ok(Value::from(with_rng(call, |rng| {
            encrypt(password, text.as_bytes(), rng)
        })))
    });
    insert(funcs, "decryptAES", |call, args| {
        check_arity("decryptAES", args, 2)?;
        let (password, text) = (arg_str(args, 0)?, arg_str(args, 1)?);
        call.charge(text.len() as u64 / 64)?;
        let plain = decrypt(password, text)?;
        // Go converts the bytes to a string as they are; invalid UTF-8 cannot be a Rust string.
        Ok(Value::from(String::from_utf8_lossy(&plain).into_owned()))
    });
    insert(funcs, "randBytes", |call, args| {
        check_arity("randBytes", args, 1)?;
        let count = arg_int(args, 0)?;
        if count < 0 {
            return Err("runtime error: makeslice: len out of range".into());
        }
        let count = count as usize;
        if count.saturating_mul(4) / 3 > call.limits().max_string {
            let max = call.limits().max_string;
            return Err(format!(
                "{}randBytes: the result would be larger than the limit of {max} bytes",
                crate::exec::LIMIT_MARK
            ));
        }
        call.charge(count as u64 / 64)?;
        Ok(Value::from(with_rng(call, |rng| {
            base64_encode(&rng.bytes(count))
        })))
    });
}

fn key_of(password: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    let bytes = password.as_bytes();
    let n = bytes.len().min(32);
    key[..n].copy_from_slice(&bytes[..n]);
    key
}

pub(crate) fn encrypt(password: &str, plain: &[u8], rng: &mut SeededRng<'_>) -> String {
    let pad = BLOCK - plain.len() % BLOCK;
    let mut data = plain.to_vec();
    data.resize(plain.len() + pad, pad as u8);
    let iv = rng.bytes(BLOCK);
    let mut encryptor = Encryptor::new(&key_of(password).into(), iv.as_slice().into());
    for block in data.chunks_mut(BLOCK) {
        encryptor.encrypt_block_mut(block.into());
    }
    let mut out = iv;
    out.extend_from_slice(&data);
    base64_encode(&out)
}

pub(crate) fn decrypt(password: &str, text: &str) -> Result<Vec<u8>, String> {
    let data = base64_decode(text)?;
    // helm prints nothing for an empty text (observed), where 1–15 bytes are a runtime error.
    if data.is_empty() {
        return Ok(Vec::new());
    }
    if data.len() < BLOCK {
        return Err(format!(
            "runtime error: slice bounds out of range [:16] with capacity {}",
            data.len()
        ));
    }
    let (iv, rest) = data.split_at(BLOCK);
    if rest.len() % BLOCK != 0 {
        return Err("crypto/cipher: input not full blocks".into());
    }
    let mut plain = rest.to_vec();
    let mut decryptor = Decryptor::new(&key_of(password).into(), iv.into());
    for block in plain.chunks_mut(BLOCK) {
        decryptor.decrypt_block_mut(block.into());
    }
    let Some(&last) = plain.last() else {
        return Err("runtime error: index out of range [-1]".into());
    };
    let keep = plain.len() as i64 - i64::from(last);
    if keep < 0 {
        return Err(format!(
            "runtime error: slice bounds out of range [:{keep}]"
        ));
    }
    plain.truncate(keep as usize);
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::crypto::test_rng;

    #[test]
    fn decrypts_what_helm_encrypted() {
        // `encryptAES "secretkey" "plaintext"` and `encryptAES "" "x"`, printed by helm 3.17.3.
        assert_eq!(
            decrypt("secretkey", "Aq1VL4Xk55wRno3VdsD6vKkX/5EGlcQifPqpnjac9Iw=").unwrap(),
            b"plaintext"
        );
        assert_eq!(
            decrypt("", "dsduLeIbyBagmXPqWe3VF+TvUUhmV9lkgQn/KI60gyo=").unwrap(),
            b"x"
        );
    }

    #[test]
    fn round_trips_every_length_and_long_passwords() {
        let mut source = test_rng::source(3);
        let mut rng = SeededRng(&mut source);
        for n in 0..40 {
            let plain: Vec<u8> = (0..n as u8).collect();
            let password = "p".repeat(n);
            let text = encrypt(&password, &plain, &mut rng);
            // IV + at least one block of padding.
            assert_eq!(
                base64_decode(&text).unwrap().len(),
                BLOCK + (n / BLOCK + 1) * BLOCK
            );
            assert_eq!(decrypt(&password, &text).unwrap(), plain);
        }
        // Only the first 32 bytes of the password are the key.
        let text = encrypt(&"k".repeat(40), b"x", &mut rng);
        assert_eq!(decrypt(&"k".repeat(32), &text).unwrap(), b"x");
    }

    #[test]
    fn failures_are_gos_runtime_errors() {
        // Observed with helm 3.17.3.
        let err = |p: &str, t: &str| decrypt(p, t).unwrap_err();
        assert_eq!(
            err("k", "notbase64!"),
            "illegal base64 data at input byte 9"
        );
        assert_eq!(
            err("k", "YWJj"),
            "runtime error: slice bounds out of range [:16] with capacity 3"
        );
        assert_eq!(
            err("otherkey", "Aq1VL4Xk55wRno3VdsD6vKkX/5EGlcQifPqpnjac9Iw="),
            "runtime error: slice bounds out of range [:-29]"
        );
        assert_eq!(
            err("k", "AAAAAAAAAAAAAAAAAAAAAA=="),
            "runtime error: index out of range [-1]"
        );
        assert_eq!(
            err("k", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            "crypto/cipher: input not full blocks"
        );
        assert_eq!(decrypt("k", "").unwrap(), b"");
    }
}
