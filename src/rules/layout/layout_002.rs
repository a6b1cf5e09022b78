use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a chart whose folder name differs from the `name` in its `Chart.yaml`. The folder
    /// is `chart/<folder>/` in a project tree, and the archive's top folder (`<folder>/Chart.yaml`)
    /// in a packaged chart. The finding points at the `name` value.
    ///
    /// ## Why
    /// The guide (§1.1.6.1) lays a product out as `chart/mycloud-product/` with
    /// `name: mycloud-product`: on ECP the product ID, the chart name and the Helm release name
    /// are one word. The project Makefile (§1.1.6.9) finds charts by folder name
    /// (`make build-<folder>`), while `helm package` names the archive and its top folder after
    /// `name`; when the two differ, the product built is not the one the folder says. Helm 2's
    /// `helm lint` refused such a chart outright ("directory name (x) and chart name (y) must be
    /// the same"; Helm 3 dropped the check). Helm 3's `helm package` writes the top folder as
    /// `name`, so a packaged chart differs only when it was packed another way.
    ///
    /// A chart found at the very top of the input (its `Chart.yaml` has no folder around it)
    /// has no folder name to compare, so it is not checked. A `name` that is missing or not a
    /// string is CHART-001's finding, not this rule's. The comparison is exact: a folder
    /// `MyCloud-Product` and `name: mycloud-product` differ (paths are case-sensitive on the
    /// build machines).
    ///
    /// ## 中文
    /// chart 所在目录名与 `Chart.yaml` 中的 `name` 不一致。ECP 中云产品标识、chart 名称与
    /// release 名称三者相同（§1.1.6.1）：项目中为 `chart/<目录名>/`，打包的 chart 中为压缩包的
    /// 顶层目录。Makefile 按目录名构建，`helm package` 按 `name` 命名，两者不一致时构建出的产品
    /// 与目录不符。
    ///
    /// ## Example
    /// In the project `chart/mycloud-product/`:
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: my-cloud-product
    /// version: 1.0.0
    /// icon: https://www.openstack.org/mycloud-product.png
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// icon: https://www.openstack.org/mycloud-product.png
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "LAYOUT-002", Layout, Error, "§1.1.6.1",
    "Chart folder name differs from the chart name", "chart 目录名与 chart 名称不一致", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    if chart.dir_name.is_empty() {
        return;
    }
    let Some(file) = &chart.chart_yaml else {
        return;
    };
    let Some(value) = file.root().and_then(|r| r.get("name")) else {
        return;
    };
    let Some(name) = value.as_str() else { return };
    let dir = chart.dir_name.as_str();
    if name == dir {
        return;
    }
    let folder = chart.prefix.trim_end_matches('/');
    out.report(
        &file.path,
        Some(value.range),
        text!(
            "chart name `{name}` differs from its folder `{dir}` (`{folder}/`): product ID, chart name and release name must be the same",
            "chart 名称 `{name}` 与所在目录 `{dir}`（`{folder}/`）不一致：云产品标识、chart 名称与 release 名称必须相同"
        ),
    )
    .help(text!(
        "rename the folder to `{name}`, or set `name: {dir}` in Chart.yaml",
        "将目录重命名为 `{name}`，或在 Chart.yaml 中设置 `name: {dir}`"
    ));
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Pos;
    use crate::rules::tester::{bare, Tester};

    const CHART_YAML: &str = "apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\n";

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(crate::chart::CHART_YAML)
    }

    #[test]
    fn different_name_points_at_the_value() {
        let d = tester().one("apiVersion: v1\nversion: 1.0.0\nname:   other\n");
        let r = d.range.unwrap();
        assert_eq!(r.start, Pos { line: 3, column: 9 });
        assert_eq!(
            r.end,
            Pos {
                line: 3,
                column: 14
            }
        );
        assert!(d.message.en.contains("`other`") && d.message.en.contains("`mycloud-product`"));
    }

    #[test]
    fn case_differs() {
        let d = tester().one("apiVersion: v1\nname: MyCloud-Product\nversion: 1.0.0\n");
        assert_eq!(d.range.unwrap().start, Pos { line: 2, column: 7 });
    }

    #[test]
    fn packaged_chart_uses_the_top_folder() {
        let d = tester().findings_in(&bare(&[("mycloud/Chart.yaml", CHART_YAML)]));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].file.as_deref(), Some("mycloud/Chart.yaml"));
        assert_eq!(d[0].range.unwrap().start, Pos { line: 2, column: 7 });
        assert!(tester()
            .findings_in(&bare(&[("mycloud-product/Chart.yaml", CHART_YAML)]))
            .is_empty());
    }

    #[test]
    fn chart_at_the_top_level_is_skipped() {
        assert!(tester()
            .findings_in(&bare(&[("Chart.yaml", CHART_YAML)]))
            .is_empty());
    }

    #[test]
    fn non_string_or_missing_name_is_left_to_chart_001() {
        tester()
            .pass([
                "apiVersion: v1\nname: 123\nversion: 1.0.0\n",
                "apiVersion: v1\nversion: 1.0.0\n",
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // The same name, quoted.
                "apiVersion: v1\nname: \"mycloud-product\"\nversion: 1.0.0\n",
            ])
            .test_and_snapshot();
    }
}
