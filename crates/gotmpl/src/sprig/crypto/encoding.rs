//! The encodings Sprig's crypto output and errors show: Go's standard base64 (Sprig's
//! `encoding`), PEM blocks as Go's
//! `encoding/pem` writes and finds them, and a minimal DER writer for the fixed shapes of keys and
//! certificates.

// Sprig's base64 (with Go's error offsets) is everyone's.
pub(crate) use crate::sprig::encoding::{base64_decode, base64_encode};

/// `pem.EncodeToMemory` of a block without headers: 64 columns, a newline after the END line.
pub(crate) fn pem_encode(label: &str, der: &[u8]) -> String {
    let body = base64_encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The first PEM block of `text` as `pem.Decode` finds it: its type and bytes. Headers
/// (`Key: value` lines after BEGIN) are skipped; `None` when no well-formed block is there.
pub(crate) fn pem_decode(text: &str) -> Option<(String, Vec<u8>)> {
    let mut rest = text;
    loop {
        let start = find_line_start(rest, "-----BEGIN ")?;
        let after = &rest[start + "-----BEGIN ".len()..];
        let line_end = after.find('\n')?;
        let type_line = after[..line_end].trim_end_matches([' ', '\t', '\r']);
        if let Some(label) = type_line.strip_suffix("-----") {
            let body = &after[line_end + 1..];
            let end_marker = format!("-----END {label}-----");
            if let Some(end) = find_line_start(body, &end_marker) {
                let content: String = body[..end]
                    .lines()
                    .filter(|line| !line.contains(':'))
                    .flat_map(|line| line.chars().filter(|c| !c.is_ascii_whitespace()))
                    .collect();
                if let Ok(bytes) = base64_decode(&content) {
                    return Some((label.to_string(), bytes));
                }
            }
        }
        rest = &after[line_end..];
    }
}

/// Where `marker` starts a line of `text`.
fn find_line_start(text: &str, marker: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(marker) {
        let at = from + i;
        if at == 0 || text.as_bytes()[at - 1] == b'\n' {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

// DER writing: tag, definite length, content.

pub(crate) fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub(crate) fn der_seq(parts: &[&[u8]]) -> Vec<u8> {
    der(0x30, &parts.concat())
}

/// An INTEGER from big-endian unsigned bytes (minimal, with a 0 before a high bit).
pub(crate) fn der_uint(be: &[u8]) -> Vec<u8> {
    let skip = be.iter().take_while(|&&b| b == 0).count();
    let digits = &be[skip..];
    let mut content = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(digits);
    der(0x02, &content)
}

pub(crate) fn der_octets(bytes: &[u8]) -> Vec<u8> {
    der(0x04, bytes)
}

/// A BIT STRING with no unused bits.
pub(crate) fn der_bits(bytes: &[u8]) -> Vec<u8> {
    let mut content = vec![0];
    content.extend_from_slice(bytes);
    der(0x03, &content)
}

// DER reading: just enough to walk a certificate's structure.

/// One DER element: its tag, its content and its whole encoding.
pub(crate) struct Element<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// The first element of `input` and what follows it; `None` when it is not well-formed DER
/// (multi-byte tags, indefinite or overlong lengths, truncation).
pub(crate) fn der_read(input: &[u8]) -> Option<(Element<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count || rest[0] == 0 {
            return None;
        }
        let len = rest[..count]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if len < 0x80 {
            return None;
        }
        rest = &rest[count..];
        len
    };
    if rest.len() < len {
        return None;
    }
    let header = input.len() - rest.len();
    Some((
        Element {
            tag,
            content: &rest[..len],
            raw: &input[..header + len],
        },
        &rest[len..],
    ))
}

/// The elements of a constructed element's content, in order; `None` if any is malformed.
pub(crate) fn der_children(mut content: &[u8]) -> Option<Vec<Element<'_>>> {
    let mut children = Vec::new();
    while !content.is_empty() {
        let (element, rest) = der_read(content)?;
        children.push(element);
        content = rest;
    }
    Some(children)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_matches_go() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foo"), "Zm9v");
        for n in 0..40u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(base64_decode(&base64_encode(&data)).unwrap(), data);
        }
        assert_eq!(base64_decode("Zm9v\r\nYmFy\n").unwrap(), b"foobar");
        assert_eq!(base64_decode("Zm\n8=").unwrap(), b"fo");
    }

    #[test]
    fn base64_errors_report_go_offsets() {
        // Observed with helm 3.17.3 (`decryptAES "k" X`).
        let err = |s: &str| base64_decode(s).unwrap_err();
        assert_eq!(err("notbase64!"), "illegal base64 data at input byte 9");
        assert_eq!(err("AAAA AAAA"), "illegal base64 data at input byte 4");
        assert_eq!(
            err("AAAAAAAAAAAAAAAAAAAAAA="),
            "illegal base64 data at input byte 23"
        );
        assert_eq!(
            err("AAAAAAAAAAAAAAAAAAAAAA==="),
            "illegal base64 data at input byte 24"
        );
        assert_eq!(
            err("AAAAAAAAAAAAAAAAAAAAAA"),
            "illegal base64 data at input byte 20"
        );
        assert_eq!(err("A"), "illegal base64 data at input byte 0");
        assert_eq!(err("A==="), "illegal base64 data at input byte 1");
    }

    #[test]
    fn pem_round_trips_with_64_columns() {
        let data: Vec<u8> = (0..100u8).collect();
        let pem = pem_encode("TEST BLOCK", &data);
        assert!(pem.starts_with("-----BEGIN TEST BLOCK-----\n"));
        assert!(pem.ends_with("\n-----END TEST BLOCK-----\n"));
        assert_eq!(pem.lines().nth(1).unwrap().len(), 64);
        assert_eq!(
            pem_decode(&format!("junk\n{pem}")).unwrap(),
            ("TEST BLOCK".to_string(), data)
        );
        assert_eq!(pem_decode("garbage"), None);
        assert_eq!(
            pem_decode("-----BEGIN A-----\nAAAA\n-----END B-----\n"),
            None
        );
    }

    #[test]
    fn der_reads_what_it_writes() {
        let long = der_octets(&[7; 300]);
        let seq = der_seq(&[&der_uint(&[5]), &long]);
        let (element, rest) = der_read(&seq).unwrap();
        assert!(rest.is_empty());
        assert_eq!((element.tag, element.raw.len()), (0x30, seq.len()));
        let children = der_children(element.content).unwrap();
        assert_eq!(children.len(), 2);
        assert_eq!(children[0].content, [5]);
        assert_eq!(children[1].content, [7; 300]);
        assert_eq!(children[1].raw, long.as_slice());
        // Truncated, indefinite length, overlong length, multi-byte tag.
        assert!(der_read(&seq[..seq.len() - 1]).is_none());
        assert!(der_read(&[0x30, 0x80, 0, 0]).is_none());
        assert!(der_read(&[0x04, 0x81, 0x05, 1, 2, 3, 4, 5]).is_none());
        assert!(der_read(&[0x1f, 0x01, 0x00]).is_none());
    }

    #[test]
    fn der_integers_are_minimal_and_positive() {
        assert_eq!(der_uint(&[0, 0, 5]), [2, 1, 5]);
        assert_eq!(der_uint(&[0x80]), [2, 2, 0, 0x80]);
        assert_eq!(der_uint(&[]), [2, 1, 0]);
        assert_eq!(der(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(der(0x04, &[0; 300])[..4], [0x04, 0x82, 1, 44]);
    }
}
