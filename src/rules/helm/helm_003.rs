use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Range, Severity};
use crate::rules::Findings;
use crate::text;
use crate::yaml::Problem;

declare_rule! {
    /// ## What it does
    /// Reports a mapping that repeats a key, in Chart.yaml, values.yaml, requirements.yaml, the
    /// navigation files, `_acl_helpers.yaml.tpl` and `_config_helpers.yaml.tpl`. Keys are
    /// compared as Helm compares them, after YAML 1.1 resolution: `on:` and `true:` are the
    /// same key.
    ///
    /// ## Why
    /// Helm does not refuse a duplicate key. Helm 3 silently keeps the **last** value (`helm
    /// template` renders with it, `helm lint` says nothing); Helm 4 does the same, and its
    /// `helm lint` warns only about Chart.yaml ("failed to strictly parse chart
    /// metadata file … key "name" already set in map"), never about values.yaml. So the first
    /// value is dropped without a word: whoever edits it sees no effect.
    /// `scripts/helm-oracle/input.py` records what helm 3 and helm 4 do
    /// (`tests/helm/input/verdicts.json`, the cases under `duplicate-keys/`).
    ///
    /// The severity depends on what the duplicate hides:
    ///
    /// | Where | Severity | Why |
    /// |---|---|---|
    /// | Chart.yaml, top-level `name` or `version` | error | the product ID and version the platform installs are not the ones a reader sees first |
    /// | `_acl_helpers.yaml.tpl`, any key | error | the platform reads this file: one of the two permissions is silently lost |
    /// | `_config_helpers.yaml.tpl`, any key | error | the platform reads this file: one of the two settings is silently lost |
    /// | Chart.yaml, any other key | warning | Helm keeps the last value; Helm 4's `helm lint` warns |
    /// | values.yaml and the other files | warning | Helm keeps the last value silently |
    ///
    /// In `_config_helpers.yaml.tpl`, two keys with a Mako control line (`% if`, `% else:`, …)
    /// between them are not reported: they may sit in branches that never render together.
    ///
    /// ## 中文
    /// YAML 映射中出现重复的键（按 Helm 的 YAML 1.1 规则比较，`on:` 与 `true:` 视为同一个键）。
    /// Helm 不会拒绝重复的键：Helm 3 静默保留**最后**一个值，Helm 4 的 `helm lint` 只对
    /// Chart.yaml 给出警告，前一个值被悄悄丢弃。Chart.yaml 顶层的 `name`、`version`，以及平台读取的
    /// `_acl_helpers.yaml.tpl`、`_config_helpers.yaml.tpl` 中的重复键为错误；其余为警告。
    /// `_config_helpers.yaml.tpl` 中两个键之间有 Mako 控制行（`% if` 等）时不报告。
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
    /// An error: Helm installs version `1.0.1`, not the `1.0.0` a reader sees first.
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// description: Helm mycloud-product
    /// version: 1.0.1
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "HELM-003", Helm, Warning | Error, "§1.1.6.1",
    "Duplicate key in a mapping", "映射中有重复的键", Chart(check)
}

/// How bad a duplicate is, and what to say about it, by where it is.
enum Place {
    /// Chart.yaml's top-level `name` or `version`, with the values written first and last.
    ChartIdentity { first: String, last: String },
    /// Chart.yaml, another key.
    ChartYaml,
    /// A file the platform reads (`_acl_helpers`, `_config_helpers`).
    Platform,
    /// values.yaml and the rest.
    Other,
}

fn check(chart: &Chart, out: &mut Findings) {
    for file in chart.yaml_files() {
        let is_chart_yaml = chart
            .chart_yaml
            .as_ref()
            .is_some_and(|c| c.path == file.path);
        let is_acl = chart.acl.as_ref().is_some_and(|c| c.path == file.path);
        for problem in &file.yaml.problems {
            let Problem::DuplicateKey { key, first, second } = problem else {
                continue;
            };
            let place = if is_chart_yaml {
                let top = file
                    .yaml
                    .root()
                    .and_then(|r| r.as_map())
                    .unwrap_or_default();
                let value = |at: &Range| {
                    top.iter().find(|e| e.key.range == *at).map(|e| {
                        e.value
                            .as_scalar()
                            .map_or("…", |s| s.text.as_str())
                            .to_string()
                    })
                };
                match (value(first), value(second)) {
                    (Some(first), Some(last)) if key == "name" || key == "version" => {
                        Place::ChartIdentity { first, last }
                    }
                    _ => Place::ChartYaml,
                }
            } else if is_acl {
                Place::Platform
            } else {
                Place::Other
            };
            report(out, &file.path, key, *first, *second, place);
        }
    }
    if let Some(ch) = chart.config_helpers() {
        let lines: Vec<&str> = ch.text.lines().collect();
        for problem in &ch.yaml.problems {
            let Problem::DuplicateKey { key, first, second } = problem else {
                continue;
            };
            // A Mako control line between the two: they may be in exclusive branches.
            let between = lines
                .get(first.start.line..second.start.line.saturating_sub(1))
                .unwrap_or_default();
            if between.iter().any(|l| l.trim_start().starts_with('%')) {
                continue;
            }
            report(out, &ch.path, key, *first, *second, Place::Platform);
        }
    }
}

fn report(out: &mut Findings, path: &str, key: &str, first: Range, second: Range, place: Place) {
    let line = first.start.line;
    let (severity, message) = match place {
        Place::ChartIdentity { first, last } => (
            Severity::Error,
            text!(
                "`{key}` is already defined at line {line}: Helm uses this last value `{last}` and drops `{first}`, so the chart's {key} is not the one a reader sees first",
                "`{key}` 已在第 {line} 行定义：Helm 使用这里的最后一个值 `{last}` 并丢弃 `{first}`，chart 的 {key} 与读者先看到的不同"
            ),
        ),
        Place::ChartYaml => (
            Severity::Warning,
            text!(
                "key `{key}` is already defined at line {line}: Helm 3 silently keeps this last value, and Helm 4's `helm lint` warns (\"already set in map\")",
                "键 `{key}` 已在第 {line} 行定义：Helm 3 静默保留这里的最后一个值，Helm 4 的 `helm lint` 会警告（\"already set in map\"）"
            ),
        ),
        Place::Platform => (
            Severity::Error,
            text!(
                "key `{key}` is already defined at line {line}: the platform reads this file and only this last value takes effect; the one at line {line} is lost",
                "键 `{key}` 已在第 {line} 行定义：平台读取此文件，只有这里的最后一个值生效，第 {line} 行的值被丢弃"
            ),
        ),
        Place::Other => (
            Severity::Warning,
            text!(
                "key `{key}` is already defined at line {line}: Helm silently keeps this last value, so the one at line {line} has no effect",
                "键 `{key}` 已在第 {line} 行定义：Helm 静默保留这里的最后一个值，第 {line} 行的值不起作用"
            ),
        ),
    };
    out.report(path, Some(second), message)
        .severity(severity)
        .help(text!(
            "remove one of the two, or merge their contents",
            "删除其中一个，或合并两者的内容"
        ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts_and_severity, with, Tester};

    const CHART: &str = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\n\
        description: Helm mycloud-product\nkeywords:\n  - creator:ems_service_chart\n  \
        - zh_CN:我的云产品描述\n  - en:description of mycloud-product\n  \
        - name_zh_CN:我的云产品\n  - name_en:mycloud-product\n";
    const ACL: &str = "templates/_acl_helpers.yaml.tpl";
    const CONFIG: &str = "templates/_config_helpers.yaml.tpl";

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    #[test]
    fn values_duplicates_are_warnings_that_say_helm_keeps_the_last() {
        let d = tester().findings(with("values.yaml", "a: 1\nb:\n  c: 1\n  c: 3\na: 2\n"));
        assert_eq!(
            starts_and_severity(&d),
            [(4, 3, "warning"), (5, 1, "warning")]
        );
        assert_eq!(
            d[0].message.en,
            "key `c` is already defined at line 3: Helm silently keeps this last value, so the one at line 3 has no effect"
        );
        assert!(d[0].message.zh.contains("静默保留"));
    }

    #[test]
    fn chart_name_and_version_are_errors_other_chart_keys_warnings() {
        let chart = format!("{CHART}name: other\ndescription: again\nversion: 2.0.0\n");
        let d = tester().findings(with("Chart.yaml", chart));
        assert_eq!(
            starts_and_severity(&d),
            [(11, 1, "error"), (12, 1, "warning"), (13, 1, "error")]
        );
        assert_eq!(
            d[0].message.en,
            "`name` is already defined at line 2: Helm uses this last value `other` and drops \
             `mycloud-product`, so the chart's name is not the one a reader sees first"
        );
        assert!(d[1].message.en.contains("Helm 4's `helm lint` warns"));
    }

    #[test]
    fn a_nested_name_in_chart_yaml_is_only_a_warning() {
        let chart = format!("{CHART}maintainers:\n  - name: a\n    name: b\n");
        let d = tester().one(with("Chart.yaml", chart));
        assert_eq!(starts_and_severity(&[d]), [(13, 5, "warning")]);
    }

    #[test]
    fn platform_files_are_errors() {
        let acl = "data:\n  psp_type: Limit\n  pvc_enable: false\n  psp_type: Unlimit\n";
        let d = tester().one(with(ACL, acl));
        assert_eq!(
            starts_and_severity(std::slice::from_ref(&d)),
            [(4, 3, "error")]
        );
        assert!(d.message.en.contains("the platform reads this file"));
        let config = "trial_days: 180\ndependencies:\n  arch: [x86]\ntrial_days: 90\n";
        let d = tester().one(with(CONFIG, config));
        assert_eq!(starts_and_severity(&[d]), [(4, 1, "error")]);
    }

    /// Keys in `% if` / `% else:` branches of `_config_helpers` may never render together.
    #[test]
    fn config_helpers_branches_are_not_duplicates() {
        let config = "% if a:\ntrial_days: 180\n% else:\ntrial_days: 90\n% endif\n";
        tester().pass([with(CONFIG, config)]).test();
    }

    /// The documented examples, and the snapshot of the failing ones.
    #[test]
    fn pass_and_fail() {
        tester()
            .fail([with("values.yaml", "on: 1\n\"true\": 2\n")])
            .test_and_snapshot();
    }
}
