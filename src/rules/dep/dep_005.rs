use crate::chart::version;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::dep::is_templated;
use crate::rules::Findings;
use crate::text;
use std::cmp::Ordering;

declare_rule! {
    /// ## What it does
    /// Compares `base_version` in `templates/_config_helpers.yaml.tpl` with the chart `version`
    /// in `Chart.yaml`, as SemVer (`6.0.1-alpha.0` < `6.0.1` < `6.0.2`), and reports at the
    /// `base_version` value:
    /// - `base_version` higher than the chart version: error;
    /// - equal to it: warning.
    ///
    /// Versions that are not SemVer are DEP-002's (for `base_version`) and CHART-007's (for the
    /// chart version) findings; one whose meaning is plain is still compared as what it means:
    /// `"6.2"`, `v6.2` and the YAML number `6.2` as `6.2.0`. One whose meaning is not
    /// (`latest`, a templated value) is not compared.
    ///
    /// ## Why
    /// §1.1.6.4: "`base_version` 属性用于定义云产品升级到此版本时，依赖的必升版本，云产品必须先升级到
    /// `base_version` 版本后，才能升级到此版本" — an earlier version that must be installed
    /// before this one. A `base_version` above the chart's own version can never be installed
    /// first: the upgrade is refused. One equal to it asks for this very version to be
    /// installed before itself; it is most likely the chart version copied without thinking
    /// (the catalog makes it a warning).
    ///
    /// ## 中文
    /// `base_version`（必升版本）必须低于 `Chart.yaml` 中的 chart `version`（按 SemVer 比较）：
    /// 高于 chart 版本时报错（永远无法先升级到该版本），等于 chart 版本时警告（要求先安装自己）（§1.1.6.4）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    /// base_version: 1.2.0
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    /// base_version: 0.9.0
    /// trial_days: 180
    /// ```
    RULE = "DEP-005", Dep, Error | Warning, "§1.1.6.4",
    "base_version not below the chart version", "base_version 不低于 chart 版本", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let Some(base) = ch.entry("base_version") else {
        return;
    };
    if is_templated(&base.value) {
        return;
    }
    // A malformed version whose meaning is plain (`6.2` as a number, `"6.2"`, `v6.2.0`) is
    // compared as what it means; DEP-002 and CHART-007 report how it is written.
    let Some(base_v) = version::read(&base.value).meant() else {
        return;
    };
    let Some(node) = chart.chart_yaml.as_ref().and_then(|c| {
        let entries = c.root()?.as_map()?;
        // Helm 3 keeps the last of a repeated key.
        entries
            .iter()
            .rev()
            .find(|e| e.key.key_is("version"))
            .map(|e| &e.value)
    }) else {
        return;
    };
    let Some(chart_v) = version::read(node).meant() else {
        return;
    };
    let written = node.as_scalar().map_or("", |s| s.text.as_str());
    let base_v = base_v.as_str();
    let base_w = base.value.as_scalar().map_or(base_v, |s| s.text.as_str());
    match version::compare(base_v, &chart_v) {
        Some(Ordering::Greater) => {
            out.report(
                &ch.path,
                Some(base.value.range),
                text!(
                    "`base_version` `{base_w}` is higher than the chart version `{written}` (Chart.yaml): it can never be installed before this version, so the upgrade is refused",
                    "`base_version` `{base_w}` 高于 chart 版本 `{written}`（Chart.yaml）：无法先升级到该版本，升级将被拒绝"
                ),
            )
            .help(text!(
                "`base_version` names an earlier version that must be installed first: lower it below `{written}`, or remove it",
                "`base_version` 应为必须先安装的更早版本：请将其降到 `{written}` 以下，或删除"
            ));
        }
        Some(Ordering::Equal) => {
            out.report(
                &ch.path,
                Some(base.value.range),
                text!(
                    "`base_version` `{base_w}` equals the chart version `{written}` (Chart.yaml): this version would have to be installed before itself",
                    "`base_version` `{base_w}` 等于 chart 版本 `{written}`（Chart.yaml）：要求在安装此版本前先安装它自己"
                ),
            )
            .severity(Severity::Warning)
            .help(text!(
                "set `base_version` to the earlier version that must be installed first, or remove it",
                "将 `base_version` 设为必须先安装的更早版本，或删除"
            ));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CHART_YAML, CONFIG_HELPERS};
    use crate::diagnostic::Severity;
    use crate::rules::tester::{starts, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    /// Chart.yaml's `version` and `base_version`.
    fn versions(chart_version: &str, base: &str) -> Case {
        let chart = format!("apiVersion: v1\nname: mycloud-product\nversion: {chart_version}\n");
        let helpers = format!("trial_days: 180\nbase_version: {base}\n");
        with(CHART_YAML, chart).with(CONFIG_HELPERS, helpers)
    }

    #[test]
    fn higher_is_an_error_at_the_value() {
        let d = tester().findings(versions("6.2.1", "6.10.0"));
        assert_eq!(starts(&d), [(2, 15)]);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].message.en.contains("`6.10.0`") && d[0].message.en.contains("`6.2.1`"));
        // A pre-release is below its release.
        assert_eq!(
            tester().findings(versions("6.2.1-alpha.0", "6.2.1")).len(),
            1
        );
        assert_eq!(
            tester().findings(versions("6.2.1-alpha.1", "6.2.1-alpha.10"))[0].severity,
            Severity::Error
        );
    }

    #[test]
    fn equal_is_a_warning() {
        let d = tester().findings(versions("6.2.1", "6.2.1"));
        assert_eq!(starts(&d), [(2, 15)]);
        assert_eq!(d[0].severity, Severity::Warning);
        // Build metadata does not count.
        assert_eq!(
            tester().findings(versions("6.2.1+b.7", "'6.2.1'"))[0].severity,
            Severity::Warning
        );
    }

    #[test]
    fn a_loose_chart_version_is_compared_in_semver_form() {
        assert_eq!(
            tester().findings(versions("\"6.2\"", "6.2.0"))[0].severity,
            Severity::Warning
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass(
                [
                    ("6.2.1", "6.0.3"),
                    ("6.2.1", "6.2.1-alpha.0"),
                    ("6.10.0", "6.9.9"),
                    // Not versions: DEP-002 and CHART-007 report them.
                    ("latest", "6.3.0"),
                    ("6.2.1", "[6]"),
                    // Numbers, compared as the versions they plainly mean.
                    ("6.2", "6.1.9"),
                    ("6.2.1", "6.1"),
                    ("6.2.1", "${base}"),
                    // A loose chart version, compared in SemVer form.
                    ("\"6.2\"", "6.1.9"),
                ]
                .map(|(chart, base)| versions(chart, base)),
            )
            // No base_version.
            .pass([with(CONFIG_HELPERS, "trial_days: 180\n")])
            // A number is still the version it means (6.3 is 6.3.0, above 6.2.1 and 6.2.0).
            .fail([versions("6.2.1", "6.3"), versions("6.2", "6.3.0")])
            .test_and_snapshot();
    }
}
