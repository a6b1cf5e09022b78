use crate::chart::config_helpers::Declared;
use crate::chart::version::{self, VersionValue};
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::dep::{is_templated, kind_key};
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Entry, Node};

declare_rule! {
    /// ## What it does
    /// Checks every version in `templates/_config_helpers.yaml.tpl`: `dependencies.platform_version`,
    /// `base_version`, and the minimum versions of `dependencies.services` and of the
    /// `dependencies.parallel_services` groups. Each must be a SemVer version as the platform
    /// writes them: `6.0.1`, `6.0.1-alpha.0`. Reported at the value (at the key when it is
    /// empty):
    /// - a string that is not such a version (`6.0`, `v6.0.1`, `latest`); the help gives the
    ///   SemVer form when there is one;
    /// - a YAML number: `platform_version: 6.0` is the float 6.0 and `6` an integer, not
    ///   version strings (and `6.10` would read back as 6.1);
    /// - an empty version, a list or a map, and a dependency written without a version
    ///   (`services:` as a list `- nova`).
    ///
    /// ## Why
    /// §1.1.6.4: `services` and `parallel_services` name the products depended on with their
    /// minimum versions (`horizon: 6.0.1-alpha.0`), `platform_version` the lowest platform
    /// version, `base_version` the version that must be installed before upgrading to this one.
    /// The platform compares these with installed versions; every example writes
    /// `MAJOR.MINOR.PATCH[-pre]`, and issue 3 fixes the comparison as SemVer. A value that is
    /// not such a version cannot be compared: the check fails or, worse, compares wrongly.
    ///
    /// We chose to report numbers rather than read them as versions: YAML gives the platform a
    /// float or an integer, which is no version string, and a float loses what was written
    /// (`6.10` → `6.1`). Quoting is not needed for `6.0.1`: YAML reads it as a string. A value
    /// holding a Mako substitution (`${…}`) is only known at install time and is not judged.
    ///
    /// ## 中文
    /// `platform_version`、`base_version` 以及 `services`、`parallel_services` 中的最低版本必须是
    /// `6.0.1`、`6.0.1-alpha.0` 这样的 SemVer 版本（§1.1.6.4）。`6.0`、`v6.0.1` 等字符串、
    /// YAML 数字（`6.0` 是浮点数，`6.10` 会变成 6.1）、空值以及未写版本的依赖都会报错。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0
    ///   arch:
    ///     - x86
    ///     - arm
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.0
    ///   arch:
    ///     - x86
    ///     - arm
    /// trial_days: 180
    /// ```
    RULE = "DEP-002", Dep, Error, "§1.1.6.4",
    "Invalid version", "版本号无效", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    if let Some(e) = ch.dependency("platform_version") {
        check_entry(&ch.path, e, "platform_version", out);
    }
    if let Some(e) = ch.entry("base_version") {
        check_entry(&ch.path, e, "base_version", out);
    }
    let mut products = ch.services();
    for g in ch.parallel_groups() {
        products.extend(g.products);
    }
    for p in products {
        check_product(&ch.path, &p, out);
    }
}

fn check_entry(path: &str, e: &Entry, name: &str, out: &mut Findings) {
    check_version(path, &e.key, &e.value, name, out);
}

fn check_product(path: &str, p: &Declared, out: &mut Findings) {
    let id = p.id;
    let name = match p.group {
        Some(g) => format!("{}[{g}].{id}", kind_key(p.kind)),
        None => format!("{}.{id}", kind_key(p.kind)),
    };
    match p.version {
        Some(v) => check_version(path, p.node, v, &name, out),
        None => {
            if is_templated(p.node) {
                return;
            }
            let container = kind_key(p.kind);
            out.report(
                path,
                Some(p.node.range),
                text!(
                    "`{id}` in `{container}` has no minimum version",
                    "`{container}` 中的 `{id}` 没有声明最低版本"
                ),
            )
            .help(text!(
                "`{container}` maps product IDs to minimum versions: write `{id}: 6.0.1`",
                "`{container}` 是云产品标识到最低版本的映射：请写作 `{id}: 6.0.1`"
            ));
        }
    }
}

fn check_version(path: &str, key: &Node, value: &Node, name: &str, out: &mut Findings) {
    if is_templated(value) {
        return;
    }
    match version::read(value) {
        VersionValue::Valid(_) => {}
        VersionValue::Invalid { text, fix } => {
            let d = out.report(
                path,
                Some(value.range),
                text!(
                    "`{name}` `{text}` is not a version such as `6.0.1` or `6.0.1-alpha.0`",
                    "`{name}` 的值 `{text}` 不是 `6.0.1` 或 `6.0.1-alpha.0` 这样的版本号"
                ),
            );
            match fix {
                Some(f) => d.help(text!("write `{f}`", "请写作 `{f}`")),
                None => d.help(text!(
                    "write `MAJOR.MINOR.PATCH`, optionally with a pre-release: `6.0.1`, `6.0.1-alpha.0`",
                    "请写作 `主版本.次版本.修订号`，可带预发布标识：`6.0.1`、`6.0.1-alpha.0`"
                )),
            };
        }
        VersionValue::Number { text, fix } => {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            let d = out.report(
                path,
                Some(value.range),
                text!(
                    "`{name}: {text}` is {kind} in YAML, not a version such as `6.0.1`",
                    "`{name}: {text}` 在 YAML 中是{kind_zh}，而不是 `6.0.1` 这样的版本号"
                ),
            );
            match fix {
                Some(f) => d.help(text!(
                    "write the full version `{f}` (YAML reads it as a string)",
                    "请写出完整版本 `{f}`（YAML 会将其读作字符串）"
                )),
                None => d.help(text!(
                    "write `MAJOR.MINOR.PATCH`, e.g. `6.0.1`",
                    "请写作 `主版本.次版本.修订号`，例如 `6.0.1`"
                )),
            };
        }
        VersionValue::Missing => {
            let range = if value.is_null() {
                key.range
            } else {
                value.range
            };
            out.report(
                path,
                Some(range),
                text!("`{name}` has no version", "`{name}` 没有填写版本号"),
            )
            .help(text!(
                "write a version such as `6.0.1`",
                "请填写 `6.0.1` 这样的版本号"
            ));
        }
        VersionValue::NotScalar => {
            let kind = a_type(value);
            let kind_zh = zh_type(value);
            out.report(
                path,
                Some(value.range),
                text!(
                    "`{name}` is {kind}, not a version such as `6.0.1`",
                    "`{name}` 是{kind_zh}，而不是 `6.0.1` 这样的版本号"
                ),
            )
            .help(text!(
                "write a version such as `6.0.1`",
                "请填写 `6.0.1` 这样的版本号"
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
    fn every_version_place_is_checked() {
        let text = "\
dependencies:
  platform_version: 6.0
  arch: [x86]
  services:
    horizon: 6.0.1-alpha.0
    nova: v6.0.1
  parallel_services:
    - iam: 6.0.1
      schedule: latest
    - return: 6
      proton: 6.0.1
base_version: '6.2'
";
        let d = tester().findings(text);
        assert_eq!(starts(&d), [(2, 21), (6, 11), (9, 17), (10, 15), (12, 15)]);
        assert!(d[0].message.en.contains("a float"), "{}", d[0].message.en);
        assert_eq!(
            help(&d[0]),
            "write the full version `6.0.0` (YAML reads it as a string)"
        );
        assert_eq!(help(&d[4]), "write `6.2.0`");
        assert_eq!(help(&d[1]), "write `6.0.1`");
        assert!(d[1].message.en.contains("`services.nova`"));
        assert!(help(&d[2]).contains("MAJOR.MINOR.PATCH"));
        assert!(d[2].message.en.contains("`parallel_services[0].schedule`"));
        assert!(d[3].message.en.contains("an integer"));
    }

    #[test]
    fn float_keeps_what_was_written() {
        let d = tester().findings("base_version: 6.10\n");
        assert!(d[0].message.en.contains("`base_version: 6.10`"));
        assert!(help(&d[0]).contains("`6.10.0`"));
    }

    #[test]
    fn empty_and_odd_values() {
        let d = tester().findings(
            "dependencies:\n  platform_version:\n  services:\n    nova: ''\n    glance: [6.0.1]\n",
        );
        assert_eq!(starts(&d), [(2, 3), (4, 11), (5, 13)]);
        assert!(d[0].message.en.contains("has no version"));
        assert!(d[2].message.en.contains("a list"));
    }

    #[test]
    fn dependencies_without_versions() {
        let d = tester()
            .findings("dependencies:\n  services:\n    - nova\n  parallel_services:\n    - iam\n");
        assert_eq!(starts(&d), [(3, 7), (5, 7)]);
        assert!(d[0]
            .message
            .en
            .contains("`nova` in `services` has no minimum version"));
        assert!(help(&d[0]).contains("`nova: 6.0.1`"));
        let d = tester().findings("dependencies:\n  services: nova\n");
        assert_eq!(starts(&d), [(2, 13)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "dependencies:\n  platform_version: 6.0.1\n  services:\n    nova: 6.0.1-alpha.0\n    glance: \"6.2.0\"\n  parallel_services:\n    - iam: 6.0.1\n      schedule: 6.0.1+build.2\nbase_version: 6.2.1\n",
                "dependencies:\n  platform_version: ${platform_version}\nbase_version: ${base}\n",
                "dependencies:\n  services:\n    - nova: 6.0.1\n  exclusion:\n    - cinder\n",
                "trial_days: 180\n",
            ])
            .test_and_snapshot();
    }
}
