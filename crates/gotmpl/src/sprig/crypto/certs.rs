//! Certificates: `genCA`, `genSelfSignedCert`, `genSignedCert` (each with a `…WithKey` form
//! taking the key as PEM) and `buildCustomCert`. They return a [`Certificate`], Sprig's
//! `certificate` struct with the PEM fields `.Cert` and `.Key`.
//!
//! The certificates have the shape Go's `x509.CreateCertificate` gives Sprig's templates: a
//! random 128-bit serial, validity from now for the given days, the common name as the only
//! subject attribute, key usage (critical), server and client auth, basic constraints (critical),
//! a SHA-1 subject key identifier on CAs, the CA's key identifier as authority key identifier,
//! and the DNS names and IPs as subject alternative names. New keys are RSA 2048.

use std::net::IpAddr;
use std::rc::Rc;

use sha1::Digest;

use super::encoding::{
    base64_decode, der, der_bits, der_children, der_octets, der_read, der_seq, der_uint,
    pem_decode, pem_encode,
};
use super::keys::{parse_private_key_pem, PrivateKey, CERT_RSA_BITS, KEYGEN_STEPS, QUICK_RSA_BITS};
use super::{arg_int, arg_list, arg_str, check_arity, insert, wrong_type, SeededRng};
use crate::exec::{Call, Funcs};
use crate::value::{Map, Object, Value};

/// Sprig's `certificate`: PEM text of a certificate and its private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub cert: String,
    pub key: String,
}

/// The Go type, as `printf "%T"` names it.
const TYPE_NAME: &str = "sprig.certificate";

impl Object for Certificate {
    fn type_name(&self) -> &str {
        TYPE_NAME
    }

    fn member(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(match name {
            "Cert" => Some(Value::str(&self.cert)),
            "Key" => Some(Value::str(&self.key)),
            _ => None,
        })
    }

    fn format(&self) -> String {
        format!("{{{} {}}}", self.cert, self.key)
    }

    fn to_data(&self) -> Value {
        Value::Map(Map::from_entries([
            ("Cert".to_string(), Value::str(&self.cert)),
            ("Key".to_string(), Value::str(&self.key)),
        ]))
    }
}

/// A `sprig.certificate` argument: ours, or any host object of that type with the two fields.
fn arg_certificate(value: &Value) -> Result<Certificate, String> {
    if let Value::Object(object) = value {
        if object.type_name() == TYPE_NAME {
            let field = |name| match object.member(name, &[]) {
                Ok(Some(Value::String(s))) => Ok(s.to_string()),
                _ => Err(wrong_type(TYPE_NAME, value)),
            };
            return Ok(Certificate {
                cert: field("Cert")?,
                key: field("Key")?,
            });
        }
    }
    Err(wrong_type(TYPE_NAME, value))
}

fn certificate_value(cert: Certificate) -> Value {
    Value::Object(Rc::new(cert))
}

pub(super) fn register(funcs: &mut Funcs) {
    insert(funcs, "genCA", |call, args| {
        check_arity("genCA", args, 2)?;
        let request = Request::ca(arg_str(args, 0)?, arg_int(args, 1)?);
        generate(call, &request, None, None)
    });
    insert(funcs, "genCAWithKey", |call, args| {
        check_arity("genCAWithKey", args, 3)?;
        let request = Request::ca(arg_str(args, 0)?, arg_int(args, 1)?);
        let key = parse_private_key_pem(arg_str(args, 2)?)
            .map_err(|e| format!("parsing private key: {e}"))?;
        generate(call, &request, Some(key), None)
    });
    insert(funcs, "genSelfSignedCert", |call, args| {
        check_arity("genSelfSignedCert", args, 4)?;
        generate(call, &Request::leaf(args)?, None, None)
    });
    insert(funcs, "genSelfSignedCertWithKey", |call, args| {
        check_arity("genSelfSignedCertWithKey", args, 5)?;
        let request = Request::leaf(args)?;
        let key = parse_private_key_pem(arg_str(args, 4)?)
            .map_err(|e| format!("parsing private key: {e}"))?;
        generate(call, &request, Some(key), None)
    });
    insert(funcs, "genSignedCert", |call, args| {
        check_arity("genSignedCert", args, 5)?;
        let request = Request::leaf(args)?;
        let ca = arg_certificate(&args[4])?;
        generate(call, &request, None, Some(&ca))
    });
    insert(funcs, "genSignedCertWithKey", |call, args| {
        check_arity("genSignedCertWithKey", args, 6)?;
        let request = Request::leaf(args)?;
        let ca = arg_certificate(&args[4])?;
        let key = parse_private_key_pem(arg_str(args, 5)?)
            .map_err(|e| format!("parsing private key: {e}"))?;
        generate(call, &request, Some(key), Some(&ca))
    });
    funcs.add("buildCustomCert", |args| {
        check_arity("buildCustomCert", args, 2)?;
        build_custom_cert(arg_str(args, 0)?, arg_str(args, 1)?).map(certificate_value)
    });
}

/// What a certificate is asked to be.
pub(crate) struct Request {
    pub common_name: String,
    pub ips: Vec<IpAddr>,
    pub dns_names: Vec<String>,
    pub days: i64,
    pub is_ca: bool,
}

impl Request {
    fn ca(common_name: &str, days: i64) -> Request {
        Request {
            common_name: common_name.to_string(),
            ips: Vec::new(),
            dns_names: Vec::new(),
            days,
            is_ca: true,
        }
    }

    /// `cn ips alternateDNS daysValid` of the non-CA functions.
    fn leaf(args: &[Value]) -> Result<Request, String> {
        let mut ips = Vec::new();
        for ip in arg_list(args, 1)? {
            let Value::String(text) = &ip else {
                return Err(format!(
                    "error parsing ip: {} is not a string",
                    crate::fmt::format_value(&ip)
                ));
            };
            ips.push(parse_ip(text).ok_or_else(|| format!("error parsing ip: {text}"))?);
        }
        let mut dns_names = Vec::new();
        for name in arg_list(args, 2)? {
            let Value::String(text) = &name else {
                return Err(format!(
                    "error processing alternate dns name: {} is not a string",
                    crate::fmt::format_value(&name)
                ));
            };
            dns_names.push(text.to_string());
        }
        Ok(Request {
            common_name: arg_str(args, 0)?.to_string(),
            ips,
            dns_names,
            days: arg_int(args, 3)?,
            is_ca: false,
        })
    }
}

/// Go's `net.ParseIP`: dotted IPv4 or IPv6 text, no zone.
fn parse_ip(text: &str) -> Option<IpAddr> {
    text.parse().ok()
}

/// Makes the key (RSA 2048 unless given) and the certificate, signed by `ca` or by itself.
fn generate(
    call: &mut Call<'_>,
    request: &Request,
    key: Option<PrivateKey>,
    ca: Option<&Certificate>,
) -> Result<Value, String> {
    // Key generation and signing are heavy: charge for them.
    call.charge(if key.is_some() {
        KEYGEN_STEPS / 16
    } else {
        KEYGEN_STEPS
    })?;
    let now_secs = call.now_unix_nanos().div_euclid(1_000_000_000);
    let quick = call.quick_crypto();
    let mut next = || call.random_u64();
    let rng = &mut SeededRng(&mut next);
    let key = match key {
        None if quick => Some(PrivateKey::generate_rsa(QUICK_RSA_BITS, rng)?),
        key => key,
    };
    make_certificate(request, key, ca, now_secs, rng).map(certificate_value)
}

/// The signer of a certificate: the CA's certificate parts and its key.
struct Issuer {
    subject: Vec<u8>,
    key_id: Option<Vec<u8>>,
    key: PrivateKey,
}

pub(crate) fn make_certificate(
    request: &Request,
    key: Option<PrivateKey>,
    ca: Option<&Certificate>,
    now_secs: i64,
    rng: &mut SeededRng<'_>,
) -> Result<Certificate, String> {
    // The CA is read first, as Sprig does, so that its errors come before any key is made.
    let issuer = ca.map(read_issuer).transpose()?;
    let key = match key {
        Some(key) => key,
        None => PrivateKey::generate_rsa(CERT_RSA_BITS, rng)
            .map_err(|e| format!("error generating rsa key: {e}"))?,
    };
    let created = |e: String| format!("error creating certificate: {e}");
    let public_key_info = key.public_key_info().map_err(created)?;
    let public_bits = key.public_key_bits().map_err(created)?;
    let subject = name(&request.common_name);
    let (signer, issuer_name, authority_key_id) = match &issuer {
        Some(issuer) => (&issuer.key, issuer.subject.clone(), issuer.key_id.clone()),
        None => (&key, subject.clone(), None),
    };
    let signature_algorithm = signer.signature_algorithm();

    let serial = rng.bytes(16);
    let not_before = now_secs;
    let not_after = now_secs.saturating_add(request.days.saturating_mul(86_400));
    let mut extensions = vec![
        extension(
            &[0x55, 0x1d, 0x0f],
            true,
            if request.is_ca {
                &[0x03, 0x02, 0x02, 0xa4]
            } else {
                &[0x03, 0x02, 0x05, 0xa0]
            },
        ),
        // serverAuth, clientAuth
        extension(
            &[0x55, 0x1d, 0x25],
            false,
            &der_seq(&[
                &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01],
                &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02],
            ]),
        ),
        extension(
            &[0x55, 0x1d, 0x13],
            true,
            if request.is_ca {
                &[0x30, 0x03, 0x01, 0x01, 0xff]
            } else {
                &[0x30, 0x00]
            },
        ),
    ];
    if request.is_ca {
        extensions.push(extension(
            &[0x55, 0x1d, 0x0e],
            false,
            &der_octets(&sha1::Sha1::digest(&public_bits)),
        ));
    }
    if let Some(id) = authority_key_id {
        extensions.push(extension(
            &[0x55, 0x1d, 0x23],
            false,
            &der_seq(&[&der(0x80, &id)]),
        ));
    }
    if !request.dns_names.is_empty() || !request.ips.is_empty() {
        let mut names = Vec::new();
        for dns in &request.dns_names {
            names.extend(der(0x82, dns.as_bytes()));
        }
        for ip in &request.ips {
            names.extend(der(0x87, &ip_bytes(ip)));
        }
        extensions.push(extension(&[0x55, 0x1d, 0x11], false, &der(0x30, &names)));
    }

    let tbs = der_seq(&[
        &[0xa0, 0x03, 0x02, 0x01, 0x02],
        &der_uint(&serial),
        signature_algorithm,
        &issuer_name,
        &der_seq(&[&time(not_before)?, &time(not_after)?]),
        &subject,
        &public_key_info,
        &der(0xa3, &der(0x30, &extensions.concat())),
    ]);
    let signature = signer.sign(&tbs).map_err(created)?;
    let cert = der_seq(&[&tbs, signature_algorithm, &der_bits(&signature)]);
    let key_pem = key.to_pem().map_err(created)?;
    Ok(Certificate {
        cert: pem_encode("CERTIFICATE", &cert),
        key: key_pem,
    })
}

fn extension(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let id = der(0x06, oid);
    let value = der_octets(value);
    if critical {
        der_seq(&[&id, &[0x01, 0x01, 0xff], &value])
    } else {
        der_seq(&[&id, &value])
    }
}

/// An IPv4 address (also one written as IPv4-mapped IPv6) takes 4 bytes, as Go's `To4` gives.
fn ip_bytes(ip: &IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.octets().to_vec(),
            None => v6.octets().to_vec(),
        },
    }
}

/// A Name with the common name as its only attribute (none when empty), as PrintableString when
/// it can be one, else UTF8String (Go's choice; Go lets `*` into a PrintableString).
fn name(common_name: &str) -> Vec<u8> {
    if common_name.is_empty() {
        return der_seq(&[]);
    }
    let printable = common_name
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || b" '()+,-./:=?*".contains(&c));
    let value = der(if printable { 0x13 } else { 0x0c }, common_name.as_bytes());
    let attribute = der_seq(&[&[0x06, 0x03, 0x55, 0x04, 0x03], &value]);
    der_seq(&[&der(0x31, &attribute)])
}

/// UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280, as Go does).
fn time(unix_secs: i64) -> Result<Vec<u8>, String> {
    let days = unix_secs.div_euclid(86_400);
    let secs = unix_secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let clock = format!(
        "{month:02}{day:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    );
    if (1950..2050).contains(&year) {
        Ok(der(0x17, format!("{:02}{clock}", year % 100).as_bytes()))
    } else if (0..=9999).contains(&year) {
        Ok(der(0x18, format!("{year:04}{clock}").as_bytes()))
    } else {
        Err(format!(
            "error creating certificate: x509: year {year} is out of range"
        ))
    }
}

/// The proleptic Gregorian date of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Reads a CA's certificate and key for signing: its subject, its key identifier, its key (which
/// must be the certificate's).
fn read_issuer(ca: &Certificate) -> Result<Issuer, String> {
    let (_, der_bytes) = pem_decode(&ca.cert)
        .filter(|(label, _)| label == "CERTIFICATE")
        .ok_or_else(|| "unable to decode certificate".to_string())?;
    let parsed =
        parse_certificate(&der_bytes).map_err(|e| format!("error parsing certificate: {e}"))?;
    let key =
        parse_private_key_pem(&ca.key).map_err(|e| format!("error parsing private key: {e}"))?;
    let public_bits = key
        .public_key_bits()
        .map_err(|e| format!("error creating certificate: {e}"))?;
    if public_bits != parsed.public_key_bits {
        return Err("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey".into());
    }
    Ok(Issuer {
        subject: parsed.subject,
        key_id: parsed.subject_key_id,
        key,
    })
}

/// The parts of a parsed certificate that signing with it needs.
struct ParsedCertificate {
    subject: Vec<u8>,
    public_key_bits: Vec<u8>,
    subject_key_id: Option<Vec<u8>>,
}

/// Walks a certificate's DER: the outer sequence (TBS, algorithm, signature), the TBS fields in
/// order, the public key and the extensions. Checks the structure, not every field's content
/// (Go's parser checks more: names, times, extension values).
fn parse_certificate(der_bytes: &[u8]) -> Result<ParsedCertificate, String> {
    parse_certificate_parts(der_bytes).ok_or_else(|| "x509: malformed certificate".to_string())
}

fn parse_certificate_parts(der_bytes: &[u8]) -> Option<ParsedCertificate> {
    let (outer, rest) = der_read(der_bytes)?;
    let parts = der_children(outer.content)?;
    let shape: Vec<u8> = parts.iter().map(|e| e.tag).collect();
    if outer.tag != 0x30 || !rest.is_empty() || shape != [0x30, 0x30, 0x03] {
        return None;
    }
    let mut fields = der_children(parts[0].content)?.into_iter().peekable();
    // [0] version, optional.
    fields.next_if(|e| e.tag == 0xa0);
    let mut next = |tag: u8| fields.next().filter(|e| e.tag == tag);
    let _serial = next(0x02)?;
    let _algorithm = next(0x30)?;
    let _issuer = next(0x30)?;
    let validity = next(0x30)?;
    let subject = next(0x30)?;
    let public_key_info = next(0x30)?;
    let times = der_children(validity.content)?;
    if times.len() != 2 || times.iter().any(|t| t.tag != 0x17 && t.tag != 0x18) {
        return None;
    }
    let key_parts = der_children(public_key_info.content)?;
    let [algorithm, bits] = key_parts.as_slice() else {
        return None;
    };
    if algorithm.tag != 0x30 || bits.tag != 0x03 || bits.content.first() != Some(&0) {
        return None;
    }
    let mut subject_key_id = None;
    for element in fields {
        // [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions.
        if element.tag != 0xa3 {
            continue;
        }
        let (list, _) = der_read(element.content)?;
        for extension in der_children(list.content)? {
            let parts = der_children(extension.content)?;
            let (id, value) = (parts.first()?, parts.last()?);
            if id.tag == 0x06 && id.content == [0x55, 0x1d, 0x0e] && value.tag == 0x04 {
                let (key_id, _) = der_read(value.content)?;
                subject_key_id = Some(key_id.content.to_vec());
            }
        }
    }
    Some(ParsedCertificate {
        subject: subject.raw.to_vec(),
        public_key_bits: bits.content[1..].to_vec(),
        subject_key_id,
    })
}

/// `buildCustomCert`: the base64 of a PEM certificate and of a PEM key, checked and kept as given.
pub(crate) fn build_custom_cert(cert_b64: &str, key_b64: &str) -> Result<Certificate, String> {
    let cert =
        base64_decode(cert_b64).map_err(|_| "unable to decode base64 certificate".to_string())?;
    let key =
        base64_decode(key_b64).map_err(|_| "unable to decode base64 private key".to_string())?;
    let cert = String::from_utf8_lossy(&cert).into_owned();
    let key = String::from_utf8_lossy(&key).into_owned();
    let (_, der_bytes) =
        pem_decode(&cert).ok_or_else(|| "unable to decode certificate".to_string())?;
    parse_certificate(&der_bytes).map_err(|e| format!("error parsing certificate: {e}"))?;
    parse_private_key_pem(&key).map_err(|e| format!("error parsing private key: {e}"))?;
    Ok(Certificate { cert, key })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::crypto::encoding::base64_encode;
    use crate::sprig::crypto::test_rng;
    use der::{Decode, Encode};
    use x509_cert::ext::pkix::{self, name::GeneralName};

    const NOW: i64 = 1_796_601_600; // 2026-12-07T00:00:00Z

    fn rng_run<T>(seed: u64, f: impl FnOnce(&mut SeededRng<'_>) -> T) -> T {
        let mut source = test_rng::source(seed);
        f(&mut SeededRng(&mut source))
    }

    fn parse(cert: &Certificate) -> x509_cert::Certificate {
        let (label, der_bytes) = pem_decode(&cert.cert).unwrap();
        assert_eq!(label, "CERTIFICATE");
        x509_cert::Certificate::from_der(&der_bytes).unwrap()
    }

    fn ext<'a, T: Decode<'a>>(cert: &'a x509_cert::Certificate, oid: &str) -> Option<(bool, T)> {
        let ext = cert
            .tbs_certificate
            .extensions
            .as_ref()?
            .iter()
            .find(|e| e.extn_id.to_string() == oid)?;
        Some((
            ext.critical,
            T::from_der(ext.extn_value.as_bytes()).unwrap(),
        ))
    }

    fn common_name(name: &x509_cert::name::Name) -> String {
        name.to_string()
    }

    fn leaf(cn: &str, ips: &[&str], dns: &[&str], days: i64) -> Request {
        Request {
            common_name: cn.into(),
            ips: ips.iter().map(|s| parse_ip(s).unwrap()).collect(),
            dns_names: dns.iter().map(|s| s.to_string()).collect(),
            days,
            is_ca: false,
        }
    }

    fn ecdsa_key(seed: u64) -> PrivateKey {
        rng_run(seed, |rng| PrivateKey::EcP256(p256::SecretKey::random(rng)))
    }

    /// Verifies `cert`'s signature with `issuer`'s public key (ECDSA P-256 or Ed25519 or RSA).
    fn verify(cert: &x509_cert::Certificate, issuer: &x509_cert::Certificate) {
        use p256::ecdsa::signature::Verifier;
        let tbs = cert.tbs_certificate.to_der().unwrap();
        let signature = cert.signature.raw_bytes();
        let spki = &issuer.tbs_certificate.subject_public_key_info;
        let key_bits = spki.subject_public_key.raw_bytes();
        match spki.algorithm.oid.to_string().as_str() {
            "1.2.840.10045.2.1" => {
                let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bits).unwrap();
                let sig = p256::ecdsa::Signature::from_der(signature).unwrap();
                key.verify(&tbs, &sig).unwrap();
            }
            "1.3.101.112" => {
                let key =
                    ed25519_dalek::VerifyingKey::from_bytes(key_bits.try_into().unwrap()).unwrap();
                key.verify(
                    &tbs,
                    &ed25519_dalek::Signature::from_slice(signature).unwrap(),
                )
                .unwrap();
            }
            "1.2.840.113549.1.1.1" => {
                use rsa::pkcs1::DecodeRsaPublicKey;
                use sha2::Sha256;
                let key = rsa::RsaPublicKey::from_pkcs1_der(key_bits).unwrap();
                key.verify(
                    rsa::Pkcs1v15Sign::new::<Sha256>(),
                    &Sha256::digest(&tbs),
                    signature,
                )
                .unwrap();
            }
            other => panic!("unexpected key algorithm {other}"),
        }
    }

    #[test]
    fn ca_has_go_shape() {
        let ca = rng_run(1, |rng| {
            make_certificate(
                &Request::ca("my-ca", 365),
                Some(ecdsa_key(9)),
                None,
                NOW,
                rng,
            )
        })
        .unwrap();
        assert!(ca.key.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
        let parsed = parse(&ca);
        let tbs = &parsed.tbs_certificate;
        assert_eq!(tbs.version, x509_cert::Version::V3);
        assert_eq!(common_name(&tbs.subject), "CN=my-ca");
        assert_eq!(tbs.subject, tbs.issuer);
        assert_eq!(
            tbs.validity.not_before.to_unix_duration().as_secs() as i64,
            NOW
        );
        assert_eq!(
            tbs.validity.not_after.to_unix_duration().as_secs() as i64,
            NOW + 365 * 86_400
        );
        assert_eq!(
            parsed.signature_algorithm.oid.to_string(),
            "1.2.840.10045.4.3.2"
        );
        let (critical, constraints): (bool, pkix::BasicConstraints) =
            ext(&parsed, "2.5.29.19").unwrap();
        assert!(critical && constraints.ca);
        let (critical, usage): (bool, pkix::KeyUsage) = ext(&parsed, "2.5.29.15").unwrap();
        assert!(critical);
        assert!(usage.digital_signature() && usage.key_encipherment() && usage.key_cert_sign());
        let (_, eku): (bool, pkix::ExtendedKeyUsage) = ext(&parsed, "2.5.29.37").unwrap();
        let eku: Vec<String> = eku.0.iter().map(|o| o.to_string()).collect();
        assert_eq!(eku, ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
        let (_, ski): (bool, pkix::SubjectKeyIdentifier) = ext(&parsed, "2.5.29.14").unwrap();
        let bits = tbs.subject_public_key_info.subject_public_key.raw_bytes();
        assert_eq!(ski.0.as_bytes(), sha1::Sha1::digest(bits).as_slice());
        assert!(ext::<pkix::AuthorityKeyIdentifier>(&parsed, "2.5.29.35").is_none());
        verify(&parsed, &parsed);
        // A 128-bit positive serial.
        assert!(tbs.serial_number.as_bytes().len() <= 17);
    }

    #[test]
    fn signed_cert_has_names_days_and_the_cas_signature() {
        let ca = rng_run(2, |rng| {
            make_certificate(&Request::ca("ca", 10), Some(ecdsa_key(8)), None, NOW, rng)
        })
        .unwrap();
        let request = leaf(
            "foo.com",
            &["10.0.0.1", "::1", "::ffff:1.2.3.4"],
            &["foo.com", "www.foo.com"],
            30,
        );
        let cert = rng_run(3, |rng| {
            make_certificate(&request, Some(ecdsa_key(7)), Some(&ca), NOW, rng)
        })
        .unwrap();
        let (parsed, ca_parsed) = (parse(&cert), parse(&ca));
        let tbs = &parsed.tbs_certificate;
        assert_eq!(common_name(&tbs.subject), "CN=foo.com");
        assert_eq!(tbs.issuer, ca_parsed.tbs_certificate.subject);
        assert_eq!(
            tbs.validity.not_after.to_unix_duration().as_secs() as i64,
            NOW + 30 * 86_400
        );
        let (critical, constraints): (bool, pkix::BasicConstraints) =
            ext(&parsed, "2.5.29.19").unwrap();
        assert!(critical && !constraints.ca);
        let (_, usage): (bool, pkix::KeyUsage) = ext(&parsed, "2.5.29.15").unwrap();
        assert!(usage.digital_signature() && usage.key_encipherment() && !usage.key_cert_sign());
        let (_, san): (bool, pkix::SubjectAltName) = ext(&parsed, "2.5.29.17").unwrap();
        let names: Vec<String> = san
            .0
            .iter()
            .map(|n| match n {
                GeneralName::DnsName(d) => format!("DNS:{}", d.as_str()),
                GeneralName::IpAddress(ip) => format!("IP:{:?}", ip.as_bytes()),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "DNS:foo.com",
                "DNS:www.foo.com",
                "IP:[10, 0, 0, 1]",
                "IP:[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]",
                "IP:[1, 2, 3, 4]"
            ]
        );
        let (_, aki): (bool, pkix::AuthorityKeyIdentifier) = ext(&parsed, "2.5.29.35").unwrap();
        let (_, ca_ski): (bool, pkix::SubjectKeyIdentifier) = ext(&ca_parsed, "2.5.29.14").unwrap();
        assert_eq!(aki.key_identifier.unwrap(), ca_ski.0);
        assert!(ext::<pkix::SubjectKeyIdentifier>(&parsed, "2.5.29.14").is_none());
        verify(&parsed, &ca_parsed);
    }

    #[test]
    fn ed25519_and_rsa_keys_sign() {
        let ed = rng_run(4, |rng| gen_key("ed25519", rng));
        let ca = rng_run(5, |rng| {
            make_certificate(&Request::ca("ed-ca", 1), Some(ed), None, NOW, rng)
        })
        .unwrap();
        let ca_parsed = parse(&ca);
        assert_eq!(ca_parsed.signature_algorithm.oid.to_string(), "1.3.101.112");
        verify(&ca_parsed, &ca_parsed);
        // An RSA leaf (1024 bits to keep the test quick) signed by the Ed25519 CA, and an RSA
        // self-signed certificate.
        let rsa = rng_run(6, |rng| PrivateKey::generate_rsa(1024, rng)).unwrap();
        let rsa_pem = rsa.to_pem().unwrap();
        let cert = rng_run(7, |rng| {
            make_certificate(&leaf("x", &[], &[], 1), Some(rsa), Some(&ca), NOW, rng)
        })
        .unwrap();
        assert_eq!(cert.key, rsa_pem);
        verify(&parse(&cert), &ca_parsed);
        let own = rng_run(8, |rng| {
            let key = parse_private_key_pem(&rsa_pem).unwrap();
            make_certificate(&leaf("self", &[], &["a.b"], 1), Some(key), None, NOW, rng)
        })
        .unwrap();
        let own_parsed = parse(&own);
        assert_eq!(
            own_parsed.signature_algorithm.oid.to_string(),
            "1.2.840.113549.1.1.11"
        );
        verify(&own_parsed, &own_parsed);
        // Self-signed, not a CA: no key identifiers.
        assert!(ext::<pkix::SubjectKeyIdentifier>(&own_parsed, "2.5.29.14").is_none());
        assert!(ext::<pkix::AuthorityKeyIdentifier>(&own_parsed, "2.5.29.35").is_none());
    }

    fn gen_key(kind: &str, rng: &mut SeededRng<'_>) -> PrivateKey {
        parse_private_key_pem(&super::super::keys::gen_private_key(kind, rng)).unwrap()
    }

    #[test]
    fn a_mismatched_ca_key_and_dsa_keys_are_refused() {
        let ca = rng_run(10, |rng| {
            make_certificate(&Request::ca("ca", 1), Some(ecdsa_key(1)), None, NOW, rng)
        })
        .unwrap();
        let other = ecdsa_key(2).to_pem().unwrap();
        let wrong = Certificate {
            cert: ca.cert.clone(),
            key: other,
        };
        let err = rng_run(11, |rng| {
            make_certificate(
                &leaf("x", &[], &[], 1),
                Some(ecdsa_key(3)),
                Some(&wrong),
                NOW,
                rng,
            )
        })
        .unwrap_err();
        assert_eq!(err, "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey");
        let err = rng_run(12, |rng| {
            make_certificate(&Request::ca("x", 1), Some(PrivateKey::Dsa), None, NOW, rng)
        })
        .unwrap_err();
        assert_eq!(err, "error creating certificate: x509: certificate private key does not implement crypto.Signer");
    }

    #[test]
    fn names_and_times_follow_go() {
        assert_eq!(name(""), [0x30, 0x00]);
        assert_eq!(name("*.foo.com")[11], 0x13, "PrintableString");
        assert_eq!(name("*.a&b")[11], 0x0c, "UTF8String");
        assert_eq!(name("ünï")[11], 0x0c);
        assert_eq!(time(NOW).unwrap(), der(0x17, b"261207000000Z"));
        assert_eq!(time(2_524_608_000).unwrap(), der(0x18, b"20500101000000Z"));
        assert_eq!(time(-631_152_001).unwrap(), der(0x18, b"19491231235959Z"));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn build_custom_cert_checks_and_keeps_its_input() {
        let ca = rng_run(13, |rng| {
            make_certificate(&Request::ca("ca", 1), Some(ecdsa_key(4)), None, NOW, rng)
        })
        .unwrap();
        let built = build_custom_cert(
            &base64_encode(ca.cert.as_bytes()),
            &base64_encode(ca.key.as_bytes()),
        )
        .unwrap();
        assert_eq!(built, ca);
        let b64 = |s: &str| base64_encode(s.as_bytes());
        let err = |c: &str, k: &str| build_custom_cert(c, k).unwrap_err();
        // Observed with helm 3.17.3.
        assert_eq!(err("!!", "!!"), "unable to decode base64 certificate");
        assert_eq!(err("YWJj", "YWJj"), "unable to decode certificate");
        assert_eq!(
            err(&b64(&ca.cert), &b64("garbage")),
            "error parsing private key: no PEM data in input"
        );
        assert_eq!(
            err(
                &b64(&ca.cert),
                &b64("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n")
            ),
            "error parsing private key: no private key data in PEM block of type FOO"
        );
        assert!(err(
            &b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            &b64(&ca.key)
        )
        .starts_with("error parsing certificate: "));
    }

    #[test]
    fn certificate_object_has_cert_and_key() {
        let cert = Certificate {
            cert: "C".into(),
            key: "K".into(),
        };
        assert_eq!(cert.type_name(), "sprig.certificate");
        assert_eq!(
            cert.member("Cert", &[]).unwrap().unwrap().as_str(),
            Some("C")
        );
        assert_eq!(
            cert.member("Key", &[]).unwrap().unwrap().as_str(),
            Some("K")
        );
        assert!(cert.member("Other", &[]).unwrap().is_none());
        assert_eq!(cert.format(), "{C K}");
        let value = certificate_value(cert.clone());
        assert_eq!(arg_certificate(&value).unwrap(), cert);
        assert_eq!(
            arg_certificate(&Value::str("notca")).unwrap_err(),
            "wrong type for value; expected sprig.certificate; got string"
        );
    }

    /// Helm's own genSignedCert output: a CA from helm 3.17.3 signs here, and helm's leaf parses.
    #[test]
    fn helms_ca_signs_here() {
        let ca = Certificate {
            cert: HELM_CA_CERT.into(),
            key: HELM_CA_KEY.into(),
        };
        let request = leaf("foo.com", &["10.0.0.1"], &["foo.com"], 30);
        let cert = rng_run(14, |rng| {
            make_certificate(&request, Some(ecdsa_key(5)), Some(&ca), NOW, rng)
        })
        .unwrap();
        let (parsed, ca_parsed) = (parse(&cert), parse(&ca));
        assert_eq!(
            parsed.tbs_certificate.issuer,
            ca_parsed.tbs_certificate.subject
        );
        verify(&parsed, &ca_parsed);
    }

    /// Our certificate walk finds what x509-cert finds in helm's CA.
    #[test]
    fn the_certificate_walk_agrees_with_x509_cert() {
        let der_bytes = pem_decode(HELM_CA_CERT).unwrap().1;
        let ours = parse_certificate(&der_bytes).unwrap();
        let theirs = x509_cert::Certificate::from_der(&der_bytes).unwrap();
        assert_eq!(
            ours.subject,
            theirs.tbs_certificate.subject.to_der().unwrap()
        );
        assert_eq!(
            ours.public_key_bits,
            theirs
                .tbs_certificate
                .subject_public_key_info
                .subject_public_key
                .raw_bytes()
        );
        let (_, ski): (bool, pkix::SubjectKeyIdentifier) = ext(&theirs, "2.5.29.14").unwrap();
        assert_eq!(ours.subject_key_id.unwrap(), ski.0.as_bytes());
        // Cut anywhere, or with a byte more, it is malformed.
        for cut in [1, 10, der_bytes.len() / 2, der_bytes.len() - 1] {
            assert_eq!(
                parse_certificate(&der_bytes[..cut]).err().unwrap(),
                "x509: malformed certificate"
            );
        }
        let mut longer = der_bytes.clone();
        longer.push(0);
        assert!(parse_certificate(&longer).is_err());
    }

    // `genCAWithKey "x" 10 (genPrivateKey "ecdsa")`, printed by helm 3.17.3.
    const HELM_CA_CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR6gAwIBAgIRAI7jl1GnAnpLbu3EZvbhjN4wCgYIKoZIzj0EAwIwDDEK\nMAgGA1UEAxMBeDAeFw0yNjEyMDcwMDE0MTNaFw0yNjEyMTcwMDE0MTNaMAwxCjAI\nBgNVBAMTAXgwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT3ilIHmjIxTt9x+2I5\nE+C3jmvdG9ZJnXi0ACEFWFR5rjEvUXLcv2MBwrEOteGp00pOTWuil8vZN5Iq0NdH\nIm8Xo2EwXzAOBgNVHQ8BAf8EBAMCAqQwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsG\nAQUFBwMCMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFIKoAhArZa6F5a3gTsRU\nXSiCz0EUMAoGCCqGSM49BAMCA0cAMEQCICbey2Ommp55CtCFEFMMuIyOczes3M8N\nzVfwLSmBC2WwAiBED1hNltknAdZhqKoXP5NedigPCKNcFsR6RaEt9p8Brg==\n-----END CERTIFICATE-----\n";
    const HELM_CA_KEY: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDs13U1c69vvNAConH0FLbjG1VWgqcNlVE3twwoEKm+XoAoGCCqGSM49\nAwEHoUQDQgAE94pSB5oyMU7fcftiORPgt45r3RvWSZ14tAAhBVhUea4xL1Fy3L9j\nAcKxDrXhqdNKTk1ropfL2TeSKtDXRyJvFw==\n-----END EC PRIVATE KEY-----\n";
}
