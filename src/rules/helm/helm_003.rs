use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;
use crate::yaml::Problem;

declare_rule! {
    /// ## What it does
    /// Reports a mapping that repeats a key, in any YAML file of the chart. Keys are compared as
    /// Helm compares them, after YAML 1.1 resolution: `on:` and `true:` are the same key.
    ///
    /// ## Why
    /// Helm reads values with go-yaml, which rejects a duplicate key ("mapping key already
    /// defined"); other parsers silently keep the last value, so the mistake hides until install.
    ///
    /// ## 中文
    /// YAML 映射中出现重复的键（按 Helm 的 YAML 1.1 规则比较，`on:` 与 `true:` 视为同一个键）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// conf:
    ///   container_port: 8080
    ///   container_port: 9090
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// conf:
    ///   container_port: 8080
    /// ```
    RULE = "HELM-003", Helm, Error, "§1.1.6.1",
    "Duplicate key in a mapping", "映射中有重复的键", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    for file in chart.yaml_files() {
        for problem in &file.yaml.problems {
            if let Problem::DuplicateKey { key, first, second } = problem {
                let first_line = first.start.line;
                out.report(
                    &file.path,
                    Some(*second),
                    text!(
                        "key `{key}` is already defined at line {first_line}",
                        "键 `{key}` 已在第 {first_line} 行定义"
                    ),
                )
                .help(text!(
                    "remove one of the two, or merge their contents",
                    "删除其中一个，或合并两者的内容"
                ));
            }
        }
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
