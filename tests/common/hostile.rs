//! Builders for hostile inputs, shared by the integration tests (native, wasm API, CLI).
//!
//! Every builder is a plain function returning the bytes of one input. A good chart
//! (`mycloud-product/`, the chart of `tests/fixtures/good-project`, embedded at compile time) is
//! put into each archive next to the hostile part, so that a test can check that the rest of the
//! input was still read and checked. Nothing here needs a file system at run time.
//!
//! Bombs are built without compressing their whole content: deflate segments that end on a sync
//! flush can be concatenated, so one compressed MiB of zeros is repeated and the CRC-32 is
//! combined. A 1 GiB bomb takes milliseconds to build, even unoptimised.

#![allow(dead_code)]

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use std::io::Write;

/// The chart's name (and folder) in every builder.
pub const CHART: &str = "mycloud-product";

macro_rules! chart_file {
    ($rel:literal) => {
        (
            $rel,
            include_bytes!(concat!(
                "../fixtures/good-project/chart/mycloud-product/",
                $rel
            ))
            .as_slice(),
        )
    };
}

/// The files of the good chart, relative to the chart folder.
const GOOD: &[(&str, &[u8])] = &[
    chart_file!("Chart.yaml"),
    chart_file!("requirements.yaml"),
    chart_file!("values.yaml"),
    chart_file!("templates/_acl_helpers.yaml.tpl"),
    chart_file!("templates/_category.yaml"),
    chart_file!("templates/_config_helpers.yaml.tpl"),
    chart_file!("templates/_navigation.yaml"),
    chart_file!("templates/_navigation_policy.yaml"),
    chart_file!("templates/deployment-api.yaml"),
    chart_file!("templates/ingress-api.yaml"),
    chart_file!("templates/job-hooks.yaml"),
    chart_file!("templates/service-api.yaml"),
];

/// The good chart as `(path, bytes)` under `mycloud-product/`.
pub fn good_chart() -> Vec<(String, Vec<u8>)> {
    GOOD.iter()
        .map(|(rel, data)| (format!("{CHART}/{rel}"), data.to_vec()))
        .collect()
}

/// The good chart with one file (relative to the chart folder) replaced.
pub fn good_chart_with(rel: &str, data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files = good_chart();
    let path = format!("{CHART}/{rel}");
    match files.iter_mut().find(|(p, _)| *p == path) {
        Some(f) => f.1 = data.to_vec(),
        None => files.push((path, data.to_vec())),
    }
    files
}

/// One tar entry, written as is: any name, any type, any link target.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: Vec<u8>,
    /// The tar type flag: `b'0'` file, `b'1'` hard link, `b'2'` symlink, `b'3'` char device,
    /// `b'4'` block device, `b'5'` directory, `b'6'` fifo, `b'L'` GNU long name.
    pub kind: u8,
    pub data: Vec<u8>,
    pub link: Vec<u8>,
    /// The size written in the header when it differs from `data.len()` (for bombs and cuts).
    pub size: Option<u64>,
}

impl Entry {
    pub fn file(path: &str, data: &[u8]) -> Entry {
        Entry {
            path: path.as_bytes().to_vec(),
            kind: b'0',
            data: data.to_vec(),
            link: vec![],
            size: None,
        }
    }
    pub fn link(path: &str, kind: u8, target: &str) -> Entry {
        Entry {
            path: path.as_bytes().to_vec(),
            kind,
            data: vec![],
            link: target.as_bytes().to_vec(),
            size: None,
        }
    }
}

/// A 512-byte ustar header. Names longer than 100 bytes get a GNU long-name entry first.
pub fn tar_header(e: &Entry) -> Vec<u8> {
    let mut out = Vec::new();
    let size = e.size.unwrap_or(e.data.len() as u64);
    if e.path.len() > 100 {
        let mut name = e.path.clone();
        name.push(0);
        out.extend(header(b"././@LongLink", b'L', name.len() as u64, b""));
        out.extend(&name);
        pad(&mut out);
    }
    out.extend(header(
        &e.path[..e.path.len().min(100)],
        e.kind,
        size,
        &e.link,
    ));
    out
}

fn header(name: &[u8], kind: u8, size: u64, link: &[u8]) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name);
    h[100..108].copy_from_slice(b"0000644\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
    h[136..148].copy_from_slice(b"00000000000\0");
    h[156] = kind;
    h[157..157 + link.len().min(100)].copy_from_slice(&link[..link.len().min(100)]);
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    h
}

fn pad(out: &mut Vec<u8>) {
    out.resize(out.len().div_ceil(512) * 512, 0);
}

/// A tar archive of these entries, with the end-of-archive marker.
pub fn raw_tar(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        out.extend(tar_header(e));
        out.extend(&e.data);
        pad(&mut out);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// A tar archive of regular files.
pub fn tar_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<Entry> = files.iter().map(|(p, d)| Entry::file(p, d)).collect();
    raw_tar(&entries)
}

/// Gzip `data` (default level).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut g = Gzip::new();
    g.push(data);
    g.finish()
}

/// A `.tgz` of regular files.
pub fn tgz_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    gzip(&tar_of(files))
}

/// A `.tgz` of these entries.
pub fn tgz_entries(entries: &[Entry]) -> Vec<u8> {
    gzip(&raw_tar(entries))
}

/// The good chart as a `.tgz`, as `helm package` makes it.
pub fn good_tgz() -> Vec<u8> {
    tgz_of(&good_chart())
}

/// A gzip stream written in independent deflate segments, so that long runs of zeros cost one
/// compressed MiB, repeated.
pub struct Gzip {
    out: Vec<u8>,
    pending: Vec<u8>,
    crc: Crc,
    len: u64,
    zero_chunk: Option<(Vec<u8>, Crc)>,
}

const ZERO_CHUNK: usize = 1 << 20;

/// Raw deflate of `data` from a fresh compressor, ending on a sync flush (byte-aligned, not final)
/// or, when `last`, with the final block.
fn segment(data: &[u8], last: bool) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
    e.write_all(data).unwrap();
    if last {
        return e.finish().unwrap();
    }
    e.flush().unwrap();
    std::mem::take(e.get_mut())
}

impl Gzip {
    pub fn new() -> Gzip {
        Gzip {
            out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff],
            pending: Vec::new(),
            crc: Crc::new(),
            len: 0,
            zero_chunk: None,
        }
    }

    /// Bytes, compressed as they come.
    pub fn push(&mut self, data: &[u8]) {
        self.crc.update(data);
        self.len += data.len() as u64;
        self.pending.extend_from_slice(data);
    }

    /// `n` zero bytes, without compressing them one by one.
    pub fn push_zeros(&mut self, mut n: u64) {
        let pending = std::mem::take(&mut self.pending);
        self.out.extend(segment(&pending, false));
        let (chunk, chunk_crc) = self.zero_chunk.get_or_insert_with(|| {
            let zeros = vec![0u8; ZERO_CHUNK];
            let mut crc = Crc::new();
            crc.update(&zeros);
            (segment(&zeros, false), crc)
        });
        while n >= ZERO_CHUNK as u64 {
            self.out.extend_from_slice(chunk);
            self.crc.combine(chunk_crc);
            self.len += ZERO_CHUNK as u64;
            n -= ZERO_CHUNK as u64;
        }
        self.push(&vec![0u8; n as usize]);
    }

    pub fn finish(mut self) -> Vec<u8> {
        let pending = std::mem::take(&mut self.pending);
        self.out.extend(segment(&pending, true));
        self.out.extend(self.crc.sum().to_le_bytes());
        self.out.extend((self.len as u32).to_le_bytes());
        self.out
    }
}

impl Default for Gzip {
    fn default() -> Self {
        Gzip::new()
    }
}

/// Gzip bomb: the good chart, then `mycloud-product/files/zeros.bin` holding `zeros` zero bytes
/// (1 GiB → about 1 MB of gzip).
pub fn gzip_bomb(zeros: u64) -> Vec<u8> {
    let mut g = Gzip::new();
    let mut t = tar_of(&good_chart());
    t.truncate(t.len() - 1024);
    g.push(&t);
    let big = Entry {
        size: Some(zeros),
        ..Entry::file(&format!("{CHART}/files/zeros.bin"), b"")
    };
    g.push(&tar_header(&big));
    g.push_zeros(zeros.div_ceil(512) * 512 + 1024);
    g.finish()
}

/// Gzip bomb of many files each under the per-file limit: the good chart, then `count` files
/// `mycloud-product/files/zNNNN.bin` of `each` zero bytes.
pub fn gzip_bomb_many(count: usize, each: u64) -> Vec<u8> {
    let mut g = Gzip::new();
    let mut t = tar_of(&good_chart());
    t.truncate(t.len() - 1024);
    g.push(&t);
    for i in 0..count {
        let e = Entry {
            size: Some(each),
            ..Entry::file(&format!("{CHART}/files/z{i:04}.bin"), b"")
        };
        g.push(&tar_header(&e));
        g.push_zeros(each.div_ceil(512) * 512);
    }
    g.push_zeros(1024);
    g.finish()
}

/// A gzip stream of nothing but `zeros` zero bytes (not a chart; tar reads it as an empty archive
/// followed by data).
pub fn gzip_of_zeros(zeros: u64) -> Vec<u8> {
    let mut g = Gzip::new();
    g.push_zeros(zeros);
    g.finish()
}

/// The good chart plus `../../etc/passwd` and `/abs/evil.yaml`.
pub fn path_traversal_tgz() -> Vec<u8> {
    let mut entries: Vec<Entry> = good_chart()
        .iter()
        .map(|(p, d)| Entry::file(p, d))
        .collect();
    entries.push(Entry::file(
        "../../etc/passwd",
        b"root:x:0:0::/root:/bin/sh\n",
    ));
    entries.push(Entry::file("/abs/evil.yaml", b"evil: true\n"));
    entries.push(Entry::file(
        &format!("{CHART}/../../escape.yaml"),
        b"evil: true\n",
    ));
    tgz_entries(&entries)
}

/// The good chart plus `mycloud-product/templates/link.yaml`, a symlink to `/etc/passwd`.
pub fn symlink_tgz() -> Vec<u8> {
    let mut entries: Vec<Entry> = good_chart()
        .iter()
        .map(|(p, d)| Entry::file(p, d))
        .collect();
    entries.push(Entry::link(
        &format!("{CHART}/templates/link.yaml"),
        b'2',
        "/etc/passwd",
    ));
    tgz_entries(&entries)
}

/// The good chart plus `mycloud-product/values-copy.yaml`, a hard link to `../../etc/shadow`.
pub fn hardlink_tgz() -> Vec<u8> {
    let mut entries: Vec<Entry> = good_chart()
        .iter()
        .map(|(p, d)| Entry::file(p, d))
        .collect();
    entries.push(Entry::link(
        &format!("{CHART}/values-copy.yaml"),
        b'1',
        "../../etc/shadow",
    ));
    tgz_entries(&entries)
}

/// "Billion laughs" YAML: 9 levels of 9 aliases each (9^9 ≈ 387 million nodes when expanded).
pub fn alias_bomb_yaml() -> Vec<u8> {
    let mut y = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..=9 {
        let p = i - 1;
        y.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    y.into_bytes()
}

/// The good chart with the billion-laughs `values.yaml`.
pub fn alias_bomb_tgz() -> Vec<u8> {
    tgz_of(&good_chart_with("values.yaml", &alias_bomb_yaml()))
}

/// The good chart with a `values.yaml` of `depth` nested flow sequences (`[[[…]]]`).
pub fn deep_nesting_tgz(depth: usize) -> Vec<u8> {
    let mut y = b"x: ".to_vec();
    y.extend(std::iter::repeat_n(b'[', depth));
    y.extend(std::iter::repeat_n(b']', depth));
    y.push(b'\n');
    tgz_of(&good_chart_with("values.yaml", &y))
}

/// The good chart, then `mycloud-product/files/blob.bin` (64 KiB that do not compress); the
/// gzip stream is cut in the middle of the blob.
pub fn truncated_tgz() -> Vec<u8> {
    let mut files = good_chart();
    files.push((
        format!("{CHART}/files/blob.bin"),
        random_bytes(64 * 1024, 1),
    ));
    let full = tgz_of(&files);
    full[..full.len() - 32 * 1024].to_vec()
}

/// `n` bytes that look like nothing (xorshift).
pub fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

/// An empty input.
pub fn empty() -> Vec<u8> {
    Vec::new()
}

/// A plain tar: the good chart, then `n` empty files `mycloud-product/files/fNNNNNN`.
pub fn many_entries_tar(n: usize) -> Vec<u8> {
    let mut out = tar_of(&good_chart());
    out.truncate(out.len() - 1024);
    out.reserve(n * 512 + 1024);
    for i in 0..n {
        out.extend(header(
            format!("{CHART}/files/f{i:06}").as_bytes(),
            b'0',
            0,
            b"",
        ));
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// The good chart plus a file whose path is `len` bytes long (a GNU long-name entry).
pub fn long_path_tgz(len: usize) -> Vec<u8> {
    let mut files = good_chart();
    let prefix = format!("{CHART}/files/");
    let path = format!(
        "{prefix}{}",
        "d/".repeat(len.saturating_sub(prefix.len()) / 2)
    );
    let path = format!("{path}{}", "x".repeat(len - path.len()));
    files.push((path, b"x".to_vec()));
    tgz_of(&files)
}

/// The good chart with a GBK-encoded description in `Chart.yaml` (not UTF-8).
pub fn invalid_utf8_chart_tgz() -> Vec<u8> {
    let chart = String::from_utf8(GOOD[0].1.to_vec()).unwrap();
    let mut bytes = Vec::new();
    for line in chart.lines() {
        if line.starts_with("description:") {
            // "我的云产品" in GBK.
            bytes.extend_from_slice(b"description: \xce\xd2\xb5\xc4\xd4\xc6\xb2\xfa\xc6\xb7\n");
        } else {
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
    }
    tgz_of(&good_chart_with("Chart.yaml", &bytes))
}

/// The good chart with a UTF-8 byte-order mark at the start of `Chart.yaml`.
pub fn bom_chart_tgz() -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(GOOD[0].1);
    tgz_of(&good_chart_with("Chart.yaml", &bytes))
}

/// The good chart with CRLF line endings in `values.yaml`.
pub fn crlf_values_tgz() -> Vec<u8> {
    let values = String::from_utf8(GOOD[2].1.to_vec())
        .unwrap()
        .replace('\n', "\r\n");
    tgz_of(&good_chart_with("values.yaml", values.as_bytes()))
}

/// The good chart with `charts/common-1.0.0.tgz`, a packaged subchart `common`.
pub fn nested_subchart_tgz() -> Vec<u8> {
    let common = tgz_of(&[
        (
            "common/Chart.yaml".to_string(),
            b"apiVersion: v1\nname: common\nversion: 1.0.0\n".to_vec(),
        ),
        (
            "common/templates/_helpers.tpl".to_string(),
            b"{{- define \"common.name\" -}}common{{- end -}}\n".to_vec(),
        ),
    ]);
    let mut files = good_chart();
    files.push((format!("{CHART}/charts/common-1.0.0.tgz"), common));
    tgz_of(&files)
}
