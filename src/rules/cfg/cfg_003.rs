use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Text;
use crate::mako::{self, PostfixKind, BUILTINS, FUNCTIONS};
use crate::rules::cfg::{self, cannot_be_product, misspelt_function, MAKO_NAMES, PYTHON_METHODS};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports, at the name, a call in `templates/_config_helpers.yaml.tpl` of something that
    /// is not a template function, with the nearest function as a suggestion
    /// (`random_pasword(…)` → `random_password`):
    /// - a called name that is not one of `cloud_product_label`, `label_enabled`,
    ///   `random_password`, `replicas_by_modality`, `safe_render`, `safe_render_multi` (or
    ///   Python's `str`, `int`, `float`, `bool`, `len`);
    /// - a bare name that is a near miss of a template function (`${replicas_by_modalty}`) and
    ///   is not a declared dependency;
    /// - a bare name that cannot be a product ID — product IDs are lowercase words joined by
    ///   `-` (CHART-001), so `maria_db` or `MariaDB` is neither a product nor a function;
    /// - a method that Python's `dict`, `str` and `list` do not have (`.gte(…)` → `.get`).
    ///
    /// ## Why
    /// §1.1.6.4 lists the template functions the platform provides; "any other bare name is
    /// another product's ID" (RULES.md). A misspelt function is therefore read as a product
    /// that is never installed: Mako renders an undefined name, or fails on the call, and the
    /// product's configuration cannot be rendered.
    ///
    /// ## 中文
    /// `_config_helpers.yaml.tpl` 调用了未知的模板函数（§1.1.6.4）。模板函数只有
    /// `cloud_product_label`、`label_enabled`、`random_password`、`replicas_by_modality`、
    /// `safe_render`、`safe_render_multi`；其他名称会被当作云产品标识。拼写接近模板函数的名称、含 `_`
    /// 或大写字母（不可能是云产品标识）的名称、不存在的方法（如 `.gte()`）也会被报告，并提示最接近的名称。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   conf:
    ///     password: ${random_pasword('conf_password', 8)}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   conf:
    ///     password: ${random_password('conf_password', 8)}
    /// trial_days: 180
    /// ```
    RULE = "CFG-003", Cfg, Error, "§1.1.6.4",
    "Unknown template function", "调用了未知的模板函数", Chart(check)
}

fn functions_help() -> Text {
    text!(
        "the template functions are `cloud_product_label`, `label_enabled`, `random_password(tag, n)`, `replicas_by_modality`, `safe_render(product, '/path', default)`, `safe_render_multi([products], '/path', default)`",
        "模板函数有 `cloud_product_label`、`label_enabled`、`random_password(tag, n)`、`replicas_by_modality`、`safe_render(product, '/path', default)`、`safe_render_multi([products], '/path', default)`"
    )
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let known: Vec<&str> = FUNCTIONS.iter().chain(BUILTINS).copied().collect();
    for u in src.uses() {
        let name = u.name;
        if u.call_args().is_some() {
            if !mako::is_function(name) {
                let d = out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "unknown template function `{name}`",
                        "未知的模板函数 `{name}`"
                    ),
                );
                match nearest(name, &known) {
                    Some(n) => d.help(text!("did you mean `{n}`?", "是否应为 `{n}`？")),
                    None => d.help(functions_help()),
                };
            }
        } else if !mako::is_function(name)
            && !MAKO_NAMES.contains(&name)
            && src.declared(name).is_none()
        {
            if let Some(n) = misspelt_function(name) {
                out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "unknown name `{name}`: it is not a template function, so it is read as a product that is never installed",
                        "未知的名称 `{name}`：它不是模板函数，会被当作一个从未安装的云产品"
                    ),
                )
                .help(text!("did you mean `{n}`?", "是否应为 `{n}`？"));
            } else if cannot_be_product(name) {
                out.report(
                    src.path(),
                    Some(u.range),
                    text!(
                        "unknown name `{name}`: it is neither a template function nor a product ID (product IDs are lowercase words joined by `-`)",
                        "未知的名称 `{name}`：既不是模板函数，也不是云产品标识（云产品标识由小写单词和 `-` 组成）"
                    ),
                )
                .help(functions_help());
            }
        }
        for (i, op) in u.ops.iter().enumerate() {
            let PostfixKind::Attr { name, name_range } = &op.kind else {
                continue;
            };
            let called = matches!(
                u.ops.get(i + 1).map(|o| &o.kind),
                Some(PostfixKind::Call(_))
            );
            if !called || PYTHON_METHODS.contains(&name.as_str()) {
                continue;
            }
            let d = out.report(
                src.path(),
                Some(*name_range),
                text!(
                    "unknown method `.{name}()`: a config is a dict, which has no such method",
                    "未知的方法 `.{name}()`：配置是字典，没有此方法"
                ),
            );
            match nearest(name, &["get", "keys", "values", "items"]) {
                Some(n) => d.help(text!("did you mean `.{n}(…)`?", "是否应为 `.{n}(…)`？")),
                None => d.help(text!(
                    "read a key with `.get('key', default)`",
                    "请使用 `.get('key', default)` 读取键"
                )),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn unknown_calls() {
        let d = tester().findings("data_template:\n  a: ${random_pasword('t', 8)}\n  b: ${safe_rendr('p', '/a', 1)}\n  c: ${frobnicate(1)}\n");
        assert_eq!(starts(&d), [(2, 8), (3, 8), (4, 8)]);
        assert_eq!(d[0].range.unwrap().end.column, 22);
        assert!(help(&d[0]).contains("`random_password`"));
        assert!(help(&d[1]).contains("`safe_render`"));
        assert!(help(&d[2]).contains("the template functions are"));
        assert!(d[2].message.en.contains("`frobnicate`"));
    }

    #[test]
    fn misspelt_bare_names() {
        let d = tester().findings("data_template:\n  a: ${replicas_by_modalty}\n  b: ${cloud_product_lable}\n  c: ${maria_db['x']}\n");
        assert_eq!(starts(&d), [(2, 8), (3, 8), (4, 8)]);
        assert!(help(&d[0]).contains("`replicas_by_modality`"));
        assert!(help(&d[1]).contains("`cloud_product_label`"));
        assert!(d[2]
            .message
            .en
            .contains("neither a template function nor a product ID"));
    }

    #[test]
    fn unknown_methods() {
        let d = tester()
            .findings("data_template:\n  a: ${p.gte('a', {})}\n  b: ${p.get('a', {}).itmes()}\n");
        assert_eq!(starts(&d), [(2, 10), (3, 23)]);
        assert!(help(&d[0]).contains("`.get(…)`"));
        assert!(help(&d[1]).contains("`.items(…)`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "data_template:\n  a: ${str(replicas_by_modality)}\n  b: ${p.get('a', '').lower()}\n  c: ${len(p.keys()) if p else 0}\n",
                // A declared dependency close to a function name is a product.
                "data_template:\n  a: ${labels_enabled['x']}\ndependencies:\n  services:\n    labels_enabled: 6.0.1\n",
            ])
            .test_and_snapshot();
    }
}
