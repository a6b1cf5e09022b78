//! Which files make an input's archive: those that no other file of the input holds. The
//! reader adds a subchart archive's files under `<archive path>/` and keeps the archive too; on
//! the way back the archive is written as it came, or rebuilt when a file inside it was edited.

use super::{write, Layout, PackError};
use crate::input::File;
use std::collections::{BTreeMap, HashSet};

/// The files to write for `files` (an input's), where `edited` names the files that changed
/// (added or removed ones too). A file inside another file `P` of the list (`P/…`) is not
/// written itself: `P` is, with its own bytes, or, when an `edited` path lies inside it, as a
/// `.tgz` rebuilt from the files inside it (without the `P/` prefix), by the same rule one
/// archive deeper. Sorted by path.
pub fn top_level(files: &[File], edited: &[String]) -> Result<Vec<File>, PackError> {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|f| (f.path.as_str(), f.data.as_slice()))
        .collect();
    let edited: Vec<&str> = edited.iter().map(String::as_str).collect();
    level(&files, &edited)
}

/// One archive's level: its top files, each archive among them kept or rebuilt.
fn level(files: &[(&str, &[u8])], edited: &[&str]) -> Result<Vec<File>, PackError> {
    let paths: HashSet<&str> = files.iter().map(|f| f.0).collect();
    let mut top = Vec::new();
    // The files inside each top file, their paths relative to it.
    let mut inside: BTreeMap<&str, Vec<(&str, &[u8])>> = BTreeMap::new();
    for &(path, data) in files {
        match outermost_holder(path, &paths) {
            Some(holder) => inside
                .entry(holder)
                .or_default()
                .push((&path[holder.len() + 1..], data)),
            None => top.push((path, data)),
        }
    }
    let mut out = Vec::with_capacity(top.len());
    for (path, data) in top {
        let prefix = format!("{path}/");
        let edited_inside: Vec<&str> = edited
            .iter()
            .filter_map(|e| e.strip_prefix(&prefix))
            .collect();
        let data = if edited_inside.is_empty() {
            data.to_vec()
        } else {
            let files = inside.get(path).map_or(&[][..], Vec::as_slice);
            write(&level(files, &edited_inside)?, Layout::Tgz)?
        };
        out.push(File {
            path: path.to_string(),
            data,
        });
    }
    slim_sort::sort_by(&mut out, |a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The shortest `P` among `paths` such that `path` starts with `P/`.
fn outermost_holder<'a>(path: &'a str, paths: &HashSet<&str>) -> Option<&'a str> {
    path.match_indices('/')
        .map(|(i, _)| &path[..i])
        .find(|p| paths.contains(p))
}
