use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Range, Text};
use crate::mako::{Arg, Expr, ExprKind, Value, VALUE_FUNCTIONS};
use crate::rules::cfg::{self, is_bare_name, quote};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a template function of `templates/_config_helpers.yaml.tpl` used with the wrong
    /// arguments, at the offending argument:
    /// - `random_password(tag, n)`: two arguments, a string tag and an integer length of at
    ///   least 1 (`random_password('db', '8')`, `random_password(db, 8)` are reported);
    /// - `safe_render(product, '/path', default)`: three arguments, the product ID as a quoted
    ///   string, an absolute path (`'/endpoints/admin/password'`, not
    ///   `'endpoints.admin.password'`);
    /// - `safe_render_multi([products], '/path', default)`: three arguments, a non-empty list of
    ///   quoted product IDs, an absolute path;
    /// - `cloud_product_label`, `label_enabled` and `replicas_by_modality` are values, not
    ///   functions (`${replicas_by_modality()}` is reported); `random_password`, `safe_render`
    ///   and `safe_render_multi` must be called;
    /// - keyword arguments (`random_password(tag='db', length=8)`): the guide names no
    ///   parameters, so pass them by position.
    ///
    /// Arguments that are not literals (a computed tag) are only checked when their type is
    /// certain: a bare name is another product's config, never a string.
    ///
    /// ## Why
    /// §1.1.6.4 defines the functions and their parameters: `random_password('password_tag', 8)`
    /// (param1 the password tag, param2 its length), `safe_render('product', '/path',
    /// 'default_value')`, `safe_render_multi(['product1', 'product2'], '/path',
    /// 'default_value')`, and `${cloud_product_label}`, `${label_enabled}`,
    /// `${replicas_by_modality}` as plain substitutions. A wrong argument fails the rendering
    /// (a `TypeError`) or, for a relative path, never finds the value and always gives the
    /// default.
    ///
    /// ## 中文
    /// 模板函数参数错误（§1.1.6.4）：`random_password(字符串标识, 整数位数)`；
    /// `safe_render('云产品', '/绝对路径', 默认值)`；`safe_render_multi(['云产品', …], '/绝对路径', 默认值)`；
    /// `cloud_product_label`、`label_enabled`、`replicas_by_modality` 是值而不是函数；不要使用关键字参数。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', 'endpoints.admin.password', 'default')}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', '/endpoints/admin/password', 'default')}
    /// trial_days: 180
    /// ```
    RULE = "CFG-004", Cfg, Error, "§1.1.6.4",
    "Template function with wrong arguments", "模板函数参数错误", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let path = src.path().to_string();
    for u in src.uses() {
        let name = u.name;
        let call = u.call_args();
        if VALUE_FUNCTIONS.contains(&name) {
            if let Some((_, range)) = call {
                out.report(
                    &path,
                    Some(range),
                    text!(
                        "`{name}` is a value, not a function: it cannot be called",
                        "`{name}` 是一个值而不是函数：不能调用"
                    ),
                )
                .help(text!("write `${{{name}}}`", "请写作 `${{{name}}}`"));
            }
            continue;
        }
        let signature = match name {
            "random_password" => "random_password('tag', 8)",
            "safe_render" => "safe_render('product', '/path', default)",
            "safe_render_multi" => "safe_render_multi(['product1', 'product2'], '/path', default)",
            _ => continue,
        };
        let Some((args, call_range)) = call else {
            out.report(
                &path,
                Some(u.range),
                text!(
                    "`{name}` is a function: call it",
                    "`{name}` 是函数：需要调用它"
                ),
            )
            .help(text!("write `{signature}`", "请写作 `{signature}`"));
            continue;
        };
        let mut bad = |range: Range, message: Text, help: Text| {
            out.report(&path, Some(range), message).help(help);
        };
        if let Some((k, r)) = args.iter().find_map(|a| a.keyword.as_ref()) {
            bad(
                *r,
                text!(
                    "`{name}` takes its arguments by position, not as `{k}=`",
                    "`{name}` 按位置接收参数，而不是 `{k}=`"
                ),
                text!("write `{signature}`", "请写作 `{signature}`"),
            );
            continue;
        }
        let want = if name == "random_password" { 2 } else { 3 };
        if args.len() != want {
            let n = args.len();
            bad(
                call_range,
                text!(
                    "`{name}` takes {want} arguments, not {n}",
                    "`{name}` 需要 {want} 个参数，而不是 {n} 个"
                ),
                text!("write `{signature}`", "请写作 `{signature}`"),
            );
            continue;
        }
        match name {
            "random_password" => random_password(args, &mut bad),
            "safe_render" => {
                product_id(name, &args[0].value, &mut bad);
                config_path(&args[1].value, &mut bad);
            }
            _ => {
                product_list(&args[0].value, &mut bad);
                config_path(&args[1].value, &mut bad);
            }
        }
    }
}

type Bad<'b> = dyn FnMut(Range, Text, Text) + 'b;

fn random_password(args: &[Arg], bad: &mut Bad) {
    let tag = &args[0].value;
    match tag.literal() {
        Some(Value::Str(_)) => {}
        Some(v) => {
            let t = v.repr();
            bad(
                tag.range,
                text!(
                    "the password tag must be a string, not `{t}`",
                    "密码标识必须是字符串，而不是 `{t}`"
                ),
                text!("quote it: `'{t}'`", "请加引号：`'{t}'`"),
            );
        }
        None if is_bare_name(tag) => {
            let n = tag.as_name().unwrap_or_default();
            bad(
                tag.range,
                text!(
                    "the password tag `{n}` is a name (another product's config), not a string",
                    "密码标识 `{n}` 是一个名称（其他云产品的配置），而不是字符串"
                ),
                text!("quote it: `'{n}'`", "请加引号：`'{n}'`"),
            );
        }
        None => {}
    }
    let len = &args[1].value;
    match len.literal() {
        Some(Value::Int(n)) if n >= 1 => {}
        Some(Value::Int(n)) => bad(
            len.range,
            text!(
                "the password length {n} is less than 1",
                "密码位数 {n} 小于 1"
            ),
            text!(
                "give the number of characters, such as `8`",
                "请给出字符个数，如 `8`"
            ),
        ),
        Some(v) => {
            let t = v.repr();
            let fix = match &v {
                Value::Str(s) if s.trim().parse::<i64>().is_ok() => s.trim().to_string(),
                Value::Float(f) if f.fract() == 0.0 && *f >= 1.0 => format!("{}", *f as i64),
                _ => "8".to_string(),
            };
            bad(
                len.range,
                text!(
                    "the password length must be an integer, not `{t}`",
                    "密码位数必须是整数，而不是 `{t}`"
                ),
                text!("write `{fix}`", "请写作 `{fix}`"),
            );
        }
        None if is_bare_name(len) => {
            let n = len.as_name().unwrap_or_default();
            bad(
                len.range,
                text!(
                    "the password length `{n}` is a name (another product's config), not an integer",
                    "密码位数 `{n}` 是一个名称（其他云产品的配置），而不是整数"
                ),
                text!(
                    "give the number of characters, such as `8`",
                    "请给出字符个数，如 `8`"
                ),
            );
        }
        None => {}
    }
}

fn product_id(name: &str, e: &Expr, bad: &mut Bad) {
    match e.literal() {
        Some(Value::Str(s)) if !s.is_empty() => {}
        Some(v) => {
            let t = v.repr();
            bad(
                e.range,
                text!(
                    "`{name}` needs a product ID string, not `{t}`",
                    "`{name}` 需要云产品标识字符串，而不是 `{t}`"
                ),
                text!(
                    "write the product ID in quotes: `'mariadb'`",
                    "请用引号写出云产品标识：`'mariadb'`"
                ),
            );
        }
        None if is_bare_name(e) => {
            let n = e.as_name().unwrap_or_default();
            bad(
                e.range,
                text!(
                    "`{n}` is the product's config, not its ID: `{name}` needs the ID as a string",
                    "`{n}` 是云产品的配置而不是其标识：`{name}` 需要字符串形式的标识"
                ),
                text!("quote it: `'{n}'`", "请加引号：`'{n}'`"),
            );
        }
        None => {}
    }
}

fn product_list(e: &Expr, bad: &mut Bad) {
    let items = match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => items,
        _ => {
            let fix = match e.literal() {
                Some(Value::Str(s)) => format!("[{}]", quote(&s)),
                _ => match e.as_name() {
                    Some(n) => format!("['{n}']"),
                    None => "['product1', 'product2']".to_string(),
                },
            };
            if e.literal().is_some() || is_bare_name(e) {
                bad(
                    e.range,
                    text!(
                        "`safe_render_multi` needs a list of product IDs first",
                        "`safe_render_multi` 的第一个参数必须是云产品标识列表"
                    ),
                    text!("write `{fix}`", "请写作 `{fix}`"),
                );
            }
            return;
        }
    };
    if items.is_empty() {
        bad(
            e.range,
            text!(
                "the list of products is empty: the default is always used",
                "云产品列表为空：总是使用默认值"
            ),
            text!(
                "name the products in priority order: `['neutron', 'proton']`",
                "按优先级列出云产品：`['neutron', 'proton']`"
            ),
        );
    }
    for item in items {
        product_id("safe_render_multi", item, bad);
    }
}

fn config_path(e: &Expr, bad: &mut Bad) {
    match e.literal() {
        Some(Value::Str(s)) if s.starts_with('/') => {}
        Some(Value::Str(s)) => {
            let fixed = format!("/{}", s.replace('.', "/").trim_start_matches('/'));
            bad(
                e.range,
                text!(
                    "the config path `{s}` must be absolute, starting with `/`",
                    "配置路径 `{s}` 必须是以 `/` 开头的绝对路径"
                ),
                text!("write `'{fixed}'`", "请写作 `'{fixed}'`"),
            );
        }
        Some(v) => {
            let t = v.repr();
            bad(
                e.range,
                text!(
                    "the config path must be a string such as `'/endpoints/admin/password'`, not `{t}`",
                    "配置路径必须是字符串，如 `'/endpoints/admin/password'`，而不是 `{t}`"
                ),
                text!(
                    "write the path of keys joined by `/`",
                    "请写出以 `/` 连接的键路径"
                ),
            );
        }
        None => {}
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
    fn random_password_arguments() {
        let d = tester().findings("data_template:\n  a: ${random_password('t', '8')}\n  b: ${random_password(t, 8)}\n  c: ${random_password('t', 0)}\n  d: ${random_password('t')}\n  e: ${random_password(tag='t', length=8)}\n  f: ${random_password(1, 8.0)}\n");
        assert_eq!(
            starts(&d),
            [
                (2, 29),
                (3, 24),
                (4, 29),
                (5, 23),
                (6, 24),
                (7, 24),
                (7, 27)
            ]
        );
        assert!(help(&d[0]).contains("`8`"));
        assert!(help(&d[1]).contains("`'t'`"));
        assert!(d[3].message.en.contains("takes 2 arguments, not 1"));
        assert!(d[4].message.en.contains("by position"));
        assert!(help(&d[6]).contains("`8`"));
    }

    #[test]
    fn safe_render_arguments() {
        let d = tester().findings("data_template:\n  a: ${safe_render(mariadb, '/a', 1)}\n  b: ${safe_render('mariadb', 'endpoints.admin', 1)}\n  c: ${safe_render('mariadb', '/a')}\n  d: ${safe_render_multi('neutron', '/a', 1)}\n  e: ${safe_render_multi(['neutron', proton], 'a/b', 1)}\n  f: ${safe_render_multi([], '/a', 1)}\n");
        assert_eq!(
            starts(&d),
            [
                (2, 20),
                (3, 31),
                (4, 19),
                (5, 26),
                (6, 38),
                (6, 47),
                (7, 26)
            ]
        );
        assert!(help(&d[0]).contains("`'mariadb'`"));
        assert!(help(&d[1]).contains("`'/endpoints/admin'`"));
        assert!(help(&d[3]).contains("`['neutron']`"));
        assert!(help(&d[5]).contains("`'/a/b'`"));
        assert!(d[6].message.en.contains("empty"));
    }

    #[test]
    fn values_and_functions_used_the_wrong_way() {
        let d = tester()
            .findings("data_template:\n  a: ${replicas_by_modality()}\n  b: ${random_password}\n");
        assert_eq!(starts(&d), [(2, 28), (3, 8)]);
        assert!(help(&d[0]).contains("`${replicas_by_modality}`"));
        assert!(help(&d[1]).contains("random_password('tag', 8)"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "data_template:\n  a: ${random_password('t' + 'x', 4 * 2)}\n  b: ${safe_render(str('p'), '/a', {})}\n  c: ${safe_render_multi(('a', 'b'), '/x/y', None)}\n",
            ])
            .test_and_snapshot();
    }
}
