use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::mako::PostfixKind;
use crate::rules::cfg::{
    self, cannot_be_product, cfg_010, cfg_011, get_chain_for, quote, safe_render_for,
};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports reads of another product's config in `templates/_config_helpers.yaml.tpl` that
    /// raise when a key is absent:
    /// - a chain of two or more subscripts (`${mariadb['endpoints']['admin']['password']}`),
    ///   at the first one: any missing key raises a `KeyError`. A single subscript of a
    ///   top-level key is left alone, as the guide's own safer form does
    ///   (`mariadb['endpoints'].get('admin', {})`): the top-level sections of a product's
    ///   config are its contract, what lies deeper changes with its settings;
    /// - a `.get(key)` without a default followed by another step
    ///   (`p.get('endpoints').get('admin')`): an absent key gives `None`, and the next step
    ///   raises on it.
    ///
    /// The help rewrites the chain with `.get(key, {})` steps and offers the `safe_render`
    /// form. This holds inside an `% if p:` guard too: the guard protects against `p` being
    /// absent, not against `p`'s config lacking a key. A read of a product ID with `-`
    /// (`${my-db['a']['b']}`) is CFG-010's finding, of `license` CFG-011's.
    ///
    /// ## Why
    /// §1.1.6.4 shows both forms and says when to prefer the second: "若无法确定是否存在 mariaDB
    /// 的配置中，是否存在 password 配置，可以通过如下方式设置一个默认值：
    /// `${mariadb['endpoints'].get('admin', {}).get('password', \"12345\")}`". Another
    /// product's config changes with its version and its own settings; a key this product
    /// cannot be sure of makes the rendering — and the installation — fail. It is a warning:
    /// the key may well be there.
    ///
    /// ## 中文
    /// 通过连续下标读取其他云产品的配置（`p['a']['b']`）：任何一个键不存在都会抛出 KeyError（§1.1.6.4）；
    /// 没有默认值的 `.get(key)` 之后继续取值，键不存在时会在 None 上出错。建议使用
    /// `.get(key, {})` 链或 `safe_render`。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${mariadb['endpoints']['admin']['password']}
    /// dependencies:
    ///   services:
    ///     mariadb: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${mariadb['endpoints'].get('admin', {}).get('password', '12345')}
    /// dependencies:
    ///   services:
    ///     mariadb: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "CFG-007", Cfg, Warning, "§1.1.6.4",
    "Subscript that raises when a key is absent", "下标读取在键不存在时会出错",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let uses = src.uses();
    let hyphenated = cfg_010::hyphenated(&src, &uses);
    for u in uses.iter().copied() {
        if !u.is_product() || cannot_be_product(u.name) {
            continue;
        }
        if u.name == cfg_011::LICENSE || cfg_010::is_part(&hyphenated, &u) {
            continue; // CFG-011's, CFG-010's
        }
        let name = u.name;
        let subscripts = u
            .ops
            .iter()
            .filter(|o| matches!(o.kind, PostfixKind::Index(_)))
            .count();
        if let Some(first) = u
            .ops
            .iter()
            .find(|o| matches!(o.kind, PostfixKind::Index(_)))
            .filter(|_| subscripts >= 2)
        {
            let chain = chain_text(&u);
            let d = out.report(
                src.path(),
                Some(first.range),
                text!(
                    "`{chain}` raises a KeyError when a key is absent from `{name}`'s config",
                    "`{chain}` 在 `{name}` 的配置中缺少某个键时会抛出 KeyError"
                ),
            );
            match (get_chain_for(&u), safe_render_for(&u)) {
                (Some(g), Some(s)) => d.help(text!(
                    "read it with defaults: `{g}`, or `{s}`",
                    "请使用带默认值的读取：`{g}`，或 `{s}`"
                )),
                _ => d.help(text!(
                    "read keys that may be absent with `.get(key, default)`, or use `safe_render('{name}', '/path', default)`",
                    "读取可能不存在的键时请使用 `.get(key, default)`，或使用 `safe_render('{name}', '/path', default)`"
                )),
            };
        }
        for (i, op) in u.ops.iter().enumerate() {
            let PostfixKind::Attr { name: m, .. } = &op.kind else {
                continue;
            };
            let Some(PostfixKind::Call(args)) = u.ops.get(i + 1).map(|o| &o.kind) else {
                continue;
            };
            if m != "get" || args.len() != 1 || i + 2 >= u.ops.len() {
                continue;
            }
            let key = args[0]
                .value
                .as_str()
                .map(quote)
                .unwrap_or_else(|| "key".to_string());
            let range = Range {
                start: op.range.start,
                end: u.ops[i + 1].range.end,
            };
            out.report(
                src.path(),
                Some(range),
                text!(
                    "`.get({key})` has no default: it gives None when the key is absent, and the next step fails on None",
                    "`.get({key})` 没有默认值：键不存在时返回 None，下一步会在 None 上出错"
                ),
            )
            .help(text!(
                "give it a default: `.get({key}, {{}})`",
                "请提供默认值：`.get({key}, {{}})`"
            ));
        }
    }
}

/// The chain as written, when its steps are literal keys and `.get` calls; else the name with
/// its first subscript.
fn chain_text(u: &crate::mako::Use) -> String {
    let mut s = u.name.to_string();
    let mut i = 0;
    while i < u.ops.len() {
        match &u.ops[i].kind {
            PostfixKind::Index(k) => match k.literal() {
                Some(v) => s.push_str(&format!("[{}]", v.repr())),
                None => s.push_str("[…]"),
            },
            PostfixKind::Attr { name, .. } => {
                s.push('.');
                s.push_str(name);
            }
            PostfixKind::Call(args) => {
                let inner = args
                    .iter()
                    .map(|a| a.value.literal().map_or("…".to_string(), |v| v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ");
                s.push_str(&format!("({inner})"));
            }
        }
        i += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn subscript_chains() {
        let d = tester().findings("data_template:\n  a: ${mariadb['endpoints']['admin']['password']}\n  b: |-\n    % if neutron:\n    ${neutron.get('endpoints', {})['oslo_db']['auth']}\n    % endif\n  c: ${mariadb['endpoints'].get('admin', {})}\n");
        assert_eq!(starts(&d), [(2, 15), (5, 35)]);
        assert_eq!(d[0].range.unwrap().end.column, 28);
        assert!(d[0]
            .message
            .en
            .contains("`mariadb['endpoints']['admin']['password']`"));
        assert!(help(&d[0])
            .contains("`mariadb.get('endpoints', {}).get('admin', {}).get('password', default)`"));
        assert!(
            help(&d[0]).contains("`safe_render('mariadb', '/endpoints/admin/password', default)`")
        );
    }

    #[test]
    fn get_without_default_then_more() {
        let d = tester().findings(
            "data_template:\n  a: ${p.get('endpoints').get('admin', {})}\n  b: ${p.get('x')}\n",
        );
        assert_eq!(starts(&d), [(2, 9)]);
        assert_eq!(d[0].range.unwrap().end.column, 26);
        assert!(help(&d[0]).contains("`.get('endpoints', {})`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "data_template:\n  a: ${p.get('a', {}).get('b', 'x')}\n  b: ${safe_render('p', '/a/b', 'x')}\n  c: ${{'k': 1}['k']}\n  d: ${safe_render('p', '/a', {})['k']}\n",
                // CFG-010's and CFG-011's.
                "data_template:\n  a: ${my-db['a']['b']}\n  b: ${license['values']['x']}\n",
                "data_template:\n  a: ${maria_db['x']}\n",
            ])
            .test_and_snapshot();
    }
}
