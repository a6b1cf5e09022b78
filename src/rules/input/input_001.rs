use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::input::Input;
use crate::rules::{Findings, InputScope};
use crate::text;
use crate::yaml::Problem;

declare_rule! {
    /// ## What it does
    /// Reports anything that kept ecplint from reading an input as Helm reads it: a file that is
    /// not an archive we read, a broken gzip or tar stream, an entry over a size limit, too many
    /// entries, an over-long path, an unsafe entry that was skipped, a link, text that is not
    /// UTF-8, a chart archive laid out so that Helm reads it differently, YAML nested too deep or
    /// with aliases that expand too far. Every other file is still checked.
    ///
    /// ## Why
    /// A chart archive is untrusted input, and a validator that silently skipped or changed a
    /// file would report a chart as clean when it is not. The severity says what Helm (v3.17,
    /// and v4.1 where it differs) does with the same bytes: **error** where Helm refuses the
    /// chart, **warning** where Helm reads it but not as the author meant, or the platform
    /// needs it, **info** where Helm reads it fine and ecplint only skipped or normalised
    /// something. `scripts/helm-oracle/input.py` builds each case below and records Helm's
    /// verdict (`tests/helm/input/`); the tests check ecplint against it without Helm.
    ///
    /// | Case | Severity | What Helm does |
    /// |---|---|---|
    /// | not an archive, empty, no file in it | error | refuses |
    /// | gzip stream truncated or corrupt before the tar end | error | refuses ("unexpected EOF") |
    /// | tar archive truncated or corrupt | error | refuses |
    /// | gzip stream cut or damaged after the tar end marker | info | reads every file (it stops at the marker) |
    /// | zero bytes after the gzip stream (block padding) | — (not reported) | ignores them |
    /// | other bytes after the gzip stream | info | ignores them |
    /// | more than 1 MiB after the tar end marker (not read) | warning | ignores it |
    /// | `Chart.yaml` (or any file) at the root of a chart archive, no folder | error | refuses ("chart illegally contains content outside the base directory") |
    /// | paths `./<name>/Chart.yaml` | error | takes `.` as the chart folder ("Chart.yaml file is missing") |
    /// | paths `./Chart.yaml`, `./values.yaml`, … | — (not reported) | reads them |
    /// | files in a second top folder of a chart archive | warning | reads them as the chart's own files |
    /// | symlink, hard link, device, fifo in a tar | warning | reads an empty file (follows no link); ecplint does the same |
    /// | symlink in a zip, other tar entry types | error | (Helm does not read zip archives) skipped |
    /// | absolute path, `..` part, empty or non-UTF-8 name | error | skipped |
    /// | a path listed twice | warning | the last one is used |
    /// | over a size, entry or path-length limit | error | (its own limits) the rest is not read |
    /// | Chart.yaml, values.yaml, requirements.yaml, values.schema.json not UTF-8 | error | refuses ("invalid UTF-8") |
    /// | a template `templates/**.yaml` not UTF-8 | error | `helm template` refuses the manifest |
    /// | a platform file `templates/_*.yaml`, `_*.yaml.tpl` not UTF-8 | warning | not rendered; the platform reads it |
    /// | a helper template `templates/**.tpl` not UTF-8 | warning | reads it; its text breaks a manifest |
    /// | any other text file (README, `NOTES.txt`, scripts) not UTF-8 | info | reads its bytes |
    /// | Chart.yaml, values.yaml, … in UTF-16 with a BOM | warning | Helm 3 reads it, Helm 4 refuses UTF-16LE; ecplint decodes it |
    /// | a template in UTF-16 | error | `helm lint` refuses it |
    /// | a platform or helper file in UTF-16 | warning | ecplint decodes it |
    /// | any other text file in UTF-16 | info | reads its bytes |
    /// | a UTF-8 byte-order mark | info | drops it; ecplint too |
    /// | CRLF line endings in YAML or a template | info | reads them |
    /// | YAML nested too deep, aliases expanding too far | error | (ecplint's limit) the rest is not read |
    /// | the run's work budget spent (many files of many alias bombs) | error | (ecplint's limit) each later YAML file is cut, and named |
    ///
    /// Limits (at least Helm's own): 5 MiB per file, 100 MiB per chart, 10 000 entries, 1024
    /// characters per path, YAML nesting 128 deep, 1 000 000 nodes per file after alias
    /// expansion, and for the whole run 2 000 000 nodes plus 10 per byte of the inputs (real
    /// YAML holds one node per five to ten bytes), so that the time a run takes stays in
    /// proportion to what it was given.
    ///
    /// ## 中文
    /// 输入无法按 Helm 的方式完整读取时报告。级别反映 Helm（v3.17，必要时 v4.1）对同样内容的处理：
    /// Helm 拒绝的为**错误**（不是归档、数据流截断、chart 归档根目录下直接放 `Chart.yaml`、
    /// `./<name>/Chart.yaml` 形式的路径、Chart.yaml/values.yaml/模板不是 UTF-8、UTF-16 模板）；
    /// Helm 能读取但结果与作者意图不同、或平台需要的为**警告**（符号链接、硬链接、设备文件被
    /// 读为空文件，第二个顶层目录，UTF-16 的 Chart.yaml/values.yaml，平台文件或辅助模板不是
    /// UTF-8）；Helm 正常读取、ecplint 只是跳过或规范化了内容的为**提示**（README、NOTES.txt 等
    /// 非 UTF-8 文本、BOM、CRLF、gzip 流之后的多余字节）。gzip 流之后的零填充不报告。
    /// 一次运行的工作预算（所有输入合计 2 000 000 个 YAML 节点，另加每字节 10 个）用完后，
    /// 之后的每个 YAML 文件都在开头被截断并逐一报告（**错误**），使运行时间与输入大小成正比。
    ///
    /// ## Example
    /// A `.tgz` whose gzip stream ends early: ``INPUT-001 the gzip stream of `x.tgz` is truncated
    /// or corrupt (…); 3 file(s) before that point were read``.
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
                Problem::BudgetSpent { range, total_nodes } => {
                    out.report(
                        &file.path,
                        Some(*range),
                        text!(
                            "the run's budget of {total_nodes} YAML nodes (all files of all inputs, aliases expanded) is spent: this file is not read past here",
                            "本次运行的 YAML 节点预算（所有输入的所有文件合计，展开别名后）{total_nodes} 个已用完：此文件在此处之后未被读取"
                        ),
                    )
                    .help(text!(
                        "the files read before this one built that many nodes, most likely through aliases (`*name`) that multiply far beyond their size; remove those aliases, or check fewer inputs at once",
                        "在此之前读取的文件已构建了这么多节点，多半是别名（`*name`）展开远超其大小所致；请删除这些别名，或减少一次检查的输入"
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
