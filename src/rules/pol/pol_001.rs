use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::pol::{policy, ROLES};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks every role listed in `templates/_navigation_policy.yaml`: it must be one of the
    /// four roles `cloud_admin`, `domain_admin`, `admin`, `member`, spelled exactly so. An
    /// unknown role is reported at the role, with the nearest known one
    /// (`domian_admin` → "did you mean `domain_admin`?"). Values that are not strings are left
    /// to POL-004.
    ///
    /// ## Why
    /// §1.1.6.7 (导航访问策略): "当前仅支持使用四种默认角色". A role the platform does not know
    /// grants nothing: the page stays invisible to the users it was meant for. The guide's prose
    /// spells the department admin `domian_admin`, while its policy example and the platform
    /// write `domain_admin`; we follow the example and flag the prose spelling.
    ///
    /// ## 中文
    /// `_navigation_policy.yaml` 中的角色只能是 `cloud_admin`、`domain_admin`、`admin`、`member`
    /// 四者之一。指南正文误写为 `domian_admin`，示例与平台使用 `domain_admin`：未知角色报错，
    /// 并提示最接近的角色。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - cloud_admin
    ///   - domian_admin
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
    RULE = "POL-001", Pol, Error, "§1.1.6.7",
    "Unknown role in the navigation policy", "导航访问策略中的角色未知", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, entries)) = policy(chart) else {
        return;
    };
    for entry in entries {
        let Some(roles) = entry.value.as_seq() else {
            continue;
        };
        let url = entry.key.key_string();
        for role in roles {
            let Some(name) = role.as_str() else {
                continue;
            };
            if ROLES.contains(&name) {
                continue;
            }
            let d = out.report(
                &file.path,
                Some(role.range),
                text!(
                    "`{name}` (for `{url}`) is not a known role",
                    "`{name}`（`{url}` 的角色）不是已知角色"
                ),
            );
            d.help(super::role_help(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION_POLICY;
    use crate::rules::tester::{help, starts, starts_and_severity, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION_POLICY)
    }

    #[test]
    fn guide_prose_spelling_suggests_domain_admin() {
        let f =
            tester().findings("/mycloud-product/overview:\n  - cloud_admin\n  - domian_admin\n");
        assert_eq!(starts_and_severity(&f), [(3, 5, "error")], "{f:?}");
        assert!(
            help(&f[0]).contains("did you mean `domain_admin`"),
            "{}",
            help(&f[0])
        );
    }

    #[test]
    fn unknown_roles_in_flow_lists_and_case() {
        let f = tester().findings("/mycloud-product/overview: [Member, superuser]\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(starts(&f), [(1, 29), (1, 37)]);
        assert!(help(&f[0]).contains("`member`"), "{}", help(&f[0]));
        assert!(!help(&f[1]).contains("did you mean"), "{}", help(&f[1]));
    }

    #[test]
    fn non_strings_and_broken_files_are_left_to_others() {
        tester()
            .pass([
                "/mycloud-product/overview:\n  - 1\n  - [admin]\n",
                "/mycloud-product/overview: member\n",
                "- member\n",
                "a: [\n",
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // The four roles.
            .pass([
                "/mycloud-product/overview:\n- cloud_admin\n- domain_admin\n- admin\n- member\n",
                "/mycloud-product/overview: [member, \"admin\"]\n",
            ])
            .test_and_snapshot();
    }
}
