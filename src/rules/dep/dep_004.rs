use crate::chart::config_helpers::Kind;
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::dep::kind_key;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a product that names itself in its own `dependencies` (`services`, a
    /// `parallel_services` group or `exclusion`) in `templates/_config_helpers.yaml.tpl`, at the
    /// place it is named. The product's ID is the chart `name` in `Chart.yaml` (and its folder
    /// name, when that differs).
    ///
    /// ## Why
    /// §1.1.6.4: dependencies name *other* products. A product that requires itself can never
    /// have its dependency met before it is installed; one that excludes itself can never be
    /// installed at all. Either way the install is refused or the declaration is a copy-paste
    /// left-over.
    ///
    /// ## 中文
    /// 云产品在自己的 `services`、`parallel_services` 或 `exclusion` 中声明了自身（以 `Chart.yaml`
    /// 的 `name` 为云产品标识，与目录名不同时两者都算）：依赖自身永远无法满足，互斥自身则无法安装（§1.1.6.4）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     mycloud-product: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    ///   services:
    ///     keystone: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "DEP-004", Dep, Error, "§1.1.6.4",
    "Product depends on or excludes itself", "云产品依赖或互斥自身", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let name = chart.name();
    for p in ch.declared() {
        if p.id != name && p.id != chart.dir_name {
            continue;
        }
        let id = p.id;
        let container = kind_key(p.kind);
        let (en, zh) = match p.kind {
            Kind::Exclusion => ("it could never be installed", "该云产品将无法安装"),
            Kind::Service | Kind::Parallel => (
                "the dependency can never be met before the product is installed",
                "该依赖在安装前永远无法满足",
            ),
        };
        out.report(
            &ch.path,
            Some(p.node.range),
            text!(
                "the product `{id}` names itself in `{container}`: {en}",
                "云产品 `{id}` 在 `{container}` 中声明了自身：{zh}"
            ),
        )
        .help(text!(
            "remove `{id}` from `{container}`: dependencies name other products",
            "从 `{container}` 中删除 `{id}`：依赖只能声明其他云产品"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CHART_YAML, CONFIG_HELPERS};
    use crate::rules::tester::{starts, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn self_in_every_place() {
        let d = tester().findings(
            "dependencies:\n  services:\n    mycloud-product: 6.0.1\n  parallel_services:\n    - iam: 6.0.1\n      mycloud-product: 6.0.1\n  exclusion: [cinder, mycloud-product]\n",
        );
        assert_eq!(starts(&d), [(3, 5), (6, 7), (7, 23)]);
        assert!(d[2].message.en.contains("could never be installed"));
        assert!(d[0].message.en.contains("`services`"));
    }

    #[test]
    fn the_folder_name_counts_too() {
        let chart = "apiVersion: v1\nname: other-name\nversion: 1.0.0\n";
        let d = tester().findings(with(CHART_YAML, chart).with(
            CONFIG_HELPERS,
            "dependencies:\n  exclusion:\n    - other-name\n    - mycloud-product\n    - nova\n",
        ));
        assert_eq!(starts(&d), [(3, 7), (4, 7)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies:\n  services:\n    keystone: 6.0.1\n",
                "dependencies:\n  services:\n    mycloud-product-db: 6.0.1\n",
                "data_template:\n  mycloud-product: 1\n",
            ])
            .test_and_snapshot();
    }
}
