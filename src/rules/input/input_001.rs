use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity, Text};

declare_rule! {
    /// ## What it does
    /// Reports anything that kept ecplint from reading an input completely: a file that is not an
    /// archive we read, a truncated or corrupt gzip stream, an entry over a size limit, too many
    /// entries, an over-long path, an unsafe entry (absolute path, `..`, symlink, hard link,
    /// device) that was skipped, text that is not UTF-8, a byte-order mark, YAML nested too deep
    /// or with aliases that expand too far.
    ///
    /// ## Why
    /// A chart archive is untrusted input. The platform (and Helm) refuse such archives, and a
    /// validator that silently skipped a file would report a chart as clean when it is not. Every
    /// skip or cut is therefore reported, and every other file is still checked.
    ///
    /// Limits (at least Helm's own): 5 MiB per file, 100 MiB per chart, 10 000 entries, 1024
    /// characters per path, YAML nesting 128 deep, 1 000 000 nodes after alias expansion.
    ///
    /// ## 中文
    /// 输入无法完整读取时报告：不是可识别的归档、gzip 截断或损坏、文件超过大小限制、条目过多、
    /// 路径过长、不安全的条目（绝对路径、`..`、符号链接、硬链接、设备文件）被跳过、非 UTF-8
    /// 文本、BOM、YAML 嵌套过深或别名展开过多。其余文件照常检查。
    ///
    /// ## Example
    /// A `.tgz` whose gzip stream ends early: `INPUT-001 truncated gzip stream after 3 entries`.
    RULE = "INPUT-001", Input, Error, "§1.1.6.1",
    "Input could not be read completely", "输入无法完整读取", None
}

/// An `INPUT-001` finding about `file` (or the input as a whole when `None`).
pub fn input_problem(file: Option<&str>, severity: Severity, message: Text) -> Diagnostic {
    let mut d = Diagnostic::new(RULE.id, severity, message);
    d.file = file.map(str::to_string);
    d
}
