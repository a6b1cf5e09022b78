use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Kind, Node, Style, Value};

declare_rule! {
    /// ## What it does
    /// Reports a map key in values.yaml, or in `data_template` of
    /// `templates/_config_helpers.yaml.tpl`, that is an unquoted YAML 1.1 boolean whose name
    /// Helm changes: `y`, `Y`, `yes`, `Yes`, `YES`, `on`, `On`, `ON`, `True`, `TRUE` become
    /// the key `true`; `n`, `N`, `no`, `No`, `NO`, `off`, `Off`, `OFF`, `False`, `FALSE` the key
    /// `false`. Lowercase `true:` and `false:` are left alone: they stay the keys `true` and
    /// `false`, as written.
    ///
    /// ## Why
    /// Helm reads values with go-yaml v2, a YAML 1.1 parser, and turns them into JSON: the
    /// key `on` is the boolean true, whose JSON key is `"true"`. `.Values.on` then finds
    /// nothing and renders empty (or fails the render when more follows, `.Values.on.x`).
    /// helm 3.17 (and helm 4.1), with a values.yaml of `on: 1` and `service: {y: 2}` and a
    /// template `{{ toYaml .Values }}`, prints:
    ///
    /// ```text
    /// service:
    ///   "true": 2
    /// "true": 1
    /// ```
    ///
    /// and `{{ .Values.service.y }}` renders as nothing. `data_template` becomes the product's
    /// values (§1.1.6.4: "该配置会在渲染后生成云产品配置传递给 helm"), so its keys fare the same.
    /// Two such keys in one map (`on:` and `yes:`) are also one key for Helm (HELM-003).
    ///
    /// ## 中文
    /// values.yaml 或 `data_template` 中使用了未加引号的 YAML 1.1 布尔值作为键（`y`、`n`、`yes`、`no`、
    /// `on`、`off` 及其大小写变体，`True`、`FALSE` 等）。Helm 使用 YAML 1.1 解析 values，`on:` 会变成键
    /// `true`，`.Values.on` 取不到值。请给键加引号：`"on":`。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// schedule:
    ///   on: "0 2 * * *"
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// schedule:
    ///   "on": "0 2 * * *"
    /// ```
    RULE = "HELM-010", Helm, Warning, "§1.1.6.2",
    "YAML 1.1 boolean used as a key", "使用了 YAML 1.1 布尔值作为键",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    if let Some(file) = &chart.values {
        if let Some(root) = file.root() {
            keys(root, &file.path, out);
        }
    }
    if let Some(ch) = chart.config_helpers() {
        if let Some(data) = ch.data_template() {
            keys(data, &ch.path, out);
        }
    }
}

/// Report every boolean key under `root`, with its path from `root` (`a.b.on`).
fn keys(root: &Node, path: &str, out: &mut Findings) {
    let mut todo: Vec<(&Node, String)> = vec![(root, String::new())];
    while let Some((node, at)) = todo.pop() {
        match &node.kind {
            Kind::Scalar(_) => {}
            Kind::Seq(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    todo.push((item, format!("{at}[{i}]")));
                }
            }
            Kind::Map(entries) => {
                for e in entries.iter().rev() {
                    let Kind::Scalar(k) = &e.key.kind else {
                        continue;
                    };
                    let dot = if at.is_empty() { "" } else { "." };
                    let here = format!("{at}{dot}{}", k.text);
                    todo.push((&e.value, here.clone()));
                    let Value::Bool(b) = k.value else { continue };
                    if k.style != Style::Plain || k.text == b.to_string() {
                        continue;
                    }
                    let key = &k.text;
                    out.report(
                        path,
                        Some(e.key.range),
                        text!(
                            "the key `{key}` is the YAML 1.1 boolean {b}: Helm reads it as the key `{b}`, so `.Values.{here}` finds nothing",
                            "键 `{key}` 是 YAML 1.1 布尔值 {b}：Helm 将其读作键 `{b}`，`.Values.{here}` 取不到值"
                        ),
                    )
                    .help(text!(
                        "quote the key: `\"{key}\":`",
                        "请给键加引号：`\"{key}\":`"
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{places, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("values.yaml")
    }

    #[test]
    fn keys_helm_renames() {
        let d = tester().findings("on: 1\nservice:\n  y: 2\n  list:\n    - No: 3\n  true: 4\n  \"off\": 5\n  'Y': 6\n  TRUE: 7\n");
        assert_eq!(places(&d), [(1, 1, 3), (3, 3, 4), (5, 7, 9), (9, 3, 7)]);
        assert!(d[1].message.en.contains("`.Values.service.y`"));
        assert!(d[2].message.en.contains("`.Values.service.list[0].No`"));
        assert!(d[2].message.en.contains("boolean false"));
    }

    #[test]
    fn data_template_keys() {
        let d = tester().findings(crate::rules::tester::with(
            CONFIG_HELPERS,
            "data_template:\n  conf:\n    yes: ${replicas_by_modality}\ntrial_days: 180\n",
        ));
        assert_eq!(places(&d), [(3, 5, 8)]);
        assert!(d[0].message.en.contains("`.Values.conf.yes`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass(["a:\n  \"on\": 1\n  'y': 2\n  true: 3\n  false: 4\n  yes_no: 5\n  on-off: 6\n"])
            .test_and_snapshot();
    }
}
