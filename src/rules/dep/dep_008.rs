use crate::chart::config_helpers::Declared;
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::dep::kind_key;
use crate::rules::Findings;
use crate::text;
use crate::yaml::Problem;

declare_rule! {
    /// ## What it does
    /// Reports a product named more than once across `dependencies.services` and the
    /// `dependencies.parallel_services` groups of `templates/_config_helpers.yaml.tpl`: in
    /// `services` and in a group, in two groups, or twice in a `services` list. The finding is
    /// at every occurrence after the first and names the line of the first.
    ///
    /// A key repeated inside one map is a YAML duplicate key, reported by the YAML rules
    /// (CFG-001/HELM-001), not here.
    ///
    /// ## Why
    /// §1.1.6.4: `services` are required, and a `parallel_services` group is met by any one of
    /// its products. A product in `services` makes every group holding it pointless (the
    /// other alternatives no longer matter); a product in two groups, or declared twice with
    /// possibly different minimum versions, leaves it unclear which declaration the platform
    /// honours. It works, but it is very likely a mistake.
    ///
    /// ## 中文
    /// 同一个云产品在 `services` 与 `parallel_services` 各分组中出现多次（§1.1.6.4）：既是必需依赖
    /// 又在平行分组中会使该分组失去意义；出现在两个分组中或重复声明（版本可能不同）时，平台以哪一处为准并不明确。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     iam: 6.0.1
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     nova: 6.0.1
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "DEP-008", Dep, Warning, "§1.1.6.4",
    "Dependency declared more than once", "依赖被重复声明", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let mut all: Vec<Declared> = ch.services();
    for g in ch.parallel_groups() {
        all.extend(g.products);
    }
    let duplicate_keys: Vec<_> = ch
        .yaml
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::DuplicateKey { second, .. } => Some(*second),
            _ => None,
        })
        .collect();
    for (i, p) in all.iter().enumerate() {
        let Some(first) = all[..i].iter().find(|q| q.id == p.id) else {
            continue;
        };
        if duplicate_keys.contains(&p.node.range) {
            continue;
        }
        let id = p.id;
        let here = place(p);
        let there = place(first);
        let line = first.node.range.start.line;
        out.report(
            &ch.path,
            Some(p.node.range),
            text!(
                "`{id}` is declared again in {here}; it is already in {there} (line {line})",
                "`{id}` 在{here}中被重复声明；它已在{there}（第 {line} 行）中声明"
            ),
        )
        .help(text!(
            "declare each product once: in `services` when it is required, in one `parallel_services` group when it is one of several alternatives",
            "每个云产品只声明一次：必需依赖写在 `services`，可替代的平行依赖写在一个 `parallel_services` 分组中"
        ));
    }
}

/// `services` or `parallel_services` group N (1-based, as a reader counts), for messages.
fn place(p: &Declared) -> String {
    match p.group {
        Some(g) => format!(" `{}` group {}", kind_key(p.kind), g + 1),
        None => format!(" `{}`", kind_key(p.kind)),
    }
    .trim_start()
    .to_string()
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn across_services_and_groups() {
        let d = tester().findings(
            "dependencies:\n  services:\n    iam: 6.0.1\n  parallel_services:\n    - iam: 6.0.1\n      proton: 6.0.1\n    - proton: 6.2.0\n      neutron: 6.0.1\n",
        );
        assert_eq!(starts(&d), [(5, 7), (7, 7)]);
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert_eq!(
            d[0].message.en,
            "`iam` is declared again in `parallel_services` group 1; it is already in `services` (line 3)"
        );
        assert_eq!(
            d[1].message.en,
            "`proton` is declared again in `parallel_services` group 2; it is already in `parallel_services` group 1 (line 6)"
        );
    }

    #[test]
    fn twice_in_a_services_list() {
        let d =
            tester().findings("dependencies:\n  services:\n    - nova: 6.0.1\n    - nova: 6.2.0\n");
        assert_eq!(starts(&d), [(4, 7)]);
    }

    #[test]
    fn yaml_duplicate_keys_are_left_to_the_yaml_rules() {
        tester()
            .pass(["dependencies:\n  services:\n    nova: 6.0.1\n    nova: 6.2.0\n"])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies:\n  services:\n    nova: 6.0.1\n  parallel_services:\n    - iam: 6.0.1\n      schedule: 6.0.1\n  exclusion:\n    - iam\n",
                "dependencies:\n  services:\n    nova: 6.0.1\n    glance: 6.0.1\n",
            ])
            .test_and_snapshot();
    }
}
