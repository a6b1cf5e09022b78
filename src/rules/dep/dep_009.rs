use crate::chart::config_helpers::{DEPENDENCY_KEYS, TOP_LEVEL_KEYS};
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::dep::is_templated;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Checks the shape of `dependencies` in `templates/_config_helpers.yaml.tpl` (error):
    /// - `dependencies` itself must be a map (not a list: `- arch: …`);
    /// - each key must be one the platform reads: `arch`, `services`, `parallel_services`,
    ///   `exclusion`, `platform_version`. An unknown key is reported at the key with the
    ///   nearest known one (`exclusions` → `exclusion`, `platform-version` →
    ///   `platform_version`), or — for a top-level key indented under `dependencies`
    ///   (`trial_days`, `base_version`) — that it belongs at the top level;
    /// - `services` must be a map of product IDs to minimum versions (not a list
    ///   `- nova: 6.0.1`);
    /// - `parallel_services` must be a list of groups, each a map (not one bare map);
    /// - `exclusion` must be a list of product IDs (not one ID `exclusion: nova`, not a map,
    ///   and its items not maps `- nova: 6.0.1`).
    ///
    /// `arch` and `platform_version` are judged by DEP-001 and DEP-002; an empty value
    /// declares nothing and a value holding a Mako substitution (`${…}`) is only known at
    /// install time: neither is reported.
    ///
    /// ## Why
    /// §1.1.6.4 lists the keys of `dependencies` and shows their shapes (`services` a map,
    /// `parallel_services` a list of maps, `exclusion` a list). The platform reads these keys
    /// and shapes only and silently skips anything else: with `exclusions:` the exclusion is
    /// never enforced, with `platform-version:` the product installs on a platform older
    /// than it needs, and nothing says so at build or install time.
    ///
    /// ecplint's other DEP rules read a misshapen declaration leniently (they judge what was
    /// meant); this rule says that the platform will not.
    ///
    /// ## 中文
    /// 检查 `_config_helpers.yaml.tpl` 中 `dependencies` 的结构（§1.1.6.4）：只能有 `arch`、`services`、
    /// `parallel_services`、`exclusion`、`platform_version` 这几个键（未知键给出最接近的键名，如
    /// `exclusions` → `exclusion`）；`services` 是云产品标识到最低版本的映射，`parallel_services`
    /// 是分组（映射）的列表，`exclusion` 是云产品标识的列表。平台会静默忽略写错的键与结构，互斥或最低
    /// 平台版本因此不生效。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform-version: 6.0.1
    ///   arch:
    ///     - x86
    ///   exclusions:
    ///     - cinder
    /// trial_days: 180
    /// ```
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///   exclusion: cinder
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// dependencies:
    ///   platform_version: 6.0.1
    ///   arch:
    ///     - x86
    ///   services:
    ///     horizon: 6.0.1
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    ///   exclusion:
    ///     - cinder
    /// trial_days: 180
    /// ```
    RULE = "DEP-009", Dep, Error, "§1.1.6.4",
    "Unknown key or wrong shape under dependencies", "dependencies 下有未知的键或结构错误",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(ch) = chart.config_helpers() else {
        return;
    };
    let Some(deps) = ch.dependencies_entry() else {
        return;
    };
    let path = &ch.path;
    let value = &deps.value;
    if value.is_null() || is_templated(value) {
        return;
    }
    let Some(entries) = value.as_map() else {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        let d = out.report(
            path,
            Some(value.range),
            text!(
                "`dependencies` is {kind}, not a map: the platform reads none of it",
                "`dependencies` 是{kind_zh}，而不是映射：平台不会读取其中任何内容"
            ),
        );
        if value.as_seq().is_some() {
            d.help(text!(
                "drop the `- ` before its keys: `arch`, `services`, … are keys of one map",
                "去掉各键前的 `- `：`arch`、`services` 等是同一个映射中的键"
            ));
        } else {
            d.help(text!(
                "indent `arch`, `services`, … under `dependencies:` (§1.1.6.4)",
                "在 `dependencies:` 下缩进书写 `arch`、`services` 等键（§1.1.6.4）"
            ));
        }
        return;
    };
    for e in entries {
        let key = e.key.key_string();
        let v = &e.value;
        match key.as_str() {
            "services" => shape(path, v, &key, Want::Map, out),
            "parallel_services" => shape(path, v, &key, Want::ListOfMaps, out),
            "exclusion" => shape(path, v, &key, Want::ListOfIds, out),
            k if DEPENDENCY_KEYS.contains(&k) => {}
            k => {
                let d = out.report(
                    path,
                    Some(e.key.range),
                    text!(
                        "unknown key `{key}` under `dependencies`: the platform ignores it",
                        "`dependencies` 下有未知的键 `{key}`：平台会忽略它"
                    ),
                );
                if TOP_LEVEL_KEYS.contains(&k) {
                    d.help(text!(
                        "`{key}` is a top-level key: move it out of `dependencies` to column 1",
                        "`{key}` 是顶层键：请将其移出 `dependencies`，顶格书写"
                    ));
                } else if let Some(n) = nearest(k, DEPENDENCY_KEYS) {
                    d.help(text!("did you mean `{n}`?", "是否应为 `{n}`？"));
                } else {
                    let list = DEPENDENCY_KEYS.join("`, `");
                    d.help(text!(
                        "the keys of `dependencies` are `{list}`",
                        "`dependencies` 下的键只能是 `{list}`"
                    ));
                }
            }
        }
    }
}

/// The shape a key of `dependencies` must have.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// `services`: product ID → minimum version.
    Map,
    /// `parallel_services`: a list of groups, each a map product ID → minimum version.
    ListOfMaps,
    /// `exclusion`: a list of product IDs.
    ListOfIds,
}

fn shape(path: &str, value: &Node, key: &str, want: Want, out: &mut Findings) {
    if value.is_null() || is_templated(value) {
        return;
    }
    let (en, zh) = match want {
        Want::Map => (
            "a map of product IDs to minimum versions",
            "云产品标识到最低版本的映射",
        ),
        Want::ListOfMaps => (
            "a list of groups (maps of product IDs to minimum versions)",
            "分组（云产品标识到最低版本的映射）的列表",
        ),
        Want::ListOfIds => ("a list of product IDs", "云产品标识的列表"),
    };
    let fits = match want {
        Want::Map => value.as_map().is_some(),
        _ => value.as_seq().is_some(),
    };
    if !fits {
        let kind = a_type(value);
        let kind_zh = zh_type(value);
        let d = out.report(
            path,
            Some(value.range),
            text!(
                "`{key}` is {kind}, not {en}: the platform ignores it",
                "`{key}` 是{kind_zh}，而不是{zh}：平台会忽略它"
            ),
        );
        match (want, value.as_str()) {
            (Want::Map, _) if value.as_seq().is_some() => d.help(text!(
                "drop the `- `: write one `<product>: <version>` per line under `services:`",
                "去掉 `- `：在 `services:` 下每行写一个 `<云产品标识>: <版本>`"
            )),
            (Want::ListOfMaps, _) if value.as_map().is_some() => d.help(text!(
                "make it a list of one group: `- ` before the first product, the others aligned under it",
                "写成只有一个分组的列表：在第一个云产品前加 `- `，其余云产品与之对齐"
            )),
            (Want::ListOfIds, Some(id)) => d.help(text!(
                "write it as a list: `exclusion: [{id}]`",
                "写成列表：`exclusion: [{id}]`"
            )),
            _ => d.help(text!(
                "write `{key}` as §1.1.6.4 shows: {en}",
                "按 §1.1.6.4 的示例书写 `{key}`：{zh}"
            )),
        };
        return;
    }
    // Items of the list that are not what a group or a product ID is.
    for item in value.as_seq().unwrap_or(&[]) {
        let bad = match want {
            Want::ListOfMaps => item.as_seq().is_some(),
            _ => item.as_map().is_some() || item.as_seq().is_some(),
        };
        if !bad {
            continue;
        }
        let kind = a_type(item);
        let kind_zh = zh_type(item);
        let (en, zh, help) = if want == Want::ListOfMaps {
            (
                "a group (a map)",
                "分组（映射）",
                text!(
                    "write the group as a map: `- a: 6.0.1` with `b: 6.0.1` aligned under it",
                    "将分组写成映射：`- a: 6.0.1`，其下对齐写 `b: 6.0.1`"
                ),
            )
        } else {
            (
                "a product ID",
                "云产品标识",
                text!(
                    "write the product ID alone: `- <product>`",
                    "只写云产品标识：`- <云产品标识>`"
                ),
            )
        };
        out.report(
            path,
            Some(item.range),
            text!(
                "this `{key}` item is {kind}, not {en}: the platform ignores it",
                "该 `{key}` 列表项是{kind_zh}，而不是{zh}：平台会忽略它"
            ),
        )
        .help(help);
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
    fn unknown_keys_with_suggestions() {
        let d = tester().findings(
            "dependencies:\n  exclusions:\n    - cinder\n  platform-version: 6.0.1\n  trial_days: 180\n  owner: me\n",
        );
        assert_eq!(starts(&d), [(2, 3), (4, 3), (5, 3), (6, 3)]);
        assert_eq!(
            d[0].message.en,
            "unknown key `exclusions` under `dependencies`: the platform ignores it"
        );
        assert_eq!(help(&d[0]), "did you mean `exclusion`?");
        assert_eq!(help(&d[1]), "did you mean `platform_version`?");
        assert!(help(&d[2]).contains("top-level key"));
        assert!(help(&d[3]).starts_with("the keys of `dependencies` are `arch`, `services`"));
    }

    #[test]
    fn wrong_shapes() {
        let d = tester().findings(
            "dependencies:\n  exclusion: nova\n  services:\n    - nova: 6.0.1\n  parallel_services:\n    iam: 6.0.1\n    schedule: 6.0.1\n",
        );
        assert_eq!(starts(&d), [(2, 14), (4, 5), (6, 5)]);
        assert_eq!(
            d[0].message.en,
            "`exclusion` is a string, not a list of product IDs: the platform ignores it"
        );
        assert_eq!(help(&d[0]), "write it as a list: `exclusion: [nova]`");
        assert!(d[1].message.en.contains("`services` is a list, not a map"));
        assert!(help(&d[1]).starts_with("drop the `- `"));
        assert!(d[2].message.en.contains("`parallel_services` is a map"));
        assert!(help(&d[2]).starts_with("make it a list of one group"));
        let d = tester().findings("dependencies:\n  exclusion:\n    - nova: 6.0.1\n    - cinder\n  parallel_services:\n    - [iam, schedule]\n");
        assert_eq!(starts(&d), [(3, 7), (6, 7)]);
        assert!(d[0].message.en.contains("is a map, not a product ID"));
        let d = tester().findings("dependencies:\n  - arch: [x86]\n  - services: {}\n");
        assert_eq!(starts(&d), [(2, 3)]);
        assert!(d[0]
            .message
            .en
            .contains("`dependencies` is a list, not a map"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "dependencies:\n  exclusion:\n  services:\n  parallel_services: []\n",
                "dependencies: ${deps}\n",
                "dependencies:\n  exclusion: ${excluded}\n  services: {nova: 6.0.1}\n",
                "dependencies:\n",
                // arch and platform_version: DEP-001 and DEP-002.
                "dependencies:\n  arch: x86\n  platform_version: [6.0.1]\n",
                // A bare ID as a group: DEP-002 and DEP-007 report it.
                "dependencies:\n  parallel_services:\n    - iam\n",
            ])
            .fail(["dependencies: nova\n"])
            .test_and_snapshot();
    }
}
