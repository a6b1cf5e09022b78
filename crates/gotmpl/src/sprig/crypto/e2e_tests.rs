//! The crypto functions through the engine: templates parsed and executed with
//! [`crate::sprig::funcs`], compared with what helm 3.17.3 printed (deterministic functions) or
//! checked for shape (random ones), and reproducible under a fixed seed.

use der::Decode;

use super::encoding::pem_decode;
use crate::{ErrorKind, Map, Options, Templates, Value};

fn render_with(text: &str, options: &Options) -> Result<String, crate::Error> {
    let mut templates = Templates::new();
    templates.parse("t", text, &options.limits)?;
    let data = Value::Map(Map::new());
    templates
        .execute("t", &data, &crate::sprig::funcs(), options)
        .map(|o| o.text)
}

fn render(text: &str) -> String {
    render_with(
        text,
        &Options {
            seed: 42,
            now_unix_nanos: 1_796_601_600_000_000_000,
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{text}: {}", e.go_message()))
}

fn error(text: &str) -> String {
    render_with(text, &Options::default())
        .unwrap_err()
        .go_message()
}

#[test]
fn deterministic_functions_print_what_helm_printed() {
    let cases = [
        (
            r#"{{ sha1sum "hello" }}"#,
            "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        ),
        (
            r#"{{ "hello" | sha256sum }}"#,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        ),
        (
            r#"{{ adler32sum "hello" }}|{{ adler32sum "" }}"#,
            "103547413|1",
        ),
        (
            r#"{{ derivePassword 1 "long" "password" "user" "example.com" }}"#,
            "ZedaFaxcZaso9*",
        ),
        (
            r#"{{ derivePassword 1 "name" "password" "user" "example.com" }}"#,
            "cannot find password template name",
        ),
        (
            r#"{{ decryptAES "secretkey" "Aq1VL4Xk55wRno3VdsD6vKkX/5EGlcQifPqpnjac9Iw=" }}"#,
            "plaintext",
        ),
        (
            r#"{{ encryptAES "secretkey" "plaintext" | decryptAES "secretkey" }}"#,
            "plaintext",
        ),
        (r#"{{ decryptAES "k" "" }}"#, ""),
        (r#"{{ htpasswd "us:er" "pw" }}"#, "invalid username: us:er"),
        (r#"{{ genPrivateKey "foo" }}"#, "Unknown type foo"),
        (
            r#"{{ bcrypt (repeat 73 "a") }}"#,
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes",
        ),
    ];
    for (template, want) in cases {
        assert_eq!(render(template), want, "{template}");
    }
}

#[test]
fn errors_are_worded_as_helms() {
    // Observed with helm 3.17.3 (the template name and position are ours).
    let cases = [
        (r#"{{ decryptAES "k" "notbase64!" }}"#, "error calling decryptAES: illegal base64 data at input byte 9"),
        (r#"{{ decryptAES "otherkey" "Aq1VL4Xk55wRno3VdsD6vKkX/5EGlcQifPqpnjac9Iw=" }}"#, "error calling decryptAES: runtime error: slice bounds out of range [:-29]"),
        (r#"{{ htpasswd "user" "pw" "sha" }}"#, "wrong number of args for htpasswd: want 2 got 3"),
        (r#"{{ genSelfSignedCert "x" (list "notanip") nil 10 }}"#, "error calling genSelfSignedCert: error parsing ip: notanip"),
        (r#"{{ genSelfSignedCert "x" (list 12) nil 10 }}"#, "error calling genSelfSignedCert: error parsing ip: 12 is not a string"),
        (r#"{{ genSelfSignedCert "x" nil (list 12) 10 }}"#, "error calling genSelfSignedCert: error processing alternate dns name: 12 is not a string"),
        (r#"{{ genSelfSignedCertWithKey "x" nil nil 10 "garbage" }}"#, "error calling genSelfSignedCertWithKey: parsing private key: no PEM data in input"),
        (r#"{{ genSignedCert "x" nil nil 10 (dict "Cert" "a" "Key" "b") }}"#, "wrong type for value; expected sprig.certificate; got map[string]interface {}"),
        (r#"{{ buildCustomCert "!!" "!!" }}"#, "error calling buildCustomCert: unable to decode base64 certificate"),
        (r#"{{ randBytes -1 }}"#, "error calling randBytes: runtime error: makeslice: len out of range"),
    ];
    for (template, want) in cases {
        let got = error(template);
        assert!(
            got.ends_with(want),
            "{template}\n  want …{want}\n  got  {got}"
        );
    }
}

#[test]
fn random_functions_have_helms_shape_and_follow_the_seed() {
    let template = r#"{{ randBytes 10 }}|{{ bcrypt "pw" }}|{{ htpasswd "user" "pw" }}|{{ encryptAES "k" "x" }}|{{ genPrivateKey "ecdsa" }}"#;
    let out = render(template);
    assert_eq!(out, render(template), "the same seed gives the same output");
    let other = render_with(
        template,
        &Options {
            seed: 43,
            ..Options::default()
        },
    )
    .unwrap();
    assert_ne!(out, other, "another seed gives other output");
    let parts: Vec<&str> = out.split('|').collect();
    assert_eq!(parts[0].len(), 16, "base64 of 10 bytes");
    assert!(parts[1].starts_with("$2a$10$") && parts[1].len() == 60);
    assert!(parts[2].starts_with("user:$2a$10$"));
    assert_eq!(parts[3].len(), 44, "base64 of IV + one block");
    assert_eq!(
        render(&format!(r#"{{{{ decryptAES "k" "{}" }}}}"#, parts[3])),
        "x"
    );
    assert!(parts[4].starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    assert!(render(r#"{{ genPrivateKey "ed25519" }}"#).starts_with("-----BEGIN PRIVATE KEY-----\n"));
}

#[test]
fn certificates_through_templates() {
    let out = render(concat!(
        r#"{{ $ca := genCAWithKey "my-ca" 365 (genPrivateKey "ecdsa") }}"#,
        r#"{{ $c := genSignedCertWithKey "foo.com" (list "10.0.0.1") (list "foo.com" "www.foo.com") 30 $ca (genPrivateKey "ed25519") }}"#,
        r#"{{ printf "%T" $ca }}|{{ $c.Cert }}|{{ $ca.Cert }}|"#,
        r#"{{ $b := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $b.Cert $ca.Cert }}|"#,
        r#"{{ (genSignedCertWithKey "bar" nil nil 1 $b (genPrivateKey "ecdsa")).Cert | len | lt 100 }}|"#,
        r#"{{ printf "%v" $ca | hasPrefix "{-----BEGIN CERTIFICATE-----" }}"#
    ));
    let parts: Vec<&str> = out.split('|').collect();
    assert_eq!(parts[0], "sprig.certificate");
    let parse = |pem: &str| x509_cert::Certificate::from_der(&pem_decode(pem).unwrap().1).unwrap();
    let (cert, ca) = (parse(parts[1]), parse(parts[2]));
    assert_eq!(cert.tbs_certificate.subject.to_string(), "CN=foo.com");
    assert_eq!(cert.tbs_certificate.issuer, ca.tbs_certificate.subject);
    let validity = &cert.tbs_certificate.validity;
    assert_eq!(
        validity.not_after.to_unix_duration().as_secs()
            - validity.not_before.to_unix_duration().as_secs(),
        30 * 86_400
    );
    assert_eq!(
        validity.not_before.to_unix_duration().as_secs(),
        1_796_601_600
    );
    assert_eq!(parts[3], "true");
    assert_eq!(parts[4], "true");
    assert_eq!(parts[5], "true", "%v prints {{CERT KEY}}");
}

#[test]
fn a_huge_rand_bytes_is_a_limit_error() {
    let err = render_with("{{ randBytes 999999999999 }}", &Options::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit, "{}", err.go_message());
}

/// Prints a CA and a signed certificate made as Sprig makes them (RSA 2048), for comparing their
/// structure with helm's (`openssl asn1parse`): `cargo test -p gotmpl --release -- --ignored
/// print_certificates --nocapture`.
#[test]
#[ignore]
fn print_certificates() {
    let out = render(concat!(
        r#"{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "foo.com" (list "10.0.0.1" "::1") (list "foo.com" "www.foo.com") 30 $ca }}"#,
        r#"{{ $ca.Cert }}{{ $c.Cert }}{{ $c.Key }}{{ (genSelfSignedCert "self" nil nil 10).Cert }}"#
    ));
    println!("{out}");
}

#[test]
fn heavy_functions_spend_the_step_budget() {
    let options = Options {
        limits: crate::Limits {
            max_steps: 1 << 20,
            ..crate::Limits::default()
        },
        ..Options::default()
    };
    let start = std::time::Instant::now();
    let err = render_with(
        r#"{{ range until 1000 }}{{ bcrypt "x" }}{{ end }}"#,
        &options,
    )
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit, "{}", err.go_message());
    assert!(start.elapsed().as_secs() < 20, "stopped after a few hashes");
}

/// `quick_crypto`: RSA keys of 512 bits (alone and in certificates) and bcrypt at cost 4, still
/// of the right shape; without it, Sprig's sizes.
#[test]
fn quick_crypto_makes_small_keys_of_the_same_shape() {
    let quick = Options {
        quick_crypto: true,
        ..Options::default()
    };
    let key = render_with(r#"{{ genPrivateKey "rsa" }}"#, &quick).unwrap();
    let Ok(super::keys::PrivateKey::Rsa(key)) = super::keys::parse_private_key_pem(&key) else {
        panic!("an RSA key: {key}");
    };
    assert_eq!(rsa::traits::PublicKeyParts::n(key.as_ref()).bits(), 512);
    let cert = render_with(
        r#"{{ $ca := genCA "ca" 1 }}{{ (genSignedCert "x" nil nil 1 $ca).Cert }}"#,
        &quick,
    )
    .unwrap();
    let (label, der_bytes) = pem_decode(&cert).expect("PEM");
    assert_eq!(label, "CERTIFICATE");
    x509_cert::Certificate::from_der(&der_bytes).expect("a certificate");
    let hash = render_with(r#"{{ bcrypt "pw" }}"#, &quick).unwrap();
    assert!(hash.starts_with("$2a$04$") && hash.len() == 60, "{hash}");
    assert!(render(r#"{{ bcrypt "pw" }}"#).starts_with("$2a$10$"));
}
