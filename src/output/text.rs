//! Text output for people: findings grouped per input and chart, each with a code frame (the
//! source line with carets under the range, like rustc and ruff), the resource requirement of each
//! chart and a closing summary. English or Chinese; ANSI colours only when asked for.

use super::{
    char_width, is_bidi_control, rule_docs, rule_severity_words, rule_title, sanitize,
    severity_word, str_width, view, InputView,
};
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::render::usage::{ImageUse, RenderedResources};
use crate::report::{ChartReport, InputReport, Report, ResourceSource, Resources};
use crate::rules::{Rule, ALL};
use std::fmt::Write as _;

/// How to render text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    pub lang: Lang,
    /// Use ANSI colours.
    pub color: bool,
}

/// Widest source line shown in a code frame, in terminal columns; longer lines are cut to a
/// window around the range.
const MAX_LINE_WIDTH: usize = 120;
/// A range over more lines than this shows its first lines and its last line only.
const MAX_FRAME_LINES: usize = 4;

/// ANSI styles, or nothing.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn gutter(self, s: &str) -> String {
        self.wrap("1;34", s)
    }
    fn severity(self, sev: Severity, s: &str) -> String {
        self.wrap(severity_code(sev), s)
    }
    fn good(self, s: &str) -> String {
        self.wrap("1;32", s)
    }
    fn help(self, s: &str) -> String {
        self.wrap("1;36", s)
    }
}

fn severity_code(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// Render a whole report. `views[i]` gives the files and display paths of `report.inputs[i]`
/// (missing views: paths as reported, no code frames).
pub fn render(report: &Report, views: &[InputView], opts: &TextOptions) -> String {
    let mut out = String::new();
    let p = Paint(opts.color);
    for (i, input) in report.inputs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_input(&mut out, input, &view(views, i), opts, p);
    }
    if !report.inputs.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary_line(report, opts.lang, p));
    out.push('\n');
    out
}

fn render_input(
    out: &mut String,
    input: &InputReport,
    v: &InputView,
    opts: &TextOptions,
    p: Paint,
) {
    let lang = opts.lang;
    let path = sanitize(&input.path);
    let files = input.files.len();
    let charts = input.charts.len();
    let head = match (lang, input.unreadable) {
        (Lang::En, false) => format!(
            "input {path} ({files} {}, {charts} {})",
            plural(files, "file"),
            plural(charts, "chart")
        ),
        (Lang::En, true) => format!("input {path} (unreadable)"),
        (Lang::Zh, false) => format!("输入 {path}（{files} 个文件，{charts} 个 chart）"),
        (Lang::Zh, true) => format!("输入 {path}（无法读取）"),
    };
    let _ = writeln!(out, "{}", p.bold(&head));

    // Each finding goes to exactly one group: its chart, or the input as a whole.
    let mut groups: Vec<Vec<&Diagnostic>> = vec![Vec::new(); charts + 1];
    // Silenced findings are counted in the summary, shown in JSON, SARIF and the page.
    for d in input.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
        groups[assign(d, &input.charts).unwrap_or(charts)].push(d);
    }
    for d in &groups[charts] {
        out.push('\n');
        render_diagnostic(out, d, &input.path, v, lang, p);
    }
    for (ci, chart) in input.charts.iter().enumerate() {
        out.push('\n');
        let root = v.display_path(&format!("{}/", chart.root));
        let root = root.trim_end_matches('/');
        let root = if root.is_empty() { "." } else { root };
        let name = sanitize(&chart.name);
        let version = chart
            .version
            .as_deref()
            .map(|s| format!(" {}", sanitize(s)))
            .unwrap_or_default();
        let head = match lang {
            Lang::En => format!("chart {name}{version} at {root}"),
            Lang::Zh => format!("chart {name}{version}，位于 {root}"),
        };
        let _ = writeln!(out, "{}", p.bold(&head));
        for d in &groups[ci] {
            out.push('\n');
            render_diagnostic(out, d, &input.path, v, lang, p);
        }
        if let Some(r) = &chart.resources {
            if !groups[ci].is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "  {}", resources_line_inner(r, lang, p));
        }
        if let Some(r) = &chart.rendered_resources {
            let mut line = rendered_resources_line(r, lang, p);
            let skipped = chart.manifests.as_ref().map_or(0, |m| m.not_rendered.len());
            if skipped > 0 {
                let deps: Vec<&str> = chart
                    .manifests
                    .iter()
                    .flat_map(|m| &m.not_rendered)
                    .map(|n| n.dependency.as_str())
                    .collect();
                let deps = deps.first().copied().unwrap_or_default();
                let _ = match lang {
                    Lang::En => write!(
                        line,
                        "; {skipped} {} not rendered ({deps} missing)",
                        plural(skipped, "template")
                    ),
                    Lang::Zh => write!(line, "；{skipped} 个模板未渲染（缺少 {deps}）"),
                };
            }
            let _ = writeln!(out, "  {line}");
        }
        images_lines(out, &chart.images, lang, p);
    }
}

/// `rendered: cpu 700m, memory 1536Mi in 3 workloads` (what the rendered pods request).
fn rendered_resources_line(r: &RenderedResources, lang: Lang, p: Paint) -> String {
    let (cpu, mem, n) = (r.cpu_m, r.memory_mi, r.workloads.len());
    match lang {
        Lang::En => format!(
            "{} cpu {cpu}m, memory {mem}Mi requested by {n} {} (requests × replicas)",
            p.bold("rendered:"),
            plural(n, "workload")
        ),
        Lang::Zh => format!(
            "{}{n} 个工作负载请求 CPU {cpu}m，内存 {mem}Mi（requests × 副本数）",
            p.bold("渲染结果：")
        ),
    }
}

/// `images:` and each image the rendered containers run, once, with where it is first used.
fn images_lines(out: &mut String, images: &[ImageUse], lang: Lang, p: Paint) {
    let mut seen: Vec<&str> = Vec::new();
    for image in images {
        if seen.contains(&image.image.as_str()) {
            continue;
        }
        if seen.is_empty() {
            let head = match lang {
                Lang::En => "images:",
                Lang::Zh => "镜像：",
            };
            let _ = writeln!(out, "  {}", p.bold(head));
        }
        seen.push(&image.image);
        let place = if image.line > 0 {
            format!("{}:{}", sanitize(&image.file), image.line)
        } else {
            sanitize(&image.file).into_owned()
        };
        let _ = writeln!(
            out,
            "    {}  {} {place}",
            sanitize(&image.image),
            sanitize(&image.object)
        );
    }
}

/// The chart a finding belongs to: by name, and by root when two charts share a name.
fn assign(d: &Diagnostic, charts: &[ChartReport]) -> Option<usize> {
    let name = d.chart.as_deref()?;
    let mut candidates = charts.iter().enumerate().filter(|(_, c)| c.name == name);
    let first = candidates.next()?.0;
    let file = d.file.as_deref().unwrap_or("");
    let by_root = std::iter::once(first)
        .chain(candidates.map(|(i, _)| i))
        .find(|&i| charts[i].root.is_empty() || file.starts_with(&format!("{}/", charts[i].root)));
    Some(by_root.unwrap_or(first))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Findings of input `input_path` as [`render`] shows them, without the headings of the input
/// and its charts, in plain text: the rule tester's snapshots (`rules::tester`).
#[cfg(test)]
pub(crate) fn render_findings(
    diagnostics: &[Diagnostic],
    input_path: &str,
    v: &InputView,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        if !out.is_empty() {
            out.push('\n');
        }
        render_diagnostic(&mut out, d, input_path, v, lang, Paint(false));
    }
    out
}

/// `file:line:col: severity[RULE] message`, a code frame, and `= help: ...`.
fn render_diagnostic(
    out: &mut String,
    d: &Diagnostic,
    input_path: &str,
    v: &InputView,
    lang: Lang,
    p: Paint,
) {
    let mut place = match &d.file {
        Some(f) => sanitize(&v.display_path(f)).into_owned(),
        None => sanitize(input_path).into_owned(),
    };
    if let (Some(r), Some(_)) = (&d.range, &d.file) {
        let _ = write!(place, ":{}:{}", r.start.line, r.start.column);
    }
    let sev = severity_word(d.severity, lang);
    let _ = writeln!(
        out,
        "{}: {} {}",
        p.bold(&place),
        p.severity(d.severity, &format!("{sev}[{}]", d.rule)),
        p.bold(&sanitize(d.message.get(lang)))
    );
    let frame = match (&d.file, &d.range) {
        (Some(f), Some(r)) => v
            .text(f)
            .and_then(|text| code_frame(text, r, d.severity, p)),
        _ => None,
    };
    let width = frame.as_ref().map_or(1, |(_, w)| *w);
    if let Some((frame, _)) = &frame {
        out.push_str(frame);
    }
    if let Some(h) = &d.help {
        let label = match lang {
            Lang::En => "help: ",
            Lang::Zh => "帮助：",
        };
        if frame.is_some() {
            let _ = writeln!(out, "{} {}", " ".repeat(width), p.gutter("|"));
        }
        let _ = writeln!(
            out,
            "{} {} {}{}",
            " ".repeat(width),
            p.gutter("="),
            p.help(label),
            sanitize(h.get(lang))
        );
    }
    if let Some(c) = &d.configured {
        let by = sanitize(&v.display_path(&c.by)).into_owned();
        let note = match lang {
            Lang::En => format!(
                "note: {} by {by} (the rule's: {})",
                d.severity.as_str(),
                c.severity.as_str()
            ),
            Lang::Zh => format!(
                "注：{} 设定为{}（规则默认：{}）",
                by,
                d.severity.as_zh(),
                c.severity.as_zh()
            ),
        };
        let _ = writeln!(out, "{} {} {note}", " ".repeat(width), p.gutter("="));
    }
}

/// One character of a source line as shown: its text and width.
fn shown(c: char) -> (String, usize) {
    if c == '\t' {
        ("    ".to_string(), 4)
    } else if c.is_control() || is_bidi_control(c) {
        ("\u{FFFD}".to_string(), 1)
    } else {
        (c.to_string(), char_width(c))
    }
}

/// The source line `line` with an underline from column `from` to column `to` (1-based,
/// exclusive end, in characters), cut to a window when it is long. Returns the shown text and the
/// underline (spaces, then carets).
fn underline(line: &str, from: usize, to: usize) -> (String, String) {
    let pieces: Vec<(String, usize)> = line.chars().map(shown).collect();
    let n = pieces.len();
    let from = from.max(1).min(n + 1);
    let to = to.max(from + 1).min(n.max(from) + 1);
    // Display columns (0-based) where each char starts; one past the end for the end of line.
    let mut starts = Vec::with_capacity(n + 1);
    let mut col = 0;
    for (_, w) in &pieces {
        starts.push(col);
        col += w;
    }
    starts.push(col);
    let total = col;
    let a = starts[from - 1];
    let b = if to - 1 <= n {
        starts[to - 1]
    } else {
        total + 1
    };
    let b = b.max(a + 1);

    let (win_start, win_end) = if total <= MAX_LINE_WIDTH {
        (0, total.max(b))
    } else {
        let s = a.saturating_sub(MAX_LINE_WIDTH / 3);
        (s, (s + MAX_LINE_WIDTH).max(b.min(s + MAX_LINE_WIDTH)))
    };
    let mut text = String::new();
    let mut lead = 0;
    if win_start > 0 {
        text.push('…');
        lead = 1;
    }
    let mut cut_end = false;
    for (i, (s, w)) in pieces.iter().enumerate() {
        let c0 = starts[i];
        if c0 < win_start {
            continue;
        }
        if c0 + w > win_end {
            cut_end = true;
            break;
        }
        text.push_str(s);
    }
    if cut_end {
        text.push('…');
    }
    // Skipped partial characters at the window start shift columns; recompute from what is shown.
    let first_shown = starts.iter().position(|&c| c >= win_start).unwrap_or(n);
    let shown_start = starts[first_shown];
    let ca = a.max(shown_start) - shown_start + lead;
    let cb = b.min(win_end.max(a + 1)).max(a + 1) - a.max(shown_start) + ca;
    let carets = "^".repeat((cb - ca).max(1));
    (
        text.trim_end().to_string(),
        format!("{}{}", " ".repeat(ca), carets),
    )
}

/// A code frame for `range` in `text`, and the gutter width it uses.
fn code_frame(
    text: &str,
    range: &crate::diagnostic::Range,
    sev: Severity,
    p: Paint,
) -> Option<(String, usize)> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let first = range.start.line;
    if first == 0 || first > lines.len() {
        return None;
    }
    // An exclusive end at column 1 of a later line ends on the line before.
    let mut last = range.end.line.max(first);
    if last > first && range.end.column <= 1 {
        last -= 1;
    }
    let last = last.min(lines.len());
    let numbers: Vec<usize> = if last - first + 1 > MAX_FRAME_LINES {
        let mut v: Vec<usize> = (first..first + MAX_FRAME_LINES - 1).collect();
        v.push(last);
        v
    } else {
        (first..=last).collect()
    };
    let width = last.to_string().len();
    let pad = " ".repeat(width);
    let bar = p.gutter("|");
    let mut out = String::new();
    let _ = writeln!(out, "{pad} {bar}");
    let mut prev = None;
    for &n in &numbers {
        if prev.is_some_and(|q: usize| n > q + 1) {
            let _ = writeln!(out, "{}", p.gutter(&format!("{:>width$}", "...")));
        }
        prev = Some(n);
        let line = lines[n - 1];
        let from = if n == first {
            range.start.column
        } else {
            first_text_column(line)
        };
        let to = if n == range.end.line {
            range.end.column
        } else {
            line.chars().count() + 1
        };
        let (shown_line, under) = underline(line, from, to);
        let num = p.gutter(&format!("{n:>width$}"));
        if shown_line.is_empty() {
            let _ = writeln!(out, "{num} {bar}");
        } else {
            let _ = writeln!(out, "{num} {bar} {shown_line}");
        }
        let under = under.trim_end();
        let spaces = under.len() - under.trim_start().len();
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            &under[..spaces],
            p.severity(sev, &under[spaces..])
        );
    }
    Some((out, width))
}

/// The column of the first non-blank character of a line (1 when blank).
fn first_text_column(line: &str) -> usize {
    line.chars()
        .position(|c| !c.is_whitespace())
        .map_or(1, |i| i + 1)
}

/// `resources: computed, cpu 700m / 6000m, memory 1536Mi / 12288Mi` (the resource summary of
/// one chart).
pub fn resources_line(r: &Resources, lang: Lang, color: bool) -> String {
    resources_line_inner(r, lang, Paint(color))
}

fn resources_line_inner(r: &Resources, lang: Lang, p: Paint) -> String {
    let exempt = r.source == ResourceSource::Exempt;
    let source = match (lang, &r.source) {
        (Lang::En, ResourceSource::Computed) => "computed".to_string(),
        (Lang::En, ResourceSource::Declared) => "declared".to_string(),
        (Lang::En, ResourceSource::Exempt) => "exempt".to_string(),
        (Lang::Zh, ResourceSource::Computed) => "计算得出".to_string(),
        (Lang::Zh, ResourceSource::Declared) => "声明".to_string(),
        (Lang::Zh, ResourceSource::Exempt) => "豁免".to_string(),
    };
    let source = match &r.exempt_reason {
        Some(why) if exempt => format!("{source} ({})", sanitize(why)),
        _ => source,
    };
    let figure = |value: u64, limit: u64, unit: &str| {
        let s = format!("{value}{unit} / {limit}{unit}");
        if value > limit && !exempt {
            p.severity(Severity::Error, &s)
        } else {
            s
        }
    };
    let cpu = figure(r.cpu_m, r.limit_cpu_m, "m");
    let mem = figure(r.memory_mi, r.limit_memory_mi, "Mi");
    let mut line = match lang {
        Lang::En => format!("{} {source}, cpu {cpu}, memory {mem}", p.bold("resources:")),
        Lang::Zh => format!("{}{source}，CPU {cpu}，内存 {mem}", p.bold("资源：")),
    };
    if let (Some(c), Some(m)) = (r.computed_cpu_m, r.computed_memory_mi) {
        if r.source == ResourceSource::Declared && (c != r.cpu_m || m != r.memory_mi) {
            let _ = match lang {
                Lang::En => write!(line, " (values.yaml sums to {c}m, {m}Mi)"),
                Lang::Zh => write!(line, "（values.yaml 合计 {c}m，{m}Mi）"),
            };
        }
    }
    line
}

/// `summary: 1 error, 2 warnings, 0 infos in 1 input (1 chart)`.
fn summary_line(report: &Report, lang: Lang, p: Paint) -> String {
    let s = &report.summary;
    let inputs = report.inputs.len();
    let charts: usize = report.inputs.iter().map(|i| i.charts.len()).sum();
    let count =
        |n: usize, sev: Severity, text: String| if n > 0 { p.severity(sev, &text) } else { text };
    let line = match lang {
        Lang::En => format!(
            "{} {}, {}, {} in {inputs} {} ({charts} {})",
            if s.errors > 0 {
                p.bold("summary:")
            } else {
                p.good("summary:")
            },
            count(
                s.errors,
                Severity::Error,
                format!("{} {}", s.errors, plural(s.errors, "error"))
            ),
            count(
                s.warnings,
                Severity::Warning,
                format!("{} {}", s.warnings, plural(s.warnings, "warning"))
            ),
            count(
                s.infos,
                Severity::Info,
                format!("{} {}", s.infos, plural(s.infos, "info"))
            ),
            plural(inputs, "input"),
            plural(charts, "chart"),
        ),
        Lang::Zh => format!(
            "{}{}，{}，{}（{inputs} 个输入，{charts} 个 chart）",
            if s.errors > 0 {
                p.bold("汇总：")
            } else {
                p.good("汇总：")
            },
            count(s.errors, Severity::Error, format!("{} 个错误", s.errors)),
            count(
                s.warnings,
                Severity::Warning,
                format!("{} 个警告", s.warnings)
            ),
            count(s.infos, Severity::Info, format!("{} 个提示", s.infos)),
        ),
    };
    match (s.suppressed, s.baselined, lang) {
        (0, _, _) => line,
        (n, 0, Lang::En) => format!("{line}; {n} suppressed"),
        (n, 0, Lang::Zh) => format!("{line}；{n} 个已抑制"),
        (n, b, Lang::En) => format!("{line}; {n} suppressed ({b} by the baseline)"),
        (n, b, Lang::Zh) => format!("{line}；{n} 个已抑制（其中 {b} 个来自基线）"),
    }
}

/// `ecplint rules`: one line per rule (ID, severity, group, guide section, title).
pub fn render_rules(lang: Lang, color: bool) -> String {
    let p = Paint(color);
    let head: [&str; 5] = match lang {
        Lang::En => ["ID", "SEVERITY", "GROUP", "GUIDE", "TITLE"],
        Lang::Zh => ["编号", "级别", "分组", "章节", "标题"],
    };
    let rows: Vec<(&Rule, [String; 4])> = ALL
        .iter()
        .map(|r| {
            let cells = [
                r.id.to_string(),
                rule_severity_words(r, lang),
                r.group.as_str().to_string(),
                r.section.to_string(),
            ];
            (*r, cells)
        })
        .collect();
    let mut widths = [0usize; 4];
    for (i, w) in widths.iter_mut().enumerate() {
        *w = rows
            .iter()
            .map(|(_, c)| str_width(&c[i]))
            .chain([str_width(head[i])])
            .max()
            .unwrap_or(0);
    }
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(str_width(s))));
    let mut out = String::new();
    let header: Vec<String> = (0..4).map(|i| pad(head[i], widths[i])).collect();
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!("{}  {}", header.join("  "), head[4]))
    );
    for (rule, cells) in &rows {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}",
            p.bold(&pad(&cells[0], widths[0])),
            p.severity(rule.severity, &pad(&cells[1], widths[1])),
            pad(&cells[2], widths[2]),
            pad(&cells[3], widths[3]),
            rule_title(rule, lang)
        );
    }
    out
}

/// `ecplint rule ID`: the rule's heading line and its documentation (Markdown).
pub fn render_rule(rule: &Rule, lang: Lang, color: bool) -> String {
    let p = Paint(color);
    let sev = severity_word(rule.severity, lang);
    // A rule whose severity depends on the case: its default, then every severity it can give.
    let by_case = if rule.severity_varies() {
        let all = rule_severity_words(rule, lang);
        match lang {
            Lang::En => format!(" (by case: {all}, see below)"),
            Lang::Zh => format!("（视情况而定：{all}，见下文）"),
        }
    } else {
        String::new()
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        p.bold(rule.id),
        p.bold(rule_title(rule, lang))
    );
    let _ = match lang {
        Lang::En => writeln!(
            out,
            "severity: {}{by_case} · group: {} · guide: {}",
            p.severity(rule.severity, sev),
            rule.group.as_str(),
            if rule.section.is_empty() {
                "-"
            } else {
                rule.section
            }
        ),
        Lang::Zh => writeln!(
            out,
            "级别：{}{by_case} · 分组：{} · 指南章节：{}",
            p.severity(rule.severity, sev),
            rule.group.as_str(),
            if rule.section.is_empty() {
                "-"
            } else {
                rule.section
            }
        ),
    };
    let docs = rule_docs(rule);
    if !docs.is_empty() {
        out.push('\n');
        out.push_str(&docs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Range};

    fn range(l1: usize, c1: usize, l2: usize, c2: usize) -> Range {
        Range {
            start: Pos {
                line: l1,
                column: c1,
            },
            end: Pos {
                line: l2,
                column: c2,
            },
        }
    }

    fn frame(text: &str, r: Range) -> String {
        code_frame(text, &r, Severity::Error, Paint(false))
            .unwrap()
            .0
    }

    #[test]
    fn single_line_frame() {
        let f = frame("a: 1\nname: My_Product\n", range(2, 7, 2, 17));
        assert_eq!(f, "  |\n2 | name: My_Product\n  |       ^^^^^^^^^^\n");
    }

    #[test]
    fn frame_under_wide_characters_and_tabs() {
        let f = frame("- zh_CN:我的 x\n", range(1, 12, 1, 13));
        assert_eq!(f, "  |\n1 | - zh_CN:我的 x\n  |              ^\n");
        let f = frame("\tk: v\n", range(1, 5, 1, 6));
        assert_eq!(f, "  |\n1 |     k: v\n  |        ^\n");
    }

    #[test]
    fn frame_at_end_of_line_and_beyond() {
        let f = frame("key:\n", range(1, 5, 1, 6));
        assert_eq!(f, "  |\n1 | key:\n  |     ^\n");
        assert!(code_frame("a\n", &range(9, 1, 9, 2), Severity::Error, Paint(false)).is_none());
    }

    #[test]
    fn multi_line_frame_is_cut() {
        let text = "a:\n  b: 1\n  c: 2\n  d: 3\n  e: 4\n  f: 5\n";
        let f = frame(text, range(1, 1, 6, 7));
        assert_eq!(
            f,
            "  |\n1 | a:\n  | ^^\n2 |   b: 1\n  |   ^^^^\n3 |   c: 2\n  |   ^^^^\n...\n6 |   f: 5\n  |   ^^^^\n"
        );
        // An end at column 1 of the next line ends on the line before.
        let f = frame("x: 1\ny: 2\n", range(1, 1, 2, 1));
        assert_eq!(f, "  |\n1 | x: 1\n  | ^^^^\n");
    }

    #[test]
    fn long_lines_are_windowed() {
        let line = format!("{}TARGET{}", "a".repeat(300), "b".repeat(300));
        let f = frame(&line, range(1, 301, 1, 307));
        let lines: Vec<&str> = f.lines().collect();
        assert!(str_width(lines[1]) <= MAX_LINE_WIDTH + 8, "{}", lines[1]);
        let text_col = lines[1].find("TARGET").unwrap();
        let caret_col = lines[2].find('^').unwrap();
        assert_eq!(
            lines[1][..text_col].chars().count(),
            lines[2][..caret_col].chars().count()
        );
        assert_eq!(lines[2].matches('^').count(), 6);
    }

    #[test]
    fn control_characters_are_not_printed() {
        let f = frame("a: \u{1b}[2Jx\n", range(1, 4, 1, 5));
        assert!(!f.contains('\u{1b}'));
    }
}
