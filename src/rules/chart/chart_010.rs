use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::chart::keywords::chart_yaml;
use crate::rules::Findings;
use crate::text;

/// Helm's longest release name (`helm install`/`helm template` refuse a longer one).
pub const MAX_RELEASE_NAME: usize = 53;

declare_rule! {
    /// ## What it does
    /// Reports a chart `name` (the cloud product ID) longer than 53 characters, at the name.
    ///
    /// ## Why
    /// The platform installs a product as the Helm release named after its product ID
    /// (§1.1.6.2), and Helm refuses a release name longer than 53 characters: `helm install`
    /// and `helm template` stop with "invalid release name, … the length must not be longer
    /// than 53" (measured with helm 3.17 and 4.1) before anything is installed. A namespace
    /// would allow 63, so the namespace is never the limit.
    ///
    /// ## 中文
    /// chart 的 `name`（云产品标识）超过 53 个字符。平台以云产品标识作为 Helm release 名称安装，而 Helm
    /// 拒绝长于 53 个字符的 release 名称（"the length must not be longer than 53"），安装无法开始。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product-with-a-name-longer-than-helm-allows-for-releases
    /// version: 1.0.0
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// ```
    RULE = "CHART-010", Chart, Error, "§1.1.6.2",
    "Product ID too long for a release name", "云产品标识超过 release 名称长度上限", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let Some(entry) = cy.entry("name") else {
        return;
    };
    let Some(name) = entry.value.as_str() else {
        return;
    };
    let length = name.chars().count();
    if length <= MAX_RELEASE_NAME {
        return;
    }
    let over = length - MAX_RELEASE_NAME;
    out.report(
        &cy.file.path,
        Some(entry.value.range),
        text!(
            "product ID `{name}` has {length} characters: Helm refuses release names longer than {MAX_RELEASE_NAME}, so the product cannot be installed",
            "云产品标识 `{name}` 有 {length} 个字符：Helm 拒绝长于 {MAX_RELEASE_NAME} 个字符的 release 名称，该产品无法安装"
        ),
    )
    .help(text!(
        "shorten the product ID by at least {over} characters (and the chart folder with it)",
        "将云产品标识缩短至少 {over} 个字符（chart 目录名也一并修改）"
    ));
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    fn named(name: &str) -> String {
        format!("apiVersion: v1\nname: {name}\nversion: 1.0.0\n")
    }

    #[test]
    fn at_the_name() {
        let d = tester().findings(named(&"a".repeat(54)));
        assert_eq!(starts(&d), vec![(2, 7)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([named(&"a".repeat(53)), named("mycloud-product"), named("7")])
            .fail([named(&"a".repeat(54)), named(&"long-".repeat(12))])
            .test_and_snapshot();
    }
}
