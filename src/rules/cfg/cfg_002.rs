use crate::chart::Chart;
use crate::declare_rule;
use crate::mako::PostfixKind;
use crate::rules::cfg;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports Mako syntax that the platform cannot render, at its place in
    /// `templates/_config_helpers.yaml.tpl`:
    /// - unbalanced blocks: an `% if` never closed by `% endif`, an `% elif`/`% else`/`% endif`
    ///   without its `% if`, an `% elif` or a second `% else` after `% else`;
    /// - a control line without its `:` (`% if neutron`), or with an unknown keyword
    ///   (`% iff`, a lone `%` — write `%%` for a literal `%` at the start of a line);
    /// - an unterminated `${` (no `}` closes it: brackets and quotes inside must balance), an
    ///   empty `${}`, an unterminated string;
    /// - an expression outside the Python subset templates use: names, string and number
    ///   literals, lists, dicts, subscripts `p['k']`, `.get(k, default)` and other method calls,
    ///   calls of the template functions, `and`/`or`/`not`, comparisons, `+ - *`,
    ///   `x if c else y`. Filters (`${x | h}`), slices, comprehensions, `lambda`, `/`, `%`,
    ///   assignments, f-strings, nesting deeper than 64 levels and expressions longer than
    ///   20 000 tokens are reported;
    /// - Mako features a config template does not use: `% for`/`% while` blocks, `<% … %>`
    ///   tags;
    /// - an attribute read without a call (`${mariadb.endpoints}`): valid Python, but a
    ///   product's config is a dict, which has no such attribute.
    ///
    /// A product ID that is a Python keyword (`${return['x']}`) is CFG-010's finding.
    ///
    /// ## Why
    /// §1.1.6.4: `data_template` "使用 mako template 语法". Mako compiles the whole template
    /// before it renders anything: one syntax error and the product's configuration cannot be
    /// rendered at all, so installation fails. The guide's conditional example shows the
    /// shape Mako needs: `% if neutron:` … `% elif proton:` … `% else:` … `% endif`.
    ///
    /// ## 中文
    /// `_config_helpers.yaml.tpl` 中有 Mako 语法错误（§1.1.6.4）：`% if`/`% endif` 不配对、`% elif`/
    /// `% else` 位置错误、控制行缺少 `:`、`${` 没有结束、表达式超出模板支持的 Python 子集（过滤器、切片、
    /// 推导式等）。Mako 先编译整个模板，任何语法错误都会使配置渲染失败。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     password: |-
    ///       % if neutron:
    ///       ${neutron.get('password', 'default')}
    ///       % else:
    ///       default
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     password: |-
    ///       % if neutron:
    ///       ${neutron.get('password', 'default')}
    ///       % else:
    ///       default
    ///       % endif
    /// trial_days: 180
    /// ```
    RULE = "CFG-002", Cfg, Error, "§1.1.6.4",
    "Mako syntax error in _config_helpers.yaml.tpl", "_config_helpers.yaml.tpl 中有 Mako 语法错误",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    for e in &src.parsed.errors {
        if cfg::cfg_010::keyword_id(&src, e).is_some() {
            continue; // a product ID that is a Python keyword: CFG-010 says so
        }
        let d = out.report(src.path(), Some(e.range), e.message.clone());
        d.help(e.help.clone().unwrap_or_else(|| {
            text!(
                "templates use `${{expr}}` and `% if …:` / `% elif …:` / `% else:` / `% endif` lines, with Python expressions such as `p.get('k', default)` (see the rule's docs for the supported subset)",
                "模板使用 `${{表达式}}` 以及 `% if …:` / `% elif …:` / `% else:` / `% endif` 控制行，表达式为 Python 子集，如 `p.get('k', default)`（支持的语法见规则文档）"
            )
        }));
    }
    // Attribute access without a call (`p.endpoints`): valid syntax, but a config is a dict.
    for u in src.uses() {
        for (i, op) in u.ops.iter().enumerate() {
            let PostfixKind::Attr { name, .. } = &op.kind else {
                continue;
            };
            if matches!(
                u.ops.get(i + 1).map(|o| &o.kind),
                Some(PostfixKind::Call(_))
            ) {
                continue;
            }
            out.report(
                src.path(),
                Some(op.range),
                text!(
                    "`.{name}` reads an attribute, but a config is a dict: Python raises AttributeError",
                    "`.{name}` 读取的是属性，而配置是字典：Python 会抛出 AttributeError"
                ),
            )
            .help(text!(
                "read the key with `.get('{name}', default)` (or `['{name}']`)",
                "请用 `.get('{name}', default)`（或 `['{name}']`）读取该键"
            ));
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
    fn unbalanced_blocks() {
        let d = tester().findings("data_template:\n  a: |-\n    % if neutron:\n    x\n");
        assert_eq!(starts(&d), [(3, 7)]);
        assert!(d[0].message.en.contains("never closed"));
        assert!(help(&d[0]).contains("`% endif`"));
        let d = tester().findings("data_template:\n  a: |-\n    x\n    % endif\n    % else:\n");
        assert_eq!(starts(&d), [(4, 7), (5, 7)]);
        let d = tester().findings("a: |-\n  % if a:\n  % else:\n  % elif b:\n  % endif\n");
        assert_eq!(starts(&d), [(4, 5)]);
        assert!(d[0].message.en.contains("after `% else`"));
    }

    #[test]
    fn control_line_syntax() {
        let d = tester().findings("a: |-\n  % if neutron\n  x\n  % endif\n");
        assert_eq!(starts(&d), [(2, 15)]);
        assert!(d[0].message.en.contains("needs a `:`"));
        let d = tester().findings("a: |-\n  % iff neutron:\n  % endif\n");
        assert_eq!(starts(&d)[0], (2, 5));
        assert!(help(&d[0]).contains("`% if`"));
        let d = tester().findings("a: |-\n  % for x in y:\n  % endfor\n");
        assert_eq!(d.len(), 2);
        assert!(d[0].message.en.contains("not supported"));
    }

    #[test]
    fn substitutions() {
        let d = tester().findings("data_template:\n  a: ${mariadb['endpoints'\n  b: 1\n");
        assert_eq!(starts(&d), [(2, 6)]);
        assert!(d[0].message.en.contains("unterminated `${`"));
        let d = tester()
            .findings("data_template:\n  a: ${x | h}\n  b: ${p[1:2]}\n  c: ${[x for x in y]}\n");
        assert_eq!(starts(&d), [(2, 10), (3, 11), (4, 11)]);
        let d = tester().findings("data_template:\n  a: ${'abc}\n");
        assert!(d[0].message.en.contains("unterminated"));
    }

    #[test]
    fn attribute_without_a_call() {
        let d = tester().findings("data_template:\n  a: ${mariadb.endpoints.get('admin', {})}\n");
        assert_eq!(starts(&d), [(2, 15)]);
        assert!(help(&d[0]).contains("`.get('endpoints', default)`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Supported syntax.
            .pass([
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "data_template:\n  a: ${p.get('a', {}).get('b', 'c') if p else 'd'}\n  b: ${not p and 1 or 2}\n",
                "data_template:\n  a: 50%\n  b: |-\n    %% literal\n## comment\n",
            ])
            .test_and_snapshot();
    }
}
