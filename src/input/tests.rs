//! The input reader on hand-built archives and folders, hostile ones above all.

use super::archive::{sniff, Format};
use super::budget::{Budget, Counted, StreamState};
use super::limits::size;
use super::paths::{normalize, BadPath};
use super::{load, File, Input, Limits, Problem, Source};
use crate::diagnostic::{Range, Severity};
use crate::testing::noise;
use ::tar::{Builder, EntryType, Header};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{self, Read, Write};

const CHART: &[u8] = b"apiVersion: v1\nname: app\nversion: 1.0.0\n";

/// A tar header written by hand, so that hostile names and types are possible.
fn header(name: &[u8], kind: EntryType, size: u64, link: &[u8]) -> Header {
    let mut h = Header::new_gnu();
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(0o644);
    h.set_mtime(0);
    h.set_cksum();
    h
}

fn raw_tar(entries: &[(Header, &[u8])]) -> Vec<u8> {
    let mut b = Builder::new(Vec::new());
    for (h, data) in entries {
        b.append(h, *data).unwrap();
    }
    b.into_inner().unwrap()
}

fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = Builder::new(Vec::new());
    for (path, data) in entries {
        let mut h = Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, path, *data).unwrap();
    }
    b.into_inner().unwrap()
}

/// A .tgz whose entry names are written exactly as given (`append_data` drops a leading `./`).
fn tgz_as_named(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let headers: Vec<(Header, &[u8])> = entries
        .iter()
        .map(|(n, d)| {
            (
                header(n.as_bytes(), EntryType::Regular, d.len() as u64, b""),
                *d,
            )
        })
        .collect();
    gz(&raw_tar(&headers))
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn tgz(entries: &[(&str, &[u8])]) -> Vec<u8> {
    gz(&tar(entries))
}

fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    use ::zip::write::SimpleFileOptions;
    use ::zip::CompressionMethod;
    let mut w = ::zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, data, deflate) in entries {
        let method = if *deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn read(data: Vec<u8>) -> Input {
    read_with(Limits::default(), data)
}

fn read_with(limits: Limits, data: Vec<u8>) -> Input {
    load(
        Source::Archive {
            name: "in.tgz".into(),
            data,
        },
        &limits,
    )
}

fn paths(input: &Input) -> Vec<&str> {
    input.files.iter().map(|f| f.path.as_str()).collect()
}

/// The one finding whose English message contains `needle`.
fn finding<'a>(input: &'a Input, needle: &str) -> &'a Problem {
    let found: Vec<_> = input
        .problems
        .iter()
        .filter(|d| d.message.en.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "want one finding with {needle:?}, got {:#?}",
        input.problems
    );
    assert!(!found[0].message.zh.is_empty());
    found[0]
}

#[test]
fn tgz_files_are_read_and_sorted() {
    let input = read(tgz(&[
        ("app/values.yaml", b"a: 1\n"),
        ("app/Chart.yaml", CHART),
        ("app/templates/x.yaml", b""),
    ]));
    assert_eq!(
        paths(&input),
        ["app/Chart.yaml", "app/templates/x.yaml", "app/values.yaml"]
    );
    assert_eq!(input.files[0].data, CHART);
    assert!(input.problems.is_empty(), "{:#?}", input.problems);
    assert!(!input.unreadable);
    assert_eq!(input.path, "in.tgz");
}

#[test]
fn format_is_found_by_magic_bytes_not_by_name() {
    for (name, data) in [
        ("chart.zip", tar(&[("a/Chart.yaml", CHART)])),
        ("chart.tar", tgz(&[("a/Chart.yaml", CHART)])),
        ("chart.tgz", zip_of(&[("a/Chart.yaml", CHART, true)])),
        ("chart", tgz(&[("a/Chart.yaml", CHART)])),
    ] {
        let input = load(
            Source::Archive {
                name: name.into(),
                data,
            },
            &Limits::default(),
        );
        assert_eq!(
            paths(&input),
            ["a/Chart.yaml"],
            "{name}: {:#?}",
            input.problems
        );
        assert!(input.problems.is_empty());
    }
}

#[test]
fn old_v7_tar_without_ustar_magic() {
    let mut h = Header::new_old();
    h.set_path("a/Chart.yaml").unwrap();
    h.set_size(CHART.len() as u64);
    h.set_cksum();
    let data = raw_tar(&[(h, CHART)]);
    assert_eq!(sniff(&data), Format::Tar);
    assert_eq!(paths(&read(data)), ["a/Chart.yaml"]);
}

#[test]
fn multi_member_gzip_is_read_whole() {
    let t = tar(&[("a/Chart.yaml", CHART), ("a/values.yaml", b"x: 1\n")]);
    let mut data = gz(&t[..1024]);
    data.extend(gz(&t[1024..]));
    let input = read(data);
    assert_eq!(
        paths(&input),
        ["a/Chart.yaml", "a/values.yaml"],
        "{:#?}",
        input.problems
    );
    assert!(input.problems.is_empty());
}

#[test]
fn zip_stored_and_deflated_entries() {
    let big = b"key: value\n".repeat(1000);
    let data = zip_of(&[
        ("a/Chart.yaml", CHART, false),
        ("a/values.yaml", &big, true),
        ("a/templates/", b"", false),
    ]);
    let input = read(data);
    assert_eq!(
        paths(&input),
        ["a/Chart.yaml", "a/values.yaml"],
        "{:#?}",
        input.problems
    );
    assert_eq!(input.files[1].data, big);
    assert!(input.problems.is_empty());
}

#[test]
fn zip_directories_and_symlinks() {
    use ::zip::write::SimpleFileOptions;
    let mut w = ::zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    w.add_directory("a/templates", SimpleFileOptions::default())
        .unwrap();
    w.start_file("a/Chart.yaml", SimpleFileOptions::default())
        .unwrap();
    w.write_all(CHART).unwrap();
    w.add_symlink("a/values.yaml", "/etc/passwd", SimpleFileOptions::default())
        .unwrap();
    let input = read(w.finish().unwrap().into_inner());
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(&input, "is a symbolic link");
    assert_eq!(d.file.as_deref(), Some("a/values.yaml"));
    assert_eq!(input.problems.len(), 1);
}

/// Offsets of central-directory records in a zip built by `zip_of`.
fn central_records(data: &[u8]) -> Vec<usize> {
    data.windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn zip_corrupt_entries_are_skipped_and_the_rest_read() {
    let mut data = zip_of(&[
        ("a/Chart.yaml", CHART, false),
        ("a/values.yaml", b"abcdef", false),
        ("a/x.txt", b"x", true),
    ]);
    // Flip a byte of values.yaml's stored data: its CRC-32 no longer matches.
    let at = data.windows(6).position(|w| w == b"abcdef").unwrap();
    data[at] = b'X';
    // Give x.txt an unknown compression method (12 = bzip2) in the central directory.
    let cd = central_records(&data);
    data[cd[2] + 10] = 12;
    let input = read(data);
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    assert_eq!(
        finding(&input, "CRC-32").file.as_deref(),
        Some("a/values.yaml")
    );
    assert_eq!(
        finding(&input, "compression method 12").file.as_deref(),
        Some("a/x.txt")
    );
    assert!(!input.unreadable);
}

#[test]
fn zip_size_that_lies_is_caught_by_the_per_file_limit() {
    let zeros = vec![0u8; 50_000];
    let mut data = zip_of(&[("a/Chart.yaml", CHART, false), ("a/big.bin", &zeros, true)]);
    // Claim 10 bytes in the central directory.
    let cd = central_records(&data);
    data[cd[1] + 24..cd[1] + 28].copy_from_slice(&10u32.to_le_bytes());
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let input = read_with(limits, data);
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(&input, "over the limit of 1000 B per file");
    assert_eq!(d.file.as_deref(), Some("a/big.bin"));
}

#[test]
fn zip_truncated_or_empty() {
    let data = zip_of(&[("a/Chart.yaml", CHART, false)]);
    let input = read(data[..data.len() - 10].to_vec());
    assert!(input.unreadable);
    finding(&input, "corrupt or truncated");

    let mut empty = b"PK\x05\x06".to_vec();
    empty.resize(22, 0);
    let input = read(empty);
    assert!(input.unreadable);
    finding(&input, "holds no files");
}

#[test]
fn zip_unsafe_names() {
    let data = zip_of(&[("../evil.sh", b"x", false), ("a/Chart.yaml", CHART, false)]);
    let input = read(data);
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    finding(&input, "`../evil.sh` has a `..` part");
}

#[test]
fn folder_paths_are_normalized_and_checked() {
    let f = |p: &str| File {
        path: p.into(),
        data: b"x: 1\n".to_vec(),
    };
    let source = Source::Folder {
        name: "proj".into(),
        files: vec![
            f("proj\\Makefile"),
            f("./proj/chart/app/Chart.yaml"),
            f("/etc/passwd"),
            f("proj/../x"),
            f("proj//a.yaml"),
        ],
    };
    let input = load(source, &Limits::default());
    assert_eq!(
        paths(&input),
        ["proj/Makefile", "proj/a.yaml", "proj/chart/app/Chart.yaml"]
    );
    finding(&input, "`/etc/passwd` has an absolute path");
    finding(&input, "`proj/../x` has a `..` part");
    assert_eq!(input.problems.len(), 2);
    assert_eq!(input.path, "proj");
}

#[test]
fn folder_limits() {
    let f = |p: &str, n: usize| File {
        path: p.into(),
        data: vec![b'a'; n],
    };
    let limits = Limits {
        max_file_bytes: 10,
        max_total_bytes: 20,
        max_entries: 6,
        max_path_len: 12,
        max_archive_depth: 3,
    };
    let files = vec![
        f("a", 5),
        f("big", 11),
        f("a-very-long-name", 1),
        f("b", 10),
        f("c", 10),
        f("d", 1),
    ];
    let input = load(
        Source::Folder {
            name: "p".into(),
            files,
        },
        &limits,
    );
    assert_eq!(paths(&input), ["a", "b"]);
    finding(&input, "`big` is 11 B, over the limit of 10 B per file");
    finding(&input, "a path of 16 bytes is over the limit of 12");
    assert_eq!(
        finding(&input, "more than 20 B in total").file.as_deref(),
        Some("c")
    );
    assert_eq!(input.problems.len(), 3, "{:#?}", input.problems);

    let input = load(
        Source::Folder {
            name: "p".into(),
            files: vec![],
        },
        &limits,
    );
    assert!(input.unreadable);
    finding(&input, "`p` holds no files");
}

#[test]
fn per_file_limit_skips_only_that_file() {
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let input = read_with(
        limits,
        tgz(&[("a", b"12345"), ("big", &[7; 20]), ("c", b"12345")]),
    );
    assert_eq!(paths(&input), ["a", "c"]);
    let d = finding(
        &input,
        "`big` is 20 B, over the limit of 10 B per file; it was skipped",
    );
    assert_eq!(d.file.as_deref(), Some("big"));
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(input.problems.len(), 1);
}

#[test]
fn total_limit_stops_reading() {
    let limits = Limits {
        max_total_bytes: 4000,
        ..Limits::default()
    };
    let entries: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| (format!("f{i}"), vec![b'x'; 600]))
        .collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    let input = read_with(limits, tgz(&refs));
    // Each entry is 512 bytes of header + 1024 of padded data.
    assert_eq!(paths(&input), ["f0", "f1"]);
    let d = finding(&input, "more than 3.9 KiB in total");
    assert_eq!(d.file.as_deref(), Some("f2"));
    assert!(!input.unreadable);
}

#[test]
fn gnu_long_name_bomb_is_cut_off_by_the_counting_reader() {
    // A GNU long-name entry of 4 MiB: tar reads it whole before the entry it
    // names, so only the counting reader under tar can stop it.
    let name = vec![b'a'; 4 << 20];
    let mut data = tar(&[("a/Chart.yaml", CHART)]);
    data.truncate(data.len() - 1024);
    data.extend(raw_tar(&[(
        header(
            b"././@LongLink",
            EntryType::GNULongName,
            name.len() as u64,
            b"",
        ),
        &name,
    )]));
    let limits = Limits {
        max_total_bytes: 1 << 20,
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let input = read_with(limits, gz(&data));
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    finding(&input, "more than 1 MiB in total");
}

#[test]
fn counting_reader_stops_decompressing_at_the_limit() {
    let bomb = gz(&vec![0u8; 2 << 20]);
    let budget = Budget::new(100_000);
    let state = StreamState::default();
    let mut r = Counted::new(flate2::read::GzDecoder::new(&bomb[..]), &budget, &state);
    let mut out = Vec::new();
    assert!(r.read_to_end(&mut out).is_err());
    assert!(budget.hit.get());
    assert_eq!(budget.used.get(), 100_001);
    assert!(out.len() <= 100_000);
    assert!(state.error.borrow().is_none(), "not a gzip error");
}

#[test]
fn entry_limit() {
    let entries: Vec<(String, Vec<u8>)> = (0..10).map(|i| (format!("f{i}"), vec![])).collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    let limits = Limits {
        max_entries: 5,
        ..Limits::default()
    };
    let input = read_with(limits, tgz(&refs));
    assert_eq!(paths(&input), ["f0", "f1", "f2", "f3", "f4"]);
    assert_eq!(
        finding(&input, "more than 5 entries").file.as_deref(),
        Some("f5")
    );
}

#[test]
fn path_length_limit() {
    let long = format!("a/{}", "x".repeat(300));
    let input = read_with(
        Limits {
            max_path_len: 100,
            ..Limits::default()
        },
        tgz(&[(long.as_str(), b"1"), ("a/Chart.yaml", CHART)]),
    );
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(&input, "a path of 302 bytes is over the limit of 100");
    assert!(d.file.as_ref().unwrap().ends_with('…'));
}

#[test]
fn unsafe_paths_are_skipped_and_others_normalized() {
    let data = raw_tar(&[
        (header(b"/abs/x", EntryType::Regular, 1, b""), b"1"),
        (
            header(b"../../etc/passwd", EntryType::Regular, 1, b""),
            b"1",
        ),
        (header(b"a/../b", EntryType::Regular, 1, b""), b"1"),
        (header(b"C:\\win.ini", EntryType::Regular, 1, b""), b"1"),
        (
            header(
                b"./app/Chart.yaml",
                EntryType::Regular,
                CHART.len() as u64,
                b"",
            ),
            CHART,
        ),
        (
            header(b"app\\values.yaml", EntryType::Regular, 1, b""),
            b"1",
        ),
        (header(b"./", EntryType::Directory, 0, b""), b""),
        (header(b"app/templates/", EntryType::Directory, 0, b""), b""),
        (
            header(b"app/old-style-dir/", EntryType::Regular, 0, b""),
            b"",
        ),
    ]);
    let input = read(gz(&data));
    assert_eq!(paths(&input), ["app/Chart.yaml", "app/values.yaml"]);
    finding(&input, "`/abs/x` has an absolute path");
    finding(&input, "`C:\\win.ini` has an absolute path");
    assert_eq!(
        finding(&input, "`../../etc/passwd` has a `..` part")
            .file
            .as_deref(),
        Some("../../etc/passwd")
    );
    finding(&input, "`a/../b` has a `..` part");
    // Helm takes `.` of `./app/Chart.yaml` for the chart's folder, and finds no Chart.yaml.
    let d = finding(
        &input,
        "Helm refuses `in.tgz`: it takes the first part of every path (`./`)",
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(input.problems.len(), 5, "{:#?}", input.problems);
}

#[test]
fn links_and_special_files_are_read_as_empty_files_as_helm_does() {
    let data = raw_tar(&[
        (
            header(
                b"app/Chart.yaml",
                EntryType::Regular,
                CHART.len() as u64,
                b"",
            ),
            CHART,
        ),
        (
            header(b"app/values.yaml", EntryType::Symlink, 0, b"/etc/passwd"),
            b"",
        ),
        (
            header(b"app/hard", EntryType::Link, 0, b"app/Chart.yaml"),
            b"",
        ),
        (header(b"app/tty", EntryType::Char, 0, b""), b""),
        (header(b"app/sda", EntryType::Block, 0, b""), b""),
        (header(b"app/pipe", EntryType::Fifo, 0, b""), b""),
        (header(b"app/vol", EntryType::new(b'V'), 0, b""), b""),
    ]);
    let input = read(gz(&data));
    assert_eq!(
        paths(&input),
        [
            "app/Chart.yaml",
            "app/hard",
            "app/pipe",
            "app/sda",
            "app/tty",
            "app/values.yaml"
        ]
    );
    assert!(input.files[1..].iter().all(|f| f.data.is_empty()));
    let d = finding(
        &input,
        "`app/values.yaml` is a symbolic link (to `/etc/passwd`): Helm follows no link in a chart archive and reads it as an empty file",
    );
    assert_eq!(d.severity, Severity::Warning);
    finding(&input, "`app/hard` is a hard link (to `app/Chart.yaml`)");
    finding(&input, "`app/tty` is a character device");
    finding(&input, "`app/sda` is a block device");
    finding(&input, "`app/pipe` is a named pipe");
    let d = finding(&input, "`app/vol` is an entry of tar type `V`");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(input.problems.len(), 6);
}

#[test]
fn pax_and_gnu_long_names() {
    let long = format!("app/templates/{}.yaml", "n".repeat(200));
    let mut b = Builder::new(Vec::new());
    let mut h = Header::new_gnu();
    h.set_size(1);
    b.append_data(&mut h, &long, &b"1"[..]).unwrap();
    let pax_path = format!("app/{}.txt", "p".repeat(150));
    b.append_pax_extensions([("path", pax_path.as_bytes())])
        .unwrap();
    let mut h = Header::new_ustar();
    h.set_path("app/short.txt").unwrap();
    h.set_size(1);
    h.set_cksum();
    b.append(&h, &b"2"[..]).unwrap();
    let mut h = Header::new_ustar();
    h.as_old_mut().name[..7].copy_from_slice(b"pax_hdr");
    h.set_entry_type(EntryType::XGlobalHeader);
    h.set_size(0);
    h.set_cksum();
    b.append(&h, &b""[..]).unwrap();
    let input = read(gz(&b.into_inner().unwrap()));
    assert_eq!(paths(&input), [pax_path.as_str(), long.as_str()]);
    assert!(input.problems.is_empty(), "{:#?}", input.problems);
}

#[test]
fn truncated_gzip_keeps_the_files_before() {
    let data = tgz(&[
        ("a/Chart.yaml", CHART),
        ("a/blob.bin", &noise(100_000, 7)),
        ("a/z.yaml", b"z: 1\n"),
    ]);
    let input = read(data[..data.len() / 2].to_vec());
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(&input, "is truncated or corrupt");
    assert!(
        d.message.en.contains("1 file(s) before"),
        "{}",
        d.message.en
    );
    assert_eq!(d.file.as_deref(), Some("a/blob.bin"));
    assert!(!input.unreadable);
}

#[test]
fn gzip_trailer_cut_after_the_tar_end_is_info() {
    let data = tgz(&[("a/Chart.yaml", CHART)]);
    let input = read(data[..data.len() - 4].to_vec());
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(
        &input,
        "after the end of the tar archive: all 1 file(s) were read, and Helm reads them too",
    );
    assert_eq!(d.severity, Severity::Info);
}

/// Tar writers and tape tools pad an archive with zeros after the gzip stream: nothing to say.
#[test]
fn zeros_after_the_gzip_stream_are_no_finding() {
    for n in [1, 3, 512, 10240, 1 << 20] {
        let mut data = tgz(&[("a/Chart.yaml", CHART)]);
        data.extend(vec![0u8; n]);
        let input = read(data);
        assert_eq!(paths(&input), ["a/Chart.yaml"]);
        assert!(input.problems.is_empty(), "{n}: {:#?}", input.problems);
    }
}

#[test]
fn other_bytes_after_the_gzip_stream_are_info() {
    let mut data = tgz(&[("a/Chart.yaml", CHART)]);
    data.extend(b"\0\0junk");
    let input = read(data);
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(
        &input,
        "6 byte(s) after the end of the gzip stream of `in.tgz` were ignored; Helm ignores them too",
    );
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(input.problems.len(), 1);
}

#[test]
fn data_after_the_tar_end() {
    let mut t = tar(&[("a/Chart.yaml", CHART)]);
    t.extend(vec![0u8; 3 << 20]);
    let input = read(gz(&t));
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    assert_eq!(
        finding(&input, "more than 1 MiB of data follows the end").severity,
        Severity::Warning
    );
}

#[test]
fn truncated_plain_tar() {
    let t = tar(&[("a/Chart.yaml", CHART), ("a/blob.bin", &[1; 5000])]);
    // Inside blob.bin's data.
    let input = read(t[..2048].to_vec());
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    let d = finding(&input, "the archive ends inside `a/blob.bin`");
    assert!(d.message.en.contains("1 file(s) before it were read"));
    // Inside the second header.
    let input = read(t[..1024 + 100].to_vec());
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    finding(&input, "the tar archive `in.tgz` is truncated");
}

#[test]
fn corrupt_tar_header() {
    let mut t = tar(&[("a/Chart.yaml", CHART), ("a/values.yaml", b"a: 1\n")]);
    t[1024 + 10] ^= 0xff;
    let input = read(gz(&t));
    assert_eq!(paths(&input), ["a/Chart.yaml"]);
    finding(&input, "is corrupt (archive header checksum mismatch)");
}

#[test]
fn broken_gzip_and_not_tar_inside() {
    let mut data = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    data.extend(noise(100, 3));
    let input = read(data);
    assert!(input.unreadable);
    finding(&input, "the gzip stream of `in.tgz` is truncated or corrupt (corrupt deflate stream); no file could be read");

    let input = read(gz(b"just: yaml\nnot: a tar archive\n"));
    assert!(input.unreadable);
    finding(&input, "is gzip-compressed but does not hold a tar archive");
}

#[test]
fn not_an_archive_and_empty_input() {
    let input = read(noise(4096, 11));
    assert!(input.unreadable && input.files.is_empty());
    let d = finding(&input, "is not an archive ecplint reads");
    assert!(d.file.is_none());

    let input = read(Vec::new());
    assert!(input.unreadable);
    finding(&input, "`in.tgz` is empty (0 bytes)");
    assert_eq!(input.problems.len(), 1);
}

#[test]
fn archive_without_files() {
    for data in [gz(&tar(&[])), tar(&[]), vec![0; 10240]] {
        let input = read(data);
        assert!(input.unreadable);
        finding(&input, "`in.tgz` holds no files");
        assert_eq!(input.problems.len(), 1);
    }
    let input = read(raw_tar(&[
        (header(b"app/", EntryType::Directory, 0, b""), b""),
        (header(b"v", EntryType::new(b'V'), 0, b""), b""),
    ]));
    assert!(input.unreadable);
    finding(&input, "holds no file that could be read (2 entries");
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let input = read(tgz(&[
        ("a/Chart.yaml", b"name: a\nversion: 1\xff\n"),
        ("a/logo.png", b"\x89PNG\xff\xfe"),
    ]));
    let d = finding(
        &input,
        "`a/Chart.yaml` is not valid UTF-8 (byte 0xFF at offset 18): Helm refuses it",
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.range, Some(Range::point(2, 11)));
    assert_eq!(input.problems.len(), 1, "binary files are not text-checked");
    assert_eq!(input.files.len(), 2, "the file is still kept");
}

#[test]
fn bom_is_info_and_counted_in_offsets() {
    let input = read(tgz(&[
        ("a/Chart.yaml", b"\xEF\xBB\xBFname: a\n"),
        ("a/values.yaml", b"\xEF\xBB\xBFx: \xC3\n"),
    ]));
    let d = finding(&input, "`a/Chart.yaml` starts with a UTF-8 byte-order mark");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.range, Some(Range::point(1, 1)));
    finding(
        &input,
        "`a/values.yaml` starts with a UTF-8 byte-order mark",
    );
    let d = finding(
        &input,
        "`a/values.yaml` is not valid UTF-8 (byte 0xC3 at offset 6)",
    );
    assert_eq!(d.range, Some(Range::point(1, 4)));
}

#[test]
fn crlf_is_info_for_yaml_and_templates_only() {
    let input = read(tgz(&[
        ("a/values.yaml", b"a: 1\r\nb: 2\r\n"),
        ("a/templates/_h.tpl", b"x\ny\r\n"),
        ("a/hook.sh", b"echo\r\n"),
        ("a/Chart.yaml", b"name: a\n"),
    ]));
    let d = finding(&input, "`a/values.yaml` has CRLF");
    assert_eq!(
        (d.severity, d.range),
        (Severity::Info, Some(Range::point(1, 5)))
    );
    let d = finding(&input, "`a/templates/_h.tpl` has CRLF");
    assert_eq!(d.range, Some(Range::point(2, 2)));
    assert_eq!(input.problems.len(), 2);
}

#[test]
fn duplicate_paths_keep_the_last() {
    let data = raw_tar(&[
        (
            header(b"a/values.yaml", EntryType::Regular, 5, b""),
            b"v: 1\n",
        ),
        (
            header(b"a/Chart.yaml", EntryType::Regular, CHART.len() as u64, b""),
            CHART,
        ),
        (
            header(b"./a/values.yaml", EntryType::Regular, 5, b""),
            b"v: 2\n",
        ),
    ]);
    let input = read(data);
    assert_eq!(paths(&input), ["a/Chart.yaml", "a/values.yaml"]);
    assert_eq!(input.files[1].data, b"v: 2\n");
    let d = finding(
        &input,
        "`a/values.yaml` is listed 2 times in the archive; the last one is used",
    );
    assert_eq!(d.severity, Severity::Warning);
}

fn subchart(name: &str) -> Vec<u8> {
    tgz(&[
        (&format!("{name}/Chart.yaml"), b"name: sub\n"),
        (&format!("{name}/templates/_h.tpl"), b"{{/* */}}\n"),
    ])
}

#[test]
fn subchart_archives_are_opened() {
    let sub = subchart("common");
    let input = read(tgz(&[
        ("app/Chart.yaml", CHART),
        ("app/charts/common-1.0.0.tgz", &sub),
        ("app/charts/raw.tar.gz", &subchart("raw")),
    ]));
    assert_eq!(
        paths(&input),
        [
            "app/Chart.yaml",
            "app/charts/common-1.0.0.tgz",
            "app/charts/common-1.0.0.tgz/common/Chart.yaml",
            "app/charts/common-1.0.0.tgz/common/templates/_h.tpl",
            "app/charts/raw.tar.gz",
            "app/charts/raw.tar.gz/raw/Chart.yaml",
            "app/charts/raw.tar.gz/raw/templates/_h.tpl",
        ]
    );
    assert_eq!(input.files[1].data, sub);
    assert!(input.problems.is_empty(), "{:#?}", input.problems);
}

#[test]
fn archives_outside_a_charts_folder_are_not_opened() {
    let sub = subchart("common");
    let input = read(tgz(&[
        ("app/Chart.yaml", CHART),
        ("app/files/common.tgz", &sub),
        ("other/charts/x.tgz", &sub),
    ]));
    assert_eq!(
        paths(&input),
        [
            "app/Chart.yaml",
            "app/files/common.tgz",
            "other/charts/x.tgz"
        ]
    );
}

#[test]
fn subchart_depth_limit() {
    // app → b → c → d, each in the previous one's charts/.
    let d = tgz(&[("d/Chart.yaml", b"name: d\n")]);
    let c = tgz(&[("c/Chart.yaml", b"name: c\n"), ("c/charts/d.tgz", &d)]);
    let b = tgz(&[("b/Chart.yaml", b"name: b\n"), ("b/charts/c.tgz", &c)]);
    let app = tgz(&[("app/Chart.yaml", CHART), ("app/charts/b.tgz", &b)]);
    let input = read(app.clone());
    assert!(paths(&input).contains(&"app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz/d/Chart.yaml"));
    let input = read_with(
        Limits {
            max_archive_depth: 2,
            ..Limits::default()
        },
        app,
    );
    assert!(paths(&input).contains(&"app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz"));
    assert!(!paths(&input)
        .iter()
        .any(|p| p.ends_with("d.tgz/d/Chart.yaml")));
    let d = finding(
        &input,
        "nested more than 2 archives deep; it was not opened",
    );
    assert_eq!(
        d.file.as_deref(),
        Some("app/charts/b.tgz/b/charts/c.tgz/c/charts/d.tgz")
    );
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn broken_subchart_archive_does_not_stop_the_rest() {
    let good = subchart("good");
    let bad = subchart("bad");
    let input = read(tgz(&[
        ("app/Chart.yaml", CHART),
        ("app/charts/bad.tgz", &bad[..bad.len() / 2]),
        ("app/charts/good.tgz", &good),
        ("app/charts/junk.tgz", b"not an archive"),
    ]));
    assert!(paths(&input).contains(&"app/charts/good.tgz/good/Chart.yaml"));
    assert!(paths(&input).contains(&"app/charts/bad.tgz"));
    let d = finding(&input, "`app/charts/junk.tgz` is not an archive");
    assert_eq!(d.file.as_deref(), Some("app/charts/junk.tgz"));
    let d = finding(
        &input,
        "the gzip stream of `app/charts/bad.tgz` is truncated or corrupt",
    );
    assert_eq!(d.file.as_deref(), Some("app/charts/bad.tgz"));
    assert!(!input.unreadable);
}

#[test]
fn subchart_bytes_count_against_the_same_total() {
    let sub = tgz(&[
        ("s/Chart.yaml", b"name: s\n"),
        ("s/zeros.bin", &vec![0; 200_000]),
    ]);
    let limits = Limits {
        max_total_bytes: 100_000,
        ..Limits::default()
    };
    let input = read_with(
        limits,
        tgz(&[("app/Chart.yaml", CHART), ("app/charts/s.tgz", &sub)]),
    );
    assert!(paths(&input).contains(&"app/charts/s.tgz/s/Chart.yaml"));
    let d = finding(&input, "in total");
    assert_eq!(d.file.as_deref(), Some("app/charts/s.tgz/s/zeros.bin"));
}

#[test]
fn normalize_paths() {
    assert_eq!(normalize("./a//b/./c").ok().as_deref(), Some("a/b/c"));
    assert_eq!(normalize("a\\b").ok().as_deref(), Some("a/b"));
    assert!(matches!(normalize("/a"), Err(BadPath::Absolute)));
    assert!(matches!(normalize("\\a"), Err(BadPath::Absolute)));
    assert!(matches!(normalize("c:/a"), Err(BadPath::Absolute)));
    assert!(matches!(normalize("a/.."), Err(BadPath::DotDot)));
    assert!(matches!(normalize("./"), Err(BadPath::Empty)));
    assert_eq!(size(5 * 1024 * 1024), "5 MiB");
    assert_eq!(size(1536), "1.5 KiB");
    assert_eq!(size(12), "12 B");
}

/// A scratch folder for the `fs` tests, emptied first.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ecplint-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app/templates")).unwrap();
    std::fs::write(dir.join("app/Chart.yaml"), CHART).unwrap();
    std::fs::write(dir.join("app/templates/a.yaml"), b"a: 1\n").unwrap();
    dir
}

#[test]
fn fs_folder_files_are_named_under_the_prefix() {
    let dir = scratch("prefix");
    let input = super::fs::read_folder(&dir, "", &Limits::default());
    assert_eq!(paths(&input), ["app/Chart.yaml", "app/templates/a.yaml"]);
    assert!(input.problems.is_empty(), "{:#?}", input.problems);
    let input = super::fs::read_folder(&dir, "p/", &Limits::default());
    assert_eq!(
        paths(&input),
        ["p/app/Chart.yaml", "p/app/templates/a.yaml"]
    );

    // A PATH: files under the folder's name, shown under the path as given.
    let loaded = super::fs::read_path(&dir, &Limits::default());
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(loaded.input.files[0].path, format!("{name}/app/Chart.yaml"));
    let shown = loaded.input.path.clone();
    assert_eq!(
        loaded.display,
        Some((format!("{name}/"), format!("{shown}/")))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fs_walk_limits_and_links() {
    let dir = scratch("walk");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.join("app/evil")).unwrap();
        let input = super::fs::read_folder(&dir, "", &Limits::default());
        assert_eq!(paths(&input), ["app/Chart.yaml", "app/templates/a.yaml"]);
        let d = finding(&input, "symbolic link `app/evil` → `/etc/passwd` skipped");
        assert_eq!(d.severity, Severity::Warning);
        std::fs::remove_file(dir.join("app/evil")).unwrap();
    }
    // `app`, `app/Chart.yaml`, `app/templates`: the walk stops at the third entry.
    let limits = Limits {
        max_entries: 2,
        ..Limits::default()
    };
    let input = super::fs::read_folder(&dir, "", &limits);
    assert_eq!(paths(&input), ["app/Chart.yaml"]);
    let d = finding(
        &input,
        "more than 2 entries: stopped reading at `app/templates`",
    );
    assert!(d.file.is_none());

    let input = super::fs::read_folder(&dir.join("missing"), "", &limits);
    assert!(input.unreadable);
    finding(&input, "cannot read `");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file that is not UTF-8 matters as much as Helm (or the platform) reads its text.
#[test]
fn text_that_is_not_utf8_by_what_reads_it() {
    let latin1: &[u8] = b"caf\xe9\n";
    let input = read(tgz(&[
        ("a/Chart.yaml", CHART),
        ("a/README.md", latin1),
        ("a/templates/NOTES.txt", latin1),
        ("a/templates/_helpers.tpl", latin1),
        ("a/templates/_acl_helpers.yaml.tpl", latin1),
        ("a/templates/cm.yaml", latin1),
        ("a/values.yaml", latin1),
    ]));
    let got: Vec<(&str, Severity)> = input
        .problems
        .iter()
        .map(|p| (p.file.as_deref().unwrap_or(""), p.severity))
        .collect();
    assert_eq!(
        got,
        [
            ("a/README.md", Severity::Info),
            ("a/templates/NOTES.txt", Severity::Info),
            ("a/templates/_acl_helpers.yaml.tpl", Severity::Warning),
            ("a/templates/_helpers.tpl", Severity::Warning),
            ("a/templates/cm.yaml", Severity::Error),
            ("a/values.yaml", Severity::Error),
        ]
    );
    assert!(input.problems[0]
        .message
        .en
        .ends_with("Helm takes its bytes as they are; ecplint did not check its text"));
    assert!(input.problems[0].message.zh.contains("Helm 原样读取"));
}

/// UTF-16 (with a byte-order mark) that Helm 3 reads is decoded, so that its text is checked.
#[test]
fn utf16_text_is_decoded_where_it_is_read() {
    let le = |s: &str| {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    };
    let mut be = vec![0xFE, 0xFF];
    be.extend("a: 1\r\n".encode_utf16().flat_map(u16::to_be_bytes));
    let input = read(tgz(&[
        ("a/Chart.yaml", &le("name: a\nversion: 1.0.0\n")),
        ("a/README.md", &le("# 读我\n")),
        ("a/templates/cm.yaml", &le("k: v\n")),
        ("a/values.yaml", &be),
    ]));
    let file = |p: &str| &input.files.iter().find(|f| f.path == p).unwrap().data;
    assert_eq!(file("a/Chart.yaml"), b"name: a\nversion: 1.0.0\n");
    assert_eq!(file("a/values.yaml"), b"a: 1\r\n");
    assert_eq!(file("a/README.md")[..2], [0xFF, 0xFE], "kept as it is");
    let d = finding(&input, "`a/Chart.yaml` is UTF-16 text: Helm 3 reads it");
    assert_eq!(
        (d.severity, d.range),
        (Severity::Warning, Some(Range::point(1, 1)))
    );
    assert_eq!(
        finding(&input, "`a/README.md` is UTF-16").severity,
        Severity::Info
    );
    assert_eq!(
        finding(
            &input,
            "`a/templates/cm.yaml` is UTF-16 text: `helm lint` refuses it"
        )
        .severity,
        Severity::Error
    );
    // Decoded text is checked like any other: here its CRLF line ends.
    finding(&input, "`a/values.yaml` has CRLF");
    assert_eq!(input.problems.len(), 5, "{:#?}", input.problems);
    // An odd length or a lone surrogate is no UTF-16: reported as not UTF-8.
    let input = read(tgz(&[("a/values.yaml", b"\xFF\xFEa\x00:")]));
    finding(
        &input,
        "`a/values.yaml` is not valid UTF-8 (byte 0xFF at offset 0)",
    );
}

/// Chart archives laid out as Helm does not read them (`tests/helm/input` has Helm's verdicts).
#[test]
fn chart_archives_helm_refuses_or_reads_differently() {
    let root = read(tgz(&[("Chart.yaml", CHART), ("values.yaml", b"a: 1\n")]));
    assert_eq!(paths(&root), ["Chart.yaml", "values.yaml"], "still checked");
    let d = finding(
        &root,
        "Helm refuses `in.tgz`: the entry `Chart.yaml` is in no folder",
    );
    assert_eq!((d.severity, d.file.as_deref()), (Severity::Error, None));
    assert_eq!(root.problems.len(), 1);

    let dot = read(tgz_as_named(&[
        ("./x/Chart.yaml", CHART),
        ("./x/values.yaml", b"a: 1\n"),
    ]));
    assert_eq!(paths(&dot), ["x/Chart.yaml", "x/values.yaml"]);
    finding(
        &dot,
        "finds no `Chart.yaml` there (\"Chart.yaml file is missing\")",
    );

    let two = read(tgz(&[
        ("x/Chart.yaml", CHART),
        ("y/README.md", b"hi\n"),
        ("y/b", b""),
    ]));
    let d = finding(&two, "`y/` (2 file(s)) is a second top folder in `in.tgz`");
    assert!(d.message.en.contains("(`y/README.md` as `README.md`)"));
    assert_eq!(d.severity, Severity::Warning);

    // Read as Helm reads them: nothing to say.
    for fine in [
        tgz_as_named(&[("./Chart.yaml", CHART), ("./values.yaml", b"a: 1\n")]),
        tgz(&[("x/Chart.yaml", CHART), ("x/charts/s/Chart.yaml", CHART)]),
        // A project is no Helm chart archive: files at its root are expected.
        tgz(&[("Makefile", b"all:\n"), ("chart/x/Chart.yaml", CHART)]),
    ] {
        let input = read(fine);
        assert!(input.problems.is_empty(), "{:#?}", input.problems);
    }
}

/// Helm loads a chart's `charts/*.tgz` the same way: the finding names the subchart archive.
#[test]
fn subchart_archive_with_its_chart_at_the_root() {
    let sub = tgz(&[("Chart.yaml", b"name: s\n")]);
    let mut padded = subchart("fine");
    padded.extend([0u8; 2048]);
    let input = read(tgz(&[
        ("app/Chart.yaml", CHART),
        ("app/charts/s.tgz", &sub),
        ("app/charts/fine.tgz", &padded),
    ]));
    assert!(paths(&input).contains(&"app/charts/s.tgz/Chart.yaml"));
    let d = finding(
        &input,
        "Helm refuses `app/charts/s.tgz`: the entry `Chart.yaml` is in no folder",
    );
    assert_eq!(
        (d.file.as_deref(), d.severity),
        (Some("app/charts/s.tgz"), Severity::Error)
    );
    assert_eq!(input.problems.len(), 1, "{:#?}", input.problems);
}
