use crate::chart::Chart;
use crate::declare_rule;
use crate::mako::Value;
use crate::rules::cfg;
use crate::rules::Findings;
use crate::text;
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Reports a `random_password(tag, n)` in `templates/_config_helpers.yaml.tpl` whose tag
    /// was already used with another length, at the length, naming the line of the first use.
    /// Only literal tags and lengths are compared.
    ///
    /// ## Why
    /// §1.1.6.4: "同一个password标识生成的随机密码在首次生成后，再次升级将不会改变" — one tag is
    /// one password, generated once and kept across upgrades. Two lengths for one tag cannot
    /// both hold: one of the places gets a password of the other length (which one depends on
    /// which was rendered first), so a component that checks the length, or two components
    /// that must share the password, break. The guide's example uses the tag
    /// `va_oslo_db_user` with one length.
    ///
    /// ## 中文
    /// 同一个 `random_password` 标识使用了两个不同的位数（§1.1.6.4）：同一标识只会生成一次密码并在升级时
    /// 保持不变，两个位数不可能同时成立。请统一位数，或为不同的密码使用不同的标识。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     oslo_db:
    ///       password: ${random_password('va_oslo_db_user', 8)}
    ///   conf:
    ///     db_password: ${random_password('va_oslo_db_user', 16)}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     oslo_db:
    ///       password: ${random_password('va_oslo_db_user', 8)}
    ///   conf:
    ///     db_password: ${random_password('va_oslo_db_user', 8)}
    /// trial_days: 180
    /// ```
    RULE = "CFG-005", Cfg, Error, "§1.1.6.4",
    "One random_password tag with two lengths", "同一个 random_password 标识使用了不同的位数",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    // tag → (length, line) of its first use
    let mut first: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    for u in src.uses() {
        if u.name != "random_password" {
            continue;
        }
        let Some((args, _)) = u.call_args() else {
            continue;
        };
        if args.len() != 2 || args.iter().any(|a| a.keyword.is_some()) {
            continue;
        }
        let (Some(Value::Str(tag)), Some(Value::Int(len))) =
            (args[0].value.literal(), args[1].value.literal())
        else {
            continue;
        };
        let line = u.range.start.line;
        let Some(&(len0, line0)) = first.get(&tag) else {
            first.insert(tag, (len, line));
            continue;
        };
        if len == len0 {
            continue;
        }
        out.report(
            src.path(),
            Some(args[1].value.range),
            text!(
                "the password tag `{tag}` is used with length {len} here and {len0} at line {line0}: one tag is one password",
                "密码标识 `{tag}` 在此处的位数为 {len}，而在第 {line0} 行为 {len0}：同一标识只对应一个密码"
            ),
        )
        .help(text!(
            "use length {len0} here too, or give this password its own tag",
            "请在此处同样使用位数 {len0}，或为该密码使用单独的标识"
        ));
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
    fn two_lengths() {
        let d = tester().findings("data_template:\n  a: ${random_password('db', 8)}\n  b: |-\n    % if x:\n    ${random_password('db', 12)}\n    % else:\n    ${random_password(\"db\", 8)}\n    % endif\n  c: ${random_password('db', 16)}\n");
        assert_eq!(starts(&d), [(5, 29), (9, 30)]);
        assert!(d[0].message.en.contains("length 12 here and 8 at line 2"));
        assert!(help(&d[1]).contains("length 8"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "data_template:\n  a: ${random_password('db', 8)}\n  b: ${random_password('db', 8)}\n  c: ${random_password('other', 16)}\n  d: ${random_password('db', n)}\n",
            ])
            .test_and_snapshot();
    }
}
