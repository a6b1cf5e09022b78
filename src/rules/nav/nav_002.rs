use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::nav::items::{self, Item};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::{Entry, Node, Style, Value};

declare_rule! {
    /// ## What it does
    /// Checks every navigation item of `templates/_navigation.yaml` — in `nav`, in `top_nav` and
    /// in any item's `sub_nav` — for its fields and their types:
    ///
    /// | field | type |
    /// |---|---|
    /// | `proId` | string |
    /// | `name` | map with `en` and `zh-cn` |
    /// | `url` | string (may be left out by an item that has a `sub_nav`) |
    /// | `icon` | string |
    /// | `baseURI` | string |
    /// | `order` | integer |
    /// | `available` | boolean |
    /// | `wizard` | boolean |
    ///
    /// and that `top_nav` and every `sub_nav` are maps of items, and an item is a map. A missing
    /// field is reported at the item's key (with "did you mean" when a key of the item is a near
    /// miss, `proid:`, `baseUri:`), a wrong type at the value. `order: "1"` (a quoted number) and
    /// `available: "true"` are strings, not what the console compares. A `name` map that lacks
    /// `en` or `zh-cn` is I18N-001's finding. Other fields (`classify`, `category`, `layout`,
    /// `src`) are allowed.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品导航) lists the item fields: `name` (导航中英文翻译), `icon`, `order`
    /// (导航顺序), `url`, `baseURI` (导航基础路由), `available` (导航可见性), `wizard` (是否有向导数据);
    /// its example adds `proId`, which the wizard (`proId`: 云产品的上导航id) and the console use to
    /// identify the item. `sub_nav` and `top_nav` take "属性参见 `nav`": the same fields. When the
    /// top navigation is derived from `nav`, an item with a `sub_nav` shows "sub_nav 的第一个 url":
    /// so such an item may leave its own `url` out.
    ///
    /// ## 中文
    /// `_navigation.yaml` 中 `nav`、`top_nav` 及各 `sub_nav` 下的每个导航项须包含 `proId`（字符串）、
    /// `name`（含 `en`、`zh-cn` 的映射）、`url`（有 `sub_nav` 的导航项可省略）、`icon`、`baseURI`（字符串）、
    /// `order`（整数）、`available`、`wizard`（布尔值）。缺少字段报在导航项的键上，类型错误报在值上。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud-product/overview
    ///     baseURI: /mycloud-product/
    ///     order: "1"
    ///     available: true
    ///     wizard: false
    /// ```
    /// ```yaml,pass,file=templates/_navigation.yaml
    /// category: mycloud-product
    /// name:
    ///   en: My Cloud Product
    ///   zh-cn: 我的云产品
    /// nav:
    ///   overview:
    ///     proId: overview
    ///     name:
    ///       zh-cn: 概览
    ///       en: Overview
    ///     url: /mycloud-product/overview
    ///     icon: overview
    ///     baseURI: /mycloud-product/
    ///     order: 1
    ///     available: true
    ///     wizard: false
    /// ```
    RULE = "NAV-002", Nav, Error, "§1.1.6.7",
    "Navigation item field missing or of the wrong type", "导航项缺少字段或字段类型错误",
    Chart(check)
}

#[derive(Clone, Copy, PartialEq)]
enum Type {
    Str,
    Map,
    Int,
    Bool,
}

/// The fields of an item, in the guide's example order.
const FIELDS: &[(&str, Type)] = &[
    ("proId", Type::Str),
    ("name", Type::Map),
    ("url", Type::Str),
    ("icon", Type::Str),
    ("baseURI", Type::Str),
    ("order", Type::Int),
    ("available", Type::Bool),
    ("wizard", Type::Bool),
];

/// Every key an item may have (for near-miss suggestions).
const KNOWN: &[&str] = &[
    "proId",
    "name",
    "url",
    "icon",
    "baseURI",
    "order",
    "available",
    "wizard",
    "category",
    "classify",
    "layout",
    "src",
    "sub_nav",
];

fn check(chart: &Chart, out: &mut Findings) {
    let Some((file, root)) = items::navigation(chart) else {
        return;
    };
    let path = &file.path;
    if let Some(e) = root.entry("top_nav") {
        not_a_map(path, e, "top_nav", out);
    }
    for item in items::items(root) {
        check_item(path, &item, out);
    }
}

fn range_of(e: &Entry) -> crate::diagnostic::Range {
    if e.value.is_null() {
        e.key.range
    } else {
        e.value.range
    }
}

/// Report a `top_nav`/`sub_nav` that is not a map of items (an empty one is allowed).
fn not_a_map(path: &str, e: &Entry, key: &str, out: &mut Findings) {
    if e.value.as_map().is_some() || e.value.is_null() {
        return;
    }
    let kind = a_type(&e.value);
    let kind_zh = zh_type(&e.value);
    out.report(
        path,
        Some(range_of(e)),
        text!(
            "`{key}` is {kind}, not a map of navigation items",
            "`{key}` 是 {kind_zh}，而不是导航项的映射"
        ),
    )
    .help(text!(
        "write `{key}:` with one key per item under it, each item a map with `proId`, `name`, `url`, …, as in `nav`",
        "`{key}:` 下每个导航项一个键，每项是与 `nav` 相同的映射（`proId`、`name`、`url` 等）"
    ));
}

fn type_ok(node: &Node, ty: Type) -> bool {
    match ty {
        Type::Str => node.as_str().is_some_and(|s| !s.trim().is_empty()),
        Type::Map => node.as_map().is_some(),
        Type::Int => matches!(node.as_scalar().map(|s| s.value), Some(Value::Int(_))),
        Type::Bool => matches!(node.as_scalar().map(|s| s.value), Some(Value::Bool(_))),
    }
}

fn type_words(ty: Type) -> (&'static str, &'static str) {
    match ty {
        Type::Str => ("a non-empty string", "非空字符串"),
        Type::Map => ("a map with `en` and `zh-cn`", "含 `en`、`zh-cn` 的映射"),
        Type::Int => ("an integer", "整数"),
        Type::Bool => ("`true` or `false`", "`true` 或 `false`"),
    }
}

fn check_item(path: &str, item: &Item, out: &mut Findings) {
    let where_ = item.path();
    let Some(entries) = item.node().as_map() else {
        let kind = a_type(item.node());
        let kind_zh = zh_type(item.node());
        out.report(
            path,
            Some(range_of(item.entry)),
            text!(
                "navigation item `{where_}` is {kind}, not a map of its fields",
                "导航项 `{where_}` 是 {kind_zh}，而不是字段映射"
            ),
        )
        .help(text!(
            "an item is a map: `proId`, `name` (`en`, `zh-cn`), `url`, `icon`, `baseURI`, `order`, `available`, `wizard`",
            "导航项是映射：`proId`、`name`（`en`、`zh-cn`）、`url`、`icon`、`baseURI`、`order`、`available`、`wizard`"
        ));
        return;
    };
    if let Some(sub) = item.sub_nav() {
        not_a_map(path, sub, "sub_nav", out);
    }
    let has_sub_nav = item
        .sub_nav()
        .and_then(|s| s.value.as_map())
        .is_some_and(|m| !m.is_empty());
    for &(field, ty) in FIELDS {
        let (want, want_zh) = type_words(ty);
        match item.field(field) {
            None => {
                if field == "url" && has_sub_nav {
                    continue;
                }
                let look_alike = entries.iter().find_map(|e| {
                    let k = e.key.key_string();
                    (!KNOWN.contains(&k.as_str()) && nearest(&k, &[field]).is_some()).then_some(k)
                });
                let d = out.report(
                    path,
                    Some(item.entry.key.range),
                    text!(
                        "navigation item `{where_}` has no `{field}`",
                        "导航项 `{where_}` 缺少 `{field}`"
                    ),
                );
                match look_alike {
                    Some(k) => d.help(text!(
                        "did you mean `{field}`? (`{k}` is not an item field; names are case-sensitive)",
                        "是否应为 `{field}`？（`{k}` 不是导航项字段；字段名区分大小写）"
                    )),
                    None => d.help(text!(
                        "add `{field}:` ({want}) to the item",
                        "请为该导航项添加 `{field}:`（{want_zh}）"
                    )),
                };
            }
            Some(e) if !type_ok(&e.value, ty) => {
                let kind = a_type(&e.value);
                let kind_zh = zh_type(&e.value);
                let shown = match e.value.as_scalar() {
                    Some(s) if s.style == Style::Plain && !s.text.is_empty() => {
                        format!("`{field}: {}`", s.text)
                    }
                    Some(s) if !s.text.is_empty() => format!("`{field}: \"{}\"`", s.text),
                    _ => format!("`{field}`"),
                };
                let d = out.report(
                    path,
                    Some(range_of(e)),
                    text!(
                        "{shown} of `{where_}` is {kind}, not {want}",
                        "`{where_}` 的 {shown} 是 {kind_zh}，而不是{want_zh}"
                    ),
                );
                let quoted = e.value.as_str().map(str::trim);
                match (ty, quoted) {
                    (Type::Int, Some(s)) if s.parse::<i64>().is_ok() => d.help(text!(
                        "remove the quotes: `{field}: {s}`",
                        "去掉引号：`{field}: {s}`"
                    )),
                    (Type::Bool, Some(s)) if matches!(s, "true" | "false") => d.help(text!(
                        "remove the quotes: `{field}: {s}`",
                        "去掉引号：`{field}: {s}`"
                    )),
                    _ => d.help(text!(
                        "write `{field}:` as {want}",
                        "`{field}` 应为{want_zh}"
                    )),
                };
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::NAVIGATION;
    use crate::rules::tester::{help, starts, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(NAVIGATION)
    }

    const HEAD: &str = "category: c\nname: {en: A, zh-cn: 甲}\nnav:\n";

    #[test]
    fn missing_fields_at_the_item_key() {
        let body = format!(
            "{HEAD}  a:\n    proid: a\n    name: {{en: A, zh-cn: 甲}}\n    url: /a\n    icon: a\n    baseURI: /\n    order: 1\n    available: true\n"
        );
        let d = tester().findings(body);
        assert_eq!(starts(&d), vec![(4, 3), (4, 3)], "{d:?}");
        assert!(d[0].message.en.contains("`proId`"));
        assert!(help(&d[0]).contains("did you mean `proId`"));
        assert!(d[1].message.en.contains("`wizard`"));
    }

    #[test]
    fn wrong_types_at_the_value() {
        let body = format!(
            "{HEAD}  a:\n    proId: 7\n    name: A\n    url: /a\n    icon: a\n    baseURI: /\n    order: \"1\"\n    available: \"true\"\n    wizard: 0\n"
        );
        let d = tester().findings(body);
        assert_eq!(
            starts(&d),
            vec![(5, 12), (6, 11), (10, 12), (11, 16), (12, 13)],
            "{d:?}"
        );
        assert!(help(&d[2]).contains("remove the quotes"));
        assert!(
            d[2].message
                .en
                .starts_with("`order: \"1\"` of `nav.a` is a string"),
            "{}",
            d[2].message.en
        );
        assert!(d[0]
            .message
            .en
            .starts_with("`proId: 7` of `nav.a` is an integer"));
    }

    #[test]
    fn sub_nav_and_top_nav_items_are_checked() {
        let item = "{proId: x, name: {en: X, zh-cn: 叉}, url: /x, icon: x, baseURI: /, order: 1, available: true, wizard: false}";
        let body = format!(
            "{HEAD}  a:\n    proId: a\n    name: {{en: A, zh-cn: 甲}}\n    icon: a\n    baseURI: /\n    order: 1\n    available: true\n    wizard: false\n    sub_nav:\n      x: {item}\n      q: {{proId: q}}\ntop_nav:\n  t: {item}\n  u: 3\n"
        );
        let d = tester().findings(body);
        // `a` has a sub_nav, so no `url` needed; `q` misses seven fields; `u` is no map.
        assert_eq!(d.len(), 8, "{d:?}");
        assert_eq!(starts(&d)[0], (14, 7));
        assert_eq!(starts(&d)[7], (17, 6));
    }

    /// The guide's example as printed: a page break cuts `policy` after its `proId`, and the
    /// second half starts at column 1, so `policy` is left with only its `proId`.
    #[test]
    fn the_guides_page_break() {
        let printed = "category: security\nname:\n  en: Identity & Access Management\n  zh-cn: 身份与访问管理\nnav:\n  role:\n    proId: role\n    name:\n      zh-cn: 角色\n      en: Role\n    url: /iam/roles\n    icon: role\n    classify: identity\n    baseURI: /iam/\n    order: 4\n    available: true\n    wizard: false\n  policy:\n    proId: policy\nurl: /iam/policies\nicon: policy\n";
        let d = tester().findings(printed);
        assert_eq!(d.len(), 7, "{d:?}");
        assert!(starts(&d).iter().all(|p| *p == (18, 3)));
    }

    #[test]
    fn top_nav_not_a_map() {
        let item = "{proId: x, name: {en: X, zh-cn: 叉}, url: /x, icon: x, baseURI: /, order: 1, available: true, wizard: false}";
        let d = tester().findings(format!("{HEAD}  x: {item}\ntop_nav: [x]\n"));
        assert_eq!(starts(&d), vec![(5, 10)], "{d:?}");
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
