use crate::chart::decode;
use crate::declare_rule;
use crate::diagnostic::{Severity, Text};
use crate::makefile::{Kind, Makefile, Problem};
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reads the project Makefile as GNU make reads it — logical lines joined by `\`, comments,
    /// rules, recipe lines, variable assignments, `define` blocks, conditionals, and every
    /// `$(…)`/`${…}` reference with GNU make's function table — and reports, at the line and
    /// column, what would stop `make` (error):
    /// - a recipe line indented with spaces instead of a tab: make stops with "missing
    ///   separator" (or, when the line has a colon, silently takes it for a rule and the command
    ///   never runs);
    /// - any other line make cannot read ("missing separator"), and a tab-indented line outside
    ///   a rule ("recipe commences before first target");
    /// - a make function called with too few arguments ("insufficient number of arguments (2)
    ///   to function 'patsubst'");
    /// - a `$(` or `${` that is never closed ("unterminated call to function 'filter-out':
    ///   missing ')'"). When a following line closes it — a long line broken without `\` — the
    ///   lines are read together, so that the rest of the reference is checked too;
    /// - `ifeq`/`ifdef`… without `endif`, `else`/`endif` without a conditional, `define`
    ///   without `endef`.
    ///
    /// And a warning for `$$@` or `$$*` in a recipe: make passes `$@`/`$*` to the shell, whose
    /// positional parameters are empty there — `$@` (the target) or `$*` (the stem of a pattern
    /// rule) was meant. Inside single quotes, after a backslash, or in a recipe line that sets
    /// its own parameters (`set --`, a shell function `f() { …; }`) it is left alone.
    ///
    /// Every branch of a conditional is read (make skips the branches not taken, but a broken
    /// line stops the build wherever the condition holds), and so is a variable defined with
    /// `=` that nothing uses (make expands it only where it is used).
    ///
    /// ## Why
    /// §1.1.6.9: the build pipeline runs `make` with the project Makefile, which the guide says
    /// to use as printed ("可直接使用如下代码"). Copied from the guide's text it cannot run: its
    /// recipe lines are indented with four spaces, not tabs; the `CHARTS :=` line is broken in
    /// the middle of `$(wildcard` without a `\`; read together, `$(patsubst chart/%/./,
    /// $(wildcard chart/*/.))` has two arguments where `patsubst` needs three (pattern,
    /// replacement, text — `%` is missing); and `[$$@]`, `-$$@` and `make -C $$*` hand the shell
    /// empty variables where the chart's name was meant.
    ///
    /// What make says was checked against GNU make 4.3: `tests/makefile-oracle/cases.mk` holds
    /// the cases, `expected.txt` make's words for each (`scripts/makefile-oracle.sh`).
    ///
    /// ## 中文
    /// 按 GNU make 的方式解析项目 Makefile，报告会让 `make` 停止的问题（错误）：recipe 行用空格
    /// 而不是 Tab 缩进（"missing separator"；从指南文本复制的 Makefile 就是如此）、其他无法解析
    /// 的行、函数参数个数不足（指南中的 `patsubst` 只有两个参数）、未闭合的 `$(`/`${`（指南中
    /// `$(wildcard` 处断行且没有 `\`）、缺少 `endif`/`endef` 等。recipe 中的 `$$@`/`$$*` 会把
    /// 空的 shell 变量传给命令，而本意是 make 的 `$@`/`$*`：警告。
    ///
    /// ## Example
    /// The guide's Makefile as printed, recipe lines indented with spaces:
    /// ```make,fail,file=../../Makefile
    /// HELM := helm
    /// CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/./, $(wildcard
    /// chart/*/.)))
    ///
    /// all: $(CHARTS)
    ///
    /// $(CHARTS):
    ///     @make build-$$@
    ///
    /// build-%:
    ///     if [ -d chart/$* ]; then $(HELM) package chart/$*; fi
    /// ```
    /// ```make,pass,file=../../Makefile
    /// HELM := helm
    /// CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/.,%,$(wildcard \
    ///   chart/*/.)))
    ///
    /// all: $(CHARTS)
    ///
    /// $(CHARTS):
    /// 	@make build-$@
    ///
    /// build-%:
    /// 	if [ -d chart/$* ]; then $(HELM) package chart/$*; fi
    /// ```
    RULE = "LAYOUT-007", Layout, Error | Warning, "§1.1.6.9",
    "Makefile would stop make", "Makefile 会导致 make 失败", Project(check)
}

fn check(scope: &ProjectScope, out: &mut Findings) {
    let Some(file) = scope.project.makefile else {
        return;
    };
    let Some(text) = decode(file) else { return };
    let m = Makefile::parse(text);
    for found in &m.problems {
        let code = &text[found.start..found.end];
        let shut = if code.starts_with("${") { '}' } else { ')' };
        let separator = "missing separator".to_string();
        // What the line is, make's words, and the fix.
        let (what, says, help) = match &found.problem {
            Problem::SpacesRecipe { as_rule } => (
                Text::new("recipe line indented with spaces, not a tab", "recipe 行用空格而不是 Tab 缩进"),
                (!as_rule).then_some(separator),
                Text::new("indent recipe lines with one tab (text copied from a document has spaces instead)", "recipe 行请用一个 Tab 缩进（从文档中复制的文本会变成空格）"),
            ),
            Problem::MissingSeparator => {
                let after_recipe = m
                    .lines
                    .iter()
                    .rev()
                    .find(|l| l.end < found.start && l.kind != Kind::Blank)
                    .is_some_and(|l| matches!(l.kind, Kind::Recipe { .. }));
                (
                    Text::new("the line is no rule (`target: prerequisites`), variable assignment or directive", "该行既不是规则（`目标: 依赖`），也不是变量赋值或指令"),
                    Some(separator),
                    if after_recipe {
                        Text::new("if it continues the recipe line above, end that line with `\\`", "如果它是上一行 recipe 的延续，请在上一行末尾加 `\\`")
                    } else {
                        Text::new("write it as a rule, an assignment or a `#` comment, or end the line before it with `\\` if it continues that one", "请改为规则、变量赋值或 `#` 注释；如果它是上一行的延续，请在上一行末尾加 `\\`")
                    },
                )
            }
            Problem::RecipeBeforeFirstTarget => (
                Text::new("a tab-indented line outside any rule", "规则之外的行以 Tab 开头"),
                Some("recipe commences before first target".into()),
                Text::new("put it right under its rule's `target:` line (an assignment between them ends the recipe), or remove the tab", "请把它放在所属规则的 `目标:` 行之下（中间的变量赋值会结束 recipe），或去掉行首的 Tab"),
            ),
            Problem::Unterminated {
                function,
                broken_line,
            } => (
                text!("`{code}` is not closed on its line", "`{code}` 在本行没有闭合"),
                Some(match function {
                    Some(f) => format!("unterminated call to function '{f}': missing '{shut}'"),
                    None => "unterminated variable reference".into(),
                }),
                if *broken_line {
                    Text::new("it is closed on a following line: the line was broken without `\\` — join the lines, or end this one with `\\`", "它在后面的行才闭合：断行处缺少 `\\`，请合并为一行，或在本行末尾加 `\\`")
                } else {
                    text!("close it with `{shut}`", "请用 `{shut}` 闭合")
                },
            ),
            Problem::Arity {
                function,
                given,
                min,
            } => {
                let usage = usage(function);
                (
                    text!(
                        "`{function}` needs {min} arguments, it is given {given}",
                        "`{function}` 至少需要 {min} 个参数，这里只有 {given} 个"
                    ),
                    Some(format!(
                        "insufficient number of arguments ({given}) to function '{function}'"
                    )),
                    text!(
                        "write it as `{usage}` (arguments are separated by commas)",
                        "正确写法为 `{usage}`（参数之间用逗号分隔）"
                    ),
                )
            }
            Problem::MissingEndif => (
                text!("`{code}` has no `endif`", "`{code}` 缺少 `endif`"),
                Some("missing 'endif'".into()),
                Text::new("close the conditional with `endif`", "请用 `endif` 结束该条件语句"),
            ),
            Problem::Extraneous(word) => (
                text!("`{word}` outside a conditional", "`{word}` 不在条件语句中"),
                Some(format!("extraneous '{word}'")),
                Text::new("remove it, or add the `ifeq`/`ifdef` it belongs to", "请删除它，或补上对应的 `ifeq`/`ifdef`"),
            ),
            Problem::MissingEndef => (
                Text::new("`define` without `endef`", "`define` 缺少 `endef`"),
                Some("missing 'endef', unterminated 'define'".into()),
                Text::new("end the definition with a line `endef`", "请用单独一行 `endef` 结束该定义"),
            ),
        };
        let (what_en, what_zh) = (what.en, what.zh);
        let message = match says {
            Some(says) => text!(
                "{what_en}: make stops with \"{says}\"",
                "{what_zh}：make 报错 \"{says}\" 并停止"
            ),
            None => text!(
                "{what_en}: it has a colon, so make takes it for a rule and the command never runs",
                "{what_zh}：因含有冒号，make 会把它当作规则，命令不会执行"
            ),
        };
        out.report(&file.path, Some(m.range(found.start, found.end)), message)
            .help(help);
    }
    for line in &m.lines {
        let command = match line.kind {
            Kind::Recipe { .. } => line.body,
            Kind::Rule if line.body < line.end => line.body,
            _ => continue,
        };
        let recipe = &text[command..line.end];
        // Parameters of its own: `set -- a b`, a shell function `f() { …; }`.
        if recipe.contains("set --") || recipe.contains("() {") || recipe.contains("(){") {
            continue;
        }
        for at in shell_positionals(recipe) {
            let start = command + at;
            let meant = &recipe[at + 1..at + 3];
            let (what_en, what_zh) = if meant == "$@" {
                ("the target", "目标名")
            } else {
                (
                    "the stem of the pattern rule",
                    "模式规则匹配到的部分（stem）",
                )
            };
            out.report(
                &file.path,
                Some(m.range(start, start + 3)),
                text!(
                    "`${meant}` hands the shell `{meant}`, its positional parameters — empty in a recipe, not {what_en}",
                    "`${meant}` 传给 shell 的是 `{meant}`（shell 的位置参数，在 recipe 中为空），而不是{what_zh}"
                ),
            )
            .help(text!(
                "write `{meant}` for make's automatic variable",
                "请写作 `{meant}`（make 的自动变量）"
            ))
            .severity(Severity::Warning);
        }
    }
}

/// How a function that takes several arguments is called.
fn usage(function: &str) -> &'static str {
    match function {
        "subst" => "$(subst from,to,text)",
        "patsubst" => "$(patsubst pattern,replacement,text)",
        "findstring" => "$(findstring find,in)",
        "filter" => "$(filter pattern…,text)",
        "filter-out" => "$(filter-out pattern…,text)",
        "word" => "$(word n,text)",
        "wordlist" => "$(wordlist s,e,text)",
        "addsuffix" => "$(addsuffix suffix,names…)",
        "addprefix" => "$(addprefix prefix,names…)",
        "join" => "$(join list1,list2)",
        "foreach" => "$(foreach var,list,text)",
        _ => "$(if condition,then-part[,else-part])",
    }
}

/// Offsets of `$$@` and `$$*` in a recipe that reach the shell as `$@`/`$*`: not inside single
/// quotes, not after a backslash or another `$`.
fn shell_positionals(recipe: &str) -> Vec<usize> {
    let b = recipe.as_bytes();
    let (mut out, mut i, mut quoted, mut double) = (Vec::new(), 0, false, false);
    while i < b.len() {
        match b[i] {
            b'\'' if !double => quoted = !quoted,
            b'"' if !quoted => double = !double,
            b'$' if b.get(i + 1) == Some(&b'$') => {
                let after_shell_dollar = i >= 2 && &b[i - 2..i] == b"$$";
                let escaped = i >= 1 && b[i - 1] == b'\\';
                if matches!(b.get(i + 2), Some(b'@' | b'*'))
                    && !quoted
                    && !escaped
                    && !after_shell_dollar
                {
                    out.push(i);
                }
                i += 2;
                continue;
            }
            b'$' => {
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shell_positionals;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, places, Case, Tester};

    const MAKEFILE: &str = "../../Makefile";

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(MAKEFILE)
    }

    #[test]
    fn the_guides_makefile_as_printed() {
        let guide = include_str!("../../../tests/fixtures/makefile-mistakes/Makefile");
        let d = tester().findings(guide);
        let errors: Vec<_> = d
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.range.unwrap().start.line, d.message.en.clone()))
            .collect();
        // The broken `CHARTS :=` line: unterminated, and the short patsubst read across it.
        assert!(errors[0]
            .1
            .contains("unterminated call to function 'filter-out'"));
        assert!(errors[1]
            .1
            .contains("insufficient number of arguments (2) to function 'patsubst'"));
        assert_eq!((errors[0].0, errors[1].0), (4, 4));
        // Every recipe line has spaces; one recipe line is broken without `\`.
        let spaces = errors.iter().filter(|e| e.1.contains("spaces")).count();
        assert_eq!(spaces, 12, "{errors:#?}");
        let separator: Vec<_> = errors.iter().filter(|e| e.1.contains("no rule")).collect();
        assert_eq!(separator.len(), 1, "{errors:#?}");
        assert_eq!(separator[0].0, 17);
        let warnings: Vec<_> = d
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| {
                let r = d.range.unwrap();
                (r.start.line, r.start.column)
            })
            .collect();
        assert_eq!(warnings, [(11, 29), (12, 20), (15, 47)]);
    }

    #[test]
    fn positions() {
        let d = tester().findings("all:\n    @echo $(patsubst a,b)\n");
        assert_eq!(places(&d), [(2, 1, 5), (2, 11, 26)]);
        assert!(help(&d[1]).contains("$(patsubst pattern,replacement,text)"));
        let d = tester().findings("X := $(subst a,b,(c)\n");
        assert_eq!(places(&d), [(1, 6, 13)]);
        assert_eq!(help(&d[0]), "close it with `)`");
    }

    #[test]
    fn shell_dollars() {
        assert_eq!(shell_positionals("echo $$@ $$* $@"), [5, 9]);
        assert!(shell_positionals("echo '$$@' \\$$@ $$$$@ $$$$$$*").is_empty());
        assert_eq!(shell_positionals("echo \"[$$@]\""), [7]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::default(),
                "all:\n\t@echo '$$@' \"$@\"\n\tset -- a b; echo $$@\n\tf() { echo $$*; }; f a\n"
                    .into(),
                "ifeq ($(A),1)\n  X := 1\nelse\n  X := 2\nendif\nall:\n\t@echo $X\n".into(),
                "define T\n$(1):\n\techo $$@\nendef\n$(eval $(call T,x))\n".into(),
            ])
            .fail([
                "all:\n\t@echo $$@\n",
                "all:\n\t@echo a\n  echo b\n",
                "all:\n\t@echo a\nnot a rule\n",
                "X := $(subst a)\n",
                "ifdef A\nX := 1\n",
                "define X\nabc\n",
                "endif\n",
                "\techo a\nall:\n",
            ])
            .test_and_snapshot();
    }
}
