use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::nav::items;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a navigation item (in `nav`, `top_nav` or a `sub_nav`) whose `url` does not start
    /// with its `baseURI`, at the `url` value. Both must be strings (else NAV-002 reports them).
    ///
    /// ## Why
    /// §1.1.6.7: `baseURI` is the item's 导航基础路由 (base route) and `url` its page; the console
    /// marks an item active when the current route starts with its `baseURI`. In every example of
    /// the guide the URL lies under the base (`baseURI: /iam/`, `url: /iam/roles`): a URL outside
    /// it opens a page whose item is never highlighted, and usually means a typo in one of them.
    ///
    /// ## 中文
    /// 导航项的 `url` 不以其 `baseURI`（导航基础路由）开头。指南示例中 `url` 总在 `baseURI` 之下
    /// （`/iam/` 与 `/iam/roles`）；不一致时控制台无法高亮该导航项，通常是拼写错误。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud_product/overview
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    /// ```yaml,pass,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud-product/overview
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    RULE = "NAV-004", Nav, Warning, "§1.1.6.7",
    "url outside its baseURI", "url 不在 baseURI 之下", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    for item in items::items(root) {
        let (Some(url_node), Some(base)) = (item.get("url"), item.str("baseURI")) else {
            continue;
        };
        let Some(url) = url_node.as_str() else {
            continue;
        };
        if base.is_empty() || url.starts_with(base) {
            continue;
        }
        let where_ = item.path();
        // `baseURI: /iam` with `url: /iam/roles` is fine; `/iam/` with `/iam` is the base itself.
        if url == base.trim_end_matches('/') {
            continue;
        }
        out.report(
            &file.path,
            Some(url_node.range),
            text!(
                "`url: {url}` of `{where_}` does not start with its `baseURI: {base}`",
                "`{where_}` 的 `url: {url}` 不以其 `baseURI: {base}` 开头"
            ),
        )
        .help(text!(
            "put the page under its base route, or fix `baseURI` (usually `/<product>/`)",
            "请将页面放在基础路由之下，或修正 `baseURI`（通常为 `/<云产品>/`）"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::rules::tester::{starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    #[test]
    fn url_outside_base_at_the_url() {
        let d = tester().findings("category: c\nname: {en: A, zh-cn: 甲}\nnav:\n  a:\n    baseURI: /iam/\n    url: /iam/roles\n  b:\n    baseURI: /iam/\n    url: /ima/roles\ntop_nav:\n  t: {baseURI: /x/, url: /x}\n  u: {baseURI: /x/, url: /y/z}\n");
        assert_eq!(starts(&d), vec![(9, 10), (12, 26)], "{d:?}");
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
