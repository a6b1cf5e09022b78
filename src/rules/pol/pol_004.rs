use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks the shape of `templates/_navigation_policy.yaml`: a map from URL to a non-empty
    /// list of role names (strings).
    /// - the file is not a map (a list, a string): error, at the top;
    /// - a URL whose value is not a list, an empty list, or a list item that is not a string:
    ///   error, at the value (at the URL when the value is empty);
    /// - a role listed twice for one URL: warning, at the second one.
    ///
    /// ## Why
    /// §1.1.6.7 (导航访问策略): the example maps each URL to a YAML list of roles. A single role
    /// written as a plain string (`/x: member`), an empty value or nested lists are not what the
    /// platform reads: the page ends up invisible or the policy fails to load. A repeated role
    /// does no harm but is a copy-paste slip.
    ///
    /// ## 中文
    /// `_navigation_policy.yaml` 应为“URL → 角色列表”的映射：值必须是非空的字符串列表（错误）；
    /// 同一 URL 下重复的角色给出警告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview: member
    /// ```
    /// ```yaml,pass,file=templates/_navigation_policy.yaml
    /// /mycloud-product/overview:
    ///   - member
    /// ```
    RULE = "POL-004", Pol, Error | Warning, "§1.1.6.7",
    "Policy value is not a list of roles", "访问策略的值不是角色列表", Chart(check)
}

const EXAMPLE_EN: &str =
    "write the roles as a YAML list under the URL: `/my/url:` then `  - member` on the next line";
const EXAMPLE_ZH: &str = "在 URL 下以 YAML 列表列出角色：`/my/url:` 换行后写 `  - member`";

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.navigation_policy.as_ref() else {
        return;
    };
    if file.yaml.syntax_error().is_some() {
        return;
    }
    let Some(root) = file.root() else {
        return;
    };
    if root.is_null() {
        return;
    }
    let Some(entries) = root.as_map() else {
        let kind = a_type(root);
        let kind_zh = zh_type(root);
        out.report(
            &file.path,
            Some(root.range),
            text!(
                "the navigation policy is {kind}, not a map from URL to roles",
                "导航访问策略是{kind_zh}，而不是“URL → 角色列表”的映射"
            ),
        )
        .help(text!("{EXAMPLE_EN}", "{EXAMPLE_ZH}"));
        return;
    };
    for entry in entries {
        let url = entry.key.key_string();
        let value = &entry.value;
        let Some(roles) = value.as_seq() else {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            let range = if value.is_null() {
                entry.key.range
            } else {
                value.range
            };
            out.report(
                &file.path,
                Some(range),
                text!(
                    "the roles of `{url}` are {kind}, not a list",
                    "`{url}` 的角色是{kind_zh}，而不是列表"
                ),
            )
            .help(text!("{EXAMPLE_EN}", "{EXAMPLE_ZH}"));
            continue;
        };
        if roles.is_empty() {
            out.report(
                &file.path,
                Some(value.range),
                text!(
                    "`{url}` lists no role: nobody can see it",
                    "`{url}` 没有列出任何角色：任何人都看不到它"
                ),
            )
            .help(text!(
                "list the roles that may see the page, or remove the entry",
                "列出可访问该页面的角色，或删除该条目"
            ));
            continue;
        }
        let mut seen: Vec<&str> = Vec::new();
        for role in roles {
            let Some(name) = role.as_str() else {
                let kind = a_type(role);
                let kind_zh = zh_type(role);
                out.report(
                    &file.path,
                    Some(role.range),
                    text!(
                        "a role of `{url}` is {kind}, not a role name",
                        "`{url}` 的某个角色是{kind_zh}，而不是角色名"
                    ),
                )
                .help(text!(
                    "each item is one of `cloud_admin`, `domain_admin`, `admin`, `member`",
                    "每一项应为 `cloud_admin`、`domain_admin`、`admin`、`member` 之一"
                ));
                continue;
            };
            if seen.contains(&name) {
                out.report(
                    &file.path,
                    Some(role.range),
                    text!(
                        "`{name}` is listed twice for `{url}`",
                        "`{name}` 在 `{url}` 下重复列出"
                    ),
                )
                .severity(Severity::Warning)
                .help(text!("remove the repeated role", "删除重复的角色"));
            } else {
                seen.push(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION_POLICY;
    use crate::rules::tester::{starts_and_severity, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION_POLICY)
    }

    #[test]
    fn not_a_list() {
        assert_eq!(
            starts_and_severity(&tester().findings("/a: member\n")),
            vec![(1, 5, "error")]
        );
        assert_eq!(
            starts_and_severity(&tester().findings("/a:\n/b: [member]\n")),
            vec![(1, 1, "error")]
        );
        assert_eq!(
            starts_and_severity(&tester().findings("/a:\n  role: member\n")),
            vec![(2, 3, "error")]
        );
    }

    #[test]
    fn empty_list_and_non_strings() {
        assert_eq!(
            starts_and_severity(&tester().findings("/a: []\n")),
            vec![(1, 5, "error")]
        );
        assert_eq!(
            starts_and_severity(&tester().findings("/a:\n  - member\n  - 3\n  - [admin]\n")),
            vec![(3, 5, "error"), (4, 5, "error")]
        );
    }

    #[test]
    fn repeated_role_is_a_warning() {
        assert_eq!(
            starts_and_severity(&tester().findings("/a:\n  - member\n  - admin\n  - member\n")),
            vec![(4, 5, "warning")]
        );
    }

    #[test]
    fn file_not_a_map() {
        assert_eq!(
            starts_and_severity(&tester().findings("- /a\n- /b\n")),
            vec![(1, 1, "error")]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Lists of roles.
            .pass([
                Case::from("/a:\n  - member\n/b: [admin, member]\n"),
                without(NAVIGATION_POLICY),
                "# empty\n".into(),
                // A file that does not parse.
                "/a: [\n".into(),
            ])
            .test_and_snapshot();
    }
}
