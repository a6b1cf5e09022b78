use crate::chart::{Chart, ACL_HELPERS, CHART_YAML, CONFIG_HELPERS, JOB_HOOKS, VALUES_YAML};
use crate::declare_rule;
use crate::diagnostic::Text;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a chart that lacks one of the files every ECP product must have:
    /// - `values.yaml` — the product's configuration;
    /// - `templates/_acl_helpers.yaml.tpl` — permissions, namespace and resources (§1.1.6.3);
    /// - `templates/_config_helpers.yaml.tpl` — runtime configuration and dependencies (§1.1.6.4);
    /// - `templates/job-hooks.yaml` — the install check Job (§1.1.6.8).
    ///
    /// The finding is about the chart as a whole: it is reported on the chart's `Chart.yaml`,
    /// without a line, and names the missing file. When a file with nearly that name exists
    /// (`templates/job-hook.yaml`, `template/job-hooks.yaml`, `values.yml`), the help says to
    /// rename or move it.
    ///
    /// ## Why
    /// The guide's layout (§1.1.6.1) lists these files for every product. `job-hooks.yaml` is
    /// the hardest requirement: the platform marks a product installed only when that Job
    /// completes, and "若不定义安装资源检查会导致云产品安装失败" — without it the install fails
    /// (§1.1.6.8). §1.1.6.8 itself writes the path as `template/job-hooks.yaml`; that is a typo in
    /// the guide (Helm only renders `templates/`), so a file there is reported as misplaced.
    /// Plain Helm does not need `values.yaml`, but every ECP mechanism (resource requirement,
    /// `data_template` overrides, the install check) reads it, so it is required here as the
    /// catalog says.
    ///
    /// ## 中文
    /// chart 缺少 ECP 云产品必需的文件：`values.yaml`、`templates/_acl_helpers.yaml.tpl`、
    /// `templates/_config_helpers.yaml.tpl`、`templates/job-hooks.yaml`。缺少 `job-hooks.yaml`
    /// 时云产品安装会失败（§1.1.6.8；该节把路径写成 `template/`，是文档笔误）。若存在名称相近的
    /// 文件，会提示重命名或移动。
    ///
    /// ## Example
    /// Removing the install check Job from the project:
    /// ```text,fail,delete=templates/job-hooks.yaml
    /// ```
    /// ```yaml,pass,file=templates/job-hooks.yaml
    /// {{- $envAll := . }}
    /// {{- include "helm-toolkit.snippets.job_hook" $envAll }}
    /// ```
    RULE = "LAYOUT-003", Layout, Error, "§1.1.6.1",
    "A required file is missing", "缺少必需的文件", Chart(check)
}

/// The required files, relative to the chart root, with what each is for.
fn required() -> [(&'static str, Text); 4] {
    [
        (
            VALUES_YAML,
            text!("the product's configuration values", "云产品的配置数据"),
        ),
        (
            ACL_HELPERS,
            text!(
                "it declares permissions, namespace and resources (§1.1.6.3)",
                "它声明权限、命名空间与资源需求（§1.1.6.3）"
            ),
        ),
        (
            CONFIG_HELPERS,
            text!(
                "it declares runtime configuration and dependencies (§1.1.6.4)",
                "它声明运行时配置与依赖（§1.1.6.4）"
            ),
        ),
        (
            JOB_HOOKS,
            text!(
                "without the install check Job the install fails (§1.1.6.8)",
                "没有安装检查 Job，云产品安装会失败（§1.1.6.8）"
            ),
        ),
    ]
}

fn check(chart: &Chart, out: &mut Findings) {
    let at = chart.path(CHART_YAML);
    for (rel, why) in required() {
        if chart.file(rel).is_some() {
            continue;
        }
        let d = out.report(
            &at,
            None,
            Text::new(
                format!("required file `{rel}` is missing: {}", why.en),
                format!("缺少必需的文件 `{rel}`：{}", why.zh),
            ),
        );
        match look_alike(
            chart,
            rel,
            &[VALUES_YAML, ACL_HELPERS, CONFIG_HELPERS, JOB_HOOKS],
        ) {
            Some(found) => d.help(text!(
                "`{found}` looks like it: rename or move it to `{rel}`",
                "`{found}` 与之相似：请将其重命名或移动为 `{rel}`"
            )),
            None => d.help(text!(
                "add `{rel}` to the chart (see the guide's example)",
                "在 chart 中添加 `{rel}`（参考开发指南中的示例）"
            )),
        };
    }
}

/// The chart file (relative path) that looks most like the missing `rel`: same file name in
/// another folder, or a name whose stem (before the first `.`) is at most 2 edits away.
/// Files named in `exclude` are never offered (they are wanted under their own names).
pub(crate) fn look_alike(chart: &Chart, rel: &str, exclude: &[&str]) -> Option<String> {
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let stem = |p: &str| base(p).split('.').next().unwrap_or("").to_lowercase();
    let want_stem = stem(rel);
    chart
        .files
        .iter()
        .map(|f| chart.rel(&f.path))
        .filter(|p| *p != rel && !exclude.contains(p))
        .filter_map(|p| {
            let cost = if base(p) == base(rel) {
                0
            } else {
                1 + strsim::levenshtein(&stem(p), &want_stem)
            };
            (cost <= 3 && !want_stem.is_empty()).then(|| (cost, p.to_string()))
        })
        .min()
        .map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use crate::chart::{ACL_HELPERS, JOB_HOOKS, VALUES_YAML};
    use crate::rules::tester::{bare, help, renamed, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    #[test]
    fn each_missing_file_is_named_on_chart_yaml_without_a_line() {
        let d = tester().findings(without(VALUES_YAML).without(ACL_HELPERS));
        assert_eq!(d.len(), 2, "{d:?}");
        for x in &d {
            assert_eq!(
                x.file.as_deref(),
                Some("good-project/chart/mycloud-product/Chart.yaml")
            );
            assert_eq!(x.range, None);
        }
        assert!(d.iter().any(|x| x.message.en.contains("`values.yaml`")));
        assert!(d
            .iter()
            .any(|x| x.message.en.contains("`templates/_acl_helpers.yaml.tpl`")));
    }

    #[test]
    fn misnamed_job_hooks_is_suggested() {
        let d = tester().one(renamed(JOB_HOOKS, "templates/job-hook.yaml"));
        assert!(d.message.en.contains("install fails"));
        assert!(
            help(&d).contains("`templates/job-hook.yaml`"),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn guide_typo_folder_is_suggested() {
        let d = tester().one(renamed(JOB_HOOKS, "template/job-hooks.yaml"));
        assert!(help(&d).contains("`template/job-hooks.yaml`"));
    }

    #[test]
    fn other_required_file_is_not_offered_as_look_alike() {
        let d = tester().one(without(ACL_HELPERS));
        assert!(!help(&d).contains("_config_helpers"), "{:?}", d.help);
        assert!(d.help.is_some());
    }

    #[test]
    fn values_yml_is_suggested() {
        let d = tester().one(renamed(VALUES_YAML, "values.yml"));
        assert!(help(&d).contains("`values.yml`"));
    }

    #[test]
    fn packaged_chart_missing_everything() {
        let d = tester().findings_in(&bare(&[("app/Chart.yaml", "name: app\n")]));
        assert_eq!(d.len(), 4);
        assert!(d
            .iter()
            .all(|x| x.file.as_deref() == Some("app/Chart.yaml")));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // The good project has everything.
            .pass([Case::default()])
            .test_and_snapshot();
    }
}
