use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::input::Input;
use crate::rules::{Findings, InputScope};
use crate::text;
use crate::yaml::Problem;

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
    /// A values.yaml whose aliases expand without end (a "billion laughs"):
    /// ```yaml,fail,file=values.yaml
    /// a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    /// e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    /// f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    /// g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// base: &base {cpu: 100m}
    /// api: *base
    /// ```
    RULE = "INPUT-001", Input, Error | Warning | Info, "§1.1.6.1",
    "Input could not be read completely", "输入无法完整读取", Input(check)
}

/// What went wrong reading the input, then the YAML limits met while each chart's files were
/// parsed (reported under that chart).
fn check(scope: &InputScope, out: &mut Findings) {
    for d in findings(scope.input) {
        out.push(d);
    }
    for chart in scope.charts {
        out.set_chart(Some(chart.name()));
        yaml_limits(chart, out);
    }
}

fn yaml_limits(chart: &Chart, out: &mut Findings) {
    for file in chart.yaml_files() {
        for problem in &file.yaml.problems {
            match problem {
                Problem::TooDeep { range, limit } => {
                    out.report(
                        &file.path,
                        Some(*range),
                        text!(
                            "YAML nested too deep (more than {limit} levels): the deeper part is not read",
                            "YAML 嵌套过深（超过 {limit} 层）：更深的部分未被读取"
                        ),
                    )
                    .help(text!(
                        "real charts nest a few dozen levels at most; flatten this structure",
                        "真实的 chart 最多嵌套几十层；请减少此处的嵌套"
                    ));
                }
                Problem::TooManyNodes { range, limit } => {
                    out.report(
                        &file.path,
                        Some(*range),
                        text!(
                            "YAML aliases expand to more than {limit} nodes (an alias bomb?): reading stopped here",
                            "YAML 别名展开后超过 {limit} 个节点（别名炸弹？）：在此处停止读取"
                        ),
                    )
                    .help(text!(
                        "use fewer nested aliases (`*name`); Helm would spend minutes and gigabytes on this",
                        "减少嵌套的别名（`*name`）；Helm 读取它会耗费数分钟和数 GB 内存"
                    ));
                }
                _ => {}
            }
        }
    }
}

/// The input layer's problems (what kept an input from being read completely) as `INPUT-001`
/// findings, in the order they were met.
pub fn findings(input: &Input) -> Vec<Diagnostic> {
    input
        .problems
        .iter()
        .map(|p| {
            let mut d = Diagnostic::new(RULE.id, p.severity, p.message.clone());
            d.file = p.file.clone();
            d.range = p.range;
            d.help = p.help.clone();
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Range, Severity};
    use crate::input::Problem;

    #[test]
    fn problems_become_input_001_findings_field_for_field() {
        let mut p = Problem::new(Some("a/values.yaml"), Severity::Info, text!("en", "zh"));
        p.range = Some(Range::point(2, 3));
        p.help = Some(text!("help", "帮助"));
        let whole = Problem::new(None, Severity::Error, text!("whole", "整体"));
        let input = Input {
            problems: vec![p, whole],
            ..Input::default()
        };
        let d = findings(&input);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].rule, "INPUT-001");
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].file.as_deref(), Some("a/values.yaml"));
        assert_eq!(d[0].range, Some(Range::point(2, 3)));
        assert_eq!(d[0].message, text!("en", "zh"));
        assert_eq!(d[0].help, Some(text!("help", "帮助")));
        assert_eq!(d[0].chart, None);
        assert_eq!(
            (d[1].file.as_deref(), d[1].range, d[1].help.as_ref()),
            (None, None, None)
        );
    }

    /// The documented examples, and the snapshot of the failing ones.
    #[test]
    fn pass_and_fail() {
        crate::rules::tester::Tester::new(&super::RULE).test_and_snapshot();
    }
}
