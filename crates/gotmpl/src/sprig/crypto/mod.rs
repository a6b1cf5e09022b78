//! Sprig v3's hashes, passwords, keys, certificates and AES, as Helm 3.17.3 exposes them:
//! `sha1sum`, `sha256sum`, `sha512sum`, `adler32sum` (digest), `bcrypt`, `htpasswd`,
//! `derivePassword` (password), `encryptAES`, `decryptAES`, `randBytes` (aes),
//! `genPrivateKey` (keys), `buildCustomCert`, `genCA`, `genSelfSignedCert`, `genSignedCert` and
//! their `…WithKey` forms (certs).
//!
//! All randomness comes from the execution's seeded source ([`Call::random_u64`]), adapted to
//! `rand_core` by [`SeededRng`]: with a fixed seed the output is reproducible, and nothing asks
//! the OS (wasm32-unknown-unknown has no entropy source).
//!
//! Go's own encodings that Sprig's output and errors show (standard base64 with Go's error
//! offsets, PEM as `encoding/pem` writes it, a few DER shapes) are written here in `encoding`.

mod aes;
#[cfg(feature = "keys")]
mod certs;
mod digest;
#[cfg(all(test, feature = "keys"))]
mod e2e_tests;
// DER and PEM are for keys and certificates; base64 is everyone's.
#[cfg_attr(not(feature = "keys"), allow(dead_code))]
mod encoding;
#[cfg(feature = "keys")]
mod keys;
#[cfg(feature = "keys")]
mod password;

use std::rc::Rc;

use rand_core::{CryptoRng, RngCore};

use crate::exec::{Call, Funcs};
use crate::value::Value;

pub fn register(funcs: &mut Funcs) {
    digest::register(funcs);
    aes::register(funcs);
    #[cfg(feature = "keys")]
    {
        password::register(funcs);
        keys::register(funcs);
        certs::register(funcs);
    }
    #[cfg(not(feature = "keys"))]
    for name in LEFT_OUT {
        funcs.insert(
            name,
            Rc::new(move |_: &mut Call<'_>, _: &[Value]| Err(left_out(name))),
        );
    }
}

/// The functions of the `keys` feature (see crates/gotmpl/Cargo.toml).
#[cfg(any(test, not(feature = "keys")))]
pub const LEFT_OUT: &[&str] = &[
    "bcrypt",
    "htpasswd",
    "derivePassword",
    "genPrivateKey",
    "buildCustomCert",
    "genCA",
    "genCAWithKey",
    "genSelfSignedCert",
    "genSelfSignedCertWithKey",
    "genSignedCert",
    "genSignedCertWithKey",
];

/// What a left-out function says: in the page, keys and password hashes take seconds in wasm.
#[cfg(not(feature = "keys"))]
fn left_out(name: &str) -> String {
    format!(
        "{name} is not available in this build of ecplint (the web page leaves out key, certificate and \
         password-hash generation: seconds of work in wasm); `ecplint template` on the command line renders it"
    )
}

/// Registers a function that needs the call (random source, clock, budget).
fn insert(
    funcs: &mut Funcs,
    name: &str,
    func: fn(&mut Call<'_>, &[Value]) -> Result<Value, String>,
) {
    funcs.insert(
        name,
        Rc::new(move |call: &mut Call<'_>, args: &[Value]| func(call, args)),
    );
}

/// A `rand_core` generator over a source of `u64`s (the execution's seeded source, or a test's).
pub(crate) struct SeededRng<'a>(pub &'a mut dyn FnMut() -> u64);

impl SeededRng<'_> {
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = vec![0; n];
        self.fill_bytes(&mut out);
        out
    }
}

impl RngCore for SeededRng<'_> {
    fn next_u32(&mut self) -> u32 {
        (self.0)() as u32
    }

    fn next_u64(&mut self) -> u64 {
        (self.0)()
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let word = (self.0)().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

/// The generator is only as good as its seed; "crypto" here means: what the key crates accept.
/// Templates that make keys at render time get reproducible keys with a fixed seed, by design.
impl CryptoRng for SeededRng<'_> {}

/// Runs `f` with a generator over the call's random source.
fn with_rng<T>(call: &mut Call<'_>, f: impl FnOnce(&mut SeededRng<'_>) -> T) -> T {
    let mut next = || call.random_u64();
    f(&mut SeededRng(&mut next))
}

// Arguments, checked as Go's text/template converts them to the Go function's parameter types
// (the shared checks of `sprig`, whose wording the executor knows).

use super::{arity as check_arity, wrong_type as wrong_type_at};

#[cfg_attr(not(feature = "keys"), allow(dead_code))]
fn wrong_type(want: &str, got: &Value) -> String {
    format!(
        "wrong type for value; expected {want}; got {}",
        got.type_name()
    )
}

fn arg_str(args: &[Value], index: usize) -> Result<&str, String> {
    args[index]
        .as_str()
        .ok_or_else(|| wrong_type_at(args, index, "string"))
}

/// An `int` parameter (not the int64 of Sprig's arithmetic nor a values file's float64).
fn arg_int(args: &[Value], index: usize) -> Result<i64, String> {
    super::int_arg(args, index)
}

/// A `[]interface{}` parameter: nil is an empty list.
#[cfg_attr(not(feature = "keys"), allow(dead_code))]
fn arg_list(args: &[Value], index: usize) -> Result<Vec<Value>, String> {
    match &args[index] {
        Value::Nil => Ok(Vec::new()),
        Value::List(list) => Ok(list.items().to_vec()),
        _ => Err(wrong_type_at(args, index, "[]interface {}")),
    }
}

#[cfg(test)]
pub(crate) mod test_rng {
    /// A splitmix64 source for tests.
    pub fn source(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_is_registered() {
        let mut funcs = Funcs::new();
        register(&mut funcs);
        for name in [
            "sha1sum",
            "sha256sum",
            "sha512sum",
            "adler32sum",
            "bcrypt",
            "htpasswd",
            "derivePassword",
            "encryptAES",
            "decryptAES",
            "randBytes",
            "genPrivateKey",
            "buildCustomCert",
            "genCA",
            "genCAWithKey",
            "genSelfSignedCert",
            "genSelfSignedCertWithKey",
            "genSignedCert",
            "genSignedCertWithKey",
        ] {
            assert!(funcs.contains(name), "{name}");
        }
        for name in LEFT_OUT {
            assert!(funcs.contains(name), "{name}");
        }
    }

    #[test]
    fn seeded_rng_is_reproducible_and_fills_odd_lengths() {
        let mut a = test_rng::source(7);
        let mut b = test_rng::source(7);
        let x = SeededRng(&mut a).bytes(13);
        let y = SeededRng(&mut b).bytes(13);
        assert_eq!(x, y);
        assert_eq!(x.len(), 13);
        assert_ne!(x, vec![0; 13]);
    }

    #[test]
    fn argument_errors_use_go_wording() {
        assert_eq!(
            arg_str(&[Value::int(12)], 0).unwrap_err(),
            "wrong type for value; expected string; got int"
        );
        assert_eq!(
            check_arity("htpasswd", &[Value::Nil, Value::Nil, Value::Nil], 2).unwrap_err(),
            "wrong number of args for htpasswd: want 2 got 3"
        );
        assert!(arg_list(&[Value::Nil], 0).unwrap().is_empty());
    }
}
