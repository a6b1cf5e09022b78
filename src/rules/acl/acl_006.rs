use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::acl::acl_001::{a_type, data_map, zh_type};
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Entry, Style, Value};

declare_rule! {
    /// ## What it does
    /// Checks `data.resource_limit` in `templates/_acl_helpers.yaml.tpl`, the product's own
    /// resource declaration: when present it must be a map with `max_cpu` (millicores) and
    /// `max_memory` (MiB), each a non-negative integer written as a plain YAML number. Reported:
    /// - a quoted number (`max_cpu: "500"`): a string, not a number;
    /// - a quantity with a unit (`max_cpu: 500m`, `max_memory: 1Gi`): the unit is implied, the
    ///   help gives the number to write (`1Gi` → `1024`, `0.5` CPU → `500`);
    /// - a negative number, a fraction, a boolean, an empty value, a list or map;
    /// - `max_cpu` or `max_memory` missing, or `resource_limit` not a map;
    /// - as a warning: an integer YAML reads differently from how it looks (`0500` is the
    ///   YAML 1.1 octal 320, `0x1F4` is 500).
    ///
    /// `resource_limit: {max_cpu: 0, max_memory: 0}` is valid: the guide asks products that
    /// install on control nodes to declare a zero requirement.
    ///
    /// ## Why
    /// §1.1.6.3 ("自行声明资源需求"): the declared `max_cpu`/`max_memory` replace the requirement
    /// computed from values.yaml ("构建完云产品后会优先此值作为云产品的资源需求，单位：max_cpu: m,
    /// max_memory: Mi"), and the example writes bare integers (`max_cpu: 500`,
    /// `max_memory: 1200`). The build reads this file with a YAML loader into Python, where a
    /// quoted `"500"` stays the string `'500'`: it is neither summed nor compared with the node's
    /// free resources as a number (at best a type error, at worst a string comparison), so a
    /// quoted number is an error, not a style issue. A unit suffix is worse: `500m` cannot be a
    /// number at all. We require both keys: a declaration with only one leaves the other
    /// undefined, and the guide declares both. The requirement this declaration sets is shown
    /// by RES-001 and checked against the 6 CPU / 12 GiB ceiling by RES-002; unknown keys under
    /// `resource_limit` (`max_mem`) are ACL-007's.
    ///
    /// ## 中文
    /// `_acl_helpers.yaml.tpl` 中的 `data.resource_limit`（自行声明资源需求，§1.1.6.3）须为映射，且
    /// `max_cpu`（单位 m）和 `max_memory`（单位 Mi）都是不带引号、不带单位的非负整数。平台用 YAML
    /// 读入 Python，带引号的 `"500"` 是字符串而不是数字；`500m`、`1Gi` 等带单位写法无效（帮助中给出
    /// 换算后的数值）；负数、小数、空值、缺少任一键都会报告；`0500`（YAML 1.1 中为八进制 320）给出警告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   resource_limit:
    ///     max_cpu: "500"
    ///     max_memory: 1200Mi
    /// ```
    /// ```yaml,pass,file=templates/_acl_helpers.yaml.tpl
    /// data:
    ///   psp_type: Limit
    ///   pvc_enable: false
    ///   resource_limit:
    ///     max_cpu: 500
    ///     max_memory: 1200
    /// ```
    RULE = "ACL-006", Acl, Error | Warning, "§1.1.6.3",
    "resource_limit is not a pair of non-negative integers", "resource_limit 不是非负整数", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((acl, data)) = data_map(chart) else {
        return;
    };
    let Some(limit) = data.value.entry("resource_limit") else {
        return;
    };
    if limit.value.as_map().is_none() {
        let kind = a_type(&limit.value);
        let kind_zh = zh_type(&limit.value);
        let range = if limit.value.is_null() {
            limit.key.range
        } else {
            limit.value.range
        };
        out.report(
            &acl.path,
            Some(range),
            text!("`resource_limit` is {kind}, not a map", "`resource_limit` 是 {kind_zh}，而不是映射"),
        )
        .help(text!(
            "write `resource_limit:` with `max_cpu: <millicores>` and `max_memory: <MiB>` indented under it",
            "写出 `resource_limit:`，并在其下缩进填写 `max_cpu: <毫核>` 与 `max_memory: <MiB>`"
        ));
        return;
    }
    for (key, cpu) in [("max_cpu", true), ("max_memory", false)] {
        match limit.value.entry(key) {
            Some(entry) => check_value(&acl.path, key, cpu, entry, out),
            None => {
                let unit = if cpu { "millicores" } else { "MiB" };
                let unit_zh = if cpu { "毫核" } else { "MiB" };
                out.report(
                    &acl.path,
                    Some(limit.key.range),
                    text!(
                        "`resource_limit` has no `{key}`",
                        "`resource_limit` 中没有 `{key}`"
                    ),
                )
                .help(text!(
                    "declare both `max_cpu` and `max_memory`: add `{key}: <{unit}>`",
                    "须同时声明 `max_cpu` 与 `max_memory`：请添加 `{key}: <{unit_zh}>`"
                ));
            }
        }
    }
}

fn check_value(path: &str, key: &str, cpu: bool, entry: &Entry, out: &mut Findings) {
    let value = &entry.value;
    let unit = if cpu { "millicores" } else { "MiB" };
    let unit_zh = if cpu { "毫核" } else { "MiB" };
    let Some(scalar) = value.as_scalar() else {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        out.report(
            path,
            Some(value.range),
            text!(
                "`{key}` is {kind}, not a number",
                "`{key}` 是 {kind_zh}，而不是数字"
            ),
        )
        .help(text!(
            "write `{key}: <{unit}>` as a plain integer",
            "请写作 `{key}: <{unit_zh}>`，取值为整数"
        ));
        return;
    };
    let text = scalar.text.as_str();
    match scalar.value {
        Value::Int(i) if i >= 0 => {
            if text.trim_start_matches('+') != i.to_string() {
                out.report(
                    path,
                    Some(value.range),
                    text!(
                        "`{key}: {text}` is read as {i} (YAML 1.1 integer syntax), which may not be what was meant",
                        "`{key}: {text}` 会被读作 {i}（YAML 1.1 整数语法），可能并非本意"
                    ),
                )
                .severity(Severity::Warning)
                .help(text!("write the decimal number: `{key}: {i}`", "请写成十进制数：`{key}: {i}`"));
            }
        }
        Value::Int(_) => {
            out.report(
                path,
                Some(value.range),
                text!("`{key}: {text}` is negative", "`{key}: {text}` 是负数"),
            )
            .help(text!(
                "a requirement is 0 or more {unit}; declare 0 to skip the resource check",
                "资源需求须不小于 0（单位 {unit_zh}）；声明为 0 可跳过资源检查"
            ));
        }
        Value::Null => {
            out.report(
                path,
                Some(entry.key.range),
                text!("`{key}` is empty", "`{key}` 为空值"),
            )
            .help(text!(
                "write `{key}: <{unit}>` as a plain integer",
                "请写作 `{key}: <{unit_zh}>`，取值为整数"
            ));
        }
        Value::Float(f) => {
            let d = out.report(
                path,
                Some(value.range),
                text!(
                    "`{key}: {text}` is not a whole number of {unit}",
                    "`{key}: {text}` 不是整数（单位 {unit_zh}）"
                ),
            );
            match convert(text, cpu).filter(|_| f.is_finite() && f >= 0.0) {
                Some(n) if cpu => d.help(text!(
                    "`{key}` counts millicores: for {text} CPU write `{key}: {n}`",
                    "`{key}` 的单位是毫核：{text} 核应写作 `{key}: {n}`"
                )),
                Some(n) => d.help(text!(
                    "round it up: `{key}: {n}`",
                    "请向上取整：`{key}: {n}`"
                )),
                None => d.help(text!(
                    "write `{key}: <{unit}>` as a plain integer",
                    "请写作 `{key}: <{unit_zh}>`，取值为整数"
                )),
            };
        }
        Value::Bool(_) => {
            out.report(
                path,
                Some(value.range),
                text!(
                    "`{key}: {text}` is a boolean, not a number",
                    "`{key}: {text}` 是布尔值，而不是数字"
                ),
            )
            .help(text!(
                "write `{key}: <{unit}>` as a plain integer",
                "请写作 `{key}: <{unit_zh}>`，取值为整数"
            ));
        }
        Value::Str => {
            let quoted = matches!(scalar.style, Style::SingleQuoted | Style::DoubleQuoted);
            let digits = !text.trim().is_empty() && text.trim().chars().all(|c| c.is_ascii_digit());
            let d = if quoted {
                out.report(
                    path,
                    Some(value.range),
                    text!(
                        "`{key}` is the string \"{text}\", not a number: the platform reads it as text",
                        "`{key}` 是字符串 \"{text}\" 而不是数字：平台会将其作为文本读取"
                    ),
                )
            } else {
                out.report(
                    path,
                    Some(value.range),
                    text!(
                        "`{key}: {text}` is not a number: `{key}` is a plain integer of {unit}",
                        "`{key}: {text}` 不是数字：`{key}` 应为以 {unit_zh} 为单位的整数"
                    ),
                )
            };
            let n = if digits {
                text.trim()
                    .trim_start_matches('0')
                    .parse::<u64>()
                    .ok()
                    .or(Some(0))
            } else {
                None
            };
            match (n, convert(text, cpu)) {
                (Some(n), _) => d.help(text!(
                    "remove the quotes: `{key}: {n}`",
                    "去掉引号：`{key}: {n}`"
                )),
                (None, Some(n)) => d.help(text!(
                    "the unit is implied ({unit}): write `{key}: {n}`",
                    "单位是固定的（{unit_zh}）：请写作 `{key}: {n}`"
                )),
                (None, None) => d.help(text!(
                    "write `{key}: <{unit}>` as a plain integer",
                    "请写作 `{key}: <{unit_zh}>`，取值为整数"
                )),
            };
        }
    }
}

/// A Kubernetes-style quantity converted to the key's unit, rounded up: millicores for
/// `max_cpu` (`500m`, `0.5`, `2`), MiB for `max_memory` (`1Gi`, `1200Mi`, `1G`). Bare
/// integers are not converted (they already are in the key's unit).
fn convert(text: &str, cpu: bool) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    const MI: f64 = 1024.0 * 1024.0;
    let v = match (cpu, unit.trim()) {
        (true, "m") => n,
        (true, "") if num.contains('.') => n * 1000.0,
        (false, "Ki") => n / 1024.0,
        (false, "Mi") => n,
        (false, "Gi") => n * 1024.0,
        (false, "Ti") => n * 1024.0 * 1024.0,
        (false, "k" | "K") => n * 1e3 / MI,
        (false, "M") => n * 1e6 / MI,
        (false, "G") => n * 1e9 / MI,
        (false, "T") => n * 1e12 / MI,
        (false, "") if num.contains('.') => n,
        _ => return None,
    };
    (v <= u64::MAX as f64).then(|| v.ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::convert;
    use crate::chart::ACL_HELPERS;
    use crate::diagnostic::{Pos, Severity};
    use crate::rules::tester::{help, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(ACL_HELPERS)
    }

    /// `max_cpu: <cpu>` on line 4 (value at column 14), `max_memory: 1200` on line 5.
    fn cpu(v: &str) -> String {
        format!(
            "data:\n  psp_type: Limit\n  resource_limit:\n    max_cpu: {v}\n    max_memory: 1200\n"
        )
    }

    #[test]
    fn quoted_number_is_a_string() {
        let d = tester().one(cpu("\"500\""));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.range.unwrap().start,
            Pos {
                line: 4,
                column: 14
            }
        );
        assert!(d.message.en.contains("string"));
        assert!(help(&d).contains("`max_cpu: 500`"));
    }

    #[test]
    fn units_are_converted_in_the_help() {
        assert!(help(&tester().one(cpu("500m"))).contains("`max_cpu: 500`"));
        assert!(help(&tester().one(cpu("\"0.5\""))).contains("`max_cpu: 500`"));
        let d = tester().one("data:\n  resource_limit:\n    max_cpu: 500\n    max_memory: 1Gi\n");
        assert_eq!(
            d.range.unwrap().start,
            Pos {
                line: 4,
                column: 17
            }
        );
        assert!(help(&d).contains("`max_memory: 1024`"));
    }

    #[test]
    fn fractions_negatives_and_others() {
        let d = tester().one(cpu("0.5"));
        assert!(d.message.en.contains("whole number"));
        assert!(help(&d).contains("`max_cpu: 500`"));
        assert!(tester().one(cpu("-1")).message.en.contains("negative"));
        assert!(tester().one(cpu("true")).message.en.contains("boolean"));
        assert_eq!(
            tester().one(cpu("")).range.unwrap().start,
            Pos { line: 4, column: 5 }
        );
        assert_eq!(
            tester().one(cpu("[500]")).range.unwrap().start,
            Pos {
                line: 4,
                column: 14
            }
        );
        assert!(help(&tester().one(cpu("lots"))).contains("plain integer"));
    }

    #[test]
    fn octal_is_a_warning() {
        let d = tester().one(cpu("0500"));
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.en.contains("320"), "{}", d.message.en);
    }

    #[test]
    fn missing_keys_and_not_a_map() {
        let d = tester().one("data:\n  resource_limit:\n    max_cpu: 500\n");
        assert_eq!(d.range.unwrap().start, Pos { line: 2, column: 3 });
        assert!(d.message.en.contains("`max_memory`"));
        assert_eq!(tester().findings("data:\n  resource_limit: {}\n").len(), 2);
        let d = tester().one("data:\n  resource_limit: 500\n");
        assert_eq!(
            d.range.unwrap().start,
            Pos {
                line: 2,
                column: 19
            }
        );
        assert_eq!(
            tester().findings("data:\n  resource_limit:\n")[0]
                .range
                .unwrap()
                .start,
            Pos { line: 2, column: 3 }
        );
    }

    #[test]
    fn conversions() {
        assert_eq!(convert("200m", true), Some(200));
        assert_eq!(convert("2.5", true), Some(2500));
        assert_eq!(convert("2", true), None);
        assert_eq!(convert("1G", false), Some(954));
        assert_eq!(convert("512Mi", false), Some(512));
        assert_eq!(convert("1.5Gi", false), Some(1536));
        assert_eq!(convert("1e9", false), None);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Integers.
                cpu("500"),
                cpu("0"),
                // No resource_limit.
                "data:\n  psp_type: Limit\n".into(),
                "data:\n  resource_limit: {max_cpu: 6000, max_memory: 12288}\n".into(),
            ])
            .test_and_snapshot();
    }
}
