use crate::chart::version::{compare, read};
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Range, Text};
use crate::rules::acl::acl_001::data_map;
use crate::rules::chart::keywords::{chart_yaml, keywords};
use crate::rules::dep::is_templated;
use crate::rules::Findings;
use crate::text;
use std::cmp::Ordering;

declare_rule! {
    /// ## What it does
    /// Compares the features a product uses with the minimum platform version it declares,
    /// `dependencies.platform_version` in `templates/_config_helpers.yaml.tpl`, and reports
    /// each feature newer than that version, at its first use:
    ///
    /// | Feature | Used when | Needs |
    /// |---|---|---|
    /// | `safe_render`, `safe_render_multi` | the function is named in `_config_helpers.yaml.tpl` | 6.1.1 |
    /// | install namespace | `_acl_helpers.yaml.tpl` `data` declares a `namespace` other than the product ID | 6.1.1 |
    /// | declared resource need | `_acl_helpers.yaml.tpl` `data` declares `resource_limit` | 6.1.1 |
    /// | product developer | a Chart.yaml keyword `creator:` other than `creator:ems_service_chart` | 6.0.2 |
    ///
    /// Only the release is compared: `platform_version: 6.1.1-alpha.0` allows 6.1.1
    /// features. Nothing is reported when `platform_version` is absent (no minimum is
    /// declared, so there is nothing to compare with), holds a Mako substitution, or is not
    /// a version (DEP-002 reports that).
    ///
    /// Not reported:
    /// - `${replicas_by_modality}`: §1.1.6.4's note "ECP 6.0.2: `replicas_by_modality` 支持通过
    ///   License 传参修改副本数" changes where the number comes from (the license's
    ///   `default_product_replicas`), not whether the template renders — the guide's own
    ///   example uses it with `platform_version: 6.0.1`. Whether a product relies on the
    ///   license for its replicas cannot be seen in the chart.
    /// - `creator:ems_service_chart`: an ordinary product is what an older platform takes
    ///   every product for, so ignoring the keyword changes nothing (and CHART-003 requires
    ///   it of every product, the guide's `platform_version: 6.0.1` example included).
    ///
    /// ## Why
    /// `platform_version` is "云产品依赖的最低平台版本" (§1.1.6.4): the platform lets the product
    /// install on any platform of that version or later. The guide dates its features:
    /// - §1.1.6.4 "ECP 6.1.1: 新增 `safe_render` 和 `safe_render_multi`模板函数" — on an older
    ///   platform the configuration template fails to render (the guide recommends `% if
    ///   p:` guards to stay compatible with 6.0.2);
    /// - §1.1.6.3 "ECP 6.1.1: 支持云产品声明安装的命名空间，新增云产品安装资源需求声明" — an older
    ///   platform ignores `namespace` (the product lands in the namespace named after its
    ///   ID) and `resource_limit`;
    /// - §1.1.6.2 "ECP 6.0.2 变化: 添加了 creator: 标识" — an older platform ignores
    ///   `creator:foundation` and `creator:external`.
    ///
    /// A product that declares an older minimum than its features need installs there and
    /// breaks, or behaves otherwise than its author tested.
    ///
    /// ## 中文
    /// 云产品使用了比 `dependencies.platform_version`（最低平台版本）更新的功能：`safe_render`、
    /// `safe_render_multi`（§1.1.6.4）、`_acl_helpers.yaml.tpl` 中的 `namespace` 与 `resource_limit`
    /// （§1.1.6.3）需要 ECP 6.1.1；Chart.yaml 的 `creator:` 标识（§1.1.6.2）需要 ECP 6.0.2。在更旧的平台上
    /// 配置渲染失败或声明被忽略。未声明 `platform_version` 时不比较。`replicas_by_modality` 在旧平台上
    /// 也能渲染（6.0.2 只改变副本数的来源），`creator:ems_service_chart` 即普通云产品，二者不报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', '/endpoints/admin/password', 'default')}
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', '/endpoints/admin/password', 'default')}
    /// dependencies:
    ///   platform_version: 6.1.1
    ///   arch:
    ///     - x86
    /// trial_days: 180
    /// ```
    RULE = "DEP-010", Dep, Warning, "§1.1.6.4",
    "Feature newer than platform_version", "使用了高于 platform_version 的平台功能", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let Some(declared) = ch.dependency("platform_version") else {
        return;
    };
    if is_templated(&declared.value) {
        return;
    }
    let Some(version) = read(&declared.value).meant() else {
        return;
    };
    // The release alone: a 6.1.1 pre-release is a 6.1.1 platform.
    let release = version.split(['-', '+']).next().unwrap_or_default();
    let line = declared.key.range.start.line;
    let mut feature = |path: &str, range: Range, name: &str, needs: &str, effect: Text| {
        if compare(release, needs) != Some(Ordering::Less) {
            return;
        }
        let (effect_en, effect_zh) = (&effect.en, &effect.zh);
        out.report(
            path,
            Some(range),
            text!(
                "{name} needs ECP {needs}, but `platform_version` is {version} (line {line} of _config_helpers.yaml.tpl): {effect_en}",
                "{name} 需要 ECP {needs}，但 `platform_version` 为 {version}（_config_helpers.yaml.tpl 第 {line} 行）：{effect_zh}"
            ),
        )
        .help(text!(
            "raise `platform_version` to {needs}, or do without {name} on older platforms",
            "将 `platform_version` 提高到 {needs}，或在旧平台上不使用 {name}"
        ));
    };
    let uses = ch.mako.template.uses();
    for name in ["safe_render", "safe_render_multi"] {
        if let Some(u) = uses.iter().find(|u| u.name == name) {
            feature(
                &ch.path,
                u.range,
                &format!("`{name}`"),
                "6.1.1",
                text!(
                    "on an older platform the configuration fails to render",
                    "在旧平台上配置渲染失败"
                ),
            );
        }
    }
    if let Some((acl, data)) = data_map(chart) {
        let product = chart.name();
        if let Some(e) = data.value.entry("namespace") {
            if !e.value.is_null() && e.value.as_str() != Some(product.as_str()) {
                feature(
                    &acl.path,
                    e.key.range,
                    "`namespace`",
                    "6.1.1",
                    text!(
                        "an older platform ignores it and installs into the namespace `{product}`",
                        "旧平台会忽略它，安装到命名空间 `{product}`"
                    ),
                );
            }
        }
        if let Some(e) = data.value.entry("resource_limit") {
            feature(
                &acl.path,
                e.key.range,
                "`resource_limit`",
                "6.1.1",
                text!(
                    "an older platform ignores the declared resource need",
                    "旧平台会忽略自行声明的资源需求"
                ),
            );
        }
    }
    if let Some(cy) = chart_yaml(chart) {
        let creator = keywords(&cy)
            .into_iter()
            .find(|k| k.has_key() && k.key == "creator" && k.value != "ems_service_chart");
        if let Some(k) = creator {
            feature(
                &cy.file.path,
                k.range,
                &format!("`creator:{}`", k.value),
                "6.0.2",
                text!(
                    "an older platform ignores it and takes the product for an ordinary one",
                    "旧平台会忽略它，视其为普通云产品"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{ACL_HELPERS, CHART_YAML, CONFIG_HELPERS};
    use crate::rules::tester::{files, help, starts, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    fn config(version: &str, body: &str) -> String {
        format!("data_template:\n{body}dependencies:\n  platform_version: {version}\n  arch: [x86]\ntrial_days: 180\n")
    }

    const SAFE: &str = "  a: ${safe_render('mariadb', '/a', 'x')}\n  b: ${safe_render_multi(['n', 'p'], '/a', 'x')}\n  c: ${safe_render('n', '/b', 'y')}\n";

    #[test]
    fn safe_render_at_its_first_use() {
        let d = tester().findings(config("6.0.2", SAFE));
        assert_eq!(starts(&d), [(2, 8), (3, 8)]);
        assert_eq!(
            d[0].message.en,
            "`safe_render` needs ECP 6.1.1, but `platform_version` is 6.0.2 (line 6 of _config_helpers.yaml.tpl): on an older platform the configuration fails to render"
        );
        assert_eq!(
            help(&d[0]),
            "raise `platform_version` to 6.1.1, or do without `safe_render` on older platforms"
        );
        assert!(d[1].message.en.starts_with("`safe_render_multi` needs"));
        // A loose version is read as meant (DEP-002 reports its form).
        assert_eq!(tester().findings(config("6.0", SAFE)).len(), 2);
    }

    #[test]
    fn acl_and_chart_yaml_features() {
        let case = with(CONFIG_HELPERS, config("6.0.1", "  a: 1\n"))
            .with(
                ACL_HELPERS,
                "data:\n  psp_type: Limit\n  pvc_enable: false\n  namespace: openstack\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1200\n",
            )
            .with(
                CHART_YAML,
                "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n  - creator:foundation\n  - zh_CN:x\n  - en:x\n  - name_zh_CN:x\n  - name_en:x\n",
            );
        let d = tester().findings(case);
        assert_eq!(
            files(&d),
            [
                "Chart.yaml",
                "templates/_acl_helpers.yaml.tpl",
                "templates/_acl_helpers.yaml.tpl",
            ]
        );
        assert_eq!(starts(&d), [(5, 5), (4, 3), (5, 3)]);
        assert!(d[0]
            .message
            .en
            .starts_with("`creator:foundation` needs ECP 6.0.2"));
        assert!(d[1]
            .message
            .en
            .contains("installs into the namespace `mycloud-product`"));
        // 6.0.2 has `creator`, not the 6.1.1 features.
        let case = with(CONFIG_HELPERS, config("6.0.2", "  a: 1\n")).with(
            ACL_HELPERS,
            "data:\n  psp_type: Limit\n  pvc_enable: false\n  resource_limit:\n    max_cpu: 0\n    max_memory: 0\n",
        );
        assert_eq!(starts(&tester().findings(case)), [(4, 3)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                config("6.1.1", SAFE),
                config("6.1.1-alpha.0", SAFE),
                config("6.2.0", SAFE),
                // No minimum declared: nothing to compare.
                "data_template:\n  a: ${safe_render('m', '/a', 1)}\ndependencies:\n  arch: [x86]\n"
                    .into(),
                config("${platform}", SAFE),
                config("latest", SAFE),
                // Renders on every platform; 6.0.2 only reads its number from the license.
                config("6.0.1", "  r: ${replicas_by_modality}\n"),
            ])
            .pass([with(CONFIG_HELPERS, config("6.0.1", "  a: 1\n")).with(
                ACL_HELPERS,
                "data:\n  psp_type: Limit\n  pvc_enable: false\n  namespace: mycloud-product\n",
            )])
            .fail([config("6.0.1", SAFE)])
            .test_and_snapshot();
    }
}
