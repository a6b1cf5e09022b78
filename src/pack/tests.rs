//! The archive writers against our reader and independent ones (the `tar`, `flate2` and `zip`
//! crates), and `top_level` on nested subchart archives.

use super::*;
use crate::input::{load, Limits, Source};
use crate::testing::{file, noise};
use std::io::{Cursor, Read};

/// A chart with text, a script, binary data and an empty file, sorted by path.
fn chart() -> Vec<File> {
    vec![
        file(
            "app/Chart.yaml",
            b"apiVersion: v2\nname: app\nversion: 1.0.0\n",
        ),
        file("app/files/blob.bin", &noise(3000, 0x2545_F491_4F6C_DD1D)),
        file("app/files/empty.txt", b""),
        file("app/run.sh", b"#!/bin/sh\necho hello\n"),
        file(
            "app/templates/cm.yaml",
            "kind: ConfigMap\ndata:\n  greeting: 你好\n"
                .repeat(20)
                .as_bytes(),
        ),
        file("app/values.yaml", b"replicas: 1\n"),
    ]
}

const LAYOUTS: [Layout; 3] = [Layout::Tgz, Layout::Tar, Layout::Zip];

/// Our reader's view of an archive: its files, after checking that it had nothing to say.
fn read_back(data: Vec<u8>) -> Vec<File> {
    let input = load(
        Source::Archive {
            name: "app.tgz".into(),
            data,
        },
        &Limits::default(),
    );
    assert!(input.problems.is_empty(), "{:#?}", input.problems);
    input.files
}

#[test]
fn each_layout_reads_back_as_the_same_files() {
    for layout in LAYOUTS {
        let data = write(&chart(), layout).unwrap();
        assert_eq!(Layout::of(&data), Some(layout));
        assert_eq!(read_back(data.clone()), chart(), "{layout:?}");
        assert_eq!(write(&chart(), layout).unwrap(), data, "deterministic");
    }
    assert_eq!(Layout::of(b"not an archive"), None);
}

/// Entries as the `tar` crate reads them: path, mode, mtime, data.
fn tar_entries(tar: &[u8]) -> Vec<(String, u32, u64, Vec<u8>)> {
    let mut archive = ::tar::Archive::new(tar);
    let mut out = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let h = entry.header();
        assert_eq!(h.entry_type(), ::tar::EntryType::Regular);
        let (mode, mtime) = (h.mode().unwrap(), h.mtime().unwrap());
        let path = String::from_utf8(entry.path_bytes().into_owned()).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.push((path, mode, mtime, data));
    }
    out
}

fn expected_entries(files: &[File]) -> Vec<(String, u32, u64, Vec<u8>)> {
    files
        .iter()
        .map(|f| (f.path.clone(), mode(&f.data), MTIME, f.data.clone()))
        .collect()
}

#[test]
fn the_tar_crate_reads_our_tar_and_flate2_our_gzip() {
    let tar = write(&chart(), Layout::Tar).unwrap();
    assert_eq!(tar_entries(&tar), expected_entries(&chart()));
    assert_eq!(tar_entries(&tar)[3].1, 0o755, "a script is executable");

    let tgz = write(&chart(), Layout::Tgz).unwrap();
    let mut gunzipped = Vec::new();
    flate2::read::GzDecoder::new(tgz.as_slice())
        .read_to_end(&mut gunzipped)
        .unwrap();
    assert_eq!(gunzipped, tar);
}

#[test]
fn the_zip_crate_reads_our_zip() {
    let data = write(&chart(), Layout::Zip).unwrap();
    let mut archive = ::zip::ZipArchive::new(Cursor::new(data)).unwrap();
    assert_eq!(archive.len(), chart().len());
    for (i, f) in chart().iter().enumerate() {
        let mut entry = archive.by_index(i).unwrap();
        assert_eq!(entry.name().unwrap(), f.path);
        assert_eq!(entry.unix_mode(), Some(0o100_000 | mode(&f.data)));
        // Stored when DEFLATE does not make it smaller: noise, an empty file.
        use ::zip::CompressionMethod::{Deflated, Stored};
        match f.path.as_str() {
            "app/files/blob.bin" | "app/files/empty.txt" => assert_eq!(entry.compression(), Stored),
            "app/templates/cm.yaml" => assert_eq!(entry.compression(), Deflated),
            _ => {}
        }
        let mut got = Vec::new();
        entry.read_to_end(&mut got).unwrap(); // checks the CRC-32 too
        assert_eq!(got, f.data);
    }
}

#[test]
fn long_paths_round_trip() {
    let dir = format!("app/{}", "d".repeat(120));
    let files = vec![
        file(
            "app/Chart.yaml",
            b"apiVersion: v2\nname: app\nversion: 1.0.0\n",
        ),
        // 100 bytes, the name field's size.
        file(&format!("app/{}", "n".repeat(96)), b"name field"),
        // Over 100: split between ustar's prefix and name fields.
        file(&format!("{dir}/short.yaml"), b"split"),
        // Over 255: a GNU long-name entry.
        file(
            &format!("{dir}/{}/{}", "e".repeat(100), "f".repeat(60)),
            b"long",
        ),
        // Over 255, and cut at 100 bytes right after a `..` at the start of a part.
        file(
            &format!("app/{}/..z/{}", "a".repeat(93), "g".repeat(200)),
            b"dots",
        ),
    ];
    let mut sorted = files.clone();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for layout in LAYOUTS {
        assert_eq!(
            read_back(write(&files, layout).unwrap()),
            sorted,
            "{layout:?}"
        );
    }
    let tar = write(&files, Layout::Tar).unwrap();
    assert_eq!(tar_entries(&tar), expected_entries(&files));
    // ustar headers, but a GNU one where ustar refuses the name cut at 100 bytes (`…/..`).
    let mut archive = ::tar::Archive::new(tar.as_slice());
    let gnu: Vec<bool> = (archive.entries().unwrap())
        .map(|e| e.unwrap().header().as_gnu().is_some())
        .collect();
    assert_eq!(gnu, [false, false, false, false, true]);
}

#[test]
fn paths_the_reader_would_change_are_refused() {
    for path in [
        "", "/abs", "../up", "a/../b", "a//b", "./a", "a/", "a\\b", "C:/x", "a\0b",
    ] {
        for layout in LAYOUTS {
            let got = write(&[file(path, b"x")], layout);
            assert_eq!(got, Err(PackError::BadPath { path: path.into() }));
        }
    }
    let message = PackError::BadPath {
        path: "../up".into(),
    }
    .message();
    assert!(message.en.contains("`../up`") && message.zh.contains("`../up`"));
}

const COMMON_VALUES: &str =
    "app/charts/lib-1.0.0.tgz/lib/charts/common-1.0.0.tgz/common/values.yaml";

/// `app` with a subchart archive `lib` that holds one (`common`), and another (`other`): the
/// archive, and the archives it holds.
struct Nested {
    app: Vec<u8>,
    lib: Vec<u8>,
    common: Vec<u8>,
    other: Vec<u8>,
}

fn nested() -> Nested {
    let chart = |name: &str| format!("apiVersion: v2\nname: {name}\nversion: 1.0.0\n");
    let common = write(
        &[
            file("common/Chart.yaml", chart("common").as_bytes()),
            file("common/values.yaml", b"common: 1\n"),
        ],
        Layout::Tgz,
    )
    .unwrap();
    let lib = write(
        &[
            file("lib/Chart.yaml", chart("lib").as_bytes()),
            file("lib/charts/common-1.0.0.tgz", &common),
        ],
        Layout::Tgz,
    )
    .unwrap();
    let other = write(
        &[file("other/Chart.yaml", chart("other").as_bytes())],
        Layout::Tgz,
    )
    .unwrap();
    let app = write(
        &[
            file("app/Chart.yaml", chart("app").as_bytes()),
            file("app/charts/lib-1.0.0.tgz", &lib),
            file("app/charts/other-1.0.0.tgz", &other),
        ],
        Layout::Tgz,
    )
    .unwrap();
    Nested {
        app,
        lib,
        common,
        other,
    }
}

/// The files of a tgz, as the `tar` crate reads them.
fn untgz(data: &[u8]) -> Vec<File> {
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut tar)
        .unwrap();
    tar_entries(&tar)
        .into_iter()
        .map(|(path, _, _, data)| File { path, data })
        .collect()
}

fn not_archives(files: Vec<File>) -> Vec<File> {
    files
        .into_iter()
        .filter(|f| !f.path.ends_with(".tgz"))
        .collect()
}

#[test]
fn top_level_keeps_unedited_archives_as_they_came() {
    let n = nested();
    let files = read_back(n.app.clone());
    assert!(files.iter().any(|f| f.path == COMMON_VALUES), "opened");
    let top = top_level(&files, &[]).unwrap();
    assert_eq!(top, untgz(&n.app));
    assert_eq!(write(&top, Layout::Tgz).unwrap(), n.app);
}

#[test]
fn an_edit_deep_inside_rebuilds_the_archives_around_it() {
    let n = nested();
    let mut files = read_back(n.app.clone());
    let edited = files.iter_mut().find(|f| f.path == COMMON_VALUES).unwrap();
    edited.data = b"common: 2\n".to_vec();
    let top = top_level(&files, &[COMMON_VALUES.to_string()]).unwrap();

    let paths: Vec<&str> = top.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "app/Chart.yaml",
            "app/charts/lib-1.0.0.tgz",
            "app/charts/other-1.0.0.tgz"
        ]
    );
    assert_eq!(
        top[2].data, n.other,
        "an archive with no edit keeps its bytes"
    );
    assert_ne!(
        top[1].data, n.lib,
        "the archive holding the edit is rebuilt"
    );
    let lib = untgz(&top[1].data);
    assert_eq!(lib[0].path, "lib/Chart.yaml");
    assert_eq!(lib[1].path, "lib/charts/common-1.0.0.tgz");
    assert_ne!(lib[1].data, n.common, "so is the one inside it");
    assert_eq!(
        untgz(&lib[1].data)[1],
        file("common/values.yaml", b"common: 2\n")
    );
    // Read again, the input is the edited one (its rebuilt archives aside).
    let again = read_back(write(&top, Layout::Tgz).unwrap());
    assert_eq!(not_archives(again), not_archives(files));
}

#[test]
fn an_edit_inside_one_archive_keeps_the_archive_it_holds() {
    let n = nested();
    let mut files = read_back(n.app);
    let added = "app/charts/lib-1.0.0.tgz/lib/README.md";
    files.push(file(added, b"# lib\n"));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let top = top_level(&files, &[added.to_string()]).unwrap();
    let lib = untgz(&top[1].data);
    let lib_paths: Vec<&str> = lib.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        lib_paths,
        [
            "lib/Chart.yaml",
            "lib/README.md",
            "lib/charts/common-1.0.0.tgz"
        ]
    );
    assert_eq!(lib[2].data, n.common);
    let again = read_back(write(&top, Layout::Zip).unwrap());
    assert_eq!(not_archives(again), not_archives(files));
}
