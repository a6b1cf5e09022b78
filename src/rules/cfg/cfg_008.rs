use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::cfg;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Reports a key of `data_template` (or `trial_values`) in
    /// `templates/_config_helpers.yaml.tpl` whose path does not exist in values.yaml, at the
    /// first key that leaves values.yaml, with the nearest key of values.yaml at that level as
    /// a suggestion (`pod.replica` → `pod.replicas`). One finding per missing key: what is
    /// under it is not checked further.
    ///
    /// Where values.yaml leaves room it is not judged: under an empty map (`conf: {}`), a null
    /// or a list, or where the two files disagree on the type. Keys written as substitutions
    /// (`${…}:`) are skipped, and so is `trial_values.default_product_replicas`, a license
    /// parameter the platform itself reads (§1.1.6.4).
    ///
    /// ## Why
    /// §1.1.6.4: the rendered `data_template` is merged over values.yaml (maps key by key) and
    /// the result is what Helm renders the templates with. The templates read values.yaml's
    /// paths; a `data_template` key that is not one of them (`replica:` for `replicas:`,
    /// `node_selector_val:`) overrides nothing: the product silently runs with the default,
    /// which is why this is a warning rather than an error (a template may read a new key).
    /// RULES.md asks for `trial_values` too (the trial license's parameters, §1.1.6.4's FAQ);
    /// we check it the same way.
    ///
    /// ## 中文
    /// `data_template`（或 `trial_values`）中的路径在 values.yaml 中不存在（§1.1.6.4）：渲染后的配置按
    /// 键合并到 values.yaml 之上，不存在的路径不会覆盖模板读取的任何值，多半是拼写错误。会提示 values.yaml
    /// 中同一层最接近的键。values.yaml 中为空映射、空值或列表的位置不作判断。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   pod:
    ///     replica:
    ///       backend_api: ${replicas_by_modality}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   pod:
    ///     replicas:
    ///       backend_api: ${replicas_by_modality}
    /// trial_days: 180
    /// ```
    RULE = "CFG-008", Cfg, Warning, "§1.1.6.4",
    "data_template path not in values.yaml", "data_template 中的路径在 values.yaml 中不存在",
    Chart(check)
}

/// Top-level `trial_values` keys that are license parameters, not values.yaml paths.
const LICENSE_PARAMETERS: &[&str] = &["default_product_replicas"];

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let Some(values) = chart.values.as_ref() else {
        return;
    };
    if values.yaml.syntax_error().is_some() {
        return;
    }
    let Some(root) = values.root() else {
        return;
    };
    let mut found = Vec::new();
    for section in ["data_template", "trial_values"] {
        let Some(node) = src.ch.get(section) else {
            continue;
        };
        let mut todo: Vec<(&Node, &Node, Vec<String>)> = vec![(node, root, Vec::new())];
        while let Some((tpl, val, path)) = todo.pop() {
            let (Some(entries), Some(known)) = (tpl.as_map(), val.as_map()) else {
                continue;
            };
            if known.is_empty() {
                continue;
            }
            for e in entries {
                let key = e.key.key_string();
                if key.contains("${")
                    || (section == "trial_values"
                        && path.is_empty()
                        && LICENSE_PARAMETERS.contains(&key.as_str()))
                {
                    continue;
                }
                let mut here = path.clone();
                here.push(key.clone());
                match val.get(&key) {
                    Some(child) => todo.push((&e.value, child, here)),
                    None => {
                        let full = here.join(".");
                        let keys: Vec<String> = known.iter().map(|k| k.key.key_string()).collect();
                        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
                        let message = text!(
                            "`{full}` (in `{section}`) is not a path of values.yaml: it overrides nothing the templates read",
                            "`{full}`（位于 `{section}`）不是 values.yaml 中的路径：它不会覆盖模板读取的任何值"
                        );
                        let help = match nearest(&key, &refs) {
                            Some(n) => {
                                let mut p = path.clone();
                                p.push(n.to_string());
                                let p = p.join(".");
                                text!("did you mean `{p}`?", "是否应为 `{p}`？")
                            }
                            None => {
                                let at = if path.is_empty() {
                                    "at the top level".to_string()
                                } else {
                                    format!("under `{}`", path.join("."))
                                };
                                let at_zh = if path.is_empty() {
                                    "顶层".to_string()
                                } else {
                                    format!("`{}` 下", path.join("."))
                                };
                                let list = refs
                                    .iter()
                                    .take(8)
                                    .map(|k| format!("`{k}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                let more = if refs.len() > 8 { ", …" } else { "" };
                                text!(
                                    "values.yaml has {at}: {list}{more}; add the key to values.yaml if a template reads it",
                                    "values.yaml 的{at_zh}有：{list}{more}；若模板读取该键，请将其加入 values.yaml"
                                )
                            }
                        };
                        found.push((e.key.range, message, help));
                    }
                }
            }
        }
    }
    slim_sort::sort_by_key(&mut found, |(range, _, _)| range.start);
    for (range, message, help) in found {
        out.report(src.path(), Some(range), message).help(help);
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CONFIG_HELPERS, VALUES_YAML};
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn typo_suggests_the_nearest_path() {
        let d = tester().findings("data_template:\n  pod:\n    replica:\n      backend_api: 2\n  labels:\n    node_selector_val: x\n  nothing_like_it: 1\n");
        assert_eq!(starts(&d), [(3, 5), (6, 5), (7, 3)]);
        assert_eq!(d[0].range.unwrap().end.column, 12);
        assert!(d[0].message.en.contains("`pod.replica`"));
        assert_eq!(help(&d[0]), "did you mean `pod.replicas`?");
        assert_eq!(help(&d[1]), "did you mean `labels.node_selector_value`?");
        assert!(help(&d[2]).contains("values.yaml has at the top level: `labels`, `images`"));
    }

    #[test]
    fn trial_values_too_but_not_license_parameters() {
        let d = tester().findings("trial_values:\n  default_product_replicas: 1\n  pod:\n    replicas:\n      backend_apu: 1\n");
        assert_eq!(starts(&d), [(5, 7)]);
        assert!(d[0].message.en.contains("(in `trial_values`)"));
    }

    #[test]
    fn free_form_places_are_not_judged() {
        let values = "conf: {}\nlist: [1]\nnull_here:\nscalar: 1\npod:\n  replicas:\n    api: 1\n";
        let cfg = "data_template:\n  conf:\n    anything: 1\n  list:\n    x: 1\n  null_here:\n    y: 2\n  scalar:\n    z: 3\n  pod:\n    replicas:\n      api: ${replicas_by_modality}\n      ${x}: 1\n";
        tester()
            .pass([Case::from(cfg).with(VALUES_YAML, values)])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::from("data_template:\n  pod:\n    replicas:\n      backend_api: ${replicas_by_modality}\n  labels:\n    node_selector_key: ${cloud_product_label}\n  conf:\n    container_port: 8080\n"),
                // A values.yaml that does not parse is another rule's finding.
                Case::from("data_template:\n  nope: 1\n").with(VALUES_YAML, "a: [\n"),
            ])
            .test_and_snapshot();
    }
}
