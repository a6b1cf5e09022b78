//! A folder's files, read by the caller (the CLI, the page): the same limits and path rules as an
//! archive's entries.

use super::budget::Budget;
use super::read::{Reader, Src};
use super::File;

impl Reader<'_> {
    /// Files of a folder, read by the caller: the same limits and path rules as an archive.
    pub(super) fn read_folder_files(
        &mut self,
        budget: &Budget,
        name: &str,
        given: Vec<File>,
        out: &mut Vec<File>,
    ) {
        let src = Src {
            prefix: "",
            name,
            file: None,
        };
        let mut seen = 0usize;
        for f in given {
            seen += 1;
            if !self.count_entry("", f.path.as_bytes()) {
                break;
            }
            let Some(path) = self.entry_path(&src, f.path.as_bytes()) else {
                continue;
            };
            let n = f.data.len() as u64;
            if n > self.limits.max_file_bytes {
                self.file_too_big(&path, n);
                continue;
            }
            if n > budget.remaining() {
                self.total_exceeded(Some(&path));
                break;
            }
            budget.used.set(budget.used.get() + n);
            out.push(File { path, data: f.data });
        }
        if out.is_empty() && !self.stopped {
            self.no_files(&src, seen);
        }
    }
}
