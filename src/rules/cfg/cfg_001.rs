use crate::chart::{decode, Chart, CONFIG_HELPERS};
use crate::declare_rule;
use crate::diagnostic::{Range, Text};
use crate::mako::{self, Platform};
use crate::rules::{cfg, Findings};
use crate::text;
use crate::yaml::{self, Problem, YamlLimits};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports a `templates/_config_helpers.yaml.tpl` that does not parse as YAML:
    /// - **before rendering**: the text as written, at the place the YAML parser stopped. Mako
    ///   control lines (`% if …:`) are not YAML, so outside a block scalar they break the file;
    ///   the help says so when one is involved.
    /// - **after rendering**: the file is rendered with the Mako engine and the result parsed
    ///   again; an error is reported at the *template* line that produced the failing output
    ///   line, with the rendered text in the message. Every branch of every `% if` chain is
    ///   rendered at least once (render *k* takes branch *k* of each chain), so a broken branch
    ///   is found whichever products are installed.
    ///
    /// It also reports a file that is not UTF-8 text, and a top level that is not a map.
    ///
    /// Rendering uses the default simulated platform: no other product is installed
    /// (`safe_render` gives its default; a direct read of another product writes a placeholder,
    /// its failure being CFG-006's finding), `replicas_by_modality` is 3 and
    /// `random_password(tag, n)` gives `n` letters and digits. A template with Mako syntax
    /// errors (CFG-002) is only checked before rendering.
    ///
    /// ## Why
    /// §1.1.6.4: the platform reads `_config_helpers.yaml.tpl` for its `dependencies`,
    /// `base_version` and `trial_days`, and renders `data_template` with Mako into the
    /// configuration it gives Helm; "使用时注意缩进，避免格式错误导致配置渲染失败" — a format
    /// error makes rendering (and so installation) fail. The guide's own examples put the
    /// `% if` lines inside a `key: |-` block scalar, which keeps the file YAML before rendering.
    /// A rendered value that starts with a YAML indicator (`@`, `` ` ``, `%`, `*`, `&`, `!`) or
    /// holds `: ` breaks the YAML only after rendering: quote the substitution.
    ///
    /// ## 中文
    /// `_config_helpers.yaml.tpl` 在渲染前或渲染后不是合法的 YAML（§1.1.6.4）。渲染前：Mako 控制行
    /// （`% if …:`）不是 YAML，需放在块标量（`key: |-`）中，如指南示例所示。渲染后：用 Mako 引擎渲染
    /// （每个 `% if` 分支至少渲染一次），解析失败时报告产生该输出行的模板行，并给出渲染后的文本。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: ${safe_render('mariadb', '/endpoints/admin/password', '@dmin123')}
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     maria_db:
    ///       password: "${safe_render('mariadb', '/endpoints/admin/password', '@dmin123')}"
    /// trial_days: 180
    /// ```
    RULE = "CFG-001", Cfg, Error, "§1.1.6.4",
    "_config_helpers.yaml.tpl is not YAML before or after rendering",
    "_config_helpers.yaml.tpl 渲染前或渲染后不是合法的 YAML",
    Chart(check)
}

/// Most renderings tried (one per branch index of the widest `% if` chain).
const MAX_RENDERS: usize = 16;

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.file(CONFIG_HELPERS) else {
        return;
    };
    let path = file.path.as_str();
    let Some(text) = decode(file) else {
        out.report(
            path,
            None,
            text!(
                "`{CONFIG_HELPERS}` is not UTF-8 text",
                "`{CONFIG_HELPERS}` 不是 UTF-8 文本"
            ),
        )
        .help(text!("save the file as UTF-8", "请以 UTF-8 编码保存该文件"));
        return;
    };
    let Some(src) = cfg::read(chart) else {
        return;
    };
    // Without Mako control or comment lines, the static view is the text itself.
    let own;
    let raw = if src.ch.static_text == text {
        &src.ch.yaml
    } else {
        own = yaml::parse(text, YamlLimits::default());
        &own
    };
    if let Some((range, message)) = first_error(raw) {
        let range = &range;
        let control = control_line_near(text, range.start.line);
        let at = match control {
            Some(line) => line_extent(text, line),
            None => *range,
        };
        let help = match control {
            Some(line) => text!(
                "line {line} is a Mako control line outside a block scalar, which YAML cannot read: put the `% if` block inside `key: |-`, its lines indented under the key, as the guide's example does",
                "第 {line} 行是位于块标量之外的 Mako 控制行，YAML 无法解析：请把 `% if` 块放进 `key: |-` 中并缩进到该键之下，如指南示例所示"
            ),
            None => text!(
                "fix the YAML near here; a `${{…}}` substitution must stay inside one YAML value (quote it if it holds `: ` or ` #`)",
                "请修正此处附近的 YAML；`${{…}}` 替换必须位于同一个 YAML 值之内（若包含 `: ` 或 ` #` 请加引号）"
            ),
        };
        out.report(
            path,
            Some(at),
            text!(
                "`{CONFIG_HELPERS}` does not parse as YAML before rendering: {message}",
                "`{CONFIG_HELPERS}` 在渲染前无法解析为 YAML：{message}"
            ),
        )
        .help(help);
        return;
    }
    if let Some(root) = raw.root() {
        if !root.is_null() && root.as_map().is_none() {
            let kind = crate::rules::acl::acl_001::a_type(root);
            let kind_zh = crate::rules::acl::acl_001::zh_type(root);
            out.report(
                path,
                Some(root.range),
                text!(
                    "the top level of `{CONFIG_HELPERS}` is {kind}, not a map",
                    "`{CONFIG_HELPERS}` 的顶层是{kind_zh}，而不是映射"
                ),
            )
            .help(text!(
                "write the top-level keys `data_template:`, `dependencies:`, `trial_days:` … at column 1",
                "请在第 1 列写出顶层键 `data_template:`、`dependencies:`、`trial_days:` 等"
            ));
            return;
        }
    }
    if !src.parsed.errors.is_empty() {
        return;
    }
    let template = &src.parsed.template;
    let platform = Platform::default();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for k in 0..template.branch_count().min(MAX_RENDERS) {
        let rendered = mako::render_forced(template, &platform, k);
        let y = yaml::parse(&rendered.text, YamlLimits::default());
        let Some((range, message)) = first_error(&y) else {
            continue;
        };
        let out_line = range.start.line;
        let line = rendered.template_line(out_line);
        if !seen.insert(line) {
            continue;
        }
        let rendered_line = rendered
            .text
            .lines()
            .nth(out_line.saturating_sub(1))
            .unwrap_or("")
            .trim_end();
        let shown: String = rendered_line.trim_start().chars().take(80).collect();
        let at = template_range(text, line, rendered_line, range.start.column);
        out.report(
            path,
            Some(at),
            text!(
                "after rendering, `{CONFIG_HELPERS}` does not parse as YAML: {message} (this line renders to `{shown}`)",
                "渲染后 `{CONFIG_HELPERS}` 无法解析为 YAML：{message}（此行渲染为 `{shown}`）"
            ),
        )
        .help(after_help());
    }
}

/// The first problem that stops a YAML loader: a syntax error, or an alias to no anchor (a
/// rendered value starting with `*`).
fn first_error(y: &yaml::Yaml) -> Option<(Range, String)> {
    y.problems.iter().find_map(|p| match p {
        // As before LaterDocument existed: a loader of the whole rendered text stops on an
        // error in any document (only Helm reads just the first).
        Problem::Syntax { range, message } | Problem::LaterDocument { range, message } => {
            Some((*range, message.clone()))
        }
        Problem::UnknownAlias { range } => {
            Some((*range, "an alias (`*name`) to no anchor".to_string()))
        }
        _ => None,
    })
}

fn after_help() -> Text {
    text!(
        "quote a substitution whose value may start with `@`, `*`, `&`, `!`, `%` or hold `: ` (`key: \"${{…}}\"`), and check the indentation of the lines each `% if` branch produces",
        "若替换的值可能以 `@`、`*`、`&`、`!`、`%` 开头或包含 `: `，请为其加引号（`key: \"${{…}}\"`），并检查每个 `% if` 分支生成的行的缩进"
    )
}

/// A Mako control line at or just before `line` (1-based), when one is involved in a YAML error.
fn control_line_near(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2).max(1);
    (from..=line).rev().find(|l| {
        lines
            .get(l - 1)
            .is_some_and(|s| s.trim_start().starts_with('%'))
    })
}

/// Where in template line `line` an error at `column` of the rendered line is: that column when
/// the rendered line is the template line verbatim up to it, else the line's text.
fn template_range(text: &str, line: usize, rendered: &str, column: usize) -> Range {
    let tl = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let prefix_len = column.saturating_sub(1);
    let same = tl
        .chars()
        .take(prefix_len)
        .eq(rendered.chars().take(prefix_len))
        && tl.chars().count() >= prefix_len;
    if same && column <= tl.chars().count() {
        return Range::point(line, column);
    }
    line_extent(text, line)
}

/// The text of line `line`, its indentation left out.
fn line_extent(text: &str, line: usize) -> Range {
    Range::line_text(text.lines().nth(line.saturating_sub(1)).unwrap_or(""), line)
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn syntax_error_before_rendering() {
        let d = tester().one("data_template:\n  a: [1, 2\n  b: 3\n");
        assert!(d.message.en.contains("before rendering"));
        assert_eq!(d.range.unwrap().start.line, 3);
    }

    #[test]
    fn control_lines_outside_a_block_scalar() {
        let d = tester()
            .findings("data_template:\n  conf:\n% if neutron:\n    backend: neutron\n% endif\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("before rendering"));
        assert!(help(&d[0]).contains("block scalar"), "{}", help(&d[0]));
        assert_eq!(starts(&d), [(3, 1)]);
        assert_eq!(d[0].range.unwrap().end.column, 14);
    }

    #[test]
    fn error_after_rendering_maps_to_the_template_line() {
        let d = tester().findings("data_template:\n  endpoints:\n    maria_db:\n      password: ${safe_render('mariadb', '/p', '@dmin')}\ntrial_days: 180\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(starts(&d), [(4, 17)]);
        assert!(d[0].message.en.contains("after rendering"));
        assert!(d[0].message.en.contains("`password: @dmin`"));
        let d = tester()
            .findings("data_template:\n  password: ${safe_render('mariadb', '/p', '*secret*')}\n");
        assert_eq!(starts(&d), [(2, 13)]);
        assert!(d[0].message.en.contains("anchor"), "{}", d[0].message.en);
    }

    #[test]
    fn every_branch_is_rendered() {
        // Only when `neutron` is installed does the first block line get deeper than the next.
        let src = "data_template:\n  d: |-\n    % if neutron:\n        deep\n    % endif\n      shallow\n  e: 1\n";
        let d = tester().one(src);
        assert!(d.message.en.contains("after rendering"));
        assert_eq!(d.range.unwrap().start.line, 6);
        assert!(d.message.en.contains("`shallow`"), "{}", d.message.en);
    }

    #[test]
    fn not_utf8_and_not_a_map() {
        let d = tester().findings(b"data_template:\n  a: \xff\n");
        assert!(d[0].message.en.contains("UTF-8"));
        let d = tester().findings("- data_template\n");
        assert_eq!(starts(&d), [(1, 1)]);
        assert!(d[0].message.en.contains("a list"));
    }

    #[test]
    fn mako_errors_leave_rendering_to_cfg_002() {
        tester().pass(["data_template:\n  a: ${x\n"]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                "data_template:\n  a: ${replicas_by_modality}\ntrial_days: 180\n",
                include_str!("../../../tests/fixtures/mako/guide_example.yaml.tpl"),
                "",
                "# only a comment\n",
                "data_template:\n  pw: |-\n    % if mariadb:\n    ${mariadb.get('pw', 'x')}\n    % else:\n    ${random_password('pw', 8)}\n    % endif\n",
                // Every branch is rendered: fine in both.
                "data_template:\n  d: |-\n    % if neutron:\n      ${neutron.get('v', 'x')}\n    % else:\n    ${'a'}\n    % endif\n  e: 1\n",
            ])
            .test_and_snapshot();
    }
}
