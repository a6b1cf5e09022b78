use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::dep::is_templated;
use crate::rules::Findings;
use crate::text;
use crate::yaml::Value;

declare_rule! {
    /// ## What it does
    /// Checks `trial_days` in `templates/_config_helpers.yaml.tpl`: it must be a YAML integer,
    /// `-1` (free) or a positive number of days. Reported at the value:
    /// - `0` or an integer below `-1`: warning;
    /// - a string (`"180"`), a float (`180.0`), a boolean, a list, a map or an empty value:
    ///   warning.
    ///
    /// When the file has no `trial_days` at all: warning, at its first key.
    ///
    /// ## Why
    /// §1.1.6.4: "`trial_days`: 定义可试用天数（-1为免费，默认需要定义为180）". The platform
    /// reads a number of days, with -1 meaning free; 0 days or a negative count other than -1
    /// gives no usable trial, and a value that is not an integer is not a number of days.
    /// The guide asks for 180 by default ("默认需要定义为180": it must be declared), so a product
    /// without `trial_days` gets a warning too. A value holding a Mako substitution (`${…}`)
    /// is only known at install time and is not judged.
    ///
    /// ## 中文
    /// `trial_days`（可试用天数）必须是整数：`-1` 表示免费，否则为正数天数（§1.1.6.4）。`0`、小于 -1
    /// 的整数、字符串、浮点数等给出警告；未定义时也给出警告（指南要求默认定义为 180）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    /// trial_days: "180"
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    /// trial_days: 180
    /// ```
    RULE = "DEP-006", Dep, Warning, "§1.1.6.4",
    "trial_days missing, or not -1 or a positive integer", "trial_days 缺失，或不是 -1 或正整数", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let Some(entry) = ch.entry("trial_days") else {
        if ch.has_syntax_error() {
            return;
        }
        out.report(
            &ch.path,
            Some(ch.top()),
            text!(
                "no `trial_days`: the guide asks every product to declare its trial period (180 days by default)",
                "没有定义 `trial_days`：指南要求每个云产品声明可试用天数（默认 180 天）"
            ),
        )
        .help(text!(
            "add `trial_days: 180` (or `trial_days: -1` for a free product)",
            "添加 `trial_days: 180`（免费云产品写 `trial_days: -1`）"
        ));
        return;
    };
    let value = &entry.value;
    if is_templated(value) {
        return;
    }
    let scalar = value.as_scalar();
    match scalar.map(|s| s.value) {
        Some(Value::Int(n)) if n == -1 || n > 0 => {}
        Some(Value::Int(n)) => {
            let (en, zh) = if n == 0 {
                ("0 days leaves no trial at all", "0 天即不可试用")
            } else {
                ("only -1 (free) may be negative", "负数只能是 -1（免费）")
            };
            out.report(
                &ch.path,
                Some(value.range),
                text!(
                    "`trial_days: {n}` is not a trial period: {en}",
                    "`trial_days: {n}` 不是有效的试用天数：{zh}"
                ),
            )
            .help(text!(
                "write the number of trial days (180 by default), or `-1` for a free product",
                "填写可试用天数（默认 180），免费云产品写 `-1`"
            ));
        }
        _ => {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            let written = scalar.map_or("", |s| s.text.trim());
            let as_int = written.parse::<i64>().ok().or_else(|| {
                let f: f64 = written.parse().ok()?;
                (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
            });
            let range = if value.is_null() {
                entry.key.range
            } else {
                value.range
            };
            let d = out.report(
                &ch.path,
                Some(range),
                text!(
                    "`trial_days` is {kind}, not a number of days",
                    "`trial_days` 是{kind_zh}，而不是天数"
                ),
            );
            match as_int.filter(|n| *n == -1 || *n > 0) {
                Some(n) => d.help(text!(
                    "write the integer without quotes or decimals: `trial_days: {n}`",
                    "写成不带引号和小数的整数：`trial_days: {n}`"
                )),
                None => d.help(text!(
                    "write the number of trial days (180 by default), or `-1` for a free product",
                    "填写可试用天数（默认 180），免费云产品写 `-1`"
                )),
            };
        }
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
    fn bad_integers() {
        for (v, what) in [("0", "no trial"), ("-2", "only -1"), ("-180", "only -1")] {
            let d = tester().findings(format!("data_template: {{}}\ntrial_days: {v}\n"));
            assert_eq!(starts(&d), [(2, 13)], "{v}");
            assert_eq!(d[0].severity, Severity::Warning);
            assert!(d[0].message.en.contains(what), "{}", d[0].message.en);
        }
    }

    #[test]
    fn not_integers() {
        let d = tester().findings("trial_days: \"180\"\n");
        assert_eq!(starts(&d), [(1, 13)]);
        assert!(d[0].message.en.contains("a string"));
        assert_eq!(
            help(&d[0]),
            "write the integer without quotes or decimals: `trial_days: 180`"
        );
        let d = tester().findings("trial_days: 180.0\n");
        assert!(d[0].message.en.contains("a float"));
        assert!(help(&d[0]).contains("`trial_days: 180`"));
        let d = tester().findings("trial_days: forever\n");
        assert!(help(&d[0]).contains("180 by default"));
        let d = tester().findings("trial_days:\n");
        assert_eq!(starts(&d), [(1, 1)]);
        assert!(d[0].message.en.contains("empty"));
        let d = tester().findings("trial_days: [180]\n");
        assert!(d[0].message.en.contains("a list"));
    }

    #[test]
    fn absent_is_a_warning_at_the_first_key() {
        let d = tester().findings("\n\ndata_template:\n  a: 1\n");
        assert_eq!(starts(&d), [(3, 1)]);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "trial_days: 180\n",
                "trial_days: -1\n",
                "trial_days: 1\n",
                "trial_days: 0x10\n",
                "trial_days: ${trial}\n",
                // Absent from a file that does not parse: the key may be in the part that did not.
                "data_template: [\n",
            ])
            .test_and_snapshot();
    }
}
