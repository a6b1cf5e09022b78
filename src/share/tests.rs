//! The link codec: round trips, each error, and damaged links that must never panic.

use super::*;
use crate::testing::{file, noise};

fn chart(name: &str) -> Vec<File> {
    vec![
        file(
            &format!("{name}/Chart.yaml"),
            format!("apiVersion: v2\nname: {name}\nversion: 1.0.0\n").as_bytes(),
        ),
        file(&format!("{name}/files/blob.bin"), &noise(300, 7)),
        file(&format!("{name}/files/empty.txt"), b""),
        file(
            &format!("{name}/values.yaml"),
            "greeting: 你好\n".as_bytes(),
        ),
    ]
}

fn inputs() -> Vec<SharedInput> {
    let input = |name: &str, kind| SharedInput {
        name: name.to_string(),
        kind,
        files: chart(name.split('.').next().unwrap()),
    };
    vec![
        input("project", SharedKind::Folder),
        input("app.tgz", SharedKind::Archive(Layout::Tgz)),
        input("plain.tar", SharedKind::Archive(Layout::Tar)),
        input("zipped.zip", SharedKind::Archive(Layout::Zip)),
        SharedInput {
            name: String::new(),
            kind: SharedKind::Folder,
            files: Vec::new(),
        },
    ]
}

/// A fragment of our format around any payload.
fn fragment_of(payload: &[u8]) -> String {
    let data = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(payload, 6));
    format!("ecplint=1.0.1.0.{data}")
}

/// A fragment with the end of its DEFLATE stream cut off (a cut at the text is mostly bad base64).
fn cut_deflate(fragment: &str) -> String {
    let (head, data) = fragment.rsplit_once('.').unwrap();
    let deflated = URL_SAFE_NO_PAD.decode(data).unwrap();
    let cut = &deflated[..deflated.len() - 10];
    format!("{head}.{}", URL_SAFE_NO_PAD.encode(cut))
}

fn malformed(fragment: &str) -> Text {
    match decode(fragment) {
        Err(ShareError::Malformed { what }) => what,
        other => panic!("{fragment:.60}: {other:?}"),
    }
}

use crate::diagnostic::Text;

#[test]
fn inputs_of_each_kind_round_trip() {
    let fragment = encode(&inputs(), "0.1.0").unwrap();
    assert!(fragment.starts_with("ecplint=1.0.1.0."), "{fragment:.40}");
    let shared = decode(&fragment).unwrap();
    assert_eq!(shared.made_by, "0.1.0");
    assert_eq!(shared.inputs, inputs());
    assert_eq!(decode(&format!("#{fragment}")).unwrap(), shared);
}

#[test]
fn the_version_is_kept_in_clear_and_cleaned() {
    for (given, kept) in [
        ("1.2.3-rc.1+build.5", "1.2.3-rc.1+build.5"),
        ("a b#c/é", "a_b_c__"),
        ("", ""),
    ] {
        let fragment = encode(&inputs()[..1], given).unwrap();
        assert!(fragment.starts_with(&format!("ecplint=1.{kept}.")));
        assert_eq!(decode(&fragment).unwrap().made_by, kept);
    }
}

#[test]
fn a_shared_input_becomes_its_source_again() {
    for input in inputs().into_iter().take(4) {
        let files = input.files.clone();
        let source = input.into_source().unwrap();
        let read = crate::input::load(source, &Limits::default());
        assert!(read.problems.is_empty(), "{:#?}", read.problems);
        assert_eq!(read.files, files);
    }
}

#[test]
fn encode_refuses_what_a_link_cannot_hold() {
    let one = |files| SharedInput {
        name: "big".into(),
        kind: SharedKind::Folder,
        files,
    };
    let big = one(vec![file("big/blob.bin", &noise(100_000, 3))]);
    match encode(&[big], "0.1.0") {
        Err(ShareError::TooLarge { chars, limit }) => {
            assert!(chars > 130_000 && limit == MAX_LINK_CHARS, "{chars}");
        }
        other => panic!("{other:?}"),
    }
    let zeros = one(vec![file("big/zeros", &vec![0; MAX_PAYLOAD_BYTES])]);
    assert!(matches!(
        encode(&[zeros], "0.1.0"),
        Err(ShareError::TooMuchData {
            limit: MAX_PAYLOAD_BYTES,
            ..
        })
    ));
    let many = one((0..max_entries())
        .map(|i| file(&i.to_string(), b""))
        .collect());
    assert_eq!(
        encode(&[many], "0.1.0"),
        Err(ShareError::TooManyFiles {
            files: max_entries() + 1,
            limit: max_entries()
        })
    );
}

#[test]
fn a_link_in_another_format_names_its_maker() {
    let err = decode("ecplint=2.3.1.4-beta.AAAA").unwrap_err();
    assert_eq!(
        err,
        ShareError::OtherFormat {
            format: "2".into(),
            made_by: "3.1.4-beta".into()
        }
    );
    let m = err.message();
    assert!(
        m.en.contains("ecplint 3.1.4-beta (link format 2)"),
        "{}",
        m.en
    );
    assert!(m.en.contains("reads format 1") && m.zh.contains("3.1.4-beta"));
    // Its length is another format's business.
    let long = format!("ecplint=7.9.0.{}", "A".repeat(MAX_FRAGMENT_CHARS));
    assert!(matches!(decode(&long), Err(ShareError::OtherFormat { .. })));
}

#[test]
fn what_is_not_a_link_says_so() {
    for fragment in ["", "#", "foo=bar", "ecplint", "ECPLINT=1.0.x", "#/charts"] {
        assert_eq!(decode(fragment), Err(ShareError::NotALink), "{fragment}");
    }
    assert!(ShareError::NotALink.message().en.contains("`ecplint=`"));
}

#[test]
fn each_damage_is_malformed_and_says_which() {
    let good = encode(&inputs(), "0.1.0").unwrap();
    let payload = payload::write(&inputs());
    let cases: Vec<(String, &str)> = vec![
        ("ecplint=".into(), "no format number"),
        ("ecplint=x1.0.AAAA".into(), "no format number"),
        (format!("{good}!"), "base64url"),
        (format!("{good}+"), "base64url"),
        ("ecplint=1.0.1.0.A".into(), "base64url"),
        ("ecplint=1.0.1.0.__8".into(), "corrupt"),
        (cut_deflate(&good), "corrupt or cut"),
        (fragment_of(&vec![b'x'; MAX_PAYLOAD_BYTES + 1]), "8 MiB"),
        (fragment_of(&payload[..payload.len() - 1]), "ends early"),
        (
            fragment_of(&[payload.as_slice(), &[0]].concat()),
            "1 byte(s) follow",
        ),
        (fragment_of(&[2, 0]), "starts with byte 2"),
        (fragment_of(&[1, 1, 9, 0, 0]), "unknown kind 9"),
        (fragment_of(&[1, 1, 0, 2, 0xC3, 0x28, 0]), "not valid UTF-8"),
        (
            fragment_of(&[&[1][..], &[0xFF; 10], &[1]].concat()),
            "too large",
        ),
        (
            fragment_of(&[1, 0x80, 0x80, 0x80, 0x80, 0x01]),
            "ends early",
        ),
        (
            format!("ecplint=1.0.{}", "A".repeat(MAX_FRAGMENT_CHARS)),
            "characters long",
        ),
    ];
    for (fragment, says) in cases {
        let what = malformed(&fragment);
        assert!(what.en.contains(says), "{fragment:.60}: {}", what.en);
        assert!(!what.zh.is_empty());
        let m = ShareError::Malformed { what }.message();
        assert!(m.en.starts_with("this link is damaged: ") && m.zh.starts_with("此链接已损坏"));
    }
}

#[test]
fn more_files_than_the_cap_are_malformed() {
    // One input (an entry itself) of max_entries empty files: one over.
    let mut payload = vec![1, 1, 0, 0];
    let n = max_entries();
    payload.extend([(n as u8) | 0x80, (n >> 7) as u8]);
    assert_eq!(n >> 14, 0, "two varint bytes");
    payload.extend(std::iter::repeat_n([0u8, 0], n).flatten());
    assert!(malformed(&fragment_of(&payload))
        .en
        .contains("more than 10000 files"));
}

#[test]
fn the_encode_errors_say_what_to_do() {
    let m = ShareError::TooLarge {
        chars: 80_123,
        limit: MAX_LINK_CHARS,
    }
    .message();
    assert_eq!(
        m.en,
        "the input is 81 KB as a link; links hold up to 64 KB: use Download and send the archive"
    );
    assert!(m.zh.contains("81 KB") && m.zh.contains("64 KB"));
    for err in [
        ShareError::TooManyFiles {
            files: 10_001,
            limit: 10_000,
        },
        ShareError::TooMuchData {
            bytes: 9 << 20,
            limit: 8 << 20,
        },
    ] {
        assert!(err
            .message()
            .en
            .ends_with("use Download and send the archive"));
    }
}

/// Every cut and many changed bytes of a valid link, at the text and at the payload: an error
/// or (rarely) other inputs, never a panic.
#[test]
fn damaged_links_never_panic() {
    let fragment = encode(&inputs(), "0.1.0").unwrap();
    for n in 0..fragment.len() {
        let _ = decode(&fragment[..n]);
    }
    let mut bytes = fragment.clone().into_bytes();
    for i in 0..bytes.len() {
        let was = bytes[i];
        for c in [b'A', b'_', b'.', b'-', b'z'] {
            bytes[i] = c;
            let _ = decode(std::str::from_utf8(&bytes).unwrap());
        }
        bytes[i] = was;
    }
    let payload = payload::write(&inputs());
    for n in 0..payload.len() {
        assert!(decode(&fragment_of(&payload[..n])).is_err(), "cut at {n}");
    }
    let mut bytes = payload.clone();
    for i in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xFF] {
            bytes[i] ^= flip;
            let _ = decode(&fragment_of(&bytes));
            bytes[i] ^= flip;
        }
    }
}

/// A chart of about 10 KB of text (values and templates that differ from each other).
fn text_chart() -> Vec<File> {
    let words = [
        "api",
        "worker",
        "gateway",
        "billing",
        "scheduler",
        "console",
        "metrics",
        "auth",
        "audit",
        "notifier",
        "storage",
        "search",
    ];
    let mut files = vec![file(
        "product/Chart.yaml",
        b"apiVersion: v2\nname: product\nversion: 2.3.1\ndescription: An ECP cloud product\n",
    )];
    let mut values = String::new();
    for (i, w) in words.iter().enumerate() {
        values += &format!(
            "{w}:\n  image: registry.example.com/product/{w}:{i}.{}.7\n  replicas: {}\n  port: {}\n  resources:\n    limits: {{cpu: {}m, memory: {}Mi}}\n",
            i * 3 % 5,
            1 + i % 3,
            8000 + i * 11,
            250 * (i + 1),
            128 << (i % 4)
        );
        let template = format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{{{ .Release.Name }}}}-{w}\n  labels:\n    app.kubernetes.io/name: {w}\n    app.kubernetes.io/instance: {{{{ .Release.Name }}}}\nspec:\n  replicas: {{{{ .Values.{w}.replicas }}}}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: {w}\n  template:\n    spec:\n      containers:\n        - name: {w}\n          image: {{{{ .Values.{w}.image | quote }}}}\n          ports:\n            - containerPort: {{{{ .Values.{w}.port }}}}\n          resources: {{{{ toYaml .Values.{w}.resources | nindent 12 }}}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{{{ .Release.Name }}}}-{w}\nspec:\n  ports:\n    - port: {{{{ .Values.{w}.port }}}}\n      targetPort: {}\n",
            8000 + i * 11
        );
        files.push(file(
            &format!("product/templates/{w}.yaml"),
            template.as_bytes(),
        ));
    }
    files.push(file("product/values.yaml", values.as_bytes()));
    files
}

#[test]
fn a_10_kb_chart_makes_a_short_link() {
    let files = text_chart();
    let size: usize = files.iter().map(|f| f.data.len()).sum();
    assert!((9_000..12_000).contains(&size), "{size} bytes");
    let input = SharedInput {
        name: "product".into(),
        kind: SharedKind::Folder,
        files,
    };
    let fragment = encode(&[input], env!("CARGO_PKG_VERSION")).unwrap();
    // 1.8 KB here (10.3 KB of text); the corpus' charts of 10 to 14 KB, less alike inside, make
    // links of 3.9 to 5.5 KB: all under a tenth of the cap.
    assert!(fragment.len() < MAX_LINK_CHARS / 10, "{}", fragment.len());
}
