use crate::chart::config_helpers::Kind;
use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::{Pos, Range, Text};
use crate::mako::{self, expr::KEYWORDS, Use};
use crate::rules::cfg::{self, cannot_be_product, safe_render_for, Source, MAKO_NAMES};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports, in `templates/_config_helpers.yaml.tpl`, another product's ID written as a bare
    /// Mako name when the ID is not a Python identifier:
    /// - an ID with `-`: `${my-db['endpoints']}` is the subtraction `my - db['endpoints']`
    ///   (found when the parts touch the `-`, as an ID is written, or when the ID joined from
    ///   the parts is declared in `dependencies`, however spaced);
    /// - an ID that is a Python keyword: `return` (the guide's own `parallel_services` example
    ///   declares a product `return`), `global`, `import`, `pass`… — `${return['x']}`,
    ///   `% if return:` — when the keyword is followed by `[` or `.`, or is declared in
    ///   `dependencies`.
    ///
    /// CFG-006 and CFG-007 then leave the pieces alone (without this rule, CFG-006 would call
    /// `${my-db['x']}` an unguarded read of a product `db`), and CFG-002 leaves the keyword's
    /// syntax error to this rule.
    ///
    /// ## Why
    /// §1.1.6.4 reads another product's config as `${云产品名[配置项]}`, and Mako evaluates
    /// the expression as Python. A product ID with `-` is not one name but two names and a
    /// minus: `my` and `db` are undefined, and rendering fails (an undefined name cannot be
    /// subscripted or subtracted) — even when `my-db` is installed. A keyword cannot be a name
    /// at all: Mako cannot compile the template, and nothing of it renders. No guard helps,
    /// since `% if my-db:` fails the same way.
    ///
    /// The guide's accessor that takes the ID as a string is the one to use:
    /// `safe_render('my-db', '/endpoints/admin/password', default)` (and `safe_render_multi`
    /// for a `parallel_services` group). They need platform 6.1.1 (the guide's version note);
    /// the guide documents no way to read such a product on an older platform.
    ///
    /// ## 中文
    /// 云产品标识不是合法的 Python 标识符（含 `-`，或是 `return` 等 Python 关键字），却在
    /// `_config_helpers.yaml.tpl` 中直接作为 Mako 名称使用：`${my-db['x']}` 被解析为减法
    /// `my - db['x']`，渲染失败；关键字则使整个模板无法编译（§1.1.6.4）。请使用以字符串传入云产品标识的
    /// `safe_render('my-db', '/path', default)`（平行依赖用 `safe_render_multi`，需平台 6.1.1）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     db:
    ///       password: ${my-db['endpoints']['admin']['password']}
    /// dependencies:
    ///   platform_version: 6.1.1
    ///   services:
    ///     my-db: 6.0.1
    /// trial_days: 180
    /// ```
    /// ```yaml,pass,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   endpoints:
    ///     db:
    ///       password: ${safe_render('my-db', '/endpoints/admin/password', 'default')}
    /// dependencies:
    ///   platform_version: 6.1.1
    ///   services:
    ///     my-db: 6.0.1
    /// trial_days: 180
    /// ```
    /// The guide's `parallel_services` example declares a product `return`:
    /// ```yaml,fail,file=templates/_config_helpers.yaml.tpl
    /// data_template:
    ///   password: |-
    ///     % if return:
    ///     ${return.get('password', 'default')}
    ///     % else:
    ///     default
    ///     % endif
    /// dependencies:
    ///   parallel_services:
    ///     - iam: 6.0.1
    ///       schedule: 6.0.1
    ///     - return: 6.0.1
    ///       proton: 6.0.1
    /// trial_days: 180
    /// ```
    RULE = "CFG-010", Cfg, Error, "§1.1.6.4",
    "Product ID that is not a Python name used in Mako",
    "不是合法 Python 名称的云产品标识被直接用于 Mako",
    Chart(check)
}

/// A product ID with `-` written as bare names (`my-db['x']`, which is `my - db['x']`).
pub(crate) struct Hyphenated<'t> {
    pub id: String,
    /// From the first part to the end of what follows the last one (`['x']`).
    pub range: Range,
    /// What follows the last part.
    pub ops: &'t [mako::Postfix],
    pub in_condition: bool,
}

/// Whether a use of a bare name is one of the parts of a hyphenated ID (CFG-010 reports it;
/// the rules about names leave it alone).
pub(crate) fn is_part(hits: &[Hyphenated], u: &Use) -> bool {
    hits.iter()
        .any(|h| h.range.start <= u.range.start && u.range.end <= h.range.end)
}

/// Whether `name` can be a part of a product ID (not a function or a name with `_`).
fn id_word(name: &str) -> bool {
    !mako::is_function(name) && !cannot_be_product(name) && !MAKO_NAMES.contains(&name)
}

/// Every product ID with `-` written as bare names in the template, found from the uses
/// (`uses`, in template order) and the text between them: the parts touch their `-`, as an ID
/// is written, or the ID they join into is declared in `dependencies`.
pub(crate) fn hyphenated<'t>(src: &Source, uses: &[Use<'t>]) -> Vec<Hyphenated<'t>> {
    let lines: Vec<&str> = src.ch.text.lines().collect();
    let mut out: Vec<Hyphenated<'t>> = Vec::new();
    for u in uses {
        if !u.ops.is_empty() || !id_word(u.name) || is_part(&out, u) {
            continue;
        }
        let Some(line) = lines.get(u.range.start.line - 1) else {
            continue;
        };
        let chars: Vec<char> = line.chars().collect();
        let spaces = |j: usize| {
            chars[j.min(chars.len())..]
                .iter()
                .take_while(|c| **c == ' ')
                .count()
        };
        // The parts after the first: (word, start column index, touching its `-`).
        let mut parts: Vec<(String, usize, bool)> = Vec::new();
        let mut at = u.range.end.column - 1;
        loop {
            let before = spaces(at);
            if chars.get(at + before) != Some(&'-') {
                break;
            }
            let after = spaces(at + before + 1);
            let start = at + before + 1 + after;
            let word: String = chars[start.min(chars.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .collect();
            if word.is_empty()
                || !(word.starts_with(|c: char| c.is_ascii_digit()) || id_word(&word))
            {
                break;
            }
            at = start + word.chars().count();
            parts.push((word, start, before == 0 && after == 0));
        }
        let joined = |n: usize| {
            std::iter::once(u.name)
                .chain(parts[..n].iter().map(|p| p.0.as_str()))
                .collect::<Vec<_>>()
                .join("-")
        };
        let n = (1..=parts.len())
            .rev()
            .find(|&n| src.declared(&joined(n)).is_some())
            .unwrap_or_else(|| parts.iter().take_while(|p| p.2).count());
        if n == 0 {
            continue;
        }
        let (word, start, _) = &parts[n - 1];
        let column = start + 1;
        let mut end = Pos {
            line: u.range.start.line,
            column: column + word.chars().count(),
        };
        // The last part read: `db['x']` is a use of its own, with what follows it.
        let last = uses
            .iter()
            .find(|v| v.range.start.line == end.line && v.range.start.column == column);
        let ops = last.map_or(&[][..], |v| v.ops);
        if let Some(v) = last {
            end = v.expr_range.end;
        }
        out.push(Hyphenated {
            id: joined(n),
            range: Range {
                start: u.range.start,
                end,
            },
            ops,
            in_condition: u.in_condition,
        });
    }
    out
}

/// A product ID that is or holds a Python keyword, where an expression did not parse at the
/// keyword: the ID, the keyword and the ID's range.
pub(crate) fn keyword_id(src: &Source, e: &mako::MakoError) -> Option<(String, String, Range)> {
    let r = e.range;
    if r.start.line != r.end.line {
        return None;
    }
    let line = src.ch.text.lines().nth(r.start.line.checked_sub(1)?)?;
    let chars: Vec<char> = line.chars().collect();
    let (s, t) = (r.start.column.checked_sub(1)?, r.end.column.checked_sub(1)?);
    let word: String = chars.get(s..t)?.iter().collect();
    if !KEYWORDS.contains(&word.as_str()) {
        return None;
    }
    // Widen over an ID's other `-`-joined parts (`my-return`).
    let id_char = |c: &char| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-';
    let mut start = s - chars[..s].iter().rev().take_while(|c| id_char(c)).count();
    let mut end = t + chars[t..].iter().take_while(|c| id_char(c)).count();
    while chars[start] == '-' {
        start += 1;
    }
    while chars[end - 1] == '-' {
        end -= 1;
    }
    let id: String = chars[start..end].iter().collect();
    let next = chars[end..].iter().find(|c| !c.is_whitespace());
    let read = matches!(next, Some('[' | '.'));
    (read || src.declared(&id).is_some()).then(|| {
        let range = Range {
            start: Pos {
                line: r.start.line,
                column: start + 1,
            },
            end: Pos {
                line: r.start.line,
                column: end + 1,
            },
        };
        (id, word, range)
    })
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(src) = cfg::read(chart) else {
        return;
    };
    let uses = src.uses();
    for h in hyphenated(&src, &uses) {
        let id = &h.id;
        let as_python = id.replace('-', " - ");
        let u = Use {
            name: id,
            range: h.range,
            ops: h.ops,
            expr_range: h.range,
            guarded: false,
            in_condition: h.in_condition,
            whole: false,
        };
        out.report(
            src.path(),
            Some(h.range),
            text!(
                "`{id}` is not a Python name: Mako reads it as the subtraction `{as_python}`, and rendering fails",
                "`{id}` 不是合法的 Python 名称：Mako 将其读作减法 `{as_python}`，渲染失败"
            ),
        )
        .help(fix(&src, id, safe_render_for(&u), h.in_condition));
    }
    for e in &src.parsed.errors {
        let Some((id, keyword, range)) = keyword_id(&src, e) else {
            continue;
        };
        let control_line = src
            .ch
            .text
            .lines()
            .nth(range.start.line - 1)
            .is_some_and(|l| l.trim_start().starts_with('%'));
        out.report(
            src.path(),
            Some(range),
            text!(
                "`{id}` is not a Python name (`{keyword}` is a keyword): Mako cannot compile the template",
                "`{id}` 不是合法的 Python 名称（`{keyword}` 是关键字）：Mako 无法编译该模板"
            ),
        )
        .help(fix(&src, &id, None, control_line));
    }
}

/// `safe_render` (`safe_render_multi` for a `parallel_services` group), which takes the ID as
/// a string.
fn fix(src: &Source, id: &str, safe: Option<String>, in_condition: bool) -> Text {
    let partners = src.parallel_partners(id);
    let call = if src.declared(id) == Some(Kind::Parallel) && !partners.is_empty() {
        let list = std::iter::once(id)
            .chain(partners.iter().map(String::as_str))
            .map(|p| format!("'{p}'"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("safe_render_multi([{list}], '/path', default)")
    } else {
        safe.unwrap_or_else(|| format!("safe_render('{id}', '/path', default)"))
    };
    let call = if in_condition {
        format!("% if {call}:")
    } else {
        call
    };
    text!(
        "use `{call}` (platform 6.1.1): it takes the product ID as a string",
        "请改用 `{call}`（需平台 6.1.1）：它以字符串接收云产品标识"
    )
}

#[cfg(test)]
mod tests {
    use crate::chart::CONFIG_HELPERS;
    use crate::rules::tester::{help, places, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CONFIG_HELPERS)
    }

    #[test]
    fn hyphenated_ids() {
        let d = tester().findings("data_template:\n  a: ${my-db['endpoints']['admin']}\n  b: ${my-cloud-db.get('x', {})}\n  c: |-\n    % if my-db:\n    x\n    % endif\n  d: ${my-db}\n");
        assert_eq!(
            places(&d),
            [(2, 8, 35), (3, 8, 32), (5, 10, 15), (8, 8, 13)]
        );
        assert!(d[0].message.en.contains("`my - db`"));
        assert!(help(&d[0]).contains("`safe_render('my-db', '/endpoints/admin', default)`"));
        assert!(help(&d[1]).contains("`safe_render('my-cloud-db', '/x', default)`"));
        assert!(help(&d[2]).contains("% if safe_render('my-db', '/path', default):"));
    }

    #[test]
    fn spaced_minus_only_for_a_declared_id() {
        let d = tester().findings("data_template:\n  a: ${my - db['x']}\n  b: ${a - b['x']}\n  c: ${x - my-db['y']}\ndependencies:\n  services:\n    my-db: 6.0.1\n");
        assert_eq!(starts(&d), [(2, 8), (4, 12)]);
    }

    #[test]
    fn keywords() {
        let d = tester().findings("data_template:\n  a: ${return['x']}\n  b: |-\n    % if return:\n    x\n    % endif\n  c: ${my-return .get('x')}\ndependencies:\n  parallel_services:\n    - return: 6.0.1\n      proton: 6.0.1\n");
        assert_eq!(places(&d), [(2, 8, 14), (4, 10, 16), (7, 8, 17)]);
        assert!(help(&d[0]).contains("`safe_render_multi(['return', 'proton'], '/path', default)`"));
        assert!(help(&d[2]).contains("`safe_render('my-return', '/path', default)`"));
    }

    #[test]
    fn arithmetic_that_is_not_an_id() {
        tester()
            .pass([
                "data_template:\n  a: ${replicas_by_modality-1}\n  b: ${1-2}\n  c: ${p['a']-q}\n  d: ${maria_db-x}\n",
                "data_template:\n  a: ${x if y else z}\n  b: ${mariadb['a']}\n",
            ])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
