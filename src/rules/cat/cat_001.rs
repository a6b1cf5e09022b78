use crate::chart::{Chart, CATEGORY};
use crate::declare_rule;
use crate::diagnostic::{Range, Severity};
use crate::rules::acl::acl_001::{a_type, zh_type};
use crate::rules::Findings;
use crate::suggest::nearest;
use crate::text;
use crate::yaml::{Entry, Value};

declare_rule! {
    /// ## What it does
    /// Checks every entry of `templates/_category.yaml` (a map from category name to category):
    /// - the entry is a map;
    /// - `id` is present and equal to the entry's key (reported at `id`, or at the key when
    ///   missing);
    /// - `name` is a map (its `en`/`zh-cn` are I18N-001's to check);
    /// - `icon` is a non-empty string;
    /// - `navigations` is a list (`[]`) — missing is a warning;
    /// - `dynamicNumber` is a number — missing is a warning.
    ///
    /// A missing field is reported at the entry's key, with "did you mean" for a near miss
    /// (`dynamicnumber:`, `Id:`); a wrong type at the value. A top level that is not a map is an
    /// error; a file that does not parse is HELM-001's.
    ///
    /// ## Why
    /// §1.1.6.7 (云产品自定义导航分类): "id (e.g.: mycloud-product)：需要和名称一致",
    /// "dynamicNumber：动态排序保留字段，可以为任意数字", and the example gives each category
    /// `id`, `icon`, `name.{en,zh-cn}`, `navigations: []` and `dynamicNumber`. The guide's prose
    /// for `mycloud-product-b` is broken across a page (its `icon` and names float out of the
    /// list); its YAML is the reference here.
    ///
    /// ## 中文
    /// `_category.yaml` 中每个分类须为映射：`id` 与分类名（键）一致，`name` 为映射（`en`/`zh-cn` 由
    /// I18N-001 检查），`icon` 为非空字符串，`navigations` 为列表（缺少时警告），`dynamicNumber`
    /// 为数字（缺少时警告）（§1.1.6.7）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_category.yaml
    /// mycloud-product:
    ///   id: mycloud-product-a
    ///   icon: mycloud-product
    ///   name:
    ///     en: My Cloud Product
    ///     zh-cn: 我的云产品
    ///   navigations: []
    ///   dynamicNumber: 1
    /// ```
    /// ```yaml,pass,file=templates/_category.yaml
    /// mycloud-product:
    ///   id: mycloud-product
    ///   icon: mycloud-product
    ///   name:
    ///     en: My Cloud Product
    ///     zh-cn: 我的云产品
    ///   navigations: []
    ///   dynamicNumber: 1
    /// ```
    RULE = "CAT-001", Cat, Error | Warning, "§1.1.6.7",
    "Invalid _category.yaml entry", "_category.yaml 分类定义无效", Chart(check)
}

const KNOWN: &[&str] = &["id", "icon", "name", "navigations", "dynamicNumber"];

fn value_range(e: &Entry) -> Range {
    if e.value.is_null() {
        e.key.range
    } else {
        e.value.range
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(file) = &chart.category else {
        return;
    };
    if file.yaml.syntax_error().is_some() {
        return;
    }
    let root = match file.root() {
        Some(r) if !r.is_null() => r,
        _ => return,
    };
    let Some(entries) = root.as_map() else {
        let kind = a_type(root);
        let kind_zh = zh_type(root);
        out.report(
            &file.path,
            Some(root.range),
            text!(
                "the top level of `{CATEGORY}` is {kind}, not a map from category name to category",
                "`{CATEGORY}` 的顶层是 {kind_zh}，而不是由分类名到分类定义的映射"
            ),
        )
        .help(text!(
            "write one key per category, each a map with `id`, `icon`, `name`, `navigations`, `dynamicNumber` (§1.1.6.7)",
            "每个分类一个键，其值为包含 `id`、`icon`、`name`、`navigations`、`dynamicNumber` 的映射（§1.1.6.7）"
        ));
        return;
    };
    for cat in entries {
        check_entry(&file.path, cat, out);
    }
}

fn check_entry(path: &str, cat: &Entry, out: &mut Findings) {
    let key = cat.key.key_string();
    let Some(fields) = cat.value.as_map() else {
        let kind = a_type(&cat.value);
        let kind_zh = zh_type(&cat.value);
        out.report(
            path,
            Some(value_range(cat)),
            text!(
                "category `{key}` is {kind}, not a map",
                "分类 `{key}` 是 {kind_zh}，而不是映射"
            ),
        )
        .help(text!(
            "give `{key}` its `id: {key}`, `icon`, `name` (`en`, `zh-cn`), `navigations: []` and `dynamicNumber`",
            "请为 `{key}` 填写 `id: {key}`、`icon`、`name`（`en`、`zh-cn`）、`navigations: []` 和 `dynamicNumber`"
        ));
        return;
    };
    let missing = |field: &str, out: &mut Findings, warning: bool| {
        let look_alike = fields.iter().find_map(|e| {
            let k = e.key.key_string();
            (!KNOWN.contains(&k.as_str()) && nearest(&k, &[field]).is_some()).then_some(k)
        });
        let d = out.report(
            path,
            Some(cat.key.range),
            text!(
                "category `{key}` has no `{field}`",
                "分类 `{key}` 缺少 `{field}`"
            ),
        );
        if warning {
            d.severity(Severity::Warning);
        }
        match look_alike {
            Some(k) => d.help(text!(
                "did you mean `{field}`? (`{k}` is not a category field; names are case-sensitive)",
                "是否应为 `{field}`？（`{k}` 不是分类字段；字段名区分大小写）"
            )),
            None => d.help(match field {
                "id" => text!("add `id: {key}`", "请添加 `id: {key}`"),
                "navigations" => text!("add `navigations: []`", "请添加 `navigations: []`"),
                "dynamicNumber" => text!(
                    "add `dynamicNumber: 1` (a number reserved for dynamic ordering)",
                    "请添加 `dynamicNumber: 1`（动态排序保留字段，任意数字）"
                ),
                "name" => text!(
                    "add `name:` with `en:` and `zh-cn:` under it",
                    "请添加 `name:`，并在其下写 `en:` 和 `zh-cn:`"
                ),
                _ => text!(
                    "add `{field}:` (the category's icon name)",
                    "请添加 `{field}:`（分类的图标名）"
                ),
            }),
        };
    };
    let wrong = |e: &Entry, want: &str, want_zh: &str, out: &mut Findings| {
        let kind = a_type(&e.value);
        let kind_zh = zh_type(&e.value);
        let field = e.key.key_string();
        out.report(
            path,
            Some(value_range(e)),
            text!(
                "`{field}` of category `{key}` is {kind}, not {want}",
                "分类 `{key}` 的 `{field}` 是 {kind_zh}，而不是{want_zh}"
            ),
        )
        .help(text!(
            "write `{field}` as {want}",
            "`{field}` 应为{want_zh}"
        ));
    };
    match cat.value.entry("id") {
        None => missing("id", out, false),
        Some(e) => match e.value.as_str() {
            Some(id) if id == key => {}
            Some(id) => {
                out.report(
                    path,
                    Some(e.value.range),
                    text!(
                        "`id: {id}` differs from the category's name `{key}`",
                        "`id: {id}` 与分类名 `{key}` 不一致"
                    ),
                )
                .help(text!(
                    "the id must equal the category's key: `id: {key}` (or rename the key to `{id}`)",
                    "id 必须与分类名一致：`id: {key}`（或将键名改为 `{id}`）"
                ));
            }
            None => wrong(e, "a string equal to the key", "与键名相同的字符串", out),
        },
    }
    match cat.value.entry("icon") {
        None => missing("icon", out, false),
        Some(e) if e.value.as_str().is_none_or(|s| s.trim().is_empty()) => {
            wrong(e, "a non-empty string", "非空字符串", out)
        }
        Some(_) => {}
    }
    match cat.value.entry("name") {
        None => missing("name", out, false),
        Some(e) if e.value.as_map().is_none() => wrong(
            e,
            "a map with `en` and `zh-cn`",
            "含 `en`、`zh-cn` 的映射",
            out,
        ),
        Some(_) => {}
    }
    match cat.value.entry("navigations") {
        None => missing("navigations", out, true),
        Some(e) if e.value.as_seq().is_none() => wrong(e, "a list (`[]`)", "列表（`[]`）", out),
        Some(_) => {}
    }
    match cat.value.entry("dynamicNumber") {
        None => missing("dynamicNumber", out, true),
        Some(e)
            if !matches!(
                e.value.as_scalar().map(|s| s.value),
                Some(Value::Int(_) | Value::Float(_))
            ) =>
        {
            wrong(e, "a number", "数字", out)
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CATEGORY;
    use crate::diagnostic::Severity;
    use crate::rules::tester::{help, starts, without, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CATEGORY)
    }

    #[test]
    fn fields_missing_and_wrong() {
        let d = tester().findings("a:\n  id: b\n  icon: \"\"\n  name: A\n  navigations: {}\n  dynamicNumber: \"1\"\nc:\n  Id: c\n  name: {en: C, zh-cn: 丙}\n");
        assert_eq!(
            starts(&d),
            vec![
                (2, 7),
                (3, 9),
                (4, 9),
                (5, 16),
                (6, 18),
                (7, 1),
                (7, 1),
                (7, 1),
                (7, 1)
            ],
            "{d:?}"
        );
        assert!(help(&d[5]).contains("did you mean `id`"));
        assert_eq!(d[7].severity, Severity::Warning);
    }

    #[test]
    fn not_maps() {
        assert_eq!(starts(&tester().findings("- a\n")), vec![(1, 1)]);
        assert_eq!(starts(&tester().findings("a: 1\n")), vec![(1, 4)]);
    }

    #[test]
    fn guide_example_passes() {
        let guide = "mycloud-product-a:\n  id: mycloud-product-a\n  icon: mycloud-product-a\n  name:\n    en: mycloud-product-a\n    zh-cn: 云产品-a\n  navigations: []\n  dynamicNumber: 1\n\nmycloud-product-b:\n  id: mycloud-product-b\n  icon: mycloud-product-b\n  name:\n    en: mycloud-product-b\n    zh-cn: 云产品-b\n  navigations: []\n  dynamicNumber: 1\n";
        tester().pass([guide]).test();
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Good and absent.
                Case::default(),
                without(CATEGORY),
                "# none\n".into(),
            ])
            .test_and_snapshot();
    }
}
