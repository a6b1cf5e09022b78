use crate::chart::resources::show;
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Shows the product's resource requirement (cpu in millicores, memory in MiB, rounded up)
    /// and where it comes from:
    /// - **computed**: the sum of every `requests` map under a `resources` key in values.yaml,
    ///   `jobs` left out; shown at the first counted `requests`, with each contributing path and
    ///   its figures in the help;
    /// - **declared**: `resource_limit` in `templates/_acl_helpers.yaml.tpl`; shown at that key;
    /// - **exempt**: a `foundation` product or one installed in `namespace: openstack`; shown at
    ///   the keyword or the namespace, with the figures it would have.
    ///
    /// The same figures are in the report's `charts[].resources`.
    ///
    /// ## Why
    /// §1.1.6.3 (云产品资源需求): before installing or upgrading, the platform compares this
    /// requirement with the free capacity of the cloud product nodes and scales them out when it
    /// does not fit. The figure is easy to get wrong by hand (a `requests` map outside
    /// `resources`, a job counted in, a unit misread), so it is worth seeing.
    ///
    /// Decisions: the computation sums `requests` at any depth under `resources`; switches
    /// (`enabled: false`) do not remove a request and replicas do not multiply it, as the guide
    /// says ("按最多需求资源来计算"). A `requests` map with neither `cpu` nor `memory` (a volume
    /// claim's `storage`, an empty `{}`) is not a compute request. Nothing is said when there is
    /// nothing to compute from: no declaration and a values.yaml that is missing (LAYOUT-003) or
    /// does not parse (HELM-001).
    ///
    /// ## 中文
    /// 显示云产品的资源需求（CPU 以 m、内存以 Mi 为单位，向上取整）及其来源：自动计算（values.yaml
    /// 中所有 `resources` 下 `requests` 之和，不含 `jobs`）、自行声明（`_acl_helpers.yaml.tpl`
    /// 中的 `resource_limit`），或免检（`foundation` 云产品、`namespace: openstack`）。
    /// 自动计算时在帮助中列出每一项的路径和数值。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "1024Mi"
    ///         cpu: "500m"
    ///     front_dashboard:
    ///       requests:
    ///         memory: "512Mi"
    ///         cpu: "200m"
    /// ```
    /// Without values.yaml (and no declaration) there is nothing to show:
    /// ```yaml,pass,delete=values.yaml
    /// ```
    RULE = "RES-001", Res, Info, "§1.1.6.3",
    "Resource requirement", "资源需求", Chart(check)
}

/// How many items the help lists before "and N more".
const LISTED: usize = 12;

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    let r = &c.resources;
    let req = show(r.cpu_m, r.memory_mi);
    if let Some(e) = &c.exemption {
        let what = &e.what;
        let (src_en, src_zh) = if c.declared.is_some() {
            ("declared", "自行声明")
        } else {
            ("computed", "自动计算")
        };
        out.report(
            &e.file,
            Some(e.range),
            text!(
                "resource requirement not checked: `{what}` exempts the product ({src_en}: {req})",
                "资源需求免检：`{what}` 使云产品不检查资源需求（{src_zh}：{req}）"
            ),
        )
        .help(text!(
            "the platform does not compare an exempt product's requirement with the free capacity of cloud product nodes, nor with the 6 CPU / 12 GiB limit",
            "平台不会将免检云产品的资源需求与云产品节点的剩余资源比较，也不检查 6 C 12 G 上限"
        ));
        return;
    }
    if let Some(d) = &c.declared {
        let (note_en, note_zh) = match (d.cpu_m, d.memory_mi) {
            (Some(_), Some(_)) => (String::new(), String::new()),
            (None, _) => (
                " (cpu computed from values.yaml: no valid `max_cpu`)".to_string(),
                "（CPU 由 values.yaml 计算：没有有效的 `max_cpu`）".to_string(),
            ),
            (_, None) => (
                " (memory computed from values.yaml: no valid `max_memory`)".to_string(),
                "（内存由 values.yaml 计算：没有有效的 `max_memory`）".to_string(),
            ),
        };
        out.report(
            &d.file,
            Some(d.range),
            text!(
                "resource requirement {req}, declared by `resource_limit`{note_en}",
                "资源需求 {req}，由 `resource_limit` 自行声明{note_zh}"
            ),
        )
        .help(text!(
            "a declared `resource_limit` (max_cpu in m, max_memory in Mi) takes precedence over the sum of values.yaml",
            "自行声明的 `resource_limit`（max_cpu 单位 m，max_memory 单位 Mi）优先于 values.yaml 的计算结果"
        ));
        return;
    }
    if !c.values_read {
        return;
    }
    let Some(values) = &chart.values else { return };
    let counted: Vec<_> = c.counted().collect();
    let Some((_, first)) = counted.first() else {
        out.report(
            &values.path,
            Some(values.line_range(1)),
            text!(
                "resource requirement 0m / 0Mi: values.yaml has no `requests` under a `resources` key",
                "资源需求 0m / 0Mi：values.yaml 中没有位于 `resources` 下的 `requests`"
            ),
        )
        .help(match c.presets.first() {
            None => text!(
                "declare each component's requests under `resources` (e.g. `pod.resources.api.requests`), or declare `resource_limit` in _acl_helpers.yaml.tpl",
                "在 `resources` 下声明每个组件的 requests（如 `pod.resources.api.requests`），或在 _acl_helpers.yaml.tpl 中声明 `resource_limit`"
            ),
            Some(first) => {
                let n = c.presets.len();
                text!(
                    "{n} `resourcesPreset` (first: `{first}`) set requests in templates, which the platform does not sum: write the requests under `resources`, or declare `resource_limit` in _acl_helpers.yaml.tpl",
                    "{n} 处 `resourcesPreset`（第一处：`{first}`）在模板中生成 requests，平台不会统计：请在 `resources` 下写明 requests，或在 _acl_helpers.yaml.tpl 中声明 `resource_limit`"
                )
            }
        });
        return;
    };
    let n = counted.len();
    let mut list: Vec<String> = r
        .items
        .iter()
        .take(LISTED)
        .map(|i| format!("{} {}", i.path, show(i.cpu_m, i.memory_mi)))
        .collect();
    if n > LISTED {
        list.push(format!("… +{}", n - LISTED));
    }
    let list = list.join("; ");
    out.report(
        &values.path,
        Some(first.key_range),
        text!(
            "resource requirement {req}, computed from {n} `requests` in values.yaml",
            "资源需求 {req}，由 values.yaml 中 {n} 处 `requests` 自动计算"
        ),
    )
    .help(text!(
        "counted: {list} (requests under `jobs` are left out; replicas do not multiply)",
        "计入：{list}（`jobs` 下的 requests 不计入；副本数不相乘）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::{ACL_HELPERS, CHART_YAML, VALUES_YAML};
    use crate::rules::tester::{files, help, starts, with, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn computed_at_the_first_counted_requests() {
        let d = tester().findings("pod:\n  resources:\n    jobs:\n      hook:\n        requests: {cpu: 1, memory: 1Gi}\n    api:\n      requests:\n        cpu: 500m\n        memory: 1Gi\n");
        assert_eq!(starts(&d), vec![(7, 7)]);
        assert_eq!(files(&d), vec!["values.yaml"]);
        assert!(
            d[0].message
                .en
                .contains("500m / 1024Mi, computed from 1 `requests`"),
            "{}",
            d[0].message.en
        );
        assert!(help(&d[0]).contains("pod.resources.api 500m / 1024Mi"));
    }

    #[test]
    fn the_good_project_sums_like_the_guide() {
        let d = tester().one(Case::default());
        assert!(d.message.en.contains("700m / 1536Mi"));
        assert!(d.message.zh.contains("700m / 1536Mi"));
    }

    #[test]
    fn nothing_counted_is_zero() {
        let d = tester().findings("pod:\n  resources: {}\n");
        assert_eq!(starts(&d), vec![(1, 1)]);
        assert!(d[0].message.en.contains("0m / 0Mi"));
    }

    #[test]
    fn presets_are_named_when_nothing_is_counted() {
        let d = tester().findings("resources: {}\nresourcesPreset: nano\nmetrics:\n  resourcesPreset: none\n  resources: {}\nworker:\n  resourcesPreset: small\n");
        assert_eq!(starts(&d), vec![(1, 1)]);
        assert!(
            help(&d[0]).starts_with("2 `resourcesPreset` (first: `resourcesPreset`)"),
            "{}",
            help(&d[0])
        );
    }

    #[test]
    fn declared_at_resource_limit() {
        let d = tester().findings(with(
            ACL_HELPERS,
            "data:\n  psp_type: Limit\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1200\n",
        ));
        assert_eq!(starts(&d), vec![(3, 3)]);
        assert_eq!(files(&d), vec!["templates/_acl_helpers.yaml.tpl"]);
        assert!(d[0].message.en.contains("500m / 1200Mi, declared"));
        let d = tester().findings(with(
            ACL_HELPERS,
            "data:\n  resource_limit:\n    max_cpu: 500\n",
        ));
        assert!(
            d[0].message.en.contains("500m / 1536Mi")
                && d[0].message.en.contains("no valid `max_memory`")
        );
    }

    #[test]
    fn exempt_at_the_keyword_or_namespace() {
        let chart = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator:foundation\n  - en:x\n";
        let d = tester().findings(with(CHART_YAML, chart));
        assert_eq!(starts(&d), vec![(5, 5)]);
        assert!(
            d[0].message.en.contains("`creator:foundation` exempts")
                && d[0].message.en.contains("700m / 1536Mi")
        );
        let d = tester().findings(with(ACL_HELPERS, "data:\n  namespace: openstack\n"));
        assert_eq!(starts(&d), vec![(2, 14)]);
        assert!(d[0].message.en.contains("`namespace: openstack`"));
    }

    #[test]
    fn long_lists_are_cut() {
        let mut v = String::from("resources:\n");
        for i in 0..20 {
            v.push_str(&format!(
                "  c{i}:\n    requests: {{cpu: 100m, memory: 128Mi}}\n"
            ));
        }
        let d = tester().findings(v);
        assert!(d[0].message.en.contains("2000m / 2560Mi, computed from 20"));
        assert!(help(&d[0]).contains("… +8"));
    }

    #[test]
    fn silent_without_anything_to_compute() {
        tester()
            .pass([without(VALUES_YAML), "pod: [1\n".into()])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
