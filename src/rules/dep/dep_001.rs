use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::dep::is_templated;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks `dependencies.arch` in `templates/_config_helpers.yaml.tpl`:
    /// - an item other than `x86` or `arm` (`amd64`, `aarch64`, `X86`, …): error, at the item,
    ///   with the platform's word for it;
    /// - `arch` that is not a list (`arch: x86`): error, at the value;
    /// - no `arch` (or no `dependencies` at all), or an empty list: warning, at the
    ///   `dependencies` key (else the file's first key).
    ///
    /// ## Why
    /// §1.1.6.4: "`arch`: 定义云产品依赖的系统架构，支持 x86 和 arm". The platform matches
    /// these words against the architecture it runs on; any other word matches no platform,
    /// so the product is never offered, and a product without `arch` is hidden on a platform
    /// whose architecture it did not declare. The item is compared as written, so the case
    /// matters. A string instead of a list would be read character by character. An item
    /// holding a Mako substitution (`${…}`) is only known at install time and is not judged.
    ///
    /// ## 中文
    /// `dependencies.arch` 只能列出 `x86` 和/或 `arm`（§1.1.6.4，区分大小写）：其他取值
    /// （如 `amd64`、`aarch64`）或不是列表时报错；未声明 `arch` 或列表为空时给出警告——
    /// 云产品在未声明的架构的平台上将不可见。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86_64
    ///     - arm
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///     - arm
    /// trial_days: 180
    /// ```
    RULE = "DEP-001", Dep, Error | Warning, "§1.1.6.4",
    "Invalid or missing dependencies.arch", "dependencies.arch 取值无效或缺失", Chart(check)
}

/// The architectures the platform knows (§1.1.6.4).
const ARCHES: &[&str] = &["x86", "arm"];

/// The platform's word for a common other name of an architecture.
fn meant(item: &str) -> Option<&'static str> {
    let lower = item.trim().to_ascii_lowercase();
    match lower.as_str() {
        "x86" | "x86_64" | "x86-64" | "amd64" | "x64" | "intel" | "i386" | "i686" => Some("x86"),
        "arm" | "arm64" | "aarch64" | "armv8" | "arm64v8" => Some("arm"),
        _ => nearest(item, ARCHES),
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let complete = !ch.has_syntax_error();
    let Some(arch) = ch.dependency("arch") else {
        if !complete {
            return;
        }
        let (range, en, zh) = match ch.dependencies_entry() {
            Some(d) => (
                d.key.range,
                "`dependencies` declares no `arch`: the product is hidden on platforms of an architecture it does not declare",
                "`dependencies` 中没有声明 `arch`：云产品在未声明架构的平台上不可见",
            ),
            None => (
                ch.top(),
                "no `dependencies.arch`: the product is hidden on platforms of an architecture it does not declare",
                "没有声明 `dependencies.arch`：云产品在未声明架构的平台上不可见",
            ),
        };
        out.report(&ch.path, Some(range), text!("{en}", "{zh}"))
            .severity(Severity::Warning)
            .help(text!(
                "declare the architectures the product runs on: `arch: [x86, arm]` under `dependencies`",
                "在 `dependencies` 下声明云产品支持的架构：`arch: [x86, arm]`"
            ));
        return;
    };
    let value = &arch.value;
    if is_templated(value) {
        return;
    }
    let items = match value.as_seq() {
        Some(items) if !items.is_empty() => items,
        _ if value.is_null() || value.as_seq().is_some() => {
            out.report(
                &ch.path,
                Some(arch.key.range),
                text!(
                    "`arch` lists no architecture: the product is hidden on every platform whose architecture it does not declare",
                    "`arch` 未列出任何架构：云产品在未声明架构的平台上不可见"
                ),
            )
            .severity(Severity::Warning)
            .help(text!(
                "list the architectures the product runs on: `x86` and/or `arm`",
                "列出云产品支持的架构：`x86` 和/或 `arm`"
            ));
            return;
        }
        _ => {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            let d = out.report(
                &ch.path,
                Some(value.range),
                text!(
                    "`arch` is {kind}, not a list of architectures",
                    "`arch` 是{kind_zh}，而不是架构列表"
                ),
            );
            match value.as_str().and_then(meant) {
                Some(a) => d.help(text!(
                    "write it as a list: `arch: [{a}]`",
                    "写成列表：`arch: [{a}]`"
                )),
                None => d.help(text!(
                    "write a list of `x86` and/or `arm`: `arch: [x86, arm]`",
                    "写成 `x86` 和/或 `arm` 的列表：`arch: [x86, arm]`"
                )),
            };
            return;
        }
    };
    for item in items {
        if is_templated(item) {
            continue;
        }
        match item.as_str() {
            Some(a) if ARCHES.contains(&a) => {}
            Some(a) => {
                let d = out.report(
                    &ch.path,
                    Some(item.range),
                    text!(
                        "`{a}` is not an architecture the platform knows (`x86`, `arm`)",
                        "`{a}` 不是平台支持的架构（`x86`、`arm`）"
                    ),
                );
                match meant(a) {
                    Some(m) => d.help(text!("write `{m}`", "请写作 `{m}`")),
                    None => d.help(text!(
                        "`arch` lists `x86` and/or `arm`",
                        "`arch` 只能列出 `x86` 和/或 `arm`"
                    )),
                };
            }
            None => {
                let kind = a_type(item);
                let kind_zh = zh_type(item);
                let written = item.as_scalar().map_or("", |s| s.text.as_str());
                let d = out.report(
                    &ch.path,
                    Some(item.range),
                    text!(
                        "an `arch` item is {kind}, not `x86` or `arm`",
                        "`arch` 的列表项是{kind_zh}，而不是 `x86` 或 `arm`"
                    ),
                );
                match meant(written).filter(|_| !written.is_empty()) {
                    Some(m) => d.help(text!("write `{m}`", "请写作 `{m}`")),
                    None => d.help(text!(
                        "`arch` lists `x86` and/or `arm`",
                        "`arch` 只能列出 `x86` 和/或 `arm`"
                    )),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn unknown_items_are_errors_at_the_item() {
        let d = tester()
            .findings("dependencies:\n  arch:\n    - amd64\n    - arm\n    - ARM64\n    - mips\n");
        assert_eq!(starts(&d), [(3, 7), (5, 7), (6, 7)]);
        assert!(d.iter().all(|d| d.severity == Severity::Error));
        assert!(d[0].message.en.contains("`amd64`"));
        assert_eq!(help(&d[0]), "write `x86`");
        assert_eq!(help(&d[1]), "write `arm`");
        assert!(help(&d[2]).contains("`x86` and/or `arm`"));
    }

    #[test]
    fn case_matters() {
        let d = tester().findings("dependencies:\n  arch: [X86, arm]\n");
        assert_eq!(starts(&d), [(2, 10)]);
        assert_eq!(help(&d[0]), "write `x86`");
    }

    #[test]
    fn non_string_items() {
        let d = tester().findings("dependencies:\n  arch:\n    - 86\n    - [arm]\n");
        assert_eq!(starts(&d), [(3, 7), (4, 7)]);
        assert!(d[0].message.en.contains("an integer"));
        assert!(d[1].message.en.contains("a list"));
    }

    #[test]
    fn a_string_instead_of_a_list() {
        let d = tester().findings("dependencies:\n  arch: x86\n");
        assert_eq!(starts(&d), [(2, 9)]);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(help(&d[0]), "write it as a list: `arch: [x86]`");
    }

    #[test]
    fn absent_or_empty_is_a_warning() {
        let d = tester().findings("data_template: {}\ndependencies:\n  platform_version: 6.0.1\n");
        assert_eq!(starts(&d), [(2, 1)]);
        assert_eq!(d[0].severity, Severity::Warning);
        let d = tester().findings("data_template: {}\ntrial_days: 180\n");
        assert_eq!(starts(&d), [(1, 1)]);
        assert_eq!(d[0].severity, Severity::Warning);
        for empty in ["  arch:\n", "  arch: []\n"] {
            let d = tester().findings(format!("dependencies:\n  platform_version: 6.0.1\n{empty}"));
            assert_eq!(starts(&d), [(3, 3)], "{empty}");
            assert_eq!(d[0].severity, Severity::Warning);
        }
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::from("dependencies:\n  arch:\n    - x86\n"),
                "dependencies:\n  arch: [arm]\n".into(),
                "dependencies:\n  arch:\n% if x:\n    - x86\n% else:\n    - arm\n% endif\n".into(),
                "dependencies:\n  arch:\n    - ${arch}\n".into(),
                "dependencies:\n  arch: ${arches}\n".into(),
                // A file that does not parse: absence is not judged (CFG-001 reports the file).
                "dependencies:\n  platform_version: [6.0.1\n".into(),
                // No _config_helpers.yaml.tpl at all: another rule's finding.
                without(CONFIG_HELPERS),
            ])
            .test_and_snapshot();
    }
}
