use crate::chart::version::{helm_accepts, is_strict_semver, semver_fix};
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::chart::keywords::{chart_yaml, type_name_zh};
use crate::rules::Findings;
use crate::text;
use crate::yaml::Value;

declare_rule! {
    /// ## What it does
    /// Reports the chart `version` in `Chart.yaml`, at its value:
    /// - missing or empty: error;
    /// - not a string — `version: 1.0` is a YAML float, `version: 1` an integer: error;
    /// - a string Helm cannot read as a version at all (`"1.0.0.0"`, `"latest"`), including
    ///   SemVer-shaped ones it refuses (a numeric pre-release part with a leading zero,
    ///   `1.2.3-01`; a number past 18446744073709551615, `99999999999999999999.0.0`): error,
    ///   the chart fails to load;
    /// - a string Helm reads but that is not strict SemVer 2 (`"1.0"`, `"v1.0.0"`, `"01.2.3"`):
    ///   warning.
    ///
    /// The help proposes the SemVer form (`1.0` → `1.0.0`).
    ///
    /// ## Why
    /// §1.1.6.2's full example writes `version: 1.0`: YAML reads that as the number 1.0, and
    /// `helm lint` (the guide's Makefile runs it, §1.1.6.9) rejects it: "version should be of
    /// type string but it's of type float64". When Helm does load it, the number is turned back
    /// into text its own way (`1.0` becomes `1`, `1.10` becomes `1.1`), so the packaged version
    /// is not the one written. The guide's example is wrong here; the rule stands. Other rules
    /// that compare versions (DEP-005) still read `1.0` as the version `1.0.0` it plainly means.
    ///
    /// Helm's own version parser is lenient (it takes `1.0` and `v1`), but chart repositories,
    /// `helm dependency` ranges and upgrades compare versions as SemVer 2
    /// (`MAJOR.MINOR.PATCH[-pre][+build]`, no leading zeros, no `v`). The catalog makes a
    /// non-strict string a warning; a string Helm refuses outright (the chart then fails to
    /// load: "chart.metadata.version ... is invalid") is an error, by the catalog's own
    /// definition of error.
    ///
    /// When Chart.yaml has a YAML syntax error (HELM-001), the part before the error is still
    /// checked: a `version` written there is judged as above, and a missing `version` is not
    /// reported (it may stand after the error). A repeated `version` is judged by its last value,
    /// the one Helm 3 keeps.
    ///
    /// ## 中文
    /// `Chart.yaml` 的 `version` 缺失、不是字符串（规范示例中的 `version: 1.0` 在 YAML 中是浮点数，
    /// `helm lint` 会报错 “version should be of type string”），或 Helm 无法解析（包括预发布数字部分
    /// 有前导零的 `1.2.3-01`、超出 64 位的数字）：错误。
    /// 是字符串但不是严格的 SemVer 2（如 `"1.0"`、`"v1.0.0"`）：警告。建议写成 `1.0.0`。
    /// Chart.yaml 有 YAML 语法错误（HELM-001）时，仍检查错误之前的部分：其中的 `version` 照常检查，
    /// 但不报告缺失（它可能在错误之后）。重复的 `version` 以最后一个为准（与 Helm 3 一致）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// name: mycloud-product
    /// version: 1.0.0
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "CHART-007", Chart, Error | Warning, "§1.1.6.2",
    "Chart version is not a SemVer string", "chart 版本不是 SemVer 字符串", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = &cy.file.path;
    let Some(entry) = cy.entry("version") else {
        if cy.partial {
            return;
        }
        out.report(
            path,
            Some(cy.top()),
            text!("Chart.yaml has no `version`", "Chart.yaml 中没有 `version`"),
        )
        .help(text!(
            "add `version: 1.0.0` (a SemVer 2 string)",
            "添加 `version: 1.0.0`（SemVer 2 字符串）"
        ));
        return;
    };
    let value = &entry.value;
    if value.is_null() || value.as_str() == Some("") {
        let range = if value.is_null() {
            entry.key.range
        } else {
            value.range
        };
        out.report(
            path,
            Some(range),
            text!("`version` is empty", "`version` 为空"),
        )
        .help(text!(
            "set `version: 1.0.0` (a SemVer 2 string)",
            "设置 `version: 1.0.0`（SemVer 2 字符串）"
        ));
        return;
    }
    let Some(version) = value.as_str() else {
        let kind = value.type_name();
        let kind_zh = type_name_zh(value);
        let go_type = match value.as_scalar().map(|s| s.value) {
            Some(Value::Int(_) | Value::Float(_)) => "float64",
            Some(Value::Bool(_)) => "bool",
            _ if value.as_seq().is_some() => "[]interface {}",
            _ => "map[string]interface {}",
        };
        let written = value.as_scalar().map_or("", |s| s.text.as_str());
        let d = out.report(
            path,
            Some(value.range),
            text!(
                "`version` is a YAML {kind}, not a string; Helm rejects it: \"version should be of type string but it's of type {go_type}\"",
                "`version` 在 YAML 中是{kind_zh}而不是字符串；Helm 会拒绝：\"version should be of type string but it's of type {go_type}\""
            ),
        );
        match semver_fix(written) {
            Some(fixed) => d.help(text!(
                "write `version: {fixed}` (SemVer 2), or quote it: `version: \"{written}\"`",
                "写成 `version: {fixed}`（SemVer 2），或加引号：`version: \"{written}\"`"
            )),
            None => d.help(text!(
                "write the version as a SemVer 2 string, e.g. `version: 1.0.0`",
                "将版本写成 SemVer 2 字符串，例如 `version: 1.0.0`"
            )),
        };
        return;
    };
    let lenient = helm_accepts(version);
    if lenient && is_strict_semver(version) {
        return;
    }
    let d = if lenient {
        out.report(
            path,
            Some(value.range),
            text!(
                "`version` `{version}` is not strict SemVer 2 (`MAJOR.MINOR.PATCH`)",
                "`version` `{version}` 不是严格的 SemVer 2（`MAJOR.MINOR.PATCH`）"
            ),
        )
        .severity(Severity::Warning)
    } else {
        out.report(
            path,
            Some(value.range),
            text!(
                "`version` `{version}` is not a version Helm can read: the chart fails to load",
                "`version` `{version}` 不是 Helm 能识别的版本号：chart 无法加载"
            ),
        )
    };
    match semver_fix(version).or_else(|| without_leading_zeros(version)) {
        Some(fixed) => d.help(text!("write `version: {fixed}`", "写成 `version: {fixed}`")),
        None if too_big(version) => d.help(text!(
            "each number of a version must be at most 18446744073709551615 (64 bits)",
            "版本号中的每个数字不能超过 18446744073709551615（64 位）"
        )),
        None => d.help(text!(
            "use `MAJOR.MINOR.PATCH`, e.g. `1.0.0` (optionally `-rc.1` and `+build.5`)",
            "使用 `MAJOR.MINOR.PATCH` 格式，例如 `1.0.0`（可带 `-rc.1` 和 `+build.5`）"
        )),
    };
}

/// `1.2.3-01` → `1.2.3-1`: the version with the leading zeros of its numeric pre-release
/// parts dropped, when that is a version Helm reads and the only thing wrong.
fn without_leading_zeros(v: &str) -> Option<String> {
    let (head, build) = v.split_once('+').map_or((v, None), |(h, b)| (h, Some(b)));
    let (core, pre) = head.split_once('-')?;
    let pre: Vec<String> = pre
        .split('.')
        .map(|id| {
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                let t = id.trim_start_matches('0');
                if t.is_empty() { "0" } else { t }.to_string()
            } else {
                id.to_string()
            }
        })
        .collect();
    let mut fixed = format!("{core}-{}", pre.join("."));
    if let Some(b) = build {
        fixed = format!("{fixed}+{b}");
    }
    (fixed != v && helm_accepts(&fixed)).then_some(fixed)
}

/// Whether a number of the version's core is past 64 bits.
fn too_big(v: &str) -> bool {
    let core = v
        .trim_start_matches('v')
        .split(['-', '+'])
        .next()
        .unwrap_or("");
    core.split('.').any(|p| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u64>().is_err()
    })
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    fn chart(version_line: &str) -> String {
        format!("apiVersion: v1\nname: mycloud-product\n{version_line}\n")
    }

    #[test]
    fn float_version_is_an_error_at_the_value() {
        let d = tester().findings(chart("version: 1.0"));
        assert_eq!(starts(&d), vec![(3, 10)]);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].message.en.contains("version should be of type string"));
        assert!(d[0].message.en.contains("float"));
        let help = help(&d[0]);
        assert!(
            help.contains("`version: 1.0.0`") && help.contains("`version: \"1.0\"`"),
            "{help}"
        );
    }

    #[test]
    fn integer_version_is_an_error() {
        let d = tester().findings(chart("version: 1"));
        assert_eq!(starts(&d), vec![(3, 10)]);
        assert!(d[0].message.en.contains("integer"));
    }

    #[test]
    fn loose_string_is_a_warning() {
        let d = tester().findings(chart("version: \"1.0\""));
        assert_eq!(starts(&d), vec![(3, 10)]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(help(&d[0]).contains("`version: 1.0.0`"));
        assert_eq!(
            tester().findings(chart("version: v1.2.3"))[0].severity,
            Severity::Warning
        );
    }

    #[test]
    fn unreadable_string_is_an_error() {
        let d = tester().findings(chart("version: 1.0.0.0"));
        assert_eq!(starts(&d), vec![(3, 10)]);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            tester().findings(chart("version: latest"))[0].severity,
            Severity::Error
        );
    }

    #[test]
    fn refused_semver_shapes_say_why() {
        let d = tester().one(chart("version: 1.2.3-alpha.01"));
        assert_eq!(d.severity, Severity::Error);
        assert!(
            help(&d).contains("`version: 1.2.3-alpha.1`"),
            "{}",
            help(&d)
        );
        let d = tester().one(chart("version: 1.99999999999999999999.0"));
        assert!(help(&d).contains("18446744073709551615"), "{}", help(&d));
    }

    #[test]
    fn missing_and_empty() {
        assert_eq!(starts(&tester().findings(chart(""))), vec![(1, 1)]);
        assert_eq!(starts(&tester().findings(chart("version:"))), vec![(3, 1)]);
        assert_eq!(
            starts(&tester().findings(chart("version: ''"))),
            vec![(3, 10)]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // SemVer strings.
            .pass(
                [
                    "1.0.0",
                    "\"1.0.0\"",
                    "0.1.0-rc.1+build.7",
                    "18446744073709551615.0.0",
                ]
                .map(|v| chart(&format!("version: {v}"))),
            )
            // SemVer-shaped, but Helm refuses to load the chart.
            .fail(
                ["1.2.3-01", "1.2.3-alpha.01", "99999999999999999999.0.0"]
                    .map(|v| chart(&format!("version: {v}"))),
            )
            .test_and_snapshot();
    }
}
