//! Why a link could not be made or opened, said the way the page shows it.

use super::FORMAT;
use crate::diagnostic::Text;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// `encode`: the link would be `chars` long, over `limit`.
    TooLarge { chars: usize, limit: usize },
    /// `encode`: the inputs hold more files (and inputs) than a link may.
    TooManyFiles { files: usize, limit: usize },
    /// `encode`: the files, uncompressed, are more than a link may restore.
    TooMuchData { bytes: usize, limit: usize },
    /// `decode`: the link is in another format, made by ecplint `made_by`.
    OtherFormat { format: String, made_by: String },
    /// `decode`: the fragment does not start with `ecplint=`.
    NotALink,
    /// `decode`: the link is damaged (cut, altered, or past a cap); `what` says how.
    Malformed { what: Text },
}

pub(super) fn malformed(what: Text) -> ShareError {
    ShareError::Malformed { what }
}

/// `n` as whole KB (1000), rounded up: link lengths, where characters are bytes.
fn kb(n: usize) -> usize {
    n.div_ceil(1000)
}

impl ShareError {
    pub fn message(&self) -> Text {
        match self {
            ShareError::TooLarge { chars, limit } => {
                let (n, m) = (kb(*chars), kb(*limit));
                text!(
                    "the input is {n} KB as a link; links hold up to {m} KB: use Download and send the archive",
                    "该输入生成的链接为 {n} KB；链接最多容纳 {m} KB：请使用“下载”并发送归档文件"
                )
            }
            ShareError::TooManyFiles { files, limit } => text!(
                "the input holds {files} files; links hold up to {limit}: use Download and send the archive",
                "该输入包含 {files} 个文件；链接最多容纳 {limit} 个：请使用“下载”并发送归档文件"
            ),
            ShareError::TooMuchData { bytes, limit } => {
                let (n, m) = (bytes >> 20, limit >> 20);
                text!(
                    "the input's files are {n} MiB uncompressed; links hold up to {m} MiB: use Download and send the archive",
                    "该输入的文件未压缩时为 {n} MiB；链接最多容纳 {m} MiB：请使用“下载”并发送归档文件"
                )
            }
            ShareError::OtherFormat { format, made_by } => text!(
                "this link was made by ecplint {made_by} (link format {format}); this ecplint reads format {FORMAT}: open it with ecplint {made_by}",
                "此链接由 ecplint {made_by} 生成（链接格式 {format}）；当前 ecplint 读取格式 {FORMAT}：请用 ecplint {made_by} 打开"
            ),
            ShareError::NotALink => text!(
                "this is not an ecplint link: its part after `#` does not start with `ecplint=`; copy the whole link again",
                "这不是 ecplint 链接：其 `#` 之后的部分不以 `ecplint=` 开头；请重新完整复制链接"
            ),
            ShareError::Malformed { what } => {
                let (en, zh) = (&what.en, &what.zh);
                text!(
                    "this link is damaged: {en}; copy the whole link again, or ask its sender for the archive",
                    "此链接已损坏：{zh}；请重新完整复制链接，或向发送者索取归档文件"
                )
            }
        }
    }
}
