use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::nav::items;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks `layout` on navigation items (in `nav`, `top_nav` or a `sub_nav`):
    /// - `layout: outer` (open the page in a new tab) needs `src` with the same value as `url`:
    ///   an item without `src`, or with a `src` that differs from its `url`, is an error (at
    ///   `src`, or at `layout` when `src` is missing);
    /// - any other `layout` value is a warning: `outer` is the only one the guide documents.
    ///
    /// ## Why
    /// The guide's FAQ (云产品导航如何支持打开新标签页？): "在 `_navigation.yaml` 中添加 url 和
    /// layout 定义，url 和 src 的值相同，layout 设置为 `outer`". The console opens `src` in the new
    /// tab and matches the policy on `url`; when they differ the tab opens another page than the
    /// one the policy grants, and without `src` there is nothing to open.
    ///
    /// ## 中文
    /// 导航项设置 `layout: outer`（在新标签页打开）时必须同时设置与 `url` 相同的 `src`，缺少或不同为错误；
    /// `layout` 为 `outer` 以外的值时给出警告（指南只记载了 `outer`）。
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
    ///     url: /mycloud-product/overview
    ///     layout: outer
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
    ///     src: /mycloud-product/overview
    ///     layout: outer
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    RULE = "NAV-006", Nav, Error | Warning, "§1.1.6.7",
    "layout: outer without a matching src", "layout: outer 缺少与 url 相同的 src", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    for item in items::items(root) {
        let Some(layout) = item.field("layout") else {
            continue;
        };
        let where_ = item.path();
        let value = layout
            .value
            .as_scalar()
            .map(|s| s.text.as_str())
            .unwrap_or("");
        if layout.value.as_str() != Some("outer") {
            let range = if layout.value.is_null() {
                layout.key.range
            } else {
                layout.value.range
            };
            let d = out
                .report(
                    &file.path,
                    Some(range),
                    text!(
                        "`layout: {value}` of `{where_}` is not a documented layout",
                        "`{where_}` 的 `layout: {value}` 不是指南记载的取值"
                    ),
                )
                .severity(Severity::Warning);
            if value.eq_ignore_ascii_case("outer")
                || crate::suggest::nearest(value, &["outer"]).is_some()
            {
                d.help(text!(
                    "did you mean `layout: outer` (open in a new tab, with `src` equal to `url`)?",
                    "是否应为 `layout: outer`（在新标签页打开，且 `src` 与 `url` 相同）？"
                ));
            } else {
                d.help(text!(
                    "the only documented layout is `outer` (open in a new tab); remove `layout` to open the page in the console",
                    "指南只记载了 `outer`（在新标签页打开）；删除 `layout` 则在控制台内打开页面"
                ));
            }
            continue;
        }
        let url = item.url();
        match item.field("src") {
            None => {
                let suggestion = url.unwrap_or("<url>");
                out.report(
                    &file.path,
                    Some(layout.value.range),
                    text!(
                        "`layout: outer` on `{where_}` without `src`: the new tab has no page to open",
                        "`{where_}` 设置了 `layout: outer` 却没有 `src`：新标签页没有可打开的页面"
                    ),
                )
                .help(text!(
                    "add `src: {suggestion}` (the same value as `url`)",
                    "添加 `src: {suggestion}`（与 `url` 的值相同）"
                ));
            }
            Some(src) => {
                if src.value.as_str().is_some() && src.value.as_str() == url {
                    continue;
                }
                let shown = src
                    .value
                    .as_scalar()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                let url_shown = url.unwrap_or("");
                let range = if src.value.is_null() {
                    src.key.range
                } else {
                    src.value.range
                };
                out.report(
                    &file.path,
                    Some(range),
                    text!(
                        "`src: {shown}` of `{where_}` differs from its `url: {url_shown}`: with `layout: outer` they must be equal",
                        "`{where_}` 的 `src: {shown}` 与其 `url: {url_shown}` 不同：`layout: outer` 时二者必须相同"
                    ),
                )
                .help(text!(
                    "write the same value in `src` and `url`",
                    "`src` 与 `url` 请写相同的值"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    #[test]
    fn outer_needs_equal_src() {
        let d = tester().findings("category: c\nname: {en: A, zh-cn: 甲}\nnav:\n  a: {url: /a, src: /a, layout: outer}\n  b: {url: /b, layout: outer}\n  c: {url: /c, src: /d, layout: outer}\n  d:\n    url: /d\n    layout: Outer\n  e: {url: /e, layout: inner}\n");
        assert_eq!(
            starts(&d),
            vec![(5, 24), (6, 21), (9, 13), (10, 24)],
            "{d:?}"
        );
        let sev: Vec<Severity> = d.iter().map(|d| d.severity).collect();
        assert_eq!(
            sev,
            vec![
                Severity::Error,
                Severity::Error,
                Severity::Warning,
                Severity::Warning
            ]
        );
        assert!(help(&d[2]).contains("did you mean"));
        assert!(help(&d[0]).contains("src: /b"));
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
