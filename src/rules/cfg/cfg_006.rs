use crate::chart::config_helpers::Kind;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Severity, Text};
use crate::mako::Use;
use crate::rules::cfg::{
    self, cannot_be_product, cfg_010, cfg_011, misspelt_function, safe_render_for, MAKO_NAMES,
};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports, at the product's name, a direct read of another product's config in
    /// `templates/_config_helpers.yaml.tpl` — `${p['…']}`, `${p.get(…)}`, or `${p}` printed
    /// whole — that nothing protects from `p` being absent:
    /// - it is not inside an `% if p:` (or `% elif p:`, `% if p and …:`, `% if not p:` …
    ///   `% else:`, `% if p is not None:`) block, nor behind `p and …` or `… if p else …`; and
    /// - `p` is not declared in `dependencies.services`.
    ///
    /// A product declared only in a `dependencies.parallel_services` group is a warning (the
    /// catalog exempts it): only one product of the group has to be installed, so a direct
    /// read of one of them fails when it is another one that is installed — `safe_render_multi`
    /// is made for this. A product listed in `dependencies.exclusion` is never installed
    /// alongside, so reading it always fails.
    ///
    /// Names that cannot be products (misspelt template functions, names with `_`) are
    /// CFG-003's findings; the parts of a product ID with `-` (`${my-db['x']}` reads `db`) are
    /// CFG-010's, and `license` is CFG-011's.
    ///
    /// ## Why
    /// §1.1.6.4: `${云产品名[配置项]}` reads another product's config, and the guide adds: "若
    /// mariaDB 可能还没安装，在获取不到时需要使用一个默认值代替，可以使用 `safe_render` 模板函数".
    /// A product that is not installed has no config: the read fails, the configuration cannot
    /// be rendered and the installation fails. A declared dependency is installed first (the
    /// platform refuses to install the product without it), and an `% if p:` guard skips the
    /// read when `p` is absent — the guide's conditional example does this with
    /// `neutron`/`proton`.
    ///
    /// ## 中文
    /// 直接读取了其他云产品的配置（`${p[…]}`、`${p.get(…)}`），既不在 `% if p:` 保护之内，`p` 也没有
    /// 在 `dependencies.services` 中声明为依赖：`p` 未安装时渲染失败（§1.1.6.4）。请使用
    /// `safe_render`、加上 `% if p:` 判断或声明依赖。仅在 `parallel_services` 中声明时给出警告
    /// （同组只需安装其中一个，建议用 `safe_render_multi`）；读取 `exclusion` 中的云产品总会失败。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${mariadb['endpoints']['admin']['password']}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', '/endpoints/admin/password', 'default')}
    /// trial_days: 180
    /// ```
    RULE = "CFG-006", Cfg, Error | Warning, "§1.1.6.4",
    "Unguarded read of a product that may not be installed",
    "读取了可能未安装的云产品的配置且未加保护",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let uses = src.uses();
    let hyphenated = cfg_010::hyphenated(&src, &uses);
    for u in uses.iter().copied() {
        let name = u.name;
        if !u.is_product() || u.guarded || MAKO_NAMES.contains(&name) || !(u.reads() || u.whole) {
            continue;
        }
        if name == cfg_011::LICENSE || cfg_010::is_part(&hyphenated, &u) {
            continue; // CFG-011's, CFG-010's
        }
        let declared = src.declared(name);
        if declared.is_none() && (cannot_be_product(name) || misspelt_function(name).is_some()) {
            continue;
        }
        let how = if u.whole {
            text!("printed", "输出")
        } else {
            text!("read directly", "被直接读取")
        };
        let (how_en, how_zh) = (how.en, how.zh);
        match declared {
            Some(Kind::Service) => {}
            None => {
                out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "`{name}`'s config is {how_en} outside an `% if {name}:` guard, and `{name}` is not a declared dependency: rendering fails when it is not installed",
                        "云产品 `{name}` 的配置在 `% if {name}:` 保护之外{how_zh}，且 `{name}` 未声明为依赖：未安装时渲染失败"
                    ),
                )
                .help(fix(&u, true));
            }
            Some(Kind::Parallel) => {
                let others = src.parallel_partners(name);
                let list = others
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "`{name}` is one of a `parallel_services` group (with {list}): only one of them has to be installed, and this read fails when it is another one",
                        "`{name}` 属于 `parallel_services` 组（还有 {list}）：该组只需安装其中一个，若安装的是其他云产品，此读取会失败"
                    ),
                )
                .severity(Severity::Warning)
                .help(text!(
                    "read the group with `safe_render_multi(['{name}', …], '/path', default)`, or guard the read with `% if {name}:`",
                    "请使用 `safe_render_multi(['{name}', …], '/path', default)` 读取该组，或用 `% if {name}:` 保护此读取"
                ));
            }
            Some(Kind::Exclusion) => {
                out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "`{name}` is listed in `dependencies.exclusion`: it is never installed alongside this product, so reading its config always fails",
                        "`{name}` 列在 `dependencies.exclusion` 中：它永远不会与本云产品同时安装，读取其配置总会失败"
                    ),
                )
                .help(fix(&u, false));
            }
        }
    }
}

fn fix(u: &Use, can_declare: bool) -> Text {
    let name = u.name;
    let safe =
        safe_render_for(u).unwrap_or_else(|| format!("safe_render('{name}', '/path', default)"));
    if can_declare {
        text!(
            "use `{safe}`, guard the read with `% if {name}:`, or declare `{name}` in `dependencies.services`",
            "请使用 `{safe}`，或用 `% if {name}:` 保护此读取，或在 `dependencies.services` 中声明 `{name}`"
        )
    } else {
        text!(
            "use `{safe}` (it gives the default), or remove the read",
            "请使用 `{safe}`（会返回默认值），或删除此读取"
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn undeclared_unguarded_reads() {
        let d = tester().findings("data_template:\n  a: ${mariadb['endpoints']['admin']['password']}\n  b: ${mariadb.get('endpoints', {}).get('admin', {})}\n  c: ${neutron}\n");
        assert_eq!(starts(&d), [(2, 8), (3, 8), (4, 8)]);
        assert_eq!(d[0].range.unwrap().end.column, 15);
        assert!(
            help(&d[0]).contains("`safe_render('mariadb', '/endpoints/admin/password', default)`")
        );
        assert!(help(&d[1]).contains("`safe_render('mariadb', '/endpoints/admin', default)`"));
        assert!(d[2].message.en.contains("printed"));
    }

    #[test]
    fn guard_of_another_branch_does_not_count() {
        let d = tester().findings("data_template:\n  a: |-\n    % if mariadb:\n    x\n    % else:\n    ${mariadb['a']}\n    % endif\n    ${mariadb['b']}\n");
        assert_eq!(starts(&d), [(6, 7), (8, 7)]);
    }

    #[test]
    fn parallel_members_warn_and_exclusions_always_fail() {
        let d = tester().findings("data_template:\n  a: ${neutron['endpoints']}\n  b: ${nova.get('x')}\ndependencies:\n  parallel_services:\n    - neutron: 6.0.1\n      proton: 6.0.1\n  exclusion:\n    - nova\n");
        assert_eq!(starts(&d), [(2, 8), (3, 8)]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message.en.contains("`proton`"));
        assert!(help(&d[0]).contains("safe_render_multi"));
        assert_eq!(d[1].severity, Severity::Error);
        assert!(d[1].message.en.contains("exclusion"));
    }

    #[test]
    fn guards_protect() {
        tester()
            .pass([
                "data_template:\n  a: |-\n    % if mariadb:\n    ${mariadb['endpoints']}\n    % endif\n",
                "data_template:\n  a: |-\n    % if neutron:\n    x\n    % elif mariadb:\n    ${mariadb.get('a')}\n    % endif\n",
                "data_template:\n  a: |-\n    % if not mariadb:\n    x\n    % else:\n    ${mariadb.get('a')}\n    % endif\n",
                "data_template:\n  a: ${mariadb and mariadb.get('a')}\n  b: ${mariadb.get('a') if mariadb else 'x'}\n",
                "data_template:\n  a: ${safe_render('mariadb', '/a', 'x')}\n  b: ${mariadb or 'none'}\n",
                "data_template:\n  a: ${mariadb['a']}\ndependencies:\n  services:\n    mariadb: 6.0.1\n",
            ])
            .test();
    }

    #[test]
    fn hyphenated_ids_and_license_are_left_to_cfg_010_and_cfg_011() {
        tester()
            .pass(["data_template:\n  a: ${my-db['x']}\n  b: ${license['values']['x']}\n"])
            .test();
    }

    #[test]
    fn names_that_are_not_products_are_left_to_cfg_003() {
        tester()
            .pass(["data_template:\n  a: ${maria_db['x']}\n  b: ${replicas_by_modalty}\n"])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
