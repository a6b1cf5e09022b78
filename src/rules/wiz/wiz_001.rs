use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Checks the structure of `templates/_wizard.yaml`:
    /// - the file is a map with a `nav` map, whose values (one per role) are maps of entries;
    /// - each entry is a map with `order` (integer), `proId` (string), `title` (map) and
    ///   `wizard` (list);
    /// - each `wizard` step is a map with `content` (map) and `pics` (map with `en` and `zh-cn`);
    /// - the texts of `title` and `content` and the paths of `pics` are strings.
    ///
    /// A missing field is reported at the key of the map that lacks it, a wrong type at the
    /// value. A `title` or `content` without `en`/`zh-cn` is I18N-001's; an unknown role is
    /// WIZ-002's. An empty file is left alone (a product may have no wizard).
    ///
    /// ## Why
    /// §1.1.6.7 (云产品使用向导): the wizard is shown from `nav.<role>` entries made of `order`
    /// (新特性顺序), `proId` (云产品的上导航id), `title` (新特性中英文翻译) and `wizard`
    /// (向导内容列表) with `content` and `pics` (当前向导页中英文图片) per step. The guide's
    /// example loses its indentation halfway (`zh-cn: 我的云产品` and `wizard:` drop to the top
    /// level) — exactly the kind of slip this rule catches.
    ///
    /// ## 中文
    /// 检查 `_wizard.yaml` 的结构与类型：`nav.<角色>.<条目>` 需有 `order`（整数）、`proId`（字符串）、
    /// `title`（映射）、`wizard`（列表）；每个向导页需有 `content`（映射）与 `pics`（含 `en`、
    /// `zh-cn` 的映射），文字与图片路径为字符串。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_wizard.yaml
    /// nav:
    ///   cloud_admin:
    ///     overview:
    ///       order: 1
    ///       title:
    ///         en: My Cloud Product
    ///         zh-cn: 我的云产品
    ///       wizard:
    ///         - content:
    ///             en: Overview of the product
    ///             zh-cn: 产品概览
    ///           pics: wizard/overview.png
    /// ```
    /// ```yaml,pass,file=templates/_wizard.yaml
    /// nav:
    ///   cloud_admin:
    ///     overview:
    ///       order: 1
    ///       proId: overview
    ///       title:
    ///         en: My Cloud Product
    ///         zh-cn: 我的云产品
    ///       wizard:
    ///         - content:
    ///             en: Overview of the product
    ///             zh-cn: 产品概览
    ///           pics:
    ///             en: wizard/overview_en.png
    ///             zh-cn: wizard/overview_zh_cn.png
    /// ```
    RULE = "WIZ-001", Wiz, Error, "§1.1.6.7",
    "Wizard structure or types wrong", "使用向导的结构或类型错误", Chart(check)
}

#[derive(Clone, Copy, PartialEq)]
enum Want {
    Int,
    Str,
    Map,
    List,
}

impl Want {
    fn en(self) -> &'static str {
        match self {
            Want::Int => "an integer",
            Want::Str => "a string",
            Want::Map => "a map",
            Want::List => "a list",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Want::Int => "整数",
            Want::Str => "字符串",
            Want::Map => "映射",
            Want::List => "列表",
        }
    }
    fn fits(self, node: &Node) -> bool {
        match self {
            Want::Int => matches!(node.as_scalar().map(|s| &s.value), Some(Value::Int(_))),
            Want::Str => node.as_str().is_some(),
            Want::Map => node.as_map().is_some(),
            Want::List => node.as_seq().is_some(),
        }
    }
}

struct Ctx<'a, 'o> {
    path: &'a str,
    out: &'o mut Findings,
}

impl Ctx<'_, '_> {
    /// Report `node` (at `key` when empty) unless it is of the wanted type; true when it is.
    fn typed(&mut self, name: &str, key: Range, node: &Node, want: Want) -> bool {
        if want.fits(node) {
            return true;
        }
        let (kind, kind_zh) = (a_type(node), zh_type(node));
        let (w, w_zh) = (want.en(), want.zh());
        let range = if node.is_null() { key } else { node.range };
        self.out
            .report(
                self.path,
                Some(range),
                text!(
                    "`{name}` is {kind}, not {w}",
                    "`{name}` 是{kind_zh}，而不是{w_zh}"
                ),
            )
            .help(help(name));
        false
    }

    /// The field `key` of map `owner` (reported at `at` when missing), if present and typed.
    fn field<'n>(
        &mut self,
        owner_name: &str,
        at: Range,
        owner: &'n Node,
        key: &str,
        want: Want,
    ) -> Option<&'n Node> {
        let name = format!("{owner_name}.{key}");
        let Some(entry) = owner.entry(key) else {
            self.out
                .report(
                    self.path,
                    Some(at),
                    text!(
                        "`{owner_name}` has no `{key}`",
                        "`{owner_name}` 缺少 `{key}`"
                    ),
                )
                .help(help(&name));
            return None;
        };
        self.typed(&name, entry.key.range, &entry.value, want)
            .then_some(&entry.value)
    }
}

/// How to write the field that `name` ends with.
fn help(name: &str) -> crate::diagnostic::Text {
    let last = name.rsplit('.').next().unwrap_or(name);
    let last = last.split('[').next().unwrap_or(last);
    match last {
        "nav" => text!(
            "write `nav:` with one map per role (`cloud_admin`, `domain_admin`, `admin`, `member`)",
            "写出 `nav:`，其下每个角色（`cloud_admin`、`domain_admin`、`admin`、`member`）一个映射"
        ),
        "order" => text!(
            "`order` is an integer: `order: 1`",
            "`order` 是整数：`order: 1`"
        ),
        "proId" => text!(
            "`proId` is the navigation item's `proId`: `proId: overview`",
            "`proId` 为导航条目的 `proId`：`proId: overview`"
        ),
        "title" | "content" => text!(
            "write `en:` and `zh-cn:` texts indented under it",
            "在其下缩进写出 `en:` 与 `zh-cn:` 文字"
        ),
        "pics" => text!(
            "write `en:` and `zh-cn:` picture paths indented under `pics:`",
            "在 `pics:` 下缩进写出 `en:` 与 `zh-cn:` 图片路径"
        ),
        "en" | "zh-cn" => text!("write the text or path as a string", "请写成字符串"),
        "wizard" => text!(
            "`wizard` is a list of steps: `- content: {{en, zh-cn}}` with `pics: {{en, zh-cn}}`",
            "`wizard` 是向导页列表：`- content: {{en, zh-cn}}`，并含 `pics: {{en, zh-cn}}`"
        ),
        _ => text!(
            "each wizard entry is a map with `order`, `proId`, `title` and `wizard` (§1.1.6.7)",
            "每个向导条目是含 `order`、`proId`、`title`、`wizard` 的映射（§1.1.6.7）"
        ),
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = chart.wizard.as_ref() else {
        return;
    };
    if file.yaml.syntax_error().is_some() {
        return;
    }
    let Some(root) = file.root() else {
        return;
    };
    if root.is_null() {
        return;
    }
    let mut cx = Ctx {
        path: &file.path,
        out,
    };
    if !cx.typed("_wizard.yaml", root.range, root, Want::Map) {
        return;
    }
    let start = Range::point(root.range.start.line, root.range.start.column);
    let Some(nav) = cx.field("_wizard.yaml", start, root, "nav", Want::Map) else {
        return;
    };
    for role in nav.as_map().unwrap_or_default() {
        let role_name = format!("nav.{}", role.key.key_string());
        if !cx.typed(&role_name, role.key.range, &role.value, Want::Map) {
            continue;
        }
        for entry in role.value.as_map().unwrap_or_default() {
            let name = format!("{role_name}.{}", entry.key.key_string());
            if !cx.typed(&name, entry.key.range, &entry.value, Want::Map) {
                continue;
            }
            let (at, node) = (entry.key.range, &entry.value);
            cx.field(&name, at, node, "order", Want::Int);
            cx.field(&name, at, node, "proId", Want::Str);
            if let Some(title) = cx.field(&name, at, node, "title", Want::Map) {
                texts(&mut cx, &format!("{name}.title"), title);
            }
            let Some(steps) = cx.field(&name, at, node, "wizard", Want::List) else {
                continue;
            };
            for (i, step) in steps.as_seq().unwrap_or_default().iter().enumerate() {
                let step_name = format!("{name}.wizard[{i}]");
                if !cx.typed(&step_name, step.range, step, Want::Map) {
                    continue;
                }
                let at = Range::point(step.range.start.line, step.range.start.column);
                if let Some(content) = cx.field(&step_name, at, step, "content", Want::Map) {
                    texts(&mut cx, &format!("{step_name}.content"), content);
                }
                if let Some(pics) = cx.field(&step_name, at, step, "pics", Want::Map) {
                    let pics_at = step.entry("pics").map_or(at, |e| e.key.range);
                    let pics_name = format!("{step_name}.pics");
                    for lang in ["en", "zh-cn"] {
                        cx.field(&pics_name, pics_at, pics, lang, Want::Str);
                    }
                }
            }
        }
    }
}

/// The `en`/`zh-cn` texts of a `title` or `content` map must be strings (their absence is
/// I18N-001's).
fn texts(cx: &mut Ctx, name: &str, map: &Node) {
    for lang in ["en", "zh-cn"] {
        if let Some(e) = map.entry(lang) {
            cx.typed(&format!("{name}.{lang}"), e.key.range, &e.value, Want::Str);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::WIZARD;
    use crate::rules::tester::{help, starts, starts_and_severity, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(WIZARD)
    }

    const GOOD: &str = "\
nav:
  cloud_admin:
    overview:
      order: 1
      proId: overview
      title:
        en: My Cloud Product
        zh-cn: 我的云产品
      wizard:
        - content:
            en: Overview
            zh-cn: 概览
          pics:
            en: wizard/overview_en.png
            zh-cn: wizard/overview_zh_cn.png
";

    #[test]
    fn missing_fields_at_the_owner_key() {
        let f = tester().findings("nav:\n  member:\n    overview:\n      order: 1\n      title: {en: A, zh-cn: 甲}\n      wizard: []\n");
        assert_eq!(starts_and_severity(&f), [(3, 5, "error")], "{f:?}");
        assert!(help(&f[0]).contains("proId"), "{}", help(&f[0]));
        assert_eq!(
            starts(&tester().findings("cloud_admin: {}\n")),
            vec![(1, 1)]
        );
    }

    #[test]
    fn wrong_types_at_the_value() {
        let bad = GOOD
            .replace("order: 1", "order: \"1\"")
            .replace("proId: overview", "proId: 7");
        assert_eq!(starts(&tester().findings(bad)), vec![(4, 14), (5, 14)]);
        assert_eq!(
            starts(&tester().findings("nav:\n  member: [a]\n")),
            vec![(2, 11)]
        );
        assert_eq!(
            starts(&tester().findings("nav:\n  member:\n")),
            vec![(2, 3)]
        );
        assert_eq!(starts(&tester().findings("- nav\n")), vec![(1, 1)]);
    }

    #[test]
    fn guide_example_with_lost_indentation() {
        // The guide's example: `zh-cn` and `wizard` fell to the top level.
        let f = tester().findings("nav:\n  cloud_admin:\n    mycloud_product_overview:\n      order: 1\n      proId: mycloud_product_overview\n      title:\n        en: mycloud-product\nzh-cn: 我的云产品\nwizard:\n  - content: {en: a, zh-cn: b}\n");
        assert_eq!(starts(&f), vec![(3, 5)]);
    }

    #[test]
    fn steps_content_and_pics() {
        let bad = GOOD.replace(
            "          pics:\n            en: wizard/overview_en.png\n            zh-cn: wizard/overview_zh_cn.png\n",
            "          pics:\n            en: wizard/overview_en.png\n",
        );
        assert_eq!(starts(&tester().findings(bad)), vec![(13, 11)]);
        let bad = GOOD.replace("            en: Overview\n", "            en: [Overview]\n");
        assert_eq!(starts(&tester().findings(bad)), vec![(11, 17)]);
        let bad = GOOD.replace(
            "        - content:\n            en: Overview\n            zh-cn: 概览\n",
            "        - content:\n",
        );
        assert_eq!(starts(&tester().findings(bad)), vec![(10, 11)]);
        let bad = GOOD.replace("        - content:", "        - 3\n        - content:");
        assert_eq!(starts(&tester().findings(bad)), vec![(10, 11)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([GOOD, "# no wizard yet\n", "nav: [\n"])
            .test_and_snapshot();
    }
}
