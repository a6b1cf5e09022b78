//! Why an input could not be written as an archive.

use crate::diagnostic::Text;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// A path the reader would not keep as it is: empty, absolute, with an empty, `.` or `..`
    /// part, a `\`, or a NUL byte. Files read by `input::load` never have one.
    BadPath { path: String },
    /// Past what a zip archive without zip64 holds (`what`: the size or count that is).
    ZipTooLarge { what: Text },
}

impl PackError {
    pub fn message(&self) -> Text {
        match self {
            PackError::BadPath { path } => text!(
                "the path `{path}` cannot be written in an archive: paths are relative, `/`-separated, with no empty, `.` or `..` part; rename the file",
                "路径 `{path}` 无法写入归档：路径须为相对路径、以 `/` 分隔，且不含空的、`.` 或 `..` 部分；请重命名该文件"
            ),
            PackError::ZipTooLarge { what } => {
                let (en, zh) = (&what.en, &what.zh);
                text!(
                    "the input is too large for a zip archive ({en}; zip64 is not written): download it as .tgz",
                    "输入对 zip 归档而言过大（{zh}；不写入 zip64）：请下载为 .tgz"
                )
            }
        }
    }
}
