use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::dep::kind_key;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a product that `templates/_config_helpers.yaml.tpl` both requires — in
    /// `dependencies.services` or in a `dependencies.parallel_services` group — and excludes in
    /// `dependencies.exclusion`. The finding is at the `exclusion` item and names the line
    /// where the product is required.
    ///
    /// ## Why
    /// §1.1.6.4: `services` are products that must be installed, a `parallel_services` group
    /// is met when one of its products is installed, and `exclusion` lists products that "不可和此
    /// 云产品同时安装". A product in both can never be installed: its dependency is unmet when
    /// the product is absent, and it is excluded when present. (When the product is one of a
    /// `parallel_services` group, the group can only be met by the others, which is still a
    /// contradiction in what is declared.) The guide's own example does this with `nova` —
    /// the examples are not normative, and the rule stands.
    ///
    /// ## 中文
    /// 同一个云产品既在 `services` 或 `parallel_services` 中被声明为依赖，又在 `exclusion` 中被声明为
    /// 互斥：该云产品无法安装（§1.1.6.4）。指南示例中的 `nova` 就是这种错误。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     horizon: 6.0.1-alpha.0
    ///     nova: 6.0.1-alpha.0
    ///   exclusion:
    ///     - nova
    ///     - cinder
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     horizon: 6.0.1-alpha.0
    ///     nova: 6.0.1-alpha.0
    ///   exclusion:
    ///     - cinder
    /// trial_days: 180
    /// ```
    RULE = "DEP-003", Dep, Error, "§1.1.6.4",
    "Product both required and excluded", "云产品既被依赖又被互斥", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let exclusions = ch.exclusions();
    if exclusions.is_empty() {
        return;
    }
    let mut required = ch.services();
    for g in ch.parallel_groups() {
        required.extend(g.products);
    }
    for ex in &exclusions {
        let Some(req) = required.iter().find(|r| r.id == ex.id) else {
            continue;
        };
        let id = ex.id;
        let container = kind_key(req.kind);
        let line = req.node.range.start.line;
        out.report(
            &ch.path,
            Some(ex.node.range),
            text!(
                "`{id}` is excluded here but required in `{container}` (line {line}): the product can never be installed",
                "`{id}` 在此被声明为互斥，但在 `{container}`（第 {line} 行）中被声明为依赖：云产品将无法安装"
            ),
        )
        .help(text!(
            "remove `{id}` from `exclusion` or from `{container}`",
            "从 `exclusion` 或 `{container}` 中删除 `{id}`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    /// The guide's example (§1.1.6.4), with the indentation a page break lost restored.
    const GUIDE: &str = "\
dependencies:
  platform_version: 6.0.1
  arch:
    - x86
    - arm
  services:
    horizon: 6.0.1-alpha.0
    nova: 6.0.1-alpha.0
  exclusion:
    - nova
    - cinder
  parallel_services:
    - iam: 6.0.1
      schedule: 6.0.1
    - return: 6.0.1
      proton: 6.0.1

base_version: 6.2.1

trial_days: 180
";

    #[test]
    fn the_guide_example_requires_and_excludes_nova() {
        let d = tester().findings(GUIDE);
        assert_eq!(starts(&d), [(10, 7)]);
        assert_eq!(
            d[0].message.en,
            "`nova` is excluded here but required in `services` (line 8): the product can never be installed"
        );
    }

    #[test]
    fn parallel_groups_and_map_written_exclusions() {
        let d = tester().findings(
            "dependencies:\n  parallel_services:\n    - iam: 6.0.1\n      proton: 6.0.1\n  exclusion: {cinder: x, proton: y}\n",
        );
        assert_eq!(starts(&d), [(5, 26)]);
        assert!(d[0].message.en.contains("`parallel_services` (line 4)"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies:\n  services:\n    nova: 6.0.1\n  exclusion:\n    - Nova\n    - cinder\n",
                "dependencies:\n  exclusion:\n    - nova\n",
                "dependencies:\n  services:\n    nova: 6.0.1\n",
            ])
            .test_and_snapshot();
    }
}
