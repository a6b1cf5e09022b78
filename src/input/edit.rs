//! A file of an input changed by the user (the page's editor): its new bytes take the old ones'
//! place, and what reading said of the old bytes gives way to the text checks of the new.

use super::limits::size;
use super::read::Reader;
use super::{Input, Limits};
use crate::diagnostic::Text;
use crate::text;

/// Why an edit was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The input has no file at that path.
    NoSuchFile,
    /// The new content is over the per-file limit (`Limits::max_file_bytes`).
    TooBig { limit: u64 },
}

impl EditError {
    pub fn message(&self, path: &str) -> Text {
        match self {
            EditError::NoSuchFile => {
                text!("the input has no file `{path}`", "输入中没有文件 `{path}`")
            }
            EditError::TooBig { limit } => {
                let limit = size(*limit);
                text!(
                    "`{path}` would be larger than {limit}, the most a file may hold; the change was not taken",
                    "`{path}` 将超过单个文件的上限 {limit}，修改未被采用"
                )
            }
        }
    }
}

/// Whether file `path` of `input` may take `len` bytes: it exists, and they are within the
/// per-file limit. [`edit`] asks it first; a caller may ask before giving up what it holds.
pub fn editable(input: &Input, path: &str, len: usize, limits: &Limits) -> Result<(), EditError> {
    if len as u64 > limits.max_file_bytes {
        return Err(EditError::TooBig {
            limit: limits.max_file_bytes,
        });
    }
    if !input.files.iter().any(|f| f.path == path) {
        return Err(EditError::NoSuchFile);
    }
    Ok(())
}

/// Replace the content of file `path` of `input` with `data`. The file is marked edited; the
/// problems reading found in it are dropped and its text checked again.
pub fn edit(
    input: &mut Input,
    path: &str,
    data: Vec<u8>,
    limits: &Limits,
) -> Result<(), EditError> {
    editable(input, path, data.len(), limits)?;
    let file = input
        .files
        .iter_mut()
        .find(|f| f.path == path)
        .expect("editable: the file exists");
    file.data = data;
    input.problems.retain(|p| p.file.as_deref() != Some(path));
    let mut reader = Reader {
        limits,
        problems: Vec::new(),
        entries: 0,
        stopped: false,
    };
    reader.text_checks(file);
    input.problems.append(&mut reader.problems);
    if !input.edited.iter().any(|e| e == path) {
        input.edited.push(path.to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{load, Source};

    fn folder(files: &[(&str, &[u8])]) -> Input {
        let files = files
            .iter()
            .map(|(p, d)| super::super::File {
                path: p.to_string(),
                data: d.to_vec(),
            })
            .collect();
        load(
            Source::Folder {
                name: "app".into(),
                files,
            },
            &Limits::default(),
        )
    }

    #[test]
    fn an_edit_replaces_the_bytes_and_marks_the_file() {
        let mut input = folder(&[
            ("app/Chart.yaml", b"name: a\n"),
            ("app/values.yaml", b"a: 1\n"),
        ]);
        edit(
            &mut input,
            "app/values.yaml",
            b"a: 2\n".to_vec(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(input.files[1].data, b"a: 2\n");
        assert_eq!(input.edited, ["app/values.yaml"]);
        edit(
            &mut input,
            "app/values.yaml",
            b"a: 3\n".to_vec(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(input.edited, ["app/values.yaml"], "marked once");
    }

    #[test]
    fn the_problems_of_the_old_bytes_give_way_to_those_of_the_new() {
        let mut input = folder(&[("app/values.yaml", b"a: 1\r\n")]);
        assert_eq!(input.problems.len(), 1, "{:?}", input.problems);
        edit(
            &mut input,
            "app/values.yaml",
            b"a: 1\n".to_vec(),
            &Limits::default(),
        )
        .unwrap();
        assert!(input.problems.is_empty(), "{:?}", input.problems);
        edit(
            &mut input,
            "app/values.yaml",
            b"\xEF\xBB\xBFa: 1\n".to_vec(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(input.problems.len(), 1);
        assert!(input.problems[0].message.en.contains("byte-order mark"));
    }

    #[test]
    fn an_unknown_file_or_an_oversized_edit_is_refused() {
        let mut input = folder(&[("app/values.yaml", b"a: 1\n")]);
        let limits = Limits {
            max_file_bytes: 8,
            ..Limits::default()
        };
        assert_eq!(
            edit(&mut input, "app/nope.yaml", Vec::new(), &limits),
            Err(EditError::NoSuchFile)
        );
        assert_eq!(
            edit(&mut input, "app/values.yaml", vec![b'a'; 9], &limits),
            Err(EditError::TooBig { limit: 8 })
        );
        assert!(input.edited.is_empty());
    }
}
