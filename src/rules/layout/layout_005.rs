use crate::chart::{decode, CHART_YAML};
use crate::declare_rule;
use crate::diagnostic::{Pos, Range, Severity};
use crate::rules::{Findings, ProjectScope};
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// In a project tree (`Makefile`, `chart/<name>/`, `hook/`), reports a missing `Makefile`,
    /// and each standard target the Makefile lacks: `all`, `init-%`, `lint-%`, `build-%`,
    /// `clean`. Only rule lines are read (`target: prerequisites` at the start of a line;
    /// variable assignments such as `HELM := helm`, recipes, comments and `define` blocks are
    /// skipped), so recipes may differ from the guide's.
    ///
    /// A missing target has no place in the file, so it is reported on the Makefile without a
    /// line — unless a target of nearly that name exists (`build:` for `build-%`), which is then
    /// pointed at. A project with several charts is checked once, with its first chart. When
    /// the Makefile `include`s another file the targets may be defined there, so missing ones
    /// are only noted (info).
    ///
    /// ## Why
    /// §1.1.6.9: the project Makefile "采用统一的定义" — one shared definition that the build
    /// pipeline drives: `make` (`all`) builds every chart under `chart/` through
    /// `build-<chart>`, which depends on `lint-<chart>` and `init-<chart>`; `clean` removes
    /// packaged archives. The guide's listing is garbled by its page layout (broken lines,
    /// `$(patsubst chart/%/./, …)` missing an argument, `make $(TASK) -$$@` with a stray space,
    /// recipes shown indented with spaces where make needs a tab), so its exact text is not required —
    /// only the targets. A packaged chart (no project around it) is not checked: it has no
    /// Makefile by design.
    ///
    /// ## 中文
    /// 云产品项目（含 `Makefile`、`chart/<名称>/`、`hook/`）缺少 `Makefile`，或 Makefile 缺少标准
    /// 目标 `all`、`init-%`、`lint-%`、`build-%`、`clean`（§1.1.6.9）。只检查目标是否存在，不要求
    /// 与指南中的文本一致（指南中的 Makefile 排版有误）。打包好的 chart 不检查。
    ///
    /// ## Example
    /// The project Makefile without `clean`:
    /// ```make,fail,file=../../Makefile
    /// HELM := helm
    /// TASK := build
    /// CHARTS := $(patsubst chart/%/., %, $(wildcard chart/*/.))
    ///
    /// all: $(CHARTS)
    ///
    /// $(CHARTS):
    /// 	@make $(TASK)-$@
    ///
    /// init-%:
    /// 	if [ -f chart/$*/Makefile ]; then make -C chart/$*; fi
    ///
    /// lint-%: init-%
    /// 	if [ -d chart/$* ]; then $(HELM) lint chart/$*; fi
    ///
    /// build-%: lint-%
    /// 	if [ -d chart/$* ]; then $(HELM) package --save=false chart/$*; fi
    /// ```
    /// ```make,pass,file=../../Makefile
    /// HELM := helm
    /// TASK := build
    /// CHARTS := $(patsubst chart/%/., %, $(wildcard chart/*/.))
    ///
    /// all: $(CHARTS)
    ///
    /// $(CHARTS):
    /// 	@make $(TASK)-$@
    ///
    /// init-%:
    /// 	if [ -f chart/$*/Makefile ]; then make -C chart/$*; fi
    ///
    /// lint-%: init-%
    /// 	if [ -d chart/$* ]; then $(HELM) lint chart/$*; fi
    ///
    /// build-%: lint-%
    /// 	if [ -d chart/$* ]; then $(HELM) package --save=false chart/$*; fi
    ///
    /// clean:
    /// 	rm -f chart/*tgz *tgz chart/*/charts/*tgz
    /// ```
    /// A project without a Makefile:
    /// ```text,fail,delete=../../Makefile
    /// ```
    RULE = "LAYOUT-005", Layout, Warning | Info, "§1.1.6.9",
    "Project Makefile missing or incomplete", "项目 Makefile 缺失或不完整", Project(check)
}

/// The targets of §1.1.6.9.
const TARGETS: &[&str] = &["all", "init-%", "lint-%", "build-%", "clean"];

/// A target named on a rule line, with its place.
#[derive(Debug)]
pub(crate) struct Target {
    pub name: String,
    pub range: Range,
}

fn check(scope: &ProjectScope, out: &mut Findings) {
    let (chart, project) = (scope.lead(), scope.project);
    let own = chart.path(CHART_YAML);
    let expected = format!("{}Makefile", project.prefix);
    let Some(makefile) = project.makefile else {
        out.report(
            &own,
            None,
            text!(
                "the project has no Makefile (`{expected}`): it cannot be built the standard way",
                "项目缺少 Makefile（`{expected}`）：无法按标准流程构建"
            ),
        )
        .help(text!(
            "add the project Makefile of §1.1.6.9 with targets `all`, `init-%`, `lint-%`, `build-%`, `clean`",
            "按 §1.1.6.9 添加项目 Makefile，包含目标 `all`、`init-%`、`lint-%`、`build-%`、`clean`"
        ));
        return;
    };
    let Some(text) = decode(makefile) else { return };
    let targets = targets(text);
    let includes = text.lines().any(|l| {
        let t = l.trim_start_matches('-');
        t.starts_with("include ") || t.starts_with("sinclude ")
    });
    let others: Vec<&str> = targets
        .iter()
        .map(|t| t.name.as_str())
        .filter(|n| !TARGETS.contains(n))
        .collect();
    for want in TARGETS {
        if targets.iter().any(|t| t.name == *want) {
            continue;
        }
        let near = nearest(want, &others).and_then(|n| targets.iter().find(|t| t.name == n));
        let d = out.report(
            &makefile.path,
            near.map(|t| t.range),
            text!(
                "the Makefile has no `{want}` target (§1.1.6.9)",
                "Makefile 中没有 `{want}` 目标（§1.1.6.9）"
            ),
        );
        match near {
            Some(t) => {
                let found = &t.name;
                d.help(text!(
                    "`{found}` looks like it: the standard target is `{want}`",
                    "`{found}` 与之相似：标准目标名为 `{want}`"
                ))
            }
            None => d.help(text!(
                "add the `{want}` target as in the guide's Makefile",
                "参照指南中的 Makefile 添加 `{want}` 目标"
            )),
        };
        if includes {
            d.severity(Severity::Info);
        }
    }
}

/// Targets named on rule lines (`a b: deps`, `a:: deps`), in file order. Recipes (tab or
/// space indented), comments, assignments (`X := y`, `X = a:b`, `X ?= y`) and `define` blocks
/// are skipped, and so are continuation lines.
pub(crate) fn targets(text: &str) -> Vec<Target> {
    let mut out = Vec::new();
    let mut in_define = false;
    let mut continued = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let was_continued = continued;
        continued = line.ends_with('\\');
        if was_continued {
            continue;
        }
        let trimmed = line.trim_start();
        if in_define {
            in_define = !trimmed.starts_with("endef");
            continue;
        }
        if trimmed.starts_with("define ") || trimmed == "define" {
            in_define = true;
            continue;
        }
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let (head, after) = (&line[..colon], &line[colon + 1..]);
        if head.contains('=') || after.starts_with('=') || after.starts_with(":=") {
            continue;
        }
        let mut offset = 0;
        for word in head.split(' ') {
            if !word.is_empty() && word != "export" {
                let start = head[..offset].chars().count() + 1;
                out.push(Target {
                    name: word.to_string(),
                    range: Range {
                        start: Pos {
                            line: i + 1,
                            column: start,
                        },
                        end: Pos {
                            line: i + 1,
                            column: start + word.chars().count(),
                        },
                    },
                });
            }
            offset += word.len() + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::targets;
    use crate::diagnostic::{Pos, Severity};
    use crate::rules::tester::{bare, help, without, Case, Tester};

    const MAKEFILE: &str = "../../Makefile";

    /// Cases are the project's Makefile.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(MAKEFILE)
    }

    const FULL: &str = "HELM := helm\nall: $(CHARTS)\ninit-%:\n\ttrue\nlint-%: init-%\n\ttrue\nbuild-%: lint-%\n\ttrue\nclean:\n\trm -f *tgz\n";

    #[test]
    fn missing_makefile_is_reported_on_the_chart() {
        let d = tester().one(without(MAKEFILE));
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.file.as_deref(),
            Some("good-project/chart/mycloud-product/Chart.yaml")
        );
        assert!(d.message.en.contains("`good-project/Makefile`"));
    }

    #[test]
    fn each_missing_target_and_near_misses() {
        let d = tester().findings("all:\n\ttrue\nbuild:\n\thelm package chart/x\n");
        let names: Vec<_> = d.iter().map(|x| x.message.en.clone()).collect();
        assert_eq!(d.len(), 4, "{names:?}");
        let build = d
            .iter()
            .find(|x| x.message.en.contains("`build-%`"))
            .unwrap();
        assert_eq!(build.range.unwrap().start, Pos { line: 3, column: 1 });
        assert_eq!(build.range.unwrap().end, Pos { line: 3, column: 6 });
        assert!(help(build).contains("`build`"));
        let clean = d.iter().find(|x| x.message.en.contains("`clean`")).unwrap();
        assert_eq!(clean.range, None);
        assert_eq!(clean.file.as_deref(), Some("good-project/Makefile"));
    }

    #[test]
    fn assignments_recipes_and_defines_are_not_targets() {
        let text = "X := a:b\nY = c:d\nZ ?= e:f\nW ::= g\n\techo x: y\n    echo z: w\n# all:\ndefine T\nclean:\nendef\nA = x \\\n  clean: y\n";
        assert!(targets(text).is_empty(), "{:?}", targets(text));
        let t = targets("all clean:: deps\n");
        assert_eq!(
            t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["all", "clean"]
        );
        assert_eq!(t[1].range.start, Pos { line: 1, column: 5 });
    }

    #[test]
    fn include_makes_missing_targets_info() {
        let d = tester().findings("include common.mk\nall:\n\ttrue\n");
        assert_eq!(d.len(), 4);
        assert!(d.iter().all(|x| x.severity == Severity::Info));
    }

    #[test]
    fn packaged_chart_is_not_checked() {
        let d = tester().findings_in(&bare(&[("app/Chart.yaml", "name: app\n")]));
        assert!(d.is_empty());
    }

    #[test]
    fn project_with_two_charts_is_reported_once() {
        let d = tester().findings(without(MAKEFILE).with(
            "../another/Chart.yaml",
            "apiVersion: v1\nname: another\nversion: 1.0.0\n",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].file.as_deref(),
            Some("good-project/chart/another/Chart.yaml")
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // The good project, and a full Makefile.
            .pass([Case::default(), FULL.into()])
            .test_and_snapshot();
    }
}
