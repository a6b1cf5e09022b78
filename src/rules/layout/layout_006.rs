use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::diagnostic::{Pos, Range};
use crate::rules::layout::layout_003::look_alike;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an incomplete set of navigation files under `templates/`:
    /// - `_navigation.yaml` without `_navigation_policy.yaml`: no role may see any page. The
    ///   finding points at the `nav:` key of `_navigation.yaml`.
    /// - `_navigation_policy.yaml`, `_wizard.yaml` or `_category.yaml` without
    ///   `_navigation.yaml`: the file has nothing to apply to. Reported on that file, without
    ///   a line.
    ///
    /// When a file of nearly the missing name exists (`templates/_navigation_policy.yml`,
    /// `templates/navigation_policy.yaml`, `_navigation_policy.yaml` at the chart root), the help
    /// says to rename or move it.
    ///
    /// ## Why
    /// §1.1.6.7: the policy file decides who sees each `top_nav`/`nav`/`sub_nav` URL, and "如不
    /// 填写，则默认所有角色均无权限访问此url，对所有类型账户都不可见" — a URL without a policy is
    /// invisible to every account. Without any policy file the whole product disappears from the
    /// console although it installs. The wizard (`nav.<role>.<key>.proId`), the categories
    /// (`_category.yaml`, used by navigation items) and the policy (keyed by navigation URLs)
    /// all refer to `_navigation.yaml`; alone they show nothing. A product with no navigation at
    /// all (a pure back-end service) is fine and not reported. `_wizard.yaml` and
    /// `_category.yaml` are optional beside `_navigation.yaml` (a product may join an existing
    /// category). Per-URL completeness (a URL missing from the policy) is POL-002's finding.
    ///
    /// ## 中文
    /// 导航相关文件不完整：有 `_navigation.yaml` 却没有 `_navigation_policy.yaml` 时，所有角色都
    /// 看不到任何页面（§1.1.6.7）；有 `_navigation_policy.yaml`、`_wizard.yaml` 或
    /// `_category.yaml` 却没有 `_navigation.yaml` 时，这些文件没有作用对象。
    ///
    /// ## Example
    /// The project without its navigation policy:
    /// ```text,fail,delete=templates/_navigation_policy.yaml
    /// ```
    /// ```yaml,pass,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - cloud_admin
    ///   - domain_admin
    ///   - admin
    ///   - member
    /// ```
    RULE = "LAYOUT-006", Layout, Warning, "§1.1.6.7",
    "Navigation files are incomplete", "导航文件不完整", Chart(check)
}

const NAVIGATION: &str = "templates/_navigation.yaml";
const POLICY: &str = "templates/_navigation_policy.yaml";
const WIZARD: &str = "templates/_wizard.yaml";
const CATEGORY: &str = "templates/_category.yaml";
const ALL: &[&str] = &[NAVIGATION, POLICY, WIZARD, CATEGORY];

fn check(chart: &Chart, out: &mut Findings) {
    let navigation = chart.file(NAVIGATION);
    let hint = |missing: &str| look_alike(chart, missing, ALL);
    match navigation {
        Some(nav) => {
            if chart.file(POLICY).is_some() {
                return;
            }
            let range = decode(nav).and_then(nav_key);
            let d = out.report(
                &nav.path,
                range,
                text!(
                    "`{NAVIGATION}` has no `{POLICY}` beside it: no role may see any of its pages",
                    "有 `{NAVIGATION}` 却没有 `{POLICY}`：所有角色都看不到其中的页面"
                ),
            );
            match hint(POLICY) {
                Some(found) => d.help(text!(
                    "`{found}` looks like it: rename or move it to `{POLICY}`",
                    "`{found}` 与之相似：请将其重命名或移动为 `{POLICY}`"
                )),
                None => d.help(text!(
                    "add `{POLICY}` mapping each navigation URL to the roles that may see it (cloud_admin, domain_admin, admin, member)",
                    "添加 `{POLICY}`，为每个导航 URL 列出可访问的角色（cloud_admin、domain_admin、admin、member）"
                )),
            };
        }
        None => {
            for rel in [POLICY, WIZARD, CATEGORY] {
                let Some(orphan) = chart.file(rel) else {
                    continue;
                };
                let d = out.report(
                    &orphan.path,
                    None,
                    text!(
                        "`{rel}` without `{NAVIGATION}`: it has no navigation to apply to",
                        "有 `{rel}` 却没有 `{NAVIGATION}`：该文件没有可作用的导航"
                    ),
                );
                match hint(NAVIGATION) {
                    Some(found) => d.help(text!(
                        "`{found}` looks like it: rename or move it to `{NAVIGATION}`",
                        "`{found}` 与之相似：请将其重命名或移动为 `{NAVIGATION}`"
                    )),
                    None => d.help(text!(
                        "add `{NAVIGATION}` (category, name, nav) or remove `{rel}`",
                        "添加 `{NAVIGATION}`（category、name、nav），或删除 `{rel}`"
                    )),
                };
            }
        }
    }
}

/// The `nav:` key at the start of a line of `_navigation.yaml`.
fn nav_key(text: &str) -> Option<Range> {
    let line = text.lines().position(|l| {
        l.strip_prefix("nav")
            .is_some_and(|r| r.trim_start().starts_with(':'))
    })?;
    Some(Range {
        start: Pos {
            line: line + 1,
            column: 1,
        },
        end: Pos {
            line: line + 1,
            column: 4,
        },
    })
}

#[cfg(test)]
mod tests {
    use crate::chart::{CATEGORY, NAVIGATION, NAVIGATION_POLICY, WIZARD};
    use crate::diagnostic::Pos;
    use crate::rules::tester::{help, renamed, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    #[test]
    fn navigation_without_policy_points_at_nav() {
        let d = tester().one(without(NAVIGATION_POLICY));
        assert_eq!(
            d.file.as_deref(),
            Some("good-project/chart/mycloud-product/templates/_navigation.yaml")
        );
        let r = d.range.unwrap();
        assert_eq!(
            (r.start, r.end),
            (Pos { line: 5, column: 1 }, Pos { line: 5, column: 4 })
        );
    }

    #[test]
    fn misnamed_policy_is_suggested() {
        let d = tester().one(
            without(NAVIGATION_POLICY)
                .with("templates/_navigation_policy.yml", "/a:\n  - member\n"),
        );
        assert!(help(&d).contains("`templates/_navigation_policy.yml`"));
    }

    #[test]
    fn orphans_without_navigation() {
        let d = tester().findings(without(NAVIGATION).with(WIZARD, "nav: {}\n"));
        // policy, wizard and category are all orphans.
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|x| x.range.is_none()));
        assert!(d.iter().any(|x| x.file.as_deref()
            == Some("good-project/chart/mycloud-product/templates/_wizard.yaml")));
    }

    #[test]
    fn navigation_at_chart_root_is_suggested() {
        let d = tester().findings(renamed(NAVIGATION, "_navigation.yaml"));
        assert_eq!(d.len(), 2);
        assert!(d
            .iter()
            .all(|x| help(x).contains("`_navigation.yaml` looks like it")));
    }

    #[test]
    fn no_navigation_at_all_passes() {
        tester()
            .pass([without(NAVIGATION)
                .without(NAVIGATION_POLICY)
                .without(CATEGORY)])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
