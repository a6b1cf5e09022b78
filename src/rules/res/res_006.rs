use crate::chart::resources::{Place, QuantityAt};
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a counted `requests` map (under `resources`, not under `jobs`) that lacks `cpu`
    /// or `memory`: the missing figure counts as 0 in the requirement. When a key of the map is
    /// a near miss (`Memory`, `mem`, `cpus`), the finding is at that key and says what to rename;
    /// otherwise it is at the `requests` key.
    ///
    /// ## Why
    /// §1.1.6.3 sums `requests` to size the product, and each recommended tier gives both cpu and
    /// memory. A request without memory makes the product look smaller than it is; Kubernetes
    /// also schedules such a container as if it needed no memory.
    ///
    /// Decisions: a `requests` map with neither `cpu` nor `memory` nor a near miss of them (an
    /// empty `{}`, a volume claim's `storage`) is not a compute request and is left alone; a null
    /// value (`memory: ~`) counts as missing, since Helm drops it. Exempt products are not
    /// checked.
    ///
    /// ## 中文
    /// 计入资源需求的 `requests`（位于 `resources` 下、不在 `jobs` 下）缺少 `cpu` 或 `memory`，
    /// 缺少的一项按 0 计。若有拼写相近的键（如 `Memory`、`mem`），则指向该键并提示改名。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         cpu: "500m"
    ///     front_dashboard:
    ///       requests:
    ///         Memory: "512Mi"
    ///         cpu: "200m"
    /// ```
    /// ```yaml,pass,file=values.yaml
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
    RULE = "RES-006", Res, Warning, "§1.1.6.3",
    "Request lacks cpu or memory", "requests 缺少 cpu 或 memory", Chart(check)
}

/// Resource names that are not near misses of cpu or memory (`gpu` is one letter from `cpu`).
fn other_resource(key: &str) -> bool {
    key.contains('/')
        || key.starts_with("hugepages-")
        || matches!(key, "gpu" | "storage" | "ephemeral-storage")
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    if c.exemption.is_some() {
        return; // exempt products are not checked (§1.1.6.3)
    }
    let Some(file) = &c.values_file else { return };
    for b in c.blocks.iter().filter(|b| b.place == Place::Counted) {
        let Some(req) = &b.requests else { continue };
        let path = b.shown_path();
        let near = |word: &str| {
            req.others
                .iter()
                .find(|(k, _)| {
                    let prefix = k.len() >= 3 && word.starts_with(k.to_ascii_lowercase().as_str());
                    !other_resource(k) && (prefix || nearest(k, &[word]).is_some())
                })
                .cloned()
        };
        let missing: Vec<&str> = [("cpu", &req.cpu), ("memory", &req.memory)]
            .into_iter()
            .filter(|(_, q)| !q.as_ref().is_some_and(QuantityAt::is_set))
            .map(|(name, _)| name)
            .collect();
        let near_misses: Vec<_> = missing.iter().map(|m| near(m)).collect();
        if missing.len() == 2 && near_misses.iter().all(Option::is_none) {
            continue; // not a compute request
        }
        for (name, miss) in missing.iter().zip(near_misses) {
            match miss {
                Some((key, range)) => {
                    out.report(
                        file,
                        Some(range),
                        text!(
                            "`{key}` in the `requests` of `{path}` is not `{name}`: {name} counts as 0",
                            "`{path}` 的 `requests` 中的 `{key}` 不是 `{name}`：{name} 按 0 计"
                        ),
                    )
                    .help(text!("rename `{key}` to `{name}`", "将 `{key}` 改为 `{name}`"));
                }
                None => {
                    let example = if *name == "cpu" { "500m" } else { "1024Mi" };
                    out.report(
                        file,
                        Some(req.key_range),
                        text!(
                            "the `requests` of `{path}` have no `{name}`: it counts as 0",
                            "`{path}` 的 `requests` 中没有 `{name}`：按 0 计"
                        ),
                    )
                    .help(text!(
                        "add `{name}:` with what the container needs (e.g. `{name}: \"{example}\"`)",
                        "添加 `{name}:` 并填写容器所需的数值（如 `{name}: \"{example}\"`）"
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::VALUES_YAML;
    use crate::rules::res::cases::{exempt, mistakes};
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn missing_memory_or_cpu_at_requests() {
        let d = tester().findings("resources:\n  a:\n    requests:\n      cpu: 500m\n  b:\n    requests: {memory: 1Gi, cpu: ~}\n");
        assert_eq!(starts(&d), vec![(3, 5), (6, 5)]);
        assert!(
            d[0].message.en.contains("`resources.a` have no `memory`"),
            "{}",
            d[0].message.en
        );
        assert!(d[1].message.en.contains("no `cpu`"));
        assert!(help(&d[0]).contains("memory: \"1024Mi\""));
    }

    #[test]
    fn near_miss_keys_at_the_key() {
        let d = tester().findings("resources:\n  a:\n    requests:\n      CPU: 1\n      Memory: 1Gi\n  b:\n    requests:\n      cpu: 1\n      mem: 1Gi\n");
        assert_eq!(starts(&d), vec![(4, 7), (5, 7), (9, 7)]);
        assert_eq!(help(&d[0]), "rename `CPU` to `cpu`");
        assert_eq!(help(&d[2]), "rename `mem` to `memory`");
    }

    #[test]
    fn not_compute_requests_pass() {
        tester()
            .pass(["resources:\n  a:\n    requests: {}\n  b:\n    requests:\n      storage: 10Gi\n  c:\n    requests: {nvidia.com/gpu: 1}\n  d:\n    requests: {cpu: 1, memory: 1Gi, ephemeral-storage: 1Gi}\n"])
            .test();
    }

    #[test]
    fn jobs_and_orphans_are_not_counted() {
        tester()
            .pass([
                "resources:\n  jobs:\n    x:\n      requests: {cpu: 1}\n",
                "resource:\n  x:\n    requests: {cpu: 1}\n",
            ])
            .test();
    }

    #[test]
    fn exempt_products_are_not_checked() {
        // The same files without the exemption do report.
        tester().pass([exempt()]).fail([mistakes()]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
