use crate::chart::{Chart, YamlFile};
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Entry, Node};

declare_rule! {
    /// ## What it does
    /// Checks every bilingual text map of the navigation files for both languages, `en` and
    /// `zh-cn`:
    /// - `_navigation.yaml`: the product's `name` and every item's `name` (in `nav`, `top_nav`,
    ///   `sub_nav`);
    /// - `_category.yaml`: every category's `name`;
    /// - `_wizard.yaml`: every entry's `title` and every step's `content`
    ///   (`nav.<role>.<key>.wizard[].content`).
    ///
    /// A missing language is reported at the map's key (`name:`); a near-miss key (`zh_cn`,
    /// `zh-CN`, `zh`, `cn`, `EN`) is pointed at with the right spelling; an empty text (`en:`,
    /// `en: ""`) is reported at its key. A `name`/`title`/`content` that is not a map at all is the
    /// structural rules' finding (NAV-001/002, CAT-001, WIZ-001), not this one's.
    ///
    /// ## Why
    /// §1.1.6.7: each of these is "中英文翻译" and every example writes it as `en:` plus
    /// `zh-cn:` (lowercase, with a hyphen). The console picks the key of the user's language; a
    /// missing one shows an empty label (or an empty wizard page) to every user of that language.
    ///
    /// ## 中文
    /// 导航相关文件（`_navigation.yaml` 的 `name`、`_category.yaml` 的 `name`、`_wizard.yaml` 的
    /// `title` 与 `content`）中的中英文映射缺少 `en` 或 `zh-cn`，或其值为空。`zh_cn`、`zh-CN`、`zh`
    /// 等写法会被指出并给出正确键名 `zh-cn`。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/_category.yaml
    /// mycloud-product:
    ///   id: mycloud-product
    ///   icon: mycloud-product
    ///   name:
    ///     en: My Cloud Product
    ///     zh_cn: 我的云产品
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
    RULE = "I18N-001", I18n, Error, "§1.1.6.7",
    "Bilingual text lacks en or zh-cn", "中英文文本缺少 en 或 zh-cn", Chart(check)
}

/// The two languages of every text map.
pub const LANGS: &[&str] = &["en", "zh-cn"];

/// One bilingual text map of a navigation file: `name:`, `title:` or `content:`.
pub struct TextMap<'c> {
    pub file: &'c YamlFile,
    /// Where, for messages: `name`, `nav.overview.name`, `mycloud-product.name`,
    /// `nav.member.overview.wizard[0].content`.
    pub path: String,
    /// The `name:`/`title:`/`content:` entry; its value is a map.
    pub entry: &'c Entry,
}

fn parsed(file: &Option<YamlFile>) -> Option<(&YamlFile, &Node)> {
    let file = file.as_ref()?;
    if file.yaml.syntax_error().is_some() {
        return None;
    }
    Some((file, file.root()?))
}

/// Every text map (`name`, `title`, `content` whose value is a map) of `_navigation.yaml`,
/// `_category.yaml` and `_wizard.yaml`, in file order.
pub fn text_maps<'c>(chart: &'c Chart) -> Vec<TextMap<'c>> {
    let mut out = Vec::new();
    let mut push = |file: &'c YamlFile, path: String, parent: &'c Node, key: &str| {
        if let Some(entry) = parent.entry(key) {
            if entry.value.as_map().is_some() {
                out.push(TextMap {
                    file,
                    path: format!("{path}{key}"),
                    entry,
                });
            }
        }
    };
    if let Some((file, root)) = parsed(&chart.navigation) {
        push(file, String::new(), root, "name");
        for item in crate::rules::nav::items::items(root) {
            push(file, format!("{}.", item.path()), item.node(), "name");
        }
    }
    if let Some((file, root)) = parsed(&chart.category) {
        for cat in root.as_map().unwrap_or_default() {
            push(
                file,
                format!("{}.", cat.key.key_string()),
                &cat.value,
                "name",
            );
        }
    }
    if let Some((file, root)) = parsed(&chart.wizard) {
        let roles = root.get("nav").and_then(Node::as_map).unwrap_or_default();
        for role in roles {
            let role_key = role.key.key_string();
            for e in role.value.as_map().unwrap_or_default() {
                let base = format!("nav.{role_key}.{}.", e.key.key_string());
                push(file, base.clone(), &e.value, "title");
                let steps = e
                    .value
                    .get("wizard")
                    .and_then(Node::as_seq)
                    .unwrap_or_default();
                for (i, step) in steps.iter().enumerate() {
                    push(file, format!("{base}wizard[{i}]."), step, "content");
                }
            }
        }
    }
    out
}

/// A key that means `lang` but is spelled otherwise (`zh_cn`, `zh-CN`, `zh`, `cn`, `EN`).
fn means(key: &str, lang: &str) -> bool {
    if key == lang {
        return false;
    }
    let k = key.to_lowercase().replace('_', "-");
    match lang {
        "en" => matches!(k.as_str(), "en" | "en-us" | "en-gb" | "english" | "eng"),
        _ => matches!(
            k.as_str(),
            "zh-cn" | "zh" | "cn" | "zh-hans" | "zh-hans-cn" | "zhcn" | "chinese" | "zh-ch"
        ),
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    for map in text_maps(chart) {
        let fields = map.entry.value.as_map().unwrap_or_default();
        let what = &map.path;
        for &lang in LANGS {
            match map.entry.value.entry(lang) {
                Some(e) => {
                    let empty =
                        e.value.is_null() || e.value.as_str().is_some_and(|s| s.trim().is_empty());
                    if empty {
                        out.report(
                            &map.file.path,
                            Some(e.key.range),
                            text!("`{what}.{lang}` is empty", "`{what}.{lang}` 为空"),
                        )
                        .help(text!("write the {lang} text", "请填写 {lang} 文本"));
                    }
                }
                None => {
                    let alike = fields.iter().find(|f| means(&f.key.key_string(), lang));
                    match alike {
                        Some(f) => {
                            let k = f.key.key_string();
                            out.report(
                                &map.file.path,
                                Some(f.key.range),
                                text!(
                                    "`{what}` has no `{lang}`: `{k}` is not read",
                                    "`{what}` 缺少 `{lang}`：`{k}` 不会被读取"
                                ),
                            )
                            .help(text!(
                                "the key is spelled `{lang}` (lowercase{}): rename `{k}` to `{lang}`",
                                "键名应为 `{lang}`（小写{}）：请将 `{k}` 改为 `{lang}`",
                                if lang == "zh-cn" { ", with a hyphen" } else { "" }
                            ));
                        }
                        None => {
                            out.report(
                                &map.file.path,
                                Some(map.entry.key.range),
                                text!(
                                    "`{what}` has no `{lang}` text",
                                    "`{what}` 缺少 `{lang}` 文本"
                                ),
                            )
                            .help(text!(
                                "add `{lang}:` under `{what}`: the console shows it to {} users",
                                "请在 `{what}` 下添加 `{lang}:`：控制台向{}用户显示该文本",
                                if lang == "en" { "English" } else { "Chinese" }
                            ));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::{CATEGORY, NAVIGATION, WIZARD};
    use crate::rules::tester::{help, starts, with, Case, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    #[test]
    fn navigation_names() {
        let d = tester().findings(with(
            NAVIGATION,
            "category: c\nname:\n  en: A\nnav:\n  a:\n    name: {en: A, zh-CN: 甲}\n    sub_nav:\n      b:\n        name:\n          en:\n          zh-cn: 乙\n",
        ));
        assert_eq!(starts(&d), vec![(2, 1), (6, 19), (10, 11)], "{d:?}");
        assert!(help(&d[1]).contains("rename `zh-CN` to `zh-cn`"));
        assert!(d[2].message.en.contains("`a.sub_nav.b.name.en` is empty"));
    }

    #[test]
    fn wizard_titles_and_contents() {
        let d = tester().findings(with(
            WIZARD,
            "nav:\n  member:\n    overview:\n      proId: overview\n      title:\n        zh-cn: 概览\n      wizard:\n        - content:\n            en: A\n            zh-cn: 甲\n        - content:\n            en: B\n",
        ));
        assert_eq!(starts(&d), vec![(5, 7), (11, 11)], "{d:?}");
        assert!(d[1].message.en.contains("wizard[1].content"));
    }

    #[test]
    fn not_a_map_is_left_to_structure_rules() {
        tester()
            .pass([with(CATEGORY, "a:\n  id: a\n  name: A\n")])
            .test();
    }

    #[test]
    fn pass_and_fail() {
        tester().pass([Case::default()]).test_and_snapshot();
    }
}
