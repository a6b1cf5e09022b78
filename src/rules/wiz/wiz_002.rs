use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::pol::ROLES;
use crate::rules::wiz::roles;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks the keys under `nav` in `templates/_wizard.yaml`: each is a role, one of
    /// `cloud_admin`, `domain_admin`, `admin`, `member`. An unknown one is reported at the key,
    /// with the nearest role (`domian_admin` → "did you mean `domain_admin`?").
    ///
    /// ## Why
    /// §1.1.6.7 (云产品使用向导): the wizard is defined "在 `nav` 属性下对 `cloud_admin`,
    /// `domian_admin`, `admin`, `member`" and shown to users of that role. The guide's prose
    /// misspells the department admin; the platform's role is `domain_admin` (the policy
    /// example writes it so), and a wizard under an unknown role is never shown.
    ///
    /// ## 中文
    /// `_wizard.yaml` 中 `nav` 下的键必须是 `cloud_admin`、`domain_admin`、`admin`、`member`
    /// 之一；指南正文误写的 `domian_admin` 会提示应为 `domain_admin`。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_wizard.yaml
    /// nav:
    ///   domian_admin:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title:
    ///         en: My Cloud Product
    ///         zh-cn: 我的云产品
    ///       wizard: []
    /// ```
    /// ```yaml,pass,file=templates/_wizard.yaml
    /// nav:
    ///   domain_admin:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title:
    ///         en: My Cloud Product
    ///         zh-cn: 我的云产品
    ///       wizard: []
    /// ```
    RULE = "WIZ-002", Wiz, Error, "§1.1.6.7",
    "Unknown role in the wizard", "使用向导中的角色未知", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, roles)) = roles(chart) else {
        return;
    };
    for role in roles {
        let name = role.key.key_string();
        if ROLES.contains(&name.as_str()) {
            continue;
        }
        let d = out.report(
            &file.path,
            Some(role.key.range),
            text!(
                "`nav.{name}`: `{name}` is not a known role",
                "`nav.{name}`：`{name}` 不是已知角色"
            ),
        );
        d.help(crate::rules::pol::role_help(&name));
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::WIZARD;
    use crate::rules::tester::{help, starts, starts_and_severity, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(WIZARD)
    }

    #[test]
    fn guide_spelling_suggests_domain_admin() {
        let f = tester().findings("nav:\n  cloud_admin: {}\n  domian_admin:\n    x: {}\n");
        assert_eq!(starts_and_severity(&f), [(3, 3, "error")], "{f:?}");
        assert!(
            help(&f[0]).contains("did you mean `domain_admin`"),
            "{}",
            help(&f[0])
        );
    }

    #[test]
    fn unrelated_names_and_non_string_keys() {
        let f = tester().findings("nav:\n  everyone: {}\n  1: {}\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(starts(&f), [(2, 3), (3, 3)]);
        assert!(!help(&f[0]).contains("did you mean"), "{}", help(&f[0]));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // The four roles.
            .pass([
                "nav:\n  cloud_admin: {}\n  domain_admin: {}\n  admin: {}\n  member: {}\n",
                "nav: []\n",
            ])
            .test_and_snapshot();
    }
}
