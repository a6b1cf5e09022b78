use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::wiz::{entries, roles};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Checks each picture path of `templates/_wizard.yaml` (`wizard[].pics.en` and
    /// `pics.zh-cn`): some file of the chart (or of its project) must end with that path, at a
    /// folder boundary (`wizard/a.png` matches `static/wizard/a.png`, not `mywizard/a.png`). A
    /// leading `./` or `/` is ignored. A path no file ends with is reported at its value.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品使用向导): `pics` are "当前向导页中英文图片"; the console shows them with
    /// the wizard step. A picture that is not shipped shows as a broken image. Where the
    /// platform looks the pictures up is not documented, so we only ask that some file of the
    /// archive end with the path — a warning, not an error.
    ///
    /// ## 中文
    /// `_wizard.yaml` 中 `pics.en`、`pics.zh-cn` 的图片路径必须能在 chart（或其工程）中找到以该路径
    /// 结尾的文件；否则向导页图片无法显示（警告）。
    ///
    /// ## Example
    /// The failing example names pictures the chart does not ship. A docs example can only
    /// replace one file, so the passing one points at files the example chart does have; a real
    /// chart ships its pictures (`wizard/overview_en.png`) and names them.
    /// ```yaml,fail,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title: {en: Overview, zh-cn: 概览}
    ///       wizard:
    ///         - content: {en: The overview, zh-cn: 概览页}
    ///           pics:
    ///             en: wizard/wizard_en.png
    ///             zh-cn: wizard/wizard_zh_cn.png
    /// ```
    /// ```yaml,pass,file=templates/_wizard.yaml
    /// nav:
    ///   member:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title: {en: Overview, zh-cn: 概览}
    ///       wizard:
    ///         - content: {en: The overview, zh-cn: 概览页}
    ///           pics:
    ///             en: templates/_navigation.yaml
    ///             zh-cn: ./templates/_navigation.yaml
    /// ```
    RULE = "WIZ-004", Wiz, Warning, "§1.1.6.7",
    "Wizard picture not in the archive", "使用向导的图片不在包中", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, roles)) = roles(chart) else {
        return;
    };
    let project_files = chart.project.as_ref().map(|p| {
        chart
            .input
            .files
            .iter()
            .filter(|f| f.path.starts_with(&p.prefix))
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>()
    });
    let paths: Vec<&str> =
        project_files.unwrap_or_else(|| chart.files.iter().map(|f| f.path.as_str()).collect());
    for w in entries(roles) {
        let Some(steps) = w.entry.value.get("wizard").and_then(|s| s.as_seq()) else {
            continue;
        };
        for step in steps {
            let Some(pics) = step.get("pics") else {
                continue;
            };
            for lang in ["en", "zh-cn"] {
                let Some(node) = pics.get(lang) else {
                    continue;
                };
                let Some(pic) = node.as_str() else {
                    continue;
                };
                let wanted = pic.trim_start_matches("./").trim_start_matches('/');
                if wanted.is_empty() {
                    continue;
                }
                let suffix = format!("/{wanted}");
                if paths.iter().any(|p| *p == wanted || p.ends_with(&suffix)) {
                    continue;
                }
                let d = out.report(
                    &file.path,
                    Some(node.range),
                    text!(
                        "no file of the chart ends with `{pic}`: the wizard picture will not show",
                        "chart 中没有以 `{pic}` 结尾的文件：向导图片无法显示"
                    ),
                );
                let name = wanted.rsplit('/').next().unwrap_or(wanted);
                let name_suffix = format!("/{name}");
                match paths
                    .iter()
                    .find(|p| **p == name || p.ends_with(&name_suffix))
                {
                    Some(found) => {
                        let found = chart.rel(found);
                        d.help(text!(
                            "a file `{found}` exists: write its path",
                            "存在文件 `{found}`：请写出它的路径"
                        ))
                    }
                    None => d.help(text!(
                        "add the picture to the chart, or correct the path",
                        "请将图片加入 chart，或修正路径"
                    )),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::WIZARD;
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(WIZARD)
    }

    /// A wizard showing `en` and `zh` as its pictures (on lines 8 and 9).
    fn wizard(en: &str, zh: &str) -> String {
        format!(
            "nav:\n  member:\n    overview:\n      order: 1\n      wizard:\n        - content: {{en: a, zh-cn: b}}\n          pics:\n            en: {en}\n            zh-cn: {zh}\n"
        )
    }

    /// `wizard` with pictures at `paths` (relative to the chart root).
    fn shipping(wizard: String, paths: &[&str]) -> Case {
        paths
            .iter()
            .fold(Case::from(wizard), |case, p| case.with(p, b"\x89PNG"))
    }

    #[test]
    fn missing_pictures_at_their_value() {
        let f = tester().findings(shipping(
            wizard("wizard/en.png", "wizard/zh.png"),
            &["pics/en.png"],
        ));
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|d| d.help.is_some()), "{f:?}");
        assert_eq!(starts(&f), [(8, 17), (9, 20)]);
        assert!(
            help(&f[0]).contains("`pics/en.png` exists"),
            "{}",
            help(&f[0])
        );
        assert!(!help(&f[1]).contains("exists"), "{}", help(&f[1]));
    }

    #[test]
    fn suffix_must_stop_at_a_folder() {
        let f = tester().findings(shipping(
            wizard("wizard/en.png", "wizard/en.png"),
            &["mywizard/en.png"],
        ));
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|d| d.help.is_some()), "{f:?}");
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Shipped pictures.
            .pass([shipping(
                wizard("wizard/en.png", "/static/wizard/zh.png"),
                &["static/wizard/en.png", "static/wizard/zh.png"],
            )])
            // Project files count too (`<project>/docs/...` beside `chart/`).
            .pass([shipping(
                wizard("docs/en.png", "docs/zh.png"),
                &["../../docs/en.png", "../../docs/zh.png"],
            )])
            .test_and_snapshot();
    }
}
