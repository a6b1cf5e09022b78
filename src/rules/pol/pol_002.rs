use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::pol::{nav_items, navigation, near_url};
use crate::rules::Findings;
use crate::text;
use crate::yaml::Entry;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Compares every `url` of a navigation item (in `nav`, `top_nav` and any `sub_nav` of
    /// `templates/_navigation.yaml`) with the keys of `templates/_navigation_policy.yaml`. A URL
    /// with no policy entry is reported at the item's `url`, with the nearest policy URL when
    /// one is close (a typo). URLs are compared exactly, as strings.
    ///
    /// Only when both files parsed; a missing policy file is LAYOUT-006.
    ///
    /// ## Why
    /// §1.1.6.7 (导航访问策略): the policy covers "`top_nav`，`nav`、`sub_nav` 字段下的所有url。
    /// 如不填写，则默认所有角色均无权限访问此url，对所有类型账户都不可见". A page without a policy
    /// entry installs fine but nobody ever sees it, which is almost always a mistake: warning.
    ///
    /// ## 中文
    /// `_navigation.yaml` 中 `nav`、`top_nav`、`sub_nav` 的每个 `url` 都应在
    /// `_navigation_policy.yaml` 中有对应条目；否则所有角色都看不到该页面（警告）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overveiw:
    ///   - cloud_admin
    ///   - domain_admin
    ///   - admin
    ///   - member
    /// ```
    /// ```yaml,pass,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - cloud_admin
    ///   - domain_admin
    ///   - admin
    ///   - member
    /// ```
    RULE = "POL-002", Pol, Warning, "§1.1.6.7",
    "Navigation URL without a policy entry", "导航 URL 没有访问策略", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let (Some(nav), Some(pol)) = (navigation(chart), chart.navigation_policy.as_ref()) else {
        return;
    };
    // An empty policy file grants nothing; one that is not a map is POL-004's (or HELM-001's).
    let entries: &[Entry] = match pol.root() {
        _ if pol.yaml.syntax_error().is_some() => return,
        None => &[],
        Some(root) if root.is_null() => &[],
        Some(root) => match root.as_map() {
            Some(entries) => entries,
            None => return,
        },
    };
    let granted: Vec<String> = entries.iter().map(|e| e.key.key_string()).collect();
    let known: Vec<&str> = granted.iter().map(String::as_str).collect();
    let items = nav_items(nav);
    let nav_urls: HashSet<&str> = items
        .iter()
        .filter_map(|i| i.url().map(|(u, _)| u))
        .collect();
    let granted_urls: HashSet<&str> = known.iter().copied().collect();
    // Suggest only policy URLs that belong to no item: they are the likely typos.
    let orphans: Vec<&str> = known
        .iter()
        .copied()
        .filter(|u| !nav_urls.contains(u))
        .collect();
    for item in items {
        let Some((url, node)) = item.url() else {
            continue;
        };
        if granted_urls.contains(url) {
            continue;
        }
        let level = item.level;
        let key = item.entry.key.key_string();
        let d = out.report(
            &nav.path,
            Some(node.range),
            text!(
                "`{url}` ({level} `{key}`) has no entry in `_navigation_policy.yaml`: no role can see it",
                "`{url}`（{level} `{key}`）在 `_navigation_policy.yaml` 中没有条目：任何角色都看不到它"
            ),
        );
        match near_url(url, &orphans) {
            Some(near) => d.help(text!(
                "did you mean the policy URL `{near}`? URLs must match exactly",
                "是否对应策略中的 `{near}`？URL 必须完全一致"
            )),
            None => d.help(text!(
                "add `{url}:` to `templates/_navigation_policy.yaml` with the roles that may see it (`cloud_admin`, `domain_admin`, `admin`, `member`)",
                "在 `templates/_navigation_policy.yaml` 中添加 `{url}:`，并列出可访问的角色（`cloud_admin`、`domain_admin`、`admin`、`member`）"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{NAVIGATION, NAVIGATION_POLICY};
    use crate::rules::tester::{help, starts, starts_and_severity, without, Case, Tester};

    const NAV: &str = "\
category: mycloud-product
name:
  en: My Cloud Product
  zh-cn: 我的云产品
nav:
  overview:
    proId: overview
    url: /mycloud-product/overview
    sub_nav:
      detail:
        proId: detail
        url: /mycloud-product/detail
top_nav:
  home:
    proId: home
    url: /mycloud-product/home
";

    /// Cases are policies of the navigation `NAV`.
    fn tester() -> Tester {
        Tester::new(&super::RULE)
            .with(NAVIGATION, NAV)
            .file(NAVIGATION_POLICY)
    }

    #[test]
    fn missing_urls_at_every_level() {
        let f = tester().findings("/mycloud-product/overview: [member]\n");
        assert_eq!(f.len(), 2, "{f:?}");
        // top_nav `home`, then sub_nav `detail`, in walking order.
        let places = starts_and_severity(&f);
        assert!(places.contains(&(12, 14, "warning")), "{places:?}");
        assert!(places.contains(&(16, 10, "warning")), "{places:?}");
    }

    #[test]
    fn typo_suggests_the_policy_url() {
        let f = tester().findings("/mycloud-product/overveiw: [member]\n/mycloud-product/detail: [admin]\n/mycloud-product/home: [cloud_admin]\n");
        assert_eq!(starts(&f), [(8, 10)], "{f:?}");
        assert!(
            help(&f[0]).contains("`/mycloud-product/overveiw`"),
            "{}",
            help(&f[0])
        );
    }

    #[test]
    fn suggests_only_policy_urls_of_no_item() {
        let nav = "nav:\n  a:\n    url: /p/page-1\n  b:\n    url: /p/page-3\n";
        let f = tester().one(Case::from("/p/page-1: [member]\n").with(NAVIGATION, nav));
        assert!(!help(&f).contains("did you mean"), "{}", help(&f));
    }

    #[test]
    fn empty_policy_grants_nothing() {
        assert_eq!(tester().findings("# nothing yet\n").len(), 3);
    }

    #[test]
    fn missing_or_broken_policy_is_not_this_rule() {
        tester()
            .pass([
                without(NAVIGATION_POLICY),
                "a: [\n".into(),
                "- /mycloud-product/overview\n".into(),
                Case::from("/x: [member]\n").with(NAVIGATION, "nav: [\n"),
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Every level covered.
            .pass([Case::from("/mycloud-product/overview: [member]\n/mycloud-product/detail: [admin]\n/mycloud-product/home: [cloud_admin]\n")])
            .test_and_snapshot();
    }
}
