use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{self, Problem};

declare_rule! {
    /// ## What it does
    /// Reports a YAML file of the chart that does not parse, at the line and column where the
    /// parser stopped: `Chart.yaml`, `values.yaml`, `requirements.yaml`,
    /// `templates/_acl_helpers.yaml.tpl`.
    ///
    /// ## Why
    /// `helm lint`, `helm package` and the platform's build all read these files; one syntax
    /// error stops the whole product. Rules that read a file that does not parse are skipped for
    /// that file, so this finding comes first.
    ///
    /// ## 中文
    /// chart 中的 YAML 文件无法解析（给出行号和列号）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   replicas: [1, 2
    /// conf: {}
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   replicas: [1, 2]
    /// conf: {}
    /// ```
    RULE = "HELM-001", Helm, Error, "§1.1.6.1",
    "YAML does not parse", "YAML 语法错误", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    for file in chart.yaml_files() {
        for problem in &file.yaml.problems {
            if let Problem::UnknownAlias { range } = problem {
                out.report(
                    &file.path,
                    Some(*range),
                    text!(
                        "alias refers to no anchor defined before it",
                        "别名引用了之前未定义的锚点"
                    ),
                )
                .help(text!(
                    "define `&name` on a node above this `*name`, or fix the spelling",
                    "在此 `*name` 之前的节点上定义 `&name`，或修正拼写"
                ));
            }
        }
        let helm_reads = [&chart.chart_yaml, &chart.values, &chart.requirements]
            .iter()
            .any(|f| f.as_ref().is_some_and(|f| f.path == file.path));
        let syntax = file.yaml.problems.iter().find_map(|p| match p {
            Problem::Syntax { range, message } => Some((range, message)),
            Problem::LaterDocument { range, message } if !helm_reads => Some((range, message)),
            _ => None,
        });
        if let Some((range, message)) = syntax {
            let line = range.start.line;
            let column = range.start.column;
            out.report(
                &file.path,
                Some(*range),
                text!(
                    "YAML syntax error at line {line}, column {column}: {message}",
                    "YAML 语法错误（第 {line} 行第 {column} 列）：{message}"
                ),
            )
            .help(text!(
                "check indentation, unclosed brackets or quotes just before this place",
                "检查此处之前的缩进、未闭合的括号或引号"
            ));
        }
    }
    let Some(values) = &chart.values else {
        return;
    };
    if values.yaml.syntax_error().is_some() {
        return;
    }
    if let Some(refusal) = yaml::helm::values_refusal(values.yaml.root()) {
        out.report(&values.path, Some(refusal.range), refusal.message)
            .help(text!(
                "make values.yaml a map of named values (`key: value`) with string, number or boolean keys; quote `.inf`/`.nan` to keep them as text",
                "让 values.yaml 成为以字符串、数字或布尔值为键的映射（`key: value`）；`.inf`/`.nan` 需加引号作为文本"
            ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    /// The documented examples, and the snapshot of the failing ones.
    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }
}
