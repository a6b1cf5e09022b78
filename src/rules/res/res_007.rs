use crate::chart::resources::Place;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `requests` map with `cpu` or `memory` in values.yaml that the requirement does
    /// not count because it is under no key named `resources`:
    /// - under a near miss of `resources` (`resource:`, `Resources:`, `resouces:`): one finding
    ///   at that key, however many `requests` it holds;
    /// - under nothing of the kind: at the `requests` key.
    ///
    /// Also reported: a map with cpu/memory under `resources` whose key is a near miss of
    /// `requests` (`request:`, `Requests:`), at that key — it is not counted either.
    ///
    /// ## Why
    /// §1.1.6.3: the build sums the `requests` "values.yaml 中所有 resources 字段下" — under
    /// every `resources` key, and nowhere else. A typo silently drops a component from the
    /// requirement, and the nodes may then be too small for the product.
    ///
    /// Decisions: maps under a `jobs` key are left out (they would not count anyway); a
    /// `requests` map with neither cpu nor memory (a claim's `storage`) is not looked at; Helm
    /// compares keys exactly, so `Resources` is not `resources`. Exempt products are not
    /// checked (nothing is counted for them).
    ///
    /// ## 中文
    /// values.yaml 中含 `cpu`/`memory` 的 `requests` 不在任何名为 `resources` 的键下，因此不计入
    /// 资源需求（常见原因是拼写错误，如 `resource:`）；`resources` 下拼错的 `request:` 同样不计入。
    /// `jobs` 下的不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resource:
    ///     backend_api:
    ///       requests:
    ///         memory: "1024Mi"
    ///         cpu: "500m"
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "1024Mi"
    ///         cpu: "500m"
    /// ```
    RULE = "RES-007", Res, Warning, "§1.1.6.3",
    "Requests not under a `resources` key", "requests 不在 `resources` 键下", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return; // exempt products are not checked (§1.1.6.3)
    }
    let Some(file) = &c.values_file else { return };
    // Orphans grouped by the misspelt `resources` above them.
    let mut typos: Vec<(String, Range, Vec<String>)> = Vec::new();
    for b in c.blocks.iter().filter(|b| b.place == Place::Orphan) {
        let Some(req) = &b.requests else { continue };
        let path = b.shown_path().to_string();
        if let Some((key, range)) = &b.resources_typo {
            match typos.iter_mut().find(|t| t.1 == *range) {
                Some(t) => t.2.push(path),
                None => typos.push((key.clone(), *range, vec![path])),
            }
            continue;
        }
        out.report(
            file,
            Some(req.key_range),
            text!(
                "the `requests` of `{path}` are under no `resources` key: they are not counted in the resource requirement",
                "`{path}` 的 `requests` 不在任何 `resources` 键下：不计入资源需求"
            ),
        )
        .help(text!(
            "move them under a `resources` key (e.g. `pod.resources.<component>.requests`); only `requests` under `resources` are summed",
            "将其移到 `resources` 键下（如 `pod.resources.<组件>.requests`）；只有 `resources` 下的 `requests` 会被统计"
        ));
    }
    for (key, range, paths) in typos {
        let n = paths.len();
        let list = paths.join("`, `");
        let message = if n == 1 {
            text!(
                "`{key}` is not `resources`: the `requests` under it (`{list}`) are not counted in the resource requirement",
                "`{key}` 不是 `resources`：其下的 `requests`（`{list}`）不计入资源需求"
            )
        } else {
            text!(
                "`{key}` is not `resources`: the {n} `requests` maps under it (`{list}`) are not counted in the resource requirement",
                "`{key}` 不是 `resources`：其下 {n} 处 `requests`（`{list}`）不计入资源需求"
            )
        };
        out.report(file, Some(range), message).help(text!(
            "rename `{key}` to `resources` (and the templates that read it)",
            "将 `{key}` 改为 `resources`（并同步修改引用它的模板）"
        ));
    }
    for m in &c.misnamed {
        let (key, path) = (
            &m.key,
            if m.path.is_empty() {
                "(top level)"
            } else {
                &m.path
            },
        );
        out.report(
            file,
            Some(m.key_range),
            text!(
                "`{key}` under `{path}` is not `requests`: it is not counted in the resource requirement",
                "`{path}` 下的 `{key}` 不是 `requests`：不计入资源需求"
            ),
        )
        .help(text!("rename `{key}` to `requests`", "将 `{key}` 改为 `requests`"));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::VALUES_YAML;
    use crate::rules::res::cases::{exempt, mistakes};
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn typo_of_resources_once_at_the_key() {
        let d = tester().findings("pod:\n  resource:\n    api:\n      requests: {cpu: 1, memory: 1Gi}\n    web:\n      requests: {cpu: 1}\n");
        assert_eq!(starts(&d), vec![(2, 3)]);
        assert!(
            d[0].message
                .en
                .contains("`resource` is not `resources`: the 2 `requests` maps under it (`pod.resource.api`, `pod.resource.web`)"),
            "{}",
            d[0].message.en
        );
        assert_eq!(
            help(&d[0]),
            "rename `resource` to `resources` (and the templates that read it)"
        );
    }

    #[test]
    fn requests_without_resources_at_requests() {
        let d = tester().findings("api:\n  container:\n    requests:\n      memory: 1Gi\n");
        assert_eq!(starts(&d), vec![(3, 5)]);
        assert!(d[0].message.en.contains("`api.container`"));
    }

    #[test]
    fn misspelt_requests_under_resources() {
        let d = tester().findings("pod:\n  resources:\n    api:\n      request:\n        cpu: 1\n");
        assert_eq!(starts(&d), vec![(4, 7)]);
        assert_eq!(help(&d[0]), "rename `request` to `requests`");
    }

    #[test]
    fn exempt_products_are_not_checked() {
        // The same files without the exemption do report.
        tester().pass([exempt()]).fail([mistakes()]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Common patterns.
                Case::from("resources: {}\nresourcesPreset: nano\nvolumePermissions:\n  resources:\n    requests: {}\n    limits: {}\npersistence:\n  size: 8Gi\nvolumeClaimTemplates:\n  - spec:\n      resources:\n        requests:\n          storage: 10Gi\nclaim:\n  requests:\n    storage: 1Gi\njobs:\n  backup:\n    requests: {cpu: 1}\nlimitRange:\n  limits: {cpu: 1}\n"),
            ])
            .test_and_snapshot();
    }
}
