use crate::chart::config_helpers::{DEPENDENCY_KEYS, TOP_LEVEL_KEYS};
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::cfg;
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a top-level key of `templates/_config_helpers.yaml.tpl` that the platform does
    /// not read, at the key, with a suggestion: the nearest known key (`data_templates` →
    /// `data_template`, `dependency` → `dependencies`), or — for a key of `dependencies`
    /// written at column 1 (`services:`, `arch:`) — that it belongs under `dependencies:`.
    /// The known keys are `data_template`, `dependencies`, `base_version`, `trial_days`,
    /// `license_expired` and `trial_values`.
    ///
    /// ## Why
    /// §1.1.6.4 defines these keys. The platform ignores any other, so a misspelt
    /// `data_templates:` drops the whole configuration template and a misspelt `dependency:`
    /// drops every dependency check, without an error at install time. It is an error because
    /// the intent is plain and the effect is silent.
    ///
    /// ## 中文
    /// `_config_helpers.yaml.tpl` 中有平台不读取的顶层键（§1.1.6.4）。已知的顶层键为 `data_template`、
    /// `dependencies`、`base_version`、`trial_days`、`license_expired`、`trial_values`。拼写错误（如
    /// `data_templates`、`dependency`）会使整个配置模板或依赖声明被静默忽略。会提示最接近的键名。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_templates:
    ///   pod:
    ///     replicas:
    ///       backend_api: ${replicas_by_modality}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   pod:
    ///     replicas:
    ///       backend_api: ${replicas_by_modality}
    /// trial_days: 180
    /// ```
    RULE = "CFG-009", Cfg, Error, "§1.1.6.4",
    "Unknown top-level key in _config_helpers.yaml.tpl", "_config_helpers.yaml.tpl 中有未知的顶层键",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let list = TOP_LEVEL_KEYS
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for e in src.ch.top_level_keys() {
        let key = e.key.key_string();
        if TOP_LEVEL_KEYS.contains(&key.as_str()) {
            continue;
        }
        let d = out.report(
            src.path(),
            Some(e.key.range),
            text!(
                "unknown top-level key `{key}`: the platform ignores it",
                "未知的顶层键 `{key}`：平台会忽略它"
            ),
        );
        if DEPENDENCY_KEYS.contains(&key.as_str()) {
            d.help(text!(
                "`{key}` belongs under `dependencies:`: indent it there",
                "`{key}` 应位于 `dependencies:` 之下：请调整缩进"
            ));
        } else if let Some(n) = nearest(&key, TOP_LEVEL_KEYS) {
            d.help(text!("did you mean `{n}`?", "是否应为 `{n}`？"));
        } else {
            d.help(text!(
                "the top-level keys are {list}",
                "顶层键只能是 {list}"
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
    fn unknown_keys() {
        let d = tester().findings("data_templates:\n  a: 1\ndependency:\n  arch: [x86]\nservices:\n  nova: 6.0.1\nowner: me\ntrial_days: 180\n");
        assert_eq!(starts(&d), [(1, 1), (3, 1), (5, 1), (7, 1)]);
        assert_eq!(d[0].range.unwrap().end.column, 15);
        assert_eq!(help(&d[0]), "did you mean `data_template`?");
        assert_eq!(help(&d[1]), "did you mean `dependencies`?");
        assert!(help(&d[2]).contains("under `dependencies:`"));
        assert!(help(&d[3]).contains("`data_template`, `dependencies`"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Known keys.
            .pass([
                "data_template: {}\ndependencies: {}\nbase_version: 6.0.1\ntrial_days: 180\nlicense_expired:\n  feature:\n    disable: true\ntrial_values: {}\n",
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
            ])
            .test_and_snapshot();
    }
}
