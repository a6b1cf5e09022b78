use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::pol::{nav_items, navigation, near_url, policy};
use crate::rules::Findings;
use crate::text;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a key of `templates/_navigation_policy.yaml` that is the `url` of no navigation
    /// item (in `nav`, `top_nav` or any `sub_nav` of `templates/_navigation.yaml`). The finding
    /// is on the policy key, with the nearest navigation URL when one is close. URLs are compared
    /// exactly, as strings.
    ///
    /// Only when both files parsed; a policy without `_navigation.yaml` is LAYOUT-006.
    ///
    /// ## Why
    /// §1.1.6.7 (导航访问策略): the policy is keyed by the URLs of `top_nav`, `nav` and `sub_nav`.
    /// An entry that matches no item grants nothing; usually it is a typo of a real URL (then the
    /// real page is left without a policy, see POL-002) or a page removed from the navigation.
    /// The guide's own example grants `/mycloud-product/mycloud-product-sub-feature`, a URL its
    /// navigation example does not have.
    ///
    /// ## 中文
    /// `_navigation_policy.yaml` 中的每个 URL 都应是 `_navigation.yaml` 中某个 `nav`、`top_nav`
    /// 或 `sub_nav` 条目的 `url`；否则该策略不起作用，多半是拼写错误或导航已删除（警告）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - cloud_admin
    ///   - domain_admin
    ///   - admin
    ///   - member
    /// /mycloud-product/mycloud-product-sub-feature:
    ///   - member
    /// ```
    /// ```yaml,pass,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - cloud_admin
    ///   - domain_admin
    ///   - admin
    ///   - member
    /// ```
    RULE = "POL-003", Pol, Warning, "§1.1.6.7",
    "Policy URL matches no navigation item", "访问策略中的 URL 没有对应的导航", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let (Some(nav), Some((file, entries))) = (navigation(chart), policy(chart)) else {
        return;
    };
    // In document order (suggestions pick the first of equally near URLs), and as a set.
    let urls: Vec<&str> = nav_items(nav)
        .iter()
        .filter_map(|i| i.url().map(|(u, _)| u))
        .collect();
    let url_set: HashSet<&str> = urls.iter().copied().collect();
    let granted: HashSet<String> = entries.iter().map(|e| e.key.key_string()).collect();
    // Suggest only navigation URLs without a policy entry: they are the likely typos.
    let ungranted: Vec<&str> = urls
        .iter()
        .copied()
        .filter(|u| !granted.contains(*u))
        .collect();
    for entry in entries {
        let url = entry.key.key_string();
        if url_set.contains(url.as_str()) {
            continue;
        }
        let d = out.report(
            &file.path,
            Some(entry.key.range),
            text!(
                "`{url}` is the URL of no navigation item: this entry grants nothing",
                "`{url}` 不是任何导航条目的 URL：该策略不起作用"
            ),
        );
        match near_url(&url, &ungranted) {
            Some(near) => d.help(text!(
                "did you mean `{near}`? URLs must match the `url` in `_navigation.yaml` exactly",
                "是否应为 `{near}`？URL 必须与 `_navigation.yaml` 中的 `url` 完全一致"
            )),
            None => d.help(text!(
                "use the `url` of a `nav`, `top_nav` or `sub_nav` item of `_navigation.yaml`, or remove the entry",
                "请使用 `_navigation.yaml` 中 `nav`、`top_nav` 或 `sub_nav` 条目的 `url`，或删除该条目"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{NAVIGATION, NAVIGATION_POLICY};
    use crate::rules::tester::{help, starts, starts_and_severity, Case, Tester};

    const NAV: &str = "\
category: mycloud-product
nav:
  overview:
    url: /mycloud-product/overview
    sub_nav:
      detail:
        url: /mycloud-product/detail
top_nav:
  home:
    url: /mycloud-product/home
";

    /// Cases are policies of the navigation `NAV`.
    fn tester() -> Tester {
        Tester::new(&super::RULE)
            .with(NAVIGATION, NAV)
            .file(NAVIGATION_POLICY)
    }

    #[test]
    fn unknown_url_at_its_key() {
        let f = tester().findings("/mycloud-product/overview: [member]\n/mycloud-product/detial:\n  - admin\n/other/page: [member]\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(starts_and_severity(&f)[0], (2, 1, "warning"));
        assert!(
            help(&f[0]).contains("did you mean `/mycloud-product/detail`"),
            "{}",
            help(&f[0])
        );
        assert_eq!(starts(&f)[1], (4, 1));
        assert!(!help(&f[1]).contains("did you mean"), "{}", help(&f[1]));
    }

    #[test]
    fn suggests_only_urls_without_policy() {
        let f = tester().one("/mycloud-product/overview: [member]\n/mycloud-product/detail: [admin]\n/mycloud-product/detaii: [admin]\n");
        assert!(!help(&f).contains("did you mean"), "{}", help(&f));
    }

    #[test]
    fn no_navigation_no_finding() {
        tester()
            .pass([
                Case::from("/x: [member]\n").without(NAVIGATION),
                Case::from("/x: [member]\n").with(NAVIGATION, "nav: [\n"),
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // URLs of every level.
            .pass([Case::from("/mycloud-product/overview: [member]\n/mycloud-product/detail: [admin]\n'/mycloud-product/home': [cloud_admin]\n")])
            .test_and_snapshot();
    }
}
