//! Private keys: `genPrivateKey`, the PEM forms Go writes (`RSA PRIVATE KEY` = PKCS#1,
//! `EC PRIVATE KEY` = SEC 1 with the curve and public key, `PRIVATE KEY` = PKCS#8 for Ed25519,
//! `DSA PRIVATE KEY` = OpenSSL's sequence), reading such PEM back, and signing certificates.
//!
//! Sizes as Sprig makes them: RSA 4096 for `genPrivateKey "rsa"` (2048 for certificates), ECDSA on
//! P-256, DSA with L = 2048, N = 256. Reading knows RSA (PKCS#1 or PKCS#8), EC P-256 (SEC 1 or
//! PKCS#8) and Ed25519 (PKCS#8); other curves are refused (Go would take P-224/384/521 too).

use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};

use super::encoding::{
    der, der_bits, der_children, der_octets, der_read, der_seq, der_uint, pem_decode, pem_encode,
    Element,
};
use super::{arg_str, check_arity, insert, with_rng, SeededRng};
use crate::exec::Funcs;
use crate::value::Value;

pub(super) fn register(funcs: &mut Funcs) {
    insert(funcs, "genPrivateKey", |call, args| {
        check_arity("genPrivateKey", args, 1)?;
        let kind = arg_str(args, 0)?;
        // Key generation is heavy: charge in proportion (the step budget then bounds how many
        // keys one render makes; an RSA 4096 key takes seconds, in wasm tens of seconds; DSA's
        // 2048-bit parameters about a second natively: one of them alone passes the fuzzer's
        // 1 s bound).
        call.charge(if matches!(kind.as_ref(), "rsa" | "dsa") {
            KEYGEN_STEPS * 8
        } else {
            KEYGEN_STEPS
        })?;
        if call.quick_crypto() && kind == "rsa" {
            return Ok(Value::from(with_rng(call, |rng| {
                PrivateKey::generate_rsa(QUICK_RSA_BITS, rng)
                    .and_then(|key| key.to_pem())
                    .unwrap_or_else(|e| format!("failed to generate private key: {e}"))
            })));
        }
        Ok(Value::from(with_rng(call, |rng| {
            gen_private_key(kind, rng)
        })))
    });
}

/// Evaluation steps charged for making a key (an RSA 2048 key: about 0.3 s native, 1 s in wasm),
/// so that the step budget (50 million by default) bounds a template that makes keys in a loop.
pub(super) const KEYGEN_STEPS: u64 = 1 << 20;

/// Bits of the RSA key `genPrivateKey "rsa"` makes.
const RSA_KEY_BITS: usize = 4096;
/// Bits of the RSA keys made for certificates.
pub(super) const CERT_RSA_BITS: usize = 2048;
/// Bits of every RSA key made with [`crate::Options::quick_crypto`].
pub(super) const QUICK_RSA_BITS: usize = 512;

// DER of the object identifiers and algorithm identifiers in use.
const OID_PRIME256V1: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_EC_PUBLIC_KEY: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_RSA_ENCRYPTION: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
];
const OID_ED25519: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x70];
const DER_NULL: &[u8] = &[0x05, 0x00];
const ALG_SHA256_WITH_RSA: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];
const ALG_ECDSA_WITH_SHA256: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];
const ALG_ED25519: &[u8] = &[0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];

pub(crate) enum PrivateKey {
    Rsa(Box<RsaPrivateKey>),
    EcP256(p256::SecretKey),
    Ed25519(Box<ed25519_dalek::SigningKey>),
    /// A DSA key read from PEM: Go cannot sign certificates with DSA, so neither do we.
    Dsa,
}

/// What Sprig's `genPrivateKey` prints: a PEM key, or a message in its place.
pub(crate) fn gen_private_key(kind: &str, rng: &mut SeededRng<'_>) -> String {
    let key = match kind {
        "rsa" => PrivateKey::generate_rsa(RSA_KEY_BITS, rng),
        "ecdsa" => Ok(PrivateKey::EcP256(p256::SecretKey::random(rng))),
        "ed25519" => Ok(PrivateKey::generate_ed25519(rng)),
        "dsa" => return gen_dsa_pem(rng),
        _ => return format!("Unknown type {kind}"),
    };
    match key.and_then(|key| key.to_pem()) {
        Ok(pem) => pem,
        Err(e) => format!("failed to generate private key: {e}"),
    }
}

fn gen_dsa_pem(rng: &mut SeededRng<'_>) -> String {
    let components = dsa::Components::generate(rng, dsa::KeySize::DSA_2048_256);
    let key = dsa::SigningKey::generate(rng, components);
    let public = key.verifying_key();
    let c = public.components();
    let ints: Vec<Vec<u8>> = [c.p(), c.q(), c.g(), public.y(), key.x()]
        .iter()
        .map(|n| der_uint(&n.to_bytes_be()))
        .collect();
    let mut parts: Vec<&[u8]> = vec![&[0x02, 0x01, 0x00]];
    parts.extend(ints.iter().map(Vec::as_slice));
    pem_encode("DSA PRIVATE KEY", &der_seq(&parts))
}

impl PrivateKey {
    /// An RSA key of `bits` bits (a multiple of 16) with e = 65537, from two primes of half the
    /// size.
    pub(crate) fn generate_rsa(bits: usize, rng: &mut SeededRng<'_>) -> Result<PrivateKey, String> {
        let small_primes = small_odd_primes(SIEVE_LIMIT);
        loop {
            let p = random_prime(bits / 2, &small_primes, rng);
            let q = random_prime(bits / 2, &small_primes, rng);
            if p == q {
                continue;
            }
            let key = RsaPrivateKey::from_p_q(p, q, BigUint::from(RSA_EXPONENT))
                .map_err(|e| e.to_string())?;
            return Ok(PrivateKey::Rsa(Box::new(key)));
        }
    }

    fn generate_ed25519(rng: &mut SeededRng<'_>) -> PrivateKey {
        let seed: [u8; 32] = rng.bytes(32).try_into().unwrap_or([0; 32]);
        PrivateKey::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The key as Go's `pem.Encode` of `MarshalPKCS1PrivateKey`, `MarshalECPrivateKey` or
    /// `MarshalPKCS8PrivateKey` (Ed25519).
    pub(crate) fn to_pem(&self) -> Result<String, String> {
        match self {
            PrivateKey::Rsa(key) => Ok(pem_encode("RSA PRIVATE KEY", &rsa_pkcs1(key)?)),
            PrivateKey::EcP256(key) => {
                let sec1 = der_seq(&[
                    &der_uint(&[1]),
                    &der_octets(&key.to_bytes()),
                    &der(0xa0, OID_PRIME256V1),
                    &der(0xa1, &der_bits(&ec_point(key))),
                ]);
                Ok(pem_encode("EC PRIVATE KEY", &sec1))
            }
            PrivateKey::Ed25519(key) => {
                let pkcs8 = der_seq(&[
                    &der_uint(&[0]),
                    &der_seq(&[OID_ED25519]),
                    &der_octets(&der_octets(key.as_bytes())),
                ]);
                Ok(pem_encode("PRIVATE KEY", &pkcs8))
            }
            PrivateKey::Dsa => {
                Err("x509: unknown key type while marshaling PKCS#8: *dsa.PrivateKey".into())
            }
        }
    }

    /// The public key's bits as a certificate's SubjectPublicKeyInfo holds them (and as the
    /// Subject Key Identifier hashes them).
    pub(crate) fn public_key_bits(&self) -> Result<Vec<u8>, String> {
        match self {
            PrivateKey::Rsa(key) => Ok(der_seq(&[
                &der_uint(&key.n().to_bytes_be()),
                &der_uint(&key.e().to_bytes_be()),
            ])),
            PrivateKey::EcP256(key) => Ok(ec_point(key)),
            PrivateKey::Ed25519(key) => Ok(key.verifying_key().as_bytes().to_vec()),
            PrivateKey::Dsa => Err(NOT_A_SIGNER.into()),
        }
    }

    /// SubjectPublicKeyInfo, DER.
    pub(crate) fn public_key_info(&self) -> Result<Vec<u8>, String> {
        let algorithm = match self {
            PrivateKey::Rsa(_) => der_seq(&[OID_RSA_ENCRYPTION, DER_NULL]),
            PrivateKey::EcP256(_) => der_seq(&[OID_EC_PUBLIC_KEY, OID_PRIME256V1]),
            PrivateKey::Ed25519(_) => der_seq(&[OID_ED25519]),
            PrivateKey::Dsa => return Err(NOT_A_SIGNER.into()),
        };
        Ok(der_seq(&[&algorithm, &der_bits(&self.public_key_bits()?)]))
    }

    /// The AlgorithmIdentifier of the signatures this key makes (Go's default per key type).
    pub(crate) fn signature_algorithm(&self) -> &'static [u8] {
        match self {
            PrivateKey::Rsa(_) | PrivateKey::Dsa => ALG_SHA256_WITH_RSA,
            PrivateKey::EcP256(_) => ALG_ECDSA_WITH_SHA256,
            PrivateKey::Ed25519(_) => ALG_ED25519,
        }
    }

    /// The signature of `message` as a certificate carries it.
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        use ed25519_dalek::Signer as _;
        match self {
            PrivateKey::Rsa(key) => key
                .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(message))
                .map_err(|e| e.to_string()),
            PrivateKey::EcP256(key) => {
                let signing = p256::ecdsa::SigningKey::from(key);
                let signature: p256::ecdsa::Signature = signing.sign(message);
                let (r, s) = signature.split_bytes();
                Ok(der_seq(&[&der_uint(&r), &der_uint(&s)]))
            }
            PrivateKey::Ed25519(key) => Ok(key.sign(message).to_bytes().to_vec()),
            PrivateKey::Dsa => Err(NOT_A_SIGNER.into()),
        }
    }
}

const RSA_EXPONENT: u32 = 65537;
/// Candidates divisible by an odd prime below this are skipped without a big-number test.
const SIEVE_LIMIT: u32 = 1 << 14;

/// The odd primes below `limit` (sieve of Eratosthenes).
fn small_odd_primes(limit: u32) -> Vec<u32> {
    let mut composite = vec![false; limit as usize];
    let mut primes = Vec::new();
    for n in 3..limit {
        if n % 2 == 1 && !composite[n as usize] {
            primes.push(n);
            let mut multiple = n * n;
            while multiple < limit {
                composite[multiple as usize] = true;
                multiple += 2 * n;
            }
        }
    }
    primes
}

/// A random prime of exactly `bits` bits (a multiple of 8) with its top two bits set (so that the
/// product of two has all its bits) and with p - 1 prime to 65537.
///
/// Why not the rsa crate's own generation: it draws a fresh random candidate each time and
/// sieves with 15 small primes only, so it runs about 200 big-number tests per 2048-bit prime;
/// walking up from one random start and sieving with the primes below 2^14 needs about 80
/// (measured natively, averaged over seeds: RSA 2048 0.56 s -> 0.26 s, RSA 4096 6.0 s -> 2.8 s;
/// the ignored test `rsa_versus_crate`).
fn random_prime(bits: usize, small_primes: &[u32], rng: &mut SeededRng<'_>) -> BigUint {
    use num_bigint_dig::prime::probably_prime;
    use num_traits_compat::ToU32;
    // A window of odd offsets from one start; a prime gap this large is astronomically rare.
    const WINDOW: u32 = 1 << 16;
    loop {
        let mut bytes = rng.bytes(bits / 8);
        bytes[0] |= 0xc0;
        let last = bytes.len() - 1;
        bytes[last] |= 1;
        let start = BigUint::from_bytes_be(&bytes);
        let residues: Vec<u32> = small_primes
            .iter()
            .map(|&p| (&start % p).to_u32_value())
            .collect();
        let exponent_residue = (&start % RSA_EXPONENT).to_u32_value();
        let mut offset = 0;
        while offset < WINDOW {
            let sieved = residues
                .iter()
                .zip(small_primes)
                .all(|(&r, &p)| (r + offset) % p != 0);
            if sieved && (exponent_residue + offset) % RSA_EXPONENT != 1 {
                let candidate = &start + offset;
                // FIPS 186-5 (B.3.1) asks 4-5 Miller-Rabin rounds for primes of 1024+ bits; the
                // test adds a Lucas test (Baillie-PSW), as Go's ProbablyPrime does.
                if candidate.bits() == bits && probably_prime(&candidate, 5) {
                    return candidate;
                }
            }
            offset += 2;
        }
    }
}

/// `BigUint % u32` gives a BigUint below 2^32; its value.
mod num_traits_compat {
    use rsa::BigUint;

    pub trait ToU32 {
        fn to_u32_value(&self) -> u32;
    }

    impl ToU32 for BigUint {
        fn to_u32_value(&self) -> u32 {
            self.to_bytes_be()
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
        }
    }
}

const NOT_A_SIGNER: &str = "x509: certificate private key does not implement crypto.Signer";

fn ec_point(key: &p256::SecretKey) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    key.public_key().to_encoded_point(false).as_bytes().to_vec()
}

/// PKCS#1 RSAPrivateKey (two primes), as Go's `MarshalPKCS1PrivateKey` writes it.
fn rsa_pkcs1(key: &RsaPrivateKey) -> Result<Vec<u8>, String> {
    let [p, q] = key.primes() else {
        return Err("x509: multi-prime RSA keys are not supported".into());
    };
    let one = BigUint::from(1u32);
    let dp = key.d() % (p - &one);
    let dq = key.d() % (q - &one);
    let qinv = key.crt_coefficient().ok_or("x509: invalid RSA key")?;
    let ints: Vec<Vec<u8>> = [key.n(), key.e(), key.d(), p, q, &dp, &dq, &qinv]
        .iter()
        .map(|n| der_uint(&n.to_bytes_be()))
        .collect();
    let mut parts: Vec<&[u8]> = vec![&[0x02, 0x01, 0x00]];
    parts.extend(ints.iter().map(Vec::as_slice));
    Ok(der_seq(&parts))
}

/// The elements of a DER SEQUENCE that is all of `bytes`.
fn sequence(bytes: &[u8]) -> Option<Vec<Element<'_>>> {
    let (element, rest) = der_read(bytes)?;
    if element.tag != 0x30 || !rest.is_empty() {
        return None;
    }
    der_children(element.content)
}

/// A non-negative INTEGER's value.
fn uint(element: &Element<'_>) -> Option<BigUint> {
    if element.tag != 0x02 || element.content.first().is_none_or(|&b| b & 0x80 != 0) {
        return None;
    }
    Some(BigUint::from_bytes_be(element.content))
}

/// PKCS#1 RSAPrivateKey: the key is rebuilt from n, e, d and the primes, and checked.
fn parse_rsa_pkcs1(bytes: &[u8]) -> Result<RsaPrivateKey, String> {
    let malformed = || {
        "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)"
            .to_string()
    };
    let fields = sequence(bytes).ok_or_else(malformed)?;
    if fields.len() != 9 || uint(&fields[0]) != Some(BigUint::from(0u32)) {
        return Err(malformed());
    }
    let ints: Vec<BigUint> = fields[1..6]
        .iter()
        .map(uint)
        .collect::<Option<_>>()
        .ok_or_else(malformed)?;
    let [n, e, d, p, q] = <[BigUint; 5]>::try_from(ints).map_err(|_| malformed())?;
    let key = RsaPrivateKey::from_components(n, e, d, vec![p, q]).map_err(|e| e.to_string())?;
    key.validate().map_err(|e| e.to_string())?;
    Ok(key)
}

/// SEC 1 ECPrivateKey on P-256 (the curve named in it, or `curve` from a PKCS#8 wrapper).
fn parse_ec_sec1(bytes: &[u8], curve_known: bool) -> Result<p256::SecretKey, String> {
    let malformed = || "x509: failed to parse EC private key".to_string();
    let fields = sequence(bytes).ok_or_else(malformed)?;
    if fields.len() < 2 || uint(&fields[0]) != Some(BigUint::from(1u32)) || fields[1].tag != 0x04 {
        return Err(malformed());
    }
    let curve = fields.iter().find(|f| f.tag == 0xa0).map(|f| f.content);
    match curve {
        Some(oid) if oid != OID_PRIME256V1 => {
            return Err("x509: unknown elliptic curve (only P-256 is supported here)".into())
        }
        None if !curve_known => return Err(malformed()),
        _ => {}
    }
    p256::SecretKey::from_slice(fields[1].content)
        .map_err(|_| "x509: invalid elliptic curve private key value".to_string())
}

/// Reads the first PEM block of `text` as a private key (Sprig's rules: by the block's type).
pub(crate) fn parse_private_key_pem(text: &str) -> Result<PrivateKey, String> {
    let Some((label, der)) = pem_decode(text) else {
        return Err("no PEM data in input".into());
    };
    match label.as_str() {
        "RSA PRIVATE KEY" => parse_rsa_pkcs1(&der)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .map_err(|e| format!("parsing RSA private key from PEM: {e}")),
        "EC PRIVATE KEY" => parse_ec_sec1(&der, false)
            .map(PrivateKey::EcP256)
            .map_err(|e| format!("parsing EC private key from PEM: {e}")),
        "DSA PRIVATE KEY" => Ok(PrivateKey::Dsa),
        "PRIVATE KEY" => {
            parse_pkcs8(&der).map_err(|e| format!("parsing private key from PEM: {e}"))
        }
        _ => Err(format!("no private key data in PEM block of type {label}")),
    }
}

/// PKCS#8 PrivateKeyInfo holding an RSA, P-256 or Ed25519 key.
fn parse_pkcs8(bytes: &[u8]) -> Result<PrivateKey, String> {
    let malformed = || "x509: failed to parse private key".to_string();
    let fields = sequence(bytes).ok_or_else(malformed)?;
    if fields.len() < 3 || fields[0].tag != 0x02 || fields[2].tag != 0x04 {
        return Err(malformed());
    }
    let algorithm = sequence(fields[1].raw).ok_or_else(malformed)?;
    let oid = algorithm
        .first()
        .filter(|e| e.tag == 0x06)
        .ok_or_else(malformed)?;
    let private_key = fields[2].content;
    if oid.raw == OID_RSA_ENCRYPTION {
        return parse_rsa_pkcs1(private_key).map(|k| PrivateKey::Rsa(Box::new(k)));
    }
    if oid.raw == OID_EC_PUBLIC_KEY {
        if algorithm.get(1).map(|e| e.raw) != Some(OID_PRIME256V1) {
            return Err("x509: unknown elliptic curve (only P-256 is supported here)".into());
        }
        return parse_ec_sec1(private_key, true).map(PrivateKey::EcP256);
    }
    if oid.raw == OID_ED25519 {
        // The private key is an OCTET STRING holding the 32-byte seed.
        return match der_read(private_key) {
            Some((seed, rest))
                if seed.tag == 0x04 && seed.content.len() == 32 && rest.is_empty() =>
            {
                let bytes: [u8; 32] = seed.content.try_into().unwrap_or([0; 32]);
                Ok(PrivateKey::Ed25519(Box::new(
                    ed25519_dalek::SigningKey::from_bytes(&bytes),
                )))
            }
            _ => Err("x509: invalid Ed25519 private key".into()),
        };
    }
    Err("x509: PKCS#8 wrapping contained private key with unknown algorithm".into())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sprig::crypto::test_rng;

    pub(crate) fn rng_source(seed: u64) -> impl FnMut() -> u64 {
        test_rng::source(seed)
    }

    #[test]
    fn ecdsa_key_is_sec1_pem_that_reads_back() {
        let mut source = rng_source(1);
        let pem = gen_private_key("ecdsa", &mut SeededRng(&mut source));
        assert!(pem.starts_with("-----BEGIN EC PRIVATE KEY-----\n"), "{pem}");
        let (_, der) = pem_decode(&pem).unwrap();
        assert_eq!(der.len(), 121, "Go's P-256 ECPrivateKey is 121 bytes");
        let key = p256::SecretKey::from_sec1_der(&der).unwrap();
        assert!(matches!(parse_private_key_pem(&pem).unwrap(), PrivateKey::EcP256(k) if k == key));
    }

    #[test]
    fn ed25519_key_is_pkcs8_pem_of_go_shape() {
        let mut source = rng_source(2);
        let pem = gen_private_key("ed25519", &mut SeededRng(&mut source));
        // Go's PKCS#8 Ed25519 key: 48 bytes, 64 base64 characters on one line.
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"),
            "{pem}"
        );
        assert_eq!(pem.lines().count(), 3);
        let (_, der) = pem_decode(&pem).unwrap();
        let info = rsa::pkcs8::PrivateKeyInfo::try_from(der.as_slice()).unwrap();
        assert_eq!(info.algorithm.oid.to_string(), "1.3.101.112");
        assert!(matches!(
            parse_private_key_pem(&pem).unwrap(),
            PrivateKey::Ed25519(_)
        ));
    }

    #[test]
    fn rsa_key_reads_back_and_keys_are_reproducible() {
        // 1024 bits to keep the test quick; `genPrivateKey "rsa"` makes 4096.
        let mut a = rng_source(3);
        let key = PrivateKey::generate_rsa(1024, &mut SeededRng(&mut a)).unwrap();
        let pem = key.to_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        let PrivateKey::Rsa(back) = parse_private_key_pem(&pem).unwrap() else {
            panic!()
        };
        // What the rsa crate writes as PKCS#1 is what we write (Go's layout).
        let theirs = rsa::pkcs1::EncodeRsaPrivateKey::to_pkcs1_der(back.as_ref()).unwrap();
        assert_eq!(pem_decode(&pem).unwrap().1, theirs.as_bytes());
        assert_eq!(back.n().bits(), 1024);
        assert_eq!(back.e(), &rsa::BigUint::from(65537u32));
        back.validate().unwrap();
        let primes = back.primes();
        assert_eq!((primes[0].bits(), primes[1].bits()), (512, 512));
        assert!(primes
            .iter()
            .all(|p| num_bigint_dig::prime::probably_prime(p, 20)));
        let mut b = rng_source(3);
        let again = PrivateKey::generate_rsa(1024, &mut SeededRng(&mut b)).unwrap();
        assert_eq!(
            again.to_pem().unwrap(),
            pem,
            "the same seed gives the same key"
        );
    }

    /// Keys helm printed re-encode byte for byte (Go's encodings are deterministic).
    #[test]
    fn helms_keys_re_encode_identically() {
        for pem in [
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDs13U1c69vvNAConH0FLbjG1VWgqcNlVE3twwoEKm+XoAoGCCqGSM49\nAwEHoUQDQgAE94pSB5oyMU7fcftiORPgt45r3RvWSZ14tAAhBVhUea4xL1Fy3L9j\nAcKxDrXhqdNKTk1ropfL2TeSKtDXRyJvFw==\n-----END EC PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPDuKm25Xmi6imGEU6ilmV1fYAygfX6+SPmT+ICQoi7Y\n-----END PRIVATE KEY-----\n",
        ] {
            assert_eq!(parse_private_key_pem(pem).unwrap().to_pem().unwrap(), pem);
        }
    }

    #[test]
    fn unknown_type_and_bad_pem() {
        let mut source = rng_source(4);
        assert_eq!(
            gen_private_key("foo", &mut SeededRng(&mut source)),
            "Unknown type foo"
        );
        let err = |t: &str| parse_private_key_pem(t).err().unwrap();
        assert_eq!(err("garbage"), "no PEM data in input");
        assert_eq!(
            err("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"),
            "no private key data in PEM block of type FOO"
        );
        assert!(
            err("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")
                .starts_with("parsing RSA private key from PEM: ")
        );
    }

    /// Keys other tools write (openssl genpkey: PKCS#8 RSA and P-256) are read.
    #[test]
    fn reads_pkcs8_rsa_and_ec_keys() {
        let mut source = rng_source(5);
        let PrivateKey::Rsa(rsa_key) =
            PrivateKey::generate_rsa(1024, &mut SeededRng(&mut source)).unwrap()
        else {
            panic!()
        };
        let pkcs8 = rsa::pkcs8::EncodePrivateKey::to_pkcs8_der(rsa_key.as_ref()).unwrap();
        let pem = pem_encode("PRIVATE KEY", pkcs8.as_bytes());
        assert!(matches!(
            parse_private_key_pem(&pem).unwrap(),
            PrivateKey::Rsa(_)
        ));
        let ec = p256::SecretKey::random(&mut SeededRng(&mut source));
        let pkcs8 = p256::pkcs8::EncodePrivateKey::to_pkcs8_der(&ec).unwrap();
        let pem = pem_encode("PRIVATE KEY", pkcs8.as_bytes());
        assert!(matches!(parse_private_key_pem(&pem).unwrap(), PrivateKey::EcP256(k) if k == ec));
    }

    #[test]
    fn small_primes_sieve() {
        let primes = small_odd_primes(100);
        assert_eq!(primes[..8], [3, 5, 7, 11, 13, 17, 19, 23]);
        assert_eq!(primes.len(), 24);
        assert_eq!(*primes.last().unwrap(), 97);
    }

    /// A P-384 key (openssl genpkey, PKCS#8) is refused with a message saying why; as SEC 1 too.
    #[test]
    fn other_curves_are_refused() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDC2j19NkaQrnkL8wDu+\nDtw8KqA4ExxH8mvq3CpcN7N+qt6sBStRxYknpICoIl+K7aahZANiAAQ0QVhJuBGU\ncJtHIP/ts6WOnTqU4ob6aofp1+sLbEJhKMmaBS7Emh+ecHBP3XRDiETZY7VkYJxh\nwtiLfT0wyvDGPQDrwf8nhIAT8gpYRS2eTcvwY3wcwn4wxBDE9Pzl+Tw=\n-----END PRIVATE KEY-----\n";
        let err = parse_private_key_pem(pem).err().unwrap();
        assert_eq!(err, "parsing private key from PEM: x509: unknown elliptic curve (only P-256 is supported here)");
        let (_, der) = pem_decode(pem).unwrap();
        let info = sequence(&der).unwrap();
        let sec1 = pem_encode("EC PRIVATE KEY", info[2].content);
        // openssl's inner key names no curve: SEC 1 alone cannot say which it is.
        assert!(parse_private_key_pem(&sec1).is_err());
    }

    /// DSA parameter generation (L = 2048) takes seconds: run with `--ignored`.
    #[test]
    #[ignore]
    fn dsa_key_is_openssl_sequence() {
        let mut source = rng_source(6);
        let start = std::time::Instant::now();
        let pem = gen_private_key("dsa", &mut SeededRng(&mut source));
        eprintln!("DSA 2048/256: {:?}\n{pem}", start.elapsed());
        assert!(pem.starts_with("-----BEGIN DSA PRIVATE KEY-----\n"));
        assert!(matches!(
            parse_private_key_pem(&pem).unwrap(),
            PrivateKey::Dsa
        ));
    }

    /// Our prime search against the rsa crate's, averaged over seeds (release build:
    /// `cargo test --release -- --ignored rsa_versus`).
    #[test]
    #[ignore]
    fn rsa_versus_crate() {
        for bits in [2048, 4096] {
            let seeds = if bits == 2048 { 20 } else { 6 };
            let (mut ours, mut theirs) = (0.0, 0.0);
            for seed in 0..seeds {
                let mut source = rng_source(seed);
                let start = std::time::Instant::now();
                PrivateKey::generate_rsa(bits, &mut SeededRng(&mut source)).unwrap();
                ours += start.elapsed().as_secs_f64();
                let mut source = rng_source(seed);
                let start = std::time::Instant::now();
                RsaPrivateKey::new(&mut SeededRng(&mut source), bits).unwrap();
                theirs += start.elapsed().as_secs_f64();
            }
            eprintln!(
                "RSA {bits}: ours {:.3} s, rsa crate {:.3} s on average",
                ours / seeds as f64,
                theirs / seeds as f64
            );
        }
    }

    /// RSA key generation times (release build: `cargo test --release -- --ignored rsa_timing`).
    #[test]
    #[ignore]
    fn rsa_timing() {
        for (bits, seed) in [(2048, 1), (2048, 2), (2048, 3), (4096, 1), (4096, 2)] {
            let mut source = rng_source(seed);
            let start = std::time::Instant::now();
            PrivateKey::generate_rsa(bits, &mut SeededRng(&mut source)).unwrap();
            eprintln!("RSA {bits}: {:?}", start.elapsed());
        }
    }
}
