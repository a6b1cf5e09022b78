//! `bcrypt`, `htpasswd` and `derivePassword`.
//!
//! `bcrypt` is `$2a$` at cost 10 with a random salt, as Go's `bcrypt.GenerateFromPassword` with
//! the default cost; the password gets Go's terminating NUL and may be at most 72 bytes.
//! `derivePassword` is the Master Password algorithm (v3): scrypt of the master password with the
//! user name as salt, HMAC-SHA256 of the site and counter, then a password template.

use blowfish::Blowfish;
use hmac::{Hmac, Mac};

use super::{arg_str, check_arity, insert, with_rng, SeededRng};
use crate::exec::{Call, Funcs};
use crate::value::Value;

pub(super) fn register(funcs: &mut Funcs) {
    insert(funcs, "bcrypt", |call, args| {
        check_arity("bcrypt", args, 1)?;
        let password = arg_str(args, 0)?;
        call.charge(BCRYPT_STEPS)?;
        let cost = bcrypt_cost(call);
        Ok(Value::from(with_rng(call, |rng| {
            bcrypt_string(password, cost, rng)
        })))
    });
    insert(funcs, "htpasswd", |call, args| {
        check_arity("htpasswd", args, 2)?;
        let (user, password) = (arg_str(args, 0)?, arg_str(args, 1)?);
        call.charge(BCRYPT_STEPS)?;
        let cost = bcrypt_cost(call);
        Ok(Value::from(with_rng(call, |rng| {
            htpasswd(user, password, cost, rng)
        })))
    });
    insert(funcs, "derivePassword", derive_password_func);
}

/// Evaluation steps charged for one bcrypt at cost 10 (about 0.3 s in wasm).
const BCRYPT_STEPS: u64 = 1 << 18;

/// Go's default bcrypt cost.
const BCRYPT_COST: u32 = 10;
/// bcrypt's lowest cost, for [`crate::Options::quick_crypto`].
const QUICK_BCRYPT_COST: u32 = 4;

fn bcrypt_cost(call: &Call<'_>) -> u32 {
    if call.quick_crypto() {
        QUICK_BCRYPT_COST
    } else {
        BCRYPT_COST
    }
}

/// What Sprig's `bcrypt` prints: the hash, or its error text in place of it.
fn bcrypt_string(password: &str, cost: u32, rng: &mut SeededRng<'_>) -> String {
    let salt: [u8; 16] = rng.bytes(16).try_into().unwrap_or([0; 16]);
    match bcrypt_hash(password.as_bytes(), cost, &salt) {
        Ok(hash) => hash,
        Err(e) => format!("failed to encrypt string with bcrypt: {e}"),
    }
}

fn htpasswd(user: &str, password: &str, cost: u32, rng: &mut SeededRng<'_>) -> String {
    if user.contains(':') {
        return format!("invalid username: {user}");
    }
    format!("{user}:{}", bcrypt_string(password, cost, rng))
}

/// The `$2a$` modular-crypt string of `password` with `salt` at `cost`.
pub(crate) fn bcrypt_hash(password: &[u8], cost: u32, salt: &[u8; 16]) -> Result<String, String> {
    if password.len() > 72 {
        return Err("bcrypt: password length exceeds 72 bytes".into());
    }
    let mut key = password.to_vec();
    key.push(0);
    // Eksblowfish: the salted key schedule, then 2^cost rounds of re-keying.
    let mut state = Blowfish::bc_init_state();
    state.salted_expand_key(salt, &key);
    for _ in 0..1u64 << cost {
        state.bc_expand_key(&key);
        state.bc_expand_key(salt);
    }
    let mut words = [0u32; 6];
    for (word, chunk) in words.iter_mut().zip(b"OrpheanBeholderScryDoubt".chunks(4)) {
        *word = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    for pair in words.chunks_mut(2) {
        let mut block = [pair[0], pair[1]];
        for _ in 0..64 {
            block = state.bc_encrypt(block);
        }
        pair.copy_from_slice(&block);
    }
    let digest: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
    Ok(format!(
        "$2a${cost:02}${}{}",
        bcrypt_base64(salt),
        bcrypt_base64(&digest[..23])
    ))
}

/// bcrypt's base64: its own alphabet, no padding.
fn bcrypt_base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

fn derive_password_func(call: &mut Call<'_>, args: &[Value]) -> Result<Value, String> {
    check_arity("derivePassword", args, 5)?;
    let counter = match &args[0] {
        Value::Int(i, _) if (0..=i64::from(u32::MAX)).contains(i) => *i as u32,
        Value::Int(i, _) => return Err(format!("expected unsigned integer; found {i}")),
        other => return Err(super::wrong_type("uint32", other)),
    };
    let (kind, password, user, site) = (
        arg_str(args, 1)?,
        arg_str(args, 2)?,
        arg_str(args, 3)?,
        arg_str(args, 4)?,
    );
    // scrypt with N = 2^15, r = 8 mixes 32 MiB twice (0.1 s native, up to 3 s in wasm).
    call.charge(super::keys::KEYGEN_STEPS)?;
    Ok(Value::from(derive_password(
        counter, kind, password, user, site,
    )))
}

const SCOPE: &[u8] = b"com.lyndir.masterpassword";

/// Master Password's site password; an unknown template kind gives Sprig's text in its place.
pub(crate) fn derive_password(
    counter: u32,
    kind: &str,
    password: &str,
    user: &str,
    site: &str,
) -> String {
    let Some(templates) = templates(kind) else {
        return format!("cannot find password template {kind}");
    };
    let mut salt = SCOPE.to_vec();
    salt.extend_from_slice(&(user.len() as u32).to_be_bytes());
    salt.extend_from_slice(user.as_bytes());
    let mut master_key = [0u8; 64];
    let params = scrypt::Params::new(15, 8, 2, 64).expect("valid scrypt parameters");
    scrypt::scrypt(password.as_bytes(), &salt, &params, &mut master_key)
        .expect("64 is a valid scrypt length");

    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(&master_key).expect("HMAC takes any key length");
    mac.update(SCOPE);
    mac.update(&(site.len() as u32).to_be_bytes());
    mac.update(site.as_bytes());
    mac.update(&counter.to_be_bytes());
    let seed = mac.finalize().into_bytes();

    let template = templates[usize::from(seed[0]) % templates.len()];
    template
        .bytes()
        .zip(&seed[1..])
        .map(|(class, &byte)| {
            let chars = class_chars(class);
            chars[usize::from(byte) % chars.len()] as char
        })
        .collect()
}

/// Master Password's templates per password kind (one letter per character class).
fn templates(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "maximum" => &["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long" => &[
            "CvcvnoCvcvCvcv",
            "CvcvCvcvnoCvcv",
            "CvcvCvcvCvcvno",
            "CvccnoCvcvCvcv",
            "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv",
            "CvcvCvccCvcvno",
            "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc",
            "CvcvCvcvCvccno",
            "CvccnoCvccCvcv",
            "CvccCvccnoCvcv",
            "CvccCvccCvcvno",
            "CvcvnoCvccCvcc",
            "CvcvCvccnoCvcc",
            "CvcvCvccCvccno",
            "CvccnoCvcvCvcc",
            "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium" => &["CvcnoCvc", "CvcCvcno"],
        "short" => &["Cvcn"],
        "basic" => &["aaanaaan", "aannaaan", "aaannaaa"],
        "pin" => &["nnnn"],
        _ => return None,
    })
}

fn class_chars(class: u8) -> &'static [u8] {
    match class {
        b'V' => b"AEIOU",
        b'C' => b"BCDFGHJKLMNPQRSTVWXYZ",
        b'v' => b"aeiou",
        b'c' => b"bcdfghjklmnpqrstvwxyz",
        b'A' => b"AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        b'a' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        b'n' => b"0123456789",
        b'o' => b"@&%?,=[]_:-+*$#!'^~;()/.",
        b'x' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
        _ => b" ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::crypto::test_rng;

    /// The salt of a modular-crypt bcrypt string, decoded.
    fn salt_of(hash: &str) -> [u8; 16] {
        const ALPHABET: &str = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let text = &hash[7..29];
        let mut bits = 0u32;
        let mut n = 0;
        let mut out = Vec::new();
        for c in text.chars() {
            bits = (bits << 6) | ALPHABET.find(c).unwrap() as u32;
            n += 6;
            if n >= 8 {
                n -= 8;
                out.push((bits >> n) as u8);
            }
        }
        out.try_into().unwrap()
    }

    /// Recomputing helm's own bcrypt outputs from their salts gives the same strings.
    #[test]
    fn bcrypt_equals_helms_for_the_same_salt() {
        for (password, hash) in [
            (
                "pw",
                "$2a$10$T/A.5ApomFLesCGptWhGT.ENCHX/dT3E.eQfawouUMhMstuHSYVMa",
            ),
            (
                "pw",
                "$2a$10$RzeJIush/VhMLbGBO0CXiedg/DHmifbLDW1rlWJAmkGZqheOWEk3i",
            ),
            (
                &"a".repeat(72),
                "$2a$10$4dbBi9zA6Kk1Phkq9We9bO/N.Rd2gwWpZyIWmZej/8o4ms07ltNTO",
            ),
        ] {
            assert_eq!(
                bcrypt_hash(password.as_bytes(), 10, &salt_of(hash)).unwrap(),
                hash
            );
        }
    }

    #[test]
    fn bcrypt_and_htpasswd_shapes() {
        let mut source = test_rng::source(1);
        let mut rng = SeededRng(&mut source);
        let hash = bcrypt_string("secret", BCRYPT_COST, &mut rng);
        assert_eq!(hash.len(), 60);
        assert!(hash.starts_with("$2a$10$"));
        assert_eq!(bcrypt_hash(b"secret", 10, &salt_of(&hash)).unwrap(), hash);
        assert_eq!(
            bcrypt_string(&"a".repeat(73), BCRYPT_COST, &mut rng),
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        );
        let line = htpasswd("user", "pw", BCRYPT_COST, &mut rng);
        assert!(line.starts_with("user:$2a$10$"), "{line}");
        assert_eq!(
            htpasswd("us:er", "pw", BCRYPT_COST, &mut rng),
            "invalid username: us:er"
        );
        assert_eq!(
            htpasswd("u", &"a".repeat(73), BCRYPT_COST, &mut rng),
            "u:failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        );
    }

    #[test]
    fn derive_password_equals_helms() {
        // Observed with helm 3.17.3.
        let cases = [
            (
                1,
                "long",
                "password",
                "user",
                "example.com",
                "ZedaFaxcZaso9*",
            ),
            (
                1,
                "maximum",
                "password",
                "user",
                "example.com",
                "pf4zS1LjCg&LjhsZ7T2~",
            ),
            (3, "pin", "pässword", "üser", "example.com", "0746"),
            (1, "basic", "password", "user", "example.com", "pIS54PLs"),
            (1, "short", "password", "user", "example.com", "Zed5"),
            (1, "medium", "password", "user", "example.com", "ZedJuz8$"),
            (
                0,
                "long",
                "password",
                "user",
                "example.com",
                "KezpWado2+Fazo",
            ),
        ];
        for (counter, kind, password, user, site, want) in cases {
            assert_eq!(
                derive_password(counter, kind, password, user, site),
                want,
                "{kind}"
            );
        }
        assert_eq!(
            derive_password(1, "name", "p", "u", "s"),
            "cannot find password template name"
        );
        assert_eq!(
            derive_password(1, "phrase", "p", "u", "s"),
            "cannot find password template phrase"
        );
    }
}
