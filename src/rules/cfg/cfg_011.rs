use crate::chart::Chart;
use crate::declare_rule;
use crate::mako::ExprKind;
use crate::rules::cfg;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports each place where `data_template` in `templates/_config_helpers.yaml.tpl` reads
    /// license data: the name `license` (`${license['values']['api']}`,
    /// `${license.get('values', {})}`, `% if license:`), or `safe_render('license', …)` /
    /// `safe_render_multi([…, 'license'], …)`.
    ///
    /// `${replicas_by_modality}` is not reported: it is the platform's own template function
    /// (the guide documents it as reading the license's `default_product_replicas` for the
    /// product), not the product reading license data itself.
    ///
    /// ## Why
    /// §1.1.6.4, "通过License主动更新云产品及平台软件配置": products used to read their license's
    /// custom values from `data_template`; now the license pushes them: each product's license
    /// has a `config` field that the platform merges into the product's configuration (above
    /// `data_template` and the topology, below `custom_config`), at installation and whenever the
    /// license changes. And "渲染配置模板时，会跳过license数据的读取，并置为空对象，以达到禁止读取
    /// license 数据的能力": while rendering the template, license data is an empty object. So
    /// `license['values']['api']` raises a KeyError and the rendering fails,
    /// `license.get(…, default)` always gives the default, and `% if license:` is always
    /// false: the license's values never reach the product this way.
    ///
    /// The guide does not print the name under which a template used to read license data;
    /// `license` is the name this rule assumes (a product ID `license` would be read the same
    /// way, and the guide's own product IDs never take it). It is a warning, as the catalog
    /// says: a read with a default renders, only without the license's value.
    ///
    /// ## 中文
    /// `data_template` 读取了 license 数据（`license[…]`、`license.get(…)`、`% if license:`、
    /// `safe_render('license', …)`）。§1.1.6.4：渲染配置模板时平台会跳过 license 数据的读取并置为空对象，
    /// 因此读不到 license 中的值（下标读取会抛出 KeyError，`.get` 总是返回默认值）。请改用 license 的
    /// `config` 字段主动下发配置：平台会将其合并到云产品配置中。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   pod:
    ///     replicas:
    ///       api: ${license.get('values', {}).get('api', 1)}
    /// trial_days: 180
    /// ```
    /// The value comes from the license's `config` (`config: {pod: {replicas: {api: 2}}}`),
    /// merged over `data_template`:
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   pod:
    ///     replicas:
    ///       api: 1
    /// trial_days: 180
    /// ```
    RULE = "CFG-011", Cfg, Warning, "§1.1.6.4",
    "data_template reads license data", "data_template 读取了 license 数据",
    Chart(check)
}

/// The name under which a template reads license data.
pub(crate) const LICENSE: &str = "license";

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    for u in src.uses() {
        let range = if u.name == LICENSE {
            u.range
        } else if let Some(arg) = u
            .call_args()
            .filter(|_| matches!(u.name, "safe_render" | "safe_render_multi"))
            .and_then(|(args, _)| args.first())
            .and_then(|a| license_literal(&a.value))
        {
            arg
        } else {
            continue;
        };
        out.report(
            src.path(),
            Some(range),
            text!(
                "`data_template` reads license data, an empty object while the platform renders it: the license's values never arrive this way",
                "`data_template` 读取了 license 数据，而渲染时平台将其置为空对象：读不到 license 中的值"
            ),
        )
        .help(text!(
            "push the value with the `config` field of the product's license, merged over `data_template`",
            "请通过云产品 license 的 `config` 字段下发该值（合并时优先于 `data_template`）"
        ));
    }
}

/// The range of a `'license'` string literal, alone or in a list.
fn license_literal(e: &crate::mako::Expr) -> Option<crate::diagnostic::Range> {
    match &e.kind {
        ExprKind::List(items) => items.iter().find_map(license_literal),
        _ => (e.as_str() == Some(LICENSE)).then_some(e.range),
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{places, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn every_read() {
        let d = tester().findings("data_template:\n  a: ${license['values']['x']}\n  b: |-\n    % if license:\n    x\n    % endif\n  c: ${safe_render('license', '/values/x', 1)}\n  d: ${safe_render_multi(['p', 'license'], '/x', 1)}\n");
        assert_eq!(
            places(&d),
            [(2, 8, 15), (4, 10, 17), (7, 20, 29), (8, 32, 41)]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "data_template:\n  a: ${replicas_by_modality}\n  b: ${licenses['x']}\n  c: ${safe_render('p', '/license', 1)}\n",
            ])
            .test_and_snapshot();
    }
}
